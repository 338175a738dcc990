"""The files that ship with the package: the rule pack, the schemas, and validators
built from them. General resources every layer may use, so they sit below all of
them (nothing here imports the rest of socialpolicy)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any


def package_dir(name: str) -> Path:
    """The shipped ``rules`` or ``schemas`` folder, in a wheel or a source checkout."""
    here = Path(__file__).resolve().parent
    packed = here / "_pack" / name
    if packed.is_dir():
        return packed
    return here.parent / name


@lru_cache(maxsize=8)
def load_schema(name: str) -> dict[str, Any]:
    path = package_dir("schemas") / name
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


@lru_cache(maxsize=8)
def schema_validator(name: str) -> Any:
    """A compiled validator for one shipped schema; building one per post is slow."""
    import jsonschema

    return jsonschema.Draft202012Validator(load_schema(name))


@lru_cache(maxsize=1)
def builtin_rule_ids() -> frozenset[str]:
    """The ids of the shipped rules (each is ``rules/<id>.yaml``), read from the pack so
    no code lists them; known even when a run loads only some rules."""
    return frozenset(path.stem for path in package_dir("rules").glob("*.yaml"))


__all__ = ["builtin_rule_ids", "load_schema", "package_dir", "schema_validator"]
