"""Argument types and checks of the command line (:mod:`pybamm_alloying.cli`).

Each ``type=`` function refuses its text with :class:`argparse.ArgumentTypeError`, so
argparse prints the usage and one line ``argument --name: ...`` and exits with 2 before
anything runs. The allowed ranges are the module's constants; docs/cli.md tables them.
"""

import argparse
import math
import os
import tempfile
from pathlib import Path

from .studies.protocols import MAX_CYCLES, RATE_RANGE, c_rate_value
from .studies.rate_limit import TOLERANCE_RANGE
from .validation import ProtocolError

#: Particle radius / film half-thickness [m]: 1 nm to 1 mm.
RADIUS_RANGE = (1e-9, 1e-3)
#: ``--time-limit`` [s]: > 0 and at most 1e6 s (11.6 days).
MAX_TIME_LIMIT = 1e6
#: Longest file-name component most file systems take [bytes].
NAME_MAX = 255


def _finite(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a number, not {text!r}") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"must be a finite number, not {text!r}")
    return value


def _interval(low, high, closed_low: bool, closed_high: bool, unit: str) -> str:
    unit = f" {unit}" if unit else ""
    return f"{'[' if closed_low else '('}{low:g}, {high:g}{']' if closed_high else ')'}{unit}"


def bounded_float(low: float, high: float, unit: str = "", closed_low=True, closed_high=True):
    """A ``type=`` for a finite float in the interval (nan and +-inf refused)."""
    allowed = _interval(low, high, closed_low, closed_high, unit)

    def convert(text: str) -> float:
        try:
            value = _finite(text)
        except argparse.ArgumentTypeError:
            raise argparse.ArgumentTypeError(
                f"must be a finite number in {allowed}, not {text!r}"
            ) from None
        above = value >= low if closed_low else value > low
        below = value <= high if closed_high else value < high
        if not (above and below):
            raise argparse.ArgumentTypeError(f"must lie in {allowed}, not {text}")
        return value

    convert.__name__ = f"number in {allowed}"
    convert.allowed = allowed
    return convert


def bounded_int(low: int, high: int):
    """A ``type=`` for an integer in [low, high]."""

    def convert(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"must be an integer in [{low}, {high}], not {text!r}"
            ) from None
        if not low <= value <= high:
            if value < 1 == low:  # the historical wording of the lower bound
                raise argparse.ArgumentTypeError(
                    f"must be an integer >= 1 (at most {high}), not {text}"
                )
            raise argparse.ArgumentTypeError(f"must be an integer in [{low}, {high}], not {text}")
        return value

    convert.__name__ = f"integer in [{low}, {high}]"
    convert.allowed = f"integer in [{low}, {high}]"
    return convert


cycle_count = bounded_int(1, MAX_CYCLES)
radius = bounded_float(*RADIUS_RANGE, unit="m")
threshold = bounded_float(0, 1, closed_low=False, closed_high=False)
tolerance = bounded_float(*TOLERANCE_RANGE)
fraction = bounded_float(0, 1, closed_high=False)
#: ``--time-limit``: finite seconds in (0, :data:`MAX_TIME_LIMIT`].
time_limit = bounded_float(0, MAX_TIME_LIMIT, unit="s", closed_low=False)


def potential(text: str) -> float:
    """``lithiate --potential`` [V]: finite (its range depends on the couple: checked
    with the parameter set, :func:`pybamm_alloying.cli.check`)."""
    try:
        return _finite(text)
    except argparse.ArgumentTypeError:
        raise argparse.ArgumentTypeError(
            "must be a finite potential [V vs the carrier metal] in [0, the couple's "
            f"two-phase potential), not {text!r}"
        ) from None


def c_rate(text: str) -> str:
    """``--rate``: PyBaMM's C-rate text (``2C``, ``C/5``) within :data:`RATE_RANGE`."""
    try:
        value = c_rate_value(text)
    except ProtocolError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    low, high = RATE_RANGE
    if not low <= value <= high:
        raise argparse.ArgumentTypeError(
            f"must be a C-rate from C/{1 / low:g} to {high:g}C, not {text}"
        )
    return text


c_rate.allowed = f"C/{1 / RATE_RANGE[0]:g} to {RATE_RANGE[1]:g}C (e.g. 2C, 0.5C, C/5)"


def out_path(text: str) -> Path:
    """``--out``: a usable directory name (checked on disk by :func:`prepare_out`)."""
    if not text.strip():
        raise argparse.ArgumentTypeError("must name a directory, not an empty string")
    if "\0" in text:
        raise argparse.ArgumentTypeError("must not contain a NUL character")
    long = [part for part in Path(text).parts if len(os.fsencode(part)) > NAME_MAX]
    if long:
        raise argparse.ArgumentTypeError(
            f"a path component is {len(os.fsencode(long[0]))} bytes long; at most "
            f"{NAME_MAX} are allowed ({long[0][:20]}...)"
        )
    return Path(text)


def prepare_out(path: Path) -> None:
    """Create ``path`` (with parents) and prove it writable; raise ``ValueError`` naming
    why not (an existing file or device, no permission, a read-only file system)."""
    if path.exists() and not path.is_dir():
        kind = "a regular file" if path.is_file() else "not a directory"
        raise ValueError(f"{str(path)!r} exists and is {kind}: name a directory")
    missing = [p for p in (path, *path.parents) if not p.exists()]
    try:
        path.mkdir(parents=True, exist_ok=True)
        handle, probe = tempfile.mkstemp(dir=path, prefix=".write-test-")
        os.close(handle)
        os.remove(probe)
    except OSError as error:
        for created in missing:  # leave no half-made directories behind
            try:
                created.rmdir()
            except OSError:
                pass
        reason = error.strerror or type(error).__name__
        raise ValueError(f"cannot write into {str(path)!r}: {reason}") from None
