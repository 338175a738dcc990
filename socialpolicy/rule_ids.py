"""Rule ids as users type them: comma-separated lists, and typos answered with
the nearest real id ("did you mean ..."), as ruff and yamllint do."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def split_ids(values: Iterable[str]) -> tuple[str, ...]:
    """``("a,b", "c")`` -> ``("a", "b", "c")``: repeats and comma lists both work."""
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """"; did you mean 'x'?" naming the closest of ``known``, or "" when none is close."""
    close = difflib.get_close_matches(name, sorted(set(known)), n=3, cutoff=0.6)
    if not close:
        return ""
    return "; did you mean " + " or ".join(repr(c) for c in close) + "?"


def unknown_rule(name: str, known: Iterable[str]) -> str:
    """The message for an id no rule has, naming the closest ids if any are close."""
    return f"no rule has the id {name!r}{did_you_mean(name, known)} (see `socialpolicy rules list`)"
