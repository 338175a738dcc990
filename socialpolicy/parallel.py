"""Checking a big batch of posts on every core, in forked worker processes.

Parsing posts with the language model takes most of a large run, and it runs on
one core. For a big calendar the ``Linter`` checks its first posts itself (so
the model, Presidio and the patterns those posts need are loaded once) and then
forks workers that inherit all of it and check the rest in chunks; the findings
come back in the posts' order. Nothing but findings crosses between processes.

Forking is used only where it is safe and pays: on Linux, when the process runs
no other threads (forking a threaded process, as in a web server, can deadlock),
outside another worker, and for batches large enough to be worth a process.
Everything else runs in the calling process, as ``jobs = 1`` always does.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

Item = TypeVar("Item")

# Set in each worker process by _start_worker, never in the parent: a forked
# worker finds its work here instead of having it pickled to it.
_WORK: Callable[[Any], Any] | None = None


def cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def usable_jobs(requested: int, chunks: int) -> int:
    """How many processes to use: ``requested`` (0 = one per core), or 1 when forking is unsafe."""
    wanted = cpu_count() if requested <= 0 else requested
    wanted = min(wanted, chunks)
    if wanted <= 1:
        return 1
    if not sys.platform.startswith("linux") or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    if multiprocessing.current_process().daemon or threading.active_count() > 1:
        return 1
    return wanted


def _start_worker(work: Callable[[Any], Any]) -> None:
    global _WORK
    _WORK = work
    # Ctrl-C is the parent's to handle: it stops the workers and exits with 130.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # SIGTERM keeps its default action in a worker: the process ends at once, holding
    # no Python lock (a Python-level handler could leave another worker waiting on the
    # task queue's lock for ever while the pool is terminated). The parent turns its
    # own SIGTERM into a clean stop (run.py), so no worker prints a traceback.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _run(item: Any) -> Any:
    assert _WORK is not None
    return _WORK(item)


def ordered_map(work: Callable[[Item], Any], items: Sequence[Item], jobs: int) -> Iterator[Any]:
    """``work`` over ``items`` in ``jobs`` forked processes, results in input order."""
    context = multiprocessing.get_context("fork")
    with context.Pool(jobs, initializer=_start_worker, initargs=(work,)) as pool:
        yield from pool.imap(_run, items)
