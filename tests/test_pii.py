"""patient-identifier and named-person-consent: what a communications officer would see."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialpolicy.config import Config
from socialpolicy.engine import Linter
from socialpolicy.nlp import Language
from socialpolicy.pii.checksum import allowed, contact_key, nhs_number_valid
from socialpolicy.pii.names import matches_any, name_parts

PII_RULES = ("patient-identifier", "named-person-consent")


def _check_digit(nine: str) -> int | None:
    check = 11 - sum(int(d) * w for d, w in zip(nine, range(10, 1, -1), strict=True)) % 11
    return None if check == 10 else check % 11


@pytest.fixture(scope="module")
def pii(make_linter):
    return make_linter(select=PII_RULES, show_evidence=True)


def rules_hit(linter: Linter, text: str, **meta: object) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for f in linter.check_text(text, **meta):
        out.setdefault(f.rule, []).append(f.evidence)
    return out


@given(st.text("0123456789", min_size=9, max_size=9))
def test_checksum_accepts_exactly_the_right_check_digit(nine):
    check = _check_digit(nine)
    for digit in range(10):
        assert nhs_number_valid(nine + str(digit)) == (digit == check)


def test_contact_keys_ignore_spacing_case_and_country_code():
    keys = frozenset({contact_key("01493 452452"), contact_key("Lowestoft Road, Gorleston NR31 6LA")})
    assert allowed("+44 (0)1493 452 452", keys)
    assert allowed("01493452452", keys)
    assert allowed("nr31 6la", keys)
    assert not allowed("01493 452453", keys)


def test_names_match_titles_first_names_and_possessives():
    consent = [name_parts("Sister Amy Jones"), name_parts("Dr Raj Patel")]
    assert matches_any("Sister Jones", consent)
    assert matches_any("Amy's", consent)
    assert matches_any("DR PATEL", consent)
    assert not matches_any("Amy Smith", consent)
    assert not matches_any("Dr", consent)


@pytest.mark.parametrize("text, entity_word", [
    ("Patient NHS number 943 476 5919 is ready", "NHS number"),
    ("Please call the ward about 943-476-5919", "NHS number"),
    ("His NHS no. is 9434765919", "NHS number"),
    ("MRN: J1234567 ready for discharge", "hospital number"),
    ("Her date of birth is 14/03/1931", "date of birth"),
    ("Visiting Jack in bed 4 on Ward 12", "ward and bed"),
    ("Ring his mum on 07700 900123", "phone"),
    ("Contact me at jane.smith@gmail.com", "email"),
    ("NI number JG 10 37 59 A", "National Insurance"),
])
def test_identifiers_are_errors_with_a_plain_message(pii, text, entity_word):
    findings = [f for f in pii.check_text(text) if f.rule == "patient-identifier"]
    assert findings, text
    assert findings[0].severity == "error"
    assert entity_word.lower() in findings[0].message.lower()


@pytest.mark.parametrize("text, address", [
    # The next sentence's first word is not part of the address (it was: "8 Saxon Gardens. Is").
    ("Mrs Patel went home to 8 Saxon Gardens. Is anyone free to visit her?", "8 Saxon Gardens."),
    ("Mr Green lives at 23 Beccles Road. He is recovering well", "23 Beccles Road."),
    # A town after a comma, or straight after the street, still is.
    ("Send cards to her at 14 Beccles Rd., Gorleston please", "14 Beccles Rd., Gorleston"),
    ("Send cards to her at 14 Beccles Road Gorleston please", "14 Beccles Road Gorleston"),
])
def test_an_address_quote_stops_where_the_address_does(pii, text, address):
    found = rules_hit(pii, text).get("patient-identifier", [])
    assert address in found, found


def test_nhs_number_is_not_also_reported_as_a_phone_number(pii):
    findings = pii.check_text("NHS number 943 476 5919")
    assert len([f for f in findings if f.rule == "patient-identifier"]) == 1


def test_config_allow_contacts_are_never_reported(make_linter):
    config = Config(allow_contacts=("07700 900123",))
    linter = make_linter(config, select=PII_RULES)
    assert "patient-identifier" not in rules_hit(linter, "Ring our on-call team on 07700900123")


def test_named_person_without_consent_warns_and_with_consent_is_clean(pii):
    text = "Congratulations to Sister Jones on her award"
    assert [f.severity for f in pii.check_text(text) if f.rule == "named-person-consent"] == ["warning"]
    consented = pii.check_text(text, consent=[{"name": "Sister Amy Jones"}])
    assert not [f for f in consented if f.rule == "named-person-consent"]


def test_named_person_in_a_health_post_is_an_error(pii):
    findings = pii.check_text("Wishing Margaret Thompson well after her surgery on the ward")
    named = [f for f in findings if f.rule == "named-person-consent"]
    assert named and named[0].severity == "error"


def test_public_figures_from_config_are_clean(make_linter):
    linter = make_linter(Config(allow_public_figures=("Anna Davis",)), select=PII_RULES)
    assert "named-person-consent" not in rules_hit(linter, "Our chair ANNA DAVIS opened the unit")


def test_hashtags_and_handles_are_not_names(pii):
    assert "named-person-consent" not in rules_hit(pii, "Thank you #JaneSmith and @JamesPagetNHS")


def test_evidence_is_masked_without_show_evidence(make_linter):
    linter = make_linter(select=PII_RULES)
    findings = linter.check_text("NHS number 943 476 5919 for Sarah Jenkins")
    evidence = " ".join(f.evidence for f in findings)
    assert "*** *** ****" in evidence
    assert "476" not in evidence and "Jenkins" not in evidence


def test_without_a_model_identifiers_still_work_and_names_are_off():
    language = Language("no_such_model_installed")
    linter = Linter(Config(), select=PII_RULES, language=language)
    found = rules_hit(linter, "Thanks Sarah Jenkins, NHS number 943 476 5919")
    assert "patient-identifier" in found
    assert "named-person-consent" not in found


def test_require_ner_without_a_model_exits_2_with_one_clear_line(cli, tmp_path, monkeypatch):
    # A broken install, as if the model package had been uninstalled after socialpolicy.
    monkeypatch.setattr("socialpolicy.nlp.find_model", lambda name: None)
    (tmp_path / "post.txt").write_text("Thanks Sarah, NHS number 943 476 5919\n")
    soft = cli("check", "post.txt", cwd=tmp_path)
    assert soft.code == 1
    assert "name detection is off" in soft.err and "Traceback" not in soft.err
    hard = cli("check", "--require-ner", "post.txt", cwd=tmp_path)
    assert hard.code == 2
    assert "name detection is off" in hard.err and "Traceback" not in hard.err


def test_selecting_post_length_imports_neither_spacy_nor_presidio(tmp_path, modules_after_check):
    draft = tmp_path / "post.txt"
    draft.write_text("Hello from the James Paget, NHS number 943 476 5919\n")
    loaded, output = modules_after_check(["--select", "post-length", str(draft)],
                                         ("spacy", "presidio_analyzer"))
    assert loaded == [], output


def test_json_report_never_contains_the_identifier(cli, tmp_path):
    draft = tmp_path / "post.txt"
    draft.write_text("NHS number 943 476 5919\n")
    result = cli("check", "--format", "json", "--select", "patient-identifier", str(draft))
    report = json.loads(result.out)
    assert report["findings"] and "476" not in result.out + result.err


def test_a_names_only_run_loads_only_the_components_names_need():
    from socialpolicy.nlp import components_for

    names_only = Linter(Config(), select=("patient-identifier", "named-person-consent"))
    assert components_for(names_only.needs) == {"tok2vec", "ner"}
    # medical-advice has token patterns on lemmas: the tagger and lemmatizer come too.
    medical = Linter(Config(), select=("medical-advice",))
    assert {"tagger", "attribute_ruler", "lemmatizer"} <= components_for(medical.needs)
    assert "ner" not in components_for(medical.needs)


def test_token_patterns_ask_for_the_components_their_attributes_need():
    from socialpolicy.kinds.base import BuildContext
    from socialpolicy.kinds.tokens import TokenDetector

    build = BuildContext(rule_id="r", source="r.yaml", config=Config())
    assert TokenDetector({"patterns": [[{"LOWER": "take"}]]}, build).needs == {"nlp"}
    assert TokenDetector({"patterns": [[{"POS": "VERB"}]]}, build).needs == {"nlp", "tagger"}
    assert TokenDetector({"patterns": [[{"DEP": "nsubj"}, {"LEMMA": "be"}]]}, build).needs == {
        "nlp", "parser", "lemmatizer"}


def test_a_shared_list_s_spelled_out_spaces_are_spaces_in_not_names(tmp_path):
    # Shared vocabularies are written for regular expressions ("boat\s+people"); a pii
    # rule's not_names reads them as words, so the phrase must be the two words.
    from socialpolicy.kinds.base import BuildContext
    from socialpolicy.kinds.pii.filters import read_filters
    from socialpolicy.vocab import Vocabulary

    vocab = Vocabulary(lists={"groups": (r"boat\s+people", r"day\s*trippers", "gorleston")})
    build = BuildContext(rule_id="r", source="r.yaml", config=Config(), vocab=vocab)
    f = read_filters({"not_names": ["{{groups}}"]}, [], tmp_path, build)
    assert frozenset({"boat", "people"}) in f.not_name_phrases
    assert frozenset({"day", "trippers"}) in f.not_name_phrases
    assert "gorleston" in f.not_names and "s" not in f.not_names
