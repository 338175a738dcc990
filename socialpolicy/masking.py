"""Masking personal data in evidence: enough shape to recognise, nothing to reuse.

``943 476 5919`` becomes ``*** *** ****``, ``12/03/1985`` becomes ``**/**/****`` and
``Jane Smith`` becomes ``J*** S****``: the first letter of each word survives so a
writer can find the place in their draft (one letter identifies nobody), every
digit is starred (a day of birth, a decade or a house number could).
"""

from __future__ import annotations

import regex

_PART = regex.compile(r"[\p{L}\p{N}]+")


def mask(evidence: str) -> str:
    """Mask every word of ``evidence``, keeping the first letter of each word of
    two or more letters and no digit at all."""
    out = []
    last = 0
    for part in _PART.finditer(evidence):
        word = part.group(0)
        keep = 1 if len(word) > 1 and word[0].isalpha() else 0
        out.append(evidence[last:part.start()])
        out.append(word[:keep] + "*" * (len(word) - keep))
        last = part.end()
    out.append(evidence[last:])
    return "".join(out)
