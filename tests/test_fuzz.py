"""Property-based fuzzing of the single particle over the documented parameter space.

Every example either solves with the carrier conserved, the front inside the particle
and the shell between c_core and c_max; or stops early at one of the held-flux drive's
documented events (surface saturated or emptied: a flux the particle cannot take),
conserving carrier up to there; or raises a documented error
(:class:`~pybamm_alloying.validation.ParameterError` before the solve,
:class:`pybamm.SolverError` from it): never a NaN or unphysical result reported as a
success. Each solve is kept small (coarse mesh, 40 output points) and hypothesis'
``deadline`` reports a slow one. Ranges: radius 10 nm - 10 um, D 1e-16 -
1e-10 m2/s, Da = k_i R / D 1e-3 - 1e3 (docs/theory.md §8), flux up to a 10C fill.
"""

import numpy as np
import pybamm
import pytest
from hypothesis import HealthCheck, Phase, given, settings
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
    model = _model(case["variant"], case["geometry"])
    validate(values, model)  # ParameterError is the documented refusal
    duration = 0.8 * (C_MAX - c_init if flux > 0 else c_init) / (C_MAX * c_rate) * 3600
    t = np.linspace(0, duration, 40)
    var_pts = {**model.default_var_pts, pa.shell_coordinate("negative"): 10}
    sim = pybamm.Simulation(model, parameter_values=values, var_pts=var_pts)
    solution = sim.solve(t[[0, -1]], t_interp=t)  # SolverError is the documented failure
    assert np.all(np.isfinite(solution.y)), "NaN reported as success"
    stopped = solution.termination in DRIVE_EVENTS
    c_bar = solution["R-averaged negative particle concentration [mol.m-3]"].entries.ravel()
    expected = c_init + (m + 1) * flux * solution.t / abs(R)
    assert stopped or solution.t[-1] == pytest.approx(duration)
    assert np.max(np.abs(c_bar - expected)) < 1e-6 * C_MAX  # carrier conserved
    core = solution["Negative core radius [m]"].entries.ravel()
    assert np.all((core >= 0) & (core <= abs(R)))
    if case["variant"] == "full":
        shell = solution["Negative shell concentration [mol.m-3]"].entries
        assert shell.min() > -1e-6 * C_MAX and shell.max() < C_MAX * (1 + 1e-6)
    return "stopped at a surface bound" if stopped else "solved"


#: Terminations of the held-flux drive when the particle cannot take the flux.
DRIVE_EVENTS = ("event: Particle surface saturated", "event: Particle surface emptied")


def _documented(case, radius_sign=1.0):
    try:
        return check_case(case, radius_sign)
    except pybamm.SolverError:
        return "solver error"
    except ParameterError:
        return "refused"


OUTCOMES = ("solved", "stopped at a surface bound", "solver error")
NO_SHRINK = [Phase.explicit, Phase.reuse, Phase.generate]


@settings(
    max_examples=60,
    deadline=20_000,
    derandomize=True,
    phases=NO_SHRINK,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(cases)
def test_particle_solves_conserving_carrier_or_fails_loudly(case):
    assert _documented(case) in OUTCOMES


@settings(max_examples=10, deadline=5_000, derandomize=True, phases=NO_SHRINK)
@given(cases)
def test_negative_radius_is_refused_before_solving(case):
    assert _documented(case, radius_sign=-1.0) == "refused"


@pytest.mark.slow
@settings(
    max_examples=400,
    deadline=60_000,
    phases=NO_SHRINK,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(cases)
def test_particle_fuzz_long(case):
    assert _documented(case) in OUTCOMES


def test_a_flux_beyond_the_interface_capacity_stops_at_saturation():
    """Found by this fuzzing: at Da = 1e-3 a 1C fill is more than the front absorbs,
    k_i (c_max - c_eq), so carrier piles into the shell. The held-flux drive once
    reported 3.77e5 mol/m3 > c_max = 3.11e5 as a success; now it stops at c_max."""
    case = dict(
        variant="full",
        geometry="planar",
        log_radius=-5.0,
        log_D=-10.0,
        log_Da=-3.0,
        log_c_rate=0.0,
        direction=1,
    )
    assert check_case(case) == "stopped at a surface bound"
