"""Indonesian formats for dates, numbers and money; times in the local zone (bot.domain.clock)."""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from bot.domain.clock import to_local, zone_label
from bot.domain.master_rules import decimals_of

MONTHS = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
    "Oktober", "November", "Desember",
)
DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def quarter_label(quarter: int) -> str:
    """``Triwulan II`` for 2."""
    return f"Triwulan {ROMAN[quarter]}"


def period_label(year: int, quarter: int) -> str:
    return f"{quarter_label(quarter)} Tahun {year}"


def date_long(day: date) -> str:
    """``11 Januari 2024``."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def place_date(place: str | None, day: date | None) -> str | None:
    """``Padang, 11 Januari 2024`` (the date alone without a place), the line that dates a
    signature; ``None`` without a day. One function, so the workbook and the PDF of a report
    date their signature alike."""
    if day is None:
        return None
    return f"{place}, {date_long(day)}" if place else date_long(day)


def datetime_long(moment: datetime) -> str:
    """A stored time as ``Senin, 11 Januari 2024 pukul 08.30 WIB`` (WITA, WIT: the zone's)."""
    local = to_local(moment)
    return (f"{DAYS[local.weekday()]}, {date_long(local.date())} pukul {local:%H.%M} "
            f"{zone_label(moment)}")


def datetime_short(moment: datetime) -> str:
    """A stored time as ``11 Jan 08.30``, for lists."""
    local = to_local(moment)
    return f"{local.day} {MONTHS[local.month - 1][:3]} {local:%H.%M}"


def datetime_medium(moment: datetime) -> str:
    """A stored time as ``11 Jan 2024 08.30``, for tables that span years."""
    local = to_local(moment)
    return f"{local.day} {MONTHS[local.month - 1][:3]} {local.year} {local:%H.%M}"


def number(value: float | Decimal | int, decimals: int = 2) -> str:
    """``1.234,5`` style, rounding half up to ``decimals`` places."""
    quantum = Decimal(1).scaleb(-decimals)
    rounded = Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if rounded < 0 else ""
    whole, _, fraction = f"{abs(rounded):f}".partition(".")
    groups = f"{int(whole):,}".replace(",", ".")
    return f"{sign}{groups},{fraction}" if fraction else f"{sign}{groups}"


def as_decimal(value: Decimal | float | int | None) -> Decimal | None:
    """A number as ``Decimal`` (floats through their shortest repr); NaN and None → None."""
    if value is None:
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    result = value if isinstance(value, Decimal) else Decimal(str(value))
    return result if result.is_finite() else None


def shown_decimals(value: Decimal, limit: int = 4) -> int:
    """The decimals ``value`` carries (``10.50`` → 1), at most ``limit``: how a report shows a
    figure whose indicator sets no precision, in the workbook's format code and in the PDF."""
    return min(decimals_of(value), limit)


def money(value: float | Decimal | int) -> str:
    """``Rp 1.250.000``; cents only when there are any."""
    rounded = Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    decimals = 0 if rounded == rounded.to_integral_value() else 2
    return f"Rp {number(rounded, decimals)}"


def format_nip(nip: str) -> str:
    """``197209251998031003`` → ``19720925 199803 1 003``; any other number stays as typed."""
    digits = re.sub(r"\s", "", nip)
    if len(digits) == 18 and digits.isdigit():
        return f"{digits[:8]} {digits[8:14]} {digits[14]} {digits[15:]}"
    return nip.strip()


def file_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{number(size / 1024, 1)} KB"
    return f"{number(size / (1024 * 1024), 1)} MB"


def names_list(names: list[str], shown: int = 3) -> str:
    """``A, B, C dan 5 lainnya``: long lists stay readable on a phone."""
    if len(names) <= shown:
        return ", ".join(names)
    return f"{', '.join(names[:shown])} dan {len(names) - shown} lainnya"


def telegram_length(text: str) -> int:
    """Length as Telegram counts it: UTF-16 code units (an emoji is two)."""
    return len(text.encode("utf-16-le")) // 2


def split_text(text: str, limit: int = 4096) -> list[str]:
    """Pieces Telegram accepts (at most ``limit`` UTF-16 units), cut between lines where
    possible."""
    pieces: list[str] = []
    current = ""
    for line in text.split("\n"):
        while telegram_length(line) > limit:
            if current:
                pieces.append(current)
                current = ""
            head = _fitting(line, limit)
            pieces.append(head)
            line = line[len(head):]
        candidate = f"{current}\n{line}" if current else line
        if telegram_length(candidate) > limit:
            pieces.append(current)
            current = line
        else:
            current = candidate
    if current or not pieces:
        pieces.append(current)
    return pieces


def _fitting(line: str, limit: int) -> str:
    """The longest start of ``line`` within ``limit`` UTF-16 units."""
    used = 0
    for index, character in enumerate(line):
        used += 2 if ord(character) > 0xFFFF else 1
        if used > limit:
            return line[:index]
    return line
