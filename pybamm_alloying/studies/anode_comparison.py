"""Anode comparison and cell design: the same cathode, N/P and porosity rule for each anode.

Each shipped couple follows one design rule (``parameters/design.py``): the partner's
cathode loading, the anode thickness for the N/P ratio, and the anode's volume fractions
from its recipe at its pristine porosity (active material eps_s, conductive carbon eps_c
and binder eps_b, which fill the solid volume exactly). This study
simulates each cell and adds the stack's passive layers, per unit electrode area of one
repeat unit (half of each current collector when both sides are coated)::

    m_anode     = L_n (eps_s rho_host + eps_c rho_c + eps_b rho_b + eps_n rho_e)
    m_separator = L_s ((1 - eps_sep) rho_sep + eps_sep rho_e)
    m_cathode   = L_p (eps_s,p rho_p + (1 - eps_p - eps_s,p) rho_inactive,p + eps_p rho_e)
    m_cc        = share L_cc rho_cc                           (share 1/2 when shared)
    H           = share L_cc,n + L_n + L_s + L_p + share L_cc,p      (as made)
    H_charged   = H + maximum cell thickness change on the C/10 charge
    E           = C/10 discharge energy / electrode area
    Wh/kg = E / sum(m),  Wh/L = E / H  and  E / H_charged

The stack values (foils, densities) are in ``pybamm_alloying/parameter_sets/stack/<partner>.toml`` with
their sources; the anode's carbon and binder densities are its recipe's (the couple file). Each couple also gets its 1C capacity, its rate-limited C-rate and the mechanism
that limits it (:func:`~pybamm_alloying.studies.rate_limit.lithiation_rate_limit`).
"""

from concurrent.futures import Executor
from pathlib import Path

import numpy as np
import pandas as pd
import pybamm

from ..parameters import conversion_names, couple_names, load_parameter_set, set_metadata
from ..prefixes import NEGATIVE as N
from ..prefixes import PHASES
from ..prefixes import POSITIVE as P
from ..resources import read_toml
from ..submodels.alloy_parameters import parameter_float
from ..validation import check_name
from .formation import cell_options
from .parallel import map_cases
from .rate_limit import lithiation_rate_limit
from .runners import CellModel, RateCycles

_STACK = "pybamm_alloying.parameter_sets.stack"

#: What a design sweep may vary: file values the design rule derives the cell from.
SWEEPABLE = ("N/P capacity ratio", N + "porosity", "Negative particle radius [m]")


def stack_assumptions(partner: str) -> dict[str, float]:
    """The stack values for cells with PyBaMM partner set ``partner``."""
    data = read_toml(_STACK, partner, "stack partner")
    return {entry["name"]: entry["value"] for entry in data["parameter"]}


def _phase_prefixes(values) -> list[str]:
    """Phase prefixes of the anode's active materials: ``[""]``, or the composite's
    ``[PRIMARY, SECONDARY]`` (each phase with its own host density)."""
    return [p for p in PHASES if f"{p}{N}host density [kg.m-3]" in values]


def _coating_mass(values, prefix: str, solids: list, rho_e: float) -> float:
    """Mass per area of a coating, L (sum_k eps_k rho_k + eps rho_e), over its solids
    ``[(volume fraction, density)]``, which with the porosity must fill its volume."""
    porosity = parameter_float(values, prefix + "porosity")
    filled = porosity + sum(eps for eps, _ in solids)
    if abs(filled - 1) > 1e-9:
        raise ValueError(
            f"{prefix}porosity and its solids' volume fractions sum to {filled}, not 1"
        )
    solid = sum(eps * rho for eps, rho in solids)
    return values[prefix + "thickness [m]"] * (solid + porosity * rho_e)


def _anode_solids(values) -> list:
    """[(volume fraction, density)] of the anode's solids: each active phase at its host
    density, and the recipe's conductive carbon and binder at their own densities (a
    composite set has none: its solids are its two active phases)."""
    active = [
        (
            parameter_float(values, f"{p}{N}active material volume fraction"),
            values[f"{p}{N}host density [kg.m-3]"],
        )
        for p in _phase_prefixes(values)
    ]
    return active + [
        (values[f"{N}{part} volume fraction"], values[f"{N}{part} density [kg.m-3]"])
        for part in ("conductive carbon", "binder")
        if f"{N}{part} volume fraction" in values
    ]


def _cathode_solids(values, stack: dict) -> list:
    """The partner's cathode: its active material and the rest of its solid volume
    (binder and carbon, of the stack file's inactive solid density)."""
    active = values[P + "active material volume fraction"]
    return [
        (active, stack[P + "active material density [kg.m-3]"]),
        (1 - values[P + "porosity"] - active, stack[P + "inactive solid density [kg.m-3]"]),
    ]


def stack_budget(values: pybamm.ParameterValues, partner: str) -> dict[str, float]:
    """Layer masses [kg.m-2] and thicknesses [m] of one repeat unit per electrode area."""
    stack = stack_assumptions(partner)
    share = 0.5 if stack["Current collectors shared by two coatings"] else 1.0
    rho_e = stack["Electrolyte density [kg.m-3]"]
    foils = {
        side: share * stack[f"{side.capitalize()} current collector thickness [m]"]
        for side in ("negative", "positive")
    }
    eps_sep, L_s = values["Separator porosity"], values["Separator thickness [m]"]
    mass = {
        "negative current collector": foils["negative"]
        * stack["Negative current collector density [kg.m-3]"],
        "anode": _coating_mass(values, N, _anode_solids(values), rho_e),
        "separator": L_s
        * ((1 - eps_sep) * stack["Separator solid density [kg.m-3]"] + eps_sep * rho_e),
        "cathode": _coating_mass(values, P, _cathode_solids(values, stack), rho_e),
        "positive current collector": foils["positive"]
        * stack["Positive current collector density [kg.m-3]"],
    }
    budget = {f"{layer} mass [kg.m-2]": m for layer, m in mass.items()}
    budget["stack mass [kg.m-2]"] = sum(mass.values())
    budget["anode thickness [m]"] = values[N + "thickness [m]"]
    budget["stack thickness [m]"] = (
        sum(foils.values()) + values[N + "thickness [m]"] + L_s + values[P + "thickness [m]"]
    )
    return budget


def _full_swelling(values) -> float:
    """Relative anode thickness change at full lithiation: the sum over alloy phases of
    f eps_s (beta - 1) (the swelling rule of ``submodels/swelling.py`` with c_bar = c_max;
    graphite, without a volume expansion ratio, is taken as rigid)."""
    return sum(
        values[f"{p}{N}swelling thickness fraction"]
        * parameter_float(values, f"{p}{N}active material volume fraction")
        * (values[f"{p}{N}volume expansion ratio"] - 1)
        for p in _phase_prefixes(values)
        if f"{p}{N}volume expansion ratio" in values
    )


def design_row(values: pybamm.ParameterValues, partner: str, cycles) -> dict:
    """Stack budget, energies and swelling of one cell from its C/10 and 1C cycles
    (``cycles``: the output of :class:`RateCycles`). The row's ``"C/10 discharge"``
    holds the C/10 discharge curve (capacity [A.h], voltage [V]) for the overlay plot."""
    area = values["Electrode width [m]"] * values["Electrode height [m]"]
    budget = stack_budget(values, partner)
    (slow_series, slow), (fast_series, fast) = cycles
    if fast_series is None:  # the 1C cycle failed (RateCycles with partial=True)
        fast = pd.Series({"Discharge capacity [A.h]": np.nan, "Discharge energy [W.h]": np.nan})
    energy = slow["Discharge energy [W.h]"] / area  # W.h per m2
    swelling = (
        slow["Maximum cell thickness change [m]"]
        / values["Number of electrodes connected in parallel to make a cell"]
    )
    charged = budget["stack thickness [m]"] + swelling
    discharge = slow_series[slow_series["Current [A]"] > 0]
    return {
        **budget,
        "anode thickness, fully lithiated [m]": budget["anode thickness [m]"]
        * (1 + _full_swelling(values)),
        "charged stack thickness [m]": charged,
        "cell thickness swelling": swelling / budget["stack thickness [m]"],
        "nominal capacity [A.h]": values["Nominal cell capacity [A.h]"],
        "C/10 discharge capacity [A.h]": slow["Discharge capacity [A.h]"],
        "1C discharge capacity [A.h]": fast["Discharge capacity [A.h]"],
        "C/10 discharge energy [W.h.m-2]": energy,
        "1C discharge energy [W.h.m-2]": fast["Discharge energy [W.h]"] / area,
        "average voltage [V]": slow["Mean discharge voltage [V]"],
        "specific energy [W.h.kg-1]": energy / budget["stack mass [kg.m-2]"],
        "1C specific energy [W.h.kg-1]": fast["Discharge energy [W.h]"]
        / area
        / budget["stack mass [kg.m-2]"],
        "energy density [W.h.L-1]": energy / budget["stack thickness [m]"] / 1000,
        "charged energy density [W.h.L-1]": energy / charged / 1000,
        "C/10 discharge": {
            "capacity [A.h]": (
                discharge["Discharge capacity [A.h]"]
                - discharge["Discharge capacity [A.h]"].iloc[0]
            ).tolist(),
            "voltage [V]": discharge["Voltage [V]"].tolist(),
        },
    }


#: The C-rates of :class:`RateCycles` in :func:`design_case`: a conversion set first
#: forms at C/10 (its first charge converts the oxide), then cycles as an alloy couple.
DESIGN_RATES = ("C/10", "1C")
FORMATION_RATE = "C/10"


def _formation_columns(cycle: pd.Series) -> dict:
    """The formation cycle's charge, discharge, coulombic efficiency and loss."""
    charge, discharge = cycle["Charge capacity [A.h]"], cycle["Discharge capacity [A.h]"]
    return {
        "formation charge capacity [A.h]": charge,
        "formation discharge capacity [A.h]": discharge,
        "first-cycle coulombic efficiency": discharge / charge,
        "formation loss [A.h]": charge - discharge,
    }


def design_case(
    parameter_set: str,
    overrides: dict | None = None,
    rate_limit: bool = True,
    options: dict | None = None,
) -> dict:
    """Design metrics of one couple or conversion set (with ``overrides`` of its file
    values); one row: :func:`design_row`, plus with ``rate_limit`` the rate-limited
    C-rate, its limiting mechanism and voltage budget, and the anode's analytic C-rate
    (:func:`~pybamm_alloying.studies.rate_limit.lithiation_rate_limit`); ``options`` of
    :class:`~pybamm_alloying.DFN` for every solve.

    A conversion set's cell is formed first by one C/10 cycle (its first charge converts
    the oxide and locks carrier in A2O): the row is the formed cell's (its C/10 and 1C
    cycles, swelling and rate after the conversion loss), with the formation cycle's
    capacities, coulombic efficiency and loss (:func:`_formation_columns`)."""
    overrides = overrides or {}
    for key in overrides:
        check_name("design override", key, SWEEPABLE)
    values = pybamm.ParameterValues(load_parameter_set(parameter_set, overrides))
    partner = set_metadata(parameter_set)["partner"]
    conversion = parameter_set in conversion_names()
    rates = ((FORMATION_RATE,) if conversion else ()) + DESIGN_RATES
    # one built cell for the cycles and the rate search
    model = CellModel(values, cell_options(parameter_set, "full", options), budget=rate_limit)
    cycles = RateCycles(model, rates=rates)()
    formation = _formation_columns(cycles[0][1]) if conversion else {}
    row = {
        "parameter set": parameter_set,
        **overrides,
        **design_row(values, partner, cycles[-len(DESIGN_RATES) :]),
        **formation,
    }
    if rate_limit:
        limit = lithiation_rate_limit(
            parameter_set, options=options, overrides=overrides, model=model
        ).as_row()
        row.update(
            {
                k: v
                for k, v in limit.items()
                if k not in ("parameter set", "radius [m]", "cell", "solves")
            }
        )
    return row


def _case(args) -> dict:
    return design_case(*args)


def compare_anodes(
    parameter_sets=None,
    executor: Executor | None = None,
    rate_limit: bool = True,
    progress: bool = False,
    checkpoint: Path | None = None,
    time_limit: float | None = None,
    options: dict | None = None,
) -> pd.DataFrame:
    """:func:`design_case` for each couple (the five lithium couples by default) or
    conversion set (:func:`~pybamm_alloying.conversion_names`, when named: its row is
    the formed cell's), with ``options`` of :class:`~pybamm_alloying.DFN`.

    Cases run on ``executor`` (a process pool by default); a failed couple is reported in
    the ``error`` column and the others finish. With ``checkpoint`` (a directory) finished
    couples are stored and a rerun resumes; a couple that runs longer than ``time_limit``
    seconds is stopped and reported (:func:`~pybamm_alloying.studies.parallel.map_cases`).
    """
    if parameter_sets is None:
        parameter_sets = [n for n in couple_names() if set_metadata(n)["carrier"] == "Li"]
    for name in parameter_sets:
        check_name("parameter_sets", name, couple_names() + conversion_names())
    cases = [(name, None, rate_limit, options) for name in parameter_sets]
    return pd.DataFrame(map_cases(_case, cases, executor, progress, checkpoint, time_limit))


def design_sweep(
    parameter_set: str,
    parameter: str,
    values,
    executor: Executor | None = None,
    rate_limit: bool = False,
    progress: bool = False,
    checkpoint: Path | None = None,
    time_limit: float | None = None,
) -> pd.DataFrame:
    """:func:`design_case` of one couple for each value of ``parameter`` (one of
    :data:`SWEEPABLE`), the cell re-derived by the design rule each time; failures and
    ``checkpoint`` and ``time_limit`` as :func:`compare_anodes`."""
    check_name("parameter", parameter, SWEEPABLE)
    for value in values:  # the design rule's checks, before any case runs
        load_parameter_set(parameter_set, {parameter: value})
    cases = [(parameter_set, {parameter: value}, rate_limit) for value in values]
    return pd.DataFrame(map_cases(_case, cases, executor, progress, checkpoint, time_limit))
