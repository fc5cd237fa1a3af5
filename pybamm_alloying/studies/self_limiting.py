"""Self-limiting lithiation: a particle held at a potential until its front stops.

The front stops where the stress penalty closes the driving force (model.md §3):

    dmu_sigma(q*) / F = U(c_eq / c_max) - U(c_ext / c_max)

with c_ext the shell composition of the held potential. :func:`arrest_fraction` solves
this closed form; :func:`self_limiting_lithiation` runs the single-particle model for
each particle size and reports where and when the front stopped.
"""

import numpy as np
import pandas as pd
import pybamm
from scipy.optimize import brentq

from ..geometry import geometry_exponent
from ..models.particle_lithiation import DOMAIN, ParticleLithiation, surface_concentration
from ..submodels.parameters import AlloyParameters
from ..submodels.stress import shell_volume_ratio, stress_penalty

#: The front has arrested once its converted fraction is within this fraction of its
#: final value; the time it first gets there is the arrest time.
ARREST_TOLERANCE = 0.01

#: Hold length in units of the unstressed shrinking-core conversion time.
HOLD_CONVERSION_TIMES = 1e4



def _alloy():
    return AlloyParameters(pybamm.LithiumIonParameters().domain_params[DOMAIN].prim)


def _evaluate(parameter_values, symbol) -> float:
    return float(parameter_values.evaluate(symbol))


def _ocp(parameter_values, sto: float) -> float:
    phase = _alloy().phase_param
    T_ref = parameter_values["Reference temperature [K]"]
    return _evaluate(parameter_values, phase.U(pybamm.Scalar(sto), T_ref))


def arrest_fraction(parameter_values, potential: float, geometry: str = "spherical") -> float:
    """Converted volume fraction 1 - q* at which the closed-form driving force vanishes.

    Uses the shell's mean OCP (with PyBaMM's end asymptotes, as the model does) at the
    reference temperature; 1 - q_min if the front reaches the residual core first.
    """
    m = geometry_exponent(geometry)
    alloy = _alloy()
    c_max, c_eq, beta, yield_strength, phi, q_min = (
        _evaluate(parameter_values, symbol)
        for symbol in (
            alloy.c_max, alloy.c_eq, alloy.beta, alloy.yield_strength, alloy.phi, alloy.q_min
        )
    )
    c_ext = surface_concentration(parameter_values, potential)
    drive = _ocp(parameter_values, c_eq / c_max) - _ocp(parameter_values, c_ext / c_max)
    beta_s = shell_volume_ratio(beta, c_eq, c_max)

    def closing(q: float) -> float:
        sigma = q ** (1 / (m + 1))
        penalty = stress_penalty(sigma, beta_s, yield_strength, phi, c_eq, geometry)
        return penalty / pybamm.constants.F.value - drive

    q_start = 1 - 1e-9
    if closing(q_min) <= 0:
        return 1 - q_min
    if closing(q_start) >= 0:
        return 0.0
    return 1 - brentq(closing, q_min, q_start, xtol=1e-12)


def _conversion_time(parameter_values, radius: float, c_ext: float) -> float:
    """Unstressed shrinking-core time to convert a film of thickness R: interface and
    shell resistances in series (model.md §5)."""
    alloy = _alloy()
    T = pybamm.Scalar(parameter_values["Reference temperature [K]"])
    c_eq = _evaluate(parameter_values, alloy.c_eq)
    excess = (c_ext - c_eq) / (c_eq - _evaluate(parameter_values, alloy.c_core))
    D = _evaluate(parameter_values, alloy.phase_param.D(alloy.c_eq, T))
    k_i = _evaluate(parameter_values, alloy.k_i(T))
    return radius / (k_i * excess) + radius**2 / (2 * D * excess)


def self_limiting_lithiation(
    parameter_values,
    diameters,
    potential: float = 0.0,
    geometry: str = "spherical",
) -> pd.DataFrame:
    """Hold particles of each diameter [m] at ``potential`` [V vs the carrier metal].

    Runs :class:`~pybamm_alloying.ParticleLithiation` with ``"alloy stress":
    "plastic"`` (full shell model) for ``HOLD_CONVERSION_TIMES`` unstressed conversion
    times. Returns one row per diameter: ``arrest fraction`` (converted volume fraction
    at the end), ``closed-form arrest fraction`` (:func:`arrest_fraction`),
    ``penetration depth [m]`` (R - s at the end, reference frame), ``arrest time [s]``
    (first time the fraction is within ``ARREST_TOLERANCE`` of its end value) and
    ``arrested`` (the front stopped before the residual core).
    """
    c_ext = surface_concentration(parameter_values, potential)
    closed_form = arrest_fraction(parameter_values, potential, geometry)
    q_min = _evaluate(parameter_values, _alloy().q_min)
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
        model = ParticleLithiation(
            {"alloy stress": "plastic", "alloy geometry": geometry}
        )
        t_end = HOLD_CONVERSION_TIMES * _conversion_time(values, radius, c_ext)
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
                "closed-form arrest fraction": closed_form,
                "penetration depth [m]": radius - core[-1],
                "arrest time [s]": solution.t[reached],
                "arrested": bool(1 - fraction[-1] > 10 * q_min),
            }
        )
    return pd.DataFrame(rows)
