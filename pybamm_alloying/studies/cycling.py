"""Galvanostatic cycling of an alloy-anode full cell (a couple, or a graphite + alloy
composite): time series and per-cycle summary."""

import difflib
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pybamm

from ..models import DFN
from ..models.options import solver_settings
from ..parameters import composite_names, couple_names
from ..submodels.carrier_metal import carrier_metal_potential_names
from ..validation import (
    ProtocolError,
    UnknownNameError,
    check_name,
    check_values,
    validate,
)
from .memory import ReleaseFinishedCycles
from .protocols import load_protocol, read_protocol


@dataclass
class CyclingResult:
    """What :func:`run_cycling` returns.

    ``timeseries`` has one row per solver output point: time, cycle, step, current,
    voltage, discharge capacity, the alloy phase's lithiated fraction and front depth
    (x-averaged shell thickness; in a composite electrode named by the phase,
    ``"Secondary: Lithiated fraction"``, ``"Secondary: Front depth [m]"``), the alloy
    electrode's lowest potential vs the carrier metal (minimum over x of ``"Negative
    electrode potential vs carrier metal [V]"``), cell thickness change, total carrier
    in the cell, and the SEI thickness when PyBaMM's ``"SEI"`` option is on (the saved
    cycles only, see ``save_at_cycles`` of :func:`run_cycling`).
    ``cycles`` has one row per completed cycle: charge and discharge capacity and
    energy, coulombic efficiency (NaN for a cycle that does not both charge and
    discharge, e.g. a GITT pulse), mean charge and discharge voltage (energy over
    capacity), all from PyBaMM's summary variables; the cycle's maximum lithiated
    fraction, front depth (with the phase's prefix in a composite) and cell swelling,
    and its minimum anode potential vs the carrier metal (at the output points; < 0
    only with PyBaMM's plating on or ``"alloy plating cut-off": "false"``,
    docs/plating.md), from its time series; and the SEI thickness at its end.
    ``solution`` is PyBaMM's solution with the time series' variables only (and
    ``output_variables`` of :func:`run_cycling`), so that it pickles small; its summary
    variables are PyBaMM's, for every cycle.
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
#: Timeseries columns of the alloy phase, prefixed with its PyBaMM phase in a composite
#: electrode ("Secondary: Front depth [m]"), and of the whole cell.
LITHIATED_FRACTION, FRONT_DEPTH = "Lithiated fraction", "Front depth [m]"
SWELLING, SEI_THICKNESS = "Cell thickness change [m]", "SEI thickness [m]"


def phase_prefix(model: DFN) -> str:
    """PyBaMM's parameter prefix of the (first) alloy phase: ``""`` in a couple's
    electrode, ``"Secondary: "`` in a composite's (graphite primary, alloy secondary)."""
    phase, name = model.alloy_phases[0]
    return f"{phase.capitalize()}: " if name else ""


def _columns(model: DFN) -> dict[str, str]:
    """Timeseries column -> PyBaMM variable (of the first alloy phase in a composite)."""
    domain = model.alloy_domain
    alloy, prefix = f"X-averaged {domain} {model.alloy_phases[0][1]}", phase_prefix(model)
    columns = {
        "Time [h]": "Time [h]",
        "Current [A]": "Current [A]",
        "Voltage [V]": "Voltage [V]",
        "Discharge capacity [A.h]": "Discharge capacity [A.h]",
        prefix + LITHIATED_FRACTION: f"{alloy}lithiated fraction",
        prefix + FRONT_DEPTH: f"{alloy}shell thickness [m]",
        ANODE_POTENTIAL: carrier_metal_potential_names(domain)["minimum"],
        SWELLING: "Cell thickness change [m]",
        "Total lithium [mol]": "Total lithium [mol]",
    }
    if getattr(model.options, domain)["SEI"] != "none":
        columns[SEI_THICKNESS] = f"X-averaged {domain} SEI thickness [m]"
    return columns


def solution_timeseries(solution: pybamm.Solution, model: DFN) -> pd.DataFrame:
    """The time series (:class:`CyclingResult`) of an experiment's solution; an unsaved
    cycle (``save_at_cycles``) keeps its number and has no rows."""
    return steps_timeseries(
        [None if cycle is None else cycle.steps for cycle in solution.cycles], model
    )


def steps_timeseries(cycles: list, model: DFN) -> pd.DataFrame:
    """The time series of ``cycles``, each a list of step solutions of ``model`` (or
    None: no rows), numbered from 1; a skipped step (an empty solution) has no rows."""
    columns = _columns(model)
    frames = []
    for cycle, steps in enumerate(cycles, start=1):
        if steps is None:
            continue
        for step, step_solution in enumerate(steps, start=1):
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
    """Capacity and energy columns of a cycle's row, with efficiency and mean voltages.

    The coulombic efficiency needs a cycle that both charges and discharges: NaN for
    one that does not (a GITT charge pulse), never a 0 that no discharge made.
    """
    return {
        "Cycle": cycle,
        "Charge capacity [A.h]": charge,
        "Discharge capacity [A.h]": discharge,
        "Coulombic efficiency": discharge / charge if charge > 0 and discharge > 0 else np.nan,
        "Charge energy [W.h]": e_charge,
        "Discharge energy [W.h]": e_discharge,
        "Mean charge voltage [V]": e_charge / charge if charge > 0 else np.nan,
        "Mean discharge voltage [V]": e_discharge / discharge if discharge > 0 else np.nan,
    }


def _maximum(column: str) -> str:
    """``"Secondary: Front depth [m]"`` -> ``"Secondary: Maximum front depth [m]"``."""
    prefix, separator, name = column.rpartition(": ")
    return f"{prefix}{separator}Maximum {name[0].lower()}{name[1:]}"


def _extremes(frame: pd.DataFrame) -> dict:
    """A cycle's maxima of the alloy phase's lithiated fraction and front depth and of
    the cell's swelling, and its minimum anode potential, from its time series."""
    maxima = [c for c in frame if c.endswith((LITHIATED_FRACTION, FRONT_DEPTH, SWELLING))]
    return {
        **{_maximum(column): frame[column].max() for column in maxima},
        MINIMUM_ANODE_POTENTIAL: frame[ANODE_POTENTIAL].min(),
    }


def cycle_summary(timeseries: pd.DataFrame) -> pd.DataFrame:
    """Per-cycle capacities, energies and extremes from the time series alone.

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
        row = {**_totals(cycle, charge, discharge, e_charge, e_discharge), **_extremes(frame)}
        if SEI_THICKNESS in frame:
            row[SEI_THICKNESS] = frame[SEI_THICKNESS].iloc[-1]
        rows.append(row)
    return pd.DataFrame(rows)


#: Summary variables (per-cycle end values and changes) that give every cycle's
#: capacity and energy columns.
_SUMMARY_TOTALS = ("Discharge capacity [A.h]", "Discharge energy [W.h]")


def _summary_totals(summary, index: int, energy: bool) -> dict:
    """Capacity and energy columns of cycle ``index`` from PyBaMM's summary variables.

    Over a cycle, the change in throughput (integral of |I|) is charge + discharge and the
    change in discharge capacity (integral of I) is discharge - charge; the same for
    energy when the model integrates it (``"calculate discharge energy": "true"``, the
    default of :func:`cycling_cell`; else the energies and mean voltages are NaN).
    """

    def change(name: str) -> float:
        return summary[f"Change in {name[0].lower() + name[1:]}"][index]

    throughput, net = change("Throughput capacity [A.h]"), change("Discharge capacity [A.h]")
    energy, net_energy = (
        (change("Throughput energy [W.h]"), change("Discharge energy [W.h]"))
        if energy
        else (np.nan, np.nan)
    )
    discharge, charge = (throughput + net) / 2, (throughput - net) / 2
    e_discharge, e_charge = (energy + net_energy) / 2, (energy - net_energy) / 2
    return _totals(index + 1, charge, discharge, e_charge, e_discharge)


def _all_cycles(solution, timeseries: pd.DataFrame, model: DFN) -> pd.DataFrame:
    """One row per cycle: capacities, energies and the SEI thickness from PyBaMM's
    summary variables (every cycle), the extremes from the time series (the kept
    cycles; NaN for the others)."""
    extremes = {cycle: _extremes(frame) for cycle, frame in timeseries.groupby("Cycle")}
    sei = _columns(model).get(SEI_THICKNESS)
    energy = model.options["calculate discharge energy"] == "true"
    summary = solution.summary_variables
    rows = []
    for index in range(len(solution.cycles)):
        row = {**_summary_totals(summary, index, energy), **extremes.get(index + 1, {})}
        if sei is not None:
            row[SEI_THICKNESS] = summary[sei][index]
        rows.append(row)
    return pd.DataFrame(rows)


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


#: Runs up to this many cycles keep every cycle's time series by default (and so do
#: protocols with ``keep_every_cycle``, whose cycles are one measurement: GITT's pulses);
#: longer ones keep the first and the last (``save_at_cycles`` of :func:`run_cycling`),
#: the others as rows of the per-cycle summary.
TIMESERIES_CYCLES = 10


def _kept_cycles(save_at_cycles, n_cycles: int, every_cycle: bool = False):
    """``save_at_cycles`` checked (:class:`ProtocolError`), or its default."""
    if save_at_cycles is None:
        return n_cycles if n_cycles > TIMESERIES_CYCLES and not every_cycle else None

    def cycle_number(c) -> bool:
        return isinstance(c, int | np.integer) and not isinstance(c, bool) and c >= 1

    if cycle_number(save_at_cycles) or (
        isinstance(save_at_cycles, list | tuple)
        and all(cycle_number(c) and c <= n_cycles for c in save_at_cycles)
    ):
        return save_at_cycles
    raise ProtocolError(
        "save_at_cycles",
        save_at_cycles,
        f"an integer >= 1 or a list of cycle numbers in [1, {n_cycles}]",
    )


def cycling_cell(
    parameter_set: str, options: dict | None = None, parameter_updates: dict | None = None
) -> tuple[pybamm.ParameterValues, DFN]:
    """The checked parameter values and model of :func:`run_cycling`.

    A couple (:func:`~pybamm_alloying.couple_names`) cycles in
    :class:`~pybamm_alloying.DFN` with ``options``; a composite set
    (:func:`~pybamm_alloying.parameters.composite_names`, graphite + alloy) adds the
    composite study's phases (:func:`~pybamm_alloying.studies.composite.composite_options`:
    graphite primary, alloy secondary, the conversion particle for a conversion set; its alloy mass fraction is the parameter
    ``"Negative electrode alloy mass fraction"``, which ``parameter_updates`` may set).
    PyBaMM's ``"calculate discharge energy"`` is on unless ``options`` turn it off: it
    gives every cycle's energies. Bad inputs raise ``ValueError`` or
    :class:`pybamm.OptionError` naming them (:func:`~pybamm_alloying.validate`: every
    alloy phase's values, and the cut-offs against the open-circuit window over all
    the anode's phases).
    """
    from .composite import composite_options  # composite imports this module (via design)

    check_name("parameter_set", parameter_set, couple_names() + composite_names())
    composite = composite_options(parameter_set) if parameter_set in composite_names() else {}
    check_values({} if parameter_updates is None else parameter_updates, "parameter_updates")
    parameter_values = pybamm.ParameterValues(parameter_set)
    parameter_values.update(parameter_updates or {}, check_already_exists=False)
    model = DFN({"calculate discharge energy": "true", **composite, **(options or {})})
    validate(parameter_values, model)
    return parameter_values, model


def _solver(model: DFN, output_variables) -> pybamm.IDAKLUSolver:
    """The model's IDAKLU settings, returning only the time series' variables and
    ``output_variables`` (PyBaMM's ``output_variables``): the solution then holds no
    state vectors, only those variables, so a long run's stays small."""
    unknown = [name for name in output_variables or [] if name not in model.variables]
    if unknown:
        close = difflib.get_close_matches(unknown[0], list(model.variables.keys()), n=1)
        raise UnknownNameError(
            "output_variables",
            unknown,
            "names of the model's variables (model.variables)",
            f"; did you mean {close[0]!r}?" if close else "",
        )
    names = dict.fromkeys([*_columns(model).values(), *(output_variables or [])])
    return pybamm.IDAKLUSolver(**solver_settings(model.alloy_options), output_variables=list(names))


def _cycling_simulation(
    parameter_values, model, protocol, cycles, rate, save_at_cycles, output_variables
) -> tuple[pybamm.Simulation, object]:
    """The simulation of :func:`run_cycling` (the protocol between the set's cut-offs,
    the summary totals added to the model's summary variables) and the checked
    ``save_at_cycles``."""
    experiment = load_protocol(
        protocol,
        cycles,
        parameter_values["Lower voltage cut-off [V]"],
        parameter_values["Upper voltage cut-off [V]"],
        rate,
    )
    save_at_cycles = _kept_cycles(
        save_at_cycles,
        len(experiment.cycles),
        read_protocol(protocol).get("keep_every_cycle", False),
    )
    model.summary_variables = [*model.summary_variables, *_SUMMARY_TOTALS] + [
        name for name in [_columns(model).get(SEI_THICKNESS)] if name
    ]
    simulation = pybamm.Simulation(
        model,
        parameter_values=parameter_values,
        experiment=experiment,
        solver=_solver(model, output_variables),
    )
    return simulation, save_at_cycles


def _check_first_step(solution: pybamm.Solution, experiment: pybamm.Experiment) -> None:
    """Raise :class:`pybamm.SolverError` if the experiment's first step did not run (PyBaMM
    skips an empty first step and runs the rest)."""
    start = solution.cycles[0] if solution.cycles else None
    first = start.steps[0] if start is not None and start.steps else None
    if isinstance(first, pybamm.EmptySolution):
        raise pybamm.SolverError(
            f"the first step ({experiment.cycles[0][0]}) did not run: {first.termination} "
            "(its end condition already held at its start, e.g. a cut-off crossed at once at this rate)"
        )


def run_cycling(
    parameter_set: str = "LiSi_NMC811",
    protocol: str = "cccv",
    cycles: int | None = None,
    options: dict | None = None,
    rate: str | None = None,
    save_at_cycles: int | list[int] | None = None,
    parameter_updates: dict | None = None,
    output_variables: list[str] | None = None,
) -> CyclingResult:
    """Cycle a full cell with a shrinking-core alloy anode (or a graphite + alloy one).

    Inputs are checked before the solve (a bad one raises ``ValueError`` or
    :class:`pybamm.OptionError` naming it). A run that stops early (a cut-off in a
    charge step, the anode at 0 V vs the carrier metal, a solver error) returns its
    completed cycles, ``completed`` False and ``stop_reason`` naming step and reason.

    Parameters
    ----------
    parameter_set : str
        A shipped couple (:func:`pybamm_alloying.couple_names`) or composite set
        (:func:`pybamm_alloying.parameters.composite_names`, see :func:`cycling_cell`).
    protocol : str
        A shipped protocol (:func:`~pybamm_alloying.studies.protocol_names`).
    cycles : int, optional
        Number of cycles; the protocol's own default if omitted.
    options : dict, optional
        Options of :class:`pybamm_alloying.DFN` (PyBaMM's and the alloy ones).
    rate : str, optional
        C-rate of a protocol that has one (``"cccv"``: ``"2C"``, ``"C/5"``).
    save_at_cycles : int or list of int, optional
        Keep the time series of these cycles only (PyBaMM's ``save_at_cycles``; the
        first and the last always kept). Default: all for up to
        :data:`TIMESERIES_CYCLES` cycles or ``gitt``, else the first and last. Every cycle
        gets its row in ``cycles`` from PyBaMM's summary variables; the extremes that
        need the time series are NaN for a cycle not kept. Memory stays bounded
        (:class:`~pybamm_alloying.studies.ReleaseFinishedCycles`, always on).
    parameter_updates : dict, optional
        Values to change or add before the run (e.g. PyBaMM's SEI parameters, which the
        Na sets' partner lacks); checked with the rest.
    output_variables : list of str, optional
        Further PyBaMM variables to keep in :attr:`CyclingResult.solution` (e.g.
        ``["x_n [m]", "Negative shell thickness [m]"]``). It holds only the time
        series' variables otherwise (IDAKLU's ``output_variables``): asking it for
        another raises PyBaMM's ``KeyError``.
    """
    parameter_values, model = cycling_cell(parameter_set, options, parameter_updates)
    simulation, save_at_cycles = _cycling_simulation(
        parameter_values, model, protocol, cycles, rate, save_at_cycles, output_variables
    )
    experiment, stops = simulation.experiment, StepStops()
    solution = simulation.solve(
        save_at_cycles=save_at_cycles, callbacks=[ReleaseFinishedCycles(), stops]
    )
    _check_first_step(solution, experiment)
    timeseries = solution_timeseries(solution, model)
    summary = _all_cycles(solution, timeseries, model)
    complete = _completed(solution, len(experiment.cycles[0]), len(experiment.cycles))
    summary = summary[complete].reset_index(drop=True)
    return CyclingResult(timeseries, summary, solution, len(experiment.cycles), stops.reason)
