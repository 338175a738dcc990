"""Plain text: each finding as a communications officer reads it, with the line of
the post it is on and a caret under the place, as ruff shows code."""

from __future__ import annotations

import unicodedata
from collections import Counter
from typing import TextIO

from ..models import Finding, Result
from ..printable import line_start_safe, printable
from ..ruleset import Rule
from . import rendered
from .streaming import Counts

COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}
# Long lines are shown as a window around the finding, so a 3,000-character post
# written on one line does not flood the terminal.
WINDOW = 100
BEFORE = 30


def render(result: Result, rules: list[Rule], version: str, *, color: bool = False,
           statistics: bool = False) -> str:
    return rendered(write, result, rules, version, color=color, statistics=statistics)


def write(result: Result, rules: list[Rule], version: str, stream: TextIO, *,
          color: bool = False, statistics: bool = False) -> None:
    """Each finding written as it is read, then the summary counted on the way."""
    paint = Paint(color)
    counts = Counts()
    if statistics:
        tally = _Tally(result)
        counts = tally.counts
        for line in _statistics_lines(tally, rules, paint):
            stream.write(line + "\n")
    else:
        for finding in result.findings:
            counts.add(finding.severity)
            stream.write(_finding(finding, paint) + "\n")
    stream.write(summary(result, counts.by_severity) + "\n")


class Paint:
    """ANSI colour for a terminal, or the text unchanged. Applied after ``printable``,
    so these are the only escape sequences a report can hold."""

    def __init__(self, color: bool):
        self.color = color

    def __call__(self, text: str, fg: str | None = None, bold: bool = False) -> str:
        if not self.color:
            return text
        import click

        return click.style(text, fg=fg, bold=bold)


def _finding(f: Finding, paint: Paint) -> str:
    where = paint(f"{line_start_safe(f.file)}:{f.line}:{f.column}", bold=True)
    post = f" [post {printable(f.post)}]" if f.post and f.post != _basename(f.file) else ""
    if f.sheet is not None:
        post += f" [sheet '{printable(f.sheet)}', row {f.line}]"
    quoted = f' "{printable(f.evidence)}"' if f.evidence else ""
    colour = COLOURS.get(f.severity)
    head = (f"{where}: {paint(f.severity, colour, bold=True)}[{paint(f.rule, bold=True)}] "
            f"{printable(f.message)} ({f.clause.label()}){post}")
    out = [head]
    if f.excerpt is not None:
        shown, caret = excerpt_lines(f.excerpt, f.excerpt_span)
        gutter = str(f.line)
        pad = " " * len(gutter)
        out.append(f"  {gutter} | {shown}")
        out.append(f"  {pad} | {paint(caret, colour, bold=True)}")
    out.append(f"    found:{quoted or ' (metadata)'}")
    out.append(f"    instead: {printable(f.suggestion)}")
    return "\n".join(out)


def excerpt_lines(excerpt: str, span: tuple[int, int]) -> tuple[str, str]:
    """The excerpt made printable (windowed when long) and the caret line under it."""
    start, end = span
    start = max(0, min(start, len(excerpt)))
    end = max(start, min(end, len(excerpt)))
    left, right = 0, len(excerpt)
    if len(excerpt) > WINDOW:
        left = max(0, start - BEFORE)
        right = min(len(excerpt), left + WINDOW)
    before = ("…" if left else "") + printable(excerpt[left:start])
    marked = printable(excerpt[start:min(end, right)])
    shown = before + marked + printable(excerpt[min(end, right):right]) + ("…" if right < len(excerpt) else "")
    caret = " " * _width(before) + "^" * max(1, _width(marked))
    return shown, caret


def _width(text: str) -> int:
    """Columns ``text`` takes on a terminal: wide (East Asian, emoji) characters two,
    combining marks none."""
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def statistics_table(result: Result, rules: list[Rule], paint: Paint | None = None) -> list[str]:
    """``--statistics``: how many findings each rule gave, most first, as ruff does."""
    return _statistics_lines(_Tally(result), rules, paint or Paint(False))


class _Tally:
    """Findings per rule and per severity, and each rule's severity, in one pass."""

    def __init__(self, result: Result) -> None:
        self.per_rule: Counter[str] = Counter()
        self.severity: dict[str, str] = {}
        self.counts = Counts()
        for finding in result.findings:
            self.per_rule[finding.rule] += 1
            # The last finding's severity, as a dict built over all of them keeps.
            self.severity[finding.rule] = finding.severity
            self.counts.add(finding.severity)


def _statistics_lines(tally: _Tally, rules: list[Rule], paint: Paint) -> list[str]:
    counts, severity = tally.per_rule, tally.severity
    titles = {r.id: r.title for r in rules}
    if not counts:
        return []
    number = max(len(str(n)) for n in counts.values())
    rule_width = max(len(r) for r in counts)
    lines = []
    for rule, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        level = severity[rule]
        lines.append(
            f"{str(count).rjust(number)}  {paint(level.ljust(7), COLOURS.get(level))}  "
            f"{paint(rule.ljust(rule_width), bold=True)}  {printable(titles.get(rule, ''))}".rstrip()
        )
    return lines


def summary(result: Result, counts: dict[str, int] | None = None) -> str:
    """The last line; ``counts`` (per severity) when the caller counted them already."""
    counts = result.counts() if counts is None else counts
    total = sum(counts.values())
    posts = "post" if result.posts == 1 else "posts"
    files = "file" if result.files == 1 else "files"
    if total == 0:
        text = f"No problems found in {result.posts} {posts} ({result.files} {files})."
    else:
        parts = [f"{counts[s]} {s}{'' if counts[s] == 1 else 's'}" for s in ("error", "warning", "info")]
        text = (f"{total} problem{'s' if total != 1 else ''} ({', '.join(parts)}) in "
                f"{result.posts} {posts} ({result.files} {files}).")
    if result.suppressed:
        text += f" {len(result.suppressed)} suppressed with a reason."
    return text


def _basename(path: str) -> str:
    return path.replace("\\", "/").rsplit("/", 1)[-1]
