"""The shell states' scale follows the couple's Damkohler number (docs/theory.md section 4,
"Tolerance scaling"): an interface-controlled couple's shell is held no tighter than
PyBaMM's Fickian particle, and its 1C discharge at IDAKLU's default tolerances still
matches a tightly solved one."""

import numpy as np
import pybamm
import pytest

import pybamm_alloying as pa

TIGHT = {"rtol": 1e-7, "atol": 1e-9}


def _discharge(variant, tolerances):
    model = pa.DFN({"alloy particle": variant})
    values = pybamm.ParameterValues("LiSi_NMC811")
    experiment = pybamm.Experiment(
        [f"Discharge at 1C until {values['Lower voltage cut-off [V]']} V"]
    )
    sim = pybamm.Simulation(
        model,
        parameter_values=values,
        experiment=experiment,
        solver=pybamm.IDAKLUSolver(**tolerances),
    )
    return sim.solve(initial_soc=1.0)


@pytest.mark.parametrize("variant", ["full", "quasi-steady"])
def test_interface_controlled_discharge_at_default_tolerances_matches_a_tight_solve(variant):
    """Li-Si (Da = 0.12, shell scale ~0.3 c_max): within 1 mV over the first 95 % of a 1C
    discharge and 1e-4 of its capacity against rtol 1e-7, atol 1e-9."""
    sol, ref = _discharge(variant, {}), _discharge(variant, TIGHT)
    t_ref = ref["Time [s]"].entries - ref["Time [s]"].entries[0]
    t = sol["Time [s]"].entries - sol["Time [s]"].entries[0]
    window = t_ref <= 0.95 * t_ref[-1]
    v = np.interp(t_ref[window], t, sol["Voltage [V]"].entries)
    assert np.max(np.abs(v - ref["Voltage [V]"].entries[window])) < 1e-3

    def capacity(s):
        q = s["Discharge capacity [A.h]"].entries
        return q[-1] - q[0]

    assert capacity(sol) == pytest.approx(capacity(ref), rel=1e-4)
