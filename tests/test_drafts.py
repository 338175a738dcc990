"""Drafts: .txt and .md with front matter, stdin, positions and encodings."""

from __future__ import annotations

import json

import pytest

from socialpolicy.errors import InputError
from socialpolicy.inputs.draft import read_draft
from socialpolicy.inputs.reading import decode


def test_front_matter_metadata_and_body_position():
    text = "---\nplatform: twitter\nid: launch\n---\nLine one\nsee http://example.org\n"
    post = read_draft(text, "d.md", markdown=True)
    assert post.platform == "twitter"
    assert post.id == "launch"
    assert post.text == "Line one\nsee http://example.org"
    offset = post.text.index("http")
    pos = post.locate(offset)
    assert (pos.line, pos.column) == (6, 5)


def test_x_is_an_alias_of_twitter():
    post = read_draft("---\nplatform: x\n---\nhi", "d.md", markdown=True)
    assert post.platform == "twitter"


def test_unknown_front_matter_key_names_key_and_line():
    text = "---\nplatform: twitter\nmedai: []\n---\nhello\n"
    with pytest.raises(InputError) as err:
        read_draft(text, "d.md", markdown=True)
    assert err.value.line == 3
    assert "medai" in err.value.reason


def test_unclosed_front_matter_is_an_error():
    with pytest.raises(InputError) as err:
        read_draft("---\nplatform: twitter\nhello\n", "d.md", markdown=True)
    assert "never closed" in err.value.reason


def test_text_key_in_front_matter_is_refused():
    with pytest.raises(InputError):
        read_draft("---\ntext: hi\n---\nbody\n", "d.md", markdown=True)


def test_txt_keeps_leading_dashes_as_text():
    post = read_draft("---\nnot front matter in a txt file", "d.txt", markdown=False)
    assert post.text.startswith("---")


def test_bad_scheduled_names_line():
    with pytest.raises(InputError) as err:
        read_draft("---\nscheduled: next tuesday\n---\nhi\n", "d.md", markdown=True)
    assert err.value.line == 2


def test_scheduled_without_offset_is_london_time():
    post = read_draft("---\nscheduled: 2026-07-01T10:00\n---\nhi\n", "d.md", markdown=True)
    assert post.scheduled is not None
    assert post.scheduled.utcoffset().total_seconds() == 3600  # BST


def test_decode_strips_utf8_bom_and_crlf():
    assert decode(b"\xef\xbb\xbfhello\r\nworld", "f") == "hello\nworld"


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b"\xff\xfeh\x00i\x00", "UTF-16"),
        (b"caf\xe9 au lait", "UTF-8"),
        (b"abc\x00def", "binary"),
    ],
)
def test_decode_refuses_non_utf8(data, fragment):
    with pytest.raises(InputError) as err:
        decode(data, "f.txt")
    assert fragment in err.value.reason


def test_cli_line_numbers_survive_crlf(run_cli, tmp_path):
    path = tmp_path / "crlf.md"
    path.write_bytes(b"---\r\nplatform: twitter\r\n---\r\nfirst\r\nsecond http://example.org\r\n")
    result = run_cli("check", str(path), "--format", "json")
    assert result.code == 1, result
    finding = json.loads(result.out)["findings"][0]
    assert (finding["line"], finding["column"]) == (5, 8)


def test_cli_reads_stdin_with_platform(run_cli):
    result = run_cli("check", "-", "--platform", "twitter", "--format", "json",
                     input="visit http://example.org")
    assert result.code == 1, result
    data = json.loads(result.out)
    assert data["findings"][0]["file"] == "-"
    assert data["summary"]["posts"] == 1


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        (b"\xff\xfeh\x00i\x00", "UTF-16"),
        (b"hello \xc3\x28 world", "not valid UTF-8"),
        (b"---\nplatfrom: twitter\n---\nhi\n", "platfrom"),
        (b"---\nplatform: [unclosed\n---\nhi\n", "not valid YAML"),
    ],
)
def test_cli_bad_drafts_exit_2_naming_the_file(run_cli, tmp_path, content, needle):
    path = tmp_path / "bad.md"
    path.write_bytes(content)
    result = run_cli("check", str(path))
    assert result.code == 2, result
    assert str(path) in result.err
    assert needle in result.err
    assert "Traceback" not in result.err
    assert len(result.err.strip().splitlines()) == 1


def test_yaml_keys_that_look_boolean_stay_text():
    from socialpolicy.yamlpos import load_yaml

    data = load_yaml("on: reply_to\nyes: 1\nflag: on\n", "t.yaml")
    assert data == {"on": "reply_to", "yes": 1, "flag": True}
