"""PNG charts for the report and the chat: capaian per indicator, serapan per division.

matplotlib's object API on an Agg canvas (no pyplot, no global state, nothing is shown), so
charts can be drawn from any thread. Images are ``width_px`` wide (1000 by default: readable
on a phone) and as tall as their rows need; more than ``max_bars`` rows are cut to the highest
and lowest values, with a note saying so.
"""

from __future__ import annotations

import io
import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter

from bot.domain.capaian import DEFAULT_PREDIKAT_SCALE, Predikat, PredikatScale, predikat
from bot.formatting import as_decimal, number

Value = Decimal | float | int | None

PREDIKAT_LABELS: dict[str, str] = {
    Predikat.SANGAT_TINGGI: "Sangat Tinggi",
    Predikat.TINGGI: "Tinggi",
    Predikat.SEDANG: "Sedang",
    Predikat.RENDAH: "Rendah",
    Predikat.SANGAT_RENDAH: "Sangat Rendah",
}
PREDIKAT_COLOURS: dict[str, str] = {
    Predikat.SANGAT_TINGGI: "#1B7F3B",
    Predikat.TINGGI: "#5DAE5A",
    Predikat.SEDANG: "#E3B505",
    Predikat.RENDAH: "#EE7D22",
    Predikat.SANGAT_RENDAH: "#C62828",
}
ABSORPTION_COLOUR = "#1F4E78"
MISSING_COLOUR = "#9E9E9E"
OTHER_COLOUR = "#607D8B"  # a predikat key of a custom scale without a colour
NOT_REPORTED = "belum dilaporkan"
NO_TARGET = "tanpa target triwulan ini"  # reported, but nothing to measure it against
NO_TARGET_COLOUR = "#CFD8DC"
DPI = 100
MAX_BARS = 60

_LABEL_CHARS = 38
_LABEL_LINES = 3
_LINE_IN = 0.24  # height of one label line, inches
_ROW_PAD_IN = 0.22


def percent_label(value: Value, places: int = 2) -> str:
    """``87,5%``, ``100%``, ``-12,25%``: rounded half up, trailing zeros dropped."""
    number_ = as_decimal(value)
    if number_ is None:
        return "-"
    text = number(number_, places)
    if "," in text:
        text = text.rstrip("0").rstrip(",")
    return f"{text}%"


def predikat_label(key: str | None) -> str:
    """``Sangat Tinggi`` for ``sangat_tinggi``; other keys are shown capitalised."""
    if key is None:
        return "-"
    return PREDIKAT_LABELS.get(key, key.replace("_", " ").title())


def predikat_of(value: Value, scale: PredikatScale = DEFAULT_PREDIKAT_SCALE) -> str | None:
    """:func:`bot.domain.capaian.predikat` for a Decimal, float or int capaian."""
    number_ = as_decimal(value)
    return None if number_ is None else predikat(number_, scale)


@dataclass(frozen=True)
class _Bar:
    label: str
    value: float | None
    colour: str
    note: str = NOT_REPORTED  # written instead of a bar when there is no value


def achievement_chart(
    rows: Sequence[tuple[str, Value]], title: str, *,
    scale: PredikatScale = DEFAULT_PREDIKAT_SCALE, max_bars: int = MAX_BARS,
    width_px: int = 1000, without_target: Sequence[str] = (),
) -> bytes:
    """Horizontal bars of capaian (%) per indicator, coloured by predikat, a dashed line at
    100 %, each value written in Indonesian (``87,5%``); a missing value (``None``) shows
    *belum dilaporkan*, or *tanpa target triwulan ini* for a label in ``without_target`` (its
    realisation was reported, but the quarter has no target to measure it against). Rows keep
    their order unless there are more than ``max_bars``."""
    bars = []
    for label, value in rows:
        key = predikat_of(value, scale)
        number_ = as_decimal(value)
        if number_ is None and label in without_target:
            bars.append(_Bar(label, None, NO_TARGET_COLOUR, NO_TARGET))
            continue
        colour = MISSING_COLOUR if key is None else PREDIKAT_COLOURS.get(key, OTHER_COLOUR)
        bars.append(_Bar(label, None if number_ is None else float(number_), colour))
    shown, note = _bounded(bars, max_bars, "indikator")
    keys = [low_key[1] for low_key in scale.bands] + [scale.lowest]
    legend = [Patch(color=PREDIKAT_COLOURS.get(k, OTHER_COLOUR),
                    label=_band_label(scale, k)) for k in keys]
    for colour, why in ((MISSING_COLOUR, NOT_REPORTED), (NO_TARGET_COLOUR, NO_TARGET)):
        if any(bar.value is None and bar.note == why for bar in shown):
            legend.append(Patch(color=colour, label=why.capitalize()))
    return _draw(shown, title, note=note, reference=100.0, reference_label="Target 100%",
                 legend=legend, xlabel="Capaian (%)", width_px=width_px)


def absorption_chart(
    rows: Sequence[tuple[str, Value]], title: str, *, reference: Value = None,
    reference_label: str = "Target", max_bars: int = MAX_BARS, width_px: int = 1000,
) -> bytes:
    """Horizontal bars of serapan anggaran (%) per division, values in Indonesian; an optional
    dashed ``reference`` line (e.g. the planned share for the quarter)."""
    bars = []
    for label, value in rows:
        number_ = as_decimal(value)
        bars.append(_Bar(label, None if number_ is None else float(number_),
                         ABSORPTION_COLOUR if number_ is not None else MISSING_COLOUR))
    shown, note = _bounded(bars, max_bars, "bidang")
    line = as_decimal(reference)
    label = f"{reference_label} {percent_label(line)}" if line is not None else ""
    return _draw(shown, title, note=note, reference=None if line is None else float(line),
                 reference_label=label, legend=[], xlabel="Serapan anggaran (%)",
                 width_px=width_px)


LATE_COLOUR, ON_TIME_COLOUR = "#C62828", "#2E7D32"


def lateness_chart(rows: Sequence[tuple[str, Value]], title: str, *,
                   width_px: int = 1000) -> bytes:
    """Horizontal bars of the share of a step's runs that overran its Mutu Baku (%), red when
    any did, green when none did: which steps of the SOP to look at, at a glance."""
    bars = []
    for label, value in rows:
        number_ = as_decimal(value)
        share = None if number_ is None else float(number_)
        bars.append(_Bar(label, share, LATE_COLOUR if share else ON_TIME_COLOUR))
    legend = [Patch(color=LATE_COLOUR, label="Ada yang terlambat"),
              Patch(color=ON_TIME_COLOUR, label="Selalu tepat waktu")]
    return _draw(bars, title, note=None, reference=None, reference_label="", legend=legend,
                 xlabel="Terlambat dari Mutu Baku (% pelaksanaan)", width_px=width_px)


RUNNING_COLOUR = "#F9A825"
NOT_STARTED = "belum dimulai"


def step_time_chart(rows: Sequence[tuple[str, Value, str]], title: str, *,
                    width_px: int = 1000) -> bytes:
    """Each SOP step of a cycle as a bar of the working time it has used, in percent of its
    Mutu Baku (the dashed line): ``rows`` are (label, percent or None, state), the state one
    of done | late | active | overdue | waiting, which gives the colour."""
    colours = {"done": ON_TIME_COLOUR, "late": LATE_COLOUR, "active": RUNNING_COLOUR,
               "overdue": LATE_COLOUR}
    bars = []
    for label, value, state in rows:
        number_ = as_decimal(value)
        bars.append(_Bar(label, None if number_ is None else float(number_),
                         colours.get(state, "#9E9E9E"), note=NOT_STARTED))
    legend = [Patch(color=ON_TIME_COLOUR, label="Selesai tepat waktu"),
              Patch(color=RUNNING_COLOUR, label="Sedang berjalan"),
              Patch(color=LATE_COLOUR, label="Melewati Mutu Baku")]
    return _draw(bars, title, note=None, reference=100.0, reference_label="Mutu Baku",
                 legend=legend, xlabel="Waktu kerja terpakai (% Mutu Baku)", width_px=width_px)


def _band_label(scale: PredikatScale, key: str) -> str:
    bands = list(scale.bands)
    for index, (low, band_key) in enumerate(bands):
        if band_key == key:
            upper = f" – < {number(bands[index - 1][0], 0)}" if index else ""
            return f"{predikat_label(key)} (≥ {number(low, 0)}{upper})"
    return f"{predikat_label(key)} (< {number(bands[-1][0], 0)})" if bands else key


def _bounded(bars: list[_Bar], max_bars: int, noun: str) -> tuple[list[_Bar], str | None]:
    """At most ``max_bars`` bars: the highest and the lowest measured ones, with a note."""
    if len(bars) <= max_bars:
        return bars, None
    measured = sorted((b for b in bars if b.value is not None),
                      key=lambda b: b.value or 0.0, reverse=True)
    half = max(1, max_bars // 2)
    missing = len(bars) - len(measured)
    if len(measured) <= max_bars:
        shown = measured
        note = f"Ditampilkan {len(measured)} dari {len(bars)} {noun}"
    else:
        shown = [*measured[:half], _Bar("…", None, "none"), *measured[-half:]]
        note = (f"Ditampilkan {half} tertinggi dan {half} terendah dari {len(bars)} {noun}")
    if missing:
        note += f"; {missing} {NOT_REPORTED}"
    return shown, note + "."


def _wrap(label: str) -> str:
    lines = textwrap.wrap(" ".join(str(label).split()), _LABEL_CHARS) or ["-"]
    if len(lines) > _LABEL_LINES:
        lines = lines[:_LABEL_LINES]
        lines[-1] = lines[-1][: _LABEL_CHARS - 1].rstrip() + "…"
    return "\n".join(lines)


def _draw(bars: list[_Bar], title: str, *, note: str | None, reference: float | None,
          reference_label: str, legend: list[Patch], xlabel: str, width_px: int) -> bytes:
    labels = [_wrap(bar.label) for bar in bars]
    heights = [label.count("\n") * _LINE_IN + _LINE_IN + _ROW_PAD_IN for label in labels]
    title_lines = textwrap.wrap(" ".join(title.split()), 60) or [""]
    top_in = 0.35 + 0.32 * len(title_lines) + (0.3 if note else 0) + (0.25 if reference else 0)
    legend_rows = math.ceil(len(legend) / 3)
    bottom_in = 0.75 + 0.3 * legend_rows
    rows_in = max(sum(heights), 1.2)
    width_in = width_px / DPI
    height_in = round((top_in + rows_in + bottom_in) * DPI) / DPI

    figure = Figure(figsize=(width_in, height_in), dpi=DPI)
    FigureCanvasAgg(figure)
    axes = figure.add_axes((0.39, bottom_in / height_in, 0.57, rows_in / height_in))
    centres, y = [], 0.0
    for h in heights:
        centres.append(y + h / 2)
        y += h
    values = [bar.value for bar in bars if bar.value is not None]
    high = max([*values, reference or 0.0, 100.0 if reference else 0.0, 1.0])
    low = min([*values, 0.0])
    span = high - low
    axes.set_xlim(low - (0.2 * span if low < 0 else 0), high + 0.2 * span)
    axes.set_ylim(max(y, 1.0), 0)
    bar_height = [0.62 * min(h, _LINE_IN + _ROW_PAD_IN) for h in heights]
    for bar, centre, size in zip(bars, centres, bar_height, strict=True):
        if bar.value is None:
            if bar.colour != "none":
                axes.text(0.01 * span, centre, bar.note, va="center", ha="left",
                          fontsize=11, style="italic", color="#616161")
            continue
        axes.barh(centre, bar.value, height=size, color=bar.colour)
        # A negative bar's value is written right of the zero line, away from the labels.
        axes.text(max(bar.value, 0.0) + 0.01 * span, centre, percent_label(bar.value),
                  va="center", ha="left", fontsize=12, fontweight="bold", color="#212121",
                  zorder=4, bbox={"facecolor": "white", "edgecolor": "none", "pad": 1,
                                  "alpha": 0.8})
    axes.set_yticks(centres, labels, fontsize=11)
    axes.tick_params(axis="y", length=0)
    axes.tick_params(axis="x", labelsize=11)
    axes.xaxis.set_major_formatter(FuncFormatter(lambda x, _pos: percent_label(x, 1)))
    axes.set_xlabel(xlabel, fontsize=12)
    axes.grid(axis="x", color="#E0E0E0", linewidth=0.8)
    axes.set_axisbelow(True)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    if low < 0:
        axes.axvline(0, color="#424242", linewidth=0.8)
    if reference is not None:
        axes.axvline(reference, color="#212121", linestyle="--", linewidth=1.4)
        if reference_label:
            axes.text(reference, 0, f" {reference_label}", va="bottom", ha="center",
                      fontsize=11, color="#212121", clip_on=False)
    if not bars:
        axes.text(0.5, 0.5, "Belum ada data", transform=axes.transAxes, ha="center",
                  va="center", fontsize=13, color="#616161")
        axes.set_yticks([])
    figure.text(0.5, 1 - 0.2 / height_in, "\n".join(title_lines), ha="center", va="top",
                fontsize=15, fontweight="bold")
    if note:
        figure.text(0.5, 1 - (0.25 + 0.32 * len(title_lines)) / height_in, note, ha="center",
                    va="top", fontsize=11, style="italic", color="#424242")
    if legend:
        figure.legend(handles=legend, loc="lower center", ncol=3, fontsize=10, frameon=False,
                      bbox_to_anchor=(0.5, 0.05 / height_in))
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return buffer.getvalue()


def trend_chart(series: Sequence[tuple[str, Sequence[Value]]], quarters: Sequence[str],
                title: str, width_px: int = 1000) -> bytes:
    """Capaian per quarter, one line per series (e.g. the agency average and each goal)."""
    figure = Figure(figsize=(width_px / 100, 5.5), dpi=100)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    positions = list(range(len(quarters)))
    for label, values in series:
        points = [(x, float(v)) for x, v in zip(positions, (as_decimal(v) for v in values),
                                               strict=True) if v is not None]
        if points:
            xs, ys = zip(*points, strict=True)
            axes.plot(xs, ys, marker="o", label=textwrap.shorten(label, 45))
            for x, y in points:
                axes.annotate(percent_label(y), (x, y), textcoords="offset points",
                              xytext=(0, 6), ha="center", fontsize=8)
    axes.axhline(100, color="black", linestyle="--", linewidth=1)
    axes.set_xticks(positions, list(quarters))
    axes.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{number(v, 0)}%"))
    axes.set_title(title, fontweight="bold")
    axes.grid(axis="y", alpha=0.3)
    if series:
        axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.08), ncol=2, fontsize=8,
                    frameon=False)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()
