"""The regime table: which step limits each shipped couple, and a size sweep of one.

Each row is :func:`~pybamm_alloying.regime.regime_from_parameters` of a couple at its
default size (docs/theory.md §11), with the fields as file headers
(:data:`REGIME_HEADERS`); :data:`SWEEP_RADII` are the radii of the command line's size
sweep (:func:`~pybamm_alloying.regime.size_sweep`).
"""

import numpy as np
import pandas as pd
import pybamm

from ..parameters import couple_names
from ..regime import regime_from_parameters

#: File headers of the regime estimate's fields
#: (:class:`~pybamm_alloying.regime.RegimeEstimate`, times in s): a unit in PyBaMM's
#: form, none for a dimensionless quantity (PyBaMM's convention, also for its "C-rate").
REGIME_HEADERS = {
    "radius": "radius [m]",
    "stefan": "Stefan number",
    "film_time": "SEI film time [s]",
    "diffusion_time": "shell diffusion time [s]",
    "interface_time": "interface reaction time [s]",
    "total_time": "conversion time [s]",
    "half_conversion_time": "half conversion time [s]",
    "damkohler": "Damkohler number",
    "sei_biot": "SEI Biot number",
    "exponent": "exponent",
    "regime": "regime",
    "limiting_c_rate": "limiting C-rate",
}

#: Radii of the size sweep [m]: 10 nm to 1 mm, five per decade.
SWEEP_RADII = tuple(float(r) for r in np.logspace(-8, -3, 26))


def regime_table(sei: bool = True, names=None) -> pd.DataFrame:
    """One row per couple (every shipped one by default): ``name`` and the regime
    estimate at the default size, with or without the initial SEI film."""
    names = couple_names() if names is None else names
    rows = [
        {"name": name, **regime_from_parameters(pybamm.ParameterValues(name), sei=sei).as_series()}
        for name in names
    ]
    return pd.DataFrame(rows).rename(columns=REGIME_HEADERS)
