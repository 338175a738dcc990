"""socialpolicy.text.twitter against twitter-text's own conformance cases.

The cases come from ``../shared/testdata/twitter-text`` beside the repository when it
is there, else from the copy in ``tests/data/twitter-text`` (see its README).
"""

from __future__ import annotations

import dataclasses
import re
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from socialpolicy.text import twitter
from socialpolicy.text.twitter import (
    TWITTER_V2,
    TWITTER_V3,
    Entity,
    TwitterConfig,
    WeightRange,
    extract_emoji,
    extract_hashtags,
    extract_mentions,
    extract_urls,
    parse_tweet,
    weighted_length,
)

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "testdata" / "twitter-text"
VENDORED = Path(__file__).resolve().parent / "data" / "twitter-text"
FILES = ("validate.yml", "extract.yml")
DATA = SHARED if all((SHARED / f).is_file() for f in FILES) else VENDORED


def _load(name: str) -> dict[str, list[dict[str, Any]]]:
    with (DATA / name).open(encoding="utf-8") as f:
        tests: dict[str, list[dict[str, Any]]] = yaml.safe_load(f)["tests"]
    return tests


VALIDATE = _load("validate.yml")
EXTRACT = _load("extract.yml")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60]


def cases(tests: dict[str, list[dict[str, Any]]], *sections: str) -> list[Any]:
    """One pytest param per case, with an id naming the section and the case."""
    params = []
    for section in sections:
        for i, case in enumerate(tests[section]):
            case_id = f"{section}-{i:03d}-{_slug(case['description'])}"
            params.append(pytest.param(case, id=case_id))
    return params


def test_conformance_files_are_present() -> None:
    # A silent fall-back to an empty or missing copy would make every test vacuous.
    assert all((VENDORED / f).is_file() for f in (*FILES, "LICENSE", "README.md"))
    assert len(VALIDATE["WeightedTweetsCounterTest"]) >= 20
    assert len(VALIDATE["WeightedTweetsWithDiscountedEmojiCounterTest"]) >= 22
    assert len(EXTRACT["hashtags"]) >= 65


def test_vendored_copy_matches_shared_copy() -> None:
    if DATA is VENDORED:
        pytest.skip("no ../shared/testdata/twitter-text beside the repository")
    for name in FILES:
        assert (VENDORED / name).read_bytes() == (SHARED / name).read_bytes(), name


# --- validate.yml: weighted length ---------------------------------------------------


def _parsed(text: str, config: TwitterConfig) -> dict[str, Any]:
    p = parse_tweet(text, config)
    return {
        "weightedLength": p.weighted_length,
        "valid": p.valid,
        "permillage": p.permillage,
        "displayRangeStart": p.display_range_start,
        "displayRangeEnd": p.display_range_end,
        "validRangeStart": p.valid_range_start,
        "validRangeEnd": p.valid_range_end,
    }


# twitter-text runs this section with its v2 configuration (no emoji discount) in every
# language it ships; the discounted section below is v3, what X uses.
@pytest.mark.parametrize("case", cases(VALIDATE, "WeightedTweetsCounterTest"))
def test_weighted_length_v2(case: dict[str, Any]) -> None:
    assert weighted_length(case["text"], TWITTER_V2) == case["expected"]["weightedLength"]
    assert _parsed(case["text"], TWITTER_V2) == case["expected"]


@pytest.mark.parametrize(
    "case",
    cases(
        VALIDATE,
        "WeightedTweetsWithDiscountedEmojiCounterTest",
        "UnicodeDirectionalMarkerCounterTest",
    ),
)
def test_weighted_length_v3(case: dict[str, Any]) -> None:
    assert weighted_length(case["text"]) == case["expected"]["weightedLength"]
    assert _parsed(case["text"], TWITTER_V3) == case["expected"]


# --- extract.yml ---------------------------------------------------------------------


@pytest.mark.parametrize("case", cases(EXTRACT, "hashtags", "hashtags_from_astral"))
def test_hashtags(case: dict[str, Any]) -> None:
    assert [tag.text for tag in extract_hashtags(case["text"])] == case["expected"]


@pytest.mark.parametrize("case", cases(EXTRACT, "hashtags_with_indices"))
def test_hashtags_with_indices(case: dict[str, Any]) -> None:
    tags = extract_hashtags(case["text"])
    found = [{"hashtag": t.text, "indices": [t.start, t.end]} for t in tags]
    assert found == case["expected"]


@pytest.mark.parametrize("case", cases(EXTRACT, "urls", "tco_urls_with_params"))
def test_urls(case: dict[str, Any]) -> None:
    assert [url.text for url in extract_urls(case["text"])] == case["expected"]


@pytest.mark.parametrize(
    "case", cases(EXTRACT, "urls_with_indices", "urls_with_directional_markers")
)
def test_urls_with_indices(case: dict[str, Any]) -> None:
    found = [{"url": u.text, "indices": [u.start, u.end]} for u in extract_urls(case["text"])]
    assert found == case["expected"]


@pytest.mark.parametrize("case", cases(EXTRACT, "mentions"))
def test_mentions(case: dict[str, Any]) -> None:
    assert [m.text for m in extract_mentions(case["text"])] == case["expected"]


@pytest.mark.parametrize("case", cases(EXTRACT, "mentions_with_indices"))
def test_mentions_with_indices(case: dict[str, Any]) -> None:
    mentions = extract_mentions(case["text"])
    found = [{"screen_name": m.text, "indices": [m.start, m.end]} for m in mentions]
    assert found == case["expected"]


# --- behaviour the rules rely on -------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "#NHS thanks to our #Nurses!",
        "Fullwidth ＃ハッシュタグ works",
        "cafe\u0301 #cafe\u0301 decomposed",
        "astral #𠀡 tag",
        "🙋🏽 #MentalHealthAwareness 👨‍👩‍👧‍👦 #JPUH",
    ],
)
def test_hashtag_spans_cover_the_sign_and_tag_in_the_original_text(text: str) -> None:
    tags = extract_hashtags(text)
    assert tags
    for tag in tags:
        assert text[tag.start] in "#＃"
        assert text[tag.start + 1 : tag.end] == tag.text


def test_hashtag_in_a_url_fragment_is_not_a_hashtag() -> None:
    text = "Read https://www.jpaget.nhs.uk/news#latest and #NHS"
    assert [t.text for t in extract_hashtags(text)] == ["NHS"]


def test_entities_are_frozen() -> None:
    tag = extract_hashtags("#NHS")[0]
    assert tag == Entity("NHS", 0, 4)
    with pytest.raises(dataclasses.FrozenInstanceError):
        tag.start = 1  # type: ignore[misc]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Visit jpaget.nhs.uk today", len("Visit ") + 23 + len(" today")),
        ("Visit https://www.jpaget.nhs.uk/services/maternity-services", 6 + 23),
        # .txt is not a top-level domain, so the file name counts character by character.
        ("See notes.txt", 13),
        ("x" * 280, 280),
        ("中" * 140, 280),
        ("e\u0301", 1),  # NFC: one character
        ("👨‍👩‍👧‍👦", 2),  # ZWJ family
        ("🇬🇧", 2),  # flag
        ("🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f", 2),  # England
        ("👩🏽‍⚕️", 2),  # skin tone, ZWJ, variation selector
        ("1\ufe0f\u20e3", 2),  # keycap
        ("\xa9", 1),  # bare (C) is text
        ("\xa9\ufe0f", 2),  # (C) as emoji
        ("\u2764\ufe0f", 2),
        ("", 0),
    ],
)
def test_weighted_length_examples(text: str, expected: int) -> None:
    assert weighted_length(text) == expected
    assert parse_tweet(text).weighted_length == expected


def test_v2_counts_every_code_point_of_an_emoji() -> None:
    family = "👨‍👩‍👧‍👦"  # 4 people (2 each) and 3 joiners (1 each)
    assert weighted_length(family, TWITTER_V2) == 11
    assert weighted_length(family, TWITTER_V3) == 2


def test_extract_emoji_finds_whole_sequences() -> None:
    text = "Hi 👋🏽 from 🏥 and 🇬🇧! ©"
    assert [e.text for e in extract_emoji(text)] == ["👋🏽", "🏥", "🇬🇧"]
    for e in extract_emoji(text):
        assert text[e.start : e.end] == e.text


def test_configuration_with_several_weights_is_weighed_per_code_point() -> None:
    config = TwitterConfig(
        default_weight=300,
        ranges=(WeightRange(0, 0x7F, 100), WeightRange(0x80, 0x10FF, 200)),
        emoji_parsing_enabled=False,
    )
    text = "abc é 中 😀"
    expected = sum(config.weight_of(ord(ch)) for ch in text) // config.scale
    assert expected == (4 * 100 + 200 + 100 + 300 + 100 + 300) // 100
    assert weighted_length(text, config) == expected


def test_tld_list_ships_as_package_data() -> None:
    data = resources.files("socialpolicy.text").joinpath("twitter_tlds.txt")
    assert data.is_file()
    names = {line.strip() for line in data.read_text("utf-8").splitlines()}
    assert {"uk", "com", "org", "health", "[country]", "[generic]"} <= names


# Pieces that make URLs, emoji, hashtags and wide characters meet in odd ways.
_FRAGMENTS = [
    "a", " ", ".", "#", "@", "/", "?", "=", "-", "_", ":", "é", "e\u0301", "中", "\u200d",
    "\ufe0f", "\ufe0e", "\u20e3", "1", "👍", "🏽", "👩", "🇬", "🇧", "©", "http://",
    "https://", "t.co/", "example.com", "jpaget.nhs.uk", "www.", "xn--", ".co", ".jp",
    "\u202a", "\u3002", "\uffff", "日本語", "(", ")", "\u2014",
]


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.lists(st.sampled_from(_FRAGMENTS), max_size=40).map("".join), st.text()))
def test_fast_weighted_length_agrees_with_the_twitter_text_walk(text: str) -> None:
    # weighted_length skips work parse_tweet does code point by code point; both must
    # give the same number for any text.
    for config in (TWITTER_V2, TWITTER_V3):
        assert weighted_length(text, config) == parse_tweet(text, config).weighted_length


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_FRAGMENTS), max_size=40).map("".join))
def test_url_and_hashtag_search_match_a_plain_scan(text: str) -> None:
    # The extractors search only near '.' and '#'; scanning every position with the
    # same patterns must find the same entities.
    urls = [m.group(2) for m in twitter._url_patterns()[0].finditer(text)]
    fast = [m.group(2) for m in twitter._url_matches(text)]
    assert fast == urls
    assert [m.span() for m in twitter._hashtag_matches(text)] == [
        m.span() for m in twitter._VALID_HASHTAG.finditer(text)
    ]
