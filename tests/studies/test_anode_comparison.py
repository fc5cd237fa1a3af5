"""Anode comparison: the stack budget adds up, and the design rule moves it as stated."""

from concurrent.futures import ProcessPoolExecutor

import numpy as np
import pybamm
import pytest

from pybamm_alloying.studies.anode_comparison import (
    compare_anodes,
    design_case,
    design_sweep,
    stack_assumptions,
    stack_budget,
)
from pybamm_alloying.studies.formation import predicted_loss
from pybamm_alloying.validation import UnknownNameError

LAYERS = (
    "negative current collector",
    "anode",
    "separator",
    "cathode",
    "positive current collector",
)


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
    assert high["stack thickness [m]"] - low["stack thickness [m]"] == pytest.approx(
        anode_growth, rel=1e-9
    )
    assert high["cathode mass [kg.m-2]"] == low["cathode mass [kg.m-2]"]
    assert high["specific energy [W.h.kg-1]"] < low["specific energy [W.h.kg-1]"]


def test_the_executor_gives_the_serial_numbers(li_si):
    with ProcessPoolExecutor(max_workers=2) as pool:
        table = compare_anodes(["LiSi_NMC811"], executor=pool, rate_limit=False)
    assert table.loc[0, "specific energy [W.h.kg-1]"] == li_si["specific energy [W.h.kg-1]"]
    assert table.loc[0, "error"] == ""


def test_an_unknown_couple_is_refused_before_any_case_runs():
    """A case that fails while it runs is reported in its row (tests/studies/test_parallel.py);
    a name that is not a couple is refused before the sweep starts."""
    with pytest.raises(UnknownNameError, match="parameter_sets must be one of .*not 'LiXx'"):
        compare_anodes(["LiSi_NMC811", "LiXx"], rate_limit=False)


def test_only_design_inputs_can_be_swept():
    with pytest.raises(ValueError, match="parameter must be one of"):
        design_sweep("LiSi_NMC811", "Positive electrode thickness [m]", [1e-4])


LI_COUPLES = ("LiGe_NMC811", "LiP_NMC811", "LiSb_NMC811", "LiSi_NMC811", "LiSn_NMC811")
POROSITY = "Negative electrode porosity"


@pytest.mark.parametrize("name", LI_COUPLES)
def test_a_more_porous_anode_of_the_same_recipe_stores_less_per_kg_and_per_litre(name):
    """At fixed N/P and recipe the anode's solids per area are fixed (eps_s L_n = N/P Q_p /
    c_max), so more porosity only adds electrolyte and thickness: the solid mass stays,
    W.h/kg and W.h/L fall strictly."""
    rows = design_sweep(name, POROSITY, [0.5, 0.6, 0.7], time_limit=30).sort_values(POROSITY)
    assert (rows["error"] == "").all()
    rho_e = stack_assumptions("Chen2020")["Electrolyte density [kg.m-3]"]
    solids = rows["anode mass [kg.m-2]"] - rows["anode thickness [m]"] * rows[POROSITY] * rho_e
    np.testing.assert_allclose(solids, solids.iloc[0], rtol=1e-9)
    for metric in ("specific energy [W.h.kg-1]", "energy density [W.h.L-1]"):
        assert (np.diff(rows[metric]) < 0).all(), metric


def test_the_anode_budget_weighs_binder_and_carbon_at_the_recipe_densities():
    """Raising the binder (carbon) density by 100 kg/m3 adds L_n eps_b (eps_c) x 100 to
    the anode's mass and nothing elsewhere."""
    values = pybamm.ParameterValues("LiSi_NMC811")
    before = stack_budget(values, "Chen2020")
    for part in ("binder", "conductive carbon"):
        density = f"Negative electrode {part} density [kg.m-3]"
        changed = values.copy()
        changed[density] = values[density] + 100
        after = stack_budget(changed, "Chen2020")
        expected = (
            values["Negative electrode thickness [m]"]
            * values[f"Negative electrode {part} volume fraction"]
            * 100
        )
        assert expected > 0
        assert after["anode mass [kg.m-2]"] - before["anode mass [kg.m-2]"] == pytest.approx(
            expected, rel=1e-9
        )
        assert after["cathode mass [kg.m-2]"] == before["cathode mass [kg.m-2]"]


def test_the_budget_refuses_an_anode_whose_parts_do_not_fill_it():
    values = pybamm.ParameterValues("LiSi_NMC811")
    values["Negative electrode binder volume fraction"] *= 0.5
    with pytest.raises(ValueError, match="sum to"):
        stack_budget(values, "Chen2020")


def test_a_formed_conversion_cell_stores_less_than_its_metal_and_cycles_its_design():
    """LiSnO2 || NMC811 against LiSn || NMC811 (same cathode, N/P 1.1): the row is the
    formed cell's. Its first C/10 cycle loses the Li locked in Li2O (the cathode's
    share Q_lock / Q_c, within 2 %); its formed C/10 discharge is the designed reversible
    capacity (parameters/design.py) within 2 % (C/10 polarisation), about half of
    LiSn's, so its specific energy and energy density are below LiSn's."""
    oxide, metal = (
        design_case(name, rate_limit=False) for name in ("LiSnO2_NMC811", "LiSn_NMC811")
    )
    values = pybamm.ParameterValues("LiSnO2_NMC811")
    designed = values["Nominal cell capacity [A.h]"]
    assert oxide["nominal capacity [A.h]"] == designed
    assert oxide["C/10 discharge capacity [A.h]"] == pytest.approx(designed, rel=2e-2)
    assert oxide["formation loss [A.h]"] == pytest.approx(predicted_loss(values), rel=2e-2)
    assert oxide["first-cycle coulombic efficiency"] < 0.55
    assert oxide["C/10 discharge capacity [A.h]"] < 0.55 * metal["C/10 discharge capacity [A.h]"]
    for column in ("specific energy [W.h.kg-1]", "charged energy density [W.h.L-1]"):
        assert oxide[column] < metal[column]
    assert "formation loss [A.h]" not in metal
