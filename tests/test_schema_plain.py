"""The plain schema check (``schema_check.plainly_valid``) that spares a run of flat
metadata the jsonschema import: it may only ever accept what jsonschema accepts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jsonschema
from hypothesis import given, settings
from hypothesis import strategies as st

from socialpolicy.resources import load_schema
from socialpolicy.schema_check import first_problem, plainly_valid

SCHEMAS = ("post.schema.json", "config.schema.json", "accounts.schema.json", "rule.schema.json")
_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-3, 3), st.floats(allow_nan=False, width=16),
    st.sampled_from(["twitter", "x", "facebook", "whatsapp", "", "@JamesPagetNHS", "1"]),
    st.text(max_size=5),
)
_VALUES = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=2)
                       | st.dictionaries(st.sampled_from(["file", "name", "text"]), inner, max_size=2),
                       max_leaves=4)


@settings(max_examples=400, deadline=None)
@given(name=st.sampled_from(SCHEMAS), draw=st.data())
def test_what_the_plain_check_accepts_jsonschema_accepts(name: str, draw: st.DataObject) -> None:
    schema = load_schema(name)
    properties = schema.get("properties", {})
    keys = sorted(properties) or ["entries"]
    # Values close to the edge: the schema's own enum strings next to other scalars.
    named = sorted({e for rules in properties.values() if isinstance(rules, dict)
                    for e in rules.get("enum", []) if isinstance(e, str)}) or ["twitter"]
    values = st.one_of(_SCALARS, st.sampled_from(named), _VALUES)
    data: dict[Any, Any] = draw.draw(st.dictionaries(
        st.sampled_from(keys) | st.sampled_from(["platfrom", "", "x"]), values, max_size=3))
    if plainly_valid(schema, data):
        assert not list(jsonschema.Draft202012Validator(schema).iter_errors(data)), data


def test_the_plain_check_accepts_a_draft_platform_and_leaves_the_rest_to_jsonschema() -> None:
    post = load_schema("post.schema.json")
    assert plainly_valid(post, {"platform": "twitter", "account": "@JamesPagetNHS", "id": 7})
    # Each of these goes to jsonschema, which names the problem.
    for data in ({"platform": "whatsapp"}, {"platfrom": "twitter"}, {"id": True},
                 {"media": [{"file": "a.jpg"}]}):
        assert not plainly_valid(post, data)
    problem = first_problem("post.schema.json", {"platfrom": "twitter"})
    assert problem is not None and problem.unknown_key == "platfrom"
    problem = first_problem("post.schema.json", {"platform": "whatsapp"})
    assert problem is not None and problem.message.startswith("must be one of: twitter")


def test_a_post_length_check_with_a_platform_imports_no_model_and_no_jsonschema(
        tmp_path: Path, modules_after_check: Any) -> None:
    draft = tmp_path / "post.txt"
    draft.write_text("Our pharmacy is open until 6pm today.\n", encoding="utf-8")
    loaded, output = modules_after_check(
        ["--select", "post-length", "--platform", "twitter", str(draft)],
        ("spacy", "presidio_analyzer", "jsonschema"))
    assert loaded == [], output
    assert "No problems found" in output, output
