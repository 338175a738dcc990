"""Inbound triage (SPEC §5): comments and messages into a moderation queue.

``read_messages`` reads an export, ``Triage`` sorts it, ``render`` writes the queue.
"""

from __future__ import annotations

from .core import Action, Evidence, Triage, Triaged
from .messages import Message, messages_from_text, read_messages

__all__ = ["Action", "Evidence", "Message", "Triage", "Triaged", "messages_from_text",
           "read_messages"]
