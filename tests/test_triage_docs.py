"""docs/triage.md is the triage contract in our words: its tables must match the data."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from socialpolicy.config import DEFAULT_CONTACTS
from socialpolicy.triage.report import CSV_COLUMNS

ROOT = Path(__file__).resolve().parent.parent
DOC = (ROOT / "docs" / "triage.md").read_text(encoding="utf-8")


def _categories_in_files() -> list[tuple[str, str]]:
    out = []
    for path in sorted((ROOT / "rules" / "triage" / "categories").glob("*.yaml")):
        for category in yaml.safe_load(path.read_text(encoding="utf-8"))["categories"]:
            out.append((category["id"], category["priority"]))
    return out


def test_category_table_lists_every_category_with_its_priority_in_queue_order() -> None:
    rows = re.findall(r"^\| `([a-z-]+)` \| (urgent|high|normal|low) \|", DOC, flags=re.M)
    files = _categories_in_files()
    # The table is written by priority, as a moderator reads the queue; within one
    # priority it follows the files' order.
    rank = {"urgent": 0, "high": 1, "normal": 2, "low": 3}
    assert rows == sorted(files, key=lambda c: rank[c[1]])


def test_contacts_keys_and_csv_columns_are_the_ones_the_code_uses() -> None:
    keys = re.search(r"keys\s+(`switchboard`.*?)\)", DOC, flags=re.S)
    assert keys is not None
    assert set(re.findall(r"`([a-z_]+)`", keys.group(1))) == set(DEFAULT_CONTACTS)
    columns = re.search(r"one row per message \(`([^`]+)`\)", DOC.replace("\n", " "))
    assert columns is not None
    assert tuple(c.strip() for c in columns.group(1).split(",")) == CSV_COLUMNS
