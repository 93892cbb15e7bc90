"""PDF text for assertions, read with pypdf (a maintained reader, not one of our own)."""

from __future__ import annotations

import io

from pypdf import PdfReader


def pdf_pages(data: bytes) -> list[str]:
    """The text of each page, in reading order."""
    reader = PdfReader(io.BytesIO(data), strict=True)
    return [page.extract_text() for page in reader.pages]


def pdf_text(data: bytes) -> str:
    """The whole text with runs of white space made one space: table cells wrap, so phrases
    are compared across line ends."""
    return " ".join(" ".join(pdf_pages(data)).split())
