"""What the language model is given: bounded text it can read in linear time.

spaCy's tokenizer searches for suffixes and prefixes in a way that is quadratic
in the length of a run with no spaces, and makes every punctuation mark a token
of its own: 30,000 ``#`` or ``!`` took minutes. So a run of punctuation keeps its
first ``PUNCT_KEEP`` marks and the rest become spaces (one whitespace token), and
a long run of other characters gets a space every ``RUN`` characters. The text
keeps its length, so every character offset the model reports is still an
offset into the post. Posts longer than ``MODEL_MAX_CHARS`` (far beyond
any platform's limit) are not given to the model at all: the pattern rules still
check them, and the run says that names were not looked for.
"""

from __future__ import annotations

import regex

MODEL_MAX_CHARS = 100_000
RUN = 64
PUNCT_KEEP = 3
_LONG_RUN = regex.compile(rf"\S{{{RUN + 1},}}")
_PUNCT_RUN = regex.compile(rf"[^\p{{L}}\p{{N}}\s]{{{PUNCT_KEEP + 1},}}")


def for_model(text: str) -> str:
    """``text`` of the same length with long runs of non-space characters broken up."""
    text = _PUNCT_RUN.sub(lambda m: m.group(0)[:PUNCT_KEEP] + " " * (len(m.group(0)) - PUNCT_KEEP), text)
    if len(text) <= RUN:
        return text
    return _LONG_RUN.sub(_split, text)


def _split(match: regex.Match[str]) -> str:
    chars = list(match.group(0))
    for index in range(RUN - 1, len(chars), RUN):
        chars[index] = " "
    return "".join(chars)


def too_long(text: str) -> bool:
    return len(text) > MODEL_MAX_CHARS
