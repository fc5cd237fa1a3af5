"""Composite anodes: graphite beside a shrinking-core alloy (``pybamm_alloying/parameter_sets/composite/``).

Graphite is the primary phase of PyBaMM's ``Chen2020_composite`` (Fickian particle);
the secondary phase is one of this library's couples, its values prefixed
``"Secondary: "``. The cell is balanced to the N/P ratio at any alloy mass fraction w
on one anode thickness, so w can be an input parameter and a sweep reuses one built
model::

    v(w)   = (w / rho_a) / (w / rho_a + (1 - w) / rho_g)   alloy share of the solid volume
    eps(w) = N/P Q_p / (L_n [(1 - v) c_max,g + v c_max,a])  total active volume fraction
    eps_g  = (1 - v) eps,  eps_a = v eps,  porosity = 1 - eps   (no inactive solid)
    L_n    = N/P Q_p / ((1 - eps_0) c_max,g)    graphite-only anode at porosity eps_0
    Q_p    = c_max,p eps_p L_p (sto_p,discharged - sto_p,charged)   cathode carrier [mol.m-2]

Both phases count at their full capacity (c_max), as the alloy sets' N/P rule does. A
richer alloy share lowers eps: the anode keeps its thickness and grows more porous (the
study also reports the stack calendered back to eps_0).
"""

from functools import cache

import pybamm

from ..prefixes import NEGATIVE as N
from ..prefixes import PRIMARY, SECONDARY
from ..resources import read_toml
from ..submodels.alloy_parameters import parameter_float
from ..validation import check_name, validate_parameter_values
from . import conversion, functions
from .design import FARADAY, RECIPE_KEYS, carrier_per_area, cell_capacity
from .loader import (
    KINDS,
    load_parameter_set,
    parameter_records,
    read_couple,
    set_kind,
    set_metadata,
    to_half_cell,
)
from .records import AssembledSet, ParameterRecord, derived

_PACKAGE = "pybamm_alloying.parameter_sets.composite"
_FILE = "graphite_NMC811"
MASS_FRACTION = "Negative electrode alloy mass fraction"
GRAPHITE_DENSITY = PRIMARY + "Negative electrode host density [kg.m-3]"


@cache
def read_composite() -> dict:
    """The composite file (graphite primary and the alloy secondaries) as read."""
    return read_toml(_PACKAGE, _FILE, "composite parameter set")


def composite_names() -> list[str]:
    """Names of the composite sets, e.g. ``["LiSi_graphite_NMC811", ...]``."""
    return [composite_name(alloy) for alloy in read_composite()["secondary"]]


def composite_name(alloy_set: str) -> str:
    """``"LiSi_NMC811"`` -> ``"LiSi_graphite_NMC811"``."""
    return f"{alloy_set.split('_')[0]}_{read_composite()['name']}"


def alloy_set_of(name: str) -> str:
    """The library couple that is the secondary phase of composite set ``name``."""
    check_name("composite parameter set", name, composite_names())
    return next(alloy for alloy in read_composite()["secondary"] if composite_name(alloy) == name)


def _phase_function(attribute: str) -> functions.PhaseFunction:
    """The closed form ``attribute`` (of :mod:`.conversion` or :mod:`.functions`) reading
    its coefficients under the secondary phase prefix; the alloy sets' plain exchange
    current becomes :func:`functions.regularised_exchange_current_density` (its docstring:
    the composite's alloy phase drained empty by graphite)."""
    if attribute == "exchange_current_density":
        attribute = "regularised_exchange_current_density"
    module = conversion if hasattr(conversion, attribute) else functions
    return functions.PhaseFunction(getattr(module, attribute), SECONDARY)


def _secondary_phase(alloy: dict, electrode_keys: set[str], kind: str = "alloying") -> dict:
    """The alloy couple's particle values under the secondary phase prefix.

    Electrode-level values (thickness, porosity, conductivity, current collector: the
    partner's negative-electrode keys without a ``"Primary: "`` twin) stay the
    composite's, and the couple's electrode recipe (binder, carbon, porosity allowance:
    :data:`~pybamm_alloying.parameters.design.RECIPE_KEYS`) is not inherited; the closed
    forms of the set's ``kind`` (:data:`~pybamm_alloying.parameters.loader.KINDS`: a
    conversion set's shell OCP and exchange current of :mod:`.conversion`) read their
    coefficients under the prefix (:class:`functions.PhaseFunction`).
    """
    phase = {
        SECONDARY + key: value
        for key, value in alloy.items()
        if "egative" in key and key not in electrode_keys and key not in RECIPE_KEYS
    }
    phase.update(
        {SECONDARY + key: _phase_function(attribute) for key, attribute in KINDS[kind][0].items()}
    )
    return phase


def _volume_fractions(v: dict, thickness: float, cathode: float) -> dict:
    """Phase volume fractions and porosity as expressions in the alloy mass fraction."""
    w = pybamm.Parameter(MASS_FRACTION)
    rho_a = v[SECONDARY + N + "host density [kg.m-3]"]
    v_a = (w / rho_a) / (w / rho_a + (1 - w) / v[GRAPHITE_DENSITY])
    c_g = v[PRIMARY + "Maximum concentration in negative electrode [mol.m-3]"]
    c_a = v[SECONDARY + "Maximum concentration in negative electrode [mol.m-3]"]
    eps = v["N/P capacity ratio"] * cathode / (thickness * ((1 - v_a) * c_g + v_a * c_a))
    return {
        PRIMARY + N + "active material volume fraction": (1 - v_a) * eps,
        SECONDARY + N + "active material volume fraction": v_a * eps,
        N + "porosity": 1 - eps,
    }


def _design(v: dict) -> list[ParameterRecord]:
    window = (
        v["Positive electrode stoichiometry at full discharge"]
        - v["Positive electrode stoichiometry at full charge"]
    )
    cathode = carrier_per_area(v, "positive", window)
    c_g = v[PRIMARY + "Maximum concentration in negative electrode [mol.m-3]"]
    eps_0 = v["Graphite-only negative electrode porosity"]
    thickness = v["N/P capacity ratio"] * cathode / ((1 - eps_0) * c_g)
    rule = (
        "N/P x cathode carrier / (L_n [(1 - v) c_max,g + v c_max,a]), v the alloy volume share of w"
    )
    fractions = _volume_fractions(v, thickness, cathode)
    return [
        derived(
            N + "thickness [m]",
            thickness,
            "N/P x cathode carrier / ((1 - graphite-only porosity) c_max,g)",
        ),
        *(derived(name, value, rule) for name, value in fractions.items()),
        *cell_capacity(v, cathode),
        derived(
            PRIMARY + "Initial concentration in negative electrode [mol.m-3]",
            v[PRIMARY + "Initial negative electrode stoichiometry"] * c_g,
            "initial graphite stoichiometry x c_max,g",
        ),
        derived(
            "Initial concentration in positive electrode [mol.m-3]",
            v["Positive electrode stoichiometry at full discharge"]
            * v["Maximum concentration in positive electrode [mol.m-3]"],
            "cell assembled discharged: cathode at its full-discharge stoichiometry",
        ),
    ]


@cache
def _assemble(name: str) -> AssembledSet:
    data = read_composite()
    alloy_set = alloy_set_of(name)
    partner = pybamm.ParameterValues(data["partner"])
    values = {k: partner[k] for k in partner.keys() if not k.startswith(SECONDARY)}
    electrode_keys = {
        k for k in values if "egative" in k and ":" not in k and PRIMARY + k not in values
    }
    alloy = load_parameter_set(alloy_set)
    values.update(_secondary_phase(alloy, electrode_keys, set_kind(read_couple(alloy_set))))
    for key in (
        "Positive electrode stoichiometry at full charge",
        "Positive electrode stoichiometry at full discharge",
    ):
        values[key] = alloy[key]
    records = [
        ParameterRecord(e["name"], e["value"], e["source"], e["tag"]) for e in data["parameter"]
    ]
    values.update({r.name: r.value for r in records})
    derived = _design(values)
    values.update({r.name: r.value for r in derived})
    secondary = [
        ParameterRecord(SECONDARY + r.name, r.value, f"{alloy_set}: {r.source}", r.tag)
        for r in parameter_records(alloy_set)
        if SECONDARY + r.name in values
    ]
    return AssembledSet(values, tuple(records + derived + secondary))


def composite_records(name: str) -> list[ParameterRecord]:
    """Every value composite set ``name`` adds to PyBaMM's Chen2020_composite, with its source."""
    return list(_assemble(name).records)


def load_composite_set(name: str, alloy_mass_fraction: float | str | None = None) -> dict:
    """Full-cell values of composite set ``name`` (e.g. ``"LiSi_graphite_NMC811"``).

    ``alloy_mass_fraction`` (0 to 1, or ``"[input]"``) replaces the file's default; the
    volume fractions follow it by the N/P rule, so with ``"[input]"`` one built model
    serves any fraction (``sim.solve(inputs={MASS_FRACTION: 0.2})``).
    """
    values = dict(_assemble(name).values)
    if alloy_mass_fraction is not None:
        values[MASS_FRACTION] = alloy_mass_fraction
    values["chemistry"] = read_composite()["chemistry"]
    alloy = load_parameter_set(alloy_set_of(name))
    values["citations"] = [*alloy["citations"], *read_composite()["citations"]]
    validate_parameter_values(values, "negative", SECONDARY)
    return values


def composite_metadata(name: str) -> dict:
    """The secondary couple's metadata with the composite's name, partner and stack
    (the ``pybamm_alloying/parameter_sets/stack/`` file of its passive layers)."""
    return {
        **set_metadata(alloy_set_of(name)),
        "name": name,
        "partner": read_composite()["partner"],
        "stack": read_composite()["stack"],
        "description": f"graphite + {alloy_set_of(name)} alloy composite anode against NMC811",
    }


def phase_capacities(
    values: pybamm.ParameterValues, domain: str = "negative", inputs=None
) -> dict[str, float]:
    """Charge [A.h] each phase of the composite electrode takes from its initial state
    to full (c_max): eps_k L A c_max,k (1 - sto_0,k) F / 3600, by phase prefix."""
    Domain = domain.capitalize()
    area = values["Electrode width [m]"] * values["Electrode height [m]"]
    thickness = values[f"{Domain} electrode thickness [m]"]

    capacities = {}
    for prefix in (PRIMARY, SECONDARY):
        c_max = parameter_float(
            values, f"{prefix}Maximum concentration in {domain} electrode [mol.m-3]"
        )
        c_0 = pybamm.FunctionParameter(
            f"{prefix}Initial concentration in {domain} electrode [mol.m-3]",
            {
                "Radial distance (r) [m]": pybamm.Scalar(0),
                "Through-cell distance (x) [m]": pybamm.Scalar(0),
            },
        )
        eps = parameter_float(values, f"{prefix}{Domain} electrode active material volume fraction")
        initial = parameter_float(values, c_0, inputs)
        capacities[prefix] = eps * thickness * area * (c_max - initial) * FARADAY / 3600
    return capacities


def load_composite_half_cell(name: str, alloy_mass_fraction: float | str = "[input]") -> dict:
    """Composite set ``name``'s anode against lithium metal (``{"working electrode":
    "positive", "particle phases": ("1", "2")}``). Nominal capacity: the phases' capacities
    (:func:`phase_capacities`) at the given fraction, or at the file's default one when
    the fraction is an input."""
    values = to_half_cell(load_composite_set(name, alloy_mass_fraction), "Li")
    # the copied volume fractions still read the (negative) fraction: one input, not two
    del values[MASS_FRACTION.replace("Negative", "Positive")]
    fraction = (
        _read_default_fraction() if isinstance(alloy_mass_fraction, str) else alloy_mass_fraction
    )
    at_fraction = pybamm.ParameterValues({**values, MASS_FRACTION: fraction})
    values["Nominal cell capacity [A.h]"] = sum(phase_capacities(at_fraction, "positive").values())
    values["Current function [A]"] = values["Nominal cell capacity [A.h]"]  # 1C lithiation
    return values


def _read_default_fraction() -> float:
    return next(e["value"] for e in read_composite()["parameter"] if e["name"] == MASS_FRACTION)


def chen2020_composite_shrinking_core() -> dict:
    """PyBaMM's ``Chen2020_composite`` cell with its Si phase as a shrinking core.

    Everything PyBaMM's set gives its Si (OCP branches of Verbrugge et al., c_max,
    diffusivity, exchange current, radius, volume fraction, initial state) is kept;
    what the two-phase particle needs besides comes from ``LiSi_NMC811`` (interface
    rate constant, residual core and shell, volume expansion, stress and SEI values),
    its concentrations rescaled to PyBaMM's c_max by their stoichiometries. The same
    cell as PyBaMM's composite DFN, so the two differ only in the particle physics.
    """
    partner = pybamm.ParameterValues("Chen2020_composite")
    values = {k: partner[k] for k in partner.keys()}
    electrode_keys = {
        k for k in values if "egative" in k and ":" not in k and PRIMARY + k not in values
    }
    alloy = load_parameter_set("LiSi_NMC811")
    scale = (
        values[SECONDARY + "Maximum concentration in negative electrode [mol.m-3]"]
        / alloy["Maximum concentration in negative electrode [mol.m-3]"]
    )
    shell = _secondary_phase(alloy, electrode_keys)
    for quantity in ("shell equilibrium", "core"):
        key = f"{SECONDARY}{N}{quantity} concentration [mol.m-3]"
        shell[key] = shell[key] * scale
    values.update({k: v for k, v in shell.items() if k not in values})
    return values
