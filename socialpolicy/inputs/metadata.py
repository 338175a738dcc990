"""Post metadata (front matter keys or calendar fields) checked and turned into a ``Post``.

Drafts and every calendar format go through ``build_post``, so a key means the
same thing wherever it is written, and an unknown key is always an error.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from ..config import PLATFORM_ALIASES
from ..errors import InputError
from ..models import ConsentEntry, Media, Poll, Position, Post, ReplyTo
from .thread import split_parts

LONDON = ZoneInfo("Europe/London")
METADATA_KEYS = (
    "id", "account", "platform", "scheduled", "text", "media", "consent", "poll",
    "reply_to", "monitored_by", "ignore",
)


def parse_scheduled(value: Any, source: str, line: int | None) -> datetime | None:
    """An aware datetime; a time with no offset is Europe/London local time."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime.combine(value, time(0, 0))
    elif isinstance(value, str):
        text = value.strip()
        if text.endswith(("Z", "z")):
            text = text[:-1] + "+00:00"
        try:
            moment = datetime.fromisoformat(text.replace(" ", "T", 1) if "T" not in text else text)
        except ValueError:
            raise InputError(
                source,
                "scheduled: is not a date and time (write it as ISO 8601, e.g. 2026-03-14T09:30)",
                line,
            ) from None
    else:
        raise InputError(source, "scheduled: is not a date and time but "
                                 f"{plain_kind(value)} (write it as ISO 8601, e.g. "
                                 "2026-03-14T09:30)", line)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=LONDON)
    return moment


def _positions(data: Mapping[str, Any], base: Position | None) -> dict[str, Position]:
    out: dict[str, Position] = {}
    keys = getattr(data, "key_positions", None)
    if keys is None:
        if base is not None:
            out = {k: base for k in data}
        return out
    for key, (line, column) in keys.items():
        out[str(key)] = Position(line, column)
    for name in ("media", "consent"):
        items = data.get(name)
        positions = getattr(items, "item_positions", None)
        if positions:
            for index, (line, column) in enumerate(positions):
                out[f"{name}[{index}]"] = Position(line, column)
    # Each suppression's own line, so an audit finding points at the entry itself.
    ignored = getattr(data.get("ignore"), "key_positions", None)
    if ignored:
        for rule, (line, column) in ignored.items():
            out[f"ignore.{rule}"] = Position(line, column)
    return out


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _refuse_broken_characters(text: str, data: Mapping[str, Any], source: str, line: int) -> None:
    """A lone UTF-16 surrogate (JSON can spell one, ``"\\ud800"``) is no character at
    all: it cannot be printed, written to a report or posted, so say so up front."""
    stack: list[Any] = [text, *data.values()]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            if _LONE_SURROGATE.search(value):
                raise InputError(source, "contains a broken character (a lone surrogate, as "
                                 "written \\ud800 in JSON); remove it or write the real "
                                 "character", line)
        elif isinstance(value, Mapping):
            stack.extend(value.values())
        elif isinstance(value, (list, tuple)):
            stack.extend(value)


def plain_kind(value: Any) -> str:
    """What a value is, in the words of a message ("a number", not "int" or "PosList")."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, Mapping):
        return "a mapping of keys to values"
    if isinstance(value, (list, tuple)):
        return "a list"
    return "text" if isinstance(value, str) else "a value of another kind"


def validate_metadata(data: Any, source: str, base_line: int | None = None) -> None:
    """Raise an ``InputError`` naming the key and line of the first schema error."""
    if not isinstance(data, Mapping):
        raise InputError(source, "post metadata must be a mapping of key: value", base_line)
    if not data:
        return  # nothing to check, and a plain draft need not load jsonschema
    from ..schema_check import first_problem

    problem = first_problem("post.schema.json", data)
    if problem is None:
        return
    line = problem.position[0] if problem.position else base_line
    if problem.unknown_key is not None:
        prefix = f"{problem.path}." if problem.path else ""
        reason = (
            f"unknown key {prefix}{problem.unknown_key!r} (known keys: "
            f"{', '.join(problem.allowed)}); a misspelt key would silently switch a check off"
        )
        raise InputError(source, reason, line)
    raise InputError(source, f"{problem.path or 'metadata'}: {problem.message}", line)


def build_post(
    data: Mapping[str, Any],
    *,
    text: str,
    source: str,
    default_id: str | None,
    position: Position,
    text_lines: tuple[Position, ...] = (),
    exact_columns: bool = True,
    field_base: Position | None = None,
) -> Post:
    """A ``Post`` from validated metadata and the text with its source layout."""
    _refuse_broken_characters(text, data, source, position.line)
    validate_metadata(data, source, position.line)
    positions = _positions(data, field_base)
    sched_line = positions["scheduled"].line if "scheduled" in positions else position.line
    platform = data.get("platform")
    media = tuple(
        Media(
            file=str(m["file"]),
            alt=m.get("alt"),
            people=m.get("people"),
            consent=tuple(str(c) for c in m.get("consent") or []),
        )
        for m in data.get("media") or []
    )
    consent = tuple(
        ConsentEntry(str(c["name"]), None if c.get("form") is None else str(c["form"]))
        for c in data.get("consent") or []
    )
    poll_raw = data.get("poll")
    poll = None
    if poll_raw is not None:
        poll = Poll(str(poll_raw["question"]), tuple(str(o) for o in poll_raw.get("options") or []))
    reply_raw = data.get("reply_to")
    reply = None
    if reply_raw is not None:
        reply = ReplyTo(reply_raw.get("author"), str(reply_raw["text"]))
    ignore = tuple((str(k), "" if v is None else str(v)) for k, v in (data.get("ignore") or {}).items())
    post_id = data.get("id", default_id)
    return Post(
        text=text,
        source=source,
        id=None if post_id is None else str(post_id),
        account=data.get("account"),
        platform=None if platform is None else PLATFORM_ALIASES.get(str(platform), str(platform)),
        scheduled=parse_scheduled(data.get("scheduled"), source, sched_line),
        media=media,
        consent=consent,
        poll=poll,
        reply_to=reply,
        monitored_by=data.get("monitored_by"),
        ignore=ignore,
        position=position,
        text_lines=text_lines,
        exact_columns=exact_columns,
        field_positions=positions,
        present=frozenset(str(k) for k in data),
        parts=split_parts(text),
    )
