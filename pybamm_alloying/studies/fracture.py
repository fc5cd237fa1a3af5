"""Critical size for fracture of the lithiated shell (docs/fracture.md).

A particle held at a potential lithiates until its front stops at the self-limiting
arrest (:func:`~pybamm_alloying.studies.self_limiting.arrest_fraction`). Along the way
the energy release rate G of the worst surface crack in the shell's tensile layer
(:func:`~pybamm_alloying.submodels.fracture.energy_release_rate`) grows with the shell;
the particle fractures if G reaches the shell's fracture energy Gamma before the front
stops. :func:`critical_fracture_diameter` finds the smallest diameter that does. These
sizes are predictions from measured or estimated material values, not calibrated.
"""

import numpy as np

from ..geometry import geometry_exponent
from ..submodels.fracture import energy_release_rate
from ..validation import ArgumentError
from .self_limiting import HeldParticle, boundary_diameter

#: Unconverted fractions sampled between the arrest and the pristine particle when G is
#: maximised along the lithiation path.
PATH_POINTS = 200

#: Diameters per decade of the scan for the first size that fractures (then bisected).
SCAN_PER_DECADE = 8


class HeldShell:
    """The shell of a set's particle held at ``potential`` [V vs the carrier metal], with
    the set's numbers evaluated once: its largest fracture index on the way to the
    front's arrest (:class:`~pybamm_alloying.studies.self_limiting.HeldParticle`)."""

    def __init__(self, parameter_values, geometry: str = "spherical", potential: float = 0.0):
        self.particle = HeldParticle(parameter_values, potential, geometry)
        self.geometry = geometry
        values = self.particle.evaluated
        self.yield_strength = values.yield_strength
        self.modulus = values.shell_modulus
        self.poisson = values.shell_poisson
        self.fracture_energy = values.fracture_energy

    def maximum_index(self, diameter: float) -> float:
        """Largest G / Gamma at :data:`PATH_POINTS` converted fractions from 0 to the
        arrest fraction of a particle of ``diameter`` [m]; 0 for a film."""
        radius = diameter / 2
        converted = self.particle.arrest_fraction(radius)
        q = np.linspace(1 - converted, 1, PATH_POINTS)
        G = energy_release_rate(
            q ** (1 / (self.particle.m + 1)),
            self.particle.beta_s,
            radius,
            self.yield_strength,
            self.modulus,
            self.poisson,
            self.geometry,
        )
        return float(np.max(G)) / self.fracture_energy


def maximum_fracture_index(
    parameter_values, diameter: float, geometry: str = "spherical", potential: float = 0.0
) -> float:
    """Largest G / Gamma along a lithiation held at ``potential`` until the front stops
    (:meth:`HeldShell.maximum_index`)."""
    return HeldShell(parameter_values, geometry, potential).maximum_index(diameter)


def critical_fracture_diameter(
    parameter_values,
    geometry: str = "spherical",
    potential: float = 0.0,
    bounds: tuple[float, float] = (1e-9, 1e-3),
) -> float:
    """Smallest diameter [m] whose shell fractures during a lithiation held at ``potential``.

    The fracture index G/Gamma, maximised along the path to the self-limiting arrest
    (:func:`maximum_fracture_index`), first reaches 1 at this size: scanned on
    :data:`SCAN_PER_DECADE` diameters per decade over ``bounds`` [m], then bisected on
    log-diameter to 1e-4. ``inf`` if no size in ``bounds`` fractures (films always:
    their shell is compressive).
    """
    if not 0 < bounds[0] < bounds[1] < np.inf:
        raise ArgumentError("bounds", bounds, "(low, high) diameters [m], 0 < low < high, finite")
    if geometry_exponent(geometry) == 0:
        return np.inf
    shell = HeldShell(parameter_values, geometry, potential)

    def fractures(diameter: float) -> bool:
        return shell.maximum_index(diameter) >= 1

    low, high = bounds
    grid = np.geomspace(low, high, int(np.ceil(np.log10(high / low) * SCAN_PER_DECADE)) + 1)
    broken = [fractures(d) for d in grid]
    if not any(broken):
        return np.inf
    first = broken.index(True)
    if first == 0:
        return float(low)
    return boundary_diameter(fractures, grid[first - 1], grid[first])
