"""Critical sizes per couple and geometry: full lithiation and fracture (docs/theory.md §10).

Both come from closed forms of the particle held at a potential (0 V vs the carrier metal
by default): the front's first arrest (:func:`~.self_limiting.arrest_fraction`), below
the full-lithiation size the curved front's Laplace pressure carries it through; and
the shell's fracture index along the path to that arrest (:mod:`~pybamm_alloying.studies.fracture`), above the
fracture size a surface flaw in the tensile shell grows.
"""

import numpy as np
import pandas as pd
import pybamm

from ..parameters import couple_names
from ..validation import check_name
from .fracture import HeldShell, critical_fracture_diameter
from .self_limiting import critical_full_lithiation_diameter

#: Bodies with a curved front, the ones the size map compares.
CURVED_GEOMETRIES = ("spherical", "cylindrical")

#: Diameters of the size map [m]: 10 nm to 10 um, ten per decade.
MAP_DIAMETERS = tuple(float(d) for d in np.logspace(-8, -5, 31))


def critical_sizes(
    names=None, geometries=CURVED_GEOMETRIES, potential: float = 0.0
) -> pd.DataFrame:
    """One row per couple and geometry: ``critical full-lithiation diameter [m]`` (largest
    size whose front goes through, ``inf`` if every size does, 0 if none) and ``critical
    fracture diameter [m]`` (smallest size whose shell fractures, ``inf`` if none)."""
    rows = []
    for name in names or couple_names():
        check_name("names", name, couple_names())
        values = pybamm.ParameterValues(name)
        for geometry in geometries:
            rows.append(
                {
                    "name": name,
                    "geometry": geometry,
                    "critical full-lithiation diameter [m]": critical_full_lithiation_diameter(
                        values, potential, geometry
                    ),
                    "critical fracture diameter [m]": critical_fracture_diameter(
                        values, geometry, potential
                    ),
                }
            )
    return pd.DataFrame(rows)


def size_map(
    names=None,
    diameters=MAP_DIAMETERS,
    geometries=CURVED_GEOMETRIES,
    potential: float = 0.0,
) -> pd.DataFrame:
    """Long table of ``arrest fraction`` and ``fracture index`` (the largest along the
    lithiation to the arrest) against ``diameter [m]``, per couple and geometry."""
    rows = []
    for name in names or couple_names():
        values = pybamm.ParameterValues(name)
        for geometry in geometries:
            shell = HeldShell(values, geometry, potential)
            rows += [
                {
                    "name": name,
                    "geometry": geometry,
                    "diameter [m]": diameter,
                    "arrest fraction": shell.particle.arrest_fraction(diameter / 2),
                    "fracture index": shell.maximum_index(diameter),
                }
                for diameter in diameters
            ]
    return pd.DataFrame(rows)
