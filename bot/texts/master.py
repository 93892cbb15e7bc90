"""The master-data workbook (Perjanjian Kinerja, Rencana Aksi, anggaran DPA): the template, the
import's messages and summary."""

from __future__ import annotations

from decimal import Decimal

from bot.formatting import (
    file_size,
    money,
    number,
)
from bot.texts.chat import WORKBOOK_REFUSED, _with_limit

__all__ = [
    "MASTER_CHOICES",
    "MASTER_CLI_HELP",
    "MASTER_COLUMNS",
    "MASTER_DECIMALS_ERROR",
    "MASTER_FILE_LABEL",
    "MASTER_GUIDE_GENERAL",
    "MASTER_GUIDE_SHEETS",
    "MASTER_GUIDE_TABLE_HEADER",
    "MASTER_GUIDE_TITLE",
    "MASTER_LABEL_FIRST",
    "MASTER_LABEL_REVISION",
    "MASTER_LIST_ERROR",
    "MASTER_LIST_ERROR_TITLE",
    "MASTER_SAMPLE_FILENAME",
    "MASTER_SHEETS",
    "MASTER_TEMPLATE_FILENAME",
    "MASTER_YEAR_TITLE",
    "cli_master_bad_year",
    "cli_master_cannot_write",
    "cli_master_file_missing",
    "cli_master_template_written",
    "master_imported",
    "master_invalid",
    "master_location",
    "master_message",
    "master_problem_line",
]


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

    from bot.formatting import money as money_text

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
    if "choice" in params:  # the labels of the choice the cell had to be one of
        params = {**params, "allowed": list(MASTER_CHOICES[str(params["choice"])].values())}
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
