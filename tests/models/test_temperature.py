"""Temperature reaches the alloy kinetics through PyBaMM's thermal models."""

import numpy as np
import pybamm

import pybamm_alloying as pa

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
