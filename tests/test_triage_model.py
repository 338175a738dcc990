"""Learned category models beside triage's cues (rules/triage/categories/*.yaml ``model:``):
a model adds its category when the cues are silent, removes a weak cue's category, never
removes urgent, and its evidence is masked like the rest of the message."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from socialpolicy.classifiers import file_sha256, read_card
from socialpolicy.config import Config
from socialpolicy.engine import Linter
from socialpolicy.errors import RuleError
from socialpolicy.triage import Message, Triage
from socialpolicy.triage.categories import load_categories

ROOT = Path(__file__).resolve().parent.parent
CLAUSE = "    clause: {policy: JPUH-BUSM, section: '5.0', quote: q}\n"


def _category(tmp_path: Path, cid: str, pattern: str, model: str, priority: str = "normal") -> Path:
    path = tmp_path / "categories.yaml"
    path.write_text(
        f"categories:\n  - id: {cid}\n    priority: {priority}\n" + CLAUSE +
        f"    detect:\n      - kind: pattern\n        patterns: ['{pattern}']\n"
        f"    model: {model}\n", encoding="utf-8")
    return path


def _triage(path: Path, show: bool = False) -> Triage:
    linter = Linter(Config(), rules=[], jobs=1, show_evidence=show)
    return Triage(linter, categories=load_categories(Config(), path))


COMPLAINT = ("I waited four hours in the corridor and nobody explained anything, the "
             "receptionist just shrugged at me")


def test_the_model_adds_its_category_when_the_cues_are_silent(tmp_path: Path) -> None:
    silent = r"\bzzqqxx\b"
    path = _category(tmp_path, "complaint", silent, "{name: triage-complaint, add: 0.01}")
    names, found, _ = _triage(path).categorise(Message("m", COMPLAINT))
    assert names == ["complaint"]
    assert found["complaint"][0].detector == "model triage-complaint"
    # at a threshold no score reaches, the same message is left alone
    path = _category(tmp_path, "complaint", silent, "{name: triage-complaint, add: 1.0}")
    assert _triage(path).categorise(Message("m", COMPLAINT))[0] == []


def test_the_model_vetoes_a_weak_cue(tmp_path: Path) -> None:
    loose = r"\bthe\b"
    kept = _category(tmp_path, "complaint", loose, "{name: triage-complaint, add: 1.0}")
    assert _triage(kept).categorise(Message("m", "What time does the shop open?"))[0] == ["complaint"]
    vetoed = _category(tmp_path, "complaint", loose,
                       "{name: triage-complaint, add: 1.0, veto: 0.99}")
    assert _triage(vetoed).categorise(Message("m", "What time does the shop open?"))[0] == []


def test_an_urgent_category_model_may_never_remove_urgent(tmp_path: Path) -> None:
    path = _category(tmp_path, "urgent", r"\bcollapsed\b",
                     "{name: triage-clinical, add: 0.9, veto: 0.5}", priority="urgent")
    with pytest.raises(RuleError) as info:
        load_categories(Config(), path)
    assert "categories.yaml" in str(info.value) and "never remove" in str(info.value)
    assert ":8" in str(info.value)


@pytest.mark.parametrize(("model", "words"), [
    ("{name: no-such-model, add: 0.5}", "no-such-model"),
    ("{name: triage-complaint, add: 0.5, veto: 0.7}", "below add"),
    ("{name: triage-complaint}", "needs a name"),
    ("{name: triage-complaint, add: 0.5, limit: 3}", "unknown key 'limit'"),
])
def test_a_bad_model_block_is_refused_naming_the_file(tmp_path: Path, model: str, words: str) -> None:
    path = _category(tmp_path, "complaint", r"\bx\b", model)
    with pytest.raises(RuleError) as info:
        load_categories(Config(), path)
    assert words in str(info.value) and "categories.yaml" in str(info.value)


def test_a_category_the_model_adds_never_shows_personal_data(tmp_path: Path) -> None:
    path = _category(tmp_path, "complaint", r"\bzzqqxx\b", "{name: triage-complaint, add: 0.01}")
    text = COMPLAINT + ", ring me on 07700 900123 or email jo.bloggs@example.com"
    [item] = _triage(path).run([Message("m", text)])
    assert item.categories == ("complaint",) and item.evidence
    shown = json.dumps([item.text, [e.text for e in item.evidence], item.reply])
    assert "07700 900123" not in shown and "jo.bloggs@example.com" not in shown
    [item] = _triage(path, show=True).run([Message("m", text)])
    assert "07700 900123" in item.evidence[0].text


def test_the_shipped_categories_name_their_models_and_thresholds() -> None:
    categories = {c.id: c for c in load_categories(Config())}
    learned = {cid: c.model for cid, c in categories.items() if c.model is not None}
    assert learned, "no category has a model"
    assert categories["urgent"].model is None or categories["urgent"].model.veto == 0
    for cid, model in learned.items():
        assert model.name == f"triage-{cid}"


def test_triage_training_smoke_on_a_tiny_slice(tmp_path: Path) -> None:
    pytest.importorskip("sklearn")
    sys.path.insert(0, str(ROOT))
    import importlib

    train = importlib.import_module("training.triage.train")
    from training.common import own_bytes

    try:
        own_bytes(train.CORPUS_COMMIT, "tests/corpus/triage-dev.yaml")
    except Exception:
        pytest.skip("the pinned corpus commit is not in this clone")
    argv = sys.argv
    sys.argv = ["train.py", "--limit", "40", "--cues-now", "--out", str(tmp_path)]
    try:
        assert train.main() == 0
    finally:
        sys.argv = argv
    for category in train.MODELLED:
        card = read_card(tmp_path / f"triage-{category}.json")
        assert file_sha256(card.weights) == card.sha256
        assert any(train.CORPUS_COMMIT in d for d in card.data)
        assert not any(name in d for d in card.data for name in train.HELD_OUT)
