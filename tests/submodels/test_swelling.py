"""Swelling: particle volume from the carrier content, electrode thickness and porosity."""

import numpy as np
import pybamm
import pytest

import pybamm_alloying as pa

N = "Negative electrode "


def test_particle_volume_at_full_lithiation_is_beta_times_the_host():
    """Li-Ge held at 0 V lithiates fully: V = beta V_host, R_out = R beta^(1/3)."""
    values = pybamm.ParameterValues("LiGe_NMC811")
    values.update(
        {"Particle surface concentration [mol.m-3]": pa.surface_concentration(values, 0.0)},
        check_already_exists=False,
    )
    model = pa.ParticleLithiation({"alloy geometry": "spherical"})
    solution = pybamm.Simulation(model, parameter_values=values).solve([0, 1e4])
    beta = values[N + "volume expansion ratio"]
    assert solution["Negative lithiated fraction"].entries[..., -1] == pytest.approx(1, abs=1e-4)
    volume = 1 + solution["Negative particle volume change"].entries[..., -1]
    assert volume == pytest.approx(beta, rel=0.01)
    R_out = solution["Negative particle outer radius [m]"].entries[..., -1]
    assert R_out == pytest.approx(
        values["Negative particle radius [m]"] * volume ** (1 / 3), rel=1e-12
    )


@pytest.fixture(scope="module")
def charged_cell():
    values = pybamm.ParameterValues("LiSi_NMC811")
    values["Current function [A]"] = -values["Nominal cell capacity [A.h]"] / 2
    model = pa.DFN()
    solution = pybamm.Simulation(model, parameter_values=values).solve([0, 5000])
    return values, solution


def test_thickness_change_follows_the_carrier_inventory(charged_cell):
    """dL = f Omega dN / A: thickness from the lithium the anode took up, Omega = (beta-1)/c_max."""
    values, solution = charged_cell
    f = values[N + "swelling thickness fraction"]
    omega = (values[N + "volume expansion ratio"] - 1) / values[
        "Maximum concentration in negative electrode [mol.m-3]"
    ]
    lithium = solution["Total lithium in negative electrode [mol]"].entries
    area = values["Electrode width [m]"] * values["Electrode height [m]"]
    expected = f * omega * (lithium - lithium[0]) / area
    thickness = solution["Negative electrode thickness change [m]"].entries
    assert thickness[-1] > 1e-6  # micrometres of swelling on charge
    np.testing.assert_allclose(thickness, expected, rtol=1e-9, atol=1e-9 * expected.max())
    np.testing.assert_allclose(solution["Cell thickness change [m]"].entries, thickness)


def test_swollen_porosity_follows_the_documented_rule(charged_cell):
    values, solution = charged_cell
    f = values[N + "swelling thickness fraction"]
    growth = (
        values[N + "active material volume fraction"]
        * solution["Negative particle volume change"].entries
    )
    eps_0 = values[N + "porosity"]
    np.testing.assert_allclose(
        solution["Negative electrode swollen porosity"].entries,
        (eps_0 - (1 - f) * growth) / (1 + f * growth),
        rtol=1e-12,
    )
    assert np.all(np.diff(solution["X-averaged negative electrode swollen porosity"].entries) < 0)


@pytest.mark.parametrize("name", pa.couple_names())
def test_design_leaves_at_least_the_set_minimum_porosity_at_full_lithiation(name):
    values = pybamm.ParameterValues(name)
    f = values[N + "swelling thickness fraction"]
    growth = values[N + "active material volume fraction"] * (
        values[N + "volume expansion ratio"] - 1
    )
    porosity = (values[N + "porosity"] - (1 - f) * growth) / (1 + f * growth)
    assert porosity == pytest.approx(values[N + "porosity at full lithiation"], rel=1e-12)
    assert porosity >= values[N + "minimum porosity at full lithiation"]


def test_the_electrode_totals_come_from_their_own_submodel():
    """The thickness change and swollen porosity are published by the totals submodel,
    not by whichever phase's swelling submodel ran last."""
    model = pa.DFN()
    totals = model._variables_by_submodel["negative alloy swelling totals"]
    assert {"Cell thickness change [m]", "Negative electrode swollen porosity"} <= set(totals)
    phase = model._variables_by_submodel["negative primaryparticle mechanics"]  # PyBaMM's key
    assert "Cell thickness change [m]" not in phase
