"""How an agency judges its figures: the cap on averaged capaian, the predikat scale and the
efisiensi thresholds (``shared/domain.md``: "configurable"). Plain values, stored as text in
the agency's profile and read back here; the defaults are the provincial monev's."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import pairwise
from typing import Any

from bot.domain import errors
from bot.domain.capaian import (
    DEFAULT_EFFICIENCY,
    DEFAULT_PREDIKAT_SCALE,
    EfficiencyThresholds,
    Predikat,
    PredikatScale,
)
from bot.domain.errors import Reason
from bot.domain.numbers import InvalidNumber, parse_number

# The bands of the scale, highest first; an agency sets their minima, not their names.
BANDS = (Predikat.SANGAT_TINGGI, Predikat.TINGGI, Predikat.SEDANG, Predikat.RENDAH)
_SEPARATORS = re.compile(r"[\s;/]+")  # not the comma: it is the decimal separator


@dataclass(frozen=True)
class ReportSettings:
    cap: Decimal | None = None  # averaged capaian counted at most this; None: no cap
    scale: PredikatScale = DEFAULT_PREDIKAT_SCALE
    thresholds: EfficiencyThresholds = field(default=DEFAULT_EFFICIENCY)

    def to_mapping(self) -> dict[str, Any]:
        """As stored: only what differs from the defaults."""
        stored: dict[str, Any] = {}
        if self.cap is not None:
            stored["cap"] = str(self.cap)
        if self.scale != DEFAULT_PREDIKAT_SCALE:
            stored["predikat"] = [str(low) for low, _ in self.scale.bands]
        if self.thresholds != DEFAULT_EFFICIENCY:
            stored["efisiensi"] = [str(self.thresholds.lower), str(self.thresholds.upper)]
        return stored

    @classmethod
    def from_mapping(cls, stored: Mapping[str, Any]) -> ReportSettings:
        cap = stored.get("cap")
        minima = stored.get("predikat")
        band = stored.get("efisiensi")
        return cls(
            cap=Decimal(cap) if cap is not None else None,
            scale=_scale([Decimal(v) for v in minima]) if minima else DEFAULT_PREDIKAT_SCALE,
            thresholds=(EfficiencyThresholds(lower=Decimal(band[0]), upper=Decimal(band[1]))
                        if band else DEFAULT_EFFICIENCY))


def parse_cap(text: str) -> Decimal | None:
    """``120`` (or ``100,5``) as the cap; empty for none. At least 100: a cap below the
    target would count a met target as missed."""
    if not text.strip():
        return None
    cap = _number(text, Reason.SETTING_CAP)
    if cap < 100:
        raise errors.InvalidInput(reason=Reason.SETTING_CAP, value=text.strip())
    return cap


def parse_scale(text: str) -> PredikatScale:
    """Four minima, highest first (``91 76 66 51``): Sangat Tinggi, Tinggi, Sedang, Rendah;
    below the last is Sangat Rendah."""
    values = [_number(part, Reason.SETTING_PREDIKAT) for part in _parts(text)]
    if len(values) != len(BANDS) or any(a <= b for a, b in pairwise(values)) or values[-1] < 0:
        raise errors.InvalidInput(reason=Reason.SETTING_PREDIKAT, value=text.strip())
    return _scale(values)


def parse_thresholds(text: str) -> EfficiencyThresholds:
    """``-5 5``: below the first *tidak efisien*, above the second *efisien*."""
    values = [_number(part, Reason.SETTING_EFISIENSI) for part in _parts(text)]
    if len(values) != 2 or values[0] > values[1]:
        raise errors.InvalidInput(reason=Reason.SETTING_EFISIENSI, value=text.strip())
    return EfficiencyThresholds(lower=values[0], upper=values[1])


def _scale(minima: list[Decimal]) -> PredikatScale:
    return PredikatScale(bands=tuple(zip(minima, BANDS, strict=True)),
                         lowest=Predikat.SANGAT_RENDAH)


def _parts(text: str) -> list[str]:
    return [part for part in _SEPARATORS.split(text.strip()) if part]


def _number(text: str, refusal: Reason) -> Decimal:
    try:
        return parse_number(text)
    except InvalidNumber:
        raise errors.InvalidInput(reason=refusal, value=text.strip()) from None
