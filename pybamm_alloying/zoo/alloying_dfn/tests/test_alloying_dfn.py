"""Physics the zoo entry pins: a slow cycle delivers the nominal capacity, lithium is kept."""

import numpy as np
import pybamm
import pybamm_model_zoo as zoo


def _c20_cycle() -> tuple[pybamm.ParameterValues, pybamm.Solution]:
    values = pybamm.ParameterValues("LiSi_NMC811")
    high, low = values["Upper voltage cut-off [V]"], values["Lower voltage cut-off [V]"]
    experiment = pybamm.Experiment(
        [f"Charge at C/20 until {high} V", f"Discharge at C/20 until {low} V"]
    )
    model = zoo.load("AlloyingDFN")()
    return values, pybamm.Simulation(model, parameter_values=values, experiment=experiment).solve()


def test_a_c20_cycle_delivers_the_nominal_capacity_and_keeps_the_lithium():
    """The cell is cathode-limited (N/P = 1.1): C/20 reaches its nominal capacity within
    1 %, and the cell's lithium inventory changes by less than 1e-6 of itself."""
    values, solution = _c20_cycle()
    discharge = solution.cycles[-1]["Discharge capacity [A.h]"].entries
    delivered = discharge[-1] - discharge[0]
    assert abs(delivered / values["Nominal cell capacity [A.h]"] - 1) < 0.01
    lithium = solution["Total lithium [mol]"].entries
    np.testing.assert_allclose(lithium, lithium[0], rtol=1e-6)
