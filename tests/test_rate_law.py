"""fit_rate_law recovers known power laws and refuses data it cannot fit."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pybamm_alloying import fit_rate_law


@settings(max_examples=50, deadline=None)
@given(
    n=st.floats(0.3, 1.2),
    prefactor=st.floats(1e-12, 1e-6),
    offset=st.floats(0, 1e-7),
)
def test_exact_power_law_is_recovered(n, prefactor, offset):
    t = np.linspace(0, 1e4, 200)
    fit = fit_rate_law(t, offset + prefactor * t**n)
    assert fit.n == pytest.approx(n, abs=1e-9)
    assert fit.prefactor == pytest.approx(prefactor, rel=1e-6)
    assert fit.r_squared == pytest.approx(1)


def test_regime_follows_the_exponent():
    t = np.linspace(0, 100, 50)
    assert fit_rate_law(t, t).regime == "ICR"
    assert fit_rate_law(t, np.sqrt(t)).regime == "DCR"
    assert fit_rate_law(t, t**0.7).regime == "mixed"


def test_noisy_data_gives_a_confidence_interval_that_covers_the_truth():
    rng = np.random.default_rng(1)
    t = np.linspace(0, 1e3, 300)
    L = t**0.5 * (1 + 0.01 * rng.standard_normal(t.size))
    fit = fit_rate_law(t, L)
    assert 0 < fit.n_ci95 < 0.05
    assert abs(fit.n - 0.5) < fit.n_ci95


@pytest.mark.parametrize(
    "t, L, message",
    [
        (np.arange(5.0), np.zeros(5), "did not advance"),
        (np.arange(5.0), np.arange(4.0), "same length"),
        (np.arange(3.0), np.array([0.0, 0.0, 1.0]), "at least 3"),
    ],
)
def test_unfittable_data_is_refused(t, L, message):
    with pytest.raises(ValueError, match=message):
        fit_rate_law(t, L)


def test_fit_range_must_be_ordered_fractions():
    with pytest.raises(ValueError, match="fit_range"):
        fit_rate_law(np.arange(10.0), np.arange(10.0), fit_range=(0.9, 0.1))
