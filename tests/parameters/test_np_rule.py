"""The N/P rule with the conversion loss (parameters/design.py, electrode_design).

A conversion-alloying anode locks x_conv carriers per host unit in A2O on its first
lithiation. The rule counts N/P on the anode's reversible (alloy) capacity Q_rev,a and
lets the cathode also supply the locked carrier Q_lock: Q_c = Q_rev,a / (N/P) + Q_lock,
so the formed cell cycles Q_c - Q_lock = Q_rev,a / (N/P) (its nominal capacity) and
keeps the anode excess N/P of the alloy couples. An alloy couple has Q_lock = 0.
"""

import pybamm
import pytest

import pybamm_alloying as pa
from pybamm_alloying.parameters.design import formed_cathode_stoichiometry
from pybamm_alloying.studies.formation import run_formation

FARADAY = pybamm.constants.F.value
N = "Negative electrode "


def _per_area_Ah(values, concentration: float, domain: str = "negative") -> float:
    """Charge of ``concentration`` [mol.m-3] of the electrode's active material [A.h]."""
    Domain = domain.capitalize()
    return (
        concentration
        * values[f"{Domain} electrode active material volume fraction"]
        * values[f"{Domain} electrode thickness [m]"]
        * values["Electrode width [m]"]
        * values["Electrode height [m]"]
        * FARADAY
        / 3600
    )


def _cathode_Ah(values) -> float:
    window = (
        values["Positive electrode stoichiometry at full discharge"]
        - values["Positive electrode stoichiometry at full charge"]
    )
    c_max = values["Maximum concentration in positive electrode [mol.m-3]"]
    return _per_area_Ah(values, window * c_max, "positive")


@pytest.mark.parametrize("name", pa.conversion_names())
def test_the_cathode_supplies_the_reversible_capacity_over_np_and_the_locked_carrier(name):
    """Q_c = Q_rev,a / (N/P) + Q_lock with Q_rev,a = eps L A F (c_max - c_conv) and Q_lock
    = eps L A F (c_conv - c_0) (c_0 what the pristine anode holds); the nominal capacity
    is Q_rev,a / (N/P); the reversible capacity is x_alloy / x_conv of the conversion's
    (Q_rev,a / Q_conv,a = (x - x_conv) / x_conv, the brief's Q_conv,a)."""
    values = pybamm.ParameterValues(name)
    c_max = values["Maximum concentration in negative electrode [mol.m-3]"]
    c_conv = values[N + "conversion concentration [mol.m-3]"]
    c_0 = values["Initial concentration in negative electrode [mol.m-3]"]
    reversible = _per_area_Ah(values, c_max - c_conv)
    locked = _per_area_Ah(values, c_conv - c_0)
    np_ratio = values["N/P capacity ratio"]
    assert _cathode_Ah(values) == pytest.approx(reversible / np_ratio + locked, rel=1e-12)
    assert values["Nominal cell capacity [A.h]"] == pytest.approx(reversible / np_ratio, rel=1e-12)
    x, x_conv = (
        values[N + "carriers per host atom"],
        values[N + "conversion carriers per host atom"],
    )
    assert reversible / _per_area_Ah(values, c_conv) == pytest.approx((x - x_conv) / x_conv)


@pytest.mark.parametrize("name", ["LiSn_NMC811", "LiSi_NMC811"])
def test_an_alloy_couple_keeps_np_on_its_whole_capacity(name):
    """No locked carrier: Q_rev,a = eps L A F c_max = (N/P) Q_c and the nominal is Q_c."""
    values = pybamm.ParameterValues(name)
    anode = _per_area_Ah(values, values["Maximum concentration in negative electrode [mol.m-3]"])
    assert anode == pytest.approx(values["N/P capacity ratio"] * _cathode_Ah(values), rel=1e-12)
    assert values["Nominal cell capacity [A.h]"] == pytest.approx(_cathode_Ah(values), rel=1e-12)
    assert (
        formed_cathode_stoichiometry(values)
        == values["Positive electrode stoichiometry at full discharge"]
    )


@pytest.mark.parametrize("name", pa.conversion_names())
def test_a_formed_cell_discharges_its_designed_reversible_capacity(name):
    """Two C/20 formation cycles (CC-CV charge to the upper cut-off, CC discharge to the
    lower one): the second discharge is the designed Q_rev,a / (N/P) within 1 %; the
    formed cell's ends are those of its cut-offs: charged, the anode's alloy at y = 1/(N/P)
    within 1 %; discharged, the alloy empty (y < 1 %) and the cathode at
    :func:`formed_cathode_stoichiometry` (its full-discharge stoichiometry less the
    locked carrier) within 1 %."""
    result = run_formation(name, rates=("C/20", "C/20"))
    values, cycle = result.values, result.solution.cycles[1]
    designed = values["Nominal cell capacity [A.h]"]
    assert result.cycles["charge out [A.h]"].iloc[1] == pytest.approx(designed, rel=1e-2)
    c_max = values["Maximum concentration in negative electrode [mol.m-3]"]
    c_alloy = c_max - values[N + "conversion concentration [mol.m-3]"]
    alloy = cycle["X-averaged negative alloy carrier concentration [mol.m-3]"].entries / c_alloy
    charged_end = len(cycle.steps[0].t) + len(cycle.steps[1].t) - 1
    assert alloy[charged_end] == pytest.approx(1 / values["N/P capacity ratio"], rel=1e-2)
    assert abs(alloy[-1]) < 1e-2
    cathode = cycle["Positive electrode stoichiometry"].entries[-1]
    assert cathode == pytest.approx(formed_cathode_stoichiometry(values), rel=1e-2)
