"""Refusals: why an action, a number, an invitation or an admin command was refused
(``errors.Reason`` and ``numbers.NumberProblem``, each worded once)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from bot.domain import errors
from bot.domain.errors import Reason
from bot.formatting import (
    period_label,
)
from bot.texts.chat import (
    BTN_APPROVE,
    BTN_RETURN,
    EXPECT_FILE,
    FILE_TOO_BIG,
    FILE_TYPE_REFUSED,
    changed_meanwhile,
    doc_label,
    echo,
    number_example,
)

__all__ = [
    "AGENCY_REASONS",
    "CALENDAR_PROBLEMS",
    "CLI_REFUSALS",
    "INVITE_REASONS",
    "INVITE_REFUSED",
    "LOGO_REFUSED",
    "REFUSALS",
    "REFUSED_INPUT",
    "Refusal",
    "agency_calendar_problem",
    "archive_error",
    "cli_agency_calendar_error",
    "cli_error",
    "error_message",
    "invite_error",
    "number_error",
    "refusal",
]


def invite_error(reason: str) -> str:
    return refusal({"reason": reason}) if reason in INVITE_REASONS else INVITE_REFUSED


INVITE_REASONS = frozenset({Reason.INVITE_UNKNOWN, Reason.INVITE_USED, Reason.INVITE_EXPIRED,
                            Reason.ALREADY_BOUND})
INVITE_REFUSED = "Kode undangan tidak dapat digunakan."


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
    Reason.MONEY_ABOVE_BUDGET: (
        "Angka ini lebih dari dua kali pagu sub kegiatan, sehingga "
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
    Reason.MAY_NOT_DELEGATE: (
        "Plh./Plt. hanya dapat ditunjuk untuk Kepala Dinas, Sekretaris, "
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
    Reason.OTHER_PART: (
        "Format ini milik bagian atau triwulan lain. Gunakan format untuk "
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
    Reason.BAD_YEAR: lambda p: (
        f"Tahun {p.get('year')} tidak dapat dipakai. Tulis tahun antara "
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


def cli_error(error: errors.WorkflowError, *, user_id: int | None = None,
              divisions: Iterable[str] = ()) -> str:
    """A refusal for the admin at the command line, who can be told which command mends it."""
    reason = error.params.get("reason")
    if reason not in CLI_REFUSALS:
        return error_message(error)
    return refusal({**error.params, "user_id": user_id, "divisions": list(divisions)},
                   CLI_REFUSALS)


CLI_REFUSALS: dict[Reason, Refusal] = {
    Reason.NO_AGENCY: (
        "Dinas belum disiapkan. Jalankan terlebih dahulu:\n"
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
    Reason.DIVISION_REQUIRED: (
        "Peran Bidang memerlukan nama Bidang. Tambahkan "
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


# Which agency a command is for: worded by ``cli_error``, whatever the command.
AGENCY_REASONS = frozenset({Reason.NO_AGENCY, Reason.UNKNOWN_AGENCY, Reason.AGENCY_AMBIGUOUS})


def archive_error(error: errors.WorkflowError) -> str:
    """Why an archive could not be made or fetched."""
    return cli_error(error)
