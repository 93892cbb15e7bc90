"""Numbers as Indonesian officials type them, read into exact ``Decimal`` values.

Accepted (spaces around the parts are optional, letters in words in any case)::

    1.234.567,89    1234,5    1234.5    1.234    -12,5    −12,5    +3
    87,5%    87.5 %    87,5 persen
    Rp 1.250.000    Rp1.250.000,00    Rp. 1.250.000,-    -Rp 500.000    Rp -500.000
    1.250.000 rupiah
    1,25 M    1,25 miliar    1,25 milyar    2 T    2 triliun
    300 jt    300 juta    5 rb    5 ribu

Separators, Indonesian first:

* a comma is the decimal mark, dots group thousands: ``1.234.567,89``;
* several dots must group exactly three digits each after a head of one to three digits that
  does not start with 0 (``1.234.567``); anything else (``1.23.4``) is refused;
* a **single** dot is a decimal point when what follows is not exactly three digits
  (``1234.5``, ``87.5``, ``1.2345``) or when what precedes cannot head a thousands group
  (``0.500``, ``1234.567``);
* ``1.234`` alone is **ambiguous**: read as one thousand two hundred thirty-four (1234), the
  Indonesian default. Write ``1,234`` for one point two three four;
* one comma alone is always the decimal mark (``1,234`` = 1.234); several commas
  (``1,234,567``, ``1,234,5``) and a comma before a dot (``1,234.5``) are refused rather than
  guessed at;
* ``,-`` after an amount (``Rp 1.250.000,-``) means "no cents".

Scale words multiply: ``rb``/``ribu`` ×10³, ``jt``/``juta`` ×10⁶, ``M``/``miliar``/``milyar``
×10⁹, ``T``/``triliun`` ×10¹². The single letters ``M`` and ``T`` count only in capitals: a
lower-case ``m`` or ``t`` is more likely *meter* or *ton* and is refused as text.

A percent sign (or the word *persen*) leaves the number as it is (``87,5%`` → 87.5): it only
says the official meant percent. ``Rp`` with ``%``, and a scale word with ``%``, are refused.
Magnitudes of 10¹⁸ or more are refused as implausible. Negative zero is returned as 0.

Every refusal is an :class:`InvalidNumber` (an ``InvalidInput``) whose ``reason`` is a
:class:`NumberProblem`; ``bot.texts.error_message`` turns it into an Indonesian sentence with an
example. Nothing else is ever raised for a ``str`` argument (a ``decimals`` outside 0..20 is a
programming error and raises ``ValueError``). ``parse_value(..., unit="km")`` also accepts the
indicator's unit typed after the number (``12,5 km``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Context, Decimal
from enum import StrEnum

from bot.domain.errors import InvalidInput

#: Accepted values stay below 10**MAX_DIGITS (a million triliun).
MAX_DIGITS = 18
MAX_DECIMALS = 20

_EXACT = Context(prec=MAX_DIGITS + MAX_DECIMALS + 4)
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))
_DASHES = str.maketrans({"\u2212": "-", "\u2013": "-", "\u2012": "-", "\ufe63": "-",
                         "\uff0d": "-"})
_SHAPE = re.compile(
    r"(?P<sign>[-+])? ?(?P<rp>[Rr][Pp]\.?)? ?(?P<sign2>[-+])? ?"
    r"(?P<num>[0-9][0-9.,]*)(?P<nocents>[.,]-+)?"
    r"(?: ?(?P<suffix>%|[^\W\d_]+\.?))?(?: ?(?P<suffix2>%|[^\W\d_]+\.?))?"
)
_NUMERIC_TOKEN = re.compile(r"[0-9]+(?:[.,][0-9]+)*")
_DIGIT = re.compile(r"[0-9]")
_LETTER = re.compile(r"[^\W\d_]")
_THOUSANDS_HEAD = re.compile(r"[1-9][0-9]{0,2}")
_DOTTED = re.compile(r"[1-9][0-9]{0,2}(?:\.[0-9]{3})+")
_DIGITS = re.compile(r"[0-9]+")

_PERCENT_WORDS = frozenset({"%", "persen"})
_RUPIAH_WORDS = frozenset({"rp", "rupiah"})
#: Scale words, lower case, with the power of ten they stand for.
_SCALE_WORDS: dict[str, int] = {
    "rb": 3, "ribu": 3,
    "jt": 6, "juta": 6,
    "miliar": 9, "milyar": 9, "mlyr": 9, "mliar": 9,
    "triliun": 12, "trilyun": 12,
}
#: Single capital letters (case-sensitive on purpose: ``m`` is a meter, ``t`` a ton).
_SCALE_LETTERS: dict[str, int] = {"M": 9, "T": 12}


class NumberProblem(StrEnum):
    """Why a text is not a usable number; the value is the error's ``reason``."""

    EMPTY = "number_empty"  # nothing typed
    TEXT = "number_text"  # no digits, or words that are not a unit we know
    MULTIPLE = "number_multiple"  # more than one number ("10 - 12", "80 dan 90")
    FORMAT = "number_format"  # separators in impossible places ("1,234,5", "1.23.4")
    DECIMALS = "number_decimals"  # more decimals than the unit allows
    NEGATIVE = "number_negative"  # a minus where the unit forbids it
    PERCENT = "number_percent"  # "%" where a plain value or an amount of money is expected
    UNITS = "number_units"  # "Rp" together with "%", or "%" with a scale word
    TOO_LARGE = "number_too_large"  # 10^18 or more


class Expected(StrEnum):
    """What the official was asked for; selects the example shown in the error message."""

    NUMBER = "number"
    MONEY = "money"


class InvalidNumber(InvalidInput):
    """A typed number that cannot be used.

    ``params``: ``reason`` (a :class:`NumberProblem`), ``text`` (what was typed, at most 40
    characters), ``expected`` (an :class:`Expected`) and ``decimals`` (places allowed, or
    ``None`` when unrestricted).
    """

    key = "invalid_number"

    def __init__(self, *, reason: NumberProblem, text: str,
                 expected: Expected = Expected.NUMBER, decimals: int | None = None) -> None:
        super().__init__(reason=reason, text=_excerpt(text), expected=expected,
                         decimals=decimals)

    @property
    def reason(self) -> NumberProblem:
        return NumberProblem(self.params["reason"])


@dataclass(frozen=True)
class NumberReading:
    """What :func:`read_number` understood: the value and the marks around it."""

    value: Decimal
    percent: bool = False  # "%" or "persen" was typed
    rupiah: bool = False  # "Rp" was typed
    scale: int = 0  # power of ten of the scale word (0 when none)


def read_number(text: str) -> NumberReading:
    """Read one number with its marks; no limit on sign, decimals or percent.

    Raises :class:`InvalidNumber` with ``EMPTY``, ``TEXT``, ``MULTIPLE``, ``FORMAT``, ``UNITS``
    or ``TOO_LARGE``.
    """
    return _read(text, Expected.NUMBER, None)


def parse_number(text: str) -> Decimal:
    """The value of ``text``: any sign, any number of decimals, ``%`` accepted and dropped."""
    return read_number(text).value


def parse_value(text: str, *, decimals: int, allow_negative: bool = False,
                percent_ok: bool = True, unit: str | None = None) -> Decimal:
    """An indicator's value, with at most ``decimals`` places (the unit's precision).

    ``unit`` is the indicator's *satuan* (``km``, ``dokumen``, ``m2``): typed after the number
    it is accepted and ignored (``12,5 km``), ahead of the scale letters, so that with
    ``unit="m"`` the text ``250 M`` is 250 meters, not 250 miliar. Other words stay refused.

    The result is quantized to exactly ``decimals`` places (``87,5`` with ``decimals=2`` gives
    ``Decimal("87.50")``). Trailing zeros do not count against the limit: ``87,50`` passes with
    ``decimals=1``. Refusals beyond :func:`read_number`'s: ``DECIMALS``, ``NEGATIVE`` (when
    ``allow_negative`` is false; ``-0`` is zero and passes) and ``PERCENT`` (when
    ``percent_ok`` is false).
    """
    return _parse(text, Expected.NUMBER, decimals=decimals, allow_negative=allow_negative,
                  percent_ok=percent_ok, unit=unit)


def parse_money(text: str) -> Decimal:
    """An amount in Rupiah: non-negative, at most 2 decimals (sen), no ``%``.

    Returned with exactly two places: ``Rp 1.250.000`` → ``Decimal("1250000.00")``.
    """
    return _parse(text, Expected.MONEY, decimals=2, allow_negative=False, percent_ok=False)


def _parse(text: str, expected: Expected, *, decimals: int, allow_negative: bool,
           percent_ok: bool, unit: str | None = None) -> Decimal:
    if not 0 <= decimals <= MAX_DECIMALS:
        raise ValueError(f"decimals must be within 0..{MAX_DECIMALS}, not {decimals}")
    reading = _read(text, expected, decimals, unit)

    def refuse(problem: NumberProblem) -> InvalidNumber:
        return InvalidNumber(reason=problem, text=text, expected=expected, decimals=decimals)

    if reading.percent and not percent_ok:
        raise refuse(NumberProblem.PERCENT)
    value = reading.value
    if value < 0 and not allow_negative:
        raise refuse(NumberProblem.NEGATIVE)
    if _places(value) > decimals:
        raise refuse(NumberProblem.DECIMALS)
    return _EXACT.quantize(value, Decimal(1).scaleb(-decimals))


def _read(text: str, expected: Expected, decimals: int | None,
          unit: str | None = None) -> NumberReading:
    def refuse(problem: NumberProblem) -> InvalidNumber:
        return InvalidNumber(reason=problem, text=text, expected=expected, decimals=decimals)

    cleaned = " ".join(text.translate(_INVISIBLE).translate(_DASHES).split())
    if not cleaned:
        raise refuse(NumberProblem.EMPTY)
    if unit:
        cleaned = _without_unit(cleaned, unit)
    if not _DIGIT.search(cleaned):
        raise refuse(NumberProblem.TEXT)
    shape = _SHAPE.fullmatch(cleaned)
    if shape is None:
        if len(_NUMERIC_TOKEN.findall(cleaned)) > 1:
            raise refuse(NumberProblem.MULTIPLE)
        raise refuse(NumberProblem.TEXT if _LETTER.search(cleaned) else NumberProblem.FORMAT)
    if shape["sign"] and shape["sign2"]:
        raise refuse(NumberProblem.FORMAT)
    negative = (shape["sign"] or shape["sign2"]) == "-"
    rupiah = shape["rp"] is not None
    percent, scale = False, 0
    for suffix in filter(None, (shape["suffix"], shape["suffix2"])):
        word = suffix.rstrip(".")
        if word in _SCALE_LETTERS and not scale:
            scale = _SCALE_LETTERS[word]
        elif word.lower() in _SCALE_WORDS and not scale:
            scale = _SCALE_WORDS[word.lower()]
        elif word.lower() in _PERCENT_WORDS and not percent:
            percent = True
        elif word.lower() in _RUPIAH_WORDS:
            rupiah = True
        else:
            raise refuse(NumberProblem.TEXT)
    if percent and (rupiah or scale):
        raise refuse(NumberProblem.UNITS)
    if shape["nocents"] and (percent or scale):
        raise refuse(NumberProblem.FORMAT)
    split = _split(shape["num"])
    if split is None:
        raise refuse(NumberProblem.FORMAT)
    whole, fraction = split
    if len(whole.lstrip("0")) + scale > MAX_DIGITS:
        raise refuse(NumberProblem.TOO_LARGE)
    exponent = scale - len(fraction)
    digits = (whole + fraction).lstrip("0") or "0"
    if exponent >= 0:
        value = Decimal(int(digits) * 10**exponent)
    else:
        value = Decimal(f"{digits}E{exponent}")
    if negative and value != 0:
        value = -value
    return NumberReading(value=value, percent=percent, rupiah=rupiah, scale=scale)


def _without_unit(cleaned: str, unit: str) -> str:
    """``cleaned`` without a trailing ``unit`` that follows a digit or a space."""
    name = " ".join(unit.split()).lower()
    if not name or name in _PERCENT_WORDS or len(name) >= len(cleaned):
        return cleaned
    head, tail = cleaned[: -len(name)], cleaned[-len(name):]
    if tail.lower() == name and (head.endswith(" ") or head[-1] in "0123456789"):
        return head.rstrip()
    return cleaned


def _split(number: str) -> tuple[str, str] | None:
    """``(integer digits, fraction digits)`` of a run of digits, dots and commas, or ``None``."""
    commas, dots = number.count(","), number.count(".")
    if commas > 1:
        return None
    if commas == 1:
        whole, _, fraction = number.partition(",")
        if not _DIGITS.fullmatch(fraction):
            return None
        if dots == 0:
            return whole, fraction
        return (whole.replace(".", ""), fraction) if _DOTTED.fullmatch(whole) else None
    if dots == 0:
        return number, ""
    if dots == 1:
        whole, _, fraction = number.partition(".")
        if not fraction:
            return None
        if len(fraction) == 3 and _THOUSANDS_HEAD.fullmatch(whole):
            return whole + fraction, ""
        return whole, fraction
    return (number.replace(".", ""), "") if _DOTTED.fullmatch(number) else None


def _places(value: Decimal) -> int:
    """Decimal places that matter: ``87.50`` has 1, ``1.2E+3`` has 0."""
    _, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)
    places = -exponent
    index = len(digits) - 1
    while places > 0 and index >= 0 and digits[index] == 0:
        places -= 1
        index -= 1
    return max(places, 0)


def _excerpt(text: str, limit: int = 40) -> str:
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= limit else one_line[: limit - 1] + "…"
