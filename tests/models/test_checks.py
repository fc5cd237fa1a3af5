"""A hand-built pybamm.Simulation checks the alloy models' parameters before any solve.

The solver is a subclass of IDAKLU that records its calls: "before any solve" means
that it was never called, not that the error came quickly.
"""

import numpy as np
import pybamm
import pytest

import pybamm_alloying as pa
from pybamm_alloying.submodels.surface_drive import SURFACE_CONCENTRATION
from pybamm_alloying.validation import (
    ArgumentError,
    ParameterError,
    ProtocolError,
    UnknownNameError,
)

RADIUS = "Negative particle radius [m]"
C_EQ = "Negative electrode shell equilibrium concentration [mol.m-3]"
C_MAX = "Maximum concentration in negative electrode [mol.m-3]"
MODELS = {"DFN": pa.DFN, "ParticleLithiation": pa.ParticleLithiation}


class RecordingSolver(pybamm.IDAKLUSolver):
    """IDAKLU that counts the solves (and experiment steps) asked of it."""

    def __init__(self):
        super().__init__()
        self.calls = 0

    def solve(self, *args, **kwargs):
        self.calls += 1
        return super().solve(*args, **kwargs)

    def step(self, *args, **kwargs):
        self.calls += 1
        return super().step(*args, **kwargs)


def _values(model, updates=None) -> pybamm.ParameterValues:
    """LiSi_NMC811 (the single particle held halfway between c_eq and c_max, where it
    lithiates) and ``updates``."""
    values = pybamm.ParameterValues("LiSi_NMC811")
    if isinstance(model, pa.ParticleLithiation):
        held = 0.5 * (values[C_EQ] + values[C_MAX])
        values.update({SURFACE_CONCENTRATION: held}, check_already_exists=False)
    values.update(updates or {}, check_already_exists=False)
    return values


def _refused(model, values, error, *named, experiment=None):
    """Build and solve by hand; assert ``error`` naming every text in ``named`` and no
    solver call."""
    solver = RecordingSolver()
    simulation = pybamm.Simulation(
        model, parameter_values=values, experiment=experiment, solver=solver
    )
    with pytest.raises(error) as raised:
        simulation.solve(None if experiment else [0, 100])
    for text in named:
        assert text in str(raised.value)
    assert solver.calls == 0


BAD_VALUES = {
    "negative radius": ({RADIUS: -1e-9}, ParameterError, (RADIUS, "finite and > 0", "-1e-09")),
    "infinite radius": ({RADIUS: np.inf}, ParameterError, (RADIUS, "a finite number")),
    "c_eq above c_max": ({C_EQ: 4e5}, ParameterError, (C_EQ, "< c_max = ", "400000.0")),
    "misspelled name": (
        {"Negative particle radus [m]": 1e-7},
        UnknownNameError,
        ("'Negative particle radus [m]'", f"did you mean {RADIUS!r}"),
    ),
    "residual core fraction above 1": (
        {"Negative electrode residual core volume fraction": 1.5},
        ParameterError,
        ("Negative electrode residual core volume fraction", "in (0, 1)", "1.5"),
    ),
}


@pytest.mark.parametrize("model_name", MODELS)
@pytest.mark.parametrize("case", BAD_VALUES)
def test_bad_values_are_named_before_any_solve(model_name, case):
    """Each bad value in a hand-built Simulation raises the error that names it and
    its allowed range; the solver is never called."""
    updates, error, named = BAD_VALUES[case]
    model = MODELS[model_name]()
    _refused(model, _values(model, updates), error, *named)


def test_half_cell_values_in_a_full_cell_model_are_refused():
    """A half cell's values (the alloy in the positive slot) in the full-cell DFN ran
    and gave 0.05 Ah; now a named error points to the half-cell option."""
    values = pybamm.ParameterValues(pa.load_half_cell("LiSi_NMC811"))
    _refused(pa.DFN(), values, ParameterError, "a full cell's", "'working electrode'")


@pytest.mark.parametrize(
    "step, named",
    [
        ("Charge at 1C until 5.0 V", "'Voltage > 5.0 [V] [experiment]'"),
        ("Discharge at 1C until 1.0 V", "'Voltage < 1.0 [V] [experiment]'"),
        ("Hold at 5.0 V for 10 s", "Voltage function [V]"),
    ],
)
def test_experiment_voltages_outside_the_window_are_refused(step, named):
    """An experiment step that holds or stops at a voltage outside the open-circuit
    window (2.36-4.63 V for LiSi_NMC811) never ends at open circuit: refused, naming
    the step's event and the window."""
    model = pa.DFN()
    experiment = pybamm.Experiment([step])
    _refused(
        model, _values(model), ProtocolError, named, "open-circuit window", experiment=experiment
    )


@pytest.mark.parametrize("model_name", MODELS)
@pytest.mark.parametrize(
    "updates, named",
    [
        ({RADIUS: np.nan}, "a finite number"),
        ({RADIUS: 0.0}, "> 0"),
        ({"Negative electrode residual core volume fraction": 1.0}, "(0, 1)"),
    ],
)
def test_values_pybamm_cannot_process_are_named_before_any_solve(model_name, updates, named):
    """A NaN (which PyBaMM's processing takes for a missing value), a zero radius and a
    residual core fraction of 1 (which its simplification divides by) are refused by
    name before PyBaMM substitutes them, and the solver is never called."""
    model = MODELS[model_name]()
    _refused(model, _values(model, updates), ParameterError, next(iter(updates)), named)


@pytest.mark.parametrize("model_name", MODELS)
@pytest.mark.parametrize("variant, points", [("full", 2), ("full", 0), ("quasi-steady", 0)])
def test_too_few_shell_points_are_named_as_the_mesh_is_built(model_name, variant, points):
    """Fewer shell cells than the variant's finite volumes need (3 full, 1 quasi-steady)
    give a named error from the shell's submesh, not PyBaMM's IndexError; no solve."""
    model = MODELS[model_name]({"alloy particle": variant})
    var_pts = {**model.default_var_pts, pa.shell_coordinate("negative"): points}
    solver = RecordingSolver()
    simulation = pybamm.Simulation(
        model, parameter_values=_values(model), var_pts=var_pts, solver=solver
    )
    with pytest.raises(ArgumentError, match=r"var_pts of the shell coordinate 'xi_n'.*>= "):
        simulation.solve([0, 100])
    assert solver.calls == 0


def test_direct_processing_is_checked_too():
    """``ParameterValues.process_model`` in place (no Simulation) runs the same check."""
    model = pa.ParticleLithiation()
    with pytest.raises(ParameterError, match="Negative particle radius"):
        _values(model, {RADIUS: -1e-9}).process_model(model)


@pytest.mark.parametrize("model_name", MODELS)
def test_a_valid_set_still_solves(model_name):
    """The checked path solves a valid set: one solver call, and the alloy takes up
    carrier (its lithiated fraction rises; the cell is charged at 1C)."""
    model = MODELS[model_name]()
    values = _values(model)
    values["Current function [A]"] = -values["Nominal cell capacity [A.h]"]
    solver = RecordingSolver()
    simulation = pybamm.Simulation(model, parameter_values=values, solver=solver)
    solution = simulation.solve([0, 600])
    fraction = solution["Negative lithiated fraction"].entries
    assert solver.calls == 1
    assert solution.t[-1] == pytest.approx(600)
    assert np.mean(fraction[..., -1]) > np.mean(fraction[..., 0])
