"""Posts from an account that is not in the accounts register, or whose approval was revoked.

The register is the file named by the configuration key ``accounts`` (or one given to
the Linter directly); it is read once per Linter. With no register configured this
kind finds nothing and the engine prints a one-line notice instead.
"""

from __future__ import annotations

from collections.abc import Iterable

from .base import BaseDetector, Hit, PostContext


class AccountDetector(BaseDetector):
    # Tells the engine to print its "no register configured" notice when there is none.
    uses_register = True

    def find(self, ctx: PostContext) -> Iterable[Hit]:
        handle = (ctx.post.account or "").strip()
        if not handle:
            return []
        register = ctx.resources.register
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


DETECTOR = AccountDetector
