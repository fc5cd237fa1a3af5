"""Read the human-readable parameter files shipped in ``parameter_sets/``.

Each file names a PyBaMM ``partner`` set that supplies the counter electrode,
separator and electrolyte at run time, and lists the alloy electrode's values, each
with its source. Functions are written ``"module:attribute"``.
"""

import importlib
from dataclasses import dataclass
from typing import Any

import pybamm

from ..citations import CITATIONS
from ..resources import read_toml, toml_names

_PACKAGE = "pybamm_alloying.parameter_sets"


@dataclass(frozen=True)
class ParameterRecord:
    """One value of a parameter file, with its provenance."""

    name: str
    value: Any
    source: str
    tag: str


def couple_names() -> list[str]:
    """Names of the shipped parameter sets, e.g. ``["LiSi_NMC811"]``."""
    return toml_names(_PACKAGE)


def _read(name: str) -> dict:
    return read_toml(_PACKAGE, name, "parameter set")


def _resolve(entry: dict):
    if "function" in entry:
        module, attribute = entry["function"].split(":")
        return getattr(importlib.import_module(module), attribute)
    return entry["value"]


def parameter_records(name: str) -> list[ParameterRecord]:
    """The values of set ``name`` that this project supplies, with their sources."""
    return [
        ParameterRecord(e["name"], e.get("function", e.get("value")), e["source"], e["tag"])
        for e in _read(name)["parameter"]
    ]


def load_parameter_set(name: str) -> dict:
    """Full-cell parameter dictionary for set ``name``, as PyBaMM's entry points return.

    The partner set's values come first; the file's values replace or extend them.
    ``"chemistry"`` and ``"citations"`` are included for :class:`pybamm.ParameterValues`.
    """
    data = _read(name)
    partner = pybamm.ParameterValues(data["partner"])
    values = {key: partner[key] for key in partner.keys()}
    values.update({e["name"]: _resolve(e) for e in data["parameter"]})
    values["chemistry"] = data["chemistry"]
    values["citations"] = [CITATIONS.get(key, key) for key in data["citations"]]
    return values


#: PyBaMM set that supplies the lithium-metal counter electrode of a half cell.
LITHIUM_METAL_SET = "Xu2019"
LITHIUM_METAL_KEYS = (
    "Exchange-current density for lithium metal electrode [A.m-2]",
    "Lithium metal partial molar volume [m3.mol-1]",
)
#: Half-cell voltage window vs Li/Li+ [V]: the usual 5 mV - 1 V of Si half cells
#: (estimate; the shell OCP spans 0.017 V at sto 0.999 to 0.97 V at sto 0.001).
HALF_CELL_WINDOW = (0.005, 1.0)


def _to_positive_slot(key: str) -> str:
    return key.replace("Negative", "Positive").replace("negative", "positive")


def load_half_cell(name: str) -> dict:
    """Half cell of set ``name``'s alloy against lithium metal, for ``{"working electrode": "positive"}``.

    PyBaMM puts a half cell's working electrode in the positive slot, so every
    negative-electrode value of the full-cell set (the alloy, its current collector)
    is copied under its positive name; separator and electrolyte stay the partner's.
    The lithium-metal values come from PyBaMM's ``Xu2019`` at run time. The cell starts
    with the alloy as assembled (the full cell's initial negative concentration) and
    its nominal capacity is the alloy electrode's theoretical capacity.
    """
    values = load_parameter_set(name)
    for key in [k for k in values if "egative" in k]:
        values[_to_positive_slot(key)] = values[key]
    lithium_metal = pybamm.ParameterValues(LITHIUM_METAL_SET)
    values.update({key: lithium_metal[key] for key in LITHIUM_METAL_KEYS})
    low, high = HALF_CELL_WINDOW
    values["Lower voltage cut-off [V]"] = low
    values["Upper voltage cut-off [V]"] = high
    values["Open-circuit voltage at 0% SOC [V]"] = high
    values["Open-circuit voltage at 100% SOC [V]"] = low
    capacity_C = (
        values["Maximum concentration in positive electrode [mol.m-3]"]
        * values["Positive electrode active material volume fraction"]
        * values["Positive electrode thickness [m]"]
        * values["Electrode width [m]"]
        * values["Electrode height [m]"]
        * 96485.33212
    )
    values["Nominal cell capacity [A.h]"] = capacity_C / 3600
    values["citations"] = [*values["citations"], "Xu2019"]
    return values
