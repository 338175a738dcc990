"""UK identifiers and contacts (NHS numbers, phone numbers, emails, addresses) in every
text of a post: found in its normalised form, reported on the original, the Trust's own
contacts left out; a recognizer that could find nothing in a text is not asked."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import regex

from ...pii.checksum import allowed, contact_key
from ...pii.normal import needs_normalising, normalise
from ..base import Hit, PostContext
from .consent import Allowed
from .resolve import resolve

HOME_ENTITY = "HOME_ADDRESS"
# Before a postcode or street, these make even a part of the Trust's own address someone's home.
_HOME = regex.compile(r"\b(?:lives?|living|lived|resides?|home|staying|address)\b[^.!?\n]*$", regex.IGNORECASE)
# Recognizers whose results are matches of their ``patterns`` (kept, rescored or dropped
# afterwards), and those that find only phone numbers, which are digits.
_PATTERN_CLASSES = frozenset({"ContextPatternRecognizer", "NhsNumberRecognizer",
                              "PersonalEmailRecognizer", "ChecksumRecognizer"})
_DIGIT_CLASSES = frozenset({"PrivatePhoneRecognizer"})
# Per entity, in the rule's order: None (its recognizers may find something anywhere),
# or one (needs a digit, needs one of these case-folded strings or None) per pattern.
Prerequisites = tuple[tuple[str, "tuple[tuple[bool, tuple[str, ...] | None], ...] | None"], ...]


def sources(ctx: PostContext) -> list[tuple[str | None, str, bool]]:
    """Every text of a post an identifier can hide in: (field, text, is a file name).
    A poll question, a media file name ("nhs_9434765919_xray.jpg") and alt text are
    published too."""
    post = ctx.post
    out: list[tuple[str | None, str, bool]] = [(None, post.text, False)]
    if post.poll is not None:
        out.append(("poll", "\n".join([post.poll.question, *post.poll.options]), False))
    for media in post.media:
        out.append(("media", media.file, True))
        if media.alt:
            out.append(("media", media.alt, False))
    return out


def identifiers(engine: Any, entities: Sequence[str], possible_in: Callable[[str], tuple[str, ...]],
                labels: Mapping[str, str], allow: Allowed, field: str | None, source: str,
                file_name: bool) -> list[Hit]:
    """Identifiers in one text of the post (its text, poll, or a media file name or
    alt text), found in the normalised form and reported on the original."""
    if not source.strip():
        return []
    norm = normalise(source, file_name) if file_name or needs_normalising(source) else None
    text = norm.text if norm is not None else source
    wanted = possible_in(text)
    if not wanted:
        return []  # no recognizer of this rule could find anything in it
    results = engine.analyze(text, None, None, wanted)
    hits = []
    for result in resolve(results, entities):
        start, end = norm.span(result.start, result.end) if norm is not None else (
            result.start, result.end)
        evidence = source[start:end]
        if allowed(evidence, allow.contacts) and not (
            result.entity_type == HOME_ENTITY and _HOME.search(source[max(0, start - 40):start])
            and contact_key(evidence) not in allow.contacts
        ):
            continue  # the Trust's own contact, or a part of its address not called a home
        tag = labels.get(result.entity_type, result.entity_type.replace("_", " ").lower())
        if field is None:
            hits.append(Hit(start, end, evidence=evidence, personal=True, tag=tag))
        else:
            hits.append(Hit(evidence=evidence, field=field, personal=True, tag=tag))
    return hits


def possible(prerequisites: Prerequisites, text: str) -> tuple[str, ...]:
    """The entities some recognizer of which could find something in ``text``: one
    whose every pattern needs a digit (or a string, as an email needs "@") the text
    lacks finds nothing, so Presidio is not asked to run it (most posts hold no
    digit). The same findings as running every recognizer, for less."""
    from ...literals import TextHolds

    holds = TextHolds(text)
    out = []
    for entity, ways in prerequisites:
        if ways is None or any(holds.could_match(needs, strings) for needs, strings in ways):
            out.append(entity)
    return tuple(out)


def prerequisites(definitions: Sequence[Mapping[str, Any]], entities: Sequence[str]) -> Prerequisites:
    """What a text must hold for each entity's recognizers to find anything in it."""
    from ...literals import needs_digit, required_literals

    ways: dict[str, list[tuple[bool, tuple[str, ...] | None]] | None] = {e: [] for e in entities}
    for definition in definitions:
        entity = str(definition["entity"])
        kind = str(definition.get("class", "ContextPatternRecognizer"))
        own = ways.get(entity, [])
        if own is None:
            continue
        if kind in _DIGIT_CLASSES:
            own.append((True, None))
        elif kind in _PATTERN_CLASSES and definition.get("patterns"):
            for pattern in definition["patterns"]:
                source = str(pattern["regex"])
                own.append((needs_digit(source), required_literals(source)))
        else:
            ways[entity] = None  # a recognizer that reads more than patterns: always asked
    return tuple((e, None if w is None else tuple(w)) for e, w in ways.items())
