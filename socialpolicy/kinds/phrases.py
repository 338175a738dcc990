"""Phrase lists: many words and phrases found in one pass, robust to obfuscation.

Each word of the post is looked up in a set, after undoing the usual disguises:
l33t digits and symbols (``1d10t``), letters spaced or dotted apart
(``i d i o t``, ``i.d.i.o.t``), stretched letters (``idiooot``), masking
asterisks (``id*ot``), and, with ``fuzzy: true``, one dropped or swapped inner
letter in words of five letters or more (``idoit``, ``stupd``). Variants that are
themselves common English words are never added, so ``fuzzy`` cannot turn
"idiom" into an insult.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any, ClassVar

import regex

from ..normalize import Folded
from ..text import leet
from ..text.words import common_words
from ..vocab import expand_items
from .base import BuildContext, Hit, Options, PostContext, spec_error
from .textsource import LISTS, TextDetector, folded_source, make_hit, resolve_on

_WORD = regex.compile(r"[\p{L}\p{N}@$!|+*€£'’]+")
_SPACED_RUN = regex.compile(r"(?<![\p{L}\p{N}])(?:\p{L}[ .\-_*/]){2,}\p{L}(?![\p{L}\p{N}])")
_REPEATS = regex.compile(r"(\p{L})\1{2,}")
_SPACERS = regex.compile(r"[ .\-_*/]")
# One dot, dash or underscore standing for a letter in a short word ("sh.t", "pr-ck",
# "tw_t"): read as a mask too, beside the two halves as words of their own, so
# "shit-faced" and "x-ray" are read exactly as before.
_DASH = regex.compile(r"[.\-_]")
_DASH_SEEN_MAX = 50_000
_MASKED_WORD = regex.compile(r"(?<![\p{L}\p{N}.\-_])\p{L}{1,5}[.\-_]\p{L}{1,7}(?![\p{L}\p{N}]|[.\-_]\p{L})")


def _variants(word: str) -> set[str]:
    """One inner letter dropped or two inner letters swapped."""
    out: set[str] = set()
    for i in range(1, len(word) - 1):
        out.add(word[:i] + word[i + 1:])
        if i < len(word) - 2:
            out.add(word[:i] + word[i + 1] + word[i] + word[i + 2:])
    out.discard(word)
    return out


def _deleet(token: str) -> str:
    if token.startswith("@") and len(token) > 1 and token[1:].isalpha():
        return token  # a mention, not a disguised word
    lower = token.lower().replace("'", "").replace("’", "")
    if any(ch.isalpha() for ch in lower) and not lower.isalpha():
        lower = lower.translate(leet.TRANSLATION)
    return lower


@lru_cache(maxsize=1 << 16)
def _spellings(raw: str, spaced: bool, masked: tuple[int, ...]) -> tuple[int, tuple[str, ...]]:
    """The spellings a word could stand for, the likeliest first, and how many of its
    last characters are punctuation. Pure, so cached: most words of most posts are
    everyday words seen many times (``masked``: offsets in ``raw`` that folding read a
    masking "@" in as its letter)."""
    joined = _SPACERS.sub("", raw) if spaced else raw
    # Sentence punctuation ("idiot!") is not a disguise: try with it trimmed too.
    trimmed = joined.strip("!|+$@*'’")
    forms: set[str] = set()
    for raw_form in {joined, trimmed} if trimmed else {joined}:
        bases = {_deleet(raw_form).strip("'")}
        for char, letter in leet.ALSO_FOR.items():  # "bo11ocks"
            if char in raw_form:
                bases.add(_deleet(raw_form.replace(char, letter)).strip("'"))
        # "f@ckwit": a mask inside a word hides a letter (folding has already read
        # a masking "@" as its letter; ``masked`` says where).
        at = raw.find(raw_form) if not spaced else -1
        inner = [i for i in range(1, len(raw_form) - 1)
                 if raw_form[i] in leet.MASKS or (at >= 0 and at + i in masked)]
        if inner:
            bases.add("".join("*" if i in inner else ch for i, ch in enumerate(raw_form)))
        for base in bases:
            forms.update((base, _REPEATS.sub(r"\1", base), _REPEATS.sub(r"\1\1", base)))
    likeliest = _deleet(trimmed)
    # Trailing "!" or "'" is punctuation far more often than a letter.
    trailing = len(raw) - len(raw.rstrip("!'’"))
    return trailing, tuple(sorted(forms, key=lambda f: (f != likeliest, f)))


_WORDS: Mapping[str, Any] = {"type": "array", "items": {"type": "string"}}


class PhraseDetector(TextDetector):
    options: ClassVar[Options] = {
        **TextDetector.options,
        "phrases": {"type": "array", "minItems": 1, "items": {"type": "string"}},
        **LISTS,
        # Endings each phrase is also found with ("s", "ing").
        "suffixes": _WORDS,
        "fuzzy": {"type": "boolean"},
        # Forms never reported, though a disguise or ``fuzzy`` would make them.
        "never": _WORDS,
        "asterisks": {"type": "boolean"},
    }

    def __init__(self, spec: Mapping[str, Any], build: BuildContext):
        super().__init__(spec, build)
        # "{{name}}" as an item adds a shared vocabulary list's words.
        phrases = expand_items(spec.get("phrases") or [], self.lists, build.vocab)
        if not phrases:
            raise spec_error(build, "phrases", "a phrases detector needs at least one phrase")
        suffixes = [""] + [str(s) for s in spec.get("suffixes") or []]
        fuzzy = bool(spec.get("fuzzy", False))
        # Near-misses that are ordinary words; "{{name}}" adds a shared list of them.
        never = {w.lower() for w in expand_items(spec.get("never") or [], spec.get("lists") or {}, build.vocab)}
        common = common_words() if fuzzy else frozenset()
        self.terms: set[str] = set()
        for phrase in phrases:
            words = str(phrase).lower().split()
            if not words:
                continue
            for suffix in suffixes:
                form = " ".join([*words[:-1], words[-1] + suffix])
                self.terms.add(form)
                if fuzzy and len(words) == 1 and len(form) >= 5:
                    self.terms.update(v for v in _variants(form) if v not in common)
        self.terms -= never
        self.max_words = max(len(t.split()) for t in self.terms)
        # The first word of each phrase of several words: a window of words is only
        # looked up when its first word starts some phrase (a word's spellings never
        # hold a space, so a joined window can equal a phrase only then).
        self.first_words = frozenset(t.split(" ", 1)[0] for t in self.terms if " " in t)
        self.masked_ok = bool(spec.get("asterisks", True))
        self.fuzzy = fuzzy
        self._ends: dict[tuple[str, str], list[str]] | None = None
        # Dash-masked words already looked up: the same few ("follow-up", "e-mail") recur.
        self._dash_seen: dict[str, bool] = {}

    def _tokens(self, source: Folded) -> list[tuple[int, int, list[str]]]:
        """Word tokens as (start, end, candidate spellings)."""
        text = source.text
        spans: list[tuple[int, int, bool]] = []
        covered: set[int] = set()
        for run in _SPACED_RUN.finditer(text):
            # "f u c k" and "i.d.i.o.t" become one token; a real sentence of
            # one-letter words ("a b c") simply finds nothing in the set.
            spans.append((*run.span(), True))
            covered.update(range(*run.span()))
        for match in _WORD.finditer(text):
            if match.start() not in covered:
                spans.append((*match.span(), False))
        spans.sort()
        tokens = []
        masks = source.masked
        for start, end, spaced in spans:
            # Where folding read a masking "@" as its letter, counted from the word's start.
            inside = tuple(i - start for i in range(start, end) if i in masks) if masks else ()
            trailing, forms = _spellings(text[start:end], spaced, inside)
            tokens.append((start, max(end - trailing, start + 1), list(forms)))
        return tokens

    def _masked_match(self, form: str) -> bool:
        if "*" not in form or not self.masked_ok or form.strip("*") == "":
            return False
        letters = form.replace("*", "")
        if len(letters) < 2:
            return False
        if form[0] == "*" or form[-1] == "*":
            candidates: Iterable[str] = self.terms
        else:
            # Only terms with the same first and last letter can match: a dash in an
            # ordinary word ("pre-op") is looked up among a handful, not the whole list.
            if self._ends is None:
                ends: dict[tuple[str, str], list[str]] = {}
                for term in self.terms:
                    ends.setdefault((term[0], term[-1]), []).append(term)
                self._ends = ends
            candidates = self._ends.get((form[0], form[-1]), ())
        pattern = regex.compile("^" + ".{1,2}".join(regex.escape(p) for p in form.split("*")) + "$")
        return any(pattern.match(term) for term in candidates if len(term) >= len(form) - 1)

    def find(self, ctx: PostContext) -> Iterable[Hit]:
        on = resolve_on(ctx, self.on)
        source = folded_source(ctx, on)
        if source is None:
            return []
        # Every phrase list of every rule reads the same words: split the text once.
        tokens = ctx.memo(f"phrase-tokens:{on}", lambda: self._tokens(source))
        hits: list[Hit] = []
        terms = self.terms
        # Keyed like the tokens it is made from (a plain view that hides nothing shares them).
        seen: _Seen = ctx.memo(f"phrase-forms:{on}", lambda: _Seen.of(tokens))
        if (terms.isdisjoint(seen.forms) and not seen.spaced and not (self.masked_ok and seen.masked)
                and self.first_words.isdisjoint(seen.firsts)):
            # The loop below would find nothing: no spelling of any word is a phrase, none
            # starts one of several words, and none is masked with "*". Most posts, for most
            # lists. A word masked with a dot, dash or underscore is still looked for.
            if self.fuzzy and self.masked_ok:
                hits += self._dash_masked(ctx, on, source, hits)
            return hits
        used_until = -1
        for index, (start, end, forms) in enumerate(tokens):
            if start < used_until:
                continue
            # Longest phrase first, so "waste of space" wins over "waste".
            longest = min(self.max_words, len(tokens) - index)
            if longest > 1 and forms[0] not in self.first_words and " " not in forms[0]:
                longest = 1  # no phrase of several words starts with this word
            for size in range(longest, 1, -1):
                window = tokens[index:index + size]
                if " ".join(t[2][0] for t in window) in terms:
                    end = window[-1][1]
                    hits.append(make_hit(ctx, on, source, start, end, personal=self.personal))
                    used_until = end
                    break
            else:
                if not terms.isdisjoint(forms) or (
                    self.masked_ok and any("*" in f and self._masked_match(f) for f in forms)
                ):
                    hits.append(make_hit(ctx, on, source, start, end, personal=self.personal))
                    used_until = end
        if self.fuzzy and self.masked_ok:
            hits += self._dash_masked(ctx, on, source, hits)
        return hits

    def _dash_masked(self, ctx: PostContext, on: str, source: Folded, hits: list[Hit]) -> list[Hit]:
        """With ``fuzzy``, a dot, dash or underscore standing for a letter ("sh.t", "pr-ck")
        where no other hit of this list already covers the word."""
        # Every list reads the same words ("p.s", "e.g": too short to say what is hidden).
        words: list[tuple[int, int, str]] = ctx.memo(f"dash-masked:{on}", lambda: [
            (m.start(), m.end(), _DASH.sub("*", m.group(0).lower()))
            for m in _MASKED_WORD.finditer(source.text) if len(m.group(0)) >= 4])
        found: list[Hit] = []
        for start, end, form in words:
            if form not in self._dash_seen:
                if len(self._dash_seen) >= _DASH_SEEN_MAX:
                    self._dash_seen.clear()  # bounded over a long run
                self._dash_seen[form] = self._masked_match(form)
            if self._dash_seen[form]:
                hit = make_hit(ctx, on, source, start, end, personal=self.personal)
                if not any(h.start < hit.end and hit.start < h.end for h in hits):
                    found.append(hit)
        return found


class _Seen:
    """What the words of one text offer every phrase list: all their spellings, the first
    spelling of each (which starts a window of several words), whether a first spelling
    holds a space (a spaced-out run) and whether any spelling has an asterisk."""

    __slots__ = ("forms", "firsts", "spaced", "masked")

    def __init__(self, forms: frozenset[str], firsts: frozenset[str]):
        self.forms = forms
        self.firsts = firsts
        self.spaced = any(" " in f for f in firsts)
        self.masked = any("*" in f for f in forms)

    @classmethod
    def of(cls, tokens: list[tuple[int, int, list[str]]]) -> _Seen:
        return cls(frozenset(f for _, _, forms in tokens for f in forms),
                   frozenset(forms[0] for _, _, forms in tokens))


DETECTOR = PhraseDetector
