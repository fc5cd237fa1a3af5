"""Every shipped protocol on every shipped couple, both particle variants (slow: ~40 min).

Each run either completes or names what stopped it (docs/reliability.md, "Failed steps"),
within a bounded time: a stalled solve is a failure of this test, not a skip.
"""

import re

import pytest

import pybamm_alloying as pa
from pybamm_alloying.studies import protocol_names, run_cycling
from pybamm_alloying.studies.parallel import run_with_time_limit

#: Wall time allowed per run [s]; the longest (Li-Sn formation_C20) takes ~60 s alone.
TIME_LIMIT = 600
#: What a named stop looks like: the cycle, the step's own words and the reason.
NAMED_STOP = re.compile(r"^cycle \d+, step \d+ \(.+\): .+")


def _run(case) -> dict:
    name, protocol, particle = case
    result = run_cycling(name, protocol, options={"alloy particle": particle})
    return {"completed": result.completed, "reason": result.stop_reason or ""}


@pytest.mark.slow
@pytest.mark.parametrize("particle", ["full", "quasi-steady"])
@pytest.mark.parametrize("protocol", protocol_names())
@pytest.mark.parametrize("name", pa.couple_names())
def test_a_shipped_protocol_completes_or_names_its_stop(name, protocol, particle):
    """Completed, or stopped at a named step, or refused at its first step with PyBaMM's
    SolverError and its reason; never a stall (CaseTimeout) or another exception."""
    row = run_with_time_limit(_run, (name, protocol, particle), TIME_LIMIT)
    if row["error"]:
        assert row["error"].startswith("SolverError: the first step"), row
    else:
        assert row["completed"] or NAMED_STOP.match(row["reason"]), row
