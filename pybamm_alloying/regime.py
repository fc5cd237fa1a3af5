"""Which step limits an alloy particle: SEI film, shell diffusion or interface reaction.

Quasi-steady shrinking core under a constant surface composition c_ext (model.md §5),
with drive dc = c_ext - c_eq and conversion content c_conv = c_eq - c_core. The three
resistances act in series, so their conversion times add (Levenspiel 1999, ch. 25)::

    t(sigma) = t_film + t_reaction + t_diffusion
    t_film      = (1 - sigma^(m+1)) R c_conv / ((m+1) k_f dc)        k_f = D_SEI / L_SEI
    t_reaction  = (1 - sigma) R c_conv / (k_i dc)
    t_diffusion = G_m(sigma) R^2 c_conv / (D dc)
    G_0 = (1 - sigma)^2 / 2,   G_1 = (1 - sigma^2 + 2 sigma^2 ln sigma) / 4,
    G_2 = 1/6 - sigma^2/2 + sigma^3/3

with G_m(sigma) = int_sigma^1 x^m phi(x) dx (``geometry.radial_integral``). The
characteristic times are their values at full conversion (sigma = 0). Damkohler number
Da = k_i R / D, SEI Biot number Bi = k_f R / D. The controlling step follows from the
exponent n of L = R (1 - sigma) against t, fitted over the same window as a simulated
front (:func:`pybamm_alloying.fit_rate_law`): DCR for n <= 0.6; for n >= 0.8 the front is
linear and the larger of the film and interface times names it (SEI-limited or ICR);
mixed in between. The exponent is that of a film of half-thickness R with the same
k_i, D and k_f, whatever the geometry: curvature alone bends a sphere's front (pure
diffusion control gives n = 0.60 on a sphere, a pure film n = 1.56), which would hide
the controlling step. Fit simulated fronts on films too.

The diffusion-limited C-rate is the rate at which the particle's whole conversion time,
at the largest drive the shell allows (c_ext = c_max), equals the time the C-rate
leaves: C_lim = 3600 s / t_total(c_ext = c_max).
"""

from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd
import pybamm

from .geometry import geometry_exponent, natural_log
from .rate_law import DCR_MAX_EXPONENT, ICR_MIN_EXPONENT, fit_rate_law
from .submodels.parameters import AlloyParameters
from .submodels.sei_transport import film_rate_constant

#: Points along the conversion at which the analytic front is sampled for the fit.
_SAMPLES = 400


def _diffusion_integral(sigma, m: int):
    """G_m(sigma) = int_sigma^1 x^m phi(x) dx."""
    if m == 0:
        return (1 - sigma) ** 2 / 2
    if m == 1:
        return (1 - sigma**2 + 2 * sigma**2 * natural_log(np.maximum(sigma, 1e-300))) / 4
    return 1 / 6 - sigma**2 / 2 + sigma**3 / 3


@dataclass(frozen=True)
class RegimeEstimate:
    """What :func:`regime_from_parameters` returns (times in s, C-rate in 1/h)."""

    radius: float
    film_time: float
    diffusion_time: float
    interface_time: float
    total_time: float
    damkohler: float
    sei_biot: float
    exponent: float
    regime: str
    limiting_c_rate: float

    def as_series(self) -> pd.Series:
        return pd.Series(asdict(self))


def classify(exponent: float, film_weight: float, interface_weight: float) -> str:
    """Regime from a front's exponent; a linear front is SEI-limited if the film outweighs
    the interface reaction, ICR otherwise."""
    if exponent <= DCR_MAX_EXPONENT:
        return "DCR"
    if exponent < ICR_MIN_EXPONENT:
        return "mixed"
    return "SEI-limited" if film_weight > interface_weight else "ICR"


class _Particle:
    """The numbers of one particle, evaluated from a parameter set."""

    def __init__(self, parameter_values, radius, geometry, sei):
        alloy = AlloyParameters(pybamm.LithiumIonParameters().n.prim)
        T = pybamm.Scalar(parameter_values["Reference temperature [K]"])

        def value(symbol):
            return float(parameter_values.evaluate(symbol))

        self.m = geometry_exponent(geometry)
        self.R = value(alloy.phase_param.R_typ) if radius is None else float(radius)
        self.c_max, self.c_eq = value(alloy.c_max), value(alloy.c_eq)
        self.c_conv = self.c_eq - value(alloy.c_core)
        self.D = value(alloy.phase_param.D(alloy.c_eq, T))
        self.k_i = value(alloy.k_i(T))
        self.k_f = value(film_rate_constant(alloy, alloy.L_sei_0)) if sei else np.inf

    def times(self, sigma, c_ext):
        """(film, interface, diffusion) times to bring the core to sigma [s]."""
        m, R, scale = self.m, self.R, self.c_conv / (c_ext - self.c_eq)
        return (
            (1 - sigma ** (m + 1)) * R * scale / ((m + 1) * self.k_f),
            (1 - sigma) * R * scale / self.k_i,
            _diffusion_integral(sigma, m) * R**2 * scale / self.D,
        )


def conversion_time(
    parameter_values,
    converted_fraction: float,
    surface_concentration: float,
    radius: float | None = None,
    geometry: str = "spherical",
    sei: bool = True,
    start: float = 0.0,
) -> tuple[float, float, float]:
    """(film, interface, diffusion) times [s] to convert from ``start`` to
    ``converted_fraction`` of the particle volume at the surface composition
    ``surface_concentration`` (quasi-steady; their sum is the conversion time)."""
    p = _Particle(parameter_values, radius, geometry, sei)

    def core(fraction):
        return (1 - fraction) ** (1 / (p.m + 1))

    end = p.times(core(converted_fraction), surface_concentration)
    begin = p.times(core(start), surface_concentration)
    return tuple(float(b - a) for a, b in zip(begin, end))


def regime_from_parameters(
    parameter_values,
    radius: float | None = None,
    geometry: str = "spherical",
    surface_concentration: float | None = None,
    sei: bool = True,
) -> RegimeEstimate:
    """Characteristic times, Da, Bi_SEI, controlling step and limiting C-rate.

    Parameters
    ----------
    parameter_values : pybamm.ParameterValues
        A shipped set (its negative electrode is the alloy).
    radius : float, optional
        Particle radius (or film half-thickness) [m]; the set's own by default.
    geometry : str
        ``"spherical"``, ``"cylindrical"`` or ``"planar"``.
    surface_concentration : float, optional
        c_ext [mol.m-3] for the times; midway between c_eq and c_max by default. The
        regime does not depend on it (every time scales with 1/(c_ext - c_eq)).
    sei : bool
        Include the SEI film (``"Negative electrode SEI carrier diffusivity"`` over
        ``"... initial SEI film thickness"``).
    """
    p = _Particle(parameter_values, radius, geometry, sei)
    c_ext = (p.c_eq + p.c_max) / 2 if surface_concentration is None else surface_concentration
    film, interface, diffusion = p.times(0.0, c_ext)
    film_equivalent = _Particle(parameter_values, radius, "planar", sei)
    sigma = np.linspace(1, 0, _SAMPLES)
    t = np.sum(film_equivalent.times(sigma, c_ext), axis=0)
    fit = fit_rate_law(t, p.R * (1 - sigma))
    total_at_full = np.sum(p.times(0.0, p.c_max * (1 - 1e-9)))
    return RegimeEstimate(
        radius=p.R,
        film_time=film,
        diffusion_time=diffusion,
        interface_time=interface,
        total_time=film + interface + diffusion,
        damkohler=p.k_i * p.R / p.D,
        sei_biot=p.k_f * p.R / p.D,
        exponent=fit.n,
        regime=classify(fit.n, film, interface),
        limiting_c_rate=3600 / total_at_full,
    )


def regime_from_solution(solution: pybamm.Solution, domain: str = "negative") -> str:
    """The same classification from a simulated front: fitted n of ``"{Domain} shell
    thickness [m]"`` against time, and (with the SEI film on) the film's and the
    interface's mean shares of the series resistance."""
    Domain = domain.capitalize()
    t = solution["Time [s]"].entries
    fit = fit_rate_law(t, np.ravel(solution[f"{Domain} shell thickness [m]"].entries))
    try:
        film = np.mean(solution[f"X-averaged {domain} SEI resistance share"].entries)
        interface = np.mean(solution[f"X-averaged {domain} interface resistance share"].entries)
    except KeyError:
        film, interface = 0.0, 1.0
    return classify(fit.n, film, interface)


def film_exponent(H: float) -> float:
    """Fitted exponent of a film's front, t = L^2 R/(2D) + L/k with 1/k = 1/k_i + 1/k_f,
    as a function of H = k R/D = 1/(1/Da + 1/Bi) (the only number it depends on)."""
    L = np.linspace(0, 1, _SAMPLES)
    return fit_rate_law(L**2 / 2 + L / H, L).n


def regime_boundaries() -> dict[str, float]:
    """H = 1/(1/Da + 1/Bi) at which the film's fitted exponent crosses the DCR and ICR
    bounds: below ``"linear"`` the front is linear (ICR or SEI-limited, split by Bi = Da),
    above ``"DCR"`` it is diffusion-controlled, mixed in between."""
    from scipy.optimize import brentq

    def crossing(n):
        return float(np.exp(brentq(lambda x: film_exponent(np.exp(x)) - n, -10, 15)))

    return {"linear": crossing(ICR_MIN_EXPONENT), "DCR": crossing(DCR_MAX_EXPONENT)}


def size_sweep(parameter_values, radii, geometry: str = "spherical", sei: bool = True) -> pd.DataFrame:
    """:func:`regime_from_parameters` for each radius [m]: one row per size."""
    return pd.DataFrame(
        [
            regime_from_parameters(parameter_values, r, geometry, sei=sei).as_series()
            for r in radii
        ]
    )
