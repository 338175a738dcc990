"""Personal data with Presidio: UK identifiers, contacts and people's names.

A ``pii`` detector names the Presidio entities it reports (``UK_NHS``,
``PERSON``, ...); the recognizers behind them are data, in
``socialpolicy/pii/recognizers.yaml`` or a file the rule names. Presidio is
imported the first time a post is checked, never when rules are loaded, so a
run that selects only other rules pays nothing for it.

Only ``PERSON`` needs the language model (``needs = {"nlp", "ner"}``): identifiers are
found by pattern, checksum and nearby phrases, with or without a model. Names
are compared with the post's ``consent`` entries and the allow-listed public
figures; a name in a post about someone's health can be raised to an error.
Every hit is personal data, so the engine masks its evidence.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

import regex

from ..errors import InputError
from ..pack_cache import load_pack_yaml
from ..pattern_cache import compile_regex
from ..pii.checksum import allowed, contact_key
from ..pii.names import is_surname, lower_name, matches_any, name_parts, with_nicknames
from ..pii.normal import needs_normalising, normalise
from ..pii.people import (
    LIFE_EVENT_AFTER,
    PRIVATE_TITLES,
    ROLE_THEN_LOWER_NAME,
    TITLES,
    WORKPLACE_OR_PEOPLE_AFTER,
    given_names,
    is_given,
    shouted_rare_name,
)
from ..text.words import common_words
from ..vocab import expand_items
from .base import BaseDetector, BuildContext, Hit, Options, PostContext, spec_error

if TYPE_CHECKING:
    from ..nlp import Language

PII_DATA = Path(__file__).resolve().parent.parent / "pii"
DEFAULT_RECOGNIZERS = PII_DATA / "recognizers.yaml"
# "JPUHCharity", "NHSThankYou": run-together words are tags and brands, not names written out.
_RUN_TOGETHER = regex.compile(r"\p{Lu}{2,}\p{Ll}|(?<!^(?:Mc|Mac|Mhic|Nic|Ní|Ni|O|D|De|Di|Da|Du|La|Le|Van|Von|Fitz))(?<=\p{Ll})\p{Lu}")
NAME_ENTITY = "PERSON"
# A sentence ends at . ! ? or a new line, but not at the full stop of "Mr." or "Dr.".
_SENTENCE_END = regex.compile(
    r"(?<!\b(?i:mr|mrs|ms|mx|dr|st|prof|rev|revd|sr|cllr))[.!?\n]\s|(?<=\n)")
HOME_ENTITY = "HOME_ADDRESS"
# Before a postcode or street, these make even a part of the Trust's own address someone's home.
_HOME = regex.compile(r"\b(?:lives?|living|lived|resides?|home|staying|address)\b[^.!?\n]*$", regex.IGNORECASE)
# What may stand before the name of the person being answered when it greets them.
_GREETING = regex.compile(
    r"\s*(?:(?:hi|hiya|hello|hey|dear|morning|evening|good\s+(?:morning|afternoon|evening)|thanks|"
    r"thank\s+you|many\s+thanks|cheers|congratulations|congrats|well\s+done|good\s+luck|sorry|"
    r"welcome|happy\s+birthday|best\s+wishes|all\s+the\s+best|take\s+care|bless\s+you|aw+|oh)"
    r"(?:\s+so\s+much|\s+again|\s+for\s+getting\s+in\s+touch)?[\s,!]*)*", regex.IGNORECASE)
# Lowercase words that join a capitalised phrase but are not part of a person's name.
# Compiled here, not by ``regex.match(...)`` at each call: the rule pack compiles
# hundreds of patterns, and ``regex``'s own cache evicts at random once it holds 500.
_LEAD_WORD = regex.compile(r"(\p{L}+)[\s,]+(?=\p{L})")
_NAME_WORD = regex.compile(r"\p{L}[\p{L}'’\-]*")
_LETTERS = regex.compile(r"[\p{L}]+")
# An emoji or a pictograph: the model's PERSON sometimes runs across one ("Kidney Day 💙 Ron").
_SYMBOL = regex.compile(r"[\p{So}\p{Cs}\u200d\ufe0f]+")
_FOLLOWING = regex.compile(r"(['’]s)?[!?]?\s+(\p{L}+)")
_EPONYM = regex.compile(r"(?:['’]s?)?\s+(\p{L}+)")
_WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
_JOINED = regex.compile(r"(\p{Lu}\p{L}+)[ \t]+$")
# What joins the names of a list: ", ", " and ", " & ", ", and ".
_LISTED = regex.compile(r"\s*,\s*(?:and\s+|&\s*)?|\s+(?:and|&)\s+")
# A list carries on after a name ("Siri and ...") or went on before it ("..., Alexa, Siri").
_LIST_GOES_ON = regex.compile(r"\s*,\s*\p{Lu}|\s+(?:and|&)\s+\p{Lu}")
_LIST_WENT_BEFORE = regex.compile(r"\p{L}\s*,\s*$")
# Names listed just before another ("Wenna Trelawny and ", "Ffion, Bartosz and ").
_NAMES_BEFORE = regex.compile(
    r"(?:\p{Lu}[\p{L}'’\-]*(?:[ \t]+\p{Lu}[\p{L}'’\-]*){0,3}(?:\s*,\s*(?:and\s+|&\s*)?|\s+(?:and|&)\s+))+$")
# A full name: two to four capitalised words ("Bogdan Ciobanu", "Mary-Jane O'Neill").
_FULL_NAME = regex.compile(r"\p{Lu}[\p{L}'’\-]*(?:[ \t]+\p{Lu}[\p{L}'’\-]*){1,3}")
# The lower-case words after a name, up to a place word ("children's department").
_NAMED_PLACE = regex.compile(r"(?:[ \t]+[\p{Ll}'’]+){1,3}")
_OUR_OR_THE = regex.compile(r"(?i:\b(?:our|the)(?:\s+(?:new|latest|upgraded))?)\s+$")
# How a place or a thing's name is written (see _reads_as_a_thing).
_THE_BEFORE = regex.compile(r"(?i:\bthe)\s+$")
# A title in quotes: the quote opens before the span with capitalised words (or none)
# and closes after it, with at most a few capitalised words ("“Hey Jude”", "'Sweet Caroline'").
_TITLE_WORD = r"(?:\p{Lu}[\p{L}'’\-]*|\d+|of|the|a|an|and|in|on|to|me|my|you|your)"
_OPEN_TITLE = regex.compile(rf"[“\"‘'](?:{_TITLE_WORD}\s+){{0,4}}$")
_CLOSE_TITLE = regex.compile(rf"(?:\s+{_TITLE_WORD}){{0,4}}[”\"’'](?![\p{{L}}])")
# After a word for songs or films: a colon, "such as", "like", "including", then titles.
_LIST_OPENING = regex.compile(r"[^.!?\n:]{0,40}?(?::|\b(?i:such\s+as|like|including)\b)\s*")
# Before a word that opens a sentence, also after a quoted question ("... seconds?' Song:").
_OPENS_SENTENCE = regex.compile(r"(?:^|[.!?][\"'’”)\]]*)\s*$")
# "copies of Harrison, Davidson and ...": titles straight after a word for works and "of".
_WORKS_OF = regex.compile(r"\s+of\s+")
_TITLE_ITEM = r"(?:\p{Lu}[\p{L}'’\-]*|\d+)"
_TITLE_SEP = r"(?:\s*,\s*(?:(?i:and|or|then)\s+)?|\s+(?:(?i:and|or|then|&)\s+)?)"
_TITLE_NEXT = regex.compile(rf"{_TITLE_SEP}{_TITLE_ITEM}")
# Possessive: a list that is not all titles fails at once, however long.
_TITLE_LIST = regex.compile(rf"(?:{_TITLE_ITEM}(?:{_TITLE_SEP}{_TITLE_ITEM})*+)?+{_TITLE_SEP}?")
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
_FAMILY_AFTER = regex.compile(r"\s+family\b", regex.IGNORECASE)
# Where a patient is moved to or from is a hospital or a place.
_MOVED_TO = regex.compile(
    r"\b(?:transferred|transferring|transfer|moved|taken|airlifted|flown|referred|rushed|driven|"
    r"blue-?lighted|repatriated|discharged|admitted)\s+(?:\w+\s+)?(?:to|from|into)\s+$", regex.IGNORECASE)
_WHERE_AFTER = regex.compile(r"\s*,\s*where\b", regex.IGNORECASE)
_PLACE_ENDING = regex.compile(
    r"(?:ham|ton|thorpe|well|gate|wich|mouth|field|ford|bury|borough|burgh|stead|worth|ness|"
    r"caster|chester|minster|port|haven|wick|hithe|stowe?|combe|cliffe?|dale|wood|holme|"
    r"bridge|by)(?:['’]s)?$")
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
_WORDS = regex.compile(r"\p{L}+|\p{N}+")
# "Pettigrew's bakery", "Kemp's department store": what an owner's name is put before.
_OWNS = regex.compile(r"['’]s\s+(?:(?:department|corner|farm|village|local|family)\s+)?(\p{Ll}+)")
_SHOPS = frozenset({"shop", "shops", "store", "stores", "cafe", "café", "restaurant", "pub", "bakery",
                    "garage", "butchers", "butcher's", "deli", "florist", "salon", "pharmacy", "chemist"})
# Set by the name-shape recogniser on names no list knows: they need evidence.
_NEEDS_EVIDENCE = "needs_evidence"
# "Holly in Radiology", "Grace and Joy are twin sisters": only people are said to be these.
_WORKPLACE_AFTER = regex.compile(WORKPLACE_OR_PEOPLE_AFTER, regex.IGNORECASE)
_ROLE_THEN_LOWER = regex.compile(ROLE_THEN_LOWER_NAME)
_THING_SUFFIX = regex.compile(r"-(?:funded|sponsored|backed|branded|style|themed|inspired|named|era|shaped)\b")
_HOUSE_NUMBER = regex.compile(r"(?<![\p{L}\p{N}])\d{1,4}[A-Za-z]?,?[ \t]+$")
_POSTCODE = regex.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b")
# "for the new ...", "for all the ...": what someone is thanked for, up to the thing itself.
_FOR_THE = regex.compile(r"\s+for\s+(?:all\s+)?(?:the|our|their|some|these|those)(?:\s+(?:new|lovely|brilliant|donated|kind|generous))*(?=\s)")
_JOINING_WORDS = frozenset({"of", "for", "the", "and", "at", "in", "on", "to", "from", "with"})


@dataclass(frozen=True)
class _Allowed:
    """Allow-listed contacts (as spelling-proof keys) and people (as name parts)."""

    contacts: frozenset[str]
    people: tuple[frozenset[str], ...]


@dataclass(frozen=True)
class Escalation:
    """Raise a hit's severity when the post also carries one of these phrases."""

    severity: str
    pattern: Any
    message: str | None


@dataclass(frozen=True)
class Role:
    """How a named person is read: staff (a colleague) or a patient or relative.

    ``titles`` are written just before or at the start of the name ("Sister", "Staff
    Nurse"); ``before`` phrases stand in the few words before it ("our porter");
    ``after`` patterns follow it (", our ward manager", " who was admitted")."""

    titles: Any
    before: Any
    after: Any
    message: str | None


def _role(spec: Any, build: BuildContext, key: str) -> Role | None:
    if spec is None:
        return None
    if not isinstance(spec, Mapping) or set(spec) - {"titles", "before", "after", "message"}:
        raise spec_error(build, key, "a role has titles, before, after and message")
    after = [str(p) for p in spec.get("after") or []]
    return Role(
        titles=_phrases([str(t) for t in spec["titles"]]) if spec.get("titles") else None,
        before=_phrases([str(t) for t in spec["before"]]) if spec.get("before") else None,
        after=compile_regex("|".join(f"(?:{p})" for p in after), regex.IGNORECASE) if after else None,
        message=str(spec["message"]) if spec.get("message") else None,
    )


def _read_yaml(path: Path, build: BuildContext, key: str) -> Any:
    try:
        return load_pack_yaml(path.read_text(encoding="utf-8"), str(path))
    except (OSError, UnicodeDecodeError, InputError) as exc:
        raise spec_error(build, key, f"cannot read {path}: {exc}") from None


def _load_definitions(path: Path, build: BuildContext) -> list[dict[str, Any]]:
    data = _read_yaml(path, build, "recognizers")
    items = data.get("recognizers") if isinstance(data, dict) else None
    if not isinstance(items, list) or not all(isinstance(i, dict) and "entity" in i for i in items):
        raise spec_error(build, "recognizers", f"{path}: expected recognizers: [{{name, entity, ...}}]")
    return items


def _phrases(words: Sequence[str], ignore_case: bool = True) -> Any:
    body = "|".join(
        r"\s+".join(regex.escape(w) for w in str(p).split()) for p in sorted(words, key=len, reverse=True)
    )
    return compile_regex(rf"(?<![\p{{L}}\p{{N}}])(?:{body})(?![\p{{L}}\p{{N}}])",
                         regex.IGNORECASE if ignore_case else 0)


_STRINGS: Mapping[str, Any] = {"type": "array", "items": {"type": "string"}}
_ROLE: Mapping[str, Any] = {"type": "object", "additionalProperties": False, "properties": {
    "titles": _STRINGS, "before": _STRINGS, "after": _STRINGS, "message": {"type": "string"}}}


def _consented(ctx: PostContext, text: str) -> tuple[frozenset[str], ...]:
    """The post's consent entries as name parts, with the nicknames the text gives them:
    worked out once per post and text (every name the post holds asks)."""
    key = ("pii.consented", text)
    found: tuple[frozenset[str], ...] | None = ctx.cache.get(key)
    if found is None:
        found = ctx.cache[key] = with_nicknames((name_parts(c.name) for c in ctx.post.consent), text)
    return found


class PiiDetector(BaseDetector):
    options: ClassVar[Options] = {
        "entities": {"type": "array", "minItems": 1, "items": {"type": "string"}},
        "threshold": {"type": "number"},
        "labels": {"type": "object", "additionalProperties": {"type": "string"}},
        "recognizers": {"type": "string"},
        "patterns_for": {"type": "object", "additionalProperties": _STRINGS},
        "allow": _STRINGS,
        "not_names": _STRINGS,
        "place_words": _STRINGS,
        "street_words": _STRINGS,
        "system_words": _STRINGS,
        "public_titles": _STRINGS,
        "public_message": {"type": "string"},
        "organisations": {"type": "object", "additionalProperties": False, "properties": {
            "names": _STRINGS, "characters": _STRINGS, "franchises": _STRINGS, "before": _STRINGS,
            "after": _STRINGS, "products": _STRINGS, "org_vote_before": _STRINGS,
            "trades": _STRINGS, "works_before": _STRINGS}},
        "roles": {"type": "object", "additionalProperties": False,
                  "properties": {"staff": _ROLE, "patient": _ROLE}},
        "escalate": {"type": "object", "required": ["phrases"], "additionalProperties": False,
                     "properties": {"severity": {"$ref": "#/$defs/severity"},
                                    "message": {"type": "string"},
                                    "phrases": {"type": "array", "minItems": 1,
                                                "items": {"type": "string"}}}},
    }

    def __init__(self, spec: Mapping[str, Any], build: BuildContext):
        super().__init__(spec, build)
        entities = spec.get("entities")
        if not isinstance(entities, list) or not entities:
            raise spec_error(build, "entities", "a pii detector lists the entities it reports")
        self.entities = tuple(str(e) for e in entities)
        source = spec.get("recognizers")
        path = DEFAULT_RECOGNIZERS if source is None else Path(build.source).parent / str(source)
        definitions = [d for d in _load_definitions(path, build) if d["entity"] in self.entities]
        known = {d["entity"] for d in definitions}
        missing = [e for e in self.entities if e not in known]
        if missing:
            raise spec_error(build, "entities", f"no recognizer in {path.name} finds {', '.join(missing)}")
        extra = spec.get("patterns_for") or {}
        for entity, patterns in extra.items():
            if not build.lazy:
                _check_forms(entity, patterns, build)
            # A Trust whose hospital numbers look different lists its own forms here.
            definitions = [
                {**d, "patterns": [{"name": f"{entity} configured {i}", "regex": str(p),
                                    "score": float(d["patterns"][0]["score"])}
                                   for i, p in enumerate(patterns)]}
                if d["entity"] == entity and "patterns" in d else d
                for d in definitions
            ]
        self.definitions = definitions
        self.threshold = float(spec.get("threshold", 0.5))
        self.labels: dict[str, str] = {str(k): str(v) for k, v in (spec.get("labels") or {}).items()}
        self.names = NAME_ENTITY in self.entities
        if self.names:
            self.needs = frozenset({"nlp", "ner"})
        self.allow = tuple(str(a) for a in spec.get("allow") or [])
        # Keyed by the configuration's own lists: the rule is compiled once but a
        # Linter (or a rule example) may run it under another configuration.
        self._allow_cache: dict[tuple[tuple[str, ...], tuple[str, ...]], _Allowed] = {}
        # Words that are never a name alone ("Gorleston", "Diwali"); a phrase of several
        # words ("Carlton Colville") is not a name only as a whole. An item "{{list}}"
        # takes the words of a shared vocabulary list (rules/vocab/).
        not_names = [name_parts(n) for n in expand_items(spec.get("not_names") or [], {}, build.vocab)]
        self.not_names = frozenset(p for parts in not_names if len(parts) == 1 for p in parts)
        self.not_name_phrases = frozenset(parts for parts in not_names if len(parts) > 1)
        # A span with one of these words names a place or a team ("Cavell Ward").
        self.place_words = frozenset(str(w).casefold() for w in spec.get("place_words") or [])
        # After a house number these end a street's name too ("27 Cliff Hill Rise").
        self.street_words = frozenset(str(w).casefold() for w in spec.get("street_words") or [])
        # After "our (new)", a product or a system ("our new Lorenzo patient record").
        self.system_words = frozenset(str(w).casefold() for w in spec.get("system_words") or [])
        # Written next to a name, these make it a public figure in a public role
        # ("Sir David Attenborough", "Peter Aldous MP"); matched as written.
        self.public_titles = frozenset(str(w) for w in spec.get("public_titles") or [])
        # How a private person's name is told from a public figure, a character or a
        # greeting: the ``filters`` of the PERSON recognizers, next to them in their file.
        filters: dict[str, Any] = {}
        for d in definitions:
            if d["entity"] == NAME_ENTITY and isinstance(d.get("filters"), Mapping):
                filters.update(d["filters"])
        # Words that open a span but are not part of a name ("Happy", "Many", "Dear").
        self.lead_words = frozenset(str(w).casefold() for w in filters.get("lead_words") or [])
        # A public figure, a character or an organisation named after a person.
        self.gazetteer_text: Any = None
        self.gazetteer = self._gazetteer(filters.get("gazetteer"), path.parent, build)
        # Plants, herbs and flowers a word-name may be listed with ("Rosemary, lavender and thyme").
        self.plants = _phrases(filters["plants"]) if filters.get("plants") else None
        # What a titled person may own and still be one ("Mrs Hendry's Class"), not a show.
        self.titled_owns = frozenset(str(w).casefold() for w in filters.get("titled_owns") or ())
        # Words that make the name a title of a show or a story ("the panto is Peter Pan").
        self.work_words = _phrases(filters["work_words"]) if filters.get("work_words") else None
        # "named after Sister Dora": a namesake, not a person in the news.
        self.public_context = (
            _phrases(filters["public_context"]) if filters.get("public_context") else None
        )
        # "Bell's palsy", "Graves' disease", "Hodgkin lymphoma": a name that is part of a
        # condition's name, written before one of these words.
        self.eponym_words = frozenset(str(w).casefold() for w in filters.get("eponym_words") or [])
        # A name alone that is not a known first name needs one of these near it to count.
        cues = filters.get("person_cues") or {}
        self.cues_before = _phrases(cues["before"]) if cues.get("before") else None
        self.cues_after = (
            compile_regex("|".join(f"(?:{c})" for c in cues["after"]), regex.IGNORECASE)
            if cues.get("after") else None
        )
        # "our therapy dog, Molly", "Meet Bertie, the teddy bear mascot": an animal, a
        # mascot or a mannequin given a name; "Little Stars, our children's ward appeal": a
        # name put to an appeal or a project.
        things = filters.get("not_people") or {}
        self.thing_before = _phrases(things["before"]) if things.get("before") else None
        self.thing_kinds = frozenset(str(w).split()[-1].casefold() for w in things.get("before") or [])
        self.thing_after = _apposition(things) if things.get("after") else None
        # Songs, films, books and apps named like people: a title in quotes, or a list after
        # "playlist:", "films such as", in a post about one of these works.
        self.works = _phrases(things["works"]) if things.get("works") else None
        # Firms, brands and characters: the word lists are read now; only the names whose
        # words stand near a span are compiled, when one is checked (see _NameList).
        self._org_lists = _organisation_lists(spec.get("organisations") or {}, build)
        self._orgs: _Organisations | None = None
        # "Kettleby Bakery", "Martha's Rule": place words too, except after a first name
        # alone ("Sam Kitchen", "Amy Rule" are people).
        self.trades = frozenset(w.casefold() for w in self._org_lists.get("trades", ()))
        self.place_words = self.place_words | self.trades
        # Lower-case words inside a name ("Rhys ap Gwilym", "Dr de Souza"): not ordinary words.
        self.particles = frozenset(str(w).casefold() for w in filters.get("particles") or [])
        # "#TeamOscar", "#PrayForMaisie": a hashtag that rallies round one named person.
        tags = filters.get("hashtag_names") or {}
        self.hashtag_name = _hashtag_pattern(tags) if tags else None
        self._hashtag_words = regex.compile(
            "(?:" + ("|".join(regex.escape(str(w)) for w in tags.get("before") or []) or "$^") + r")\p{Lu}")
        # In a reply, the greeted author's own health details ("Hi Nadia, sorry your biopsy
        # results ..."): the greeting no longer covers the name.
        details = filters.get("reply_details")
        self.reply_details = (
            compile_regex("|".join(f"(?:{d})" for d in details), regex.IGNORECASE) if details else None
        )
        extra = next((d.get("extra_names") or [] for d in definitions if "extra_names" in d), [])
        also = next((d.get("also_words") or [] for d in definitions if "also_words" in d), [])
        self._extra_given = frozenset(str(n).casefold() for n in extra)
        self._also_words = frozenset(str(n).casefold() for n in also)
        self._given_cache: frozenset[str] | None = None
        self._known_cache: frozenset[str] | None = None
        escalate = spec.get("escalate")
        self.escalation: Escalation | None = None
        if escalate:
            if not isinstance(escalate, Mapping) or not escalate.get("phrases"):
                raise spec_error(build, "escalate", "needs phrases: [...] and a severity")
            self.escalation = Escalation(
                str(escalate.get("severity", "error")),
                _phrases(expand_items(escalate["phrases"], {}, build.vocab)),
                str(escalate["message"]) if escalate.get("message") else None,
            )
        roles = spec.get("roles") or {}
        if not isinstance(roles, Mapping) or set(roles) - {"staff", "patient"}:
            raise spec_error(build, "roles", "roles has staff and patient")
        self.staff = _role(roles.get("staff"), build, "roles.staff")
        self.patient = _role(roles.get("patient"), build, "roles.patient")
        # A plain message for a person read as neither (a member of the public).
        self.public_message = str(spec["public_message"]) if spec.get("public_message") else None
        self._analyzer: Any = None
        # What each entity's recognizers need in a text (see ``_possible``), worked out
        # on first use.
        self._prerequisites: _Prerequisites | None = None

    def _gazetteer(self, source: Any, folder: Path, build: BuildContext) -> tuple[frozenset[str], ...]:
        if not source:
            return ()
        path = folder / str(source)
        data = _read_yaml(path, build, "gazetteer")
        if not isinstance(data, dict):
            raise spec_error(build, "gazetteer", f"{path}: expected lists of names by kind")
        entries = [str(n) for names in data.values() for n in (names or [])]
        # Also as text, so "Winnie the Pooh" covers a span spaCy cut at "Winnie".
        self.gazetteer_text = _phrases(entries) if entries else None
        return tuple(p for p in (name_parts(n) for n in entries) if p)

    def _given(self) -> frozenset[str]:
        if self._given_cache is None:
            self._given_cache = given_names(self._extra_given, self._also_words)
        return self._given_cache

    # -- Presidio, built on first use ------------------------------------------

    def _engine(self) -> Any:
        if self._analyzer is None:
            from ..pii.analysis import Analyzer

            self._analyzer = Analyzer(self.definitions, self.entities, self.threshold)
        return self._analyzer

    def prepare(self, contexts: Sequence[PostContext]) -> None:
        """Build Presidio once per batch, before the first post asks for it, and parse the
        batch's poll and alt texts in one pass of the model (as its posts' texts are),
        not one call each: a call on its own costs a few milliseconds however short the
        text. The same Docs either way (checked on every corpus text)."""
        if not contexts:
            return
        self._engine()
        if not self.names:
            return
        wanted = [(ctx, source) for ctx in contexts
                  if ctx.language is not None and ctx.parsed_doc is not None
                  for _field, source, file_name in _sources(ctx)[1:]
                  if not file_name and source.strip() and (_OTHER_DOC, source) not in ctx.cache]
        if wanted:
            language = wanted[0][0].language
            assert language is not None
            for (ctx, source), doc in zip(wanted, language.pipe(s for _, s in wanted), strict=True):
                ctx.cache[(_OTHER_DOC, source)] = doc

    # -- per post ----------------------------------------------------------------

    def _doc(self, ctx: PostContext) -> Any:
        if not self.names:
            return None
        from ..nlp import ModelUnavailable

        try:
            return ctx.doc
        except ModelUnavailable:
            return None  # name detection is off; run.py has said so once

    def _allowed(self, ctx: PostContext) -> _Allowed:
        config = ctx.config
        key = (config.allow_contacts, config.allow_public_figures)
        found = self._allow_cache.get(key)
        if found is None:
            people = (*self.allow, *config.allow_public_figures) if self.names else ()
            found = _Allowed(
                contacts=frozenset(
                    contact_key(a) for a in (*self.allow, *config.allow_contacts) if contact_key(a)
                ),
                people=tuple(name_parts(n) for n in people),
            )
            self._allow_cache[key] = found
        return found

    def find(self, ctx: PostContext) -> Iterable[Hit]:
        if self.names:
            # Memoised: the engine also asks for these to mask other rules' evidence.
            found: list[Hit] = ctx.memo(("pii-names", id(self)), lambda: self._find_names(ctx))
            return found
        allow = self._allowed(ctx)
        engine = self._engine()
        hits: list[Hit] = []
        for field, source, file_name in _sources(ctx):
            hits.extend(self._identifiers(engine, allow, field, source, file_name))
        if hits and self.escalation is not None and self.escalation.pattern.search(ctx.folded.text):
            hits = [_with(h, self.escalation.severity, self.escalation.message) for h in hits]
        return hits

    def person_spans(self, ctx: PostContext) -> list[tuple[int, int]]:
        """Where the post's text names someone, for masking every other rule's evidence:
        each person this detector reports, and the person being answered where the reply
        greets them (allowed in the post, still personal data in a report). Only once
        the post is parsed: masking never loads the model."""
        if not self.names or ctx.parsed_doc is None:
            return []
        spans = [(h.start, h.end) for h in self.find(ctx) if h.field is None]
        answered = ctx.post.reply_to
        if answered is not None and answered.author:
            parts = name_parts(answered.author)
            text = ctx.post.text
            spans.extend(m.span() for m in _NAME_WORD.finditer(text)
                         if m.group(0)[:1].isupper() and name_parts(m.group(0)) & parts)
        return spans

    def _identifiers(self, engine: Any, allow: _Allowed, field: str | None, source: str,
                     file_name: bool) -> list[Hit]:
        """Identifiers in one text of the post (its text, poll, or a media file name or
        alt text), found in the normalised form and reported on the original."""
        if not source.strip():
            return []
        norm = normalise(source, file_name) if file_name or needs_normalising(source) else None
        text = norm.text if norm is not None else source
        entities = self._possible(text)
        if not entities:
            return []  # no recognizer of this rule could find anything in it
        results = engine.analyze(text, None, None, entities)
        hits = []
        for result in _resolve(results, self.entities):
            start, end = norm.span(result.start, result.end) if norm is not None else (
                result.start, result.end)
            evidence = source[start:end]
            if allowed(evidence, allow.contacts) and not (
                result.entity_type == HOME_ENTITY and _HOME.search(source[max(0, start - 40):start])
                and contact_key(evidence) not in allow.contacts
            ):
                continue  # the Trust's own contact, or a part of its address not called a home
            tag = self.labels.get(result.entity_type, result.entity_type.replace("_", " ").lower())
            if field is None:
                hits.append(Hit(start, end, evidence=evidence, personal=True, tag=tag))
            else:
                hits.append(Hit(evidence=evidence, field=field, personal=True, tag=tag))
        return hits

    def _possible(self, text: str) -> tuple[str, ...]:
        """The entities some recognizer of which could find something in ``text``: one
        whose every pattern needs a digit (or a string, as an email needs "@") the text
        lacks finds nothing, so Presidio is not asked to run it (most posts hold no
        digit). The same findings as running every recognizer, for less."""
        if self._prerequisites is None:
            self._prerequisites = _prerequisites(self.definitions, self.entities)
        digit: bool | None = None
        folded: str | None = None
        out = []
        for entity, ways in self._prerequisites:
            if ways is None:
                out.append(entity)
                continue
            for needs, strings in ways:
                if needs:
                    if digit is None:
                        digit = _DIGIT.search(text) is not None
                    if not digit:
                        continue
                if strings is not None:
                    if folded is None:
                        folded = text.casefold()
                    if not any(s in folded for s in strings):
                        continue
                out.append(entity)
                break
        return tuple(out)

    def _find_names(self, ctx: PostContext) -> list[Hit]:
        """Names in the post's text, then in its poll and media alt text (parsed on their
        own: they are published too), one finding per person across all of them."""
        allow = self._allowed(ctx)
        engine = self._engine()
        doc = self._doc(ctx)
        if doc is None:
            return []  # name detection is off; run.py has said so once
        health = self.escalation is not None and bool(self.escalation.pattern.search(ctx.folded.text))
        # Every personal-data rule reading this post reads the same Doc.
        artifacts = ctx.memo("presidio-artifacts", lambda: engine.artifacts(doc))
        out = self._names_in(ctx, allow, ctx.post.text, doc, artifacts, health, reply=True)
        for field, source, file_name in _sources(ctx)[1:]:
            if file_name or not source.strip() or ctx.language is None:
                continue
            other = ctx.cache.get((_OTHER_DOC, source))  # parsed with the batch (prepare)
            if other is None:
                other = ctx.cache[(_OTHER_DOC, source)] = ctx.language.parse(source)
            found = self._names_in(ctx, allow, source, other, engine.artifacts(other), health)
            out.extend(Hit(evidence=h.evidence, field=field, personal=True, tag=h.tag,
                           severity=h.severity, message=h.message) for h in found)
        return _same_person_once(out)

    def _names_in(self, ctx: PostContext, allow: _Allowed, text: str, doc: Any, artifacts: Any,
                  health: bool, reply: bool = False) -> list[Hit]:
        if not text.strip():
            return []
        results = self._engine().analyze(text, doc, artifacts)
        hits = []
        # Names no list knows that have nothing only people have next to them: reported
        # only if they stand in a list beside a name that is ("Tiegan and Oreoluwa").
        pending: list[tuple[int, int]] = []
        # Names the post's consent entries cover: a list of people still ("From left:
        # Shannon, Abi, Teuta and Joy", with consent for three), so one no list knows beside
        # them is a person too.
        consented: list[tuple[int, int]] = []
        entries = _consented(ctx, text)
        # First names of full names set aside earlier in the post (a public figure in a public
        # role, a firm): the same first name alone later is the same one ("the Chief Nursing
        # Officer for England, Duncan Burton ... Thank you, Duncan").
        cleared: set[str] = set()
        for result in _split_listed(text, _resolve(results, self.entities)):
            entity = result.entity_type
            evidence = text[result.start:result.end]
            start = result.start
            if entity == NAME_ENTITY:
                shape = bool(result.recognition_metadata.get(_NEEDS_EVIDENCE))
                begin = self._shape_start(text, start, result.end) if shape else start
                if entries and matches_any(text[begin:result.end], entries, alone=True):
                    consented.append((self._name_start(text, begin, result.end), result.end))
                if shape and _reads_as_a_thing(doc, text, begin, result.end, ctx.language):
                    continue
                begin = self._after_symbol(text, begin, result.end)
                words = _NAME_WORD.findall(text, begin, result.end)
                if len(words) == 1 and words[0].casefold() in cleared:
                    continue
                if not self._is_private_name(ctx, allow, begin, result.end, text, reply,
                                             need_cue=shape, doc=doc):
                    if len(words) > 1 and all(w[:1].isupper() for w in words):
                        cleared.add(words[0].casefold())
                    if shape and self._is_private_name(ctx, allow, begin, result.end, text, reply,
                                                       need_cue=None, doc=doc):
                        pending.append((self._name_start(text, begin, result.end), result.end))
                    continue
                start = self._name_start(text, begin, result.end)
                evidence = text[start:result.end]
            elif allowed(evidence, allow.contacts):
                continue
            hits.append(Hit(
                start, result.end, evidence=evidence, personal=True,
                tag=self.labels.get(entity, entity.replace("_", " ").lower()),
            ))
        hits.extend(self._listed_beside(text, hits, pending, consented))
        hits.extend(self._hashtag_names(ctx, allow, text))
        if not hits:
            return hits
        if not health and self.escalation is not None:
            health = bool(self.escalation.pattern.search(text))  # a poll about someone's care
        return self._read_people(text, _same_person_once(hits), health)

    def _after_symbol(self, text: str, start: int, end: int) -> int:
        """Where a name starts when the span runs across an emoji after ordinary words
        ("World Kidney Day 💙 Ron, 72"): the words before the emoji are no part of it.
        A name on both sides ("Kelly 💙💙 Anne") is left whole."""
        symbols = list(_SYMBOL.finditer(text, start, end))
        last = symbols[-1] if symbols else None
        if last is None or not _NAME_WORD.search(text, last.end(), end):
            return start
        common = common_words()
        given = self._all_given()
        if any(w.casefold() not in common or is_given(w, given)
               for w in _NAME_WORD.findall(text, start, last.start())):
            return start
        begin = last.end()
        while begin < end and text[begin].isspace():
            begin += 1
        return begin

    def _shape_start(self, text: str, start: int, end: int) -> int:
        """Where a name shape's name starts: ordinary words that are no one's first name
        before it are set aside ("Farewell Gwilym", "Yesterday Kerensa")."""
        given = self._all_given()
        common = common_words()
        for word in _NAME_WORD.finditer(text, start, end):
            folded = word.group(0).casefold()
            if folded not in common or is_given(folded, given) or word.end() == end:
                return word.start()
        return start

    def _listed_beside(self, text: str, hits: Sequence[Hit], pending: Sequence[tuple[int, int]],
                       consented: Sequence[tuple[int, int]] = ()) -> list[Hit]:
        """Names no list knows written in a list with a name that is reported, or that a
        consent entry covers: "thanks to Tiegan and Oreoluwa", "Deb, Marisol, Ikechukwu and
        Hamish"."""
        people = [(h.start, h.end) for h in hits if h.tag is not None] + list(consented)
        added: list[Hit] = []
        waiting = list(pending)
        while waiting:
            joined = [(s, e) for s, e in waiting if any(
                _LISTED.fullmatch(text[pe:s]) or _LISTED.fullmatch(text[e:ps]) for ps, pe in people)]
            if not joined:
                break
            for s, e in joined:
                waiting.remove((s, e))
                people.append((s, e))
                added.append(Hit(s, e, evidence=text[s:e], personal=True,
                                 tag=self.labels.get(NAME_ENTITY, "person")))
        return added

    def _hashtag_names(self, ctx: PostContext, allow: _Allowed, text: str) -> list[Hit]:
        """People named in a hashtag that rallies round them ("#TeamOscar"): a known first
        name (not one that is also a word: "#TeamHope" is a campaign)."""
        if self.hashtag_name is None or "#" not in text:
            return []
        consented = _consented(ctx, text)
        hits = []
        for match in self.hashtag_name.finditer(text):
            group = 1 if match.group(1) else 2
            name = match.group(group)
            known = is_given(name, self._given())
            # A name no dictionary has ("#TeamAmarachi"), unless it is a place ("#TeamGorleston").
            unknown = name.casefold() not in common_words() and not name_parts(name) <= self.not_names
            if unknown and not known and group == 1 and not self._hashtag_words.match(match.group(0), 1):
                # after any verb ("#StandWithUkraine"): only a word rare even on the web
                from ..text.words import is_frequent

                unknown = not is_frequent(name.casefold())
            if not (known or unknown) or matches_any(name, allow.people) or matches_any(
                    name, consented, alone=True):
                continue
            hits.append(Hit(match.start(group), match.end(group), evidence=name, personal=True,
                            tag=self.labels.get(NAME_ENTITY, "person")))
        return hits

    def _read_people(self, text: str, hits: list[Hit], health: bool) -> list[Hit]:
        """Say whom each name was taken to be. A colleague (a staff title or role) is a
        warning whatever the post is about; a patient or relative (or, in a post about
        health or care, anyone not read as staff) is the escalated error. A staff title
        outweighs a weaker patient cue after the name ("Sister Jones, 62, retires")."""
        out = []
        for hit in hits:
            staff = self._reads_as(self.staff, text, hit.start, hit.end)
            patient = self._reads_as(self.patient, text, hit.start, hit.end)
            if staff == "title" and patient != "before":
                as_staff = True
            else:
                as_staff = bool(staff) and not patient
            if as_staff and self.staff is not None:
                out.append(_with(hit, None, self.staff.message))
            elif (patient or health) and self.escalation is not None:
                out.append(_with(hit, self.escalation.severity, self.escalation.message))
            else:
                out.append(_with(hit, None, self.public_message))
        return out

    @staticmethod
    def _reads_as(role: Role | None, text: str, start: int, end: int) -> str | None:
        """Which evidence reads the person as this role: "title", "before", "after"."""
        if role is None:
            return None
        before = _SENTENCE_END.split(text[max(0, start - 80):start])[-1]
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

    def _name_start(self, text: str, start: int, end: int) -> int:
        """Where the name itself starts: opening words that are not part of a name are
        set aside ("Happy Diwali", "Many Parkinson's", "Call Lee")."""
        from spacy.lang.en.stop_words import STOP_WORDS  # spaCy is loaded: there is a Doc

        while True:
            lead = _LEAD_WORD.match(text[start:end])
            if not lead:
                return start
            word = lead.group(1)
            if word.casefold() not in self.lead_words and word.casefold() not in STOP_WORDS and not (
                    # "clerk Mrs Pettit", "electrician Ryan Hollis": a role in lower case the
                    # model took into the name, before a capitalised name
                    word.islower() and word not in self.particles
                    and any(c.isupper() for c in text[start + lead.end():end])
                    and any(c.isupper() for c in text)):
                return start
            start += lead.end()

    def _is_private_name(self, ctx: PostContext, allow: _Allowed, start: int, end: int,
                         text: str, reply: bool, need_cue: bool | None = False,
                         doc: Any = None) -> bool:
        """Whether a span the recognisers propose is a private person's name. ``need_cue``:
        a name no list knows needs something only people have next to it; ``None`` asks
        whether it would be a name if it had that (a name in a list beside one that is)."""
        if start > 0 and text[start - 1] in "#@":
            return False  # a hashtag or handle, not a name written out
        span = text[start:end]
        if any(c.isdigit() or c in "#@/\n" for c in span):
            return False  # a name is written on one line, without digits ("Hobnob\nCustard")
        from spacy.lang.en.stop_words import STOP_WORDS  # spaCy is loaded: there is a Doc

        start = self._name_start(text, start, end)
        span = text[start:end]
        words = _NAME_WORD.findall(span)
        # A post typed all in lower case names people in lower case too.
        casual = not any(c.isupper() for c in text)
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
        if lower_title and not self._rare_or_given(words[1]):
            return False  # "the night sister wasn't", "nurse practitioner"
        lower_titled = lower_title and not casual
        # "Big thanks to sharon on reception": a known first name (not a word) in lower
        # case inside a post with capitals, only between thanks and a workplace.
        lower_named = (not casual and len(words) == 1 and words[0].islower()
                       and (_LOWER_NAME_BEFORE.search(text, max(0, start - 30), start) is not None
                            # or opening a sentence: "... Ward 7! sharon on reception was"
                            or _SENTENCE_OPENS.search(text, max(0, start - 4), start) is not None)
                       and _LOWER_NAME_AFTER.match(text, end) is not None
                       and is_given(words[0], self._given())
                       ) or (not casual and len(words) == 1 and words[0].islower()
                             and _LOWER_LIFE_AFTER.match(text, end) is not None
                             and is_given(words[0], self._given()))
        # "our physio tamsin trewhella WHO ...", "our volunteer driver ron pettifer, who":
        # a staff role, then a name in lower case, then "who" or a comma.
        lower_role = (not casual and bool(words) and all(w.islower() for w in words)
                      and any(m.span(1) == (start, end) for m in _ROLE_THEN_LOWER.finditer(
                          text, max(0, start - 60), min(len(text), end + 10)))
                      and lower_name(" ".join(words), self._given()))
        lower_titled = lower_titled or lower_named or lower_role
        if not words or not (words[0][0].isupper() or casual or lower_titled):
            return False  # "the App Store": a name starts with a capital
        if not (casual or shouted or lower_titled) and not any(
                w[0].isupper() and not w.isupper() for w in words):
            return False  # lowercase words or acronyms ("NHS", "ICU")
        if (len(words) == 1 and _THE_BEFORE.search(text, max(0, start - 5), start)
                and not (words[0].endswith("s") and _family_plural(words[0]))
                and not _FAMILY_AFTER.match(text, end)):
            # "the Samaritans", "the Walkers": a group or a word, not a family; "at the
            # Marina": a first name straight after "the" is a place or a thing
            return False
        if shouted and not self._known_name(words) and not (
                len(words) == 1 and shouted_rare_name(text, start, words[0])
                and not _PLACE_ENDING.search(words[0].casefold())):
            return False  # "PLEASE DO NOT ATTEND A&E": capitals, but no one's name
        if any(_RUN_TOGETHER.search(w) for w in words):
            return False  # "JPUHCharity", "ThankYouNHS"
        before = text[max(0, start - 60):start]
        before = _SENTENCE_END.split(before)[-1]
        before_words = _LETTERS.findall(before)
        titled = bool(before_words) and before_words[-1].casefold() in PRIVATE_TITLES or (
            words[0].casefold().rstrip(".") in PRIVATE_TITLES and len(words) > 1)
        if (not titled and len(words) == 1 and _OPENS_SENTENCE.search(before) and self.works is not None
                and text[end:end + 1] == ":" and self.works.fullmatch(words[0])):
            return False  # "Song: 'Mr Brightside'": a label before a work's title
        following = _FOLLOWING.match(text[end:end + 30])
        if following:
            word = following.group(2)
            # "Cavell Ward", "Burrage Centre"; after a possessive only a building's own
            # name counts ("St Mary's Hospital", not "Mrs Kelly's hospital number").
            possessive = bool(following.group(1)) or span.endswith(("'s", "’s"))
            trade_after_name = (word.casefold() in self.trades and not possessive and len(words) == 1
                                and is_given(words[0], self._given()))
            if (word.casefold() in self.place_words and (not possessive or word[0].isupper())
                    and not trade_after_name):
                return False
        # "Mrs Brown's Boys", "Mr Holland's Opus": a title and a surname owning a capitalised
        # ordinary word (no one's name, no school year: "Mrs Hendry's Year 3") name a show.
        if titled and following and (following.group(1) or span.endswith(("'s", "’s"))):
            word = following.group(2)
            if (word[:1].isupper() and not word.isupper() and word.casefold() in common_words()
                    and not is_given(word, self._all_given()) and word.casefold() not in self.titled_owns
                    and not regex.match(r"\s*\d", text[end + following.end():])):
                return False
        # "Cliff Park Ormiston Academy": the span opens a longer capitalised name whose
        # last words say it is a school, a team or a building.
        # "Jimmy's Fish Bar": a possessive before such a name is its founder's.
        run = regex.match(r"(?:['’]s)?(?:[ \t]+\p{Lu}[\p{L}'’\-]*){1,3}", text[end:end + 60])
        if not titled and not shouted and run and any(
                w.casefold() in self.place_words for w in run.group(0).split()):
            return False
        # "27 Cliff Hill Rise, Gorleston, NR31 6QF": a house number, then a street (an
        # address is the other personal-data rule's, not a name).
        if not titled and _HOUSE_NUMBER.search(text, max(0, start - 8), start) and (
                _POSTCODE.search(text, end, min(len(text), end + 80))
                or any(w.casefold() in self.place_words or w.casefold() in self.street_words
                       for w in [*words, *(run.group(0).split() if run else [])])):
            return False
        # "Our Jenny Lind children's department", "the Ted Ellis nature reserve": a name
        # given to a building or a place, said by the lower-case words after it.
        # "our new Lorenzo patient record system": a product or a system named so.
        if not titled and _OUR_OR_THE.search(text, max(0, start - 16), start):
            lower = _NAMED_PLACE.match(text, end)
            after_words = lower.group(0).split() if lower else []
            for i, word in enumerate(after_words):
                if word in self.place_words or word in self.system_words:
                    return False
                # "the Annie May sailing barge", "the Ellen Jane fishing boat": a vessel or
                # an animal named so, said by its kind within two words.
                if i < 2 and word in self.thing_kinds:
                    return False
                if word in _JOINING_WORDS:
                    break
        eponym = _EPONYM.match(text[end:end + 30])
        if not titled and eponym and eponym.group(1).casefold() in self.eponym_words:
            return False  # "Barrett's oesophagus", "Graves' disease": a condition's name
        parts = name_parts(span)
        if not parts or parts <= self.not_names or parts in self.not_name_phrases:
            return False
        if (not titled and len(words) > 1 and words[0].casefold() in _WEEKDAYS
                and all(w.casefold() in common_words() and not is_given(w, self._given())
                        for w in words[1:])):
            return False  # "the Sunday Times", "Friday Feeling": a title or a phrase
        if (not titled and len(words) == 1 and following and following.group(2).casefold() in _WEEKDAYS
                and words[0].casefold() in common_words() and not is_given(words[0], self._given())):
            return False  # "Biscuit Monday", "Giving Tuesday": a day given a name, not a person
        if (not titled and len(words) == 1 and self.plants is not None
                and words[0].casefold() in common_words() and any(
                    _LISTED.fullmatch(text, *((m.end(), start) if m.end() <= start else (end, m.start())))
                    for m in self.plants.finditer(text, max(0, start - 60), end + 60)
                    if m.end() <= start or m.start() >= end)):
            return False  # "Rosemary, lavender and thyme": a word-name listed with plants
        joined = _JOINED.search(text[max(0, start - 30):start])
        if (joined and not titled and name_parts(joined.group(1)) <= self.not_names
                and joined.group(1).casefold() not in self.lead_words):
            return False  # "Christmas Eve", "Easter Monday": a phrase the span is the end of
        if not titled and all(len(p) < 3 or p in STOP_WORDS for p in parts) and not (
                len(words) == 1 and is_given(words[0], self._all_given()) and self._cue_after(text, end)):
            # "In", "We": a capitalised word at a sentence start ("Mrs P" is a name), but
            # "Mo on the reception desk", "Will from Facilities" are people
            return False
        if not titled and any(w.casefold() in self.place_words and not (
                i == 1 and len(words) == 2 and w.casefold() in self.trades
                # "Sam Kitchen", "Amy Rule" are people: the trade word is also a surname;
                # "Hollis Scaffolding" is a firm
                and is_surname(w.casefold())
                and is_given(words[0], self._given())) for i, w in enumerate(words)):
            return False
        if any(w in _JOINING_WORDS for w in words[1:-1]):
            return False  # "Proud of Yarmouth", "Matron for Surgery": a phrase or a role
        if self.public_titles:
            around = before_words[-3:] + _LETTERS.findall(text[end:end + 20])[:1]
            if any(w in self.public_titles for w in (*words, *around)):
                return False
        if self.public_context is not None and self.public_context.search(" ".join(before_words[-4:])):
            return False
        # "the Sainsbury family" is a family, though "Sainsbury's" is a shop.
        family = len(words) == 1 and _FAMILY_AFTER.match(text, end) is not None
        if self.gazetteer and not titled and not family:
            # A one-word entry inside a longer name with a first name of its own is a
            # person's surname: "Lucy Costa", "Tom Greggs" (but "Costa Gorleston" is a shop).
            if any(entry <= parts and not (len(entry) == 1 and len(parts) > 1 and any(
                    is_given(p, self._given()) for p in parts - entry)) and not (
                    len(entry) == 1 and self._particle_before(text, start, end, entry))
                    for entry in self.gazetteer):
                return False
            if self.gazetteer_text is not None and any(
                ((m.start() < end and start < m.end()
                  and self._inside(text, m.start(), m.end(), start, end))
                 # "Peppa Pig and George", "Alexa, Siri and Google": a name listed with
                 # characters or brands is one of them; a full name is not ("thanks to
                 # Tesco and Hannah Pryce").
                 or (_listed_with(text, m.start(), m.end(), start, end)
                     and not (len(words) > 1 and is_given(words[0], self._all_given()))))
                # "Zelia da Costa": after a particle, a firm's word is a surname
                and not self._after_particle(text, m.start())
                for m in self.gazetteer_text.finditer(text, max(0, start - 40), end + 40)
            ):
                return False
        if self._firm_or_character(doc, text, start, end, words, before_words, titled,
                                   shape=need_cue is not False):
            return False
        if self.work_words is not None:
            near = " ".join(before_words[-6:]) + " " + " ".join(
                _LETTERS.findall(text[end:end + 20])[:1])
            # "Patient story: Lakshmi Subramaniam was diagnosed ...": a story's or a film's
            # characters are never admitted or diagnosed; a patient is.
            if self.work_words.search(near) and not (
                    self.patient is not None and self.patient.after is not None
                    and self.patient.after.match(text[end:end + 80])):
                return False
        if self._names_a_thing(text, end, before_words) or self._names_a_work(text, start, end):
            return False
        if not titled and _joined_to_a_word(text, end):
            return False
        consented = _consented(ctx, text)
        if matches_any(span, consented, alone=True) or self._public_figure(span, allow.people):
            return False
        if consented and len(words) > 1:
            # "Mum Chantelle", "Housekeeper Val", "Aunty Bev": a relation or a role written
            # before a consented person's name is not part of it (the words of the roles'
            # ``before`` lists and of not_names); the rest must still match an entry.
            lead = 0
            while lead < len(words) - 1 and self._leading_word(words[lead]):
                lead += 1
            if lead and matches_any(" ".join(words[lead:]), consented, alone=True):
                return False
        # What is said before a list of names is said of each ("Thank you to Wenna Trelawny
        # and Bogdan Ciobanu"): the names listed before this one are passed over.
        cue_words = _LETTERS.findall(_NAMES_BEFORE.sub("", before)) if _NAMES_BEFORE.search(
            before) else before_words
        answered = ctx.post.reply_to if reply else None
        # Spoken to, not about: a greeting before the name ("Congratulations Chloe!"), or the
        # name set off at the end of a clause ("Thank you so much, Derek.").
        after = text[end:end + 1]
        greets = (bool(_GREETING.fullmatch(before)) and (
            bool(before.strip()) or after in (",", "!", ":"))) or (
            before.rstrip().endswith(",") and (after in ("", ",", "!", ".", "?") or after.isspace()
                                               and not text[end:].strip(" \t")[:1].isalnum()))
        if (answered is not None and answered.author and greets
                and matches_any(span, (name_parts(answered.author),), greeting=True)
                and not (self.reply_details is not None and self.reply_details.search(text))):
            return False  # "Hi Sarah, ..." to Sarah Miles: greeting the person being answered
        if (answered is not None and answered.author
                and not (self.reply_details is not None and self.reply_details.search(text))
                and _opening_greeting(text, start, end, answered.author)):
            return False  # "Olá Joaquim!", "Kia ora Wiremu,": a greeting in another language
        if (casual or shouted) and not titled:
            # No capital to go on: only with a person cue ("thanks to sharon", "meet bev").
            return need_cue is None or self._person_cue(text, end, cue_words, [])
        if need_cue is not False and not titled and parts & self.not_names:
            return False  # "Wickes Lowestoft": a name no list knows beside a place is a business
        if need_cue and not titled and not self._person_cue(text, end, cue_words, []):
            return False  # a name no list knows, with nothing only people have near it
        return self._looks_private(text, start, end, parts, words, cue_words, titled,
                                   cue=need_cue is not None)

    def _leading_word(self, word: str) -> bool:
        """Whether a word before a name is a relation or a role, not part of the name."""
        if word.casefold() in self.not_names:
            return True
        return any(role is not None and role.before is not None and role.before.fullmatch(word)
                   for role in (self.staff, self.patient))

    def _firm_or_character(self, doc: Any, text: str, start: int, end: int, words: Sequence[str],
                           before_words: Sequence[str], titled: bool, shape: bool = False) -> bool:
        """Whether the span is a business, a brand or a character, not a person: inside a
        name of the shared vocabulary ("Ben & Jerry's", "Mr Tickle"), a titled ordinary
        word or a name "from Paw Patrol" in a post about a franchise, or a word no first
        name list has, written as a firm is ("donated by Hovis", "Hovis loaves",
        "Jeremy from Hovis", "Jarrold & Sons", or the model's ORGANISATION after thanks)."""
        if self._orgs is None:
            self._orgs = _organisations(self._org_lists)
        orgs = self._orgs
        lo, hi = max(0, start - 60), min(len(text), end + 60)
        if orgs.characters is not None and any(
                m.start() < end and start < m.end() and self._inside(text, m.start(), m.end(), start, end)
                for m in orgs.characters.finditer(text, lo, hi)):
            return True
        core = [w for w in words if w.casefold().rstrip(".") not in TITLES]
        if not core:
            return False
        if orgs.franchises is not None and orgs.franchises.search(text):
            # "Mr Bump and Little Miss Giggles", "Chase and Skye from Paw Patrol"
            common = common_words()
            if (titled or len(words) > len(core)) and all(
                    w.casefold() in common and not is_given(w, self._all_given())
                    and not is_surname(w.casefold()) for w in core):
                return True
            tail = _FROM_FRANCHISE.match(text, end)
            if tail and orgs.franchises.match(text, tail.end()):
                return True
            head = _FRANCHISE_OWN.search(text, max(0, start - 4), start)
            if head and any(m.end() == head.start() for m in orgs.franchises.finditer(text, lo, start)):
                return True  # "Paw Patrol's Chase"
        if orgs.names is not None and any(
                m.start() <= start < m.end() and self._inside(text, m.start(), m.end(), start, end)
                and m.group(0).split()[0].casefold().rstrip(".") in TITLES
                for m in orgs.names.finditer(text, lo, hi)):
            return True  # "Mr Kipling", "Dr. Martens", "Dr Barnardo's": a listed brand with its title
        if titled:
            return False
        family = len(words) == 1 and _FAMILY_AFTER.match(text, end) is not None
        if orgs.names is not None and not family and any(
                m.start() < end and start < m.end() and self._inside(text, m.start(), m.end(), start, end)
                and not self._after_particle(text, m.start())
                for m in orgs.names.finditer(text, lo, hi)):
            return True
        if orgs.after is not None and orgs.after.match(text, end):
            return True  # "Jarrold & Sons", "Kemp Ltd"
        pair = _AMPERSAND_PAIR.search(text, max(0, start - 30), min(len(text), end + 30))
        if pair and pair.start() <= start and end <= pair.end():
            return True  # "Ben & Jerry's", "Fortnum & Mason's": a firm, not two people
        if any(is_given(w, self._all_given()) for w in core):
            return False  # "thanks to Maureen from the League of Friends"
        if (len(words) <= 3 and _firm_plural(words[0])
                and not _THE_BEFORE.search(text, max(0, start - 5), start)
                and not _FAMILY_AFTER.match(text, end)):
            return True  # "thanks to Pettitts", "Arnolds Keys": a firm by its founders' name
        shop = _OWNS.match(text, end)
        if shop and (shop.group(1).casefold() in self.trades or shop.group(1).casefold() in _SHOPS):
            return True  # "Pettigrew's bakery": a shop named after its owner, who has no first name here
        if orgs.before is not None and _ends_with(orgs.before, before_words[-4:]):
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
                    and orgs.org_vote_before is not None and _ends_with(orgs.org_vote_before, before_words[-4:])
                    and _thanked_for_goods(text, end, orgs.products)):
                return True
            # "Thanks to Harwick for the new hoists! Their engineers fitted ...": one word no
            # first-name list has, thanked, then spoken of as a firm is, by its staff or vans.
            if (len(core) == 1 and len(words) == 1 and orgs.org_vote_before is not None
                    and _ends_with(orgs.org_vote_before, before_words[-4:])
                    and _spoken_of_as_a_firm(text, end, orgs.products)):
                return True
        if doc is not None and orgs.org_vote_before is not None and hasattr(doc, "ents") and _ends_with(
                orgs.org_vote_before, before_words[-4:]):
            # Not a list the model read as one firm: "thanks to Eleri & Bartosz".
            return any(e.label_ == "ORG" and e.start_char < end and start < e.end_char
                       and not _LISTED.search(e.text) for e in doc.ents)
        return False

    def _public_figure(self, span: str, people: Sequence[frozenset[str]]) -> bool:
        """Whether a mention is an allow-listed public figure: by full name or surname, not
        by a first name alone ("Sister Mary" is not Mary Seacole)."""
        parts = name_parts(span)
        if len(parts) == 1 and is_given(next(iter(parts)), self._all_given()):
            return any(parts == entry for entry in people)
        return matches_any(span, people)

    def _after_particle(self, text: str, at: int) -> bool:
        """Whether a firm's or a place's word follows a surname's particle in lower case and
        is a surname ("Zelia da Costa", "Domingos dos Santos"), not the firm."""
        before = _LETTERS.findall(text[max(0, at - 6):at])
        return bool(before) and before[-1].islower() and before[-1] in self.particles

    def _particle_before(self, text: str, start: int, end: int, entry: frozenset[str]) -> bool:
        """Whether the span's word that is a listed name follows a particle ("da Costa")."""
        for word in _NAME_WORD.finditer(text, start, end):
            if word.group(0).casefold() in entry:
                return self._after_particle(text, word.start())
        return False

    def _inside(self, text: str, m_start: int, m_end: int, start: int, end: int) -> bool:
        """Whether a span overlapping a firm's or a character's name is part of it: it
        lies inside, or what it has outside the name is no first name ("Sainsbury's",
        not "Jane Sainsbury")."""
        if m_start <= start and end <= m_end:
            return True
        outside = _NAME_WORD.findall(text[start:max(start, m_start)] + " " + text[min(end, m_end):end])
        return not any(is_given(w, self._all_given()) for w in outside)

    def _rare_or_given(self, word: str) -> bool:
        """Whether a lower-case word after a title is a name: a first name, or a word
        that is rare even on the web ("okonkwo"; not "practitioner", "ward", "about")."""
        from ..text.words import is_frequent

        if _CONTRACTION.search(word):
            return False  # "the charge nurse aren't speaking"
        folded = word.casefold()
        return is_given(word, self._given()) or not (
            is_frequent(folded) or is_frequent(folded.replace("'", "").replace("’", "")))

    def _known_name(self, words: Sequence[str]) -> bool:
        """Whether words typed in capitals are a name the lists know: titles, then a
        first name (not one that is also a word), then first names or surnames."""
        core = [w for w in words if w.casefold().rstrip(".") not in TITLES]
        return bool(core) and is_given(core[0], self._given()) and all(
            is_given(w, self._all_given()) or is_surname(w.casefold()) for w in core[1:])

    def _looks_private(self, text: str, start: int, end: int, parts: frozenset[str],
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
        core = [_bare(w) for w in words[len(leading):]]
        if not core:
            return False
        common = common_words()
        given = self._all_given()
        # Every word of a name is a name or at least no ordinary word: "Nurse Practitioner",
        # "Know Your Numbers", "Clinical Nurse Educators" have ordinary words in them.
        # Ordinary words may only be a role before a first name ("Nurse Practitioner Sam
        # Cooper", "Deputy Director Jane Smith").
        ordinary = [w.casefold() in common and w.casefold() not in given
                    and not is_surname(w.casefold())
                    # an initial: "Dr A. K. Okonjo", "Sarah B from pharmacy"
                    # or "T. Okonjo" (an initial before a surname; "A" and "I" are words)
                    and not (len(w) == 1 and w.isupper() and (
                        titled or leading or i > 0 or (len(core) > 1 and w not in ("A", "I"))))
                    and not (i < len(core) - 1 and (i > 0 or leading or titled) and w.islower()
                             and w.casefold() in self.particles)
                    for i, w in enumerate(core)]
        # "thanks to Lisa Onions", "owner Steve Pitchers": a first name (not one that is also
        # a word), then a surname that is an English word no census list has, beside
        # something only people have, or after a private title ("Mrs Edith Pocket").
        private_title = bool(leading) and all(w.casefold().rstrip(".") in PRIVATE_TITLES
                                              for w in leading)
        surname_word = (len(core) == 2 and ordinary == [False, True]
                        and is_given(core[0], self._given())
                        and (private_title or not leading
                             and self._person_cue(text, end, before_words, leading)))
        if any(ordinary) and not surname_word:
            last = max(i for i, o in enumerate(ordinary) if o)
            rest = core[last + 1:]
            # A role of several words, one of them also a surname ("Leading Helm Aled
            # Pryce-Morgan", "Watch Manager Bryn Evans"): dictionary words up to a first name.
            # A role word the staff list knows is set aside too ("Superintendent
            # Radiographer Wojciech Nowak"), and counts as a title below.
            role_before = self._leading_word(core[last])
            while len(rest) > 2 and (rest[0].casefold() in common and not is_given(rest[0], self._given())
                                     or self._leading_word(rest[0])):
                role_before = role_before or self._leading_word(rest[0])
                rest = rest[1:]
            # After a staff title, a name of two words no dictionary has is one too
            # ("Advanced Nurse Practitioner Tamsin Frary").
            rare_after_title = bool(leading or titled or role_before) and len(
                rest) > 1 and not any(w.casefold() in common for w in rest)
            if not rest or not (is_given(rest[0], self._given())
                                or (len(rest) > 1 and is_given(rest[0], self._all_given()))
                                or rare_after_title):
                return False
            core = rest
        if titled:
            return True
        first = core[0]
        if len(core) > 1 and is_given(first, self._all_given()):
            return True  # "Margaret Thompson", "Eve Smith"
        if len(core) == 1 and is_given(first, self._given()):
            return True
        if len(core) > 1 and any(w.casefold() not in common for w in core):
            return True  # the model's PERSON on a name no dictionary has: "Ngozi Okafor"
        return not cue or self._person_cue(text, end, before_words, leading)

    def _person_cue(self, text: str, end: int, before_words: Sequence[str],
                    leading: Sequence[str]) -> bool:
        """Something only people have next to the span: thanks, a welcome, an age, "who"."""
        context = " ".join([*before_words[-5:], *leading])
        if self.cues_before is not None and self.cues_before.search(context):
            return True
        # A role written just before the name ("Physiotherapy assistant Nguyen Thi Lan").
        for role in (self.staff, self.patient):
            if role is not None and role.before is not None and _ends_with(role.before, before_words[-3:]):
                return True
        # What only a patient has after their name (" was admitted", "'s mum", ", 71,"),
        # a department, a person's verb. (The staff role's phrases after a name are too
        # loose to make one on their own.)
        return self._cue_after(text, end)

    def _cue_after(self, text: str, end: int) -> bool:
        """Something only people have written just after a name ("Mo on the reception desk",
        " who", ", 71,")."""
        if _WORKPLACE_AFTER.match(text, end, min(len(text), end + 80)):
            return True
        if self.patient is not None and self.patient.after is not None and (
                self.patient.after.match(text[end:end + 80])):
            return True
        return bool(self.cues_after is not None and self.cues_after.match(text[end:end + 80]))

    def _names_a_thing(self, text: str, end: int, before_words: Sequence[str]) -> bool:
        """Whether the name is given to an animal, a mascot, a mannequin or an appeal
        ("our therapy dog, Molly", "Little Stars, our children's ward appeal")."""
        if self.thing_before is not None and _ends_with(self.thing_before, before_words[-3:]):
            return True
        return bool(self.thing_after is not None and self.thing_after.match(text[end:end + 80]))

    def _names_a_work(self, text: str, start: int, end: int) -> bool:
        """Whether the name is a song's, a film's, a book's or an app's title: quoted with
        only capitalised words ("“Hey Jude”") in a sentence about songs or films, or in a
        list of capitalised titles opened by such a word ("playlist: Roxanne, Layla and
        ...", "apps such as ZOE and Flo"). A patient's own words in quotes are sentences
        with lower-case words, and stay read as people."""
        if self.works is None:
            return False
        before = _SENTENCE_END.split(text[max(0, start - 120):start])[-1]
        quoted = _OPEN_TITLE.search(before)
        if quoted and _CLOSE_TITLE.match(text, end) and self.works.search(text):
            return True
        # A list of two titles or more: "song leader: Jane Smith" is one person.
        listed = bool(_TITLE_NEXT.match(text, end))
        for intro in self.works.finditer(before):
            rest = before[intro.end():]
            opened = _LIST_OPENING.match(rest) or _WORKS_OF.match(rest)
            if opened and _TITLE_LIST.fullmatch(rest, opened.end()) and (
                    listed or rest[opened.end():].strip()):
                return True
        return False

    def _all_given(self) -> frozenset[str]:
        """First names including those that are also words ("Eve", "Grace"): enough
        before a surname, not alone."""
        if self._known_cache is None:
            self._known_cache = given_names(self._extra_given, self._also_words, with_words=True)
        return self._known_cache


@dataclass(frozen=True)
class _NameList:
    """A long list of names matched whole, case-insensitively. Only the names whose
    every word is near the span are compiled, when asked: one pattern of the whole
    list costs about 90 ms to compile, a few names almost nothing."""

    names: tuple[str, ...]
    words: tuple[frozenset[str], ...]
    by_word: Mapping[str, tuple[int, ...]]

    @classmethod
    def of(cls, names: Sequence[str]) -> _NameList:
        words = tuple(frozenset(_WORDS.findall(n.casefold())) for n in names)
        by_word: dict[str, list[int]] = {}
        for i, ws in enumerate(words):
            for w in ws:
                by_word.setdefault(w, []).append(i)
        return cls(tuple(names), words, {w: tuple(i) for w, i in by_word.items()})

    def finditer(self, text: str, lo: int, hi: int) -> Iterable[Any]:
        near = frozenset(_WORDS.findall(text[lo:hi].casefold()))
        found = sorted({i for w in near for i in self.by_word.get(w, ()) if self.words[i] <= near})
        if not found:
            return ()
        pattern: Any = _phrases([self.names[i] for i in found])
        matches: Iterable[Any] = pattern.finditer(text, lo, hi)
        return matches


@dataclass(frozen=True)
class _Organisations:
    """What tells a firm, a brand or a character from a person (the ``organisations``
    option): names of the shared vocabulary and the contexts firms are written in."""

    names: Any = None
    characters: Any = None
    franchises: Any = None
    before: Any = None
    after: Any = None
    products: Any = None
    org_vote_before: Any = None
    works_before: Any = None


def _organisation_lists(spec: Any, build: BuildContext) -> dict[str, tuple[str, ...]]:
    """The ``organisations`` option's lists, ``{{name}}`` items spliced in; its ``after``
    patterns are compiled here once, so a bad one is reported when the rule loads."""
    if not isinstance(spec, Mapping):
        raise spec_error(build, "organisations", "organisations has lists of names and contexts")
    lists = {str(key): tuple(expand_items(spec.get(key) or [], {}, build.vocab)) for key in spec}
    for pattern in lists.get("after", ()):
        try:
            compile_regex(pattern)
        except regex.error as exc:
            raise spec_error(build, "organisations",
                             f"after: '{pattern}' is not a valid regular expression ({exc})") from None
    return lists


def _organisations(lists: Mapping[str, Sequence[str]]) -> _Organisations:
    def compiled(key: str) -> Any:
        return _phrases(lists[key]) if lists.get(key) else None

    franchises = lists.get("franchises") or ()
    after = lists.get("after") or ()
    products = lists.get("products") or ()
    return _Organisations(
        names=_NameList.of(lists["names"]) if lists.get("names") else None,
        characters=_NameList.of(lists["characters"]) if lists.get("characters") else None,
        # Matched as written: "Frozen" and "Cars" are films, "frozen" and "cars" are not.
        franchises=_phrases(franchises, ignore_case=False) if franchises else None,
        before=compiled("before"),
        after=compile_regex("|".join(f"(?:{p})" for p in after)) if after else None,
        products=compile_regex(r"\s+(?:[\p{Ll}-]+\s+)?(?:" + _phrases(products).pattern + ")",
                               regex.IGNORECASE) if products else None,
        org_vote_before=compiled("org_vote_before"),
        works_before=compiled("works_before"),
    )


def _family_plural(word: str) -> bool:
    """Whether "the <word>" names a family by its surname: a plural rare even on the web
    ("Patels", "Hendersons", "Okonkwos"; not "Samaritans", "Walkers", "Vikings"), of a
    surname of the census list or of a word that is rare too."""
    from ..text.words import is_frequent

    plural = word.casefold()
    if is_frequent(plural):
        return False
    stems = [plural[:-1]] + ([plural[:-2]] if plural.endswith("es") else [])
    if any(is_frequent(stem) and not is_surname(stem) for stem in stems):
        return False  # "the Lionesses", "the Canaries": a word's plural, a team or a group
    return any(is_surname(stem) or not is_frequent(stem) for stem in stems)


def _firm_plural(word: str) -> bool:
    """Whether a word alone is a surname made plural, as a family firm is named
    ("Pettitts", "Rackhams"; not "Jones", a surname itself, nor "Kostas", no plural)."""
    from ..text.words import is_frequent

    plural = word.casefold()
    if not plural.endswith("s") or len(plural) < 5 or is_surname(plural) or is_frequent(plural):
        return False
    return is_surname(plural[:-1])


def _shouted(text: str, start: int, end: int) -> bool:
    """Whether the sentence around a span is typed in capitals: no lower-case letter, and
    three words or more, or two ending in "!" ("CONGRATS NADINE!!!")."""
    before = _SENTENCE_END.split(text[max(0, start - 60):start])[-1]
    tail = regex.split(r"([.!?\n])", text[end:end + 60], maxsplit=1)
    after = tail[0]
    sentence = before + text[start:end] + after
    least = 2 if len(tail) > 1 and tail[1] == "!" else 3
    return not any(c.islower() for c in sentence) and len(_LETTERS.findall(sentence)) >= least


# Where a post's poll or alt text's Doc is kept (by its text) once parsed.
_OTHER_DOC = "pii-other-doc"
# Recognizers whose results are matches of their ``patterns`` (kept, rescored or dropped
# afterwards), and those that find only phone numbers, which are digits.
_PATTERN_CLASSES = frozenset({"ContextPatternRecognizer", "NhsNumberRecognizer",
                              "PersonalEmailRecognizer"})
_DIGIT_CLASSES = frozenset({"PrivatePhoneRecognizer"})
_DIGIT = regex.compile(r"\d")
# Per entity, in the rule's order: None (its recognizers may find something anywhere),
# or one (needs a digit, needs one of these case-folded strings or None) per pattern.
_Prerequisites = tuple[tuple[str, "tuple[tuple[bool, tuple[str, ...] | None], ...] | None"], ...]


def _prerequisites(definitions: Sequence[Mapping[str, Any]], entities: Sequence[str]) -> _Prerequisites:
    """What a text must hold for each entity's recognizers to find anything in it."""
    from ..literals import needs_digit, required_literals

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


def _sources(ctx: PostContext) -> list[tuple[str | None, str, bool]]:
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


def _reads_as_a_thing(doc: Any, text: str, start: int, end: int, language: Language | None = None) -> bool:
    """Whether a name no list knows is written as a place or a thing's name is: after
    "the" ("the Rotarians of Bungay"), before ", where" ("Welcome to Shotesham, where"),
    a single word with an English place name's ending ("Sizewell", "Northgate"), or
    a word put before a noun ("Tiktok users", "Lowestoft Lions stall")."""
    if _THE_BEFORE.search(text, max(0, start - 5), start) or _WHERE_AFTER.match(text, end):
        return True
    if _MOVED_TO.search(text, max(0, start - 40), start):
        return True  # "transferred to Papworth", "airlifted to Stanmore": a hospital
    word = text[start:end]
    if " " not in word and _PLACE_ENDING.search(word):
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


_A_PERSON_HAS_TOO = frozenset({"team", "colleagues", "volunteers", "flowers", "cakes", "cake"})


# "their" or "its" (the goods pattern takes one describing word: "Their delivery crew").
_THEIR = regex.compile(r"\b(?i:their|its)\b")


def _joined_to_a_word(text: str, end: int) -> bool:
    """Whether a name is made part of a word by a hyphen, as a thing named after someone
    is ("our Jenny Lind-funded equipment", "a Nightingale-style ward"), not a person."""
    # ("a Barnaby Cole-led choir" is led by a person)
    return _THING_SUFFIX.match(text, end - 1 if text[end - 1:end] == "-" else end) is not None


def _listed_with(text: str, start: int, end: int, name_start: int, name_end: int) -> bool:
    """Whether a name (``name_start``, ``name_end``) is listed with the thing at (``start``,
    ``end``): joined by "and" or "&", or by a comma in a list of three or more ("Alexa,
    Siri and Google"; not "the James Paget, Linda Cartwright ...")."""
    first, second = ((start, end), (name_start, name_end)) if end <= name_start else (
        (name_start, name_end), (start, end))
    joint = _LISTED.fullmatch(text, first[1], second[0])
    if not joint:
        return False
    if "," not in joint.group(0):
        return True
    return bool(_LIST_GOES_ON.match(text, second[1]) or _LIST_WENT_BEFORE.search(text, 0, first[0]))


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
        for w in _NAME_WORD.findall(text[opening.start(1):opening.end(1)]))


# A reply's opening: a few words (a greeting), then a name set off by punctuation.
_OPENING_WORDS = regex.compile(
    r"\s*((?:[\p{L}'’]+[ \t]+){1,3}?)(\p{Lu}[\p{L}'’\-]*(?:[ \t]+\p{Lu}[\p{L}'’\-]*)?)\s*[,!:]")
# Words that say the opening is about someone, not to them ("Thanks to Jane and ...").
_NOT_GREETING = frozenset({"to", "for", "and", "with", "from", "by", "of", "about", "your", "my", "our"})


def _ends_with(phrases: Any, words: Sequence[str]) -> bool:
    """Whether one of ``phrases`` is the last thing written in ``words``."""
    joined = " ".join(words)
    return any(m.end() == len(joined) for m in phrases.finditer(joined))


def _apposition(things: Mapping[str, Any]) -> Any:
    """", our children's ward appeal", ", the teddy bear mascot": a name set beside a
    thing, not a person (but ", the dog walker who ..." is a person)."""
    not_after = "|".join(regex.escape(str(w)) for w in things.get("not_after") or []) or "$^"
    # Without a comma only an animal or a mascot ("Buster the therapy dog"): "Jane the
    # volunteer who runs our charity shop" is a person.
    animals = _phrases(things["before"]).pattern if things.get("before") else "$^"
    # "Bobby's, the bereavement charity"; "The Ellen Mary, Lowestoft's oldest trawler".
    return compile_regex(
        rf"(?:(?:['’]s)?\s*,\s*(?:the|our|a|an|its|their|(?-i:\p{{Lu}})[\w\-]*(?:\s+(?-i:\p{{Lu}})[\w\-]*){{0,2}}['’]s)"
        rf"\s+(?:[\w'’\-]+\s+){{0,4}}?"
        rf"(?:{_phrases(things['after']).pattern})"
        # ... but not one whose word for a thing goes on to a role, one word on at most
        # (", our charity fundraising manager")
        rf"|\s+the\s+(?:[\w'’\-]+\s+){{0,2}}?(?:{animals})"
        # "Welcome back Gracie! Our therapy dog has ...": what it is, said first thing after
        rf"|\s*[!.]+\s+(?:our|the|this|she's|he's|she\s+is|he\s+is)\s+(?:[\w'’\-]+\s+){{0,2}}?(?:{animals})\b)"
        rf"(?!\s+(?:[\w'’\-]+\s+)?(?:{not_after})\b)",
        regex.IGNORECASE)


def _hashtag_pattern(tags: Mapping[str, Any]) -> Any:
    """A hashtag that rallies round one person: a word before the name ("#TeamOscar",
    "#PrayForMaisie") or after it ("#MaisiesFight", "#OscarStrong"); group 1 or 2 is the name."""
    before = "|".join(regex.escape(str(w)) for w in tags.get("before") or []) or "$^"
    after = "|".join(regex.escape(str(w)) for w in tags.get("after") or []) or "$^"
    # Besides the listed words, any verb before "With" or "For" ("#SwimWithSenait", "#BakeForBea").
    return compile_regex(
        rf"(?<![\p{{L}}\p{{N}}_])#(?:(?:{before}|\p{{Lu}}\p{{Ll}}+(?:With|For))(\p{{Lu}}\p{{Ll}}+)(?![\p{{L}}\p{{N}}_])"
        rf"|(\p{{Lu}}\p{{Ll}}+?)(?:['’]?s)?(?:{after})(?![\p{{Ll}}\p{{N}}_]))")


def _with(hit: Hit, severity: str | None, message: str | None) -> Hit:
    return Hit(hit.start, hit.end, evidence=hit.evidence, personal=True, tag=hit.tag,
               severity=severity, message=message)


def _same_person_once(hits: list[Hit]) -> list[Hit]:
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


def _bare(word: str) -> str:
    """A word without its possessive ("Jane's" -> "Jane")."""
    return word[:-2] if word.endswith(("'s", "’s")) else word


def _resolve(results: Sequence[Any], order: Sequence[str]) -> list[Any]:
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
        elif result.recognition_metadata.get(_NEEDS_EVIDENCE):
            continue  # a name shape never widens what a list or the model found
        elif clash.entity_type == result.entity_type == NAME_ENTITY:
            clash.start = min(clash.start, result.start)
            clash.end = max(clash.end, result.end)
    return sorted(kept, key=lambda r: r.start)


def _split_listed(text: str, results: Sequence[Any]) -> list[Any]:
    """The model's one PERSON span over a list of full names ("Wenna Trelawny and Bogdan
    Ciobanu"): one result per name, so each is read (and matched with a consent entry) on its
    own. Only full names of two words or more on every side: "Marks and Spencer" and "Tom
    and Jerry" stay whole, and are read as the things they are."""
    out: list[Any] = []
    for result in results:
        span = text[result.start:result.end]
        joints = list(_LISTED.finditer(span)) if result.entity_type == NAME_ENTITY else []
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


def _check_forms(entity: str, patterns: Sequence[Any], build: BuildContext) -> None:
    """A Trust's own forms of an identifier are regular expressions: a broken one stops
    the rules loading, rather than the first post that is checked."""
    for index, pattern in enumerate(patterns):
        try:
            regex.compile(str(pattern))
        except regex.error as exc:
            raise spec_error(build, "patterns_for", f"{entity}[{index}] is not a valid regular "
                             f"expression: {exc}") from None


DETECTOR = PiiDetector
