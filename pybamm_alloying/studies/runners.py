"""Study runners shared by the rate-limit, anode-comparison and composite studies.

:class:`CellModel` builds one cell model (the current and the step cut-offs are PyBaMM
inputs), discretises it and sets up its solver once; its current steps then run on it.
On one :class:`CellModel`: :class:`LithiationCapacity` gives the capacity of anode
lithiation at any C-rate by one step, :func:`search_c_rate` brackets and bisects in log
C-rate for the fastest lithiation that still delivers a share of the C/20 capacity, and
:class:`RateCycles` runs one CC cycle per rate (docs/studies.md).
"""

import math
from typing import NamedTuple

import pybamm

from ..models import DFN
from .budget import LithiationBudget, add_budget_variables, lithiation_budget
from .cycling import cycle_summary, steps_timeseries
from .protocols import load_protocol

#: C-rate of the reference charge.
REFERENCE_RATE = 0.05
#: First rate tried, and the factor of the bracketing steps.
FIRST_RATE, BRACKET_FACTOR = 1.0, 3.0
#: The search gives up beyond these rates [1/h].
RATE_BOUNDS = (1e-2, 1e3)


#: Sign of the current that lithiates the anode: the full cell's charge, the half
#: cell's discharge (the alloy is PyBaMM's positive electrode there).
LITHIATION_SIGN = {"full": -1, "half": 1}

#: PyBaMM inputs of :class:`CellModel`: the applied current (PyBaMM's own parameter) and
#: the voltage cut-offs of the running step (no cut-off: beyond any cell voltage).
CURRENT = "Current function [A]"
UPPER_CUT_OFF, LOWER_CUT_OFF = "Step upper voltage cut-off [V]", "Step lower voltage cut-off [V]"
NO_CUT_OFF = 1e3
#: Names of the step cut-off events. PyBaMM's solver steps on past an event only if its
#: name carries "[experiment]" (``BaseSolver.step``), as its experiments' cut-offs do.
EXPERIMENT_TAG = " [experiment]"
#: The side a step's cut-off is crossed from, by its direction (as PyBaMM's
#: ``VoltageTermination`` reads it): a charge ends above, a discharge below.
DIRECTIONS = {"charge": ">", "discharge": "<"}
CUT_OFF_EVENTS = {
    UPPER_CUT_OFF: "Maximum voltage [V]" + EXPERIMENT_TAG,
    LOWER_CUT_OFF: "Minimum voltage [V]" + EXPERIMENT_TAG,
}


class CellModel:
    """A cell built, parameterised and discretised once; its current steps solved on it.

    The current is the PyBaMM input ``"Current function [A]"`` and each step's voltage
    cut-off an input of one of two events, sign (V_cut - V) >= 0 on ``"Battery voltage
    [V]"``, which is PyBaMM's own step termination (``pybamm.step.VoltageTermination``);
    the model's own cut-off events are moved 1 V out, as PyBaMM's experiments move them
    (``BaseStep.update_voltage_safety_events``). A step starts from the last state of the
    one before, so a C/10 cycle, a 1C cycle and every trial rate of a search run on one
    model and one solver set-up, where a PyBaMM experiment processes and discretises a
    model per distinct step. ``values`` are the cell's parameters (a half cell's, the
    alloy as PyBaMM's positive electrode, with ``half``); ``budget`` adds the voltage
    budget's variables (one alloy phase only, :func:`add_budget_variables`); ``solver``
    replaces the model's default one.
    """

    def __init__(
        self,
        values: pybamm.ParameterValues,
        options: dict | None = None,
        half: bool = False,
        budget: bool = False,
        solver: pybamm.BaseSolver | None = None,
    ):
        values = values.copy()
        self.nominal = values["Nominal cell capacity [A.h]"]
        self.half, self.has_budget = half, budget
        self.cut_offs = values["Lower voltage cut-off [V]"], values["Upper voltage cut-off [V]"]
        # the alloy's particle radius [m]; None in a composite (one per phase)
        self.radius = values.get(
            "Positive particle radius [m]" if half else "Negative particle radius [m]"
        )
        for name in (CURRENT, UPPER_CUT_OFF, LOWER_CUT_OFF):
            values[name] = "[input]"
        model = DFN({**(options or {}), **({"working electrode": "positive"} if half else {})})
        if budget:
            add_budget_variables(model)
        _add_cut_off_events(model)
        simulation = pybamm.Simulation(
            model, parameter_values=values, solver=solver or model.default_solver
        )
        simulation.build()
        self.model, self.built, self.solver = model, simulation.built_model, simulation.solver

    def step_inputs(self, step: pybamm.step.BaseStep) -> dict[str, float]:
        """The current [A] (> 0 on discharge) and cut-offs [V] of a current, C-rate or
        rest step; any other kind of step raises ``ValueError``."""
        if isinstance(step, pybamm.step.CRate):
            current = step.value * self.nominal
        elif type(step) in (pybamm.step.Current, pybamm.step.Rest):
            current = step.value
        else:
            raise ValueError(f"CellModel runs current, C-rate and rest steps, not {step!r}")
        if not isinstance(current, float | int):
            raise ValueError(f"CellModel runs constant-current steps, not {step!r}")
        inputs = {CURRENT: float(current), UPPER_CUT_OFF: NO_CUT_OFF, LOWER_CUT_OFF: -NO_CUT_OFF}
        for termination in step.termination:
            if not isinstance(termination, pybamm.step.VoltageTermination):
                raise ValueError(f"CellModel ends steps at voltage cut-offs only, not {step!r}")
            operator = termination.operator or DIRECTIONS.get(step.direction)
            if operator is None:
                raise ValueError(f"a voltage cut-off of a rest needs '<' or '>', in {step!r}")
            inputs[UPPER_CUT_OFF if operator == ">" else LOWER_CUT_OFF] = termination.value
        return inputs

    def step(
        self,
        step: str | pybamm.step.BaseStep,
        start: pybamm.Solution | None = None,
        inputs: dict | None = None,
    ) -> pybamm.Solution:
        """Solve one step (a :class:`pybamm.step.BaseStep` or PyBaMM's step text) from the
        last state of ``start`` (the initial state if None), with further PyBaMM
        ``inputs``. A step whose cut-off holds at its start is skipped, as in an
        experiment: an empty solution at the start time."""
        step = pybamm.step.string(step) if isinstance(step, str) else step
        start = pybamm.EmptySolution() if start is None else start
        t_eval, t_interp = step.setup_timestepping(self.solver, step.duration)
        try:
            return self.solver.step(
                start,
                self.built,
                step.duration,
                t_eval,
                t_interp=t_interp,
                save=False,
                inputs={**(inputs or {}), **self.step_inputs(step)},
            )
        except pybamm.SolverError as error:
            if "non-positive at initial conditions" in error.message and EXPERIMENT_TAG in (
                error.message
            ):
                return pybamm.EmptySolution("Event exceeded in initial conditions", t=start.t[-1])
            raise

    def run(self, steps: list | tuple, inputs: dict | None = None) -> "StepRun":
        """Steps in turn from the initial state, stopped as a PyBaMM experiment stops
        them (a solver error after the first step, an event other than the step's
        cut-off, a step's default duration ran out); a solver error in the first step
        is raised."""
        solutions, last = [], None
        for number, text in enumerate(steps, start=1):
            step = pybamm.step.string(text) if isinstance(text, str) else text
            try:
                solution = self.step(step, last, inputs)
            except pybamm.SolverError as error:
                if last is None:
                    raise
                return StepRun(solutions, f"step {number} ({step}): solver error: {error}", number)
            solutions.append(solution)
            if isinstance(solution, pybamm.EmptySolution):
                continue
            last, why = solution, _stop(step, solution.termination)
            if why:
                return StepRun(solutions, f"step {number} ({step}): {why}", number)
        return StepRun(solutions)


class StepRun(NamedTuple):
    """What :meth:`CellModel.run` returns: the steps' solutions (an empty one for a
    skipped step), and, if the run stopped early, why and the number of the step
    (from 1) that stopped it."""

    solutions: list
    reason: str | None = None
    stopped: int | None = None


def _stop(step: pybamm.step.BaseStep, termination: str) -> str | None:
    """Why a step that ended by ``termination`` stops the run, as PyBaMM's experiment
    loop decides it; None if the run goes on."""
    if termination == "final time":
        return (
            f"its default duration ({step.duration} s) ran out first"
            if step.uses_default_duration
            else None
        )
    if EXPERIMENT_TAG in termination:
        return None
    return f"stopped by {termination}"


def _add_cut_off_events(model) -> None:
    """Move the model's voltage cut-off events 1 V out and add the step cut-offs."""
    pybamm.step.BaseStep.update_voltage_safety_events(model)
    voltage = model.variables["Battery voltage [V]"]
    model.events += [
        pybamm.Event(CUT_OFF_EVENTS[UPPER_CUT_OFF], pybamm.InputParameter(UPPER_CUT_OFF) - voltage),
        pybamm.Event(CUT_OFF_EVENTS[LOWER_CUT_OFF], voltage - pybamm.InputParameter(LOWER_CUT_OFF)),
    ]


class LithiationCapacity:
    """The capacity of anode lithiation at any C-rate, by one step of one built cell.

    ``cell`` is a :class:`CellModel`, or the cell's parameters (a half cell's with
    ``half``), from which one is built with ``options`` and ``budget``; ``inputs`` are
    PyBaMM inputs passed to every solve (e.g. a composite's alloy fraction), and may be
    changed between searches. Each solve lithiates from ``start`` (the last state of a
    solution, e.g. a formed cell's; the initial state if None) at a constant
    C-rate to the lithiation cut-off (the full cell's upper one, the half cell's lower),
    or for 1.5 h / C-rate; with a budget each solve's last state is kept for
    :meth:`budget`.
    """

    def __init__(
        self,
        cell: "CellModel | pybamm.ParameterValues",
        options=None,
        half=False,
        inputs=None,
        budget=False,
        start: pybamm.Solution | None = None,
    ):
        self.cell = cell if isinstance(cell, CellModel) else CellModel(cell, options, half, budget)
        self.start = start
        self.sign = LITHIATION_SIGN["half" if self.cell.half else "full"]
        self.inputs = inputs or {}
        self.trials = []
        self.ends = {} if self.cell.has_budget else None

    def __call__(self, c_rate: float) -> float:
        lower, upper = self.cell.cut_offs
        step = pybamm.step.c_rate(
            self.sign * c_rate,
            duration=1.5 * 3600 / c_rate,
            termination=f"{upper if self.sign < 0 else lower} V",
        )
        solution = self.cell.step(step, self.start, inputs=self.inputs)
        if isinstance(solution, pybamm.EmptySolution):
            raise pybamm.SolverError(
                f"the lithiation at {c_rate} C cannot start: its cut-off holds"
            )
        capacity = c_rate * self.cell.nominal * (solution.t[-1] - solution.t[0]) / 3600
        self.trials.append((c_rate, capacity))
        if self.ends is not None:
            termination = solution.termination.removesuffix(EXPERIMENT_TAG)
            self.ends[c_rate] = (solution.last_state, termination)
        return capacity

    def budget(self, c_rate: float) -> LithiationBudget:
        """The voltage budget at the end of the solve at ``c_rate`` (one already run)."""
        cell = "half" if self.cell.half else "full"
        return lithiation_budget(*self.ends[c_rate], self.cell.model, cell)


class RateBracket(NamedTuple):
    """The end of a C-rate search: the passing and the failing rate [1/h] and the C/20
    capacity [A.h] the threshold is a share of."""

    passing: float
    failing: float
    reference: float


def search_c_rate(capacity, threshold: float = 0.8, tolerance: float = 0.05) -> RateBracket:
    """The bracket of the fastest rate whose ``capacity(c_rate)`` is at least
    ``threshold`` of the C/20 one, bisected in log C-rate to ``tolerance``."""
    reference = capacity(REFERENCE_RATE)

    def passes(c_rate: float) -> bool:
        return capacity(c_rate) >= threshold * reference

    low, high = _bracket(passes)
    while high / low > 1 + tolerance:
        middle = math.sqrt(low * high)
        low, high = (middle, high) if passes(middle) else (low, middle)
    return RateBracket(low, high, reference)


def _bracket(passes) -> tuple[float, float]:
    """(passing, failing) rates a factor BRACKET_FACTOR apart, from FIRST_RATE."""
    rate = FIRST_RATE
    direction = 1 if passes(rate) else -1
    while RATE_BOUNDS[0] < rate < RATE_BOUNDS[1]:
        step = rate * BRACKET_FACTOR**direction
        if passes(step) != (direction == 1):
            return (rate, step) if direction == 1 else (step, rate)
        rate = step
    raise ValueError(f"no C-rate in {RATE_BOUNDS} 1/h separates passing from failing charges")


class RateCycles:
    """One CC cycle (protocol ``cc``) at each rate in turn on one built cell (``cell``, a
    :class:`CellModel`); called with PyBaMM inputs (e.g. a composite's alloy fraction),
    it returns [(timeseries, per-cycle summary row)] per rate."""

    def __init__(self, cell: CellModel, rates=("C/10", "1C")):
        self.cell, self.rates = cell, rates
        self.cycles = [load_protocol("cc", 1, *cell.cut_offs, rate).cycles[0] for rate in rates]

    def __call__(self, inputs: dict | None = None, partial: bool = False) -> list:
        """[(timeseries, summary row)] per rate. A cycle that stops early raises
        :class:`pybamm.SolverError` naming it; with ``partial``, once the first rate's
        cycle is complete, the later ones are returned as ``(None, message)`` instead."""
        solutions, reason, stopped = self.cell.run(sum(self.cycles, ()), inputs)
        ends = [sum(len(cycle) for cycle in self.cycles[: k + 1]) for k in range(len(self.rates))]
        complete = sum(stopped is None or end < stopped for end in ends)
        cycles = [solutions[end - len(c) : end] for end, c in zip(ends, self.cycles)][:complete]
        if complete < len(self.rates):
            done = len(solutions) - (ends[complete - 1] if complete else 0)
            message = (
                f"the {self.rates[complete]} cycle stopped after {done} of its "
                f"{len(self.cycles[complete])} steps: {reason}"
            )
            if not (partial and complete > 0):
                raise pybamm.SolverError(message)
        timeseries = steps_timeseries(cycles, self.cell.model)
        summary = cycle_summary(timeseries)
        return [
            (timeseries[timeseries["Cycle"] == k + 1], summary.iloc[k])
            if k < complete
            else (None, message)
            for k in range(len(self.rates))
        ]
