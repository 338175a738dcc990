"""Which registers sit on which side of the written files: a style the model can learn
as a sign of abuse (DATA.md, "Text written for this model").

    python training/offensive/registers.py [FILE.tsv ...]

For each written file (default: every file in ``written/``) and each register marker
below, how many abusive and how many clean posts carry it. A marker found far more often
on one side than the other is a style the model may take for the label.
"""

from __future__ import annotations

import sys
from pathlib import Path

import regex

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))

from training.offensive.train import WRITTEN, WrittenError, read_written  # noqa: E402

# Markers of register, not of meaning: each is as common in friendly as in hostile talk.
MARKERS = {
    "text-speak (u, ur, r, lol, lmao, omg, ngl, fr, tbh...)": (
        r"(?i)\b(?:u|ur|r|lol|lmf?ao+|omg|ngl|fr|bruh|tbh|istg|rn|pls|plz|idk|imo|smh|af|ty|tysm|"
        r"wtf|innit|ya|yh)\b"),
    "emoji": r"[\p{Extended_Pictographic}]",
    "all-caps word (4+ letters)": r"\b[A-Z]{4,}\b",
    "rant words (rant, sick of, fed up, fuming)": r"(?i)\brant\b|\bsick (?:to death )?of\b|\bfed up\b|\bfuming\b",
    "[someone] should / shouldn't / should not": r"(?i)\bshould(?:n['’]t| not)?\b",
    "shouldn't / should not be allowed / left": r"(?i)\bshould(?:n['’]t| not) be (?:allowed|left)\b",
    "deserve(s)": r"(?i)\bdeserves?\b",
    "hostile words used loosely (clown, creepy, killer, savage, sick, dead, kill, murder)": (
        r"(?i)\b(?:clowns?|creepy|killer|savage|sick|dead|kill(?:ing|ed)?|murder)\b"),
    "swearing (fuck, shit, piss, crap, bloody, arse)": r"(?i)\b(?:f+u+c*k\w*|shit\w*|piss\w*|crap|bloody|arse\w*)\b",
    "formal openers (Dear, With respect, Frankly, I would, One)": (
        r"(?i)\bdear (?:sir|madam|all)\b|\bwith (?:the greatest |all due )?respect\b|\bfrankly\b|"
        r"\bI would (?:simply |gently |respectfully )?(?:note|suggest|ask|remind)\b|^One\b|\bkindly\b"),
    "second person (you, your)": r"(?i)\byou(?:r|rs|['’]re)?\b",
    # Found by taking words out of the must-pass posts the session-14 candidates flagged
    # (DATA.md): each moved a clean post's score by 0.03 to 0.3.
    "a person's future (they'll, you'll, he'll, she'll)": r"(?i)\b(?:they|you|he|she)['’]ll\b",
    "people who ...": r"(?i)\bpeople who\b",
    "can't / cannot": r"(?i)\bcan(?:['’]?t|not)\b",
    "@handle": r"@\w+",
}


def counts(path: Path) -> dict[str, tuple[int, int, int, int]]:
    """Per marker: abusive posts with it, abusive posts, clean posts with it, clean posts."""
    rows = read_written(path)
    abusive = [r.text for r in rows if r.label == "abusive"]
    clean = [r.text for r in rows if r.label == "clean"]
    out = {}
    for name, pattern in MARKERS.items():
        compiled = regex.compile(pattern, regex.MULTILINE)
        out[name] = (sum(1 for t in abusive if compiled.search(t)), len(abusive),
                     sum(1 for t in clean if compiled.search(t)), len(clean))
    return out


def main(argv: list[str] | None = None) -> int:
    files = [Path(a) for a in (argv if argv is not None else sys.argv[1:])] or sorted(WRITTEN.glob("*.tsv"))
    try:
        tables = {path: counts(path) for path in files}
    except WrittenError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    total: dict[str, list[int]] = {name: [0, 0, 0, 0] for name in MARKERS}
    for path, table in tables.items():
        print(f"== {path.name} ==")
        for name, (a, na, c, nc) in table.items():
            print(f"  {name:86} abusive {a:4}/{na:<5} clean {c:4}/{nc}")
            for i, v in enumerate((a, na, c, nc)):
                total[name][i] += v
    print("== all files ==")
    for name, (a, na, c, nc) in total.items():
        share = f"{a / na:.2f} vs {c / nc:.2f}" if na and nc else ""
        print(f"  {name:86} abusive {a:4}/{na:<5} clean {c:4}/{nc:<5} {share}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
