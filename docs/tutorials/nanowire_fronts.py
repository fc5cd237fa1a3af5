"""Tutorial: interface- and diffusion-controlled fronts in Si and Ge nanowires.

Holds an empty Si and an empty Ge nanowire at 50 mV vs Li with
:class:`pybamm_alloying.ParticleLithiation`, fits the front's rate law L ~ t^n, compares
it with a film of the same half-thickness and with the regime read off the parameters,
and sweeps the Si wire radius through the ICR -> DCR crossover. Writes ``fronts.png`` and
``size_sweep.png``. About 5 s.

    python docs/tutorials/nanowire_fronts.py [OUT]      (default: results/tutorials/nanowire_fronts)

The full study of one particle is ``pybamm-alloying lithiate --geometry cylindrical``;
all couples and the size sweep: ``pybamm-alloying regime``.
"""

import sys
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pybamm

import pybamm_alloying as pa
from pybamm_alloying.plotting import plot_size_sweep, save_figure
from pybamm_alloying.regime import RegimeEstimate, regime_from_parameters, size_sweep

COUPLES = ("LiSi_NMC811", "LiGe_NMC811")
POTENTIAL = 0.05  # V vs Li: below both two-phase potentials (0.144 V Si, 0.38 V Ge)


def hold(name: str, geometry: str) -> tuple[pd.DataFrame, pa.RateLaw, RegimeEstimate]:
    """Hold an empty particle of ``name`` at POTENTIAL: its front, the rate law fitted to
    it, and what the parameters predict (Da, regime, conversion time)."""
    values = pybamm.ParameterValues(name)
    c_ext = pa.surface_concentration(values, POTENTIAL)
    values.update(
        {
            "Particle surface concentration [mol.m-3]": c_ext,
            "Initial concentration in negative electrode [mol.m-3]": values[
                "Negative electrode core concentration [mol.m-3]"
            ],
        },
        check_already_exists=False,
    )
    estimate = regime_from_parameters(
        values, geometry=geometry, surface_concentration=c_ext, sei=False
    )
    t = np.linspace(0, 2 * estimate.total_time, 500)
    model = pa.ParticleLithiation({"alloy geometry": geometry})
    solution = pybamm.Simulation(model, parameter_values=values).solve(t[[0, -1]], t_interp=t)
    front = pd.DataFrame(
        {
            "Time [s]": solution.t,
            "Shell thickness [m]": solution["Negative shell thickness [m]"].entries.ravel(),
        }
    )
    return front, pa.fit_rate_law(front["Time [s]"], front["Shell thickness [m]"]), estimate


def rate_laws() -> tuple[pd.DataFrame, dict[str, pd.DataFrame]]:
    """Fitted exponent and regime of each couple as a nanowire and as a film, beside the
    regime the parameters predict; and the nanowires' fronts."""
    rows, fronts = [], {}
    for name in COUPLES:
        for geometry in ("cylindrical", "planar"):
            front, fit, estimate = hold(name, geometry)
            rows.append(
                {
                    "couple": name,
                    "geometry": geometry,
                    "radius [m]": estimate.radius,
                    "Da": estimate.damkohler,
                    "fitted n": fit.n,
                    "fitted regime": fit.regime,
                    "regime from parameters": estimate.regime,
                }
            )
            if geometry == "cylindrical":
                fronts[name] = front
    return pd.DataFrame(rows), fronts


def plot_fronts(fronts: dict[str, pd.DataFrame]) -> plt.Figure:
    """Lithiated-layer growth against time, log-log, each wire scaled by its full growth
    and the time it takes (to 99 %), with the slopes of L ~ t and L ~ t^1/2."""
    fig, ax = plt.subplots(figsize=(6, 4.5))
    for name, front in fronts.items():
        growth = front["Shell thickness [m]"] - front["Shell thickness [m]"].iloc[0]
        growth = growth / growth.max()
        t = front["Time [s]"] / front["Time [s]"][growth >= 0.99].iloc[0]
        ax.loglog(t[1:], growth[1:], label=f"{name.split('_')[0]} nanowire")
    guide = np.logspace(-3, 0, 10)
    ax.loglog(guide, guide, "k--", lw=1, label="L ~ t (ICR)")
    ax.loglog(guide, guide**0.5, "k:", lw=1, label="L ~ t^1/2 (DCR)")
    ax.set(
        xlabel="t / time to full conversion",
        ylabel="(L - L0) / (R - L0)",
        xlim=(1e-3, 2),
        ylim=(1e-3, 1.5),
    )
    ax.legend(loc="lower right", fontsize="small")
    fig.tight_layout()
    return fig


def run(out: Path) -> dict:
    """The whole tutorial: rate laws, the Si size sweep, and both figures in ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    table, fronts = rate_laws()
    radii = np.logspace(-8, -3, 16)  # 10 nm to 1 mm
    sweep = size_sweep(pybamm.ParameterValues("LiSi_NMC811"), radii, "cylindrical", sei=False)
    save_figure(plot_fronts(fronts), out / "fronts.png")
    save_figure(plot_size_sweep(sweep, "Li-Si nanowire"), out / "size_sweep.png")
    print(table.to_string(index=False, float_format="{:.3g}".format))
    return {"rate laws": table, "size sweep": sweep}


if __name__ == "__main__":
    result = run(Path(sys.argv[1] if len(sys.argv) > 1 else "results/tutorials/nanowire_fronts"))
