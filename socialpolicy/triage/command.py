"""What ``socialpolicy triage`` does: read the exports, sort them, write the queue."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..config import load_config
from ..engine import Linter
from ..errors import InputError
from ..output import check_target, write_report
from ..printable import say
from ..version import __version__
from .messages import Message, read_messages
from .report import RENDERERS


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
    messages: list[Message] = []
    for path in options.paths:
        if Path(path).is_dir():
            raise InputError(path, "is a folder: name the exported CSV, JSON or YAML files "
                                   "of comments and messages")
        messages.extend(read_messages(path, int(config.max_file_mb * 1024 * 1024)))
    # No rule of the pack runs on the messages as a draft: triage reads them with its
    # own categories (which reuse the pack's detectors), so the Linter needs no rules.
    linter = Linter(config, rules=[], show_evidence=options.show_evidence)
    queue = linter.triage(messages)
    for item in queue:
        for failure in item.failures:
            say(f"{item.source}:{item.line}: message {item.id}: {failure}")
    render = RENDERERS[options.format]
    write_report(render(queue, len(options.paths), __version__), options.output)
    return 0
