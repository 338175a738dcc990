"""out-of-hours: monitored hours in UK time, clock changes and bank holidays."""

from __future__ import annotations

from pathlib import Path

import pytest

from socialpolicy.config import Config, Hours, parse_config
from socialpolicy.engine import Linter
from socialpolicy.errors import ConfigError
from socialpolicy.ruleset import load_rule_file

ROOT = Path(__file__).resolve().parent.parent


def linter_for(config: Config | None = None) -> Linter:
    config = config or Config()
    return Linter(config, rules=[load_rule_file(ROOT / "rules" / "out-of-hours.yaml", config)])


@pytest.fixture(scope="module")
def linter() -> Linter:
    return linter_for()


def flagged(linter: Linter, scheduled: str, **extra: str) -> bool:
    return bool(linter.check_text("Visiting times are changing", scheduled=scheduled, **extra))


@pytest.mark.parametrize(
    ("scheduled", "out"),
    [
        # The spring clock change is on Sunday 29 March 2026 (01:00 GMT -> 02:00 BST).
        ("2026-03-27T08:30:00+00:00", True),   # Friday before: 08:30 GMT is 08:30 UK time
        ("2026-03-27T09:00:00+00:00", False),
        ("2026-03-30T08:30:00+00:00", False),  # Monday after: 08:30 UTC is 09:30 BST
        ("2026-03-30T08:30", True),            # no offset: 08:30 UK time
        ("2026-03-30T16:30:00Z", True),        # 17:30 BST
        ("2026-03-29T10:00", True),            # the Sunday itself
        # The autumn change is on Sunday 25 October 2026 (02:00 BST -> 01:00 GMT).
        ("2026-10-23T08:30:00+01:00", True),   # Friday before, BST
        ("2026-10-26T09:30:00+01:00", True),   # Monday after: that is 08:30 GMT
        ("2026-10-26T16:30:00+00:00", False),  # 16:30 GMT is 16:30 UK time
        ("2026-10-26T17:00", True),            # the end time itself is out of hours
        ("2026-10-26T16:59", False),
    ],
)
def test_clock_changes_are_judged_on_the_uk_clock(linter, scheduled, out):
    assert flagged(linter, scheduled) is out


@pytest.mark.parametrize(
    ("day", "name"),
    [
        ("2026-04-03", "Good Friday"),
        ("2026-04-06", "Easter Monday"),
        ("2026-05-04", "May Day"),
        ("2026-08-31", "Late Summer Bank Holiday"),
        ("2026-12-28", "Boxing Day (observed)"),   # substitute day: Boxing Day is a Saturday
        ("2027-12-27", "Christmas Day (observed)"),  # substitute day: Christmas is a Saturday
        ("2027-12-28", "Boxing Day (observed)"),
    ],
)
def test_bank_holidays_in_england_and_wales_are_out_of_hours(linter, day, name):
    findings = linter.check_text("Hello", scheduled=f"{day}T11:00")
    assert len(findings) == 1
    assert f"bank holiday ({name})" in findings[0].message


def test_scottish_only_holidays_are_ordinary_days_in_england(linter):
    # 30 November 2026 (St Andrew's Day, observed on Monday) is a holiday in Scotland only.
    assert not flagged(linter, "2026-11-30T11:00")
    scotland = linter_for(Config(hours=Hours(bank_holidays="scotland")))
    assert flagged(scotland, "2026-11-30T11:00")


def test_monitored_by_clears_it(linter):
    assert flagged(linter, "2026-03-14T11:00")
    assert not flagged(linter, "2026-03-14T11:00", monitored_by="Sam Jones, on duty at the event")
    assert flagged(linter, "2026-03-14T11:00", monitored_by="   ")


def test_message_says_when_and_why_in_plain_words(linter):
    [finding] = linter.check_text("Hello", scheduled="2026-03-14T10:30")
    assert "Saturday 14 March 2026 at 10:30 UK time" in finding.message
    assert "monitored_by" in finding.suggestion


def test_hit_points_at_the_scheduled_field(tmp_path, linter):
    path = tmp_path / "calendar.yaml"
    path.write_text("posts:\n  - text: Hello\n    scheduled: 2026-03-14T10:30\n", encoding="utf-8")
    [finding] = linter.check_paths([str(path)]).findings
    assert (finding.line, finding.column) == (3, 5)


def test_configured_hours_are_used(tmp_path):
    config = parse_config(
        {"hours": {"days": "Mon-Sat", "start": "08:30", "end": "18:00", "bank_holidays": False}},
        tmp_path / "socialpolicy.toml",
    )
    linter = linter_for(config)
    assert not flagged(linter, "2026-03-14T08:45")   # a Saturday, now monitored
    assert not flagged(linter, "2026-04-03T12:00")   # Good Friday, holidays not kept
    assert flagged(linter, "2026-03-15T12:00")       # Sunday
    assert flagged(linter, "2026-03-16T18:00")


@pytest.mark.parametrize(
    ("hours", "key"),
    [
        (Hours(days="Monday-Funday"), "hours.days"),
        (Hours(start="9am"), "hours.start"),
        (Hours(start="17:00", end="09:00"), "hours.end"),
        (Hours(timezone="Europe/Gotham"), "hours.timezone"),
        (Hours(bank_holidays="narnia"), "hours.bank_holidays"),
    ],
)
def test_bad_hours_are_a_configuration_error(hours, key):
    with pytest.raises(ConfigError) as caught:
        linter_for(Config(hours=hours)).check_text("Hello", scheduled="2026-03-16T10:00")
    assert key in caught.value.reason


def test_posts_without_a_time_are_not_judged(linter):
    assert linter.check_text("No time set yet") == []
