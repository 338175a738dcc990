"""Checking the fields of a ``Post`` built by hand, as the library allows.

Posts read from files are already validated against the schema; this is for
callers who build ``Post`` themselves. Plain mappings and lists are converted to
the model's objects; anything else is refused with a ``TypeError`` or
``ValueError`` that names the field.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from .config import PLATFORM_ALIASES, PLATFORMS

if TYPE_CHECKING:
    from .models import Post


def checked_fields(post: Post) -> dict[str, Any]:
    """The fields that had to be converted, by name; raises for unusable ones."""
    from .models import ConsentEntry, Media, Poll, ReplyTo

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
