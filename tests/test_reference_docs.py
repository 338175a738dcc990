"""docs/reference.md is generated from the code and schemas; it must be current."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _generator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("docs_generate", ROOT / "docs" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_reference_is_current():
    generated = _generator().render()
    current = (ROOT / "docs" / "reference.md").read_text(encoding="utf-8")
    assert current == generated, "docs/reference.md is stale: run python docs/generate.py"


def test_reference_covers_library_commands_and_every_rule_kind():
    from socialpolicy.kinds import KINDS

    text = (ROOT / "docs" / "reference.md").read_text(encoding="utf-8")
    for heading in ("### `socialpolicy.check_text`", "#### `Linter.check_text`",
                    "### `socialpolicy check`", "### `socialpolicy rules show`", "`--stdin-filename`"):
        assert heading in text, heading
    for kind in KINDS:
        assert f"#### `kind: {kind}`" in text, kind


def test_readme_links_the_reference():
    assert "docs/reference.md" in (ROOT / "README.md").read_text(encoding="utf-8")
