"""Every user-facing string, in Bahasa Indonesia: short, polite, and in one place."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from bot.domain import errors
from bot.domain.sop import DOCUMENT_LABELS, ROLE_LABELS, DocumentKind, Role, Step, StepKey
from bot.formatting import datetime_long, datetime_short, file_size, period_label

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
BTN_EDIT_FIGURES = "✏️ Ubah isian"
BTN_ATTACH = "📎 Lampirkan berkas"
BTN_RETURN_TO_TEAM = "Tim SAKIP (susun ulang)"
BTN_SEND_RETURN = "📨 Kirim pengembalian"

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
CANCELLED = "Baik, dibatalkan. Isian yang sudah tersimpan tidak hilang. Ketik /tugas untuk melanjutkan."
NOTHING_TO_CANCEL = "Tidak ada proses yang sedang berjalan."
UNKNOWN_INPUT = "Mohon maaf, pesan ini tidak saya pahami. Ketik /bantuan untuk petunjuk."
ALREADY_HANDLED = "Tombol ini sudah digunakan. Tidak ada yang berubah."
PLEASE_USE_BUTTONS = "Silakan pilih salah satu tombol di atas, atau ketik /batal."
SERVER_ERROR = "Mohon maaf, terjadi gangguan. Isian Anda tetap tersimpan; silakan coba lagi."
NO_TASKS = "Tidak ada tugas yang menunggu Anda saat ini. Terima kasih 🙏"
NO_OPEN_CYCLE = "Belum ada siklus pengukuran kinerja yang berjalan."
EXPECT_TEXT = "Mohon kirim jawaban berupa teks."
EXPECT_FILE = "Mohon kirim berkas (PDF, Excel, Word, atau foto)."
FILE_TOO_BIG = "Berkas terlalu besar (maksimal 20 MB). Silakan kirim berkas yang lebih kecil."
FILE_TYPE_REFUSED = "Jenis berkas ini tidak diterima. Kirim PDF, Excel, Word, atau foto."

COMMANDS: tuple[tuple[str, str], ...] = (
    ("tugas", "Tugas saya yang menunggu"),
    ("status", "Posisi siklus pengukuran kinerja"),
    ("mulai", "Kepala Dinas: mulai pengukuran kinerja"),
    ("bantuan", "Petunjuk penggunaan"),
    ("batal", "Batalkan proses yang sedang berjalan"),
)


def welcome(name: str, roles: Iterable[str]) -> str:
    return (
        f"Selamat datang, {name}. 🙏\n"
        f"Peran Anda: {', '.join(roles)}.\n\n"
        "Saya akan memandu Anda pada setiap langkah SOP Pengukuran Kinerja.\n"
        "Ketik /tugas untuk melihat tugas Anda, atau /bantuan untuk petunjuk."
    )


def invite_error(reason: str) -> str:
    return {
        "invite_unknown": "Kode undangan tidak dikenal. Mohon periksa kembali kodenya.",
        "invite_used": "Kode undangan ini sudah digunakan. Silakan minta kode baru kepada admin.",
        "invite_expired": "Kode undangan ini sudah kedaluwarsa. Silakan minta kode baru.",
        "already_bound": "Akun Telegram ini sudah terdaftar untuk pengguna lain.",
    }.get(reason, "Kode undangan tidak dapat digunakan.")


def help_text(roles: Iterable[str]) -> str:
    lines = [
        "📘 Petunjuk sakip-bot",
        "",
        "Bot ini menjalankan SOP Pengukuran Kinerja, langkah demi langkah. Setiap kali giliran "
        "Anda tiba, saya kirimkan pesan dengan tombol ▶️ Mulai.",
        "",
        "/tugas — tugas Anda yang menunggu, dengan batas waktunya",
        "/status — posisi siklus dan siapa yang sedang ditunggu",
        "/batal — hentikan proses; isian yang tersimpan tidak hilang",
    ]
    if ROLE_LABELS[Role.HEAD] in roles:
        lines.append("/mulai — mulai pengukuran kinerja satu triwulan")
    return "\n".join(lines)


def role_label(role: str, division_name: str | None = None) -> str:
    label = ROLE_LABELS[Role(role)]
    return f"{label} {division_name}" if division_name and role == Role.DIVISION else label


def doc_label(kind: str) -> str:
    return DOCUMENT_LABELS[DocumentKind(kind)]


# --- refusals ------------------------------------------------------------------------------------
def error_message(error: errors.WorkflowError) -> str:
    p = error.params
    if isinstance(error, errors.NotAllowed):
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
    if isinstance(error, errors.CycleClosed):
        return f"Siklus {period_label(p['year'], p['quarter'])} sudah diarsipkan dan tidak dapat diubah."
    reason = p.get("reason")
    return {
        "note_required": "Mohon tuliskan catatan pengembalian.",
        "unknown_division": "Bidang tidak dikenal.",
        "unknown_run": "Tugas ini tidak ditemukan.",
        "figures_required": "Mohon isi realisasi terlebih dahulu.",
        "evidence_required": "Mohon lampirkan minimal satu data dukung.",
        "file_type": FILE_TYPE_REFUSED,
        "file_too_big": FILE_TOO_BIG,
        "file_required": EXPECT_FILE,
        "attendees_required": "Mohon pilih minimal satu peserta rapat.",
        "directions_required": "Mohon tuliskan pokok-pokok arahan rapat.",
        "unknown_attendee": "Peserta rapat tidak dikenal.",
        "no_return_target": "Mohon pilih minimal satu tujuan pengembalian.",
    }.get(str(reason), "Mohon maaf, isian tidak dapat digunakan. Silakan periksa kembali.")


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
    return f"• {period}: Langkah {number}. {title}{part}\n  Batas {datetime_short(due_at)}{flag}"


def tasks_header(count: int) -> str:
    return f"📋 Anda memiliki {count} tugas:"


def status_header(year: int, quarter: int, archived: bool) -> str:
    state = "🗄️ diarsipkan" if archived else "⏳ berjalan"
    return f"📊 Pengukuran Kinerja {period_label(year, quarter)} — {state}"


def status_line(number: int, label: str, state: str, detail: str) -> str:
    icon = {"done": "✅", "active": "⏳", "waiting": "▫️", "overdue": "⚠️"}[state]
    return f"{icon} {number}. {label}" + (f" — {detail}" if detail else "")


def waiting_for(names: list[str], due_at: datetime, overdue: bool) -> str:
    who = ", ".join(names) if names else "belum ada petugas"
    late = " (terlambat)" if overdue else ""
    return f"menunggu {who}, batas {datetime_short(due_at)}{late}"


def done_by(name: str | None, at: datetime | None) -> str:
    return f"{name or '-'}, {datetime_short(at)}" if at else ""


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
        f"Lampiran: {analysis_name}\n\nNota akan dikirim kepada Sekretaris."
    )


def memo_issued(year: int, quarter: int) -> str:
    return (f"✅ Nota Kepala Dinas {period_label(year, quarter)} telah diterbitkan dan "
            "dikirim kepada Sekretaris. Terima kasih.")


# --- step 2: briefing ---------------------------------------------------------------------------
ASK_MEETING_DATE = "Kapan rapat arahan dengan Tim SAKIP dilaksanakan? Pilih, atau ketik tanggal (contoh: 11-01-2024)."
BAD_DATE = "Tanggal tidak dikenali. Contoh penulisan: 11-01-2024. Tanggal tidak boleh di masa depan."
ASK_ATTENDEES = "Siapa saja anggota Tim SAKIP yang hadir? Sentuh nama untuk memilih, lalu ✔️ Selesai."
NO_ATTENDEES = "Mohon pilih minimal satu peserta rapat."
ASK_DIRECTIONS = "Tuliskan pokok-pokok arahan rapat (boleh beberapa baris)."
ASK_MINUTES_FILE = "Ada berkas notulen/foto rapat yang ingin dilampirkan? Kirim berkasnya, atau tekan ⏭️ Lewati."


def confirm_minutes(date_text: str, attendees: list[str], directions: str, attachment: str | None) -> str:
    return (
        "Mohon periksa Notulen Rapat:\n"
        f"📅 Tanggal: {date_text}\n"
        f"👥 Peserta: {', '.join(attendees)}\n"
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


def forms_ready(divisions: list[str]) -> str:
    return "Format yang akan dibuat:\n" + "\n".join(f"• {d}" for d in divisions)


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
