"""Hostile calendars through the real CLI, and calendars that must survive a format change."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from socialpolicy.config import Config
from socialpolicy.inputs import load_file

FAST = 60


def assert_clean_error(result, path: Path, needle: str, line: int | None = None) -> None:
    assert result.code == 2, result
    assert "Traceback" not in result.err
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert str(path) in lines[0]
    assert needle.lower() in lines[0].lower(), lines[0]
    if line is not None:
        assert f"{path}:{line}" in lines[0], lines[0]


def test_billion_laughs_alias_bomb(run_cli, tmp_path):
    path = tmp_path / "bomb.yaml"
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for index in range(1, 10):
        prev = chr(ord("a") + index - 1)
        name = chr(ord("a") + index)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    lines.append("posts:\n  - text: *j")
    path.write_text("\n".join(lines) + "\n")
    started = time.monotonic()
    result = run_cli("check", str(path), timeout=FAST)
    assert time.monotonic() - started < FAST
    assert_clean_error(result, path, "alias")


# Whichever parser refuses first (our guard at 64 levels, libyaml's own limit at
# 1,000 in PyYAML >= 6.0.2, Python's recursion limit), the user reads our words.
@pytest.mark.parametrize("depth", [65, 999, 1_001, 10_000])
@pytest.mark.parametrize("style", ["flow", "block", "json"])
def test_deep_nesting_is_refused_in_our_words(run_cli, tmp_path, depth, style):
    if style == "json":
        path = tmp_path / "deep.json"
        path.write_text('{"posts": [{"text": "hi",\n "media": ' + "[" * depth + "]" * depth + "}]}\n")
        line = 2
    elif style == "flow":
        path = tmp_path / "deep.yaml"
        path.write_text("posts:\n  - text: hi\n    media: " + "[" * depth + "]" * depth + "\n")
        line = 3
    else:
        if depth > 1_001:
            pytest.skip("a block document 10,000 levels deep is 50 MB of indentation")
        path = tmp_path / "deep.yaml"
        path.write_text("posts:\n" + "".join("  " * i + "- \n" for i in range(1, depth)) + "\n")
        line = None
    result = run_cli("check", str(path), timeout=FAST)
    assert_clean_error(result, path, "nested more than 64 levels deep", line=line)


def test_yaml_tags_that_build_python_objects_are_refused(run_cli, tmp_path):
    path = tmp_path / "evil.yaml"
    marker = tmp_path / "pwned"
    path.write_text(
        "posts:\n  - text: !!python/object/apply:os.system ['touch " + str(marker) + "']\n"
    )
    result = run_cli("check", str(path), timeout=FAST)
    assert_clean_error(result, path, "tag", line=2)
    assert not marker.exists()


def test_duplicate_keys_in_an_entry_are_an_error(run_cli, tmp_path):
    path = tmp_path / "dup.yaml"
    path.write_text("posts:\n  - id: a\n    text: first\n    text: second\n")
    assert_clean_error(run_cli("check", str(path), timeout=FAST), path, "duplicate key", line=4)


def test_duplicate_keys_in_json_are_an_error(run_cli, tmp_path):
    path = tmp_path / "dup.json"
    path.write_text('{"posts": [\n  {"text": "first",\n   "text": "second"}\n]}\n')
    assert_clean_error(run_cli("check", str(path), timeout=FAST), path, "duplicate", line=3)


def test_csv_with_nul_bytes(run_cli, tmp_path):
    path = tmp_path / "nul.csv"
    path.write_bytes(b"id,text\na,hello\x00world\n")
    assert_clean_error(run_cli("check", str(path), timeout=FAST), path, "NUL", line=2)


def test_csv_with_a_ragged_row(run_cli, tmp_path):
    path = tmp_path / "ragged.csv"
    path.write_text("id,text,platform\na,hello,twitter\nb,hi,twitter,extra,cells\n")
    assert_clean_error(run_cli("check", str(path), timeout=FAST), path, "", line=3)


def test_csv_with_a_header_typo(run_cli, tmp_path):
    path = tmp_path / "typo.csv"
    path.write_text("id,txet,platform\na,hello,twitter\n")
    assert_clean_error(run_cli("check", str(path), timeout=FAST), path, "txet", line=1)


def _big_calendar(path: Path, megabytes: int) -> int:
    """A JSON calendar of about ``megabytes`` MB of clean, realistic entries."""
    count = 0
    with path.open("w") as handle:
        handle.write('{"posts": [\n')
        written = 0
        while written < megabytes * 1_000_000:
            entry = json.dumps({
                "id": f"p{count}",
                "platform": "facebook",
                "text": "Our outpatient clinics are running as normal this week. Find out more at "
                        "https://www.jpaget.nhs.uk/outpatients #NHS " + "Thank you. " * 30,
            })
            handle.write(("," if count else "") + entry + "\n")
            written += len(entry) + 2
            count += 1
        handle.write("]}\n")
    return count


def _peak_memory_kb(path: Path, out: Path) -> int:
    """The peak resident memory in kB of a real ``check`` over ``path``, which must pass."""
    script = (
        "import resource, subprocess, sys\n"
        "proc = subprocess.run([sys.executable, '-m', 'socialpolicy', 'check', sys.argv[1],"
        " '--select', 'link-safety', '--select', 'post-length', '--format', 'json', '-o', sys.argv[2]])\n"
        "print(proc.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    # Measured as a user runs it: without the coverage tracer the suite may add.
    env = {k: v for k, v in os.environ.items() if not k.startswith("COVERAGE")}
    proc = subprocess.run([sys.executable, "-c", script, str(path), str(out)],
                          capture_output=True, text=True, timeout=1800, env=env)
    code, peak_kb = (int(x) for x in proc.stdout.split())
    assert code == 0, proc.stderr
    return peak_kb


@pytest.mark.e2e
def test_a_fifty_megabyte_calendar_fits_in_bounded_memory(tmp_path):
    # Memory grows with the calendar (its posts are held while they are checked), so
    # two real runs give the cost per megabyte, and from it the peak a 50 MB calendar
    # reaches: it must stay under 2 GB (a few parsed copies of the file are fine; growth
    # without bound is not). Two small files prove this at a tenth of the cost of
    # checking 50 MB itself.
    peaks = {}
    for megabytes in (1, 5):
        path = tmp_path / f"big{megabytes}.json"
        count = _big_calendar(path, megabytes)
        out = tmp_path / f"report{megabytes}.json"
        peaks[megabytes] = _peak_memory_kb(path, out)
        assert json.loads(out.read_text())["summary"]["posts"] == count
    per_megabyte = max(0, peaks[5] - peaks[1]) / 4
    assert peaks[5] + per_megabyte * (50 - 5) < 2_000_000, peaks


# -- the same calendar written as YAML, JSON and CSV gives the same findings ----------

SAFE_TEXT = st.text(
    alphabet=st.characters(exclude_categories=("Cs", "Cc")) | st.sampled_from(" \n"),
    max_size=40,
)
TEXT_PIECES = st.sampled_from([
    "http://example.org", "#a #b #c #d", "# nhs", "#mentalhealthawareness", "Rate us 1-10!",
    "take 2 paracetamol every 4 hours", "", "Our new ward opens today",
])
ENTRY = st.fixed_dictionaries(
    {"text": st.tuples(SAFE_TEXT, TEXT_PIECES, SAFE_TEXT).map(lambda t: " ".join(t).strip() or "x")},
    optional={
        "platform": st.sampled_from(["twitter", "facebook", "instagram"]),
        "media": st.lists(
            st.fixed_dictionaries({"file": st.sampled_from(["a.jpg", "b.png"])},
                                  optional={"alt": st.sampled_from(["A ward", ""]),
                                            "people": st.booleans()}),
            max_size=2,
        ),
        "poll": st.fixed_dictionaries({"question": st.just("Which menu?"),
                                       "options": st.just(["A", "B"])}),
    },
)


def _write_all(folder: Path, entries: list[dict]) -> list[Path]:
    posts = [{"id": f"p{i}", **e} for i, e in enumerate(entries)]
    yaml_path = folder / "cal.yaml"
    yaml_path.write_text(yaml.safe_dump({"posts": posts}, allow_unicode=True, sort_keys=False))
    json_path = folder / "cal.json"
    json_path.write_text(json.dumps({"posts": posts}, ensure_ascii=False, indent=1))
    csv_path = folder / "cal.csv"
    buffer = io.StringIO()
    keys = ["id", "text", "platform", "media", "poll"]
    writer = csv.DictWriter(buffer, fieldnames=keys, lineterminator="\n")
    writer.writeheader()
    for post in posts:
        writer.writerow({
            k: (json.dumps(post[k], ensure_ascii=False) if k in ("media", "poll") and k in post
                else post.get(k, ""))
            for k in keys
        })
    csv_path.write_text(buffer.getvalue())
    return [yaml_path, json_path, csv_path]


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(entries=st.lists(ENTRY, min_size=1, max_size=4))
def test_calendar_round_trip_through_yaml_json_and_csv(make_linter, tmp_path_factory, entries):
    folder = tmp_path_factory.mktemp("cal")
    linter = make_linter()
    outcomes = []
    for path in _write_all(folder, entries):
        posts = load_file(str(path), Config()).posts
        found = linter.check_posts(list(posts)).findings
        outcomes.append(sorted((f.post, f.rule, f.severity, f.message, f.evidence) for f in found))
    assert outcomes[0] == outcomes[1] == outcomes[2]
