"""The result cache: re-checking an unchanged calendar, and one with one post edited.

    python benchmarks/cache.py                  # a 10,000-post calendar
    python benchmarks/cache.py --posts 2000 --format json

Each run is the real command in a fresh process (``socialpolicy check``), as a
pre-commit hook or CI job runs it: cold (empty cache), warm (nothing changed), and
after editing one post. The reports must be identical to a run without the cache;
the targets are warm <= 5% and one-edit <= 10% of the cold time.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Keep this folder off the import path (benchmarks/calendar.py shadows a standard module).
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import argparse
import json
import re
import runpy
import subprocess
import tempfile
import time

# The posts generator is shared with the other benchmarks (loaded by file: see _posts.py).
make_calendar = runpy.run_path(str(Path(__file__).with_name("_posts.py")))["make_calendar"]


def check(folder: Path, calendar: Path, *extra: str) -> tuple[float, str]:
    report = folder / "report.json"
    command = [sys.executable, "-m", "socialpolicy", "check", calendar.name, "--format", "json",
               "-o", str(report), "--no-progress", *extra]
    began = time.perf_counter()
    done = subprocess.run(command, cwd=folder, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - began
    if done.returncode not in (0, 1):
        raise SystemExit(f"socialpolicy failed:\n{done.stderr[-2000:]}")
    return seconds, report.read_text(encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--format", choices=["yaml", "json"], default="yaml")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        (folder / "socialpolicy.toml").write_text("", encoding="utf-8")
        calendar = folder / f"calendar.{args.format}"
        make_calendar(args.posts, args.format, calendar, media=False)
        print(f"command: python benchmarks/cache.py --posts {args.posts} --format {args.format}")
        cold, cold_report = check(folder, calendar)
        warm, warm_report = check(folder, calendar)
        text = calendar.read_text(encoding="utf-8")
        edited = re.sub(r"Ref 17(?!\d)", "Ref 17 (updated)", text, count=1)
        assert edited != text
        calendar.write_text(edited, encoding="utf-8")
        one, one_report = check(folder, calendar)
        _, fresh_report = check(folder, calendar, "--no-cache")
        same_warm = json.loads(warm_report) == json.loads(cold_report)
        same_edit = json.loads(one_report) == json.loads(fresh_report)
        size = sum(p.stat().st_size for p in (folder / ".socialpolicy_cache").rglob("*") if p.is_file())
        findings = len(json.loads(cold_report)["findings"])
        print(f"{args.posts} posts, {findings} findings; cache {size / 1e6:.1f} MB")
        print(f"cold (empty cache)   {cold:8.1f} s")
        print(f"warm (unchanged)     {warm:8.1f} s  {100 * warm / cold:5.1f}% of cold "
              f"(target <= 5%)  report identical: {same_warm}")
        print(f"one post edited      {one:8.1f} s  {100 * one / cold:5.1f}% of cold "
              f"(target <= 10%) report identical to --no-cache: {same_edit}")
        if not (same_warm and same_edit):
            raise SystemExit("the cache changed the findings")


if __name__ == "__main__":
    main()
