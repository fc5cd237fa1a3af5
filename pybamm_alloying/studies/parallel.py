"""Run the cases of a sweep on an executor, reporting failures instead of stopping.

Every study that runs many simulations accepts an optional
:class:`concurrent.futures.Executor`: a process pool sized to the machine by default,
any executor with ``submit`` otherwise (a Dask cluster's ``client.get_executor()``).
A case that raises is reported in its row's ``"error"`` column (type and message) and
the other cases finish.
"""

import os
import sys
from concurrent.futures import Executor, ProcessPoolExecutor, as_completed


def default_executor() -> ProcessPoolExecutor:
    """A process pool with one worker per available core."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return ProcessPoolExecutor(max_workers=cores or 1)


def _guarded(function, case) -> dict:
    try:
        return {**function(case), "error": ""}
    except Exception as error:  # reported per case; the sweep goes on
        return {"case": repr(case), "error": f"{type(error).__name__}: {error}"}


def map_cases(
    function, cases, executor: Executor | None = None, progress: bool = False
) -> list[dict]:
    """[function(case) for case in cases] on ``executor``, in order, failures reported.

    ``function`` must be a module-level function returning a dict (picklable for a
    process pool). With ``executor=None`` a default pool is created and shut down. With
    ``progress``, a line ``[k/n] done`` goes to stderr as each case finishes.
    """
    cases = list(cases)
    own = executor is None
    executor = default_executor() if own else executor
    try:
        futures = [executor.submit(_guarded, function, case) for case in cases]
        if progress:
            for done, _ in enumerate(as_completed(futures), start=1):
                print(f"[{done}/{len(futures)}] done", file=sys.stderr, flush=True)
        return [future.result() for future in futures]
    finally:
        if own:
            executor.shutdown()
