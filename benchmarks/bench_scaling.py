"""Solver steps and accuracy of the alloy DFN's tolerance scaling (issue 19 A-C).

For each couple (LiSi_NMC811, LiGe_NMC811, NaSn_NVPF) and each alloy particle variant
(full, quasi-steady), on default meshes and IDAKLU defaults:

* a 1C discharge from ``initial_soc=1`` to the set's lower cut-off, against a fine
  reference of the same model (IDAKLU rtol 1e-7, atol 1e-9, 80 shell cells): the largest
  voltage difference over the first 95 % of the reference discharge time [mV] and the
  relative difference of the delivered capacity;
* the solver steps of that discharge, of a 1C charge from ``initial_soc=0`` and of two
  CC-CV cycles (1C charge, hold to C/20, 1C discharge) from ``initial_soc=0``.

Step counts are exact, so they do not depend on the load of the machine; no times are
recorded. Run by hand from the repository root, once per version of the code to compare:

    .venv/bin/python benchmarks/bench_scaling.py --out before.json
"""

import argparse
import json
import sys

import numpy as np
import pybamm

import pybamm_alloying

COUPLES = ("LiSi_NMC811", "LiGe_NMC811", "NaSn_NVPF")
VARIANTS = ("full", "quasi-steady")
FINE = {"rtol": 1e-7, "atol": 1e-9}
FINE_SHELL_CELLS = 80


def simulate(couple, variant, steps, soc, fine=False):
    """Solve one experiment; return the solution (None and the error on failure)."""
    model = pybamm_alloying.DFN({"alloy particle": variant})
    values = pybamm.ParameterValues(couple)
    cut = {
        "lower": values["Lower voltage cut-off [V]"],
        "upper": values["Upper voltage cut-off [V]"],
    }
    var_pts = model.default_var_pts
    if fine:
        for coordinate in var_pts:
            if str(coordinate).startswith("xi_"):
                var_pts[coordinate] = FINE_SHELL_CELLS
    solver = pybamm.IDAKLUSolver(**FINE) if fine else pybamm.IDAKLUSolver()
    experiment = pybamm.Experiment(
        [
            tuple(part.format(**cut) for part in step)
            if isinstance(step, tuple)
            else step.format(**cut)
            for step in steps
        ]
    )
    sim = pybamm.Simulation(
        model, parameter_values=values, experiment=experiment, var_pts=var_pts, solver=solver
    )
    try:
        return sim.solve(initial_soc=soc), None
    except pybamm.SolverError as error:
        return None, str(error)


def steps_of(solution):
    return int(solution.solver_statistics.number_of_steps)


def discharge_error(solution, reference):
    """Largest |V - V_ref| [mV] over the first 95 % of the reference's discharge time, and
    the relative difference of the delivered capacity."""
    t_ref = reference["Time [s]"].entries
    t_ref = t_ref - t_ref[0]
    t = solution["Time [s]"].entries
    t = t - t[0]
    window = t_ref <= 0.95 * t_ref[-1]
    v = np.interp(t_ref[window], t, solution["Voltage [V]"].entries)
    dv = np.max(np.abs(v - reference["Voltage [V]"].entries[window])) * 1e3

    def capacity(sol):
        q = sol["Discharge capacity [A.h]"].entries
        return q[-1] - q[0]

    return float(dv), float(capacity(solution) / capacity(reference) - 1)


def measure(couple, variant):
    discharge = ["Discharge at 1C until {lower} V"]
    charge = ["Charge at 1C until {upper} V"]
    cycle = [
        (
            "Charge at 1C until {upper} V",
            "Hold at {upper} V until C/20",
            "Discharge at 1C until {lower} V",
        )
    ] * 2
    row = {}
    sol, err = simulate(couple, variant, discharge, 1.0)
    ref, ref_err = simulate(couple, variant, discharge, 1.0, fine=True)
    row["discharge_steps"] = steps_of(sol) if sol else err
    if sol and ref:
        row["dV_mV"], row["dQ_rel"] = discharge_error(sol, ref)
    row["reference"] = steps_of(ref) if ref else ref_err
    for name, steps in (("charge_steps", charge), ("cccv_steps", cycle)):
        sol, err = simulate(couple, variant, steps, 0.0)
        row[name] = steps_of(sol) if sol else err
        if sol and name == "cccv_steps":
            row["cccv_complete"] = len(sol.cycles) == 2 and len(sol.cycles[-1].steps) == 3
    return row


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="benchmarks/scaling.json")
    parser.add_argument("--couples", nargs="*", default=list(COUPLES))
    parser.add_argument("--variants", nargs="*", default=list(VARIANTS))
    args = parser.parse_args()
    results = {}
    for couple in args.couples:
        for variant in args.variants:
            row = measure(couple, variant)
            results[f"{couple} {variant}"] = row
            print(couple, variant, row, flush=True)
    with open(args.out, "w") as f:
        json.dump(results, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
