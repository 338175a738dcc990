"""The conduct model's figures on its validation split as the rule uses it (see DATA.md, v4 and v5).

    nice -n 10 python training/conduct/gated.py [--model DIR]

The rule asks the model only about a post its ``when`` gate lets through, and drops the
hit when its ``unless`` guard matches; a post the gate stops is never flagged by the
model. This scores the same seeded per-source 20% validation split that ``train.py``
holds out (the shipped model, or the one in DIR), runs each post through the rule's
learned detector with its threshold at the floor (so only the gate decides), and prints
precision and recall of "score >= t and the gate lets it through" for each t; the rule's
threshold is the lowest t whose precision reaches ``RULE_MIN_PRECISION``.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))

from socialpolicy.classifiers import card_path, load  # noqa: E402
from socialpolicy.config import Config  # noqa: E402
from socialpolicy.engine import Linter  # noqa: E402
from socialpolicy.inputs.draft import read_draft  # noqa: E402
from socialpolicy.ruleset import load_rules  # noqa: E402
from training.common import (  # noqa: E402
    HEALTH_TRAIN_FEEDS,
    choose_threshold,
    figures,
    health_news,
    score_posts,
    split,
)
from training.conduct.train import (  # noqa: E402
    RULE,
    RULE_MIN_PRECISION,
    UNIT,
    abuse,
    grievances,
    own_slice,
)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", type=Path, default=None, help="folder holding conduct.json")
    args = parser.parse_args()
    card = args.model / "conduct.json" if args.model else card_path("conduct")
    assert card is not None
    model = load(card)
    sources = {"health_news": [(t, 0) for t in health_news(HEALTH_TRAIN_FEEDS, 1000)],
               "employee_grievances": grievances(None), "abuse": abuse(None), **own_slice(None)}
    valid = [row for rows in sources.values() for row in split(rows, 0.2)[1]]
    texts, labels = [t for t, _ in valid], [y for _, y in valid]
    scores = score_posts(model.coef, model.intercept, texts, model.card.features, UNIT)
    # The rule's learned detector with its threshold at the floor: a finding means the gate
    # let the post through.
    config = Config()
    rule = next(r for r in load_rules(config) if r.id == RULE)
    learned = [d for d in rule.detectors if d.kind == "classifier"]
    for detector in learned:
        detector.inner.threshold = 1e-6  # type: ignore[attr-defined]
    linter = Linter(config, rules=[dataclasses.replace(rule, detectors=tuple(learned))])
    posts = [read_draft(t, f"{i}.txt", {}) for i, t in enumerate(texts)]
    passed = np.zeros(len(valid), dtype=bool)
    for finding in linter.check_posts(posts).findings:
        passed[int(finding.file.split(".")[0])] = True
    gated = np.where(passed, scores, 0.0)
    print(f"validation: {len(valid)} posts, {sum(labels)} positive, "
          f"{int((passed & (np.asarray(labels) == 1)).sum())} positives through the gate")
    for t in np.arange(0.60, 0.99, 0.02):
        print(f"{t:.2f} model alone {figures(scores, labels, t)} gated {figures(gated, labels, t)}")
    print("rule threshold (gated validation precision >=", RULE_MIN_PRECISION, "):",
          choose_threshold(gated, labels, RULE_MIN_PRECISION))


if __name__ == "__main__":
    main()
