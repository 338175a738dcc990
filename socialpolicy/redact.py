"""One masking step for every string that leaves the program.

Rules mark the evidence they know to be personal, but a sentence quoted as
medical advice, a media file name, a suppression reason, a post id or an error
message can hold an NHS number or a name that no rule was looking for. So before
anything is printed, written or logged it passes through ``Redactor.redact``,
which finds identifier-shaped text without needing any context, and masks it.

It errs on the side of masking: a fail-safe for output, not a detector. A
seven-digit sum of money may come out starred; an NHS number never comes out
whole. The detectors that decide whether a post *breaks* a rule live in
``socialpolicy.pii`` and are much stricter.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

import regex

from .masking import mask
from .pii.people import title_pattern

# Separators people (and copy-paste) put inside numbers: spaces of every width,
# no-break and zero-width spaces, word joiners, hyphens, dots, brackets (not slashes:
# "290/280" is a count, and dates are judged on their own).
_SEP = r"[\s\u00a0\u2000-\u200d\u2060\ufeff\-.()]"
# Six or more digits (any script: full-width digits count) in one run with
# separators: NHS, hospital and phone numbers, NI number digits, account numbers.
_DIGIT_RUN = rf"\+?\d(?:{_SEP}{{0,3}}\d){{5,}}"
_DATE_NUMERIC = r"(?<!\d)\d{1,4}[/.\-]\d{1,2}[/.\-]\d{2,4}(?!\d)"
_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DATE_WORDS = rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS}\.?,?\s+\d{{4}}\b"
_BIRTH = r"(?:d\.?o\.?b\.?|born|birth(?:day)?|date\s+of\s+birth|aged?)"
# user@host.tld, and the ways people disguise it: [at] (at) {at} _at_, [dot] (dot) _dot_.
# The local part starts where a run of its characters starts (the look-behind), so a
# long run with no @ in it is tried once, not once per character: linear time.
_EMAIL = (
    r"(?<![\w.+\-])[\w.+\-]+?\s*(?:@|\[\s*at\s*\]|\(\s*at\s*\)|\{\s*at\s*\}|_at_)\s*[\w\-]+"
    r"(?:\s*(?:\.|\[\s*dot\s*\]|\(\s*dot\s*\)|\{\s*dot\s*\}|_dot_)\s*[\w\-]+)+"
)
_POSTCODE = r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b"
_NINO = r"\b[A-CEGHJ-PR-TW-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b"
_STREETS = (
    r"(?:road|rd|street|st|avenue|ave|lane|ln|close|way|drive|dr|crescent|gardens|court|"
    r"place|terrace|grove|walk|row|hill|park|square|mews|rise|view|green)"
)
_HOUSE = rf"\b\d{{1,4}}[a-z]?,?\s+(?:[A-Z][\w'’\-]+\s+){{1,3}}(?i:{_STREETS})\b"
# A GB vehicle registration, current ("VN68 PXO"), prefix ("P123 ABC") or suffix ("ABC 123D")
# form, in capitals as written on a plate (the current form typed in lower case too): a
# patient's or a relative's car names its keeper.
_PLATE = (
    r"(?<![\p{L}\p{N}])(?:[A-Z]{2}\d{2}\s?[A-Z]{3}|[a-z]{2}\d{2}\s?[a-z]{3}|[A-Z]\d{1,3}\s?[A-Z]{3}"
    r"|[A-Z]{3}\s?\d{1,3}[A-Z])"
    r"(?![\p{L}\p{N}])"
)
# An IBAN, run together or in groups of four ("GB33 BUKB 2020 1555 5555 55"), in capitals
# as banks print it: its account number is someone's, and the digit rule alone leaves the
# country, check digits and bank code ("G*33BUKB****") standing.
_IBAN = (
    r"(?<![\p{L}\p{N}])[A-Z]{2}\d{2}(?:[A-Z0-9]{11,30}|(?:\x20[A-Z0-9]{4}){2,7}(?:\x20[A-Z0-9]{1,4})?)"
    r"(?![\p{L}\p{N}])"
)
_URL_SECRET = r"(?<=://)[^\s/@]+@|(?<=[?&#])[^\s&#=]+=[^\s&#]*"
_TITLE = title_pattern()
_TITLED_NAME = rf"\b{_TITLE}\s+\p{{Lu}}[\p{{L}}'’\-]+(?:\s+\p{{Lu}}[\p{{L}}'’\-]+)?"
_CAPITALISED = r"\p{Lu}[\p{L}'’\-]+"
# Compiled once: ``regex``'s own cache evicts at random once the rule pack fills it.
_CAPITALISED_WORD = regex.compile(_CAPITALISED)
_YEAR = regex.compile(r"\d{4}")
# A word as a name is written: letters, with inner apostrophes or hyphens ("O'Neill",
# "Smith-Jones"), not part of a handle, a hashtag, a number or an address.
_WORD_WRITTEN = regex.compile(r"(?<![\p{L}\p{N}@#_/.\\])\p{L}+(?:['’\-]\p{L}+)*(?![\p{N}@_/])")
# Photos' and videos' file names, whose words may name the person shown.
_MEDIA_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".gif", ".heic", ".heif", ".webp",
                             ".tif", ".tiff", ".bmp", ".mp4", ".mov", ".m4v", ".avi", ".webm"})
# Longer runs of letters are not a name ("aaaa...", a pasted code): the longest
# hyphenated names are well under this.
_LONGEST_NAME = 30
# Written as a name is: a capital, then small letters ("Okonjo", "O'Neill", "Smith-Jones").
_NAME_SHAPED = regex.compile(r"\p{Lu}(?:\p{Ll}+|(?=['’]\p{Lu}))(?:['’\-]\p{Lu}?\p{Ll}+)*")
_VOWEL = regex.compile(r"[aeiouy]|[^\x00-\x7f]")
_STRETCHED = regex.compile(r"(\p{L})\1{2,}")
# A possessive or a contraction's ending: "Okonjo's", "hasn't", "we'll".
_CONTRACTED = regex.compile(r"(?:n['’]t|['’](?:s|re|ve|ll|d|m))$", regex.I)
# Web and email addresses are judged as a whole by the patterns above, never word by word.
# An email is tried only where a run of non-space characters starts: the same matches
# (a later start in the run can only match if the run's own start does), but a long run
# with no "@" is scanned once, not once from every character (30,000 took 6 s).
_ADDRESSES = regex.compile(r"(?i:https?://|www\.)\S+|(?<!\S)\S+@\S+")

_PATTERNS = regex.compile(
    "|".join(
        f"(?P<{name}>{pattern})"
        for name, pattern in (
            ("email", _EMAIL),
            ("url", _URL_SECRET),
            ("date", f"{_DATE_NUMERIC}|{_DATE_WORDS}"),
            ("nino", _NINO),
            ("digits", _DIGIT_RUN),
            ("postcode", _POSTCODE),
        )
    ),
    regex.I | regex.V0,
)
# Names, streets, number plates and IBANs are told by their capitals, so these are matched with case.
_NAMED = regex.compile(f"(?P<house>{_HOUSE})|(?P<titled>{_TITLED_NAME})|(?P<plate>{_PLATE})"
                       f"|(?P<iban>{_IBAN})", regex.V0)
# In a post typed all in lower case a street has no capitals either ("11 burnt lane").
_HOUSE_CASUAL = regex.compile(_HOUSE, regex.V0 | regex.IGNORECASE)
_BIRTH_BEFORE = regex.compile(rf"{_BIRTH}\W{{0,12}}$", regex.I)
_WORD = regex.compile(r"\p{L}[\p{L}'’]*")
_SURNAME_TAIL = regex.compile(r"(?:[\-'’]\p{L}+)*")
# How far back a date must be before it reads as a date of birth when nothing
# says so: hospital news dates are this year or next; birthdays are decades ago.
_OLD_DATE_YEARS = 5


@dataclass(frozen=True)
class Redactor:
    """Finds identifier-shaped spans in any text.

    ``allowed``: the Trust's own contact details, never masked. ``given_names``:
    casefolded first names; a capitalised given name followed by another
    capitalised word ("Margaret Thompson") reads as a person's name.
    """

    allowed: tuple[str, ...] = ()
    given_names: frozenset[str] = frozenset()
    surnames: Container[str] = frozenset()
    today: date | None = None
    # Whether a lower-case word is ordinary (not a name), and words the rules look for.
    ordinary: Callable[[str], bool] | None = None
    rule_words: frozenset[str] = frozenset()

    def spans(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of every span that could identify someone, merged and sorted."""
        found: list[tuple[int, int]] = []
        safe = self._allowed_spans(text)
        try:
            matches = [*_PATTERNS.finditer(text, timeout=2.0), *_NAMED.finditer(text, timeout=2.0)]
            if not any(c.isupper() for c in text):
                matches.extend(_HOUSE_CASUAL.finditer(text, timeout=2.0))
        except TimeoutError:
            # Every pattern here is linear, so this should never happen; if it does,
            # the safe answer for a fail-safe is to show none of the text.
            return [(0, len(text))]
        for match in matches:
            kind = match.lastgroup or ""
            start, end = match.span()
            if kind == "date" and not self._personal_date(text, match):
                continue
            if any(s <= start and end <= e for s, e in safe):
                continue
            found.append((start, end))
        found.extend(self._name_spans(text))
        return _merge(found)

    def unknown_words(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of every capitalised word no English dictionary has ("Zorvak",
        "Gorleston", "Ramipril"), and in a post typed all in lower case, every such word
        ("okonjo"): a name nobody's list knows looks like this. Used on the text of a post
        before another rule quotes it, so a name that neither the language model nor the
        name lists know is masked too. It over-masks (places, brands, medicines), which a
        quote can bear; a leaked name it cannot. Acronyms ("JPUH") and a lower-case word
        in a post that has capitals ("retweet", "levothyroxine") are left alone: names are
        written with a capital by anyone who writes capitals at all."""
        if self.ordinary is None:
            return []
        casual = not any(c.isupper() for c in text)
        skip = [m.span() for m in _ADDRESSES.finditer(text)]
        out = []
        for match in _WORD_WRITTEN.finditer(text):
            word = match.group(0)
            if len(word) > _LONGEST_NAME or not (casual or _NAME_SHAPED.fullmatch(word)):
                continue
            if skip and any(s <= match.start() < e for s, e in skip):
                continue
            parts = regex.split(r"['’\-]", _CONTRACTED.sub("", word).casefold())
            if any(part and self._unheard_of(part) for part in parts):
                out.append(match.span())
        return out

    def written_spans(self, text: str) -> list[tuple[int, int]]:
        """Identifier shapes in a string a person wrote outside a post (a suppression
        reason, a message's author, a value an error quotes), and, when it is several
        words, every word no dictionary has ("Jane Okafor: she agreed"): a name is masked
        as in a post. A single word (an id, a handle, a misspelt key) is left whole, so a
        message can still say which."""
        spans = self.spans(text)
        if any(c.isspace() for c in text.strip()):
            spans.extend(self.unknown_words(text))
        return spans

    def file_name_words(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of each word no dictionary has in a photo's or video's file name
        ("fenella_quennell_ward7.jpg"): a file named after the person in it is read as a
        post typed in lower case is. Anything else, and the extension, is left alone."""
        stem, dot, suffix = text.rpartition(".")
        if not dot or f".{suffix.lower()}" not in _MEDIA_SUFFIXES:
            return []
        words = regex.sub(r"[_\-.]", " ", stem).lower()
        if len(words) != len(stem):
            return []  # a letter whose lower case is longer: positions would not hold
        return self.unknown_words(words)

    def _unheard_of(self, word: str) -> bool:
        """Whether neither the word, its singular ("radiographers") nor its letters said
        once ("shiiiiit") is ordinary; a word with no vowel ("tmrw", "pls") is text-speak."""
        if not _VOWEL.search(word):
            return False
        forms = {word}
        # Letters said once are an ordinary word said with feeling ("Sooooo"), unless
        # saying them once makes a first name that is no common word ("Nellla" is Nella
        # misspelt, not an exclamation).
        forms |= {form for form in (_STRETCHED.sub(r"\1", word), _STRETCHED.sub(r"\1\1", word))
                  if form not in self.given_names or _is_common(form)}
        if word.endswith("s"):
            forms |= {word[:-1], word[:-2], word[:-3] + "f", word[:-3] + "fe"}
        if forms & self.rule_words:
            return False
        ordinary = self.ordinary
        return ordinary is not None and not any(ordinary(form) for form in forms if form)

    def redact(self, text: str) -> str:
        """``text`` with every identifier-shaped span masked."""
        return apply_masks(text, self.spans(text))

    def _allowed_spans(self, text: str) -> list[tuple[int, int]]:
        out = []
        lowered = text.casefold()
        for contact in self.allowed:
            needle = contact.casefold()
            if not needle:
                continue
            start = lowered.find(needle)
            while start != -1:
                out.append((start, start + len(needle)))
                start = lowered.find(needle, start + 1)
        return out

    def _personal_date(self, text: str, match: regex.Match[str]) -> bool:
        if _BIRTH_BEFORE.search(text[max(0, match.start() - 40):match.start()]):
            return True
        years = [int(y) for y in _YEAR.findall(match.group(0))]
        if not years:
            # dd/mm/yy: a two-digit year says nothing; mask it, as a birth date could be.
            return True
        today = self.today or date.today()
        return years[0] < today.year - _OLD_DATE_YEARS

    def _name_spans(self, text: str) -> Iterable[tuple[int, int]]:
        if not self.given_names:
            return
        words = list(_WORD.finditer(text))
        for first, second in zip(words, words[1:], strict=False):
            between = text[first.end():second.start()]
            if between not in (" ", "_", ".", "-", "\u00a0") and between.strip(" _"):
                continue
            if first.group(0).casefold() not in self.given_names:
                continue
            capitalised = bool(
                _CAPITALISED_WORD.fullmatch(first.group(0))
                and _CAPITALISED_WORD.fullmatch(second.group(0))
            )
            # "Margaret Thompson" by its capitals; "jane_okafor" in a file name or an id
            # only when the second part is a known surname, so "charity-fun-run" and
            # "grace-period" stay as written.
            if not capitalised and (
                between in (" ", "\u00a0") or second.group(0).casefold() not in self.surnames
            ):
                continue
            # A double-barrelled surname is masked whole: "Smith-Jones", "O'Neill".
            tail = _SURNAME_TAIL.match(text, second.end())
            yield first.start(), tail.end() if tail else second.end()


def _merge(spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def apply_masks(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` with each (start, end) span masked and the rest kept as written."""
    out = []
    last = 0
    for start, end in _merge(list(spans)):
        start, end = max(start, last), min(end, len(text))
        if start >= end:
            continue
        out.append(text[last:start])
        out.append(mask(text[start:end]))
        last = end
    out.append(text[last:])
    return "".join(out)


class TitlesAndRoles:
    """The titles and roles that may open a span of personal data ("Staff Nurse ",
    "Mrs ", "Healthcare Assistant "): the program's titles and the ``role_words`` a run's
    rules list. Masking leaves them showing ("Staff Nurse P**** R****"): they say who,
    not which person."""

    def __init__(self, role_words: Iterable[str] = ()):
        from .pii.people import TITLES

        words = {w.casefold() for w in TITLES}
        words.update(" ".join(w.split()).casefold() for w in role_words)
        words.discard("")
        self.role_before_name = regex.compile(rf"(?:{title_pattern(frozenset(words))}[ \t\u00a0]+)+")

    def name_start(self, text: str, start: int, end: int) -> int:
        """Where the person's name starts in ``text[start:end]``: after the titles and
        roles that open it ("Staff Nurse Priya Raman" -> "Priya Raman"); the span's own
        start when nothing but a title would be left."""
        opening = self.role_before_name.match(text, start, end)
        if opening is None or not text[opening.end():end].strip():
            return start
        found: int = opening.end()
        return found

    def names_only(self, text: str, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
        """Spans of personal data without the titles and roles that open them, which a
        report shows ("Staff Nurse P**** R****")."""
        return [(self.name_start(text, s, e), e) for s, e in spans]


def redactor_for(allowed: Sequence[str] = ()) -> Redactor:
    """The redactor with the shipped lists of given names and surnames."""
    from .pii.people import given_names, recognizer_names
    from .text.words import is_frequent

    return Redactor(tuple(allowed), given_names(recognizer_names()), CENSUS_SURNAMES,
                    ordinary=is_frequent)


class _CensusSurnames(Container[str]):
    """Surnames shipped by the ``names`` package (US census, casefolded; none if it is
    missing), looked up in the list's text as the pii kind looks them up
    (``pii.names.is_surname``): building the 88,799-entry set took about 0.05 s of a
    one-draft check, which asks about a handful of words."""

    def __contains__(self, word: object) -> bool:
        from .pii.names import is_surname

        # A surname is one word: "smith " must not match the spaces after SMITH in the list.
        return isinstance(word, str) and word.split() == [word] and is_surname(word)


CENSUS_SURNAMES = _CensusSurnames()


def _is_common(word: str) -> bool:
    from .text.words import common_words

    return word in common_words()

