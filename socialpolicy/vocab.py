"""Shared vocabularies and named pattern fragments, as Vale keeps its vocabularies.

A word list that several rules need (groups of people, medicines, relatives) is
written once, in ``rules/vocab/*.yaml``, and any rule uses it by name:
``{{medicines}}`` in a pattern becomes the alternation of the list, and
``"{{medicines}}"`` as an item of a ``phrases`` list adds its words. A regular
expression several patterns repeat (the "not about a season" look-ahead) is a
named fragment: ``{{not_a_season}}`` inserts it as written. A fragment written as
a list is its items joined by ``|`` in the order written (alternatives a reader can
take one a line, unlike a word list, which is sorted longest first). A rule's own
``fragments:`` and a detector's own ``lists:`` are looked up first.

Inside a vocabulary folder a list may be made of other lists: an item written
``"{{other}}"`` stands for the other list's items in its place, and ``{{fragment}}``
inside an item is replaced by that fragment, both when the folder is read. So a
pattern's alternation (sorted longest first) is the same as if every word were
written out, while each word is written once.

A policy officer adds a medicine or a group by editing one list; a Trust's rule
folder may have a ``vocab/`` folder of its own, read by that folder's rules only (the
built-in rules read the pack's alone), where a name the pack has replaces the pack's
(``merged``). docs/rules.md, "A Trust's own word lists", says why.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from .errors import RuleError
from .resources import package_dir

VOCAB_FOLDER = "vocab"
# Where a vocabulary entry was written: (file, line).
Origin = tuple[str, int | None]


@dataclass(frozen=True)
class Vocabulary:
    """Named word lists and regex fragments, with the file each was written in."""

    lists: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    fragments: Mapping[str, str] = field(default_factory=dict)
    sources: Mapping[str, str] = field(default_factory=dict)
    # Where each list's items (in the order of ``lists``) and each fragment were
    # written, as (file, line): a pattern of the pack compiles on first use, long after
    # the files were read, and a word that is not a valid regular expression is then
    # reported at its own line of its own file (``bad_item``), not as the rule's.
    origins: Mapping[str, tuple[Origin, ...]] = field(default_factory=dict)
    fragment_origins: Mapping[str, Origin] = field(default_factory=dict)

    def merged(self, other: Vocabulary) -> Vocabulary:
        """This vocabulary extended by ``other`` (a Trust's folder over the pack)."""
        out = Vocabulary({**self.lists, **other.lists}, {**self.fragments, **other.fragments},
                         {**self.sources, **other.sources}, {**self.origins, **other.origins},
                         {**self.fragment_origins, **other.fragment_origins})
        if not other.lists:
            # Only fragments added (a rule's own ``fragments:``): the lists, and so their
            # alternations, are this vocabulary's; worked out again for every such rule,
            # they were a third of the time it took to load the pack.
            object.__setattr__(out, "alternations", self.alternations)
        return out

    @cached_property
    def alternations(self) -> Mapping[str, str]:
        """Each list as a pattern inserts it: its words, longest first, as ``(?:a|b)``.
        Worked out once per vocabulary, not once per pattern (the pack has some 900
        patterns and 80 lists: that was most of the time it took to load)."""
        return {
            name: "(?:" + "|".join(sorted(expand_items(items, {}, self), key=len, reverse=True)) + ")"
            for name, items in self.lists.items()
        }

    def bad_item(self, names: Iterable[str], flags: int, used_by: str = "") -> RuleError | None:
        """The error for the first fragment or list item among ``names`` (and the
        names they use in turn) that is not a valid regular expression on its own,
        naming the file and line it was written on; None when each of them is."""
        import regex

        seen: set[str] = set()
        todo = list(names)
        while todo:
            name = todo.pop(0)
            if name in seen:
                continue
            seen.add(name)
            if name in self.fragments:
                written = [(self.fragments[name], self.fragment_origins.get(name), "fragments")]
            elif name in self.lists:
                origins = self.origins.get(name, ())
                written = [(item, origins[i] if i < len(origins) else None, "lists")
                           for i, item in enumerate(self.lists[name])]
            else:
                continue
            for text, origin, kind in written:
                inner = _REFERENCE.findall(text)
                if inner:  # a name the folder could not write out: checked in its turn
                    todo.extend(inner)
                    continue
                try:
                    regex.compile(text, flags)
                except regex.error as exc:
                    path, line = origin or (self.sources.get(name, "a vocabulary file"), None)
                    return RuleError(path, f"{kind}.{name}: '{text[:80]}' is not a valid "
                                     f"regular expression: {exc}{used_by}", line)
        return None

EMPTY = Vocabulary()


def read_vocabulary(rule_folder: Path) -> Vocabulary:
    """The vocabulary in ``rule_folder/vocab/*.yaml`` (empty when there is none)."""
    return _read(rule_folder.resolve())


@lru_cache(maxsize=16)
def _read(rule_folder: Path) -> Vocabulary:
    folder = rule_folder / VOCAB_FOLDER
    if not folder.is_dir():
        return EMPTY
    lists: dict[str, tuple[str, ...]] = {}
    fragments: dict[str, str] = {}
    sources: dict[str, str] = {}
    where: dict[str, tuple[str, int | None]] = {}
    item_where: dict[str, tuple[Origin, ...]] = {}
    # The pack's own files are checked against the schema by the tests, as its rule
    # files are (``read_rule_file(validate=False)``): checking them on every run cost
    # a cold check about 0.1 s, most of it importing jsonschema. A Trust's are checked.
    checked = rule_folder != package_dir("rules").resolve()
    for path in sorted(folder.glob("*.y*ml")):
        data = _load(path, checked)
        for kind, table in (("lists", data.get("lists") or {}), ("fragments", data.get("fragments") or {})):
            if not isinstance(table, Mapping):
                raise RuleError(str(path), f"{kind}: must be a mapping of names to lists",
                                getattr(data, "key_positions", {}).get(kind, (None,))[0])
            for name, value in table.items():
                if name in sources:
                    raise RuleError(str(path), f"{kind}.{name}: already defined in {sources[name]}; "
                                    "a vocabulary name is defined once")
                sources[name] = path.name
                line = getattr(table, "key_positions", {}).get(name, (None,))[0]
                # The pack's files skip the schema (above), so a list left empty or
                # written as a mapping while editing one is named here, not a crash.
                if not isinstance(value, list) and (kind == "lists" or not isinstance(value, str)):
                    raise RuleError(str(path), f"{kind}.{name}: must be a list of words or patterns"
                                    + ("" if kind == "lists" else ", or one pattern"), line)
                where[name] = (str(path), line)
                if kind == "lists":
                    lists[name] = tuple(str(item) for item in value)
                    at = getattr(value, "item_positions", [])
                    item_where[name] = tuple((str(path), at[i][0] if i < len(at) else line)
                                             for i in range(len(value)))
                else:
                    fragments[name] = fragment_text(value)
    composed, origins = _composed(lists, fragments, where, item_where)
    return Vocabulary(composed, fragments, sources, origins, {name: where[name] for name in fragments})


_REFERENCE = re.compile(r"\{\{\s*(\w+)\s*\}\}")


def _composed(lists: Mapping[str, tuple[str, ...]], fragments: Mapping[str, str],
              where: Mapping[str, tuple[str, int | None]],
              item_where: Mapping[str, tuple[Origin, ...]],
              ) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[Origin, ...]]]:
    """Each list with its ``"{{other}}"`` items spliced in and its ``{{fragment}}``s
    written out; an item naming nothing in the folder is kept as written (a rule's
    own list or a Trust's may still supply it when a pattern is expanded). With each
    list, where each of its items was written."""
    done: dict[str, tuple[str, ...]] = {}
    origins: dict[str, tuple[Origin, ...]] = {}

    def fragment(match: re.Match[str]) -> str:
        return fragments.get(match.group(1), match.group(0))

    def resolve(name: str, chain: tuple[str, ...]) -> tuple[str, ...]:
        if name in done:
            return done[name]
        if name in chain:
            path, line = where[chain[0]]
            raise RuleError(path, f"lists.{chain[0]}: is made of itself "
                            f"({' -> '.join((*chain, name))}); a list may name other lists only",
                            line)
        out: list[str] = []
        at: list[Origin] = []
        for item, origin in zip(lists[name], item_where[name], strict=True):
            whole = _REFERENCE.fullmatch(item.strip())
            if whole and whole.group(1) in lists:
                words = resolve(whole.group(1), (*chain, name))
                written = origins[whole.group(1)]
            else:
                words, written = (_REFERENCE.sub(fragment, item),), (origin,)
            for word, word_at in zip(words, written, strict=True):
                if word not in out:
                    out.append(word)
                    at.append(word_at)
        done[name], origins[name] = tuple(out), tuple(at)
        return done[name]

    for name in lists:
        resolve(name, ())
    return done, origins


def fragment_text(value: Any) -> str:
    """A fragment as inserted: a string as written, a list as its items joined by ``|``."""
    if isinstance(value, list):
        return "|".join(str(item) for item in value)
    return str(value)


VOCAB_SCHEMA = "vocab.schema.json"
MAX_VOCAB_BYTES = 5_000_000


def _load(path: Path, checked: bool = True) -> Mapping[str, Any]:
    from .schema_check import read_checked_yaml

    data = read_checked_yaml(path, VOCAB_SCHEMA if checked else None, MAX_VOCAB_BYTES,
                             "a vocabulary file")
    return data if isinstance(data, Mapping) else {}


def expand_items(items: Sequence[Any], own: Mapping[str, Sequence[str]], vocab: Vocabulary,
                 _within: tuple[str, ...] = ()) -> list[str]:
    """A ``phrases`` list with each ``{{name}}`` item replaced by that list's words.

    A detector's own list is spliced with its own ``{{name}}`` items spliced in turn,
    so a word it shares with a vocabulary list ("{{discharge}}") lands where it is
    written, as in a vocabulary list; a list that names itself is kept as written."""
    out: list[str] = []
    for item in items:
        text = str(item).strip()
        if text.startswith("{{") and text.endswith("}}"):
            name = text[2:-2].strip()
            if name in own and name not in _within:
                out.extend(expand_items(own[name], own, vocab, (*_within, name)))
                continue
            if name in vocab.lists:
                out.extend(vocab.lists[name])
                continue
        out.append(str(item))
    return out
