"""What a long run keeps for its end, held on disk past a few thousand items.

A platform archive is checked a chunk at a time (``Linter._check_stream``), so its
texts and parses never pile up; what did pile up was what the run keeps until it
ends: every finding (about one a post, a kilobyte or so in memory, for the sorted
report) and every post's metadata for the calendar-wide rules. Kept in memory, a
million-post archive needed about a gigabyte more than a hundred thousand.

Here both go to an anonymous temporary file (``tempfile.TemporaryFile``: removed as
soon as it is opened, readable by this user only, gone when the run ends) once more
than a block of them is held, and come back a block at a time. What is written is
what a report shows (findings, their evidence already masked) and posts' metadata,
never a post's text. Short runs (a calendar, a draft) never write anything.
"""

from __future__ import annotations

import heapq
import pickle
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import IO, Any, Generic, TypeVar, overload

from .models import Finding

Item = TypeVar("Item")

# Items held in memory before a block of them is written out.
BLOCK = 4096
# Findings a sorted run is written in (one of each run is in memory while they are
# merged), and how many runs there may be before they are merged into one.
SEGMENT = 512
FAN_IN = 16


class _Blocks:
    """Lists of items pickled one after another into an anonymous temporary file."""

    def __init__(self) -> None:
        self._file: IO[bytes] | None = None

    def write(self, items: list[Any]) -> int:
        """Write a block; where it starts."""
        if self._file is None:
            # Open for the run; closed (and so gone) when this is collected.
            self._file = tempfile.TemporaryFile(prefix="socialpolicy-")  # noqa: SIM115
        self._file.seek(0, 2)
        start = self._file.tell()
        pickle.dump(items, self._file, protocol=pickle.HIGHEST_PROTOCOL)
        return start

    def read(self, start: int) -> tuple[list[Any], int]:
        """The block written at ``start``, and where the next one starts."""
        assert self._file is not None
        self._file.seek(start)
        items: list[Any] = pickle.load(self._file)  # noqa: S301 - our own file, written above
        return items, self._file.tell()


class SpillList(Sequence[Item], Generic[Item]):
    """An append-only list whose items past the last ``BLOCK`` wait on disk: read in
    order block by block, or one by one (the block last read is kept)."""

    def __init__(self, block: int | None = None) -> None:
        self._block = block or BLOCK
        self._blocks = _Blocks()
        self._starts: list[int] = []  # where each full block starts in the file
        self._tail: list[Item] = []
        self._cached: tuple[int, list[Item]] | None = None

    def append(self, item: Item) -> None:
        self._tail.append(item)
        if len(self._tail) >= self._block:
            self._starts.append(self._blocks.write(self._tail))
            self._tail = []

    def extend(self, items: Iterable[Item]) -> None:
        for item in items:
            self.append(item)

    def __len__(self) -> int:
        return len(self._starts) * self._block + len(self._tail)

    def _load(self, number: int) -> list[Item]:
        if self._cached is None or self._cached[0] != number:
            self._cached = (number, self._blocks.read(self._starts[number])[0])
        return self._cached[1]

    @overload
    def __getitem__(self, index: int) -> Item: ...

    @overload
    def __getitem__(self, index: slice) -> list[Item]: ...

    def __getitem__(self, index: int | slice) -> Item | list[Item]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("SpillList index out of range")
        number, offset = divmod(index, self._block)
        if number < len(self._starts):
            return self._load(number)[offset]
        return self._tail[offset]

    def __iter__(self) -> Iterator[Item]:
        for start in self._starts:
            yield from self._blocks.read(start)[0]
        yield from list(self._tail)


def _sort_key(finding: Finding) -> tuple[str, int, int, str, str]:
    return finding.sort_key()


class SortedFindings(Sequence[Finding]):
    """A run's findings, always in report order: sorted by ``Finding.sort_key``, ties
    in the order they were added (exactly what ``list.sort`` gives).

    Past ``BLOCK`` findings the block is sorted and written out in segments, as the
    next part of the last sorted run when it starts at or after that run's end (an
    archive's findings come nearly in order, so there is mostly one run), else as a
    new run. Reading merges the runs a segment of each at a time; past ``FAN_IN`` runs
    they are merged into one, so memory stays bounded however they arrive."""

    def __init__(self, findings: Iterable[Finding] = (), block: int | None = None,
                 segment: int | None = None, fan_in: int | None = None) -> None:
        self._block = block or BLOCK
        self._segment = segment or SEGMENT
        self._fan_in = fan_in or FAN_IN
        self._blocks = _Blocks()
        self._runs: list[list[int]] = []  # each sorted run: where its segments start
        self._ends: list[tuple[str, int, int, str, str]] = []  # each run's last key
        self._tail: list[Finding] = []
        self._written = 0
        self.extend(findings)

    def append(self, finding: Finding) -> None:
        self._tail.append(finding)
        if len(self._tail) >= self._block:
            self._write(sorted(self._tail, key=_sort_key))
            self._written += len(self._tail)
            self._tail = []

    def extend(self, findings: Iterable[Finding]) -> None:
        for finding in findings:
            self.append(finding)

    def _write(self, ordered: Iterable[Finding]) -> None:
        """Sorted findings written as a run (continuing the last one when they can)."""
        run: list[int] = []
        last: Finding | None = None
        segment: list[Finding] = []
        for finding in ordered:
            if last is None:
                # Equal keys keep the order they were added: later ones may follow on.
                if self._runs and _sort_key(finding) >= self._ends[-1]:
                    run = self._runs[-1]
                else:
                    self._runs.append(run)
                    self._ends.append(_sort_key(finding))
            segment.append(finding)
            last = finding
            if len(segment) == self._segment:
                run.append(self._blocks.write(segment))
                segment = []
        if segment:
            run.append(self._blocks.write(segment))
        if last is None:
            return
        self._ends[-1] = _sort_key(last)
        if len(self._runs) > self._fan_in:
            runs = [self._read(run) for run in self._runs]
            end = max(self._ends)
            self._runs, self._ends = [], []
            self._write_merged(heapq.merge(*runs, key=_sort_key), end)

    def _write_merged(self, ordered: Iterator[Finding], end: tuple[str, int, int, str, str]) -> None:
        run: list[int] = []
        segment: list[Finding] = []
        for finding in ordered:
            segment.append(finding)
            if len(segment) == self._segment:
                run.append(self._blocks.write(segment))
                segment = []
        if segment:
            run.append(self._blocks.write(segment))
        self._runs, self._ends = [run], [end]

    def _read(self, run: list[int]) -> Iterator[Finding]:
        """A run's findings, a segment at a time (the starts are copied: a merge may
        replace the runs while this is read)."""
        for start in list(run):
            yield from self._blocks.read(start)[0]

    def sort(self, key: Callable[[Finding], Any] | None = None, reverse: bool = False) -> None:
        """Already in report order; only that order is offered."""
        if key is not Finding.sort_key or reverse:
            raise ValueError("SortedFindings are kept in report order (Finding.sort_key) only")

    def __len__(self) -> int:
        return self._written + len(self._tail)

    def __iter__(self) -> Iterator[Finding]:
        tail = sorted(self._tail, key=_sort_key)
        if not self._runs:
            return iter(tail)
        # heapq.merge takes equal keys from the earlier iterable first: the runs in the
        # order they were written, the findings not yet written last.
        return heapq.merge(*(self._read(run) for run in self._runs), tail, key=_sort_key)

    @overload
    def __getitem__(self, index: int) -> Finding: ...

    @overload
    def __getitem__(self, index: slice) -> list[Finding]: ...

    def __getitem__(self, index: int | slice) -> Finding | list[Finding]:
        return list(self)[index]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (list, SortedFindings)):
            return len(self) == len(other) and list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"SortedFindings({len(self)} findings)"
