"""Globally known people named by full name need no consent entry (named-person-consent):
the built-in list socialpolicy/pii/famous-people.yaml, built from Pantheon 1.0 by
training/famous/build.py, switched off with allow.famous_people = false."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import found

from socialpolicy.config import Config, load_config
from socialpolicy.engine import Linter
from socialpolicy.pii import famous

ROOT = Path(__file__).resolve().parent.parent
LIST = ROOT / "socialpolicy" / "pii" / "famous-people.yaml"

# ``names`` (named-person-consent alone, evidence unmasked) is tests/conftest.py's.


@pytest.mark.parametrize("text", [
    "Barack Obama says the new law will bring health cover to millions more people.",
    "Ten years on from Angelina Jolie's double mastectomy, more women ask about BRCA testing.",
    "Michael J. Fox's foundation is funding a Parkinson's trial at our research unit.",
    "Stephen Hawking lived with motor neurone disease for more than fifty years.",
])
def test_a_famous_full_name_in_a_post_is_not_reported(names: Linter, text: str) -> None:
    assert found(names, text) == []


@pytest.mark.parametrize(("text", "who"), [
    # the same surname with another first name, a first name alone, a surname after a title
    ("Huge thanks to Laura Minogue on Ward 6 for staying late with a frightened patient.",
     ["Laura Minogue"]),
    ("Farewell Angelina! After 22 years on our switchboard she's off to enjoy retirement.",
     ["Angelina"]),
    ("Thanks to Sarah Obama on reception for finding a patient's lost ring.", ["Sarah Obama"]),
    # a famous name's words in the other order are someone else (the actor Wallace Shawn)
    ("Well done to Shawn Wallace from our portering team on his long service award.",
     ["Shawn Wallace"]),
])
def test_part_of_a_famous_name_is_still_someone_to_ask(names: Linter, text: str, who: list[str]) -> None:
    assert found(names, text) == who


@pytest.mark.parametrize("name", ["David Jones", "Chris Evans", "Paul Walker", "Michael Jackson"])
def test_a_famous_name_an_ordinary_person_shares_is_not_on_the_list(names: Linter, name: str) -> None:
    # a common first name with a common surname: left out of the list as a collision
    assert not famous.is_famous(name)
    text = f"{name} from our estates team retires this Friday after 31 years. Thank you!"
    assert found(names, text) == [name]


def test_a_trust_can_switch_the_list_off(make_linter, tmp_path: Path) -> None:
    text = "Barack Obama says the new law will bring health cover to millions more people."
    toml = tmp_path / "socialpolicy.toml"
    toml.write_text("[allow]\nfamous_people = false\n", encoding="utf-8")
    config = load_config(toml)
    assert config.allow_famous_people is False and Config().allow_famous_people is True
    off = make_linter(config, select=("named-person-consent",), show_evidence=True)
    assert found(off, text) == ["Barack Obama"]


def test_the_switch_must_be_true_or_false(run_cli, tmp_path: Path) -> None:
    (tmp_path / "socialpolicy.toml").write_text('[allow]\nfamous_people = "no"\n', encoding="utf-8")
    (tmp_path / "post.txt").write_text("hello", encoding="utf-8")
    result = run_cli("check", str(tmp_path / "post.txt"))
    assert result.code == 2 and "socialpolicy.toml" in result.err and "famous_people" in result.err


@pytest.mark.parametrize("content", [None, "people: Barack Obama\n", "people: [unclosed\n"])
def test_a_missing_or_misshapen_list_stops_the_run_naming_it(
        run_cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, content: str | None) -> None:
    broken = tmp_path / "famous-people.yaml"
    if content is not None:
        broken.write_text(content, encoding="utf-8")
    monkeypatch.setattr(famous, "PATH", broken)
    famous.famous_people.cache_clear()
    try:
        post = tmp_path / "post.txt"
        post.write_text("Barack Obama says the new law will cover millions more people.", encoding="utf-8")
        result = run_cli("check", str(post), "--select", "named-person-consent", "--no-cache")
    finally:
        famous.famous_people.cache_clear()
    assert result.code == 2, result
    assert str(broken) in result.err and "Traceback" not in result.err


def test_the_list_says_where_it_comes_from_and_is_small() -> None:
    text = LIST.read_text(encoding="utf-8")
    assert "Pantheon 1.0" in text and "training/famous/build.py" in text
    assert "  - Barack Obama\n" in text and "  - David Jones\n" not in text
    assert LIST.stat().st_size < 1_000_000


def test_the_data_card_gives_the_shipped_files_sha256() -> None:
    card = (ROOT / "training" / "famous" / "DATA.md").read_text(encoding="utf-8")
    shown = re.search(r"SHA-256\s+`([0-9a-f]{64})`", card)
    assert shown is not None
    assert shown.group(1) == hashlib.sha256(LIST.read_bytes()).hexdigest()


def test_the_list_rebuilds_the_same() -> None:
    from training.common import git_dir
    from training.famous.build import REPO

    if not git_dir(REPO).is_dir():
        pytest.skip(f"{REPO} is not mirrored here (training/famous/DATA.md)")
    done = subprocess.run([sys.executable, str(ROOT / "training" / "famous" / "build.py"), "--check"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
