"""A result cache, as ruff keeps one: posts already checked are not checked again.

``.socialpolicy_cache/`` beside the configuration file (``cache_dir`` moves it,
``--no-cache`` skips it) holds, for each input file, the findings of every post as
the run reported them, keyed by a hash of the post (its text, metadata and where it
is written). The folder for one *environment* is named by a hash of everything else
a finding depends on: the package and library versions, the rule files in use and
the pack's literals, the configuration, the accounts register and the language
model (name and version, and any shipped classifier models). Change any of them and
every post is checked afresh; edit one post and only that post is.

Rules that judge metadata against the world rather than the words (the monitored
hours, the accounts register) and calendar-wide rules (an account gone quiet) are never cached:
they are cheap and run on every post each time.

What is stored is what a report shows, masked as a report masks it: no post text
and no unmasked personal data. Runs with ``--show-evidence`` bypass the cache, so
unmasked evidence is never written. Every write goes to a temporary file that is
then renamed over the old one, so two runs at once never leave a half-written file
(the last one wins). The folder is kept under ``MAX_BYTES`` by removing the files
least recently used. A file that cannot be read back is ignored (its posts are
checked again and it is rewritten) with a one-line notice.

Weighed: diskcache (SQLite; a lock per write, and one more dependency for what a
few JSON files and ``os.replace`` do); pickle (would load code from a damaged or
planted file).
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import json
import os
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import fields, is_dataclass
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .models import Finding, Post, Suppressed
from .version import __version__

if TYPE_CHECKING:
    from .engine import Linter
    from .ruleset import Rule

# 4: findings mask more (a photo's file name, an ignore key written as a name); a
# cache written before would show them as they were, so it is not read.
CACHE_VERSION = 4
DEFAULT_DIR = ".socialpolicy_cache"
MAX_BYTES = 256 * 1024 * 1024
SUFFIX = ".cache"
# Kinds whose findings depend on more than the post itself, or that are cheaper to
# run than to look up: recomputed every run, never stored.
LIVE_KINDS = frozenset({"schedule", "account", "inactivity"})
# Libraries whose behaviour shapes findings: a new version is a new environment.
LIBRARIES = ("spacy", "presidio-analyzer", "regex", "phonenumbers", "holidays",
             "wordsegment", "names", "jsonschema")
DAMAGED = ("the result cache in {folder} could not be read back, so it was ignored and "
           "is being rebuilt (nothing to do)")
UNWRITABLE = ("the result cache in {folder} could not be written ({reason}), so every "
              "post was checked; set cache_dir to a folder you can write, or use --no-cache")


def default_folder(config: Any) -> Path | None:
    """``cache_dir`` if set, else ``.socialpolicy_cache`` beside the configuration file;
    None (no cache) for a run without a configuration file."""
    folder: Path | None = getattr(config, "cache_dir", None)
    if folder is not None:
        return folder
    path: Path | None = getattr(config, "path", None)
    return None if path is None else path.parent / DEFAULT_DIR


def is_live(rule: Rule) -> bool:
    """Whether a rule's findings are recomputed each run rather than cached."""
    if rule.calendar:
        return True
    return any(d.kind in LIVE_KINDS for d in rule.detectors)


# -- keys --------------------------------------------------------------------------


def canonical(value: Any) -> Any:
    """A plain, ordered, process-independent form of a value (no set or hash order)."""
    if is_dataclass(value) and not isinstance(value, type):
        return [type(value).__name__, *[[f.name, canonical(getattr(value, f.name))]
                                         for f in fields(value)]]
    if isinstance(value, Mapping):
        return sorted(([str(k), canonical(v)] for k, v in value.items()), key=lambda kv: kv[0])
    if isinstance(value, (set, frozenset)):
        return sorted((canonical(v) for v in value), key=repr)
    if isinstance(value, (list, tuple)):
        return [canonical(v) for v in value]
    if isinstance(value, datetime):
        zone = value.tzinfo
        return ["datetime", value.isoformat(), getattr(zone, "key", None) or str(zone)]
    if isinstance(value, (date, tzinfo, Path)):
        return str(value)
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return repr(value)


def digest(*parts: Any) -> str:
    data = json.dumps(canonical(list(parts)), ensure_ascii=False, separators=(",", ":"))
    return hashlib.blake2b(data.encode("utf-8"), digest_size=16).hexdigest()


_POST_FIELDS = tuple(f.name for f in fields(Post))


def post_key(post: Post) -> str:
    """What a post's findings depend on: its text, metadata and positions in its file.

    Built from each field's ``repr`` (fast, and the same in every process: strings,
    numbers, datetimes with their zone key, tuples and small frozen dataclasses),
    except ``present``, a set, whose order changes between processes."""
    parts = [repr(sorted(post.present)) if name == "present" else repr(getattr(post, name))
             for name in _POST_FIELDS]
    data = "\x1f".join(parts).encode("utf-8", "surrogatepass")
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _file_hash(path: Path | str | None) -> str:
    if path is None:
        return "none"
    try:
        return hashlib.blake2b(Path(path).read_bytes(), digest_size=16).hexdigest()
    except OSError:
        return "missing"


def _version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "absent"


def model_fingerprint(linter: Linter) -> list[Any]:
    """The language model (name, version, components) and any shipped classifier models."""
    out: list[Any] = []
    language = linter.language
    if language is not None:
        name = language.name
        version = "absent"
        if name is not None:
            version = _version(name.replace("_", "-"))
            if version == "absent":
                version = _version(name)
        out.append([name, version, sorted(language.components)])
    classifiers = Path(__file__).resolve().parent / "classifiers"
    if classifiers.is_dir():
        for path in sorted(p for p in classifiers.rglob("*") if p.is_file()):
            if path.suffix not in (".py", ".pyc"):
                out.append([path.relative_to(classifiers).as_posix(), _file_hash(path)])
    return out


def pack_fingerprint(rules: Iterable[Rule], all_ids: Iterable[str]) -> list[Any]:
    """Every rule file in use, by content, the literals and shared vocabularies beside
    it (a word list edited in ``vocab/`` changes what the rules find), and the ids known."""
    out: list[Any] = []
    folders = set()
    for rule in sorted(rules, key=lambda r: r.id):
        out.append([rule.id, _file_hash(rule.source)])
        folders.add(Path(rule.source).parent)
    for folder in sorted(folders):
        literals = folder / "literals.json"
        if literals.is_file():
            out.append([str(folder), _file_hash(literals)])
        for vocab in sorted((folder / "vocab").glob("*.yaml")):
            out.append([str(vocab), _file_hash(vocab)])
    out.append(sorted(all_ids))
    return out


# The package's own data that rules read besides the rule pack: the given-name and
# common-word lists, the personal-data recognizers, the top-level domains. The web page,
# the starter templates and the classifiers (``model_fingerprint``) are not among them.
_NOT_DATA = ("web", "templates", "classifiers", "__pycache__")


def package_data_fingerprint() -> list[Any]:
    """Every data file inside the package (not code), by content: an edited list of given
    names changes what named-person-consent finds even when the version string does not."""
    package = Path(__file__).resolve().parent
    out: list[Any] = []
    for path in sorted(package.rglob("*")):
        relative = path.relative_to(package)
        if (path.is_file() and path.suffix not in (".py", ".pyc")
                and relative.parts[0] not in _NOT_DATA):
            out.append([relative.as_posix(), _file_hash(path)])
    return out


def register_fingerprint(linter: Linter) -> Any:
    given = linter.resources.accounts
    if given is not None:
        return canonical(given)
    return _file_hash(linter.config.accounts)


def environment(linter: Linter) -> str:
    config = canonical(linter.config)
    # Settings that change how a run goes, never what it finds.
    skipped = {"path", "jobs", "show_evidence", "include", "exclude", "max_file_mb",
               "fail_on", "cache_dir"}
    config = [config[0], *[item for item in config[1:] if item[0] not in skipped]]
    return digest(
        CACHE_VERSION, __version__, [[n, _version(n)] for n in LIBRARIES],
        pack_fingerprint(linter.rules, linter.all_rule_ids), config,
        register_fingerprint(linter), model_fingerprint(linter), package_data_fingerprint(),
    )


# -- stored values -----------------------------------------------------------------


# Finding fields kept beyond the fixed ones, by name, when set (a learned detector's
# score, a spreadsheet's sheet). The excerpt is kept as where it is, never as text:
# the line's number in the post and which of its characters are masked.
_OPTIONAL = ("excerpt_span", "score", "sheet", "detector")


def _finding_out(finding: Finding, post: Post) -> list[Any]:
    extra: dict[str, Any] = {name: getattr(finding, name) for name in _OPTIONAL
                             if getattr(finding, name) not in (None, (0, 0))}
    if finding.excerpt is not None:
        extra["excerpt_at"] = _excerpt_place(finding.excerpt, post.text)
    return [finding.line, finding.column, finding.rule, finding.severity, finding.message,
            finding.post, finding.end_line, finding.end_column, finding.evidence,
            finding.suggestion, extra]


def _excerpt_place(excerpt: str, text: str) -> list[Any] | None:
    """(line index in the post, [start, end] runs of masked characters) of an excerpt."""
    for index, line in enumerate(text.split("\n")):
        if len(line) != len(excerpt):
            continue
        diff = [i for i, (a, b) in enumerate(zip(line, excerpt, strict=True)) if a != b]
        if all(excerpt[i] == "*" for i in diff):
            runs: list[list[int]] = []
            for i in diff:
                if runs and runs[-1][1] == i:
                    runs[-1][1] = i + 1
                else:
                    runs.append([i, i + 1])
            return [index, runs]
    return None


def _excerpt_from(place: list[Any] | None, text: str) -> str | None:
    if place is None:
        return None
    index, runs = place
    chars = list(text.split("\n")[int(index)])
    for start, end in runs:
        chars[int(start):int(end)] = "*" * (int(end) - int(start))
    return "".join(chars)


def _finding_in(data: list[Any], post: Post, rules: Mapping[str, Rule]) -> Finding:
    (line, column, rule_id, severity, message, post_id, end_line, end_column, evidence,
     suggestion, extra) = data
    extra = dict(extra)
    if "excerpt_span" in extra:
        extra["excerpt_span"] = tuple(extra["excerpt_span"])
    if "excerpt_at" in extra:
        extra["excerpt"] = _excerpt_from(extra.pop("excerpt_at"), post.text)
    rule = rules[rule_id]
    return Finding(file=post.source, line=line, column=column, rule=rule_id, severity=severity,
                   message=message, clause=rule.clause, clauses=rule.clauses, post=post_id,
                   end_line=end_line, end_column=end_column, evidence=evidence,
                   suggestion=suggestion, **extra)


class Damaged(Exception):
    """A cache file that does not read back as one."""


class ResultCache:
    """One run's view of the cache folder for one environment."""

    def __init__(self, folder: Path, environment_key: str, rules: Iterable[Rule],
                 max_bytes: int = MAX_BYTES):
        self.root = folder
        self.folder = folder / f"v{CACHE_VERSION}" / environment_key
        self.rules = {rule.id: rule for rule in rules}
        self.max_bytes = max_bytes
        self.notices: list[str] = []
        self._loaded: dict[str, dict[str, Any]] = {}
        self._pending: dict[str, dict[str, Any]] = {}

    @classmethod
    def for_linter(cls, linter: Linter, folder: Path) -> ResultCache:
        return cls(folder, environment(linter), [r for r in linter.rules if not is_live(r)])

    def _path(self, source: str) -> Path:
        where = source if source == "-" else os.path.abspath(source)
        name = hashlib.blake2b(where.encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()
        return self.folder / f"{name}{SUFFIX}"

    def _notice(self, text: str) -> None:
        text = text.format(folder=self.root)
        if text not in self.notices:
            self.notices.append(text)

    def _entries(self, source: str) -> dict[str, Any]:
        if source in self._loaded:
            return self._loaded[source]
        path = self._path(source)
        entries: dict[str, Any] = {}
        try:
            raw = path.read_bytes()
            entries = _parse(raw)
            with contextlib.suppress(OSError):
                os.utime(path)  # recently used: pruned last
        except FileNotFoundError:
            pass
        except (OSError, Damaged):
            self._notice(DAMAGED)
        self._loaded[source] = entries
        return entries

    def lookup(self, post: Post, key: str) -> tuple[list[Finding], list[Suppressed]] | None:
        """The stored findings of a post, or None when it must be checked."""
        stored = self._entries(post.source).get(key)
        if stored is None:
            return None
        try:
            findings = [_finding_in(f, post, self.rules) for f in stored[0]]
            suppressed = [Suppressed(_finding_in(f, post, self.rules), reason)
                          for f, reason in stored[1]]
        except (KeyError, TypeError, ValueError, IndexError):
            self._notice(DAMAGED)
            return None
        self._pending.setdefault(post.source, {})[key] = stored
        return findings, suppressed

    def store(self, post: Post, key: str, findings: Iterable[Finding],
              suppressed: Iterable[Suppressed]) -> None:
        """Remember a post's findings (only of the rules that are cached)."""
        self._pending.setdefault(post.source, {})[key] = [
            [_finding_out(f, post) for f in findings if f.rule in self.rules],
            [[_finding_out(s.finding, post), s.reason] for s in suppressed
             if s.finding.rule in self.rules],
        ]

    def flush(self) -> None:
        """Write every file touched in this run (its posts as they are now), then prune."""
        if not self._pending:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            _mark(self.root)
            for source, entries in self._pending.items():
                _write_atomic(self._path(source), entries)
        except OSError as exc:
            self._notice(UNWRITABLE.replace("{reason}", exc.strerror or type(exc).__name__))
            return
        finally:
            self._pending.clear()
            self._loaded.clear()
        prune(self.root, self.max_bytes)


def _parse(raw: bytes) -> dict[str, Any]:
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise Damaged from None
    if not isinstance(data, dict) or data.get("version") != CACHE_VERSION:
        raise Damaged
    entries = data.get("posts")
    if not isinstance(entries, dict):
        raise Damaged
    return entries


def _write_atomic(path: Path, entries: Mapping[str, Any]) -> None:
    data = json.dumps({"version": CACHE_VERSION, "posts": entries}, ensure_ascii=False,
                      separators=(",", ":"))
    fd, temp = tempfile.mkstemp(prefix=".tmp-", suffix=SUFFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(data)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def _mark(root: Path) -> None:
    """Keep the folder out of git and backups, as ruff and pytest do."""
    ignore = root / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# Automatically created by socialpolicy.\n*\n", encoding="utf-8")
    tag = root / "CACHEDIR.TAG"
    if not tag.exists():
        tag.write_text("Signature: 8a477f597d28d172789f06886806bc55\n"
                       "# This is the socialpolicy result cache; it can be deleted.\n",
                       encoding="utf-8")


def prune(root: Path, max_bytes: int) -> None:
    """Remove the least recently used cache files until the folder is under 80% of
    ``max_bytes``; files another run removes first are simply gone."""
    files: list[tuple[float, int, Path]] = []
    total = 0
    for path in root.rglob(f"*{SUFFIX}"):
        try:
            info = path.stat()
        except OSError:
            continue
        files.append((info.st_mtime, info.st_size, path))
        total += info.st_size
    if total <= max_bytes:
        return
    for _, size, path in sorted(files):
        with contextlib.suppress(OSError):
            path.unlink()
        total -= size
        if total <= max_bytes * 0.8:
            break
    for folder in sorted((p for p in root.rglob("*") if p.is_dir()), reverse=True):
        with contextlib.suppress(OSError):
            folder.rmdir()  # only empty environment folders go
