"""Measures of a post compared with a limit: length for its platform, hashtag count.

``max`` is a number or the name of a configuration value (``platform_limit``,
``hashtags.max``), so a Trust changes limits in its config, not in rule files.

A thread is measured part by part (each part goes out as its own post), and a
finding points at the part that is over its limit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, ClassVar

from ..config import PLATFORM_ALIASES
from ..text import twitter
from .base import BaseDetector, BuildContext, Hit, Options, PostContext, spec_error


def _length(text: str, platform: str | None) -> int:
    if PLATFORM_ALIASES.get(platform or "", platform) == "twitter":
        return twitter.weighted_length(text)
    return len(text)


def _hashtags(text: str, platform: str | None) -> int:
    return len(twitter.extract_hashtags(text))


MEASURES: dict[str, Callable[[str, str | None], int]] = {"length": _length, "hashtags": _hashtags}
LIMITS: dict[str, Callable[[PostContext], int | None]] = {
    "platform_limit": lambda ctx: ctx.config.limit_for(ctx.post.platform),
    "hashtags.max": lambda ctx: ctx.config.hashtags_max,
}


class MetricDetector(BaseDetector):
    options: ClassVar[Options] = {
        "measure": {"enum": list(MEASURES)},
        "max": {"type": ["integer", "string"]},
    }

    def __init__(self, spec: Mapping[str, Any], build: BuildContext):
        super().__init__(spec, build)
        measure = spec.get("measure")
        if measure not in MEASURES:
            raise spec_error(build, "measure", f"must be one of {', '.join(MEASURES)}")
        self.measure = MEASURES[measure]
        self.name = str(measure)
        limit = spec.get("max")
        if isinstance(limit, int) and not isinstance(limit, bool):
            fixed = limit
            self.limit: Callable[[PostContext], int | None] = lambda ctx: fixed
        elif limit in LIMITS:
            self.limit = LIMITS[limit]
            # A post without a platform has no platform limit, so it is not measured.
            self.needs_platform = limit == "platform_limit"
        else:
            raise spec_error(build, "max", f"must be a number or one of {', '.join(LIMITS)}")

    def find(self, ctx: PostContext) -> Iterable[Hit]:
        limit = self.limit(ctx)
        if limit is None:
            return []
        text = ctx.post.text
        spans = ctx.post.part_spans()
        hits = []
        for number, (begin, end) in enumerate(spans, start=1):
            part = text[begin:end]
            value = self.measure(part, ctx.post.platform)
            if value <= limit:
                continue
            start, stop = self._span(part, ctx.post.platform, limit)
            where = f" in part {number} of {len(spans)} of the thread" if len(spans) > 1 else ""
            hits.append(Hit(begin + start, begin + stop, evidence=f"{value} > {limit}{where}",
                            tag=f"{value}/{limit}"))
        return hits

    def _span(self, text: str, platform: str | None, limit: int) -> tuple[int, int]:
        if self.name == "hashtags":
            tags = twitter.extract_hashtags(text)
            return (tags[limit].start, tags[-1].end)
        # Point at the first character past the limit, so the writer sees where to cut.
        low, high = 0, len(text)
        while low < high:
            mid = (low + high) // 2
            if self.measure(text[:mid + 1], platform) > limit:
                high = mid
            else:
                low = mid + 1
        return (min(low, len(text)), len(text))


DETECTOR = MetricDetector
