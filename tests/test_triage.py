"""`socialpolicy triage` (SPEC §5): inbound comments and messages into a moderation queue."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from socialpolicy.config import Config
from socialpolicy.engine import Linter
from socialpolicy.triage import Message
from socialpolicy.triage.core import CHUNK

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "schemas" / "triage.schema.json").read_text("utf-8"))

MESSAGES = """\
messages:
  - id: fb-101
    channel: facebook
    author: "@gy_mum"
    text: "Thank you to the midwives on Ward 11, you were amazing!"
  - id: fb-102
    channel: facebook
    author: Margaret Thompson
    text: "My NHS number is 943 476 5919, why has my scan been cancelled again? Disgraceful."
  - id: x-103
    channel: twitter
    author: "@lowestoftlad"
    text: "my dad has crushing chest pain right now and is sweating, what do we do"
    created: "2026-03-14T09:30"
  - id: x-104
    channel: twitter
    author: "@newsdesk"
    text: "Eastern Daily Press here, can the trust comment on the ward closure? Deadline 4pm."
"""


@pytest.fixture()
def export(tmp_path: Path) -> Path:
    path = tmp_path / "inbox.yaml"
    path.write_text(MESSAGES, encoding="utf-8")
    return path


def test_text_queue_puts_the_emergency_first_with_999_and_masks_personal_data(cli, export):
    result = cli("triage", str(export))
    assert result.code == 0, result
    blocks = result.out.strip().split("\n\n")
    assert blocks[0].startswith("[URGENT]") and "x-103" in blocks[0]
    assert "999" in blocks[0] and "116 123" in blocks[0]
    assert "943 476 5919" not in result.out and "Margaret Thompson" not in result.out
    assert "PALS" in result.out and "JPUH-BUSM 5.0(9)" in result.out
    assert result.out.strip().splitlines()[-1].startswith("4 messages (1 urgent, 2 high")


def test_show_evidence_shows_the_message_as_written(cli, export):
    result = cli("triage", str(export), "--show-evidence")
    assert "943 476 5919" in result.out and "Margaret Thompson" in result.out


def test_json_queue_matches_its_schema(cli, export):
    result = cli("triage", str(export), "--format", "json")
    assert result.code == 0, result
    document = json.loads(result.out)
    jsonschema.validate(document, SCHEMA)
    ids = [m["id"] for m in document["messages"]]
    assert ids[0] == "x-103"
    by_id = {m["id"]: m for m in document["messages"]}
    assert "personal-data" in by_id["fb-102"]["categories"]
    assert "complaint" in by_id["fb-102"]["categories"]
    assert "please don't share personal details" in by_id["fb-102"]["reply"].lower()
    assert "media" in by_id["x-104"]["categories"]
    assert by_id["fb-101"]["categories"] == ["compliment"]
    assert by_id["x-103"]["created"] == "2026-03-14T09:30"
    assert document["summary"]["messages"] == 4
    assert document["summary"]["priority"]["urgent"] == 1
    assert "943 476 5919" not in result.out


def test_csv_queue_for_a_spreadsheet(cli, export, tmp_path):
    out = tmp_path / "queue.csv"
    result = cli("triage", str(export), "--format", "csv", "-o", str(out))
    assert result.code == 0, result
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8"))))
    assert [r["id"] for r in rows][0] == "x-103"
    # A handle starting with @ would run as a formula in a spreadsheet.
    assert all(not r["author"].startswith(("@", "=", "+", "-")) for r in rows)
    assert "943 476 5919" not in out.read_text("utf-8")


def test_csv_and_json_exports_are_read(cli, tmp_path):
    (tmp_path / "a.csv").write_text(
        "id,channel,author,text\n1,facebook,Sam,\"Where do I park, please?\"\n", encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps({"messages": [
        {"id": "j1", "channel": "dm", "author": "x", "text": "Earn £500 a day in crypto, DM me"}]}),
        encoding="utf-8")
    result = cli("triage", str(tmp_path / "a.csv"), str(tmp_path / "b.json"), "--format", "json")
    assert result.code == 0, result
    got = {m["id"]: m["categories"] for m in json.loads(result.out)["messages"]}
    assert got == {"1": ["general"], "j1": ["spam"]}


@pytest.mark.parametrize(("name", "content", "where", "why"), [
    ("bad.yaml", "messages:\n  - id: a\n    text: hi\n  - id: b\n    txet: hello\n", ":5", "txet"),
    ("bad.yaml", "messages:\n  - id: a\n    channel: x\n", ":2", "no text"),
    ("bad.yaml", "messages:\n  - {id: a, text: one}\n  - {id: a, text: two}\n", ":3", "twice"),
    ("bad.yaml", "posts: []\n", ":1", "messages"),
    ("bad.csv", "id,text,mood\n1,hi,happy\n", ":1", "mood"),
    ("bad.csv", "id,text\n1,hi,extra\n", ":2", "cells"),
    ("bad.json", '{"messages": [{"id": "a", "text": ', ":1", "not valid"),
    ("bad.xlsx", "PK", "bad.xlsx", "damaged"),
    ("bad.xls", "x", "bad.xls", ".xlsx or CSV"),
])
def test_unusable_input_exits_2_naming_file_and_line(cli, tmp_path, name, content, where, why):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = cli("triage", str(path))
    assert result.code == 2, result
    assert str(path) + where in result.err or where in result.err
    assert why in result.err
    assert "Traceback" not in result.err and result.out == ""


def test_library_linter_triage(linter: Linter):
    queue = linter.triage([
        Message("a", "What time does the café open?"),
        Message("b", "I want to end my life tonight"),
    ])
    assert [t.id for t in queue] == ["b", "a"]
    assert queue[0].priority == "urgent" and "116 123" in (queue[0].reply or "")
    assert queue[1].categories == ("general",)
    assert queue[1].actions[0].clause.policy == "HWUSM"


def test_contacts_config_is_validated(cli, export, tmp_path):
    config = tmp_path / "socialpolicy.toml"
    config.write_text('[contacts]\npals_phone = 5\n', encoding="utf-8")
    result = cli("triage", str(export), "--config", str(config))
    assert result.code == 2 and "contacts.pals_phone" in result.err
    config.write_text('[contacts]\npals_fax = "01493 1"\n', encoding="utf-8")
    result = cli("triage", str(export), "--config", str(config))
    assert result.code == 2 and "contacts" in result.err
    config.write_text('[contacts]\npals_email = "patient.help@example.nhs.uk"\n', encoding="utf-8")
    result = cli("triage", str(export), "--config", str(config))
    assert result.code == 0 and "patient.help@example.nhs.uk" in result.out


@pytest.fixture(scope="module")
def plain_linter() -> Linter:
    return Linter(Config(), rules=[], jobs=1)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=200), st.from_regex(r"07\d{3} \d{6}", fullmatch=True))
def test_any_message_gets_a_queue_entry_and_its_reply_never_repeats_it(
    plain_linter: Linter, noise: str, phone: str
) -> None:
    text = f"{noise} call me on {phone}"
    [item] = plain_linter.triage([Message("h", text)])
    assert item.categories and item.priority in ("urgent", "high", "normal", "low")
    assert phone not in item.text
    assert item.reply is None or phone not in item.reply
    assert item.action


def test_big_export_keeps_every_message_most_urgent_first() -> None:
    # jobs=0: shared among forked workers where forking is safe, else in this process.
    # Three chunks, the fewest that are shared among workers (the first runs here), the
    # last one short: every message must come back from them, the urgent third first.
    count = 2 * CHUNK + 3
    texts = ["Where is the car park?", "my chest is tight and I can't breathe", "Thank you all!"]
    messages = [Message(str(i), texts[i % 3]) for i in range(count)]
    queue = Linter(Config(), rules=[], jobs=0).triage(messages)
    assert sorted(int(t.id) for t in queue) == list(range(count))
    urgent = sum(1 for i in range(count) if i % 3 == 1)
    assert [t.priority == "urgent" for t in queue] == [True] * urgent + [False] * (count - urgent)


def test_a_workbook_of_messages_is_triaged_like_a_csv(cli, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "messages"
    sheet.append(["id", "channel", "author", "text"])
    sheet.append(["m1", "facebook", "@a", "What time does the café open on Sunday?"])
    sheet.append(["m2", "x", "@b", "my dad has crushing chest pain right now and is grey"])
    sheet.append([None, None, None, None])
    book.save(tmp_path / "inbox.xlsx")
    result = cli("triage", str(tmp_path / "inbox.xlsx"), "--format", "json")
    assert result.code == 0, result
    queue = json.loads(result.out)["messages"]
    assert [m["id"] for m in queue][0] == "m2"
    assert "urgent" in queue[0]["categories"]


def test_a_staff_role_stays_readable_beside_a_masked_name(cli, tmp_path):
    (tmp_path / "inbox.yaml").write_text(
        "messages:\n- id: m1\n  text: \"Please pass on my thanks to Staff Nurse Priya Raman on Ward 7, "
        "she was wonderful. Call me on 07700 900123.\"\n")
    for fmt in ("text", "json", "csv"):
        out = cli("triage", "--format", fmt, "inbox.yaml", cwd=tmp_path).out
        assert "Priya" not in out and "Raman" not in out and "900123" not in out
        assert "Staff Nurse P**** R****" in out
