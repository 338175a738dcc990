"""Presidio recognizers for UK personal data, built from ``recognizers.yaml``.

Presidio's own context enhancer needs lemmas from a parsed sentence and only
looks at single words before a match. These recognizers read their context
phrases ("date of birth", "hospital number") straight from the text around the
match instead, so identifiers are found the same way with or without a
language model, and mark their results as already enhanced so Presidio does
not add a second boost.

Imports Presidio: only ``analysis`` imports this module, after making Presidio
offline.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import phonenumbers
import regex
from phonenumbers import PhoneNumberType
from presidio_analyzer import (
    AnalysisExplanation,
    EntityRecognizer,
    LocalRecognizer,
    Pattern,
    PatternRecognizer,
    RecognizerResult,
)
from presidio_analyzer.nlp_engine import NlpArtifacts

from ..pattern_cache import compile_regex
from .checksum import iban_valid, luhn_valid, nhs_number_valid
from .names import is_surname, lower_name
from .people import (
    LIFE_EVENT_AFTER,
    RELATION_BEFORE,
    ROLE_THEN_LOWER_NAME,
    WORKPLACE_OR_PEOPLE_AFTER,
    given_names,
    is_given,
    lower_case_quotes,
    shouted_rare_name,
)

_ENHANCED = RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY
_WORD = regex.compile(r"\S+")
# Presidio's loop over a recognizer's patterns (``PatternRecognizer.__analyze_patterns``),
# which ``ContextPatternRecognizer`` hands only the patterns a text could match. Were a
# Presidio release to rename it, the override below would simply never be called.
_PRESIDIO_LOOP: Callable[[Any, str, int | None], list[RecognizerResult]] | None = vars(
    PatternRecognizer).get("_PatternRecognizer__analyze_patterns")


def phrase_regex(phrases: Sequence[str]) -> Any:
    """One regex for context phrases, tolerant of spacing, dots and case ("D.O.B", "dob")."""
    if not phrases:
        return None
    alternatives = []
    for phrase in sorted(phrases, key=len, reverse=True):
        words = [regex.escape(w) for w in regex.split(r"[\s.]+", phrase.strip()) if w]
        alternatives.append(r"[\s.\-_:]*".join(words))
    body = "|".join(alternatives)
    return compile_regex(rf"(?<![\p{{L}}\p{{N}}])(?:{body})\.?(?![\p{{L}}\p{{N}}])", regex.IGNORECASE)


class _Context:
    """Context phrases searched in the few words either side of a match, same line only.

    ``patterns`` are regexes that must match at the very end of the text before the
    match ("call Darren on"); ``exclude_before`` ones drop the match outright
    (and ``exclude_after`` ones, matched at the very start of the text after it:
    "born on 5 July 1948, the NHS is 78" is an organisation's birthday)
    ("born between" introduces a range, not someone's birthday).
    """

    def __init__(self, phrases: Sequence[str], before: int, after: int, boost: float,
                 patterns: Sequence[str] = (), exclude_before: Sequence[str] = (),
                 exclude_after: Sequence[str] = ()):
        self.pattern = phrase_regex(phrases)
        self.before = before
        self.after = after
        self.boost = boost
        self.patterns = [compile_regex(rf"(?:{p})\s*$") for p in patterns]
        self.excludes = [compile_regex(rf"(?:{p})\s*$", regex.IGNORECASE) for p in exclude_before]
        self.excludes_after = [compile_regex(rf"\s*(?:{p})", regex.IGNORECASE) for p in exclude_after]

    def window(self, text: str, start: int, end: int) -> str:
        head = text[max(0, start - 200):start].rsplit("\n", 1)[-1]
        tail = text[end:end + 200].split("\n", 1)[0]
        words_before = _WORD.findall(head)[-self.before:] if self.before else []
        words_after = _WORD.findall(tail)[:self.after] if self.after else []
        return " ".join(words_before) + " \x00 " + " ".join(words_after)

    @staticmethod
    def head(text: str, start: int) -> str:
        return text[max(0, start - 120):start].rsplit("\n", 1)[-1]

    def near(self, text: str, start: int, end: int) -> bool:
        if self.pattern is not None and self.pattern.search(self.window(text, start, end)):
            return True
        head = self.head(text, start)
        return any(p.search(head) for p in self.patterns)

    def apply(self, text: str, results: list[RecognizerResult]) -> list[RecognizerResult]:
        kept = []
        for result in results:
            if self.excludes and any(p.search(self.head(text, result.start)) for p in self.excludes):
                continue
            if self.excludes_after and any(
                    p.match(text[result.end:result.end + 80]) for p in self.excludes_after):
                continue
            if self.near(text, result.start, result.end):
                result.score = min(EntityRecognizer.MAX_SCORE, result.score + self.boost)
            result.recognition_metadata[_ENHANCED] = True
            kept.append(result)
        return kept


class _CompiledPattern(Pattern):  # type: ignore[misc]
    """A Presidio Pattern compiled once, with its recognizer's flags.

    Presidio's Pattern compiles its expression without flags to check it, and the
    recognizer compiles it again, with its flags, on the first post: every pattern was
    compiled twice (by the ``regex`` module's pure-Python parser), some 0.03 s of a
    one-draft check. Here the check is that one compile. Presidio finds the compiled
    expression where it keeps it (``compiled_regex`` for ``compiled_with_flags``);
    were either name to change, it would compile again itself, as before."""

    def __init__(self, name: str, expression: str, score: float, flags: int):
        try:
            compiled = compile_regex(expression, flags=flags)
        except regex.error as exc:
            raise ValueError(f"Invalid regex pattern: {exc}") from None
        super().__init__(name, expression, score)
        # Presidio declares both None until its recognizer compiles the expression.
        self.compiled_regex = compiled  # type: ignore[assignment]
        self.compiled_with_flags = flags  # type: ignore[assignment]

    @staticmethod
    def _Pattern__validate_regex(pattern: str) -> None:
        """Presidio's own check (a compile without flags), left to ``__init__``."""


def _patterns(items: Sequence[Mapping[str, Any]], flags: int) -> list[Pattern]:
    return [_CompiledPattern(str(p["name"]), str(p["regex"]), float(p["score"]), flags)
            for p in items]


class ContextPatternRecognizer(PatternRecognizer):
    """Regex patterns whose score rises by ``boost`` when a context phrase is near.

    A pattern scored below the detector's threshold therefore needs its context
    (a date is a date of birth only next to "DOB" or "born"); one scored above
    it stands alone (an NHS number written 3-3-4).
    """

    def __init__(
        self,
        supported_entity: str,
        name: str,
        patterns: Sequence[Mapping[str, Any]],
        context: Sequence[str] = (),
        words_before: int = 6,
        words_after: int = 2,
        boost: float = 0.35,
        case_sensitive: bool = False,
        context_patterns: Sequence[str] = (),
        exclude_before: Sequence[str] = (),
        exclude_after: Sequence[str] = (),
        supported_language: str = "en",
    ):
        flags = regex.DOTALL | regex.MULTILINE | (0 if case_sensitive else regex.IGNORECASE)
        super().__init__(
            supported_entity=supported_entity,
            name=name,
            supported_language=supported_language,
            patterns=_patterns(patterns, flags),
            context=list(context),
            global_regex_flags=flags,
        )
        self._context = _Context(
            context, words_before, words_after, boost, context_patterns, exclude_before,
            exclude_after,
        )
        # What each pattern needs in a text (a digit, one of some strings), worked out
        # on the first text asked about (``_could_match``).
        self._needs: tuple[tuple[bool, tuple[str, ...] | None], ...] | None = None

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        results = super().analyze(text, entities, nlp_artifacts, self.global_regex_flags)
        return self._context.apply(text, results)

    def _PatternRecognizer__analyze_patterns(  # noqa: N802 - Presidio's private name
        self, text: str, flags: int | None = None
    ) -> list[RecognizerResult]:
        """Presidio's pattern loop (``PatternRecognizer.analyze`` calls it by this name),
        over only the patterns that could match ``text``: a pattern whose every match
        needs a digit, or one of some strings, the text lacks is not searched (as a rule
        pattern is not, ``literals``). Its matches would be none, so the results are the
        same; most texts a recognizer is asked about give most of its patterns nothing."""
        loop = _PRESIDIO_LOOP
        assert loop is not None  # Presidio calls this by the name of its own loop
        patterns = self._could_match(text)
        if patterns is None:
            return loop(self, text, flags)
        if not patterns:
            return []
        # A shallow copy that searches fewer patterns: the recognizer itself is never
        # changed, so two threads sharing it see the same patterns.
        view = copy.copy(self)
        view.patterns = patterns  # type: ignore[has-type]
        return loop(view, text, flags)

    def _could_match(self, text: str) -> list[Pattern] | None:
        """The patterns some match of which ``text`` holds what it needs, in their order;
        None when that is every pattern."""
        from ..literals import TextHolds, needs_digit, required_literals

        every: list[Pattern] = self.patterns  # type: ignore[has-type]
        needs = self._needs
        if needs is None:
            needs = self._needs = tuple(
                (needs_digit(p.regex), required_literals(p.regex)) for p in every)
        holds = TextHolds(text)
        kept = [p for p, (digit, strings) in zip(every, needs, strict=True)
                if holds.could_match(digit, strings)]
        return None if len(kept) == len(every) else kept


class NhsNumberRecognizer(ContextPatternRecognizer):
    """NHS numbers: ten digits whose modulus-11 check digit is right.

    Presidio's own recognizer gives any checksum-valid ten digits full marks,
    which is about one random number in eleven (and most phone numbers are ten
    or eleven digits). Here the checksum only keeps a candidate alive; its
    score comes from the pattern (NHS 3-3-4 spacing) or from NHS context.
    Numbers starting with 0 are UK phone numbers, never NHS numbers.
    """

    def __init__(self, *args: Any, invalid_score: float = 0.15, **options: Any):
        super().__init__(*args, **options)
        self.invalid_score = invalid_score

    def invalidate_result(self, pattern_text: str) -> bool | None:
        digits = "".join(c for c in pattern_text if c.isdigit())
        return len(digits) != 10 or digits.startswith("0") or len(set(digits)) == 1

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        # A wrong check digit is kept at a low score: only an explicit "NHS number"
        # next to it lifts it over the threshold (the writer says what it is).
        results = PatternRecognizer.analyze(self, text, entities, nlp_artifacts, self.global_regex_flags)
        for result in results:
            if not nhs_number_valid(text[result.start:result.end]):
                result.score = min(result.score, self.invalid_score)
        return self._context.apply(text, results)


class ChecksumRecognizer(ContextPatternRecognizer):
    """Numbers that carry their own check digits: a payment card number (``checksum:
    luhn``, with a card scheme's first digits) or an IBAN (``checksum: iban``, mod 97).
    A candidate whose check fails is dropped; an IBAN that ran into the next group of
    capitals ("... 7654 32 TO") is cut back to the longest valid prefix."""

    def __init__(self, *args: Any, checksum: str = "luhn", **options: Any):
        super().__init__(*args, **options)
        if checksum not in _CHECKS:
            raise ValueError(f"unknown checksum {checksum!r} (one of {', '.join(_CHECKS)})")
        self.valid = _CHECKS[checksum]

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        results = PatternRecognizer.analyze(self, text, entities, nlp_artifacts, self.global_regex_flags)
        kept = []
        for result in results:
            end = result.end
            while not self.valid(text[result.start:end]):
                cut = text.rfind(" ", result.start, end)
                if cut <= result.start:
                    break
                end = cut
            if self.valid(text[result.start:end]):
                result.end = end
                kept.append(result)
        return self._context.apply(text, kept)


def _card_number(text: str) -> bool:
    """A Luhn-valid number with a card scheme's first digits (Visa 4, Mastercard 51-55 and
    2221-2720, Amex 34/37, Diners 30/36/38, JCB 35, 2131, 1800, Discover and Maestro 6,
    Maestro 50 and 56-58)."""
    digits = "".join(c for c in text if c.isdigit())
    if not luhn_valid(digits):
        return False
    return (digits[0] in "46" or digits[:2] in {"34", "37", "30", "36", "38", "35", "50", "56",
                                                  "57", "58"}
            or "51" <= digits[:2] <= "55" or "2221" <= digits[:4] <= "2720"
            or digits[:4] in {"2131", "1800"})


_CHECKS = {"luhn": _card_number, "iban": iban_valid}


class PersonalEmailRecognizer(ContextPatternRecognizer):
    """Email addresses that belong to a person rather than a team.

    A webmail domain is personal whatever the name; a name-shaped mailbox is personal
    anywhere (jane.smith@, j_smith@, and in one word a first name or an initial and a
    surname: sarah@, dsmith1975@); a role mailbox (pals@, communications@) or one of
    ordinary words ("parking.permits@") is the organisation's and never reported. A
    sub-address after ``+`` ("d.smith+jobs@") is the owner's filter: the mailbox is
    judged without it. A URL's user and password ("https://admin:pw@host") are no
    address (a link's to judge, not this).
    """

    def __init__(
        self,
        supported_entity: str,
        name: str,
        patterns: Sequence[Mapping[str, Any]],
        personal_domains: Sequence[str] = (),
        role_words: Sequence[str] = (),
        personal_score: float = 0.7,
        name_score: float = 0.6,
        **options: Any,
    ):
        super().__init__(supported_entity, name, patterns, **options)
        self.personal_domains = frozenset(d.casefold() for d in personal_domains)
        self.role_words = tuple(w.casefold() for w in role_words)
        self.personal_score = personal_score
        self.name_score = name_score

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        kept = []
        for result in super().analyze(text, entities, nlp_artifacts, regex_flags):
            if _URL_USER.search(text, 0, result.start):
                continue  # "https://photos:Summer2025@share...": a URL's password
            local, _, domain = text[result.start:result.end].casefold().rpartition("@")
            local = local.split("+", 1)[0]
            labels = domain.split(".")
            if any(".".join(labels[i:]) in self.personal_domains for i in range(len(labels))):
                result.score = max(result.score, self.personal_score)
            elif any(word in local for word in self.role_words):
                continue
            elif regex.fullmatch(r"\p{L}+(?:[._\-]\p{L}+){1,2}\d*", local):
                if _ordinary_words(local):
                    continue  # "parking.permits@", "open.evening@": what the mailbox is for
                result.score = max(result.score, self.name_score)
            elif _one_word_name(local) or _run_together_name(local):
                result.score = max(result.score, self.name_score)
            kept.append(result)
        return kept


# Just before an address: a URL's "scheme://user:" (its password and host follow).
_URL_USER = regex.compile(r"://[^\s/@]*:?$")


def _one_word_name(local: str) -> bool:
    """Whether a one-word mailbox is a person's: a first name ("sarah@", "grace1975@") or
    an initial and a surname ("dsmith@", "kpatel84@"); not an acronym or a word ("ftsu@",
    "hello@", "tickets@")."""
    from ..text.words import common_words

    stem = regex.sub(r"\d+$", "", local)
    if not regex.fullmatch(r"\p{L}{3,}", stem):
        return False
    if is_given(stem, given_names(with_words=True)):
        return True
    return len(stem) >= 5 and stem not in common_words() and is_surname(stem[1:])


def _run_together_name(local: str) -> bool:
    """Whether a one-word mailbox is a first name and a surname written together, either
    way round ("jameswilliams@", "mitchellmatthew@", "abreuisabella77@"): a first name of
    four letters or more at one end, and at the other a first name or a surname of the
    lists ("carolservice@", "frankspeaking@" and "willowunit@" keep a word: a team's)."""
    stem = regex.sub(r"\d+$", "", local)
    if not regex.fullmatch(r"\p{L}{7,}", stem):
        return False
    from ..text.words import common_words

    names, common = given_names(), common_words()
    for cut in range(3, len(stem) - 2):
        head, tail = stem[:cut], stem[cut:]
        for name, rest in ((head, tail), (tail, head)):
            if (len(name) >= 4 and is_given(name, names)
                    and (is_given(rest, names) or (is_surname(rest) and rest not in common))):
                return True
    return False


def _ordinary_words(local: str) -> bool:
    """Whether a name-shaped mailbox is made of ordinary words no first-name list has
    ("board.questions", "parking.permits"): a team's, not a person's ("pat.jones",
    "tom.hollis", "k.moss" keep a name or an initial)."""
    from ..text.words import common_words

    parts = regex.split(r"[._\-]", regex.sub(r"\d+$", "", local))
    common = common_words()
    if not all(len(p) > 2 and p in common for p in parts):
        return False
    names = given_names(with_words=True)
    return not any(is_given(p, names) for p in parts)


class PrivatePhoneRecognizer(LocalRecognizer):
    """UK phone numbers that reach a person: mobiles, and landlines said to be someone's.

    Uses python-phonenumbers (as Presidio's PhoneRecognizer does) for the GB
    region only. Freephone, 03 and other non-geographic numbers are
    organisations' lines and are never reported; a geographic landline needs
    personal context ("home", "call me", "her number"). A landline or mobile of another
    country, written with its ``+`` code ("+1 617 555 0142"), scores ``abroad`` at least:
    the Trust's own lines are in its region, so such a number reaches a person.
    """

    SCORES = {
        "MOBILE": PhoneNumberType.MOBILE,
        "PERSONAL_NUMBER": PhoneNumberType.PERSONAL_NUMBER,
        "PAGER": PhoneNumberType.PAGER,
        "FIXED_LINE": PhoneNumberType.FIXED_LINE,
        "FIXED_LINE_OR_MOBILE": PhoneNumberType.FIXED_LINE_OR_MOBILE,
    }

    def __init__(
        self,
        supported_entity: str,
        name: str,
        type_scores: Mapping[str, float],
        context: Sequence[str] = (),
        words_before: int = 6,
        words_after: int = 2,
        boost: float = 0.35,
        region: str = "GB",
        leniency: int = 0,
        context_patterns: Sequence[str] = (),
        supported_language: str = "en",
        abroad: float | None = None,
        national_abroad: Mapping[str, str] | None = None,
        national_abroad_score: float = 0.2,
        exclude_before: Sequence[str] = (),
    ):
        super().__init__(
            supported_entities=[supported_entity],
            name=name,
            supported_language=supported_language,
            context=list(context),
        )
        self.abroad = abroad
        # Numbers another country writes without its + code, in that country's own shape
        # ("(591) 341-7776", "206.269.0743"): read with that region, scored low (personal
        # context decides, as for a landline here).
        self.national_abroad = {str(r): regex.compile(str(p)) for r, p in (national_abroad or {}).items()}
        self.national_abroad_score = national_abroad_score
        self.home_code = phonenumbers.country_code_for_region(region)
        unknown = set(type_scores) - set(self.SCORES)
        if unknown:
            raise ValueError(f"unknown phone number types: {', '.join(sorted(unknown))}")
        self.type_scores = {self.SCORES[k]: float(v) for k, v in type_scores.items()}
        self.region = region
        self.leniency = leniency
        self._context = _Context(context, words_before, words_after, boost, context_patterns,
                                 exclude_before)

    def load(self) -> None:
        pass

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        results = []
        for match in phonenumbers.PhoneNumberMatcher(text, self.region, leniency=self.leniency):
            raw = match.raw_string.lstrip("(")
            if not raw.startswith(("0", "+")):
                continue  # ten bare digits are more likely an NHS number or a reference
            kind = _number_type(match.number)
            score = self.type_scores.get(kind)
            if score is None:
                continue
            if (self.abroad is not None and match.number.country_code != self.home_code
                    and raw.startswith("+") and kind in _PERSONAL_LINES):
                score = max(score, self.abroad)
            results.append(RecognizerResult(
                entity_type=self.supported_entities[0],
                start=match.start,
                end=match.end,
                score=score,
                analysis_explanation=AnalysisExplanation(
                    recognizer=str(type(self).__name__),
                    original_score=score,
                    textual_explanation="UK phone number that may reach a person",
                ),
                recognition_metadata={
                    RecognizerResult.RECOGNIZER_NAME_KEY: self.name,  # type: ignore[has-type]
                    RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                },
            ))
        for region, shape in self.national_abroad.items():
            if not shape.search(text):
                continue  # no number of that shape: the (slow) matcher is not run
            for match in phonenumbers.PhoneNumberMatcher(text, region, leniency=self.leniency):
                if not shape.fullmatch(match.raw_string) or any(
                        r.start < match.end and match.start < r.end for r in results):
                    continue
                if _number_type(match.number) not in (*_PERSONAL_LINES, PhoneNumberType.UNKNOWN):
                    continue  # a freephone or premium line there is a business's
                score = self.national_abroad_score
                results.append(RecognizerResult(
                    entity_type=self.supported_entities[0], start=match.start, end=match.end,
                    score=score,
                    analysis_explanation=AnalysisExplanation(
                        recognizer=str(type(self).__name__), original_score=score,
                        textual_explanation=f"{region} phone number written without its code"),
                    recognition_metadata={
                        RecognizerResult.RECOGNIZER_NAME_KEY: self.name,  # type: ignore[has-type]
                        RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                    },
                ))
        return self._context.apply(text, results)


# The kinds of line a person may have: a number abroad of one of these is someone's.
_PERSONAL_LINES = (PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE,
                   PhoneNumberType.FIXED_LINE_OR_MOBILE)


def _number_type(number: Any) -> Any:
    """The number's type; a well-formed UK number outside the allocated ranges
    (Ofcom's drama numbers 07700 900xxx, 01632 960xxx) is typed by its prefix, and a North
    American one as a landline or mobile, because a number written in a post reaches
    someone whether or not it is allocated."""
    kind = phonenumbers.number_type(number)
    if kind != PhoneNumberType.UNKNOWN:
        return kind
    national = phonenumbers.national_significant_number(number)
    if number.country_code == 1:
        # North America: any ten digits written as a number there ("+1-555-337-2153",
        # an unassigned area code) reach someone as much as an allocated one
        return PhoneNumberType.FIXED_LINE_OR_MOBILE if len(national) == 10 else kind
    if number.country_code != 44:
        return kind
    if len(national) not in (9, 10):
        return kind
    if national.startswith("7"):
        return PhoneNumberType.MOBILE
    if national.startswith(("1", "2")):
        return PhoneNumberType.FIXED_LINE
    return kind


class GivenNameRecognizer(LocalRecognizer):
    """Capitalised first names (and the capitalised word after them) from a name list.

    The small spaCy model misses many names in short posts ("call Darren on",
    "the family of Ivy Spencer"). This adds the given names of the ``names``
    package (US census lists, which cover most British first names), except
    those that are also ordinary words ("Will", "May", "Grace") when written alone.
    """

    # After an opening quote too ("a name label 'Amelia Mayes, DOB ..."), but not inside
    # a word ("O'Brien" is one name, not "Brien").
    _WORD = regex.compile(r"(?<![\p{L}\p{N}#@\-])(?<![\p{L}\p{N}]['’])\p{Lu}\p{Ll}+(?:[’'\-]\p{Lu}\p{Ll}+)?(?![\p{L}\p{N}])")
    _LOWER = regex.compile(r"(?<![\p{L}\p{N}#@'’\-./])\p{Ll}{3,}(?![\p{L}\p{N}@])")
    _CAPS = regex.compile(r"(?<![\p{L}\p{N}#@'’\-])\p{Lu}{3,}(?![\p{L}\p{N}])")
    # A word in lower case opening a sentence, then where someone works or stays.
    _START_THEN_LOWER = regex.compile(
        r"(?<=(?:\A|[.!?\n])[ \t]*)\p{Ll}{3,}(?![\p{L}\p{N}@'’\-])(?=[ \t]+(?i:on|from|in|at)[ \t])")
    _CUE_THEN_LOWER = regex.compile(
        r"(?<=(?<![\p{L}])(?i:thanks?\s+(?:you\s+)?to|shout\s*-?\s*out\s+to|well\s+done(?:\s+to)?|"
        r"especially|congratulations\s+to|congrats\s+to)\s+)\p{Ll}{3,}(?![\p{L}\p{N}@'’\-])"
        # not a role before a capitalised name ("thanks to porter Dave Rix")
        r"(?![ \t]+\p{Lu})")
    _ROLE_THEN_LOWER = regex.compile(ROLE_THEN_LOWER_NAME)
    # "it's nikki's last day": a first name in lower case before what only people have
    _LOWER_BEFORE_LIFE = regex.compile(
        rf"(?<![\p{{L}}\p{{N}}#@'’\-./])\p{{Ll}}{{3,}}(?=(?i:{LIFE_EVENT_AFTER}))")
    # Three words in capitals, or two before "!" ("CONGRATS NADINE!!!").
    # A private title and a name typed in capitals inside a sentence that is not
    # ("well done to DR. ALESSANDRO RUSSO and the team"): the title, then one or two words.
    _TITLED_CAPS = regex.compile(
        r"(?<![\p{L}\p{N}#@])(?:DR|MR|MRS|MS|MISS|PROF|SISTER|NURSE|MATRON|REV)\.?[ \t]+(?:\p{Lu}{2,}"
        r"(?:[ \t]+(?!(?:AND|THE|OF|TO|FROM|ON|IN|AT|FOR|WITH|WHO|HAS|IS|WAS|ARE|OUR)(?![\p{L}]))\p{Lu}{2,})?"
        # "thanks to MRS J OKORO", "MR K. L. OSEI": the title, one or two initials, a surname
        r"|(?:\p{Lu}(?:\.[ \t]*|[ \t]+)){1,2}(?!(?:AND|THE|OF|TO|FROM|ON|IN|AT|FOR|WITH|WHO|HAS|IS|WAS|ARE|OUR)"
        r"(?![\p{L}]))\p{Lu}{2,}(?:[\'’\-]\p{Lu}+)?)"
        r"(?![\p{L}\p{N}])")
    _SHOUT = regex.compile(r"\p{Lu}{2,}[ \t]+\p{Lu}{2,}(?:[ \t]+\p{Lu}{2,}|!)")

    def __init__(
        self,
        supported_entity: str,
        name: str,
        score: float = 0.6,
        also_words: Sequence[str] = (),
        extra_names: Sequence[str] = (),
        word_names: Sequence[str] = (),
        supported_language: str = "en",
    ):
        # Set before Presidio's constructor, which calls load().
        self.score = score
        self.also_words = frozenset(w.casefold() for w in also_words)
        self.extra_names = frozenset(w.casefold() for w in extra_names)
        self.word_names = frozenset(w.casefold() for w in word_names)
        self._given: frozenset[str] = frozenset()
        self._also_given: frozenset[str] = frozenset()
        super().__init__(
            supported_entities=[supported_entity], name=name, supported_language=supported_language
        )

    def load(self) -> None:
        self._given = given_names(self.extra_names, self.also_words)
        # "the amazing Grace on Ward 4", "wishing Patience a happy birthday": a name that is
        # also a word, capitalised inside a sentence. Proposed only there; the pii kind then
        # needs something only people have near it (thanks, a welcome, an age).
        self._also_given = self.word_names

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        if not self._given:
            self.load()
        words = list(self._WORD.finditer(text))
        if self._SHOUT.search(text):
            # Words typed in capitals ("HUGE THANKS TO DIANE"): a known first name alone
            # (the pii kind then needs a person cue next to it).
            words = sorted([*words, *(w for w in self._CAPS.finditer(text)
                                      if is_given(w.group(0), self._given)
                                      or shouted_rare_name(text, w.start(), w.group(0)))],
                           key=lambda w: w.start())
        if not any(c.isupper() for c in text):
            # A post typed all in lower case ("shout out to sharon on reception"): a known
            # first name (not one that is also a word: "will", "may"); the pii kind then
            # needs a person cue next to it.
            words = [w for w in self._LOWER.finditer(text) if w.group(0) in self._given]
        elif self._CUE_THEN_LOWER.search(text):
            # "Big thanks to sharon on reception" in a post with capitals: a known first
            # name in lower case right after thanks; the pii kind then wants a workplace
            # after it too ("on reception", "from the portering team").
            words = sorted([*words, *(w for w in self._CUE_THEN_LOWER.finditer(text)
                                      if w.group(0) in self._given)], key=lambda w: w.start())
        if any(c.isupper() for c in text) and self._LOWER_BEFORE_LIFE.search(text):
            words = sorted([*words, *(w for w in self._LOWER_BEFORE_LIFE.finditer(text)
                                      if w.group(0) in self._given)], key=lambda w: w.start())
        if any(c.isupper() for c in text) and self._START_THEN_LOWER.search(text):
            # "Thank you Ward 7! sharon on reception was brilliant": a known first name in
            # lower case opening a sentence; the pii kind wants a workplace after it too.
            words = sorted([*words, *(w for w in self._START_THEN_LOWER.finditer(text)
                                      if w.group(0) in self._given)], key=lambda w: w.start())
        for begin, stop in lower_case_quotes(text):
            # A message typed in lower case quoted in a post with capitals: a known first
            # name in it, as in a post typed all in lower case (the pii kind then needs a
            # person cue next to it).
            words = sorted([*words, *(w for w in self._LOWER.finditer(text, begin, stop)
                                      if w.group(0) in self._given)], key=lambda w: w.start())
        results = [self._result(m.start(1), m.end(1)) for m in self._ROLE_THEN_LOWER.finditer(text)
                   if any(c.isupper() for c in text) and self._lower_name(m.group(1))]
        results.extend(self._result(m.start(), m.end()) for m in self._TITLED_CAPS.finditer(text))
        for index, word in enumerate(words):
            name = word.group(0).casefold()
            if not is_given(name, self._given) and not (
                    word.group(0).isupper() and shouted_rare_name(text, word.start(), word.group(0))) and not (
                    "-" in name and is_given(name, self._given | self._also_given)) and not (
                    name in self._also_given and (
                        self._inside_sentence(text, word.start(), word.end())
                        or self._rare_surname_next(text, word.end(), words[index + 1:index + 2])
                        or self._listed_with_name(text, word.start(), word.end()))) and not (
                    # "June Halls, who ...", "Misty from our discharge team": a first name that is
                    # also a word or a month, with what only people have straight after it
                    name in self.also_words and (
                        self._person_next_to(text, word.end(), words[index + 1:index + 2])
                        or self._RELATION_BEFORE.search(text, max(0, word.start() - 30), word.start())
                        # "Dear Joy, your order has shipped": a letter's salutation
                        or (text[word.end():word.end() + 1] == ","
                            and self._SALUTATION.search(text, max(0, word.start() - 20), word.start())))):
                continue
            end = word.end()
            following = words[index + 1] if index + 1 < len(words) else None
            if following is not None and text[end:following.start()] == " ":
                end = following.end()  # "Ivy Spencer": the surname belongs to the name
            results.append(self._result(word.start(), end))
        return results

    def _result(self, start: int, end: int) -> RecognizerResult:
        return RecognizerResult(
            entity_type=self.supported_entities[0], start=start, end=end,
            score=self.score,
            analysis_explanation=AnalysisExplanation(
                recognizer=str(type(self).__name__), original_score=self.score,
                textual_explanation="a known given name",
            ),
            recognition_metadata={
                RecognizerResult.RECOGNIZER_NAME_KEY: self.name,  # type: ignore[has-type]
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                _ENHANCED: True,
            },
        )

    def _lower_name(self, name: str) -> bool:
        """Whether lower-case words after a role are a name: a first name or a word rare
        even on the web, then (if any) a surname or a rare word ("ron pettifer", "tamsin
        trewhella"; not "team", "drivers", "practitioner")."""
        return lower_name(name, self._given)

    # Words after which a capitalised word-name is a thing, not a person ("your Patience",
    # "Peace and Joy", "Festival of Hope").
    _NOT_BEFORE_A_NAME = frozenset({"your", "our", "their", "his", "her", "my", "its", "a", "an",
                                    "the", "of", "and", "with", "&", "in", "on", "for"})

    # What follows a word-name that opens a sentence when it is someone: "Ray on Ward 11
    # would like to thank ...", "Joy, who has volunteered here for 20 years".
    _PERSON_NEXT = regex.compile(
        r"\s+(?:on|from)\s+ward\s+\d|,?\s+who\s|\s+(?:(?:has|have)\s+)?(?:joined|retired|qualified)\b"
        # "Will Davies has been discharged", "May Prentice was admitted": what happens to a patient
        r"|\s+(?:has\s+been|had\s+been|was|is|were)\s+(?:discharged|admitted|transferred|diagnosed|"
        r"treated|rushed|airlifted)\b|\s+(?:passed\s+away|died)\b"
        # "Hope from our discharge lounge has ...": someone who works there
        r"|\s+(?:from|in|on)\s+(?:our|the)\s+(?:[\w&-]+\s+){0,3}?(?:team|department|unit|ward|lounge|"
        r"reception|desk|office|labs?|clinic|theatres?|service)\b"
        # "Holly in Radiology", "Grace and Joy are twin sisters"
        rf"|{WORKPLACE_OR_PEOPLE_AFTER}"
        # "proud of Mercy, our newest healthcare assistant": set beside a role
        r"|,\s+(?:our|one\s+of\s+our)\s+(?:[\w-]+\s+){0,3}?(?:nurse|assistant|volunteer|porter|midwife|"
        r"doctor|manager|receptionist|colleague|therapist|pharmacist|consultant|cleaner|chef|"
        r"housekeeper|apprentice|student|worker|lead|sister|matron|clerk|secretary|administrator|"
        r"coordinator|co-ordinator|officer|technician|engineer|driver|supervisor)s?\b",
        regex.IGNORECASE)

    def _listed_with_name(self, text: str, start: int, end: int) -> bool:
        """Whether a word-name stands in a list beside a first name that is no word
        ("Joy, Blessing and Emmanuel"; not "Faith, Hope and Charity")."""
        before = self._NAME_LISTED_BEFORE.search(text, max(0, start - 40), start)
        after = self._NAME_LISTED_AFTER.match(text, end)
        return any(m is not None and is_given(m.group(1), self._given) for m in (before, after))

    def _person_next_to(self, text: str, end: int, following: Sequence[Any]) -> bool:
        """Whether something only people have follows a word-name, or follows it and a
        capitalised surname ("May Prentice, who has volunteered ...")."""
        if self._PERSON_NEXT.match(text, end):
            return True
        return bool(following) and text[end:following[0].start()] == " " and bool(
            self._PERSON_NEXT.match(text, following[0].end()))

    _RELATION_BEFORE = regex.compile(RELATION_BEFORE)
    # A letter or an email opening on a name ("Dear Joy,"), at the start of a line.
    _SALUTATION = regex.compile(r"(?:\A|\n)[ \t]*(?i:dear)[ \t]+$")
    _NAME_LISTED_BEFORE = regex.compile(
        r"(?<![\p{L}])(\p{Lu}\p{Ll}+)(?:[ \t]*,[ \t]*(?:and[ \t]+)?|[ \t]+(?:and|&)[ \t]+)$")
    _NAME_LISTED_AFTER = regex.compile(
        r"(?:[ \t]*,[ \t]*(?:and[ \t]+)?|[ \t]+(?:and|&)[ \t]+)(\p{Lu}\p{Ll}+)(?![\p{L}])")

    @staticmethod
    def _rare_surname_next(text: str, end: int, following: Sequence[Any]) -> bool:
        """Whether a word-name is followed by a surname no dictionary has ("Hope Mbeki",
        "Rose Okonjo"): a full name, wherever it stands ("Grace Road" is a street)."""
        from ..text.words import common_words

        return bool(following) and text[end:following[0].start()] == " " and (
            following[0].group(0).casefold() not in common_words())

    def _inside_sentence(self, text: str, start: int, end: int) -> bool:
        before = text[max(0, start - 40):start].rstrip()
        if not before or before[-1] in ".!?:;\n\"'“‘-–(":
            # A sentence or a heading starts with a capital anyway: a person only when
            # something about people follows.
            return bool(self._PERSON_NEXT.match(text, end))
        previous = before.split()[-1] if before.split() else ""
        # "Day Surgery", "Peace and Joy": a phrase in title case, unless something about
        # people follows ("proud of Mercy, our newest healthcare assistant")
        if previous[:1].isupper() or previous.casefold() in self._NOT_BEFORE_A_NAME:
            return bool(self._PERSON_NEXT.match(text, end))
        return True


class NameShapeRecognizer(LocalRecognizer):
    """Words shaped like a name that no list knows: a run of up to three capitalised
    words at least one of which no English dictionary has ("Oreoluwa", "Percival
    Ashdown-Reeve", "Kerensa"), or, in a post typed all in lower case, such a word
    written in lower case ("gwenllian").

    A proposal only: places, medicines and brands have this shape too, so the pii
    kind reports one only with something only people have next to it (thanks, a
    welcome, an age, a person's verb, a role) or beside a name it reports ("Tiegan and
    Oreoluwa"). Its results carry ``needs_evidence`` in their metadata for that."""

    # A word of a name: "Oreoluwa", "Ashdown-Reeve", "O'Dowd", and a Gaelic or Scots
    # surname with a capital inside ("NicAonghais", "MacLeod", "McKenzie").
    _WORD = r"(?:Mc|Mac|Mhic|Nic|Fitz)?\p{Lu}\p{Ll}+(?:['’\-]\p{Lu}?\p{Ll}+)*"
    _RUN = regex.compile(
        rf"(?<![\p{{L}}\p{{N}}#@_/.'’\-]){_WORD}(?: {_WORD}){{0,2}}(?![\p{{L}}\p{{N}}@_])")
    _LOWER = regex.compile(r"(?<![\p{L}\p{N}#@_/.'’\-])\p{Ll}{3,}(?![\p{L}\p{N}@_])")
    _PARTS = regex.compile(r"['’\-]")
    # Where someone works, written after a name ("Grainger from Pharmacy", "Pettigrew in
    # Radiology", "Hargreaves from the Estates team").
    _AT_WORK = regex.compile(
        r"\s+(?:from|in|on)\s+(?:our|the)\s+(?:[\w&-]+\s+){0,3}?(?:team|department|unit|ward|lounge|"
        rf"reception|desk|office|labs?|clinic|theatres?|service)\b|{WORKPLACE_OR_PEOPLE_AFTER}",
        regex.IGNORECASE)
    NEEDS_EVIDENCE = "needs_evidence"

    def __init__(self, supported_entity: str, name: str, score: float = 0.55,
                 supported_language: str = "en"):
        self.score = score
        super().__init__(
            supported_entities=[supported_entity], name=name, supported_language=supported_language
        )

    def load(self) -> None:
        pass

    @staticmethod
    def _ordinary(word: str) -> bool:
        from ..text.words import common_words

        return word.casefold() in common_words()

    def _unknown(self, word: str, web: bool = True) -> bool:
        """Whether no dictionary has the word, nor its singular ("Samaritans", "Midwives"):
        not even among the words seen 100,000 times on the web ("Triage", "porters"). A
        singular counts only from the dictionary: the web has names too, and "Andrejs" less
        an "s" is a name seen there ("Andrej"), not a word."""
        from ..text.words import common_words, is_frequent

        word = word[:-2] if word.endswith(("'s", "’s")) else word
        common = common_words()
        for part in self._PARTS.split(word.casefold()):
            singular = {part[:-1], part[:-2], part[:-3] + "fe", part[:-3] + "f"} if (
                part.endswith("s")) else set()
            known = is_frequent(part) if web else part in common
            if part and not known and not any(form in common for form in singular if form):
                return True
        return False

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        casual = not any(c.isupper() for c in text)
        spans = []
        for match in (self._LOWER if casual else self._RUN).finditer(text):
            words = match.group(0).split(" ")
            # A word must be rare even on the web ("Triage" is not), but in a run of two or
            # three capitalised words none of which the dictionary has, one the dictionary
            # lacks is enough ("Wenna Trelawny": names are common on the web; "Maternity
            # Triage" has an ordinary word). The pii kind still wants something only people
            # have near it.
            web = len(words) == 1 or any(self._ordinary(w) for w in words)
            if any(self._unknown(w, web=web) for w in words):
                spans.append(match.span())
            elif (len(words) == 1 and not self._ordinary(words[0])
                  and self._AT_WORK.match(text, match.end()) and is_surname(words[0].casefold())):
                # "Grainger from Pharmacy has done it again": a surname no dictionary has (and
                # the web knows well), said to work somewhere; not "Phlebotomy in outpatients"
                spans.append(match.span())
        return [RecognizerResult(
            entity_type=self.supported_entities[0], start=start, end=end, score=self.score,
            analysis_explanation=AnalysisExplanation(
                recognizer=str(type(self).__name__), original_score=self.score,
                textual_explanation="shaped like a name no list knows",
            ),
            recognition_metadata={
                RecognizerResult.RECOGNIZER_NAME_KEY: self.name,  # type: ignore[has-type]
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                self.NEEDS_EVIDENCE: True,
                _ENHANCED: True,
            },
        ) for start, end in spans]


CLASSES: dict[str, type[EntityRecognizer]] = {
    "GivenNameRecognizer": GivenNameRecognizer,
    "NameShapeRecognizer": NameShapeRecognizer,
    "ContextPatternRecognizer": ContextPatternRecognizer,
    "NhsNumberRecognizer": NhsNumberRecognizer,
    "ChecksumRecognizer": ChecksumRecognizer,
    "PersonalEmailRecognizer": PersonalEmailRecognizer,
    "PrivatePhoneRecognizer": PrivatePhoneRecognizer,
}


def build_recognizer(definition: Mapping[str, Any]) -> EntityRecognizer:
    """One recognizer from its YAML definition (``class`` picks the Python class)."""
    name = str(definition.get("class", "ContextPatternRecognizer"))
    if name == "SpacyRecognizer":
        # Names come from the NER of the shared spaCy Doc, passed in as NlpArtifacts.
        from presidio_analyzer.predefined_recognizers import SpacyRecognizer

        return SpacyRecognizer(supported_entities=[str(definition["entity"])])
    if name not in CLASSES:
        raise ValueError(f"class {name!r} is not one of {', '.join(sorted(CLASSES))}")
    options = {k: v for k, v in definition.items() if k not in ("class", "entity")}
    options["supported_entity"] = definition["entity"]
    try:
        return CLASSES[name](**options)
    except TypeError as exc:  # an option the class does not take ("checksumm: luhn")
        raise ValueError(str(exc)) from None
