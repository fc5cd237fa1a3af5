"""Formation: the first slow cycles of a cell, and the carrier the first one locks away.

A conversion-alloying anode (docs/theory.md section 13) converts on its first
lithiation, M_xO_y + 2y A -> x M + y A2O, and keeps the carrier in A2O: the first
cycle's irreversible loss is the locked carrier less what the pristine anode already
holds (its residual shell, c_0 = sto_0 c_max),

    Q_lock = eps_s L A F (c_conv - c_0) / 3600 [A.h],   c_conv = x_conv rho / M,

and from the second cycle the coulombic efficiency is 1 (no SEI). The full cell is
designed for it (:func:`~pybamm_alloying.parameters.design.electrode_design`): the
cathode supplies Q_lock on top of the reversible capacity, so the formed cell's
discharge is the nominal capacity. An alloy set's predicted loss is 0.

The protocol (:data:`FORMATION_RATES`: two C/20 cycles, then one at C/10) charges at
constant current to the upper cut-off, holds there to :data:`HOLD_CURRENT` (full cell
only) and discharges to the lower one; the first charge, which also converts the oxide, runs up
to :data:`TIME_ALLOWANCE` x its stoichiometric duration. In a half cell (the anode
against the carrier metal, PyBaMM's positive electrode) the anode lithiates on
discharge to 5 mV and delithiates on charge to 1.5 V.
"""

from dataclasses import dataclass

import pandas as pd
import pybamm

from ..models import DFN
from ..parameters import load_half_cell, load_parameter_set, set_metadata, set_names
from ..parameters.design import CONVERSION_CONCENTRATION
from ..validation import ArgumentError, OptionCompatibilityError, check_name, validate
from .protocols import c_rate_value
from .runners import LITHIATION_SIGN

#: C-rates of the formation cycles, in order.
FORMATION_RATES = ("C/20", "C/20", "C/10")
#: A step's time limit, in units of the time the whole first lithiation needs at its
#: rate (the first charge of a conversion cell passes 1 + (N/P) r of its nominal
#: capacity, :mod:`~pybamm_alloying.parameters.design`).
TIME_ALLOWANCE = 1.5
#: The full cell's lithiation ends with a constant-voltage hold at the upper cut-off
#: (a half cell's at 5 mV failed to converge, IDA_CONV_FAIL) until this current (C-rate of the nominal
#: capacity). Without it a C/20 charge of LiSiO_NMC811 stops 1.3 % short of its design
#: (the upper cut-off is the open-circuit voltage of the charged window, reached early
#: by the charge's polarisation); with it the formed discharge is within ~0.5 % of it.
HOLD_CURRENT = "C/100"


def _check_rates(rates) -> tuple[str, ...]:
    """Rule: ``rates`` is a non-empty sequence of C-rates (``"C/20"``, ``"2C"``, C/100 to
    1000C, :func:`~pybamm_alloying.studies.protocols.c_rate_value`)."""
    if isinstance(rates, str) or not isinstance(rates, (list, tuple)) or not rates:
        raise ArgumentError("rates", rates, 'a non-empty list of C-rates such as ["C/20", "C/10"]')
    for rate in rates:
        c_rate_value(rate)
    return tuple(rates)


def cell_options(name: str, cell: str = "full", options: dict | None = None) -> dict:
    """``options`` of :class:`~pybamm_alloying.DFN` for set ``name``'s ``cell``: with
    ``"alloy particle": "conversion"`` for a conversion set (which runs no other particle:
    :class:`~pybamm_alloying.validation.OptionCompatibilityError` if ``options`` ask for
    ``"quasi-steady"``) and ``"working electrode": "positive"`` for a half cell."""
    options = dict(options or {})
    if set_metadata(name)["kind"] != "alloying":
        if options.get("alloy particle", "conversion") not in ("full", "conversion"):
            raise OptionCompatibilityError(
                f"'alloy particle' must be 'conversion' for conversion set {name!r}, not "
                f"{options['alloy particle']!r}"
            )
        options["alloy particle"] = "conversion"
    return {**options, **({"working electrode": "positive"} if cell == "half" else {})}


def formation_cell(
    name: str, cell: str = "full", options: dict | None = None, values=None
) -> tuple[pybamm.ParameterValues, DFN]:
    """The checked parameter values and model of set ``name`` (any shipped set,
    :func:`~pybamm_alloying.parameters.set_names`) as a ``"full"`` cell or a ``"half"``
    cell against its carrier metal (:func:`cell_options`, with ``options``); ``values``
    replace the set's own (e.g. another radius). Values and options are validated
    (:func:`~pybamm_alloying.validate`) before any solve."""
    check_name("parameter set", name, set_names())
    check_name("cell", cell, LITHIATION_SIGN)
    if values is None:
        values = load_half_cell(name) if cell == "half" else load_parameter_set(name)
    values = pybamm.ParameterValues(values)
    model = DFN({"calculate discharge energy": "true", **cell_options(name, cell, options)})
    validate(values, model)
    return values, model


def _anode(values, cell: str) -> tuple[str, float]:
    """(PyBaMM's domain name of the anode, its active volume eps_s L A [m3])."""
    domain = "Positive" if cell == "half" else "Negative"
    volume = (
        values[f"{domain} electrode active material volume fraction"]
        * values[f"{domain} electrode thickness [m]"]
        * values["Electrode width [m]"]
        * values["Electrode height [m]"]
    )
    return domain, volume


def predicted_loss(values, cell: str = "full") -> float:
    """Q_lock = eps_s L A F (c_conv - c_0) / 3600 [A.h]: the carrier the first cycle locks
    in A2O (module docstring); 0 for an alloy set."""
    domain, volume = _anode(values, cell)
    c_conv = values.get(CONVERSION_CONCENTRATION.replace("Negative", domain))
    if c_conv is None:
        return 0.0
    c_0 = values[f"Initial concentration in {domain.lower()} electrode [mol.m-3]"]
    return volume * (c_conv - c_0) * pybamm.constants.F.value / 3600


def formation_experiment(values, cell: str = "full", rates=FORMATION_RATES) -> pybamm.Experiment:
    """Per rate of ``rates``: a CC lithiation to the cell's cut-off, in the full cell a
    hold there until :data:`HOLD_CURRENT`, a CC delithiation to the other cut-off. Each CC step is limited
    to :data:`TIME_ALLOWANCE` x the time the first lithiation's whole capacity
    (nominal + Q_lock) takes at its rate."""
    low, high = values["Lower voltage cut-off [V]"], values["Upper voltage cut-off [V]"]
    first = values["Nominal cell capacity [A.h]"] + (cell == "full") * predicted_loss(values)
    share = first / values["Nominal cell capacity [A.h]"]
    (lithiate, full), (delithiate, empty) = ("Charge", high), ("Discharge", low)
    if cell == "half":  # the anode is PyBaMM's positive electrode
        (lithiate, full), (delithiate, empty) = ("Discharge", low), ("Charge", high)
    cycles = []
    for rate in _check_rates(rates):
        hours = f"{TIME_ALLOWANCE * share / c_rate_value(rate):.4g}"
        hold = (f"Hold at {full} V until {HOLD_CURRENT}",) if cell == "full" else ()
        cycles.append(
            (
                f"{lithiate} at {rate} for {hours} hours or until {full} V",
                *hold,
                f"{delithiate} at {rate} for {hours} hours or until {empty} V",
            )
        )
    return pybamm.Experiment(cycles)


@dataclass
class FormationResult:
    """What :func:`run_formation` returns: the per-cycle table (:func:`formation_table`),
    the solution, and the parameter values and model it ran."""

    name: str
    cell: str
    cycles: pd.DataFrame
    solution: pybamm.Solution
    values: pybamm.ParameterValues
    model: DFN


def _step_charge(step: pybamm.Solution) -> float:
    """|charge| a step passed [A.h]."""
    capacity = step["Discharge capacity [A.h]"].entries
    return float(abs(capacity[-1] - capacity[0]))


def _cycle_end(cycle: pybamm.Solution, name: str) -> float:
    """The last value of variable ``name`` in ``cycle``; 0 if the model has none (the
    locked carrier of an alloy set)."""
    if name not in cycle.all_models[0].variables:
        return 0.0
    return float(cycle[name].entries[-1])


def formation_table(solution: pybamm.Solution, values, cell: str, rates) -> pd.DataFrame:
    """One row per formation cycle: charge in (the anode's lithiation, CC and hold) and
    out, the coulombic efficiency out/in, the irreversible loss in - out [A.h], the loss
    the conversion stoichiometry predicts (:func:`predicted_loss`, first cycle only), and
    at the cycle's end the carrier locked in A2O [A.h] and the unconverted fraction."""
    domain = "positive" if cell == "half" else "negative"
    _, volume = _anode(values, cell)
    to_Ah = volume * pybamm.constants.F.value / 3600
    rows = []
    for number, (rate, cycle) in enumerate(zip(rates, solution.cycles), start=1):
        *lithiation, delithiation = cycle.steps
        charged = sum(_step_charge(step) for step in lithiation)
        returned = _step_charge(delithiation)
        locked = _cycle_end(cycle, f"X-averaged {domain} locked carrier concentration [mol.m-3]")
        rows.append(
            {
                "Cycle": number,
                "C-rate": rate,
                "charge in [A.h]": charged,
                "charge out [A.h]": returned,
                "coulombic efficiency": returned / charged,
                "irreversible loss [A.h]": charged - returned,
                "predicted loss [A.h]": predicted_loss(values, cell) if number == 1 else 0.0,
                "locked carrier [A.h]": locked * to_Ah,
                "unconverted fraction": _cycle_end(
                    cycle, f"X-averaged {domain} unconverted fraction"
                ),
            }
        )
    return pd.DataFrame(rows)


def run_formation(
    name: str, cell: str = "full", rates=FORMATION_RATES, options: dict | None = None, values=None
) -> FormationResult:
    """Run the formation protocol (:func:`formation_experiment`, one cycle per rate of
    ``rates``) on set ``name``'s ``"full"`` or ``"half"`` cell with model ``options``
    (and ``values`` instead of the set's, :func:`formation_cell`); inputs are checked before the solve (a bad one raises a
    :class:`~pybamm_alloying.validation.ValidationError` or ``ValueError`` naming it).
    Raises :class:`pybamm.SolverError` if a cycle does not complete."""
    rates = _check_rates(rates)
    values, model = formation_cell(name, cell, options, values)
    experiment = formation_experiment(values, cell, rates)
    solution = pybamm.Simulation(
        model, parameter_values=values, experiment=experiment, solver=model.default_solver
    ).solve()
    done = [len(c.steps) for c in solution.cycles]
    if done != [len(steps) for steps in experiment.cycles]:
        raise pybamm.SolverError(
            f"formation of {name} ({cell} cell) stopped after cycles {done} of "
            f"{len(rates)}: {solution.termination}"
        )
    table = formation_table(solution, values, cell, rates)
    return FormationResult(name, cell, table, solution, values, model)


@dataclass
class FormedState:
    """The cell after formation (:func:`formed_state`): its parameter values, the last
    state of the formation (discharged: the oxide converted, the alloy empty, the
    cathode short of its full-discharge stoichiometry by the locked carrier) and the
    formation's per-cycle table."""

    name: str
    cell: str
    values: pybamm.ParameterValues
    state: pybamm.Solution
    cycles: pd.DataFrame

    def start(self, simulation: pybamm.Simulation) -> pybamm.Simulation:
        """Build ``simulation`` (the same set, cell and options) and start it from the
        formed state: PyBaMM's ``set_initial_conditions_from`` on its built model. Every
        later ``solve`` without an experiment starts there."""
        simulation.build()
        simulation.built_model.set_initial_conditions_from(self.state)
        return simulation


def formed_state(
    name: str, cell: str = "full", rates=FORMATION_RATES, options: dict | None = None, values=None
) -> FormedState:
    """The state of set ``name``'s ``cell`` after :func:`run_formation` (``rates``,
    ``options``, ``values``), for later studies: :meth:`FormedState.start` sets a
    simulation's initial conditions to it; the rate search of a conversion set lithiates
    from ``state`` (:class:`~pybamm_alloying.studies.runners.LithiationCapacity`)."""
    result = run_formation(name, cell, rates, options, values)
    return FormedState(name, cell, result.values, result.solution.last_state, result.cycles)
