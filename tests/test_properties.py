"""Property tests: the engine's invariants over arbitrary text and metadata."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from socialpolicy.engine import Result
from socialpolicy.inputs.draft import read_draft
from socialpolicy.reports import get_formatter

# Text a hostile or careless writer could produce: any code point but surrogates,
# with combining marks, right-to-left text, emoji ZWJ sequences and control characters.
PIECES = st.sampled_from([
    "http://example.org", "https://1.2.3.4/x", "#nhs", "# nhs", "#mentalhealthawareness",
    "\u200d", "\u202e", "\u0301", "👩‍⚕️", "🏳️‍🌈", "\x00", "\x1b[31m", "\r", "\n", "\t",
    "NHS 111", "943 476 5919", "Jane Smith", "bed 4 on Ward 12", "take 2 paracetamol",
    "مرحبا", "שלום", "ﬁ", "Ⅻ", "İ", "ß",
])
TEXT = st.lists(
    st.one_of(st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=30), PIECES),
    max_size=12,
).map("".join)
METADATA = st.fixed_dictionaries(
    {},
    optional={
        "platform": st.sampled_from(["twitter", "x", "facebook", "instagram", "bluesky"]),
        "media": st.lists(
            st.fixed_dictionaries(
                {"file": st.sampled_from(["a.jpg", "b.png", "c.mp4"])},
                optional={"alt": st.one_of(st.none(), st.text(max_size=10)),
                          "people": st.one_of(st.none(), st.booleans()),
                          "consent": st.lists(st.text(min_size=1, max_size=5), max_size=2)},
            ),
            max_size=3,
        ),
        "poll": st.fixed_dictionaries({"question": st.text(max_size=20)}),
        "reply_to": st.fixed_dictionaries({"text": st.text(max_size=40)}),
    },
)
SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@SETTINGS
@given(text=TEXT, metadata=METADATA)
def test_checking_never_raises_and_positions_point_into_the_post(linter, text, metadata):
    post = read_draft(text, "p.txt", metadata)
    result = linter.check_posts([post])
    lines = text.split("\n")
    for finding in result.findings:
        assert 1 <= finding.line <= len(lines)
        assert 1 <= finding.column <= len(lines[finding.line - 1]) + 1
        assert (finding.line, finding.column) <= (finding.end_line, finding.end_column)
        if finding.evidence and finding.line == finding.end_line and "*" not in finding.evidence:
            # Text evidence is exactly what lies between the reported columns.
            span = lines[finding.line - 1][finding.column - 1:finding.end_column - 1]
            if span:
                assert " ".join(span.split()) == finding.evidence


@SETTINGS
@given(text=TEXT, metadata=METADATA)
def test_same_post_twice_gives_the_same_findings_in_order(linter, text, metadata):
    post = read_draft(text, "p.txt", metadata)
    first = linter.check_posts([post]).findings
    second = linter.check_posts([post, post]).findings
    assert second == sorted(first + first, key=lambda f: f.sort_key())
    assert first == sorted(first, key=lambda f: f.sort_key())


@SETTINGS
@given(text=TEXT, metadata=METADATA)
def test_every_format_renders_any_result(linter, text, metadata):
    result = linter.check_posts([read_draft(text, "p.txt", metadata)])
    for name in ("text", "json"):
        rendered = get_formatter(name)(result, linter.rules, "0")
        assert isinstance(rendered, str)
    assert json.loads(get_formatter("json")(result, linter.rules, "0"))["summary"]["posts"] == 1


def test_empty_result_renders():
    assert "No problems" in get_formatter("text")(Result(), [], "0")
