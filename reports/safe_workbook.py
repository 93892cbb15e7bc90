"""The one way an uploaded workbook is opened: measured before it is read.

An .xlsx is a zip of XML. openpyxl believes what it reads: a 3 MB file whose shared strings
unpack to a gigabyte, a row of a million cells, a styles part of a million entries, all are
built in memory before anyone can say no. So every upload (master data, a filled form, a
workbook sent as evidence, ``/impor``) goes through :func:`open_workbook`, which refuses from
the zip's directory alone what is too big or has too many parts, then streams every XML part
once through expat, counting rows, cells and elements and refusing at the first limit passed
(and at any DTD, which no spreadsheet writes and which is how entity tricks begin). Only a
workbook within every limit reaches openpyxl, whose cost those limits then bound.
"""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from xml.parsers import expat

from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

MB = 1024 * 1024
# Excel's own limit on the text of one cell; nothing a spreadsheet wrote is longer.
MAX_TEXT = 32_767
_CHUNK = 64 * 1024
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
    max_cells: int = 300_000  # cells and shared strings, all sheets together

    @property
    def max_elements(self) -> int:
        """XML elements in all parts: a cell is two or three, the rest of a workbook little."""
        return 3 * self.max_cells + 100_000


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
            NotImplementedError, expat.ExpatError):
        # a damaged entry, an unknown compression, XML that does not parse
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
    """Counts while expat streams each part; raises at the first limit passed."""

    def __init__(self, limits: WorkbookLimits) -> None:
        self.limits = limits
        self.elements = 0
        self.cells = 0
        self.rows = 0  # in the part being read
        self.text = 0  # characters of the current text run

    def scan(self, stream: io.BufferedIOBase) -> None:
        self.rows = 0
        parser = expat.ParserCreate()
        parser.StartElementHandler = self._start
        parser.CharacterDataHandler = self._characters
        parser.StartDoctypeDeclHandler = self._doctype
        parser.EntityDeclHandler = self._doctype
        while chunk := stream.read(_CHUNK):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)

    def _start(self, name: str, _attributes: object) -> None:
        self.text = 0
        self.elements += 1
        if self.elements > self.limits.max_elements:
            raise WorkbookRefused(TOO_MANY_CELLS, self.limits.max_cells)
        local = name.rpartition(":")[2]
        if local in ("c", "si"):
            self.cells += 1
            if self.cells > self.limits.max_cells:
                raise WorkbookRefused(TOO_MANY_CELLS, self.limits.max_cells)
        elif local == "row":
            self.rows += 1
            if self.rows > self.limits.max_rows:
                raise WorkbookRefused(TOO_MANY_ROWS, self.limits.max_rows)

    def _characters(self, text: str) -> None:
        # expat hands one text node over in pieces; their sum, since the last tag opened, is
        # at least the cell's text (no end-tag handler: it would cost a call per element)
        self.text += len(text)
        if self.text > MAX_TEXT:
            raise WorkbookRefused(TEXT_TOO_LONG, MAX_TEXT)

    @staticmethod
    def _doctype(*_args: object) -> None:
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
