"""Rate limit of anode lithiation: the bracket is right, and the named mechanism is the
largest term of the simulation's own voltage budget, which accounts for the whole gap
between the cell's equilibrium voltage and its voltage at the cut-off."""

from concurrent.futures import ProcessPoolExecutor

import numpy as np
import pandas as pd
import pybamm
import pytest

from pybamm_alloying.parameters import load_half_cell, load_parameter_set
from pybamm_alloying.regime import regime_from_parameters
from pybamm_alloying.studies.budget import ANODE_TERMS, SHELL_DIFFUSION, terms
from pybamm_alloying.studies.rate_limit import (
    anode_analytic_c_rate,
    lithiation_rate_limit,
    rate_limit_table,
)
from pybamm_alloying.studies.runners import LithiationCapacity
from pybamm_alloying.submodels.carrier_metal import PLATING_EVENT
from pybamm_alloying.validation import ArgumentError

FULL_CELLS = ["LiGe_NMC811", "LiP_NMC811", "LiSb_NMC811", "LiSi_NMC811", "LiSn_NMC811"]
#: Radius of the issue's Na-Sn half cell [m] (10 um particles).
NA_SN_RADIUS = 5e-6
#: The budget's terms are PyBaMM's x-averaged voltage split; they close on V - OCV_eq
#: to ~1e-7 V in every case measured (solver tolerance), 1e-5 V allows for that.
CLOSURE = 1e-5


def _losses(row, cell):
    """The budget's terms [V] in a table row, NaN (not in this budget) left out."""
    losses = {t: row[f"{t} loss [V]"] for t in terms(cell)}
    return {t: v for t, v in losses.items() if np.isfinite(v)}


def assert_budget_names_its_largest_term(row, cell):
    losses = _losses(row, cell)
    assert row["limiting mechanism"] == max(losses, key=losses.get)
    assert sum(losses.values()) == pytest.approx(row["budget total [V]"], abs=CLOSURE)
    assert row["budget total [V]"] > 0  # the charge spent a window
    named = [c for c in row.index if "diffusion-limited" in c]
    assert not named or row["limiting mechanism"] == SHELL_DIFFUSION


@pytest.fixture(scope="module")
def full_cells():
    """The five default lithium full cells, searched once on two workers."""
    with ProcessPoolExecutor(max_workers=2) as pool:
        return rate_limit_table(FULL_CELLS, executor=pool)  # rows in order


@pytest.fixture(scope="module")
def li_si():
    return lithiation_rate_limit("LiSi_NMC811")


def test_the_limit_passes_the_threshold_and_the_next_step_fails(li_si):
    trials = li_si.trials.set_index("C-rate")["relative capacity"]
    assert trials[li_si.c_rate] >= 0.8 > trials[li_si.failing_rate]
    assert li_si.failing_rate / li_si.c_rate <= 1.05
    assert trials[li_si.c_rate] - 0.8 < 0.05  # the capacity sits at the threshold
    assert len(li_si.trials) < 12
    assert trials[0.05] == 1


@pytest.mark.parametrize("name", FULL_CELLS)
def test_a_default_full_cell_names_the_largest_term_of_its_budget(full_cells, name):
    row = full_cells.iloc[FULL_CELLS.index(name)]
    assert row["error"] == "" and row["parameter set"] == name
    assert_budget_names_its_largest_term(row, "full")
    assert row["charge ended by"] in ("Maximum voltage [V]", PLATING_EVENT)


def test_a_half_cell_of_10_um_silicon_names_the_largest_term_of_its_budget():
    row = pd.Series(lithiation_rate_limit("LiSi_NMC811", 10e-6, cell="half").as_row())
    assert_budget_names_its_largest_term(row, "half")
    assert row["charge ended by"] == "Minimum voltage [V]"
    assert "metal charge transfer loss [V]" in row and "cathode particle loss [V]" not in row


def test_a_sodium_tin_half_cell_at_0p3c_splits_its_gap_and_reads_pybamm_s_own_terms():
    """10 um Na-Sn particles, lithiated at 0.3C to 5 mV: the charge-transfer term is
    PyBaMM's own reaction overpotential of the alloy (sign: a loss is positive), and the
    terms add up to OCV_eq - V."""
    values = pybamm.ParameterValues(load_half_cell("NaSn_NVPF"))
    values["Positive particle radius [m]"] = NA_SN_RADIUS
    capacity = LithiationCapacity(values, half=True, budget=True)
    capacity(0.3)
    budget = capacity.budget(0.3)
    end, _ = capacity.ends[0.3]
    eta_r = float(end["X-averaged positive electrode reaction overpotential [V]"].entries[-1])
    assert budget.losses["anode charge transfer"] == pytest.approx(-eta_r, rel=1e-9)
    eta_metal = float(end["Lithium metal interface reaction overpotential [V]"].entries[-1])
    assert budget.losses["metal charge transfer"] == pytest.approx(eta_metal, rel=1e-9)
    assert budget.mechanism == max(budget.losses, key=budget.losses.get)
    assert sum(budget.losses.values()) == pytest.approx(budget.total, abs=CLOSURE)
    assert budget.total == pytest.approx(
        float(end["Lithiation equilibrium voltage [V]"].entries[-1]) - 0.005, abs=1e-6
    )  # the charge ended at the 5 mV cut-off


def test_at_the_plating_cut_off_the_budget_is_the_alloy_s_two_phase_potential():
    """10 um Si in the full cell: the charge ends at 0 V vs Li before the upper cut-off.
    The budget then is the alloy's own where it reached 0 V: with a core left, its
    equilibrium is the two-phase potential, which its four terms share."""
    row = pd.Series(lithiation_rate_limit("LiSi_NMC811", 10e-6).as_row())
    assert row["charge ended by"] == PLATING_EVENT
    assert_budget_names_its_largest_term(row, "full")
    assert set(_losses(row, "full")) == set(ANODE_TERMS)  # the others are not in it
    values = pybamm.ParameterValues("LiSi_NMC811")
    two_phase = values["Negative electrode two-phase potential [V]"]
    assert row["budget total [V]"] == pytest.approx(two_phase, abs=1e-6)


@pytest.mark.parametrize(
    "options, film",
    [
        ({"alloy SEI transport": "film"}, "X-averaged negative SEI transport overpotential [V]"),
        (
            {"SEI": "constant", "SEI film resistance": "distributed"},
            "X-averaged negative electrode SEI film overpotential [V]",
        ),
    ],
    ids=["diffusion film", "PyBaMM's ohmic film"],
)
def test_an_sei_film_enters_the_budget_as_its_own_drop(options, film):
    """The package's diffusion film (a concentration drop through the OCP) or PyBaMM's
    ohmic film: its term is the model's own film overpotential, and the budget of a 1C
    charge of Li-Si still closes on the equilibrium voltage."""
    values = pybamm.ParameterValues(load_parameter_set("LiSi_NMC811"))
    capacity = LithiationCapacity(values, options, budget=True)
    capacity(1.0)
    budget, (end, _) = capacity.budget(1.0), capacity.ends[1.0]
    assert budget.losses["anode SEI film"] == pytest.approx(float(end[film].entries[-1]), rel=1e-9)
    assert budget.losses["anode SEI film"] > 0
    assert sum(budget.losses.values()) == pytest.approx(budget.total, abs=CLOSURE)


def test_the_analytic_c_rate_has_the_sei_film_only_where_the_option_puts_it():
    """Default options: no film, so the particle converts faster than with the film's
    resistance in series; ``"alloy SEI transport": "film"`` adds it."""
    values = pybamm.ParameterValues(load_parameter_set("LiGe_NMC811"))
    radius = values["Negative particle radius [m]"]
    bare = anode_analytic_c_rate(values, radius)
    film = anode_analytic_c_rate(values, radius, {"alloy SEI transport": "film"})
    assert bare == regime_from_parameters(values, radius, sei=False).limiting_c_rate
    assert film == regime_from_parameters(values, radius, sei=True).limiting_c_rate
    assert film < bare


def test_the_executor_gives_the_serial_numbers(li_si, full_cells):
    row = full_cells.iloc[FULL_CELLS.index("LiSi_NMC811")]
    assert row["rate-limited C-rate"] == li_si.c_rate
    assert row["limiting mechanism"] == li_si.budget.mechanism


def test_a_dask_cluster_runs_the_sweep(li_si):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=1, processes=True, dashboard_address=None) as cluster:
        with distributed.Client(cluster) as client:
            table = rate_limit_table(["LiSi_NMC811"], executor=client.get_executor())
    assert table.loc[0, "rate-limited C-rate"] == li_si.c_rate


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"threshold": 1.2}, r"threshold must be in \(0, 1\)"),
        ({"tolerance": 0}, r"tolerance must be in \[1e-06, 0\.5\]"),
        ({"radius": -1e-6}, r"radius \[m\] must be finite and > 0"),
        ({"cell": "coin"}, "cell must be one of"),
    ],
)
def test_bad_input_is_refused_before_solving(kwargs, message):
    with pytest.raises(ValueError, match=message):
        lithiation_rate_limit("LiSi_NMC811", **kwargs)


def test_an_unknown_set_is_refused_before_the_sweep():
    with pytest.raises(ValueError, match="parameter_set must be one of .*not 'NoSuchSet'"):
        rate_limit_table(["NoSuchSet"])


def test_a_conversion_set_is_searched_on_its_formed_full_cell():
    """LiSnO2 || NMC811: the search starts from the formed cell (one C/20 formation
    cycle), so its C/20 reference charge takes the designed reversible capacity within
    1 % (not the first charge's ~2x, which also converts the oxide); the half cell is
    refused before any solve."""
    result = lithiation_rate_limit("LiSnO2_NMC811", tolerance=0.2)
    nominal = pybamm.ParameterValues("LiSnO2_NMC811")["Nominal cell capacity [A.h]"]
    assert result.reference_capacity == pytest.approx(nominal, rel=1e-2)
    assert result.c_rate > 0.05
    with pytest.raises(ArgumentError, match="cell must be 'full' for conversion set"):
        lithiation_rate_limit("LiSnO2_NMC811", cell="half")
