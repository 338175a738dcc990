"""docs/commands.md is the command contract in our words: it must name every command
and every option of `check`, so a new option cannot ship undocumented."""

from __future__ import annotations

from pathlib import Path

import click

from socialpolicy.cli import cli

DOC = (Path(__file__).resolve().parent.parent / "docs" / "commands.md").read_text(encoding="utf-8")


def _commands(group: click.Group, prefix: str) -> list[str]:
    found = []
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            found += _commands(command, f"{prefix} {name}")
        else:
            found.append(f"{prefix} {name}")
    return found


def test_every_command_is_documented() -> None:
    missing = [c for c in _commands(cli, "socialpolicy") if f"`{c}" not in DOC]
    assert not missing, f"docs/commands.md does not name: {missing}"


def test_every_option_of_check_is_documented() -> None:
    check = cli.commands["check"]
    options = [o for p in check.params if isinstance(p, click.Option)
               for o in p.opts if o.startswith("--") and o != "--help"]
    assert len(options) > 15  # the table is read, not skipped
    missing = [o for o in options if f"`{o}" not in DOC and f"{o}`" not in DOC and f"{o} " not in DOC]
    assert not missing, f"docs/commands.md's options table does not name: {missing}"
