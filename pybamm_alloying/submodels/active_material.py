"""Active material of an electrode whose particles are cylinders or films."""

import pybamm

from ..geometry import geometry_exponent


class ShapedSurfaceArea:
    """Mixin for PyBaMM's active-material submodels: the surface area of the particle shape.

    PyBaMM computes a = 3 eps_s / R (spheres). A body with the radial exponent m has
    a = (m + 1) eps_s / R: 2 eps_s / R for nanowires of radius R and eps_s / R for films
    of half-thickness R. The sphere is left exactly as PyBaMM has it.
    """

    def _set_shape(self, geometry: str) -> None:
        self.shape_factor = (geometry_exponent(geometry) + 1) / 3

    def get_fundamental_variables(self):
        variables = super().get_fundamental_variables()
        if self.shape_factor == 1:
            return variables
        domain, Domain = self.domain_Domain
        for name in (
            f"{Domain} electrode {self.phase_name}surface area to volume ratio [m-1]",
            f"X-averaged {domain} electrode {self.phase_name}surface area to volume ratio [m-1]",
        ):
            variables[name] = self.shape_factor * variables[name]
        return variables


class ShapedActiveMaterial(ShapedSurfaceArea, pybamm.active_material.Constant):
    """PyBaMM's constant active material with the surface area of the particle shape."""

    def __init__(self, param, domain, options, phase="primary", geometry="spherical"):
        super().__init__(param, domain, options, phase)
        self._set_shape(geometry)
