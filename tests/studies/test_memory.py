"""ReleaseFinishedCycles: an unkept cycle's solver output is freed, results unchanged."""

import gc

import numpy as np
import pybamm
import pytest

from pybamm_alloying.studies import ReleaseFinishedCycles
from pybamm_alloying.studies.protocols import load_protocol

CYCLES = 5


def _solve(callbacks):
    model = pybamm.lithium_ion.SPM({"SEI": "solvent-diffusion limited"})
    simulation = pybamm.Simulation(
        model,
        parameter_values=pybamm.ParameterValues("Chen2020"),
        experiment=load_protocol("cccv", CYCLES, 2.5, 4.2),
        solver=pybamm.IDAKLUSolver(),
    )
    return simulation.solve(save_at_cycles=CYCLES, callbacks=callbacks)


@pytest.fixture(scope="module")
def released():
    return _solve([ReleaseFinishedCycles()])


def _live_multi_point_solutions() -> set[int]:
    gc.collect()
    return {id(o) for o in gc.get_objects() if isinstance(o, pybamm.Solution) and len(o.t) > 1}


def test_summary_variables_are_unchanged(released):
    plain = _solve(None).summary_variables
    for name in (
        "Capacity [A.h]",
        "Loss of lithium inventory [%]",
        "Change in total lithium [mol]",
    ):
        np.testing.assert_array_equal(released.summary_variables[name], plain[name], err_msg=name)


def test_kept_states_own_their_data(released):
    """Every cycle's first and last state: one time point, own arrays, no parent step."""
    states = [*released.all_first_states]
    states += [c.last_state for c in released.summary_variables.cycles]
    for state in states:
        assert state.sub_solutions == [state] and len(state.t) == 1
        assert all(y.base is None for y in state.all_ys)


def test_only_the_kept_cycles_step_solutions_stay_alive(released):
    """Unkept cycles 2-4 leave no multi-point solution behind: what is alive belongs to
    the kept first and last cycles (their steps and concatenations) or the whole run."""
    kept = {id(released)}
    for cycle in (released.cycles[0], released.cycles[-1]):
        kept |= {id(cycle)} | {id(s) for s in cycle.steps} | {id(s) for s in cycle.sub_solutions}
    assert released.cycles[1:-1] == [None] * (CYCLES - 2)
    assert _live_multi_point_solutions() <= kept


def test_the_collector_is_unfrozen_after_the_experiment(released):
    """The callback freezes the objects alive at the start for the run only."""
    assert gc.get_freeze_count() == 0
