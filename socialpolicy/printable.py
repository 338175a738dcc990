"""Making text safe to print on a terminal or a CI log.

Post text, post ids, file names and error reasons are written by someone else.
Printed raw, a control character can move the cursor, retitle the terminal or
hide text (ANSI/OSC escape sequences), a bidirectional override can make a line
read differently from what it holds, and a newline can forge a report line or
start a GitHub Actions workflow command (``::add-mask::``, ``::error``), which the
runner reads at the start of any line of stdout or stderr. ``printable`` writes
every such character as a visible escape, so one value is always one line.
"""

from __future__ import annotations

import sys
from typing import TextIO

import regex

# C0 and C1 controls, DEL, line and paragraph separators, and the bidirectional
# embedding, override and isolate characters.
_UNSAFE = regex.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: str, keep_line_breaks: bool = False) -> str:
    """``text`` with every control character shown as an escape (``\\n``, ``\\x1b``,
    ``\\u202e``). ``keep_line_breaks`` leaves CR, LF and tab alone, for a format
    that escapes them itself (GitHub's workflow commands write them as ``%0A``)."""
    if keep_line_breaks:
        return _UNSAFE.sub(lambda m: m.group(0) if m.group(0) in _NAMED else _escape(m), text)
    return _UNSAFE.sub(_escape, text)


def _escape(match: regex.Match[str]) -> str:
    char = match.group(0)
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def line_start_safe(text: str) -> str:
    """``printable`` text that may begin a line: a leading ``::`` would be read by a
    GitHub Actions runner as a workflow command, so it is written ``./::``."""
    text = printable(text)
    return "./" + text if text.startswith("::") else text


def say(message: str, stream: TextIO | None = None) -> None:
    """One line on stderr, prefixed with the program's name, made printable."""
    # Flushed: the message must be out before the exit that usually follows it.
    print(f"socialpolicy: {printable(message)}", file=stream or sys.stderr, flush=True)
