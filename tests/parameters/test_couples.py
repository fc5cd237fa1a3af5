"""Every shipped couple: capacity, OCP, a full C/20 cycle and its kinetic regime."""

import numpy as np
import pybamm
import pytest

import pybamm_alloying as pa
from pybamm_alloying.parameters.functions import (
    shell_ocp,
    shell_ocp_delithiation,
    shell_ocp_lithiation,
)
from pybamm_alloying.parameters.loader import read_couple

FARADAY = pybamm.constants.F.value
COUPLES = pa.couple_names()

#: Theoretical capacity of the final phase [mAh/g] quoted by the literature (issue 3).
LITERATURE_CAPACITY = {
    "LiSi": 3579, "LiGe": 1384, "LiSn": 994, "LiSb": 660, "LiP": 2596,
    "NaSn": 847, "NaSb": 660, "NaP": 2596, "NaGe": 369,
}  # fmt: skip
#: Regimes reported by the literature (shared/spec/model.md section 1).
REPORTED_REGIME = {
    "LiSi": "ICR", "NaSb": "ICR", "LiP": "ICR", "NaP": "ICR",
    "NaSn": "DCR", "LiGe": "DCR", "NaGe": "DCR",
}  # fmt: skip


def _couple(name: str) -> str:
    return name.split("_")[0]


def _value(pv, quantity):
    return pv[f"Negative electrode {quantity}"]


@pytest.mark.parametrize("name", COUPLES)
def test_capacity_from_x_and_molar_mass_matches_the_literature(name):
    pv = pybamm.ParameterValues(name)
    x, M = _value(pv, "carriers per host atom"), _value(pv, "host molar mass [kg.mol-1]")
    capacity = x * FARADAY / (3.6 * M * 1000)
    expected = (
        read_couple(name).get("literature_capacity", {}).get("value")
        or LITERATURE_CAPACITY[_couple(name)]
    )
    assert capacity == pytest.approx(expected, rel=0.01)


@pytest.mark.parametrize("name", COUPLES)
def test_ocp_branches_are_finite_monotonic_and_ordered(name):
    pv = pybamm.ParameterValues(name)
    sto = pybamm.Vector(np.linspace(0, 1, 1001))
    branches = [
        pv.process_symbol(f(sto)).evaluate().ravel()
        for f in (shell_ocp_lithiation, shell_ocp, shell_ocp_delithiation)
    ]
    for U in branches:
        assert np.all(np.isfinite(U)) and np.all(np.diff(U) < 0)
    assert np.all(branches[0][1:-1] < branches[1][1:-1])
    assert np.all(branches[1][1:-1] < branches[2][1:-1])
    sto_eq = (
        _value(pv, "shell equilibrium concentration [mol.m-3]")
        / pv["Maximum concentration in negative electrode [mol.m-3]"]
    )
    U_eq = pv.process_symbol(shell_ocp(pybamm.Scalar(sto_eq))).evaluate()
    assert float(U_eq) == pytest.approx(_value(pv, "two-phase potential [V]"), abs=1e-12)


@pytest.mark.parametrize("name", COUPLES)
def test_full_cell_cycles_at_c20_to_the_capacity_of_its_limiting_electrode(name):
    """Charge to the upper cut-off and discharge to the lower one at C/20."""
    pv = pybamm.ParameterValues(name)
    low, high = pv["Lower voltage cut-off [V]"], pv["Upper voltage cut-off [V]"]
    steps = [f"Charge at C/20 until {high} V", f"Discharge at C/20 until {low} V"]
    sim = pybamm.Simulation(
        pa.DFN(),
        parameter_values=pv,
        experiment=pybamm.Experiment(steps),
        solver=pybamm.IDAKLUSolver(),
    )
    sol = sim.solve()
    assert len(sol.cycles) == 2
    sigma = sol["Negative core radius ratio"].entries
    assert 0 < sigma.min() and sigma.max() < 1  # the front stays inside the particle
    q = sol.cycles[1]["Discharge capacity [A.h]"].entries
    limiting = min(
        pv["Nominal cell capacity [A.h]"],  # cathode over its stoichiometry window
        pv["Maximum concentration in negative electrode [mol.m-3]"]
        * _value(pv, "active material volume fraction")
        * _value(pv, "thickness [m]")
        * pv["Electrode width [m]"]
        * pv["Electrode height [m]"]
        * FARADAY
        / 3600,
    )
    assert q[-1] - q[0] == pytest.approx(limiting, rel=0.03)


@pytest.mark.parametrize("name", COUPLES)
def test_single_particle_rate_law_falls_in_the_declared_regime(name):
    """Film of the default half-thickness, surface held on the lithiation plateau."""
    declared = read_couple(name)["regime"]["value"]
    if _couple(name) in REPORTED_REGIME:
        assert declared == REPORTED_REGIME[_couple(name)]
    pv = pybamm.ParameterValues(name)
    c_max = pv["Maximum concentration in negative electrode [mol.m-3]"]
    c_eq = _value(pv, "shell equilibrium concentration [mol.m-3]")
    c_core = _value(pv, "core concentration [mol.m-3]")
    c_ext = c_eq + 0.5 * (c_max - c_eq)
    R = pv["Negative particle radius [m]"]
    T = pv["Reference temperature [K]"]
    D = pv.evaluate(pv["Negative particle diffusivity [m2.s-1]"](c_ext, T))
    k_i = pv.evaluate(
        pybamm.FunctionParameter(
            "Negative electrode interface rate constant [m.s-1]", {"Temperature [K]": T}
        )
    )
    pv.update(
        {
            "Particle surface concentration [mol.m-3]": c_ext,
            "Initial concentration in negative electrode [mol.m-3]": c_core,
        },
        check_already_exists=False,
    )
    drive = (c_ext - c_eq) / (c_eq - c_core)
    t_end = 0.8 * (R / (k_i * drive) + R**2 / (2 * D * drive))
    model = pa.ParticleLithiation({"alloy geometry": "planar"})
    t = np.linspace(0, t_end, 400)
    sol = pybamm.Simulation(model, parameter_values=pv).solve(t[[0, -1]], t_interp=t)
    fit = pa.fit_rate_law(
        sol["Time [s]"].entries, sol["Negative shell thickness [m]"].entries.ravel()
    )
    assert fit.regime == declared, f"n = {fit.n:.3f}, Da = {k_i * R / D:.3g}"
