"""Memory flat however long the run (issue 16): what a run keeps does not grow with
the posts it checks. Measured over a whole archive by ``benchmarks/memory.py``; these
tests catch the causes of growth cheaply, without timing anything."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from socialpolicy import nlp, spill
from socialpolicy.models import Clause, Finding, Post
from socialpolicy.spill import SortedFindings, SpillList

SYLLABLES = ("ka", "lo", "mer", "tin", "dra", "vel", "son", "bry", "quen", "op", "zu", "ham")


def made_up(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts))


def replies(count: int, seed: int) -> list[Post]:
    """Replies to the public full of words the model has never seen, as a year of them is."""
    rng = random.Random(seed)
    return [Post(text=f"Thanks {made_up(rng, 2).title()} {made_up(rng, 3).title()}, we've passed "
                      f"your comments about {made_up(rng, 3).title()} ward to the "
                      f"{made_up(rng, 2)} team (ref {made_up(rng, 1).upper()}{rng.randrange(10**5)}).",
                 source=f"reply-{seed}-{index}")
            for index in range(count)]


def test_new_words_do_not_stay_in_the_language_models_vocabulary(make_linter, language, monkeypatch):
    """Every new word a post brings (a surname, a reference number) used to stay in
    spaCy's vocabulary and string store for the rest of the run; now a batch's words
    go with its Docs. The findings are the same either way."""
    linter = make_linter()
    if not language.available():
        pytest.skip("no language model")
    linter.check_posts(replies(20, seed=1))  # the model loaded, first-use work done
    strings = language.load().vocab.strings
    monkeypatch.setattr(nlp, "WARM_TEXTS", 0)
    before = len(strings)
    zoned = linter.check_posts(replies(120, seed=2))
    # 120 posts bring some 600 words the model has not seen.
    assert len(strings) - before < 30
    monkeypatch.setattr(nlp, "WARM_TEXTS", 10**12)  # never in a memory zone
    plain = linter.check_posts(replies(120, seed=2))
    assert len(strings) - before > 300  # what the zone saves: the test can fail
    assert [f.to_dict() for f in zoned.findings] == [f.to_dict() for f in plain.findings]
    assert zoned.findings  # the posts name people: there is something to compare


def _findings(count: int, seed: int) -> list[Finding]:
    """Findings in a muddled order with many equal sort keys (the message tells them apart)."""
    rng = random.Random(seed)
    clause = Clause("JPUH-BUSM", "5.0", "quote")
    return [Finding(file=rng.choice(["a.yaml", "b.yaml"]), line=rng.randrange(1, 30),
                    column=rng.randrange(1, 4), rule=rng.choice(["r1", "r2"]), severity="warning",
                    message=f"m{index}", clause=clause, evidence=rng.choice(["", "x"]))
            for index in range(count)]


@pytest.mark.parametrize("order", ["muddled", "in order", "reversed"])
def test_sorted_findings_read_back_exactly_as_a_sorted_list(order):
    """However they arrive, findings written out in blocks come back in report order,
    equal keys in the order they were added: what ``list.sort`` gives."""
    findings = _findings(3000, seed=7)
    if order == "in order":
        findings.sort(key=Finding.sort_key)
    elif order == "reversed":
        findings.sort(key=Finding.sort_key, reverse=True)
    kept = SortedFindings(block=50, segment=7, fan_in=3)
    for index in range(0, len(findings), 333):
        kept.extend(findings[index:index + 333])
    expected = sorted(findings, key=Finding.sort_key)
    assert len(kept) == len(findings)
    assert [f.message for f in kept] == [f.message for f in expected]
    assert [f.message for f in kept] == [f.message for f in kept]  # read twice, same
    assert kept == expected and kept[5].message == expected[5].message
    kept.sort(key=Finding.sort_key)  # what Result.sort asks: nothing to do
    assert [f.message for f in kept] == [f.message for f in expected]
    with pytest.raises(ValueError):
        kept.sort(key=lambda f: f.rule)


def test_sorted_findings_hold_a_block_at_most_in_memory():
    kept = SortedFindings(block=100, segment=10, fan_in=4)
    kept.extend(_findings(5000, seed=3))
    assert len(kept._tail) < 100
    assert len(kept._runs) <= 4  # merged past fan_in, so reading holds a segment of each


def test_spill_list_reads_back_by_index_and_in_order():
    rows = SpillList[tuple[int, str]](block=16)
    rows.extend((i, f"post {i}") for i in range(1000))
    assert len(rows) == 1000 and len(rows._tail) < 16
    assert list(rows) == [(i, f"post {i}") for i in range(1000)]
    assert rows[0] == (0, "post 0") and rows[999] == (999, "post 999") and rows[-1] == rows[999]
    assert rows[17:20] == [(17, "post 17"), (18, "post 18"), (19, "post 19")]
    with pytest.raises(IndexError):
        rows[1000]


def _archive(path: Path, count: int) -> None:
    rng = random.Random(count)
    entries = [{"tweet": {"id_str": str(1000 + i), "full_text": "Visiting is 11am to 8pm",
                          "created_at": f"Sat Jan {rng.randrange(1, 29):02d} "
                                        f"{rng.choice(['03', '14', '23'])}:00:00 +0000 "
                                        f"{rng.choice(['2019', '2021', '2024'])}"}}
               for i in range(count)]
    path.write_text("window.YTD.tweets.part0 = " + json.dumps(entries, indent=1), encoding="utf-8")


def test_an_archive_checked_with_its_findings_on_disk_finds_the_same(make_linter, tmp_path, monkeypatch):
    """An archive's findings and posts' metadata wait on disk past a block: the report
    is the same, finding for finding and in the same order, as with all in memory."""
    path = tmp_path / "tweets.js"
    _archive(path, 400)
    linter = make_linter(select=("out-of-hours", "inactive-account"))
    monkeypatch.setattr(spill, "BLOCK", 1 << 30)
    whole = linter.check_paths([str(path)], {"account": "@JPUHLibrary"})
    monkeypatch.setattr(spill, "BLOCK", 16)
    monkeypatch.setattr(spill, "SEGMENT", 5)
    monkeypatch.setattr(spill, "FAN_IN", 2)
    spilled = linter.check_paths([str(path)], {"account": "@JPUHLibrary"})
    assert isinstance(spilled.findings, SortedFindings) and spilled.findings._runs
    assert [f.to_dict() for f in spilled.findings] == [f.to_dict() for f in whole.findings]
    assert {f.rule for f in whole.findings} == {"out-of-hours", "inactive-account"}


def test_unmasked_findings_asked_for_never_wait_on_disk(make_linter, tmp_path, monkeypatch):
    """With --show-evidence an archive's findings carry the personal data the user asked
    to see: they stay in memory, since what spill writes to disk is masked only. The
    report is the same, in the same order."""
    path = tmp_path / "tweets.js"
    entries = [{"tweet": {"id_str": str(1000 + i), "created_at": "Mon Feb 03 10:15:00 +0000 2025",
                          "full_text": f"Wishing Margaret Thompson a speedy recovery after her hip "
                                       f"surgery on Ward {i % 9 + 1}, call her on 07700 900{i:03d}"}}
               for i in range(60)]
    path.write_text("window.YTD.tweets.part0 = " + json.dumps(entries, indent=1), encoding="utf-8")
    linter = make_linter(select=("named-person-consent", "patient-identifier"), show_evidence=True)
    monkeypatch.setattr(spill, "BLOCK", 1 << 30)
    whole = linter.check_paths([str(path)])
    written: list[object] = []
    real_write = spill._Blocks.write

    def write(self: object, items: list[object]) -> int:
        written.extend(items)
        return real_write(self, items)  # type: ignore[arg-type]

    monkeypatch.setattr(spill._Blocks, "write", write)
    monkeypatch.setattr(spill, "BLOCK", 16)
    shown = linter.check_paths([str(path)])
    assert not written
    assert [f.to_dict() for f in shown.findings] == [f.to_dict() for f in whole.findings]
    assert any("Margaret Thompson" in f.evidence for f in shown.findings)
    # Masked (the default), the same archive's findings do go to disk past a block.
    masked = make_linter(select=("named-person-consent", "patient-identifier"))
    masked.check_paths([str(path)])
    assert written and not any("Margaret Thompson" in f.evidence for f in written)  # type: ignore[attr-defined]
