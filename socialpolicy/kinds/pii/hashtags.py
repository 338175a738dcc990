"""People named in a hashtag that rallies round them ("#TeamOscar", "#PrayForMaisie")."""

from __future__ import annotations

from ...pii.names import matches_any, name_parts
from ...pii.people import is_given
from ...text.words import common_words
from ..base import Hit, PostContext
from .consent import Allowed, consented
from .filters import Filters


def hashtag_names(f: Filters, ctx: PostContext, allow: Allowed, text: str, tag: str) -> list[Hit]:
    """People named in a hashtag that rallies round them ("#TeamOscar"): a known first
    name (not one that is also a word: "#TeamHope" is a campaign)."""
    if f.hashtag_name is None or "#" not in text:
        return []
    entries = consented(ctx, text)
    hits = []
    for match in f.hashtag_name.finditer(text):
        group = 1 if match.group(1) else 2
        name = match.group(group)
        known = is_given(name, f.given)
        # A name no dictionary has ("#TeamAmarachi"), unless it is a place ("#TeamGorleston").
        unknown = name.casefold() not in common_words() and not name_parts(name) <= f.not_names
        if unknown and not known and group == 1 and not f.hashtag_words.match(match.group(0), 1):
            # after any verb ("#StandWithUkraine"): only a word rare even on the web
            from ...text.words import is_frequent

            unknown = not is_frequent(name.casefold())
        if not (known or unknown) or matches_any(name, allow.people) or matches_any(
                name, entries, alone=True):
            continue
        hits.append(Hit(match.start(group), match.end(group), evidence=name, personal=True, tag=tag))
    return hits
