"""Whom each name reported is taken to be: a colleague (a staff title or role), a patient
or a relative, or a member of the public; and the message and severity each gets."""

from __future__ import annotations

from ..base import Hit
from .definitions import Escalation, Role
from .words import SENTENCE_END


def read_people(text: str, hits: list[Hit], health: bool, staff: Role | None, patient: Role | None,
                escalation: Escalation | None, public_message: str | None) -> list[Hit]:
    """Say whom each name was taken to be. A colleague (a staff title or role) is a
    warning whatever the post is about; a patient or relative (or, in a post about
    health or care, anyone not read as staff) is the escalated error. A staff title
    outweighs a weaker patient cue after the name ("Sister Jones, 62, retires")."""
    out = []
    for hit in hits:
        as_staff_by = reads_as(staff, text, hit.start, hit.end)
        as_patient_by = reads_as(patient, text, hit.start, hit.end)
        if as_staff_by == "title" and as_patient_by != "before":
            as_staff = True
        else:
            as_staff = bool(as_staff_by) and not as_patient_by
        if as_staff and staff is not None:
            out.append(with_message(hit, None, staff.message))
        elif (as_patient_by or health) and escalation is not None:
            out.append(with_message(hit, escalation.severity, escalation.message))
        else:
            out.append(with_message(hit, None, public_message))
    return out


def reads_as(role: Role | None, text: str, start: int, end: int) -> str | None:
    """Which evidence reads the person as this role: "title", "before", "after"."""
    if role is None:
        return None
    before = SENTENCE_END.split(text[max(0, start - 80):start])[-1]
    span = text[start:end]
    if role.titles is not None and (
        role.titles.match(span) or role.titles.search(" ".join(before.split()[-2:]) + " ")
    ):
        return "title"
    if role.before is not None and role.before.search(" ".join(before.split()[-5:])):
        return "before"
    if role.after is not None and role.after.match(text[end:end + 80]):
        return "after"
    return None


def with_message(hit: Hit, severity: str | None, message: str | None) -> Hit:
    """The hit with this severity and message (personal data, as every hit here)."""
    return Hit(hit.start, hit.end, evidence=hit.evidence, personal=True, tag=hit.tag,
               severity=severity, message=message, mentions=hit.mentions)
