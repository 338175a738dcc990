"""Names written the ways people write them (session 4): double-barrelled and accented
first names, first names of the communities the Trust serves, a reply speaking to the
person it answers, and a name that opens a school's or a club's name."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from socialpolicy.pii.people import fold_name, given_names, is_given

ROOT = Path(__file__).resolve().parent.parent


def people(linter, text: str, **meta: object) -> list[str]:
    return [f.evidence for f in linter.check_text(text, **meta)]


def test_accents_and_apostrophes_fold_as_the_lists_hold_names() -> None:
    assert fold_name("Seán") == "sean"
    assert fold_name("D’Arcy") == "darcy"
    assert fold_name("ZOË") == "zoe"


def test_a_double_barrelled_first_name_is_given_when_each_part_is() -> None:
    known = frozenset({"mary", "beth", "jo", "anne"})
    assert is_given("Mary-Beth", known) and is_given("Jo-Anne", known)
    assert not is_given("Mary-Smithson", known)  # a surname after the hyphen
    assert not is_given("Well-Being", known)


def test_first_names_beyond_the_us_census_are_known() -> None:
    # Polish, Twi, Irish, Romanian and Lithuanian first names from the shipped list.
    assert {"tomasz", "kwabena", "siobhan", "mihaela", "dovydas"} <= given_names()
    # Common English words never come in with them.
    assert not {"sad", "forum", "comfort", "car", "park"} & given_names()


@pytest.mark.parametrize(("text", "who"), [
    ("Huge congratulations to Mary-Beth Ollerton on her award.", "Mary-Beth Ollerton"),
    ("Thanks to Seán Ó Briain from the fracture clinic for his talk.", "Seán Ó Briain"),
    ("Huge thanks to Lily-Rose Tennant for organising the bake sale.", "Lily-Rose Tennant"),
])
def test_double_barrelled_and_accented_names_are_people(names, text: str, who: str) -> None:
    assert people(names, text) == [who]


@pytest.mark.parametrize("text", [
    "Congratulations Priyanka! Wishing you all the best.",
    "Well done Priyanka, great result!",
    "Aww thank you Priyanka! We'll pass this on.",
    "It was a pleasure, Priyanka. Best wishes to you both.",
])
def test_a_reply_may_speak_to_the_person_it_answers(names, text: str) -> None:
    answered = {"author": "Priyanka Shah", "text": "Thank you to the maternity team!"}
    assert people(names, text, reply_to=answered) == []


def test_a_reply_still_may_not_name_someone_else(names) -> None:
    answered = {"author": "Marjorie Platt", "text": "Thank you for looking after my husband."}
    text = "It was a pleasure, Marjorie. We hope Clive's new hip is behaving itself!"
    assert people(names, text, reply_to=answered) == ["Clive"]


def test_the_same_words_are_a_person_when_not_a_reply_to_them(names) -> None:
    assert people(names, "Well done Priyanka Shah, great result!") == ["Priyanka Shah"]


@pytest.mark.parametrize("text", [
    "Parents from Cliff Park Ormiston Academy visited the children's ward.",
    "Pupils from Edward Worlledge Ormiston Academy sang at our Christmas service.",
    "Thank you to Jane Smith Memorial Fund donors for the new chairs.",
])
def test_a_name_that_opens_a_school_or_fund_name_is_not_a_person(names, text: str) -> None:
    assert people(names, text) == []


def test_the_shipped_name_list_says_where_it_comes_from() -> None:
    head = (ROOT / "socialpolicy" / "data" / "given-names.txt").read_text(encoding="utf-8")
    lines = head.splitlines()
    header = [line for line in lines if line.startswith("#")]
    assert any("Faker" in line and "MIT" in line for line in header)
    count = int(header[-1].split()[1])
    assert count == len(lines) - len(header)


def test_the_shipped_name_list_rebuilds_the_same() -> None:
    pytest.importorskip("faker")
    done = subprocess.run([sys.executable, str(ROOT / "training" / "given_names" / "build.py"),
                           "--check"], capture_output=True, text=True, check=False)
    if "differs" in done.stdout and "Faker" in done.stdout:
        pytest.skip("another Faker version is installed")  # pragma: no cover
    assert done.returncode == 0, done.stdout + done.stderr
