"""Shipped protocols become PyBaMM experiments."""

import pytest

from pybamm_alloying.studies import load_protocol, protocol_names
from pybamm_alloying.studies.protocols import read_protocol


def test_cut_offs_fill_the_protocol():
    experiment = load_protocol("cccv_1C", cycles=1, lower=2.0, upper=4.1)
    text = " ".join(str(step) for step in experiment.cycles[0])
    assert "4.1" in text and "2.0" in text and "4.2" not in text


def test_cut_offs_must_be_ordered():
    with pytest.raises(ValueError, match="lower < upper"):
        load_protocol("cccv_1C", lower=4.2, upper=2.5)


@pytest.mark.parametrize("name", protocol_names())
def test_protocol_repeats_its_cycle(name):
    steps = read_protocol(name)["steps"]
    experiment = load_protocol(name, cycles=2)
    assert len(experiment.cycles) == 2
    assert [str(s) for s in experiment.cycles[1]] == [str(s) for s in experiment.cycles[0]]
    assert len(experiment.cycles[0]) == len(steps)


def test_unknown_protocol_lists_the_shipped_ones():
    with pytest.raises(ValueError, match="cccv_1C"):
        load_protocol("gitt")


@pytest.mark.parametrize("cycles", [0, -1, 1.5])
def test_cycles_must_be_a_positive_integer(cycles):
    with pytest.raises(ValueError, match="cycles must be an integer >= 1"):
        load_protocol("cccv_1C", cycles)
