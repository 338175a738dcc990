"""Whole words for the distilled embedding's ``--vocabulary`` (variant "d256v" in DATA.md).

    /work/venv-enc/bin/python training/encoder/vocabulary.py --tokenizer DIR/tokenizer.json > words.txt

The offensive model's training texts (folded as the linter folds them), lower-cased words
of three letters or more seen at least five times that are not already one word piece
of the encoder (slurs and insults such as "moron" are otherwise split into pieces); at
most 20,000, most frequent first (ties in the order the sources are read).
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))

from training.common import prepare  # noqa: E402
from training.encoder.compare import offensive_sources  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tokenizer", type=Path, required=True)
    args = parser.parse_args()
    known = set(json.loads(args.tokenizer.read_text(encoding="utf-8"))["model"]["vocab"])
    counts: collections.Counter[str] = collections.Counter()
    for items in offensive_sources().values():
        for text, _ in items:
            counts.update(re.findall(r"[a-z]+(?:'[a-z]+)?", prepare(text).lower()))
    words = [w for w, n in counts.most_common() if n >= 5 and w not in known and len(w) > 2][:20000]
    sys.stdout.write("\n".join(words) + "\n")


if __name__ == "__main__":
    main()
