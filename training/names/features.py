"""Evidence about a candidate name, read as features for a learned re-scorer (issue 11):
which recogniser proposed it and whether the spaCy model calls it a person, the name
lists' votes, what stands before and after it, and each hand check's verdict, not as a
veto but as one more piece of evidence. Consent, the reply's greeting and the user's
allow lists stay rules (``may_be_named``): they are policy, not evidence, and a candidate
they cover is never scored.

Used by ``collect.py`` only (the experiment in DATA.md); nothing in ``socialpolicy``
imports it."""

from __future__ import annotations

from typing import Any

import regex

from socialpolicy.kinds.base import PostContext
from socialpolicy.kinds.pii.consent import Allowed, may_be_named
from socialpolicy.kinds.pii.context import looks_private, person_cue
from socialpolicy.kinds.pii.filters import Filters
from socialpolicy.kinds.pii.firms import firm_or_character, public_or_listed
from socialpolicy.kinds.pii.mention import read_mention
from socialpolicy.kinds.pii.private import is_private_name
from socialpolicy.kinds.pii.roles import reads_as
from socialpolicy.kinds.pii.things import names_a_place_or_phrase, names_a_work_or_thing
from socialpolicy.pii.names import is_surname
from socialpolicy.pii.people import is_given
from socialpolicy.text.words import common_words

try:
    from socialpolicy.kinds.pii.words import LIST_JOIN
except ImportError:  # an older commit's tree (the time-split runs in DATA.md)
    LIST_JOIN = r"(?:\s*,\s*(?:and\s+|&\s*)?|\s+(?:and|&)\s+)"
# The features, in the order the model's weights are stored.
FEATURES: tuple[str, ...] = (
    "shape", "spacy_person", "hand", "hand_listed", "thing_doc", "place_or_phrase",
    "public_or_listed", "firm_or_character", "work_or_thing", "casual", "shouted", "titled",
    "person_cue", "looks_private", "looks_private_no_cue", "not_name_part", "first_given",
    "first_all_given", "last_surname", "first_and_last", "any_common", "all_rare",
    "words_1", "words_2", "words_3", "sentence_start", "all_caps", "possessive",
    "apposition", "listed", "staff_role", "patient_role",
)

_SENTENCE_START = regex.compile(r"(?:\A|[.!?\n:]['\"’”)]*)[ \t]*(?:\p{So}[ \t]*)*$")
_POSSESSIVE = regex.compile(r"['’]s\b")
_APPOSITION = regex.compile(r",[ \t]+(?:our|the|a|an|one\s+of\s+our|who|aged|\d)\b", regex.IGNORECASE)
_LISTED_BEFORE = regex.compile(rf"\p{{Lu}}[\p{{L}}'’\-]*{LIST_JOIN}$")
_LISTED_AFTER = regex.compile(rf"{LIST_JOIN}\p{{Lu}}")


def features(f: Filters, ctx: PostContext, allow: Allowed, start: int, end: int, text: str,
             reply: bool, shape: bool, doc: Any, thing_doc: bool) -> dict[str, float] | None:
    """The candidate's features, or None where it is no mention at all (a hashtag,
    digits, lower-case words) or someone the post may name (consent, allow list, the
    reply's greeting): those stay rules."""
    m = read_mention(f, text, start, end)
    if m is None or may_be_named(f, ctx, allow, m, reply):
        return None
    words = m.words
    core = [w for w in words if w[:1].isupper() or m.casual or m.shouted] or words
    common = common_words()
    first, last = core[0], core[-1]
    given = is_given(first, f.given)
    spacy_person = doc is not None and any(
        e.label_ == "PERSON" and e.start_char < end and e.end_char > m.start for e in doc.ents)
    before_words = m.before_words
    out = {
        "shape": shape,
        "spacy_person": spacy_person,
        "hand": is_private_name(f, ctx, allow, start, end, text, reply, need_cue=shape, doc=doc),
        "hand_listed": shape and is_private_name(f, ctx, allow, start, end, text, reply,
                                                 need_cue=None, doc=doc),
        "thing_doc": thing_doc,
        "place_or_phrase": names_a_place_or_phrase(f, m),
        "public_or_listed": public_or_listed(f, m),
        "firm_or_character": firm_or_character(f, doc, text, m.start, m.end, m.words, m.before_words,
                                               m.titled, shape=shape),
        "work_or_thing": names_a_work_or_thing(f, m),
        "casual": m.casual,
        "shouted": m.shouted,
        "titled": m.titled,
        "person_cue": person_cue(f, text, m.end, before_words, []),
        "looks_private": looks_private(f, text, m.start, m.end, m.parts, words, before_words,
                                       m.titled, cue=True),
        "looks_private_no_cue": looks_private(f, text, m.start, m.end, m.parts, words,
                                              before_words, m.titled, cue=False),
        "not_name_part": bool(m.parts & f.not_names),
        "first_given": given,
        "first_all_given": is_given(first, f.all_given),
        "last_surname": len(core) > 1 and is_surname(last.casefold()),
        "first_and_last": len(core) > 1 and given and is_surname(last.casefold()),
        "any_common": any(w.casefold() in common for w in core),
        "all_rare": not any(w.casefold() in common for w in core),
        "words_1": len(core) == 1,
        "words_2": len(core) == 2,
        "words_3": len(core) > 2,
        "sentence_start": _SENTENCE_START.search(text, max(0, m.start - 8), m.start) is not None,
        "all_caps": all(w.isupper() for w in words),
        "possessive": _POSSESSIVE.match(text, m.end) is not None,
        "apposition": _APPOSITION.match(text, m.end) is not None,
        "listed": (_LISTED_BEFORE.search(text, max(0, m.start - 40), m.start) is not None
                   or _LISTED_AFTER.match(text, m.end) is not None),
        "staff_role": reads_as(f.staff, text, m.start, m.end) is not None,
        "patient_role": reads_as(f.patient, text, m.start, m.end) is not None,
    }
    return {k: float(v) for k, v in out.items()}
