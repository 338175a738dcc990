"""named-person-consent reports a person only on evidence, says whom it took them to be,
and lets a reply greet the person it answers (issue 11 items 1-3, 7). Places, services,
campaigns, roles and seasons that are not people are cases in tests/cases/named-person-consent.yaml."""

from __future__ import annotations

import pytest


def found(linter, text: str, **meta: object) -> list[tuple[str, str, str]]:
    return [(f.evidence, f.severity, f.message) for f in linter.check_text(text, **meta)]


PEOPLE = [
    "Wishing Margaret Thompson a speedy recovery after her hip surgery",
    "Hiroshi Tanaka visited our stroke unit to thank the team.",
    "Thanks to our porter Dave for finding the ring.",
    "Meet Tomasz, one of our international nurses, who joined the respiratory ward this spring.",
    "Eve Smith ran the Norwich half marathon for our charity.",
    "Mr. O'Connor called the ward about his appointment.",
]


@pytest.mark.parametrize("text", PEOPLE)
def test_a_name_with_evidence_is_still_a_person(names, text):
    assert len(found(names, text)) == 1


@pytest.mark.parametrize("text", [
    "Congratulations to Staff Nurse Priya Raman from Ward 7 on her award. Patients described her as kind and calm.",
    "Sister Jones, who retires today after 40 years on our Stroke Unit, will be missed.",
    "Big thanks to porter Dave Rix, who found a lost wedding ring on the cardiac ward.",
    "Nurse Practitioner Sam Cooper will lead the new minor injuries clinic.",
    "Huge thanks to Mohammed Al-Rashid for 25 years in our pharmacy team.",
    "Thanks to Olu Adeyemi from our estates team for fixing the ward heating.",
    "Sister Jones, 62, retires today after 40 years on our stroke ward.",
])
def test_staff_named_with_their_role_are_colleagues_not_patients(names, text):
    [(_, severity, message)] = found(names, text)
    assert severity == "warning"
    assert "colleague" in message and "patient" not in message


@pytest.mark.parametrize("text", [
    "Wishing Margaret Thompson a speedy recovery after her hip surgery",
    "Our nurses cared for John Peters on the cardiac unit for three weeks; he's home now.",
    "Ivy, 92, celebrated her birthday on Ward 5 with the team.",
    "Jack Wilson from Ward 8 wants to thank the nurses who looked after him.",
])
def test_a_patient_in_a_post_about_care_is_an_error_that_says_so(names, text):
    [(_, severity, message)] = found(names, text)
    assert severity == "error"
    assert "patient or a relative" in message


def test_a_member_of_the_public_outside_health_is_a_warning_that_says_so(names):
    [(_, severity, message)] = found(names, "Thank you Kwame Mensah for running the Norwich half marathon.")
    assert severity == "warning"
    assert "member of the public" in message


REPLY = {"reply_to": {"author": "Sarah Miles", "text": "My appointment was cancelled again"}}


@pytest.mark.parametrize("text", [
    "Hi Sarah, we're sorry to hear that. Please contact PALS on 01493 453240.",
    "Sarah, please contact our PALS team so we can look into this.",
    "Thanks Sarah Miles for your message, we have passed it on.",
])
def test_a_reply_may_greet_the_person_it_answers(names, text):
    assert found(names, text, **REPLY) == []


def test_anything_more_about_the_person_answered_is_still_caught(names):
    [(evidence, severity, _)] = found(names, "We know Sarah Miles was admitted last week.", **REPLY)
    assert evidence == "Sarah Miles" and severity == "error"
    # A greeting is only for the person answered: anyone else is still a finding.
    assert found(names, "Hi Jane, please contact PALS.", **REPLY)


def test_the_same_person_is_reported_once_per_post(names):
    text = "Jane Smith from Bradwell visited today. Jane said the staff were wonderful."
    assert [e for e, _, _ in found(names, text)] == ["Jane Smith"]
    assert len(found(names, "Sister Amy Jones and Sister Jones's team won the award.")) == 1


@pytest.mark.parametrize("meta, severity", [
    ({"poll": {"question": "Should Margaret Thompson be our Patient of the Year after her surgery?",
               "options": ["Yes", "No"]}}, "error"),
    ({"media": [{"file": "ward.jpg", "alt": "Staff Nurse Priya Raman at the nurses' station"}]}, "warning"),
])
def test_names_in_polls_and_alt_text_are_found_too(names, meta, severity):
    [(_, found_severity, _)] = found(names, "Something for the weekend", **meta)
    assert found_severity == severity


def test_a_person_in_the_text_and_the_alt_text_is_reported_once(names):
    meta = {"media": [{"file": "ward.jpg", "alt": "Jane Smith with her certificate"}]}
    assert len(found(names, "Well done Jane Smith from Bradwell!", **meta)) == 1
