"""Rebuild socialpolicy/data/given-names-ons.txt: the first names registered for babies
born in England and Wales, 1996 to 2024 (Office for National Statistics), that were given
often enough to be names people here are called.

Why: the census (US, 1990) and Faker's locale lists (training/given_names/build.py) miss
the names of many communities of England and Wales, as Britons name their children
("Nusrat", "Khaled", "Shahidul", "Tendai" ...), so a colleague or patient called that
was found only with a title or a cue next to them. The ONS publishes every first name
given to three or more babies a year, by its exact spelling, for boys and girls: 29 years,
about 39,000 names, the names of every community with children born here.

Source: the ONS "Baby names in England and Wales" workbooks, Crown copyright, Open
Government Licence v3.0, as gathered unchanged by the repository rossbowen/babynames
(MIT for its code; the workbooks are the ONS files) at ``COMMIT``, ``data-raw/``. Read from
the read-only mirror (``/work/.mirror/rossbowen+babynames/repo`` or
``$SOCIALPOLICY_MIRROR``) with ``git show``, so a rebuild takes the same bytes.
From each workbook its longest sheet (the full list of names with their counts: "Table 6",
"Table 3" in 1996) is read; every cell that is a name followed by a count adds that count.

Filter (what the list costs in precision is measured in tests/corpus/README.md):
* a name given to fewer than ``FLOOR`` babies in all 29 years together is left out (a rare
  spelling, a one-off);
* as in build.py, a common web word (socialpolicy/data/common-words.txt) that is an
  English dictionary word (WordNet's lemma index in the spaCy model) or shorter than four
  letters is left out ("Blue", "River", "Storm", "King", "Sky" are words first; the
  hand-kept ``also_words`` of the name recognizer say which of those count before a
  surname);
* a common web word that is no dictionary word unless given to ``WEB_WORD_FLOOR`` babies
  or more ("Elle", "Kingsley" stay; "Lexus", "Rehab", "Barnes", "Everton" go);
* a name seen on the web (wordsegment's unigram counts, Google Web Trillion Word Corpus)
  more than ``WEB_RATIO`` times for each baby given it, ``WEB_RATIO_DICTIONARY`` times if
  it is a dictionary word: a brand, a place, a surname or a word first ("Rennie",
  "Ashby", "Lolly", "Bluebell"), though some babies are given it;
* the stems of English contractions ("Aren" of "Aren't") and words of ``NOT_NAMES``;
* names of two letters or fewer, names with a hyphen (each part is looked up on its own),
  anything not in Latin letters.

Accents and case are folded ("Zoë" -> "zoe"), apostrophes dropped ("D'Arcy" -> "darcy"),
as socialpolicy.pii.people.fold_name reads a word.

Needs, at build time only, ``xlrd`` (the 1996-2018 workbooks are .xls) and ``openpyxl``
(2019 on, .xlsx), with socialpolicy's own requirements (the spaCy model's dictionary):

    pip install "xlrd==2.0.1"
    python training/given_names/ons.py          # rewrites the file
    python training/given_names/ons.py --check  # exit 1 if the file differs

The output is sorted and deterministic.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # run as a script: the repository's training package

from training.lists import write_or_check  # noqa: E402

REPO = "rossbowen/babynames"
COMMIT = "39db86a17f7b2da3309d8f384326b79ef659c365"
FOLDER = "data-raw/"
OUT = ROOT / "socialpolicy" / "data" / "given-names-ons.txt"
COMMON = ROOT / "socialpolicy" / "data" / "common-words.txt"
FLOOR = 5
# A common web word that is no dictionary word is kept only when given to this many babies
# ("Elle", "Leighton", "Kingsley" are names first; "Lexus", "Rehab", "Logon", "Barnes",
# "Everton" are brands, words or surnames given now and then).
WEB_WORD_FLOOR = 500
# Seen on the web more than this many times for each baby given it, a name is a word, a
# brand, a place or a surname first ("Rennie", "Ashby", "Lolly", "Jansen"); an English
# dictionary word needs fewer ("Bluebell", "Marigold", "Saffron").
WEB_RATIO = 1500
# ... when it is seen that often at all: a name rarer on the web than this is no common
# word, brand or place ("Olusegun", given to 28 babies, is on 88,000 web pages: a
# famous bearer's), as socialpolicy.text.words.FREQUENT says for output masking.
WEB_FREQUENT = 100_000
WEB_RATIO_DICTIONARY = 200
# Given to babies here, but a word or a token first: the stems of English contractions
# ("Aren't", "Isn't" are split at the apostrophe), and build.py's own.
NOT_NAMES = frozenset({"else", "meta", "ties", "mats", "theres", "indy", "pero", "kata",
                       "aren", "isn", "wasn", "weren", "didn", "doesn", "hasn", "haven",
                       "hadn", "couldn", "wouldn", "shouldn", "mustn", "needn", "shan", "ain"})
_NAME = re.compile(r"^[^\W\d_][^\W\d_'’-]*(?:['’-][^\W\d_]+)*$")


def fold(name: str) -> str:
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return text.replace("’", "").replace("'", "")


def latin(word: str) -> bool:
    return bool(word) and all(c.isalpha() and "LATIN" in unicodedata.name(c, "") for c in word)


def _git(*args: str) -> bytes:
    from training.common import git_dir

    where = git_dir(REPO)
    if not where.is_dir():
        raise SystemExit(f"{REPO} is not mirrored at {where}: fetch it first")
    done = subprocess.run(["git", "--git-dir", str(where), *args], capture_output=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{REPO}@{COMMIT}: {done.stderr.decode(errors='replace').strip()}")
    return done.stdout


def workbooks() -> list[str]:
    """The yearly workbooks of boys' and girls' names (not the historic top-100 ones)."""
    listing = _git("ls-tree", "--name-only", COMMIT, FOLDER).decode("utf-8").splitlines()
    return sorted(p for p in listing if p.endswith((".xls", ".xlsx")) and "historic" not in p)


def sheets(path: str, data: bytes) -> list[list[list[Any]]]:
    if path.endswith(".xls"):
        import xlrd

        book = xlrd.open_workbook(file_contents=data)
        return [[s.row_values(i) for i in range(s.nrows)] for s in book.sheets()]
    import warnings

    import openpyxl

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Conditional Formatting extension is not supported"
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
        return [[list(r) for r in s.iter_rows(values_only=True)] for s in book.worksheets]


def counts() -> Counter[str]:
    """Babies given each name (folded), all years and both sexes together."""
    total: Counter[str] = Counter()
    for path in workbooks():
        rows = max(sheets(path, _git("show", f"{COMMIT}:{path}")), key=len)
        for row in rows:
            for name, count in zip(row, row[1:], strict=False):  # a cell and the next
                if (isinstance(name, str) and _NAME.match(name.strip())
                        and isinstance(count, (int, float)) and count >= 1):
                    total[fold(name.strip())] += int(count)
    return total


def dictionary() -> frozenset[str]:
    from training.given_names.build import dictionary as words

    return words()


def web_counts() -> dict[str, int]:
    """How often each word is seen on the web: wordsegment's unigram counts (Google Web
    Trillion Word Corpus), as socialpolicy.text.words reads them."""
    from importlib.resources import files

    text = files("wordsegment").joinpath("unigrams.txt").read_text(encoding="utf-8")
    return {w: int(n) for w, _, n in (line.partition("\t") for line in text.splitlines()) if n}


def build() -> str:
    total = counts()
    web = web_counts()
    common = {line for line in COMMON.read_text(encoding="utf-8").splitlines()
              if line and not line.startswith("#")}
    words = dictionary()
    kept = sorted(
        n for n, c in total.items()
        if c >= FLOOR and len(n) > 2 and "-" not in n and latin(n) and n not in NOT_NAMES
        and not (n in common and (n in words or len(n) < 4 or c < WEB_WORD_FLOOR))
        and (web.get(n, 0) < WEB_FREQUENT
             or web.get(n, 0) <= c * (WEB_RATIO_DICTIONARY if n in words else WEB_RATIO)))
    header = [
        "# First names given to babies born in England and Wales, 1996-2024: Office for",
        "# National Statistics, Baby names in England and Wales (Crown copyright, Open",
        "# Government Licence v3.0), the workbooks as gathered by github.com/rossbowen/babynames",
        f"# @ {COMMIT} : {FOLDER}.",
        f"# Names given to {FLOOR} or more babies in all years together; accents and case folded;",
        "# names of two letters or fewer, with a hyphen, and common web words (common-words.txt)",
        "# that are English dictionary words (WordNet's lemma index in the spaCy model) or",
        "# shorter than four letters, dropped, and the other common web words unless given to",
        f"# {WEB_WORD_FLOOR} or more babies; names seen on the web (wordsegment's unigram counts)",
        f"# more than {WEB_RATIO} times a baby given them ({WEB_RATIO_DICTIONARY} for a dictionary word), dropped.",
        "# Rebuilt by training/given_names/ons.py.",
        f"# {len(kept)} names.",
    ]
    return "\n".join(header + kept) + "\n"


def main() -> int:
    return write_or_check((__doc__ or "").split("\n")[0], OUT, build,
                          lambda: f"from a rebuild of {REPO}@{COMMIT}")


if __name__ == "__main__":
    sys.exit(main())
