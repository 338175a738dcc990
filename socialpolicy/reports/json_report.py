"""JSON, as SPEC §3 and ``schemas/report.schema.json`` describe it."""

from __future__ import annotations

import json

from ..models import Result
from ..ruleset import Rule

SCHEMA_VERSION = "1.0"


def render(result: Result, rules: list[Rule], version: str) -> str:
    counts = result.counts()
    document = {
        "tool": {"name": "socialpolicy", "version": version},
        "schema_version": SCHEMA_VERSION,
        "findings": [f.to_dict() for f in result.findings],
        "suppressed": [s.to_dict() for s in result.suppressed],
        "summary": {"files": result.files, "posts": result.posts, **counts},
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
