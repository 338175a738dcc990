"""``rules list`` and ``rules show``: the rule pack as a user reads it."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .config import load_config
from .errors import RuleError
from .printable import printable
from .ruleset import Example, Rule, load_rules


def _rules(config_path: Path | None) -> list[Rule]:
    return sorted(load_rules(load_config(config_path)), key=lambda r: r.id)


def clause_summary(rule: Rule) -> str:
    """The rule's clauses with each policy named once: "JPUH-BUSM 5.0(9), 2.0; HWUSM ..."."""
    sections: dict[str, list[str]] = {}
    for clause in rule.clauses:
        listed = sections.setdefault(clause.policy, [])
        if clause.section not in listed:
            listed.append(clause.section)
    return "; ".join(f"{policy} {', '.join(parts)}" for policy, parts in sections.items())


def list_rules(config_path: Path | None = None) -> str:
    """Every rule as an aligned table: id, severity, title, then the clauses."""
    rules = _rules(config_path)
    rows = [("rule", "severity", "title", "clause")]
    rows += [(r.id, r.severity, r.title, clause_summary(r)) for r in rules]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    lines = [
        "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:3])) + "  " + row[3]
        for row in rows
    ]
    return "\n".join(printable(line.rstrip()) for line in lines) + "\n"


def _model_cards(rule: Rule) -> list[Any]:
    """The cards of the learned models a rule's detectors use (with their own thresholds)."""
    return [card for detector in rule.detectors for card in detector.model_cards()]


def show_rule(rule_id: str, config_path: Path | None = None) -> str:
    rules = {r.id: r for r in _rules(config_path)}
    if rule_id not in rules:
        from .rule_ids import unknown_rule

        raise RuleError("(rules show)", unknown_rule(rule_id, rules))
    rule = rules[rule_id]

    def wrap(text: str, indent: str = "  ") -> str:
        return textwrap.fill(text, 88, initial_indent=indent, subsequent_indent=indent)

    out = [f"{rule.id}: {rule.title}", f"severity: {rule.severity}", f"defined in: {rule.source}", ""]
    for clause in rule.clauses:
        out.append(f"{clause.label()}:")
        out.append(wrap(f"\u201c{clause.quote}\u201d"))
    out += ["", "What is wrong:", wrap(rule.message), "", "What to do instead:", wrap(rule.suggestion)]
    if rule.description:
        out += ["", "About this rule:", wrap(rule.description)]
    for card in _model_cards(rule):
        used = card.used or f"used at threshold {card.threshold}"
        out += ["", f"Model {card.name} (version {card.version}), {used}:",
                wrap(card.description)]
        for name, figures in card.figures.items():
            out += _bullet(f"{name.replace('_', ' ')}: {_figures(figures)}")
        out += _bullet("trained on: " + "; ".join(str(d) for d in card.data))
        if getattr(card, "licence", ""):
            out += _bullet(f"licence: {card.licence}")
    for expect, label in ((True, "Examples that break the rule:"), (False, "Examples that are fine:")):
        out += ["", label]
        for example in rule.examples:
            if example.expect_fail == expect:
                out += _example_lines(example)
    # textwrap's line breaks are split off first: printable() would escape them.
    return "\n".join(printable(part) for line in out for part in line.split("\n")) + "\n"


def _bullet(text: str) -> list[str]:
    """One wrapped list item, as separate lines (a joined one would be escaped on output)."""
    return textwrap.fill(text, 88, initial_indent="  - ", subsequent_indent="    ").split("\n")


def _figures(figures: Any) -> str:
    """A card's figures in words: ``precision 0.9, recall 0.8``; nested sets in brackets."""
    if not isinstance(figures, dict):
        return str(figures)
    return ", ".join(f"{k.replace('_', ' ')} ({_figures(v)})" if isinstance(v, dict) else f"{k} {v}"
                     for k, v in figures.items() if v is not None)


def _example_lines(example: Example) -> list[str]:
    """One example: its text, then everything else that decides it (metadata such
    as a consent entry, configuration, other posts of a calendar), so two examples
    with the same words but different outcomes show why."""
    text = example.text.replace("\n", " / ")
    lines = [textwrap.fill(text[:400], 88, initial_indent="  - ", subsequent_indent="    ")]
    extra: list[tuple[str, Any]] = [
        *((key, value) for key, value in example.metadata.items() if key != "text"),
    ]
    if example.config:
        extra.append(("configuration", example.config))
    if example.posts:
        extra.append(("calendar posts", list(example.posts)))
    if example.as_of is not None:
        extra.append(("as_of", example.as_of))
    if example.accounts is not None:
        extra.append(("accounts register", list(example.accounts)))
    for key, value in extra:
        lines.append(textwrap.fill(f"{key}: {_flow(value)}", 88, initial_indent="      ",
                                   subsequent_indent="        "))
    if example.note:
        lines.append(textwrap.fill(f"({example.note})", 88, initial_indent="      ",
                                   subsequent_indent="       "))
    return lines


def _flow(value: Any) -> str:
    """A value as one line of YAML, as it would be written in front matter."""
    import yaml

    dumped: str = yaml.safe_dump(_plain(value), default_flow_style=True, allow_unicode=True,
                                 sort_keys=False, width=10_000)
    return dumped.strip().removesuffix("...").strip()


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)
