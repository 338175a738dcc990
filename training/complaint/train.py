"""Rebuild the ``complaint`` model (complaint-whistleblowing): see DATA.md beside this script.

    nice -n 10 python training/complaint/train.py [--out DIR] [--limit N]
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))

from socialpolicy.classifiers.features import FeatureConfig  # noqa: E402
from training.common import (  # noqa: E402
    HEALTH_TRAIN_FEEDS,
    arguments,
    fit_sources,
    git_bytes,
    git_show,
    health_news,
    own_corpus,
    write_fitted,
)
from training.medical_data import chatdoctor, general_comments  # noqa: E402
from training.xlsx import rows  # noqa: E402

NAME = "complaint"
RULE = "complaint-whistleblowing"
INDEED = ("chris10davies/MSDS692-Data-Science-Practicum", "9eaa3c6355d6dfdb9c2ca6ac16d48460f4f5cece")
INDEED_FILES = ("data (or run web_scrape.ipynb)/tesla_reviews.xlsx",
                "data (or run web_scrape.ipynb)/google_reviews.xlsx")
ANTIWORK = ("alu13/Antiwork_Analysis", "8cc991dcd145bdc7f365a99b1f77c8de02ba49ce")
MIN_PRECISION = 0.90
UNIT = "post"


def indeed(limit: int | None = None) -> list[tuple[str, int]]:
    """Held out, never trained on: Indeed.com employee reviews of two employers. 1-2 stars
    are complaints about the employer, 4-5 stars are not; 3 stars (mixed) are dropped."""
    repo, commit = INDEED
    out = []
    for path in INDEED_FILES:
        table = rows(git_bytes(repo, commit, path))
        head = table[0]
        for row in table[1:]:
            record = dict(zip(head, row, strict=False))
            try:
                stars = float(record.get("rating") or "")
            except ValueError:
                continue
            text = f"{record.get('title', '')}. {record.get('reviews', '')}".strip(". ")
            if not text or stars == 3:
                continue
            out.append((text, int(stars <= 2)))
    return out[:limit]


def antiwork(limit: int | None = None) -> list[tuple[str, int]]:
    """r/antiwork posts the Antiwork_Analysis authors labelled personal stories (class 5)
    or personal opinions and rants about work (class 6): a worker's grievance about a job.
    The other classes (news links, memes, screenshots read by OCR, reading lists,
    questions) are dropped: they are neither clean positives nor clean negatives."""
    repo, commit = ANTIWORK
    text = git_show(repo, commit, "data/labeled_data/post_archetype_data_labels_extra.csv")
    out = []
    for row in csv.DictReader(io.StringIO(text)):
        body = row.get("body") or ""
        if row.get("class") in ("5", "6") and body not in ("", "nan"):
            out.append((f"{row['title']}. {body}", 1))
    return out[:limit]


def main() -> None:
    args = arguments()
    config = FeatureConfig()
    sources = {
        "antiwork": antiwork(args.limit),
        "health_news": [(t, 0) for t in health_news(HEALTH_TRAIN_FEEDS, args.limit or 500)],
        "civil_comments": [(t, 0) for t in general_comments(args.limit or 3000)],
        "consultations": [(r[s], 0) for r in chatdoctor(args.limit or 1500) for s in ("patient", "doctor")],
        "own_corpus": own_corpus(RULE)[:args.limit],
    }
    model = fit_sources(sources, config, UNIT, MIN_PRECISION)
    if args.limit is None:
        held = indeed()
        model.figures["heldout_indeed_reviews"] = model.heldout(
            [t for t, _ in held], [y for _, y in held], config, UNIT)
        model.figures["heldout_health_news_flag_rate"] = model.news_flag_rate(config, UNIT)
        print("held out", model.figures)
    write_fitted(NAME, model, config, MIN_PRECISION, args.out, version="2", rule=RULE, unit=UNIT,
                 description="A worker airing a grievance about their employer (whole post).",
                 data=[f"{ANTIWORK[0]} @ {ANTIWORK[1]} : data/labeled_data/post_archetype_data_labels_extra.csv",
                       "ipavlopoulos/toxic_spans (not toxic) and Kent0n-Li/ChatDoctor as negatives, "
                       "see training/medical_data.py",
                       "UCI Health News in Twitter (allowed feeds only), see DATA.md",
                       "tests/corpus/dev.yaml, tests/corpus/personal.yaml"])


if __name__ == "__main__":
    main()
