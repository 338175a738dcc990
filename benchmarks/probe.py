"""Break the tool as its users would, and check every promise mechanically.

    python benchmarks/probe.py              # every probe; one line per failure, exit 1 if any
    python benchmarks/probe.py --only leak  # only the probes whose name holds "leak"

Three kinds of probe, each run through the real command in this process (click's
runner, the way tests/conftest.py's ``cli`` fixture runs it; the language model is
read from disk once):

* leaks: known personal data (an NHS number, a phone number, an email, a home
  address, a postcode, a date of birth, names) planted in posts that trip OTHER
  rules (offensive, complaint, conduct, medical advice, links, hashtags, length,
  polls, internal information, appointments, hours) and in every metadata field,
  in every input format (draft .md and .txt, stdin, YAML, JSON, CSV, XLSX, threads),
  then every output searched for the raw values: text, JSON, SARIF, GitHub
  annotations, --statistics, --diff, --output files, triage (text, JSON, CSV),
  the web page and its APIs, error messages about a broken line holding the
  data, and the result cache's files. --show-evidence must still show them.
* bad input: broken YAML, wrong keys, invalid UTF-8, a FIFO, /dev/zero, a folder,
  an empty file, odd CSV quoting and a BOM, XLSX with formulas and merged cells,
  a hostile regex in a Trust rule, deep nesting, billion laughs: exit 2 (or 0 where
  the input is fine), a message naming the file (and the line where there is one),
  never a traceback or an "internal error".
* the README's and SPEC's commands: each exists and answers as documented.

It prints each failure with the command that shows it; nothing is timed.
"""

from __future__ import annotations

import sys

_HERE = __import__("os").path.dirname(__import__("os").path.abspath(__file__))
sys.path[:] = [p for p in sys.path if __import__("os").path.abspath(p or ".") != _HERE]

import argparse
import io
import json
import os
import re
import shlex
import tempfile
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# The values planted, and the forms of each that must never show (spaces and case as a
# reader would search for them).
PLANTED: dict[str, tuple[str, ...]] = {
    "NHS number": ("943 476 5919", "9434765919"),
    "phone": ("07700 900123", "07700900123", "900123"),
    "email": ("pemberton77@gmail.com", "pemberton77"),
    "address": ("14 Ashgrove Crescent", "Ashgrove"),
    "postcode": ("NR31 6LA",),
    "date of birth": ("12/03/1961",),
    "name": ("Fenella Quennell", "Quennell", "Fenella"),
    "staff name": ("Imelda Thistlewood", "Thistlewood"),
}
# One value of each kind, as a post would hold it.
VALUES = {
    "NHS number": "NHS number 943 476 5919",
    "phone": "call 07700 900123",
    "email": "email pemberton77@gmail.com",
    "address": "she lives at 14 Ashgrove Crescent, Gorleston",
    "postcode": "postcode NR31 6LA",
    "date of birth": "DOB 12/03/1961",
    "name": "Fenella Quennell",
    "staff name": "nurse Imelda Thistlewood",
}
ALL_VALUES = ", ".join(VALUES.values())

# Posts that trip rules other than the personal-data ones; {pii} is where a value goes.
CARRIERS: dict[str, dict[str, Any]] = {
    "offensive": {"text": "You useless idiot, {pii}, I hope you rot in hell you stupid cow."},
    "complaint": {"text": "Management ignored my concerns about unsafe staffing on Ward 7 again "
                          "and nobody listens to staff, {pii}. I am raising a grievance."},
    "conduct": {"text": "What a staff night out! Everyone was absolutely wasted, {pii}. "
                        "Vote Reform on Thursday!"},
    "medical": {"text": "Give him Calpol every four hours and keep him in bed, {pii}.",
                "reply_to": {"author": "a parent", "text": "My son has had a temperature for "
                             "two days, what should I give him?"}},
    "link": {"text": "Fill in the form at http://192.168.1.20/form?user=admin, {pii}."},
    "hashtags": {"text": "Well done, {pii}! #mentalhealthawareness #nhs #team #ward #day"},
    "length": {"text": "Our new unit opens on Monday, {pii}. " + "It has eight bays. " * 20},
    "poll": {"text": "Rate our A&E out of ten, {pii}! Vote in the comments."},
    "internal": {"text": "EMBARGOED: not for publication until the board meets, {pii}."},
    "appointment": {"text": "Your appointment at the fracture clinic is on Tuesday 4 March at "
                            "10:30, {pii}, please bring your letter."},
    "hours": {"text": "Drop-in today, {pii}.", "scheduled": "2026-03-14T23:30"},
    "signposting": {"text": "Sorry to hear that, {pii}.",
                    "reply_to": {"author": "a patient", "text": "I've had chest pain since "
                                 "yesterday, should I be worried?"}},
}

# Where else a value may be written (a post's metadata), each with the value put in.
METADATA: dict[str, Callable[[str], dict[str, Any]]] = {
    "reply_to.text": lambda v: {"reply_to": {"author": "someone", "text": f"Hello, {v}, "
                                             "what should I take for my headache?"}},
    "reply_to.author": lambda v: {"reply_to": {"author": v, "text": "Is the clinic open?"}},
    "poll.question": lambda v: {"poll": {"question": f"Do you like {v}?", "options": ["Yes", "No"]}},
    "poll.options": lambda v: {"poll": {"question": "Which?", "options": [v, "No"]}},
    "media.alt": lambda v: {"media": [{"file": "a.jpg", "alt": f"Photo of {v}", "people": True}]},
    "monitored_by": lambda v: {"monitored_by": v, "scheduled": "2026-03-14T23:30"},
    "ignore reason": lambda v: {"ignore": {"hashtag-camelcase": f"Asked by {v}",
                                           "link-safety": ""}},
}


@dataclass
class Probe:
    failures: list[str] = field(default_factory=list)
    ran: int = 0

    def fail(self, what: str, command: str, detail: str) -> None:
        self.failures.append(f"FAIL {what}\n    $ {command}\n    {detail}")
        print(self.failures[-1], flush=True)


@dataclass(frozen=True)
class Ran:
    code: int
    out: str
    err: str


def _reusing_loads() -> None:
    """The language model read from disk once for the whole probe (as the suite's
    ``cli`` fixture does); each command still builds its own Linter."""
    from socialpolicy.nlp import Language

    real = Language.load
    loaded: dict[Any, Any] = {}

    def load(self: Language) -> Any:
        if self._nlp is not None or self._failed is not None:
            return real(self)
        key = (self.requested, frozenset(self.components))
        if key not in loaded:
            loaded[key] = (real(self), list(self._deferred))
            return loaded[key][0]
        self._nlp, deferred = loaded[key]
        self._deferred = list(deferred)
        return self._nlp

    Language.load = load  # type: ignore[method-assign]


def run(*args: str, cwd: Path, stdin: str | bytes | None = None,
        env: dict[str, str | None] | None = None) -> Ran:
    """``socialpolicy ARGS`` in this process, from ``cwd``."""
    from click.testing import CliRunner

    from socialpolicy.cli import main

    before = os.getcwd()
    os.chdir(cwd)
    code: Any = 0
    try:
        runner = CliRunner()
        with runner.isolation(input=stdin, env={"GITHUB_ACTIONS": None, "NO_COLOR": None,
                                                **(env or {})}) as (out, err, _):
            try:
                main(list(args))
            except SystemExit as exc:
                code = exc.code
            except BaseException as exc:  # noqa: BLE001 - the probe reports it
                code = 99
                print(f"raised {type(exc).__name__}: {exc}", file=sys.stderr)
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
        return Ran(code if isinstance(code, int) else 1,
                   out.getvalue().decode("utf-8", "replace"),
                   err.getvalue().decode("utf-8", "replace"))
    finally:
        os.chdir(before)


def leaks(text: str, only: Iterable[str] | None = None) -> list[str]:
    """Which planted values show in ``text`` (any of their forms, any case)."""
    found = []
    low = text.lower()
    squeezed = re.sub(r"[\s\-]", "", low)
    for kind, forms in PLANTED.items():
        if only is not None and kind not in only:
            continue
        for form in forms:
            f = form.lower()
            if f in low or (any(c.isdigit() for c in f) and re.sub(r"\s", "", f) in squeezed):
                at = low.find(f)
                ctx = text[max(0, at - 40): at + len(f) + 40] if at >= 0 else "(digits run together)"
                found.append(f"{kind} {form!r} in …{ctx!r}…")
                break
    return found


def cmdline(args: Iterable[str], cwd: Path) -> str:
    return f"cd {cwd} && socialpolicy " + " ".join(shlex.quote(a) for a in args)


# ---------------------------------------------------------------------------------------
# Inputs holding planted values

def entries() -> list[dict[str, Any]]:
    """One calendar entry per (carrier, value) and per (metadata field, value)."""
    out = []
    for cname, carrier in CARRIERS.items():
        for value in VALUES.values():
            entry = {"id": f"{cname}-{len(out)}", "platform": "twitter",
                     "account": "@JamesPagetNHS", **carrier,
                     "text": carrier["text"].replace("{pii}", value)}
            out.append(entry)
    for make in METADATA.values():
        for value in VALUES.values():
            out.append({"id": f"meta-{len(out)}", "platform": "twitter",
                        "account": "@JamesPagetNHS",
                        "text": "Thank you to everyone who came to the open day! #nhs",
                        **make(value)})
    return out


def write_inputs(root: Path) -> dict[str, Path]:
    import yaml
    from openpyxl import Workbook

    posts = entries()
    files: dict[str, Path] = {}
    (root / "socialpolicy.toml").write_text('cache_dir = ".cache"\n', encoding="utf-8")
    files["yaml"] = root / "calendar.yaml"
    files["yaml"].write_text(yaml.safe_dump({"posts": posts}, sort_keys=False), encoding="utf-8")
    files["json"] = root / "calendar.json"
    files["json"].write_text(json.dumps({"posts": posts}, indent=1), encoding="utf-8")
    # CSV and XLSX: JSON flow text in cells for the structured keys.
    keys = ["id", "platform", "account", "scheduled", "text", "monitored_by", "reply_to",
            "poll", "media", "ignore"]

    def cell(entry: dict[str, Any], key: str) -> str:
        value = entry.get(key)
        if value is None:
            return ""
        return value if isinstance(value, str) else json.dumps(value)

    import csv

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(keys)
    for entry in posts:
        writer.writerow([cell(entry, k) for k in keys])
    files["csv"] = root / "calendar.csv"
    files["csv"].write_text(buffer.getvalue(), encoding="utf-8")
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "posts"
    sheet.append(keys)
    for entry in posts:
        sheet.append([cell(entry, k) for k in keys])
    files["xlsx"] = root / "calendar.xlsx"
    book.save(files["xlsx"])
    # Drafts: every carrier with every value at once, as .md (front matter) and .txt.
    drafts = root / "drafts"
    drafts.mkdir()
    for cname, carrier in CARRIERS.items():
        front = {k: v for k, v in carrier.items() if k != "text"}
        front.update(platform="twitter", account="@JamesPagetNHS")
        body = carrier["text"].replace("{pii}", ALL_VALUES)
        (drafts / f"{cname}.md").write_text(
            "---\n" + yaml.safe_dump(front, sort_keys=False) + "---\n" + body + "\n",
            encoding="utf-8")
    files["txt"] = root / "plain.txt"
    files["txt"].write_text(CARRIERS["offensive"]["text"].replace("{pii}", ALL_VALUES) + "\n",
                            encoding="utf-8")
    files["thread"] = root / "thread.md"
    files["thread"].write_text(
        "---\nplatform: twitter\n---\nPart one, " + ALL_VALUES + " #a #b #c #d\n---\n"
        "Part two: you stupid idiot, " + ALL_VALUES + " " + "long words here " * 20 + "\n",
        encoding="utf-8")
    files["drafts"] = drafts
    return files


# ---------------------------------------------------------------------------------------
# Probes

def probe_leaks_check(p: Probe, root: Path, files: dict[str, Path]) -> None:
    """Every input format through every output format of ``check``."""
    targets = [("yaml",), ("json",), ("csv",), ("xlsx",), ("txt",), ("thread",), ("drafts",)]
    variants: list[list[str]] = [
        ["--format", "text"], ["--format", "json"], ["--format", "sarif"],
        ["--format", "github"], ["--statistics"], ["--format", "text", "--color", "always"],
        ["--diff"], ["--diff", "--unsafe-fixes"], ["--fail-on", "info", "--format", "json"],
    ]
    for (name,) in targets:
        for variant in variants:
            args = ["check", str(files[name].relative_to(root)), "--no-progress", "--jobs", "1",
                    *variant]
            if name == "txt":
                args += ["--platform", "twitter"]
            r = run(*args, cwd=root)
            p.ran += 1
            if r.code not in (0, 1):
                p.fail(f"check {name} {' '.join(variant)} exit {r.code}", cmdline(args, root),
                       r.err[-600:])
            for leak in leaks(r.out + r.err):
                p.fail(f"leak: check {name} {' '.join(variant)}", cmdline(args, root), leak)
    # stdin, read as a draft and as a .md with front matter
    body = CARRIERS["complaint"]["text"].replace("{pii}", ALL_VALUES)
    for args, data in (
        (["check", "-", "--platform", "x"], body),
        (["check", "-", "--stdin-filename", "draft.md", "--format", "json"],
         "---\nplatform: twitter\nmonitored_by: " + VALUES["name"] + "\n---\n" + body),
    ):
        r = run(*args, cwd=root, stdin=data)
        p.ran += 1
        for leak in leaks(r.out + r.err):
            p.fail("leak: stdin", cmdline(args, root) + " < (post)", leak)
    # --output files, and the result cache's files
    out_file = root / "report.sarif"
    args = ["check", "calendar.yaml", "--format", "sarif", "-o", str(out_file), "--no-progress"]
    r = run(*args, cwd=root)
    p.ran += 1
    if out_file.exists():
        for leak in leaks(out_file.read_text(encoding="utf-8")):
            p.fail("leak: --output file", cmdline(args, root), leak)
    for path in sorted((root / ".cache").rglob("*")) if (root / ".cache").exists() else []:
        if path.is_file():
            data = path.read_bytes().decode("utf-8", "replace")
            for leak in leaks(data):
                p.fail(f"leak: cache file {path.relative_to(root)}", cmdline(args, root), leak)
    # --fix writes the file (the user's own text is expected there); its stdout must not leak
    fixed = root / "fixme.yaml"
    fixed.write_text(files["yaml"].read_text(encoding="utf-8"), encoding="utf-8")
    before = fixed.read_bytes()
    args = ["check", "fixme.yaml", "--fix", "--no-progress"]
    r = run(*args, cwd=root)
    p.ran += 1
    for leak in leaks(r.out + r.err):
        p.fail("leak: --fix report", cmdline(args, root), leak)
    after = fixed.read_bytes()
    if after.count(b"\n") != before.count(b"\n"):
        p.fail("--fix changed the number of lines", cmdline(args, root), "")


def probe_show_evidence(p: Probe, root: Path, files: dict[str, Path]) -> None:
    """--show-evidence does show the data (so masking is not just 'nothing found')."""
    args = ["check", "drafts/offensive.md", "--show-evidence", "--format", "json"]
    r = run(*args, cwd=root)
    p.ran += 1
    shown = leaks(r.out)
    if len(shown) < 5:
        p.fail("--show-evidence shows too little", cmdline(args, root),
               f"only {len(shown)} planted kinds shown: {shown}")


def probe_leaks_triage(p: Probe, root: Path) -> None:
    import yaml

    msgs = []
    for i, value in enumerate(VALUES.values()):
        msgs += [
            {"id": f"m{i}a", "channel": "facebook", "author": VALUES["name"],
             "text": f"My dad is in Ward 7, {value}, the nurses were rude and I want to complain."},
            {"id": f"m{i}b", "channel": "x", "author": "Imelda Thistlewood 07700 900123",
             "text": f"I have chest pain and can't breathe, {value}, what do I do?"},
            {"id": f"m{i}c", "channel": "x", "author": "someone",
             "text": f"You are all useless idiots, {value}, I know where you live."},
            {"id": f"m{i}d", "channel": "x", "author": "someone",
             "text": f"Please cancel my appointment on Monday, {value}."},
        ]
    (root / "inbox.yaml").write_text(yaml.safe_dump({"messages": msgs}), encoding="utf-8")
    import csv

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=["id", "channel", "author", "text"])
    writer.writeheader()
    writer.writerows(msgs)
    (root / "inbox.csv").write_text(buffer.getvalue(), encoding="utf-8")
    for name in ("inbox.yaml", "inbox.csv"):
        for fmt in ("text", "json", "csv"):
            args = ["triage", name, "--format", fmt]
            r = run(*args, cwd=root)
            p.ran += 1
            if r.code != 0:
                p.fail(f"triage {name} {fmt} exit {r.code}", cmdline(args, root), r.err[-400:])
            for leak in leaks(r.out + r.err):
                p.fail(f"leak: triage {name} --format {fmt}", cmdline(args, root), leak)
    args = ["triage", "inbox.yaml", "--format", "json", "--show-evidence"]
    r = run(*args, cwd=root)
    if len(leaks(r.out)) < 5:
        p.fail("triage --show-evidence shows too little", cmdline(args, root), str(leaks(r.out)))


def probe_errors(p: Probe, root: Path) -> None:
    """Error messages about a broken line that holds personal data name the place only."""
    bad = root / "bad"
    bad.mkdir()
    cases = {
        "syntax.yaml": "posts:\n  - id: a\n    text: 'Call 07700 900123 for Fenella Quennell\n    platform: [x\n",
        "wrongkey.yaml": "posts:\n  - id: a\n    text: hi\n    Fenella Quennell 07700 900123: yes\n",
        "platform.yaml": "posts:\n  - id: a\n    text: hi\n    platform: Fenella Quennell 07700 900123\n",
        "scheduled.yaml": "posts:\n  - id: a\n    text: hi\n    scheduled: 12/03/1961 NR31 6LA\n",
        "media.yaml": "posts:\n  - id: a\n    text: hi\n    media: pemberton77@gmail.com\n",
        "people.yaml": "posts:\n  - id: a\n    text: hi\n    media: [{file: a.jpg, people: Fenella Quennell}]\n",
        "consent.md": "---\nconsent: Fenella Quennell 943 476 5919\n---\nHello\n",
        "front.md": "---\nplatform: twitter\nFenella Quennell: 943 476 5919\n---\nHello\n",
        "brokenfront.md": "---\nplatform: [twitter\ntext: 14 Ashgrove Crescent NR31 6LA\n---\nHello\n",
        "ragged.csv": "id,text\na,hi,07700 900123,Fenella Quennell\n",
        "header.csv": "id,text,Fenella Quennell 07700 900123\na,hi,x\n",
        "platform.csv": "id,text,platform\na,hi,NR31 6LA Fenella Quennell\n",
        "reply.csv": "id,text,reply_to\na,hi,\"{author: Fenella Quennell, txt: 07700 900123}\"\n",
        "badjson.json": '{"posts": [{"id": "a", "text": "Fenella Quennell 07700 900123" "x"}]}',
        "dupe.json": '{"posts": [{"id": "a", "text": "Fenella Quennell", "text": "07700 900123"}]}',
        "utf8.md": None,  # written below as bytes
        # Not an input error but a finding (suppression-without-reason), exit 1.
        "ignore.yaml": "posts:\n  - id: a\n    text: hi\n    ignore: {Fenella Quennell 07700 900123: x}\n",
        "account.yaml": "posts:\n  - id: a\n    text: hi\n    account: [Fenella Quennell, 07700 900123]\n",
        "thread.yaml": "posts:\n  - id: a\n    thread: Fenella Quennell 07700 900123\n",
    }
    for name, content in cases.items():
        path = bad / name
        if content is None:
            path.write_bytes(b"Hello Fenella Quennell 07700 900123 \xff\xfe broken\n")
        else:
            path.write_text(content, encoding="utf-8")
        for fmt in ("text", "json"):
            args = ["check", f"bad/{name}", "--format", fmt, "--no-progress"]
            r = run(*args, cwd=root)
            p.ran += 1
            if r.code != (1 if name == "ignore.yaml" else 2):
                p.fail(f"broken {name}: exit {r.code}", cmdline(args, root),
                       (r.err or r.out)[-400:])
            for leak in leaks(r.out + r.err):
                p.fail(f"leak: error message for {name}", cmdline(args, root), leak)
            _plain_error(p, r, name, cmdline(args, root))


def _plain_error(p: Probe, r: Ran, name: str, command: str) -> None:
    text = r.out + r.err
    if "Traceback" in text or "internal error" in text or r.code == 99:
        p.fail(f"{name}: traceback or internal error", command, text[-800:])
    if r.code == 2 and name.split("/")[-1] not in r.err:
        p.fail(f"{name}: exit 2 without naming the file", command, r.err[-400:])


def probe_bad_input(p: Probe, root: Path) -> None:
    """Hostile and odd files: exit 2 (or 0/1 where the file is fine), a plain message."""
    from openpyxl import Workbook

    bad = root / "hostile"
    bad.mkdir()
    expect: dict[str, tuple[bytes | None, set[int], str | None]] = {
        # name: (content, acceptable exit codes, a string the message must hold)
        "empty.md": (b"", {0}, None),
        "empty.yaml": (b"", {0, 2}, None),
        "blank.txt": (b"\n\n  \n", {0}, None),
        "bom.csv": ("\ufeffid,text,platform\na,Hello there,twitter\n".encode(), {0}, None),
        "bom.yaml": ("\ufeffposts:\n  - {id: a, text: hi, platform: x}\n".encode(), {0}, None),
        "quotes.csv": (b'id,text,platform\na,"He said ""hi"" to us\nthen left",twitter\n'
                       b'b,"unterminated,twitter\n', {0, 1, 2}, None),
        "semicolon.csv": (b"id;text;platform\na;Hello;twitter\n", {2}, "semicolon.csv"),
        "crlf.csv": (b"id,text,platform\r\na,Hello,twitter\r\n", {0}, None),
        "latin1.csv": ("id,text\na,Caf\u00e9 open\n".encode("latin-1"), {2}, ":2"),
        "nul.yaml": (b"posts:\n  - {id: a, text: \"hi\x00\"}\n", {2}, None),
        "laughs.yaml": (b"a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
                        b"c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
                        b"e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
                        b"g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\nposts: [{id: a, text: *g}]\n",
                        {2}, None),
        "deep.yaml": (b"posts: " + b"[" * 5000 + b"]" * 5000 + b"\n", {2}, None),
        "deep.json": (b'{"posts": ' + b"[" * 5000 + b"]" * 5000 + b"}", {2}, None),
        "deepmap.yaml": (b"posts:\n  - id: a\n    text: hi\n    poll: " + b"{a: " * 3000
                         + b"1" + b"}" * 3000 + b"\n", {2}, None),
        "tags.yaml": (b"posts: !!python/object/apply:os.system ['echo hi']\n", {2}, None),
        "scalar.yaml": (b"posts: 3\n", {2}, None),
        "list.yaml": (b"- a\n- b\n", {0, 2}, None),
        "postsnull.yaml": (b"posts:\n", {0, 2}, None),
        "entrynull.yaml": (b"posts:\n  -\n  - id: b\n    text: hi\n", {2}, ":2"),
        "textnum.yaml": (b"posts:\n  - id: a\n    text: 12345\n", {0, 1, 2}, None),
        "textlist.yaml": (b"posts:\n  - id: a\n    text: [a, b]\n", {2}, ":3"),
        "idlist.yaml": (b"posts:\n  - id: [a]\n    text: hi\n", {2}, ":2"),
        "dupid.yaml": (b"posts:\n  - {id: a, text: hi}\n  - {id: a, text: ho}\n", {0, 1, 2}, None),
        "bigint.yaml": (b"posts:\n  - id: a\n    text: hi\n    scheduled: 99999999999999999999\n",
                        {2}, ":4"),
        "date.yaml": (b"posts:\n  - id: a\n    text: hi\n    scheduled: 2026-02-30T10:00\n",
                      {2}, ":4"),
        "asof.yaml": (b"calendar: {as_of: yesterday}\nposts:\n  - {id: a, text: hi}\n", {2}, ":1"),
        "mediastr.yaml": (b"posts:\n  - id: a\n    text: hi\n    media: [photo.jpg]\n", {2}, ":4"),
        "pollbad.yaml": (b"posts:\n  - id: a\n    text: hi\n    poll: {question: q, options: 3}\n",
                         {2}, ":4"),
        "utf16.md": ("---\nplatform: x\n---\nhello\n".encode("utf-16"), {0, 2}, None),
        "binary.txt": (bytes(range(256)) * 4, {2}, None),
        "frontonly.md": (b"---\nplatform: twitter\n---\n", {0}, None),
        "unclosed.md": (b"---\nplatform: twitter\nHello there\n", {0, 2}, None),
        "frontlist.md": (b"---\n- a\n- b\n---\nHello\n", {2}, None),
        "doc.docx": (b"PK\x03\x04junk", {2}, "docx"),
        "table.xlsx": (b"PK\x03\x04 not really a zip", {2}, None),
        "tweets.js": (b"window.YTD.tweets.part0 = [ {broken", {2}, ".js"),
        "surrogates.json": (b'{"posts": [{"id": "a", "text": "\\ud800 hi"}]}', {0, 1, 2}, None),
        "huge-number.json": (b'{"posts": [{"id": "a", "text": "hi", "scheduled": 1e400}]}',
                             {2}, None),
        "nan.json": (b'{"posts": [{"id": "a", "text": NaN}]}', {2}, None),
        "toplevel-list.json": (b'[{"id": "a", "text": "hi"}]', {0, 2}, None),
    }
    for name, (content, _, _) in expect.items():
        assert content is not None
        (bad / name).write_bytes(content)
    # Spreadsheets with formulas, merged cells, dates, errors and odd sheets.
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "posts"
    sheet.append(["id", "text", "platform", "scheduled"])
    sheet.append(["a", "=CONCAT(\"Take two \",\"paracetamol\")", "twitter", "2026-03-14"])
    sheet.append(["b", "Hello", "twitter", "=NOW()"])
    sheet.append(["c", "=1/0", "twitter", None])
    sheet.append(["d", "Merged", "twitter", None])
    sheet.merge_cells("B5:C5")
    sheet.append([None, None, None, None])
    sheet.append(["f", 12345, 3.5, 44000])
    book.save(bad / "formulas.xlsx")
    expect["formulas.xlsx"] = (None, {0, 1, 2}, None)
    book = Workbook()
    book.active.title = "budget"  # type: ignore[union-attr]
    book.active.append(["cost", "item"])  # type: ignore[union-attr]
    book.save(bad / "budget.xlsx")
    expect["budget.xlsx"] = (None, {0}, None)
    book = Workbook()
    book.active.append([])  # type: ignore[union-attr]
    book.save(bad / "blank.xlsx")
    expect["blank.xlsx"] = (None, {0, 2}, None)
    (bad / "folder.yaml").mkdir()
    expect["folder.yaml"] = (None, {0, 2}, None)
    fifo = bad / "pipe.md"
    os.mkfifo(fifo)
    expect["pipe.md"] = (None, {0, 2}, None)
    (bad / "zero.md").symlink_to("/dev/zero")
    expect["zero.md"] = (None, {0, 2}, None)
    (bad / "dangling.md").symlink_to(bad / "nowhere.md")
    expect["dangling.md"] = (None, {0, 2}, None)
    for name, (_, codes, must) in expect.items():
        args = ["check", f"hostile/{name}", "--no-progress", "--jobs", "1"]
        r = _bounded(lambda a=args: run(*a, cwd=root), 120)
        p.ran += 1
        if r is None:
            p.fail(f"hostile {name}: no answer within 120 s", cmdline(args, root), "")
            continue
        if r.code not in codes:
            p.fail(f"hostile {name}: exit {r.code}, expected {sorted(codes)}",
                   cmdline(args, root), (r.err or r.out)[-500:])
        if r.code == 2 and must is not None and must not in r.err:
            p.fail(f"hostile {name}: message lacks {must!r}", cmdline(args, root), r.err[-400:])
        _plain_error(p, r, name, cmdline(args, root))
    # The whole folder at once: a FIFO or /dev/zero inside a walked folder must not hang.
    args = ["check", "hostile", "--no-progress", "--jobs", "1", "--format", "json"]
    r = _bounded(lambda: run(*args, cwd=root), 300)
    p.ran += 1
    if r is None:
        p.fail("hostile folder: no answer within 300 s", cmdline(args, root), "")
    else:
        _plain_error(p, r, "hostile", cmdline(args, root))
    # /dev/zero named directly, and a folder named as triage input.
    for args in (["check", "/dev/zero", "--no-progress"], ["triage", "hostile"],
                 ["triage", "hostile/empty.yaml"], ["triage", "hostile/laughs.yaml"],
                 ["triage", "hostile/bom.csv"], ["triage", "hostile/semicolon.csv"],
                 ["triage", "hostile/formulas.xlsx"], ["triage", "hostile/binary.txt"],
                 ["triage", "hostile/pipe.md"], ["triage", "/dev/zero"]):
        r = _bounded(lambda a=args: run(*a, cwd=root), 120)
        p.ran += 1
        if r is None:
            p.fail(f"{' '.join(args)}: no answer within 120 s", cmdline(args, root), "")
            continue
        if r.code not in (0, 2):
            p.fail(f"{' '.join(args)}: exit {r.code}", cmdline(args, root), (r.err or r.out)[-400:])
        _plain_error(p, r, args[-1], cmdline(args, root))


def _bounded(job: Callable[[], Ran], seconds: float) -> Ran | None:
    """``job()``, or None if it has not answered within ``seconds`` (left running)."""
    box: list[Ran] = []
    worker = threading.Thread(target=lambda: box.append(job()), daemon=True)
    worker.start()
    worker.join(seconds)
    return box[0] if box else None


def probe_rules(p: Probe, root: Path) -> None:
    """Trust rules that are hostile or broken; rules show / list never leak."""
    rules = root / "trust-rules"
    rules.mkdir()
    cfg = root / "rules.toml"
    cfg.write_text('rule_paths = ["trust-rules"]\n', encoding="utf-8")
    base = ("id: trust-{n}\ntitle: T\nseverity: warning\nclause: {{policy: JPUH-BUSM, section: '5.0', "
            "quote: q}}\nmessage: m\nsuggestion: s\nexamples: {{fail: [a, b, c, d, e], "
            "pass: [f, g, h, i, j]}}\n")
    bodies = {
        "redos": "detectors:\n  - pattern: '(a+)+$'\n",
        "badregex": "detectors:\n  - pattern: '(unclosed'\n",
        "nodetector": "detectors: []\n",
        "wrongkind": "detectors:\n  - patern: 'x'\n",
        "deep": "detectors:\n  - pattern: " + "[" * 3000 + "]" * 3000 + "\n",
        "tab": "detectors:\n\t- pattern: x\n",
        "hugelist": "detectors:\n  - phrases: [" + ", ".join(f"w{i}" for i in range(20000)) + "]\n",
    }
    for n, (name, body) in enumerate(bodies.items()):
        for old in rules.glob("*.yaml"):
            old.unlink()
        (rules / f"{name}.yaml").write_text(base.format(n=n) + body, encoding="utf-8")
        (root / "post.txt").write_text("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!",
                                       encoding="utf-8")
        for args in (["check", "post.txt", "--config", str(cfg), "--no-progress", "--jobs", "1"],
                     ["rules", "list", "--config", str(cfg)],
                     ["rules", "test", "trust-rules"]):
            r = _bounded(lambda a=args: run(*a, cwd=root), 180)
            p.ran += 1
            if r is None:
                p.fail(f"trust rule {name}: {args[0]} {args[1]} no answer in 180 s",
                       cmdline(args, root), "")
                continue
            _plain_error(p, r, f"{name}.yaml" if r.code == 2 else name, cmdline(args, root))
    for old in rules.glob("*.yaml"):
        old.unlink()
    # Every rule's own page: a rule's examples are its authors' made-up data, but no
    # planted value of ours may show, and the command must answer for every id.
    r = run("rules", "list", cwd=root)
    ids = [i for i in re.findall(r"^([a-z]+(?:-[a-z]+)+)\b", r.out, re.M)]
    for rule_id in ids:
        r = run("rules", "show", rule_id, cwd=root)
        p.ran += 1
        if r.code != 0:
            p.fail(f"rules show {rule_id}: exit {r.code}", cmdline(["rules", "show", rule_id], root),
                   r.err[-300:])
    r = run("rules", "show", "no-such-rule", cwd=root)
    if r.code != 2 or "Traceback" in r.err:
        p.fail(f"rules show no-such-rule: exit {r.code}",
               cmdline(["rules", "show", "no-such-rule"], root), r.err[-300:])


def probe_config(p: Probe, root: Path) -> None:
    """Broken configurations: exit 2 with the file and line."""
    cfgdir = root / "cfg"
    cfgdir.mkdir()
    (cfgdir / "post.txt").write_text("Hello", encoding="utf-8")
    cases = {
        "syntax": ("socialpolicy.toml", "select = [\n", ":1"),
        "unknown": ("socialpolicy.toml", "selct = ['medical-advice']\n", ":1"),
        "badrule": ("socialpolicy.toml", "select = ['medical-advise']\n", "medical-advice"),
        "hours": ("socialpolicy.toml", "hours = {days = 'Funday'}\n", ":1"),
        "platforms": ("socialpolicy.toml", "platforms = {twitter = -5}\n", ":1"),
        "accounts-missing": ("socialpolicy.toml", "accounts = 'nowhere.yaml'\n", "nowhere.yaml"),
        "pyproject": ("pyproject.toml", "[tool.socialpolicy]\nfail_on = 'loud'\n", ":2"),
        "cache-dir-file": ("socialpolicy.toml", "cache_dir = 'post.txt'\n", None),
        "max-file": ("socialpolicy.toml", "max_file_mb = 0\n", None),
        "model": ("socialpolicy.toml", "pii = {model = 'os'}\n", None),
    }
    for name, (fname, content, must) in cases.items():
        for old in ("socialpolicy.toml", "pyproject.toml"):
            (cfgdir / old).unlink(missing_ok=True)
        (cfgdir / fname).write_text(content, encoding="utf-8")
        args = ["check", "post.txt", "--no-progress", "--platform", "x"]
        r = run(*args, cwd=cfgdir)
        p.ran += 1
        if r.code not in (0, 2) or (must is not None and r.code != 2):
            p.fail(f"config {name}: exit {r.code}", cmdline(args, cfgdir), (r.err or r.out)[-400:])
        if must is not None and must not in r.err:
            p.fail(f"config {name}: message lacks {must!r}", cmdline(args, cfgdir), r.err[-400:])
        text = r.out + r.err
        if "Traceback" in text or "internal error" in text:
            p.fail(f"config {name}: traceback", cmdline(args, cfgdir), text[-600:])


def probe_cli_options(p: Probe, root: Path, files: dict[str, Path]) -> None:
    """Odd option values, and the SPEC's command list."""
    cases: list[tuple[list[str], set[int]]] = [
        (["check", "calendar.yaml", "--select", "medical-advise"], {2}),
        (["check", "calendar.yaml", "--select", ""], {0, 1, 2}),
        (["check", "calendar.yaml", "--ignore", ",,"], {0, 1, 2}),
        (["check", "plain.txt", "--platform", "myspace"], {2}),
        (["check", "plain.txt", "--scheduled", "tomorrow"], {2}),
        (["check", "plain.txt", "--scheduled", "2026-03-14T25:00"], {2}),
        (["check", "plain.txt", "--account", ""], {0, 1, 2}),
        (["check", "-", "--stdin-filename", "x.docx"], {0, 1, 2}),
        (["check", "-", "--stdin-filename", "../../etc/passwd"], {0, 1, 2}),
        (["check", "nowhere.md"], {2}),
        (["check", "plain.txt", "-o", "drafts"], {2}),
        (["check", "plain.txt", "-o", "plain.txt"], {2}),
        (["check", "plain.txt", "-o", "/nonexistent/dir/r.json"], {2}),
        (["check", "plain.txt", "--fix", "--diff"], {0, 1, 2}),
        (["check", "plain.txt", "--unsafe-fixes"], {0, 1, 2}),
        (["check", "plain.txt", "--statistics", "--format", "json"], {0, 1, 2}),
        (["check", "plain.txt", "--dask", "tcp://127.0.0.1:1"], {0, 1, 2}),
        (["check", "plain.txt", "--config", "nowhere.toml"], {2}),
        (["check", "plain.txt", "--config", "drafts"], {2}),
        (["triage", "nowhere.csv"], {2}),
        (["triage", "plain.txt"], {2}),
        (["rules", "test", "nowhere"], {2}),
        (["rules", "test", "plain.txt"], {1, 2}),
        (["rules", "show", ""], {2}),
        (["serve", "--port", "99999"], {2}),
        (["explain", "medical-advice"], {0, 2}),
    ]
    for args, codes in cases:
        extra = ["--no-progress"] if args[0] == "check" else []
        r = run(*args, *extra, cwd=root, stdin="Take two paracetamol")
        p.ran += 1
        if r.code not in codes:
            p.fail(f"{' '.join(args)}: exit {r.code}, expected {sorted(codes)}", cmdline(args, root),
                   (r.err or r.out)[-400:])
        text = r.out + r.err
        if "Traceback" in text or "internal error" in text or r.code == 99:
            p.fail(f"{' '.join(args)}: traceback", cmdline(args, root), text[-600:])
    spec = ["check", "rules list", "rules show", "rules test", "init", "triage", "serve"]
    r = run("--help", cwd=root)
    for command in spec:
        head = command.split()[0]
        if head not in r.out:
            p.fail(f"SPEC command {command} missing from --help", "socialpolicy --help", r.out[:300])


def probe_web(p: Probe, root: Path) -> None:
    """The web page and its APIs: masked by default, plain errors, nothing stored."""
    try:
        from starlette.testclient import TestClient
    except ImportError:
        p.fail("web: starlette missing", "pip install 'socialpolicy[web]'", "")
        return
    from socialpolicy.engine import Linter
    from socialpolicy.web.app import create_app
    from socialpolicy.web.checking import Checker

    app = create_app(Checker(Linter(jobs=1)), max_mb=1)
    client = TestClient(app, base_url="http://127.0.0.1:8000", raise_server_exceptions=False)
    files = write_inputs_web(root)
    for cname, carrier in CARRIERS.items():
        body = {k: v for k, v in carrier.items() if k != "text"}
        body.update(text=carrier["text"].replace("{pii}", ALL_VALUES), platform="twitter",
                    account="@JamesPagetNHS")
        r = client.post("/api/check", json=body)
        p.ran += 1
        if r.status_code != 200:
            p.fail(f"web /api/check {cname}: HTTP {r.status_code}", "POST /api/check", r.text[:300])
        for leak in leaks(r.text):
            p.fail(f"leak: web /api/check {cname}", "POST /api/check", leak)
        form = {"text": body["text"], "platform": "twitter", "mode": "paste",
                "monitored_by": VALUES["name"], "media_alt": ALL_VALUES, "consent_names": ""}
        if "reply_to" in carrier:
            form["reply_to_text"] = carrier["reply_to"]["text"] + " " + ALL_VALUES
            form["reply_to_author"] = VALUES["name"]
        r = client.post("/check", data=form)
        p.ran += 1
        if r.status_code != 200:
            p.fail(f"web POST /check {cname}: HTTP {r.status_code}", "POST /check (form)", r.text[:300])
        for leak in leaks(page_text(r.text)):
            p.fail(f"leak: web page POST /check {cname}", "POST /check (form)", leak)
    for name, path in files.items():
        for route in ("/api/check", "/check"):
            data = {"mode": "upload"} if route == "/check" else None
            r = client.post(route, files={"file": (path.name, path.read_bytes())}, data=data)
            p.ran += 1
            if r.status_code not in (200, 400):
                p.fail(f"web {route} upload {name}: HTTP {r.status_code}", f"POST {route} (file)",
                       r.text[:300])
            for leak in leaks(page_text(r.text)):
                p.fail(f"leak: web {route} upload {name}", f"POST {route} (file)", leak)
            if "Traceback" in r.text or "internal error" in r.text.lower():
                p.fail(f"web {route} upload {name}: traceback", f"POST {route} (file)", r.text[:500])
    msgs = [{"id": f"m{i}", "channel": "x", "author": VALUES["name"],
             "text": f"I have chest pain, {v}, and the nurse was rude"} for i, v in enumerate(VALUES.values())]
    for route, kwargs in (("/api/triage", {"json": {"messages": msgs}}),
                          ("/triage", {"data": {"messages": "\n".join(m["text"] for m in msgs)}})):
        r = client.post(route, **kwargs)  # type: ignore[arg-type]
        p.ran += 1
        if r.status_code != 200:
            p.fail(f"web {route}: HTTP {r.status_code}", f"POST {route}", r.text[:300])
        for leak in leaks(page_text(r.text)):
            p.fail(f"leak: web {route}", f"POST {route}", leak)
    # Bad requests: plain 4xx, no traceback, nothing quoted back.
    bad: list[tuple[str, dict[str, Any]]] = [
        ("/api/check", {"content": b"{not json " + ALL_VALUES.encode(),
                        "headers": {"content-type": "application/json"}}),
        ("/api/check", {"json": {"text": "hi", "platform": ALL_VALUES}}),
        ("/api/check", {"json": {"text": "hi", "scheduled": ALL_VALUES}}),
        ("/api/check", {"json": {"text": "hi", ALL_VALUES: 1}}),
        ("/api/check", {"json": {"text": "hi", "media": ALL_VALUES}}),
        ("/api/check", {"json": {"text": ["a"]}}),
        ("/api/check", {"json": ["a"]}),
        ("/api/check", {"json": {"text": "x" * 2_000_000}}),
        ("/api/check", {"files": {"file": ("a.yaml", b"posts:\n  - {id: a, text: 'Fenella Quennell 07700 900123\n")}}),
        ("/api/check", {"files": {"file": ("a.csv", b"id,text\na,hi,Fenella Quennell 07700 900123\n")}}),
        ("/api/check", {"files": {"file": ("a.docx", b"PK\x03\x04")}}),
        ("/api/check", {"files": {"file": ("a.md", b"\xff\xfe Fenella Quennell 07700 900123")}}),
        ("/api/check", {"files": {"file": ("../../etc/passwd", b"hello")}}),
        ("/api/triage", {"json": {"messages": [{"id": "a", "txt": ALL_VALUES}]}}),
        ("/api/triage", {"json": {"messages": "x"}}),
        ("/api/triage", {"files": {"file": ("m.csv", b"id,text\na,hi,Fenella Quennell 07700 900123\n")}}),
        ("/check", {"data": {"mode": "paste", "text": "hi", "platform": ALL_VALUES}}),
        ("/check", {"data": {"mode": "paste", "text": "hi", "scheduled": ALL_VALUES}}),
    ]
    for route, kwargs in bad:
        r = client.post(route, **kwargs)
        p.ran += 1
        if r.status_code >= 500:
            p.fail(f"web {route} bad request: HTTP {r.status_code}", f"POST {route} {list(kwargs)}",
                   r.text[:400])
        if "Traceback" in r.text:
            p.fail(f"web {route}: traceback", f"POST {route}", r.text[:400])
        for leak in leaks(page_text(r.text)):
            p.fail(f"leak: web {route} error answer", f"POST {route} {str(kwargs)[:120]}", leak)


def page_text(html: str) -> str:
    """A page without the form's own fields: the textarea and inputs hold what the
    officer typed, given back for editing (masking them would lose their draft)."""
    html = re.sub(r"<textarea[^>]*>.*?</textarea>", "<textarea></textarea>", html, flags=re.S)
    return re.sub(r'(<input[^>]*?\bvalue=")[^"]*(")', r"\1\2", html)


def write_inputs_web(root: Path) -> dict[str, Path]:
    return {k: v for k, v in write_inputs_cached(root).items() if k in ("yaml", "csv", "xlsx", "txt")}


_CACHE: dict[str, dict[str, Path]] = {}


def write_inputs_cached(root: Path) -> dict[str, Path]:
    if "files" not in _CACHE:
        _CACHE["files"] = write_inputs(root)
    return _CACHE["files"]


def probe_cache_concurrency(p: Probe, root: Path) -> None:
    """Two real processes over one cache at once: both answers whole and equal."""
    import subprocess

    work = root / "conc"
    work.mkdir()
    (work / "socialpolicy.toml").write_text("", encoding="utf-8")
    import shutil

    shutil.copy(write_inputs_cached(root)["yaml"], work / "calendar.yaml")
    cmd = [sys.executable, "-m", "socialpolicy", "check", "calendar.yaml", "--format", "json",
           "--no-progress", "--jobs", "1"]
    procs = [subprocess.Popen(cmd, cwd=work, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
             for _ in range(3)]
    outs = [proc.communicate(timeout=600) for proc in procs]
    again = subprocess.run(cmd, cwd=work, capture_output=True, timeout=600)
    p.ran += 1
    answers = {o[0] for o in outs} | {again.stdout}
    if len(answers) != 1:
        p.fail("concurrent runs gave different answers", f"cd {work} && 3x {' '.join(cmd[2:])} &",
               str([len(a) for a in answers]))
    for (_, err), proc in zip(outs, procs, strict=True):
        if proc.returncode not in (0, 1) or b"Traceback" in err:
            p.fail("concurrent run failed", " ".join(cmd), err.decode()[-400:])
    for path in (work / ".socialpolicy_cache").rglob("*"):
        if path.is_file():
            for leak in leaks(path.read_bytes().decode("utf-8", "replace")):
                p.fail(f"leak: cache file {path.name}", " ".join(cmd), leak)


def probe_names_in_words(p: Probe, root: Path) -> None:
    """A name run into other words: a lower-case hashtag, a photo's file name."""
    work = root / "words"
    work.mkdir()
    drafts = {
        "hashtag.md": "---\nplatform: twitter\n---\nGet well soon from all of us "
                      "#getwellfenellaquennell\n",
        "camel.md": "---\nplatform: twitter\n---\nI want to complain about the way my mum "
                    "was treated on Ward 7, nobody listened. #JusticeForFenellaQuennell\n",
        "photo.md": "---\nplatform: twitter\nmedia:\n  - {file: fenella_quennell_ward7.jpg, "
                    "people: true}\n---\nOur ward team\n",
    }
    for name, content in drafts.items():
        (work / name).write_text(content, encoding="utf-8")
        for fmt in ("text", "json"):
            args = ["check", f"words/{name}", "--format", fmt, "--no-progress"]
            r = run(*args, cwd=root)
            p.ran += 1
            for leak in leaks(r.out + r.err, only=["name"]):
                p.fail(f"leak: a name run into other words ({name})", cmdline(args, root), leak)


PROBES: dict[str, Callable[[Probe, Path], None]] = {
    "leak-check": lambda p, root: probe_leaks_check(p, root, write_inputs_cached(root)),
    "leak-show-evidence": lambda p, root: probe_show_evidence(p, root, write_inputs_cached(root)),
    "leak-triage": probe_leaks_triage,
    "leak-errors": probe_errors,
    "leak-web": probe_web,
    "leak-words": probe_names_in_words,
    "bad-input": probe_bad_input,
    "bad-rules": probe_rules,
    "bad-config": probe_config,
    "cli-options": lambda p, root: probe_cli_options(p, root, write_inputs_cached(root)),
    "cache-concurrency": probe_cache_concurrency,
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", default="", help="run only the probes whose name holds this")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    options = parser.parse_args()
    _reusing_loads()
    probe = Probe()
    root = Path(tempfile.mkdtemp(prefix="socialpolicy-probe-"))
    for name, job in PROBES.items():
        if options.only and options.only not in name:
            continue
        print(f"== {name}", flush=True)
        before = len(probe.failures)
        try:
            job(probe, root)
        except Exception as exc:  # noqa: BLE001 - a probe's own bug is reported, not fatal
            import traceback

            probe.fail(f"probe {name} itself failed", "", traceback.format_exc()[-800:])
            del exc
        print(f"   {len(probe.failures) - before} failures", flush=True)
    print(f"\n{probe.ran} commands, {len(probe.failures)} failures; inputs in {root}")
    if not options.keep:
        import shutil

        shutil.rmtree(root, ignore_errors=True)
    return 1 if probe.failures else 0


if __name__ == "__main__":
    sys.exit(main())
