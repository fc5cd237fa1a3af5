"""Lithiation hold: one particle held at a potential, its front, rate law and regime.

An empty particle (core composition) of a shipped couple is held at ``potential`` [V vs
the carrier metal], its surface pinned at the shell composition of that potential
(:func:`~pybamm_alloying.surface_concentration`), for two unstressed conversion times
(:func:`~pybamm_alloying.regime.conversion_time`) with
:class:`~pybamm_alloying.ParticleLithiation`. The front's L - L0 = A t^n is fitted
(:func:`~pybamm_alloying.fit_rate_law`, docs/theory.md §8) and the regime named from the
front and from the parameters (:func:`~pybamm_alloying.regime.regime_from_parameters`).
Under stress the front can stop short (self-limiting lithiation, docs/theory.md §10):
a hold that ends below :data:`~pybamm_alloying.studies.self_limiting.FULL_LITHIATION`
is reported as arrested, with where and when it stopped.
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pybamm

from ..models import ParticleLithiation, surface_concentration
from ..rate_law import RateLaw, fit_rate_law
from ..regime import conversion_time, regime_from_parameters, regime_from_solution
from ..validation import ArgumentError, validate
from .regime_table import REGIME_HEADERS
from .self_limiting import ARREST_TOLERANCE, FULL_LITHIATION, arrest_fraction

#: Output times of the hold.
HOLD_POINTS = 1000


@dataclass
class LithiationHold:
    """What :func:`lithiation_hold` returns: the front against time (``"Time [s]"``,
    ``"Shell thickness [m]"``, ``"Lithiated fraction"``), its rate law (None for an
    arrested front that hardly moved), whether it arrested, and the summary (JSON-ready:
    an infinite number is None)."""

    front: pd.DataFrame
    fit: RateLaw | None
    arrested: bool
    summary: dict


def hold_values(parameter_set: str, potential: float, radius: float | None = None, options=None):
    """(values, model) of the hold, checked before any solve: ``potential`` in [0, the
    two-phase potential) with a shell composition above c_eq, then the options and the
    values (:func:`~pybamm_alloying.validate`); raises ``ValueError`` or
    :class:`pybamm.OptionError` naming what is wrong."""
    values = pybamm.ParameterValues(parameter_set)
    if radius is not None:
        values["Negative particle radius [m]"] = radius
    plateau = values["Negative electrode two-phase potential [V]"]
    allowed = (
        f"in [0, {plateau:g}) V vs the carrier metal for {parameter_set} (below 0 V the "
        f"metal plates; at or above the two-phase potential {plateau:g} V the particle "
        "would not lithiate)"
    )
    if not 0 <= potential < plateau:
        raise ArgumentError("potential", potential, allowed)
    try:
        c_ext = surface_concentration(values, potential)
    except ValueError:
        c_ext = -np.inf
    if c_ext <= values["Negative electrode shell equilibrium concentration [mol.m-3]"]:
        raise ArgumentError("potential", potential, allowed)
    model = ParticleLithiation(options)
    values.update(
        {
            "Particle surface concentration [mol.m-3]": c_ext,
            "Initial concentration in negative electrode [mol.m-3]": values[
                "Negative electrode core concentration [mol.m-3]"
            ],
        },
        check_already_exists=False,
    )
    validate(values, model)
    return values, model


def _front(values, model, geometry: str, sei: bool) -> tuple[pd.DataFrame, pybamm.Solution]:
    """The front over two unstressed conversion times of the held particle."""
    c_ext = values["Particle surface concentration [mol.m-3]"]
    t_end = 2 * sum(conversion_time(values, 1.0, c_ext, geometry=geometry, sei=sei))
    if not (np.isfinite(t_end) and t_end > 0):
        raise RuntimeError(f"the hold would last {t_end:g} s: no conversion time to hold for")
    t = np.linspace(0, t_end, HOLD_POINTS)
    solution = pybamm.Simulation(model, parameter_values=values).solve(t[[0, -1]], t_interp=t)
    front = pd.DataFrame(
        {
            "Time [s]": solution.t,
            "Shell thickness [m]": np.ravel(solution["Negative shell thickness [m]"].entries),
            "Lithiated fraction": np.ravel(solution["Negative lithiated fraction"].entries),
        }
    )
    return front, solution


def arrest(front: pd.DataFrame) -> dict:
    """Where and when an arrested front stopped: its last shell thickness and lithiated
    fraction, and the first time its growth is within ``ARREST_TOLERANCE`` of the end."""
    thickness = front["Shell thickness [m]"].to_numpy()
    growth = thickness - thickness[0]
    reached = np.flatnonzero(growth >= (1 - ARREST_TOLERANCE) * growth[-1])[0]
    return {
        "front arrested": True,
        "arrest shell thickness [m]": float(thickness[-1]),
        "arrest lithiated fraction": float(front["Lithiated fraction"].iloc[-1]),
        "arrest time [s]": float(front["Time [s]"].iloc[reached]),
    }


def _estimated(header: str) -> str:
    """``"radius [m]"`` -> ``"radius (parameters) [m]"``: a regime field as estimated
    from the parameters, beside what the simulated front gives."""
    name, bracket, unit = header.partition(" [")
    return f"{name} (parameters){bracket}{unit}"


def lithiation_hold(
    parameter_set: str, potential: float = 0.05, radius: float | None = None, options=None
) -> LithiationHold:
    """Hold one empty particle of ``parameter_set`` at ``potential`` [V vs the carrier
    metal] (the module docstring); ``radius`` [m] the set's by default; ``options`` of
    :class:`~pybamm_alloying.ParticleLithiation` (planar by default)."""
    options = {"alloy geometry": "planar", **(options or {})}
    geometry, sei = options["alloy geometry"], options.get("alloy SEI transport") == "film"
    values, model = hold_values(parameter_set, potential, radius, options)
    c_ext = values["Particle surface concentration [mol.m-3]"]
    estimate = regime_from_parameters(
        values, geometry=geometry, surface_concentration=c_ext, sei=sei
    )
    front, solution = _front(values, model, geometry, sei)
    final = float(front["Lithiated fraction"].iloc[-1])
    arrested = options.get("alloy stress", "none") != "none" and final < FULL_LITHIATION
    try:
        fit = fit_rate_law(front["Time [s]"], front["Shell thickness [m]"])
    except ValueError:
        if not arrested:
            raise
        fit = None  # the front did not move enough to fit
    summary = {
        "parameter set": parameter_set,
        "potential [V]": potential,
        "geometry": geometry,
        "fitted exponent": None if fit is None else fit.n,
        "exponent 95% half-width": None if fit is None else fit.n_ci95,
        "regime (front)": "arrested (self-limited)" if arrested else regime_from_solution(solution),
        **{_estimated(REGIME_HEADERS[k]): v for k, v in estimate.as_series().items()},
        "final lithiated fraction": final,
        "front arrested": False,
    }
    if arrested:
        summary.update(arrest(front))
        if options.get("alloy SEI transport", "none") == "none":
            summary["closed-form arrest fraction"] = arrest_fraction(
                values, potential, geometry, values["Negative particle radius [m]"]
            )
    summary = {  # JSON has no infinity: no SEI film gives Bi = inf, written null
        key: None if isinstance(value, float) and not np.isfinite(value) else value
        for key, value in summary.items()
    }
    return LithiationHold(front, fit, arrested, summary)
