"""socialpolicy: a policy-as-code linter for draft social media posts.

Library use::

    import socialpolicy

    findings = socialpolicy.check_text("Take two paracetamol", platform="twitter")
    print(socialpolicy.render(socialpolicy.check_file("calendar.yaml"), "text"))

    linter = socialpolicy.Linter(socialpolicy.load_config())
    result = linter.check_posts([socialpolicy.Post(text="...", source="planner")])

``check_text`` and ``check_file`` share one default ``Linter`` (built-in rules,
default configuration), so only the first call loads rules and the language model.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .version import __version__

if TYPE_CHECKING:
    from .config import Config, load_config
    from .engine import Linter, Result
    from .errors import ConfigError, InputError, RuleError, SocialPolicyError
    from .models import Clause, Finding, Media, Poll, Post, ReplyTo, Suppressed
    from .models import ConsentEntry as Consent

_LAZY = {
    "Linter": "engine", "Result": "engine",
    "Finding": "models", "Post": "models", "Clause": "models", "Suppressed": "models",
    "Media": "models", "Poll": "models", "ReplyTo": "models", "Consent": "models",
    "Config": "config", "load_config": "config",
    "SocialPolicyError": "errors", "InputError": "errors", "ConfigError": "errors",
    "RuleError": "errors",
}
_RENAMED = {"Consent": "ConsentEntry"}


def __getattr__(name: str) -> Any:
    # Lazy, so that `import socialpolicy` stays cheap for the CLI's fast paths.
    if name in _LAZY:
        import importlib

        module = importlib.import_module(f".{_LAZY[name]}", __name__)
        return getattr(module, _RENAMED.get(name, name))
    raise AttributeError(f"module 'socialpolicy' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)


@lru_cache(maxsize=1)
def _default_linter() -> Linter:
    """The one Linter ``check_text`` and ``check_file`` use without a configuration:
    built on first call, then reused (rules compiled, model loaded once)."""
    from .engine import Linter

    return Linter()


def _linter(config: Config | None) -> Linter:
    if config is None:
        return _default_linter()
    from .engine import Linter

    return Linter(config)


def check_text(
    text: str,
    *,
    config: Config | None = None,
    id: str | None = None,  # noqa: A002 - the metadata key is called id
    account: str | None = None,
    platform: str | None = None,
    scheduled: str | datetime | None = None,
    media: Sequence[Media | Mapping[str, Any]] | None = None,
    consent: Sequence[Consent | Mapping[str, Any]] | None = None,
    poll: Poll | Mapping[str, Any] | None = None,
    reply_to: ReplyTo | Mapping[str, Any] | None = None,
    monitored_by: str | None = None,
    ignore: Mapping[str, str] | None = None,
) -> list[Finding]:
    """Findings for one post, with metadata as a draft's front matter holds it
    (see ``Linter.check_text``). Without ``config``, one default Linter serves every
    call; with one, build a ``Linter(config)`` yourself to reuse it."""
    return _linter(config).check_text(
        text, id=id, account=account, platform=platform, scheduled=scheduled, media=media,
        consent=consent, poll=poll, reply_to=reply_to, monitored_by=monitored_by,
        ignore=ignore,
    )


def check_file(path: str | Path, *, config: Config | None = None) -> Result:
    """Everything found in a draft or calendar file: a ``Result`` (iterate it for the
    findings), the same as ``Linter.check_paths`` gives."""
    return _linter(config).check_file(path)


def render(result: Result, format: str = "text", *, linter: Linter | None = None) -> str:  # noqa: A002
    """A report as ``socialpolicy check --format FORMAT`` prints it: ``text``, ``json``,
    ``sarif`` or ``github``. SARIF describes the rules of ``linter`` (default: the
    built-in pack)."""
    from .reports import FORMATS, get_formatter

    if format not in FORMATS:
        raise ValueError(f"unknown report format {format!r}: use one of {', '.join(FORMATS)}")
    rules = list((linter or _default_linter()).rules) if format == "sarif" else []
    return get_formatter(format)(result, rules, __version__)


__all__ = [
    "__version__", "check_text", "check_file", "render", "Linter", "Result", "Finding",
    "Post", "Media", "Consent", "Poll", "ReplyTo", "Clause", "Suppressed", "Config",
    "load_config", "SocialPolicyError", "InputError", "ConfigError", "RuleError",
]
