"""Temperature reaches the alloy kinetics through PyBaMM's thermal models."""

import numpy as np
import pybamm
import pytest

import pybamm_alloying as pa
from pybamm_alloying.studies import run_cycling

R_GAS = pybamm.constants.R.value
T_REF = 298.15


def test_a_lumped_cell_heats_its_front_kinetics():
    """Under PyBaMM's lumped thermal model the particle's Da follows the cell temperature:
    Da(T) = Da(T_ref) exp((E_k - E_D)/R (1/T_ref - 1/T)), k_i and D Arrhenius in the
    simulated T (docs/theory.md section 7, Temperature)."""
    pv = pybamm.ParameterValues("LiSi_NMC811")
    E_k = pv["Negative electrode interface rate constant activation energy [J.mol-1]"]
    E_D = pv["Negative particle diffusivity activation energy [J.mol-1]"]
    pv["Total heat transfer coefficient [W.m-2.K-1]"] = 0.5  # poorly cooled: it heats up
    high = pv["Upper voltage cut-off [V]"]
    model = pa.DFN({"thermal": "lumped"})
    experiment = pybamm.Experiment([f"Charge at 2C until {high} V"])
    solution = pybamm.Simulation(model, parameter_values=pv, experiment=experiment).solve()
    T = solution["X-averaged negative electrode temperature [K]"].entries
    Da = solution["X-averaged negative Damkohler number"].entries
    assert T[-1] - T[0] > 1.0  # the cell warmed
    expected = Da[0] * np.exp((E_k - E_D) / R_GAS * (1 / T[0] - 1 / T))
    np.testing.assert_allclose(Da, expected, rtol=1e-6)
    assert abs(np.log(Da[-1] / Da[0])) > 1e-3  # and the kinetics moved with it


@pytest.mark.parametrize("particle", ["full", "quasi-steady"])
def test_a_lumped_thermal_cc_cv_cycle_completes_every_step(particle):
    """PyBaMM's lumped thermal model through a 1C CC-CV cycle (charge, hold to C/20, rest,
    discharge, rest), as PyBaMM's own DFN runs it: every step ends by its own end
    condition, the hold by its C/20 cut-off (it failed as the first front parked at the
    centre, docs/theory.md section 4), and lithium is conserved with the cell heating."""
    temperature = "X-averaged cell temperature [K]"
    result = run_cycling(
        "LiSi_NMC811",
        "cccv",
        cycles=1,
        options={"thermal": "lumped", "alloy particle": particle},
        output_variables=[temperature],
    )
    assert result.completed, result.stop_reason
    steps = result.solution.cycles[0].steps
    assert [step.termination for step in steps] == [
        "event: Voltage > 4.14 [V] [experiment]",
        "event: C-rate cut-off [experiment]",
        "final time",
        "event: Voltage < 2.724 [V] [experiment]",
        "final time",
    ]
    series = result.timeseries
    total = series["Total lithium [mol]"].to_numpy()
    assert np.ptp(total) / total[0] < 1e-6
    assert result.solution[temperature].entries.max() > T_REF + 0.1
