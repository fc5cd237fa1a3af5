"""Full-cell and single-particle models."""

from .dfn import DFN
from .esoh import set_initial_state
from .particle_lithiation import ParticleLithiation, surface_concentration
from .spm import SPM, SPMe

__all__ = ["DFN", "SPM", "SPMe", "ParticleLithiation", "set_initial_state", "surface_concentration"]
