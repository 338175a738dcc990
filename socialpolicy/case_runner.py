"""Per-rule case files: posts, and what one rule must (or must not) report on each.

A case file is ``<rule-id>.yaml`` (docs/rules.md, "Case files"; schema
``schemas/cases.schema.json``). The project keeps its own in ``tests/cases/``; a Trust
can keep its own in any folder and run them with ``socialpolicy rules test --cases DIR``.
The test suite and that command run them through this one module, so a case means
the same thing in both, like sqlfluff's YAML rule cases or yamllint's problem
assertions.

Evidence in a case is what a report shows by default: personal data masked. A case
therefore also asserts the masking, and nothing this module prints can leak a name.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .config import Config
from .engine import Linter
from .errors import RuleError, SocialPolicyError
from .models import Finding
from .nlp import Language
from .ruleset import Rule

# Keys of an expected finding, in the order a rewritten file writes them.
FINDING_KEYS = ("rule", "evidence", "detector", "severity")


@dataclass(frozen=True)
class Expected:
    """One finding a case must produce; a key left out (None) matches anything."""

    rule: str
    evidence: str | None = None
    detector: str | None = None
    severity: str | None = None

    def matches(self, finding: Finding) -> bool:
        return finding.rule == self.rule and all(
            want is None or want == got
            for want, got in ((self.evidence, finding.evidence), (self.detector, finding.detector),
                              (self.severity, finding.severity)))

    def describe(self) -> str:
        parts = [f"{key} {value!r}" for key, value in (
            ("evidence", self.evidence), ("detector", self.detector), ("severity", self.severity))
            if value is not None]
        return f"{self.rule}" + (f" ({', '.join(parts)})" if parts else "")


@dataclass(frozen=True)
class Case:
    source: str  # the case file
    line: int
    rule: str  # the file's rule: its name without .yaml
    id: str
    text: str
    metadata: Mapping[str, Any]
    fires: bool  # False for ``expect: none``
    expected: tuple[Expected, ...]  # empty for ``none`` and ``any``
    xfail: str | None = None
    note: str = ""

    @property
    def rules(self) -> tuple[str, ...]:
        """The rules this case runs: its file's, and any an expected finding names."""
        return tuple(dict.fromkeys((self.rule, *(e.rule for e in self.expected))))

    @property
    def test_id(self) -> str:
        return f"{self.rule}:{self.id}"

    @property
    def label(self) -> str:
        return f"{self.source}:{self.line}: {self.rule} case {self.id}"


@dataclass(frozen=True)
class CaseOutcome:
    case: Case
    met: bool  # the expectation was met (for an xfail case that is the surprise)
    detail: str
    findings: tuple[Finding, ...] = field(default=())

    @property
    def ok(self) -> bool:
        """Met, or a known miss still missing: what a test run counts as passing."""
        return self.met != bool(self.case.xfail)

    @property
    def status(self) -> str:
        if self.case.xfail:
            return "xfail" if not self.met else "FAIL"
        return "ok" if self.met else "FAIL"


def case_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.yaml") if p.is_file())


def _read(path: Path) -> Any:
    from .schema_check import read_checked_yaml

    return read_checked_yaml(path, "cases.schema.json", 20_000_000, "a case file")


def load_case_file(path: Path) -> list[Case]:
    """The cases of one file, checked against the schema; a bad file is a RuleError
    naming the file and line."""
    from .yamlpos import position_of

    data = _read(path)
    rule = path.stem
    cases: list[Case] = []
    seen: set[str] = set()
    for index, raw in enumerate(data["cases"]):
        line = (position_of(data, ["cases", index]) or (None, None))[0] or 1
        case_id = str(raw["id"])
        if case_id in seen:
            raise RuleError(str(path), f"two cases have the id {case_id!r}; give each its own", line)
        seen.add(case_id)
        expect = raw["expect"]
        expected: tuple[Expected, ...] = ()
        if isinstance(expect, list):
            expected = tuple(Expected(rule=str(e.get("rule", rule)), evidence=e.get("evidence"),
                                      detector=e.get("detector"), severity=e.get("severity"))
                             for e in expect)
        cases.append(Case(
            source=str(path), line=line, rule=rule, id=case_id, text=str(raw["text"]),
            metadata=dict(raw.get("metadata") or {}), fires=expect != "none", expected=expected,
            xfail=raw.get("xfail"), note=str(raw.get("note", "")),
        ))
    return cases


def load_cases(folder: Path) -> list[Case]:
    files = case_files(folder)
    if not files:
        raise RuleError(str(folder), "no case files (<rule-id>.yaml) found in this folder")
    return [case for path in files for case in load_case_file(path)]


class CaseRunner:
    """Runs cases against a rule pack, sharing one language model and one linter per
    set of rules a case needs (building a linter per case would cost more than the case)."""

    def __init__(self, rules: Sequence[Rule], config: Config, language: Language | None):
        self.rules = list(rules)
        self.config = config
        self.language = language
        self.known = {r.id for r in self.rules}
        self._linters: dict[tuple[str, ...], Linter] = {}

    def _linter(self, rules: tuple[str, ...]) -> Linter:
        if rules not in self._linters:
            # Every rule of the pack is given (so a suppression rule knows them all);
            # only the case's rules run.
            self._linters[rules] = Linter(self.config, rules=self.rules, select=rules,
                                          language=self.language, show_evidence=False)
        return self._linters[rules]

    def findings(self, case: Case) -> list[Finding]:
        """What the case's rules report on its post (SocialPolicyError if it is unusable)."""
        from .inputs.draft import read_draft

        missing = [r for r in case.rules if r not in self.known]
        if missing:
            raise RuleError(case.source, f"no rule {missing[0]!r} in the rule pack; a case file is "
                            "named after the rule it tests", case.line)
        post = read_draft(case.text, f"{case.id}.md", case.metadata)
        result = self._linter(case.rules).check_posts([post])
        if result.failures:
            raise RuleError(case.source, f"the rule failed: {result.failures[0].reason}", case.line)
        return [f for f in result.findings if f.rule in case.rules]

    def run(self, case: Case) -> CaseOutcome:
        try:
            found = self.findings(case)
        except SocialPolicyError as exc:
            return CaseOutcome(case, False, f"the case cannot run: {exc.reason}")
        return judge(case, found)


def judge(case: Case, found: Sequence[Finding]) -> CaseOutcome:
    """Whether ``found`` (the findings of the case's rules) meets the case's expectation."""
    own = [f for f in found if f.rule == case.rule]
    if not case.fires:
        if own:
            return CaseOutcome(case, False, f"expected no finding, got {_listed(own)}", tuple(found))
        return CaseOutcome(case, True, "ok", tuple(found))
    if not case.expected:
        if not own:
            return CaseOutcome(case, False, "expected a finding, got none", tuple(found))
        return CaseOutcome(case, True, "ok", tuple(found))
    unused = list(found)
    for want in case.expected:
        hit = next((f for f in unused if want.matches(f)), None)
        if hit is None:
            got = [f for f in found if f.rule == want.rule]
            return CaseOutcome(case, False, f"expected {want.describe()}, got "
                               f"{_listed(got) if got else 'none'}", tuple(found))
        unused.remove(hit)
    return CaseOutcome(case, True, "ok", tuple(found))


def _listed(findings: Sequence[Finding]) -> str:
    # Evidence here is masked as in a report, so it can be shown.
    return "; ".join(f"{f.evidence!r} by {f.detector or '?'} ({f.severity}) at {f.line}:{f.column}"
                     for f in findings[:3]) + ("; ..." if len(findings) > 3 else "")


def run_cases(runner: CaseRunner, cases: Sequence[Case]) -> Iterator[CaseOutcome]:
    for case in cases:
        yield runner.run(case)


# -- rewriting expectations (never runs unless asked) ----------------------------------


def stable_detector(name: str | None) -> str | None:
    """A detector name worth asserting: one written in the rule file. An unnamed
    detector is called ``<kind>-<n>`` by its place, which moves whenever the rule's
    detectors are rearranged."""
    from .kinds import KINDS

    if not name:
        return None
    kind, _, number = name.rpartition("-")
    return None if number.isdigit() and kind in KINDS else name


def expectations_now(case: Case, found: Sequence[Finding]) -> list[dict[str, Any]] | str:
    """The ``expect`` a case would have if written from ``found`` today: evidence always,
    severity where the case asserted one, detector where it is stable; ``any`` when
    that says nothing (findings on metadata carry no evidence)."""
    keep_severity = any(e.severity for e in case.expected)
    out: list[dict[str, Any]] = []
    for f in found:
        if f.rule not in case.rules:
            continue
        entry: dict[str, Any] = {}
        if f.rule != case.rule:
            entry["rule"] = f.rule
        if f.evidence:
            entry["evidence"] = f.evidence
        detector = stable_detector(f.detector)
        if detector:
            entry["detector"] = detector
        if keep_severity:
            entry["severity"] = f.severity
        out.append(entry)
    return out if any(out) else "any"


def dump_case_file(data: Mapping[str, Any]) -> str:
    """A case file's text: one layout for files written by hand, converted or rewritten."""
    import yaml

    class Dumper(yaml.SafeDumper):
        pass

    def string(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
        # Paragraphs (a description, a long note) stay readable as a literal block.
        style = "|" if "\n" in value.rstrip("\n") else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    Dumper.add_representer(str, string)
    text: str = yaml.dump(dict(data), Dumper=Dumper, sort_keys=False, allow_unicode=True,
                          width=110, default_flow_style=False)
    return text


def rewrite_case_file(path: Path, runner: CaseRunner) -> int:
    """Write the current evidence (and stable detector names) into the expected findings
    of every case of ``path`` that lists them and still fires; return how many changed.
    A case never flips between firing and silent here, and ``expect: any`` stays as it
    is: those are decisions for a person."""
    plain = _plain(_read(path))
    cases = {c.id: c for c in load_case_file(path)}
    changed = 0
    for raw in plain["cases"]:
        case = cases[str(raw["id"])]
        if not case.expected or case.xfail:
            continue
        found = runner.findings(case)
        if not all(any(f.rule == rule for f in found) for rule in case.rules):
            continue
        new = expectations_now(case, found)
        if new != raw["expect"]:
            raw["expect"] = new
            changed += 1
    if changed:
        path.write_text(dump_case_file(plain), encoding="utf-8")
    return changed


def _plain(value: Any) -> Any:
    """The YAML loader's position-keeping containers as plain dicts and lists."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value
