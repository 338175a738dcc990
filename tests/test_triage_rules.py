"""Triage categories and reply templates as data (rules/triage/): every category's
examples hold, every reply passes the rule pack, and no reply can repeat a message."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from socialpolicy.config import DEFAULT_CONTACTS, Config
from socialpolicy.engine import Linter
from socialpolicy.errors import RuleError
from socialpolicy.triage import Message, Triage
from socialpolicy.triage.categories import CATEGORIES, load_categories
from socialpolicy.triage.replies import load_replies

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.held_out import development  # noqa: E402

DEV = ROOT / "tests" / "corpus" / "triage-dev.yaml"
# Later development batches (session 4), each measured before it was tuned on.
# triage-fresh3.yaml was held out in session 6 and is development data from session 7;
# triage-fresh4.yaml likewise from session 8, triage-fresh5.yaml and triage-fresh6.yaml from session 9,
# triage-fresh7.yaml for the session-10 urgent pass, triage-fresh8.yaml and triage-fresh2.yaml for
# the session-10 urgent2 pass, triage-fresh9.yaml for the lead's last session-10 pass.
# Whatever tests/corpus/HELD_OUT lists is left out before any file is opened.
DEV_BATCHES = tuple(development(
    [DEV, *sorted((ROOT / "tests" / "corpus").glob("triage-dev-*.yaml")),
     *(ROOT / "tests" / "corpus" / f"triage-fresh{n}.yaml" for n in (3, 4, 5, 6, 7, 8, 9, 2))]))


@pytest.fixture(scope="module")
def triage() -> Triage:
    return Triage(Linter(Config(), rules=[], jobs=1))


CATEGORY_FILES = sorted((ROOT / "rules" / "triage" / "categories").glob("*.yaml"))


def _category_data() -> list[dict[str, Any]]:
    return [c for path in CATEGORY_FILES
            for c in yaml.safe_load(path.read_text("utf-8"))["categories"]]


def _examples() -> list[tuple[str, str, bool]]:
    out = []
    for category in _category_data():
        examples = category.get("examples") or {}
        out += [(category["id"], text, True) for text in examples.get("match", [])]
        out += [(category["id"], text, False) for text in examples.get("no_match", [])]
    return out


EXAMPLES = _examples()


def test_every_category_is_defined_with_enough_examples() -> None:
    data = _category_data()
    assert sorted(c["id"] for c in data) == sorted(CATEGORIES)
    for category in data:
        examples = category["examples"]
        assert len(examples["match"]) >= 5 and len(examples["no_match"]) >= 5, category["id"]
        assert category["clause"]["quote"] and category["action"]


@pytest.mark.parametrize(("category", "text", "expected"), EXAMPLES,
                         ids=[f"{c}-{'match' if e else 'no'}-{i}" for i, (c, _, e) in enumerate(EXAMPLES)])
def test_category_examples(triage: Triage, category: str, text: str, expected: bool) -> None:
    names, _, failures = triage.categorise(Message("x", text))
    assert not failures
    assert (category in names) == expected, f"{category} {'missed' if expected else 'wrongly given'}: {names}"


@pytest.mark.parametrize("path", DEV_BATCHES, ids=lambda p: p.name)
def test_every_emergency_of_the_development_sets_is_urgent(triage: Triage, path: Path) -> None:
    messages = yaml.safe_load(path.read_text("utf-8"))["messages"]
    urgent = [m for m in messages if "urgent" in m["categories"]]
    # Session 10's batches are an inbox's mix for the other categories, with a few
    # emergencies each; the earlier batches hold 20 or more.
    assert len(urgent) >= (3 if path.name.startswith("triage-dev-s10") else 20)
    missed = [m["id"] for m in urgent
              if "urgent" not in triage.categorise(Message(m["id"], m["text"]))[0]]
    assert missed == []


def test_development_set_is_varied_and_labelled_with_known_categories() -> None:
    messages = yaml.safe_load(DEV.read_text("utf-8"))["messages"]
    assert len(messages) >= 150
    assert len({m["id"] for m in messages}) == len(messages)
    for m in messages:
        assert set(m["categories"]) <= set(CATEGORIES) and m["categories"], m["id"]
        assert m["priority"] in ("urgent", "high", "normal", "low")
    per_category = {c: sum(c in m["categories"] for m in messages) for c in CATEGORIES}
    assert min(per_category.values()) >= 8, per_category
    assert sum(len(m["categories"]) > 1 for m in messages) >= 30


def test_emergency_reply_whatever_else_the_message_says(triage: Triage) -> None:
    text = ("Disgusting service, waited 6 hours, and now my dad has crushing chest pain, "
            "my number is 07700 900123")
    [item] = triage.run([Message("m1", text)])
    assert item.priority == "urgent" and item.categories[0] == "urgent"
    assert item.reply is not None
    assert "999" in item.reply and "111" in item.reply and "116 123" in item.reply


def _clinical_question() -> str:
    return "I've had chest pain and a rash since yesterday, should I take ibuprofen?"


@pytest.mark.parametrize("template", load_replies(Config()).templates, ids=lambda t: t.id)
def test_every_reply_passes_check_as_a_reply_on_x(
    make_linter: Callable[..., Linter], template
) -> None:
    """A suggested reply is itself a post: it must pass the whole pack, as a reply on X
    (280 characters) to a clinical question (so it must signpost without advising)."""
    text = template.render(DEFAULT_CONTACTS)
    if text is None:
        pytest.skip("this template says: do not reply")
    config = Config(allow_contacts=tuple(DEFAULT_CONTACTS.values()))
    linter = make_linter(config)
    findings = linter.check_text(text, platform="twitter", reply_to={"text": "Any news?"})
    assert [f"{f.rule}: {f.message}" for f in findings] == []
    # If this template is the one a clinical message beside its categories gets, it must
    # also signpost without advising, as the reply to a clinical question.
    replies = load_replies(Config())
    if replies.choose([*template.when, "clinical"]) is template:
        reply_to = {"author": "@someone", "text": _clinical_question()}
        findings = linter.check_text(text, platform="twitter", reply_to=reply_to)
        assert [f"{f.rule}: {f.message}" for f in findings] == []


def test_replies_use_the_configured_contacts_and_never_the_message(tmp_path: Path) -> None:
    contacts = {**DEFAULT_CONTACTS, "pals_phone": "01493 000111", "pals_email": "help@pals.example"}
    linter = Linter(Config(contacts=contacts), rules=[], jobs=1)
    text = "My NHS number is 943 476 5919 and the nurse was rude, Jane Smith, 07700 900123"
    [item] = linter.triage([Message("c1", text)])
    assert "complaint" in item.categories and "personal-data" in item.categories
    assert item.reply is not None
    assert "01493 000111" in item.reply and "help@pals.example" in item.reply
    for secret in ("943 476 5919", "07700 900123", "Jane", "Smith"):
        assert secret not in item.reply


def test_a_category_file_with_an_unknown_rule_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "categories.yaml"
    bad.write_text(
        "categories:\n"
        "  - id: clinical\n"
        "    clause: {policy: JPUH-BUSM, section: '5.0(9)', quote: q}\n"
        "    detect:\n"
        "      - rule: no-such-rule\n", encoding="utf-8")
    with pytest.raises(RuleError) as info:
        load_categories(Config(), bad)
    assert "no-such-rule" in str(info.value) and ":5" in str(info.value)


def test_a_reply_naming_an_unknown_contact_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "replies.yaml"
    bad.write_text(
        "replies:\n"
        "  - id: general\n"
        "    when: []\n"
        "    clause: {policy: HWUSM, section: Monitoring, quote: q}\n"
        "    text: Call {ceo_mobile}\n", encoding="utf-8")
    with pytest.raises(RuleError, match="ceo_mobile"):
        load_replies(Config(), bad)


def test_a_category_may_reuse_an_earlier_categorys_detectors_but_not_a_later_one(
    tmp_path: Path
) -> None:
    clause = "    clause: {policy: JPUH-BUSM, section: '5.0(9)', quote: q}\n"
    first = ("categories:\n  - id: urgent\n" + clause +
             "    detect:\n      - kind: pattern\n        patterns: ['\\bcollapsed\\b']\n")
    (tmp_path / "01-urgent.yaml").write_text(first, encoding="utf-8")
    (tmp_path / "02-clinical.yaml").write_text(
        "categories:\n  - id: clinical\n" + clause +
        "    detect:\n      - category: urgent\n        detectors: [0]\n", encoding="utf-8")
    urgent, clinical = load_categories(Config(), tmp_path)
    assert clinical.detectors[0] is urgent.detectors[0]
    triage = Triage(Linter(Config(), rules=[], jobs=1), categories=[urgent, clinical])
    assert triage.categorise(Message("m", "Dad has collapsed"))[0] == ["urgent", "clinical"]
    (tmp_path / "00-early.yaml").write_text(
        "categories:\n  - id: spam\n" + clause +
        "    detect:\n      - category: urgent\n", encoding="utf-8")
    with pytest.raises(RuleError) as info:
        load_categories(Config(), tmp_path)
    assert "00-early.yaml" in str(info.value) and "urgent" in str(info.value)


def test_a_firm_detector_is_not_vetoed_by_the_categorys_model(tmp_path: Path) -> None:
    # A model whose veto drops nearly every cue (0.99): the plain detector's hit is dropped,
    # the firm one's stays, and a firm that is not true or false is refused with its line.
    clause = "    clause: {policy: JPUH-BUSM, section: '5.0(14)', quote: q}\n"
    def category(firm: str) -> str:
        return ("categories:\n  - id: complaint\n" + clause +
                "    model: {name: triage-complaint, add: 1.0, veto: 0.99}\n"
                "    detect:\n      - kind: pattern\n" + firm +
                "        patterns: ['\\blove\\s+that\\s+for\\s+us\\b']\n")
    linter = Linter(Config(), rules=[], jobs=1)
    message = Message("m", "the lift is out again, love that for us")
    for firm, given in (("", False), ("        firm: true\n", True)):
        path = tmp_path / f"complaint{len(firm)}.yaml"
        path.write_text(category(firm), encoding="utf-8")
        triage = Triage(linter, categories=load_categories(Config(), path))
        assert ("complaint" in triage.categorise(message)[0]) is given
    path = tmp_path / "bad.yaml"
    path.write_text(category("        firm: yes please\n"), encoding="utf-8")
    with pytest.raises(RuleError) as info:
        load_categories(Config(), path)
    assert "firm" in str(info.value) and "bad.yaml" in str(info.value)
