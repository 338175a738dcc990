"""Values that travel between the stages: a post in, findings out.

All of them are frozen so that a finding cannot be changed after a rule made it,
and a post can be shared between rules and threads without copying.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import Any, Literal

from .config import PLATFORM_ALIASES, PLATFORMS

Severity = Literal["error", "warning", "info"]
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
    # A thread: (start, end) offsets in ``text`` of each part; empty means one part.
    parts: tuple[tuple[int, int], ...] = ()
    # The sheet a spreadsheet row came from, for the text report.
    sheet: str | None = None

    def part_spans(self) -> tuple[tuple[int, int], ...]:
        """Each part of a thread as (start, end) offsets; the whole text for a single post."""
        return self.parts or ((0, len(self.text)),)

    def __post_init__(self) -> None:
        # A Post built by hand (the library) is checked here, so a dict where a Media
        # belongs is converted now, and a wrong value is refused by name, never an
        # AttributeError deep inside a rule later.
        for name, value in _checked_fields(self).items():
            object.__setattr__(self, name, value)

    def locate(self, offset: int) -> Position:
        """File position of character ``offset`` of ``text``."""
        offset = max(0, min(offset, len(self.text)))
        starts = self._line_starts
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

    @cached_property
    def _line_starts(self) -> list[int]:
        # Once per post, not once per finding: a long post with many findings
        # would otherwise be scanned again for every one of them.
        return _line_starts(self.text)

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


# slots: a big archive's report holds a finding per post or more, and a slotted
# finding is about half the size of one with a __dict__ (memory flat in posts, #16).
@dataclass(frozen=True, order=True, slots=True)
class Finding:
    """One breach of one rule at one place: what a report prints.

    ``evidence`` is already masked when the rule marked it as personal data and
    the linter was not asked to show evidence, so no formatter can leak it.
    """

    file: str
    line: int
    column: int
    rule: str
    severity: Severity = field(compare=False)
    message: str = field(compare=False)
    clause: Clause = field(compare=False)
    post: str | None = field(compare=False, default=None)
    end_line: int = field(compare=False, default=0)
    end_column: int = field(compare=False, default=0)
    evidence: str = field(compare=False, default="")
    suggestion: str = field(compare=False, default="")
    clauses: tuple[Clause, ...] = field(compare=False, default=())
    # The sheet of a spreadsheet calendar (shown by the text report; not in JSON).
    sheet: str | None = field(compare=False, default=None)
    # The finding's line of the post, personal data masked like ``evidence``, and
    # where in that line the finding is (0-based, end exclusive); empty for metadata.
    excerpt: str | None = field(compare=False, default=None)
    excerpt_span: tuple[int, int] = field(compare=False, default=(0, 0))
    # How sure a learned detector (``classifier``) was, 0..1; None for every other kind.
    score: float | None = field(compare=False, default=None)
    # Which detector of the rule fired (its name in the rule file): JSON and SARIF.
    detector: str | None = field(compare=False, default=None)

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
            "excerpt": None if self.excerpt is None else {
                "text": self.excerpt,
                "column": self.excerpt_span[0] + 1,
                "end_column": self.excerpt_span[1] + 1,
            },
            **({} if self.score is None else {"score": round(self.score, 4)}),
            **({} if self.detector is None else {"detector": self.detector}),
        }


@dataclass(frozen=True, slots=True)
class Suppressed:
    """A finding that a post's ``ignore`` entry switched off, kept for the audit trail."""

    finding: Finding
    reason: str

    def to_dict(self) -> dict[str, Any]:
        data = self.finding.to_dict()
        data["reason"] = self.reason
        return data


@dataclass(frozen=True)
class RuleFailure:
    rule: str
    post: str | None
    file: str
    reason: str


@dataclass
class Result:
    """Everything one run found, in report order."""

    files: int = 0
    posts: int = 0
    findings: list[Finding] = field(default_factory=list)
    suppressed: list[Suppressed] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    failures: list[RuleFailure] = field(default_factory=list)

    def __iter__(self) -> Iterator[Finding]:
        """The findings, so ``for finding in check_file(path)`` reads as it says."""
        return iter(self.findings)

    def __len__(self) -> int:
        return len(self.findings)

    def sort(self) -> None:
        self.findings.sort(key=Finding.sort_key)
        self.suppressed.sort(key=lambda s: s.finding.sort_key())

    def counts(self) -> dict[str, int]:
        out = {"error": 0, "warning": 0, "info": 0}
        for finding in self.findings:
            out[finding.severity] += 1
        return out

    def failed(self, fail_on: str) -> bool:
        floor = SEVERITY_RANK[fail_on]
        return any(SEVERITY_RANK[f.severity] >= floor for f in self.findings)


# -- checking a Post built by hand (the library) ---------------------------------
# Posts read from files are validated against the schema already; a caller who
# builds a Post gets plain mappings and lists converted to the model's objects, and
# anything else refused with a TypeError or ValueError that names the field.


def _checked_fields(post: Post) -> dict[str, Any]:
    """The fields that had to be converted, by name; raises for unusable ones."""
    changed: dict[str, Any] = {}
    if not isinstance(post.text, str):
        raise TypeError(f"Post.text must be a string, not {type(post.text).__name__}")
    for name in ("id", "account", "monitored_by"):
        value = getattr(post, name)
        if value is not None and not isinstance(value, str):
            raise TypeError(f"Post.{name} must be a string or None, not {type(value).__name__}")
    if post.platform is not None:
        if not isinstance(post.platform, str):
            raise TypeError(f"Post.platform must be a string, not {type(post.platform).__name__}")
        name = post.platform.strip().lower()
        name = PLATFORM_ALIASES.get(name, name)
        if name not in PLATFORMS:
            raise ValueError(
                f"Post.platform {post.platform!r} is not a platform we know: use one of "
                f"{', '.join(PLATFORMS)} (or x for twitter)"
            )
        if name != post.platform:
            changed["platform"] = name
    if post.scheduled is not None and not isinstance(post.scheduled, datetime):
        raise TypeError("Post.scheduled must be a datetime (or None); to give a string, use "
                        "check_text(..., scheduled='2026-03-14T09:30')")
    for name, kind in (("media", Media), ("consent", ConsentEntry)):
        value = getattr(post, name)
        items = _items(name, value, kind)
        if items is not value:
            changed[name] = items
    for name, single in (("poll", Poll), ("reply_to", ReplyTo)):
        value = getattr(post, name)
        if value is not None and not isinstance(value, single):
            changed[name] = _convert(name, value, single)
    if not isinstance(post.ignore, tuple):
        if isinstance(post.ignore, Mapping):
            changed["ignore"] = tuple((str(k), str(v)) for k, v in post.ignore.items())
        else:
            raise TypeError("Post.ignore must be a mapping of rule id to reason")
    return changed


def _items(name: str, value: Any, kind: type) -> Any:
    if isinstance(value, tuple) and all(isinstance(v, kind) for v in value):
        return value  # the usual case: nothing to do
    if isinstance(value, (str, bytes, Mapping)) or not hasattr(value, "__iter__"):
        raise TypeError(f"Post.{name} must be a list of {kind.__name__} (or of mappings), "
                        f"not {type(value).__name__}")
    return tuple(v if isinstance(v, kind) else _convert(f"{name} item", v, kind) for v in value)


def _convert(name: str, value: Any, kind: type) -> Any:
    if not isinstance(value, Mapping):
        raise TypeError(f"Post.{name} must be a {kind.__name__} or a mapping, "
                        f"not {type(value).__name__}")
    data = dict(value)
    for key in ("consent", "options"):
        if isinstance(data.get(key), list):
            data[key] = tuple(str(v) for v in data[key])
    try:
        return kind(**data)
    except TypeError as exc:
        raise TypeError(f"Post.{name}: {exc}") from None
