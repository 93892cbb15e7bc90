"""What the admin reads at the command line (``sakip-bot``): help, results and warnings."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal

from bot.formatting import (
    date_long,
    datetime_long,
    datetime_medium,
    number,
    period_label,
    shown_decimals,
)
from bot.texts.chat import DELEGATION_STATUS, PREDIKAT_LABELS

__all__ = [
    "CLI_AGENCIES_HEADER",
    "CLI_CODE_REQUIRED",
    "CLI_COMMANDS",
    "CLI_DELEGATIONS_HEADER",
    "CLI_DEMO_NEEDS_SOURCE",
    "CLI_DESCRIPTION",
    "CLI_DIVISION_IGNORED",
    "CLI_EMPTY",
    "CLI_HELP",
    "CLI_HELP_OPTION",
    "CLI_INVITE_INACTIVE",
    "CLI_INVITE_ROLES_IGNORED",
    "CLI_INVITE_ROLE_REQUIRED",
    "CLI_NAME_EMPTY",
    "CLI_NIP_REASONS",
    "CLI_NO",
    "CLI_NO_DELEGATIONS",
    "CLI_NO_USERS",
    "CLI_OPTIONS",
    "CLI_POSITIONALS",
    "CLI_TOKEN_REJECTED",
    "CLI_UPDATE_NOTHING",
    "CLI_USAGE_PHRASES",
    "CLI_USAGE_PREFIX",
    "CLI_USERS_HEADER",
    "CLI_YES",
    "TELEGRAM_UNREACHABLE_AT_START",
    "assessment_lines",
    "cli_active_changed",
    "cli_agency_code_mismatch",
    "cli_agency_cycle",
    "cli_agency_ready",
    "cli_bad_agency_code",
    "cli_bad_id",
    "cli_bad_moment",
    "cli_bad_settings",
    "cli_bad_webhook",
    "cli_database_error",
    "cli_db_current",
    "cli_db_history",
    "cli_db_upgraded",
    "cli_delegation_added",
    "cli_delegation_ended",
    "cli_delegation_row",
    "cli_duplicate_cycles",
    "cli_invite",
    "cli_invite_rebind",
    "cli_name_taken",
    "cli_nip_warning",
    "cli_outbox_list",
    "cli_outbox_retried",
    "cli_profile",
    "cli_schema_behind",
    "cli_schema_unknown",
    "cli_unknown_role",
    "cli_usage_error",
    "cli_user_added",
    "cli_user_updated",
    "cli_written",
    "undeliverable_notice",
]


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
CLI_DEMO_NEEDS_SOURCE = ("Demo memerlukan salinan sumber sakip-bot (git clone), karena stand-in Bot "
                         "API tidak ikut terpasang. Jalankan dari folder sumber: python3 -m bot demo")
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
