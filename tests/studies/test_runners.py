"""One built cell (CellModel) for every cycle and trial rate: it gives what a fresh PyBaMM
experiment gives, at two rates from one model, and it conserves the carrier across its
reuse."""

import numpy as np
import pybamm
import pytest

from pybamm_alloying.models import DFN
from pybamm_alloying.parameters import load_parameter_set
from pybamm_alloying.studies.rate_limit import lithiation_rate_limit
from pybamm_alloying.studies.runners import CellModel, LithiationCapacity, RateCycles
from pybamm_alloying.validation import ArgumentError

LI_SI = "LiSi_NMC811"
#: IDAKLU's default relative tolerance (the model's default solver): two solves of the
#: same cell, differing only in how the runs are set up, agree to within it.
RTOL = pybamm.IDAKLUSolver().rtol


@pytest.fixture(scope="module")
def values():
    return pybamm.ParameterValues(load_parameter_set(LI_SI))


@pytest.fixture(scope="module")
def cell(values):
    """One Li-Si full cell, built once for every test of this module."""
    return CellModel(values)


def _cycle(values, rate):
    lower, upper = values["Lower voltage cut-off [V]"], values["Upper voltage cut-off [V]"]
    return (
        f"Charge at {rate} until {upper} V",
        "Rest for 10 minutes",
        f"Discharge at {rate} until {lower} V",
    )


def _charge_passed(solution) -> float:
    q = solution["Discharge capacity [A.h]"].entries
    return float(q[-1] - q[0])


@pytest.mark.parametrize("rate", ["1C", "C/2"])
def test_the_reused_model_gives_the_fresh_experiments_capacities(cell, values, rate):
    """Both rates run on the same built model (the module's), each step's charge and
    end time equal to a fresh pybamm.Simulation with the same experiment within rtol."""
    steps = _cycle(values, rate)
    model = DFN()
    fresh = pybamm.Simulation(
        model,
        parameter_values=values,
        experiment=pybamm.Experiment([steps]),
        solver=model.default_solver,
    ).solve()
    run = cell.run(steps)
    assert run.reason is None and len(run.solutions) == 3
    for mine, theirs in zip(run.solutions, fresh.cycles[0].steps):
        duration = theirs.t[-1] - theirs.t[0]
        assert mine.t[-1] - mine.t[0] == pytest.approx(duration, rel=RTOL)
        if duration > 600:  # the charge and the discharge (not the rest)
            assert _charge_passed(mine) == pytest.approx(_charge_passed(theirs), rel=RTOL)


def test_steps_end_at_their_cut_offs_and_rest_for_their_duration(cell, values):
    charge, rest, discharge = cell.run(_cycle(values, "1C")).solutions
    assert charge["Voltage [V]"].entries[-1] == pytest.approx(
        values["Upper voltage cut-off [V]"], abs=1e-6
    )
    assert rest.t[-1] - rest.t[0] == pytest.approx(600)
    assert np.all(rest["Current [A]"].entries == 0)
    assert discharge["Voltage [V]"].entries[-1] == pytest.approx(
        values["Lower voltage cut-off [V]"], abs=1e-6
    )


def test_lithium_is_conserved_over_the_reuse(cell, values):
    """Two cycles at two rates on one model, each from the initial state: the cell's
    lithium stays constant over every step of both, and both start from the same."""
    totals = [
        np.concatenate(
            [s["Total lithium [mol]"].entries for s in cell.run(_cycle(values, rate)).solutions]
        )
        for rate in ("1C", "C/5")
    ]
    for total in totals:
        assert np.ptp(total) / total[0] < 1e-6
    assert totals[1][0] == pytest.approx(totals[0][0], rel=1e-12)


def test_rate_cycles_and_search_share_one_model(values):
    """The cycles of the design study and a rate search on the same built cell: the
    search's C/20 lithiation (a charge) passes more charge than the 1C cycle's charge."""
    model = CellModel(values)
    (_, slow), (_, fast) = RateCycles(model)()
    capacity = LithiationCapacity(model)
    assert capacity(0.05) > fast["Charge capacity [A.h]"]
    assert capacity.cell is model


def test_the_step_kinds_it_cannot_run_are_refused(cell, values):
    hold = f"Hold at {values['Upper voltage cut-off [V]']} V until C/20"
    with pytest.raises(ValueError, match="current, C-rate and rest steps"):
        cell.step(hold)
    with pytest.raises(ValueError, match="voltage cut-offs only"):
        cell.step("Discharge at 1C until 1 A")


def test_a_model_of_another_cell_is_refused(cell):
    """The rate search refuses a built cell without the budget's variables."""
    with pytest.raises(ArgumentError, match="model"):
        lithiation_rate_limit(LI_SI, model=cell)
