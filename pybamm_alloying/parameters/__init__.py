"""Parameter sets of alloying-anode cells (data in ``parameter_sets/*.toml``)."""

from .loader import (
    ParameterRecord,
    couple_names,
    load_half_cell,
    load_parameter_set,
    parameter_records,
)


def li_si_nmc811() -> dict:
    """Entry point ``LiSi_NMC811`` for ``pybamm.ParameterValues("LiSi_NMC811")``."""
    return load_parameter_set("LiSi_NMC811")


__all__ = [
    "ParameterRecord",
    "couple_names",
    "li_si_nmc811",
    "load_half_cell",
    "load_parameter_set",
    "parameter_records",
]
