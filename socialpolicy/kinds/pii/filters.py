"""How a private person's name is told from anything else, read when the rule loads:
the rule's own word lists (``not_names``, ``place_words``, ``organisations``, ...) and the
``filters`` of the PERSON recognizers, next to them in their file. One object, so every
check of a name reads the same lists; the long lists are compiled on first use."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import regex

from ...pattern_cache import compile_regex
from ...pii.names import name_parts
from ...pii.people import given_names, title_pattern
from ...vocab import expand_items
from ..base import BuildContext
from ..pattern import expand
from .definitions import Role, read_gazetteer, read_place_names
from .organisations import Organisations, organisation_lists, organisations
from .words import NAME_ENTITY, phrases


@dataclass(frozen=True)
class Filters:
    """The word lists and patterns the checks of a name read (see ``read_filters``)."""

    not_names: frozenset[str]
    not_name_phrases: frozenset[frozenset[str]]
    place_words: frozenset[str]
    street_words: frozenset[str]
    system_words: frozenset[str]
    public_titles: frozenset[str]
    # Of those, the ones written after a name ("Peter Aldous MP"); the others, written last
    # after a first name, are a surname ("Joshua King").
    after_name_titles: frozenset[str]
    # Offices a local club has too ("Rotary President", "the Bowls Club's Captain"), and
    # the words that say a post is about such a club.
    club_offices: frozenset[str]
    clubs: Any
    pro_clubs: Any
    club_offices_alone: frozenset[str]
    # Words before an office that make it a job ("Medical Secretary"), honours ("Sir",
    # "Dame"), and the Trust's own offices an honour may follow ("our new Chair, Sir ...").
    office_jobs: frozenset[str]
    honours: frozenset[str]
    own_offices: Any
    lead_words: frozenset[str]
    gazetteer: tuple[frozenset[str], ...]
    gazetteer_text: Any
    # One-word places that are first names too, and the lower-case words after one that
    # make it the place ("Dallas officials", "Alberta pharmacist").
    places_also_names: frozenset[str]
    place_nouns: frozenset[str]
    # Lower-case words only a region is before ("the Fraser region"): any one word before them.
    region_nouns: frozenset[str]
    plants: Any
    titled_owns: frozenset[str]
    work_words: Any
    public_context: Any
    # An official of a national or international public body, named in their public role
    # just before the name ("CDC Director Dr ...", "the former head of CMS ...").
    public_officials: Any
    # A link to a news outlet, and the words of the post's own voice ("our", "we", "I"): a
    # post with the first and none of the second shares a report, naming the outlet's people.
    news_links: Any
    own_voice: Any
    # A link through a general short-link service, or a retweet's "RT @name:", and words of
    # the Trust's own news (thanks, a welcome, its patients, wards, name and towns): a post
    # with the first, no own voice and none of the second shares someone else's post too.
    shared_links: Any
    shared_marks: Any
    own_news: Any
    eponym_words: frozenset[str]
    cues_before: Any
    cues_after: Any
    thing_before: Any
    thing_kinds: frozenset[str]
    thing_after: Any
    works: Any
    org_lists: Mapping[str, tuple[str, ...]]
    trades: frozenset[str]
    particles: frozenset[str]
    hashtag_name: Any
    hashtag_words: Any
    reply_details: Any
    # "Rosie skies": words for the sky and the weather a word-like first name describes.
    sky_words: frozenset[str]
    # "... Academy, ... and Ormiston Denes": what a school's, a club's or a building's name ends with.
    institution_words: frozenset[str]
    # "Aunty Bev", "Uncle Des": a kinship title before a consented person's (short) name,
    # set aside when matching the consent entry (never a name's part there).
    kin_titles: frozenset[str]
    # "vitamin D. Young children": words a letter names a kind or a place of, not an initial.
    letter_labels: frozenset[str]
    person_labels: frozenset[str]
    extra_given: frozenset[str]
    also_words: frozenset[str]
    # A form's labels of a name's parts by kind ("surname", "first name"), each a pattern
    # ending where the part begins: parts under labels of different kinds in one record
    # are one person (``resolve.one_record``).
    record_labels: Mapping[str, Any]
    staff: Role | None = None
    patient: Role | None = None

    @cached_property
    def orgs(self) -> Organisations:
        """Firms, brands and characters, compiled when a span is first checked."""
        return organisations(self.org_lists)

    @cached_property
    def given(self) -> frozenset[str]:
        """First names that are not also words: enough alone."""
        return given_names(self.extra_given, self.also_words)

    @cached_property
    def all_given(self) -> frozenset[str]:
        """First names including those that are also words ("Eve", "Grace"): enough
        before a surname, not alone."""
        return given_names(self.extra_given, self.also_words, with_words=True)


_SPACES = regex.compile(r"\\s[+*]?")


def read_filters(spec: Mapping[str, Any], definitions: list[dict[str, Any]], folder: Path,
                 build: BuildContext) -> Filters:
    """The rule's lists and its PERSON recognizers' filters (the roles are the rule's
    ``roles``, added by the detector)."""
    # Words that are never a name alone ("Gorleston", "Diwali"); a phrase of several
    # words ("Carlton Colville") is not a name only as a whole. An item "{{list}}"
    # takes the words of a shared vocabulary list (rules/vocab/); those lists are written
    # for regular expressions, so their spelled-out spaces ("boat\s+people") are spaces here.
    not_names = [name_parts(_SPACES.sub(" ", n))
                 for n in expand_items(spec.get("not_names") or [], {}, build.vocab)]
    # A span with one of these words names a place or a team ("Cavell Ward").
    place_words = frozenset(str(w).casefold() for w in spec.get("place_words") or [])
    # After a house number these end a street's name too ("27 Cliff Hill Rise").
    street_words = frozenset(str(w).casefold() for w in spec.get("street_words") or [])
    # After "our (new)", a product or a system ("our new Lorenzo patient record").
    system_words = frozenset(str(w).casefold() for w in spec.get("system_words") or [])
    # Written next to a name, these make it a public figure in a public role
    # ("Sir David Attenborough", "Peter Aldous MP"); matched as written.
    public_titles = frozenset(str(w) for w in spec.get("public_titles") or [])
    # "Rotary President ...", "Captain ..." of a bowls club: a club's officer is a private
    # person, though a president or a captain elsewhere holds a public office.
    club_offices = frozenset(str(w) for w in spec.get("club_offices") or [])
    filters: dict[str, Any] = {}
    for d in definitions:
        if d["entity"] == NAME_ENTITY and isinstance(d.get("filters"), Mapping):
            filters.update(d["filters"])
    # A public figure, a character or an organisation named after a person.
    gazetteer, gazetteer_text = read_gazetteer(filters.get("gazetteer"), folder, build)
    # A name alone that is not a known first name needs one of these near it to count.
    cues = filters.get("person_cues") or {}
    # "our therapy dog, Molly", "Meet Bertie, the teddy bear mascot": an animal, a
    # mascot or a mannequin given a name; "Little Stars, our children's ward appeal": a
    # name put to an appeal or a project.
    things = filters.get("not_people") or {}
    # Firms, brands and characters: the word lists are read now; only the names whose
    # words stand near a span are compiled, when one is checked (see NameList).
    org_lists = organisation_lists(spec.get("organisations") or {}, build)
    # "Kettleby Bakery", "Martha's Rule": place words too, except after a first name
    # alone ("Sam Kitchen", "Amy Rule" are people).
    trades = frozenset(w.casefold() for w in org_lists.get("trades", ()))
    # "#TeamOscar", "#PrayForMaisie": a hashtag that rallies round one named person.
    tags = filters.get("hashtag_names") or {}
    # In a reply, the greeted author's own health details ("Hi Nadia, sorry your biopsy
    # results ..."): the greeting no longer covers the name.
    details = filters.get("reply_details")
    extra = next((d.get("extra_names") or [] for d in definitions if "extra_names" in d), [])
    also = next((d.get("also_words") or [] for d in definitions if "also_words" in d), [])
    return Filters(
        not_names=frozenset(p for parts in not_names if len(parts) == 1 for p in parts),
        not_name_phrases=frozenset(parts for parts in not_names if len(parts) > 1),
        place_words=place_words | trades,
        street_words=street_words,
        system_words=system_words,
        public_titles=public_titles,
        after_name_titles=frozenset(str(w) for w in spec.get("after_name_titles") or []),
        club_offices=club_offices,
        clubs=phrases(spec["clubs"]) if spec.get("clubs") else None,
        club_offices_alone=frozenset(str(w) for w in spec.get("club_offices_alone") or []),
        office_jobs=frozenset(str(w).casefold() for w in spec.get("office_jobs") or []),
        honours=frozenset(str(w) for w in spec.get("honours") or []),
        own_offices=phrases(spec["own_offices"]) if spec.get("own_offices") else None,
        pro_clubs=phrases(spec["professional_clubs"]) if spec.get("professional_clubs") else None,
        # Words that open a span but are not part of a name ("Happy", "Many", "Dear").
        lead_words=frozenset(str(w).casefold() for w in filters.get("lead_words") or []),
        gazetteer=gazetteer,
        gazetteer_text=gazetteer_text,
        places_also_names=read_place_names(filters.get("places_also_names"), folder, build),
        place_nouns=frozenset(str(w).casefold() for w in filters.get("place_nouns") or ()),
        region_nouns=frozenset(str(w).casefold() for w in filters.get("region_nouns") or ()),
        # Plants, herbs and flowers a word-name may be listed with ("Rosemary, lavender and thyme").
        plants=phrases(filters["plants"]) if filters.get("plants") else None,
        # What a titled person may own and still be one ("Mrs Hendry's Class"), not a show.
        titled_owns=frozenset(str(w).casefold() for w in filters.get("titled_owns") or ()),
        # Words that make the name a title of a show or a story ("the panto is Peter Pan").
        work_words=phrases(filters["work_words"]) if filters.get("work_words") else None,
        # "named after Sister Dora": a namesake, not a person in the news.
        public_context=phrases(filters["public_context"]) if filters.get("public_context") else None,
        public_officials=public_officials(spec, build),
        news_links=news_links(spec, build),
        own_voice=any_of(spec, build, "own_voice", 0),
        shared_links=news_links(spec, build, "shared_links"),
        shared_marks=any_of(spec, build, "shared_marks", 0),
        own_news=any_of(spec, build, "own_news", regex.IGNORECASE),
        # "Bell's palsy", "Graves' disease", "Hodgkin lymphoma": a name that is part of a
        # condition's name, written before one of these words.
        eponym_words=frozenset(str(w).casefold() for w in filters.get("eponym_words") or []),
        cues_before=phrases(cues["before"]) if cues.get("before") else None,
        cues_after=(compile_regex("|".join(f"(?:{c})" for c in cues["after"]), regex.IGNORECASE)
                    if cues.get("after") else None),
        thing_before=phrases(things["before"]) if things.get("before") else None,
        thing_kinds=frozenset(str(w).split()[-1].casefold() for w in things.get("before") or []),
        thing_after=apposition(things) if things.get("after") else None,
        # Songs, films, books and apps named like people: a title in quotes, or a list after
        # "playlist:", "films such as", in a post about one of these works.
        works=phrases(things["works"]) if things.get("works") else None,
        org_lists=org_lists,
        trades=trades,
        # Lower-case words inside a name ("Rhys ap Gwilym", "Dr de Souza"): not ordinary words.
        particles=frozenset(str(w).casefold() for w in filters.get("particles") or []),
        hashtag_name=hashtag_pattern(tags) if tags else None,
        hashtag_words=regex.compile(
            "(?:" + ("|".join(regex.escape(str(w)) for w in tags.get("before") or []) or "$^") + r")\p{Lu}"),
        reply_details=(compile_regex("|".join(f"(?:{d})" for d in details), regex.IGNORECASE)
                       if details else None),
        sky_words=frozenset(str(w).casefold() for w in filters.get("sky_words") or []),
        letter_labels=frozenset(str(w).casefold() for w in filters.get("letter_labels") or []),
        # Labels only people are given on forms, tickets and lists ("Member S. Davies",
        # "Applicant T. Amato"): an initial after one is a name's, not a label's letter.
        person_labels=frozenset(str(w).casefold() for w in filters.get("person_labels") or []),
        institution_words=frozenset(str(w).casefold() for w in filters.get("institution_words") or []),
        kin_titles=frozenset(str(w).casefold() for w in filters.get("kin_titles") or []),
        extra_given=frozenset(str(n).casefold() for n in extra),
        also_words=frozenset(str(n).casefold() for n in also),
        record_labels=record_labels(filters.get("record_labels") or {}),
    )


def public_officials(spec: Mapping[str, Any], build: BuildContext) -> Any:
    """The office of a public body written just before a name, or None: the body (the
    vocabulary's patterns, as written, so "WHO" is not "who"), then its office ("HHS official", "NHS England's new
    chief executive"), or the office "of" the body ("the former head of CMS"), then
    perhaps a private title, or the body's titled person ("CDC's Dr. ..."); the pattern ends
    where the name starts."""
    bodies = expand_items(spec.get("public_bodies") or [], {}, build.vocab)
    roles = expand_items(spec.get("public_roles") or [], {}, build.vocab)
    if not bodies or not roles:
        return None
    words = expand_items(spec.get("public_role_words") or [], {}, build.vocab)

    def alternation(items: Iterable[str]) -> str:
        return "|".join(f"(?:{i})" for i in sorted(map(str, items), key=len, reverse=True))

    body = rf"(?<![\p{{L}}\p{{N}}])(?:{alternation(bodies)})(?![\p{{L}}\p{{N}}])"
    role = rf"(?i:(?:(?:{alternation(words)})-?[ \t]+)*(?:{alternation(roles)}))"
    title = rf"(?:{title_pattern()}[ \t]+)?"
    # ... or the body's titled person, its office unsaid ("CDC's Dr. Anne Schuchat")
    # (the title may open the name itself: the reader checks there is one)
    titled = rf"(?P<owner>{body}['’]s[ \t]+)(?P<owner_title>{title_pattern()}[ \t]+)?$"
    return compile_regex(
        rf"(?:{body}(?:['’]s)?[ \t]+{role}|{role}[ \t]+(?i:of|at|for)[ \t]+(?i:the[ \t]+)?{body})"
        rf"[ \t]*,?[ \t]*{title}$|{titled}")


def news_links(spec: Mapping[str, Any], build: BuildContext, key: str = "news_links") -> Any:
    """A link to one of the hosts the rule lists under ``key`` (news outlets, or general
    short-link services; hosts as patterns, any case), or None."""
    hosts = expand_items(spec.get(key) or [], {}, build.vocab)
    if not hosts:
        return None
    return compile_regex(r"(?i:(?<![\w.\-])(?:https?://)?(?:[\w\-]+\.)*(?:"
                         + "|".join(f"(?:{h})" for h in hosts) + r")(?=[/\s:?#]|$))")


def any_of(spec: Mapping[str, Any], build: BuildContext, key: str, flags: int) -> Any:
    """One pattern matching any of the rule's ``key`` patterns (``{{name}}`` a shared list's
    alternation or a named fragment, as in a pattern detector), or None."""
    items = [str(v) for v in spec.get(key) or []]
    return compile_regex(expand("|".join(f"(?:{v})" for v in items), {}, build), flags) if items else None


def record_labels(kinds: Mapping[str, Any]) -> dict[str, Any]:
    """Each kind of a name's part with a pattern of its labels that ends where the part
    begins: "Surname: ", "FIRST NAME ", "first-name - ", a title allowed after the label
    ("Surname: Mrs ")."""
    out: dict[str, Any] = {}
    for kind, labels in kinds.items():
        words = sorted((str(w).split() for w in labels or ()), key=len, reverse=True)
        alternatives = "|".join(r"[\s\-_]?".join(regex.escape(w) for w in label) for label in words)
        if alternatives:
            out[str(kind)] = compile_regex(
                rf"(?<![\p{{L}}])(?:{alternatives})\s*[:\-–=]?\s*"
                r"(?:(?:mr|mrs|ms|miss|mx|dr)\.?\s+)?\Z", regex.IGNORECASE)
    return out


def apposition(things: Mapping[str, Any]) -> Any:
    """", our children's ward appeal", ", the teddy bear mascot": a name set beside a
    thing, not a person (but ", the dog walker who ..." is a person)."""
    not_after = "|".join(regex.escape(str(w)) for w in things.get("not_after") or []) or "$^"
    # Without a comma only an animal or a mascot ("Buster the therapy dog"): "Jane the
    # volunteer who runs our charity shop" is a person.
    animals = phrases(things["before"]).pattern if things.get("before") else "$^"
    # "Bertie and his owner Maureen": a pet named beside the one who brings it.
    kept_by = "|".join(regex.escape(str(w)) for w in things.get("kept_by") or []) or "$^"
    # "Bobby's, the bereavement charity"; "The Ellen Mary, Lowestoft's oldest trawler".
    return compile_regex(
        rf"(?:(?:['’]s)?\s*,\s*(?:the|our|a|an|its|their|(?-i:\p{{Lu}})[\w\-]*(?:\s+(?-i:\p{{Lu}})[\w\-]*){{0,2}}['’]s)"
        rf"\s+(?:[\w'’\-]+\s+){{0,4}}?"
        rf"(?:{phrases(things['after']).pattern})"
        # ... but not one whose word for a thing goes on to a role, one word on at most
        # (", our charity fundraising manager")
        rf"|\s+the\s+(?:[\w'’\-]+\s+){{0,2}}?(?:{animals})"
        rf"|\s+and\s+(?:his|her|its|their)\s+(?:(?:new|proud|devoted)\s+)?(?:{kept_by})\b"
        # "Welcome back Gracie! Our therapy dog has ...": what it is, said first thing after
        rf"|\s*[!.]+\s+(?:our|the|this|she's|he's|she\s+is|he\s+is)\s+(?:[\w'’\-]+\s+){{0,2}}?(?:{animals})\b)"
        rf"(?!\s+(?:[\w'’\-]+\s+)?(?:{not_after})\b)",
        regex.IGNORECASE)


def hashtag_pattern(tags: Mapping[str, Any]) -> Any:
    """A hashtag that rallies round one person: a word before the name ("#TeamOscar",
    "#PrayForMaisie") or after it ("#MaisiesFight", "#OscarStrong"); group 1 or 2 is the name."""
    before = "|".join(regex.escape(str(w)) for w in tags.get("before") or []) or "$^"
    after = "|".join(regex.escape(str(w)) for w in tags.get("after") or []) or "$^"
    # Besides the listed words, any verb before "With" or "For" ("#SwimWithSenait", "#BakeForBea").
    return compile_regex(
        rf"(?<![\p{{L}}\p{{N}}_])#(?:(?:{before}|\p{{Lu}}\p{{Ll}}+(?:With|For))(\p{{Lu}}\p{{Ll}}+)(?![\p{{L}}\p{{N}}_])"
        rf"|(\p{{Lu}}\p{{Ll}}+?)(?:['’]?s)?(?:{after})(?![\p{{Ll}}\p{{N}}_]))")
