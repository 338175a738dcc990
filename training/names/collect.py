"""Every candidate name the recognisers propose on our development names files, with its
features (``socialpolicy/kinds/pii/rescore.py``), the case's label and the hand rules'
own decision on the case, for the re-scorer's training and leave-one-file-out figures.

    PYTHONPATH=. python training/names/collect.py OUT.json [--commit COMMIT]

The held-out files of the session (``tests/corpus/HELD_OUT``) are never read."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
RULE = "named-person-consent"
from held_out import held_out_names  # noqa: E402 - benchmarks/held_out.py

# Held out (never read, never run on): the sealed sets, from the one list.
HELD_OUT = held_out_names()


def development_files(commit: str | None) -> list[str]:
    if commit is None:
        names = [p.name for p in (ROOT / "tests" / "corpus").glob("names-*.yaml")]
    else:
        listing = subprocess.run(["git", "-C", str(ROOT), "ls-tree", "--name-only", commit,
                                  "tests/corpus/"], capture_output=True, text=True, check=True)
        names = [Path(line).name for line in listing.stdout.split()
                 if Path(line).name.startswith("names-") and line.endswith(".yaml")]
    return sorted(n for n in names if n not in HELD_OUT) + ["personal.yaml"]


_WORD = regex.compile(r"\p{L}+")


def context_words(text: str, start: int, end: int) -> list[str]:
    """Up to four words either side of the candidate, in lower case and marked by side
    (the name itself is not kept)."""
    before = [w.casefold() for w in _WORD.findall(text[max(0, start - 50):start])][-4:]
    after = [w.casefold() for w in _WORD.findall(text[end:end + 50])][:4]
    return [f"b:{w}" for w in before] + [f"a:{w}" for w in after]


def _hooks(recorded: list) -> None:
    """Read every candidate as the detector meets it, from outside: the detector's own
    ``reads_as_a_thing``, ``is_private_name``, ``listed_beside`` and ``hashtag_names`` are
    wrapped (in this process only) so that each candidate's features are recorded, while
    its decisions stay what they were (checked: the cases flagged are the same)."""
    from features import features

    from socialpolicy.kinds.pii import detector

    things: dict[tuple[int, str, int], bool] = {}
    seen: set[tuple[str, str, int, int]] = set()
    listed: list[bool] = [False]
    thing_check, private_check = detector.reads_as_a_thing, detector.is_private_name
    beside, tagged = detector.listed_beside, detector.hashtag_names

    def reads_as_a_thing(doc, text, start, end, language=None):
        things[(id(doc), text, end)] = thing_check(doc, text, start, end, language)
        return False

    def is_private_name(f, ctx, allow, start, end, text, reply, need_cue=False, doc=None):
        thing = things.get((id(doc), text, end), False)
        if need_cue is not None:
            key = (ctx.post.source, text, start, end)
            if key not in seen:
                seen.add(key)
                found = features(f, ctx, allow, start, end, text, reply, bool(need_cue), doc, thing)
                if found is not None:
                    found["hand"] = float(found["hand"] and not thing)
                    found["hand_listed"] = float(found["hand_listed"] and not thing)
                    found["context"] = context_words(text, start, end)
                    recorded.append((ctx.post.source, start, end, found))
        if thing:
            return False  # what the detector did: a thing's name is passed over
        return private_check(f, ctx, allow, start, end, text, reply, need_cue=need_cue, doc=doc)

    def listed_beside(text, hits, pending, covered, tag):
        listed[0] = bool(beside(text, [], pending, covered, tag))
        return beside(text, hits, pending, covered, tag)

    def hashtag_names(f, ctx, allow, text, tag):
        found = tagged(f, ctx, allow, text, tag)
        # what the hand rules add whatever the candidates' scores: a hashtag naming
        # someone, a name listed beside consented people
        recorded.append((ctx.post.source, -1, -1, {"extra": float(bool(found) or listed[0])}))
        return found

    detector.reads_as_a_thing = reads_as_a_thing
    detector.is_private_name = is_private_name
    detector.listed_beside = listed_beside
    detector.hashtag_names = hashtag_names


def collect(commit: str | None = None) -> list[dict]:
    import quality  # benchmarks/quality.py

    recorded: list = []
    _hooks(recorded)
    linter = quality.default_linter([RULE])
    linter.jobs = 1  # one process: the hooks live in this one
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in development_files(commit):
            if name in HELD_OUT:
                continue
            path = ROOT / "tests" / "corpus" / name
            if commit is not None:
                text = subprocess.run(["git", "-C", str(ROOT), "show", f"{commit}:tests/corpus/{name}"],
                                      capture_output=True, text=True, check=True).stdout
                path = Path(tmp) / name
                path.write_text(text, encoding="utf-8")
            cases = quality.load_corpus(path)
            recorded.clear()
            result = linter.check_posts([quality.to_post(c) for c in cases])
            flagged = {f.file for f in result.findings if f.rule == RULE}
            by_source: dict[str, dict] = {}
            for case in cases:
                source = quality.source_of(case)
                by_source[source] = {"file": name, "id": case.id, "label": RULE in case.labels,
                                     "hand": source in flagged, "extra": False, "candidates": []}
            for source, start, end, found in recorded:
                row = by_source[source]
                if start < 0:
                    row["extra"] = row["extra"] or bool(found["extra"])
                else:
                    # no text kept: the features and where the span is, nothing more
                    words = found.pop("context")
                    row["candidates"].append({"features": found, "context": words,
                                              "span": [start, end]})
            out.extend(by_source.values())
    return out


def main() -> int:
    args = sys.argv[1:]
    commit = None
    if "--commit" in args:
        commit = args[args.index("--commit") + 1]
    rows = collect(commit)
    Path(args[0]).write_text(json.dumps(rows), encoding="utf-8")
    print(f"{len(rows)} cases, {sum(len(r['candidates']) for r in rows)} candidates")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
