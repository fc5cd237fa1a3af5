"""One value of a parameter file with its provenance."""

from dataclasses import dataclass
from typing import Any, NamedTuple


@dataclass(frozen=True)
class ParameterRecord:
    """A value, its source (paper + DOI, "estimate: ...", or "derived: formula") and tag.

    Tags as in docs/parameter-sets.md: V checked against the paper, C computed
    (crystallographic data or a formula), P from PyBaMM's own parameter files, M handbook
    value not re-checked, S review value whose primary paper was not located, E
    engineering estimate, N numerical regularisation of the model.
    """

    name: str
    value: Any
    source: str
    tag: str


def derived(name: str, value, formula: str) -> ParameterRecord:
    """The record of a value computed by ``formula`` from others (tag C)."""
    return ParameterRecord(name, value, f"derived: {formula}", "C")


class AssembledSet(NamedTuple):
    """A parameter set as assembled: its values (a dictionary for
    :class:`pybamm.ParameterValues`) and every record this project supplies or derives."""

    values: dict
    records: tuple[ParameterRecord, ...]
