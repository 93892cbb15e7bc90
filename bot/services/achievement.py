"""Capaian of a stored indicator: the bridge from table rows to the pure formulas."""

from __future__ import annotations

from decimal import Decimal

from bot.domain.capaian import IndicatorSpec, QuarterResult, quarter_figures
from storage.models import Indicator


def spec_of(indicator: Indicator) -> IndicatorSpec:
    return IndicatorSpec(
        direction=indicator.direction, accumulation=indicator.accumulation,
        cumulative_targets=indicator.cumulative_targets, annual_target=indicator.annual_target,
        quarter_targets=(indicator.target_q1, indicator.target_q2, indicator.target_q3,
                         indicator.target_q4),
        range_low=indicator.range_low, range_high=indicator.range_high,
        turun_formula=indicator.turun_formula,
    )


def figures(indicator: Indicator, quarter: int, value: Decimal | None,
            earlier: dict[int, Decimal | None]) -> QuarterResult:
    """The quarter's figures, with the year's earlier quarters taken from earlier cycles."""
    realizations = [earlier.get(q) for q in range(1, quarter)] + [value]
    return quarter_figures(spec_of(indicator), realizations, quarter)


def quarter_targets(indicator: Indicator, quarter: int) -> tuple[Decimal | None, Decimal | None]:
    """``(the quarter's own target, the target up to it)``: with cumulative targets and
    *akumulasi*, TW II's own target is T₂ − T₁, and that is what the quarter's realisation is
    measured against."""
    result = quarter_figures(spec_of(indicator), [], quarter)
    return result.target_quarter, result.target_to_date


def achievements(indicator: Indicator, quarter: int, value: Decimal | None,
                 earlier: dict[int, Decimal | None]) -> tuple[Decimal | None, Decimal | None]:
    """Capaian of the quarter and up to it, in percent (None when not measurable)."""
    result = figures(indicator, quarter, value, earlier)
    return result.achievement_quarter.value, result.achievement_to_date.value
