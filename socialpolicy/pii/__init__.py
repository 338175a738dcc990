"""Personal data detection: UK identifiers and people's names, with Presidio, offline.

Only ``checksum``, ``names`` and ``people`` are free of heavy imports; ``analysis`` imports
Presidio (and so spaCy) and is imported only when a ``pii`` detector first runs.
"""
