"""Python's cyclic garbage collector during a ``check`` run: not walking what was loaded.

Before it reads a post, a check builds about 120,000 objects that live until it ends: the
spaCy pipeline, Presidio and the rule pack. While they were built the collector ran some
370 times, three of them over everything built so far: about a tenth of a cold one-draft
check. When the process ended, the collector walked the whole heap again (about another
tenth) to free memory the operating system takes back anyway.

So the run pauses automatic collection while it loads, collects once when loading is done
(the imports and the reading of the model leave some 140,000 objects of cyclic garbage,
about 7 MB, which the check's own objects then reuse), and freezes what is left
(``gc.freeze``: later collections skip those objects, and forked workers do not copy their
pages just to mark them). Posts are checked with the collector as usual. When the run ends
the objects are unfrozen, so a process that runs several checks (the tests, a script)
frees them as before; only at the very exit of the process is the heap frozen again, so
the last collections do not walk it.
"""

from __future__ import annotations

import atexit
import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def one_run() -> Iterator[None]:
    """The span of one check: what ``loading`` froze is unfrozen when it ends. Does
    nothing when something else in the process already froze objects (it manages the
    collector; unfreezing would undo its work)."""
    if gc.get_freeze_count():
        yield
        return
    # Registered once however many runs a process makes: the same function is
    # unregistered first.
    atexit.unregister(gc.freeze)
    atexit.register(gc.freeze)
    try:
        yield
    finally:
        gc.unfreeze()


@contextmanager
def loading() -> Iterator[None]:
    """Build the long-lived objects of a run with automatic collection paused (an
    explicit ``gc.collect`` still works), then collect once and freeze what is left. The
    collector's thresholds are put back however the block ends; nothing is collected or
    frozen when it fails."""
    if gc.get_freeze_count():
        yield
        return
    # A threshold of 0 turns automatic collection off, whatever gc.enable() a library
    # calls meanwhile (srsly does, around each msgpack file of the spaCy model).
    thresholds = gc.get_threshold()
    gc.set_threshold(0)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
    gc.collect()
    gc.freeze()


__all__ = ["loading", "one_run"]
