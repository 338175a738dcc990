"""The ``pii`` detector: builds its recognizers and lists from the rule, and checks a
post for identifiers (``identifiers``) or for people's names, one finding per person
across the post's text, poll and alt text, each read as staff, patient or public."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, ClassVar

from ...pii.checksum import allowed, contact_key
from ...pii.names import matches_any, name_parts
from ..base import BaseDetector, BuildContext, Hit, Options, PostContext, spec_error
from .consent import Allowed, consented
from .context import listed_beside
from .definitions import (
    DEFAULT_RECOGNIZERS,
    ROLE,
    STRINGS,
    load_definitions,
    read_escalation,
    read_roles,
    with_own_forms,
)
from .filters import Filters, read_filters
from .hashtags import hashtag_names
from .identifiers import Prerequisites, identifiers, possible, prerequisites, sources
from .mention import after_symbol, name_start, shape_start
from .private import is_private_name
from .resolve import cut_to_names, one_record, resolve, same_person_once, split_listed
from .roles import read_people, with_message
from .things import reads_as_a_thing
from .words import LINK, NAME_ENTITY, NAME_WORD, NEEDS_EVIDENCE, QUOTED

# Where a post's poll or alt text's Doc is kept (by its text) once parsed.
_OTHER_DOC = "pii-other-doc"



def _shares_a_report(f: Filters, text: str) -> bool:
    """Whether the post shares someone else's report in the third person: no word of the
    poster's own voice ("our", "we", "I") outside links ("/us/" in an address is no "us")
    and quotations (a quoted "we" is someone else's), and a link to a news outlet; or a general short link (bit.ly) or a retweet's
    "RT @name:" with none of the Trust's own news either (thanks, a welcome, its patients,
    its wards, its name and towns). A Trust's own post about its patient in the paper
    ("Lovely to see our patient ... in the EDP") is in its own voice, and is still read; so
    is "Thank you to Jane Smith ... bit.ly/...", and "Patient Jane Smith ... bit.ly/..."."""
    outlet = f.news_links is not None and f.news_links.search(text) is not None
    shared = not outlet and ((f.shared_links is not None and f.shared_links.search(text) is not None)
                             or (f.shared_marks is not None and f.shared_marks.search(text) is not None))
    if not (outlet or shared):
        return False
    words = LINK.sub(" ", text)
    if f.own_voice is not None and f.own_voice.search(QUOTED.sub(" ", words)) is not None:
        return False
    # the Trust's news counts quoted too: "Jane Smith: 'thank you, James Paget' bit.ly/..."
    return outlet or f.own_news is None or f.own_news.search(words) is None


class PiiDetector(BaseDetector):
    options: ClassVar[Options] = {
        "entities": {"type": "array", "minItems": 1, "items": {"type": "string"}},
        "threshold": {"type": "number"},
        "labels": {"type": "object", "additionalProperties": {"type": "string"}},
        "recognizers": {"type": "string"},
        "patterns_for": {"type": "object", "additionalProperties": STRINGS},
        "allow": STRINGS,
        "not_names": STRINGS,
        "place_words": STRINGS,
        "street_words": STRINGS,
        "system_words": STRINGS,
        "public_titles": STRINGS,
        "after_name_titles": STRINGS,
        "club_offices": STRINGS,
        "clubs": STRINGS,
        "club_offices_alone": STRINGS,
        "office_jobs": STRINGS,
        "honours": STRINGS,
        "own_offices": STRINGS,
        "professional_clubs": STRINGS,
        "public_bodies": STRINGS,
        "public_roles": STRINGS,
        "public_role_words": STRINGS,
        "news_links": STRINGS,
        "own_voice": STRINGS,
        "shared_links": STRINGS,
        "shared_marks": STRINGS,
        "own_news": STRINGS,
        "public_message": {"type": "string"},
        "organisations": {"type": "object", "additionalProperties": False, "properties": {
            "names": STRINGS, "characters": STRINGS, "franchises": STRINGS, "before": STRINGS,
            "after": STRINGS, "products": STRINGS, "org_vote_before": STRINGS,
            "trades": STRINGS, "works_before": STRINGS}},
        "roles": {"type": "object", "additionalProperties": False,
                  "properties": {"staff": ROLE, "patient": ROLE}},
        "escalate": {"type": "object", "required": ["phrases"], "additionalProperties": False,
                     "properties": {"severity": {"$ref": "#/$defs/severity"},
                                    "message": {"type": "string"},
                                    "phrases": {"type": "array", "minItems": 1,
                                                "items": {"type": "string"}}}},
    }

    def __init__(self, spec: Mapping[str, Any], build: BuildContext):
        super().__init__(spec, build)
        entities = spec.get("entities")
        if not isinstance(entities, list) or not entities:
            raise spec_error(build, "entities", "a pii detector lists the entities it reports")
        self.entities = tuple(str(e) for e in entities)
        source = spec.get("recognizers")
        path = DEFAULT_RECOGNIZERS if source is None else Path(build.source).parent / str(source)
        self._recognizers_path = path
        # Where a broken definition is reported: plain values (a detector may be pickled).
        self._recognizers_at = (build.source, build.rule_id, build.line("recognizers"))
        definitions = [d for d in load_definitions(path, build) if d["entity"] in self.entities]
        known = {d["entity"] for d in definitions}
        missing = [e for e in self.entities if e not in known]
        if missing:
            raise spec_error(build, "entities", f"no recognizer in {path.name} finds {', '.join(missing)}")
        self.definitions = with_own_forms(definitions, spec.get("patterns_for") or {}, build)
        self.threshold = float(spec.get("threshold", 0.5))
        self.labels: dict[str, str] = {str(k): str(v) for k, v in (spec.get("labels") or {}).items()}
        self.names = NAME_ENTITY in self.entities
        if self.names:
            self.needs = frozenset({"nlp", "ner"})
        self.allow = tuple(str(a) for a in spec.get("allow") or [])
        # Keyed by the configuration's own lists: the rule is compiled once but a
        # Linter (or a rule example) may run it under another configuration.
        self._allow_cache: dict[tuple[tuple[str, ...], tuple[str, ...]], Allowed] = {}
        filters = read_filters(spec, self.definitions, path.parent, build)
        self.escalation = read_escalation(spec.get("escalate"), build)
        staff, patient = read_roles(spec.get("roles"), build)
        # How a private person's name is told from anything else (see ``filters``).
        self.filters = replace(filters, staff=staff, patient=patient)
        # A plain message for a person read as neither (a member of the public).
        self.public_message = str(spec["public_message"]) if spec.get("public_message") else None
        self._analyzer: Any = None
        # What each entity's recognizers need in a text (see ``_possible``), worked out
        # on first use.
        self._prerequisites: Prerequisites | None = None

    # -- Presidio, built on first use ------------------------------------------

    def _engine(self) -> Any:
        if self._analyzer is None:
            from ...errors import RuleError
            from ...pii.analysis import Analyzer, RecognizerError

            try:
                self._analyzer = Analyzer(self.definitions, self.entities, self.threshold)
            except RecognizerError as exc:
                # A Trust's own recognizers file: name it, as a broken rule file is named.
                source, rule_id, line = self._recognizers_at
                raise RuleError(source, f"rule {rule_id}: recognizers: {self._recognizers_path}: "
                                f"{exc}", line) from None
        return self._analyzer

    def prepare(self, contexts: Sequence[PostContext]) -> None:
        """Build Presidio once per batch, before the first post asks for it, and parse the
        batch's poll and alt texts in one pass of the model (as its posts' texts are),
        not one call each: a call on its own costs a few milliseconds however short the
        text. The same Docs either way (checked on every corpus text)."""
        if not contexts:
            return
        self._engine()
        if not self.names:
            return
        wanted = [(ctx, source) for ctx in contexts
                  if ctx.language is not None and ctx.parsed_doc is not None
                  for _field, source, file_name in sources(ctx)[1:]
                  if not file_name and source.strip() and (_OTHER_DOC, source) not in ctx.cache]
        if wanted:
            language = wanted[0][0].language
            assert language is not None
            for (ctx, source), doc in zip(wanted, language.pipe(s for _, s in wanted), strict=True):
                ctx.cache[(_OTHER_DOC, source)] = doc

    # -- per post ----------------------------------------------------------------

    def _doc(self, ctx: PostContext) -> Any:
        if not self.names:
            return None
        from ...nlp import ModelUnavailable

        try:
            return ctx.doc
        except ModelUnavailable:
            return None  # name detection is off; run.py has said so once

    def _allowed(self, ctx: PostContext) -> Allowed:
        config = ctx.config
        key = (config.allow_contacts, config.allow_public_figures)
        found = self._allow_cache.get(key)
        if found is None:
            people = (*self.allow, *config.allow_public_figures) if self.names else ()
            found = Allowed(
                contacts=frozenset(
                    contact_key(a) for a in (*self.allow, *config.allow_contacts) if contact_key(a)
                ),
                people=tuple(name_parts(n) for n in people),
            )
            self._allow_cache[key] = found
        return found

    def find(self, ctx: PostContext) -> Iterable[Hit]:
        if self.names:
            found = self._names(ctx)
            if found and _shares_a_report(self.filters, ctx.post.text):
                # "Rob Ford set to have cancer surgery http://www.cbc.ca/...": the post shares
                # a news outlet's report, so its text names the outlet's people, not the
                # Trust's (still masked in every other rule's evidence: person_spans)
                return [h for h in found if h.field is not None]
            return found
        allow = self._allowed(ctx)
        engine = self._engine()
        hits: list[Hit] = []
        for field, source, file_name in sources(ctx):
            hits.extend(identifiers(engine, self.entities, self._possible, self.labels, allow,
                                    field, source, file_name))
        if hits and self.escalation is not None and self.escalation.pattern.search(ctx.folded.text):
            hits = [with_message(h, self.escalation.severity, self.escalation.message) for h in hits]
        return hits

    def person_spans(self, ctx: PostContext) -> list[tuple[int, int]]:
        """Where the post's text names someone, for masking every other rule's evidence:
        each person this detector reports, and the person being answered where the reply
        greets them (allowed in the post, still personal data in a report). Only once
        the post is parsed: masking never loads the model."""
        if not self.names or ctx.parsed_doc is None:
            return []
        spans = [span for h in self._names(ctx) if h.field is None
                 for span in (h.mentions or ((h.start, h.end),))]
        answered = ctx.post.reply_to
        if answered is not None and answered.author:
            parts = name_parts(answered.author)
            text = ctx.post.text
            spans.extend(m.span() for m in NAME_WORD.finditer(text)
                         if m.group(0)[:1].isupper() and name_parts(m.group(0)) & parts)
        return spans

    def role_words(self) -> tuple[str, ...]:
        """The staff role's titles and the roles written before a name ("Staff Nurse",
        "healthcare assistant"): who the person is, shown beside a masked name."""
        staff = self.filters.staff
        return staff.words if staff is not None else ()

    def _possible(self, text: str) -> tuple[str, ...]:
        """The entities some recognizer of which could find something in ``text`` (see
        ``identifiers.possible``)."""
        if self._prerequisites is None:
            self._prerequisites = prerequisites(self.definitions, self.entities)
        return possible(self._prerequisites, text)

    def _names(self, ctx: PostContext) -> list[Hit]:
        """Every person the post names; memoised, as the engine also asks for these to mask
        other rules' evidence."""
        found: list[Hit] = ctx.memo(("pii-names", id(self)), lambda: self._find_names(ctx))
        return found

    def _find_names(self, ctx: PostContext) -> list[Hit]:
        """Names in the post's text, then in its poll and media alt text (parsed on their
        own: they are published too), one finding per person across all of them."""
        allow = self._allowed(ctx)
        engine = self._engine()
        doc = self._doc(ctx)
        if doc is None:
            return []  # name detection is off; run.py has said so once
        health = self.escalation is not None and bool(self.escalation.pattern.search(ctx.folded.text))
        # Every personal-data rule reading this post reads the same Doc.
        artifacts = ctx.memo("presidio-artifacts", lambda: engine.artifacts(doc))
        out = self._names_in(ctx, allow, ctx.post.text, doc, artifacts, health, reply=True)
        for field, source, file_name in sources(ctx)[1:]:
            if file_name or not source.strip() or ctx.language is None:
                continue
            other = ctx.cache.get((_OTHER_DOC, source))  # parsed with the batch (prepare)
            if other is None:
                other = ctx.cache[(_OTHER_DOC, source)] = ctx.language.parse(source)
            found = self._names_in(ctx, allow, source, other, engine.artifacts(other), health)
            out.extend(Hit(evidence=h.evidence, field=field, personal=True, tag=h.tag,
                           severity=h.severity, message=h.message) for h in found)
        return same_person_once(out, ctx.post.text)

    def _names_in(self, ctx: PostContext, allow: Allowed, text: str, doc: Any, artifacts: Any,
                  health: bool, reply: bool = False) -> list[Hit]:
        if not text.strip():
            return []
        f = self.filters
        results = self._engine().analyze(text, doc, artifacts)
        hits = []
        # Names no list knows that have nothing only people have next to them: reported
        # only if they stand in a list beside a name that is ("Tiegan and Oreoluwa").
        pending: list[tuple[int, int]] = []
        # Names the post's consent entries cover: a list of people still ("From left:
        # Shannon, Abi, Teuta and Joy", with consent for three), so one no list knows beside
        # them is a person too.
        covered: list[tuple[int, int]] = []
        entries = consented(ctx, text)
        # First names of full names set aside earlier in the post (a public figure in a public
        # role, a firm): the same first name alone later is the same one ("the Chief Nursing
        # Officer for England, Duncan Burton ... Thank you, Duncan").
        cleared: set[str] = set()
        for result in split_listed(text, cut_to_names(text, resolve(results, self.entities))):
            entity = result.entity_type
            evidence = text[result.start:result.end]
            start = result.start
            if entity == NAME_ENTITY:
                shape = bool(result.recognition_metadata.get(NEEDS_EVIDENCE))
                begin = shape_start(f, text, start, result.end) if shape else start
                if entries and matches_any(text[begin:result.end], entries, alone=True):
                    covered.append((name_start(f, text, begin, result.end), result.end))
                if shape and reads_as_a_thing(doc, text, begin, result.end, ctx.language):
                    continue
                begin = after_symbol(f, text, begin, result.end)
                words = NAME_WORD.findall(text, begin, result.end)
                if len(words) == 1 and words[0].casefold() in cleared:
                    continue
                if not is_private_name(f, ctx, allow, begin, result.end, text, reply,
                                       need_cue=shape, doc=doc):
                    if len(words) > 1 and all(w[:1].isupper() for w in words):
                        cleared.add(words[0].casefold())
                    if shape and is_private_name(f, ctx, allow, begin, result.end, text, reply,
                                                 need_cue=None, doc=doc):
                        pending.append((name_start(f, text, begin, result.end), result.end))
                    continue
                start = name_start(f, text, begin, result.end)
                evidence = text[start:result.end]
            elif allowed(evidence, allow.contacts):
                continue
            hits.append(Hit(
                start, result.end, evidence=evidence, personal=True,
                tag=self.labels.get(entity, entity.replace("_", " ").lower()),
            ))
        person = self.labels.get(NAME_ENTITY, "person")
        hits.extend(listed_beside(text, hits, pending, covered, person))
        hits.extend(hashtag_names(f, ctx, allow, text, person))
        if not hits:
            return hits
        if not health and self.escalation is not None:
            health = bool(self.escalation.pattern.search(text))  # a poll about someone's care
        # One finding per person: the parts of a name a form gives under separate labels,
        # and every later mention, folded into the first.
        people = same_person_once(one_record(text, hits, f.record_labels), text)
        return read_people(text, people, health, f.staff, f.patient, self.escalation,
                           self.public_message)


DETECTOR = PiiDetector
