"""`socialpolicy rules test` and `rules show` for a Trust's own rule folder, as a rule author
uses them: the broken example is named with its file and line, and the exit code says so."""

from __future__ import annotations

from pathlib import Path

GOOD = """\
# yaml-language-server: $schema=../schemas/rule.schema.json
id: ward-door-code
title: A ward door code in a post
severity: error
clause: {policy: JPUH-BUSM, section: "5.0(3)", quote: "Do not share confidential information."}
message: This post gives away a door code.
suggestion: Remove the door code.
detect:
  - kind: pattern
    patterns: ['\\bdoor code (?:is )?\\d{4}\\b']
examples:
  fail:
    - "The door code is 1234"
    - "door code 4821 for the ward"
    - "New door code 0000 from today"
    - "Door code is 9999, please share"
    - "Remember: door code 1066"
  pass:
    - "Ask the ward for the door code"
    - "The door is open from 9am"
    - "Our code of conduct for visitors"
    - "Ward 12 reopens on Monday"
    - "Call 01493 452452 for visiting times"
"""

BROKEN = GOOD.replace("id: ward-door-code", "id: ward-phone").replace(
    # The third pass example now contains a door code, so it must fail the rule test.
    '    - "Our code of conduct for visitors"',
    '    - "Our door code is 5555 for visitors"',
)


def _folder(tmp_path: Path, *rules: tuple[str, str]) -> Path:
    folder = tmp_path / "trust-rules"
    folder.mkdir()
    for name, text in rules:
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_rules_test_names_the_broken_example_and_exits_1(run_cli, tmp_path):
    folder = _folder(tmp_path, ("door.yaml", GOOD), ("phone.yaml", BROKEN))
    result = run_cli("rules", "test", str(folder), cwd=tmp_path)
    assert result.code == 1, result
    broken_line = BROKEN.splitlines().index('    - "Our door code is 5555 for visitors"') + 1
    failures = [line for line in result.out.splitlines() if line.startswith("FAIL")]
    assert len(failures) == 1, result.out
    assert f"phone.yaml:{broken_line}: ward-phone pass example" in failures[0]
    assert "expected no finding" in failures[0]
    assert "door.yaml" not in result.out
    assert result.out.strip().splitlines()[-1] == "rules: 19 passed, 1 failed"


def test_rules_test_passes_a_good_folder(run_cli, tmp_path):
    folder = _folder(tmp_path, ("door.yaml", GOOD))
    result = run_cli("rules", "test", str(folder), cwd=tmp_path)
    assert result.code == 0, result
    assert result.out.strip() == "rules: 10 passed, 0 failed"


def test_rules_test_reports_an_unusable_rule_file_with_exit_2(run_cli, tmp_path):
    folder = _folder(tmp_path, ("door.yaml", GOOD.replace("suggestion:", "sugestion:")))
    result = run_cli("rules", "test", str(folder), cwd=tmp_path)
    assert result.code == 2, result
    assert "door.yaml" in result.err and "suggestion" in result.err
    assert "Traceback" not in result.err


def test_rules_show_explains_a_trust_rule(run_cli, tmp_path):
    _folder(tmp_path, ("door.yaml", GOOD))
    (tmp_path / "socialpolicy.toml").write_text('rule_paths = ["trust-rules"]\n')
    result = run_cli("rules", "show", "ward-door-code", cwd=tmp_path)
    assert result.code == 0, result
    assert result.out.startswith("ward-door-code: A ward door code in a post\n")
    assert "JPUH-BUSM 5.0(3):" in result.out
    assert "Remove the door code." in result.out
    assert "The door code is 1234" in result.out
    listed = run_cli("rules", "list", cwd=tmp_path)
    assert "ward-door-code" in listed.out and "link-safety" in listed.out


CASES = """\
cases:
  - id: code-in-a-reply
    text: "Hi! The door code is 4821, see you soon"
    metadata: {reply_to: {author: "@visitor", text: "How do I get onto the ward?"}}
    expect:
      - evidence: door code is 4821
  - id: no-code
    text: "Ask the ward for the code when you arrive"
    expect: none
  - id: code-in-words
    text: "The door code is four eight two one"
    expect: any
    xfail: numbers written in words are not read yet
"""


def _cases(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "trust-cases"
    folder.mkdir()
    (folder / "ward-door-code.yaml").write_text(text, encoding="utf-8")
    return folder


def test_rules_test_runs_a_trusts_case_files(run_cli, tmp_path):
    rules = _folder(tmp_path, ("door.yaml", GOOD))
    cases = _cases(tmp_path, CASES)
    result = run_cli("rules", "test", str(rules), "--cases", str(cases), "-v", cwd=tmp_path)
    assert result.code == 0, result
    assert "cases: 2 passed, 1 known misses (xfail), 0 failed" in result.out
    assert "xfail trust-cases/ward-door-code.yaml" in result.out.replace(str(tmp_path) + "/", "")


def test_a_case_that_goes_wrong_is_named_with_what_was_found(run_cli, tmp_path):
    rules = _folder(tmp_path, ("door.yaml", GOOD))
    cases = _cases(tmp_path, CASES.replace("door code is 4821\n", "door code is 1111\n")
                   .replace("Ask the ward for the code", "The door code is 7777"))
    result = run_cli("rules", "test", str(rules), "--cases", str(cases), cwd=tmp_path)
    assert result.code == 1, result
    failures = [line for line in result.out.splitlines() if line.startswith("FAIL")]
    assert len(failures) == 2, result.out
    assert "ward-door-code case code-in-a-reply: expected ward-door-code (evidence 'door code is 1111'), " \
           "got 'door code is 4821'" in failures[0]
    assert "ward-door-code.yaml:7: ward-door-code case no-code: expected no finding" in failures[1]


def test_a_known_miss_that_passes_must_lose_its_xfail(run_cli, tmp_path):
    rules = _folder(tmp_path, ("door.yaml", GOOD))
    cases = _cases(tmp_path, CASES.replace("four eight two one", "8888"))
    result = run_cli("rules", "test", str(rules), "--cases", str(cases), cwd=tmp_path)
    assert result.code == 1, result
    assert "passes now, though marked xfail" in result.out and "remove the xfail" in result.out


def test_a_broken_case_file_is_named_with_its_line_and_exit_2(run_cli, tmp_path):
    rules = _folder(tmp_path, ("door.yaml", GOOD))
    cases = _cases(tmp_path, CASES.replace("    expect: none", "    expcet: none"))
    result = run_cli("rules", "test", str(rules), "--cases", str(cases), cwd=tmp_path)
    assert result.code == 2, result
    assert "ward-door-code.yaml" in result.err and "expcet" in result.err and ":9" in result.err
    assert "Traceback" not in result.err


def test_a_case_file_for_a_rule_not_in_the_pack_fails_by_name(run_cli, tmp_path):
    rules = _folder(tmp_path, ("door.yaml", GOOD))
    cases = _cases(tmp_path, CASES)
    (cases / "ward-door-code.yaml").rename(cases / "ward-door-cod.yaml")
    result = run_cli("rules", "test", str(rules), "--cases", str(cases), cwd=tmp_path)
    assert result.code == 1, result
    assert "no rule 'ward-door-cod' in the rule pack" in result.out


def test_update_cases_rewrites_evidence_but_never_turns_a_case_on_or_off(run_cli, tmp_path):
    rules = _folder(tmp_path, ("door.yaml", GOOD))
    pinned_loosely = '  - id: any-code\n    text: "door code 1234 today"\n    expect: any\n'
    cases = _cases(tmp_path, CASES.replace("door code is 4821\n", "door code is 1111\n") + pinned_loosely)
    result = run_cli("rules", "test", str(rules), "--cases", str(cases), "--update-cases", cwd=tmp_path)
    assert result.code == 0, result
    assert "rewrote the expected findings of 1 cases" in result.out
    text = (cases / "ward-door-code.yaml").read_text(encoding="utf-8")
    assert "evidence: door code is 4821" in text and "expect: none" in text
    assert "xfail: numbers written in words are not read yet" in text
    assert "text: door code 1234 today\n  expect: any\n" in text
    assert run_cli("rules", "test", str(rules), "--cases", str(cases), cwd=tmp_path).code == 0


def test_update_cases_needs_a_cases_folder(run_cli, tmp_path):
    result = run_cli("rules", "test", "--update-cases", cwd=tmp_path)
    assert result.code == 2, result
    assert "--cases" in result.err


def test_a_cases_folder_without_case_files_is_refused_with_exit_2(run_cli, tmp_path):
    rules = _folder(tmp_path, ("door.yaml", GOOD))
    (tmp_path / "empty").mkdir()
    result = run_cli("rules", "test", str(rules), "--cases", str(tmp_path / "empty"), cwd=tmp_path)
    assert result.code == 2, result
    assert "empty" in result.err and "no case files" in result.err
