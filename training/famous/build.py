"""Rebuild socialpolicy/pii/famous-people.yaml: the full names of globally known people,
which named-person-consent accepts without a consent entry (allow.famous_people, on by
default), as it accepts a Trust's own allow.public_figures.

Health news shared by a hospital names the famous far more than anyone private ("Barack
Obama says", "Angelina Jolie's double mastectomy", "Michael J. Fox's foundation"), and a
communications officer would never ask them for consent. The list comes from Pantheon 1.0
(Yu, Ronen, Hu, Lu and Hidalgo, "Pantheon 1.0, a manually verified dataset of globally
famous biographies", Scientific Data 3, 150075 (2016); data: Harvard Dataverse,
doi:10.7910/DVN/28201): the 11,341 people whose Wikipedia biography exists in more than 25
language editions, hand-checked. Read unchanged from the copy in ``REPO`` at ``COMMIT``,
``PATH`` (the read-only mirror, ``/work/.mirror`` or ``$SOCIALPOLICY_MIRROR``, with
``git show``), so a rebuild takes the same bytes; see training/famous/DATA.md.

Kept, each once as written in English and once without accents where that differs
("Sergio Agüero", "Sergio Aguero"):

* everyone born in ``MIN_BIRTH_YEAR`` or later: people who lived into the last hundred
  years or so, whose names a post of today's news uses (Pantheon has no year of death);
  Pantheon's own bar, a biography in 26 or more languages, is the notability cut;
* names of two parts or more once titles and a "Jr." are set aside (famous.famous_key):
  the list matches a full name only, so a mononym ("Beyoncé", "Pelé") is no entry, and
  neither is a regnal name with a number ("Elizabeth II");

and dropped, **collisions**: a full name an ordinary person is likely to share, a first
name and a surname and nothing else (a middle name or initial must match too, so "Michael
J. Fox" is no "Michael Fox"), the first name one of the lists the name recogniser uses (socialpolicy.pii.people.given_names, with the
recogniser's extra names) with a surname among the commonest (names.is_common_surname,
the census's top 1,500): "David Jones", "John Smith", "Chris Evans" are never on the list,
and a colleague called that is still someone to ask.

Needs nothing beyond socialpolicy's own requirements and git:

    python training/famous/build.py          # rewrites the file
    python training/famous/build.py --check  # exit 1 if the file differs

Sorted and deterministic for a given source and first-name lists (the file's header names
both); rebuild it when the first-name lists change.
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # run as a script: the repository's package

from training.places.build import _ascii, render  # noqa: E402

OUT = ROOT / "socialpolicy" / "pii" / "famous-people.yaml"
REPO = "aohrn/in3120-2024"
COMMIT = "e47d0d85d58d77f87d983e8080322874029683cf"
PATH = "data/pantheon.tsv"
MIN_BIRTH_YEAR = 1850


def _first_and_last(name: str) -> tuple[str, str]:
    """A name's first word and its surname, folded, titles and a suffix set aside
    ("Sir Elton John" -> elton, john; "Martin Luther King Jr." -> martin, king)."""
    from socialpolicy.pii.famous import SUFFIXES
    from socialpolicy.pii.people import TITLES, fold_name

    words = [w for w in (fold_name(w).strip(".") for w in name.replace(",", " ").split())
             if w and w not in TITLES and w not in SUFFIXES]
    return (words[0], words[-1]) if words else ("", "")


def people() -> tuple[list[str], dict[str, int]]:
    """(the names to ship, counts of what was read, kept and dropped and why)."""
    from socialpolicy.pii.famous import famous_key
    from socialpolicy.pii.names import is_common_surname
    from socialpolicy.pii.people import given_names, is_given, recognizer_names
    from training.common import git_show

    rows = list(csv.DictReader(io.StringIO(git_show(REPO, COMMIT, PATH)), delimiter="\t"))
    given = given_names(with_words=True) | recognizer_names()
    counts = {"read": len(rows), "before": 0, "one part": 0, "numbered": 0, "collision": 0, "kept": 0}
    kept: set[str] = set()
    for row in rows:
        name, year = row["name"].strip(), row["birthyear"].strip()
        if not year.lstrip("-").isdigit() or int(year) < MIN_BIRTH_YEAR:
            counts["before"] += 1
            continue
        if any(c.isdigit() for c in name) or any(w.strip(".,") in {"II", "III", "IV", "V", "VI"}
                                                  for w in name.split()):
            counts["numbered"] += 1
            continue
        parts = famous_key(name)
        if len(parts) < 2:
            counts["one part"] += 1
            continue
        first, last = _first_and_last(name)
        # A middle name or initial ("Michael J. Fox") is part of what must match: only a
        # name of two parts is one an ordinary person shares as written.
        if len(parts) == 2 and is_given(first, given) and is_common_surname(last):
            counts["collision"] += 1
            continue
        counts["kept"] += 1
        kept.update({name, _ascii(name)})
    order = lambda n: (n.casefold(), n)  # noqa: E731
    return sorted(kept, key=order), counts


def head(counts: dict[str, int]) -> str:
    return (
        "# Globally known people, by full name: named-person-consent names them without a consent\n"
        "# entry (allow.famous_people; only the whole name matches, never a first name or surname\n"
        "# alone). GENERATED by training/famous/build.py from Pantheon 1.0 (Yu et al. 2016,\n"
        "# Harvard Dataverse doi:10.7910/DVN/28201; see training/famous/DATA.md for its licence),\n"
        f"# {REPO} @ {COMMIT} : {PATH}.\n"
        f"# {counts['kept']} people born in {MIN_BIRTH_YEAR} or later, written as in English and without\n"
        f"# accents; {counts['collision']} left out as a common first name with a common surname\n"
        "# (\"David Jones\"). Do not edit by hand.\n"
    )


def main(argv: list[str]) -> int:
    names, counts = people()
    text = render(head(counts), names, key="people")
    if "--check" in argv:
        same = OUT.exists() and OUT.read_text(encoding="utf-8") == text
        print("the famous-people list is up to date" if same else f"{OUT.name} differs from the rebuild")
        return 0 if same else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(names)} names; " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
