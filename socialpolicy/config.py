"""Configuration: ``[tool.socialpolicy]`` in pyproject.toml or a socialpolicy.toml.

Found by walking up from the current folder; ``--config`` names one directly.
Unknown keys and wrong types are errors, because a misspelt key would otherwise
switch a check off without anyone noticing.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable, Mapping
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
    # The built-in list of globally known people (socialpolicy/pii/famous-people.yaml).
    allow_famous_people: bool = True
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
        if line is None and "end of document" in str(exc):
            # Something left open (a list, a string) runs to the end: name the last line,
            # and say what usually causes it.
            line = max(1, len(raw.splitlines()))
            raise ConfigError(str(path), f"not valid TOML: {exc}; a bracket or quote "
                              "opened earlier is never closed", line) from None
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
    """Turn a parsed TOML table into a ``Config``; ``schemas/config.schema.json`` checks
    every key and type first, reported like every other file's schema problem."""
    where = str(path)

    def fail(key: str, reason: str) -> ConfigError:
        return ConfigError(where, f"{prefix}{key}: {reason}", key_line(raw, key.split(".")[-1]))

    _check_schema(table, fail)
    base = path.parent

    def strings(key: str, default: Any = ()) -> tuple[str, ...]:
        value = table.get(key, default)
        return (value,) if isinstance(value, str) else tuple(value)

    hours, allow, pii = table.get("hours", {}), table.get("allow", {}), table.get("pii", {})
    defaults = Hours()
    changes: dict[str, Any] = {
        "path": path,
        "select": strings("select"),
        "ignore": strings("ignore"),
        "severity": dict(table.get("severity", {})),
        "rule_paths": tuple(base / p for p in strings("rule_paths")),
        "fail_on": table.get("fail_on", "warning"),
        "hours": Hours(
            days=hours.get("days", defaults.days),
            start=hours.get("start", defaults.start),
            end=hours.get("end", defaults.end),
            timezone=hours.get("timezone", defaults.timezone),
            bank_holidays=hours.get("bank_holidays", defaults.bank_holidays) or None,
        ),
        "allow_contacts": tuple(allow.get("contacts", ())),
        "allow_public_figures": tuple(allow.get("public_figures", ())),
        "allow_famous_people": allow.get("famous_people", True),
        "contacts": {**DEFAULT_CONTACTS, **table.get("contacts", {})},
        "exclude": strings("exclude"),
    }
    if "accounts" in table:
        changes["accounts"] = base / table["accounts"]
    limits = dict(DEFAULT_LIMITS)
    for name, limit in table.get("platforms", {}).items():
        limits[PLATFORM_ALIASES.get(name, name)] = int(limit)
    changes["platforms"] = limits
    if "max" in table.get("hashtags", {}):
        changes["hashtags_max"] = int(table["hashtags"]["max"])
    if "model" in pii:
        from .nlp import BUNDLED_MODEL, find_model

        # By installed package only: a module of that name in this folder is never run.
        if not pii["model"].isidentifier() or find_model(pii["model"]) is None:
            raise fail("pii.model", (
                "is not an installed spaCy model package (one whose package metadata "
                "declares it a spaCy model, as `pip install en-core-web-lg` installs). "
                f"Leave the key out to use the model that comes with socialpolicy ({BUNDLED_MODEL})."))
        changes["pii_model"] = pii["model"]
    if "require_ner" in pii:
        changes["require_ner"] = pii["require_ner"]
    if "include" in table:
        changes["include"] = strings("include")
    if "max_file_mb" in table:
        if not math.isfinite(table["max_file_mb"]):  # TOML allows inf and nan; a schema cannot tell
            raise fail("max_file_mb", "must be a positive number of megabytes")
        changes["max_file_mb"] = float(table["max_file_mb"])
    if "jobs" in table:
        changes["jobs"] = int(table["jobs"])
    if "cache_dir" in table:
        changes["cache_dir"] = base / table["cache_dir"]
    return replace(Config(), **changes)


def _check_schema(table: Mapping[str, Any], fail: Callable[[str, str], ConfigError]) -> None:
    """The first problem ``schemas/config.schema.json`` finds, as a ``ConfigError``."""
    from .schema_check import first_problem

    problem = first_problem("config.schema.json", dict(table))
    if problem is None:
        return
    if problem.unknown_key is not None:
        key = ".".join(k for k in (problem.path, problem.unknown_key) if k)
        what = "unknown key" if problem.path else "unknown configuration key"
        raise fail(key, f"{what} (known keys: {', '.join(sorted(problem.allowed))})")
    # "select.1" is the second item of select: name the key, and the item in words.
    parts = problem.path.split(".")
    keys = [p for p in parts if not p.isdigit()]
    items = [f"item {int(p) + 1} " for p in parts if p.isdigit()]
    reason = "".join(items) + problem.message
    if problem.hint and problem.hint not in reason and not reason.startswith("must be one of"):
        reason = f"{reason} (expected {problem.hint})"
    raise fail(".".join(keys), reason)


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
