"""Named cycling protocols shipped in ``pybamm_alloying/experiments/`` and turned into PyBaMM experiments.

A protocol file holds ``description`` and the ``steps`` of one cycle, written in PyBaMM's
experiment language with ``{upper}`` and ``{lower}`` standing for the cell's voltage
cut-offs (so one protocol serves every couple, whatever its carrier and cathode) and
``{rate}`` for a C-rate. Either ``cycles`` (the default number of cycles) and, if the
steps use it, a default ``rate``; or ``rates``, one cycle per C-rate (a rate test).
``keep_every_cycle = true`` marks a protocol whose cycles are one measurement (GITT's
pulses): :func:`~pybamm_alloying.studies.run_cycling` keeps every cycle's time series
by default, however many.

Shipped: ``cccv`` (CC-CV at a chosen rate), ``formation_C20``, ``formation_C10``,
``rate_test`` (C/10 to 10C) and ``gitt`` (pulse train).
"""

import math
import re

import pybamm

from ..resources import read_toml, toml_names
from ..validation import ProtocolError, check_name, validate_cut_offs

_PACKAGE = "pybamm_alloying.experiments"


def protocol_names() -> list[str]:
    """Names of the shipped protocols, e.g. ``["cccv", "formation_C10", ...]``."""
    return toml_names(_PACKAGE)


def read_protocol(name: str) -> dict:
    """The raw contents of protocol ``name``; an unknown name raises
    :class:`~pybamm_alloying.validation.UnknownNameError` with the closest shipped one."""
    check_name("protocol", name, protocol_names())
    return read_toml(_PACKAGE, name, "protocol")


#: Most cycles a protocol runs (the command line's ``--cycles`` cap).
MAX_CYCLES = 10_000
#: C-rates a protocol takes [1/h]: C/100 to 1000C (the rate search's bounds).
RATE_RANGE = (1e-2, 1e3)

#: PyBaMM's C-rate forms: "1C", "0.5C", "C/20", "C/2.5".
_C_RATE = re.compile(r"^(\d+(\.\d+)?C|C/\d+(\.\d+)?)$")


def c_rate_value(text: str) -> float:
    """The C-rate [1/h] that ``text`` (``"2C"``, ``"C/5"``) stands for; must be > 0."""
    if not isinstance(text, str) or not _C_RATE.match(text):
        raise ProtocolError("rate", text, "a C-rate like '2C', '0.5C' or 'C/5'")
    number = float(text.strip("C/"))
    if not number > 0:
        raise ProtocolError("rate", text, "a C-rate > 0")
    value = number if text.endswith("C") else 1 / number
    if not RATE_RANGE[0] <= value <= RATE_RANGE[1]:
        raise ProtocolError("rate", text, "a C-rate from C/100 to 1000C")
    return value


def load_protocol(
    name: str,
    cycles: int | None = None,
    lower: float = 2.5,
    upper: float = 4.2,
    rate: str | None = None,
    parameter_values: pybamm.ParameterValues | None = None,
) -> pybamm.Experiment:
    """Protocol ``name`` as a :class:`pybamm.Experiment`.

    ``cycles`` defaults to the number the protocol file gives and must be >= 1 (a rate
    test has one cycle per rate and takes no ``cycles``); ``lower`` and ``upper`` [V]
    fill the cut-off placeholders; ``rate`` (``"2C"``, ``"C/5"``, > 0) the C-rate of a
    protocol that has one. With a full cell's ``parameter_values`` the cut-offs must
    also lie inside its open-circuit window
    (:func:`~pybamm_alloying.validation.validate_cut_offs`). Bad inputs raise
    :class:`~pybamm_alloying.validation.ProtocolError` naming them.
    """
    protocol = read_protocol(name)
    if not 0 <= lower < upper < math.inf:
        raise ProtocolError("cut-offs", (lower, upper), "finite, 0 <= lower < upper [V]")
    if parameter_values is not None:
        validate_cut_offs(parameter_values, lower, upper)
    if "rates" in protocol:
        if cycles is not None or rate is not None:
            raise ProtocolError(
                "cycles and rate",
                (cycles, rate),
                f"None: protocol {name!r} runs one "
                f"cycle per rate of {protocol['rates']}; it takes neither cycles nor rate",
            )
        rates = protocol["rates"]
    else:
        cycles = protocol["cycles"] if cycles is None else cycles
        if not isinstance(cycles, int) or isinstance(cycles, bool) or cycles < 1:
            raise ProtocolError("cycles", cycles, "an integer >= 1")
        if cycles > MAX_CYCLES:
            raise ProtocolError("cycles", cycles, f"an integer in [1, {MAX_CYCLES}]")
        if rate is not None and "rate" not in protocol:
            raise ProtocolError("rate", rate, f"None: protocol {name!r} has no C-rate to set")
        rates = [protocol.get("rate") if rate is None else rate] * cycles
    for value in rates:
        if value is not None:
            c_rate_value(value)
    return pybamm.Experiment(
        [
            tuple(s.format(lower=lower, upper=upper, rate=value) for s in protocol["steps"])
            for value in rates
        ]
    )
