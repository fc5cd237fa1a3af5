"""Long CC-CV cycling with SEI growth: run time and peak memory.

Each case cycles one couple with :func:`pybamm_alloying.studies.run_cycling`
(protocol ``cccv`` at 1C, the set's own cut-offs, ``{"SEI": "solvent-diffusion
limited"}``, the full shell model) keeping per-cycle summaries only
(``save_at_cycles`` = the number of cycles: PyBaMM then keeps the first and the last
cycle's time series). The Na sets' partner (Chayambuka2022) has no SEI parameters; they
are borrowed from PyBaMM's Chen2020 (Li, graphite) as a stand-in, :func:`sei_parameters`.

Every case runs in a fresh process, so its peak RSS (``ru_maxrss``) is its own. With
``--keep-all`` the time series of every cycle is kept instead (for comparison).

Run by hand from the repository root (not a test; minutes per case):

    .venv/bin/python benchmarks/bench_long_cycling.py --cycles 50 100 [--sets LiSi_NMC811 NaSn_NVPF]

Prints one JSON line per case and writes ``benchmarks/long_cycling.json``.
"""

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

import pybamm

OPTIONS = {"SEI": "solvent-diffusion limited"}


def sei_parameters(name: str) -> dict:
    """Chen2020's SEI values that set ``name`` lacks (none for the Li sets)."""
    values = pybamm.ParameterValues(name)
    chen = pybamm.ParameterValues("Chen2020")
    return {key: chen[key] for key in chen.keys() if "SEI" in key and key not in values.keys()} | {
        key: chen[key]
        for key in ("Bulk solvent concentration [mol.m-3]", "Ratio of lithium moles to SEI moles")
        if key not in values.keys()
    }


def run_case(name: str, cycles: int, keep_all: bool) -> dict:
    """Cycle set ``name`` ``cycles`` times in this process; time, memory and outcome."""
    from pybamm_alloying.studies import run_cycling

    start = time.perf_counter()
    result = run_cycling(
        name,
        "cccv",
        cycles,
        options=OPTIONS,
        save_at_cycles=None if keep_all else cycles,
        parameter_updates=sei_parameters(name),
    )
    seconds = time.perf_counter() - start
    summary = result.cycles
    return {
        "parameter set": name,
        "cycles": cycles,
        "kept": "all" if keep_all else "first and last",
        "completed cycles": len(summary),
        "completed": result.completed,
        "run time [s]": round(seconds, 1),
        "time per cycle [s]": round(seconds / cycles, 3),
        "peak RSS [MB]": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "timeseries rows": len(result.timeseries),
        "discharge capacity, first and last [A.h]": [
            float(summary["Discharge capacity [A.h]"].iloc[0]),
            float(summary["Discharge capacity [A.h]"].iloc[-1]),
        ],
        "SEI thickness, last [m]": float(summary["SEI thickness [m]"].iloc[-1]),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cycles", type=int, nargs="+", default=[50, 100])
    parser.add_argument("--sets", nargs="+", default=["LiSi_NMC811", "NaSn_NVPF"])
    parser.add_argument("--keep-all", action="store_true")
    parser.add_argument("--case", nargs=2, metavar=("SET", "CYCLES"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.case:
        print(json.dumps(run_case(args.case[0], int(args.case[1]), args.keep_all)))
        return
    results = []
    for name in args.sets:
        for cycles in args.cycles:
            command = [sys.executable, __file__, "--case", name, str(cycles)]
            output = subprocess.run(
                command + (["--keep-all"] if args.keep_all else []),
                capture_output=True, text=True, check=True,
            ).stdout
            results.append(json.loads(output.strip().splitlines()[-1]))
            print(json.dumps(results[-1]), flush=True)
    path = Path(__file__).with_name("long_cycling.json")
    path.write_text(json.dumps(results, indent=2))
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
