"""Suggested replies as data: ``rules/triage/replies.yaml``.

Each template names the categories it answers (``when``: all must be present), the
clause it follows, and its text with the Trust's contacts as ``{pals_phone}``,
``{pals_email}``, ``{foi_email}``, ``{press_phone}``, ``{press_email}`` and
``{switchboard}`` (configuration ``contacts``). The first template whose ``when``
holds wins, so combinations come before single categories. A template never quotes
the message, so a reply can never repeat someone's personal data. ``text: null``
means "do not reply" (spam, abuse on its own).
"""

from __future__ import annotations

import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..config import DEFAULT_CONTACTS, Config
from ..errors import RuleError
from ..models import Clause
from .categories import CATEGORIES, clause_of, triage_dir
from .packfile import read_list

_KEYS = {"id", "when", "clause", "text", "note"}


@dataclass(frozen=True)
class Template:
    id: str
    when: frozenset[str]
    clause: Clause
    text: str | None

    def render(self, contacts: Mapping[str, str]) -> str | None:
        if self.text is None:
            return None
        return " ".join(self.text.format_map(dict(contacts)).split())


@dataclass(frozen=True)
class Replies:
    templates: tuple[Template, ...]

    def choose(self, categories: Sequence[str]) -> Template:
        present = set(categories)
        for template in self.templates:
            if template.when <= present:
                return template
        return self.templates[-1]


def load_replies(config: Config, path: Path | None = None) -> Replies:
    path = path or triage_dir() / "replies.yaml"
    source = str(path)
    items = read_list(path, "replies", "reply templates")
    templates = [_template(item, source) for item in items]
    if templates[-1].when:
        raise RuleError(source, "the last reply template must have when: [] so every "
                                "message gets one", getattr(items[-1], "line", None))
    return Replies(tuple(templates))


def _template(item: Any, source: str) -> Template:
    line = getattr(item, "line", None)
    if not isinstance(item, Mapping) or "id" not in item or "text" not in item:
        raise RuleError(source, "each reply template needs an id, when, clause and text", line)
    tid = str(item["id"])
    for key in item:
        if key not in _KEYS:
            raise RuleError(source, f"reply {tid}: unknown key {key!r} (allowed: "
                                    f"{', '.join(sorted(_KEYS))})", line)
    when = frozenset(str(c) for c in item.get("when") or [])
    for name in when:
        if name not in CATEGORIES:
            raise RuleError(source, f"reply {tid}: {name!r} is not a category", line)
    text = item["text"]
    if text is not None:
        text = str(text)
        for _, field, _, _ in string.Formatter().parse(text):
            if field is not None and field not in DEFAULT_CONTACTS:
                raise RuleError(source, f"reply {tid}: {{{field}}} is not a contact (known: "
                                        f"{', '.join(DEFAULT_CONTACTS)})", line)
    return Template(tid, when, clause_of(item.get("clause"), source, line), text)
