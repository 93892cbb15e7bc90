"""The written outputs of steps 1, 2 and 4: Nota Kepala Dinas, Notulen Rapat, Draf Realisasi.

Each exists as plain UTF-8 text (every phone opens it) and the first two also as an A4 PDF
with letterhead and signature block (:func:`head_memo_pdf`, :func:`minutes_pdf`). The PDF
functions take the same keyword parameters as the text ones, plus ``created_at`` for reproducible
files. Who signs is a ``reports.heading.SignOff``: name, rank, NIP, title and place.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime

from bot.formatting import DAYS, date_long, format_nip, period_label
from reports.heading import SignOff
from reports.pdf import OfficialPDF, Signature, government_line

MEMO_TITLE = "Nota Kepala Dinas"
MINUTES_TITLE = "Notulen Rapat"
MEMO_SUBJECT = "Pelaksanaan Pengukuran Kinerja"
CHAIR_TITLE = "Pimpinan Rapat"
NOTE_TAKER_TITLE = "Notulis"


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


def _signature_lines(signed: SignOff) -> list[str]:
    assert signed.name is not None
    lines = [f"{signed.title.rstrip(',')},", "", signed.name]
    if signed.rank:
        lines.append(signed.rank)
    if signed.nip:
        lines.append(f"NIP. {format_nip(signed.nip)}")
    return lines


def _signature(signed: SignOff, place_date: str | None = None) -> Signature:
    assert signed.name is not None
    return Signature(signed.title, signed.name, signed.rank, signed.nip, place_date=place_date)


def _as_note_taker(signed: SignOff) -> SignOff:
    return replace(signed, title=NOTE_TAKER_TITLE)


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
    signed: SignOff, secretary_names: list[str], analysis_name: str,
) -> bytes:
    """Nota Kepala Dinas: the order that starts a cycle (step 1), as plain text, signed by
    ``signed`` (the Kepala Dinas, or the acting one with their title)."""
    lines = _header(letterhead, MEMO_TITLE, number, day)
    lines += [
        f"Kepada   : {_recipients(secretary_names)}",
        f"Dari     : {signed.title}",
        f"Perihal  : {MEMO_SUBJECT} {period_label(year, quarter)}",
        "",
        *(paragraph for text in _memo_body(year, quarter, analysis_name)
          for paragraph in (text, "")),
        *_signature_lines(signed),
    ]
    return _text(lines)


def head_memo_pdf(
    *, letterhead: Letterhead, number: str, day: date, year: int, quarter: int,
    signed: SignOff, secretary_names: list[str], analysis_name: str,
    on_behalf_of: str | None = None, created_at: datetime | None = None,
) -> bytes:
    """Nota Kepala Dinas as an A4 PDF: letterhead, title and number, Kepada / Dari / Tanggal /
    Lampiran / Perihal, the order, and the Kepala Dinas's signature block, dated at
    ``signed.place``. An acting head (``signed.title`` "Plh. Kepala Dinas") names the official
    replaced in ``on_behalf_of``, so that the memo carries both names."""
    assert signed.name is not None
    pdf = OfficialPDF(title=f"{MEMO_TITLE} {number}", author=signed.name, created_at=created_at)
    pdf.add_page()
    pdf.letterhead(agency=letterhead.agency, province=letterhead.province,
                   address=letterhead.address, logo=letterhead.logo)
    pdf.title_block(MEMO_TITLE, f"Nomor: {number}")
    pdf.key_values([
        ("Kepada", _recipients(secretary_names)),
        ("Dari", f"{signed.title} (a.n. {on_behalf_of})" if on_behalf_of else signed.title),
        ("Tanggal", date_long(day)),
        ("Lampiran", analysis_name or "-"),
        ("Perihal", f"{MEMO_SUBJECT} {period_label(year, quarter)}"),
    ])
    pdf.rule()
    for text in _memo_body(year, quarter, analysis_name):
        pdf.paragraph(text)
    place_date = f"{signed.place}, {date_long(day)}" if signed.place else None
    pdf.signatures([_signature(signed, place_date=place_date)])
    return pdf.to_bytes()


# --- Notulen Rapat (step 2) ---------------------------------------------------------------------
def _agenda(year: int, quarter: int) -> str:
    return f"Arahan pelaksanaan Pengukuran Kinerja {period_label(year, quarter)}"


def minutes(
    *, letterhead: Letterhead, number: str, day: date, year: int, quarter: int,
    chair: SignOff, attendees: list[str], directions: str, attachment: str | None,
    note_taker: SignOff | None = None, place: str | None = None, time: str | None = None,
) -> bytes:
    """Notulen Rapat of the briefing meeting (step 2), as plain text; ``place`` is where the
    meeting was held."""
    lines = _header(letterhead, MINUTES_TITLE, number, day)
    lines += [f"Hari/Tanggal : {day_and_date(day)}"]
    if time:
        lines.append(f"Waktu        : {time}")
    if place:
        lines.append(f"Tempat       : {place}")
    lines += [
        f"Acara        : {_agenda(year, quarter)}",
        f"Pimpinan     : {chair.name}",
        "Peserta      :",
        *[f"  {i}. {name}" for i, name in enumerate(attendees, 1)],
        "",
        "Arahan:",
        *[f"  {line}" for line in directions.splitlines()],
        "",
        f"Lampiran     : {attachment or '-'}",
        "",
        *_signature_lines(_as_note_taker(note_taker or chair)),
    ]
    return _text(lines)


def minutes_pdf(
    *, letterhead: Letterhead, number: str, day: date, year: int, quarter: int,
    chair: SignOff, attendees: list[str], directions: str, attachment: str | None,
    note_taker: SignOff | None = None, place: str | None = None, time: str | None = None,
    created_at: datetime | None = None,
) -> bytes:
    """Notulen Rapat as an A4 PDF. ``note_taker`` defaults to the chair (who records the
    meeting in the bot); when it is someone else, the chair signs too, as *Pimpinan Rapat*."""
    notes = _as_note_taker(note_taker or chair)
    assert chair.name is not None and notes.name is not None
    pdf = OfficialPDF(title=f"{MINUTES_TITLE} {number}", author=notes.name,
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
    rows += [("Acara", _agenda(year, quarter)), ("Pimpinan Rapat", chair.name)]
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
    signatures = [_signature(notes)]
    if notes.name.strip() != chair.name.strip():
        signatures.insert(0, _signature(replace(chair, title=CHAIR_TITLE)))
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
