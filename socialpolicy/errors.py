"""Errors that end a run with exit code 2: unusable input, configuration or rules."""

from __future__ import annotations


class SocialPolicyError(Exception):
    """Something a user wrote cannot be used. ``str()`` is the one-line message."""

    def __init__(self, path: str, reason: str, line: int | None = None, column: int | None = None):
        self.path = path
        self.reason = reason
        self.line = line
        self.column = column
        super().__init__(self.format())

    def __reduce__(self) -> tuple[type, tuple[str, str, int | None, int | None]]:
        # Raised in a worker process (see parallel.py), it must arrive whole.
        return type(self), (self.path, self.reason, self.line, self.column)

    def format(self, show_evidence: bool = False) -> str:
        """``path:line:column: reason``. The reason passes the same masking as a
        report (messages reach CI logs); the path is the user's own and stays whole."""
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        reason = self.reason if show_evidence else masked_reason(self.reason)
        return f"{where}: {reason}"


def masked_reason(reason: str) -> str:
    """An error's words with personal data masked: identifier shapes anywhere, and
    names inside what it quotes. Identifier shapes only outside quotes: reasons name
    our keys ("max_file_mb"), which a list of first names would mistake for people."""
    from .redact import Redactor

    return _mask_quoted_names(Redactor().redact(reason))


def _mask_quoted_names(reason: str) -> str:
    """``reason`` with names masked inside the values it quotes from the user's file
    (an unknown key or column written as a person's name: "unknown key 'Jane Okafor'").
    Only quoted text, and only where it has capitals, is read: our own words around
    it stay as written."""
    import re

    from .redact import apply_masks, redactor_for

    spans: list[tuple[int, int]] = []
    for match in re.finditer(r"'([^'\n]*)'|\"([^\"\n]*)\"", reason):
        group = 1 if match.group(1) is not None else 2
        start, end = match.span(group)
        quoted = reason[start:end]
        if not any(c.isupper() for c in quoted):
            continue
        # Words a person wrote ("Jane Okafor: yes"); a single word is a misspelt key
        # ("Sheduled"), left whole so the message says which.
        found = redactor_for().written_spans(quoted)
        spans.extend((start + s, start + e) for s, e in found)
    return apply_masks(reason, spans) if spans else reason


class InputError(SocialPolicyError):
    """A post, draft or calendar file is unusable."""


class ConfigError(SocialPolicyError):
    """The configuration file is unusable."""


class RuleError(SocialPolicyError):
    """A rule file is unusable."""


class RuleRuntimeError(Exception):
    """A rule failed while checking a post (e.g. its regex timed out)."""

    def __init__(self, rule: str, reason: str):
        self.rule = rule
        self.reason = reason
        super().__init__(f"rule {rule} failed: {reason}")

    def __reduce__(self) -> tuple[type, tuple[str, str]]:
        return type(self), (self.rule, self.reason)
