"""Speed of the personal-data rules, measured (issue 3).

    python benchmarks/pii.py                 # 1,000 and 10,000 posts; naive loop over 1,000
    python benchmarks/pii.py --naive-all     # the naive loop over 10,000 too (slow)

Reports posts/second of our Linter (patient-identifier + named-person-consent:
one batched nlp.pipe pass, Presidio reading that Doc), in one process and on
every core (``jobs``: forked workers for big batches), against a naive loop of
``AnalyzerEngine().analyze`` with the same spaCy model; the cold wall time of
``socialpolicy check`` on one draft against bare Presidio + model load + one
analyze; ``--select post-length`` on a draft with a platform without importing spaCy,
Presidio or jsonschema; and peak memory (max RSS). Posts are generated, never real.
"""

from __future__ import annotations

import sys

# Run as a script, this folder leads sys.path, and benchmarks/calendar.py would then
# shadow the standard library's calendar module for everything imported below.
_HERE = __import__("os").path.dirname(__import__("os").path.abspath(__file__))
sys.path[:] = [p for p in sys.path if __import__("os").path.abspath(p or ".") != _HERE]

import argparse
import os
import random
import resource
import runpy
import subprocess
import tempfile
import time
from pathlib import Path

FIRST = ["Sarah", "Jane", "Peter", "Amy", "Raj", "Margaret", "Darren", "Ivy", "Tom", "Lucy"]
LAST = ["Jenkins", "Smith", "Patel", "Jones", "Brown", "Evans", "Spencer", "Green"]
TEMPLATES = [
    "Huge thanks to {first} {last} from the {team} team for going above and beyond this week! #TeamJPUH",
    "Our {team} service is open from 8am to 6pm. Call 01493 452452 for appointments.",
    "Patient NHS number {nhs} has been moved - please contact the ward.",
    "Visiting {first} in bed {bed} on Ward {ward} this afternoon, love to all",
    "Join us on {day}/06/2026 for our open day in the main atrium. All welcome!",
    "Congratulations to Sister {last} on her award for outstanding care on Ward {ward}",
    "Flu jabs are available for all staff this week at the {team} hub. Book via the intranet.",
    "Ring {first} on 07700 900{bed:03d} if you found a purse in the car park",
]
TEAMS = ["maternity", "pharmacy", "radiology", "stroke", "outpatients", "theatres"]


# shared with the other benchmarks (loaded by file: see _posts.py)
nhs_number = runpy.run_path(str(Path(__file__).with_name("_posts.py")))["nhs_number"]


def generate(count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    return [
        rng.choice(TEMPLATES).format(
            first=rng.choice(FIRST), last=rng.choice(LAST), team=rng.choice(TEAMS),
            nhs=nhs_number(rng), bed=rng.randint(1, 30), ward=rng.randint(1, 20),
            day=rng.randint(10, 28),
        )
        for _ in range(count)
    ]


def ours(texts: list[str], jobs: int) -> float:
    from socialpolicy.config import Config
    from socialpolicy.engine import Linter
    from socialpolicy.inputs.draft import read_draft

    linter = Linter(Config(), select=("patient-identifier", "named-person-consent"), jobs=jobs)
    linter.check_posts([read_draft("warm up Sarah 943 476 5919", "warm", {})])
    posts = [read_draft(t, f"p{i}", {}) for i, t in enumerate(texts)]
    start = time.perf_counter()
    linter.check_posts(posts)
    return len(texts) / (time.perf_counter() - start)


def naive(texts: list[str]) -> float:
    os.environ["TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS"] = ""
    engine = _naive_engine()
    engine.analyze("warm up", language="en")
    start = time.perf_counter()
    for text in texts:
        engine.analyze(text, language="en")
    return len(texts) / (time.perf_counter() - start)


def _naive_engine():  # type: ignore[no-untyped-def]
    """Presidio's default AnalyzerEngine on the same spaCy model, loaded by hand:
    Presidio's own loader would try to download a model it cannot find by name."""
    import importlib

    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import SpacyNlpEngine

    from socialpolicy.nlp import installed_model

    name = installed_model()
    nlp_engine = SpacyNlpEngine(models=[{"lang_code": "en", "model_name": name}])
    nlp_engine.nlp = {"en": importlib.import_module(name).load()}
    return AnalyzerEngine(nlp_engine=nlp_engine)


def wall(args: list[str], cwd: str) -> tuple[float, subprocess.CompletedProcess[str]]:
    start = time.perf_counter()
    proc = subprocess.run(args, capture_output=True, text=True, cwd=cwd, timeout=600)
    return time.perf_counter() - start, proc


BARE = """
import os
os.environ["TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS"] = ""
import importlib
import presidio_analyzer
from presidio_analyzer.nlp_engine import SpacyNlpEngine
from socialpolicy.nlp import installed_model
name = installed_model()
nlp_engine = SpacyNlpEngine(models=[{"lang_code": "en", "model_name": name}])
nlp_engine.nlp = {"en": importlib.import_module(name).load()}
engine = presidio_analyzer.AnalyzerEngine(nlp_engine=nlp_engine)
engine.analyze(open("draft.txt").read(), language="en")
"""

NO_NLP = """
import sys
from socialpolicy.cli import main
sys.argv = ["socialpolicy", "check", "--select", "post-length", "--platform", "twitter", "draft.txt"]
try:
    main()
except SystemExit:
    pass
loaded = [m for m in ("spacy", "presidio_analyzer", "jsonschema") if m in sys.modules]
assert not loaded, loaded
"""


def cold(repeats: int) -> None:
    # pip byte-compiles an installed package; an editable checkout under
    # PYTHONDONTWRITEBYTECODE would otherwise recompile every module on every run.
    import compileall

    import socialpolicy

    compileall.compile_dir(str(Path(socialpolicy.__file__).parent), quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, "draft.txt").write_text(
            "Huge thanks to Sarah Jenkins on Ward 5! NHS number 943 476 5919\n", encoding="utf-8"
        )
        check = [sys.executable, "-m", "socialpolicy", "check", "--no-progress", "draft.txt"]
        bare = [sys.executable, "-c", BARE]
        light = [sys.executable, "-c", NO_NLP]
        ours_t = min(wall(check, tmp)[0] for _ in range(repeats))
        bare_t = min(wall(bare, tmp)[0] for _ in range(repeats))
        light_runs = [wall(light, tmp) for _ in range(repeats)]
        failed = [p for _, p in light_runs if p.returncode != 0]
        light_t = min(t for t, _ in light_runs)
        print(f"cold: socialpolicy check (all rules)  {ours_t:6.2f} s")
        print(f"cold: bare presidio + model + analyze {bare_t:6.2f} s   ratio {ours_t / bare_t:.2f}x"
              " (target <= 1.2x)")
        status = ("spaCy/Presidio/jsonschema never imported" if not failed
                  else "IMPORTED spaCy/Presidio/jsonschema")
        print(f"cold: check --select post-length      {light_t:6.2f} s   {status} (target <= 0.3 s)")
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak memory of a child process (max RSS): {child:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--naive-all", action="store_true", help="run the naive loop on every size")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print("command: python benchmarks/pii.py " + " ".join(sys.argv[1:]))
    naive_rate = None
    from socialpolicy.parallel import cpu_count

    print(f"cores available: {cpu_count()}")
    for size in sizes:
        texts = generate(size)
        if naive_rate is None or args.naive_all:
            naive_rate = naive(texts)
            print(f"{size:>6} posts: naive AnalyzerEngine().analyze loop {naive_rate:7.1f} posts/s",
                  flush=True)
        single = ours(texts, jobs=1)
        every = ours(texts, jobs=0)
        print(f"{size:>6} posts: ours, one process   {single:7.1f} posts/s = "
              f"{single / naive_rate:.1f}x the naive loop", flush=True)
        print(f"{size:>6} posts: ours, every core    {every:7.1f} posts/s = "
              f"{every / naive_rate:.1f}x the naive loop (target >= 3x)", flush=True)
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of this process (max RSS): {own:.0f} MB")
    cold(args.repeats)


if __name__ == "__main__":
    main()
