"""Triage categories as data: ``rules/triage/categories/*.yaml``, one file per category,
read in file-name order (a Trust may pass one file holding them all instead).

Each category names its priority, the action a moderator takes (in plain English,
with the clause behind it) and its detectors. A detector is either any rule kind
written inline (``kind: cues``, ``phrases``, ``pattern``, ``pii``, and later
``classifier``), or a reference to a rule of the pack, so triage reads a message
with the same lists and patterns the rule uses on a draft::

    - rule: my-signposting      # the rule's detectors (all, or those listed)
      detectors: [0]
      "on": text                # read the message itself (the rule reads reply_to)
      guards: [0]               # which of each detector's own ``unless`` to keep
      unless: [...]             # and triage's own guards for these detectors

or a reference to the detectors of a category read before it, which run once per
message for both (clinical reuses urgent's medical detectors)::

    - category: urgent
      detectors: [0, 2, 3]      # indices of that category's detectors

A referenced rule's ``when:`` conditions about draft metadata (a platform, a reply) are
dropped; one that reads only the text ("a post with a threat cue") is the detector's own
gate and is kept. Its rule-wide ``unless`` is kept unless ``rule_unless: false``. A category with
``fallback: true`` (general) is given when no other category matched, or when only
the categories in ``beside`` matched and its own detectors match too.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import regex

from ..classifiers import LinearModel, ModelError, card_path, load, shipped_names
from ..config import Config
from ..errors import RuleError
from ..kinds import Guarded, build_detector
from ..kinds.base import BuildContext
from ..literals import read_index
from ..models import Clause
from ..resources import package_dir
from ..ruleset import read_rule_file, rule_paths, rule_vocabulary
from ..vocab import read_vocabulary
from .packfile import read_list

PRIORITIES = ("urgent", "high", "normal", "low")
PRIORITY_RANK = {name: rank for rank, name in enumerate(reversed(PRIORITIES))}
CATEGORIES = (
    "urgent", "clinical", "complaint", "foi", "media", "abuse", "personal-data",
    "appointment", "compliment", "general", "spam",
)
_CATEGORY_KEYS = {
    "id", "title", "priority", "action", "clause", "also", "detect", "unless",
    "fallback", "beside", "examples", "description", "masks", "only_if", "model",
}
_MODEL_KEYS = {"name", "add", "veto", "chosen"}
_REFERENCE_KEYS = {"rule", "detectors", "on", "guards", "rule_unless", "unless"}
_CATEGORY_REFERENCE_KEYS = {"category", "detectors"}


@dataclass(frozen=True)
class CategoryModel:
    """A learned model beside a category's cues: it adds the category when the cues are
    silent and its score is at least ``add``, and removes what the cues found when its
    score is below ``veto`` (0: never). Thresholds are written in the category file with
    how they were chosen."""

    name: str
    model: LinearModel
    add: float
    veto: float = 0.0


@dataclass(frozen=True)
class Category:
    id: str
    title: str
    priority: str
    action: str
    clause: Clause
    detectors: tuple[Guarded, ...]
    unless: tuple[Guarded, ...]
    fallback: bool = False
    beside: tuple[str, ...] = ()
    match: tuple[str, ...] = ()
    no_match: tuple[str, ...] = ()
    # Its hits are personal data, masked in output (personal-data); other categories'
    # hits (a symptom, a complaint) are the message itself and stay readable.
    masks: bool = False
    # A cheap regular expression the message must match before any detector runs
    # (personal data needs a digit, an @ or a capitalised name): speed, not meaning.
    only_if: Any = None
    model: CategoryModel | None = None
    # Beside each detector: whether it is firm (``firm: true`` on an inline detector): a
    # firm detector's hit gives the category whatever the model scores (its veto reads
    # only the other detectors' hits). For cues written for a class of message the model
    # has seen too little of, so it scores them low.
    firm: tuple[bool, ...] = ()

    @property
    def needs(self) -> frozenset[str]:
        out: set[str] = set()
        for detector in (*self.detectors, *self.unless):
            out |= detector.needs
        return frozenset(out)


def triage_dir() -> Path:
    return package_dir("rules") / "triage"


def clause_of(data: Any, source: str, line: int | None) -> Clause:
    if not isinstance(data, Mapping) or not all(k in data for k in ("policy", "section", "quote")):
        raise RuleError(source, "clause must be a mapping with policy, section and quote", line)
    return Clause(str(data["policy"]), str(data["section"]), " ".join(str(data["quote"]).split()))


def _plain(value: Any) -> Any:
    """A YAML value as plain dicts and lists, safe to change without touching the rule."""
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _line(node: Any, key: str) -> int | None:
    positions = getattr(node, "key_positions", {})
    return positions[key][0] if key in positions else getattr(node, "line", None)


class _RuleLibrary:
    """The pack's rules by id (a Trust's replacement wins), read on first reference."""

    def __init__(self, config: Config):
        self.config = config
        self.paths = rule_paths(config)
        self.index = read_index(package_dir("rules"))
        # Detectors built from inline specs, by the spec's identity (kept alive here).
        self.built: dict[int, tuple[Any, Guarded]] = {}

    def detectors(self, ref: Mapping[str, Any], source: str, category: str) -> list[Guarded]:
        line = _line(ref, "rule")
        for key in ref:
            if key not in _REFERENCE_KEYS:
                raise RuleError(source, f"category {category}: unknown key {key!r} in a rule "
                                        f"reference (allowed: {', '.join(sorted(_REFERENCE_KEYS))})",
                                _line(ref, key))
        rule_id = str(ref["rule"])
        if rule_id not in self.paths:
            raise RuleError(source, f"category {category}: no rule has the id {rule_id!r}", line)
        path, builtin = self.paths[rule_id]
        raw = read_rule_file(path, validate=not builtin, builtin=builtin).raw
        specs = _plain(raw["detect"])
        chosen = ref.get("detectors")
        if chosen is not None:
            try:
                specs = [specs[int(i)] for i in chosen]
            except (IndexError, ValueError, TypeError):
                raise RuleError(source, f"category {category}: detectors must be indices of "
                                        f"{rule_id}'s detect list (0 to {len(specs) - 1})",
                                _line(ref, "detectors")) from None
        on = ref.get("on")
        guards = ref.get("guards")
        build = BuildContext(rule_id=f"{rule_id} (triage {category})", source=str(path),
                             config=self.config, lazy=builtin,
                             literals=self.index if builtin else {},
                             vocab=rule_vocabulary(raw, path, builtin))
        out: list[Guarded] = []
        rule_unless = (
            [build_detector(_retarget(g, on), build) for g in _plain(raw.get("unless") or [])]
            if ref.get("rule_unless", True) else []
        )
        extra = _plain(ref.get("unless") or [])
        for spec in specs:
            own = spec.get("unless") or []
            if guards is not None:
                own = [own[int(i)] for i in guards if int(i) < len(own)]
            # The reference's own guards (triage's exceptions) join the rule's.
            spec["unless"] = [*(_retarget(g, on) for g in own), *extra]
            detector = build_detector(_retarget(spec, on), build)
            if rule_unless:
                detector = Guarded(detector, None, rule_unless, {})
            out.append(detector)
        return out


def _retarget(spec: dict[str, Any], on: Any) -> dict[str, Any]:
    spec = dict(spec)
    when = spec.get("when")
    if not (isinstance(when, Mapping) and set(when) == {"text"}):
        spec.pop("when", None)  # about the draft's metadata, which a message has not
    if on is not None and "on" in spec:
        spec["on"] = str(on)
    return spec


def load_categories(config: Config, path: Path | None = None) -> list[Category]:
    """The categories of ``path``: a folder of category files read in name order
    (default: the shipped ``rules/triage/categories/``) or one file."""
    path = path or triage_dir() / "categories"
    files = sorted(path.glob("*.yaml")) if path.is_dir() else [path]
    if not files:
        raise RuleError(str(path), "a triage categories folder needs at least one .yaml file")
    library = _RuleLibrary(config)
    out: list[Category] = []
    for file in files:
        source = str(file)
        items = read_list(file, "categories", "triage categories")
        for item in items:
            out.append(_category(item, source, config, library, out))
    ids = [c.id for c in out]
    for category in out:
        for name in category.beside:
            if name not in ids:
                raise RuleError(str(path), f"category {category.id}: beside names {name!r}, "
                                           "which is not a category")
    return out


def _earlier(ref: Mapping[str, Any], source: str, category: str,
             earlier: Sequence[Category]) -> list[Guarded]:
    """The detectors of a category read before this one (the same objects, so a
    message runs them once for both)."""
    for key in ref:
        if key not in _CATEGORY_REFERENCE_KEYS:
            raise RuleError(source, f"category {category}: unknown key {key!r} in a category "
                                    f"reference (allowed: category, detectors)", _line(ref, key))
    name = str(ref["category"])
    found = [c for c in earlier if c.id == name]
    if not found:
        raise RuleError(source, f"category {category}: refers to category {name!r}, which "
                                "is not defined before it", _line(ref, "category"))
    pool = found[0].detectors
    chosen = ref.get("detectors")
    if chosen is None:
        return list(pool)
    try:
        return [pool[int(i)] for i in chosen]
    except (IndexError, ValueError, TypeError):
        raise RuleError(source, f"category {category}: detectors must be indices of "
                                f"{name}'s detectors (0 to {len(pool) - 1})",
                        _line(ref, "detectors")) from None


def _category(item: Any, source: str, config: Config, library: _RuleLibrary,
              earlier: Sequence[Category] = ()) -> Category:
    if not isinstance(item, Mapping) or "id" not in item:
        raise RuleError(source, "each category needs an id", getattr(item, "line", None))
    cid = str(item["id"])
    for key in item:
        if key not in _CATEGORY_KEYS:
            raise RuleError(source, f"category {cid}: unknown key {key!r} (allowed: "
                                    f"{', '.join(sorted(_CATEGORY_KEYS))})", _line(item, key))
    if cid not in CATEGORIES:
        raise RuleError(source, f"unknown category {cid!r} (known: {', '.join(CATEGORIES)})",
                        _line(item, "id"))
    priority = str(item.get("priority", "normal"))
    if priority not in PRIORITIES:
        raise RuleError(source, f"category {cid}: priority must be one of "
                                f"{', '.join(PRIORITIES)}", _line(item, "priority"))
    # Inline detectors may name the pack's shared vocabularies (rules/vocab/*.yaml).
    build = BuildContext(rule_id=f"triage {cid}", source=source, config=config,
                         line=lambda key: _line(item, key),
                         vocab=read_vocabulary(package_dir("rules")))
    detectors: list[Guarded] = []
    firm: list[bool] = []
    for spec in item.get("detect") or []:
        if isinstance(spec, Mapping) and "rule" in spec:
            detectors.extend(library.detectors(spec, source, cid))
        elif isinstance(spec, Mapping) and "category" in spec:
            detectors.extend(_earlier(spec, source, cid, earlier))
        elif id(spec) in library.built:
            # A YAML alias (*medical_red_flags): the same detector, run once per message.
            detectors.append(library.built[id(spec)][1])
            firm.append(_firm(spec, source, cid))
        else:
            detector = build_detector(spec, build)
            library.built[id(spec)] = (spec, detector)
            detectors.append(detector)
            firm.append(_firm(spec, source, cid))
        firm.extend([False] * (len(detectors) - len(firm)))
    only_if = item.get("only_if")
    if only_if is not None:
        try:
            only_if = regex.compile(str(only_if), regex.V0)
        except regex.error as exc:
            raise RuleError(source, f"category {cid}: only_if is not a valid regular "
                                    f"expression: {exc}", _line(item, "only_if")) from None
    fallback = bool(item.get("fallback", False))
    model = _category_model(item.get("model"), item, source, cid, priority, fallback)
    if not detectors and not fallback:
        raise RuleError(source, f"category {cid}: needs detect: (or fallback: true)",
                        _line(item, "id"))
    unless = [build_detector(spec, build) for spec in item.get("unless") or []]
    examples = item.get("examples") or {}
    return Category(
        id=cid,
        title=str(item.get("title", cid)),
        priority=priority,
        action=" ".join(str(item.get("action", "")).split()),
        clause=clause_of(item.get("clause"), source, _line(item, "clause")),
        detectors=tuple(detectors),
        unless=tuple(unless),
        fallback=fallback,
        beside=tuple(str(b) for b in item.get("beside") or []),
        masks=bool(item.get("masks", False)),
        only_if=only_if,
        model=model,
        firm=tuple(firm) if any(firm) else (),
        match=tuple(str(e) for e in examples.get("match") or []),
        no_match=tuple(str(e) for e in examples.get("no_match") or []),
    )


def _firm(spec: Any, source: str, cid: str) -> bool:
    value = spec.get("firm", False) if isinstance(spec, Mapping) else False
    if not isinstance(value, bool):
        raise RuleError(source, f"category {cid}: a detector's firm must be true or false",
                        _line(spec, "firm"))
    return value


def _category_model(spec: Any, item: Any, source: str, cid: str, priority: str,
                    fallback: bool) -> CategoryModel | None:
    if spec is None:
        return None
    line = _line(item, "model")
    if not isinstance(spec, Mapping) or "name" not in spec or "add" not in spec:
        raise RuleError(source, f"category {cid}: model needs a name (a shipped model) and "
                                "add (the score at which it adds the category)", line)
    for key in spec:
        if key not in _MODEL_KEYS:
            raise RuleError(source, f"category {cid}: unknown key {key!r} in model (allowed: "
                                    f"{', '.join(sorted(_MODEL_KEYS))})", _line(spec, key))
    if fallback:
        raise RuleError(source, f"category {cid}: a fallback category follows the others "
                                "and cannot have a model", line)
    name = str(spec["name"])
    path = card_path(name)
    if path is None:
        raise RuleError(source, f"category {cid}: no model is called {name!r} (shipped "
                                f"models: {', '.join(shipped_names())})", _line(spec, "name"))
    try:
        model = load(path)
    except ModelError as exc:
        raise RuleError(source, f"category {cid}: {exc}", _line(spec, "name")) from None
    try:
        add, veto = float(spec["add"]), float(spec.get("veto", 0.0))
    except (TypeError, ValueError):
        raise RuleError(source, f"category {cid}: the model's add and veto must be numbers "
                                "between 0 and 1", line) from None
    if not (0.0 < add <= 1.0 and 0.0 <= veto < add):
        raise RuleError(source, f"category {cid}: the model's add must be above 0 and at most "
                                "1, and its veto at least 0 and below add", line)
    # An emergency is never taken off the queue's top by a model: urgent stays cue-first.
    if veto and priority == "urgent":
        raise RuleError(source, f"category {cid}: an urgent category's model may only add "
                                "it, never remove it (drop veto)", _line(spec, "veto"))
    return CategoryModel(name=name, model=model, add=add, veto=veto)


def order(categories: Sequence[Category]) -> dict[str, int]:
    """Position of each category: most urgent first, then file order."""
    ranked = sorted(enumerate(categories),
                    key=lambda pair: (-PRIORITY_RANK[pair[1].priority], pair[0]))
    return {c.id: i for i, (_, c) in enumerate(ranked)}
