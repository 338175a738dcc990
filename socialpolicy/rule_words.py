"""The words a rule pack writes in its detectors and shared vocabularies.

Output masking stars, in a quoted sentence, every word no dictionary has, because a
name nobody's list knows looks like that. The words the rules themselves look for
("wazzock", "Calpol", "Datix", "Gorleston") are not names, so a quote keeps them: the
reader sees what the rule found. Personal-data detectors (``kind: pii``) are left out:
their lists hold public figures' names, which another rule's quote still masks.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import regex

from .resources import package_dir
from .vocab import read_vocabulary

if TYPE_CHECKING:
    from .ruleset import Rule

_WORD = regex.compile(r"[^\W\d_]{3,}")


def written_words(rules: Iterable[Rule]) -> frozenset[str]:
    """Lower-case words of three letters or more written in the rules' detectors (not
    personal-data ones), their own lists and fragments, and the built-in shared
    vocabularies."""
    words: set[str] = set()
    vocab = read_vocabulary(package_dir("rules"))
    _collect(list(vocab.lists.values()), words)
    _collect(list(vocab.fragments.values()), words)
    for rule in rules:
        # A rule's own named lists and pattern fragments, then its detectors.
        _collect([rule.raw.get("lists"), rule.raw.get("fragments")], words)
        for detector in rule.raw.get("detect") or []:
            if isinstance(detector, Mapping) and detector.get("kind") != "pii":
                _collect(detector, words)
    return frozenset(words)


def _collect(value: Any, words: set[str]) -> None:
    if isinstance(value, str):
        words.update(_WORD.findall(value.casefold()))
    elif isinstance(value, Mapping):
        for item in value.values():
            _collect(item, words)
    elif isinstance(value, list | tuple):
        for item in value:
            _collect(item, words)
