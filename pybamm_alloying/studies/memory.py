"""Bounded memory for long experiments: release each finished cycle's solver output."""

import copy
import gc

import pybamm

#: The array-holding slots of a one-point :class:`pybamm.Solution` (PyBaMM 26.10).
_STATE_DATA = (
    "_all_ts",
    "_all_ys",
    "_all_ys_and_sens",
    "_all_yps",
    "_all_t_evals",
    "_all_sensitivities",
    "_t_event",
    "_y_event",
    "_y0",
    "_y0_sensitivities",
    "_y_event_sensitivities",
)


def detach_state(state: pybamm.Solution) -> None:
    """Make a one-point solution own its data, in place.

    PyBaMM 26.10 builds a cycle's ``first_state`` and ``last_state`` (kept for every
    cycle in ``Solution.all_first_states`` and the summary variables) as numpy *views*
    of the first and last step's arrays, and keeps those steps as their sub-solutions.
    One kept state therefore holds a whole step's output alive: about the size of the
    cycle's time series (8 MB per cycle for PyBaMM's DFN on Chen2020 with 1C CC-CV,
    16-26 MB for the alloy cells), even when ``save_at_cycles`` discards the cycle.
    Copying the one-point arrays (one deep copy so that slots sharing an array still
    share it) and dropping the sub-solutions frees the step.
    """
    memo: dict = {}
    for slot in _STATE_DATA:
        setattr(state, slot, copy.deepcopy(getattr(state, slot), memo))
    state._sub_solutions = []


class ReleaseFinishedCycles(pybamm.callbacks.Callback):
    """PyBaMM callback that bounds the memory of a summary-only experiment.

    At the end of each cycle:

    * the cycle's first and last states are detached from its step solutions
      (:func:`detach_state`), so a cycle that ``save_at_cycles`` does not keep is freed;
    * the cyclic garbage is collected. Each step solution and its cached ``last_state``
      (which PyBaMM hands to the next step) refer to each other, so a finished step is
      freed only by a full collection, which Python runs rarely once the model's ~2e5
      objects are long-lived: without it the peak memory of a Na-Sn run rose by ~0.4 GB
      between collections. The objects alive when the experiment starts (the built
      models and solvers) are frozen (:func:`gc.freeze`) for its duration, so that a
      collection scans only what the experiment creates; the experiment's end or error
      unfreezes them.

    Results are unchanged. Pass it to ``Simulation.solve(callbacks=[...])``
    (:func:`~pybamm_alloying.studies.run_cycling` always does).
    """

    def on_experiment_start(self, logs: dict) -> None:
        gc.collect()
        gc.freeze()

    def on_cycle_end(self, logs: dict) -> None:
        summary = logs.get("summary variables")
        if summary is not None:
            detach_state(summary.first_state)
            detach_state(summary.last_state)
        gc.collect()

    def on_experiment_end(self, logs: dict) -> None:
        gc.unfreeze()

    def on_experiment_error(self, logs: dict) -> None:
        gc.unfreeze()
