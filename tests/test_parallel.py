"""A big calendar is checked on every core, with exactly the findings of one process."""

from __future__ import annotations

import json
import pickle
import threading

import pytest

from socialpolicy import parallel
from socialpolicy.config import Config
from socialpolicy.engine import CHUNK_SIZE
from socialpolicy.errors import InputError, RuleError, RuleRuntimeError
from socialpolicy.inputs.draft import read_draft

TEXTS = [
    "Huge thanks to Sarah Jenkins on Ward 5! NHS number 943 476 5919",
    "Our outpatient clinics are open as normal. https://www.jpaget.nhs.uk/outpatients",
    "Ring Darren on 07700 900123 if you found a purse in the car park",
    "You should take 2 paracetamol every 4 hours for that",
    "Flu jabs are available for all staff this week at the pharmacy hub.",
    "see http://bit.ly/abc for the rota",
    "Rate your stay 1-10 in the comments below!",
]


def _posts(count: int) -> list:
    posts = []
    for index in range(count):
        metadata = {"platform": "twitter"}
        if index % 11 == 0:
            metadata["ignore"] = {"link-safety": "our own short link"}
        posts.append(read_draft(TEXTS[index % len(TEXTS)] + f" ({index})", f"cal.yaml#{index}", metadata))
    return posts


def test_two_processes_find_exactly_what_one_finds(make_linter):
    # Four chunks: the first checked in this process, three shared by two workers (so
    # one worker's results must be put back between the other's), the last one short.
    posts = _posts(3 * CHUNK_SIZE + 5)
    one = make_linter(Config(), jobs=1).check_posts(posts)
    seen: list[int] = []
    two = make_linter(Config(), jobs=2).check_posts(posts, progress=seen.append)
    assert one.findings and one.suppressed
    assert two.findings == one.findings
    assert two.suppressed == one.suppressed
    assert two.failures == one.failures
    assert sum(seen) == len(posts) and len(seen) > 2
    assert parallel.usable_jobs(2, 6) == 2, "the comparison above did not run in parallel"


def test_masking_holds_in_worker_processes(make_linter):
    # Three chunks, the fewest that fork: the last two are checked in worker processes.
    findings = make_linter(Config(), jobs=2).check_posts(_posts(2 * CHUNK_SIZE + 1)).findings
    evidence = " ".join(f.evidence or "" for f in findings)
    assert "943 476 5919" not in evidence and "07700 900123" not in evidence
    assert "*** *** ****" in evidence


def test_one_process_when_forking_is_unsafe_or_pointless():
    assert parallel.usable_jobs(1, 100) == 1
    assert parallel.usable_jobs(4, 1) == 1
    assert parallel.usable_jobs(4, 3) == 3  # never more processes than chunks
    stop = threading.Event()
    worker = threading.Thread(target=stop.wait)
    worker.start()
    try:
        # Forking a process that runs other threads (a web server, say) can deadlock.
        assert parallel.usable_jobs(4, 100) == 1
    finally:
        stop.set()
        worker.join()


def _calendar(tmp_path, count: int):
    lines = ["posts:"]
    for index in range(count):
        text = TEXTS[index % len(TEXTS)].replace('"', "'")
        lines.append(f'  - {{id: p{index}, platform: twitter, text: "{text} ({index})"}}')
    path = tmp_path / "calendar.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_cli_jobs_option_gives_the_same_report(run_cli, tmp_path):
    # Four chunks, as in the engine's test above: two workers, one of them taking two.
    path = _calendar(tmp_path, 3 * CHUNK_SIZE + 5)
    serial = run_cli("check", str(path), "--format", "json", "--jobs", "1", cwd=tmp_path)
    forked = run_cli("check", str(path), "--format", "json", "-j", "2", cwd=tmp_path)
    assert serial.code == forked.code == 1, forked.err
    assert json.loads(serial.out)["findings"] == json.loads(forked.out)["findings"]
    assert "Traceback" not in forked.err


def test_bad_jobs_values_are_clear_errors(run_cli, tmp_path):
    draft = tmp_path / "d.txt"
    draft.write_text("hello", encoding="utf-8")
    result = run_cli("check", str(draft), "--jobs", "-1", cwd=tmp_path)
    assert result.code == 2 and "--jobs" in result.err
    (tmp_path / "socialpolicy.toml").write_text('jobs = "many"\n', encoding="utf-8")
    result = run_cli("check", str(draft), cwd=tmp_path)
    assert result.code == 2 and "jobs" in result.err and "Traceback" not in result.err


@pytest.mark.e2e
def test_ctrl_c_stops_the_workers_quietly(tmp_path, interrupted_run):
    path = _calendar(tmp_path, 60 * CHUNK_SIZE)
    out = tmp_path / "report.json"
    interrupted_run([str(path), "--jobs", "2", "--format", "json", "-o", str(out)], out, wait=6)


@pytest.mark.parametrize("error", [
    InputError("cal.yaml", "not valid YAML", 3, 4),
    RuleError("rules/x.yaml", "bad pattern", 7),
    RuleRuntimeError("trust-aaaa", "took longer than 0.25s"),
])
def test_errors_raised_in_a_worker_arrive_whole(error):
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is type(error) and str(again) == str(error)
    assert vars(again) == vars(error)
