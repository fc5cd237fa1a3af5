"""Generated parameter documentation: complete, current, and one row per couple."""

import filecmp
from pathlib import Path

import pytest

import pybamm_alloying as pa
from pybamm_alloying.parameters import couple_table, write_parameter_docs

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_committed_tables_match_the_parameter_files(tmp_path):
    """docs/ is regenerated with `pybamm-alloying docs --out docs`; stale tables fail here."""
    for path in write_parameter_docs(tmp_path):
        committed = DOCS / path.relative_to(tmp_path)
        assert committed.exists(), f"{committed} missing: run `pybamm-alloying docs --out docs`"
        assert filecmp.cmp(path, committed, shallow=False), f"{committed} is stale"


def test_every_couple_is_listed_once():
    listed = pa.list_couples()
    assert sorted(listed["name"]) == sorted(pa.couple_names() + pa.conversion_names())
    assert (listed["Da"] > 0).all()


@pytest.mark.parametrize("name", pa.couple_names() + pa.conversion_names())
def test_couple_table_has_a_source_for_every_row(name):
    table = couple_table(name)
    assert (table["source"].str.len() > 0).all()
    assert "Maximum concentration in negative electrode" in set(table["quantity"])
