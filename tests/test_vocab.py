"""Shared vocabularies and named fragments: a word list written once, used by name."""

from __future__ import annotations

from pathlib import Path

import pytest

from socialpolicy.config import Config
from socialpolicy.engine import Linter
from socialpolicy.errors import RuleError
from socialpolicy.resources import package_dir
from socialpolicy.ruleset import load_rule_file, rule_files

RULE = """id: my-rule
title: A Trust's own rule
severity: warning
clause: {{policy: JPUH-BUSM, section: '5.0', quote: 'the policy words quoted here'}}
message: This post names one of the medicines on the Trust's watch list.
suggestion: Take the medicine's name out, as the Trust's guidance explains.
{extra}detect:
{detect}
examples: {{fail: [x, x, x, x, x], pass: [y, y, y, y, y]}}
"""


def _folder(tmp_path: Path, detect: str, vocab: str = "", extra: str = "") -> Path:
    folder = tmp_path / "rules"
    (folder / "vocab").mkdir(parents=True)
    (folder / "mine.yaml").write_text(RULE.format(detect=detect, extra=extra), encoding="utf-8")
    if vocab:
        (folder / "vocab" / "medicines.yaml").write_text(vocab, encoding="utf-8")
    return folder


def _fires(folder: Path, text: str) -> bool:
    rule = load_rule_file(folder / "mine.yaml", Config())
    return bool(Linter(Config(), rules=[rule]).check_text(text))


def test_a_shared_list_is_used_by_name_in_patterns_and_phrases(tmp_path):
    vocab = "description: medicines we watch\nlists:\n  watched: [zopiclone, diazepam]\n"
    folder = _folder(tmp_path, "  - {kind: pattern, patterns: ['\\b{{watched}}\\b']}", vocab)
    assert _fires(folder, "Try diazepam tonight") and not _fires(folder, "Try a walk tonight")
    folder = _folder(tmp_path / "b", "  - {kind: phrases, phrases: ['{{watched}}', melatonin]}", vocab)
    assert _fires(folder, "zopiclone helps") and _fires(folder, "melatonin helps")
    assert not _fires(folder, "sleep helps")


def test_adding_a_word_to_the_list_is_the_only_edit_needed(tmp_path):
    vocab = "lists:\n  watched: [zopiclone]\n"
    folder = _folder(tmp_path, "  - {kind: pattern, patterns: ['\\b{{watched}}\\b']}", vocab)
    assert not _fires(folder, "Try temazepam")
    (folder / "vocab" / "medicines.yaml").write_text("lists:\n  watched: [zopiclone, temazepam]\n")
    from socialpolicy.vocab import _read

    _read.cache_clear()
    assert _fires(folder, "Try temazepam")


def test_a_rule_names_a_fragment_it_repeats(tmp_path):
    extra = "fragments:\n  not_a_season: '(?!\\s+season)'\n"
    folder = _folder(tmp_path, "  - {kind: pattern, patterns: ['\\bflu\\b{{not_a_season}}']}",
                     extra=extra)
    assert _fires(folder, "you have flu, rest") and not _fires(folder, "flu season is here")


def test_the_vocabulary_folder_holds_no_rules(tmp_path):
    folder = _folder(tmp_path, "  - {kind: pattern, patterns: ['x']}", "lists:\n  a: [b]\n")
    assert [p.name for p in rule_files(folder)] == ["mine.yaml"]


@pytest.mark.parametrize(("vocab", "plain"), [
    ("lists:\n  watched: []\n", "must not be an empty list"),
    ("words:\n  watched: [a]\n", "unknown key"),
    ("lists:\n  Bad-Name: [a]\n", "not written in the expected form"),
])
def test_a_broken_vocabulary_names_its_file_and_line(tmp_path, vocab, plain):
    folder = _folder(tmp_path, "  - {kind: pattern, patterns: ['\\b{{watched}}\\b']}", vocab)
    with pytest.raises(RuleError, match=plain) as caught:
        load_rule_file(folder / "mine.yaml", Config())
    assert caught.value.path.endswith("medicines.yaml")


def test_a_name_defined_twice_is_refused(tmp_path):
    folder = _folder(tmp_path, "  - {kind: pattern, patterns: ['x']}", "lists:\n  a: [b]\n")
    (folder / "vocab" / "more.yaml").write_text("lists:\n  a: [c]\n", encoding="utf-8")
    with pytest.raises(RuleError, match="already defined"):
        load_rule_file(folder / "mine.yaml", Config())


def test_an_unknown_name_says_where_it_looked(tmp_path):
    folder = _folder(tmp_path, "  - {kind: pattern, patterns: ['{{nowhere}}']}")
    with pytest.raises(RuleError, match="no shared vocabulary list and no fragment"):
        load_rule_file(folder / "mine.yaml", Config())


def test_a_list_made_of_lists_reads_as_one_list(tmp_path):
    # "heart" alone must not win over "heart attack" because they sit in different lists.
    vocab = ("lists:\n  organs: [heart, liver]\n  events: ['heart\\s+attack', stroke]\n"
             "  watched: ['{{organs}}', '{{events}}', sepsis]\n")
    folder = _folder(tmp_path, "  - {kind: pattern, patterns: ['\\b{{watched}}\\b']}", vocab)
    rule = load_rule_file(folder / "mine.yaml", Config())
    finding, = Linter(Config(), rules=[rule]).check_text("a heart attack at home")
    assert finding.evidence == "heart attack"
    assert _fires(folder, "liver") and _fires(folder, "sepsis") and not _fires(folder, "lungs")


def test_a_fragment_inside_a_list_item_is_written_out(tmp_path):
    vocab = ("lists:\n  watched: ['flu{{not_a_season}}']\n"
             "fragments:\n  not_a_season: '(?!\\s+season)'\n")
    folder = _folder(tmp_path, "  - {kind: pattern, patterns: ['\\b{{watched}}\\b']}", vocab)
    assert _fires(folder, "you have flu, rest") and not _fires(folder, "flu season is here")


def test_a_list_made_of_itself_is_refused_with_its_file_and_line(tmp_path):
    vocab = "lists:\n  a: ['{{b}}']\n  b: [x, '{{a}}']\n"
    folder = _folder(tmp_path, "  - {kind: pattern, patterns: ['{{a}}']}", vocab)
    with pytest.raises(RuleError, match="made of itself") as caught:
        load_rule_file(folder / "mine.yaml", Config())
    assert caught.value.path.endswith("medicines.yaml") and caught.value.line == 2


def test_a_phrases_never_list_may_be_a_shared_list(tmp_path):
    # "idoit" is one swapped letter from "idiot"; a shared near-miss list keeps it silent.
    vocab = "lists:\n  near_misses: [idoit]\n"
    detect = "  - {kind: phrases, fuzzy: true, phrases: [idiot], never: ['{{near_misses}}']}"
    folder = _folder(tmp_path, detect, vocab)
    assert _fires(folder, "what an idiot") and not _fires(folder, "what an idoit")
    folder = _folder(tmp_path / "b", "  - {kind: phrases, fuzzy: true, phrases: [idiot]}", vocab)
    assert _fires(folder, "what an idoit")


def test_a_fragment_written_as_a_list_is_its_alternatives_in_order(tmp_path):
    # One alternative a line for a reader, joined by | as written.
    vocab = "fragments:\n  looks_away: ['ignored', 'turns?\\s+a\\s+blind\\s+eye']\n"
    folder = _folder(tmp_path, "  - {kind: pattern, patterns: ['\\bthey\\s+(?:{{looks_away}})']}", vocab)
    assert _fires(folder, "they turn a blind eye") and _fires(folder, "they ignored us")
    assert not _fires(folder, "they listened")


def test_a_rule_fragment_may_be_a_list(tmp_path):
    extra = "fragments:\n  not_a_season: ['(?!\\s+(?:season', 'cases))']\n"
    folder = _folder(tmp_path, "  - {kind: pattern, patterns: ['\\bflu\\b{{not_a_season}}']}",
                     extra=extra)
    assert _fires(folder, "you have flu, rest") and not _fires(folder, "flu cases rise")


def test_an_empty_item_in_a_fragment_list_names_its_file(tmp_path):
    folder = _folder(tmp_path, "  - {kind: pattern, patterns: ['{{bad}}']}", "fragments:\n  bad: ['a', '']\n")
    with pytest.raises(RuleError) as caught:
        load_rule_file(folder / "mine.yaml", Config())
    assert caught.value.path.endswith("medicines.yaml") and caught.value.line == 2


def test_a_list_item_naming_a_list_adds_its_words_sorted_as_one_list(tmp_path):
    # "{{s}}" as a whole item: the shared words are written once, and the merged list
    # still sorts longest first, so "cold sore" is preferred over "cold" (a nested
    # group sorted by the length of "{{s}}" would try "colds?" first).
    vocab = "lists:\n  s: ['cold\\s+sores?']\n"
    detect = ("  - {kind: pattern, group: hit, lists: {asked: ['colds?', '{{s}}']},\n"
              "     patterns: ['(?P<hit>{{asked}})']}")
    folder = _folder(tmp_path, detect, vocab)
    rule = load_rule_file(folder / "mine.yaml", Config())
    [finding] = Linter(Config(), rules=[rule], show_evidence=True).check_text("a cold sore again")
    assert finding.evidence == "cold sore"


def test_a_shared_word_inside_a_detectors_list_of_lists_sorts_where_it_is_written(tmp_path):
    # outer names inner, inner names the shared list: "heart attack" is spliced in
    # as a word and sorts longest first, so the whole phrase is the evidence.
    vocab = "lists:\n  s: [heart attack]\n"
    detect = ("  - kind: pattern\n    lists: {outer: [heart, '{{inner}}'], inner: ['{{s}}']}\n"
              "    patterns: ['\\b(?:{{outer}})']\n")
    folder = _folder(tmp_path, detect, vocab)
    rule = load_rule_file(folder / "mine.yaml", Config())
    findings = Linter(Config(), rules=[rule]).check_text("He had a heart attack")
    assert [f.evidence for f in findings] == ["heart attack"]


def test_a_when_condition_may_name_a_shared_list(tmp_path):
    # The reply rule runs only under a question naming a watched medicine; adding a
    # medicine to the list is the only edit, for patterns and conditions alike.
    vocab = "lists:\n  watched: [zopiclone, diazepam]\n"
    detect = ("  - kind: pattern\n    when: {reply_to.text: {matches: '\\b{{watched}}\\b'}}\n"
              "    patterns: ['\\btake\\b']\n")
    folder = _folder(tmp_path, detect, vocab)
    linter = Linter(Config(), rules=[load_rule_file(folder / "mine.yaml", Config())])
    assert linter.check_text("@sam take it at night", reply_to={"text": "Is diazepam ok?"})
    assert not linter.check_text("@sam take it at night", reply_to={"text": "Is parking ok?"})
    assert not linter.check_text("@sam take it at night", reply_to={"text": "Is {{watched}} ok?"})


def test_the_packs_own_vocabulary_files_pass_the_schema_that_runs_skip():
    # A run reads the shipped rules/vocab/ without the schema check (as it reads the
    # shipped rule files), so that check happens here instead.
    from socialpolicy.resources import package_dir
    from socialpolicy.schema_check import read_checked_yaml
    from socialpolicy.vocab import MAX_VOCAB_BYTES, VOCAB_SCHEMA

    files = sorted((package_dir("rules") / "vocab").glob("*.y*ml"))
    assert files
    for path in files:
        read_checked_yaml(path, VOCAB_SCHEMA, MAX_VOCAB_BYTES, "a vocabulary file")



def test_a_rule_that_names_no_shared_list_never_reads_the_vocabularies(cli, tmp_path):
    # `check --select post-length` stays light: post-length writes no {{name}}.
    from socialpolicy import vocab

    draft = tmp_path / "post.txt"
    draft.write_text("Our new clinic opens on Monday.\n", encoding="utf-8")
    vocab._read.cache_clear()
    result = cli("check", "--select", "post-length", "--platform", "twitter", str(draft))
    assert result.code == 0, result
    assert vocab._read.cache_info().currsize == 0
    cli("check", "--select", "medical-advice", "--platform", "twitter", str(draft))
    assert vocab._read.cache_info().currsize == 1


def test_fragments_nested_deeper_than_expansion_goes_are_refused_not_left_blind(tmp_path):
    # Each fragment names the next inside its text: past four levels the last name would
    # stay in the pattern as written and never match, so the rule would be silently blind.
    deep = "".join(f"  f{i}: '{chr(96 + i)}{{{{f{i + 1}}}}}'\n" for i in range(1, 6))
    extra = "fragments:\n" + deep + "  f6: 'z'\n"
    folder = _folder(tmp_path, "  - {kind: pattern, patterns: ['\\b{{f1}}\\b']}", extra=extra)
    with pytest.raises(RuleError, match=r"\{\{f5\}\} is still not written out") as caught:
        load_rule_file(folder / "mine.yaml", Config())
    assert caught.value.path.endswith("mine.yaml")
    # Four levels are written out and match.
    shallow = "".join(f"  f{i}: '{chr(96 + i)}{{{{f{i + 1}}}}}'\n" for i in range(1, 4)) + "  f4: 'z'\n"
    folder = _folder(tmp_path / "b", "  - {kind: pattern, patterns: ['\\b{{f1}}\\b']}",
                     extra="fragments:\n" + shallow)
    assert _fires(folder, "say abcz now") and not _fires(folder, "say abc now")


@pytest.mark.parametrize("entry", ["  trust_names:\n", "  trust_names: {james: paget}\n"])
def test_a_pack_list_broken_while_editing_is_named_with_its_line(tmp_path, monkeypatch, entry):
    # The pack's own vocabularies skip the schema on every run (the tests check them), so
    # a list emptied or written as a mapping while being edited ("the Trust's names in one
    # list") must still be named with its file and line, not crash or be read as letters.
    from socialpolicy import vocab

    (tmp_path / "vocab").mkdir()
    (tmp_path / "vocab" / "everyday-words.yaml").write_text("lists:\n  ok: [a]\n" + entry)
    monkeypatch.setattr(vocab, "package_dir", lambda name: tmp_path)
    vocab._read.cache_clear()
    try:
        with pytest.raises(RuleError) as raised:
            vocab.read_vocabulary(tmp_path)
    finally:
        vocab._read.cache_clear()
    message = str(raised.value)
    assert "everyday-words.yaml:3" in message and "lists.trust_names" in message, message


def test_a_bad_regex_in_a_trusts_list_names_the_vocabulary_line_not_the_rule(tmp_path, cli):
    vocab = "lists:\n  watched:\n    - zopiclone\n    - 'diaze(pam'\n"
    folder = _folder(tmp_path, "  - {kind: pattern, patterns: ['\\b{{watched}}\\b']}", vocab)
    with pytest.raises(RuleError) as raised:
        load_rule_file(folder / "mine.yaml", Config())
    message = str(raised.value)
    assert "medicines.yaml:4" in message and "lists.watched" in message, message
    assert "diaze(pam" in message and "my-rule" in message, message
    # The same through the command a Trust runs: exit 2, the file and line, no traceback.
    (tmp_path / "socialpolicy.toml").write_text(f"rule_paths = ['{folder}']\n")
    (tmp_path / "post.txt").write_text("Try diazepam tonight\n")
    result = cli("check", "--config", str(tmp_path / "socialpolicy.toml"), str(tmp_path / "post.txt"))
    assert result.code == 2 and "medicines.yaml:4" in result.err, result
    assert "Traceback" not in result.err and "internal error" not in result.err


def test_a_bad_regex_in_a_pack_list_names_its_line_when_first_compiled(tmp_path, monkeypatch):
    # The pack's patterns compile on the first post that could match them, long after
    # the vocabulary was read: the error still names the vocabulary file and line.
    from socialpolicy import ruleset, vocab
    from socialpolicy.engine import Linter

    (tmp_path / "vocab").mkdir()
    (tmp_path / "vocab" / "everyday-words.yaml").write_text(
        "lists:\n  trust_names: [jpuh, 'james\\s+(paget']\n")
    (tmp_path / "mine.yaml").write_text(
        RULE.format(detect="  - {kind: pattern, patterns: ['\\bthanks\\s+{{trust_names}}']}", extra=""))
    monkeypatch.setattr(vocab, "package_dir", lambda name: tmp_path)
    monkeypatch.setattr(ruleset, "package_dir", lambda name: tmp_path)
    vocab._read.cache_clear()
    try:
        source = ruleset.read_rule_file(tmp_path / "mine.yaml", builtin=True)
        rule = ruleset.compile_rule(source, Config(), literals={})  # lazy: nothing compiled yet
        with pytest.raises(RuleError) as raised:
            Linter(Config(), rules=[rule]).check_text("thanks jpuh for everything")
    finally:
        vocab._read.cache_clear()
    message = str(raised.value)
    assert "everyday-words.yaml:2" in message and "lists.trust_names" in message, message


def test_a_bad_regex_in_the_rules_own_pattern_still_names_the_rule(tmp_path):
    vocab = "lists:\n  watched: [zopiclone]\n"
    folder = _folder(tmp_path, "  - {kind: pattern, patterns: ['\\b{{watched}}(\\b']}", vocab)
    with pytest.raises(RuleError) as raised:
        load_rule_file(folder / "mine.yaml", Config())
    message = str(raised.value)
    assert "mine.yaml" in message and "patterns[0]" in message and "medicines" not in message


def test_a_bad_regex_in_a_list_a_when_condition_names_is_named_with_its_line(tmp_path, cli):
    # A ``when: matches:`` expression compiles on the first post that reaches it.
    vocab = "lists:\n  watched: [zopiclone]\n  places:\n    - ward\n    - 'cli(nic'\n"
    folder = _folder(tmp_path, "  - kind: pattern\n    patterns: ['\\b{{watched}}\\b']\n"
                     "    when: {text: {matches: '\\b{{places}}\\b'}}", vocab)
    (tmp_path / "socialpolicy.toml").write_text(f"rule_paths = ['{folder}']\n")
    (tmp_path / "post.txt").write_text("Zopiclone from the ward\n")
    result = cli("check", "--config", str(tmp_path / "socialpolicy.toml"), str(tmp_path / "post.txt"))
    assert result.code == 2 and "medicines.yaml:5" in result.err and "lists.places" in result.err, result
    assert "internal error" not in result.err


def test_a_bad_regex_in_a_list_a_pii_rule_reads_names_the_vocabulary_line(tmp_path, cli):
    # A Trust's copy of the pack's pii rule whose firm endings (``organisations: after``)
    # take a shared list of its own: the broken word is named at its file and line, in
    # `check` and `rules test` alike, not blamed on the rule file's "organisations".
    folder = tmp_path / "trust"
    (folder / "vocab").mkdir(parents=True)
    rule = (package_dir("rules") / "named-person-consent.yaml").read_text(encoding="utf-8")
    firm_after = "      after: ['\\s*(?:&|and)"
    assert rule.count(firm_after) == 1
    (folder / "named-person-consent.yaml").write_text(
        rule.replace(firm_after, "      after: ['{{firm_endings}}', '\\s*(?:&|and)"), encoding="utf-8")
    (folder / "vocab" / "firms.yaml").write_text(
        "lists:\n  firm_endings:\n    - '\\s+Ltd\\b'\n    - '\\s+(?:plc|PLC'\n", encoding="utf-8")
    (tmp_path / "socialpolicy.toml").write_text(f"rule_paths = ['{folder}']\n")
    (tmp_path / "post.txt").write_text("Thanks to Bakewell Ltd for the cakes\n")
    for args in (("check", "--config", str(tmp_path / "socialpolicy.toml"), str(tmp_path / "post.txt")),
                 ("rules", "test", str(folder))):
        result = cli(*args)
        assert result.code == 2, result
        assert "firms.yaml:4" in result.err and "lists.firm_endings" in result.err, result
        assert "organisations.after[0]" in result.err and "named-person-consent" in result.err, result
        assert "Traceback" not in result.err and "internal error" not in result.err
    # Written in the rule itself, the same bad pattern is still the rule's.
    (folder / "named-person-consent.yaml").write_text(
        rule.replace(firm_after, "      after: ['\\s+(?:plc|PLC', '\\s*(?:&|and)"), encoding="utf-8")
    (folder / "vocab" / "firms.yaml").unlink()
    result = cli("rules", "test", str(folder))
    assert result.code == 2 and "named-person-consent.yaml:" in result.err, result
    assert "organisations.after[0]: '" in result.err and "firms.yaml" not in result.err, result


def test_a_trusts_own_list_reaches_its_own_copy_of_a_rule_not_the_packs(tmp_path, cli):
    # docs/rules.md, "A Trust's own word lists": a Trust's vocab/ is read by the rules in
    # its folder only; there a list of a pack name replaces the pack's. complaint-
    # whistleblowing's grievance cues need a work setting, and the Trust's name is one
    # (the pack's fragment work_settings names {{trust_names}}).
    import json

    names = "lists:\n  trust_names: ['st\\s+elsewhere']\n"
    for folder, copy in (("lists-only", False), ("with-copy", True)):
        (tmp_path / folder / "vocab").mkdir(parents=True)
        (tmp_path / folder / "vocab" / "names.yaml").write_text(names, encoding="utf-8")
        if copy:
            (tmp_path / folder / "complaint-whistleblowing.yaml").write_bytes(
                (package_dir("rules") / "complaint-whistleblowing.yaml").read_bytes())
        (tmp_path / f"{folder}.toml").write_text(f"rule_paths = ['{tmp_path / folder}']\n")

    def cues_fire(folder: str, trust: str) -> bool:
        post = tmp_path / "post.txt"
        post.write_text(f"Three months later and {trust} still haven't fixed it. What a joke.\n")
        result = cli("check", "--config", str(tmp_path / f"{folder}.toml"), "--select",
                     "complaint-whistleblowing", "--format", "json", str(post))
        assert result.code in (0, 1), result
        return any(f["detector"] == "grievance-cues" for f in json.loads(result.out)["findings"])

    # The built-in rule reads the pack's list alone.
    assert cues_fire("lists-only", "JPUH") and not cues_fire("lists-only", "St Elsewhere")
    # The Trust's copy reads the Trust's list, which replaces the pack's.
    assert cues_fire("with-copy", "St Elsewhere") and not cues_fire("with-copy", "JPUH")


def test_a_bad_fragment_a_pii_rules_cues_read_names_its_line_and_group(tmp_path, cli):
    # patient-identifier's pii detector is silenced by a scam warning (a cues detector
    # under its unless:) whose groups read fragments of rules/vocab/identification.yaml.
    # A Trust's copy of both with one fragment broken: the fragment's own file and line,
    # and which group of cues used it.
    folder = tmp_path / "trust"
    (folder / "vocab").mkdir(parents=True)
    (folder / "patient-identifier.yaml").write_bytes(
        (package_dir("rules") / "patient-identifier.yaml").read_bytes())
    lines = (package_dir("rules") / "vocab" / "identification.yaml").read_text(encoding="utf-8").splitlines()
    [at] = [i for i, line in enumerate(lines) if line.startswith("  scam_words: '")]
    lines[at] = lines[at].replace("(?:", "(?:(", 1)
    (folder / "vocab" / "identification.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "socialpolicy.toml").write_text(f"rule_paths = ['{folder}']\n")
    (tmp_path / "post.txt").write_text("Texts claiming to be from the booking team are fake\n")
    result = cli("check", "--config", str(tmp_path / "socialpolicy.toml"), str(tmp_path / "post.txt"))
    assert result.code == 2, result
    assert f"identification.yaml:{at + 1}: fragments.scam_words" in result.err, result
    assert "patient-identifier, groups.scam.patterns[0]" in result.err, result
    assert "Traceback" not in result.err and "internal error" not in result.err


@pytest.mark.parametrize(("detect", "where"), [
    # A cues group's pattern: the group and its line (before: "patterns[1]", no line).
    ("  - kind: cues\n    groups:\n      first: {patterns: [fine]}\n"
     "      second: {patterns: [ok, 'bro(ken']}", "mine.yaml:11: rule my-rule: groups.second.patterns[1]"),
    # A pattern written one a line: its own line (before: the line of "patterns:").
    ("  - kind: pattern\n    patterns:\n      - fine\n      - 'bro(ken'",
     "mine.yaml:11: rule my-rule: patterns[1]"),
])
def test_a_bad_pattern_in_the_rule_names_its_own_line(tmp_path, detect, where):
    folder = _folder(tmp_path, detect)
    with pytest.raises(RuleError) as raised:
        load_rule_file(folder / "mine.yaml", Config())
    assert where in str(raised.value), raised.value
