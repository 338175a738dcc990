"""post-length and hashtag-guidance: where the findings point and what they say."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def lint(make_linter):
    return make_linter(select=["post-length", "hashtag-guidance"])


def test_overlong_tweet_points_at_the_first_character_past_the_limit(lint):
    findings = lint.check_text("a" * 290, platform="twitter")
    assert [f.rule for f in findings] == ["post-length"]
    assert findings[0].column == 281
    assert "290/280" in findings[0].message


def test_urls_count_23_on_x_but_not_elsewhere(lint):
    text = "x" * 250 + " https://www.jpaget.nhs.uk/ " + "a" * 60
    assert not lint.check_text("x" * 250 + " https://www.jpaget.nhs.uk/ " + "a" * 5, platform="x")
    assert lint.check_text(text, platform="x")
    assert not lint.check_text(text, platform="facebook")


def test_configured_limit(make_linter):
    from socialpolicy.config import parse_config

    config = parse_config({"platforms": {"linkedin": 10}}, path=__import__("pathlib").Path("t.toml"))
    linter = make_linter(config, select=["post-length"])
    assert linter.check_text("eleven char", platform="linkedin")
    assert not linter.check_text("ten chars!", platform="linkedin")


def test_too_many_hashtags_points_at_the_first_extra_tag(lint):
    findings = lint.check_text("Good news #a #b #c #d #e", platform="twitter")
    assert [f.rule for f in findings] == ["hashtag-guidance"]
    assert findings[0].column == len("Good news #a #b #c ") + 1
    assert "5/3" in findings[0].message
