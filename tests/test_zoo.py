"""The PyBaMM model zoo finds pybamm_alloying.DFN through its entry point and the DFN
passes the zoo's portable (MODEL-scope) contract checks."""

import runpy

import pybamm
import pybamm_model_zoo as zoo
import pytest
from pybamm_model_zoo.testing import contract

import pybamm_alloying
from pybamm_alloying.citations import CITATIONS

NAME = "AlloyingDFN"


@pytest.fixture(scope="module")
def entry() -> zoo.ModelEntry:
    """The manifest entry, as the zoo discovers it from the installed distribution."""
    return zoo.refresh()[NAME]


def test_the_entry_point_advertises_the_alloy_dfn(entry):
    assert entry.external and entry.distribution == "pybamm-alloying"
    assert zoo.load(NAME) is pybamm_alloying.DFN


@pytest.mark.parametrize(
    "check", contract.checks_in_scope(contract.MODEL), ids=lambda check: check.name
)
def test_model_scope_contract(entry, check):
    assert check.name not in entry.tests.skip_contract
    check.run(entry)


def test_citation_bib_is_the_bibtex_the_package_registers(entry):
    """The folder's CITATION.bib (which the zoo reads) is a copy of CITATIONS, kept equal."""
    assert zoo.read_citations(entry.path) == CITATIONS, (
        'regenerate it: python -c "from pybamm_alloying.citations import CITATIONS; '
        "print('\\n\\n'.join(CITATIONS.values()))\" > pybamm_alloying/zoo/alloying_dfn/CITATION.bib"
    )


def test_the_entrys_own_physics_test_and_example_run(entry, capsys):
    """The folder's test (C/20 capacity, lithium conservation) and its example cycle."""
    tests = runpy.run_path(str(entry.path / "tests" / "test_alloying_dfn.py"))
    tests["test_a_c20_cycle_delivers_the_nominal_capacity_and_keeps_the_lithium"]()
    solution = runpy.run_path(str(entry.path / "examples" / "run_alloying_dfn.py"))["main"]()
    assert "A.h nominal" in capsys.readouterr().out
    assert solution["Voltage [V]"].entries[-1] == pytest.approx(
        pybamm.ParameterValues("LiSi_NMC811")["Lower voltage cut-off [V]"], abs=1e-3
    )
