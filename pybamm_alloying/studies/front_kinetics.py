"""How fast a held particle's front runs, and how that compares with measured fronts.

A particle starting empty (core composition, residual shell) is held at a potential
vs the carrier metal (0 V by default: the surface pinned at the full shell, as in the
in-situ TEM and half-cell holds the measurements come from), unstressed and without
an SEI film, and :class:`~pybamm_alloying.ParticleLithiation` is solved. From the
simulated front:

* front speed = (R - s)/t when the front has crossed half the radius, s = R/2: the mean
  speed over the first half of the radius, the part of a conversion that imaging
  resolves;
* the time to 90 % conversion of the particle volume;
* Da = k_i R / D at the hold temperature.

Each parameter file lists the measurements its kinetics are tied to as
``[[front_measurement]]`` tables (``quantity``, ``value``, ``radius``, ``geometry``,
``potential``, ``temperature``, ``source``); :func:`front_comparison` sets the model's
number beside each (docs/couples.md).
"""

from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd
import pybamm

from ..models.particle_lithiation import ParticleLithiation, surface_concentration
from ..parameters.loader import read_couple
from ..regime import conversion_time
from ..submodels.alloy_parameters import EvaluatedParticle
from ..validation import validate

#: Quantities a ``[[front_measurement]]`` may name, and the :class:`HeldFront` field each is.
MEASURED_QUANTITIES = {
    "front speed [m.s-1]": "front_speed",
    "time to 90 % conversion [s]": "conversion_time_90",
}

#: Holds are extended by this factor until the particle passes 90 % conversion.
_EXTENSION = 10.0
_MAX_EXTENSIONS = 4


@dataclass(frozen=True)
class HeldFront:
    """The simulated front of one held particle (SI units)."""

    radius: float
    geometry: str
    potential: float
    temperature: float
    front_speed: float
    conversion_time_90: float
    damkohler: float

    def as_series(self) -> pd.Series:
        return pd.Series(asdict(self))


def _hold_past_90(model, values, t_end: float, label: str):
    """(solution, converted fraction) of a hold lengthened by ``_EXTENSION`` until the
    particle passes 90 % conversion; RuntimeError after ``_MAX_EXTENSIONS`` tries."""
    for _ in range(_MAX_EXTENSIONS):
        t = np.concatenate([[0], np.logspace(-5, 0, 500) * t_end])
        solution = pybamm.Simulation(model, parameter_values=values).solve(t[[0, -1]], t_interp=t)
        converted = np.ravel(solution["Negative lithiated fraction"].entries)
        if converted[-1] > 0.9:
            return solution, converted
        t_end *= _EXTENSION
    raise RuntimeError(
        f"the held particle ({label}) did not reach 90 % conversion in {t_end:.3g} s"
    )


def held_front(
    parameter_values,
    radius: float | None = None,
    geometry: str = "spherical",
    potential: float = 0.0,
    temperature: float | None = None,
) -> HeldFront:
    """Hold an empty particle at ``potential`` [V vs the carrier metal] and measure its front.

    Parameters
    ----------
    parameter_values : pybamm.ParameterValues
        A shipped set (its negative electrode is the alloy).
    radius : float, optional
        Particle radius (nanowire radius, film thickness) [m]; the set's own by default.
    geometry : str
        ``"spherical"``, ``"cylindrical"`` or ``"planar"``.
    potential : float
        Hold potential [V vs the carrier metal], below the empty shell's OCP.
    temperature : float, optional
        Particle temperature [K]; the set's reference temperature by default.
    """
    values = parameter_values.copy()
    R = values["Negative particle radius [m]"] if radius is None else float(radius)
    T = values["Reference temperature [K]"] if temperature is None else float(temperature)
    c_ext = surface_concentration(values, potential)
    values.update(
        {
            "Negative particle radius [m]": R,
            "Initial temperature [K]": T,
            "Ambient temperature [K]": T,
            "Particle surface concentration [mol.m-3]": c_ext,
            "Initial concentration in negative electrode [mol.m-3]": values[
                "Negative electrode core concentration [mol.m-3]"
            ],
        },
        check_already_exists=False,
    )
    model = ParticleLithiation({"alloy geometry": geometry})
    validate(values, model)
    t_end = sum(conversion_time(values, 0.9, c_ext, R, geometry, sei=False))
    solution, converted = _hold_past_90(model, values, t_end, f"R = {R:.3g} m, {geometry}")
    core = np.ravel(solution["Negative core radius [m]"].entries)
    half = float(np.interp(R / 2, core[::-1], solution.t[::-1]))
    return HeldFront(
        radius=R,
        geometry=geometry,
        potential=potential,
        temperature=T,
        front_speed=(R / 2) / half,
        conversion_time_90=float(np.interp(0.9, converted, solution.t)),
        damkohler=EvaluatedParticle(values, T, R).damkohler,
    )


def front_measurements(name: str) -> list[dict]:
    """The ``[[front_measurement]]`` entries of parameter set ``name``."""
    entries = read_couple(name).get("front_measurement", [])
    for entry in entries:
        if entry["quantity"] not in MEASURED_QUANTITIES:
            raise ValueError(
                f"front measurement quantity of {name!r} must be one of "
                f"{sorted(MEASURED_QUANTITIES)}, not {entry['quantity']!r}"
            )
    return entries


def front_comparison(name: str) -> pd.DataFrame:
    """Each measurement set ``name`` is tied to, beside the model's number for it.

    One row per ``[[front_measurement]]``: the measured and the modelled value, their
    ratio (model / measured) and the hold (radius, geometry, potential, temperature).
    """
    parameter_values = pybamm.ParameterValues(name)
    rows = []
    for entry in front_measurements(name):
        front = held_front(
            parameter_values,
            entry["radius"],
            entry["geometry"],
            entry.get("potential", 0.0),
            entry.get("temperature"),
        )
        model = getattr(front, MEASURED_QUANTITIES[entry["quantity"]])
        rows.append(
            {
                "couple": name,
                "quantity": entry["quantity"],
                "measured": entry["value"],
                "model": model,
                "model / measured": model / entry["value"],
                "radius [m]": entry["radius"],
                "geometry": entry["geometry"],
                "potential [V]": front.potential,
                "temperature [K]": front.temperature,
                "source": entry["source"],
            }
        )
    return pd.DataFrame(rows)


def front_table(name: str, radii=(1e-7, 1e-6, None), geometry: str = "spherical") -> pd.DataFrame:
    """Front speed, time to 90 % conversion and Da of set ``name`` at each radius [m]
    (``None``: the set's default), held at 0 V vs the carrier metal."""
    parameter_values = pybamm.ParameterValues(name)
    rows = [held_front(parameter_values, r, geometry).as_series() for r in radii]
    return pd.DataFrame(rows).assign(couple=name)


def kinetics_overview(names=None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(fronts, measurements) of every shipped couple for docs/couples.md.

    ``fronts``: front speed [nm/s], time to 90 % conversion [s] and Da at 100 nm, 1 um and
    the default radius (sphere, 0 V); ``measurements``: :func:`front_comparison` of each.
    """
    from ..parameters.loader import couple_names

    names = couple_names() if names is None else names
    fronts = pd.concat([front_table(name) for name in names], ignore_index=True)
    fronts = pd.DataFrame(
        {
            "couple": fronts["couple"],
            "regime": [read_couple(n)["regime"]["value"] for n in fronts["couple"]],
            "radius [nm]": fronts["radius"] * 1e9,
            "front speed [nm/s]": fronts["front_speed"] * 1e9,
            "time to 90 % conversion [s]": fronts["conversion_time_90"],
            "Da": fronts["damkohler"],
        }
    )
    measurements = pd.concat([front_comparison(name) for name in names], ignore_index=True)
    return fronts, measurements
