"""Masking personal data in evidence: enough shape to recognise, nothing to reuse.

``943 476 5919`` becomes ``943 *** ****`` and ``Jane Smith`` becomes ``J*** S****``:
the first characters of each part survive so a writer can find the place in
their draft, the rest is starred out.
"""

from __future__ import annotations

import regex

_PART = regex.compile(r"[\p{L}\p{N}]+")


def mask(evidence: str) -> str:
    """Mask every word of ``evidence``, keeping one leading character of each
    (three for a leading group of digits, as in an NHS number's first block)."""
    parts = list(_PART.finditer(evidence))
    out = []
    last = 0
    for index, part in enumerate(parts):
        word = part.group(0)
        if word.isdigit():
            keep = 3 if index == 0 and len(word) <= 4 and len(parts) > 2 else 0
        else:
            keep = 1 if len(word) > 1 else 0
        out.append(evidence[last:part.start()])
        out.append(word[:keep] + "*" * (len(word) - keep))
        last = part.end()
    out.append(evidence[last:])
    return "".join(out)
