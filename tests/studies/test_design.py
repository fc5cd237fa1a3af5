"""Anode comparison: the stack budget adds up, and the design rule moves it as stated."""

from concurrent.futures import ProcessPoolExecutor

import pybamm
import pytest

from pybamm_alloying.studies.design import compare_anodes, design_case, design_sweep

LAYERS = ("negative current collector", "anode", "separator", "cathode", "positive current collector")


@pytest.fixture(scope="module")
def li_si():
    return design_case("LiSi_NMC811", rate_limit=False)


def test_energy_density_recomputed_from_the_table(li_si):
    """E = capacity x mean voltage per electrode area; over the table's own layer masses
    and stack thickness (within 0.1 %)."""
    values = pybamm.ParameterValues("LiSi_NMC811")
    area = values["Electrode width [m]"] * values["Electrode height [m]"]
    energy = li_si["C/10 discharge capacity [A.h]"] * li_si["average voltage [V]"] / area
    mass = sum(li_si[f"{layer} mass [kg.m-2]"] for layer in LAYERS)
    assert li_si["specific energy [W.h.kg-1]"] == pytest.approx(energy / mass, rel=1e-3)
    assert li_si["energy density [W.h.L-1]"] == pytest.approx(
        energy / li_si["stack thickness [m]"] / 1000, rel=1e-3
    )
    charged = li_si["stack thickness [m]"] * (1 + li_si["cell thickness swelling"])
    assert li_si["charged energy density [W.h.L-1]"] == pytest.approx(
        energy / charged / 1000, rel=1e-3
    )


def test_a_thicker_anode_at_the_same_loading_adds_its_thickness_to_the_stack():
    """N/P 1.1 -> 1.5 at the same cathode: the stack grows by exactly the anode's growth,
    the cathode's mass does not change, and the specific energy falls."""
    low, high = design_sweep("LiSi_NMC811", "N/P capacity ratio", [1.1, 1.5]).to_dict("records")
    anode_growth = high["anode thickness [m]"] - low["anode thickness [m]"]
    assert anode_growth > 0
    assert high["stack thickness [m]"] - low["stack thickness [m]"] == pytest.approx(anode_growth, rel=1e-9)
    assert high["cathode mass [kg.m-2]"] == low["cathode mass [kg.m-2]"]
    assert high["specific energy [W.h.kg-1]"] < low["specific energy [W.h.kg-1]"]


def test_the_executor_gives_the_serial_numbers_and_reports_failures(li_si):
    with ProcessPoolExecutor(max_workers=2) as pool:
        table = compare_anodes(["LiSi_NMC811", "LiXx"], executor=pool, rate_limit=False)
    assert table.loc[0, "specific energy [W.h.kg-1]"] == li_si["specific energy [W.h.kg-1]"]
    assert table.loc[0, "error"] == ""
    assert "LiXx" in table.loc[1, "error"]


def test_only_design_inputs_can_be_swept():
    with pytest.raises(ValueError, match="parameter must be one of"):
        design_sweep("LiSi_NMC811", "Positive electrode thickness [m]", [1e-4])
