"""Configuration: ``[tool.socialpolicy]`` in pyproject.toml or a socialpolicy.toml.

Found by walking up from the current folder; ``--config`` names one directly.
Unknown keys and wrong types are errors, because a misspelt key would otherwise
switch a check off without anyone noticing.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

PLATFORM_ALIASES = {"x": "twitter"}
PLATFORMS = (
    "twitter", "facebook", "instagram", "linkedin", "threads",
    "bluesky", "mastodon", "youtube", "tiktok",
)

DEFAULT_LIMITS = {
    "twitter": 280,
    "facebook": 63206,
    "instagram": 2200,
    "linkedin": 3000,
    "threads": 500,
    "bluesky": 300,
    "mastodon": 500,
    "youtube": 5000,
    "tiktok": 2200,
}


DEFAULT_CONTACTS = {
    "switchboard": "01493 452452",
    "pals_phone": "01493 453240",
    "pals_email": "pals@jpaget.nhs.uk",
    "foi_email": "foi@jpaget.nhs.uk",
    "press_phone": "01493 452452",
    "press_email": "communications@jpaget.nhs.uk",
}


@dataclass(frozen=True)
class Hours:
    days: str = "Mon-Fri"
    start: str = "09:00"
    end: str = "17:00"
    timezone: str = "Europe/London"
    bank_holidays: str | None = "england-and-wales"


@dataclass(frozen=True)
class Config:
    """Everything a run is configured with. ``path`` is where it was read from."""

    path: Path | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, str] = field(default_factory=dict)
    rule_paths: tuple[Path, ...] = ()
    fail_on: str = "warning"
    accounts: Path | None = None
    hours: Hours = Hours()
    platforms: Mapping[str, int] = field(default_factory=lambda: dict(DEFAULT_LIMITS))
    hashtags_max: int = 3
    allow_contacts: tuple[str, ...] = ()
    allow_public_figures: tuple[str, ...] = ()
    pii_model: str | None = None
    require_ner: bool = False
    include: tuple[str, ...] = (
        "*.txt", "*.md", "*.yaml", "*.yml", "*.json", "*.csv", "*.xlsx",
        # X/Twitter archive files (SPEC §1, platform archives), by name: other .js is code.
        "tweets.js", "tweet.js", "tweets-part*.js", "tweet-part*.js",
    )
    exclude: tuple[str, ...] = ()
    max_file_mb: float = 100.0
    # Processes for a big calendar: 0 = one per core, 1 = never more than one.
    jobs: int = 0
    show_evidence: bool = False
    # The Trust's contacts that triage replies give (``contacts`` table): also never
    # personal data. The defaults are placeholders until a Trust sets its own.
    contacts: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_CONTACTS))
    # The result cache's folder (default: .socialpolicy_cache beside this file).
    cache_dir: Path | None = None

    def with_overrides(self, **changes: Any) -> Config:
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    def limit_for(self, platform: str | None) -> int | None:
        if platform is None:
            return None
        name = PLATFORM_ALIASES.get(platform, platform)
        return self.platforms.get(name)


DEFAULT_EXCLUDE = (
    "README*", "CHANGELOG*", "LICENSE*", ".pre-commit-*", "socialpolicy.toml",
    "pyproject.toml", ".git/**",
)

_KEYS = {
    "select", "ignore", "severity", "rule_paths", "fail_on", "accounts", "hours",
    "platforms", "hashtags", "allow", "pii", "contacts", "include", "exclude", "max_file_mb", "jobs",
    "cache_dir",
}


def find_config(start: Path) -> Path | None:
    """The nearest socialpolicy.toml, or pyproject.toml with our table, walking up."""
    for folder in [start, *start.parents]:
        own = folder / "socialpolicy.toml"
        if own.is_file():
            return own
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            try:
                data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
                continue
            if "socialpolicy" in data.get("tool", {}):
                return pyproject
    return None


def load_config(path: Path | None = None, start: Path | None = None) -> Config:
    """Read the configuration at ``path``, or the one found from ``start``, or defaults."""
    if path is None:
        path = find_config((start or Path.cwd()).resolve())
        if path is None:
            return Config()
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(str(path), "configuration file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(str(path), f"cannot read the configuration: {exc}") from None
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        line = _toml_error_line(str(exc))
        raise ConfigError(str(path), f"not valid TOML: {exc}", line) from None
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("socialpolicy", {})
        prefix = "tool.socialpolicy."
    else:
        table = data
        prefix = ""
    return parse_config(table, path, raw, prefix)


def _toml_error_line(message: str) -> int | None:
    import re

    match = re.search(r"line (\d+)", message)
    return int(match.group(1)) if match else None


def key_line(raw: str, key: str) -> int | None:
    """The line a (possibly dotted) key is written on: the innermost part found wins."""
    import re

    for part in reversed(key.split(".")):
        pattern = re.compile(rf"(^|[\s{{,.\[])\"?{re.escape(part)}\"?\s*(=|\.|\])")
        for number, text in enumerate(raw.splitlines(), start=1):
            if pattern.search(text.split("#", 1)[0]):
                return number
    return None


def parse_config(table: Mapping[str, Any], path: Path, raw: str = "", prefix: str = "") -> Config:
    """Turn a parsed TOML table into a ``Config``, checking every key and type."""
    where = str(path)

    def fail(key: str, reason: str) -> ConfigError:
        return ConfigError(where, f"{prefix}{key}: {reason}", key_line(raw, key.split(".")[-1]))

    for key in table:
        if key not in _KEYS:
            known = ", ".join(sorted(_KEYS))
            raise fail(key, f"unknown configuration key (known keys: {known})")

    def str_list(key: str) -> tuple[str, ...]:
        value = table.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise fail(key, "must be a list of strings")
        return tuple(value)

    base = path.parent
    changes: dict[str, Any] = {"path": path}
    changes["select"] = str_list("select")
    changes["ignore"] = str_list("ignore")
    severity = table.get("severity", {})
    if not isinstance(severity, dict):
        raise fail("severity", "must be a table of rule id = severity")
    for rule, level in severity.items():
        if level not in ("error", "warning", "info"):
            raise fail(f"severity.{rule}", f"severity must be error, warning or info, not {level!r}")
    changes["severity"] = dict(severity)
    changes["rule_paths"] = tuple((base / p) for p in str_list("rule_paths"))
    fail_on = table.get("fail_on", "warning")
    if fail_on not in ("error", "warning", "info"):
        raise fail("fail_on", f"must be error, warning or info, not {fail_on!r}")
    changes["fail_on"] = fail_on
    accounts = table.get("accounts")
    if accounts is not None:
        if not isinstance(accounts, str):
            raise fail("accounts", "must be the path of the accounts register")
        changes["accounts"] = base / accounts
    hours = table.get("hours", {})
    if not isinstance(hours, dict):
        raise fail("hours", "must be a table")
    allowed_hours = {"days", "start", "end", "timezone", "bank_holidays"}
    for key, value in hours.items():
        if key not in allowed_hours:
            raise fail(f"hours.{key}", f"unknown key (known: {', '.join(sorted(allowed_hours))})")
        if not (isinstance(value, str) or (key == "bank_holidays" and value in (False, None))):
            raise fail(f"hours.{key}", "must be a string")
    defaults = Hours()
    changes["hours"] = Hours(
        days=str(hours.get("days", defaults.days)),
        start=str(hours.get("start", defaults.start)),
        end=str(hours.get("end", defaults.end)),
        timezone=str(hours.get("timezone", defaults.timezone)),
        bank_holidays=hours.get("bank_holidays", defaults.bank_holidays) or None,
    )
    platforms = table.get("platforms", {})
    if not isinstance(platforms, dict) or not all(
        isinstance(v, int) and not isinstance(v, bool) and v > 0 for v in platforms.values()
    ):
        raise fail("platforms", "must be a table of platform = positive whole number")
    limits = dict(DEFAULT_LIMITS)
    for name, limit in platforms.items():
        canonical = PLATFORM_ALIASES.get(name, name)
        if canonical not in PLATFORMS:
            raise fail(f"platforms.{name}", f"unknown platform (known: {', '.join(PLATFORMS)}, x)")
        limits[canonical] = limit
    changes["platforms"] = limits
    hashtags = table.get("hashtags", {})
    if not isinstance(hashtags, dict) or set(hashtags) - {"max"}:
        raise fail("hashtags", "must be a table with the key max")
    if "max" in hashtags:
        if not isinstance(hashtags["max"], int) or isinstance(hashtags["max"], bool) or hashtags["max"] < 0:
            raise fail("hashtags.max", "must be a whole number")
        changes["hashtags_max"] = hashtags["max"]
    allow = table.get("allow", {})
    if not isinstance(allow, dict) or set(allow) - {"contacts", "public_figures"}:
        raise fail("allow", "must be a table with the keys contacts and public_figures")
    for key in ("contacts", "public_figures"):
        value = allow.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise fail(f"allow.{key}", "must be a list of strings")
        changes[f"allow_{key}"] = tuple(value)
    pii = table.get("pii", {})
    if not isinstance(pii, dict) or set(pii) - {"model", "require_ner"}:
        raise fail("pii", "must be a table with the keys model and require_ner")
    if "model" in pii:
        if not isinstance(pii["model"], str):
            raise fail("pii.model", "must be the name of an installed spaCy model")
        from .nlp import BUNDLED_MODEL, find_model

        # By installed package only: a module of that name in this folder is never run.
        if not pii["model"].isidentifier() or find_model(pii["model"]) is None:
            raise fail("pii.model", (
                "is not an installed spaCy model package (one whose package metadata "
                "declares it a spaCy model, as `pip install en-core-web-lg` installs). "
                f"Leave the key out to use the model that comes with socialpolicy ({BUNDLED_MODEL})."))
        changes["pii_model"] = pii["model"]
    if "require_ner" in pii:
        if not isinstance(pii["require_ner"], bool):
            raise fail("pii.require_ner", "must be true or false")
        changes["require_ner"] = pii["require_ner"]
    contacts = table.get("contacts", {})
    if not isinstance(contacts, dict) or set(contacts) - set(DEFAULT_CONTACTS):
        raise fail("contacts", f"must be a table with the keys {', '.join(DEFAULT_CONTACTS)}")
    for key, value in contacts.items():
        if not isinstance(value, str) or not value.strip():
            raise fail(f"contacts.{key}", "must be a phone number or email address in quotes")
    changes["contacts"] = {**DEFAULT_CONTACTS, **contacts}
    if "include" in table:
        changes["include"] = str_list("include")
    changes["exclude"] = str_list("exclude")
    if "max_file_mb" in table:
        size = table["max_file_mb"]
        if (not isinstance(size, (int, float)) or isinstance(size, bool)
                or not math.isfinite(size) or size <= 0):
            raise fail("max_file_mb", "must be a positive number of megabytes")
        changes["max_file_mb"] = float(size)
    if "jobs" in table:
        jobs = table["jobs"]
        if not isinstance(jobs, int) or isinstance(jobs, bool) or jobs < 0:
            raise fail("jobs", "must be a whole number: 0 for one process per core, 1 for one process")
        changes["jobs"] = jobs
    if "cache_dir" in table:
        if not isinstance(table["cache_dir"], str) or not table["cache_dir"].strip():
            raise fail("cache_dir", "must be the path of a folder for the result cache")
        changes["cache_dir"] = base / table["cache_dir"]
    return replace(Config(), **changes)


class ConfigFinder:
    """The configuration of each checked file, as ruff and yamllint find it: the
    nearest socialpolicy.toml (or pyproject.toml with our table) walking up from
    the file's own folder, so ``cd /tmp && socialpolicy check ~/cal/calendar.yaml``
    uses the calendar's own register and rule folders. ``--config`` (``fixed``)
    overrides the search for every file. Each file is read once per run."""

    def __init__(self, fixed: Path | None = None):
        self.fixed = fixed
        self._by_folder: dict[Path, Path | None] = {}
        self._loaded: dict[Path | None, Config] = {}

    def path_for(self, target: str) -> Path | None:
        """The configuration file that governs ``target`` (a file, a folder or ``-``)."""
        if self.fixed is not None:
            return self.fixed
        if target == "-":
            folder = Path.cwd().resolve()
        else:
            try:
                path = Path(target).resolve()
            except (OSError, RuntimeError):
                # A link that loops: its own folder governs it; reading it says why.
                path = Path(target).absolute()
            folder = path if path.is_dir() else path.parent
        if folder not in self._by_folder:
            self._by_folder[folder] = find_config(folder)
        return self._by_folder[folder]

    def load(self, path: Path | None) -> Config:
        if path not in self._loaded:
            self._loaded[path] = load_config(path) if path is not None else Config()
        return self._loaded[path]

    def for_target(self, target: str) -> Config:
        return self.load(self.path_for(target))


def check_rule_ids(config: Config, known: frozenset[str] | set[str]) -> None:
    """Every rule id the configuration names (``select``, ``ignore``, ``severity``) is
    a real one: a misspelt id would otherwise run, skip or re-grade nothing."""
    from .rule_ids import unknown_rule

    if config.path is None:
        return
    try:
        raw = config.path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        raw = ""
    prefix = "tool.socialpolicy." if config.path.name == "pyproject.toml" else ""
    for key, ids in (("select", config.select), ("ignore", config.ignore),
                     ("severity", tuple(config.severity))):
        for rule_id in ids:
            if rule_id not in known:
                line = key_line(raw, rule_id) if key == "severity" else key_line(raw, key)
                raise ConfigError(str(config.path), f"{prefix}{key}: {unknown_rule(rule_id, known)}", line)
