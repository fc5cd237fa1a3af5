"""Regime analysis: analytic conversion times against the particle model, the regime map."""

import numpy as np
import pybamm
import pytest

import pybamm_alloying as pa
from pybamm_alloying.regime import (
    conversion_time,
    regime_from_parameters,
    regime_from_solution,
    size_sweep,
)

N = "Negative electrode "
D_NAME = "Negative particle diffusivity [m2.s-1]"
C_MAX = "Maximum concentration in negative electrode [mol.m-3]"


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
    c_eq = values[N + "shell equilibrium concentration [mol.m-3]"]
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
    assert c_rate[0] / c_rate[1] == pytest.approx(10 ** 0.5, rel=0.05)  # 1/R per half decade
    assert c_rate[-2] / c_rate[-1] == pytest.approx(10, rel=0.1)  # 1/R^2


@pytest.mark.parametrize("name", pa.couple_names())
def test_half_conversion_time_matches_the_particle_model_at_any_stefan_number(name):
    """Default size, sphere, no film, surface midway to c_max (St from 0.04 to ~10): the
    analysis' time to 50 % conversion within 10 % of the simulated particle's."""
    values = pybamm.ParameterValues(name)
    estimate = regime_from_parameters(values, sei=False)
    c_ext = (values[N + "shell equilibrium concentration [mol.m-3]"] + values[C_MAX]) / 2
    solution = _hold(values, c_ext, 2 * estimate.total_time, "spherical", film=False)
    converted = np.ravel(solution["Negative lithiated fraction"].entries)
    t_50 = np.interp(0.5, converted, solution.t)
    assert t_50 == pytest.approx(estimate.half_conversion_time, rel=0.1), estimate.stefan
