"""Hostile input, by class (issue 17): no leak, no injection, no lost file, no hang,
no traceback. Each test stands for a class of inputs, not one example."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from socialpolicy.reports import FORMATS, get_formatter

# Identifiers as people write them, with the digits a leak would show.
IDENTIFIERS = {
    "nhs": "943 476 5919",
    "nhs-compact": "9434765919",
    "nhs-nbsp": "943\u00a0476\u00a05919",
    "nhs-zero-width": "943\u200b476\u200b5919",
    "nhs-full-width": "９４３ ４７６ ５９１９",
    "mobile": "07700 900123",
    "international": "+44 7700 900456",
    "email": "jane.okafor@gmail.com",
    "email-disguised": "jane.okafor [at] gmail [dot] com",
    "dob": "DOB 12/03/1985",
    "postcode": "NR31 6LA",
    "nino": "JG 10 37 59 A",
    "name": "Margaret Thompson",
}
# What must never be seen in any output: the identifying part of each one.
SECRETS = {
    "nhs": "4765919", "nhs-compact": "4765919", "nhs-nbsp": "5919", "nhs-zero-width": "5919",
    "nhs-full-width": "５９１９", "mobile": "900123", "international": "900456",
    "email": "okafor", "email-disguised": "okafor", "dob": "1985", "postcode": "6LA",
    "nino": "37 59", "name": "Thompson",
}
# Sentences other rules quote whole as their evidence.
CARRIERS = [
    "My appointment with the fracture clinic is on 14 March at 10am, {x}",
    "{x} take two paracetamol every four hours and stay in bed",
    "Staff on Ward 7 are still not being paid for overtime again, {x} raised it with HR",
    "Visiting times: http://www.jpaget.nhs.uk/visiting?ref={x}",
    "Rate our A&E out of 10! {x}",
    "CONFIDENTIAL do not share: {x}",
]


def _render_all(result, rules) -> str:
    return "\n".join(get_formatter(name)(result, rules, "0") for name in FORMATS)


def _leaks(output: str, key: str) -> bool:
    secret = SECRETS[key]
    flat = "".join(output.split())
    return secret in output or "".join(secret.split()) in flat


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    carrier=st.sampled_from(CARRIERS),
    key=st.sampled_from(sorted(IDENTIFIERS)),
    before=st.text(st.characters(blacklist_categories=["Cs"]), max_size=8),
    after=st.text(st.characters(blacklist_categories=["Cs"]), max_size=8),
    reply=st.booleans(),
)
def test_no_rule_and_no_format_shows_an_identifier(linter, carrier, key, before, after, reply):
    from socialpolicy.inputs.draft import read_draft

    identifier = f"{before} {IDENTIFIERS[key]} {after}"
    metadata: dict[str, object] = {"platform": "twitter"}
    if reply:
        metadata["reply_to"] = {"author": "@someone", "text": "Is my scan result back? I'm scared"}
    post = read_draft(carrier.format(x=identifier), "draft.md", metadata)
    result = linter.check_posts([post])
    output = _render_all(result, linter.rules)
    assert not _leaks(output, key), (key, output[:2000])


@pytest.mark.parametrize("key", ["nhs", "email", "mobile", "name"])
def test_metadata_fields_never_show_identifiers(linter, key):
    """Media file names, alt text, poll questions, suppression reasons and ids."""
    from socialpolicy.inputs.draft import read_draft

    value = IDENTIFIERS[key]
    slug = value.replace(" ", "_").replace("@", "_at_")
    post = read_draft(
        "Our new day unit opens on Monday #newdayunit",
        "draft.md",
        {
            "platform": "twitter",
            "id": f"reply-{slug}",
            "media": [{"file": f"{slug}_bed4.jpg", "people": True}],
            "poll": {"question": f"How was your stay, {value}?", "options": ["Good", "Bad"]},
            "ignore": {"hashtag-camelcase": f"agreed with {value}"},
        },
    )
    result = linter.check_posts([post])
    assert result.findings, "the carrier post should break photo-consent and poll-canvassing"
    output = _render_all(result, linter.rules)
    assert not _leaks(output, key), output[:2000]


def test_show_evidence_still_shows_everything(make_linter):
    text = "Margaret Thompson 943 476 5919, take two paracetamol every four hours"
    findings = make_linter(show_evidence=True).check_text(
        text, platform="twitter", reply_to={"author": "@a", "text": "what should I take for a headache?"})
    assert any("943 476 5919" in f.evidence for f in findings)


# -- error messages ------------------------------------------------------------------


@pytest.mark.parametrize(("name", "content"), [
    ("e.md", "---\nreply_to: 'Jane Okafor 943 476 5919 jane.okafor@gmail.com'\n---\nHi\n"),
    ("e.md", "---\nplatform: 'Jane Okafor 943 476 5919'\n---\nHi\n"),
    ("c.json", '{"posts": [{"text": "hi", "media": "Jane Okafor 943 476 5919"}]}'),
    ("c.yaml", "posts:\n  - text: hi\n    scheduled: 'Jane Okafor 943 476 5919'\n"),
    ("c.csv", "text,943 476 5919\nhi,x\n"),
    ("c.yaml", "calendar: {as_of: 'Jane Okafor 943 476 5919'}\nposts:\n  - text: hi\n"),
])
def test_error_messages_name_the_place_never_the_value(cli, tmp_path, name, content):
    (tmp_path / name).write_text(content, encoding="utf-8")
    result = cli("check", name, cwd=tmp_path)
    assert result.code == 2, result
    assert result.err.startswith(f"socialpolicy: {name}:"), result.err
    assert "5919" not in result.err and "Okafor" not in result.err and "gmail" not in result.err
    assert "Traceback" not in result.err


@pytest.mark.parametrize(("content", "plain"), [
    ("---\nplatform: no\n---\nHi\n", "must be one of: twitter"),
    ("---\nid: 2026-03-14\n---\nHi\n", "must be text"),
    ("---\nscheduled: 2026-02-30\n---\nHi\n", "not a real date"),
    ("---\nscheduled: 99999-01-01T10:00\n---\nHi\n", "not a date and time"),
    ("---\nid: " + "9" * 5000 + "\n---\nHi\n", "number too long"),
])
def test_unusable_values_are_explained_in_plain_english(cli, tmp_path, content, plain):
    (tmp_path / "d.md").write_text(content, encoding="utf-8")
    result = cli("check", "d.md", cwd=tmp_path)
    assert result.code == 2, result
    assert plain in result.err and "d.md:" in result.err, result.err
    assert "datetime.date" not in result.err and "False is not" not in result.err


# -- injection -------------------------------------------------------------------------


ESCAPES = "\x1b]0;owned\x07\x1b[2J\x1b[31mred\u202e"


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_control_characters_never_reach_the_terminal_or_the_ci_runner(cli, tmp_path, fmt):
    (tmp_path / "c.yaml").write_text(json.dumps({"posts": [{
        "id": "p1\n::add-mask::x\nforged.md:1:1: error[fake] " + ESCAPES,
        "platform": "twitter",
        "text": "Take two paracetamol " + ESCAPES + " #mentalhealthawareness",
        "reply_to": {"author": "@a", "text": "I've got a headache, what should I take?"},
    }]}), encoding="utf-8")
    result = cli("check", "--format", fmt, "c.yaml", cwd=tmp_path)
    assert result.code == 1, result
    for stream in (result.out, result.err):
        assert "\x1b" not in stream and "\x07" not in stream and "\u202e" not in stream
        for line in stream.splitlines():
            assert not line.startswith("::add-mask"), line
            assert not line.startswith("forged.md"), line


@pytest.mark.skipif(sys.platform == "win32", reason="file names with newlines")
def test_a_file_name_cannot_forge_a_workflow_command(cli, tmp_path):
    name = "x\n::error file=a.md::forged\n.md"
    (tmp_path / name).write_text("---\nplatform: nope\n---\nHi\n", encoding="utf-8")
    result = cli("check", name, cwd=tmp_path, env={"GITHUB_ACTIONS": "true"})
    assert result.code == 2
    assert not any(line.startswith("::") for line in (result.out + result.err).splitlines())


# -- never lose what a user wrote --------------------------------------------------------


def test_output_onto_a_checked_file_is_refused_before_anything_is_written(cli, tmp_path):
    draft = tmp_path / "draft.md"
    draft.write_text("Take two paracetamol\n", encoding="utf-8")
    before = draft.stat()
    for target in ("draft.md", "./draft.md", str(draft)):
        result = cli("check", "draft.md", "-o", target, cwd=tmp_path)
        assert result.code == 2 and "being checked" in result.err, result
        assert draft.read_text(encoding="utf-8") == "Take two paracetamol\n"
    assert stat.S_IMODE(draft.stat().st_mode) == stat.S_IMODE(before.st_mode)
    # A folder being checked: a draft in it is an input too.
    result = cli("check", ".", "-o", "draft.md", cwd=tmp_path)
    assert result.code == 2 and draft.read_text(encoding="utf-8") == "Take two paracetamol\n"


def test_an_earlier_report_in_a_checked_folder_may_be_replaced(cli, tmp_path):
    (tmp_path / "draft.md").write_text("Our day unit opens on Monday.\n", encoding="utf-8")
    first = cli("check", ".", "--format", "json", "-o", "report.json", cwd=tmp_path)
    assert first.code == 0, first
    again = cli("check", ".", "--format", "json", "-o", "report.json", cwd=tmp_path)
    assert again.code == 0, again
    assert "wrote" not in again.out


@pytest.mark.parametrize(("target", "plain"), [
    (".", "is a folder"),
    ("missing/report.json", "does not exist"),
    ("/dev/null", "not a regular file"),
])
def test_output_that_cannot_be_a_report_is_refused(cli, tmp_path, target, plain):
    (tmp_path / "draft.md").write_text("Hello\n", encoding="utf-8")
    result = cli("check", "draft.md", "-o", target, cwd=tmp_path)
    assert result.code == 2 and plain in result.err, result
    assert "internal error" not in result.err


def test_a_new_report_gets_the_usual_file_mode(cli, tmp_path):
    (tmp_path / "draft.md").write_text("Hello\n", encoding="utf-8")
    old = os.umask(0o022)
    try:
        result = cli("check", "draft.md", "-o", "report.txt", cwd=tmp_path)
    finally:
        os.umask(old)
    assert result.code == 0, result
    assert stat.S_IMODE((tmp_path / "report.txt").stat().st_mode) == 0o644


# -- no hang, bounded work -----------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_pipes_and_devices_are_skipped_not_read(run_cli, tmp_path):
    os.mkfifo(tmp_path / "named.txt")
    (tmp_path / "folder").mkdir()
    os.mkfifo(tmp_path / "folder" / "inside.md")
    (tmp_path / "folder" / "ok.md").write_text("Hello\n", encoding="utf-8")
    result = run_cli("check", "named.txt", "folder", cwd=tmp_path, timeout=60)
    assert result.code == 0, result
    assert "named.txt: skipped" in result.err and "inside.md: skipped" in result.err
    assert "1 post" in result.out


def test_rules_test_on_a_link_to_an_endless_device_stops(run_cli, tmp_path):
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "zero.yaml").symlink_to("/dev/zero")
    result = run_cli("rules", "test", "rules", cwd=tmp_path, timeout=60)
    assert result.code in (1, 2), result
    assert "zero.yaml" in result.err + result.out and "Traceback" not in result.err


@pytest.mark.parametrize("char", ["#", "!", "a", "😀"])
def test_a_thirty_kilobyte_run_of_one_character_is_checked(linter, char):
    findings = linter.check_text("Hello Jane Smith " + char * 30_000, platform="facebook")
    assert isinstance(findings, list)  # finished; benchmarks/hostile.py reports the time


def test_a_post_too_long_for_the_model_is_still_checked_by_the_patterns(cli, tmp_path):
    text = "Take two paracetamol and stay in bed. " + "word " * 25_000
    (tmp_path / "long.txt").write_text(text, encoding="utf-8")
    result = cli("check", "long.txt", "--platform", "facebook", cwd=tmp_path)
    assert "names were not looked for" in result.err
    assert "post-length" in result.out
    assert "Traceback" not in result.err and "internal error" not in result.err


# -- every error a message -------------------------------------------------------------


@pytest.mark.parametrize(("name", "content", "plain"), [
    ("empty.md", "---\n---\nHello\n", None),
    ("surrogate.json", '{"posts": [{"text": "hi \\ud800 there"}]}', "broken character"),
    ("merge.yaml", "posts:\n  - &first\n    text: hi\n  - <<: *first\n    id: b\n", None),
])
def test_odd_but_legal_or_plainly_broken_files(cli, tmp_path, name, content, plain):
    (tmp_path / name).write_text(content, encoding="utf-8")
    result = cli("check", name, "-o", "out.txt", cwd=tmp_path)
    assert "internal error" not in result.err and "Traceback" not in result.err, result
    if plain is None:
        assert result.code == 0, result
    else:
        assert result.code == 2 and plain in result.err and f"{name}:" in result.err, result


def test_a_symlink_loop_named_on_the_command_line(cli, tmp_path):
    (tmp_path / "a.md").symlink_to(tmp_path / "b.md")
    (tmp_path / "b.md").symlink_to(tmp_path / "a.md")
    result = cli("check", "a.md", cwd=tmp_path)
    assert result.code == 2 and "loops back on itself" in result.err, result


def test_nan_and_infinite_sizes_in_the_configuration(cli, tmp_path):
    (tmp_path / "draft.md").write_text("Hello\n", encoding="utf-8")
    for value in ("nan", "inf", "-1"):
        (tmp_path / "socialpolicy.toml").write_text(f"max_file_mb = {value}\n", encoding="utf-8")
        result = cli("check", "draft.md", cwd=tmp_path)
        assert result.code == 2 and "max_file_mb" in result.err and "positive" in result.err, result


def test_an_impossible_date_in_the_register(cli, tmp_path):
    (tmp_path / "accounts.yaml").write_text(
        "- {handle: '@a', platform: twitter, owner: x, approved_by: y, approved_on: 2026-02-30, "
        "status: active}\n", encoding="utf-8")
    (tmp_path / "socialpolicy.toml").write_text('accounts = "accounts.yaml"\n', encoding="utf-8")
    (tmp_path / "d.md").write_text("---\naccount: '@a'\n---\nHello\n", encoding="utf-8")
    result = cli("check", "d.md", cwd=tmp_path)
    assert result.code == 2 and "accounts.yaml:1" in result.err and "real date" in result.err


def test_closed_stdin_and_a_narrow_terminal_encoding(tmp_path):
    """Stdin closed, and a cp1252 stdout given an emoji: a message or an escape, no crash."""
    (tmp_path / "d.txt").write_text("Congratulations to the team 🎉 #ThankYouNHS\n", encoding="utf-8")
    env = {**os.environ, "PYTHONIOENCODING": "cp1252"}
    env.pop("GITHUB_ACTIONS", None)
    shown = subprocess.run([sys.executable, "-m", "socialpolicy", "check", "d.txt", "--platform",
                            "x", "--select", "hashtag-camelcase", "--select", "post-length", "--show-evidence"],
                           cwd=tmp_path, env=env, capture_output=True, timeout=120)
    assert shown.returncode in (0, 1) and b"Traceback" not in shown.stderr, shown
    # Two rules that need no language model: stdin is read before any rule runs, and
    # loading the model here would only add seconds to a test about the stream.
    closed = subprocess.run([sys.executable, "-m", "socialpolicy", "check", "-", "--platform", "x",
                             "--select", "hashtag-camelcase", "--select", "post-length"], cwd=tmp_path,
                            stdin=subprocess.DEVNULL, capture_output=True, timeout=120,
                            env={k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"})
    assert closed.returncode in (0, 2) and b"Traceback" not in closed.stderr


@pytest.mark.parametrize(("register", "plain"), [
    ("folder", "is a folder"),
    ("/dev/null", "not a regular file"),
    ("missing.yaml", "does not exist"),
])
def test_a_register_that_is_not_a_file_is_named_as_such(cli, tmp_path, register, plain):
    (tmp_path / "folder").mkdir()
    (tmp_path / "socialpolicy.toml").write_text(f'accounts = "{register}"\n', encoding="utf-8")
    (tmp_path / "d.md").write_text("---\naccount: '@a'\n---\nHello\n", encoding="utf-8")
    result = cli("check", "d.md", cwd=tmp_path)
    assert result.code == 2 and plain in result.err, result


@pytest.mark.parametrize(("hours", "key"), [
    ('days = "Funday"', "days"), ('start = "25:00"', "start"), ('timezone = "Mars/Olympus"', "timezone"),
])
def test_monitored_hours_errors_name_their_line(cli, tmp_path, hours, key):
    (tmp_path / "socialpolicy.toml").write_text(f"fail_on = \"error\"\n\n[hours]\n{hours}\n",
                                                encoding="utf-8")
    (tmp_path / "d.md").write_text("---\nscheduled: 2026-03-14T09:30\n---\nHello\n", encoding="utf-8")
    result = cli("check", "d.md", cwd=tmp_path)
    assert result.code == 2 and "socialpolicy.toml:4:" in result.err and f"hours.{key}" in result.err, result


@pytest.mark.parametrize(("detector", "plain"), [
    ("{kind: pattern, patterns: ['x'], timeout: 5}", "at most 1"),
    ("{kind: pattern, patterns: ['{{a}}'], lists: {a: [" + ", ".join(["'{{b}}'"] * 120) + "], b: ["
     + ", ".join(["'{{c}}'"] * 120) + "], c: [" + ", ".join([f"'word{i}'" for i in range(120)]) + "]}}",
     "expand into a pattern"),
])
def test_a_trust_rule_cannot_ask_for_unbounded_work(cli, tmp_path, detector, plain):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "mine.yaml").write_text(
        "id: my-rule\ntitle: A Trust's own rule\nseverity: warning\n"
        "clause: {policy: JPUH-BUSM, section: '5.0', quote: 'the policy words quoted here'}\n"
        "message: This post says something the Trust's own rule is about.\n"
        "suggestion: Say it another way, as the Trust's guidance explains.\n"
        f"detect:\n  - {detector}\n"
        "examples: {fail: [x, x, x, x, x], pass: [y, y, y, y, y]}\n", encoding="utf-8")
    (tmp_path / "socialpolicy.toml").write_text('rule_paths = ["rules"]\n', encoding="utf-8")
    (tmp_path / "d.md").write_text("Hello\n", encoding="utf-8")
    result = cli("check", "d.md", cwd=tmp_path)
    assert result.code == 2 and "mine.yaml" in result.err and plain in result.err, result


@pytest.mark.e2e
def test_sigterm_stops_workers_quietly(tmp_path):
    import signal
    import time

    posts = "\n".join(f"  - {{id: p{i}, platform: twitter, text: 'Post {i} from Ward {i % 9}'}}"
                      for i in range(6000))
    (tmp_path / "big.yaml").write_text("posts:\n" + posts + "\n", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "socialpolicy", "check", "big.yaml", "--jobs", "2",
                             "--no-progress"], cwd=tmp_path, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children")
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if children.exists() and children.read_text().strip():
            break  # the workers are running
        time.sleep(0.2)
    time.sleep(1)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=120)
    if proc.returncode in (0, 1):
        pytest.skip("the run finished before SIGTERM")
    assert proc.returncode == 143, err
    assert b"Traceback" not in err
    assert err.decode().strip().splitlines()[-1] == "socialpolicy: terminated"
