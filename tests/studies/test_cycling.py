"""Cycling study: per-cycle bookkeeping agrees with the physics of the cell."""

import numpy as np
import pybamm
import pytest

import pybamm_alloying as pa
from pybamm_alloying.studies import run_cycling
from pybamm_alloying.studies.cycling import StepStops


@pytest.fixture(scope="module")
def two_cycles():
    return run_cycling(cycles=2, options={"alloy particle": "quasi-steady"})


def test_second_cycle_returns_what_it_took(two_cycles):
    """No side reactions: from cycle 2 on, discharge = charge (coulombic efficiency 1)."""
    assert two_cycles.completed
    assert two_cycles.cycles["Coulombic efficiency"].iloc[1] == pytest.approx(1, abs=1e-4)


def test_capacities_add_up_to_the_charge_passed(two_cycles):
    """Per cycle, charge and discharge throughput = integrals of the negative and the
    positive current (trapezoidal check, within 0.1 %)."""
    for cycle, frame in two_cycles.timeseries.groupby("Cycle"):
        row = two_cycles.cycles.set_index("Cycle").loc[cycle]
        current, hours = frame["Current [A]"].to_numpy(), frame["Time [h]"].to_numpy()
        steps = frame["Step"].to_numpy()
        charged = discharged = 0.0
        for step in np.unique(steps):
            passed = np.trapezoid(current[steps == step], hours[steps == step])
            charged, discharged = charged - min(passed, 0), discharged + max(passed, 0)
        assert row["Charge capacity [A.h]"] == pytest.approx(charged, rel=1e-3)
        assert row["Discharge capacity [A.h]"] == pytest.approx(discharged, rel=1e-3)


def test_energy_is_capacity_times_mean_voltage_within_the_window(two_cycles):
    row = two_cycles.cycles.iloc[1]
    pv = pybamm.ParameterValues("LiSi_NMC811")
    low, high = pv["Lower voltage cut-off [V]"], pv["Upper voltage cut-off [V]"]
    assert low < row["Mean discharge voltage [V]"] < row["Mean charge voltage [V]"] < high
    assert row["Discharge energy [W.h]"] == pytest.approx(
        row["Discharge capacity [A.h]"] * row["Mean discharge voltage [V]"], rel=1e-12
    )
    assert 0 < row["Maximum front depth [m]"] <= pv["Negative particle radius [m]"]


def test_lithium_is_conserved_over_the_study(two_cycles):
    total = two_cycles.timeseries["Total lithium [mol]"].to_numpy()
    assert np.ptp(total) / total[0] < 1e-6


def test_the_front_reaches_near_the_centre_at_the_end_of_the_cv_hold(two_cycles):
    """N/P = 1.1: the charged anode holds 1/1.1 + 0.01 of c_max, just below c_eq = 0.933
    c_max, so nearly all (but not all) of the core has converted."""
    converted = two_cycles.cycles["Maximum lithiated fraction"]
    assert ((converted > 0.9) & (converted < 1)).all()


def test_the_cell_swells_on_charge_and_shrinks_back_on_discharge(two_cycles):
    """Swelling follows the carrier: the charged cell is micrometres thicker, and each
    discharge returns it to within 2 % of that swing (the anode ends near its start)."""
    thickness = two_cycles.timeseries["Cell thickness change [m]"]
    swing = two_cycles.cycles["Maximum cell thickness change [m]"]
    assert (swing > 1e-6).all()
    ends = two_cycles.timeseries.groupby("Cycle")["Cell thickness change [m]"].last()
    assert (ends.abs() < 0.02 * swing.to_numpy()).all()
    assert abs(thickness.iloc[0]) < 1e-9 * swing.iloc[0]  # starts unswollen, to round-off


def test_bad_parameter_set_is_refused_before_solving():
    with pytest.raises(ValueError, match="parameter_set must be one of"):
        run_cycling("Chen2020")


def test_sei_growth_shows_in_the_cycles_and_costs_coulombic_efficiency():
    """With PyBaMM's SEI growth the film thickens each cycle and the side reaction takes
    carrier: from cycle 2 on (cycle 1 returns the assembled 1 % too) the coulombic
    efficiency falls below 1 by more than the 1e-4 of a cell without SEI."""
    result = run_cycling(
        cycles=2, options={"SEI": "solvent-diffusion limited", "alloy particle": "quasi-steady"}
    )
    assert result.completed
    sei = result.cycles["SEI thickness [m]"]
    assert sei.iloc[1] > sei.iloc[0] > 0
    assert result.cycles["Coulombic efficiency"].iloc[1] < 1 - 1e-4


def test_a_failed_step_is_reported_with_its_cycle_step_and_reason():
    """PyBaMM logs a step that fails after the first and returns the solution up to it;
    :class:`StepStops` names the step and the solver's reason (1000C from rest: the
    minimum-voltage event already holds when the step starts)."""
    stops = StepStops()
    experiment = pybamm.Experiment([("Rest for 1 minute", "Discharge at 1000C for 10 seconds")])
    model = pa.DFN({"alloy particle": "quasi-steady"})
    solution = pybamm.Simulation(
        model, parameter_values=pybamm.ParameterValues("LiSi_NMC811"), experiment=experiment
    ).solve(callbacks=[stops])
    assert len(solution.cycles[0].steps) == 1
    assert stops.reason.startswith("cycle 1, step 2 (Discharge at 1000C for 10 seconds): solver error")
    assert "Minimum voltage [V]" in stops.reason
