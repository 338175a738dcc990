"""The ``Linter``: posts in, findings out.

Built once from a configuration (rules loaded and compiled, the language model
loaded on first need) and then used for any number of posts. Posts are checked
in batches so the language model parses many texts in one ``nlp.pipe`` call; a
big batch is shared among forked workers, one per core (``parallel``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import nullcontext
from dataclasses import replace
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, cast, overload

from .config import Config
from .errors import RuleRuntimeError
from .inputs import Loaded, discover, load_file
from .kinds.base import CalendarInfo, Hit, PostContext, RunResources, find_in_turn
from .literals import LiteralScan
from .masking import mask
from .models import (
    ConsentEntry,
    Finding,
    Media,
    Poll,
    Position,
    Post,
    ReplyTo,
    Result,
    RuleFailure,
    Severity,
    Suppressed,
)
from .nlp import Language, ModelUnavailable
from .parallel import ordered_map, usable_jobs
from .redact import Redactor, TitlesAndRoles, apply_masks, redactor_for
from .ruleset import Rule, load_selected, select_rules
from .spill import SortedFindings, SpillList

if TYPE_CHECKING:
    from .accounts import Register
    from .cache import ResultCache
    from .distributed import DaskRunner
    from .triage import Message, Triage, Triaged

BATCH_SIZE = 256
# Posts per task when a batch is shared among processes: small enough to keep
# both cores busy to the end, big enough for one efficient model pass.
CHUNK_SIZE = 64
# Posts read at a time from a streamed input (a platform archive).
STREAM_CHUNK = 4096
REGISTER_NOTICE = (
    "no accounts register is configured, so the accounts posts go out from were not "
    "checked; name it with accounts = \"accounts.yaml\" in socialpolicy.toml"
)


Progress = Callable[[int], None]


class Linter:
    """Checks posts against a rule set. Safe to reuse; holds no per-post state."""

    def __init__(
        self,
        config: Config | None = None,
        *,
        rules: Sequence[Rule] | None = None,
        select: Sequence[str] = (),
        ignore: Sequence[str] = (),
        show_evidence: bool | None = None,
        language: Language | None = None,
        register: Register | None = None,
        jobs: int | None = None,
        cache_dir: Path | None = None,
        dask: DaskRunner | None = None,
    ):
        self.config = config or Config()
        # A Dask cluster to send batches of posts to (``distributed``), or None.
        self.dask = dask
        # Processes for a big batch of posts: 0 = one per core, 1 = this process only.
        self.jobs = self.config.jobs if jobs is None else jobs
        chosen = tuple(select) or self.config.select
        skipped = (*self.config.ignore, *ignore)
        if rules is not None:
            self.rules = select_rules(rules, chosen, skipped)
            self.all_rule_ids = frozenset(r.id for r in rules)
        else:
            # Only selected rules are compiled, so selecting a length rule never pays
            # for word lists or language models that other rules would load.
            self.rules, self.all_rule_ids = load_selected(self.config, chosen, skipped)
        self.show_evidence = self.config.show_evidence if show_evidence is None else show_evidence
        # A rule that audits suppressions (kind ``suppression``) cannot itself be suppressed.
        self._unsuppressible = frozenset(
            r.id for r in self.rules
            if any(isinstance(d, Mapping) and d.get("kind") == "suppression"
                   for d in r.raw.get("detect") or ())
        )
        needs: set[str] = set()
        for rule in self.rules:
            needs |= rule.needs
        self.needs = frozenset(needs)
        self.language: Language | None = None
        if "nlp" in needs:
            # A caller checking many rule sets passes one Language so the model loads once.
            self.language = language or Language(self.config.pii_model, components=self.needs)
        # What every detector of the run may use; the register and the hours are read
        # on first use, once per Linter. Every pattern's required strings are looked for
        # in each post in one pass (``literal_scan``).
        scan = LiteralScan(p for r in self.rules for d in r.detectors for p in d.rule_patterns())
        self.resources = RunResources(self.config, self.all_rule_ids, register, scan)
        uses_register = any(d.uses_register for r in self.rules for d in r.detectors)
        self._register_missing = (
            uses_register and register is None and self.config.accounts is None
        )
        # The result cache (``cache``): never with --show-evidence, so unmasked
        # evidence is never written to disk.
        self.cache: ResultCache | None = None
        if cache_dir is not None and not self.show_evidence:
            from .cache import ResultCache, is_live

            self.cache = ResultCache.for_linter(self, cache_dir)
            self._live_rules = [r for r in self.rules if not r.calendar and is_live(r)]

    # -- public entry points -------------------------------------------------

    def check_text(
        self,
        text: str,
        *,
        id: str | None = None,  # noqa: A002 - the metadata key is called id
        account: str | None = None,
        platform: str | None = None,
        scheduled: str | datetime | None = None,
        media: Sequence[Media | Mapping[str, Any]] | None = None,
        consent: Sequence[ConsentEntry | Mapping[str, Any]] | None = None,
        poll: Poll | Mapping[str, Any] | None = None,
        reply_to: ReplyTo | Mapping[str, Any] | None = None,
        monitored_by: str | None = None,
        ignore: Mapping[str, str] | None = None,
    ) -> list[Finding]:
        """Findings for one post: its text and the metadata a draft's front matter
        would hold (SPEC §1), e.g. ``linter.check_text("...", platform="twitter")``.

        ``media``, ``consent``, ``poll`` and ``reply_to`` take the model's objects or
        plain mappings. A misspelt keyword is a ``TypeError``; a bad value is an
        ``InputError`` naming the key. Findings come sorted by place; personal data
        in them is masked unless the Linter was built with ``show_evidence=True``.
        """
        from .inputs.draft import read_draft
        from .keywords import as_front_matter

        metadata = as_front_matter(
            id=id, account=account, platform=platform, scheduled=scheduled, media=media,
            consent=consent, poll=poll, reply_to=reply_to, monitored_by=monitored_by,
            ignore=ignore,
        )
        post = read_draft(text, "<text>", metadata)
        return self.check_posts([post]).findings

    def check_file(self, path: str | Path, **metadata: Any) -> Result:
        """Everything found in one draft or calendar: the same ``Result`` as ``check_paths``."""
        return self.check_paths([str(path)], metadata)

    def check_paths(
        self,
        paths: Sequence[str],
        metadata: Mapping[str, Any] | None = None,
        *,
        stdin: BinaryIO | None = None,
        progress: Progress | None = None,
        on_loaded: Callable[[Loaded], None] | None = None,
        stdin_filename: str | None = None,
    ) -> Result:
        """Check files and folders (``-`` for stdin, read as ``stdin_filename`` would be)."""
        result = Result()
        for path in discover(paths, self.config, notices=result.notices):
            loaded = load_file(path, self.config, metadata, stdin, stdin_filename)
            result.notices.extend(loaded.notices)
            if on_loaded is not None:
                on_loaded(loaded)
            if loaded.skipped:
                result.notices.append(f"{path}: skipped: {loaded.skipped}")
                continue
            result.files += 1
            calendar = CalendarInfo(loaded.as_of) if loaded.calendar else None
            if loaded.stream is not None:
                self._check_stream(loaded.stream(), result, progress, calendar)
            else:
                self._check_into(list(loaded.posts), result, progress, calendar)
        self._flush_cache(result)
        result.sort()
        return result

    def check_posts(
        self,
        posts: Sequence[Post],
        progress: Progress | None = None,
        calendar: CalendarInfo | None = None,
    ) -> Result:
        """Check posts; ``calendar`` marks them as one calendar (with its ``as_of``)."""
        result = Result(files=len({p.source for p in posts}))
        self._check_into(list(posts), result, progress, calendar)
        self._flush_cache(result)
        result.sort()
        return result

    def mask_text(self, text: str) -> str:
        """``text`` with what could identify someone masked, character for character (the
        same length, so positions in it still hold): identifier shapes, people the
        language model finds, and capitalised words no dictionary has, as in a quoted
        sentence. For showing a user's own lines outside a finding (a diff, the web
        page's draft); unchanged when the Linter shows evidence."""
        if self.show_evidence or not text:
            return text
        spans = self.redactor.spans(text)
        spans += self.redactor.unknown_words(text)
        if self.language is not None and self.language.available():
            from .text.model_input import too_long

            if not too_long(text):
                # Only positions leave the zone: a long-running server's vocabulary
                # does not grow with every draft it shows.
                with self.language.zone():
                    doc = self.language.parse(text)
                    spans += [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PERSON"]
        return apply_masks(text, self.titles_and_roles.names_only(text, spans))

    def triage(self, messages: Iterable[Message]) -> list[Triaged]:
        """Inbound comments and messages as a moderation queue, most urgent first:
        categories, priority, action and a suggested reply for each (SPEC §5)."""
        return self._triage.run(messages)

    @cached_property
    def _triage(self) -> Triage:
        from .triage import Triage

        return Triage(self)

    def _flush_cache(self, result: Result) -> None:
        if self.cache is not None:
            self.cache.flush()
            result.notices.extend(n for n in self.cache.notices if n not in result.notices)

    # -- the work --------------------------------------------------------------

    def _contexts(
        self, posts: Sequence[Post], calendar: CalendarInfo | None = None
    ) -> list[PostContext]:
        contexts = [
            PostContext(post, self.config, self.language, resources=self.resources,
                        calendar=calendar)
            for post in posts
        ]
        if self.language is not None and contexts:
            from .text.model_input import too_long

            readable = [c for c in contexts if not too_long(c.post.text)]
            try:
                docs = self.language.pipe((c.post.text for c in readable), batch_size=64)
                for ctx, doc in zip(readable, docs, strict=False):
                    ctx.set_doc(doc)
            except ModelUnavailable:
                pass
        for rule in self.rules:
            for detector in (*rule.detectors, *rule.unless):
                detector.prepare(contexts)
        return contexts

    def _check_stream(
        self,
        posts: Iterable[Post],
        result: Result,
        progress: Progress | None,
        calendar: CalendarInfo | None,
    ) -> None:
        """Check posts read a chunk at a time (a platform archive), so neither the texts
        nor their parses are ever all held: calendar-wide rules see each post's metadata
        without its text once every chunk is done."""
        calendar_rules = [r for r in self.rules if r.calendar]
        kept = _Skeletons(self.config, self.resources, calendar)
        # The findings, kept for the sorted report, wait on disk past a few thousand
        # (``spill``): a long archive's memory stays flat, their order is the same.
        # Not with --show-evidence: what goes to disk must be masked (spill.py), so the
        # unmasked findings the user asked for stay in memory, as triage's do.
        if not self.show_evidence and not isinstance(result.findings, SortedFindings):
            result.findings = cast("list[Finding]", SortedFindings(result.findings))
        for chunk in _chunks(posts, STREAM_CHUNK):
            self._check_into(chunk, result, progress, calendar, with_calendar=False)
            if calendar_rules:
                kept.extend(chunk)
        # The last chunk's posts (texts, parsed entries) are not needed by the calendar pass.
        chunk = []
        if calendar_rules:
            self._run_calendar(calendar_rules, kept, result)

    def _check_into(
        self,
        posts: list[Post],
        result: Result,
        progress: Progress | None,
        calendar: CalendarInfo | None = None,
        with_calendar: bool = True,
    ) -> None:
        result.posts += len(posts)
        if self.language is not None:
            from .text.model_input import MODEL_MAX_CHARS, too_long

            for post in posts:
                if too_long(post.text):
                    where = post.source + (f" [post {self.redactor.redact(post.id)}]" if post.id else "")
                    result.notices.append(
                        f"{where}: longer than {MODEL_MAX_CHARS:,} characters, so names were not "
                        "looked for in it (every other check ran); split it into shorter posts"
                    )
        if (
            self._register_missing
            and REGISTER_NOTICE not in result.notices
            and any(p.account for p in posts)
        ):
            result.notices.append(REGISTER_NOTICE)
        if self.cache is not None:
            self._check_cached(posts, result, progress, calendar, self.cache)
        else:
            for size, parts in self._per_post(posts, calendar):
                for part in parts:
                    result.findings.extend(part.findings)
                    result.suppressed.extend(part.suppressed)
                    result.failures.extend(part.failures)
                if progress is not None:
                    progress(size)
        calendar_rules = [r for r in self.rules if r.calendar]
        if calendar_rules and with_calendar:
            # Calendar-wide rules read metadata only: light contexts, no parsed docs.
            contexts = [
                PostContext(post, self.config, resources=self.resources, calendar=calendar)
                for post in posts
            ]
            self._run_calendar(calendar_rules, contexts, result)

    def _check_cached(
        self,
        posts: list[Post],
        result: Result,
        progress: Progress | None,
        calendar: CalendarInfo | None,
        cache: ResultCache,
    ) -> None:
        """Posts checked before (same post, same rules, settings, register and model)
        take their findings from the cache and run only the rules that are never
        cached; the rest are checked in full and remembered."""
        from .cache import post_key

        keys = [post_key(post) for post in posts]
        outcomes: list[Result | None] = [None] * len(posts)
        todo: list[int] = []
        fresh: list[int] = []
        for index, (post, key) in enumerate(zip(posts, keys, strict=True)):
            stored = cache.lookup(post, key)
            if stored is None:
                todo.append(index)
                continue
            part = Result(findings=stored[0], suppressed=stored[1])
            ctx = PostContext(post, self.config, self.language, resources=self.resources,
                              calendar=calendar)
            raw: list[Finding] = []
            for rule in self._live_rules:
                raw.extend(self._run_rule(rule, ctx, part))
            self._apply_suppressions(ctx, raw, part)
            outcomes[index] = part
            fresh.append(index)
        if progress is not None and fresh:
            progress(len(fresh))
        checked = iter(todo)
        for size, parts in self._per_post([posts[i] for i in todo], calendar):
            for part in parts:
                outcomes[next(checked)] = part
            if progress is not None:
                progress(size)
        # Nothing checked without the language model it wanted is remembered.
        if todo and (self.language is None or "ner" not in self.needs
                     or self.language.available()):
            for index in todo:
                done = outcomes[index]
                if done is not None and not done.failures:  # a failed rule runs again next time
                    cache.store(posts[index], keys[index], done.findings, done.suppressed)
        for outcome in outcomes:
            assert outcome is not None
            result.findings.extend(outcome.findings)
            result.suppressed.extend(outcome.suppressed)
            result.failures.extend(outcome.failures)

    def _per_post(
        self, posts: list[Post], calendar: CalendarInfo | None
    ) -> Iterator[tuple[int, list[Result]]]:
        """(posts checked, their findings) for each batch, in order, on every core
        when the batch is big enough (see ``parallel``)."""
        if self.dask is not None:
            yield from self.dask.map_batches(self, posts, calendar)
            return
        chunks = -(-len(posts) // CHUNK_SIZE)
        jobs = usable_jobs(self.jobs, chunks - 1) if chunks > 2 else 1
        size = BATCH_SIZE if jobs <= 1 else CHUNK_SIZE
        batches = [posts[i:i + size] for i in range(0, len(posts), size)]
        if not batches:
            return
        # The first batch here, so forked workers inherit a loaded model and warm rules.
        first, rest = batches[0], batches[1:]
        yield len(first), self._check_batch(first, calendar)
        parts: Iterable[list[Result]] = (
            (self._check_batch(batch, calendar) for batch in rest) if jobs <= 1
            else ordered_map(lambda index: self._check_batch(rest[index], calendar),
                             range(len(rest)), jobs)
        )
        for batch, part in zip(rest, parts, strict=True):
            yield len(batch), part

    def _check_batch(self, posts: Sequence[Post], calendar: CalendarInfo | None) -> list[Result]:
        """Every per-post rule over a batch parsed in one pass: each post's findings.

        The batch's Docs live only in this call, so it runs in the language model's
        memory zone: the words they brought are forgotten when it ends, and a long
        run's memory stays flat however many new words its posts hold."""
        parts = []
        with self.language.zone() if self.language is not None else nullcontext():
            rules = [rule for rule in self.rules if not rule.calendar]
            for ctx in self._contexts(posts, calendar):
                part = Result()
                raw: list[Finding] = []
                for rule in rules:
                    found = self._run_rule(rule, ctx, part)
                    if found:
                        raw.extend(found)
                if raw:
                    self._apply_suppressions(ctx, raw, part)
                parts.append(part)
        return parts

    def _run_rule(self, rule: Rule, ctx: PostContext, result: Result) -> list[Finding]:
        try:
            hits = find_in_turn(rule.detectors, lambda _, detector: detector.find(ctx))
            # Most rules find nothing in most posts: no guard to ask, nothing to mask.
            if not hits or any(list(guard.find(ctx)) for guard in rule.unless):
                return []
        except RuleRuntimeError as exc:
            post_id = self._safe(ctx, ctx.post.id) if ctx.post.id is not None else None
            result.failures.append(RuleFailure(rule.id, post_id, ctx.post.source, exc.reason))
            return []
        return self._findings(rule, ctx, _distinct(hits))

    def _run_calendar(
        self, rules: Sequence[Rule], contexts: Sequence[PostContext], result: Result
    ) -> None:
        for rule in rules:
            per_post: dict[int, list[Hit]] = {}
            try:
                for detector in rule.detectors:
                    for index, hit in detector.find_all(contexts):
                        per_post.setdefault(index, []).append(hit)
            except RuleRuntimeError as exc:
                result.failures.append(RuleFailure(rule.id, None, "", exc.reason))
                continue
            for index, hits in per_post.items():
                ctx = contexts[index]
                self._apply_suppressions(ctx, self._findings(rule, ctx, hits), result)

    @cached_property
    def redactor(self) -> Redactor:
        """The one masking step every string from a post passes before it leaves."""
        from .rule_words import written_words

        redactor = redactor_for(self.config.allow_contacts)
        # What the rules look for ("wazzock", "Calpol") is shown in their quotes as written.
        return replace(redactor, rule_words=written_words(self.rules))

    @cached_property
    def titles_and_roles(self) -> TitlesAndRoles:
        """The titles and the roles this run's rules list (``role_words``) that a
        report leaves showing before a masked name (``redact.TitlesAndRoles``)."""
        return TitlesAndRoles(w for rule in self.rules for detector in rule.detectors
                              for w in detector.role_words())

    def _people(self, ctx: PostContext) -> list[tuple[int, int, str]]:
        """(start, end, text) of each person the language model found, where it has
        already read the post (this never loads the model for masking alone)."""
        def compute() -> list[tuple[int, int, str]]:
            doc = ctx.parsed_doc
            if doc is None:
                return []
            return [(e.start_char, e.end_char, e.text) for e in doc.ents if e.label_ == "PERSON"]

        people: list[tuple[int, int, str]] = ctx.memo("people", compute)
        return people

    def _personal_spans(self, ctx: PostContext) -> list[tuple[int, int]]:
        """Where the post's text could identify someone: identifier shapes, and people."""
        def compute() -> list[tuple[int, int]]:
            spans = self.redactor.spans(ctx.post.text)
            spans.extend((start, end) for start, end, _ in self._people(ctx))
            # A name that neither the model nor any list knows ("Zorvak on Ward 4 ignored
            # my dad"): every word no dictionary has is masked in a quote.
            spans.extend(self.redactor.unknown_words(ctx.post.text))
            # The people a personal-data rule of the run finds ("Bukola on Ward 4"), so
            # another rule's quoted sentence never shows a name that rule masks.
            for rule in self.rules:
                for detector in rule.detectors:
                    try:
                        spans.extend(detector.person_spans(ctx))
                    except RuleRuntimeError:
                        # That rule fails on this post (and says so); mask the whole text.
                        spans.append((0, len(ctx.post.text)))
            # A title or role before a name is shown ("Staff Nurse P**** R****").
            if self.show_evidence:
                return spans
            return self.titles_and_roles.names_only(ctx.post.text, spans)

        spans: list[tuple[int, int]] = ctx.memo("personal-spans", compute)
        return spans

    def _safe(self, ctx: PostContext, text: str, start: int | None = None) -> str:
        """``text`` (found at ``start`` in the post, when it was) with personal data masked."""
        if self.show_evidence or not text:
            return text
        if start is not None and ctx.post.text[start:start + len(text)] == text:
            end = start + len(text)
            inside = [
                (max(s, start) - start, min(e, end) - start)
                for s, e in self._personal_spans(ctx) if s < end and start < e
            ]
            return apply_masks(text, inside)
        masked: str = ctx.memo(("safe", text), lambda: self._safe_apart(ctx, text))
        return masked

    def _safe_apart(self, ctx: PostContext, text: str) -> str:
        """Masking for a string that is not a slice of the text (an id, a file name,
        a reason): identifier shapes, and the names of people found in the post."""
        # Free text a person wrote (a suppression reason, a poll question): a name no list
        # knows is masked as in the post. Ids and file names are left whole.
        spans = self.redactor.written_spans(text)
        # Except a photo named after the person in it.
        spans.extend(self.redactor.file_name_words(text))
        for _, _, name in self._people(ctx):
            at = text.find(name)
            while at != -1:
                spans.append((at, at + len(name)))
                at = text.find(name, at + 1)
        return apply_masks(text, spans)

    def _safe_tag(self, ctx: PostContext, hit: Hit) -> str:
        """A hit's ``{tag}`` masked. A tag that re-cases the end of the quoted text
        (#getwellfenellaquennell -> GetWellFenellaQuennell) is masked letter for letter
        where the post's own text is, capitals kept; any other tag as free text."""
        tag = hit.tag or ""
        if self.show_evidence or hit.field is not None:
            return self._safe(ctx, tag)
        begin = hit.end - len(tag)
        source = ctx.post.text[begin:hit.end]
        if begin < hit.start or source.casefold() != tag.casefold() or len(source) != len(tag):
            return self._safe(ctx, tag)
        masked = self._safe(ctx, source, begin)
        if len(masked) != len(tag):
            return self._safe(ctx, tag)
        return "".join("*" if m == "*" and c != "*" else t for t, m, c in zip(tag, masked, source, strict=True))

    def _findings(self, rule: Rule, ctx: PostContext, hits: Iterable[Hit]) -> list[Finding]:
        post = ctx.post
        out = []
        for hit in hits:
            if hit.field is not None:
                start = end = post.field_position(hit.field)
                evidence = hit.evidence or ""
            else:
                start = post.locate(hit.start)
                end = post.locate(hit.end)
                evidence = hit.evidence if hit.evidence is not None else post.text[hit.start:hit.end]
            if hit.personal and not self.show_evidence and hit.mentions and hit.field is None \
                    and evidence == post.text[hit.start:hit.end]:
                # A name whose parts a form gives under separate labels: only the parts
                # ("Surname: W******, first name B******").
                evidence = apply_masks(evidence, self._own_spans(post.text, hit, hit.start, hit.end))
            elif hit.personal and not self.show_evidence:
                # Evidence a rule marks as personal is masked whole, but for a title or
                # role before a name ("Nurse P**** R****").
                name = (self.titles_and_roles.name_start(post.text, hit.start, hit.end)
                        if hit.field is None and evidence == post.text[hit.start:hit.end] else hit.start)
                evidence = evidence[:name - hit.start] + mask(evidence[name - hit.start:])
            else:
                # Anything else is masked where it could identify someone.
                evidence = self._safe(ctx, evidence, None if hit.field is not None else hit.start)
            evidence = " ".join(evidence.split())
            excerpt, excerpt_span = (None, (0, 0)) if hit.field is not None else self._excerpt(ctx, hit)
            tag = self._safe_tag(ctx, hit) if hit.tag is not None else None
            message = hit.message or rule.message
            if tag is not None:
                message = message.replace("{tag}", tag)
            suggestion = (hit.suggestion or rule.suggestion).replace("{tag}", tag or "")
            out.append(
                Finding(
                    file=post.source,
                    line=start.line,
                    column=start.column,
                    rule=rule.id,
                    severity=cast(Severity, self.config.severity.get(rule.id, hit.severity or rule.severity)),
                    message=message,
                    clause=rule.clause,
                    clauses=rule.clauses,
                    post=self._safe(ctx, post.id) if post.id is not None else None,
                    end_line=end.line,
                    end_column=end.column,
                    evidence=evidence,
                    suggestion=suggestion,
                    sheet=post.sheet,
                    excerpt=excerpt,
                    excerpt_span=excerpt_span,
                    score=hit.score,
                    detector=hit.detector,
                )
            )
        if len(out) > 1 and rule.raw.get("one_finding_per_post"):
            return [_one_finding(rule, out)]
        return out

    def _excerpt(self, ctx: PostContext, hit: Hit) -> tuple[str, tuple[int, int]]:
        """The line of the post a text finding starts on, with only personal data
        masked (the same masking as evidence), and where the finding is in it."""
        text = ctx.post.text
        start = max(0, min(hit.start, len(text)))
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", start)
        if line_end == -1:
            line_end = len(text)
        line = text[line_start:line_end]
        end = max(min(hit.end, line_end), start)
        if not self.show_evidence:
            spans = [
                (max(s, line_start) - line_start, min(e, line_end) - line_start)
                for s, e in self._personal_spans(ctx) if s < line_end and line_start < e
            ]
            if hit.personal:
                # The caret line goes under the name, not the title before it.
                start = min(self.titles_and_roles.name_start(text, start, end), end)
                spans.extend(self._own_spans(text, hit, line_start, line_end)
                             if hit.mentions else [(start - line_start, end - line_start)])
            # Masking keeps every character's place, so the span still points right.
            line = apply_masks(line, spans)
        return line, (start - line_start, end - line_start)

    def _own_spans(self, text: str, hit: Hit, begin: int, end: int) -> list[tuple[int, int]]:
        """Where a personal hit's ``mentions`` name the person inside ``text[begin:end]``,
        relative to ``begin``, the titles and roles before each left showing."""
        return [(max(s, begin) - begin, min(e, end) - begin)
                for s, e in self.titles_and_roles.names_only(text, hit.mentions)
                if s < end and begin < e]

    def _apply_suppressions(
        self, ctx: PostContext, findings: list[Finding], result: Result
    ) -> None:
        reasons = {rule: reason.strip() for rule, reason in ctx.post.ignore}
        for finding in findings:
            reason = reasons.get(finding.rule, "")
            if reason and finding.rule not in self._unsuppressible:
                # A reason is free text a person wrote: it may name the patient too.
                result.suppressed.append(Suppressed(finding, self._safe(ctx, reason)))
            else:
                result.findings.append(finding)


def _one_finding(rule: Rule, findings: list[Finding]) -> Finding:
    """Several findings of one rule in one post as one, at the first place, that
    lists every reason (a rule with ``one_finding_per_post``)."""
    # Reasons in the order the rule found them (text, then metadata), so a calendar
    # says the same in YAML, JSON and CSV; the place is the first in the file.
    first = min(findings, key=Finding.sort_key)
    reasons = list(dict.fromkeys(f.message for f in findings))
    evidence = list(dict.fromkeys(f.evidence for f in findings if f.evidence))
    message = reasons[0] if len(reasons) == 1 else (
        f"{rule.message} Reasons: " + " ".join(f"({i}) {m}" for i, m in enumerate(reasons, 1))
    )
    # The first place keeps its own excerpt (none when it is a metadata field).
    return replace(first, message=message, evidence=" / ".join(evidence))


class _Skeletons(Sequence[PostContext]):
    """Each streamed post's metadata in a small tuple, handed to calendar-wide rules as
    contexts built on demand, so a million-post archive keeps no million ``Post``s; the
    tuples past the last few thousand wait on disk (``spill``)."""

    def __init__(self, config: Config, resources: RunResources, calendar: CalendarInfo | None):
        self.config = config
        self.resources = resources
        self.calendar = calendar
        self.rows: SpillList[tuple[Any, ...]] = SpillList()

    def extend(self, posts: Iterable[Post]) -> None:
        for p in posts:
            at = p.field_positions.get("scheduled")
            self.rows.append((p.source, p.id, p.account, p.platform, p.scheduled, p.monitored_by,
                              p.ignore or None, p.position.line, p.position.column,
                              at.line if at else None, at.column if at else None,
                              dict(p.field_positions) if len(p.field_positions) > 2 else None))

    def __len__(self) -> int:
        return len(self.rows)

    def _context(self, row: tuple[Any, ...]) -> PostContext:
        (source, post_id, account, platform, scheduled, monitored_by, ignore, line, column,
         at_line, at_column, positions) = row
        where = Position(line, column)
        fields = positions or {"account": where}
        if positions is None and at_line is not None:
            fields = {"scheduled": Position(at_line, at_column), "account": where}
        post = Post(text="", source=source, id=post_id, account=account, platform=platform,
                    scheduled=scheduled, monitored_by=monitored_by, ignore=ignore or (),
                    position=where, field_positions=fields)
        return PostContext(post, self.config, resources=self.resources, calendar=self.calendar)

    @overload
    def __getitem__(self, index: int) -> PostContext: ...

    @overload
    def __getitem__(self, index: slice) -> list[PostContext]: ...

    def __getitem__(self, index: int | slice) -> PostContext | list[PostContext]:
        if isinstance(index, slice):
            return [self._context(row) for row in self.rows[index]]
        return self._context(self.rows[index])

    def __iter__(self) -> Iterator[PostContext]:
        return (self._context(row) for row in self.rows)


def _chunks(items: Iterable[Post], size: int) -> Iterator[list[Post]]:
    chunk: list[Post] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _distinct(hits: list[Hit]) -> list[Hit]:
    """One hit per place: overlapping text hits from several detectors count once."""
    out: list[Hit] = []
    spans: list[tuple[int, int]] = []
    seen_fields: set[tuple[str | None, str | None]] = set()
    for hit in sorted(hits, key=lambda h: (h.field or "", h.start, -(h.end - h.start))):
        if hit.field is not None:
            key = (hit.field, hit.message)
            if key in seen_fields:
                continue
            seen_fields.add(key)
            out.append(hit)
            continue
        if any(hit.start < end and start < hit.end for start, end in spans):
            continue
        spans.append((hit.start, hit.end))
        out.append(hit)
    return out


# Result and RuleFailure live in models (every layer above may use them); they are
# named here too for callers that reach for them beside the Linter.
__all__ = ["Linter", "Result", "RuleFailure"]
