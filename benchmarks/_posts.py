"""Synthetic content calendars of a Trust's ordinary posts, shared by the benchmarks.

Not importable by name from a benchmark (each drops its own folder from the import
path, because benchmarks/calendar.py shadows the standard ``calendar`` module), so
the benchmarks load it by file: ``runpy.run_path(.../_posts.py)["make_calendar"]``.
"""

from __future__ import annotations

import json
import random
from datetime import datetime, timedelta
from pathlib import Path

TEXTS = (
    "From Monday, visiting on our adult wards is 11am to 8pm. Details: "
    "https://www.jpaget.nhs.uk/visiting",
    "Congratulations to our critical care nursing team, named Team of the Year! #NHS",
    "Feeling unwell? Call NHS 111 or visit 111.nhs.uk. In an emergency call 999.",
    "Our maternity open day is on Saturday from 10am. Come and meet the midwives.",
    "Roadworks on Lowestoft Road this week: see http://www.example-council.gov.uk/parking",
    "Thank you to Margaret Smith, who has volunteered on our wards for 25 years.",
    "Flu jabs for staff are available in the education centre all week. #FluFighter",
    "Sorry to hear that. Please send us a direct message with your details.",
)


def nhs_number(rng: random.Random) -> str:
    """A made-up NHS number with a valid check digit, spaced 3-3-4 as people write it."""
    while True:
        digits = [rng.randint(0, 9) for _ in range(9)]
        digits[0] = rng.randint(4, 7)
        check = 11 - sum(d * w for d, w in zip(digits, range(10, 1, -1), strict=True)) % 11
        if check != 10:
            number = "".join(map(str, digits)) + str(check % 11)
            return f"{number[:3]} {number[3:6]} {number[6:]}"


def make_calendar(size: int, fmt: str, path: Path, *, media: bool = True) -> Path:
    """Write a calendar of ``size`` posts (the same ones for a size) as YAML or JSON.

    Every 11th post replies to a medical question; with ``media``, every 7th has a photo.
    """
    rng = random.Random(size)
    start = datetime(2026, 3, 2, 8, 0)
    entries = []
    for index in range(size):
        when = start + timedelta(minutes=rng.randrange(0, 60 * 24 * 180))
        entry: dict[str, object] = {
            "id": f"post-{index}",
            "account": rng.choice(["@JamesPagetNHS", "@jpuhmaternity", "@JPUHCharity"]),
            "platform": rng.choice(["twitter", "facebook", "instagram"]),
            "scheduled": when.strftime("%Y-%m-%dT%H:%M"),
            "text": rng.choice(TEXTS) + f"\nRef {index}",
        }
        if media and index % 7 == 0:
            entry["media"] = [{"file": f"photo-{index}.jpg", "alt": "The hospital entrance",
                               "people": False}]
        if index % 11 == 0:
            entry["reply_to"] = {"text": "I have a rash, should I be worried?"}
        entries.append(entry)
    data = {"calendar": {"as_of": "2026-03-01"}, "posts": entries}
    if fmt == "json":
        path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    else:
        import yaml

        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path
