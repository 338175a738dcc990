"""Reading a file's text safely: a size limit, UTF-8 only, a BOM allowed."""

from __future__ import annotations

import codecs
import sys
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError

STDIN = "-"


def decode(data: bytes, source: str) -> str:
    """UTF-8 text with any UTF-8 BOM removed and line endings made ``\\n``."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE)):
        raise InputError(
            source,
            "this file is UTF-16 or UTF-32 text; save it as UTF-8 and check it again",
            1,
        )
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise InputError(source, "this looks like a binary file (it contains NUL bytes), not text", line)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError(
            source,
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x}); save the file as UTF-8 and check it again",
            line,
            column,
        ) from None
    # CR LF and lone CR become LF; each still ends one line, so line numbers hold.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_bytes(path: str, max_bytes: int, stream: BinaryIO | None = None) -> bytes:
    """The file's bytes, refusing anything larger than ``max_bytes``."""
    if path == STDIN:
        handle = stream or sys.stdin.buffer
        data = handle.read(max_bytes + 1)
    else:
        try:
            with Path(path).open("rb") as handle:
                data = handle.read(max_bytes + 1)
        except FileNotFoundError:
            raise InputError(path, "no such file or folder") from None
        except PermissionError:
            raise InputError(path, "permission denied: cannot read this file") from None
        except IsADirectoryError:
            raise InputError(path, "is a folder, not a file") from None
        except OSError as exc:
            raise InputError(path, f"cannot read this file: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        mb = max_bytes / 1_000_000
        raise InputError(
            path,
            f"larger than the {mb:g} MB limit; split it, or raise max_file_mb in the configuration",
        )
    return data


def read_text(path: str, max_bytes: int, stream: BinaryIO | None = None) -> str:
    return decode(read_bytes(path, max_bytes, stream), path)
