"""Personal data with Presidio: UK identifiers, contacts and people's names.

A ``pii`` detector names the Presidio entities it reports (``UK_NHS``,
``PERSON``, ...); the recognizers behind them are data, in
``socialpolicy/pii/recognizers.yaml`` or a file the rule names. Presidio is
imported the first time a post is checked, never when rules are loaded, so a
run that selects only other rules pays nothing for it.

Only ``PERSON`` needs the language model (``needs = {"nlp", "ner"}``): identifiers are
found by pattern, checksum and nearby phrases, with or without a model. Names
are compared with the post's ``consent`` entries and the allow-listed public
figures; a name in a post about someone's health can be raised to an error.
Every hit is personal data, so the engine masks its evidence.

The modules, split by what each check reads (layers point down, from ``detector``):

- ``detector``: the detector, built from the rule; runs the checks below on a post.
- ``definitions``, ``filters``, ``organisations``: what the rule is built from (recognizer
  definitions, roles, escalation; the word lists of the name checks; firms and brands).
- ``identifiers``: identifiers and contacts in every text of a post.
- ``private``: whether a proposed span is a private person's name, asking
  ``mention`` (how it is written), ``things`` (a place's, a thing's, a work's),
  ``firms`` (a firm's, a character's, a public figure's), ``consent`` (someone the post
  may name) and ``context`` (what only people have around a name).
- ``hashtags``, ``resolve``, ``roles``: names in hashtags; overlaps and one finding per
  person; whom each name is read as.
- ``words``: how every check cuts a text into words, sentences and lists.
"""

from .detector import DETECTOR, PiiDetector

__all__ = ["DETECTOR", "PiiDetector"]
