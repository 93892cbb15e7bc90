"""The written outputs of steps 1, 2 and 4: Nota Kepala Dinas, Notulen Rapat, Draf Realisasi.

Each exists as plain UTF-8 text (every phone opens it) and the first two also as an A4 PDF
with letterhead and signature block (:func:`head_memo_pdf`, :func:`minutes_pdf`). The PDF
functions take the same keyword parameters as the text ones, plus optional ones for the
signatory (rank, NIP, title), the place, and ``created_at`` for reproducible files.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from bot.formatting import DAYS, date_long, format_nip, period_label
from reports.heading import HEAD_TITLE
from reports.pdf import OfficialPDF, Signature, government_line

MEMO_TITLE = "Nota Kepala Dinas"
MINUTES_TITLE = "Notulen Rapat"
MEMO_SUBJECT = "Pelaksanaan Pengukuran Kinerja"


@dataclass(frozen=True)
class Letterhead:
    """*Kop surat*. ``province`` may be ``Sumatera Barat``, ``Provinsi Sumatera Barat`` or the
    whole ``Pemerintah Provinsi …`` line; ``address`` is the optional small line below;
    ``place`` is the city written before a signature's date."""

    agency: str
    province: str = ""
    address: str = ""
    place: str = ""
    logo: bytes | None = None  # a prepared PNG (reports.logo), at the left of the kop


def day_and_date(day: date) -> str:
    """``Senin, 11 Januari 2024``."""
    return f"{DAYS[day.weekday()]}, {date_long(day)}"


def _header(letterhead: Letterhead, title: str, number: str, day: date) -> list[str]:
    lines = []
    if letterhead.province:
        lines.append(government_line(letterhead.province))
    lines.append(letterhead.agency.upper())
    if letterhead.address:
        lines.append(letterhead.address)
    lines += ["=" * 60, title.upper(), f"Nomor: {number}", f"Tanggal: {date_long(day)}", ""]
    return lines


def _signature_lines(title: str, name: str, rank: str | None, nip: str | None) -> list[str]:
    lines = [f"{title.rstrip(',')},", "", name]
    if rank:
        lines.append(rank)
    if nip:
        lines.append(f"NIP. {format_nip(nip)}")
    return lines


def _text(lines: list[str]) -> bytes:
    return ("\n".join(lines) + "\n").encode()


# --- Nota Kepala Dinas (step 1) -----------------------------------------------------------------
def _recipients(secretary_names: Sequence[str]) -> str:
    names = ", ".join(n for n in secretary_names if n.strip())
    return f"Sekretaris ({names})" if names else "Sekretaris"


def _memo_body(year: int, quarter: int, analysis_name: str) -> list[str]:
    period = period_label(year, quarter)
    return [
        "Dalam rangka pelaksanaan Sistem Akuntabilitas Kinerja Instansi Pemerintah (SAKIP), "
        f"dengan ini diperintahkan kepada Sekretaris untuk melaksanakan Pengukuran Kinerja "
        f"{period} sesuai dengan SOP Pengukuran Kinerja.",
        "Sebagai dasar pelaksanaan digunakan Laporan Hasil Analisa Data Kinerja: "
        f"{analysis_name}.",
        "Hasil pengukuran kinerja dilaporkan kepada Kepala Dinas sesuai dengan jadwal dan standar "
        "waktu yang ditetapkan dalam SOP.",
        "Demikian untuk dilaksanakan dengan penuh tanggung jawab.",
    ]


def head_memo(
    *, letterhead: Letterhead, number: str, day: date, year: int, quarter: int,
    head_name: str, secretary_names: list[str], analysis_name: str,
    head_rank: str | None = None, head_nip: str | None = None, head_title: str = HEAD_TITLE,
) -> bytes:
    """Nota Kepala Dinas: the order that starts a cycle (step 1), as plain text."""
    lines = _header(letterhead, MEMO_TITLE, number, day)
    lines += [
        f"Kepada   : {_recipients(secretary_names)}",
        f"Dari     : {head_title}",
        f"Perihal  : {MEMO_SUBJECT} {period_label(year, quarter)}",
        "",
        *(paragraph for text in _memo_body(year, quarter, analysis_name)
          for paragraph in (text, "")),
        *_signature_lines(head_title, head_name, head_rank, head_nip),
    ]
    return _text(lines)


def head_memo_pdf(
    *, letterhead: Letterhead, number: str, day: date, year: int, quarter: int,
    head_name: str, secretary_names: list[str], analysis_name: str,
    head_rank: str | None = None, head_nip: str | None = None, head_title: str = HEAD_TITLE,
    place: str | None = None, on_behalf_of: str | None = None,
    created_at: datetime | None = None,
) -> bytes:
    """Nota Kepala Dinas as an A4 PDF: letterhead, title and number, Kepada / Dari / Tanggal /
    Lampiran / Perihal, the order, and the Kepala Dinas's signature block. An acting head
    (``head_title`` "Plh. Kepala Dinas") names the official replaced in ``on_behalf_of``, so
    that the memo carries both names."""
    pdf = OfficialPDF(title=f"{MEMO_TITLE} {number}", author=head_name, created_at=created_at)
    pdf.add_page()
    pdf.letterhead(agency=letterhead.agency, province=letterhead.province,
                   address=letterhead.address, logo=letterhead.logo)
    pdf.title_block(MEMO_TITLE, f"Nomor: {number}")
    pdf.key_values([
        ("Kepada", _recipients(secretary_names)),
        ("Dari", f"{head_title} (a.n. {on_behalf_of})" if on_behalf_of else head_title),
        ("Tanggal", date_long(day)),
        ("Lampiran", analysis_name or "-"),
        ("Perihal", f"{MEMO_SUBJECT} {period_label(year, quarter)}"),
    ])
    pdf.rule()
    for text in _memo_body(year, quarter, analysis_name):
        pdf.paragraph(text)
    pdf.signatures([Signature(head_title, head_name, head_rank, head_nip,
                              place_date=f"{place}, {date_long(day)}" if place else None)])
    return pdf.to_bytes()


# --- Notulen Rapat (step 2) ---------------------------------------------------------------------
def _agenda(year: int, quarter: int) -> str:
    return f"Arahan pelaksanaan Pengukuran Kinerja {period_label(year, quarter)}"


def minutes(
    *, letterhead: Letterhead, number: str, day: date, year: int, quarter: int,
    chair: str, attendees: list[str], directions: str, attachment: str | None,
    note_taker: str | None = None, note_taker_rank: str | None = None,
    note_taker_nip: str | None = None, place: str | None = None, time: str | None = None,
) -> bytes:
    """Notulen Rapat of the briefing meeting (step 2), as plain text."""
    lines = _header(letterhead, MINUTES_TITLE, number, day)
    lines += [f"Hari/Tanggal : {day_and_date(day)}"]
    if time:
        lines.append(f"Waktu        : {time}")
    if place:
        lines.append(f"Tempat       : {place}")
    lines += [
        f"Acara        : {_agenda(year, quarter)}",
        f"Pimpinan     : {chair}",
        "Peserta      :",
        *[f"  {i}. {name}" for i, name in enumerate(attendees, 1)],
        "",
        "Arahan:",
        *[f"  {line}" for line in directions.splitlines()],
        "",
        f"Lampiran     : {attachment or '-'}",
        "",
        *_signature_lines("Notulis", note_taker or chair, note_taker_rank, note_taker_nip),
    ]
    return _text(lines)


def minutes_pdf(
    *, letterhead: Letterhead, number: str, day: date, year: int, quarter: int,
    chair: str, attendees: list[str], directions: str, attachment: str | None,
    note_taker: str | None = None, note_taker_rank: str | None = None,
    note_taker_nip: str | None = None, place: str | None = None, time: str | None = None,
    created_at: datetime | None = None, chair_rank: str | None = None,
    chair_nip: str | None = None,
) -> bytes:
    """Notulen Rapat as an A4 PDF. ``note_taker`` defaults to the chair (who records the
    meeting in the bot); when it is someone else, the chair signs too, as *Pimpinan Rapat*."""
    pdf = OfficialPDF(title=f"{MINUTES_TITLE} {number}", author=note_taker or chair,
                      created_at=created_at)
    pdf.add_page()
    pdf.letterhead(agency=letterhead.agency, province=letterhead.province,
                   address=letterhead.address, logo=letterhead.logo)
    pdf.title_block(MINUTES_TITLE, f"Nomor: {number}")
    rows = [("Hari/Tanggal", day_and_date(day))]
    if time:
        rows.append(("Waktu", time))
    if place:
        rows.append(("Tempat", place))
    rows += [("Acara", _agenda(year, quarter)), ("Pimpinan Rapat", chair)]
    pdf.key_values(rows, label_width=36)
    if attendees:
        pdf.key_values([("Peserta", "")], label_width=36, values=False)
        pdf.numbered(attendees, indent=41)
    else:
        pdf.key_values([("Peserta", "-")], label_width=36)
    pdf.ln(2)
    pdf.set_font(pdf.font_family, "B", 11)
    pdf.cell(0, 6, "Arahan Pimpinan Rapat:", new_x="LMARGIN", new_y="NEXT")
    for line in directions.splitlines() or ["-"]:
        if line.strip():
            pdf.paragraph(line.strip(), indent=5)
    pdf.key_values([("Lampiran", attachment or "-")], label_width=36)
    signatures = [Signature("Notulis", note_taker or chair, note_taker_rank, note_taker_nip)]
    if note_taker and note_taker.strip() != chair.strip():
        signatures.insert(0, Signature("Pimpinan Rapat", chair, chair_rank, chair_nip))
    pdf.signatures(signatures)
    return pdf.to_bytes()


# --- Draf Realisasi (step 4, free-text parts) ---------------------------------------------------
def division_draft(
    *, letterhead: Letterhead, day: date, year: int, quarter: int, division: str,
    submitted_by: str, figures: str, evidence: list[str],
) -> bytes:
    """A division's Draf Realisasi (step 4) as submitted in the chat."""
    lines = _header(letterhead, "Draf Realisasi Rencana Aksi Akuntabilitas Kinerja", "-", day)
    lines += [
        f"Periode   : {period_label(year, quarter)}",
        f"Bagian    : {division}",
        f"Diserahkan: {submitted_by}",
        "",
        "Realisasi:",
        *[f"  {line}" for line in figures.splitlines()],
        "",
        "Data dukung:",
        *([f"  {i}. {name}" for i, name in enumerate(evidence, 1)] or ["  -"]),
    ]
    return _text(lines)
