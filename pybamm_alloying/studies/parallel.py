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

With a ``time_limit`` each case runs in a child process of its worker and gets that
many seconds of wall time; one that runs longer is killed (with the memory its solve
holds) and reported as :class:`CaseTimeout`. A child process is needed because a stalled
IDAKLU solve never returns to Python: pybammsolvers steps IDA one step at a time, so
IDA's ``max_num_steps`` never trips, and a signal handler would wait for the solve.
"""

import hashlib
import json
import multiprocessing
import os
import shutil
import sys
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


def _failure(case, error: BaseException) -> dict:
    return {"case": repr(case), "error": f"{type(error).__name__}: {error}"}


def _child(function, case, connection) -> None:
    """A time-limited case's process: its row (or its failure) sent back whole."""
    try:
        connection.send({**function(case), "error": ""})
    except Exception as error:
        connection.send(_failure(case, error))
    finally:
        connection.close()


def _start_method() -> str:
    """fork where the platform has it (no re-import of PyBaMM per case), else spawn."""
    return "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"


def run_with_time_limit(function, case, seconds: float) -> dict:
    """``function(case)`` in a child process; killed and :class:`CaseTimeout` after
    ``seconds`` of wall time. Works from any thread or worker process."""
    context = multiprocessing.get_context(_start_method())
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(function, case, sender), daemon=True)
    process.start()
    sender.close()
    try:
        if not receiver.poll(seconds):
            raise CaseTimeout(f"case exceeded its time_limit of {seconds:g} s")
        try:
            return receiver.recv()
        except EOFError:
            process.join()
            raise RuntimeError(
                f"the case's process ended without a result (exit code {process.exitcode})"
            ) from None
    finally:
        receiver.close()
        if process.is_alive():
            process.kill()
        process.join()


def guarded(function, case, seconds: float | None = None) -> dict:
    """``function(case)`` with ``"error": ""``, or the case's failure row if it raises
    (or runs longer than ``seconds``): one case of a sweep that goes on past failures."""
    try:
        if seconds is not None:
            return run_with_time_limit(function, case, seconds)
        return {**function(case), "error": ""}
    except Exception as error:  # reported per case; the sweep goes on
        return _failure(case, error)


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
            executor.submit(guarded, function, case, time_limit): k
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
