"""Rebuild the ``medical-advice`` model: see DATA.md beside this script.

    nice -n 10 python training/medical/train.py [--out DIR] [--limit N]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))

from training.medical_data import main  # noqa: E402

# Our own corpora (tests/corpus/dev.yaml, personal.yaml) are read as they were at this
# commit of this repository, the tree the shipped weights were trained on.
CORPUS_COMMIT = "aa9a35aa95b0c003d8b111200fccc3d0d49e1dc9"

if __name__ == "__main__":
    main("medical-advice", "doctor", "medical-advice", "medical-advice", "text", 0.95,
         CORPUS_COMMIT)
