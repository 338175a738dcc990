"""The corpus files held out this session, read from one list: ``tests/corpus/HELD_OUT``.

Every script that lists ``tests/corpus`` (``findings.py``, ``profile.py`` and so
``throughput.py``, ``training/names/collect.py``, ``training/urgent/train.py``) asks
here which files it must leave out, so sealing or retiring a set is one edit of that
list. The list is read closed: a missing list or a line that is not a corpus file name
stops the script rather than let it read every file.

Needs nothing but the standard library (a training script may import it before the
package is on the path).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LISTING = ROOT / "tests" / "corpus" / "HELD_OUT"


class HeldOutListError(Exception):
    """The list of held-out files is missing or has a line that is not a file name."""


def held_out_names(listing: Path | None = None) -> frozenset[str]:
    """The file names (``names-fresh9.yaml``) the list holds out."""
    listing = listing or LISTING
    try:
        text = listing.read_text(encoding="utf-8")
    except OSError as exc:
        raise HeldOutListError(f"{listing}: cannot read the list of held-out corpus files "
                               f"({exc.strerror}); refusing to read the corpus without it") from None
    names = set()
    for number, line in enumerate(text.splitlines(), start=1):
        name = line.split("#", 1)[0].strip()
        if not name:
            continue
        if "/" in name or "\\" in name or not name.endswith((".yaml", ".txt")) or " " in name:
            raise HeldOutListError(f"{listing}:{number}: {name!r} is not a corpus file name "
                                   "(one name a line, e.g. names-fresh9.yaml)")
        names.add(name)
    return frozenset(names)


def development(paths: Iterable[Path], include_held_out: bool = False,
                listing: Path | None = None) -> list[Path]:
    """``paths`` without the held-out files (all of them with ``include_held_out``)."""
    if include_held_out:
        return list(paths)
    held = held_out_names(listing)
    return [p for p in paths if p.name not in held]


def refuse_held_out(paths: Iterable[Path], listing: Path | None = None) -> None:
    """Stop a script given a held-out file by name (on its command line) before it
    opens any: ``SystemExit`` naming the file and the list."""
    held = held_out_names(listing)
    for path in paths:
        if Path(path).name in held:
            raise SystemExit(f"{path}: held out this session (tests/corpus/HELD_OUT): "
                             "never read, run on or scored")


__all__ = ["LISTING", "HeldOutListError", "development", "held_out_names", "refuse_held_out"]
