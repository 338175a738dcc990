"""inactive-account: gaps of more than six months across a whole calendar."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from socialpolicy.config import Config
from socialpolicy.engine import Linter
from socialpolicy.kinds.inactivity import add_months
from socialpolicy.ruleset import load_rule_file

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(Config(), rules=[load_rule_file(ROOT / "rules" / "inactive-account.yaml", Config())])


def calendar(tmp_path: Path, as_of: str | None, *posts: tuple[str, str, str]) -> str:
    lines = [] if as_of is None else ["calendar:", f"  as_of: {as_of}"]
    lines.append("posts:")
    for post_id, account, scheduled in posts:
        lines += [f"  - id: {post_id}", f"    account: '{account}'", "    platform: twitter",
                  f"    scheduled: {scheduled}", "    text: Hello"]
    path = tmp_path / "calendar.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def test_gap_is_reported_on_the_post_after_it(tmp_path, linter):
    path = calendar(tmp_path, "2026-03-01",
                    ("a", "@JPUHLibrary", "2025-01-10T10:00"),
                    ("c", "@JPUHLibrary", "2026-02-20T10:00"),
                    ("b", "@JPUHLibrary", "2025-03-10T10:00"))
    [finding] = linter.check_paths([path]).findings
    assert finding.post == "c" and finding.rule == "inactive-account"
    assert "10 March 2025 and 20 February 2026" in finding.message
    assert finding.line == 12  # the scheduled: line of post c


def test_last_post_long_before_as_of_is_reported_on_that_post(tmp_path, linter):
    path = calendar(tmp_path, "2026-03-01", ("old", "@JPUHLibrary", "2025-08-31T10:00"))
    [finding] = linter.check_paths([path]).findings
    assert finding.post == "old" and "1 March 2026" in finding.message


def test_handles_group_without_at_and_case(tmp_path, linter):
    path = calendar(tmp_path, "2026-03-01",
                    ("a", "@JPUHLibrary", "2025-10-10T10:00"),
                    ("b", "jpuhlibrary", "2026-02-20T10:00"))
    assert linter.check_paths([path]).findings == []


def test_without_as_of_today_is_used(tmp_path, linter):
    path = calendar(tmp_path, None, ("ancient", "@JPUHLibrary", "2001-01-01T10:00"))
    assert [f.post for f in linter.check_paths([path]).findings] == ["ancient"]
    path = calendar(tmp_path, None, ("future", "@JPUHLibrary", "2999-01-01T10:00"))
    assert linter.check_paths([path]).findings == []


def test_each_calendar_file_is_judged_on_its_own(tmp_path, linter):
    one = tmp_path / "one"
    two = tmp_path / "two"
    one.mkdir()
    two.mkdir()
    a = calendar(one, "2026-03-01", ("a", "@JPUHLibrary", "2026-02-01T10:00"))
    b = calendar(two, "2026-03-01", ("b", "@JPUHLibrary", "2025-01-01T10:00"))
    assert [f.post for f in linter.check_paths([a, b]).findings] == ["b"]


@pytest.mark.parametrize(
    ("day", "later"),
    [
        (date(2025, 8, 31), date(2026, 2, 28)),   # no 31 February: the month's last day
        (date(2023, 8, 31), date(2024, 2, 29)),   # leap year
        (date(2025, 12, 15), date(2026, 6, 15)),
    ],
)
def test_six_calendar_months(day, later):
    assert add_months(day, 6) == later


def test_many_posts_a_day_in_any_order_give_what_every_post_in_time_order_gives(tmp_path, linter):
    """The detector keeps one post a day per account (so an archive's history costs
    memory by days, not posts); what it reports is what walking every post in time
    order reports: each post after a gap of more than six months, and a last post more
    than six months before as_of, several posts a day, times in any order."""
    import random
    from datetime import datetime, timedelta

    rng = random.Random(16)
    accounts = ["@JPUHLibrary", "@JPUHMaternity"]
    posts = []
    for index in range(300):
        # Bursts of activity with gaps of a few weeks to over a year between them.
        start = rng.choice([0, 60, 240, 400, 420, 700, 1300, 1330, 2000, 2900])
        day = date(2018, 1, 1) + timedelta(days=start + rng.randrange(0, 20))
        moment = datetime(day.year, day.month, day.day, rng.choice([0, 9, 9, 23]), rng.choice([0, 30]))
        posts.append((f"p{index}", rng.choice(accounts), moment.strftime("%Y-%m-%dT%H:%M")))
    path = calendar(tmp_path, "2026-03-01", *posts)
    found = sorted((f.post, f.message) for f in linter.check_paths([path]).findings)
    expected = set()
    for account in accounts:
        mine = sorted((datetime.fromisoformat(when), index) for index, (_, who, when) in enumerate(posts)
                      if who == account)
        previous = None
        for moment, index in mine:
            if previous is not None and moment.date() > add_months(previous, 6):
                expected.add((posts[index][0], "gap"))
            previous = moment.date()
        if add_months(mine[-1][0].date(), 6) < date(2026, 3, 1):
            expected.add((posts[mine[-1][1]][0], "last"))
    assert {(post, "gap" if "no post between" in message else "last") for post, message in found} == expected
    assert len(found) == len(expected) and len(expected) >= 4
