"""Writing ``rules/patterns.bin``: the built-in pack's regular expressions compiled ahead
of time, and the strings their matches need (read back by ``pattern_cache``).

Run as ``socialpolicy rules index`` after editing a pattern, a list, a condition or a
personal-data list of the pack (a test fails while the file lacks one; a stale file
only slows runs down, it never changes a finding).
"""

from __future__ import annotations

import marshal
import pickle
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import regex

from .alternation import compile_gathered
from .config import Config
from .literals import Clauses, work_out_clauses
from .pattern_cache import CACHE_NAME, CACHE_VERSION, GATHERED, recording, shipped_entries
from .resources import package_dir
from .rule_tests import example_outcomes
from .ruleset import Rule, compile_rule, read_rule_file, rule_paths, rule_patterns

Program = tuple[str, int]


def _matches(data: Any) -> Iterator[str]:
    """Every ``matches:`` test written anywhere in some rule data (conditions)."""
    if isinstance(data, Mapping):
        for key, value in data.items():
            if key == "matches" and isinstance(value, str):
                yield value
            else:
                yield from _matches(value)
    elif isinstance(data, list | tuple):
        for item in data:
            yield from _matches(item)


def _conditions(rule: Rule) -> Iterator[str]:
    """A rule's ``matches:`` tests as its detectors hold them (a ``when:`` with its
    ``{{name}}`` written out), and as written (a ``where:``)."""
    yield from _matches(rule.raw)
    guards: list[Any] = [*rule.detectors, *rule.unless]
    while guards:
        guard = guards.pop()
        yield from _matches(getattr(guard, "when", None))
        yield from _matches(getattr(getattr(guard, "inner", None), "where", None))
        guards.extend(getattr(guard, "unless", ()))


def _pack_rules() -> tuple[list[Rule], set[Program]]:
    """The built-in rules, built afresh, and what building them compiled."""
    config = Config()
    paths = [path for path, builtin in rule_paths(config).values() if builtin]
    with recording() as built:
        rules = [compile_rule(read_rule_file(p, validate=False, builtin=True), config) for p in paths]
    return rules, built


def pack_patterns() -> tuple[set[Program], set[str]]:
    """What the built-in pack compiles, as (text, flags), and the texts whose required
    strings a run works out: every rule pattern, every condition, and what each rule's
    detectors compile when they are built."""
    rules, built = _pack_rules()
    # Rule patterns and conditions are compiled with their alternations gathered.
    patterns = {(p.pattern, int(p.flags) | GATHERED) for rule in rules for p in rule_patterns(rule)}
    # A test as written with a {{name}} is never compiled: only as written out.
    conditions = {m for rule in rules for m in _conditions(rule) if "{{" not in m}
    programs = built | patterns | {(m, int(regex.IGNORECASE) | GATHERED) for m in conditions}
    return programs, {p for p, _ in patterns} | conditions


def exercised() -> set[Program]:
    """What the pack's rules compile while their own examples are checked: what a
    detector builds on its first post (the personal-data recognizers, firms' contexts)."""
    rules, _ = _pack_rules()
    with recording() as seen:
        for _outcome in example_outcomes(rules, Config()):
            pass
    return seen


def build(programs: Iterable[Program], sources: Iterable[str],
          work_out: Callable[[str], Clauses | None],
          kept: Mapping[Program, bytes] | None = None) -> tuple[dict[Program, bytes], dict[str, bytes]]:
    """The file's entries. ``regex`` may write a pattern's program in another (equivalent)
    order in another process, so an entry the file already holds for the same text,
    flags and ``regex`` is ``kept``: running the command twice writes the same bytes."""
    kept = kept or {}
    compiled = {}
    for source, flags in sorted(set(programs)):
        if (source, flags) in kept:
            compiled[(source, flags)] = kept[(source, flags)]
            continue
        try:
            pattern = (compile_gathered(source, flags & ~GATHERED) if flags & GATHERED
                       else regex.compile(source, flags, cache_pattern=False))
        except regex.error:
            continue  # not a pattern a run could compile either
        compiled[(source, flags)] = zlib.compress(pickle.dumps(pattern, pickle.HIGHEST_PROTOCOL), 9)
    # Each answer is kept as its own marshal bytes, read only when asked: decoding all
    # of them at once made some 30,000 objects, and the garbage collector then walked
    # the language model's heap the more often.
    return compiled, {source: zlib.compress(marshal.dumps(work_out(source), 4), 9)
                      for source in sorted(set(sources))}


def _current(path: Path) -> dict[Program, bytes]:
    """The programs the file at ``path`` holds, if ``regex`` wrote them as it would now."""
    try:
        data = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    if (isinstance(data, tuple) and len(data) == 4 and data[0] == CACHE_VERSION
            and data[1] == regex.__version__ and isinstance(data[2], dict)):
        return data[2]
    return {}


def write_cache(folder: Path | None = None) -> str:
    """Rebuild ``rules/patterns.bin`` for the built-in pack; returns a one-line summary."""
    folder = folder or package_dir("rules")
    programs, sources = pack_patterns()
    compiled, clauses = build(programs | exercised(), sources, work_out_clauses,
                              kept=_current(folder / CACHE_NAME))
    # Sorted, so the same pack (and the same regex) always writes the same bytes.
    blob = marshal.dumps((CACHE_VERSION, regex.__version__, compiled, clauses), 4)
    (folder / CACHE_NAME).write_bytes(blob)
    return (f"wrote {folder / CACHE_NAME}: {len(compiled)} patterns compiled ahead of time "
            f"({len(blob) // 1024} KB, regex {regex.__version__})")


def missing() -> list[str]:
    """What the built-in pack compiles now that the shipped file lacks (shortened)."""
    programs, sources = pack_patterns()
    shipped, clauses = shipped_entries()
    lacking = [s for s, f in programs if (s, f) not in shipped]
    lacking += [s for s in sources if s not in clauses]
    return sorted(s[:60] for s in lacking)


if __name__ == "__main__":  # pragma: no cover - the same as `socialpolicy rules index`
    print(write_cache())
