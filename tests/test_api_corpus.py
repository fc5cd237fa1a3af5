"""A held bad-input corpus for the Python API (issue 23): each case with the exception it
must raise before any solve.

Every case calls one public entry point with one bad input and must raise the named
type (a :class:`~pybamm_alloying.validation.ValidationError` subclass or a
:class:`pybamm.OptionError`, never a ``ZeroDivisionError``, ``IndexError``, ``KeyError``
or a SciPy message) with a message that names the input and its allowed range. Every
way to start a solve is replaced by a tripwire (:class:`Solved`), so a case that is not
refused in the check phase fails at once instead of running. Sweeps run on
:class:`Inline`, which runs each case in this process, where the tripwire holds.

"""

import math
import re
from concurrent.futures import Executor, Future

import pybamm
import pytest

import pybamm_alloying as pa
from pybamm_alloying.geometry import shell_coordinate
from pybamm_alloying.parameters import load_composite_set
from pybamm_alloying.regime import conversion_time, regime_from_parameters
from pybamm_alloying.studies import (
    arrest_fraction,
    critical_fracture_diameter,
    critical_full_lithiation_diameter,
    critical_sizes,
    load_protocol,
    run_cycling,
    self_limiting_lithiation,
)
from pybamm_alloying.studies.anode_comparison import compare_anodes, design_case, design_sweep
from pybamm_alloying.studies.composite import COMPOSITE_OPTIONS, composite_study, composite_values
from pybamm_alloying.studies.front_kinetics import held_front
from pybamm_alloying.studies.rate_limit import lithiation_rate_limit, rate_limit_table
from pybamm_alloying.validation import (
    ArgumentError,
    OptionCompatibilityError,
    ParameterError,
    ProtocolError,
    UnknownNameError,
    ValidationError,
)

N, P = "Negative electrode ", "Positive electrode "
R = "Negative particle radius [m]"
C_MAX = "Maximum concentration in negative electrode [mol.m-3]"
C_EQ = N + "shell equilibrium concentration [mol.m-3]"
C_CORE = N + "core concentration [mol.m-3]"
SURFACE = "Particle surface concentration [mol.m-3]"
FLUX = "Particle surface flux [mol.m-2.s-1]"
NAN, INF = math.nan, math.inf
LI_SI = pybamm.ParameterValues("LiSi_NMC811")
HELD_VALUES = LI_SI.copy()
HELD_VALUES.update({SURFACE: 3e5, "Initial concentration in negative electrode [mol.m-3]": 0.0})
FLUX_VALUES = LI_SI.copy()
FLUX_VALUES.update({FLUX: 1e-4})
COMPOSITE = "LiSi_graphite_NMC811"

FULL = pa.DFN()
QUASI = pa.DFN({"alloy particle": "quasi-steady"})
HALF = pa.DFN({"working electrode": "positive"})
COMPOSITE_DFN = pa.DFN(COMPOSITE_OPTIONS)
HELD = pa.ParticleLithiation()
DRIVEN = pa.ParticleLithiation(drive="galvanostatic")
XI = shell_coordinate("negative")


class Solved(Exception):
    """A solve started: the input was not refused in the check phase."""


class Inline(Executor):
    """Runs each submitted case at once in this process, where the tripwire holds."""

    def submit(self, fn, /, *args, **kwargs):
        future = Future()
        future.set_result(fn(*args, **kwargs))
        return future


@pytest.fixture(autouse=True)
def tripwire(monkeypatch):
    def solve(*args, **kwargs):
        raise Solved("a solve started: the input was not refused before it")

    for owner in (pybamm.Simulation, pybamm.BaseSolver):
        monkeypatch.setattr(owner, "solve", solve)
        monkeypatch.setattr(owner, "step", solve)


def changed(changes: dict, base: pybamm.ParameterValues = LI_SI) -> pybamm.ParameterValues:
    values = base.copy()
    values.update(changes)
    return values


def checked(changes: dict, model=FULL, base=LI_SI, **settings):
    """``validate`` of ``base`` with ``changes`` for ``model`` (a hand-built simulation)."""
    return lambda: pa.validate(changed(changes, base), model, **settings)


def loaded(overrides, name: str = "LiSi_NMC811"):
    return lambda: pa.load_parameter_set(name, overrides)


def cycled(**kwargs):
    return lambda: run_cycling(**{"cycles": 1, **kwargs})


def shell_points(points, model=FULL, base=LI_SI):
    return checked({}, model, base, var_pts={**model.default_var_pts, XI: points})


def must(name: str, allowed: str) -> str:
    """Regex: the message names ``name`` and then its allowed range (a regex)."""
    return f"{re.escape(name)} must be {allowed}"


FINITE = r"a finite number, a function, a PyBaMM expression or '\[input\]', not "
WINDOW = r"inside the open-circuit window \[2\.364, 4\.632\] V, not "
SETS = r"must be one of \[.*'LiSi_NMC811'.*\], not "
SEI_MISSING = r"Bulk solvent concentration \[mol\.m-3\] must be given .*'SEI solvent diffusivity \[m2\.s-1\]'.*borrowed_sei_parameters"
TYPO = r"parameter name must be one the model reads or a parameter set holds, not "


def case(id_: str, call, error: type[Exception], pattern: str):
    return pytest.param(call, error, pattern, id=id_)


CORPUS = [
    # -- load_parameter_set: names, overrides, the design rule's inputs ------------------
    case(
        "load-unknown-name",
        lambda: pa.load_parameter_set("LiXx_NMC811"),
        UnknownNameError,
        "parameter set " + SETS + "'LiXx_NMC811'",
    ),
    case(
        "load-wrong-case",
        lambda: pa.load_parameter_set("lisi_nmc811"),
        UnknownNameError,
        r"did you mean 'LiSi_NMC811'",
    ),
    case(
        "load-composite-name",
        lambda: pa.load_parameter_set(COMPOSITE),
        UnknownNameError,
        "parameter set " + SETS + f"'{COMPOSITE}'",
    ),
    case(
        "load-name-list",
        lambda: pa.load_parameter_set(["LiSi_NMC811"]),
        UnknownNameError,
        "parameter set " + SETS + r"\['LiSi_NMC811'\]",
    ),
    case(
        "load-name-none",
        lambda: pa.load_parameter_set(None),
        UnknownNameError,
        "parameter set " + SETS + "None",
    ),
    case(
        "load-half-cell-unknown-name",
        lambda: pa.load_half_cell("LiSi"),
        UnknownNameError,
        "parameter set " + SETS + "'LiSi'",
    ),
    case(
        "load-overrides-not-a-dict",
        loaded([(R, 1e-7)]),
        ArgumentError,
        r"overrides must be a dict of parameter names to values",
    ),
    case(
        "load-override-misspelled",
        loaded({"Negative particle radus [m]": 1e-7}),
        UnknownNameError,
        r"override must be a file or partner value of parameter set 'LiSi_NMC811', not 'Negative particle radus \[m\]'; did you mean 'Negative particle radius \[m\]'",
    ),
    case(
        "load-override-derived-c-max",
        loaded({C_MAX: 2e5}),
        ParameterError,
        must(C_MAX, r"left to the set: it is computed.*x rho / M"),
    ),
    case(
        "load-override-shared-diffusivity",
        loaded({"Negative particle diffusivity [m2.s-1]": 1e-15}),
        ParameterError,
        must("Negative particle diffusivity [m2.s-1]", "left to the set"),
    ),
    case(
        "load-radius-negative",
        loaded({R: -1e-7}),
        ParameterError,
        must(R, r"finite and > 0, not -1e-07"),
    ),
    case(
        "load-radius-zero", loaded({R: 0.0}), ParameterError, must(R, r"finite and > 0, not 0\.0")
    ),
    case("load-radius-nan", loaded({R: NAN}), ParameterError, must(R, FINITE + "nan")),
    case("load-radius-inf", loaded({R: INF}), ParameterError, must(R, FINITE + "inf")),
    case("load-radius-string", loaded({R: "1e-7"}), ParameterError, must(R, FINITE + "'1e-7'")),
    case("load-radius-none", loaded({R: None}), ParameterError, must(R, FINITE + "None")),
    case("load-radius-bool", loaded({R: True}), ParameterError, must(R, FINITE + "True")),
    case(
        "load-np-zero",
        loaded({"N/P capacity ratio": 0}),
        ParameterError,
        must("N/P capacity ratio", r"finite and > 1\.0101, not 0: .*must stay below 1"),
    ),
    case(
        "load-np-below-one",
        loaded({"N/P capacity ratio": 0.5}),
        ParameterError,
        must("N/P capacity ratio", r"finite and > 1\.0101, not 0\.5"),
    ),
    case(
        "load-np-inf",
        loaded({"N/P capacity ratio": INF}),
        ParameterError,
        must("N/P capacity ratio", FINITE + "inf"),
    ),
    case(
        "load-porosity-above-one",
        loaded({N + "porosity": 1.5}),
        ParameterError,
        must(N + "porosity", r"in \[0\.4104, 1\), not 1\.5"),
    ),
    case(
        "load-porosity-nan",
        loaded({N + "porosity": NAN}),
        ParameterError,
        must(N + "porosity", FINITE + "nan"),
    ),
    case(
        "load-host-density-zero",
        loaded({N + "host density [kg.m-3]": 0.0}),
        ParameterError,
        must(N + "host density [kg.m-3]", r"finite and > 0, not 0\.0"),
    ),
    case(
        "load-shell-carriers-above-full",
        loaded({N + "shell carriers per host atom": 5.0}),
        ParameterError,
        must(
            N + "shell carriers per host atom",
            r"in \(0, 3\.75\), not 5\.0: between the core's and the full phase's",
        ),
    ),
    case(
        "load-core-carriers-negative",
        loaded({N + "core carriers per host atom": -0.1}),
        ParameterError,
        must(N + "core carriers per host atom", r"in \[0, 3\.75\), not -0\.1"),
    ),
    case(
        "load-initial-stoichiometry-above-one",
        loaded({"Initial negative electrode stoichiometry": 1.2}),
        ParameterError,
        must("Initial negative electrode stoichiometry", r"in \[0, 1\), not 1\.2"),
    ),
    case(
        "load-cathode-window-reversed",
        loaded({"Positive electrode stoichiometry at full charge": 0.9}),
        ParameterError,
        must(
            "Positive electrode stoichiometry at full charge",
            r"in \(0, 0\.854\), not 0\.9: below full discharge",
        ),
    ),
    case(
        "load-expansion-below-one",
        loaded({N + "volume expansion ratio": 0.5}),
        ParameterError,
        must(N + "volume expansion ratio", r"finite and >= 1, not 0\.5"),
    ),
    case(
        "load-residual-core-one",
        loaded({N + "residual core volume fraction": 1.0}),
        ParameterError,
        must(N + "residual core volume fraction", r"in \(0, 1\), not 1\.0"),
    ),
    case(
        "load-swelling-fraction-two",
        loaded({N + "swelling thickness fraction": 2}),
        ParameterError,
        must(N + "swelling thickness fraction", r"in \[0, 1\], not 2"),
    ),
    case(
        "load-recipe-not-summing-to-one",
        loaded({N + "binder mass fraction": 0.5}),
        ParameterError,
        r"mass fractions must be non-negative and summing to 1",
    ),
    case(
        "load-reference-diffusivity-negative",
        loaded({"Negative particle reference diffusivity [m2.s-1]": -1e-15}),
        ParameterError,
        must("Negative particle diffusivity [m2.s-1]", r"finite and > 0, not -"),
    ),
    case(
        "load-sei-film-negative",
        loaded({N + "initial SEI film thickness [m]": -1e-9}),
        ParameterError,
        must(N + "initial SEI film thickness [m]", r"finite and >= 0, not -1e-09"),
    ),
    # -- validate(values, DFN): a hand-built simulation's values ---------------------------
    case(
        "validate-radius-negative",
        checked({R: -1e-7}),
        ParameterError,
        must(R, r"finite and > 0, not -1e-07"),
    ),
    case(
        "validate-radius-zero",
        checked({R: 0.0}),
        ParameterError,
        must(R, r"finite and > 0, not 0\.0"),
    ),
    case("validate-radius-nan", checked({R: NAN}), ParameterError, must(R, FINITE + "nan")),
    case("validate-radius-inf", checked({R: INF}), ParameterError, must(R, ".*finite.*, not inf")),
    case(
        "validate-radius-minus-inf",
        checked({R: -INF}),
        ParameterError,
        must(R, ".*finite.*, not -inf"),
    ),
    case("validate-radius-none", checked({R: None}), ParameterError, must(R, FINITE + "None")),
    case(
        "validate-radius-list",
        checked({R: [1e-6]}),
        UnknownNameError,
        TYPO
        + r"'Negative particle radius \(0\) \[m\]'; did you mean 'Negative particle radius \[m\]'",
    ),
    case("validate-c-max-nan", checked({C_MAX: NAN}), ParameterError, must(C_MAX, FINITE + "nan")),
    case(
        "validate-c-max-negative",
        checked({C_MAX: -1.0}),
        ParameterError,
        must(C_MAX, r"finite and > 0, not -1\.0"),
    ),
    case(
        "validate-c-eq-above-c-max",
        checked({C_EQ: 3.5e5}),
        ParameterError,
        must(C_EQ, r"< c_max = 310970, not 350000"),
    ),
    case(
        "validate-c-eq-at-c-max",
        checked({C_EQ: LI_SI[C_MAX]}),
        ParameterError,
        must(C_EQ, r"< c_max = 310970"),
    ),
    case("validate-c-eq-nan", checked({C_EQ: NAN}), ParameterError, must(C_EQ, FINITE + "nan")),
    case(
        "validate-c-core-negative",
        checked({C_CORE: -1.0}),
        ParameterError,
        must(C_CORE, r"in \[0, c_eq = 290239\), not -1\.0"),
    ),
    case(
        "validate-c-core-at-c-eq",
        checked({C_CORE: LI_SI[C_EQ]}),
        ParameterError,
        must(C_CORE, r"in \[0, c_eq = 290239\)"),
    ),
    case(
        "validate-residual-core-one",
        checked({N + "residual core volume fraction": 1.0}),
        ParameterError,
        must(N + "residual core volume fraction", r"in \(0, 1\), not 1\.0"),
    ),
    case(
        "validate-residual-core-zero",
        checked({N + "residual core volume fraction": 0.0}),
        ParameterError,
        must(N + "residual core volume fraction", r"in \(0, 1\), not 0\.0"),
    ),
    case(
        "validate-residual-core-nan",
        checked({N + "residual core volume fraction": NAN}),
        ParameterError,
        must(N + "residual core volume fraction", FINITE + "nan"),
    ),
    case(
        "validate-residual-shell-zero",
        checked({N + "residual shell thickness ratio": 0.0}),
        ParameterError,
        must(N + "residual shell thickness ratio", r"in \(0, 1\), not 0\.0"),
    ),
    case(
        "validate-expansion-nan",
        checked({N + "volume expansion ratio": NAN}),
        ParameterError,
        must(N + "volume expansion ratio", FINITE + "nan"),
    ),
    case(
        "validate-yield-strength-zero",
        checked({N + "shell yield strength [Pa]": 0.0}),
        ParameterError,
        must(N + "shell yield strength [Pa]", r"finite and > 0, not 0\.0"),
    ),
    case(
        "validate-diffusivity-function-negative",
        checked({"Negative particle diffusivity [m2.s-1]": lambda sto, T: -1e-15 + 0 * sto}),
        ParameterError,
        must("Negative particle diffusivity [m2.s-1]", r"finite and > 0, not -1e-15"),
    ),
    case(
        "validate-reference-diffusivity-nan",
        checked({"Negative particle reference diffusivity [m2.s-1]": NAN}),
        ParameterError,
        must("Negative particle reference diffusivity [m2.s-1]", FINITE + "nan"),
    ),
    case(
        "validate-rate-constant-zero",
        checked({N + "reference interface rate constant [m.s-1]": 0.0}),
        ParameterError,
        must(N + "interface rate constant [m.s-1]", r"finite and > 0, not 0\.0"),
    ),
    case(
        "validate-exchange-current-nan",
        checked({N + "exchange-current rate constant [A.m-2.(m3.mol-1)^1.5]": NAN}),
        ParameterError,
        must(N + "exchange-current rate constant [A.m-2.(m3.mol-1)^1.5]", FINITE + "nan"),
    ),
    case(
        "validate-sei-film-negative",
        checked({N + "initial SEI film thickness [m]": -1e-9}),
        ParameterError,
        must(N + "initial SEI film thickness [m]", r"finite and >= 0, not -1e-09"),
    ),
    case(
        "validate-sei-diffusivity-zero",
        checked({N + "SEI carrier diffusivity [m2.s-1]": 0.0}),
        ParameterError,
        must(N + "SEI carrier diffusivity [m2.s-1]", r"finite and > 0"),
    ),
    case(
        "validate-interface-width-zero",
        checked({N + "front interface width [m]": 0.0}),
        ParameterError,
        must(N + "front interface width [m]", r"finite and > 0"),
    ),
    case(
        "validate-interface-energy-negative",
        checked({N + "front interface energy [J.m-2]": -1.0}),
        ParameterError,
        must(N + "front interface energy [J.m-2]", r"finite and >= 0"),
    ),
    case(
        "validate-shell-modulus-zero",
        checked({N + "shell Young's modulus [Pa]": 0.0}),
        ParameterError,
        must(N + "shell Young's modulus [Pa]", r"finite and > 0"),
    ),
    case(
        "validate-poisson-ratio-half",
        checked({N + "shell Poisson's ratio": 0.5}),
        ParameterError,
        must(N + "shell Poisson's ratio", r"in \(-1, 0\.5\), not 0\.5"),
    ),
    case(
        "validate-fracture-energy-negative",
        checked({N + "shell fracture energy [J.m-2]": -1.0}),
        ParameterError,
        must(N + "shell fracture energy [J.m-2]", r"finite and > 0"),
    ),
    case(
        "validate-fracture-rate-negative",
        checked({N + "fracture LAM rate [s-1]": -1.0}),
        ParameterError,
        must(N + "fracture LAM rate [s-1]", r"finite and >= 0"),
    ),
    case(
        "validate-hysteresis-negative",
        checked({N + "OCP hysteresis [V]": -0.01}),
        ParameterError,
        must(N + "lithiation OCP [V]", "at or below the delithiation branch"),
    ),
    case(
        "validate-ocp-rising",
        checked({N + "OCP linear coefficient [V]": -5.0}),
        ParameterError,
        must(N + "OCP [V]", "strictly decreasing in stoichiometry"),
    ),
    case(
        "validate-ocp-non-finite",
        checked({N + "OCP [V]": lambda sto: pybamm.log(sto - sto)}),
        ParameterError,
        must(N + "OCP [V]", r"finite on stoichiometry \[0\.001, 0\.999\]"),
    ),
    case(
        "validate-initial-concentration-above-c-max",
        checked({"Initial concentration in negative electrode [mol.m-3]": 4e5}),
        ParameterError,
        must(
            "Initial concentration in negative electrode [mol.m-3]", r"in \[0, 310970\], not 400000"
        ),
    ),
    case(
        "validate-thickness-negative",
        checked({N + "thickness [m]": -1e-5}),
        ParameterError,
        must(N + "thickness [m]", r"finite and > 0, not -1e-05"),
    ),
    case(
        "validate-separator-porosity-one",
        checked({"Separator porosity": 1.0}),
        ParameterError,
        must("Separator porosity", r"in \(0, 1\), not 1\.0"),
    ),
    case(
        "validate-cathode-active-fraction-zero",
        checked({P + "active material volume fraction": 0.0}),
        ParameterError,
        must(P + "active material volume fraction", r"in \(0, 1\], not 0\.0"),
    ),
    case(
        "validate-nominal-capacity-zero",
        checked({"Nominal cell capacity [A.h]": 0.0}),
        ParameterError,
        must("Nominal cell capacity [A.h]", r"finite and > 0, not 0\.0"),
    ),
    case(
        "validate-temperature-negative",
        checked({"Ambient temperature [K]": -10.0}),
        ParameterError,
        must("Ambient temperature [K]", r"finite and > 0, not -10\.0"),
    ),
    case(
        "validate-electrolyte-concentration-nan",
        checked({"Initial concentration in electrolyte [mol.m-3]": NAN}),
        ParameterError,
        must("Initial concentration in electrolyte [mol.m-3]", FINITE + "nan"),
    ),
    case(
        "validate-current-nan",
        checked({"Current function [A]": NAN}),
        ParameterError,
        must("Current function [A]", FINITE + "nan"),
    ),
    case(
        "validate-upper-cut-off-5V",
        checked({"Upper voltage cut-off [V]": 5.0}),
        ProtocolError,
        must("upper voltage cut-off [V]", WINDOW + r"5\.0"),
    ),
    case(
        "validate-lower-cut-off-1V",
        checked({"Lower voltage cut-off [V]": 1.0}),
        ProtocolError,
        must("lower voltage cut-off [V]", WINDOW + r"1\.0"),
    ),
    case(
        "validate-cut-offs-reversed",
        checked({"Lower voltage cut-off [V]": 4.0, "Upper voltage cut-off [V]": 3.0}),
        ProtocolError,
        r"cut-offs must be ordered, lower < upper \[V\], not \(4\.0, 3\.0\)",
    ),
    case(
        "validate-cut-off-nan",
        checked({"Upper voltage cut-off [V]": NAN}),
        ParameterError,
        must("Upper voltage cut-off [V]", FINITE + "nan"),
    ),
    case(
        "validate-key-misspelled",
        checked({"Negative particle radus [m]": 1e-7}),
        UnknownNameError,
        TYPO + r"'Negative particle radus \[m\]'; did you mean 'Negative particle radius \[m\]'",
    ),
    case(
        "validate-key-lowercase",
        checked({"negative particle radius [m]": 1e-7}),
        UnknownNameError,
        TYPO + r"'negative particle radius \[m\]'; did you mean 'Negative particle radius \[m\]'",
    ),
    case(
        "validate-key-alloy-misspelled",
        checked({N + "shell equilibrium concentraton [mol.m-3]": 2e5}),
        UnknownNameError,
        TYPO + r".*did you mean 'Negative electrode shell equilibrium concentration \[mol\.m-3\]'",
    ),
    case(
        "validate-key-without-unit",
        checked({"Negative particle radius": 1e-7}),
        UnknownNameError,
        TYPO + r"'Negative particle radius'; did you mean 'Negative particle radius \[m\]'",
    ),
    case(
        "validate-key-wrong-unit",
        checked({"Negative particle radius [um]": 0.1}),
        UnknownNameError,
        TYPO + r"'Negative particle radius \[um\]'; did you mean 'Negative particle radius \[m\]'",
    ),
    case(
        "validate-half-cell-values-in-full-cell",
        lambda: pa.validate(pybamm.ParameterValues(pa.load_half_cell("LiSi_NMC811")), FULL),
        ParameterError,
        r"parameter values must be a full cell's for a full-cell model, not .a half cell's.*'working electrode': 'positive'",
    ),
    case(
        "validate-full-cell-values-in-half-cell",
        checked({}, HALF),
        ParameterError,
        r"parameter values must be a half cell's for a half-cell model.*not .a full cell's.*load_half_cell",
    ),
    case(
        "validate-experiment-to-5V",
        checked({}, experiment=pybamm.Experiment(["Charge at 1C until 5.0 V"])),
        ProtocolError,
        must("voltage of experiment step 'Charge at 1C until 5.0 V' [V]", WINDOW + r"5\.0"),
    ),
    case(
        "validate-experiment-to-1V",
        checked({}, experiment=pybamm.Experiment(["Discharge at 1C until 1.0 V"])),
        ProtocolError,
        must("voltage of experiment step 'Discharge at 1C until 1.0 V' [V]", WINDOW + r"1\.0"),
    ),
    case(
        "validate-experiment-hold-at-5V",
        checked({}, experiment=pybamm.Experiment(["Hold at 5.0 V for 1 hour"])),
        ProtocolError,
        must("voltage of experiment step 'Hold at 5.0 V for 1 hour' [V]", WINDOW + r"5\.0"),
    ),
    case(
        "validate-shell-points-one",
        shell_points(1),
        ArgumentError,
        r"var_pts of the shell coordinate 'xi_n' must be an integer >= 3, not 1",
    ),
    case(
        "validate-shell-points-zero",
        shell_points(0),
        ArgumentError,
        r"var_pts of the shell coordinate 'xi_n' must be an integer >= 3, not 0",
    ),
    case(
        "validate-shell-points-two",
        shell_points(2),
        ArgumentError,
        r"var_pts of the shell coordinate 'xi_n' must be an integer >= 3, not 2",
    ),
    case(
        "validate-shell-points-float",
        shell_points(2.5),
        ArgumentError,
        r"var_pts of the shell coordinate 'xi_n' must be an integer >= 3, not 2\.5",
    ),
    case(
        "validate-quasi-steady-shell-points-zero",
        shell_points(0, QUASI),
        ArgumentError,
        r"'xi_n' must be an integer >= 1, not 0",
    ),
    case(
        "validate-model-a-string",
        lambda: pa.validate(LI_SI, "DFN"),
        ArgumentError,
        r"model must be a pybamm_alloying\.DFN, a pybamm_alloying\.ParticleLithiation or None, not 'DFN'",
    ),
    case(
        "validate-model-pybamm-spm",
        lambda: pa.validate(LI_SI, pybamm.lithium_ion.SPM()),
        ArgumentError,
        r"model must be a pybamm_alloying\.DFN.*solid solution",
    ),
    case(
        "validate-values-a-number",
        lambda: pa.validate(42, FULL),
        ArgumentError,
        r"parameter values must be a dict of parameter names to values, not 42",
    ),
    case(
        "validate-simulation-radius-negative",
        lambda: pa.validate(pybamm.Simulation(FULL, parameter_values=changed({R: -1e-7}))),
        ParameterError,
        must(R, r"finite and > 0"),
    ),
    case(
        "validate-simulation-experiment-to-5V",
        lambda: pa.validate(
            pybamm.Simulation(
                FULL,
                parameter_values=LI_SI,
                experiment=pybamm.Experiment(["Charge at C/2 until 5.0 V"]),
            )
        ),
        ProtocolError,
        must("voltage of experiment step 'Charge at C/2 until 5.0 V' [V]", WINDOW + r"5\.0"),
    ),
    case(
        "validate-simulation-one-shell-point",
        lambda: pa.validate(
            pybamm.Simulation(FULL, parameter_values=LI_SI, var_pts={**FULL.default_var_pts, XI: 1})
        ),
        ArgumentError,
        r"'xi_n' must be an integer >= 3, not 1",
    ),
    case(
        "validate-sei-values-missing",
        lambda: pa.validate(
            pybamm.ParameterValues("NaSn_NVPF"), pa.DFN({"SEI": "solvent-diffusion limited"})
        ),
        ParameterError,
        SEI_MISSING,
    ),
    case(
        "validate-composite-radius-negative",
        lambda: pa.validate(
            changed({"Secondary: " + R: -1e-7}, composite_values(COMPOSITE)), COMPOSITE_DFN
        ),
        ParameterError,
        must("Secondary: " + R, r"finite and > 0, not -1e-07"),
    ),
    case(
        "validate-composite-mass-fraction-above-one",
        lambda: pa.validate(composite_values(COMPOSITE, 1.5), COMPOSITE_DFN),
        ParameterError,
        must(N + "alloy mass fraction", r"in \[0, 1\), not 1\.5"),
    ),
    # -- ParticleLithiation and surface_concentration ---------------------------------------
    case(
        "particle-drive-unknown",
        lambda: pa.ParticleLithiation(drive="potentio"),
        pybamm.OptionError,
        r"drive must be 'potentiostatic' or 'galvanostatic', not 'potentio'",
    ),
    case(
        "particle-film-with-held-flux",
        lambda: pa.ParticleLithiation({"alloy SEI transport": "film"}, drive="galvanostatic"),
        pybamm.OptionError,
        r"'film' needs the potentiostatic drive",
    ),
    case(
        "particle-fracture-active-material",
        lambda: pa.ParticleLithiation(
            {"alloy stress": "plastic", "alloy fracture": "loss of active material"}
        ),
        OptionCompatibilityError,
        r"option 'alloy fracture' must be 'none' or 'index' for a single particle",
    ),
    case(
        "particle-geometry-unknown",
        lambda: pa.ParticleLithiation({"alloy geometry": "sphere"}),
        pybamm.OptionError,
        r"option 'alloy geometry' must be one of \['spherical', 'cylindrical', 'planar'\], not 'sphere'",
    ),
    case(
        "particle-surface-missing",
        checked({}, HELD),
        ParameterError,
        must(SURFACE, r"given .*lacks"),
    ),
    case(
        "particle-surface-above-c-max",
        checked({SURFACE: 6e5}, HELD, HELD_VALUES),
        ParameterError,
        must(SURFACE, r"in \[0, 310970\], not 600000"),
    ),
    case(
        "particle-surface-negative",
        checked({SURFACE: -1.0}, HELD, HELD_VALUES),
        ParameterError,
        must(SURFACE, r"in \[0, 310970\], not -1\.0"),
    ),
    case(
        "particle-surface-nan",
        checked({SURFACE: NAN}, HELD, HELD_VALUES),
        ParameterError,
        must(SURFACE, FINITE + "nan"),
    ),
    case(
        "particle-flux-inf",
        checked({FLUX: INF}, DRIVEN, FLUX_VALUES),
        ParameterError,
        must(FLUX, FINITE + "inf"),
    ),
    case(
        "particle-radius-negative",
        checked({R: -1e-7}, HELD, HELD_VALUES),
        ParameterError,
        must(R, r"finite and > 0"),
    ),
    case(
        "particle-residual-core-one",
        checked({N + "residual core volume fraction": 1.0}, HELD, HELD_VALUES),
        ParameterError,
        must(N + "residual core volume fraction", r"in \(0, 1\)"),
    ),
    case(
        "particle-shell-points-one",
        shell_points(1, HELD, HELD_VALUES),
        ArgumentError,
        r"'xi_n' must be an integer >= 3, not 1",
    ),
    case(
        "particle-initial-concentration-above-c-max",
        checked({"Initial concentration in negative electrode [mol.m-3]": 4e5}, HELD, HELD_VALUES),
        ParameterError,
        must("Initial concentration in negative electrode [mol.m-3]", r"in \[0, 310970\]"),
    ),
    case(
        "particle-potential-nan",
        lambda: pa.surface_concentration(LI_SI, NAN),
        ParameterError,
        must("potential [V]", r"finite, not nan"),
    ),
    # -- DFN options -----------------------------------------------------------------------
    case(
        "dfn-particle-unknown",
        lambda: pa.DFN({"alloy particle": "fickian"}),
        pybamm.OptionError,
        r"option 'alloy particle' must be one of \['full', 'quasi-steady', 'conversion'\], not 'fickian'",
    ),
    case(
        "dfn-particle-none",
        lambda: pa.DFN({"alloy particle": None}),
        pybamm.OptionError,
        r"option 'alloy particle' must be one of \['full', 'quasi-steady', 'conversion'\], not None",
    ),
    case(
        "dfn-geometry-unknown",
        lambda: pa.DFN({"alloy geometry": "cube"}),
        pybamm.OptionError,
        r"option 'alloy geometry' must be one of .*, not 'cube'",
    ),
    case(
        "dfn-stress-unknown",
        lambda: pa.DFN({"alloy stress": "elastic"}),
        pybamm.OptionError,
        r"option 'alloy stress' must be one of \['none', 'plastic'\], not 'elastic'",
    ),
    case(
        "dfn-plating-cut-off-bool",
        lambda: pa.DFN({"alloy plating cut-off": True}),
        pybamm.OptionError,
        r"option 'alloy plating cut-off' must be one of \['true', 'false'\], not True",
    ),
    case(
        "dfn-option-misspelled",
        lambda: pa.DFN({"alloy partcle": "full"}),
        pybamm.OptionError,
        r"option 'alloy partcle' is not an alloy option: must be one of \[.*\]; did you mean 'alloy particle'\?",
    ),
    case(
        "dfn-options-a-string",
        lambda: pa.DFN("quasi-steady"),
        pybamm.OptionError,
        r"options must be a dict of option names to values, not 'quasi-steady'",
    ),
    case(
        "dfn-fracture-without-stress",
        lambda: pa.DFN({"alloy fracture": "index"}),
        OptionCompatibilityError,
        r"option 'alloy fracture': 'index' needs 'alloy stress': 'plastic'",
    ),
    case(
        "dfn-film-with-quasi-steady",
        lambda: pa.DFN({"alloy SEI transport": "film", "alloy particle": "quasi-steady"}),
        OptionCompatibilityError,
        r"option 'alloy SEI transport': 'film' needs 'alloy particle': 'full'",
    ),
    case(
        "dfn-film-with-planar",
        lambda: pa.DFN({"alloy SEI transport": "film", "alloy geometry": "planar"}),
        OptionCompatibilityError,
        r"'film' needs 'alloy geometry' 'spherical' or 'cylindrical'",
    ),
    case(
        "dfn-alloy-phase-absent",
        lambda: pa.DFN({"alloy phases": "secondary"}),
        OptionCompatibilityError,
        r"option 'alloy phases' is 'secondary' but the negative electrode has phases \['primary'\]",
    ),
    case(
        "dfn-size-distribution",
        lambda: pa.DFN({"particle size": "distribution"}),
        OptionCompatibilityError,
        r"option 'particle size' must be 'single' for the alloy",
    ),
    case(
        "dfn-heat-of-mixing",
        lambda: pa.DFN({"heat of mixing": "true"}),
        OptionCompatibilityError,
        r"option 'heat of mixing' must be 'false'",
    ),
    case(
        "dfn-particle-mechanics",
        lambda: pa.DFN({"particle mechanics": "swelling only"}),
        OptionCompatibilityError,
        r"option 'particle mechanics' must be 'none' for the alloy electrode",
    ),
    case(
        "dfn-pybamm-particle",
        lambda: pa.DFN({"particle": "uniform profile"}),
        OptionCompatibilityError,
        r"option 'particle' must be 'Fickian diffusion'",
    ),
    case(
        "dfn-active-material-loss-planar",
        lambda: pa.DFN({"alloy geometry": "planar", "loss of active material": "reaction-driven"}),
        OptionCompatibilityError,
        r"loss of active material is only available for spherical alloy particles",
    ),
    case(
        "dfn-fracture-loss-with-pybamm-loss",
        lambda: pa.DFN(
            {
                "alloy stress": "plastic",
                "alloy fracture": "loss of active material",
                "loss of active material": "reaction-driven",
            }
        ),
        OptionCompatibilityError,
        r"'loss of active material' replaces PyBaMM's 'loss of active material'",
    ),
    case(
        "dfn-working-electrode-negative",
        lambda: pa.DFN({"working electrode": "negative"}),
        pybamm.OptionError,
        r"'negative' working electrode option has been removed.*'positive'",
    ),
    # -- run_cycling -------------------------------------------------------------------------
    case(
        "cycling-set-misspelled",
        cycled(parameter_set="LiSi_NMC81"),
        UnknownNameError,
        r"parameter_set must be one of .*did you mean 'LiSi_NMC811'",
    ),
    case(
        "cycling-set-unknown",
        cycled(parameter_set="NaSn_NVP"),
        UnknownNameError,
        r"parameter_set must be one of .*did you mean 'NaSn_NVPF'",
    ),
    case(
        "cycling-protocol-unknown",
        cycled(protocol="ccv"),
        UnknownNameError,
        r"protocol must be one of .*did you mean 'cccv'",
    ),
    case(
        "cycling-cycles-zero",
        cycled(cycles=0),
        ProtocolError,
        r"cycles must be an integer >= 1, not 0",
    ),
    case(
        "cycling-cycles-negative",
        cycled(cycles=-1),
        ProtocolError,
        r"cycles must be an integer >= 1, not -1",
    ),
    case(
        "cycling-cycles-fraction",
        cycled(cycles=1.5),
        ProtocolError,
        r"cycles must be an integer >= 1, not 1\.5",
    ),
    case(
        "cycling-cycles-bool",
        cycled(cycles=True),
        ProtocolError,
        r"cycles must be an integer >= 1, not True",
    ),
    case(
        "cycling-cycles-string",
        cycled(cycles="3"),
        ProtocolError,
        r"cycles must be an integer >= 1, not '3'",
    ),
    case(
        "cycling-cycles-nan",
        cycled(cycles=NAN),
        ProtocolError,
        r"cycles must be an integer >= 1, not nan",
    ),
    case(
        "cycling-cycles-above-cap",
        cycled(cycles=10_001),
        ProtocolError,
        r"cycles must be an integer in \[1, 10000\], not 10001",
    ),
    case(
        "cycling-rate-zero",
        cycled(rate="0C"),
        ProtocolError,
        r"rate must be a C-rate > 0, not '0C'",
    ),
    case(
        "cycling-rate-word",
        cycled(rate="fast"),
        ProtocolError,
        r"rate must be a C-rate like '2C', '0\.5C' or 'C/5', not 'fast'",
    ),
    case(
        "cycling-rate-negative",
        cycled(rate="-1C"),
        ProtocolError,
        r"rate must be a C-rate like .*, not '-1C'",
    ),
    case(
        "cycling-rate-number",
        cycled(rate=2),
        ProtocolError,
        r"rate must be a C-rate like .*, not 2",
    ),
    case(
        "cycling-rate-above-cap",
        cycled(rate="2000C"),
        ProtocolError,
        r"rate must be a C-rate from C/100 to 1000C, not '2000C'",
    ),
    case(
        "cycling-rate-below-cap",
        cycled(rate="C/1000"),
        ProtocolError,
        r"rate must be a C-rate from C/100 to 1000C, not 'C/1000'",
    ),
    case(
        "cycling-gitt-with-rate",
        cycled(protocol="gitt", rate="2C"),
        ProtocolError,
        r"rate must be None: protocol 'gitt' has no C-rate to set, not '2C'",
    ),
    case(
        "cycling-rate-test-with-cycles",
        cycled(protocol="rate_test", cycles=2),
        ProtocolError,
        r"cycles and rate must be None: protocol 'rate_test' runs one cycle per rate",
    ),
    case(
        "cycling-save-at-cycles-zero",
        cycled(save_at_cycles=0),
        ProtocolError,
        r"save_at_cycles must be an integer >= 1 or a list of cycle numbers in \[1, 1\], not 0",
    ),
    case(
        "cycling-save-at-cycles-beyond",
        cycled(cycles=2, save_at_cycles=[5]),
        ProtocolError,
        r"save_at_cycles must be .*cycle numbers in \[1, 2\], not \[5\]",
    ),
    case(
        "cycling-option-unknown",
        cycled(options={"alloy particle": "shell"}),
        pybamm.OptionError,
        r"option 'alloy particle' must be one of \['full', 'quasi-steady', 'conversion'\], not 'shell'",
    ),
    case(
        "cycling-options-incompatible",
        cycled(options={"alloy SEI transport": "film", "alloy particle": "quasi-steady"}),
        OptionCompatibilityError,
        r"'film' needs 'alloy particle': 'full'",
    ),
    case(
        "cycling-update-misspelled",
        cycled(parameter_updates={"Negative particle radus [m]": 1e-7}),
        UnknownNameError,
        TYPO + r"'Negative particle radus \[m\]'; did you mean",
    ),
    case(
        "cycling-update-lowercase",
        cycled(parameter_updates={"negative electrode porosity": 0.5}),
        UnknownNameError,
        TYPO + r"'negative electrode porosity'; did you mean 'Negative electrode porosity'",
    ),
    case(
        "cycling-update-radius-nan",
        cycled(parameter_updates={R: NAN}),
        ParameterError,
        must(R, FINITE + "nan"),
    ),
    case(
        "cycling-update-radius-negative",
        cycled(parameter_updates={R: -1e-7}),
        ParameterError,
        must(R, r"finite and > 0, not -1e-07"),
    ),
    case(
        "cycling-update-c-eq-above-c-max",
        cycled(parameter_updates={C_EQ: 3.5e5}),
        ParameterError,
        must(C_EQ, r"< c_max = 310970"),
    ),
    case(
        "cycling-update-upper-cut-off-5V",
        cycled(parameter_updates={"Upper voltage cut-off [V]": 5.0}),
        ProtocolError,
        must("upper voltage cut-off [V]", WINDOW + r"5\.0"),
    ),
    case(
        "cycling-update-nominal-capacity-zero",
        cycled(parameter_updates={"Nominal cell capacity [A.h]": 0.0}),
        ParameterError,
        must("Nominal cell capacity [A.h]", r"finite and > 0"),
    ),
    case(
        "cycling-update-string",
        cycled(parameter_updates={R: "small"}),
        ParameterError,
        must(R, FINITE + "'small'"),
    ),
    case(
        "cycling-updates-not-a-dict",
        cycled(parameter_updates="radius=1e-7"),
        ArgumentError,
        r"parameter_updates must be a dict of parameter names to values",
    ),
    case(
        "cycling-sei-values-missing",
        cycled(parameter_set="NaSn_NVPF", options={"SEI": "solvent-diffusion limited"}),
        ParameterError,
        SEI_MISSING,
    ),
    # -- load_protocol ---------------------------------------------------------------------
    case(
        "protocol-unknown",
        lambda: load_protocol("ccv"),
        UnknownNameError,
        r"protocol must be one of \[.*'cccv'.*\], not 'ccv'; did you mean 'cccv'",
    ),
    case(
        "protocol-name-none",
        lambda: load_protocol(None),
        UnknownNameError,
        r"protocol must be one of \[.*\], not None",
    ),
    case(
        "protocol-cycles-zero",
        lambda: load_protocol("cccv", 0),
        ProtocolError,
        r"cycles must be an integer >= 1, not 0",
    ),
    case(
        "protocol-cycles-float",
        lambda: load_protocol("cccv", 2.0),
        ProtocolError,
        r"cycles must be an integer >= 1, not 2\.0",
    ),
    case(
        "protocol-cycles-above-cap",
        lambda: load_protocol("cccv", 10_001),
        ProtocolError,
        r"cycles must be an integer in \[1, 10000\], not 10001",
    ),
    case(
        "protocol-cut-offs-reversed",
        lambda: load_protocol("cccv", 1, 4.2, 2.5),
        ProtocolError,
        r"cut-offs must be .*lower < upper \[V\], not \(4\.2, 2\.5\)",
    ),
    case(
        "protocol-lower-negative",
        lambda: load_protocol("cccv", 1, -1.0, 4.2),
        ProtocolError,
        r"cut-offs must be .*0 <= lower < upper \[V\], not \(-1\.0, 4\.2\)",
    ),
    case(
        "protocol-upper-nan",
        lambda: load_protocol("cccv", 1, 2.5, NAN),
        ProtocolError,
        r"cut-offs must be .*lower < upper \[V\], not \(2\.5, nan\)",
    ),
    case(
        "protocol-upper-inf",
        lambda: load_protocol("cccv", 1, 2.5, INF),
        ProtocolError,
        r"cut-offs must be finite, 0 <= lower < upper \[V\], not \(2\.5, inf\)",
    ),
    case(
        "protocol-lower-outside-window",
        lambda: load_protocol("cccv", 1, 2.0, 4.1, parameter_values=LI_SI),
        ProtocolError,
        must("lower voltage cut-off [V]", WINDOW + r"2\.0"),
    ),
    case(
        "protocol-upper-outside-window",
        lambda: load_protocol("cccv", 1, 2.8, 5.0, parameter_values=LI_SI),
        ProtocolError,
        must("upper voltage cut-off [V]", WINDOW + r"5\.0"),
    ),
    case(
        "protocol-rate-divide-by-zero",
        lambda: load_protocol("cccv", 1, rate="C/0"),
        ProtocolError,
        r"rate must be a C-rate > 0, not 'C/0'",
    ),
    case(
        "protocol-rate-above-cap",
        lambda: load_protocol("cccv", 1, rate="2000C"),
        ProtocolError,
        r"rate must be a C-rate from C/100 to 1000C, not '2000C'",
    ),
    case(
        "protocol-rate-without-rate",
        lambda: load_protocol("formation_C10", rate="1C"),
        ProtocolError,
        r"rate must be None: protocol 'formation_C10' has no C-rate to set",
    ),
    case(
        "protocol-rate-test-with-cycles",
        lambda: load_protocol("rate_test", 3),
        ProtocolError,
        r"cycles and rate must be None: protocol 'rate_test' runs one cycle per rate",
    ),
    # -- regime analysis ----------------------------------------------------------------------
    case(
        "regime-radius-negative",
        lambda: regime_from_parameters(LI_SI, radius=-1e-7),
        ParameterError,
        r"radius \[m\] must be finite and > 0, not -1e-07",
    ),
    case(
        "regime-radius-nan",
        lambda: regime_from_parameters(LI_SI, radius=NAN),
        ParameterError,
        r"radius \[m\] must be finite and > 0, not nan",
    ),
    case(
        "regime-geometry-unknown",
        lambda: regime_from_parameters(LI_SI, geometry="cube"),
        pybamm.OptionError,
        r"geometry must be one of \['cylindrical', 'planar', 'spherical'\], not 'cube'",
    ),
    case(
        "regime-surface-above-c-max",
        lambda: regime_from_parameters(LI_SI, surface_concentration=1e9),
        ParameterError,
        r"surface concentration \[mol\.m-3\] must be in \(290239, 310970\], not 1000000000\.0",
    ),
    case(
        "regime-values-radius-negative",
        lambda: regime_from_parameters(changed({R: -1e-7})),
        ParameterError,
        must(R, r"finite and > 0, not -1e-07"),
    ),
    case(
        "regime-conversion-above-one",
        lambda: conversion_time(LI_SI, 1.5, 3e5),
        ArgumentError,
        r"converted_fraction must be in \(0, 1\], not 1\.5",
    ),
    # -- rate-limit search ---------------------------------------------------------------------
    case(
        "rate-limit-set-unknown",
        lambda: lithiation_rate_limit("LiXx"),
        UnknownNameError,
        "parameter_set " + SETS + "'LiXx'",
    ),
    case(
        "rate-limit-threshold-above-one",
        lambda: lithiation_rate_limit("LiSi_NMC811", threshold=1.5),
        ArgumentError,
        r"threshold must be in \(0, 1\), not 1\.5",
    ),
    case(
        "rate-limit-tolerance-zero",
        lambda: lithiation_rate_limit("LiSi_NMC811", tolerance=0.0),
        ArgumentError,
        r"tolerance must be in \[1e-06, 0\.5\], not 0\.0",
    ),
    case(
        "rate-limit-tolerance-tiny",
        lambda: lithiation_rate_limit("LiSi_NMC811", tolerance=1e-300),
        ArgumentError,
        r"tolerance must be in \[1e-06, 0\.5\], not 1e-300",
    ),
    case(
        "rate-limit-radius-negative",
        lambda: lithiation_rate_limit("LiSi_NMC811", radius=-1e-7),
        ParameterError,
        r"radius \[m\] must be finite and > 0, not -1e-07",
    ),
    case(
        "rate-limit-radius-nan",
        lambda: lithiation_rate_limit("LiSi_NMC811", radius=NAN),
        ParameterError,
        r"radius \[m\] must be finite and > 0, not nan",
    ),
    case(
        "rate-limit-cell-unknown",
        lambda: lithiation_rate_limit("LiSi_NMC811", cell="quarter"),
        UnknownNameError,
        r"cell must be one of \['full', 'half'\], not 'quarter'",
    ),
    case(
        "rate-limit-overrides-with-half-cell",
        lambda: lithiation_rate_limit(
            "LiSi_NMC811", cell="half", overrides={"N/P capacity ratio": 1.3}
        ),
        ArgumentError,
        r"overrides must be None with cell='half'",
    ),
    case(
        "rate-limit-override-misspelled",
        lambda: lithiation_rate_limit("LiSi_NMC811", overrides={"N/P ratio": 1.3}),
        UnknownNameError,
        r"override must be .*, not 'N/P ratio'; did you mean 'N/P capacity ratio'",
    ),
    case(
        "rate-limit-override-np-zero",
        lambda: lithiation_rate_limit("LiSi_NMC811", overrides={"N/P capacity ratio": 0.0}),
        ParameterError,
        must("N/P capacity ratio", r"finite and > 1\.0101"),
    ),
    case(
        "rate-limit-table-set-unknown",
        lambda: rate_limit_table(["LiXx"], executor=Inline()),
        UnknownNameError,
        "parameter_set " + SETS + "'LiXx'",
    ),
    # -- anode comparison and design sweeps ---------------------------------------------------
    case(
        "design-set-unknown",
        lambda: design_case("LiXx"),
        UnknownNameError,
        "parameter set " + SETS + "'LiXx'",
    ),
    case(
        "design-override-not-sweepable",
        lambda: design_case("LiSi_NMC811", {"porosity": 0.4}),
        UnknownNameError,
        r"design override must be one of \['N/P capacity ratio', 'Negative electrode porosity', 'Negative particle radius \[m\]'\], not 'porosity'",
    ),
    case(
        "design-np-zero",
        lambda: design_case("LiSi_NMC811", {"N/P capacity ratio": 0.0}),
        ParameterError,
        must("N/P capacity ratio", r"finite and > 1\.0101, not 0\.0"),
    ),
    case(
        "design-radius-nan",
        lambda: design_case("LiSi_NMC811", {R: NAN}),
        ParameterError,
        must(R, FINITE + "nan"),
    ),
    case(
        "design-np-string",
        lambda: design_case("LiSi_NMC811", {"N/P capacity ratio": "1.3"}),
        ParameterError,
        must("N/P capacity ratio", FINITE + "'1.3'"),
    ),
    case(
        "design-sweep-parameter-unknown",
        lambda: design_sweep("LiSi_NMC811", "porosity", [0.4], executor=Inline()),
        UnknownNameError,
        r"parameter must be one of \[.*\], not 'porosity'",
    ),
    case(
        "design-sweep-value-bad",
        lambda: design_sweep("LiSi_NMC811", "N/P capacity ratio", [-1.0], executor=Inline()),
        ParameterError,
        must("N/P capacity ratio", r"finite and > 1\.0101, not -1\.0"),
    ),
    case(
        "compare-set-unknown",
        lambda: compare_anodes(["LiXx"], executor=Inline(), rate_limit=False),
        UnknownNameError,
        "parameter_sets " + SETS + "'LiXx'",
    ),
    # -- composite sets and study ---------------------------------------------------------------
    case(
        "composite-set-unknown",
        lambda: load_composite_set("LiXx_graphite_NMC811"),
        UnknownNameError,
        r"composite parameter set must be one of \[.*\], not 'LiXx_graphite_NMC811'",
    ),
    case(
        "composite-fraction-above-one",
        lambda: load_composite_set(COMPOSITE, 1.5),
        ParameterError,
        must(N + "alloy mass fraction", r"in \[0, 1\), not 1\.5"),
    ),
    case(
        "composite-fraction-negative",
        lambda: load_composite_set(COMPOSITE, -0.1),
        ParameterError,
        must(N + "alloy mass fraction", r"in \[0, 1\), not -0\.1"),
    ),
    case(
        "composite-fraction-one",
        lambda: composite_values(COMPOSITE, 1.0),
        ParameterError,
        must(N + "alloy mass fraction", r"in \[0, 1\), not 1\.0"),
    ),
    case(
        "composite-fraction-nan",
        lambda: load_composite_set(COMPOSITE, NAN),
        ParameterError,
        must(N + "alloy mass fraction", FINITE + "nan"),
    ),
    case(
        "composite-fraction-word",
        lambda: load_composite_set(COMPOSITE, "half"),
        ParameterError,
        must(N + "alloy mass fraction", FINITE + "'half'"),
    ),
    case(
        "composite-study-couple-name",
        lambda: composite_study(["LiSi_NMC811"]),
        UnknownNameError,
        r"parameter_sets must be one of \[.*\], not 'LiSi_NMC811'",
    ),
    case(
        "composite-study-fraction-bad",
        lambda: composite_study([COMPOSITE], fractions=[1.5], executor=Inline(), rate_limit=False),
        ParameterError,
        r"alloy mass fraction must be in \[0, 1\), not 1\.5",
    ),
    # -- self-limiting lithiation, critical sizes, held fronts ------------------------------------
    case(
        "arrest-potential-nan",
        lambda: arrest_fraction(LI_SI, NAN),
        ParameterError,
        must("potential [V]", r"finite, not nan"),
    ),
    case(
        "arrest-radius-negative",
        lambda: arrest_fraction(LI_SI, 0.0, radius=-1e-7),
        ParameterError,
        r"radius \[m\] must be finite and > 0, not -1e-07",
    ),
    case(
        "arrest-geometry-unknown",
        lambda: arrest_fraction(LI_SI, 0.0, geometry="cube"),
        pybamm.OptionError,
        r"geometry must be one of \[.*\], not 'cube'",
    ),
    case(
        "arrest-residual-core-one",
        lambda: arrest_fraction(changed({N + "residual core volume fraction": 1.0}), 0.0),
        ParameterError,
        must(N + "residual core volume fraction", r"in \(0, 1\), not 1\.0"),
    ),
    case(
        "critical-sizes-set-unknown",
        lambda: critical_sizes(names=["LiXx"]),
        UnknownNameError,
        "names " + SETS + "'LiXx'",
    ),
    case(
        "fracture-bounds-reversed",
        lambda: critical_fracture_diameter(LI_SI, bounds=(1e-3, 1e-9)),
        ArgumentError,
        r"bounds must be .*, not \(0\.001, 1e-09\)",
    ),
    case(
        "full-lithiation-fraction-above-one",
        lambda: critical_full_lithiation_diameter(LI_SI, full=1.5),
        ArgumentError,
        r"full must be in \(0, 1\), not 1\.5",
    ),
    case(
        "self-limiting-diameter-negative",
        lambda: self_limiting_lithiation(LI_SI, [-1e-7]),
        ParameterError,
        r"diameter \[m\] must be finite and > 0, not -1e-07",
    ),
    case(
        "held-front-radius-negative",
        lambda: held_front(LI_SI, radius=-1e-7),
        ParameterError,
        must(R, r"finite and > 0, not -1e-07"),
    ),
    case(
        "held-front-temperature-negative",
        lambda: held_front(LI_SI, temperature=-10.0),
        ParameterError,
        r"(Initial|Ambient) temperature \[K\] must be finite and > 0, not -10\.0",
    ),
]


def test_the_corpus_holds_at_least_100_named_cases():
    ids = [param.id for param in CORPUS]
    assert len(ids) >= 100 and len(set(ids)) == len(ids)
    for param in CORPUS:
        error = param.values[1]
        assert issubclass(error, ValidationError | pybamm.OptionError), param.id


@pytest.mark.parametrize("call, error, pattern", CORPUS)
def test_bad_input_is_refused_by_name_before_any_solve(call, error, pattern):
    with pytest.raises(error, match=pattern):
        call()
