"""What every rule kind shares: the detector interface, the context a detector reads,
the resources of a run and the hits it returns.

A detector is built once from its YAML spec and then asked about many posts.
It never imports spaCy or Presidio itself: it asks the context for a parsed
``doc`` and the context loads the language model on first use.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, TypeVar

from ..config import Config
from ..models import Post
from ..normalize import Folded, fold
from ..vocab import EMPTY, Vocabulary

if TYPE_CHECKING:
    from ..accounts import Register
    from ..classifiers import ModelCard
    from ..hours import WatchedHours
    from ..literals import LiteralScan, RulePattern
    from ..nlp import Language


@dataclass(frozen=True)
class Hit:
    """Where a detector matched. Offsets are into ``post.text`` (the original).

    ``field`` names a metadata field (``media[0]``, ``scheduled``) for hits that
    are not in the text. ``personal`` marks evidence that must be masked.
    """

    start: int = 0
    end: int = 0
    evidence: str | None = None
    field: str | None = None
    personal: bool = False
    severity: str | None = None
    message: str | None = None
    # What to do instead, when the detector says something more exact than the rule.
    suggestion: str | None = None
    tag: str | None = None
    # A learned detector's confidence (0..1) that the evidence breaks the rule.
    score: float | None = None
    # Which of the rule's detectors found it (its ``name``, or kind and place).
    detector: str | None = None
    # Every place in ``post.text`` that names the person of a personal hit, when that is
    # not just [start, end): the parts of one name a form gives under separate labels
    # ("Surname: W******, first name B******": the label between is no one's data) and
    # later mentions folded into this finding ("... Thanks B******"). Only these are
    # masked inside the finding's span; all of them in every quote of the post.
    mentions: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class CalendarInfo:
    """What a content calendar file says about itself; drafts have none."""

    as_of: date | None = None


@dataclass(frozen=True, eq=False)
class RunResources:
    """What a run gives every detector, built once per ``Linter``: the ids of every rule
    of the pack (selected or not), and data read from the configuration on first use.

    The register and the hours are read when a detector first asks for them, as a run
    that checks no account or schedule should not pay for (or fail on) them; after
    that every post of the run, in every worker, shares them.
    """

    config: Config
    rule_ids: frozenset[str] = frozenset()
    # A register handed to the Linter (a rule example's inline one); None: the configured one.
    accounts: Register | None = None
    # Every pattern's required strings, found in a post in one pass (built per Linter).
    literal_scan: LiteralScan | None = None

    @cached_property
    def register(self) -> Register | None:
        """The accounts register; None when none is configured."""
        if self.accounts is not None:
            return self.accounts
        if self.config.accounts is None:
            return None
        from ..accounts import load_register

        return load_register(self.config.accounts)

    @cached_property
    def hours(self) -> WatchedHours:
        """The configured monitored hours and their bank holidays."""
        from ..hours import watched_hours

        return watched_hours(self.config)


class PostContext:
    """One post as rules see it, with the derived views computed at most once.

    ``resources`` are the run's (the Linter's); ``calendar`` is set for posts that
    came from a calendar.
    """

    def __init__(
        self,
        post: Post,
        config: Config,
        language: Language | None = None,
        *,
        resources: RunResources | None = None,
        calendar: CalendarInfo | None = None,
    ):
        self.post = post
        self.config = config
        self._language = language
        self._folded: Folded | None = None
        self._doc: Any = None
        self.cache: dict[Hashable, Any] = {}
        self.resources = resources if resources is not None else RunResources(config)
        self.calendar = calendar

    @property
    def folded(self) -> Folded:
        if self._folded is None:
            self._folded = fold(self.post.text)
        return self._folded

    @property
    def language(self) -> Language | None:
        return self._language

    @property
    def doc(self) -> Any:
        """The spaCy Doc of the post, or None when no model can be loaded."""
        if self._doc is None and self._language is not None:
            from ..nlp import ModelUnavailable
            from ..text.model_input import too_long

            if too_long(self.post.text):
                return None  # the engine has said so once for this post

            try:
                self._doc = self._language.parse(self.post.text)
            except ModelUnavailable:
                return None  # run.py has already said once that name detection is off
        return self._doc

    @property
    def parsed_doc(self) -> Any:
        """The Doc if the post was already parsed, without loading the model for it."""
        return self._doc

    def set_doc(self, doc: Any) -> None:
        self._doc = doc

    def memo(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        if key not in self.cache:
            self.cache[key] = compute()
        return self.cache[key]

    def hit_from_folded(self, start: int, end: int, **extra: Any) -> Hit:
        o_start, o_end = self.folded.to_original(start, end)
        return Hit(o_start, o_end, evidence=self.post.text[o_start:o_end], **extra)


class Detector(Protocol):
    """What the engine calls on a compiled detector (and on a guarded one, ``Guarded``).

    ``needs`` names what it uses: ``nlp`` for a spaCy Doc, and the pipeline components
    (``ner``, ``parser``...). A ``calendar`` detector judges the posts of a calendar
    against each other with ``find_all``; the others judge one post at a time with
    ``find``. ``BaseDetector`` gives every method a default.
    """

    needs: frozenset[str]
    calendar: bool
    # Uses the accounts register: the engine says once when none is configured.
    uses_register: bool
    # Judges a post only when it has a platform (a length limit per platform): a run
    # says how many posts went unjudged for want of one.
    needs_platform: bool

    def find(self, ctx: PostContext) -> Iterable[Hit]: ...

    def find_all(self, contexts: Sequence[PostContext]) -> Iterable[tuple[int, Hit]]: ...

    def prepare(self, contexts: Sequence[PostContext]) -> None:
        """Build what is costly once per batch (before workers fork), not per post."""

    def rule_patterns(self) -> Iterator[RulePattern]:
        """The regular expressions it searches with (for the literal index and tests)."""

    def model_cards(self) -> tuple[ModelCard, ...]:
        """The cards of the learned models it scores with (for ``rules show``)."""

    def person_spans(self, ctx: PostContext) -> list[tuple[int, int]]:
        """Where the post names someone this detector would report: every rule's quoted
        evidence masks them (a name found by a personal-data rule must not show in a
        complaint's quoted sentence)."""

    def role_words(self) -> tuple[str, ...]:
        """Titles and roles written before a name to say who the person is ("Staff
        Nurse", "Healthcare Assistant"): not personal data, so masking leaves them
        showing in front of a name (the rule's own lists, e.g. a pii rule's roles)."""

    # A detector in two stages (see ``BaseDetector``): ``Guarded`` runs ``candidates``
    # before the ``unless:`` guards and ``confirm`` only on what they let through.
    staged: bool
    # Asked only when none of its rule's other detectors found anything in the post.
    alone: bool

    def ruled_out(self, ctx: PostContext) -> bool:
        """True only when ``find`` would find nothing in this post, as told cheaply (the
        rule set's required strings, looked for once per post): ``Guarded`` then asks
        neither the detector nor its ``when:``. False when unsure."""

    def candidates(self, ctx: PostContext) -> list[Hit]:
        """The cheap first look of a detector in two stages."""

    def confirm(self, ctx: PostContext, hits: list[Hit]) -> list[Hit]:
        """The costly second look, on the first look's hits."""


# A JSON Schema fragment for each option a kind takes, by option name.
Options = Mapping[str, Mapping[str, Any]]


class _MaybeAlone(Protocol):
    alone: bool


_D = TypeVar("_D", bound=_MaybeAlone)


def find_in_turn(detectors: Sequence[_D], ask: Callable[[int, _D], Iterable[Hit]]) -> list[Hit]:
    """What ``ask`` finds with each detector (by its place and itself), in order; those
    marked ``alone`` (a rule's learned addition) are asked only when the others found
    nothing. The one order both the linter and triage ask a rule's detectors in."""
    hits = [hit for i, d in enumerate(detectors) if not d.alone for hit in ask(i, d)]
    if not hits:
        hits = [hit for i, d in enumerate(detectors) if d.alone for hit in ask(i, d)]
    return hits


class BaseDetector:
    """The defaults of ``Detector``: a kind subclasses this, declares its ``options``
    (the rule schema's per-kind detector schemas are generated from them, see
    ``kinds.schema``) and reads them from the spec in ``__init__``, checking there
    whatever a Trust may have written wrong, so a mistake stops the rules loading."""

    options: ClassVar[Options] = {}
    needs: frozenset[str] = frozenset()
    calendar: bool = False
    uses_register: bool = False
    needs_platform: bool = False

    def __init__(self, spec: Mapping[str, Any], build: BuildContext):
        self.rule = build.rule_id

    def find(self, ctx: PostContext) -> Iterable[Hit]:
        return ()

    def find_all(self, contexts: Sequence[PostContext]) -> Iterable[tuple[int, Hit]]:
        for index, ctx in enumerate(contexts):
            for hit in self.find(ctx):
                yield index, hit

    def prepare(self, contexts: Sequence[PostContext]) -> None:
        return None

    def rule_patterns(self) -> Iterator[RulePattern]:
        return iter(())

    def model_cards(self) -> tuple[ModelCard, ...]:
        return ()

    # A detector in two stages: ``candidates`` is the cheap first look, ``confirm`` the
    # costly second, which ``Guarded`` asks only after the detector's ``when:`` and
    # ``unless:`` have let the post through (``find`` is both, for any other caller).
    staged: bool = False
    # A classifier's ``alone: true``: the engine asks it only when none of the rule's
    # other detectors found anything in the post, so it adds posts and never replaces
    # another detector's evidence (a word) with its own (a sentence).
    alone: bool = False

    def ruled_out(self, ctx: PostContext) -> bool:
        return False

    def candidates(self, ctx: PostContext) -> list[Hit]:
        return list(self.find(ctx))

    def confirm(self, ctx: PostContext, hits: list[Hit]) -> list[Hit]:
        return hits

    def person_spans(self, ctx: PostContext) -> list[tuple[int, int]]:
        return []

    def role_words(self) -> tuple[str, ...]:
        return ()


@dataclass(frozen=True)
class BuildContext:
    """What a kind factory may use while compiling a spec."""

    rule_id: str
    source: str
    config: Config
    line: Callable[[str], int | None] = field(default=lambda key: None)
    extras: Mapping[str, Any] = field(default_factory=dict)
    # The built-in pack compiles its patterns on first use (a Trust's rules are
    # compiled at once, so a mistake is reported when they load), and ships the
    # strings each pattern needs (``socialpolicy.literals``), by pattern hash.
    lazy: bool = False
    literals: Mapping[str, tuple[str, ...] | None] = field(default_factory=dict)
    # Shared word lists and named fragments (rules/vocab/*.yaml and the rule's own
    # ``fragments:``), looked up after a detector's own ``lists:``.
    vocab: Vocabulary = EMPTY


def spec_error(build: BuildContext, key: str, reason: str) -> Exception:
    from ..errors import RuleError

    return RuleError(build.source, f"rule {build.rule_id}: {key}: {reason}", build.line(key))
