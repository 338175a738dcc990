"""Safe by default: what every request to the local page must pass.

* The ``Host`` header must name this machine (``127.0.0.1``, ``localhost``, ``[::1]``,
  or the host the server was told to bind): a web page elsewhere that points its own
  domain name at 127.0.0.1 (DNS rebinding) is refused.
* A POST must come from this page: a cross-site ``Origin`` or ``Sec-Fetch-Site`` is
  refused, so another site open in the same browser cannot submit drafts or read
  results.
* A request body larger than the cap is refused with a plain message, whether or not
  it announces its length.
* Every answer carries a Content-Security-Policy of ``default-src 'self'`` (no inline
  script, no external request), and is never cached.

Written as plain ASGI middleware so it needs nothing beyond Starlette itself.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "[::1]", "::1"})
SECURITY_HEADERS = [
    (b"content-security-policy",
     b"default-src 'self'; frame-ancestors 'none'; form-action 'self'; "
     b"base-uri 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    # Not "no-referrer": with it, a browser sends "Origin: null" on the page's own form
    # posts (the page without JavaScript), which the cross-site check must refuse.
    (b"referrer-policy", b"same-origin"),
    (b"cache-control", b"no-store"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
]
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class TooLarge(Exception):
    """The request body went over the cap while it was being read."""


def _host_name(value: str) -> str:
    value = value.strip().lower()
    if value.startswith("["):
        return value[: value.find("]") + 1] if "]" in value else value
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


def _origin_host(origin: str) -> str | None:
    if "://" not in origin:
        return None
    return _host_name(origin.split("://", 1)[1].split("/", 1)[0])


class Guard:
    """ASGI middleware enforcing the rules in this module's docstring."""

    def __init__(self, app: ASGIApp, *, max_bytes: int, hosts: Iterable[str] = ()):
        self.app = app
        self.max_bytes = max_bytes
        self.hosts = LOCAL_HOSTS | {_host_name(h) for h in hosts if h}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1")
                   for k, v in scope.get("headers", [])}
        refusal = self._refusal(scope, headers)
        if refusal is not None:
            status, message = refusal
            await _plain(send, status, message, headers)
            return
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            await _plain(send, 413, self._too_large(), headers)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise TooLarge
            return message

        started = False

        async def secured(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                kept = [(k, v) for k, v in message.get("headers", [])
                        if k.lower() not in {name for name, _ in SECURITY_HEADERS}]
                message["headers"] = kept + SECURITY_HEADERS
            await send(message)

        try:
            await self.app(scope, counted, secured)
        except TooLarge:
            if not started:
                await _plain(send, 413, self._too_large(), headers)

    def _too_large(self) -> str:
        mb = self.max_bytes / 1_000_000
        return (f"This file is larger than the {mb:g} MB the page accepts. Split the calendar "
                "into smaller files, or check it with the socialpolicy command instead.")

    def _refusal(self, scope: Scope, headers: dict[str, str]) -> tuple[int, str] | None:
        host = _host_name(headers.get("host", ""))
        if host not in self.hosts:
            return 421, ("This page only answers on this computer's own address "
                         "(http://127.0.0.1). Open it from there.")
        if scope.get("method", "GET") in SAFE_METHODS:
            return None
        site = headers.get("sec-fetch-site")
        if site is not None and site not in ("same-origin", "none"):
            return 403, "Refused: this request came from another website, not from this page."
        origin = headers.get("origin")
        if origin is not None and origin != "null" and _origin_host(origin) not in self.hosts:
            return 403, "Refused: this request came from another website, not from this page."
        if origin == "null":
            return 403, "Refused: this request came from another website, not from this page."
        return None


async def _plain(send: Send, status: int, message: str, headers: dict[str, str]) -> None:
    """A refusal as JSON for the API's callers, or as plain text for a browser."""
    if "application/json" in headers.get("accept", "") or headers.get("content-type", "").startswith(
        "application/json"
    ):
        body = json.dumps({"error": message}).encode("utf-8")
        kind = b"application/json"
    else:
        body = message.encode("utf-8")
        kind = b"text/plain; charset=utf-8"
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", kind), (b"content-length", str(len(body)).encode()),
                            *SECURITY_HEADERS]})
    await send({"type": "http.response.body", "body": body})
