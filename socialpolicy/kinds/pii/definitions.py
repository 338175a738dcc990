"""What a pii rule is built from, read when the rule loads: the recognizer definitions
(``socialpolicy/pii/recognizers.yaml`` or the rule's own file), a Trust's own forms of an
identifier, the staff and patient roles, the escalation to an error and the gazetteer."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import regex

from ...errors import InputError
from ...pack_cache import load_pack_yaml
from ...pattern_cache import compile_regex
from ...pii.names import name_parts
from ...vocab import expand_items
from ..base import BuildContext, spec_error
from .words import phrases

PII_DATA = Path(__file__).resolve().parent.parent.parent / "pii"
DEFAULT_RECOGNIZERS = PII_DATA / "recognizers.yaml"

STRINGS: Mapping[str, Any] = {"type": "array", "items": {"type": "string"}}
ROLE: Mapping[str, Any] = {"type": "object", "additionalProperties": False, "properties": {
    "titles": STRINGS, "before": STRINGS, "after": STRINGS, "message": {"type": "string"}}}


@dataclass(frozen=True)
class Escalation:
    """Raise a hit's severity when the post also carries one of these phrases."""

    severity: str
    pattern: Any
    message: str | None


@dataclass(frozen=True)
class Role:
    """How a named person is read: staff (a colleague) or a patient or relative.

    ``titles`` are written just before or at the start of the name ("Sister", "Staff
    Nurse"); ``before`` phrases stand in the few words before it ("our porter");
    ``after`` patterns follow it (", our ward manager", " who was admitted")."""

    titles: Any
    before: Any
    after: Any
    message: str | None
    # The titles and ``before`` phrases as written (masking leaves them showing).
    words: tuple[str, ...] = ()


def read_role(spec: Any, build: BuildContext, key: str) -> Role | None:
    if spec is None:
        return None
    if not isinstance(spec, Mapping) or set(spec) - {"titles", "before", "after", "message"}:
        raise spec_error(build, key, "a role has titles, before, after and message")
    after = [str(p) for p in spec.get("after") or []]
    return Role(
        titles=phrases([str(t) for t in spec["titles"]]) if spec.get("titles") else None,
        before=phrases([str(t) for t in spec["before"]]) if spec.get("before") else None,
        after=compile_regex("|".join(f"(?:{p})" for p in after), regex.IGNORECASE) if after else None,
        message=str(spec["message"]) if spec.get("message") else None,
        words=tuple(str(t) for t in [*(spec.get("titles") or []), *(spec.get("before") or [])]),
    )


def read_roles(spec: Any, build: BuildContext) -> tuple[Role | None, Role | None]:
    """The rule's ``roles``: (staff, patient)."""
    roles = spec or {}
    if not isinstance(roles, Mapping) or set(roles) - {"staff", "patient"}:
        raise spec_error(build, "roles", "roles has staff and patient")
    return read_role(roles.get("staff"), build, "roles.staff"), read_role(
        roles.get("patient"), build, "roles.patient")


def read_escalation(spec: Any, build: BuildContext) -> Escalation | None:
    """The rule's ``escalate``: the phrases that make a hit an error, or None."""
    if not spec:
        return None
    if not isinstance(spec, Mapping) or not spec.get("phrases"):
        raise spec_error(build, "escalate", "needs phrases: [...] and a severity")
    return Escalation(
        str(spec.get("severity", "error")),
        phrases(expand_items(spec["phrases"], {}, build.vocab)),
        str(spec["message"]) if spec.get("message") else None,
    )


def read_yaml(path: Path, build: BuildContext, key: str) -> Any:
    try:
        return load_pack_yaml(path.read_text(encoding="utf-8"), str(path))
    except (OSError, UnicodeDecodeError, InputError) as exc:
        raise spec_error(build, key, f"cannot read {path}: {exc}") from None


def load_definitions(path: Path, build: BuildContext) -> list[dict[str, Any]]:
    data = read_yaml(path, build, "recognizers")
    items = data.get("recognizers") if isinstance(data, dict) else None
    if not isinstance(items, list) or not all(isinstance(i, dict) and "entity" in i for i in items):
        raise spec_error(build, "recognizers", f"{path}: expected recognizers: [{{name, entity, ...}}]")
    return items


def with_own_forms(definitions: list[dict[str, Any]], extra: Mapping[str, Any],
                   build: BuildContext) -> list[dict[str, Any]]:
    """The definitions with a Trust's own forms of an identifier (``patterns_for``) in
    place of the built-in patterns."""
    for entity, patterns in extra.items():
        if not build.lazy:
            check_forms(entity, patterns, build)
        # A Trust whose hospital numbers look different lists its own forms here.
        definitions = [
            {**d, "patterns": [{"name": f"{entity} configured {i}", "regex": str(p),
                                "score": float(d["patterns"][0]["score"])}
                               for i, p in enumerate(patterns)]}
            if d["entity"] == entity and "patterns" in d else d
            for d in definitions
        ]
    return definitions


def check_forms(entity: str, patterns: Sequence[Any], build: BuildContext) -> None:
    """A Trust's own forms of an identifier are regular expressions: a broken one stops
    the rules loading, rather than the first post that is checked."""
    for index, pattern in enumerate(patterns):
        try:
            regex.compile(str(pattern))
        except regex.error as exc:
            raise spec_error(build, "patterns_for", f"{entity}[{index}] is not a valid regular "
                             f"expression: {exc}") from None


def _read_name_lists(source: Any, folder: Path, build: BuildContext, key: str) -> list[str]:
    """The names of one file or several (``key`` names the option in an error), each a
    mapping of lists of names by kind ("public_names.yaml" written by hand, "places.yaml"
    generated)."""
    entries: list[str] = []
    for name in (source if isinstance(source, list) else [source] if source else []):
        path = folder / str(name)
        data = read_yaml(path, build, key)
        if not isinstance(data, dict) or not all(isinstance(v, list) or v is None for v in data.values()):
            raise spec_error(build, key, f"{path}: expected lists of names by kind")
        entries += [str(n) for names in data.values() for n in (names or [])]
    return entries


def read_gazetteer(source: Any, folder: Path, build: BuildContext) -> tuple[tuple[frozenset[str], ...], Any]:
    """A public figure, a character or an organisation named after a person: the entries
    as name parts, and as text, so "Winnie the Pooh" covers a span spaCy cut at "Winnie"."""
    entries = _read_name_lists(source, folder, build, "gazetteer")
    text = phrases(entries) if entries else None
    return tuple(p for p in (name_parts(n) for n in entries) if p), text


def read_place_names(source: Any, folder: Path, build: BuildContext) -> frozenset[str]:
    """The casefolded names of the ``places_also_names`` files, one-word places that are
    first names too ("Dallas", "Georgia")."""
    return frozenset(n.casefold() for n in _read_name_lists(source, folder, build, "places_also_names"))
