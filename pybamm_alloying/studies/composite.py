"""Composite anodes versus alloy fraction: capacity, energy, swelling, rate limit.

Each composite set (graphite + Li-Si, Li-Sn or Li-Ge, ``parameters/composite.py``) is
built once with the alloy mass fraction w as a PyBaMM input; every fraction then
reuses that model. Per fraction: the C/10 and 1C cycles and the stack budget of the
design study (:func:`~pybamm_alloying.studies.anode_comparison.design_row`), the phases' volume
fractions, and the rate-limited C-rate of the full cell's charge
(:func:`~pybamm_alloying.studies.runners.search_c_rate`; no limiting mechanism: the
voltage budget of :mod:`~pybamm_alloying.studies.budget` takes one alloy phase).

The N/P rule keeps the anode thickness, so a richer alloy share makes the anode more
porous rather than thinner. What a calendered electrode would give is reported beside
it: the same loading pressed to the graphite-only porosity eps_0,
``L_cal = L_n (1 - porosity) / (1 - eps_0)``, and the energy density of that stack
(capacity and voltage taken from the simulated cell: at C/10 they do not depend on
the porosity).
"""

from concurrent.futures import Executor
from pathlib import Path

import numpy as np
import pandas as pd
import pybamm

from ..models import DFN
from ..parameters import MASS_FRACTION, composite_metadata, composite_names, load_composite_set
from ..parameters.composite import chen2020_composite_shrinking_core, load_composite_half_cell
from ..prefixes import NEGATIVE as N
from ..prefixes import PRIMARY, SECONDARY
from ..submodels.alloy_parameters import parameter_float
from ..validation import check_name, check_number
from .anode_comparison import design_row
from .parallel import guarded, map_cases
from .runners import CellModel, LithiationCapacity, RateCycles, search_c_rate

#: PyBaMM options of the composite anode: graphite primary (Fickian), alloy secondary.
COMPOSITE_OPTIONS = {"particle phases": ("2", "1"), "alloy phases": "secondary"}


def composite_options(name: str) -> dict:
    """:data:`COMPOSITE_OPTIONS` of composite set ``name``, with ``"alloy particle":
    "conversion"`` when its secondary phase is a conversion-alloying set (graphite + SiO:
    the front converts irreversibly, docs/theory.md section 13)."""
    conversion = composite_metadata(name)["kind"] != "alloying"
    return {**COMPOSITE_OPTIONS, **({"alloy particle": "conversion"} if conversion else {})}


#: Alloy mass fractions of the default sweep.
FRACTIONS = (0.0, 0.05, 0.1, 0.2, 0.3)


def composite_values(
    name: str, alloy_mass_fraction: float | str = "[input]"
) -> pybamm.ParameterValues:
    """Parameter values of composite set ``name`` at a fraction (or as an input)."""
    return pybamm.ParameterValues(load_composite_set(name, alloy_mass_fraction))


def _calendered(values: pybamm.ParameterValues, row: dict) -> dict:
    porosity = parameter_float(values, N + "porosity")
    thickness = values[N + "thickness [m]"]
    calendered = (
        thickness * (1 - porosity) / (1 - values["Graphite-only negative electrode porosity"])
    )
    stack = row["stack thickness [m]"] - thickness + calendered
    energy = row["C/10 discharge energy [W.h.m-2]"]
    return {
        "anode porosity": porosity,
        "graphite volume fraction": parameter_float(
            values, PRIMARY + N + "active material volume fraction"
        ),
        "alloy volume fraction": parameter_float(
            values, SECONDARY + N + "active material volume fraction"
        ),
        "calendered anode thickness [m]": calendered,
        "calendered energy density [W.h.L-1]": energy / stack / 1000,
    }


class CompositeSweep:
    """One composite set's model, built once (one
    :class:`~pybamm_alloying.studies.runners.CellModel` for the cycles and the rate
    search); called with a fraction, one row. After a failed solve the model is built
    afresh.
    """

    def __init__(self, name: str, rate_limit: bool = True, options: dict | None = None):
        self.name, self.stack = name, composite_metadata(name)["stack"]
        self.rate_limit = rate_limit
        self.options = {**(options or {}), **composite_options(name)}
        self._build()

    def _build(self) -> None:
        model = CellModel(composite_values(self.name), self.options)  # cycles and search
        self.cycles = RateCycles(model)
        self.capacity = LithiationCapacity(model) if self.rate_limit else None

    def __call__(self, fraction: float) -> dict:
        if not 0 <= fraction < 1:
            raise ValueError(f"alloy mass fraction must lie in [0, 1), not {fraction}")
        try:
            return self._row(fraction)
        except pybamm.SolverError:
            self._build()
            raise

    def _row(self, fraction: float) -> dict:
        """The fraction's row; if only the C/10 cycle completes, its values with the
        1C ones NaN and the reason in ``"incomplete"`` (no rate search then)."""
        inputs = {MASS_FRACTION: fraction}
        values = composite_values(self.name, fraction)
        cycles = self.cycles(inputs, partial=True)
        row = design_row(values, self.stack, cycles)
        row = {"parameter set": self.name, "alloy mass fraction": fraction, **row}
        row.update(_calendered(values, row))
        failed = [message for series, message in cycles if series is None]
        if failed:
            self._build()
            return {**row, "rate-limited C-rate": np.nan, "incomplete": failed[0]}
        if self.capacity is not None:
            self.capacity.inputs, self.capacity.trials = inputs, []
            row["rate-limited C-rate"] = search_c_rate(self.capacity).passing
        return {**row, "incomplete": ""}


def _sweep(case) -> dict:
    """One composite set's fractions on one built model: ``{"rows": [row per fraction]}``."""
    name, fractions, rate_limit, options = case
    sweep = CompositeSweep(name, rate_limit, options)
    rows = [guarded(sweep, fraction) for fraction in fractions]
    return {
        "rows": [
            {
                "parameter set": name,
                "alloy mass fraction": f,
                **row,
                "case": f"{name} at alloy mass fraction {f}",
            }
            for f, row in zip(fractions, rows)
        ]
    }


def composite_study(
    parameter_sets=None,
    fractions=FRACTIONS,
    executor: Executor | None = None,
    rate_limit: bool = True,
    progress: bool = False,
    checkpoint: Path | None = None,
    time_limit: float | None = None,
    options: dict | None = None,
) -> pd.DataFrame:
    """Capacity, energy, swelling and rate-limited C-rate versus alloy fraction.

    One row per (composite set, fraction); ``parameter_sets`` default to every
    composite set (:func:`~pybamm_alloying.parameters.composite_names`). Sets run on
    ``executor`` (a process pool by default); a failed fraction or set is reported in
    the ``error`` column and the others finish; with ``checkpoint`` a rerun resumes; a
    set that runs longer than ``time_limit`` seconds is stopped and reported
    (:func:`~pybamm_alloying.studies.parallel.map_cases`). ``options`` of
    :class:`~pybamm_alloying.DFN` join each set's :func:`composite_options`.
    """
    names = composite_names() if parameter_sets is None else list(parameter_sets)
    for name in names:
        check_name("parameter_sets", name, composite_names())
    for fraction in fractions:
        check_number("alloy mass fraction", fraction, 0, 1, "[)")
    results = map_cases(
        _sweep,
        [(name, tuple(fractions), rate_limit, options) for name in names],
        executor,
        progress,
        checkpoint,
        time_limit,
    )
    rows = []
    for name, result in zip(names, results):
        if result["error"]:
            rows += [{"parameter set": name, "alloy mass fraction": f, **result} for f in fractions]
        else:
            rows += result["rows"]
    return pd.DataFrame(rows).drop(columns=["rows"], errors="ignore")


def differential_capacity(
    capacity, potential, width: float = 0.005
) -> tuple[np.ndarray, np.ndarray]:
    """(bin centres [V], ``|dQ/dV|`` [A.h/V]): the charge passed in each potential bin of
    ``width`` divided by the width. Binning on potential (not differencing) keeps a
    plateau's dQ/dV finite and its area equal to the plateau's charge."""
    capacity, potential = np.asarray(capacity, float), np.asarray(potential, float)
    edges = (
        np.arange(np.floor(potential.min() / width), np.ceil(potential.max() / width) + 1) * width
    )
    middle = 0.5 * (potential[1:] + potential[:-1])
    charge, _ = np.histogram(middle, bins=edges, weights=np.abs(np.diff(capacity)))
    return 0.5 * (edges[1:] + edges[:-1]), charge / width


def lithiation_curve(
    name: str, fractions, c_rate: float = 0.05, points: int = 4001
) -> dict[float, pd.DataFrame]:
    """Slow lithiation of the composite anode against lithium metal, down to 5 mV.

    Per fraction: ``"Capacity [A.h]"`` and the anode's ``"Anode potential [V]"`` (solid
    minus electrolyte potential, x-averaged), and each phase's lithium. The half cell
    is built once (the fraction is an input).
    """
    values = pybamm.ParameterValues(load_composite_half_cell(name))
    current = c_rate * values["Nominal cell capacity [A.h]"]
    values["Current function [A]"] = current
    options = {
        "working electrode": "positive",
        "particle phases": ("1", "2"),
        "alloy phases": "secondary",
    }
    simulation = pybamm.Simulation(DFN(options), parameter_values=values)
    end = 1.5 * 3600 / c_rate
    curves = {}
    for fraction in fractions:
        solution = simulation.solve(
            [0, end], t_interp=np.linspace(0, end, points), inputs={MASS_FRACTION: fraction}
        )
        curves[fraction] = pd.DataFrame(
            {
                "Time [h]": solution.t / 3600,
                "Capacity [A.h]": current * solution.t / 3600,
                "Anode potential [V]": solution[
                    "X-averaged positive electrode surface potential difference [V]"
                ].entries,
                "Graphite lithium [mol]": solution[
                    "Total lithium in primary phase in positive electrode [mol]"
                ].entries,
                "Alloy lithium [mol]": solution[
                    "Total lithium in secondary phase in positive electrode [mol]"
                ].entries,
            }
        )
    return curves


def _share(step, alloy_lithium: str, other: str) -> float:
    """The alloy's share of the lithium that moved in a step."""
    alloy = np.ptp(step[alloy_lithium].entries)
    return alloy / (alloy + np.ptp(step[other].entries))


def pybamm_composite_comparison(rates=("C/10", "1C")) -> pd.DataFrame:
    """This composite against PyBaMM's own on ``Chen2020_composite`` (docs/composite.md).

    Both from PyBaMM's charged state: discharge to 2.5 V, rest 1 h, charge to 4.2 V, with
    the Si's hysteresis (``"current sigmoid"``); one row per (rate, model): discharge
    and recharge capacity, mean discharge voltage, the Si's share of each.
    """
    options = {
        "particle phases": ("2", "1"),
        "open-circuit potential": (("single", "current sigmoid"), "single"),
    }
    models = {
        "PyBaMM, Fickian Si": (
            pybamm.lithium_ion.DFN(options),
            pybamm.ParameterValues("Chen2020_composite"),
        ),
        "shrinking-core Si": (
            DFN({**options, "alloy phases": "secondary"}),
            pybamm.ParameterValues(chen2020_composite_shrinking_core()),
        ),
    }
    silicon = "Total lithium in secondary phase in negative electrode [mol]"
    graphite = "Total lithium in primary phase in negative electrode [mol]"
    rows = []
    for rate in rates:
        steps = [
            (f"Discharge at {rate} until 2.5 V", "Rest for 1 hour", f"Charge at {rate} until 4.2 V")
        ]
        for label, (model, values) in models.items():
            solution = pybamm.Simulation(
                model, parameter_values=values, experiment=pybamm.Experiment(steps)
            ).solve()
            discharge, _, charge = solution.cycles[0].steps
            capacity = discharge["Discharge capacity [A.h]"].entries
            energy = np.trapezoid(
                discharge["Current [A]"].entries * discharge["Voltage [V]"].entries,
                discharge["Time [h]"].entries,
            )
            rows.append(
                {
                    "rate": rate,
                    "model": label,
                    "discharge capacity [A.h]": np.ptp(capacity),
                    "mean discharge voltage [V]": energy / np.ptp(capacity),
                    "Si share of the discharge": _share(discharge, silicon, graphite),
                    "recharge capacity [A.h]": np.ptp(charge["Discharge capacity [A.h]"].entries),
                    "Si share of the recharge": _share(charge, silicon, graphite),
                }
            )
    return pd.DataFrame(rows)
