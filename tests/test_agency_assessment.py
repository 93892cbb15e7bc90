"""Each agency's own cap on averaged capaian, predikat scale and efisiensi thresholds: typed,
refused with a reason, kept, shown, and used for its reports."""
# ruff: noqa: F811  (pytest fixtures imported from other test modules are parameters here)

from __future__ import annotations

import io
from decimal import Decimal as D
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlmodel import select

from bot.domain import errors
from bot.domain.capaian import DEFAULT_EFFICIENCY, DEFAULT_PREDIKAT_SCALE, Predikat
from bot.domain.report_settings import (
    ReportSettings,
    parse_cap,
    parse_scale,
    parse_thresholds,
)
from bot.domain.sop import DocumentKind
from bot.services import provisioning
from bot.services.context import ServiceContext
from storage import documents
from storage.documents import FileStore
from storage.models import MeasurementCycle
from tests.test_cli import env, run  # noqa: F401
from tests.test_cli_agencies import two  # noqa: F401
from tests.test_delegation import _to_review
from tests.test_letterhead import _latest
from tests.test_realization import Clock, at_step_4, people  # noqa: F401


@pytest.fixture
def ctx(engine, tmp_path: Path) -> ServiceContext:  # type: ignore[no-untyped-def]
    return ServiceContext(engine=engine, store=FileStore(tmp_path), clock=Clock())


def test_settings_are_read_the_indonesian_way_and_kept_as_they_differ() -> None:
    settings = ReportSettings(cap=parse_cap("120"), scale=parse_scale("90,5; 75 65/50"),
                              thresholds=parse_thresholds("-10 7,5"))
    assert settings.cap == D(120)
    assert [low for low, _ in settings.scale.bands] == [D("90.5"), D(75), D(65), D(50)]
    assert settings.scale.classify(D("90.4")) == Predikat.TINGGI
    assert settings.scale.classify(D(49)) == Predikat.SANGAT_RENDAH
    assert (settings.thresholds.lower, settings.thresholds.upper) == (D(-10), D("7.5"))
    stored = settings.to_mapping()
    assert stored == {"cap": "120", "predikat": ["90.5", "75", "65", "50"],
                      "efisiensi": ["-10", "7.5"]}
    assert ReportSettings.from_mapping(stored) == settings
    assert ReportSettings().to_mapping() == {} and ReportSettings.from_mapping({}) == (
        ReportSettings(None, DEFAULT_PREDIKAT_SCALE, DEFAULT_EFFICIENCY))
    assert parse_cap("  ") is None


@pytest.mark.parametrize(("parse", "typed", "reason"), [
    (parse_cap, "90", "setting_cap"),  # a met target would count as missed
    (parse_cap, "seratus", "setting_cap"),
    (parse_scale, "91 76 66", "setting_predikat"),
    (parse_scale, "51 66 76 91", "setting_predikat"),
    (parse_scale, "91 76 76 51", "setting_predikat"),
    (parse_scale, "91 76 66 -1", "setting_predikat"),
    (parse_thresholds, "5 -5", "setting_efisiensi"),
    (parse_thresholds, "-5", "setting_efisiensi"),
])
def test_a_setting_that_cannot_be_used_is_refused_with_its_reason(parse, typed, reason) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(errors.InvalidInput) as refused:
        parse(typed)
    assert refused.value.params["reason"] == reason


def test_the_report_judges_by_the_agency_settings(ctx: ServiceContext,
                                                  at_step_4: dict[str, int]) -> None:
    provisioning.set_profile(ctx, cap="120", predikat="95 80 70 55", efficiency="-2 2")
    with pytest.raises(errors.InvalidInput):
        provisioning.set_profile(ctx, cap="110", predikat="1 2 3 4")
    assert provisioning.profile(ctx).settings.cap == D(120), "a refusal changes nothing"
    _to_review(ctx, at_step_4)
    book = load_workbook(io.BytesIO(_latest(ctx, DocumentKind.REPORT, ".xlsx")))
    words = " ".join(str(c.value) for row in book["Ringkasan"].iter_rows() for c in row
                     if c.value is not None)
    assert "maks. 120%" in words
    assert "≥ 95 Sangat Tinggi; 80 – < 95 Tinggi" in words
    assert "di atas +2 efisien, -2 s.d. +2 cukup efisien" in words
    provisioning.set_profile(ctx, cap="", predikat="", efficiency="")
    assert provisioning.profile(ctx).settings == ReportSettings()


def test_the_charts_are_drawn_once_by_the_agency_scale_and_attached_to_the_pdf(
        ctx: ServiceContext, at_step_4: dict[str, int], monkeypatch: pytest.MonkeyPatch) -> None:
    """The pictures the Sekretaris and the Kepala Dinas get are the charts of the PDF."""
    provisioning.set_profile(ctx, predikat="95 80 70 55")
    rendered: list[tuple[str, dict[str, object]]] = []
    render = ctx.reports.render

    def recording(renderer, /, **values):  # type: ignore[no-untyped-def]
        result = render(renderer, **values)
        rendered.append((renderer.__name__, {**values, "result": result}))
        return result

    monkeypatch.setattr(ctx.reports, "render", recording)
    _to_review(ctx, at_step_4)
    names = [name for name, _ in rendered]
    assert names.count("report_charts") == 1
    drawn = next(values for name, values in rendered if name == "report_charts")
    scale = drawn["scale"]
    assert isinstance(scale, type(DEFAULT_PREDIKAT_SCALE)) and scale != DEFAULT_PREDIKAT_SCALE
    pdf = next(values for name, values in rendered if name == "report_pdf")
    assert pdf["chart_images"] == [png for _, png in drawn["result"]]  # type: ignore[attr-defined]
    assert pdf["chart_images"], "given, so that the PDF does not draw its own"
    pictures = [_latest_named(ctx, DocumentKind.CHART, start)
                for start in ("Grafik-Capaian", "Grafik-Serapan")]
    assert pictures == pdf["chart_images"]


def _latest_named(ctx: ServiceContext, kind: DocumentKind, start: str) -> bytes:
    with ctx.transaction() as session:
        cycle = session.exec(select(MeasurementCycle)).one()
        assert cycle.id is not None
        found = [d for d in documents.documents_of(session=session, cycle_id=cycle.id, kind=kind)
                 if d.original_name.startswith(start)]
    return ctx.store.read(max(found, key=lambda d: d.id or 0).path)


def test_the_cli_sets_and_shows_the_settings(capsys: pytest.CaptureFixture[str],
                                             two: None) -> None:
    code, out, err = run(capsys, "agency", "set", "--agency", "pupr", "--cap", "120",
                         "--predikat", "90 75 65 50", "--efficiency", "-10 10")
    assert code == 0, err
    assert "Batas capaian dalam rata-rata: 120%" in out
    assert ("Skala predikat: ≥ 90 Sangat Tinggi; ≥ 75 Tinggi; ≥ 65 Sedang; ≥ 50 Rendah; "
            "di bawahnya Sangat Rendah") in out
    assert "Efisiensi: di bawah -10 tidak efisien, di atas 10 efisien" in out
    code, out, _ = run(capsys, "agency", "show", "--agency", "dinkes")
    assert "Batas capaian dalam rata-rata: tanpa batas" in out
    code, _, err = run(capsys, "agency", "set", "--agency", "pupr", "--predikat", "90 75")
    assert code != 0 and "Skala predikat \"90 75\" tidak dapat dipakai" in err
    code, out, _ = run(capsys, "agency", "set", "--agency", "pupr", "--cap", "")
    assert code == 0 and "tanpa batas" in out and "≥ 90 Sangat Tinggi" in out
