"""The written training files of offensive-content and the benchmark that scores the rule on them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from training.offensive.train import WRITTEN, WrittenError, read_written, written

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "benchmarks" / "offensive_written.py"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True,
                          cwd=ROOT, check=False, timeout=300)


def test_a_row_reads_back_with_its_line_break(tmp_path):
    path = tmp_path / "x.tsv"
    path.write_text("abusive\tthreat\tI know your car. / Shame if it got scratched\n\n"
                    "clean\tviolent-word\tOur stab vest training starts Monday\n", encoding="utf-8")
    rows = read_written(path)
    assert [(r.label, r.function, r.line) for r in rows] == [("abusive", "threat", 1),
                                                               ("clean", "violent-word", 3)]
    assert rows[0].text == "I know your car.\nShame if it got scratched"


@pytest.mark.parametrize(("line", "says"), [
    ("abusive\tthreat", "expected 3 tab-separated columns"),
    ("rude\tthreat\tsome text", "label must be abusive or clean"),
    ("clean\tthreat\tsome text", "function must be one of"),
    ("abusive\tthreat\t  ", "the text is empty"),
])
def test_a_bad_row_is_named_by_file_and_line(tmp_path, line, says):
    path = tmp_path / "bad.tsv"
    path.write_text(f"clean\teveryday\tVisiting is 2pm to 8pm\n{line}\n", encoding="utf-8")
    with pytest.raises(WrittenError, match=f"bad.tsv:2: .*{says}"):
        read_written(path)
    done = _run(str(path))
    assert done.returncode == 2 and "bad.tsv:2" in done.stderr and "Traceback" not in done.stderr


def test_every_committed_file_reads_and_is_a_training_source():
    files = sorted(WRITTEN.glob("*.tsv"))
    sources = written(None)
    assert sorted(sources) == [f"written_{p.stem}" for p in files]
    for path in files:
        rows = read_written(path)
        assert rows and {r.label for r in rows} <= {"abusive", "clean"}
        assert len(sources[f"written_{path.stem}"]) == len(rows)


def test_the_benchmark_counts_catches_per_function(tmp_path):
    path = tmp_path / "mine.tsv"
    path.write_text("abusive\tslur-or-profanity\tWhat a load of shit from the council today\n"
                    "abusive\tthreat\tThe weather will be lovely for the fete on Saturday\n"
                    "clean\teveryday\tVisiting is 2pm to 8pm on every ward\n", encoding="utf-8")
    done = _run(str(path))
    assert done.returncode == 0, done.stderr
    assert "slur-or-profanity  caught    1/1" in done.stdout
    assert "threat             caught    0/1" in done.stdout
    assert "everyday           flagged    0/1" in done.stdout
    assert "recall 1/2 = 0.5, false alarms 0/1, precision 1.0" in done.stdout


def test_a_candidate_second_stage_decides_the_posts_the_model_sends_on(tmp_path):
    # The benchmark runs a candidate transformer as the learned detector's second stage,
    # as a rule's second_stage: would: with a combined threshold every post reaches, a
    # clean notice the shipped rule passes is flagged by the learned detector; with
    # one no post reaches, the same post passes.
    from socialpolicy.classifiers.transformer import transformer_card_path

    card = str(transformer_card_path("complaint-transformer"))
    path = tmp_path / "mine.tsv"
    path.write_text("clean\teveryday\tThe ward's visiting hours change on Monday, ask the staff\n", encoding="utf-8")
    assert "everyday           flagged    0/1" in _run(str(path)).stdout
    low = _run(str(path), "--second-stage", card, "--from", "0.001", "--stage-threshold", "0.001")
    assert low.returncode == 0, low.stderr
    assert "everyday           flagged    1/1" in low.stdout and "model    1" in low.stdout
    high = _run(str(path), "--second-stage", card, "--from", "0.001", "--stage-threshold", "0.9999")
    assert "everyday           flagged    0/1" in high.stdout
    missing = _run(str(path), "--second-stage", str(tmp_path / "none.json"), "--from", "0.1", "--stage-threshold", "0.5")
    assert missing.returncode == 2 and "none.json" in missing.stderr and "Traceback" not in missing.stderr


def test_the_session_14_clean_functions_read(tmp_path):
    path = tmp_path / "d.tsv"
    path.write_text("clean\ttextspeak-kind\tu r a star fr 😭\n"
                    "clean\trant-not-abuse\tSick to death of the car park\n"
                    "clean\tgroup-support\tCarers shouldn't be left to cope alone\n"
                    "clean\tfigurative\tThe clowns at the fun day were brilliant\n"
                    "abusive\tthreat\tIt would be prudent for her to vary her route home.\n", encoding="utf-8")
    assert [r.function for r in read_written(path)] == [
        "textspeak-kind", "rant-not-abuse", "group-support", "figurative", "threat"]
    # A clean function is not an abusive one.
    path.write_text("abusive\tfigurative\tThe clowns at the fun day were brilliant\n", encoding="utf-8")
    with pytest.raises(WrittenError, match="d.tsv:1: .*function must be one of"):
        read_written(path)


def test_the_must_pass_posts_leave_held_out_files_alone_and_keep_what_must_pass():
    from benchmarks.held_out import held_out_names
    from benchmarks.offensive_mustpass import must_pass

    posts = must_pass()
    held = held_out_names()
    files = {p.where.split(":", 1)[0] for p in posts}
    assert held and not files & held
    texts = {p.text for p in posts}
    # the rule's own pass examples, a case file's expect: none case, a clean corpus post
    assert "Wash your hands to kill germs" in texts
    assert {p.kind for p in posts} == {"case", "example", "corpus"}
    assert "offensive-dev-s14.yaml" in files
    abusive = [p for p in posts if p.where.startswith("offensive-dev-s14.yaml:s14dev-001")]
    assert not abusive  # a post labelled offensive-content is not a must-pass post


def test_the_must_pass_check_names_a_missing_card_and_exits_2(tmp_path):
    missing = tmp_path / "nothing.json"
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "offensive_mustpass.py"), "--model",
                           str(missing)], capture_output=True, text=True, cwd=ROOT, check=False, timeout=300)
    assert done.returncode == 2 and "nothing.json: no such model card" in done.stderr
    assert "Traceback" not in done.stderr


def test_the_must_pass_check_takes_a_second_stage_and_names_a_missing_one(tmp_path):
    script = str(ROOT / "benchmarks" / "offensive_mustpass.py")
    missing = tmp_path / "stage.json"
    done = subprocess.run([sys.executable, script, "--second-stage", str(missing), "--from", "0.08",
                           "--stage-threshold", "0.9"], capture_output=True, text=True, cwd=ROOT, check=False, timeout=300)
    assert done.returncode == 2 and "stage.json: no such model card" in done.stderr
    assert "Traceback" not in done.stderr
    done = subprocess.run([sys.executable, script, "--second-stage", str(missing)], capture_output=True,
                          text=True, cwd=ROOT, check=False, timeout=300)
    assert done.returncode == 2 and "--from and --stage-threshold" in done.stderr


def test_the_trust_clean_posts_split_by_their_own_text_into_two_disjoint_halves():
    # train.py --trust-clean trains on one half of the must-pass posts and keeps the other for
    # validation and the honest must-pass figure: a text's half must not move when the list
    # grows or the hash changes, or held-back posts would be trained on unnoticed.
    from training.transformer.train import trust_clean, trust_half

    train, held = trust_clean()
    a, b = {t for t, _ in train}, {t for t, _ in held}
    assert a and b and not a & b
    assert {y for _, y in train + held} == {0}
    assert 0.45 < len(b) / (len(a) + len(b)) < 0.55
    assert trust_half("Wash your hands to kill germs") == "train"
    assert trust_half("Disabled people shouldn't be left without care") == "held-back"
    assert {trust_half(t) for t in b} == {"held-back"}


def test_the_trust_half_counts_twice_unless_a_weight_is_given_and_the_rest_of_the_sample_stays():
    # train.py --trust-weight K (session 16): the Trust's clean training half counted K times.
    # Its default must stay OWN_WEIGHT (2), or the --trust-clean fit would no longer rebuild.
    from training.transformer.train import OWN_WEIGHT, TRUST_CLEAN, sample

    per = {"stormfront": [(f"post {i}", i % 2) for i in range(40)], "own_corpus": [("our post", 0)],
           "written_a": [("a written line", 1)], TRUST_CLEAN: [("a kind post", 0), ("another kind post", 0)]}
    default, five = sample(per), sample(per, trust_weight=5)
    assert OWN_WEIGHT == 2
    assert default.count(("a kind post", 0)) == 2 and five.count(("a kind post", 0)) == 5
    assert default.count(("our post", 0)) == five.count(("our post", 0)) == 2
    assert [x for x in default if x[1] or "kind" not in x[0]] == [x for x in five if x[1] or "kind" not in x[0]]


def test_the_trust_weight_needs_the_trust_half():
    out = subprocess.run([sys.executable, str(ROOT / "training/transformer/train.py"), "--trust-weight", "5", "--counts"],
                         capture_output=True, text=True, cwd=ROOT, check=False, timeout=120)
    assert out.returncode == 2 and "--trust-weight needs --trust-clean" in out.stderr


def test_the_pinned_trust_half_is_the_one_the_shipped_transformer_trained_on():
    # offensive-transformer (session 15's fit, shipped in session 17) trained on the Trust half
    # of its day; the corpus has grown since, so a rebuild (training/verify.py) trains on the
    # texts pinned in trust-train-s15.sha256. Editing or removing one of them breaks the rebuild.
    import hashlib
    import json
    import re

    from training.transformer.train import TRUST_PINNED_S15, trust_clean

    card = json.loads((ROOT / "socialpolicy/classifiers/onnx/offensive-transformer.json").read_text(encoding="utf-8"))
    assert TRUST_PINNED_S15.name in card["training"]
    recorded = re.search(r"\b[0-9a-f]{64}\b", card["training"])
    assert recorded is not None
    pinned, _ = trust_clean(TRUST_PINNED_S15)
    assert hashlib.sha256("\n".join(t for t, _ in pinned).encode()).hexdigest() == recorded.group(0)
    assert len(pinned) < len(trust_clean()[0])  # the half has grown since, and the pin holds


def test_the_trust_pin_needs_the_trust_half():
    out = subprocess.run([sys.executable, str(ROOT / "training/transformer/train.py"), "--trust-pinned",
                          "training/transformer/trust-train-s15.sha256", "--counts"],
                         capture_output=True, text=True, cwd=ROOT, check=False, timeout=120)
    assert out.returncode == 2 and "--trust-pinned needs --trust-clean" in out.stderr
