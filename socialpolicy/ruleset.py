"""Loading rule files: parse, validate against the rule schema, compile detectors.

The built-in pack lives in ``rules/`` (shipped inside the wheel); a Trust adds
folders with ``rule_paths`` and a rule there replaces a built-in one of the same id.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .config import Config
from .errors import InputError, RuleError
from .kinds import Guarded, build_detector
from .kinds.base import BuildContext
from .models import Clause
from .yamlpos import load_yaml, position_of


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


@dataclass(frozen=True)
class Example:
    text: str
    metadata: Mapping[str, Any]
    config: Mapping[str, Any]
    line: int
    expect_fail: bool
    note: str = ""


@dataclass(frozen=True)
class Rule:
    """A rule as loaded: its documentation, its compiled detectors and its examples."""

    id: str
    title: str
    severity: str
    clause: Clause
    also: tuple[Clause, ...]
    message: str
    suggestion: str
    description: str
    detectors: tuple[Guarded, ...]
    unless: tuple[Guarded, ...]
    examples: tuple[Example, ...]
    source: str
    raw: Mapping[str, Any] = field(repr=False, compare=False, default_factory=dict)

    @property
    def needs(self) -> frozenset[str]:
        out: set[str] = set()
        for detector in (*self.detectors, *self.unless):
            out |= detector.needs
        return frozenset(out)

    @property
    def calendar(self) -> bool:
        return any(d.calendar for d in self.detectors)

    @property
    def clauses(self) -> tuple[Clause, ...]:
        return (self.clause, *self.also)


def _clause(data: Mapping[str, Any]) -> Clause:
    return Clause(str(data["policy"]), str(data["section"]), " ".join(str(data["quote"]).split()))


def _examples(raw: Mapping[str, Any]) -> tuple[Example, ...]:
    out: list[Example] = []
    examples = raw.get("examples") or {}
    for outcome in ("fail", "pass"):
        items = examples.get(outcome) or []
        positions = getattr(items, "item_positions", [])
        for index, item in enumerate(items):
            line = positions[index][0] if index < len(positions) else 0
            if isinstance(item, str):
                out.append(Example(item, {}, {}, line, outcome == "fail"))
            else:
                meta = {k: v for k, v in item.items() if k not in ("text", "note", "config")}
                out.append(
                    Example(
                        str(item["text"]), meta, dict(item.get("config") or {}), line,
                        outcome == "fail", str(item.get("note", "")),
                    )
                )
    return tuple(out)


def load_rule_file(path: Path, config: Config) -> Rule:
    """Load and compile one rule file; any problem is a ``RuleError`` with its line."""
    source = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise RuleError(source, f"not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise RuleError(source, f"cannot read the rule file: {exc.strerror or exc}") from None
    try:
        raw = load_yaml(text, source)
    except InputError as exc:
        raise RuleError(exc.path, exc.reason, exc.line, exc.column) from None
    if not isinstance(raw, dict):
        raise RuleError(source, "a rule file must be a YAML mapping with id, title, severity, ...", 1)
    _validate(raw, source)
    rule_id = str(raw["id"])

    def line_of(key: str) -> int | None:
        found = _find_key_line(raw, key)
        return found

    build = BuildContext(rule_id=rule_id, source=source, config=config, line=line_of)
    detectors = tuple(build_detector(spec, build) for spec in raw["detect"])
    unless = tuple(build_detector(spec, build) for spec in raw.get("unless") or [])
    severity = config.severity.get(rule_id, str(raw["severity"]))
    return Rule(
        id=rule_id,
        title=str(raw["title"]),
        severity=severity,
        clause=_clause(raw["clause"]),
        also=tuple(_clause(c) for c in raw.get("also") or []),
        message=" ".join(str(raw["message"]).split()),
        suggestion=" ".join(str(raw["suggestion"]).split()),
        description=str(raw.get("description", "")).strip(),
        detectors=detectors,
        unless=unless,
        examples=_examples(raw),
        source=source,
        raw=raw,
    )


def _find_key_line(node: Any, key: str) -> int | None:
    """The first line where ``key`` is written anywhere in the document."""
    positions = getattr(node, "key_positions", None)
    if positions is not None:
        if key in positions:
            return int(positions[key][0])
        for value in node.values():
            found = _find_key_line(value, key)
            if found:
                return found
    elif isinstance(node, list):
        for item in node:
            found = _find_key_line(item, key)
            if found:
                return found
    return None


def _validate(raw: Any, source: str) -> None:
    import jsonschema

    validator = jsonschema.Draft202012Validator(load_schema("rule.schema.json"))
    errors = sorted(validator.iter_errors(raw), key=lambda e: list(e.absolute_path))
    if not errors:
        return
    error = jsonschema.exceptions.best_match(errors)
    path = list(error.absolute_path)
    position = position_of(raw, path)
    where = ".".join(str(p) for p in path) or "(top level)"
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = error.schema.get("properties", {})
        extra = sorted(k for k in error.instance if k not in allowed)
        if extra:
            position = position_of(raw, [*path, extra[0]]) or position
            reason = f"unknown key {extra[0]!r} at {where} (allowed: {', '.join(allowed)})"
            raise RuleError(source, reason, *(position or (None, None)))
    reason = f"{where}: {error.message}"
    raise RuleError(source, reason, *(position or (None, None)))


def rule_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        raise RuleError(str(folder), "rule folder not found")
    return sorted(p for p in folder.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())


def load_rules(config: Config, extra_paths: Sequence[Path] = ()) -> list[Rule]:
    """The built-in pack, then each rule folder, later ids replacing earlier ones."""
    by_id: dict[str, Rule] = {}
    folders = [package_dir("rules"), *config.rule_paths, *extra_paths]
    for folder in folders:
        for path in rule_files(folder):
            rule = load_rule_file(path, config)
            by_id[rule.id] = rule
    return list(by_id.values())


def select_rules(rules: Iterable[Rule], select: Sequence[str], ignore: Sequence[str]) -> list[Rule]:
    """Keep the selected rules (all when none are named), less the ignored ones."""
    rules = list(rules)
    known = {r.id for r in rules}
    for name in (*select, *ignore):
        if name not in known:
            raise RuleError("(selection)", f"no rule has the id {name!r}; see `socialpolicy rules list`")
    chosen = [r for r in rules if (not select or r.id in select) and r.id not in ignore]
    return sorted(chosen, key=lambda r: r.id)
