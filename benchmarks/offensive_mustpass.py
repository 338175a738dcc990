"""offensive-content with a candidate model: the posts that must pass and no longer do.

    python benchmarks/offensive_mustpass.py --model CARD.json [--threshold T] [--json] [--show-text]
    python benchmarks/offensive_mustpass.py --second-stage CARD.json --from F --stage-threshold T [--combine add-mean-logit] [...]

The must-pass posts: every case file's ``expect: none`` cases (``tests/cases``, every
rule's file), every rule's own pass examples (single posts), and every development corpus
post (``tests/corpus``, the held-out files of ``tests/corpus/HELD_OUT`` left out, never
opened) not labelled offensive-content. Each goes through the built-in offensive-content
rule twice, as shipped and with its learned model swapped for the card at ``--model``
(at the card's own threshold unless ``--threshold``), each post with its metadata.

Reported: the posts the candidate rule flags and the shipped rule passes (the failures:
exit 1 when there is one), and the model's own flags at the candidate's threshold that
the shipped model passes (at its threshold), whether or not the rule's ``unless``
exempts them. With ``--second-stage`` the candidate is the shipped n-gram model with a
transformer second stage (``benchmarks/offensive_written.py``'s, as a rule's ``second_stage:``
would run it), and a failing post's "candidate" score is the combined (mean-logit) one. A post is named by its file and id with both models' scores; its text is
shown only with ``--show-text`` (corpus posts may hold personal data).
"""

from __future__ import annotations

import sys

_HERE = __import__("os").path.dirname(__import__("os").path.abspath(__file__))
sys.path[:] = [p for p in sys.path if __import__("os").path.abspath(p or ".") != _HERE]
sys.path.insert(0, __import__("os").path.dirname(_HERE))

import argparse  # noqa: E402
import json  # noqa: E402
from collections import Counter  # noqa: E402
from collections.abc import Sequence  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

from benchmarks.offensive_written import MODEL, RULE, linter_with  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "cases"
CORPUS = ROOT / "tests" / "corpus"


@dataclass(frozen=True)
class MustPass:
    kind: str  # case, example or corpus
    where: str  # file and id (or line)
    text: str
    metadata: dict[str, Any] = field(default_factory=dict)


def must_pass() -> list[MustPass]:
    """Every post that offensive-content must leave alone (module docstring)."""
    from benchmarks.held_out import development
    from benchmarks.quality import is_message_file, load_corpus
    from socialpolicy.case_runner import load_cases
    from socialpolicy.config import Config
    from socialpolicy.ruleset import load_rules

    out = [MustPass("case", f"{Path(c.source).name}:{c.id}", c.text, dict(c.metadata))
           for c in load_cases(CASES) if not c.fires]
    for rule in load_rules(Config()):
        for ex in rule.examples:
            if not ex.expect_fail and not ex.posts and not ex.config and ex.accounts is None:
                out.append(MustPass("example", f"{rule.id}:{ex.line}", ex.text, dict(ex.metadata)))
    for path in development(sorted(CORPUS.glob("*.yaml"))):
        if is_message_file(path):
            continue  # a triage corpus (no rule labels)
        for case in load_corpus(path):
            if RULE not in case.labels:
                out.append(MustPass("corpus", f"{path.name}:{case.id}", case.text, dict(case.metadata)))
    return out


def flagged(linter: Any, posts: Sequence[MustPass]) -> list[bool]:
    """Whether the rule reports anything on each post, and (second list) whether its
    learned detector is among what fired."""
    from socialpolicy.inputs.draft import read_draft

    drafts = [read_draft(p.text, f"mustpass#{i}", {**p.metadata, "id": f"m{i}"}) for i, p in enumerate(posts)]
    out = [False] * len(posts)
    result = linter.check_posts(drafts)
    if result.failures:
        raise SystemExit(f"the rule failed: {result.failures[0].reason}")
    for finding in result.findings:
        if finding.rule == RULE:
            out[int(finding.file.split("#", 1)[1])] = True
    return out


def model_scores(card: Path, texts: Sequence[str]) -> list[float]:
    """The model alone on each whole post, folded as the linter folds it."""
    from socialpolicy.classifiers import load
    from socialpolicy.classifiers.features import featurize
    from socialpolicy.normalize import fold

    model = load(card.resolve())
    return [model.score(featurize(fold(t).text, model.card.features)) for t in texts]


def main(argv: Sequence[str] | None = None) -> int:
    from socialpolicy.classifiers import card_path, read_card
    from training.transformer.train import trust_half

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", type=Path, help="the candidate model's card (JSON)")
    parser.add_argument("--second-stage", type=Path, metavar="CARD.json",
                        help="instead of --model: a candidate transformer card run as the learned detector's second stage")
    parser.add_argument("--from", dest="start", type=float, help="with --second-stage: the n-gram score that sends a post on")
    parser.add_argument("--stage-threshold", type=float, help="with --second-stage: the combined (mean-logit) threshold")
    parser.add_argument("--combine", default="mean-logit", choices=("mean-logit", "add-mean-logit"),
                        help="with --second-stage: add-mean-logit keeps the n-gram model's own flags at the "
                             "rule's threshold and lets the mean only add posts")
    parser.add_argument("--threshold", type=float, help="the candidate's threshold (default: its card's)")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--show-text", action="store_true", help="show each failing post's text")
    args = parser.parse_args(argv)
    if (args.model is None) == (args.second_stage is None):
        parser.error("name a candidate: --model CARD.json or --second-stage CARD.json (not both)")
    if args.second_stage is not None and (args.start is None or args.stage_threshold is None):
        parser.error("--second-stage needs --from and --stage-threshold")
    candidate = args.model if args.model is not None else args.second_stage
    if not candidate.is_file():
        print(f"error: {candidate}: no such model card", file=sys.stderr)
        return 2
    shipped_card = card_path(MODEL)
    assert shipped_card is not None
    shipped_threshold = _rule_threshold()
    posts = must_pass()
    texts = [p.text for p in posts]
    before = flagged(linter_with(), posts)
    old = model_scores(shipped_card, texts)
    if args.second_stage is not None:
        stage = (args.second_stage, args.start, args.stage_threshold, args.combine)
        threshold = args.stage_threshold
        after = flagged(linter_with(stage=stage), posts)
        new = _combined(args.second_stage, args.start, texts, old, [a and not b for a, b in zip(after, before, strict=True)])
    else:
        threshold = args.threshold if args.threshold is not None else read_card(args.model).threshold
        after = flagged(linter_with(args.model, threshold), posts)
        new = model_scores(args.model, texts)
    rows: list[dict[str, Any]] = []
    for i, p in enumerate(posts):
        rule_new = after[i] and not before[i]
        model_new = new[i] >= threshold and old[i] < shipped_threshold
        if rule_new or model_new:
            rows.append({"kind": p.kind, "where": p.where, "half": trust_half(p.text), "rule_flags": rule_new, "shipped_rule": before[i],
                         "candidate": round(new[i], 3), "shipped": round(old[i], 3),
                         **({"text": p.text} if args.show_text else {})})
    rows.sort(key=lambda r: (not r["rule_flags"], -r["candidate"]))
    kinds = Counter(p.kind for p in posts)
    failures = [r for r in rows if r["rule_flags"]]
    held = [i for i, p in enumerate(posts) if trust_half(p.text) == "held-back"]
    summary = {
        "model": str(candidate), "threshold": threshold, "must_pass": len(posts), "by_kind": dict(kinds),
        "shipped_rule_flags": sum(before), "candidate_rule_flags": sum(after),
        "lost": sum(1 for b, a in zip(before, after, strict=True) if b and not a),
        "new_rule_flags": len(failures),
        # the half of the must-pass posts that train.py --trust-clean never trains on
        "held_back": len(held), "held_back_shipped_rule_flags": sum(before[i] for i in held),
        "held_back_candidate_rule_flags": sum(after[i] for i in held),
        "held_back_new_rule_flags": sum(1 for r in failures if r["half"] == "held-back"),
        "new_model_flags": sum(1 for r in rows if r["candidate"] >= threshold),
        "new_model_flags_exempted": sum(1 for r in rows if r["candidate"] >= threshold
                                        and not r["rule_flags"] and not r["shipped_rule"]),
        "posts": rows,
    }
    if args.json:
        print(json.dumps(summary, indent=1, ensure_ascii=False))
    else:
        print(f"{len(posts)} must-pass posts ({', '.join(f'{k} {n}' for k, n in sorted(kinds.items()))}); "
              f"candidate {candidate} at {threshold}, shipped model at {shipped_threshold}")
        print(f"  the rule flags {sum(before)} as shipped, {sum(after)} with the candidate "
              f"({summary['lost']} no longer flagged)")
        print(f"  NEW flags by the rule (must be 0): {len(failures)}")
        print(f"  the held-back half (train.py --trust-clean never trains on it): {len(held)} posts, the rule flags "
              f"{summary['held_back_shipped_rule_flags']} as shipped, {summary['held_back_candidate_rule_flags']} with the "
              f"candidate, {summary['held_back_new_rule_flags']} new")
        print(f"  the model's own new flags (candidate >= {threshold}, shipped < {shipped_threshold}): "
              f"{summary['new_model_flags']}, of them exempted by the rule's unless: "
              f"{summary['new_model_flags_exempted']}")
        for r in rows:
            mark = ("FAIL" if r["rule_flags"] else "already" if r["shipped_rule"]
                    else "exempt" if r["candidate"] >= threshold else "rule")
            line = f"  {mark:6} {r['where']} [{r['kind']}, {r['half']}] candidate {r['candidate']:.3f}, shipped {r['shipped']:.3f}"
            if args.show_text:
                line += f"  {r['text']!r}"
            print(line)
    return 1 if failures else 0


def _combined(card: Path, start: float, texts: Sequence[str], first: Sequence[float],
              wanted: Sequence[bool]) -> list[float]:
    """The second stage's combined score of each wanted post the n-gram model sends on (0
    for the others: only the posts the rule newly flags are scored, the transformer being
    slow), so a failing post shows the score that flagged it."""
    from benchmarks.offensive_written import second_stage
    from socialpolicy.normalize import fold

    stage = second_stage(card, start, 0.5)  # the mean of both logits, whichever the combination
    return [stage.score(f, fold(t).text) if w and f >= start else 0.0
            for t, f, w in zip(texts, first, wanted, strict=True)]


def _rule_threshold() -> float:
    """The learned detector's threshold in the shipped rule."""
    from socialpolicy.kinds.classifier import ClassifierDetector

    for rule in linter_with().rules:
        for guarded in rule.detectors:
            inner = guarded.inner
            if isinstance(inner, ClassifierDetector) and inner.model.card.name == MODEL and inner.second is None:
                return float(inner.threshold)
    raise SystemExit(f"no {MODEL!r} model in {RULE}")


__all__ = ["must_pass"]

if __name__ == "__main__":
    sys.exit(main())
