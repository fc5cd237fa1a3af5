"""Shrinking-core particle submodels."""

from .base_shrinking_core import BaseShrinkingCore
from .conversion import ConversionShell
from .quasi_steady import QuasiSteadyShell
from .shell_diffusion import ShellDiffusion

#: The ``"alloy particle"`` option values and the submodel each selects.
PARTICLE_SUBMODELS = {
    "full": ShellDiffusion,
    "quasi-steady": QuasiSteadyShell,
    "conversion": ConversionShell,
}

__all__ = [
    "PARTICLE_SUBMODELS",
    "BaseShrinkingCore",
    "ConversionShell",
    "QuasiSteadyShell",
    "ShellDiffusion",
]
