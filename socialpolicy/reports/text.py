"""Plain text: one line per finding that a communications officer can read."""

from __future__ import annotations

from ..models import Result
from ..printable import line_start_safe, printable
from ..ruleset import Rule


def render(result: Result, rules: list[Rule], version: str) -> str:
    lines = []
    for f in result.findings:
        where = f"{line_start_safe(f.file)}:{f.line}:{f.column}"
        post = f" [post {printable(f.post)}]" if f.post and f.post != _basename(f.file) else ""
        if f.sheet is not None:
            post += f" [sheet '{printable(f.sheet)}', row {f.line}]"
        quoted = f' "{printable(f.evidence)}"' if f.evidence else ""
        lines.append(
            f"{where}: {f.severity}[{f.rule}] {printable(f.message)} ({f.clause.label()}){post}\n"
            f"    found:{quoted or ' (metadata)'}\n"
            f"    instead: {printable(f.suggestion)}"
        )
    counts = result.counts()
    total = sum(counts.values())
    posts = "post" if result.posts == 1 else "posts"
    files = "file" if result.files == 1 else "files"
    if total == 0:
        summary = f"No problems found in {result.posts} {posts} ({result.files} {files})."
    else:
        parts = [f"{counts[s]} {s}{'' if counts[s] == 1 else 's'}" for s in ("error", "warning", "info")]
        summary = f"{total} problem{'s' if total != 1 else ''} ({', '.join(parts)}) in {result.posts} {posts} ({result.files} {files})."
    if result.suppressed:
        summary += f" {len(result.suppressed)} suppressed with a reason."
    lines.append(summary)
    return "\n".join(lines) + "\n"


def _basename(path: str) -> str:
    return path.replace("\\", "/").rsplit("/", 1)[-1]
