"""The published JSON Schemas for calendars and the register accept the shipped examples."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from referencing import Registry, Resource

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "schemas"


def plain(value: Any) -> Any:
    """YAML dates and times as the ISO text a JSON calendar would hold."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def validator(name: str) -> jsonschema.Draft202012Validator:
    registry: Registry = Registry()
    for path in SCHEMAS.glob("*.schema.json"):
        contents = json.loads(path.read_text(encoding="utf-8"))
        registry = registry.with_resource(contents["$id"], Resource.from_contents(contents))
    schema = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema, registry=registry)


def test_example_calendar_matches_the_calendar_schema():
    data = plain(yaml.safe_load((ROOT / "examples" / "calendar.yaml").read_text(encoding="utf-8")))
    assert list(validator("calendar.schema.json").iter_errors(data)) == []


def test_example_register_matches_the_accounts_schema():
    data = plain(yaml.safe_load((ROOT / "examples" / "accounts.yaml").read_text(encoding="utf-8")))
    assert list(validator("accounts.schema.json").iter_errors(data)) == []


@pytest.mark.parametrize(
    "calendar",
    [
        {"posts": [{"id": "a"}]},                       # no text
        {"posts": [{"text": "hi", "acount": "@a"}]},    # a typo
        {"posts": [], "calender": {"as_of": "2026-03-01"}},
        {"posts": [{"text": "hi", "platform": "myspace"}]},
    ],
)
def test_calendar_schema_refuses_what_the_reader_refuses(calendar):
    assert list(validator("calendar.schema.json").iter_errors(calendar))


@pytest.mark.parametrize(
    "register",
    [
        [{"handle": "@a", "platform": "twitter"}],                       # no status
        [{"handle": "@a", "platform": "twitter", "status": "pending"}],
        [{"handle": "two words", "platform": "twitter", "status": "active"}],
        [{"handle": "@a", "platform": "twitter", "status": "active", "approved_on": "last May"}],
    ],
)
def test_accounts_schema_refuses_bad_entries(register):
    assert list(validator("accounts.schema.json").iter_errors(register))
