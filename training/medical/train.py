"""Rebuild the ``medical-advice`` model: see DATA.md beside this script.

    nice -n 10 python training/medical/train.py [--out DIR] [--limit N]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))

from training.medical_data import main  # noqa: E402

if __name__ == "__main__":
    main("medical-advice", "doctor", "medical-advice", "medical-advice", "text", 0.95)
