"""Reading numbers as Indonesian officials type them: a hand-written table and properties."""

from __future__ import annotations

import csv
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot import texts
from bot.domain import errors
from bot.domain.numbers import (
    Expected,
    InvalidNumber,
    NumberProblem,
    NumberReading,
    parse_money,
    parse_number,
    parse_value,
    read_number,
)
from bot.formatting import money, number

D = Decimal
CASES = Path(__file__).parent / "data" / "numbers_cases.csv"


def _rows() -> list[dict[str, str]]:
    with CASES.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return list(csv.DictReader(lines))


def _call(row: dict[str, str]) -> Decimal:
    if row["call"] == "number":
        return parse_number(row["text"])
    if row["call"] == "money":
        return parse_money(row["text"])
    return parse_value(row["text"], decimals=int(row["decimals"]),
                       allow_negative=row["allow_negative"] == "true",
                       percent_ok=row["percent_ok"] != "false", unit=row["unit"] or None)


@pytest.mark.parametrize("row", _rows(), ids=lambda row: f"{row['call']}:{row['text']!r}")
def test_number_table(row: dict[str, str]) -> None:
    if row["error"]:
        with pytest.raises(InvalidNumber) as caught:
            _call(row)
        assert caught.value.reason is NumberProblem(row["error"])
    else:
        assert _call(row) == D(row["expected"])


def test_table_covers_every_problem() -> None:
    assert {row["error"] for row in _rows() if row["error"]} == set(NumberProblem)


def test_ambiguous_single_dot_reads_as_thousands() -> None:
    assert parse_number("1.234") == 1234  # the Indonesian default, documented
    assert parse_number("1,234") == D("1.234")  # a comma is always a decimal mark
    assert parse_number("1.23") == D("1.23")  # not three digits after the dot: decimal
    assert parse_number("0.234") == D("0.234")  # 0 cannot head a thousands group


def test_value_and_money_are_returned_with_the_unit_precision() -> None:
    assert str(parse_value("87,5", decimals=2)) == "87.50"
    assert str(parse_value("1,25 M", decimals=0)) == "1250000000"
    assert str(parse_money("Rp 1.250.000")) == "1250000.00"
    assert str(parse_money("1,25 M")) == "1250000000.00"
    assert str(parse_value("-0", decimals=1)) == "0.0"
    assert str(parse_number("1,25 M")) == "1250000000"  # no exponent notation


def test_reading_reports_the_marks() -> None:
    assert read_number("87,5%") == NumberReading(D("87.5"), percent=True)
    assert read_number("Rp 300 jt") == NumberReading(D(300_000_000), rupiah=True, scale=6)
    assert read_number("42") == NumberReading(D(42))


def test_error_is_a_typed_invalid_input_with_params() -> None:
    with pytest.raises(errors.InvalidInput) as caught:
        parse_value("1,555", decimals=2)
    error = caught.value
    assert isinstance(error, InvalidNumber)
    assert error.key == "invalid_number"
    assert error.params == {"reason": NumberProblem.DECIMALS, "text": "1,555",
                            "expected": Expected.NUMBER, "decimals": 2}
    with pytest.raises(InvalidNumber) as long_text:
        parse_number("x" * 500)
    assert len(long_text.value.params["text"]) == 40
    with pytest.raises(ValueError):
        parse_value("1", decimals=-1)


@pytest.mark.parametrize(("call", "text", "fragment"), [
    (parse_money, "", "Mohon tuliskan angkanya. Contoh: Rp 1.250.000"),
    (parse_money, "87%", "jumlah uang (Rupiah), bukan persen"),
    (parse_number, "1,234,5", "titik untuk ribuan dan koma untuk desimal. Contoh: 1.234,5"),
    (parse_number, "10 - 12", "satu angka saja"),
    (parse_number, "belum ada", "“belum ada” belum terbaca sebagai angka"),
    (lambda t: parse_value(t, decimals=0), "1,5", "bilangan bulat"),
    (lambda t: parse_value(t, decimals=2), "1,555", "Paling banyak 2 angka di belakang koma"),
    (lambda t: parse_value(t, decimals=1), "-5", "tidak boleh negatif. Contoh: 87,5"),
    (lambda t: parse_value(t, decimals=1, percent_ok=False), "5%", "tanpa tanda %"),
    (parse_number, "Rp 5%", "mencampur satuan"),
    (parse_number, "1000000 T", "terlalu besar"),
])
def test_messages_are_indonesian_with_an_example(call: Callable[[str], Decimal], text: str,
                                                 fragment: str) -> None:
    with pytest.raises(InvalidNumber) as caught:
        call(text)
    message = texts.error_message(caught.value)
    assert fragment in message
    assert "Contoh: " in message


def test_other_refusals_keep_their_messages() -> None:
    note = errors.InvalidInput(reason="note_required")
    assert texts.error_message(note) == "Mohon tuliskan catatan pengembalian."


# --- properties ---------------------------------------------------------------------------------
_places = st.integers(min_value=0, max_value=4)


@given(data=st.data(), places=_places)
def test_formatted_numbers_read_back_exactly(data: st.DataObject, places: int) -> None:
    value = data.draw(st.decimals(min_value=-10**15, max_value=10**15, places=places,
                                  allow_nan=False, allow_infinity=False))
    text = number(value, places)
    assert parse_number(text) == value
    assert parse_value(text, decimals=places, allow_negative=True) == value


@given(st.decimals(min_value=0, max_value=10**15, places=2, allow_nan=False,
                   allow_infinity=False))
def test_formatted_money_reads_back_exactly(value: Decimal) -> None:
    assert parse_money(money(value)) == value
    assert parse_money(money(value).replace("Rp ", "Rp")) == value


@given(st.integers(min_value=-10**17, max_value=10**17))
def test_formatted_integers_read_back(value: int) -> None:
    assert parse_number(number(value, 0)) == value
    assert parse_number(f"{value}") == value


def _never_raises_anything_else(text: str) -> None:
    for call in (parse_number, parse_money,
                 lambda t: parse_value(t, decimals=2),
                 lambda t: parse_value(t, decimals=0, allow_negative=True, percent_ok=False,
                                       unit="m")):
        try:
            result = call(text)
        except InvalidNumber as error:
            assert texts.error_message(error)
        else:
            assert isinstance(result, Decimal)
            assert result.is_finite()
            assert abs(result) < 10**18


@given(st.text())
def test_arbitrary_text_gives_a_number_or_the_typed_error(text: str) -> None:
    _never_raises_anything_else(text)


@given(st.text(alphabet="0123456789.,-−–+% RpMTjtrbmiliarpersnu\u00a0\u200b", max_size=25))
def test_number_like_text_gives_a_number_or_the_typed_error(text: str) -> None:
    _never_raises_anything_else(text)


def test_huge_inputs_are_refused_not_crashed() -> None:
    with pytest.raises(InvalidNumber):
        parse_number("1" * 5000)
    assert parse_number("0" * 5000 + "1") == 1
    assert parse_number("0," + "0" * 5000 + "1") > 0
    with pytest.raises(InvalidNumber):
        parse_value("1," + "0" * 5000 + "1", decimals=2)
    assert parse_value("1," + "0" * 5000, decimals=2) == 1
