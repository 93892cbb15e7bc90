"""Indonesian formats and the shaping of long chat messages."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.formatting import (
    date_long,
    datetime_long,
    money,
    names_list,
    number,
    split_text,
    telegram_length,
)


def test_numbers_money_and_dates_in_indonesian() -> None:
    assert number(1234.5, 1) == "1.234,5"
    assert number(-1234567.891) == "-1.234.567,89"
    assert money(1250000) == "Rp 1.250.000" and money(1250000.5) == "Rp 1.250.000,50"
    assert date_long(datetime(2024, 1, 11).date()) == "11 Januari 2024"
    assert datetime_long(datetime(2024, 1, 11, 1, 30, tzinfo=UTC)) == (
        "Kamis, 11 Januari 2024 pukul 08.30 WIB")


def test_long_lists_of_names_are_shortened() -> None:
    assert names_list(["A", "B"]) == "A, B"
    assert names_list([f"P{i}" for i in range(200)]) == "P0, P1, P2 dan 197 lainnya"


def test_long_messages_are_split_between_lines_within_the_limit() -> None:
    lines = [f"• Bidang {i}: menunggu seseorang yang cukup panjang namanya" for i in range(300)]
    pieces = split_text("\n".join(lines))
    assert len(pieces) > 1 and all(len(p) <= 4096 for p in pieces)
    assert "\n".join(pieces) == "\n".join(lines), "nothing lost, nothing reordered"
    assert split_text("x" * 5000) == ["x" * 4096, "x" * 904]
    assert split_text("") == [""]


def test_long_text_is_cut_as_telegram_counts_emoji_as_two() -> None:
    line = "👍👍 Arahan: lengkapi data dukung tepat waktu."
    text = "\n".join([line] * 100)
    pieces = split_text(text)
    assert len(text) < 4096 * 2 and len(pieces) >= 2
    assert all(telegram_length(piece) <= 4096 for piece in pieces)
    assert "\n".join(pieces) == text, "nothing lost, cut between lines"
    emoji = "👍" * 3000  # one line of 6.000 units
    cut = split_text(emoji)
    assert [telegram_length(p) for p in cut] == [4096, 1904] and "".join(cut) == emoji
