"""What the recognisers found, made one result per place and one finding per person:
overlaps resolved by score and the rule's order, a list of full names split into its
names, a person named twice reported once."""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

import regex

from ...pii.names import name_parts
from ..base import Hit
from .words import LISTED, NAME_ENTITY, NEEDS_EVIDENCE

# A full name: two to four capitalised words ("Bogdan Ciobanu", "Mary-Jane O'Neill").
_FULL_NAME = regex.compile(r"\p{Lu}[\p{L}'’\-]*(?:[ \t]+\p{Lu}[\p{L}'’\-]*){1,3}")


def resolve(results: Sequence[Any], order: Sequence[str]) -> list[Any]:
    """One entity per place: the highest score wins an overlap, then the order the
    rule lists entities in. An NHS number is not also reported as a phone number;
    overlapping names ("Sister Jones" and "Jones") merge into the longer one."""
    rank = {e: i for i, e in enumerate(order)}
    ordered = sorted(
        results, key=lambda r: (-r.score, rank.get(r.entity_type, len(rank)), r.start - r.end)
    )
    kept: list[Any] = []
    for result in ordered:
        clash = next((k for k in kept if result.start < k.end and k.start < result.end), None)
        if clash is None:
            kept.append(result)
        elif result.recognition_metadata.get(NEEDS_EVIDENCE):
            continue  # a name shape never widens what a list or the model found
        elif clash.entity_type == result.entity_type == NAME_ENTITY:
            clash.start = min(clash.start, result.start)
            clash.end = max(clash.end, result.end)
    return sorted(kept, key=lambda r: r.start)


def split_listed(text: str, results: Sequence[Any]) -> list[Any]:
    """The model's one PERSON span over a list of full names ("Wenna Trelawny and Bogdan
    Ciobanu"): one result per name, so each is read (and matched with a consent entry) on its
    own. Only full names of two words or more on every side: "Marks and Spencer" and "Tom
    and Jerry" stay whole, and are read as the things they are."""
    out: list[Any] = []
    for result in results:
        span = text[result.start:result.end]
        joints = list(LISTED.finditer(span)) if result.entity_type == NAME_ENTITY else []
        pieces: list[tuple[int, int]] = []
        begin = 0
        for joint in joints:
            pieces.append((begin, joint.start()))
            begin = joint.end()
        pieces.append((begin, len(span)))
        if len(pieces) < 2 or not all(_FULL_NAME.fullmatch(span[a:b]) for a, b in pieces):
            out.append(result)
            continue
        for a, b in pieces:
            part = copy.copy(result)
            part.start, part.end = result.start + a, result.start + b
            out.append(part)
    return out


# What the model took into a name that is not part of it, at the span's end: a form's next
# field after a slash ("Cardholder: Lakshmi Fernando-Rajapakse / Card: ...") or as a label in
# capitals ("Patient: Jane Smith DOB 01/02/1990", "Name: Amaka Nwosu-Ike NHS no. ..."), and
# degrees, registrations and generations ("Carla Hughes MD", "Theodor Hendriks B.Sc.",
# "Nicholas Mendoza IV"): the name before them is a person's.
_AFTER_THE_NAME = regex.compile(
    r"[ \t]+/.*\Z|[ \t]+(?:DOB|D\.O\.B|NHS|NI|NINO|MRN|ID|DOD|EDD|GP|TEL|Tel|MOB|Mob|REF|Ref)\.?\Z"
    r"|(?:,?[ \t]+(?:Ph\.?D|M\.?D|DDS|DVM|MBA|B\.?Sc|M\.?Sc|B\.?A|M\.?A|RGN|RMN|FRCS|FRCP|MRCP|MRCS|"
    r"Jr|Sr|II|III|IV)\.?)+\.?\Z",
    regex.DOTALL)


def cut_to_names(text: str, results: Sequence[Any]) -> list[Any]:
    """The names the model proposed, cut to the name itself: one read across a line break
    ("Sender: Chidi Eze" over "Subject: ...") is read line by line, as a name is written on
    one line; and what it ran into after the name (``_AFTER_THE_NAME``) is left out."""
    out: list[Any] = []
    for result in results:
        span = text[result.start:result.end]
        if result.entity_type != NAME_ENTITY:
            out.append(result)
            continue
        if "\n" not in span:
            field = _AFTER_THE_NAME.search(span)
            if field is None:
                out.append(result)
            elif field.start() > 0:
                part = copy.copy(result)
                part.end = result.start + field.start()
                out.append(part)
            continue
        at = result.start
        for line in span.split("\n"):
            begin = at + len(line) - len(line.lstrip())
            end = at + len(line.rstrip())
            if begin < end:
                part = copy.copy(result)
                part.start, part.end = begin, end
                out.append(part)
            at += len(line) + 1
    return out


def same_person_once(hits: list[Hit], text: str | None = None) -> list[Hit]:
    """One finding per person per post: "Jane" after "Jane Smith" (or "Sister Jones"
    after "Sister Amy Jones") is the same person, reported at the first mention. With
    the ``text`` the hits are in, a later mention in it is kept among the first
    finding's ``mentions``, so every quote of the post masks it too."""
    kept: list[Hit] = []
    seen: list[tuple[frozenset[str], int]] = []
    for hit in hits:
        if hit.tag is None or hit.evidence is None:
            kept.append(hit)
            continue
        parts = _parts(hit, text)
        same = next((at for other, at in seen if parts and (parts <= other or other <= parts)),
                    None)
        if same is None:
            seen.append((parts, len(kept)))
            kept.append(hit)
            continue
        first = kept[same]
        if text is not None and first.field is None and hit.field is None:
            mentions = (*_mentions(first), *_mentions(hit))
            kept[same] = replace(first, mentions=mentions)
    return kept


def _mentions(hit: Hit) -> tuple[tuple[int, int], ...]:
    return hit.mentions or ((hit.start, hit.end),)


def _parts(hit: Hit, text: str | None) -> frozenset[str]:
    """The name's parts, from the places that name the person when the finding's span
    holds more (a form's labels between a surname and a first name)."""
    if hit.mentions and text is not None and hit.field is None:
        return name_parts(" ".join(text[s:e] for s, e in hit.mentions))
    return name_parts(hit.evidence or "")


def one_record(text: str, hits: list[Hit], labels: Mapping[str, Any]) -> list[Hit]:
    """The parts of one person's name a form gives under separate labels, one after the
    other in one record ("Surname: Walters, first name Bethany"; "First name: Doreen" on
    the line under "Last name: Thirkettle"): one finding spanning them, whose
    ``mentions`` are the parts. ``labels`` maps each kind of part (family, given, ...)
    to a pattern of its labels ending where the part begins. A record holds one part of
    each kind: a second surname label starts the next person ("...; surname: Okafor,
    first name Chidi"), and so does a blank line or anything but punctuation between a
    part and the next label ("Surname: Walters, date of birth ..., first name ..."). After a
    label of a whole name (the kind ``whole``: "Patient: Kowalczyk, Zofia."), a surname, a
    comma and a first name that ends the record are one person too."""
    if not labels or len(hits) < 2:
        return hits
    out: list[Hit] = []
    group: list[Hit] = []
    kinds: set[str] = set()
    for hit in hits:
        found = _label(text, hit, labels) if hit.field is None and hit.tag else None
        if (found is None and group and kinds == {_WHOLE} and len(group) == 1
                and group[0].tag == hit.tag and _INVERTED.fullmatch(text, group[0].end, hit.start)
                and _RECORD_END.match(text, hit.end)):
            # "Patient: Kowalczyk, Zofia": a whole name's label, then surname, first name
            group.append(hit)
            kinds.add("given")
            continue
        if found is not None:
            kind, label_start = found
            # (a whole name's label joins only a surname and a first name after a comma)
            joins = (bool(group) and kind not in kinds and _WHOLE not in (kind, *kinds)
                     and group[-1].tag == hit.tag
                     and _RECORD_GAP.fullmatch(text, group[-1].end, label_start) is not None)
            if joins:
                group.append(hit)
                kinds.add(kind)
                continue
        out.extend(_joined(text, group))
        group, kinds = ([hit], {found[0]}) if found is not None else ([], set())
        if found is None:
            out.append(hit)
    out.extend(_joined(text, group))
    return out


# The kind of label that gives a whole name ("Name:", "Patient:"): a surname, a comma and a
# first name after one, ending the record, are one person.
_WHOLE = "whole"
_INVERTED = regex.compile(r",[ \t]*")
_RECORD_END = regex.compile(r"[ \t]*(?:[.;/|)\n]|$)")
# What may stand between one part of a record and the next part's label: punctuation and
# spaces, with one line break at most (a blank line ends a record).
_RECORD_GAP = regex.compile(r"[ \t,;:/|.()\-–—]*(?:\r?\n[ \t,;:/|.()\-–—]*)?")


def _label(text: str, hit: Hit, labels: Mapping[str, Any]) -> tuple[str, int] | None:
    """The kind of name part a form's label right before ``hit`` gives, and where the
    label starts."""
    before = text[max(0, hit.start - 60):hit.start]
    for kind, pattern in labels.items():
        match = pattern.search(before)
        if match is not None:
            return kind, hit.start - len(before) + match.start()
    return None


def _joined(text: str, group: list[Hit]) -> list[Hit]:
    if len(group) < 2:
        return group
    first, last = group[0], group[-1]
    return [replace(first, end=last.end, evidence=text[first.start:last.end],
                    mentions=tuple(m for h in group for m in _mentions(h)))]
