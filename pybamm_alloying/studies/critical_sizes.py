"""Critical sizes per couple and geometry: full lithiation and fracture (docs/theory.md §10).

Both come from closed forms of the particle held at a potential (0 V vs the carrier metal
by default): the front's first arrest (:func:`~.self_limiting.arrest_fraction`), below
the full-lithiation size the curved front's Laplace pressure carries it through; and
the shell's fracture index along the path to that arrest (:mod:`~pybamm_alloying.studies.fracture`), above the
fracture size a surface flaw in the tensile shell grows.

The buffered particle (docs/fracture.md, "The buffered particle"): a conversion set's
converted composite M + A2O, a buffer volume fraction f of inert A2O, lithiates as the
pure metal's particle (its ``metal`` counterpart) whose shell is the composite's
(:func:`converted_composite_values`); :func:`buffer_comparison` sets it beside the metal
and the conversion front at the same diameters.
"""

import numpy as np
import pandas as pd
import pybamm

from ..parameters import conversion_names, couple_names, set_metadata
from ..validation import ArgumentError, check_name, check_number
from .fracture import HeldShell, critical_fracture_diameter
from .self_limiting import critical_full_lithiation_diameter

#: The shell quantities of the converted composite, each mixed from the metal's shell
#: value and the buffer's: "voigt" (1 - f) x_M + f x_B; "hill" the mean of that and the
#: Reuss bound 1 / ((1 - f) / x_M + f / x_B).
MIXING_RULES = {
    "yield strength [Pa]": "voigt",
    "Young's modulus [Pa]": "hill",
    "Poisson's ratio": "voigt",
    "fracture energy [J.m-2]": "voigt",
}

#: Concentrations of the host basis, per m3 of composite (1 - f) of the metal's.
HOST_CONCENTRATIONS = (
    "Maximum concentration in negative electrode [mol.m-3]",
    "Negative electrode shell equilibrium concentration [mol.m-3]",
    "Negative electrode core concentration [mol.m-3]",
)
BUFFER_FRACTION = "Negative electrode buffer volume fraction"
EXPANSION = "Negative electrode volume expansion ratio"

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


def metal_counterpart(name: str) -> str:
    """The pure-metal couple that conversion set ``name`` names in its file's ``metal``
    field (checked against the shipped couples)."""
    check_name("conversion set", name, conversion_names())
    metal = set_metadata(name)["metal"]
    if metal is None:
        raise ArgumentError(f"{name}: field 'metal'", metal, "the name of its pure-metal couple")
    check_name(f"{name}: field 'metal'", metal, couple_names())
    return metal


def buffered_names() -> list[str]:
    """The shipped conversion sets whose file names a ``metal`` counterpart."""
    return [name for name in conversion_names() if set_metadata(name)["metal"] is not None]


def mixture(metal: float, buffer: float, fraction: float, rule: str) -> float:
    """x of a composite of buffer volume fraction f: (1 - f) x_M + f x_B ("voigt"), or
    the mean of that and 1 / ((1 - f) / x_M + f / x_B) ("hill")."""
    voigt = (1 - fraction) * metal + fraction * buffer
    if rule == "voigt":
        return voigt
    return (voigt + 1 / ((1 - fraction) / metal + fraction / buffer)) / 2


def converted_composite_values(name: str, fraction: float | None = None):
    """The metal counterpart's set with the converted composite of set ``name`` as its
    particle, for the held-particle closed forms (not for a cell: its derived initial
    and design values stay the metal's).

    With f the buffer volume fraction (the set's, or ``fraction`` in [0, 1)): the shell's
    yield strength, modulus, Poisson's ratio and fracture energy mixed by
    :data:`MIXING_RULES`; the full-lithiation volume ratio 1 + (beta_M - 1)(1 - f), the
    alloy's swelling diluted by the inert buffer (volumes additive); the host-basis
    concentrations times 1 - f. At f = 0 it is the metal's set.
    """
    conversion = pybamm.ParameterValues(name)
    values = pybamm.ParameterValues(metal_counterpart(name))
    if fraction is None:
        fraction = float(conversion[BUFFER_FRACTION])
    check_number("buffer volume fraction", fraction, 0, 1, closed="[)", error=ArgumentError)
    updates = {
        f"Negative electrode shell {quantity}": mixture(
            float(values[f"Negative electrode shell {quantity}"]),
            float(conversion[f"Negative electrode buffer {quantity}"]),
            fraction,
            rule,
        )
        for quantity, rule in MIXING_RULES.items()
    }
    updates[EXPANSION] = 1 + (float(values[EXPANSION]) - 1) * (1 - fraction)
    updates.update({key: float(values[key]) * (1 - fraction) for key in HOST_CONCENTRATIONS})
    values.update(updates)
    return values


def buffer_particles(name: str) -> list[tuple[str, str, float, pybamm.ParameterValues]]:
    """(particle, set, buffer volume fraction, values) of conversion set ``name``: its
    pure metal (f = 0), its converted composite (:func:`converted_composite_values`) and
    its conversion front (the first lithiation: oxide core, composite shell)."""
    conversion = pybamm.ParameterValues(name)
    fraction = float(conversion[BUFFER_FRACTION])
    metal = metal_counterpart(name)
    return [
        ("metal", metal, 0.0, pybamm.ParameterValues(metal)),
        ("converted composite", name, fraction, converted_composite_values(name)),
        ("conversion front", name, fraction, conversion),
    ]


def buffer_comparison(
    names=None,
    diameters=(1e-7, 1e-6),
    core_radius_ratio: float = 0.5,
    geometry: str = "spherical",
    potential: float = 0.0,
) -> pd.DataFrame:
    """The buffered particle against its pure metal at the same diameters [m].

    One row per conversion set (default :func:`buffered_names`), particle
    (:func:`buffer_particles`) and diameter: ``buffer volume fraction``, ``shell volume
    ratio`` (beta_s), the interface ``core mean stress [Pa]`` and ``interface shell mean
    stress [Pa]`` with the front at ``core_radius_ratio`` a/R (its Laplace pressure
    included), the self-limiting ``arrest fraction`` of a hold at ``potential``, the
    largest ``fracture index`` on the way there and the ``critical fracture diameter
    [m]`` (:func:`~.fracture.critical_fracture_diameter`).
    """
    check_number("core radius ratio", core_radius_ratio, 0, 1, error=ArgumentError)
    for diameter in diameters:
        check_number("diameter [m]", diameter, 0, error=ArgumentError)
    rows = []
    for name in buffered_names() if names is None else names:
        for particle, set_name, fraction, values in buffer_particles(name):
            shell = HeldShell(values, geometry, potential)
            critical = critical_fracture_diameter(values, geometry, potential)
            q = core_radius_ratio ** (shell.particle.m + 1)
            for diameter in diameters:
                core, interface = shell.particle.interface_stresses(q, diameter / 2)
                rows.append(
                    {
                        "name": name,
                        "particle": particle,
                        "set": set_name,
                        "diameter [m]": diameter,
                        "buffer volume fraction": fraction,
                        "shell volume ratio": shell.particle.beta_s,
                        "core mean stress [Pa]": float(core),
                        "interface shell mean stress [Pa]": float(interface),
                        "arrest fraction": shell.particle.arrest_fraction(diameter / 2),
                        "fracture index": shell.maximum_index(diameter),
                        "critical fracture diameter [m]": critical,
                    }
                )
    return pd.DataFrame(rows)
