"""Shared fixtures: the provisional Li-Si set and quick ways to solve the models."""

import numpy as np
import pybamm
import pytest

import pybamm_alloying as pa


@pytest.fixture
def li_si() -> pybamm.ParameterValues:
    """A fresh copy of the provisional Li-Si || NMC811 set."""
    return pybamm.ParameterValues("LiSi_NMC811")


@pytest.fixture
def solve_particle():
    """Solve :class:`ParticleLithiation`; returns (model, solution)."""

    def solve(parameter_values, t_eval, options=None, drive="potentiostatic", var_pts=None):
        model = pa.ParticleLithiation(options, drive=drive)
        sim = pybamm.Simulation(model, parameter_values=parameter_values, var_pts=var_pts)
        t_eval = np.asarray(t_eval, dtype=float)
        return model, sim.solve(t_eval[[0, -1]], t_interp=t_eval)

    return solve


@pytest.fixture
def cell_solution():
    """Solve :class:`pybamm_alloying.DFN` under an experiment with IDAKLU."""

    def solve(parameter_values, steps, options=None, var_pts=None):
        model = pa.DFN(options)
        sim = pybamm.Simulation(
            model,
            parameter_values=parameter_values,
            experiment=pybamm.Experiment(steps),
            solver=pybamm.IDAKLUSolver(),
            var_pts=var_pts,
        )
        return model, sim.solve()

    return solve
