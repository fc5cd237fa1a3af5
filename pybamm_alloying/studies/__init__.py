"""Studies built on the alloy models: cycling, self-limiting lithiation and critical sizes.

The rate-limit, anode-comparison and composite studies are in their own modules
(``rate_limit``, ``design``, ``composite``)."""

from .critical_sizes import critical_sizes, size_map
from .cycling import CyclingResult, run_cycling
from .fracture import critical_fracture_diameter
from .memory import ReleaseFinishedCycles, detach_state
from .protocols import load_protocol, protocol_names
from .self_limiting import (
    arrest_fraction,
    critical_full_lithiation_diameter,
    self_limiting_lithiation,
)

__all__ = [
    "CyclingResult",
    "ReleaseFinishedCycles",
    "arrest_fraction",
    "critical_fracture_diameter",
    "critical_full_lithiation_diameter",
    "critical_sizes",
    "detach_state",
    "load_protocol",
    "protocol_names",
    "run_cycling",
    "self_limiting_lithiation",
    "size_map",
]
