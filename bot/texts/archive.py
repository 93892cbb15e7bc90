"""The archive of a closed cycle (SOP step 9, "mengarsipkannya"): folder names, manifest, the audit
transcript and their messages."""

from __future__ import annotations

from datetime import datetime

from bot.domain.clock import zone_label
from bot.domain.sop import DocumentKind, Step
from bot.formatting import (
    datetime_long,
    datetime_short,
    file_size,
    period_label,
)
from bot.texts.chat import duration

__all__ = [
    "ARCHIVE_CLI_HEADER",
    "ARCHIVE_CLI_HELP",
    "ARCHIVE_CLI_NONE",
    "ARCHIVE_CLI_NOT_BUILT",
    "ARCHIVE_FILENAME",
    "ARCHIVE_FOLDERS",
    "ARCHIVE_MANIFEST_UNREADABLE",
    "ARCHIVE_NOT_ZIP",
    "ARCHIVE_OTHER_FOLDER",
    "ARCHIVE_SUPERSEDED_FOLDER",
    "ARCHIVE_SYSTEM_USER",
    "ARCHIVE_UNNAMED_FILE",
    "BTN_NUDGE",
    "BTN_STATUS_CHART",
    "PART_STATES",
    "archive_audit_header",
    "archive_bad_quarter",
    "archive_cannot_write",
    "archive_changed",
    "archive_document_absent",
    "archive_duplicate",
    "archive_entry_unreadable",
    "archive_extra",
    "archive_list_row",
    "archive_missing",
    "archive_size_changed",
    "archive_stored_changed",
    "archive_too_large",
    "archive_too_many_entries",
    "archive_unsafe_path",
    "archive_written",
    "nudge",
    "nudged",
    "step_timing",
]


# --- archive ---
# SOP step 9, "mengarsipkannya": the ZIP of a closed cycle (reports/archive_bundle.py,
# bot/services/archive.py and ``sakip-bot archive``).
ARCHIVE_FILENAME = "Arsip-Pengukuran-Kinerja-TW{quarter}-{year}.zip"
# One folder per document kind, numbered in the order of the SOP (the analysis is step 1's input).
ARCHIVE_FOLDERS: dict[str, str] = {
    DocumentKind.ANALYSIS_REPORT: "00-Laporan-Analisa-Data-Kinerja",
    DocumentKind.HEAD_MEMO: "01-Nota-Kepala-Dinas",
    DocumentKind.MINUTES: "02-Notulen-Rapat",
    DocumentKind.MINUTES_ATTACHMENT: "03-Lampiran-Notulen-Rapat",
    DocumentKind.FORM: "04-Format-Realisasi",
    DocumentKind.DRAFT: "05-Draf-Realisasi",
    DocumentKind.EVIDENCE: "06-Data-Dukung",
    DocumentKind.REPORT: "07-Laporan-Hasil-Pengukuran-Kinerja",
    DocumentKind.FINAL_REPORT: "08-Realisasi-Rencana-Aksi-Final",
    DocumentKind.ESR_RECEIPT: "09-Bukti-Unggah-ESR",
    DocumentKind.CHART: "10-Grafik",
    "sop_compliance": "11-Kepatuhan-SOP",
}
ARCHIVE_OTHER_FOLDER = "99-Lainnya"
ARCHIVE_SUPERSEDED_FOLDER = "Versi-Lama"  # documents replaced by a newer version
ARCHIVE_UNNAMED_FILE = "berkas"
def archive_audit_header() -> tuple[str, ...]:
    return (f"waktu ({zone_label()})", "pengguna", "tindakan", "sebelum", "sesudah")



ARCHIVE_SYSTEM_USER = "Sistem"

# What verify_bundle / verify_archive report.
ARCHIVE_NOT_ZIP = "Berkas ini bukan arsip ZIP yang sah."
ARCHIVE_MANIFEST_UNREADABLE = "manifest.json tidak ada atau tidak dapat dibaca; isi arsip tidak dapat diperiksa."


def archive_too_many_entries(count: int, limit: int) -> str:
    return f"Arsip berisi {count} entri, melebihi batas {limit}; arsip tidak diperiksa."


def archive_too_large(size: int, limit: int) -> str:
    return f"Isi arsip ({file_size(size)}) melebihi batas {file_size(limit)}; arsip tidak diperiksa."


def archive_missing(path: str) -> str:
    return f"Berkas hilang dari arsip: {path}"


def archive_changed(path: str) -> str:
    return f"Isi berkas berubah (sha256 tidak cocok dengan manifest): {path}"


def archive_size_changed(path: str) -> str:
    return f"Ukuran berkas tidak cocok dengan manifest: {path}"


def archive_extra(path: str) -> str:
    return f"Berkas tambahan yang tidak tercatat di manifest: {path}"


def archive_duplicate(path: str) -> str:
    return f"Nama berkas tercatat lebih dari sekali: {path}"


def archive_unsafe_path(path: str) -> str:
    return f"Jalur berkas di manifest tidak aman: {path}"


def archive_entry_unreadable(path: str) -> str:
    return f"Berkas di dalam arsip rusak dan tidak dapat dibaca: {path}"


def archive_stored_changed(name: str) -> str:
    return f"Berkas {name} tidak sama dengan arsip yang tercatat (sha256 berbeda)."


def archive_document_absent(name: str) -> str:
    return f"Dokumen siklus ini tidak ada di arsip: {name}"


ARCHIVE_CLI_HELP: dict[str, str] = {
    "archive": "arsip siklus yang sudah selesai (Langkah 9): list, get",
    "archive.list": "tampilkan setiap siklus yang sudah diarsipkan beserta berkas arsipnya",
    "archive.get": "tulis arsip ZIP satu triwulan (dibuat bila belum ada) lalu periksa isinya",
    "archive.year": "tahun, misalnya 2024",
    "archive.quarter": "triwulan: 1, 2, 3 atau 4",
    "archive.out": "berkas tujuan (bawaan: nama arsip, di folder ini)",
}
ARCHIVE_CLI_HEADER = ("Tahun", "TW", "Periode", "Diarsipkan", "Berkas arsip", "Ukuran", "SHA-256")
ARCHIVE_CLI_NONE = "Belum ada siklus yang diarsipkan."
ARCHIVE_CLI_NOT_BUILT = "(belum dibuat; buat dengan sakip-bot archive get TAHUN TRIWULAN)"


def archive_list_row(year: int, quarter: int, closed_at: datetime | None, name: str | None,
                     size: int | None, sha256: str | None) -> list[str]:
    return [
        str(year),
        str(quarter),
        period_label(year, quarter),
        datetime_short(closed_at) if closed_at else "-",
        name or ARCHIVE_CLI_NOT_BUILT,
        file_size(size) if size is not None else "-",
        sha256 or "-",
    ]


def archive_bad_quarter(value: str) -> str:
    return f"triwulan \"{value}\" tidak valid; tulis 1, 2, 3 atau 4"


def archive_cannot_write(path: str) -> str:
    return f"Berkas {path} tidak dapat ditulis. Periksa nama folder dan izin aksesnya."


def archive_written(path: str, size: int, sha256: str, problems: list[str]) -> str:
    lines = [f"✅ Arsip ditulis ke {path}",
             f"Ukuran: {file_size(size)} ({size} byte)",
             f"SHA-256: {sha256}"]
    if problems:
        lines.append("⚠️ Pemeriksaan manifest: TIDAK cocok.")
        lines += [f"• {problem}" for problem in problems]
    else:
        lines.append("Pemeriksaan manifest: cocok, semua berkas utuh.")
    return "\n".join(lines)


def nudge(step: Step, year: int, quarter: int, due_at: datetime, division: str | None,
          sender: str) -> str:
    part = f" — {division}" if division else ""
    return (f"🙏 Mohon bantuannya\nPengukuran Kinerja {period_label(year, quarter)}\n"
            f"{step.title}{part} belum diserahkan. Batas: {datetime_long(due_at)}.\n"
            f"Pesan dari {sender}. Tekan ▶️ Mulai untuk melanjutkan isian.")


BTN_NUDGE = "🔔 Ingatkan yang belum menyerahkan"
BTN_STATUS_CHART = "📊 Lihat grafik waktu"
PART_STATES = {"submitted": "✅ sudah diserahkan", "draft": "✏️ sedang diisi",
               "not_started": "▫️ belum mulai"}


def nudged(count: int) -> str:
    if count == 0:
        return "Pengingat sudah dikirim dalam satu jam terakhir; tidak ada yang dikirim ulang."
    return f"🔔 Pengingat terkirim kepada {count} petugas."


def step_timing(actual_minutes: int, standard: str, on_time: bool) -> str:
    flag = "✅ tepat waktu" if on_time else "⚠️ melewati mutu baku"
    return f"{duration(actual_minutes)} kerja dari mutu baku {standard}, {flag}"
