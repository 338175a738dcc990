"""Rebuild the ``clinical-question`` model (reply-signposting): see DATA.md beside this script.

    nice -n 10 python training/clinical_question/train.py [--out DIR] [--limit N]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))

from training.medical_data import train_medical_model  # noqa: E402

if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    train_medical_model("clinical-question", "patient", "reply-signposting", "reply-signposting", "reply_to",
                        0.99, args.limit, args.out)
