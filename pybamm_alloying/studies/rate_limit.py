"""Rate limit of anode lithiation: the fastest charge that still delivers its capacity,
and what limits it.

The anode lithiates on the full cell's charge. From the assembled (discharged) state the
cell is charged at a constant C-rate until the upper cut-off; the capacity delivered,
relative to that at C/20, falls as the rate rises. In a half cell (``cell="half"``, the
alloy against the carrier metal) the same lithiation is a discharge to 5 mV, without the
cathode's kinetics. The rate-limited C-rate is the highest rate at which it stays
>= ``threshold`` (80 %). It is bracketed in log C-rate (steps of x3 from 1C) and bisected
until the passing and the failing rate are within ``tolerance`` (5 %) of each other:
1 + ~2 + 5 solves. One model is built per couple
(:class:`~pybamm_alloying.studies.runners.CellModel`, or the caller's); the current is a
PyBaMM input parameter, so the search never rebuilds it.

What limits it is read from the simulation's own voltage budget at the end of the
passing charge (:mod:`pybamm_alloying.studies.budget`): the largest of the anode's shell
diffusion, interface reaction, SEI film and charge transfer, the electrolyte's
concentration and ohmic losses, the solid's ohmic loss and the counter electrode's terms.
The rate is diffusion-limited only when that term is the anode's shell diffusion.
"""

from concurrent.futures import Executor
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pybamm

from ..models.options import ALLOY_OPTIONS
from ..parameters import (
    conversion_names,
    couple_names,
    load_half_cell,
    load_parameter_set,
)
from ..regime import regime_from_parameters
from ..validation import ArgumentError, check_name, check_number
from .budget import LithiationBudget
from .formation import cell_options, formed_state
from .parallel import map_cases
from .runners import LITHIATION_SIGN, CellModel, LithiationCapacity, search_c_rate

#: ``tolerance``: relative width of the final C-rate bracket. Below 1e-6 the bisection
#: needs more than ~20 solves per couple (and at 1e-16 it never ends); above 0.5 it is
#: coarser than one bisection of the x3 bracket.
TOLERANCE_RANGE = (1e-6, 0.5)


@dataclass
class RateLimit:
    """What :func:`lithiation_rate_limit` returns.

    ``c_rate`` passes (capacity >= threshold x the C/20 capacity), ``failing_rate`` (the
    next step up, within ``tolerance``) does not; ``budget`` is the voltage budget at the
    end of the passing charge, whose largest term is the limiting mechanism;
    ``analytic_c_rate`` is the anode particle's own estimate (:func:`anode_analytic_c_rate`);
    ``trials`` holds every solve (C-rate, capacity [A.h], capacity / reference).
    """

    parameter_set: str
    cell: str
    radius: float
    c_rate: float
    failing_rate: float
    reference_capacity: float
    analytic_c_rate: float
    budget: LithiationBudget
    trials: pd.DataFrame

    def as_row(self) -> dict:
        """The scalar results, one table row (``trials`` left out)."""
        return {
            "parameter set": self.parameter_set,
            "radius [m]": self.radius,
            "rate-limited C-rate": self.c_rate,
            "failing C-rate": self.failing_rate,
            "C/20 charge capacity [A.h]": self.reference_capacity,
            **self.budget.as_row(),
            "anode analytic C-rate": self.analytic_c_rate,
            "solves": len(self.trials),
            "cell": self.cell,
        }


def _cells(parameter_set: str, radius, cell: str, overrides):
    """(full cell's values, the lithiated cell's values): the same for ``"full"``, the
    half cell against the carrier metal for ``"half"``; the radius [m] in both."""
    if overrides and cell == "half":
        raise ArgumentError(
            "overrides",
            overrides,
            "None with cell='half' (they change the full cell's file values)",
        )
    full = pybamm.ParameterValues(load_parameter_set(parameter_set, overrides))
    if radius is not None:
        full["Negative particle radius [m]"] = radius
    if cell == "full":
        return full, full
    half = pybamm.ParameterValues(load_half_cell(parameter_set))
    half["Positive particle radius [m]"] = full["Negative particle radius [m]"]
    return full, half


def lithiation_rate_limit(
    parameter_set: str,
    radius: float | None = None,
    threshold: float = 0.8,
    tolerance: float = 0.05,
    options: dict | None = None,
    cell: str = "full",
    overrides: dict | None = None,
    model: CellModel | None = None,
) -> RateLimit:
    """Highest C-rate of anode lithiation whose capacity is >= ``threshold`` x C/20's,
    and the voltage budget that limits it (not necessarily the anode's diffusion).

    Parameters
    ----------
    parameter_set : str
        A shipped couple (:func:`pybamm_alloying.couple_names`) or conversion set
        (:func:`pybamm_alloying.conversion_names`): its cell is formed first (one C/20
        cycle) and the search runs on the formed cell, C-rates of its reversible
        capacity.
    radius : float, optional
        Alloy particle radius [m]; the set's own by default.
    threshold : float
        Fraction of the C/20 capacity, in (0, 1).
    tolerance : float
        Relative width of the final bracket, > 0.
    options : dict, optional
        Options of :class:`pybamm_alloying.DFN`.
    cell : str
        ``"full"`` (the couple's full cell, lithiated on charge to the upper cut-off) or
        ``"half"`` (against the carrier metal, lithiated on discharge to 5 mV; isolates
        the anode from the cathode's kinetics).
    overrides : dict, optional
        File values to change before the cell is derived (full cell only), as for
        :func:`pybamm_alloying.parameters.load_parameter_set`.
    model : CellModel, optional
        The built cell to search on (its budget variables added), e.g. the one the
        anode comparison cycles; it must be this cell (same kind, radius and
        ``options``). Built from the arguments by default.
    """
    check_inputs(parameter_set, radius, threshold, tolerance, cell)
    full, values = _cells(parameter_set, radius, cell, overrides)
    radius = full["Negative particle radius [m]"]
    model_options = cell_options(parameter_set, "full", options)
    if model is None:
        model = CellModel(values, model_options, half=cell == "half", budget=True)
    elif (model.half, model.radius, model.has_budget) != (cell == "half", radius, True):
        raise ArgumentError(
            "model",
            model,
            f"a CellModel of this {cell} cell with radius {radius} m and the budget variables",
        )
    start = _formed(parameter_set, options, values) if parameter_set in conversion_names() else None
    capacity = LithiationCapacity(model, start=start)
    low, high, reference = search_c_rate(capacity, threshold, tolerance)
    trials = pd.DataFrame(capacity.trials, columns=["C-rate", "lithiation capacity [A.h]"])
    trials["relative capacity"] = trials["lithiation capacity [A.h]"] / reference
    return RateLimit(
        parameter_set,
        cell,
        radius,
        low,
        high,
        reference,
        anode_analytic_c_rate(full, radius, model_options),
        capacity.budget(low),
        trials,
    )


def _formed(name: str, options, values) -> pybamm.Solution:
    """The state a conversion set's rate search starts from, its formed full cell: one
    C/20 formation cycle (:func:`~pybamm_alloying.studies.formation.formed_state`), the
    oxide converted; the C-rates are of the formed cell's nominal (reversible) capacity."""
    return formed_state(name, "full", ("C/20",), options, values).state


def anode_analytic_c_rate(
    values: pybamm.ParameterValues, radius: float, options: dict | None = None
) -> float:
    """The particle-level C-rate of the regime analysis (docs/theory.md §11) for the
    alloy of ``values`` (a full cell's) at ``radius`` [m], with the SEI film only where
    the ``"alloy SEI transport"`` option puts it and in the ``"alloy geometry"`` of
    ``options`` (the DFN's defaults otherwise)."""
    options = options or {}
    film = options.get("alloy SEI transport", ALLOY_OPTIONS["alloy SEI transport"][0]) == "film"
    geometry = options.get("alloy geometry", ALLOY_OPTIONS["alloy geometry"][0])
    return regime_from_parameters(values, radius, geometry=geometry, sei=film).limiting_c_rate


def check_inputs(parameter_set, radius=None, threshold=0.8, tolerance=0.05, cell="full"):
    """Raise a :class:`~pybamm_alloying.validation.ValidationError` naming the first bad
    argument of :func:`lithiation_rate_limit`."""
    check_name("parameter_set", parameter_set, couple_names() + conversion_names())
    check_number("threshold", threshold, 0, 1, error=ArgumentError)
    check_number("tolerance", tolerance, *TOLERANCE_RANGE, "[]", error=ArgumentError)
    if radius is not None:
        check_number("radius [m]", radius, 0)
    check_name("cell", cell, LITHIATION_SIGN)
    if cell == "half" and parameter_set in conversion_names():
        raise ArgumentError(
            "cell",
            cell,
            f"'full' for conversion set {parameter_set!r}",
            " (its rate is that of the formed full cell; the formed half cell's lithiation "
            "failed to converge, IDA_CONV_FAIL)",
        )


def rate_limit_table(
    parameter_sets=None,
    radius: float | None = None,
    executor: Executor | None = None,
    progress: bool = False,
    checkpoint: Path | None = None,
    time_limit: float | None = None,
    **kwargs,
) -> pd.DataFrame:
    """:func:`lithiation_rate_limit` for each couple (all by default), one row each.

    Cases run on ``executor`` (a process pool sized to the machine by default; pass
    ``client.get_executor()`` for a Dask cluster). A failed case is reported in the
    ``error`` column and the others finish. The ``trials`` column holds each couple's
    solves (C-rate, capacity, relative capacity) for :func:`plot_rate_capability`. With
    ``checkpoint`` a rerun resumes; a couple that runs longer than ``time_limit``
    seconds is stopped and reported (:func:`~pybamm_alloying.studies.parallel.map_cases`).
    """
    names = couple_names() if parameter_sets is None else list(parameter_sets)
    for name in names:
        check_name("parameter_set", name, couple_names() + conversion_names())
    results = map_cases(
        _rate_limit_row,
        [(name, radius, kwargs) for name in names],
        executor,
        progress,
        checkpoint,
        time_limit,
    )
    return pd.DataFrame(results)


def _rate_limit_row(case) -> dict:
    name, radius, kwargs = case
    result = lithiation_rate_limit(name, radius, **kwargs)
    return {**result.as_row(), "trials": result.trials.to_dict("list")}
