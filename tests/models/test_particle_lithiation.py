"""Single shrinking-core particle: limit laws, known solutions, conservation, reversibility."""

import numpy as np
import pybamm
import pytest
from scipy.optimize import brentq
from scipy.special import erf

import pybamm_alloying as pa
from pybamm_alloying.submodels.stress import SATURATION_MARGIN

C_MAX = "Maximum concentration in negative electrode [mol.m-3]"
C_EQ = "Negative electrode shell equilibrium concentration [mol.m-3]"
D = "Negative particle diffusivity [m2.s-1]"
K_I = "Negative electrode interface rate constant [m.s-1]"
RADIUS = "Negative particle radius [m]"
DELTA = "Negative electrode residual shell thickness ratio"
C_INIT = "Initial concentration in negative electrode [mol.m-3]"
VARIANTS = ["full", "quasi-steady"]
FLUX = pa.submodels.surface_drive.SURFACE_FLUX
SURFACE = pa.submodels.surface_drive.SURFACE_CONCENTRATION
D_TEST = 1e-14


def _potentiostatic(pv, damkohler, overshoot=0.5):
    """Empty film held at c_ext = c_eq + overshoot (c_max - c_eq), D constant."""
    R, c_eq, c_max = pv[RADIUS], pv[C_EQ], pv[C_MAX]
    pv.update(
        {
            D: D_TEST,
            K_I: damkohler * D_TEST / R,
            C_INIT: 0.0,
            DELTA: 1e-3,
            SURFACE: c_eq + overshoot * (c_max - c_eq),
        },
        check_already_exists=False,
    )
    return pv


def _front(solution):
    return (
        solution["Time [s]"].entries,
        solution["Negative shell thickness [m]"].entries.ravel(),
    )


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("damkohler, n_expected", [(1e-3, 1.0), (1e3, 0.5)])
def test_rate_law_exponent_names_the_regime(li_si, solve_particle, variant, damkohler, n_expected):
    """Planar film, potentiostatic: L ∝ t for k_i R/D = 1e-3 and L ∝ t^1/2 for 1e3."""
    pv = _potentiostatic(li_si, damkohler)
    R, c_eq, c_ext, k_i = pv[RADIUS], pv[C_EQ], pv[SURFACE], pv[K_I]
    stefan = (c_ext - c_eq) / c_eq
    t_end = 0.8 * R / (k_i * stefan) if damkohler < 1 else (0.8 * R) ** 2 / (2 * D_TEST * stefan)
    _, sol = solve_particle(pv, np.linspace(0, t_end, 400), {"alloy particle": variant})
    fit = pa.fit_rate_law(*_front(sol))
    assert abs(fit.n - n_expected) < 0.05
    assert fit.regime == ("ICR" if damkohler < 1 else "DCR")


@pytest.mark.parametrize("variant", VARIANTS)
def test_interface_controlled_front_speed(li_si, solve_particle, variant):
    """Da ≪ 1: the shell is uniform at c_ext, so dL/dt = k_i (c_ext - c_eq) / (c_ext - c_core)."""
    pv = _potentiostatic(li_si, 1e-3)
    R, c_eq, c_ext, k_i = pv[RADIUS], pv[C_EQ], pv[SURFACE], pv[K_I]
    speed = k_i * (c_ext - c_eq) / c_ext
    _, sol = solve_particle(pv, np.linspace(0, 0.5 * R / speed, 200), {"alloy particle": variant})
    t, L = _front(sol)
    middle = (L > 0.1 * R) & (L < 0.4 * R)
    assert np.polyfit(t[middle], L[middle], 1)[0] == pytest.approx(speed, rel=0.01)


@pytest.mark.parametrize("variant", VARIANTS)
def test_diffusion_controlled_front_follows_neumann_solution(li_si, solve_particle, variant):
    """Da ≫ 1, planar: L = 2 λ sqrt(D t) with sqrt(pi) λ exp(λ²) erf(λ) = (c_ext - c_eq)/(c_eq - c_core)."""
    pv = _potentiostatic(li_si, 1e4, overshoot=0.2)
    R, c_eq, c_ext = pv[RADIUS], pv[C_EQ], pv[SURFACE]
    stefan = (c_ext - c_eq) / c_eq
    lam = brentq(lambda x: np.sqrt(np.pi) * x * np.exp(x**2) * erf(x) - stefan, 1e-6, 5)
    t_end = (0.7 * R / (2 * lam)) ** 2 / D_TEST
    _, sol = solve_particle(pv, np.linspace(0, t_end, 300), {"alloy particle": variant})
    t, L = _front(sol)
    late = L > 0.2 * R
    np.testing.assert_allclose(L[late], 2 * lam * np.sqrt(D_TEST * t[late]), rtol=0.02)


@pytest.mark.parametrize("geometry", ["planar", "cylindrical", "spherical"])
@pytest.mark.parametrize("variant", VARIANTS)
def test_galvanostatic_content_equals_integrated_flux(li_si, solve_particle, geometry, variant):
    """d c_bar/dt = (m+1) N / R in every geometry: the particle neither loses nor makes carrier."""
    m = pa.geometry.geometry_exponent(geometry)
    R, c_max = li_si[RADIUS], li_si[C_MAX]
    flux = 1e-4  # mol.m-2.s-1
    li_si.update({FLUX: flux}, check_already_exists=False)
    t = np.linspace(0, 0.8 * c_max * R / ((m + 1) * flux), 100)
    _, sol = solve_particle(
        li_si, t, {"alloy particle": variant, "alloy geometry": geometry}, drive="galvanostatic"
    )
    c_bar = sol["R-averaged negative particle concentration [mol.m-3]"].entries.ravel()
    expected = li_si[C_INIT] + (m + 1) * flux * sol["Time [s]"].entries / R
    assert np.max(np.abs(c_bar - expected)) / c_max < 1e-6


def _step_flux(model, pv, flux, duration, start=None):
    pv = pv.copy()
    pv.update({FLUX: flux}, check_already_exists=False)
    sim = pybamm.Simulation(model, parameter_values=pv)
    return sim.step(duration, starting_solution=start)


@pytest.mark.parametrize("geometry", ["planar", "spherical"])
@pytest.mark.parametrize("variant", VARIANTS)
def test_lithiate_halfway_and_back(li_si, geometry, variant):
    """The front moves in on lithiation and back out on delithiation; the charge balance closes."""
    m = pa.geometry.geometry_exponent(geometry)
    R, c_max, c_eq = li_si[RADIUS], li_si[C_MAX], li_si[C_EQ]
    flux = 5e-5
    duration = 0.5 * c_eq * R / ((m + 1) * flux)  # half the core's worth of carrier
    model = pa.ParticleLithiation(
        {"alloy particle": variant, "alloy geometry": geometry}, drive="galvanostatic"
    )
    forward = _step_flux(model, li_si, flux, duration)
    backward = _step_flux(model, li_si, -flux, duration, start=forward)
    t = backward["Time [s]"].entries
    lithiated = backward["Negative lithiated fraction"].entries.ravel()
    c_bar = backward["R-averaged negative particle concentration [mol.m-3]"].entries.ravel()
    turn = np.argmax(lithiated)
    floor = lithiated[0]
    returning = (np.arange(t.size) > turn) & (lithiated > floor + 0.01)
    assert 0.45 < lithiated[turn] < 0.6
    assert t[turn] == pytest.approx(duration, rel=0.05)  # overshoot after reversal is brief
    assert np.all(np.diff(lithiated[returning]) < 0)  # the core re-forms: front moves out
    assert lithiated[-1] < floor + 0.05
    assert abs(c_bar[-1] - c_bar[0]) / c_max < 1e-6
    assert np.all(np.isfinite(backward.y))


@pytest.mark.parametrize("variant", VARIANTS)
def test_full_lithiation_and_delithiation_run_through(li_si, variant):
    """Past full conversion the front parks at s_min, and on delithiation at R - δ, with no NaN."""
    R, c_max = li_si[RADIUS], li_si[C_MAX]
    duration = 2000.0  # s, slow enough for the interface-limited front (Da = 0.045)
    flux = 0.97 * c_max * R / (3 * duration)
    model = pa.ParticleLithiation(
        {"alloy particle": variant, "alloy geometry": "spherical"}, drive="galvanostatic"
    )
    full = _step_flux(model, li_si, flux, duration)
    empty = _step_flux(model, li_si, -flux, duration, start=full)
    lithiated = empty["Negative lithiated fraction"].entries.ravel()
    shell = empty["Negative shell concentration [mol.m-3]"].entries if variant == "full" else None
    assert np.all(np.isfinite(empty.y))
    assert lithiated.max() > 0.999
    assert lithiated[-1] < 0.05
    velocity = np.abs(empty["Negative front velocity [m.s-1]"].entries.ravel())
    moving = velocity > 1e-3 * velocity.max()
    assert moving.sum() > 0.5 * moving.size  # the front is not stuck for most of the cycle
    if shell is not None:
        assert shell.min() > -1e-6 * c_max and shell.max() < c_max * (1 + 1e-6)


@pytest.mark.parametrize("geometry", ["planar", "cylindrical", "spherical"])
@pytest.mark.parametrize("variant", VARIANTS)
def test_held_near_zero_volts_the_particle_converts_fully(li_si, solve_particle, geometry, variant):
    """At 50 mV vs Li the front reaches the centre, parks at s_min and the shell fills to c_ext."""
    c_ext = pa.surface_concentration(li_si, 0.05)
    li_si.update({SURFACE: c_ext}, check_already_exists=False)
    _, sol = solve_particle(
        li_si, np.linspace(0, 3600, 50), {"alloy particle": variant, "alloy geometry": geometry}
    )
    c_bar = sol["R-averaged negative particle concentration [mol.m-3]"].entries.ravel()
    assert sol["Negative lithiated fraction"].entries.ravel()[-1] > 0.9999
    assert c_bar[-1] == pytest.approx(c_ext, rel=1e-3)  # all but the residual core filled


@pytest.mark.parametrize("damkohler", [1e-3, 1e3])
def test_quasi_steady_matches_full_where_diffusion_is_fast(li_si, solve_particle, damkohler):
    """Small Stefan number (c_ext - c_eq ≪ c_eq): both variants give the same front."""
    pv = _potentiostatic(li_si, damkohler, overshoot=0.1)
    R, c_eq, c_ext, k_i = pv[RADIUS], pv[C_EQ], pv[SURFACE], pv[K_I]
    stefan = (c_ext - c_eq) / c_eq
    t_end = 0.8 * R / (k_i * stefan) if damkohler < 1 else (0.8 * R) ** 2 / (2 * D_TEST * stefan)
    t = np.linspace(0, t_end, 100)
    fronts = [_front(solve_particle(pv, t, {"alloy particle": v})[1])[1] for v in VARIANTS]
    assert np.max(np.abs(fronts[0] - fronts[1])) / R < 0.005


def test_surface_concentration_inverts_the_ocp(li_si):
    c = pa.surface_concentration(li_si, 0.1)
    ocp = li_si["Negative electrode OCP [V]"]
    assert li_si.evaluate(ocp(pybamm.Scalar(c / li_si[C_MAX]))) == pytest.approx(0.1, abs=1e-9)


def test_surface_concentration_above_the_empty_shell_names_the_limit(li_si):
    with pytest.raises(ValueError, match=r"potential must lie below the OCP of the empty"):
        pa.surface_concentration(li_si, 100.0)


def test_a_hold_below_the_full_shell_ocp_saturates_the_surface(li_si):
    assert pa.surface_concentration(li_si, -5.0) == pytest.approx(
        li_si[C_MAX] * (1 - SATURATION_MARGIN), rel=1e-12
    )


def test_unknown_drive_is_rejected():
    with pytest.raises(pybamm.OptionError, match="drive must be"):
        pa.ParticleLithiation(drive="pulsed")
