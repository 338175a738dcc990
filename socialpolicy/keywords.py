"""Post metadata given to the library as typed keyword arguments.

``check_text("...", platfrom="x")`` must fail at once (a type checker flags it, and
Python raises ``TypeError``) rather than run without a platform, so the library
spells the keys out instead of taking ``**metadata``. Values may be the model's
own objects (``Media``, ``Consent``, ...) or plain mappings as in front matter.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields, is_dataclass
from datetime import datetime
from typing import Any


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
