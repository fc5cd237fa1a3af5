"""Cycling study: per-cycle bookkeeping agrees with the physics of the cell."""

import pickle

import numpy as np
import pybamm
import pytest

import pybamm_alloying as pa
from pybamm_alloying.studies import load_protocol, run_cycling
from pybamm_alloying.studies.cycling import TIMESERIES_CYCLES, StepStops


@pytest.fixture(scope="module")
def two_cycles():
    return run_cycling(cycles=2, options={"alloy particle": "quasi-steady"})


def test_second_cycle_returns_what_it_took(two_cycles):
    """No side reactions: from cycle 2 on, discharge = charge (coulombic efficiency 1)."""
    assert two_cycles.completed
    assert two_cycles.cycles["Coulombic efficiency"].iloc[1] == pytest.approx(1, abs=1e-4)


def test_capacities_and_energies_add_up_to_what_the_time_series_passed(two_cycles):
    """Per cycle, charge and discharge throughput and energy (from PyBaMM's summary
    variables) = integrals of the negative and the positive current and power over the
    time series (trapezoidal check, within 0.1 %)."""
    for cycle, frame in two_cycles.timeseries.groupby("Cycle"):
        row = two_cycles.cycles.set_index("Cycle").loc[cycle]
        current, hours = frame["Current [A]"].to_numpy(), frame["Time [h]"].to_numpy()
        power = current * frame["Voltage [V]"].to_numpy()
        steps = frame["Step"].to_numpy()
        passed = np.array([
            (np.trapezoid(current[steps == s], hours[steps == s]), np.trapezoid(power[steps == s], hours[steps == s]))
            for s in np.unique(steps)
        ])  # fmt: skip
        for k, kind in enumerate(("capacity [A.h]", "energy [W.h]")):
            assert row[f"Charge {kind}"] == pytest.approx(-passed[:, k].clip(max=0).sum(), rel=1e-3)
            assert row[f"Discharge {kind}"] == pytest.approx(
                passed[:, k].clip(min=0).sum(), rel=1e-3
            )


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
    assert stops.reason.startswith(
        "cycle 1, step 2 (Discharge at 1000C for 10 seconds): solver error"
    )
    assert "Minimum voltage [V]" in stops.reason


def test_a_cycle_without_its_time_series_keeps_its_energies():
    """save_at_cycles=[3] drops cycle 2's time series; its capacities, energies, mean
    voltages and efficiency still come from PyBaMM's summary variables, equal to those
    of the identical cycle 3 (no side reaction), and only its extremes are NaN."""
    result = run_cycling(cycles=3, options={"alloy particle": "quasi-steady"}, save_at_cycles=[3])
    assert sorted(result.timeseries["Cycle"].unique()) == [1, 3]
    second, third = result.cycles.iloc[1], result.cycles.iloc[2]
    totals = [
        c for c in result.cycles if c.endswith(("[A.h]", "[W.h]", "voltage [V]", "efficiency"))
    ]
    assert len(totals) == 7
    np.testing.assert_allclose(second[totals].astype(float), third[totals].astype(float), rtol=1e-4)
    assert second[[c for c in result.cycles if c not in totals + ["Cycle"]]].isna().all()


def test_gitt_keeps_every_pulse_and_reports_no_fake_efficiency():
    """GITT's pulses are one titration: all of them keep their time series by default,
    past TIMESERIES_CYCLES too. A charge pulse has no discharge: its coulombic efficiency
    is NaN, not 0, and its charge energy is real. The solution holds only the time
    series' variables and those asked for (PyBaMM's output_variables)."""
    n = TIMESERIES_CYCLES + 2
    result = run_cycling(
        protocol="gitt",
        cycles=n,
        options={"alloy particle": "quasi-steady"},
        output_variables=["Negative shell thickness [m]"],
    )
    assert result.completed
    assert sorted(result.timeseries["Cycle"].unique()) == list(range(1, n + 1))
    cycles = result.cycles
    assert (
        cycles["Coulombic efficiency"].isna().all()
        and (cycles["Discharge capacity [A.h]"] == 0).all()
    )
    assert (cycles["Charge energy [W.h]"] > 0).all() and cycles[
        "Maximum front depth [m]"
    ].notna().all()
    assert np.all(np.diff(cycles["Maximum front depth [m]"]) > 0)  # each pulse drives the front on
    assert result.solution["Negative shell thickness [m]"].entries.shape[0] > 1
    with pytest.raises(KeyError, match="not part of the solve"):
        result.solution["Negative particle surface concentration [mol.m-3]"]


def test_output_variables_must_be_model_variables():
    with pytest.raises(ValueError, match="did you mean 'Negative shell thickness \\[m\\]'"):
        run_cycling(output_variables=["Negative shel thickness [m]"])


@pytest.mark.parametrize("name", ["LiSn_graphite_NMC811", "LiGe_graphite_NMC811"])
def test_composite_sets_cycle_with_the_alloy_columns_named_by_their_phase(name):
    """Graphite + alloy composites run in the composite study's model (graphite
    primary, alloy secondary); the alloy columns carry "Secondary: " (LiSi_graphite_NMC811
    runs through the command line in tests/test_cli.py)."""
    result = run_cycling(name, "cc", 1, rate="C/2")
    assert result.completed and result.cycles["Discharge capacity [A.h]"].iloc[0] > 0
    alloy = [c for c in result.timeseries if "fraction" in c or "Front" in c]
    assert alloy == ["Secondary: Lithiated fraction", "Secondary: Front depth [m]"]
    row = result.cycles.iloc[0]
    assert (
        0
        < row["Secondary: Maximum front depth [m]"]
        <= pybamm.ParameterValues(name)["Secondary: Negative particle radius [m]"]
    )


class _ByteCount:
    """A file-like sink that counts what :func:`pickle.dump` writes into it."""

    def __init__(self):
        self.size = 0

    def write(self, data) -> None:
        self.size += memoryview(data).nbytes


def _pickled_size(solution: pybamm.Solution) -> int:
    sink = _ByteCount()
    pickle.dump(solution, sink, pickle.HIGHEST_PROTOCOL)
    return sink.size


def test_a_50_cycle_solution_pickles_no_larger_than_pybamms_dfn():
    """50 CC cycles at 1C on Li-Si, every cycle's time series kept: run_cycling's
    solution (IDAKLU output_variables: the time series' variables, no states) pickles
    to at most 1.5x PyBaMM's DFN solution for the same experiment on Chen2020 (measured:
    49 MB against 888 MB; 2.3 GB with the full state vectors, before output_variables)."""
    cycles = 50
    result = run_cycling(protocol="cc", cycles=cycles, rate="1C", save_at_cycles=1)
    assert result.completed and result.solution.cycles[-1] is not None
    li_si = pybamm.ParameterValues("LiSi_NMC811")
    cut_offs = li_si["Lower voltage cut-off [V]"], li_si["Upper voltage cut-off [V]"]
    dfn = pybamm.Simulation(
        pybamm.lithium_ion.DFN(),
        parameter_values=pybamm.ParameterValues("Chen2020"),
        experiment=load_protocol("cc", cycles, *cut_offs, "1C"),
    ).solve()
    assert len(dfn.cycles) == cycles
    assert _pickled_size(result.solution) <= 1.5 * _pickled_size(dfn)
