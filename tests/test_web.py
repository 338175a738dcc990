"""`socialpolicy serve`: the page, its form post, POST /api/check and its safety rules."""

from __future__ import annotations

import io
import json
import logging
import re
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from socialpolicy.cli import cli

pytest.importorskip("starlette")
from starlette.testclient import TestClient  # noqa: E402

from socialpolicy.web.app import create_app  # noqa: E402
from socialpolicy.web.checking import Checker  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
LOCAL = "http://127.0.0.1:8000"
ADVICE = "Take two paracetamol every four hours and rest."
QUESTION = "I have had a headache for two days, what should I take?"
NAMED = "Congratulations to Jane Smith on her retirement! Call her on 07700 900123."


@pytest.fixture(scope="module")
def client(linter):
    app = create_app(Checker(linter), max_mb=0.05)
    with TestClient(app, base_url=LOCAL) as test_client:
        yield test_client


def _xlsx(rows):
    book = Workbook()
    sheet = book.active
    sheet.title = "posts"
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_the_page_is_labelled_and_loads_nothing_from_elsewhere(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-security-policy"].startswith("default-src 'self'")
    html = response.text
    assert '<html lang="en-GB">' in html
    for field in ("text", "file", "platform", "account", "scheduled", "media_people",
                  "media_consent", "consent", "reply_to_text"):
        assert f'for="{field}"' in html and f'id="{field}"' in html, field
    assert not re.search(r'(src|href)="(https?:)?//', html)
    css = client.get("/static/nhsuk/nhsuk-frontend.min.css")
    assert css.status_code == 200 and "nhsuk-header" in css.text
    assert "https://" not in css.text and "http://" not in css.text


def test_api_check_answers_with_the_json_report(client):
    response = client.post("/api/check", json={
        "text": ADVICE, "platform": "twitter", "reply_to": {"text": QUESTION},
    })
    assert response.status_code == 200
    report = response.json()
    schema = json.loads((ROOT / "schemas" / "report.schema.json").read_text())
    jsonschema.validate(report, schema)
    rules = {f["rule"] for f in report["findings"]}
    assert "medical-advice" in rules
    assert report["summary"]["posts"] == 1


def test_api_masks_personal_data_unless_asked(client):
    masked = client.post("/api/check", json={"text": NAMED}).json()
    assert "07700 900123" not in json.dumps(masked) and "Jane Smith" not in json.dumps(masked)
    shown = client.post("/api/check?show_evidence=true", json={"text": NAMED}).json()
    assert "07700 900123" in json.dumps(shown)


def test_api_takes_a_spreadsheet_upload(client):
    data = _xlsx([["id", "platform", "text"], ["ok", "facebook", "Our day unit opens Monday."],
                  ["tags", "twitter", "Well done #a #b #c #d #e"]])
    response = client.post("/api/check", files={"file": ("march.xlsx", data)})
    assert response.status_code == 200, response.text
    findings = response.json()["findings"]
    assert [(f["rule"], f["line"], f["post"]) for f in findings] == [("hashtag-guidance", 3, "tags")]


def test_api_explains_bad_input(client):
    assert "text" in client.post("/api/check", json={"platform": "x"}).json()["error"]
    bad = client.post("/api/check", json={"text": "hi", "platfrom": "x"}).json()["error"]
    assert "platfrom" in bad
    broken = client.post("/api/check", files={"file": ("cal.xlsx", b"PK\x03\x04 nope")})
    assert broken.status_code == 400 and "cal.xlsx" in broken.json()["error"]


def test_the_form_post_works_without_javascript(client):
    response = client.post("/check", data={
        "mode": "paste", "text": ADVICE, "platform": "twitter", "reply_to_text": QUESTION,
    })
    assert response.status_code == 200
    html = response.text
    assert 'class="sp-mark sp-error"' in html
    assert "Never provide medical advice" in html  # the clause quote
    assert "Reply you can send instead" in html and "NHS 111" in html
    assert ADVICE in html  # the officer's own draft, shown back with its highlight


def test_the_form_masks_personal_data_in_the_highlighted_draft(client):
    html = client.post("/check", data={"mode": "paste", "text": NAMED}).text
    draft = html[html.index('id="draft"'):html.index("<h2>Problems")]
    assert "07700 900123" not in draft and "J*** S****" in draft
    shown = client.post("/check", data={"mode": "paste", "text": NAMED, "show_evidence": "yes"}).text
    assert "07700 900123" in shown[shown.index('id="draft"'):]


def test_a_calendar_upload_shows_a_table_by_row(client):
    data = _xlsx([["id", "platform", "text"], ["a", "twitter", "#a #b #c #d #e"],
                  ["b", "twitter", "Read http://example.org"]])
    html = client.post("/check", data={"mode": "upload"},
                       files={"file": ("cal.xlsx", data)}).text
    assert 'id="findings-table"' in html and 'id="filter-rule"' in html
    rows = re.findall(r'<tr class="nhsuk-table__row" id="finding-\d+" data-rule="([\w-]+)"', html)
    assert rows == ["hashtag-guidance", "link-safety"]


def test_form_mistakes_are_shown_in_an_error_summary(client):
    empty = client.post("/check", data={"mode": "paste", "text": "  "})
    assert empty.status_code == 400
    assert "There is a problem" in empty.text and "Enter the text of your draft post" in empty.text
    wrong = client.post("/check", data={"mode": "upload"}, files={"file": ("notes.docx", b"x")})
    assert wrong.status_code == 400 and "notes.docx" in wrong.text


def test_requests_for_another_host_are_refused(client):
    response = client.get("/", headers={"host": "attacker.example"})
    assert response.status_code == 421
    assert "127.0.0.1" in response.text


@pytest.mark.parametrize("headers", [
    {"origin": "https://attacker.example"},
    {"sec-fetch-site": "cross-site"},
    {"origin": "null"},
])
def test_cross_site_posts_are_refused(client, headers):
    response = client.post("/api/check", json={"text": "hello"}, headers=headers)
    assert response.status_code == 403
    assert "another website" in response.json()["error"]


def test_same_site_posts_are_accepted(client):
    response = client.post("/api/check", json={"text": "hello"},
                           headers={"origin": LOCAL, "sec-fetch-site": "same-origin"})
    assert response.status_code == 200


def test_uploads_over_the_cap_get_a_clear_message(client):
    response = client.post("/check", data={"mode": "upload"},
                           files={"file": ("big.csv", b"text\n" + b"x" * 60_000)})
    assert response.status_code == 413
    assert "larger than the 0.05 MB" in response.text


def test_no_post_text_is_logged(client, caplog):
    with caplog.at_level(logging.DEBUG):
        client.post("/api/check", json={"text": NAMED})
        client.post("/check", data={"mode": "paste", "text": NAMED})
    assert "Jane Smith" not in caplog.text and "07700" not in caplog.text


def test_serve_without_the_extra_says_what_to_run(monkeypatch):
    monkeypatch.setattr("socialpolicy.web.web_available", lambda: False)
    result = CliRunner().invoke(cli, ["serve"])
    assert result.exit_code == 2
    assert 'pip install "socialpolicy[web]"' in result.output


def test_the_vendored_frontend_keeps_its_licence():
    folder = resources.files("socialpolicy.web") / "static" / "nhsuk"
    assert "MIT" in (folder / "LICENCE.md").read_text(encoding="utf-8")


def test_api_takes_a_thread(client):
    long_part = "Huge thanks to everyone who fundraised for the new unit. " * 6
    report = client.post("/api/check", json={
        "thread": ["Our new day unit opens on Monday. 1/2", long_part], "platform": "twitter",
    }).json()
    length = [f for f in report["findings"] if f["rule"] == "post-length"]
    assert [f["line"] for f in length] == [3]


def test_the_pages_reveal_request_checks_the_pasted_text_not_the_empty_file_field(client):
    # What the page's "show personal data" sends: its whole form, with an empty file field.
    response = client.post("/api/check?show_evidence=true",
                           data={"mode": "paste", "text": NAMED},
                           files={"file": ("", b"", "application/octet-stream")})
    assert response.status_code == 200
    assert "07700 900123" in json.dumps(response.json()["findings"])


def test_serve_says_when_its_port_is_taken(run_cli):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        result = run_cli("serve", "--port", port, timeout=60)
    assert result.code == 2, result
    assert "Traceback" not in result.err and "--port" in result.err and port in result.err


def test_serve_loads_the_linter_once_then_serves_on_127_0_0_1(monkeypatch):
    served = {}

    def fake_run(app, **options):
        served.update(options, app=app)

    monkeypatch.setattr("uvicorn.run", fake_run)
    result = CliRunner().invoke(cli, ["serve", "--port", "0"])
    assert result.exit_code == 0, result.output
    assert served["host"] == "127.0.0.1" and served["access_log"] is False
    with TestClient(served["app"], base_url="http://127.0.0.1") as test_client:
        report = test_client.post("/api/check", json={"text": ADVICE, "reply_to": {"text": QUESTION}})
    assert "medical-advice" in {f["rule"] for f in report.json()["findings"]}


def test_an_internal_error_answers_plainly_and_logs_nothing_of_the_post(client, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError(f"boom while reading {NAMED}")

    monkeypatch.setattr(Checker, "check_text", broken)
    with caplog.at_level(logging.DEBUG):
        api = client.post("/api/check", json={"text": NAMED})
        page = client.post("/check", data={"mode": "paste", "text": NAMED})
    assert api.status_code == 500 and "RuntimeError" in api.json()["error"]
    assert "Jane Smith" not in api.text
    assert page.status_code == 500 and "Something went wrong" in page.text
    assert "Jane Smith" not in caplog.text


def test_the_forms_photo_and_consent_fields_reach_the_rules(client):
    def rules(**fields):
        html = client.post("/check", data={"mode": "paste", "text": "Our Ward 10 team", **fields}).text
        return set(re.findall(r'data-rule="([\w-]+)"', html))

    assert "photo-consent" in rules(media_people="yes", media_alt="The team")
    assert "photo-consent" not in rules(media_people="yes", media_alt="The team",
                                        media_consent="CF-2031")
    assert "image-alt-text" in rules(media_people="yes", media_consent="CF-2031")
    named = "Congratulations to Jane Smith on Ward 10"
    html = client.post("/check", data={"mode": "paste", "text": named,
                                       "consent": "Jane Smith, CF-2031"}).text
    assert 'data-rule="named-person-consent"' not in html


def test_an_uploaded_draft_is_highlighted_with_its_personal_data_masked(client):
    draft = f"---\nplatform: twitter\n---\n{NAMED}\n".encode()
    html = client.post("/check", data={"mode": "upload"}, files={"file": ("thanks.md", draft)}).text
    shown = html[html.index('id="draft"'):html.index("<h2>Problems")]
    assert "J*** S****" in shown and "07700 900123" not in shown


# -- the triage tab and POST /api/triage ------------------------------------------


URGENT = "my dad has crushing chest pain right now and can't breathe"


def test_api_triage_answers_as_the_command_does(client):
    schema = json.loads((ROOT / "schemas" / "triage.schema.json").read_text(encoding="utf-8"))
    response = client.post("/api/triage", json={"messages": [
        {"id": "a", "channel": "facebook", "author": "@a", "text": "What time does the café open?"},
        {"id": "b", "channel": "x", "author": "@b", "text": URGENT},
    ]})
    assert response.status_code == 200, response.text
    report = response.json()
    jsonschema.validate(report, schema)
    assert [m["id"] for m in report["messages"]] == ["b", "a"]
    assert report["messages"][0]["priority"] == "urgent" and "999" in report["messages"][0]["reply"]


def test_api_triage_takes_a_spreadsheet_and_masks_personal_data(client):
    book = Workbook()
    sheet = book.active
    sheet.append(["id", "channel", "author", "text"])
    sheet.append(["m1", "facebook", "@c", "My NHS number is 943 476 5919, when is my scan?"])
    buffer = io.BytesIO()
    book.save(buffer)
    response = client.post("/api/triage", files={"file": ("inbox.xlsx", buffer.getvalue())})
    assert response.status_code == 200, response.text
    assert "5919" not in response.text
    shown = client.post("/api/triage?show_evidence=true",
                        files={"file": ("inbox.xlsx", buffer.getvalue())})
    assert "943 476 5919" in shown.text


def test_api_triage_refuses_what_is_not_a_list_of_messages(client):
    response = client.post("/api/triage", json={"posts": []})
    assert response.status_code == 400 and "messages" in response.json()["error"]


def test_the_triage_tab_shows_the_queue_most_urgent_first(client):
    assert 'href="/triage"' in client.get("/").text
    page = client.get("/triage")
    assert page.status_code == 200 and 'for="messages"' in page.text
    response = client.post("/triage", data={"messages": f"Thank you to ward 7!\n{URGENT}"},
                           files={"file": ("", b"")})
    assert response.status_code == 200, response.text
    html = response.text[response.text.index("The queue"):]
    assert html.index("Urgent") < html.index("Thank you to ward 7")
    assert "116 123" in html or "999" in html
    empty = client.post("/triage", data={"messages": "  "}, files={"file": ("", b"")})
    assert empty.status_code == 400 and "one a line" in empty.text
