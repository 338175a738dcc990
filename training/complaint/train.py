"""Rebuild the ``complaint`` model (complaint-whistleblowing): see DATA.md beside this script.

    nice -n 10 python training/complaint/train.py [--out DIR] [--limit N] [--recipe 3.1|4|5]
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))

from socialpolicy.classifiers.features import FeatureConfig  # noqa: E402
from training.common import (  # noqa: E402
    HEALTH_HELDOUT_FEEDS,
    HEALTH_TRAIN_FEEDS,
    choose_threshold,
    corpus_cases,
    figures,
    fit,
    git_bytes,
    git_show,
    health_news,
    matrix,
    own_source,
    score_posts,
    split,
    write_model,
)
from training.medical_data import chatdoctor, general_comments  # noqa: E402
from training.xlsx import rows  # noqa: E402

NAME = "complaint"
RULE = "complaint-whistleblowing"
INDEED = ("chris10davies/MSDS692-Data-Science-Practicum", "9eaa3c6355d6dfdb9c2ca6ac16d48460f4f5cece")
INDEED_FILES = ("data (or run web_scrape.ipynb)/tesla_reviews.xlsx",
                "data (or run web_scrape.ipynb)/google_reviews.xlsx")
# Held out since session 6, never trained or tuned on: Indeed.com reviews of 18 Canadian
# cities by their own staff (public-sector employers, like the Trust), a third site-and-
# employer set after Blind (training) and the Tesla/Google Indeed reviews (read many times).
MUNICIPAL = ("zehengl/scrapy-indeed-company-reviews", "d9025200a2676e8c5eaea5748f1026a7cce94c99")
MUNICIPAL_CITIES = ("Calgary", "Charlottetown", "Edmonton", "Fredericton", "Halifax", "Iqaluit",
                    "Montreal", "Ottawa", "Quebec", "Regina", "Saint-John", "Saskatoon", "Toronto",
                    "Vancouver", "Victoria", "Whitehorse", "Winnipeg", "Yellowknife")
# Held out since session 8, never trained or tuned on: Indeed.com reviews of nine US
# defence and government contractors by their staff (a fourth site-and-employer set; none
# of these employers appears in any other source), and Team Blind's reviews of IBM (the
# one Blind employer no recipe reads; Blind is the training site, so it is the easier of
# the two), whole and cut into cons and pros.
CONTRACTORS = ("sachinchaturvedi93/indeed-review-scraper", "af0d17e84a732a88b30ffa928a9246f8090f3f37")
CONTRACTOR_FILES = tuple(f"Indeed_US/{name}_reviews.csv" for name in (
    "BoozAllen", "CACI", "Jacobs", "Leidos", "ManTech", "Peraton", "Perspecta", "Raytheon", "SAIC"))
BLIND_HELDOUT = ("IBM/ibm-data.csv",)
# Held out since session 9, never trained or tuned on: Team Blind's reviews of Google, the
# one file of the Blind repository no script had read (Google's Blind reviews were kept
# out of training because Google's Indeed reviews are a validation set; see DATA.md).
BLIND_HELDOUT_GOOGLE = ("Google/google-data.csv",)
ANTIWORK = ("alu13/Antiwork_Analysis", "8cc991dcd145bdc7f365a99b1f77c8de02ba49ce")
BLIND = ("HarshCasper/Blind-App-Reviews", "8071f875d1c96056c831dc0fb2cbf7decf1f9006")
BLIND_FILES = ("Adobe/adobe-data.csv", "Airbnb/airbnb-data.csv", "Amazon/amazon-data.csv",
               "Apple/apple-data.csv", "Atlassian/atlassian-data.csv", "Bloomberg/bloomberg-data.csv",
               "Bytedance/bytedance-data.csv", "Cisco/cisco-data.csv", "Coinbase/coinbase-data.csv",
               "Deloitte/deloitte-data.csv", "Goldman-Sachs/goldman-sachs-data.csv",
               "Intel/intel-data.csv", "Intuit/intuit-data.csv", "Meta/meta-data.csv",
               "Microsoft/microsoft-data.csv", "Netflix/netflix-data.csv", "Oracle/oracle-data.csv",
               "SAP-Labs/sap-labs-data.csv", "Salesforce/salesforce-data.csv",
               "Stripe/stripe-data.csv", "Twitter/twitter-data.csv", "Uber/uber-data.csv",
               "Walmart/walmart-data.csv")
# Google's Blind reviews are left out: Google is one of the two employers of the held-out
# Indeed set, which must share neither source nor employer with training.
# The threshold is chosen on these employers' reviews, never trained on.
VALIDATION_EMPLOYERS = ("Walmart/walmart-data.csv", "Oracle/oracle-data.csv",
                        "Deloitte/deloitte-data.csv", "Intel/intel-data.csv")
# Our own corpora (tests/corpus/dev.yaml, personal.yaml) are read as they were at this
# commit of this repository, the tree the shipped weights were trained on.
CORPUS_COMMIT = "9d4892f87d3fb1b2ef97ec712b9871bb4b090034"
MIN_PRECISION = 0.90
UNIT = "post"
# Three recipes. "3.1" was shipped in sessions 5-6: the rule used 0.75, higher than validation chose (0.50):
# 0.70 was the lowest step of 0.05 at which the whole rule flags no pass case of
# tests/corpus/dev.yaml, personal.yaml or tests/cases/complaint-whistleblowing.yaml, and it
# cost one pass post of fresh.yaml, so the rule went one step up (see DATA.md).
# Build it with --recipe 3.1 (it still rebuilds byte for byte).
# "4" (session 6, not shipped): features scaled by their log-count ratio before the fit
# (NBSVM, as the offensive model) and Tesla's Indeed reviews trained on, each counted three
# times. Its rule threshold would be 0.78, the lowest step of 0.01 flagging no pass case of
# those sets; it was not shipped because tests/corpus/heldout.yaml loses one complaint at
# any threshold that keeps the case file clean (DATA.md). Build it with --recipe 4.
# "5" (session 7, shipped): recipe 4 plus the cons of the training employers' 1-2 star
# reviews as complaints of their own and the pros of their 4-5 star reviews as praise of
# their own, so terse "cons" lists ("no progression, low pay") read as complaints. Its
# rule threshold is 0.73, the lowest step of 0.01 flagging no pass case of those sets
# once the rule exempts the Trust's own good-news figures (DATA.md).
RECIPES: dict[str, dict[str, Any]] = {
    "3.1": {"nb": False, "indeed_train": (), "indeed_weight": 0, "parts": False, "rule_threshold": 0.75},
    "4": {"nb": True, "indeed_train": INDEED_FILES[:1], "indeed_weight": 3, "parts": False,
          "rule_threshold": 0.78},
    "5": {"nb": True, "indeed_train": INDEED_FILES[:1], "indeed_weight": 3, "parts": True,
          "rule_threshold": 0.73},
}
SHIPPED = "5"
# Google's Indeed reviews are a validation set for every recipe (never trained on).
INDEED_VALIDATION = INDEED_FILES[1:]


def _stars(record: Mapping[str, Any], key: str) -> float | None:
    """A review's star rating, or None where the field is empty or not a number (the
    review is then skipped)."""
    try:
        return float(record.get(key) or "")
    except ValueError:
        return None


def indeed(limit: int | None = None, files: tuple[str, ...] = INDEED_FILES) -> list[tuple[str, int]]:
    """Indeed.com employee reviews of Tesla and Google (the whole review, title and text).
    1-2 stars are complaints about the employer, 4-5 stars are not; 3 stars (mixed) are
    dropped. Held out until session 5 and read many times while choosing, so since session 6
    Google's are a validation set and Tesla's are trained on by recipe 4 (see DATA.md)."""
    repo, commit = INDEED
    out = []
    for path in files:
        table = rows(git_bytes(repo, commit, path))
        head = table[0]
        for row in table[1:]:
            record = dict(zip(head, row, strict=False))
            stars = _stars(record, "rating")
            if stars is None:
                continue
            text = f"{record.get('title', '')}. {record.get('reviews', '')}".strip(". ")
            if not text or stars == 3:
                continue
            out.append((text, int(stars <= 2)))
    return out[:limit]


_FRENCH = re.compile(r"\b(?:le|la|les|des|du|et|est|une|pour|avec|très|travail|je|nous|pas|sont)\b")
_ENGLISH = re.compile(r"\b(?:the|and|is|are|to|of|for|with|very|work|i|we|not|it|you)\b")


def english(text: str) -> bool:
    """True unless the text has more French function words than English ones: the
    rules read English, and some Montreal and Quebec City reviews are written in French."""
    lowered = text.lower()
    return len(_FRENCH.findall(lowered)) <= len(_ENGLISH.findall(lowered))


def municipal(limit: int | None = None) -> list[tuple[str, int]]:
    """Held out, never trained or tuned on: Indeed.com reviews of 18 Canadian cities by their
    staff. The whole review (text, then Indeed's pros and cons when given), labelled by its
    stars: 1-2 → a complaint about the employer (1), 4-5 → not (0); 3 stars (mixed),
    reviews in French and repeats (the same review id or text twice) are dropped."""
    repo, commit = MUNICIPAL
    out: list[tuple[str, int]] = []
    seen: set[str] = set()
    for city in MUNICIPAL_CITIES:
        for record in json.loads(git_show(repo, commit, f"data/reviews_City-of-{city}.json")):
            text = _join(*((record.get(k) or "").strip() for k in ("text", "pros", "cons")))
            stars = record.get("rating")
            if not text or stars is None or stars == 3 or not english(text):
                continue
            if record.get("id") in seen or text in seen:
                continue
            seen.update((str(record.get("id")), text))
            out.append((text, int(stars <= 2)))
    return out[:limit]


# A pros or cons field that says nothing ("None", "N/A", "nothing", "no cons"), dropped from
# the parts set: it is neither a complaint nor praise.
_NOTHING = re.compile(r"^\W*(?:none|nil|na|n/?a|nothing|not\s+applicable|no\s+(?:cons?|pros?|complaints?)"
                      r"|none\s+really|nothing\s+really|not\s+really|can'?t\s+think\s+of\s+any)\W*$", re.I)


def _review_parts(cons: str, pros: str, stars: float, by_stars: bool) -> list[tuple[str, int]]:
    """A review's cons (1) and pros (0) as texts of their own, those that say something
    ("None", "N/A" dropped); with ``by_stars`` only cons of a 1-2 star review and pros of
    a 4-5 star one."""
    out: list[tuple[str, int]] = []
    for part, label in ((cons, 1), (pros, 0)):
        if not part or _NOTHING.match(part):
            continue
        if by_stars and (stars == 3 or (stars <= 2) != bool(label)):
            continue
        out.append((part, label))
    return out

def municipal_parts(by_stars: bool = False) -> list[tuple[str, int]]:
    """Held out since session 7, never trained or tuned on: the separate "pros" and "cons"
    fields of the same cities' reviews (those that give them), each part a text of its own.
    A cons part is an employee's complaint about the employer (1), a pros part is not (0),
    whatever the stars; with ``by_stars`` only the cons of 1-2 star reviews and the pros of
    4-5 star ones are kept. Reviews are taken as in ``municipal`` (English, each once, any
    stars), and parts that say nothing ("None", "N/A") are dropped."""
    repo, commit = MUNICIPAL
    out: list[tuple[str, int]] = []
    seen: set[str] = set()
    for city in MUNICIPAL_CITIES:
        for record in json.loads(git_show(repo, commit, f"data/reviews_City-of-{city}.json")):
            parts = {k: (record.get(k) or "").strip() for k in ("text", "pros", "cons")}
            whole = _join(*parts.values())
            stars = record.get("rating")
            if not whole or stars is None or not english(whole):
                continue
            if record.get("id") in seen or whole in seen:
                continue
            seen.update((str(record.get("id")), whole))
            out += _review_parts(parts["cons"], parts["pros"], stars, by_stars)
    return out


def contractors() -> list[tuple[str, int]]:
    """Held out since session 8: Indeed.com reviews of nine US contractors by their staff
    (the whole review, title and text), 1-2 stars → a complaint (1), 4-5 → not (0); 3
    stars (mixed) and repeats (the same text twice) are dropped."""
    repo, commit = CONTRACTORS
    out: list[tuple[str, int]] = []
    seen: set[str] = set()
    for path in CONTRACTOR_FILES:
        for record in csv.DictReader(io.StringIO(git_show(repo, commit, path))):
            stars = _stars(record, "rating_overall")
            if stars is None:
                continue
            text = _join((record.get("review_title") or "").strip(), (record.get("Review") or "").strip())
            if not text or stars == 3 or text in seen or not english(text):
                continue
            seen.add(text)
            out.append((text, int(stars <= 2)))
    return out


def blind_heldout(parts: bool = False, by_stars: bool = False,
                  files: tuple[str, ...] = BLIND_HELDOUT) -> list[tuple[str, int]]:
    """Held out since session 8: Team Blind's reviews of IBM (since session 9 also of
    Google, ``files=BLIND_HELDOUT_GOOGLE``). Whole reviews (headline,
    pros, cons) by their stars (1-2 → 1, 4-5 → 0, 3 dropped); or, with ``parts``, every
    review's cons (1) and pros (0) as texts of their own, whatever the stars (3 included),
    and with ``by_stars`` only the cons of 1-2 star reviews and the pros of 4-5 star ones.
    Parts that say nothing ("None", "N/A") are dropped."""
    repo, commit = BLIND
    out: list[tuple[str, int]] = []
    for path in files:
        for row in csv.DictReader(io.StringIO(git_show(repo, commit, path))):
            stars = _stars(row, "Rating")
            if stars is None:
                continue
            head, pros, cons = ((row.get(k) or "").strip() for k in ("Description", "Pros", "Cons"))
            if not parts:
                if stars != 3:
                    out.append((_join(head, pros, cons), int(stars <= 2)))
                continue
            out += _review_parts(cons, pros, stars, by_stars)
    return out


def blind_rows(files: tuple[str, ...], limit: int | None = None) -> list[tuple[float, str, str, str]]:
    """Team Blind company reviews by verified employees: (stars, headline, pros, cons),
    3 stars (mixed) dropped."""
    repo, commit = BLIND
    out = []
    for path in files:
        taken = 0
        for row in csv.DictReader(io.StringIO(git_show(repo, commit, path))):
            stars = _stars(row, "Rating")
            if stars is None:
                continue
            if stars == 3:
                continue
            out.append((stars, *((row.get(k) or "").strip() for k in ("Description", "Pros", "Cons"))))
            taken += 1
            if limit is not None and taken >= limit:
                break
    return out


def _join(*parts: str) -> str:
    return ". ".join(p.rstrip(". ") for p in parts if p)


def complaints_and_praise(reviews: list[tuple[float, str, str, str]]) -> list[tuple[str, int]]:
    """A 1-2 star review's headline and cons are a complaint about the employer (1); a 4-5
    star review's headline and pros are praise (0). The pros of bad reviews and the cons
    of good ones are dropped: the point is the grievance, not the mixed feelings."""
    return [(_join(d, c), 1) if s <= 2 else (_join(d, p), 0) for s, d, p, c in reviews]


def review_parts(reviews: list[tuple[float, str, str, str]]) -> list[tuple[str, int]]:
    """Recipe 5: a 1-2 star review's cons alone are a complaint (1), a 4-5 star review's
    pros alone are praise (0); parts that say nothing ("None", "N/A") are dropped."""
    out = []
    for stars, _, pros, cons in reviews:
        if stars <= 2 and cons and not _NOTHING.match(cons):
            out.append((cons, 1))
        if stars >= 4 and pros and not _NOTHING.match(pros):
            out.append((pros, 0))
    return out


def all_parts(reviews: list[tuple[float, str, str, str]]) -> list[tuple[str, int]]:
    """The terse model (session 8): every review's cons are a complaint (1) and its pros
    are not (0), whatever the stars, as a review site shows them; parts that say nothing
    ("None", "N/A") are dropped."""
    out = []
    for _, _, pros, cons in reviews:
        for part, label in ((cons, 1), (pros, 0)):
            if part and not _NOTHING.match(part):
                out.append((part, label))
    return out


def whole_reviews(reviews: list[tuple[float, str, str, str]]) -> list[tuple[str, int]]:
    """The whole review (headline, pros, cons), labelled by its stars: 1-2 → 1, 4-5 → 0.
    Teaches the model that a happy employee's minor gripes are not a grievance."""
    return [(_join(d, p, c), int(s <= 2)) for s, d, p, c in reviews]


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


def own_corpus() -> list[tuple[str, int]]:
    return [(c["text"], int(RULE in (c.get("labels") or []))) for c in corpus_cases(CORPUS_COMMIT) if c.get("text")]


TERSE = "complaint-terse"
TERSE_VERSION = "1"


def abuse(limit: int) -> list[tuple[str, int]]:
    """Negatives for the terse model: abuse, threats and hate (the offensive model's
    positives from Civil Comments, TOXIGEN and HatemojiBuild), at most ``limit`` of each.
    An insult at a manager or a hateful statement is offensive-content's business; without
    these the terse model read any short hostile text about work as a complaint."""
    from training.offensive.train import hatemoji, toxic_spans, toxigen

    return [(t, 0) for source in (toxic_spans(None), toxigen(None), hatemoji(None))
            for t in [t for t, y in source if y == 1][:limit]]


# The whole-post model's sources that are employee reviews (split by employer); the rest
# are split by a seeded 20% shuffle, in the order ordinary_sources lists them.
REVIEW_SOURCES = ("blind_reviews", "indeed_reviews")


def ordinary_sources(limit: int | None = None) -> dict[str, list[tuple[str, int]]]:
    """The whole-post model's sources that are not employee reviews (one place, so the
    encoder and transformer comparisons split them exactly as the shipped fit does)."""
    return {
        "antiwork": antiwork(limit),
        "health_news": [(t, 0) for t in health_news(HEALTH_TRAIN_FEEDS, limit or 1000)],
        "civil_comments": [(t, 0) for t in general_comments(limit or 3000)],
        "consultations": [(r[s], 0) for r in chatdoctor(limit or 1500) for s in ("patient", "doctor")],
        "own_corpus": own_corpus()[:limit],
    }


def whole_post_sources(recipe: Mapping[str, Any], train_rows: list[tuple[float, str, str, str]],
                       limit: int | None = None) -> dict[str, list[tuple[str, int]]]:
    """Every source of the whole-post model under ``recipe``, reviews first."""
    return {
        "blind_reviews": complaints_and_praise(train_rows) + whole_reviews(train_rows)
        + (review_parts(train_rows) if recipe["parts"] else []),
        "indeed_reviews": indeed(limit, recipe["indeed_train"]) if recipe["indeed_train"] else [],
        **ordinary_sources(limit),
    }


def train_terse(args: argparse.Namespace) -> None:
    """The terse model (session 8): a review's cons against its pros, with ordinary short
    posts as negatives, for the rule's short-text detector (texts of a line or two, where
    the whole-post model sees too little). Threshold: the lowest score with precision >=
    0.90 on the four validation employers' cons against their pros."""
    config = FeatureConfig()
    train_rows = blind_rows(tuple(f for f in BLIND_FILES if f not in VALIDATION_EMPLOYERS), args.limit)
    valid_rows = blind_rows(VALIDATION_EMPLOYERS, args.limit)
    sources = {
        "blind_parts": all_parts(train_rows),
        "health_news": [(t, 0) for t in health_news(HEALTH_TRAIN_FEEDS, args.limit or 1000)],
        "civil_comments": [(t, 0) for t in general_comments(args.limit or 3000)],
        "consultations": [(r[s], 0) for r in chatdoctor(args.limit or 1500) for s in ("patient", "doctor")],
        "abuse": abuse(args.limit or 1500),
        "own_corpus": own_corpus()[:args.limit],
    }
    counts = {k: {"positive": sum(y for _, y in v), "negative": sum(1 - y for _, y in v)}
              for k, v in sources.items()}
    valid_parts = all_parts(valid_rows)
    counts["blind_parts_validation"] = {"positive": sum(y for _, y in valid_parts),
                                        "negative": sum(1 - y for _, y in valid_parts)}
    print("counts", counts)
    others = [item for name, items in sources.items() if name != "blind_parts" for item in items]
    train_others, valid_others = split(others, 0.2)
    train = sources["blind_parts"] + train_others
    ours = set(sources["own_corpus"])
    train += [item for item in train if item in ours] * 4
    coef, intercept = fit(matrix([t for t, _ in train], config), [y for _, y in train], nb=True)
    part_scores = score_posts(coef, intercept, [t for t, _ in valid_parts], config, UNIT)
    threshold = choose_threshold(part_scores, [y for _, y in valid_parts], MIN_PRECISION)
    figs: dict[str, object] = {
        "validation_parts": figures(part_scores, [y for _, y in valid_parts], threshold),
        "validation_other_sources": figures(score_posts(coef, intercept, [t for t, _ in valid_others],
                                                        config, UNIT), [y for _, y in valid_others], threshold)}
    print("validation", figs, "threshold", threshold)
    if args.limit is None:
        news = health_news(HEALTH_HELDOUT_FEEDS)
        figs["heldout_health_news_flag_rate"] = figures(
            score_posts(coef, intercept, news, config, UNIT), [0] * len(news), threshold)["flag_rate"]
        print("held out", figs)
    write_model(TERSE, coef, intercept, config, threshold, args.out, version=TERSE_VERSION, rule=RULE,
                unit=UNIT, description="An employee's terse complaint about their employer, as a "
                "review's cons (short texts).",
                threshold_rule=f"lowest score with precision >= {MIN_PRECISION} on the cons against "
                               "the pros of the Team Blind reviews of four employers never trained on "
                               f"({', '.join(f.split('/')[0] for f in VALIDATION_EMPLOYERS)})",
                counts=counts, figures=figs,
                data=[f"{BLIND[0]} @ {BLIND[1]} : <Employer>/<employer>-data.csv "
                      "(cons and pros; every employer but Google and IBM)",
                      "ipavlopoulos/toxic_spans (not toxic) and Kent0n-Li/ChatDoctor as negatives, "
                      "see training/medical_data.py",
                      "abuse as negatives: ipavlopoulos/toxic_spans (toxic), microsoft/TOXIGEN (hate "
                      "prompts), HannahKirk/Hatemoji (HatemojiBuild hate), see training/offensive/DATA.md",
                      "UCI Health News in Twitter (allowed feeds only), see DATA-COMMON.md",
                      own_source(CORPUS_COMMIT)])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--recipe", choices=sorted(RECIPES), default=SHIPPED,
                        help=f"which recipe to build (shipped: {SHIPPED})")
    parser.add_argument("--model", choices=(NAME, TERSE), default=NAME,
                        help=f"which model to build: the whole-post model or the terse one ({TERSE})")
    args = parser.parse_args()
    if args.model == TERSE:
        train_terse(args)
        return
    recipe = RECIPES[args.recipe]
    rule_threshold = float(recipe["rule_threshold"])
    config = FeatureConfig()
    train_rows = blind_rows(tuple(f for f in BLIND_FILES if f not in VALIDATION_EMPLOYERS), args.limit)
    valid_rows = blind_rows(VALIDATION_EMPLOYERS, args.limit)
    sources = whole_post_sources(recipe, train_rows, args.limit)
    counts = {k: {"positive": sum(y for _, y in v), "negative": sum(1 - y for _, y in v)}
              for k, v in sources.items()}
    # The threshold is chosen on complaints vs praise (the cons of bad reviews, the pros of
    # good ones) of employers never trained on; whole reviews are reported beside it.
    valid_reviews = complaints_and_praise(valid_rows)
    valid_whole = whole_reviews(valid_rows)
    valid_indeed = indeed(args.limit, INDEED_VALIDATION)
    for name, items in (("blind_reviews_validation", valid_reviews), ("indeed_reviews_validation", valid_indeed)):
        counts[name] = {"positive": sum(y for _, y in items), "negative": sum(1 - y for _, y in items)}
    print("counts", counts)
    # Reviews are split by employer (above); the other sources by a seeded 20% shuffle.
    others = [item for name, items in sources.items() if name not in REVIEW_SOURCES for item in items]
    train_others, valid_others = split(others, 0.2)
    train = sources["blind_reviews"] + sources["indeed_reviews"] * int(recipe["indeed_weight"]) + train_others
    ours = set(sources["own_corpus"])
    train += [item for item in train if item in ours] * 4
    coef, intercept = fit(matrix([t for t, _ in train], config), [y for _, y in train], nb=bool(recipe["nb"]))
    review_scores = score_posts(coef, intercept, [t for t, _ in valid_reviews], config, UNIT)
    threshold = choose_threshold(review_scores, [y for _, y in valid_reviews], MIN_PRECISION)
    scored = {"validation_reviews": (review_scores, valid_reviews),
              "validation_whole_reviews": (score_posts(coef, intercept, [t for t, _ in valid_whole],
                                                       config, UNIT), valid_whole),
              "validation_indeed_google": (score_posts(coef, intercept, [t for t, _ in valid_indeed],
                                                       config, UNIT), valid_indeed),
              "validation_other_sources": (score_posts(coef, intercept, [t for t, _ in valid_others],
                                                       config, UNIT), valid_others)}
    figs: dict[str, object] = {name: figures(sc, [y for _, y in items], threshold)
                               for name, (sc, items) in scored.items()}
    print("validation", figs, "threshold", threshold)
    if args.limit is None:
        held = municipal()
        held_scores = score_posts(coef, intercept, [t for t, _ in held], config, UNIT)
        scored["heldout_municipal_reviews"] = (held_scores, held)
        figs["heldout_municipal_reviews"] = figures(held_scores, [y for _, y in held], threshold)
        news = health_news(HEALTH_HELDOUT_FEEDS)
        figs["heldout_health_news_flag_rate"] = figures(
            score_posts(coef, intercept, news, config, UNIT), [0] * len(news), threshold)["flag_rate"]
        figs["at_rule_threshold"] = {"threshold": rule_threshold, **{
            name: figures(sc, [y for _, y in items], rule_threshold)
            for name, (sc, items) in scored.items() if name != "validation_other_sources"}}
        print("held out", figs)
    write_model(NAME, coef, intercept, config, threshold, args.out, version=args.recipe, rule=RULE, unit=UNIT,
                description="A worker airing a grievance about their employer (whole post).",
                threshold_rule=f"lowest score with precision >= {MIN_PRECISION} on the Team Blind "
                               "reviews of four employers never trained on "
                               f"({', '.join(f.split('/')[0] for f in VALIDATION_EMPLOYERS)})",
                counts=counts, figures=figs,
                data=[f"{BLIND[0]} @ {BLIND[1]} : <Employer>/<employer>-data.csv "
                      "(every employer but Google)",
                      *([f"{INDEED[0]} @ {INDEED[1]} : {', '.join(recipe['indeed_train'])}"]
                        if recipe["indeed_train"] else []),
                      f"validation: {INDEED[0]} @ {INDEED[1]} : {', '.join(INDEED_VALIDATION)}",
                      f"{ANTIWORK[0]} @ {ANTIWORK[1]} : data/labeled_data/post_archetype_data_labels_extra.csv",
                      "ipavlopoulos/toxic_spans (not toxic) and Kent0n-Li/ChatDoctor as negatives, "
                      "see training/medical_data.py",
                      "UCI Health News in Twitter (allowed feeds only), see DATA-COMMON.md",
                      own_source(CORPUS_COMMIT),
                      f"held out: {MUNICIPAL[0]} @ {MUNICIPAL[1]} : data/reviews_City-of-<city>.json"])


if __name__ == "__main__":
    main()
