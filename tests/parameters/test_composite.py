"""Composite parameter sets: graphite (Chen2020_composite) + a library alloy, balanced by N/P."""

import numpy as np
import pybamm
import pytest

import pybamm_alloying as pa
from pybamm_alloying.parameters import (
    MASS_FRACTION,
    composite_names,
    composite_records,
    load_composite_set,
)
from pybamm_alloying.parameters.composite import phase_capacities
from pybamm_alloying.studies.composite import composite_options

N = "Negative electrode "


def _at(name, fraction):
    return pybamm.ParameterValues(load_composite_set(name, fraction))


def _value(values, key):
    return float(values.evaluate(pybamm.Parameter(key)))


def test_four_composites_found_through_pybamm():
    assert composite_names() == [
        "LiSi_graphite_NMC811",
        "LiSn_graphite_NMC811",
        "LiGe_graphite_NMC811",
        "LiSiO_graphite_NMC811",
    ]
    values = pybamm.ParameterValues("LiGe_graphite_NMC811")
    assert (
        values["Secondary: Maximum concentration in negative electrode [mol.m-3]"]
        == pybamm.ParameterValues("LiGe_NMC811")[
            "Maximum concentration in negative electrode [mol.m-3]"
        ]
    )


@pytest.mark.parametrize("name", composite_names())
@pytest.mark.parametrize("fraction", [0.0, 0.05, 0.3, 0.9])
def test_cell_balanced_to_np_at_any_fraction(name, fraction):
    """N (both phases at c_max) / P (cathode window) = 1.1 and the solid + pores fill the anode."""
    values = _at(name, fraction)
    L, A = values[N + "thickness [m]"], 1.0
    anode = (
        sum(
            _value(values, f"{p}{N}active material volume fraction")
            * values[f"{p}Maximum concentration in negative electrode [mol.m-3]"]
            for p in ("Primary: ", "Secondary: ")
        )
        * L
        * A
    )
    window = (
        values["Positive electrode stoichiometry at full discharge"]
        - values["Positive electrode stoichiometry at full charge"]
    )
    cathode = (
        values["Maximum concentration in positive electrode [mol.m-3]"]
        * values["Positive electrode active material volume fraction"]
        * values["Positive electrode thickness [m]"]
        * window
    )
    assert anode / cathode == pytest.approx(1.1, rel=1e-12)
    solid = sum(
        _value(values, f"{p}{N}active material volume fraction")
        for p in ("Primary: ", "Secondary: ")
    )
    assert solid + _value(values, N + "porosity") == pytest.approx(1.0)


def test_graphite_only_cell_has_chen2020_porosity_and_alloy_mass_share_is_w():
    values = _at("LiSi_graphite_NMC811", 0.0)
    assert _value(values, N + "porosity") == pytest.approx(0.25)
    values = _at("LiSi_graphite_NMC811", 0.2)
    masses = [
        _value(values, f"{p}{N}active material volume fraction")
        * values[f"{p}{N}host density [kg.m-3]"]
        for p in ("Primary: ", "Secondary: ")
    ]
    assert masses[1] / sum(masses) == pytest.approx(0.2)


def test_fraction_is_an_input_parameter():
    values = _at("LiSn_graphite_NMC811", "[input]")
    porosity = pybamm.Parameter(N + "porosity")
    assert isinstance(values[MASS_FRACTION], pybamm.InputParameter)
    assert float(values.evaluate(porosity, inputs={MASS_FRACTION: 0.0})) == pytest.approx(0.25)
    assert float(values.evaluate(porosity, inputs={MASS_FRACTION: 0.3})) > 0.5


def test_phase_capacities_split_by_mass():
    capacities = phase_capacities(_at("LiSi_graphite_NMC811", 0.0))
    assert capacities["Secondary: "] == 0 and capacities["Primary: "] > 5


def test_every_added_value_has_a_source():
    records = composite_records("LiSi_graphite_NMC811")
    assert records and all(r.source for r in records)
    names = {r.name for r in records}
    assert {
        MASS_FRACTION,
        N + "thickness [m]",
        "Secondary: Negative electrode two-phase potential [V]",
    } <= names
    assert np.isfinite(
        _value(
            _at("LiSi_graphite_NMC811", 0.1), "Secondary: " + N + "active material volume fraction"
        )
    )


def _cell_capacity_Ah(values, concentration: float, phase: str = "", domain: str = "Negative"):
    """eps L A c F / 3600 of one electrode phase [A.h]."""
    eps = _value(values, f"{phase}{domain} electrode active material volume fraction")
    volume = (
        eps
        * values[f"{domain} electrode thickness [m]"]
        * values["Electrode width [m]"]
        * values["Electrode height [m]"]
    )
    return volume * concentration * pybamm.constants.F.value / 3600


def test_graphite_siox_cycles_at_c20_to_its_limiting_electrode():
    """Graphite + 10 wt% SiO || NMC811 at C/20, two cycles (~8 s). The SiO phase runs the
    conversion particle; its conversion (0.37 V) runs above graphite's staging, so the first
    charge converts all of it (q < 1e-3) and is limited by the cathode (window 0.264-0.854;
    the anode holds N/P = 1.1 times more on its first lithiation): within 3 %. After
    formation the Li locked in Li4SiO4, c_conv (q0 - q_end) eps_a L A F, is gone from the
    cycling inventory, so the cell cycles min(cathode - locked, anode reversible) (graphite
    + the SiO alloy's c_max - c_conv): the inventory, 4.51 A.h against 4.94 A.h; the second
    charge and discharge within 3 % of it, at an efficiency of 1 within 1e-3."""
    name = "LiSiO_graphite_NMC811"
    values = pybamm.ParameterValues(name)
    model = pa.DFN(composite_options(name))
    low, high = values["Lower voltage cut-off [V]"], values["Upper voltage cut-off [V]"]
    experiment = pybamm.Experiment(
        [f"Charge at C/20 until {high} V", f"Discharge at C/20 until {low} V"] * 2
    )
    solution = pybamm.Simulation(
        model, parameter_values=values, experiment=experiment, solver=model.default_solver
    ).solve()
    charged, discharged, charged_2, discharged_2 = (
        abs(np.ptp(step["Discharge capacity [A.h]"].entries))
        for cycle in solution.cycles
        for step in cycle.steps
    )
    window = (
        values["Positive electrode stoichiometry at full discharge"]
        - values["Positive electrode stoichiometry at full charge"]
    )
    cathode = _cell_capacity_Ah(
        values,
        window * values["Maximum concentration in positive electrode [mol.m-3]"],
        domain="Positive",
    )
    first = sum(phase_capacities(values).values())
    assert charged == pytest.approx(min(cathode, first), rel=3e-2) and first > cathode
    q = solution["X-averaged negative secondary unconverted fraction"].entries
    c_conv = values["Secondary: Negative electrode conversion concentration [mol.m-3]"]
    assert q[-1] < 1e-3
    locked = _cell_capacity_Ah(values, c_conv * (q[0] - q[-1]), "Secondary: ")
    c_max = values["Secondary: Maximum concentration in negative electrode [mol.m-3]"]
    graphite = phase_capacities(values)["Primary: "]
    reversible = graphite + _cell_capacity_Ah(values, c_max - c_conv, "Secondary: ")
    limiting = min(cathode - locked, reversible)
    assert limiting == cathode - locked
    assert charged_2 == pytest.approx(limiting, rel=3e-2)
    assert discharged_2 == pytest.approx(limiting, rel=3e-2)
    assert discharged_2 / charged_2 == pytest.approx(1, abs=1e-3)


def test_only_the_siox_composite_runs_the_conversion_particle():
    """A conversion set's composite needs the conversion particle for its secondary phase:
    validate passes with composite_options and refuses the plain composite options (the
    front would move back out and return the Li locked in Li4SiO4)."""
    from pybamm_alloying.studies.composite import COMPOSITE_OPTIONS
    from pybamm_alloying.validation import OptionCompatibilityError

    for name in composite_names():
        particle = composite_options(name).get("alloy particle", "full")
        assert (particle == "conversion") == (name == "LiSiO_graphite_NMC811")
    values = _at("LiSiO_graphite_NMC811", 0.1)
    pa.validate(values, pa.DFN(composite_options("LiSiO_graphite_NMC811")))
    with pytest.raises(OptionCompatibilityError, match="must be 'conversion'"):
        pa.validate(values, pa.DFN(COMPOSITE_OPTIONS))
