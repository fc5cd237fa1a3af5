"""SEI diffusion film in the DFN (model.md §4): vanishing limit, flux cap, PyBaMM's SEI."""

import numpy as np
import pybamm
import pytest

import pybamm_alloying as pa

D_SEI = "Negative electrode SEI carrier diffusivity [m2.s-1]"


def _charge(name, options, D_sei=None, rate="1C", **update):
    values = pybamm.ParameterValues(name)
    if D_sei is not None:
        values[D_SEI] = D_sei
    values.update(update)
    experiment = pybamm.Experiment(
        [f"Charge at {rate} until {values['Upper voltage cut-off [V]']} V"]
    )
    model = pa.DFN(options)
    return pybamm.Simulation(model, parameter_values=values, experiment=experiment).solve()


def test_a_fast_film_recovers_the_film_free_cell():
    """D_SEI -> large: voltage and front position within 0.1 %."""
    free = _charge("LiSi_NMC811", {})
    film = _charge("LiSi_NMC811", {"alloy SEI transport": "film"}, D_sei=1e-8)
    t = free.t[free.t <= film.t[-1]]
    assert film.t[-1] == pytest.approx(free.t[-1], rel=1e-3)
    for name in ("Voltage [V]", "X-averaged negative core radius [m]"):
        a = np.interp(t, free.t, free[name].entries)
        b = np.interp(t, film.t, film[name].entries)
        np.testing.assert_allclose(b, a, rtol=1e-3)


def test_the_flux_never_exceeds_the_film_limit():
    """A slow film (limit 2.1x the 1C flux at the start) caps the flux at k_f (c_max -
    c_surf): the flux comes within 15 % of the cap, never passes it, and the charge ends
    early."""
    free = _charge("LiGe_NMC811", {})
    solution = _charge("LiGe_NMC811", {"alloy SEI transport": "film"}, D_sei=2e-19)
    F = pybamm.constants.F.value
    flux = -solution["Negative electrode interfacial current density [A.m-2]"].entries / F
    limit = solution["Negative SEI limiting flux [mol.m-2.s-1]"].entries
    assert np.all(flux <= limit * (1 + 1e-6))
    assert np.max(flux / limit) > 0.85
    assert solution.t[-1] < 0.85 * free.t[-1]
    assert solution["X-averaged negative SEI resistance share"].entries.max() > 0.9


def test_the_film_thickens_with_pybamm_sei_growth():
    """With PyBaMM's "SEI" option the film is PyBaMM's growing SEI."""
    solution = _charge(
        "LiSi_NMC811",
        {"alloy SEI transport": "film", "SEI": "solvent-diffusion limited"},
        rate="C/2",
    )
    film = solution["Negative SEI film thickness [m]"].entries
    np.testing.assert_allclose(film, solution["Negative SEI thickness [m]"].entries)
    assert np.all(film[:, -1] > film[:, 0])


def test_the_film_needs_the_resolved_shell():
    with pytest.raises(pybamm.OptionError, match="'alloy SEI transport': 'film' needs"):
        pa.DFN({"alloy SEI transport": "film", "alloy particle": "quasi-steady"})


def test_the_film_refuses_to_run_before_the_particle():
    """The film republishes the particle's surface concentration: registered before the
    particle, the particle would overwrite it, and the build says so."""
    model = pa.DFN({"alloy SEI transport": "film"}, build=False)
    film = model.submodels.pop("negative primary SEI transport")
    submodels = {"negative primary SEI transport": film, **model.submodels}
    model.submodels.clear()
    model.submodels.update(submodels)
    with pytest.raises(pybamm.ModelError, match="must be registered after the negative"):
        model.build_model()


def test_the_film_after_the_particle_builds():
    model = pa.DFN({"alloy SEI transport": "film"}, build=False)
    names = list(model.submodels)
    assert names.index("negative primary SEI transport") > names.index("negative primary particle")
    model.build_model()
    c_o = model.variables["Negative SEI outer concentration [mol.m-3]"]
    assert model.variables["Negative particle surface concentration [mol.m-3]"] is c_o
