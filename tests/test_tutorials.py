"""The tutorials in docs/tutorials/ run as a reader runs them, write their figures, and
their results are the physics the docs describe."""

import runpy
import sys
from pathlib import Path

import numpy as np
import pytest

TUTORIALS = Path(__file__).resolve().parents[1] / "docs" / "tutorials"
FIGURES = {
    "nanowire_fronts": ["fronts.png", "size_sweep.png"],
    "self_limiting": ["arrest.png", "hold.png"],
    "cycling": [
        "voltage.png",
        "voltage_capacity.png",
        "capacity.png",
        "front_across_electrode.png",
    ],
    "anode_comparison": [
        "discharge_curves.png",
        "ragone.png",
        "energy_swelling.png",
        "rate_capability.png",
    ],
    "conversion_alloying": [
        "LiSnO2_NMC811_half.png",
        "LiSn_NMC811_half.png",
        "LiSiO_NMC811_half.png",
        "LiSi_NMC811_half.png",
        "energy_swelling.png",
    ],
}
_runs: dict[str, tuple[dict, Path]] = {}


def _run(name: str, tmp_path_factory) -> tuple[dict, Path]:
    """``python docs/tutorials/<name>.py OUT`` in this process (once): its ``result``, OUT."""
    if name not in _runs:
        out = tmp_path_factory.mktemp(name)
        script = TUTORIALS / f"{name}.py"
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(sys, "argv", [str(script), str(out)])
            _runs[name] = runpy.run_path(str(script), run_name="__main__")["result"], out
    return _runs[name]


@pytest.fixture(scope="module")
def fronts(tmp_path_factory):
    return _run("nanowire_fronts", tmp_path_factory)[0]


@pytest.fixture(scope="module")
def self_limiting(tmp_path_factory):
    return _run("self_limiting", tmp_path_factory)[0]


@pytest.fixture(scope="module")
def cycling(tmp_path_factory):
    return _run("cycling", tmp_path_factory)[0]


@pytest.fixture(scope="module")
def comparison(tmp_path_factory):
    return _run("anode_comparison", tmp_path_factory)[0]


@pytest.fixture(scope="module")
def conversion(tmp_path_factory):
    return _run("conversion_alloying", tmp_path_factory)[0]


@pytest.mark.parametrize("name", FIGURES)
def test_each_tutorial_writes_its_figures(name, tmp_path_factory):
    _, out = _run(name, tmp_path_factory)
    for figure in FIGURES[name]:
        assert (out / figure).stat().st_size > 10_000, figure


def _rate_law(fronts, couple, geometry):
    table = fronts["rate laws"]
    return table[(table["couple"] == couple) & (table["geometry"] == geometry)].iloc[0]


def test_silicon_nanowire_front_is_linear_and_germanium_parabolic(fronts):
    """Si (Da = 0.045) is interface-controlled, n = 1; Ge (Da = 750) diffusion-controlled:
    n = 1/2 in a film, a little more in a wire, whose shrinking front speeds up at the end."""
    for geometry in ("cylindrical", "planar"):
        assert _rate_law(fronts, "LiSi_NMC811", geometry)["fitted n"] == pytest.approx(1, abs=0.02)
    assert _rate_law(fronts, "LiGe_NMC811", "planar")["fitted n"] == pytest.approx(0.5, abs=0.03)
    wire = _rate_law(fronts, "LiGe_NMC811", "cylindrical")["fitted n"]
    assert 0.5 < wire < 0.6


def test_the_parameters_predict_the_fitted_regime(fronts):
    table = fronts["rate laws"]
    assert (table["fitted regime"] == table["regime from parameters"]).all()
    assert set(table["fitted regime"]) == {"ICR", "DCR"}


def test_a_thick_silicon_wire_becomes_diffusion_controlled(fronts):
    """Da = k_i R / D grows with the radius: ICR at 10 nm, DCR at 1 mm."""
    sweep = fronts["size sweep"]
    assert sweep["regime"].iloc[0] == "ICR" and sweep["regime"].iloc[-1] == "DCR"
    assert np.all(np.diff(sweep["exponent"]) < 0)


def test_small_silicon_lithiates_fully_and_larger_arrests_near_half(self_limiting):
    silicon = self_limiting["arrest"].query("couple == 'LiSi_NMC811'").set_index("diameter [m]")
    assert silicon.loc[40e-9, "arrest fraction"] > 0.95 and not silicon.loc[40e-9, "arrested"]
    large = silicon.loc[[100e-9, 150e-9, 200e-9]]
    assert large["arrested"].all() and large["arrest fraction"].between(0.45, 0.60).all()
    assert (np.diff(silicon["arrest fraction"].to_numpy()) < 0).all()
    np.testing.assert_allclose(
        silicon["arrest fraction"], silicon["closed-form arrest fraction"], rtol=0.01
    )


def test_germanium_lithiates_fully(self_limiting):
    germanium = self_limiting["arrest"].query("couple == 'LiGe_NMC811'")
    assert (germanium["arrest fraction"] > 0.99).all() and not germanium["arrested"].any()


def test_stress_stops_the_silicon_front_that_otherwise_converts_fully(self_limiting):
    stressed, free = (
        self_limiting["holds"][k]["lithiated fraction"].iloc[-1]
        for k in ("Si 150 nm, stress", "Si 150 nm, no stress")
    )
    arrest = self_limiting["arrest"].query("`diameter [m]` == 150e-9 and couple == 'LiSi_NMC811'")
    assert stressed == pytest.approx(arrest["arrest fraction"].iloc[0], rel=0.01)
    assert free > 0.99


def test_a_higher_held_potential_arrests_silicon_earlier(self_limiting):
    """Less driving force (closer to the 0.144 V two-phase potential) is closed by less
    stress: the arrest fraction falls with the potential, for spheres and wires alike."""
    potentials = self_limiting["potentials"]
    for geometry in ("spherical", "cylindrical"):
        assert np.all(np.diff(potentials[geometry]) < 0)
        assert 0 < potentials[geometry].iloc[-1] < potentials[geometry].iloc[0] < 1


def test_silicon_cell_delivers_its_nominal_capacity_every_cycle(cycling):
    """1C CC-CV: the CV hold completes the charge; every discharge within 1 % of nominal,
    and after the first cycle (which also empties the assembled residual shell) each
    cycle returns what it took."""
    result = cycling["result"]
    assert result.completed
    discharge = result.cycles["Discharge capacity [A.h]"]
    np.testing.assert_allclose(discharge / cycling["nominal capacity [A.h]"], 1, atol=0.01)
    np.testing.assert_allclose(result.cycles["Coulombic efficiency"].iloc[1:], 1, atol=1e-4)
    assert (result.cycles["Maximum lithiated fraction"] < 1).all()
    assert (result.cycles["Maximum cell thickness change [m]"] > 0).all()


def test_the_front_runs_deepest_next_to_the_separator(cycling):
    """The charge current enters the anode from the separator: those particles convert
    first, those at the current collector least."""
    x, depth = cycling["front"]
    assert np.all(np.diff(depth) > -1e-4 * depth.max()) and depth[-1] > 1.5 * depth[0]  # rtol 1e-4


def test_silicon_stores_more_energy_but_germanium_keeps_more_at_1c(comparison):
    design = comparison["design"].set_index("parameter set")
    assert (design["error"] == "").all()
    np.testing.assert_allclose(
        design["C/10 discharge capacity [A.h]"] / design["nominal capacity [A.h]"], 1, atol=0.02
    )
    si, ge = design.loc["LiSi_NMC811"], design.loc["LiGe_NMC811"]
    assert si["specific energy [W.h.kg-1]"] > ge["specific energy [W.h.kg-1]"]
    assert si["1C discharge capacity [A.h]"] < ge["1C discharge capacity [A.h]"]


def test_germanium_lithiates_faster_than_silicon(comparison):
    """10 um particles in half cells: Ge keeps 80 % of its capacity at a C-rate an order
    of magnitude above Si's, and each names the largest term of its voltage budget."""
    limits = comparison["rate limits"].set_index("parameter set")
    assert (limits["error"] == "").all()
    c_rate = limits["rate-limited C-rate"]
    assert c_rate["LiGe_NMC811"] > 10 * c_rate["LiSi_NMC811"]
    losses = limits[[c for c in limits if c.endswith(" loss [V]")]]
    assert (limits["limiting mechanism"] + " loss [V]" == losses.idxmax(axis=1)).all()


def test_an_oxide_loses_its_matrix_lithium_on_the_first_cycle_only(conversion):
    """Half cells: each oxide's first efficiency is x_alloy / x (SnO2 4.4 / 8.4, SiO 2.8125
    / 3.8125) within 2 % and below its metal's; every second cycle returns what it took.
    Full cells (compare's C/10 formation cycle): the first-cycle loss is the Li locked in
    the matrix within 2 %."""
    half = conversion["half cells"].set_index(["set", "Cycle"])
    efficiency = half["coulombic efficiency"]
    for oxide, metal, expected in (
        ("LiSnO2_NMC811", "LiSn_NMC811", 4.4 / 8.4),
        ("LiSiO_NMC811", "LiSi_NMC811", 2.8125 / 3.8125),
    ):
        assert efficiency[oxide, 1] == pytest.approx(expected, rel=2e-2)
        assert efficiency[oxide, 1] < efficiency[metal, 1]
    np.testing.assert_allclose(efficiency.xs(2, level="Cycle"), 1, atol=1e-3)
    formed = conversion["design"].dropna(subset=["formation loss [A.h]"])
    assert sorted(formed["parameter set"]) == ["LiSiO_NMC811", "LiSnO2_NMC811"]
    np.testing.assert_allclose(
        formed["formation loss [A.h]"], formed["predicted loss [A.h]"], rtol=2e-2
    )


def test_the_formed_oxide_cells_store_and_swell_less_than_their_metals(conversion):
    design = conversion["design"].set_index("parameter set")
    assert (design["error"] == "").all()
    for oxide, metal in (("LiSnO2_NMC811", "LiSn_NMC811"), ("LiSiO_NMC811", "LiSi_NMC811")):
        for column in ("specific energy [W.h.kg-1]", "cell thickness swelling"):
            assert design.loc[oxide, column] < design.loc[metal, column]


def test_the_buffer_lowers_the_stress_and_raises_the_fracture_size(conversion):
    stress = conversion["stress"]
    assert len(stress) > 0
    for (_, diameter), rows in stress.groupby(["name", "diameter [m]"]):
        rows = rows.set_index("particle")
        metal, composite = rows.loc["metal"], rows.loc["converted composite"]
        assert abs(composite["interface shell mean stress [Pa]"]) < abs(
            metal["interface shell mean stress [Pa]"]
        )
        assert composite["critical fracture diameter [m]"] > metal["critical fracture diameter [m]"]
