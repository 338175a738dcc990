"""Names and contact details in generic sentences (issue 11, session 14): forms, bookings,
emails, CVs and customer-service messages write personal data in ways hospital posts
rarely do; what a user sees reported, and what stays silent."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from conftest import found

from socialpolicy.engine import Linter
from socialpolicy.pii.checksum import iban_valid, luhn_valid


@pytest.fixture(scope="module")
def details(make_linter: Callable[..., Linter]) -> Linter:
    """patient-identifier alone, evidence unmasked (the tests compare what it found)."""
    linter: Linter = make_linter(select=("patient-identifier",), show_evidence=True)
    return linter


def test_check_digits_of_cards_and_ibans() -> None:
    assert luhn_valid("4934 5218 9932 4634") and not luhn_valid("4934 5218 9932 4635")
    assert not luhn_valid("0000 0000 0000 0000")  # one digit over and over is no card
    assert iban_valid("GB82 WEST 1234 5698 7654 32") and iban_valid("NL30SOLN1792074327")
    assert not iban_valid("GB82 WEST 1234 5698 7654 33")


@pytest.mark.parametrize(("text", "what"), [
    ("I paid with card 4934 5218 9932 4634 and still have no confirmation.", "4934 5218 9932 4634"),
    ("Card: 3714-496353-98431, expiry next May.", "3714-496353-98431"),
    ("Please refund to IBAN GB82 WEST 1234 5698 7654 32, account name on file.",
     "GB82 WEST 1234 5698 7654 32"),
    ("Transfer the rent to NL30SOLN1792074327 on the first of the month.", "NL30SOLN1792074327"),
])
def test_a_card_number_or_a_bank_account_is_reported(details: Linter, text: str, what: str) -> None:
    assert found(details, text) == [what]


@pytest.mark.parametrize("text", [
    "Card 4934 5218 9932 4635 was declined.",  # the Luhn check fails: no card's number
    "Donations to the charity's appeal account, IBAN GB82 WEST 1234 5698 7654 32, are welcome.",
    "Never share a card number such as 4934 5218 9932 4634 in a message.",
])
def test_numbers_that_are_no_ones_card_or_account_stay_silent(details: Linter, text: str) -> None:
    assert found(details, text) == []


def test_a_card_number_is_masked_in_the_report(make_linter: Callable[..., Linter]) -> None:
    linter = make_linter(select=("patient-identifier",))
    (finding,) = linter.check_text("My card number is 4934 5218 9932 4634, please refund it.")
    assert finding.evidence == "**** **** **** ****"
    assert "4934" not in (finding.excerpt or "")


@pytest.mark.parametrize(("text", "what"), [
    ("The taxi will collect her from Studio 9, Jade Springs, Wrightview N2D 7WR at 6am.",
     "Studio 9, Jade Springs, Wrightview N2D 7WR"),
    ("Parcel for 150 Morrison Ports Apt. 576, South Juanstad, OH 88129 was left at the wrong door.",
     "150 Morrison Ports Apt. 576, South Juanstad, OH 88129"),
])
def test_an_address_with_a_full_postcode_or_zip_is_reported_whatever_the_street(
        details: Linter, text: str, what: str) -> None:
    assert found(details, text) == [what]


@pytest.mark.parametrize("text", [
    "Send the forms to jameswilliams@example.net by Friday.",
    "Reservation holder, contact abreuisabella77@example.com.",
    "Write to sunnydays77@hotmail.com.au about the flat.",  # webmail abroad
])
def test_a_persons_mailbox_is_reported(details: Linter, text: str) -> None:
    assert len(found(details, text)) == 1


@pytest.mark.parametrize("text", [
    "Email radiologybookings@example.net to move your scan.",
    "Questions to carolservice@example.org please.",
])
def test_a_teams_mailbox_stays_silent(details: Linter, text: str) -> None:
    assert found(details, text) == []


@pytest.mark.parametrize(("text", "what"), [
    ("Please call me on (591) 341-7776, I have been waiting two weeks.", "(591) 341-7776"),
    ("Text me on 678.371.9104 when you land.", "678.371.9104"),
    # an extension after the number, as US forms write it
    ("You can reach me at (310)392-4834x3526 any evening.", "(310)392-4834x3526"),
    # an area code nobody has been given (555, 294) is still a number written to be rung
    ("His number is +1-555-337-2153 if the office is shut.", "+1-555-337-2153"),
    ("Call me on 001-335-504-9258 after six.", "001-335-504-9258"),
    # ten bare digits in North America's shape, said to be someone's number to ring (an NHS
    # number is never that; were it one, it would be personal data all the same)
    ("Please call me on 2762779951 about it.", "2762779951"),
])
def test_a_north_american_number_given_as_someones_is_reported(details: Linter, text: str,
                                                               what: str) -> None:
    assert found(details, text) == [what]


@pytest.mark.parametrize("text", [
    "Our income grew 206-269-0743 in the report.",  # that shape, but no one's number
    "Quote reference 2762779951 on the form.",  # ten bare digits and nobody's number to ring
    "Batch 555-337-2153x12 was recalled by the supplier.",  # that shape with an extension, no one's
])
def test_a_north_american_shape_without_a_person_stays_silent(details: Linter, text: str) -> None:
    assert found(details, text) == []


@pytest.mark.parametrize(("text", "what"), [
    ("Emergency contact: Taylor Yu (029 2018 0379)", "029 2018 0379"),
    ("Selling my car, message Blake on (0116) 4960004.", "0116) 4960004"),
])
def test_a_landline_given_as_a_persons_is_reported(details: Linter, text: str, what: str) -> None:
    (evidence,) = found(details, text)
    assert what in evidence


@pytest.mark.parametrize(("text", "who"), [
    # one person: the form's two labels give the parts of one name (tests/test_names_records.py)
    ("First name: Richard. Surname: Walters. Mobile to follow.", ["Richard. Surname: Walters"]),
    ("Table for four under the name Kowalczyk, 7.30pm Saturday.", ["Kowalczyk"]),
    ("Your appointment with Mr van der Kaay is at 3pm on Tuesday.", ["Mr van der Kaay"]),
    ("As discussed with Ms de Koning on the phone, I attach the form.", ["Ms de Koning"]),
    ("Member S. Davies, renewal due next month.", ["S. Davies"]),
    ("Applicant T. Amato has five years' experience in logistics.", ["T. Amato"]),
    ("Guest Mark Toms checked in late and asked for extra towels.", ["Mark Toms"]),
    ("Can you give Guus a lift to the station tomorrow?", ["Guus"]),
    # Indian first names that neither the census nor Faker's en_IN list has, where the model
    # gives no PERSON either (after an imperative at the start of a sentence)
    ("Contact Rahul Deshpande for the meeting notes.", ["Rahul Deshpande"]),
    ("Ask Deepak Kulkarni about the rota.", ["Deepak Kulkarni"]),
])
def test_names_written_on_forms_and_bookings_are_people(names: Linter, text: str,
                                                        who: list[str]) -> None:
    assert found(names, text) == who


@pytest.mark.parametrize("text", [
    "Shares in Rodrigues SA fell sharply after the announcement.",
    "Lemoine et Fils opened a new bakery on the High Street.",
    "Shares in Bruno e figli fell sharply after the announcement.",
    "Head of Sales at Néstor Amorós Cabo S.A. since 2019.",
    "The new chairs came from Kowalski Nowak GmbH last week.",
    "Car Park B. Level 2 is closed for resurfacing.",
    # a street or a town inside an address is the address's (patient-identifier's)
    "Please update my address to 819 Malcolm Views, North Rachel N7S 1ES.",
    "Billing address: 829 Rosales Forges, Davidhaven, KY 82173.",
])
def test_firms_and_labels_are_not_people(names: Linter, text: str) -> None:
    assert found(names, text) == []


@pytest.mark.parametrize(("text", "who"), [
    # a public title written last, after a first name, is a surname
    ("I spoke to Natalie Pope yesterday about the invoice.", ["Natalie Pope"]),
    ("Thanks again, Joshua King!", ["Joshua King"]),
    ("Helen Bishop joined the quiz team.", ["Helen Bishop"]),
    ("Please forward this to Mr Graham Bishop before Friday.", ["Mr Graham Bishop"]),
])
def test_a_surname_that_is_also_a_title_is_a_person(names: Linter, text: str, who: list[str]) -> None:
    assert found(names, text) == who


@pytest.mark.parametrize("text", [
    "King Charles visited Great Yarmouth.",  # the title before the name: a public figure
    "Peter Aldous MP visited the ward.",  # a title written after a name
])
def test_a_public_figure_with_a_title_stays_silent(names: Linter, text: str) -> None:
    assert found(names, text) == []


@pytest.mark.parametrize(("text", "who"), [
    # a degree, a registration or a generation after a name: still the person
    ("We interviewed Carla Hughes MD for the role.", "Carla Hughes"),
    ("We interviewed Cindy Green PhD for the role.", "Cindy Green"),
    ("Theodor Hendriks B.Sc. will join the call at noon.", "Theodor Hendriks"),
    ("Nicholas Mendoza IV will join the call.", "Nicholas Mendoza"),
    ("Carla Hughes Jr. will join the call.", "Carla Hughes"),
])
def test_letters_after_a_name_do_not_hide_it(names: Linter, text: str, who: str) -> None:
    (evidence,) = found(names, text)
    assert evidence.startswith(who)


@pytest.mark.parametrize(("text", "who"), [
    # the next field of a form, run into the name by the model, is not part of it
    ("Patient: Jane Smith DOB 01/02/1990", ["Jane Smith"]),
    ("Patient name: Amaka Nwosu-Ike  NHS no. 4857773456", ["Amaka Nwosu-Ike"]),
    ("Cardholder: Lakshmi Fernando-Rajapakse / Card: 4111 1111 1111 1111 / Exp 03/28", ["Lakshmi Fernando-Rajapakse"]),
])
def test_a_name_before_the_next_field_of_a_form_is_found(names: Linter, text: str, who: list[str]) -> None:
    assert found(names, text) == who


@pytest.mark.parametrize(("text", "who"), [
    # a first name that is also a word, opening a letter, is the person written to
    ("Dear Joy, your order has shipped.", ["Joy"]),
    ("Dear Grace, thank you for your letter.", ["Grace"]),
])
def test_a_word_name_in_a_letters_salutation_is_a_person(names: Linter, text: str, who: list[str]) -> None:
    assert found(names, text) == who


def test_a_salutation_to_no_one_stays_silent(names: Linter) -> None:
    assert found(names, "Dear Santa, please bring snow for the children's ward.") == []
