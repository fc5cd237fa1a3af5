"""Matplotlib figures of alloy-cell results (saved whole or not at all: :mod:`pybamm_alloying.files`).

Readable by construction: a figure with several cycles colours them by cycle (a legend
for up to :data:`LEGEND_CYCLES`, a colour bar beyond) and says which line style is the
charge and which the discharge; point labels are placed where their text overlaps no
other text of the figure (:func:`label_points`).
"""

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.cm import ScalarMappable  # noqa: E402
from matplotlib.colors import Normalize  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.text import Text  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402
from matplotlib.transforms import Bbox  # noqa: E402

from .files import write_atomically  # noqa: E402
from .studies.cycling import FRONT_DEPTH  # noqa: E402

#: Up to this many cycles a figure names each in its legend; more get a colour bar.
LEGEND_CYCLES = 6


def _cycle_styles(cycles, retraced: bool = False) -> tuple[dict, ScalarMappable | None]:
    """Line keywords per cycle number: a colour (matplotlib's colour cycle for up to
    :data:`LEGEND_CYCLES` cycles, else viridis by cycle number, with the mappable of its
    colour bar); for ``retraced`` curves a width that falls from 3 to 1 over the cycles,
    so that an earlier cycle drawn under a later one that retraces it still shows."""
    cycles = list(cycles)
    mappable = None
    if len(cycles) <= LEGEND_CYCLES:
        colours = [f"C{k}" for k in range(len(cycles))]
    else:
        mappable = ScalarMappable(Normalize(min(cycles), max(cycles)), "viridis")
        colours = [mappable.to_rgba(cycle) for cycle in cycles]
    widths = np.linspace(3, 1, len(cycles)) if retraced and len(cycles) > 1 else [1.5] * len(cycles)
    styles = {cycle: {"color": c, "lw": w} for cycle, c, w in zip(cycles, colours, widths)}
    return styles, mappable


def _cycle_key(fig: plt.Figure, axes, styles: dict, mappable: ScalarMappable | None) -> list:
    """Legend handles naming each cycle's line (few cycles), or a colour bar "cycle"
    with integer ticks beside ``axes`` and no handles (many)."""
    if mappable is None:
        return [Line2D([], [], **style, label=f"cycle {cycle}") for cycle, style in styles.items()]
    bar = fig.colorbar(mappable, ax=axes, label="cycle")
    bar.ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    return []


def _front_column(timeseries: pd.DataFrame) -> str:
    """The alloy phase's front-depth column (``"Secondary: Front depth [m]"`` in a
    composite electrode)."""
    return next(c for c in timeseries if c.endswith(FRONT_DEPTH))


def plot_cycling(timeseries: pd.DataFrame) -> plt.Figure:
    """Voltage (top) and the front position, the x-averaged shell thickness (bottom),
    against time, coloured by cycle. ``timeseries`` is
    :attr:`pybamm_alloying.studies.CyclingResult.timeseries`.
    """
    fig, (ax_v, ax_x) = plt.subplots(2, 1, sharex=True, figsize=(7, 5.5), layout="constrained")
    front = _front_column(timeseries)
    groups = dict(list(timeseries.groupby("Cycle")))
    styles, mappable = _cycle_styles(groups)
    for cycle, frame in groups.items():
        ax_v.plot(frame["Time [h]"], frame["Voltage [V]"], **styles[cycle])
        ax_x.plot(frame["Time [h]"], 1e9 * frame[front], **styles[cycle])
    handles = _cycle_key(fig, [ax_v, ax_x], styles, mappable)
    if handles:
        ax_v.legend(handles=handles, loc="best", fontsize="small")
    ax_v.set_ylabel("Voltage [V]")
    ax_x.set_ylabel(front.removesuffix(FRONT_DEPTH) + "front depth (shell thickness) [nm]")
    ax_x.set_xlabel("Time [h]")
    return fig


def plot_voltage_capacity(timeseries: pd.DataFrame) -> plt.Figure:
    """Voltage against the charge passed in each cycle's charge (dashed) and discharge
    (solid), one line colour and width per cycle (:func:`_cycle_styles`); the legend
    names both line styles."""
    fig, ax = plt.subplots(figsize=(7, 5), layout="constrained")
    groups = dict(list(timeseries.groupby("Cycle")))
    styles, mappable = _cycle_styles(groups, retraced=True)
    for cycle, frame in groups.items():
        Q, V = frame["Discharge capacity [A.h]"], frame["Voltage [V]"]
        charge, discharge = frame["Current [A]"] < 0, frame["Current [A]"] > 0
        ax.plot(Q.iloc[0] - Q[charge], V[charge], "--", **styles[cycle])
        if discharge.any():
            ax.plot(Q[discharge] - Q[discharge].iloc[0], V[discharge], "-", **styles[cycle])
    directions = [
        Line2D([], [], color="k", ls="--", label="charge"),
        Line2D([], [], color="k", ls="-", label="discharge"),
    ]
    ax.legend(
        handles=directions + _cycle_key(fig, ax, styles, mappable), loc="best", fontsize="small"
    )
    ax.set(xlabel="capacity [A.h]", ylabel="Voltage [V]")
    return fig


def plot_capacity_per_cycle(cycles: pd.DataFrame) -> plt.Figure:
    """Charge and discharge capacity (left axis) and coulombic efficiency (right axis)
    per cycle, integer cycle ticks, one legend for both axes above them."""
    fig, ax = plt.subplots(figsize=(7, 4), layout="constrained")
    ax.plot(cycles["Cycle"], cycles["Charge capacity [A.h]"], "s-", label="charge")
    ax.plot(cycles["Cycle"], cycles["Discharge capacity [A.h]"], "o-", label="discharge")
    ax.set(xlabel="cycle", ylabel="capacity [A.h]")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    efficiency = ax.twinx()
    none = (
        ""
        if cycles["Coulombic efficiency"].notna().any()
        else " (none: no cycle both charges and discharges)"
    )
    efficiency.plot(
        cycles["Cycle"], cycles["Coulombic efficiency"], "k.:", label="coulombic efficiency" + none
    )
    efficiency.set_ylabel("coulombic efficiency")
    fig.legend(
        handles=ax.get_lines() + efficiency.get_lines(),
        loc="outside upper center",
        ncols=3,
        fontsize="small",
    )
    return fig


def _hidden_tick_labels(axis) -> set[int]:
    """Ids of ``axis``' tick labels that a draw leaves out: their tick lies outside the
    view interval (matplotlib keeps such ticks, with stale labels, but draws none)."""
    scale = axis.get_transform()
    low, high = sorted(scale.transform(np.asarray(axis.get_view_interval(), float)))
    slack = 1e-9 * (high - low)
    return {
        id(label)
        for tick in axis.get_major_ticks() + axis.get_minor_ticks()
        if not low - slack <= scale.transform(np.array([tick.get_loc()], float))[0] <= high + slack
        for label in (tick.label1, tick.label2)
    }


def drawn_texts(fig: plt.Figure) -> list[Text]:
    """The text artists that drawing ``fig`` shows: visible, not empty, and for a tick
    label, its tick inside the view. Draws the figure (without rendering) first."""
    fig.draw_without_rendering()
    hidden = set().union(
        *(_hidden_tick_labels(axis) for ax in fig.axes for axis in (ax.xaxis, ax.yaxis))
    )
    return [
        t
        for t in fig.findobj(Text)
        if t.get_visible() and t.get_text().strip() and id(t) not in hidden
    ]


def text_boxes(fig: plt.Figure) -> list:
    """Window extents of :func:`drawn_texts`."""
    texts = drawn_texts(fig)
    renderer = fig.canvas.get_renderer()
    return [t.get_window_extent(renderer) for t in texts]


#: Candidate offsets [points] of a point label: eight directions, up-right first, at
#: growing distances.
_LABEL_OFFSETS = [
    (r * np.cos(a), r * np.sin(a))
    for r in (8, 16, 26, 40)
    for a in np.pi / 4 + np.arange(8) * np.pi / 4
]
#: Half width [points] of the square a labelled point keeps free of labels.
_MARKER_HALF_WIDTH = 4


def _annotate(ax: plt.Axes, point, label: str, offset, **text):
    """``label`` at ``offset`` [points] from ``point``, aligned away from it."""
    dx, dy = offset
    return ax.annotate(
        label,
        point,
        textcoords="offset points",
        xytext=offset,
        ha="left" if dx > 1 else "right" if dx < -1 else "center",
        va="bottom" if dy > 1 else "top" if dy < -1 else "center",
        **text,
    )


def label_points(ax: plt.Axes, points, labels, colours=None, **text) -> None:
    """Annotate each ``(x, y)`` data point with its label (in its colour, if given) at
    the first offset (:data:`_LABEL_OFFSETS`) where the label lies inside the axes and
    overlaps no other text of the figure (tick labels, titles, earlier labels) and no
    labelled point; at the first offset if none is free. Lay the figure out first: a
    later ``tight_layout`` moves the texts."""
    renderer = ax.figure.canvas.get_renderer()
    taken = text_boxes(ax.figure)
    pixels = ax.figure.dpi / 72 * _MARKER_HALF_WIDTH
    for x, y in ax.transData.transform(points):
        taken.append(Bbox([[x - pixels, y - pixels], [x + pixels, y + pixels]]))
    inside = ax.get_window_extent(renderer)
    for point, label, colour in zip(points, labels, colours or [None] * len(labels)):
        for offset in [*_LABEL_OFFSETS, None]:  # None: nothing was free, the first
            annotation = _annotate(
                ax, point, label, offset or _LABEL_OFFSETS[0], color=colour, **text
            )
            box = annotation.get_window_extent(renderer)
            fits = inside.contains(box.x0, box.y0) and inside.contains(box.x1, box.y1)
            if offset is None or (fits and not any(box.overlaps(other) for other in taken)):
                break
            annotation.remove()
        taken.append(box)


def plot_regime_map(parameter_sets=None, size_factors=(0.1, 10.0)) -> plt.Figure:
    """The couples on the Damkohler / SEI-Biot map with the regime boundaries.

    Each couple sits at its default particle radius (marker) and moves along its
    diagonal as the radius changes by ``size_factors`` (Da and Bi_SEI are both
    proportional to R; the line runs from the small to the large size, arrow at the
    large end). Boundaries (:func:`pybamm_alloying.regime.regime_boundaries`): H = 1/(1/Da +
    1/Bi) at the DCR and linear bounds of the fitted exponent, and Bi = Da between the
    SEI-limited and interface-controlled linear fronts. Couple labels overlap no other
    text and is drawn in its marker's colour (:func:`label_points`).
    """
    import pybamm

    from .parameters import couple_names
    from .regime import regime_boundaries, regime_from_parameters

    names = couple_names() if parameter_sets is None else list(parameter_sets)
    points, colours = [], []
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
        ends = [regime_from_parameters(values, estimate.radius * f) for f in size_factors]
        ax.annotate(
            "",
            xy=(ends[1].damkohler, ends[1].sei_biot),
            xytext=(ends[0].damkohler, ends[0].sei_biot),
            arrowprops={"arrowstyle": "->", "color": "0.6"},
        )
        (marker,) = ax.plot(estimate.damkohler, estimate.sei_biot, "o")
        points.append((estimate.damkohler, estimate.sei_biot))
        colours.append(marker.get_color())
    ax.set(
        xscale="log",
        yscale="log",
        xlim=(low, high),
        ylim=(low, high),
        xlabel="Damkohler number Da = k_i R / D",
        ylabel="SEI Biot number Bi = (D_SEI / L_SEI) R / D",
    )
    ax.tick_params(axis="x", pad=8)  # the 10^-6 of both axes would meet at the corner
    ax.set_title(f"default radius; arrows: R x {size_factors[0]:g} to x {size_factors[1]:g}")
    fig.tight_layout()
    label_points(ax, points, [name.split("_")[0] for name in names], colours, fontsize="small")
    return fig


def plot_size_sweep(sweep: pd.DataFrame, name: str = "") -> plt.Figure:
    """Step times (top) and the fitted exponent with its regime (bottom) against radius.

    ``sweep`` is :func:`pybamm_alloying.regime.size_sweep`'s DataFrame; each run of radii
    with one regime is labelled once, at its middle (:func:`label_points`).
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
    ax_n.set(xscale="log", xlabel="particle radius R [m]", ylabel="fitted exponent n")
    ax_t.set_title(f"{name} size sweep".strip())
    fig.tight_layout()
    runs = (sweep["regime"] != sweep["regime"].shift()).cumsum()
    middles = [rows.iloc[len(rows) // 2] for _, rows in sweep.groupby(runs)]
    label_points(
        ax_n,
        [(row["radius"], row["exponent"]) for row in middles],
        [row["regime"] for row in middles],
        fontsize="small",
    )
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
            (line,) = ax_f.plot(rows["diameter [m]"], rows["arrest fraction"], label=name)
            ax_g.plot(rows["diameter [m]"], rows["fracture index"], color=line.get_color())
        ax_g.axhline(1, color="0.3", lw=1, ls="--")
        body = {"spherical": "spheres", "cylindrical": "wires"}.get(geometry, geometry)
        ax_f.set_title(f"{body} held at 0 V vs the carrier metal")
        ax_g.set(xscale="log", yscale="log", xlabel="diameter [m]")
    axes[0, 0].set_ylabel("lithiated fraction at the arrest")
    axes[1, 0].set_ylabel("fracture index G / Gamma (max along the lithiation)")
    axes[1, -1].legend(
        handles=axes[0, -1].get_lines(), loc="lower right", fontsize="x-small", ncol=2
    )
    fig.tight_layout()
    return fig


def plot_rate_capability(table: pd.DataFrame, threshold: float = 0.8):
    """Capacity of anode lithiation relative to C/20 against C-rate, one line per couple,
    the threshold and each couple's rate-limited C-rate (and its limiting mechanism) marked."""
    fig, ax = plt.subplots(figsize=(7, 5))
    for _, row in table[table["error"] == ""].iterrows():
        trials = pd.DataFrame(row["trials"]).sort_values("C-rate")
        line = ax.plot(
            trials["C-rate"],
            trials["relative capacity"],
            "o-",
            label=f"{row['parameter set']}: {row['rate-limited C-rate']:.3g}C "
            f"({row['limiting mechanism']})",
        )[0]
        ax.axvline(row["rate-limited C-rate"], color=line.get_color(), lw=0.8, ls=":")
    ax.axhline(threshold, color="k", lw=1, ls="--")
    ax.set(
        xscale="log",
        xlabel="C-rate of anode lithiation [1/h]",
        ylabel="capacity / capacity at C/20",
        ylim=(0, 1.05),
    )
    ax.legend(loc="lower left", fontsize="small")
    fig.tight_layout()
    return fig


def plot_arrested_front(front: pd.DataFrame, arrest: dict) -> plt.Figure:
    """Shell thickness against time (linear axes: an arrested front hardly grows), with
    where it stopped (``arrest``: :func:`~pybamm_alloying.studies.lithiation_hold.arrest`)."""
    fig, ax = plt.subplots(figsize=(6, 4.5))
    ax.plot(front["Time [s]"], 1e9 * front["Shell thickness [m]"], "k-", label="model")
    ax.axhline(
        1e9 * arrest["arrest shell thickness [m]"],
        color="r",
        ls="--",
        label=f"arrested: {100 * arrest['arrest lithiated fraction']:.3g} % lithiated",
    )
    ax.set(xlabel="Time [s]", ylabel="shell thickness [nm]", title="front arrested (self-limited)")
    ax.legend(loc="best", fontsize="small")
    fig.tight_layout()
    return fig


def plot_front(front: pd.DataFrame, fit) -> plt.Figure:
    """Shell thickness against time, log-log, with the fitted L - L0 = A t^n."""
    fig, ax = plt.subplots(figsize=(6, 4.5))
    t = front["Time [s]"]
    growth = front["Shell thickness [m]"] - front["Shell thickness [m]"].iloc[0]
    ax.loglog(t[1:], 1e9 * growth[1:], "k-", label="model")
    ax.loglog(
        t[1:],
        1e9 * fit.prefactor * t[1:] ** fit.n,
        "r--",
        label=f"fit: n = {fit.n:.3f} ({fit.regime})",
    )
    ax.set(xlabel="Time [s]", ylabel="lithiated layer growth L - L0 [nm]")
    ax.legend(loc="best", fontsize="small")
    fig.tight_layout()
    return fig


def plot_particle_profiles(
    solution, times, x: float | None = None, domain: str = "negative", points: int = 201
) -> plt.Figure:
    """The alloy particle's concentration against r in [0, R] at each of ``times`` [s],
    the front r = s marked by a dotted line of the same colour.

    Reads ``"{Domain} particle concentration [mol.m-3]"`` at the electrode position
    ``x`` [m] or, with ``x=None``, the x-averaged profile (the one particle of the
    SPM/SPMe): c_core in the core and the shell profile beyond the front
    (docs/theory.md section 7). ``domain`` is ``"positive"`` for a half cell. The
    profile is PyBaMM's interpolation of the particle-domain nodes, so a front between
    two r nodes shows as a steep line across that cell rather than a jump.
    """
    Domain = domain.capitalize()
    if x is None:
        profile = solution[f"X-averaged {domain} particle concentration [mol.m-3]"]
        front = solution[f"X-averaged {domain} core radius [m]"]
        where = {}
    else:
        profile = solution[f"{Domain} particle concentration [mol.m-3]"]
        front = solution[f"{Domain} core radius [m]"]
        where = {"x": x}
    edges = profile.mesh.edges
    r = np.linspace(edges[0], edges[-1], points)
    fig, ax = plt.subplots(figsize=(6, 4.5))
    for k, t in enumerate(times):
        colour = f"C{k % 10}"
        ax.plot(1e9 * r, profile(t=t, r=r, **where), color=colour, label=f"t = {t:.0f} s")
        ax.axvline(1e9 * float(front(t=t, **where)), color=colour, linestyle=":")
    place = "x-averaged particle" if x is None else f"particle at x = {1e6 * x:.1f} um"
    ax.set(xlabel="r [nm]", ylabel=f"{Domain} particle concentration [mol.m-3]", title=place)
    ax.legend(loc="best", fontsize="small", title="dotted: front r = s")
    fig.tight_layout()
    return fig


def plot_discharge_curves(table: pd.DataFrame) -> plt.Figure:
    """C/10 discharge voltage against capacity, one line per couple
    (:func:`pybamm_alloying.studies.anode_comparison.compare_anodes`)."""
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
            hours = row[prefix + "discharge capacity [A.h]"] / (
                rate * row["nominal capacity [A.h]"]
            )
            points.append((energy / hours, energy))
        power, energy = zip(*points)
        ax.plot(power, energy, "o-", label=row["parameter set"])
    ax.set(
        xscale="log",
        xlabel="specific power [W/kg, stack]",
        ylabel="specific energy [W.h/kg, stack]",
        title="Ragone (C/10 and 1C)",
    )
    ax.legend(loc="best", fontsize="small")
    fig.tight_layout()
    return fig


def plot_energy_and_swelling(table: pd.DataFrame) -> plt.Figure:
    """Bars: stack Wh/kg, Wh/L (charged) and cell thickness swelling per couple."""
    ok = table[table["error"] == ""]
    fig, axes = plt.subplots(1, 3, figsize=(11, 4))
    for ax, (column, label, scale) in zip(
        axes,
        (
            ("specific energy [W.h.kg-1]", "W.h/kg (stack)", 1),
            ("charged energy density [W.h.L-1]", "W.h/L (stack, charged)", 1),
            ("cell thickness swelling", "thickness swelling [%]", 100),
        ),
    ):
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
        (
            axes[0, 0],
            (("C/10 discharge capacity [A.h]", "-"), ("1C discharge capacity [A.h]", ":")),
            "capacity [A.h] (C/10, 1C dotted)",
        ),
        (
            axes[0, 1],
            (("energy density [W.h.L-1]", "-"), ("calendered energy density [W.h.L-1]", "--")),
            "W.h/L (stack; calendered dashed)",
        ),
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
                        100 * rows["alloy mass fraction"],
                        rows[column],
                        style,
                        marker="o",
                        color=color,
                        label=label_,
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
        potential, dqdv = differential_capacity(
            frame["Capacity [A.h]"], frame["Anode potential [V]"]
        )
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
