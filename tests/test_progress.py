"""The progress bar: drawn on stderr only for long runs, and cleared at the end."""

from __future__ import annotations

import io

from socialpolicy import progress
from socialpolicy.progress import Bar


def test_short_runs_draw_nothing():
    stream = io.StringIO()
    bar = Bar(stream)
    bar.add_total(10)
    bar.advance(10)
    bar.close()
    assert stream.getvalue() == ""


def test_long_runs_draw_counts_and_clear_the_line(monkeypatch):
    clock = iter([0.0, 5.0, 6.0])
    monkeypatch.setattr(progress.time, "monotonic", lambda: next(clock))
    stream = io.StringIO()
    bar = Bar(stream)
    bar.add_total(200)
    bar.advance(100)
    bar.advance(100)
    bar.close()
    drawn = stream.getvalue()
    assert "100/200" in drawn and "200/200" in drawn
    assert drawn.endswith("\r\033[K")


def test_no_bar_when_stderr_is_not_a_terminal(monkeypatch):
    from socialpolicy import run

    monkeypatch.setattr(run.sys.stderr, "isatty", lambda: False, raising=False)
    assert run._progress_bar(True) is None
    assert run._progress_bar(False) is None
