"""A name that is a firm's, a brand's, a character's or a public figure's, not a private
person's: a name of the gazetteer or the shared vocabulary ("Ben & Jerry's", "Mr Tickle"),
a public title beside it ("Peter Aldous MP"), or written as a firm is ("donated by Hovis",
"Hovis loaves", "Jarrold & Sons")."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import regex

from ...pii.names import is_surname
from ...pii.people import TITLES, is_given
from ...text.words import common_words
from .filters import Filters
from .mention import Mention
from .words import FAMILY_AFTER, LETTERS, LINK, LISTED, NAME_WORD, THE_BEFORE, ends_with

# "Chase and Skye from Paw Patrol": what joins a name to the franchise it comes from.
_FROM_FRANCHISE = regex.compile(
    r"(?:\s*(?:,|and|&)\s*\p{Lu}[\p{L}'’\-]*)*\s+(?:from|of|in)\s+(?:the\s+)?(?:film\s+|show\s+)?")
_FRANCHISE_OWN = regex.compile(r"['’]s\s+$")
# "Ben & Jerry's", "Fortnum & Mason's": two capitalised words joined by "&" and owning
# something are a firm, unless what they own is a family's ("Sue & Dave's wedding").
_AMPERSAND_PAIR = regex.compile(
    r"\p{Lu}[\p{L}'’\-]*[ \t]*&[ \t]*\p{Lu}[\p{L}\-]*['’]s(?![\p{L}])"
    r"(?!\s+(?:mum|dad|family|wedding|baby|daughter|son|children|kids|grandchildren|"
    r"anniversary|birthday|parents|leaving|retirement|house|home)\b)")
# "Pettigrew's bakery", "Kemp's department store": what an owner's name is put before.
_OWNS = regex.compile(r"['’]s\s+(?:(?:department|corner|farm|village|local|family)\s+)?(\p{Ll}+)")
_SHOPS = frozenset({"shop", "shops", "store", "stores", "cafe", "café", "restaurant", "pub", "bakery",
                    "garage", "butchers", "butcher's", "deli", "florist", "salon", "pharmacy", "chemist"})
# "for the new ...", "for all the ...": what someone is thanked for, up to the thing itself.
_FOR_THE = regex.compile(r"\s+for\s+(?:all\s+)?(?:the|our|their|some|these|those)(?:\s+(?:new|lovely|brilliant|donated|kind|generous))*(?=\s)")
# "their" or "its" (the goods pattern takes one describing word: "Their delivery crew").
_THEIR = regex.compile(r"\b(?i:their|its)\b")
_A_PERSON_HAS_TOO = frozenset({"team", "colleagues", "volunteers", "flowers", "cakes", "cake"})


# A headline's byline: " | " before the name, nothing but links, tags and handles after it.
_BYLINE_BEFORE = regex.compile(r"\S[ \t]+[|｜][ \t]*$")
_BYLINE_AFTER = regex.compile(rf"(?:\s+(?:{LINK.pattern}|[#@]\w+))*\s*")


def public_or_listed(f: Filters, m: Mention) -> bool:
    """Whether the mention is a public figure in a public role ("Sir David Attenborough",
    "named after Sister Dora") or a name of the gazetteer, or listed with one."""
    text, start, end, words, parts, titled = m.text, m.start, m.end, m.words, m.parts, m.titled
    before_words = m.before_words
    if f.public_titles:
        around = before_words[-3:] + LETTERS.findall(text[end:end + 20])[:1]
        inside = words
        core = [w for w in words if w.casefold().rstrip(".") not in TITLES]
        if (len(core) > 1 and core[-1] == words[-1] and words[-1] in f.public_titles
                and words[-1] not in f.after_name_titles and is_given(core[0], f.given)):
            # "Joshua King", "Mr Graham Bishop": a title last, after a first name, is a surname
            inside = words[:-1]
        found = [w for w in (*inside, *around) if w in f.public_titles]
        found = _public_offices(f, text, end, found, words, before_words)
        if found and not _club_officer(f, text, found, words, before_words):
            return True
    if f.public_context is not None and f.public_context.search(" ".join(before_words[-4:])):
        return True
    official = (f.public_officials.search(text, max(0, start - 90), start)
                if f.public_officials is not None else None)
    if official is not None and (official.group("owner") is None or official.group("owner_title")
                                 or titled):
        return True  # "CDC Director Dr ...", "former HHS official ...", "the head of CMS ...", "CDC's Dr ..."
    if _BYLINE_BEFORE.search(text, max(0, start - 8), start) and _BYLINE_AFTER.fullmatch(text, end):
        return True  # "Why the NHS needs more nurses | Jane Doe http://...": a published piece's author
    # "the Sainsbury family" is a family, though "Sainsbury's" is a shop.
    family = len(words) == 1 and FAMILY_AFTER.match(text, end) is not None
    if family and _place_named_for(f, text, start, words[0]):
        return True  # "the Margaret Aldous Unit ... the Aldous family": its namesakes
    if f.gazetteer and not titled and not family:
        # A one-word entry inside a longer name with a first name of its own is a
        # person's surname: "Lucy Costa", "Tom Greggs" (but "Costa Gorleston" is a shop).
        if any(entry <= parts and not (len(entry) == 1 and len(parts) > 1 and any(
                is_given(p, f.given) for p in parts - entry)) and not (
                len(entry) == 1 and _particle_before(f, text, start, end, entry))
                for entry in f.gazetteer):
            return True
        if f.gazetteer_text is not None and any(
            ((g.start() < end and start < g.end()
              and _inside(f, text, g.start(), g.end(), start, end))
             # "Peppa Pig and George", "Alexa, Siri and Google": a name listed with
             # characters or brands is one of them; a full name is not ("thanks to
             # Tesco and Hannah Pryce").
             or (_listed_with(text, g.start(), g.end(), start, end)
                 and not (len(words) > 1 and is_given(words[0], f.all_given))))
            # "Zelia da Costa": after a particle, a firm's word is a surname
            and not _after_particle(f, text, g.start())
            for g in f.gazetteer_text.finditer(text, max(0, start - 40), end + 40)
        ):
            return True
    return False


# "..., who joins our Board", "..., who has joined our team": one of the Trust's own people;
# so is one who leaves it ("... steps down from our Board").
_JOINS_OUR = regex.compile(
    r"\s*,?\s+(?:who\s+)?(?:joins|has\s+joined|is\s+joining|will\s+join|leaves|is\s+leaving|"
    r"(?:steps|stepped|is\s+stepping|will\s+step)\s+down\s+from|retires\s+from|is\s+retiring\s+from)"
    r"\s+our\b", regex.IGNORECASE)


def _public_offices(f: Filters, text: str, end: int, found: Sequence[str], words: Sequence[str],
                    before_words: Sequence[str]) -> list[str]:
    """The public titles beside a name that still make it a public figure: not an office
    that a job word before it makes a post at the Trust ("Medical Secretary ..."), nor an
    honour of one of the Trust's own people named in their post ("our new Chair, Sir ...",
    "Dame ..., who joins our Board")."""
    seq = [*before_words[-3:], *words]
    kept = []
    for title in found:
        if title in seq:
            i = len(seq) - 1 - seq[::-1].index(title)
            if i > 0 and seq[i - 1].casefold() in f.office_jobs:
                continue
        kept.append(title)
    if kept and f.honours and all(t in f.honours for t in kept):
        lead = [w for w in before_words[-5:] if w not in f.honours]
        if (f.own_offices is not None and ends_with(f.own_offices, lead)) or _JOINS_OUR.match(text, end):
            return []
    return kept


def _club_officer(f: Filters, text: str, titles: Sequence[str], words: Sequence[str],
                  before_words: Sequence[str]) -> bool:
    """Whether the public titles beside a name are a local club's offices held by a
    private person: "Rotary President Brian ...", "Captain Rita ..." in a post about a
    bowls club (but "Captain Canary", the club's mascot, has no first name; "Health
    Secretary ..." holds a public office whatever else the post is about; a professional
    side's captain is a public figure)."""
    if not f.club_offices or f.clubs is None or not all(t in f.club_offices for t in titles):
        return False
    first = next((w for w in words if w not in titles), None)
    if first is None or not is_given(first, f.given) or f.clubs.search(text) is None:
        return False
    if f.pro_clubs is not None and f.pro_clubs.search(text):
        return False
    seq = [*before_words[-6:], *words]
    for title in titles:
        if title not in seq:
            continue
        i = len(seq) - 1 - seq[::-1].index(title)
        # The capitalised words just before the office name whose it is: a club's
        # ("Rotary President", "Golf Club's Ladies' Captain") or none.
        named_by: list[str] = []
        while i > 0 and (seq[i - 1][:1].isupper() or seq[i - 1] == "s") and len(named_by) < 3:
            i -= 1
            if seq[i] != "s":  # "Golf Club's Ladies' Captain"
                named_by.append(seq[i])
        if named_by and not any(f.clubs.fullmatch(w) for w in named_by):
            return False  # "Health Secretary ...", "Foreign Secretary ..."
        if not named_by and title not in f.club_offices_alone and not (
                i > 0 and seq[i - 1].casefold() in _WHOSE):
            return False  # "President Joe ...": only "their President", "the club's Secretary"
    return True


# Whose an office is, written just before it ("their Secretary, ...").
_WHOSE = frozenset({"their", "its", "our", "s"})


def firm_or_character(f: Filters, doc: Any, text: str, start: int, end: int, words: Sequence[str],
                      before_words: Sequence[str], titled: bool, shape: bool = False) -> bool:
    """Whether the span is a business, a brand or a character, not a person: inside a
    name of the shared vocabulary ("Ben & Jerry's", "Mr Tickle"), a titled ordinary
    word or a name "from Paw Patrol" in a post about a franchise, or a word no first
    name list has, written as a firm is ("donated by Hovis", "Hovis loaves",
    "Jeremy from Hovis", "Jarrold & Sons", or the model's ORGANISATION after thanks)."""
    orgs = f.orgs
    lo, hi = max(0, start - 60), min(len(text), end + 60)
    if orgs.characters is not None and any(
            m.start() < end and start < m.end() and _inside(f, text, m.start(), m.end(), start, end)
            for m in orgs.characters.finditer(text, lo, hi)):
        return True
    core = [w for w in words if w.casefold().rstrip(".") not in TITLES]
    if not core:
        return False
    if orgs.franchises is not None and orgs.franchises.search(text):
        # "Mr Bump and Little Miss Giggles", "Chase and Skye from Paw Patrol"
        common = common_words()
        if (titled or len(words) > len(core)) and all(
                w.casefold() in common and not is_given(w, f.all_given)
                and not is_surname(w.casefold()) for w in core):
            return True
        tail = _FROM_FRANCHISE.match(text, end)
        if tail and orgs.franchises.match(text, tail.end()):
            return True
        head = _FRANCHISE_OWN.search(text, max(0, start - 4), start)
        if head and any(m.end() == head.start() for m in orgs.franchises.finditer(text, lo, start)):
            return True  # "Paw Patrol's Chase"
    if orgs.names is not None and any(
            m.start() <= start < m.end() and _inside(f, text, m.start(), m.end(), start, end)
            and m.group(0).split()[0].casefold().rstrip(".") in TITLES
            for m in orgs.names.finditer(text, lo, hi)):
        return True  # "Mr Kipling", "Dr. Martens", "Dr Barnardo's": a listed brand with its title
    if titled:
        return False
    family = len(words) == 1 and FAMILY_AFTER.match(text, end) is not None
    if orgs.names is not None and not family and any(
            m.start() < end and start < m.end() and _inside(f, text, m.start(), m.end(), start, end)
            and not _after_particle(f, text, m.start())
            for m in orgs.names.finditer(text, lo, hi)):
        return True
    if orgs.after is not None and orgs.after.match(text, end):
        return True  # "Jarrold & Sons", "Kemp Ltd"
    pair = _AMPERSAND_PAIR.search(text, max(0, start - 30), min(len(text), end + 30))
    if pair and pair.start() <= start and end <= pair.end():
        return True  # "Ben & Jerry's", "Fortnum & Mason's": a firm, not two people
    if any(is_given(w, f.all_given) for w in core):
        return False  # "thanks to Maureen from the League of Friends"
    if (len(words) <= 3 and _firm_plural(words[0])
            and not THE_BEFORE.search(text, max(0, start - 5), start)
            and not FAMILY_AFTER.match(text, end)):
        return True  # "thanks to Pettitts", "Arnolds Keys": a firm by its founders' name
    shop = _OWNS.match(text, end)
    if shop and (shop.group(1).casefold() in f.trades or shop.group(1).casefold() in _SHOPS):
        return True  # "Pettigrew's bakery": a shop named after its owner, who has no first name here
    if orgs.before is not None and ends_with(orgs.before, before_words[-4:]):
        return True  # "donated by Warburtons", "sponsored by Kemps"
    if (orgs.works_before is not None and before_words and before_words[-1] == "by"
            and orgs.works_before.search(" ".join(before_words[-7:-1]))):
        return True  # "the door is being replaced from Monday by Boon Edam": a contractor
    if len(before_words) > 1 and before_words[-1] == "from" and before_words[-2][:1].isupper() and (
            len(core) == 1 and text[start:end].startswith(core[0])):
        return True  # "Jeremy from Hovis": where someone works
    if orgs.products is not None:
        product = orgs.products.match(text, end)
        if product:
            return True  # "Hovis loaves", "Warburtons crumpets"
        # "thanks to Pendrills for the new sofas": one word no first-name list nor the model
        # takes for a name, in the plural as firms are named, thanked for goods.
        if (shape and len(core) == 1 and len(words) == 1 and core[0].endswith("s") and len(core[0]) > 4
                and orgs.org_vote_before is not None and ends_with(orgs.org_vote_before, before_words[-4:])
                and _thanked_for_goods(text, end, orgs.products)):
            return True
        # "Thanks to Harwick for the new hoists! Their engineers fitted ...": one word no
        # first-name list has, thanked, then spoken of as a firm is, by its staff or vans.
        if (len(core) == 1 and len(words) == 1 and orgs.org_vote_before is not None
                and ends_with(orgs.org_vote_before, before_words[-4:])
                and _spoken_of_as_a_firm(text, end, orgs.products)):
            return True
    if doc is not None and orgs.org_vote_before is not None and hasattr(doc, "ents") and ends_with(
            orgs.org_vote_before, before_words[-4:]):
        # Not a list the model read as one firm: "thanks to Eleri & Bartosz".
        return any(e.label_ == "ORG" and e.start_char < end and start < e.end_char
                   and not LISTED.search(e.text) for e in doc.ents)
    return False


def _place_named_for(f: Filters, text: str, start: int, surname: str) -> bool:
    """Whether the post names a building or a room after this surname elsewhere ("our
    Louise Hamilton Centre", "the Peter Crane Day Room"): a family of that name thanked
    beside it is the place's namesake, not a patient's."""
    for m in regex.finditer(rf"(?<![\p{{L}}]){regex.escape(surname)}(?![\p{{L}}])", text):
        if m.start() == start:
            continue
        named = _CAPITALISED_AFTER.match(text, m.end())
        if named and any(w.casefold() in f.place_words for w in named.group(0).split()):
            return True
    return False


# Capitalised words after a name: "Aldous Unit", "Hamilton Day Centre".
_CAPITALISED_AFTER = regex.compile(r"(?:\s+\p{Lu}[\p{L}'’]*){1,3}")


def _after_particle(f: Filters, text: str, at: int) -> bool:
    """Whether a firm's or a place's word follows a surname's particle in lower case and
    is a surname ("Zelia da Costa", "Domingos dos Santos"), not the firm."""
    before = LETTERS.findall(text[max(0, at - 6):at])
    return bool(before) and before[-1].islower() and before[-1] in f.particles


def _particle_before(f: Filters, text: str, start: int, end: int, entry: frozenset[str]) -> bool:
    """Whether the span's word that is a listed name follows a particle ("da Costa")."""
    for word in NAME_WORD.finditer(text, start, end):
        if word.group(0).casefold() in entry:
            return _after_particle(f, text, word.start())
    return False


def _inside(f: Filters, text: str, m_start: int, m_end: int, start: int, end: int) -> bool:
    """Whether a span overlapping a firm's or a character's name is part of it: it
    lies inside, or what it has outside the name is no first name ("Sainsbury's",
    not "Jane Sainsbury")."""
    if m_start <= start and end <= m_end:
        return True
    outside = NAME_WORD.findall(text[start:max(start, m_start)] + " " + text[min(end, m_end):end])
    return not any(is_given(w, f.all_given) for w in outside)


def _listed_with(text: str, start: int, end: int, name_start: int, name_end: int) -> bool:
    """Whether a name (``name_start``, ``name_end``) is listed with the thing at (``start``,
    ``end``): joined by "and" or "&", or by a comma in a list of three or more ("Alexa,
    Siri and Google"; not "the James Paget, Linda Cartwright ...")."""
    first, second = ((start, end), (name_start, name_end)) if end <= name_start else (
        (name_start, name_end), (start, end))
    joint = LISTED.fullmatch(text, first[1], second[0])
    if not joint:
        return False
    if "," not in joint.group(0):
        return True
    return bool(_LIST_GOES_ON.match(text, second[1]) or _LIST_WENT_BEFORE.search(text, 0, first[0]))


# A list carries on after a name ("Siri and ...") or went on before it ("..., Alexa, Siri").
_LIST_GOES_ON = regex.compile(r"\s*,\s*\p{Lu}|\s+(?:and|&)\s+\p{Lu}")
_LIST_WENT_BEFORE = regex.compile(r"\p{L}\s*,\s*$")


def _firm_plural(word: str) -> bool:
    """Whether a word alone is a surname made plural, as a family firm is named
    ("Pettitts", "Rackhams"; not "Jones", a surname itself, nor "Kostas", no plural)."""
    from ...text.words import is_frequent

    plural = word.casefold()
    if not plural.endswith("s") or len(plural) < 5 or is_surname(plural) or is_frequent(plural):
        return False
    return is_surname(plural[:-1])


def _thanked_for_goods(text: str, end: int, products: Any) -> bool:
    """Whether a name is followed by "for the (new) <goods>" ("for the new sofas")."""
    thanked = _FOR_THE.match(text, end)
    return bool(thanked and products.match(text, thanked.end()))


def _spoken_of_as_a_firm(text: str, end: int, products: Any) -> bool:
    """Whether what follows a name thanked speaks of its staff, vans or shops, as of a
    firm ("Their delivery crew had every one in place", "its engineers"), in the next
    200 characters; "She baked them herself" is a person."""
    for found in _THEIR.finditer(text, end, min(len(text), end + 200)):
        goods = products.match(text, found.end())
        # A person has a team and colleagues too ("their team on Ward 3").
        if goods and goods.group(0).split()[-1].casefold() not in _A_PERSON_HAS_TOO:
            return True
    return False
