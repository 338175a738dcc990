"""Every case of tests/cases/<rule-id>.yaml, one test each (the runner `rules test --cases` uses).

A case is a post and what its rule must report on it (docs/rules.md, "Case files").
A case marked ``xfail`` is a known miss: it must still miss, so a fix is noticed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from socialpolicy.case_runner import Case, CaseRunner, case_files, load_cases
from socialpolicy.config import Config
from socialpolicy.ruleset import load_rules

CASE_DIR = Path(__file__).resolve().parent / "cases"
CASES = load_cases(CASE_DIR)


@pytest.mark.parametrize("case", [
    pytest.param(c, id=c.test_id,
                 marks=[pytest.mark.xfail(strict=True, reason=c.xfail)] if c.xfail else [])
    for c in CASES
])
def test_case(case_runner: CaseRunner, case: Case) -> None:
    outcome = case_runner.run(case)
    assert outcome.met, f"{case.label}: {outcome.detail}\n{case.text!r}"


def test_every_case_file_is_named_after_a_rule_of_the_pack() -> None:
    known = {r.id for r in load_rules(Config())}
    assert {p.stem for p in case_files(CASE_DIR)} <= known
