"""The documents open where officials open them: LibreOffice converts the workbook and the
PDF's text (pdftotext) holds the figures. CI installs both; elsewhere these tests skip."""

from __future__ import annotations

import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from reports import report_pdf, workbooks
from reports.heading import ReportHeading, SignOff

needs_office = pytest.mark.skipif(shutil.which("soffice") is None,
                                  reason="LibreOffice (soffice) is not installed")
needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                     reason="pdftotext (poppler-utils) is not installed")

ROWS = (
    workbooks.MeasurementRow(
        goal="Meningkatnya kemantapan jalan", code="IK1.1", indicator="Jalan mantap",
        unit="%", division="Bina Marga", annual_target=Decimal("80"),
        quarter_target=Decimal("75"), realization=Decimal("78.5"),
        realization_to_date=Decimal("78.5"), achievement=Decimal("104.67"),
        achievement_to_date=Decimal("104.67"), obstacles="=SUM(A1)", follow_up="+62 811",
        evidence="foto.jpg", decimals=2),
)
FINANCES = (
    workbooks.FinanceRow(code="1.03.10", name="Rehabilitasi Jalan", division="Bina Marga",
                         budget=Decimal(1_000_000_000), quarter_target=Decimal(250_000_000),
                         realization=Decimal(212_500_000), absorption=Decimal("21.25")),
)
HEADING = ReportHeading(agency="Dinas BMCKTR", year=2024, quarter=1)


@needs_office
def test_the_report_workbook_converts_in_libreoffice(tmp_path: Path) -> None:
    source = tmp_path / "laporan.xlsx"
    source.write_bytes(workbooks.compiled_report(HEADING, parts=[], measurements=ROWS,
                                                 finances=FINANCES))
    result = subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    converted = tmp_path / "laporan.pdf"
    assert converted.exists() and converted.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(converted), "-"], capture_output=True,
                              text=True, check=True).stdout
        assert "=SUM(A1)" in text, "typed text stays text, never a formula"


@needs_pdftotext
def test_the_report_pdf_holds_the_figures(tmp_path: Path) -> None:
    pdf = tmp_path / "laporan.pdf"
    pdf.write_bytes(report_pdf.report_pdf(HEADING, measurements=ROWS, finances=FINANCES,
                                          final=True,
                                          sign_off=SignOff(name="ERASUKMA MUNAF, ST, MM",
                                                           nip="197209251998031003")))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    for expected in ("Jalan mantap", "78,5", "104,67", "212.500.000", "21,25",
                     "ERASUKMA MUNAF", "19720925 199803 1 003", "TRIWULAN I TAHUN 2024"):
        assert expected in text, expected


@needs_office
def test_the_report_pdf_opens_in_libreoffice(tmp_path: Path) -> None:
    pdf = tmp_path / "laporan.pdf"
    pdf.write_bytes(report_pdf.report_pdf(HEADING, measurements=ROWS, finances=FINANCES))
    result = subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
         "--convert-to", "png", "--outdir", str(tmp_path / "out"), str(pdf)],
        capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    page = tmp_path / "out" / "laporan.png"
    assert page.exists() and page.read_bytes().startswith(b"\x89PNG"), result.stdout
