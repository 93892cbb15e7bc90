"""The master data of a year: Perjanjian Kinerja, Rencana Aksi and DPA budget, from one workbook.

``import_master`` reads the workbook made from ``reports.master_template``
(``reports.master_reading``), reads its rows into a plan by the rules (``bot.domain.master_plan``
and ``master_rules``) and either refuses it with the complete list of problems
(``MasterDataInvalid``; nothing is written) or stores it (``storage.performance.store_plan``) as
a new version of the year's ``PerformanceAgreement`` in one transaction, with an audit event.

Versions: the first import of a year is *Perjanjian Kinerja* (version 1); each later import with
different content is *PK Perubahan* (version n + 1). Older versions stay, so a cycle keeps the
version it started with. A file whose bytes or content equal the **latest** version creates
nothing and returns that version (``ImportSummary.created`` is False). Going back to an older
version's content is a change too and makes a new version.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from decimal import Decimal

from bot import texts
from bot.domain import errors
from bot.domain.errors import Reason
from bot.domain.master_plan import Plan, canonical, read_plan
from bot.services.context import ServiceContext, resolve_agency
from reports.master_reading import MasterDataInvalid, Problem, ProblemReport, read_workbook
from storage import agencies, audit, performance, users
from storage.models import Division, PerformanceAgreement

AUDIT_ACTION = "master.import"


@dataclass(frozen=True)
class DivisionSummary:
    division_id: int
    name: str
    indicators: int
    sub_activities: int
    budget: Decimal  # the pagu of its sub kegiatan


@dataclass(frozen=True)
class ImportSummary:
    agreement_id: int
    year: int
    version: int
    label: str
    created: bool  # False: the file equals the latest version; nothing was written
    source_name: str | None
    sha256: str
    goals: int
    indicators: int
    programs: int
    activities: int
    sub_activities: int
    total_budget: Decimal  # the pagu of the programs
    divisions: tuple[DivisionSummary, ...]
    warnings: tuple[Problem, ...] = ()

    @property
    def unchanged(self) -> bool:
        return not self.created

    @property
    def budget_items(self) -> int:
        return self.programs + self.activities + self.sub_activities

    @property
    def per_sheet(self) -> dict[str, int]:
        """Rows imported per sheet, by sheet name."""
        names = texts.MASTER_SHEETS
        return {names["goals"]: self.goals, names["indicators"]: self.indicators,
                names["budget"]: self.budget_items}

    def text(self) -> str:
        """The summary in Indonesian (CLI and chat)."""
        return texts.master_imported(
            year=self.year, version=self.version, label=self.label, created=self.created,
            source_name=self.source_name, goals=self.goals, indicators=self.indicators,
            programs=self.programs, activities=self.activities,
            sub_activities=self.sub_activities, total_budget=self.total_budget,
            divisions=[(d.name, d.indicators, d.sub_activities, d.budget)
                       for d in self.divisions],
            warnings=[str(w) for w in self.warnings],
        )


# --- public API --------------------------------------------------------------------------------
def import_master(
    ctx: ServiceContext, data: bytes, *, year: int, agency_code: str | None = None,
    user_id: int | None = None, source_name: str | None = None,
) -> ImportSummary:
    """Validate the whole workbook, then store it as the next version of ``year``'s PK."""
    if not 2000 <= year <= 2100:
        raise errors.InvalidInput(reason=Reason.BAD_YEAR, year=year)
    report = ProblemReport()
    sheets = read_workbook(data, report, ctx.workbook_limits)
    sha256 = hashlib.sha256(data).hexdigest()
    now = ctx.now()
    with ctx.transaction() as session:
        agency = resolve_agency(session, agency_code)
        if user_id is not None:
            user = users.get_user(session=session, user_id=user_id)
            if user is None or user.agency_id != agency.id:
                raise errors.InvalidInput(reason=Reason.UNKNOWN_USER)
        divisions = agencies.list_divisions(session=session, agency_id=agency.id)
        plan, issues = read_plan(sheets, divisions)
        for sheet, issue in issues:
            report.issue(sheet, issue)
        if report.problems:
            raise MasterDataInvalid(report.sorted(report.problems))
        warnings = tuple(report.sorted(report.warnings))

        latest = performance.latest_agreement(session=session, agency_id=agency.id, year=year)
        if latest is not None and latest.id is not None and (
            latest.source_sha256 == sha256
            or canonical(performance.stored_plan(session=session, agreement_id=latest.id))
            == canonical(plan)
        ):
            return _summary(latest, plan, divisions, created=False, warnings=warnings,
                            source_name=source_name, sha256=sha256)

        version = (latest.version + 1) if latest is not None else 1
        label = texts.MASTER_LABEL_FIRST if version == 1 else texts.MASTER_LABEL_REVISION
        agreement = PerformanceAgreement(
            agency_id=agency.id, year=year, version=version, label=label,
            source_name=source_name, source_sha256=sha256, imported_at=now,
            imported_by_user_id=user_id,
        )
        session.add(agreement)
        session.flush()
        assert agreement.id is not None
        performance.store_plan(session=session, agreement_id=agreement.id, plan=plan)
        summary = _summary(agreement, plan, divisions, created=True, warnings=warnings,
                           source_name=source_name, sha256=sha256)
        audit.record(
            session=session, agency_id=agency.id, action=AUDIT_ACTION, at=now,
            actor_user_id=user_id,
            before={"version": latest.version if latest else None},
            after={"agreement_id": agreement.id, "year": year, "version": version,
                   "label": label, "source_name": source_name, "sha256": sha256,
                   "goals": summary.goals, "indicators": summary.indicators,
                   "budget_items": summary.budget_items,
                   "warnings": len(warnings)},
        )
        return summary


def latest_agreement(
    ctx: ServiceContext, year: int, agency_code: str | None = None,
) -> PerformanceAgreement | None:
    """The newest version of ``year``'s Perjanjian Kinerja, if any was imported."""
    with ctx.transaction() as session:
        agency = resolve_agency(session, agency_code)
        assert agency.id is not None
        return performance.latest_agreement(session=session, agency_id=agency.id, year=year)


def _summary(agreement: PerformanceAgreement, plan: Plan, divisions: list[Division], *,
             created: bool, warnings: tuple[Problem, ...], source_name: str | None,
             sha256: str) -> ImportSummary:
    assert agreement.id is not None
    levels = [b.level for b in plan.budget]
    subs = [b for b in plan.budget if b.level == "sub_kegiatan"]
    per_division = []
    for division in divisions:
        assert division.id is not None
        own = [b for b in subs if b.division_id == division.id]
        per_division.append(DivisionSummary(
            division_id=division.id, name=division.name,
            indicators=sum(1 for i in plan.indicators if i.division_id == division.id),
            sub_activities=len(own),
            budget=sum((b.budget or Decimal(0) for b in own), Decimal(0)),
        ))
    return ImportSummary(
        agreement_id=agreement.id, year=agreement.year, version=agreement.version,
        label=agreement.label, created=created,
        source_name=source_name if created else agreement.source_name,
        sha256=sha256, goals=len(plan.goals), indicators=len(plan.indicators),
        programs=levels.count("program"), activities=levels.count("kegiatan"),
        sub_activities=levels.count("sub_kegiatan"),
        total_budget=sum((b.budget or Decimal(0) for b in plan.budget if b.level == "program"),
                         Decimal(0)),
        divisions=tuple(per_division), warnings=warnings,
    )
