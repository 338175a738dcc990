"""Rows of the first sheet of an .xlsx file, with the standard library only (zip + XML)."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def rows(data: bytes) -> list[list[str]]:
    book = zipfile.ZipFile(io.BytesIO(data))
    shared = []
    if "xl/sharedStrings.xml" in book.namelist():
        for item in ET.fromstring(book.read("xl/sharedStrings.xml")).iter(f"{_NS}si"):
            shared.append("".join(t.text or "" for t in item.iter(f"{_NS}t")))
    out = []
    for row in ET.fromstring(book.read("xl/worksheets/sheet1.xml")).iter(f"{_NS}row"):
        values = []
        for cell in row.findall(f"{_NS}c"):
            value = cell.find(f"{_NS}v")
            text = value.text if value is not None and value.text is not None else ""
            values.append(shared[int(text)] if cell.get("t") == "s" and text else text)
        out.append(values)
    return out
