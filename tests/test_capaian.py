"""Capaian, quarterly figures, money, predikat and averages against hand-computed values."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot import texts
from bot.domain.capaian import (
    DEFAULT_PREDIKAT_SCALE,
    Accumulation,
    Achievement,
    AchievementStatus,
    Direction,
    Efficiency,
    EfficiencyLevel,
    EfficiencyThresholds,
    FinancialResult,
    IndicatorSpec,
    Predikat,
    PredikatScale,
    TurunFormula,
    absorption,
    achievement,
    average_achievement,
    efficiency,
    financial,
    predikat,
    quarter_figures,
    round_display,
)
from bot.formatting import number

D = Decimal
CASES = Path(__file__).parent / "data" / "capaian_cases.csv"


def _cell(text: str) -> Decimal | None:
    return D(text) if text.strip() else None


def _rows() -> list[dict[str, str]]:
    with CASES.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return list(csv.DictReader(lines))


def _close(value: Decimal | None, expected: str) -> bool:
    """``value`` rounded half up to the places written in ``expected`` equals it."""
    places = len(expected.partition(".")[2])
    return value is not None and round_display(value, places) == D(expected)


@pytest.mark.parametrize("row", _rows(), ids=lambda row: row["case"])
def test_achievement_table(row: dict[str, str]) -> None:
    result = achievement(
        row["direction"], _cell(row["target"]), _cell(row["realization"]),
        turun_formula=row["formula"] or TurunFormula.DIFFERENCE,
        range_low=_cell(row["low"]), range_high=_cell(row["high"]),
    )
    assert result.status == AchievementStatus(row["status"])
    if row["expected"]:
        assert _close(result.value, row["expected"]), result
    else:
        assert result.value is None


def test_table_covers_every_direction_formula_and_status() -> None:
    rows = _rows()
    assert {r["direction"] for r in rows} == set(Direction)
    formulas = {r["formula"] or TurunFormula.DIFFERENCE for r in rows if r["direction"] == "turun"}
    assert formulas == set(TurunFormula)
    assert {r["status"] for r in rows} == set(AchievementStatus)


def test_worked_examples_print_as_in_the_domain_notes() -> None:
    cells = [achievement(Direction.NAIK, 80, 60).value, achievement(Direction.TURUN, 10, 25).value,
             achievement(Direction.STABIL, None, 81, range_low=90, range_high=95).value]
    assert [number(value, 2) for value in cells if value is not None] == [
        "75,00", "0,00", "90,00"]


def test_full_precision_is_kept_and_rounding_is_for_display_only() -> None:
    result = achievement(Direction.NAIK, 3, 2)
    assert result.value == D(200) / D(3)  # 66.666…, 28 significant digits
    assert result.display() == D("66.67")
    assert result.display(0) == D("67")
    assert round_display(D("0.125")) == D("0.13")  # half up, not half even
    assert round_display(None) is None
    assert Achievement(None, AchievementStatus.NOT_REPORTED).display() is None


def test_inputs_are_decimal_or_int_only() -> None:
    with pytest.raises(TypeError):
        achievement(Direction.NAIK, 80.0, 60)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        achievement(Direction.NAIK, D("NaN"), 60)
    with pytest.raises(ValueError):
        achievement(Direction.STABIL, None, 93, range_low=95, range_high=90)


def test_enum_aliases_from_spreadsheets() -> None:
    assert Direction("Naik") is Direction.NAIK
    assert Direction(" TURUN ") is Direction.TURUN
    assert Direction("range") is Direction.STABIL
    assert Direction("Rentang") is Direction.STABIL
    assert Accumulation("Nilai Akhir") is Accumulation.NILAI_AKHIR
    assert Accumulation("rata-rata") is Accumulation.RATA_RATA
    with pytest.raises(ValueError):
        Direction("atas")


_values = st.decimals(min_value=-10**6, max_value=10**6, allow_nan=False, places=3)


@given(direction=st.sampled_from(list(Direction)), formula=st.sampled_from(list(TurunFormula)),
       target=st.none() | _values, realization=st.none() | _values,
       low=st.none() | _values, width=st.decimals(min_value=0, max_value=1000, places=2))
def test_achievement_never_crashes_and_never_goes_below_zero_where_floored(
        direction: Direction, formula: TurunFormula, target: Decimal | None,
        realization: Decimal | None, low: Decimal | None, width: Decimal) -> None:
    high = None if low is None else low + width
    result = achievement(direction, target, realization, turun_formula=formula,
                         range_low=low, range_high=high)
    assert (result.value is not None) == result.measured
    if realization is None:
        assert not result.measured
    if result.value is not None and direction is Direction.TURUN:
        assert result.value >= 0
    if (result.value is not None and direction is Direction.STABIL and realization is not None
            and high is not None and realization > high):
        assert result.value >= 0


# --- quarters -----------------------------------------------------------------------------------
def _spec(**kwargs: object) -> IndicatorSpec:
    return IndicatorSpec(**kwargs)  # type: ignore[arg-type]


PER_QUARTER = _spec(direction=Direction.NAIK, accumulation=Accumulation.AKUMULASI,
                    annual_target=100, quarter_targets=(10, 20, 30, 40))
CUMULATIVE = _spec(direction=Direction.NAIK, accumulation=Accumulation.AKUMULASI,
                   cumulative_targets=True, annual_target=100, quarter_targets=(10, 30, 60, 100))


@pytest.mark.parametrize("spec", [PER_QUARTER, CUMULATIVE], ids=["per-quarter", "cumulative"])
def test_akumulasi_targets_per_quarter_and_cumulative_agree(spec: IndicatorSpec) -> None:
    q2 = quarter_figures(spec, (8, 25), 2)
    assert q2.target_quarter == 20
    assert q2.target_to_date == 30
    assert q2.realization_quarter == 25
    assert q2.realization_to_date == 33
    assert q2.achievement_quarter.value == 125  # 25 / 20
    assert q2.achievement_to_date.value == 110  # 33 / 30
    assert q2.annual_progress.value == 33  # 33 / 100
    assert q2.missing_quarters == ()

    q1 = quarter_figures(spec, (8, 25), 1)  # later quarters are ignored
    assert (q1.target_quarter, q1.target_to_date, q1.realization_to_date) == (10, 10, 8)
    assert q1.achievement_quarter.value == 80
    assert q1.annual_progress.value == 8


def test_akumulasi_with_a_missing_quarter() -> None:
    q3 = quarter_figures(PER_QUARTER, (8, 25, None, 12), 3)
    assert q3.target_quarter == 30
    assert q3.target_to_date == 60
    assert q3.realization_quarter is None
    assert q3.achievement_quarter.status is AchievementStatus.NOT_REPORTED
    assert q3.realization_to_date == 33  # reported quarters only
    assert q3.achievement_to_date.value == 55  # 33 / 60
    assert q3.annual_progress.value == 33
    assert q3.missing_quarters == (3,)


def test_nothing_reported_yet() -> None:
    q1 = quarter_figures(PER_QUARTER, (), 1)
    assert q1.realization_quarter is None and q1.realization_to_date is None
    for result in (q1.achievement_quarter, q1.achievement_to_date, q1.annual_progress):
        assert result.status is AchievementStatus.NOT_REPORTED
    assert q1.missing_quarters == (1,)


def test_quarters_without_a_target() -> None:
    per_quarter = _spec(direction=Direction.NAIK, annual_target=100,
                        quarter_targets=(None, 50, None, 50))
    q1 = quarter_figures(per_quarter, (5,), 1)
    assert q1.target_quarter is None and q1.target_to_date is None
    assert q1.achievement_quarter.status is AchievementStatus.NO_TARGET
    assert q1.achievement_to_date.status is AchievementStatus.NO_TARGET
    assert q1.annual_progress.value == 5
    q3 = quarter_figures(per_quarter, (5, 45, 10), 3)
    assert q3.achievement_quarter.status is AchievementStatus.NO_TARGET
    assert q3.target_to_date == 50  # only the targets that were set
    assert q3.realization_to_date == 60
    assert q3.achievement_to_date.value == 120
    assert q3.annual_progress.value == 60

    cumulative = _spec(direction=Direction.NAIK, cumulative_targets=True, annual_target=100,
                       quarter_targets=(None, 50, None, 100))
    assert quarter_figures(cumulative, (5, 45), 2).target_quarter == 50  # 50 − 0
    q3c = quarter_figures(cumulative, (5, 45, 10), 3)
    assert q3c.target_quarter is None and q3c.target_to_date is None
    q4c = quarter_figures(cumulative, (5, 45, 10, 30), 4)
    assert q4c.target_quarter == 50  # 100 − 50, the latest target set before TW IV
    assert q4c.target_to_date == 100
    assert q4c.achievement_to_date.value == 90  # 90 / 100


def test_nilai_akhir_takes_the_latest_reported_value() -> None:
    spec = _spec(direction=Direction.NAIK, accumulation=Accumulation.NILAI_AKHIR,
                 annual_target=75, quarter_targets=(60, 65, 70, 75))
    q2 = quarter_figures(spec, (58, 66), 2)
    assert (q2.target_quarter, q2.target_to_date) == (65, 65)
    assert q2.realization_to_date == 66
    assert _close(q2.achievement_quarter.value, "101.5385")  # 66 / 65
    assert q2.achievement_to_date == q2.achievement_quarter
    assert q2.annual_progress.value == 88  # 66 / 75
    q3 = quarter_figures(spec, (58, 66, None), 3)
    assert q3.realization_to_date == 66  # TW II's value, TW III not reported
    assert _close(q3.achievement_to_date.value, "94.2857")  # 66 / 70
    assert q3.achievement_quarter.status is AchievementStatus.NOT_REPORTED
    assert q3.missing_quarters == (3,)


def test_nilai_akhir_ignores_the_cumulative_flag() -> None:
    base = {"direction": Direction.NAIK, "accumulation": Accumulation.NILAI_AKHIR,
            "annual_target": 75, "quarter_targets": (60, 65, 70, 75)}
    plain = quarter_figures(_spec(**base), (58, 66), 2)
    flagged = quarter_figures(_spec(**base, cumulative_targets=True), (58, 66), 2)
    assert plain == flagged


def test_rata_rata_averages_reported_quarters() -> None:
    spec = _spec(direction=Direction.NAIK, accumulation=Accumulation.RATA_RATA,
                 annual_target=D("92.5"), quarter_targets=(90, 90, 95, 95))
    q3 = quarter_figures(spec, (88, None, 96), 3)
    assert q3.target_quarter == 95
    assert _close(q3.target_to_date, "91.6667")  # (90 + 90 + 95) / 3
    assert q3.realization_to_date == 92  # (88 + 96) / 2
    assert _close(q3.achievement_quarter.value, "101.0526")  # 96 / 95
    assert _close(q3.achievement_to_date.value, "100.3636")  # 92 / (275 / 3)
    assert _close(q3.annual_progress.value, "99.4595")  # 92 / 92.5
    assert q3.missing_quarters == (2,)


def test_turun_nilai_akhir() -> None:
    spec = _spec(direction=Direction.TURUN, accumulation=Accumulation.NILAI_AKHIR,
                 annual_target=15, quarter_targets=(20, 18, 16, 15))
    q2 = quarter_figures(spec, (21, 17), 2)
    assert _close(q2.achievement_quarter.value, "105.5556")  # (36 − 17) / 18
    assert _close(q2.annual_progress.value, "86.6667")  # (30 − 17) / 15
    ratio = _spec(direction=Direction.TURUN, accumulation=Accumulation.NILAI_AKHIR,
                  turun_formula=TurunFormula.RATIO, annual_target=15,
                  quarter_targets=(20, 18, 16, 15))
    assert _close(quarter_figures(ratio, (21, 17), 2).annual_progress.value, "88.2353")  # 15/17


def test_stabil_quarter_uses_the_band() -> None:
    spec = _spec(direction=Direction.STABIL, accumulation=Accumulation.NILAI_AKHIR,
                 range_low=90, range_high=95)
    q2 = quarter_figures(spec, (93, 97), 2)
    assert _close(q2.achievement_quarter.value, "97.8947")  # (190 − 97) / 95
    assert q2.annual_progress == q2.achievement_quarter
    assert quarter_figures(spec, (93,), 1).achievement_quarter.value == 100


def test_spec_validation() -> None:
    spec = _spec(direction="naik", accumulation="akumulasi", quarter_targets=(1, 2))
    assert spec.quarter_targets == (D(1), D(2), None, None)
    assert spec.direction is Direction.NAIK
    with pytest.raises(ValueError):
        _spec(direction=Direction.STABIL, range_low=95, range_high=90)
    with pytest.raises(ValueError):
        _spec(direction=Direction.NAIK, quarter_targets=(1, 2, 3, 4, 5))
    with pytest.raises(ValueError):
        quarter_figures(PER_QUARTER, (1,), 5)
    with pytest.raises(ValueError):
        quarter_figures(PER_QUARTER, (1,), 0)


# --- money --------------------------------------------------------------------------------------
def test_absorption() -> None:
    assert absorption(250_000_000, 1_000_000_000) == 25
    assert absorption(D("1250000.50"), D("2500001")) == D("50")
    assert absorption(0, 1_000) == 0  # spent nothing yet: 0, not missing
    assert absorption(1_100, 1_000) == 110  # not capped
    assert absorption(100, 0) is None
    assert absorption(100, None) is None
    assert absorption(100, -5) is None
    assert absorption(None, 1_000) is None


def test_financial_against_the_quarter_target() -> None:
    result = financial(budget=1_000_000_000, realization=250_000_000, target=300_000_000)
    assert result.absorption == 25
    assert result.target_share == 30
    assert _close(result.against_target, "83.3333")  # 250 / 300
    in_percent = financial(budget=1_000_000_000, realization=250_000_000, target=30,
                           target_in_percent=True)
    assert in_percent.target_share == 30
    assert _close(in_percent.against_target, "83.3333")
    assert financial(budget=0, realization=5, target=10) == FinancialResult(None, None, D(50))
    assert financial(budget=100, realization=5, target=0) == FinancialResult(D(5), None, None)
    assert financial(budget=100, realization=None, target=10) == FinancialResult(None, D(10), None)
    assert financial(budget=None, realization=5, target=30, target_in_percent=True) == (
        FinancialResult(None, D(30), None))


@pytest.mark.parametrize(("capaian", "serapan", "level"), [
    ("90", "80", EfficiencyLevel.EFISIEN),
    ("85.01", "80", EfficiencyLevel.EFISIEN),
    ("85", "80", EfficiencyLevel.CUKUP_EFISIEN),  # +5 is inside the band
    ("80", "80", EfficiencyLevel.CUKUP_EFISIEN),
    ("75", "80", EfficiencyLevel.CUKUP_EFISIEN),  # −5 is inside the band
    ("74.99", "80", EfficiencyLevel.TIDAK_EFISIEN),
    ("40", "80", EfficiencyLevel.TIDAK_EFISIEN),
    ("85.004", "80", EfficiencyLevel.CUKUP_EFISIEN),  # shown as 5,00
    ("85.005", "80", EfficiencyLevel.EFISIEN),  # shown as 5,01
])
def test_efficiency_default_thresholds(capaian: str, serapan: str,
                                       level: EfficiencyLevel) -> None:
    result = efficiency(D(capaian), D(serapan))
    assert result == Efficiency(D(capaian) - D(serapan), level)


def _level(result: Efficiency | None) -> EfficiencyLevel | None:
    return None if result is None else result.level


def test_efficiency_options_and_missing_sides() -> None:
    assert _level(efficiency(D("85.004"), 80, places=None)) is EfficiencyLevel.EFISIEN
    wide = EfficiencyThresholds(upper=D(10), lower=D(-10))
    assert _level(efficiency(90, 80, thresholds=wide)) is EfficiencyLevel.CUKUP_EFISIEN
    assert _level(efficiency(91, 80, thresholds=wide)) is EfficiencyLevel.EFISIEN
    assert _level(efficiency(achievement(Direction.NAIK, 80, 60), 60)) is EfficiencyLevel.EFISIEN
    assert efficiency(None, 80) is None
    assert efficiency(80, None) is None
    assert efficiency(achievement(Direction.NAIK, 80, None), 50) is None
    with pytest.raises(ValueError):
        EfficiencyThresholds(upper=D(-5), lower=D(5))


# --- predikat and averages ----------------------------------------------------------------------
@pytest.mark.parametrize(("value", "expected"), [
    ("120", Predikat.SANGAT_TINGGI),
    ("91", Predikat.SANGAT_TINGGI),
    ("90.99", Predikat.TINGGI),
    ("76", Predikat.TINGGI),
    ("75.99", Predikat.SEDANG),
    ("66", Predikat.SEDANG),
    ("65.99", Predikat.RENDAH),
    ("51", Predikat.RENDAH),
    ("50.99", Predikat.SANGAT_RENDAH),
    ("0", Predikat.SANGAT_RENDAH),
    ("-10", Predikat.SANGAT_RENDAH),
    ("90.995", Predikat.SANGAT_TINGGI),  # shown as 91,00
    ("90.994", Predikat.TINGGI),  # shown as 90,99
])
def test_predikat_boundaries(value: str, expected: Predikat) -> None:
    assert predikat(D(value)) is expected


def test_predikat_options() -> None:
    assert predikat(D("90.995"), places=None) is Predikat.TINGGI
    assert predikat(None) is None
    assert predikat(achievement(Direction.NAIK, 0, 5)) is None
    assert predikat(achievement(Direction.NAIK, 80, 80)) is Predikat.SANGAT_TINGGI
    own = PredikatScale(bands=((D(90), "baik"), (D(70), "cukup")), lowest="kurang")
    assert [predikat(v, own) for v in (95, 90, D("89.99"), 70, 10)] == [
        "baik", "baik", "cukup", "cukup", "kurang"]
    with pytest.raises(ValueError):
        PredikatScale(bands=((D(70), "a"), (D(90), "b")), lowest="c")
    assert DEFAULT_PREDIKAT_SCALE.classify(D(91)) == "sangat_tinggi"


def test_predikat_and_efficiency_labels_are_indonesian() -> None:
    assert [texts.predikat_label(p) for p in Predikat] == [
        "Sangat Tinggi", "Tinggi", "Sedang", "Rendah", "Sangat Rendah"]
    assert [texts.efficiency_label(e) for e in EfficiencyLevel] == [
        "Efisien", "Cukup Efisien", "Tidak Efisien"]
    assert texts.predikat_label("baik") == "baik"
    assert texts.predikat_label(None) == "-"


def test_average_without_and_with_cap() -> None:
    values = [D(120), D(80), None]
    raw = average_achievement(values)
    assert (raw.value, raw.count, raw.skipped, raw.capped) == (100, 2, 1, 0)
    capped = average_achievement(values, cap=100)
    assert (capped.value, capped.count, capped.skipped, capped.capped) == (90, 2, 1, 1)
    assert values == [D(120), D(80), None]  # the raw values are untouched
    assert average_achievement([D(130), D(90)], cap=120).value == 105
    assert average_achievement([D(100), D(-20)], cap=100).value == 40  # negatives kept


def test_average_of_achievements_skips_unmeasured() -> None:
    results = [achievement(Direction.NAIK, 80, 60), achievement(Direction.TURUN, 10, 8),
               achievement(Direction.NAIK, 80, None), achievement(Direction.NAIK, 0, 3)]
    average = average_achievement(results, cap=100)
    assert average.value == D("87.5")  # (75 + 100) / 2
    assert (average.count, average.skipped, average.capped) == (2, 2, 1)
    assert results[1].value == 120
    empty = average_achievement([None, Achievement(None, AchievementStatus.NOT_MEASURABLE)])
    assert (empty.value, empty.count, empty.skipped) == (None, 0, 2)
    assert average_achievement([]).value is None
    with pytest.raises(ValueError):
        average_achievement([D(1)], cap=0)


def test_an_end_of_period_figure_lacks_no_earlier_quarter_once_its_own_is_in() -> None:
    from bot.domain.capaian import Accumulation, Direction, IndicatorSpec, quarter_figures

    targets = (D(10), D(20), D(30), D(40))
    spec = IndicatorSpec(Direction.NAIK, Accumulation.NILAI_AKHIR, quarter_targets=targets,
                         annual_target=D(40))
    assert quarter_figures(spec, [None, D(20)], 2).missing_quarters == ()
    assert quarter_figures(spec, [None, None], 2).missing_quarters == (1, 2)
    summed = IndicatorSpec(Direction.NAIK, Accumulation.AKUMULASI, quarter_targets=targets,
                           annual_target=D(40))
    assert quarter_figures(summed, [None, D(20)], 2).missing_quarters == (1,)
