"""Self-limiting lithiation (SLD) of particles held at 0 V vs the carrier metal.

The two observations that set the Li-Si front interface energy and front compressive
fraction (docs/theory.md §10, "Size effect") are tested here as calibration targets; the
rest (Ge, wires, the large-particle limit, the single-particle model against the closed
form) are consequences of the equations.
"""

import numpy as np
import pybamm
import pytest

from pybamm_alloying.studies.self_limiting import (
    arrest_fraction,
    critical_full_lithiation_diameter,
    self_limiting_lithiation,
)

PHI = "Negative electrode front compressive fraction"
GAMMA = "Negative electrode front interface energy [J.m-2]"
ARRESTING = [100e-9, 150e-9, 200e-9]


@pytest.fixture(scope="module")
def silicon():
    return self_limiting_lithiation(
        pybamm.ParameterValues("LiSi_NMC811"), [40e-9, 60e-9, *ARRESTING]
    ).set_index("diameter [m]")


def test_small_silicon_spheres_lithiate_fully(silicon):
    assert silicon.loc[40e-9, "arrest fraction"] > 0.95
    assert not silicon.loc[40e-9, "arrested"]


@pytest.mark.xfail(
    strict=True,
    reason="calibration target missed: with 100 nm held at <= 0.60 the Laplace pressure "
    "carries fronts through only below 43 nm; a 60 nm sphere arrests at 0.76 (theory.md §10)",
)
def test_sixty_nanometre_silicon_spheres_lithiate_fully(silicon):
    assert silicon.loc[60e-9, "arrest fraction"] > 0.95


def test_silicon_spheres_of_100_to_200_nm_arrest_near_half(silicon):
    fractions = silicon.loc[ARRESTING, "arrest fraction"]
    assert fractions.between(0.45, 0.60).all()
    assert silicon.loc[ARRESTING, "arrested"].all()


def test_arrest_fraction_does_not_rise_with_size(silicon):
    assert (np.diff(silicon["arrest fraction"].to_numpy()) <= 1e-9).all()


def test_single_particle_arrests_where_the_closed_form_says(silicon):
    np.testing.assert_allclose(
        silicon["arrest fraction"], silicon["closed-form arrest fraction"], rtol=0.01
    )


def test_large_particles_recover_the_scale_free_closed_form():
    """At 10 um the Laplace pressure is negligible: Zhao's closed form without gamma."""
    values = pybamm.ParameterValues("LiSi_NMC811")
    with_length = arrest_fraction(values, 0.0, radius=5e-6)
    values[GAMMA] = 0.0
    scale_free = arrest_fraction(values, 0.0, radius=5e-6)
    assert with_length == pytest.approx(scale_free, rel=0.01)
    assert scale_free == pytest.approx(arrest_fraction(values, 0.0, radius=50e-9), rel=1e-9)


def test_critical_full_lithiation_diameter_is_where_the_front_goes_through():
    values = pybamm.ParameterValues("LiSi_NMC811")
    critical = critical_full_lithiation_diameter(values)
    assert 20e-9 < critical < 80e-9
    assert arrest_fraction(values, 0.0, radius=0.99 * critical / 2) > 0.95
    assert arrest_fraction(values, 0.0, radius=1.01 * critical / 2) < 0.95


def test_without_interface_energy_there_is_no_critical_size():
    values = pybamm.ParameterValues("LiSi_NMC811")
    values[GAMMA] = 0.0
    assert critical_full_lithiation_diameter(values) == 0.0


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
    assert (result["arrest fraction"] > 0.95).all()
    assert not result["arrested"].any()


@pytest.mark.parametrize("geometry", ["cylindrical", "planar"])
def test_wires_and_films_arrest_where_the_closed_form_says(geometry):
    values = pybamm.ParameterValues("LiSi_NMC811")
    result = self_limiting_lithiation(values, [150e-9], geometry=geometry)
    assert 0 < result["arrest fraction"].iloc[0] < 1
    assert result["arrest fraction"].iloc[0] == pytest.approx(
        arrest_fraction(values, 0.0, geometry, radius=75e-9), rel=0.01
    )
