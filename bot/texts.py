"""Every user-facing string, in Bahasa Indonesia: short, polite, and in one place."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from bot.domain import errors
from bot.domain.clock import to_local, zone_label
from bot.domain.errors import Reason
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
    shown_decimals,
)

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


def invite_error(reason: str) -> str:
    return refusal({"reason": reason}) if reason in INVITE_REASONS else INVITE_REFUSED


INVITE_REASONS = frozenset({Reason.INVITE_UNKNOWN, Reason.INVITE_USED, Reason.INVITE_EXPIRED,
                            Reason.ALREADY_BOUND})
INVITE_REFUSED = "Kode undangan tidak dapat digunakan."


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


# --- refusals ------------------------------------------------------------------------------------
def error_message(error: errors.WorkflowError) -> str:
    """Why an action was refused, for the official who tried it."""
    p = error.params
    if str(p.get("reason", "")).startswith("number_"):
        return number_error(error)
    if isinstance(error, errors.NotAllowed):
        if p.get("step") in (None, "-"):
            return "Mohon maaf, perintah ini bukan tugas peran Anda."
        return f"Mohon maaf, langkah {p.get('step')} bukan tugas peran Anda."
    if isinstance(error, errors.StepNotActive):
        part = f" untuk {p['division']}" if p.get("division") else ""
        return f"Langkah {p.get('step')}{part} tidak sedang menunggu. Mungkin sudah diselesaikan."
    if isinstance(error, errors.MissingInputs):
        missing = "\n".join(
            f"• {doc_label(kind)}" + (f" ({division.name})" if division else "")
            for kind, division in p.get("missing", [])
        )
        return f"Langkah {p.get('step')} belum dapat diselesaikan. Masih kurang:\n{missing}"
    if isinstance(error, errors.CycleExists):
        state = "sudah diarsipkan" if p.get("status") == "archived" else "sedang berjalan"
        return (f"Pengukuran {period_label(p['year'], p['quarter'])} {state}. "
                "Satu periode hanya satu siklus.")
    if isinstance(error, errors.ChangedMeanwhile):
        return changed_meanwhile(error)
    if isinstance(error, errors.PartsOpen):
        return (f"Langkah {p.get('step')} belum dapat diselesaikan: bagian "
                f"{', '.join(p.get('divisions', []))} masih dilengkapi.")
    if isinstance(error, errors.CycleClosed):
        return f"Siklus {period_label(p['year'], p['quarter'])} sudah diarsipkan dan tidak dapat diubah."
    return refusal(p)


# A refusal's message, by its reason: a text, or a function of the refusal's params.
Refusal = str | Callable[[Mapping[str, Any]], str]
REFUSED_INPUT = "Mohon maaf, isian tidak dapat digunakan. Silakan periksa kembali."


def refusal(params: Mapping[str, Any], table: Mapping[Reason, Refusal] | None = None) -> str:
    """The message for a refusal's reason, from ``table`` (the chat's ``REFUSALS``)."""
    message = (REFUSALS if table is None else table).get(str(params.get("reason")))
    if message is None:
        return REFUSED_INPUT
    return message if isinstance(message, str) else message(params)


def _archive_period(p: Mapping[str, Any]) -> str:
    return (period_label(p["year"], p["quarter"])
            if p.get("year") is not None and p.get("quarter") in (1, 2, 3, 4) else "ini")


REFUSALS: dict[Reason, Refusal] = {
    Reason.NOTE_REQUIRED: "Mohon tuliskan catatan pengembalian.",
    Reason.UNKNOWN_DIVISION: "Bidang tidak dikenal.",
    Reason.UNKNOWN_RUN: "Tugas ini tidak ditemukan.",
    Reason.FIGURES_REQUIRED: "Mohon isi realisasi terlebih dahulu.",
    Reason.EVIDENCE_REQUIRED: "Mohon lampirkan minimal satu data dukung.",
    Reason.FILE_TYPE: FILE_TYPE_REFUSED,
    Reason.FILE_TOO_BIG: FILE_TOO_BIG,
    Reason.FILE_REQUIRED: EXPECT_FILE,
    Reason.REASSIGN_HEAD_STEP: lambda p: (
        f"Langkah {p.get('step')} adalah tugas Kepala Dinas dan tidak "
        "dapat dialihkan. Bila Kepala Dinas berhalangan, tunjuk Plh./Plt. "
        "dengan /plh."),
    Reason.REASSIGN_OTHER_DIVISION: lambda p: (
        f"{p.get('name')} bukan pejabat {p.get('division')}; bagian "
        "ini hanya dapat dialihkan kepada pejabat bidang itu."),
    Reason.REASSIGN_OTHER_ROLE: lambda p: (
        f"{p.get('name')} tidak memegang peran {p.get('role')} untuk "
        f"Langkah {p.get('step')}; tugas ini hanya dapat dialihkan "
        f"kepada {p.get('role')} lain atau Plh./Plt.-nya."),
    Reason.UNKNOWN_FILE: "Berkas itu tidak ditemukan pada isian ini; mungkin sudah dihapus.",
    Reason.FILE_EMPTY: "Berkas ini kosong (0 byte). Mohon kirim berkas yang benar.",
    Reason.FILE_CONTENT: lambda p: (
        f"Isi berkas {p.get('name')} tidak sesuai dengan jenisnya (mungkin "
        "rusak atau salah nama). Mohon kirim berkas aslinya."),
    Reason.ZIP_MEMBER: lambda p: (
        f"Berkas ZIP ini memuat {p.get('name')}, yang tidak diterima. ZIP hanya "
        "boleh berisi PDF, Excel, Word, PowerPoint, foto atau teks."),
    Reason.ZIP_TOO_BIG: lambda p: (
        f"Isi ZIP {p.get('name')} terlalu besar bila dibuka. Mohon kirim "
        "berkasnya satu per satu."),
    Reason.ATTENDEES_REQUIRED: "Mohon pilih minimal satu peserta rapat.",
    Reason.DIRECTIONS_REQUIRED: "Mohon tuliskan pokok-pokok arahan rapat.",
    Reason.UNKNOWN_ATTENDEE: "Peserta rapat tidak dikenal.",
    Reason.NOTE_TAKER: "Notulis dipilih dari peserta rapat. Mohon pilih salah satu peserta.",
    Reason.MONEY_ABOVE_BUDGET: ("Angka ini lebih dari dua kali pagu sub kegiatan, sehingga "
        "tidak disimpan. Mohon periksa satuannya (jt atau M)."),
    Reason.MEETING_DATE: "Tanggal rapat tidak sesuai: terlalu jauh sebelum Nota Kepala Dinas, "
        "atau di masa depan.",
    Reason.DELEGATION_KIND: "Jenis penunjukan harus Plh atau Plt.",
    Reason.DELEGATION_PERIOD: "Akhir masa penunjukan harus sesudah awalnya.",
    Reason.DELEGATION_SELF: "Seseorang tidak dapat ditunjuk mewakili dirinya sendiri.",
    Reason.DELEGATION_PAST: "Masa penunjukan itu sudah lewat.",
    Reason.DELEGATION_OVERLAP: lambda p: (
        f"{p.get('name')} sudah memiliki Plh./Plt. pada masa itu. "
        "Akhiri penunjukan tersebut terlebih dahulu."),
    Reason.SUBSTITUTE_AWAY: lambda p: (
        f"{p.get('name')} sendiri berhalangan (diwakili Plh.) pada masa "
        "itu. Mohon pilih pejabat lain."),
    Reason.PRINCIPAL_ACTING: lambda p: (
        f"{p.get('name')} sedang menjadi Plh./Plt. bagi pejabat lain pada "
        "masa itu. Akhiri penunjukan tersebut terlebih dahulu."),
    Reason.PRINCIPAL_INACTIVE: lambda p: (
        f"{p.get('name')} tidak aktif; Plh. tidak dapat ditunjuk."),
    Reason.SUBSTITUTE_UNREACHABLE: lambda p: (
        f"{p.get('name')} belum terhubung dengan bot (belum ada "
        "akun Telegram), sehingga tidak dapat menerima tugas."),
    Reason.DELEGATION_ENDED: "Penunjukan itu sudah berakhir.",
    Reason.UNKNOWN_DELEGATION: "Penunjukan itu tidak ditemukan.",
    Reason.MAY_NOT_DELEGATE: ("Plh./Plt. hanya dapat ditunjuk untuk Kepala Dinas, Sekretaris, "
        "Kepala Bidang atau Kepala Subbag Perencanaan."),
    Reason.AGENCY_NAME_EMPTY: "Nama Dinas tidak boleh kosong.",
    Reason.SETTING_CAP: lambda p: (
        f"Batas capaian \"{p.get('value')}\" tidak dapat dipakai: tulis angka "
        "100 atau lebih, misalnya 120, atau \"\" untuk tanpa batas."),
    Reason.SETTING_PREDIKAT: lambda p: (
        f"Skala predikat \"{p.get('value')}\" tidak dapat dipakai: tulis "
        "empat batas bawah dari tinggi ke rendah, misalnya \"91 76 66 "
        "51\" (Sangat Tinggi, Tinggi, Sedang, Rendah)."),
    Reason.SETTING_EFISIENSI: lambda p: (
        f"Batas efisiensi \"{p.get('value')}\" tidak dapat dipakai: "
        "tulis dua angka, bawah lalu atas, misalnya \"-5 5\"."),
    Reason.NAME_EMPTY: "Nama tidak boleh kosong.",
    Reason.UNKNOWN_USER: "Pengguna tidak dikenal atau tidak aktif.",
    Reason.NO_YEAR_DATA: "Belum ada data capaian per indikator untuk tahun ini.",
    Reason.PERCENT_OUT_OF_RANGE: ("Nilai persen ini tidak wajar (lebih dari 1.000%). Mohon "
                                  "periksa kembali. Contoh: 87,5."),
    Reason.UNKNOWN_ITEM: "Isian ini tidak ditemukan. Ketik /tugas untuk melanjutkan.",
    Reason.TEXT_REQUIRED: "Mohon tuliskan jawabannya.",
    Reason.PART_INCOMPLETE: lambda p: "Isian belum lengkap:\n" + "\n".join(
        f"• {m}" for m in p.get("missing", [])),
    Reason.UNKNOWN_FIELD: "Isian itu tidak dikenal. Ketik /tugas untuk melanjutkan.",
    Reason.CELLS: "Beberapa sel pada format ini tidak dapat dipakai; tidak ada yang disimpan.",
    Reason.OTHER_PART: ("Format ini milik bagian atau triwulan lain. Gunakan format untuk "
        "bagian Anda."),
    Reason.DECISION_STEP: lambda p: (
        f"Langkah {p.get('step')} diselesaikan dengan keputusan: {BTN_APPROVE} atau "
        f"{BTN_RETURN}."),
    Reason.NOT_CONFIRM_STEP: ("Langkah ini tidak diselesaikan di sini. Ketik /tugas untuk "
                              "melanjutkan."),
    Reason.INVITE_UNKNOWN: "Kode undangan tidak dikenal. Mohon periksa kembali kodenya.",
    Reason.INVITE_USED: "Kode undangan ini sudah digunakan. Silakan minta kode baru kepada admin.",
    Reason.INVITE_EXPIRED: "Kode undangan ini sudah kedaluwarsa. Silakan minta kode baru.",
    Reason.ALREADY_BOUND: "Akun Telegram ini sudah terdaftar untuk pengguna lain.",
    Reason.NOT_A_MEMBER: "Anda tidak terdaftar pada Dinas itu.",
    Reason.NO_AGENCY: "Dinas belum disiapkan. Mohon hubungi admin sakip-bot.",
    Reason.UNKNOWN_AGENCY: lambda p: f"Tidak ada Dinas dengan kode {p.get('code')}.",
    Reason.AGENCY_AMBIGUOUS: "Ada beberapa Dinas; mohon sebutkan Dinas yang dimaksud.",
    Reason.AGENCY_EXISTS: lambda p: f"Kode Dinas {p.get('code')} sudah dipakai.",
    Reason.DIVISION_REQUIRED: "Peran Bidang memerlukan nama Bidang.",
    Reason.BAD_TIMEZONE: lambda p: (
        f"Zona waktu \"{p.get('value')}\" tidak dikenal. Tulis WIB, WITA, WIT atau nama IANA "
        "seperti Asia/Makassar."),
    Reason.BAD_AGENCY_CALENDAR: lambda p: agency_calendar_problem(p),
    Reason.BAD_LOGO: lambda p: (
        "Logo tidak dapat dipakai: "
        f"{LOGO_REFUSED.get(str(p.get('problem')), 'tidak dapat dipakai')}. Tidak ada yang diubah."),
    Reason.BAD_YEAR: lambda p: (f"Tahun {p.get('year')} tidak dapat dipakai. Tulis tahun antara "
        "2000 dan 2100."),
    Reason.MASTER_DATA_INVALID: lambda p: (
        f"Data induk memuat {p.get('count')} kesalahan, sehingga tidak ada yang disimpan."),
    Reason.UNKNOWN_CYCLE: lambda p: f"Siklus {_archive_period(p)} tidak ditemukan.",
    Reason.CYCLE_NOT_ARCHIVED: lambda p: (
        f"Siklus {_archive_period(p)} belum diarsipkan. Arsip baru dapat dibuat setelah "
        "Langkah 9 (unggah ke ESR dan pengarsipan) selesai."),
    Reason.ARCHIVE_FILE_MISSING: lambda p: (
        f"Berkas {p.get('name')} tidak ditemukan di folder data, sehingga arsip tidak dapat "
        "dibuat. Mohon hubungi admin sakip-bot."),
    Reason.ARCHIVE_FILE_CORRUPT: lambda p: (
        f"Berkas {p.get('name')} di folder data tidak sama dengan yang tercatat (sha256 "
        "berbeda), sehingga arsip tidak dapat dibuat."),
}


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


# --- CLI (admin) ---------------------------------------------------------------------------------
CLI_DESCRIPTION = "sakip-bot: asisten Telegram untuk SOP Pengukuran Kinerja. Perintah admin:"
CLI_USAGE_PREFIX = "Penggunaan: "
CLI_POSITIONALS = "argumen"
CLI_OPTIONS = "opsi"
CLI_COMMANDS = "perintah"
CLI_HELP_OPTION = "tampilkan petunjuk ini lalu keluar"

# Keyed by "command" or "command.option"; shown by ``sakip-bot ... --help``.
CLI_HELP: dict[str, str] = {
    "init": "siapkan Dinas beserta Bidang-bidangnya (aman dijalankan ulang)",
    "db": "kelola skema basis data: upgrade, current, history",
    "outbox": "pesan yang tidak dapat dikirim: list, retry",
    "outbox.list": "tampilkan pesan yang disisihkan karena tidak dapat dikirim",
    "outbox.retry": "kirim ulang pesan yang disisihkan (sebutkan nomornya, atau --all)",
    "outbox.ids": "nomor pesan (lihat sakip-bot outbox list)",
    "outbox.all": "kirim ulang semua pesan yang disisihkan",
    "db.upgrade": "perbarui skema basis data ke versi program ini (cadangkan dulu)",
    "db.current": "tampilkan versi skema basis data dan versi yang diperlukan program",
    "db.history": "daftar semua migrasi skema",
    "init.name": "nama lengkap Dinas",
    "init.code": "kode singkat Dinas, misalnya bmcktr (bawaan: AGENCY_CODE)",
    "init.division": "nama Bidang; ulangi untuk setiap Bidang (Sekretariat dibuat otomatis)",
    "user": "kelola pengguna: add, invite, update, activate, deactivate",
    "user.add": "daftarkan pejabat beserta perannya",
    "user.invite": "buat kode undangan sekali pakai untuk menghubungkan akun Telegram",
    "user.deactivate": "nonaktifkan pengguna",
    "user.activate": "aktifkan kembali pengguna",
    "user.name": "nama pejabat",
    "user.role": "peran: kepala, sekretaris, bidang, tim-sakip, perencanaan (boleh diulang)",
    "user.division": "nama Bidang (wajib untuk peran bidang)",
    "user.telegram_id": "ID Telegram (angka) bila sudah diketahui",
    "user.nip": "NIP pejabat (opsional)",
    "user.rank": "pangkat/golongan, dicetak di bawah nama pada tanda tangan, misalnya "
                 "\"Pembina Utama Muda (IV/c)\"",
    "user.update": "ubah nama, NIP atau pangkat pengguna (nilai kosong \"\" menghapus NIP/pangkat)",
    "user.user_id": "ID pengguna (lihat: sakip-bot users)",
    "user.bot_username": "username bot untuk tautan undangan (bawaan: BOT_USERNAME)",
    "users": "tampilkan daftar pengguna",
    "diagram": "cetak alur SOP sebagai diagram Mermaid",
    "run": "jalankan bot (memerlukan TELEGRAM_BOT_TOKEN)",
    "provinsi": "pantau semua Dinas: triwulan, langkah, yang ditunggu, keterlambatan, capaian",
    "provinsi.out": "tulis juga berkas Excel-nya ke FILE.xlsx",
    "provinsi.picture": "tulis juga gambarnya (PNG) ke FILE.png",
    "run.webhook": "terima pembaruan lewat webhook di URL HTTPS ini (di belakang reverse proxy; "
                   "lihat docs/deploy.md), bukan dengan polling",
    "demo": "jalankan simulasi satu triwulan tanpa token",
    "demo.out": "folder hasil demo",
    "agency": "Dinas yang dilayani bot dan kop suratnya: add, list, show, set",
    "agency_option": "kode Dinas yang dimaksud (bawaan: AGENCY_CODE; wajib bila ada beberapa "
                     "Dinas)",
    "agency.add": "tambahkan Dinas baru ke basis data yang sama",
    "agency.list": "tampilkan semua Dinas beserta Bidang, pejabat dan siklus terakhirnya",
    "agency.show": "tampilkan nama Dinas dan isi kop suratnya",
    "agency.set": "ubah nama Dinas atau kop suratnya (nilai kosong \"\" menghapus)",
    "agency.province": "pemerintah daerah, misalnya \"Sumatera Barat\" atau \"Kabupaten Agam\"",
    "agency.address": "baris alamat di bawah nama Dinas (jalan, telepon, surel, laman)",
    "agency.place": "kota tempat penandatanganan, misalnya Padang",
    "agency.logo": "gambar logo untuk kop setiap dokumen (PNG atau JPEG, paling besar 2 MB)",
    "agency.no_logo": "hapus logo dari kop",
    "agency.cap": "batas capaian dalam rata-rata, misalnya 120 (\"\" = tanpa batas)",
    "agency.predikat": "batas bawah Sangat Tinggi, Tinggi, Sedang, Rendah, misalnya "
                       "\"91 76 66 51\" (\"\" = skala baku)",
    "agency.efficiency": "batas tidak efisien dan efisien (poin), misalnya \"-5 5\" "
                         "(\"\" = baku)",
    "agency.timezone": "zona waktu kantor: WIB, WITA, WIT atau nama IANA (Asia/Makassar); "
                       "\"\" = zona kalender bersama",
    "agency.calendar": "berkas TOML tambahan kalender Dinas: hari libur daerah ([[holiday]]), "
                       "jam kerja dan istirahat sendiri ([office_hours], [breaks])",
    "agency.no_calendar": "hapus tambahan kalender Dinas; kembali ke kalender bersama",
    "plh": "pejabat pelaksana harian/tugas (Plh./Plt.): add, list, end",
    "plh.add": "tunjuk Plh./Plt. untuk seorang pejabat selama suatu masa",
    "plh.for": "ID pejabat yang berhalangan (Kepala Dinas, Sekretaris atau Kepala Bidang)",
    "plh.by": "ID pejabat yang ditunjuk mewakili",
    "plh.from": "mulai (waktu setempat Dinas), misalnya 2026-12-01 atau \"01-12-2026 07:30\" (bawaan: sekarang)",
    "plh.until": "sampai (waktu setempat Dinas); tanggal saja berarti sampai akhir hari itu",
    "plh.kind": "plh (bawaan) atau plt",
    "plh.list": "tampilkan penunjukan yang berlaku atau akan berlaku",
    "plh.all": "tampilkan juga penunjukan yang sudah berakhir",
    "plh.end": "akhiri penunjukan sekarang (pejabat sudah kembali)",
    "plh.id": "ID penunjukan (lihat: sakip-bot plh list)",
}

# argparse reports in English; these phrases are replaced in order.
CLI_USAGE_PHRASES: tuple[tuple[str, str], ...] = (
    ("the following arguments are required", "argumen berikut wajib diisi"),
    ("unrecognized arguments", "argumen tidak dikenal"),
    ("one of the arguments", "salah satu argumen"),
    (" is required", " wajib diisi"),
    ("not allowed with argument", "tidak boleh digabung dengan argumen"),
    ("expected at least one argument", "memerlukan minimal satu nilai"),
    ("expected one argument", "memerlukan satu nilai"),
    ("ignored explicit argument", "nilai tidak diperlukan"),
    ("invalid choice", "pilihan tidak dikenal"),
    ("(choose from", "(pilih dari"),
    ("ambiguous option", "opsi ambigu"),
    ("could match", "bisa berarti"),
    ("argument ", "argumen "),
)


def cli_usage_error(prog: str, message: str) -> str:
    for english, indonesian in CLI_USAGE_PHRASES:
        message = message.replace(english, indonesian)
    return f"{prog}: {message}\nKetik {prog} --help untuk petunjuk."


def cli_unknown_role(value: str, accepted: Iterable[str]) -> str:
    return f"peran {value!r} tidak dikenal. Pilihan: {', '.join(accepted)}"


def cli_bad_id(value: str) -> str:
    return f"{value!r} bukan ID yang sah (harus bilangan bulat positif)"


# A log line (%s: the kind of failure, the seconds until the next attempt).
TELEGRAM_UNREACHABLE_AT_START = "Telegram belum dapat dihubungi (%s); mencoba lagi dalam %g detik."
CLI_TOKEN_REJECTED = ("Mohon maaf, Telegram menolak token bot. Periksa TELEGRAM_BOT_TOKEN, dan "
                      "TELEGRAM_API_BASE_URL bila memakai server Bot API sendiri.")


def cli_bad_settings(fields: Iterable[str]) -> str:
    return ("Mohon maaf, pengaturan tidak valid: " + ", ".join(fields)
            + ". Periksa variabel lingkungan atau berkas .env.")


def cli_schema_behind(current: str | None, head: str, *, empty: bool, ahead: bool) -> str:
    if empty:
        return ("Dinas belum disiapkan: basis data masih kosong. Jalankan terlebih dahulu:\n"
                "  sakip-bot init --name \"Nama Dinas\" --code KODE --division \"Nama Bidang\"")
    if ahead:
        return (f"Basis data ini dibuat oleh versi program yang lebih baru (skema {current}); "
                f"program ini hanya mengenal sampai {head}. Pasang kembali versi program yang "
                "sesuai; basis data tidak diubah.")
    return (f"Basis data perlu diperbarui (skema {current or 'sebelum migrasi'}, program "
            f"memerlukan {head}). Cadangkan basis data, lalu jalankan: sakip-bot db upgrade")


def cli_schema_unknown(missing: Iterable[str]) -> str:
    shown = list(missing)
    more = f" dan {len(shown) - 10} lainnya" if len(shown) > 10 else ""
    return ("Mohon maaf, basis data ini tidak dikenali sebagai basis data sakip-bot yang dapat "
            f"diperbarui. Yang tidak ada: {', '.join(shown[:10])}{more}. Tidak ada yang "
            "diubah.")


def cli_duplicate_cycles(periods: Iterable[tuple[object, ...]]) -> str:
    listed = "; ".join(f"Dinas #{agency}: {period_label(int(str(year)), int(str(quarter)))}"
                       for agency, year, quarter in periods)
    return ("Mohon maaf, basis data belum dapat diperbarui: ada periode yang memiliki dua siklus "
            f"pengukuran ({listed}). Tentukan siklus yang dipakai dan hapus yang lain, lalu "
            "jalankan lagi: sakip-bot db upgrade. Tidak ada yang diubah.")


def undeliverable_notice(recipient: str, text: str, message_id: int) -> str:
    first_line = " ".join(text.split())[:120]
    return (f"⚠️ Pesan untuk {recipient} tidak dapat dikirim (nomor {message_id}): "
            f"\"{first_line}\". Mohon sampaikan secara langsung, atau minta admin mengirim "
            f"ulang dengan: sakip-bot outbox retry {message_id}")


def cli_outbox_list(rows: Iterable[tuple[int, str, str, int, str, str]]) -> str:
    lines = [f"#{number}  {when}  untuk {recipient}  ({attempts} kali dicoba)\n"
             f"    {' '.join(text.split())[:100]}\n    alasan: {error[:200]}"
             for number, when, recipient, attempts, error, text in rows]
    return "\n".join(lines) if lines else "Tidak ada pesan yang disisihkan."


def cli_outbox_retried(count: int) -> str:
    return (f"{count} pesan dikembalikan ke antrean; bot mengirimnya dalam beberapa detik."
            if count else "Tidak ada pesan disisihkan dengan nomor itu.")


def cli_db_upgraded(before: str | None, after: str) -> str:
    if before == after:
        return f"Basis data sudah mutakhir (skema {after})."
    return f"Basis data diperbarui: skema {before or 'kosong'} → {after}."


def cli_db_current(current: str | None, head: str) -> str:
    line = f"Skema basis data: {current or 'belum ada'}; skema program: {head}."
    if current != head:
        line += " Jalankan: sakip-bot db upgrade"
    return line


def cli_db_history(rows: Iterable[tuple[str, str]], current: str | None) -> str:
    return "\n".join(f"{revision}  {title}" + ("  ← basis data ini" if revision == current else "")
                     for revision, title in rows)


def cli_database_error(kind: str) -> str:
    return (f"Mohon maaf, basis data tidak dapat dibuka ({kind}). "
            "Periksa DATABASE_URL atau DATA_DIR.")


def cli_error(error: errors.WorkflowError, *, user_id: int | None = None,
              divisions: Iterable[str] = ()) -> str:
    """A refusal for the admin at the command line, who can be told which command mends it."""
    reason = error.params.get("reason")
    if reason not in CLI_REFUSALS:
        return error_message(error)
    return refusal({**error.params, "user_id": user_id, "divisions": list(divisions)},
                   CLI_REFUSALS)


CLI_REFUSALS: dict[Reason, Refusal] = {
    Reason.NO_AGENCY: ("Dinas belum disiapkan. Jalankan terlebih dahulu:\n"
        '  sakip-bot init --name "Nama Dinas" --code KODE --division "Nama Bidang"'),
    Reason.UNKNOWN_AGENCY: lambda p: (
        f"Tidak ada Dinas dengan kode {p.get('code')}. Kode yang terdaftar: "
        f"{', '.join(p.get('known', []))}."),
    Reason.AGENCY_AMBIGUOUS: lambda p: (
        f"Ada beberapa Dinas di basis data ini: {', '.join(p.get('known', []))}.\nSebutkan Dinas "
        "yang dimaksud dengan --agency KODE (atau AGENCY_CODE di .env)."),
    Reason.AGENCY_EXISTS: lambda p: (
        f"Kode {p.get('code')} sudah dipakai. Lihat dengan sakip-bot agency list; ubah Dinas itu "
        "dengan sakip-bot agency set --agency KODE."),
    Reason.UNKNOWN_DIVISION: lambda p: (
        f"Bidang \"{p.get('name')}\" tidak dikenal. Bidang yang terdaftar: "
        f"{', '.join(p.get('divisions') or []) or '(belum ada)'}.\nTambahkan Bidang baru dengan "
        "sakip-bot init ... --division \"NAMA\"."),
    Reason.DIVISION_REQUIRED: ("Peran Bidang memerlukan nama Bidang. Tambahkan "
        "--division \"Nama Bidang\"."),
    Reason.UNKNOWN_USER: lambda p: (
        "Pengguna" + (f" dengan ID {p['user_id']}" if p.get("user_id") is not None else "")
        + " tidak ditemukan. Lihat daftarnya dengan: sakip-bot users"),
    Reason.UNKNOWN_CYCLE: lambda p: (
        f"Siklus {_archive_period(p)} tidak ditemukan. Lihat daftarnya dengan: "
        "sakip-bot archive list"),
    Reason.ARCHIVE_FILE_MISSING: lambda p: (
        f"Berkas {p.get('name')} tidak ditemukan di folder data, sehingga arsip tidak dapat "
        "dibuat. Periksa DATA_DIR."),
}


def cli_agency_ready(name: str, code: str, created: bool, divisions: list[str],
                     added: list[str]) -> str:
    state = "telah dibuat" if created else "sudah ada dan diperbarui"
    lines = [f"✅ {name} (kode {code}) {state}.", "Bidang:"]
    lines += [f"• {d}" + (" (baru)" if d in added and not created else "") for d in divisions]
    if not created and not added:
        lines.append("Tidak ada Bidang baru.")
    lines.append("Langkah berikutnya: daftarkan pejabat dengan sakip-bot user add atau "
                 "sakip-bot user invite.")
    return "\n".join(lines)


def cli_agency_code_mismatch(configured: str, code: str) -> str:
    return (f"Catatan: AGENCY_CODE saat ini {configured}, bukan {code}. Bot dan perintah "
            f"lain akan memakai {configured}.")


CLI_AGENCIES_HEADER: tuple[str, ...] = ("Kode", "Nama", "Bidang", "Pejabat", "Siklus terakhir")


def cli_agency_cycle(year: int | None, quarter: int | None, archived: bool) -> str:
    if year is None or quarter is None:
        return "-"
    return f"{period_label(year, quarter)}" + (" (diarsipkan)" if archived else " (berjalan)")


def cli_written(path: str) -> str:
    return f"✅ Ditulis ke {path}"


def cli_bad_webhook(url: str) -> str:
    return f"URL webhook harus diawali https:// (atau http:// di jaringan sendiri): {url}"


def cli_bad_agency_code(code: str) -> str:
    return (f"Kode Dinas \"{code}\" tidak dapat dipakai: gunakan huruf, angka, titik, - atau _ "
            "tanpa spasi (paling panjang 32), misalnya dinkes.")


CLI_UPDATE_NOTHING = "Tidak ada yang diubah. Sebutkan minimal satu opsi (lihat --help)."
CLI_NO_DELEGATIONS = "Tidak ada penunjukan Plh./Plt. yang berlaku."
CLI_DELEGATIONS_HEADER: tuple[str, ...] = ("ID", "Jenis", "Pejabat", "Diwakili oleh", "Mulai",
                                           "Sampai", "Status")


def cli_profile(name: str, code: str, government: str, address: str, place: str,
                zone: str, label: str, *, own_hours: bool,
                extra_holidays: Sequence[tuple[date, str]],
                removed_holidays: Sequence[tuple[date, str]] = (), logo: str = "",
                assessment: Sequence[str] = ()) -> str:
    unset = "(belum diisi)"
    lines = [
        f"Dinas: {name} (kode {code})",
        f"Pemerintah daerah: {government or unset}",
        f"Alamat: {address or unset}",
        f"Kota penandatanganan: {place or unset}",
        f"Logo pada kop: {logo or unset}",
        f"Zona waktu: {label} ({zone})",
        "Jam kerja: " + ("khusus Dinas ini" if own_hours else "mengikuti kalender bersama"),
        f"Hari libur daerah/tambahan: {len(extra_holidays) or 'tidak ada'}",
    ]
    lines += [f"  • {date_long(day)}" + (f" — {holiday}" if holiday else "")
              for day, holiday in extra_holidays]
    lines += list(assessment)
    if removed_holidays:
        lines.append(f"Libur nasional yang tetap masuk kerja: {len(removed_holidays)}")
        lines += [f"  • {date_long(day)}" + (f" — {holiday}" if holiday else "")
                  for day, holiday in removed_holidays]
    return "\n".join(lines)


CALENDAR_PROBLEMS = {
    "unreadable": "berkas tidak dapat dibaca",
    "syntax": "penulisan TOML tidak sah",
    "unknown_key": "pengaturan tidak dikenal",
    "wrong_type": "jenis isian salah",
    "bad_weekday": "nama hari tidak dikenal",
    "duplicate_weekday": "hari yang sama ditulis dua kali",
    "bad_time_range": "rentang jam tidak sah (contoh: \"07:30-16:00\")",
    "end_before_start": "jam selesai tidak sesudah jam mulai",
    "break_outside_hours": "jam istirahat di luar jam kerja",
    "breaks_overlap": "jam istirahat saling tumpang tindih",
    "bad_date": "tanggal tidak sah (contoh: \"2026-03-20\")",
    "missing_date": "hari libur tanpa tanggal",
    "bad_time_zone": "zona waktu tidak dikenal",
    "no_working_day": "tidak ada satu hari kerja pun",
}


def assessment_lines(cap: Decimal | None, minima: Sequence[Decimal],
                     thresholds: tuple[Decimal, Decimal]) -> list[str]:
    """How the agency's reports judge: the cap, the predikat scale, the efisiensi bands."""
    def plain(value: Decimal) -> str:
        return number(value, shown_decimals(value))
    bands = [f"≥ {plain(low)} {PREDIKAT_LABELS[key]}" for low, key in zip(
        minima, ("sangat_tinggi", "tinggi", "sedang", "rendah"), strict=True)]
    lower, upper = thresholds
    return [
        "Batas capaian dalam rata-rata: " + (f"{plain(cap)}%" if cap is not None
                                              else "tanpa batas"),
        "Skala predikat: " + "; ".join(bands) + f"; di bawahnya {PREDIKAT_LABELS['sangat_rendah']}",
        f"Efisiensi: di bawah {plain(lower)} tidak efisien, di atas {plain(upper)} efisien",
    ]


LOGO_REFUSED = {
    "too_large": "berkas lebih dari 2 MB",
    "too_many_pixels": "gambar terlalu besar (lebih dari 25 juta piksel)",
    "not_image": "bukan gambar PNG, JPEG, GIF, WEBP atau BMP yang dapat dibaca",
}


def cli_agency_calendar_error(error: errors.WorkflowError) -> str:
    """A zone, calendar file or logo given to ``agency add|set`` that cannot be used."""
    return error_message(error)


def agency_calendar_problem(params: Mapping[str, Any]) -> str:
    where = str(params.get("field") or "")
    if where == "time_zone":
        return ("Kalender Dinas tidak boleh memuat time_zone: zona waktu Dinas diatur dengan "
                "--timezone.")
    problem = CALENDAR_PROBLEMS.get(str(params.get("problem")), "isian tidak dapat dipakai")
    return (f"Kalender Dinas tidak dapat dipakai: {problem}"
            + (f" pada {where}" if where else "") + ". Tidak ada yang diubah.")


def cli_user_updated(user_id: int, name: str, nip: str | None, rank: str | None) -> str:
    return "\n".join([f"✅ Data pengguna {user_id} diperbarui: {name}",
                      f"NIP: {nip or '-'}", f"Pangkat: {rank or '-'}"])


def cli_bad_moment(value: str) -> str:
    return (f"waktu {value!r} tidak dikenali; tulis misalnya 2026-12-01, 01-12-2026 "
            "atau \"01-12-2026 13:00\"")


def cli_delegation_added(delegation_id: int, kind: str, principal: str, substitute: str,
                         starts_at: datetime, ends_at: datetime) -> str:
    return (f"✅ {substitute} ditunjuk sebagai {kind.capitalize()}. untuk {principal} "
            f"(ID penunjukan {delegation_id}),\nmulai {datetime_long(starts_at)} sampai "
            f"{datetime_long(ends_at)}.\nYang ditunjuk sudah diberi tahu lewat Telegram.")


DELEGATION_STATUS = {"active": "berlaku", "upcoming": "akan berlaku", "ended": "berakhir",
                     "cancelled": "dibatalkan"}


def cli_delegation_row(delegation_id: int, kind: str, principal: str, substitute: str,
                       starts_at: datetime, ends_at: datetime, status: str) -> list[str]:
    return [str(delegation_id), f"{kind.capitalize()}.", principal, substitute,
            datetime_medium(starts_at), datetime_medium(ends_at), DELEGATION_STATUS[status]]


def cli_delegation_ended(delegation_id: int, kind: str, principal: str, substitute: str) -> str:
    return (f"✅ Penunjukan {delegation_id} ({kind.capitalize()}. {substitute} untuk "
            f"{principal}) diakhiri. Tugas kembali kepada {principal}.")


def cli_user_added(user_id: int, name: str, roles: Iterable[str], nip: str | None,
                   existing: bool) -> str:
    head = (f"✅ Peran ditambahkan untuk pengguna yang sudah terdaftar: {name}."
            if existing else f"✅ Pengguna terdaftar: {name}.")
    lines = [head, f"ID pengguna: {user_id}", f"Peran: {', '.join(roles)}"]
    if nip:
        lines.append(f"NIP: {nip}")
    return "\n".join(lines)


CLI_DIVISION_IGNORED = "Catatan: --division hanya dipakai untuk peran bidang; diabaikan."
CLI_NIP_REASONS: dict[str, str] = {
    "length": "bukan 18 angka",
    "birth_date": "tanggal lahir (8 angka pertama) tidak valid",
    "appointment": "tahun/bulan pengangkatan (angka 9–14) tidak valid",
    "sex": "kode jenis kelamin (angka ke-15) harus 1 atau 2",
}


def cli_nip_warning(nip: str, reason: str) -> str:
    why = CLI_NIP_REASONS.get(reason, "format tidak dikenali")
    return (f"Peringatan: \"{nip}\" bukan NIP PNS yang sah ({why}). "
            "Tetap disimpan apa adanya (misalnya nomor PPPK).")


def cli_name_taken(name: str, user_ids: list[int]) -> str:
    ids = ", ".join(str(i) for i in user_ids)
    return (f"Pengguna bernama \"{name}\" sudah terdaftar (ID {ids}). Untuk membuat kode "
            f"undangan baru, gunakan: sakip-bot user invite --user-id {user_ids[0]}")


def cli_invite(name: str, user_id: int, code: str, days: int, link: str | None) -> str:
    lines = [
        f"🔑 Kode undangan untuk {name} (ID {user_id}): {code}",
        f"Berlaku {days} hari dan hanya dapat dipakai sekali.",
        "",
        f"Mohon {name} mengirim pesan berikut kepada bot dari akun Telegram-nya:",
        f"/start {code}",
    ]
    if link:
        lines += ["", f"Atau cukup membuka tautan: {link}"]
    return "\n".join(lines)


def cli_invite_rebind(telegram_id: int) -> str:
    return (f"Catatan: pengguna ini sudah terhubung ke Telegram ID {telegram_id}. "
            "Kode ini akan memindahkannya ke akun yang mengirim kode.")


CLI_INVITE_INACTIVE = ("Catatan: pengguna ini sedang nonaktif. Aktifkan dengan "
                       "sakip-bot user activate ID agar dapat memakai bot.")


def cli_active_changed(user_id: int, name: str, active: bool) -> str:
    state = "diaktifkan kembali" if active else "dinonaktifkan"
    return f"✅ Pengguna {name} (ID {user_id}) {state}."


CLI_USERS_HEADER: tuple[str, ...] = ("ID", "Nama", "Telegram ID", "NIP", "Aktif", "Peran")
CLI_YES = "ya"
CLI_NO = "tidak"
CLI_EMPTY = "-"
CLI_NO_USERS = "Belum ada pengguna terdaftar. Tambahkan dengan: sakip-bot user add"
CLI_NAME_EMPTY = "Mohon isi nama dengan --name \"Nama\"."
CLI_CODE_REQUIRED = "Mohon isi kode Dinas dengan --code KODE (misalnya --code bmcktr)."
CLI_INVITE_ROLE_REQUIRED = "Untuk pengguna baru, mohon sebutkan perannya dengan --role (boleh diulang)."
CLI_INVITE_ROLES_IGNORED = "Catatan: --role, --division dan --nip hanya dipakai bersama --name; diabaikan."


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


def number_error(error: errors.WorkflowError) -> str:
    """The message for a refused number (``bot.domain.numbers.InvalidNumber``)."""
    p = error.params
    reason = str(p.get("reason"))
    text = echo(str(p.get("text", "")))
    expected = str(p.get("expected", "number"))
    decimals = p.get("decimals")
    example = number_example(expected, decimals)
    if reason == "number_decimals" and decimals == 0:
        return f"Mohon tulis bilangan bulat, tanpa angka di belakang koma. Contoh: {example}."
    if reason == "number_percent" and expected == "money":
        return f"Isian ini berupa jumlah uang (Rupiah), bukan persen. Contoh: {example}."
    sentence = {
        "number_empty": "Mohon tuliskan angkanya.",
        "number_text": (f"“{text}” belum terbaca sebagai angka. Mohon tulis angkanya saja"
                        + (" (boleh dengan rb, jt, M atau T)." if expected == "money" else ".")),
        "number_multiple": f"Terbaca lebih dari satu angka pada “{text}”. Mohon kirim satu angka saja.",
        "number_format": (f"Penulisan “{text}” tidak dikenali. Gunakan titik untuk ribuan dan "
                          "koma untuk desimal."),
        "number_decimals": f"Paling banyak {decimals} angka di belakang koma.",
        "number_negative": "Nilai ini tidak boleh negatif.",
        "number_percent": "Isian ini bukan persen; mohon tulis angkanya tanpa tanda %.",
        "number_units": f"“{text}” mencampur satuan (misalnya Rp dengan %, atau % dengan juta/miliar).",
        "number_too_large": f"Angka “{text}” terlalu besar. Mohon periksa kembali.",
    }.get(reason, "Angka tidak dapat digunakan.")
    return f"{sentence} Contoh: {example}."


# --- master data ---
# The master-data workbook (Perjanjian Kinerja, Rencana Aksi, anggaran DPA): the template's
# instructions and headers, the import's messages and the CLI output. Column and choice keys are
# those of ``bot.domain.master_rules``.
MASTER_SHEETS: dict[str, str] = {
    "guide": "Petunjuk",
    "goals": "Sasaran",
    "indicators": "Indikator",
    "budget": "Anggaran",
    "lists": "Pilihan",
}
MASTER_FILE_LABEL = "Berkas"
MASTER_LABEL_FIRST = "Perjanjian Kinerja"
MASTER_LABEL_REVISION = "PK Perubahan"
MASTER_TEMPLATE_FILENAME = "template-data-master.xlsx"
MASTER_SAMPLE_FILENAME = "contoh-data-master-{year}.xlsx"

# What the template offers in its drop-down lists (the importer also takes a few variants).
MASTER_CHOICES: dict[str, dict[str, str]] = {
    "direction": {"naik": "naik", "turun": "turun", "stabil": "stabil"},
    "turun_formula": {"difference": "(2T-R)/T", "ratio": "T/R"},
    "accumulation": {"akumulasi": "akumulasi", "nilai_akhir": "nilai akhir",
                     "rata_rata": "rata-rata"},
    "level": {"program": "program", "kegiatan": "kegiatan", "sub_kegiatan": "sub kegiatan"},
    "flag": {"ya": "ya", "tidak": "tidak"},
}

# Per sheet and column key: (judul kolom, wajib diisi, keterangan, contoh).
MASTER_COLUMNS: dict[str, dict[str, tuple[str, str, str, str]]] = {
    "goals": {
        "code": ("Kode", "wajib",
                 "Kode unik sasaran strategis; dirujuk oleh kolom Kode Sasaran di sheet Indikator.",
                 "SS1"),
        "name": ("Sasaran Strategis", "wajib",
                 "Rumusan sasaran strategis sesuai Perjanjian Kinerja.",
                 "Meningkatnya kemantapan jalan provinsi"),
    },
    "indicators": {
        "code": ("Kode", "wajib",
                 "Kode unik indikator kinerja; dirujuk oleh sheet Anggaran.", "IK1.1"),
        "goal_code": ("Kode Sasaran", "wajib",
                      "Kode sasaran strategis yang ada di sheet Sasaran.", "SS1"),
        "name": ("Indikator Kinerja", "wajib", "Rumusan indikator kinerja.",
                 "Persentase panjang jalan provinsi dalam kondisi mantap"),
        "unit": ("Satuan", "wajib", "Satuan indikator.", "%, km, unit, dokumen, ha, indeks"),
        "direction": ("Arah", "wajib",
                      "naik = makin tinggi makin baik; turun = makin rendah makin baik "
                      "(misalnya persentase jalan rusak berat); stabil = terbaik bila berada "
                      "di antara Batas Bawah dan Batas Atas.", "naik"),
        "range_low": ("Batas Bawah", "bila arah stabil",
                      "Batas bawah rentang terbaik, hanya untuk arah stabil.", "90"),
        "range_high": ("Batas Atas", "bila arah stabil",
                       "Batas atas rentang terbaik, hanya untuk arah stabil; tidak boleh lebih "
                       "kecil dari Batas Bawah.", "95"),
        "turun_formula": ("Rumus Turun", "tidak (bila kosong: (2T-R)/T)",
                          "Hanya untuk arah turun: rumus capaian sesuai Perjanjian Kinerja. "
                          "(2T-R)/T = (2 × target − realisasi) / target × 100% (PermenPAN-RB "
                          "8/2021); T/R = target / realisasi × 100%.", "(2T-R)/T"),
        "accumulation": ("Jenis Akumulasi", "wajib",
                         "akumulasi = realisasi triwulan dijumlahkan (km, unit, dokumen); "
                         "nilai akhir = nilai terakhir menjadi nilai tahun itu (indeks, "
                         "persentase); rata-rata = rata-rata realisasi triwulan.",
                         "nilai akhir"),
        "cumulative_targets": ("Target Kumulatif", "tidak (bila kosong: tidak)",
                               "ya = target TW adalah yang harus dicapai s.d. akhir triwulan "
                               "itu; tidak = target untuk triwulan itu saja. Untuk akumulasi "
                               "kumulatif, target tidak boleh turun dan TW IV sama dengan target "
                               "tahunan; untuk akumulasi per triwulan, jumlah TW I–IV sama "
                               "dengan target tahunan.", "ya"),
        "decimals": ("Desimal", "tidak (bila kosong: 2)",
                     "Banyaknya angka di belakang koma, 0 sampai 4. Target tidak boleh lebih "
                     "teliti dari ini.", "2"),
        "allow_negative": ("Boleh Negatif", "tidak (bila kosong: tidak)",
                           "ya bila nilai indikator boleh negatif (misalnya pertumbuhan).",
                           "tidak"),
        "annual_target": ("Target Tahunan", "wajib",
                          "Target tahun berjalan sesuai Perjanjian Kinerja.", "82,50"),
        "target_q1": ("Target TW I", "minimal satu TW",
                      "Target Triwulan I (Rencana Aksi). Kosongkan atau isi - bila triwulan itu "
                      "tanpa target.", "79,80"),
        "target_q2": ("Target TW II", "minimal satu TW", "Target Triwulan II.", "80,40"),
        "target_q3": ("Target TW III", "minimal satu TW", "Target Triwulan III.", "81,50"),
        "target_q4": ("Target TW IV", "minimal satu TW", "Target Triwulan IV.", "82,50"),
        "division": ("Bidang Penanggung Jawab", "wajib",
                     "Nama Bidang seperti terdaftar di bot (Sekretariat juga boleh); huruf "
                     "besar/kecil dan awalan \"Bidang\" tidak berpengaruh.", "Bina Marga"),
        "formula_note": ("Catatan Formula", "tidak",
                         "Cara menghitung realisasi, sumber data, atau catatan lain.",
                         "Panjang jalan mantap / panjang jalan provinsi × 100"),
    },
    "budget": {
        "level": ("Level", "wajib", "program, kegiatan, atau sub kegiatan.", "sub kegiatan"),
        "code": ("Kode", "wajib",
                 "Kode program/kegiatan/sub kegiatan sesuai DPA; unik dalam sheet ini. Kolom ini "
                 "berformat teks agar 1.10 tidak berubah menjadi 1,1.", "1.03.10.2.01.0017"),
        "parent_code": ("Kode Induk", "kegiatan dan sub kegiatan",
                        "Untuk kegiatan: kode programnya; untuk sub kegiatan: kode kegiatannya. "
                        "Kosongkan untuk program.", "1.03.10.2.01"),
        "name": ("Nama", "wajib", "Nomenklatur program/kegiatan/sub kegiatan.",
                 "Rekonstruksi Jalan"),
        "division": ("Bidang", "sub kegiatan",
                     "Bidang pelaksana; wajib untuk sub kegiatan, boleh kosong untuk program "
                     "dan kegiatan.", "Bina Marga"),
        "budget": ("Pagu (Rp)", "wajib",
                   "Pagu anggaran dalam rupiah, tidak negatif. Jumlah pagu di bawahnya tidak "
                   "boleh melebihi pagu induk.", "62.400.000.000"),
        "target_q1": ("Target Keuangan TW I (Rp)", "tidak",
                      "Target realisasi keuangan kumulatif s.d. akhir TW I, dalam rupiah. Tidak "
                      "boleh melebihi pagu dan tidak boleh turun dari triwulan sebelumnya.",
                      "6.240.000.000"),
        "target_q2": ("Target Keuangan TW II (Rp)", "tidak",
                      "Target keuangan kumulatif s.d. akhir TW II.", "21.840.000.000"),
        "target_q3": ("Target Keuangan TW III (Rp)", "tidak",
                      "Target keuangan kumulatif s.d. akhir TW III.", "43.680.000.000"),
        "target_q4": ("Target Keuangan TW IV (Rp)", "tidak",
                      "Target keuangan kumulatif s.d. akhir TW IV.", "62.400.000.000"),
        "indicator_codes": ("Kode Indikator Didukung", "tidak",
                            "Kode indikator (sheet Indikator) yang didukung, dipisah koma.",
                            "IK1.1, IK1.2"),
    },
}

MASTER_GUIDE_TITLE = "PETUNJUK PENGISIAN DATA MASTER PERJANJIAN KINERJA, RENCANA AKSI DAN ANGGARAN"
MASTER_GUIDE_TABLE_HEADER: tuple[str, ...] = ("Kolom", "Wajib diisi", "Keterangan", "Contoh")
MASTER_GUIDE_GENERAL: tuple[str, ...] = (
    "Berkas ini memuat data master satu tahun: Sasaran Strategis dan Indikator Kinerja dari "
    "Perjanjian Kinerja, target triwulanan Rencana Aksi, serta Program, Kegiatan dan Sub "
    "Kegiatan dari DPA beserta pagu dan target keuangannya.",
    "Isi sheet Sasaran, Indikator dan Anggaran. Baris pertama tiap sheet adalah judul kolom: "
    "jangan diubah. Data mulai baris 2; baris kosong diabaikan. Judul berwarna biru tua wajib "
    "diisi; yang biru muda boleh kosong (lihat kolom Wajib diisi di bawah). Berkas paling "
    "besar 5 MB dan paling banyak 5.000 baris data per sheet.",
    "Angka boleh diketik sebagai angka Excel atau sebagai teks cara Indonesia: 1.250.000,50 · "
    "87,5% · Rp 1.250.000 · 1,25 M (miliar) · 300 jt. Titik adalah pemisah ribuan, koma adalah "
    "desimal. Sel target yang kosong atau berisi - berarti tanpa target.",
    "Impor dengan perintah: sakip-bot import master NAMA-BERKAS.xlsx --year TAHUN. Bila ada "
    "kesalahan, tidak ada data yang disimpan dan setiap kesalahan disebut dengan sheet, baris "
    "dan kolomnya.",
    "Impor pertama untuk satu tahun menjadi Perjanjian Kinerja (versi 1). Impor berikutnya dengan "
    "isi berbeda menjadi PK Perubahan (versi 2, 3, …); versi lama tetap tersimpan dan siklus "
    "pengukuran yang sudah berjalan tetap memakai versinya. Berkas yang isinya sama dengan versi "
    "terakhir tidak membuat versi baru.",
)
MASTER_GUIDE_SHEETS: dict[str, str] = {
    "goals": "Satu baris untuk setiap Sasaran Strategis.",
    "indicators": "Satu baris untuk setiap Indikator Kinerja, dengan sifat, target tahunan, "
                  "target triwulan (Rencana Aksi) dan Bidang penanggung jawabnya.",
    "budget": "Program, Kegiatan dan Sub Kegiatan dari DPA, satu baris masing-masing; urutan "
              "bebas. Target keuangan ditulis kumulatif (s.d. akhir triwulan).",
}
MASTER_LIST_ERROR_TITLE = "Nilai tidak dikenal"
MASTER_LIST_ERROR = "Pilih salah satu nilai dari daftar."
MASTER_DECIMALS_ERROR = "Isi bilangan bulat 0 sampai 4."
MASTER_YEAR_TITLE = "Tahun {year}"

_MASTER_MESSAGES: dict[str, str] = {
    "not_xlsx": "Berkas ini bukan berkas Excel .xlsx. Simpan sebagai Excel Workbook (.xlsx), "
                "lalu impor ulang.",
    "too_large": "Berkas terlalu besar ({size}); maksimal {max}.",
    "unpacked_too_large": "Isi berkas terlalu besar untuk dibaca (lebih dari {max} setelah "
                          "dibuka).",
    "too_many_rows": "Sheet {sheet} berisi lebih dari {max} baris data.",
    "missing_sheet": "Sheet \"{sheet}\" tidak ada. Gunakan template resmi: di chat, /impor "
                     "mengirimkannya; di server, sakip-bot template master.",
    "missing_column": "Kolom \"{header}\" tidak ada pada baris judul.",
    "duplicate_column": "Kolom \"{header}\" muncul lebih dari sekali.",
    "unknown_column": "Kolom \"{header}\" tidak dikenal dan diabaikan.",
    "empty_sheet": "Belum ada data; isi mulai baris 2.",
    "no_budget": "Sheet Anggaran kosong; tidak ada data anggaran yang diimpor.",
    "required": "Wajib diisi.",
    "formula_not_computed": "Sel ini berisi rumus yang belum pernah dihitung, sehingga "
                            "nilainya kosong. Buka berkas di Excel atau LibreOffice, simpan, "
                            "lalu impor ulang (atau ketik angkanya langsung).",
    "unknown_choice": "\"{value}\" tidak dikenal. Pilihan: {allowed}.",
    "decimals_range": "Desimal harus 0 sampai 4.",
    "duplicate_code": "Kode \"{code}\" sudah dipakai di baris {first_row}.",
    "unknown_goal": "Kode sasaran \"{code}\" tidak ada di sheet Sasaran.",
    "unknown_division": "Bidang \"{name}\" tidak dikenal. Bidang yang terdaftar: {known}.",
    "negative_not_allowed": "Nilai negatif tidak diperbolehkan (Boleh Negatif: tidak).",
    "too_many_decimals": "Terlalu banyak angka di belakang koma; maksimal {decimals}.",
    "range_required": "Wajib diisi untuk indikator dengan arah stabil.",
    "range_order": "Batas Atas ({high}) lebih kecil dari Batas Bawah ({low}).",
    "annual_outside_range": "Target tahunan berada di luar rentang {low}–{high}.",
    "range_ignored": "Batas rentang hanya dipakai untuk arah stabil; nilai ini diabaikan.",
    "turun_formula_ignored": "Rumus Turun hanya dipakai untuk arah turun; nilai ini "
                             "diabaikan.",
    "quarter_target_required": "Isi target untuk minimal satu triwulan (TW I–IV).",
    "cumulative_decreasing": "Target kumulatif TW {quarter} ({value}) lebih kecil dari target "
                             "triwulan sebelumnya ({previous}).",
    "cumulative_last_not_annual": "Target kumulatif TW IV ({value}) harus sama dengan target "
                                  "tahunan ({annual}).",
    "cumulative_q4_required": "Target kumulatif TW IV wajib diisi (sama dengan target tahunan).",
    "sum_not_annual": "Jumlah target TW I–IV ({total}) tidak sama dengan target tahunan "
                      "({annual}); untuk indikator akumulasi dengan target per triwulan "
                      "keduanya harus sama.",
    "last_not_annual": "Target TW {quarter} ({value}) berbeda dari target tahunan ({annual}); "
                       "untuk nilai akhir biasanya sama.",
    "average_not_annual": "Rata-rata target triwulan ({average}) berbeda dari target tahunan "
                          "({annual}).",
    "goal_without_indicators": "Sasaran \"{code}\" belum memiliki indikator.",
    "negative_amount": "Nilai rupiah tidak boleh negatif.",
    "target_over_budget": "Target keuangan TW {quarter} ({value}) melebihi pagu ({budget}).",
    "financial_decreasing": "Target keuangan kumulatif TW {quarter} ({value}) lebih kecil dari "
                            "triwulan sebelumnya ({previous}).",
    "program_has_parent": "Program tidak memiliki induk; kosongkan Kode Induk.",
    "parent_required": "Wajib diisi dengan kode {expected} induknya.",
    "unknown_parent": "Kode induk \"{code}\" tidak ada di sheet Anggaran.",
    "parent_wrong_level": "Kode induk \"{code}\" adalah {level}; seharusnya {expected}.",
    "division_required": "Bidang wajib diisi untuk sub kegiatan.",
    "children_over_budget": "Jumlah pagu di bawahnya ({total}) melebihi pagu ini ({budget}).",
    "children_under_budget": "Jumlah pagu di bawahnya ({total}) kurang dari pagu ini ({budget}).",
    "unknown_indicator": "Kode indikator \"{code}\" tidak ada di sheet Indikator.",
}
_MASTER_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
_MASTER_MONEY_KEYS = ("target_over_budget", "financial_decreasing", "children_over_budget",
                      "children_under_budget")


def _master_value(value: object, money: bool = False) -> str:
    from decimal import Decimal

    from bot.formatting import money as money_text
    from bot.formatting import number

    if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
        amount = Decimal(str(value))
        if money:
            return money_text(amount)
        exponent = amount.normalize().as_tuple().exponent
        places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
        return number(amount, min(places, 4))
    return str(value)


def master_message(key: str, params: dict[str, object]) -> str:
    """The Indonesian sentence for one problem found in the master-data workbook."""
    shown: dict[str, str] = {}
    for name, value in params.items():
        if name == "quarter":
            shown[name] = _MASTER_ROMAN.get(value, str(value))
        elif name in ("level", "expected"):
            shown[name] = MASTER_CHOICES["level"].get(value, str(value))
        elif name in ("allowed", "known") and isinstance(value, list | tuple):
            shown[name] = ", ".join(str(v) for v in value) or "(belum ada)"
        elif name in ("size", "max") and isinstance(value, int):
            shown[name] = file_size(value) if key != "too_many_rows" else str(value)
        else:
            shown[name] = _master_value(value, money=key in _MASTER_MONEY_KEYS)
    if key in WORKBOOK_REFUSED and key not in _MASTER_MESSAGES:
        return _with_limit(WORKBOOK_REFUSED[key], params.get("max", params.get("count")))
    template = _MASTER_MESSAGES.get(key, "Data tidak dapat dipakai.")
    return template.format_map(shown)


def master_location(sheet: str | None, row: int | None, column: str | None,
                    header: str | None) -> str:
    """``Indikator, baris 5, kolom E (Arah)``; ``Berkas`` for the file as a whole."""
    if sheet is None:
        return MASTER_FILE_LABEL
    parts = [f"Sheet {sheet}"]
    if row is not None:
        parts.append(f"baris {row}")
    if column is not None:
        parts.append(f"kolom {column}" + (f" ({header})" if header else ""))
    elif header:
        parts.append(f"kolom {header}")
    return ", ".join(parts)


def master_problem_line(location: str, message: str) -> str:
    return f"• {location}: {message}"


def master_invalid(lines: list[str], source_name: str | None) -> str:
    source = f" dari {source_name}" if source_name else ""
    return "\n".join([
        f"❌ Data master{source} tidak diimpor. Ditemukan {len(lines)} masalah:",
        *lines,
        "Tidak ada data yang disimpan. Perbaiki berkas, lalu impor ulang.",
    ])


def master_imported(
    *, year: int, version: int, label: str, created: bool, source_name: str | None,
    goals: int, indicators: int, programs: int, activities: int, sub_activities: int,
    total_budget: object, divisions: list[tuple[str, int, int, object]],
    warnings: list[str],
) -> str:
    """The import's outcome: a new version with its counts, or "nothing changed"."""
    from decimal import Decimal

    from bot.formatting import money

    def rupiah(value: object) -> str:
        return money(Decimal(str(value)))

    if created:
        lines = [f"✅ Data master Tahun {year} tersimpan sebagai {label} (versi {version})."]
    else:
        lines = [f"ℹ️ Isi berkas sama dengan data master Tahun {year} yang terakhir tersimpan "
                 f"({label}, versi {version}). Tidak ada versi baru."]
    if source_name:
        lines.append(f"Sumber: {source_name}")
    lines += [
        f"Sasaran strategis: {goals} · Indikator kinerja: {indicators}",
        f"Anggaran: {programs} program · {activities} kegiatan · {sub_activities} sub kegiatan "
        f"· total pagu {rupiah(total_budget)}",
        "",
        "Per Bidang:",
    ]
    lines += [f"• {name}: {count} indikator, {subs} sub kegiatan, pagu {rupiah(budget)}"
              for name, count, subs, budget in divisions]
    if warnings:
        lines += ["", f"Catatan ({len(warnings)}):", *warnings]
    return "\n".join(lines)


MASTER_CLI_HELP: dict[str, str] = {
    "template": "buat template Excel: template master",
    "template.master": "tulis template Excel data master (Perjanjian Kinerja, Rencana Aksi, "
                       "anggaran)",
    "template.out": "nama berkas hasil (bawaan: template-data-master.xlsx)",
    "template.sample": "tulis contoh data master Dinas BMCKTR yang sudah terisi",
    "template.year": "tahun pada judul contoh/template",
    "import": "impor data dari berkas Excel: import master",
    "import.master": "impor data master satu tahun dari berkas .xlsx",
    "import.file": "berkas .xlsx yang diisi dari template",
    "import.year": "tahun Perjanjian Kinerja, misalnya 2026",
}


def cli_master_template_written(path: str, sample: bool, divisions: list[str]) -> str:
    what = "Contoh data master" if sample else "Template data master"
    lines = [f"✅ {what} ditulis ke {path}"]
    if divisions:
        lines.append("Pilihan Bidang: " + ", ".join(divisions))
    lines.append("Setelah diisi, impor dengan: sakip-bot import master "
                 f"{path} --year TAHUN")
    return "\n".join(lines)


def cli_master_file_missing(path: str) -> str:
    return f"Berkas {path} tidak ditemukan atau tidak dapat dibaca."


def cli_master_bad_year(value: str) -> str:
    return f"Tahun \"{value}\" tidak valid; tulis empat angka, misalnya 2026."


def cli_master_cannot_write(path: str) -> str:
    return f"Berkas {path} tidak dapat ditulis. Periksa nama folder dan izin aksesnya."


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


# Which agency a command is for: worded by ``cli_error``, whatever the command.
AGENCY_REASONS = frozenset({Reason.NO_AGENCY, Reason.UNKNOWN_AGENCY, Reason.AGENCY_AMBIGUOUS})


def archive_error(error: errors.WorkflowError) -> str:
    """Why an archive could not be made or fetched."""
    return cli_error(error)


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
