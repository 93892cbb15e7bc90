"""Capaian (achievement), quarterly figures, absorption, efficiency, predikat and averages.

Pure arithmetic on ``Decimal`` (``int`` is accepted and converted; ``float`` is refused, it is
not exact). Results keep full precision (28 significant digits, independent of the caller's
decimal context); round only for display with :func:`round_display` (ROUND_HALF_UP), as
``bot.formatting.number`` does. Percentages are numbers of percent: 75 means 75 %.

Nothing here divides by zero: every edge case has a defined result, listed in the docstrings.
A figure that cannot be computed is an :class:`Achievement` whose ``value`` is ``None`` and
whose ``status`` says why (not reported, no target, not measurable); a missing realisation is
never treated as 0. Only misconfiguration (a band with L > U, a quarter outside 1..4, a cap
≤ 0, thresholds out of order, a NaN) raises ``ValueError``; a ``float`` raises ``TypeError``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Context, Decimal
from enum import StrEnum
from itertools import pairwise

HUNDRED = Decimal(100)
ZERO = Decimal(0)
QUARTERS = 4

_CTX = Context(prec=28, rounding=ROUND_HALF_EVEN)
_DISPLAY = Context(prec=60)

Number = Decimal | int


def _key(value: object) -> str:
    return "_".join(str(value).strip().lower().replace("-", " ").split())


class Direction(StrEnum):
    """Which way is better. Also accepts ``Naik``, ``range``, ``rentang`` and the like."""

    NAIK = "naik"  # higher is better
    TURUN = "turun"  # lower is better
    STABIL = "stabil"  # within a band [L, U] is best

    @classmethod
    def _missing_(cls, value: object) -> Direction | None:
        key = _key(value)
        return cls.STABIL if key in ("range", "rentang") else next(
            (member for member in cls if member.value == key), None)


class Accumulation(StrEnum):
    """How quarterly realisations make the year's figure."""

    AKUMULASI = "akumulasi"  # they add up: ΣR against ΣT
    NILAI_AKHIR = "nilai_akhir"  # the latest value is the year's value
    RATA_RATA = "rata_rata"  # the average of the quarters

    @classmethod
    def _missing_(cls, value: object) -> Accumulation | None:
        key = _key(value)
        return next((member for member in cls if member.value == key), None)


class TurunFormula(StrEnum):
    """Capaian of a *turun* indicator; chosen per indicator or agency."""

    DIFFERENCE = "difference"  # (2T − R) / T × 100, floored at 0 (PermenPAN-RB 8/2021)
    RATIO = "ratio"  # T / R × 100


class AchievementStatus(StrEnum):
    MEASURED = "measured"  # value is a number
    NOT_REPORTED = "not_reported"  # no realisation yet (distinct from a realisation of 0)
    NO_TARGET = "no_target"  # no target (or no band) was set for this period
    NOT_MEASURABLE = "not_measurable"  # the formula has no meaning here (e.g. T = 0, R > 0)


@dataclass(frozen=True)
class Achievement:
    """A capaian in percent, or ``None`` with the reason in ``status``."""

    value: Decimal | None
    status: AchievementStatus

    @property
    def measured(self) -> bool:
        return self.status is AchievementStatus.MEASURED

    def display(self, places: int = 2) -> Decimal | None:
        """The value rounded half up for a report cell; ``None`` stays ``None``."""
        return round_display(self.value, places)


def _measured(value: Decimal) -> Achievement:
    return Achievement(value, AchievementStatus.MEASURED)


NOT_REPORTED = Achievement(None, AchievementStatus.NOT_REPORTED)
NO_TARGET = Achievement(None, AchievementStatus.NO_TARGET)
NOT_MEASURABLE = Achievement(None, AchievementStatus.NOT_MEASURABLE)
_FULL = _measured(HUNDRED)
_NOTHING = _measured(ZERO)


def round_display(value: Decimal | None, places: int = 2) -> Decimal | None:
    """``value`` rounded ROUND_HALF_UP to ``places`` (for display and for labels only)."""
    if value is None:
        return None
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP, context=_DISPLAY)


def _dec(value: Number | None, name: str = "value") -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise TypeError(f"{name} must be Decimal or int, not {type(value).__name__}")
    result = Decimal(value)
    if not result.is_finite():
        raise ValueError(f"{name} must be finite, not {result}")
    return result


def _percent(numerator: Decimal, denominator: Decimal) -> Decimal:
    """numerator × 100 / denominator (denominator ≠ 0), multiplying first for exactness."""
    return _CTX.divide(_CTX.multiply(numerator, HUNDRED), denominator)


# --- capaian of one figure ----------------------------------------------------------------------
def achievement(direction: Direction | str, target: Number | None, realization: Number | None,
                *, turun_formula: TurunFormula | str = TurunFormula.DIFFERENCE,
                range_low: Number | None = None,
                range_high: Number | None = None) -> Achievement:
    """Capaian in percent of ``realization`` (R) against ``target`` (T).

    **naik** — ``R / T × 100``, not floored (R < 0, e.g. negative growth, gives a negative
    capaian), not capped:

    * T missing → ``NO_TARGET``; then R missing → ``NOT_REPORTED``;
    * T = 0: R = 0 → 100 (a zero target met); R ≠ 0 → ``NOT_MEASURABLE`` (the ratio is
      infinite; shown as "tidak dapat diukur" and left out of averages);
    * T < 0 → ``NOT_MEASURABLE`` (the ratio would reward the wrong direction).

    **turun**, ``TurunFormula.DIFFERENCE`` (default) — ``(2T − R) / T × 100`` floored at 0
    (R = T → 100, R = 0 → 200, R ≥ 2T → 0):

    * T missing → ``NO_TARGET``; R missing → ``NOT_REPORTED``;
    * T = 0: R ≤ 0 → 100 (met or beaten), R > 0 → 0;
    * T < 0 → ``NOT_MEASURABLE``.

    **turun**, ``TurunFormula.RATIO`` — ``T / R × 100``:

    * T missing / R missing / T < 0 and T = 0 as for DIFFERENCE (T = 0: R ≤ 0 → 100, R > 0 → 0);
    * T > 0 and R ≤ 0 → ``NOT_MEASURABLE`` (R = 0 makes the ratio infinite; R < 0 negative).

    **stabil** with band [L, U] = [``range_low``, ``range_high``] (``target`` is ignored):

    * L or U missing → ``NO_TARGET``; R missing → ``NOT_REPORTED``; L > U → ``ValueError``;
    * L ≤ R ≤ U → 100;
    * R < L: L > 0 → ``R / L × 100`` (not floored, like naik); L ≤ 0 → ``NOT_MEASURABLE``;
    * R > U: U > 0 → ``(2U − R) / U × 100`` floored at 0; U = 0 → 0; U < 0 →
      ``NOT_MEASURABLE``.
    """
    direction = Direction(direction)
    t, r = _dec(target, "target"), _dec(realization, "realization")
    if direction is Direction.STABIL:
        return _stabil(r, _dec(range_low, "range_low"), _dec(range_high, "range_high"))
    if t is None:
        return NO_TARGET
    if r is None:
        return NOT_REPORTED
    if t < 0:
        return NOT_MEASURABLE
    if direction is Direction.NAIK:
        if t == 0:
            return _FULL if r == 0 else NOT_MEASURABLE
        return _measured(_percent(r, t))
    if t == 0:
        return _FULL if r <= 0 else _NOTHING
    if TurunFormula(turun_formula) is TurunFormula.RATIO:
        return _measured(_percent(t, r)) if r > 0 else NOT_MEASURABLE
    return _measured(max(ZERO, _percent(_CTX.subtract(_CTX.multiply(2, t), r), t)))


def _stabil(r: Decimal | None, low: Decimal | None, high: Decimal | None) -> Achievement:
    if low is not None and high is not None and low > high:
        raise ValueError(f"range_low {low} is above range_high {high}")
    if low is None or high is None:
        return NO_TARGET
    if r is None:
        return NOT_REPORTED
    if low <= r <= high:
        return _FULL
    if r < low:
        return _measured(_percent(r, low)) if low > 0 else NOT_MEASURABLE
    if high > 0:
        return _measured(max(ZERO, _percent(_CTX.subtract(_CTX.multiply(2, high), r), high)))
    return _NOTHING if high == 0 else NOT_MEASURABLE


# --- quarters -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class IndicatorSpec:
    """What the arithmetic needs to know of an indicator (from the PK and the Rencana Aksi).

    ``quarter_targets`` holds TW I..IV (shorter tuples are padded with ``None``; ``None`` means
    no target was set for that quarter). ``cumulative_targets`` says the listed targets are
    running totals (TW III = what should be reached by the end of Q3); it only changes
    *akumulasi* indicators, since for *nilai akhir* and *rata-rata* each listed target is the
    level expected in its quarter either way. ``range_low``/``range_high`` are the band of a
    *stabil* indicator (its targets are then ignored). ``int`` values are converted to
    ``Decimal``; a band with L > U raises ``ValueError``.
    """

    direction: Direction
    accumulation: Accumulation = Accumulation.AKUMULASI
    cumulative_targets: bool = False
    annual_target: Decimal | None = None
    quarter_targets: tuple[Decimal | None, ...] = (None, None, None, None)
    range_low: Decimal | None = None
    range_high: Decimal | None = None
    turun_formula: TurunFormula = TurunFormula.DIFFERENCE

    def __post_init__(self) -> None:
        targets = tuple(_dec(t, "quarter_targets") for t in self.quarter_targets)
        if len(targets) > QUARTERS:
            raise ValueError(f"at most {QUARTERS} quarter targets, got {len(targets)}")
        low, high = _dec(self.range_low, "range_low"), _dec(self.range_high, "range_high")
        values: dict[str, object] = {
            "direction": Direction(self.direction),
            "accumulation": Accumulation(self.accumulation),
            "turun_formula": TurunFormula(self.turun_formula),
            "annual_target": _dec(self.annual_target, "annual_target"),
            "quarter_targets": targets + (None,) * (QUARTERS - len(targets)),
            "range_low": low,
            "range_high": high,
        }
        for name, value in values.items():
            object.__setattr__(self, name, value)
        if low is not None and high is not None and low > high:
            raise ValueError(f"range_low {low} is above range_high {high}")

    def achievement(self, target: Decimal | None, realization: Decimal | None) -> Achievement:
        """:func:`achievement` with this indicator's direction, formula and band."""
        return achievement(self.direction, target, realization, turun_formula=self.turun_formula,
                           range_low=self.range_low, range_high=self.range_high)


@dataclass(frozen=True)
class QuarterResult:
    """The figures of one indicator for *Triwulan* ``quarter``, as in the quarterly report."""

    quarter: int
    target_quarter: Decimal | None  # the quarter's own target
    target_to_date: Decimal | None  # target s.d. TW N
    realization_quarter: Decimal | None  # Realisasi TW N, as reported (None: not reported)
    realization_to_date: Decimal | None  # Realisasi s.d. TW N
    achievement_quarter: Achievement  # Capaian TW N
    achievement_to_date: Achievement  # Capaian s.d. TW N
    annual_progress: Achievement  # Realisasi s.d. TW N against the yearly target
    missing_quarters: tuple[int, ...] = field(default=())  # quarters ≤ N without realisation


def quarter_figures(spec: IndicatorSpec, realizations: Sequence[Number | None],
                    quarter: int) -> QuarterResult:
    """Target, realisation and capaian of *Triwulan* ``quarter`` (1..4) and up to it.

    ``realizations[i]`` is what was reported for TW i+1, per quarter (for *akumulasi* the
    quarter's own amount, for *nilai akhir* the level at the end of the quarter); ``None``
    or a short sequence means not reported. Values after ``quarter`` are ignored.

    Targets (T₁..T₄ = ``spec.quarter_targets``, ``None`` = no target set):

    * ``target_quarter``: *akumulasi* with cumulative targets → T_N − (the latest set target
      before N, or 0); otherwise T_N. ``None`` when T_N is ``None``.
    * ``target_to_date``: *akumulasi* → T_N if cumulative, else ΣT₁..T_N over the set ones;
      *nilai akhir* → T_N; *rata-rata* → mean of the set T₁..T_N. ``None`` when none is set.

    Realisation up to N, over the *reported* quarters only (``None`` when none is):
    *akumulasi* → sum; *nilai akhir* → the latest reported (possibly before N); *rata-rata* →
    mean. ``missing_quarters`` lists quarters 1..N without a realisation that the figure to
    date lacks (none for *nilai akhir* once R_N is reported), so that a report can say so.

    Capaian: ``achievement_quarter`` = capaian(target_quarter, R_N); ``achievement_to_date`` =
    capaian(target_to_date, realisation to date); ``annual_progress`` = capaian(annual target,
    realisation to date). All use the indicator's direction, so a *turun akumulasi* indicator
    shows progress above 100 early in the year; that is the formula, not an error.
    """
    if not 1 <= quarter <= QUARTERS:
        raise ValueError(f"quarter must be 1..{QUARTERS}, not {quarter}")
    reported = [_dec(value, "realizations") for value in realizations[:quarter]]
    reported += [None] * (quarter - len(reported))
    targets = spec.quarter_targets[:quarter]
    target_quarter, target_to_date = _targets(spec, targets)
    realization_to_date = _to_date(spec.accumulation, reported)
    return QuarterResult(
        quarter=quarter,
        target_quarter=target_quarter,
        target_to_date=target_to_date,
        realization_quarter=reported[-1],
        realization_to_date=realization_to_date,
        achievement_quarter=spec.achievement(target_quarter, reported[-1]),
        achievement_to_date=spec.achievement(target_to_date, realization_to_date),
        annual_progress=spec.achievement(spec.annual_target, realization_to_date),
        missing_quarters=_missing(spec.accumulation, reported),
    )


def _missing(accumulation: Accumulation, reported: list[Decimal | None]) -> tuple[int, ...]:
    """The quarters without a realisation that the figure to date lacks: for *nilai akhir*
    none once the quarter itself is reported, since earlier quarters do not count then."""
    if accumulation is Accumulation.NILAI_AKHIR and reported[-1] is not None:
        return ()
    return tuple(i + 1 for i, value in enumerate(reported) if value is None)


def _targets(spec: IndicatorSpec,
             targets: tuple[Decimal | None, ...]) -> tuple[Decimal | None, Decimal | None]:
    """``(target_quarter, target_to_date)`` for the last of ``targets``."""
    last = targets[-1]
    if spec.accumulation is Accumulation.AKUMULASI and spec.cumulative_targets:
        earlier = next((t for t in reversed(targets[:-1]) if t is not None), ZERO)
        return (None if last is None else _CTX.subtract(last, earlier)), last
    if spec.accumulation is Accumulation.AKUMULASI:
        return last, _sum(targets)
    if spec.accumulation is Accumulation.NILAI_AKHIR:
        return last, last
    return last, _mean(targets)


def _to_date(accumulation: Accumulation, values: list[Decimal | None]) -> Decimal | None:
    if accumulation is Accumulation.AKUMULASI:
        return _sum(values)
    if accumulation is Accumulation.NILAI_AKHIR:
        return next((value for value in reversed(values) if value is not None), None)
    return _mean(values)


def _sum(values: Iterable[Decimal | None]) -> Decimal | None:
    present = [value for value in values if value is not None]
    total = ZERO
    for value in present:
        total = _CTX.add(total, value)
    return total if present else None


def _mean(values: Iterable[Decimal | None]) -> Decimal | None:
    present = [value for value in values if value is not None]
    total = _sum(present)
    return None if total is None else _CTX.divide(total, Decimal(len(present)))


# --- money --------------------------------------------------------------------------------------
def absorption(realization: Number | None, budget: Number | None) -> Decimal | None:
    """*Serapan*: realisasi keuangan / pagu × 100.

    ``None`` when the realisation is not reported, or the pagu is missing, 0 or negative. Not
    capped (overspending shows above 100) and not floored (a correction may be negative).
    """
    r, b = _dec(realization, "realization"), _dec(budget, "budget")
    if r is None or b is None or b <= 0:
        return None
    return _percent(r, b)


@dataclass(frozen=True)
class FinancialResult:
    absorption: Decimal | None  # realisation / pagu × 100
    target_share: Decimal | None  # the quarter's financial target as % of pagu
    against_target: Decimal | None  # realisation / the quarter's financial target × 100


def financial(*, budget: Number | None, realization: Number | None,
              target: Number | None = None, target_in_percent: bool = False) -> FinancialResult:
    """Absorption against the pagu and against the financial target up to the quarter.

    ``target`` is the planned spending up to the quarter (*target keuangan s.d. TW N*), in
    Rupiah, or in percent of the pagu when ``target_in_percent``. Every field is ``None``
    when it cannot be computed: realisation not reported; pagu missing or ≤ 0 (absorption and
    ``target_share``; and ``against_target`` for a percent target); target missing or ≤ 0
    (``target_share`` and ``against_target``).
    """
    r, b, t = _dec(realization, "realization"), _dec(budget, "budget"), _dec(target, "target")
    serapan = absorption(r, b)
    if t is None or t <= 0:
        return FinancialResult(serapan, None, None)
    if target_in_percent:
        against = None if serapan is None else _percent(serapan, t)
        return FinancialResult(serapan, t, against)
    share = absorption(t, b)
    against = None if r is None else _percent(r, t)
    return FinancialResult(serapan, share, against)


class EfficiencyLevel(StrEnum):
    EFISIEN = "efisien"
    CUKUP_EFISIEN = "cukup_efisien"
    TIDAK_EFISIEN = "tidak_efisien"


@dataclass(frozen=True)
class EfficiencyThresholds:
    """Above ``upper`` efisien; below ``lower`` tidak efisien; between (inclusive) cukup."""

    upper: Decimal = Decimal(5)
    lower: Decimal = Decimal(-5)

    def __post_init__(self) -> None:
        upper, lower = _dec(self.upper, "upper"), _dec(self.lower, "lower")
        if upper is None or lower is None or lower > upper:
            raise ValueError(f"efficiency thresholds out of order: {lower} > {upper}")
        object.__setattr__(self, "upper", upper)
        object.__setattr__(self, "lower", lower)


DEFAULT_EFFICIENCY = EfficiencyThresholds()


@dataclass(frozen=True)
class Efficiency:
    difference: Decimal  # capaian kinerja − serapan, in percentage points, full precision
    level: EfficiencyLevel


def efficiency(achievement_pct: Achievement | Number | None, absorption_pct: Number | None,
               *, thresholds: EfficiencyThresholds = DEFAULT_EFFICIENCY,
               places: int | None = 2) -> Efficiency | None:
    """*Efisiensi*: capaian kinerja % − serapan %, classified by ``thresholds``.

    Default: difference > +5 → efisien; −5 ≤ difference ≤ +5 → cukup efisien; < −5 → tidak
    efisien. The difference is compared after rounding half up to ``places`` (the precision
    shown), so the label always agrees with the printed number; ``places=None`` compares the
    raw value. ``None`` when either side is missing or not measured.
    """
    a = _value(achievement_pct)
    s = _dec(absorption_pct, "absorption_pct")
    if a is None or s is None:
        return None
    difference = _CTX.subtract(a, s)
    compared = difference if places is None else round_display(difference, places)
    assert compared is not None
    if compared > thresholds.upper:
        level = EfficiencyLevel.EFISIEN
    elif compared < thresholds.lower:
        level = EfficiencyLevel.TIDAK_EFISIEN
    else:
        level = EfficiencyLevel.CUKUP_EFISIEN
    return Efficiency(difference, level)


# --- predikat and averages ----------------------------------------------------------------------
class Predikat(StrEnum):
    SANGAT_TINGGI = "sangat_tinggi"
    TINGGI = "tinggi"
    SEDANG = "sedang"
    RENDAH = "rendah"
    SANGAT_RENDAH = "sangat_rendah"


@dataclass(frozen=True)
class PredikatScale:
    """Bands as ``(minimum, key)``, highest first: a value ≥ minimum gets the key of the first
    band it reaches, else ``lowest``. Keys are free strings so an agency may use its own scale.
    """

    bands: tuple[tuple[Decimal, str], ...]
    lowest: str

    def __post_init__(self) -> None:
        bands = tuple((_dec(low, "band minimum"), key) for low, key in self.bands)
        minima = [low for low, _ in bands]
        if any(a is None or b is None or a <= b for a, b in pairwise(minima)):
            raise ValueError("predikat bands must be strictly descending")
        object.__setattr__(self, "bands", bands)

    def classify(self, value: Decimal) -> str:
        return next((key for low, key in self.bands if value >= low), self.lowest)


DEFAULT_PREDIKAT_SCALE = PredikatScale(
    bands=(
        (Decimal(91), Predikat.SANGAT_TINGGI),
        (Decimal(76), Predikat.TINGGI),
        (Decimal(66), Predikat.SEDANG),
        (Decimal(51), Predikat.RENDAH),
    ),
    lowest=Predikat.SANGAT_RENDAH,
)


def predikat(value: Achievement | Number | None, scale: PredikatScale = DEFAULT_PREDIKAT_SCALE,
             *, places: int | None = 2) -> str | None:
    """The predikat of a capaian; default scale ≥ 91 Sangat Tinggi · 76 to < 91 Tinggi ·
    66 to < 76 Sedang · 51 to < 66 Rendah · < 51 Sangat Rendah.

    The value is rounded half up to ``places`` first (the precision shown), so 90.995 prints as
    91,00 and is Sangat Tinggi; ``places=None`` classifies the raw value. ``None`` for a missing
    or unmeasured capaian. With the default scale the result is a :class:`Predikat`.
    """
    raw = _value(value)
    if raw is None:
        return None
    compared = raw if places is None else round_display(raw, places)
    assert compared is not None
    return scale.classify(compared)


@dataclass(frozen=True)
class AverageResult:
    value: Decimal | None  # the mean of the (capped) measured values; None when there are none
    count: int  # values averaged
    skipped: int  # values left out: None, or an Achievement that is not measured
    capped: int  # values lowered to the cap before averaging


def average_achievement(values: Iterable[Achievement | Number | None], *,
                        cap: Number | None = None) -> AverageResult:
    """Mean capaian of a goal or a division, each value first limited to ``cap`` if given.

    The cap (e.g. 100 or 120) applies only here, to the copies being averaged; the raw capaian
    stays as it is everywhere else. Values below the cap, including negative ones, are kept
    as they are. ``cap`` ≤ 0 raises ``ValueError``.
    """
    limit = _dec(cap, "cap")
    if limit is not None and limit <= 0:
        raise ValueError(f"cap must be positive, not {limit}")
    used: list[Decimal] = []
    skipped = capped = 0
    for item in values:
        raw = _value(item)
        if raw is None:
            skipped += 1
            continue
        if limit is not None and raw > limit:
            capped += 1
            raw = limit
        used.append(raw)
    return AverageResult(_mean(used), len(used), skipped, capped)


def _value(item: Achievement | Number | None) -> Decimal | None:
    if isinstance(item, Achievement):
        return item.value
    return _dec(item)
