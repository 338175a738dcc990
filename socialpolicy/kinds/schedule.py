"""Posts scheduled outside the hours someone watches the accounts (``out-of-hours``).

The hours come from the configuration key ``hours`` (default Monday to Friday,
09:00 to 17:00, Europe/London, England and Wales bank holidays off). Times are
compared in the configured time zone via ``zoneinfo``, so a post written in UTC is
judged by the UK clock on either side of the March and October clock changes.
Bank holidays come from the ``holidays`` package, substitute days included.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..config import Config, Hours
from ..errors import ConfigError
from .base import BuildContext, Hit, PostContext

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
HOURS_KEY = "monitored-hours"


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
    from ..config import key_line

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


class ScheduleDetector:
    needs: frozenset[str] = frozenset()

    def __init__(self, spec: Mapping[str, Any], build: BuildContext):
        self.rule = build.rule_id

    def _setup(self, ctx: PostContext) -> tuple[MonitoredHours, Any]:
        def load() -> tuple[MonitoredHours, Any]:
            parsed = parse_hours(ctx.config.hours, ctx.config)
            return parsed, _bank_holidays(parsed.region)

        setup: tuple[MonitoredHours, Any] = ctx.shared_memo(HOURS_KEY, load)
        return setup

    def find(self, ctx: PostContext) -> Iterable[Hit]:
        post = ctx.post
        if post.scheduled is None or (post.monitored_by or "").strip():
            return []
        hours, bank = self._setup(ctx)
        local: datetime = post.scheduled.astimezone(hours.zone)
        when = f"{local:%A} {local.day} {local:%B %Y} at {local:%H:%M}"
        holiday = hours.holiday(local.date(), bank)
        if holiday is not None:
            why = f"on a bank holiday ({holiday})"
        elif local.weekday() not in hours.days:
            why = "on a day the accounts are not monitored"
        elif not hours.start <= local.time() < hours.end:
            why = "outside monitored hours"
        else:
            return []
        zone = " UK time" if hours.zone.key == "Europe/London" else f" {hours.zone.key} time"
        message = (
            f"This post is scheduled for {when}{zone}, {why} ({hours.label}); "
            "nobody will be watching replies when it goes out."
        )
        return [Hit(field="scheduled", evidence=f"{local:%Y-%m-%d %H:%M %Z}", message=message)]


def build(spec: Mapping[str, Any], context: BuildContext) -> ScheduleDetector:
    return ScheduleDetector(spec, context)
