"""Time the study sweeps serially and on a process pool.

* compare: :func:`pybamm_alloying.studies.anode_comparison.compare_anodes` over the five lithium
  couples (two CC cycles and a rate-limit search each);
* rate limit: :func:`pybamm_alloying.studies.rate_limit.rate_limit_table` over the same
  five couples.

"Serial" is a one-worker process pool (same code path, no parallelism); "pool" is the
default pool (one worker per core). Also times PyBaMM's own DFN on a C/10 CC cycle of the
Li-Si cell's values in the same run, as the unit of the ratios. Run by hand on an idle
machine, from the repository root:

    .venv/bin/python benchmarks/bench_studies.py

Prints a table and writes ``benchmarks/studies.json``.
"""

import json
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pybamm

from pybamm_alloying.studies.anode_comparison import compare_anodes
from pybamm_alloying.studies.parallel import default_executor
from pybamm_alloying.studies.rate_limit import rate_limit_table

LITHIUM = ["LiGe_NMC811", "LiP_NMC811", "LiSb_NMC811", "LiSi_NMC811", "LiSn_NMC811"]
RESULTS = Path(__file__).with_name("studies.json")


def _timed(function):
    start = time.perf_counter()
    value = function()
    return time.perf_counter() - start, value


def pybamm_reference() -> float:
    """PyBaMM's Fickian DFN, C/10 CC charge and discharge, LiSi_NMC811 values."""
    values = pybamm.ParameterValues("LiSi_NMC811")
    low, high = values["Lower voltage cut-off [V]"], values["Upper voltage cut-off [V]"]
    experiment = pybamm.Experiment(
        [(f"Charge at C/10 until {high} V", f"Discharge at C/10 until {low} V")]
    )
    sim = pybamm.Simulation(
        pybamm.lithium_ion.DFN(),
        parameter_values=values,
        experiment=experiment,
        solver=pybamm.IDAKLUSolver(),
    )
    return _timed(sim.solve)[0]


def main():
    results = {"reference (PyBaMM DFN, C/10 cycle) [s]": pybamm_reference()}
    for label, study in (
        ("compare", lambda ex: compare_anodes(LITHIUM, executor=ex)),
        ("rate limit", lambda ex: rate_limit_table(LITHIUM, executor=ex)),
    ):
        for mode, make in (("serial", lambda: ProcessPoolExecutor(1)), ("pool", default_executor)):
            with make() as executor:
                seconds, table = _timed(lambda: study(executor))
            results[f"{label}, {mode} [s]"] = seconds
            results[f"{label}, failed cases"] = int((table["error"] != "").sum())
    results["workers (pool)"] = default_executor()._max_workers
    for key, value in results.items():
        print(f"{key:45s} {value:.2f}" if isinstance(value, float) else f"{key:45s} {value}")
    RESULTS.write_text(json.dumps(results, indent=2))
    print(f"wrote {RESULTS}")


if __name__ == "__main__":
    main()
