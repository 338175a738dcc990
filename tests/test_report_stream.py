"""Reports written as a stream (issue 16): every format writes each finding as soon as
it reads it, so a report on a million-post archive is never held whole in memory.
The RSS it saves is measured by ``benchmarks/memory.py --cli``; these tests check the
cause without timing anything."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator, Sequence
from typing import Any

import pytest

from socialpolicy.models import Clause, Finding, Result, Suppressed
from socialpolicy.reports import FORMATS, get_formatter, get_writer
from socialpolicy.reports.streaming import Later, Streamed, write_json
from socialpolicy.spill import SortedFindings

CLAUSE = Clause("JPUH-BUSM", "5.0", "Staff must not share patient information.")


def finding(number: int) -> Finding:
    return Finding(
        file="archive/tweets.js", line=number + 1, column=3,
        rule=("out-of-hours", "named-person-consent", "medical-advice")[number % 3],
        severity=("warning", "error", "info")[number % 3],
        message=f"Finding number {number}.", clause=CLAUSE, post=f"16000{number}",
        end_line=number + 1, end_column=9, evidence="J*** S****" if number % 3 == 1 else "",
        suggestion="Post it in working hours.", excerpt=f"Hello ward {number} — ok",
        excerpt_span=(6, 10), score=0.5 if number % 3 == 1 else None,
    )


class OnlyStreamed(Sequence[Finding]):
    """Findings made one at a time as they are read, like ``SortedFindings`` reading
    its segments back from disk. Taking its length or an item (what ``list()`` and
    slicing do) fails, and it records how far ahead of the written report the reading
    ever got in the last pass."""

    def __init__(self, count: int, written: list[int]) -> None:
        self.count = count
        self.written = written  # findings written so far, kept up by the stream
        self.passes = 0
        self.ahead = 0

    def __iter__(self) -> Iterator[Finding]:
        self.passes += 1
        self.ahead = 0
        start = self.written[0]
        for number in range(self.count):
            self.ahead = max(self.ahead, number - (self.written[0] - start))
            yield finding(number)

    def __len__(self) -> int:
        raise AssertionError("the report took the findings' length: it listed them")

    def __getitem__(self, index: Any) -> Any:
        raise AssertionError("the report indexed the findings: it listed them")

    def __bool__(self) -> bool:
        return True


class Counting(io.StringIO):
    """An output stream that counts the findings written to it so far (each finding's
    message appears in it once in every format)."""

    def __init__(self, written: list[int]) -> None:
        super().__init__()
        self.written = written

    def write(self, text: str) -> int:
        self.written[0] += text.count("Finding number ")
        return super().write(text)


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_a_large_report_is_written_finding_by_finding(fmt: str) -> None:
    """Each format reads the findings in order and writes each one before reading the
    next few: the report never waits for all of them (the old formatters listed them)."""
    written = [0]
    findings = OnlyStreamed(3000, written)
    result = Result(files=1, posts=3000, findings=findings)  # type: ignore[arg-type]
    stream = Counting(written)
    get_writer(fmt)(result, [], "0", stream)
    # SARIF also describes each of the three rules (none ran here) by a finding's message.
    assert written[0] == 3000 + (3 if fmt == "sarif" else 0)
    # SARIF reads them twice (once for the rules, which come first in the log).
    assert findings.passes == (2 if fmt == "sarif" else 1)
    assert findings.ahead <= 1
    if fmt in ("json", "sarif"):
        json.loads(stream.getvalue())


def _results() -> list[Result]:
    many = [finding(n) for n in range(40)]
    return [
        Result(),
        Result(files=2, posts=7, findings=many[:1]),
        Result(files=1, posts=40, findings=many,
               suppressed=[Suppressed(finding(41), "agreed with the patient, ref 12")],
               notices=["a notice"]),
    ]


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_the_written_report_is_the_rendered_one(fmt: str) -> None:
    """``render`` (the library's string) and ``write`` (the CLI's stream) give the same
    report, with findings in a list or waiting on disk in ``SortedFindings``."""
    for result in _results():
        stream = io.StringIO()
        get_writer(fmt)(result, [], "0", stream)
        text = get_formatter(fmt)(result, [], "0")
        assert stream.getvalue() == text
        spilled = Result(result.files, result.posts,
                         SortedFindings(result.findings, block=8, segment=3),  # type: ignore[arg-type]
                         result.suppressed, result.notices)
        assert get_formatter(fmt)(spilled, [], "0") == text
        assert text.endswith("\n")


def test_the_text_summary_and_statistics_count_in_the_one_pass() -> None:
    from socialpolicy.reports import text

    result = _results()[2]
    report = text.render(result, [], "0")
    assert report.endswith("40 problems (13 errors, 14 warnings, 13 infos) in 40 posts (1 file). "
                           "1 suppressed with a reason.\n")
    table = text.render(result, [], "0", statistics=True).splitlines()
    assert table[:3] == ["14  warning  out-of-hours", "13  info     medical-advice",
                         "13  error    named-person-consent"]
    assert table[3] == report.splitlines()[-1]


@pytest.mark.parametrize("value", [
    {}, [], {"a": []}, {"a": {}, "b": [1, {"c": [None, True, 1.5, "é\n\u2028\"x\""]}]},
    [[], [[]], {"k": {"n": []}}], "plain", 3,
])
def test_streamed_json_is_json_dumps_byte_for_byte(value: Any) -> None:
    """``write_json`` gives exactly ``json.dumps(indent=2, ensure_ascii=False)``, with any
    list streamed and any value made later."""
    expected = json.dumps(value, indent=2, ensure_ascii=False)

    def lazy(part: Any, depth: int) -> Any:
        if isinstance(part, dict):
            return Later(lambda: {k: lazy(v, depth + 1) for k, v in part.items()})
        if isinstance(part, list):
            return Streamed(lazy(v, depth + 1) for v in part)
        return part

    for shaped in (value, lazy(value, 0)):
        stream = io.StringIO()
        write_json(stream, shaped)
        assert stream.getvalue() == expected
