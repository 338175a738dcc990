"""Memory against posts checked, on a streamed X archive: is it flat?

    python benchmarks/memory.py --posts 100000                 # one process, RSS every 10,000 posts
    python benchmarks/memory.py --posts 300000 --jobs 0        # every core: the workers' RSS too
    python benchmarks/memory.py --posts 50000 --words repeated # the few texts of benchmarks/archive.py

Writes a ``tweets.js`` (a post at a time) and checks it in a fresh process, printing
after every ``--every`` posts: the checking process's resident memory (RSS, MB), the
largest worker's (``--jobs 0``), the number of strings in the language model's
StringStore, and the findings so far. Memory is flat when the RSS column stops
growing once the first chunks are checked.

``--words varied`` (the default) writes posts like a real archive's: besides the
usual openings, each carries words never seen before (made-up surnames, ward and
reference numbers, place names), as years of replies to the public do. spaCy adds
every new word to its vocabulary, so this is what shows whether the vocabulary
grows; ``--words repeated`` writes only the ten openings of ``benchmarks/archive.py``.
The result cache is off throughout.

``--cli`` measures the whole command instead, report included: for each of
``--sizes`` it writes an archive and runs ``socialpolicy check --format json -o FILE``
in a fresh process, printing that process's peak RSS (``wait4``'s ``ru_maxrss``)
and the growth from the smallest size. The report is written as a stream, so the
peak should not grow with the archive:

    python benchmarks/memory.py --cli --sizes 25000 100000 --words repeated \
        --select out-of-hours --select post-length

``--command`` chooses what the real command does with each archive: ``check`` (the
report, as above), ``diff`` (``check --diff -o FILE``: what ``--fix`` would change,
worked out from the findings read back from disk) or ``triage`` (``triage --format F
-o FILE`` on a CSV export of that many inbound messages, written a row at a time):

    python benchmarks/memory.py --cli --command diff --sizes 25000 100000 --words repeated \
        --select out-of-hours --select post-length
    python benchmarks/memory.py --cli --command triage --sizes 25000 100000
"""

from __future__ import annotations

import sys
from pathlib import Path

# Keep this folder off the import path (benchmarks/calendar.py shadows a standard module).
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import argparse
import json
import os
import random
import runpy
import subprocess
import tempfile
import time

ROOT = Path(__file__).resolve().parent.parent
ARCHIVE = runpy.run_path(str(Path(__file__).resolve().parent / "archive.py"), run_name="archive")
OPENINGS: tuple[str, ...] = ARCHIVE["OPENINGS"]
ENDINGS: tuple[str, ...] = ARCHIVE["ENDINGS"]
SYLLABLES = ("ka", "lo", "mer", "tin", "dra", "vel", "son", "bry", "quen", "op", "zu", "ham",
             "wick", "ell", "tor", "ash", "ley", "ford", "grim", "pe", "nix", "ul", "sta", "rho")
SHAPES = (
    "Thanks {name}, we've passed your comments on to the team on Ward {ward}.",
    "Hi {name}, sorry to hear about your visit to {place}. Please DM us ref {ref}.",
    "Great to see the {place} {word} group at our open day today!",
    "Our {word} clinic moves to {place} Health Centre from {day} June.",
    "{name} from {place} says the new {word} service made all the difference.",
)


def made_up(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts))


def varied_text(rng: random.Random) -> str:
    """An opening, or a reply of a common shape with words that are mostly new."""
    if rng.random() < 0.5:
        return rng.choice(OPENINGS) + rng.choice(ENDINGS)
    return rng.choice(SHAPES).format(
        name=made_up(rng, 2).capitalize() + " " + made_up(rng, 3).capitalize(),
        ward=rng.randrange(1, 400), place=made_up(rng, 3).capitalize(),
        ref=f"{made_up(rng, 1).upper()}{rng.randrange(10_000, 99_999)}",
        word=made_up(rng, 2), day=rng.randrange(1, 29))


def write_archive(path: Path, count: int, words: str) -> None:
    ARCHIVE["write_archive"](path, count, None if words == "repeated" else varied_text)


def rss_mb(pid: int) -> float:
    """Resident memory of a process now, in MB (0 when it has gone)."""
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as handle:
            pages = int(handle.read().split()[1])
    except (OSError, ValueError, IndexError):
        return 0.0
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def children() -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{os.getpid()}/task").iterdir():
        try:
            found += [int(p) for p in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def worker(path: str, jobs: int, every: int, select: list[str]) -> None:
    """In the child: check the archive, printing a JSON line every ``every`` posts."""
    from socialpolicy.config import Config
    from socialpolicy.engine import Linter

    linter = Linter(Config(), select=select, jobs=jobs)
    began = time.perf_counter()
    state = {"done": 0, "next": every, "worker": 0.0}

    def strings() -> int:
        language = linter.language
        if language is None or language._nlp is None:
            return 0
        return len(language._nlp.vocab.strings)

    def progress(count: int) -> None:
        state["done"] += count
        kids = max((rss_mb(pid) for pid in children()), default=0.0)
        state["worker"] = max(state["worker"], kids)
        if state["done"] >= state["next"]:
            state["next"] += every
            print(json.dumps({"posts": state["done"], "rss_mb": rss_mb(os.getpid()),
                              "worker_mb": kids, "strings": strings(),
                              "seconds": time.perf_counter() - began}), flush=True)

    result = linter.check_paths([path], progress=progress)
    print(json.dumps({"end": True, "posts": result.posts, "findings": len(result.findings),
                      "rss_mb": rss_mb(os.getpid()), "worker_mb": state["worker"],
                      "strings": strings(), "seconds": time.perf_counter() - began}), flush=True)


def write_messages(path: Path, count: int) -> None:
    """A CSV export of ``count`` inbound comments (id, channel, author, text), a row at a time."""
    import csv

    rng = random.Random(count)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(("id", "channel", "author", "text"))
        for number in range(count):
            writer.writerow((f"c{number}", rng.choice(("facebook", "twitter", "instagram")),
                             made_up(rng, 2).capitalize() + " " + made_up(rng, 3).capitalize(),
                             varied_text(rng)))


def cli_peaks(sizes: list[int], words: str, select: list[str], fmt: str,
              what: str = "check") -> None:
    """Peak RSS of the real CLI writing a report, for archives of each size."""
    print(f"command: python benchmarks/memory.py --cli --command {what} "
          f"--sizes {' '.join(map(str, sizes))} "
          f"--words {words} --format {fmt}" + "".join(f" --select {r}" for r in select))
    print(f"{'posts':>9}  {'peak RSS MB':>11}  {'growth':>7}  {'report MB':>9}  {'seconds':>7}")
    first = 0.0
    for size in sizes:
        with tempfile.TemporaryDirectory() as folder:
            report = Path(folder) / f"report.{fmt}"
            if what == "triage":
                export = Path(folder) / "comments.csv"
                write_messages(export, size)
                command = [sys.executable, "-m", "socialpolicy", "triage", "--format", fmt,
                           "-o", str(report), str(export)]
            else:
                archive = Path(folder) / "archive" / "tweets.js"
                archive.parent.mkdir()
                write_archive(archive, size, words)
                shown = ["--diff"] if what == "diff" else ["--format", fmt]
                command = [sys.executable, "-m", "socialpolicy", "check", "--no-cache", *shown,
                           "-o", str(report), str(archive)]
                for rule in select:
                    command += ["--select", rule]
            began = time.perf_counter()
            # This checkout's socialpolicy, whichever folder the archive is in.
            env = {**os.environ, "PYTHONPATH": os.pathsep.join(
                [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])}
            child = subprocess.Popen(command, cwd=folder, env=env, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)
            _, status, usage = os.wait4(child.pid, 0)
            child.returncode = os.waitstatus_to_exitcode(status)
            seconds = time.perf_counter() - began
            if child.returncode not in (0, 1):
                raise SystemExit(f"check failed with exit code {child.returncode} on {size} posts")
            peak = usage.ru_maxrss / 1024  # KB on Linux
            first = first or peak
            print(f"{size:>9,}  {peak:11.0f}  {100 * (peak / first - 1):6.1f}%  "
                  f"{report.stat().st_size / 2**20:9.1f}  {seconds:7.1f}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--every", type=int, default=10_000, help="print after every N posts")
    parser.add_argument("--jobs", type=int, default=1, help="0 = every core (forked workers)")
    parser.add_argument("--words", choices=["varied", "repeated"], default="varied")
    parser.add_argument("--select", action="append", default=[], metavar="RULE")
    parser.add_argument("--cli", action="store_true",
                        help="peak RSS of `socialpolicy check -o FILE` (report included)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[25_000, 100_000],
                        help="with --cli: the archive sizes, smallest first")
    parser.add_argument("--format", default="json", choices=["text", "json", "sarif", "github", "csv"],
                        help="with --cli: the report format (triage: text, json or csv)")
    parser.add_argument("--command", default="check", choices=["check", "diff", "triage"],
                        help="with --cli: check's report, check --diff, or triage on an export")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.cli:
        cli_peaks(args.sizes, args.words, args.select, args.format, args.command)
        return
    if args.worker:
        worker(args.worker, args.jobs, args.every, args.select)
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "tweets.js"
        write_archive(path, args.posts, args.words)
        print(f"command: python benchmarks/memory.py --posts {args.posts} --every {args.every} "
              f"--jobs {args.jobs} --words {args.words}" + "".join(f" --select {r}" for r in args.select))
        print(f"{'posts':>9}  {'RSS MB':>7}  {'worker MB':>9}  {'strings':>8}  {'seconds':>7}")
        command = [sys.executable, __file__, "--worker", str(path), "--jobs", str(args.jobs),
                   "--every", str(args.every)]
        for rule in args.select:
            command += ["--select", rule]
        with subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=ROOT) as child:
            assert child.stdout is not None
            for line in child.stdout:
                row = json.loads(line)
                print(f"{row['posts']:>9,}  {row['rss_mb']:7.0f}  {row['worker_mb']:9.0f}  "
                      f"{row['strings']:>8,}  {row['seconds']:7.0f}", flush=True)
                if row.get("end"):
                    print(f"findings: {row['findings']:,}")
        if child.returncode:
            raise SystemExit(f"benchmark child failed with exit code {child.returncode}")


if __name__ == "__main__":
    main()
