"""What officials read in the chat: buttons, prompts, hand-offs, reminders, /tugas, /status and the
other commands, step by step."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from bot.domain import errors
from bot.domain.clock import to_local, zone_label
from bot.domain.sop import DOCUMENT_LABELS, ROLE_LABELS, DocumentKind, Role, Step, StepKey
from bot.formatting import (
    DAYS,
    ROMAN,
    date_long,
    datetime_long,
    datetime_medium,
    datetime_short,
    file_size,
    money,
    names_list,
    number,
    period_label,
)

__all__ = [
    "AGENCY_CHOICE_GONE",
    "AGENCY_CHOOSE",
    "AGENCY_ONLY_ONE",
    "ALL_FILLED",
    "ALREADY_HANDLED",
    "APPROVED",
    "ARCHIVES_HEADER",
    "ASK_ANALYSIS",
    "ASK_ANALYSIS_OR_PREVIOUS",
    "ASK_ATTACHMENT",
    "ASK_ATTENDEES",
    "ASK_DELEGATION_PERIOD",
    "ASK_DIRECTIONS",
    "ASK_FOLLOW_UP",
    "ASK_MASTER_YEAR",
    "ASK_MEETING_DATE",
    "ASK_MINUTES_FILE",
    "ASK_NEW_ASSIGNEE",
    "ASK_NOTE_TAKER",
    "ASK_OBSTACLES",
    "ASK_PART_RETURN_NOTE",
    "ASK_QUARTER",
    "ASK_RETURN_NOTE",
    "ASK_RETURN_TARGETS",
    "ASK_SUBSTITUTE",
    "ASK_TASK_TO_MOVE",
    "ASK_YEAR",
    "BAD_DATE",
    "BRIEFING_RESUMED",
    "BTN_APPROVE",
    "BTN_ATTACH",
    "BTN_BACK",
    "BTN_BEGIN",
    "BTN_CANCEL",
    "BTN_CONFIRM",
    "BTN_DONE",
    "BTN_ITEMS",
    "BTN_NEXT_ITEM",
    "BTN_PAGE_BACK",
    "BTN_PAGE_NEXT",
    "BTN_RETURN",
    "BTN_REUSE_PREVIOUS",
    "BTN_SKIP",
    "BTN_SUBMIT",
    "BTN_SUMMARY",
    "BTN_TODAY",
    "BTN_YESTERDAY",
    "BUILDING",
    "CANCELLED",
    "CHANGED_FIELDS",
    "CHART_ABSORPTION",
    "CHART_ACHIEVEMENT",
    "CHART_CAPTIONS",
    "CHAT_COMMANDS",
    "COMPILED_BY",
    "COMPLIANCE_FILE",
    "CONFIRM_LABELS",
    "CONFIRM_SUBMIT",
    "DATABASE_WAIT",
    "DEACTIVATED",
    "DELEGATION_PERIODS",
    "DELEGATION_STATUS",
    "EDIT_IGNORED",
    "EFFICIENCY_LABELS",
    "ESR_CHECKLIST",
    "EVIDENCE_DUPLICATE",
    "EVIDENCE_SAVED",
    "EXPECTED_INPUT",
    "EXPECT_FILE",
    "EXPECT_TEXT",
    "FIGURES_SAVED",
    "FILE_TOO_BIG",
    "FILE_TYPE_REFUSED",
    "FOREIGN_BUTTON",
    "FORM_IMPORTED",
    "FORM_UNREADABLE",
    "ITEM_EVIDENCE_SAVED",
    "KEPT_THEIRS",
    "MINUTES_SAVED",
    "MISSING_LABELS",
    "NO",
    "NOTHING_TO_CANCEL",
    "NO_ARCHIVES",
    "NO_ATTENDEES",
    "NO_OPEN_CYCLE",
    "NO_REPORTS",
    "NO_RETURN_TARGET",
    "NO_TASKS",
    "NO_TASKS_TO_MOVE",
    "PLEASE_USE_BUTTONS",
    "PREDIKAT_LABELS",
    "PROVINCE_EMPTY",
    "REPORTS_HEADER",
    "SERVER_ERROR",
    "STEP_DONE",
    "STRANGER",
    "TREND_AGENCY",
    "TREND_FILE",
    "UNKNOWN_BUTTON",
    "UNKNOWN_INPUT",
    "WAITING_MASTER_FILE",
    "WHAT_NEXT",
    "WORKBOOK_REFUSED",
    "WORKING_DAY_MINUTES",
    "YES",
    "ChatCommand",
    "acting_signature",
    "agency_button",
    "agency_chosen",
    "agency_current",
    "agency_followed",
    "agency_heading",
    "appointed",
    "appointment_ended",
    "approval_note",
    "archive_caption",
    "archived_notice",
    "ask_item_evidence",
    "ask_master_file",
    "ask_money",
    "ask_value",
    "attachment_saved",
    "changed_meanwhile",
    "chart_title_absorption",
    "chart_title_achievement",
    "commands_for",
    "completeness_line",
    "compliance_chart_label",
    "compliance_chart_title",
    "compliance_columns",
    "compliance_header",
    "compliance_line",
    "confirm_memo",
    "confirm_minutes",
    "current_substitutes",
    "cycle_started",
    "decision_notice",
    "delegation_saved",
    "demo_done",
    "demo_intro",
    "digest",
    "digest_line",
    "doc_label",
    "document_caption",
    "done_by",
    "duration",
    "echo",
    "efficiency_label",
    "end_substitute",
    "escalation",
    "file_removed",
    "fill_in_intro",
    "fill_in_summary",
    "final_report_notice",
    "form_problem",
    "form_problems",
    "form_unreadable",
    "forms_ready",
    "handoff",
    "head_title",
    "help_text",
    "indicator_line",
    "item_button",
    "items_menu",
    "keep_mine_label",
    "keep_theirs_label",
    "meeting_before_order",
    "meeting_on_day_off",
    "memo_issued",
    "missing_line",
    "money_line",
    "money_saved",
    "no_compliance",
    "note_taker_chosen",
    "number_example",
    "page_label",
    "part_done",
    "part_returned",
    "part_submitted",
    "predikat_label",
    "province_bar",
    "province_cells",
    "province_columns",
    "province_digest",
    "province_file",
    "province_header",
    "province_line",
    "province_title",
    "reminder",
    "remove_file_label",
    "return_part_button",
    "returned",
    "review_request",
    "review_summary",
    "role_label",
    "sheet_summary",
    "status_chart_title",
    "status_header",
    "status_line",
    "step_intro",
    "structured_intro",
    "substitute_ended",
    "task_button",
    "task_line",
    "task_moved",
    "tasks_header",
    "trend_button",
    "trend_title",
    "unprintable_note",
    "value_saved",
    "waiting_for",
    "welcome",
]


EDIT_IGNORED = ("✏️ Perubahan pada pesan yang sudah terkirim tidak dibaca. Mohon kirim ulang "
                "sebagai pesan baru; isian yang tersimpan tidak berubah.")

# --- buttons -----------------------------------------------------------------------------------
BTN_BEGIN = "▶️ Mulai"
BTN_CONFIRM = "✅ Ya, lanjutkan"
BTN_CANCEL = "✖️ Batal"
BTN_SKIP = "⏭️ Lewati"
BTN_DONE = "✔️ Selesai"
BTN_BACK = "⬅️ Kembali"
BTN_APPROVE = "✅ Setujui"
BTN_RETURN = "↩️ Kembalikan"
BTN_TODAY = "Hari ini"
BTN_YESTERDAY = "Kemarin"
BTN_REUSE_PREVIOUS = "♻️ Pakai laporan triwulan lalu"
BTN_SUBMIT = "📤 Serahkan"
BTN_ATTACH = "📎 Lampirkan berkas"

CONFIRM_LABELS: dict[StepKey, str] = {
    StepKey.PREPARE_FORMS: "📤 Distribusikan format",
    StepKey.COMPILE: "📊 Susun & kirim laporan",
    StepKey.FORWARD: "📨 Teruskan ke Kepala Dinas",
    StepKey.FINAL_REPORT: "📨 Laporkan hasil akhir",
    StepKey.ESR_UPLOAD: "✅ Sudah diunggah ke ESR",
}

# --- general -----------------------------------------------------------------------------------
STRANGER = (
    "Mohon maaf, Anda belum terdaftar sebagai pengguna bot ini.\n"
    "Silakan minta kode undangan kepada admin Tim SAKIP, lalu kirim /start KODE."
)
DEACTIVATED = "Mohon maaf, akun Anda sedang dinonaktifkan. Silakan hubungi admin Tim SAKIP."
AGENCY_CHOOSE = ("Anda terdaftar sebagai pejabat di beberapa Dinas. Silakan pilih Dinas yang "
                 "ingin Anda layani sekarang:")
AGENCY_ONLY_ONE = "Anda hanya terdaftar di satu Dinas; tidak ada yang perlu dipilih."
AGENCY_CHOICE_GONE = "Anda tidak lagi terdaftar aktif di Dinas itu. Silakan pilih yang lain."


def agency_current(name: str) -> str:
    return f"Saat ini Anda melayani {name}. Pilih Dinas lain bila perlu:"


def agency_heading(name: str) -> str:
    """Above a notice to an official of several agencies: which one it is from."""
    return f"🏛 {name}\n"


def agency_followed(name: str) -> str:
    return f"🏛 Anda sekarang melayani {name} (dari tombol pemberitahuannya). /instansi untuk berganti."


def agency_chosen(name: str) -> str:
    return (f"✅ Anda sekarang melayani {name}. Ketik /tugas untuk tugas Anda di sana; "
            "ganti Dinas kapan saja dengan /instansi.")


def agency_button(name: str, current: bool) -> str:
    return ("✅ " if current else "🏛 ") + name


CANCELLED = "Baik, dibatalkan. Isian yang sudah tersimpan tidak hilang. Ketik /tugas untuk melanjutkan."
NOTHING_TO_CANCEL = "Tidak ada proses yang sedang berjalan."
UNKNOWN_INPUT = "Mohon maaf, pesan ini tidak saya pahami. Ketik /bantuan untuk petunjuk."
ALREADY_HANDLED = "Tombol ini sudah digunakan. Tidak ada yang berubah."
COMPILED_BY = "Disusun oleh Tim SAKIP"
BUILDING = "⏳ Sedang menyusun dokumen, mohon tunggu sebentar…"
PLEASE_USE_BUTTONS = "Silakan pilih salah satu tombol di atas, atau ketik /batal."
# What a state of the SOP conversation waits for, said when something else arrives (a file
# where a figure is asked, words where a file is): keyed by the state's name.
EXPECTED_INPUT = {
    "realization.value": "Mohon kirim angka realisasi sebagai teks, misalnya 85,5.",
    "realization.money": "Mohon kirim realisasi keuangan dalam rupiah sebagai teks, misalnya "
                         "1.250.000.",
    "realization.obstacles": "Mohon tuliskan kendala/hambatannya sebagai teks.",
    "realization.follow_up": "Mohon tuliskan tindak lanjut/upayanya sebagai teks.",
    "realization.evidence": "Mohon kirim berkas data dukung (PDF, Excel, Word, atau foto), atau "
                            "tekan ✔️ Selesai.",
    "realization.menu": "Pilih isian pada daftar di atas, atau kirim format Excel yang sudah "
                        "diisi.",
    "briefing.date": "Mohon tuliskan tanggal rapat sebagai teks, misalnya 15-04-2026, atau "
                     "pilih tombol di atas.",
    "briefing.attachment": "Mohon kirim berkas notulen/foto rapat, atau tekan ⏭️ Lewati.",
    "confirm.attach": "Mohon kirim berkasnya (PDF, Excel, Word, atau foto), bukan teks.",
    "confirm.return_note": "Mohon tuliskan catatan pengembalian sebagai teks.",
}
SERVER_ERROR = "Mohon maaf, terjadi gangguan. Isian Anda tetap tersimpan; silakan coba lagi."
UNKNOWN_BUTTON = "Mohon maaf, tombol ini tidak dikenali atau sudah tidak berlaku."
FOREIGN_BUTTON = "Mohon maaf, tombol ini bukan milik percakapan Anda."
DATABASE_WAIT = ("⏳ Mohon maaf, sistem sedang terganggu sebentar. Pesan Anda sudah diterima dan "
                 "akan diproses otomatis begitu sistem pulih; tidak perlu mengirim ulang.")
NO_TASKS = "Tidak ada tugas yang menunggu Anda saat ini. Terima kasih 🙏"
NO_OPEN_CYCLE = "Belum ada siklus pengukuran kinerja yang berjalan."
EXPECT_TEXT = "Mohon kirim jawaban berupa teks."
EXPECT_FILE = "Mohon kirim berkas (PDF, Excel, Word, atau foto)."
FILE_TOO_BIG = "Berkas terlalu besar (maksimal 20 MB). Silakan kirim berkas yang lebih kecil."
FILE_TYPE_REFUSED = "Jenis berkas ini tidak diterima. Kirim PDF, Excel, Word, atau foto."

@dataclass(frozen=True)
class ChatCommand:
    """A chat command: its line in the command menu and in /bantuan, and who is shown it."""

    name: str
    menu: str  # the command menu's description
    help: str  # the line of /bantuan after "/name — "
    roles: frozenset[Role] = frozenset()  # empty: every official
    several_agencies: bool = False  # only for an official of several agencies


def _for(*roles: Role) -> frozenset[Role]:
    return frozenset(roles)


CHAT_COMMANDS: tuple[ChatCommand, ...] = (
    ChatCommand("tugas", "Tugas saya yang menunggu",
                "tugas Anda yang menunggu, dengan batas waktunya"),
    ChatCommand("status", "Posisi siklus pengukuran kinerja",
                "posisi siklus dan siapa yang sedang ditunggu"),
    ChatCommand("mulai", "Mulai pengukuran kinerja satu triwulan",
                "mulai pengukuran kinerja satu triwulan", _for(Role.HEAD)),
    ChatCommand("impor", "Impor data master Perjanjian Kinerja",
                "impor data master Perjanjian Kinerja, Rencana Aksi dan anggaran",
                _for(Role.SAKIP_TEAM)),
    ChatCommand("alihkan", "Alihkan tugas kepada pegawai lain",
                "alihkan tugas yang tertunda kepada pegawai lain", _for(Role.SECRETARY)),
    ChatCommand("provinsi", "Kemajuan semua Dinas",
                "kemajuan semua Dinas: langkah, keterlambatan dan capaian",
                _for(Role.PROVINCE)),
    ChatCommand("laporan", "Laporan per triwulan dan tren capaian tahunan",
                "laporan per triwulan dan tren capaian tahunan"),
    ChatCommand("arsip", "Arsip pengukuran kinerja yang sudah selesai",
                "berkas arsip triwulan yang sudah selesai"),
    ChatCommand("kepatuhan", "Kepatuhan waktu SOP sepanjang tahun",
                "langkah SOP yang paling sering terlambat tahun ini"),
    ChatCommand("plh", "Tunjuk Plh. selama Anda berhalangan",
                "tunjuk pelaksana harian selama Anda berhalangan"),
    ChatCommand("instansi", "Pilih Dinas yang Anda layani",
                "pilih Dinas yang Anda layani saat ini", several_agencies=True),
    ChatCommand("bantuan", "Petunjuk penggunaan", "petunjuk ini"),
    ChatCommand("batal", "Batalkan proses yang sedang berjalan",
                "hentikan proses; isian yang tersimpan tidak hilang"),
)


def commands_for(roles: Iterable[Role | str] | None, *,
                 several_agencies: bool = False) -> list[ChatCommand]:
    """The commands an official of ``roles`` is shown; ``None``: the menu of everyone (and of
    anyone not registered), with no role's own commands."""
    held = {Role(role) for role in roles or ()}
    return [c for c in CHAT_COMMANDS
            if (not c.roles or c.roles & held) and (several_agencies or not c.several_agencies)]


def welcome(name: str, roles: Iterable[str]) -> str:
    return (
        f"Selamat datang, {name}. 🙏\n"
        f"Peran Anda: {', '.join(roles)}.\n\n"
        "Saya akan memandu Anda pada setiap langkah SOP Pengukuran Kinerja.\n"
        "Ketik /tugas untuk melihat tugas Anda, atau /bantuan untuk petunjuk."
    )


def help_text(roles: Iterable[Role | str], *, several_agencies: bool = False) -> str:
    lines = [
        "📘 Petunjuk sakip-bot",
        "",
        "Bot ini menjalankan SOP Pengukuran Kinerja, langkah demi langkah. Setiap kali giliran "
        "Anda tiba, saya kirimkan pesan dengan tombol ▶️ Mulai.",
        "",
    ]
    lines += [f"/{c.name} — {c.help}"
              for c in commands_for(roles, several_agencies=several_agencies)]
    return "\n".join(lines)


def role_label(role: str, division_name: str | None = None) -> str:
    label = ROLE_LABELS[Role(role)]
    return f"{label} {division_name}" if division_name and role == Role.DIVISION else label


def doc_label(kind: str) -> str:
    return DOCUMENT_LABELS[DocumentKind(kind)]


# The charts of a compiled report: the start of each file's name, and its caption in the chat.
CHART_ACHIEVEMENT, CHART_ABSORPTION = "Grafik-Capaian", "Grafik-Serapan"
CHART_CAPTIONS = {CHART_ACHIEVEMENT: "📊 Grafik capaian kinerja per indikator",
                  CHART_ABSORPTION: "💰 Grafik serapan anggaran per Bidang"}


def document_caption(kind: str, name: str) -> str:
    """What a document sent as a picture says: a chart says which chart it is."""
    return next((caption for start, caption in CHART_CAPTIONS.items()
                 if name.startswith(start)), doc_label(kind))


# --- hand-offs -----------------------------------------------------------------------------------
def handoff(step: Step, year: int, quarter: int, due_at: datetime, *, division: str | None,
            note: str | None, returned: bool) -> str:
    head = "↩️ Dikembalikan untuk dilengkapi" if returned else "🔔 Tugas baru untuk Anda"
    lines = [
        head,
        f"Pengukuran Kinerja {period_label(year, quarter)}",
        f"{step.title}" + (f" — {division}" if division else ""),
        "",
        step.description + ".",
        f"⏱️ Mutu baku: {step.time_standard.label}. Batas: {datetime_long(due_at)}.",
    ]
    if note:
        lines += ["", f"📝 Catatan: {note}"]
    lines += ["", "Tekan ▶️ Mulai bila Anda siap."]
    return "\n".join(lines)


def review_request(year: int, quarter: int, due_at: datetime, summary: str) -> str:
    return (
        f"📑 Laporan Hasil Pengukuran Kinerja {period_label(year, quarter)}\n"
        "Mohon Bapak/Ibu menganalisa laporan terlampir bersama Sekretaris dan Tim SAKIP.\n\n"
        f"{summary}\n\n"
        f"⏱️ Batas: {datetime_long(due_at)}.\n"
        "Setujui untuk dijadikan bahan evaluasi internal, atau kembalikan untuk dilengkapi."
    )


def part_submitted(division: str, done: int, total: int, year: int, quarter: int) -> str:
    return (f"📥 {division} telah menyerahkan realisasi {period_label(year, quarter)} "
            f"({done} dari {total} bagian).")


def decision_notice(approved: bool, year: int, quarter: int, by: str, note: str | None,
                    targets: list[str]) -> str:
    period = period_label(year, quarter)
    if approved:
        text = f"✅ Laporan {period} disetujui oleh {by}."
    else:
        text = f"↩️ Laporan {period} dikembalikan oleh {by} kepada {', '.join(targets)}."
    return text + (f"\n📝 Catatan: {note}" if note else "")


def final_report_notice(year: int, quarter: int, by: str) -> str:
    return (f"📘 Hasil akhir pengukuran kinerja {period_label(year, quarter)} dilaporkan oleh "
            f"{by}. Berkas terlampir.")


def archived_notice(year: int, quarter: int, by: str) -> str:
    return (f"🗄️ Pengukuran Kinerja {period_label(year, quarter)} selesai: laporan telah "
            f"diunggah ke ESR oleh {by} dan siklus diarsipkan. Terima kasih atas kerja samanya 🙏")


# --- /tugas and /status -------------------------------------------------------------------------
def task_line(number: int, title: str, period: str, division: str | None, due_at: datetime,
              overdue: bool) -> str:
    part = f" — {division}" if division else ""
    flag = " ⚠️ terlambat" if overdue else ""
    return (f"• {period}: Langkah {number}. {title}{part}\n"
            f"  Batas {datetime_short(due_at)} {zone_label(due_at)}{flag}")


def tasks_header(count: int) -> str:
    return f"📋 Anda memiliki {count} tugas:"


def status_header(year: int, quarter: int, archived: bool) -> str:
    state = "🗄️ diarsipkan" if archived else "⏳ berjalan"
    return f"📊 Pengukuran Kinerja {period_label(year, quarter)} — {state}"


def status_line(number: int, label: str, state: str, detail: str) -> str:
    icon = {"done": "✅", "active": "⏳", "waiting": "▫️", "overdue": "⚠️"}[state]
    return f"{icon} {number}. {label}" + (f" — {detail}" if detail else "")


def waiting_for(names: list[str], due_at: datetime, overdue: bool) -> str:
    who = names_list(names) if names else "belum ada petugas"
    late = " (terlambat)" if overdue else ""
    return f"menunggu {who}, batas {datetime_short(due_at)} {zone_label(due_at)}{late}"


def done_by(name: str | None, at: datetime | None) -> str:
    return f"{name or '-'}, {datetime_short(at)} {zone_label(at)}" if at else ""


# --- step 1: order ------------------------------------------------------------------------------
ASK_YEAR = "Pengukuran kinerja untuk tahun berapa?"
ASK_QUARTER = "Triwulan yang mana?"
ASK_ANALYSIS = (
    "Langkah 1 memerlukan Laporan Hasil Analisa Data Kinerja.\n"
    "Silakan kirim berkasnya (PDF/Excel/Word)."
)
ASK_ANALYSIS_OR_PREVIOUS = ASK_ANALYSIS + "\nAtau pakai laporan dari triwulan sebelumnya."


def cycle_started(year: int, quarter: int) -> str:
    return f"Siklus pengukuran {period_label(year, quarter)} dibuka."


def confirm_memo(year: int, quarter: int, analysis_name: str) -> str:
    return (
        f"Terbitkan Nota Kepala Dinas untuk pengukuran kinerja {period_label(year, quarter)}?\n"
        f"Lampiran: {analysis_name}\n(Kirim berkas lain bila lampiran ini keliru.)\n\n"
        "Nota akan dikirim kepada Sekretaris."
    )


def memo_issued(year: int, quarter: int) -> str:
    return (f"✅ Nota Kepala Dinas {period_label(year, quarter)} telah diterbitkan dan "
            "dikirim kepada Sekretaris. Terima kasih.")


# --- step 2: briefing ---------------------------------------------------------------------------
ASK_MEETING_DATE = "Kapan rapat arahan dengan Tim SAKIP dilaksanakan? Pilih, atau ketik tanggal (contoh: 11-01-2024)."
BAD_DATE = "Tanggal tidak dikenali. Contoh penulisan: 11-01-2024. Tanggal tidak boleh di masa depan."
BRIEFING_RESUMED = "↩️ Melanjutkan notulen yang sudah Anda isi; yang tersimpan tidak hilang."


def compliance_chart_title(year: int) -> str:
    return f"Keterlambatan langkah SOP Pengukuran Kinerja tahun {year}"


def status_chart_title(year: int, quarter: int) -> str:
    return f"Waktu tiap langkah SOP {period_label(year, quarter)} terhadap Mutu Baku"


def compliance_chart_label(number: int, label: str) -> str:
    return f"{number}. {label}"


def unprintable_note(count: int) -> str:
    return (f"📌 Catatan: {count} simbol (emoji) tidak dapat dicetak pada PDF notulen dan "
            "tampil sebagai □. Teksnya tersimpan utuh.")


def meeting_on_day_off(day: date, holiday: str) -> str:
    why = f"hari libur ({holiday})" if holiday else "bukan hari kerja"
    return (f"📌 Catatan: {DAYS[day.weekday()]}, {date_long(day)} {why}. Bila tanggalnya "
            "keliru, ketik /batal lalu mulai lagi dari /tugas.")


def meeting_before_order(earliest: str) -> str:
    return (f"Tanggal itu terlalu jauh sebelum Nota Kepala Dinas. Mohon tulis tanggal rapat "
            f"sejak {earliest} sampai hari ini, misalnya 11-01-2024.")
ASK_ATTENDEES = "Siapa saja anggota Tim SAKIP yang hadir? Sentuh nama untuk memilih, lalu ✔️ Selesai."
NO_ATTENDEES = "Mohon pilih minimal satu peserta rapat."
ASK_DIRECTIONS = "Tuliskan pokok-pokok arahan rapat (boleh beberapa baris)."
ASK_MINUTES_FILE = "Ada berkas notulen/foto rapat yang ingin dilampirkan? Kirim berkasnya, atau tekan ⏭️ Lewati."


ASK_NOTE_TAKER = "Siapa notulis rapat ini? Pilih salah satu peserta."


def note_taker_chosen(name: str) -> str:
    return f"📝 Notulis: {name}."


def confirm_minutes(date_text: str, attendees: list[str], note_taker: str, directions: str,
                    attachment: str | None) -> str:
    return (
        "Mohon periksa Notulen Rapat:\n"
        f"📅 Tanggal: {date_text}\n"
        f"👥 Peserta: {'; '.join(attendees)}\n"
        f"✍️ Notulis: {note_taker}\n"
        f"📝 Arahan:\n{directions}\n"
        f"📎 Lampiran: {attachment or '-'}\n\n"
        "Simpan dan kirim kepada Tim SAKIP?"
    )


MINUTES_SAVED = "✅ Notulen Rapat tersimpan dan dikirim kepada Tim SAKIP. Terima kasih."

# --- generic confirm steps (3, 5, 6, 8, 9) ------------------------------------------------------
ASK_ATTACHMENT = "Silakan kirim berkasnya."


def step_intro(step: Step, period: str, due_at: datetime, extra: list[str],
               inputs: list[str]) -> str:
    lines = [f"{step.title}", period, "", step.description + "."]
    if inputs:
        lines += ["", "📂 Kelengkapan:"] + [f"• {name}" for name in inputs]
    if extra:
        lines += ["", *extra]
    lines += ["", f"⏱️ Batas: {datetime_long(due_at)}."]
    return "\n".join(lines)


def attachment_saved(name: str, size: int) -> str:
    return f"📎 Tersimpan: {name} ({file_size(size)})."


STEP_DONE: dict[StepKey, str] = {
    StepKey.PREPARE_FORMS: "✅ Format telah didistribusikan kepada Sekretaris dan setiap Bidang.",
    StepKey.COMPILE: "✅ Laporan telah disusun dan dikirim kepada Sekretaris.",
    StepKey.FORWARD: "✅ Laporan telah diteruskan kepada Kepala Dinas untuk dianalisa.",
    StepKey.FINAL_REPORT: "✅ Hasil akhir telah dilaporkan. Berkas dikirim ke Subbag Perencanaan untuk diunggah ke ESR.",
    StepKey.ESR_UPLOAD: "✅ Terima kasih. Unggahan ESR tercatat dan siklus telah diarsipkan.",
}

ESR_CHECKLIST = (
    "Daftar periksa unggah ESR:\n"
    "1. Buka esr.menpan.go.id dan masuk dengan akun instansi.\n"
    "2. Pilih menu Rencana Aksi → Monitoring/Evaluasi, tahun dan triwulan yang sesuai.\n"
    "3. Unggah berkas terlampir.\n"
    "4. Simpan tangkapan layar bukti unggah (boleh dilampirkan di sini)."
)


def forms_ready(divisions: list[tuple[str, int, int]]) -> str:
    """Per division: name, indicators, sub-kegiatan (zeros when there is no PK to draw on)."""
    if all(i == 0 and m == 0 for _, i, m in divisions):
        return ("Format yang akan dibuat (belum ada Perjanjian Kinerja tahun ini, sehingga "
                "format berisi kolom isian umum):\n" + "\n".join(f"• {d}" for d, _, _ in divisions))
    return "Format yang akan dibuat:\n" + "\n".join(
        f"• {d}: {i} indikator, {m} sub kegiatan" for d, i, m in divisions)


def completeness_line(division: str, submitted: bool, evidence: int) -> str:
    icon = "✅" if submitted else "⏳"
    state = "sudah diserahkan" if submitted else "belum diserahkan"
    return f"{icon} {division}: {state}, {evidence} data dukung"


# --- step 4: fill in ----------------------------------------------------------------------------
def fill_in_intro(division: str, period: str, due_at: datetime, returned_note: str | None) -> str:
    lines = [
        f"Langkah 4: Pengisian realisasi — {division}",
        period,
        "",
        "Format terlampir pada pesan tugas. Silakan:",
        "1. Kirim realisasi kinerja dan realisasi keuangan sebagai teks, dan/atau",
        "2. Kirim format yang sudah diisi serta data dukung (PDF, Excel, Word, foto).",
        "Setiap isian langsung tersimpan. Tekan 📤 Serahkan bila sudah lengkap.",
        f"⏱️ Batas: {datetime_long(due_at)}.",
    ]
    if returned_note:
        lines += ["", f"↩️ Catatan pengembalian: {returned_note}"]
    return "\n".join(lines)


def fill_in_summary(division: str, figures: str | None, evidence: list[tuple[str, int]]) -> str:
    files = "\n".join(f"• {name} ({file_size(size)})" for name, size in evidence) or "• (belum ada)"
    return (
        f"📋 Ringkasan isian {division}\n"
        f"Realisasi:\n{figures or '(belum diisi)'}\n\n"
        f"Data dukung:\n{files}"
    )


WHAT_NEXT = "Silakan lengkapi, lalu tekan 📤 Serahkan."
FIGURES_SAVED = "💾 Realisasi tersimpan. Kirim data dukung, atau tekan 📤 Serahkan bila sudah lengkap."
EVIDENCE_SAVED = "💾 Data dukung tersimpan: {name}. Kirim berkas lain atau tekan 📤 Serahkan."
EVIDENCE_DUPLICATE = "Berkas {name} sudah pernah dikirim; disimpan satu kali saja."
CONFIRM_SUBMIT = "Serahkan isian ini kepada Tim SAKIP? Setelah diserahkan, isian dikunci."


def part_done(division: str) -> str:
    return f"✅ Isian {division} telah diserahkan kepada Tim SAKIP. Terima kasih."


# --- step 7: review ------------------------------------------------------------------------------
APPROVED = "✅ Laporan disetujui dan akan digunakan sebagai bahan evaluasi kinerja internal."
ASK_RETURN_TARGETS = (
    "Kembalikan kepada siapa? Pilih Bidang yang harus melengkapi (boleh lebih dari satu), "
    "atau Tim SAKIP untuk penyusunan ulang. Lalu tekan ✔️ Selesai."
)
NO_RETURN_TARGET = "Mohon pilih minimal satu tujuan pengembalian."
ASK_RETURN_NOTE = "Tuliskan catatan: apa yang perlu dilengkapi?"


def returned(targets: list[str]) -> str:
    return f"↩️ Laporan dikembalikan kepada {', '.join(targets)}. Catatan Anda telah dikirim."


def review_summary(parts: list[tuple[str, int]]) -> str:
    return "Bagian yang diserahkan:\n" + "\n".join(
        f"• {name}: {count} data dukung" for name, count in parts
    )


# --- demo -----------------------------------------------------------------------------------------
def demo_intro(folder: str) -> str:
    return (
        "sakip-bot demo: satu triwulan penuh, dari perintah Kepala Dinas sampai arsip, "
        "dimainkan oleh pejabat simulasi melalui Bot API tiruan di 127.0.0.1.\n"
        f"Basis data dan berkas hasil disimpan di: {folder}\n"
    )


def demo_done(folder: str) -> str:
    return (
        "\nDemo selesai. Siklus telah diarsipkan.\n"
        f"• Basis data : {folder}/data/sakip.db\n"
        f"• Berkas     : {folder}/data/files/\n"
        f"• Transkrip  : {folder}/transkrip.txt"
    )


DELEGATION_STATUS = {"active": "berlaku", "upcoming": "akan berlaku", "ended": "berakhir",
                     "cancelled": "dibatalkan"}


# --- step 4 with master data: indicator by indicator ------------------------------------------
BTN_NEXT_ITEM = "▶️ Isi berikutnya"
BTN_SUMMARY = "📋 Ringkasan"
BTN_ITEMS = "🗂️ Daftar isian"
ASK_OBSTACLES = "Realisasi masih di bawah target. Apa kendala / hambatannya?"
ASK_FOLLOW_UP = "Apa tindak lanjut / upaya yang akan dilakukan?"
ITEM_EVIDENCE_SAVED = "💾 Data dukung tersimpan: {name}. Kirim berkas lain, atau tekan ✔️ Selesai."
ALL_FILLED = "✅ Semua isian lengkap. Periksa ringkasan, lalu tekan 📤 Serahkan."
FORM_IMPORTED = "📥 Format terisi telah dibaca dan disimpan."


def items_menu(division: str, period: str, filled: int, total: int) -> str:
    return (f"🗂️ Isian {division} — {period}\n"
            f"{filled} dari {total} isian lengkap. Pilih isian, atau tekan ▶️ Isi berikutnya.\n"
            "Anda juga dapat mengirim kembali format Excel yang sudah diisi.")


BTN_PAGE_BACK = "◀️ Sebelumnya"
BTN_PAGE_NEXT = "Berikutnya ▶️"


def page_label(page: int, pages: int) -> str:
    return f"Hlm. {page}/{pages}"


def item_button(done: bool, code: str, name: str) -> str:
    label = f"{'✅' if done else '▫️'} {code} {name}"
    return label if len(label) <= 40 else label[:39] + "…"


def ask_value(position: int, total: int, name: str, unit: str, period: str, target: str,
              annual: str, accumulation: str, to_date: str | None, current: str | None,
              example: str) -> str:
    """Ask for one indicator's realisation, saying which figure is meant: the quarter's own
    amount (akumulasi), the level at its end (nilai akhir) or the quarter's value."""
    target_line = f"🎯 Target {period}: {target}"
    if to_date is not None and to_date != target:
        target_line += f" (s.d. {period}: {to_date})"
    lines = [
        f"📈 Indikator {position}/{total}: {name}",
        f"Satuan: {unit}",
        target_line,
        f"🎯 Target tahunan: {annual}",
    ]
    if current is not None:
        lines.append(f"💾 Realisasi tersimpan: {current}")
    asked = {
        "akumulasi": f"Kirim angka realisasi {period} saja, bukan jumlah sejak awal tahun",
        "nilai_akhir": f"Kirim angka realisasi: nilai pada akhir {period}",
    }.get(accumulation, f"Kirim angka realisasi {period}")
    lines.append(f"{asked} (contoh: {example}).")
    return "\n".join(lines)


def value_saved(value: str, unit: str, achievement: str | None) -> str:
    text = f"💾 Tersimpan: {value} {unit}."
    return text + (f" Capaian: {achievement}%." if achievement is not None else "")


CHANGED_FIELDS = {"value": "angka realisasi", "obstacles": "kendala",
                  "follow_up": "tindak lanjut", "amount": "realisasi keuangan"}


def _changed_value(error: errors.ChangedMeanwhile, key: str, *, short: bool = False) -> str:
    """Their value or the official's, as the field is written."""
    p = error.params
    value = p[key]
    if p["field"] == "value":
        return number(value, p["decimals"]) + (f" {p['unit']}" if p.get("unit") and not short
                                               else "")
    if p["field"] == "amount":
        return money(value)
    text = str(value)
    limit = 24 if short else 300
    return f"“{text if len(text) <= limit else text[:limit - 1] + '…'}”"


def changed_meanwhile(error: errors.ChangedMeanwhile) -> str:
    p = error.params
    return (f"⚠️ {p['who']} baru saja mengisi {CHANGED_FIELDS[p['field']]} “{p['name']}” "
            f"dengan {_changed_value(error, 'value')}, sesudah isian ini Anda lihat. "
            f"Isian Anda: {_changed_value(error, 'typed')}. Mana yang dipakai?")


def keep_mine_label(error: errors.ChangedMeanwhile) -> str:
    return f"💾 Pakai isian saya ({_changed_value(error, 'typed', short=True)})"


def keep_theirs_label(error: errors.ChangedMeanwhile) -> str:
    p = error.params
    return f"↩️ Tetap {_changed_value(error, 'value', short=True)} ({p['who']})"


KEPT_THEIRS = "Baik, isian yang sudah ada tetap dipakai."


def remove_file_label(name: str) -> str:
    shown = name if len(name) <= 40 else name[:25] + "…" + name[-12:]
    return f"🗑️ Hapus {shown}"


def file_removed(name: str) -> str:
    return f"🗑️ {name} dihapus dari data dukung."


def ask_item_evidence(name: str, count: int) -> str:
    have = f" (sudah ada {count})" if count else ""
    return (f"📎 Kirim data dukung untuk “{name}”{have}: foto, PDF, Excel atau Word. "
            "Tekan ✔️ Selesai bila sudah.")


def ask_money(position: int, total: int, name: str, budget: str, target: str,
              current: str | None) -> str:
    lines = [f"💰 Keuangan {position}/{total}: {name}", f"Pagu: {budget}",
             f"Target keuangan triwulan ini: {target}"]
    if current is not None:
        lines.append(f"💾 Tersimpan: {current}")
    lines.append("Kirim realisasi keuangan s.d. triwulan ini (contoh: Rp 1.250.000 atau 1,25 M).")
    return "\n".join(lines)


def money_saved(amount: str, absorption: str | None, over_budget: bool = False) -> str:
    text = f"💾 Tersimpan: {amount}." + (f" Serapan: {absorption}%." if absorption else "")
    return text + ("\n⚠️ Realisasi melebihi pagu. Mohon periksa kembali angkanya."
                   if over_budget else "")


def sheet_summary(division: str, period: str, indicator_lines: list[str],
                  money_lines: list[str], missing: list[str]) -> str:
    lines = [f"📋 Ringkasan isian {division} — {period}", "", "Kinerja:", *indicator_lines]
    if money_lines:
        lines += ["", "Keuangan:", *money_lines]
    if missing:
        lines += ["", "Belum lengkap:", *[f"• {m}" for m in missing]]
    return "\n".join(lines)


def indicator_line(code: str, name: str, value: str, target: str, unit: str,
                   achievement: str | None, evidence: int) -> str:
    capaian = f" → {achievement}%" if achievement is not None else ""
    return f"• {code} {name}: {value} / {target} {unit}{capaian} · 📎{evidence}"


def money_line(code: str, name: str, amount: str, budget: str, absorption: str | None) -> str:
    serapan = f" ({absorption}%)" if absorption is not None else ""
    return f"• {code} {name}: {amount} dari {budget}{serapan}"


MISSING_LABELS = {
    "value": "realisasi",
    "obstacles": "kendala",
    "follow_up": "tindak lanjut",
    "evidence": "data dukung",
    "amount": "realisasi keuangan",
}


def missing_line(code: str, lacks: list[str]) -> str:
    return f"{code}: {', '.join(MISSING_LABELS[k] for k in lacks)}"


def form_problem(sheet: str, row: int, column: str, message: str) -> str:
    return f"• {sheet} baris {row}, kolom {column}: {message}"


def form_problems(problems: list[str]) -> str:
    shown = problems[:15]
    more = f"\n… dan {len(problems) - 15} masalah lain." if len(problems) > 15 else ""
    return ("Format belum dapat disimpan. Mohon perbaiki:\n" + "\n".join(shown) + more +
            "\nIsian yang sudah tersimpan tidak berubah.")


# Why an uploaded workbook is not read; {max} is a size, {count} a number of rows, cells…
WORKBOOK_REFUSED = {
    "too_large": "Berkas terlalu besar (maksimal {max}).",
    "unpacked_too_large": "Isi berkas terlalu besar untuk dibaca (lebih dari {max} setelah "
                          "dibuka).",
    "too_many_parts": "Berkas ini berisi terlalu banyak bagian (lebih dari {count}).",
    "sheet_too_long": "Ada sheet dengan lebih dari {count} baris.",
    "too_many_cells": "Berkas ini berisi terlalu banyak sel (lebih dari {count}).",
    "text_too_long": "Ada sel berisi teks lebih dari {count} karakter.",
    "not_xlsx": "Berkas ini bukan berkas Excel (.xlsx) yang dapat dibaca.",
}
FORM_UNREADABLE = {
    **WORKBOOK_REFUSED,
    "not_our_form": "Berkas ini bukan Format Realisasi dari bot. Gunakan format yang dikirim pada Langkah 4.",
    "too_many_rows": "Format berisi lebih dari {count} baris isian.",
    "other_part": "Format ini milik bagian atau triwulan lain. Gunakan format untuk bagian Anda.",
}


def form_unreadable(reason: str, limit: object = None) -> str:
    """Why a filled form was not read, with the limit it passed."""
    template = FORM_UNREADABLE.get(reason)
    if template is None:
        return FILE_TYPE_REFUSED
    return _with_limit(template, limit)


def _with_limit(template: str, limit: object) -> str:
    size = file_size(limit) if isinstance(limit, int) else "-"
    count = number(limit, 0) if isinstance(limit, int) else "-"
    return template.format(max=size, count=count)


def structured_intro(division: str, period: str, due_at: datetime, returned_note: str | None) -> str:
    lines = [
        f"Langkah 4: Pengisian realisasi — {division}",
        period,
        "",
        "Saya akan menanyakan realisasi setiap indikator, kendala bila di bawah target, data "
        "dukung, lalu realisasi keuangan setiap sub kegiatan. Setiap jawaban langsung tersimpan; "
        "Anda dapat berhenti dan melanjutkan kapan saja lewat /tugas.",
        f"⏱️ Batas: {datetime_long(due_at)}.",
    ]
    if returned_note:
        lines += ["", f"↩️ Catatan pengembalian: {returned_note}"]
    return "\n".join(lines)


# --- step 5: the Tim SAKIP returns one part ------------------------------------------------------
ASK_PART_RETURN_NOTE = "Tuliskan catatan untuk bagian ini: apa yang perlu dilengkapi?"


def return_part_button(division: str) -> str:
    return f"↩️ Kembalikan: {division}"


def part_returned(division: str) -> str:
    return (f"↩️ Isian {division} dikembalikan dengan catatan Anda. Langkah 5 dapat diselesaikan "
            "setelah bagian ini diserahkan kembali.")


# --- numbers and capaian ---
# Labels keyed by the values of the enums in bot.domain.capaian, and the messages for
# bot.domain.numbers.InvalidNumber (reasons "number_..."), which error_message below adds.
PREDIKAT_LABELS: dict[str, str] = {
    "sangat_tinggi": "Sangat Tinggi",
    "tinggi": "Tinggi",
    "sedang": "Sedang",
    "rendah": "Rendah",
    "sangat_rendah": "Sangat Rendah",
}
EFFICIENCY_LABELS: dict[str, str] = {
    "efisien": "Efisien",
    "cukup_efisien": "Cukup Efisien",
    "tidak_efisien": "Tidak Efisien",
}


def predikat_label(key: str | None) -> str:
    """``Sangat Tinggi`` for ``sangat_tinggi``; an agency's own key is shown as it is."""
    return "-" if key is None else PREDIKAT_LABELS.get(str(key), str(key))


def efficiency_label(level: str | None) -> str:
    return "-" if level is None else EFFICIENCY_LABELS.get(str(level), str(level))


def number_example(expected: str = "number", decimals: int | None = None) -> str:
    """An example in the accepted format: money, or a value with ``decimals`` places."""
    if str(expected) == "money":
        return "Rp 1.250.000 atau 1,25 M"
    if decimals is None:
        return "1.234,5"
    if decimals == 0:
        return "1.234"
    if decimals == 1:
        return "87,5"
    return "1.234," + "56789012345678901234"[:decimals]


def echo(text: str, limit: int = 300) -> str:
    """What an official typed, fit to quote in a reply: control characters (which the chat
    would show as nothing, or which break the line) become a visible mark, and it is cut."""
    shown = "".join("�" if unicodedata.category(c) == "Cc" else c for c in text)
    return shown if len(shown) <= limit else shown[:limit - 1] + "…"


# --- /impor: master data through the chat ---------------------------------------------------------
ASK_MASTER_YEAR = "Data master (Perjanjian Kinerja, Rencana Aksi dan anggaran) untuk tahun berapa?"
WAITING_MASTER_FILE = "Silakan kirim berkas Excel (.xlsx) data master yang sudah diisi."


def ask_master_file(year: int) -> str:
    return (f"Template data master {year}. Isi sheet Sasaran, Indikator dan Anggaran sesuai "
            "petunjuk, lalu kirim kembali berkasnya di sini. Bila sudah ada data tahun ini, "
            "berkas baru dicatat sebagai PK Perubahan; siklus yang sedang berjalan tetap "
            "memakai versinya.")


# --- reminders, escalation, digest --------------------------------------------------------------
def reminder(step: Step, year: int, quarter: int, due_at: datetime, division: str | None, *,
             at_due: bool) -> str:
    part = f" — {division}" if division else ""
    head = "⏰ Batas waktu tugas Anda telah tiba" if at_due else "⏰ Pengingat tugas"
    return (f"{head}\nPengukuran Kinerja {period_label(year, quarter)}\n{step.title}{part}\n"
            f"Batas: {datetime_long(due_at)}.\nMohon segera diselesaikan. Terima kasih 🙏")


def escalation(step: Step, year: int, quarter: int, due_at: datetime, division: str | None,
               waiting: list[str]) -> str:
    part = f" — {division}" if division else ""
    who = names_list(waiting) or "belum ada petugas"
    return (f"⚠️ Tugas terlambat\nPengukuran Kinerja {period_label(year, quarter)}\n"
            f"{step.title}{part}\nBatas: {datetime_long(due_at)}.\nMenunggu: {who}.")


def digest_line(step: Step, year: int, quarter: int, division: str | None, waiting: list[str],
                due_at: datetime, overdue: bool) -> str:
    part = f" — {division}" if division else ""
    late = " ⚠️ terlambat" if overdue else ""
    who = names_list(waiting) or "-"
    return (f"• {period_label(year, quarter)}, Langkah {step.number}{part}: menunggu {who}; "
            f"batas {datetime_short(due_at)} {zone_label(due_at)}{late}")


def digest(now: datetime, lines: list[str]) -> str:
    return (f"🌅 Ringkasan pagi, {datetime_long(now).split(' pukul')[0]}\n"
            "Langkah SOP Pengukuran Kinerja yang masih terbuka:\n" + "\n".join(lines))


def duration(minutes: int) -> str:
    """Working time as people say it: ``1 jam 5 menit``, ``2 hari 3 jam`` (a day is the
    default office day of 7,5 hours)."""
    if minutes < 60:
        return f"{minutes} menit"
    days, minutes = divmod(minutes, WORKING_DAY_MINUTES)
    hours, rest = divmod(minutes, 60)
    parts = [f"{days} hari"] if days else []
    parts += [f"{hours} jam"] if hours else []
    parts += [f"{rest} menit"] if rest else []
    return " ".join(parts)


WORKING_DAY_MINUTES = 450  # 7,5 hours: the default office day without its break


# --- /arsip in the chat ------------------------------------------------------------------------------
NO_ARCHIVES = "Belum ada siklus yang diarsipkan."
ARCHIVES_HEADER = "🗄️ Arsip Pengukuran Kinerja. Pilih triwulan untuk menerima berkas arsipnya (zip)."


def archive_caption(name: str, size: str) -> str:
    return (f"🗄️ {name} ({size}). Berisi semua dokumen siklus, manifest.json dengan sidik "
            "SHA-256 setiap berkas, dan log audit.")


# --- SOP compliance ------------------------------------------------------------------------------------
def compliance_columns() -> tuple[str, ...]:
    label = zone_label()
    return ("Langkah", "Uraian", "Bagian", "Putaran", "Mutu baku", "Mutu baku (menit kerja)",
            "Waktu kerja (menit)", "Tepat waktu", "Pelaksana", f"Mulai ({label})",
            f"Selesai ({label})")



YES = "ya"
NO = "tidak"
COMPLIANCE_FILE = "Kepatuhan-SOP-TW{quarter}-{year}.csv"
def no_compliance(year: int) -> str:
    return f"Belum ada langkah yang selesai pada tahun {year}."


def compliance_header(year: int) -> str:
    return (f"⏱️ Kepatuhan SOP Pengukuran Kinerja tahun {year}\n"
            "Langkah yang paling sering melewati mutu baku (waktu kerja):")


def compliance_line(number: int, label: str, runs: int, late: int, average: int,
                    worst: int) -> str:
    if not late:
        return f"✅ {number}. {label}: {runs} kali, selalu tepat waktu"
    return (f"⚠️ {number}. {label}: terlambat {late} dari {runs} kali, rata-rata "
            f"{duration(average)}, paling lama {duration(worst)}")


# --- acting officials and reassignment ---------------------------------------------------------------
def appointed(kind: str, principal: str, starts_at: datetime, ends_at: datetime) -> str:
    return (f"📌 Anda ditunjuk sebagai {kind.capitalize()}. untuk {principal} "
            f"mulai {datetime_long(starts_at)} sampai {datetime_long(ends_at)}.\n"
            "Selama itu tugas, pengingat dan tombol persetujuan beliau dikirim kepada Anda.")


def appointment_ended(kind: str, principal: str) -> str:
    return (f"📌 Penunjukan Anda sebagai {kind.capitalize()}. untuk {principal} telah berakhir. "
            "Tugas beliau kembali kepada beliau.")


def task_button(number: int, division: str | None, quarter: int) -> str:
    return f"TW {ROMAN[quarter]} · Langkah {number}" + (f" · {division}" if division else "")


ASK_SUBSTITUTE = "Siapa yang ditunjuk sebagai Plh. selama Anda berhalangan?"
ASK_DELEGATION_PERIOD = "Sampai kapan?"
DELEGATION_PERIODS = {"today": "Hari ini", "3d": "3 hari kerja", "1w": "1 minggu",
                      "2w": "2 minggu"}
ASK_TASK_TO_MOVE = "Tugas mana yang akan dialihkan?"
ASK_NEW_ASSIGNEE = "Dialihkan kepada siapa?"
NO_TASKS_TO_MOVE = "Tidak ada tugas terbuka yang dapat dialihkan."


def delegation_saved(substitute: str, ends_at: datetime) -> str:
    return (f"✅ {substitute} ditunjuk sebagai Plh. sampai {datetime_long(ends_at)}. "
            "Tugas dan tombol persetujuan Anda akan dikirim kepadanya.")


def current_substitutes(rows: Iterable[tuple[str, str, datetime, datetime, str]]) -> str:
    """Rows of (kind, name, start, end, status) for the official's own stand-ins."""
    lines = ["📌 Penunjukan Anda yang berlaku atau akan berlaku:"]
    lines += [f"• {kind.capitalize()}. {name}: {datetime_long(start)} s.d. "
              f"{datetime_long(end)} ({DELEGATION_STATUS[status]})"
              for kind, name, start, end, status in rows]
    lines += ["Tekan ⏹️ bila Anda sudah kembali bertugas, atau pilih nama di bawah untuk "
              "menunjuk Plh. pada waktu lain."]
    return "\n".join(lines)


def end_substitute(kind: str, name: str) -> str:
    return f"⏹️ Akhiri {kind.capitalize()}. {name}"


def substitute_ended(kind: str, name: str) -> str:
    return (f"✅ Penunjukan {name} sebagai {kind.capitalize()}. diakhiri. Tugas dan tombol "
            "persetujuan kembali kepada Anda.")


def task_moved(name: str) -> str:
    return f"✅ Tugas dialihkan kepada {name}. Beliau telah menerima pemberitahuan."


# --- documents -------------------------------------------------------------------------------------------
def approval_note(signer: str, at: datetime) -> str:
    """The line a final report carries about its approval at step 7."""
    return f"Disetujui oleh {signer}, {datetime_long(at)}"


def acting_signature(name: str, principals: Iterable[str]) -> str:
    return f"Plh. {name} (a.n. {', '.join(principals)})"


def head_title(*, acting: bool) -> str:
    """How the head signs: as Kepala Dinas, or as the acting one."""
    return "Plh. Kepala Dinas" if acting else "Kepala Dinas"


def chart_title_achievement(period: str) -> str:
    return f"Capaian kinerja s.d. {period} (%)"


def chart_title_absorption(period: str) -> str:
    return f"Serapan anggaran per bagian s.d. {period} (%)"


# --- /laporan ----------------------------------------------------------------------------------------------
NO_REPORTS = "Belum ada laporan hasil pengukuran kinerja."
REPORTS_HEADER = "📑 Laporan hasil pengukuran kinerja. Pilih triwulan, atau lihat tren tahunan."
TREND_AGENCY = "Rata-rata Dinas"
TREND_FILE = "Tren-Capaian-Kinerja-{year}.xlsx"


def trend_button(year: int) -> str:
    return f"📈 Tren capaian {year}"


def trend_title(year: int) -> str:
    return f"Tren capaian kinerja per triwulan, tahun {year}"


# --- /provinsi: every agency's progress, for Bappeda / the Biro Organisasi --------------------
PROVINCE_EMPTY = "Belum ada Dinas yang terdaftar."
def province_columns() -> tuple[str, ...]:
    return ("Kode", "Dinas", "Periode", "Langkah saat ini", "Menunggu",
            f"Batas waktu ({zone_label()})", "Keterlambatan (waktu kerja)", "Langkah terlambat",
            "Capaian s.d. TW (%)", "Indikator terukur", "Jumlah indikator")


def province_title(now: datetime) -> str:
    return f"Pemantauan Pengukuran Kinerja per Dinas — {datetime_medium(now)} {zone_label(now)}"


def province_file(now: datetime) -> str:
    return f"pemantauan-dinas-{to_local(now):%Y%m%d-%H%M}.xlsx"


def _province_step(step_number: int | None, archived: bool) -> str:
    if archived:
        return "diarsipkan"
    return f"Langkah {step_number}" if step_number is not None else "belum dimulai"


def province_bar(name: str, step_number: int | None, archived: bool, late_minutes: int) -> str:
    late = f", terlambat {duration(late_minutes)}" if late_minutes else ""
    return f"{name} ({_province_step(step_number, archived)}{late})"


def province_line(name: str, year: int | None, quarter: int | None, archived: bool,
                  step_number: int | None, waiting_for: Sequence[str], late_minutes: int,
                  capaian: Decimal | None) -> str:
    if year is None or quarter is None:
        return f"• {name}: belum ada siklus"
    state = _province_step(step_number, archived)
    parts = [f"• {name} — {period_label(year, quarter)}, {state}"]
    if waiting_for and not archived:
        parts.append(f"menunggu {names_list(list(waiting_for))}")
    if late_minutes:
        parts.append(f"⚠️ terlambat {duration(late_minutes)}")
    if capaian is not None:
        parts.append(f"capaian {number(capaian, 2)}%")
    return "; ".join(parts)


def province_header(count: int, late: int) -> str:
    return (f"🏛 Pemantauan {count} Dinas; {late} terlambat dari Mutu Baku. Rincian dalam "
            "gambar dan berkas Excel berikut.")


def province_cells(code: str, name: str, year: int | None, quarter: int | None, archived: bool,
                   step_number: int | None, step_label: str | None,
                   waiting_for: Sequence[str], due_at: datetime | None, late_minutes: int,
                   late_steps: int) -> list[str]:
    step_text = _province_step(step_number, archived)
    if step_label and not archived:
        step_text = f"{step_text}. {step_label}"
    return [code, name, period_label(year, quarter) if year and quarter else "-", step_text,
            names_list(list(waiting_for)) if waiting_for and not archived else "-",
            datetime_medium(due_at) if due_at and not archived else "-",
            duration(late_minutes) if late_minutes else "-", str(late_steps)]


def province_digest(lines: Sequence[str], late: int) -> str:
    return ("🗓 Ringkasan mingguan Pengukuran Kinerja per Dinas "
            f"({late} terlambat dari Mutu Baku):\n" + "\n".join(lines)
            + "\nKetik /provinsi untuk gambar dan berkas Excel.")
