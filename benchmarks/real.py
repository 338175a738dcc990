"""Semantic rules on real text nobody wrote for this project, held out from all training.

    python benchmarks/real.py [--rules a,b] [--news N]
    python benchmarks/real.py --speed         # ms per post: features, then each model

Reads public data sets from read-only mirrors (``/work/.mirror`` or
``$SOCIALPOLICY_MIRROR``; see ``training/*/DATA.md`` for each source @ commit) and
prints, per rule, precision and recall on its held-out real set, and how many real
health-news posts (the UCI feeds no model was trained on) each rule flags. When a
mirror is absent the set is skipped with a line saying so; nothing is downloaded.
"""

from __future__ import annotations

import sys

_HERE = __import__("os").path.dirname(__import__("os").path.abspath(__file__))
sys.path[:] = [p for p in sys.path if __import__("os").path.abspath(p or ".") != _HERE]
sys.path.insert(0, __import__("os").path.dirname(_HERE))

import argparse  # noqa: E402
from collections.abc import Callable, Sequence  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from typing import Any  # noqa: E402

RULES = ("offensive-content", "medical-advice", "reply-signposting", "complaint-whistleblowing",
         "professional-conduct")
# A reply that neither answers nor signposts: reply-signposting should flag it exactly
# when what it replies to is a clinical question.
PLAIN_REPLY = "Thanks for getting in touch, we'll pass this on to the team."


@dataclass(frozen=True)
class Item:
    text: str
    gold: bool
    reply_to: str | None = None


def offensive() -> list[Item]:
    from training.offensive.train import ethos

    return [Item(t, bool(y)) for t, y in ethos()]


def offensive_hatexplain() -> list[Item]:
    from training.offensive.train import hatexplain

    # Labelled for offensive language, not only hate: majority "hate" or "offensive" is gold.
    return [Item(t, bool(y)) for t, y in hatexplain()]


def offensive_gab() -> list[Item]:
    from training.offensive.train import gab_hate

    # Gab Hate Corpus test split: degrading, violent or vulgar language (any of the three) is gold.
    return [Item(t, bool(y)) for t, y in gab_hate("test")]


def _edos_test(categories: tuple[str, ...] = ()) -> list[Item]:
    from training.offensive.train import edos_rows

    # EDOS test split (never trained on): sexist posts of the given categories (all when
    # none given) against every post not sexist. Its "not sexist" side still holds abuse
    # of other kinds (swearing, insults to men or to politicians), so precision against
    # it understates the rule's.
    out = []
    for row in edos_rows(("test",)):
        sexist = row["label_sexist"] == "sexist"
        if sexist and categories and not row["label_category"].startswith(categories):
            continue
        out.append(Item(row["text"], sexist))
    return out


def offensive_edos() -> list[Item]:
    return _edos_test()


def offensive_edos_threats() -> list[Item]:
    return _edos_test(("1.",))


def offensive_edos_hostility() -> list[Item]:
    return _edos_test(("2.", "3.", "4."))


def medical() -> list[Item]:
    from training.medical_data import kqa_answers

    # Each physician's answer is posted as a reply to the question it answers, as on
    # social media.
    return [Item(r["doctor"], True, r["patient"]) for r in kqa_answers()]


def clinical_questions() -> list[Item]:
    from training.common import HEALTH_HELDOUT_FEEDS, health_news, split
    from training.medical_data import kqa_questions

    asked = [Item(PLAIN_REPLY, True, t) for t in kqa_questions()]
    news = split(health_news(HEALTH_HELDOUT_FEEDS), 0.0)[0][: len(asked)]
    return asked + [Item(PLAIN_REPLY, False, t) for t in news]


def employee_reviews() -> list[Item]:
    from training.complaint.train import INDEED_VALIDATION, indeed

    # Whole reviews: 1-2 stars a complaint about the employer, 4-5 stars not, 3 dropped.
    # Held out until session 5; since session 6 Tesla's are trained on and Google's are the
    # model's validation set, so this line is not a held-out figure any more.
    return [Item(t, bool(y)) for t, y in indeed(None, INDEED_VALIDATION)]


def municipal_reviews() -> list[Item]:
    from training.complaint.train import municipal

    # Whole reviews of 18 Canadian cities by their staff: 1-2 stars a complaint, 4-5 not.
    return [Item(t, bool(y)) for t, y in municipal()]


def municipal_parts() -> list[Item]:
    from training.complaint.train import municipal_parts as parts

    # The same cities' reviews cut into their "cons" (a complaint) and "pros" (not) fields.
    return [Item(t, bool(y)) for t, y in parts()]


def municipal_parts_by_stars() -> list[Item]:
    from training.complaint.train import municipal_parts as parts

    # Only the cons of 1-2 star reviews and the pros of 4-5 star ones.
    return [Item(t, bool(y)) for t, y in parts(by_stars=True)]


def contractor_reviews() -> list[Item]:
    from training.complaint.train import contractors

    # Whole Indeed.com reviews of nine US contractors by their staff: 1-2 stars a complaint, 4-5 not.
    return [Item(t, bool(y)) for t, y in contractors()]


def blind(employer: str, parts: bool = False, by_stars: bool = False) -> Callable[[], list[Item]]:
    """Team Blind's reviews of an employer never trained on (IBM, held out since session 8;
    Google, since session 9): whole reviews by their stars, or with ``parts`` their cons (a
    complaint) and pros (not), and with ``by_stars`` only the cons of 1-2 star reviews and
    the pros of 4-5 star ones."""
    def load() -> list[Item]:
        from training.complaint import train

        files = {"IBM": train.BLIND_HELDOUT, "Google": train.BLIND_HELDOUT_GOOGLE}[employer]
        return [Item(t, bool(y)) for t, y in train.blind_heldout(parts, by_stars, files)]

    return load


def airline_tweets() -> list[Item]:
    from training.conduct.train import airline_rows

    # Tweets to all six airlines, never trained on (their licence, CC BY-NC-SA 4.0, keeps
    # them out of shipped weights; measuring ships nothing): judged negative (a public
    # running-down of an organisation) or not (neutral questions, thanks).
    return [Item(t, bool(y)) for t, y in airline_rows()]


# Each rule's held-out real sets, measured one after another.
HELDOUT: dict[str, list[tuple[str, Callable[[], list[Item]]]]] = {
    "offensive-content": [("ETHOS binary (hate / not hate comments)", offensive),
                          ("HateXplain val+test (hate or offensive / normal)", offensive_hatexplain),
                          ("Gab Hate Corpus test (degrading, violent or vulgar / not)", offensive_gab),
                          ("EDOS test (sexist / not; Gab and Reddit)", offensive_edos),
                          ("EDOS test, threats and incitement / not sexist", offensive_edos_threats),
                          ("EDOS test, derogation, animosity, prejudice / not", offensive_edos_hostility)],
    "medical-advice": [("K-QA physicians' answers, as replies to the question", medical)],
    "reply-signposting": [("K-QA patients' questions vs news, as reply_to", clinical_questions)],
    "complaint-whistleblowing": [("Indeed.com reviews of 18 cities by staff, 1-2 vs 4-5", municipal_reviews),
                                 ("the same cities' reviews, cons vs pros fields", municipal_parts),
                                 ("the same, cons of 1-2 stars vs pros of 4-5", municipal_parts_by_stars),
                                 ("Indeed.com reviews of 9 US contractors by staff, 1-2 vs 4-5",
                                  contractor_reviews),
                                 ("Team Blind IBM reviews, whole, 1-2 vs 4-5", blind("IBM")),
                                 ("Team Blind IBM reviews, cons vs pros fields", blind("IBM", parts=True)),
                                 ("Team Blind IBM, cons of 1-2 stars vs pros of 4-5", blind("IBM", parts=True, by_stars=True)),
                                 ("Team Blind Google reviews, whole, 1-2 vs 4-5", blind("Google")),
                                 ("Team Blind Google reviews, cons vs pros fields", blind("Google", parts=True)),
                                 ("Team Blind Google, cons of 1-2 stars vs pros of 4-5", blind("Google", parts=True, by_stars=True)),
                                 ("(validation, not held out) Indeed.com Google reviews", employee_reviews)],
    "professional-conduct": [("tweets to 6 held-out airlines, negative vs not", airline_tweets)],
}


def run(linter: Any, items: Sequence[Item]) -> list[set[str]]:
    from socialpolicy.inputs.draft import read_draft

    posts = []
    for i, item in enumerate(items):
        meta: dict[str, Any] = {"id": f"r{i}"}
        if item.reply_to is not None:
            meta["reply_to"] = {"author": "@someone", "text": item.reply_to}
        posts.append(read_draft(item.text, f"real#{i}", meta))
    fired: list[set[str]] = [set() for _ in items]
    for finding in linter.check_posts(posts).findings:
        fired[int(finding.file.split("#", 1)[1])].add(finding.rule)
    return fired


def speed(n: int = 2000) -> None:
    """CPU milliseconds per post to featurize (once, shared) and to score with each model."""
    import time

    from socialpolicy.classifiers import card_path, load, shipped_names
    from socialpolicy.classifiers.features import FeatureConfig, featurize
    from socialpolicy.kinds.classifier import _sentences
    from socialpolicy.normalize import fold

    texts = [f"Post {i}: our ward team thanks everyone who came to the open day, and reminds "
             f"you that visiting is 2pm to 8pm. Can I ask how my mum is doing after her op?"
             for i in range(n)]
    folded = [fold(t).text for t in texts]
    start = time.process_time()
    models = {name: load(card_path(name)) for name in shipped_names()}  # type: ignore[arg-type]
    print(f"load all {len(models)} models: {(time.process_time() - start) * 1000:.1f} ms")
    start = time.process_time()
    featured = [_sentences(t, FeatureConfig()) for t in folded]
    print(f"features: {(time.process_time() - start) * 1000 / n:.3f} ms/post, sentence by sentence "
          "(shared by all models)")
    start = time.process_time()
    for t in folded:
        featurize(t, FeatureConfig())
    print(f"features: {(time.process_time() - start) * 1000 / n:.3f} ms/post, whole post (unit: post)")
    for name, model in models.items():
        start = time.process_time()
        for sentences in featured:
            max(model.score(v) for _, _, v in sentences)
        print(f"{name}: {(time.process_time() - start) * 1000 / n:.3f} ms/post")
    # Second stages (classifier second_stage:): they read only the posts their first model
    # sends on, one at a time; the cold figure is importing onnxruntime and tokenizers,
    # checking the graph's hash, building the session and scoring the first post.
    from socialpolicy.classifiers.transformer import (
        load_transformer,
        transformer_card_path,
        transformer_names,
    )

    for name in transformer_names():
        start, wall = time.process_time(), time.perf_counter()
        transformer = load_transformer(transformer_card_path(name))  # type: ignore[arg-type]
        transformer.logit(folded[0])
        print(f"{name} (second stage): cold {(time.process_time() - start) * 1000:.0f} ms CPU "
              f"({(time.perf_counter() - wall) * 1000:.0f} ms wall)")
        k = min(n, 300)
        start = time.process_time()
        for t in folded[:k]:
            transformer.logit(t)
        print(f"{name} (second stage): {(time.process_time() - start) * 1000 / k:.3f} ms/post reaching it")


def main() -> int:
    from benchmarks.quality import default_linter
    from training.common import (
        HEALTH_HELDOUT_FEEDS,
        HEALTH_TRAIN_FEEDS,
        MissingData,
        health_news,
        split,
    )

    parser = argparse.ArgumentParser()
    parser.add_argument("--rules", default=",".join(RULES))
    parser.add_argument("--news", type=int, default=2000, help="health-news posts to sample")
    parser.add_argument("--speed", action="store_true", help="time the models instead")
    parser.add_argument("--sets", default="", help="only the held-out sets whose label contains this text")
    parser.add_argument("--no-news", action="store_true", help="skip the health-news flag rate")
    # The rules no model reads (named-person-consent, patient-identifier) were never tuned on
    # the feeds the learned models train on: those give such a rule a second, unseen sample.
    parser.add_argument("--news-feeds", choices=("heldout", "train"), default="heldout",
                        help="the UCI feeds to sample: held out from every model (default), or the "
                             "ones the models train on (unseen by the rules no model reads)")
    args = parser.parse_args()
    if args.speed:
        speed()
        return 0
    rules = [r for r in args.rules.split(",") if r]
    linter = default_linter(rules)
    print(f"{'rule':26} {'held-out set':58} {'n':>5} {'prec':>6} {'recall':>6}")
    for rule in rules:
        for label, load in HELDOUT.get(rule, []):
            if args.sets not in label:
                continue
            try:
                items = load()
            except MissingData as exc:
                print(f"{rule:26} skipped: {exc}")
                continue
            fired = run(linter, items)
            tp = sum(1 for i, f in zip(items, fired, strict=True) if i.gold and rule in f)
            fp = sum(1 for i, f in zip(items, fired, strict=True) if not i.gold and rule in f)
            pos = sum(1 for i in items if i.gold)
            prec = f"{tp / (tp + fp):.3f}" if tp + fp else "-"
            rec = f"{tp / pos:.3f}" if pos else "-"
            print(f"{rule:26} {label:58} {len(items):5} {prec:>6} {rec:>6}")
    if args.no_news:
        return 0
    try:
        feeds = HEALTH_HELDOUT_FEEDS if args.news_feeds == "heldout" else HEALTH_TRAIN_FEEDS
        news = split(health_news(feeds), 0.0)[0][: args.news]
    except MissingData as exc:
        print(f"health-news flag rate skipped: {exc}")
        return 0
    fired = run(linter, [Item(t, False) for t in news])
    # The same posts again, each as a reply to the one before it (a thread of an
    # organisation's posts), so rules that only read replies are measured too.
    threaded = run(linter, [Item(t, False, news[i - 1]) for i, t in enumerate(news)])
    print(f"\nflag rate on {len(news)} real health-news posts ({', '.join(feeds)}),"
          " as posts and as replies to the post before:")
    for rule in rules:
        n = sum(1 for f in fired if rule in f)
        r = sum(1 for f in threaded if rule in f)
        print(f"  {rule:26} {n:5}  ({n / len(news):.2%})   as replies {r:5}  ({r / len(news):.2%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
