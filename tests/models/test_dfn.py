"""The alloy DFN in full cells and half cells: conservation, convergence, PyBaMM plumbing."""

import numpy as np
import pybamm
import pytest

import pybamm_alloying as pa
from pybamm_alloying.parameters.composite import chen2020_composite_shrinking_core
from pybamm_alloying.parameters.loader import load_half_cell
from pybamm_alloying.submodels.surface_drive import SURFACE_FLUX

FARADAY = pybamm.constants.F.value
LI_SI = pybamm.ParameterValues("LiSi_NMC811")
LOW, HIGH = LI_SI["Lower voltage cut-off [V]"], LI_SI["Upper voltage cut-off [V]"]
CHARGE, DISCHARGE = f"Charge at 1C until {HIGH} V", f"Discharge at 1C until {LOW} V"
CHARGED = {
    "Initial concentration in negative electrode [mol.m-3]": 0.9 * 3.11e5,
    "Initial concentration in positive electrode [mol.m-3]": 0.3 * 63104,
}
CCCV = (
    CHARGE,
    f"Hold at {HIGH} V until C/20",
    "Rest for 10 minutes",
    DISCHARGE,
    "Rest for 10 minutes",
)
VARIANTS = ["full", "quasi-steady"]


def _relative_drift(solution, name="Total lithium [mol]"):
    n = solution[name].entries
    return np.max(np.abs(n - n[0])) / n[0]


def _discharge(cell_solution, li_si, options, var_pts=None):
    li_si.update(CHARGED)
    return cell_solution(li_si, [DISCHARGE], options, var_pts)[1]


def _voltage_gap_mV(a, b, depth=0.95):
    """Largest voltage difference [mV] at equal discharged capacity over ``depth`` of the discharge."""
    Qa, Va = a["Discharge capacity [A.h]"].entries, a["Voltage [V]"].entries
    Qb, Vb = b["Discharge capacity [A.h]"].entries, b["Voltage [V]"].entries
    q = np.linspace(0, depth * min(Qa[-1], Qb[-1]), 400)
    return 1e3 * np.max(np.abs(np.interp(q, Qa, Va) - np.interp(q, Qb, Vb)))


def _capacity_gap(a, b):
    Qa, Qb = a["Discharge capacity [A.h]"].entries[-1], b["Discharge capacity [A.h]"].entries[-1]
    return abs(Qa - Qb) / Qa


@pytest.mark.parametrize("variant", VARIANTS)
def test_lithium_is_conserved_through_charge_and_discharge(li_si, cell_solution, variant):
    """Particles + electrolyte hold the same lithium while the front goes in and back out."""
    _, sol = cell_solution(li_si, [CHARGE, DISCHARGE], {"alloy particle": variant})
    lithiated = sol["X-averaged negative lithiated fraction"].entries
    assert _relative_drift(sol) < 1e-6
    assert lithiated.max() > 0.5  # the front went in (79 % at the 1C cut-off)
    assert lithiated[-1] < 0.1


def test_cccv_cycles_with_rests_repeat_and_keep_summary_variables(li_si, cell_solution):
    """Two CC-CV cycles: the hold ends at C/20, the cycles repeat, summary variables hold."""
    model, sol = cell_solution(li_si, [CCCV] * 2)
    assert model.calc_esoh is True
    assert len(sol.cycles) == 2
    capacity = li_si["Nominal cell capacity [A.h]"]
    for cycle in sol.cycles:
        hold_current = cycle.steps[1]["Current [A]"].entries[-1]
        assert hold_current == pytest.approx(-capacity / 20, rel=1e-3)
    delivered = [c.steps[3]["Discharge capacity [A.h]"].entries for c in sol.cycles]
    q1, q2 = (d[-1] - d[0] for d in delivered)
    assert q2 == pytest.approx(q1, rel=1e-3)
    total = sol.summary_variables["Total lithium [mol]"]
    assert np.ptp(total) / total[0] < 1e-6


def test_quickplot_shows_the_front_and_the_shell_profile(li_si, cell_solution):
    """QuickPlot takes the shell variables; the shell stays between c_core and c_max."""
    _, sol = cell_solution(li_si, [CHARGE])
    shell = sol["Negative shell concentration [mol.m-3]"].entries
    assert shell.ndim == 3  # shell coordinate x electrode x time
    assert shell.min() >= -1e-6 and shell.max() <= 3.11e5 * (1 + 1e-6)
    plot = pybamm.QuickPlot(
        sol,
        ["Voltage [V]", "X-averaged negative core radius [m]", "Negative lithiated fraction"],
    )
    plot.plot(sol.t[-1])
    assert len(plot.variables) == 3


def test_particle_mesh_doubling_changes_capacity_and_voltage_little(li_si, cell_solution):
    """Shell and radial meshes doubled: capacity < 0.5 %, voltage < 2 mV over 95 % of a 1C discharge."""
    coarse = _discharge(cell_solution, li_si.copy(), None)
    model = pa.DFN()
    fine_pts = {
        key: 2 * n
        for key, n in model.default_var_pts.items()
        if not (isinstance(key, str) and key.startswith(("x", "y", "z")))
    }
    fine = _discharge(cell_solution, li_si.copy(), None, {**model.default_var_pts, **fine_pts})
    assert _capacity_gap(coarse, fine) < 5e-3
    assert _voltage_gap_mV(coarse, fine) < 2


@pytest.mark.parametrize("variant", VARIANTS)
def test_electrode_mesh_doubling_changes_capacity_and_voltage_little(li_si, cell_solution, variant):
    """x meshes doubled as well: the full-cell answer does not hang on the mesh."""
    coarse = _discharge(cell_solution, li_si.copy(), {"alloy particle": variant})
    model = pa.DFN({"alloy particle": variant})
    fine_pts = {key: 2 * n for key, n in model.default_var_pts.items()}
    fine = _discharge(cell_solution, li_si.copy(), {"alloy particle": variant}, fine_pts)
    assert _capacity_gap(coarse, fine) < 5e-3
    assert _voltage_gap_mV(coarse, fine) < 2


def test_quasi_steady_agrees_with_full_at_1C(li_si, cell_solution):
    """R²/D = 0.3 s ≪ 1 h: the quasi-steady shell is valid, and both variants agree."""
    full = _discharge(cell_solution, li_si.copy(), {"alloy particle": "full"})
    quasi = _discharge(cell_solution, li_si.copy(), {"alloy particle": "quasi-steady"})
    assert _capacity_gap(full, quasi) < 1e-3
    assert _voltage_gap_mV(full, quasi) < 5


@pytest.mark.parametrize("geometry", ["cylindrical", "planar"])
def test_nanowire_and_film_electrodes_hold_the_same_lithium(li_si, cell_solution, geometry):
    """Same c_max and volume fraction, other shape: same capacity at 1C (Da ≪ 1), lithium conserved."""
    sphere = _discharge(cell_solution, li_si.copy(), None)
    other = _discharge(cell_solution, li_si.copy(), {"alloy geometry": geometry})
    assert _relative_drift(other) < 1e-6
    assert _capacity_gap(sphere, other) < 2e-3


@pytest.mark.parametrize(
    "name, variant",
    [("LiSi_NMC811", "full"), ("LiSi_NMC811", "quasi-steady"), ("NaSb_NVPF", "full")],
)
def test_half_cell_against_the_carrier_metal(cell_solution, name, variant):
    """Alloy vs its metal: lithiation (sodiation) runs below the two-phase potential,
    converts fully and reverses.

    The particles gain exactly the net charge passed, Q_net / F. (PyBaMM's half-cell
    electrolyte itself drifts by ~6e-6 of the charge passed, with its Fickian particle
    too, so the check is on the particles, where this package's physics lives.)
    """
    pv = pybamm.ParameterValues(load_half_cell(name))
    low, high = pv["Lower voltage cut-off [V]"], pv["Upper voltage cut-off [V]"]
    _, sol = cell_solution(
        pv,
        [f"Discharge at C/2 until {low} V", f"Charge at C/2 until {high} V"],
        {"working electrode": "positive", "alloy particle": variant},
    )
    c_eq = pv["Positive electrode shell equilibrium concentration [mol.m-3]"]
    ocp = pv["Positive electrode OCP [V]"]
    c_max = pv["Maximum concentration in positive electrode [mol.m-3]"]
    u_two_phase = pv.evaluate(ocp(pybamm.Scalar(c_eq / c_max)))
    lithiation = sol.cycles[0]
    lithiated = sol["X-averaged positive lithiated fraction"].entries
    half = np.argmin(np.abs(lithiation["X-averaged positive lithiated fraction"].entries - 0.5))
    assert lithiation["Voltage [V]"].entries[half] < u_two_phase
    assert lithiated.max() > 0.99 and lithiated[-1] < 0.05
    particles = sol["Total lithium in particles [mol]"].entries
    charge = sol["Discharge capacity [A.h]"].entries * 3600 / FARADAY
    transferred = np.max(np.abs(charge))
    assert np.max(np.abs(particles - particles[0] - charge)) < 1e-6 * transferred


def _half_cell_lithiation(name, options):
    """C/20 discharge of the half cell of ``name`` (alloy vs carrier metal), 30 h span."""
    values = pybamm.ParameterValues(load_half_cell(name))
    values["Current function [A]"] = values["Nominal cell capacity [A.h]"] / 20
    model = pa.DFN({"working electrode": "positive", **options})
    simulation = pybamm.Simulation(model, parameter_values=values, solver=model.default_solver)
    return values, simulation.solve([0, 30 * 3600])


@pytest.mark.parametrize("name", ["LiSi_NMC811", "LiGe_NMC811"])
def test_half_cell_with_the_sei_film_lithiates_to_the_cut_off(name):
    """The film's outer concentration starts at the shell's surface value (the root at
    zero current), so the half cell initialises and lithiates at C/20 until the 5 mV
    cut-off ends it, the alloy converted. The film stores nothing: the particles gain
    the charge passed / F. At C/20 the flux stays below 1 % of the film's limit k_f
    (c_max - c_surf) (the film costs < 1 mV at the sets' D_SEI = 3.7e-16 m2/s), so the
    capacity is the film-free cell's."""
    values, solution = _half_cell_lithiation(name, {"alloy SEI transport": "film"})
    assert solution.termination == "event: Minimum voltage [V]"
    assert solution["Voltage [V]"].entries[-1] == pytest.approx(
        values["Lower voltage cut-off [V]"], abs=1e-4
    )
    particles = solution["Total lithium in particles [mol]"].entries
    passed = solution["Discharge capacity [A.h]"].entries * 3600 / FARADAY
    assert np.max(np.abs(particles - particles[0] - passed)) < 1e-6 * passed[-1]
    assert solution["X-averaged positive lithiated fraction"].entries[-1] > 0.99
    _, free = _half_cell_lithiation(name, {})
    assert solution.t[-1] == pytest.approx(free.t[-1], rel=1e-3)


def test_unknown_alloy_option_names_the_allowed_values():
    with pytest.raises(
        pybamm.OptionError,
        match=r"'alloy particle' must be one of \['full', 'quasi-steady', 'conversion'\]",
    ):
        pa.DFN({"alloy particle": "fickian"})


def test_loss_of_active_material_needs_spheres():
    with pytest.raises(pybamm.OptionError, match="spherical"):
        pa.DFN({"alloy geometry": "planar", "loss of active material": "reaction-driven"})


@pytest.mark.parametrize(
    "options",
    [{"particle mechanics": "swelling only"}, {"loss of active material": "stress-driven"}],
)
def test_pybamm_mechanics_on_the_alloy_electrode_is_refused(options):
    with pytest.raises(pybamm.OptionError, match="'particle mechanics' must be 'none'"):
        pa.DFN(options)


def test_model_entry_point_returns_the_alloy_dfn():
    assert isinstance(pybamm.Model("alloying_DFN"), pa.DFN)


def _composite_parameters():
    """Chen2020_composite (graphite + Si) with shell values for its Si (secondary) phase."""
    return pybamm.ParameterValues(chen2020_composite_shrinking_core())


def test_silicon_phase_beside_fickian_graphite():
    """Composite electrode: graphite stays Fickian, Si is a shrinking core, and the alloy
    phase adds no lithium drift beyond PyBaMM's own composite DFN (6.7e-6 here)."""
    options = {
        "particle phases": ("2", "1"),
        "open-circuit potential": (("single", "current sigmoid"), "single"),
    }
    steps = ["Discharge at 1C until 2.5 V", "Charge at 1C until 4.2 V"]
    # the 1C charge to 4.2 V ends with the anode below 0 V vs Li (-50 mV; PyBaMM's own
    # DFN: -23 mV): the 0 V event is off so both run the same protocol to its end
    alloy = pa.DFN({**options, "alloy phases": "secondary", "alloy plating cut-off": "false"})
    assert type(alloy.submodels["negative primary particle"]).__name__ == "FickianDiffusion"
    solutions = [
        pybamm.Simulation(
            model, parameter_values=_composite_parameters(), experiment=pybamm.Experiment(steps)
        ).solve()
        for model in (alloy, pybamm.lithium_ion.DFN(options))
    ]
    silicon = solutions[0]["X-averaged negative secondary lithiated fraction"].entries
    assert silicon[0] > 0.99 and silicon.min() < 0.1  # the Si front went out on discharge
    assert silicon[-1] > silicon.min() + 0.01  # and turned back on charge (after graphite)
    assert abs(_relative_drift(solutions[0]) - _relative_drift(solutions[1])) < 1e-7


def test_alloy_phase_must_exist():
    with pytest.raises(pybamm.OptionError, match="'alloy phases' is 'secondary'"):
        pa.DFN({"alloy phases": "secondary"})


def _charge_capacity(name, stress, radius=5e-7):
    """Capacity of a C/2 charge from the assembled state, as a fraction of nominal."""
    values = pybamm.ParameterValues(name)
    values["Negative particle radius [m]"] = radius
    model = pa.DFN({"alloy stress": stress})
    experiment = pybamm.Experiment([f"Charge at C/2 until {values['Upper voltage cut-off [V]']} V"])
    solution = pybamm.Simulation(model, parameter_values=values, experiment=experiment).solve()
    drift = _relative_drift(solution)
    return -solution["Discharge capacity [A.h]"].entries[-1] / values[
        "Nominal cell capacity [A.h]"
    ], drift


def test_self_limiting_lithiation_costs_silicon_capacity_but_not_germanium():
    """1 um particles at C/2: stress stops Si fronts early, Ge fronts run on (model.md §3)."""
    si_free, _ = _charge_capacity("LiSi_NMC811", "none")
    si_stressed, si_drift = _charge_capacity("LiSi_NMC811", "plastic")
    ge_free, _ = _charge_capacity("LiGe_NMC811", "none")
    ge_stressed, ge_drift = _charge_capacity("LiGe_NMC811", "plastic")
    assert si_stressed < 0.6 * si_free
    assert ge_stressed > 0.97 * ge_free
    assert max(si_drift, ge_drift) < 1e-12  # stress moves fronts, never carrier


def _composite_cycle(model, values, inputs=None, solver=None):
    steps = [("Charge at 1C until 4.2 V", "Rest for 10 minutes", "Discharge at 1C until 2.5 V")]
    simulation = pybamm.Simulation(
        model, parameter_values=values, experiment=pybamm.Experiment(steps), solver=solver
    )
    return simulation.solve(inputs=inputs)


def test_composite_conserves_lithium_across_both_phases():
    """Graphite + Si (LiSi_graphite_NMC811 at 10 wt% Si), 1C charge and discharge: the
    lithium in the particles (graphite, Si, cathode) is conserved to < 1e-6; the Si
    phase takes part (its lithium moves by > 10 % of the anode's). The electrolyte's
    drift (PyBaMM's composite electrolyte, see docs/composite.md) is the same as in
    PyBaMM's own composite DFN on the same cell."""
    values = pybamm.ParameterValues(pa.parameters.load_composite_set("LiSi_graphite_NMC811", 0.1))
    options = {"particle phases": ("2", "1")}
    alloy = _composite_cycle(pa.DFN({**options, "alloy phases": "secondary"}), values)
    assert _relative_drift(alloy, "Total lithium in particles [mol]") < 1e-6
    silicon = alloy["Total lithium in secondary phase in negative electrode [mol]"].entries
    anode = alloy["Total lithium in negative electrode [mol]"].entries
    assert np.ptp(silicon) > 0.1 * np.ptp(anode)
    fickian = _composite_cycle(
        pybamm.lithium_ion.DFN(options), pybamm.ParameterValues("Chen2020_composite")
    )
    assert _relative_drift(fickian, "Total lithium in particles [mol]") < 1e-6


def _graphite_only(values):
    """The composite's values as a single-phase graphite cell (fraction 0)."""
    single = {k: v for k, v in values.items() if not k.startswith("Secondary: ")}
    single.update(
        {k.removeprefix("Primary: "): v for k, v in values.items() if k.startswith("Primary: ")}
    )
    for key in (
        "Negative electrode active material volume fraction",
        "Negative electrode porosity",
    ):
        single[key] = float(
            values.evaluate(pybamm.Parameter(key if "porosity" in key else "Primary: " + key))
        )
    return pybamm.ParameterValues(single)


def test_alloy_fraction_zero_is_the_graphite_cell():
    """At w = 0 (the fraction an input) the composite is the graphite cell: it matches
    PyBaMM's own composite DFN on the same values to 1e-6 in capacity and 0.1 mV, and
    PyBaMM's single-phase graphite DFN to 0.1 % and 1 mV. (PyBaMM's two-phase and
    one-phase DFNs differ by that much themselves, with or without the alloy.)"""
    options = {"particle phases": ("2", "1")}
    values = pybamm.ParameterValues(
        pa.parameters.load_composite_set("LiSi_graphite_NMC811", "[input]")
    )
    at_zero = pybamm.ParameterValues(pa.parameters.load_composite_set("LiSi_graphite_NMC811", 0.0))
    solver = pybamm.IDAKLUSolver(rtol=1e-7, atol=1e-9)
    inputs = {pa.parameters.MASS_FRACTION: 0.0}
    # graphite ends the 1C charge to 4.2 V below 0 V vs Li: the 0 V event is off so the
    # composite runs PyBaMM's protocol to its end
    unguarded = {**options, "alloy phases": "secondary", "alloy plating cut-off": "false"}
    composite = _composite_cycle(pa.DFN(unguarded), values, inputs, solver)
    reference = _composite_cycle(pybamm.lithium_ion.DFN(options), at_zero, None, solver)
    graphite = _composite_cycle(pybamm.lithium_ion.DFN(), _graphite_only(at_zero), None, solver)
    for other, capacity, millivolts in ((reference, 1e-6, 0.1), (graphite, 1e-3, 1.0)):
        for a, b in zip(composite.cycles[0].steps, other.cycles[0].steps):
            qa, qb = (np.ptp(s["Discharge capacity [A.h]"].entries) for s in (a, b))
            assert abs(qa - qb) <= capacity * qb
        assert _voltage_gap_mV(composite.cycles[0].steps[2], other.cycles[0].steps[2]) < millivolts


@pytest.mark.filterwarnings("ignore:pybamm.CasadiSolver is deprecated:DeprecationWarning")
@pytest.mark.parametrize("mode", ["fast", "safe"])
def test_casadi_solver_is_refused_before_its_first_step_with_a_pointer_to_idaklu(li_si, mode):
    """pybamm.CasadiSolver fails or stalls on these models (docs/reliability.md): the
    refusal names IDAKLU and comes before any integration, in the DFN and the particle."""
    held = li_si.copy()
    held.update({SURFACE_FLUX: 1e-4}, check_already_exists=False)
    for model, values in [(pa.DFN(), li_si), (pa.ParticleLithiation(drive="galvanostatic"), held)]:
        simulation = pybamm.Simulation(
            model, parameter_values=values, solver=pybamm.CasadiSolver(mode=mode)
        )
        with pytest.raises(pybamm.SolverError, match=r"use pybamm\.IDAKLUSolver"):
            simulation.solve([0, 10])


@pytest.mark.filterwarnings("ignore:root_method='casadi' is deprecated")
def test_idaklu_with_casadi_root_finding_is_not_refused(li_si):
    """The refusal keys on CasadiSolver itself: IDAKLU with CasADi's root finding for its
    initial conditions solves the same 1C discharge as the default IDAKLU."""
    experiment = pybamm.Experiment(["Discharge at 1C until 2.724 V"])
    capacities = [
        pybamm.Simulation(
            pa.DFN(), parameter_values=li_si.copy(), experiment=experiment, solver=solver
        )
        .solve()["Discharge capacity [A.h]"]
        .entries[-1]
        for solver in (pybamm.IDAKLUSolver(), pybamm.IDAKLUSolver(root_method="casadi"))
    ]
    assert capacities[1] == pytest.approx(capacities[0], rel=1e-6)
