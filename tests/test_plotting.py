"""Files are written whole or not at all; figures say what their lines are and keep
their labels apart."""

import itertools

import matplotlib
import numpy as np
import pandas as pd
import pybamm
import pytest

from pybamm_alloying.plotting import (
    LEGEND_CYCLES,
    drawn_texts,
    plot_capacity_per_cycle,
    plot_regime_map,
    plot_size_sweep,
    plot_voltage_capacity,
    text_boxes,
    write_atomically,
)
from pybamm_alloying.regime import size_sweep
from pybamm_alloying.studies.regime_table import SWEEP_RADII


def test_a_failed_write_leaves_nothing_behind(tmp_path):
    def fail(path):
        with open(path, "w") as f:
            f.write("half")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        write_atomically(tmp_path / "data.csv", fail)
    assert list(tmp_path.iterdir()) == []


def test_a_failed_write_keeps_the_previous_file(tmp_path):
    target = tmp_path / "data.csv"
    target.write_text("old")

    def fail(path):
        raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError):
        write_atomically(target, fail)
    assert target.read_text() == "old" and len(list(tmp_path.iterdir())) == 1


def _overlapping_texts(fig):
    """Pairs of drawn texts whose window extents intersect."""
    texts = drawn_texts(fig)
    boxes = text_boxes(fig)
    return [
        (texts[i].get_text(), texts[j].get_text())
        for i, j in itertools.combinations(range(len(texts)), 2)
        if boxes[i].overlaps(boxes[j])
    ]


def test_no_two_labels_of_the_regime_map_overlap():
    fig = plot_regime_map()
    labels = {t.get_text() for t in drawn_texts(fig)}
    assert {"LiSi", "LiSn", "NaSb", "ICR", "DCR"} <= labels  # all there, none dropped
    assert _overlapping_texts(fig) == []


@pytest.mark.parametrize(
    "name, sei", [("LiSi_NMC811", True), ("LiGe_NMC811", True), ("LiSi_NMC811", False)]
)
def test_no_two_labels_of_the_size_sweep_overlap(name, sei):
    """One label per run of radii in one regime (the old figure wrote one per radius,
    26 overlapping labels); none overlaps another text."""
    sweep = size_sweep(pybamm.ParameterValues(name), SWEEP_RADII, sei=sei)
    fig = plot_size_sweep(sweep, name)
    runs = [regime for regime, _ in itertools.groupby(sweep["regime"])]
    assert len(runs) >= 2 and [t.get_text() for t in fig.axes[1].texts] == runs
    assert _overlapping_texts(fig) == []


def _timeseries(n_cycles: int) -> pd.DataFrame:
    """n identical charge-discharge cycles: each retraces the one before."""
    t = np.linspace(0, 1, 21)
    frames = []
    for cycle in range(1, n_cycles + 1):
        q = np.concatenate([-t, -1 + t])
        frames.append(pd.DataFrame({
            "Time [h]": 2 * (cycle - 1) + np.concatenate([t, 1 + t]), "Cycle": cycle,
            "Current [A]": np.repeat([-1.0, 1.0], t.size), "Voltage [V]": 3.5 + 0.5 * q,
            "Discharge capacity [A.h]": q, "Front depth [m]": 1e-8 * -q,
        }))  # fmt: skip
    return pd.concat(frames, ignore_index=True)


def _legend_labels(fig) -> list[str]:
    return [
        t.get_text()
        for legend in [*fig.legends, *(ax.get_legend() for ax in fig.axes)]
        if legend
        for t in legend.get_texts()
    ]


@pytest.mark.parametrize("n_cycles", [3, 12])
def test_voltage_capacity_names_charge_and_discharge_and_tells_the_cycles_apart(n_cycles):
    """The legend says which line style is charge and which discharge; each cycle has
    its own colour (named in the legend when few, a colour bar "cycle" when many), and
    a cycle that retraces the one before is drawn thinner, so the earlier still shows."""
    fig = plot_voltage_capacity(_timeseries(n_cycles))
    ax = fig.axes[0]
    labels = _legend_labels(fig)
    assert labels[:2] == ["charge", "discharge"]
    lines = ax.get_lines()
    assert len(lines) == 2 * n_cycles
    assert [line.get_linestyle() for line in lines[:2]] == ["--", "-"]
    charges = lines[::2]
    assert len({matplotlib.colors.to_hex(line.get_color()) for line in charges}) == n_cycles
    widths = [line.get_linewidth() for line in charges]
    assert all(a > b for a, b in zip(widths, widths[1:]))
    if n_cycles <= LEGEND_CYCLES:
        assert labels[2:] == [f"cycle {c}" for c in range(1, n_cycles + 1)]
    else:
        assert labels[2:] == [] and [a.get_ylabel() for a in fig.axes[1:]] == ["cycle"]


def test_capacity_figure_has_integer_cycle_ticks_and_the_efficiency_in_its_legend():
    cycles = pd.DataFrame({
        "Cycle": [1, 2, 3], "Charge capacity [A.h]": [5.07, 5.12, 5.12],
        "Discharge capacity [A.h]": [5.12, 5.12, 5.12], "Coulombic efficiency": [1.01, 1.0, 1.0],
    })  # fmt: skip
    fig = plot_capacity_per_cycle(cycles)
    fig.draw_without_rendering()
    ax = fig.axes[0]
    ticks = [t for t in ax.get_xticks() if ax.get_xlim()[0] <= t <= ax.get_xlim()[1]]
    assert ticks == [1, 2, 3]
    assert _legend_labels(fig) == ["charge", "discharge", "coulombic efficiency"]
