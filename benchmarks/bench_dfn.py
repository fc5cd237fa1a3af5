"""Benchmark the shrinking-core alloy DFN against PyBaMM's Fickian DFN (issue 19).

For each couple (``LiSi_NMC811``, ``LiGe_NMC811``, ``NaSn_NVPF``) compares, on the same
parameter values, mesh (PyBaMM's default x_n, x_s, x_p, r_n, r_p = 20; the alloy models
add their 20-point shell mesh) and solver (``pybamm.IDAKLUSolver()``, default
tolerances):

* ``fickian``:      ``pybamm.lithium_ion.DFN()``
* ``full``:         ``pybamm_alloying.DFN({"alloy particle": "full"})``
* ``quasi-steady``: ``pybamm_alloying.DFN({"alloy particle": "quasi-steady"})``
* ``stress`` (only with ``--models``): ``pybamm_alloying.DFN({"alloy stress":
  "plastic"})`` with its default solver, ``pybamm.IDAKLUSolver(rtol=1e-6)``

Three protocols between the set's own cut-offs: a 1C discharge from ``initial_soc=1``,
a 1C charge from ``initial_soc=0`` (PyBaMM's electrode-SOH initial state of each model,
``build_for_experiment(initial_soc=...)``), and 10 CC-CV cycles (1C charge, hold to C/20,
rests of 10 min, 1C discharge) from the parameter set's initial state. For each it times:

* construct: ``Model(...)``;
* build: ``pybamm.Simulation(...)`` + ``build_for_experiment()`` (parameters and
  discretisation, no solve);
* solve, first: the first ``sim.solve()``, which includes the solver set-up
  (CasADi functions, Jacobian sparsity, IDAKLU object);
* solve, warm: later ``sim.solve()`` calls on the same simulation (integration
  and experiment bookkeeping only; median of ``WARM_CALLS``);

and records IDA's steps (exact: they do not depend on the machine's load), the
capacity, the cycles completed, and a solver error (a first step that fails raises,
later ones PyBaMM logs). Each (couple, model) runs in a fresh process (peak RSS is that
process's), models interleaved; timings are the median over ``--repeats``.

Run by hand (not a test), on an otherwise idle machine, from the repository root:

    .venv/bin/python benchmarks/bench_dfn.py [--repeats 1] [--couples ...] [--models ...]

Prints one table per couple with the ratios to PyBaMM's DFN measured in the same run and
the issue-19 targets, and writes ``benchmarks/results.json``.
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
DEFAULT_MODELS = ("fickian", "full", "quasi-steady")
COUPLES = ("LiSi_NMC811", "LiGe_NMC811", "NaSn_NVPF")
# {lower} / {upper}: the set's own voltage cut-offs, filled in run_protocol
CYCLE = (
    "Charge at 1C until {upper} V",
    "Hold at {upper} V until C/20",
    "Rest for 10 minutes",
    "Discharge at 1C until {lower} V",
    "Rest for 10 minutes",
)
N_CYCLES = 10
#: protocol -> (experiment steps, initial_soc; None: the set's own initial state)
PROTOCOLS = {
    "discharge": (["Discharge at 1C until {lower} V"], 1.0),
    "charge": (["Charge at 1C until {upper} V"], 0.0),
    "cycling": ([CYCLE] * N_CYCLES, None),
}
RESULTS = Path(__file__).with_name("results.json")
WARM_CALLS = 3  # warm solve = median of this many repeated calls
TIMINGS = ("construct", "build", "solve_first", "solve_warm")
#: issue 19: alloy / Fickian solve time (first and warm), and steps, on every protocol
TARGETS = {"full": 1.5, "quasi-steady": 1.0}
STEP_TARGET = 1.5


def make_model(name):
    import pybamm

    import pybamm_alloying

    if name == "fickian":
        return pybamm.lithium_ion.DFN()
    if name == "stress":
        return pybamm_alloying.DFN({"alloy stress": "plastic"})
    return pybamm_alloying.DFN({"alloy particle": name})


def format_steps(steps, values):
    cut_offs = {
        "lower": values["Lower voltage cut-off [V]"],
        "upper": values["Upper voltage cut-off [V]"],
    }
    return [
        tuple(part.format(**cut_offs) for part in step)
        if isinstance(step, tuple)
        else step.format(**cut_offs)
        for step in steps
    ]


def run_protocol(name, couple, protocol):
    """Construct, build and solve one model; return timings, simulation and solution."""
    import pybamm

    steps, soc = PROTOCOLS[protocol]
    t0 = time.perf_counter()
    model = make_model(name)
    t1 = time.perf_counter()
    values = pybamm.ParameterValues(couple)
    sim = pybamm.Simulation(
        model,
        parameter_values=values,
        experiment=pybamm.Experiment(format_steps(steps, values)),
        solver=model.default_solver if name == "stress" else pybamm.IDAKLUSolver(),
    )
    sim.build_for_experiment(initial_soc=soc)
    t2 = time.perf_counter()
    solution = sim.solve()
    t3 = time.perf_counter()
    first_steps = solver_stats(solution)["steps"]
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
        "steps_first": first_steps,
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
    return float(abs(q[-1] - q[0]))


def discharge_capacity(cycle):
    """The capacity of a cycle's discharge step (step 4 of ``CYCLE``), None if it did not run."""
    return step_capacity(cycle.steps[3]) if len(cycle.steps) > 3 else None


def measure_protocol(name, couple, protocol):
    """Timings and statistics of one protocol; ``error`` if its first step fails."""
    import pybamm

    try:
        times, sim, sol = run_protocol(name, couple, protocol)
    except pybamm.SolverError as error:
        return {"error": str(error).splitlines()[0], "complete": False}
    result = {**times, **problem_size(sim), **solver_stats(sol), "termination": sol.termination}
    if protocol != "cycling":
        return {**result, "capacity_Ah": step_capacity(sol), "complete": True}
    cycles = sol.cycles
    complete = len(cycles) == N_CYCLES and all(len(c.steps) == len(CYCLE) for c in cycles)
    return {
        **result,
        "cycles_completed": len(cycles),
        "complete": complete,
        # None where the cycle stopped before its discharge (the stressed Li-Si cell's 1C
        # charge ends at the 0 V event, docs/plating.md)
        "discharge_capacity_first_cycle_Ah": discharge_capacity(cycles[0]),
        "discharge_capacity_last_cycle_Ah": discharge_capacity(cycles[-1]),
        "capacity_Ah": discharge_capacity(cycles[-1]),
    }


def measure(name, couple):
    """One repeat of every protocol of one model on one couple (in a fresh process)."""
    import pybamm  # noqa: F401

    import pybamm_alloying  # noqa: F401

    rss_import = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = {protocol: measure_protocol(name, couple, protocol) for protocol in PROTOCOLS}
    return {
        **result,
        "rss_after_import_MB": rss_import,
        "peak_rss_MB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def run_worker(name, couple):
    """Run ``measure`` in a fresh interpreter, so peak RSS is per model and run."""
    cmd = [sys.executable, __file__, "--worker", name, couple]
    out = subprocess.run(cmd, capture_output=True, text=True)
    if out.returncode != 0:
        sys.stderr.write(out.stderr)
        raise RuntimeError(f"benchmark of {name!r} on {couple} failed")
    result = json.loads(out.stdout.strip().splitlines()[-1])
    # solver failures inside an experiment are logged by PyBaMM, not raised
    errors = [line.split(" - ", 1)[-1] for line in out.stderr.splitlines() if "ERROR" in line]
    result["errors"] = sorted(set(errors))
    return result


def aggregate(runs):
    """Median timings over runs; the deterministic rest from the first run."""
    result = {"repeats": len(runs), "runs": runs, **runs[0]}
    for protocol in PROTOCOLS:
        result[protocol] = dict(runs[0][protocol])
        if "error" in result[protocol]:
            continue
        for key in TIMINGS:
            result[protocol][key] = statistics.median(r[protocol][key] for r in runs)
    result["peak_rss_MB"] = statistics.median(r["peak_rss_MB"] for r in runs)
    result["errors"] = sorted({e for r in runs for e in r["errors"]})
    return result


ROWS = (
    ("states (differential+algebraic)", "discharge", "size"),
    ("Jacobian nnz", "discharge", "jacobian_nnz"),
    ("construct + build, 1C discharge [s]", "discharge", "setup"),
    *(
        (f"{label}: {what}", protocol, key)
        for protocol, label in (
            ("discharge", "1C discharge"),
            ("charge", "1C charge"),
            ("cycling", "10 CC-CV cycles"),
        )
        for what, key in (
            ("solve, first [s]", "solve_first"),
            ("solve, warm [s]", "solve_warm"),
            ("IDA steps", "steps"),
            ("capacity [A.h]", "capacity_Ah"),
        )
    ),
    ("cycles completed", "cycling", "cycles_completed"),
)


def cell(result, protocol, key):
    """One table entry (text) of one model's result."""
    entry = result[protocol]
    if "error" in entry:
        return "fails" if key not in ("setup", "size", "jacobian_nnz") else "-"
    if key == "size":
        return "{states} ({differential}+{algebraic})".format(**entry)
    if key == "setup":
        return f"{entry['construct'] + entry['build']:.3f}"
    value = entry.get(key)
    if value is None:
        return "-"
    if key == "capacity_Ah":
        return f"{value:.4g}"
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def ratio(results, model, protocol, key):
    """model / Fickian of one timing or step count, None where either failed."""
    mine, fickian = results[model][protocol], results["fickian"][protocol]
    if "error" in mine or "error" in fickian:
        return None
    return mine[key] / fickian[key]


def print_couple(couple, results, models):
    """Absolute numbers, ratios to the Fickian DFN and the issue-19 targets."""
    w = 38
    print(f"\n{couple} (median of {results['fickian']['repeats']} repeats)")
    print(f"{'':{w}}" + "".join(f"{m:>18}" for m in models))
    for label, protocol, key in ROWS:
        print(f"{label:{w}}" + "".join(f"{cell(results[m], protocol, key):>18}" for m in models))
    print(f"{'peak RSS [MB]':{w}}" + "".join(f"{results[m]['peak_rss_MB']:>18.0f}" for m in models))
    print("ratio to Fickian DFN (target)")
    for protocol in PROTOCOLS:
        for key in ("solve_first", "solve_warm", "steps"):
            cells = []
            for m in models:
                r = ratio(results, m, protocol, key)
                target = STEP_TARGET if key == "steps" else TARGETS.get(m)
                text = "fails" if r is None else f"{r:.2f}"
                if r is not None and target is not None:
                    text += " ok" if r <= target else " NOT"
                if not results[m][protocol].get("complete", False) and r is not None:
                    text += "*"
                cells.append(text)
            print(f"  {protocol + ' ' + key:{w - 2}}" + "".join(f"{x:>18}" for x in cells))
    print("  targets: solve full <= 1.5, quasi-steady <= 1.0; steps <= 1.5 (ok / NOT)")
    if any(not results[m][p].get("complete", False) for m in models for p in PROTOCOLS):
        print("  * the run did not complete: the ratio covers an incomplete run")
    for m in models:
        for protocol in PROTOCOLS:
            if "error" in results[m][protocol]:
                print(f"  {m} {protocol}: {results[m][protocol]['error']}")
        for error in results[m]["errors"]:
            print(f"  {m}: {error}")


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
        default=1,
        help="fresh processes per model; timings are their median (default 1)",
    )
    parser.add_argument("--couples", nargs="+", default=list(COUPLES))
    parser.add_argument("--models", nargs="+", choices=MODELS, default=list(DEFAULT_MODELS))
    parser.add_argument("--worker", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(measure(*args.worker), default=_plain))
        return
    models = ["fickian", *(m for m in args.models if m != "fickian")]

    import pybamm

    started = time.perf_counter()
    results = {}
    for couple in args.couples:
        runs = {name: [] for name in models}
        for repeat in range(args.repeats):  # interleaved, so drift hits all models alike
            for name in models:
                print(f"{couple} repeat {repeat + 1}/{args.repeats}: {name}", file=sys.stderr)
                runs[name].append(run_worker(name, couple))
        results[couple] = {name: aggregate(runs[name]) for name in models}
        print_couple(couple, results[couple], models)
    results["machine"] = {
        "nproc": os.cpu_count(),
        "cpu": cpu_model(),
        "python": platform.python_version(),
        "pybamm": pybamm.__version__,
        "repeats": args.repeats,
        "warm_calls": WARM_CALLS,
        "load_average_at_end": os.getloadavg(),
        "wall_time_s": time.perf_counter() - started,
    }
    RESULTS.write_text(json.dumps(results, indent=2, default=_plain))
    print(f"wrote {RESULTS}")


if __name__ == "__main__":
    main()
