"""Matplotlib figures of alloy-cell results, and writing files without half-written leftovers."""

import os
import tempfile
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402


def plot_cycling(timeseries: pd.DataFrame) -> plt.Figure:
    """Voltage (top) and the alloy electrode's lithiated fraction (bottom) against time.

    ``timeseries`` is :attr:`pybamm_alloying.studies.CyclingResult.timeseries`.
    """
    lithiated = next(c for c in timeseries.columns if c.endswith("lithiated fraction"))
    fig, (ax_v, ax_x) = plt.subplots(2, 1, sharex=True, figsize=(7, 5.5))
    for cycle, frame in timeseries.groupby("Cycle"):
        ax_v.plot(frame["Time [h]"], frame["Voltage [V]"], label=f"cycle {cycle}")
        ax_x.plot(frame["Time [h]"], frame[lithiated])
    ax_v.set_ylabel("Voltage [V]")
    ax_v.legend(loc="best", fontsize="small")
    ax_x.set_ylabel(lithiated.removeprefix("X-averaged "))
    ax_x.set_xlabel("Time [h]")
    ax_x.set_ylim(-0.02, 1.02)
    fig.tight_layout()
    return fig


def write_atomically(path: Path, write) -> Path:
    """Call ``write(tmp_path)`` on a temporary file beside ``path``, then move it in place.

    A failure leaves no partial file: the temporary file is removed and ``path`` is
    untouched.
    """
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=path.suffix)
    os.close(fd)
    umask = os.umask(0)
    os.umask(umask)
    try:
        os.chmod(tmp, 0o666 & ~umask)
        write(tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def save_figure(fig: plt.Figure, path: Path) -> Path:
    """Save ``fig`` to ``path`` atomically and close it."""
    try:
        return write_atomically(path, lambda tmp: fig.savefig(tmp, dpi=120))
    finally:
        plt.close(fig)
