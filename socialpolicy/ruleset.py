"""Loading rule files: parse, validate against the rule schema, compile detectors.

The built-in pack lives in ``rules/`` (shipped inside the wheel); a Trust adds
folders with ``rule_paths`` and a rule there replaces a built-in one of the same id.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import regex

from .config import Config
from .errors import InputError, RuleError
from .kinds import Guarded, build_detector
from .kinds.base import BuildContext
from .literals import Literals, RulePattern, read_index
from .models import Clause
from .pack_cache import load_pack_yaml
from .resources import package_dir
from .vocab import EMPTY, VOCAB_FOLDER, Vocabulary, fragment_text, read_vocabulary


@dataclass(frozen=True)
class Example:
    text: str
    metadata: Mapping[str, Any]
    config: Mapping[str, Any]
    line: int
    expect_fail: bool
    note: str = ""
    # A calendar example: several posts (each a mapping with text) judged together.
    posts: tuple[Mapping[str, Any], ...] = ()
    as_of: Any = None
    # An inline accounts register for this example; None means the configured one.
    accounts: tuple[Mapping[str, Any], ...] | None = None


@dataclass(frozen=True)
class Rule:
    """A rule as loaded: its documentation, its compiled detectors and its examples."""

    id: str
    title: str
    severity: str
    clause: Clause
    also: tuple[Clause, ...]
    message: str
    suggestion: str
    description: str
    detectors: tuple[Guarded, ...]
    unless: tuple[Guarded, ...]
    examples: tuple[Example, ...]
    source: str
    raw: Mapping[str, Any] = field(repr=False, compare=False, default_factory=dict)
    # The kind of fix --fix (or --unsafe-fixes) makes to its findings (``fix:``,
    # see ``fixes.FIX_KINDS``), or None.
    fix: str | None = None
    # The web page offers the reply quoted in the suggestion to copy (``reply:``);
    # where several findings offer one, the lowest number wins. None: no reply.
    reply: int | None = None

    @property
    def needs(self) -> frozenset[str]:
        out: set[str] = set()
        for detector in (*self.detectors, *self.unless):
            out |= detector.needs
        return frozenset(out)

    @property
    def calendar(self) -> bool:
        return any(d.calendar for d in self.detectors)

    @property
    def needs_platform(self) -> bool:
        """Judges only posts with a platform (a length limit per platform)."""
        return any(d.needs_platform for d in self.detectors)

    @cached_property
    def clauses(self) -> tuple[Clause, ...]:
        # Built once: every finding of the rule holds this same tuple.
        return (self.clause, *self.also)


def _clause(data: Mapping[str, Any]) -> Clause:
    return Clause(str(data["policy"]), str(data["section"]), " ".join(str(data["quote"]).split()))


def _examples(raw: Mapping[str, Any]) -> tuple[Example, ...]:
    out: list[Example] = []
    examples = raw.get("examples") or {}
    for outcome in ("fail", "pass"):
        items = examples.get(outcome) or []
        positions = getattr(items, "item_positions", [])
        for index, item in enumerate(items):
            line = positions[index][0] if index < len(positions) else 0
            if isinstance(item, str):
                out.append(Example(item, {}, {}, line, outcome == "fail"))
            else:
                own = ("text", "note", "config", "posts", "as_of", "accounts")
                meta = {k: v for k, v in item.items() if k not in own}
                accounts = item.get("accounts")
                text = str(item["text"]) if "text" in item else _calendar_summary(item)
                out.append(
                    Example(
                        text, meta, dict(item.get("config") or {}), line,
                        outcome == "fail", str(item.get("note", "")),
                        posts=tuple(item.get("posts") or ()),
                        as_of=item.get("as_of"),
                        accounts=None if accounts is None else tuple(accounts),
                    )
                )
    return tuple(out)


@dataclass(frozen=True)
class RuleSource:
    """A parsed and schema-checked rule file, not yet compiled."""

    id: str
    path: Path
    raw: Mapping[str, Any]
    builtin: bool = False
    # Whether the file writes ``{{`` anywhere: only then can it name a shared list or
    # fragment, so only then does a built-in rule read the vocabularies (which
    # a run of rules that name no list need not pay for).
    names_shared: bool = True


MAX_RULE_BYTES = 5_000_000


def read_rule_file(path: Path, validate: bool = True, builtin: bool = False) -> RuleSource:
    """Parse (and validate) one rule file; any problem is a ``RuleError`` with its line."""
    source = str(path)
    from .inputs.reading import read_text

    try:
        # Capped and regular files only: a rule folder may hold a link to /dev/zero.
        text = read_text(source, MAX_RULE_BYTES)
    except InputError as exc:
        raise RuleError(source, exc.reason, exc.line, exc.column) from None
    # Each caller gets its own copy, so nothing it does to the mapping reaches the next
    # (a pickle of this process's own parse: copied in C, some 50 times faster than
    # copy.deepcopy, and never read from or written to disk).
    raw = pickle.loads(_parsed(text, source, validate))
    return RuleSource(str(raw["id"]), path, raw, builtin, names_shared="{{" in text)


@lru_cache(maxsize=64)
def _parsed(text: str, source: str, validate: bool) -> bytes:
    """A rule file's text parsed (and validated), once per process for the same text:
    every ``Linter`` (each command of a long-lived process, each in-process test) reads
    the whole pack, and parsing it was half the cost of building one. Keyed by the text
    itself, so a file changed on disk is parsed again; a file with a problem raises
    every time (exceptions are not cached)."""
    try:
        raw = load_pack_yaml(text, source)
    except InputError as exc:
        raise RuleError(exc.path, exc.reason, exc.line, exc.column) from None
    if not isinstance(raw, dict):
        raise RuleError(source, "a rule file must be a YAML mapping with id, title, severity, ...", 1)
    if validate:
        _validate(raw, source)
    elif "id" not in raw:
        raise RuleError(source, "a rule file needs an id", 1)
    return pickle.dumps(raw, pickle.HIGHEST_PROTOCOL)


_ID_LINE = regex.compile(r"^id:[ \t]*[\"']?([a-z][a-z0-9-]*)[\"']?[ \t]*(?:#.*)?$", regex.M)


def _quick_id(path: Path) -> str | None:
    """A rule file's id from its top-level ``id:`` line, without parsing the YAML."""
    try:
        match = _ID_LINE.search(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return None
    return match.group(1) if match else None


def rule_vocabulary(raw: Mapping[str, Any], path: Path, builtin: bool) -> Vocabulary:
    """The shared lists and fragments a rule's patterns may name: the pack's, a
    Trust folder's own, and the rule file's ``fragments:``."""
    vocab = read_vocabulary(package_dir("rules"))
    if not builtin:
        vocab = vocab.merged(read_vocabulary(path.parent))
    own = raw.get("fragments") or {}
    if own:
        vocab = vocab.merged(Vocabulary(fragments={str(k): fragment_text(v) for k, v in own.items()}))
    return vocab


def compile_rule(
    spec: RuleSource, config: Config, literals: Mapping[str, Literals | None] | None = None
) -> Rule:
    """Build the detectors of a validated rule.

    A built-in rule's patterns compile on first use, with the strings they need
    from ``literals`` (the pack's index, read here when not given).
    """
    raw = spec.raw
    source = str(spec.path)
    rule_id = spec.id

    def line_of(key: str) -> int | None:
        return _find_key_line(raw, key)

    if literals is None:
        literals = read_index(spec.path.parent) if spec.builtin else {}
    # A Trust's rule always reads its folder's vocabularies, so a broken one is reported.
    shared = spec.names_shared or not spec.builtin
    build = BuildContext(rule_id=rule_id, source=source, config=config, line=line_of,
                         lazy=spec.builtin, literals=literals,
                         vocab=rule_vocabulary(raw, spec.path, spec.builtin) if shared else EMPTY)
    detectors = tuple(build_detector(d, build, f"{d.get('kind')}-{index}")
                      for index, d in enumerate(raw["detect"], start=1))
    unless = tuple(build_detector(d, build) for d in raw.get("unless") or [])
    severity = config.severity.get(rule_id, str(raw["severity"]))
    return Rule(
        id=rule_id,
        title=str(raw["title"]),
        severity=severity,
        clause=_clause(raw["clause"]),
        also=tuple(_clause(c) for c in raw.get("also") or []),
        message=" ".join(str(raw["message"]).split()),
        suggestion=" ".join(str(raw["suggestion"]).split()),
        description=str(raw.get("description", "")).strip(),
        detectors=detectors,
        unless=unless,
        examples=_examples(raw),
        source=source,
        raw=raw,
        fix=str(raw["fix"]) if raw.get("fix") else None,
        reply=int(raw["reply"]) if raw.get("reply") is not None else None,
    )


def _calendar_summary(item: Mapping[str, Any]) -> str:
    """How a calendar example reads in `rules show`: its posts' accounts and times."""
    posts = item.get("posts") or []
    parts = [
        " ".join(str(p[k]) for k in ("account", "platform", "scheduled") if p.get(k)) or "a post"
        for p in posts
    ]
    as_of = f" as of {item['as_of']}" if item.get("as_of") else ""
    note = f" ({item['note']})" if item.get("note") else ""
    return f"calendar{as_of}: " + "; ".join(parts) + note


def load_rule_file(path: Path, config: Config) -> Rule:
    """Load and compile one rule file."""
    return compile_rule(read_rule_file(path), config)


def _find_key_line(node: Any, key: str) -> int | None:
    """The first line where ``key`` is written anywhere in the document."""
    positions = getattr(node, "key_positions", None)
    if positions is not None:
        if key in positions:
            return int(positions[key][0])
        for value in node.values():
            found = _find_key_line(value, key)
            if found:
                return found
    elif isinstance(node, list):
        for item in node:
            found = _find_key_line(item, key)
            if found:
                return found
    return None


def _validate(raw: Any, source: str) -> None:
    from .schema_check import first_problem

    problem = first_problem("rule.schema.json", raw)
    if problem is None:
        return
    where = problem.path or "(top level)"
    if problem.unknown_key is not None:
        from .rule_ids import did_you_mean

        kind = _detector_kind(raw, problem.path)
        # A detector's keys depend on its kind: say which kind the allowed keys are for.
        takes = f"a {kind} detector takes" if kind else "allowed"
        reason = (
            f"unknown key {problem.unknown_key!r} at {where}"
            f"{did_you_mean(problem.unknown_key, problem.allowed)} "
            f"({takes}: {', '.join(problem.allowed)})"
        )
    else:
        reason = f"{where}: {problem.message}"
    raise RuleError(source, reason, *(problem.position or (None, None)))


def _detector_kind(raw: Any, path: str) -> str | None:
    """The ``kind`` of the mapping at a dotted schema path, when it is a detector."""
    node = raw
    for part in path.split(".") if path else []:
        if isinstance(node, Mapping):
            node = node.get(part)
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return None
    kind = node.get("kind") if isinstance(node, Mapping) else None
    return kind if isinstance(kind, str) else None


# Folders of a rule pack that hold other YAML: shared word lists, triage categories
# and reply templates.
NOT_RULES = frozenset({VOCAB_FOLDER, "triage"})


def rule_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        raise RuleError(str(folder), "rule folder not found")
    # Not only regular files: a rule named like one but linked to a device or a pipe
    # is reported when it is read, rather than silently left out.
    return sorted(
        p for p in folder.rglob("*")
        if p.suffix in (".yaml", ".yml") and not p.is_dir()
        and not set(p.relative_to(folder).parts[:-1]) & NOT_RULES
    )


def rule_paths(config: Config, extra_paths: Sequence[Path] = ()) -> dict[str, tuple[Path, bool]]:
    """Every rule file by id, with whether it is the built-in pack's; later ids win.

    Built-in rules are found by their ``id:`` line alone and are not schema-checked at
    run time (the test suite checks them all), so a run pays only for the rules it
    uses. A Trust's own rule files are always parsed and checked in full.
    """
    by_id: dict[str, tuple[Path, bool]] = {}
    for path in rule_files(package_dir("rules")):
        rule_id = _quick_id(path) or read_rule_file(path).id
        by_id[rule_id] = (path, True)
    for folder in [*config.rule_paths, *extra_paths]:
        for path in rule_files(folder):
            by_id[read_rule_file(path).id] = (path, False)
    return by_id


def rule_sources(config: Config, extra_paths: Sequence[Path] = ()) -> dict[str, RuleSource]:
    """Every rule file by id, parsed and validated."""
    return {
        rule_id: read_rule_file(path, builtin=builtin)
        for rule_id, (path, builtin) in rule_paths(config, extra_paths).items()
    }


def load_rules(config: Config, extra_paths: Sequence[Path] = ()) -> list[Rule]:
    """Every rule, compiled."""
    index = read_index(package_dir("rules"))
    return [compile_rule(spec, config, index if spec.builtin else {})
            for spec in rule_sources(config, extra_paths).values()]


def rule_patterns(rule: Rule) -> Iterator[RulePattern]:
    """Every regular expression of a rule's detectors."""
    for detector in (*rule.detectors, *rule.unless):
        yield from detector.rule_patterns()


def builtin_pattern_sources(config: Config) -> list[str]:
    """The expanded source of every pattern in the built-in pack."""
    paths = [path for path, builtin in rule_paths(config).values() if builtin]
    rules = [compile_rule(read_rule_file(p, validate=False, builtin=True), config, {}) for p in paths]
    return [p.pattern for rule in rules for p in rule_patterns(rule)]


def load_selected(
    config: Config, select: Sequence[str], ignore: Sequence[str]
) -> tuple[list[Rule], frozenset[str]]:
    """The selected rules, compiled, and the ids of all rules (selected or not)."""
    paths = rule_paths(config)
    _check_ids(paths, select, ignore)
    index = read_index(package_dir("rules"))
    chosen = [
        compile_rule(read_rule_file(path, validate=not builtin, builtin=builtin), config,
                     index if builtin else {})
        for rule_id, (path, builtin) in sorted(paths.items())
        if (not select or rule_id in select) and rule_id not in ignore
    ]
    return chosen, frozenset(paths)


def _check_ids(known: Iterable[str], select: Sequence[str], ignore: Sequence[str]) -> None:
    from .rule_ids import unknown_rule

    known = set(known)
    for name in (*select, *ignore):
        if name not in known:
            raise RuleError("(selection)", unknown_rule(name, known))


def select_rules(rules: Iterable[Rule], select: Sequence[str], ignore: Sequence[str]) -> list[Rule]:
    """Keep the selected rules (all when none are named), less the ignored ones."""
    rules = list(rules)
    _check_ids((r.id for r in rules), select, ignore)
    chosen = [r for r in rules if (not select or r.id in select) and r.id not in ignore]
    return sorted(chosen, key=lambda r: r.id)
