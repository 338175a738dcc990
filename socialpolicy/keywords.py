"""Post metadata given to the library as typed keyword arguments.

``check_text("...", platfrom="x")`` must fail at once (a type checker flags it, and
Python raises ``TypeError``) rather than run without a platform, so the library
spells the keys out instead of taking ``**metadata``. Values may be the model's
own objects (``Media``, ``Consent``, ...) or plain mappings as in front matter.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import fields, is_dataclass
from datetime import datetime
from typing import Any, TypedDict

from .models import ConsentEntry, Media, Poll, ReplyTo


class Metadata(TypedDict, total=False):
    """The metadata keys of a post (SPEC §1), as keyword arguments."""

    id: str
    account: str
    platform: str
    scheduled: str | datetime
    media: Sequence[Media | Mapping[str, Any]]
    consent: Sequence[ConsentEntry | Mapping[str, Any]]
    poll: Poll | Mapping[str, Any]
    reply_to: ReplyTo | Mapping[str, Any]
    monitored_by: str
    ignore: Mapping[str, str]


def as_front_matter(**given: Any) -> dict[str, Any]:
    """The keyword arguments that were given, as front matter would hold them."""
    return {key: _plain(key, value) for key, value in given.items() if value is not None}


def _plain(key: str, value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(key, getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, tuple):
        return [_plain(key, v) for v in value]
    if isinstance(value, list):
        return [_plain(key, v) for v in value]
    if isinstance(value, Mapping):
        return {k: _plain(key, v) for k, v in value.items()}
    return value
