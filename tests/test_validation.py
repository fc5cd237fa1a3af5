"""Input validation before any solve: each rule raises its own type naming the input."""

import math
import re

import pybamm
import pytest

import pybamm_alloying as pa
from pybamm_alloying import validation as v
from pybamm_alloying.studies import load_protocol, run_cycling

N = "Negative electrode "
LI_SI = pybamm.ParameterValues("LiSi_NMC811")


def _changed(changes, values=LI_SI):
    values = values.copy()
    values.update(changes, check_already_exists=False)
    return values


@pytest.mark.parametrize(
    "name, value, named",
    [
        ("Negative particle radius [m]", -1e-7, "Negative particle radius [m]"),
        ("Negative particle radius [m]", 0.0, "Negative particle radius [m]"),
        ("Maximum concentration in negative electrode [mol.m-3]", -1.0, "Maximum concentration"),
        ("Negative particle reference diffusivity [m2.s-1]", -1e-14, "particle diffusivity"),
        ("Negative particle diffusivity [m2.s-1]", 0.0, "particle diffusivity"),
        (N + "interface rate constant [m.s-1]", 0.0, "interface rate constant"),
        (N + "interface rate constant [m.s-1]", -1e-8, "interface rate constant"),
        (
            N + "exchange-current rate constant [A.m-2.(m3.mol-1)^1.5]",
            -1.0,
            "exchange-current density",
        ),
        (N + "shell yield strength [Pa]", 0.0, "shell yield strength"),
        (N + "SEI carrier diffusivity [m2.s-1]", -1.0, "SEI carrier diffusivity"),
        (N + "residual core volume fraction", 0.0, "residual core volume fraction"),
        (N + "residual shell thickness ratio", 1.0, "residual shell thickness ratio"),
        (N + "volume expansion ratio", 0.5, "volume expansion ratio"),
        (N + "initial SEI film thickness [m]", -1e-9, "initial SEI film thickness"),
    ],
)
def test_out_of_range_parameter_is_named(name, value, named):
    with pytest.raises(v.ParameterError, match=re.escape(named)) as error:
        v.validate_parameter_values(_changed({name: value}))
    assert named in error.value.name
    assert f"not {value!r}" in str(error.value) or "not -" in str(error.value)


def test_the_conversion_exchange_current_is_checked_inside_the_alloy_range():
    """Na-Sb2O3 locks half of c_max in Na2O (c_conv = c_max/2), where its j0 vanishes:
    the set is accepted, checked at (c_conv + c_max)/2, and a negative rate constant is
    still refused by name."""
    values = pybamm.ParameterValues("NaSb2O3_NVPF")
    c_conv = values[N + "conversion concentration [mol.m-3]"]
    assert c_conv == pytest.approx(
        values["Maximum concentration in negative electrode [mol.m-3]"] / 2
    )
    v.validate_parameter_values(values)
    name = N + "exchange-current rate constant [A.m-2.(m3.mol-1)^1.5]"
    with pytest.raises(v.ParameterError, match="exchange-current density"):
        v.validate_parameter_values(_changed({name: -1.0}, values))


def test_shell_equilibrium_at_or_above_c_max_is_refused():
    c_max = LI_SI["Maximum concentration in negative electrode [mol.m-3]"]
    with pytest.raises(
        v.ParameterError, match=r"shell equilibrium concentration .* must be < c_max"
    ):
        v.validate_parameter_values(
            _changed({N + "shell equilibrium concentration [mol.m-3]": c_max})
        )


def test_core_at_or_above_shell_equilibrium_is_refused():
    c_eq = LI_SI[N + "shell equilibrium concentration [mol.m-3]"]
    with pytest.raises(v.ParameterError, match=r"core concentration .* must be in \[0, c_eq"):
        v.validate_parameter_values(_changed({N + "core concentration [mol.m-3]": c_eq}))


def test_ocp_that_rises_with_stoichiometry_is_refused():
    with pytest.raises(v.ParameterError, match=r"electrode OCP \[V\] must be strictly decreasing"):
        v.validate_parameter_values(_changed({N + "OCP linear coefficient [V]": -5.0}))


def test_crossing_hysteresis_branches_are_refused():
    """Negative hysteresis puts the lithiation branch above the delithiation branch."""
    with pytest.raises(v.ParameterError, match=r"lithiation OCP \[V\] must be at or below"):
        v.validate_parameter_values(_changed({N + "OCP hysteresis [V]": -0.01}))


def test_non_monotonic_hysteresis_branch_is_refused():
    with pytest.raises(v.ParameterError, match=r"lithiation OCP \[V\] must be strictly decreasing"):
        v.validate_parameter_values(_changed({N + "OCP hysteresis [V]": 2.0}))


def test_non_finite_ocp_is_refused():
    with pytest.raises(v.ParameterError, match=r"Negative electrode OCP \[V\] must be finite"):
        v.validate_parameter_values(_changed({N + "OCP [V]": lambda sto: pybamm.log(sto - sto)}))


@pytest.mark.parametrize("name", pa.couple_names())
def test_every_shipped_set_passes_as_full_cell_and_half_cell(name):
    v.validate(pybamm.ParameterValues(name), pa.DFN())
    half = pybamm.ParameterValues(pa.load_half_cell(name))
    v.validate(half, pa.DFN({"working electrode": "positive"}))


def test_loader_checks_overrides_before_deriving_the_cell():
    with pytest.raises(v.ParameterError, match=r"Negative particle radius \[m\]"):
        pa.load_parameter_set("LiSi_NMC811", {"Negative particle radius [m]": -1.0})


def test_composite_secondary_phase_with_input_fraction_is_checked():
    """ "Secondary: " prefix; volume fractions are expressions of an input: skipped."""
    from pybamm_alloying.parameters import load_composite_set

    values = pybamm.ParameterValues(load_composite_set("LiSi_graphite_NMC811", "[input]"))
    options = {
        "particle phases": ("2", "1"),
        "open-circuit potential": (("single", "current sigmoid"), "single"),
        "alloy phases": "secondary",
    }
    v.validate_parameter_values(values, "negative", "Secondary: ")
    values["Secondary: Negative particle radius [m]"] = -1.0
    with pytest.raises(v.ParameterError, match=r"Secondary: Negative particle radius \[m\]"):
        v.validate(values, pa.DFN(options))


@pytest.mark.parametrize(
    "lower, upper, named",
    [(0.5, 4.14, "lower voltage cut-off"), (2.724, 6.0, "upper voltage cut-off")],
)
def test_cut_offs_outside_the_open_circuit_window_are_refused(lower, upper, named):
    with pytest.raises(
        v.ProtocolError, match=f"{named} .* must be inside the open-circuit window"
    ) as error:
        load_protocol("cccv", 1, lower, upper, parameter_values=LI_SI)
    assert error.value.name.startswith(named)


def test_set_cut_offs_outside_the_window_are_refused_by_validate():
    with pytest.raises(v.ProtocolError, match="upper voltage cut-off"):
        v.validate(_changed({"Upper voltage cut-off [V]": 10.0}), pa.DFN())


@pytest.mark.parametrize("rate", ["0C", "C/0", "0.0C"])
def test_non_positive_c_rate_is_refused(rate):
    with pytest.raises(v.ProtocolError, match=r"rate must be a C-rate > 0") as error:
        load_protocol("cccv", 1, rate=rate)
    assert error.value.value == rate


def test_negative_c_rate_is_not_a_c_rate():
    with pytest.raises(v.ProtocolError, match="rate must be a C-rate like"):
        load_protocol("cccv", 1, rate="-1C")


@pytest.mark.parametrize("bad, suggestion", [("ccv", "cccv"), ("formation_C2", "formation_C20")])
def test_unknown_protocol_suggests_the_closest(bad, suggestion):
    with pytest.raises(
        v.UnknownNameError, match=f"protocol must be one of .*did you mean '{suggestion}'"
    ):
        load_protocol(bad)


def test_unknown_couple_suggests_the_closest():
    with pytest.raises(v.UnknownNameError, match="did you mean 'LiSi_NMC811'"):
        pa.load_parameter_set("LiSi_NMC81")
    with pytest.raises(
        v.UnknownNameError, match="parameter_set must be one of .*did you mean 'NaSn_NVPF'"
    ):
        run_cycling("NaSn_NVP")


def test_parameters_the_options_need_must_be_present():
    """PyBaMM's SEI growth needs values the Na partner set (Chayambuka2022) lacks."""
    with pytest.raises(
        v.ParameterError,
        match=r"must be given .* lacks: \[.*'SEI solvent diffusivity \[m2\.s-1\]'.*\]\), "
        r"not 'missing'.*borrowed_sei_parameters",
    ):
        run_cycling("NaSn_NVPF", cycles=1, options={"SEI": "solvent-diffusion limited"})


@pytest.mark.parametrize("bad", [0, -2, 1.5, True, "all", [0, 2], [2, 4], [1.0]])
def test_save_at_cycles_must_name_cycles(bad):
    """An int >= 1 (every n-th cycle) or a list of cycle numbers within the run (3 here)."""
    with pytest.raises(
        v.ProtocolError,
        match=r"save_at_cycles must be an integer >= 1 or a list of cycle numbers in \[1, 3\]",
    ):
        run_cycling(cycles=3, save_at_cycles=bad)


def test_borrowed_sei_parameters_complete_a_na_set():
    """The stand-in values are Chen2020's, only those the set lacks; with them the Na
    cell passes validation for PyBaMM's SEI growth."""
    borrowed = pa.parameters.borrowed_sei_parameters("NaSn_NVPF")
    chen = pybamm.ParameterValues("Chen2020")
    assert "SEI solvent diffusivity [m2.s-1]" in borrowed
    assert all(chen[k] == value for k, value in borrowed.items())
    assert pa.parameters.borrowed_sei_parameters("LiSi_NMC811") == {}  # inherits its own
    values = pybamm.ParameterValues("NaSn_NVPF")
    values.update(borrowed, check_already_exists=False)
    v.validate(values, pa.DFN({"SEI": "solvent-diffusion limited"}))


@pytest.mark.parametrize(
    "options, named",
    [
        ({"particle size": "distribution"}, "'particle size'"),
        ({"heat of mixing": "true"}, "'heat of mixing'"),
        ({"particle": "uniform profile"}, "'particle'"),
        ({"alloy SEI transport": "film", "alloy geometry": "planar"}, "'alloy geometry'"),
        ({"alloy SEI transport": "film", "alloy particle": "quasi-steady"}, "'alloy particle'"),
        ({"alloy geometry": "planar", "loss of active material": "reaction-driven"}, "spherical"),
        ({"particle mechanics": "swelling only"}, "'particle mechanics'"),
        ({"alloy phases": "secondary"}, "'alloy phases'"),
    ],
)
def test_incompatible_options_are_refused(options, named):
    with pytest.raises(v.OptionCompatibilityError, match=named):
        pa.DFN(options)


def test_exceptions_map_to_the_cli_error_classes():
    assert issubclass(v.ParameterError, ValueError)
    assert issubclass(v.ProtocolError, ValueError)
    assert issubclass(v.UnknownNameError, ValueError)
    assert issubclass(v.ArgumentError, ValueError)
    assert issubclass(v.OptionCompatibilityError, pybamm.OptionError)


def test_cli_reports_an_incompatible_option_before_solving(capsys):
    from pybamm_alloying.cli import main

    code = main(["cycle", "--sei-transport", "film", "--particle", "quasi-steady", "--cycles", "1"])
    assert code == 2
    assert "'alloy SEI transport'" in capsys.readouterr().err


# -- the rules behind the API corpus (tests/test_api_corpus.py holds the bad inputs) ------


@pytest.mark.parametrize(
    "low, high, closed, allowed, refused, taken",
    [
        (0, math.inf, "()", "finite and > 0", 0, 1e-300),
        (1, math.inf, "[)", "finite and >= 1", 0.999, 1),
        (0, 1, "[)", "in [0, 1)", 1, 0),
        (-math.inf, 5, "(]", "finite and <= 5", 5.001, 5),
        (-math.inf, math.inf, "()", "finite", math.nan, -1e300),
    ],
)
def test_check_number_names_its_interval(low, high, closed, allowed, refused, taken):
    with pytest.raises(v.ParameterError, match=re.escape(f"x must be {allowed}, not {refused!r}")):
        v.check_number("x", refused, low, high, closed)
    v.check_number("x", taken, low, high, closed)


@pytest.mark.parametrize("value", [True, "1", None, math.inf, -math.inf])
def test_check_number_takes_finite_real_numbers_only(value):
    with pytest.raises(v.ArgumentError, match="x must be finite"):
        v.check_number("x", value, error=v.ArgumentError)


def test_every_registered_parameter_set_holds_only_values():
    """No set PyBaMM or this package registers trips the value rule (a NaN, a None)."""
    for name in pybamm.parameter_sets:
        v.check_values(pybamm.ParameterValues(name))


def test_every_name_of_every_shipped_set_is_known():
    """The misspelling rule's known names (files, carrier metals and one couple's
    records) hold every name of every couple, half cell and composite: none is taken
    for a typo of another."""
    from pybamm_alloying.parameters import composite_names, load_composite_set
    from pybamm_alloying.parameters.composite import load_composite_half_cell

    sets = [pa.load_parameter_set(name) for name in pa.couple_names()]
    sets += [pa.load_half_cell(name) for name in pa.couple_names()]
    sets += [load_composite_set(name) for name in composite_names()]
    sets += [load_composite_half_cell(name) for name in composite_names()]
    known = v.known_names()
    for values in sets:
        names = set(values) - set(v.METADATA)
        assert {n for n in names if n not in known and v._unprefixed(n) not in known} == set()


def test_a_name_far_from_every_known_one_is_a_users_own():
    v.validate(_changed({"My fitted OCP coefficient": 1.0}), pa.DFN())


def test_a_hand_built_simulation_in_range_passes():
    """validate(simulation) reads its values, model, experiment and mesh points."""
    model = pa.DFN()
    lower, upper = LI_SI["Lower voltage cut-off [V]"], LI_SI["Upper voltage cut-off [V]"]
    simulation = pybamm.Simulation(
        model,
        parameter_values=LI_SI,
        experiment=load_protocol("cccv", 1, lower, upper),
        var_pts={**model.default_var_pts, pa.shell_coordinate("negative"): 3},
    )
    v.validate(simulation)


def test_a_composite_cell_is_checked_against_the_window_of_both_phases():
    """The window takes U_n over graphite and alloy; the composite's cut-offs lie in it."""
    from pybamm_alloying.parameters import load_composite_set
    from pybamm_alloying.studies.composite import COMPOSITE_OPTIONS

    values = pybamm.ParameterValues(load_composite_set("LiSi_graphite_NMC811", 0.2))
    v.validate(values, pa.DFN(COMPOSITE_OPTIONS))
    low, high = v.ocv_window(values)
    assert low < values["Lower voltage cut-off [V]"] < values["Upper voltage cut-off [V]"] < high
