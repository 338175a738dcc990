"""Who may be named: the post's ``consent`` entries (with the nicknames the text gives
them), the allow-listed public figures and contacts, and the person a reply answers
where it greets them ("Hi Sarah, ...", "Kia ora Wiremu,")."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import regex

from ...pii.famous import is_famous
from ...pii.names import matches_any, name_parts, with_nicknames
from ...pii.people import TITLES, fold_name, is_given
from ..base import PostContext
from .context import leading_word
from .filters import Filters
from .mention import Mention
from .words import NAME_WORD

# What may stand before the name of the person being answered when it greets them.
# A label the drafter typed before the reply ("Reply: Hi Paula, ...") is no part of it, nor
# are the handles a reply opens with ("@kezza_lowestoft Hi Kerry, ...").
_GREETING = regex.compile(
    r"\s*(?:(?:reply|re|response|answer)\s*:\s*)?(?:@\w+[\s,:]*)*(?:(?:hi|hiya|hello|hey|dear|morning|evening|good\s+(?:morning|afternoon|evening)|thanks|"
    r"thank\s+you|many\s+thanks|cheers|congratulations|congrats|well\s+done|good\s+luck|sorry|"
    r"welcome|happy\s+birthday|best\s+wishes|all\s+the\s+best|take\s+care|bless\s+you|aw+|oh)"
    r"(?:\s+so\s+much|\s+again|\s+for\s+getting\s+in\s+touch)?[\s,!]*)*", regex.IGNORECASE)
# The handles a post opens with: the accounts it answers.
_OPENING_HANDLES = regex.compile(r"\s*(?:\.?@\w+[\s,:]*)+")
# A reply's opening: a few words (a greeting), then a name set off by punctuation.
_OPENING_WORDS = regex.compile(
    r"\s*((?:[\p{L}'’]+[ \t]+){1,3}?)(\p{Lu}[\p{L}'’\-]*(?:[ \t]+\p{Lu}[\p{L}'’\-]*)?)\s*[,!:]")
# A sentence opened by thanks or a greeting, a few words on: "Thanks so much for your message ".
_THANKS_OPENING = regex.compile(
    r"\s*(?:many\s+|huge\s+|big\s+)?(?:thanks|thank\s+you|cheers|hi|hello|hey|good\s+(?:morning|afternoon|evening))"
    r"\b[^.!?\n]{0,60}?\s", regex.IGNORECASE)
# An emoji or symbol after the name (spaces first), closing the greeting's clause.
_EMOJI_AFTER = regex.compile(r"[ \t]*[\p{So}\p{Sk}\p{Cs}]")
# Words that say the opening is about someone, not to them ("Thanks to Jane and ...").
_NOT_GREETING = frozenset({"to", "for", "and", "with", "from", "by", "of", "about", "your", "my", "our"})


@dataclass(frozen=True)
class Allowed:
    """Allow-listed contacts (as spelling-proof keys) and people (as name parts)."""

    contacts: frozenset[str]
    people: tuple[frozenset[str], ...]


def consented(ctx: PostContext, text: str) -> tuple[frozenset[str], ...]:
    """The post's consent entries as name parts, with the nicknames the text gives them:
    worked out once per post and text (every name the post holds asks)."""
    key = ("pii.consented", text)
    found: tuple[frozenset[str], ...] | None = ctx.cache.get(key)
    if found is None:
        found = ctx.cache[key] = with_nicknames((name_parts(c.name) for c in ctx.post.consent), text)
    return found


def may_be_named(f: Filters, ctx: PostContext, allow: Allowed, m: Mention, reply: bool) -> bool:
    """Whether the mention is someone the post may name: a consent entry (after a relation
    or a role: "Mum Chantelle"), an allow-listed public figure, a globally known person by
    full name (``pii.famous``, unless ``allow.famous_people`` is false), or the person the
    reply answers, greeted."""
    text, span, words, end = m.text, m.span, m.words, m.end
    entries = consented(ctx, text)
    if matches_any(span, entries, alone=True) or _public_figure(f, span, allow.people):
        return True
    if ctx.config.allow_famous_people and is_famous(span):
        return True  # a globally known person by full name (the built-in list)
    if entries and len(words) > 1:
        # "Mum Chantelle", "Housekeeper Val", "Aunty Bev": a relation or a role written
        # before a consented person's name is not part of it (the words of the roles'
        # ``before`` lists and of not_names); the rest must still match an entry.
        lead = 0
        # A title before the role is set aside too ("Nurse Consultant Siobhan").
        while lead < len(words) - 1 and (leading_word(f, words[lead])
                                         or words[lead].casefold().rstrip(".") in TITLES
                                         or words[lead].casefold() in f.kin_titles):
            lead += 1
        if lead and matches_any(" ".join(words[lead:]), entries, alone=True):
            return True
    if f.reply_details is not None and f.reply_details.search(text):
        return False  # the greeted author's own health details: the greeting no longer covers it
    handles = _OPENING_HANDLES.match(text)
    if handles and _spelled_in(words, handles.group(0)) and _greets(m):
        return True  # "@marionnestle Hi Marion!": greeting the account the post opens by answering
    answered = ctx.post.reply_to if reply else None
    if answered is None or not answered.author:
        return False
    if _greets(m) and matches_any(span, (name_parts(answered.author),), greeting=True):
        return True  # "Hi Sarah, ..." to Sarah Miles: greeting the person being answered
    return _opening_greeting(text, m.start, end, answered.author)  # "Olá Joaquim!", "Kia ora Wiremu,"


def _greets(m: Mention) -> bool:
    """Whether the name is spoken to, not about: a greeting before it ("Congratulations
    Chloe!"), or set off at the end of a clause ("Thank you so much, Derek.")."""
    text, end, before = m.text, m.end, m.before
    after = text[end:end + 1]
    if (after.isspace() or not after) and (
            _EMOJI_AFTER.match(text, end) or _EMOJI_AFTER.search(text[m.start:end])):
        after = "!"  # an emoji closes the clause as "!" would ("Thanks for the lovely words Jenny 😊")
    return (bool(_GREETING.fullmatch(before)) and (
        bool(before.strip()) or after in (",", "!", ":"))) or (
        before.rstrip().endswith(",") and (after in ("", ",", "!", ".", "?") or after.isspace()
                                           and not text[end:].strip(" \t")[:1].isalnum())) or (
        # "Thanks so much for your message Sinead!": thanks that open the sentence, the
        # name closing the clause
        after in (",", "!", ".") and _THANKS_OPENING.fullmatch(before) is not None)


def _spelled_in(words: Sequence[str], handles: str) -> bool:
    """Whether the handles a post opens with spell the name's every word (of four letters
    or more), so the name is that account's own ("@marionnestle Hi Marion!")."""
    folded = fold_name(handles).replace("_", "")
    parts = [fold_name(w) for w in words if w.casefold().rstrip(".") not in TITLES]
    return bool(parts) and all(len(p) >= 4 and p in folded for p in parts)


def _public_figure(f: Filters, span: str, people: Sequence[frozenset[str]]) -> bool:
    """Whether a mention is an allow-listed public figure: by full name or surname, not
    by a first name alone ("Sister Mary" is not Mary Seacole)."""
    parts = name_parts(span)
    if len(parts) == 1 and is_given(next(iter(parts)), f.all_given):
        return any(parts == entry for entry in people)
    return matches_any(span, people)


def _opening_greeting(text: str, start: int, end: int, author: str) -> bool:
    """Whether the span is in the words that open a reply to greet its author, in any
    language: up to three words, then the author's name, then "," "!" or ":" ("Olá
    Joaquim!", "Kia ora Wiremu,"). The greeting's words and the name are both covered."""
    opening = _OPENING_WORDS.match(text)
    if not opening or end > opening.end(2):
        return False
    greeted = text[opening.start(2):opening.end(2)]
    return matches_any(greeted, (name_parts(author),)) and not any(
        matches_any(w, (name_parts(author),)) or w.casefold() in _NOT_GREETING
        for w in NAME_WORD.findall(text[opening.start(1):opening.end(1)]))
