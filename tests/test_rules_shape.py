"""The rule pack stays readable: no file over 500 lines, nothing written twice.

Issue 15 item 2: a policy officer adds a medicine, a condition, a group or a phrase
by editing ONE list, so no word may sit in two lists, and a regular expression
several patterns need is a named fragment (``rules/vocab/*.yaml`` or a rule's own
``fragments:``), not a paste. What counts as "written twice":

* **A list item**: an item of a word list (a value of a ``lists:`` mapping, in a
  vocabulary or a detector, or a ``phrases``, ``not_names`` or ``patterns``
  sequence) that appears again in the same or another list once case and runs of
  white space are ignored. Items that name a vocabulary (``{{medicines}}``) are
  references, not words, and are left to the fragment check below.
* **A pattern fragment**: any 40 characters of pattern text (white space runs
  collapsed) that stand in two places in ``rules/``: two patterns, fragments or list
  items, or twice in one of them without overlapping. 40 because shorter runs are
  the grammar of regular expressions that every rule shares (``(?:^|[.!?]\\s+)``,
  ``\\b(?:we|i)\\s+``), while a pasted look-ahead or word alternation is longer:
  the pack's repeated pieces before the clean-up were 60 to 2,000 characters.

Example texts, messages and clause quotes are prose and are not checked.
"""

from __future__ import annotations

import functools
import shutil
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest
import regex
import yaml

RULES = Path(__file__).resolve().parent.parent / "rules"
MAX_LINES = 500
FRAGMENT_CHARS = 40

# Files still being migrated in branches of session 4 (issue 15 item 2); the lead
# removes each entry when that branch merges, and the checks then cover the file too.
# A file listed here is exempt from the checks named beside it: ALL (not read at all),
# or REPEATS (its length is checked, its words and fragments are not compared).
ALL = frozenset({"size", "repeats"})
REPEATS = frozenset({"repeats"})
STILL_MIGRATING: Mapping[str, tuple[str, frozenset[str]]] = {
    # Empty since session 5: every file of rules/ is checked.
}

# Keys whose sequences are word lists, and keys whose strings are pattern text.
_LIST_KEYS = frozenset({"phrases", "not_names", "patterns"})
_PATTERN_PARTS = frozenset({"patterns", "pattern", "phrases", "matches", "not_matches", "lists",
                            "fragments"})
_REFERENCE = regex.compile(r"\{\{\s*\w+\s*\}\}")


def _files(folder: Path, check: str) -> Iterator[tuple[str, Path]]:
    for path in sorted(folder.rglob("*.y*ml")):
        name = path.relative_to(folder).as_posix()
        if check not in STILL_MIGRATING.get(name, ("", frozenset()))[1]:
            yield name, path


def _compose(path: Path) -> yaml.Node | None:
    # The node graph, not the loaded data: a YAML alias (``*drug_words``) is the
    # same node as its anchor, so a list written once and aliased is not a repeat.
    return _composed(path.read_text(encoding="utf-8"))


@functools.cache
def _composed(text: str) -> yaml.Node | None:
    # By text: the planted-pack tests copy the pack, and only the planted file is new.
    # libyaml's composer where PyYAML has it (an alias is its anchor's node there too).
    # The nodes are only read, so sharing them between checks is safe.
    return yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def _normal(text: str) -> str:
    return " ".join(str(text).split())


def _walk(node: yaml.Node | None, where: str, seen: set[int]) -> Iterator[tuple[str, str, yaml.Node]]:
    """(path, key, node) for every node reached once, skipping ``examples``."""
    if isinstance(node, yaml.MappingNode):
        children = [(f"{where}.{k.value}", str(k.value), v) for k, v in node.value if k.value != "examples"]
    elif isinstance(node, yaml.SequenceNode):
        children = [(f"{where}[{i}]", "", item) for i, item in enumerate(node.value)]
    else:
        return
    for here, key, child in children:
        if id(child) not in seen:
            seen.add(id(child))
            yield here, key, child
            yield from _walk(child, here, seen)


def word_lists(root: yaml.Node | None, name: str) -> Iterator[tuple[str, list[yaml.ScalarNode]]]:
    """Every word list of a rule or vocabulary file, with a path naming it."""
    for where, key, node in _walk(root, name, set()):
        if not isinstance(node, yaml.SequenceNode):
            continue
        in_lists = where.rsplit(".", 2)[-2:-1] == ["lists"]
        if key in _LIST_KEYS or in_lists:
            yield where, [item for item in node.value if isinstance(item, yaml.ScalarNode)]


def pattern_texts(root: yaml.Node | None, name: str) -> Iterator[tuple[str, str]]:
    """Every string of pattern text: patterns, fragments, list items, phrases."""
    inside: set[int] = set()
    for where, _key, node in _walk(root, name, set()):
        parent_inside = any(part in _PATTERN_PARTS for part in regex.split(r"[.\[]", where))
        if parent_inside and isinstance(node, yaml.ScalarNode) and id(node) not in inside:
            inside.add(id(node))
            yield f"{where} (line {node.start_mark.line + 1})", _normal(node.value)


def oversize(folder: Path) -> list[str]:
    out = []
    for name, path in _files(folder, "size"):
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_LINES:
            out.append(f"{name}: {lines} lines (at most {MAX_LINES}; move word lists to rules/vocab/)")
    return out


def repeated_items(folder: Path) -> list[str]:
    seen: dict[str, str] = {}
    out = []
    for name, path in _files(folder, "repeats"):
        for where, items in word_lists(_compose(path), name):
            for index, item in enumerate(items):
                text = _normal(item.value).casefold()
                if not text or _REFERENCE.search(text):
                    continue
                place = f"{where}[{index}] (line {item.start_mark.line + 1})"
                if text in seen:
                    out.append(f"{item.value!r} at {place} is already at {seen[text]}")
                else:
                    seen[text] = place
    return out


def repeated_fragments(folder: Path, size: int = FRAGMENT_CHARS) -> list[str]:
    first: dict[str, tuple[str, int]] = {}
    out: dict[str, str] = {}
    for name, path in _files(folder, "repeats"):
        for where, text in pattern_texts(_compose(path), name):
            for start in range(len(text) - size + 1):
                piece = text[start:start + size]
                if piece in out:
                    continue
                if piece not in first:
                    first[piece] = (where, start)
                    continue
                other, at = first[piece]
                if other != where or start - at >= size:
                    out[piece] = f"{piece!r} at {where} is already at {other}"
    # One report per stretch: drop pieces inside a longer repeated run already named.
    reported, last = [], ""
    for piece, message in out.items():
        if last and piece[:-1] == last[1:]:
            last = piece
            continue
        reported.append(message)
        last = piece
    return reported


def test_no_rule_file_is_over_500_lines() -> None:
    assert oversize(RULES) == []


def test_no_list_item_is_written_twice() -> None:
    assert repeated_items(RULES) == []


def test_no_pattern_fragment_is_written_twice() -> None:
    assert repeated_fragments(RULES) == []


def test_allow_list_names_files_that_exist() -> None:
    # An entry outliving its file would silently exempt a future file of that name.
    assert [name for name in STILL_MIGRATING if not (RULES / name).is_file()] == []


# -- the checks fail on what they are meant to catch ------------------------------


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    folder = tmp_path / "rules"
    shutil.copytree(RULES, folder)
    return folder


def test_a_word_planted_in_a_second_list_is_reported(pack: Path) -> None:
    before = set(repeated_items(pack))
    (pack / "vocab" / "planted.yaml").write_text(
        "lists:\n  planted: [zzyzxword, 'Brand  New Word']\n", encoding="utf-8")
    (pack / "planted.yaml").write_text(
        "id: planted\ndetect:\n  - kind: phrases\n    phrases: [brand new word, ZZYZXWORD, unique]\n",
        encoding="utf-8")
    found = sorted(set(repeated_items(pack)) - before)
    assert found == [
        "'Brand  New Word' at vocab/planted.yaml.lists.planted[1] (line 2) is already at "
        "planted.yaml.detect[0].phrases[0] (line 4)",
        "'zzyzxword' at vocab/planted.yaml.lists.planted[0] (line 2) is already at "
        "planted.yaml.detect[0].phrases[1] (line 4)",
    ]


def test_a_pasted_fragment_is_reported_but_a_short_one_is_not(pack: Path) -> None:
    fragment = r"(?!\s+(?:plantedword|sentinels?|zzyzx|frobnicated))"
    assert len(fragment) >= FRAGMENT_CHARS
    before = set(repeated_fragments(pack))
    (pack / "planted.yaml").write_text(
        "id: planted\ndetect:\n  - kind: pattern\n"
        f"    patterns: ['\\bone{fragment}', '\\btwo{fragment}', '(?:^|[.!?]\\s+)ok']\n"
        "  - kind: pattern\n    patterns: ['(?:^|[.!?]\\s+)fine']\n",
        encoding="utf-8")
    found = sorted(set(repeated_fragments(pack)) - before)
    assert len(found) == 1 and "planted.yaml.detect[0].patterns[1]" in found[0]


def test_a_file_over_500_lines_is_reported(pack: Path) -> None:
    before = set(oversize(pack))
    (pack / "vocab" / "long.yaml").write_text(
        "lists:\n  long:\n" + "".join(f"    - word{i}\n" for i in range(MAX_LINES)), encoding="utf-8")
    assert sorted(set(oversize(pack)) - before) == [f"vocab/long.yaml: {MAX_LINES + 2} lines (at most {MAX_LINES}; "
                              "move word lists to rules/vocab/)"]
