"""The command line of a script that rebuilds a word list shipped in socialpolicy/data/
(training/nicknames/build.py, training/given_names/build.py): write the file, or with
``--check`` say whether the shipped one is what a rebuild gives (exit 1 if not), so a
test can tell a stale list from a new version of the package it is built from."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path


def write_or_check(description: str, out: Path, build: Callable[[], str],
                   why: Callable[[], str] | None = None) -> int:
    """Rebuild ``out`` with ``build``, or check it (``--check``); ``why`` adds what the
    rebuild was made with to the message when the shipped file differs."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--check", action="store_true", help="exit 1 if the shipped file differs")
    args = parser.parse_args()
    text = build()
    if args.check:
        same = out.exists() and out.read_text(encoding="utf-8") == text
        print("up to date" if same else f"{out} differs" + (f" {why()}" if why is not None else ""))
        return 0 if same else 1
    out.write_text(text, encoding="utf-8")
    print(f"wrote {out}")
    return 0
