"""What ``socialpolicy triage`` does: read the exports, sort them, write the queue."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from ..config import load_config
from ..engine import Linter
from ..errors import InputError
from ..output import check_target, write_report
from ..printable import say
from ..version import __version__
from .core import Triage
from .messages import read_messages
from .report import WRITERS, Queue


@dataclass(frozen=True)
class TriageOptions:
    paths: Sequence[str]
    format: str = "text"
    config: Path | None = None
    show_evidence: bool = False
    output: str | None = None
    jobs: int | None = None


def run_triage(options: TriageOptions) -> int:
    """Triage every message of the files given; 0 when done, 2 (raised) for bad input."""
    check_target(options.output, options.paths)
    config = load_config(options.config).with_overrides(jobs=options.jobs)
    # No rule of the pack runs on the messages as a draft: triage reads them with its
    # own categories (which reuse the pack's detectors), so the Linter needs no rules.
    triage: Triage | None = None
    # A file's messages are triaged before the next file is read, and the queue waits
    # on disk past a few thousand (masked text only): memory does not grow with the
    # number of files or of messages, only with the largest file (max_file_mb).
    queue = Queue(spill=not options.show_evidence)
    for path in options.paths:
        if Path(path).is_dir():
            raise InputError(path, "is a folder: name the exported CSV, JSON or YAML files "
                                   "of comments and messages")
        messages = read_messages(path, int(config.max_file_mb * 1024 * 1024))
        if triage is None:
            triage = Triage(Linter(config, rules=[], show_evidence=options.show_evidence))
        queue.extend(triage.each(messages))
        del messages
    if queue.failed:
        for item in queue:
            for failure in item.failures:
                say(f"{item.source}:{item.line}: message {item.id}: {failure}")
    write = WRITERS[options.format]
    files = len(options.paths)

    def report(stream: TextIO) -> None:
        write(queue, files, __version__, stream)

    write_report(report, options.output)
    return 0
