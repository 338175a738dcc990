"""Rebuild the ``clinical-question`` model (reply-signposting): see DATA.md beside this script.

    nice -n 10 python training/clinical_question/train.py [--out DIR] [--limit N]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))

from training.medical_data import (  # noqa: E402
    COUNSEL_CHAT,
    COUNSEL_CHAT_FILE,
    SERVICE_QUESTIONS,
    counselling_titles,
    service_replies,
)
from training.medical_data import main as train_main  # noqa: E402

# Our own corpora (tests/corpus/dev.yaml, personal.yaml) are read as they were at this
# commit of this repository (main on 6 December 2026), the tree the shipped weights were trained on.
CORPUS_COMMIT = "9d4892f87d3fb1b2ef97ec712b9871bb4b090034"


def short_questions(limit: int | None) -> dict[str, tuple[list[tuple[str, int]], str]]:
    """Questions in a few words, the shape a reply on social media answers: the sources
    the shared medical data lacks (the consultations there open with long descriptions)."""
    return {
        "counsel_chat_titles": ([(t, 1) for t in counselling_titles(limit)],
                                f"{COUNSEL_CHAT[0]} @ {COUNSEL_CHAT[1]} : {COUNSEL_CHAT_FILE} "
                                "(question titles, health topics only)"),
        "service_questions": ([(t, 0) for t in service_replies(limit, SERVICE_QUESTIONS)],
                              "training/clinical_question/service_questions.txt (written for this model)"),
    }


def main() -> None:
    """Train and write the model (``--out DIR`` for a trial build, ``--limit N`` for a slice)."""
    train_main("clinical-question", "patient", "reply-signposting", "reply-signposting", "reply_to", 0.99,
               CORPUS_COMMIT, extra=short_questions, plain_patients=True, version="5")


if __name__ == "__main__":
    main()
