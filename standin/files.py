"""Stored files (uploads by users and by the bot) and small image helpers."""

from __future__ import annotations

import hashlib
import mimetypes
import struct
import zlib
from dataclasses import dataclass, field
from typing import Any, Literal

FileKind = Literal["document", "photo"]

DOWNLOAD_LIMIT = 20 * 1024 * 1024
"""Bot API getFile refuses files above 20 MB."""


@dataclass(eq=False)
class StoredFile:
    """One file known to the stand-in, addressable by file_id and downloadable by path."""

    file_id: str
    file_unique_id: str
    kind: FileKind
    file_path: str
    data: bytes = field(repr=False)
    file_name: str | None = None
    mime_type: str | None = None
    width: int = 0
    height: int = 0

    @property
    def file_size(self) -> int:
        """Size in bytes."""
        return len(self.data)

    def as_document(self) -> dict[str, Any]:
        """Bot API ``Document`` object."""
        doc: dict[str, Any] = {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": self.file_size,
        }
        if self.file_name is not None:
            doc["file_name"] = self.file_name
        if self.mime_type is not None:
            doc["mime_type"] = self.mime_type
        return doc

    def as_photo(self) -> list[dict[str, Any]]:
        """Bot API ``PhotoSize`` array (one size: the original)."""
        return [
            {
                "file_id": self.file_id,
                "file_unique_id": self.file_unique_id,
                "file_size": self.file_size,
                "width": self.width,
                "height": self.height,
            }
        ]

    def as_file(self) -> dict[str, Any]:
        """Bot API ``File`` object as returned by getFile."""
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": self.file_size,
            "file_path": self.file_path,
        }


class FileStore:
    """In-memory file storage with Telegram-like identifiers."""

    def __init__(self) -> None:
        """Create an empty store."""
        self._by_id: dict[str, StoredFile] = {}
        self._by_path: dict[str, StoredFile] = {}
        self._counter = 0

    def add(
        self,
        data: bytes,
        kind: FileKind,
        file_name: str | None = None,
        mime_type: str | None = None,
    ) -> StoredFile:
        """Store ``data`` and return its record; the unique id depends only on the content."""
        self._counter += 1
        digest = hashlib.sha256(data).hexdigest()
        prefix = "BQAC" if kind == "document" else "AgAC"
        if kind == "document" and (not mime_type or mime_type == "application/octet-stream"):
            mime_type = guess_mime_type(file_name) or mime_type
        width, height = (image_size(data) or (0, 0)) if kind == "photo" else (0, 0)
        extension = _extension(file_name, mime_type, kind)
        folder = "documents" if kind == "document" else "photos"
        stored = StoredFile(
            file_id=f"{prefix}{self._counter:04d}{digest[:24]}",
            file_unique_id=f"AQAD{digest[:12]}",
            kind=kind,
            file_path=f"{folder}/file_{self._counter}{extension}",
            data=bytes(data),
            file_name=file_name if kind == "document" else None,
            mime_type=mime_type if kind == "document" else None,
            width=width,
            height=height,
        )
        self._by_id[stored.file_id] = stored
        self._by_path[stored.file_path] = stored
        return stored

    def get(self, file_id: str) -> StoredFile | None:
        """Look up by file_id."""
        return self._by_id.get(file_id)

    def by_path(self, file_path: str) -> StoredFile | None:
        """Look up by the download path handed out by getFile."""
        return self._by_path.get(file_path)

    def __len__(self) -> int:
        """Number of stored files."""
        return len(self._by_id)


def guess_mime_type(file_name: str | None) -> str | None:
    """MIME type from a file name, like Telegram derives it."""
    if not file_name:
        return None
    return mimetypes.guess_type(file_name, strict=False)[0]


def _extension(file_name: str | None, mime_type: str | None, kind: FileKind) -> str:
    """File extension for the download path."""
    if kind == "photo":
        return ".jpg"
    if file_name and "." in file_name:
        return "." + file_name.rsplit(".", 1)[1]
    return (mimetypes.guess_extension(mime_type) if mime_type else None) or ""


def image_size(data: bytes) -> tuple[int, int] | None:
    """Width and height of a PNG, GIF, BMP, WebP or JPEG image, else None."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return width, height
    if data[:6] in (b"GIF87a", b"GIF89a") and len(data) >= 10:
        width, height = struct.unpack("<HH", data[6:10])
        return width, height
    if data.startswith(b"BM") and len(data) >= 26:
        width, height = struct.unpack("<ii", data[18:26])
        return width, abs(height)
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP" and len(data) >= 30:
        return _webp_size(data)
    if data.startswith(b"\xff\xd8"):
        return _jpeg_size(data)
    return None


def _webp_size(data: bytes) -> tuple[int, int] | None:
    """Dimensions of the three WebP flavours."""
    chunk = data[12:16]
    if chunk == b"VP8X":
        width = int.from_bytes(data[24:27], "little") + 1
        height = int.from_bytes(data[27:30], "little") + 1
        return width, height
    if chunk == b"VP8 ":
        width, height = struct.unpack("<HH", data[26:30])
        return width & 0x3FFF, height & 0x3FFF
    if chunk == b"VP8L":
        bits = int.from_bytes(data[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    return None


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    """Walk JPEG segments to the first start-of-frame marker."""
    pos = 2
    while pos + 9 < len(data):
        if data[pos] != 0xFF:
            return None
        marker = data[pos + 1]
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            pos += 2
            continue
        length = struct.unpack(">H", data[pos + 2 : pos + 4])[0]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", data[pos + 5 : pos + 9])
            return width, height
        pos += 2 + length
    return None


def tiny_png(width: int = 2, height: int = 2, rgb: tuple[int, int, int] = (0, 128, 0)) -> bytes:
    """A valid, solid-colour PNG, handy as a simulated user's photo."""

    def chunk(tag: bytes, payload: bytes) -> bytes:
        """One PNG chunk with length and CRC."""
        body = tag + payload
        return struct.pack(">I", len(payload)) + body + struct.pack(">I", zlib.crc32(body))

    row = b"\x00" + bytes(rgb) * width
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(row * height))
        + chunk(b"IEND", b"")
    )
