"""People health news names in a public role, and headline words that are no one
(named-person-consent): officials of public bodies, a congressman, a headline's
capitalised pair, an account greeted by the name its handle spells."""

from __future__ import annotations

import pytest
from conftest import found

from socialpolicy.engine import Linter

# ``names`` (named-person-consent alone, evidence unmasked) is tests/conftest.py's.


@pytest.mark.parametrize("text", [
    "CDC Director Dr. Tom Frieden says the outbreak is under control",
    ".@Julie_Appleby talks with former HHS official Gary Cohen about narrow networks",
    "Right now listening to the former head of CMS Don Berwick",
    "NHS England's new chief executive Amanda Pritchard visited the hospital today",
    "WHO Director-General Dr Tedros Adhanom warned of a pandemic",
    "Norfolk County Council leader Kay Mason Billig opened the unit",
    "Dives deeper into Rep. Waxman's retirement",
    "Watch CDC's Dr. Anne Schuchat discuss this year's flu vaccine",
    "NHS England's Professor Stephen Powis said waits are falling",
])
def test_an_official_of_a_public_body_named_in_that_role_is_a_public_figure(
        names: Linter, text: str) -> None:
    assert found(names, text) == []


@pytest.mark.parametrize(("text", "who"), [
    # the Trust is no public body of the list: its directors need consent
    ("Our director Jane Smith visited Ward 5", ["Jane Smith"]),
    ("JPUH chief executive Anna Davies met staff today", ["Anna Davies"]),
    # "who" in lower case is no World Health Organization
    ("Thanks to the nurse who chief Jane Smith praised", ["Jane Smith"]),
    # a body named after the person is no office before the name
    ("Thanks to Jane Smith from the CDC for visiting", ["Jane Smith"]),
    # a union's rep at work is a colleague, not a congressman
    ("Our Unison Rep Dave Smith is on the ward today", ["Dave Smith"]),
    ("Speak to your rep. Dave Smith is on Ward 4", ["Dave Smith"]),
    # the Trust's own titled staff are no public body's
    ("Watch JPUH's Dr Jane Smith talk about our stroke unit", ["Dr Jane Smith"]),
])
def test_a_private_person_beside_such_words_is_still_named(names: Linter, text: str, who: list[str]) -> None:
    assert found(names, text) == who


@pytest.mark.parametrize("text", [
    "As Ebola Ping-Pongs In Liberia, Cases Disappear Into The Jungle",
    "As 'Bodega Clinicas' Fill Void, Health Officials Are Torn.",
    # a headline's label is read with the headline it opens
    "Arabian Coronavirus: Plot Thickens But Virus Lies Low",
    "Microbiome Candy: Could A Probiotic Mint Help Prevent Cavities?",
])
def test_a_headline_s_capitalised_pair_no_first_name_opens_is_no_one(names: Linter, text: str) -> None:
    assert found(names, text) == []


def test_a_headline_still_names_a_person_with_a_first_name(names: Linter) -> None:
    assert found(names, "Contemplating Brittany Maynard's Final Choice On The Ward") == ["Brittany Maynard"]


def test_an_account_greeted_by_the_name_its_handle_spells_is_the_one_answered(names: Linter) -> None:
    assert found(names, "@marionnestle Hi Marion! Our diet rankings are out, we'd love your feedback") == []
    # ... not a name the handle does not spell, nor one spoken about, nor their own care
    assert found(names, "@kezza_lowestoft Hi Kerry, thanks for your message") == ["Kerry"]
    assert found(names, "@marionnestle Thanks to Marion for visiting the ward") == ["Marion"]
    assert found(names, "@janesmith99 Hi Jane, sorry your biopsy results are late") == ["Jane"]


def test_a_headline_names_a_public_figure_by_surname_alone(names: Linter) -> None:
    assert found(names, "Debate Over Repealing Health Care Law Is Over, Obama Says http://n.pr/x") == []
    # ... but a surname alone in an ordinary sentence, or after thanks, is still someone
    assert found(names, "Debate over the law is over, Kowalczyk says, after her scan on Ward 4") == [
        "Kowalczyk"]


def test_a_published_piece_s_byline_is_its_author_not_a_private_person(names: Linter) -> None:
    assert found(names, "Why the NHS needs more nurses | Jane Doe http://gu.com/p/4abc/tw") == []
    assert found(names, "Why the NHS needs more nurses | Jane Doe") == []
    # a name after a bar with more of the post after it is no byline
    assert found(names, "Patients | Jane Doe was discharged today") == ["Jane Doe"]


@pytest.mark.parametrize("text", [
    "Nurse In Maine Breaches Quarantine With Bike Ride",  # a headline's words after a title
    "Obamacare Thrives In San Francisco's Chinatown",  # a place's name's second word
    "Fentanyl drug abuse deaths spike in B.C.'s Fraser region",  # before a word only regions are
])
def test_a_headline_s_title_or_a_region_s_name_is_no_one(names: Linter, text: str) -> None:
    assert found(names, text) == []


def test_the_same_word_as_a_person_s_name_is_still_theirs(names: Linter) -> None:
    assert found(names, "Thanks to Fraser on reception for finding my purse") == ["Fraser"]
    assert found(names, "Congratulations to Nurse Jones on her award") == ["Nurse Jones"]
    # an initial or a first name that is a small word too, after a title
    assert found(names, "Thank you to Dr A. B. Oxley and the renal team") == ["Dr A. B. Oxley"]
    assert found(names, "Thanks to Mr An Nguyen for his help on the ward") == ["Mr An Nguyen"]


@pytest.mark.parametrize("text", [
    "Rob Ford set to have cancer surgery in early May http://www.cbc.ca/news/canada/toronto/rob-ford",
    "Jeremy Hunt: NHS must change, says health secretary http://bbc.in/1abcDEF",
    "Amber Vinson says she wasn't trained properly https://www.reuters.com/article/x",
])
def test_a_shared_news_report_in_the_third_person_names_the_outlet_s_people(
        names: Linter, text: str) -> None:
    assert found(names, text) == []


@pytest.mark.parametrize("text", [
    "Harley Lawrence's death spreads mental health awareness http://bit.ly/1bFSwq4",
    "Dr. George Doodnaught faces sex assault verdict today http://bit.ly/1apcW8y",
    "Scott Stossel: Dealing with a lifetime of extreme anxiety https://ow.ly/1j0UDcJ",
    "RT @richardzussman: Dr. Perry Kendall says the province is watching two cases",
    "MT @reporter: Ezekiel Emanuel says insurers will be gone by 2025",
    # a quoted "we" or "I" is the quoted person's voice, not the poster's
    'Martha Zarway of Monrovia: "I\'m a doctor. So we can\'t run away" http://n.pr/1rzfM2c',
    "'We were turned away twice', says Amber Vinson's mother https://www.reuters.com/article/x",
])
def test_a_report_shared_through_a_short_link_or_a_retweet_names_someone_else_s_people(
        names: Linter, text: str) -> None:
    # no word of the Trust's own voice or news: someone else's report, passed on
    assert found(names, text) == []


@pytest.mark.parametrize(("text", "who"), [
    # the Trust's own voice: its patient in the paper is still someone to ask
    ("Lovely to see our patient Jane Smith in the EDP today https://www.edp24.co.uk/news/jane",
     ["Jane Smith"]),
    ("I was so proud to read about Jane Smith https://www.edp24.co.uk/news/jane", ["Jane Smith"]),
    # a link that is no news outlet's, or an address that only ends like one
    ("Jane Smith, 45, thanks ward staff https://www.jpaget.nhs.uk/news/jane", ["Jane Smith"]),
    ("Jane Smith was admitted to Ward 5 http://xn.pr/abc", ["Jane Smith"]),
    ("Congratulations to Jane Smith! Read more http://bit.ly/abc", ["Jane Smith"]),
    # a short link or a retweet with the Trust's own news in it: its patient, its ward, its name
    ("Patient Jane Smith shares her story of recovery http://bit.ly/abc", ["Jane Smith"]),
    ("Jane Smith was admitted to Ward 5 on Tuesday http://bit.ly/abc", ["Jane Smith"]),
    ("Jane Smith praises James Paget staff http://ow.ly/abc", ["Jane Smith"]),
    ("RT @EDP24: Gorleston mum Jane Smith gives birth to triplets", ["Jane Smith"]),
    ("RT @janesmith: We had a lovely stay, thank you Tom Brown!", ["Tom Brown"]),
    # the poster's own "we" outside the quotation, or the Trust's thanks inside it
    ('"A lovely man", we all agree: Jane Smith retires http://bit.ly/abc', ["Jane Smith"]),
    ("Jane Smith: 'thank you to everyone at James Paget' http://bit.ly/abc", ["Jane Smith"]),
])
def test_a_post_in_its_own_voice_or_without_an_outlet_s_link_is_still_read(
        names: Linter, text: str, who: list[str]) -> None:
    assert found(names, text) == who


def test_a_name_in_a_shared_report_is_still_masked_in_every_other_rule_s_report(linter: Linter) -> None:
    text = "Amber Vinson says the training was shit http://www.cbc.ca/news/world/amber-vinson-says"
    findings = linter.check_text(text)
    assert "named-person-consent" not in {f.rule for f in findings}
    shown = [f for f in findings if f.rule == "offensive-content"]
    assert shown and all("Amber" not in str(f.excerpt) and "Vinson" not in str(f.excerpt) for f in shown)
