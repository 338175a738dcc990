"""Which files a run checks: folders are walked, named files are checked unless excluded."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Sequence
from pathlib import Path, PurePosixPath

from ..config import DEFAULT_EXCLUDE, Config
from ..errors import InputError
from .reading import STDIN


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


def discover(paths: Sequence[str], config: Config, root: Path | None = None) -> list[str]:
    """The files to check, in a stable order, each once."""
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
        if path.is_dir():
            for folder, dirs, files in os.walk(path, followlinks=False):
                # Sorted for a stable report; hidden and excluded folders are pruned.
                dirs[:] = sorted(
                    d for d in dirs
                    if not d.startswith(".") and not _excluded(Path(folder) / d, root, config)
                )
                for name in sorted(files):
                    candidate = Path(folder) / name
                    if candidate.is_symlink() and not candidate.exists():
                        continue
                    if _included(candidate, root, config) and not _excluded(candidate, root, config):
                        add(str(candidate))
        elif path.exists() or path.is_symlink():
            if not _excluded(path, root, config):
                add(raw)
        else:
            raise InputError(raw, "no such file or folder")
    return found
