"""Running every rule's examples, like ``semgrep --test``: the contract of a rule file.

Each ``fail`` example must make the rule report at least one finding and each
``pass`` example must make it report none. The project's own test suite runs the
built-in pack through ``example_outcomes`` one example at a time.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import regex

from .case_runner import CaseRunner, case_files, load_cases, rewrite_case_file, run_cases
from .config import Config, load_config, parse_config
from .engine import Linter
from .errors import RuleError, SocialPolicyError
from .inputs.draft import read_draft
from .nlp import EVERYTHING, Language
from .ruleset import Example, Rule, load_rule_file, load_rules, rule_files, rule_patterns

MIN_EXAMPLES = 5


@dataclass(frozen=True)
class Outcome:
    rule: Rule
    example: Example
    ok: bool
    detail: str

    @property
    def label(self) -> str:
        kind = "fail" if self.example.expect_fail else "pass"
        return f"{self.rule.source}:{self.example.line}: {self.rule.id} {kind} example"


def run_example(rule: Rule, example: Example, config: Config, language: Language | None) -> Outcome:
    try:
        if example.config:
            config = parse_config(example.config, Path(rule.source))
        source = f"{rule.id}-example"
        register = None
        if example.accounts is not None:
            from .accounts import register_from_entries

            register = register_from_entries(example.accounts, source)
        linter = Linter(config, rules=[rule], show_evidence=True, language=language,
                        register=register)
        if example.posts:
            # A calendar example: its posts are judged together, as one calendar file.
            from .inputs.calendar import parse_as_of
            from .kinds.base import CalendarInfo

            posts = [
                read_draft(str(entry["text"]), source, {k: v for k, v in entry.items() if k != "text"})
                for entry in example.posts
            ]
            calendar = CalendarInfo(parse_as_of(example.as_of, source, example.line))
            result = linter.check_posts(posts, calendar=calendar)
        else:
            post = read_draft(example.text, source, example.metadata)
            result = linter.check_posts([post])
    except SocialPolicyError as exc:
        return Outcome(rule, example, False, f"the example itself is unusable: {exc.reason}")
    if result.failures:
        return Outcome(rule, example, False, f"the rule failed: {result.failures[0].reason}")
    found = [f for f in result.findings if f.rule == rule.id]
    if example.expect_fail and not found:
        return Outcome(rule, example, False, "expected a finding, got none")
    if not example.expect_fail and found:
        spots = "; ".join(f"{f.evidence!r} at {f.line}:{f.column}" for f in found[:3])
        return Outcome(rule, example, False, f"expected no finding, got {len(found)}: {spots}")
    return Outcome(rule, example, True, "ok")


def example_outcomes(rules: Sequence[Rule], config: Config,
                     language: Language | None = None) -> Iterator[Outcome]:
    language = language or Language(config.pii_model, components=EVERYTHING)
    for rule in rules:
        for example in rule.examples:
            yield run_example(rule, example, config, language)


def too_few(rule: Rule) -> str | None:
    fails = sum(1 for e in rule.examples if e.expect_fail)
    passes = len(rule.examples) - fails
    if fails < MIN_EXAMPLES or passes < MIN_EXAMPLES:
        return f"{rule.source}: {rule.id} has {fails} fail and {passes} pass examples; at least {MIN_EXAMPLES} of each are required"
    return None


def bad_patterns(rule: Rule) -> Iterator[str]:
    """Built-in patterns compile on first use; here every one of them is compiled."""
    for pattern in rule_patterns(rule):
        try:
            pattern.compiled  # noqa: B018 - compiling is the check
        except RuleError as exc:
            # Names where it was written: the rule's pattern, or the vocabulary word in it.
            yield exc.format()
        except regex.error as exc:
            yield f"{rule.source}: {rule.id}: {pattern.pattern[:60]!r} is not a valid regular expression: {exc}"


def run_rule_tests(paths: Sequence[Path], config_path: Path | None, verbose: bool,
                   cases: Sequence[Path] = (), update: bool = False) -> tuple[str, bool]:
    """The report of ``socialpolicy rules test`` and whether everything passed: every
    rule's examples, then the case files of each folder in ``cases``."""
    config = load_config(config_path)
    if paths:
        rules: list[Rule] = []
        for path in paths:
            files = rule_files(path) if path.is_dir() else [path]
            if not files:
                raise SocialPolicyError(str(path), "no rule files (*.yaml) found in this folder")
            rules.extend(load_rule_file(f, config) for f in files)
    else:
        rules = load_rules(config)
    lines: list[str] = []
    passed = failed = 0
    for rule in sorted(rules, key=lambda r: r.id):
        for problem in (too_few(rule), *bad_patterns(rule)):
            if problem:
                lines.append(f"FAIL {problem}")
                failed += 1
    # Case files are read before anything runs, so a broken one stops the run at once.
    loaded = [(folder, load_cases(folder)) for folder in cases]
    language = Language(config.pii_model, components=EVERYTHING)
    for outcome in example_outcomes(sorted(rules, key=lambda r: r.id), config, language):
        if outcome.ok:
            passed += 1
            if verbose:
                lines.append(f"ok   {outcome.label}")
        else:
            failed += 1
            lines.append(f"FAIL {outcome.label}: {outcome.detail}")
            lines.append(f"     {outcome.example.text[:100]!r}")
    if loaded:
        runner = CaseRunner(rules, config, language)
        if update:
            for folder, _ in loaded:
                for path in case_files(folder):
                    changed = rewrite_case_file(path, runner)
                    if changed:
                        lines.append(f"rewrote the expected findings of {changed} cases in {path}")
            loaded = [(folder, load_cases(folder)) for folder, _ in loaded]
        case_counts = {"ok": 0, "xfail": 0, "FAIL": 0}
        for _, folder_cases in loaded:
            for result in run_cases(runner, folder_cases):
                case_counts[result.status] += 1
                if result.status == "FAIL":
                    detail = result.detail if not result.case.xfail else (
                        f"passes now, though marked xfail ({result.case.xfail}): remove the xfail")
                    lines.append(f"FAIL {result.case.label}: {detail}")
                    lines.append(f"     {result.case.text[:100]!r}")
                elif verbose:
                    lines.append(f"{result.status:<4} {result.case.label}")
        failed += case_counts["FAIL"]
        lines.append(f"cases: {case_counts['ok']} passed, {case_counts['xfail']} known misses (xfail), "
                     f"{case_counts['FAIL']} failed")
    if failed:
        # By design: examples are written by rule authors, never taken from posts,
        # and a failing one must be readable to be fixed.
        lines.append("(rule examples and cases are shown unmasked: they are the rule and case files' own text)")
    lines.append(f"rules: {passed} passed, {failed} failed")
    return "\n".join(lines) + "\n", failed == 0
