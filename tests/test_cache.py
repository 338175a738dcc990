"""The result cache: same findings, fewer posts checked, and every change that matters
checks the affected posts again."""

from __future__ import annotations

import json
import multiprocessing
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from socialpolicy import cache as cache_module
from socialpolicy.config import load_config
from socialpolicy.engine import Linter

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
NHS_NUMBER = "943 476 5919"


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    for name in ("calendar.yaml", "socialpolicy.toml", "accounts.yaml"):
        shutil.copy(EXAMPLES / name, tmp_path / name)
    with (tmp_path / "calendar.yaml").open("a", encoding="utf-8") as handle:
        handle.write(
            "  - id: leak\n    platform: facebook\n    text: \"Get well soon Margaret Jones, "
            f"NHS number {NHS_NUMBER}, from all on ward 4\"\n"
            "  - id: long\n    platform: twitter\n    text: \"" + "Our wards are busy. " * 16 + "\"\n"
        )
    return tmp_path


def counting(linter: Linter) -> list[int]:
    """How many posts the linter checks in full (rather than taking from the cache)."""
    checked: list[int] = []
    inner = linter._check_batch

    def spy(posts, calendar):  # type: ignore[no-untyped-def]
        checked.append(len(posts))
        return inner(posts, calendar)

    linter._check_batch = spy  # type: ignore[method-assign]
    return checked


def run(make_linter: Callable[..., Linter], project: Path, cache: bool = True) -> tuple[list, list[int], Linter]:
    config = load_config(project / "socialpolicy.toml")
    linter = make_linter(config, jobs=1, cache_dir=project / ".socialpolicy_cache" if cache else None)
    checked = counting(linter)
    result = linter.check_paths([str(project / "calendar.yaml")])
    return result.findings + [s.finding for s in result.suppressed], checked, linter


def test_findings_identical_with_and_without_cache(make_linter, project):
    plain, _, _ = run(make_linter, project, cache=False)
    cold, cold_checked, _ = run(make_linter, project)
    warm, warm_checked, _ = run(make_linter, project)
    assert plain and plain == cold == warm
    assert [(f.message, f.evidence, f.post, f.severity) for f in warm] == [
        (f.message, f.evidence, f.post, f.severity) for f in plain]
    assert sum(cold_checked) > 1 and sum(warm_checked) == 0


def test_cli_output_identical_and_no_cache_writes_nothing(cli, project):
    first = cli("check", "calendar.yaml", "--format", "json", cwd=project)
    assert (project / ".socialpolicy_cache").is_dir()
    second = cli("check", "calendar.yaml", "--format", "json", cwd=project)
    shutil.rmtree(project / ".socialpolicy_cache")
    bare = cli("check", "calendar.yaml", "--format", "json", "--no-cache", cwd=project)
    assert first.code == second.code == bare.code == 1
    assert json.loads(first.out) == json.loads(second.out) == json.loads(bare.out)
    assert not (project / ".socialpolicy_cache").exists()


def test_editing_one_post_checks_only_that_post(make_linter, project):
    run(make_linter, project)
    path = project / "calendar.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("from all on ward 4", "from ward 4"),
                    encoding="utf-8")
    findings, checked, _ = run(make_linter, project)
    assert sum(checked) == 1
    assert findings == run(make_linter, project, cache=False)[0]


def test_the_cache_holds_no_post_text_and_no_personal_data(make_linter, project):
    run(make_linter, project)
    stored = b"".join(p.read_bytes() for p in (project / ".socialpolicy_cache").rglob("*.cache"))
    assert stored
    assert b"Margaret" not in stored and b"Jones" not in stored
    assert NHS_NUMBER.encode() not in stored and NHS_NUMBER.replace(" ", "").encode() not in stored
    assert b"Get well soon" not in stored


def test_show_evidence_bypasses_the_cache(cli, project):
    result = cli("check", "calendar.yaml", "--show-evidence", "--format", "json", cwd=project)
    assert NHS_NUMBER in result.out
    assert not (project / ".socialpolicy_cache").exists()


def test_changing_a_rule_checks_posts_again(make_linter, project):
    _, _, _ = run(make_linter, project)
    rules = project / "rules"
    rules.mkdir()
    text = (ROOT / "rules" / "post-length.yaml").read_text(encoding="utf-8")
    (rules / "post-length.yaml").write_text(text, encoding="utf-8")
    config = project / "socialpolicy.toml"
    config.write_text('rule_paths = ["rules"]\n' + config.read_text(encoding="utf-8"), encoding="utf-8")
    _, checked, _ = run(make_linter, project)
    assert sum(checked) > 1  # a new rule folder: a new rule pack
    _, checked, _ = run(make_linter, project)
    assert sum(checked) == 0
    (rules / "post-length.yaml").write_text(
        text.replace("\nseverity: error", "\nseverity: warning", 1), encoding="utf-8")
    after, checked, _ = run(make_linter, project)
    assert sum(checked) > 1
    assert {f.severity for f in after if f.rule == "post-length"} == {"warning"}


def test_changing_a_config_key_checks_posts_again(make_linter, project):
    before, _, _ = run(make_linter, project)
    config = project / "socialpolicy.toml"
    config.write_text(config.read_text(encoding="utf-8") + "\n[hashtags]\nmax = 0\n", encoding="utf-8")
    after, checked, _ = run(make_linter, project)
    assert sum(checked) > 1
    assert after == run(make_linter, project, cache=False)[0] != before


def test_changing_the_register_checks_posts_again(make_linter, project):
    before, _, _ = run(make_linter, project)
    register = project / "accounts.yaml"
    text = register.read_text(encoding="utf-8")
    assert "status: active" in text
    register.write_text(text.replace("status: active", "status: revoked"), encoding="utf-8")
    after, checked, _ = run(make_linter, project)
    assert sum(checked) > 1
    assert after == run(make_linter, project, cache=False)[0] != before


def test_changing_the_model_version_checks_posts_again(make_linter, project, monkeypatch):
    run(make_linter, project)
    real = cache_module._version
    monkeypatch.setattr(cache_module, "_version",
                        lambda name: "9.9.9" if name.startswith("en") else real(name))
    _, checked, _ = run(make_linter, project)
    assert sum(checked) > 1


def test_an_edited_data_file_of_the_package_checks_posts_again(make_linter, project, monkeypatch):
    # The given-name list and the personal-data recognizers ship inside the package, not in
    # the rule pack: a new release's edit to them must not be answered from the old cache.
    run(make_linter, project)
    _, checked, _ = run(make_linter, project)
    assert sum(checked) == 0
    real = cache_module._file_hash
    monkeypatch.setattr(cache_module, "_file_hash",
                        lambda path: "edited" if str(path).endswith("given-names.txt") else real(path))
    _, checked, _ = run(make_linter, project)
    assert sum(checked) > 1


def test_a_damaged_cache_is_ignored_rebuilt_and_said_once(make_linter, project):
    expected, _, _ = run(make_linter, project)
    [stored] = (project / ".socialpolicy_cache").rglob("*.cache")
    stored.write_bytes(b'{"version": 1, "posts": {"x": tru')
    config = load_config(project / "socialpolicy.toml")
    linter = make_linter(config, jobs=1, cache_dir=project / ".socialpolicy_cache")
    result = linter.check_paths([str(project / "calendar.yaml")])
    assert result.findings + [s.finding for s in result.suppressed] == expected
    assert [n for n in result.notices if "could not be read back" in n] != []
    json.loads(stored.read_bytes())  # rewritten whole
    _, checked, _ = run(make_linter, project)
    assert sum(checked) == 0


def test_the_cache_is_bounded(tmp_path):
    folder = tmp_path / "cache" / "v1" / "env"
    folder.mkdir(parents=True)
    for index in range(10):
        path = folder / f"{index}.cache"
        path.write_bytes(b"x" * 1000)
        import os

        os.utime(path, (index, index))
    cache_module.prune(tmp_path / "cache", 5000)
    left = sorted(int(p.stem) for p in folder.glob("*.cache"))
    assert sum((folder / f"{i}.cache").stat().st_size for i in left) <= 4000
    assert left == list(range(10 - len(left), 10))  # the least recently used went first


def _writer(folder: str, marker: int) -> None:
    for round_ in range(40):
        entries = {f"post-{i}": [[[1, 1, "post-length", "error", "m" * (marker * 50 + round_),
                                   None, 1, 1, "", ""]], []] for i in range(200)}
        cache_module._write_atomic(Path(folder) / "shared.cache", entries)


def test_two_runs_writing_at_once_never_leave_a_broken_file(tmp_path):
    context = multiprocessing.get_context("fork")
    writers = [context.Process(target=_writer, args=(str(tmp_path), n)) for n in (1, 2)]
    for writer in writers:
        writer.start()
    reads = 0
    while any(w.is_alive() for w in writers):
        path = tmp_path / "shared.cache"
        if path.exists():
            cache_module._parse(path.read_bytes())  # raises Damaged on a torn file
            reads += 1
    for writer in writers:
        writer.join()
        assert writer.exitcode == 0
    assert len(cache_module._parse((tmp_path / "shared.cache").read_bytes())) == 200
    assert not list(tmp_path.glob(".tmp-*"))


def test_cache_dir_setting_and_default_place(tmp_path):
    (tmp_path / "socialpolicy.toml").write_text('cache_dir = "build/lint-cache"\n', encoding="utf-8")
    config = load_config(tmp_path / "socialpolicy.toml")
    assert cache_module.default_folder(config) == tmp_path / "build" / "lint-cache"
    (tmp_path / "socialpolicy.toml").write_text("", encoding="utf-8")
    assert cache_module.default_folder(load_config(tmp_path / "socialpolicy.toml")) == (
        tmp_path / ".socialpolicy_cache")


def test_post_keys_are_the_same_in_every_process(tmp_path):
    """Keys must not depend on Python's per-process hash seed, or no run would ever
    find what the previous one stored."""
    import subprocess
    import sys

    code = ("from socialpolicy.config import Config\n"
            "from socialpolicy.inputs import load_file\n"
            "from socialpolicy.cache import post_key\n"
            f"print([post_key(p) for p in load_file({str(EXAMPLES / 'calendar.yaml')!r}, "
            "Config()).posts])\n")
    keys = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           env={"PYTHONHASHSEED": seed}, check=True).stdout
            for seed in ("1", "2", "3")}
    assert len(keys) == 1 and "[" in next(iter(keys))


def test_editing_a_shared_word_list_checks_posts_again(make_linter, project):
    # A Trust's rule folder may keep word lists in vocab/ (its own name, its wards): a list
    # edited there changes what its rules find, so cached results are not reused.
    rules = project / "rules"
    (rules / "vocab").mkdir(parents=True)
    (rules / "post-length.yaml").write_text(
        (ROOT / "rules" / "post-length.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    words = rules / "vocab" / "trust.yaml"
    words.write_text("description: Our names.\nlists:\n  trust_names: [nnuh]\n", encoding="utf-8")
    config = project / "socialpolicy.toml"
    config.write_text('rule_paths = ["rules"]\n' + config.read_text(encoding="utf-8"), encoding="utf-8")
    run(make_linter, project)
    _, checked, _ = run(make_linter, project)
    assert sum(checked) == 0
    words.write_text("description: Our names.\nlists:\n  trust_names: [nnuh, 'norfolk\\s+and\\s+norwich']\n",
                     encoding="utf-8")
    _, checked, _ = run(make_linter, project)
    assert sum(checked) > 1
