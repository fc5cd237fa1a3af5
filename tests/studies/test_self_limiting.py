"""Self-limiting lithiation (SLD) of particles held at 0 V vs the carrier metal."""

import numpy as np
import pybamm
import pytest

from pybamm_alloying.studies.self_limiting import arrest_fraction, self_limiting_lithiation

PHI = "Negative electrode front compressive fraction"


@pytest.fixture(scope="module")
def silicon():
    return self_limiting_lithiation(pybamm.ParameterValues("LiSi_NMC811"), [90e-9, 150e-9, 200e-9])


def test_silicon_arrests_near_half_lithiated(silicon):
    assert silicon["arrested"].all()
    assert silicon["arrest fraction"].between(0.3, 0.7).all()


def test_arrest_matches_the_closed_form_driving_force(silicon):
    np.testing.assert_allclose(
        silicon["arrest fraction"], silicon["closed-form arrest fraction"], rtol=0.01
    )


def test_penetration_depth_and_arrest_time_scale_with_size(silicon):
    """Scale-free continuum: the same arrest fraction, depth and time proportional to R."""
    per_diameter = silicon[["penetration depth [m]", "arrest time [s]"]].div(
        silicon["diameter [m]"], axis=0
    )
    np.testing.assert_allclose(per_diameter / per_diameter.iloc[0], 1, rtol=0.02)


def test_reference_front_state_overshoots_the_observed_arrest():
    """Zhao et al.'s front state (phi = 0): the model arrests Si far beyond ~50 %."""
    values = pybamm.ParameterValues("LiSi_NMC811")
    values[PHI] = 0.0
    result = self_limiting_lithiation(values, [150e-9])
    assert result["arrest fraction"].iloc[0] > 0.7
    assert result["arrest fraction"].iloc[0] == pytest.approx(
        result["closed-form arrest fraction"].iloc[0], rel=0.01
    )


def test_germanium_lithiates_fully():
    result = self_limiting_lithiation(pybamm.ParameterValues("LiGe_NMC811"), [160e-9, 620e-9])
    assert (result["arrest fraction"] > 0.98).all()
    assert not result["arrested"].any()


@pytest.mark.parametrize("geometry", ["cylindrical", "planar"])
def test_wires_and_films_arrest_where_the_closed_form_says(geometry):
    values = pybamm.ParameterValues("LiSi_NMC811")
    result = self_limiting_lithiation(values, [150e-9], geometry=geometry)
    assert 0 < result["arrest fraction"].iloc[0] < 1
    assert result["arrest fraction"].iloc[0] == pytest.approx(
        arrest_fraction(values, 0.0, geometry), rel=0.01
    )
