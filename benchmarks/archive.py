"""Checking a whole X archive: posts per second and peak memory, three ways.

    python benchmarks/archive.py                   # a 1,000,000-post archive (hours)
    python benchmarks/archive.py --posts 20000     # smaller
    python benchmarks/archive.py --posts 20000 --modes one jobs
    python benchmarks/archive.py --posts 20000 --dask tcp://scheduler:8786

Writes a realistic ``tweets.js`` (written a post at a time, so making a big one needs
no memory), then checks it in a fresh process each time:

* ``one``: one process (``--jobs 1``);
* ``jobs``: every core of this machine (``--jobs 0``, forked workers);
* ``dask``: a Dask cluster (``--dask local`` starts a LocalCluster with one worker per
  core; ``--dask ADDRESS`` uses a running scheduler, whose workers must have
  socialpolicy and the language model installed).

Peak memory is the checking process's own (``ru_maxrss``), with the largest worker
(forked worker or Dask worker) beside it. The result cache is off throughout.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Keep this folder off the import path (benchmarks/calendar.py shadows a standard module).
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import argparse
import json
import random
import resource
import subprocess
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone

ROOT = Path(__file__).resolve().parent.parent
OPENINGS = (
    "From Monday, visiting on our adult wards is 11am to 8pm.",
    "Congratulations to our critical care nursing team, named Team of the Year!",
    "Feeling unwell? Call NHS 111 or visit 111.nhs.uk. In an emergency call 999.",
    "Our maternity open day is on Saturday from 10am. Come and meet the midwives.",
    "Roadworks on Lowestoft Road this week may slow your journey to the hospital.",
    "Thank you to Margaret Smith, who has volunteered on our wards for 25 years.",
    "Flu jabs for staff are available in the education centre all week.",
    "Sorry to hear that. Please send us a direct message and we'll look into it.",
    "Take two paracetamol and rest, you should feel better in a day or two.",
    "We're recruiting healthcare assistants to join our friendly team.",
)
ENDINGS = ("", " #NHS", " https://t.co/AbCdEf1234", " #TeamJPUH #NHS", " Details on our website.")


def write_archive(path: Path, count: int,
                  text_of: Callable[[random.Random], str] | None = None) -> None:
    """A tweets.js of ``count`` posts over the years, newest first, as X writes it;
    ``text_of`` writes each post's text instead of the stock openings (with no link)."""
    rng = random.Random(count)
    moment = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)
    with path.open("w", encoding="utf-8") as out:
        out.write("window.YTD.tweets.part0 = [")
        for index in range(count):
            moment -= timedelta(minutes=rng.randrange(5, 600))
            text = text_of(rng) if text_of else rng.choice(OPENINGS) + rng.choice(ENDINGS)
            urls = [] if text_of else [
                {"url": "https://t.co/AbCdEf1234", "expanded_url": "https://www.jpaget.nhs.uk/news"}]
            tweet: dict[str, object] = {
                "retweeted": False,
                "entities": {"hashtags": [], "symbols": [], "user_mentions": [], "urls": urls},
                "id_str": str(1_600_000_000_000_000_000 + index),
                "created_at": moment.strftime("%a %b %d %H:%M:%S +0000 %Y"),
                "full_text": text,
                "lang": "en",
            }
            if index % 9 == 0:
                tweet["in_reply_to_screen_name"] = f"member_{index % 97}"
                tweet["in_reply_to_user_id_str"] = str(1000 + index % 97)
                tweet["full_text"] = f"@member_{index % 97} {text}"
            out.write(("," if index else "") + "\n  " + json.dumps({"tweet": tweet}, indent=None))
        out.write("\n]\n")


def worker(path: str, jobs: int, dask: str | None, select: list[str]) -> None:
    """In the child: check the archive, print seconds, posts, findings and memory as JSON."""
    from socialpolicy.config import Config
    from socialpolicy.engine import Linter

    began = time.perf_counter()
    worker_kb = 0
    if dask:
        from socialpolicy.distributed import connect

        with connect(dask) as runner:
            result = Linter(Config(), select=select, dask=runner).check_paths([path])
            sizes = runner.client.run(
                lambda: __import__("resource").getrusage(__import__("resource").RUSAGE_SELF).ru_maxrss)
            worker_kb = max(sizes.values())
    else:
        result = Linter(Config(), select=select, jobs=jobs).check_paths([path])
        worker_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    seconds = time.perf_counter() - began
    print(json.dumps({"seconds": seconds, "posts": result.posts, "findings": len(result.findings),
                      "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                      "worker_mb": worker_kb / 1024}))


def measure(path: Path, jobs: int, dask: str | None, select: list[str]) -> dict[str, float]:
    command = [sys.executable, __file__, "--worker", str(path), "--jobs", str(jobs)]
    for rule in select:
        command += ["--select", rule]
    if dask:
        command += ["--dask", dask]
    done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT)
    if done.returncode != 0:
        raise SystemExit(f"benchmark child failed:\n{done.stderr[-3000:]}")
    figures: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1_000_000)
    parser.add_argument("--modes", nargs="+", default=["one", "jobs", "dask"],
                        choices=["one", "jobs", "dask"])
    parser.add_argument("--dask", default="local", help="scheduler address, or local")
    parser.add_argument("--select", action="append", default=[], metavar="RULE",
                        help="only these rules (e.g. to see memory without the language model)")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--jobs", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.jobs, args.dask if args.dask != "none" else None, args.select)
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "tweets.js"
        began = time.perf_counter()
        write_archive(path, args.posts)
        size = path.stat().st_size
        print(f"command: python benchmarks/archive.py --posts {args.posts} --modes "
              f"{' '.join(args.modes)}" + (f" --dask {args.dask}" if "dask" in args.modes else "")
              + "".join(f" --select {r}" for r in args.select))
        print(f"archive: {args.posts:,} posts, {size / 1e6:.0f} MB, written in "
              f"{time.perf_counter() - began:.0f} s")
        print(f"{'mode':24}  {'seconds':>8}  {'posts/s':>8}  {'peak MB':>8}  {'worker MB':>9}  "
              f"{'findings':>8}")
        runs = {"one": ("one process (--jobs 1)", 1, "none"),
                "jobs": ("--jobs 0 (every core)", 0, "none"),
                "dask": (f"--dask {args.dask}", 1, args.dask)}
        for mode in args.modes:
            label, jobs, dask = runs[mode]
            f = measure(path, jobs, dask, args.select)
            print(f"{label:24}  {f['seconds']:8.0f}  {f['posts'] / f['seconds']:8.1f}  "
                  f"{f['peak_mb']:8.0f}  {f['worker_mb']:9.0f}  {int(f['findings']):>8}", flush=True)


if __name__ == "__main__":
    main()
