"""Benchmark the shrinking-core alloy DFN against PyBaMM's Fickian DFN.

Compares, on the same cell (``LiSi_NMC811`` parameters), mesh (x_n, x_s, x_p, r_n,
r_p = 20; the alloy models add their 20-point shell mesh) and solver
(``pybamm.IDAKLUSolver()``, default tolerances):

* ``fickian``:      ``pybamm.lithium_ion.DFN()``
* ``full``:         ``pybamm_alloying.DFN({"alloy particle": "full"})``
* ``quasi-steady``: ``pybamm_alloying.DFN({"alloy particle": "quasi-steady"})``
* ``stress``:       ``pybamm_alloying.DFN({"alloy stress": "plastic"})`` (full particle)
  with its default solver, ``pybamm.IDAKLUSolver(rtol=1e-6)``

Two protocols between the set's own cut-offs (2.724-4.14 V): a 1C discharge from a
charged state (anode sto 0.9, cathode sto 0.3), and 10 CC-CV cycles from the parameter
set's initial state. For each it times:

* construct: ``Model(...)``;
* build: ``pybamm.Simulation(...)`` + ``build_for_experiment()`` (parameters and
  discretisation, no solve);
* solve, first: the first ``sim.solve()``, which includes the solver set-up
  (CasADi functions, Jacobian sparsity, IDAKLU object);
* solve, warm: later ``sim.solve()`` calls on the same simulation (integration
  and experiment bookkeeping only; median of ``WARM_CALLS``).

Each repeat runs every model in a fresh process (models interleaved); the table shows
the median over ``--repeats``. Also recorded: states, Jacobian nnz, solver
statistics, discharge capacity (all three simulate the same cell), peak RSS of the
process, and solver errors that PyBaMM's experiment loop logs instead of raising.

Run by hand (not a test), on an otherwise idle machine, from the repository root:

    .venv/bin/python benchmarks/bench_dfn.py [--repeats 3]

Prints a table and writes ``benchmarks/results.json``.
"""

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

MODELS = ("fickian", "full", "quasi-steady", "stress")
PARAMETER_SET = "LiSi_NMC811"
COMMON_POINTS = {"x_n": 20, "x_s": 20, "x_p": 20, "r_n": 20, "r_p": 20}
# {lower} / {upper}: the set's own voltage cut-offs, filled in run_protocol
DISCHARGE = ["Discharge at 1C until {lower} V"]
CYCLE = (
    "Charge at 1C until {upper} V",
    "Hold at {upper} V until C/20",
    "Rest for 10 minutes",
    "Discharge at 1C until {lower} V",
    "Rest for 10 minutes",
)
N_CYCLES = 10
RESULTS = Path(__file__).with_name("results.json")
WARM_CALLS = 3  # warm solve = median of this many repeated calls
TIMINGS = ("construct", "build", "solve_first", "solve_warm")


def make_model(name):
    import pybamm

    import pybamm_alloying

    if name == "fickian":
        return pybamm.lithium_ion.DFN()
    if name == "stress":
        return pybamm_alloying.DFN({"alloy stress": "plastic"})
    return pybamm_alloying.DFN({"alloy particle": name})


def parameter_values(charged):
    """The LiSi_NMC811 set; if ``charged``, anode at sto 0.9 and cathode at sto 0.3."""
    import pybamm

    values = pybamm.ParameterValues(PARAMETER_SET)
    if charged:
        c_n = values["Maximum concentration in negative electrode [mol.m-3]"]
        c_p = values["Maximum concentration in positive electrode [mol.m-3]"]
        values.update(
            {
                "Initial concentration in negative electrode [mol.m-3]": 0.9 * c_n,
                "Initial concentration in positive electrode [mol.m-3]": 0.3 * c_p,
            }
        )
    return values


def run_protocol(name, steps, charged):
    """Construct, build and solve one model; return timings, simulation and solution."""
    import pybamm

    t0 = time.perf_counter()
    model = make_model(name)
    t1 = time.perf_counter()
    var_pts = model.default_var_pts
    var_pts.update(COMMON_POINTS)
    values = parameter_values(charged)
    cut_offs = {
        "lower": values["Lower voltage cut-off [V]"],
        "upper": values["Upper voltage cut-off [V]"],
    }
    steps = [
        tuple(part.format(**cut_offs) for part in step)
        if isinstance(step, tuple)
        else step.format(**cut_offs)
        for step in steps
    ]
    sim = pybamm.Simulation(
        model,
        parameter_values=values,
        experiment=pybamm.Experiment(steps),
        var_pts=var_pts,
        solver=model.default_solver if name == "stress" else pybamm.IDAKLUSolver(),
    )
    sim.build_for_experiment()
    t2 = time.perf_counter()
    sim.solve()
    t3 = time.perf_counter()
    warm = []
    for _ in range(WARM_CALLS):
        t4 = time.perf_counter()
        solution = sim.solve()
        warm.append(time.perf_counter() - t4)
    times = {
        "construct": t1 - t0,
        "build": t2 - t1,
        "solve_first": t3 - t2,
        "solve_warm": statistics.median(warm),
    }
    return times, sim, solution


def problem_size(sim):
    """States (differential, algebraic) and Jacobian nnz of the first step's model."""
    step = next(iter(sim.steps_to_built_models))
    model = sim.steps_to_built_models[step]
    solver = sim.steps_to_built_solvers[step]
    return {
        "states": model.len_rhs + model.len_alg,
        "differential": model.len_rhs,
        "algebraic": model.len_alg,
        "jacobian_nnz": solver._setup["jac_times_cjmass_nnz"],
    }


def solver_stats(solution):
    stats = solution.solver_statistics
    return {
        "steps": stats.number_of_steps,
        "nonlinear_iterations": stats.number_of_nonlinear_solver_iterations,
        "linear_solver_setups": stats.number_of_linear_solver_setups,
        "error_test_failures": stats.number_of_error_test_failures,
        "integration_s": solution.integration_time.value,
        "simulated_h": float(solution.t[-1] - solution.t[0]) / 3600,
    }


def step_capacity(step_solution):
    q = step_solution["Discharge capacity [A.h]"].entries
    return float(q[-1] - q[0])


def discharge_capacity(cycle):
    """The capacity of a cycle's discharge step (step 4 of ``CYCLE``), None if it did not run."""
    return step_capacity(cycle.steps[3]) if len(cycle.steps) > 3 else None


def measure(name):
    """One repeat of every measurement of one model (run in a fresh process)."""
    import pybamm  # noqa: F401

    import pybamm_alloying  # noqa: F401

    rss_import = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    times, sim, sol = run_protocol(name, DISCHARGE, charged=True)
    discharge = {
        **times,
        **problem_size(sim),
        **solver_stats(sol),
        "capacity_Ah": step_capacity(sol),
        "termination": sol.termination,
    }
    times, sim, sol = run_protocol(name, [CYCLE] * N_CYCLES, charged=False)
    cycles = sol.cycles
    complete = len(cycles) == N_CYCLES and all(len(c.steps) == len(CYCLE) for c in cycles)
    cycling = {
        **times,
        **solver_stats(sol),
        "cycles_completed": len(cycles),
        "complete": complete,
        # None where the cycle stopped before its discharge (the stressed Li-Si cell's 1C
        # charge ends at the 0 V event, docs/plating.md)
        "discharge_capacity_first_cycle_Ah": discharge_capacity(cycles[0]),
        "discharge_capacity_last_cycle_Ah": discharge_capacity(cycles[-1]),
    }
    return {
        "discharge": discharge,
        "cycling": cycling,
        "rss_after_import_MB": rss_import,
        "peak_rss_MB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def run_worker(name):
    """Run ``measure`` in a fresh interpreter, so peak RSS is per model and run."""
    cmd = [sys.executable, __file__, "--worker", name]
    out = subprocess.run(cmd, capture_output=True, text=True)
    if out.returncode != 0:
        sys.stderr.write(out.stderr)
        raise RuntimeError(f"benchmark of {name!r} failed")
    result = json.loads(out.stdout.strip().splitlines()[-1])
    # solver failures inside an experiment are logged by PyBaMM, not raised
    errors = [line.split(" - ", 1)[-1] for line in out.stderr.splitlines() if "ERROR" in line]
    result["errors"] = sorted(set(errors))
    return result


def aggregate(runs):
    """Median timings over runs; the deterministic rest from the first run."""
    result = {"repeats": len(runs), "runs": runs, **runs[0]}
    for protocol in ("discharge", "cycling"):
        result[protocol] = dict(runs[0][protocol])
        for key in TIMINGS:
            result[protocol][key] = statistics.median(r[protocol][key] for r in runs)
    result["peak_rss_MB"] = statistics.median(r["peak_rss_MB"] for r in runs)
    result["errors"] = sorted({e for r in runs for e in r["errors"]})
    return result


TARGETS = {"full": 1.5, "quasi-steady": 1.0}  # alloy / Fickian solve time


def print_table(results):
    """Absolute numbers, ratios to the Fickian DFN and the target check."""
    d = lambda key, f="{}": lambda r: f.format(r["discharge"][key])  # noqa: E731
    c = lambda key, f="{}": lambda r: f.format(r["cycling"][key])  # noqa: E731
    rows = [
        ("states (total)", d("states")),
        (
            "  differential + algebraic",
            lambda r: "{differential}+{algebraic}".format(**r["discharge"]),
        ),
        ("Jacobian nnz", d("jacobian_nnz")),
        ("construct [s]", d("construct", "{:.3f}")),
        ("build, 1C experiment [s]", d("build", "{:.3f}")),
        ("build, cycling exp. [s]", c("build", "{:.3f}")),
        ("1C solve, first [s]", d("solve_first", "{:.3f}")),
        ("1C solve, warm [s]", d("solve_warm", "{:.3f}")),
        ("1C solver steps", d("steps")),
        ("1C capacity [A.h]", d("capacity_Ah", "{:.3f}")),
        ("cycling solve, first [s]", c("solve_first", "{:.2f}")),
        ("cycling solve, warm [s]", c("solve_warm", "{:.2f}")),
        ("cycling solver steps", c("steps")),
        ("cycles completed", c("cycles_completed", "{}/" + str(N_CYCLES))),
        ("cycling simulated [h]", c("simulated_h", "{:.1f}")),
        ("peak RSS [MB]", lambda r: f"{r['peak_rss_MB']:.0f}"),
    ]
    ratios = [
        (
            "construct + build, 1C",
            lambda r: r["discharge"]["construct"] + r["discharge"]["build"],
        ),
        ("1C solve, first", lambda r: r["discharge"]["solve_first"]),
        ("1C solve, warm", lambda r: r["discharge"]["solve_warm"]),
        ("cycling solve, first", lambda r: r["cycling"]["solve_first"]),
        ("cycling solve, warm", lambda r: r["cycling"]["solve_warm"]),
    ]
    w = 28
    print(
        f"{'median of ' + str(results['fickian']['repeats']) + ' repeats':{w}}"
        + "".join(f"{m:>14}" for m in MODELS)
    )
    for label, fmt in rows:
        print(f"{label:{w}}" + "".join(f"{fmt(results[m]):>14}" for m in MODELS))
    print("ratio to Fickian DFN")
    for label, get in ratios:
        cells = []
        for m in MODELS:
            ratio = f"{get(results[m]) / get(results['fickian']):.2f}"
            if "cycling" in label and not results[m]["cycling"]["complete"]:
                ratio += "*"
            cells.append(ratio)
        print(f"  {label:{w - 2}}" + "".join(f"{x:>14}" for x in cells))
    if any(not results[m]["cycling"]["complete"] for m in MODELS):
        print("  * cycling did not complete: ratio covers an incomplete run")
    for m, target in TARGETS.items():
        for kind in ("first", "warm"):
            key = f"solve_{kind}"
            ratio = results[m]["discharge"][key] / results["fickian"]["discharge"][key]
            verdict = "met" if ratio <= target else "NOT met"
            print(f"target {m} 1C solve ({kind}) <= {target}: {ratio:.2f} -> {verdict}")
    for m in MODELS:
        for error in results[m]["errors"]:
            print(f"{m}: {error}")


def _plain(obj):
    """JSON fallback for NumPy scalars."""
    return obj.item() if hasattr(obj, "item") else str(obj)


def cpu_model():
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor()


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--repeats",
        type=int,
        default=3,
        help="fresh processes per model; timings are their median (default 3)",
    )
    parser.add_argument("--worker", choices=MODELS, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(measure(args.worker), default=_plain))
        return

    import pybamm

    runs = {name: [] for name in MODELS}
    for repeat in range(args.repeats):  # interleaved, so drift hits all models alike
        for name in MODELS:
            print(
                f"repeat {repeat + 1}/{args.repeats}: {name}",
                file=sys.stderr,
                flush=True,
            )
            runs[name].append(run_worker(name))
    results = {name: aggregate(runs[name]) for name in MODELS}
    results["machine"] = {
        "nproc": os.cpu_count(),
        "cpu": cpu_model(),
        "python": platform.python_version(),
        "pybamm": pybamm.__version__,
        "repeats": args.repeats,
        "warm_calls": WARM_CALLS,
    }
    print_table(results)
    RESULTS.write_text(json.dumps(results, indent=2, default=_plain))
    print(f"wrote {RESULTS}")


if __name__ == "__main__":
    main()
