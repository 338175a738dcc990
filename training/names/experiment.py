"""Leave-one-file-out figures for the named-person-consent re-scorer on the current tree:
for each development names file, a model trained on every other file (its threshold
chosen by leave-one-file-out among those) scores the left-out file's candidates, and a
case is flagged where any candidate scores at or above the threshold (or the hand rules'
hashtag and listed-beside-consented checks fire, which stay rules). Beside it, the hand
rules' own figure on the file (optimistic: they were tuned on every one of these files;
and so is every hand check's verdict among the re-scorer's features).

    PYTHONPATH=. python training/names/experiment.py CANDIDATES.json [DROP] [MODEL]"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from train import FEATURES, choose_threshold, fit, labelled, predict_cases  # noqa: E402


def prf(rows, flags):
    tp = sum(1 for r, f in zip(rows, flags, strict=True) if f and r["label"])
    fp = sum(1 for r, f in zip(rows, flags, strict=True) if f and not r["label"])
    fn = sum(1 for r, f in zip(rows, flags, strict=True) if not f and r["label"])
    p = tp / (tp + fp) if tp + fp else 1.0
    rc = tp / (tp + fn) if tp + fn else 1.0
    return tp, fp, fn, p, rc


def main() -> int:
    rows = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    drop = tuple(sys.argv[2].split(",")) if len(sys.argv) > 2 and sys.argv[2] else ()
    kind = sys.argv[3] if len(sys.argv) > 3 else "lr"
    files = sorted({r["file"] for r in rows})
    keep = [i for i, k in enumerate(FEATURES) if k not in drop]
    print(f"features dropped: {drop or 'none'}; model {kind}")
    print(f"{'file':28} {'hand rules P/R (TP FP FN)':28} threshold  re-scorer P/R (TP FP FN)")
    pooled_hand, pooled = [0, 0, 0], [0, 0, 0]
    for held in files:
        train = [r for r in rows if r["file"] != held]
        t, _, _ = choose_threshold(train, keep, kind)
        model = fit(labelled(train, keep, kind), keep, kind)
        rs = [r for r in rows if r["file"] == held]
        s = predict_cases(rs, model, keep, kind)
        h = prf(rs, [r["hand"] for r in rs])
        m = prf(rs, [v >= t or r["extra"] for v, r in zip(s, rs, strict=True)])
        for i in range(3):
            pooled_hand[i] += h[i]
            pooled[i] += m[i]
        print(f"{held:28} {h[3]:.3f}/{h[4]:.3f} ({h[0]} {h[1]} {h[2]})".ljust(58)
              + f"{t:<10} {m[3]:.3f}/{m[4]:.3f} ({m[0]} {m[1]} {m[2]})")

    def pr(c):
        return f"{c[0] / (c[0] + c[1]):.3f}/{c[0] / (c[0] + c[2]):.3f} ({c[0]} {c[1]} {c[2]})"

    print(f"{'pooled':28} {pr(pooled_hand):28}{'':11}{pr(pooled)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
