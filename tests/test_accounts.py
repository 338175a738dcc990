"""The accounts register and unauthorised-account (JPUH-BUSM 7.0)."""

from __future__ import annotations

from pathlib import Path

import pytest

from socialpolicy.accounts import load_register, register_from_entries
from socialpolicy.config import load_config
from socialpolicy.engine import REGISTER_NOTICE, Linter
from socialpolicy.errors import ConfigError
from socialpolicy.ruleset import load_rule_file

ROOT = Path(__file__).resolve().parent.parent
REGISTER = """\
- handle: "@JamesPagetNHS"
  platform: twitter
  owner: Communications Department
  approved_by: Head of Communications
  approved_on: 2012-06-01
  status: active
- handle: "@JPUHMaternity"
  platform: instagram
  status: active
- handle: "@JPUHCharity"
  platform: x
  status: revoked
"""


def project(tmp_path: Path, register: str | None = REGISTER) -> Path:
    """A folder with socialpolicy.toml naming accounts.yaml; returns the config path."""
    config = tmp_path / "socialpolicy.toml"
    if register is None:
        config.write_text("", encoding="utf-8")
    else:
        (tmp_path / "accounts.yaml").write_text(register, encoding="utf-8")
        config.write_text('accounts = "accounts.yaml"\n', encoding="utf-8")
    return config


def linter_for(config_path: Path) -> Linter:
    config = load_config(config_path)
    rule = load_rule_file(ROOT / "rules" / "unauthorised-account.yaml", config)
    return Linter(config, rules=[rule])


@pytest.mark.parametrize(
    ("account", "platform"),
    [
        ("@JamesPagetNHS", "twitter"),
        ("JamesPagetNHS", "twitter"),
        ("@jamespagetnhs", "x"),
        ("  @JAMESPAGETNHS ", "twitter"),
        ("@jpuhmaternity", "instagram"),
        ("@JamesPagetNHS", None),
    ],
)
def test_registered_accounts_pass_with_or_without_at_and_in_any_case(tmp_path, account, platform):
    linter = linter_for(project(tmp_path))
    meta = {"account": account} | ({"platform": platform} if platform else {})
    assert linter.check_text("Visiting times are changing", **meta) == []


@pytest.mark.parametrize(
    ("account", "platform", "words"),
    [
        ("@JPUHCareers", "twitter", "is not in the accounts register"),
        ("@JPUHCharity", "twitter", "marked revoked"),
        ("@JPUHMaternity", "facebook", "for instagram but not on facebook"),
        ("@JamesPagetNH5", "twitter", "is not in the accounts register"),
    ],
)
def test_missing_or_revoked_accounts_are_errors_saying_which(tmp_path, account, platform, words):
    linter = linter_for(project(tmp_path))
    [finding] = linter.check_text("Hello", account=account, platform=platform)
    assert finding.severity == "error" and finding.rule == "unauthorised-account"
    assert words in finding.message


def test_finding_points_at_the_account_field_of_the_calendar_entry(tmp_path):
    linter = linter_for(project(tmp_path))
    calendar = tmp_path / "calendar.yaml"
    calendar.write_text(
        "posts:\n  - text: Hello\n    platform: twitter\n    account: '@Nobody'\n",
        encoding="utf-8",
    )
    [finding] = linter.check_paths([str(calendar)]).findings
    assert (finding.line, finding.column) == (4, 5)


def test_no_register_configured_says_nothing_but_one_notice(tmp_path):
    linter = linter_for(project(tmp_path, register=None))
    folder = tmp_path / "drafts"
    folder.mkdir()
    for name in ("a.md", "b.md"):
        (folder / name).write_text("---\naccount: '@Anyone'\n---\nHello\n", encoding="utf-8")
    result = linter.check_paths([str(folder)])
    assert result.findings == []
    assert result.notices == [REGISTER_NOTICE]


def test_no_notice_when_no_post_names_an_account(tmp_path):
    linter = linter_for(project(tmp_path, register=None))
    draft = tmp_path / "a.txt"
    draft.write_text("Hello", encoding="utf-8")
    assert linter.check_paths([str(draft)]).notices == []


def test_register_is_read_once_per_linter(tmp_path):
    config_path = project(tmp_path)
    linter = linter_for(config_path)
    assert linter.check_text("Hello", account="@JPUHCareers", platform="twitter")
    # Approving the account in the file later does not change a run already under way...
    (tmp_path / "accounts.yaml").write_text(
        REGISTER + "- {handle: '@JPUHCareers', platform: twitter, status: active}\n",
        encoding="utf-8",
    )
    assert linter.check_text("Hello", account="@JPUHCareers", platform="twitter")
    # ...and a new Linter reads the new register.
    assert linter_for(config_path).check_text("Hi", account="@JPUHCareers", platform="twitter") == []


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("- handle: '@a'\n  platform: twitter\n  status: maybe\n", 3, "status"),
        ("- handle: '@a'\n  platform: twitter\n  status: active\n  onwer: Comms\n", 4, "onwer"),
        ("- handle: '@a'\n  status: active\n", 1, "platform"),
        ("- {handle: '@a', platform: twitter, status: active}\n"
         "- {handle: 'A', platform: x, status: revoked}\n", 2, "listed twice"),
        ("- handle: '@a'\n  handle: '@b'\n", 2, "duplicate key"),
    ],
)
def test_a_broken_register_is_a_configuration_error_with_its_line(tmp_path, text, line, words):
    path = tmp_path / "accounts.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_register(path)
    assert caught.value.line == line, caught.value
    assert words in caught.value.reason


def test_register_may_also_be_a_mapping_with_accounts(tmp_path):
    path = tmp_path / "accounts.yaml"
    path.write_text("accounts:\n  - {handle: '@a', platform: x, status: active}\n", encoding="utf-8")
    register = load_register(path)
    assert register.status_of("A", "twitter") == "active"


def test_missing_register_file_is_a_configuration_error(tmp_path):
    (tmp_path / "socialpolicy.toml").write_text('accounts = "nope.yaml"\n', encoding="utf-8")
    linter = linter_for(tmp_path / "socialpolicy.toml")
    with pytest.raises(ConfigError) as caught:
        linter.check_text("Hello", account="@a", platform="twitter")
    assert "does not exist" in caught.value.reason


def test_inline_register_for_library_callers():
    register = register_from_entries([{"handle": "@a", "platform": "twitter", "status": "active"}],
                                     "inline")
    rule = load_rule_file(ROOT / "rules" / "unauthorised-account.yaml", load_config(None))
    linter = Linter(rules=[rule], register=register)
    assert linter.check_text("Hi", account="@a", platform="twitter") == []
    assert linter.check_text("Hi", account="@b", platform="twitter")


def test_cli_register_is_skipped_and_revoked_account_fails(tmp_path, run_cli):
    project(tmp_path)
    (tmp_path / "calendar.yaml").write_text(
        "posts:\n  - text: Fun run on Sunday\n    account: '@JPUHCharity'\n    platform: twitter\n",
        encoding="utf-8",
    )
    result = run_cli("check", ".", "--select", "unauthorised-account", cwd=tmp_path)
    assert result.code == 1, result
    assert "calendar.yaml:3:5: error[unauthorised-account]" in result.out
    assert "accounts.yaml" not in result.out + result.err  # the register is not a calendar


def test_cli_notice_when_no_register(tmp_path, run_cli):
    (tmp_path / "post.md").write_text("---\naccount: '@Anyone'\n---\nHello\n", encoding="utf-8")
    result = run_cli("check", "post.md", "--select", "unauthorised-account", cwd=tmp_path)
    assert result.code == 0, result
    assert result.err.count("no accounts register is configured") == 1
    assert "Hello" not in result.err
