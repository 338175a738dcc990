"""--fix, --unsafe-fixes and --diff (issue 14 item 7): ruff's model, and a fix never
touches any byte of the file but the ones it fixes."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from socialpolicy.config import Config
from socialpolicy.fixes import Edit, apply_edits, camel_case, fix_file

CALENDAR = """\
# Our June calendar: keep this comment
posts:
  - id: p1   # the first one
    platform: twitter
    text: 'It''s #mentalhealthawareness week: talk to someone you trust'
  - platform: facebook
    id: p2
    text: >-
      Please wash your hands #handhygiene
      and call Jane on 07700 900123 to book.
  - id: p3
    platform: twitter
    reply_to: {author: "@dad", text: "My son has a temperature, what should I give him?"}
    text: "Sorry to hear that. Give him Calpol every four hours and keep him in bed."
"""


@pytest.mark.parametrize(("tag", "camel"), [
    ("mentalhealthawareness", "MentalHealthAwareness"),
    ("internationalnursesday", "InternationalNursesDay"),
    ("handhygiene", "HandHygiene"),
    ("stopthespread", "StopTheSpread"),
    ("expertsexchange", None),  # experts exchange, or expert sex change
    ("penisland", None),  # pen island, or penis land
    ("nhs", None),
])
def test_camel_case_only_when_the_split_is_clear(tag, camel):
    assert camel_case(tag) == camel


def test_diff_shows_the_safe_fixes_and_writes_nothing(cli, tmp_path):
    calendar = tmp_path / "june.yaml"
    calendar.write_text(CALENDAR)
    result = cli("check", str(calendar), "--diff")
    assert result.code == 1
    assert "+    text: 'It''s #MentalHealthAwareness week" in result.out
    assert "+      Please wash your hands #HandHygiene" in result.out
    assert "Calpol" not in "".join(line for line in result.out.splitlines() if line.startswith("+"))
    assert "would fix 2 problems in 1 file" in result.err
    assert "--unsafe-fixes" in result.err
    assert calendar.read_text() == CALENDAR


def test_fix_changes_only_the_hashtags(cli, tmp_path):
    calendar = tmp_path / "june.yaml"
    calendar.write_text(CALENDAR)
    result = cli("check", str(calendar), "--fix", "--select", "hashtag-camelcase")
    assert result.code == 0, result  # nothing left
    assert "fixed 2 problems in 1 file" in result.err
    assert calendar.read_text() == CALENDAR.replace(
        "#mentalhealthawareness", "#MentalHealthAwareness").replace("#handhygiene", "#HandHygiene")


def test_unsafe_fixes_mask_identifiers_and_signpost_replies(cli, tmp_path):
    calendar = tmp_path / "june.yaml"
    calendar.write_text(CALENDAR)
    diff = cli("check", str(calendar), "--diff", "--unsafe-fixes")
    assert "07700" not in diff.out and "900123" not in diff.out  # the diff masks too
    cli("check", str(calendar), "--fix", "--unsafe-fixes")
    fixed = calendar.read_text()
    assert "07700 900123" not in fixed and "call Jane on ***** ****** to book." in fixed
    assert "Give him Calpol" not in fixed
    assert "We can't give medical advice on social media." in fixed
    assert fixed.startswith("# Our June calendar: keep this comment\nposts:\n  - id: p1   # the first one\n")


def test_medical_advice_outside_a_reply_is_left_for_a_person(cli, tmp_path):
    draft = tmp_path / "post.md"
    text = "---\nplatform: facebook\n---\nFeeling rough? Take two paracetamol every four hours.\n"
    draft.write_text(text)
    cli("check", str(draft), "--fix", "--unsafe-fixes", "--select", "medical-advice")
    assert draft.read_text() == text


def test_a_draft_keeps_its_crlf_line_endings(cli, tmp_path):
    draft = tmp_path / "post.md"
    data = b"---\r\nplatform: twitter # where\r\n---\r\nJoin our #coffeemorning today\r\n"
    draft.write_bytes(data)
    cli("check", str(draft), "--fix")
    assert draft.read_bytes() == data.replace(b"#coffeemorning", b"#CoffeeMorning")


def test_apply_edits_leaves_every_other_byte():
    data = b"abc #tag def"
    assert apply_edits(data, [Edit(4, 8, b"#Tag", "r")]) == b"abc #Tag def"


# -- round trips: whatever the layout, only the hashtags' letters change -------------

TAGS = ["#mentalhealthawareness", "#handhygiene", "#coffeemorning", "#stopthespread", "#NHS",
        "#expertsexchange"]
words = st.sampled_from(["Join", "our", "team", "today", "at", "the", "clinic", "week", "&", "it's"])
texts = st.lists(st.one_of(words, st.sampled_from(TAGS)), min_size=1, max_size=8).map(" ".join)


def _yaml_scalar(text: str, style: str) -> str:
    if style == "single":
        return "'" + text.replace("'", "''") + "'"
    if style == "double":
        return '"' + text + '"'
    if style == "block":
        return "|-\n      " + text
    return text if ":" not in text and not text.startswith(("&", "#", "'")) else '"' + text + '"'


@st.composite
def calendars(draw):  # type: ignore[no-untyped-def]
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    lines = [draw(st.sampled_from(["# calendar", "# ⚠ keep", ""])), "posts:"]
    for index, text in enumerate(draw(st.lists(texts, min_size=1, max_size=4))):
        style = draw(st.sampled_from(["plain", "single", "double", "block"]))
        fields = [f"id: p{index}", "platform: twitter", f"text: {_yaml_scalar(text, style)}"]
        fields = draw(st.permutations(fields))
        comment = draw(st.sampled_from(["", "  # note"]))
        lines.append(f"  - {fields[0]}{comment}")
        lines += [f"    {field}" for field in fields[1:]]
    return newline.join(lines) + newline


def _only_tag_case_changed(before: bytes, after: bytes) -> None:
    assert len(before) == len(after)
    assert before.lower() == after.lower()
    for index, (old, new) in enumerate(zip(before, after, strict=True)):
        if old != new:
            # A changed byte is a letter inside a hashtag.
            start = before.rfind(b"#", 0, index + 1)
            assert start != -1 and before[start + 1:index + 1].isalpha()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(calendars())
def test_yaml_round_trip_changes_only_hashtag_letters(make_linter, tmp_path, text):
    path = tmp_path / "calendar.yaml"
    path.write_bytes(text.encode())
    linter = make_linter(select=["hashtag-camelcase"])
    findings = linter.check_paths([str(path)]).findings
    fix = fix_file(str(path), findings, Config(), {r.id: r.fix for r in linter.rules if r.fix},
                   unsafe=False)
    if fix is None:
        return
    _only_tag_case_changed(fix.before, fix.after)
    after = tmp_path / "after.yaml"
    after.write_bytes(fix.after)
    assert linter.check_paths([str(after)]).posts == linter.check_paths([str(path)]).posts


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(texts, min_size=1, max_size=4), st.sampled_from(["\n", "\r\n"]),
       st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]))
def test_csv_round_trip_keeps_its_layout(make_linter, tmp_path, rows, newline, quoting):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=newline, quoting=quoting)
    writer.writerow(["id", "platform", "text"])
    for index, text in enumerate(rows):
        writer.writerow([f"p{index}", "twitter", text])
    path = tmp_path / "calendar.csv"
    path.write_bytes(buffer.getvalue().encode())
    linter = make_linter(select=["hashtag-camelcase"])
    findings = linter.check_paths([str(path)]).findings
    fix = fix_file(str(path), findings, Config(), {r.id: r.fix for r in linter.rules if r.fix},
                   unsafe=False)
    fixable = [f for f in findings if camel_case(f.evidence.lstrip("#"))]
    if fix is None:
        assert not fixable
        return
    _only_tag_case_changed(fix.before, fix.after)
    assert fix.fixed == len(fixable)


def test_fixing_an_unchanged_file_twice_is_a_no_op(cli, tmp_path):
    calendar = tmp_path / "june.yaml"
    calendar.write_text(CALENDAR)
    cli("check", str(calendar), "--fix")
    once = Path(calendar).read_bytes()
    second = cli("check", str(calendar), "--fix")
    assert Path(calendar).read_bytes() == once
    assert "fixed 0 problems" in second.err
