"""Study runners shared by the rate-limit, anode-comparison and composite studies.

Each builds one model and solves it many times: :class:`LithiationCapacity` gives the
capacity of anode lithiation at any C-rate (the current is a PyBaMM input, so the search
never rebuilds the model), :func:`search_c_rate` brackets and bisects in log C-rate for
the fastest lithiation that still delivers a share of the C/20 capacity, and
:class:`RateCycles` runs one CC cycle per rate in one experiment (docs/studies.md).
"""

import math
from typing import NamedTuple

import pybamm

from ..models import DFN
from .budget import LithiationBudget, add_budget_variables, lithiation_budget
from .cycling import StepStops, cycle_summary, solution_timeseries
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


class LithiationCapacity:
    """A cell built once; the capacity of anode lithiation at any C-rate by one solve.

    ``values`` are the cell's parameters (a half cell's with ``half``); ``inputs`` are
    PyBaMM inputs passed to every solve (e.g. a composite's alloy fraction), and may be
    changed between searches. With ``budget`` (one alloy phase only) each solve's last
    state is kept for :meth:`budget`.
    """

    def __init__(
        self, values: pybamm.ParameterValues, options=None, half=False, inputs=None, budget=False
    ):
        values = values.copy()
        self.nominal = values["Nominal cell capacity [A.h]"]
        self.sign = LITHIATION_SIGN["half" if half else "full"]
        values["Current function [A]"] = "[input]"
        model = DFN({**(options or {}), **({"working electrode": "positive"} if half else {})})
        if budget:
            add_budget_variables(model)
        self.simulation = pybamm.Simulation(
            model, parameter_values=values, solver=model.default_solver
        )
        self.inputs = inputs or {}
        self.trials = []
        self.ends = {} if budget else None
        self.cell = "half" if half else "full"

    def __call__(self, c_rate: float) -> float:
        current = c_rate * self.nominal
        solution = self.simulation.solve(
            [0, 1.5 * 3600 / c_rate],
            inputs={**self.inputs, "Current function [A]": self.sign * current},
        )
        capacity = current * solution.t[-1] / 3600
        self.trials.append((c_rate, capacity))
        if self.ends is not None:
            self.ends[c_rate] = (solution.last_state, solution.termination)
        return capacity

    def budget(self, c_rate: float) -> LithiationBudget:
        """The voltage budget at the end of the solve at ``c_rate`` (one already run)."""
        return lithiation_budget(*self.ends[c_rate], self.simulation.model, self.cell)


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
    """One CC cycle (protocol ``cc``) at each rate in turn, in one experiment on one
    built model; called with PyBaMM inputs (e.g. a composite's alloy fraction), it
    returns [(timeseries, per-cycle summary row)] per rate."""

    def __init__(
        self, values: pybamm.ParameterValues, options: dict | None = None, rates=("C/10", "1C")
    ):
        model = DFN(options)
        cut_offs = values["Lower voltage cut-off [V]"], values["Upper voltage cut-off [V]"]
        cycles = [load_protocol("cc", 1, *cut_offs, rate).cycles[0] for rate in rates]
        self.model, self.rates = model, rates
        self.simulation = pybamm.Simulation(
            model,
            parameter_values=values,
            experiment=pybamm.Experiment(cycles),
            solver=model.default_solver,
        )

    def __call__(self, inputs: dict | None = None, partial: bool = False) -> list:
        """[(timeseries, summary row)] per rate. A cycle that stops early raises
        :class:`pybamm.SolverError` naming it; with ``partial``, once the first rate's
        cycle is complete, the later ones are returned as ``(None, message)`` instead."""
        stops = StepStops()
        solution = self.simulation.solve(inputs=inputs, callbacks=[stops])
        done = [len(cycle.steps) for cycle in solution.cycles if cycle is not None]
        expected = list(self.simulation.experiment.cycle_lengths)
        complete = len(expected)
        if done != expected:
            complete = next(k for k, n in enumerate(expected) if k >= len(done) or done[k] != n)
            message = (
                f"the {self.rates[complete]} cycle stopped after "
                f"{done[complete] if complete < len(done) else 0} of its {expected[complete]} "
                f"steps: {stops.reason or solution.termination}"
            )
            if not (partial and complete > 0):
                raise pybamm.SolverError(message)
        timeseries = solution_timeseries(solution, self.model)
        summary = cycle_summary(timeseries)
        return [
            (timeseries[timeseries["Cycle"] == k + 1], summary.iloc[k])
            if k < complete
            else (None, message)
            for k in range(len(self.rates))
        ]
