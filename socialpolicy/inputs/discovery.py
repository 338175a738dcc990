"""Which files a run checks: folders are walked, named files are checked unless excluded."""

from __future__ import annotations

import errno
import fnmatch
import os
import stat
from collections.abc import Iterable, Sequence
from pathlib import Path, PurePosixPath

from ..config import DEFAULT_EXCLUDE, Config
from ..errors import InputError
from .reading import SPECIAL_FILE, STDIN

# Word processor files: binary, so never read as a draft (SPEC: drafts are .txt or .md).
WORD_SUFFIXES = (".docx", ".doc", ".rtf", ".pages", ".odt")
WORD_DOCUMENT = "Word documents are not read: paste the text into a .txt or .md file"


def _matches(relative: str, patterns: Iterable[str]) -> bool:
    path = PurePosixPath(relative)
    name = path.name
    for pattern in patterns:
        if fnmatch.fnmatch(name, pattern) or fnmatch.fnmatch(relative, pattern):
            return True
        if pattern.endswith("/**") and (relative + "/").startswith(pattern[:-2]):
            return True
        if any(fnmatch.fnmatch(part, pattern.rstrip("/*")) for part in path.parts[:-1]) and pattern.endswith("/**"):
            return True
        if path.match(pattern):
            return True
    return False


def _excluded(path: Path, root: Path, config: Config) -> bool:
    try:
        relative = path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        relative = path.as_posix()
    patterns = [*DEFAULT_EXCLUDE, *config.exclude]
    if config.accounts is not None and path.resolve() == config.accounts.resolve():
        return True
    return _matches(relative, patterns) or _matches(path.name, patterns)


def _included(path: Path, root: Path, config: Config) -> bool:
    try:
        relative = path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        relative = path.as_posix()
    return _matches(relative, config.include) or _matches(path.name, config.include)


def _kind(path: Path) -> str:
    """``file``, ``folder``, ``special`` (pipe, device, socket), ``loop`` or ``missing``."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "loop"
        return "missing"
    if stat.S_ISDIR(mode):
        return "folder"
    return "file" if stat.S_ISREG(mode) else "special"


def discover(
    paths: Sequence[str],
    config: Config,
    root: Path | None = None,
    notices: list[str] | None = None,
) -> list[str]:
    """The files to check, in a stable order, each once. Pipes, devices and sockets
    are never read (one could block for ever); each is named in ``notices``."""
    root = root or (config.path.parent if config.path else Path.cwd())
    found: list[str] = []
    seen: set[str] = set()

    def add(item: str) -> None:
        key = item if item == STDIN else os.path.realpath(item)
        if key not in seen:
            seen.add(key)
            found.append(item)

    for raw in paths:
        if raw == STDIN:
            add(raw)
            continue
        path = Path(raw)
        kind = _kind(path)
        if kind == "loop":
            raise InputError(raw, "is a symbolic link that loops back on itself")
        if kind == "special":
            if notices is not None:
                notices.append(f"{raw}: skipped: {SPECIAL_FILE}")
            continue
        if kind == "folder":
            for folder, dirs, files in os.walk(path, followlinks=False):
                # Sorted for a stable report; hidden and excluded folders are pruned.
                dirs[:] = sorted(
                    d for d in dirs
                    if not d.startswith(".") and not _excluded(Path(folder) / d, root, config)
                )
                for name in sorted(files):
                    candidate = Path(folder) / name
                    if _kind(candidate) != "file":
                        if _kind(candidate) == "special" and notices is not None and (
                            _included(candidate, root, config)
                        ):
                            notices.append(f"{candidate}: skipped: {SPECIAL_FILE}")
                        continue
                    if _included(candidate, root, config) and not _excluded(candidate, root, config):
                        add(str(candidate))
                    elif candidate.suffix.lower() in WORD_SUFFIXES and notices is not None:
                        notices.append(f"{candidate}: skipped: {WORD_DOCUMENT}")
        elif kind == "file" or path.is_symlink():
            if path.suffix.lower() in WORD_SUFFIXES:
                raise InputError(raw, WORD_DOCUMENT)
            if not _excluded(path, root, config):
                add(raw)
        else:
            raise InputError(raw, "no such file or folder")
    return found
