"""Every finding of every rule on every tests/corpus file, as JSON: the identity check
for a change that must not change what is found (issue 16: speed work).

    python benchmarks/findings.py OUT.json              # this tree's findings
    python benchmarks/findings.py --compare A.json B.json
    python benchmarks/findings.py OUT.json --exclude 'names-dev-s12*' [--include-held-out]
    python benchmarks/findings.py OUT.json --archive 20000 [--jobs 0]

Each corpus file's posts are checked in one ``Linter.check_posts`` call (one process,
no cache), each post named ``<file>#<index>`` so a finding says which post it is on;
every field of every finding, suppressed finding and rule failure is written. Files
of inbound messages (``messages:``) are triaged, and everything triage says of each
message is written too.
``--compare`` says whether two outputs are identical and, where not, how many posts
of each file differ. For held-out files (``*-fresh*``) it prints only the count,
never a post's findings, so a comparison never shows their cases. The files the
session holds out (``tests/corpus/HELD_OUT``, read by ``held_out.py``) are left out
unless ``--include-held-out`` is given (the lead's figures only); ``--exclude GLOB``
(repeatable) leaves out more. ``--archive N`` checks instead the generated X archive
of N posts of ``benchmarks/memory.py`` (streamed, as ``check`` reads one) and writes
every finding of it in report order.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Keep this folder off the import path (benchmarks/calendar.py shadows a standard module).
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import argparse
import fnmatch
import json
from collections import defaultdict

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.held_out import development  # noqa: E402

KEEP = ("platform", "reply_to", "media", "poll", "consent", "account", "scheduled")


def corpus_files(exclude: list[str] = [],  # noqa: B006 - never changed
                 include_held_out: bool = False) -> list[Path]:
    """The corpus files to check: the held-out ones left out unless asked for."""
    listed = sorted((ROOT / "tests" / "corpus").glob("*.yaml"))
    return [p for p in development(listed, include_held_out)
            if not any(fnmatch.fnmatch(p.name, pattern) for pattern in exclude)]


def file_posts(path: Path) -> list:
    """The file's cases as Posts named ``<file>#<index>`` (a case the reader refuses is left out)."""
    from socialpolicy.inputs.draft import read_draft

    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    posts = []
    for index, case in enumerate(data.get("cases", []) if isinstance(data, dict) else []):
        if not isinstance(case, dict) or not isinstance(case.get("text"), str):
            continue
        metadata = {k: case[k] for k in KEEP if k in case}
        try:
            posts.append(read_draft(case["text"], f"{path.name}#{index}", metadata))
        except Exception:  # noqa: BLE001 - a case the draft reader refuses is skipped
            continue
    return posts


def file_messages(path: Path) -> list:
    """The file's inbound messages (``messages:``, the triage corpora) as Messages."""
    from socialpolicy.triage import Message

    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    items = data.get("messages", []) if isinstance(data, dict) else []
    return [Message(id=str(item.get("id", index)), text=str(item["text"]), channel=item.get("channel"),
                    author=item.get("author"), source=f"{path.name}#{index}")
            for index, item in enumerate(items) if isinstance(item, dict) and "text" in item]


def findings(exclude: list[str], include_held_out: bool = False) -> dict[str, dict[str, list]]:
    """By corpus file, by post: every finding, suppressed finding and failure; by
    triage file, by message: everything triage says of it."""
    from socialpolicy.config import Config
    from socialpolicy.engine import Linter

    linter = Linter(Config(), jobs=1)
    out: dict[str, dict[str, list]] = {}
    for path in corpus_files(exclude, include_held_out):
        messages = file_messages(path)
        if messages:
            queue = linter.triage(messages)
            out["triage:" + path.name] = {t.source: [repr(t)] for t in queue}
            print(f"{path.name}: {len(messages)} messages triaged", file=sys.stderr)
        posts = file_posts(path)
        if not posts:
            continue
        result = linter.check_posts(posts)
        per_post: dict[str, list] = defaultdict(list)
        for post in posts:
            per_post[post.source]  # noqa: B018 - every post, findings or not
        for finding in result.findings:
            per_post[finding.file].append(finding.to_dict())
        for suppressed in result.suppressed:
            per_post[suppressed.finding.file].append({"suppressed": suppressed.to_dict()})
        for failure in result.failures:
            per_post[failure.file].append({"failure": [failure.rule, failure.post, failure.reason]})
        out[path.name] = dict(per_post)
        print(f"{path.name}: {len(posts)} posts, {len(result.findings)} findings", file=sys.stderr)
    return out


def archive_findings(posts: int, jobs: int) -> dict[str, dict[str, list]]:
    """Every finding, suppressed finding and failure of a generated archive, in order."""
    import runpy
    import tempfile

    from socialpolicy.config import Config
    from socialpolicy.engine import Linter

    write = runpy.run_path(str(Path(__file__).resolve().parent / "memory.py"),
                           run_name="memory")["write_archive"]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "tweets.js"
        write(path, posts, "varied")
        result = Linter(Config(), jobs=jobs).check_paths([str(path)])
        per_post: dict[str, list] = defaultdict(list)
        for finding in result.findings:
            entry = finding.to_dict()
            entry["file"] = "tweets.js"  # the temporary folder differs between runs
            per_post[f"{finding.line}"].append(entry)
        for suppressed in result.suppressed:
            per_post[f"{suppressed.finding.line}"].append({"suppressed": suppressed.finding.rule})
        for failure in result.failures:
            per_post["failures"].append([failure.rule, failure.post, failure.reason])
        order = [f"{f.line}:{f.column}:{f.rule}" for f in result.findings]
    print(f"archive: {posts} posts, {len(order)} findings", file=sys.stderr)
    return {"archive": dict(per_post), "order": {"all": order}}


def compare(a_path: Path, b_path: Path) -> int:
    a = json.loads(a_path.read_text(encoding="utf-8"))
    b = json.loads(b_path.read_text(encoding="utf-8"))
    differing = 0
    for name in sorted(set(a) | set(b)):
        posts_a, posts_b = a.get(name, {}), b.get(name, {})
        changed = sorted(k for k in set(posts_a) | set(posts_b) if posts_a.get(k) != posts_b.get(k))
        if not changed:
            continue
        differing += len(changed)
        print(f"{name}: {len(changed)} of {max(len(posts_a), len(posts_b))} posts differ")
        if "-fresh" in name:
            continue  # held out: the count only
        for key in changed[:10]:
            print(f"  {key}\n    A {posts_a.get(key)}\n    B {posts_b.get(key)}")
    total = sum(len(v) for v in a.values())
    print("identical" if not differing else f"{differing} posts differ",
          f"({len(a)} files, {total} posts)")
    return 0 if not differing else 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path)
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("A", "B"))
    parser.add_argument("--archive", type=int, metavar="POSTS",
                        help="check a generated X archive of this many posts instead")
    parser.add_argument("--jobs", type=int, default=1, help="with --archive: 0 = every core")
    parser.add_argument("--exclude", action="append", default=[], metavar="GLOB",
                        help="also leave out corpus files whose name matches")
    parser.add_argument("--include-held-out", action="store_true",
                        help="also check the files tests/corpus/HELD_OUT lists (the lead only)")
    args = parser.parse_args()
    if args.compare:
        raise SystemExit(compare(*args.compare))
    if args.out is None:
        parser.error("name the output file, or --compare A B")
    found = archive_findings(args.archive, args.jobs) if args.archive else findings(args.exclude, args.include_held_out)
    args.out.write_text(json.dumps(found, indent=0, sort_keys=True, ensure_ascii=False),
                        encoding="utf-8")


if __name__ == "__main__":
    main()
