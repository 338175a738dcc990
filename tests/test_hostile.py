"""Hostile and odd input through the real CLI: exit 2 with one clear line, or a normal result.

Each case must finish within a few seconds, name the file (and line where there is
one), and never print a traceback.
"""

from __future__ import annotations

import json
import os
import signal
import time
from pathlib import Path

import pytest

FAST = 30  # seconds: generous for a loaded CI machine, far below a hang


def assert_clean_error(result, path: Path | str, needle: str, line: int | None = None) -> None:
    assert result.code == 2, result
    assert "Traceback" not in result.err
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert str(path) in lines[0]
    assert needle in lines[0], lines[0]
    if line is not None:
        assert f"{path}:{line}" in lines[0]


@pytest.mark.parametrize("content", [b"", b"   \n\t\n  "], ids=["empty", "whitespace"])
def test_empty_and_whitespace_drafts_are_fine(run_cli, tmp_path, content):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    result = run_cli("check", str(path), "--platform", "twitter", timeout=FAST)
    assert result.code == 0, result
    assert "No problems found" in result.out


def test_binary_file(run_cli, tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(bytes(range(256)) * 4)
    assert_clean_error(run_cli("check", str(path), timeout=FAST), path, "binary")


def test_invalid_utf8_names_line(run_cli, tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("line one\nCaf\xe9 opening\n".encode("latin-1"))
    assert_clean_error(run_cli("check", str(path), timeout=FAST), path, "UTF-8", line=2)


def test_utf16_with_bom(run_cli, tmp_path):
    path = tmp_path / "utf16.txt"
    path.write_bytes("hello".encode("utf-16"))
    assert_clean_error(run_cli("check", str(path), timeout=FAST), path, "UTF-16")


def test_utf8_bom_is_legitimate(run_cli, tmp_path):
    path = tmp_path / "bom.md"
    path.write_bytes(b"\xef\xbb\xbf---\nplatform: twitter\n---\nsee http://example.org\n")
    result = run_cli("check", str(path), "--format", "json", timeout=FAST)
    assert result.code == 1, result
    finding = json.loads(result.out)["findings"][0]
    assert (finding["line"], finding["column"]) == (4, 5)


def test_oversized_post_is_refused_with_size_message(run_cli, tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.seek(200 * 1024 * 1024)
        handle.write(b"x")
    result = run_cli("check", str(path), timeout=FAST)
    assert_clean_error(result, path, "MB limit")


def test_size_limit_is_configurable(run_cli, tmp_path):
    (tmp_path / "socialpolicy.toml").write_text("max_file_mb = 0.001\n")
    path = tmp_path / "post.txt"
    path.write_text("x" * 5000)
    assert_clean_error(run_cli("check", str(path), cwd=tmp_path, timeout=FAST), path, "limit")


def test_symlink_loop_in_folder(run_cli, tmp_path):
    folder = tmp_path / "drafts"
    folder.mkdir()
    (folder / "post.txt").write_text("see http://example.org")
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    (folder / "self.txt").symlink_to(folder / "self.txt")
    result = run_cli("check", str(folder), "--format", "json", timeout=FAST)
    assert result.code == 1, result
    assert json.loads(result.out)["summary"]["files"] == 1


def test_path_that_does_not_exist(run_cli, tmp_path):
    path = tmp_path / "missing.md"
    assert_clean_error(run_cli("check", str(path), timeout=FAST), path, "no such file")


def test_unreadable_file(tmp_path, monkeypatch):
    # Root can read a chmod 000 file, so the refusal is simulated where it happens.
    from socialpolicy.errors import InputError
    from socialpolicy.inputs.reading import read_bytes

    path = tmp_path / "secret.txt"
    path.write_text("hello")
    path.chmod(0)
    if os.geteuid() != 0:
        with pytest.raises(InputError, match="permission denied"):
            read_bytes(str(path), 1000)
        return

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(InputError, match="permission denied"):
        read_bytes(str(path), 1000)


def test_config_with_a_wrong_type(run_cli, tmp_path):
    config = tmp_path / "socialpolicy.toml"
    config.write_text('fail_on = "warning"\nplatforms = {twitter = "long"}\n')
    draft = tmp_path / "d.txt"
    draft.write_text("hello")
    assert_clean_error(run_cli("check", str(draft), cwd=tmp_path, timeout=FAST), config, "platforms", line=2)


CATASTROPHIC_RULE = """
id: trust-aaaa
title: A Trust rule with a pattern that backtracks catastrophically
severity: warning
clause: {policy: JPUH-BUSM, section: "5.0(7)", quote: "Think before you publish any content"}
message: This post matched a Trust pattern.
suggestion: Rewrite the post without it.
detect:
  - kind: pattern
    patterns: ['(a+)+$']
examples:
  fail: ["aaaa"]
  pass: ["b"]
"""


def _with_trust_rule(tmp_path: Path, name: str, rule: str) -> Path:
    """A Trust folder holding one rule, and a draft that backtracks: a link, then
    5,000 "a"s that end in "b"."""
    rules = tmp_path / "trust-rules"
    rules.mkdir()
    (rules / f"{name}.yaml").write_text(rule)
    (tmp_path / "socialpolicy.toml").write_text('rule_paths = ["trust-rules"]\n')
    draft = tmp_path / "post.txt"
    draft.write_text("http://example.org " + "a" * 5000 + "b")
    return draft


def test_catastrophic_regex_times_out_and_other_rules_still_run(run_cli, tmp_path):
    draft = _with_trust_rule(tmp_path, "trust-aaaa", CATASTROPHIC_RULE)
    started = time.monotonic()
    result = run_cli("check", str(draft), "--format", "json", cwd=tmp_path, timeout=FAST)
    assert time.monotonic() - started < FAST
    assert result.code == 2, result
    assert "trust-aaaa" in result.err and "longer than" in result.err
    assert "Traceback" not in result.err
    findings = json.loads(result.out)["findings"]
    assert [f["rule"] for f in findings] == ["link-safety"]


CATASTROPHIC_CONDITION = CATASTROPHIC_RULE.replace("trust-aaaa", "trust-when").replace(
    "patterns: ['(a+)+$']", "patterns: ['http']\n    when: {text: {matches: '(a+)+$'}}")


def test_a_when_condition_that_runs_too_long_is_a_rule_failure_not_a_crash(run_cli, tmp_path):
    draft = _with_trust_rule(tmp_path, "trust-when", CATASTROPHIC_CONDITION)
    result = run_cli("check", str(draft), "--format", "json", cwd=tmp_path, timeout=FAST)
    assert result.code == 2, result
    assert "trust-when" in result.err and "`when:` condition took too long" in result.err
    assert "Traceback" not in result.err and "internal error" not in result.err
    assert [f["rule"] for f in json.loads(result.out)["findings"]] == ["link-safety"]


def test_broken_rule_file_names_file_line_and_key(run_cli, tmp_path):
    rules = tmp_path / "trust-rules"
    rules.mkdir()
    broken = rules / "broken.yaml"
    broken.write_text(CATASTROPHIC_RULE.replace("severity: warning", "severity: warning\nseverty: error"))
    (tmp_path / "socialpolicy.toml").write_text('rule_paths = ["trust-rules"]\n')
    draft = tmp_path / "post.txt"
    draft.write_text("hello")
    result = run_cli("check", str(draft), cwd=tmp_path, timeout=FAST)
    assert_clean_error(result, broken, "severty", line=5)


def test_invalid_regex_in_rule_names_file(run_cli, tmp_path):
    rules = tmp_path / "trust-rules"
    rules.mkdir()
    broken = rules / "bad-regex.yaml"
    broken.write_text(CATASTROPHIC_RULE.replace("'(a+)+$'", "'(unclosed'"))
    (tmp_path / "socialpolicy.toml").write_text('rule_paths = ["trust-rules"]\n')
    draft = tmp_path / "post.txt"
    draft.write_text("hello")
    result = run_cli("check", str(draft), cwd=tmp_path, timeout=FAST)
    assert_clean_error(result, broken, "regular expression")


@pytest.mark.e2e
def test_ctrl_c_exits_130_without_partial_output(tmp_path, interrupted_run):
    big = tmp_path / "drafts"
    big.mkdir()
    for index in range(3000):  # enough work that Ctrl-C lands mid-run
        (big / f"post{index}.txt").write_text("see http://example.org " * 50)
    out = tmp_path / "report.json"
    interrupted_run([str(big), "--format", "json", "-o", str(out)], out, wait=1.5, timeout=FAST)


def test_misspelt_detector_key_is_an_error_not_ignored(run_cli, tmp_path):
    rules = tmp_path / "trust-rules"
    rules.mkdir()
    broken = rules / "typo.yaml"
    broken.write_text(CATASTROPHIC_RULE.replace("    patterns: ['(a+)+$']", "    patterns: ['b']\n    unles: []"))
    (tmp_path / "socialpolicy.toml").write_text('rule_paths = ["trust-rules"]\n')
    draft = tmp_path / "post.txt"
    draft.write_text("hello")
    result = run_cli("check", str(draft), cwd=tmp_path, timeout=FAST)
    assert_clean_error(result, broken, "unles", line=11)


def test_a_swallowed_ctrl_c_still_stops_the_run():
    """Ctrl-C inside a finaliser is only printed by Python; the run must still stop."""
    from socialpolicy.run import _ctrl_c_sticks

    before = signal.getsignal(signal.SIGINT)
    with _ctrl_c_sticks() as interrupted:
        assert not interrupted()
        try:
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(1)
        except KeyboardInterrupt:
            pass  # what "Exception ignored in __del__" amounts to
        assert interrupted()
    assert signal.getsignal(signal.SIGINT) is before
