"""What a rule does beyond finding (its fix, the reply it offers, a platform it needs) is
written in its file, so the program names no rule of the pack and a Trust rule can do
the same (issue 15 item 5: rule-id lists derived from the pack)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from socialpolicy.config import Config
from socialpolicy.engine import Linter
from socialpolicy.resources import builtin_rule_ids
from socialpolicy.ruleset import load_rules

PACKAGE = Path(__file__).resolve().parent.parent / "socialpolicy"
# The program's own code and the web page's: data files shipped inside the package
# (model cards, the starter configuration, the name lists) may name the rule they serve.
CODE = (".py", ".html", ".js")


def _rule_ids_in_code(folder: Path, ids: frozenset[str]) -> list[str]:
    named = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, sorted(ids))) + r")(?![\w-])")
    return [f"{path.relative_to(folder.parent)}:{number}: {line.strip()}"
            for path in sorted(folder.rglob("*")) if path.suffix in CODE
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if named.search(line)]


def test_the_program_names_no_rule_of_the_pack():
    assert _rule_ids_in_code(PACKAGE, builtin_rule_ids()) == []


def test_the_check_finds_a_rule_id_written_in_code(tmp_path):
    folder = tmp_path / "socialpolicy"
    folder.mkdir()
    (folder / "a.py").write_text('x = 1\nif finding.rule == "post-length":\n    pass\n'
                                 "# post-lengthy and my-post-length are other words\n")
    assert _rule_ids_in_code(folder, builtin_rule_ids()) == [
        'socialpolicy/a.py:2: if finding.rule == "post-length":']


def test_the_packs_fixes_and_replies_are_written_in_its_rules():
    rules = {r.id: r for r in load_rules(Config())}
    assert {i: r.fix for i, r in rules.items() if r.fix} == {
        "hashtag-camelcase": "camel-case", "patient-identifier": "mask",
        "medical-advice": "suggested-reply"}
    assert {i: r.reply for i, r in rules.items() if r.reply} == {
        "medical-advice": 1, "reply-signposting": 2}
    assert [i for i, r in rules.items() if r.needs_platform] == ["post-length"]


def _trust_pack(tmp_path: Path, keys: str, detector: str) -> Path:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "mine.yaml").write_text(
        "id: watch-list\ntitle: A Trust's own rule\nseverity: warning\n"
        "clause: {policy: JPUH-BUSM, section: '5.0', quote: 'the policy words quoted here'}\n"
        "message: This post names a medicine on the Trust's watch list.\n"
        "suggestion: 'Take it out and reply, for example: \"Please ask your pharmacist.\"'\n"
        f"{keys}detect:\n  - {detector}\n"
        "examples: {fail: [x, x, x, x, x], pass: [y, y, y, y, y]}\n", encoding="utf-8")
    (tmp_path / "socialpolicy.toml").write_text('rule_paths = ["rules"]\nselect = ["watch-list"]\n',
                                                encoding="utf-8")
    return tmp_path


WATCHED = "{kind: pattern, patterns: ['\\bzopiclone\\b']}"


def test_a_trust_rule_names_an_unsafe_fix_and_only_unsafe_fixes_make_it(cli, tmp_path):
    folder = _trust_pack(tmp_path, "fix: mask\n",
                         "{kind: pattern, personal: true, patterns: ['\\bzopiclone\\b']}")
    draft = folder / "d.md"
    draft.write_text("Try zopiclone tonight\n", encoding="utf-8")
    safe = cli("check", "d.md", "--fix", cwd=folder)
    assert draft.read_text() == "Try zopiclone tonight\n"
    assert "1 more can be fixed with --unsafe-fixes" in safe.err
    cli("check", "d.md", "--fix", "--unsafe-fixes", cwd=folder)
    assert draft.read_text() == "Try z******** tonight\n"  # masked as a report masks it


def test_a_trust_rule_with_a_suggested_reply_rewrites_only_replies(cli, tmp_path):
    folder = _trust_pack(tmp_path, "fix: suggested-reply\n", WATCHED)
    reply = folder / "reply.md"
    reply.write_text("---\nreply_to: {text: What helps me sleep?}\n---\nTry zopiclone\n",
                     encoding="utf-8")
    post = folder / "post.md"
    post.write_text("Try zopiclone\n", encoding="utf-8")
    cli("check", "reply.md", "post.md", "--fix", "--unsafe-fixes", cwd=folder)
    assert reply.read_text().endswith("Try Please ask your pharmacist.\n")
    assert post.read_text() == "Try zopiclone\n"


def test_an_unknown_fix_is_refused_at_load(cli, tmp_path):
    folder = _trust_pack(tmp_path, "fix: rewrite-it\n", WATCHED)
    (folder / "d.md").write_text("Try zopiclone\n", encoding="utf-8")
    result = cli("check", "d.md", cwd=folder)
    assert result.code == 2 and "mine.yaml" in result.err and "fix" in result.err


def test_a_trust_length_rule_says_which_posts_it_could_not_judge(cli, tmp_path):
    folder = _trust_pack(tmp_path, "", "{kind: metric, measure: length, max: platform_limit}")
    (folder / "d.md").write_text("Hello\n", encoding="utf-8")
    result = cli("check", "d.md", cwd=folder)
    assert "watch-list was not checked: 1 post has no platform" in result.err


def test_a_fixed_limit_needs_no_platform(cli, tmp_path):
    folder = _trust_pack(tmp_path, "", "{kind: metric, measure: length, max: 3}")
    (folder / "d.md").write_text("Hello\n", encoding="utf-8")
    assert "not checked" not in cli("check", "d.md", cwd=folder).err


def _offered(folder: Path, language, rules: set[str]) -> list[str]:
    pytest.importorskip("starlette")
    from starlette.testclient import TestClient

    from socialpolicy.web.app import create_app
    from socialpolicy.web.checking import Checker

    config = Config(rule_paths=(folder / "rules",))
    pack = [r for r in load_rules(config) if r.id in rules]
    client = TestClient(create_app(Checker(Linter(config, rules=pack, language=language))),
                        base_url="http://127.0.0.1")
    html = client.post("/check", data={
        "mode": "paste", "text": "Try zopiclone, and take two paracetamol every four hours.",
        "platform": "twitter", "reply_to_text": "I cannot sleep and my head hurts, what should I take?",
    }).text
    return re.findall(r'<textarea class="[^"]*sp-copy-source"[^>]*>([^<]*)</textarea>', html)


def test_a_trust_rule_offers_the_reply_in_its_suggestion(tmp_path, language):
    assert _offered(_trust_pack(tmp_path, "reply: 1\n", WATCHED), language,
                    {"watch-list"}) == ["Please ask your pharmacist."]


def test_the_web_page_offers_the_reply_of_the_lowest_numbered_rule(tmp_path, language):
    offered = _offered(_trust_pack(tmp_path, "reply: 5\n", WATCHED), language,
                       {"watch-list", "medical-advice"})
    assert len(offered) == 1 and "We can&#39;t give medical advice" in offered[0]


def test_a_rule_without_reply_offers_none(tmp_path, language):
    assert _offered(_trust_pack(tmp_path, "", WATCHED), language, {"watch-list"}) == []


def test_a_detectors_own_suggestion_replaces_the_rules_for_its_findings(cli, tmp_path):
    # Two detectors share one suggestion through a YAML merge key, a third keeps the rule's.
    folder = tmp_path
    rules = folder / "rules"
    rules.mkdir()
    (rules / "mine.yaml").write_text(
        "id: watch-list\ntitle: A Trust's own rule\nseverity: warning\n"
        "clause: {policy: JPUH-BUSM, section: '5.0', quote: 'the policy words quoted here'}\n"
        "message: This post names a medicine on the Trust's watch list.\n"
        "suggestion: Take the medicine's name out.\n"
        "detect:\n"
        "  - {kind: pattern, patterns: ['\\bzopiclone\\b']}\n"
        "  - kind: pattern\n    patterns: ['\\bdiazepam\\b']\n"
        "    <<: &calm {severity: info, suggestion: Ask the pharmacy team before posting.}\n"
        "  - kind: pattern\n    patterns: ['\\blorazepam\\b']\n    <<: *calm\n"
        "examples: {fail: [zopiclone, diazepam, lorazepam, zopiclone, diazepam],"
        " pass: [y, y, y, y, y]}\n", encoding="utf-8")
    (folder / "socialpolicy.toml").write_text('rule_paths = ["rules"]\nselect = ["watch-list"]\n',
                                              encoding="utf-8")
    (folder / "d.md").write_text("zopiclone\n\ndiazepam or lorazepam\n", encoding="utf-8")
    done = cli("check", "d.md", "--format", "json", cwd=folder)
    findings = {f["evidence"]: f for f in json.loads(done.out)["findings"]}
    assert findings["zopiclone"]["suggestion"] == "Take the medicine's name out."
    assert findings["diazepam"]["suggestion"] == "Ask the pharmacy team before posting."
    assert findings["lorazepam"]["suggestion"] == "Ask the pharmacy team before posting."
    assert findings["lorazepam"]["severity"] == "info"
