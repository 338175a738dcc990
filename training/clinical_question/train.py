"""Rebuild the ``clinical-question`` model (reply-signposting): see DATA.md beside this script.

    nice -n 10 python training/clinical_question/train.py [--out DIR] [--limit N]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))

from training.medical_data import main as train_main  # noqa: E402

# Our own corpora (tests/corpus/dev.yaml, personal.yaml) are read as they were at this
# commit of this repository (main on 6 December 2026), the tree the shipped weights were trained on.
CORPUS_COMMIT = "9d4892f87d3fb1b2ef97ec712b9871bb4b090034"


def main() -> None:
    """Train and write the model (``--out DIR`` for a trial build, ``--limit N`` for a slice)."""
    train_main("clinical-question", "patient", "reply-signposting", "reply-signposting", "reply_to", 0.99,
               CORPUS_COMMIT)


if __name__ == "__main__":
    main()
