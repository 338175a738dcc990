"""The triage queue as text, JSON or CSV (SPEC §5).

Every string from a message reaches here already masked (``Triage``); the text
format also escapes control characters so a message cannot forge a queue line or
send the terminal a command, and the CSV format defuses cells a spreadsheet would
run as a formula.
"""

from __future__ import annotations

import csv
import io
import json
import textwrap
from collections import Counter
from collections.abc import Sequence
from typing import Any

from ..printable import line_start_safe, printable
from .categories import CATEGORIES, PRIORITIES
from .core import Triaged

FORMATS = ("text", "json", "csv")


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


def summary(items: Sequence[Triaged], files: int) -> dict[str, Any]:
    priorities = Counter(t.priority for t in items)
    categories = Counter(c for t in items for c in t.categories)
    return {
        "files": files,
        "messages": len(items),
        "priority": {p: priorities.get(p, 0) for p in PRIORITIES},
        "categories": {c: categories.get(c, 0) for c in CATEGORIES},
    }


def render_json(items: Sequence[Triaged], files: int, version: str) -> str:
    document = {
        "tool": {"name": "socialpolicy", "version": version},
        "messages": [to_dict(t) for t in items],
        "summary": summary(items, files),
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


CSV_COLUMNS = ("priority", "categories", "id", "file", "line", "channel", "author", "created",
               "text", "action", "reply")


def _cell(value: Any) -> str:
    text = "" if value is None else str(value)
    # A cell starting with = + - @ (or a tab or carriage return) runs as a formula in
    # Excel and LibreOffice; a leading apostrophe shows it as the text it is.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def render_csv(items: Sequence[Triaged], files: int, version: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for t in items:
        writer.writerow([_cell(v) for v in (
            t.priority, "; ".join(t.categories), t.id, t.source, t.line, t.channel, t.author,
            t.created, t.text, t.action, t.reply if t.reply is not None else "(do not reply)",
        )])
    return out.getvalue()


def _wrap(label: str, text: str) -> list[str]:
    lines = textwrap.wrap(printable(text), width=92, initial_indent=f"    {label:<9}",
                          subsequent_indent=" " * 13, break_long_words=False,
                          break_on_hyphens=False)
    return lines or [f"    {label}"]


def render_text(items: Sequence[Triaged], files: int, version: str) -> str:
    lines: list[str] = []
    for t in items:
        where = f"{t.source}:{t.line}"
        who = " ".join(x for x in (t.channel, t.author) if x)
        head = f"[{t.priority.upper()}] {where} {t.id}" + (f" ({who})" if who else "")
        lines.append(line_start_safe(head))
        lines.extend(_wrap("message:", f'"{t.text}"'))
        lines.extend(_wrap("is:", ", ".join(t.categories)))
        for action in t.actions:
            lines.extend(_wrap("do:", f"{action.text} ({action.clause.label()})"))
        reply = t.reply if t.reply is not None else "none: do not reply to this message"
        lines.extend(_wrap("reply:", f"{reply} ({t.reply_clause.label()})"))
        lines.append("")
    counts = summary(items, files)
    order = ", ".join(f"{n} {p}" for p, n in counts["priority"].items() if n)
    noun = "message" if len(items) == 1 else "messages"
    lines.append(f"{len(items)} {noun} ({order or 'none'}) in {files} "
                 f"file{'s' if files != 1 else ''}.")
    return "\n".join(lines) + "\n"


RENDERERS = {"text": render_text, "json": render_json, "csv": render_csv}
