"""patient-identifier finds identifiers however they are written and wherever in a post
they are published (issue 17 class 10, issue 11 item 7), and bad personal-data input is
refused with the file and line (issue 11)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialpolicy.pii.normal import normalise


@pytest.fixture(scope="module")
def pid(make_linter):
    return make_linter(select=("patient-identifier",), show_evidence=True)


@pytest.mark.parametrize("text, evidence", [
    ("His NHS number is 943\u00a0476\u00a05919", "943\u00a0476\u00a05919"),
    ("His NHS number is 943\u200b476\u200b5919", "943\u200b476\u200b5919"),
    ("His NHS number is \uff19\uff14\uff13 \uff14\uff17\uff16 \uff15\uff19\uff11\uff19",
     "\uff19\uff14\uff13 \uff14\uff17\uff16 \uff15\uff19\uff11\uff19"),
    ("Message me at jane.okafor [at] gmail [dot] com", "jane.okafor [at] gmail [dot] com"),
    ("Her son lives at NR31 6LA and can collect her", "NR31 6LA"),
    ("Get well soon! #NHS9434765919", "9434765919"),
    ("Please call his wife on +44 7700 900123 today", "+44 7700 900123"),
    ("Her mum in Spain is on +34 612 345 678", "+34 612 345 678"),
    ("Send the photos to jane.smith@acme-engineering.co.uk", "jane.smith@acme-engineering.co.uk"),
])
def test_hidden_and_international_identifiers_are_found_on_the_original_text(pid, text, evidence):
    [finding] = pid.check_text(text)
    assert finding.evidence == " ".join(evidence.split())


@pytest.mark.parametrize("meta", [
    {"poll": {"question": "Is NHS 943 476 5919 your number?", "options": ["Yes", "No"]}},
    {"media": [{"file": "nhs_9434765919_xray.jpg", "alt": "A chest x-ray"}]},
    {"media": [{"file": "ward.jpg", "alt": "Call his daughter on 07700 900123"}]},
])
def test_identifiers_in_polls_and_media_are_found(pid, meta):
    [finding] = pid.check_text("Something for the weekend", **meta)
    assert finding.rule == "patient-identifier"


def test_the_normalised_text_maps_back_to_every_original_character():
    text = "NHS 943\u200b476\u200b5919 or j.o [at] gmail [dot] com #NHS9434765919"
    norm = normalise(text)
    assert "9434765919" in norm.text and "j.o@gmail.com" in norm.text and "#NHS 9434765919" in norm.text
    start = norm.text.index("j.o@")
    s, e = norm.span(start, start + len("j.o@gmail.com"))
    assert text[s:e] == "j.o [at] gmail [dot] com"


def test_a_consent_entry_without_a_name_exits_2_with_file_and_line(run_cli, tmp_path):
    (tmp_path / "july.yaml").write_text(
        "posts:\n  - id: a\n    text: Thanks Jane Smith\n    consent:\n      - name: '  '\n"
        "  - id: b\n    text: Thanks Jane Smith\n    consent:\n      - form: CF-1\n")
    result = run_cli("check", "july.yaml", cwd=tmp_path)
    assert result.code == 2
    assert "july.yaml:5" in result.err and "Traceback" not in result.err


def test_a_malformed_allow_list_exits_2_with_file_and_line(run_cli, tmp_path):
    (tmp_path / "socialpolicy.toml").write_text('[allow]\ncontacts = "01493 452452"\n')
    (tmp_path / "post.txt").write_text("Call 01493 452452\n")
    result = run_cli("check", "post.txt", cwd=tmp_path)
    assert result.code == 2
    assert "socialpolicy.toml:2" in result.err and "allow.contacts" in result.err


@given(st.text(alphabet=st.sampled_from(list("ab1 #_[]()atdo.\u00a0\u200b\uff11@")), max_size=60),
       st.booleans())
def test_every_normalised_character_points_into_the_original_in_order(text, file_name):
    norm = normalise(text, file_name)
    assert len(norm.origin) == len(norm.text)
    assert list(norm.origin) == sorted(norm.origin)
    assert all(0 <= i < len(text) for i in norm.origin)
    for start in range(len(norm.text)):
        s, e = norm.span(start, len(norm.text))
        assert 0 <= s <= e <= len(text)
