"""The real `socialpolicy` command: reports, exit codes, selection, folders, output files."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

ROOT = Path(__file__).resolve().parent.parent
REPORT_SCHEMA = json.loads((ROOT / "schemas" / "report.schema.json").read_text())


@pytest.fixture()
def drafts(tmp_path: Path) -> Path:
    (tmp_path / "clean.txt").write_text("Our new day unit opens on Monday. https://www.jpaget.nhs.uk")
    (tmp_path / "links.md").write_text(
        "---\nplatform: twitter\n---\nRead this http://example.org\nand #a #b #c #d #e\n"
    )
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "more.txt").write_text("Login at https://admin:hunter2@example.org/")
    (sub / "README.md").write_text("http://example.org is excluded by default")
    (sub / "notes.docx").write_text("not a draft type")
    return tmp_path


def test_json_report_matches_schema_and_spec(run_cli, drafts):
    result = run_cli("check", str(drafts), "--format", "json")
    assert result.code == 1, result
    report = json.loads(result.out)
    jsonschema.validate(report, REPORT_SCHEMA)
    assert report["tool"]["name"] == "socialpolicy"
    assert report["summary"]["files"] == 3
    rules = [f["rule"] for f in report["findings"]]
    assert "link-safety" in rules and "hashtag-guidance" in rules
    keys = [(f["file"], f["line"], f["column"], f["rule"]) for f in report["findings"]]
    assert keys == sorted(keys)
    assert not any("README" in f["file"] for f in report["findings"])


def test_text_report_one_readable_line_per_finding(run_cli, drafts):
    result = run_cli("check", str(drafts / "links.md"))
    assert result.code == 1
    first = result.out.splitlines()[0]
    assert first.startswith(f"{drafts / 'links.md'}:4:11: warning[link-safety] ")
    assert first.endswith("(JPUH-BUSM 5.0(12))")
    assert "instead:" in result.out
    assert result.out.strip().splitlines()[-1].startswith("2 problems")


def test_clean_file_exits_0(run_cli, drafts):
    result = run_cli("check", str(drafts / "clean.txt"))
    assert result.code == 0, result
    assert "No problems found" in result.out


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--fail-on", "error"], 0),  # only warnings in the file
        (["--fail-on", "warning"], 1),
        (["--select", "post-length"], 0),
        (["--ignore", "link-safety", "--ignore", "hashtag-guidance"], 0),
    ],
)
def test_fail_on_select_and_ignore(run_cli, drafts, args, code):
    assert run_cli("check", str(drafts / "links.md"), *args).code == code


def test_unknown_rule_id_is_an_error(run_cli, drafts):
    result = run_cli("check", str(drafts / "clean.txt"), "--select", "medical-advise")
    assert result.code == 2
    assert "medical-advise" in result.err


def test_missing_path_exit_2(run_cli, tmp_path):
    result = run_cli("check", str(tmp_path / "nope.txt"))
    assert result.code == 2
    assert "no such file" in result.err
    assert "Traceback" not in result.err


def test_output_file_written_atomically(run_cli, drafts, tmp_path):
    out = tmp_path / "report.json"
    result = run_cli("check", str(drafts / "links.md"), "--format", "json", "--output", str(out))
    assert result.code == 1
    assert result.out == ""
    assert json.loads(out.read_text())["summary"]["warning"] == 2
    assert not list(tmp_path.glob(".report.json.*"))


def test_checked_files_are_never_modified(run_cli, drafts):
    before = {p: p.read_bytes() for p in drafts.rglob("*") if p.is_file()}
    run_cli("check", str(drafts), "--format", "json")
    assert {p: p.read_bytes() for p in drafts.rglob("*") if p.is_file()} == before


def test_exclude_from_config(run_cli, drafts):
    (drafts / "socialpolicy.toml").write_text('exclude = ["sub/**"]\n')
    result = run_cli("check", ".", "--format", "json", cwd=drafts)
    files = {f["file"] for f in json.loads(result.out)["findings"]}
    assert not any(name.startswith("sub") for name in files), files


def test_rules_list_and_show(run_cli):
    listed = run_cli("rules", "list")
    assert listed.code == 0
    assert "link-safety" in listed.out and "JPUH-BUSM 5.0(12)" in listed.out
    shown = run_cli("rules", "show", "link-safety")
    assert shown.code == 0
    assert "malicious web" in shown.out
    assert "What to do instead" in shown.out
    missing = run_cli("rules", "show", "no-such-rule")
    assert missing.code == 2


def test_version_and_help(run_cli):
    assert run_cli("--version").code == 0
    assert "check" in run_cli("--help").out
