"""The shipped YAML files, parsed ahead of time, so a one-draft check does not parse them.

Every run reads the rule pack's YAML (the rule files, ``rules/vocab/``, the personal-data
recognizers): parsing it with positions was about 0.1 s of a cold one-draft check.
``socialpolicy rules index`` writes ``rules/parsed.bin``: each of those files' parse, as
``yamlpos.load_yaml`` returns it, keyed by the SHA-256 of the file's text.
``load_pack_yaml`` hashes the text it is given and takes the parse from there only when
the hash is listed, so an edited file (or a Trust's own) is parsed afresh: the file can
never give a stale answer, only a slower one (a test fails while it lags the pack). It is
read from the package, never written at run time.

Each parse is stored as a compressed pickle, read back through an unpickler that builds
nothing but the position-keeping dicts and lists, dates and plain values: the file holds
data, never code.
"""

from __future__ import annotations

import hashlib
import io
import marshal
import pickle
import zlib
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from .resources import package_dir
from .yamlpos import load_yaml

CACHE_NAME = "parsed.bin"
# Bumped whenever what ``load_yaml`` returns changes shape (a new attribute on PosDict):
# a file of another version is ignored, and everything is parsed as before.
CACHE_VERSION = 1
_ALLOWED = frozenset({
    ("socialpolicy.yamlpos", "PosDict"), ("socialpolicy.yamlpos", "PosList"),
    ("datetime", "date"), ("datetime", "datetime"), ("datetime", "time"),
    ("datetime", "timedelta"), ("datetime", "timezone"),
})


class _DataOnly(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in _ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not parsed YAML")
        return super().find_class(module, name)


def text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def load_pack_yaml(text: str, source: str) -> Any:
    """``load_yaml(text, source)``, from the shipped parses when ``text`` is one of them.
    Each call returns its own copy, as a fresh parse would."""
    stored = _shipped().get(text_key(text))
    if stored is not None:
        try:
            return _DataOnly(io.BytesIO(zlib.decompress(stored))).load()
        except Exception:  # noqa: BLE001 - a damaged entry costs a parse, never a finding
            pass
    return load_yaml(text, source)


@lru_cache(maxsize=1)
def _shipped() -> Mapping[str, bytes]:
    """The shipped parses by text hash; empty when the file is missing, damaged or of
    another version."""
    try:
        data = marshal.loads((package_dir("rules") / CACHE_NAME).read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    if not isinstance(data, tuple) or len(data) != 2 or data[0] != CACHE_VERSION:
        return {}
    entries = data[1]
    if not isinstance(entries, dict):
        return {}
    return {k: v for k, v in entries.items() if isinstance(k, str) and isinstance(v, bytes)}


def pack_files() -> list[Path]:
    """The YAML files a check reads from the package: the rule pack (with its vocabularies
    and triage files) and the personal-data recognizers and their lists."""
    rules = package_dir("rules")
    pii = Path(__file__).resolve().parent / "pii"
    found = [p for folder in (rules, pii) for p in folder.rglob("*") if p.suffix in (".yaml", ".yml")]
    return sorted(found)


def _texts(path: Path) -> set[str]:
    """The file's text as each reader of the pack passes it to the parser: as Python
    reads it, and as ``inputs.reading`` does (a BOM dropped, line endings made LF)."""
    from .inputs.reading import decode

    raw = path.read_bytes()
    return {path.read_text(encoding="utf-8"), decode(raw, str(path))}


def build(files: Iterable[Path]) -> dict[str, bytes]:
    entries: dict[str, bytes] = {}
    for path in files:
        for text in _texts(path):
            parsed = load_yaml(text, str(path))
            entries[text_key(text)] = zlib.compress(pickle.dumps(parsed, pickle.HIGHEST_PROTOCOL), 9)
    return entries


def write_cache(folder: Path | None = None) -> str:
    """Rebuild ``rules/parsed.bin`` from the pack's YAML; returns a one-line summary."""
    folder = folder or package_dir("rules")
    files = pack_files()
    entries = build(files)
    # Sorted, so the same pack always writes the same bytes.
    blob = marshal.dumps((CACHE_VERSION, dict(sorted(entries.items()))), 4)
    (folder / CACHE_NAME).write_bytes(blob)
    return f"wrote {folder / CACHE_NAME}: {len(files)} YAML files parsed ({len(blob) // 1024} KB)"


def stale_files() -> list[Path]:
    """The pack's YAML files whose current text has no shipped parse."""
    shipped = _shipped()
    return [p for p in pack_files() if any(text_key(t) not in shipped for t in _texts(p))]


__all__ = ["CACHE_NAME", "load_pack_yaml", "pack_files", "stale_files", "write_cache"]
