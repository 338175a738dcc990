"""The name-detection model: part of the package, found by installed package name only,
and refused (exit 2, the file named) when its files are not the released ones."""

from __future__ import annotations

import shutil
import subprocess
import sys
from importlib.metadata import distribution
from pathlib import Path

import pytest

from socialpolicy.nlp import (
    BUNDLED_MODEL,
    MODEL_HASHES,
    Language,
    ModelMismatch,
    ModelPackage,
    find_model,
    read_hash_list,
    verify,
)

PATIENT = "Wishing Margaret Thompson a speedy recovery after her hip surgery\n"


def _cli(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    import os

    full_env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "socialpolicy", *args], capture_output=True,
                          text=True, cwd=cwd, env=full_env, timeout=300)


def test_the_bundled_model_is_installed_and_matches_the_shipped_hashes():
    package = find_model(BUNDLED_MODEL)
    assert package is not None
    expected = read_hash_list(MODEL_HASHES[BUNDLED_MODEL])
    assert any(p.endswith("ner/model") for p in expected)
    verify(package)  # raises if any file differs
    assert Language(components=frozenset({"ner"})).available()


@pytest.fixture(scope="module")
def model_copy(tmp_path_factory: pytest.TempPathFactory) -> ModelPackage:
    package = find_model(BUNDLED_MODEL)
    assert package is not None
    folder = tmp_path_factory.mktemp("model") / BUNDLED_MODEL
    shutil.copytree(package.folder, folder, ignore=shutil.ignore_patterns("__pycache__"))
    return ModelPackage(package.name, folder, package.meta)


def _tampered(model_copy: ModelPackage, tmp_path: Path) -> ModelPackage:
    folder = tmp_path / BUNDLED_MODEL
    shutil.copytree(model_copy.folder, folder)
    return ModelPackage(model_copy.name, folder, model_copy.meta)


def test_a_changed_model_file_is_refused_and_named(model_copy, tmp_path):
    package = _tampered(model_copy, tmp_path)
    weights = package.data / "ner" / "model"
    data = bytearray(weights.read_bytes())
    data[1000] ^= 0xFF
    weights.write_bytes(bytes(data))
    with pytest.raises(ModelMismatch) as caught:
        verify(package)
    assert caught.value.path == str(weights)
    assert "differs" in caught.value.reason and "Reinstall" in caught.value.reason


def test_an_added_or_missing_file_is_refused(model_copy, tmp_path):
    package = _tampered(model_copy, tmp_path)
    (package.folder / "extra.py").write_text("print('planted')\n")
    with pytest.raises(ModelMismatch, match="not part of"):
        verify(package)
    (package.folder / "extra.py").unlink()
    (package.data / "config.cfg").unlink()
    with pytest.raises(ModelMismatch, match="missing"):
        verify(package)


def test_the_command_exits_2_naming_the_file_when_the_installed_model_differs(model_copy, tmp_path):
    # A site folder ahead of the real one holding a changed copy of the model package.
    site = tmp_path / "site"
    site.mkdir()
    package = ModelPackage(model_copy.name, site / BUNDLED_MODEL, model_copy.meta)
    shutil.copytree(model_copy.folder, package.folder)
    dist = distribution(BUNDLED_MODEL)
    info = next(Path(str(f.locate())).parent for f in dist.files or [] if f.name == "METADATA")
    shutil.copytree(info, site / info.name)
    with (package.data / "meta.json").open("a", encoding="utf-8") as handle:
        handle.write(" ")
    work = tmp_path / "work"
    work.mkdir()
    (work / "post.txt").write_text(PATIENT)
    result = _cli("check", "post.txt", cwd=work, env={"PYTHONPATH": str(site)})
    assert result.returncode == 2, result.stdout + result.stderr
    assert str(package.data / "meta.json") in result.stderr
    assert "SHA-256" in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("name", ["this", "en_core_web_lg", "spacy", "../model", "os"])
def test_pii_model_must_name_an_installed_spacy_model_package(tmp_path, name):
    (tmp_path / "socialpolicy.toml").write_text(f'fail_on = "error"\n\n[pii]\nmodel = "{name}"\n')
    (tmp_path / "post.txt").write_text(PATIENT)
    result = _cli("check", "--format", "json", "post.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""  # `import this` would have printed the Zen of Python here
    assert "socialpolicy.toml:4" in result.stderr and "pii.model" in result.stderr
    assert "installed spaCy model package" in result.stderr


def test_a_module_in_the_current_folder_is_never_run(tmp_path):
    marker = tmp_path / "ran.txt"
    planted = f"open({str(marker)!r}, 'w').write('ran')\n"
    for module in ("en_core_web_lg", "en_core_web_sm", BUNDLED_MODEL):
        (tmp_path / f"{module}.py").write_text(planted)
    (tmp_path / "post.txt").write_text(PATIENT)
    plain = _cli("check", "post.txt", cwd=tmp_path)
    assert plain.returncode == 1 and "named-person-consent" in plain.stdout, plain.stderr
    (tmp_path / "socialpolicy.toml").write_text('[pii]\nmodel = "en_core_web_lg"\n')
    configured = _cli("check", "post.txt", cwd=tmp_path)
    assert configured.returncode == 2 and "pii.model" in configured.stderr
    assert not marker.exists()


# Texts where an entity the recogniser finds on its own would cross a sentence start the
# parser sets ("Six. Weeks.", an emoji, "!"), and ordinary ones.
ENTITY_TEXTS = [
    "Six. Weeks. That is how long Margaret Thompson waited for a scan!",
    "Huge thanks to Priya Raman 💙 Ward 7 at the James Paget from 3 March",
    "Shout out to Kelly 💙💙 Anne on reception",  # alone, the recogniser reads one name here
    "Well done Tom Hollis! Norfolk and Norwich University Hospital staff were brilliant",
    "Our flu clinic opens on Monday 3 March at 9am in the Education Centre.",
    "Take two paracetamol tablets and rest your ankle.",
    "",
]


def _whole_pipeline(language: Language, text: str) -> list[tuple[int, int, str]]:
    from socialpolicy.text.model_input import for_model

    doc = language.load()(for_model(text))
    return [(e.start_char, e.end_char, e.label_) for e in doc.ents]


def test_entities_are_those_of_the_whole_pipeline_though_tagger_and_parser_wait(language):
    # The entity recogniser runs alone on every post; tagger and parser only on demand.
    docs = list(language.pipe(ENTITY_TEXTS))
    for text, doc in zip(ENTITY_TEXTS, docs, strict=True):
        assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == _whole_pipeline(language, text)
    advice = docs[5]
    assert not any(t.tag_ for t in advice)  # not tagged until something asks
    language.complete(advice)
    assert [(t.text, t.tag_, t.dep_, t.lemma_) for t in advice][:2] == [("Take", "VB", "ROOT", "take"),
                                                                         ("two", "CD", "nummod", "two")]


def test_only_an_entity_that_may_cross_a_sentence_start_is_parsed_to_check_it(language):
    # Parsing every post with an entity of several words cost an eighth of a run; only
    # one with punctuation, a line break or an emoji inside such an entity is parsed now.
    from socialpolicy.nlp import _PENDING

    plain, emoji = language.pipe(["Thanks to Margaret Thompson for her help on Ward 7",
                                   "Huge thanks to Priya Raman 💙 Ward 7 at the James Paget"])
    assert "parser" in plain.user_data.get(_PENDING, ())
    assert "parser" not in emoji.user_data.get(_PENDING, ())


def test_a_dependency_is_parsed_on_request_without_tags(language):
    doc = next(iter(language.pipe(["Lowestoft Lions stall raised money for the ward"])))
    language.complete(doc, "parser")
    assert any(t.dep_ == "ROOT" for t in doc) and not any(t.tag_ for t in doc)
    language.complete(doc)
    assert all(t.tag_ for t in doc)


def test_medical_advice_from_a_tagged_and_parsed_token_pattern_is_still_found(make_linter):
    # medical-advice's token pattern reads TAG, DEP and LEMMA, which are made on demand.
    from socialpolicy.models import Post

    texts = ["Rest your ankle for a couple of days and it should settle.",
             "Try some ibuprofen if the swelling is bad",
             "Our pharmacy team can help: ask them about painkillers"]
    posts = [Post(text=t, source=f"post{i}.txt") for i, t in enumerate(texts)]
    found = {(f.file, f.detector) for f in make_linter().check_posts(posts).findings
             if f.rule == "medical-advice"}
    assert found == {("post0.txt", "imperative-treatment"), ("post1.txt", "imperative-treatment")}
