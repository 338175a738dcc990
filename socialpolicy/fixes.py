"""``--fix``, ``--unsafe-fixes`` and ``--diff``: rewrites as ruff makes them.

A fix is an edit of a span of the file's own bytes; every other byte (YAML
comments, key order, quoting, CSV layout, line endings, a BOM) stays as it was.
An edit is made only where the file holds exactly the text the finding is about,
and a fixed file must still read as the same posts (same count, ids and platforms)
or the fix is dropped: a fix that cannot be made cleanly is not made.

A rule names its fix in its file (``fix:``); the code knows only the kinds of fix.
Safe fixes keep the meaning: ``camel-case`` writes an all-lowercase multi-word
hashtag whose split into words is clear in CamelCase. Unsafe fixes
(``--unsafe-fixes``) change it: ``suggested-reply`` replaces the finding, in a
reply, with the reply quoted in the rule's suggestion, and ``mask`` masks what was
found.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .config import Config
from .errors import InputError
from .masking import mask
from .models import Finding, Post
from .printable import printable
from .text.words import common_words

# The kinds of fix a rule may name with ``fix:`` (rule.schema.json lists the same),
# and whether each keeps the post's meaning (made by --fix) or changes it (only with
# --unsafe-fixes, as ruff's unsafe fixes).
FIX_KINDS: Mapping[str, bool] = {"camel-case": True, "suggested-reply": False, "mask": False}
# A hashtag's best split must be this much likelier (log10) than any other split
# into words for CamelCase to be safe: "#expertsexchange" and "#penisland" are not.
CLEAR_SPLIT = 3.0
_SHORT_WORDS = frozenset({
    "a", "i", "an", "at", "be", "by", "do", "go", "in", "is", "it", "me", "my", "no", "of",
    "on", "or", "so", "to", "up", "us", "we",
})
_EXAMPLE = re.compile(r'for example:\s*"([^"]+)"')


@dataclass(frozen=True)
class Edit:
    """Replace bytes ``start:end`` of a file with ``replacement``."""

    start: int
    end: int
    replacement: bytes
    rule: str


@dataclass(frozen=True)
class FileFix:
    path: str
    before: bytes
    after: bytes
    fixed: int  # findings fixed


def apply_edits(data: bytes, edits: Iterable[Edit]) -> bytes:
    """``data`` with non-overlapping edits applied (an overlapping later one is skipped)."""
    out = []
    last = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if edit.start < last:
            continue
        out.append(data[last:edit.start])
        out.append(edit.replacement)
        last = edit.end
    out.append(data[last:])
    return b"".join(out)


# -- where a finding is in the file's bytes ------------------------------------------

def _lines(data: bytes) -> list[tuple[int, bytes]]:
    """(byte offset, content) of each line, split as the reader splits (LF, CRLF, CR)."""
    out: list[tuple[int, bytes]] = []
    for match in re.finditer(rb"[^\r\n]*(?:\r\n|\r|\n|$)", data):
        if match.start() == len(data) and out:
            break
        content = match.group(0).rstrip(b"\r\n")
        out.append((match.start(), content))
    return out


def _offset(data: bytes, lines: list[tuple[int, bytes]], line: int, column: int) -> int | None:
    """Byte offset of 1-based ``line``, ``column`` (columns count characters)."""
    if not 1 <= line <= len(lines):
        return None
    start, content = lines[line - 1]
    if line == 1 and content.startswith(b"\xef\xbb\xbf"):
        start, content = start + 3, content[3:]
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if not 1 <= column <= len(text) + 1:
        return None
    return start + len(text[:column - 1].encode("utf-8"))


def _span(data: bytes, lines: list[tuple[int, bytes]], finding: Finding) -> tuple[int, int] | None:
    start = _offset(data, lines, finding.line, finding.column)
    end = _offset(data, lines, finding.end_line, finding.end_column)
    if start is None or end is None or end <= start:
        return None
    return start, end


def _find_in_line(data: bytes, lines: list[tuple[int, bytes]], line: int, needle: bytes) -> int | None:
    """Where ``needle`` is in ``line``, when it is there exactly once as a whole tag."""
    if not 1 <= line <= len(lines):
        return None
    start, content = lines[line - 1]
    places = [m.start() for m in re.finditer(re.escape(needle) + rb"(?![\w])", content)]
    return start + places[0] if len(places) == 1 else None


# -- the fixes ----------------------------------------------------------------------

def camel_case(tag: str) -> str | None:
    """``mentalhealthawareness`` -> ``MentalHealthAwareness`` when the split is clear."""
    if not (tag.isascii() and tag.isalpha() and tag == tag.lower()):
        return None
    splits = _splits(tag)
    if not splits:
        return None
    best = splits[0]
    if len(best[1]) < 2:
        return None
    if len(splits) > 1 and best[0] - splits[1][0] < CLEAR_SPLIT:
        return None
    return "".join(word.capitalize() for word in best[1])


@lru_cache(maxsize=1024)
def _splits(tag: str) -> list[tuple[float, tuple[str, ...]]]:
    """Every split of ``tag`` into common words, best first, scored by wordsegment."""
    import wordsegment

    if not wordsegment.UNIGRAMS:
        wordsegment.load()
    common = common_words()
    segmenter = wordsegment._segmenter  # the loaded model the module functions use

    def usable(word: str) -> bool:
        return word in _SHORT_WORDS or (len(word) >= 3 and word in common)

    found: list[tuple[str, ...]] = []

    def walk(at: int, words: tuple[str, ...]) -> None:
        if len(found) >= 200:
            return
        if at == len(tag):
            found.append(words)
            return
        for end in range(at + 1, len(tag) + 1):
            if usable(tag[at:end]):
                walk(end, (*words, tag[at:end]))

    walk(0, ())
    best = tuple(wordsegment.segment(tag))
    if best not in found and all(usable(w) for w in best):
        found.append(best)

    def score(words: tuple[str, ...]) -> float:
        total, previous = 0.0, "<s>"
        for word in words:
            total += math.log10(segmenter.score(word, previous))
            previous = word
        return total

    return sorted(((score(w), w) for w in found), key=lambda item: -item[0])




def fixes_made(fixes: Mapping[str, str], unsafe: bool) -> dict[str, str]:
    """Of ``fixes`` (rule id -> the kind of fix its file names), those made: the safe
    ones, and the unsafe ones too when ``unsafe``."""
    return {rule: kind for rule, kind in fixes.items() if unsafe or FIX_KINDS.get(kind, False)}


def edits_for(
    data: bytes, findings: Sequence[Finding], fixes: Mapping[str, str], unsafe: bool,
    is_reply: Callable[[Finding], bool] = lambda f: False,
) -> list[Edit]:
    """The edits that fix ``findings`` in a file holding ``data``; ``fixes`` maps a
    rule id to the kind of fix its file names."""
    lines = _lines(data)
    edits = []
    made = fixes_made(fixes, unsafe)
    for finding in findings:
        edit: Edit | None = None
        kind = made.get(finding.rule)
        if kind == "camel-case":
            edit = _camel_edit(data, lines, finding)
        elif kind == "mask":
            edit = _redact_edit(data, lines, finding)
        elif kind == "suggested-reply" and is_reply(finding):
            edit = _signpost_edit(data, lines, finding)
        if edit is not None:
            edits.append(edit)
    return edits


def _camel_edit(data: bytes, lines: list[tuple[int, bytes]], finding: Finding) -> Edit | None:
    tag = finding.evidence.removeprefix("#")
    if "*" in tag:
        # A name in the tag is masked in the finding (#ripp*********): the tag is the
        # one place in the file that masks to it.
        span = _only_span(data, _masked_pattern(finding.evidence))
        if span is None:
            return None
        tag = data[span[0]:span[1]].decode("utf-8", "replace").removeprefix("#")
    camel = camel_case(tag)
    if camel is None:
        return None
    needle = f"#{tag}".encode()
    at = _offset(data, lines, finding.line, finding.column)
    if at is None or data[at:at + len(needle)] != needle:
        # Quoted YAML and CSV cells point at the field, not the tag, and a folded
        # block joins lines: look in its line, then for the only one in the file.
        at = _find_in_line(data, lines, finding.line, needle)
        if at is None:
            at = _only(data, re.escape(needle) + rb"(?![\w])")
    if at is None:
        return None
    # Only the letters' case changes: the edit is as long as what it replaces.
    return Edit(at, at + len(needle), f"#{camel}".encode(), finding.rule)


def _redact_edit(data: bytes, lines: list[tuple[int, bytes]], finding: Finding) -> Edit | None:
    span = _span(data, lines, finding)
    original = "" if span is None else data[span[0]:span[1]].decode("utf-8", "replace")
    # The finding's evidence is the mask of what it found: the file must hold that.
    if span is None or " ".join(mask(original).split()) != finding.evidence or "\n" in original:
        # Where columns are not exact, the one place in the file that masks to it.
        span = _only_span(data, _masked_pattern(finding.evidence))
        if span is None:
            return None
        original = data[span[0]:span[1]].decode("utf-8", "replace")
        if mask(original) != finding.evidence:
            return None
    return Edit(span[0], span[1], mask(original).encode(), finding.rule)


def _masked_pattern(evidence: str) -> bytes:
    """A pattern for the text whose mask is ``evidence``: a star is any letter or
    digit, whitespace any run of spaces, the rest as written."""
    parts = []
    for char in evidence:
        if char == "*":
            parts.append(r"[^\W_]")
        elif char == " ":
            parts.append(r"[ \t]+")
        else:
            parts.append(re.escape(char))
    return (r"(?<![^\W_])" + "".join(parts) + r"(?![^\W_])").encode()


def _only(data: bytes, pattern: bytes) -> int | None:
    span = _only_span(data, pattern)
    return None if span is None else span[0]


def _only_span(data: bytes, pattern: bytes) -> tuple[int, int] | None:
    """The span of ``pattern`` in ``data`` when it occurs exactly once."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    matches = list(re.finditer(pattern.decode(), text))
    if len(matches) != 1:
        return None
    start, end = matches[0].span()
    return len(text[:start].encode()), len(text[:end].encode())


def _signpost_edit(data: bytes, lines: list[tuple[int, bytes]], finding: Finding) -> Edit | None:
    span = _span(data, lines, finding)
    example = _EXAMPLE.search(finding.suggestion)
    if span is None or example is None:
        return None
    original = data[span[0]:span[1]].decode("utf-8", "replace")
    if " ".join(original.split()) != finding.evidence or "\n" in original:
        return None
    return Edit(span[0], span[1], example.group(1).encode(), finding.rule)


def fixable(path: str, config: Config) -> bool:
    """Whether ``path`` may be fixed: a draft or calendar small enough to be read whole.

    A platform archive (an X ``tweets.js``, a Facebook Page export) is a record of what
    was already published, and its reader maps posts out of JSON the fixer cannot
    rewrite safely, so it is never fixed, whatever its size. A fixed file is read again
    as a draft or calendar, which refuses one past ``max_file_mb``, so such a file is
    never read for a fix either."""
    import os

    from .inputs.archives import is_archive

    if is_archive(path):
        return False
    try:
        return os.stat(path).st_size <= int(config.max_file_mb * 1_000_000)
    except OSError:
        return True  # reading it says why


def fix_file(
    path: str, findings: Sequence[Finding], config: Config, fixes: Mapping[str, str],
    unsafe: bool, metadata: Mapping[str, Any] | None = None,
) -> FileFix | None:
    """The fixed bytes of one file, or None when nothing can be fixed cleanly;
    ``fixes`` maps a rule id to the kind of fix its file names (``Rule.fix``)."""
    if not fixable(path, config):
        return None
    data = Path(path).read_bytes()
    before = _read_posts(path, data, config, metadata)
    if before is None:
        return None
    replies = {post.id for post in before if post.reply_to is not None}

    def is_reply(finding: Finding) -> bool:
        return finding.post in replies

    edits = edits_for(data, findings, fixes, unsafe, is_reply)
    if not edits:
        return None
    after = apply_edits(data, edits)
    if not _same_posts(before, _read_posts(path, after, config, metadata)):
        # One edit broke the file's reading (a quote in a quoted YAML string, say):
        # keep only the edits that are clean on their own.
        edits = [
            e for e in edits
            if _same_posts(before, _read_posts(path, apply_edits(data, [e]), config, metadata))
        ]
        after = apply_edits(data, edits)
        if not edits or not _same_posts(before, _read_posts(path, after, config, metadata)):
            return None
    return FileFix(path, data, after, len(edits))


def _read_posts(
    path: str, data: bytes, config: Config, metadata: Mapping[str, Any] | None,
) -> tuple[Post, ...] | None:
    import io

    from .errors import SocialPolicyError
    from .inputs import load_file

    try:
        loaded = load_file("-", config, metadata, io.BytesIO(data), stdin_filename=path)
    except SocialPolicyError:
        return None
    return loaded.posts


def _same_posts(before: Sequence[Post], after: Sequence[Post] | None) -> bool:
    if after is None or len(before) != len(after):
        return False
    return all(
        (a.id, a.platform, a.account, a.scheduled, a.reply_to, a.media, a.position)
        == (b.id, b.platform, b.account, b.scheduled, b.reply_to, b.media, b.position)
        for a, b in zip(before, after, strict=True)
    )


def unified_diff(fix: FileFix, redact: Callable[[str], str]) -> str:
    """The change as ``diff -u`` shows it, each line passed through ``redact`` (the
    lines removed may hold the identifier a fix masks)."""
    import difflib

    old = fix.before.decode("utf-8", "replace").splitlines(keepends=True)
    new = fix.after.decode("utf-8", "replace").splitlines(keepends=True)
    lines = difflib.unified_diff(old, new, fromfile=f"a/{fix.path}", tofile=f"b/{fix.path}")
    out = []
    for line in lines:
        body = line.rstrip("\r\n")
        out.append(printable(redact(body)) + "\n")
    return "".join(out)


def write_fixed(fix: FileFix) -> None:
    """Replace the file atomically, keeping its permissions."""
    import os
    import stat
    import tempfile

    # A calendar linked into the repository is fixed where it lives: replacing the
    # link itself would turn it into a copy and leave the real file unfixed.
    target = Path(fix.path).resolve()
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp",
                                             dir=target.parent)
    except OSError as exc:
        raise InputError(fix.path, f"cannot write the fixed file ({exc.strerror or exc}); "
                                   "nothing was changed. Run --fix where you may write "
                                   "to its folder, or use --diff to see the change") from exc
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(fix.after)
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
