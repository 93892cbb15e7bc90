"""The one way an uploaded workbook is opened: measured before it is read.

An .xlsx is a zip of XML. openpyxl believes what it reads: a 3 MB file whose shared strings
unpack to a gigabyte, a row of a million cells, a styles part of a million entries, all are
built in memory before anyone can say no. So every upload (master data, a filled form, a
workbook sent as evidence, ``/impor``) goes through :func:`open_workbook`, which refuses from
the zip's directory alone what is too big or has too many parts, then streams every XML part
once as it inflates, counting rows, cells and elements and refusing at the first limit passed
(and at any DTD, which no spreadsheet writes and which is how entity tricks begin). Only a
workbook within every limit reaches openpyxl, whose cost those limits then bound.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

MB = 1024 * 1024
# Excel's own limit on the text of one cell; nothing a spreadsheet wrote is longer.
MAX_TEXT = 32_767
_CHUNK = 256 * 1024
# The most bytes one text may take in the XML: every character escaped (&#x10FFFF; is 10).
_MAX_TEXT_BYTES = 10 * MAX_TEXT
_UTF8_BOM = b"\xef\xbb\xbf"
_NAME = rb"<(?:[A-Za-z_][\w.-]*:)?"
_CELL = re.compile(_NAME + rb"(?:c|si)[\s/>]")
_ROW = re.compile(_NAME + rb"row[\s/>]")
_DECLARATION = re.compile(rb"<!(?:DOCTYPE|ENTITY|ELEMENT|ATTLIST)", re.IGNORECASE)
_ENCODING = re.compile(rb"""encoding\s*=\s*["']([^"']*)["']""")
_XML_SUFFIXES = (".xml", ".rels", ".vml")
_EOCD = b"PK\x05\x06"
_EOCD64_LOCATOR = b"PK\x06\x07"
_EOCD64 = b"PK\x06\x06"


@dataclass(frozen=True)
class WorkbookLimits:
    """What an uploaded workbook may hold; settings with these defaults (``WORKBOOK_*``).

    The defaults are far above a real agency's files (a 1,000-indicator master sheet is
    about 1 MB unpacked and 20,000 cells) and far below what would hurt the bot.
    """

    max_bytes: int = 10 * MB  # the file as sent
    max_unpacked: int = 20 * MB  # every part unpacked, as the zip declares (inflating stops there)
    max_parts: int = 500  # files inside the zip
    max_rows: int = 20_000  # in any one sheet
    max_cells: int = 200_000  # cells and shared strings, all sheets together

    @property
    def max_elements(self) -> int:
        """XML elements in all parts: a cell is two or three, the rest of a workbook little."""
        return 3 * self.max_cells


class WorkbookRefused(ValueError):
    """Not opened; ``reason`` is one of the keys below, ``limit`` the limit passed."""

    def __init__(self, reason: str, limit: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.limit = limit


# reason: the file is not a workbook at all, or damaged
NOT_XLSX = "not_xlsx"
TOO_LARGE = "too_large"
UNPACKED_TOO_LARGE = "unpacked_too_large"
TOO_MANY_PARTS = "too_many_parts"
TOO_MANY_ROWS = "sheet_too_long"
TOO_MANY_CELLS = "too_many_cells"
TEXT_TOO_LONG = "text_too_long"


def zip_members(data: bytes, max_parts: int) -> list[zipfile.ZipInfo]:
    """The zip's entries, or ``WorkbookRefused``: the count is read from the end record
    before ``zipfile`` builds an object per entry (a small file can declare millions)."""
    declared = _declared_entries(data)
    if declared is None:
        raise WorkbookRefused(NOT_XLSX)
    if declared > max_parts:
        raise WorkbookRefused(TOO_MANY_PARTS, max_parts)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise WorkbookRefused(NOT_XLSX) from None
    if len(members) > max_parts:
        raise WorkbookRefused(TOO_MANY_PARTS, max_parts)
    return members


def check_workbook(data: bytes, limits: WorkbookLimits) -> None:
    """Refuse ``data`` unless it is a zip of XML parts within every limit."""
    if len(data) > limits.max_bytes:
        raise WorkbookRefused(TOO_LARGE, limits.max_bytes)
    members = zip_members(data, limits.max_parts)
    names = {m.filename for m in members}
    if "xl/workbook.xml" not in names or any(m.flag_bits & 0x1 for m in members):
        raise WorkbookRefused(NOT_XLSX)
    if sum(m.file_size for m in members) > limits.max_unpacked:
        raise WorkbookRefused(UNPACKED_TOO_LARGE, limits.max_unpacked)
    counter = _Counter(limits)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for member in members:
                if member.filename.lower().endswith(_XML_SUFFIXES):
                    with archive.open(member) as stream:
                        counter.scan(stream)
    except WorkbookRefused:
        raise
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, RuntimeError,
            NotImplementedError, zlib.error):
        # a damaged entry, an unknown compression
        raise WorkbookRefused(NOT_XLSX) from None


@contextmanager
def open_workbook(data: bytes, limits: WorkbookLimits) -> Iterator[Workbook]:
    """The workbook, read-only with stored values, once :func:`check_workbook` passed."""
    check_workbook(data, limits)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged file
        raise WorkbookRefused(NOT_XLSX) from None
    try:
        yield book
    finally:
        book.close()


class _Counter:
    """Counts what each part holds, reading its bytes as they are inflated.

    Byte patterns, not an XML parser: the count is a bound taken at the speed of ``re``
    (a callback per element would make the count itself the slow part). Every tag opens with
    ``<``, so a part is cut only before a ``<`` and no tag is split between two reads. Parts
    are taken in UTF-8 or ASCII only, as every spreadsheet writes them, so that no other
    encoding can hide a tag from the patterns.
    """

    def __init__(self, limits: WorkbookLimits) -> None:
        self.limits = limits
        self.elements = 0
        self.cells = 0

    def scan(self, stream: io.BufferedIOBase) -> None:
        rows = 0
        carry = b""
        first = True
        while chunk := stream.read(_CHUNK):
            if first:
                _require_utf8(chunk)
                first = False
            buffer = carry + chunk
            cut = buffer.rfind(b"<")
            if cut <= 0:
                carry = buffer
                if len(carry) > _MAX_TEXT_BYTES:
                    raise WorkbookRefused(TEXT_TOO_LONG, MAX_TEXT)
                continue
            carry = buffer[cut:]
            rows = self._rows(rows + self._count(buffer[:cut]))
        self._rows(rows + self._count(carry))

    def _rows(self, rows: int) -> int:
        if rows > self.limits.max_rows:
            raise WorkbookRefused(TOO_MANY_ROWS, self.limits.max_rows)
        return rows

    def _count(self, text: bytes) -> int:
        """Adds the cells and elements of ``text`` and returns its rows."""
        if _DECLARATION.search(text):
            raise WorkbookRefused(NOT_XLSX)  # DTDs and entities: no spreadsheet writes them
        if len(max(text.split(b"<"), key=len)) > _MAX_TEXT_BYTES:
            raise WorkbookRefused(TEXT_TOO_LONG, MAX_TEXT)
        self.elements += text.count(b"<") - text.count(b"</")
        if self.elements > self.limits.max_elements:
            raise WorkbookRefused(TOO_MANY_CELLS, self.limits.max_cells)
        self.cells += len(_CELL.findall(text))
        if self.cells > self.limits.max_cells:
            raise WorkbookRefused(TOO_MANY_CELLS, self.limits.max_cells)
        return len(_ROW.findall(text))


def _require_utf8(start: bytes) -> None:
    if start.startswith(_UTF8_BOM):
        start = start[len(_UTF8_BOM):]
    if start.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in start[:4]:
        raise WorkbookRefused(NOT_XLSX)
    if start.startswith(b"<?xml"):
        end = start.find(b"?>")
        declared = _ENCODING.search(start[:end] if end > 0 else start[:200])
        if declared and declared.group(1).lower() not in (b"utf-8", b"utf8", b"us-ascii",
                                                          b"ascii"):
            raise WorkbookRefused(NOT_XLSX)


def _declared_entries(data: bytes) -> int | None:
    """The number of entries the zip's end record declares; ``None`` for no zip."""
    # The end record is 22 bytes plus a comment of at most 64 KB, at the very end.
    tail = data[-(22 + 65_535):]
    at = tail.rfind(_EOCD)
    if at < 0 or len(tail) - at < 22:
        return None
    (entries,) = struct.unpack("<H", tail[at + 10: at + 12])
    locator = at - 20
    if entries == 0xFFFF and locator >= 0 and tail[locator: locator + 4] == _EOCD64_LOCATOR:
        (offset,) = struct.unpack("<Q", tail[locator + 8: locator + 16])
        record = data[offset: offset + 56]
        if len(record) < 56 or record[:4] != _EOCD64:
            return None
        (entries,) = struct.unpack("<Q", record[32:40])
    return int(entries)
