"""`socialpolicy init`: starter files that work, and never a file overwritten."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from socialpolicy.config import load_config
from socialpolicy.starter import write_starter

STARTERS = ("socialpolicy.toml", "accounts.yaml", "calendar.yaml", ".pre-commit-config.yaml")


def test_init_writes_every_starter_file_and_says_so(run_cli, tmp_path):
    result = run_cli("init", cwd=tmp_path)
    assert result.code == 0, result
    for name in STARTERS:
        assert (tmp_path / name).is_file(), name
        assert f"wrote {name}" in result.out
    assert not (tmp_path / ".pre-commit-socialpolicy.yaml").exists()
    assert "socialpolicy check ." in result.out


def test_starter_settings_load_and_point_at_the_register(tmp_path):
    list(write_starter(tmp_path))
    config = load_config(tmp_path / "socialpolicy.toml")
    assert config.accounts == tmp_path / "accounts.yaml"
    assert config.fail_on == "warning"
    assert "01493 452452" in config.allow_contacts


def test_starter_folder_checks_clean(run_cli, tmp_path):
    run_cli("init", cwd=tmp_path)
    result = run_cli("check", ".", cwd=tmp_path)
    # The example calendar is a model to copy: it must not break the policy itself.
    assert result.code == 0, result


def test_starter_pre_commit_config_is_valid(tmp_path):
    list(write_starter(tmp_path))
    result = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-config", ".pre-commit-config.yaml"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_existing_files_are_never_overwritten(run_cli, tmp_path):
    mine = {
        "socialpolicy.toml": 'fail_on = "error"\n',
        "accounts.yaml": "- {handle: '@Mine', platform: twitter, status: active}\n",
        ".pre-commit-config.yaml": "repos: []\n",
    }
    for name, text in mine.items():
        (tmp_path / name).write_text(text)
    result = run_cli("init", cwd=tmp_path)
    assert result.code == 0, result
    for name, text in mine.items():
        assert (tmp_path / name).read_text() == text
        assert f"skipped {name}: it already exists" in result.out
    assert "wrote calendar.yaml" in result.out
    # The existing pre-commit config gets the hook as a snippet to copy in.
    snippet = tmp_path / ".pre-commit-socialpolicy.yaml"
    assert "wrote .pre-commit-socialpolicy.yaml" in result.out
    assert "entry: socialpolicy check" in snippet.read_text()


def test_second_run_writes_nothing(run_cli, tmp_path):
    run_cli("init", cwd=tmp_path)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    result = run_cli("init", cwd=tmp_path)
    assert result.code == 0
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before
    assert "Nothing written." in result.out
    assert "wrote" not in result.out


def test_settings_in_pyproject_are_respected(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.socialpolicy]\nfail_on = "error"\n')
    lines = list(write_starter(tmp_path))
    assert not (tmp_path / "socialpolicy.toml").exists()
    assert any("pyproject.toml already has a [tool.socialpolicy]" in line for line in lines)


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="root ignores file permissions")
def test_unwritable_folder_is_reported_not_a_crash(tmp_path):
    tmp_path.chmod(0o500)
    try:
        lines = list(write_starter(tmp_path))
    finally:
        tmp_path.chmod(0o700)
    assert any(line.startswith("could not write socialpolicy.toml") for line in lines)
