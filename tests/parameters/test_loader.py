"""Parameter sets: found by name, every value sourced, values physically consistent."""

import pybamm
import pytest

import pybamm_alloying as pa
from pybamm_alloying.parameters.loader import load_half_cell

TAGS = {"V", "C", "P", "M", "S", "E", "N"}


def test_parameter_values_finds_the_set_by_name():
    pv = pybamm.ParameterValues("LiSi_NMC811")
    assert (
        pv["Negative electrode shell equilibrium concentration [mol.m-3]"]
        < pv["Maximum concentration in negative electrode [mol.m-3]"]
    )


@pytest.mark.parametrize("name", pa.couple_names())
def test_every_value_has_a_source_and_a_known_tag(name):
    for record in pa.parameter_records(name):
        assert record.tag in TAGS, record.name
        assert record.source.startswith("derived: ") or len(record.source) > 20, record.name
        if record.tag == "E":
            assert record.source.startswith("estimate"), record.name


@pytest.mark.parametrize("name", pa.couple_names())
def test_every_file_has_an_entry_point_that_loads(name):
    from importlib.metadata import entry_points

    registered = {ep.name: ep for ep in entry_points(group="pybamm_parameter_sets")}
    assert name in registered
    chemistry = {"Li": "lithium_ion", "Na": "sodium_ion"}[
        pa.parameters.set_metadata(name)["carrier"]
    ]
    assert registered[name].load()()["chemistry"] == chemistry


def test_silicon_capacity_follows_from_li15si4():
    """c_max = 3.75 rho_Si / M_Si (host basis): 3579 mAh/g."""
    pv = pybamm.ParameterValues("LiSi_NMC811")
    c_max = pv["Maximum concentration in negative electrode [mol.m-3]"]
    assert c_max == pytest.approx(3.75 * 2329 / 0.0280855, rel=1e-3)
    mAh_per_g = c_max * pybamm.constants.F.value / 3600 / 2329
    assert mAh_per_g == pytest.approx(3579, rel=2e-3)


def test_two_phase_potential_lies_on_the_plateau():
    """U_2φ = U_shell(c_eq) sits between the lithiation plateau's ends (≈ 0.1-0.2 V vs Li)."""
    pv = pybamm.ParameterValues("LiSi_NMC811")
    sto = (
        pv["Negative electrode shell equilibrium concentration [mol.m-3]"]
        / pv["Maximum concentration in negative electrode [mol.m-3]"]
    )
    u = pv.evaluate(pv["Negative electrode OCP [V]"](pybamm.Scalar(sto)))
    assert 0.1 < u < 0.2


def test_anode_to_cathode_capacity_ratio_is_about_1_1():
    """N/P against the Chen2020 cathode window (sto 0.264-0.854)."""
    pv = pybamm.ParameterValues("LiSi_NMC811")
    anode = (
        pv["Maximum concentration in negative electrode [mol.m-3]"]
        * pv["Negative electrode active material volume fraction"]
        * pv["Negative electrode thickness [m]"]
    )
    cathode = (
        pv["Maximum concentration in positive electrode [mol.m-3]"]
        * pv["Positive electrode active material volume fraction"]
        * pv["Positive electrode thickness [m]"]
        * (0.854 - 0.264)
    )
    assert anode / cathode == pytest.approx(1.1, abs=0.02)


def test_partner_values_come_from_pybamm():
    pv, chen = pybamm.ParameterValues("LiSi_NMC811"), pybamm.ParameterValues("Chen2020")
    for key in (
        "Positive electrode thickness [m]",
        "Separator porosity",
        "Initial concentration in electrolyte [mol.m-3]",
    ):
        assert pv[key] == chen[key]


def test_half_cell_puts_the_alloy_in_the_positive_slot():
    full, half = pybamm.ParameterValues("LiSi_NMC811"), load_half_cell("LiSi_NMC811")
    assert half["Positive particle radius [m]"] == full["Negative particle radius [m]"]
    assert (
        half["Positive electrode shell equilibrium concentration [mol.m-3]"]
        == full["Negative electrode shell equilibrium concentration [mol.m-3]"]
    )
    assert "Exchange-current density for lithium metal electrode [A.m-2]" in half


def test_unknown_set_lists_the_shipped_ones():
    with pytest.raises(ValueError, match="LiSi_NMC811"):
        pa.load_parameter_set("LiXx_NMC811")


def test_citations_of_the_model_and_the_set_are_printed(tmp_path):
    pybamm.citations._reset()
    pybamm.ParameterValues("LiSi_NMC811")
    pa.DFN({"alloy particle": "quasi-steady"})
    pybamm.print_citations(tmp_path / "refs.bib", output_format="bibtex")
    printed = (tmp_path / "refs.bib").read_text()
    for key in ("Zhao2012", "Pharr2012", "Levenspiel1999", "Chen2020", "Verbrugge2016"):
        assert f"{{{key}," in printed


# --- electrode design: recipe, porosity and swelling allowance (docs/theory.md section 10)
N = "Negative electrode "
RECIPE = {"active material": "host", "conductive carbon": "conductive carbon", "binder": "binder"}


def _file_values(name: str) -> dict:
    return {
        r.name: r.value for r in pa.parameter_records(name) if not r.source.startswith("derived")
    }


@pytest.mark.parametrize("name", pa.couple_names())
def test_binder_and_carbon_are_the_inert_rest_as_the_recipe_states(name):
    """eps_k = (1 - porosity) (w_k / rho_k) / sum_j (w_j / rho_j) from the file's mass
    fractions and densities; PyBaMM's inert rest 1 - porosity - eps_s is exactly binder
    plus carbon."""
    file, pv = _file_values(name), pybamm.ParameterValues(name)
    volume = {
        part: file[f"{N}{part} mass fraction"] / file[f"{N}{density} density [kg.m-3]"]
        for part, density in RECIPE.items()
    }
    solid = 1 - file[N + "porosity"]
    inert = solid * (volume["conductive carbon"] + volume["binder"]) / sum(volume.values())
    assert sum(file[f"{N}{part} mass fraction"] for part in RECIPE) == pytest.approx(1, abs=1e-12)
    assert pv[N + "porosity"] == file[N + "porosity"]  # the pristine porosity is the input
    rest = 1 - pv[N + "porosity"] - pv[N + "active material volume fraction"]
    assert rest == pytest.approx(inert, rel=1e-12)
    assert pv[N + "binder volume fraction"] + pv[
        N + "conductive carbon volume fraction"
    ] == pytest.approx(rest, rel=1e-12)


def _swollen(pv) -> float:
    """Porosity of the fully lithiated electrode by the swelling rule of
    submodels/swelling.py: (eps_0 - (1 - f) e) / (1 + f e), e = eps_s (beta - 1)."""
    f = pv[N + "swelling thickness fraction"]
    growth = pv[N + "active material volume fraction"] * (pv[N + "volume expansion ratio"] - 1)
    return (pv[N + "porosity"] - (1 - f) * growth) / (1 + f * growth)


@pytest.mark.parametrize("name", pa.couple_names())
def test_the_allowed_porosity_range_ends_where_the_swollen_electrode_reaches_its_minimum(name):
    """At the lowest allowed porosity the fully lithiated electrode has exactly the set's
    minimum porosity; the shipped porosity keeps more; 1e-3 lower is refused, naming the
    porosity, its range and the allowance."""
    from pybamm_alloying.parameters.design import minimum_porosity, solid_volume_shares
    from pybamm_alloying.validation import ParameterError

    shipped = pybamm.ParameterValues(name)
    eps_min = shipped[N + "minimum porosity at full lithiation"]
    assert _swollen(shipped) == pytest.approx(shipped[N + "porosity at full lithiation"], rel=1e-12)
    assert _swollen(shipped) > eps_min
    values = pa.load_parameter_set(name)
    lowest = minimum_porosity(values, solid_volume_shares(values)["active material"])
    edge = pybamm.ParameterValues(pa.load_parameter_set(name, {N + "porosity": lowest}))
    assert _swollen(edge) == pytest.approx(eps_min, rel=1e-9)
    with pytest.raises(
        ParameterError,
        match=rf"{N}porosity must be in \[{lowest:.4f}, 1\).*minimum porosity at full lithiation",
    ):
        pa.load_parameter_set(name, {N + "porosity": lowest - 1e-3})


def test_overrides_of_partner_values_carry_into_the_derived_cell():
    """A thicker cathode (a partner value) doubles the cathode-limited capacity, and the
    anode follows it by the N/P rule."""
    base = pa.load_parameter_set("LiSi_NMC811")
    thicker = pa.load_parameter_set(
        "LiSi_NMC811",
        {"Positive electrode thickness [m]": 2 * base["Positive electrode thickness [m]"]},
    )
    for name in ("Nominal cell capacity [A.h]", N + "thickness [m]"):
        assert thicker[name] == pytest.approx(2 * base[name], rel=1e-12)
