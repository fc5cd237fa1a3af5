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

    ``timeseries`` has one row per solver output point (columns: time, cycle, step,
    current, voltage, discharge capacity, the alloy electrode's lithiated fraction,
    cell thickness change, total carrier in the cell); ``cycles`` one row per completed
    cycle (charge and discharge capacity, coulombic efficiency, lithiated fraction and
    cell thickness change at their maximum);
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


def _lithiated_fraction_name(model: DFN) -> str:
    return f"X-averaged {model.alloy_domain} lithiated fraction"


def _timeseries(solution: pybamm.Solution, model: DFN) -> pd.DataFrame:
    columns = [
        "Time [h]",
        "Current [A]",
        "Voltage [V]",
        "Discharge capacity [A.h]",
        _lithiated_fraction_name(model),
        "Cell thickness change [m]",
        "Total lithium [mol]",
    ]
    frames = []
    for cycle, cycle_solution in enumerate(solution.cycles, start=1):
        for step, step_solution in enumerate(cycle_solution.steps, start=1):
            frame = pd.DataFrame(
                {name: step_solution[name].entries.ravel() for name in columns}
            )
            frame.insert(1, "Cycle", cycle)
            frame.insert(2, "Step", step)
            frames.append(frame)
    return pd.concat(frames, ignore_index=True)


def _cycle_summary(timeseries: pd.DataFrame, lithiated: str) -> pd.DataFrame:
    """Charge / discharge capacity per cycle from PyBaMM's integrated discharge capacity.

    Each step either charges or discharges, so a step's change of "Discharge capacity
    [A.h]" counts as discharge if positive and as charge if negative.
    """
    rows = []
    for cycle, frame in timeseries.groupby("Cycle"):
        by_step = frame.groupby("Step")["Discharge capacity [A.h]"]
        change = (by_step.last() - by_step.first()).to_numpy()
        discharge, charge = change.clip(min=0).sum(), (-change).clip(min=0).sum()
        rows.append(
            {
                "Cycle": cycle,
                "Charge capacity [A.h]": charge,
                "Discharge capacity [A.h]": discharge,
                "Coulombic efficiency": discharge / charge if charge > 0 else np.nan,
                f"Maximum {lithiated.removeprefix('X-averaged ')}": frame[lithiated].max(),
                "Maximum cell thickness change [m]": frame["Cell thickness change [m]"].max(),
            }
        )
    return pd.DataFrame(rows)


def run_cycling(
    parameter_set: str = "LiSi_NMC811",
    protocol: str = "cccv_1C",
    cycles: int | None = None,
    options: dict | None = None,
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
    summary = _cycle_summary(timeseries, _lithiated_fraction_name(model))
    complete = [len(c.steps) == len(experiment.cycles[0]) for c in solution.cycles]
    summary = summary[np.array(complete)].reset_index(drop=True)
    return CyclingResult(timeseries, summary, solution, len(experiment.cycles))
