"""Platform archives (SPEC §1): an X archive and a Facebook Page export read as calendars
of what was published, streamed a chunk at a time."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from socialpolicy.config import Config
from socialpolicy.inputs import archives, load_file

ROOT = Path(__file__).resolve().parent.parent
ARCHIVES = ROOT / "tests" / "data" / "archives"
X_DATA = ARCHIVES / "x" / "data"
FACEBOOK = ARCHIVES / "facebook" / "posts" / "your_posts_1.json"


def posts_of(path: Path | str, **metadata: str) -> list:
    loaded = load_file(str(path), Config(), metadata)
    assert loaded.stream is not None and loaded.calendar
    return list(loaded.stream())


def by_rule(findings) -> dict[str, list]:
    out: dict[str, list] = {}
    for finding in findings:
        out.setdefault(finding.rule, []).append(finding)
    return out


def test_x_archive_reads_what_was_published():
    posts = posts_of(X_DATA / "tweets.js")
    # Every part of the archive, in order: tweets.js then tweets-part1.js.
    assert [p.source.rsplit("/", 1)[-1] for p in posts] == ["tweets.js"] * 4 + ["tweets-part1.js"]
    first, reply, photo, thread, late = posts
    assert first.text.endswith("from Monday & details: http://www.jpaget.nhs.uk/visiting")
    assert first.account == "@JamesPagetNHS"  # from account.js beside it
    assert first.platform == "twitter" and first.id == "1600000000000000101"
    assert first.scheduled is not None and first.scheduled.isoformat() == "2025-02-03T10:15:00+00:00"
    assert reply.reply_to is not None and reply.reply_to.author == "@sam_example_1"
    # A reply to the account's own tweet continues a thread; it answers nobody.
    assert thread.reply_to is None
    # The t.co link X adds for a photo is not part of the words; the photo is media.
    assert photo.text == "Congratulations to our critical care team, Team of the Year!\nWell done #NHS"
    assert [m.file for m in photo.media] == ["https://pbs.twimg.com/media/ExAmPlE0001.jpg"]
    assert photo.media[0].alt is None
    assert late.scheduled is not None and late.scheduled.year == 2025


def test_x_archive_findings_point_at_lines_and_use_the_real_history(linter):
    result = linter.check_paths([str(ARCHIVES / "x")])
    assert result.files == 1 and result.posts == 5
    found = by_rule(result.findings)
    [advice] = found["medical-advice"]
    assert (Path(advice.file).name, advice.line) == ("tweets.js", 68)
    [gap] = found["inactive-account"]
    # A gap from February to September 2025; the last post is within six months of the
    # day the archive was made (manifest.js), so nothing is said about after it.
    assert "4 February 2025 and 26 September 2025" in gap.message
    assert (Path(gap.file).name, gap.line) == ("tweets.js", 108)
    [late] = found["out-of-hours"]
    assert (Path(late.file).name, late.line) == ("tweets-part1.js", 18)
    assert "http://www.jpaget.nhs.uk/visiting" in found["link-safety"][0].evidence
    assert any("part of the X archive tweets.js" in n for n in result.notices)


def test_facebook_export_reads_posts_links_media_and_page_name():
    first, photo, status = posts_of(FACEBOOK)
    # Facebook's byte-by-byte escapes are undone: an en dash and an emoji.
    assert "the midwives \u2013 everyone welcome!" in first.text
    assert photo.text.endswith("award! \U0001f44f")
    # A shared link was published with the post.
    assert first.text.endswith("\nhttp://www.jpaget.nhs.uk/maternity")
    assert first.account == "James Paget University Hospitals" and first.platform == "facebook"
    assert [m.file for m in photo.media] == ["posts/media/TimelinePhotos_example/ward10_award.jpg"]
    assert status.scheduled is not None and status.scheduled.isoformat() == "2025-02-26T15:00:00+00:00"
    assert status.id == "2025-02-26T15:00:00Z"


def test_account_given_on_the_command_line_wins():
    assert {p.account for p in posts_of(FACEBOOK, account="@JamesPagetNHS")} == {"@JamesPagetNHS"}
    assert {p.account for p in posts_of(X_DATA / "tweets.js", account="@JPUHCharity")} == {"@JPUHCharity"}


def test_folder_walk_finds_archives_but_not_other_javascript(cli, tmp_path):
    shutil.copytree(ARCHIVES, tmp_path / "archives")
    (tmp_path / "archives" / "app.js").write_text("window.alert('not a post');\n", encoding="utf-8")
    result = cli("check", "archives", "--format", "json", cwd=tmp_path)
    assert result.code == 1, result
    files = {Path(f["file"]).name for f in json.loads(result.out)["findings"]}
    assert files == {"tweets.js", "tweets-part1.js", "your_posts_1.json"}


def test_a_broken_archive_names_file_and_line(cli, tmp_path):
    broken = tmp_path / "tweets.js"
    text = (X_DATA / "tweets.js").read_text(encoding="utf-8")
    broken.write_text(text[: text.index('"full_text" : "@sam')] + "\n", encoding="utf-8")
    result = cli("check", str(broken), "--select", "post-length")
    assert result.code == 2
    assert "tweets.js:" in result.err and "not valid JSON" in result.err
    assert "Traceback" not in result.err


def test_a_js_file_named_like_an_archive_that_is_not_one(cli, tmp_path):
    odd = tmp_path / "tweets.js"
    odd.write_text("console.log('hello')\n", encoding="utf-8")
    result = cli("check", str(odd))
    assert result.code == 2
    assert "does not look like a platform archive" in result.err


def _big_archive(path: Path, count: int) -> list[str]:
    texts = [f'Post {i}: visiting times \u2013 "ward {i % 9}" [{"x" * (i % 40)}]\nsee you'
             for i in range(count)]
    entries = [
        {"tweet": {"id_str": str(1000 + i), "created_at": "Mon Feb 03 10:15:00 +0000 2025",
                   "full_text": text}}
        for i, text in enumerate(texts)
    ]
    path.write_text("window.YTD.tweets.part0 = " + json.dumps(entries, indent=2), encoding="utf-8")
    return texts


@pytest.mark.parametrize("chunk", [7, 64, 1 << 20])
def test_streamed_reading_matches_reading_the_whole_file(tmp_path, monkeypatch, chunk):
    """However the file is cut into chunks, every post comes out whole, in order,
    with the line its text is written on."""
    path = tmp_path / "tweets.js"
    expected = _big_archive(path, 300)
    monkeypatch.setattr(archives, "CHUNK_CHARS", chunk)
    posts = posts_of(path)
    assert [p.text for p in posts] == expected
    lines = path.read_text(encoding="utf-8").split("\n")
    for post in posts:
        line = lines[post.position.line - 1]
        assert line.lstrip().startswith('"full_text"'), (post.id, line)


def test_streamed_archive_finds_what_the_same_posts_in_memory_find(linter, tmp_path):
    """Checking an archive a chunk at a time, with calendar-wide rules reading only each
    post's metadata, finds exactly what checking all its posts at once finds."""
    from socialpolicy.kinds.base import CalendarInfo

    path = tmp_path / "tweets.js"
    entries = []
    for index, (month, day, text) in enumerate([
        (1, 6, "Take two paracetamol every four hours"), (2, 3, "Visiting is 11am to 8pm"),
        (9, 28, "Our new day unit opens on Monday"), (10, 5, "Call 111 if you feel unwell"),
    ]):
        entries.append({"tweet": {"id_str": f"{index}", "full_text": text,
                                  "created_at": f"Sat {['Jan', 'Feb', 'Sep', 'Oct'][index]} "
                                                f"{day:02d} 03:00:00 +0000 2025"}})
        assert month  # months are in the created_at text
    path.write_text("window.YTD.tweets.part0 = " + json.dumps(entries, indent=1), encoding="utf-8")
    streamed = linter.check_paths([str(path)], {"account": "@JPUHLibrary"})
    loaded = load_file(str(path), Config(), {"account": "@JPUHLibrary"})
    assert loaded.stream is not None
    whole = linter.check_posts(list(loaded.stream()), calendar=CalendarInfo(loaded.as_of))
    assert streamed.findings == whole.findings
    assert [f.to_dict() for f in streamed.findings] == [f.to_dict() for f in whole.findings]
    assert {"inactive-account", "out-of-hours", "medical-advice"} <= {f.rule for f in whole.findings}
