"""Studies built on the alloy models: cycling, self-limiting lithiation (rate-limit and design
studies follow)."""

from .cycling import CyclingResult, run_cycling
from .memory import ReleaseFinishedCycles, detach_state
from .protocols import load_protocol, protocol_names
from .self_limiting import arrest_fraction, self_limiting_lithiation

__all__ = [
    "CyclingResult",
    "ReleaseFinishedCycles",
    "arrest_fraction",
    "detach_state",
    "load_protocol",
    "protocol_names",
    "run_cycling",
    "self_limiting_lithiation",
]
