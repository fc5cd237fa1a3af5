"""Tutorial: self-limiting lithiation of Si particles against Ge, by particle size.

Holds Si particles of 40-200 nm and Ge particles of 160 and 620 nm at 0 V vs Li with
interface stress (:func:`pybamm_alloying.studies.self_limiting_lithiation`), follows one
Si hold in time with and without stress, and reads the arrest of Si spheres and nanowires
off the closed form for held potentials up to the two-phase potential. Writes
``arrest.png`` and ``hold.png``.
About 10 s.

    python docs/tutorials/self_limiting.py [OUT]        (default: results/tutorials/self_limiting)

The same study in a full cell: ``pybamm-alloying cycle --stress plastic``.
"""

import sys
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pybamm

import pybamm_alloying as pa
from pybamm_alloying.plotting import save_figure
from pybamm_alloying.regime import conversion_time
from pybamm_alloying.studies import arrest_fraction, self_limiting_lithiation

#: Diameters [m] of the in-situ TEM observations (model.md section 1).
DIAMETERS = {
    "LiSi_NMC811": [40e-9, 60e-9, 100e-9, 150e-9, 200e-9],
    "LiGe_NMC811": [160e-9, 620e-9],
}


def arrest_by_size() -> pd.DataFrame:
    """Where each particle's front stops at 0 V: one row per couple and diameter."""
    return pd.concat(
        [
            self_limiting_lithiation(pybamm.ParameterValues(name), diameters).assign(couple=name)
            for name, diameters in DIAMETERS.items()
        ],
        ignore_index=True,
    )


def hold_history(name: str, diameter: float, stress: str) -> pd.DataFrame:
    """Lithiated fraction against time of one spherical particle held at 0 V."""
    values = pybamm.ParameterValues(name)
    c_ext = pa.surface_concentration(values, 0.0)
    values.update(
        {
            "Negative particle radius [m]": diameter / 2,
            "Particle surface concentration [mol.m-3]": c_ext,
        },
        check_already_exists=False,
    )
    t_convert = sum(conversion_time(values, 1.0, c_ext, sei=False))
    t = np.concatenate([[0], np.logspace(-3, 5, 400) * t_convert])
    model = pa.ParticleLithiation({"alloy stress": stress, "alloy geometry": "spherical"})
    solution = pybamm.Simulation(model, parameter_values=values).solve(t[[0, -1]], t_interp=t)
    return pd.DataFrame(
        {
            "t / conversion time": solution.t / t_convert,
            "lithiated fraction": solution["Negative lithiated fraction"].entries.ravel(),
        }
    )


def arrest_by_potential(potentials) -> pd.DataFrame:
    """Closed-form arrest fraction of Si spheres and nanowires held at each potential [V]."""
    values = pybamm.ParameterValues("LiSi_NMC811")
    return pd.DataFrame(
        {
            "potential [V]": potentials,
            **{
                geometry: [arrest_fraction(values, float(v), geometry) for v in potentials]
                for geometry in ("spherical", "cylindrical")
            },
        }
    )


def plot_arrest(table: pd.DataFrame) -> plt.Figure:
    """Arrest fraction (model and closed form) and penetration depth against diameter."""
    fig, (ax_f, ax_d) = plt.subplots(1, 2, figsize=(10, 4))
    for name, rows in table.groupby("couple"):
        d = 1e9 * rows["diameter [m]"]
        line = ax_f.plot(d, rows["arrest fraction"], "o", label=f"{name.split('_')[0]}: model")[0]
        ax_f.plot(
            d,
            rows["closed-form arrest fraction"],
            "--",
            color=line.get_color(),
            label="closed form",
        )
        ax_d.plot(d, 1e9 * rows["penetration depth [m]"], "o-", label=name.split("_")[0])
    ax_f.set(xlabel="diameter [nm]", ylabel="lithiated fraction at arrest", ylim=(0, 1.05))
    ax_d.set(xlabel="diameter [nm]", ylabel="penetration depth at arrest [nm]")
    ax_f.legend(fontsize="small")
    ax_d.legend(fontsize="small")
    fig.tight_layout()
    return fig


def plot_hold(histories: dict[str, pd.DataFrame], potentials: pd.DataFrame) -> plt.Figure:
    """Left: lithiated fraction during the 0 V holds. Right: Si arrest against potential."""
    fig, (ax_t, ax_v) = plt.subplots(1, 2, figsize=(10, 4))
    for label, history in histories.items():
        t, fraction = history["t / conversion time"], history["lithiated fraction"]
        ax_t.semilogx(t[1:], fraction[1:], label=label)
    ax_t.set(xlabel="t / unstressed conversion time", ylabel="lithiated fraction", ylim=(0, 1.05))
    ax_t.legend(fontsize="small")
    for geometry in ("spherical", "cylindrical"):
        ax_v.plot(1e3 * potentials["potential [V]"], potentials[geometry], label=geometry)
    ax_v.set(
        xlabel="held potential [mV vs Li]",
        ylabel="Si arrest fraction (closed form)",
        ylim=(0, 1.05),
    )
    ax_v.legend(fontsize="small")
    fig.tight_layout()
    return fig


def run(out: Path) -> dict:
    """The whole tutorial: arrest by size, two holds in time, arrest by potential."""
    out.mkdir(parents=True, exist_ok=True)
    table = arrest_by_size()
    histories = {
        "Si 150 nm, stress": hold_history("LiSi_NMC811", 150e-9, "plastic"),
        "Si 150 nm, no stress": hold_history("LiSi_NMC811", 150e-9, "none"),
    }
    potentials = arrest_by_potential(np.linspace(0.0, 0.12, 7))
    save_figure(plot_arrest(table), out / "arrest.png")
    save_figure(plot_hold(histories, potentials), out / "hold.png")
    print(table.to_string(index=False, float_format="{:.4g}".format))
    return {"arrest": table, "holds": histories, "potentials": potentials}


if __name__ == "__main__":
    result = run(Path(sys.argv[1] if len(sys.argv) > 1 else "results/tutorials/self_limiting"))
