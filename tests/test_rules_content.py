"""The content rules' wording. Their behaviour on posts written for the tests (paraphrases,
disguised spellings, ordinary hospital posts that must stay silent) is in
tests/cases/offensive-content.yaml, complaint-whistleblowing.yaml, internal-information.yaml
and poll-canvassing.yaml, run by tests/test_cases.py."""

from __future__ import annotations


def test_offensive_message_names_no_slur(builtin_rules):
    rule = next(r for r in builtin_rules if r.id == "offensive-content")
    assert "fuck" not in rule.message.lower() and "fuck" not in rule.suggestion.lower()
