"""Posts scheduled outside the hours someone watches the accounts.

The hours come from the configuration key ``hours`` (default Monday to Friday,
09:00 to 17:00, Europe/London, England and Wales bank holidays off). Times are
compared in the configured time zone via ``zoneinfo``, so a post written in UTC is
judged by the UK clock on either side of the March and October clock changes.
Bank holidays come from the ``holidays`` package, substitute days included.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from .base import BaseDetector, Hit, PostContext


class ScheduleDetector(BaseDetector):
    """Reads the configuration's ``hours`` (parsed once per run), no options of its own."""

    def find(self, ctx: PostContext) -> Iterable[Hit]:
        post = ctx.post
        if post.scheduled is None or (post.monitored_by or "").strip():
            return []
        watched = ctx.resources.hours
        hours, bank = watched.hours, watched.bank_holidays
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


DETECTOR = ScheduleDetector

