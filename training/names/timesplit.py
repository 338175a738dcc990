"""The honest test of the re-scorer: features collected with the code of a commit at which
some development files had not yet been read (``collect.py`` run in an export of that
commit), a model trained on the files that had been, scored on those that had not, beside
the hand rules' own figures on them from the same run.

    PYTHONPATH=. python training/names/timesplit.py CANDIDATES.json TEST1,TEST2 [DROP] [MODEL]"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from experiment import prf  # noqa: E402
from train import FEATURES, choose_threshold, fit, labelled, predict_cases  # noqa: E402


def main() -> int:
    rows = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    tests = sys.argv[2].split(",")
    drop = tuple(sys.argv[3].split(",")) if len(sys.argv) > 3 and sys.argv[3] else ()
    kind = sys.argv[4] if len(sys.argv) > 4 else "lr"
    keep = [i for i, k in enumerate(FEATURES) if k not in drop]
    train = [r for r in rows if r["file"] not in tests]
    model = fit(labelled(train, keep, kind), keep, kind)
    chosen, cp, cr = choose_threshold(train, keep, kind)
    print(f"dropped {drop or 'none'}; {kind}; trained on {len(train)} cases; threshold by "
          f"leave-one-file-out on them: {chosen} (their P/R {cp:.3f}/{cr:.3f})")
    test = [r for r in rows if r["file"] in tests]
    for name, rs in [*((t, [r for r in test if r["file"] == t]) for t in tests), ("pooled", test)]:
        s = predict_cases(rs, model, keep, kind)
        h = prf(rs, [r["hand"] for r in rs])
        c = prf(rs, [v >= chosen or r["extra"] for v, r in zip(s, rs, strict=True)])
        line = (f"{name:20} hand {h[3]:.3f}/{h[4]:.3f} ({h[0]} {h[1]} {h[2]}) | chosen "
                f"{c[3]:.3f}/{c[4]:.3f} ({c[0]} {c[1]} {c[2]}) |")
        for t in (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9):
            m = prf(rs, [v >= t or r["extra"] for v, r in zip(s, rs, strict=True)])
            line += f" {t}:{m[3]:.3f}/{m[4]:.3f}"
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
