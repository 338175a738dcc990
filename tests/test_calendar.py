"""Content calendars in YAML, JSON and CSV: posts, positions, and errors a user can act on."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest

from socialpolicy.config import Config
from socialpolicy.engine import Linter
from socialpolicy.errors import InputError
from socialpolicy.inputs import load_file
from socialpolicy.ruleset import load_rule_file

ROOT = Path(__file__).resolve().parent.parent
LONDON_OFFSETS = {"GMT": 0, "BST": 3600}


@pytest.fixture(scope="module")
def link_linter() -> Linter:
    rule = load_rule_file(ROOT / "rules" / "link-safety.yaml", Config())
    return Linter(Config(), rules=[rule])


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def spots(linter: Linter, path: str) -> list[tuple[int, int, str | None]]:
    result = linter.check_paths([path])
    return [(f.line, f.column, f.post) for f in result.findings]


# -- YAML ----------------------------------------------------------------------------


YAML_CALENDAR = """\
calendar:
  as_of: 2026-03-01
posts:
  - id: literal
    platform: twitter
    scheduled: 2026-03-16 10:30
    text: |
      Visiting times have changed.
        Read more at http://www.jpaget.nhs.uk/visiting
  - id: quoted
    scheduled: "2026-03-16T10:30:00+00:00"
    text: "See http://example.org for more"
  - id: plain
    text: Plain text with http://plain.example.org in it
  - id: escaped
    text: "Caf\\u00e9 news: http://cafe.example.org"
  - id: folded
    text: >
      First paragraph here
      continues with http://folded.example.org

      Second paragraph http://second.example.org
"""


def test_yaml_findings_point_at_the_line_and_column_inside_the_text(tmp_path, link_linter):
    path = write(tmp_path, "calendar.yaml", YAML_CALENDAR)
    assert spots(link_linter, path) == [
        (9, 22, "literal"),   # inside the literal block, after its extra indent
        (12, 16, "quoted"),   # inside the quotes
        (14, 27, "plain"),
        (16, 12, "escaped"),  # an escape makes columns unsure: where the text starts
        (19, 7, "folded"),    # a folded paragraph: the line it starts on
        (22, 7, "folded"),
    ]


def test_yaml_entries_become_posts_with_metadata(tmp_path):
    path = write(tmp_path, "calendar.yaml", YAML_CALENDAR)
    loaded = load_file(path, Config())
    assert loaded.calendar and loaded.as_of == date(2026, 3, 1)
    assert [p.id for p in loaded.posts] == ["literal", "quoted", "plain", "escaped", "folded"]
    first = loaded.posts[0]
    assert first.text.startswith("Visiting times have changed.\n  Read more")
    assert first.platform == "twitter"
    # A YAML timestamp with no offset is UK time; a quoted string with one keeps it.
    assert first.scheduled == datetime.fromisoformat("2026-03-16T10:30:00+00:00")
    assert loaded.posts[1].scheduled.utcoffset().total_seconds() == 0
    assert first.field_position("scheduled").line == 6


def test_yaml_timestamp_in_summer_is_british_summer_time(tmp_path):
    path = write(tmp_path, "c.yaml", "posts:\n  - text: hi\n    scheduled: 2026-07-01 10:00\n")
    post = load_file(path, Config()).posts[0]
    assert post.scheduled.utcoffset().total_seconds() == 3600


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("posts:\n  - text: hi\n    acount: '@JamesPagetNHS'\n", 3, "acount"),
        ("posts:\n  - id: a\n    platform: twitter\n", 2, "no text"),
        ("posts:\n  - text: hi\n    platform: myspace\n", 3, "platform"),
        ("posts:\n  - text: hi\n    text: again\n", 3, "duplicate key"),
        ("posts:\n  - text: hi\n    scheduled: next tuesday\n", 3, "ISO 8601"),
        ("calendar: {as_of: soon}\nposts: []\n", 1, "as_of"),
        ("posts:\n  - text: hi\npost:\n  - text: oops\n", 3, "unknown top-level key"),
        ("posts:\n  - text: hi\n    media: [{file: a.jpg, alt: x, peple: true}]\n", 3, "peple"),
        ("posts:\n  - text: [1, 2]\n", 2, "text"),
    ],
)
def test_yaml_schema_errors_name_the_line(tmp_path, text, line, words):
    path = write(tmp_path, "calendar.yaml", text)
    with pytest.raises(InputError) as caught:
        load_file(path, Config())
    assert caught.value.line == line
    assert words in caught.value.reason


@pytest.mark.parametrize(
    "text",
    [
        "- handle: '@JamesPagetNHS'\n  platform: twitter\n  status: active\n",
        "name: CI\non: [push]\njobs: {}\n",
        "",
        "key: {{ helm template }}\n  broken: [\n",
    ],
)
def test_yaml_without_posts_is_skipped_not_an_error(tmp_path, text):
    path = write(tmp_path, "other.yaml", text)
    loaded = load_file(path, Config())
    assert loaded.skipped and "posts" in loaded.skipped
    assert loaded.posts == ()


def test_broken_yaml_with_posts_is_an_error(tmp_path):
    path = write(tmp_path, "calendar.yaml", "posts:\n  - text: [unclosed\n")
    with pytest.raises(InputError):
        load_file(path, Config())


# -- JSON ----------------------------------------------------------------------------


JSON_CALENDAR = """{
  "calendar": {"as_of": "2026-03-01"},
  "posts": [
    {
      "id": "first",
      "platform": "facebook",
      "scheduled": "2026-03-16T10:30",
      "text": "Read more at http://www.jpaget.nhs.uk/visiting"
    },
    {"id": "second", "text": "Line one\\nLine two http://x.example.org",
     "media": [{"file": "a.jpg", "alt": "A ward", "people": false}]}
  ]
}
"""


def test_json_findings_point_at_the_line_and_column(tmp_path, link_linter):
    path = write(tmp_path, "calendar.json", JSON_CALENDAR)
    assert spots(link_linter, path) == [(8, 29, "first"), (10, 31, "second")]


def test_json_entries_keep_positions_of_fields_and_media(tmp_path):
    path = write(tmp_path, "calendar.json", JSON_CALENDAR)
    loaded = load_file(path, Config())
    assert loaded.as_of == date(2026, 3, 1)
    first, second = loaded.posts
    assert first.field_position("platform").line == 6
    assert second.field_position("media[0]").line == 11
    assert second.text == "Line one\nLine two http://x.example.org"
    assert second.media[0].people is False


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ('{"posts": [{"text": "a", "txt": "b"}]}', 1, "txt"),
        ('{"posts": [\n {"text": "a",\n  "text": "b"}]}', 3, "duplicate key"),
        ('{"posts": [\n {"text": "a", "media": [{"file": "x", "file": "y"}]}]}', 2, "duplicate key"),
        ('{"posts": [\n {"text": "a"},\n {"id": "no-text"}\n]}', 3, "no text"),
        ('{"posts": [\n {"text": "a",}\n]}', 2, "JSON"),
        ('{"posts": [{"text": "a"}]} trailing', 1, "extra text"),
        ('{"posts": {"text": "a"}}', 1, "list"),
    ],
)
def test_json_errors_name_the_line(tmp_path, text, line, words):
    path = write(tmp_path, "calendar.json", text)
    with pytest.raises(InputError) as caught:
        load_file(path, Config())
    assert caught.value.line == line, caught.value
    assert words in caught.value.reason


@pytest.mark.parametrize("text", ['{"name": "pkg", "version": "1.0"}', "[1, 2, 3]", "{oops", ""])
def test_json_without_posts_is_skipped(tmp_path, text):
    loaded = load_file(write(tmp_path, "package.json", text), Config())
    assert loaded.skipped and loaded.posts == ()


# -- CSV -----------------------------------------------------------------------------


CSV_CALENDAR = (
    'id,platform,scheduled,text,media,ignore\n'
    'one,twitter,2026-03-16T10:30,Plain cell http://one.example.org,,\n'
    'two,facebook,2026-03-16T11:00,"Quoted, with a comma\n'
    'and a second line http://two.example.org",'
    '"[{file: a.jpg, alt: ""A ward"", people: false}]",\n'
    '\n'
    'three,,,"He said ""hi""\n'
    'see http://three.example.org",,"{link-safety: """"}"\n'
)


def test_csv_findings_point_at_the_row_line_and_cell(tmp_path, link_linter):
    path = write(tmp_path, "calendar.csv", CSV_CALENDAR)
    assert spots(link_linter, path) == [
        (2, 41, "one"),    # an unquoted cell: exact
        (4, 19, "two"),    # the second line of a multi-line quoted cell: exact
        (7, 1, "three"),   # doubled quotes make columns unsure: the line still holds
    ]


def test_csv_cells_hold_json_or_yaml_flow_text(tmp_path):
    loaded = load_file(write(tmp_path, "calendar.csv", CSV_CALENDAR), Config())
    one, two, three = loaded.posts
    assert loaded.calendar and one.platform == "twitter" and one.media == ()
    assert two.text == "Quoted, with a comma\nand a second line http://two.example.org"
    assert two.media[0].alt == "A ward" and two.media[0].people is False
    assert two.position.line == 3
    assert three.ignore == (("link-safety", ""),)
    assert three.scheduled is None


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("id,txt\n1,hello\n", 1, "'txt'"),
        ("id,platfrom,text\n1,twitter,hello\n", 1, "'platfrom'"),
        ("id,account\n1,@a\n", 1, "no text column"),
        ("id,text\n1,hello\n2,hello,extra\n", 3, "3 cells"),
        ('id,text\n1,"multi\nline"\n2\n', 4, "1 cells"),
        ('id,text,media\n1,hi,"[{file: a.jpg, colour: red}]"\n', 2, "colour"),
        ('id,text,poll\n\n1,hi,"{question: [unclosed"\n', 3, "poll"),
        ("id,text,platform\n1,hi,myspace\n", 2, "platform"),
        ("", 1, "empty"),
    ],
)
def test_csv_errors_name_the_line_and_column(tmp_path, text, line, words):
    path = write(tmp_path, "calendar.csv", text)
    with pytest.raises(InputError) as caught:
        load_file(path, Config())
    assert caught.value.line == line, caught.value
    assert words in caught.value.reason


def test_csv_header_is_forgiving_of_case_and_spaces(tmp_path):
    loaded = load_file(write(tmp_path, "c.csv", " ID , Text \nx,hello\n"), Config())
    assert loaded.posts[0].id == "x" and loaded.posts[0].text == "hello"


# -- the real command ----------------------------------------------------------------


def test_cli_schema_error_exits_2_with_file_and_line(tmp_path, run_cli):
    write(tmp_path, "calendar.yaml", "posts:\n  - text: hi\n    acount: '@JamesPagetNHS'\n")
    result = run_cli("check", "calendar.yaml", cwd=tmp_path)
    assert result.code == 2, result
    assert "calendar.yaml:3" in result.err and "acount" in result.err
    assert "Traceback" not in result.err


def test_cli_csv_header_typo_exits_2_naming_the_column(tmp_path, run_cli):
    write(tmp_path, "calendar.csv", "id,txet\n1,hello\n")
    result = run_cli("check", "calendar.csv", cwd=tmp_path)
    assert result.code == 2, result
    assert "calendar.csv:1" in result.err and "'txet'" in result.err


def test_cli_skips_yaml_that_is_not_a_calendar_with_a_notice(tmp_path, run_cli):
    write(tmp_path, "notes.yaml", "title: not a calendar\n")
    write(tmp_path, "draft.txt", "Visiting times are changing on Monday")
    result = run_cli("check", ".", "--select", "link-safety", cwd=tmp_path)
    assert result.code == 0, result
    assert result.err.count("notes.yaml") == 1 and "skipped" in result.err


def test_cli_json_report_on_stdout_is_only_json(tmp_path, run_cli):
    rows = "".join(f"p{i},Post {i} http://example.org/{i}\n" for i in range(300))
    write(tmp_path, "calendar.csv", "id,text\n" + rows)
    result = run_cli("check", "calendar.csv", "--select", "link-safety", "--format", "json",
                     cwd=tmp_path)
    assert result.code == 1, result
    report = json.loads(result.out)
    assert report["summary"]["posts"] == 300 and len(report["findings"]) == 300
    assert report["findings"][0]["line"] == 2


def test_examples_folder_calendar_reports_what_the_readme_shows(run_cli):
    result = run_cli("check", "examples/calendar.yaml", "--config", "examples/socialpolicy.toml",
                     "--format", "json", cwd=ROOT)
    assert result.code == 1, result
    report = json.loads(result.out)
    found = {(f["rule"], f["post"]) for f in report["findings"]}
    assert {
        ("out-of-hours", "open-day-reminder"),
        ("reply-signposting", "reply-rash"),
        ("unauthorised-account", "charity-fun-run"),
        ("inactive-account", "new-midwives"),
    } <= found
    assert [s["rule"] for s in report["suppressed"]] == ["link-safety"]
    assert report["suppressed"][0]["reason"].startswith("The council's parking page")
