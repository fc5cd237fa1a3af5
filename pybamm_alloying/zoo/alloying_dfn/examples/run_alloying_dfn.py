"""One C/2 charge and 1C discharge of the Li-Si || NMC811 full cell from the model zoo."""

import pybamm
import pybamm_model_zoo as zoo


def main() -> pybamm.Solution:
    """Solve one cycle and print the discharge capacity against the nominal one."""
    model = zoo.load("AlloyingDFN")()
    parameter_values = pybamm.ParameterValues("LiSi_NMC811")
    high = parameter_values["Upper voltage cut-off [V]"]
    low = parameter_values["Lower voltage cut-off [V]"]
    experiment = pybamm.Experiment(
        [f"Charge at C/2 until {high} V", f"Discharge at 1C until {low} V"]
    )
    solution = pybamm.Simulation(
        model, parameter_values=parameter_values, experiment=experiment
    ).solve()
    capacity = solution.cycles[-1]["Discharge capacity [A.h]"].entries
    print(
        f"1C discharge: {capacity[-1] - capacity[0]:.3f} A.h of "
        f"{parameter_values['Nominal cell capacity [A.h]']:.3f} A.h nominal"
    )
    return solution


if __name__ == "__main__":
    main()
