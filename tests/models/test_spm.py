"""The alloy SPM and SPMe: one x-averaged shrinking-core particle per alloy electrode."""

import numpy as np
import pybamm
import pytest

import pybamm_alloying as pa
from pybamm_alloying.parameters.loader import load_half_cell
from pybamm_alloying.validation import OptionCompatibilityError

FARADAY = pybamm.constants.F.value
LI_SI = pybamm.ParameterValues("LiSi_NMC811")
LOW, HIGH = LI_SI["Lower voltage cut-off [V]"], LI_SI["Upper voltage cut-off [V]"]
CHARGE, DISCHARGE = f"Charge at 1C until {HIGH} V", f"Discharge at 1C until {LOW} V"
VARIANTS = ["full", "quasi-steady"]


def _solve(model, values, steps):
    experiment = pybamm.Experiment(steps)
    return pybamm.Simulation(model, parameter_values=values, experiment=experiment).solve()


def _relative_drift(solution, name="Total lithium [mol]"):
    n = solution[name].entries
    return np.max(np.abs(n - n[0])) / n[0]


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("model_class", [pa.SPM, pa.SPMe])
def test_carrier_is_conserved_through_charge_and_discharge(model_class, variant):
    """Particles + electrolyte hold the same lithium while the one front goes in and out
    (drift ~1e-14 measured)."""
    sol = _solve(model_class({"alloy particle": variant}), LI_SI.copy(), [CHARGE, DISCHARGE])
    lithiated = sol["X-averaged negative lithiated fraction"].entries
    assert _relative_drift(sol) < 1e-6
    assert lithiated.max() > 0.5  # the front went in (80-83 % at the 1C cut-off)
    assert lithiated[-1] < 0.1


@pytest.mark.parametrize("name", ["LiSi_NMC811", "LiGe_NMC811"])
def test_spme_discharge_capacity_matches_the_dfn(name):
    """C/2 discharge from a charged anode (90 % of c_max, cathode at 30 %): the SPMe's
    capacity is within 3 % of the DFN's (measured: 3e-7 Li-Si, 9e-7 Li-Ge)."""
    capacities = []
    for model in (pa.DFN(), pa.SPMe()):
        values = pybamm.ParameterValues(name)
        values.update(
            {
                f"Initial concentration in {electrode} electrode [mol.m-3]": fraction
                * values[f"Maximum concentration in {electrode} electrode [mol.m-3]"]
                for electrode, fraction in (("negative", 0.9), ("positive", 0.3))
            }
        )
        sol = _solve(
            model, values, [f"Discharge at C/2 until {values['Lower voltage cut-off [V]']} V"]
        )
        capacities.append(sol["Discharge capacity [A.h]"].entries[-1])
    assert capacities[1] == pytest.approx(capacities[0], rel=0.03)
    assert capacities[0] > 0.5 * values["Nominal cell capacity [A.h]"]


def test_spm_has_one_front_per_electrode():
    """The SPM's states are x-averaged: the core radius is the same at every x, and the
    front variables are PyBaMM-style broadcasts of the x-averaged ones."""
    model = pa.SPM()
    assert model.variables["X-averaged negative unconverted fraction"].domain == [
        "current collector"
    ]
    sol = _solve(model, LI_SI.copy(), ["Charge at 1C for 20 minutes"])
    radius = sol["Negative core radius [m]"].entries  # x, t
    assert np.ptp(radius, axis=0).max() == 0
    assert radius[0, -1] < radius[0, 0]  # and it moved in
    np.testing.assert_array_equal(radius[0], sol["X-averaged negative core radius [m]"].entries)


@pytest.mark.parametrize("model_class", [pa.SPM, pa.SPMe])
def test_stressed_front_stops_at_zero_volts_vs_lithium(model_class):
    """Plastic stress with fracture memory and an SEI film in the SPM and SPMe: the
    stress penalty self-limits the charge, which ends at the 0 V vs Li cut-off with the
    front short of the centre, carrier conserved; the film carries N_in = k_f (c_o -
    c_surf) with c_o above c_surf on charge."""
    options = {
        "alloy stress": "plastic",
        "alloy fracture": "index",
        "alloy SEI transport": "film",
    }
    sol = _solve(model_class(options), LI_SI.copy(), [CHARGE])
    assert "Anode potential below 0 V vs carrier metal" in sol.termination
    assert sol["X-averaged negative lithiated fraction"].entries[-1] < 0.5
    drop = sol["X-averaged negative SEI concentration drop [mol.m-3]"].entries
    assert drop[-1] > 0
    index = sol["X-averaged negative particle fracture index"].entries
    assert index[-1] > index[0]
    assert _relative_drift(sol) < 1e-6


def test_entry_points_give_the_alloy_models():
    assert isinstance(pybamm.Model("alloying_SPM"), pa.SPM)
    assert isinstance(pybamm.Model("alloying_SPMe"), pa.SPMe)


@pytest.mark.parametrize("model_class", [pa.SPM, pa.SPMe])
def test_options_that_do_not_apply_are_named(model_class):
    with pytest.raises(OptionCompatibilityError, match="option 'particle' must be 'Fickian"):
        model_class({"particle": "quadratic profile"})
    with pytest.raises(OptionCompatibilityError, match="'alloy SEI transport': 'film' needs"):
        model_class({"alloy SEI transport": "film", "alloy particle": "quasi-steady"})
    with pytest.raises(OptionCompatibilityError, match="option 'particle size' must be"):
        model_class({"particle size": "distribution"})


@pytest.mark.parametrize("model_class", [pa.SPM, pa.SPMe])
def test_half_cell_particle_takes_the_charge_passed(model_class):
    """Half cell (the alloy in PyBaMM's positive slot), 20 min of 1C lithiation: the
    particle's mean concentration rises by I t / (F eps_s L A) (Faraday) in the single
    particle and in the DFN, and their fronts agree (lithiated fraction within 1e-4; 2e-6
    measured)."""
    fractions = []
    for model in (
        model_class({"working electrode": "positive"}),
        pa.DFN({"working electrode": "positive"}),
    ):
        values = pybamm.ParameterValues(load_half_cell("LiSi_NMC811"))
        sol = _solve(model, values, ["Discharge at 1C for 20 minutes"])
        fractions.append(sol["X-averaged positive lithiated fraction"].entries[-1])
        mean = sol["Average positive particle concentration [mol.m-3]"].entries
        volume = (
            values["Positive electrode active material volume fraction"]
            * values["Positive electrode thickness [m]"]
            * values["Electrode width [m]"]
            * values["Electrode height [m]"]
            * values["Number of electrodes connected in parallel to make a cell"]
        )
        charge = values["Current function [A]"] * sol.t[-1]
        assert mean[-1] - mean[0] == pytest.approx(charge / (FARADAY * volume), rel=1e-6)
    assert fractions[0] == pytest.approx(fractions[1], abs=1e-4)
