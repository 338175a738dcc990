"""The garbage collector around a check (``socialpolicy.heap``): paused while the model and
rules load, their objects frozen while posts are checked, and the process left as it was
found when the run ends, so a process that runs many checks (a script, the tests) keeps
collecting."""

from __future__ import annotations

import gc
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import CliResult

from socialpolicy.heap import loading, one_run


@pytest.fixture(autouse=True)
def _collector_restored() -> Iterator[None]:
    thresholds = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*thresholds)


def test_loading_pauses_collection_then_freezes_what_it_built() -> None:
    thresholds = gc.get_threshold()
    with one_run():
        with loading():
            assert gc.get_threshold()[0] == 0  # no automatic collection while loading
            gc.enable()  # what srsly does around each file of the spaCy model
            assert gc.get_threshold()[0] == 0
            kept = [[i] for i in range(1000)]
        assert gc.get_threshold() == thresholds
        assert gc.get_freeze_count() >= len(kept)
    # The run is over: nothing stays frozen, so its objects can be freed again.
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold() == thresholds


def test_a_failed_load_freezes_nothing_and_restores_the_collector() -> None:
    thresholds = gc.get_threshold()
    with one_run(), pytest.raises(RuntimeError), loading():
        raise RuntimeError("the model could not be read")
    assert gc.get_threshold() == thresholds
    assert gc.get_freeze_count() == 0


def test_objects_someone_else_froze_stay_frozen() -> None:
    gc.freeze()
    before = gc.get_freeze_count()
    assert before
    with one_run(), loading():
        assert gc.get_threshold()[0] != 0
    assert gc.get_freeze_count() >= before


def test_a_check_leaves_the_process_collecting_as_before(
        run_cli: Callable[..., CliResult], tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("Huge thanks to the pharmacy team for a brilliant week!\n", encoding="utf-8")
    thresholds = gc.get_threshold()
    for _ in range(3):
        result = run_cli("check", "--no-progress", "--platform", "twitter", str(draft))
        assert result.code == 0, result
    assert gc.get_threshold() == thresholds
    assert gc.get_freeze_count() == 0


def test_the_heap_is_frozen_when_a_check_process_exits(tmp_path: Path) -> None:
    """Python's last collections at exit would walk everything the run loaded, only to
    free memory the operating system takes back anyway. A handler registered before the
    check runs after the check's own, and sees the heap frozen."""
    draft = tmp_path / "draft.txt"
    draft.write_text("Our pharmacy is open until 6pm today.\n", encoding="utf-8")
    script = (
        "import atexit, gc, sys\n"
        "atexit.register(lambda: print('frozen at exit:', gc.get_freeze_count() > 0))\n"
        "from socialpolicy.cli import main\n"
        "main(['check', '--no-progress', '--select', 'post-length', '--platform', 'twitter', "
        f"{str(draft)!r}])\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().splitlines()[-1] == "frozen at exit: True"
