"""Fitting the alloy particle's kinetics to measurements (docs/fitting.md).

:func:`fit_front_kinetics` fits the interface rate constant k_i and the shell diffusivity D
to a measured front, shell thickness L against time t of a particle held at a fixed
surface composition. The forward law is the model's own held front, the moving-boundary
conversion of an empty particle of :func:`pybamm_alloying.regime.conversion_time`
(docs/theory.md section 11): interface reaction and shell diffusion in series, at any Stefan
number St. Without an SEI film it depends on k_i and D only through Da = k_i R/D and the
time scale R^2/D::

    t(L; k_i, D) = (R^2/D) tau(L/R; St, Da, m)

so a change of D at fixed Da only rescales time. The fit is a least-squares fit of ln L
(multiplicative noise), in (ln Da, ln D) with Da bounded to :data:`DAMKOHLER_BOUNDS`;
the standard errors of ln k_i and ln D come from its Jacobian, s^2 (J^T J)^-1 with s^2 the
residual variance (Bard 1974, ch. 7).
"""

from dataclasses import dataclass

import numpy as np
import pybamm
from scipy import stats
from scipy.interpolate import CubicSpline
from scipy.optimize import least_squares, minimize_scalar

from .geometry import geometry_exponent
from .models import DFN
from .models import surface_concentration as held_concentration
from .parameters import load_parameter_set
from .regime import conversion_time
from .validation import ArgumentError, check_name, check_number, validate

#: Fewest measured points (t > 0, L > 0) a front fit accepts: two parameters and the
#: residual variance need at least three degrees of freedom.
MIN_POINTS = 5
#: Range of Da = k_i R/D the front fit searches. At its ends the front is interface- or
#: diffusion-controlled to within Da (resp. 1/Da) of its time.
DAMKOHLER_BOUNDS = (1e-4, 1e4)
#: A fitted parameter is identifiable when its 95 % interval lies within this factor of
#: the estimate on both sides (and its Da is not at a bound of the search).
IDENTIFIABLE_FACTOR = 2.0

NEGATIVE = "Negative electrode "
DIFFUSIVITY = "Negative particle diffusivity [m2.s-1]"
RATE_CONSTANT = NEGATIVE + "interface rate constant [m.s-1]"
RESIDUAL_SHELL = NEGATIVE + "residual shell thickness ratio"

#: Shell thicknesses (above the residual shell, over R minus it) at which the forward
#: law is sampled, geometrically spaced up to the largest measured one.
_NODES = 14
_LOWEST_NODE = 1e-3
#: Step in ln Da of the Jacobian's finite difference.
_STEP = 1e-2
#: Reference diffusivity of the sampled curves [m2.s-1]: any value, as time scales as 1/D.
_D_REF = 1e-14
#: Damkohler numbers of the coarse scan that brackets the fit: the ends and every two
#: decades between them.
_SCAN = np.geomspace(*DAMKOHLER_BOUNDS, 5)


@dataclass(frozen=True)
class FittedParameter:
    """One fitted parameter: estimate, 95 % interval and whether the data determine it.

    ``relative_error`` is the standard error of ln(value) (to first order the relative
    standard error); ``ci95`` is exp(ln value -/+ t_0.975 * relative_error), or (0, inf)
    when the fit ends at a bound of its search, where the data say nothing more about the
    parameter (for a front: Da at a bound of :data:`DAMKOHLER_BOUNDS`).
    """

    name: str
    value: float
    relative_error: float
    ci95: tuple[float, float]
    identifiable: bool


@dataclass(frozen=True)
class FrontKineticsFit:
    """What :func:`fit_front_kinetics` returns.

    ``interface_share`` and ``diffusion_share`` are the fractions of the time to the
    last measured front that the interface reaction and shell diffusion take, with the
    fitted values (they add to 1); ``residual_std`` is the standard deviation of the
    residuals of ln L (the relative scatter of the data about the fit); ``explanation``
    says which parameters the data determine and why.
    """

    interface_rate_constant: FittedParameter
    diffusivity: FittedParameter
    damkohler: float
    stefan: float
    interface_share: float
    diffusion_share: float
    residual_std: float
    points: int
    explanation: str


def _as_parameter_values(parameter_values) -> pybamm.ParameterValues:
    """A copy of ``parameter_values``, or the shipped set it names."""
    if isinstance(parameter_values, str):
        return pybamm.ParameterValues(load_parameter_set(parameter_values))
    if not isinstance(parameter_values, pybamm.ParameterValues):
        raise ArgumentError(
            "parameter_values", type(parameter_values).__name__, "a set name or ParameterValues"
        )
    return parameter_values.copy()


def _check_series(t, y, names: str) -> tuple[np.ndarray, np.ndarray]:
    """Rules of measured series: 1-D, same length, finite, t >= 0 strictly increasing."""
    t, y = np.asarray(t, dtype=float), np.asarray(y, dtype=float)
    if t.ndim != 1 or t.shape != y.shape:
        raise ArgumentError(names, f"shapes {t.shape} and {y.shape}", "1-D, same length")
    if not (np.isfinite(t).all() and np.isfinite(y).all()):
        raise ArgumentError(names, "non-finite entries", "finite numbers")
    if t[0] < 0 or np.any(np.diff(t) <= 0):
        raise ArgumentError("t [s]", "unsorted or negative", "non-negative, strictly increasing")
    return t, y


def _check_front(t, L, radius: float) -> tuple[np.ndarray, np.ndarray]:
    """The measured points with t > 0 and L > 0, after the rules of the front data."""
    t, L = _check_series(t, L, "t and L")
    if L.min() < 0 or L.max() > radius:
        bad = L.min() if L.min() < 0 else L.max()
        raise ArgumentError("L [m]", float(bad), f"in [0, radius] = [0, {radius:g}]")
    keep = (t > 0) & (L > 0)
    if keep.sum() < MIN_POINTS:
        raise ArgumentError(
            "number of points with t > 0 and L > 0", int(keep.sum()), f"at least {MIN_POINTS}"
        )
    return t[keep], L[keep]


class _HeldFront:
    """ln L(t) of the held particle for (ln Da, ln D), from sampled conversion times.

    For each Da the times to the node thicknesses come from
    :func:`~pybamm_alloying.regime.conversion_time` at D = _D_REF, from the residual shell
    of the set (the model's initial state), and ln(L - L0) is splined against ln t; other
    D follow by t ~ 1/D.
    """

    def __init__(self, values, radius, geometry, c_ext, L_max):
        self.values, self.R, self.geometry, self.c_ext = values, radius, geometry, c_ext
        self.m = geometry_exponent(geometry)
        delta = float(values[RESIDUAL_SHELL])
        self.L0, self.start = delta * radius, 1 - (1 - delta) ** (self.m + 1)
        top = min(1.0, 1.5 * (L_max - self.L0) / (radius - self.L0))
        if top <= 0:
            raise ArgumentError("L [m]", L_max, f"above the residual shell {self.L0:g} somewhere")
        self.u = np.geomspace(_LOWEST_NODE * top, top, _NODES)
        self._curves = {}
        values[DIFFUSIVITY] = _D_REF

    def fraction(self, L):
        """Converted volume fraction X behind a front at shell thickness L."""
        return 1 - (1 - np.asarray(L) / self.R) ** (self.m + 1)

    def times(self, ln_Da: float, X, diffusivity: float = _D_REF):
        """(film, interface, diffusion) times [s] from the residual shell to X."""
        values = self.values
        values[DIFFUSIVITY] = diffusivity
        values[RATE_CONSTANT] = float(np.exp(ln_Da)) * diffusivity / self.R
        return conversion_time(
            values, float(X), self.c_ext, self.R, self.geometry, sei=False, start=self.start
        )

    def _curve(self, ln_Da: float) -> CubicSpline:
        if ln_Da not in self._curves:
            L = self.L0 + self.u * (self.R - self.L0)
            t = [sum(self.times(ln_Da, X)) for X in self.fraction(L)]
            self._curves[ln_Da] = CubicSpline(np.log(t), np.log(L - self.L0))
        return self._curves[ln_Da]

    def ln_L(self, y, ln_t, derivative: bool = False):
        """ln L at times exp(ln_t) for y = (ln Da, ln D); with ``derivative``, also
        d ln L / d ln D at fixed Da. Beyond the nodes the spline continues linearly."""
        spline = self._curve(y[0])
        x = ln_t + y[1] - np.log(_D_REF)
        lo, hi = spline.x[0], spline.x[-1]
        inside = np.clip(x, lo, hi)
        slope = np.where(x < lo, spline(lo, 1), spline(hi, 1))
        s = spline(inside) + slope * (x - inside)
        L = self.L0 + np.exp(s)
        if not derivative:
            return np.log(L)
        return np.log(L), np.where(x == inside, spline(inside, 1), slope) * np.exp(s) / L


def _least_squares(front: _HeldFront, t, L):
    """Least-squares (ln Da, ln D) of ln L, by variable projection: for each Da the best D
    is a one-parameter fit on the same sampled curve (no new solves), and the profile of
    the residual over ln Da is minimised by bounded Brent search between the neighbours
    of the best of :data:`_SCAN`. Returns (ln Da, ln D), the residuals and the Jacobian."""
    ln_t, ln_L = np.log(t), np.log(L)

    def best_ln_D(ln_Da: float) -> float:
        def residuals(z):
            return front.ln_L((ln_Da, z[0]), ln_t) - ln_L

        def jacobian(z):
            return front.ln_L((ln_Da, z[0]), ln_t, derivative=True)[1][:, None]

        guess = np.log(_D_REF) + np.mean(ln_L - front.ln_L((ln_Da, np.log(_D_REF)), ln_t))
        return least_squares(residuals, [guess], jacobian).x[0]

    def profile(ln_Da: float) -> float:
        return float(np.sum((front.ln_L((ln_Da, best_ln_D(ln_Da)), ln_t) - ln_L) ** 2))

    scan = np.log(_SCAN)
    best = int(np.argmin([profile(x) for x in scan]))
    bracket = scan[max(best - 1, 0)], scan[min(best + 1, len(scan) - 1)]
    ln_Da = minimize_scalar(profile, bounds=bracket, method="bounded", options={"xatol": 1e-3}).x
    if profile(scan[best]) <= profile(ln_Da):  # Brent stops xatol short of a bound
        ln_Da = scan[best]
    y = (float(ln_Da), best_ln_D(ln_Da))
    base, d_D = front.ln_L(y, ln_t, derivative=True)
    step = -_STEP if y[0] + _STEP > scan[-1] else _STEP
    d_Da = (front.ln_L((y[0] + step, y[1]), ln_t) - base) / step
    return y, base - ln_L, np.column_stack([d_Da, d_D])


def _standard_errors(J, residuals, free: tuple[bool, bool]) -> np.ndarray:
    """Standard errors of (ln k_i, ln D) from the Jacobian J in (ln Da, ln D).

    With both parameters free, s^2 (A^T A)^-1 with A the Jacobian in (ln k_i, ln D)
    (ln Da = ln k_i - ln D + ln R); a parameter the data cannot bound is held at its
    limit, and the other's error is then s / |its column|."""
    A = np.column_stack([J[:, 0], J[:, 1] - J[:, 0]])
    s2 = np.sum(residuals**2) / (len(residuals) - 2)
    if all(free):
        return np.sqrt(np.diag(s2 * np.linalg.pinv(A.T @ A)))
    norms = np.linalg.norm(A, axis=0)
    return np.where(free, np.sqrt(s2) / np.where(norms > 0, norms, np.nan), np.inf)


def _parameter(name: str, ln_value: float, error: float, quantile: float, free: bool):
    """The :class:`FittedParameter` of an estimate exp(ln_value) and the standard error of
    ln_value; ``free`` is False when the fit sits at the limit the data cannot bound."""
    half = quantile * error
    identifiable = bool(free and half < np.log(IDENTIFIABLE_FACTOR))
    ci95 = (float(np.exp(ln_value - half)), float(np.exp(ln_value + half)))
    return FittedParameter(
        name, float(np.exp(ln_value)), float(error), ci95 if free else (0.0, np.inf), identifiable
    )


def _explanation(k_i: FittedParameter, D: FittedParameter, shares, Da: float) -> str:
    interface, diffusion = shares
    times = (
        f"the interface reaction takes {100 * interface:.3g} % and shell diffusion "
        f"{100 * diffusion:.3g} % of the time to the last measured front (Da = {Da:.3g})"
    )
    if k_i.identifiable and D.identifiable:
        return f"k_i and D are both identifiable: {times}."
    if k_i.identifiable:
        return (
            f"D is not identifiable: {times}; the front is interface-controlled, so any D "
            "large enough for shell diffusion to take a negligible share fits the data, and "
            "k_i is given for D -> infinity."
        )
    if D.identifiable:
        return (
            f"k_i is not identifiable: {times}; the front is diffusion-controlled, so any "
            "k_i large enough for the interface to take a negligible share fits the data, "
            "and D is given for k_i -> infinity."
        )
    return f"neither k_i nor D is identifiable within a factor {IDENTIFIABLE_FACTOR:g}: {times}."


def _fitted_kinetics(y, residuals, J, points: int, radius: float):
    """(k_i, D) as :class:`FittedParameter` from the fit's optimum y = (ln Da, ln D),
    with 95 % intervals; a Da at a bound of :data:`DAMKOHLER_BOUNDS` leaves one of
    them undetermined."""
    bounds = np.log(DAMKOHLER_BOUNDS)
    free = (y[0] < bounds[1] - 1e-2, y[0] > bounds[0] + 1e-2)  # (k_i, D)
    errors = _standard_errors(J, residuals, free)
    quantile = stats.t.ppf(0.975, points - 2)
    ln_k = y[0] + y[1] - np.log(radius)
    return (
        _parameter(RATE_CONSTANT, ln_k, errors[0], quantile, free[0]),
        _parameter(DIFFUSIVITY, y[1], errors[1], quantile, free[1]),
    )


def _stefan_number(values, c_ext: float) -> float:
    """St = (c_ext - c_eq) / (c_eq - c_core) of the hold."""
    c_eq = float(values[NEGATIVE + "shell equilibrium concentration [mol.m-3]"])
    c_core = float(values[NEGATIVE + "core concentration [mol.m-3]"])
    return float((c_ext - c_eq) / (c_eq - c_core))


def fit_front_kinetics(
    t,
    L,
    geometry: str,
    radius: float,
    parameter_values="LiSi_NMC811",
    potential: float = 0.0,
    surface_concentration: float | None = None,
) -> FrontKineticsFit:
    """Fit k_i and D to a measured front L(t) of a particle held at a fixed composition.

    Forward law: the held front of docs/theory.md section 11 at any St
    (:func:`~pybamm_alloying.regime.conversion_time`, from the set's residual shell at t =
    0); k_i and D constant, no SEI film; points at t = 0 or L = 0 are not fitted.

    Parameters
    ----------
    t, L : array_like
        Times [s] from the hold's start, increasing; shell thicknesses [m] in [0, radius].
    geometry : str
        ``"spherical"``, ``"cylindrical"`` or ``"planar"`` (film of half-thickness
        ``radius``, lithiated from both faces).
    radius : float
        Particle radius, wire radius or film half-thickness [m].
    parameter_values : str or pybamm.ParameterValues
        The couple (name or values): c_eq, c_core, c_max, the OCP, the residual shell.
    potential : float
        Hold potential [V vs the carrier metal]; converted to c_ext with
        :func:`~pybamm_alloying.surface_concentration` (0 V: the full shell).
    surface_concentration : float, optional
        c_ext [mol.m-3] in (c_eq, c_max], used instead of ``potential``.

    Returns
    -------
    FrontKineticsFit
        k_i [m.s-1] and D [m2.s-1] with 95 % intervals, whether the data determine each
        (an interface-controlled front says nothing about D) and why.
    """
    check_number("radius [m]", radius, 0, error=ArgumentError)
    t, L = _check_front(t, L, radius)
    values = _as_parameter_values(parameter_values)
    c_ext = surface_concentration
    if c_ext is None:
        c_ext = held_concentration(values, potential)
    front = _HeldFront(values, float(radius), geometry, c_ext, L.max())
    y, residuals, J = _least_squares(front, t, L)
    k_i, D = _fitted_kinetics(y, residuals, J, len(t), radius)
    _, interface, diffusion = front.times(y[0], front.fraction(L.max()), float(np.exp(y[1])))
    shares = np.array([interface, diffusion]) / (interface + diffusion)
    return FrontKineticsFit(
        interface_rate_constant=k_i,
        diffusivity=D,
        damkohler=float(np.exp(y[0])),
        stefan=_stefan_number(values, c_ext),
        interface_share=float(shares[0]),
        diffusion_share=float(shares[1]),
        residual_std=float(np.std(residuals, ddof=2)),
        points=len(t),
        explanation=_explanation(k_i, D, shares, float(np.exp(y[0]))),
    )


#: Parameters a voltage fit can take as inputs: short name -> parameter name, with the
#: alloy electrode's domain (``"Negative"``, or ``"Positive"`` in a half cell) filled in.
VOLTAGE_PARAMETERS = {
    "interface rate constant": "{Domain} electrode interface rate constant [m.s-1]",
    "diffusivity": "{Domain} particle diffusivity [m2.s-1]",
    "SEI diffusivity": "{Domain} electrode SEI carrier diffusivity [m2.s-1]",
}
#: Residual [V] given to a sample that a trial's solve did not reach (it stopped early at
#: an event, e.g. the anode reaching 0 V vs the carrier metal); the fit then steps back.
_MISSING_VOLTAGE = 1.0
#: Step in ln p of the voltage fit's central-difference Jacobian. Forward differences of
#: 0.3-0.6 % (SciPy's default step relative to ln(p/p_0)) move the voltage by ~1e-5 V,
#: the size of the solver's own error, and stopped a GITT fit short of its optimum (D 40 %
#: off); at 5 % the difference is far above that error and its O(h^2) bias is ~1e-3.
_VOLTAGE_STEP = 5e-2


class VoltageCurve:
    """A :class:`~pybamm_alloying.DFN` and an experiment, built once with the fitted
    parameters as :class:`pybamm.InputParameter` and re-solved for each trial (IDAKLU
    with inputs; the experiment's steps are built once by :class:`pybamm.Simulation`).

    Parameters
    ----------
    parameter_values : str or pybamm.ParameterValues
        The cell (a shipped set's name, a half cell from
        :func:`~pybamm_alloying.load_half_cell`, or values of your own). The values of the
        fitted parameters are checked and then replaced by inputs; k_i and D fitted this
        way are constants (the values at the cell's temperature).
    experiment : pybamm.Experiment
        The measured protocol (a GITT pulse train, a rate test).
    parameters : tuple of str
        Keys of :data:`VOLTAGE_PARAMETERS` to fit.
    options : dict, optional
        Model options; ``"alloy SEI transport": "film"`` is added when the SEI
        diffusivity is fitted (docs/theory.md section 11).
    initial_soc : float, optional
        Passed to every solve.
    """

    def __init__(
        self,
        parameter_values,
        experiment: pybamm.Experiment,
        parameters: tuple[str, ...] = tuple(VOLTAGE_PARAMETERS),
        options: dict | None = None,
        initial_soc: float | None = None,
    ):
        for parameter in parameters:
            check_name("fitted parameter", parameter, VOLTAGE_PARAMETERS)
        film = {"alloy SEI transport": "film"} if "SEI diffusivity" in parameters else {}
        model = DFN({**film, **(options or {})})
        Domain = model.alloy_domain.capitalize()
        self.names = {p: VOLTAGE_PARAMETERS[p].format(Domain=Domain) for p in parameters}
        values = _as_parameter_values(parameter_values)
        validate(values, model, experiment)
        values.update({name: "[input]" for name in self.names.values()})
        self.simulation = pybamm.Simulation(model, parameter_values=values, experiment=experiment)
        self.initial_soc = initial_soc

    def solve(self, inputs: dict[str, float]) -> pybamm.Solution:
        """Solve with ``inputs``, keyed by the short names of :attr:`names`."""
        named = {self.names[p]: float(value) for p, value in inputs.items()}
        return self.simulation.solve(inputs=named, initial_soc=self.initial_soc)

    def voltage(self, inputs: dict[str, float], t) -> np.ndarray:
        """``"Voltage [V]"`` at times ``t`` [s]: within each step, linear between the
        step's outputs (so a sample is never interpolated across a current step); NaN
        past the end of a solve that stopped early."""
        t = np.asarray(t, dtype=float)
        V = np.full(t.shape, np.nan)
        for step in self.solve(inputs).sub_solutions:
            inside = (t >= step.t[0]) & (t <= step.t[-1]) & np.isnan(V)
            V[inside] = np.interp(t[inside], step.t, step["Voltage [V]"].entries)
        return V


@dataclass(frozen=True)
class VoltageCurveFit:
    """What :func:`fit_voltage_curve` returns: each fitted parameter by its short name,
    the residual standard deviation [V], the number of samples and the correlation
    matrix of the ln parameters (order of ``parameters``)."""

    parameters: dict[str, FittedParameter]
    residual_std: float
    points: int
    correlation: np.ndarray


def fit_voltage_curve(
    curve: VoltageCurve, t, voltage, initial_guess: dict[str, float], bounds_factor: float = 10.0
) -> VoltageCurveFit:
    """Least-squares fit of the model's voltage to a measured curve (SciPy).

    Minimises sum_j (V_model(t_j; p) - V_j)^2 over x = ln(p / p_0), with p_0 =
    ``initial_guess`` and each p within ``bounds_factor`` of p_0, by
    :func:`scipy.optimize.least_squares` (trust-region reflective, Jacobian by central
    differences of 5 % in p). The 95 % intervals come from that Jacobian at the optimum,
    s^2 (J^T J)^-1
    with s^2 the residual variance; a parameter is identifiable when its interval lies
    within :data:`IDENTIFIABLE_FACTOR` of the estimate and it is not at a bound.

    Parameters
    ----------
    curve : VoltageCurve
        The model, protocol and fitted parameters.
    t, voltage : array_like
        Measured times [s] (strictly increasing, from the start of the experiment) and
        cell voltages [V].
    initial_guess : dict
        A starting value for each parameter of ``curve`` (SI units).
    bounds_factor : float
        Each parameter is searched within [p_0 / bounds_factor, p_0 * bounds_factor].
    """
    t, voltage = _check_series(t, voltage, "t and voltage")
    check_number("bounds_factor", bounds_factor, 1, error=ArgumentError)
    names = list(curve.names)
    if sorted(initial_guess) != sorted(names):
        raise ArgumentError("initial_guess keys", sorted(initial_guess), f"exactly {names}")
    for name in names:
        check_number(f"initial_guess[{name!r}]", initial_guess[name], 0, error=ArgumentError)
    if len(t) < len(names) + 3:
        raise ArgumentError("number of samples", len(t), f"at least {len(names) + 3}")
    p0 = np.array([initial_guess[name] for name in names], dtype=float)

    def residuals(x):
        V = curve.voltage(dict(zip(names, p0 * np.exp(x))), t)
        return np.where(np.isnan(V), _MISSING_VOLTAGE, V - voltage)

    def jacobian(x):
        steps = _VOLTAGE_STEP * np.eye(len(names))
        columns = [(residuals(x + h) - residuals(x - h)) / (2 * _VOLTAGE_STEP) for h in steps]
        return np.column_stack(columns)

    bound = np.log(bounds_factor)
    fit = least_squares(residuals, np.zeros(len(names)), jacobian, bounds=(-bound, bound))
    return _voltage_result(names, p0, fit, bound)


def _voltage_result(names, p0, fit, bound: float) -> VoltageCurveFit:
    """Estimates, intervals and correlations of a voltage fit from its Jacobian."""
    n, k = fit.fun.size, len(names)
    s2 = np.sum(fit.fun**2) / (n - k)
    covariance = s2 * np.linalg.pinv(fit.jac.T @ fit.jac)
    errors = np.sqrt(np.diag(covariance))
    quantile = stats.t.ppf(0.975, n - k)
    free = np.abs(fit.x) < bound - 1e-3
    parameters = {
        name: _parameter(name, np.log(p0[i]) + fit.x[i], errors[i], quantile, bool(free[i]))
        for i, name in enumerate(names)
    }
    return VoltageCurveFit(
        parameters=parameters,
        residual_std=float(np.sqrt(s2)),
        points=n,
        correlation=covariance / np.outer(errors, errors),
    )
