"""The library as issue 14 asks: one default Linter reused, typed keyword metadata,
validated Posts, a visible public surface and ``render`` printing as the CLI does."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

import socialpolicy
from socialpolicy.engine import Result

LINK_POST = "Read about visiting at http://www.jpaget.nhs.uk/visiting before you come in"


def test_check_text_reuses_one_default_linter(monkeypatch):
    from socialpolicy import engine

    socialpolicy.check_text("warm up", platform="twitter")
    built = []
    real_init = engine.Linter.__init__

    def counting(self, *args, **kwargs):
        built.append(1)
        real_init(self, *args, **kwargs)

    monkeypatch.setattr(engine.Linter, "__init__", counting)
    socialpolicy.check_text(LINK_POST, platform="twitter")
    socialpolicy.check_text("Our new day unit opens on Monday.", platform="facebook")
    assert built == []


def test_a_misspelt_metadata_keyword_is_a_type_error_naming_it():
    with pytest.raises(TypeError, match="platfrom"):
        socialpolicy.check_text("hello", platfrom="twitter")  # type: ignore[call-arg]
    linter = socialpolicy.Linter(rules=[])
    with pytest.raises(TypeError, match="platfrom"):
        linter.check_text("hello", platfrom="twitter")  # type: ignore[call-arg]


def test_metadata_takes_the_models_objects_or_mappings():
    text = "Our team at the awards night"
    as_object = socialpolicy.check_text(
        text, platform="facebook",
        media=[socialpolicy.Media(file="team.jpg", alt="The team", people=True)],
    )
    as_mapping = socialpolicy.check_text(
        text, platform="facebook", media=[{"file": "team.jpg", "alt": "The team", "people": True}],
    )
    assert {f.rule for f in as_object} == {f.rule for f in as_mapping} >= {"photo-consent"}
    scheduled = socialpolicy.check_text("Hello", scheduled=datetime(2026, 3, 14, 23, 30))
    assert "out-of-hours" in {f.rule for f in scheduled}


def test_post_converts_mappings_and_refuses_what_it_cannot_use():
    post = socialpolicy.Post(
        text="hi", source="planner", platform="X",
        media=[{"file": "a.jpg", "people": True, "consent": ["F1"]}],  # type: ignore[list-item]
        poll={"question": "Which?", "options": ["a", "b"]},  # type: ignore[arg-type]
        reply_to={"author": None, "text": "my leg hurts"},  # type: ignore[arg-type]
    )
    assert post.platform == "twitter"
    assert post.media == (socialpolicy.Media(file="a.jpg", people=True, consent=("F1",)),)
    assert post.poll == socialpolicy.Poll("Which?", ("a", "b"))
    assert post.reply_to == socialpolicy.ReplyTo(None, "my leg hurts")
    with pytest.raises(TypeError, match="Post.media"):
        socialpolicy.Post(text="hi", source="s", media=["a.jpg"])  # type: ignore[list-item]
    with pytest.raises(TypeError, match="Post.media item"):
        socialpolicy.Post(text="hi", source="s", media=[{"fil": "a.jpg"}])  # type: ignore[list-item]
    with pytest.raises(ValueError, match="myspace"):
        socialpolicy.Post(text="hi", source="s", platform="myspace")


def test_unknown_platform_in_check_text_is_refused():
    with pytest.raises(socialpolicy.InputError, match="platform"):
        socialpolicy.check_text("hi", platform="myspace")


def test_public_surface_is_listed():
    names = {"Linter", "Post", "Finding", "Media", "Consent", "Poll", "ReplyTo", "Result",
             "load_config", "render", "check_text", "check_file"}
    assert names <= set(socialpolicy.__all__)
    assert names <= set(dir(socialpolicy))
    for name in names:
        assert getattr(socialpolicy, name) is not None


def test_check_file_returns_what_check_paths_returns(tmp_path):
    draft = tmp_path / "visiting.md"
    draft.write_text(f"---\nplatform: twitter\n---\n{LINK_POST}\n")
    result = socialpolicy.check_file(draft)
    assert isinstance(result, Result)
    assert type(result) is type(socialpolicy.Linter(rules=[]).check_paths([str(draft)]))
    assert [f.rule for f in result if f.rule == "link-safety"] == ["link-safety"]


def test_render_prints_as_the_cli_does(tmp_path, cli):
    draft = tmp_path / "visiting.md"
    draft.write_text(f"---\nplatform: twitter\n---\n{LINK_POST}\n")
    result = socialpolicy.check_file(draft)
    printed = cli("check", str(draft), "--color", "never").out
    assert socialpolicy.render(result, "text") == printed
    as_json = json.loads(socialpolicy.render(result, "json"))
    assert as_json["findings"] == json.loads(cli("check", str(draft), "--format", "json").out)["findings"]
    with pytest.raises(ValueError, match="yaml"):
        socialpolicy.render(result, "yaml")


def test_finding_severity_is_one_of_three():
    import typing

    from socialpolicy.models import Finding

    hints = typing.get_type_hints(Finding)
    assert set(typing.get_args(hints["severity"])) == {"error", "warning", "info"}
