"""What an official's file must be: not empty, what its name says, a zip of acceptable files."""

from __future__ import annotations

import io
import zipfile

import pytest
from openpyxl import Workbook

from bot import texts
from bot.domain import errors
from bot.services import uploads
from bot.services.uploads import Upload
from standin import tiny_png


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def _xlsx() -> bytes:
    out = io.BytesIO()
    Workbook().save(out)
    return out.getvalue()


def _refusal(name: str, data: bytes) -> str | None:
    try:
        uploads.inspect(Upload(data, name, "application/octet-stream"))
    except errors.InvalidInput as error:
        return str(error.params["reason"])
    return None


DOCX = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})


@pytest.mark.parametrize(("name", "data"), [
    ("laporan.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"),
    ("laporan.pdf", b"\xef\xbb\xbf\r\n%PDF-1.4 after a little junk"),
    ("realisasi.xlsx", _xlsx()),
    ("notulen.docx", DOCX),
    ("lama.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100),
    ("foto.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF"),
    ("grafik.png", tiny_png(2, 2)),
    ("catatan.txt", "Realisasi 87,5 % — sesuai target".encode()),
    ("data.csv", b"kode;nilai\nIK1;87,5\n"),
    ("bukti.zip", _zip({"foto/a.jpg": b"\xff\xd8\xff", "b.pdf": b"%PDF-1.4"})),
])
def test_genuine_files_are_taken(name: str, data: bytes) -> None:
    assert _refusal(name, data) is None


@pytest.mark.parametrize(("name", "data", "reason"), [
    ("kosong.pdf", b"", "file_empty"),
    ("program.pdf", b"MZ\x90\x00\x03" + b"\x00" * 60, "file_content"),
    ("program.jpg", b"\x7fELF\x02\x01\x01", "file_content"),
    ("skrip.txt", b"#!/bin/sh\nrm -rf /\n", "file_content"),
    ("bukan.pdf", b"<html>bukan pdf</html>", "file_content"),
    ("tabel.xlsx", _zip({"a.txt": b"x"}), "file_content"),  # a zip, but no workbook
    ("tabel.xlsx", DOCX, "file_content"),  # a Word file renamed .xlsx
    ("foto.png", b"\xff\xd8\xff\xe0", "file_content"),
    ("biner.txt", b"teks\x00\x01\x02", "file_content"),
    ("rusak.zip", b"PK\x03\x04 potongan", "file_content"),
    ("kosong.zip", _zip({}), "file_empty"),
    ("isi.zip", _zip({"setup.exe": b"MZ"}), "zip_member"),
    ("isi.zip", _zip({"dalam.zip": _zip({"a.pdf": b"%PDF-"})}), "zip_member"),
])
def test_files_that_are_not_what_they_claim_are_refused(name: str, data: bytes,
                                                        reason: str) -> None:
    assert _refusal(name, data) == reason


def test_a_zip_that_unpacks_to_far_more_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(uploads, "ZIP_UNPACKED_BYTES", 10_000)
    bomb = _zip({"a.txt": b"0" * 20_000})
    assert len(bomb) < 1_000 and _refusal("bukti.zip", bomb) == "zip_too_big"


def test_every_refusal_has_its_own_indonesian_reason() -> None:
    for reason in ("file_empty", "file_content", "zip_member", "zip_too_big"):
        message = texts.error_message(errors.InvalidInput(reason=reason, name="x.pdf"))
        assert message != texts.error_message(errors.InvalidInput(reason="tidak ada")), reason


def test_a_photo_is_named_by_its_bytes() -> None:
    assert uploads.photo_name("foto-1.jpg", tiny_png(1, 1)) == ("foto-1.png", "image/png")
    assert uploads.photo_name("foto-1.jpg", b"\xff\xd8\xff") == ("foto-1.jpg", "image/jpeg")
