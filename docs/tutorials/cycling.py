"""Tutorial: cycling a Li-Si || NMC811 full cell.

Three CC-CV cycles at 1C with :func:`pybamm_alloying.studies.run_cycling`, the per-cycle
summary (capacity, coulombic efficiency, front depth, swelling), and one look into
PyBaMM's solution: how deep the front has moved into the Si particles across the
electrode at the end of the first charge. Writes ``voltage.png``, ``voltage_capacity.png``,
``capacity.png`` and ``front_across_electrode.png``. About 10 s.

    python docs/tutorials/cycling.py [OUT]              (default: results/tutorials/cycling)

The same from the command line, with every protocol and option:
``pybamm-alloying cycle --parameter-set LiSi_NMC811 --protocol cccv --cycles 3 --rate 1C``.
"""

import sys
from pathlib import Path

import matplotlib.pyplot as plt
import pybamm

from pybamm_alloying.plotting import (
    plot_capacity_per_cycle,
    plot_cycling,
    plot_voltage_capacity,
    save_figure,
)
from pybamm_alloying.studies import CyclingResult, run_cycling


def front_at_end_of_first_charge(result: CyclingResult) -> tuple:
    """(x [m], shell thickness [m]) across the negative electrode when the first CV hold
    ends: PyBaMM's own variable, read from the solution."""
    hold = result.solution.cycles[0].steps[1]
    x = hold["x_n [m]"].entries[:, -1]
    return x, hold["Negative shell thickness [m]"].entries[:, -1]


def plot_front_across_electrode(x, depth) -> plt.Figure:
    """Front depth against position, from the current collector to the separator."""
    fig, ax = plt.subplots(figsize=(6, 4))
    ax.plot(1e6 * x, 1e9 * depth, "o-")
    ax.set(
        xlabel="x [um] (0: negative current collector)",
        ylabel="front depth (shell thickness) [nm]",
        title="end of the first charge (CV hold)",
    )
    fig.tight_layout()
    return fig


def run(out: Path) -> dict:
    """The whole tutorial: cycle, summarise, plot."""
    out.mkdir(parents=True, exist_ok=True)
    result = run_cycling(
        "LiSi_NMC811",
        "cccv",
        cycles=3,
        rate="1C",
        output_variables=["x_n [m]", "Negative shell thickness [m]"],
    )
    x, depth = front_at_end_of_first_charge(result)
    save_figure(plot_cycling(result.timeseries), out / "voltage.png")
    save_figure(plot_voltage_capacity(result.timeseries), out / "voltage_capacity.png")
    save_figure(plot_capacity_per_cycle(result.cycles), out / "capacity.png")
    save_figure(plot_front_across_electrode(x, depth), out / "front_across_electrode.png")
    nominal = pybamm.ParameterValues("LiSi_NMC811")["Nominal cell capacity [A.h]"]
    print(f"nominal capacity {nominal:.3f} A.h")
    print(result.cycles.to_string(index=False, float_format="{:.4g}".format))
    return {"result": result, "nominal capacity [A.h]": nominal, "front": (x, depth)}


if __name__ == "__main__":
    result = run(Path(sys.argv[1] if len(sys.argv) > 1 else "results/tutorials/cycling"))
