"""The written outputs of steps 1, 2 and 4 as plain-text documents.

Plain UTF-8 text for now: every phone opens it. The PDF versions with letterhead come later.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.formatting import date_long, period_label


@dataclass(frozen=True)
class Letterhead:
    agency: str
    province: str = ""


def _header(letterhead: Letterhead, title: str, number: str, day: date) -> list[str]:
    lines = [letterhead.agency.upper()]
    if letterhead.province:
        lines.append(letterhead.province.upper())
    lines += ["=" * 60, title.upper(), f"Nomor: {number}", f"Tanggal: {date_long(day)}", ""]
    return lines


def head_memo(
    *, letterhead: Letterhead, number: str, day: date, year: int, quarter: int,
    head_name: str, secretary_names: list[str], analysis_name: str,
) -> bytes:
    """Nota Kepala Dinas: the order that starts a cycle (step 1)."""
    lines = _header(letterhead, "Nota Kepala Dinas", number, day)
    lines += [
        f"Kepada   : {', '.join(secretary_names) or 'Sekretaris'}",
        "Perihal  : Pelaksanaan Pengukuran Kinerja",
        "",
        f"Dengan ini diperintahkan kepada Sekretaris untuk melaksanakan pengukuran kinerja "
        f"{period_label(year, quarter)} sesuai SOP Pengukuran Kinerja.",
        f"Dasar: {analysis_name}.",
        "",
        "Kepala Dinas,",
        "",
        head_name,
    ]
    return ("\n".join(lines) + "\n").encode()


def minutes(
    *, letterhead: Letterhead, number: str, day: date, year: int, quarter: int,
    chair: str, attendees: list[str], directions: str, attachment: str | None,
) -> bytes:
    """Notulen Rapat of the briefing meeting (step 2)."""
    lines = _header(letterhead, "Notulen Rapat", number, day)
    lines += [
        f"Acara     : Arahan pelaksanaan pengukuran kinerja {period_label(year, quarter)}",
        f"Pimpinan  : {chair}",
        "Peserta   :",
        *[f"  {i}. {name}" for i, name in enumerate(attendees, 1)],
        "",
        "Arahan:",
        *[f"  {line}" for line in directions.splitlines()],
        "",
        f"Lampiran  : {attachment or '-'}",
        "",
        "Notulis,",
        "",
        chair,
    ]
    return ("\n".join(lines) + "\n").encode()


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
    return ("\n".join(lines) + "\n").encode()
