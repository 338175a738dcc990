"""`--format github`: workflow annotations that GitHub Actions turns into notes on the
changed files of a pull request, chosen automatically inside GitHub Actions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from socialpolicy.engine import Result
from socialpolicy.models import Clause, Finding
from socialpolicy.reports.github import render

LINK = "http://www.jpaget.nhs.uk/visiting"


def parse(line: str) -> tuple[str, dict[str, str], str]:
    """Read a workflow command the way the Actions runner does."""
    assert line.startswith("::")
    command, _, rest = line[2:].partition(" ")
    props_text, _, message = rest.partition("::")
    props: dict[str, str] = {}
    for pair in props_text.split(","):
        key, _, value = pair.partition("=")
        props[key] = unescape(value)
    return command, props, unescape(message)


def unescape(value: str) -> str:
    for escaped, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        value = value.replace(escaped, char)
    return value


@pytest.fixture()
def draft(tmp_path: Path) -> Path:
    folder = tmp_path / "drafts"
    folder.mkdir()
    (folder / "visiting.md").write_text(
        f"---\nplatform: twitter\n---\nPlan your visit:\nsee {LINK} today\n", encoding="utf-8"
    )
    return tmp_path


def test_chosen_automatically_inside_github_actions(run_cli, draft):
    result = run_cli("check", "drafts", cwd=draft, env={"GITHUB_ACTIONS": "true"})
    assert result.code == 1, result
    lines = result.out.splitlines()
    command, props, message = parse(lines[0])
    assert command == "warning"
    assert props == {
        "file": "drafts/visiting.md",
        "line": "5",
        "col": "5",
        "endLine": "5",
        "endColumn": str(5 + len(LINK)),
        "title": "link-safety (JPUH-BUSM 5.0(12))",
    }
    assert message.startswith("This link is not encrypted")
    assert f'Found: "{LINK}"' in message and "\nInstead: Link to the page's https://" in message
    assert lines[-1].startswith("1 problem (0 errors, 1 warning, 0 infos)")


def test_explicit_format_wins_inside_github_actions(run_cli, draft):
    result = run_cli(
        "check", "--format", "text", "drafts", cwd=draft, env={"GITHUB_ACTIONS": "true"}
    )
    assert result.code == 1
    assert not result.out.startswith("::")
    assert "warning[link-safety]" in result.out


def test_outside_github_actions_the_default_is_text(run_cli, draft):
    result = run_cli("check", "drafts", cwd=draft)
    assert "::warning" not in result.out and "warning[link-safety]" in result.out


def test_info_findings_are_notices(run_cli, draft):
    (draft / "socialpolicy.toml").write_text('severity = {link-safety = "info"}\n')
    result = run_cli("check", "--format", "github", "--fail-on", "info", "drafts", cwd=draft)
    assert result.code == 1
    assert result.out.startswith("::notice file=drafts/visiting.md,")


def test_clean_run_prints_only_the_summary(run_cli, draft):
    (draft / "ok.txt").write_text("Our new day unit opens on Monday.\n")
    result = run_cli("check", "--format", "github", "ok.txt", cwd=draft)
    assert result.code == 0
    assert result.out == "No problems found in 1 post (1 file).\n"


def _finding(**changes: Any) -> Finding:
    values: dict[str, Any] = {
        "file": "calendars/june, 2025: draft.yaml",
        "line": 4,
        "column": 9,
        "rule": "post-length",
        "severity": "error",
        "message": "100% too long:\nplease shorten\r\nit",
        "clause": Clause("HWUSM", "Top tips: length", "Keep posts short and clear."),
        "post": "post-4",
        "end_line": 4,
        "end_column": 20,
        "evidence": "J*** S****",
        "suggestion": "Cut it, then check again.",
    }
    values.update(changes)
    return Finding(**values)


def test_workflow_command_escaping_round_trips():
    finding = _finding()
    [line, _summary] = render(Result(files=1, posts=1, findings=[finding]), [], "0").splitlines()
    # Nothing the runner reads as a line break or a separator is left unescaped.
    assert "\n" not in line and "\r" not in line
    command, props, message = parse(line)
    assert command == "error"
    assert props["file"] == "calendars/june, 2025: draft.yaml"
    assert props["title"] == "post-length (HWUSM Top tips: length)"
    assert message.startswith("100% too long:\nplease shorten\r\nit [post post-4]")
    assert 'Found: "J*** S****"' in message


def test_finding_over_several_lines_has_no_columns():
    finding = _finding(end_line=6, end_column=2)
    [line, _] = render(Result(files=1, posts=1, findings=[finding]), [], "0").splitlines()
    _, props, _ = parse(line)
    # GitHub refuses column numbers on an annotation that spans lines.
    assert "col" not in props and "endColumn" not in props
    assert props["line"] == "4" and props["endLine"] == "6"
