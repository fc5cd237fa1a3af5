"""The alloy particle's concentration on PyBaMM's (x, r) particle grid (issue 21, item 3)."""

import matplotlib
import numpy as np
import pybamm
import pytest

import pybamm_alloying as pa
from pybamm_alloying.plotting import plot_particle_profiles

matplotlib.use("Agg")

NAME = "Negative particle concentration [mol.m-3]"
X = 1e-5  # [m], an electrode position inside the Li-Si anode


@pytest.fixture(scope="module", params=[pa.DFN, pa.SPM], ids=["DFN", "SPM"])
def charged_half_way(request):
    """(parameter values, solution) of a 30-minute 1C charge: the front is at ~0.8 R."""
    values = pybamm.ParameterValues("LiSi_NMC811")
    experiment = pybamm.Experiment(["Charge at 1C for 30 minutes"])
    sim = pybamm.Simulation(request.param(), parameter_values=values, experiment=experiment)
    return values, sim.solve()


def test_concentration_reads_the_core_and_the_surface(charged_half_way):
    """Inside the core the profile is c_core exactly; at r = R (PyBaMM extrapolates the
    last two r nodes) it is the shell's surface concentration to within the drop across
    the shell's last half-cell, the resolution of the shell profile."""
    values, sol = charged_half_way
    R = values["Negative particle radius [m]"]
    c_core = values["Negative electrode core concentration [mol.m-3]"]
    t = sol.t[-1]
    s = float(sol["Negative core radius [m]"](t=t, x=X))
    assert 0.5 * R < s < 0.95 * R
    concentration = sol[NAME]
    core = concentration(t=t, x=X, r=np.linspace(0, 0.9 * s, 5))
    np.testing.assert_allclose(
        core, c_core, atol=1e-9 * values["Maximum concentration in negative electrode [mol.m-3]"]
    )
    c_surf = float(sol["Negative particle surface concentration [mol.m-3]"](t=t, x=X))
    last_node = sol["Negative shell concentration [mol.m-3]"].entries[-1, 0, -1]
    assert abs(float(concentration(t=t, x=X, r=R)) - c_surf) < abs(c_surf - last_node)


def test_quickplot_renders_the_particle_concentration(charged_half_way):
    """QuickPlot takes the (x, r) and the x-averaged concentration, as for PyBaMM's
    Fickian particle; the x-averaged line runs from c_core at r = 0 to the surface
    (within the drop across the shell's last half-cell)."""
    values, sol = charged_half_way
    plot = pybamm.QuickPlot(sol, [NAME, f"X-averaged {NAME[0].lower()}{NAME[1:]}"])
    plot.plot(sol.t[-1])
    line = plot.plots[("X-averaged negative particle concentration [mol.m-3]",)][0][0]
    r, c = line.get_xdata(), line.get_ydata()
    R_um = 1e6 * values["Negative particle radius [m]"]
    assert r[0] == 0 and r[-1] == pytest.approx(R_um)
    assert c[0] == values["Negative electrode core concentration [mol.m-3]"]
    c_surf = sol["X-averaged negative particle surface concentration [mol.m-3]"].entries[-1]
    last_node = sol["X-averaged negative shell concentration [mol.m-3]"].entries[-1, -1]
    assert abs(c[-1] - c_surf) < abs(c_surf - last_node)


def test_profile_helper_draws_the_particle_and_its_front(charged_half_way):
    """plot_particle_profiles: one line per time spanning [0, R], the front marked at s."""
    values, sol = charged_half_way
    times = [0, 900, 1800]
    fig = plot_particle_profiles(sol, times, x=X)
    ax = fig.axes[0]
    profiles, fronts = ax.lines[::2], ax.lines[1::2]
    assert len(profiles) == len(fronts) == len(times)
    R_nm = 1e9 * values["Negative particle radius [m]"]
    for line in profiles:
        assert line.get_xdata()[0] == 0 and line.get_xdata()[-1] == pytest.approx(R_nm)
    s_nm = 1e9 * float(sol["Negative core radius [m]"](t=1800, x=X))
    assert fronts[-1].get_xdata()[0] == pytest.approx(s_nm)
