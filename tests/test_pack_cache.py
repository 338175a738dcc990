"""The pack's YAML parsed ahead of time (rules/parsed.bin): never stale, never code."""

from __future__ import annotations

import pickle
import zlib
from typing import Any

import pytest

from socialpolicy import pack_cache
from socialpolicy.config import Config
from socialpolicy.pack_cache import load_pack_yaml, pack_files, stale_files, text_key
from socialpolicy.resources import package_dir
from socialpolicy.ruleset import load_rule_file
from socialpolicy.yamlpos import PosDict, PosList, load_yaml


def _same(a: Any, b: Any) -> bool:
    """Equal values, and equal positions wherever the parser records them."""
    if type(a) is not type(b):
        return False
    if isinstance(a, PosDict):
        return ((a.line, a.column, a.key_positions, a.value_positions, a.value_styles)
                == (b.line, b.column, b.key_positions, b.value_positions, b.value_styles)
                and list(a) == list(b) and all(_same(a[k], b[k]) for k in a))
    if isinstance(a, PosList):
        return ((a.line, a.column, a.item_positions) == (b.line, b.column, b.item_positions)
                and len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True)))
    return bool(a == b)


def test_the_shipped_parses_are_fresh():
    stale = stale_files()
    assert not stale, (f"rules/{pack_cache.CACHE_NAME} lacks the parse of {stale[0]}: run "
                       "`socialpolicy rules index` (a stale file only slows runs down)")


def test_a_shipped_parse_is_what_the_parser_gives_positions_included():
    files = pack_files()
    assert any(p.parent.name == "vocab" for p in files) and any(p.parent.name == "pii" for p in files)
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert text_key(text) in pack_cache._shipped()
        assert _same(load_pack_yaml(text, str(path)), load_yaml(text, str(path))), path


def test_each_reader_gets_its_own_copy():
    path = package_dir("rules") / "post-length.yaml"
    text = path.read_text(encoding="utf-8")
    first = load_pack_yaml(text, str(path))
    first["title"] = "changed by a caller"
    assert load_pack_yaml(text, str(path))["title"] != "changed by a caller"


def test_an_edited_rule_file_is_read_afresh(tmp_path):
    shipped = package_dir("rules") / "post-length.yaml"
    text = shipped.read_text(encoding="utf-8")
    assert text_key(text) in pack_cache._shipped()
    before = load_rule_file(shipped, Config())
    edited = tmp_path / "post-length.yaml"
    edited.write_text(text.replace(f"title: {before.title}", "title: An edited title", 1),
                      encoding="utf-8")
    assert load_rule_file(edited, Config()).title == "An edited title"
    assert before.title != "An edited title"


def test_a_damaged_or_foreign_entry_costs_a_parse_not_a_finding(monkeypatch):
    path = package_dir("rules") / "post-length.yaml"
    text = path.read_text(encoding="utf-8")

    class Planted:
        def __reduce__(self) -> tuple[Any, ...]:
            return (print, ("never run",))

    for entry in (b"not zlib", zlib.compress(b"not a pickle"),
                  zlib.compress(pickle.dumps({"id": Planted()}))):
        monkeypatch.setattr(pack_cache, "_shipped", lambda entry=entry: {text_key(text): entry})
        assert _same(load_pack_yaml(text, str(path)), load_yaml(text, str(path)))


@pytest.mark.parametrize("content", [None, b"", b"\x00garbage", b"\xe9"])
def test_a_missing_or_unreadable_cache_file_is_no_cache(tmp_path, monkeypatch, content):
    if content is not None:
        (tmp_path / pack_cache.CACHE_NAME).write_bytes(content)
    monkeypatch.setattr(pack_cache, "package_dir", lambda name: tmp_path)
    pack_cache._shipped.cache_clear()
    try:
        assert pack_cache._shipped() == {}
    finally:
        pack_cache._shipped.cache_clear()
