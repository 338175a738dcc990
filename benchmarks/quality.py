"""Detection quality of the built-in rules on the labelled corpus in ``tests/corpus``.

    python benchmarks/quality.py [--corpus FILE ...] [--rules a,b] [--verbose] [--check]

Every case becomes a ``Post`` and all of them go through one ``Linter`` in one call,
as a real calendar would. A rule counts as predicted on a case when it reports at
least one finding there; the per-rule support, TP, FP, FN, precision, recall and F1
are printed for each corpus file and for all of them together.

``--check`` exits 1 when a rule with support of at least ``MIN_SUPPORT`` falls below
``MIN_PRECISION`` or ``MIN_RECALL`` (the same bar ``tests/test_quality.py`` holds
rules to), and 2 when a corpus file is unusable.

``heldout.yaml`` is the generalisation check: measure on it with ``--corpus``, but
never change a rule to make one of its cases pass.
"""

from __future__ import annotations

import sys

# Run as a script, this folder leads sys.path, and benchmarks/calendar.py would then
# shadow the standard library's calendar module for everything imported below.
_HERE = __import__("os").path.dirname(__import__("os").path.abspath(__file__))
sys.path[:] = [p for p in sys.path if __import__("os").path.abspath(p or ".") != _HERE]

import argparse  # noqa: E402
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
CORPUS_DIR = ROOT / "tests" / "corpus"
DEFAULT_CORPORA = (CORPUS_DIR / "dev.yaml", CORPUS_DIR / "personal.yaml")
HELDOUT = CORPUS_DIR / "heldout.yaml"

MIN_SUPPORT = 5
MIN_PRECISION = 0.90
MIN_RECALL = 0.85

# The pack's rule ids, read from its rule files (tests/test_quality.py holds them equal
# to SPEC §2's table).
from socialpolicy.resources import builtin_rule_ids  # noqa: E402

SPEC_RULES = builtin_rule_ids()

# Rules that depend on the calendar, the accounts register or suppressions: a corpus of
# single posts cannot label them fairly, so cases may not carry them.
NOT_LABELLED = frozenset({
    "unauthorised-account", "out-of-hours", "inactive-account", "suppression-without-reason",
})
LABELLABLE_RULES = SPEC_RULES - NOT_LABELLED
# Post metadata a case may carry (SPEC §1) minus what would drag in the calendar rules.
CASE_METADATA_KEYS = frozenset({"platform", "media", "consent", "poll", "reply_to", "monitored_by"})
CASE_KEYS = frozenset({"id", "text", "labels", "note"}) | CASE_METADATA_KEYS


class CorpusError(Exception):
    """A corpus file that cannot be used, with the file and case that is wrong."""


@dataclass(frozen=True)
class Case:
    id: str
    text: str
    labels: frozenset[str]
    metadata: Mapping[str, Any]
    corpus: str
    note: str = ""


@dataclass(frozen=True)
class Miss:
    """One false positive or false negative: which case, which rule, what was found."""

    case: str
    corpus: str
    rule: str
    kind: str  # "FP" or "FN"
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class RuleScore:
    rule: str
    support: int
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        # Nothing predicted means nothing wrongly predicted; recall shows what was missed.
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def meets_bar(self) -> bool:
        return self.support < MIN_SUPPORT or (
            self.precision >= MIN_PRECISION and self.recall >= MIN_RECALL
        )


@dataclass(frozen=True)
class Scores:
    """Per-rule scores over one set of cases, plus the misses behind them."""

    cases: int
    rules: Mapping[str, RuleScore]
    misses: tuple[Miss, ...] = ()
    failures: tuple[str, ...] = ()

    def micro(self) -> RuleScore:
        return RuleScore(
            "micro-average",
            sum(s.support for s in self.rules.values()),
            sum(s.tp for s in self.rules.values()),
            sum(s.fp for s in self.rules.values()),
            sum(s.fn for s in self.rules.values()),
        )

    def short_of_bar(self) -> list[RuleScore]:
        return [s for s in self.rules.values() if not s.meets_bar()]


@dataclass(frozen=True)
class Evaluation:
    """What the linter predicted on every case, kept so any subset can be scored."""

    cases: tuple[Case, ...]
    predicted: Mapping[tuple[str, str], frozenset[str]]
    evidence: Mapping[tuple[str, str, str], tuple[str, ...]] = field(default_factory=dict)
    failures: tuple[str, ...] = ()

    def scores(self, corpus: str | None = None, rules: Iterable[str] | None = None) -> Scores:
        chosen = [c for c in self.cases if corpus is None or c.corpus == corpus]
        return score(
            chosen,
            self.predicted,
            rules=rules,
            evidence=self.evidence,
            failures=self.failures,
        )


# -- reading the corpus ----------------------------------------------------------


def is_message_file(path: Path) -> bool:
    """Whether a corpus file holds inbound messages (``messages:``, the triage corpora that
    benchmarks/triage.py reads) rather than labelled posts: told by its text, not parsed."""
    text = path.read_text(encoding="utf-8")
    return text.lstrip().split("\n# ")[0].startswith("messages:") or "\nmessages:" in text


def load_corpus(path: Path) -> list[Case]:
    """The cases of one corpus file; ``CorpusError`` names the case that is malformed."""
    name = path.name
    try:
        # libyaml's parser where PyYAML has it (several times faster on the corpora);
        # the same safe constructor either way.
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    except (OSError, yaml.YAMLError) as exc:
        raise CorpusError(f"{path}: cannot read: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("cases"), list):
        raise CorpusError(f"{path}: expected a mapping with a 'cases:' list")
    cases: list[Case] = []
    seen: set[str] = set()
    for index, raw in enumerate(data["cases"]):
        where = f"{path}: case {index + 1}"
        if not isinstance(raw, dict):
            raise CorpusError(f"{where}: expected a mapping")
        case_id = raw.get("id")
        if not isinstance(case_id, str) or not case_id:
            raise CorpusError(f"{where}: missing string 'id'")
        where = f"{path}: {case_id}"
        if case_id in seen:
            raise CorpusError(f"{where}: duplicate id")
        seen.add(case_id)
        unknown = sorted(set(raw) - CASE_KEYS)
        if unknown:
            raise CorpusError(
                f"{where}: unknown key {unknown[0]!r} (allowed: {', '.join(sorted(CASE_KEYS))})"
            )
        text = raw.get("text")
        if not isinstance(text, str) or not text.strip():
            raise CorpusError(f"{where}: missing 'text'")
        labels = raw.get("labels")
        if not isinstance(labels, list) or not all(isinstance(x, str) for x in labels):
            raise CorpusError(f"{where}: 'labels' must be a list of rule ids ([] for clean)")
        bad = sorted(set(labels) - LABELLABLE_RULES)
        if bad:
            raise CorpusError(f"{where}: {bad[0]!r} is not a rule id a corpus case may carry")
        if len(set(labels)) != len(labels):
            raise CorpusError(f"{where}: a label is repeated")
        metadata = {k: v for k, v in raw.items() if k in CASE_METADATA_KEYS}
        cases.append(
            Case(case_id, text, frozenset(labels), metadata, name, str(raw.get("note") or ""))
        )
    return cases


def to_post(case: Case) -> Any:
    """The ``Post`` a case stands for, built the way a draft with front matter is."""
    from socialpolicy.errors import SocialPolicyError
    from socialpolicy.inputs.draft import read_draft

    try:
        return read_draft(case.text, source_of(case), {"id": case.id, **case.metadata})
    except SocialPolicyError as exc:
        raise CorpusError(f"{case.corpus}: {case.id}: metadata unusable: {exc.reason}") from None


def source_of(case: Case) -> str:
    return f"{case.corpus}#{case.id}"


# -- running and scoring ---------------------------------------------------------


def evaluate(cases: Sequence[Case], linter: Any) -> Evaluation:
    """Run every case through ``linter`` in one call and record which rules fired."""
    posts = [to_post(c) for c in cases]
    result = linter.check_posts(posts)
    by_source = {source_of(c): (c.corpus, c.id) for c in cases}
    predicted: dict[tuple[str, str], set[str]] = {}
    evidence: dict[tuple[str, str, str], list[str]] = {}
    for finding in result.findings:
        key = by_source.get(finding.file)
        if key is None:
            continue
        predicted.setdefault(key, set()).add(finding.rule)
        # Evidence is already masked by the linter when a rule marked it personal.
        evidence.setdefault((*key, finding.rule), []).append(finding.evidence)
    failures = tuple(f"{f.rule} failed on {f.file}: {f.reason}" for f in result.failures)
    return Evaluation(
        tuple(cases),
        {k: frozenset(v) for k, v in predicted.items()},
        {k: tuple(v) for k, v in evidence.items()},
        failures,
    )


def score(
    cases: Sequence[Case],
    predicted: Mapping[tuple[str, str], frozenset[str]],
    *,
    rules: Iterable[str] | None = None,
    evidence: Mapping[tuple[str, str, str], tuple[str, ...]] | None = None,
    failures: tuple[str, ...] = (),
) -> Scores:
    """Per-rule counts: a rule is predicted on a case if any finding of it occurred there."""
    wanted = None if rules is None else frozenset(rules)
    names: set[str] = set()
    for case in cases:
        names |= case.labels
        names |= predicted.get((case.corpus, case.id), frozenset()) & LABELLABLE_RULES
    if wanted is not None:
        names &= wanted
    counts = {name: [0, 0, 0, 0] for name in names}  # support, tp, fp, fn
    misses: list[Miss] = []
    for case in cases:
        got = predicted.get((case.corpus, case.id), frozenset())
        for name in names:
            gold, hit = name in case.labels, name in got
            row = counts[name]
            row[0] += gold
            if gold and hit:
                row[1] += 1
            elif hit:
                row[2] += 1
                found = (evidence or {}).get((case.corpus, case.id, name), ())
                misses.append(Miss(case.id, case.corpus, name, "FP", found))
            elif gold:
                row[3] += 1
                misses.append(Miss(case.id, case.corpus, name, "FN"))
    return Scores(
        len(cases),
        {n: RuleScore(n, *counts[n]) for n in sorted(names)},
        tuple(misses),
        failures,
    )


def default_linter(rules: Sequence[str] = ()) -> Any:
    """One ``Linter`` over the built-in rules with the default configuration.

    Naming a rule that is not written yet is not an error here: it simply scores
    zero recall, which is what the report should say about it.
    """
    from socialpolicy.config import Config
    from socialpolicy.engine import Linter
    from socialpolicy.ruleset import load_rules

    config = Config()
    loaded = load_rules(config)
    if rules:
        loaded = [r for r in loaded if r.id in rules]
    return Linter(config, rules=loaded)


# -- report ----------------------------------------------------------------------


def format_scores(title: str, scores: Scores, verbose: bool = False) -> str:
    lines = [f"== {title} ({scores.cases} cases) =="]
    head = f"{'rule':<26}{'support':>8}{'TP':>5}{'FP':>5}{'FN':>5}{'precision':>11}{'recall':>8}{'F1':>7}"
    lines.append(head)
    rows = [*scores.rules.values(), scores.micro()]
    for s in rows:
        flag = "" if s.meets_bar() or s.rule == "micro-average" else "  << below bar"
        lines.append(
            f"{s.rule:<26}{s.support:>8}{s.tp:>5}{s.fp:>5}{s.fn:>5}"
            f"{s.precision:>11.3f}{s.recall:>8.3f}{s.f1:>7.3f}{flag}"
        )
    if verbose and scores.misses:
        lines.append("misses:")
        for miss in sorted(scores.misses, key=lambda m: (m.rule, m.kind, m.corpus, m.case)):
            found = ""
            if miss.evidence:
                found = " evidence: " + " | ".join(repr(e) for e in miss.evidence[:3])
            lines.append(f"  {miss.kind} {miss.rule:<26} {miss.corpus}:{miss.case}{found}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", action="append", type=Path, metavar="FILE",
                        help="corpus file (repeatable); default: dev.yaml and personal.yaml")
    parser.add_argument("--rules", default="", help="comma-separated rule ids to score")
    parser.add_argument("--verbose", action="store_true", help="list the FP and FN cases")
    parser.add_argument("--check", action="store_true",
                        help=f"exit 1 if a rule with support >= {MIN_SUPPORT} has precision "
                             f"< {MIN_PRECISION} or recall < {MIN_RECALL}")
    args = parser.parse_args(argv)
    from socialpolicy.errors import SocialPolicyError

    paths = args.corpus or [p for p in DEFAULT_CORPORA if p.exists()]
    rules = tuple(r.strip() for r in args.rules.split(",") if r.strip())
    unknown = sorted(set(rules) - SPEC_RULES)
    if unknown:
        print(f"error: unknown rule id {unknown[0]!r}", file=sys.stderr)
        return 2
    try:
        cases = [c for p in paths for c in load_corpus(p)]
        names = [p.name for p in paths]
        if len(set(names)) != len(names):
            raise CorpusError("two corpus files share a file name; results would mix")
        evaluation = evaluate(cases, default_linter(rules))
    except CorpusError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except SocialPolicyError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    chosen = rules or None
    blocks = []
    if len(paths) > 1:
        for path in paths:
            blocks.append(format_scores(str(path), evaluation.scores(path.name, chosen), False))
    combined = evaluation.scores(None, chosen)
    title = "combined" if len(paths) > 1 else str(paths[0])
    blocks.append(format_scores(title, combined, args.verbose))
    print("\n\n".join(blocks))
    for failure in evaluation.failures:
        print(f"rule failure: {failure}", file=sys.stderr)
    short = combined.short_of_bar()
    if args.check and short:
        names_short = ", ".join(s.rule for s in short)
        print(f"\nbelow the bar (precision >= {MIN_PRECISION}, recall >= {MIN_RECALL}, "
              f"support >= {MIN_SUPPORT}): {names_short}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
