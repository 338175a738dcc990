"""patient-identifier warns when details together could identify a patient with no name
(the ICO's motivated intruder), and stays quiet on posts about groups (issue 11 item 4):
those are cases in tests/cases/patient-identifier.yaml (ids indirect.group-*)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def pid(make_linter):
    return make_linter(select=("patient-identifier",))


@pytest.mark.parametrize("text", [
    "A 34-year-old man from Bradwell was admitted with stab wounds last night and is in a stable condition.",
    "Our thoughts are with the family of the patient who died on Ward 9 yesterday.",
    "A pensioner, 82, from Hemsby was airlifted to us after a fall in her garden.",
    "We are caring for a baby from Martham with an ultra-rare genetic disorder.",
])
def test_details_that_together_identify_someone_are_a_warning(pid, text):
    [finding] = pid.check_text(text)
    assert finding.severity == "warning"
    assert "motivated intruder" in finding.message


# Consent is per person (issue 11): a consent entry for the colleague a post thanks does not
# cover the patient it names beside her, with an age, a village and what happened.
PATIENT_BESIDE_NURSE = ("Mrs Olive Parfitt, 83, from Hopton, thanked Sister Agnes Blyth for the "
                        "care she had on Ward 2 after her stroke in November.")


def test_consent_for_the_nurse_leaves_the_named_patient_reported(pid):
    findings = pid.check_text(PATIENT_BESIDE_NURSE, consent=[{"name": "Agnes Blyth"}])
    assert [f.detector for f in findings] == ["named-patient-age-and-place"]


def test_consent_for_the_patient_herself_silences_it(pid):
    assert pid.check_text(PATIENT_BESIDE_NURSE, consent=[
        {"name": "Agnes Blyth"}, {"name": "Olive Parfitt", "form": "CP-2026-4410"}]) == []


def test_consent_for_a_named_baby_covers_the_family_story_only_for_that_baby(pid):
    text = "Baby Orla was stillborn on 9 October. Her parents want to thank our bereavement midwives."
    assert pid.check_text(text, consent=[{"name": "Orla Gunton", "form": "CP-2026-5120"}]) == []
    [finding] = pid.check_text(text, consent=[{"name": "Jade Gunton", "form": "CP-2026-5121"}])
    assert "motivated intruder" in finding.message
