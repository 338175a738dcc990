"""ignore: {rule-id: reason}: suppressed with a reason for the audit trail, or not at all."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from socialpolicy.config import Config
from socialpolicy.engine import Linter
from socialpolicy.ruleset import load_rule_file

ROOT = Path(__file__).resolve().parent.parent
LINK = "Read more at http://www.jpaget.nhs.uk/visiting"


@pytest.fixture(scope="module")
def linter() -> Linter:
    rules = [load_rule_file(ROOT / "rules" / f"{name}.yaml", Config())
             for name in ("link-safety", "suppression-without-reason")]
    return Linter(Config(), rules=rules)


def test_a_reason_moves_the_finding_to_suppressed(linter):
    result = linter.check_posts([_post(LINK, {"link-safety": "No https page yet, ticket INC-1"})])
    assert result.findings == []
    [kept] = result.suppressed
    assert kept.finding.rule == "link-safety" and kept.reason == "No https page yet, ticket INC-1"


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_an_empty_reason_is_an_error_and_does_not_suppress(linter, reason):
    result = linter.check_posts([_post(LINK, {"link-safety": reason})])
    assert sorted(f.rule for f in result.findings) == ["link-safety", "suppression-without-reason"]
    assert result.suppressed == []
    audit = next(f for f in result.findings if f.rule == "suppression-without-reason")
    assert audit.severity == "error" and "no reason" in audit.message


def test_an_unknown_rule_id_is_reported(linter):
    result = linter.check_posts([_post(LINK, {"link-saftey": "typo"})])
    assert {f.rule for f in result.findings} == {"link-safety", "suppression-without-reason"}
    audit = next(f for f in result.findings if f.rule == "suppression-without-reason")
    assert "'link-saftey'" in audit.message and "not a rule" in audit.message


def test_the_audit_rule_itself_cannot_be_suppressed(linter):
    result = linter.check_posts(
        [_post("Hello", {"link-safety": "", "suppression-without-reason": "please"})]
    )
    assert [f.rule for f in result.findings] == ["suppression-without-reason"]


def test_finding_points_at_the_ignore_entry(tmp_path, linter):
    path = tmp_path / "calendar.yaml"
    path.write_text(
        "posts:\n"
        "  - text: Hello\n"
        "    ignore:\n"
        "      post-length: Facebook only\n"
        "      link-safety: ''\n",
        encoding="utf-8",
    )
    [finding] = linter.check_paths([str(path)]).findings
    assert (finding.rule, finding.line, finding.column) == ("suppression-without-reason", 5, 7)


def test_front_matter_suppressions_work_in_drafts(tmp_path, linter):
    draft = tmp_path / "post.md"
    draft.write_text(f"---\nignore:\n  link-safety: Council page, no https yet\n---\n{LINK}\n",
                     encoding="utf-8")
    result = linter.check_paths([str(draft)])
    assert result.findings == [] and len(result.suppressed) == 1


def test_json_report_lists_suppressed_findings_with_reasons(tmp_path, run_cli):
    (tmp_path / "calendar.yaml").write_text(
        "posts:\n"
        f"  - {{id: kept, text: '{LINK}', ignore: {{link-safety: 'Council page, no https yet'}}}}\n"
        f"  - {{id: empty, text: '{LINK}', ignore: {{link-safety: ''}}}}\n",
        encoding="utf-8",
    )
    result = run_cli("check", "calendar.yaml", "--format", "json", "--select", "link-safety",
                     "--select", "suppression-without-reason", cwd=tmp_path)
    assert result.code == 1, result
    report = json.loads(result.out)
    assert [(s["post"], s["rule"], s["reason"]) for s in report["suppressed"]] == [
        ("kept", "link-safety", "Council page, no https yet")
    ]
    assert sorted((f["post"], f["rule"]) for f in report["findings"]) == [
        ("empty", "link-safety"), ("empty", "suppression-without-reason")
    ]


def _post(text: str, ignore: dict[str, str | None]):
    from socialpolicy.inputs.draft import read_draft

    return read_draft(text, "<text>", {"ignore": ignore})
