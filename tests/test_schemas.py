"""The JSON Schemas that editors use to complete and check rule files, calendars and the
accounts register: each has an `$id`, and every shipped example and rule file matches its schema.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from referencing import Registry, Resource

from socialpolicy.config import load_config

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "schemas"
SCHEMA_FILES = sorted(SCHEMAS.glob("*.json"))
# rules/triage/ holds triage categories and replies (tests/test_triage_rules.py), not rules.
RULE_FILES = sorted(p for p in (ROOT / "rules").rglob("*.y*ml") if not {"triage", "vocab"} & set(p.parts))
# Not hidden folders: running the README's examples leaves a result cache there.
EXAMPLE_FILES = sorted(
    p for p in (ROOT / "examples").rglob("*")
    if p.is_file() and not any(part.startswith(".") for part in p.relative_to(ROOT / "examples").parts)
)
TEMPLATES = ROOT / "socialpolicy" / "templates"
TEMPLATE_FILES = [
    TEMPLATES / "calendar.yaml",
    TEMPLATES / "accounts.yaml",
    TEMPLATES / "socialpolicy.toml",
]
MODELINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)\s*$", re.MULTILINE)


class EditorLoader(yaml.SafeLoader):
    """YAML read as an editor's schema checker reads it: dates stay text (YAML 1.2)."""


EditorLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read_yaml(text: str) -> Any:
    return yaml.load(text, Loader=EditorLoader)  # noqa: S506 - a SafeLoader subclass


def schema(name: str) -> dict[str, Any]:
    path = SCHEMAS / name
    if not path.is_file():
        pytest.skip(f"schemas/{name} is not written yet")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def validator(name: str) -> jsonschema.protocols.Validator:
    registry: Registry = Registry()
    for path in SCHEMA_FILES:
        contents = json.loads(path.read_text(encoding="utf-8"))
        registry = registry.with_resource(contents["$id"], Resource.from_contents(contents))
    main = schema(name)
    cls = jsonschema.validators.validator_for(main)
    return cls(main, registry=registry)


def problems(name: str, document: Any) -> list[str]:
    found = validator(name).iter_errors(document)
    return [f"{'.'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}" for e in found]


# -- the schemas themselves -------------------------------------------------------------------


@pytest.mark.parametrize("path", SCHEMA_FILES, ids=[p.name for p in SCHEMA_FILES])
def test_schema_has_an_id_named_after_its_file(path):
    data = json.loads(path.read_text(encoding="utf-8"))
    assert "$id" in data, f"{path.name} needs an $id so editors and $ref can find it"
    # Relative $refs between our schemas ("post.schema.json") resolve against the $id.
    assert data["$id"].endswith(f"/{path.name}")
    jsonschema.validators.validator_for(data).check_schema(data)


def test_schema_ids_are_unique():
    ids = [json.loads(p.read_text(encoding="utf-8"))["$id"] for p in SCHEMA_FILES]
    assert len(ids) == len(set(ids))


def test_contracted_schemas_exist():
    names = {p.name for p in SCHEMA_FILES}
    assert {"rule.schema.json", "post.schema.json", "report.schema.json"} <= names


# -- rule files ----------------------------------------------------------------------------


@pytest.mark.parametrize("path", RULE_FILES, ids=[p.name for p in RULE_FILES])
def test_rule_file_matches_the_rule_schema(path):
    text = path.read_text(encoding="utf-8")
    assert problems("rule.schema.json", read_yaml(text)) == []
    # The first line tells an editor which schema to complete and check against.
    line = MODELINE.match(text.splitlines()[0])
    assert line, f"{path.name}: first line should be # yaml-language-server: $schema=..."
    assert (path.parent / line.group(1)).resolve() == (SCHEMAS / "rule.schema.json").resolve()


# -- examples and starter files ----------------------------------------------------------


def _csv_calendar(text: str) -> dict[str, Any]:
    """A CSV calendar's entries as its reader builds them (JSON/YAML cells and plain
    dotted columns alike), to hold against the calendar schema."""
    from socialpolicy.inputs.columns import Cell, build_entry, parse_header

    rows = [row for row in csv.reader(io.StringIO(text)) if row]
    header = parse_header(rows[0], "calendar.csv", 1)
    posts = [
        json.loads(json.dumps(build_entry(header, [Cell(v, n, i + 1) for i, v in enumerate(row)],
                                          "calendar.csv", n)))
        for n, row in enumerate(rows[1:], start=2)
    ]
    return {"posts": posts}


def check_against_schema(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    for match in MODELINE.finditer(text):
        target = (path.parent / match.group(1)).resolve()
        if "://" not in match.group(1):
            assert target.is_file(), f"{path.name}: its $schema line points at a missing file"
    suffix = path.suffix.lower()
    if suffix == ".toml":
        load_config(path)  # raises on any unknown key or wrong type
        return []
    if suffix in (".md", ".markdown"):
        if not text.startswith("---\n"):
            return []
        front = text[4:].split("\n---\n", 1)[0]
        return problems("post.schema.json", read_yaml(front) or {})
    if suffix == ".csv":
        return problems("calendar.schema.json", _csv_calendar(text))
    if suffix in (".yaml", ".yml", ".json"):
        data = json.loads(text) if suffix == ".json" else read_yaml(text)
        if isinstance(data, dict) and "posts" in data:
            return problems("calendar.schema.json", data)
        if isinstance(data, list) or (isinstance(data, dict) and "accounts" in data):
            return problems("accounts.schema.json", data)
        return [f"{path.name}: neither a calendar (posts:) nor an accounts register"]
    if suffix == ".txt":
        return []
    return [f"{path.name}: no schema is known for this kind of file; add it to this test"]


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=[p.name for p in EXAMPLE_FILES])
def test_example_matches_its_schema(path):
    assert check_against_schema(path) == []


@pytest.mark.parametrize("path", TEMPLATE_FILES, ids=[p.name for p in TEMPLATE_FILES])
def test_init_template_matches_its_schema(path):
    assert check_against_schema(path) == []


def test_a_misspelt_calendar_key_is_caught_by_the_schema():
    calendar = {"posts": [{"text": "Hello", "platfrom": "twitter"}]}
    assert any("platfrom" in p for p in problems("calendar.schema.json", calendar))


def test_a_misspelt_rule_key_is_caught_by_the_schema():
    rule = read_yaml((ROOT / "rules" / "link-safety.yaml").read_text(encoding="utf-8"))
    rule["sugestion"] = rule.pop("suggestion")
    assert problems("rule.schema.json", rule)


def test_shipped_examples_cover_every_input_kind():
    suffixes = {p.suffix for p in EXAMPLE_FILES}
    assert ".md" in suffixes
    assert {".yaml", ".csv"} & suffixes, "examples/ should show a content calendar"
