"""Rebuild socialpolicy/data/nicknames.txt: the English short forms and nicknames of first
names (and, from training/nicknames/other-languages.txt, short forms in other languages), so a consent entry covers its own person under the name colleagues call them.

A consent entry for "Rebecca Thurlow" should cover "Becky Thurlow", and one for "Bernard
Loades" the "Bernie" of the next sentence. Short forms that keep the first letters
("Reg", "Tom", "Chris") are found by rule (socialpolicy/pii/names.py); the others
("Becky", "Peggy", "Sandy", "Bill", "Ted") need a list. The ``nicknames`` package (Apache
2.0 licence, https://github.com/carltonnorthern/nicknames) keeps a hand-curated one of
English names; this script writes its pairs, one full name a line with its nicknames.
The list is used only to compare a mention with the post's consent entries and its
reply author, never to find names.

``nicknames`` is needed only here, never at run time:

    pip install "nicknames==1.0.1"
    python training/nicknames/build.py          # rewrites the file
    python training/nicknames/build.py --check  # exit 1 if the file differs
"""

from __future__ import annotations

import csv
import importlib.metadata
import importlib.resources
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # run as a script: the repository's training package

from training.lists import write_or_check  # noqa: E402

OUT = ROOT / "socialpolicy" / "data" / "nicknames.txt"
# Short forms in other languages ("Kasia" for Katarzyna), kept by hand: see its header.
OTHER = Path(__file__).resolve().parent / "other-languages.txt"


def build() -> str:
    version = importlib.metadata.version("nicknames")
    table = importlib.resources.files("nicknames").joinpath("names.csv").read_text(encoding="utf-8")
    pairs: dict[str, set[str]] = defaultdict(set)
    for row in csv.DictReader(table.splitlines()):
        if row["relationship"] != "has_nickname":
            continue
        full, nick = row["name1"].strip().casefold(), row["name2"].strip().casefold()
        if full.isalpha() and nick.isalpha() and full != nick:
            pairs[full].add(nick)
    for line in OTHER.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            full, *nicks = line.casefold().split()
            pairs[full].update(n for n in nicks if n != full)
    lines = [
        "# English first names and their nicknames, from the nicknames package "
        f"{version} (Apache 2.0 licence,",
        "# https://github.com/carltonnorthern/nicknames): a full name, then its nicknames.",
        "# With short forms in other languages kept by hand in training/nicknames/other-languages.txt",
        "# (\"Kasia\" for Katarzyna). Used only to match a mention with a consent entry. Rebuilt by",
        "# training/nicknames/build.py.",
        f"# {len(pairs)} names.",
    ]
    lines += [f"{full} {' '.join(sorted(nicks))}" for full, nicks in sorted(pairs.items())]
    return "\n".join(lines) + "\n"


def main() -> int:
    return write_or_check(__doc__.splitlines()[0], OUT, build)


if __name__ == "__main__":
    sys.exit(main())
