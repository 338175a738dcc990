"""What ``benchmarks/probe.py`` found about files a user keeps (session 9).

``--fix`` on a calendar linked into the repository replaced the link with a fixed copy
and left the real calendar as it was; a folder ``--fix`` may not write to ended in an
"internal error" instead of a message naming the file.
"""

from __future__ import annotations

import re
import tempfile

import pytest

CALENDAR = ('posts:\n  - id: a\n    platform: twitter\n'
            '    text: "Join us #mentalhealthawareness"\n')


def test_fix_through_a_link_fixes_the_real_calendar_and_keeps_the_link(cli, tmp_path):
    real = tmp_path / "shared" / "calendar.yaml"
    real.parent.mkdir()
    real.write_text(CALENDAR, encoding="utf-8")
    link = tmp_path / "calendar.yaml"
    link.symlink_to(real)
    result = cli("check", str(link), "--fix")
    assert result.code == 0, result.err
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert "#MentalHealthAwareness" in real.read_text(encoding="utf-8")


def test_fix_where_the_folder_cannot_be_written_names_the_file(cli, tmp_path, monkeypatch):
    calendar = tmp_path / "calendar.yaml"
    calendar.write_text(CALENDAR, encoding="utf-8")

    def refused(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    # What a read-only folder does (the suite may run as root, which no mode stops).
    monkeypatch.setattr(tempfile, "mkstemp", refused)
    result = cli("check", str(calendar), "--fix")
    assert result.code == 2
    assert f"{calendar}: cannot write the fixed file (Permission denied)" in result.err
    assert "internal error" not in result.err and "Traceback" not in result.err
    assert calendar.read_text(encoding="utf-8") == CALENDAR


@pytest.mark.parametrize(("name", "content", "said"), [
    ("list.yaml", "posts:\n  - id: a\n    text: [a, b]\n",
     ":3:5: text: must be text; put it in quotes or a block (text: |), not a list"),
    ("number.yaml", "posts:\n  - id: a\n    text: 12345\n", "not a number"),
    ("nan.json", '{"posts": [{"id": "a", "text": NaN}]}', "not a number"),
    ("big.yaml", "posts:\n  - id: a\n    text: hi\n    scheduled: 99999999999999999999\n",
     ":4: scheduled: is not a date and time but a number (write it as ISO 8601"),
])
def test_a_value_of_the_wrong_kind_is_named_in_plain_words(cli, tmp_path, name, content, said):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = cli("check", str(path))
    assert result.code == 2
    assert said in result.err
    # No Python type names ("int", "float", "PosList") reach an officer.
    assert not re.search(r"\b(int|float|PosList|PosDict|NoneType)\b", result.err), result.err


def test_a_formula_with_no_saved_result_says_how_to_store_it(cli, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "posts"
    sheet.append(["id", "text", "platform"])
    # Written by a program, never opened in a spreadsheet: no result is stored.
    sheet.append(["a", '=CONCAT("Take two ", "paracetamol")', "twitter"])
    path = tmp_path / "calendar.xlsx"
    book.save(path)
    result = cli("check", str(path))
    assert result.code == 2
    assert f"{path}:2: row 2 has no text" in result.err
    assert "formula" in result.err and "save it" in result.err


def test_a_configuration_left_open_names_a_line_and_the_likely_cause(cli, tmp_path):
    (tmp_path / "socialpolicy.toml").write_text('select = [\n  "medical-advice",\n',
                                                encoding="utf-8")
    draft = tmp_path / "draft.txt"
    draft.write_text("Hello", encoding="utf-8")
    result = cli("check", str(draft), cwd=tmp_path)
    assert result.code == 2
    assert "socialpolicy.toml:2: not valid TOML" in result.err
    assert "never closed" in result.err


def test_a_csv_saved_with_semicolons_says_how_to_save_it(cli, tmp_path):
    path = tmp_path / "calendar.csv"
    path.write_text("id;text;platform\na;Hello;twitter\n", encoding="utf-8")
    result = cli("check", str(path))
    assert result.code == 2
    assert f"{path}:1:1: the header 'id;text;platform' is separated by semicolons" in result.err
    assert "Comma delimited" in result.err
    # A column that merely holds a semicolon is still an unknown column.
    path.write_text("id,text,notes;misc\na,Hello,x\n", encoding="utf-8")
    assert "unknown column 'notes;misc'" in cli("check", str(path)).err


@pytest.mark.parametrize(("setting", "said"), [
    ("hours = {days = 'Funday'}\n", "socialpolicy.toml:1: hours.days: 'Funday' is not a day"),
    ("hours = {start = '17:00', end = '09:00'}\n", "hours.end: must be later than start"),
    ("accounts = 'nowhere.yaml'\n", "nowhere.yaml: the accounts register named by the "
                                    "configuration key accounts does not exist"),
])
def test_a_broken_setting_fails_every_run_not_only_the_one_that_needs_it(cli, tmp_path,
                                                                         setting, said):
    # A draft with no schedule and no account: neither setting is needed to check it,
    # but a pre-commit hook must not pass until the first post that needs them.
    (tmp_path / "socialpolicy.toml").write_text(setting, encoding="utf-8")
    draft = tmp_path / "draft.txt"
    draft.write_text("Our new day unit opens on Monday.", encoding="utf-8")
    result = cli("check", str(draft), "--platform", "x", cwd=tmp_path)
    assert result.code == 2, result.err
    assert said in result.err
