"""How long the compiled report of a large agency takes: report rows plus the Excel workbook.

Run from the repository root::

    python -m benchmarks.bench_report [--indicators 1000] [--divisions 10] [--repeat 3]

Setup (not timed): a SQLite database in a temporary folder, as the bot uses by default; an
agency with the Sekretariat and ``--divisions - 1`` Bidang; a Perjanjian Kinerja of
``--indicators`` indicators generated with the master-data template helpers
(``reports.master_template``), modelled on the 13 sample indicators (every direction and
accumulation kind, cumulative and per-quarter targets) and spread over the divisions in turn,
with a DPA tree of one program, two kegiatan and five sub kegiatan per division; the workbook is
imported through ``master_data.import_master`` like an admin's upload. Cycles for TW I and TW II
are opened through the services, and every indicator and sub kegiatan gets a realisation in
both (TW II needs TW I for its figures s.d. TW), with one evidence file per indicator in TW II
and obstacles and follow-up where the value misses its target.

Timed, wall clock, best of ``--repeat`` fresh sessions, in the order
``step_documents._make_report`` does the work: the divisions' parts (evidence per division),
``realization.report_rows`` and ``workbooks.compiled_report``. The number of SQL statements
``report_rows`` issues is counted too. ``--profile FILE`` writes cProfile statistics of one more
repetition and prints the top. Then, once each, the other files built from the same rows: the
report PDF, the ESR workbook and the ESR PDF (the two PDFs together should take under
``PDF_TARGET_SECONDS``). """

from __future__ import annotations

import argparse
import cProfile
import hashlib
import io
import os
import platform
import pstats
import random
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import openpyxl
import sqlalchemy
from sqlalchemy import event
from sqlmodel import Session

from bot.bootstrap import build_context
from bot.config import Settings
from bot.domain.sop import DocumentKind, Role, StepKey
from bot.sample_data.master_sample import INDICATORS as SAMPLE_INDICATORS
from bot.services import master_data, provisioning, realization, steps
from bot.services.context import ServiceContext
from reports import esr, report_pdf, workbooks
from reports.heading import ReportHeading, SignOff
from reports.master_template import master_workbook, write_rows
from reports.sheets import to_bytes
from storage import agencies, documents, performance
from storage.models import (
    Document,
    FinancialRealization,
    IndicatorRealization,
    MeasurementCycle,
)

YEAR = 2025  # fixed, so that every run builds the same agency
REPORT_QUARTER = 2
AGENCY_NAME = "Dinas Uji Beban Provinsi Sumatera Barat"
AGENCY_CODE = "bench"
HEAD_TELEGRAM_ID = 700_001
INDICATORS_PER_GOAL = 50
KEGIATAN_PER_PROGRAM = 2
SUBS_PER_KEGIATAN = 5
SUB_BUDGET = 1_250_000_000  # Rp per sub kegiatan
MONEY_PLAN = ("0.15", "0.45", "0.75", "0.96")  # cumulative share of the pagu by TW I-IV
TARGET_SECONDS = 3.0  # ROADMAP: the report of a 1,000-indicator agency in under 3 s
PDF_TARGET_SECONDS = 6.0  # report_pdf + esr_pdf of that agency (were 17 s + 26 s)
SEED = 20250401


# --- the synthetic Perjanjian Kinerja ---------------------------------------------------------
def _division_names(count: int) -> list[str]:
    """Bidang names; the Sekretariat exists in every agency and makes up the count."""
    return [f"Bidang {n:02d}" for n in range(1, count)]


def _indicator_rows(count: int, divisions: Sequence[str]) -> list[dict[str, object]]:
    """``count`` indicators cycling through the sample's kinds, the divisions taken in turn."""
    goals = max(1, -(-count // INDICATORS_PER_GOAL))
    rows = []
    for index in range(count):
        template = SAMPLE_INDICATORS[index % len(SAMPLE_INDICATORS)]
        division = divisions[index % len(divisions)]
        rows.append({
            **template,
            "code": f"IK{index + 1:04d}",
            "goal_code": f"SS{index * goals // count + 1:02d}",
            "name": f"{template['name']} ({division}, indikator {index + 1})",
            "division": division,
        })
    return rows


def _goal_rows(count: int) -> list[dict[str, object]]:
    goals = max(1, -(-count // INDICATORS_PER_GOAL))
    return [{"code": f"SS{n:02d}", "name": f"Sasaran strategis {n} dinas uji beban"}
            for n in range(1, goals + 1)]


def _money(value: Decimal) -> Decimal:
    return value.quantize(Decimal(1), rounding=ROUND_HALF_UP)


def _budget_rows(divisions: Sequence[str],
                 indicators: Sequence[dict[str, object]]) -> list[dict[str, object]]:
    """Per division one program, its kegiatan and sub kegiatan; each sub kegiatan names a share
    of the division's indicators."""
    rows: list[dict[str, object]] = []
    targets = [_money(Decimal(SUB_BUDGET) * Decimal(share)) for share in MONEY_PLAN]
    subs_per_program = KEGIATAN_PER_PROGRAM * SUBS_PER_KEGIATAN
    for number, division in enumerate(divisions, 1):
        codes = [str(row["code"]) for row in indicators if row["division"] == division]
        program = f"1.{number:02d}.01"
        rows.append({"level": "program", "code": program, "division": division,
                     "name": f"PROGRAM {division.upper()}",
                     "budget": Decimal(SUB_BUDGET * subs_per_program),
                     **{f"target_q{q}": t * subs_per_program
                        for q, t in enumerate(targets, 1)}})
        for k in range(1, KEGIATAN_PER_PROGRAM + 1):
            activity = f"{program}.2.{k:02d}"
            rows.append({"level": "kegiatan", "code": activity, "parent_code": program,
                         "name": f"Kegiatan {k} {division}",
                         "budget": Decimal(SUB_BUDGET * SUBS_PER_KEGIATAN),
                         **{f"target_q{q}": t * SUBS_PER_KEGIATAN
                            for q, t in enumerate(targets, 1)}})
            for s in range(1, SUBS_PER_KEGIATAN + 1):
                slot = (k - 1) * SUBS_PER_KEGIATAN + s - 1
                rows.append({"level": "sub kegiatan", "code": f"{activity}.{s:04d}",
                             "parent_code": activity, "division": division,
                             "name": f"Sub kegiatan {k}.{s} {division}",
                             "budget": Decimal(SUB_BUDGET),
                             **{f"target_q{q}": t for q, t in enumerate(targets, 1)},
                             "indicator_codes": ", ".join(codes[slot::subs_per_program])})
    return rows


def master_bytes(indicators: int, divisions: Sequence[str], year: int = YEAR) -> bytes:
    """The filled master-data workbook of ``year``, built with the template helpers."""
    everyone = ["Sekretariat", *divisions]
    rows = _indicator_rows(indicators, everyone)
    book = master_workbook(year=year, divisions=everyone)
    write_rows(book, "goals", _goal_rows(indicators))
    write_rows(book, "indicators", rows)
    write_rows(book, "budget", _budget_rows(everyone, rows))
    return to_bytes(book)


# --- realisations -----------------------------------------------------------------------------
def _value(target: Decimal | None, decimals: int, rng: random.Random) -> Decimal:
    """A realisation near the target (85-108 %), with the indicator's decimals."""
    base = target if target is not None else Decimal(50)
    factor = Decimal(str(round(rng.uniform(0.85, 1.08), 4)))
    return (base * factor).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def _fill_cycle(ctx: ServiceContext, cycle_id: int, *, evidence: bool, rng: random.Random) -> None:
    """Every indicator and sub kegiatan of the cycle's agreement gets its realisation."""
    now = ctx.now()
    with ctx.transaction() as session:
        cycle = session.get(MeasurementCycle, cycle_id)
        assert cycle is not None and cycle.agreement_id is not None
        records: list[Any] = []
        for indicator in performance.indicators_of(session=session,
                                                   agreement_id=cycle.agreement_id):
            assert indicator.id is not None
            target = getattr(indicator, f"target_q{cycle.quarter}")
            value = _value(target, indicator.decimals, rng)
            short = target is not None and value < target
            records.append(IndicatorRealization(
                cycle_id=cycle_id, indicator_id=indicator.id, division_id=indicator.division_id,
                value=value, explanation=f"Realisasi {indicator.code} sesuai data bidang.",
                obstacles="Pengadaan terlambat karena lelang ulang." if short else None,
                follow_up="Percepatan pekerjaan pada triwulan berikutnya." if short else None,
                updated_at=now))
            if evidence:
                name = f"Data-dukung-{indicator.code}.pdf"
                records.append(Document(
                    agency_id=cycle.agency_id, cycle_id=cycle_id, step=StepKey.FILL_IN,
                    kind=DocumentKind.EVIDENCE, division_id=indicator.division_id,
                    indicator_id=indicator.id, path=f"bench/{name}", original_name=name,
                    mime_type="application/pdf", size=48_000,
                    sha256=hashlib.sha256(name.encode()).hexdigest(), created_at=now))
        for item in performance.sub_activities_of(session=session,
                                                  agreement_id=cycle.agreement_id):
            assert item.id is not None
            planned = getattr(item, f"target_q{cycle.quarter}")
            records.append(FinancialRealization(
                cycle_id=cycle_id, budget_item_id=item.id, division_id=item.division_id,
                amount=_value(planned, 0, rng), updated_at=now))
        session.add_all(records)


@dataclass
class Agency:
    ctx: ServiceContext
    cycle_id: int
    indicators: int
    sub_activities: int
    setup_seconds: float
    import_seconds: float


def build_agency(data_dir: Path, indicators: int, division_count: int) -> Agency:
    """The agency, its imported PK and two filled cycles (TW I and the reported TW II)."""
    started = time.perf_counter()
    ctx = build_context(Settings(data_dir=data_dir, database_url=None), migrate=True)
    divisions = _division_names(division_count)
    provisioning.init_agency(ctx, AGENCY_NAME, AGENCY_CODE, divisions)
    head = provisioning.add_user(ctx, name="KEPALA DINAS UJI", roles=[(Role.HEAD, None)],
                                 telegram_id=HEAD_TELEGRAM_ID)
    assert head.id is not None
    data = master_bytes(indicators, divisions)
    imported = time.perf_counter()
    summary = master_data.import_master(ctx, data, year=YEAR, source_name="master-bench.xlsx")
    import_seconds = time.perf_counter() - imported
    rng = random.Random(SEED)
    cycle_id = 0
    for quarter in range(1, REPORT_QUARTER + 1):
        view = steps.start_cycle(ctx, head.id, YEAR, quarter)
        cycle_id = view.cycle_id
        _fill_cycle(ctx, cycle_id, evidence=quarter == REPORT_QUARTER, rng=rng)
    with Session(ctx.engine) as session:
        cycle = session.get(MeasurementCycle, cycle_id)
        assert cycle is not None and cycle.agreement_id is not None
        subs = len(performance.sub_activities_of(session=session,
                                                 agreement_id=cycle.agreement_id))
    return Agency(ctx, cycle_id, summary.indicators, subs,
                  time.perf_counter() - started, import_seconds)


# --- the timed work ---------------------------------------------------------------------------
@dataclass
class Timing:
    parts: float
    rows: float
    workbook: float
    size: int
    measurements: int
    finances: int

    @property
    def total(self) -> float:
        return self.parts + self.rows + self.workbook


def _parts(session: Session, cycle: MeasurementCycle) -> list[workbooks.PartSummary]:
    """The divisions' parts, with the same per-division evidence query ``_make_report`` does."""
    assert cycle.id is not None
    parts = []
    for division in agencies.list_divisions(session=session, agency_id=cycle.agency_id):
        evidence = documents.documents_of(session=session, cycle_id=cycle.id,
                                          kind=DocumentKind.EVIDENCE, division_id=division.id)
        parts.append(workbooks.PartSummary(
            division=division.name, submitted_by="-", submitted_at="-", figures="",
            evidence=tuple(d.original_name for d in evidence)))
    return parts


def compile_once(ctx: ServiceContext, cycle_id: int) -> Timing:
    """One report from a fresh session, each stage timed with the wall clock."""
    with Session(ctx.engine, expire_on_commit=False) as session:
        cycle = session.get(MeasurementCycle, cycle_id)
        assert cycle is not None
        start = time.perf_counter()
        parts = _parts(session, cycle)
        after_parts = time.perf_counter()
        measurements, finances = realization.report_rows(session, cycle)
        after_rows = time.perf_counter()
        content = workbooks.compiled_report(ReportHeading(agency=AGENCY_NAME, year=cycle.year,
                                                          quarter=cycle.quarter),
                                            parts=parts, final=False, measurements=measurements,
                                            finances=finances)
        done = time.perf_counter()
    return Timing(after_parts - start, after_rows - after_parts, done - after_rows,
                  len(content), len(measurements), len(finances))


def documents_once(ctx: ServiceContext, cycle_id: int) -> dict[str, float]:
    """Seconds for the other files built from the same rows: the step-5 report as PDF, and
    the ESR file of step 8 as xlsx and PDF."""
    with Session(ctx.engine, expire_on_commit=False) as session:
        cycle = session.get(MeasurementCycle, cycle_id)
        assert cycle is not None
        parts = _parts(session, cycle)
        measurements, finances = realization.report_rows(session, cycle)
    timings = {}
    start = time.perf_counter()
    heading = ReportHeading(agency=AGENCY_NAME, year=cycle.year, quarter=cycle.quarter)
    report_pdf.report_pdf(heading, measurements=measurements, finances=finances, parts=parts)
    timings["report_pdf"] = time.perf_counter() - start
    start = time.perf_counter()
    esr.esr_workbook(ReportHeading(agency=AGENCY_NAME, year=cycle.year, quarter=cycle.quarter),
                     measurements=measurements, finances=finances, sign_off=SignOff(name="Kepala"))
    timings["esr_workbook"] = time.perf_counter() - start
    start = time.perf_counter()
    esr.esr_pdf(ReportHeading(agency=AGENCY_NAME, year=cycle.year, quarter=cycle.quarter),
                measurements=measurements, finances=finances, sign_off=SignOff(name="Kepala"))
    timings["esr_pdf"] = time.perf_counter() - start
    return timings


def count_statements(ctx: ServiceContext, cycle_id: int) -> int:
    """SQL statements one ``realization.report_rows`` call sends to the database."""
    seen = 0

    def count(*_args: object) -> None:
        nonlocal seen
        seen += 1

    with Session(ctx.engine) as session:
        cycle = session.get(MeasurementCycle, cycle_id)
        assert cycle is not None
        event.listen(ctx.engine, "before_cursor_execute", count)
        try:
            realization.report_rows(session, cycle)
        finally:
            event.remove(ctx.engine, "before_cursor_execute", count)
    return seen


def _profile(ctx: ServiceContext, cycle_id: int, path: Path, limit: int = 25) -> str:
    profile = cProfile.Profile()
    profile.runcall(compile_once, ctx, cycle_id)
    profile.dump_stats(path)
    buffer = io.StringIO()
    pstats.Stats(profile, stream=buffer).sort_stats("cumulative").print_stats(limit)
    return buffer.getvalue()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_report",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--indicators", type=int, default=1000, help="indicators (1000)")
    parser.add_argument("--divisions", type=int, default=10,
                        help="divisions including the Sekretariat (10)")
    parser.add_argument("--repeat", type=int, default=3, help="timed repetitions (3)")
    parser.add_argument("--no-documents", dest="documents", action="store_false",
                        help="skip timing the report PDF and the ESR file")
    parser.add_argument("--profile", metavar="FILE",
                        help="write cProfile stats of one more repetition to FILE")
    args = parser.parse_args(argv)
    if args.indicators < 1 or args.divisions < 2 or args.repeat < 1:
        parser.error("need at least 1 indicator, 2 divisions and 1 repetition")

    print(f"nproc={os.cpu_count()}  Python {platform.python_version()}  "
          f"SQLAlchemy {sqlalchemy.__version__}  openpyxl {openpyxl.__version__}  "
          f"{platform.platform()}", flush=True)
    print("before: load average " + " ".join(f"{v:.2f}" for v in os.getloadavg()), flush=True)
    with tempfile.TemporaryDirectory(prefix="sakip-bench-report-") as folder:
        agency = build_agency(Path(folder) / "data", args.indicators, args.divisions)
        print(f"agency: {agency.indicators} indicators, {agency.sub_activities} sub kegiatan, "
              f"{args.divisions} divisions; setup {agency.setup_seconds:.1f} s (of which "
              f"import_master {agency.import_seconds:.1f} s)", flush=True)
        statements = count_statements(agency.ctx, agency.cycle_id)
        timings = [compile_once(agency.ctx, agency.cycle_id) for _ in range(args.repeat)]
        profile = (_profile(agency.ctx, agency.cycle_id, Path(args.profile))
                   if args.profile else None)
        others = documents_once(agency.ctx, agency.cycle_id) if args.documents else {}
        agency.ctx.engine.dispose()
    print("after: load average " + " ".join(f"{v:.2f}" for v in os.getloadavg()))

    print()
    print(f"{'run':>4} {'parts s':>8} {'report_rows s':>14} {'compiled_report s':>18} "
          f"{'total s':>8}")
    for number, t in enumerate(timings, 1):
        print(f"{number:>4} {t.parts:>8.3f} {t.rows:>14.3f} {t.workbook:>18.3f} {t.total:>8.3f}")
    best = min(timings, key=lambda t: t.total)
    print(f"best {best.parts:>8.3f} {best.rows:>14.3f} {best.workbook:>18.3f} "
          f"{best.total:>8.3f}")
    print()
    print(f"report: {best.measurements} indicator rows, {best.finances} sub kegiatan rows, "
          f"{best.size / 1024:.0f} KiB xlsx; report_rows sent {statements} SQL statements")
    verdict = "met" if best.total < TARGET_SECONDS else "NOT met"
    print(f"ROADMAP: report of this agency in under {TARGET_SECONDS:g} s: "
          f"{best.total:.2f} s -> {verdict}")
    if others:
        print()
        print("the other files from the same rows, once (s): " + ", ".join(
            f"{name} {seconds:.2f}" for name, seconds in others.items()))
        pdfs = others["report_pdf"] + others["esr_pdf"]
        verdict = "met" if pdfs < PDF_TARGET_SECONDS else "NOT met"
        print(f"both PDFs in under {PDF_TARGET_SECONDS:g} s: {pdfs:.2f} s -> {verdict}")
    if profile is not None:
        print()
        print(f"cProfile of one more repetition -> {args.profile}")
        print(profile)
    return 0


if __name__ == "__main__":
    sys.exit(main())
