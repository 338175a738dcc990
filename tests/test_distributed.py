"""check --dask: the posts of a large input checked on a Dask cluster."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import yaml

from socialpolicy.config import Config
from socialpolicy.engine import Linter
from socialpolicy.kinds.base import CalendarInfo
from socialpolicy.models import Media, Position, Post, ReplyTo

ROOT = Path(__file__).resolve().parent.parent


def corpus_posts(count: int) -> list[Post]:
    """Real texts from the development corpus as one calendar, with metadata that
    calendar-wide and metadata rules speak about."""
    cases = yaml.safe_load((ROOT / "tests" / "corpus" / "dev.yaml").read_text(encoding="utf-8"))
    texts = [c for c in cases["cases"] if isinstance(c.get("text"), str)]
    start = datetime(2025, 1, 6, 9, 0, tzinfo=timezone.utc)
    posts = []
    for index in range(count):
        case = texts[index % len(texts)]
        reply = case.get("reply_to")
        posts.append(Post(
            text=case["text"], source="calendar.yaml", id=f"post-{index}",
            account="@JamesPagetNHS" if index % 3 else "@JPUHLibrary",
            platform=case.get("platform", "twitter"),
            scheduled=start + timedelta(hours=7 * index + (index % 5) * 200),
            media=(Media("ward.jpg"),) if index % 13 == 0 else (),
            reply_to=ReplyTo(reply.get("author"), str(reply.get("text", "")))
            if isinstance(reply, dict) else None,
            position=Position(2 + 3 * index, 11),
        ))
    return posts


@pytest.mark.e2e
def test_findings_identical_and_in_the_same_order_on_a_local_cluster():
    pytest.importorskip("distributed")
    # In a process of its own: a Dask client leaves threads running for the rest of the
    # process, and a process with threads never forks workers (see parallel.py), which
    # would change what later tests in this session measure.
    proc = subprocess.run(
        [sys.executable, "-c", "import sys; sys.path.insert(0, 'tests'); "
         "import test_distributed as t; t.cluster_gives_the_same_findings()"],
        cwd=ROOT, capture_output=True, text=True, timeout=900,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]


def cluster_gives_the_same_findings() -> None:
    from socialpolicy.distributed import connect

    # Small partitions, so a hundred posts make nine tasks, several on each of the two
    # worker processes: the order of the report must survive partitions finishing out
    # of order, which is what a large calendar on a real cluster does. (A hundred posts
    # still give some 160 findings, out-of-hours and inactive-account among them.)
    posts = corpus_posts(100)
    calendar = CalendarInfo(as_of=datetime(2026, 3, 1).date())
    local = Linter(Config(), jobs=1)
    here = local.check_posts(posts, calendar=calendar)
    with connect("local", workers=2, partition=12) as runner:
        linter = Linter(Config(), dask=runner)
        spread = linter.check_posts(posts, calendar=calendar)
        # The same cluster again: each worker kept the Linter it built.
        again = linter.check_posts(posts[:50], calendar=calendar)
        workers = runner.client.run(lambda dask_worker: len(
            getattr(dask_worker, "socialpolicy_linters", {})))
    assert len(here.findings) > 30
    assert spread.findings == here.findings
    assert [f.to_dict() for f in spread.findings] == [f.to_dict() for f in here.findings]
    assert [s.to_dict() for s in spread.suppressed] == [s.to_dict() for s in here.suppressed]
    assert spread.notices == here.notices
    assert {f.rule for f in here.findings} >= {"inactive-account", "out-of-hours"}
    assert again.findings == local.check_posts(posts[:50], calendar=calendar).findings
    assert sorted(workers.values()) == [1, 1]


def test_without_dask_the_message_says_what_to_install(cli, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if not installed
    (tmp_path / "post.txt").write_text("Our new day unit opens on Monday.\n", encoding="utf-8")
    result = cli("check", "post.txt", "--dask", "local", cwd=tmp_path)
    assert result.code == 2
    assert "pip install 'socialpolicy[dask]'" in result.err
    assert "Traceback" not in result.err


def test_an_unreachable_scheduler_is_a_plain_error(run_cli_process, tmp_path):
    pytest.importorskip("distributed")
    (tmp_path / "post.txt").write_text("Our new day unit opens on Monday.\n", encoding="utf-8")
    # Dask's connect timeout, shortened from its 30 s default through Dask's own
    # configuration: nothing listens on port 9, so the wait is all this test would cost.
    result = run_cli_process("check", "post.txt", "--dask", "tcp://127.0.0.1:9", cwd=tmp_path,
                             env={"DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "3s"})
    assert result.code == 2, result
    assert "cannot reach the Dask scheduler" in result.err
