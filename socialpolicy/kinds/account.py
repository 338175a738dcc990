"""Posts from an account that is not in the accounts register, or whose approval was revoked.

The register is the file named by the configuration key ``accounts`` (or one given to
the Linter directly); it is read once per Linter. With no register configured this
kind finds nothing and the engine prints a one-line notice instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..accounts import REGISTER_KEY, Register, load_register
from .base import BuildContext, Hit, PostContext


def register_for(ctx: PostContext) -> Register | None:
    """The run's register, loaded on first use; None when none is configured."""

    def load() -> Register | None:
        path = ctx.config.accounts
        return None if path is None else load_register(path)

    register: Register | None = ctx.shared_memo(REGISTER_KEY, load)
    return register


class AccountDetector:
    needs: frozenset[str] = frozenset()
    # Tells the engine to print its "no register configured" notice when there is none.
    uses_register = True

    def __init__(self, spec: Mapping[str, Any], build: BuildContext):
        self.rule = build.rule_id

    def find(self, ctx: PostContext) -> Iterable[Hit]:
        handle = (ctx.post.account or "").strip()
        if not handle:
            return []
        register = register_for(ctx)
        if register is None:
            return []
        platform = ctx.post.platform
        found = register.find(handle, platform)
        on = f" on {platform}" if platform else ""
        if found.account is None:
            if found.other_platforms:
                elsewhere = ", ".join(found.other_platforms)
                message = (
                    f"The account {handle} is in the accounts register for {elsewhere} "
                    f"but not{on}, so posting from it{on} has not been approved."
                )
            else:
                message = (
                    f"The account {handle}{on} is not in the accounts register: it has not "
                    "been approved by the Head of Communications."
                )
            return [Hit(field="account", evidence=handle, message=message, tag=handle)]
        if not found.account.active:
            message = (
                f"The account {handle}{on} is marked revoked in the accounts register: "
                "permission to post from it has been withdrawn."
            )
            return [Hit(field="account", evidence=handle, message=message, tag=handle)]
        return []


def build(spec: Mapping[str, Any], context: BuildContext) -> AccountDetector:
    return AccountDetector(spec, context)
