"""Which text of a post a detector reads (the post itself, or what it replies to), and
the base of the detectors that read text: the options they share parsed once."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

import regex

from ..literals import Found
from ..normalize import Folded, fold
from .base import BaseDetector, BuildContext, Hit, Options, PostContext, spec_error

TEXT_FIELDS = ("text", "reply_to", "poll")
DEFAULT_TIMEOUT = 0.25
# A ceiling on what a rule file may ask for. A regex is stopped after its timeout
# on each post, so a generous timeout times many posts is a hung run.
MAX_TIMEOUT = 1.0

# The options of text detectors, each declared once; a kind names those it takes.
ON: Options = {"on": {"enum": list(TEXT_FIELDS)},
              # Match on the text with disguised spellings undone (socialpolicy.text.plain).
              "plain": {"type": "boolean"}}
# How a detector with ``plain: true`` names its text internally, so every per-post memo
# keyed by ``on`` (casefolded text, required strings found, phrase tokens) keeps the two
# views apart.
PLAIN_SUFFIX = ":plain"
PERSONAL: Options = {"personal": {"type": "boolean"}}
LISTS: Options = {"lists": {"type": "object", "additionalProperties": {
    "type": "array", "items": {"type": "string"}}}}
TIMEOUT: Options = {"timeout": {"type": "number", "exclusiveMinimum": 0, "maximum": MAX_TIMEOUT}}
CASE_SENSITIVE: Options = {"case_sensitive": {"type": "boolean"}}

# A sentence of a post, as the cues' ``window: sentence`` and the classifier's
# per-sentence scores read it (one definition: training reads it from here too).
# A full stop inside a number ("8.30", "2.5mg"), after a title ("Dr. Shah") or after
# one capital letter before a word in lower case ("C. difficile", "E. coli") does not
# end a sentence.
SENTENCE = regex.compile(
    r"(?:[^.!?\n]|(?<=\d)\.(?=\d)|(?<=\b(?:Dr|Mr|Mrs|Ms|St|Prof|Rev|No|vs|etc))\.(?=\s)"
    r"|(?<=(?-i:\b\p{Lu}))\.(?=\s+(?-i:\p{Ll})))+"
    r"(?:[.!?]+|$)|[^\n]+",
    regex.M | regex.I,
)


class TextDetector(BaseDetector):
    """A detector of a post's text (or of what it replies to, or its poll).

    Parses, once for every text kind, the shared options the kind declares:
    ``on`` (which text), ``personal`` (mask the evidence whole), ``lists`` (named
    word lists for ``{{name}}``) and ``timeout`` (seconds per pattern per post).
    """

    options: ClassVar[Options] = {**ON, **PERSONAL}

    def __init__(self, spec: Mapping[str, Any], build: BuildContext):
        super().__init__(spec, build)
        self.on = str(spec.get("on", "text"))
        if self.on not in TEXT_FIELDS:
            raise spec_error(build, "on", f"must be one of {', '.join(TEXT_FIELDS)}")
        if spec.get("plain"):
            self.on += PLAIN_SUFFIX
        self.personal = bool(spec.get("personal", False))
        self.lists: Mapping[str, Any] = (spec.get("lists") or {}) if "lists" in self.options else {}
        self.timeout = timeout_option(spec, build) if "timeout" in self.options else DEFAULT_TIMEOUT


def timeout_option(spec: Mapping[str, Any], build: BuildContext) -> float:
    """The ``timeout`` of a regex-based detector: positive and at most ``MAX_TIMEOUT``."""
    value = spec.get("timeout", DEFAULT_TIMEOUT)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= MAX_TIMEOUT:
        raise spec_error(build, "timeout", f"must be a number of seconds above 0 and at most "
                         f"{MAX_TIMEOUT:g} (each post gets this long per pattern)")
    return float(value)


def folded_source(ctx: PostContext, on: str) -> Folded | None:
    """The folded text a detector with ``on: <field>`` matches against."""
    if on.endswith(PLAIN_SUFFIX):
        base = folded_source(ctx, on[: -len(PLAIN_SUFFIX)])
        if base is None:
            return None
        from ..text.plain import plain

        view: Folded = ctx.memo(f"plain:{on}", lambda: plain(base))
        return view
    if on == "text":
        return ctx.folded
    if on == "reply_to":
        reply = ctx.post.reply_to
        if reply is None:
            return None
        folded: Folded = ctx.memo("fold:reply_to", lambda: fold(reply.text))
        return folded
    if on == "poll":
        poll = ctx.post.poll
        if poll is None:
            return None
        whole = "\n".join([poll.question, *poll.options])
        folded_poll: Folded = ctx.memo("fold:poll", lambda: fold(whole))
        return folded_poll
    raise ValueError(on)


def resolve_on(ctx: PostContext, on: str) -> str:
    """``on`` as the per-post memos should name it: a plain view that reads exactly as the
    folded text (most posts hide nothing) shares that text's casefold, required strings
    and tokens instead of working them out again."""
    if not on.endswith(PLAIN_SUFFIX):
        return on

    def resolve() -> str:
        base_on = on[: -len(PLAIN_SUFFIX)]
        base, view = folded_source(ctx, base_on), folded_source(ctx, on)
        return base_on if base is not None and view is not None and view.text == base.text else on

    resolved: str = ctx.memo(f"resolve:{on}", resolve)
    return resolved


def make_hit(ctx: PostContext, on: str, source: Folded, start: int, end: int, **extra: object) -> Hit:
    """A hit for a span of ``source``; hits outside the post text point at the field."""
    if on.endswith(PLAIN_SUFFIX):
        # The plain view's offsets index the folded text it was made from.
        on = on[: -len(PLAIN_SUFFIX)]
        if on == "text":
            start, end = source.to_original(start, end)
            return ctx.hit_from_folded(start, end, **extra)  # type: ignore[arg-type]
    if on == "text":
        return ctx.hit_from_folded(start, end, **extra)  # type: ignore[arg-type]
    return Hit(evidence=source.text[start:end], field=on, **extra)  # type: ignore[arg-type]


def literals_found(ctx: PostContext, on: str, folded: str, text: str | None = None) -> Found | None:
    """The rule set's required strings in ``folded`` (the case-folded ``on`` text),
    found once per post for every pattern of every rule; None outside a Linter.
    ``text`` is the ``on`` text itself (``folded_source(ctx, on).text``), which lets
    patterns rule themselves out on it (``RulePattern.may_match``)."""
    scan = ctx.resources.literal_scan
    if scan is None:
        return None
    found: Found = ctx.memo(f"literals:{on}", lambda: scan.found(folded, text))
    return found


# What ``text_view`` keeps per post, by ``on``.
_VIEW = "text-view:"
TextView = tuple[str, Folded, str, "Found | None"]


def text_view(ctx: PostContext, on: str) -> TextView | None:
    """(``resolve_on``, the folded text, its casefold, ``literals_found``) of a post's
    ``on`` text, or None when the post has no such text: what every pattern and cue
    detector starts from, looked up once per post instead of through four memos on
    every detector's call (some eighty a post)."""
    key = _VIEW + on
    cache = ctx.cache
    if key in cache:
        view: TextView | None = cache[key]
        return view
    resolved = resolve_on(ctx, on)
    source = folded_source(ctx, resolved)
    if source is None:
        view = None
    else:
        folded = ctx.memo(f"casefold:{resolved}", source.text.casefold)
        view = (resolved, source, folded, literals_found(ctx, resolved, folded, source.text))
    cache[key] = view
    return view
