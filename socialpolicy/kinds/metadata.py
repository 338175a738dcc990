"""Conditions on a post's metadata: media without consent, a poll attached, and so on.

With ``each: media`` the condition is tested on every item of the list and a
hit points at that item's line; otherwise it is tested on the post.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, ClassVar

from ..conditions import check_spec, holds
from .base import BaseDetector, BuildContext, Hit, Options, PostContext, spec_error

LIST_FIELDS = ("media", "consent")


class MetadataDetector(BaseDetector):
    options: ClassVar[Options] = {
        "each": {"enum": list(LIST_FIELDS)},
        "where": {"type": "object"},
        # The field a hit points at (default: the first key of ``where``).
        "field": {"type": "string"},
    }

    def __init__(self, spec: Mapping[str, Any], build: BuildContext):
        super().__init__(spec, build)
        self.each = spec.get("each")
        if self.each is not None and self.each not in LIST_FIELDS:
            raise spec_error(build, "each", f"must be one of {', '.join(LIST_FIELDS)}")
        self.where = spec.get("where") or {}
        problem = check_spec(self.where)
        if problem:
            raise spec_error(build, "where", problem)
        self.field = spec.get("field")

    def find(self, ctx: PostContext) -> Iterable[Hit]:
        data = ctx.memo("metadata", ctx.post.metadata)
        if self.each is None:
            if holds(data, self.where):
                name = self.field or next(iter(self.where), None)
                return [Hit(field=str(name) if name else None)]
            return []
        hits = []
        for index, item in enumerate(data.get(self.each) or []):
            if holds(item, self.where):
                label = item.get("file") or item.get("name") or ""
                hits.append(Hit(field=f"{self.each}[{index}]", evidence=str(label)))
        return hits


DETECTOR = MetadataDetector
