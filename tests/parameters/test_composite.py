"""Composite parameter sets: graphite (Chen2020_composite) + a library alloy, balanced by N/P."""

import numpy as np
import pybamm
import pytest

from pybamm_alloying.parameters import (
    MASS_FRACTION,
    composite_names,
    composite_records,
    load_composite_set,
)
from pybamm_alloying.parameters.composite import phase_capacities

N = "Negative electrode "


def _at(name, fraction):
    return pybamm.ParameterValues(load_composite_set(name, fraction))


def _value(values, key):
    return float(values.evaluate(pybamm.Parameter(key)))


def test_three_composites_found_through_pybamm():
    assert composite_names() == [
        "LiSi_graphite_NMC811",
        "LiSn_graphite_NMC811",
        "LiGe_graphite_NMC811",
    ]
    values = pybamm.ParameterValues("LiGe_graphite_NMC811")
    assert (
        values["Secondary: Maximum concentration in negative electrode [mol.m-3]"]
        == pybamm.ParameterValues("LiGe_NMC811")[
            "Maximum concentration in negative electrode [mol.m-3]"
        ]
    )


@pytest.mark.parametrize(
    "name", ["LiSi_graphite_NMC811", "LiSn_graphite_NMC811", "LiGe_graphite_NMC811"]
)
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
