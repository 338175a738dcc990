"""Triage: each inbound message gets categories, a priority, actions and a reply.

A ``Triage`` holds a ``Linter`` (its configuration, its masking step and its shared
store) plus the categories and reply templates, all loaded once, and reads any
number of messages. It needs no language model: every category is found by rule
kinds that run on plain text, so 10,000 messages take seconds.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import RuleRuntimeError
from ..kinds.base import Hit, PostContext, find_in_turn
from ..kinds.classifier import post_vector
from ..models import Clause, Position, Post
from ..parallel import ordered_map, usable_jobs
from ..redact import apply_masks, redactor_for
from .categories import PRIORITY_RANK, Category, CategoryModel, load_categories, order
from .messages import Message
from .replies import Replies, load_replies

if TYPE_CHECKING:
    from ..engine import Linter
    from ..kinds import Guarded

# Messages per task when a big export is shared among processes.
CHUNK = 250


@dataclass(frozen=True)
class Action:
    category: str
    text: str
    clause: Clause


@dataclass(frozen=True)
class Evidence:
    category: str
    text: str


@dataclass(frozen=True)
class Triaged:
    """One message as the queue shows it. ``text``, ``author`` and ``evidence`` are
    masked unless the Linter was built with ``show_evidence``."""

    id: str
    source: str
    line: int
    channel: str | None
    author: str | None
    created: str | None
    in_reply_to: str | None
    text: str
    categories: tuple[str, ...]
    priority: str
    actions: tuple[Action, ...]
    reply: str | None
    reply_template: str
    reply_clause: Clause
    evidence: tuple[Evidence, ...] = ()
    failures: tuple[str, ...] = ()

    @property
    def action(self) -> str:
        return " ".join(f"{a.text} ({a.clause.label()})" for a in self.actions)


class Triage:
    """Categories, priority, action and reply for inbound messages."""

    def __init__(
        self,
        linter: Linter,
        categories: Sequence[Category] | None = None,
        replies: Replies | None = None,
        categories_path: Path | None = None,
        replies_path: Path | None = None,
    ):
        self.linter = linter
        contacts = linter.config.contacts
        # The Trust's own contacts are never personal data, in a message or a reply.
        allowed = (*linter.config.allow_contacts,
                   *(v for v in contacts.values() if v not in linter.config.allow_contacts))
        self.config = replace(linter.config, allow_contacts=allowed)
        self.categories = list(categories) if categories is not None else load_categories(
            self.config, categories_path)
        self.replies = replies or load_replies(self.config, replies_path)
        self.contacts = dict(contacts)
        self.redactor = redactor_for(allowed)
        self._rank = order(self.categories)
        self._by_id = {c.id: c for c in self.categories}
        # Each detector's key in a message's cache, worked out once (a detector shared
        # by two categories, like urgent's medical ones in clinical, runs once).
        self._keys = {id(d): f"triage:{id(d)}" for c in self.categories for d in c.detectors}

    def run(self, messages: Iterable[Message], jobs: int | None = None) -> list[Triaged]:
        """Every message, most urgent first (file order within a priority)."""
        return sorted(self.each(messages, jobs), key=lambda t: -PRIORITY_RANK[t.priority])

    def each(self, messages: Iterable[Message], jobs: int | None = None) -> Iterator[Triaged]:
        """Every message triaged, in the order given, each as soon as it is done (the
        command keeps the queue on disk past a few thousand: ``report.Queue``).

        A big export is shared among forked workers like a big calendar (``jobs``:
        0 one per core, 1 this process only; default the Linter's): the first chunk
        runs here, so the workers inherit compiled patterns.
        """
        items = list(messages)
        jobs = self.linter.jobs if jobs is None else jobs
        chunks = [items[i:i + CHUNK] for i in range(0, len(items), CHUNK)]
        workers = usable_jobs(jobs, len(chunks) - 1) if len(chunks) > 2 else 1
        if not chunks:
            return
        yield from (self.one(m) for m in chunks[0])
        rest = chunks[1:]
        if workers <= 1:
            yield from (self.one(m) for chunk in rest for m in chunk)
        else:
            for part in ordered_map(lambda i: [self.one(m) for m in rest[i]],
                                    range(len(rest)), workers):
                yield from part

    def categorise(self, message: Message) -> tuple[list[str], dict[str, list[Hit]], list[str]]:
        """The categories of one message (in queue order) with their hits."""
        ctx = self._context(message)
        found: dict[str, list[Hit]] = {}
        failures: list[str] = []
        for category in self.categories:
            if category.fallback:
                continue
            hits = self._hits(category, ctx, failures)
            if hits:
                found[category.id] = hits
        for category in self.categories:
            if not category.fallback:
                continue
            others = set(found) - set(category.beside)
            if others:
                continue
            hits = self._hits(category, ctx, failures)
            if hits or not found:
                found[category.id] = hits
        names = sorted(found, key=lambda c: self._rank[c])
        return names, found, failures

    def one(self, message: Message) -> Triaged:
        names, found, failures = self.categorise(message)
        by_id = self._by_id
        priority = max((by_id[n].priority for n in names), key=PRIORITY_RANK.__getitem__,
                       default="low")
        template = self.replies.choose(names)
        personal = [(h.start, h.end) for n in names if by_id[n].masks for h in found[n]
                    if h.field is None]
        show = self.linter.show_evidence
        # A name that no list, model or category knows ("..., Fenella Quennell, what do I
        # do?") is masked as check masks a quoted sentence: every capitalised word no
        # dictionary has.
        spans = [] if show else self.linter.titles_and_roles.names_only(message.text, [
            *self.redactor.spans(message.text), *personal, *self.redactor.unknown_words(message.text)])
        text = message.text if show else apply_masks(message.text, spans)
        evidence: list[Evidence] = []
        for name in names:
            seen: set[tuple[int, int]] = set()
            for hit in found[name]:
                if hit.field is not None or hit.end <= hit.start or (hit.start, hit.end) in seen:
                    continue
                if len(seen) == 3:
                    break
                seen.add((hit.start, hit.end))
                inside = [(max(s, hit.start) - hit.start, min(e, hit.end) - hit.start)
                          for s, e in spans if s < hit.end and hit.start < e]
                piece = message.text[hit.start:hit.end]
                shown = piece if show else apply_masks(piece, inside)
                evidence.append(Evidence(name, " ".join(shown.split())))
        return Triaged(
            id=self._safe(message.id),
            source=message.source,
            line=message.line,
            channel=message.channel,
            author=self._safe(message.author) if message.author else None,
            created=message.created,
            in_reply_to=message.in_reply_to,
            text=text,
            categories=tuple(names),
            priority=priority,
            actions=tuple(Action(n, by_id[n].action, by_id[n].clause) for n in names),
            reply=template.render(self.contacts),
            reply_template=template.id,
            reply_clause=template.clause,
            evidence=tuple(evidence),
            failures=tuple(failures),
        )

    # -- helpers ------------------------------------------------------------------

    def _context(self, message: Message) -> PostContext:
        post = Post(text=message.text, source=message.source, id=message.id,
                    position=Position(message.line, 1), exact_columns=False)
        return PostContext(post, self.config, None, resources=self.linter.resources)

    def _hits(self, category: Category, ctx: PostContext, failures: list[str]) -> list[Hit]:
        if category.only_if is not None and not category.only_if.search(ctx.post.text):
            return []
        try:
            cache = ctx.cache
            found_by: dict[int, list[Hit]] = {}

            def ask(i: int, detector: Guarded) -> list[Hit]:
                key = self._keys.get(id(detector)) or f"triage:{id(detector)}"
                found = cache.get(key)
                if found is None:
                    found = cache[key] = list(detector.find(ctx))
                found_by[i] = found
                return found

            # in the rule's order: a learned addition (``alone``) only where the rest found nothing
            hits = find_in_turn(category.detectors, ask)
            firm = any(found and category.firm and category.firm[i] for i, found in found_by.items())
            # A firm detector's hit is not the model's to veto.
            if category.model is not None and not firm:
                hits = self._learned(category.model, ctx, hits)
            if hits and any(list(guard.find(ctx)) for guard in category.unless):
                return []
            return hits
        except RuleRuntimeError as exc:
            failures.append(f"{category.id}: {exc.reason}")
            return []

    def _learned(self, learned: CategoryModel, ctx: PostContext, hits: list[Hit]) -> list[Hit]:
        """The category's model beside its cues: a very low score removes what the cues
        found (a weak cue), a high one adds the category when they found nothing (its
        evidence is the whole message, masked like the rest)."""
        if hits and not learned.veto:
            return hits
        # Shared with the rules' classifiers: a message is featurized once for every model
        # with these features (urgent's own model included).
        vector = post_vector(ctx, "text", ctx.folded.text, learned.model.card.features)
        score = learned.model.score(vector)
        if hits:
            return hits if score >= learned.veto else []
        if score < learned.add:
            return []
        text = ctx.post.text
        start = len(text) - len(text.lstrip())
        end = len(text.rstrip())
        return [Hit(start, end, evidence=text[start:end], score=round(score, 4),
                    detector=f"model {learned.name}")]

    def _safe(self, text: str) -> str:
        if self.linter.show_evidence or not text:
            return text
        # An author written as a full name nobody's list knows ("Fenella Quennell"); an id
        # or a handle is one word and stays whole.
        return apply_masks(text, self.redactor.written_spans(text))
