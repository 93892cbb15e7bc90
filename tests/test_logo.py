"""The agency's logo: checked and made small once, then placed in the kop of every PDF."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

import pytest
from openpyxl import load_workbook
from PIL import Image
from pypdf import PdfReader

from reports.esr import ESR_SHEET, esr_workbook
from reports.heading import ReportHeading, SignOff
from reports.letters import Letterhead, head_memo_pdf
from reports.logo import MAX_BYTES, SIDE, LogoRefused, logo_size, prepare_logo
from reports.pdf import LOGO_HEIGHT
from reports.sheets import LOGO_PIXELS


def picture(width: int, height: int, fmt: str = "PNG", mode: str = "RGBA") -> bytes:
    out = io.BytesIO()
    Image.new(mode, (width, height), (200, 30, 30, 0) if mode == "RGBA" else 0).save(out, fmt)
    return out.getvalue()


def test_a_large_picture_is_made_small_and_keeps_its_shape_and_transparency() -> None:
    prepared = prepare_logo(picture(1200, 800))
    assert logo_size(prepared) == (SIDE, round(SIDE * 2 / 3))
    with Image.open(io.BytesIO(prepared)) as image:
        assert image.format == "PNG" and image.mode == "RGBA"
        assert image.getpixel((0, 0))[3] == 0, "a transparent background stays transparent"
    jpeg = prepare_logo(picture(120, 150, "JPEG", "RGB"))
    assert logo_size(jpeg) == (120, 150), "a small one is kept as it is"


@pytest.mark.parametrize(("data", "reason"), [
    (b"%PDF-1.4 not a picture", "not_image"),
    (picture(40, 40)[:60], "not_image"),  # cut short
    (b"\x89PNG" + b"\0" * MAX_BYTES, "too_large"),
    (picture(6000, 5000, mode="1"), "too_many_pixels"),  # 30 million pixels in a small file
], ids=["pdf", "truncated", "too-large", "pixel-bomb"])
def test_what_cannot_be_a_logo_is_refused_with_its_reason(data: bytes, reason: str) -> None:
    with pytest.raises(LogoRefused) as refused:
        prepare_logo(data)
    assert refused.value.reason == reason


def _images_on_first_page(data: bytes) -> list[tuple[float, float]]:
    page = PdfReader(io.BytesIO(data)).pages[0]
    return [(image.image.width, image.image.height) for image in page.images]


def test_the_kop_places_the_logo_at_the_left_and_keeps_the_text() -> None:
    logo = prepare_logo(picture(300, 300))
    common = {"number": "ND/01/SAKIP/2026", "day": date(2026, 1, 12), "year": 2026,
              "quarter": 1, "signed": SignOff(name="KEPALA"), "secretary_names": ["SEKRETARIS"],
              "analysis_name": "a.pdf"}
    plain = head_memo_pdf(letterhead=Letterhead("Dinas Bina Marga", "Sumatera Barat"), **common)
    with_logo = head_memo_pdf(letterhead=Letterhead("Dinas Bina Marga", "Sumatera Barat",
                                                    logo=logo), **common)
    assert _images_on_first_page(plain) == []
    assert _images_on_first_page(with_logo) == [(300, 300)]
    text = PdfReader(io.BytesIO(with_logo)).pages[0].extract_text()
    assert "DINAS BINA MARGA" in text and "PEMERINTAH PROVINSI SUMATERA BARAT" in text
    assert LOGO_HEIGHT > 0


def test_the_esr_workbook_carries_the_logo_over_its_title() -> None:
    logo = prepare_logo(picture(200, 100))
    heading = ReportHeading(agency="Dinas", year=2026, quarter=1)
    plain = load_workbook(io.BytesIO(esr_workbook(heading, measurements=(), finances=())))
    book = load_workbook(io.BytesIO(esr_workbook(replace(heading, logo=logo), measurements=(),
                                                 finances=())))
    assert not plain[ESR_SHEET]._images
    [image] = book[ESR_SHEET]._images
    emu = 9525  # per pixel
    assert (image.anchor._from.col, image.anchor._from.row) == (0, 0)
    assert (image.anchor.ext.width, image.anchor.ext.height) == (2 * LOGO_PIXELS * emu,
                                                                 LOGO_PIXELS * emu)
