"""A name that reads as a thing's, not a person's: a place or a building ("Cavell Ward",
"27 Cliff Hill Rise"), a condition ("Graves' disease"), a day ("Giving Tuesday"), a plant,
a product or a system, an animal or an appeal, a song's, a film's or a book's title."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import regex

from ...pii.names import is_common_surname, is_surname, name_parts
from ...pii.people import RELATION_BEFORE, is_given, shouted_thanks_before
from ...text.words import common_words
from .context import cue_after, cue_before
from .filters import Filters
from .mention import Mention
from .words import (
    CAPITAL_WORD,
    JOINING_WORDS,
    LETTERS,
    LINK,
    LIST_JOIN,
    LISTED,
    PLACE_ENDING,
    SENTENCE_END,
    THE_BEFORE,
    ends_with,
)

if TYPE_CHECKING:
    from ...nlp import Language

_WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
_EPONYM = regex.compile(r"(?:['’]s?)?\s+(\p{L}+)")
_JOINED = regex.compile(r"(\p{Lu}\p{L}+)[ \t]+$")
# The lower-case words after a name, up to a place word ("children's department").
_NAMED_PLACE = regex.compile(r"(?:[ \t]+[\p{Ll}'’]+){1,3}")
# Names listed just before another ("Becca and ", "Ffion, Bartosz and ").
_LISTED_BEFORE = regex.compile(rf"(?:{CAPITAL_WORD}(?:[ \t]+{CAPITAL_WORD}){{0,3}}{LIST_JOIN})+$")
# "the Porters' Lodge", "the Nurses' Home": a word owned by a plural names a room or a
# building, never a person ("Lodge" and "Home" are surnames too).
# (not a nickname in quotes ending in s: "Barry 'Walrus' Thwaite")
_PLURAL_OWNER = regex.compile(r"(?<![\p{L}'‘’\"“])\p{L}+s['’][ \t]+$")
# "Rubina Khatun run our Breastfeeding Café": a lower-case word after a name, before a
# determiner, is what the person does, not the name's last word ("Colour Run", "Fun Run").
_DETERMINER_NEXT = regex.compile(r"\s+(?:our|the|a|an|this|these|their|his|her|its|every)\b",
                                 regex.IGNORECASE)
_CAPITALISED_AFTER = regex.compile(r"[ \t]+(\p{Lu}\p{L}+(?:[ \t]+\p{Lu}\p{L}+)?)")
# Talk of languages before a list of them.
_LANGUAGE_TALK = regex.compile(r"\b(?:speaks?|speaking|spoke|spoken|fluent\s+in|languages?|"
                               r"interpret\w*|translat\w+)\b", regex.IGNORECASE)
_LISTED_WORD_BEFORE = regex.compile(rf"(\p{{Lu}}\p{{L}}+){LIST_JOIN}$")
_LISTED_WORD_AFTER = regex.compile(rf"{LIST_JOIN}(\p{{Lu}}\p{{L}}+)")
_OUR_OR_THE = regex.compile(r"(?i:\b(?:our|the)(?:\s+(?:new|latest|upgraded))?)\s+$")
# A house number and the capitalised words of a street after it, up to a name (the words
# of an address before a town); then the rest of the town, a UK postcode or a US state and ZIP.
_ADDRESS_BEFORE = regex.compile(
    r"(?<![\p{L}\p{N}])\d{1,5}[A-Za-z]?,?[ \t]+(?:\p{Lu}[\p{L}'’\-]*\.?,?[ \t]+){0,6}$")
_CODE_AFTER = regex.compile(
    r"(?:,?[ \t]+\p{Lu}[\p{L}'’\-]*){0,3},?[ \t]+"
    r"(?:[A-Z]{1,2}\d[A-Z\d]?[ \t]?\d[A-Z]{2}|[A-Z]{2}[ \t]\d{5}(?:-\d{4})?)(?![\p{L}\p{N}])")
_HOUSE_NUMBER = regex.compile(r"(?<![\p{L}\p{N}])\d{1,4}[A-Za-z]?,?[ \t]+$")
_POSTCODE = regex.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b")
_THING_SUFFIX = regex.compile(r"-(?:funded|sponsored|backed|branded|style|themed|inspired|named|era|shaped)\b")
# The words that give a thing its name, last before it: "named", "affectionately known as".
_NAMING_WORDS = regex.compile(
    r"(?:^|\s)(?:\w+ly\s+)?(?:called|named|nicknamed|dubbed|christened|known(?:\s+\w+){0,3}?\s+as)$",
    regex.IGNORECASE)
# "The team call it Bob", "we've named it Percy": a thing given a name (never a person's "it").
_IT_NAMED = regex.compile(r"\b(?:call|calls|called|calling|name|names|named|nickname|nicknamed|dub|dubbed|"
                          r"christen|christened)\s+it$", regex.IGNORECASE)
_AUXILIARIES = frozenset({"has", "have", "had", "been", "was", "were", "is", "are", "being", "now", "since"})
# More names in the same list: " and Brenda", ", Biscuit and Maple".
_NEXT_NAMES = regex.compile(r"(?:\s*(?:,|\s(?:and|&))\s*\p{Lu}[\p{L}'’\-]*){1,3}")
# Where a patient is moved to or from is a hospital or a place.
_MOVED_TO = regex.compile(
    r"\b(?:transferred|transferring|transfer|moved|taken|airlifted|flown|referred|rushed|driven|"
    r"blue-?lighted|repatriated|discharged|admitted)\s+(?:\w+\s+)?(?:to|from|into)\s+$", regex.IGNORECASE)
# "From Gorleston to ...", "from ... to Gorleston": a journey's two ends.
_PLACE = rf"({CAPITAL_WORD}(?:[ \t]+{CAPITAL_WORD})?)"
_FROM_PLACE_TO = regex.compile(rf"(?<![\p{{L}}])(?i:from)[ \t]+{_PLACE}[ \t]+to[ \t]+$")
_FROM_BEFORE = regex.compile(r"(?<![\p{L}])(?i:from)[ \t]+$")
_TO_PLACE = regex.compile(rf"[ \t]+to[ \t]+{_PLACE}(?![\p{{L}}])")
# The last word of a capitalised name listed just before or after the span.
_INSTITUTION_BEFORE = regex.compile(rf"{CAPITAL_WORD}[ \t]+({CAPITAL_WORD}){LIST_JOIN}$")
_INSTITUTION_AFTER = regex.compile(rf"{LIST_JOIN}(?:{CAPITAL_WORD}[ \t]+){{1,3}}({CAPITAL_WORD})(?![\p{{L}}])")
# A list of capitalised names opened by where people are from or at, up to the span.
_WHERE_LIST = regex.compile(
    r"(?<![\p{L}])(?i:from|at|visiting|visited|attending|attend|pupils\s+of|students\s+of)[ \t]+"
    r"(?:\p{Lu}[\p{L}'’\-]*(?:[ \t]+|\s*,\s*(?:(?i:and)\s+|&\s*)?|\s+(?:(?i:and)|&)\s+)){1,14}$")
_RELATION = regex.compile(RELATION_BEFORE)
_SET_OFF_AFTER = regex.compile(r"[ \t]*(?:[,.!?;)]|$|(?i:who|and)\b)")
_WHERE_AFTER = regex.compile(r"\s*,\s*where\b", regex.IGNORECASE)
# A title in quotes: the quote opens before the span with capitalised words (or none)
# and closes after it, with at most a few capitalised words ("“Hey Jude”", "'Sweet Caroline'").
_TITLE_WORD = r"(?:\p{Lu}[\p{L}'’\-]*|\d+|of|the|a|an|and|in|on|to|me|my|you|your)"
_OPEN_TITLE = regex.compile(rf"[“\"‘'](?:{_TITLE_WORD}\s+){{0,4}}$")
_CLOSE_TITLE = regex.compile(rf"(?:\s+{_TITLE_WORD}){{0,4}}[”\"’'](?![\p{{L}}])")
# After a word for songs or films: a colon, "such as", "like", "including", then titles.
_LIST_OPENING = regex.compile(r"[^.!?\n:]{0,40}?(?::|\b(?i:such\s+as|like|including)\b)\s*")
# Before a word that opens a sentence, also after a quoted question ("... seconds?' Song:").
# A headline in title case: at least four words, three in four capitalised, and a small
# word capitalised inside it ("In", "Of", "The"), as no sentence of a post writes them.
_SMALL_WORDS = frozenset({"in", "on", "of", "for", "and", "the", "to", "with", "at", "from", "by",
                          "is", "are", "be", "a", "an", "or", "up", "into", "over", "after", "as",
                          "among", "about", "than", "that", "but", "not", "out", "off", "down", "vs"})
_SENTENCE_WORD = regex.compile(r"\p{L}[\p{L}'’\-]*")
_SENTENCE_BOUNDS = regex.compile(r"[.!?:\n]")


def _in_title_case(text: str, start: int, end: int) -> bool:
    """Whether the sentence around a span is a headline written in title case."""
    opening = max((m.end() for m in _SENTENCE_BOUNDS.finditer(text, max(0, start - 200), start)),
                  default=max(0, start - 200))
    # a link's dots end no sentence, and its letters are no words of it
    tail = LINK.sub(" ", text[end:end + 200])
    closing = _SENTENCE_BOUNDS.search(tail)
    if closing and tail[closing.start()] == ":":
        # "Arabian Coronavirus: Plot Thickens But Virus Lies Low": a headline's label is
        # read with the headline it opens
        closing = _SENTENCE_BOUNDS.search(tail, closing.end()) or None
    sentence = LINK.sub(" ", text[opening:end]) + (tail[:closing.start()] if closing else tail)
    words = _SENTENCE_WORD.findall(sentence)
    if len(words) < 4:
        return False
    capitals = sum(1 for w in words if w[0].isupper())
    return capitals * 4 >= len(words) * 3 and any(
        w[0].isupper() and w.casefold() in _SMALL_WORDS for w in words[1:])


_OPENS_SENTENCE = regex.compile(r"(?:^|[.!?][\"'’”)\]]*)\s*$")
# "copies of Harrison, Davidson and ...": titles straight after a word for works and "of".
_WORKS_OF = regex.compile(r"\s+of\s+")
_TITLE_ITEM = r"(?:\p{Lu}[\p{L}'’\-]*|\d+)"
_TITLE_SEP = r"(?:\s*,\s*(?:(?i:and|or|then)\s+)?|\s+(?:(?i:and|or|then|&)\s+)?)"
_TITLE_NEXT = regex.compile(rf"{_TITLE_SEP}{_TITLE_ITEM}")
# Possessive: a list that is not all titles fails at once, however long.
_TITLE_LIST = regex.compile(rf"(?:{_TITLE_ITEM}(?:{_TITLE_SEP}{_TITLE_ITEM})*+)?+{_TITLE_SEP}?")


# Before a one-word place that is a first name too, words that make it the place: "in
# Dallas", "Activists In Florida", "across Georgia", "City of Victoria".
_PLACED_BEFORE = regex.compile(
    r"(?:(?<![\p{L}])(?i:in|across|throughout|outside|near|around)|(?<![\p{L}])(?:City|State|Province|"
    r"County|Republic|Kingdom|Commonwealth|Government|Governor|Premier|President)[ \t]+of)[ \t]+$")
# The first word of a place's name, written before another ("San Francisco", "Los Angeles").
_PLACE_OPENING = regex.compile(r"(?<![\p{L}])(?:San|Santa|São|Los|Las)[ \t]+$")
# After it, a comma and a place of the gazetteer's ("Dallas, Texas").
_STATE_AFTER = regex.compile(r",[ \t]+(\p{Lu}\p{L}+(?:[ \t]+\p{Lu}\p{L}+)?)(?![\p{L}])")
# After it, a lower-case word (the recognizers' ``place_nouns`` or the rule's
# ``place_words`` say which): "Dallas officials", "Dallas hospital".
_LOWER_NEXT = regex.compile(r"[ \t]+(\p{Ll}+)(?![\p{L}'’\-])")
# A month written short, with a day: "Jan. 1", "Jan 10th", "14 Jan".
_MONTHS_SHORT = frozenset({"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
                           "nov", "dec"})
_DAY_AFTER = regex.compile(r"\.?[ \t]+(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?(?![\p{L}\p{N}])")
_DAY_BEFORE = regex.compile(r"(?<![\p{N}])(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?[ \t]+$")


def _placed(f: Filters, m: Mention) -> bool:
    """Whether a one-word place that is a first name too ("Dallas", "Georgia") is written
    as the place: after "in", "across", "City of", or before a lower-case word for
    people, bodies or things of a place ("Dallas officials", "Alberta pharmacist").
    Alone or with a person's words it stays a name ("Thanks to Georgia on reception").
    Any one word is a place's before a word only a region is ("the Fraser region") or
    after the first word of a place's name ("San Francisco's")."""
    if len(m.words) != 1:
        return False
    after = _LOWER_NEXT.match(m.text, m.end)
    if after is not None and after.group(1) in f.region_nouns:
        return True
    if _PLACE_OPENING.search(m.text, max(0, m.start - 8), m.start):
        return True
    if m.span.endswith(("'s", "’s")):
        return False
    if m.words[0].casefold() not in f.places_also_names:
        return False
    if _PLACED_BEFORE.search(m.text, max(0, m.start - 40), m.start):
        return True
    if _FROM_BEFORE.search(m.text, max(0, m.start - 8), m.start) and _TO_PLACE.match(m.text, m.end):
        return True  # "from Dallas to Washington"
    state = _STATE_AFTER.match(m.text, m.end)
    if state and name_parts(state.group(1)) in f.gazetteer:
        return True  # "Dallas, Texas", "Victoria, Australia"
    return after is not None and (after.group(1) in f.place_nouns or after.group(1) in f.place_words)


def names_a_place_or_phrase(f: Filters, m: Mention) -> bool:
    """Whether the mention names a place, a building, a street, a product, a vessel, a
    condition or a day, or is an ordinary phrase ("Christmas Eve", "Proud of Yarmouth")."""
    from spacy.lang.en.stop_words import STOP_WORDS  # spaCy is loaded: there is a Doc

    text, start, end, span, words, titled = m.text, m.start, m.end, m.span, m.words, m.titled
    if not titled and _placed(f, m):
        return True  # "Dallas officials urge calm", "recovers in Georgia"
    if (not titled and len(words) == 1 and words[0].casefold().rstrip(".") in _MONTHS_SHORT
            and (_DAY_AFTER.match(text, end) or _DAY_BEFORE.search(text, max(0, start - 8), start))):
        return True  # "Jan. 1", "14 Jan": a date ("Jan on Ward 4" is someone)
    if (titled and len(words) > 1 and len(words[1]) > 1 and words[1][:1].isupper()
            and words[1].casefold() in _SMALL_WORDS
            and (not is_given(words[1], f.all_given) or _in_title_case(text, start, end))):
        # "Nurse In Maine Breaches Quarantine": a headline's words after a title ("Mr A.
        # Khan", "Mr An Nguyen" are people)
        return True
    if not titled and len(words) > 1 and _in_title_case(text, start, end):
        # "... Causes Poison Ivy Rash", "Candy Flavors Put E-Cigarettes On Kids' Menu": in a
        # headline every word has a capital, so a name ending in an ordinary word is a
        # phrase, unless that word is a common surname ("... Brittany Maynard's Final Choice")
        last = words[-1].casefold().removesuffix("'s").removesuffix("’s")
        if last in common_words() and not is_common_surname(last):
            return True
        # "As Ebola Ping-Pongs In Liberia", "As 'Bodega Clinicas' Fill Void": nor is a
        # capitalised pair that no first name opens (the model reads any such pair as a name)
        if not is_given(words[0], f.all_given):
            return True
    if (not titled and len(words) == 1 and not is_given(words[0], f.all_given)
            and _in_title_case(text, start, end) and not cue_before(f, m.before_words)):
        # "Debate Is Over, Obama Says": a headline names a public figure by surname alone; a
        # post names a private person by a first name, with a title or after thanks
        return True
    if (not titled and len(words) == 1 and _OPENS_SENTENCE.search(m.before) and f.works is not None
            and text[end:end + 1] == ":" and f.works.fullmatch(words[0])):
        return True  # "Song: 'Mr Brightside'": a label before a work's title
    following = m.following
    if following:
        word = following.group(2)
        # "Cavell Ward", "Burrage Centre"; after a possessive only a building's own
        # name counts ("St Mary's Hospital", not "Mrs Kelly's hospital number").
        possessive = bool(following.group(1)) or span.endswith(("'s", "’s"))
        trade_after_name = (word.casefold() in f.trades and not possessive and len(words) == 1
                            and is_given(words[0], f.given))
        # "Congratulations to Rhys! Ward 9 are lucky ...": a sentence ends between them
        ended = "!" in following.group(0) or "?" in following.group(0)
        # "... Khatun run our café": a verb, not "Colour Run"
        verb = word.islower() and _DETERMINER_NEXT.match(text, end + following.end()) is not None
        if (word.casefold() in f.place_words and (not possessive or word[0].isupper())
                and not trade_after_name and not ended and not verb):
            return True
    if not titled and len(words) == 1 and _PLURAL_OWNER.search(text, max(0, start - 40), start):
        return True  # "the Porters' Lodge": a room a group owns
    if not titled and len(words) == 1 and _languages_listed(f, text, start, end, m.before):
        return True  # "they speak Romanian, Lithuanian, Shona and English": a language
    # "Marco's of Gorleston", "Palmer's of Yarmouth": a shop named by its founder and its town
    if (not titled and following and (following.group(1) or span.endswith(("'s", "’s")))
            and following.group(2) == "of"):
        town = _CAPITALISED_AFTER.match(text, end + following.end())
        if town and name_parts(town.group(1)) <= f.not_names:
            return True
    # "Mrs Brown's Boys", "Mr Holland's Opus": a title and a surname owning a capitalised
    # ordinary word (no one's name, no school year: "Mrs Hendry's Year 3") name a show.
    if titled and following and (following.group(1) or span.endswith(("'s", "’s"))):
        word = following.group(2)
        if (word[:1].isupper() and not word.isupper() and word.casefold() in common_words()
                and not is_given(word, f.all_given) and word.casefold() not in f.titled_owns
                and not regex.match(r"\s*\d", text[end + following.end():])):
            return True
    # "Cliff Park Ormiston Academy": the span opens a longer capitalised name whose
    # last words say it is a school, a team or a building.
    # "Jimmy's Fish Bar": a possessive before such a name is its founder's.
    run = m.run
    if not titled and not m.shouted and run and any(
            w.casefold() in f.place_words for w in run.group(0).split()):
        return True
    # "27 Cliff Hill Rise, Gorleston, NR31 6QF": a house number, then a street (an
    # address is the other personal-data rule's, not a name).
    if not titled and _HOUSE_NUMBER.search(text, max(0, start - 8), start) and (
            _POSTCODE.search(text, end, min(len(text), end + 80))
            or any(w.casefold() in f.place_words or w.casefold() in f.street_words
                   for w in [*words, *(run.group(0).split() if run else [])])):
        return True
    # "819 Malcolm Views, North Rachel N7S 1ES", "6288 Jones Motorway, South Justin, SD
    # 48668": a town or a street between a house number and a postcode or a state and ZIP
    # code is part of an address (the other personal-data rule's), not a name.
    if not titled and _ADDRESS_BEFORE.search(text, max(0, start - 80), start) and (
            _CODE_AFTER.match(text, end, min(len(text), end + 60))):
        return True
    # "Our Jenny Lind children's department", "the Ted Ellis nature reserve": a name
    # given to a building or a place, said by the lower-case words after it.
    # "our new Lorenzo patient record system": a product or a system named so.
    if not titled and _OUR_OR_THE.search(text, max(0, start - 16), start):
        lower = _NAMED_PLACE.match(text, end)
        after_words = lower.group(0).split() if lower else []
        for i, word in enumerate(after_words):
            if word in f.place_words or word in f.system_words:
                return True
            # "the Annie May sailing barge", "the Ellen Jane fishing boat": a vessel or
            # an animal named so, said by its kind within two words.
            if i < 2 and word in f.thing_kinds:
                return True
            if word in JOINING_WORDS:
                break
    eponym = _EPONYM.match(text[end:end + 30])
    if not titled and eponym and eponym.group(1).casefold() in f.eponym_words:
        return True  # "Barrett's oesophagus", "Graves' disease": a condition's name
    parts = m.parts
    if not parts or parts <= f.not_names or parts in f.not_name_phrases:
        # "lost his wife, June, to dementia": a relation names a first name that is also a month
        # set off as a name is ("June," "June." "June who"; not "My daughter, May I say")
        return not (len(words) == 1 and is_given(words[0], f.all_given)
                    and _RELATION.search(text, max(0, start - 30), start) is not None
                    and _SET_OFF_AFTER.match(text, end) is not None)
    if (not titled and len(words) > 1 and words[0].casefold() in _WEEKDAYS
            and all(w.casefold() in common_words() and not is_given(w, f.given)
                    for w in words[1:])):
        return True  # "the Sunday Times", "Friday Feeling": a title or a phrase
    if (not titled and len(words) == 1 and following and following.group(2).casefold() in _WEEKDAYS
            and words[0].casefold() in common_words() and not is_given(words[0], f.given)):
        return True  # "Biscuit Monday", "Giving Tuesday": a day given a name, not a person
    if (not titled and len(words) == 1 and f.plants is not None
            and words[0].casefold() in common_words() and any(
                LISTED.fullmatch(text, *((p.end(), start) if p.end() <= start else (end, p.start())))
                for p in f.plants.finditer(text, max(0, start - 60), end + 60)
                if p.end() <= start or p.start() >= end)):
        return True  # "Rosemary, lavender and thyme": a word-name listed with plants
    joined = _JOINED.search(text[max(0, start - 30):start])
    # (an honour before the span is no phrase's word: "our new Chair, Sir David ..." is a
    # person whom the public titles judge)
    if (joined and not titled and name_parts(joined.group(1)) <= f.not_names
            and joined.group(1) not in f.honours
            and joined.group(1).casefold() not in f.lead_words
            # "WELL DONE DARREN": in capitals, thanks before a name are not a phrase's words
            and not (m.shouted and shouted_thanks_before(text, start))):
        return True  # "Christmas Eve", "Easter Monday": a phrase the span is the end of
    if not titled and all(len(p) < 3 or p in STOP_WORDS for p in parts) and not (
            len(words) == 1 and is_given(words[0], f.all_given) and cue_after(f, text, end)):
        # "In", "We": a capitalised word at a sentence start ("Mrs P" is a name), but
        # "Mo on the reception desk", "Will from Facilities" are people
        return True
    if not titled and any(w.casefold() in f.place_words and not (
            i == 1 and len(words) == 2 and w.casefold() in f.trades
            # "Sam Kitchen", "Amy Rule" are people: the trade word is also a surname;
            # "Hollis Scaffolding" is a firm
            and is_surname(w.casefold())
            and is_given(words[0], f.given)) for i, w in enumerate(words)):
        return True
    if not titled and _journey_end(f, text, start, end):
        return True  # "From Gorleston to Geneva": where a journey starts or ends is a place
    if (not titled and len(words) == 1 and following and not following.group(1)
            and following.group(2).islower() and following.group(2) in f.sky_words):
        return True  # "Rosie skies over the harbour": a word for the sky's colour, not a person
    if not titled and not is_given(words[0], f.all_given) and _listed_with_institution(f, text, start, end):
        return True  # "Lynn Grove Academy, ... and Ormiston Denes": a school's short name
    return any(w in JOINING_WORDS for w in words[1:-1])  # "Proud of Yarmouth", "Matron for Surgery"


def _languages_listed(f: Filters, text: str, start: int, end: int, before: str) -> bool:
    """Whether a single word stands in a list beside a language or a nationality (the
    rule's not_names) in a sentence about speaking or languages ("speak Romanian,
    Lithuanian, Shona and English"): a language too."""
    if not _LANGUAGE_TALK.search(before):
        return False
    left = _LISTED_WORD_BEFORE.search(text, max(0, start - 40), start)
    if left is not None and left.group(1).casefold() in f.not_names:
        return True
    # the list's first item, straight after the talk ("speak Shona and English")
    right = _LISTED_WORD_AFTER.match(text, end)
    return (right is not None and right.group(1).casefold() in f.not_names
            and _LANGUAGE_TALK.search(before.rstrip()[-12:]) is not None)


def _journey_end(f: Filters, text: str, start: int, end: int) -> bool:
    """Whether the span is one end of a journey whose other end is a known place
    ("From Gorleston to Geneva", "from Geneva to Gorleston")."""
    came = _FROM_PLACE_TO.search(text, max(0, start - 50), start)
    if came and name_parts(came.group(1)) <= f.not_names:
        return True
    if not _FROM_BEFORE.search(text, max(0, start - 6), start):
        return False
    going = _TO_PLACE.match(text, end)
    return bool(going and name_parts(going.group(1)) <= f.not_names)


def _listed_with_institution(f: Filters, text: str, start: int, end: int) -> bool:
    """Whether a name no list knows is listed straight after or before a capitalised name
    whose last word says it is a school, a club or a building ("pupils from Lynn Grove
    Academy, Flegg High and Ormiston Denes")."""
    # Only a list of where people come from or go to ("students from ...", "visiting ..."):
    # "thanks to Flegg High School and Kerensa ..." thanks a person too.
    if not _WHERE_LIST.search(text, max(0, start - 160), start):
        return False
    before = _INSTITUTION_BEFORE.search(text, max(0, start - 40), start)
    if before and before.group(1).casefold() in f.institution_words:
        return True
    after = _INSTITUTION_AFTER.match(text, end)
    return bool(after and after.group(1).casefold() in f.institution_words)


def names_a_work_or_thing(f: Filters, m: Mention) -> bool:
    """Whether the mention is a character of a story or a show, a name given to an animal
    or an appeal, a work's title, or a name made part of a word ("Jenny Lind-funded")."""
    text, start, end = m.text, m.start, m.end
    if f.work_words is not None:
        near = " ".join(m.before_words[-6:]) + " " + " ".join(
            LETTERS.findall(text[end:end + 20])[:1])
        # "Patient story: Lakshmi Subramaniam was diagnosed ...": a story's or a film's
        # characters are never admitted or diagnosed; a patient is.
        if f.work_words.search(near) and not (
                f.patient is not None and f.patient.after is not None
                and f.patient.after.match(text[end:end + 80])) and not _person_said(f, m):
            return True
    if names_a_thing(f, text, end, m.before_words) or names_a_work(f, text, start, end):
        return True
    return not m.titled and joined_to_a_word(text, end)


def _person_said(f: Filters, m: Mention) -> bool:
    """Whether who the person is was said just before the name, as a story's or a show's
    characters are not introduced: a staff role ("Play Specialist Hayley", "our play
    specialists Becca and Jas"), a staff title ("In this film, Sister Bernadette ..."), a
    relation ("the story of their son Mykola") or a label only people are given ("Best
    in show: Pepper, who came with owner Kevin ...")."""
    if f.staff is not None and f.staff.titles is not None and f.staff.titles.match(m.span):
        return True
    # Names listed before this one are passed over ("specialists Becca and Jas").
    listed = LETTERS.findall(_LISTED_BEFORE.sub("", m.before))[-3:]
    return any(_said_before(f, before) for before in (m.before_words[-3:], listed))


def _said_before(f: Filters, before: list[str]) -> bool:
    if f.staff is not None and f.staff.before is not None and ends_with(f.staff.before, before):
        return True
    if f.staff is not None and f.staff.titles is not None and ends_with(f.staff.titles, before):
        return True
    if f.patient is not None and f.patient.before is not None and ends_with(
            f.patient.before, before[-1:]):
        return True
    return bool(before) and before[-1].casefold() in f.person_labels


def reads_as_a_thing(doc: Any, text: str, start: int, end: int, language: Language | None = None) -> bool:
    """Whether a name no list knows is written as a place or a thing's name is: after
    "the" ("the Rotarians of Bungay"), before ", where" ("Welcome to Shotesham, where"),
    a single word with an English place name's ending ("Sizewell", "Northgate"), or
    a word put before a noun ("Tiktok users", "Lowestoft Lions stall")."""
    if THE_BEFORE.search(text, max(0, start - 5), start) or _WHERE_AFTER.match(text, end):
        return True
    if _MOVED_TO.search(text, max(0, start - 40), start):
        return True  # "transferred to Papworth", "airlifted to Stanmore": a hospital
    word = text[start:end]
    if " " not in word and PLACE_ENDING.search(word):
        return True
    if doc is None or not hasattr(doc, "char_span"):
        return False
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    if language is not None:
        language.complete(doc, "parser")  # the parse is made only for a Doc that asks
    last = span[-1]
    return bool(last.dep_ == "compound" and last.head.i > last.i and last.head.text.islower())


def names_a_thing(f: Filters, text: str, end: int, before_words: list[str]) -> bool:
    """Whether the name is given to an animal, a mascot, a mannequin or an appeal
    ("our therapy dog, Molly", "Little Stars, our children's ward appeal")."""
    if f.thing_before is not None and ends_with(f.thing_before, before_words[-3:]):
        return True
    if _IT_NAMED.search(" ".join(before_words[-3:])):
        return True
    # "a ginger tom named ...", "our pharmacy robot, affectionately known as '...'": the
    # name it is called by, the animal's or the machine's kind just before
    naming = _NAMING_WORDS.search(" ".join(before_words[-8:]))
    if f.thing_before is not None and naming:
        kind = before_words[:len(before_words) - len(naming.group(0).split())]
        while kind and kind[-1].casefold() in _AUXILIARIES:  # "has been christened"
            kind = kind[:-1]
        if kind and (ends_with(f.thing_before, kind[-3:]) or kind[-1].casefold() in f.system_words):
            return True
    if f.thing_after is None:
        return False
    if f.thing_after.match(text[end:end + 80]):
        return True
    # "Pip and Brenda, our new therapy dogs": the names listed before what they are
    listed = _NEXT_NAMES.match(text, end)
    return bool(listed and f.thing_after.match(text[listed.end():listed.end() + 80]))


def names_a_work(f: Filters, text: str, start: int, end: int) -> bool:
    """Whether the name is a song's, a film's, a book's or an app's title: quoted with
    only capitalised words ("“Hey Jude”") in a sentence about songs or films, or in a
    list of capitalised titles opened by such a word ("playlist: Roxanne, Layla and
    ...", "apps such as ZOE and Flo"). A patient's own words in quotes are sentences
    with lower-case words, and stay read as people."""
    if f.works is None:
        return False
    before = SENTENCE_END.split(text[max(0, start - 120):start])[-1]
    quoted = _OPEN_TITLE.search(before)
    if quoted and _CLOSE_TITLE.match(text, end) and f.works.search(text):
        return True
    # A list of two titles or more: "song leader: Jane Smith" is one person.
    listed = bool(_TITLE_NEXT.match(text, end))
    for intro in f.works.finditer(before):
        rest = before[intro.end():]
        opened = _LIST_OPENING.match(rest) or _WORKS_OF.match(rest)
        if opened and _TITLE_LIST.fullmatch(rest, opened.end()) and (
                listed or rest[opened.end():].strip()):
            return True
    return False


def joined_to_a_word(text: str, end: int) -> bool:
    """Whether a name is made part of a word by a hyphen, as a thing named after someone
    is ("our Jenny Lind-funded equipment", "a Nightingale-style ward"), not a person."""
    # ("a Barnaby Cole-led choir" is led by a person)
    return _THING_SUFFIX.match(text, end - 1 if text[end - 1:end] == "-" else end) is not None
