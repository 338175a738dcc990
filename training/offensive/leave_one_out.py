"""Leave one writer out: does text written by the other writers teach the model a writer's?

    nice -n 5 python training/offensive/leave_one_out.py [--weights 5,10] [--writers a,b,c,d,e] [--c C] [--out DIR]
    nice -n 5 python training/offensive/leave_one_out.py --all [--weights 10] [--out DIR]

For each writer X (``written/X.tsv``) and each weight w: the offensive model is fitted as
``train.py`` fits it (the same sources, seeded split, NBSVM, C, and the threshold chosen on
validation, the lowest with precision >= 0.95) but on the other writers' files only, each
of our own texts counting w times; then the whole rule, with that model at that
threshold in place of the shipped one, scores X (``benchmarks/offensive_written.py``),
beside the shipped rule on X. Candidates are written to ``--out`` (never shipped). Each
text's features are computed once for all the fits (the same vectors, less time).
``--all`` fits on every written file instead and writes that candidate (the one a ship
would use); score it with ``benchmarks/offensive_written.py --model``.
The writers held out in turn (``--writers``) default to every written file but
offtrain.tsv (the session-13 helper's own look-alikes), which is always trained on; each
fold trains on all the other written files. The last lines printed are a table per
function: the shipped rule against each candidate on the held-out writer.
"""

from __future__ import annotations

import json
import sys
from functools import cache
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))

import training.common as common  # noqa: E402
from benchmarks.offensive_written import fired, linter_with, tally  # noqa: E402
from socialpolicy.classifiers.features import FeatureConfig  # noqa: E402
from training.offensive import train  # noqa: E402

# The session-13 helper's look-alike lines: trained on in every fold, never held out.
ALWAYS_TRAINED = "offtrain"


def main() -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--weights", default="5", help="comma-separated weights of our own texts; 1 counts "
                        "the written files once and our corpora and banter.txt five times, as v9 does")
    parser.add_argument("--writers", help="the writers to hold out, one at a time (default: every "
                        "written file but offtrain)")
    parser.add_argument("--all", action="store_true", help="fit on every written file instead")
    parser.add_argument("--c", type=float, default=train.C, help="inverse regularisation strength")
    parser.add_argument("--out", type=Path, default=Path("/tmp/offensive-loo"))
    args = parser.parse_args()
    # Each text folded and featurized once for every fit and score below.
    common.prepare = cache(common.prepare)
    featurize = common.featurize
    common.featurize = cache(lambda text, config: featurize(text, config))  # type: ignore[assignment]
    files = {p.stem: p for p in sorted(train.WRITTEN.glob("*.tsv"))}
    writers = ([w for w in args.writers.split(",") if w] if args.writers
               else [w for w in files if w != ALWAYS_TRAINED])
    unknown = [w for w in writers if w not in files]
    if unknown:
        parser.error(f"no written file {train.WRITTEN / (unknown[0] + '.tsv')}")
    config = FeatureConfig()
    everything = train.sources(None, with_written=True)
    weights = [int(w) for w in args.weights.split(",")]

    def fit(data: dict[str, Any], weight: int, out: Path, version: str, description: str) -> Any:
        """One candidate fitted as train.py fits it (our own texts counting ``weight``
        times; 1: the written files once, our corpora and banter.txt as v9 counts them),
        written to ``out``."""
        names = train.own_sources(data)
        ours, times = ((tuple(n for n in names if not n.startswith("written_")), train.OWN_WEIGHT)
                       if weight == 1 else (names, weight))
        model = common.fit_sources(data, config, train.UNIT, train.MIN_PRECISION,
                                   own=ours, c=args.c, nb=train.NB, own_weight=times)
        out.mkdir(parents=True, exist_ok=True)
        common.write_fitted(train.NAME, model, config, train.MIN_PRECISION, out, version=version,
                            rule=train.RULE, unit=train.UNIT, description=description)
        return model

    if args.all:
        for weight in weights:
            out = args.out / f"all-w{weight}-c{args.c:g}"
            model = fit(everything, weight, out, "candidate", "trained on every written file (not shipped)")
            print(f"wrote {out}, threshold {model.threshold}, validation {model.figures['validation']}")
        return 0
    shipped = linter_with()
    results: list[dict[str, Any]] = []
    for writer in writers:
        data = {k: v for k, v in everything.items() if k != f"written_{writer}"}
        rows = train.read_written(files[writer])
        texts = [r.text for r in rows]
        before = tally(rows, fired(shipped, texts))
        print(f"[{writer}] shipped rule: {json.dumps(before['total'])}", flush=True)
        results.append({"writer": writer, "model": "shipped", "threshold": None, "figures": before})
        for weight in weights:
            out = args.out / f"without-{writer}-w{weight}-c{args.c:g}"
            model = fit(data, weight, out, "loo", "leave-one-writer-out candidate")
            after = tally(rows, fired(linter_with(out / f"{train.NAME}.json"), texts))
            print(f"[{writer}] without {writer}, weight {weight}, threshold {model.threshold} "
                  f"(validation {model.figures['validation']}): {json.dumps(after['total'])}", flush=True)
            results.append({"writer": writer,
                            "model": f"without {writer}, own weight {weight}, C={args.c:g}",
                            "threshold": model.threshold, "validation": model.figures["validation"],
                            "figures": after})
    args.out.mkdir(parents=True, exist_ok=True)
    name = f"loo-w{args.weights}-c{args.c:g}.json"
    (args.out / name).write_text(json.dumps(results, indent=1), encoding="utf-8")
    print(f"wrote {args.out}")
    print(table(results))
    return 0


def table(results: list[dict[str, Any]]) -> str:
    """Per held-out writer and function: caught (abusive) or flagged (clean), the shipped
    rule first and each candidate after it."""
    lines = []
    for writer in dict.fromkeys(r["writer"] for r in results):
        runs = [r for r in results if r["writer"] == writer]
        lines.append(f"== {writer}: shipped -> " + ", ".join(r["model"] for r in runs[1:]))
        for side in ("abusive", "clean"):
            for fn, cell in runs[0]["figures"][side].items():
                counts = " -> ".join(str(r["figures"][side][fn]["flagged"]) for r in runs)
                lines.append(f"  {side:8} {fn:16} {counts} of {cell['n']}")
        lines.append("  recall / false alarms: " + " -> ".join(
            f"{r['figures']['total']['recall']} / {r['figures']['total']['false_alarms']}" for r in runs))
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
