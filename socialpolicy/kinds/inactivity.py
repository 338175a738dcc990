"""Accounts that go quiet for more than six months (JPUH-BUSM 5.0(5)).

Calendar-wide: the posts of one calendar file are grouped by account and platform
and sorted by their scheduled time. A gap of more than six calendar months between
two consecutive posts is reported on the post after the gap; a last post more than
six months before the calendar's ``as_of`` date (default today) is reported on that
post. Posts with no ``account`` or ``scheduled`` say nothing about activity, and
accounts the register marks revoked are left to the ``account`` kind.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from zoneinfo import ZoneInfo

from ..accounts import normalise_handle
from .base import BaseDetector, Hit, PostContext

LONDON = ZoneInfo("Europe/London")
MONTHS = 6
MONTHS_IN_WORDS = "six"


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day when it has no such day."""
    years, index = divmod(day.month - 1 + months, 12)
    year, month = day.year + years, index + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _when(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


class InactivityDetector(BaseDetector):
    calendar = True

    def find_all(self, contexts: Sequence[PostContext]) -> Iterable[tuple[int, Hit]]:
        if not contexts or contexts[0].calendar is None:
            return  # a single draft is no record of an account's activity
        as_of = contexts[0].calendar.as_of or datetime.now(LONDON).date()
        register = contexts[0].resources.register
        # Per account, the first post of each day and the last post: only a day's first
        # post can come after a gap, so what is kept grows with the days a calendar
        # spans, not with its posts (a million-post archive is streamed past this).
        firsts: dict[tuple[str, str | None], dict[date, tuple[datetime, int]]] = {}
        lasts: dict[tuple[str, str | None], tuple[datetime, int]] = {}
        names: dict[tuple[str, str | None], str] = {}
        for index, ctx in enumerate(contexts):
            post = ctx.post
            if not (post.account or "").strip() or post.scheduled is None:
                continue
            key = (normalise_handle(post.account or ""), post.platform)
            entry = (post.scheduled, index)
            days = firsts.setdefault(key, {})
            day = post.scheduled.astimezone(LONDON).date()
            first = days.get(day)
            if first is None or entry < first:
                days[day] = entry
            last_entry = lasts.get(key)
            if last_entry is None or entry > last_entry:
                lasts[key] = entry
            names.setdefault(key, post.account.strip() if post.account else "")
        for key, days in firsts.items():
            handle, platform = key
            if register is not None and register.status_of(handle, platform) == "revoked":
                continue
            name = names[key] + (f" on {platform}" if platform else "")
            previous: date | None = None
            # In time order, as the posts themselves would be: a London day follows
            # from the moment, so the days' order is the moments' order.
            for day in sorted(days):
                index = days[day][1]
                if previous is not None and day > add_months(previous, MONTHS):
                    message = (
                        f"{name} has no post between {_when(previous)} and {_when(day)}, "
                        f"more than {MONTHS_IN_WORDS} months; an account left that long counts "
                        "as inactive."
                    )
                    yield index, Hit(field="scheduled", message=message, evidence=name)
                previous = day
            last_moment, last_index = lasts[key]
            last = last_moment.astimezone(LONDON).date()
            if add_months(last, MONTHS) < as_of:
                message = (
                    f"The last post for {name} in this calendar is on {_when(last)}, more than "
                    f"{MONTHS_IN_WORDS} months before {_when(as_of)}; an account left that long "
                    "counts as inactive."
                )
                yield last_index, Hit(field="scheduled", message=message, evidence=name)


DETECTOR = InactivityDetector
