"""Input checks that run before any solve: parameters, protocols, names and options.

Every rule raises a specific exception that names the input, its value and the allowed
range: :class:`ParameterError` (parameter values), :class:`ProtocolError` (cycling
protocols), :class:`UnknownNameError` (couple or protocol names, with the closest match)
and :class:`OptionCompatibilityError` (model options that the code does not support
together). The first three are ``ValueError``\\ s, the last a :class:`pybamm.OptionError`.

The loaders (:func:`~pybamm_alloying.load_parameter_set`, ``load_half_cell``), the
protocols (:func:`~pybamm_alloying.studies.load_protocol`), the models' option handling
and the studies call these checks. PyBaMM has no hook that hands a model its parameter
values before processing, so a user who builds a :class:`pybamm.Simulation` by hand
with changed values checks them with :func:`validate`::

    pybamm_alloying.validate(parameter_values, model)

Entries that are expressions of PyBaMM input parameters (a composite electrode's volume
fractions in its alloy mass fraction) cannot be evaluated before the solve and are
skipped.
"""

import difflib

import numpy as np
import pybamm

from .submodels.parameters import AlloyParameters

#: Stoichiometries at which the OCP branches and the diffusivity are checked: the
#: closed interval a particle can reach, less 1e-3 at each end.
STOICHIOMETRY_GRID = np.linspace(1e-3, 1 - 1e-3, 500)

#: Phase prefixes of a composite electrode and the PyBaMM phase they name.
PHASES = {"": "primary", "Primary: ": "primary", "Secondary: ": "secondary"}


class ValidationError(ValueError):
    """An input outside its allowed range; ``name``, ``value`` and ``allowed`` say which."""

    def __init__(self, name: str, value, allowed: str, hint: str = ""):
        self.name, self.value, self.allowed = name, value, allowed
        super().__init__(f"{name} must be {allowed}, not {value!r}{hint}")


class ParameterError(ValidationError):
    """A parameter value outside its physical range."""


class ProtocolError(ValidationError):
    """A cycling protocol that cannot run: bad C-rate, cut-offs or cycle count."""


class UnknownNameError(ValidationError):
    """A couple or protocol name that is not shipped; suggests the closest one."""


class OptionCompatibilityError(pybamm.OptionError):
    """Model options that the alloy models do not support together."""


def check_name(kind: str, name: str, known) -> None:
    """Rule: ``name`` is one of ``known``; otherwise :class:`UnknownNameError` with the
    closest match (difflib)."""
    known = list(known)
    if name in known:
        return
    close = difflib.get_close_matches(str(name), known, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    raise UnknownNameError(kind, name, f"one of {known}", hint)


# -- parameter values ---------------------------------------------------------------


def _phase_param(domain: str, prefix: str):
    """PyBaMM's parameters of the alloy phase named by ``domain`` and ``prefix``."""
    if prefix not in PHASES:
        raise ValueError(f"phase_prefix must be one of {list(PHASES)}, not {prefix!r}")
    options = {}
    if prefix:
        options["particle phases"] = ("2", "1") if domain == "negative" else ("1", "2")
    domain_param = pybamm.LithiumIonParameters(options).domain_params[domain]
    return domain_param.phase_params[PHASES[prefix]]


def _evaluate(values: pybamm.ParameterValues, symbol):
    """Values of ``symbol`` as a float array, or None if it is missing or needs inputs."""
    try:
        result = values.evaluate(symbol)
    except (KeyError, ValueError, TypeError, NotImplementedError):
        return None
    return np.atleast_1d(np.asarray(result, dtype=float)).ravel()


def _positive(values, name: str, symbol) -> None:
    """Rule: the quantity is finite and > 0 (radius, concentration, rate constant, ...)."""
    value = _evaluate(values, symbol)
    if value is not None and not (np.all(np.isfinite(value)) and np.all(value > 0)):
        raise ParameterError(name, float(np.min(value)), "finite and > 0")


def _in_interval(values, name: str, symbol, low: float, high: float) -> None:
    """Rule: the quantity lies in the open interval (low, high)."""
    value = _evaluate(values, symbol)
    if value is not None and not low < value[0] < high:
        raise ParameterError(name, float(value[0]), f"in ({low:g}, {high:g})")


def _name_of(symbol) -> str:
    """Name of the first (function) parameter in ``symbol``: the one a user sets."""
    return next(
        s.name
        for s in symbol.pre_order()
        if isinstance(s, pybamm.Parameter | pybamm.FunctionParameter)
    )


def _check_positive_values(values, alloy: AlloyParameters, T) -> None:
    phase = alloy.phase_param
    c_max = phase.c_max
    for symbol in (
        phase.R_typ,
        c_max,
        alloy.k_i(T),
        phase.D(pybamm.Vector(STOICHIOMETRY_GRID) * c_max, T),
        phase.j0(pybamm.Scalar(1000.0), 0.5 * c_max, T),
        alloy.yield_strength,
        alloy.interface_width,
        alloy.D_sei,
    ):
        _positive(values, _name_of(symbol), symbol)


def _check_concentrations(values, alloy: AlloyParameters) -> None:
    """Rule: 0 <= c_core < c_eq < c_max (core, shell equilibrium, full shell)."""
    c_max, c_eq, c_core = (
        _evaluate(values, s) for s in (alloy.c_max, alloy.c_eq, alloy.c_core)
    )
    if c_max is None or c_eq is None or c_core is None:
        return
    if not c_eq[0] < c_max[0]:
        raise ParameterError(alloy.c_eq.name, float(c_eq[0]), f"< c_max = {c_max[0]:g}")
    if not 0 <= c_core[0] < c_eq[0]:
        raise ParameterError(alloy.c_core.name, float(c_core[0]), f"in [0, c_eq = {c_eq[0]:g})")


def _check_fractions(values, alloy: AlloyParameters) -> None:
    """Rule: residual core fraction and residual shell ratio in (0, 1), expansion ratio
    >= 1, initial SEI film thickness and front interface energy >= 0."""
    _in_interval(values, alloy.q_min.name, alloy.q_min, 0, 1)
    _in_interval(values, alloy.delta.name, alloy.delta, 0, 1)
    for symbol, low in ((alloy.beta, 1.0), (alloy.L_sei_0, 0.0), (alloy.interface_energy, 0.0)):
        value = _evaluate(values, symbol)
        if value is not None and not value[0] >= low:
            raise ParameterError(symbol.name, float(value[0]), f">= {low:g}")


def _check_fracture(values, alloy: AlloyParameters) -> None:
    """Rule: shell Young's modulus and fracture energy finite and > 0, shell Poisson's
    ratio in (-1, 0.5), fracture LAM rate >= 0 (the fracture criterion's inputs)."""
    for symbol in (alloy.shell_modulus, alloy.fracture_energy):
        _positive(values, symbol.name, symbol)
    _in_interval(values, alloy.shell_poisson.name, alloy.shell_poisson, -1, 0.5)
    rate = _evaluate(values, alloy.fracture_lam_rate)
    if rate is not None and not rate[0] >= 0:
        raise ParameterError(alloy.fracture_lam_rate.name, float(rate[0]), ">= 0")


def _ocp_branches(values, phase, T) -> dict:
    """{label: U on STOICHIOMETRY_GRID} of the branches present in ``values``."""
    sto = pybamm.Vector(STOICHIOMETRY_GRID)
    branches = {}
    for label, lithiation in (("mean", None), ("lithiation", "lithiation"), ("delithiation", "delithiation")):
        symbol = phase.U(sto, T, lithiation)
        U = _evaluate(values, symbol)
        if U is not None:
            branches[label] = (_name_of(symbol), U)
    return branches


def _check_ocp(values, phase, T) -> None:
    """Rule: every OCP branch finite and strictly decreasing in stoichiometry on
    [1e-3, 1 - 1e-3]; the lithiation branch below the delithiation branch."""
    branches = _ocp_branches(values, phase, T)
    for name, U in branches.values():
        if not np.all(np.isfinite(U)):
            raise ParameterError(name, "non-finite values", "finite on stoichiometry [0.001, 0.999]")
        rising = np.flatnonzero(np.diff(U) >= 0)
        if rising.size:
            sto = STOICHIOMETRY_GRID[rising[0]]
            raise ParameterError(
                name, f"non-decreasing at stoichiometry {sto:.3f}", "strictly decreasing in stoichiometry"
            )
    if "lithiation" in branches and "delithiation" in branches:
        (name, low), (_, high) = branches["lithiation"], branches["delithiation"]
        crossed = np.flatnonzero(low > high)
        if crossed.size:
            sto = STOICHIOMETRY_GRID[crossed[0]]
            raise ParameterError(
                name, f"above the delithiation branch at stoichiometry {sto:.3f}",
                "at or below the delithiation branch",
            )


def validate_parameter_values(values, domain: str = "negative", phase_prefix: str = "") -> None:
    """Check the alloy phase of ``values`` before a solve; raise :class:`ParameterError`.

    ``domain`` is the alloy electrode (``"negative"``, or ``"positive"`` in a half cell),
    ``phase_prefix`` its phase prefix (``""``, ``"Primary: "`` or ``"Secondary: "``).
    Rules: radius, c_max, interface rate constant k_i(T_ref), diffusivity D(sto, T_ref),
    exchange-current density, yield strength and SEI carrier diffusivity finite and > 0;
    0 <= c_core < c_eq < c_max; residual core fraction and residual shell ratio in
    (0, 1); volume expansion ratio >= 1; initial SEI film >= 0; OCP branches finite,
    strictly decreasing, lithiation <= delithiation; shell Young's modulus and fracture
    energy > 0, shell Poisson's ratio in (-1, 0.5), fracture LAM rate >= 0. Missing
    entries are left to PyBaMM (and to :func:`validate` with a model); entries that need
    input parameters are skipped.
    """
    values = values if isinstance(values, pybamm.ParameterValues) else pybamm.ParameterValues(values)
    phase = _phase_param(domain, phase_prefix)
    alloy = AlloyParameters(phase)
    T = pybamm.Scalar(values["Reference temperature [K]"])
    _check_positive_values(values, alloy, T)
    _check_concentrations(values, alloy)
    _check_fractions(values, alloy)
    _check_fracture(values, alloy)
    _check_ocp(values, phase, T)


def ocv_window(values) -> tuple[float, float]:
    """(lowest, highest) open-circuit voltage a full cell's electrodes can produce [V].

    The extremes of U_p(sto_p) - U_n(sto_n) over stoichiometries in [1e-3, 1 - 1e-3] of
    both electrodes' (mean) OCPs at the reference temperature.
    """
    param = pybamm.LithiumIonParameters()
    T = values["Reference temperature [K]"]
    sto = pybamm.Vector(STOICHIOMETRY_GRID)
    U_n = _evaluate(values, param.n.prim.U(sto, T))
    U_p = _evaluate(values, param.p.prim.U(sto, T))
    return float(U_p.min() - U_n.max()), float(U_p.max() - U_n.min())


def validate_cut_offs(values, lower: float, upper: float) -> None:
    """Rule: lower < upper, both inside :func:`ocv_window` of a full cell.

    A cut-off outside the window is never reached at open circuit: the step would run
    until an electrode empties. Raises :class:`ProtocolError`.
    """
    if not lower < upper:
        raise ProtocolError("cut-offs", (lower, upper), "ordered, lower < upper [V]")
    low, high = ocv_window(values)
    allowed = f"inside the open-circuit window [{low:.3f}, {high:.3f}] V"
    for name, value in (("lower voltage cut-off [V]", lower), ("upper voltage cut-off [V]", upper)):
        if not low < value < high:
            raise ProtocolError(name, value, allowed)


def _missing_parameters(values, model) -> None:
    """Rule: every parameter ``model`` reads is in ``values`` (closest name suggested).

    The missing names are sorted, so the message names the same parameter first in
    every process (PyBaMM's parameter info follows set order, which string hashing
    varies between runs)."""
    missing = sorted(name for name in model.get_parameter_info() if name not in values.keys())
    if missing:
        close = difflib.get_close_matches(missing[0], list(values.keys()), n=1)
        hint = f"; closest present: {close[0]!r}" if close else ""
        if any("SEI" in name for name in missing):
            hint += "; PyBaMM's Chen2020 SEI values can stand in: pybamm_alloying.parameters.borrowed_sei_parameters"
        raise ParameterError(
            missing[0], "missing", f"given (the model's options need {len(missing)} "
            f"parameters this set lacks: {missing})", hint
        )


def validate(parameter_values, model=None) -> None:
    """Check ``parameter_values`` for ``model`` before a solve.

    ``model`` is a :class:`~pybamm_alloying.DFN` (its alloy electrode and phases, every
    parameter its options need, and in a full cell the voltage cut-offs against the
    open-circuit window), a :class:`~pybamm_alloying.ParticleLithiation`, or None (the
    negative electrode of a full cell). Raises :class:`ParameterError` or
    :class:`ProtocolError`.
    """
    values = (
        parameter_values
        if isinstance(parameter_values, pybamm.ParameterValues)
        else pybamm.ParameterValues(parameter_values)
    )
    domain, prefixes, full_cell = "negative", [""], model is None
    if model is not None:
        _missing_parameters(values, model)
    if hasattr(model, "alloy_phases"):
        domain = model.alloy_domain
        prefixes = ["" if not name else f"{phase.capitalize()}: " for phase, name in model.alloy_phases]
        full_cell = domain == "negative"
    for prefix in prefixes:
        validate_parameter_values(values, domain, prefix)
    if full_cell:
        validate_cut_offs(
            values, values["Lower voltage cut-off [V]"], values["Upper voltage cut-off [V]"]
        )
