"""Run the cases of a sweep on an executor, reporting failures instead of stopping.

Every study that runs many simulations accepts an optional
:class:`concurrent.futures.Executor`: a process pool sized to the machine by default,
any executor with ``submit`` otherwise (a Dask cluster's ``client.get_executor()``).
A case that raises is reported in its row's ``"error"`` column (type and message) and
the other cases finish.

With a ``checkpoint`` directory each successful case's row is written there (JSON,
atomically) as it finishes, and a rerun loads those rows instead of recomputing them:
an interrupted study resumes where it stopped. Failed cases are not stored, so a rerun
tries them again.

With a ``time_limit`` each case gets that many seconds of wall time; one that runs
longer is stopped and reported as :class:`CaseTimeout` (every solve is also bounded in
steps, :data:`~pybamm_alloying.models.options.MAX_SOLVER_STEPS`).
"""

import hashlib
import json
import os
import shutil
import signal
import sys
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from concurrent.futures import Executor, ProcessPoolExecutor, as_completed
from pathlib import Path

import numpy as np

from ..files import write_atomically


def default_executor() -> ProcessPoolExecutor:
    """A process pool with one worker per available core."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return ProcessPoolExecutor(max_workers=cores or 1)


class CaseTimeout(TimeoutError):
    """A sweep case ran longer than its ``time_limit``."""


@contextmanager
def wall_clock_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`CaseTimeout` in the enclosed code after ``seconds`` of wall time.

    Uses ``SIGALRM``, so it acts in a process's main thread (a process pool's workers,
    a script), between Python bytecodes: a compiled solve is interrupted when it next
    returns to Python (each experiment step does). In another thread (a thread pool, a
    Dask worker) the limit cannot be enforced and a warning says so.
    """
    if seconds is None:
        yield
        return
    if threading.current_thread() is not threading.main_thread():
        warnings.warn(f"time_limit={seconds} s is not enforced outside a main thread", stacklevel=3)
        yield
        return

    def expire(signum, frame):
        raise CaseTimeout(f"case exceeded its time_limit of {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _guarded(function, case, seconds: float | None = None) -> dict:
    try:
        with wall_clock_limit(seconds):
            return {**function(case), "error": ""}
    except Exception as error:  # reported per case; the sweep goes on
        return {"case": repr(case), "error": f"{type(error).__name__}: {error}"}


def _case_file(checkpoint: Path, function, case) -> Path:
    """One file per (function, case), named by a hash of both."""
    key = f"{function.__module__}.{function.__qualname__}:{case!r}"
    return checkpoint / f"{hashlib.sha256(key.encode()).hexdigest()[:20]}.json"


def _plain(value):
    """numpy scalars and arrays as JSON's numbers and lists."""
    if isinstance(value, np.generic | np.ndarray):
        return value.tolist()
    raise TypeError(f"cannot store {type(value).__name__} in a checkpoint")


def _store(path: Path, row: dict) -> None:
    write_atomically(path, lambda tmp: Path(tmp).write_text(json.dumps(row, default=_plain)))


def map_cases(
    function,
    cases,
    executor: Executor | None = None,
    progress: bool = False,
    checkpoint: Path | None = None,
    time_limit: float | None = None,
) -> list[dict]:
    """[function(case) for case in cases] on ``executor``, in order, failures reported.

    ``function`` must be a module-level function returning a dict (picklable for a
    process pool). With ``executor=None`` a default pool is created and shut down. With
    ``progress``, a line ``[k/n] done`` goes to stderr as each case finishes. With
    ``checkpoint`` (a directory), finished rows are stored and reused; with
    ``time_limit`` (seconds, > 0) a longer case is stopped and reported (module docstring).
    """
    if time_limit is not None and not time_limit > 0:
        raise ValueError(f"time_limit must be > 0 [s] or None, not {time_limit}")
    cases = list(cases)
    files = [_case_file(Path(checkpoint), function, c) for c in cases] if checkpoint else []
    rows = {k: json.loads(f.read_text()) for k, f in enumerate(files) if f.is_file()}
    if checkpoint:
        Path(checkpoint).mkdir(parents=True, exist_ok=True)
        if rows and progress:
            print(f"resuming: {len(rows)} of {len(cases)} cases done", file=sys.stderr, flush=True)
    own = executor is None
    executor = default_executor() if own else executor
    try:
        futures = {
            executor.submit(_guarded, function, case, time_limit): k
            for k, case in enumerate(cases)
            if k not in rows
        }
        for done, future in enumerate(as_completed(futures), start=len(rows) + 1):
            k = futures[future]
            rows[k] = future.result()
            if checkpoint and not rows[k]["error"]:
                _store(files[k], rows[k])
            if progress:
                print(f"[{done}/{len(cases)}] done", file=sys.stderr, flush=True)
        return [rows[k] for k in range(len(cases))]
    finally:
        if own:
            executor.shutdown()


def clear_checkpoint(checkpoint: Path) -> None:
    """Remove a finished study's checkpoint directory."""
    shutil.rmtree(checkpoint, ignore_errors=True)
