"""A filled master-data workbook for the demo agency (Dinas BMCKTR Provinsi Sumatera Barat).

The figures are realistic in size and shape, not official: four strategic goals, thirteen
indicators over the Sekretariat and the three Bidang (every direction and accumulation kind,
cumulative and per-quarter targets, one quarter without a target, a stabil band), and a DPA tree
of 6 programs, 8 kegiatan and 12 sub kegiatan with cumulative quarterly financial targets.
Program and kegiatan pagu and targets are the sums of their sub kegiatan, rounded to the rupiah.

The workbook is generated rather than shipped, so that it always matches the template.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from bot.domain.clock import to_local, utcnow
from bot.domain.master_rules import key_of
from reports.master_template import master_workbook, write_rows
from reports.sheets import to_bytes

DIVISIONS = ("Sekretariat", "Bina Marga", "Cipta Karya", "Tata Ruang")

GOALS: tuple[dict[str, object], ...] = (
    {"code": "SS1", "name": "Meningkatnya kemantapan dan konektivitas jaringan jalan dan "
                            "jembatan provinsi"},
    {"code": "SS2", "name": "Meningkatnya akses masyarakat terhadap air minum, sanitasi dan "
                            "permukiman yang layak"},
    {"code": "SS3", "name": "Meningkatnya kualitas perencanaan dan pengendalian pemanfaatan "
                            "ruang"},
    {"code": "SS4", "name": "Meningkatnya akuntabilitas kinerja dan tata kelola Dinas"},
)


def _d(text: str) -> Decimal:
    return Decimal(text)


def _indicator(code: str, goal: str, name: str, unit: str, direction: str,
               accumulation: str, cumulative: bool, decimals: int, annual: str,
               quarters: tuple[str | None, str | None, str | None, str | None],
               division: str, note: str, low: str | None = None,
               high: str | None = None) -> dict[str, object]:
    return {
        "code": code, "goal_code": goal, "name": name, "unit": unit, "direction": direction,
        "range_low": _d(low) if low else None, "range_high": _d(high) if high else None,
        "accumulation": accumulation, "cumulative_targets": "ya" if cumulative else "tidak",
        "decimals": decimals, "allow_negative": "tidak", "annual_target": _d(annual),
        **{f"target_q{q}": (_d(v) if v is not None else None)
           for q, v in zip((1, 2, 3, 4), quarters, strict=True)},
        "division": division, "formula_note": note,
    }


INDICATORS: tuple[dict[str, object], ...] = (
    _indicator("IK1.1", "SS1", "Persentase panjang jalan provinsi dalam kondisi mantap", "%",
               "naik", "nilai akhir", True, 2, "82.50", ("79.80", "80.40", "81.50", "82.50"),
               "Bina Marga", "Panjang jalan kondisi baik dan sedang / panjang jalan provinsi "
               "× 100 (survei kondisi jalan)"),
    _indicator("IK1.2", "SS1", "Panjang jalan provinsi yang ditingkatkan/direkonstruksi", "km",
               "naik", "akumulasi", True, 2, "48.60", ("0", "12.50", "31.20", "48.60"),
               "Bina Marga", "Jumlah panjang ruas yang selesai dikerjakan s.d. triwulan"),
    _indicator("IK1.3", "SS1", "Jumlah jembatan yang dibangun atau diganti", "unit", "naik",
               "akumulasi", False, 0, "6", ("0", "1", "2", "3"), "Bina Marga",
               "Jembatan dengan berita acara serah terima pekerjaan pada triwulan itu"),
    _indicator("IK1.4", "SS1", "Persentase panjang jalan provinsi dalam kondisi rusak berat",
               "%", "turun", "nilai akhir", True, 2, "7.80", ("9.20", "8.90", "8.40", "7.80"),
               "Bina Marga", "Panjang jalan rusak berat / panjang jalan provinsi × 100"),
    _indicator("IK2.1", "SS2", "Persentase rumah tangga dengan akses air minum layak", "%",
               "naik", "nilai akhir", True, 2, "89.50", ("88.10", "88.60", "89.00", "89.50"),
               "Cipta Karya", "Data SPAM terbangun dan Susenas BPS"),
    _indicator("IK2.2", "SS2", "Persentase rumah tangga dengan akses sanitasi layak", "%",
               "naik", "nilai akhir", True, 2, "80.25", ("78.90", "79.30", "79.80", "80.25"),
               "Cipta Karya", "Data SPALD terbangun dan Susenas BPS"),
    _indicator("IK2.3", "SS2", "Luas kawasan permukiman kumuh kewenangan provinsi", "ha",
               "turun", "nilai akhir", True, 2, "412.35",
               ("438.10", "431.60", "422.75", "412.35"), "Cipta Karya",
               "Luas kumuh menurut SK Gubernur dikurangi kawasan yang sudah ditangani"),
    _indicator("IK3.1", "SS3", "Jumlah dokumen rencana tata ruang yang disusun", "dokumen",
               "naik", "akumulasi", True, 0, "3", ("0", "1", "1", "3"), "Tata Ruang",
               "Dokumen RTRW/RDTR yang telah mendapat persetujuan substansi"),
    _indicator("IK3.2", "SS3", "Indeks kesesuaian pemanfaatan ruang", "indeks", "stabil",
               "nilai akhir", False, 2, "92.50", ("92.00", "92.00", "92.50", "92.50"),
               "Tata Ruang", "Hasil audit tata ruang; terbaik di antara 90 dan 95",
               low="90", high="95"),
    _indicator("IK3.3", "SS3", "Persentase rekomendasi KKPR yang diterbitkan tepat waktu", "%",
               "naik", "rata-rata", False, 2, "90", ("85", "90", "92.50", "92.50"),
               "Tata Ruang", "Rekomendasi tepat waktu / rekomendasi diterbitkan × 100"),
    _indicator("IK4.1", "SS4", "Nilai hasil evaluasi SAKIP Dinas", "nilai", "naik",
               "nilai akhir", False, 2, "75", (None, None, "75", None), "Sekretariat",
               "Nilai evaluasi AKIP oleh Inspektorat (diumumkan triwulan III)"),
    _indicator("IK4.2", "SS4", "Persentase realisasi anggaran Dinas", "%", "naik",
               "nilai akhir", True, 2, "95", ("15", "40", "70", "95"), "Sekretariat",
               "Realisasi keuangan s.d. triwulan / pagu DPA × 100"),
    _indicator("IK4.3", "SS4", "Persentase dokumen perencanaan dan pelaporan kinerja yang "
               "tepat waktu", "%", "naik", "rata-rata", False, 2, "100",
               ("100", "100", "100", "100"), "Sekretariat",
               "Dokumen tepat waktu / dokumen wajib pada triwulan itu × 100"),
)

# Program → kegiatan → sub kegiatan, with the sub kegiatan's pagu (Rp), division, indicators and
# cumulative financial plan (share of pagu s.d. TW I–IV).
_TREE = (
    ("1.03.01", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH PROVINSI", "Sekretariat", (
        ("1.03.01.2.01", "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah", (
            ("1.03.01.2.01.0001", "Penyusunan Dokumen Perencanaan Perangkat Daerah",
             425_000_000, "IK4.3", "A"),
            ("1.03.01.2.01.0006", "Koordinasi dan Penyusunan Laporan Capaian Kinerja dan "
             "Ikhtisar Realisasi Kinerja SKPD", 310_000_000, "IK4.1, IK4.3", "A"),
        )),
        ("1.03.01.2.02", "Administrasi Keuangan Perangkat Daerah", (
            ("1.03.01.2.02.0001", "Penyediaan Gaji dan Tunjangan ASN", 18_750_000_000,
             "IK4.2", "R"),
        )),
    )),
    ("1.03.10", "PROGRAM PENYELENGGARAAN JALAN", "Bina Marga", (
        ("1.03.10.2.01", "Penyelenggaraan Jalan Provinsi", (
            ("1.03.10.2.01.0017", "Rekonstruksi Jalan", 62_400_000_000, "IK1.1, IK1.2, IK1.4",
             "C"),
            ("1.03.10.2.01.0024", "Pemeliharaan Rutin Jalan", 38_250_000_000, "IK1.1, IK1.4",
             "R"),
            ("1.03.10.2.01.0033", "Pembangunan Jembatan", 27_800_000_000, "IK1.3", "C"),
        )),
    )),
    ("1.03.03", "PROGRAM PENGELOLAAN DAN PENGEMBANGAN SISTEM PENYEDIAAN AIR MINUM",
     "Cipta Karya", (
         ("1.03.03.2.01", "Pengelolaan dan Pengembangan SPAM Lintas Kabupaten/Kota", (
             ("1.03.03.2.01.0001", "Pembangunan SPAM Jaringan Perpipaan", 21_500_000_000,
              "IK2.1", "C"),
         )),
     )),
    ("1.03.05", "PROGRAM PENGEMBANGAN SISTEM DAN PENGELOLAAN AIR LIMBAH", "Cipta Karya", (
        ("1.03.05.2.01", "Pengelolaan dan Pengembangan Sistem Air Limbah Domestik Regional", (
            ("1.03.05.2.01.0001", "Pembangunan SPALD Terpusat", 12_350_000_000, "IK2.2", "C"),
        )),
    )),
    ("1.04.02", "PROGRAM KAWASAN PERMUKIMAN", "Cipta Karya", (
        ("1.04.02.2.02", "Penataan dan Peningkatan Kualitas Kawasan Permukiman Kumuh", (
            ("1.04.02.2.02.0001", "Peningkatan Kualitas Kawasan Permukiman Kumuh dengan Luas "
             "10 (sepuluh) Ha sampai dengan di bawah 15 (lima belas) Ha", 9_875_000_000,
             "IK2.3", "C"),
        )),
    )),
    ("1.03.11", "PROGRAM PENYELENGGARAAN PENATAAN RUANG", "Tata Ruang", (
        ("1.03.11.2.01", "Penetapan Rencana Tata Ruang Wilayah (RTRW) dan Rencana Rinci Tata "
         "Ruang (RRTR) Provinsi", (
             ("1.03.11.2.01.0001", "Penyusunan Rencana Tata Ruang Wilayah Provinsi",
              2_150_000_000, "IK3.1", "A"),
             ("1.03.11.2.01.0002", "Penyusunan Rencana Detail Tata Ruang Kawasan Strategis "
              "Provinsi", 1_200_000_000, "IK3.1", "A"),
         )),
        ("1.03.11.2.03", "Koordinasi dan Sinkronisasi Pemanfaatan Ruang Provinsi", (
            ("1.03.11.2.03.0001", "Pelaksanaan Kesesuaian Kegiatan Pemanfaatan Ruang",
             850_000_000, "IK3.2, IK3.3", "A"),
        )),
    )),
)

# Cumulative spending plans: routine (salaries, upkeep), construction, administrative.
_PLANS: dict[str, tuple[str, str, str, str]] = {
    "R": ("0.24", "0.49", "0.74", "0.98"),
    "C": ("0.08", "0.30", "0.65", "0.97"),
    "A": ("0.15", "0.45", "0.75", "0.96"),
}


def _targets(budget: int, plan: str) -> list[Decimal]:
    return [(Decimal(budget) * Decimal(share)).quantize(Decimal(1), rounding=ROUND_HALF_UP)
            for share in _PLANS[plan]]


def budget_rows() -> list[dict[str, object]]:
    """The Anggaran sheet: each program, then its kegiatan, each followed by its sub kegiatan."""
    rows: list[dict[str, object]] = []
    for program_code, program_name, program_division, activities in _TREE:
        program_row: dict[str, object] = {"level": "program", "code": program_code,
                                          "name": program_name,
                                          "division": program_division}
        rows.append(program_row)
        program_sums = [Decimal(0)] * 5
        for activity_code, activity_name, subs in activities:
            activity_row: dict[str, object] = {"level": "kegiatan", "code": activity_code,
                                               "parent_code": program_code,
                                               "name": activity_name}
            rows.append(activity_row)
            sums = [Decimal(0)] * 5
            for code, name, budget, indicators, plan in subs:
                targets = _targets(budget, plan)
                rows.append({"level": "sub kegiatan", "code": code,
                             "parent_code": activity_code, "name": name,
                             "division": program_division, "budget": Decimal(budget),
                             **{f"target_q{q}": t for q, t in zip((1, 2, 3, 4), targets,
                                                                   strict=True)},
                             "indicator_codes": indicators})
                for index, value in enumerate([Decimal(budget), *targets]):
                    sums[index] += value
            _set_amounts(activity_row, sums)
            program_sums = [a + b for a, b in zip(program_sums, sums, strict=True)]
        _set_amounts(program_row, program_sums)
    return rows


def _set_amounts(row: dict[str, object], sums: list[Decimal]) -> None:
    row["budget"] = sums[0]
    for quarter, value in zip((1, 2, 3, 4), sums[1:], strict=True):
        row[f"target_q{quarter}"] = value


def sample_master(year: int | None = None, divisions: tuple[str, ...] = DIVISIONS) -> bytes:
    """The filled workbook; ``year`` only titles the Petunjuk (default: this year)."""
    book = master_workbook(year=year or to_local(utcnow()).year, divisions=divisions)
    write_rows(book, "goals", GOALS)
    write_rows(book, "indicators", INDICATORS)
    write_rows(book, "budget", budget_rows())
    return to_bytes(book)


def expected_counts() -> dict[str, int]:
    """What importing the sample creates, for tests and the demo."""
    rows = budget_rows()
    levels = [key_of(str(row["level"])) for row in rows]
    return {"goals": len(GOALS), "indicators": len(INDICATORS),
            "programs": levels.count("program"), "activities": levels.count("kegiatan"),
            "sub_activities": levels.count("sub kegiatan")}
