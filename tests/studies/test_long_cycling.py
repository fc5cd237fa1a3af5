"""Long runs: summaries only, bounded memory, every cycle accounted for."""

import numpy as np
import pybamm
import pytest

from pybamm_alloying.studies import run_cycling

SEI = {"SEI": "solvent-diffusion limited"}


def sei_parameters(name: str) -> dict:
    """PyBaMM's Chen2020 SEI values that set ``name`` lacks (the Na partner has none)."""
    values, chen = pybamm.ParameterValues(name), pybamm.ParameterValues("Chen2020")
    wanted = ("Bulk solvent concentration [mol.m-3]", "Ratio of lithium moles to SEI moles")
    return {k: chen[k] for k in chen.keys() if ("SEI" in k or k in wanted) and k not in values.keys()}


def test_unsaved_cycles_get_summary_rows_that_match_the_time_series():
    """save_at_cycles keeps cycles 1 and 4 only; cycles 2-3 come from PyBaMM's summary
    variables and agree with a run that keeps everything."""
    options = {**SEI, "alloy particle": "quasi-steady"}
    everything = run_cycling(cycles=4, options=options)
    summaries = run_cycling(cycles=4, options=options, save_at_cycles=[4])
    assert summaries.completed and list(summaries.timeseries["Cycle"].unique()) == [1, 4]
    columns = ["Charge capacity [A.h]", "Discharge capacity [A.h]", "Coulombic efficiency",
               "SEI thickness [m]"]
    np.testing.assert_allclose(
        summaries.cycles[columns].to_numpy(), everything.cycles[columns].to_numpy(), rtol=2e-3
    )
    assert summaries.cycles["Maximum front depth [m]"].iloc[1:3].isna().all()
    assert summaries.cycles["Discharge energy [W.h]"].iloc[1:3].isna().all()  # not integrated


@pytest.mark.slow
@pytest.mark.parametrize("name", ["LiSi_NMC811", "NaSn_NVPF"])
def test_500_cccv_cycles_with_sei_growth_complete(name):
    """500 1C CC-CV cycles with SEI growth (Chen2020's SEI values for Na-Sn): every cycle
    completes, the SEI thickens monotonically, capacity fades slowly; only the first and
    the last time series are kept."""
    result = run_cycling(
        name, cycles=500, options=SEI, save_at_cycles=500, parameter_updates=sei_parameters(name)
    )
    cycles = result.cycles
    assert result.completed and len(cycles) == 500
    assert np.all(np.diff(cycles["SEI thickness [m]"]) > 0)
    capacity = cycles["Discharge capacity [A.h]"].to_numpy()
    assert np.all(np.isfinite(capacity)) and 0.5 < capacity[-1] / capacity[1] <= 1
    assert set(result.timeseries["Cycle"].unique()) == {1, 500}


@pytest.mark.slow
@pytest.mark.xfail(
    strict=True,
    reason="memory grows ~16 MB per cycle even with save_at_cycles (bench_long_cycling: "
    "Li-Si 1.1 GB at 50 cycles, 1.9 GB at 100); something in PyBaMM's experiment loop "
    "keeps per-cycle data; not yet diagnosed",
)
def test_memory_of_summary_only_cycling_is_bounded():
    """Peak RSS of 100 summary-only cycles within 20 % of that of 50."""
    import subprocess
    import sys

    def peak(cycles: int) -> int:
        code = (
            "import resource; from pybamm_alloying.studies import run_cycling; "
            f"run_cycling(cycles={cycles}, options={SEI!r}, save_at_cycles={cycles}); "
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
        )
        output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        return int(output.stdout.split()[-1])

    assert peak(100) < 1.2 * peak(50)
