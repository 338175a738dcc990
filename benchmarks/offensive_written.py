"""offensive-content, the whole rule, on written TSV files: recall per abusive function and
false alarms per clean function.

    python benchmarks/offensive_written.py [FILE.tsv ...] [--misses] [--json]
    python benchmarks/offensive_written.py FILE.tsv --model CARD.json [--threshold T]
    python benchmarks/offensive_written.py FILE.tsv --second-stage CARD.json --from F --stage-threshold T

Each file holds ``label<TAB>function<TAB>text`` rows (``label`` abusive or clean; a line
break inside a post written as " / "), as ``training/offensive/written/`` does; with no
file named, those are scored. Every post goes through the linter with the built-in rules
(offensive-content only), as a draft post. ``--model`` swaps the rule's learned model for
another card (a candidate from ``training/offensive/train.py --out DIR``) and
``--threshold`` its threshold (default: the rule's own, or with ``--model`` the card's),
so a candidate is scored as the rule would run it. ``--second-stage`` gives the learned
detector a candidate transformer second stage (its card, as ``socialpolicy/classifiers/onnx/``
holds them; ``combine: mean-logit``), with its ``from`` and combined threshold, exactly as a
rule's ``second_stage:`` would. The "model" column counts the posts the
learned detector flagged, whether or not another detector did too.
"""

from __future__ import annotations

import sys

_HERE = __import__("os").path.dirname(__import__("os").path.abspath(__file__))
sys.path[:] = [p for p in sys.path if __import__("os").path.abspath(p or ".") != _HERE]
sys.path.insert(0, __import__("os").path.dirname(_HERE))

import argparse  # noqa: E402
import json  # noqa: E402
from collections import defaultdict  # noqa: E402
from collections.abc import Sequence  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

RULE = "offensive-content"
MODEL = "offensive"
LEARNED = "learned-abuse"


def second_stage(card: Path, start: float, threshold: float, combine: str = "mean-logit") -> Any:
    """A ``second_stage:`` built from a candidate transformer card, as a rule's would be."""
    from socialpolicy.classifiers.transformer import load_transformer
    from socialpolicy.kinds.classifier import SecondStage

    stage = SecondStage.__new__(SecondStage)
    stage.start, stage.threshold, stage.combine = start, threshold, combine
    stage.model = load_transformer(card.resolve())
    stage.where = (str(card), "candidate second_stage", None)
    return stage


def linter_with(model: Path | None = None, threshold: float | None = None,
                stage: tuple[Path, float, float] | tuple[Path, float, float, str] | None = None) -> Any:
    """The built-in offensive-content rule, its learned model swapped for the card at
    ``model`` and its threshold for ``threshold`` when given; ``stage`` (card, from,
    threshold[, combine]) gives the learned detector a candidate second stage (with
    ``add-mean-logit`` the detector's threshold stays the score that flags alone)."""
    from benchmarks.quality import default_linter
    from socialpolicy.classifiers import load
    from socialpolicy.kinds.classifier import ClassifierDetector

    linter = default_linter([RULE])
    linter.jobs = 1  # one process: the swapped model lives in this one
    if model is None and threshold is None and stage is None:
        return linter
    swapped = 0
    for rule in linter.rules:
        for guarded in rule.detectors:
            inner = guarded.inner
            if isinstance(inner, ClassifierDetector) and inner.model.card.name == MODEL and inner.second is not None:
                # learned-threat (a second stage that only adds): a candidate n-gram model is its
                # first stage too; thresholds and a candidate second stage are learned-abuse's
                if model is not None:
                    inner.model = load(model.resolve())
                continue
            if isinstance(inner, ClassifierDetector) and inner.model.card.name == MODEL:
                if model is not None:
                    inner.model = load(model.resolve())
                    if inner.model.card.features != inner.features:
                        raise SystemExit(f"{model}: its features differ from the shipped model's")
                    inner.threshold = inner.model.card.threshold
                if threshold is not None:
                    inner.threshold = threshold
                if stage is not None:
                    inner.second = second_stage(*stage)
                    if inner.second.adds:
                        inner.keep = inner.threshold
                    inner.threshold = inner.second.start
                    inner.staged = True
                swapped += 1
    if swapped != 1:
        raise SystemExit(f"expected one classifier detector using {MODEL!r} alone in {RULE}, found {swapped}")
    return linter


def fired(linter: Any, texts: Sequence[str]) -> list[set[str]]:
    """For each text, the offensive-content detectors that fired on it ('' when one has no name)."""
    from socialpolicy.inputs.draft import read_draft

    posts = [read_draft(t, f"written#{i}", {"id": f"w{i}"}) for i, t in enumerate(texts)]
    out: list[set[str]] = [set() for _ in texts]
    for finding in linter.check_posts(posts).findings:
        if finding.rule == RULE:
            out[int(finding.file.split("#", 1)[1])].add(finding.detector or "")
    return out


def tally(rows: Sequence[Any], hits: Sequence[set[str]]) -> dict[str, Any]:
    """Counts per (label, function): posts, flagged by the rule, flagged by the model."""
    table: dict[str, dict[str, list[int]]] = {"abusive": defaultdict(lambda: [0, 0, 0]),
                                              "clean": defaultdict(lambda: [0, 0, 0])}
    for row, hit in zip(rows, hits, strict=True):
        cell = table[row.label][row.function]
        cell[0] += 1
        cell[1] += bool(hit)
        cell[2] += LEARNED in hit
    out: dict[str, Any] = {side: {fn: {"n": n, "flagged": f, "model": m}
                                  for fn, (n, f, m) in sorted(cells.items())}
                           for side, cells in table.items()}
    pos = sum(c["n"] for c in out["abusive"].values())
    tp = sum(c["flagged"] for c in out["abusive"].values())
    neg = sum(c["n"] for c in out["clean"].values())
    fp = sum(c["flagged"] for c in out["clean"].values())
    out["total"] = {"abusive": pos, "caught": tp, "clean": neg, "false_alarms": fp,
                    "recall": round(tp / pos, 3) if pos else None,
                    "precision": round(tp / (tp + fp), 3) if tp + fp else None}
    return out


def format_tally(title: str, t: dict[str, Any]) -> str:
    lines = [f"== {title} =="]
    for side, what in (("abusive", "caught"), ("clean", "flagged")):
        for fn, c in t[side].items():
            lines.append(f"  {side:8} {fn:18} {what} {c['flagged']:4}/{c['n']:<4} "
                         f"({c['flagged'] / c['n']:.3f})   model {c['model']:4}")
    tot = t["total"]
    lines.append(f"  whole file: recall {tot['caught']}/{tot['abusive']} = {tot['recall']}, "
                 f"false alarms {tot['false_alarms']}/{tot['clean']}, precision {tot['precision']}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    from training.offensive.train import WRITTEN, WrittenError, read_written

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path, help="TSV files (default: training/offensive/written/)")
    parser.add_argument("--model", type=Path, help="a candidate model card to use in place of the shipped one")
    parser.add_argument("--threshold", type=float, help="the learned detector's threshold")
    parser.add_argument("--second-stage", type=Path, metavar="CARD.json",
                        help="a candidate transformer card to run as the learned detector's second stage")
    parser.add_argument("--from", dest="start", type=float, help="with --second-stage: the n-gram score that sends a post on")
    parser.add_argument("--stage-threshold", type=float, help="with --second-stage: the combined (mean-logit) threshold")
    parser.add_argument("--combine", default="mean-logit", choices=("mean-logit", "add-mean-logit"),
                        help="with --second-stage: add-mean-logit keeps the n-gram model's own flags at the "
                             "rule's threshold and lets the mean only add posts")
    parser.add_argument("--misses", action="store_true", help="list every miss and false alarm")
    parser.add_argument("--json", action="store_true", help="print the counts as JSON")
    args = parser.parse_args(argv)
    stage = None
    if args.second_stage is not None:
        if args.start is None or args.stage_threshold is None:
            parser.error("--second-stage needs --from and --stage-threshold")
        if not args.second_stage.is_file():
            print(f"error: {args.second_stage}: no such transformer card", file=sys.stderr)
            return 2
        stage = (args.second_stage, args.start, args.stage_threshold, args.combine)
    files = args.files or sorted(WRITTEN.glob("*.tsv"))
    if not files:
        print(f"no TSV files named and none in {WRITTEN}", file=sys.stderr)
        return 2
    try:
        data = {path: read_written(path) for path in files}
    except WrittenError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    linter = linter_with(args.model, args.threshold, stage)
    report: dict[str, Any] = {}
    for path, rows in data.items():
        hits = fired(linter, [r.text for r in rows])
        report[str(path)] = tally(rows, hits)
        if not args.json:
            print(format_tally(f"{path.name} ({len(rows)} posts)", report[str(path)]))
        if args.misses:
            for row, hit in zip(rows, hits, strict=True):
                if bool(hit) != (row.label == "abusive"):
                    kind = "MISS" if row.label == "abusive" else "FALSE ALARM"
                    print(f"  {kind:11} {path.name}:{row.line} [{row.function}] {row.text}")
    if args.json:
        print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
