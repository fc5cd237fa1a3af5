"""Particle geometries and the front-fixed shell domain.

The shell ``s(t) < r < R`` is mapped onto the fixed Landau coordinate
``xi = (r - s) / (R - s)`` in ``[0, 1]``. It lives on its own microscale domain,
``"{domain} {phase}particle shell"`` (e.g. ``"negative particle shell"``), so PyBaMM meshes it like any
particle without patching PyBaMM itself.
"""

import numbers
from typing import NamedTuple

import numpy as np
import pybamm

#: Exponent m of the radial Laplacian r^-m d/dr (r^m d/dr) for each particle shape.
GEOMETRY_EXPONENT = {"spherical": 2, "cylindrical": 1, "planar": 0}

#: Default number of finite-volume cells across the shell.
DEFAULT_SHELL_POINTS = 20
#: Fewest finite volumes across the shell of each particle variant (``var_pts`` of the
#: shell coordinate): the resolved shell's fluxes need two interior faces.
MIN_SHELL_POINTS = {"full": 3, "quasi-steady": 1, "conversion": 3}

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


def _domains(*names: str) -> dict:
    return dict(zip(("primary", "secondary", "tertiary", "quaternary"), names, strict=False))


def _electrode_levels(domain: str, x_average: bool) -> list[str]:
    """The domains above a particle: its electrode (unless x-averaged), the current collector."""
    return ["current collector"] if x_average else [f"{domain} electrode", "current collector"]


def shell_coordinate(
    domain: str, phase_name: str = "", edges: bool = False, x_average: bool = False
):
    """The Landau coordinate xi on the shell domain of ``domain`` (nodes or edges), per
    x on the electrode or, with ``x_average``, of the x-averaged particle."""
    cls = pybamm.SpatialVariableEdge if edges else pybamm.SpatialVariable
    return cls(
        f"xi_{domain[0]}{_PHASE_SUFFIX[phase_name]}",
        domains=_domains(shell_domain(domain, phase_name), *_electrode_levels(domain, x_average)),
        coord_sys="cartesian",
    )


def particle_coordinate(
    domain: str, phase_name: str = "", x_average: bool = False, over_shell: bool = False
):
    """PyBaMM's radial coordinate r [m] on its particle domain (``"negative particle"``,
    r in [0, R]), above it the electrode (unless ``x_average``) and the current
    collector. With ``over_shell`` it is repeated over the shell nodes (the shell domain
    inserted as secondary): the space of the shell-to-particle interpolation
    (``BaseShrinkingCore._particle_profile``)."""
    shell = [shell_domain(domain, phase_name)] if over_shell else []
    return pybamm.SpatialVariable(
        f"r_{domain[0]}{_PHASE_SUFFIX[phase_name]}",
        domains=_domains(
            f"{domain} {phase_name}particle", *shell, *_electrode_levels(domain, x_average)
        ),
        coord_sys="spherical polar",
    )


class ShellMeshDefaults(NamedTuple):
    """What the shell domains add to a model's ``default_*`` dictionaries."""

    geometry: dict
    var_pts: dict
    submesh_types: dict
    spatial_methods: dict


class ShellSubMesh(pybamm.Uniform1DSubMesh):
    """PyBaMM's uniform submesh of a shell domain, refusing fewer than ``least`` cells
    (:data:`MIN_SHELL_POINTS` of the particle variant) with a named error as the mesh is
    built, before any discretisation or solve."""

    def __init__(self, lims, npts, least: int = 1):
        from .validation import ArgumentError

        for name, points in npts.items():
            if name.startswith("xi_") and (
                isinstance(points, bool)
                or not isinstance(points, numbers.Integral)
                or points < least
            ):
                raise ArgumentError(
                    f"var_pts of the shell coordinate {name!r}", points, f"an integer >= {least}"
                )
        super().__init__(lims, npts)


def shell_mesh_defaults(domain_phases, variant: str = "full") -> ShellMeshDefaults:
    """Geometry, mesh points, submesh types and spatial methods for shell domains.

    ``domain_phases`` is an iterable of ``(domain, phase_name)`` pairs; ``variant`` the
    ``"alloy particle"`` option, which sets the fewest shell cells
    (:class:`ShellSubMesh`). Each returned dictionary is merged into the corresponding
    ``default_*`` of a model.
    """
    submesh = pybamm.MeshGenerator(ShellSubMesh, {"least": MIN_SHELL_POINTS[variant]})
    defaults = ShellMeshDefaults({}, {}, {}, {})
    for domain, phase_name in domain_phases:
        name = shell_domain(domain, phase_name)
        xi = shell_coordinate(domain, phase_name)
        defaults.geometry[name] = {xi: {"min": 0, "max": 1}}
        defaults.var_pts[xi] = DEFAULT_SHELL_POINTS
        defaults.submesh_types[name] = submesh
        defaults.spatial_methods[name] = pybamm.FiniteVolume()
    return defaults
