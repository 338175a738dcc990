"""The pack's regular expressions compiled ahead of time (rules/patterns.bin): never
stale, never code, and the very programs ``regex`` compiles."""

from __future__ import annotations

import marshal
import pickle
import zlib
from collections.abc import Iterator
from typing import Any

import pytest
import regex

from socialpolicy import pattern_cache, pattern_index
from socialpolicy.alternation import by_first_letter
from socialpolicy.config import Config
from socialpolicy.engine import Linter
from socialpolicy.literals import required_clauses, work_out_clauses
from socialpolicy.pattern_cache import compile_regex, shipped_clauses, shipped_entries
from socialpolicy.resources import package_dir
from socialpolicy.ruleset import load_rule_file, load_rules


@pytest.fixture
def fresh_caches() -> Iterator[None]:
    """The file read again, and no pattern restored before, for this test only."""
    shipped_entries.cache_clear()
    pattern_cache._restored.cache_clear()
    yield
    shipped_entries.cache_clear()
    pattern_cache._restored.cache_clear()


def test_the_shipped_patterns_are_fresh():
    lacking = pattern_index.missing()
    assert not lacking, (f"rules/{pattern_cache.CACHE_NAME} lacks {lacking[0]!r}: run "
                         "`socialpolicy rules index` (a stale file only slows runs down)")


def test_a_shipped_pattern_finds_what_a_fresh_compile_finds():
    programs, _ = shipped_entries()
    assert len(programs) > 500
    gathered = 0
    for source, key in programs:
        restored = pattern_cache._restored(source, key)
        assert restored is not None, source[:60]
        flags = key & ~pattern_cache.GATHERED
        # Rule patterns and conditions are stored with their alternations gathered.
        written = by_first_letter(source) if key & pattern_cache.GATHERED else source
        gathered += key != flags
        assert restored.pattern == written and restored.flags & flags == flags
    assert gathered > 500
    # What each finds, on the longest patterns and a spread of the rest (compiling all of
    # them again would take seconds; ``regex`` may order an equivalent program otherwise
    # in another process, so the programs' bytes are not compared).
    texts = [example.text for rule in load_rules(Config()) for example in rule.examples]
    keys = sorted(programs, key=lambda k: (-len(k[0]), k))
    for source, key in keys[:6] + keys[6::60]:
        flags = key & ~pattern_cache.GATHERED
        # The pattern as written, compiled afresh: what a gathered program finds must match.
        fresh = regex.compile(source, flags, cache_pattern=False)
        restored = compile_regex(source, flags, gathered=key != flags)
        for text in texts:
            assert ([m.span() for m in restored.finditer(text)]
                    == [m.span() for m in fresh.finditer(text)]), (source[:60], text)


def test_the_shipped_answers_are_what_the_parser_works_out():
    _, clauses = shipped_entries()
    assert len(clauses) > 500
    # A spread of them (working all out takes seconds): a change to how the answers are
    # worked out shows on many patterns at once.
    for source in sorted(clauses)[::8]:
        assert shipped_clauses(source) == work_out_clauses(source), source[:60]
        assert required_clauses(source) == work_out_clauses(source)


def test_a_pattern_not_shipped_is_compiled_from_its_own_text():
    source = r"\bgorleston[- ]on[- ]sea\b"
    assert pattern_cache._restored(source, regex.I) is None
    assert compile_regex(source, regex.I).search("Sunny in GORLESTON-ON-SEA today")
    assert not pattern_cache.is_shipped(shipped_clauses(source))
    assert required_clauses(source) == work_out_clauses(source)


def test_an_edited_rule_file_gets_its_new_pattern(tmp_path):
    shipped = package_dir("rules") / "link-safety.yaml"
    text = shipped.read_text(encoding="utf-8")
    old = r"""'(?<![\w/])http://[^\s<>"'')\]]+'"""
    assert old in text
    post = "Read our guide at http://www.example.org/visiting or gopher://old.example.org/menu"
    before = Linter(Config(), rules=[load_rule_file(shipped, Config())]).check_text(post)
    assert [f.evidence for f in before] == ["http://www.example.org/visiting"]
    edited = tmp_path / "link-safety.yaml"
    edited.write_text(text.replace(old, old.replace("http://", "gopher://"), 1), encoding="utf-8")
    after = Linter(Config(), rules=[load_rule_file(edited, Config())]).check_text(post)
    assert [f.evidence for f in after] == ["gopher://old.example.org/menu"]


class _Planted:
    ran: list[str] = []

    def __reduce__(self) -> tuple[Any, ...]:
        return (_Planted.ran.append, ("ran",))


def _entries(programs: dict[tuple[str, int], bytes], clauses: dict[str, bytes] | None = None
             ) -> Any:
    return lambda: (programs, clauses or {})


def test_a_planted_or_damaged_entry_costs_a_compile_not_a_finding(monkeypatch, fresh_caches):
    source, flags = r"\bdatix\s+(?:number|ref)", int(regex.I | regex.V0)
    other = pickle.dumps(regex.compile(r"\bnothing\b", flags))
    for stored in (b"not zlib", zlib.compress(b"not a pickle"), zlib.compress(pickle.dumps(_Planted())),
                   zlib.compress(other), zlib.compress(pickle.dumps(regex.compile(source, regex.I)))):
        pattern_cache._restored.cache_clear()
        monkeypatch.setattr(pattern_cache, "shipped_entries", _entries({(source, flags): stored}))
        compiled = compile_regex(source, flags)
        assert compiled.pattern == source and compiled.flags & flags == flags
        assert compiled.search("Our DATIX ref is on the intranet")
    assert _Planted.ran == []


@pytest.mark.parametrize("answer", [(((1,),),), ((("",) * 0,),), "text", ((("ok",),), "no")])
def test_shipped_required_strings_of_another_shape_are_worked_out(monkeypatch, answer):
    source = r"\b(?:you|u)\s+(?:idiot|moron)"
    stored = zlib.compress(marshal.dumps(answer, 4))
    monkeypatch.setattr(pattern_cache, "shipped_entries", _entries({}, {source: stored}))
    assert not pattern_cache.is_shipped(shipped_clauses(source))
    assert required_clauses(source) == work_out_clauses(source)


@pytest.mark.parametrize("content", [None, b"", b"\x00garbage", b"\xe9",
                                     marshal.dumps((pattern_cache.CACHE_VERSION, "1999.1.1", {}, {}))])
def test_a_missing_damaged_or_foreign_file_is_no_cache(tmp_path, monkeypatch, fresh_caches, content):
    if content is not None:
        (tmp_path / pattern_cache.CACHE_NAME).write_bytes(content)
    monkeypatch.setattr(pattern_cache, "package_dir", lambda name: tmp_path)
    assert shipped_entries() == ({}, {})
    assert compile_regex(r"\bward\s+\d+", regex.I).search("on Ward 5")
