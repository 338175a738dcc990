"""The accounts register: which Trust social media accounts were approved (JPUH-BUSM 7.0).

A YAML (or JSON) file named by the config key ``accounts``: a list of
``{handle, platform, owner, approved_by, approved_on, status}``, or a mapping with
that list under ``accounts:``. Handles are compared without ``@`` and without case,
because "@JamesPagetNHS" and "jamespagetnhs" are the same account to a platform.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from .config import PLATFORM_ALIASES
from .errors import ConfigError, InputError
from .inputs.reading import read_text
from .yamlpos import PosDict, PosList, load_yaml

MAX_REGISTER_BYTES = 5_000_000


def normalise_handle(handle: str) -> str:
    return handle.strip().lstrip("@").casefold()


def normalise_platform(platform: str | None) -> str | None:
    if platform is None:
        return None
    name = platform.strip().lower()
    return PLATFORM_ALIASES.get(name, name)


@dataclass(frozen=True)
class Account:
    handle: str
    platform: str
    status: str
    owner: str | None = None
    approved_by: str | None = None
    approved_on: str | None = None
    line: int | None = None

    @property
    def key(self) -> tuple[str, str]:
        return normalise_handle(self.handle), self.platform

    @property
    def active(self) -> bool:
        return self.status == "active"


@dataclass(frozen=True)
class Lookup:
    """What the register says about one account on one platform."""

    account: Account | None
    other_platforms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Register:
    source: str
    accounts: tuple[Account, ...]
    _by_handle: Mapping[str, tuple[Account, ...]] = field(
        init=False, repr=False, compare=False, default_factory=dict
    )

    def __post_init__(self) -> None:
        index: dict[str, list[Account]] = {}
        for account in self.accounts:
            index.setdefault(normalise_handle(account.handle), []).append(account)
        object.__setattr__(self, "_by_handle", {k: tuple(v) for k, v in index.items()})

    def find(self, handle: str, platform: str | None) -> Lookup:
        """The entry for ``handle`` on ``platform`` (any platform when it is not known)."""
        same_handle = self._by_handle.get(normalise_handle(handle), ())
        plat = normalise_platform(platform)
        if plat is None:
            # No platform given: the handle must be registered somewhere; an active entry wins.
            chosen = next((a for a in same_handle if a.active), None) or next(
                iter(same_handle), None
            )
            return Lookup(chosen)
        for account in same_handle:
            if account.platform == plat:
                return Lookup(account)
        return Lookup(None, tuple(sorted({a.platform for a in same_handle})))

    def status_of(self, handle: str, platform: str | None) -> str | None:
        found = self.find(handle, platform).account
        return None if found is None else found.status


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _plain(value: Any) -> Any:
    """Dates to ISO text so the JSON Schema can check the register's types."""
    if isinstance(value, Mapping):
        out = PosDict({k: _plain(v) for k, v in value.items()})
        for name in ("line", "column", "key_positions", "value_positions", "value_styles"):
            if hasattr(value, name):
                setattr(out, name, getattr(value, name))
        return out
    if isinstance(value, list):
        items = PosList(_plain(v) for v in value)
        for name in ("line", "column", "item_positions"):
            if hasattr(value, name):
                setattr(items, name, getattr(value, name))
        return items
    if isinstance(value, date):
        return value.isoformat()
    return value


def parse_register(data: Any, source: str) -> Register:
    """A ``Register`` from parsed YAML; any problem is an error naming the line."""
    from .schema_check import first_problem

    data = _plain(data)
    problem = first_problem("accounts.schema.json", data)
    if problem is not None:
        reason = problem.message
        if problem.unknown_key is not None:
            reason = f"unknown key {problem.unknown_key!r} (known keys: {', '.join(problem.allowed)})"
        raise ConfigError(
            source,
            f"accounts register: {problem.path or '(top level)'}: {reason}",
            *(problem.position or (None, None)),
        )
    entries = data["accounts"] if isinstance(data, Mapping) else data
    positions = getattr(entries, "item_positions", [])
    accounts: list[Account] = []
    seen: dict[tuple[str, str], int | None] = {}
    for index, item in enumerate(entries):
        line = positions[index][0] if index < len(positions) else None
        account = Account(
            handle=str(item["handle"]),
            platform=normalise_platform(str(item["platform"])) or "",
            status=str(item["status"]),
            owner=_text(item.get("owner")),
            approved_by=_text(item.get("approved_by")),
            approved_on=_text(item.get("approved_on")),
            line=line,
        )
        if account.key in seen:
            raise ConfigError(
                source,
                f"accounts register: {account.handle} on {account.platform} is listed twice "
                f"(first on line {seen[account.key]}); keep one entry so its status is clear",
                line,
            )
        seen[account.key] = line
        accounts.append(account)
    return Register(source, tuple(accounts))


def register_from_entries(entries: Iterable[Mapping[str, Any]], source: str) -> Register:
    """A register given inline (rule examples, library callers) rather than as a file."""
    return parse_register(list(entries), source)


def load_register(path: Path) -> Register:
    """Read and check the register file named by the configuration."""
    source = str(path)
    if path.is_dir():
        raise ConfigError(source, "the accounts register (configuration key accounts) is a "
                          "folder: name the register's YAML file")
    if not path.exists():
        raise ConfigError(
            source,
            "the accounts register named by the configuration key accounts does not exist",
        )
    try:
        text = read_text(source, MAX_REGISTER_BYTES)
        data = load_yaml(text, source)
    except InputError as exc:
        raise ConfigError(exc.path, f"accounts register: {exc.reason}", exc.line, exc.column) from None
    if data is None:
        data = PosList()
        data.item_positions = []
    return parse_register(data, source)
