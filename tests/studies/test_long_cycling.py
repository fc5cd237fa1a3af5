"""Long runs: summaries only, bounded memory, every cycle accounted for."""

import subprocess
import sys

import numpy as np
import pytest

from pybamm_alloying.parameters import borrowed_sei_parameters
from pybamm_alloying.studies import run_cycling
from pybamm_alloying.studies.cycling import TIMESERIES_CYCLES

SEI = {"SEI": "solvent-diffusion limited"}


def test_unsaved_cycles_get_summary_rows_that_match_the_time_series():
    """save_at_cycles keeps cycles 1 and 4 only; cycles 2-3 (capacities, efficiency, SEI,
    energies) come from PyBaMM's summary variables and agree with a run that keeps
    everything; the maxima need the time series and are NaN."""
    options = {**SEI, "alloy particle": "quasi-steady"}
    everything = run_cycling(cycles=4, options=options)
    summaries = run_cycling(cycles=4, options=options, save_at_cycles=[4])
    assert summaries.completed and list(summaries.timeseries["Cycle"].unique()) == [1, 4]
    columns = [
        "Charge capacity [A.h]",
        "Discharge capacity [A.h]",
        "Coulombic efficiency",
        "SEI thickness [m]",
        "Charge energy [W.h]",
        "Discharge energy [W.h]",
    ]
    np.testing.assert_allclose(
        summaries.cycles[columns].to_numpy(), everything.cycles[columns].to_numpy(), rtol=2e-3
    )
    assert summaries.cycles["Maximum front depth [m]"].iloc[1:3].isna().all()


def _check_lithium_balance(result) -> None:
    """Lithium lost to SEI grows every cycle; particles + electrolyte + SEI is conserved."""
    summary = result.solution.summary_variables
    lost = np.array(summary["Total lithium lost to side reactions [mol]"])
    inventory = np.array(summary["Total lithium [mol]"]) + lost
    assert np.all(np.diff(lost) > 0)
    assert np.ptp(inventory) < 1e-9 * inventory[0]


def test_long_runs_keep_summaries_by_default():
    """Past TIMESERIES_CYCLES cycles only the first and the last time series are kept;
    every cycle has its summary row and the lithium balance closes over all of them."""
    n = TIMESERIES_CYCLES + 1
    result = run_cycling(cycles=n, options={**SEI, "alloy particle": "quasi-steady"})
    assert result.completed and list(result.cycles["Cycle"]) == list(range(1, n + 1))
    assert sorted(result.timeseries["Cycle"].unique()) == [1, n]
    _check_lithium_balance(result)


@pytest.mark.slow
@pytest.mark.parametrize("name", ["LiSi_NMC811", "NaSn_NVPF"])
def test_500_cccv_cycles_with_sei_growth_complete(name):
    """500 1C CC-CV cycles with SEI growth (Chen2020's SEI values for Na-Sn): every cycle
    completes, the SEI thickens every cycle, lithium lost to it is accounted for to 1e-9,
    capacity stays within 10 % of cycle 2 (Li-Si fades; Na-Sn's discharge is limited by
    its cathode, docs/performance.md); only the first and the last time series are kept."""
    result = run_cycling(
        name, cycles=500, options=SEI, parameter_updates=borrowed_sei_parameters(name)
    )
    cycles = result.cycles
    assert result.completed and len(cycles) == 500
    assert np.all(np.diff(cycles["SEI thickness [m]"]) > 0)
    _check_lithium_balance(result)
    capacity = cycles["Discharge capacity [A.h]"].to_numpy()
    assert np.all(np.isfinite(capacity)) and abs(capacity[-1] / capacity[1] - 1) < 0.1
    assert set(result.timeseries["Cycle"].unique()) == {1, 500}


def _peak_rss_of_summary_only_cycling(cycles: int) -> int:
    """Peak RSS [kB] of a fresh process that runs ``cycles`` summary-only cycles."""
    code = (
        "import resource; from pybamm_alloying.studies import run_cycling; "
        f"run_cycling(cycles={cycles}, options={SEI!r}, save_at_cycles={cycles}); "
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    output = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return int(output.stdout.split()[-1])


@pytest.mark.slow
def test_memory_of_summary_only_cycling_is_bounded():
    """Peak RSS of 100 summary-only cycles within 10 % of that of 50 (without
    ReleaseFinishedCycles it grew by 16 MB per cycle: 1.12 GB at 50, 1.91 GB at 100)."""
    assert _peak_rss_of_summary_only_cycling(100) < 1.1 * _peak_rss_of_summary_only_cycling(50)
