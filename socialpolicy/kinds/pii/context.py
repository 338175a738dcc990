"""What only people have around a name: thanks or a welcome before it, an age, "who", a
workplace or a relation after it, a role or a title, other people listed beside it. A
name no list knows counts only with some of it; a known first name needs none."""

from __future__ import annotations

from collections.abc import Sequence

import regex

from ...pii.names import is_surname
from ...pii.people import PRIVATE_TITLES, TITLES, WORKPLACE_OR_PEOPLE_AFTER, is_given
from ...text.words import common_words
from ..base import Hit
from .filters import Filters
from .words import LISTED, bare, ends_with

# "Holly in Radiology", "Grace and Joy are twin sisters": only people are said to be these.
_WORKPLACE_AFTER = regex.compile(WORKPLACE_OR_PEOPLE_AFTER, regex.IGNORECASE)
_INITIAL_DOT = regex.compile(r"\p{Lu}\.[ \t]*\p{Lu}")
_WORD_BEFORE = regex.compile(r"(?<![\p{L}])(\p{L}+)[ \t]+$")
_LABEL_BEFORE = regex.compile(r"(?<![\p{L}])(\p{Lu}[\p{L}]*\.?)[ \t]+$")


def cue_after(f: Filters, text: str, end: int) -> bool:
    """Something only people have written just after a name ("Mo on the reception desk",
    " who", ", 71,")."""
    if _WORKPLACE_AFTER.match(text, end, min(len(text), end + 80)):
        return True
    if f.patient is not None and f.patient.after is not None and (
            f.patient.after.match(text[end:end + 80])):
        return True
    return bool(f.cues_after is not None and f.cues_after.match(text[end:end + 80]))


def cue_before(f: Filters, before_words: Sequence[str], leading: Sequence[str] = ()) -> bool:
    """Thanks, a welcome, a relation or the like in the few words before the span."""
    return f.cues_before is not None and f.cues_before.search(
        " ".join([*before_words[-5:], *leading])) is not None


def person_cue(f: Filters, text: str, end: int, before_words: Sequence[str],
               leading: Sequence[str]) -> bool:
    """Something only people have next to the span: thanks, a welcome, an age, "who"."""
    if cue_before(f, before_words, leading):
        return True
    # A role written just before the name ("Physiotherapy assistant Nguyen Thi Lan").
    for role in (f.staff, f.patient):
        if role is not None and role.before is not None and ends_with(role.before, before_words[-3:]):
            return True
    # What only a patient has after their name (" was admitted", "'s mum", ", 71,"),
    # a department, a person's verb. (The staff role's phrases after a name are too
    # loose to make one on their own.)
    return cue_after(f, text, end)


def leading_word(f: Filters, word: str) -> bool:
    """Whether a word before a name is a relation or a role, not part of the name."""
    if word.casefold() in f.not_names:
        return True
    return any(role is not None and role.before is not None and role.before.fullmatch(word)
               for role in (f.staff, f.patient))


def listed_beside(text: str, hits: Sequence[Hit], pending: Sequence[tuple[int, int]],
                  consented: Sequence[tuple[int, int]], tag: str) -> list[Hit]:
    """Names no list knows written in a list with a name that is reported, or that a
    consent entry covers: "thanks to Tiegan and Oreoluwa", "Deb, Marisol, Ikechukwu and
    Hamish"."""
    people = [(h.start, h.end) for h in hits if h.tag is not None] + list(consented)
    added: list[Hit] = []
    waiting = list(pending)
    while waiting:
        joined = [(s, e) for s, e in waiting if any(
            LISTED.fullmatch(text[pe:s]) or LISTED.fullmatch(text[e:ps]) for ps, pe in people)]
        if not joined:
            break
        for s, e in joined:
            waiting.remove((s, e))
            people.append((s, e))
            added.append(Hit(s, e, evidence=text[s:e], personal=True, tag=tag))
    return added


def looks_private(f: Filters, text: str, start: int, end: int, parts: frozenset[str],
                  words: Sequence[str], before_words: Sequence[str], titled: bool,
                  cue: bool = True) -> bool:
    """A span is a person only on evidence: a title or role, a known first name, a
    name no dictionary has ("Hiroshi Tanaka"), or something around it that only
    people have (thanks, an age, "who"). The model's PERSON alone is not enough:
    "Emergency Nurse Practitioner" and "Breastfeeding Cafe" are ordinary words."""
    leading = []  # "Baby Oscar", "Little Alfie", "Staff Nurse": the span's own titles
    for word in words:
        if word.casefold() not in TITLES:
            break
        leading.append(word)
    core = [bare(w) for w in words[len(leading):]]
    if not core:
        return False
    # "Patient Charlotte Mead", "Porter Dave Mead": a role the model took into the name,
    # before a first name and a surname, is said of the person like a title.
    role_lead = (len(core) == 3 and core[1][:1].isupper() and is_given(core[1], f.given)
                 and any(role is not None and role.before is not None
                         and role.before.fullmatch(core[0]) for role in (f.staff, f.patient)))
    if role_lead:
        leading.append(words[len(leading)])
        core = core[1:]
    common = common_words()
    given = f.all_given
    # "A. Nunn": "A" and "I" are words, but not with a full stop before a capitalised word
    # (not a label's letter after a capitalised word: "Car Park B. Level 2", "Plan B. Then")
    # nor a letter after what is named by letters: "vitamin D. Young children", "group O. Young donors"
    label = _LABEL_BEFORE.search(text, max(0, start - 30), start)
    lettered = _WORD_BEFORE.search(text, max(0, start - 30), start)
    initial_dot = _INITIAL_DOT.match(text, start, end) is not None and not (
        label is not None and label.group(1).casefold().rstrip(".") not in TITLES
        and label.group(1).casefold() not in f.person_labels) and not (
        lettered is not None and lettered.group(1).casefold() in f.letter_labels)
    # Every word of a name is a name or at least no ordinary word: "Nurse Practitioner",
    # "Know Your Numbers", "Clinical Nurse Educators" have ordinary words in them.
    # Ordinary words may only be a role before a first name ("Nurse Practitioner Sam
    # Cooper", "Deputy Director Jane Smith").
    ordinary = [w.casefold() in common and w.casefold() not in given
                and not is_surname(w.casefold())
                # an initial: "Dr A. K. Okonjo", "Sarah B from pharmacy"
                # or "T. Okonjo" (an initial before a surname; "A" and "I" are words)
                and not (len(w) == 1 and w.isupper() and (
                    titled or leading or i > 0 or (len(core) > 1 and (
                        w not in ("A", "I") or initial_dot))))
                and not (i < len(core) - 1 and (i > 0 or leading or titled)
                         # "Simone De Souza", "Pieter Van Dijk": capitalised between names too
                         and (w.islower() or i > 0) and w.casefold() in f.particles)
                for i, w in enumerate(core)]
    # "thanks to Lisa Onions", "owner Steve Pitchers": a first name (not one that is also
    # a word), then a surname that is an English word no census list has, beside
    # something only people have, or after a private title ("Mrs Edith Pocket").
    private_title = bool(leading) and all(w.casefold().rstrip(".") in PRIVATE_TITLES
                                          for w in leading)
    surname_word = (len(core) == 2 and ordinary == [False, True]
                    and is_given(core[0], f.given)
                    and (private_title or role_lead or not leading
                         and person_cue(f, text, end, before_words, leading)))
    if any(ordinary) and not surname_word:
        last = max(i for i, o in enumerate(ordinary) if o)
        rest = core[last + 1:]
        # A role of several words, one of them also a surname ("Leading Helm Aled
        # Pryce-Morgan", "Watch Manager Bryn Evans"): dictionary words up to a first name.
        # A role word the staff list knows is set aside too ("Superintendent
        # Radiographer Wojciech Nowak"), and counts as a title below.
        role_before = leading_word(f, core[last])
        while len(rest) > 2 and (rest[0].casefold() in common and not is_given(rest[0], f.given)
                                 or leading_word(f, rest[0])):
            role_before = role_before or leading_word(f, rest[0])
            rest = rest[1:]
        # After a staff title, a name of two words no dictionary has is one too
        # ("Advanced Nurse Practitioner Tamsin Frary").
        rare_after_title = bool(leading or titled or role_before) and len(
            rest) > 1 and not any(w.casefold() in common for w in rest)
        if not rest or not (is_given(rest[0], f.given)
                            or (len(rest) > 1 and is_given(rest[0], f.all_given))
                            or rare_after_title):
            return False
        core = rest
    if titled:
        return True
    first = core[0]
    if len(core) == 2 and len(first) == 1 and initial_dot and not leading and is_surname(core[1].casefold()):
        return True  # "R. Prior", "M. Loveday": an initial with its full stop, then a surname
    if len(core) > 1 and is_given(first, f.all_given):
        return True  # "Margaret Thompson", "Eve Smith"
    if len(core) == 1 and is_given(first, f.given):
        return True
    if len(core) > 1 and any(w.casefold() not in common for w in core):
        return True  # the model's PERSON on a name no dictionary has: "Ngozi Okafor"
    return not cue or person_cue(f, text, end, before_words, leading)
