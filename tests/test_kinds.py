"""The detector interface as a Trust meets it: each kind takes its own keys, and what a
Trust writes wrong in a detector stops its rules loading with the file and line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from socialpolicy.kinds import KINDS, detector_class
from socialpolicy.kinds.base import BaseDetector
from socialpolicy.kinds.schema import rule_schema

ROOT = Path(__file__).resolve().parent.parent

RULE = """\
id: my-rule
title: A Trust's own rule
severity: warning
clause: {{policy: JPUH-BUSM, section: '5.0', quote: 'the policy words quoted here'}}
message: This post names a medicine on the Trust's watch list.
suggestion: Take the medicine's name out, as the Trust's guidance explains.
detect:
  - kind: pattern
    patterns: ['\\bzzz\\b']
{detector}
examples: {{fail: [x, x, x, x, x], pass: [y, y, y, y, y]}}
"""


def _check(cli, tmp_path: Path, detector: str):  # type: ignore[no-untyped-def]
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "mine.yaml").write_text(RULE.format(detector=detector), encoding="utf-8")
    (tmp_path / "socialpolicy.toml").write_text('rule_paths = ["rules"]\nselect = ["my-rule"]\n',
                                                encoding="utf-8")
    (tmp_path / "d.md").write_text("Try zopiclone tonight\n", encoding="utf-8")
    return cli("check", "d.md", cwd=tmp_path)


def test_the_rule_schema_on_disk_is_the_one_the_kinds_declare():
    current = json.loads((ROOT / "schemas" / "rule.schema.json").read_text(encoding="utf-8"))
    assert current == rule_schema(current), (
        "schemas/rule.schema.json is stale: run `socialpolicy rules index`")


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_kind_is_a_detector_with_declared_options(kind):
    cls = detector_class(kind)
    assert issubclass(cls, BaseDetector)
    schema = json.loads((ROOT / "schemas" / "rule.schema.json").read_text(encoding="utf-8"))
    assert set(cls.options) <= set(schema["$defs"][f"detector-{kind}"]["properties"])


@pytest.mark.parametrize(("detector", "wrong", "suggested", "kind", "not_listed"), [
    ("  - {kind: phrases, phrase: [zopiclone]}", "phrase", "phrases", "phrases", "patterns"),
    ("  - {kind: pattern, patterns: [a], timout: 0.5}", "timout", "timeout", "pattern", "fuzzy"),
    ("  - {kind: metric, mesure: length, max: 280}", "mesure", "measure", "metric", "patterns"),
    ("  - {kind: classifier, model: offensive, treshold: 0.9}", "treshold", "threshold",
     "classifier", "window"),
])
def test_an_unknown_key_lists_only_its_kinds_keys(cli, tmp_path, detector, wrong, suggested,
                                                  kind, not_listed):
    result = _check(cli, tmp_path, detector)
    assert result.code == 2
    assert "Traceback" not in result.err
    assert "rules/mine.yaml:10:" in result.err
    assert f"unknown key {wrong!r}" in result.err
    assert f"did you mean {suggested!r}" in result.err
    assert f"a {kind} detector takes:" in result.err
    allowed = result.err.split("takes:", 1)[1]
    assert not_listed not in allowed.split(", ")


def test_a_key_of_another_kind_is_not_silently_ignored(cli, tmp_path):
    result = _check(cli, tmp_path, "  - {kind: pattern, patterns: [zopiclone], fuzzy: true}")
    assert result.code == 2
    assert "unknown key 'fuzzy'" in result.err


def test_a_broken_token_pattern_stops_the_rules_loading(cli, tmp_path):
    result = _check(cli, tmp_path, "  - kind: tokens\n    patterns:\n"
                                   "      - [{LOWER: take}, {LEMA: zopiclone}]")
    assert result.code == 2
    assert "Traceback" not in result.err
    assert "rules/mine.yaml:11:" in result.err
    assert "token 2 tests LEMA, which spaCy does not know" in result.err
    # What to write instead.
    assert "{LOWER: take}" in result.err


def test_a_broken_token_operator_is_explained(cli, tmp_path):
    result = _check(cli, tmp_path, "  - kind: tokens\n    patterns:\n"
                                   "      - [{LOWER: take, OP: many}]")
    assert result.code == 2
    assert "token 1: OP must be" in result.err


def test_a_good_token_pattern_loads(cli, tmp_path):
    result = _check(cli, tmp_path, "  - kind: tokens\n    patterns:\n"
                                   "      - [{LOWER: take}, {LOWER: zopiclone}]")
    assert result.code in (0, 1), result.err


def test_a_broken_identifier_form_stops_the_rules_loading(cli, tmp_path):
    result = _check(cli, tmp_path, "  - kind: pii\n    entities: [UK_NHS]\n"
                                   "    patterns_for: {UK_NHS: ['(\\d{10}']}")
    assert result.code == 2
    assert "rules/mine.yaml:12:" in result.err
    assert "UK_NHS[0] is not a valid regular expression" in result.err


@pytest.mark.parametrize(("definition", "said"), [
    ("class: CardRecognizer", "class 'CardRecognizer' is not one of"),
    ("class: ChecksumRecognizer\n    checksum: luhnn", "unknown checksum 'luhnn'"),
    ("class: ChecksumRecognizer\n    checksumm: luhn", "'checksumm'"),
])
def test_a_broken_recognizer_of_a_trust_is_named_not_an_internal_error(cli, tmp_path, definition, said):
    # A Trust's own recognizers file is built when the first post is checked: a class or an
    # option it names that does not exist is the file's mistake, said as one, exit code 2.
    (tmp_path / "cards.yaml").write_text(
        f"recognizers:\n  - name: card\n    {definition}\n    entity: CREDIT_CARD\n"
        "    patterns:\n      - {name: card, regex: '\\d{16}', score: 0.6}\n", encoding="utf-8")
    result = _check(cli, tmp_path, "  - kind: pii\n    recognizers: ../cards.yaml\n"
                                   "    entities: [CREDIT_CARD]")
    assert result.code == 2
    assert "internal error" not in result.err and "Traceback" not in result.err
    assert "rules/mine.yaml:" in result.err and "cards.yaml: recognizer 'card':" in result.err
    assert said in result.err


def test_a_broken_firm_pattern_stops_the_rules_loading(cli, tmp_path):
    result = _check(cli, tmp_path, "  - kind: pii\n    entities: [PERSON]\n"
                                   "    organisations: {after: ['\\s+(Ltd']}")
    assert result.code == 2
    assert "Traceback" not in result.err
    assert "rules/mine.yaml:12:" in result.err
    assert "organisations.after[0]: '\\s+(Ltd' is not a valid regular expression" in result.err


def test_an_error_points_at_the_detectors_own_key(cli, tmp_path):
    # The rule's first detector also has "patterns": the line is the second one's.
    result = _check(cli, tmp_path, "  - kind: pattern\n    patterns: ['(unclosed']")
    assert result.code == 2
    assert "rules/mine.yaml:11:" in result.err


@settings(max_examples=60, deadline=None)
@given(kind=st.sampled_from(sorted(KINDS)),
       key=st.from_regex(r"\A[a-z][a-z_]{0,15}\Z").filter(lambda k: k != "kind"))
def test_any_key_a_kind_does_not_declare_is_refused_with_that_kinds_keys(kind, key):
    from socialpolicy.kinds import COMMON_OPTIONS
    from socialpolicy.schema_check import first_problem

    rule = {"id": "r", "title": "A rule", "severity": "info",
            "clause": {"policy": "audit", "section": "1", "quote": "the words quoted here"},
            "message": "what is wrong here", "suggestion": "what to do instead",
            "detect": [{"kind": kind, key: True}],
            "examples": {"fail": ["x"], "pass": ["y"]}}
    declared = {*COMMON_OPTIONS, *detector_class(kind).options}
    problem = first_problem("rule.schema.json", rule)
    if key in declared:
        assert problem is None or problem.unknown_key is None
    else:
        assert problem is not None and problem.unknown_key == key
        assert set(problem.allowed) == declared


@pytest.mark.parametrize(("files", "said"), [
    # A Trust's recognizers may list several gazetteer files (as the shipped one lists its
    # public names and the world's places), and the one-word places that are first names
    # too ("Dallas") are read the same way; a missing or misshapen one is named, exit 2.
    ("gazetteer: [public.yaml, missing.yaml]", "cannot read"),
    ("gazetteer: [public.yaml, flat.yaml]", "flat.yaml: expected lists of names by kind"),
    ("places_also_names: missing.yaml", "cannot read"),
    ("places_also_names: flat.yaml", "flat.yaml: expected lists of names by kind"),
])
def test_a_trusts_broken_gazetteer_file_is_named(cli, tmp_path, files, said):
    (tmp_path / "public.yaml").write_text("people: [Ada Lovelace]\n", encoding="utf-8")
    (tmp_path / "flat.yaml").write_text("places: Sierra Leone\n", encoding="utf-8")
    (tmp_path / "names.yaml").write_text(
        "recognizers:\n  - name: people\n    class: SpacyRecognizer\n    entity: PERSON\n"
        f"    filters:\n      {files}\n", encoding="utf-8")
    result = _check(cli, tmp_path, "  - kind: pii\n    recognizers: ../names.yaml\n"
                                   "    entities: [PERSON]")
    assert result.code == 2
    assert "Traceback" not in result.err and "internal error" not in result.err
    assert said in result.err
