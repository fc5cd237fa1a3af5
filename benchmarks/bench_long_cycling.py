"""Long CC-CV cycling with SEI growth: run time and peak memory.

Each case cycles one couple with :func:`pybamm_alloying.studies.run_cycling`
(protocol ``cccv`` at 1C, the set's own cut-offs, ``{"SEI": "solvent-diffusion
limited"}``, the full shell model) keeping per-cycle summaries only
(``save_at_cycles`` = the number of cycles: PyBaMM then keeps the first and the last
cycle's time series). The Na sets' partner (Chayambuka2022) has no SEI parameters;
PyBaMM's Chen2020 values stand in (:func:`pybamm_alloying.parameters.borrowed_sei_parameters`).

The reference, set name ``Chen2020``, is PyBaMM's own DFN with the same options and
protocol (2.5-4.2 V), solved by ``pybamm.Simulation`` directly: as PyBaMM ships it, or
with ``--release`` with :class:`pybamm_alloying.studies.ReleaseFinishedCycles`, which
``run_cycling`` always uses.

Every case runs in a fresh process, so its peak RSS (``ru_maxrss``) is its own. With
``--keep-all`` the time series of every cycle is kept instead (for comparison).

Run by hand from the repository root (not a test; minutes per case):

    .venv/bin/python benchmarks/bench_long_cycling.py --cycles 50 100 500 \
        --sets Chen2020 LiSi_NMC811 NaSn_NVPF [--release]

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

from pybamm_alloying.files import write_atomically

OPTIONS = {"SEI": "solvent-diffusion limited"}
REFERENCE = "Chen2020"


def _reference(cycles: int, keep_all: bool, release: bool) -> dict:
    """PyBaMM's DFN on Chen2020, same protocol: (discharge capacities, SEI thickness)."""
    from pybamm_alloying.studies import ReleaseFinishedCycles, load_protocol

    model = pybamm.lithium_ion.DFN(OPTIONS)
    model.summary_variables = [*model.summary_variables, "Discharge capacity [A.h]"]
    simulation = pybamm.Simulation(
        model,
        parameter_values=pybamm.ParameterValues(REFERENCE),
        experiment=load_protocol("cccv", cycles, 2.5, 4.2),
        solver=pybamm.IDAKLUSolver(),
    )
    solution = simulation.solve(
        save_at_cycles=None if keep_all else cycles,
        callbacks=[ReleaseFinishedCycles()] if release else None,
    )
    summary = solution.summary_variables
    thickness = solution.last_state["X-averaged negative SEI thickness [m]"].data[-1]
    capacities = [
        float(throughput + net) / 2
        for throughput, net in zip(
            summary["Change in throughput capacity [A.h]"],
            summary["Change in discharge capacity [A.h]"],
        )
    ]
    return {"capacities": capacities, "sei": float(thickness), "rows": len(solution.t)}


def _alloy(name: str, cycles: int, keep_all: bool) -> dict:
    from pybamm_alloying.parameters import borrowed_sei_parameters
    from pybamm_alloying.studies import run_cycling

    result = run_cycling(
        name,
        "cccv",
        cycles,
        options=OPTIONS,
        save_at_cycles=None if keep_all else cycles,
        parameter_updates=borrowed_sei_parameters(name),
    )
    summary = result.cycles
    return {
        "capacities": summary["Discharge capacity [A.h]"].tolist(),
        "sei": float(summary["SEI thickness [m]"].iloc[-1]),
        "rows": len(result.timeseries),
        "completed": result.completed,
    }


def run_case(name: str, cycles: int, keep_all: bool, release: bool) -> dict:
    """Cycle set ``name`` ``cycles`` times in this process; time, memory and outcome."""
    start = time.perf_counter()
    if name == REFERENCE:
        outcome = _reference(cycles, keep_all, release)
    else:
        outcome = _alloy(name, cycles, keep_all)
    seconds = time.perf_counter() - start
    capacities = outcome["capacities"]
    return {
        "parameter set": name,
        "model": "PyBaMM DFN" if name == REFERENCE else "pybamm_alloying.DFN",
        "cycles": cycles,
        "kept": "all" if keep_all else "first and last",
        "finished cycles released": release or name != REFERENCE,
        "completed cycles": len(capacities),
        "completed": outcome.get("completed", len(capacities) == cycles),
        "run time [s]": round(seconds, 1),
        "time per cycle [s]": round(seconds / cycles, 3),
        "peak RSS [MB]": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "timeseries rows": outcome["rows"],
        "discharge capacity, first and last [A.h]": [capacities[0], capacities[-1]],
        "SEI thickness, last [m]": outcome["sei"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cycles", type=int, nargs="+", default=[50, 100])
    parser.add_argument("--sets", nargs="+", default=[REFERENCE, "LiSi_NMC811", "NaSn_NVPF"])
    parser.add_argument("--keep-all", action="store_true")
    parser.add_argument(
        "--release", action="store_true", help="reference with ReleaseFinishedCycles"
    )
    parser.add_argument("--case", nargs=2, metavar=("SET", "CYCLES"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    flags = ["--keep-all"] * args.keep_all + ["--release"] * args.release
    if args.case:
        print(json.dumps(run_case(args.case[0], int(args.case[1]), args.keep_all, args.release)))
        return
    path = Path(__file__).with_name("long_cycling.json")
    results = json.loads(path.read_text()) if path.is_file() else []
    for name in args.sets:
        for cycles in args.cycles:
            command = [sys.executable, __file__, "--case", name, str(cycles), *flags]
            output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
            results.append(json.loads(output.strip().splitlines()[-1]))
            print(json.dumps(results[-1]), flush=True)
            write_atomically(path, lambda tmp: Path(tmp).write_text(json.dumps(results, indent=2)))
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
