"""Full-cell and single-particle models."""

from .dfn import DFN
from .particle_lithiation import ParticleLithiation, surface_concentration
from .spm import SPM, SPMe

__all__ = ["DFN", "SPM", "SPMe", "ParticleLithiation", "surface_concentration"]
