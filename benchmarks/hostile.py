"""Time a warm Linter takes over hostile posts (issue 17: bounded work).

    python benchmarks/hostile.py            # every rule, one process

A 30 KB post of one repeated character used to take minutes (spaCy's tokenizer
is quadratic in a run without spaces, and made every mark a token); the target
is under 2 s each. An ordinary post is timed beside them for the ratio.
"""

from __future__ import annotations

import sys

_HERE = __import__("os").path.dirname(__import__("os").path.abspath(__file__))
sys.path[:] = [p for p in sys.path if __import__("os").path.abspath(p or ".") != _HERE]

import time

from socialpolicy.engine import Linter

POSTS = {
    "ordinary post": "Our new day unit opens on Monday. Thank you to everyone who made it happen!",
    "30 KB of #": "#" * 30_000,
    "30 KB of !": "Wow " + "!" * 30_000,
    "30 KB of one letter": "a" * 30_000,
    "30 KB of emoji": "🎉" * 15_000,
    "30 KB of words": "Jane Smith said thank you. " * 1_100,
    "120 KB post (past the model's cap)": "word " * 24_000,
}


def main() -> None:
    linter = Linter(jobs=1)
    # Warm: the model loaded and the patterns ordinary posts need compiled.
    for text in ("Warm up: Margaret Thompson, take paracetamol", *POSTS.values()):
        linter.check_text(text[:2000], platform="facebook")
    base = None
    print(f"{'post':<36} {'seconds':>8} {'x ordinary':>11}")
    for name, text in POSTS.items():
        started = time.perf_counter()
        linter.check_text(text, platform="facebook")
        took = time.perf_counter() - started
        base = base or took
        print(f"{name:<36} {took:8.3f} {took / base:11.1f}")


if __name__ == "__main__":
    main()
