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
