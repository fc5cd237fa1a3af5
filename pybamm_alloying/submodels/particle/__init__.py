"""Shrinking-core particle submodels."""

from .base_shrinking_core import BaseShrinkingCore
from .quasi_steady import QuasiSteadyShell
from .shell_diffusion import ShellDiffusion

__all__ = ["BaseShrinkingCore", "QuasiSteadyShell", "ShellDiffusion"]
