"""Read the human-readable parameter files shipped in ``pybamm_alloying/parameter_sets/``.

Each file names a PyBaMM ``partner`` set that supplies the positive electrode,
separator and electrolyte at run time, and lists the alloy electrode's data, each value
with its source. Functions are written ``"module:attribute"``. Values that follow from
the data by a fixed formula (host-basis concentrations, electrode design, OCP
coefficients) are derived in :mod:`pybamm_alloying.parameters.design`.
"""

import importlib
import os
import tomllib
from functools import cache
from pathlib import Path

import pybamm

from ..citations import CITATIONS
from ..resources import read_toml, toml_names
from ..validation import (
    ArgumentError,
    ParameterError,
    check_key,
    check_name,
    check_number,
    check_values,
    half_cell_name,
    validate_cut_offs,
    validate_design_inputs,
    validate_parameter_values,
)
from . import conversion, design, functions
from .records import AssembledSet, ParameterRecord

_PACKAGE = "pybamm_alloying.parameter_sets"
_METALS = "pybamm_alloying.parameter_sets.metals"

#: The shell's closed-form functions, the same for every couple.
SHARED_FUNCTIONS = {
    "Negative particle diffusivity [m2.s-1]": "shell_diffusivity",
    "Negative electrode OCP [V]": "shell_ocp",
    "Negative electrode lithiation OCP [V]": "shell_ocp_lithiation",
    "Negative electrode delithiation OCP [V]": "shell_ocp_delithiation",
    "Negative electrode exchange-current density [A.m-2]": "exchange_current_density",
    "Negative electrode interface rate constant [m.s-1]": "interface_rate_constant",
}


#: A file's ``kind`` (default ``"alloying"``): the shell's closed forms, the steps that
#: derive its values after the host basis, its OCP fit and its cut-offs.
KINDS = {
    "alloying": (SHARED_FUNCTIONS, (), design.shell_ocp_coefficients, design.voltage_window),
    "conversion-alloying": (
        {**SHARED_FUNCTIONS, **conversion.CONVERSION_FUNCTIONS},
        (conversion.conversion_basis,),
        conversion.conversion_ocp_coefficients,
        conversion.conversion_voltage_window,
    ),
}


def set_kind(data: dict) -> str:
    """The ``kind`` of a couple file: ``"alloying"`` or ``"conversion-alloying"``."""
    kind = data.get("kind", "alloying")
    check_name("parameter set kind", kind, KINDS)
    return kind


def set_names() -> list[str]:
    """Names of every shipped couple file: the alloy couples and the conversion sets."""
    return toml_names(_PACKAGE)


def couple_names() -> list[str]:
    """Names of the shipped alloy couples (kind ``"alloying"``), e.g. ``["LiGe_NMC811",
    "LiSi_NMC811", ...]``: the sets of the default studies."""
    return [name for name in set_names() if set_kind(_read_file(name)) == "alloying"]


def conversion_names() -> list[str]:
    """Names of the shipped conversion-alloying sets (``"alloy particle": "conversion"``),
    e.g. ``["LiSnO2_NMC811"]``."""
    return [name for name in set_names() if set_kind(_read_file(name)) != "alloying"]


def read_couple(name: str) -> dict:
    """The file of couple ``name`` as read (its TOML tables); :class:`~pybamm_alloying.validation.UnknownNameError`
    with the closest shipped name if there is none (checked outside the cache, so that
    an unhashable name is refused the same way)."""
    check_name("parameter set", name, set_names())
    return _read_file(name)


@cache
def _read_file(name: str) -> dict:
    return read_toml(_PACKAGE, name, "parameter set")


#: Fields of a parameter file (the schema of ``pybamm_alloying/parameter_sets/*.toml``)
#: and their TOML types.
FILE_FIELDS = {
    "name": (str, "string"),
    "description": (str, "string"),
    "chemistry": (str, "string"),
    "carrier": (str, "string"),
    "host": (str, "string"),
    "partner": (str, "string"),
    "citations": (list, "array of citation keys"),
    "final_phase": (dict, "table with a 'value'"),
    "ocp_points": (dict, "table of 'stoichiometry' and 'potential' arrays"),
    "parameter": (list, "array of [[parameter]] tables"),
}

#: PyBaMM's chemistry of each carrier metal (``pybamm_alloying/parameter_sets/metals``).
CHEMISTRIES = {"Li": "lithium_ion", "Na": "sodium_ion"}

#: Tags of a value's source, as in the shipped files' headers.
VALUE_TAGS = ("V", "C", "P", "M", "S", "E", "N")


def is_parameter_file(name) -> bool:
    """True if ``name`` is a path (a ``PathLike`` or a string ending in ``.toml``)
    rather than the name of a shipped set."""
    return isinstance(name, os.PathLike) or (isinstance(name, str) and name.endswith(".toml"))


def read_parameter_file(path: str | os.PathLike) -> dict:
    """The contents of the parameter file at ``path``, checked against the shipped schema
    (:func:`check_parameter_file`); :class:`~pybamm_alloying.validation.ArgumentError`
    if it is missing or not TOML."""
    path = Path(path)
    if not path.is_file():
        raise ArgumentError("parameter file", str(path), "an existing TOML file")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ArgumentError("parameter file", str(path), "valid TOML", f" ({error})") from None
    check_parameter_file(data, str(path))
    return data


def check_parameter_file(data: dict, where: str) -> None:
    """Rule: ``data`` has every field of :data:`FILE_FIELDS` with its type, a known
    carrier whose chemistry it names, a PyBaMM partner set, OCP points (two equally long
    arrays of at least two numbers) and entries that pass :func:`check_file_entry`.
    Raises a :class:`~pybamm_alloying.validation.ValidationError` naming ``where`` and
    the field; the values' ranges are checked when the set is assembled."""
    for field, (kind, words) in FILE_FIELDS.items():
        if not isinstance(data.get(field), kind):
            raise ParameterError(f"{where}: field {field!r}", data.get(field, "missing"), words)
    check_name(f"{where}: carrier", data["carrier"], CHEMISTRIES)
    chemistry = CHEMISTRIES[data["carrier"]]
    if data["chemistry"] != chemistry:
        raise ParameterError(
            f"{where}: field 'chemistry'", data["chemistry"], f"{chemistry!r} for {data['carrier']}"
        )
    check_name(f"{where}: partner", data["partner"], pybamm.parameter_sets)
    points = data["ocp_points"]
    stoichiometry, potential = points.get("stoichiometry"), points.get("potential")
    if not (
        isinstance(stoichiometry, list)
        and isinstance(potential, list)
        and len(stoichiometry) == len(potential) >= 2
    ):
        raise ParameterError(
            f"{where}: field 'ocp_points'", points, "two equally long arrays of >= 2 numbers"
        )
    for point in stoichiometry + potential:
        check_number(f"{where}: an OCP point", point)
    for number, entry in enumerate(data["parameter"], start=1):
        check_file_entry(entry, f"{where}: [[parameter]] {number}")


def check_file_entry(entry, where: str) -> None:
    """Rule: a ``[[parameter]]`` table has a ``name``, exactly one of a finite ``value``
    or a ``function`` ``"module:attribute"`` that names a callable, a non-empty
    ``source`` and a ``tag`` of :data:`VALUE_TAGS`."""
    if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
        raise ParameterError(where, entry, "a table with a 'name' string")
    where = f"{where} ({entry['name']!r})"
    if ("value" in entry) == ("function" in entry):
        raise ParameterError(where, sorted(entry), "exactly one of 'value' and 'function'")
    if "value" in entry:
        check_number(f"{where} value", entry["value"])
    elif not callable(_function_or_none(entry["function"])):
        raise ParameterError(
            f"{where} function", entry["function"], "'module:attribute' naming a callable"
        )
    if not (isinstance(entry.get("source"), str) and entry["source"].strip()):
        raise ParameterError(f"{where} source", entry.get("source"), "a non-empty string")
    check_name(f"{where} tag", entry.get("tag"), VALUE_TAGS)


def _function_or_none(text):
    """The attribute that ``"module:attribute"`` names, or None if there is none."""
    module, _, attribute = str(text).partition(":")
    try:
        return getattr(importlib.import_module(module), attribute)
    except (ImportError, AttributeError, ValueError, TypeError):
        return None


def _resolve(entry: dict):
    if "function" in entry:
        module, attribute = entry["function"].split(":")
        return getattr(importlib.import_module(module), attribute)
    return entry["value"]


def _file_records(data: dict) -> list[ParameterRecord]:
    return [
        ParameterRecord(e["name"], e.get("function", e.get("value")), e["source"], e["tag"])
        for e in data["parameter"]
    ]


#: Who shares the closed forms of each module (the documentation tables' wording).
_FUNCTION_OWNERS = {functions.__name__: "couples", conversion.__name__: "conversion-alloying sets"}


def _function_module(attribute: str) -> str:
    return (conversion if hasattr(conversion, attribute) else functions).__name__


def _shared_function_records(table: dict) -> list[ParameterRecord]:
    return [
        ParameterRecord(
            name,
            f"{_function_module(attribute)}:{attribute}",
            f"closed form shared by all {_FUNCTION_OWNERS[_function_module(attribute)]} "
            f"({_function_module(attribute)})",
            "C",
        )
        for name, attribute in table.items()
    ]


@cache
def _assemble(name: str, overrides: tuple = ()) -> AssembledSet:
    """(full-cell values, every record this project supplies) for shipped set ``name``,
    built by :func:`_build` once per process and overrides; callers copy the dictionary
    before changing it."""
    return _build(read_couple(name), overrides)


def _build(data: dict, overrides: tuple = ()) -> AssembledSet:
    """(full-cell values, every record this project supplies) for the set file ``data``.

    ``overrides`` ((name, value) pairs) replace file or partner values before the
    derived ones follow from them (a design sweep over N/P or porosity): each must be
    one of those values (closest name suggested), in range for the design rule, and
    not one that this project computes, which would replace it.
    """
    partner = pybamm.ParameterValues(data["partner"])
    values = {key: partner[key] for key in partner.keys()}
    values.update({e["name"]: _resolve(e) for e in data["parameter"]})
    for key, value in overrides:
        check_key(
            "override", key, values, f"a file or partner value of parameter set {data['name']!r}"
        )
        values[key] = value
    table, extra_steps, fit, window = KINDS[set_kind(data)]
    values.update(
        {k: getattr(importlib.import_module(_function_module(f)), f) for k, f in table.items()}
    )
    validate_design_inputs(values)
    computed = _shared_function_records(table)
    steps = (
        design.host_basis,
        *extra_steps,
        design.electrode_design,
        lambda v: fit(v, data["ocp_points"]),
        lambda v: window(v, data["partner"]),
    )
    for derive in steps:  # each step may use what the previous ones derived
        derived = derive(values)
        values.update({r.name: r.value for r in derived})
        computed += derived
    _check_overrides_kept(dict(overrides), computed)
    records = _file_records(data) + computed
    validate_parameter_values(values)
    validate_cut_offs(
        pybamm.ParameterValues(values),
        values["Lower voltage cut-off [V]"],
        values["Upper voltage cut-off [V]"],
    )
    return AssembledSet(values, tuple(records))


def _check_overrides_kept(overrides: dict, computed: list[ParameterRecord]) -> None:
    """Rule: no override names a value that this project computes (``computed``: the
    shared closed forms and the derived values), which would replace it."""
    for record in computed:
        if record.name in overrides:
            raise ParameterError(
                record.name,
                overrides[record.name],
                "left to the set: it is computed and would replace the override",
                f" ({record.source}); override its inputs, or change it after loading",
            )


def parameter_records(name: str) -> list[ParameterRecord]:
    """Every value of set ``name`` that this project supplies or derives, with its source."""
    return list(_assemble(name).records)


@cache
def shipped_names() -> frozenset[str]:
    """Every name this package's sets can hold besides their PyBaMM partner's, without
    assembling each set: the values of every couple file, carrier metal and the
    composite file, and the values computed from them (the same names for every
    couple: the first one's records)."""
    from .composite import read_composite  # composite imports this module

    files = [read_couple(name) for name in set_names()] + [read_composite()]
    files += [read_toml(_METALS, metal, "carrier metal") for metal in toml_names(_METALS)]
    names = {entry["name"] for data in files for entry in data["parameter"]}
    first = {set_kind(read_couple(name)): name for name in reversed(set_names())}
    derived_names = {r.name for name in first.values() for r in parameter_records(name)}
    return frozenset(names | derived_names)


def set_metadata(name: str) -> dict:
    """Carrier, host, final phase, partner, chemistry, description, kind
    (:func:`set_kind`) and ``metal`` of set ``name``: the pure-metal couple a conversion
    set's converted composite buffers (docs/fracture.md), None if the file names none."""
    data = read_couple(name)
    keys = ("name", "carrier", "host", "partner", "chemistry", "description")
    return {
        **{key: data[key] for key in keys},
        "final_phase": data["final_phase"]["value"],
        "kind": set_kind(data),
        "metal": data.get("metal"),
    }


def load_parameter_set(name: str | os.PathLike, overrides: dict | None = None) -> dict:
    """Full-cell parameter dictionary for set ``name``, as PyBaMM's entry points return.

    ``name`` is a shipped set (``"LiSi_NMC811"``) or the path of a TOML file in the
    shipped schema (a ``PathLike``, or a string ending in ``.toml``; checked by
    :func:`check_parameter_file`, docs/parameters.md). The partner set's values come
    first; the file's values replace or extend them, ``overrides`` replace those (e.g.
    ``{"N/P capacity ratio": 1.3}``), and the derived values (design, cut-offs)
    follow. The result is checked
    (:func:`pybamm_alloying.validation.validate_parameter_values`: positive radius,
    diffusivity and rate constants, c_core < c_eq < c_max, monotone non-crossing OCP
    branches; cut-offs inside the open-circuit window); an unknown ``name`` raises
    :class:`~pybamm_alloying.validation.UnknownNameError` with the closest shipped name.
    ``overrides`` is a dict of finite numbers (or functions) for file or partner
    values; a misspelled name raises ``UnknownNameError`` with the closest one, and the
    design rule's inputs are checked before it derives the cell
    (:func:`~pybamm_alloying.validation.validate_design_inputs`). ``"chemistry"`` and
    ``"citations"`` are included for :class:`pybamm.ParameterValues`.
    """
    from_file = is_parameter_file(name)
    data = read_parameter_file(name) if from_file else read_couple(name)
    check_values({} if overrides is None else overrides, "overrides")
    pairs = tuple(sorted((overrides or {}).items()))
    values = dict((_build(data, pairs) if from_file else _assemble(name, pairs)).values)
    values["chemistry"] = data["chemistry"]
    own = data.get("bibtex", {})
    values["citations"] = [own.get(key) or CITATIONS.get(key, key) for key in data["citations"]]
    return values


#: PyBaMM's SEI growth needs these besides the "SEI"-named values.
_SEI_EXTRAS = ("Bulk solvent concentration [mol.m-3]", "Ratio of lithium moles to SEI moles")


def borrowed_sei_parameters(name: str) -> dict:
    """PyBaMM's ``Chen2020`` SEI values that set ``name`` lacks, for its ``"SEI"`` option.

    The Li sets inherit their partner's SEI values; the Na sets' partner
    (``Chayambuka2022``) has none, so ``{"SEI": ...}`` cannot run on them. These are a
    stand-in (estimate: Li/graphite in carbonate electrolyte, Chen2020 and the SEI
    papers PyBaMM cites for it; no Na-alloy SEI kinetics were found in the
    literature the sets cite). Pass them as ``parameter_updates`` of
    :func:`~pybamm_alloying.studies.run_cycling` or to ``ParameterValues.update``.
    """
    own = pybamm.ParameterValues(name).keys()
    chen = pybamm.ParameterValues("Chen2020")
    return {
        key: chen[key]
        for key in chen.keys()
        if ("SEI" in key or key in _SEI_EXTRAS) and key not in own
    }


#: PyBaMM's plating values (``OKane2022``) that the ``"lithium plating"`` option needs.
_PLATING_KEYS = (
    "Lithium plating kinetic rate constant [m.s-1]",
    "Exchange-current density for plating [A.m-2]",
    "Exchange-current density for stripping [A.m-2]",
    "Initial plated lithium concentration [mol.m-3]",
    "Typical plated lithium concentration [mol.m-3]",
    "Lithium plating transfer coefficient",
    "Dead lithium decay constant [s-1]",
    "Dead lithium decay rate [s-1]",
)


def borrowed_plating_parameters(name: str) -> dict:
    """Values for PyBaMM's ``"lithium plating"`` option on set ``name``'s alloy anode.

    No set carries plating kinetics (nor do their partners): these are PyBaMM's
    ``OKane2022`` values (Li on graphite, O'Kane et al. 2022), a stand-in for plating
    on the alloy's surface, with the partial molar volume of the set's own carrier
    metal (``pybamm_alloying/parameter_sets/metals/<carrier>.toml``; PyBaMM names it "lithium"
    whatever the metal). Pass them to ``ParameterValues.update(...,
    check_already_exists=False)`` or as ``parameter_updates`` of
    :func:`~pybamm_alloying.studies.run_cycling`; see docs/plating.md.
    """
    okane = pybamm.ParameterValues("OKane2022")
    values = {key: okane[key] for key in _PLATING_KEYS}
    metal = read_toml(_METALS, read_couple(name)["carrier"], "carrier metal")
    volume = "Lithium metal partial molar volume [m3.mol-1]"
    values[volume] = next(e["value"] for e in metal["parameter"] if e["name"] == volume)
    return values


#: Half-cell voltage window vs the carrier metal [V] (estimate: the usual 5 mV - 1.5 V
#: of alloy half cells; 1.5 V lies above every shell's delithiation branch).
HALF_CELL_WINDOW = (0.005, 1.5)


def load_half_cell(name: str) -> dict:
    """Half cell of set ``name``'s alloy against its carrier metal, for ``{"working electrode": "positive"}``.

    PyBaMM puts a half cell's working electrode in the positive slot, so every
    negative-electrode value of the full-cell set (the alloy, its current collector)
    is copied under its positive name (:func:`to_half_cell`). The alloy starts as
    assembled and the nominal capacity is the alloy electrode's theoretical capacity.
    """
    values = to_half_cell(load_parameter_set(name), read_couple(name)["carrier"])
    values["Nominal cell capacity [A.h]"] = design.capacity_Ah(
        values, design.carrier_per_area(values, "positive")
    )
    values["Current function [A]"] = values["Nominal cell capacity [A.h]"]  # 1C lithiation
    validate_parameter_values(values, "positive")
    return values


def to_half_cell(full_cell: dict, carrier: str) -> dict:
    """The negative electrode of ``full_cell`` against the ``carrier`` metal ("Li", "Na").

    Negative-electrode values (with any phase prefix) are copied under their positive
    names; separator and electrolyte stay the partner's; the metal counter electrode's
    values come from ``pybamm_alloying/parameter_sets/metals/<carrier>.toml`` (PyBaMM names them
    "lithium metal" whatever the metal); cut-offs :data:`HALF_CELL_WINDOW`.
    """
    values = dict(full_cell)
    for key in [k for k in values if "negative" in k.lower()]:
        values[half_cell_name(key)] = values[key]
    metal = read_toml(_METALS, carrier, "carrier metal")
    values.update({e["name"]: _resolve(e) for e in metal["parameter"]})
    low, high = HALF_CELL_WINDOW
    values["Lower voltage cut-off [V]"] = low
    values["Upper voltage cut-off [V]"] = high
    values["Open-circuit voltage at 0% SOC [V]"] = high
    values["Open-circuit voltage at 100% SOC [V]"] = low
    values["citations"] = [*values["citations"], *metal["citations"]]
    return values
