"""SARIF 2.1.0, for code scanning (GitHub, Azure DevOps, IDE viewers).

Each rule becomes a ``reportingDescriptor`` carrying its policy clause, and each
finding a ``result`` pointing at the file, line and column of the post. Evidence
comes only from ``Finding.evidence``, which the linter has already masked when it
is personal data, so the log never holds more than the text report shows.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePath
from typing import Any, TextIO
from urllib.parse import quote

from ..models import Clause, Finding, Result, Suppressed
from ..ruleset import Rule
from . import rendered
from .streaming import Streamed, write_json

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
# A placeholder until the project has a public home; it must be an absolute URI.
INFORMATION_URI = "https://socialpolicy.invalid/"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
STDIN_URI = "stdin"


def render(result: Result, rules: list[Rule], version: str) -> str:
    """The whole SARIF log as indented JSON text."""
    return rendered(write, result, rules, version)


def write(result: Result, rules: list[Rule], version: str, stream: TextIO) -> None:
    """The SARIF log, a result at a time. The rules come first in the log, and a
    finding may name a rule that did not run, so the findings are read twice (each
    time in order, a segment at a time): once for their rules, once to write them."""
    descriptors, index = _descriptors(rules, _all_findings(result))
    results = Streamed(itertools.chain(
        (_result(f, index, None) for f in result.findings),
        (_result(s.finding, index, s) for s in result.suppressed),
    ))
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "socialpolicy",
                "version": version,
                "semanticVersion": version,
                "informationUri": INFORMATION_URI,
                "rules": descriptors,
            }
        },
        # Our columns count Unicode code points (Python string indices), not UTF-16 units.
        "columnKind": "unicodeCodePoints",
        "invocations": [_invocation(result)],
        "results": results,
    }
    log = {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}
    write_json(stream, log)
    stream.write("\n")


def _all_findings(result: Result) -> Iterator[Finding]:
    return itertools.chain(result.findings, (s.finding for s in result.suppressed))


def _descriptors(
    rules: Iterable[Rule], findings: Iterable[Finding]
) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """One descriptor per rule that ran, plus any rule a finding names that did not
    (a finding must always have a ``ruleIndex`` that points somewhere real)."""
    out: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    for rule in sorted(rules, key=lambda r: r.id):
        if rule.id in index:
            continue
        index[rule.id] = len(out)
        out.append(_rule_descriptor(rule))
    for finding in findings:
        if finding.rule not in index:
            index[finding.rule] = len(out)
            out.append(_finding_descriptor(finding))
    return out, index


def _clause_properties(clause: Clause, also: Iterable[Clause]) -> dict[str, Any]:
    return {
        "policy": clause.policy,
        "section": clause.section,
        "quote": clause.quote,
        "also": [_clause_dict(c) for c in also],
        "tags": ["social-media-policy", clause.policy],
    }


def _clause_dict(clause: Clause) -> dict[str, str]:
    return {"policy": clause.policy, "section": clause.section, "quote": clause.quote}


def _rule_descriptor(rule: Rule) -> dict[str, Any]:
    full = rule.message if not rule.description else f"{rule.message} {rule.description}"
    return {
        "id": rule.id,
        "name": _camel(rule.id),
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": full},
        "help": {
            "text": rule.suggestion,
            "markdown": _help_markdown(rule.suggestion, rule.clauses),
        },
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": _clause_properties(rule.clause, rule.also),
    }


def _finding_descriptor(finding: Finding) -> dict[str, Any]:
    also = [c for c in finding.clauses if c != finding.clause]
    return {
        "id": finding.rule,
        "name": _camel(finding.rule),
        "shortDescription": {"text": finding.rule},
        "fullDescription": {"text": finding.message},
        "help": {
            "text": finding.suggestion or finding.message,
            "markdown": _help_markdown(
                finding.suggestion or finding.message, (finding.clause, *also)
            ),
        },
        "defaultConfiguration": {"level": LEVELS[finding.severity]},
        "properties": _clause_properties(finding.clause, also),
    }


def _help_markdown(suggestion: str, clauses: Iterable[Clause]) -> str:
    parts = [_md(suggestion)]
    for clause in clauses:
        parts.append(f"> {_md(clause.quote)}\n>\n> — {_md(clause.label())}")
    return "\n\n".join(parts)


def _md(text: str) -> str:
    # Policy wording is plain prose; stop markdown from reading * _ ` [ ] < > as markup.
    for char in "\\`*_[]<>#":
        text = text.replace(char, "\\" + char)
    return text


def _camel(rule_id: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in rule_id.split("-"))


def _result(
    finding: Finding, index: dict[str, int], suppressed: Suppressed | None
) -> dict[str, Any]:
    message = f"{finding.message} ({finding.clause.label()})"
    if finding.evidence:
        message += f' Found: "{finding.evidence}".'
    properties: dict[str, Any] = {
        "severity": finding.severity,
        "suggestion": finding.suggestion,
        "evidence": finding.evidence,
        "policy": finding.clause.policy,
        "section": finding.clause.section,
    }
    if finding.post is not None:
        properties["post"] = finding.post
    if finding.score is not None:
        properties["score"] = round(finding.score, 4)
    if finding.detector is not None:
        properties["detector"] = finding.detector
    out: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": index[finding.rule],
        "level": LEVELS[finding.severity],
        "message": {"text": message},
        "locations": [_location(finding)],
        "properties": properties,
    }
    if suppressed is not None:
        out["suppressions"] = [
            {"kind": "external", "status": "accepted", "justification": suppressed.reason}
        ]
    return out


def _location(finding: Finding) -> dict[str, Any]:
    region: dict[str, int] = {
        "startLine": max(finding.line, 1),
        "startColumn": max(finding.column, 1),
    }
    # A metadata finding has no span (end == start, or unset): a point, not a range.
    if finding.end_line >= region["startLine"] and (finding.end_line, finding.end_column) > (
        region["startLine"],
        region["startColumn"],
    ):
        region["endLine"] = finding.end_line
        region["endColumn"] = max(finding.end_column, 1)
    artifact: dict[str, Any] = {"uri": artifact_uri(finding.file)}
    if not artifact["uri"].startswith("file:"):
        artifact["uriBaseId"] = "%SRCROOT%"
    physical: dict[str, Any] = {"artifactLocation": artifact, "region": region}
    if finding.excerpt is not None:
        # The post's line as the text report shows it (personal data masked): a
        # viewer shows it without the file, which a CI log reader may not have.
        physical["contextRegion"] = {
            "startLine": region["startLine"], "snippet": {"text": finding.excerpt},
        }
    location: dict[str, Any] = {"physicalLocation": physical}
    if finding.post is not None:
        location["logicalLocations"] = [{"name": finding.post, "kind": "object"}]
    return location


def artifact_uri(path: str, root: Path | None = None) -> str:
    """A URI reference for ``path``: relative to ``root`` (default: the current
    folder) with forward slashes where possible, as code scanning expects, and an
    absolute ``file:`` URI only for files outside it."""
    if path == "-":
        return STDIN_URI
    root = root or Path.cwd()
    candidate = Path(path)
    if candidate.is_absolute():
        try:
            candidate = candidate.relative_to(root)
        except ValueError:
            try:
                candidate = candidate.resolve().relative_to(root.resolve())
            except ValueError:
                return candidate.as_uri()
    relative = PurePath(os.path.normpath(candidate)).as_posix()
    return quote(relative, safe="/")


def _invocation(result: Result) -> dict[str, Any]:
    notes: list[dict[str, Any]] = [
        {"level": "note", "message": {"text": notice}} for notice in result.notices
    ]
    notes += [
        {
            "level": "error",
            "message": {"text": f"rule {failure.rule} failed: {failure.reason}"},
            "descriptor": {"id": failure.rule},
        }
        for failure in result.failures
    ]
    invocation: dict[str, Any] = {"executionSuccessful": not result.failures}
    if notes:
        invocation["toolExecutionNotifications"] = notes
    return invocation
