"""The classifier kind: shipped models, their cards and hashes, errors, scores and laziness."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from socialpolicy.classifiers import SHIPPED, card_path, file_sha256, read_card, shipped_names
from socialpolicy.classifiers.features import FeatureConfig, featurize, featurize_many

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("name", shipped_names())
def test_each_shipped_model_matches_the_hash_in_its_card(name):
    card = read_card(SHIPPED / f"{name}.json")
    assert card.weights.is_file()
    assert file_sha256(card.weights) == card.sha256
    assert 0 < card.threshold < 1 and card.figures


def test_models_together_stay_small():
    assert sum(p.stat().st_size for p in SHIPPED.glob("*.npz")) < 60 * 1024 * 1024


def test_disguised_spelling_keeps_most_character_features():
    config = FeatureConfig()
    plain = set(featurize("you are a stupid idiot", config).indices)
    disguised = set(featurize("you are a stuuupid id1ot", config).indices)
    assert len(plain & disguised) > len(plain) / 2


TRUST_RULE = """\
id: ward-abuse
title: Abuse in a post
severity: error
clause: {{policy: JPUH-BUSM, section: "5.0(3)", quote: "Never publish content that could be considered as offensive"}}
message: This post contains abusive language.
suggestion: Remove it.
detect:
  - kind: classifier
    model: {model}
examples:
  fail: ["You are a worthless piece of shit.", "Shut up you stupid cow.", "Go back where you came from, vermin.", "I will smash your face in.", "What a pathetic useless idiot you are."]
  pass: ["Our ward opens on Monday.", "Thank you to our volunteers.", "Get your flu jab today.", "Visiting hours are 2pm to 8pm.", "Happy retirement, Sue!"]
"""


def _trust(tmp_path: Path, model: str) -> Path:
    folder = tmp_path / "trust-rules"
    folder.mkdir()
    (folder / "abuse.yaml").write_text(TRUST_RULE.format(model=model))
    (tmp_path / "socialpolicy.toml").write_text('rule_paths = ["trust-rules"]\n')
    (tmp_path / "post.txt").write_text("Lovely day on the ward.\n")
    return folder


def test_unknown_model_exits_2_naming_file_and_line(run_cli, tmp_path):
    _trust(tmp_path, "no-such-model")
    result = run_cli("check", "post.txt", "--select", "ward-abuse", cwd=tmp_path)
    assert result.code == 2, result
    assert "abuse.yaml:9" in result.err and "no-such-model" in result.err
    assert "offensive" in result.err  # says which models exist
    assert "Traceback" not in result.err


def test_corrupt_model_file_exits_2(run_cli, tmp_path):
    folder = _trust(tmp_path, "models/mine.json")
    (folder / "models").mkdir()
    shutil.copy(card_path("offensive"), folder / "models" / "mine.json")
    (folder / "models" / "offensive.npz").write_bytes(b"not a model")
    result = run_cli("check", "post.txt", "--select", "ward-abuse", cwd=tmp_path)
    assert result.code == 2, result
    assert "abuse.yaml" in result.err and "SHA-256" in result.err
    assert "Traceback" not in result.err


def test_missing_model_file_exits_2(run_cli, tmp_path):
    folder = _trust(tmp_path, "models/mine.json")
    (folder / "models").mkdir()
    shutil.copy(card_path("offensive"), folder / "models" / "mine.json")
    result = run_cli("check", "post.txt", "--select", "ward-abuse", cwd=tmp_path)
    assert result.code == 2, result
    assert "abuse.yaml" in result.err and "missing" in result.err


def test_trust_rule_may_ship_its_own_model_beside_it(run_cli, tmp_path):
    folder = _trust(tmp_path, "models/mine.json")
    (folder / "models").mkdir()
    shutil.copy(card_path("offensive"), folder / "models" / "mine.json")
    shutil.copy(SHIPPED / "offensive.npz", folder / "models" / "offensive.npz")
    (tmp_path / "post.txt").write_text("Lovely day. You are a worthless piece of shit and everyone hates you.\n")
    result = run_cli("check", "post.txt", "--select", "ward-abuse", "--format", "json", cwd=tmp_path)
    assert result.code == 1, result
    finding = json.loads(result.out)["findings"][0]
    assert finding["rule"] == "ward-abuse"
    assert "worthless" in finding["evidence"] and "Lovely day" not in finding["evidence"]
    assert 0.5 < finding["score"] <= 1


def test_score_in_json_and_sarif_but_not_text(run_cli, tmp_path):
    post = tmp_path / "post.txt"
    post.write_text("You are a worthless piece of shit and everyone hates you.\n")
    as_json = run_cli("check", str(post), "--select", "offensive-content", "--format", "json")
    scores = [f.get("score") for f in json.loads(as_json.out)["findings"]]
    assert any(s is not None and s > 0.5 for s in scores)
    sarif = json.loads(run_cli("check", str(post), "--select", "offensive-content", "--format", "sarif").out)
    assert any("score" in r["properties"] for r in sarif["runs"][0]["results"])
    text = run_cli("check", str(post), "--select", "offensive-content")
    assert "score" not in text.out.replace(str(post), "")


def test_post_length_alone_imports_no_model_and_no_sklearn(tmp_path):
    post = tmp_path / "post.txt"
    post.write_text("Hello.\n")
    code = (
        "import sys\n"
        "from socialpolicy.cli import main\n"
        f"sys.argv = ['socialpolicy', 'check', {str(post)!r}, '--select', 'post-length']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "import socialpolicy.classifiers as c\n"
        "print('sklearn' in sys.modules, 'socialpolicy.kinds.classifier' in sys.modules,"
        " c.load.cache_info().currsize)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.stdout.split()[-3:] == ["False", "False", "0"], done.stderr


def test_rules_show_prints_the_model_card(run_cli):
    result = run_cli("rules", "show", "offensive-content")
    assert result.code == 0, result
    assert "Model offensive" in result.out and "threshold" in result.out


def _skip_unless_pinned_corpora_readable(commit):
    """Training reads our corpora at a pinned commit; a shallow clone may not have it."""
    from training.common import MissingData, own_bytes

    try:
        own_bytes(commit, "tests/corpus/dev.yaml")
    except MissingData as error:
        pytest.skip(f"the pinned corpus commit is not in this clone: {error}")


def _train_a_slice(model: str, mirrors: tuple[str, ...], limit: int, out: Path,
                   card_name: str | None = None, args: tuple[str, ...] = ()) -> list[str]:
    """Train ``model`` on the first ``limit`` texts of each source into ``out`` and check
    its card (``card_name``, the model's own name by default): the weights match the
    SHA-256, and our own corpora are named with the commit they were read at, like every
    other source. Returns the card's data list."""
    pytest.importorskip("sklearn")
    from training.common import MIRROR

    if not all((MIRROR / name).is_dir() for name in mirrors):
        pytest.skip("training data mirrors are not on this machine")
    sys.path.insert(0, str(ROOT))
    import importlib

    train = importlib.import_module(f"training.{model}.train")
    _skip_unless_pinned_corpora_readable(train.CORPUS_COMMIT)
    argv = sys.argv
    sys.argv = ["train.py", "--limit", str(limit), "--out", str(out), *args]
    try:
        train.main()
    finally:
        sys.argv = argv
    written = out / f"{card_name or model}.json"
    card = read_card(written)
    assert file_sha256(card.weights) == card.sha256
    data: list[str] = json.loads(written.read_text(encoding="utf-8"))["data"]
    # our corpora are named with the commit they were read at (a model may read more files)
    assert any(d.startswith("tests/corpus/dev.yaml, personal.yaml")
               and d.endswith(f" @ {train.CORPUS_COMMIT}") for d in data), data
    return data


def test_training_smoke_on_a_tiny_slice(tmp_path):
    _train_a_slice("offensive", ("ipavlopoulos+toxic_spans", "Vicomtech+hate-speech-dataset",
                                 "microsoft+TOXIGEN", "HannahKirk+Hatemoji",
                                 "HKUST-KnowComp+MLMA_hate_speech", "amandacurry+convabuse"), 60, tmp_path)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_features_are_unit_length_in_range_and_repeatable(text):
    config = FeatureConfig()
    first, again = featurize(text, config), featurize(text, config)
    assert list(first.indices) == list(again.indices)
    assert all(0 <= i < config.dim for i in first.indices)
    assert list(first.indices) == sorted(set(first.indices))
    if len(first.indices):
        assert abs(float((first.values ** 2).sum()) - 1.0) < 1e-4


def _slots_as_defined(text: str, config: FeatureConfig) -> list[int]:
    """The feature slots as the shipped models were trained on them: each word n-gram's
    CRC-32, each character n-gram's polynomial hash, finalised, modulo the dimension."""
    import zlib

    from socialpolicy.classifiers import features as f

    text = f.normalise(text)
    slots = {zlib.crc32(g.encode("utf-8")) % config.dim for g in f._word_grams(text, config)}
    chars = [ord(c) for c in f._char_text(text)] if config.char_ngrams[1] > 0 else []
    mask = (1 << 64) - 1
    for n in range(config.char_ngrams[0], config.char_ngrams[1] + 1) if chars else ():
        for i in range(len(chars) - n + 1):
            h = n
            for c in chars[i:i + n]:
                h = (h * 0x100000001B3 + c) & mask
            for mix in (0xFF51AFD7ED558CCD, 0xC4CEB9FE1A85EC53, None):
                h ^= h >> 33
                if mix is not None:
                    h = (h * mix) & mask
            slots.add(h % config.dim)
    return sorted(slots)


_CONFIGS = [FeatureConfig(), FeatureConfig(1000, (1, 1), (2, 4)), FeatureConfig(1 << 10, (1, 3), (0, 0))]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(max_size=80), max_size=4), st.sampled_from(_CONFIGS))
def test_features_are_the_slots_the_models_were_trained_on_one_text_or_several(texts, config):
    # Hashed faster (n-grams of all of a post's sentences at once, each n from the last),
    # but a shipped model must see exactly the features it was trained on.
    together = featurize_many(texts, config)
    assert len(together) == len(texts)
    for text, vector in zip(texts, together, strict=True):
        alone = featurize(text, config)
        assert list(alone.indices) == _slots_as_defined(text, config) == list(vector.indices)
        assert list(alone.values) == list(vector.values)


def test_complaint_rule_shows_its_model_card_and_threshold(run_cli):
    result = run_cli("rules", "show", "complaint-whistleblowing")
    assert result.code == 0, result
    assert "Model complaint (version" in result.out and "at least 0.38" in result.out
    # long figure lines wrap onto real lines, never into an escaped "\n"
    assert "\\n" not in result.out


def test_complaint_training_smoke_on_a_tiny_slice(tmp_path):
    _train_a_slice("complaint", ("HarshCasper+Blind-App-Reviews",
                                 "chris10davies+MSDS692-Data-Science-Practicum"), 40, tmp_path)


def test_complaint_terse_training_smoke_on_a_tiny_slice(tmp_path):
    data = _train_a_slice("complaint", ("HarshCasper+Blind-App-Reviews", "ipavlopoulos+toxic_spans",
                                        "microsoft+TOXIGEN", "HannahKirk+Hatemoji", "Kent0n-Li+ChatDoctor",
                                        "nandinielan+CS4375-Assignment3"),
                          40, tmp_path, card_name="complaint-terse", args=("--model", "complaint-terse"))
    # the held-out employers' reviews are never training data
    assert not any("indeed-review-scraper" in d or "scrapy-indeed" in d for d in data), data


def test_complaint_rule_names_its_terse_model_and_threshold(run_cli):
    result = run_cli("rules", "show", "complaint-whistleblowing")
    assert result.code == 0, result
    assert "Model complaint-terse" in result.out and "threshold 0.8" in result.out


def test_medical_advice_training_smoke_on_a_tiny_slice(tmp_path):
    data = _train_a_slice("medical", ("Kent0n-Li+ChatDoctor", "nbertagnolli+counsel-chat",
                                      "ipavlopoulos+toxic_spans", "nandinielan+CS4375-Assignment3"),
                          30, tmp_path, card_name="medical-advice")
    # the held-out physicians' answers are named once, as held out, never as training data
    named = [d for d in data if "Itaymanes/K-QA" in d]
    assert len(named) == 1 and named[0].startswith("held out, never trained on"), data


def test_clinical_question_training_smoke_on_a_tiny_slice(tmp_path):
    data = _train_a_slice("clinical_question", ("Kent0n-Li+ChatDoctor", "nbertagnolli+counsel-chat",
                                                "ipavlopoulos+toxic_spans", "nandinielan+CS4375-Assignment3"),
                          30, tmp_path, card_name="clinical-question")
    # the short real questions and the written questions about the service are trained on,
    # and the held-out patients' questions are named once, as held out
    assert any("question titles" in d for d in data), data
    assert "training/clinical_question/service_questions.txt (written for this model)" in data
    named = [d for d in data if "Itaymanes/K-QA" in d]
    assert len(named) == 1 and named[0].startswith("held out, never trained on"), data


def test_generated_patients_are_trained_on_without_addressing_the_doctor():
    # GenMedGPT's patients nearly all open "Doctor, ..."; nobody writes to a hospital's
    # account so, and a model that learns the word misses everyone who does not use it
    sys.path.insert(0, str(ROOT))
    from training.medical_data import without_salutation

    assert without_salutation("Doctor, I have a rash on my arm. What could it be?") == \
        "I have a rash on my arm. What could it be?"
    assert without_salutation("Hi doctor, I've been dizzy. What should I do, doctor?") == \
        "I've been dizzy. What should I do?"
    assert without_salutation("Hello Doc. my knee is swollen") == "My knee is swollen"
    assert without_salutation("My doctor says it's a virus, should I worry?") == \
        "My doctor says it's a virus, should I worry?"


def test_training_names_a_missing_corpus_commit_plainly():
    sys.path.insert(0, str(ROOT))
    from training.common import MissingData, own_bytes

    with pytest.raises(MissingData, match=r"commit 0{40} is not in this clone"):
        own_bytes("0" * 40, "tests/corpus/dev.yaml")


def test_conduct_rule_shows_its_model_card_and_threshold(run_cli):
    result = run_cli("rules", "show", "professional-conduct")
    assert result.code == 0, result
    assert "Model conduct" in result.out and "threshold 0.72" in result.out


def test_conduct_training_smoke_on_a_tiny_slice(tmp_path):
    data = _train_a_slice("conduct", ("HarshCasper+Blind-App-Reviews", "microsoft+TOXIGEN",
                                      "Vicomtech+hate-speech-dataset",
                                      "nandinielan+CS4375-Assignment3"), 40, tmp_path)
    # v5 reads the retired held-out sets (conduct-heldout, conduct-fresh, conduct-fresh2,
    # conduct-fresh3) and the development posts of sessions 7 to 9 beside dev.yaml, and no
    # longer the political posts (licence unconfirmed)
    own = [d for d in data if "tests/corpus/dev.yaml" in d]
    assert len(own) == 1
    for name in ("conduct-heldout.yaml", "conduct-dev-s7.yaml", "conduct-fresh.yaml",
                 "conduct-dev-s8.yaml", "conduct-fresh2.yaml", "conduct-fresh3.yaml",
                 "conduct-dev-s8c.yaml", "conduct-dev-s9.yaml"):
        assert name in own[0], own
    assert not any("SocialMediaBias" in d for d in data), data


# The complaint rule's second stage: a fine-tuned transformer shipped as ONNX.

STAGED_RULE = """\
id: ward-grievance
title: A grievance in a post
severity: warning
clause: {{policy: JPUH-BUSM, section: "5.0(14)", quote: "Do not use social media for whistle blowing"}}
message: This post airs a grievance.
suggestion: Raise it through the Grievance Policy.
detect:
  - kind: classifier
    model: complaint
    unit: post
    second_stage:
{stage}
examples:
  fail: ["Management ignore every concern we raise and nobody is ever held to account."]
  pass: ["Our ward opens on Monday."]
"""

GRIEVANCE = ("Twelve hour shifts with no break again, management ignore every concern we raise "
             "and the rota is a joke. Nobody listens.")
NEWS = "Our new maternity unit opens on Monday, with thanks to everyone who fundraised."


def _staged(tmp_path: Path, stage: str, text: str = GRIEVANCE) -> Path:
    folder = tmp_path / "trust-rules"
    folder.mkdir()
    (folder / "grievance.yaml").write_text(STAGED_RULE.format(stage=stage))
    (tmp_path / "socialpolicy.toml").write_text('rule_paths = ["trust-rules"]\n')
    (tmp_path / "post.txt").write_text(text + "\n")
    return folder


def _stage(model: str = "complaint-transformer", **extra: object) -> str:
    keys = {"model": model, "from": 0.01, "threshold": 0.5, "combine": "mean-logit", **extra}
    return "\n".join(f"      {k}: {v}" for k, v in keys.items() if v is not None)


def test_each_shipped_transformer_matches_the_hashes_in_its_card():
    from socialpolicy.classifiers.transformer import (
        read_transformer_card,
        transformer_card_path,
        transformer_names,
    )

    assert transformer_names() == ["complaint-transformer", "offensive-transformer"]
    for name in transformer_names():
        card = read_transformer_card(transformer_card_path(name))
        assert file_sha256(card.model) == card.sha256
        assert file_sha256(card.tokenizer) == card.tokenizer_sha256
        assert card.figures and card.data and "Apache-2.0" in card.licence


def test_both_kinds_of_card_read_as_one_for_rules_show():
    # rules show reads a linear model's card and a transformer's the same way: name,
    # version, threshold, figures, data, and how a rule uses it. A card's figures, data
    # and use are not part of what makes two cards the same model.
    from dataclasses import replace

    from socialpolicy.classifiers import ModelCard, card_path, read_card
    from socialpolicy.classifiers.transformer import read_transformer_card, transformer_card_path

    linear = read_card(card_path("complaint"))
    transformer = read_transformer_card(transformer_card_path("complaint-transformer"))
    for card in (linear, transformer):
        assert isinstance(card, ModelCard) and card.figures and card.data and card.version
        assert replace(card, used="the first stage", figures={}) == card
        assert replace(card, threshold=0.123) != card
    assert linear.threshold > 0 and transformer.threshold == 0.0  # the rule sets the latter


def test_all_models_together_stay_within_60_mb():
    files = [*SHIPPED.glob("*.npz"), *(SHIPPED / "onnx").iterdir()]
    assert sum(p.stat().st_size for p in files) < 60 * 1024 * 1024


def test_shipped_transformer_scores_a_grievance_above_hospital_news():
    # onnxruntime and the tokenizer alone (no torch): a real check of the shipped graph.
    from socialpolicy.classifiers.transformer import load_transformer, transformer_card_path
    from socialpolicy.normalize import fold

    model = load_transformer(transformer_card_path("complaint-transformer"))
    grievance = [model.logit(fold(t).text) for t in (
        GRIEVANCE, "Three months waiting for my overtime to be paid and HR won't even reply to my emails.")]
    news = [model.logit(fold(t).text) for t in (
        NEWS, "Flu vaccination clinics for patients aged 65 and over run every Tuesday this month.")]
    assert min(grievance) > 0 > max(news), (grievance, news)
    # one post scored alone gives the same logit every time (the rule scores one at a time)
    assert model.logit(fold(NEWS).text) == news[0]


def _shipped_second_stage() -> dict:
    """The complaint rule's second_stage as the rule file writes it (so the tests follow
    a threshold re-chosen on validation data instead of repeating today's number)."""
    import yaml

    rule = yaml.safe_load((ROOT / "rules" / "complaint-whistleblowing.yaml").read_text(encoding="utf-8"))
    [stage] = [d["second_stage"] for d in rule["detect"] if d.get("name") == "learned-grievance"]
    return stage


def test_complaint_rule_flags_a_grievance_through_the_second_stage(run_cli, tmp_path):
    post = tmp_path / "post.txt"
    # no pattern of the rule catches it (a pattern's finding would be the one reported)
    post.write_text("Leadership here only cares about the figures. Endless restructures and no "
                    "life outside work.\n")
    result = run_cli("check", str(post), "--select", "complaint-whistleblowing", "--format", "json")
    assert result.code == 1, result
    learned = [f for f in json.loads(result.out)["findings"] if f.get("detector") == "learned-grievance"]
    assert learned and learned[0]["score"] >= _shipped_second_stage()["threshold"], result.out


def _imports_after(args: list[str], tmp_path: Path, text: str) -> list[str]:
    post = tmp_path / "post.txt"
    post.write_text(text + "\n")
    code = (
        "import sys\n"
        "from socialpolicy.cli import main\n"
        f"sys.argv = ['socialpolicy', 'check', {str(post)!r}, *{args!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('onnxruntime' in sys.modules, 'tokenizers' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    return done.stdout.split()[-2:]


def test_second_stage_loads_only_when_a_post_reaches_it(tmp_path):
    assert _imports_after(["--select", "post-length"], tmp_path, NEWS) == ["False", "False"]
    # the rule runs, but ordinary news never reaches the transformer
    assert _imports_after(["--select", "complaint-whistleblowing"], tmp_path, NEWS) == ["False", "False"]
    assert _imports_after(["--select", "complaint-whistleblowing"], tmp_path, GRIEVANCE) == ["True", "True"]


@pytest.mark.parametrize(("stage", "words"), [
    (_stage("no-such-transformer"), ["no-such-transformer", "complaint-transformer"]),
    (_stage(speed="fast"), ["unknown key 'speed'", "combine"]),
    (_stage(combine="max"), ["mean-logit"]),
    (_stage(threshold=1.5), ["second_stage.threshold", "less than 1"]),
    (_stage(combine=None), ["combine"]),
])
def test_bad_second_stage_exits_2_naming_file_and_line(run_cli, tmp_path, stage, words):
    _staged(tmp_path, stage)
    result = run_cli("check", "post.txt", "--select", "ward-grievance", cwd=tmp_path)
    assert result.code == 2, result
    assert "grievance.yaml:" in result.err and "Traceback" not in result.err
    for word in words:
        assert word in result.err, result.err


def test_second_stage_with_its_own_threshold_beside_it_exits_2(run_cli, tmp_path):
    folder = _staged(tmp_path, _stage())
    rule = folder / "grievance.yaml"
    rule.write_text(rule.read_text().replace("    unit: post\n", "    unit: post\n    threshold: 0.7\n"))
    result = run_cli("check", "post.txt", "--select", "ward-grievance", cwd=tmp_path)
    assert result.code == 2 and "grievance.yaml:11" in result.err and "second_stage" in result.err, result


# combine: add-mean-logit: the second stage only adds to the first model's own flags.

# the complaint n-gram model is unsure of it (well under its own 0.73); the transformer is not
UNSURE = "Management cancelled our training day without telling anyone."
PLAIN = "The canteen has run out of sandwiches again by noon."  # both models low


def _scores(text: str) -> tuple[float, float]:
    """The complaint n-gram model's score of ``text`` and the mean of both models' logits."""
    from socialpolicy.classifiers import load
    from socialpolicy.classifiers.transformer import (
        load_transformer,
        mean_logit,
        transformer_card_path,
    )
    from socialpolicy.normalize import fold

    folded = fold(text).text
    model = load(card_path("complaint"))
    first = model.score(featurize(folded, model.card.features))
    return first, mean_logit(first, load_transformer(transformer_card_path("complaint-transformer")).logit(folded))


def _learned(tmp_path: Path, text: str, keep: float | None, start: float, threshold: float,
             combine: str = "add-mean-logit") -> list[float]:
    """The scores of what the Trust rule's classifier finds in ``text``."""
    from socialpolicy.config import Config
    from socialpolicy.engine import Linter
    from socialpolicy.ruleset import load_rule_file

    tmp_path.mkdir()
    folder = _staged(tmp_path, _stage(**{"from": start, "threshold": threshold, "combine": combine}))
    if keep is not None:
        rule = folder / "grievance.yaml"
        rule.write_text(rule.read_text().replace("    unit: post\n", f"    unit: post\n    threshold: {keep}\n"))
    linter = Linter(Config(), rules=[load_rule_file(folder / "grievance.yaml", Config())])
    return [f.score for f in linter.check_text(text) if f.rule == "ward-grievance"]


def test_add_mean_logit_keeps_every_post_the_first_model_flags_alone(tmp_path):
    first, mean = _scores(GRIEVANCE)
    keep, threshold = round(first - 0.02, 3), round(min(mean + 0.005, 0.999), 4)
    assert mean < threshold < 1  # the mean alone would not flag it
    assert _learned(tmp_path / "a", GRIEVANCE, keep, 0.01, threshold) == [pytest.approx(first)]
    # the same numbers under mean-logit (no own threshold): the second stage clears it
    assert _learned(tmp_path / "b", GRIEVANCE, None, 0.01, threshold, "mean-logit") == []


def test_add_mean_logit_adds_a_post_only_the_mean_reaches(tmp_path):
    first, mean = _scores(UNSURE)
    assert first < 0.5 < mean, (first, mean)
    # the n-gram model alone (at 0.73) passes it; the mean reaches the second threshold
    assert _learned(tmp_path / "a", UNSURE, 0.73, round(first - 0.05, 3), round(mean - 0.02, 4)) == [
        pytest.approx(mean)]
    # a second threshold just above its mean: not flagged
    assert _learned(tmp_path / "b", UNSURE, 0.73, round(first - 0.05, 3), round(mean + 0.02, 4)) == []
    # under `from` a post never reaches the second stage, however low its threshold
    first, mean = _scores(PLAIN)
    assert _learned(tmp_path / "c", PLAIN, 0.73, round(first + 0.02, 3), round(mean / 2, 4)) == []


def test_add_mean_logit_needs_from_below_the_detectors_threshold(run_cli, tmp_path):
    folder = _staged(tmp_path, _stage(**{"from": 0.8, "combine": "add-mean-logit"}))
    rule = folder / "grievance.yaml"
    rule.write_text(rule.read_text().replace("    unit: post\n", "    unit: post\n    threshold: 0.7\n"))
    result = run_cli("check", "post.txt", "--select", "ward-grievance", cwd=tmp_path)
    assert result.code == 2 and "grievance.yaml:" in result.err and "below" in result.err, result
    assert "Traceback" not in result.err


def test_rules_show_says_the_second_stage_only_adds(run_cli, tmp_path):
    folder = _staged(tmp_path, _stage(**{"from": 0.3, "threshold": 0.9, "combine": "add-mean-logit"}))
    rule = folder / "grievance.yaml"
    rule.write_text(rule.read_text().replace("    unit: post\n", "    unit: post\n    threshold: 0.73\n"))
    result = run_cli("rules", "show", "ward-grievance", cwd=tmp_path)
    assert result.code == 0, result
    assert "a post it scores at least 0.73 is flagged; one it scores at least 0.3 goes on" in result.out
    assert "only adds" in result.out and "reaches 0.9" in result.out


def _own_transformer(folder: Path, onnx: bytes | None) -> None:
    from socialpolicy.classifiers.transformer import transformer_card_path

    shipped = transformer_card_path("complaint-transformer")
    (folder / "models").mkdir()
    shutil.copy(shipped, folder / "models" / "mine.json")
    shutil.copy(shipped.parent / "tokenizer.json", folder / "models" / "tokenizer.json")
    if onnx is not None:
        (folder / "models" / "complaint.int8.onnx").write_bytes(onnx)


def test_corrupt_transformer_exits_2_naming_the_file(run_cli, tmp_path):
    folder = _staged(tmp_path, _stage("models/mine.json"))
    _own_transformer(folder, b"not an onnx graph")
    result = run_cli("check", "post.txt", "--select", "ward-grievance", cwd=tmp_path)
    assert result.code == 2, result
    assert "grievance.yaml:" in result.err and "complaint.int8.onnx" in result.err
    assert "SHA-256" in result.err and "Traceback" not in result.err


def test_missing_transformer_exits_2_naming_the_file(run_cli, tmp_path):
    folder = _staged(tmp_path, _stage("models/mine.json"))
    _own_transformer(folder, None)
    result = run_cli("check", "post.txt", "--select", "ward-grievance", cwd=tmp_path)
    assert result.code == 2, result
    assert "grievance.yaml:" in result.err and "complaint.int8.onnx" in result.err and "missing" in result.err


def _rehash(folder: Path) -> None:
    """The Trust's card records the hashes of the files beside it, as a Trust that
    trained its own would (so the files themselves are what is judged)."""
    card_file = folder / "models" / "mine.json"
    card = json.loads(card_file.read_text())
    card["sha256"] = file_sha256(folder / "models" / card["model"])
    card["tokenizer_sha256"] = file_sha256(folder / "models" / card["tokenizer"])
    card_file.write_text(json.dumps(card))


@pytest.mark.parametrize(("damage", "words"), [
    # a graph cut short: onnxruntime cannot read it
    ("onnx", ["complaint.int8.onnx", "onnxruntime can load"]),
    # a tokenizer file cut short: the tokenizer is named, not the graph
    ("tokenizer", ["tokenizer.json", "tokenizers wheel can read"]),
])
def test_damaged_trust_transformer_with_matching_hashes_exits_2_naming_the_file(
        run_cli, tmp_path, damage, words):
    from socialpolicy.classifiers.transformer import transformer_card_path

    folder = _staged(tmp_path, _stage("models/mine.json"))
    shipped = transformer_card_path("complaint-transformer").parent
    _own_transformer(folder, (shipped / "complaint.int8.onnx").read_bytes())
    name = "complaint.int8.onnx" if damage == "onnx" else "tokenizer.json"
    target = folder / "models" / name
    target.write_bytes(target.read_bytes()[:5000])
    _rehash(folder)
    result = run_cli("check", "post.txt", "--select", "ward-grievance", cwd=tmp_path)
    assert result.code == 2, result
    assert "grievance.yaml:11" in result.err and "Traceback" not in result.err
    assert "internal error" not in result.err, result.err
    for word in words:
        assert word in result.err, result.err


def test_a_transformer_that_failed_to_load_fails_again_at_once_for_a_library_caller(tmp_path):
    # A library caller (a Trust tool checking post after post) that catches the error of
    # a damaged graph gets the same error for the next post, without the graph being
    # hashed and read again: here it is gone by then, and the error is still the first.
    from socialpolicy.config import Config
    from socialpolicy.engine import Linter
    from socialpolicy.errors import RuleError
    from socialpolicy.ruleset import load_rule_file

    folder = _staged(tmp_path, _stage("models/mine.json"))
    _own_transformer(folder, b"not an onnx graph")
    _rehash(folder)
    linter = Linter(Config(), rules=[load_rule_file(folder / "grievance.yaml", Config())])
    with pytest.raises(RuleError) as first:
        linter.check_text(GRIEVANCE)
    assert "onnxruntime can load" in str(first.value), first.value
    (folder / "models" / "complaint.int8.onnx").unlink()
    for _ in range(2):
        with pytest.raises(RuleError) as again:
            linter.check_text(GRIEVANCE + " Again.")
        assert str(again.value) == str(first.value)


def test_trust_graph_that_loads_but_does_not_fit_exits_2_naming_it(run_cli, tmp_path):
    # A real ONNX graph with other inputs (onnxruntime's own example): it loads, and
    # fails only when a post is scored.
    from onnxruntime.datasets import get_example

    folder = _staged(tmp_path, _stage("models/mine.json"))
    _own_transformer(folder, Path(get_example("sigmoid.onnx")).read_bytes())
    _rehash(folder)
    (tmp_path / "post.txt").write_text(GRIEVANCE + " Ring Priya Raman on 07700 900123.\n")
    result = run_cli("check", "post.txt", "--select", "ward-grievance", cwd=tmp_path)
    assert result.code == 2, result
    assert "grievance.yaml:11" in result.err and "complaint.int8.onnx" in result.err
    assert "input_ids" in result.err and "internal error" not in result.err, result.err
    # the post being scored is never quoted in the message
    assert "Priya" not in result.err and "07700" not in result.err


def test_rules_show_prints_the_second_stage_and_its_card(run_cli):
    result = run_cli("rules", "show", "complaint-whistleblowing")
    assert result.code == 0, result
    assert "Model complaint (version 5), the first stage: a post it scores at least" in result.out
    assert "Model complaint-transformer (version 1), the second stage" in result.out
    stage = _shipped_second_stage()
    assert f"at least {stage['from']} goes on" in result.out
    assert f"must reach {stage['threshold']}" in result.out and "Apache-2.0" in result.out


# offensive-content: the transformer only adds, and only to posts with a threat cue.

ADDED_THREAT = "I'd happily slap the smug grin off that arrogant consultant's face."


def _offensive_learned(name: str) -> dict:
    import yaml

    rule = yaml.safe_load((ROOT / "rules" / "offensive-content.yaml").read_text(encoding="utf-8"))
    [detector] = [d for d in rule["detect"] if d.get("name") == name]
    return detector


def _added_by_the_transformer(run_cli, post, text: str, name: str) -> None:
    """``text``, which the n-gram model alone passes, is reported by ``name``'s second stage."""
    from socialpolicy.classifiers import load
    from socialpolicy.normalize import fold

    model = load(card_path("offensive"))
    assert model.score(featurize(fold(text).text, model.card.features)) < 0.93  # alone: passed
    post.write_text(text + "\n")
    result = run_cli("check", str(post), "--select", "offensive-content", "--format", "json")
    assert result.code == 1, result
    [finding] = json.loads(result.out)["findings"]
    assert finding["detector"] == name
    assert finding["score"] >= _offensive_learned(name)["second_stage"]["threshold"]


def test_offensive_rule_adds_a_threat_the_n_gram_model_alone_passes(run_cli, tmp_path):
    _added_by_the_transformer(run_cli, tmp_path / "post.txt", ADDED_THREAT, "learned-threat")


def test_offensive_transformer_loads_only_for_a_threat_cue(tmp_path):
    # ordinary news, and a rude post with no violent or menacing word: never loaded
    for text in (NEWS, "What a load of rubbish from the council today, absolute clowns."):
        assert _imports_after(["--select", "offensive-content"], tmp_path, text) == ["False", "False"]
    assert _imports_after(["--select", "offensive-content"], tmp_path, ADDED_THREAT) == ["True", "True"]


def test_rules_show_prints_offensive_contents_both_stages(run_cli):
    result = run_cli("rules", "show", "offensive-content")
    assert result.code == 0, result
    stage = _offensive_learned("learned-threat")["second_stage"]
    assert f"the first stage: a post it scores at least {stage['from']} goes on to offensive-transformer" in result.out
    assert "Model offensive-transformer (version 2), the second stage" in result.out
    assert f"must reach {stage['threshold']}" in result.out


# offensive-content, session 18: the transformer also adds posts that name the Trust's staff by
# role or a patient (learned-staff); the same words about anyone else are left to the n-gram model.

ADDED_STAFF = "That receptionist is a sour old trout who should never be let near the public."
NOT_STAFF = "My neighbour is a sour old trout who should never be let near the public."


def test_offensive_rule_adds_contempt_for_staff_and_only_for_staff(run_cli, tmp_path):
    post = tmp_path / "post.txt"
    _added_by_the_transformer(run_cli, post, ADDED_STAFF, "learned-staff")
    post.write_text(NOT_STAFF + "\n")
    assert run_cli("check", str(post), "--select", "offensive-content").code == 0


def test_triage_keeps_the_staff_gate_of_the_learned_stage():
    # triage keeps a when: that reads only the text, the gate of offensive-content's learned stages
    from socialpolicy.config import Config
    from socialpolicy.engine import Linter
    from socialpolicy.triage import Message, Triage

    triage = Triage(Linter(Config(), rules=[], jobs=1))
    assert "abuse" in triage.categorise(Message("m", ADDED_STAFF))[0]
    assert "abuse" not in triage.categorise(Message("m", NOT_STAFF))[0]
