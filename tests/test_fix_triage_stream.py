"""What ``check --diff``/``--fix`` and ``triage`` keep while they write (issue 16).

``--diff`` and ``--fix`` read the findings once (an archive's from the disk they wait
on), keep only those a fix is made for, and never read a file too large to be fixed;
``triage`` writes its queue message by message from a ``Queue`` that waits on disk
past a few thousand messages. The RSS this saves is measured by
``benchmarks/memory.py --cli --command diff|triage``; these tests check the cause
without timing anything."""

from __future__ import annotations

import io
import json
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from socialpolicy.config import Config
from socialpolicy.engine import Linter
from socialpolicy.models import Clause, Finding, Result
from socialpolicy.run import CheckOptions, _fixes
from socialpolicy.triage import Message, Triage
from socialpolicy.triage.report import RENDERERS, WRITERS, Queue

CALENDAR = """\
posts:
  - id: p1
    platform: twitter
    text: 'It''s #mentalhealthawareness week: talk to someone you trust'
  - id: p2
    platform: twitter
    text: Please wash your hands #handhygiene today
"""


class ReadOnce:
    """Findings that may be read in one pass only, as an archive's are read back from
    disk: taking their length, an item, or a second pass fails."""

    def __init__(self, findings: list[Finding]) -> None:
        self._findings = findings
        self.passes = 0

    def __iter__(self) -> Iterator[Finding]:
        self.passes += 1
        assert self.passes == 1, "the findings were read twice"
        return iter(self._findings)

    def __len__(self) -> int:
        raise AssertionError("the findings' length was taken: they were listed")

    def __getitem__(self, index: Any) -> Any:
        raise AssertionError("the findings were indexed: they were listed")


def _other(path: str, number: int) -> Finding:
    return Finding(file=path, line=number + 1, column=1, rule="out-of-hours", severity="warning",
                   message="Posted out of hours.", clause=Clause("P", "1", "q"), post=str(number),
                   end_line=number + 1, end_column=2, evidence="")


def test_fixes_read_the_findings_once_and_keep_only_the_ones_they_fix(tmp_path, monkeypatch):
    calendar = tmp_path / "june.yaml"
    calendar.write_text(CALENDAR)
    linter = Linter(Config(), select=["hashtag-camelcase"])
    tags = list(linter.check_file(calendar).findings)
    assert tags
    # Thousands of findings no fix is made for, in this file and in another.
    others = [_other(str(calendar), n) for n in range(3000)]
    others += [_other(str(tmp_path / "archive.js"), n) for n in range(3000)]
    findings = ReadOnce(sorted([*tags, *others], key=Finding.sort_key))
    given: list[list[Finding]] = []
    import socialpolicy.fixes as fixes

    real = fixes.fix_file

    def fix_file(path: str, found: Any, *args: Any) -> Any:
        given.append(list(found))
        return real(path, found, *args)

    monkeypatch.setattr(fixes, "fix_file", fix_file)
    made = _fixes(Result(findings=findings),  # type: ignore[arg-type]
                  {None: [str(calendar)]}, {None: linter}, CheckOptions(paths=[str(calendar)]))
    assert findings.passes == 0  # made a file at a time, when asked for
    [fix] = list(made)
    assert findings.passes == 1
    assert given == [tags]  # the 6,000 others were never held
    assert b"#MentalHealthAwareness" in fix.after


def _tagged_archive(folder: Path, count: int) -> Path:
    path = folder / "tweets.js"
    entries = [{"tweet": {"id_str": str(1000 + i), "created_at": "Mon Feb 03 10:15:00 +0000 2025",
                          "full_text": f"Post {i}: it's #mentalhealthawareness week"}} for i in range(count)]
    path.write_text("window.YTD.tweets.part0 = " + json.dumps(entries, indent=2), encoding="utf-8")
    return path


def test_an_archive_too_large_to_fix_is_never_read_whole_for_a_fix(cli, tmp_path, monkeypatch):
    archive = _tagged_archive(tmp_path, 400)
    config = tmp_path / "socialpolicy.toml"
    # Smaller than the archive: a streamed archive is still checked, but a fixed file is
    # read again as a draft or calendar, which refuses it, so no fix can be made.
    config.write_text("max_file_mb = 0.01\n")
    before = archive.read_bytes()
    read: list[str] = []
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        read.append(self.name)
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    for flag in ("--diff", "--fix"):
        result = cli("check", str(archive), "--config", str(config), "--no-cache", flag,
                     "--select", "hashtag-camelcase")
        assert result.code == 0, result
        assert ("would fix 0 problems in 0 files" if flag == "--diff"
                else "fixed 0 problems in 0 files") in result.err
    # The findings are still reported, on every post.
    assert result.out.count("[hashtag-camelcase]") == 400
    assert "tweets.js" not in read
    monkeypatch.undo()
    assert archive.read_bytes() == before


def test_a_platform_archive_is_never_fixed_however_small(cli, tmp_path):
    """An archive is a record of what was published: --fix leaves it byte for byte, and
    --diff shows nothing for it, while a calendar beside it is still fixed."""
    archive = _tagged_archive(tmp_path, 3)
    facebook = tmp_path / "posts.json"
    facebook.write_text(json.dumps([{"timestamp": 1738577700, "data": [
        {"post": "It's #mentalhealthawareness week"}]}]), encoding="utf-8")
    calendar = tmp_path / "calendar.yaml"
    calendar.write_text("posts:\n  - id: p1\n    text: \"It's #mentalhealthawareness week\"\n",
                        encoding="utf-8")
    before = {path: path.read_bytes() for path in (archive, facebook)}
    for flag in ("--diff", "--fix"):
        result = cli("check", str(archive), str(facebook), str(calendar), "--no-cache", flag,
                     "--select", "hashtag-camelcase")
        assert ("would fix 1 problem in 1 file" if flag == "--diff"
                else "fixed 1 problem in 1 file") in result.err, result
        if flag == "--diff":
            assert "tweets.js" not in result.out and "posts.json" not in result.out
    assert {path: path.read_bytes() for path in before} == before
    assert b"#MentalHealthAwareness" in calendar.read_bytes()


# -- triage -------------------------------------------------------------------------

TEXTS = [
    "My dad collapsed on the ward and nobody came, please help now",
    "Thank you to the maternity team, you were wonderful",
    "When is the phlebotomy clinic open on Saturdays?",
    "I want to make a formal complaint about my appointment being cancelled again",
    "Buy cheap followers at example.com",
    "Is this a press enquiry line? I'm a journalist at the local paper",
]


def _messages(count: int) -> list[Message]:
    return [Message(id=f"m{i}-id", text=TEXTS[i % len(TEXTS)] + f" ({i})", channel="facebook",
                    author="Fenella Quennell", source="comments.csv", line=i + 2)
            for i in range(count)]


@pytest.fixture(scope="module")
def triage() -> Triage:
    return Triage(Linter(Config(), rules=[], jobs=1))


class OnlyOnce:
    """A queue read in one pass, that records how far reading ever got ahead of what
    was written; taking its length or an item fails."""

    def __init__(self, items: list[Any], written: list[int]) -> None:
        self.items, self.written, self.ahead = items, written, 0

    def __iter__(self) -> Iterator[Any]:
        for number, item in enumerate(self.items):
            self.ahead = max(self.ahead, number - self.written[0])
            yield item

    def __len__(self) -> int:
        raise AssertionError("the queue's length was taken: it was listed")

    def __getitem__(self, index: Any) -> Any:
        raise AssertionError("the queue was indexed: it was listed")


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_each_triage_format_writes_message_by_message(triage, fmt):
    items = triage.run(_messages(30))
    written = [0]

    class Counting(io.StringIO):
        """Counts the messages written so far (each message's id once in every format)."""

        def write(self, text: str) -> int:
            written[0] += text.count("-id")
            return super().write(text)

    stream = Counting()
    queue = OnlyOnce(items, written)
    WRITERS[fmt](queue, 1, "0", stream)
    assert queue.ahead <= 1
    # The same report as the whole-string renderer gives.
    assert stream.getvalue() == RENDERERS[fmt](items, 1, "0")


def test_the_queue_waits_on_disk_masked_and_reads_back_in_queue_order(triage, monkeypatch):
    messages = _messages(80)
    spilled: list[Any] = []
    real = tempfile.TemporaryFile

    def temporary_file(*args: Any, **kwargs: Any) -> Any:
        handle = real(*args, **kwargs)
        spilled.append(handle)
        return handle

    monkeypatch.setattr(tempfile, "TemporaryFile", temporary_file)
    queue = Queue(block=8)
    queue.extend(triage.each(messages))
    assert spilled, "nothing waited on disk"
    assert list(queue) == triage.run(messages)  # most urgent first, file order within
    assert len(queue) == 80
    for handle in spilled:
        handle.seek(0)
        data = handle.read()
        assert data and b"Fenella" not in data and b"Quennell" not in data


def test_a_queue_shown_unmasked_never_waits_on_disk(monkeypatch):
    shown = Triage(Linter(Config(), rules=[], show_evidence=True, jobs=1))
    monkeypatch.setattr(tempfile, "TemporaryFile", lambda *a, **k: pytest.fail("written to disk"))
    queue = Queue(spill=False, block=8)
    queue.extend(shown.each(_messages(80)))
    assert any(item.author == "Fenella Quennell" for item in queue)
    assert list(queue) == shown.run(_messages(80))


def test_triage_of_several_files_is_the_queue_of_all_of_them(cli, tmp_path):
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_text("id,text\n" + "".join(f'a{i},"{TEXTS[i % 6]}"\n' for i in range(40)))
    second.write_text("id,text\n" + "".join(f'b{i},"{TEXTS[(i + 3) % 6]}"\n' for i in range(40)))
    result = cli("triage", str(first), str(second), "--format", "json")
    assert result.code == 0, result
    report = json.loads(result.out)
    ranks = ["urgent", "high", "normal", "low"]
    order = [ranks.index(m["priority"]) for m in report["messages"]]
    assert order == sorted(order)  # most urgent first across both files
    assert report["summary"]["messages"] == 80 and report["summary"]["files"] == 2
    for priority in ranks:  # file order within a priority: a's messages, then b's
        ids = [m["id"] for m in report["messages"] if m["priority"] == priority]
        assert ids == sorted(ids, key=lambda i: (i[0], int(i[1:])))
