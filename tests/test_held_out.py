"""The held-out corpus files are listed once (tests/corpus/HELD_OUT) and every script
that lists tests/corpus leaves them out. Only file names are compared here: no test
opens a held-out file."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import held_out  # noqa: E402


def _script(relative: str) -> ModuleType:
    path = ROOT / relative
    spec = importlib.util.spec_from_file_location(path.stem + "_under_test", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_list_names_corpus_files_and_findings_leaves_them_out_unless_asked():
    held = held_out.held_out_names()
    assert held, "the list of held-out files is empty"
    findings = _script("benchmarks/findings.py")
    default = {p.name for p in findings.corpus_files()}
    everything = {p.name for p in findings.corpus_files(include_held_out=True)}
    present = held & everything
    assert present, "none of the listed files is in tests/corpus"
    assert not default & held
    assert default | present == everything
    assert not {p.name for p in findings.corpus_files(["names-*"])} & held


def test_the_names_collector_reads_the_same_list(monkeypatch):
    # The script puts benchmarks/ on the path (whose calendar.py shadows the standard
    # module): a copy of the path is restored after the test.
    monkeypatch.setattr(sys, "path", list(sys.path))
    collect = _script("training/names/collect.py")
    assert held_out.held_out_names() == collect.HELD_OUT
    assert not set(collect.development_files(None)) & collect.HELD_OUT


def test_the_profiler_never_reads_a_listed_file(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "path", list(sys.path))
    corpus = tmp_path / "tests" / "corpus"
    corpus.mkdir(parents=True)
    (corpus / "dev-a.yaml").write_text("cases:\n  - {id: a, text: open to read}\n")
    # A stand-in of the same name in a temporary folder, never the real file.
    (corpus / "sealed-fresh1.yaml").write_text("cases:\n  - {id: b, text: must stay unread}\n")
    (corpus / "HELD_OUT").write_text("# sealed\nsealed-fresh1.yaml\n")
    monkeypatch.setattr(held_out, "LISTING", corpus / "HELD_OUT")
    profile = _script("benchmarks/profile.py")
    monkeypatch.setattr(profile, "ROOT", tmp_path)
    assert [p.text for p in profile.corpus_posts(None)] == ["open to read"]


def test_a_missing_or_malformed_list_stops_the_script(tmp_path):
    with pytest.raises(held_out.HeldOutListError, match="cannot read"):
        held_out.held_out_names(tmp_path / "HELD_OUT")
    (tmp_path / "HELD_OUT").write_text("names-fresh9.yaml\ntests/corpus/x.yaml\n")
    with pytest.raises(held_out.HeldOutListError, match=r"HELD_OUT:2: "):
        held_out.development([tmp_path / "a.yaml"], listing=tmp_path / "HELD_OUT")


@pytest.mark.parametrize(("script", "argv"), [
    ("training/transformer/score.py", ["--corpus", "tests/corpus/dev.yaml", "tests/corpus/{name}"]),
    ("training/encoder/corpus_check.py", ["--embedding", "/nonexistent", "tests/corpus/{name}"]),
])
def test_a_scoring_script_refuses_a_listed_file_before_any_work(script, argv, monkeypatch):
    # Only a file name is passed; the script must stop on the name, so nothing is read.
    name = sorted(held_out.held_out_names())[0]
    monkeypatch.setattr(sys, "path", list(sys.path))
    module = _script(script)
    monkeypatch.setattr(sys, "argv", [script, *(a.format(name=name) for a in argv)])
    with pytest.raises(SystemExit, match=rf"{name}: held out this session"):
        module.main()


def test_refusing_leaves_development_files_alone(tmp_path):
    (tmp_path / "HELD_OUT").write_text("sealed-fresh1.yaml\n")
    held_out.refuse_held_out([Path("tests/corpus/dev.yaml")], listing=tmp_path / "HELD_OUT")
    with pytest.raises(SystemExit, match="sealed-fresh1.yaml: held out"):
        held_out.refuse_held_out([Path("x/sealed-fresh1.yaml")], listing=tmp_path / "HELD_OUT")
