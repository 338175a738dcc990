"""Personal data quoted by rules that are not about personal data is masked too.

A complaint, a piece of medical advice, an insult, an appointment or a staff night
out quotes the sentence it found, and that sentence may name someone or give their
phone number. Whatever the rule, no report format (text, JSON, SARIF, GitHub, the web
page's JSON answer) may show a name, phone number, email address, NHS number, home
address or date of birth as written (SPEC §3), unless --show-evidence is given.
"""

from __future__ import annotations

import json
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from socialpolicy.inputs.draft import read_draft
from socialpolicy.pii.people import given_names, recognizer_names
from socialpolicy.reports import FORMATS, get_formatter, json_report
from socialpolicy.web.checking import Checker

# First names and surnames of the communities among the Trust's patients and staff,
# each a known first name to the name recogniser (none is also an English word).
FIRST = st.sampled_from([
    "Bukola", "Priya", "Margaret", "Tomasz", "Siobhan", "Kwame", "Ioana", "Delroy", "Harjit",
    "Jincy", "Tendai", "Hodan", "Agnieszka", "Graham", "Zeynep", "Maricel", "Keith", "Niamh",
])
LAST = st.sampled_from([
    "Adeyemi", "Okafor", "Kowalczyk", "Thompson", "Nolan", "Popescu", "Campbell", "Mensah",
    "Raman", "Chen", "Warsame", "Moyo", "Bunn", "Fitzgerald", "Iyer", "Nowak",
])


def _nhs(body: str) -> str | None:
    total = sum(int(d) * w for d, w in zip(body, range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 10:
        return None
    number = body + ("0" if check == 11 else str(check))
    return f"{number[:3]} {number[3:6]} {number[6:]}"


NHS = st.tuples(st.sampled_from("4567"), st.text(alphabet="0123456789", min_size=8, max_size=8)).map(
    lambda t: _nhs("".join(t))).filter(lambda n: n is not None and len(set(n)) > 4)
PHONE = st.integers(100, 999).map(lambda n: f"07700 900{n}")
EMAIL = st.tuples(FIRST, LAST, st.integers(1950, 2005)).map(
    lambda t: f"{t[0].lower()}.{t[1].lower()}{t[2]}@gmail.com")
DOB = st.tuples(st.integers(10, 28), st.integers(10, 12), st.integers(1931, 1989)).map(
    lambda t: f"{t[0]}/{t[1]}/{t[2]}")
ADDRESS = st.tuples(st.integers(11, 98), st.sampled_from(["Burnt Lane", "Yallop Avenue", "Beccles Road"])).map(
    lambda t: f"{t[0]} {t[1]}")

# What each post must make the rule report, with where the personal data goes: {name} is
# a full name, {first} a first name alone, {contact} one of the identifiers.
TEMPLATES = [
    ("complaint-whistleblowing",
     "I want to make a formal complaint: {name} on Ward 4 ignored my dad for six hours and nobody "
     "cared. {contact}"),
    ("complaint-whistleblowing",
     "I want to make a formal complaint: {first} on Ward 4 ignored my dad for six hours and nobody "
     "cared. {contact}"),
    ("medical-advice",
     "Hi {first}, you should double your dose of ramipril and stop taking the aspirin. {contact}"),
    ("offensive-content",
     "Tell {name} that the ward manager is a useless f*cking idiot. {contact}"),
    ("professional-conduct",
     "Massive night out with {name} from theatres, so drunk we all threw up in the taxi lol. {contact}"),
    # A reply greeting the person it answers: their name is fine in the post, not in a report.
    ("appointment-details",
     "Hi {first}, your hip operation has been moved to 3pm on Tuesday 14 March in clinic 4. {contact}"),
]
# The rules that answer someone: the post is a reply to {name}.
REPLIES = {"medical-advice", "appointment-details"}
CONTACTS = st.one_of(
    PHONE.map(lambda v: (f"Ring me on {v}.", v)),
    EMAIL.map(lambda v: (f"Email me at {v} please.", v)),
    NHS.map(lambda v: (f"His NHS number is {v}.", v)),
    DOB.map(lambda v: (f"His DOB is {v}.", v)),
    ADDRESS.map(lambda v: (f"He lives at {v}, Gorleston.", v)),
)
PERSONAL_RULES = {"named-person-consent", "patient-identifier"}
SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@SETTINGS
@given(template=st.sampled_from(TEMPLATES), first=FIRST, last=LAST, contact=CONTACTS)
def test_other_rules_never_show_personal_data_in_any_format(linter, template, first, last, contact):
    rule, pattern = template
    sentence, secret = contact
    name = f"{first} {last}"
    text = pattern.format(name=name, first=first, contact=sentence)
    metadata: dict[str, object] = {"platform": "facebook"}
    if rule in REPLIES:
        metadata["reply_to"] = {"author": name, "text": "Should I keep taking my tablets?"}
    result = linter.check_posts([read_draft(text, "p.txt", metadata)])
    quoting = [f for f in result.findings if f.rule not in PERSONAL_RULES]
    # The post breaks the rule it was written for, which quotes it: the property is not empty.
    assert any(f.rule == rule for f in quoting), (rule, text)
    secrets = [secret, name, first] if "{first}" in pattern else [secret, name]
    for finding in quoting:
        for value in (finding.evidence, finding.excerpt or "", finding.message):
            for private in secrets:
                assert private not in value, (finding.rule, value)
    for fmt in FORMATS:
        rendered = get_formatter(fmt)(result, linter.rules, "0")
        for private in secrets:
            assert private not in rendered, (fmt, private)


# Names nobody's list knows: syllables put together ("Zorvathi Kennuro"), in a post written
# with capitals or in one typed all in lower case. Left out: those that happen to be
# ordinary English words or known first names (those are caught by the lists and the
# model, as above); what is left is a name that neither the name lists nor a dictionary
# has ever seen.
SYLLABLES = ["ka", "zor", "vath", "i", "ken", "nu", "ro", "thel", "wyn", "dra", "qu", "osh",
             "bel", "xan", "te", "mir", "ulo", "ghe", "sai", "bru", "fen", "ly", "ot", "azu"]


def _unheard_of(word: str) -> bool:
    from socialpolicy.text.words import is_frequent

    # A letter typed three times is read as a word said with feeling ("sooo", and "saiii"
    # as "sai", which dictionaries have): such a made-up word is not one nobody has seen.
    return (not is_frequent(word) and word not in given_names(recognizer_names())
            and not re.search(r"(.)\1\1", word))


UNKNOWN = st.lists(st.sampled_from(SYLLABLES), min_size=2, max_size=3).map("".join).filter(
    lambda w: len(w) >= 4 and _unheard_of(w))


@SETTINGS
@given(template=st.sampled_from(TEMPLATES), first=UNKNOWN, last=UNKNOWN, capital=st.booleans(),
       contact=CONTACTS)
def test_names_nobody_knows_never_show_in_any_format(linter, template, first, last, capital,
                                                     contact):
    rule, pattern = template
    sentence, secret = contact
    if capital:
        first, last = first.capitalize(), last.capitalize()
    name = f"{first} {last}"
    text = pattern.format(name=name, first=first, contact=sentence)
    if not capital:
        text, secret = text.lower(), secret.lower()
    metadata: dict[str, object] = {"platform": "facebook"}
    if rule in REPLIES:
        metadata["reply_to"] = {"author": name, "text": "Should I keep taking my tablets?"}
    result = linter.check_posts([read_draft(text, "p.txt", metadata)])
    quoting = [f for f in result.findings if f.rule not in PERSONAL_RULES]
    assert any(f.rule == rule for f in quoting), (rule, text)
    # Whole words: a made-up name may be part of a longer word of a rule's message.
    shown = [re.compile(rf"(?<![\w*]){re.escape(p)}(?!\w)") for p in (secret, first, last)]
    for finding in result.findings:
        for value in (finding.evidence, finding.excerpt or "", finding.message):
            assert not any(p.search(value) for p in shown), (finding.rule, value)
    for fmt in FORMATS:
        rendered = get_formatter(fmt)(result, linter.rules, "0")
        assert not any(p.search(rendered) for p in shown), (fmt, text)
    checked = Checker(linter).check_text(text, metadata)
    answer = json.dumps(json.loads(json_report.render(checked.result, linter.rules, "0")))
    assert not any(p.search(answer) for p in shown), ("web", text)


def test_a_suppression_reason_never_shows_a_name_nobody_knows(linter):
    text = "Read this http://example.org today"
    post = read_draft(text, "p.txt", {"ignore": {"link-safety": "Zorvathi Kennuro said it is fine"}})
    result = linter.check_posts([post])
    assert result.suppressed
    for fmt in FORMATS:
        rendered = get_formatter(fmt)(result, linter.rules, "0")
        assert "Zorvathi" not in rendered and "Kennuro" not in rendered, fmt
    assert all("Zorvathi" not in s.reason for s in result.suppressed)


def test_show_evidence_still_shows_a_name_nobody_knows(make_linter):
    text = ("I want to make a formal complaint: Zorvathi Kennuro on Ward 4 ignored my dad for six "
            "hours and nobody cared.")
    linter = make_linter(show_evidence=True)
    result = linter.check_posts([read_draft(text, "p.txt", {})])
    complaint = [f for f in result.findings if f.rule == "complaint-whistleblowing"]
    assert complaint and "Zorvathi Kennuro" in complaint[0].evidence
    assert "Zorvathi Kennuro" in (complaint[0].excerpt or "")


def test_the_web_pages_json_answer_masks_them_too(linter):
    text = ("I want to make a formal complaint: Bukola Adeyemi on Ward 4 ignored my dad for six "
            "hours and nobody cared. Ring me on 07700 900461.")
    checked = Checker(linter).check_text(text, {"platform": "facebook"})
    report = json.loads(json_report.render(checked.result, linter.rules, "0"))
    complaint = [f for f in report["findings"] if f["rule"] == "complaint-whistleblowing"]
    assert complaint, report
    rendered = json.dumps(report)
    for private in ("Bukola", "Adeyemi", "07700 900461"):
        assert private not in rendered


def test_show_evidence_still_shows_the_quoted_sentence(make_linter):
    text = ("I want to make a formal complaint: Bukola Adeyemi on Ward 4 ignored my dad for six "
            "hours and nobody cared.")
    linter = make_linter(show_evidence=True)
    result = linter.check_posts([read_draft(text, "p.txt", {})])
    complaint = [f for f in result.findings if f.rule == "complaint-whistleblowing"]
    assert complaint and "Bukola Adeyemi" in complaint[0].evidence


def test_a_name_run_into_a_lower_case_hashtag_never_shows(linter):
    # The hashtag rule quotes the tag and suggests it re-cased: a name spelt inside it
    # (an unusual one, or a first name and a surname side by side) is masked in both,
    # and in every other rule's quote of the post.
    text = "Wishing her well #getwellfenellaquennell and #rippeterjones #mentalhealthawareness"
    result = linter.check_posts([read_draft(text, "p.txt", {"platform": "facebook"})])
    tags = {f.evidence: f for f in result.findings if f.rule == "hashtag-camelcase"}
    assert "#mentalhealthawareness" in tags, tags  # an ordinary tag is quoted whole
    assert "Write it as #MentalHealthAwareness".lower() in tags["#mentalhealthawareness"].suggestion.lower()
    assert len(tags) == 3
    for fmt in FORMATS:
        rendered = get_formatter(fmt)(result, linter.rules, "0").lower()
        for private in ("fenella", "quennell", "peterjones"):
            assert private not in rendered, fmt


def test_show_evidence_shows_the_hashtag_and_its_fix_whole(make_linter):
    linter = make_linter(show_evidence=True)
    text = "Sad news today #rippeterjones"
    result = linter.check_posts([read_draft(text, "p.txt", {"platform": "facebook"})])
    tag = [f for f in result.findings if f.rule == "hashtag-camelcase"]
    assert tag and tag[0].evidence == "#rippeterjones"
    assert "#RipPeterJones" in tag[0].suggestion


def test_fix_still_recases_a_hashtag_whose_quote_is_masked(run_cli, tmp_path):
    draft = tmp_path / "draft.md"
    draft.write_text("---\nplatform: facebook\n---\nSad news today #rippeterjones\n", encoding="utf-8")
    result = run_cli("check", str(draft), "--select", "hashtag-camelcase", "--fix")
    assert "peterjones" not in result.out.lower()
    assert draft.read_text(encoding="utf-8").endswith("Sad news today #RipPeterJones\n")



def _iban(bank: str, account: str) -> str:
    # ISO 13616: the check digits make the number, moved and read as digits, leave 1 mod 97.
    body = f"{bank}{account}GB00"
    digits = "".join(str(int(c, 36)) for c in body)
    return f"GB{98 - int(digits) % 97:02d}{bank}{account}"


@SETTINGS
@given(bank=st.sampled_from(["BUKB", "NWBK", "MIDL", "BARC"]),
       account=st.text(alphabet="0123456789", min_size=14, max_size=14), grouped=st.booleans())
def test_an_iban_never_shows_in_part_in_another_rule_s_quote(linter, bank, account, grouped):
    # The digit rule alone masked the account digits and left "G*33BUKB" standing: the bank
    # code and check digits are part of the number, and it comes out starred whole.
    iban = _iban(bank, account)
    written = " ".join(iban[i:i + 4] for i in range(0, len(iban), 4)) if grouped else iban
    text = (f"Tell the ward manager she is a useless f*cking idiot and send my refund to "
            f"{written} today.")
    result = linter.check_posts([read_draft(text, "p.txt", {"platform": "facebook"})])
    quoting = [f for f in result.findings if f.rule not in PERSONAL_RULES]
    assert quoting
    for fmt in FORMATS:
        rendered = get_formatter(fmt)(result, linter.rules, "0")
        assert bank not in rendered and iban[2:4] + bank not in rendered, fmt
