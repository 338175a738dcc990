"""Values that travel between the stages: a post in, findings out.

All of them are frozen so that a finding cannot be changed after a rule made it,
and a post can be shared between rules and threads without copying.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


@dataclass(frozen=True)
class Position:
    """A 1-based line and column in a source file."""

    line: int
    column: int


@dataclass(frozen=True)
class Clause:
    policy: str
    section: str
    quote: str

    def label(self) -> str:
        return f"{self.policy} {self.section}"


@dataclass(frozen=True)
class Media:
    file: str
    alt: str | None = None
    people: bool | None = None
    consent: tuple[str, ...] = ()


@dataclass(frozen=True)
class ConsentEntry:
    name: str
    form: str | None = None


@dataclass(frozen=True)
class Poll:
    question: str
    options: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReplyTo:
    author: str | None
    text: str


@dataclass(frozen=True)
class Post:
    """One post to check, with enough source information to point back at it.

    ``text_lines`` gives, for each line of ``text``, where that line starts in the
    source file: a draft maps one to one, a YAML block scalar maps with its indent,
    and a quoted or CSV field maps every line to the field's own position because
    escapes make finer positions unreliable.
    """

    text: str
    source: str
    id: str | None = None
    account: str | None = None
    platform: str | None = None
    scheduled: datetime | None = None
    media: tuple[Media, ...] = ()
    consent: tuple[ConsentEntry, ...] = ()
    poll: Poll | None = None
    reply_to: ReplyTo | None = None
    monitored_by: str | None = None
    ignore: tuple[tuple[str, str], ...] = ()
    position: Position = Position(1, 1)
    text_lines: tuple[Position, ...] = ()
    exact_columns: bool = True
    field_positions: Mapping[str, Position] = field(default_factory=dict)
    present: frozenset[str] = frozenset()

    def locate(self, offset: int) -> Position:
        """File position of character ``offset`` of ``text``."""
        offset = max(0, min(offset, len(self.text)))
        starts = _line_starts(self.text)
        index = bisect.bisect_right(starts, offset) - 1
        if not self.text_lines:
            base = self.position
            if index == 0:
                return Position(base.line, base.column + offset if self.exact_columns else base.column)
            return Position(base.line + index, offset - starts[index] + 1)
        anchor = self.text_lines[min(index, len(self.text_lines) - 1)]
        if not self.exact_columns:
            return anchor
        return Position(anchor.line, anchor.column + offset - starts[index])

    def field_position(self, name: str) -> Position:
        """Where a metadata field was written, or the post's own position."""
        return self.field_positions.get(name, self.position)

    def metadata(self) -> dict[str, Any]:
        """The metadata (and text) as plain data, for conditions such as ``when:``."""
        data: dict[str, Any] = {
            "text": self.text,
            "id": self.id,
            "account": self.account,
            "platform": self.platform,
            "scheduled": self.scheduled,
            "media": [
                {"file": m.file, "alt": m.alt, "people": m.people, "consent": list(m.consent)}
                for m in self.media
            ],
            "consent": [{"name": c.name, "form": c.form} for c in self.consent],
            "poll": None
            if self.poll is None
            else {"question": self.poll.question, "options": list(self.poll.options)},
            "reply_to": None
            if self.reply_to is None
            else {"author": self.reply_to.author, "text": self.reply_to.text},
            "monitored_by": self.monitored_by,
            "ignore": dict(self.ignore),
        }
        return data


def _line_starts(text: str) -> list[int]:
    starts = [0]
    for i, ch in enumerate(text):
        if ch == "\n":
            starts.append(i + 1)
    return starts


@dataclass(frozen=True, order=True)
class Finding:
    """One breach of one rule at one place: what a report prints.

    ``evidence`` is already masked when the rule marked it as personal data and
    the linter was not asked to show evidence, so no formatter can leak it.
    """

    file: str
    line: int
    column: int
    rule: str
    severity: str = field(compare=False)
    message: str = field(compare=False)
    clause: Clause = field(compare=False)
    post: str | None = field(compare=False, default=None)
    end_line: int = field(compare=False, default=0)
    end_column: int = field(compare=False, default=0)
    evidence: str = field(compare=False, default="")
    suggestion: str = field(compare=False, default="")
    clauses: tuple[Clause, ...] = field(compare=False, default=())
    # How sure a learned detector (``classifier``) was, 0..1; None for every other kind.
    score: float | None = field(compare=False, default=None)

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.file, self.line, self.column, self.rule, self.evidence)

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "clause": {
                "policy": self.clause.policy,
                "section": self.clause.section,
                "quote": self.clause.quote,
            },
            "file": self.file,
            "post": self.post,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "evidence": self.evidence,
            "suggestion": self.suggestion,
            **({} if self.score is None else {"score": round(self.score, 4)}),
        }


@dataclass(frozen=True)
class Suppressed:
    """A finding that a post's ``ignore`` entry switched off, kept for the audit trail."""

    finding: Finding
    reason: str

    def to_dict(self) -> dict[str, Any]:
        data = self.finding.to_dict()
        data["reason"] = self.reason
        return data
