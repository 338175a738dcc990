"""Every rule's own examples, one test each, and the meta-test that every rule has enough."""

from __future__ import annotations

import pytest

from socialpolicy.config import Config
from socialpolicy.rule_tests import MIN_EXAMPLES, run_example, too_few
from socialpolicy.ruleset import load_rules

RULES = sorted(load_rules(Config()), key=lambda r: r.id)
CASES = [
    pytest.param(rule, example, id=f"{rule.id}-{'fail' if example.expect_fail else 'pass'}-{example.line}")
    for rule in RULES
    for example in rule.examples
]


@pytest.mark.parametrize(("rule", "example"), CASES)
def test_example(rule, example, language):
    outcome = run_example(rule, example, Config(), language)
    assert outcome.ok, f"{outcome.label}: {outcome.detail}\n{example.text!r}"


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_has_enough_examples(rule):
    assert too_few(rule) is None, too_few(rule)
    assert sum(e.expect_fail for e in rule.examples) >= MIN_EXAMPLES


def test_every_rule_quotes_a_clause():
    for rule in RULES:
        assert len(rule.clause.quote) >= 10, rule.id
