"""A consent entry covers its own person under the names colleagues call them (session 10,
names2): nicknames from the shipped list ("Peggy" for Margaret), short forms alone in a
later sentence, and a nickname the post sets inside the full name; never anyone else."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from socialpolicy.pii.names import matches_any, name_parts, with_nicknames

ROOT = Path(__file__).resolve().parent.parent


def people(linter, text: str, **meta: object) -> list[str]:
    return [f.evidence for f in linter.check_text(text, **meta)]


def test_a_nickname_beside_the_surname_is_the_consenting_person(names) -> None:
    text = "Thank you to Becky Thurlow and Bill Oakes for running the blood drive."
    consent = [{"name": "Rebecca Thurlow"}, {"name": "William Oakes"}]
    assert people(names, text, consent=consent) == []
    assert people(names, text, consent=consent[:1]) == ["Bill Oakes"]


def test_a_short_form_alone_later_in_the_post_is_covered(names) -> None:
    text = "Farewell to Bernard Loades after 35 years in Estates. Bernie fixed every boiler!"
    assert people(names, text, consent=[{"name": "Bernard Loades"}]) == []


def test_a_nickname_set_inside_the_full_name_is_that_persons(names) -> None:
    text = 'Meet our theatre lead, Chukwuemeka "Emeka" Obi. Emeka has 15 years in theatres.'
    assert people(names, text, consent=[{"name": "Chukwuemeka Obi"}]) == []
    assert people(names, text) != []


def test_a_nickname_never_covers_someone_with_another_surname(names) -> None:
    text = "Peggy Southgate and Peggy Rudd knitted 400 blankets for our neonatal unit."
    assert people(names, text, consent=[{"name": "Margaret Southgate"}]) == ["Peggy Rudd"]


def test_a_short_form_in_another_language_is_covered_by_its_own_full_name(names) -> None:
    # session 11 (names5): short forms kept by hand in training/nicknames/other-languages.txt
    text = "Gosia from pharmacy stores has kept us stocked all winter. Thanks Gosia!"
    assert people(names, text, consent=[{"name": "Małgorzata Wrona"}]) == []
    assert people(names, text, consent=[{"name": "Magdalena Wrona"}]) != []
    assert matches_any("Katya", [name_parts("Yekaterina Orlova")], alone=True)
    assert not matches_any("Katya", [name_parts("Karolina Orlova")], alone=True)


def test_a_public_figures_surname_is_no_cover_for_a_short_name_alone() -> None:
    figures = [name_parts("Aneurin Bevan")]
    assert not matches_any("Bev", figures)
    assert matches_any("Bev", [name_parts("Beverley Ames")], alone=True)
    assert not matches_any("Bev", [name_parts("Beverley Ames")])


def test_quoted_nicknames_join_only_their_own_entry() -> None:
    entries = with_nicknames([name_parts("Folasade Adeyemi"), name_parts("Tom Reeve")],
                             'Folasade "Fola" Adeyemi and Tom Reeve')
    assert "fola" in entries[0] and "fola" not in entries[1]


def test_the_shipped_nickname_list_says_where_it_comes_from() -> None:
    lines = (ROOT / "socialpolicy" / "data" / "nicknames.txt").read_text(encoding="utf-8").splitlines()
    header = [line for line in lines if line.startswith("#")]
    assert any("nicknames package" in line and "Apache" in line for line in header)
    assert int(header[-1].split()[1]) == len(lines) - len(header)


def test_the_shipped_nickname_list_rebuilds_the_same() -> None:
    pytest.importorskip("nicknames")
    done = subprocess.run([sys.executable, str(ROOT / "training" / "nicknames" / "build.py"),
                           "--check"], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
