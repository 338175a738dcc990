"""Checking parsed YAML/JSON against a shipped schema, reported by line and key.

Rule files, post metadata and the accounts register all report their first schema
problem the same way: where it is, which key is unknown (the typo case), and the
line and column it was written on.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .resources import load_schema, schema_validator
from .yamlpos import position_of


@dataclass(frozen=True)
class SchemaProblem:
    path: str  # dotted, "" at the top level
    message: str  # what is wrong, in our words, never quoting the value (it may be personal)
    unknown_key: str | None  # set when the problem is a key the schema does not know
    allowed: tuple[str, ...]  # the keys that would have been known there
    position: tuple[int, int] | None  # (line, column) of the key or value, if known
    # The schema's own description of what belongs there ("a positive number of
    # megabytes"), for a message that says what to write instead.
    hint: str | None = None


def first_problem(schema: str, data: Any) -> SchemaProblem | None:
    """The most relevant schema problem of ``data``, or None when it is valid."""
    if plainly_valid(load_schema(schema), data):
        return None
    import jsonschema

    errors = list(schema_validator(schema).iter_errors(data))
    if not errors:
        return None
    error = jsonschema.exceptions.best_match(errors)
    path = list(error.absolute_path)
    position = position_of(data, path)
    where = ".".join(str(p) for p in path)
    described = error.schema.get("description") if isinstance(error.schema, Mapping) else None
    if error.validator == "additionalProperties" and isinstance(error.instance, Mapping):
        allowed = tuple(str(k) for k in error.schema.get("properties", {}))
        extra = sorted(str(k) for k in error.instance if str(k) not in allowed)
        if extra:
            position = position_of(data, [*path, extra[0]]) or position
            return SchemaProblem(where, plain_message(error), extra[0], allowed, position)
    return SchemaProblem(where, plain_message(error), None, (), position, described)


# What a plain check below can tell for itself; any other keyword goes to jsonschema.
_PLAIN_OBJECT = frozenset({"$schema", "$id", "title", "description", "type",
                           "additionalProperties", "properties"})
_PLAIN_VALUE = frozenset({"description", "type", "enum"})
_PLAIN_TYPES: dict[str, Any] = {
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: type(v) is int,
    "boolean": lambda v: type(v) is bool,
    "null": lambda v: v is None,
}


def plainly_valid(schema: Mapping[str, Any], data: Any) -> bool:
    """Whether ``data`` is certainly valid under ``schema`` by a plain look: a flat mapping
    whose every key the schema lists with only a type, an enum of strings or nothing to
    check. The front matter of a draft and the options a command line gives are of this
    kind, and a run checking them need not import jsonschema (about a quarter of a run
    of the length rule alone). False means only "ask jsonschema", never "invalid"."""
    if (schema.get("type") != "object" or not isinstance(data, Mapping)
            or not _PLAIN_OBJECT.issuperset(schema)):
        return False
    properties = schema.get("properties") or {}
    for key, value in data.items():
        rules = properties.get(key) if isinstance(key, str) else None
        if not isinstance(rules, Mapping) or not _PLAIN_VALUE.issuperset(rules):
            return False
        if "enum" in rules and not (isinstance(value, str) and value in [
                e for e in rules["enum"] if isinstance(e, str)]):
            return False
        if "type" in rules:
            kinds = [rules["type"]] if isinstance(rules["type"], str) else list(rules["type"])
            if not any(k in _PLAIN_TYPES and _PLAIN_TYPES[k](value) for k in kinds):
                return False
    return True


_TYPES = {
    "object": "a mapping of keys to values",
    "array": "a list",
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "null": "empty",
}


def plain_message(error: Any) -> str:
    """What a schema error means, in plain English, without quoting the offending
    value: a wrong value can be a patient's details pasted into the wrong key, and
    error messages end up in CI logs."""
    rule, expected = error.validator, error.validator_value
    if rule == "type":
        kinds = [expected] if isinstance(expected, str) else list(expected)
        return "must be " + " or ".join(_TYPES.get(k, k) for k in kinds)
    if rule == "enum":
        return "must be one of: " + ", ".join(str(v) for v in expected)
    if rule == "const":
        return f"must be {expected}"
    if rule == "required":
        missing = [k for k in expected if isinstance(error.instance, Mapping) and k not in error.instance]
        return "needs the key " + ", ".join(missing or [str(k) for k in expected])
    if rule == "additionalProperties":
        return "has a key that is not allowed here"
    if rule == "minLength":
        return "must not be empty" if expected == 1 else f"must be at least {expected} characters"
    if rule == "maxLength":
        return f"must be at most {expected} characters"
    if rule == "minItems":
        return "must not be an empty list" if expected == 1 else f"needs at least {expected} items"
    if rule == "maxItems":
        return f"may have at most {expected} items"
    if rule in ("minimum", "exclusiveMinimum"):
        return f"must be at least {expected}" if rule == "minimum" else f"must be more than {expected}"
    if rule in ("maximum", "exclusiveMaximum"):
        return f"must be at most {expected}" if rule == "maximum" else f"must be less than {expected}"
    if rule == "pattern":
        return "is not written in the expected form" + _described(error)
    if rule == "format":
        return f"is not a valid {expected}"
    if rule == "uniqueItems":
        return "lists the same item twice"
    if rule in ("anyOf", "oneOf"):
        return "is not in any of the accepted forms" + _described(error)
    if rule == "not":
        return "is a value that is not allowed here"
    return "is not valid here" + _described(error)


def _described(error: Any) -> str:
    description = error.schema.get("description") if isinstance(error.schema, Mapping) else None
    return f" ({description})" if description else ""


def read_checked_yaml(path: Path, schema: str | None, max_bytes: int, what: str) -> Any:
    """A YAML file of the pack's own kinds (vocabularies, case files) read with positions
    and checked against ``schema`` (None: read only); anything wrong is a RuleError
    naming the file and line and saying it is ``what`` ("a vocabulary file") that is wrong."""
    from .errors import InputError, RuleError
    from .inputs.reading import read_text
    from .pack_cache import load_pack_yaml

    try:
        data = load_pack_yaml(read_text(str(path), max_bytes), str(path))
    except InputError as exc:
        raise RuleError(str(path), exc.reason, exc.line, exc.column) from None
    problem = first_problem(schema, data) if schema is not None else None
    if problem is not None:
        where = (f"{problem.path or 'the file'}: unknown key {problem.unknown_key!r}"
                 f" (known: {', '.join(problem.allowed)})" if problem.unknown_key
                 else f"{problem.path or 'the file'}: {problem.message}")
        raise RuleError(str(path), f"not {what}: {where}", *(problem.position or (None, None)))
    return data
