"""What the program knows about how people are named, built once for every reader:
the titles a name carries and the given names of the ``names`` package.

The ``pii`` rule kind, its name recogniser, name matching and output masking all read
these, so a title or a first name means the same to each of them.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path

import regex

# Titles that make the capitalised word after them a private person's surname
# ("Mr Barnes", "Dr Obi").
PRIVATE_TITLES = frozenset({
    "mr", "mrs", "ms", "miss", "mx", "dr", "doctor", "sister", "nurse", "matron", "midwife",
    "prof", "professor", "rev", "revd", "reverend",
})
# Titles before a name that masking hides together with it: the private ones, and those
# of children, councillors and a ward's staff nurse.
MASKED_TITLES = PRIVATE_TITLES | {"staff nurse", "cllr", "baby", "master"}
# Every word a name may carry that does not identify anyone: set aside when a mention
# is matched against consent entries and public figures.
TITLES = PRIVATE_TITLES | {
    "sir", "dame", "lady", "lord", "staff", "charge", "sr", "cllr", "councillor", "baby", "master",
}


def title_pattern(titles: frozenset[str] = MASKED_TITLES) -> str:
    """A regular expression for any of ``titles``, any case, with an optional full stop."""
    words = sorted(titles, key=lambda t: (-len(t), t))
    return "(?i:" + "|".join(r"\s+".join(map(regex.escape, t.split())) for t in words) + r")\.?"


_FIRST_COLUMN = regex.compile(r"^[ \t]*(\S+)", regex.MULTILINE)


def fold_name(word: str) -> str:
    """A word as the name lists hold it: casefolded, accents and apostrophes gone
    ("Siobhán" -> "siobhan", "D’Arcy" -> "darcy")."""
    text = unicodedata.normalize("NFKD", word)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return text.replace("’", "").replace("'", "")


def is_given(word: str, names: frozenset[str]) -> bool:
    """Whether a word is a first name of the list: accents folded ("Seán"), and a
    double-barrelled one ("Jo-Anne", "Mary-Beth") when each of its parts is."""
    folded = fold_name(word)
    if folded in names:
        return True
    parts = folded.split("-")
    return len(parts) > 1 and all(part in names for part in parts)


@lru_cache(maxsize=16)
def given_names(
    extra: frozenset[str] = frozenset(), words: frozenset[str] = frozenset(), *, with_words: bool = False,
) -> frozenset[str]:
    """First names (casefolded, accents folded): the ``names`` package's US census lists
    (empty if it is missing), socialpolicy/data/given-names.txt (the first names of the
    communities largest among NHS patients and staff; see its header and
    training/given_names/build.py) and a Trust's ``extra`` ones. Names that are also ordinary ``words`` ("Grace", "Eve") are
    left out, unless ``with_words`` (enough before a surname, not alone). Built once per
    set of arguments, however many detectors ask."""
    base = _package_names(("dist.female.first", "dist.male.first")) | _shipped_names() | extra
    return base | words if with_words else base - words


@lru_cache(maxsize=1)
def recognizer_names() -> frozenset[str]:
    """The ``extra_names`` of the shipped name recognizer (socialpolicy/pii/recognizers.yaml):
    first names the lists above lack ("Bukola", "Jincy"), so that output masking knows
    them as the pii rule kind does. Read with libyaml when PyYAML has it (its pure-Python
    reader took about 0.06 s of a cold check); not through ``yamlpos``, whose errors
    mask their text with output masking, which imports this module."""
    import yaml

    path = Path(__file__).resolve().parent / "recognizers.yaml"
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader) or {}  # a safe loader
    return frozenset(
        str(name).casefold()
        for item in data.get("recognizers") or [] if isinstance(item, dict)
        for name in item.get("extra_names") or []
    )


@lru_cache(maxsize=1)
def _shipped_names() -> frozenset[str]:
    path = Path(__file__).resolve().parent.parent / "data" / "given-names.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


@lru_cache(maxsize=2)
def _package_names(filenames: tuple[str, ...]) -> frozenset[str]:
    try:
        from importlib.resources import files

        folder = files("names")
    except (ImportError, ModuleNotFoundError):
        return frozenset()
    out: set[str] = set()
    for filename in filenames:
        try:
            text = folder.joinpath(filename).read_text(encoding="utf-8")
        except OSError:
            continue
        # One name per line, then its frequencies: the first column, in one pass.
        out.update(_FIRST_COLUMN.findall(text.casefold()))
    return frozenset(out)
