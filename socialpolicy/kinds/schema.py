"""The rule schema's detector part, generated from the options each kind declares.

``schemas/rule.schema.json`` stays on disk (editors read it, and checking a rule
file must not import every kind); ``socialpolicy rules index`` rewrites its
detector part from the kinds, and a test fails while the file is stale. Each kind
gets its own schema, so an unknown key is reported with that kind's keys only.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..resources import package_dir
from . import COMMON_OPTIONS, KINDS, detector_class

RULE_SCHEMA = "rule.schema.json"


def detector_name(kind: str) -> str:
    """The name of a kind's schema under ``$defs``."""
    return f"detector-{kind}"


def detector_defs() -> dict[str, Any]:
    """``$defs`` entries: ``detector`` (any kind) and one ``detector-<kind>`` per kind."""
    defs: dict[str, Any] = {
        "detector": {
            "type": "object",
            "required": ["kind"],
            "properties": {"kind": COMMON_OPTIONS["kind"]},
            # Checked against its own kind's schema, so an unknown key is reported
            # with the keys that kind takes.
            "allOf": [
                {
                    "if": {"required": ["kind"], "properties": {"kind": {"const": kind}}},
                    "then": {"$ref": f"#/$defs/{detector_name(kind)}"},
                }
                for kind in KINDS
            ],
        }
    }
    for kind in KINDS:
        options = detector_class(kind).options
        defs[detector_name(kind)] = {
            "type": "object",
            "properties": {**COMMON_OPTIONS, **options},
            "additionalProperties": False,
        }
    return defs


def rule_schema(current: dict[str, Any]) -> dict[str, Any]:
    """``current`` with its detector schemas replaced by those the kinds declare."""
    defs = {k: v for k, v in current.get("$defs", {}).items()
            if k != "detector" and not k.startswith("detector-")}
    return {**current, "$defs": {**defs, **detector_defs()}}


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def write_rule_schema(folder: Path | None = None) -> str:
    """Rewrite the rule schema's detector part; returns a one-line summary."""
    path = (folder or package_dir("schemas")) / RULE_SCHEMA
    current = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(render(rule_schema(current)), encoding="utf-8")
    return f"wrote {path}: detectors of {len(KINDS)} kinds"
