"""Time and peak memory for checking long content calendars.

    python benchmarks/calendar.py                 # 1,000 and 10,000 entries, YAML and JSON
    python benchmarks/calendar.py --sizes 1000 --formats yaml

Each measurement runs in a fresh subprocess (so the language model load and peak
memory are counted per run, as a user would see them), once with every rule and once
without the personal-data rules (patient-identifier, named-person-consent), which use
the language model. Peak memory is the child's ru_maxrss.
"""

from __future__ import annotations

import sys
from pathlib import Path

# This file is called calendar.py: keep its folder off the import path so the standard
# library's calendar module (used by http, email, holidays) is not shadowed by it.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import argparse  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402
import runpy  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PERSONAL_RULES = ("patient-identifier", "named-person-consent")
# The posts generator is shared with the other benchmarks (loaded by file: see _posts.py).
make_calendar = runpy.run_path(str(Path(__file__).with_name("_posts.py")))["make_calendar"]


def worker(path: str, ignore: list[str], jobs: int) -> None:
    """Run in the child: check one calendar, print seconds, posts and findings as JSON."""
    from socialpolicy.config import Config
    from socialpolicy.engine import Linter

    began = time.perf_counter()
    linter = Linter(Config(), ignore=ignore, jobs=jobs)
    result = linter.check_paths([path])
    seconds = time.perf_counter() - began
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Forked workers (jobs) each have their own peak; the largest is reported.
    worker_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({"seconds": seconds, "posts": result.posts,
                      "findings": len(result.findings), "peak_mb": peak_kb / 1024,
                      "worker_mb": worker_kb / 1024}))


def measure(path: Path, ignore: list[str], jobs: int) -> dict[str, float]:
    command = [sys.executable, __file__, "--worker", str(path), "--jobs", str(jobs)]
    for rule in ignore:
        command += ["--ignore", rule]
    began = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT)
    if done.returncode != 0:
        raise SystemExit(f"benchmark child failed:\n{done.stderr[-2000:]}")
    figures: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    figures["wall"] = time.perf_counter() - began
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--formats", nargs="+", default=["yaml", "json"], choices=["yaml", "json"])
    parser.add_argument("--jobs", type=int, default=0,
                        help="processes, as socialpolicy's jobs setting (0: one per core)")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--ignore", action="append", default=[], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.ignore, args.jobs)
        return
    from socialpolicy.config import Config
    from socialpolicy.ruleset import load_rules

    present = {r.id for r in load_rules(Config())}
    personal = [r for r in PERSONAL_RULES if r in present]
    modes = [("all rules", [])]
    if personal:
        modes.append(("without personal-data rules", personal))
    else:
        print("note: the personal-data rules are not installed; measuring all rules only")
    print(f"command: python benchmarks/calendar.py --sizes {' '.join(map(str, args.sizes))} "
          f"--formats {' '.join(args.formats)} --jobs {args.jobs}")
    print(f"{'entries':>8}  {'format':6}  {'rules':28}  {'wall s':>7}  {'check s':>7}  "
          f"{'posts/s':>8}  {'peak MB':>8}  {'worker MB':>9}  {'findings':>8}")
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            for fmt in args.formats:
                path = make_calendar(size, fmt, Path(folder) / f"calendar-{size}.{fmt}")
                for label, ignore in modes:
                    f = measure(path, ignore, args.jobs)
                    print(f"{size:>8}  {fmt:6}  {label:28}  {f['wall']:7.1f}  {f['seconds']:7.1f}  "
                          f"{f['posts'] / f['seconds']:8.0f}  {f['peak_mb']:8.0f}  "
                          f"{f['worker_mb']:9.0f}  {int(f['findings']):>8}", flush=True)


if __name__ == "__main__":
    main()
