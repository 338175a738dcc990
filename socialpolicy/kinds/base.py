"""What every rule kind shares: the context a detector reads and the hits it returns.

A detector is built once from its YAML spec and then asked about many posts.
It never imports spaCy or Presidio itself: it asks the context for a parsed
``doc`` and the context loads the language model on first use.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol

from ..config import Config
from ..models import Post
from ..normalize import Folded, fold
from ..vocab import EMPTY, Vocabulary

if TYPE_CHECKING:
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
    tag: str | None = None
    # A learned detector's confidence (0..1) that the evidence breaks the rule.
    score: float | None = None
    # Which of the rule's detectors found it (its ``name``, or kind and place).
    detector: str | None = None


@dataclass(frozen=True)
class CalendarInfo:
    """What a content calendar file says about itself; drafts have none."""

    as_of: date | None = None


class PostContext:
    """One post as rules see it, with the derived views computed at most once.

    ``shared`` is the Linter's own store for data loaded once per run (the accounts
    register, bank holidays); ``calendar`` is set for posts that came from a calendar.
    """

    def __init__(
        self,
        post: Post,
        config: Config,
        language: Language | None = None,
        *,
        shared: dict[str, Any] | None = None,
        calendar: CalendarInfo | None = None,
    ):
        self.post = post
        self.config = config
        self._language = language
        self._folded: Folded | None = None
        self._doc: Any = None
        self.cache: dict[Hashable, Any] = {}
        self.shared: dict[str, Any] = shared if shared is not None else {}
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

    def shared_memo(self, key: str, compute: Callable[[], Any]) -> Any:
        """Like ``memo`` but once per Linter, for data every post uses."""
        if key not in self.shared:
            self.shared[key] = compute()
        return self.shared[key]

    def hit_from_folded(self, start: int, end: int, **extra: Any) -> Hit:
        o_start, o_end = self.folded.to_original(start, end)
        return Hit(o_start, o_end, evidence=self.post.text[o_start:o_end], **extra)


class Detector(Protocol):
    """A compiled detector. ``needs`` names what it uses: ``nlp`` for a spaCy Doc."""

    needs: frozenset[str]

    def find(self, ctx: PostContext) -> Iterable[Hit]: ...


class CalendarDetector(Protocol):
    """A detector that judges posts against each other (gaps, registers)."""

    needs: frozenset[str]

    def find_all(self, contexts: Sequence[PostContext]) -> Iterable[tuple[int, Hit]]: ...


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
