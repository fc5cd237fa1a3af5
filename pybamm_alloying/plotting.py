"""Matplotlib figures of alloy-cell results (saved whole or not at all: :mod:`pybamm_alloying.files`)."""

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

from .files import write_atomically  # noqa: E402


def plot_cycling(timeseries: pd.DataFrame) -> plt.Figure:
    """Voltage (top) and the front position, the x-averaged shell thickness (bottom),
    against time. ``timeseries`` is :attr:`pybamm_alloying.studies.CyclingResult.timeseries`.
    """
    fig, (ax_v, ax_x) = plt.subplots(2, 1, sharex=True, figsize=(7, 5.5))
    for cycle, frame in timeseries.groupby("Cycle"):
        ax_v.plot(frame["Time [h]"], frame["Voltage [V]"], label=f"cycle {cycle}")
        ax_x.plot(frame["Time [h]"], 1e9 * frame["Front depth [m]"])
    ax_v.set_ylabel("Voltage [V]")
    ax_v.legend(loc="best", fontsize="small")
    ax_x.set_ylabel("front depth (shell thickness) [nm]")
    ax_x.set_xlabel("Time [h]")
    fig.tight_layout()
    return fig


def plot_voltage_capacity(timeseries: pd.DataFrame) -> plt.Figure:
    """Voltage against the charge passed in each cycle's charge (dashed) and discharge
    (solid), one colour per cycle."""
    fig, ax = plt.subplots(figsize=(7, 5))
    for cycle, frame in timeseries.groupby("Cycle"):
        Q = frame["Discharge capacity [A.h]"]
        charge, discharge = frame["Current [A]"] < 0, frame["Current [A]"] > 0
        line = ax.plot(Q.iloc[0] - Q[charge], frame["Voltage [V]"][charge], "--")[0]
        if discharge.any():
            ax.plot(Q[discharge] - Q[discharge].iloc[0], frame["Voltage [V]"][discharge],
                    "-", color=line.get_color(), label=f"cycle {cycle}")
    ax.set(xlabel="capacity [A.h]", ylabel="Voltage [V]")
    ax.legend(loc="best", fontsize="small")
    fig.tight_layout()
    return fig


def plot_capacity_per_cycle(cycles: pd.DataFrame) -> plt.Figure:
    """Charge and discharge capacity (left) and coulombic efficiency (right) per cycle."""
    fig, ax = plt.subplots(figsize=(7, 4))
    ax.plot(cycles["Cycle"], cycles["Charge capacity [A.h]"], "s-", label="charge")
    ax.plot(cycles["Cycle"], cycles["Discharge capacity [A.h]"], "o-", label="discharge")
    ax.set(xlabel="cycle", ylabel="capacity [A.h]")
    ax.legend(loc="lower left", fontsize="small")
    efficiency = ax.twinx()
    efficiency.plot(cycles["Cycle"], cycles["Coulombic efficiency"], "k.:")
    efficiency.set_ylabel("coulombic efficiency")
    fig.tight_layout()
    return fig


def plot_regime_map(parameter_sets=None, size_factors=(0.1, 10.0)) -> plt.Figure:
    """The couples on the Damkohler / SEI-Biot map with the regime boundaries.

    Each couple sits at its default particle radius (marker) and moves along its
    diagonal as the radius changes by ``size_factors`` (Da and Bi_SEI are both
    proportional to R; the line runs from the small to the large size, arrow at the
    large end). Boundaries (:func:`pybamm_alloying.regime.regime_boundaries`): H = 1/(1/Da +
    1/Bi) at the DCR and linear bounds of the fitted exponent, and Bi = Da between the
    SEI-limited and interface-controlled linear fronts.
    """
    import numpy as np
    import pybamm

    from .parameters import couple_names
    from .regime import regime_boundaries, regime_from_parameters

    names = couple_names() if parameter_sets is None else list(parameter_sets)
    fig, ax = plt.subplots(figsize=(7, 6))
    low, high = 1e-6, 1e6
    for H, label in zip(regime_boundaries().values(), ("linear", "DCR")):
        Da = np.logspace(np.log10(H) + 1e-6, np.log10(high), 200)
        ax.plot(Da, 1 / (1 / H - 1 / Da), "k-", lw=1)
        ax.plot(1 / (1 / H - 1 / Da), Da, "k-", lw=1)
    H_linear = regime_boundaries()["linear"]
    diagonal = np.logspace(np.log10(low), np.log10(H_linear / 2), 50)
    ax.plot(diagonal, diagonal, "k--", lw=1)
    for text, xy in (
        ("ICR", (1e-3, 1e3)), ("SEI-limited", (1e2, 1e-5)), ("DCR", (1e4, 1e4)),
        ("mixed", (12, 12)),
    ):  # fmt: skip
        ax.annotate(text, xy, ha="center", fontsize="large", color="0.3")
    for name in names:
        values = pybamm.ParameterValues(name)
        estimate = regime_from_parameters(values)
        ends = [
            regime_from_parameters(values, estimate.radius * f) for f in size_factors
        ]
        ax.annotate(
            "",
            xy=(ends[1].damkohler, ends[1].sei_biot),
            xytext=(ends[0].damkohler, ends[0].sei_biot),
            arrowprops={"arrowstyle": "->", "color": "0.6"},
        )
        ax.plot(estimate.damkohler, estimate.sei_biot, "o")
        ax.annotate(name.split("_")[0], (estimate.damkohler, estimate.sei_biot),
                    textcoords="offset points", xytext=(5, 5), fontsize="small")
    ax.set(xscale="log", yscale="log", xlim=(low, high), ylim=(low, high),
           xlabel="Damkohler number Da = k_i R / D",
           ylabel="SEI Biot number Bi = (D_SEI / L_SEI) R / D")
    ax.set_title(f"default radius; arrows: R x {size_factors[0]:g} to x {size_factors[1]:g}")
    fig.tight_layout()
    return fig


def plot_size_sweep(sweep: pd.DataFrame, name: str = "") -> plt.Figure:
    """Step times (top) and the fitted exponent with its regime (bottom) against radius.

    ``sweep`` is :func:`pybamm_alloying.regime.size_sweep`'s DataFrame.
    """
    from .rate_law import DCR_MAX_EXPONENT, ICR_MIN_EXPONENT

    fig, (ax_t, ax_n) = plt.subplots(2, 1, sharex=True, figsize=(7, 6))
    radius = sweep["radius"]
    for column, label in (
        ("interface_time", "interface reaction"),
        ("diffusion_time", "shell diffusion"),
        ("film_time", "SEI film"),
    ):
        ax_t.plot(radius, sweep[column] / sweep["total_time"], label=label)
    ax_t.set_ylabel("share of the conversion time")
    ax_t.legend(loc="best", fontsize="small")
    ax_n.plot(radius, sweep["exponent"], "k.-")
    for bound in (DCR_MAX_EXPONENT, ICR_MIN_EXPONENT):
        ax_n.axhline(bound, color="0.6", lw=1, ls="--")
    for r, n, regime in zip(radius, sweep["exponent"], sweep["regime"]):
        ax_n.annotate(regime, (r, n), textcoords="offset points", xytext=(0, 6),
                      ha="center", fontsize="x-small")
    ax_n.set(xscale="log", xlabel="particle radius R [m]", ylabel="fitted exponent n")
    ax_t.set_title(f"{name} size sweep".strip())
    fig.tight_layout()
    return fig


def plot_size_map(frame: pd.DataFrame) -> plt.Figure:
    """Arrest fraction (top) and fracture index (bottom) against diameter, one line per
    couple, spheres (left) and wires (right).

    ``frame`` is :func:`pybamm_alloying.studies.critical_sizes.size_map`'s DataFrame.
    """
    geometries = list(dict.fromkeys(frame["geometry"]))
    fig, axes = plt.subplots(
        2, len(geometries), sharex=True, sharey="row", squeeze=False, figsize=(11, 7)
    )
    for column, geometry in enumerate(geometries):
        ax_f, ax_g = axes[:, column]
        for name, rows in frame[frame["geometry"] == geometry].groupby("name", sort=False):
            line, = ax_f.plot(rows["diameter [m]"], rows["arrest fraction"], label=name)
            ax_g.plot(rows["diameter [m]"], rows["fracture index"], color=line.get_color())
        ax_g.axhline(1, color="0.3", lw=1, ls="--")
        body = {"spherical": "spheres", "cylindrical": "wires"}.get(geometry, geometry)
        ax_f.set_title(f"{body} held at 0 V vs the carrier metal")
        ax_g.set(xscale="log", yscale="log", xlabel="diameter [m]")
    axes[0, 0].set_ylabel("lithiated fraction at the arrest")
    axes[1, 0].set_ylabel("fracture index G / Gamma (max along the lithiation)")
    axes[1, -1].legend(loc="lower right", fontsize="x-small", ncol=2)
    fig.tight_layout()
    return fig


def plot_rate_capability(table: pd.DataFrame, threshold: float = 0.8):
    """Capacity of anode lithiation relative to C/20 against C-rate, one line per couple,
    the threshold and each couple's rate-limited C-rate (and its limiting mechanism) marked."""
    fig, ax = plt.subplots(figsize=(7, 5))
    for _, row in table[table["error"] == ""].iterrows():
        trials = pd.DataFrame(row["trials"]).sort_values("C-rate")
        line = ax.plot(trials["C-rate"], trials["relative capacity"], "o-",
                       label=f"{row['parameter set']}: {row['rate-limited C-rate']:.3g}C "
                       f"({row['limiting mechanism']})")[0]
        ax.axvline(row["rate-limited C-rate"], color=line.get_color(), lw=0.8, ls=":")
    ax.axhline(threshold, color="k", lw=1, ls="--")
    ax.set(xscale="log", xlabel="C-rate of anode lithiation [1/h]",
           ylabel="capacity / capacity at C/20", ylim=(0, 1.05))
    ax.legend(loc="lower left", fontsize="small")
    fig.tight_layout()
    return fig


def plot_front(front: pd.DataFrame, fit) -> plt.Figure:
    """Shell thickness against time, log-log, with the fitted L - L0 = A t^n."""
    fig, ax = plt.subplots(figsize=(6, 4.5))
    t = front["Time [s]"]
    growth = front["Shell thickness [m]"] - front["Shell thickness [m]"].iloc[0]
    ax.loglog(t[1:], 1e9 * growth[1:], "k-", label="model")
    ax.loglog(t[1:], 1e9 * fit.prefactor * t[1:] ** fit.n, "r--",
              label=f"fit: n = {fit.n:.3f} ({fit.regime})")
    ax.set(xlabel="Time [s]", ylabel="lithiated layer growth L - L0 [nm]")
    ax.legend(loc="best", fontsize="small")
    fig.tight_layout()
    return fig


def plot_discharge_curves(table: pd.DataFrame) -> plt.Figure:
    """C/10 discharge voltage against capacity, one line per couple
    (:func:`pybamm_alloying.studies.design.compare_anodes`)."""
    fig, ax = plt.subplots(figsize=(7, 5))
    for _, row in table[table["error"] == ""].iterrows():
        curve = row["C/10 discharge"]
        ax.plot(curve["capacity [A.h]"], curve["voltage [V]"], label=row["parameter set"])
    ax.set(xlabel="capacity [A.h]", ylabel="Voltage [V]", title="C/10 discharge")
    ax.legend(loc="best", fontsize="small")
    fig.tight_layout()
    return fig


def plot_ragone(table: pd.DataFrame) -> plt.Figure:
    """Stack specific energy against specific power at C/10 and 1C, one line per couple.

    Power = energy / discharge time, the time being capacity / current.
    """
    fig, ax = plt.subplots(figsize=(7, 5))
    for _, row in table[table["error"] == ""].iterrows():
        points = []
        for rate, prefix in ((0.1, "C/10 "), (1.0, "1C ")):
            energy = row[
                "specific energy [W.h.kg-1]" if rate == 0.1 else "1C specific energy [W.h.kg-1]"
            ]
            hours = row[prefix + "discharge capacity [A.h]"] / (rate * row["nominal capacity [A.h]"])
            points.append((energy / hours, energy))
        power, energy = zip(*points)
        ax.plot(power, energy, "o-", label=row["parameter set"])
    ax.set(xscale="log", xlabel="specific power [W/kg, stack]",
           ylabel="specific energy [W.h/kg, stack]", title="Ragone (C/10 and 1C)")
    ax.legend(loc="best", fontsize="small")
    fig.tight_layout()
    return fig


def plot_energy_and_swelling(table: pd.DataFrame) -> plt.Figure:
    """Bars: stack Wh/kg, Wh/L (charged) and cell thickness swelling per couple."""
    import numpy as np

    ok = table[table["error"] == ""]
    fig, axes = plt.subplots(1, 3, figsize=(11, 4))
    for ax, (column, label, scale) in zip(axes, (
        ("specific energy [W.h.kg-1]", "W.h/kg (stack)", 1),
        ("charged energy density [W.h.L-1]", "W.h/L (stack, charged)", 1),
        ("cell thickness swelling", "thickness swelling [%]", 100),
    )):
        ax.bar(np.arange(len(ok)), scale * ok[column])
        ax.set_xticks(np.arange(len(ok)), [n.split("_")[0] for n in ok["parameter set"]])
        ax.set_ylabel(label)
    fig.tight_layout()
    return fig


def plot_composite(table: pd.DataFrame) -> plt.Figure:
    """Composite study: capacity, energy, swelling and rate limit versus alloy fraction,
    one line per alloy (the calendered stack dashed)."""
    ok = table[table["error"] == ""]
    fig, axes = plt.subplots(2, 2, figsize=(10, 7), sharex=True)
    panels = (
        (axes[0, 0], (("C/10 discharge capacity [A.h]", "-"), ("1C discharge capacity [A.h]", ":")), "capacity [A.h] (C/10, 1C dotted)"),
        (axes[0, 1], (("energy density [W.h.L-1]", "-"), ("calendered energy density [W.h.L-1]", "--")), "W.h/L (stack; calendered dashed)"),
        (axes[1, 0], (("cell thickness swelling", "-"),), "cell thickness swelling"),
        (axes[1, 1], (("rate-limited C-rate", "-"),), "rate-limited C-rate [1/h]"),
    )
    for name, rows in ok.groupby("parameter set", sort=False):
        color = None
        for ax, columns, label in panels:
            for k, (column, style) in enumerate(columns):
                if column in rows:
                    label_ = name.split("_")[0] if k == 0 else None
                    (line,) = ax.plot(
                        100 * rows["alloy mass fraction"], rows[column], style, marker="o", color=color, label=label_
                    )
                    color = line.get_color()
            ax.set_ylabel(label)
    for ax in axes[1]:
        ax.set_xlabel("alloy mass fraction [%]")
    axes[0, 0].legend()
    fig.tight_layout()
    return fig


def plot_dqdv(curves: dict[str, pd.DataFrame]) -> plt.Figure:
    """dQ/dV of slow charges against the anode potential, one line per label.

    Each frame holds ``"Capacity [A.h]"`` and ``"Anode potential [V]"`` (lithiation:
    the potential falls as capacity grows).
    """
    from .studies.composite import differential_capacity

    fig, ax = plt.subplots(figsize=(6, 4))
    for label, frame in curves.items():
        potential, dqdv = differential_capacity(frame["Capacity [A.h]"], frame["Anode potential [V]"])
        ax.plot(potential, dqdv, label=label)
    ax.set_xlabel("anode potential vs Li [V]")
    ax.set_ylabel("-dQ/dV [A.h/V]")
    ax.set_xlim(0, 0.6)
    ax.legend()
    return fig


def save_figure(fig: plt.Figure, path: Path) -> Path:
    """Save ``fig`` to ``path`` atomically and close it."""
    try:
        return write_atomically(path, lambda tmp: fig.savefig(tmp, dpi=120))
    finally:
        plt.close(fig)
