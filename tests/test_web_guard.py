"""The local page's guard on its own: which requests reach the app (properties)."""

from __future__ import annotations

import asyncio

import pytest
from hypothesis import given
from hypothesis import strategies as st

pytest.importorskip("starlette")

from socialpolicy.web.guard import LOCAL_HOSTS, Guard  # noqa: E402


def _status(headers: dict[str, str], method: str = "POST", body: bytes = b"") -> int:
    async def app(scope, receive, send):
        await receive()
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    guard = Guard(app, max_bytes=100)
    sent: list[dict] = []

    async def receive():
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": method, "path": "/api/check",
             "headers": [(k.encode(), v.encode()) for k, v in headers.items()]}
    asyncio.run(guard(scope, receive, send))
    return int(sent[0]["status"])


HOSTNAMES = st.from_regex(r"[a-z][a-z0-9-]{0,20}(\.[a-z]{2,6}){0,3}", fullmatch=True).filter(
    lambda h: h not in LOCAL_HOSTS)
PORTS = st.one_of(st.just(""), st.integers(1, 65535).map(lambda p: f":{p}"))


@given(HOSTNAMES, PORTS)
def test_any_host_but_this_computer_is_refused(host, port):
    assert _status({"host": host + port}, method="GET") == 421


@given(st.sampled_from(["127.0.0.1", "localhost", "[::1]"]), PORTS)
def test_this_computer_is_served(host, port):
    assert _status({"host": host + port}, method="GET") == 200


@given(HOSTNAMES, st.sampled_from(["http", "https"]))
def test_a_post_from_any_other_site_is_refused(host, scheme):
    assert _status({"host": "127.0.0.1:8000", "origin": f"{scheme}://{host}"}) == 403


@given(st.integers(101, 10_000))
def test_any_body_over_the_cap_is_refused_whether_or_not_it_says_its_length(size):
    assert _status({"host": "127.0.0.1"}, body=b"x" * size) == 413
    assert _status({"host": "127.0.0.1", "content-length": str(size)}) == 413
