"""The hours someone watches the accounts, parsed from the configuration key ``hours``.

Read once per run (see ``kinds.base.RunResources``): days, times and time zone
checked, and the ``holidays`` package's calendar for the configured region. A
mistake is a configuration error naming the key and its line.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .config import Config, Hours
from .errors import ConfigError

DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
# The `holidays` package's UK subdivisions: England and Wales share one calendar,
# so "ENG" gives it (Wales has no bank holiday of its own).
BANK_HOLIDAY_REGIONS = {
    "england-and-wales": "ENG",
    "england": "ENG",
    "wales": "WLS",
    "scotland": "SCT",
    "northern-ireland": "NIR",
}


@dataclass(frozen=True)
class MonitoredHours:
    """Parsed ``hours``: which days and times someone watches responses."""

    days: frozenset[int]
    start: time
    end: time
    zone: ZoneInfo
    region: str | None
    label: str

    def holiday(self, day: date, calendar: Any) -> str | None:
        if calendar is None:
            return None
        name = calendar.get(day)
        return None if name is None else str(name)


def _fail(config: Config, key: str, reason: str) -> ConfigError:
    """The error with the line the key was written on, as every other config error has."""
    from .config import key_line

    line = None
    if config.path is not None:
        try:
            line = key_line(config.path.read_text(encoding="utf-8"), f"hours.{key}")
        except (OSError, UnicodeDecodeError):
            line = None
    return ConfigError(str(config.path or "configuration"), f"hours.{key}: {reason}", line)


def _day(name: str, config: Config) -> int:
    key = name.strip()[:3].title()
    if key not in DAY_NAMES:
        raise _fail(config, "days", f"{name.strip()!r} is not a day (write e.g. Mon-Fri or Mon,Wed)")
    return DAY_NAMES.index(key)


def parse_days(text: str, config: Config) -> frozenset[int]:
    """``Mon-Fri``, ``Mon,Wed,Fri``, ``Sat-Sun`` or ``Fri-Mon`` to weekday numbers."""
    out: set[int] = set()
    for part in text.split(","):
        if not part.strip():
            continue
        if "-" in part:
            first, last = (_day(p, config) for p in part.split("-", 1))
            day = first
            while True:
                out.add(day)
                if day == last:
                    break
                day = (day + 1) % 7
        else:
            out.add(_day(part, config))
    if not out:
        raise _fail(config, "days", "names no days")
    return frozenset(out)


def _time(text: str, key: str, config: Config) -> time:
    try:
        return time.fromisoformat(text.strip().replace(".", ":"))
    except ValueError:
        raise _fail(config, key, f"{text!r} is not a time of day (write e.g. 09:00)") from None


def parse_hours(hours: Hours, config: Config) -> MonitoredHours:
    """Check and parse the configured hours once; a mistake is a configuration error."""
    try:
        zone = ZoneInfo(hours.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise _fail(config, "timezone", f"{hours.timezone!r} is not a time zone (e.g. Europe/London)") from None
    region = None
    if hours.bank_holidays:
        region = BANK_HOLIDAY_REGIONS.get(hours.bank_holidays.strip().lower())
        if region is None:
            raise _fail(
                config, "bank_holidays",
                f"{hours.bank_holidays!r} is not known (use {', '.join(BANK_HOLIDAY_REGIONS)} or false)",
            )
    start = _time(hours.start, "start", config)
    end = _time(hours.end, "end", config)
    if end <= start:
        raise _fail(config, "end", "must be later than start")
    days = parse_days(hours.days, config)
    holidays_note = "" if region is None else ", bank holidays off"
    label = f"{hours.days} {start:%H:%M}-{end:%H:%M} {hours.timezone}{holidays_note}"
    return MonitoredHours(days, start, end, zone, region, label)


def _bank_holidays(region: str | None) -> Any:
    if region is None:
        return None
    import holidays

    # Years are added as they are looked up, so one object serves any calendar.
    return holidays.country_holidays("GB", subdiv=region)


@dataclass(frozen=True)
class WatchedHours:
    """The configured hours and the bank holiday calendar they skip (None: none skipped)."""

    hours: MonitoredHours
    bank_holidays: Any


def watched_hours(config: Config) -> WatchedHours:
    """The configuration's ``hours``, checked, with their bank holidays."""
    parsed = parse_hours(config.hours, config)
    return WatchedHours(parsed, _bank_holidays(parsed.region))
