"""How a span the recognisers propose is written, read once: where the name in it starts,
its words, whether the post is typed in lower case or the sentence in capitals, whether a
private title stands before it. A span not written as a name is no mention at all."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import regex

from ...pii.names import is_common_surname, is_surname, lower_name, name_parts
from ...pii.people import (
    LIFE_EVENT_AFTER,
    PRIVATE_TITLES,
    ROLE_THEN_LOWER_NAME,
    TITLES,
    is_given,
    lower_case_quotes,
    shouted_rare_name,
)
from ...text.words import common_words
from .filters import Filters
from .words import FAMILY_AFTER, LETTERS, NAME_WORD, PLACE_ENDING, SENTENCE_END, THE_BEFORE

# "JPUHCharity", "NHSThankYou": run-together words are tags and brands, not names written out.
_RUN_TOGETHER = regex.compile(r"\p{Lu}{2,}\p{Ll}|(?<!^(?:Mc|Mac|Mhic|Nic|Ní|Ni|O|D|De|Di|Da|Du|La|Le|Van|Von|Fitz))(?<=\p{Ll})\p{Lu}")
# Lowercase words that join a capitalised phrase but are not part of a person's name.
# Compiled here, not by ``regex.match(...)`` at each call: the rule pack compiles
# hundreds of patterns, and ``regex``'s own cache evicts at random once it holds 500.
_LEAD_WORD = regex.compile(r"(\p{L}+)[\s,]+(?=\p{L})")
# An emoji or a pictograph: the model's PERSON sometimes runs across one ("Kidney Day 💙 Ron").
_SYMBOL = regex.compile(r"[\p{So}\p{Cs}\u200d\ufe0f]+")
_FOLLOWING = regex.compile(r"(['’]s)?[!?]?\s+(\p{L}+)")
# What stands around a first name written in lower case in a post with capitals.
_LOWER_NAME_BEFORE = regex.compile(
    r"(?i:\b(?:thanks?\s+(?:you\s+)?to|shout\s*-?\s*out\s+to|well\s+done(?:\s+to)?|especially|"
    r"congratulations\s+to|congrats\s+to))\s+$")
_SENTENCE_OPENS = regex.compile(r"(?:\A|[.!?\n])[ \t]*$")
_LOWER_NAME_AFTER = regex.compile(
    r",?\s+(?:(?:on|from|in|at)\s+(?:the\s+|our\s+)?(?:[\w&-]+\s+){0,2}?(?:reception|ward|team|desk|unit|"
    r"department|switchboard|theatres?|pharmacy|lounge|clinic|labs?)\b|who\s)", regex.IGNORECASE)
# "it's nikki's last day": only a person has these, so a first name in lower case before
# them is one even in a post with capitals (shared with the name recogniser).
_LOWER_LIFE_AFTER = regex.compile(LIFE_EVENT_AFTER, regex.IGNORECASE)
_CONTRACTION = regex.compile(r"['’](?:t|s|re|ve|ll|d|m)$", regex.IGNORECASE)
_ROLE_THEN_LOWER = regex.compile(ROLE_THEN_LOWER_NAME)
# A capitalised word that is no stop word ("May Prentice"; not "May We").
_CAPITALISED_NEXT = regex.compile(r"\p{Lu}\p{Ll}{2,}")
# A capitalised word just before, inside a sentence: "Says Insurers Will Morph".
_TITLE_CASE_BEFORE = regex.compile(r"(?<![.!?:]\s*)(?<=\S[ \t]+)\p{Lu}\p{Ll}+[ \t]+$")
# "Will Obamacare Cover It?", "How Will Mom Pay?": a first name that is also a verb opening
# a question, unless a common surname follows ("Will Smith?").
_QUESTION_VERBS = frozenset({"will", "can", "may", "shall", "must"})
_QUESTION_REST = regex.compile(r"[^.!?\n]*\?")
# A time before a name on a list ("08:30 J. Bristow", "10.15am Mrs Kaur").
_TIME_BEFORE = regex.compile(r"\d{1,2}[:.]\d\d(?:\s*[ap]\.?m\.?)?[ \t]+(?=\p{Lu})", regex.IGNORECASE)
# "R. PRIOR": an initial and a full stop, then a word in capitals.
_INITIAL_THEN_CAPITALS = regex.compile(r"\p{Lu}\.[ \t]*\p{Lu}[\p{Lu}'’\-]+")


@dataclass(frozen=True)
class Mention:
    """A span read as a name might be: ``start`` is where the name itself starts."""

    text: str
    start: int
    end: int
    span: str
    words: list[str]
    parts: frozenset[str]
    # A post typed all in lower case; a sentence typed in capitals.
    casual: bool
    shouted: bool
    # A private title before the name or opening it ("Mrs", "Dr").
    titled: bool
    # The sentence before the name (at most 60 characters) and its words.
    before: str
    before_words: list[str]
    # The word after the name, and a run of capitalised words after it.
    following: Any
    run: Any


# A particle no English word is, then a capitalised surname ("ap Gruffydd", "ferch Owain",
# "ibn Rushd"); "de", "van", "bin" and the like are words or places' too, and are left out.
_PARTICLE_SURNAME = regex.compile(
    r"[ \t]+(?:ap|ab|ferch|verch|binti|bint|ibn|nic)[ \t]+\p{Lu}[\p{L}'’\-]*(?![\p{L}])")


def read_mention(f: Filters, text: str, start: int, end: int) -> Mention | None:
    """The span as a mention, or None where it is not written as a name is: a hashtag,
    digits, ordinary words in lower case, acronyms, capitals that are no one's name."""
    if start > 0 and text[start - 1] in "#@":
        return None  # a hashtag or handle, not a name written out
    # "08:30 J. Bristow, lap chole": a time on a list the model took into the name
    timed = _TIME_BEFORE.match(text, start, end)
    if timed:
        start = timed.end()
    span = text[start:end]
    if any(c.isdigit() or c in "#@/\n" for c in span):
        return None  # a name is written on one line, without digits ("Hobnob\nCustard")
    start = name_start(f, text, start, end)
    # "Rhodri ap Gruffydd", "Catrin ferch Owain": the model may stop before a particle
    # found only inside names; the surname after it is part of the name
    joined = _PARTICLE_SURNAME.match(text, end)
    if joined and text[start:start + 1].isupper():
        end = joined.end()
    span = text[start:end]
    words = NAME_WORD.findall(span)
    # A post typed all in lower case names people in lower case too, and so does a
    # message in lower case quoted in a post with capitals.
    casual = not any(c.isupper() for c in text) or (
        span.islower() and any(b <= start and end <= e for b, e in lower_case_quotes(text)))
    # A sentence typed in capitals ("HUGE THANKS TO DIANE"): only a known first name.
    shouted = not casual and bool(words) and all(w.isupper() for w in words) and (_shouted(
        text, start, end)
        # "well done to DR. ALESSANDRO RUSSO and the team": a private title and a name
        # in capitals inside a sentence that is not
        or (len(words) > 1 and words[0].casefold().rstrip(".") in PRIVATE_TITLES))
    # "big thanks to dr okonkwo": a private title in lower case, then a word that is a
    # first name or rare even on the web, is a name in any post.
    lower_title = (len(words) == 2 and words[0].islower() and words[1].islower()
                   and words[0].rstrip(".") in PRIVATE_TITLES)
    if lower_title and not rare_or_given(f, words[1]):
        return None  # "the night sister wasn't", "nurse practitioner"
    lower_titled = lower_title and not casual
    # "Big thanks to sharon on reception": a known first name (not a word) in lower
    # case inside a post with capitals, only between thanks and a workplace.
    lower_named = (not casual and len(words) == 1 and words[0].islower()
                   and (_LOWER_NAME_BEFORE.search(text, max(0, start - 30), start) is not None
                        # or opening a sentence: "... Ward 7! sharon on reception was"
                        or _SENTENCE_OPENS.search(text, max(0, start - 4), start) is not None)
                   and _LOWER_NAME_AFTER.match(text, end) is not None
                   and is_given(words[0], f.given)
                   ) or (not casual and len(words) == 1 and words[0].islower()
                         and _LOWER_LIFE_AFTER.match(text, end) is not None
                         and is_given(words[0], f.given))
    # "our physio tamsin trewhella WHO ...", "our volunteer driver ron pettifer, who":
    # a staff role, then a name in lower case, then "who" or a comma.
    lower_role = (not casual and bool(words) and all(w.islower() for w in words)
                  and any(m.span(1) == (start, end) for m in _ROLE_THEN_LOWER.finditer(
                      text, max(0, start - 60), min(len(text), end + 10)))
                  and lower_name(" ".join(words), f.given))
    lower_titled = lower_titled or lower_named or lower_role
    if not words or not (words[0][0].isupper() or casual or lower_titled):
        return None  # "the App Store": a name starts with a capital
    # "labelled R. PRIOR", "in the name of M. LOVEDAY": an initial, then a surname in capitals
    initialled = (not casual and len(words) == 2 and _INITIAL_THEN_CAPITALS.fullmatch(span) is not None
                  and is_surname(words[1].casefold()))
    # "SURNAME HALVORSEN FIRST NAME INGRID": one word in capitals right after a form's
    # label for a name's part, and a first name, a surname of the census list or a word
    # rare even on the web (not "Your first name MUST match").
    labelled = (not casual and len(words) == 1 and len(words[0]) > 1 and words[0].isupper()
                and any(p.search(text[max(0, start - 60):start]) for p in f.record_labels.values())
                and (is_surname(words[0].casefold()) or rare_or_given(f, words[0])))
    if not (casual or shouted or lower_titled or initialled or labelled) and not any(
            w[0].isupper() and not w.isupper() for w in words):
        return None  # lowercase words or acronyms ("NHS", "ICU")
    if (len(words) == 1 and THE_BEFORE.search(text, max(0, start - 5), start)
            and not (words[0].endswith("s") and family_plural(words[0]))
            and not FAMILY_AFTER.match(text, end)):
        # "the Samaritans", "the Walkers": a group or a word, not a family; "at the
        # Marina": a first name straight after "the" is a place or a thing
        return None
    if shouted and not labelled and not known_name(f, words) and not titled_initials(words) and not (
            len(words) == 1 and shouted_rare_name(text, start, words[0])
            and not PLACE_ENDING.search(words[0].casefold())):
        return None  # "PLEASE DO NOT ATTEND A&E": capitals, but no one's name
    if any(_RUN_TOGETHER.search(w) for w in words):
        return None  # "JPUHCharity", "ThankYouNHS"
    before = text[max(0, start - 60):start]
    before = SENTENCE_END.split(before)[-1]
    before_words = LETTERS.findall(before)
    titled = bool(before_words) and before_words[-1].casefold() in PRIVATE_TITLES or (
        words[0].casefold().rstrip(".") in PRIVATE_TITLES and len(words) > 1)
    return Mention(
        text=text, start=start, end=end, span=span, words=words, parts=name_parts(span),
        casual=casual, shouted=shouted, titled=titled, before=before, before_words=before_words,
        following=_FOLLOWING.match(text[end:end + 30]),
        run=regex.match(r"(?:['’]s)?(?:[ \t]+\p{Lu}[\p{L}'’\-]*){1,3}", text[end:end + 60]),
    )


def name_start(f: Filters, text: str, start: int, end: int) -> int:
    """Where the name itself starts: opening words that are not part of a name are
    set aside ("Happy Diwali", "Many Parkinson's", "Call Lee")."""
    from spacy.lang.en.stop_words import STOP_WORDS  # spaCy is loaded: there is a Doc

    timed = _TIME_BEFORE.match(text, start, end)
    if timed:
        start = timed.end()
    while True:
        lead = _LEAD_WORD.match(text[start:end])
        if not lead:
            return start
        word = lead.group(1)
        following = _CAPITALISED_NEXT.match(text, start + lead.end(), end)
        if (word.casefold() in _QUESTION_VERBS and following
                and _QUESTION_REST.match(text, start + lead.end())
                and not is_common_surname(following.group(0).casefold())):
            start += lead.end()
            continue
        if (len(word) > 2 and word[:1].isupper() and not word.isupper() and word.casefold() in STOP_WORDS
                and word.casefold() not in f.lead_words and is_given(word, f.all_given)
                and _CAPITALISED_NEXT.match(text, start + lead.end(), end)
                # not in a headline written in title case ("Insurers Will Morph Into ..."),
                # where a capital says nothing
                and not _TITLE_CASE_BEFORE.search(text, max(0, start - 40), start)):
            return start  # "May Prentice, who ...", "Will Davies": a first name that is also a word
        if word.casefold() not in f.lead_words and word.casefold() not in STOP_WORDS and not (
                # "clerk Mrs Pettit", "electrician Ryan Hollis": a role in lower case the
                # model took into the name, before a capitalised name
                word.islower() and word not in f.particles
                and any(c.isupper() for c in text[start + lead.end():end])
                and any(c.isupper() for c in text)):
            return start
        start += lead.end()


def shape_start(f: Filters, text: str, start: int, end: int) -> int:
    """Where a name shape's name starts: ordinary words that are no one's first name
    before it are set aside ("Farewell Gwilym", "Yesterday Kerensa")."""
    given = f.all_given
    common = common_words()
    for word in NAME_WORD.finditer(text, start, end):
        folded = word.group(0).casefold()
        if folded not in common or is_given(folded, given) or word.end() == end:
            return word.start()
    return start


def after_symbol(f: Filters, text: str, start: int, end: int) -> int:
    """Where a name starts when the span runs across an emoji after ordinary words
    ("World Kidney Day 💙 Ron, 72"): the words before the emoji are no part of it.
    A name on both sides ("Kelly 💙💙 Anne") is left whole."""
    symbols = list(_SYMBOL.finditer(text, start, end))
    last = symbols[-1] if symbols else None
    if last is None or not NAME_WORD.search(text, last.end(), end):
        return start
    common = common_words()
    given = f.all_given
    # (a role that opens a name is an ordinary word here: "Day in the life of a
    # Radiographer 📸 Follow Aisha")
    if any((w.casefold() not in common and w.casefold() not in f.lead_words) or is_given(w, given)
           for w in NAME_WORD.findall(text, start, last.start())):
        return start
    begin = last.end()
    while begin < end and text[begin].isspace():
        begin += 1
    return begin


def rare_or_given(f: Filters, word: str) -> bool:
    """Whether a lower-case word after a title is a name: a first name, or a word
    that is rare even on the web ("okonkwo"; not "practitioner", "ward", "about")."""
    from ...text.words import is_frequent

    if _CONTRACTION.search(word):
        return False  # "the charge nurse aren't speaking"
    folded = word.casefold()
    return is_given(word, f.given) or not (
        is_frequent(folded) or is_frequent(folded.replace("'", "").replace("’", "")))


def known_name(f: Filters, words: Sequence[str]) -> bool:
    """Whether words typed in capitals are a name the lists know: titles, then a
    first name (not one that is also a word), then first names or surnames."""
    core = [w for w in words if w.casefold().rstrip(".") not in TITLES]
    return bool(core) and is_given(core[0], f.given) and all(
        is_given(w, f.all_given) or is_surname(w.casefold()) for w in core[1:])


def titled_initials(words: Sequence[str]) -> bool:
    """Whether words typed in capitals are a private title, one or two initials and a
    surname ("MRS J OKORO", "MISS T. HEWITT"): a surname of the census list or a word
    rare even on the web (not "DR A AND E": joining words are never a surname)."""
    from ...text.words import is_frequent

    if len(words) < 3 or words[0].casefold().rstrip(".") not in PRIVATE_TITLES:
        return False
    *initials, surname = words[1:]
    if len(initials) > 2 or not all(len(w) == 1 for w in initials) or len(surname) < 2:
        return False
    folded = surname.casefold()
    return is_surname(folded) or not is_frequent(folded)


def family_plural(word: str) -> bool:
    """Whether "the <word>" names a family by its surname: a plural rare even on the web
    ("Patels", "Hendersons", "Okonkwos"; not "Samaritans", "Walkers", "Vikings"), of a
    surname of the census list or of a word that is rare too."""
    from ...text.words import is_frequent

    plural = word.casefold()
    if is_frequent(plural):
        return False
    stems = [plural[:-1]] + ([plural[:-2]] if plural.endswith("es") else [])
    if any(is_frequent(stem) and not is_surname(stem) for stem in stems):
        return False  # "the Lionesses", "the Canaries": a word's plural, a team or a group
    return any(is_surname(stem) or not is_frequent(stem) for stem in stems)


def _shouted(text: str, start: int, end: int) -> bool:
    """Whether the sentence around a span is typed in capitals: no lower-case letter, and
    three words or more, or two ending in "!" ("CONGRATS NADINE!!!")."""
    before = SENTENCE_END.split(text[max(0, start - 60):start])[-1]
    # "Ward 4 ANNOUNCEMENT: WELL DONE TO ...": a heading before a colon is not the sentence
    before = before.rsplit(": ", 1)[-1]
    tail = regex.split(r"([.!?\n])", text[end:end + 60], maxsplit=1)
    after = tail[0]
    sentence = before + text[start:end] + after
    least = 2 if len(tail) > 1 and tail[1] == "!" else 3
    return not any(c.islower() for c in sentence) and len(LETTERS.findall(sentence)) >= least
