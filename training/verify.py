"""Rebuild the shipped models and compare each with the SHA-256 in its card.

    nice -n 10 python training/verify.py                 # every model (slow: over an hour)
    nice -n 10 python training/verify.py complaint offensive
    nice -n 10 python training/verify.py triage --triage-cues C.json --triage-scores-from L.json
    nice -n 10 python training/verify.py complaint-transformer --torch-python /work/venv-enc/bin/python
    python training/verify.py --list                     # the builds and the models each writes

Each build runs its own script (the command its card gives) with ``--out`` a temporary
directory, then every model the build writes is hashed and compared with ``sha256`` in
``socialpolicy/classifiers/<model>.json`` (a transformer second stage: the int8 graph its
card ``socialpolicy/classifiers/onnx/<model>.json`` names; those builds need torch, so
``--torch-python`` names an interpreter that has it). A table says, per model, identical, DRIFTED
(the rebuild differs), MISSING (the build wrote no such file) or FAILED (the build
exited non-zero; the end of its output is printed) or SKIPPED (stopped at ``--timeout``),
with the build's minutes. Exit status 1 if any model is not identical, 2 on a bad
command line.

Run it by hand before a release or after touching anything a training reads (a shared
loader, the folding, the features, a pinned package): CI checks only that each shipped
file matches its card, not that the scripts still produce it. The training scripts pin
OpenBLAS's kernels (``training/__init__.py``) and threads (``training.common.fit``); a build
whose kernels are not the pinned ones warns on stderr, and its rows say so.

The triage models are fitted after 36 leave-one-batch-out folds (about 40 minutes here;
the other builds together took 31 minutes in session 12);
``--triage-cues`` and ``--triage-scores-from`` pass a full run's cached then-cues and fold
scores (``train.py --cues F --scores F``) so only the final fits run. Those caches change
only the cards' thresholds and figures, never the weights compared here.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import training  # noqa: E402,F401  (pins OpenBLAS's kernels for the builds, which inherit it)

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "socialpolicy" / "classifiers"
ONNX = SHIPPED / "onnx"
TRIAGE = ("urgent", "clinical", "complaint", "foi", "media", "abuse", "personal-data", "appointment",
          "compliment", "spam")


@dataclass(frozen=True)
class Build:
    """One training command and the shipped models it writes."""

    script: str
    args: tuple[str, ...]
    models: tuple[str, ...]
    torch: bool = False  # a transformer fit (training/transformer/): run with --torch-python


BUILDS: dict[str, Build] = {
    "offensive": Build("training/offensive/train.py", (), ("offensive",)),
    "medical-advice": Build("training/medical/train.py", (), ("medical-advice",)),
    "clinical-question": Build("training/clinical_question/train.py", (), ("clinical-question",)),
    "complaint": Build("training/complaint/train.py", (), ("complaint",)),
    "complaint-terse": Build("training/complaint/train.py", ("--model", "complaint-terse"),
                             ("complaint-terse",)),
    "conduct": Build("training/conduct/train.py", (), ("conduct",)),
    "urgent-message": Build("training/urgent/train.py", (), ("urgent-message",)),
    "triage": Build("training/triage/train.py", (), tuple(f"triage-{c}" for c in TRIAGE)),
    # The second stages (int8 ONNX), fine-tuned with torch: about 20-45 minutes each here.
    "complaint-transformer": Build("training/transformer/train.py", ("--rule", "complaint-whistleblowing"),
                                   ("complaint-transformer",), torch=True),
    # session 15's --trust-clean fit, its Trust half pinned (the corpus has grown since)
    "offensive-transformer": Build("training/transformer/train.py",
                                   ("--written", "--trust-clean", "--trust-pinned",
                                    "training/transformer/trust-train-s15.sha256"),
                                   ("offensive-transformer",), torch=True),
}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def card_path(model: str) -> Path:
    """A linear model's card, or else a transformer's (classifiers/onnx/)."""
    linear = SHIPPED / f"{model}.json"
    return linear if linear.is_file() else ONNX / f"{model}.json"


def card_sha(model: str) -> str:
    """The SHA-256 the shipped model's card records."""
    return str(json.loads(card_path(model).read_text(encoding="utf-8"))["sha256"])


def model_file(model: str) -> str:
    """The name of the file a build writes for the model, as shipped: ``<model>.npz``, or
    the graph a transformer's card names (``offensive.int8.onnx``)."""
    path = card_path(model)
    if path.parent == ONNX:
        return str(json.loads(path.read_text(encoding="utf-8"))["model"])
    return f"{model}.npz"


def shipped_file(model: str) -> Path:
    return card_path(model).parent / model_file(model)


def builds_for(names: list[str]) -> list[str]:
    """The builds that make the named models (a build's own name or any model it writes)."""
    chosen: list[str] = []
    for name in names:
        build = name if name in BUILDS else next(
            (b for b, spec in BUILDS.items() if name in spec.models), None)
        if build is None:
            raise SystemExit(f"training/verify.py: unknown model {name!r}; known: "
                             f"{', '.join(sorted(m for b in BUILDS.values() for m in b.models))}")
        if build not in chosen:
            chosen.append(build)
    return chosen


def uncovered() -> list[str]:
    """Shipped models no build here rebuilds (a new model must be added to BUILDS)."""
    known = {m for b in BUILDS.values() for m in b.models}
    transformers = [p.stem for p in ONNX.glob("*.json") if p.name != "tokenizer.json"]
    return sorted(m for m in [*(p.stem for p in SHIPPED.glob("*.npz")), *transformers] if m not in known)


def run(build: str, out: Path, extra: list[str], timeout: float | None,
        torch_python: str = sys.executable) -> tuple[int | None, float, Path]:
    """Run one build; its exit status (None when stopped at ``timeout`` seconds), seconds, log."""
    spec = BUILDS[build]
    log = out / f"{build}.log"
    command = [torch_python if spec.torch else sys.executable, spec.script, *spec.args, "--out", str(out), *extra]
    print(f"== {build}: {' '.join(command[1:])}", flush=True)
    started = time.monotonic()
    with log.open("wb") as sink:
        try:
            code: int | None = subprocess.run(command, cwd=ROOT, stdout=sink, stderr=subprocess.STDOUT,
                                              check=False, timeout=timeout).returncode
        except subprocess.TimeoutExpired:
            code = None
    return code, time.monotonic() - started, log


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("models", nargs="*", help="builds or models to rebuild (default: all)")
    parser.add_argument("--keep", type=Path, default=None,
                        help="write the rebuilt files and build logs here (default: a temporary directory)")
    parser.add_argument("--triage-cues", type=Path, default=None, help="passed as --cues to the triage build")
    parser.add_argument("--triage-scores-from", type=Path, default=None,
                        help="passed as --scores-from to the triage build")
    parser.add_argument("--timeout", type=float, default=None, metavar="MINUTES",
                        help="stop a build that runs longer and report its models as SKIPPED")
    parser.add_argument("--torch-python", default=sys.executable,
                        help="the Python (with torch) that runs the transformer builds (default: this one)")
    parser.add_argument("--list", action="store_true", help="list the builds and their models")
    args = parser.parse_args()
    if args.list:
        for name, spec in BUILDS.items():
            print(f"{name}: python {spec.script} {' '.join(spec.args)} -> {', '.join(spec.models)}".replace("  ", " "))
        return 0
    try:
        builds = builds_for(args.models) if args.models else list(BUILDS)
    except SystemExit as error:
        print(error, file=sys.stderr)
        return 2
    for path in (args.triage_cues, args.triage_scores_from):
        if path is not None and not path.is_file():
            print(f"training/verify.py: {path}: no such file", file=sys.stderr)
            return 2
    triage_extra = ([*(["--cues", str(args.triage_cues)] if args.triage_cues else []),
                     *(["--scores-from", str(args.triage_scores_from)] if args.triage_scores_from else [])])
    rows: list[tuple[str, str, str, str, str, bool]] = []
    with tempfile.TemporaryDirectory(prefix="verify-") as temporary:
        out = args.keep or Path(temporary)
        out.mkdir(parents=True, exist_ok=True)
        for build in builds:
            code, seconds, log = run(build, out, triage_extra if build == "triage" else [],
                                     args.timeout * 60 if args.timeout else None, args.torch_python)
            minutes = f"{seconds / 60:.1f}"
            if code not in (0, None):
                tail = log.read_text(encoding="utf-8", errors="replace").splitlines()[-5:]
                print("\n".join(f"   {line}" for line in tail), file=sys.stderr)
            for model in BUILDS[build].models:
                expected = card_sha(model)
                made = out / model_file(model)
                if code is None:
                    result, got = f"SKIPPED (over {args.timeout:g} minutes)", "-"
                elif code != 0:
                    result, got = f"FAILED (exit {code})", "-"
                elif not made.is_file():
                    result, got = "MISSING", "-"
                else:
                    got = sha256(made)
                    result = "identical" if got == expected else "DRIFTED"
                ok = result == "identical"
                if "warning: OpenBLAS runs" in log.read_text(encoding="utf-8", errors="replace"):
                    result += " (OpenBLAS unpinned, see the log)"
                if sha256(shipped_file(model)) != expected:
                    ok = False
                    result += " (the shipped file does not match its card either)"
                rows.append((model, expected[:12], got[:12], result, minutes, ok))
                print(f"   {model}: {result}", flush=True)
    width = max(len(r[0]) for r in rows)
    print(f"\n{'model':<{width}}  card sha256   rebuilt       minutes  result")
    for model, expected, got, result, minutes, _ in rows:
        print(f"{model:<{width}}  {expected:<12}  {got:<12}  {minutes:>7}  {result}")
    missing = uncovered()
    if missing and not args.models:
        print(f"no build known for: {', '.join(missing)} (add it to BUILDS in training/verify.py)")
    bad = [r for r in rows if not r[5]]
    print(f"\n{len(rows) - len(bad)} of {len(rows)} rebuilt byte for byte"
          + (f"; not identical: {', '.join(r[0] for r in bad)}" if bad else ""))
    return 1 if bad or (missing and not args.models) else 0


if __name__ == "__main__":
    sys.exit(main())
