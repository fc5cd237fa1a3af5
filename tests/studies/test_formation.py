"""Formation of the conversion-alloying cells (studies/formation.py).

The first lithiation converts the oxide, M_xO_y + 2y A -> x M + y A2O, and the carrier
in A2O stays: the first cycle loses Q_lock = eps_s L A F (c_conv - c_0) (c_conv = x_conv
rho / M; c_0 what the pristine anode holds), within 2 %; without SEI every later cycle
returns what it took, CE = 1 within 1e-3. The protocol: C/20, C/20, C/10 (~3-5 s each).
"""

import numpy as np
import pybamm
import pytest

import pybamm_alloying as pa
from pybamm_alloying import cli
from pybamm_alloying.studies.formation import (
    formed_state,
    predicted_loss,
    run_formation,
)
from pybamm_alloying.studies.runners import LithiationCapacity
from pybamm_alloying.validation import OptionCompatibilityError, UnknownNameError

FARADAY = pybamm.constants.F.value
CASES = [(name, cell) for name in pa.conversion_names() for cell in ("full", "half")]


@pytest.fixture(scope="module", params=CASES, ids=[f"{n}-{c}" for n, c in CASES])
def formed(request):
    return run_formation(*request.param)


def test_the_first_cycle_loses_the_carrier_locked_in_a2o(formed):
    """charge in - charge out of cycle 1 = eps_s L A F (c_conv - c_0) / 3600 within 2 %,
    and the anode is converted (unconverted fraction < 1e-3, the locked carrier c_conv
    eps_s L A F within 1e-3)."""
    first = formed.cycles.iloc[0]
    values = formed.values
    domain = "Positive" if formed.cell == "half" else "Negative"
    volume = (
        values[f"{domain} electrode active material volume fraction"]
        * values[f"{domain} electrode thickness [m]"]
        * values["Electrode width [m]"]
        * values["Electrode height [m]"]
    )
    c_conv = values[f"{domain} electrode conversion concentration [mol.m-3]"]
    c_0 = values[f"Initial concentration in {domain.lower()} electrode [mol.m-3]"]
    expected = volume * (c_conv - c_0) * FARADAY / 3600
    assert first["predicted loss [A.h]"] == pytest.approx(expected, rel=1e-12)
    assert first["irreversible loss [A.h]"] == pytest.approx(expected, rel=2e-2)
    assert first["unconverted fraction"] < 1e-3
    locked = volume * c_conv * FARADAY / 3600
    assert first["locked carrier [A.h]"] == pytest.approx(locked, rel=1e-3)


def test_later_cycles_return_what_they_take(formed):
    """No SEI: CE = 1 within 1e-3 from the second cycle, and no more carrier is locked."""
    later = formed.cycles.iloc[1:]
    assert np.all(np.abs(later["coulombic efficiency"] - 1) < 1e-3)
    assert np.all(later["predicted loss [A.h]"] == 0)
    locked = formed.cycles["locked carrier [A.h]"]
    assert np.ptp(locked) < 1e-6 * locked.iloc[0]


def test_the_half_cell_first_efficiency_is_reversible_over_first_capacity():
    """Half cell: CE_1 = x_alloy / x within 2 % (SnO2: 4.4 / 8.4 = 52.4 %; SiO: 2.8125 /
    3.8125 = 73.8 %), the stoichiometric first-cycle efficiency."""
    for name in pa.conversion_names():
        values = pybamm.ParameterValues(name)
        x = values["Negative electrode carriers per host atom"]
        x_conv = values["Negative electrode conversion carriers per host atom"]
        first = run_formation(name, "half", rates=("C/20",)).cycles.iloc[0]
        assert first["coulombic efficiency"] == pytest.approx((x - x_conv) / x, rel=2e-2)


def test_an_alloy_couple_locks_nothing():
    assert predicted_loss(pybamm.ParameterValues("LiSn_NMC811")) == 0.0


def test_a_simulation_started_from_the_formed_state_cycles_the_reversible_capacity():
    """The formed LiSnO2 cell (converted, discharged): a C/20 charge takes the designed
    reversible capacity within 1 % (not the first charge's Q_rev/(N/P) + Q_lock), both
    from PyBaMM's Simulation started there (FormedState.start) and from the rate
    search's lithiation started from the formed state."""
    name = "LiSnO2_NMC811"
    state = formed_state(name, rates=("C/20",))
    options = {"alloy particle": "conversion"}
    nominal = state.values["Nominal cell capacity [A.h]"]
    values = state.values.copy()
    values["Current function [A]"] = -nominal / 20
    model = pa.DFN(options)
    simulation = pybamm.Simulation(model, parameter_values=values, solver=model.default_solver)
    charge = state.start(simulation).solve([0, 30 * 3600])  # ends at the upper cut-off
    assert charge.t[-1] < 30 * 3600
    assert nominal / 20 * charge.t[-1] / 3600 == pytest.approx(nominal, rel=1e-2)
    capacity = LithiationCapacity(state.values, options, start=state.state)
    assert capacity(0.05) == pytest.approx(nominal, rel=1e-2)
    assert state.cycles["charge in [A.h]"].iloc[0] > 1.9 * nominal


@pytest.mark.parametrize(
    "call, error, message",
    [
        (lambda: run_formation("LiSnO2"), UnknownNameError, "did you mean 'LiSnO2_NMC811'"),
        (lambda: run_formation("LiSnO2_NMC811", "quarter"), UnknownNameError, "cell must be"),
        (lambda: run_formation("LiSnO2_NMC811", rates=[]), ValueError, "rates must be"),
        (lambda: run_formation("LiSnO2_NMC811", rates="C/20"), ValueError, "rates must be"),
        (lambda: run_formation("LiSnO2_NMC811", rates=["C/0"]), ValueError, "C-rate > 0"),
        (
            lambda: run_formation("LiSnO2_NMC811", options={"alloy particle": "quasi-steady"}),
            OptionCompatibilityError,
            "must be 'conversion' for conversion set",
        ),
        (
            lambda: run_formation("LiSn_NMC811", options={"alloy particle": "conversion"}),
            ValueError,
            "conversion concentration",
        ),
    ],
)
def test_bad_input_is_refused_before_any_solve(call, error, message, monkeypatch):
    def started(*args, **kwargs):
        raise AssertionError("a solve was started for input that must be refused")

    monkeypatch.setattr(pybamm.Simulation, "solve", started)
    with pytest.raises(error, match=message):
        call()


def test_the_command_writes_its_table_and_refuses_bad_input(tmp_path, capfd):
    out = tmp_path / "formed"
    assert cli.main(["formation", "LiSnO2_NMC811", "--rates", "C/20", "--out", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "formation.csv",
        "formation.png",
        "timeseries.csv",
    ]
    assert "predicted loss [A.h]" in capfd.readouterr().out
    bad = tmp_path / "bad"
    assert (
        cli.main(["formation", "LiSn_NMC811", "--particle", "conversion", "--out", str(bad)]) == 2
    )
    assert "argument --particle" in capfd.readouterr().err
    assert not bad.exists()
