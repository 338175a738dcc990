"""What the page and ``POST /api/check`` check: a pasted draft or an uploaded file.

Nothing is written to disk: an upload is read from memory by the same readers the
command uses (drafts, YAML/JSON/CSV calendars, spreadsheets), so a key means the
same thing on the page as in a file, and a mistake gets the same message.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..engine import Linter, Result
from ..errors import InputError
from ..inputs import CALENDAR_SUFFIXES, SPREADSHEET_SUFFIXES, Loaded
from ..inputs.draft import read_draft
from ..inputs.reading import decode
from ..kinds.base import CalendarInfo
from ..models import Finding
from ..ruleset import Rule

# The keys of SPEC §5's JSON body besides ``text``; each is a post metadata key.
API_KEYS = ("platform", "account", "scheduled", "media", "consent", "reply_to", "poll",
            "monitored_by", "ignore", "id")
DRAFT_SUFFIXES = (".txt", ".md", ".markdown")
UPLOAD_SUFFIXES = (*DRAFT_SUFFIXES, *CALENDAR_SUFFIXES, *SPREADSHEET_SUFFIXES)
DRAFT_NAME = "draft"


@dataclass(frozen=True)
class Checked:
    """One check's result with what the page needs to show it."""

    result: Result
    source: str
    text: str | None = None  # a pasted draft's text, for highlighting
    calendar: bool = False
    # Indexes of findings whose evidence the report masked (personal data): their
    # highlights in the draft show the mask too, until the officer asks to see them.
    masked: frozenset[int] = frozenset()
    # ``text`` as the page shows it: personal data outside any finding masked too
    # (a name no rule reported, a postcode beside an address), unless asked to show it.
    shown: str | None = None


class Checker:
    """The Linter (rules and language model loaded once) behind the page.

    One check runs at a time: the Linter is built for reuse, not for several threads
    at once, and one officer's page never needs more.
    """

    def __init__(self, linter: Linter):
        self.linter = linter
        # The same rules and model, reporting personal data unmasked: only for the
        # page's own "show personal data" request, never the default.
        self.revealing = Linter(linter.config, rules=linter.rules, language=linter.language,
                                show_evidence=True, jobs=linter.jobs)
        self._lock = threading.Lock()

    def _linter(self, show_evidence: bool) -> Linter:
        return self.revealing if show_evidence else self.linter

    def triage(self, messages: Sequence[Any], show_evidence: bool = False) -> list[Any]:
        """Inbound messages as the moderation queue (``Linter.triage``), most urgent first."""
        with self._lock:
            return self._linter(show_evidence).triage(messages)

    def check_text(self, text: str, metadata: Mapping[str, Any],
                   show_evidence: bool = False) -> Checked:
        # Every key goes to the same check as a draft's front matter: a misspelt key is
        # an error here too, never silently dropped.
        data = {k: v for k, v in metadata.items() if v not in (None, "", [])}
        post = read_draft(text, DRAFT_NAME, data)
        with self._lock:
            result = self._linter(show_evidence).check_posts([post])
            # Which evidence was masked is known by checking once more unmasked (a
            # draft takes milliseconds), whatever form masking takes.
            revealed = result if show_evidence else self.revealing.check_posts([post])
            shown = self._linter(show_evidence).mask_text(text)
        return Checked(result, DRAFT_NAME, text=text,
                       masked=_masked(result.findings, revealed.findings), shown=shown)

    def check_upload(self, name: str, data: bytes, metadata: Mapping[str, Any],
                     show_evidence: bool = False) -> Checked:
        name = Path(name or "upload.txt").name
        suffix = Path(name).suffix.lower()
        config = self.linter.config
        if suffix not in UPLOAD_SUFFIXES:
            raise InputError(
                name,
                "this kind of file cannot be checked; upload a draft (.txt, .md) or a calendar "
                "(.yaml, .json, .csv, .xlsx)",
            )
        loaded: Loaded
        text: str | None = None
        if suffix in SPREADSHEET_SUFFIXES:
            from ..inputs.spreadsheet import read_spreadsheet

            loaded = read_spreadsheet(name, config, data)
            if loaded.skipped:
                raise InputError(name, loaded.skipped + "; put the posts on a sheet named posts")
        elif suffix in CALENDAR_SUFFIXES:
            from ..inputs.calendar import read_calendar

            loaded = read_calendar(decode(data, name), name, config)
            if loaded.skipped:
                raise InputError(name, loaded.skipped + "; a calendar lists its entries under posts:")
        else:
            text = decode(data, name)
            extra = {k: v for k, v in metadata.items() if k in API_KEYS and v not in (None, "", [])}
            post = read_draft(text, name, extra, markdown=suffix != ".txt")
            loaded = Loaded(name, (post,))
        calendar = CalendarInfo(loaded.as_of) if loaded.calendar else None
        masked: frozenset[int] = frozenset()
        with self._lock:
            result = self._linter(show_evidence).check_posts(list(loaded.posts), calendar=calendar)
            if text is not None and not show_evidence:
                # A draft is highlighted in its text: learn which evidence was masked.
                revealed = self.revealing.check_posts(list(loaded.posts))
                masked = _masked(result.findings, revealed.findings)
            shown = None if text is None else self._linter(show_evidence).mask_text(text)
        return Checked(result, name, text=text, calendar=loaded.calendar, masked=masked,
                       shown=shown)


def _place(finding: Finding) -> tuple[int, int, int, int, str]:
    return (finding.line, finding.column, finding.end_line, finding.end_column, finding.rule)


def _masked(shown: list[Finding], revealed: list[Finding]) -> frozenset[int]:
    """Indexes in ``shown`` whose evidence differs from the unmasked run's at that place."""
    plain: dict[tuple[int, int, int, int, str], list[str]] = {}
    for finding in revealed:
        plain.setdefault(_place(finding), []).append(finding.evidence)
    return frozenset(
        index for index, finding in enumerate(shown)
        if finding.evidence not in plain.get(_place(finding), [finding.evidence])
    )


@dataclass(frozen=True)
class Segment:
    """A piece of the draft as the page shows it: plain, or one finding's highlight."""

    text: str
    finding: int | None = None
    severity: str | None = None
    masked: bool = False


def _offset(lines: list[str], line: int, column: int) -> int:
    line = max(1, min(line, len(lines)))
    before = sum(len(piece) + 1 for piece in lines[: line - 1])
    return before + max(0, min(column - 1, len(lines[line - 1])))


def segments(text: str, findings: list[Finding], masked: frozenset[int] = frozenset()) -> list[Segment]:
    """The draft split at its findings; a span whose evidence is masked shows the mask.

    Findings that point at metadata rather than the text (a photo, the schedule) are
    not highlighted. Overlapping spans keep the first (most severe first is the
    report's own order within a place).
    """
    lines = text.split("\n")
    spans: list[tuple[int, int, int, Finding]] = []
    for index, finding in enumerate(findings):
        start = _offset(lines, finding.line, finding.column)
        end = _offset(lines, finding.end_line or finding.line, finding.end_column or finding.column)
        if end <= start:
            continue
        spans.append((start, end, index, finding))
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    out: list[Segment] = []
    cursor = 0
    for start, end, index, finding in spans:
        if start < cursor:
            continue
        if start > cursor:
            out.append(Segment(text[cursor:start]))
        piece = text[start:end]
        hidden = index in masked
        out.append(Segment(finding.evidence if hidden else piece, index, finding.severity, hidden))
        cursor = end
    if cursor < len(text):
        out.append(Segment(text[cursor:]))
    return out


def replies_to_copy(findings: Sequence[Finding], rules: Sequence[Rule]) -> list[str]:
    """The one reply to copy, if any: the reply quoted in the suggestion of a finding
    whose rule offers one (``reply:`` in its file), the lowest-numbered rule's first."""
    ranks = {rule.id: rule.reply for rule in rules if rule.reply is not None}
    offered = sorted((f for f in findings if f.rule in ranks), key=lambda f: ranks[f.rule])
    for finding in offered:
        start = finding.suggestion.find('"')
        end = finding.suggestion.rfind('"')
        if start != -1 and end > start:
            return [finding.suggestion[start + 1:end]]
    return []


def triage_upload(checker: Checker, name: str, data: bytes, show_evidence: bool = False) -> list[Any]:
    """The moderation queue of an uploaded file of messages (CSV, XLSX, JSON, YAML)."""
    from ..triage.messages import messages_from_bytes

    return checker.triage(messages_from_bytes(data, name), show_evidence)
