"""Files officials send: what is accepted, and how it is stored."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bot.domain import errors

MAX_BYTES = 20 * 1024 * 1024  # what the Bot API lets a bot download

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
        raise errors.InvalidInput(reason="file_type")
    if size is not None and size > MAX_BYTES:
        raise errors.InvalidInput(reason="file_too_big")
    return ALLOWED_TYPES[suffix]
