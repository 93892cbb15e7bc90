"""The pictures of a compiled report: capaian per indicator and serapan per division.

Drawn once per report, by the agency's own predikat scale: the same PNGs go to the chat (for
deciding from a phone) and into the report's PDF.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot import texts
from bot.domain.capaian import DEFAULT_PREDIKAT_SCALE, PredikatScale
from reports import charts
from reports.workbooks import FinanceRow, MeasurementRow, summarize


def report_charts(
    measurements: Sequence[MeasurementRow], finances: Sequence[FinanceRow], *, period: str,
    scale: PredikatScale = DEFAULT_PREDIKAT_SCALE,
) -> list[tuple[str, bytes]]:
    """Both charts, each with its name (``texts.CHART_ACHIEVEMENT``, ``CHART_ABSORPTION``).

    Serapan is the report's own: Σ realisasi reported / Σ pagu per division, so that the
    picture says "-" where the table does.
    """
    labels = [f"{m.code} {m.indicator}" for m in measurements]
    achievement = charts.achievement_chart(
        list(zip(labels, (m.achievement_to_date for m in measurements), strict=True)),
        texts.chart_title_achievement(period), scale=scale,
        without_target=[label for label, m in zip(labels, measurements, strict=True)
                        if not m.quarter_target and m.realization is not None])
    divisions = [d for d in summarize(measurements, finances, scale=scale).divisions if d.lines]
    absorption = charts.absorption_chart([(d.name, d.absorption) for d in divisions],
                                         texts.chart_title_absorption(period))
    return [(texts.CHART_ACHIEVEMENT, achievement), (texts.CHART_ABSORPTION, absorption)]


def for_the_pdf(pictures: Sequence[tuple[str, bytes]], measurements: Sequence[MeasurementRow],
                finances: Sequence[FinanceRow]) -> list[bytes]:
    """The pictures a PDF attaches: each only when the report has its figures."""
    shown = {texts.CHART_ACHIEVEMENT: bool(measurements), texts.CHART_ABSORPTION: bool(finances)}
    return [png for name, png in pictures if shown.get(name)]
