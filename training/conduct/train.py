"""Rebuild the ``conduct`` model (professional-conduct): see DATA.md beside this script.

    nice -n 10 python training/conduct/train.py [--out DIR] [--limit N]
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))

from socialpolicy.classifiers.features import FeatureConfig  # noqa: E402
from training.common import (  # noqa: E402
    HEALTH_HELDOUT_FEEDS,
    HEALTH_TRAIN_FEEDS,
    Fitted,
    choose_threshold,
    corpus_cases,
    figures,
    fit,
    git_show,
    health_news,
    matrix,
    own_source,
    score_posts,
    split,
    threshold_rule,
    write_model,
)

NAME = "conduct"
RULE = "professional-conduct"
# CrowdFlower "Twitter US Airline Sentiment": 14,640 tweets to six US airlines, each judged
# negative, neutral or positive. Its published licence is CC BY-NC-SA 4.0 (non-commercial,
# share-alike), which MIT-licensed shipped weights cannot carry: it is never trained on, and
# all six airlines are only a held-out measurement (measuring on it ships nothing of it).
AIRLINE = ("AyushDhatwalia/Twitter-Airline-Sentiment", "97f2cfe60c6d87fd2211c2975ea29817e972ceed")
AIRLINE_FILE = "Tweets.csv"
# Our own corpora are read as they were at this commit of this repository, the tree the
# shipped weights were trained on: dev.yaml and personal.yaml, conduct-heldout.yaml (retired
# to development in session 7), session 7's development posts (conduct-dev-s7.yaml and
# conduct-dev-s7b.yaml), session 7's held-out set conduct-fresh.yaml (retired to development
# in session 8), session 8's development posts (conduct-dev-s8.yaml), the clean posts of
# the retired names sets (names-fresh3.yaml, names-fresh4.yaml: everyday Trust posts that
# name people, every one a negative here), and since v5 session 8's held-out sets
# conduct-fresh2.yaml and conduct-fresh3.yaml (retired to development), session 8's third
# development batch (conduct-dev-s8c.yaml) and session 9's (conduct-dev-s9.yaml).
CORPUS_COMMIT = "f0f3813e0188ac675d7cd6d97fd43348a4365545"
OWN_FILES = ("tests/corpus/dev.yaml", "tests/corpus/personal.yaml",
             "tests/corpus/conduct-heldout.yaml", "tests/corpus/conduct-dev-s7.yaml",
             "tests/corpus/conduct-dev-s7b.yaml", "tests/corpus/conduct-fresh.yaml",
             "tests/corpus/conduct-dev-s8.yaml", "tests/corpus/names-fresh3.yaml",
             "tests/corpus/names-fresh4.yaml", "tests/corpus/conduct-fresh2.yaml",
             "tests/corpus/conduct-dev-s8c.yaml", "tests/corpus/conduct-fresh3.yaml",
             "tests/corpus/conduct-dev-s9.yaml")
MIN_PRECISION = 0.90
# The whole post is scored (and its top sentence reported): on validation this kept the
# flag rate on health news ten times lower than scoring sentence by sentence.
UNIT = "post"
# How many employees' complaints (Team Blind) to take as negatives.
GRIEVANCES = 5000
# How many TOXIGEN hateful statements to take as negatives (beside every Stormfront one).
ABUSE = 2000
# Our own posts count ten times: the real sources outnumber them about ten to one.
OWN_WEIGHT = 10
# Inverse regularisation strength of the logistic regression.
C = 4.0
# The rule's own bar (stricter than the card's 0.90).
RULE_MIN_PRECISION = 0.95
# The threshold the rule uses (see DATA.md, v4 and v5): the lowest whose precision on the
# same validation split reaches RULE_MIN_PRECISION when the post must also pass the rule's
# gate, as the rule applies the model (worked out by gated.py beside this script). v5 keeps
# 0.72: with session 9's guards gated.py would go down to 0.58, which added false alarms on
# the corpora that carry no conduct label (DATA.md, v5).
RULE_THRESHOLD = 0.72

_URL = re.compile(r"https?://\S+|\bwww\.\S+")
_RETWEET = re.compile(r"^(?:RT\s+)?(?:@\w+:?\s*)+")


def _mend(text: str) -> str:
    """Undo the UTF-8-read-as-Latin-1 damage in the CrowdFlower exports ("Senateâ€™s")."""
    try:
        return text.encode("cp1252").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


def tweet_text(text: str) -> str:
    """A tweet as a post: links and the leading retweet/@handles dropped (both classes of
    every source carry them, so they would teach the model nothing but the source)."""
    text = _URL.sub("", _mend(text))
    text = _RETWEET.sub("", text.strip())
    return " ".join(text.replace("&amp;", "&").split())


def airline_rows() -> list[tuple[str, int]]:
    """Held out only (never trained on, see AIRLINE): customers' tweets to the six airlines,
    negative (judged with confidence >= 0.8) → 1, a public running-down of an organisation;
    positive → 0 (thanks, praise); neutral → 0 (questions, plain requests). Negative tweets
    judged less surely are dropped."""
    repo, commit = AIRLINE
    out = []
    for row in csv.DictReader(io.StringIO(git_show(repo, commit, AIRLINE_FILE))):
        text = tweet_text(row.get("text") or "")
        sentiment = row.get("airline_sentiment")
        try:
            confidence = float(row.get("airline_sentiment_confidence") or 0)
        except ValueError:
            continue
        if len(text) < 20 or sentiment not in ("negative", "neutral", "positive"):
            continue
        if sentiment == "negative" and confidence < 0.8:
            continue
        out.append((text, int(sentiment == "negative")))
    return out


def grievances(limit: int | None = None) -> list[tuple[str, int]]:
    """Employees' complaints about their own employer (Team Blind, 1-2 stars, headline and
    cons; the employers the complaint model trains on) → 0: a grievance is
    complaint-whistleblowing's business, and without these the model read every angry
    post about work as running down an organisation."""
    from training.complaint.train import BLIND_FILES, VALIDATION_EMPLOYERS, blind_rows

    rows = blind_rows(tuple(f for f in BLIND_FILES if f not in VALIDATION_EMPLOYERS), limit)
    complaints = [(f"{d.rstrip('. ')}. {c}".strip(". "), 0) for s, d, _, c in rows if s <= 2 and c]
    return split(complaints, 0.0)[0][:GRIEVANCES]


def abuse(limit: int | None = None) -> list[tuple[str, int]]:
    """Hateful statements about groups of people (TOXIGEN prompts, Stormfront sentences
    judged hate; the offensive model's sources) → 0: abuse is offensive-content's business,
    and without these the model read any hostile post as embarrassing the Trust."""
    from training.offensive.train import stormfront, toxigen

    hate = [(t, 0) for t, y in toxigen(limit) if y == 1][:ABUSE]
    return (hate + [(t, 0) for t, y in stormfront(limit) if y == 1])[:limit]


def own_corpus() -> dict[str, list[tuple[str, int]]]:
    """Our posts, one source per corpus file (each is split on its own, see ``fit_by_source``)."""
    out: dict[str, list[tuple[str, int]]] = {}
    for path in OWN_FILES:
        out[f"own:{Path(path).name}"] = [
            (c["text"], int(RULE in (c.get("labels") or [])))
            for c in corpus_cases(CORPUS_COMMIT, (path,)) if c.get("text")]
    return out


def own_slice(limit: int | None) -> dict[str, list[tuple[str, int]]]:
    """Our posts; with ``--limit`` (the smoke test) half positives and half negatives of the
    first files, so a tiny slice still has both labels to learn."""
    own = own_corpus()
    if limit is None:
        return own
    pooled = [x for rows in own.values() for x in rows]
    return {"own:slice": [x for x in pooled if x[1]][:limit // 2]
            + [x for x in pooled if not x[1]][:limit - limit // 2]}


def fit_by_source(sources: dict[str, list[tuple[str, int]]], config: FeatureConfig,
                  own_weight: int, c: float) -> Fitted:
    """Split every source on its own (seeded, 20% validation), so each corpus file and each
    real source is in the validation split in proportion, fit on the rest (our posts counting
    ``own_weight`` times) and choose the card's threshold on validation."""
    counts = {k: {"positive": sum(y for _, y in v), "negative": sum(1 - y for _, y in v)}
              for k, v in sources.items()}
    print("counts", counts)
    train: list[tuple[str, int]] = []
    valid: list[tuple[str, int]] = []
    for name, rows in sources.items():
        part, held = split(rows, 0.2)
        train += part * (own_weight if name.startswith("own:") else 1)
        valid += held
    coef, intercept = fit(matrix([t for t, _ in train], config), [y for _, y in train], c)
    scores = score_posts(coef, intercept, [t for t, _ in valid], config, UNIT)
    labels = [y for _, y in valid]
    threshold = choose_threshold(scores, labels, MIN_PRECISION)
    figs: dict[str, Any] = {"validation": figures(scores, labels, threshold)}
    print("validation", figs["validation"], "threshold", threshold)
    return Fitted(coef, intercept, threshold, counts, scores, labels, figs)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--limit", type=int, default=None)
    # Only for weighing variants (DATA.md); the shipped weights use the defaults.
    parser.add_argument("--own-weight", type=int, default=OWN_WEIGHT)
    parser.add_argument("--c", type=float, default=C)
    # A generalisation check (DATA.md): leave one of our corpus files out of training.
    parser.add_argument("--without", default=None, help="a corpus file name, e.g. conduct-dev-s8.yaml")
    args = parser.parse_args()
    config = FeatureConfig()
    # v3: no political posts (their licence is unconfirmed, and their "neutral" US posts
    # were most of v2's validation false positives); Trust-voice posts carry the rule.
    sources = {
        "health_news": [(t, 0) for t in health_news(HEALTH_TRAIN_FEEDS, args.limit or 1000)],
        "employee_grievances": grievances(args.limit),
        "abuse": abuse(args.limit),
        **{k: v for k, v in own_slice(args.limit).items() if k != f"own:{args.without}"},
    }
    model = fit_by_source(sources, config, args.own_weight, args.c)
    figs = dict(model.figures)
    # choose_threshold falls back to the top of its scan when no threshold reaches the
    # target: the card says so rather than let 0.99 pass for a chosen operating point.
    figs["validation_reaches_min_precision"] = bool(
        (model.figures["validation"]["precision"] or 0) >= MIN_PRECISION)
    if not figs["validation_reaches_min_precision"]:
        print(f"validation never reaches precision {MIN_PRECISION}: threshold {model.threshold} "
              "is the top of the scan")
    # The model alone, ungated, reaches the rule's bar only here (for comparison).
    alone = choose_threshold(model.validation_scores, model.validation_labels, RULE_MIN_PRECISION)
    print(f"model alone, validation precision >= {RULE_MIN_PRECISION}: {alone}")
    figs["model_alone_at_rule_min_precision"] = {
        "threshold": alone,
        "validation": figures(model.validation_scores, model.validation_labels, alone)}
    rule_threshold = RULE_THRESHOLD
    figs["at_rule_threshold"] = {
        "threshold": rule_threshold, "chosen": "gated validation, training/conduct/gated.py",
        "validation_model_alone": figures(model.validation_scores, model.validation_labels,
                                          rule_threshold)}
    if args.limit is None:
        held = airline_rows()
        held_scores = score_posts(model.coef, model.intercept, [t for t, _ in held], config, UNIT)
        for at, key in ((model.threshold, "heldout_airline_tweets"),
                        (rule_threshold, "heldout_airline_tweets_at_rule_threshold")):
            figs[key] = figures(held_scores, [y for _, y in held], at)
        news = health_news(HEALTH_HELDOUT_FEEDS)
        news_scores = score_posts(model.coef, model.intercept, news, config, UNIT)
        figs["heldout_health_news_flag_rate"] = figures(news_scores, [0] * len(news),
                                                        model.threshold)["flag_rate"]
        figs["heldout_health_news_flag_rate_at_rule_threshold"] = figures(
            news_scores, [0] * len(news), rule_threshold)["flag_rate"]
        print("held out", {k: v for k, v in figs.items() if k.startswith("heldout")})
    write_model(NAME, model.coef, model.intercept, config, model.threshold, args.out, version="5",
                rule=RULE, unit=UNIT,
                description="A post that would embarrass the Trust: party politics, running "
                            "down an organisation, gossip, jokes or drinking (whole post).",
                threshold_rule=threshold_rule(MIN_PRECISION), counts=model.counts, figures=figs,
                data=["UCI Health News in Twitter (allowed feeds only), see DATA-COMMON.md",
                      "HarshCasper/Blind-App-Reviews (1-2 star cons, as negatives), "
                      "see training/complaint/DATA.md",
                      "microsoft/TOXIGEN (hate prompts) and Vicomtech/hate-speech-dataset (hate), "
                      "as negatives, see training/offensive/DATA.md",
                      own_source(CORPUS_COMMIT, OWN_FILES),
                      f"held out only, never trained on (CC BY-NC-SA 4.0): {AIRLINE[0]} @ "
                      f"{AIRLINE[1]} : {AIRLINE_FILE} (all six airlines)"])


if __name__ == "__main__":
    main()
