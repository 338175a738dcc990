"""Suppressions that cannot be audited (``suppression-without-reason``).

An ``ignore: {rule-id: reason}`` entry switches a finding off only with a reason
someone can review later. An empty reason, or a rule id that names no rule (a typo
would otherwise look like a suppression that works), is reported here; the engine
does not apply a suppression whose reason is empty.
"""

from __future__ import annotations

from collections.abc import Iterable

from .base import BaseDetector, Hit, PostContext

# The rule ids SPEC §2 promises; known even when a run loads only some rules
# (a rule's own examples, or --select).
STABLE_RULE_IDS = frozenset({
    "medical-advice", "patient-identifier", "named-person-consent", "photo-consent",
    "poll-canvassing", "post-length", "hashtag-guidance", "hashtag-camelcase",
    "image-alt-text", "offensive-content", "complaint-whistleblowing", "appointment-details",
    "internal-information", "link-safety", "reply-signposting", "unauthorised-account",
    "out-of-hours", "inactive-account", "suppression-without-reason", "professional-conduct",
})


class SuppressionDetector(BaseDetector):
    def find(self, ctx: PostContext) -> Iterable[Hit]:
        known = STABLE_RULE_IDS | ctx.resources.rule_ids
        hits = []
        for rule, reason in ctx.post.ignore:
            field = f"ignore.{rule}" if f"ignore.{rule}" in ctx.post.field_positions else "ignore"
            if rule not in known:
                message = (
                    f"ignore names {rule!r}, which is not a rule, so it switches nothing off; "
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
