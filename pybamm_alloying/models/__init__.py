"""Full-cell and single-particle models."""

from .dfn import DFN
from .particle_lithiation import ParticleLithiation, surface_concentration

__all__ = ["DFN", "ParticleLithiation", "surface_concentration"]
