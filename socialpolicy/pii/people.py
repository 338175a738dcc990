"""What the program knows about how people are named, built once for every reader:
the titles a name carries and the given names of the ``names`` package.

The ``pii`` rule kind, its name recogniser, name matching and output masking all read
these, so a title or a first name means the same to each of them.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path

import regex

# Titles that make the capitalised word after them a private person's surname
# ("Mr Barnes", "Dr Obi").
PRIVATE_TITLES = frozenset({
    "mr", "mrs", "ms", "miss", "mx", "dr", "doctor", "sister", "nurse", "matron", "midwife",
    "prof", "professor", "rev", "revd", "reverend",
    # clergy: "Father Tomasz Kowalczyk", "Imam Yusuf Patel" (a chaplaincy's volunteers)
    "father", "fr", "canon", "pastor", "imam", "rabbi",
})
# Titles the redactor takes as the start of a name after them ("Mrs Olive Parfitt"):
# the private ones, and those of children, councillors and a ward's staff nurse. A
# report shows the title and masks the name (``redact.TitlesAndRoles``).
MASKED_TITLES = PRIVATE_TITLES | {"staff nurse", "cllr", "baby", "master"}
# Every word a name may carry that does not identify anyone: set aside when a mention
# is matched against consent entries and public figures.
TITLES = PRIVATE_TITLES | {
    "sir", "dame", "lady", "lord", "staff", "charge", "sr", "cllr", "councillor", "baby", "master",
}


def title_pattern(titles: frozenset[str] = MASKED_TITLES) -> str:
    """A regular expression for any of ``titles``, any case, with an optional full stop."""
    words = sorted(titles, key=lambda t: (-len(t), t))
    return "(?i:" + "|".join(r"\s+".join(map(regex.escape, t.split())) for t in words) + r")\.?"


# Departments a member of staff is said to work in, named on their own ("Sunny in
# Pharmacy", "Bill from Estates"); read by the name recogniser and the pii kind alike.
DEPARTMENTS = (r"pharmacy|estates|facilities|radiology|pathology|physiotherapy|physio|outpatients|"
               r"theatres|maternity|endoscopy|catering|portering|housekeeping|reception|switchboard|"
               r"audiology|dietetics|cardiology|oncology|haematology|urology|orthopaedics|"
               r"paediatrics|imaging|medical\s+records|payroll|finance|procurement|(?-i:HR|IT|ICU|ITU|A&E|ED)|"
               r"resus|recovery|admissions|discharge|security|chaplaincy|occupational\s+health")
# What a list of names may be said to be: "... are three sisters who all work here".
PEOPLE_NOUNS = (r"sisters|brothers|twins|triplets|siblings|cousins|nurses?|midwives|midwife|doctors?|"
                r"colleagues?|volunteers?|porters?|mums?|dads?|parents|grandparents|friends|"
                r"members\s+of\s+(?:our|the)\s+\w+")


# After a name: a department named on its own ("Holly in Radiology"), or a list of names
# said to be people ("Grace and Joy are twin sisters"). Matched case-insensitively.
WORKPLACE_OR_PEOPLE_AFTER = (
    rf"\s+(?:from|in|on|at)\s+(?:(?:{DEPARTMENTS})\b|(?:the|our)\s+(?:[\w&-]+\s+){{0,2}}?"
    rf"(?:{DEPARTMENTS}|desk|department|lounge|office)\b)"
    r"|(?:\s*(?:,|and|&)\s*\p{Lu}\p{Ll}+)*\s*(?:\([^()\n]{0,30}\))?\s+(?:are|were|is|was)\s+"
    r"(?:(?:all|both|two|three|four|five|six|our|the|a|an|twin|identical|fellow|proud|\w+ly)\s+){0,3}"
    rf"(?:{PEOPLE_NOUNS})\b")

# A staff role written just before a name in lower case ("our physio tamsin trewhella
# WHO ...", "our volunteer driver ron pettifer, who ..."): group 1 is the name, one or two
# words, followed by "who" or a comma.
ROLE_THEN_LOWER_NAME = (
    r"(?<=(?<![\p{L}])(?i:our|the|a)\s+(?:[\p{Ll}-]+\s+){0,2}?(?i:porter|physio|physiotherapist|nurse|"
    r"volunteer|driver|midwife|cleaner|receptionist|housekeeper|chaplain|pharmacist|radiographer|"
    r"consultant|surgeon|doctor|clerk|hca|paramedic|apprentice|colleague|sister|matron|manager|"
    r"therapist|chef|technician|assistant|sonographer|phlebotomist|administrator|secretary)\s+)"
    r"(\p{Ll}{3,}(?:[ \t]+\p{Ll}{3,})?)(?=\s*,|\s+(?i:who)\b)")

# What only a person has, written just after their name ("nikki's last day", "dev's
# leaving do"): read by the name recogniser and the pii kind for a first name in lower case.
# "his wife, June,", "my daughter Grace": a relation written just before a first name.
RELATION_BEFORE = (r"(?<![\p{L}])(?i:wife|husband|partner|mum|mother|dad|father|son|daughter|sister|"
                   r"brother|nan|nana|gran|granny|grandma|grandad|grandson|granddaughter|niece|nephew|"
                   r"aunt|auntie|aunty|uncle|cousin|fiancée|fiancee|fiancé|fiance)[ \t]*,?[ \t]+$")
LIFE_EVENT_AFTER = (r"['’]s\s+(?:last|first)\s+(?:day|shift|week)\b"
                    r"|['’]s\s+(?:leaving|retirement|birthday|farewell|wedding)\b")

# Thanks or a welcome just before a name typed in capitals ("BIG SHOUT OUT TO CHIDINMA",
# "WELL DONE TO WIKTORIA AND ..."): enough for a word rare even on the web to be a name.
SHOUTED_THANKS_BEFORE = (
    r"(?i:\b(?:thanks?\s+(?:you\s+)?to|shout\s*-?\s*out\s+to|well\s+done(?:\s+to)?|"
    r"congratulations(?:\s+to)?|congrats(?:\s+to)?|especially|welcome(?:\s+to)?))"
    # "PLEASE WELCOME OUR NEW HOUSEKEEPER ...": a staff role between the welcome and the name
    r"(?:\s+(?:OUR|THE)\s+(?:\p{Lu}+\s+){0,2}?(?:PORTER|PHYSIO|NURSE|VOLUNTEER|DRIVER|MIDWIFE|CLEANER|"
    r"RECEPTIONIST|HOUSEKEEPER|CHAPLAIN|PHARMACIST|RADIOGRAPHER|CONSULTANT|SURGEON|DOCTOR|CLERK|HCA|"
    r"PARAMEDIC|APPRENTICE|COLLEAGUE|SISTER|MATRON|MANAGER|THERAPIST|CHEF|TECHNICIAN|ASSISTANT|"
    r"SONOGRAPHER|PHLEBOTOMIST|ADMINISTRATOR|SECRETARY)S?)?"
    r"\s+(?:\p{Lu}+\s*(?:,|AND|&)\s*){0,3}$")

_SHOUTED_THANKS = regex.compile(SHOUTED_THANKS_BEFORE)
_FIRST_COLUMN = regex.compile(r"^[ \t]*(\S+)", regex.MULTILINE)


def fold_name(word: str) -> str:
    """A word as the name lists hold it: casefolded, accents and apostrophes gone
    ("Siobhán" -> "siobhan", "D’Arcy" -> "darcy")."""
    text = unicodedata.normalize("NFKD", word)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return text.replace("’", "").replace("'", "")


def is_given(word: str, names: frozenset[str]) -> bool:
    """Whether a word is a first name of the list: accents folded ("Seán"), and a
    double-barrelled one ("Jo-Anne", "Mary-Beth") when each of its parts is."""
    folded = fold_name(word)
    if folded in names:
        return True
    parts = folded.split("-")
    return len(parts) > 1 and all(part in names for part in parts)


@lru_cache(maxsize=16)
def given_names(
    extra: frozenset[str] = frozenset(), words: frozenset[str] = frozenset(), *, with_words: bool = False,
) -> frozenset[str]:
    """First names (casefolded, accents folded): the ``names`` package's US census lists
    (empty if it is missing), the lists of ``SHIPPED_NAME_LISTS`` (the first names of the
    communities largest among NHS patients and staff, and those given to babies in England
    and Wales; see their headers) and a Trust's ``extra`` ones. Names that are also ordinary ``words`` ("Grace", "Eve") are
    left out, unless ``with_words`` (enough before a surname, not alone). Built once per
    set of arguments, however many detectors ask."""
    base = _package_names(("dist.female.first", "dist.male.first")) | _shipped_names() | extra
    return base | words if with_words else base - words


@lru_cache(maxsize=1)
def recognizer_names() -> frozenset[str]:
    """The ``extra_names`` of the shipped name recognizer (socialpolicy/pii/recognizers.yaml):
    first names the lists above lack ("Bukola", "Jincy"), so that output masking knows
    them as the pii rule kind does. Read with libyaml when PyYAML has it (its pure-Python
    reader took about 0.06 s of a cold check); not through ``yamlpos``, whose errors
    mask their text with output masking, which imports this module."""
    import yaml

    path = Path(__file__).resolve().parent / "recognizers.yaml"
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader) or {}  # a safe loader
    return frozenset(
        str(name).casefold()
        for item in data.get("recognizers") or [] if isinstance(item, dict)
        for name in item.get("extra_names") or []
    )


# The shipped first-name lists (socialpolicy/data/), each with its source and licence in
# its header: Faker's locales (training/given_names/build.py) and the names given to babies
# in England and Wales since 1996 (ONS, Open Government Licence; training/given_names/ons.py).
SHIPPED_NAME_LISTS = ("given-names.txt", "given-names-ons.txt")


@lru_cache(maxsize=1)
def _shipped_names() -> frozenset[str]:
    folder = Path(__file__).resolve().parent.parent / "data"
    out: set[str] = set()
    for name in SHIPPED_NAME_LISTS:
        lines = (folder / name).read_text(encoding="utf-8").splitlines()
        out.update(line for line in lines if line and not line.startswith("#"))
    return frozenset(out)


@lru_cache(maxsize=2)
def _package_names(filenames: tuple[str, ...]) -> frozenset[str]:
    try:
        from importlib.resources import files

        folder = files("names")
    except (ImportError, ModuleNotFoundError):
        return frozenset()
    out: set[str] = set()
    for filename in filenames:
        try:
            text = folder.joinpath(filename).read_text(encoding="utf-8")
        except OSError:
            continue
        # One name per line, then its frequencies: the first column, in one pass.
        out.update(_FIRST_COLUMN.findall(text.casefold()))
    return frozenset(out)


def shouted_thanks_before(text: str, start: int) -> bool:
    """Whether thanks or a welcome typed in capitals come straight before ``start``
    ("WELL DONE DARREN", "PLEASE WELCOME OUR NEW PORTER ...")."""
    return _SHOUTED_THANKS.search(text, max(0, start - 80), start) is not None


def shouted_rare_name(text: str, start: int, word: str) -> bool:
    """Whether a word typed in capitals no first-name list has is a name: rare even on the
    web, and straight after thanks or a welcome (or after names listed there)."""
    from ..text.words import is_frequent

    return (len(word) > 3 and not is_frequent(word.casefold())
            and _SHOUTED_THANKS.search(text, max(0, start - 80), start) is not None)


# A message quoted inside a post ("Pasted from our inbox: "tell wendell in xray he's a
# legend""): double quotes around at least four words.
_QUOTED = regex.compile(r'["“]([^"“”\n]{12,400})["”]')


def lower_case_quotes(text: str) -> list[tuple[int, int]]:
    """Where a post with capitals quotes a message typed all in lower case (a patient's
    words pasted from an inbox or a card): such a message names people in lower case
    too, as a post typed all in lower case does."""
    if not any(c.isupper() for c in text):
        return []
    return [m.span(1) for m in _QUOTED.finditer(text)
            if not any(c.isupper() for c in m.group(1)) and len(m.group(1).split()) >= 4]
