"""Whether a span the recognisers propose is a private person's name: written as a name
(``mention``), not a place's, a thing's or a phrase (``things``), not a firm's or a public
figure's (``firms``), not someone the post may name (``consent``), and with what only
people have around it where the lists do not know it (``context``)."""

from __future__ import annotations

from typing import Any

import regex

from ..base import PostContext
from .consent import Allowed, may_be_named
from .context import looks_private, person_cue
from .filters import Filters
from .firms import firm_or_character, public_or_listed
from .mention import read_mention
from .things import names_a_place_or_phrase, names_a_work_or_thing
from .words import CAPITAL_WORD, LETTERS, LIST_JOIN

# Names listed just before another ("Wenna Trelawny and ", "Ffion, Bartosz and ").
_NAMES_BEFORE = regex.compile(rf"(?:{CAPITAL_WORD}(?:[ \t]+{CAPITAL_WORD}){{0,3}}{LIST_JOIN})+$")


def is_private_name(f: Filters, ctx: PostContext, allow: Allowed, start: int, end: int,
                    text: str, reply: bool, need_cue: bool | None = False, doc: Any = None) -> bool:
    """Whether a span the recognisers propose is a private person's name. ``need_cue``:
    a name no list knows needs something only people have next to it; ``None`` asks
    whether it would be a name if it had that (a name in a list beside one that is)."""
    m = read_mention(f, text, start, end)
    if m is None or names_a_place_or_phrase(f, m) or public_or_listed(f, m):
        return False
    if firm_or_character(f, doc, text, m.start, end, m.words, m.before_words, m.titled,
                         shape=need_cue is not False):
        return False
    if names_a_work_or_thing(f, m) or may_be_named(f, ctx, allow, m, reply):
        return False
    # What is said before a list of names is said of each ("Thank you to Wenna Trelawny
    # and Bogdan Ciobanu"): the names listed before this one are passed over.
    before = m.before
    cue_words = LETTERS.findall(_NAMES_BEFORE.sub("", before)) if _NAMES_BEFORE.search(
        before) else m.before_words
    if (m.casual or m.shouted) and not m.titled:
        # No capital to go on: only with a person cue ("thanks to sharon", "meet bev").
        return need_cue is None or person_cue(f, text, end, cue_words, [])
    if need_cue is not False and not m.titled and m.parts & f.not_names:
        return False  # "Wickes Lowestoft": a name no list knows beside a place is a business
    if need_cue and not m.titled and not person_cue(f, text, end, cue_words, []):
        return False  # a name no list knows, with nothing only people have near it
    return looks_private(f, text, m.start, end, m.parts, m.words, cue_words, m.titled,
                         cue=need_cue is not None)

