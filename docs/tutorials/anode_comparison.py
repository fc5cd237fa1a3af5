"""Tutorial: comparing Si and Ge anodes, their rate limit and what limits it.

Puts Li-Si and Li-Ge in the same cell design against NMC811
(:func:`pybamm_alloying.studies.anode_comparison.compare_anodes`: stack Wh/kg and Wh/L, swelling,
C/10 and 1C capacity), then searches the C-rate at which anode lithiation still delivers
80 % of its C/20 capacity, and the largest loss of its voltage budget there
(:func:`pybamm_alloying.studies.rate_limit.rate_limit_table`), in half cells of 10 um
particles, where the anode and not the cell limits. Both studies
share one process pool. Writes ``discharge_curves.png``, ``ragone.png``,
``energy_swelling.png`` and ``rate_capability.png``. About 30 s on two cores.

    python docs/tutorials/anode_comparison.py [OUT]     (default: results/tutorials/anode_comparison)

The full study, all five lithium anodes with their full-cell rate limits:
``pybamm-alloying compare``; rate limits of every couple: ``pybamm-alloying rate-limit``.
"""

import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pandas as pd

from pybamm_alloying.plotting import (
    plot_discharge_curves,
    plot_energy_and_swelling,
    plot_ragone,
    plot_rate_capability,
    save_figure,
)
from pybamm_alloying.studies.anode_comparison import compare_anodes
from pybamm_alloying.studies.rate_limit import rate_limit_table

COUPLES = ["LiSi_NMC811", "LiGe_NMC811"]
#: Particle radius of the rate search [m]: large enough that the anode limits.
MICRON_RADIUS = 5e-6

SUMMARY = [
    "parameter set",
    "specific energy [W.h.kg-1]",
    "charged energy density [W.h.L-1]",
    "cell thickness swelling",
    "nominal capacity [A.h]",
    "C/10 discharge capacity [A.h]",
    "1C discharge capacity [A.h]",
]


def studies(executor) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The design comparison (default particle sizes, full cells) and the rate limits
    (10 um particles, half cells), each couple a case on ``executor``."""
    design = compare_anodes(COUPLES, executor=executor, rate_limit=False)
    limits = rate_limit_table(COUPLES, MICRON_RADIUS, executor=executor, cell="half")
    return design, limits


def run(out: Path) -> dict:
    """The whole tutorial: both studies on two worker processes, four figures."""
    out.mkdir(parents=True, exist_ok=True)
    with ProcessPoolExecutor(max_workers=2) as pool:
        design, limits = studies(pool)
    save_figure(plot_discharge_curves(design), out / "discharge_curves.png")
    save_figure(plot_ragone(design), out / "ragone.png")
    save_figure(plot_energy_and_swelling(design), out / "energy_swelling.png")
    save_figure(plot_rate_capability(limits), out / "rate_capability.png")
    print(design[SUMMARY].to_string(index=False, float_format="{:.4g}".format))
    print(limits.drop(columns="trials").to_string(index=False, float_format="{:.4g}".format))
    return {"design": design, "rate limits": limits}


if __name__ == "__main__":
    result = run(Path(sys.argv[1] if len(sys.argv) > 1 else "results/tutorials/anode_comparison"))
