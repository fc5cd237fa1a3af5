"""Regime analysis: analytic conversion times against the particle model, the regime map."""

import numpy as np
import pybamm
import pytest
from scipy.optimize import brentq
from scipy.special import erf

import pybamm_alloying as pa
from pybamm_alloying.regime import (
    RegimeEstimate,
    conversion_time,
    regime_from_parameters,
    regime_from_solution,
    size_sweep,
)

N = "Negative electrode "
D_NAME = "Negative particle diffusivity [m2.s-1]"
C_MAX = "Maximum concentration in negative electrode [mol.m-3]"
C_EQ = N + "shell equilibrium concentration [mol.m-3]"
#: Residual shell of the held particle in the comparisons below: 1e-3 of R, so that it
#: starts within 0.3 % of empty (the sets' 1e-2 is already 3 % of a sphere's volume).
THIN_RESIDUAL_SHELL = 1e-3


def _particle_values(name, Da=None, Bi=None):
    """A set's particle with Da = k_i R/D and Bi = k_f R/D imposed (film L_SEI kept)."""
    values = pybamm.ParameterValues(name)
    R = values["Negative particle radius [m]"]
    D = 1e-14
    values[D_NAME] = D
    if Da is not None:
        values[N + "interface rate constant [m.s-1]"] = Da * D / R
    if Bi is not None:
        values[N + "SEI carrier diffusivity [m2.s-1]"] = (
            Bi * D / R * values[N + "initial SEI film thickness [m]"]
        )
    return values


def _hold(values, c_ext, t_end, geometry, film=True):
    """Empty particle held at c_ext through the SEI film; returns the solution."""
    values.update(
        {
            "Particle surface concentration [mol.m-3]": c_ext,
            "Initial concentration in negative electrode [mol.m-3]": values[
                N + "core concentration [mol.m-3]"
            ],
        },
        check_already_exists=False,
    )
    options = {"alloy geometry": geometry, "alloy SEI transport": "film" if film else "none"}
    model = pa.ParticleLithiation(options)
    t = np.linspace(0, t_end, 2000)
    return pybamm.Simulation(model, parameter_values=values).solve(t[[0, -1]], t_interp=t)


LIMITS = {  # (Da, Bi): the step left in control, the tolerance on t_90
    "reaction": (1e-3, 1e3, 0.05),
    "diffusion": (1e4, 1e6, 0.05),
    "film": (1.0, 1e-3, 0.05),
    "mixed": (1.0, 1.0, 0.10),
}


@pytest.mark.parametrize("geometry", ["planar", "spherical"])
@pytest.mark.parametrize("limit", LIMITS)
def test_conversion_times_match_the_particle_model(limit, geometry):
    """Time to 90 % conversion: quasi-steady times (they add) against the full model, at a
    small drive (Stefan number 0.02) so that the quasi-steady analysis holds."""
    Da, Bi, tolerance = LIMITS[limit]
    values = _particle_values("LiSi_NMC811", Da, Bi)
    c_eq = values[C_EQ]
    c_ext = c_eq * 1.02
    m = {"planar": 0, "spherical": 2}[geometry]
    start = 1 - (1 - values[N + "residual shell thickness ratio"]) ** (m + 1)
    times = conversion_time(values, 0.9, c_ext, geometry=geometry, start=start)
    expected = sum(times)
    if limit != "mixed":
        assert max(times) > 0.95 * expected  # the limit is pure
    solution = _hold(values, c_ext, 1.5 * expected, geometry)
    converted = np.ravel(solution["Negative lithiated fraction"].entries)
    t_90 = np.interp(0.9, converted, solution.t)
    assert t_90 == pytest.approx(expected, rel=tolerance)


def test_a_film_limited_front_is_linear_even_for_a_diffusion_controlled_couple():
    values = _particle_values("LiGe_NMC811", Da=1e3, Bi=1e-3)
    c_eq = values[N + "shell equilibrium concentration [mol.m-3]"]
    c_ext = (c_eq + values[C_MAX]) / 2
    t_end = 0.8 * sum(conversion_time(values, 1.0, c_ext, geometry="planar"))
    with_film = _hold(values.copy(), c_ext, t_end, "planar")
    fit = pa.fit_rate_law(with_film.t, np.ravel(with_film["Negative shell thickness [m]"].entries))
    assert fit.n == pytest.approx(1, abs=0.05)
    assert regime_from_solution(with_film) == "SEI-limited"
    t_end = 0.8 * sum(conversion_time(values, 1.0, c_ext, geometry="planar", sei=False))
    without = _hold(values.copy(), c_ext, t_end, "planar", film=False)
    assert regime_from_solution(without) == "DCR"


@pytest.mark.parametrize("name", pa.couple_names())
def test_regime_from_parameters_agrees_with_the_fitted_front(name):
    """Default size, SEI film of the set, film geometry, surface midway to c_max."""
    values = pybamm.ParameterValues(name)
    estimate = regime_from_parameters(values, geometry="planar")
    c_ext = (values[N + "shell equilibrium concentration [mol.m-3]"] + values[C_MAX]) / 2
    solution = _hold(values, c_ext, 0.8 * estimate.total_time, "planar")
    assert regime_from_solution(solution) == estimate.regime


def test_size_sweep_crosses_from_icr_to_dcr():
    """Without the film, Li-Si goes from interface to diffusion control as R grows
    (Da = k_i R/D); the limiting C-rate falls as 1/R, then as 1/R^2."""
    radii = np.logspace(-8, -3, 11)
    sweep = size_sweep(pybamm.ParameterValues("LiSi_NMC811"), radii, sei=False)
    assert sweep["regime"].iloc[0] == "ICR" and sweep["regime"].iloc[-1] == "DCR"
    assert np.all(np.diff(sweep["exponent"]) < 0)
    np.testing.assert_allclose(sweep["damkohler"] / radii, sweep["damkohler"].iloc[0] / radii[0])
    c_rate = sweep["limiting_c_rate"].to_numpy()
    assert c_rate[0] / c_rate[1] == pytest.approx(10**0.5, rel=0.05)  # 1/R per half decade
    assert c_rate[-2] / c_rate[-1] == pytest.approx(10, rel=0.1)  # 1/R^2


@pytest.mark.parametrize("name", pa.couple_names())
def test_half_conversion_time_matches_the_particle_model_at_any_stefan_number(name):
    """Default size, sphere, no film, surface midway to c_max (St from 0.04 to ~5): the
    analysis' time to 50 % conversion against the simulated particle's, started empty (the
    issue asks for 10 %; measured: within 0.5 %)."""
    values = pybamm.ParameterValues(name)
    values[N + "residual shell thickness ratio"] = THIN_RESIDUAL_SHELL
    estimate = regime_from_parameters(values, sei=False)
    c_ext = (values[C_EQ] + values[C_MAX]) / 2
    solution = _hold(values, c_ext, 2 * estimate.total_time, "spherical", film=False)
    converted = np.ravel(solution["Negative lithiated fraction"].entries)
    t_50 = np.interp(0.5, converted, solution.t)
    assert t_50 == pytest.approx(estimate.half_conversion_time, rel=0.02), estimate.stefan


SWEEP = [  # (St, Da, Bi_SEI or None for no film) on Li-Sn, whose window reaches St = 9.6
    (0.3, 0.1, None),
    (0.3, 1e3, None),
    (3, 0.1, None),
    (3, 10, None),
    (3, 1e3, None),
    (9, 0.1, None),
    (9, 10, None),
    (9, 1e3, None),
    (3, 10, 1.0),
    (9, 1e3, 0.3),
    (3, 1, 10),
]


@pytest.mark.parametrize("geometry", ["planar", "spherical"])
@pytest.mark.parametrize("stefan, Da, Bi", SWEEP)
def test_conversion_times_match_the_particle_model_at_large_stefan_number(stefan, Da, Bi, geometry):
    """Times to 50 and 90 % conversion over St, Da and the film (measured: within 0.5 %)."""
    values = _particle_values("LiSn_NMC811", Da, Bi)
    values[N + "residual shell thickness ratio"] = THIN_RESIDUAL_SHELL
    c_eq = values[C_EQ]
    c_ext = c_eq + stefan * (c_eq - values[N + "core concentration [mol.m-3]"])
    film = Bi is not None
    expected = [
        sum(conversion_time(values, X, c_ext, geometry=geometry, sei=film)) for X in (0.5, 0.9)
    ]
    solution = _hold(values, c_ext, 1.5 * expected[1], geometry, film=film)
    converted = np.ravel(solution["Negative lithiated fraction"].entries)
    simulated = np.interp([0.5, 0.9], converted, solution.t)
    np.testing.assert_allclose(simulated, expected, rtol=0.02)


def _neumann_lambda(stefan):
    """lambda exp(lambda^2) erf(lambda) = St / sqrt(pi) (Crank 1984, eq. 3.14)."""
    return brentq(lambda x: x * np.exp(x**2) * erf(x) - stefan / np.sqrt(np.pi), 1e-6, 10)


@pytest.mark.parametrize("stefan", [0.1, 1, 5])
def test_a_diffusion_controlled_film_follows_neumanns_solution(stefan):
    """No film, Da = 1e6: L = 2 lambda (D t)^(1/2) exactly, so t = L^2 / (4 lambda^2 D)."""
    values = _particle_values("LiSn_NMC811", Da=1e6)
    c_eq, R = values[C_EQ], values["Negative particle radius [m]"]
    c_ext = c_eq + stefan * (c_eq - values[N + "core concentration [mol.m-3]"])
    for X in (0.2, 0.5, 1.0):
        t = sum(conversion_time(values, X, c_ext, geometry="planar", sei=False))
        neumann = (X * R) ** 2 / (4 * _neumann_lambda(stefan) ** 2 * values[D_NAME])
        assert t == pytest.approx(neumann, rel=2e-3)


@pytest.mark.parametrize("geometry", ["planar", "spherical"])
def test_an_interface_controlled_front_converts_the_shell_it_fills(geometry):
    """Da = 1e-4: the shell fills to c_ext, so the front moves at k_i (c_ext - c_eq) /
    (c_ext - c_core) in any geometry, St = 5 times slower than quasi-steady is 1 + 1/St."""
    values = _particle_values("LiSn_NMC811", Da=1e-4)
    c_eq, R = values[C_EQ], values["Negative particle radius [m]"]
    c_core = values[N + "core concentration [mol.m-3]"]
    c_ext = c_eq + 5 * (c_eq - c_core)
    k_i = values[N + "interface rate constant [m.s-1]"]
    m = {"planar": 0, "spherical": 2}[geometry]
    film, interface, diffusion = conversion_time(values, 0.9, c_ext, geometry=geometry, sei=False)
    L = R * (1 - 0.1 ** (1 / (m + 1)))
    assert film == 0 and diffusion < 1e-3 * interface
    assert interface == pytest.approx(L * (c_ext - c_core) / (k_i * (c_ext - c_eq)), rel=2e-3)


def _levenspiel(values, X, c_ext, m):
    """The quasi-steady (film, interface, diffusion) times from empty (Levenspiel 1999)."""
    R, D = values["Negative particle radius [m]"], values[D_NAME]
    k_i = values[N + "interface rate constant [m.s-1]"]
    L_sei = values[N + "initial SEI film thickness [m]"]
    k_f = values[N + "SEI carrier diffusivity [m2.s-1]"] / L_sei
    scale = (values[C_EQ] - values[N + "core concentration [mol.m-3]"]) / (c_ext - values[C_EQ])
    s = (1 - X) ** (1 / (m + 1))
    G = (1 - s) ** 2 / 2 if m == 0 else 1 / 6 - s**2 / 2 + s**3 / 3
    return X * R * scale / ((m + 1) * k_f), (1 - s) * R * scale / k_i, G * R**2 * scale / D


@pytest.mark.parametrize("geometry", ["planar", "spherical"])
def test_small_stefan_number_gives_the_quasi_steady_times(geometry):
    """St = 1e-3, Da = Bi = 1 (all three steps count): each time within 0.3 % of the
    quasi-steady one, the O(St) storage the quasi-steady analysis drops."""
    values = _particle_values("LiSi_NMC811", Da=1.0, Bi=1.0)
    c_ext = values[C_EQ] + 1e-3 * (values[C_EQ] - values[N + "core concentration [mol.m-3]"])
    m = {"planar": 0, "spherical": 2}[geometry]
    for X in (0.5, 1.0):
        times = conversion_time(values, X, c_ext, geometry=geometry)
        np.testing.assert_allclose(times, _levenspiel(values, X, c_ext, m), rtol=3e-3)


def test_estimate_reports_the_stefan_number_and_refuses_a_surface_that_does_not_lithiate():
    values = pybamm.ParameterValues("LiSn_NMC811")
    c_eq, c_max = values[C_EQ], values[C_MAX]
    estimate = regime_from_parameters(values, surface_concentration=c_max, sei=False)
    assert isinstance(estimate, RegimeEstimate)
    c_core = values[N + "core concentration [mol.m-3]"]
    assert estimate.stefan == pytest.approx((c_max - c_eq) / (c_eq - c_core))
    assert estimate.limiting_c_rate == pytest.approx(3600 / estimate.total_time, rel=1e-6)
    with pytest.raises(
        ValueError, match=r"surface concentration \[mol\.m-3\] must be in \(.*\], not"
    ):
        regime_from_parameters(values, surface_concentration=c_eq)
