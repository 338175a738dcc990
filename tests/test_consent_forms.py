"""Consent entries and reply greetings as a person reads them (session 12, issue 11 §3): a
consent entry under a nickname covers the full first name, a nickname the post gives a
consented person is theirs, a kinship title before a consented short form is no part of
the name; a reply greets its author by a short form, after a handle or before an emoji; and
the author's own care or a relative's beside the greeting is still caught. Never anyone
else: a different surname, someone the nickname was given to, a person greeted who is not
the author."""

from __future__ import annotations

from socialpolicy.pii.names import matches_any, name_parts, with_nicknames


def people(linter, text: str, **meta: object) -> list[str]:
    return [f.evidence for f in linter.check_text(text, **meta)]


def test_an_entry_under_a_nickname_covers_the_full_first_name(names) -> None:
    text = "Farewell to Margaret Gedge after 28 years in Medical Records. Margaret, enjoy the allotment!"
    assert people(names, text, consent=[{"name": "Maggie Gedge"}]) == []
    # the letter rules do not run backwards: an entry "Al Moss" is not Alice Moss
    assert not matches_any("Alice Moss", [name_parts("Al Moss")], alone=True)
    assert not matches_any("Margaret Lamb", [name_parts("Maggie Gedge")], alone=True)


def test_a_nickname_the_post_gives_is_the_consented_persons_only(names) -> None:
    text = ("Meet Winifred Blowers, our longest-serving volunteer. Known to everyone in outpatients "
            "as Bunty, she has welcomed visitors since 1994. Thank you Bunty!")
    assert people(names, text, consent=[{"name": "Winifred Blowers"}]) == []
    entry = name_parts("Winifred Blowers")
    other = "Winifred Blowers and her friend Janet, known to all as Netty, ran the stall."
    assert with_nicknames([entry], other) == (entry,)
    theirs = "Winifred Blowers and her husband, known to all as Bunny, ran the stall."
    assert with_nicknames([entry], theirs) == (entry,)


def test_a_kinship_title_before_a_consented_short_form(names) -> None:
    text = "Thank you Uncle Reg for the knitted hats for the neonatal unit!"
    assert people(names, text, consent=[{"name": "Reginald Catton"}]) == []
    assert people(names, text) != []


def test_a_reply_greets_its_author_by_a_short_form_after_a_handle(names) -> None:
    reply = {"author": "@bazza_1974", "text": "is A&E busy?"}
    assert people(names, "@bazza_1974 Morning Barry, waits are about two hours right now.",
                  reply_to=reply) == []
    assert people(names, "@bazza_1974 Morning Trevor, waits are about two hours right now.",
                  reply_to=reply) == ["Trevor"]
    greeted = {"author": "Darren Lusher", "text": "thanks"}
    assert people(names, "Cheers Daz, we'll pass that on to the ward 🙌", reply_to=greeted) == []


def test_an_emoji_closes_a_greeting(names) -> None:
    reply = {"author": "Precious Mlambo", "text": "thank you"}
    assert people(names, "Thank you for the lovely message Precious 💙 we've shared it with the team.",
                  reply_to=reply) == []


def test_the_authors_care_or_a_relatives_beside_the_greeting_is_caught(names) -> None:
    reply = {"author": "Daniel Okoro", "text": "thanks all"}
    for text in ("Thanks Daniel, good luck with the transplant next month!",
                 "Hi Daniel, glad the physio is helping with your shoulder.",
                 "Hi Daniel, so sorry your wife fell on the stairs in the multi-storey.",
                 "Congratulations Daniel on your new baby!"):
        assert people(names, text, reply_to=reply) == ["Daniel"], text
    for text in ("Hi Daniel, we've got your back. Thanks for the support!",
                 "Hi Daniel, the transplant unit's open day is on Saturday from 10am."):
        assert people(names, text, reply_to=reply) == [], text
