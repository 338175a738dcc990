"""Words a regular expression cannot match without: a cheap test before a costly one.

For a pattern such as ``\\b(?:take|taking)\\s+(?:{{drug}})`` any match contains
"take" or "taking" (and one of the drugs). :func:`required_literals` works out one
such set, choosing the rarest (longest) words the pattern offers, and
:class:`RulePattern` uses it twice: a post that contains none of the words is
never searched, and a built-in pattern is not even compiled until a post could
match it. The rule pack has some 700 patterns; compiling them all is most of a
cold start, and most posts give most of them nothing to do.

The set comes from Python's own regular-expression parser, which reads the
syntax the rules use (the ``regex`` module in its ``VERSION0`` mode). A
``\\p{..}`` property class, which it cannot read, is read as a class that needs no
particular string (``\\W``), so the rest of the pattern still gives its set. Anything
else it cannot read, or that ``regex`` reads differently (fuzzy ``{e<=1}``
constraints), gives no set, and such a pattern always runs: a wrong answer can only
ever cost time, never a finding.

Working the sets out takes about a third of the time of compiling, so the
built-in pack ships them, precomputed, in ``rules/literals.json``, keyed by a
hash of each pattern (``socialpolicy rules index`` rewrites it; a test
fails when it is stale).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any, cast

try:  # Python 3.11+
    from re import _constants as _sre  # type: ignore[attr-defined]
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _sre
    import sre_parse as _sre_parse

import regex

from .pattern_cache import compile_regex, is_shipped, shipped_clauses
from .prefilter import WARM_TEXTS, LooseCheck, loose_check, safe_text, stand_in

# Where a Linter keeps the LiteralScan of its rules, in the store every post shares.
LITERAL_SCAN = "literal-scan"
INDEX_NAME = "literals.json"
INDEX_VERSION = 1
# A brace that is not a repeat count ({2}, {1,3}) is fuzzy matching in ``regex``
# and a plain character to Python's parser: such patterns get no set.
_BRACES = re.compile(r"(?<!\\)\{([^}]*)\}")
_COUNT = re.compile(r"\d*(?:,\d*)?")
_REPEATS = tuple(
    op for op in (getattr(_sre, n, None) for n in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"))
    if op is not None
)
_ATOMIC = getattr(_sre, "ATOMIC_GROUP", None)

_DIGIT = re.compile(r"\d")
Literals = tuple[str, ...]


def key(source: str) -> str:
    """How a pattern is found in the index: a hash of its expanded source."""
    return hashlib.blake2b(source.encode("utf-8"), digest_size=12).hexdigest()


# ``regex``'s Unicode property classes (\p{L}, \PN), which Python's parser cannot read.
# Every escape is matched, so an escaped backslash before a "p" is not taken for one.
_PROPERTY = re.compile(r"\\(?:[pP](?:\{[^}]*\}|\w)|.)", re.DOTALL)


def _readable(source: str) -> str:
    """``source`` with each property class written ``\\W``, which Python's parser reads:
    a class (alone or inside ``[...]``) that gives no string a match needs, as a
    property class gives none, and that holds no decimal digit (``needs_digit``)."""
    if "\\p" not in source and "\\P" not in source:
        return source
    return _PROPERTY.sub(lambda m: "\\W" if m.group(0)[1] in "pP" else m.group(0), source)


@lru_cache(maxsize=8192)
def required_literals(source: str) -> Literals | None:
    """Case-folded strings one of which every match of ``source`` contains, or None.
    Worked out once per process for each source: patterns not in the shipped index (a
    Trust's rules, triage's inline categories) are met again by every new Linter."""
    source = _readable(source)
    if any(not _COUNT.fullmatch(m.group(1)) for m in _BRACES.finditer(source)):
        return None
    try:
        tree = _sre_parse.parse(source, re.IGNORECASE)
        found = _sequence(list(tree))
    except Exception:  # noqa: BLE001 - unreadable here means "always run", never an error
        return None
    if not found or "" in found:
        return None
    # "heart" already covers "heartburn": keep only the strings no other one is part of.
    kept = [s for s in found if not any(o != s and o in s for o in found)]
    return tuple(sorted(kept))


# A second test costs a substring search per string: sets longer than this, or with
# a string shorter than MIN_STRING (in nearly every post anyway), are left to the
# regular expression itself.
MAX_CLAUSE = 24
MIN_STRING = 1


def required_clauses(source: str) -> Clauses | None:
    """``work_out_clauses(source)``, from the shipped answers (``pattern_cache``) for the
    built-in pack's patterns: working them out was about a tenth of our own share of a
    cold one-draft check."""
    shipped = shipped_clauses(source)
    if is_shipped(shipped):
        return cast("Clauses | None", shipped)
    return work_out_clauses(source)


def work_out_clauses(source: str) -> Clauses | None:
    """Ways through ``source`` and, for each, every set of strings it needs: a match
    holds one string of *each* set of some way (the alternatives of a pattern that
    is one alternation, or the whole pattern), where ``required_literals`` gives one
    set for the whole. None when a way needs nothing that can be told cheaply.

    The sets come from the same reading of the pattern as ``required_literals``; each
    part of a way's sequence gives its own set, so ``\\b(?:you|u)\\s+(?:idiot|moron)``
    needs "you" or "u" *and* "idiot" or "moron"."""
    source = _readable(source)
    if any(not _COUNT.fullmatch(m.group(1)) for m in _BRACES.finditer(source)):
        return None
    try:
        items = list(_sre_parse.parse(source, re.IGNORECASE))
        branches = [i for i, (op, _av) in enumerate(items) if op is _sre.BRANCH]
        if len(branches) == 1:
            # "P(?:a|b)S" is "PaS|PbS" (Python's parser also factors a prefix the
            # alternatives share out like this).
            at = branches[0]
            ways = [[*items[:at], *branch, *items[at + 1:]] for branch in items[at][1][1]]
        else:
            ways = [items]
        out = []
        for way in ways:
            clauses = tuple(c for c in _clauses(way)
                            if len(c) <= MAX_CLAUSE and min(map(len, c)) >= MIN_STRING)
            if not clauses:
                return None  # this way needs nothing cheap to test: always search
            out.append(clauses)
    except Exception:  # noqa: BLE001 - unreadable here means "always run", never an error
        return None
    return tuple(out)


Clauses = tuple[tuple[Literals, ...], ...]


def clauses_met(clauses: Clauses, folded: str) -> bool:
    """Whether a case-folded text holds what some way of ``required_clauses`` needs
    (an empty answer, "nothing cheap to tell", is always met)."""
    # Plain loops, not nested any/all over generators: this is asked ~60,000 times per
    # 1,000 posts, nearly always of one-string parts, and the loops take a third the time.
    for way in clauses:
        for clause in way:
            for string in clause:
                if string in folded:
                    break
            else:
                break  # no string of this part: this way is not met
        else:
            return True
    return not clauses


def _clauses(items: list[tuple[Any, Any]]) -> list[Literals]:
    """One set of strings for each part of a sequence that needs one, fewest first."""
    sets = [found for found in _parts(items) if found]
    out = []
    for found in sets:
        if "" in found:
            continue  # a part that may be empty needs nothing
        # "heart" already covers "heartburn".
        out.append(tuple(sorted(s for s in found if not any(o != s and o in s for o in found))))
    # A part every string of another part holds already ("y" beside "xy") tells nothing more.
    out = [c for c in out if not any(d != c and all(any(s in t for s in c) for t in d) for d in out)]
    # The rarest first (longest shortest string, then fewest), so a post fails fast.
    return sorted(set(out), key=lambda c: (-min(map(len, c)), len(c), c))


# A run of characters and small classes of characters ("c[o0]ws?") is read as every
# way of spelling it ("cow", "c0w") while there are at most this many.
SPELLINGS = 16


def _characters(op: Any, av: Any) -> frozenset[str] | None:
    """The case-folded characters a one-character part matches: a literal, or a class
    of literals only ("[o0]"); None for anything else."""
    if op is _sre.LITERAL:
        return frozenset({chr(av).casefold()})
    if op is _sre.IN and av and all(o is _sre.LITERAL for o, _a in av):
        return frozenset(chr(a).casefold() for _o, a in av)
    return None


def _repeated(op: Any, av: Any) -> tuple[frozenset[str], int, bool] | None:
    """(its characters, the fewest times, whether always that many) for a repeat of one
    character or one class of literals at least once ("h+", "[o0]{2}"); else None."""
    if op not in _REPEATS:
        return None
    low, high, body = av
    body = list(body)
    if low < 1 or len(body) != 1:
        return None
    chars = _characters(*body[0])
    return None if chars is None else (chars, low, low == high)


def _parts(items: list[tuple[Any, Any]]) -> Iterator[frozenset[str] | None]:
    """For each part of a sequence, the strings one of which a match holds there (None:
    none in particular). Consecutive characters and small classes are one part, every
    spelling of the run ("p[i1!]gs?" holds "pig", "p1g" or "p!g"): each matches one
    character, next to each other."""
    run: set[str] | None = None
    for op, av in items:
        repeated = _repeated(op, av)
        if repeated is not None:
            # "h+", "i{3,}": a character at least ``low`` times. The run so far ends with
            # the first ``low``; the last ``low`` start the next run (they are next to
            # what follows), and a fixed count ("o{2}") keeps the run going.
            letters, low, fixed = repeated
            copies = {""}
            for _ in range(low):
                copies = {s + c for s in copies for c in letters}
                if len(copies) > SPELLINGS:
                    break
            if len(copies) <= SPELLINGS:
                if run is not None and len(run) * len(copies) <= SPELLINGS:
                    run = {s + c for s in run for c in copies}
                elif run is not None:
                    yield frozenset(run)
                    run = set(copies)
                else:
                    run = set(copies)
                if not fixed:
                    yield frozenset(run)
                    run = set(copies)
                continue
        chars = _characters(op, av)
        if chars is not None:
            if run is not None and len(run) * len(chars) <= SPELLINGS:
                run = {s + c for s in run for c in chars}
                continue
            if run is not None:
                yield frozenset(run)
            run = set(chars) if len(chars) <= SPELLINGS else None
            if run is None:
                yield _node(op, av)
            continue
        if run is not None:
            yield frozenset(run)
            run = None
        yield _node(op, av)
    if run is not None:
        yield frozenset(run)


def _rank(found: frozenset[str]) -> tuple[int, int]:
    # Longer strings are rarer; fewer of them are quicker to look for.
    return min(len(s) for s in found), -len(found)


def _sequence(items: list[tuple[Any, Any]]) -> frozenset[str] | None:
    """The best set any one required part of a sequence gives."""
    best: frozenset[str] | None = None
    for found in _parts(items):
        if found and (best is None or _rank(found) > _rank(best)):
            best = found
    return best


def _node(op: Any, av: Any) -> frozenset[str] | None:
    if op is _sre.SUBPATTERN:
        return _sequence(list(av[-1]))
    if _ATOMIC is not None and op is _ATOMIC:
        return _sequence(list(av))
    if op in _REPEATS:
        low, _high, body = av
        return _sequence(list(body)) if low >= 1 else None
    if op is _sre.BRANCH:
        out: set[str] = set()
        for branch in av[1]:
            found = _sequence(list(branch))
            if not found:
                return None  # one way through needs nothing in particular
            out |= found
        return frozenset(out)
    if op is _sre.ASSERT:
        # What a positive lookahead or lookbehind sees must be in the text too.
        return _sequence(list(av[1]))
    if op is _sre.IN:
        chars = [chr(a) for o, a in av if o is _sre.LITERAL]
        if len(chars) != len(av):
            return None  # a range, a category or a negated class
        return frozenset(c.casefold() for c in chars)
    return None


@lru_cache(maxsize=1024)
def needs_digit(source: str) -> bool:
    """Whether every match of ``source`` needs a decimal digit in the text (in the match,
    or where a lookaround looks): a text without one need not be searched. False when
    unsure, which only ever costs a search.

    Read with the same parser as ``required_literals``; a ``regex`` property class is
    read as ``\\W`` first, a class that is not only digits, so it never counts as one."""
    readable = _readable(source)
    if any(not _COUNT.fullmatch(m.group(1)) for m in _BRACES.finditer(readable)):
        return False
    try:
        return _digit_in(list(_sre_parse.parse(readable)))
    except Exception:  # noqa: BLE001 - unreadable here means "always search", never an error
        return False


class TextHolds:
    """What one text holds, each worked out once and only when first asked: whether it has
    a decimal digit, and its case-folded form. ``could_match`` answers for a pattern whose
    every match needs a digit (``needs_digit``) or one of some strings (``required_literals``)."""

    __slots__ = ("_digit", "_folded", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._digit: bool | None = None
        self._folded: str | None = None

    def could_match(self, digit: bool, strings: Literals | None) -> bool:
        if digit:
            if self._digit is None:
                self._digit = _DIGIT.search(self._text) is not None
            if not self._digit:
                return False
        if strings is not None:
            if self._folded is None:
                self._folded = self._text.casefold()
            return any(s in self._folded for s in strings)
        return True


def _digit_in(items: list[tuple[Any, Any]]) -> bool:
    """Whether a sequence has a part that always holds a decimal digit."""
    return any(_digit_node(op, av) for op, av in items)


def _digit_node(op: Any, av: Any) -> bool:
    if op is _sre.LITERAL:
        return chr(av).isdecimal()
    if op is _sre.IN:
        return bool(av) and all(
            (o is _sre.CATEGORY and a is _sre.CATEGORY_DIGIT)
            or (o is _sre.LITERAL and chr(a).isdecimal())
            or (o is _sre.RANGE and ord("0") <= a[0] <= a[1] <= ord("9"))
            for o, a in av)
    if op is _sre.SUBPATTERN:
        return _digit_in(list(av[-1]))
    if _ATOMIC is not None and op is _ATOMIC:
        return _digit_in(list(av))
    if op in _REPEATS:
        return bool(av[0] >= 1 and _digit_in(list(av[2])))
    if op is _sre.BRANCH:
        return all(_digit_in(list(branch)) for branch in av[1])
    if op is _sre.ASSERT:
        return _digit_in(list(av[1]))  # a lookaround that sees a digit needs one in the text
    return False


class LiteralScan:
    """The required strings of many patterns, looked for in a text in one pass.

    One Aho-Corasick automaton (``pyahocorasick``) over every string of every pattern
    of a rule set: a post is read once and each pattern then asks whether one of its
    own strings was seen, instead of each pattern searching the post for each of its
    strings (some 800 patterns and 3,000 strings in the built-in pack). The answer is
    the same as ``str.__contains__``'s: every occurrence, overlapping ones included.
    A pattern this scan was not built from is told apart (``RulePattern.scan``) and
    searches the post itself.
    """

    def __init__(self, patterns: Iterable[RulePattern]):
        import ahocorasick

        # Each string maps to the patterns that need it, so what one post could match
        # is worked out once per post, and each pattern's question is one set lookup
        # (a post asks it of some 700 patterns).
        needed_by: dict[str, list[int]] = {}
        for slot, pattern in enumerate(patterns):
            pattern.scan = self
            pattern.slot = slot
            for word in pattern.literals or ():
                needed_by.setdefault(word, []).append(slot)
        self._automaton: Any = None
        # RE2's "cannot match" test (``prefilter``), used once this scan has read
        # WARM_TEXTS texts, so a short run never compiles for it; None: not (yet) used.
        self._texts = 0
        self._loose: LooseCheck | None = None
        if needed_by:
            self._automaton = ahocorasick.Automaton()
            for word in sorted(needed_by):
                self._automaton.add_word(word, tuple(needed_by[word]))
            self._automaton.make_automaton()

    def found(self, folded: str, text: str | None = None) -> Found:
        """Which of the patterns the case-folded text holds a needed string of; with
        ``text`` (the text the patterns search, of which ``folded`` is the casefold),
        the patterns may also be asked ``RulePattern.may_match`` of it."""
        checked = self._checked(text) if text is not None else None
        if self._automaton is None:
            return Found(self, frozenset(), text, checked)
        possible: set[int] = set()
        for _end, slots in self._automaton.iter(folded):
            possible.update(slots)
        return Found(self, frozenset(possible), text, checked)

    def _checked(self, text: str) -> str | None:
        """What RE2 reads for ``text`` (itself, or its ``stand_in``), or None when RE2 is
        not (yet) used or the text has no stand-in."""
        if self._loose is None:
            self._texts += 1
            if self._texts <= WARM_TEXTS:
                return None
            self._loose = loose_check()
            if self._loose is None:
                self._texts = -(1 << 62)  # RE2 is not installed: never ask again
                return None
        return text if safe_text(text) else stand_in(text)

    def may_match(self, pattern: RulePattern, found: Found) -> bool:
        if self._loose is None or found.checked is None:
            return True
        return self._loose.may_match(pattern.pattern, pattern.flags, found.checked,
                                     found.checked is not found.text)


class Found:
    """What one ``LiteralScan`` found in one text: the patterns (by slot) that could match."""

    __slots__ = ("scan", "possible", "text", "checked")

    def __init__(self, scan: LiteralScan, possible: frozenset[int], text: str | None = None,
                 checked: str | None = None):
        self.scan = scan
        self.possible = possible
        # The text a pattern may be asked ``may_match`` of, and what RE2 reads for it:
        # the text itself, or its stand-in (``prefilter.stand_in``); None: not asked.
        self.text = text
        self.checked = checked


@lru_cache(maxsize=4096)
def compile_pattern(source: str, flags: int) -> Any:
    """A rule pattern compiled once per process, however many Linters load the pack
    (a web server, a test session). Not in ``regex``'s own cache (500 entries, evicted
    at random): there the pack's patterns would push out the small ones other modules
    reuse. A compiled pattern is immutable, so sharing it is safe. Its alternations are
    gathered by first letter (``alternation``): the same matches, found faster. The
    pack's own are read compiled from ``rules/patterns.bin`` (``pattern_cache``)."""
    return compile_regex(source, flags, cache_pattern=False, gathered=True)


class RulePattern:
    """A rule's regular expression, compiled on first use and skipped on posts
    that lack every string a match needs."""

    __slots__ = ("pattern", "flags", "literals", "_compiled", "scan", "slot", "_clauses", "origin")

    def __init__(self, source: str, flags: int, literals: Literals | None,
                 compiled: Any = None,
                 origin: Callable[[Exception], Exception] | None = None):
        self.pattern = source
        self.flags = flags
        self.literals = literals
        self._compiled = compiled
        # Turns a compile error into one naming where the pattern (or the vocabulary
        # word in it that is to blame) was written: the pack's patterns compile on first
        # use, in the middle of a run, far from the files they were read from.
        self.origin = origin
        # The LiteralScan built from this pattern, if any (see ``could_match``).
        self.scan: LiteralScan | None = None
        self.slot = -1  # this pattern's number in ``scan``
        # ``required_clauses``, worked out when the pattern is first searched; () when
        # it gives none.
        self._clauses: Clauses | None = None

    @property
    def compiled(self) -> Any:
        if self._compiled is None:
            try:
                self._compiled = compile_pattern(self.pattern, self.flags)
            except regex.error as exc:
                if self.origin is None:
                    raise
                raise self.origin(exc) from None
        return self._compiled

    def could_match(self, folded: str, found: Found | None = None) -> bool:
        """Whether the case-folded text holds one of the strings a match needs
        (``found``: what a scan built from this pattern saw in that text)."""
        if self.literals is None:
            return True
        if found is not None and found.scan is self.scan:
            return self.slot in found.possible
        return any(s in folded for s in self.literals)

    def needs_met(self, folded: str) -> bool:
        """Whether the case-folded text holds a string of every set some way through the
        pattern needs (``required_clauses``): the closer test, made on the few posts
        that pass ``could_match``, before the costlier search."""
        clauses = self._clauses
        if clauses is None:
            clauses = self._clauses = required_clauses(self.pattern) or ()
        return clauses_met(clauses, folded)

    def may_match(self, text: str, found: Found | None) -> bool:
        """False only when this pattern cannot match ``text``, as told by RE2 on a
        loosened copy of it (``prefilter``); ``found`` is what the run's scan found in
        that very text. The last and costliest test before a search."""
        if found is None or found.text is not text:
            return True
        return found.scan.may_match(self, found)

    def finditer(self, text: str, folded: str, timeout: float,
                 found: Found | None = None) -> Iterator[Any]:
        if (not self.could_match(folded, found) or not self.needs_met(folded)
                or not self.may_match(text, found)):
            return iter(())
        return iter(self.compiled.finditer(text, timeout=timeout))


class PatternSet:
    """A detector's patterns, asked together which of them could match a text.

    The same answer as asking each pattern's ``could_match`` in turn, in the same
    order, but a pattern the post's literal scan rules out is never visited: with
    ``Found.possible`` the candidates are one set intersection, where a loop over
    every pattern of the pack cost more than the matching itself."""

    __slots__ = ("patterns", "_scan", "_always", "_by_slot", "_slots")

    def __init__(self, patterns: Iterable[RulePattern]):
        self.patterns = tuple(patterns)
        self._scan: LiteralScan | None = None
        self._always: tuple[int, ...] = ()
        self._by_slot: dict[int, list[int]] = {}
        self._slots: frozenset[int] = frozenset()

    def __iter__(self) -> Iterator[RulePattern]:
        return iter(self.patterns)

    def __len__(self) -> int:
        return len(self.patterns)

    def _index(self, scan: LiteralScan) -> None:
        always: list[int] = []
        by_slot: dict[int, list[int]] = {}
        for i, pattern in enumerate(self.patterns):
            if pattern.scan is scan and pattern.literals is not None:
                by_slot.setdefault(pattern.slot, []).append(i)
            else:  # needs nothing in particular, or is not in this scan: asked itself
                always.append(i)
        self._scan, self._always, self._by_slot = scan, tuple(always), by_slot
        self._slots = frozenset(by_slot)

    def ruled_out(self, found: Found | None) -> bool:
        """True when ``candidates`` is empty for the text ``found`` was made from: every
        pattern needs a string of the scan's and the scan saw none of them."""
        if found is None:
            return False
        if found.scan is not self._scan:
            self._index(found.scan)
        return not self._always and self._slots.isdisjoint(found.possible)

    def candidates(self, folded: str, found: Found | None) -> list[RulePattern]:
        """The patterns that could match the case-folded text, in their written order."""
        if found is None:
            return [p for p in self.patterns if p.could_match(folded)]
        if found.scan is not self._scan:
            self._index(found.scan)
        hit = self._slots & found.possible
        if not hit:
            picked: Iterable[int] = self._always
        else:
            picked = sorted([*self._always, *(i for slot in hit for i in self._by_slot[slot])])
        return [p for i in picked if (p := self.patterns[i]).could_match(folded, found)]


def read_index(folder: Path) -> dict[str, Literals | None]:
    """The shipped sets of a rule folder (empty if it has none or it cannot be read)."""
    try:
        data = json.loads((folder / INDEX_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != INDEX_VERSION:
        return {}
    entries = data.get("patterns")
    if not isinstance(entries, dict):
        return {}
    return {str(k): None if v is None else tuple(str(s) for s in v) for k, v in entries.items()}


def build_index(sources: Iterable[str]) -> dict[str, Any]:
    return {
        "version": INDEX_VERSION,
        "about": "Generated by `socialpolicy rules index`: the strings each "
                 "pattern's matches need (see socialpolicy/literals.py). Do not edit.",
        "patterns": {
            key(s): None if (found := required_literals(s)) is None else list(found)
            for s in sorted(set(sources))
        },
    }


def lookup(index: Mapping[str, Literals | None], source: str) -> Literals | None:
    """The shipped set for ``source``, worked out afresh when it is not shipped."""
    k = key(source)
    if k in index:
        return index[k]
    return required_literals(source)
