"""JSON, as SPEC §3 and ``schemas/report.schema.json`` describe it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, TextIO

from ..models import Result
from ..ruleset import Rule
from . import rendered
from .streaming import Counts, Later, Streamed, write_json

SCHEMA_VERSION = "1.0"


def render(result: Result, rules: list[Rule], version: str) -> str:
    return rendered(write, result, rules, version)


def write(result: Result, rules: list[Rule], version: str, stream: TextIO) -> None:
    """The report, a finding at a time; the summary counted as they are written."""
    counts = Counts()

    def findings() -> Iterator[dict[str, Any]]:
        for finding in result.findings:
            counts.add(finding.severity)
            yield finding.to_dict()

    document = {
        "tool": {"name": "socialpolicy", "version": version},
        "schema_version": SCHEMA_VERSION,
        "findings": Streamed(findings()),
        "suppressed": Streamed(s.to_dict() for s in result.suppressed),
        "summary": Later(lambda: {"files": result.files, "posts": result.posts,
                                  **counts.by_severity}),
    }
    write_json(stream, document)
    stream.write("\n")
