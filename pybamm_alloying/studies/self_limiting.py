"""Self-limiting lithiation: a particle held at a potential until its front stops.

The front stops where the stress penalty closes the driving force (docs/theory.md §10):

    dmu_sigma(q*) / F = U(c_eq / c_max) - U(c_ext / c_max)

with c_ext the shell composition of the held potential. The front's Laplace pressure
m gamma / (a + delta) lowers dmu_sigma in proportion to the curvature, so small particles
are carried through the arrest: the size effect. :func:`arrest_fraction` solves this
closed form, :func:`critical_full_lithiation_diameter` finds the size below which the
front goes through; :func:`self_limiting_lithiation` runs the single-particle model for
each particle size and reports where and when the front stopped.
"""

import numpy as np
import pandas as pd
import pybamm
from scipy.optimize import brentq

from ..geometry import geometry_exponent
from ..models.particle_lithiation import ParticleLithiation, surface_concentration
from ..regime import conversion_time
from ..submodels.alloy_parameters import EvaluatedParticle
from ..submodels.stress import (
    front_laplace_pressure,
    interface_mean_stresses,
    shell_volume_ratio,
)
from ..validation import ArgumentError, check_number, validate_parameter_values

#: The front has arrested once its converted fraction is within this fraction of its
#: final value; the time it first gets there is the arrest time.
ARREST_TOLERANCE = 0.01

#: Hold length in units of the unstressed shrinking-core conversion time.
HOLD_CONVERSION_TIMES = 1e4

#: A particle counts as fully lithiated above this converted fraction (the observations
#: of size-dependent arrest report "fully lithiated" from TEM contrast).
FULL_LITHIATION = 0.95

#: Points of the scan for the first zero of the closing potential (geometric from q = 1).
ARREST_SCAN_POINTS = 4000


#: The parameter that makes a set's front a conversion front (docs/theory.md section 13).
CONVERSION_RATIO = "Negative electrode conversion volume expansion ratio"


def _ocp(particle: EvaluatedParticle, sto: float) -> float:
    phase = particle.alloy.phase_param
    return particle.value(phase.U(pybamm.Scalar(sto), particle.temperature))


def held_shell_volume_ratio(parameter_values, particle: EvaluatedParticle) -> float:
    """beta_s of the front's shell (:func:`~pybamm_alloying.submodels.stress.shell_volume_ratio`):
    the converted composite's for a set with a conversion volume expansion ratio
    (c_conv, beta_conv from the set; beta_conv checked in (1, beta]), the alloy's
    otherwise."""
    p = particle
    if CONVERSION_RATIO not in parameter_values.keys():
        return shell_volume_ratio(p.beta, p.c_eq, p.c_max)
    c_conv = float(parameter_values["Negative electrode conversion concentration [mol.m-3]"])
    beta_conv = float(parameter_values[CONVERSION_RATIO])
    check_number(
        CONVERSION_RATIO,
        beta_conv,
        1,
        p.beta,
        closed="(]",
        hint=": the converted composite "
        "swells the oxide, at most to its full lithiation (the volume expansion ratio)",
    )
    return shell_volume_ratio(p.beta, p.c_eq, p.c_max, beta_conv, c_conv)


class HeldParticle:
    """A set's particle held at ``potential`` [V vs the carrier metal]: the closed form of
    its front's arrest (docs/theory.md §10), with the set's numbers evaluated once so
    that size sweeps cost a few milliseconds per size."""

    def __init__(self, parameter_values, potential: float = 0.0, geometry: str = "spherical"):
        validate_parameter_values(parameter_values)
        self.evaluated = p = EvaluatedParticle(parameter_values)
        c_ext = surface_concentration(parameter_values, potential)
        self.drive = _ocp(p, p.c_eq / p.c_max) - _ocp(p, c_ext / p.c_max)
        self.beta_s = held_shell_volume_ratio(parameter_values, p)
        self.geometry = geometry
        self.m = geometry_exponent(geometry)

    def interface_stresses(self, q, radius: float):
        """(core, shell at the interface) mean stresses [Pa] at the unconverted fraction q
        of a particle of ``radius`` [m], with the front's Laplace pressure
        (:func:`~pybamm_alloying.submodels.stress.interface_mean_stresses`)."""
        p = self.evaluated
        sigma = np.asarray(q) ** (1 / (self.m + 1))
        laplace = front_laplace_pressure(
            sigma * radius, p.interface_energy, p.interface_width, self.geometry
        )
        return interface_mean_stresses(
            sigma, self.beta_s, p.yield_strength, p.phi, self.geometry, laplace
        )

    def closing_potential(self, q, radius: float):
        """f(q) = dmu_sigma(q)/F - [U(c_eq/c_max) - U(c_ext/c_max)] [V] at the unconverted
        fraction q of a particle of ``radius`` [m], dmu_sigma = (sigma_core - beta_s
        sigma_shell) / c_eq: the front advances where f < 0 and stops where f = 0."""
        core, shell = self.interface_stresses(q, radius)
        penalty = (core - self.beta_s * shell) / self.evaluated.c_eq
        return penalty / pybamm.constants.F.value - self.drive

    def arrest_fraction(self, radius: float) -> float:
        """Converted fraction 1 - q* at the first zero of the closing potential met from
        the surface inward; 1 - q_min if the front reaches the residual core first."""
        q_min = self.evaluated.q_min
        q = 1 - np.geomspace(1e-9, 1 - q_min, ARREST_SCAN_POINTS)
        stopped = np.flatnonzero(self.closing_potential(q, radius) >= 0)
        if stopped.size == 0:
            return 1 - q_min
        if stopped[0] == 0:
            return 0.0
        return 1 - brentq(
            self.closing_potential, q[stopped[0]], q[stopped[0] - 1], args=(radius,), xtol=1e-12
        )


def arrest_fraction(
    parameter_values,
    potential: float,
    geometry: str = "spherical",
    radius: float | None = None,
) -> float:
    """Converted volume fraction 1 - q* at which the front first stops, q falling from 1.

    q* is the first zero of the closing potential (:meth:`HeldParticle.closing_potential`)
    met from the particle's surface inward: the front's Laplace pressure makes the
    penalty non-monotonic, so the front can stop although a smaller core would again be
    driven. Uses the shell's mean OCP (with PyBaMM's end asymptotes, as the model does)
    at the reference temperature, the set's particle radius unless ``radius`` [m] is
    given, and 1 - q_min if the front reaches the residual core first.
    """
    if radius is None:
        radius = float(parameter_values["Negative particle radius [m]"])
    check_number("radius [m]", radius, 0)
    return HeldParticle(parameter_values, potential, geometry).arrest_fraction(radius)


def boundary_diameter(changes, low: float, high: float, rtol: float = 1e-4) -> float:
    """The diameter [m] in (low, high) where ``changes(diameter)`` turns from False to
    True, bisected on log-diameter to ``rtol``; ``changes(low)`` must be False and
    ``changes(high)`` True."""
    while high / low > 1 + rtol:
        middle = np.sqrt(low * high)
        low, high = (low, middle) if changes(middle) else (middle, high)
    return float(np.sqrt(low * high))


def critical_full_lithiation_diameter(
    parameter_values,
    potential: float = 0.0,
    geometry: str = "spherical",
    full: float = FULL_LITHIATION,
    bounds: tuple[float, float] = (1e-9, 1e-4),
) -> float:
    """Largest diameter [m] whose front, held at ``potential``, converts more than ``full``.

    Bisects the arrest fraction on log-diameter: below it the Laplace pressure of the
    curved front carries the front through the stress arrest. ``inf`` if even the upper
    bound lithiates fully (no arrest at any size), 0 if the lower bound arrests.
    """
    check_number("full", full, 0, 1, error=ArgumentError)
    particle = HeldParticle(parameter_values, potential, geometry)

    def arrests(diameter: float) -> bool:
        return particle.arrest_fraction(diameter / 2) <= full

    low, high = bounds
    if not arrests(high):
        return np.inf
    if arrests(low):
        return 0.0
    return boundary_diameter(arrests, low, high)


def self_limiting_lithiation(
    parameter_values,
    diameters,
    potential: float = 0.0,
    geometry: str = "spherical",
) -> pd.DataFrame:
    """Hold particles of each diameter [m] at ``potential`` [V vs the carrier metal].

    Runs :class:`~pybamm_alloying.ParticleLithiation` with ``"alloy stress":
    "plastic"`` (full shell model) for ``HOLD_CONVERSION_TIMES`` unstressed conversion
    times (:func:`~pybamm_alloying.regime.conversion_time` of a film of thickness R
    without SEI film). Returns one row per diameter: ``arrest fraction`` (converted volume fraction
    at the end), ``closed-form arrest fraction`` (:func:`arrest_fraction`),
    ``penetration depth [m]`` (R - s at the end, reference frame), ``arrest time [s]``
    (first time the fraction is within ``ARREST_TOLERANCE`` of its end value) and
    ``arrested`` (the front stopped before the residual core).
    """
    for diameter in diameters:
        check_number("diameter [m]", diameter, 0)
    c_ext = surface_concentration(parameter_values, potential)
    q_min = EvaluatedParticle(parameter_values).q_min
    rows = []
    for diameter in diameters:
        radius = diameter / 2
        values = parameter_values.copy()
        values.update(
            {
                "Negative particle radius [m]": radius,
                "Particle surface concentration [mol.m-3]": c_ext,
            },
            check_already_exists=False,
        )
        model = ParticleLithiation({"alloy stress": "plastic", "alloy geometry": geometry})
        t_end = HOLD_CONVERSION_TIMES * sum(
            conversion_time(values, 1.0, c_ext, radius, "planar", sei=False)
        )
        solution = pybamm.Simulation(model, parameter_values=values).solve(
            np.concatenate([[0], np.logspace(-6, 0, 400) * t_end])
        )
        fraction = np.ravel(solution["Negative lithiated fraction"].entries)
        core = np.ravel(solution["Negative core radius [m]"].entries)
        reached = np.flatnonzero(fraction >= (1 - ARREST_TOLERANCE) * fraction[-1])[0]
        rows.append(
            {
                "diameter [m]": diameter,
                "arrest fraction": fraction[-1],
                "closed-form arrest fraction": arrest_fraction(
                    parameter_values, potential, geometry, radius
                ),
                "penetration depth [m]": radius - core[-1],
                "arrest time [s]": solution.t[reached],
                "arrested": bool(1 - fraction[-1] > 10 * q_min),
            }
        )
    return pd.DataFrame(rows)
