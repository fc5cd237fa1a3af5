"""The conversion-alloying particle (docs/theory.md section 13) on every shipped
conversion set (:func:`pybamm_alloying.conversion_names`).

Two slow (C/20) lithiation/delithiation cycles of each set's half cell against its carrier
metal, 5 mV - 1.5 V (~1-2 s of solve each). The stoichiometric capacities follow from the
file's carriers per host atom: x F / (3.6 M) on the first lithiation and (x - x_conv) F /
(3.6 M) reversible, the x_conv locked in A2O (Li2O, Li4SiO4, Na2O) staying there:
SnO2 8.4 / 4.4 Li, 1493.8 / 782.5 mAh/g (Courtney & Dahn 1997); SiO 3.8125 / 2.8125 Li,
2317.8 / 1709.9 mAh/g; Sb2O3 12 / 6 Na, 1103.2 / 551.6 mAh/g.
"""

import numpy as np
import pybamm
import pytest

import pybamm_alloying as pa
from pybamm_alloying.parameters import set_metadata
from pybamm_alloying.parameters.loader import load_half_cell
from pybamm_alloying.studies.fracture import maximum_fracture_index
from pybamm_alloying.validation import OptionCompatibilityError

FARADAY = pybamm.constants.F.value
SETS = pa.conversion_names()
#: The stoichiometric (first, reversible) capacities [mAh/g] the literature quotes for
#: each set's reactions, which its carriers per host atom must reproduce.
QUOTED = {
    "LiSnO2_NMC811": (1494, 782),
    "LiSiO_NMC811": (2318, 1710),
    "NaSb2O3_NVPF": (1103, 552),
}
W = "Positive electrode "


def _stoichiometric(values) -> tuple[float, float]:
    """(first, reversible) capacity [mAh/g of oxide]: x F / (3.6 M), (x - x_conv) F / (3.6 M)."""
    per_gram = FARADAY / 3.6 / (values[W + "host molar mass [kg.mol-1]"] * 1000)
    x, x_conv = (
        values[W + "carriers per host atom"],
        values[W + "conversion carriers per host atom"],
    )
    return x * per_gram, (x - x_conv) * per_gram


@pytest.fixture(scope="module", params=SETS)
def cycled(request):
    values = pybamm.ParameterValues(load_half_cell(request.param))
    model = pa.DFN({"working electrode": "positive", "alloy particle": "conversion"})
    experiment = pybamm.Experiment(
        ["Discharge at C/20 until 0.005 V", "Charge at C/20 until 1.5 V"] * 2
    )
    simulation = pybamm.Simulation(
        model, parameter_values=values, experiment=experiment, solver=model.default_solver
    )
    return request.param, values, simulation.solve()


def test_every_shipped_conversion_set_is_tested():
    assert set(SETS) == set(QUOTED)


def _oxide_mass_g(values) -> float:
    """Mass of pristine SnO2 in the electrode [g]: eps_s L A rho."""
    volume = (
        values["Positive electrode active material volume fraction"]
        * values["Positive electrode thickness [m]"]
        * values["Electrode width [m]"]
        * values["Electrode height [m]"]
    )
    return volume * values["Positive electrode host density [kg.m-3]"] * 1000


def _step_charges_mAh(solution) -> list[float]:
    """|charge| passed in each step [mAh]."""
    return [
        1000 * abs(np.ptp(step["Discharge capacity [A.h]"].entries))
        for cycle in solution.cycles
        for step in cycle.steps
    ]


def test_first_and_reversible_capacities_are_the_stoichiometric_ones(cycled):
    """The lithiated particle holds the first-lithiation capacity (the charge of the first
    lithiation plus the residual shell it starts with) and returns the reversible one,
    each within 1 % of the file's stoichiometry, which gives the quoted values."""
    name, values, solution = cycled
    first_x, reversible_x = _stoichiometric(values)
    assert (first_x, reversible_x) == pytest.approx(QUOTED[name], abs=0.5)
    mass = _oxide_mass_g(values)
    lithiation = solution.cycles[0].steps[0]
    held = lithiation["Total lithium in particles [mol]"].entries[-1]
    assert held * FARADAY / 3.6 / mass == pytest.approx(first_x, rel=1e-2)
    first, returned = _step_charges_mAh(solution)[:2]
    assert first / mass == pytest.approx(first_x, rel=1e-2)
    assert returned / mass == pytest.approx(reversible_x, rel=1e-2)


def test_first_cycle_efficiency_is_reversible_over_first_and_the_second_is_one(cycled):
    _, values, solution = cycled
    first_x, reversible_x = _stoichiometric(values)
    first, returned, second, returned_2 = _step_charges_mAh(solution)
    assert returned / first == pytest.approx(reversible_x / first_x, rel=2e-2)
    assert returned_2 / second == pytest.approx(1, abs=1e-3)
    assert second == pytest.approx(returned, rel=1e-3)


def test_the_front_never_moves_back_and_the_locked_carrier_stays(cycled):
    """The conversion is irreversible: the unconverted fraction q never rises, and after
    the first lithiation the carrier locked in Li2O is c_conv (1 - q_min) for good."""
    _, values, solution = cycled
    q = solution["X-averaged positive unconverted fraction"].entries
    assert np.all(np.diff(q) <= 1e-9)
    assert q[-1] < 2 * values["Positive electrode residual core volume fraction"]
    locked = solution["X-averaged positive locked carrier concentration [mol.m-3]"].entries
    c_conv = values["Positive electrode conversion concentration [mol.m-3]"]
    end_of_first = len(solution.cycles[0].steps[0].t)
    assert np.ptp(locked[end_of_first:]) < 1e-6 * c_conv
    assert locked[-1] == pytest.approx(c_conv, rel=2e-5)


def test_carrier_is_conserved_with_the_locked_carrier_counted(cycled):
    """(locked + alloy carrier) eps_s L A changes by the charge passed / F, < 1e-6."""
    _, values, solution = cycled
    volume = _oxide_mass_g(values) / 1000 / values["Positive electrode host density [kg.m-3]"]
    content = sum(
        solution[f"X-averaged positive {kind} carrier concentration [mol.m-3]"].entries
        for kind in ("locked", "alloy")
    )
    passed = solution["Discharge capacity [A.h]"].entries * 3600 / FARADAY
    transferred = np.max(np.abs(passed))
    assert np.max(np.abs((content - content[0]) * volume - passed)) < 1e-6 * transferred


@pytest.mark.parametrize("name", SETS)
def test_the_shell_ocp_is_the_conversion_potential_at_the_front(name):
    """U(c_eq / c_max) = U_conv: the conversion runs at its own plateau."""
    values = pybamm.ParameterValues(name)
    sto_eq = (
        values["Negative electrode shell equilibrium concentration [mol.m-3]"]
        / values["Maximum concentration in negative electrode [mol.m-3]"]
    )
    ocp = values["Negative electrode OCP [V]"](pybamm.Scalar(sto_eq))
    assert values.evaluate(ocp) == pytest.approx(
        values["Negative electrode two-phase potential [V]"], abs=1e-9
    )


@pytest.mark.parametrize("name", SETS)
def test_the_cell_with_stress_and_fracture_loads_the_converted_composite_shell(name):
    """Li-SnO2 || NMC811 charged at C/10 with "alloy stress" and "alloy fracture" on the
    conversion particle: the front goes through (no stress arrest: the conversion's
    penalty per carrier is small against its 0.95 V drive) and the running-maximum
    fracture index is the closed form's of the converted composite's shell at the
    particle's diameter (rel 1e-3; docs/fracture.md, "The buffered particle")."""
    values = pybamm.ParameterValues(name)
    model = pa.DFN(
        {"alloy particle": "conversion", "alloy stress": "plastic", "alloy fracture": "index"}
    )
    experiment = pybamm.Experiment(
        [f"Charge at C/10 for 40 hours or until {values['Upper voltage cut-off [V]']} V"]
    )
    solution = pybamm.Simulation(
        model, parameter_values=values, experiment=experiment, solver=model.default_solver
    ).solve()
    q = solution["X-averaged negative unconverted fraction"].entries
    assert q[-1] == pytest.approx(
        values["Negative electrode residual core volume fraction"], rel=1e-2
    )
    index = solution["X-averaged negative particle maximum fracture index"].entries[-1]
    diameter = 2 * values["Negative particle radius [m]"]
    assert index == pytest.approx(maximum_fracture_index(values, diameter), rel=1e-3)


@pytest.mark.parametrize("name", SETS)
def test_the_conversion_set_is_listed_but_not_among_the_alloy_couples(name):
    """``list_couples`` (and ``pybamm-alloying list``) reports the first capacity;
    PyBaMM finds the set by name through the entry point."""
    assert name not in pa.couple_names()
    assert name in pybamm.parameter_sets
    listed = pa.list_couples().set_index("name")
    assert listed.loc[name, "kind"] == "conversion-alloying"
    first, _ = _stoichiometric(pybamm.ParameterValues(load_half_cell(name)))
    assert listed.loc[name, "capacity [mAh/g]"] == pytest.approx(first, rel=1e-6)


@pytest.mark.parametrize(
    "model_class, name",
    [(model_class, name) for model_class in (pa.DFN, pa.SPM) for name in SETS],
)
def test_the_full_cell_loses_the_conversion_carrier_on_formation_only(model_class, name):
    """Full cell at C/10, two cycles: the first charge minus the first discharge is the
    carrier the front locks in A2O, c_conv (q0 - q_end) eps L A F, within 1 %; the second
    cycle's efficiency is 1 within 1e-3 (no SEI); the discharges draw at most 1 % of the
    locked carrier: the OCP wall below y = 0 (width w = A/S = 0.008 of c_alloy for Li-Sn,
    parameters/conversion.py) ends them at the cut-off."""
    values = pybamm.ParameterValues(name)
    low, high = values["Lower voltage cut-off [V]"], values["Upper voltage cut-off [V]"]
    model = model_class({"alloy particle": "conversion"})
    experiment = pybamm.Experiment(
        [f"Charge at C/10 for 40 hours or until {high} V", f"Discharge at C/10 until {low} V"] * 2
    )
    solution = pybamm.Simulation(
        model, parameter_values=values, experiment=experiment, solver=model.default_solver
    ).solve()
    charged, discharged, charged_2, discharged_2 = (c / 1000 for c in _step_charges_mAh(solution))
    q = solution["X-averaged negative unconverted fraction"].entries
    anode = (
        values["Negative electrode active material volume fraction"]
        * values["Negative electrode thickness [m]"]
        * values["Electrode width [m]"]
        * values["Electrode height [m]"]
    )
    locked = values["Negative electrode conversion concentration [mol.m-3]"] * (q[0] - q[-1])
    assert charged - discharged == pytest.approx(locked * anode * FARADAY / 3600, rel=1e-2)
    assert discharged_2 / charged_2 == pytest.approx(1, abs=1e-3)
    alloy = solution["X-averaged negative alloy carrier concentration [mol.m-3]"].entries
    assert alloy.min() > -1e-2 * values["Negative electrode conversion concentration [mol.m-3]"]


@pytest.mark.parametrize("name", SETS)
def test_validate_runs_a_conversion_set_only_with_the_conversion_particle(name):
    values = pybamm.ParameterValues(name)
    pa.validate(values, pa.DFN({"alloy particle": "conversion"}))
    with pytest.raises(OptionCompatibilityError, match="must be 'conversion' for a conversion"):
        pa.validate(values, pa.DFN())
    with pytest.raises(ValueError, match="conversion concentration"):
        metal = set_metadata(name)["metal"]
        pa.validate(pybamm.ParameterValues(metal), pa.DFN({"alloy particle": "conversion"}))
