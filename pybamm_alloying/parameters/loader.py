"""Read the human-readable parameter files shipped in ``parameter_sets/``.

Each file names a PyBaMM ``partner`` set that supplies the counter electrode,
separator and electrolyte at run time, and lists the alloy electrode's values, each
with its source. Functions are written ``"module:attribute"``.
"""

import importlib
import importlib.resources
import tomllib
from dataclasses import dataclass
from typing import Any

import pybamm

from ..citations import CITATIONS

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
    files = importlib.resources.files(_PACKAGE).iterdir()
    return sorted(f.name.removesuffix(".toml") for f in files if f.name.endswith(".toml"))


def _read(name: str) -> dict:
    resource = importlib.resources.files(_PACKAGE) / f"{name}.toml"
    if not resource.is_file():
        raise ValueError(
            f"unknown parameter set {name!r}; shipped sets: {', '.join(couple_names())}"
        )
    return tomllib.loads(resource.read_text(encoding="utf-8"))


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
