"""``socialpolicy serve``: a local web page for people who do not use a terminal.

Needs the ``web`` extra (``pip install "socialpolicy[web]"``): Starlette for the
routes, uvicorn to serve them, python-multipart for uploads and Jinja2 for pages.
"""

from __future__ import annotations

from importlib.util import find_spec

MISSING = 'the web page needs its extra packages; run:  pip install "socialpolicy[web]"'
EXTRA_MODULES = ("starlette", "uvicorn", "multipart", "jinja2")


def web_available() -> bool:
    """Whether the ``web`` extra is installed (checked without importing it)."""
    return all(find_spec(name) is not None for name in EXTRA_MODULES)
