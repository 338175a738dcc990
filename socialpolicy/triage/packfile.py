"""Reading one of triage's YAML files: the pack's under ``rules/triage/``, or the Trust's."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..errors import RuleError
from ..yamlpos import load_yaml


def read_list(path: Path, key: str, what: str) -> list[Any]:
    """The non-empty ``key:`` list of the YAML file ``path`` (positions kept).

    ``what`` names the file's contents in messages ("reply templates"), so a Trust
    that points triage at its own file reads which file and what it lacks.
    """
    source = str(path)
    try:
        data = load_yaml(path.read_text(encoding="utf-8"), source)
    except OSError as exc:
        raise RuleError(source, f"cannot read the {what}: {exc.strerror}") from None
    items = data.get(key) if isinstance(data, Mapping) else None
    if not isinstance(items, list) or not items:
        raise RuleError(source, f"a {what} file needs a {key}: list", 1)
    return items
