"""socialpolicy: a policy-as-code linter for draft social media posts.

Library use::

    import socialpolicy

    findings = socialpolicy.check_text("Take two paracetamol", platform="twitter")
    linter = socialpolicy.Linter(socialpolicy.load_config())
    result = linter.check_posts(posts)
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .config import Config
    from .engine import Linter, Result
    from .models import Finding, Post


def __getattr__(name: str) -> Any:
    # Lazy, so that `import socialpolicy` stays cheap for the CLI's fast paths.
    if name in ("Linter", "Result"):
        from . import engine

        return getattr(engine, name)
    if name in ("Finding", "Post", "Clause", "Suppressed"):
        from . import models

        return getattr(models, name)
    if name in ("Config", "load_config"):
        from . import config

        return getattr(config, name)
    if name in ("SocialPolicyError", "InputError", "ConfigError", "RuleError"):
        from . import errors

        return getattr(errors, name)
    raise AttributeError(name)


def check_text(text: str, *, config: Config | None = None, **metadata: Any) -> list[Finding]:
    """Findings for one post. Metadata keys as in front matter: platform, media, ..."""
    from .engine import Linter

    return Linter(config).check_text(text, **metadata)


def check_file(path: str | Path, *, config: Config | None = None) -> list[Finding]:
    """Findings for a draft or calendar file."""
    from .engine import Linter

    return Linter(config).check_file(path)


__all__ = [
    "__version__", "check_text", "check_file", "Linter", "Result", "Finding", "Post",
    "Config", "load_config", "SocialPolicyError",
]
