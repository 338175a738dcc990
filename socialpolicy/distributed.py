"""Checking the posts of a large input on a Dask cluster (``check --dask ADDRESS``).

The posts are cut into partitions and sent to the cluster's workers; each worker
builds one ``Linter`` from the run's settings the first time it is asked (rules
compiled, language model loaded) and keeps it for every later partition of the
run. Findings come back partition by partition in the posts' order, so the report
is the same, in the same order, as on one machine. Calendar-wide rules
(an account gone quiet) and the result cache stay on the machine that runs ``check``:
they need every post, and they are cheap.

What travels to the workers: the configuration, the rule selection, the accounts
register (read once here, so workers need no copy of it) and the posts. Workers
need socialpolicy (and a language model) installed, and a Trust's own rule folders
(``rule_paths``) readable at the same path, as on a shared filesystem.

``local`` starts a ``LocalCluster`` on this machine, one worker per core. Dask is an
optional extra (``pip install 'socialpolicy[dask]'``): without it ``--dask`` says
exactly that.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from .errors import ConfigError

if TYPE_CHECKING:
    from .accounts import Register
    from .config import Config
    from .engine import Linter, Result
    from .kinds.base import CalendarInfo
    from .models import Post

MISSING = ("--dask needs Dask, which is not installed; install it with: "
           "pip install 'socialpolicy[dask]'")
# Posts per task: enough for an efficient language-model pass, small enough that
# every worker stays busy to the end of the run.
PARTITION = 256
_WORKER_KEY = "socialpolicy_linters"


@dataclass(frozen=True)
class LinterSpec:
    """What a worker needs to build the same Linter as the machine running ``check``."""

    config: Config
    select: tuple[str, ...]
    ignore: tuple[str, ...]
    show_evidence: bool
    register: Register | None

    def key(self) -> str:
        return hashlib.blake2b(pickle.dumps(self), digest_size=16).hexdigest()


def spec_for(linter: Linter) -> LinterSpec:
    register = linter.resources.register
    chosen = tuple(sorted(r.id for r in linter.rules))
    # The worker selects exactly the rules this linter runs (already filtered).
    return LinterSpec(replace(linter.config, jobs=1, cache_dir=None), chosen, (),
                      linter.show_evidence, register)


def _worker_linter(spec: LinterSpec) -> Linter:
    """This worker's Linter for the run, built on first use and kept."""
    from .engine import Linter

    try:
        from distributed import get_worker

        holder: Any = get_worker()
    except (ImportError, ValueError):  # pragma: no cover - run outside a worker
        holder = _worker_linter
    linters: dict[str, Linter] = holder.__dict__.setdefault(_WORKER_KEY, {})
    key = spec.key()
    if key not in linters:
        linters[key] = Linter(spec.config, select=spec.select, ignore=spec.ignore,
                              show_evidence=spec.show_evidence, register=spec.register, jobs=1)
    return linters[key]


def check_partition(spec: LinterSpec, posts: list[Post], calendar: CalendarInfo | None) -> list[Result]:
    """Run on a worker: every per-post rule over one partition, each post's findings."""
    return _worker_linter(spec)._check_batch(posts, calendar)


class DaskRunner:
    """A connection to a cluster that checks batches of posts for one Linter at a time."""

    def __init__(self, client: Any, partition: int = PARTITION):
        self.client = client
        self.partition = partition

    def map_batches(
        self, linter: Linter, posts: Sequence[Post], calendar: CalendarInfo | None
    ) -> Iterator[tuple[int, list[Result]]]:
        """(posts checked, their findings) for each partition, in the posts' order."""
        if not posts:
            return
        # A key of its own for each call (hash=False): with the content's hash, a second
        # call on the same cluster (the next file of a run) reused the key of the first
        # call's copy while the scheduler was still releasing it, and its tasks failed
        # with "lost dependencies".
        spec = self.client.scatter(spec_for(linter), broadcast=True, hash=False)
        size = self.partition
        partitions = [list(posts[i:i + size]) for i in range(0, len(posts), size)]
        futures = [self.client.submit(check_partition, spec, part, calendar, pure=False)
                   for part in partitions]
        try:
            for part, future in zip(partitions, futures, strict=True):
                yield len(part), future.result()
        finally:
            for future in futures:
                future.cancel()


def _imports() -> tuple[Any, Any]:
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise ConfigError("--dask", MISSING) from None
    return Client, LocalCluster


@contextmanager
def connect(address: str, workers: int | None = None,
            partition: int = PARTITION) -> Iterator[DaskRunner]:
    """A runner on the cluster at ``address`` (``local``: a new LocalCluster here),
    sending ``partition`` posts per task."""
    client_type, cluster_type = _imports()
    cluster = None
    try:
        if address == "local":
            from .parallel import cpu_count

            cluster = cluster_type(n_workers=workers or cpu_count(), threads_per_worker=1,
                                   processes=True, dashboard_address=None)
            client = client_type(cluster)
        else:
            # Dask's own connect timeout (30 s unless the user's Dask configuration,
            # e.g. DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT, says otherwise).
            client = client_type(address)
    except (OSError, TimeoutError) as exc:
        raise ConfigError("--dask", f"cannot reach the Dask scheduler at {address!r} ({exc}); "
                          "check the address (e.g. tcp://scheduler:8786) or use --dask local") from None
    try:
        yield DaskRunner(client, partition)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
