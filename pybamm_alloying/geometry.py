"""Particle geometries and the front-fixed shell domain.

The shell ``s(t) < r < R`` is mapped onto the fixed Landau coordinate
``xi = (r - s) / (R - s)`` in ``[0, 1]``. It lives on its own microscale domain,
``"{domain} {phase}particle shell"`` (e.g. ``"negative particle shell"``), so PyBaMM meshes it like any
particle without patching PyBaMM itself.
"""

from typing import NamedTuple

import numpy as np
import pybamm

#: Exponent m of the radial Laplacian r^-m d/dr (r^m d/dr) for each particle shape.
GEOMETRY_EXPONENT = {"spherical": 2, "cylindrical": 1, "planar": 0}

#: Default number of finite-volume cells across the shell.
DEFAULT_SHELL_POINTS = 20

_PHASE_SUFFIX = {"": "", "primary ": "_prim", "secondary ": "_sec"}


def geometry_exponent(shape: str) -> int:
    """Return m for ``shape`` ("spherical", "cylindrical" or "planar")."""
    try:
        return GEOMETRY_EXPONENT[shape]
    except KeyError:
        raise pybamm.OptionError(
            f"alloy particle geometry must be one of {sorted(GEOMETRY_EXPONENT)}, not {shape!r}"
        ) from None


def natural_log(x):
    """ln x for floats, numpy arrays and PyBaMM symbols alike."""
    return pybamm.log(x) if isinstance(x, pybamm.Symbol) else np.log(x)


def radial_integral(rho, sigma, m: int):
    """phi(rho) = int_sigma^rho x^-m dx: the steady shell's diffusion resistance factor.

    A flux N per unit area of the outer surface (r = R) crossing a steady shell from
    r = R to r = sigma R drops its concentration by N (R/D) phi(1).
    """
    if m == 1:
        return natural_log(rho / sigma)
    return (rho ** (1 - m) - sigma ** (1 - m)) / (1 - m)


def shell_domain(domain: str, phase_name: str = "") -> str:
    """Name of the shell domain, e.g. ``"negative particle shell"`` or ``"negative primary particle shell"``."""
    return f"{domain} {phase_name}particle shell"


def shell_coordinate(domain: str, phase_name: str = "", edges: bool = False):
    """The Landau coordinate xi on the shell domain of ``domain`` (nodes or edges)."""
    cls = pybamm.SpatialVariableEdge if edges else pybamm.SpatialVariable
    return cls(
        f"xi_{domain[0]}{_PHASE_SUFFIX[phase_name]}",
        domain=[shell_domain(domain, phase_name)],
        auxiliary_domains={
            "secondary": f"{domain} electrode",
            "tertiary": "current collector",
        },
        coord_sys="cartesian",
    )


class ShellMeshDefaults(NamedTuple):
    """What a model adds to its ``default_*`` for its shell domains."""

    geometry: dict
    var_pts: dict
    submesh_types: dict
    spatial_methods: dict


def shell_mesh_defaults(domain_phases) -> ShellMeshDefaults:
    """Geometry, mesh points, submesh types and spatial methods for shell domains.

    ``domain_phases`` is an iterable of ``(domain, phase_name)`` pairs. Each returned
    dictionary is merged into the corresponding ``default_*`` of a model.
    """
    geometry, var_pts, submeshes, methods = {}, {}, {}, {}
    for domain, phase_name in domain_phases:
        name = shell_domain(domain, phase_name)
        xi = shell_coordinate(domain, phase_name)
        geometry[name] = {xi: {"min": 0, "max": 1}}
        var_pts[xi] = DEFAULT_SHELL_POINTS
        submeshes[name] = pybamm.Uniform1DSubMesh
        methods[name] = pybamm.FiniteVolume()
    return ShellMeshDefaults(geometry, var_pts, submeshes, methods)
