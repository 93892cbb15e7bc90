"""Files officials send: what is accepted, and how it is stored."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bot.domain import errors
from bot.domain.errors import Reason
from reports.safe_workbook import TOO_MANY_PARTS, WorkbookRefused, zip_members

MAX_BYTES = 20 * 1024 * 1024  # what the Bot API lets a bot download
# A zip of evidence may unpack to this much at most, in this many files: more is a zip bomb.
ZIP_UNPACKED_BYTES = 200 * 1024 * 1024
ZIP_MEMBERS = 500

ALLOWED_TYPES: dict[str, str] = {
    ".pdf": "application/pdf",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".xls": "application/vnd.ms-excel",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".doc": "application/msword",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".txt": "text/plain",
    ".csv": "text/csv",
    ".zip": "application/zip",
}


@dataclass(frozen=True)
class Upload:
    data: bytes
    name: str
    mime_type: str


def check(name: str, size: int | None) -> str:
    """The MIME type to record for ``name``; refuses types and sizes we do not take."""
    suffix = Path(name).suffix.lower()
    if suffix not in ALLOWED_TYPES:
        raise errors.InvalidInput(reason=Reason.FILE_TYPE)
    if size is not None and size > MAX_BYTES:
        raise errors.InvalidInput(reason=Reason.FILE_TOO_BIG)
    return ALLOWED_TYPES[suffix]


# What the first bytes of each kind of file are; a file whose name promises one kind and whose
# bytes are another (an executable renamed .pdf) is refused.
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old Word and Excel formats
_ZIP = b"PK\x03\x04"
_OFFICE_PART = {".xlsx": "xl/", ".docx": "word/", ".pptx": "ppt/"}
_EXECUTABLES = (b"MZ", b"\x7fELF", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe", b"#!")


def photo_name(name: str, data: bytes) -> tuple[str, str]:
    """A photo's file name and type by what its bytes are (JPEG unless they are PNG)."""
    suffix = ".png" if data.startswith(b"\x89PNG\r\n\x1a\n") else ".jpg"
    named = str(Path(name).with_suffix(suffix))
    return named, ALLOWED_TYPES[suffix]


def inspect(upload: Upload) -> None:
    """Refuse an empty file, one whose bytes are not what its name says, and a zip that holds
    anything we would not take on its own (or unpacks to far more than it weighs)."""
    data, suffix = upload.data, Path(upload.name).suffix.lower()
    if not data:
        raise errors.InvalidInput(reason=Reason.FILE_EMPTY)
    if data.startswith(_EXECUTABLES) or not _looks_like(suffix, data):
        raise errors.InvalidInput(reason=Reason.FILE_CONTENT, name=upload.name)
    if suffix == ".zip":
        _inspect_zip(upload)


def _looks_like(suffix: str, data: bytes) -> bool:
    if suffix == ".pdf":
        return b"%PDF-" in data[:1024]  # the header may follow a little junk, as readers allow
    if suffix in (".jpg", ".jpeg"):
        return data.startswith(b"\xff\xd8\xff")
    if suffix == ".png":
        return data.startswith(b"\x89PNG\r\n\x1a\n")
    if suffix in (".xls", ".doc"):
        return data.startswith(_OLE2)
    if suffix in _OFFICE_PART:
        return data.startswith(_ZIP) and _office_part(data, _OFFICE_PART[suffix])
    if suffix == ".zip":
        return data.startswith((_ZIP, b"PK\x05\x06"))
    if suffix in (".txt", ".csv"):
        return b"\x00" not in data[:65536]
    return False


def _office_part(data: bytes, folder: str) -> bool:
    try:
        names = [m.filename for m in zip_members(data, ZIP_MEMBERS)]
    except WorkbookRefused:
        return False
    return "[Content_Types].xml" in names and any(n.startswith(folder) for n in names)


def _inspect_zip(upload: Upload) -> None:
    try:
        members = [m for m in zip_members(upload.data, ZIP_MEMBERS) if not m.is_dir()]
    except WorkbookRefused as refused:
        reason = Reason.ZIP_TOO_BIG if refused.reason == TOO_MANY_PARTS else Reason.FILE_CONTENT
        raise errors.InvalidInput(reason=reason, name=upload.name) from None
    if not members:
        raise errors.InvalidInput(reason=Reason.FILE_EMPTY)
    unpacked = sum(m.file_size for m in members)
    if len(members) > ZIP_MEMBERS or unpacked > ZIP_UNPACKED_BYTES:
        raise errors.InvalidInput(reason=Reason.ZIP_TOO_BIG, name=upload.name)
    for member in members:
        suffix = Path(member.filename).suffix.lower()
        if suffix not in ALLOWED_TYPES or suffix == ".zip" or member.flag_bits & 0x1:
            # Nested zips and encrypted members cannot be looked into.
            raise errors.InvalidInput(reason=Reason.ZIP_MEMBER, name=member.filename)
