"""Facts of the Li-SiO conversion-alloying set (LiSiO_NMC811) that the shared conversion
tests (tests/submodels/test_conversion.py) do not check.

Chosen stoichiometry: 4 SiO + 15.25 Li -> 3 Li3.75Si + Li4SiO4, i.e. per SiO 1 Li locked
in the silicate and 2.8125 Li in the alloy of the 3/4 Si the conversion frees. SiO's
conversion (0.37 V) overlaps Si's alloying in potential, so the single front leaves its
shell partly alloyed, at y_eq = 0.35 (docs/theory.md section 13).
"""

import numpy as np
import pybamm
import pytest

import pybamm_alloying as pa
from pybamm_alloying.parameters.loader import load_half_cell

FARADAY = pybamm.constants.F.value
SET = "LiSiO_NMC811"
#: SiO molar mass [g/mol]: 28.0855 + 15.999.
M_SIO = 44.085
N = "Negative electrode "


def _specific_capacity(carriers: float) -> float:
    """x F / (3.6 M) [mAh/g of SiO]."""
    return carriers * FARADAY / 3.6 / M_SIO


def test_the_silicate_route_gives_the_stoichiometric_capacities():
    """1 Li per SiO locked (4 Li per Li4SiO4 from 4 SiO), 3/4 x 3.75 Li alloyed: 2317.8
    mAh/g first, 1709.9 mAh/g reversible, first-cycle efficiency 73.8 %, inside the
    measured 60-75 % of SiO electrodes; list_couples reports the first capacity."""
    values = pybamm.ParameterValues(SET)
    x, x_conv = (
        values[N + "carriers per host atom"],
        values[N + "conversion carriers per host atom"],
    )
    assert values[N + "host molar mass [kg.mol-1]"] * 1000 == pytest.approx(M_SIO, abs=1e-3)
    assert x_conv == 4 / 4 and x == x_conv + 3 / 4 * 3.75
    assert _specific_capacity(x) == pytest.approx(2317.8, abs=0.1)
    assert _specific_capacity(x - x_conv) == pytest.approx(1709.9, abs=0.1)
    assert 0.60 < (x - x_conv) / x < 0.75
    listed = pa.list_couples().set_index("name")
    assert listed.loc[SET, "capacity [mAh/g]"] == pytest.approx(_specific_capacity(x), rel=1e-6)


def test_the_front_leaves_a_partly_alloyed_shell_on_a_flat_conversion_plateau():
    """C/20 half cell: the conversion runs on a plateau (< 5 mV wide) within 30 mV below
    U_conv = 0.37 V, and once the front has converted 99 % of the particle it holds
    0.99 c_eq (c_eq = c_conv + 0.35 c_alloy: the overlap of conversion and alloying) plus
    the shell's small drive, within 2 %."""
    values = pybamm.ParameterValues(load_half_cell(SET))
    model = pa.DFN({"working electrode": "positive", "alloy particle": "conversion"})
    solution = pybamm.Simulation(
        model,
        parameter_values=values,
        experiment=pybamm.Experiment(["Discharge at C/20 until 0.005 V"]),
        solver=model.default_solver,
    ).solve()
    q = solution["X-averaged positive unconverted fraction"].entries
    voltage = solution["Voltage [V]"].entries
    running = voltage[(q < 0.9) & (q > 0.1)]
    u_conv = values["Positive electrode two-phase potential [V]"]
    assert u_conv == 0.37 and np.ptp(running) < 5e-3
    assert u_conv - 0.03 < running.min() and running.max() < u_conv
    held = sum(
        solution[f"X-averaged positive {kind} carrier concentration [mol.m-3]"].entries
        for kind in ("locked", "alloy")
    )
    c_eq = values["Positive electrode shell equilibrium concentration [mol.m-3]"]
    c_conv = values["Positive electrode conversion concentration [mol.m-3]"]
    c_max = values["Maximum concentration in positive electrode [mol.m-3]"]
    assert (c_eq - c_conv) / (c_max - c_conv) == pytest.approx(0.35, abs=1e-3)
    assert held[np.argmax(q < 0.01)] / (0.99 * c_eq) == pytest.approx(1, rel=2e-2)


def test_the_expansion_is_that_of_the_lithiated_composite():
    """beta = (3/4 V(Li15Si4 per Si) + 1/4 V(Li4SiO4)) / V(SiO) with the LiSi set's
    Li15Si4 volume (beta_Si V(Si)), Li4SiO4 at 119.84 g/mol and 2.40 g/cm3, SiO at 2.13."""
    silicon = pybamm.ParameterValues("LiSi_NMC811")
    v_li15si4 = (
        silicon[N + "volume expansion ratio"]
        * silicon[N + "host molar mass [kg.mol-1]"]
        / silicon[N + "host density [kg.m-3]"]
    )
    v_silicate = 0.11984 / 2400.0
    values = pybamm.ParameterValues(SET)
    v_sio = values[N + "host molar mass [kg.mol-1]"] / values[N + "host density [kg.m-3]"]
    expected = (0.75 * v_li15si4 + 0.25 * v_silicate) / v_sio
    assert values[N + "volume expansion ratio"] == pytest.approx(expected, abs=6e-3)
