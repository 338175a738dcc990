"""Spreadsheet calendars (.xlsx) and the plain dotted columns of CSV and XLSX (SPEC §1)."""

from __future__ import annotations

import io
import json
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from socialpolicy.config import Config
from socialpolicy.errors import InputError
from socialpolicy.inputs import load_file
from socialpolicy.starter import starter_workbook

FAST = 60


def _workbook(rows: list[list[object]], sheet: str = "posts", before: str | None = None) -> bytes:
    book = Workbook()
    first = book.active
    if before is not None:
        first.title = before
        first["A1"] = "notes the officer keeps for themselves"
        target = book.create_sheet(sheet)
    else:
        first.title = sheet
        target = first
    for row in rows:
        target.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _write(tmp_path: Path, rows: list[list[object]], name: str = "calendar.xlsx", **kw: str) -> Path:
    path = tmp_path / name
    path.write_bytes(_workbook(rows, **kw))
    return path


def test_the_posts_sheet_is_read_and_findings_name_row_and_sheet(linter, tmp_path):
    path = _write(tmp_path, [
        ["id", "platform", "text", "reply_to.text"],
        ["clean", "facebook", "Our new day unit opens on Monday.", None],
        ["advice", "twitter", "Take two paracetamol every four hours.",
         "I have a headache, what should I take?"],
    ], before="notes")
    result = linter.check_paths([str(path)])
    advice = [f for f in result.findings if f.rule == "medical-advice"]
    assert len(advice) == 1
    assert (advice[0].line, advice[0].column, advice[0].post) == (3, 3, "advice")
    assert advice[0].sheet == "posts"
    assert result.posts == 2
    from socialpolicy.reports.text import render

    report = render(result, linter.rules, "test")
    assert f"{path}:3:3: error[medical-advice]" in report
    assert "[sheet 'posts', row 3]" in report


def test_the_first_sheet_is_read_when_none_is_called_posts(tmp_path):
    path = _write(tmp_path, [["text", "platform"], ["Hello", "x"]], sheet="March")
    loaded = load_file(str(path), Config())
    assert [(p.text, p.platform, p.sheet) for p in loaded.posts] == [("Hello", "twitter", "March")]


def test_dates_are_taken_as_the_cell_holds_them(tmp_path):
    path = _write(tmp_path, [
        ["text", "scheduled"],
        ["A date cell", datetime(2027, 3, 6, 21, 30)],
        ["A text cell", "2027-03-08T10:00"],
    ])
    posts = load_file(str(path), Config()).posts
    assert [p.scheduled.isoformat() for p in posts if p.scheduled] == [
        "2027-03-06T21:30:00+00:00", "2027-03-08T10:00:00+00:00",
    ]


def test_formulas_are_read_as_their_saved_values_never_evaluated(tmp_path):
    # openpyxl saves no cached value for a formula it wrote, as a program that never
    # recalculated would: the cell then reads as empty, and the formula is not run.
    path = _write(tmp_path, [["text", "account"], ["Hello", '=HYPERLINK("http://x.invalid")']])
    post = load_file(str(path), Config()).posts[0]
    assert post.account is None
    assert "HYPERLINK" not in json.dumps(post.metadata(), default=str)


def test_dotted_columns_fill_media_consent_reply_poll_and_ignore(tmp_path):
    rows = [
        ["text", "media.file", "media.alt", "media.people", "media.consent", "consent.name",
         "consent.form", "reply_to.author", "reply_to.text", "poll.question", "poll.options",
         "ignore.hashtag-camelcase"],
        ["Well done Jane Smith and Ann Lee #nhsbirthday", "a.jpg; b.jpg", "Ward team; Cake",
         "yes; no", "CF-1; CF-2", "Jane Smith; Ann Lee", "CF-1;", "@someone", "Hi?",
         "Which cake?", "Lemon; Carrot", "the official campaign tag"],
    ]
    xlsx = load_file(str(_write(tmp_path, rows)), Config()).posts[0]
    csv_path = tmp_path / "calendar.csv"
    csv_path.write_text("\n".join(",".join(f'"{c}"' for c in row) for row in rows) + "\n")
    csv = load_file(str(csv_path), Config()).posts[0]
    for post in (xlsx, csv):
        assert [(m.file, m.alt, m.people, m.consent) for m in post.media] == [
            ("a.jpg", "Ward team", True, ("CF-1", "CF-2")),
            ("b.jpg", "Cake", False, ("CF-1", "CF-2")),
        ]
        assert [(c.name, c.form) for c in post.consent] == [("Jane Smith", "CF-1"), ("Ann Lee", None)]
        assert post.reply_to is not None and (post.reply_to.author, post.reply_to.text) == ("@someone", "Hi?")
        assert post.poll is not None and post.poll.options == ("Lemon", "Carrot")
        assert post.ignore == (("hashtag-camelcase", "the official campaign tag"),)


def test_a_dotted_column_points_at_its_cell_in_findings(linter, tmp_path):
    path = _write(tmp_path, [
        ["id", "text", "media.file", "media.people"],
        ["p", "Our ward team", "team.jpg", "yes"],
    ])
    findings = linter.check_paths([str(path)]).findings
    photo = next(f for f in findings if f.rule == "photo-consent")
    assert (photo.line, photo.column) == (2, 3)


@pytest.mark.parametrize(("header", "needle"), [
    (["text", "media.flie"], "media.flie"),
    (["text", "media", "media.file"], "both a 'media' column"),
    (["platform"], "no text column"),
])
def test_header_mistakes_are_clear(tmp_path, header, needle):
    path = _write(tmp_path, [header, ["x"] * len(header)])
    with pytest.raises(InputError) as caught:
        load_file(str(path), Config())
    assert needle in caught.value.format()
    assert caught.value.line == 1


def test_a_yes_no_cell_that_is_neither_is_refused_at_its_cell(tmp_path):
    path = _write(tmp_path, [["text", "media.file", "media.people"], ["Hi", "a.jpg", "maybe"]])
    with pytest.raises(InputError) as caught:
        load_file(str(path), Config())
    assert (caught.value.line, caught.value.column) == (2, 3)
    assert "yes or no" in caught.value.reason


@pytest.mark.parametrize(("name", "content", "needle"), [
    ("locked.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "password-protected"),
    ("broken.xlsx", b"PK\x03\x04 this is not really a zip", "damaged"),
    ("notes.xlsx", b"just some text someone renamed", "not an Excel Workbook"),
    ("macros.xlsm", b"PK\x03\x04", "macro-enabled"),
])
def test_unreadable_workbooks_exit_2_with_a_clear_message(run_cli, tmp_path, name, content, needle):
    path = tmp_path / name
    path.write_bytes(content)
    result = run_cli("check", str(path), timeout=FAST)
    assert result.code == 2, result
    assert "Traceback" not in result.err
    assert str(path) in result.err and needle in result.err


def test_a_truncated_workbook_is_refused_cleanly(tmp_path):
    data = _workbook([["text"], ["Hello"]])
    path = tmp_path / "cut.xlsx"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(InputError) as caught:
        load_file(str(path), Config())
    assert "damaged" in caught.value.reason


def test_xlsx_files_are_found_in_folders(linter, tmp_path):
    _write(tmp_path, [["text", "platform"], ["#a #b #c #d #e", "twitter"]])
    result = linter.check_paths([str(tmp_path)])
    assert result.files == 1
    assert any(f.rule == "hashtag-guidance" for f in result.findings)


def test_the_starter_workbook_has_the_columns_and_a_platform_dropdown():
    book = load_workbook(io.BytesIO(starter_workbook()))
    sheet = book["posts"]
    header = [c.value for c in sheet[1]]
    for column in ("text", "platform", "media.people", "consent.name", "reply_to.text"):
        assert column in header
    lists = [v.formula1 for v in sheet.data_validations.dataValidation]
    assert any("twitter" in f and "facebook" in f for f in lists)


def test_init_writes_a_spreadsheet_that_checks_clean(linter, tmp_path):
    from socialpolicy.starter import write_starter

    lines = list(write_starter(tmp_path))
    assert any(line.startswith("wrote calendar.xlsx") for line in lines)
    result = linter.check_paths([str(tmp_path / "calendar.xlsx")])
    assert result.posts == 1 and result.findings == []
    again = list(write_starter(tmp_path))
    assert "skipped calendar.xlsx: it already exists" in again


def test_a_value_in_a_column_with_no_header_is_not_silently_dropped(tmp_path):
    path = _write(tmp_path, [["text", "platform"], ["Hello", "twitter", "#a #b #c #d #e"]])
    with pytest.raises(InputError) as caught:
        load_file(str(path), Config())
    assert (caught.value.line, caught.value.column) == (2, 3)
    assert "no name in the header" in caught.value.reason


def test_a_workbook_that_unpacks_to_far_more_than_it_weighs_is_refused(tmp_path):
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"<row/>" * 5_000_000)
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(InputError) as caught:
        load_file(str(path), Config())
    assert "unpack" in caught.value.reason


def test_a_spreadsheet_that_is_not_a_calendar_is_skipped_with_a_notice(linter, tmp_path):
    _write(tmp_path, [["Month", "Budget"], ["March", 1200]], name="budget.xlsx", sheet="Sheet1")
    result = linter.check_paths([str(tmp_path)])
    assert result.files == 0
    assert any("budget.xlsx" in n and "not a content calendar" in n for n in result.notices)
    # A sheet named posts is always read as a calendar, so its mistakes are reported.
    path = _write(tmp_path, [["Month", "Budget"], ["March", 1200]], name="posts.xlsx")
    with pytest.raises(InputError):
        load_file(str(path), Config())
