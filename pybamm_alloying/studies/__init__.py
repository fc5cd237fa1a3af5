"""Studies built on the alloy models: cycling (rate-limit and design studies follow)."""

from .cycling import CyclingResult, run_cycling
from .protocols import load_protocol, protocol_names

__all__ = ["CyclingResult", "load_protocol", "protocol_names", "run_cycling"]
