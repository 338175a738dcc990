"""One person per form (issue 11 item 7): a surname and a first name a form gives under
separate labels in one record are one person, reported once with both parts masked and
the labels left readable; two people's records stay two findings; a later mention of a
person already reported is masked wherever the report quotes the post."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from socialpolicy.engine import Linter

ROOT = Path(__file__).resolve().parent.parent
FORM = "Surname: Walters, first name Bethany, date of birth 03/04/1987"


@pytest.fixture(scope="module")
def masked(make_linter: Callable[..., Linter]) -> Linter:
    """named-person-consent alone, as a user sees it: evidence masked."""
    linter: Linter = make_linter(select=("named-person-consent",))
    return linter


def people(linter: Linter, text: str) -> list[str]:
    return [f.evidence or "" for f in linter.check_text(text)]


def test_a_form_line_with_surname_and_first_name_is_one_person(masked: Linter) -> None:
    [finding] = masked.check_text(FORM)
    # Both parts masked, the label between them readable, the caret under both.
    assert finding.evidence == "W******, first name B******"
    assert finding.excerpt == "Surname: W******, first name B******, date of birth **/**/****"
    assert (finding.column, finding.end_column) == (10, 37)


def test_show_evidence_shows_the_whole_record(names: Linter) -> None:
    assert people(names, FORM) == ["Walters, first name Bethany"]


@pytest.mark.parametrize(("text", "evidence"), [
    # the given name first, labels in capitals
    ("Bus pass handed in. FORENAME: Grzegorz SURNAME: Wiśniewski.", "G******* SURNAME: W*********"),
    # a record over two lines
    ("The tag on the stick reads\nLast name: Thirkettle\nFirst name: Doreen",
     "T********* First name: D*****"),
    # separated by a slash, a middle name between
    ("Surname: Achterberg / Forename: Willemijn / Middle name: Johanna / Ward: 4",
     "A********* / Forename: W******** / Middle name: J******"),
    # a name in capitals on a badge
    ("Visitor badge found: SURNAME HALVORSEN FIRST NAME INGRID. Please ask at reception.",
     "H******** FIRST NAME I*****"),
])
def test_records_in_other_shapes_are_one_person(masked: Linter, text: str, evidence: str) -> None:
    assert people(masked, text) == [evidence]


@pytest.mark.parametrize("text", [
    "Surname: Walters, first name Bethany; surname: Okafor, first name Chidi.",
    "First name: Bethany\nSurname: Walters\nDate of birth: 03/04/1987\n\nFirst name: Chidi\nSurname: Okafor",
])
def test_two_peoples_records_are_two_findings(masked: Linter, text: str) -> None:
    assert len(people(masked, text)) == 2


def test_a_relative_sharing_the_surname_is_another_person(masked: Linter) -> None:
    text = "Surname: Walters, first name Bethany. Next of kin: surname Walters, first name Gareth."
    findings = masked.check_text(text)
    assert [f.evidence for f in findings] == ["W******, first name B******", "W******, first name G*****"]
    # No quote of the post shows either surname.
    assert all("Walters" not in (f.excerpt or "") for f in findings)


def test_a_name_apart_from_the_record_is_still_its_own_person(masked: Linter) -> None:
    # A date of birth between the surname and the first name: not one record's two parts.
    assert len(people(masked, "Surname: Walters, date of birth unknown, first name Bethany")) == 2
    assert people(masked, "Surname: Walters. Meet Chidi Okafor, our new porter.") == ["W******", "C**** O*****"]


def test_a_later_mention_of_the_same_person_is_masked_in_the_quote(masked: Linter) -> None:
    [finding] = masked.check_text("Surname: Walters, first name Bethany. Thanks Bethany for handing it in.")
    assert "Bethany" not in (finding.excerpt or "")
    assert finding.excerpt == "Surname: W******, first name B******. Thanks B****** for handing it in."


@pytest.mark.parametrize("text", [
    "Your first name MUST match the name on your passport.",
    "Write your surname IN CAPITALS on the sign-in sheet, please.",
    "When you fill in the form, write your surname first, then your first name.",
])
def test_form_instructions_name_nobody(masked: Linter, text: str) -> None:
    assert people(masked, text) == []


def test_check_reports_the_form_once_and_masked() -> None:
    """The command a user runs: one named-person-consent finding, nothing unmasked."""
    done = subprocess.run(
        [sys.executable, "-m", "socialpolicy", "check", "--format", "json", "-"],
        input=FORM, capture_output=True, text=True, cwd=ROOT, check=False,
    )
    assert done.returncode == 1, done.stderr
    found = json.loads(done.stdout)["findings"]
    named = [f for f in found if f["rule"] == "named-person-consent"]
    assert [f["evidence"] for f in named] == ["W******, first name B******"]
    assert "Walters" not in done.stdout and "Bethany" not in done.stdout


def test_surname_comma_first_name_after_a_whole_names_label_is_one_person(masked: Linter) -> None:
    assert people(masked, "Patient: Kowalczyk, Zofia. Hospital number to follow.") == ["K********, Z****"]
    # a list of people after thanks stays a list
    assert len(people(masked, "Huge thanks to Bethany Walters, Chidi Okafor and Tomasz Nowak!")) == 3


def test_no_rule_quotes_a_later_mention_unmasked(make_linter: Callable[..., Linter]) -> None:
    """Another rule's quoted sentence masks the person's second mention too."""
    linter: Linter = make_linter(select=("named-person-consent", "patient-identifier"))
    text = ("Thank you to Doreen Pratt's son for the card - Doreen, 91, from Hemsby, was with us "
            "on Ward 5 after her fall on 2 March.")
    findings = linter.check_text(text)
    assert {f.rule for f in findings} == {"named-person-consent", "patient-identifier"}
    assert all("Doreen" not in (f.evidence or "") + (f.excerpt or "") for f in findings)
