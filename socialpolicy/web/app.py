"""The routes of ``socialpolicy serve``: the page, its form post, and ``POST /api/check``.

* ``GET /``: the form (paste a draft, or upload a draft or calendar).
* ``POST /check``: the form posted without JavaScript; answers with the results page.
* ``GET /triage`` and ``POST /triage``: the triage tab (paste or upload inbound
  comments and messages; see the moderation queue).
* ``POST /api/triage``: ``{"messages": [{"id", "channel", "author", "text"}, ...]}`` or
  a file upload; answers as ``socialpolicy triage --format json``.
* ``POST /api/check``: SPEC §5's JSON body (``{"text", "platform", ...}``) or a file
  upload (multipart field ``file``); answers with the JSON report of SPEC §3.
  ``show_evidence`` (a JSON key, a form field or ``?show_evidence=true``) reveals
  personal data in that one answer; the page's reveal toggle uses it.

Nothing is stored and no post text is logged: requests are read from memory, and the
server runs without an access log (see ``server``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from importlib import resources
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..config import PLATFORMS
from ..errors import SocialPolicyError
from ..inputs.thread import join_parts
from ..reports import json_report
from ..ruleset import Rule
from ..triage.messages import Message
from ..version import __version__
from .checking import Checked, Checker, replies_to_copy, segments, triage_upload
from .guard import Guard

DEFAULT_MAX_MB = 10.0
SEVERITY_TAGS = {"error": "red", "warning": "orange", "info": "blue"}
SEVERITY_WORDS = {"error": "Error", "warning": "Warning", "info": "Advice"}
TRUE = {"1", "true", "yes", "on"}


def _templates() -> Any:
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(loader=PackageLoader("socialpolicy.web", "templates"),
                      autoescape=select_autoescape(["html"]), trim_blocks=True,
                      lstrip_blocks=True)
    env.globals.update(platforms=PLATFORMS, version=__version__, tags=SEVERITY_TAGS,
                       severity_words=SEVERITY_WORDS)
    return env


def _split_list(value: str) -> list[str]:
    return [piece.strip() for piece in value.replace("\n", ";").split(";") if piece.strip()]


def form_metadata(form: Mapping[str, Any]) -> dict[str, Any]:
    """Post metadata from the page's form fields (the same keys as a draft's front matter)."""
    data: dict[str, Any] = {}
    for key in ("platform", "account", "scheduled", "monitored_by"):
        value = str(form.get(key) or "").strip()
        if value:
            data[key] = value
    forms = _split_list(str(form.get("media_consent") or ""))
    described = str(form.get("media_alt") or "").strip() or str(form.get("media_file") or "").strip()
    if str(form.get("media_people") or "") in TRUE or forms or described:
        media: dict[str, Any] = {"file": str(form.get("media_file") or "").strip() or "photo"}
        alt = str(form.get("media_alt") or "").strip()
        if alt:
            media["alt"] = alt
        media["people"] = str(form.get("media_people") or "") in TRUE
        if forms:
            media["consent"] = forms
        data["media"] = [media]
    consent = []
    for line in str(form.get("consent") or "").splitlines():
        name, _, number = line.partition(",")
        if name.strip():
            entry = {"name": name.strip()}
            if number.strip():
                entry["form"] = number.strip()
            consent.append(entry)
    if consent:
        data["consent"] = consent
    reply = str(form.get("reply_to_text") or "").strip()
    if reply:
        data["reply_to"] = {"text": reply}
        author = str(form.get("reply_to_author") or "").strip()
        if author:
            data["reply_to"]["author"] = author
    return data


def _flag(value: Any) -> bool:
    return value is True or str(value).strip().lower() in TRUE


def create_app(checker: Checker, *, max_mb: float = DEFAULT_MAX_MB,
               hosts: tuple[str, ...] = ()) -> Guard:
    """The page as an ASGI application, wrapped in its guard."""
    env = _templates()
    env.globals["max_mb"] = f"{max_mb:g}"
    static = resources.files("socialpolicy.web") / "static"

    def page(name: str, status: int = 200, **context: Any) -> HTMLResponse:
        return HTMLResponse(env.get_template(name).render(**context), status_code=status)

    async def index(request: Request) -> Response:
        return page("index.html", form={}, mode="paste")

    async def check_form(request: Request) -> Response:
        async with request.form(max_files=1, max_fields=40, max_part_size=1024 * 1024) as form:
            fields = {k: v for k, v in form.items() if isinstance(v, str)}
            upload = form.get("file")
            mode = "upload" if fields.get("mode") == "upload" else "paste"
            reveal = _flag(fields.get("show_evidence", ""))
            metadata = form_metadata(fields)
            try:
                if mode == "upload":
                    data = b"" if upload is None or isinstance(upload, str) else await upload.read()
                    if not data:
                        return page("index.html", 400, form=fields, mode=mode,
                                    errors=[("file", "Choose a file to check")])
                    name = upload.filename if upload is not None and not isinstance(upload, str) else ""
                    checked = checker.check_upload(name or "upload.txt", data, metadata, reveal)
                else:
                    text = fields.get("text", "").replace("\r\n", "\n")
                    if not text.strip():
                        return page("index.html", 400, form=fields, mode=mode,
                                    errors=[("text", "Enter the text of your draft post")])
                    checked = checker.check_text(text, metadata, reveal)
            except SocialPolicyError as exc:
                field = "file" if mode == "upload" else "text"
                return page("index.html", 400, form=fields, mode=mode,
                            errors=[(field, exc.format())])
            except Exception as exc:  # a bug of ours: answer plainly, log nothing of the post
                return page("index.html", 500, form=fields, mode=mode,
                            errors=[("text", _internal(exc))])
        return _results(page, checked, fields, mode, reveal, checker.linter.rules)

    async def api_check(request: Request) -> Response:
        reveal = _flag(request.query_params.get("show_evidence", ""))
        kind = request.headers.get("content-type", "")
        try:
            if kind.startswith("multipart/form-data"):
                async with request.form(max_files=1, max_fields=40,
                                        max_part_size=1024 * 1024) as form:
                    fields = {k: v for k, v in form.items() if isinstance(v, str)}
                    reveal = reveal or _flag(fields.get("show_evidence", ""))
                    upload = form.get("file")
                    metadata = form_metadata(fields)
                    # The page's own form always sends a file field, empty when pasting.
                    data = b"" if upload is None or isinstance(upload, str) else await upload.read()
                    if data and fields.get("mode") != "paste" and not isinstance(upload, str):
                        checked = checker.check_upload(
                            (upload.filename if upload is not None else "") or "upload.txt",
                            data, metadata, reveal)
                    elif fields.get("text", "").strip():
                        checked = checker.check_text(fields["text"], metadata, reveal)
                    else:
                        return _error(400, "send a file (field file) or the draft's text (field text)")
            else:
                try:
                    body = json.loads(await request.body())
                except (ValueError, UnicodeDecodeError):
                    return _error(400, "the body is not valid JSON; send "
                                  '{"text": "...", "platform": "twitter", ...}')
                if not isinstance(body, dict):
                    return _error(400, 'the JSON body must be an object such as {"text": "..."}')
                text = body.get("text")
                thread = body.get("thread")
                if isinstance(thread, list) and all(isinstance(p, str) for p in thread) and thread:
                    text = join_parts(thread) if text is None else None
                if not isinstance(text, str):
                    return _error(400, 'the JSON body needs "text": the draft post to check '
                                  '(or "thread": a list of its parts, but not both)')
                reveal = reveal or _flag(body.get("show_evidence", False))
                metadata = {k: v for k, v in body.items()
                            if k not in ("text", "thread", "show_evidence")}
                checked = checker.check_text(text, metadata, reveal)
        except SocialPolicyError as exc:
            return _error(400, exc.format())
        except Exception as exc:  # a bug of ours: answer plainly, log nothing of the post
            return _error(500, _internal(exc))
        report = json_report.render(checked.result, checker.linter.rules, __version__)
        return Response(report, media_type="application/json")

    async def triage_page(request: Request) -> Response:
        return page("triage.html", form={}, queue=None)

    async def triage_form(request: Request) -> Response:
        async with request.form(max_files=1, max_fields=10, max_part_size=1024 * 1024) as form:
            fields = {k: v for k, v in form.items() if isinstance(v, str)}
            upload = form.get("file")
            reveal = _flag(fields.get("show_evidence", ""))
            try:
                data = b"" if upload is None or isinstance(upload, str) else await upload.read()
                if data:
                    name = (upload.filename if not isinstance(upload, str) and upload is not None
                            else "") or "messages.csv"
                    queue = triage_upload(checker, name, data, reveal)
                else:
                    lines = [ln.strip() for ln in fields.get("messages", "").splitlines() if ln.strip()]
                    if not lines:
                        return page("triage.html", 400, form=fields, queue=None, errors=[
                            ("messages", "Paste the comments or messages, one a line, or choose a file")])
                    queue = checker.triage(
                        [Message(id=str(n), text=ln, source="pasted", line=n)
                         for n, ln in enumerate(lines, start=1)], reveal)
            except SocialPolicyError as exc:
                return page("triage.html", 400, form=fields, queue=None,
                            errors=[("messages", exc.format())])
            except Exception as exc:  # a bug of ours: answer plainly, log nothing of the post
                return page("triage.html", 500, form=fields, queue=None,
                            errors=[("messages", _internal(exc))])
        return page("triage.html", form=fields, queue=queue, reveal=reveal)

    async def api_triage(request: Request) -> Response:
        from ..triage.messages import messages_from_text
        from ..triage.report import render_json

        reveal = _flag(request.query_params.get("show_evidence", ""))
        kind = request.headers.get("content-type", "")
        try:
            if kind.startswith("multipart/form-data"):
                async with request.form(max_files=1, max_fields=10,
                                        max_part_size=1024 * 1024) as form:
                    upload = form.get("file")
                    if upload is None or isinstance(upload, str):
                        return _error(400, "send a file of messages (field file)")
                    queue = triage_upload(checker, upload.filename or "messages.csv",
                                          await upload.read(), reveal)
            else:
                body = await request.body()
                try:
                    parsed = json.loads(body)
                except (ValueError, UnicodeDecodeError):
                    return _error(400, 'the body is not valid JSON; send {"messages": '
                                  '[{"id": "1", "text": "..."}]}')
                if not isinstance(parsed, dict) or not isinstance(parsed.get("messages"), list):
                    return _error(400, 'the JSON body needs "messages": a list of '
                                  '{"id", "channel", "author", "text"}')
                queue = checker.triage(messages_from_text(body.decode("utf-8"), "messages.json"),
                                       reveal)
        except SocialPolicyError as exc:
            return _error(400, exc.format())
        except Exception as exc:  # a bug of ours: answer plainly, log nothing of the post
            return _error(500, _internal(exc))
        return Response(render_json(queue, 1, __version__), media_type="application/json")

    routes = [
        Route("/", index, methods=["GET"]),
        Route("/triage", triage_page, methods=["GET"]),
        Route("/triage", triage_form, methods=["POST"]),
        Route("/api/triage", api_triage, methods=["POST"]),
        Route("/check", check_form, methods=["POST"]),
        Route("/api/check", api_check, methods=["POST"]),
        Mount("/static", app=StaticFiles(directory=str(static)), name="static"),
    ]
    app = Starlette(routes=routes)
    return Guard(app, max_bytes=int(max_mb * 1_000_000), hosts=hosts)


def _internal(exc: Exception) -> str:
    # Only the exception's type: its message could quote the post.
    return (f"Something went wrong inside socialpolicy ({type(exc).__name__}). Nothing was "
            "stored. Please report it to whoever looks after socialpolicy.")


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


def _results(page: Any, checked: Checked, form: Mapping[str, Any], mode: str,
             reveal: bool, pack: Sequence[Rule]) -> Response:
    findings = checked.result.findings
    counts = checked.result.counts()
    replies = replies_to_copy(findings, pack)
    parts = (segments(checked.shown or checked.text, findings, checked.masked)
             if checked.text is not None and not checked.calendar else [])
    response: Response = page(
        "results.html",
        form=form, mode=mode, checked=checked, findings=findings, counts=counts,
        segments=parts, replies=replies, reveal=reveal,
        rules=sorted({f.rule for f in findings}),
        masked=any(s.masked for s in parts),
    )
    return response
