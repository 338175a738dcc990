"""Reports must not leak what they found: every format, through the real command."""

from __future__ import annotations

import pytest

from socialpolicy.masking import mask

# Private identifiers only: the Trust's own switchboard is quoted in the rule's advice.
SECRETS = {
    "nhs": "943 476 5919",
    "nhs digits": "4765919",
    "mobile": "07700 900123",
    "mobile digits": "900123",
    "email": "jane.smith1975@gmail.com",
    "mrn": "J1234567",
    "dob": "14/03/1931",
    "nino": "JG 10 37 59 A",
    "name": "Jenkins",
    # a relative's car and a hospital number written with spaces: masked in
    # patient-identifier's own evidence and in named-person-consent's quoted sentence
    "registration": "VN68 PXO",
    "registration letters": "PXO",
    "spaced mrn": "229 1874",
}

CALENDAR = """posts:
  - id: p1
    platform: twitter
    text: "Thanks Sarah Jenkins! NHS number 943 476 5919, ring her daughter on 07700 900123"
  - id: p2
    platform: facebook
    text: "Contact jane.smith1975@gmail.com about MRN: J1234567, DOB 14/03/1931, NI number JG 10 37 59 A"
  - id: p3
    platform: facebook
    text: "Thanks Sarah Jenkins for moving your son's car, registration VN68 PXO. His hospital number is K 229 1874."
"""


def _formats() -> list[str]:
    from socialpolicy.reports import FORMATS

    return list(FORMATS)


def test_mask_keeps_shape_not_content():
    assert mask("943 476 5919") == "*** *** ****"
    assert mask("Jane Smith") == "J*** S****"


@pytest.mark.parametrize(("value", "masked"), [
    ("12/03/1985", "**/**/****"),       # not the day of birth
    ("1985-03-12", "****-**-**"),       # not the decade
    ("14 Acacia Avenue", "** A***** A*****"),  # not the house number
    ("J1234567", "J*******"),
])
def test_masks_keep_nothing_that_could_identify(value, masked):
    assert mask(value) == masked


@pytest.mark.parametrize("fmt", _formats())
def test_no_identifier_appears_in_any_format(run_cli, tmp_path, fmt):
    (tmp_path / "calendar.yaml").write_text(CALENDAR)
    result = run_cli("check", "--format", fmt, "calendar.yaml", cwd=tmp_path)
    assert result.code == 1, result
    for what, secret in SECRETS.items():
        assert secret not in result.out, f"{what} leaked in {fmt} stdout"
        assert secret not in result.err, f"{what} leaked in {fmt} stderr"


def test_show_evidence_shows_them(run_cli, tmp_path):
    (tmp_path / "calendar.yaml").write_text(CALENDAR)
    result = run_cli("check", "--format", "json", "--show-evidence", "calendar.yaml", cwd=tmp_path)
    for secret in ("943 476 5919", "07700 900123", "jane.smith1975@gmail.com", "J1234567",
                   "14/03/1931", "VN68 PXO", "K 229 1874"):
        assert secret in result.out


def test_words_no_dictionary_has_are_the_ones_a_quote_masks():
    from socialpolicy.redact import redactor_for

    text = ("Zorvathi O'Kennuro-Lind's mum said bukola on Ward 4 was kind and apologised. "
            "JPUH and PALS are at https://www.jpuh.nhs.uk and we'll call.")
    found = [text[s:e] for s, e in redactor_for().unknown_words(text)]
    # Made-up names with their possessive; not ordinary words, acronyms or addresses, nor a
    # lower-case word in a post written with capitals
    assert found == ["Zorvathi", "O'Kennuro-Lind's"]
    casual = "zorvathi on ward 4 was kind"
    assert [casual[s:e] for s, e in redactor_for().unknown_words(casual)] == ["zorvathi"]
    # An acronym is a name only when the whole text shouts
    assert redactor_for().unknown_words("CALL ZORVATHI") == []


# Issue 11 §6: only the personal data is masked. A staff role or a title before a name says
# who the person is, not which person, and stays readable; the caret line is under the name.
ROLES_POST = ("---\nplatform: linkedin\n---\nCongratulations to Staff Nurse Priya Raman from Ward 7 "
              "on her award. Sister Jones retires today.\n")


def test_a_role_before_a_name_stays_readable_and_the_caret_is_under_the_name(run_cli, tmp_path):
    (tmp_path / "post.md").write_text(ROLES_POST)
    out = run_cli("check", "post.md", cwd=tmp_path).out
    assert "Priya" not in out and "Raman" not in out and "Jones" not in out
    line = next(x for x in out.splitlines() if "Congratulations" in x)
    assert "Congratulations to Staff Nurse P**** R**** from Ward 7" in line
    assert "Sister J**** retires" in line
    caret = out.splitlines()[out.splitlines().index(line) + 1]
    assert caret.index("^") == line.index("P****") and caret.count("^") == len("P**** R****")


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_evidence_and_excerpt_keep_the_role_in_json_and_sarif(run_cli, tmp_path, fmt):
    (tmp_path / "post.md").write_text(ROLES_POST)
    out = run_cli("check", "--format", fmt, "post.md", cwd=tmp_path).out
    assert "Priya" not in out and "Raman" not in out and "Jones" not in out
    assert '"evidence": "Nurse P**** R****"' in out and '"evidence": "Sister J****"' in out
    assert "Congratulations to Staff Nurse P**** R**** from Ward 7" in out


def test_show_evidence_still_shows_the_whole_name(run_cli, tmp_path):
    (tmp_path / "post.md").write_text(ROLES_POST)
    out = run_cli("check", "--format", "json", "--show-evidence", "post.md", cwd=tmp_path).out
    assert '"evidence": "Nurse Priya Raman"' in out and "Sister Jones retires" in out


def test_titles_and_a_rules_roles_stay_showing_before_a_masked_name():
    # The masking module alone, with no engine: a title, or a role a rule lists, opens
    # the name and stays; a span that is nothing but a title is masked whole.
    from socialpolicy.redact import TitlesAndRoles, apply_masks

    roles = TitlesAndRoles(["healthcare  assistant"])
    text = "Thanks to Healthcare Assistant Priya Raman and Mrs Olive Parfitt, and Sister."
    spans = [(text.index("Healthcare"), text.index(" and")),
             (text.index("Mrs"), text.index(",")), (text.index("Sister"), len(text) - 1)]
    masked = apply_masks(text, roles.names_only(text, spans))
    assert "Healthcare Assistant P**** R****" in masked and "Mrs O**** P******" in masked
    assert "Sister" not in masked
    assert "Healthcare Assistant P" not in apply_masks(text, TitlesAndRoles().names_only(text, spans))
