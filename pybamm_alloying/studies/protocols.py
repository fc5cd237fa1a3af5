"""Named cycling protocols shipped in ``experiments/`` and turned into PyBaMM experiments.

A protocol file holds ``description``, the default number of ``cycles`` and the
``steps`` of one cycle, written in PyBaMM's experiment language with ``{upper}`` and
``{lower}`` standing for the cell's voltage cut-offs, so one protocol serves every
couple (NMC811 cells 2.5-4.2 V, NVPF cells 2.0-4.2 V).
"""

import pybamm

from ..resources import read_toml, toml_names

_PACKAGE = "pybamm_alloying.experiments"


def protocol_names() -> list[str]:
    """Names of the shipped protocols, e.g. ``["cccv_1C", "formation_C10"]``."""
    return toml_names(_PACKAGE)


def read_protocol(name: str) -> dict:
    """The raw contents of protocol ``name``; ``ValueError`` names the shipped ones."""
    return read_toml(_PACKAGE, name, "protocol")


def load_protocol(
    name: str, cycles: int | None = None, lower: float = 2.5, upper: float = 4.2
) -> pybamm.Experiment:
    """Protocol ``name`` as a :class:`pybamm.Experiment` of ``cycles`` cycles.

    ``cycles`` defaults to the number the protocol file gives and must be >= 1;
    ``lower`` and ``upper`` [V] fill the protocol's cut-off placeholders.
    """
    protocol = read_protocol(name)
    cycles = protocol["cycles"] if cycles is None else cycles
    if not isinstance(cycles, int) or cycles < 1:
        raise ValueError(f"cycles must be an integer >= 1, not {cycles!r}")
    if not 0 <= lower < upper:
        raise ValueError(f"cut-offs must satisfy 0 <= lower < upper, not {lower}, {upper}")
    steps = tuple(step.format(lower=lower, upper=upper) for step in protocol["steps"])
    return pybamm.Experiment([steps] * cycles)
