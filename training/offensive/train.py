"""Rebuild the ``offensive`` model (offensive-content): see DATA.md beside this script.

    nice -n 10 python training/offensive/train.py [--out DIR] [--limit N]

``--limit`` trains on the first N texts of each source (the smoke test uses it).
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
    git_blobs,
    git_show,
    health_news,
    own_corpus,
    write_fitted,
)
from training.medical_data import TOXIC_SPANS, civil_comments  # noqa: E402

NAME = "offensive"
RULE = "offensive-content"
STORMFRONT = ("Vicomtech/hate-speech-dataset", "b802137e8314c38a8d4faa965f9908d6c8e7a84d")
ETHOS = ("intelligence-csd-auth-gr/Ethos-Hate-Speech-Dataset", "705258e118ce9611ebbd5ab2a4841b0066547293")
MIN_PRECISION = 0.98
# The whole post is scored (its top sentence is the evidence): scoring each sentence
# alone let short, ordinary sentences ("The Trust can't be responsible for lost
# property.") score high on a handful of features.
UNIT = "post"


def toxic_spans(limit: int | None) -> list[tuple[str, int]]:
    """Civil Comments posts that most annotators found toxic (positives only).

    A first model also took the posts most annotators called "not toxic" as negatives;
    the two overlap so much (the whole set was sampled as toxic) that no threshold
    reached the precision target on validation, so those are dropped.
    """
    # Most (or half) of the annotators finding a post not toxic drops it as ambiguous.
    return [(text, 1) for text, said in civil_comments() if sum(said) * 2 < len(said)][:limit]


def stormfront(limit: int | None) -> list[tuple[str, int]]:
    """Sentences from a white-supremacist forum labelled hate / noHate (others dropped)."""
    repo, commit = STORMFRONT
    rows = [r for r in csv.DictReader(io.StringIO(git_show(repo, commit, "annotations_metadata.csv")))
            if r["label"] in ("hate", "noHate")][:limit]
    texts = git_blobs(repo, commit, [f"all_files/{r['file_id']}.txt" for r in rows])
    return [(texts[f"all_files/{r['file_id']}.txt"], int(r["label"] == "hate")) for r in rows
            if texts.get(f"all_files/{r['file_id']}.txt", "").strip()]


def ethos() -> list[tuple[str, int]]:
    """Held out, never trained on: ETHOS binary (YouTube and Reddit comments)."""
    repo, commit = ETHOS
    text = git_show(repo, commit, "ethos/ethos_data/Ethos_Dataset_Binary.csv")
    out = []
    for row in csv.DictReader(io.StringIO(text), delimiter=";"):
        out.append((row["comment"], int(float(row["isHate"]) >= 0.5)))
    return out


def conversational(limit: int | None) -> list[tuple[str, int]]:
    from training.medical_data import chatdoctor, covid_dialogues

    out = [(r[side], 0) for r in chatdoctor(limit) for side in ("patient", "doctor")]
    out += [(t, 0) for d in covid_dialogues("healthtap")[:limit] for turns in d.values() for t in turns]
    return out


def main() -> None:
    args = arguments()
    config = FeatureConfig()
    sources = {
        "toxic_spans": toxic_spans(args.limit),
        "stormfront": stormfront(args.limit),
        "health_news": [(t, 0) for t in health_news(HEALTH_TRAIN_FEEDS, args.limit or 1500)],
        # Ordinary conversational text addressed to someone ("you", "your"), none of it
        # abusive: patients describing symptoms and doctors answering them.
        "consultations": conversational(args.limit),
        "own_corpus": own_corpus(RULE)[:args.limit],
    }
    model = fit_sources(sources, config, UNIT, MIN_PRECISION)
    if args.limit is None:
        held = ethos()
        model.figures["heldout_ethos"] = model.heldout([t for t, _ in held], [y for _, y in held],
                                                       config, UNIT)
        model.figures["heldout_health_news_flag_rate"] = model.news_flag_rate(config, UNIT)
        print("held out", model.figures)
    write_fitted(NAME, model, config, MIN_PRECISION, args.out, version="2", rule=RULE, unit=UNIT,
                 description="Offensive, abusive, hateful or threatening language (whole post).",
                 data=[f"{TOXIC_SPANS[0]} @ {TOXIC_SPANS[1]} : data/comments.csv, data/annotations.csv",
                       f"{STORMFRONT[0]} @ {STORMFRONT[1]} : annotations_metadata.csv, all_files/",
                       "Kent0n-Li/ChatDoctor and UCSD-AI4H/COVID-Dialogue (healthtap) as ordinary "
                       "negatives, see training/medical_data.py",
                       "UCI Health News in Twitter (allowed feeds only), see DATA.md",
                       "tests/corpus/dev.yaml, tests/corpus/personal.yaml"])


if __name__ == "__main__":
    main()
