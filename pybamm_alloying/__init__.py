"""pybamm-alloying: two-phase shrinking-core alloying anodes for PyBaMM."""

from .geometry import shell_coordinate
from .models import DFN
from .parameters import couple_names, load_parameter_set, parameter_records

__version__ = "0.1.0"

__all__ = [
    "DFN",
    "couple_names",
    "load_parameter_set",
    "parameter_records",
    "shell_coordinate",
]
