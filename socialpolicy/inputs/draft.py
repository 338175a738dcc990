"""Single drafts: a ``.txt`` file (all text), or ``.md`` with optional YAML front matter."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..models import Position, Post
from ..yamlpos import PosDict, load_yaml
from .metadata import build_post
from .reading import STDIN


def split_front_matter(text: str, source: str) -> tuple[Mapping[str, Any], str, int]:
    """(metadata, body, line of the body's first line) of a Markdown draft."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return {}, text, 1
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            # Leading blank line keeps YAML's line numbers equal to the file's.
            front = "\n" + "\n".join(lines[1:index])
            data = load_yaml(front, source) if front.strip() else PosDict()
            if data is None:
                data = PosDict()
            if not isinstance(data, dict):
                raise InputError(source, "front matter must be a mapping of key: value", 2)
            for key in ("text", "thread"):
                if key in data:
                    raise InputError(
                        source,
                        f"front matter cannot set {key}: the post is the part after the closing "
                        "---; write a thread there with a line holding only --- between parts",
                        data.key_positions[key][0] if isinstance(data, PosDict) else 2,
                    )
            body = "\n".join(lines[index + 1:])
            return data, body, index + 2
    raise InputError(source, "front matter opened with --- on line 1 is never closed with ---", 1)


def front_matter_hint(text: str, source: str) -> tuple[str, ...]:
    """A one-line hint when plain text starts like front matter: in a ``.txt`` draft
    or on stdin every line is post text, so ``platform: twitter`` would be checked
    (and counted) as words of the post, and the platform would be missing."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return ()
    if not any(line.strip() in ("---", "...") for line in lines[1:]):
        return ()
    if source == STDIN:
        return (
            "-: starts with front matter (---), but standard input is read as plain post "
            "text; pass --stdin-filename draft.md to read the front matter",
        )
    return (
        f"{source}: starts with front matter (---), but a .txt draft is all post text; "
        "rename it to .md so the front matter is read",
    )


def read_draft(
    text: str, source: str, metadata: Mapping[str, Any] | None = None, markdown: bool = False
) -> Post:
    """A draft post; ``metadata`` (from CLI options) fills keys the file leaves out."""
    front: Mapping[str, Any] = {}
    first_line = 1
    body = text
    if markdown:
        front, body, first_line = split_front_matter(text, source)
    merged: dict[str, Any] = dict(metadata or {})
    if isinstance(front, PosDict):
        combined = PosDict(merged)
        combined.update(front)
        combined.key_positions = dict(front.key_positions)
        combined.value_positions = dict(front.value_positions)
        combined.value_styles = dict(front.value_styles)
        combined.line, combined.column = front.line, front.column
        data: Mapping[str, Any] = combined
    else:
        data = merged
    default_id = None if source == STDIN else Path(source).name
    # Strip one trailing newline (editors add it); it is not part of the post.
    if body.endswith("\n"):
        body = body[:-1]
    return build_post(
        data,
        text=body,
        source=source,
        default_id=default_id,
        position=Position(first_line, 1),
        field_base=Position(1, 1),
    )
