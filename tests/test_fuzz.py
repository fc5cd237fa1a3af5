"""Property-based fuzzing of the single particle over the documented parameter space.

Every example either solves with the carrier conserved, the front inside the particle
and the shell between c_core and c_max, or raises a documented error
(:class:`~pybamm_alloying.validation.ParameterError` before the solve,
:class:`pybamm.SolverError` from it): never a NaN or unphysical result reported as a
success. Each solve is bounded (coarse mesh, 40 output points, ``max_num_steps``) and
hypothesis' ``deadline`` guards the wall clock. Ranges: radius 10 nm - 10 um, D 1e-16 -
1e-10 m2/s, Da = k_i R / D 1e-3 - 1e3 (docs/theory.md §8), flux up to a 10C fill.
"""

import numpy as np
import pybamm
import pytest
from hypothesis import HealthCheck, Phase, assume, given, settings
from hypothesis import strategies as st

import pybamm_alloying as pa
from pybamm_alloying.submodels.surface_drive import SURFACE_FLUX
from pybamm_alloying.validation import ParameterError, validate

BASE = pybamm.ParameterValues("LiSi_NMC811")
C_MAX = BASE["Maximum concentration in negative electrode [mol.m-3]"]
_MODELS = {}

cases = st.fixed_dictionaries(
    {
        "variant": st.sampled_from(["full", "quasi-steady"]),
        "geometry": st.sampled_from(["planar", "cylindrical", "spherical"]),
        "log_radius": st.floats(-8, -5),
        "log_D": st.floats(-16, -10),
        "log_Da": st.floats(-3, 3),
        "log_c_rate": st.floats(-1, 1),
        "direction": st.sampled_from([1, -1]),
    }
)


def _model(variant, geometry):
    key = (variant, geometry)
    if key not in _MODELS:
        options = {"alloy particle": variant, "alloy geometry": geometry}
        _MODELS[key] = pa.ParticleLithiation(options, drive="galvanostatic")
    return _MODELS[key]


def check_case(case, radius_sign=1.0):
    """Solve one case; assert the physics of a success, or let a documented error out."""
    m = pa.geometry.geometry_exponent(case["geometry"])
    R, D = radius_sign * 10 ** case["log_radius"], 10 ** case["log_D"]
    c_rate = 10 ** case["log_c_rate"]
    flux = case["direction"] * c_rate * C_MAX * abs(R) / ((m + 1) * 3600)
    values = BASE.copy()
    c_init = 0.05 * C_MAX if case["direction"] > 0 else 0.9 * C_MAX
    values.update(
        {
            "Negative particle radius [m]": R,
            "Negative particle diffusivity [m2.s-1]": D,
            "Negative electrode interface rate constant [m.s-1]": 10 ** case["log_Da"] * D / abs(R),
            "Initial concentration in negative electrode [mol.m-3]": c_init,
            SURFACE_FLUX: flux,
        },
        check_already_exists=False,
    )
    k_i = 10 ** case["log_Da"] * D / abs(R)
    c_eq = BASE["Negative electrode shell equilibrium concentration [mol.m-3]"]
    assume(abs(flux) <= 0.5 * k_i * (C_MAX - c_eq))  # drive's validity, see test below
    model = _model(case["variant"], case["geometry"])
    validate(values, model)  # ParameterError is the documented refusal
    duration = 0.8 * (C_MAX - c_init if flux > 0 else c_init) / (C_MAX * c_rate) * 3600
    t = np.linspace(0, duration, 40)
    var_pts = {**model.default_var_pts, pa.shell_coordinate("negative"): 10}
    solver = pybamm.IDAKLUSolver(options={"max_num_steps": 20000})
    sim = pybamm.Simulation(model, parameter_values=values, var_pts=var_pts, solver=solver)
    solution = sim.solve(t[[0, -1]], t_interp=t)  # SolverError is the documented failure
    assert np.all(np.isfinite(solution.y)), "NaN reported as success"
    c_bar = solution["R-averaged negative particle concentration [mol.m-3]"].entries.ravel()
    expected = c_init + (m + 1) * flux * solution.t / abs(R)
    assert solution.t[-1] == pytest.approx(duration)
    assert np.max(np.abs(c_bar - expected)) < 1e-6 * C_MAX  # carrier conserved
    core = solution["Negative core radius [m]"].entries.ravel()
    assert np.all((core >= 0) & (core <= abs(R)))
    if case["variant"] == "full":
        shell = solution["Negative shell concentration [mol.m-3]"].entries
        assert shell.min() > -1e-6 * C_MAX and shell.max() < C_MAX * (1 + 1e-6)


def _documented(case, radius_sign=1.0):
    try:
        check_case(case, radius_sign)
    except pybamm.SolverError:
        return "solver error"
    except ParameterError:
        return "refused"
    return "solved"


NO_SHRINK = [Phase.explicit, Phase.reuse, Phase.generate]


@settings(
    max_examples=60, deadline=20_000, derandomize=True, phases=NO_SHRINK,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(cases)
def test_particle_solves_conserving_carrier_or_fails_loudly(case):
    assert _documented(case) in ("solved", "solver error")


@settings(max_examples=10, deadline=5_000, derandomize=True, phases=NO_SHRINK)
@given(cases)
def test_negative_radius_is_refused_before_solving(case):
    assert _documented(case, radius_sign=-1.0) == "refused"


@pytest.mark.slow
@settings(
    max_examples=400, deadline=60_000, phases=NO_SHRINK,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(cases)
def test_particle_fuzz_long(case):
    assert _documented(case) in ("solved", "solver error")


@pytest.mark.xfail(
    strict=True,
    reason="model bug found by fuzzing: a galvanostatic ParticleLithiation flux above what "
    "the interface can absorb (k_i (c_max - c_eq), here Da = 1e-3 at 1C) overfills the "
    "full-variant shell past c_max (3.77e5 > 3.11e5 mol/m3) and is reported as a success; "
    "SurfaceDrive has no saturation guard or event",
)
def test_flux_beyond_the_interface_capacity_is_not_a_silent_success():
    """The example hypothesis found (before the validity filter above): Da = 1e-3, 1C."""
    case = dict(variant="full", geometry="planar", log_radius=-5.0, log_D=-10.0,
                log_Da=-3.0, log_c_rate=0.0, direction=1)
    try:
        _overfill_check(case)
    except pybamm.SolverError:
        pass  # a loud failure is acceptable


def _overfill_check(case):
    m = pa.geometry.geometry_exponent(case["geometry"])
    R, D = 10 ** case["log_radius"], 10 ** case["log_D"]
    values = BASE.copy()
    values.update(
        {
            "Negative particle radius [m]": R,
            "Negative particle diffusivity [m2.s-1]": D,
            "Negative electrode interface rate constant [m.s-1]": 10 ** case["log_Da"] * D / R,
            "Initial concentration in negative electrode [mol.m-3]": 0.05 * C_MAX,
            SURFACE_FLUX: C_MAX * R / ((m + 1) * 3600),
        },
        check_already_exists=False,
    )
    model = _model(case["variant"], case["geometry"])
    solution = pybamm.Simulation(model, parameter_values=values).solve([0, 0.8 * 0.95 * 3600])
    shell = solution["Negative shell concentration [mol.m-3]"].entries
    assert shell.max() < C_MAX * (1 + 1e-6)
