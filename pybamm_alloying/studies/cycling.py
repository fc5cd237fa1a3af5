"""Galvanostatic cycling of an alloy-anode full cell: time series and per-cycle summary."""

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pybamm

from ..models import DFN
from ..parameters import couple_names
from .protocols import load_protocol


@dataclass
class CyclingResult:
    """What :func:`run_cycling` returns.

    ``timeseries`` has one row per solver output point: time, cycle, step, current,
    voltage, discharge capacity, the alloy electrode's lithiated fraction and front depth
    (x-averaged shell thickness), cell thickness change, total carrier in the cell, and
    the SEI thickness when PyBaMM's ``"SEI"`` option is on. ``cycles`` has one row per
    completed cycle: charge and discharge capacity and energy, coulombic efficiency, mean
    charge and discharge voltage (energy over capacity), and the cycle's maximum
    lithiated fraction, front depth and cell swelling (and SEI thickness at its end).
    ``solution`` is PyBaMM's solution, for QuickPlot or further variables.
    """

    timeseries: pd.DataFrame
    cycles: pd.DataFrame
    solution: pybamm.Solution
    requested_cycles: int

    @property
    def completed(self) -> bool:
        """True if every requested cycle ran to its end."""
        return len(self.cycles) == self.requested_cycles


def _columns(model: DFN) -> dict[str, str]:
    """Timeseries column -> PyBaMM variable."""
    domain = model.alloy_domain
    columns = {
        "Time [h]": "Time [h]",
        "Current [A]": "Current [A]",
        "Voltage [V]": "Voltage [V]",
        "Discharge capacity [A.h]": "Discharge capacity [A.h]",
        "Lithiated fraction": f"X-averaged {domain} lithiated fraction",
        "Front depth [m]": f"X-averaged {domain} shell thickness [m]",
        "Cell thickness change [m]": "Cell thickness change [m]",
        "Total lithium [mol]": "Total lithium [mol]",
    }
    if getattr(model.options, domain)["SEI"] != "none":
        columns["SEI thickness [m]"] = f"X-averaged {domain} SEI thickness [m]"
    return columns


def _timeseries(solution: pybamm.Solution, model: DFN) -> pd.DataFrame:
    columns = _columns(model)
    frames = []
    for cycle, cycle_solution in enumerate(solution.cycles, start=1):
        for step, step_solution in enumerate(cycle_solution.steps, start=1):
            frame = pd.DataFrame(
                {column: step_solution[name].entries.ravel() for column, name in columns.items()}
            )
            frame.insert(1, "Cycle", cycle)
            frame.insert(2, "Step", step)
            frames.append(frame)
    return pd.concat(frames, ignore_index=True)


def _step_totals(frame: pd.DataFrame) -> tuple[float, float]:
    """(charge passed [A.h], energy [W.h]) of one step, positive on discharge."""
    hours = frame["Time [h]"].to_numpy()
    current = frame["Current [A]"].to_numpy()
    return (
        frame["Discharge capacity [A.h]"].iloc[-1] - frame["Discharge capacity [A.h]"].iloc[0],
        float(np.trapezoid(current * frame["Voltage [V]"].to_numpy(), hours)),
    )


def _cycle_summary(timeseries: pd.DataFrame) -> pd.DataFrame:
    """Per-cycle capacities, energies and extremes.

    Each step either charges or discharges, so a step's change of "Discharge capacity
    [A.h]" (PyBaMM's integral of the current) counts as discharge if positive and as
    charge if negative; its energy is the trapezoidal integral of current x voltage.
    """
    rows = []
    for cycle, frame in timeseries.groupby("Cycle"):
        totals = np.array([_step_totals(step) for _, step in frame.groupby("Step")])
        charge_passed, energy = totals.T
        discharge, charge = charge_passed.clip(min=0).sum(), (-charge_passed).clip(min=0).sum()
        e_discharge, e_charge = energy.clip(min=0).sum(), (-energy).clip(min=0).sum()
        row = {
            "Cycle": cycle,
            "Charge capacity [A.h]": charge,
            "Discharge capacity [A.h]": discharge,
            "Coulombic efficiency": discharge / charge if charge > 0 else np.nan,
            "Charge energy [W.h]": e_charge,
            "Discharge energy [W.h]": e_discharge,
            "Mean charge voltage [V]": e_charge / charge if charge > 0 else np.nan,
            "Mean discharge voltage [V]": e_discharge / discharge if discharge > 0 else np.nan,
            "Maximum lithiated fraction": frame["Lithiated fraction"].max(),
            "Maximum front depth [m]": frame["Front depth [m]"].max(),
            "Maximum cell thickness change [m]": frame["Cell thickness change [m]"].max(),
        }
        if "SEI thickness [m]" in frame:
            row["SEI thickness [m]"] = frame["SEI thickness [m]"].iloc[-1]
        rows.append(row)
    return pd.DataFrame(rows)


def run_cycling(
    parameter_set: str = "LiSi_NMC811",
    protocol: str = "cccv",
    cycles: int | None = None,
    options: dict | None = None,
    rate: str | None = None,
) -> CyclingResult:
    """Cycle a full cell with a shrinking-core alloy anode.

    Parameters
    ----------
    parameter_set : str
        A shipped set (:func:`pybamm_alloying.couple_names`).
    protocol : str
        A shipped protocol (:func:`~pybamm_alloying.studies.protocol_names`).
    cycles : int, optional
        Number of cycles; the protocol's own default if omitted.
    options : dict, optional
        Options of :class:`pybamm_alloying.DFN` (PyBaMM's and the alloy ones).
    rate : str, optional
        C-rate of a protocol that has one (``"cccv"``: ``"2C"``, ``"C/5"``).

    All inputs are checked before the solve; a bad one raises ``ValueError`` or
    :class:`pybamm.OptionError` naming it. If the solver stops early (e.g. a cut-off
    is reached in a charge step) the completed cycles are returned and
    :attr:`CyclingResult.completed` is False.
    """
    if parameter_set not in couple_names():
        raise ValueError(
            f"parameter_set must be one of {couple_names()}, not {parameter_set!r}"
        )
    parameter_values = pybamm.ParameterValues(parameter_set)
    experiment = load_protocol(
        protocol,
        cycles,
        parameter_values["Lower voltage cut-off [V]"],
        parameter_values["Upper voltage cut-off [V]"],
        rate,
    )
    model = DFN(options)
    simulation = pybamm.Simulation(
        model,
        parameter_values=parameter_values,
        experiment=experiment,
        solver=model.default_solver,
    )
    solution = simulation.solve()
    timeseries = _timeseries(solution, model)
    summary = _cycle_summary(timeseries)
    complete = [len(c.steps) == len(experiment.cycles[0]) for c in solution.cycles]
    summary = summary[np.array(complete)].reset_index(drop=True)
    return CyclingResult(timeseries, summary, solution, len(experiment.cycles))
