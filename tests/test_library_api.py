"""The library API, used exactly as another Trust tool would use it: `import socialpolicy`."""

from __future__ import annotations

import importlib.resources
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import socialpolicy

LINK_POST = "Read about visiting at http://www.jpaget.nhs.uk/visiting before you come in"


def test_check_text_returns_findings_with_place_clause_and_advice():
    findings = socialpolicy.check_text(LINK_POST, platform="twitter")
    [finding] = [f for f in findings if f.rule == "link-safety"]
    assert isinstance(finding, socialpolicy.Finding)
    assert finding.severity == "warning"
    assert (finding.line, finding.column) == (1, LINK_POST.index("http://") + 1)
    assert finding.clause.policy == "JPUH-BUSM" and finding.clause.section == "5.0(12)"
    assert finding.suggestion.startswith("Link to the page's https://")
    assert finding.to_dict()["rule"] == "link-safety"


def test_check_text_clean_post_has_no_findings():
    assert socialpolicy.check_text("Our new day unit opens on Monday.", platform="facebook") == []


def test_check_text_uses_metadata_like_front_matter():
    text = "Our team at the awards night"
    photo = [{"file": "team.jpg", "alt": "The team on stage", "people": True}]
    assert not socialpolicy.check_text(text, platform="facebook")
    rules = {f.rule for f in socialpolicy.check_text(text, platform="facebook", media=photo)}
    assert "photo-consent" in rules


def test_personal_data_is_masked_unless_asked(tmp_path):
    text = "Thank you to Mrs Jane Smith, NHS number 943 476 5919, for her kind words"
    findings = socialpolicy.check_text(text, platform="facebook")
    assert findings, "an NHS number must be found"
    assert all("476 5919" not in f.evidence and "Jane" not in f.evidence for f in findings)


def test_check_file_reads_front_matter_and_points_into_the_file(tmp_path):
    draft = tmp_path / "visiting.md"
    draft.write_text(f"---\nplatform: twitter\n---\n\n{LINK_POST}\n", encoding="utf-8")
    [finding] = [f for f in socialpolicy.check_file(draft) if f.rule == "link-safety"]
    assert finding.file == str(draft)
    assert finding.line == 5


def test_check_file_unusable_input_raises_a_readable_error(tmp_path):
    with pytest.raises(socialpolicy.SocialPolicyError) as caught:
        socialpolicy.check_file(tmp_path / "missing.md")
    assert "missing.md" in str(caught.value)
    assert "Traceback" not in str(caught.value)


def test_configuration_is_honoured(tmp_path):
    settings = tmp_path / "socialpolicy.toml"
    settings.write_text('ignore = ["link-safety"]\n')
    config = socialpolicy.load_config(settings)
    assert socialpolicy.check_text(LINK_POST, config=config) == []


def test_one_linter_checks_many_posts_without_reloading(tmp_path, monkeypatch):
    import spacy.util

    from socialpolicy import ruleset

    model_loads = []
    real_load = spacy.util.load_model_from_init_py

    def counting_load(*args, **kwargs):
        model_loads.append(args)
        return real_load(*args, **kwargs)

    monkeypatch.setattr(spacy.util, "load_model_from_init_py", counting_load)
    monkeypatch.chdir(tmp_path)
    linter = socialpolicy.Linter(socialpolicy.load_config())

    def no_reload(*args, **kwargs):
        raise AssertionError("rules were read again after the Linter was built")

    monkeypatch.setattr(ruleset, "read_rule_file", no_reload)
    monkeypatch.setattr(ruleset, "compile_rule", no_reload)
    posts = [
        socialpolicy.Post(
            text=LINK_POST if i % 2 else "Our new day unit opens on Monday.",
            source="planner",
            id=f"post-{i}",
            platform="facebook",
        )
        for i in range(300)
    ]
    first = linter.check_posts(posts)
    second = linter.check_posts(posts[:10])
    assert first.posts == 300
    flagged = {f.post for f in first.findings if f.rule == "link-safety"}
    assert flagged == {f"post-{i}" for i in range(1, 300, 2)}
    assert {f.post for f in second.findings if f.rule == "link-safety"} == {
        f"post-{i}" for i in range(1, 10, 2)
    }
    assert len(model_loads) <= 1


def test_public_names_are_exported_from_the_package_root():
    for name in socialpolicy.__all__:
        assert getattr(socialpolicy, name) is not None, name
    from socialpolicy import Finding, Linter, check_file, check_text  # noqa: F401

    with pytest.raises(AttributeError):
        socialpolicy.not_a_real_name  # noqa: B018


def test_package_is_marked_as_typed():
    assert importlib.resources.files("socialpolicy").joinpath("py.typed").is_file()


@pytest.mark.e2e
def test_a_typed_caller_type_checks(tmp_path):
    """mypy sees the real types of the API: right use passes, a typo is caught."""
    good = tmp_path / "good.py"
    good.write_text(
        textwrap.dedent("""\
        import socialpolicy

        def report(text: str) -> list[str]:
            findings: list[socialpolicy.Finding] = socialpolicy.check_text(text, platform="x")
            linter = socialpolicy.Linter(socialpolicy.load_config())
            result = linter.check_posts([socialpolicy.Post(text=text, source="tool")])
            return [f"{f.rule}:{f.line}:{f.clause.section}" for f in [*findings, *result.findings]]
        """)
    )
    bad = tmp_path / "bad.py"
    bad.write_text(
        textwrap.dedent("""\
        import socialpolicy

        def report(text: str) -> list[int]:
            return [f.rulez for f in socialpolicy.check_text(text)]
        """)
    )
    # Only socialpolicy's own types matter here; skipping spaCy and friends keeps it quick.
    settings = tmp_path / "mypy.ini"
    settings.write_text(
        "[mypy]\nfollow_imports = skip\nignore_missing_imports = true\n"
        "[mypy-socialpolicy.*]\nfollow_imports = silent\n"
    )
    command = [
        sys.executable,
        "-m",
        "mypy",
        "--strict",
        "--config-file",
        str(settings),
        "--cache-dir",
        str(tmp_path / ".mypy"),
    ]
    ok = subprocess.run(
        [*command, str(good)], capture_output=True, text=True, cwd=tmp_path, timeout=600
    )
    assert ok.returncode == 0, ok.stdout + ok.stderr
    wrong = subprocess.run(
        [*command, str(bad)], capture_output=True, text=True, cwd=tmp_path, timeout=600
    )
    assert wrong.returncode == 1
    assert 'has no attribute "rulez"' in wrong.stdout


def test_readme_library_example_runs(tmp_path):
    """The README's example for other Trust tools, run as written."""
    readme = Path(__file__).resolve().parent.parent / "README.md"
    text = readme.read_text(encoding="utf-8")
    marker = "```python\nimport socialpolicy\n"
    if marker not in text:
        pytest.skip("the README has no library example yet")
    code = text.split(marker, 1)[1].split("```", 1)[0]
    namespace: dict[str, object] = {}
    exec(compile("import socialpolicy\n" + code, "README.md", "exec"), namespace)  # noqa: S102
