"""``rules list`` and ``rules show``: the rule pack as a user reads it."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

from .config import load_config
from .errors import RuleError
from .ruleset import Rule, load_rules


def _rules(config_path: Path | None) -> list[Rule]:
    return sorted(load_rules(load_config(config_path)), key=lambda r: r.id)


def list_rules(config_path: Path | None = None) -> str:
    rules = _rules(config_path)
    width = max(len(r.id) for r in rules)
    lines = [f"{'rule'.ljust(width)}  severity  clause                   title"]
    for rule in rules:
        clause = ", ".join(c.label() for c in rule.clauses)
        lines.append(f"{rule.id.ljust(width)}  {rule.severity.ljust(8)}  {clause.ljust(24)} {rule.title}")
    return "\n".join(lines) + "\n"


def _model_cards(rule: Rule) -> list[Any]:
    """The cards of the learned models a rule's detectors use (with their own thresholds)."""
    from dataclasses import replace

    cards = []
    for detector in rule.detectors:
        model = getattr(detector.inner, "model", None)
        if model is not None and hasattr(model, "card"):
            cards.append(replace(model.card, threshold=detector.inner.threshold))
    return cards


def show_rule(rule_id: str, config_path: Path | None = None) -> str:
    rules = {r.id: r for r in _rules(config_path)}
    if rule_id not in rules:
        raise RuleError("(rules show)", f"no rule has the id {rule_id!r}; see `socialpolicy rules list`")
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
        out += ["", f"Model {card.name} (version {card.version}), used at threshold {card.threshold}:",
                wrap(card.description)]
        for name, figures in card.figures.items():
            shown = figures if not isinstance(figures, dict) else ", ".join(
                f"{k} {v}" for k, v in figures.items() if v is not None)
            out.append(wrap(f"{name.replace('_', ' ')}: {shown}", "  - "))
        out.append(wrap("trained on: " + "; ".join(str(d) for d in card.data), "  - "))
    for expect, label in ((True, "Examples that break the rule:"), (False, "Examples that are fine:")):
        out += ["", label]
        for example in rule.examples:
            if example.expect_fail == expect:
                out.append(wrap(example.text.replace("\n", " / "), "  - ")[:400])
    return "\n".join(out) + "\n"
