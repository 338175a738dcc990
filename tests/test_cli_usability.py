"""The command behaves as users of ruff and yamllint expect (issue 14): configuration
found per file, rule ids forgiving of lists and typos, stdin read as a named file,
what was not checked said out loud, and findings shown where they are."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

ROOT = Path(__file__).resolve().parent.parent
REPORT_SCHEMA = json.loads((ROOT / "schemas" / "report.schema.json").read_text())

LINK_POST = "---\nplatform: twitter\n---\nRead this http://example.org today\n"


# -- 1. configuration per file --------------------------------------------------

def test_each_file_uses_the_configuration_nearest_to_it(cli, tmp_path):
    calm = tmp_path / "calm"
    strict = tmp_path / "strict"
    for folder in (calm, strict):
        folder.mkdir()
        (folder / "post.md").write_text(LINK_POST)
    (calm / "socialpolicy.toml").write_text('ignore = ["link-safety"]\n')
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = cli("check", str(calm / "post.md"), str(strict / "post.md"),
                 "--select", "link-safety,post-length", "--format", "json", cwd=elsewhere)
    files = {Path(f["file"]).parent.name for f in json.loads(result.out)["findings"]}
    assert files == {"strict"}, result
    assert result.code == 1


def test_a_calendar_checked_from_another_folder_keeps_its_register(cli, tmp_path):
    project = tmp_path / "comms"
    project.mkdir()
    (project / "accounts.yaml").write_text(
        "- handle: '@JamesPagetNHS'\n  platform: twitter\n  owner: Comms\n"
        "  approved_by: Director\n  approved_on: 2024-01-01\n  status: active\n"
    )
    (project / "socialpolicy.toml").write_text('accounts = "accounts.yaml"\n')
    (project / "calendar.yaml").write_text(
        "posts:\n  - id: p1\n    account: '@RogueWard'\n    platform: twitter\n"
        "    text: Our new day unit opens on Monday.\n"
    )
    result = cli("check", str(project / "calendar.yaml"), "--select", "unauthorised-account",
                 cwd=tmp_path)
    assert "unauthorised-account" in result.out, result
    assert "no accounts register is configured" not in result.err


def test_config_option_overrides_the_nearest_file(cli, tmp_path):
    (tmp_path / "post.md").write_text(LINK_POST)
    (tmp_path / "socialpolicy.toml").write_text('ignore = ["link-safety"]\n')
    other = tmp_path / "other.toml"
    other.write_text("fail_on = \"warning\"\n")
    ignored = cli("check", str(tmp_path / "post.md"), "--select", "link-safety")
    assert ignored.code == 0 and "link-safety" not in ignored.out, ignored
    chosen = cli("check", str(tmp_path / "post.md"), "--config", str(other))
    assert "link-safety" in chosen.out and chosen.code == 1


# -- 2. rule ids ------------------------------------------------------------------

@pytest.mark.parametrize("args", [
    ["--select", "link-safety,post-length"],
    ["--select", "link-safety", "--select", "post-length"],
    ["--select", " link-safety , post-length "],
])
def test_select_takes_comma_lists_and_repeats(cli, tmp_path, args):
    draft = tmp_path / "post.md"
    draft.write_text(LINK_POST)
    result = cli("check", str(draft), *args, "--format", "json")
    assert {f["rule"] for f in json.loads(result.out)["findings"]} == {"link-safety"}, result


def test_ignore_takes_comma_lists(cli, tmp_path):
    draft = tmp_path / "post.md"
    draft.write_text(LINK_POST + "#a #b #c #d #e\n")
    result = cli("check", str(draft), "--ignore", "link-safety,hashtag-guidance",
                 "--select", "link-safety,hashtag-guidance,post-length")
    assert result.code == 0, result


@pytest.mark.parametrize("flag", ["--select", "--ignore"])
def test_a_misspelt_rule_id_gets_a_suggestion(cli, tmp_path, flag):
    draft = tmp_path / "post.txt"
    draft.write_text("hello")
    result = cli("check", str(draft), flag, "post-length,medical-advise")
    assert result.code == 2
    assert "did you mean 'medical-advice'?" in result.err
    assert flag in result.err


@pytest.mark.parametrize("toml", [
    'select = ["link-safty"]\n',
    'ignore = ["link-safty"]\n',
    '[severity]\nlink-safty = "error"\n',
])
def test_a_misspelt_rule_id_in_the_configuration_names_file_line_and_suggestion(cli, tmp_path, toml):
    (tmp_path / "socialpolicy.toml").write_text("# ours\n" + toml)
    (tmp_path / "post.txt").write_text("hello")
    result = cli("check", str(tmp_path / "post.txt"))
    assert result.code == 2
    line = toml.count("\n") + 1  # the line the misspelt id is written on
    assert f"{tmp_path / 'socialpolicy.toml'}:{line}:" in result.err
    assert "did you mean 'link-safety'?" in result.err


def test_rules_show_suggests_the_nearest_id(cli):
    result = cli("rules", "show", "medical-advise")
    assert result.code == 2
    assert "did you mean 'medical-advice'?" in result.err


@pytest.mark.parametrize("platform", ["Twitter", "TWITTER", "X"])
def test_platform_is_case_insensitive(cli, tmp_path, platform):
    draft = tmp_path / "post.txt"
    draft.write_text("a" * 300)
    result = cli("check", str(draft), "--platform", platform, "--select", "post-length")
    assert result.code == 1, result
    assert "post-length" in result.out


# -- 3. stdin ---------------------------------------------------------------------

def test_stdin_filename_reads_front_matter(cli):
    result = cli("check", "-", "--stdin-filename", "draft.md", "--select", "post-length",
                 "--format", "json", input="---\nplatform: twitter\n---\n" + "a" * 300 + "\n")
    report = json.loads(result.out)
    assert [f["rule"] for f in report["findings"]] == ["post-length"], result
    assert report["findings"][0]["file"] == "draft.md"
    assert report["findings"][0]["line"] == 4
    assert "front matter" not in result.err


def test_stdin_without_a_name_is_plain_text_and_front_matter_gets_a_hint(cli):
    result = cli("check", "-", "--select", "post-length",
                 input="---\nplatform: twitter\n---\nhello\n")
    hints = [line for line in result.err.splitlines() if "--stdin-filename" in line]
    assert len(hints) == 1, result.err


def test_a_txt_draft_with_front_matter_is_told_to_rename_it(cli, tmp_path):
    draft = tmp_path / "post.txt"
    draft.write_text("---\nplatform: twitter\n---\nhello\n")
    result = cli("check", str(draft), "--select", "post-length")
    assert "rename it to .md" in result.err, result
    plain = tmp_path / "plain.txt"
    plain.write_text("hello --- there")
    assert "rename" not in cli("check", str(plain), "--select", "post-length").err


# -- 4. what was not checked --------------------------------------------------------

def test_no_platform_is_one_notice_per_run(cli, tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("hello")
    result = cli("check", str(tmp_path), "--select", "post-length")
    notices = [line for line in result.err.splitlines() if "post-length was not checked" in line]
    assert len(notices) == 1, result.err
    assert "2 posts have no platform" in notices[0]
    with_platform = cli("check", str(tmp_path), "--select", "post-length", "--platform", "x")
    assert "post-length was not checked" not in with_platform.err


@pytest.mark.parametrize("suffix", [".docx", ".rtf", ".pages", ".doc", ".odt"])
def test_word_documents_are_refused_plainly(cli, tmp_path, suffix):
    document = tmp_path / f"draft{suffix}"
    document.write_bytes(b"PK\x03\x04 binary")
    result = cli("check", str(document))
    assert result.code == 2
    assert "Word documents are not read: paste the text into a .txt or .md file" in result.err
    assert "Traceback" not in result.err


def test_an_empty_folder_says_so_and_passes(cli, tmp_path):
    result = cli("check", str(tmp_path))
    assert result.code == 0
    assert "no drafts or calendars found" in result.err


# -- 5. output ----------------------------------------------------------------------

def test_text_report_shows_the_line_and_a_caret_under_the_finding(cli, tmp_path):
    draft = tmp_path / "post.md"
    draft.write_text(LINK_POST)
    lines = cli("check", str(draft), "--select", "link-safety", "--color", "never").out.splitlines()
    assert lines[1] == "  4 | Read this http://example.org today"
    assert lines[2] == "    |           " + "^" * len("http://example.org")


def test_the_excerpt_masks_personal_data_only(cli, tmp_path):
    draft = tmp_path / "post.md"
    draft.write_text("---\nplatform: twitter\n---\nRing 07700 900123 or see http://example.org\n")
    out = cli("check", str(draft), "--select", "link-safety,patient-identifier").out
    assert "07700" not in out and "900123" not in out
    assert "http://example.org" in out  # the rest of the line is as written
    shown = cli("check", str(draft), "--select", "link-safety", "--show-evidence").out
    assert "Ring 07700 900123 or see http://example.org" in shown


def test_post_length_caret_marks_the_first_character_over_the_limit(cli, tmp_path):
    draft = tmp_path / "post.txt"
    draft.write_text("a" * 280 + "b" * 5)
    out = cli("check", str(draft), "--platform", "twitter", "--select", "post-length").out
    excerpt, caret = out.splitlines()[1:3]
    assert caret.index("^") - caret.index("|") == excerpt.index("b") - excerpt.index("|")


def test_json_and_sarif_carry_the_excerpt(cli, tmp_path):
    draft = tmp_path / "post.md"
    draft.write_text(LINK_POST)
    report = json.loads(cli("check", str(draft), "--select", "link-safety", "--format", "json").out)
    jsonschema.validate(report, REPORT_SCHEMA)
    excerpt = report["findings"][0]["excerpt"]
    assert excerpt["text"] == "Read this http://example.org today"
    assert excerpt["text"][excerpt["column"] - 1:excerpt["end_column"] - 1] == "http://example.org"
    sarif = json.loads(cli("check", str(draft), "--select", "link-safety", "--format", "sarif").out)
    location = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["contextRegion"]["snippet"]["text"] == excerpt["text"]


def test_output_file_is_announced_on_stderr(cli, tmp_path):
    draft = tmp_path / "post.md"
    draft.write_text(LINK_POST)
    target = tmp_path / "report.json"
    result = cli("check", str(draft), "--select", "link-safety", "-o", str(target), "--format", "json")
    assert target.exists()
    assert f"wrote {target}" in result.err
    missing = cli("check", str(draft), "-o", str(tmp_path / "nowhere" / "r.json"))
    assert missing.code == 2 and "does not exist" in missing.err
    assert "internal error" not in missing.err


def test_statistics_counts_findings_per_rule(cli, tmp_path):
    for name in ("a.md", "b.md"):
        (tmp_path / name).write_text(LINK_POST + "#a #b #c #d #e\n")
    result = cli("check", str(tmp_path), "--statistics", "--select", "link-safety,hashtag-guidance")
    lines = result.out.splitlines()
    assert lines[0].split()[:3] == ["2", "warning", "hashtag-guidance"] or \
        lines[0].split()[:3] == ["2", "warning", "link-safety"]
    assert len(lines) == 3 and lines[-1].startswith("4 problems")
    assert "instead:" not in result.out
    assert result.code == 1


def test_exit_zero_keeps_the_report_and_exits_0(cli, tmp_path):
    draft = tmp_path / "post.md"
    draft.write_text(LINK_POST)
    result = cli("check", str(draft), "--exit-zero", "--select", "link-safety")
    assert result.code == 0 and "link-safety" in result.out
    broken = cli("check", str(tmp_path / "missing.md"), "--exit-zero")
    assert broken.code == 2


@pytest.mark.parametrize(("args", "env", "coloured"), [
    (["--color", "always"], {}, True),
    (["--color", "never"], {"FORCE_COLOR": "1"}, False),
    ([], {"FORCE_COLOR": "1"}, True),
    ([], {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
    ([], {}, False),  # not a terminal
])
def test_colour_follows_the_flag_then_no_color_and_force_color(cli, tmp_path, args, env, coloured):
    draft = tmp_path / "post.md"
    draft.write_text(LINK_POST)
    out = cli("check", str(draft), "--select", "link-safety", *args,
              env={"NO_COLOR": None, "FORCE_COLOR": None, **env}).out
    assert ("\x1b[" in out) == coloured


def test_colour_never_goes_into_a_report_file(cli, tmp_path):
    draft = tmp_path / "post.md"
    draft.write_text(LINK_POST)
    target = tmp_path / "report.txt"
    cli("check", str(draft), "--select", "link-safety", "--color", "always", "-o", str(target))
    assert "\x1b[" not in target.read_text()


def test_rules_list_is_an_aligned_table_naming_each_policy_once(cli):
    lines = cli("rules", "list").out.splitlines()
    assert lines[0].split() == ["rule", "severity", "title", "clause"]
    title_at = lines[0].index("title")
    clause_at = lines[0].index("clause")
    for line in lines[1:]:
        assert line[title_at - 2:title_at] == "  " and line[title_at] != " "
        assert line[clause_at - 2:clause_at] == "  " and line[clause_at] != " "
        clause = line[clause_at:]
        assert clause.count("JPUH-BUSM") <= 1, line
    unauthorised = next(line for line in lines if line.startswith("unauthorised-account"))
    assert unauthorised.endswith("JPUH-BUSM 7.0")


def test_rules_show_prints_the_metadata_that_decides_an_example(cli):
    out = cli("rules", "show", "named-person-consent").out
    fine = out.split("Examples that are fine:")[1]
    assert "Congratulations to Sister Amy Jones" in fine
    assert "consent: [{name: Amy Jones}]" in fine
    assert "configuration: {allow: {public_figures: [Anna Davis]}}" in fine


# -- 6. one finding per thing ---------------------------------------------------------

def test_a_poll_post_gives_one_poll_canvassing_error_with_its_reasons(cli, tmp_path):
    draft = tmp_path / "poll.md"
    draft.write_text(
        "---\nplatform: twitter\npoll:\n  question: Which clinic is best?\n  options: [A, B]\n"
        "---\nQuick poll: vote below with your choice! Which ward was friendliest? Comment below\n"
    )
    report = json.loads(cli("check", str(draft), "--select", "poll-canvassing", "--format", "json").out)
    findings = report["findings"]
    assert len(findings) == 1, findings
    assert "poll attached" in findings[0]["message"]
    assert "(2)" in findings[0]["message"]


def test_stdin_uses_the_configuration_of_the_current_folder(cli, tmp_path):
    configured, elsewhere = tmp_path / "configured", tmp_path / "elsewhere"
    configured.mkdir()
    elsewhere.mkdir()
    (configured / "socialpolicy.toml").write_text('ignore = ["link-safety"]\n')
    here = cli("check", "-", "--select", "link-safety,post-length", cwd=configured,
               input="Read this http://example.org today")
    assert here.code == 0 and "link-safety" not in here.out, here
    there = cli("check", "-", "--select", "link-safety", cwd=elsewhere,
                input="Read this http://example.org today")
    assert there.code == 1 and "link-safety" in there.out


class _Terminal:
    """A stderr that says it is a terminal, recording what is drawn on it."""

    def __init__(self) -> None:
        self.written: list[str] = []

    def isatty(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self.written.append(text)
        return len(text)

    def flush(self) -> None:
        pass


def test_a_terminal_is_told_the_language_model_is_loading_then_the_line_is_cleared(monkeypatch):
    from socialpolicy import run

    class Model:
        def available(self) -> bool:
            return True

    terminal = _Terminal()
    monkeypatch.setattr(run.sys, "stderr", terminal)
    assert run._model_ready(Model(), progress=True)  # type: ignore[arg-type]
    assert terminal.written[0].startswith("loading the language model")
    assert terminal.written[-1] == "\r\x1b[K"
    quiet = _Terminal()
    monkeypatch.setattr(run.sys, "stderr", quiet)
    run._model_ready(Model(), progress=False)  # type: ignore[arg-type]
    assert quiet.written == []


def test_two_configurations_share_one_language_model(cli, tmp_path, monkeypatch):
    from socialpolicy.nlp import Language

    loads = []
    real_load = Language.load

    def counting(self):  # type: ignore[no-untyped-def]
        if self._nlp is None:  # a real load, not the loaded pipeline handed back
            loads.append(self)
        return real_load(self)

    monkeypatch.setattr(Language, "load", counting)
    for name, toml in (("a", 'ignore = ["link-safety"]\n'), ("b", "fail_on = \"error\"\n")):
        (tmp_path / name).mkdir()
        (tmp_path / name / "socialpolicy.toml").write_text(toml)
        (tmp_path / name / "post.txt").write_text("Wishing Margaret Thompson well http://example.org")
    result = cli("check", str(tmp_path / "a"), str(tmp_path / "b"), "--format", "json")
    report = json.loads(result.out)
    rules = {(Path(f["file"]).parent.name, f["rule"]) for f in report["findings"]}
    assert ("a", "named-person-consent") in rules and ("b", "named-person-consent") in rules
    assert ("a", "link-safety") not in rules and ("b", "link-safety") in rules
    assert len(loads) == 1


def test_a_long_line_is_shown_as_a_window_around_the_finding():
    from socialpolicy.reports.text import excerpt_lines

    line = "word " * 60 + "http://example.org" + " tail" * 40
    start = line.index("http://")
    shown, caret = excerpt_lines(line, (start, start + len("http://example.org")))
    assert len(shown) <= 102 and shown.startswith("…") and shown.endswith("…")
    assert shown[caret.index("^"):].startswith("http://example.org")
    wide, caret = excerpt_lines("😀😀 http://x.org", (3, 15))
    assert caret.index("^") == 5  # two wide characters take two columns each


@pytest.mark.e2e
def test_on_a_real_terminal_the_report_is_coloured_and_the_model_load_is_shown(tmp_path):
    """End to end in a pseudo-terminal, as a user at a shell sees it."""
    import os
    import pty
    import subprocess
    import sys

    draft = tmp_path / "post.md"
    draft.write_text("---\nplatform: twitter\n---\nWishing Margaret Thompson well http://example.org\n")
    leader, follower = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "GITHUB_ACTIONS")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "socialpolicy", "check", str(draft),
         "--select", "link-safety,named-person-consent"],
        stdin=follower, stdout=follower, stderr=follower, env=env, close_fds=True,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 4096)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=120)
    os.close(leader)
    seen = b"".join(chunks).decode("utf-8", "replace")
    assert "loading the language model" in seen
    assert "\x1b[" in seen and "link-safety" in seen
    assert "Margaret Thompson" not in seen


def test_a_file_named_twice_is_checked_once(cli, tmp_path):
    draft = tmp_path / "post.md"
    draft.write_text(LINK_POST)
    result = cli("check", str(tmp_path), str(draft), "--select", "link-safety", "--format", "json")
    report = json.loads(result.out)
    assert report["summary"]["files"] == 1 and len(report["findings"]) == 1


def test_statistics_is_a_text_report(cli, tmp_path):
    draft = tmp_path / "post.md"
    draft.write_text(LINK_POST)
    result = cli("check", str(draft), "--statistics", "--format", "json")
    assert result.code == 2
    assert "--statistics" in result.err and "Traceback" not in result.err
