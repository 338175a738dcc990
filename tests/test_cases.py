"""Every case of tests/cases/<rule-id>.yaml, one test each (the runner `rules test --cases` uses).

A case is a post and what its rule must report on it (docs/rules.md, "Case files").
A case marked ``xfail`` is a known miss: it must still miss, so a fix is noticed.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from conftest import _untraced

from socialpolicy.case_runner import Case, CaseRunner, Expected, case_files, load_case_file
from socialpolicy.config import Config
from socialpolicy.ruleset import load_rules

CASE_DIR = Path(__file__).resolve().parent / "cases"


def _load_cases() -> list[Case]:
    """``load_cases(CASE_DIR)``. Every xdist worker reads all ~3,500 cases while collecting;
    the coverage tracer doubled that (1.2 -> 2.5 CPU-s per worker) for lines that reading
    one file reaches, so the smallest file is read traced and the others without it."""
    files = case_files(CASE_DIR)
    assert files, "no case files in tests/cases"
    smallest = min(files, key=lambda p: p.stat().st_size)
    read = {smallest: load_case_file(smallest)}
    with _untraced():
        read.update((p, load_case_file(p)) for p in files if p != smallest)
    return [case for path in files for case in read[path]]


CASES = _load_cases()


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


# -- what an expectation means (the runner's own behaviour) ------------------------------

REPLY = {"reply_to": {"author": "@a", "text": "I have a headache, what should I take?"}}
ADVICE = "Take two paracetamol every four hours and stay in bed."


def _case(*expected: Expected, fires: bool = True) -> Case:
    return Case(source="t.yaml", line=1, rule="medical-advice", id="x", text=ADVICE,
                metadata=REPLY, fires=fires, expected=expected)


def test_each_expected_key_must_match_and_each_finding_counts_once(case_runner: CaseRunner) -> None:
    [found] = [f for f in case_runner.findings(_case()) if f.rule == "medical-advice"]
    exact = Expected("medical-advice", evidence=found.evidence, detector=found.detector,
                     severity=found.severity)
    assert case_runner.run(_case(exact)).met
    assert case_runner.run(_case()).met  # `any`
    for wrong in (dataclasses.replace(exact, evidence="stay in bed"),
                  dataclasses.replace(exact, detector="pattern-99"),
                  dataclasses.replace(exact, severity="info")):
        outcome = case_runner.run(_case(wrong))
        assert not outcome.met and outcome.detail.startswith("expected medical-advice (")
    assert not case_runner.run(_case(exact, exact)).met
    assert not case_runner.run(_case(fires=False)).met


def test_a_finding_of_another_rule_runs_that_rule_too(case_runner: CaseRunner) -> None:
    alone = case_runner.findings(_case())
    both = case_runner.findings(_case(Expected("medical-advice"), Expected("reply-signposting")))
    assert {f.rule for f in alone} == {"medical-advice"}
    assert {f.rule for f in both} == {"medical-advice", "reply-signposting"}


def test_evidence_of_personal_data_is_masked_as_in_a_report() -> None:
    masked = [e.evidence for c in CASES if c.rule == "named-person-consent" for e in c.expected]
    assert masked and all("*" in (e or "") for e in masked)
