"""benchmarks/names_synth.py: the generic-sentence benchmark for issue 11 scores spans
as its docstring says (a found span, a missed one, a false alarm), and its templates
are usable."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _load():
    spec = importlib.util.spec_from_file_location("names_synth", ROOT / "benchmarks" / "names_synth.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["names_synth"] = module
    spec.loader.exec_module(module)
    return module


ns = _load()


def _sentence(text: str, slots: dict[str, str]) -> object:
    spans = []
    for slot, value in slots.items():
        start = text.index(value)
        spans.append(ns.Span(start, start + len(value), slot))
    return ns.Sentence(text, tuple(spans), "en_GB", "dev", 0)


def test_a_found_span_a_missed_span_and_a_false_alarm_are_counted() -> None:
    text = "Ask Priya Raman at Acme Widgets or email priya@example.net"
    sentence = _sentence(text, {"name": "Priya Raman", "company": "Acme Widgets",
                                "email": "priya@example.net"})
    name, company = text.index("Raman"), text.index("Acme")
    # one finding inside the name (overlap is enough), one on the firm, none on the email
    npc = "named-person-consent"
    result = ns.score([sentence], [[(name, name + 5, "R****", npc), (company, company + 4, "A***", npc)]])
    assert (result.overall.gold, result.overall.found) == (2, 1)
    assert (result.overall.findings, result.overall.right) == (2, 1)
    assert result.by_slot["name"].recall == 1.0 and result.by_slot["email"].recall == 0.0
    assert result.names.precision == 0.5  # a false alarm on no person counts against names
    assert result.false_alarms == {"company": 1}
    assert [span.slot for _, span in result.missed] == ["email"]


def test_a_name_finding_on_an_address_is_right_overall_but_wrong_for_names() -> None:
    text = "Deliver to 12 Rosales Forges, Davidhaven NR31 6XY for Ann Lee"
    sentence = _sentence(text, {"address_uk": "12 Rosales Forges, Davidhaven NR31 6XY",
                                "name": "Ann Lee"})
    street, ann = text.index("Rosales"), text.index("Ann")
    result = ns.score([sentence], [[(street, street + 14, "R****", "named-person-consent"),
                                    (ann, ann + 7, "A**", "patient-identifier")]])
    assert (result.overall.found, result.overall.right) == (2, 2)
    # named-person-consent found no name (the name was another rule's finding) and its
    # one finding was on a street
    assert (result.names.gold, result.names.found) == (1, 0)
    assert (result.names.findings, result.names.right) == (1, 0)


def test_the_report_masks_personal_data_unless_asked() -> None:
    text = "Ring Jane Smith on 07700 900123"
    sentence = _sentence(text, {"name": "Jane Smith", "phone_uk": "07700 900123"})
    result = ns.score([sentence], [[]])
    masked = ns.report(result, "t", misses=True)
    assert "Jane Smith" not in masked and "900123" not in masked and "J*** S****" in masked
    assert "Jane Smith" in ns.report(result, "t", misses=True, show=True)


def test_filled_slots_are_where_the_spans_say() -> None:
    filler = ns.Filler(seed=3)
    text, spans = ns.fill("Dear {title_name}, call {first} on {phone_intl}. {first} said so.",
                          filler, "fr_FR")
    assert [s.slot for s in spans] == ["title_name", "first", "phone_intl", "first"]
    assert text[spans[1].start:spans[1].end] == text[spans[3].start:spans[3].end]
    assert text[spans[2].start:spans[2].end].startswith("+33")
    # seeded: the same sentences every run
    again = ns.fill("Dear {title_name}, call {first} on {phone_intl}. {first} said so.",
                    ns.Filler(seed=3), "fr_FR")
    assert again[0] == text


def test_an_unknown_slot_is_an_error_naming_the_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "t.yaml"
    bad.write_text("dev:\n  - 'Hello {name}'\n  - 'Hello {nickname}'\n", encoding="utf-8")
    with pytest.raises(ns.TemplateError, match=r"t\.yaml:3: unknown slot \{nickname\}"):
        ns.load_templates(bad)


def test_the_shipped_templates_hold_a_held_out_third_and_sentences_with_no_person() -> None:
    templates = ns.load_templates()
    total = len(templates["heldout"]) + len(templates["dev"])
    assert total >= 150 and len(templates["heldout"]) >= total // 3
    for split in ("heldout", "dev"):
        people = [t for t in templates[split]
                  if any(m.group(1) in ns.PERSONAL for m in ns.SLOT.finditer(t))]
        assert len(people) < len(templates[split])  # precision templates too


def test_a_tagged_file_gives_the_sentence_and_its_spans(tmp_path: Path) -> None:
    path = tmp_path / "sealed.txt"
    path.write_text("Ring [PERSON: Aisling Ó Dálaigh] on [PHONE: +353 87 412 9930] today.\n"
                    "Marks & Spencer opens at nine.\n", encoding="utf-8")
    first, second = ns.read_tagged(path)
    assert first.text == "Ring Aisling Ó Dálaigh on +353 87 412 9930 today."
    assert [(first.text[s.start:s.end], s.slot) for s in first.spans] == [
        ("Aisling Ó Dálaigh", "name"), ("+353 87 412 9930", "phone_intl")]
    assert second.text == "Marks & Spencer opens at nine." and second.spans == ()


@pytest.mark.parametrize("line, message", [
    ("Ring [NAME: Jo Bloggs] now", "sealed.txt:1: unknown type 'NAME'"),
    ("Ring [PERSON: Jo Bloggs now", "sealed.txt:1: a tag is not closed"),
])
def test_a_tagged_file_s_mistake_is_named_with_its_line(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "sealed.txt"
    path.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(ns.TemplateError, match=message):
        ns.read_tagged(path)
