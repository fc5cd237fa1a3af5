"""pybamm-alloying: two-phase shrinking-core alloying anodes for PyBaMM."""

from . import regime
from .fitting import (
    FittedParameter,
    FrontKineticsFit,
    VoltageCurve,
    VoltageCurveFit,
    fit_front_kinetics,
    fit_voltage_curve,
)
from .geometry import shell_coordinate
from .models import DFN, SPM, ParticleLithiation, SPMe, set_initial_state, surface_concentration
from .parameters import (
    conversion_names,
    couple_names,
    list_couples,
    load_half_cell,
    load_parameter_set,
    parameter_records,
)
from .rate_law import RateLaw, fit_rate_law
from .validation import validate

__version__ = "0.1.0"

__all__ = [
    "DFN",
    "FittedParameter",
    "FrontKineticsFit",
    "ParticleLithiation",
    "RateLaw",
    "SPM",
    "SPMe",
    "VoltageCurve",
    "VoltageCurveFit",
    "fit_rate_law",
    "fit_voltage_curve",
    "conversion_names",
    "couple_names",
    "fit_front_kinetics",
    "list_couples",
    "load_half_cell",
    "load_parameter_set",
    "parameter_records",
    "regime",
    "set_initial_state",
    "shell_coordinate",
    "surface_concentration",
    "validate",
]
