"""Personal data stays masked on the surfaces beyond a finding's own fields.

Found by ``benchmarks/probe.py`` (planted names and identifiers searched for in every
output): ``--diff`` showed a name nobody's list knows in the lines it printed; the web
page's highlighted draft showed whatever lay between two findings (a postcode beside an
address, a name no rule reported); triage showed such a name in a message and as its
author; an error message quoted a key or column written as a person's name. Each is
masked now as a quoted sentence is, unless the user asks to see personal data.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from socialpolicy.triage.messages import Message
from socialpolicy.triage.report import RENDERERS
from socialpolicy.web.checking import Checker, segments

# Names no list or dictionary knows (syllables put together), written as people write them.
SYLLABLES = ["fen", "el", "la", "quen", "nell", "zor", "vath", "i", "ken", "nu", "ro", "thel",
             "wyn", "dra", "osh", "bel", "xan", "mir", "ulo", "ghe", "bru", "azu"]


def _unheard_of(word: str) -> bool:
    from socialpolicy.pii.people import given_names, recognizer_names
    from socialpolicy.text.words import is_frequent

    return not is_frequent(word) and word not in given_names(recognizer_names())


WORD = st.lists(st.sampled_from(SYLLABLES), min_size=2, max_size=3).map("".join).filter(
    lambda w: len(w) >= 5 and _unheard_of(w)).map(str.capitalize)
NAME = st.tuples(WORD, WORD).filter(lambda t: t[0] != t[1]).map(" ".join)
CONTACT = st.sampled_from([
    ("call 07700 900123", "900123"), ("email fq77@gmail.com", "fq77@gmail"),
    ("NHS number 943 476 5919", "476 5919"), ("postcode NR31 6LA", "NR31 6LA"),
    ("DOB 12/03/1961", "12/03/1961"),
])
SETTINGS = settings(max_examples=12, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def test_diff_never_shows_a_name_nobody_knows(cli, tmp_path):
    calendar = tmp_path / "calendar.yaml"
    calendar.write_text(
        "posts:\n  - id: a\n    platform: twitter\n"
        '    text: "Call Fenella Quennell on 07700 900123 #mentalhealthawareness"\n',
        encoding="utf-8")
    for extra in ((), ("--unsafe-fixes",)):
        result = cli("check", str(calendar), "--diff", *extra)
        assert "+    text: " in result.out and "#MentalHealthAwareness" in result.out
        for private in ("Fenella", "Quennell", "900123"):
            assert private not in result.out, (extra, result.out)
    shown = cli("check", str(calendar), "--diff", "--show-evidence")
    assert "Fenella Quennell" in shown.out


@pytest.fixture(scope="module")
def checker(linter):
    return Checker(linter)


def _page_draft(checker, text: str, reveal: bool = False) -> str:
    """The draft as the web page highlights it: every segment's text, in order."""
    checked = checker.check_text(text, {"platform": "twitter"}, reveal)
    assert checked.text is not None
    parts = segments(checked.shown or checked.text, checked.result.findings, checked.masked)
    return "".join(part.text for part in parts)


@SETTINGS
@given(name=NAME, contact=CONTACT,
       carrier=st.sampled_from([
           "You useless idiot, {pii}, I hope you rot.",
           "Well done, {pii}! #mentalhealthawareness #nhs #team #ward #day",
           "See http://192.168.1.20/form and {pii}.",
           "Our new unit opens on Monday, {pii}. It has eight bays.",
       ]))
def test_the_web_pages_draft_never_shows_personal_data_between_findings(checker, name, contact,
                                                                         carrier):
    sentence, secret = contact
    text = carrier.replace("{pii}", f"{name}, {sentence}, address 14 Ashgrove Crescent")
    shown = _page_draft(checker, text)
    assert len(shown) > len(carrier) // 2
    for private in (secret, *name.split(), "Ashgrove"):
        assert private not in shown, (private, shown)


def test_the_web_page_shows_the_draft_whole_when_asked(checker):
    text = "Well done, Fenella Quennell, postcode NR31 6LA! #nhs #team #ward #day"
    assert _page_draft(checker, text, reveal=True) == text


@SETTINGS
@given(name=NAME, contact=CONTACT, fmt=st.sampled_from(sorted(RENDERERS)),
       text=st.sampled_from([
           "I have chest pain and can't breathe, {pii}, what do I do?",
           "Please cancel my appointment on Monday, {pii}.",
           "The nurse on Ward 7 was rude to my dad, {pii}, I want to complain.",
       ]))
# Found by this test: a letter stretched in a first name ("Nellla") read as an ordinary
# word said with feeling.
@example(name="Fenfen Nellla", contact=("call 07700 900123", "900123"), fmt="csv",
         text="I have chest pain and can't breathe, {pii}, what do I do?")
def test_triage_never_shows_a_name_nobody_knows(linter, name, contact, fmt, text):
    sentence, secret = contact
    message = Message(id="m1", text=text.replace("{pii}", f"{name}, {sentence}"), channel="x",
                      author=name, source="inbox.csv", line=2)
    rendered = RENDERERS[fmt](linter.triage([message]), 1, "0")
    for private in (secret, *name.split()):
        assert private not in rendered, (fmt, private, rendered)


def test_triage_keeps_a_handle_as_written(linter):
    message = Message(id="m1", text="Is the clinic open?", channel="x", author="@fenq77")
    [item] = linter.triage([message])
    assert item.author == "@fenq77"


@pytest.mark.parametrize(("name", "content", "hidden"), [
    ("front.md", "---\nplatform: twitter\nFenella Quennell: 943 476 5919\n---\nHello\n",
     ["Fenella", "Quennell", "5919"]),
    ("header.csv", "id,text,Fenella Quennell 07700 900123\na,hi,x\n",
     ["Fenella", "Quennell", "900123"]),
    ("calendar.yaml", "posts:\n  - id: a\n    text: hi\n    Fenella Quennell: yes\n",
     ["Fenella", "Quennell"]),
])
def test_an_error_message_masks_a_name_written_as_a_key(cli, tmp_path, name, content, hidden):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    for fmt in ("text", "json"):
        result = cli("check", str(path), "--format", fmt)
        assert result.code == 2
        assert name in result.err and "unknown" in result.err
        for private in hidden:
            assert private not in result.err + result.out, (fmt, result.err)


def test_an_error_message_still_names_a_misspelt_key(cli, tmp_path):
    path = tmp_path / "calendar.yaml"
    path.write_text("posts:\n  - id: a\n    text: hi\n    Sheduled: 2026-03-14T10:00\n",
                    encoding="utf-8")
    result = cli("check", str(path))
    assert result.code == 2
    assert f"{path}:4: unknown key 'Sheduled'" in result.err


def test_the_web_apis_error_answer_masks_a_name_written_as_a_key(checker):
    from starlette.testclient import TestClient

    from socialpolicy.web.app import create_app

    with TestClient(create_app(checker), base_url="http://127.0.0.1:8000") as client:
        answer = client.post("/api/check", json={"text": "hi", "Fenella Quennell": "yes"})
    assert answer.status_code == 400
    body = json.dumps(answer.json())
    assert "unknown key" in body and "Quennell" not in body


def test_an_ignore_written_with_a_persons_name_is_reported_masked(cli, tmp_path):
    draft = tmp_path / "draft.md"
    draft.write_text("---\nplatform: twitter\nignore:\n  Fenella Quennell: she agreed\n"
                     "  hashtag-camelcse: typo\n---\nHello all\n", encoding="utf-8")
    for fmt in ("text", "json", "sarif", "github"):
        result = cli("check", str(draft), "--format", fmt)
        assert result.code == 1
        assert "Quennell" not in result.out, fmt
        # A misspelt rule id is no one's name: it is quoted as written.
        assert "hashtag-camelcse" in result.out
    shown = cli("check", str(draft), "--show-evidence")
    assert "ignore names 'Fenella Quennell'" in shown.out


def test_an_internal_error_never_quotes_a_name(cli, tmp_path, monkeypatch):
    import socialpolicy.run

    def broken(options: object) -> int:
        raise KeyError("Fenella Quennell 07700 900123")

    monkeypatch.setattr(socialpolicy.run, "run_check", broken)
    monkeypatch.delenv("SOCIALPOLICY_DEBUG", raising=False)
    draft = tmp_path / "draft.txt"
    draft.write_text("Hello", encoding="utf-8")
    result = cli("check", str(draft))
    assert result.code == 2
    assert "internal error: KeyError: 'F****** Q******* ***** ******'" in result.err


@pytest.mark.parametrize(("file", "shown"), [
    ("fenella_quennell_ward7.jpg", "f******_q*******_ward7.jpg"),
    ("Fenella-Quennell.HEIC", "F******-Q*******.HEIC"),
    ("IMG_2201.jpg", "IMG_2201.jpg"),
    ("team-photo.png", "team-photo.png"),
    ("nurses_day_2026.jpeg", "nurses_day_2026.jpeg"),
])
def test_a_photo_named_after_the_person_in_it_is_masked(linter, file, shown):
    from socialpolicy.inputs.draft import read_draft

    post = read_draft("Our ward team", "draft.md",
                      {"platform": "twitter", "media": [{"file": file, "people": True}]})
    findings = [f for f in linter.check_posts([post]).findings if f.rule == "photo-consent"]
    assert [f.evidence for f in findings] == [shown]
