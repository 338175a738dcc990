"""Each finding says which detector of its rule fired, in JSON and SARIF."""

from __future__ import annotations

import json


def _trust_rule(tmp_path, second_detector: str) -> None:
    """A Trust rule folder whose rule has a dummy detector, then ``second_detector``."""
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "mine.yaml").write_text(
        "id: my-rule\ntitle: A Trust's own rule\nseverity: warning\n"
        "clause: {policy: JPUH-BUSM, section: '5.0', quote: 'the policy words quoted here'}\n"
        "message: This post names a medicine on the Trust's watch list.\n"
        "suggestion: Take the medicine's name out, as the Trust's guidance explains.\n"
        "detect:\n  - {kind: pattern, patterns: ['zzz'] }\n"
        f"  - {second_detector}\n"
        "examples: {fail: [x, x, x, x, x], pass: [y, y, y, y, y]}\n", encoding="utf-8")
    (tmp_path / "socialpolicy.toml").write_text('rule_paths = ["rules"]\nselect = ["my-rule"]\n',
                                                encoding="utf-8")
    (tmp_path / "d.md").write_text("Try zopiclone tonight\n", encoding="utf-8")


def test_a_named_detector_reaches_json_and_sarif(cli, tmp_path):
    _trust_rule(tmp_path, "{kind: pattern, name: watched-medicine, patterns: ['\\bzopiclone\\b']}")
    report = json.loads(cli("check", "d.md", "--format", "json", cwd=tmp_path).out)
    assert [f["detector"] for f in report["findings"]] == ["watched-medicine"]
    sarif = json.loads(cli("check", "d.md", "--format", "sarif", cwd=tmp_path).out)
    assert sarif["runs"][0]["results"][0]["properties"]["detector"] == "watched-medicine"


def test_an_unnamed_detector_is_named_by_its_kind_and_place(cli, tmp_path):
    _trust_rule(tmp_path, "{kind: pattern, patterns: ['\\bzopiclone\\b']}")
    report = json.loads(cli("check", "d.md", "--format", "json", cwd=tmp_path).out)
    assert [f["detector"] for f in report["findings"]] == ["pattern-2"]


def test_the_packs_detectors_say_what_they_caught(linter):
    # A reviewer reading the JSON learns which of medical-advice's seventeen detectors fired.
    said = {f.rule: f.detector for f in linter.check_text("Sounds like you have shingles.")}
    assert said["medical-advice"] == "diagnosis"
    reply = linter.check_text("Keep your feet up and drink plenty of fluids.",
                              reply_to={"author": "@a", "text": "My ankles are swollen, is that normal?"})
    assert {f.rule: f.detector for f in reply}["medical-advice"] == "reply-says-what-to-do"


def test_offensive_content_says_which_of_its_detectors_fired(linter):
    # A reviewer reading the JSON sees "threat", not "pattern-7".
    cases = {"I know where you live": "threat", "f u c k this weather": "swear-word",
             "We should get rid of all the foreigners": "group-hostile-claim",
             "Cancel my op one more time and see what happens": "see-what-happens"}
    for text, detector in cases.items():
        found = [f.detector for f in linter.check_text(text) if f.rule == "offensive-content"]
        assert found == [detector], text
