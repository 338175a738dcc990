"""The pre-commit hook: a valid manifest, and real `pre-commit run`s in a content-calendar
repository whose `.pre-commit-config.yaml` names this package, failing on a violating
draft and passing a clean one.

The end-to-end tests build the hook's environment from PyPI (pre-commit pip-installs this
package with spaCy and presidio): minutes. They share one PRE_COMMIT_HOME for the session,
so the environment is built once and the later runs reuse it, as on a developer's machine
(`pre-commit try-repo` would build a new one every time: it keeps its own store). Under
pytest-xdist, `--dist loadfile` (as .ci/run) runs this file on one worker, so the build
happens once there too.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / ".pre-commit-hooks.yaml"


def pre_commit(
    *args: str, cwd: Path, env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    # Without COVERAGE_PROCESS_CONFIG: pre-commit, virtualenv and pip run none of
    # socialpolicy's code, and measuring them only slowed them down.
    full_env = {k: v for k, v in os.environ.items()
                if not k.startswith(("GITHUB_", "PRE_COMMIT")) and k != "COVERAGE_PROCESS_CONFIG"}
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def git(*args: str, cwd: Path) -> None:
    subprocess.run(
        [
            "git",
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@example.invalid",
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
            *args,
        ],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


def test_manifest_is_valid_for_pre_commit():
    result = pre_commit("validate-manifest", str(MANIFEST), cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_manifest_declares_the_contracted_hook():
    [hook] = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    assert hook["id"] == "socialpolicy"
    # --require-ner: a hook environment without name detection fails instead of passing.
    assert hook["entry"] == "socialpolicy check --require-ner"
    assert hook["language"] == "python"
    # Every draft and calendar the command reads by default reaches the hook, a calendar
    # kept in Excel too (pre-commit's file types have none for .xlsx); nothing else does.
    assert hook["types"] == ["file"]
    for name in ("draft.txt", "draft.md", "calendar.yaml", "c.yml", "c.json", "c.csv",
                 "calendar.xlsx", "CALENDAR.XLSX"):
        assert re.search(hook["files"], name), name
    for name in ("setup.py", "logo.png", "notes.docx", "calendar.xlsx.bak"):
        assert not re.search(hook["files"], name), name
    # One process for all files: the language model loads once, not once per batch.
    assert hook["require_serial"] is True
    assert hook["name"] and hook["description"]


def test_a_broken_manifest_is_caught(tmp_path):
    broken = tmp_path / ".pre-commit-hooks.yaml"
    broken.write_text("- id: socialpolicy\n  entry: socialpolicy check\n")
    assert pre_commit("validate-manifest", str(broken), cwd=tmp_path).returncode != 0


# -- end to end ---------------------------------------------------------------------------

VIOLATING_DRAFT = (
    "---\nplatform: facebook\n---\n"
    "Visiting times change on Monday: read the details at http://www.jpaget.nhs.uk/visiting\n"
)
CLEAN_DRAFT = VIOLATING_DRAFT.replace("http://", "https://")
VIOLATING_CALENDAR = """\
posts:
  - id: day-unit
    platform: facebook
    text: Our new day unit opens on Monday.
  - id: parking
    platform: twitter
    text: Parking is changing, see http://www.jpaget.nhs.uk/parking for details
"""
CLEAN_CALENDAR = VIOLATING_CALENDAR.replace("http://", "https://")
# Other YAML in a content repository (not a calendar) must never break the hook.
OTHER_YAML = "name: checks\non: [push]\n"


def _snapshot(tmp: Path) -> Path:
    """This checkout as it would be committed (tracked and new, not ignored, files), as a
    one-commit repository: try-repo on the checkout itself would leave out new files."""
    listing = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    snapshot = tmp / "socialpolicy-src"
    for name in filter(None, listing.split("\0")):
        source = ROOT / name
        if not source.is_file():
            continue  # deleted in the working tree but not yet in git
        target = snapshot / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
    git("init", "-q", cwd=snapshot)
    git("add", "-A", cwd=snapshot)
    git("commit", "-q", "-m", "snapshot", cwd=snapshot)
    return snapshot


@pytest.fixture(scope="session")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path]]:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs git and a git checkout of socialpolicy")
    base = tmp_path_factory.mktemp("pre-commit")
    yield _snapshot(base), base / "home"


def _content_repo(tmp_path: Path, files: dict[str, str]) -> Path:
    repo = tmp_path / "content"
    repo.mkdir()
    for name, text in files.items():
        path = repo / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    git("init", "-q", cwd=repo)
    git("add", "-A", cwd=repo)
    git("commit", "-q", "-m", "drafts", cwd=repo)
    return repo


def _run_hook(hook_repo: tuple[Path, Path], tmp_path: Path,
              files: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """``pre-commit run --all-files`` in a new content repository whose configuration
    uses the hook from the snapshot, as a Trust's content repository would."""
    source, home = hook_repo
    rev = subprocess.run(["git", "rev-parse", "HEAD"], cwd=source, capture_output=True,
                         text=True, check=True).stdout.strip()
    config = yaml.safe_dump({"repos": [{"repo": str(source), "rev": rev,
                                        "hooks": [{"id": "socialpolicy"}]}]})
    content = _content_repo(tmp_path, {".pre-commit-config.yaml": config, **files})
    # The first run in a session builds the hook's virtualenv from PyPI: minutes.
    return pre_commit(
        "run",
        "--all-files",
        "--color",
        "never",
        cwd=content,
        # PIP_NO_COMPILE: pip skips byte-compiling every installed module of spaCy,
        # presidio and the rest (a large part of the build); the hook then compiles
        # only what it imports, on first use, as Python always does.
        env={"PRE_COMMIT_HOME": str(home), "PIP_NO_COMPILE": "1",
             "PIP_DISABLE_PIP_VERSION_CHECK": "1"},
        timeout=1800,
    )


PATIENT_CALENDAR = """\
posts:
  - id: get-well
    platform: facebook
    text: Wishing Margaret Thompson a speedy recovery after her hip surgery. She was diagnosed with osteoporosis last year.
"""


@pytest.mark.e2e
def test_hook_fails_on_violating_posts_and_shows_the_findings(hook_repo, tmp_path):
    # One run of the hook for every finding it must show (each run loads the language
    # model in the hook's own environment): links in a draft and a calendar, and a named
    # patient only name detection can find, which proves the environment has it.
    files = {
        "drafts/visiting.md": VIOLATING_DRAFT,
        "calendar/june.yaml": VIOLATING_CALENDAR,
        "calendar/july.yaml": PATIENT_CALENDAR,
        "ci/workflow.yml": OTHER_YAML,
        "README.md": "# Drafts\n",
    }
    result = _run_hook(hook_repo, tmp_path, files)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Failed" in output
    assert "drafts/visiting.md:4:" in output
    # The calendar finding points at the line of the post in the calendar file.
    assert "calendar/june.yaml:7:" in output and "[post parking]" in output
    assert output.count("warning[link-safety]") == 2
    assert "(JPUH-BUSM 5.0(12))" in output
    assert "error[named-person-consent]" in output and "[post get-well]" in output
    assert "name detection is off" not in output
    assert "Margaret Thompson" not in output  # masked, as everywhere


@pytest.mark.e2e
def test_hook_passes_clean_posts(hook_repo, tmp_path):
    files = {
        "drafts/visiting.md": CLEAN_DRAFT,
        "calendar/june.yaml": CLEAN_CALENDAR,
        "ci/workflow.yml": OTHER_YAML,
        "README.md": "# Drafts\n",
    }
    result = _run_hook(hook_repo, tmp_path, files)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Passed" in output
