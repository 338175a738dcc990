"""The built-in list of globally known people (socialpolicy/pii/famous-people.yaml, built by
training/famous/build.py from Pantheon 1.0): the ``pii`` rule kind lets a post name them
without a consent entry, as it does a Trust's ``allow.public_figures``, unless the
configuration says ``allow.famous_people = false``.

Only a whole name matches: its parts once titles, a possessive 's and a "Jr." are set aside,
all of them, in the same order, and no other ("Angelina Jolie's", "Mr Tom Hanks"); a surname or a first name
alone never does ("Dr Jolie", "Angelina on reception"), nor the same surname with another
first name. Read once, on the first name checked, never at import.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .names import name_parts

PATH = Path(__file__).resolve().parent / "famous-people.yaml"
# Words after a surname that are no part of it ("Martin Luther King, Jr.").
SUFFIXES = frozenset({"jr", "sr", "junior", "senior"})


def famous_key(name: str) -> tuple[str, ...]:
    """What of a name must match an entry: its parts in order (each word as ``name_parts``
    reads it), no suffix. In order: "Wallace Shawn" is no "Shawn Wallace"."""
    return tuple(part for word in name.split() for part in sorted(name_parts(word))
                 if part not in SUFFIXES)


@lru_cache(maxsize=1)
def famous_people() -> frozenset[tuple[str, ...]]:
    """The list's names as keys. A missing or misshapen file stops the run naming it
    (exit 2): a package with a broken list is never run without it."""
    import yaml

    from ..errors import RuleError

    try:
        text = PATH.read_text(encoding="utf-8")
    except OSError as exc:
        raise RuleError(str(PATH), f"the built-in list of famous people cannot be read "
                        f"({exc.strerror or exc}); reinstall socialpolicy, or set "
                        "allow.famous_people = false") from None
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        data = yaml.load(text, Loader=loader)  # a safe loader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise RuleError(str(PATH), "the built-in list of famous people is not valid YAML",
                        mark.line + 1 if mark is not None else None) from None
    names = data.get("people") if isinstance(data, dict) else None
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise RuleError(str(PATH), "expected a mapping with one key, people, a list of full names")
    keys = {famous_key(n) for n in names}
    return frozenset(k for k in keys if len(k) > 1)


def is_famous(mention: str) -> bool:
    """Whether a mention is the whole name of someone on the list (two parts or more)."""
    key = famous_key(mention)
    return len(key) > 1 and key in famous_people()
