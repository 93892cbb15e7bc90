"""Crafted .xlsx files that cost a naive reader minutes and gigabytes, small on the wire.

Shared by ``tests/test_safe_workbook.py`` (each is refused, for the right reason, on every
upload path) and ``benchmarks/bench_hostile_files.py`` (what refusing each one costs). Each
builder returns the bytes an official could send; each stays under the default file size and,
where the point is the streaming count, under the default unpacked size too, so that only the
count can stop it.
"""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Callable

from reports.safe_workbook import WorkbookLimits

_DEFAULTS = WorkbookLimits()
_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_REL_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    '</Types>')
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet2.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
# Named like the step-3 form, so the form path reads it too, not only the master import.
_WORKBOOK = (
    f'<?xml version="1.0" encoding="UTF-8"?><workbook {_NS} {_REL_NS}><sheets>'
    '<sheet name="Kinerja" sheetId="1" r:id="rId1"/>'
    '<sheet name="Keuangan" sheetId="2" r:id="rId2"/></sheets></workbook>')
_EMPTY_SHEET = f'<worksheet {_NS}><sheetData/></worksheet>'


def _workbook(sheet: bytes | None = None, strings: bytes | None = None,
              extra: dict[str, bytes] | None = None) -> bytes:
    """A minimal valid workbook of two sheets, with ``sheet`` as the first one's XML."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as book:
        book.writestr("[Content_Types].xml", _CONTENT_TYPES)
        book.writestr("_rels/.rels", _ROOT_RELS)
        book.writestr("xl/workbook.xml", _WORKBOOK)
        book.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        book.writestr("xl/worksheets/sheet1.xml", sheet or _EMPTY_SHEET.encode())
        book.writestr("xl/worksheets/sheet2.xml", _EMPTY_SHEET)
        book.writestr("xl/sharedStrings.xml",
                      strings or f'<sst {_NS} count="0" uniqueCount="0"/>'.encode())
        for name, data in (extra or {}).items():
            book.writestr(name, data)
    return out.getvalue()


def _sheet(rows: bytes) -> bytes:
    return f'<worksheet {_NS}><sheetData>'.encode() + rows + b"</sheetData></worksheet>"


def _just_under_unpacked(unit: bytes, overhead: int = 200_000) -> int:
    """How many ``unit`` fit in one part so the whole file stays under the unpacked limit."""
    return (_DEFAULTS.max_unpacked - overhead) // len(unit)


def shared_strings_bomb() -> bytes:
    """The issue's 2.8 MB bomb, grown: one part that unpacks past the limit."""
    size = _DEFAULTS.max_unpacked * 10  # 200 MB
    return _workbook(strings=f"<sst {_NS}><si><t>".encode() + b"a" * size + b"</t></si></sst>")


def many_strings() -> bytes:
    """Millions of shared strings within the unpacked limit: openpyxl builds every one."""
    unit = b"<si><t>x</t></si>"
    count = _just_under_unpacked(unit)
    return _workbook(strings=f'<sst {_NS} count="{count}">'.encode() + unit * count + b"</sst>")


def wide_row() -> bytes:
    """One row of a million cells: openpyxl builds the whole row before it yields it."""
    unit = b'<c r="A1"/>'
    return _workbook(_sheet(b'<row r="1">' + unit * _just_under_unpacked(unit) + b"</row>"))


def many_rows() -> bytes:
    """Millions of empty rows, each a tuple padded to the sheet's width."""
    unit = b"<row/>"
    return _workbook(_sheet(unit * _just_under_unpacked(unit)))


def styles_bomb() -> bytes:
    """A styles part of millions of formats, read whole when the workbook opens."""
    unit = b"<xf/>"
    styles = (f"<styleSheet {_NS}><cellXfs>".encode() + unit * _just_under_unpacked(unit)
              + b"</cellXfs></styleSheet>")
    return _workbook(extra={"xl/styles.xml": styles})


def long_text() -> bytes:
    """One cell of almost the whole unpacked limit: far past what Excel writes."""
    text = b"a" * (_DEFAULTS.max_unpacked - 200_000)
    return _workbook(strings=f"<sst {_NS}><si><t>".encode() + text + b"</t></si></sst>")


def entity_expansion() -> bytes:
    """A "billion laughs" in the shared strings."""
    lol = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
           + b"".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i > 1 else "&lol;" * 10}">'
                      .encode() for i in range(1, 10))
           + f"]><sst {_NS}><si><t>&lol9;</t></si></sst>".encode())
    return _workbook(strings=lol)


def many_parts() -> bytes:
    """A zip directory of tens of thousands of entries: zipfile builds an object per entry."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as book:
        book.writestr("xl/workbook.xml", _WORKBOOK)
        for index in range(60_000):
            book.writestr(f"p/{index:x}", b"")
    return out.getvalue()


def too_large() -> bytes:
    """A file past the size limit (random, so that it does not compress)."""
    return b"PK\x03\x04" + os.urandom(_DEFAULTS.max_bytes)


def not_a_zip() -> bytes:
    return b"PK\x03\x04" + os.urandom(50_000)


def encrypted() -> bytes:
    data = bytearray(_workbook())
    # Flag every entry as encrypted, in the local headers and the central directory.
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.find(signature)
        while at >= 0:
            data[at + offset] |= 0x1
            at = data.find(signature, at + 4)
    return bytes(data)


# name → (builder, the reason it is refused for)
HOSTILE: dict[str, tuple[Callable[[], bytes], str]] = {
    "shared_strings_bomb": (shared_strings_bomb, "unpacked_too_large"),
    "many_strings": (many_strings, "too_many_cells"),
    "wide_row": (wide_row, "too_many_cells"),
    "many_rows": (many_rows, "sheet_too_long"),
    "styles_bomb": (styles_bomb, "too_many_cells"),
    "long_text": (long_text, "text_too_long"),
    "entity_expansion": (entity_expansion, "not_xlsx"),
    "many_parts": (many_parts, "too_many_parts"),
    "too_large": (too_large, "too_large"),
    "not_a_zip": (not_a_zip, "not_xlsx"),
    "encrypted": (encrypted, "not_xlsx"),
}
