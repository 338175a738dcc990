"""Reading a file's text safely: a size limit, UTF-8 only, a BOM allowed."""

from __future__ import annotations

import codecs
import errno
import os
import stat
import sys
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
        handle = stream or getattr(sys.stdin, "buffer", None)
        if handle is None:
            raise InputError(path, "standard input is closed: pipe the draft in, or name a file")
        try:
            data = handle.read(max_bytes + 1)
        except (OSError, ValueError):
            raise InputError(path, "standard input cannot be read: pipe the draft in, or name "
                             "a file") from None
    else:
        data = _read_regular(path, max_bytes + 1)
    if len(data) > max_bytes:
        mb = max_bytes / 1_000_000
        raise InputError(
            path,
            f"larger than the {mb:g} MB limit; split it, or raise max_file_mb in the configuration",
        )
    return data


def open_regular(path: str) -> int:
    """A file descriptor of a regular file, opened for reading. Opened without blocking
    and checked before anything is read, so a FIFO, a device such as /dev/zero or a
    socket can never hang a run or feed it without end."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise InputError(path, "no such file or folder") from None
    except PermissionError:
        raise InputError(path, "permission denied: cannot read this file") from None
    except IsADirectoryError:
        raise InputError(path, "is a folder, not a file") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError(path, "is a symbolic link that loops back on itself") from None
        raise InputError(path, f"cannot read this file: {exc.strerror or exc}") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise InputError(path, SPECIAL_FILE)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd


def _read_regular(path: str, limit: int) -> bytes:
    """At most ``limit`` bytes of a regular file (see ``open_regular``)."""
    fd = open_regular(path)
    try:
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read(limit)
    except IsADirectoryError:
        raise InputError(path, "is a folder, not a file") from None
    except OSError as exc:
        raise InputError(path, f"cannot read this file: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


SPECIAL_FILE = "is not a regular file (a pipe, a device or a socket), so it was not read"


def read_text(path: str, max_bytes: int, stream: BinaryIO | None = None) -> str:
    return decode(read_bytes(path, max_bytes, stream), path)
