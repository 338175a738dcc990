"""Where the time goes: the language model, then each rule kind and each rule.

    python benchmarks/profile.py                       # every development post in tests/corpus
    python benchmarks/profile.py --limit 500
    python benchmarks/profile.py --limit 1000 --stages   # and the shared stages

The posts are parsed once with the language model (as the engine does, ``nlp.pipe``
over the batch), then each rule is run over every post on its own, so its time is
its own: the first rule to need a derived view (folded text, sentences) pays for it,
as in a real run. Printed: seconds and share of the total per stage, per kind and per
rule, slowest first; each rule's one-time loading (on 20 posts and its own examples
first) is shown apart. ``--stages`` then times one more whole run and says how much
of it went to work several rules share (the model, Presidio, masking, the literal
scan, garbage collection), which the per-rule table charges to whichever rule
needed it first.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Keep this folder off the import path (benchmarks/calendar.py shadows a standard module).
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import argparse
import time
from collections import defaultdict

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.held_out import development  # noqa: E402


def corpus_posts(limit: int | None) -> list:
    """Every post of the labelled corpora as a Post (metadata included), in file order;
    the held-out files (``tests/corpus/HELD_OUT``) are never read."""
    from socialpolicy.inputs.draft import read_draft

    posts = []
    for path in development(sorted((ROOT / "tests" / "corpus").glob("*.yaml"))):
        if path.name == "triage.yaml":  # inbound messages, not posts
            continue
        if limit and len(posts) >= limit:
            # Files past the limit are not even read (some are held-out sets).
            break
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for case in data.get("cases", []):
            if not isinstance(case, dict) or not isinstance(case.get("text"), str):
                continue
            keep = ("platform", "reply_to", "media", "poll", "consent", "account", "scheduled")
            metadata = {k: case[k] for k in keep if k in case}
            try:
                posts.append(read_draft(case["text"], path.name, metadata))
            except Exception:  # noqa: BLE001 - a case the draft reader refuses is skipped
                continue
    return posts[:limit] if limit else posts


def kind_of(rule) -> str:  # type: ignore[no-untyped-def]
    kinds = sorted({type(d.inner).__module__.rsplit(".", 1)[-1] for d in rule.detectors})
    return "+".join(kinds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="at most this many posts")
    parser.add_argument("--stages", action="store_true",
                        help="also time the work rules share (model, Presidio, masking, ...)")
    args = parser.parse_args()
    from socialpolicy.config import Config
    from socialpolicy.engine import Linter, Result

    posts = corpus_posts(args.limit)
    began = time.process_time()
    linter = Linter(Config(), jobs=1)
    build = time.process_time() - began
    if linter.language is not None:
        linter.language.load()
    load = time.process_time() - began - build
    began = time.process_time()
    contexts = linter._contexts(posts)
    parse = time.process_time() - began
    per_rule: dict[str, float] = {}
    first_use: dict[str, float] = {}
    warm = linter._contexts(posts[:20])
    from socialpolicy.inputs.draft import read_draft

    for rule in linter.rules:
        # One-time loading (word lists, segmenters, lazily compiled patterns) on a few
        # posts and the rule's own examples first, shown apart, so the timed pass is
        # the per-post cost (a word list a rule loads on its first hit, such as
        # hashtag-camelcase's, is loading, not per-post time).
        sink = Result()
        own = linter._contexts([read_draft(e.text, "example", {}) for e in rule.examples
                                if e.text and not e.posts])
        began = time.process_time()
        if not rule.calendar:
            for ctx in [*warm, *own]:
                linter._run_rule(rule, ctx, sink)
        first_use[rule.id] = time.process_time() - began
        began = time.process_time()
        if rule.calendar:
            linter._run_calendar([rule], contexts, sink)
        else:
            for ctx in contexts:
                linter._run_rule(rule, ctx, sink)
        per_rule[rule.id] = time.process_time() - began
    per_kind: dict[str, float] = defaultdict(float)
    for rule in linter.rules:
        per_kind[kind_of(rule)] += per_rule[rule.id]
    rules_total = sum(per_rule.values())
    total = parse + rules_total
    print(f"command: python benchmarks/profile.py{f' --limit {args.limit}' if args.limit else ''}"
          f"{' --stages' if args.stages else ''}")
    print(f"{len(posts)} posts from tests/corpus; rules built in {build:.1f} s, model loaded in "
          f"{load:.1f} s (not counted below)")
    print(f"\n{'stage':32} {'seconds':>8} {'share':>6} {'ms/post':>8}")
    for name, seconds in (("language model (nlp.pipe) + prepare", parse),
                          ("all rules", rules_total)):
        print(f"{name:32} {seconds:8.2f} {100 * seconds / total:5.1f}% "
              f"{1000 * seconds / max(1, len(posts)):8.2f}")
    print(f"\n{'kind':32} {'seconds':>8} {'share':>6}")
    for name, seconds in sorted(per_kind.items(), key=lambda kv: -kv[1]):
        print(f"{name:32} {seconds:8.2f} {100 * seconds / total:5.1f}%")
    print(f"\n{'rule':32} {'seconds':>8} {'share':>6} {'first use s':>11}  kind")
    for rule in sorted(linter.rules, key=lambda r: -per_rule[r.id]):
        print(f"{rule.id:32} {per_rule[rule.id]:8.2f} {100 * per_rule[rule.id] / total:5.1f}% "
              f"{first_use[rule.id]:11.2f}  {kind_of(rule)}")
    if args.stages:
        print_stages(linter, posts)


# Work shared by several rules (or done once per post for all of them), timed where it
# is done: (module, owner or None for a function, attribute, label). Only calls that do
# real work: timing costs about 2 us a call, more than a tiny function itself.
STAGES = (
    ("socialpolicy.engine", "Linter", "_contexts", "language model + prepare (per batch)"),
    ("socialpolicy.pii.analysis", "Analyzer", "analyze", "Presidio analysis"),
    ("socialpolicy.classifiers.transformer", "TransformerModel", "logit", "complaint transformer"),
    ("socialpolicy.kinds.classifier", None, "post_vector", "classifier features (whole post)"),
    ("socialpolicy.engine", "Linter", "_findings", "findings: masking, excerpts"),
    ("socialpolicy.redact", "Redactor", "spans", "identifier shapes (masking)"),
    ("socialpolicy.literals", "LiteralScan", "found", "required-string scan"),
)


def print_stages(linter, posts) -> None:  # type: ignore[no-untyped-def]
    """CPU seconds of one more whole run (``check_posts``) spent in each shared stage
    and in garbage collection; a stage called inside another counts in both."""
    import gc
    import importlib

    spent: dict[str, float] = defaultdict(float)
    calls: dict[str, int] = defaultdict(int)
    restore = []
    for module_name, owner_name, attribute, label in STAGES:
        module = importlib.import_module(module_name)
        owner = getattr(module, owner_name) if owner_name else module
        original = getattr(owner, attribute)

        def timed(*args, _original=original, _label=label, **kwargs):  # type: ignore[no-untyped-def]
            began = time.process_time()
            try:
                return _original(*args, **kwargs)
            finally:
                spent[_label] += time.process_time() - began
                calls[_label] += 1

        setattr(owner, attribute, timed)
        restore.append((owner, attribute, original))
    collecting = [0.0]

    def on_gc(phase: str, info: dict) -> None:  # type: ignore[type-arg]
        if phase == "start":
            collecting[0] = time.process_time()
        else:
            spent["garbage collection"] += time.process_time() - collecting[0]
            calls["garbage collection"] += 1

    gc.callbacks.append(on_gc)
    try:
        began = time.process_time()
        linter.check_posts(posts)
        whole = time.process_time() - began
    finally:
        gc.callbacks.remove(on_gc)
        for owner, attribute, original in restore:
            setattr(owner, attribute, original)
    print(f"\n{'shared stage (one more run: ' + f'{whole:.2f} CPU s)':40} {'seconds':>8} {'calls':>7}")
    for label, seconds in sorted(spent.items(), key=lambda kv: -kv[1]):
        print(f"{label:40} {seconds:8.2f} {calls[label]:7d}")


if __name__ == "__main__":
    main()
