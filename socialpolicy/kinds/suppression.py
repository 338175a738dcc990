"""Suppressions that cannot be audited.

An ``ignore: {rule-id: reason}`` entry switches a finding off only with a reason
someone can review later. An empty reason, or a rule id that names no rule (a typo
would otherwise look like a suppression that works), is reported here; the engine
does not apply a suppression whose reason is empty.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..resources import builtin_rule_ids
from .base import BaseDetector, Hit, PostContext


class SuppressionDetector(BaseDetector):
    def find(self, ctx: PostContext) -> Iterable[Hit]:
        # The pack's ids are known even when a run loads only some rules (--select, a
        # rule's own examples).
        known = builtin_rule_ids() | ctx.resources.rule_ids
        hits = []
        for rule, reason in ctx.post.ignore:
            field = f"ignore.{rule}" if f"ignore.{rule}" in ctx.post.field_positions else "ignore"
            if rule not in known:
                # {tag}: the engine puts the id in masked as a report masks it (someone
                # may write a person's name there: "Jane Smith: she agreed").
                message = (
                    "ignore names '{tag}', which is not a rule, so it switches nothing off; "
                    "check the spelling against `socialpolicy rules list`."
                )
                hits.append(Hit(field=field, evidence=rule, message=message, tag=rule))
            elif not reason.strip():
                message = (
                    f"The suppression of {rule} has no reason, so it was not applied; "
                    "a suppression must say why, for the audit trail."
                )
                hits.append(Hit(field=field, evidence=rule, message=message, tag=rule))
        return hits


DETECTOR = SuppressionDetector
