"""Checking parsed YAML/JSON against a shipped schema, reported by line and key.

Rule files, post metadata and the accounts register all report their first schema
problem the same way: where it is, which key is unknown (the typo case), and the
line and column it was written on.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .ruleset import schema_validator
from .yamlpos import position_of


@dataclass(frozen=True)
class SchemaProblem:
    path: str  # dotted, "" at the top level
    message: str  # jsonschema's own words
    unknown_key: str | None  # set when the problem is a key the schema does not know
    allowed: tuple[str, ...]  # the keys that would have been known there
    position: tuple[int, int] | None  # (line, column) of the key or value, if known


def first_problem(schema: str, data: Any) -> SchemaProblem | None:
    """The most relevant schema problem of ``data``, or None when it is valid."""
    import jsonschema

    errors = list(schema_validator(schema).iter_errors(data))
    if not errors:
        return None
    error = jsonschema.exceptions.best_match(errors)
    path = list(error.absolute_path)
    position = position_of(data, path)
    where = ".".join(str(p) for p in path)
    if error.validator == "additionalProperties" and isinstance(error.instance, Mapping):
        allowed = tuple(str(k) for k in error.schema.get("properties", {}))
        extra = sorted(str(k) for k in error.instance if str(k) not in allowed)
        if extra:
            position = position_of(data, [*path, extra[0]]) or position
            return SchemaProblem(where, error.message, extra[0], allowed, position)
    return SchemaProblem(where, error.message, None, (), position)
