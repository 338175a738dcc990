"""What the recognisers found, made one result per place and one finding per person:
overlaps resolved by score and the rule's order, a list of full names split into its
names, a person named twice reported once."""

from __future__ import annotations

import copy
from collections.abc import Sequence
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


def same_person_once(hits: list[Hit]) -> list[Hit]:
    """One finding per person per post: "Jane" after "Jane Smith" (or "Sister Jones"
    after "Sister Amy Jones") is the same person, reported at the first mention."""
    kept: list[Hit] = []
    seen: list[frozenset[str]] = []
    for hit in hits:
        if hit.tag is None or hit.evidence is None:
            kept.append(hit)
            continue
        parts = name_parts(hit.evidence)
        if parts and any(parts <= other or other <= parts for other in seen):
            continue
        seen.append(parts)
        kept.append(hit)
    return kept
