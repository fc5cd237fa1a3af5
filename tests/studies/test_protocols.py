"""Shipped protocols become PyBaMM experiments."""

import pytest

from pybamm_alloying.studies import load_protocol, protocol_names
from pybamm_alloying.studies.protocols import read_protocol


def test_cut_offs_fill_the_protocol():
    experiment = load_protocol("cccv", cycles=1, lower=2.0, upper=4.1)
    text = " ".join(str(step) for step in experiment.cycles[0])
    assert "4.1" in text and "2.0" in text and "4.2" not in text


def test_cut_offs_must_be_ordered():
    with pytest.raises(ValueError, match="lower < upper"):
        load_protocol("cccv", lower=4.2, upper=2.5)


@pytest.mark.parametrize("name", [n for n in protocol_names() if "rates" not in read_protocol(n)])
def test_protocol_repeats_its_cycle(name):
    steps = read_protocol(name)["steps"]
    experiment = load_protocol(name, cycles=2)
    assert len(experiment.cycles) == 2
    assert [str(s) for s in experiment.cycles[1]] == [str(s) for s in experiment.cycles[0]]
    assert len(experiment.cycles[0]) == len(steps)


def test_unknown_protocol_lists_the_shipped_ones():
    with pytest.raises(ValueError, match="cccv"):
        load_protocol("cv_only")


@pytest.mark.parametrize("cycles", [0, -1, 1.5])
def test_cycles_must_be_a_positive_integer(cycles):
    with pytest.raises(ValueError, match="cycles must be an integer >= 1"):
        load_protocol("cccv", cycles)


def test_rate_test_runs_one_cycle_per_rate_from_c10_to_10c():
    experiment = load_protocol("rate_test", lower=2.7, upper=4.1)
    discharges = [str(cycle[3]) for cycle in experiment.cycles]
    assert discharges[0].startswith("Discharge at C/10") and discharges[-1].startswith(
        "Discharge at 10C"
    )
    assert len(discharges) == len(read_protocol("rate_test")["rates"]) == 7
    with pytest.raises(ValueError, match="neither cycles nor rate"):
        load_protocol("rate_test", cycles=2)


def test_cccv_takes_its_c_rate_and_refuses_a_malformed_one():
    experiment = load_protocol("cccv", cycles=1, rate="C/3")
    assert str(experiment.cycles[0][0]).startswith("Charge at C/3")
    assert str(experiment.cycles[0][3]).startswith("Discharge at C/3")
    with pytest.raises(ValueError, match="rate must be a C-rate like"):
        load_protocol("cccv", rate="fast")
    with pytest.raises(ValueError, match="has no C-rate to set"):
        load_protocol("gitt", rate="1C")
