"""Which text of a post a detector reads: the post itself, or what it replies to."""

from __future__ import annotations

from ..literals import LITERAL_SCAN, Found, LiteralScan
from ..normalize import Folded, fold
from .base import Hit, PostContext

TEXT_FIELDS = ("text", "reply_to", "poll")


def folded_source(ctx: PostContext, on: str) -> Folded | None:
    """The folded text a detector with ``on: <field>`` matches against."""
    if on == "text":
        return ctx.folded
    if on == "reply_to":
        reply = ctx.post.reply_to
        if reply is None:
            return None
        folded: Folded = ctx.memo("fold:reply_to", lambda: fold(reply.text))
        return folded
    if on == "poll":
        poll = ctx.post.poll
        if poll is None:
            return None
        whole = "\n".join([poll.question, *poll.options])
        folded_poll: Folded = ctx.memo("fold:poll", lambda: fold(whole))
        return folded_poll
    raise ValueError(on)


def make_hit(ctx: PostContext, on: str, source: Folded, start: int, end: int, **extra: object) -> Hit:
    """A hit for a span of ``source``; hits outside the post text point at the field."""
    if on == "text":
        return ctx.hit_from_folded(start, end, **extra)  # type: ignore[arg-type]
    return Hit(evidence=source.text[start:end], field=on, **extra)  # type: ignore[arg-type]


def literals_found(ctx: PostContext, on: str, folded: str) -> Found | None:
    """The rule set's required strings in ``folded`` (the case-folded ``on`` text),
    found once per post for every pattern of every rule; None outside a Linter."""
    scan = ctx.shared.get(LITERAL_SCAN)
    if not isinstance(scan, LiteralScan):
        return None
    found: Found = ctx.memo(f"literals:{on}", lambda: scan.found(folded))
    return found
