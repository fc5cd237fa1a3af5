"""Input checks that run before any solve: parameters, protocols, names, options and settings.

Every rule raises a specific exception that names the input, its value and the allowed
range: :class:`ParameterError` (parameter values), :class:`ProtocolError` (cycling
protocols and experiments), :class:`UnknownNameError` (couple, protocol or parameter
names, with the closest match), :class:`ArgumentError` (an argument of the wrong type,
or a setting such as the shell's mesh points) and :class:`OptionCompatibilityError`
(model options that the code does not support together). The first four are
``ValueError``\\ s, the last a :class:`pybamm.OptionError`.

The loaders (:func:`~pybamm_alloying.load_parameter_set`, ``load_half_cell``), the
protocols (:func:`~pybamm_alloying.studies.load_protocol`), the models' option handling
and the studies call these checks; the models run :func:`check_model_values` when
PyBaMM processes their parameters (:mod:`pybamm_alloying.models.checks`). What fails
inside PyBaMM's processing before that (a NaN, a zero radius) and the shell's mesh
points are checked, for a :class:`pybamm.Simulation` built by hand, by :func:`validate`::

    pybamm_alloying.validate(simulation)  # its values, model, experiment and mesh points
    pybamm_alloying.validate(parameter_values, model, experiment, var_pts)

Entries that are expressions of PyBaMM input parameters (a composite electrode's volume
fractions in its alloy mass fraction) cannot be evaluated before the solve and are
skipped.
"""

import difflib
import numbers
from collections.abc import Mapping
from functools import cache

import numpy as np
import pybamm

from .geometry import MIN_SHELL_POINTS
from .prefixes import NEGATIVE, PHASES
from .submodels.alloy_parameters import AlloyParameters, EvaluatedParticle
from .submodels.surface_drive import SURFACE_CONCENTRATION

#: Stoichiometries at which the OCP branches and the diffusivity are checked: the
#: closed interval a particle can reach, less 1e-3 at each end.
STOICHIOMETRY_GRID = np.linspace(1e-3, 1 - 1e-3, 500)

#: A name that the model does not read and no parameter set holds is taken
#: for a misspelling of the closest known name when difflib rates them this similar
#: (a typo, a changed case or unit); farther names (a user's own) pass.
MISSPELLING_CUTOFF = 0.85


#: The cell's regions, as PyBaMM names their values.
REGIONS = ("Negative electrode", "Separator", "Positive electrode")

#: Cell values checked wherever they are numbers: (name, low, high, closed ends).
CELL_RANGES = (
    *((f"{part} thickness [m]", 0, np.inf, "()") for part in REGIONS),
    *((f"{part} porosity", 0, 1, "()") for part in REGIONS),
    ("Negative electrode active material volume fraction", 0, 1, "(]"),
    ("Positive electrode active material volume fraction", 0, 1, "(]"),
    ("Electrode width [m]", 0, np.inf, "()"),
    ("Electrode height [m]", 0, np.inf, "()"),
    ("Nominal cell capacity [A.h]", 0, np.inf, "()"),
    ("Initial concentration in electrolyte [mol.m-3]", 0, np.inf, "()"),
    ("Reference temperature [K]", 0, np.inf, "()"),
    ("Initial temperature [K]", 0, np.inf, "()"),
    ("Ambient temperature [K]", 0, np.inf, "()"),
)

#: Keys of a parameter dictionary that are not parameter values.
METADATA = ("chemistry", "citations")


class ValidationError(ValueError):
    """An input outside its allowed range; ``name``, ``value`` and ``allowed`` say which."""

    def __init__(self, name: str, value, allowed: str, hint: str = ""):
        self.name, self.value, self.allowed = name, value, allowed
        super().__init__(f"{name} must be {allowed}, not {value!r}{hint}")


class ParameterError(ValidationError):
    """A parameter value outside its physical range."""


class ProtocolError(ValidationError):
    """A cycling protocol or experiment that cannot run: C-rate, voltages, cycle count."""


class UnknownNameError(ValidationError):
    """A couple, protocol or parameter name that is not known; suggests the closest one."""


class ArgumentError(ValidationError):
    """An argument of the wrong type (a model, a dictionary of values) or a setting out
    of range (the shell's mesh points)."""


class OptionCompatibilityError(pybamm.OptionError):
    """Model options that the alloy models do not support together."""


def suggestion(name, known, cutoff: float = 0.6) -> str:
    """``"; did you mean 'x'?"`` with the closest of ``known`` (difflib, ignoring
    case), or ``""``."""
    by_lower = {str(key).lower(): key for key in known}
    close = difflib.get_close_matches(str(name).lower(), list(by_lower), n=1, cutoff=cutoff)
    return f"; did you mean {by_lower[close[0]]!r}?" if close else ""


def check_name(kind: str, name: str, known) -> None:
    """Rule: ``name`` is one of ``known``; otherwise :class:`UnknownNameError` with the
    closest match (difflib)."""
    known = list(known)
    if name not in known:
        raise UnknownNameError(kind, name, f"one of {known}", suggestion(name, known))


def check_key(kind: str, name: str, known, allowed: str) -> None:
    """Rule: ``name`` is one of the (many) ``known`` names, described by ``allowed``;
    otherwise :class:`UnknownNameError` with the closest one."""
    if name not in known:
        raise UnknownNameError(kind, name, allowed, suggestion(name, known))


def _interval(low: float, high: float, closed: str) -> str:
    """An interval in words: ``"finite and > 0"``, ``"in [0, 1)"``."""
    if np.isinf(high):
        return (
            f"finite and {'>=' if closed[0] == '[' else '>'} {low:g}"
            if np.isfinite(low)
            else "finite"
        )
    if np.isinf(low):
        return f"finite and {'<=' if closed[1] == ']' else '<'} {high:g}"
    return f"in {closed[0]}{low:g}, {high:g}{closed[1]}"


def check_number(
    name: str,
    value,
    low: float = -np.inf,
    high: float = np.inf,
    closed: str = "()",
    error: type[ValidationError] = ParameterError,
    allowed: str | None = None,
    hint: str = "",
) -> None:
    """Rule: ``value`` is a finite real number (not a bool) between ``low`` and ``high``,
    each end open or closed as ``closed`` says (``"()"``, ``"[)"``, ``"(]"`` or
    ``"[]"``). Raises ``error`` naming ``name`` and the interval (or ``allowed``)."""
    if isinstance(value, numbers.Real) and not isinstance(value, bool) and np.isfinite(value):
        above = value >= low if closed[0] == "[" else value > low
        below = value <= high if closed[1] == "]" else value < high
        if above and below:
            return
    raise error(name, value, allowed or _interval(low, high, closed), hint)


def _is_value(value) -> bool:
    """A finite number, a function, a PyBaMM expression, data or ``"[input]"``."""
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        return bool(np.isfinite(value))
    return (
        callable(value)
        or isinstance(value, pybamm.Symbol | tuple)
        or (isinstance(value, str) and value == "[input]")
    )


def check_values(values, name: str = "parameter values") -> None:
    """Rule: ``values`` is a dictionary (or :class:`pybamm.ParameterValues`) whose every
    value is a finite number (not a bool), a function, a PyBaMM expression, data or
    ``"[input]"``. PyBaMM stores NaN as a missing value, so without this rule a NaN
    would pass every check and fail in the solve as "Parameter ... not found"."""
    if not isinstance(values, Mapping | pybamm.ParameterValues):
        raise ArgumentError(name, values, "a dict of parameter names to values")
    for key, value in values.items():
        if key not in METADATA and not _is_value(value):
            raise ParameterError(
                key, value, "a finite number, a function, a PyBaMM expression or '[input]'"
            )


def half_cell_name(name: str) -> str:
    """The name a full cell's negative-electrode value has in a half cell, where PyBaMM
    puts the working electrode in the positive slot."""
    return name.replace("Negative", "Positive").replace("negative", "positive")


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


def _scalars(particle: EvaluatedParticle, *quantities: str) -> list[float] | None:
    """The particle's ``quantities`` as floats, or None if one is missing or needs inputs."""
    try:
        return [getattr(particle, quantity) for quantity in quantities]
    except (KeyError, ValueError, TypeError, NotImplementedError):
        return None


def _name_of(symbol) -> str:
    """Name of the first (function) parameter in ``symbol``: the one a user sets."""
    return next(
        s.name
        for s in symbol.pre_order()
        if isinstance(s, pybamm.Parameter | pybamm.FunctionParameter)
    )


def _in_range(values, symbol, low: float = -np.inf, high: float = np.inf, closed: str = "()"):
    """Rule helper: every value of ``symbol`` passes :func:`check_number` under the name
    of its first parameter; skipped where ``symbol`` cannot be evaluated."""
    evaluated = _evaluate(values, symbol)
    for value in () if evaluated is None else evaluated:
        check_number(_name_of(symbol), float(value), low, high, closed)


def _check_positive_values(values, alloy: AlloyParameters, T) -> None:
    """Rule: radius, c_max, k_i(T), D(sto, T) on :data:`STOICHIOMETRY_GRID`, the
    exchange-current density half-way through the alloy's range, (c_conv + c_max)/2
    (c_conv = 0 for an alloy couple; a conversion set's j0 vanishes at c_conv, which can
    be c_max/2: Na-Sb2O3), yield strength, front interface width and SEI carrier
    diffusivity finite and > 0."""
    phase = alloy.phase_param
    c_max = phase.c_max
    conversion = (
        f"{alloy.prefix}{alloy.domain.capitalize()} electrode conversion concentration [mol.m-3]"
    )
    c_conv = pybamm.Parameter(conversion) if conversion in values.keys() else 0
    for symbol in (
        phase.R_typ,
        c_max,
        alloy.k_i(T),
        phase.D(pybamm.Vector(STOICHIOMETRY_GRID) * c_max, T),
        phase.j0(pybamm.Scalar(1000.0), 0.5 * (c_conv + c_max), T),
        alloy.yield_strength,
        alloy.interface_width,
        alloy.D_sei,
    ):
        _in_range(values, symbol, 0)


def _check_concentrations(values, alloy: AlloyParameters) -> None:
    """Rule: 0 <= c_core < c_eq < c_max (core, shell equilibrium, full shell)."""
    scalars = _scalars(EvaluatedParticle(values, alloy=alloy), "c_max", "c_eq", "c_core")
    if scalars is None:
        return
    c_max, c_eq, c_core = scalars
    check_number(alloy.c_eq.name, c_eq, high=c_max, allowed=f"< c_max = {c_max:g}")
    check_number(alloy.c_core.name, c_core, 0, c_eq, "[)", allowed=f"in [0, c_eq = {c_eq:g})")


def _check_initial_concentration(values, alloy: AlloyParameters) -> None:
    """Rule: a numeric initial concentration of the alloy lies in [0, c_max] (the
    particle starts between empty and a full shell)."""
    scalars = _scalars(EvaluatedParticle(values, alloy=alloy), "c_max")
    if scalars is not None:
        c_init = pybamm.Parameter(alloy.phase_param.c_init.name)
        _in_range(values, c_init, 0, scalars[0], "[]")


def _check_fractions(values, alloy: AlloyParameters) -> None:
    """Rule: residual core fraction and residual shell ratio in (0, 1), expansion ratio
    >= 1, initial SEI film thickness and front interface energy >= 0."""
    _in_range(values, alloy.q_min, 0, 1)
    _in_range(values, alloy.delta, 0, 1)
    _in_range(values, alloy.beta, 1, closed="[)")
    _in_range(values, alloy.L_sei_0, 0, closed="[)")
    _in_range(values, alloy.interface_energy, 0, closed="[)")


def _check_fracture(values, alloy: AlloyParameters) -> None:
    """Rule: shell Young's modulus and fracture energy finite and > 0, shell Poisson's
    ratio in (-1, 0.5), fracture LAM rate >= 0 (the fracture criterion's inputs)."""
    _in_range(values, alloy.shell_modulus, 0)
    _in_range(values, alloy.fracture_energy, 0)
    _in_range(values, alloy.shell_poisson, -1, 0.5)
    _in_range(values, alloy.fracture_lam_rate, 0, closed="[)")


def _check_mass_fraction(values, domain: str) -> None:
    """Rule: a composite electrode's alloy mass fraction lies in [0, 1) (graphite
    beside the alloy: ``parameters/composite.py``)."""
    fraction = pybamm.Parameter(f"{domain.capitalize()} electrode alloy mass fraction")
    _in_range(values, fraction, 0, 1, "[)")


def _ocp_branches(values, phase, T) -> dict:
    """{label: U on STOICHIOMETRY_GRID} of the branches present in ``values``."""
    sto = pybamm.Vector(STOICHIOMETRY_GRID)
    branches = {}
    for label, lithiation in (
        ("mean", None),
        ("lithiation", "lithiation"),
        ("delithiation", "delithiation"),
    ):
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
            raise ParameterError(
                name, "non-finite values", "finite on stoichiometry [0.001, 0.999]"
            )
        _refuse_first(
            name, np.diff(U) >= 0, "non-decreasing", "strictly decreasing in stoichiometry"
        )
    if "lithiation" in branches and "delithiation" in branches:
        (name, low), (_, high) = branches["lithiation"], branches["delithiation"]
        _refuse_first(
            name, low > high, "above the delithiation branch", "at or below the delithiation branch"
        )


def _refuse_first(name: str, failing, found: str, allowed: str) -> None:
    """:class:`ParameterError` at the first stoichiometry of :data:`STOICHIOMETRY_GRID`
    where ``failing`` holds, if any."""
    failed = np.flatnonzero(failing)
    if failed.size:
        sto = STOICHIOMETRY_GRID[failed[0]]
        raise ParameterError(name, f"{found} at stoichiometry {sto:.3f}", allowed)


def validate_parameter_values(values, domain: str = "negative", phase_prefix: str = "") -> None:
    """Check the alloy phase of ``values`` before a solve; raise :class:`ParameterError`.

    ``domain`` is the alloy electrode (``"negative"``, or ``"positive"`` in a half cell),
    ``phase_prefix`` its phase prefix (``""``, ``"Primary: "`` or ``"Secondary: "``).
    Rules: every value a finite number, a function, an expression or ``"[input]"``
    (:func:`check_values`); radius, c_max, interface rate constant k_i(T_ref),
    diffusivity D(sto, T_ref), exchange-current density, yield strength, front
    interface width and SEI carrier diffusivity finite and > 0; 0 <= c_core < c_eq <
    c_max; a numeric initial concentration in [0, c_max]; residual core fraction and
    residual shell ratio in (0, 1); volume expansion ratio >= 1; initial SEI film and
    front interface energy >= 0; shell Young's modulus and fracture energy > 0, shell
    Poisson's ratio in (-1, 0.5), fracture LAM rate >= 0; a composite's alloy mass
    fraction in [0, 1); OCP branches finite, strictly decreasing, lithiation <=
    delithiation. Missing entries are left to PyBaMM (and to :func:`validate` with a
    model); entries that need input parameters are skipped.
    """
    check_values(values)
    values = (
        values if isinstance(values, pybamm.ParameterValues) else pybamm.ParameterValues(values)
    )
    phase = _phase_param(domain, phase_prefix)
    alloy = AlloyParameters(phase)
    T = pybamm.Scalar(values["Reference temperature [K]"])
    _check_positive_values(values, alloy, T)
    _check_concentrations(values, alloy)
    _check_initial_concentration(values, alloy)
    _check_fractions(values, alloy)
    _check_fracture(values, alloy)
    _check_mass_fraction(values, domain)
    _check_ocp(values, phase, T)


def validate_design_inputs(values: dict) -> None:
    """Check the file values a couple's cell is derived from (``parameters/design.py``)
    before the design rule divides by them; raise :class:`ParameterError`.

    Rules: host molar mass and density, conductive carbon and binder densities and
    carriers per host atom finite and > 0; 0 <= core carriers < shell carriers <
    carriers per host atom (so that 0 <= c_core < c_eq < c_max); initial anode
    stoichiometry sto_0 in [0, 1); cathode stoichiometries 0 < full charge < full
    discharge < 1; swelling thickness fraction in [0, 1]; N/P > 1 / (1 - sto_0), so that
    the charged anode's stoichiometry sto_0 + 1/(N/P) stays below 1.
    """
    for quantity in (
        "host molar mass [kg.mol-1]",
        "host density [kg.m-3]",
        "conductive carbon density [kg.m-3]",
        "binder density [kg.m-3]",
        "carriers per host atom",
    ):
        check_number(NEGATIVE + quantity, values[NEGATIVE + quantity], 0)
    full, shell, core = (
        values[f"{NEGATIVE}{kind}carriers per host atom"] for kind in ("", "shell ", "core ")
    )
    check_number(f"{NEGATIVE}core carriers per host atom", core, 0, full, "[)")
    check_number(
        f"{NEGATIVE}shell carriers per host atom",
        shell,
        core,
        full,
        hint=": between the core's and the full phase's",
    )
    sto_0 = values["Initial negative electrode stoichiometry"]
    check_number("Initial negative electrode stoichiometry", sto_0, 0, 1, "[)")
    cathode = "Positive electrode stoichiometry at full "
    charged, discharged = values[cathode + "charge"], values[cathode + "discharge"]
    check_number(cathode + "discharge", discharged, 0, 1)
    check_number(cathode + "charge", charged, 0, discharged, hint=": below full discharge")
    check_number(
        NEGATIVE + "swelling thickness fraction",
        values[NEGATIVE + "swelling thickness fraction"],
        0,
        1,
        "[]",
    )
    check_number(
        "N/P capacity ratio",
        values["N/P capacity ratio"],
        1 / (1 - sto_0),
        hint=": the charged anode's stoichiometry, 'Initial negative electrode stoichiometry' + "
        "1/(N/P), must stay below 1",
    )


def _negative_ocps(values, T) -> list:
    """U_n on :data:`STOICHIOMETRY_GRID` of every phase of the negative electrode."""
    sto = pybamm.Vector(STOICHIOMETRY_GRID)
    ocps = (_evaluate(values, _phase_param("negative", prefix).U(sto, T)) for prefix in PHASES)
    return [U for U in ocps if U is not None]


def ocv_window(values) -> tuple[float, float]:
    """(lowest, highest) open-circuit voltage a full cell's electrodes can produce [V].

    The extremes of U_p(sto_p) - U_n(sto_n) over stoichiometries in [1e-3, 1 - 1e-3] of
    both electrodes' (mean) OCPs at the reference temperature; in a composite anode,
    U_n over every phase.
    """
    T = values["Reference temperature [K]"]
    U_n = np.concatenate(_negative_ocps(values, T))
    U_p = pybamm.LithiumIonParameters().p.prim.U(pybamm.Vector(STOICHIOMETRY_GRID), T)
    U_p = _evaluate(values, U_p)
    return float(U_p.min() - U_n.max()), float(U_p.max() - U_n.min())


def _window(low: float, high: float) -> str:
    return f"inside the open-circuit window [{low:.3f}, {high:.3f}] V"


def validate_cut_offs(values, lower: float, upper: float) -> None:
    """Rule: lower < upper, both finite and inside :func:`ocv_window` of a full cell.

    A cut-off outside the window is never reached at open circuit: the step would run
    until an electrode empties. Raises :class:`ProtocolError`.
    """
    if not lower < upper:
        raise ProtocolError("cut-offs", (lower, upper), "ordered, lower < upper [V]")
    low, high = ocv_window(values)
    for name, value in (("lower voltage cut-off [V]", lower), ("upper voltage cut-off [V]", upper)):
        check_number(name, value, low, high, error=ProtocolError, allowed=_window(low, high))


def experiment_voltages(experiment: pybamm.Experiment | None) -> dict[str, float]:
    """{label: voltage [V]} of every number an experiment step holds or stops at (not a
    drive cycle or an input); empty for no experiment."""
    voltages = {}
    for step in () if experiment is None else experiment.steps:
        held = [step.value] if isinstance(step, pybamm.step.Voltage) else []
        ends = [t.value for t in step.termination if isinstance(t, pybamm.step.VoltageTermination)]
        for voltage in held + ends:
            if isinstance(voltage, numbers.Real):
                voltages[f"voltage of experiment step {str(step)!r} [V]"] = voltage
    return voltages


def check_protocol_voltages(values, voltages: Mapping[str, float]) -> None:
    """Rule: every voltage of ``voltages`` ({label: value [V]}) that a protocol holds or
    stops at lies inside the full cell's :func:`ocv_window` (beyond it the step never
    ends at open circuit). Raises :class:`ProtocolError` naming the label."""
    if not voltages:
        return
    low, high = ocv_window(values)
    for label, voltage in voltages.items():
        check_number(label, voltage, low, high, error=ProtocolError, allowed=_window(low, high))


def _check_cell(values) -> None:
    """Rule: thicknesses, electrode size, nominal capacity, electrolyte concentration and
    temperatures finite and > 0; porosities in (0, 1); active material volume fractions
    in (0, 1] (:data:`CELL_RANGES`, where they are numbers)."""
    for name, low, high, closed in CELL_RANGES:
        _in_range(values, pybamm.Parameter(name), low, high, closed)


# -- a model's parameters -------------------------------------------------------------


def _check_model(model) -> None:
    """Rule: ``model`` is None or one of this package's models (it has ``alloy_options``):
    PyBaMM's own would treat the alloy as a solid solution."""
    alloy_model = isinstance(model, pybamm.BaseModel) and hasattr(model, "alloy_options")
    if model is not None and not alloy_model:
        raise ArgumentError(
            "model",
            model,
            "a pybamm_alloying.DFN, a pybamm_alloying.ParticleLithiation or None",
            " (PyBaMM's own models would treat the shrinking-core alloy as a solid solution)",
        )


def _check_cell_kind(values, model) -> None:
    """Rule: a full-cell model gets a full cell's values, a half-cell model
    (``{"working electrode": "positive"}``) a half cell's
    (:func:`~pybamm_alloying.load_half_cell`: the alloy's values in the positive slot)."""
    if not hasattr(model, "alloy_domain"):  # the single particle has no cell
        return
    c_eq = half_cell_name(AlloyParameters(_phase_param("negative", "")).c_eq.name)
    half_values = any(key.endswith(c_eq) for key in values.keys())
    if model.alloy_domain == "negative" and half_values:
        raise ParameterError(
            "parameter values",
            "a half cell's (the alloy in the positive slot)",
            "a full cell's for a full-cell model",
            "; a half cell runs in pybamm_alloying.DFN({'working electrode': 'positive'})",
        )
    if model.alloy_domain == "positive" and not half_values:
        raise ParameterError(
            "parameter values",
            "a full cell's",
            "a half cell's for a half-cell model "
            "({'working electrode': 'positive'}: the alloy in the positive slot)",
            "; load them with pybamm_alloying.load_half_cell(name)",
        )


def _check_particle_kind(values, model) -> None:
    """Rule: a conversion-alloying set (it holds ``"... conversion concentration
    [mol.m-3]"``) runs with ``"alloy particle": "conversion"``; another particle would
    move its conversion front back out and return the locked carrier (docs/theory.md
    section 13). A conversion particle on an alloy set misses that value
    (:func:`_missing_parameters`)."""
    particle = getattr(model, "alloy_options", {}).get("alloy particle")
    conversion = any(key.endswith("conversion concentration [mol.m-3]") for key in values.keys())
    if conversion and particle != "conversion":
        raise OptionCompatibilityError(
            f"option 'alloy particle' must be 'conversion' for a conversion-alloying parameter "
            f"set (it holds a conversion concentration), not {particle!r}"
        )


def _missing_parameters(values, read) -> None:
    """Rule: every parameter the model reads (``read``) is in ``values`` (closest name
    suggested).

    The missing names are sorted, so the message names the same parameter first in
    every process (PyBaMM's parameter info follows set order, which string hashing
    varies between runs)."""
    missing = sorted(name for name in read if name not in values.keys())
    if missing:
        close = difflib.get_close_matches(missing[0], list(values.keys()), n=1)
        hint = f"; closest present: {close[0]!r}" if close else ""
        if any("SEI" in name for name in missing):
            hint += "; PyBaMM's Chen2020 SEI values can stand in: pybamm_alloying.parameters.borrowed_sei_parameters"
        raise ParameterError(
            missing[0],
            "missing",
            f"given (the model's options need {len(missing)} parameters this set lacks: {missing})",
            hint,
        )


def _unprefixed(name: str) -> str:
    """``name`` without its phase prefix (``"Secondary: "``, :data:`PHASES`)."""
    return next((name.removeprefix(p) for p in PHASES if p and name.startswith(p)), name)


@cache
def known_names() -> frozenset[str]:
    """Every name a parameter set can hold: those of PyBaMM's own registered sets (the
    partners among them) and of this package's
    (:func:`~pybamm_alloying.parameters.loader.shipped_names`), each also under its
    half-cell name (:func:`half_cell_name`)."""
    from .parameters.composite import composite_names  # the parameters import this module
    from .parameters.loader import set_names, shipped_names

    ours = {*set_names(), *composite_names()}
    names = set(shipped_names()).union(
        *(pybamm.parameter_sets[name] for name in pybamm.parameter_sets if name not in ours)
    )
    return frozenset(names | {half_cell_name(name) for name in names})


def _misspelled_names(values, read) -> None:
    """Rule: a name in ``values`` that the model does not read (``read``) and no parameter
    set holds (:func:`known_names`, phase prefix aside) must not be a near miss of one of
    those (:data:`MISSPELLING_CUTOFF`): PyBaMM adds any new name without a word, and
    the value it was meant for keeps its old one. Raises :class:`UnknownNameError` with
    the closest known name."""
    known = known_names() | set(read)
    for name in values.keys():
        if name in known or _unprefixed(name) in known:
            continue
        hint = suggestion(name, known, MISSPELLING_CUTOFF)
        if hint:
            raise UnknownNameError(
                "parameter name", name, "one the model reads or a parameter set holds", hint
            )


def _check_surface_drive(values, read) -> None:
    """Rule: the held surface composition of a single particle lies in [0, c_max]."""
    if SURFACE_CONCENTRATION in read:
        scalars = _scalars(EvaluatedParticle(values), "c_max")
        if scalars is not None:
            _in_range(values, pybamm.Parameter(SURFACE_CONCENTRATION), 0, scalars[0], "[]")


def _check_shell_points(model, var_pts) -> None:
    """Rule: the mesh points of each shell coordinate in ``var_pts`` are an integer >=
    :data:`MIN_SHELL_POINTS` of the particle variant (fewer end in an ``IndexError``
    of PyBaMM's finite volumes)."""
    given = {getattr(key, "name", key): points for key, points in var_pts.items()}
    least = MIN_SHELL_POINTS[model.alloy_options["alloy particle"]]
    for coordinate in model.default_var_pts:
        name = getattr(coordinate, "name", coordinate)
        if isinstance(coordinate, pybamm.SpatialVariable) and name in given:
            points = given[name]
            if isinstance(points, bool) or not (
                isinstance(points, numbers.Integral) and points >= least
            ):
                raise ArgumentError(
                    f"var_pts of the shell coordinate {name!r}", points, f"an integer >= {least}"
                )


def validate(parameter_values, model=None, experiment=None, var_pts=None) -> None:
    """Check a simulation's inputs before a solve.

    ``parameter_values`` (a :class:`pybamm.ParameterValues` or a dict) for ``model``: a
    :class:`~pybamm_alloying.DFN` (its alloy electrode and phases, every parameter its
    options need, in a full cell the voltage cut-offs against the open-circuit window),
    a :class:`~pybamm_alloying.ParticleLithiation` (its held composition in [0, c_max])
    or None (the negative electrode of a full cell); ``experiment``'s voltages inside
    the window; ``var_pts``' shell points. A :class:`pybamm.Simulation` passed as
    ``parameter_values`` gives all four.

    With a model, a name that it does not read and no parameter set holds but that is
    within a typo of one (``"Negative particle radus [m]"``) is refused with the
    closest name: PyBaMM's ``ParameterValues.update`` adds it silently. Raises
    :class:`ParameterError`, :class:`ProtocolError`, :class:`UnknownNameError` or
    :class:`ArgumentError`.
    """
    if isinstance(parameter_values, pybamm.Simulation):
        simulation = parameter_values
        parameter_values, model = simulation.parameter_values, simulation.model
        experiment, var_pts = getattr(simulation, "experiment", None), simulation.var_pts
    check_values(parameter_values)
    _check_model(model)
    values = (
        parameter_values
        if isinstance(parameter_values, pybamm.ParameterValues)
        else pybamm.ParameterValues(parameter_values)
    )
    voltages = experiment_voltages(experiment)
    if model is None:
        _check_alloy_and_cell(values, None, voltages)
        return
    _check_shell_points(model, var_pts or {})
    check_model_values(values, model, set(model.get_parameter_info()), voltages)


def check_model_values(values, model, read, voltages: Mapping[str, float] | None = None) -> None:
    """Check ``values`` (a :class:`pybamm.ParameterValues`) for one of this package's
    models before a solve; ``read`` are the names of the parameters the model's
    unprocessed equations read (``model.get_parameter_info()``), ``voltages`` the
    protocol's ({label: value [V]}, :func:`check_protocol_voltages`).

    Rules as :func:`validate`: the cell kind matches the model, every parameter it
    reads is given, no name is a near miss of a known one, the held composition of a
    single particle lies in [0, c_max], the alloy phases pass
    :func:`validate_parameter_values`, the cell values :data:`CELL_RANGES`, and in a
    full cell the cut-offs and the protocol's voltages lie inside the open-circuit
    window. This is the check that
    :class:`~pybamm_alloying.models.checks.ParameterChecks` runs when PyBaMM processes
    the model's parameters.
    """
    check_values(values)
    _check_cell_kind(values, model)
    _check_particle_kind(values, model)
    _missing_parameters(values, read)
    _misspelled_names(values, read)
    _check_surface_drive(values, read)
    _check_alloy_and_cell(values, model, voltages or {})


def _check_alloy_and_cell(values, model, voltages: Mapping[str, float]) -> None:
    """Rule: every alloy phase of ``model`` (the negative electrode's for None or a
    single particle) passes :func:`validate_parameter_values`; the cell values pass
    :data:`CELL_RANGES`; a full cell's cut-offs and ``voltages`` lie inside its window."""
    domain, prefixes, full_cell = "negative", [""], model is None
    if hasattr(model, "alloy_phases"):
        domain = model.alloy_domain
        prefixes = [
            "" if not name else f"{phase.capitalize()}: " for phase, name in model.alloy_phases
        ]
        full_cell = domain == "negative"
    for prefix in prefixes:
        validate_parameter_values(values, domain, prefix)
    _check_cell(values)
    if full_cell:
        validate_cut_offs(
            values, values["Lower voltage cut-off [V]"], values["Upper voltage cut-off [V]"]
        )
        check_protocol_voltages(values, voltages)
