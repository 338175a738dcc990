"""GitHub Actions workflow annotations: one ``::error``/``::warning``/``::notice`` line
per finding, so problems show on the pull request's changed files.

Workflow commands are parsed by the runner line by line, so every value is
escaped the way GitHub's own toolkit does it: ``%``, CR and LF in the message,
and additionally ``:`` and ``,`` inside the ``key=value`` properties.
"""

from __future__ import annotations

from typing import TextIO

from ..models import Finding, Result
from ..printable import printable
from ..ruleset import Rule
from . import rendered
from .sarif import artifact_uri
from .streaming import Counts

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def render(result: Result, rules: list[Rule], version: str) -> str:
    return rendered(write, result, rules, version)


def write(result: Result, rules: list[Rule], version: str, stream: TextIO) -> None:
    counts = Counts()
    for finding in result.findings:
        counts.add(finding.severity)
        stream.write(annotation(finding) + "\n")
    # The summary goes to the log as a plain line; it is not a command.
    stream.write(_summary(result, counts.by_severity) + "\n")


def annotation(finding: Finding) -> str:
    """One workflow command for one finding."""
    properties = [("file", printable(_file(finding.file))), ("line", str(max(finding.line, 1)))]
    single_line = finding.end_line in (0, finding.line)
    # GitHub accepts columns only when the annotation starts and ends on one line.
    if single_line:
        properties.append(("col", str(max(finding.column, 1))))
    if finding.end_line >= finding.line:
        properties.append(("endLine", str(finding.end_line)))
        if single_line and finding.end_column > finding.column:
            properties.append(("endColumn", str(finding.end_column)))
    title = f"{finding.rule} ({finding.clause.label()})"
    properties.append(("title", title))
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in properties)
    # Terminal escapes are shown, not sent; line breaks are escaped below as %0A,
    # so no value can start a workflow command of its own.
    body = printable(finding.message, keep_line_breaks=True)
    if finding.post and finding.post != _basename(finding.file):
        body += f" [post {printable(finding.post, keep_line_breaks=True)}]"
    if finding.evidence:
        body += f'\nFound: "{printable(finding.evidence, keep_line_breaks=True)}"'
    if finding.suggestion:
        body += f"\nInstead: {printable(finding.suggestion, keep_line_breaks=True)}"
    return f"::{COMMANDS[finding.severity]} {joined}::{escape_data(body)}"


def _file(path: str) -> str:
    # Annotations attach to files by their path from the repository root, which
    # is the working folder of a GitHub Actions step.
    uri = artifact_uri(path)
    if uri.startswith("file:") or path == "-":
        return path
    from urllib.parse import unquote

    return unquote(uri)


def _basename(path: str) -> str:
    return path.replace("\\", "/").rsplit("/", 1)[-1]


def _summary(result: Result, counts: dict[str, int]) -> str:
    # Same wording as the text report's last line, so the CI log reads like a desk run.
    total = sum(counts.values())
    posts = f"{result.posts} post{'' if result.posts == 1 else 's'}"
    files = f"{result.files} file{'' if result.files == 1 else 's'}"
    if total == 0:
        line = f"No problems found in {posts} ({files})."
    else:
        parts = ", ".join(
            f"{counts[s]} {s}{'' if counts[s] == 1 else 's'}" for s in ("error", "warning", "info")
        )
        line = f"{total} problem{'' if total == 1 else 's'} ({parts}) in {posts} ({files})."
    if result.suppressed:
        line += f" {len(result.suppressed)} suppressed with a reason."
    return line
