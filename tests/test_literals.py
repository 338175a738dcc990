"""The strings a pattern's matches need: worked out soundly, shipped fresh, used lazily."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from socialpolicy.alternation import by_first_letter
from socialpolicy.config import Config
from socialpolicy.engine import Linter
from socialpolicy.literals import (
    INDEX_NAME,
    RulePattern,
    build_index,
    read_index,
    required_clauses,
    required_literals,
)
from socialpolicy.normalize import fold
from socialpolicy.resources import package_dir
from socialpolicy.ruleset import builtin_pattern_sources, rule_patterns

ROOT = Path(__file__).resolve().parent.parent
FLAGS = regex.VERSION0 | regex.IGNORECASE | regex.MULTILINE


@pytest.mark.parametrize(("pattern", "expected"), [
    (r"\bparacetamol\b", ("paracetamol",)),
    (r"\b(?:take|taking)\s+\d+\s+tablets?\b", ("tablet",)),  # the rarer part wins
    (r"(?:nurse|doctor)s?\s+(?:were|was)\s+rude", ("doctor", "nurse")),  # longest shortest
    (r"Rate\s+us", ("rate",)),  # case-folded
    (r"\b(?:heart|heartburn|heart\s+attack)\b", ("heart",)),  # "heart" covers the rest
    (r"colou?r", ("colo",)),
    (r"(?=.*\bvote\b)\bpoll\b", ("vote",)),
    (r"(?=[^?]*\bvote\b)", ("vote",)),  # a lookahead's words must be in the text too
    (r"(?<!not\s)\bsafe\b", ("safe",)),  # a negative lookbehind needs nothing
    (r"gr[ae]y", ("gray", "grey")),  # a small class: every spelling of the run
    (r"\bp[i1!]gs?\b", ("p!g", "p1g", "pig")),
    (r"[a-z]+x", ("x",)),  # a range is no class of literals
    (r"\bsh+i{3,}t+e*\b", ("hiii",)),  # a repeated letter: its fewest copies, on both sides
    (r"go{2}d", ("good",)),  # a fixed count keeps the run going
    (r"x+y+", ("xy",)),  # the last x is next to the first y
    # A property class (regex-only syntax) needs nothing itself; the rest still counts.
    (r"\p{Lu}\p{Ll}+ Ward", (" ward",)),
    (r"(?-i:\b\p{Lu}[\p{L}'-]+)\s+(?:ward|unit)", ("unit", "ward")),
    (r"\bthe\s+only\s+(?:[\p{L}-]+\s+){1,3}in", ("only",)),
    (r"\\pward", ("\\pward",)),  # an escaped backslash before a "p" is no property class
])
def test_required_literals(pattern, expected):
    assert required_literals(pattern) == expected


@pytest.mark.parametrize("pattern", [
    r"(?:idiot){e<=1}",           # fuzzy matching: a brace Python's parser would read as text
    r"\p{Lu}\p{Ll}+",             # nothing but property classes
    r"\p{Lu}{e<=1}",               # fuzzy matching beside one
    r"\w+",                       # nothing literal at all
    r"(?:ward|\d+)",              # one way through needs no word
    r"(?:a|)",                    # nor here
    r"[^abc]",                    # a negated class
    r"(?V1)[\w--\d]+",
])
def test_patterns_with_no_safe_set_always_run(pattern):
    assert required_literals(pattern) is None
    assert RulePattern(pattern, FLAGS, required_literals(pattern)).could_match("")


def test_a_rule_pattern_compiles_only_when_a_post_could_match():
    pattern = RulePattern(r"\bparacetamol\b", FLAGS, ("paracetamol",))
    assert list(pattern.finditer("Our new ward opens", "our new ward opens", 0.25)) == []
    assert pattern._compiled is None
    found = list(pattern.finditer("Take PARACETAMOL", "take paracetamol", 0.25))
    assert [m.group() for m in found] == ["PARACETAMOL"]
    assert pattern._compiled is not None


@pytest.mark.parametrize(("pattern", "expected"), [
    # Every part of the sequence needs its own string, not only the rarest.
    (r"\b(?:you|your)\s+(?:idiot|moron)s?\b", ((("idiot", "moron"), ("you",)),)),
    # Each alternative of a pattern that is one alternation is a way of its own.
    (r"\bfoo\b|\bbar\s+baz", ((("foo",),), (("bar",), ("baz",)))),
    (r"(?=.*\bvote\b)\bpoll\b", ((("poll",), ("vote",)),)),
    (r"(?<!not\s)\bsafe\b", ((("safe",),),)),
    # Both ends of a repeated letter hold their neighbours; "t" adds nothing to "iiit".
    (r"\bsh+i{3,}t+e*\b", ((("hiii",), ("iiit",), ("sh",)),)),
])
def test_required_clauses(pattern, expected):
    assert required_clauses(pattern) == expected


@pytest.mark.parametrize("pattern", [r"\w+", r"(?:ward|\d+)", r"a|\w+", r"(?:idiot){e<=1}"])
def test_a_way_that_needs_nothing_gives_no_clauses(pattern):
    assert required_clauses(pattern) is None
    assert RulePattern(pattern, FLAGS, required_literals(pattern)).needs_met("")


def test_a_pattern_is_not_searched_without_every_part_it_needs():
    pattern = RulePattern(r"\b(?:you|your)\s+(?:idiot|moron)\b", FLAGS, ("you",))
    assert list(pattern.finditer("Thank you all", "thank you all", 0.25)) == []
    assert pattern._compiled is None
    found = list(pattern.finditer("You idiot", "you idiot", 0.25))
    assert [m.group() for m in found] == ["You idiot"]


WORDS = st.sampled_from(["heart", "attack", "burn", "nurse", "s", "rude", "vote", " ", "\n", "X", "é",
                         "p1g", "Pig", "h3", "0", "ee", "rr", "gg", "xx"])


@settings(max_examples=300, deadline=None)
@given(text=st.lists(WORDS | st.text(max_size=3), max_size=12).map("".join))
def test_a_match_always_holds_one_of_the_strings(text):
    patterns = [
        r"\b(?:heart|heartburn|heart\s+attack)\b", r"nurses?\s+(?:are|were)?\s*rude",
        r"(?=[^?]*\bvote\b)\w+", r"(?:heart|nurse)s?(?:\s+burn)+", r"[hx]eart",
        r"\bheart\s+attack|nurses?\s+(?:were\s+)?rude\b|\bvote", r"\b(?:x|é)\w*\s+(?:burn|s)",
        r"\bp[i1!]gs?\b", r"[hn][e3][a4]?r", r"(?:you|u)\s+p[i1]g|r[uü]de", r"[0o][0o]",
        r"he+a+r+t", r"nu[r]{2,}se", r"[x0]{2}s+e?", r"p[i1]+g+ h",
    ]
    folded = text.casefold()
    for source in patterns:
        literals = required_literals(source)
        if regex.search(source, text, FLAGS):
            pattern = RulePattern(source, FLAGS, literals)
            assert pattern.could_match(folded), (source, text)
            assert pattern.needs_met(folded), (source, text)


def _texts() -> list[str]:
    texts = []
    for name in ("dev", "personal", "heldout", "fresh"):
        import yaml

        data = yaml.safe_load((ROOT / "tests" / "corpus" / f"{name}.yaml").read_text(encoding="utf-8"))
        cases = data.get("cases", data) if isinstance(data, dict) else data
        texts.extend(str(c["text"]) for c in cases if isinstance(c, dict) and "text" in c)
    return texts


def test_no_builtin_pattern_matches_a_post_its_strings_rule_out(builtin_rules, untraced):
    """Soundness on real posts: every corpus post and rule example, every pattern, for
    both tests made before a search (the scan's strings, then every part's)."""
    texts = _texts() + [e.text for rule in builtin_rules for e in rule.examples]
    folded = [fold(t).text for t in texts]
    lowered = [t.casefold() for t in folded]
    checked = 0
    # Some 1.6 million (pattern, post) pairs: under the coverage tracer the loop costs
    # several times its own run, and every line it reaches the tests above reach too.
    with untraced():
        for rule in builtin_rules:
            for pattern in rule_patterns(rule):
                if pattern.literals is None and required_clauses(pattern.pattern) is None:
                    continue
                for text, low in zip(folded, lowered, strict=True):
                    if not pattern.could_match(low) or not pattern.needs_met(low):
                        assert pattern.compiled.search(text) is None, (
                            rule.id, pattern.pattern[:80], text)
                        checked += 1
    assert checked > 100_000


def test_every_builtin_pattern_compiles(builtin_rules):
    patterns = [p for rule in builtin_rules for p in rule_patterns(rule)]
    assert len(patterns) > 500
    for pattern in patterns:
        # Compiled with its alternations gathered by first letter (socialpolicy.alternation).
        assert pattern.compiled.pattern == by_first_letter(pattern.pattern)


def test_the_shipped_index_is_fresh():
    shipped = read_index(package_dir("rules"))
    expected = build_index(builtin_pattern_sources(Config()))["patterns"]
    fresh = {k: None if v is None else tuple(v) for k, v in expected.items()}
    assert shipped == fresh, (
        f"rules/{INDEX_NAME} is out of date with the rule files: run `socialpolicy rules index`"
    )


def test_a_missing_or_broken_index_costs_speed_not_findings(tmp_path, monkeypatch, language):
    assert read_index(tmp_path) == {}
    (tmp_path / INDEX_NAME).write_text("{not json", encoding="utf-8")
    assert read_index(tmp_path) == {}
    (tmp_path / INDEX_NAME).write_text(json.dumps({"version": 999, "patterns": {}}), encoding="utf-8")
    assert read_index(tmp_path) == {}
    monkeypatch.setattr("socialpolicy.ruleset.read_index", lambda folder: {})
    # The rules are loaded anew (reading the index is what is tested); the session's
    # language model is shared, as loading it again proves nothing here.
    linter = Linter(Config(), select=("medical-advice",), jobs=1, language=language)
    assert [f.rule for f in linter.check_text("You should take 2 paracetamol every 4 hours")] == [
        "medical-advice"
    ]


def test_an_ordinary_post_compiles_few_of_the_packs_patterns(language):
    linter = Linter(Config(), jobs=1, language=language)  # a new pack: nothing compiled yet
    linter.check_text("Our new ward opens on Monday. Visiting is 2pm to 8pm. #NHS")
    patterns = [p for rule in linter.rules for p in rule_patterns(rule)]
    compiled = [p for p in patterns if p._compiled is not None]
    assert len(compiled) < len(patterns) / 5, (len(compiled), len(patterns))


def test_rules_test_compiles_patterns_a_lazy_pack_never_reached(tmp_path):
    from socialpolicy.rule_tests import bad_patterns
    from socialpolicy.ruleset import compile_rule, read_rule_file

    path = tmp_path / "lazy.yaml"
    path.write_text(
        "id: lazy-bad\ntitle: t\nseverity: warning\n"
        "clause: {policy: JPUH-BUSM, section: '5.0', quote: q}\nmessage: m\nsuggestion: s\n"
        "detect:\n  - kind: pattern\n    patterns: ['\\bword(unclosed']\n",
        encoding="utf-8",
    )
    # Loaded as the built-in pack is: nothing is compiled, so nothing fails yet.
    rule = compile_rule(read_rule_file(path, validate=False, builtin=True), Config(), {})
    problems = list(bad_patterns(rule))
    assert len(problems) == 1 and "not a valid regular expression" in problems[0]
