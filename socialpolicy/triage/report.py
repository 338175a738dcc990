"""The triage queue as text, JSON or CSV (SPEC §5).

Every string from a message reaches here already masked (``Triage``); the text
format also escapes control characters so a message cannot forge a queue line or
send the terminal a command, and the CSV format defuses cells a spreadsheet would
run as a formula.

Each format's ``write_*`` writes the queue to a stream message by message, reading
it once and keeping only counts (the summary), so a big export's queue is never
held whole in the report: the command keeps it in a ``Queue``, on disk past a few
thousand messages. ``render_*`` return the same report as a string.
"""

from __future__ import annotations

import csv
import textwrap
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TextIO

from ..printable import line_start_safe, printable
from ..reports import rendered
from ..reports.streaming import Later, Streamed
from ..reports.streaming import write_json as write_json_value
from ..spill import SpillList
from .categories import CATEGORIES, PRIORITIES
from .core import Triaged

FORMATS = ("text", "json", "csv")


class Queue:
    """The moderation queue as it is made: most urgent first, file order within a
    priority (what sorting by priority gives), one list per priority. Past a few
    thousand messages a list waits on disk (``spill``: an anonymous file only this
    user can read, gone when the run ends), so only when its text is masked: a
    queue shown with ``--show-evidence`` stays in memory."""

    def __init__(self, spill: bool = True, block: int | None = None) -> None:
        self._parts: dict[str, list[Triaged] | SpillList[Triaged]] = {
            priority: SpillList(block) if spill else [] for priority in PRIORITIES
        }
        self.failed = False  # whether any message has a category that failed

    def add(self, item: Triaged) -> None:
        self._parts[item.priority].append(item)
        self.failed = self.failed or bool(item.failures)

    def extend(self, items: Iterable[Triaged]) -> None:
        for item in items:
            self.add(item)

    def __len__(self) -> int:
        return sum(len(part) for part in self._parts.values())

    def __iter__(self) -> Iterator[Triaged]:
        for priority in PRIORITIES:
            yield from self._parts[priority]


class _Tally:
    """The summary's counts, taken in the one pass that writes the messages."""

    def __init__(self) -> None:
        self.messages = 0
        self.priorities: Counter[str] = Counter()
        self.categories: Counter[str] = Counter()

    def counted(self, items: Iterable[Triaged]) -> Iterator[Triaged]:
        for item in items:
            self.messages += 1
            self.priorities[item.priority] += 1
            self.categories.update(item.categories)
            yield item

    def summary(self, files: int) -> dict[str, Any]:
        return {
            "files": files,
            "messages": self.messages,
            "priority": {p: self.priorities.get(p, 0) for p in PRIORITIES},
            "categories": {c: self.categories.get(c, 0) for c in CATEGORIES},
        }


def to_dict(item: Triaged) -> dict[str, Any]:
    return {
        "id": item.id,
        "file": item.source,
        "line": item.line,
        "channel": item.channel,
        "author": item.author,
        "created": item.created,
        "in_reply_to": item.in_reply_to,
        "text": item.text,
        "categories": list(item.categories),
        "priority": item.priority,
        "action": item.action,
        "actions": [
            {"category": a.category, "action": a.text,
             "clause": {"policy": a.clause.policy, "section": a.clause.section,
                        "quote": a.clause.quote}}
            for a in item.actions
        ],
        "reply": item.reply,
        "reply_template": item.reply_template,
        "reply_clause": {"policy": item.reply_clause.policy,
                         "section": item.reply_clause.section,
                         "quote": item.reply_clause.quote},
        "evidence": [{"category": e.category, "text": e.text} for e in item.evidence],
    }


def summary(items: Iterable[Triaged], files: int) -> dict[str, Any]:
    tally = _Tally()
    for _ in tally.counted(items):
        pass
    return tally.summary(files)


def write_json(items: Iterable[Triaged], files: int, version: str, stream: TextIO) -> None:
    tally = _Tally()
    document = {
        "tool": {"name": "socialpolicy", "version": version},
        "messages": Streamed(to_dict(t) for t in tally.counted(items)),
        "summary": Later(lambda: tally.summary(files)),
    }
    # Byte for byte what json.dumps(document, indent=2, ensure_ascii=False) gives.
    write_json_value(stream, document)
    stream.write("\n")


CSV_COLUMNS = ("priority", "categories", "id", "file", "line", "channel", "author", "created",
               "text", "action", "reply")


def _cell(value: Any) -> str:
    text = "" if value is None else str(value)
    # A cell starting with = + - @ (or a tab or carriage return) runs as a formula in
    # Excel and LibreOffice; a leading apostrophe shows it as the text it is.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def write_csv(items: Iterable[Triaged], files: int, version: str, stream: TextIO) -> None:
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for t in items:
        writer.writerow([_cell(v) for v in (
            t.priority, "; ".join(t.categories), t.id, t.source, t.line, t.channel, t.author,
            t.created, t.text, t.action, t.reply if t.reply is not None else "(do not reply)",
        )])


def _wrap(label: str, text: str) -> list[str]:
    lines = textwrap.wrap(printable(text), width=92, initial_indent=f"    {label:<9}",
                          subsequent_indent=" " * 13, break_long_words=False,
                          break_on_hyphens=False)
    return lines or [f"    {label}"]


def _text_lines(t: Triaged) -> list[str]:
    where = f"{t.source}:{t.line}"
    who = " ".join(x for x in (t.channel, t.author) if x)
    head = f"[{t.priority.upper()}] {where} {t.id}" + (f" ({who})" if who else "")
    lines = [line_start_safe(head)]
    lines.extend(_wrap("message:", f'"{t.text}"'))
    lines.extend(_wrap("is:", ", ".join(t.categories)))
    for action in t.actions:
        lines.extend(_wrap("do:", f"{action.text} ({action.clause.label()})"))
    reply = t.reply if t.reply is not None else "none: do not reply to this message"
    lines.extend(_wrap("reply:", f"{reply} ({t.reply_clause.label()})"))
    lines.append("")
    return lines


def write_text(items: Iterable[Triaged], files: int, version: str, stream: TextIO) -> None:
    tally = _Tally()
    for t in tally.counted(items):
        stream.write("".join(line + "\n" for line in _text_lines(t)))
    counts = tally.summary(files)
    order = ", ".join(f"{n} {p}" for p, n in counts["priority"].items() if n)
    count = counts["messages"]
    noun = "message" if count == 1 else "messages"
    stream.write(f"{count} {noun} ({order or 'none'}) in {files} "
                 f"file{'s' if files != 1 else ''}.\n")


def render_json(items: Sequence[Triaged], files: int, version: str) -> str:
    return rendered(write_json, items, files, version)


def render_csv(items: Sequence[Triaged], files: int, version: str) -> str:
    return rendered(write_csv, items, files, version)


def render_text(items: Sequence[Triaged], files: int, version: str) -> str:
    return rendered(write_text, items, files, version)


RENDERERS = {"text": render_text, "json": render_json, "csv": render_csv}
WRITERS: dict[str, Callable[[Iterable[Triaged], int, str, TextIO], None]] = {
    "text": write_text, "json": write_json, "csv": write_csv,
}
