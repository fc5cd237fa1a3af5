"""Galvanostatic cycling of an alloy-anode full cell: time series and per-cycle summary."""

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pybamm

from ..models import DFN
from ..parameters import couple_names
from ..submodels.carrier_metal import carrier_metal_potential_names
from ..validation import ProtocolError, check_name, validate
from .memory import ReleaseFinishedCycles
from .protocols import load_protocol


@dataclass
class CyclingResult:
    """What :func:`run_cycling` returns.

    ``timeseries`` has one row per solver output point: time, cycle, step, current,
    voltage, discharge capacity, the alloy electrode's lithiated fraction and front depth
    (x-averaged shell thickness), its lowest potential vs the carrier metal (minimum
    over x of ``"Negative electrode potential vs carrier metal [V]"``), cell thickness
    change, total carrier in the cell, and the SEI thickness when PyBaMM's ``"SEI"``
    option is on (the saved cycles only, see ``save_at_cycles`` of :func:`run_cycling`).
    ``cycles`` has one row per completed cycle: charge and discharge capacity and
    energy, coulombic efficiency, mean charge and discharge voltage (energy over
    capacity), the cycle's maximum lithiated fraction, front depth and cell swelling,
    its minimum anode potential vs the carrier metal (at the output points; < 0 only
    with PyBaMM's plating on or ``"alloy plating cut-off": "false"``, docs/plating.md)
    (and SEI thickness at its end).
    ``solution`` is PyBaMM's solution, for QuickPlot or further variables.
    ``stop_reason`` says which step ended the run early and why (a solver error, an
    event that is not the step's own end condition, or the step's default duration
    reached), None if every requested cycle ran.
    """

    timeseries: pd.DataFrame
    cycles: pd.DataFrame
    solution: pybamm.Solution
    requested_cycles: int
    stop_reason: str | None = None

    @property
    def completed(self) -> bool:
        """True if every requested cycle ran to its end."""
        return len(self.cycles) == self.requested_cycles


class StepStops(pybamm.callbacks.Callback):
    """PyBaMM callback that records the first step that ended an experiment early.

    PyBaMM logs a failed step (a :class:`pybamm.SolverError` after the first step, an
    event that is not the step's end condition, a default duration reached) and returns
    the solution up to it; ``reason`` keeps the cycle, the step and why.
    """

    def __init__(self):
        super().__init__()
        self.reason: str | None = None

    def _record(self, logs: dict, why: str) -> None:
        if self.reason is None:
            cycle, step = logs["cycle number"][0], logs["step number"][0]
            self.reason = f"cycle {cycle}, step {step} ({logs['step operating conditions']}): {why}"

    def on_experiment_error(self, logs):
        self._record(logs, f"solver error: {logs['error']}")

    def on_experiment_infeasible_event(self, logs):
        self._record(logs, f"stopped by {logs['termination']}")

    def on_experiment_infeasible_time(self, logs):
        self._record(logs, f"its default duration ({logs['step duration']} s) ran out first")


#: Timeseries column: the alloy electrode's lowest potential vs the carrier metal (min
#: over x); and the per-cycle summary column of its minimum.
ANODE_POTENTIAL = "Anode potential vs carrier metal [V]"
MINIMUM_ANODE_POTENTIAL = "Minimum anode potential vs carrier metal [V]"


def _columns(model: DFN) -> dict[str, str]:
    """Timeseries column -> PyBaMM variable (of the first alloy phase in a composite)."""
    domain = model.alloy_domain
    phase = f"{domain} {model.alloy_phases[0][1]}"
    columns = {
        "Time [h]": "Time [h]",
        "Current [A]": "Current [A]",
        "Voltage [V]": "Voltage [V]",
        "Discharge capacity [A.h]": "Discharge capacity [A.h]",
        "Lithiated fraction": f"X-averaged {phase}lithiated fraction",
        "Front depth [m]": f"X-averaged {phase}shell thickness [m]",
        ANODE_POTENTIAL: carrier_metal_potential_names(domain)["minimum"],
        "Cell thickness change [m]": "Cell thickness change [m]",
        "Total lithium [mol]": "Total lithium [mol]",
    }
    if getattr(model.options, domain)["SEI"] != "none":
        columns["SEI thickness [m]"] = f"X-averaged {domain} SEI thickness [m]"
    return columns


def _timeseries(solution: pybamm.Solution, model: DFN) -> pd.DataFrame:
    columns = _columns(model)
    frames = []
    for cycle, cycle_solution in enumerate(solution.cycles, start=1):
        if cycle_solution is None:  # not saved (save_at_cycles)
            continue
        for step, step_solution in enumerate(cycle_solution.steps, start=1):
            if isinstance(step_solution, pybamm.EmptySolution):  # a skipped step: no data
                continue
            frame = pd.DataFrame(
                {column: step_solution[name].entries.ravel() for column, name in columns.items()}
            )
            frame.insert(1, "Cycle", cycle)
            frame.insert(2, "Step", step)
            frames.append(frame)
    return pd.concat(frames, ignore_index=True)


def _step_totals(frame: pd.DataFrame) -> tuple[float, float]:
    """(charge passed [A.h], energy [W.h]) of one step, positive on discharge."""
    hours = frame["Time [h]"].to_numpy()
    current = frame["Current [A]"].to_numpy()
    return (
        frame["Discharge capacity [A.h]"].iloc[-1] - frame["Discharge capacity [A.h]"].iloc[0],
        float(np.trapezoid(current * frame["Voltage [V]"].to_numpy(), hours)),
    )


def _totals(cycle: int, charge, discharge, e_charge, e_discharge) -> dict:
    """Capacity and energy columns of a cycle's row, with efficiency and mean voltages."""
    return {
        "Cycle": cycle,
        "Charge capacity [A.h]": charge,
        "Discharge capacity [A.h]": discharge,
        "Coulombic efficiency": discharge / charge if charge > 0 else np.nan,
        "Charge energy [W.h]": e_charge,
        "Discharge energy [W.h]": e_discharge,
        "Mean charge voltage [V]": e_charge / charge if charge > 0 else np.nan,
        "Mean discharge voltage [V]": e_discharge / discharge if discharge > 0 else np.nan,
    }


def _cycle_summary(timeseries: pd.DataFrame) -> pd.DataFrame:
    """Per-cycle capacities, energies and extremes.

    Each step either charges or discharges, so a step's change of "Discharge capacity
    [A.h]" (PyBaMM's integral of the current) counts as discharge if positive and as
    charge if negative; its energy is the trapezoidal integral of current x voltage.
    """
    rows = []
    for cycle, frame in timeseries.groupby("Cycle"):
        totals = np.array([_step_totals(step) for _, step in frame.groupby("Step")])
        charge_passed, energy = totals.T
        discharge, charge = charge_passed.clip(min=0).sum(), (-charge_passed).clip(min=0).sum()
        e_discharge, e_charge = energy.clip(min=0).sum(), (-energy).clip(min=0).sum()
        row = {
            **_totals(cycle, charge, discharge, e_charge, e_discharge),
            "Maximum lithiated fraction": frame["Lithiated fraction"].max(),
            "Maximum front depth [m]": frame["Front depth [m]"].max(),
            "Maximum cell thickness change [m]": frame["Cell thickness change [m]"].max(),
            MINIMUM_ANODE_POTENTIAL: frame[ANODE_POTENTIAL].min(),
        }
        if "SEI thickness [m]" in frame:
            row["SEI thickness [m]"] = frame["SEI thickness [m]"].iloc[-1]
        rows.append(row)
    return pd.DataFrame(rows)


#: Summary variables (per-cycle end values and changes) that give the capacity and
#: energy columns of cycles whose time series is not kept.
_SUMMARY_TOTALS = ("Discharge capacity [A.h]", "Discharge energy [W.h]")


def _summary_row(summary, index: int, sei: str | None, energy: bool) -> dict:
    """Capacity and energy columns of cycle ``index`` from PyBaMM's summary variables.

    Over a cycle, the change in throughput (integral of |I|) is charge + discharge and the
    change in discharge capacity (integral of I) is discharge - charge; the same for
    energy when the model integrates it (``"calculate discharge energy": "true"``,
    else the energies and mean voltages are NaN). Maxima need the time series: NaN.
    """

    def change(name: str) -> float:
        return summary[f"Change in {name[0].lower() + name[1:]}"][index]

    throughput, net = change("Throughput capacity [A.h]"), change("Discharge capacity [A.h]")
    energy, net_energy = (
        (change("Throughput energy [W.h]"), change("Discharge energy [W.h]")) if energy else (np.nan, np.nan)
    )
    discharge, charge = (throughput + net) / 2, (throughput - net) / 2
    e_discharge, e_charge = (energy + net_energy) / 2, (energy - net_energy) / 2
    row = _totals(index + 1, charge, discharge, e_charge, e_discharge)
    if sei is not None:
        row["SEI thickness [m]"] = summary[sei][index]
    return row


def _all_cycles(solution, timeseries: pd.DataFrame, model: DFN) -> pd.DataFrame:
    """One row per cycle: from the time series where it was saved, else from the summary."""
    saved = _cycle_summary(timeseries)
    sei = _columns(model).get("SEI thickness [m]")
    energy = model.options["calculate discharge energy"] == "true"
    rows = [
        _summary_row(solution.summary_variables, index, sei, energy)
        for index, cycle in enumerate(solution.cycles)
        if cycle is None
    ]
    table = pd.concat([saved, pd.DataFrame(rows)], ignore_index=True) if rows else saved
    return table.sort_values("Cycle", ignore_index=True)


def _completed(solution, n_steps: int, requested: int) -> np.ndarray:
    """Which cycles ran every step. An unsaved cycle is complete unless it is the last
    one run and the run stopped early (PyBaMM always saves the last requested cycle)."""
    last = len(solution.cycles) - 1
    return np.array(
        [
            len(c.steps) == n_steps if c is not None else (i < last or last + 1 == requested)
            for i, c in enumerate(solution.cycles)
        ]
    )


#: Runs up to this many cycles keep every cycle's time series by default; longer ones
#: keep the first and the last (``save_at_cycles`` of :func:`run_cycling`), the rest as
#: per-cycle summaries, so that a 500-cycle run stays within a few hundred MB.
TIMESERIES_CYCLES = 10


def _kept_cycles(save_at_cycles, n_cycles: int):
    """``save_at_cycles`` checked (:class:`ProtocolError`), or its default."""
    if save_at_cycles is None:
        return n_cycles if n_cycles > TIMESERIES_CYCLES else None

    def cycle_number(c) -> bool:
        return isinstance(c, int | np.integer) and not isinstance(c, bool) and c >= 1

    if cycle_number(save_at_cycles) or (
        isinstance(save_at_cycles, list | tuple)
        and all(cycle_number(c) and c <= n_cycles for c in save_at_cycles)
    ):
        return save_at_cycles
    raise ProtocolError(
        "save_at_cycles", save_at_cycles,
        f"an integer >= 1 or a list of cycle numbers in [1, {n_cycles}]",
    )


def run_cycling(
    parameter_set: str = "LiSi_NMC811",
    protocol: str = "cccv",
    cycles: int | None = None,
    options: dict | None = None,
    rate: str | None = None,
    save_at_cycles: int | list[int] | None = None,
    parameter_updates: dict | None = None,
) -> CyclingResult:
    """Cycle a full cell with a shrinking-core alloy anode.

    All inputs are checked before the solve (:mod:`pybamm_alloying.validation`); a bad
    one raises ``ValueError`` or :class:`pybamm.OptionError` naming it. If the solver
    stops early (e.g. a cut-off is reached in a charge step, or a charge drives the
    anode to 0 V vs the carrier metal: the event ``"Anode potential below 0 V vs
    carrier metal"``, or a solver error in a later step) the completed cycles are
    returned, :attr:`CyclingResult.completed` is False and
    :attr:`CyclingResult.stop_reason` names the step and the reason.

    Parameters
    ----------
    parameter_set : str
        A shipped set (:func:`pybamm_alloying.couple_names`).
    protocol : str
        A shipped protocol (:func:`~pybamm_alloying.studies.protocol_names`).
    cycles : int, optional
        Number of cycles; the protocol's own default if omitted.
    options : dict, optional
        Options of :class:`pybamm_alloying.DFN` (PyBaMM's and the alloy ones).
    rate : str, optional
        C-rate of a protocol that has one (``"cccv"``: ``"2C"``, ``"C/5"``).
    save_at_cycles : int or list of int, optional
        Keep the time series of these cycles only (PyBaMM's ``save_at_cycles``: every
        n-th cycle for an int, ``1`` for all, the listed ones for a list; the first and
        the last are always kept). Default: every cycle of a run of up to
        :data:`TIMESERIES_CYCLES` cycles; the first and the last of a longer one. Every
        cycle gets its row in ``cycles`` (capacities, coulombic efficiency and SEI
        thickness from PyBaMM's summary variables); energies, mean voltages, maxima
        (lithiated fraction, front depth, swelling) and the minimum anode potential
        only for kept cycles, NaN otherwise.
        Memory stays bounded however many cycles run
        (:class:`~pybamm_alloying.studies.ReleaseFinishedCycles`, always on).
    parameter_updates : dict, optional
        Values to change or add before the run (e.g. PyBaMM's SEI parameters, which the
        Na sets' partner lacks); checked with the rest.
    """
    check_name("parameter_set", parameter_set, couple_names())
    parameter_values = pybamm.ParameterValues(parameter_set)
    parameter_values.update(parameter_updates or {}, check_already_exists=False)
    model = DFN(options)
    validate(parameter_values, model)
    experiment = load_protocol(
        protocol,
        cycles,
        parameter_values["Lower voltage cut-off [V]"],
        parameter_values["Upper voltage cut-off [V]"],
        rate,
    )
    save_at_cycles = _kept_cycles(save_at_cycles, len(experiment.cycles))
    model.summary_variables = [*model.summary_variables, *_SUMMARY_TOTALS] + [
        name for name in [_columns(model).get("SEI thickness [m]")] if name
    ]
    simulation = pybamm.Simulation(
        model,
        parameter_values=parameter_values,
        experiment=experiment,
        solver=model.default_solver,
    )
    stops = StepStops()
    solution = simulation.solve(
        save_at_cycles=save_at_cycles, callbacks=[ReleaseFinishedCycles(), stops]
    )
    start = solution.cycles[0] if solution.cycles else None
    first = start.steps[0] if start is not None and start.steps else None
    if isinstance(first, pybamm.EmptySolution):  # PyBaMM skips it and runs the rest
        raise pybamm.SolverError(
            f"the first step ({experiment.cycles[0][0]}) did not run: {first.termination} "
            "(its end condition already held at its start, e.g. a cut-off crossed at once at this rate)"
        )
    timeseries = _timeseries(solution, model)
    summary = _all_cycles(solution, timeseries, model)
    complete = _completed(solution, len(experiment.cycles[0]), len(experiment.cycles))
    summary = summary[complete].reset_index(drop=True)
    return CyclingResult(timeseries, summary, solution, len(experiment.cycles), stops.reason)
