"""eSOH of the alloy electrode: PyBaMM's solver on the particle's content-potential map."""

import matplotlib
import numpy as np
import pybamm
import pytest

import pybamm_alloying as pa
from pybamm_alloying.models.esoh import (
    composite_stoichiometries,
    set_initial_state,
    shell_stoichiometry,
)
from pybamm_alloying.submodels.alloy_parameters import AlloyParameters

matplotlib.use("Agg")

LI_SI = pybamm.ParameterValues("LiSi_NMC811")
LOW, HIGH = LI_SI["Lower voltage cut-off [V]"], LI_SI["Upper voltage cut-off [V]"]
HYSTERESIS = {"open-circuit potential": (("current sigmoid",), "single")}


def _simulate(steps, options=None, initial_soc=None, values=LI_SI):
    model = pa.DFN({"alloy particle": "quasi-steady", **(options or {})})
    sim = pybamm.Simulation(
        model, parameter_values=values.copy(), experiment=pybamm.Experiment(steps)
    )
    return model, sim.solve(initial_soc=initial_soc)


@pytest.mark.parametrize("geometry, m", [("spherical", 2), ("cylindrical", 1), ("planar", 0)])
def test_content_map_is_the_particle_rest_state(geometry, m):
    """theta(x) is the shell of BaseShrinkingCore.initial_state: the plateau at c_eq while a
    core is left, the residual shell below it, the shell above it past the residual core."""
    model = pa.DFN({"alloy particle": "quasi-steady", "alloy geometry": geometry})
    alloy = AlloyParameters(model.shell_param.n.prim)
    c_max, c_eq, c_core, q_min, delta = (
        LI_SI.evaluate(p) for p in (alloy.c_max, alloy.c_eq, alloy.c_core, alloy.q_min, alloy.delta)
    )
    q_max = (1 - delta) ** (m + 1)
    x = np.linspace(1e-4, 0.999, 301)
    theta = LI_SI.evaluate(shell_stoichiometry(pybamm.Array(x), alloy, m)).ravel()
    q0 = np.clip((c_eq - x * c_max) / (c_eq - c_core), q_min, q_max)
    assert theta * c_max == pytest.approx((x * c_max - c_core * q0) / (1 - q0), rel=1e-12)
    plateau = (x > c_eq * (1 - q_max) / c_max) & (x < c_eq * (1 - q_min) / c_max)
    assert np.all(theta[plateau] == pytest.approx(c_eq / c_max, rel=1e-12))
    assert np.all(np.diff(theta) >= 0)
    U = LI_SI.evaluate(model.param.n.prim.U(pybamm.Array(x), 298.15)).ravel()
    two_phase = LI_SI["Negative electrode two-phase potential [V]"]
    assert U[plateau] == pytest.approx(two_phase, abs=1e-12)
    assert np.all(np.diff(U[~plateau]) < 0)


@pytest.mark.parametrize("options", [{}, HYSTERESIS], ids=["single", "hysteresis"])
def test_half_soc_discharges_half_the_esoh_capacity(options):
    """initial_soc=0.5 goes through PyBaMM's eSOH on the map: a C/20 discharge from it to
    the lower cut-off gives half the eSOH capacity (measured 0.99995 of it, both branches)."""
    _, sol = _simulate([f"Discharge at C/20 until {LOW} V"], options, initial_soc=0.5)
    capacity = sol.summary_variables["Capacity [A.h]"][0]
    discharged = sol["Discharge capacity [A.h]"].entries[-1]
    assert discharged == pytest.approx(0.5 * capacity, rel=1e-2)
    # the anode of the half-charged cell holds a core: its front starts mid-particle
    assert 0.3 < sol["X-averaged negative lithiated fraction"].entries[0] < 0.7


def test_summary_variables_over_three_cycles():
    """The eSOH summary variables are PyBaMM's: plot_summary_variables runs, the capacity is
    the slow discharge's (0.46 % above the C/20 discharge after a hold to C/50), the anode
    is on its two-phase plateau at 100 % SOC (N/P 1.1 leaves a core), and no lithium or
    active material is lost."""
    cycle = (f"Charge at C/2 until {HIGH} V", f"Hold at {HIGH} V until C/50")
    _, sol = _simulate([(*cycle, f"Discharge at C/20 until {LOW} V")] * 3)
    summary = sol.summary_variables
    assert "Capacity [A.h]" in summary.all_variables
    pybamm.plot_summary_variables(sol, show_plot=False)
    for capacity, c in zip(summary["Capacity [A.h]"], sol.cycles, strict=True):
        delivered = c.steps[2]["Discharge capacity [A.h]"].entries
        assert delivered[-1] - delivered[0] == pytest.approx(capacity, rel=1e-2)
    two_phase = LI_SI["Negative electrode two-phase potential [V]"]
    assert summary["Un(x_100)"] == pytest.approx([two_phase] * 3, abs=1e-9)
    assert np.max(np.abs(summary["Loss of lithium inventory [%]"])) < 1e-6
    assert summary["Loss of active material in negative electrode [%]"] == pytest.approx([0] * 3)


COMPOSITE = {"particle phases": ("2", "1"), "alloy phases": "secondary"}


COMPOSITE_HYSTERESIS = {"open-circuit potential": (("single", "current sigmoid"), "single")}


@pytest.mark.parametrize(
    "name, options",
    [
        ("LiSi_graphite_NMC811", {}),
        ("LiSi_graphite_NMC811", COMPOSITE_HYSTERESIS),
        ("LiSn_graphite_NMC811", {}),
        # quasi-steady, the Ge cell's C/20 discharge after the rest fails (IDA_CONV_FAIL at
        # t = 4.0e4 s) from PyBaMM's initial_soc as from this one: a solver failure of that
        # variant, not of the initial state
        ("LiGe_graphite_NMC811", {"alloy particle": "full"}),
    ],
    ids=["Si", "Si hysteresis", "Sn", "Ge"],
)
def test_composite_initial_state_is_at_rest_and_half_charged(name, options):
    """set_initial_state(0.5) on a graphite + alloy anode: graphite and alloy start at one
    potential, so an hour's rest moves no lithium between them, and a C/20 discharge gives
    half the composite eSOH capacity."""
    values = pybamm.ParameterValues(name)
    model = pa.DFN({**COMPOSITE, "alloy particle": "quasi-steady", **options})
    start = set_initial_state(0.5, values, model)
    steps = ["Rest for 1 hour", f"Discharge at C/20 until {values['Lower voltage cut-off [V]']} V"]
    sim = pybamm.Simulation(
        model, parameter_values=start, experiment=pybamm.Experiment([tuple(steps)])
    )
    rest, discharge = sim.solve().cycles[0].steps
    alloy = rest["Total lithium in secondary phase in negative electrode [mol]"].entries
    anode = rest["Total lithium in negative electrode [mol]"].entries[0]
    assert abs(alloy[-1] - alloy[0]) / anode < 1e-6
    stoichiometries = composite_stoichiometries(0.5, values, model)
    capacity = sum(
        values.evaluate(phase.Q_init)
        * (stoichiometries[f"x_100_{i}"] - stoichiometries[f"x_0_{i}"])
        for i, phase in (("1", model.param.n.prim), ("2", model.param.n.sec))
    )
    delivered = discharge["Discharge capacity [A.h]"].entries
    assert delivered[-1] - delivered[0] == pytest.approx(0.5 * capacity, rel=1e-2)


@pytest.mark.parametrize(
    "name, options",
    [("LiSi_NMC811", {}), ("LiSi_graphite_NMC811", COMPOSITE)],
    ids=["single phase", "composite"],
)
def test_an_initial_voltage_is_the_rest_voltage(name, options):
    """An initial state given as "3.8 V" is an equilibrium: the cell rests at 3.8 V."""
    values = pybamm.ParameterValues(name)
    model = pa.DFN({**options, "alloy particle": "quasi-steady"})
    sim = pybamm.Simulation(
        model,
        parameter_values=set_initial_state("3.8 V", values, model),
        experiment=pybamm.Experiment(["Rest for 10 minutes"]),
    )
    voltage = sim.solve()["Voltage [V]"].entries
    assert voltage == pytest.approx(3.8, abs=1e-6)


@pytest.mark.parametrize("options", [{}, COMPOSITE_HYSTERESIS], ids=["Si", "Si hysteresis"])
def test_simulation_initial_soc_on_a_composite_is_the_alloy_rest_state(options):
    """Simulation.solve(initial_soc=0.5) on a graphite + Si anode, PyBaMM's own path (its
    ElectrodeSOHComposite), starts where set_initial_state does: each phase's content
    within 1e-3 and an hour's rest moving no lithium between graphite and Si (before the
    phase OCP read the content map on PyBaMM's unknowns, 15 % of it moved)."""
    values = pybamm.ParameterValues("LiSi_graphite_NMC811")
    model = pa.DFN({**COMPOSITE, "alloy particle": "quasi-steady", **options})
    expected = set_initial_state(0.5, values, model)
    sim = pybamm.Simulation(
        model, parameter_values=values, experiment=pybamm.Experiment([("Rest for 1 hour",)])
    )
    rest = sim.solve(initial_soc=0.5)
    for prefix in ("Primary: ", "Secondary: "):
        key = f"{prefix}Initial concentration in negative electrode [mol.m-3]"
        assert sim.parameter_values[key] == pytest.approx(expected[key], rel=1e-3)
    alloy = rest["Total lithium in secondary phase in negative electrode [mol]"].entries
    anode = rest["Total lithium in negative electrode [mol]"].entries[0]
    assert abs(alloy[-1] - alloy[0]) / anode < 1e-6
