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
def test_any_post_is_checked_with_positions_in_it_the_same_each_time_and_renders(
    linter, text, metadata
):
    """Three invariants of one check of an arbitrary post (one test, so each post is
    checked once for all three rather than once per invariant)."""
    post = read_draft(text, "p.txt", metadata)
    result = linter.check_posts([post])
    first = result.findings
    # Checking never raises, and every position points into the post.
    lines = text.split("\n")
    for finding in first:
        assert 1 <= finding.line <= len(lines)
        assert 1 <= finding.column <= len(lines[finding.line - 1]) + 1
        assert (finding.line, finding.column) <= (finding.end_line, finding.end_column)
        if finding.evidence and finding.line == finding.end_line and "*" not in finding.evidence:
            # Text evidence is exactly what lies between the reported columns.
            span = lines[finding.line - 1][finding.column - 1:finding.end_column - 1]
            if span:
                assert " ".join(span.split()) == finding.evidence
    # The same post twice gives the same findings twice, in order.
    second = linter.check_posts([post, post]).findings
    assert second == sorted(first + first, key=lambda f: f.sort_key())
    assert first == sorted(first, key=lambda f: f.sort_key())
    # Every format renders any result.
    for name in ("text", "json"):
        rendered = get_formatter(name)(result, linter.rules, "0")
        assert isinstance(rendered, str)
    assert json.loads(get_formatter("json")(result, linter.rules, "0"))["summary"]["posts"] == 1


def test_empty_result_renders():
    assert "No problems" in get_formatter("text")(Result(), [], "0")


def _nhs_number(body: str) -> str | None:
    """``body`` (9 digits) with its modulus-11 check digit, or None where none exists."""
    total = sum(int(d) * w for d, w in zip(body, range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 10:
        return None
    return body + ("0" if check == 11 else str(check))


# Issued NHS numbers start 4 to 7 (England and Wales); the rest is any digits.
NHS_BODIES = st.tuples(
    st.sampled_from("4567"), st.text(alphabet="0123456789", min_size=8, max_size=8)
).map("".join).filter(lambda b: _nhs_number(b) is not None and len(set(b)) > 3)
SPACINGS = st.sampled_from([(3, 3, 4, " "), (3, 3, 4, "-"), (10, 0, 0, "")])
FRAMES = st.sampled_from([
    "Patient NHS number {n} is on the ward",
    "{n} - please call about Mrs Jones",
    "NHS no: {n}",
    "Update for {n}: results back",
])


@SETTINGS
@given(body=NHS_BODIES, spacing=SPACINGS, frame=FRAMES, fmt=st.sampled_from(["text", "json", "sarif", "github"]))
def test_masking_never_lets_an_nhs_number_through(linter, body, spacing, frame, fmt):
    number = _nhs_number(body)
    assert number is not None
    a, b, c, sep = spacing
    written = sep.join(part for part in (number[:a], number[a:a + b], number[a + b:]) if part)
    post = read_draft(frame.format(n=written), "p.txt", {"platform": "twitter"})
    result = linter.check_posts([post])
    if "NHS" in frame or sep:
        # NHS context or NHS formatting: the number must be found (and then masked).
        assert any(f.rule == "patient-identifier" for f in result.findings), written
    rendered = get_formatter(fmt)(result, linter.rules, "0")
    assert written not in rendered
    assert number not in rendered
    assert number[3:] not in rendered.replace(" ", "").replace("-", "")
