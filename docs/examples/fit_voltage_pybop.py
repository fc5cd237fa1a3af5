"""The fit of fit_voltage.py with PyBOP (optional: ``pip install "pybamm-alloying[fit]"``).

PyBOP 26.3 drives the same DFN and experiment: the three parameters become
``pybop.Parameter`` entries of the parameter values (log-transformed, bounded to a factor
10 about the start), the cost is the sum of squared voltage errors against the synthetic
curve, and SciPy's Nelder-Mead searches (measured: 161 solves, ~50 s; recovered
within 2 %). Run:

    python docs/examples/fit_voltage_pybop.py
"""

import numpy as np
import pybamm
import pybop

import pybamm_alloying as pa

N = "Negative electrode "
TRUTH = {
    "Negative particle diffusivity [m2.s-1]": 4e-18,
    N + "interface rate constant [m.s-1]": 1.5e-10,
    N + "SEI carrier diffusivity [m2.s-1]": 7.5e-19,
}
START = dict(zip(TRUTH, (2.0, 0.5, 1.7)))  # start factors off the truth
GITT = pybamm.Experiment(
    ["Charge at C/3 for 6 minutes or until 4.2 V", "Rest for 20 minutes"] * 4, period="10 seconds"
)


def synthetic_dataset(model, values) -> pybop.Dataset:
    """The model's own GITT curve with 0.5 mV of Gaussian noise."""
    truth = values.copy()
    truth.update(TRUTH)
    solution = pybamm.Simulation(model, parameter_values=truth, experiment=GITT).solve(
        initial_soc=0.3
    )
    noise = 5e-4 * np.random.default_rng(0).standard_normal(solution.t.size)
    return pybop.Dataset(
        {
            "Time [s]": solution.t,
            "Current function [A]": solution["Current [A]"].entries,
            "Voltage [V]": solution["Voltage [V]"].entries + noise,
        }
    )


def main():
    model = pa.DFN({"alloy SEI transport": "film"})
    values = pybamm.ParameterValues("LiSi_NMC811")
    dataset = synthetic_dataset(model, values)
    for name, true in TRUTH.items():
        values[name] = pybop.Parameter(
            initial_value=true * START[name],
            bounds=[true * START[name] / 10, true * START[name] * 10],
            transformation=pybop.LogTransformation(),
        )
    simulator = pybop.pybamm.Simulator(
        model, parameter_values=values, protocol=GITT, initial_state={"Initial SoC": 0.3}
    )
    problem = pybop.Problem(simulator, pybop.SumSquaredError(dataset, target="Voltage [V]"))
    options = pybop.SciPyMinimizeOptions(method="Nelder-Mead", maxiter=300)
    result = pybop.SciPyMinimize(problem, options).run()
    for name, value in zip(problem.parameters.keys(), result.x):
        print(f"{name}: fitted {value:.4g}, true {TRUTH[name]:.4g}")
    return result


if __name__ == "__main__":
    main()
