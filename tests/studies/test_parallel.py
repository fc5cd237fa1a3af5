"""Sweeps: a broken case is reported, the others finish; an interrupted sweep resumes;
a case that runs too long is stopped."""

import json
import os
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

import pandas as pd
import pytest

from pybamm_alloying.studies import anode_comparison, composite
from pybamm_alloying.studies.parallel import map_cases

CALLS = []
INTERRUPT_AT = {"case": None}


def _square(case: int) -> dict:
    """A case: raises on negative input, is interrupted (Ctrl-C) at INTERRUPT_AT."""
    CALLS.append(case)
    if case == INTERRUPT_AT["case"]:
        raise KeyboardInterrupt
    if case < 0:
        raise ValueError(f"case must be >= 0, not {case}")
    return {"case value": case, "square": case**2}


@pytest.fixture(autouse=True)
def _reset():
    CALLS.clear()
    INTERRUPT_AT["case"] = None


def test_a_broken_case_is_reported_and_the_others_finish():
    rows = map_cases(_square, [1, -2, 3], ThreadPoolExecutor(2))
    assert [r["error"] for r in rows] == ["", "ValueError: case must be >= 0, not -2", ""]
    assert rows[1]["case"] == "-2" and rows[2]["square"] == 9


def test_an_interrupted_sweep_resumes_to_the_same_table(tmp_path):
    cases = list(range(6))
    full = pd.DataFrame(map_cases(_square, cases, ThreadPoolExecutor(1)))
    INTERRUPT_AT["case"] = 3
    with pytest.raises(KeyboardInterrupt):
        map_cases(_square, cases, ThreadPoolExecutor(1), checkpoint=tmp_path)
    stored = {json.loads(f.read_text())["case value"] for f in tmp_path.glob("*.json")}
    assert stored <= {0, 1, 2} and not list(tmp_path.glob(".*"))  # whole files only
    CALLS.clear()
    INTERRUPT_AT["case"] = None
    resumed = pd.DataFrame(map_cases(_square, cases, ThreadPoolExecutor(1), checkpoint=tmp_path))
    assert sorted(CALLS) == [c for c in cases if c not in stored]  # finished cases not rerun
    pd.testing.assert_frame_equal(resumed, full)


def test_failed_cases_are_retried_on_resume(tmp_path):
    map_cases(_square, [1, -1], ThreadPoolExecutor(1), checkpoint=tmp_path)
    CALLS.clear()
    map_cases(_square, [1, -1], ThreadPoolExecutor(1), checkpoint=tmp_path)
    assert CALLS == [-1]


def test_a_composite_study_resumes_from_its_checkpoint(tmp_path, monkeypatch):
    """The second run of the same study loads its rows: no model is built, same table.
    (At 0.2: Li-Ge + graphite at 0.05-0.1 sits at the edge of IDA's convergence at the
    end of a discharge, where roundoff decides whether a C/10 or 1C cycle completes;
    docs/performance.md, "One built model per couple".)"""
    first = composite.composite_study(
        ["LiGe_graphite_NMC811"], (0.2,), ThreadPoolExecutor(1), False, checkpoint=tmp_path
    )
    assert (first["error"] == "").all()

    def no_build(*args, **kwargs):
        raise AssertionError("a finished case was recomputed")

    monkeypatch.setattr(composite, "CompositeSweep", no_build)
    second = composite.composite_study(
        ["LiGe_graphite_NMC811"], (0.2,), ThreadPoolExecutor(1), False, checkpoint=tmp_path
    )
    pd.testing.assert_frame_equal(second, first)


def _nap(seconds: float) -> dict:
    """A case that takes ``seconds`` of wall time (a hang, for a long one)."""
    time.sleep(seconds)
    return {"slept [s]": seconds}


def test_a_case_over_its_time_limit_is_stopped_and_reported():
    with ProcessPoolExecutor(2) as pool:
        rows = map_cases(_nap, [0.01, 600, 0.02], pool, time_limit=2)
    assert rows[1]["error"] == "CaseTimeout: case exceeded its time_limit of 2 s"
    assert [rows[0]["error"], rows[2]["error"]] == ["", ""] and rows[2]["slept [s]"] == 0.02


def test_a_solve_over_its_time_limit_is_stopped_and_reported():
    """A real design case (build and solve take tens of seconds) under a 1 s limit."""
    with ProcessPoolExecutor(1) as pool:
        table = anode_comparison.compare_anodes(
            ["LiSi_NMC811"], pool, rate_limit=False, time_limit=1
        )
    assert table["error"].iloc[0].startswith("CaseTimeout")


def test_a_time_limit_is_enforced_in_a_thread_pool_too():
    """The case runs in its own process, so a thread's case is killed as well."""
    rows = map_cases(_nap, [600, 0.01], ThreadPoolExecutor(2), time_limit=1)
    assert rows[0]["error"] == "CaseTimeout: case exceeded its time_limit of 1 s"
    assert rows[1] == {"slept [s]": 0.01, "error": ""}


def _die(code: int) -> dict:
    os._exit(code)


def test_a_case_whose_process_dies_is_reported_with_its_exit_code():
    rows = map_cases(_die, [3], ThreadPoolExecutor(1), time_limit=10)
    assert (
        rows[0]["error"] == "RuntimeError: the case's process ended without a result (exit code 3)"
    )


@pytest.mark.parametrize("bad", [0, -1.0])
def test_a_non_positive_time_limit_is_refused(bad):
    with pytest.raises(ValueError, match="time_limit must be > 0"):
        map_cases(_square, [1], ThreadPoolExecutor(1), time_limit=bad)
