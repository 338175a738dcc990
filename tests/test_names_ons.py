"""First names given to babies in England and Wales (ONS, session 15, issue 11): names of
the communities the census and Faker lists missed are found in a sentence with no other
cue, while words, brands and places that some babies are named stay silent."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import found

from socialpolicy.cache import package_data_fingerprint
from socialpolicy.engine import Linter
from socialpolicy.pii.people import SHIPPED_NAME_LISTS, given_names

ROOT = Path(__file__).resolve().parent.parent
ONS = ROOT / "socialpolicy" / "data" / "given-names-ons.txt"


@pytest.fixture(scope="module")
def names(make_linter: Callable[..., Linter]) -> Linter:
    """named-person-consent alone, evidence unmasked (the tests compare the names it found)."""
    linter: Linter = make_linter(select=("named-person-consent",), show_evidence=True)
    return linter


@pytest.mark.parametrize(("text", "who"), [
    # Each was silent before: a first name no list had, after an imperative that the
    # language model gives no PERSON either.
    ("Ask Dilys Pritchard about the rota.", ["Dilys Pritchard"]),  # Welsh
    ("Ask Olusegun Bakare about the rota.", ["Olusegun Bakare"]),  # Yoruba
    ("Ask Ifeoluwa Ogunleye about the rota.", ["Ifeoluwa Ogunleye"]),  # Yoruba
    ("Contact Amadou Diallo for the meeting notes.", ["Amadou Diallo"]),  # West African
    ("Contact Denzel Campbell for the meeting notes.", ["Denzel Campbell"]),  # Caribbean
])
def test_first_names_of_communities_born_here_are_people(names: Linter, text: str,
                                                         who: list[str]) -> None:
    assert found(names, text) == who


@pytest.mark.parametrize("text", [
    "Aren't the new hanging baskets lovely?",  # "Aren" is a name too, and a contraction's stem
    "Ice Lolly Friday is here, free lollies in the main entrance!",
    "Heartburn again? Try Rennie and speak to your pharmacist.",
    "The Bluebell Woods trail reopens after the storm.",
])
def test_words_and_brands_some_babies_are_given_stay_silent(names: Linter, text: str) -> None:
    assert found(names, text) == []


def test_the_list_brings_names_but_no_common_words() -> None:
    assert {"nusrat", "khaled", "dilys", "gerwyn", "olusegun", "tendai"} <= given_names()
    ons = {line for line in ONS.read_text(encoding="utf-8").splitlines()
           if line and not line.startswith("#")}
    # given to babies, but words, brands, places or contractions first ("Will", "Hope",
    # "May" come from the census list, and count before a surname only: also_words)
    assert not {"aren", "lolly", "bluebell", "rennie", "ashby", "lexus", "rehab", "logon",
                "blue", "river", "storm", "legend", "will", "hope", "may", "ward", "bay",
                "grace"} & ons


def test_the_ons_list_says_where_it_comes_from_and_how_many() -> None:
    lines = ONS.read_text(encoding="utf-8").splitlines()
    header = [line for line in lines if line.startswith("#")]
    text = " ".join(header)
    assert "Office for" in text and "Open" in text and "Government Licence v3.0" in text
    assert "rossbowen/babynames" in text and "@ " in text
    assert int(header[-1].split()[1]) == len(lines) - len(header)
    assert ONS.name in SHIPPED_NAME_LISTS


def test_an_edited_ons_list_changes_the_result_cache_key() -> None:
    assert any(path == "data/given-names-ons.txt" for path, _ in package_data_fingerprint())


def test_the_ons_list_rebuilds_the_same() -> None:
    if importlib.util.find_spec("xlrd") is None:
        pytest.skip("xlrd (build-time only) is not installed")
    done = subprocess.run([sys.executable, str(ROOT / "training" / "given_names" / "ons.py"),
                           "--check"], capture_output=True, text=True, check=False)
    if "is not mirrored" in done.stderr:
        pytest.skip("the ONS workbooks are not mirrored here")  # pragma: no cover
    assert done.returncode == 0, done.stdout + done.stderr
