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


# The Trust's own names are one shared list (rules/vocab/everyday-words.yaml, trust_names):
# another Trust's copy of the rule names itself in its own vocab/ folder, and a patient who
# walked out of that hospital is an appeal, as one who walked out of the James Paget is here.
APPEAL = "Have you seen this man? Aged about 60 with a grey beard, he walked out of {} at 3am."


def test_a_patient_who_left_the_trusts_hospital_is_an_appeal(pid):
    assert {f.detector for f in pid.check_text(APPEAL.format("the James Paget"))} == {"patient-appeal"}
    assert pid.check_text(APPEAL.format("the pub")) == []


def _trust_copy(folder, vocab: str | None):
    """A Trust's copy of patient-identifier in ``folder``, with its own vocab/ when given
    (each its own folder: the program reads a folder's vocabularies once)."""
    from pathlib import Path

    rules = folder / "rules"
    (rules / "vocab").mkdir(parents=True)
    pack = Path(__file__).resolve().parent.parent / "rules"
    (rules / "patient-identifier.yaml").write_text(
        (pack / "patient-identifier.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    if vocab is not None:
        (rules / "vocab" / "trust.yaml").write_text(vocab)
    (folder / "socialpolicy.toml").write_text('rule_paths = ["rules"]\n')
    (folder / "post.md").write_text("---\nplatform: facebook\n---\n" + APPEAL.format("NNUH") + "\n")
    return folder


def test_another_trust_names_itself_in_one_list(run_cli, tmp_path):
    plain = _trust_copy(tmp_path / "copied", None)
    assert run_cli("check", "--select", "patient-identifier", "post.md", cwd=plain).code == 0
    named = _trust_copy(tmp_path / "named", "description: Our Trust's own names.\nlists:\n"
                        "  trust_names: ['norfolk\\s+and\\s+norwich', nnuh]\n")
    after = run_cli("check", "--select", "patient-identifier", "--format", "json", "post.md", cwd=named)
    assert after.code == 1 and '"detector": "patient-appeal"' in after.out, after


# Session 16 (pident16): the dated event beside a name, an age and a village need not be a
# harm; consent for that person still silences it.
STUDY = "Mr Edwin Pye, 71, from Stokesby, joined our knee replacement study on 2 May."


def test_a_named_persons_age_village_and_dated_event_is_reported_even_without_harm(pid):
    assert [f.detector for f in pid.check_text(STUDY)] == ["named-patient-age-and-place"]
    assert pid.check_text(STUDY, consent=[{"name": "Edwin Pye", "form": "CP-2026-7001"}]) == []


def test_a_school_after_the_place_is_not_where_a_named_child_lives(pid):
    assert pid.check_text("Well done to Lucy Barnes, aged 9, from Acle Primary, who raised £200 "
                          "for our children's ward over Easter.") == []


# A named baby's day of birth with the weight is a date of birth: consent to be named does not
# cover it, and the finding leaves the post's other identifiers reported beside it.
BABY = "Welcome to the world, baby Noah! Born on 8 May weighing 8lb 1oz. Ring his nan on 07700 900123."


def test_a_named_babys_day_of_birth_is_reported_with_the_posts_other_identifiers(pid):
    found = pid.check_text(BABY, consent=[{"name": "Noah Leggett", "form": "CP-2026-7002"}])
    assert {f.detector for f in found} == {"named-baby-birth-date", "patient-details"}
    assert pid.check_text("A baby boy born on 8 May weighed 8lb 1oz.") == []
