"""What medical-advice and appointment-details tell the writer: severity, signposting and
clause. The rules' behaviour on varied posts (paraphrases, replies, hard negatives) is in
tests/cases/medical-advice.yaml and appointment-details.yaml, run by tests/test_cases.py."""

from __future__ import annotations


def _first(linter, text: str, rule: str):
    return next(f for f in linter.check_text(text) if f.rule == rule)


def test_medical_message_is_plain_and_signposts(linter):
    finding = _first(linter, "Take 2 paracetamol every 4 hours.", "medical-advice")
    assert finding.severity == "error"
    assert "NHS 111" in finding.suggestion and "GP" in finding.suggestion
    assert "999" in finding.suggestion
    assert finding.clause.section == "5.0(9)"


def test_appointment_finding_clause(linter):
    finding = _first(linter, "Your appointment on Tuesday at 2pm has been moved.", "appointment-details")
    assert finding.severity == "error"
    assert "appointments" in finding.clause.quote
