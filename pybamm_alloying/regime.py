"""Which step limits an alloy particle: SEI film, shell diffusion or interface reaction.

An empty particle whose surface is held at c_ext > c_eq (docs/theory.md section 11), solved as the full
moving-boundary problem, valid at any Stefan number (docs/theory.md §11). Dimensionless,
with x = r/R, tau = D t/R^2, u = (c - c_eq)/(c_ext - c_eq), L = 1 - sigma::

    u_tau = x^-m (x^m u_x)_x                        sigma < x < 1   (shell diffusion)
    u + u_x / Bi = 1                                x = 1           (SEI film; u = 1 without)
    u_x = Da u                                      x = sigma       (interface reaction)
    dL/dtau = St Da u / (1 + St u)                  x = sigma       (Stefan)
    St = (c_ext - c_eq)/(c_eq - c_core),  Da = k_i R/D,  Bi = k_f R/D,  k_f = D_SEI/L_SEI

The Stefan condition converts core (c_core) into shell at c_int, as the particle model
does (theory.md §2). The converted fraction is the volume behind the front, X = 1 - sigma^(m+1)
(the model's ``"Negative lithiated fraction"``). The shell is mapped onto xi = (x - sigma)/L
(Landau 1950), collocated on Chebyshev points (Trefethen 2000, ch. 6) and advanced in
p = ln(L/(1 - L)) by the second-order backward differentiation formula, with Newton on
(u, ln dL/dtau) at each step (Crank 1984 treats this front-fixing method)::

    du/dp = (1 - L) [ (u_xixi + (m L/x) u_xi)/(L V) - (1 - xi) u_xi ],   V = dL/dtau
    dtau/dp = L (1 - L)/V

The start is a shell of 1e-2/(1 + St Da) on its quasi-steady profile, reached in the
time of the quasi-steady planar shell (exact to O(St L0)). The drive c_ext - c_eq
is dropped across the film (1 - u(1)), the shell (u(1) - u(sigma)) and the interface
(u(sigma)); the time of each step is its share integrated over the conversion::

    t_film = int (1 - u(1)) dt,   t_interface = int u(sigma) dt
    t_diffusion = t - t_film - t_interface

For St -> 0 the shell is quasi-steady and these are the Levenspiel (1999, ch. 25) times,
which add::

    t_film      = (1 - sigma^(m+1)) R c_conv / ((m+1) k_f dc)        dc = c_ext - c_eq
    t_interface = (1 - sigma) R c_conv / (k_i dc)                   c_conv = c_eq - c_core
    t_diffusion = G_m(sigma) R^2 c_conv / (D dc),  G_m = int_sigma^1 x^m phi(x) dx

At larger St the shell also stores carrier: for a film held without resistance the exact
front is Neumann's L = 2 lambda (D t)^(1/2), lambda exp(lambda^2) erf(lambda) = St/sqrt(pi)
(Crank 1984, eq. 3.14), and the quasi-steady time is short by St/(2 lambda^2) (2.2 at
St = 4.8).

The characteristic times are the values at full conversion (X = 1). The controlling step
follows from the exponent n of L = R (1 - sigma) against t, fitted over the same window as a
simulated front (:func:`pybamm_alloying.fit_rate_law`), of a film of half-thickness R with the
same St, Da and Bi whatever the geometry: DCR for n <= 0.6; for n >= 0.8 the front is linear
and the larger of the film and interface times names it (SEI-limited or ICR); mixed in
between. Curvature alone bends a sphere's front (at small St pure diffusion control gives
n = 0.60 on a sphere, a pure film n = 1.55), which would hide the controlling step. Fit simulated fronts on
films too.

The diffusion-limited C-rate is the rate at which the particle's whole conversion time,
at the largest drive the shell allows (c_ext = c_max), equals the time the C-rate
leaves: C_lim = 3600 s / t_total(c_ext = c_max).
"""

from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd
import pybamm
from scipy.integrate import cumulative_simpson
from scipy.interpolate import CubicHermiteSpline
from scipy.special import expit, logit

from .geometry import geometry_exponent
from .rate_law import DCR_MAX_EXPONENT, ICR_MIN_EXPONENT, fit_rate_law
from .submodels.alloy_parameters import EvaluatedParticle
from .validation import ArgumentError, check_number, validate_parameter_values

#: Points along the conversion at which the front is sampled for the fit.
_SAMPLES = 400
#: Chebyshev intervals across the shell (13 collocation points).
_INTERVALS = 12
#: Step in p = ln(L/(1 - L)): 0.3 keeps t within 0.2 % of the converged solve.
_STEP = 0.3
#: Core radius (over R) where the march stops; the last 1e-4 R is crossed at the final
#: speed.
_SIGMA_END = 1e-4
#: Initial shell thickness (over R), times 1/(1 + St Da): thin enough to be quasi-steady.
_START = 1e-2
_NEWTON_TOLERANCE = 1e-8
_NEWTON_ITERATIONS = 20


def _chebyshev(n: int):
    """Chebyshev points xi_j = (1 - cos(pi j/n))/2 on [0, 1] and their differentiation
    matrix (Trefethen 2000, ``cheb``), j = 0 at the front."""
    j = np.arange(n + 1)
    y = np.cos(np.pi * j / n)
    c = np.where((j == 0) | (j == n), 2.0, 1.0) * (-1.0) ** j
    D = np.outer(c, 1 / c) / (y[:, None] - y[None, :] + np.eye(n + 1))
    D -= np.diag(D.sum(axis=1))
    return (1 - y) / 2, -2 * D


class _Shell:
    """The dimensionless moving-boundary problem of the module docstring (St, Da, Bi, m)."""

    def __init__(self, stefan: float, damkohler: float, biot: float, m: int):
        self.St, self.Da, self.film, self.m = stefan, damkohler, 1 / biot, m
        self.xi, D1 = _chebyshev(_INTERVALS)
        inner = slice(1, _INTERVALS)
        self.s = 1 - self.xi[inner]
        self.D1, self.D1_inner, self.D2_inner = D1, D1[inner], (D1 @ D1)[inner]

    def _boundaries(self, L):
        """(P0, q0), (P1, q1): u(sigma) = P0 v + q0 and u(1) = P1 v + q1 from the two
        boundary conditions, v the interior values."""
        D1, n, rf = self.D1, _INTERVALS, self.film
        a, b = D1[0, 0] - L * self.Da, D1[0, n]
        c, d = rf * D1[n, 0], L + rf * D1[n, n]
        det = a * d - b * c
        r0, r1 = -D1[0, 1:n], -rf * D1[n, 1:n]
        return ((d * r0 - b * r1) / det, -b * L / det), ((a * r1 - c * r0) / det, a * L / det)

    def _operators(self, L):
        """Boundary maps and the interior operators: dv/dz = (A1 v + a1)/V + A2 v + a2."""
        (P0, q0), (P1, q1) = ends = self._boundaries(L)
        curvature = self.m * L / (1 - L * self.s)
        n = _INTERVALS

        def on_interior(A):
            matrix = A[:, 1:n] + np.outer(A[:, 0], P0) + np.outer(A[:, n], P1)
            return matrix, A[:, 0] * q0 + A[:, n] * q1

        diffusion = (self.D2_inner + curvature[:, None] * self.D1_inner) / L
        return ends, on_interior(diffusion), on_interior(-self.s[:, None] * self.D1_inner)

    def _step(self, L, h, c0, known, guesses):
        """One BDF step to shell thickness L: Newton on the interior values v and w = ln V,
        from each (v, w) of ``guesses`` until one converges. Returns v, w, u(sigma), u(1)."""
        ((P0, q0), (P1, q1)), (A1, a1), (A2, a2) = self._operators(L)
        hs = h * (1 - L)
        M = c0 * np.eye(_INTERVALS - 1) - hs * A2
        b = known + hs * a2
        St, Da = self.St, self.Da
        J = np.empty((_INTERVALS, _INTERVALS))
        for v, w in guesses:
            for _ in range(_NEWTON_ITERATIONS):
                with np.errstate(all="ignore"):  # a diverging guess is dropped below
                    V = np.exp(w)
                    u0 = P0 @ v + q0
                    g = 1 + St * u0
                    f = hs * (A1 @ v + a1) / V
                    J[:-1, :-1] = M - hs * A1 / V
                    J[:-1, -1] = f
                    J[-1, :-1] = -St * Da / (V * g**2) * P0
                    J[-1, -1] = St * Da * u0 / (V * g)
                if not np.isfinite(J).all():
                    break
                delta = np.linalg.solve(J, np.append(b + f - M @ v, J[-1, -1] - 1))
                v, w = v + delta[:-1], w + delta[-1]
                if np.abs(delta).max() < _NEWTON_TOLERANCE:
                    return v, w, P0 @ v + q0, P1 @ v + q1
        raise RuntimeError(
            f"moving-boundary solve did not converge at L/R = {L:.3g} "
            f"(St = {St:.3g}, Da = {Da:.3g}, 1/Bi = {self.film:.3g})"
        )

    def solve(self) -> "_Conversion":
        """March from the quasi-steady thin shell to sigma = _SIGMA_END (BDF1, then BDF2)."""
        St, Da, rf = self.St, self.Da, self.film
        L0 = _START / (1 + St * Da)
        ends = logit(L0), logit(1 - _SIGMA_END)
        p = np.linspace(*ends, int(np.ceil((ends[1] - ends[0]) / _STEP)) + 1)
        L = expit(p)
        flux = 1 / (rf + L0 + 1 / Da)
        u0, u1 = flux / Da, 1 - rf * flux
        v_old = v = (u0 + flux * L0 * self.xi)[1:-1]
        w = np.log(St * Da * u0 / (1 + St * u0))
        states = [(w, u0, u1)]
        for n in range(1, len(p)):  # Newton from the linear extrapolation, else the last step
            c0, known = (1.0, v) if n == 1 else (1.5, 2 * v - 0.5 * v_old)
            guesses = [(2 * v - v_old, 2 * w - states[-2][0])] if n > 1 else []
            step = self._step(L[n], p[n] - p[n - 1], c0, known, guesses + [(v, w)])
            v_old, (v, w, u0, u1) = v, step
            states.append((w, u0, u1))
        w, u0, u1 = np.array(states).T
        rate = L * (1 - L) * np.exp(-w)  # dtau/dp
        rates = rate * np.stack((np.ones_like(rate), 1 - u1, u0))
        start = self._start_times(L0)[:, None]
        return _Conversion(p, start + cumulative_simpson(rates, x=p, initial=0), rates)

    def _start_times(self, L0):
        """(tau, tau_film, tau_interface) to grow the quasi-steady planar shell to L0:
        dtau = (1 + St u(sigma)) dL / (St F), F = 1/(1/Bi + L + 1/Da), u(sigma) = F/Da."""
        St, Da, rf = self.St, self.Da, self.film
        drop = np.log1p(Da * L0 / (1 + Da * rf)) / Da  # int_0^L0 u(sigma) dL
        film = rf * (L0 / St + drop)
        interface = (L0 / St + drop) / Da
        return np.array([(rf * L0 + L0**2 / 2 + L0 / Da) / St + L0 / Da, film, interface])


class _Conversion:
    """Dimensionless (tau, tau_film, tau_interface) against shell thickness L, from one solve.
    Below the start they grow linearly from 0; past sigma = _SIGMA_END at the final speed."""

    def __init__(self, p, totals, rates):
        self.spline = CubicHermiteSpline(p, totals.T, rates.T)
        self.L0, self.L_end = expit(p[0]), expit(p[-1])
        self.start = totals[:, :1]
        self.end_slope = rates[:, -1:] / (self.L_end * (1 - self.L_end))

    def __call__(self, L):
        L = np.asarray(L, dtype=float)
        flat = L.reshape(1, -1)
        tau = self.spline(logit(np.clip(flat[0], self.L0, self.L_end))).T
        tau = np.where(flat < self.L0, self.start * flat / self.L0, tau)
        tau = tau + np.maximum(flat - self.L_end, 0) * self.end_slope
        return tau.reshape((3,) + L.shape)


@dataclass(frozen=True)
class RegimeEstimate:
    """What :func:`regime_from_parameters` returns (times in s, C-rate in 1/h).

    ``stefan`` is St at the surface composition used; ``total_time`` is the time to full
    conversion and ``half_conversion_time`` the time to a converted fraction of 1/2 (the
    model's ``"Negative lithiated fraction"``), both from an empty particle; the three step
    times add up to ``total_time``.
    """

    radius: float
    stefan: float
    film_time: float
    diffusion_time: float
    interface_time: float
    total_time: float
    half_conversion_time: float
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
    """The numbers of one particle (:class:`EvaluatedParticle`) and its conversion."""

    def __init__(self, parameter_values, radius, geometry, sei):
        validate_parameter_values(parameter_values)
        if radius is not None:
            check_number("radius [m]", radius, 0)
        particle = EvaluatedParticle(parameter_values, radius=radius)
        self.m = geometry_exponent(geometry)
        self.R = particle.radius
        self.c_max, self.c_eq = particle.c_max, particle.c_eq
        self.c_conv = particle.c_conv
        self.D = particle.diffusivity
        self.k_i = particle.k_i
        self.k_f = particle.k_f if sei else np.inf

    def stefan(self, c_ext: float) -> float:
        check_number(
            "surface concentration [mol.m-3]",
            c_ext,
            self.c_eq,
            self.c_max,
            "(]",
            hint=" (in (c_eq, c_max] the particle lithiates)",
        )
        return (c_ext - self.c_eq) / self.c_conv

    def conversion(self, c_ext: float, m: int | None = None):
        """(film, interface, diffusion) times [s] from empty to converted fractions X, as a
        function of X; ``m`` overrides the geometry."""
        m = self.m if m is None else m
        Da, Bi = self.k_i * self.R / self.D, self.k_f * self.R / self.D
        solution, scale = _Shell(self.stefan(c_ext), Da, Bi, m).solve(), self.R**2 / self.D

        def times(X):
            total, film, interface = solution(1 - (1 - np.asarray(X)) ** (1 / (m + 1))) * scale
            return film, interface, total - film - interface

        return times


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
    ``surface_concentration``, along the conversion of an empty particle (the module
    docstring; their sum is the conversion time)."""
    check_number("converted_fraction", converted_fraction, 0, 1, "(]", error=ArgumentError)
    check_number("start", start, 0, converted_fraction, "[)", error=ArgumentError)
    times = _Particle(parameter_values, radius, geometry, sei).conversion(surface_concentration)
    end, begin = times(converted_fraction), times(start)
    return tuple(float(b - a) for a, b in zip(begin, end))


def regime_from_parameters(
    parameter_values,
    radius: float | None = None,
    geometry: str = "spherical",
    surface_concentration: float | None = None,
    sei: bool = True,
) -> RegimeEstimate:
    """Characteristic times, St, Da, Bi_SEI, controlling step and limiting C-rate.

    Parameters
    ----------
    parameter_values : pybamm.ParameterValues
        A shipped set (its negative electrode is the alloy).
    radius : float, optional
        Particle radius (or film half-thickness) [m]; the set's own by default.
    geometry : str
        ``"spherical"``, ``"cylindrical"`` or ``"planar"``.
    surface_concentration : float, optional
        c_ext [mol.m-3] in (c_eq, c_max]; midway between c_eq and c_max by default. The
        times, and through St the exponent, depend on it.
    sei : bool
        Include the SEI film (``"Negative electrode SEI carrier diffusivity"`` over
        ``"... initial SEI film thickness"``).
    """
    p = _Particle(parameter_values, radius, geometry, sei)
    c_ext = (p.c_eq + p.c_max) / 2 if surface_concentration is None else surface_concentration
    times = p.conversion(c_ext)
    film, interface, diffusion = (float(t) for t in times(1.0))
    planar = times if p.m == 0 else p.conversion(c_ext, m=0)
    L = np.linspace(0, 1, _SAMPLES)
    fit = fit_rate_law(np.sum(planar(L), axis=0), p.R * L)
    c_full = p.c_max * (1 - 1e-9)
    full = times if c_ext == c_full else p.conversion(c_full)
    return RegimeEstimate(
        radius=p.R,
        stefan=p.stefan(c_ext),
        film_time=film,
        diffusion_time=diffusion,
        interface_time=interface,
        total_time=film + interface + diffusion,
        half_conversion_time=float(np.sum(times(0.5))),
        damkohler=p.k_i * p.R / p.D,
        sei_biot=p.k_f * p.R / p.D,
        exponent=fit.n,
        regime=classify(fit.n, film, interface),
        limiting_c_rate=3600 / float(np.sum(full(1.0))),
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
    """Fitted exponent of a quasi-steady (St -> 0) film's front, t = L^2 R/(2D) + L/k with
    1/k = 1/k_i + 1/k_f, as a function of H = k R/D = 1/(1/Da + 1/Bi) (the only number it
    depends on at small St; :func:`regime_from_parameters` fits the front at the actual St)."""
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


def size_sweep(
    parameter_values, radii, geometry: str = "spherical", sei: bool = True
) -> pd.DataFrame:
    """:func:`regime_from_parameters` for each radius [m]: one row per size."""
    return pd.DataFrame(
        [regime_from_parameters(parameter_values, r, geometry, sei=sei).as_series() for r in radii]
    )
