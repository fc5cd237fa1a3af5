"""Full-cell and single-particle models."""

from .dfn import DFN

__all__ = ["DFN"]
