"""Step 4 with master data: realisation per indicator and per sub-kegiatan, saved at once.

Used when the cycle has a Perjanjian Kinerja; an agency without one fills in free text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from sqlmodel import Session

from bot import texts
from bot.domain import errors
from bot.domain.errors import Reason
from bot.domain.master_rules import key_of
from bot.domain.numbers import parse_money, parse_value
from bot.domain.sop import DocumentKind
from bot.services import runs
from bot.services.achievement import achievements, figures, quarter_targets
from bot.services.context import RunRef, ServiceContext, database_only
from bot.services.outputs import DocView, agency_name, doc_view, remove_upload, store_upload
from bot.services.runs import RunView
from bot.services.uploads import Upload
from reports import forms, workbooks
from storage import agencies, audit, documents, performance, users
from storage.models import (
    BudgetItem,
    Division,
    Document,
    Indicator,
    IndicatorRealization,
    MeasurementCycle,
    StrategicGoal,
)

TEXT_FIELDS = ("explanation", "obstacles", "follow_up")


@dataclass(frozen=True)
class IndicatorItem:
    indicator_id: int
    code: str
    name: str
    unit: str
    goal: str
    direction: str
    decimals: int
    allow_negative: bool
    annual_target: Decimal | None
    quarter_target: Decimal | None  # the quarter's own target (T₂ − T₁ for cumulative akumulasi)
    cumulative_targets: bool
    value: Decimal | None
    explanation: str | None
    obstacles: str | None
    follow_up: str | None
    evidence: list[DocView]
    achievement: Decimal | None
    achievement_to_date: Decimal | None
    accumulation: str = "akumulasi"
    target_to_date: Decimal | None = None

    @property
    def below_target(self) -> bool:
        return self.achievement is not None and self.achievement < 100

    @property
    def missing(self) -> list[str]:
        """What this item still lacks before the part can be submitted (text keys)."""
        lacks = []
        if self.value is None:
            lacks.append("value")
        if self.below_target and not self.obstacles:
            lacks.append("obstacles")
        if self.below_target and not self.follow_up:
            lacks.append("follow_up")
        if not self.evidence:
            lacks.append("evidence")
        return lacks


@dataclass(frozen=True)
class FinancialItem:
    item_id: int
    code: str
    name: str
    budget: Decimal | None
    quarter_target: Decimal | None
    amount: Decimal | None
    absorption: Decimal | None


@dataclass(frozen=True)
class PartSheet:
    run: RunView
    indicators: list[IndicatorItem] = field(default_factory=list)
    financials: list[FinancialItem] = field(default_factory=list)

    @property
    def structured(self) -> bool:
        return bool(self.indicators or self.financials)

    @property
    def complete(self) -> bool:
        return all(not i.missing for i in self.indicators) and all(
            f.amount is not None for f in self.financials)

    def next_item(self) -> IndicatorItem | FinancialItem | None:
        """The first item that still lacks something, indicators before money."""
        for item in self.indicators:
            if item.missing:
                return item
        return next((f for f in self.financials if f.amount is None), None)


@database_only
def part_sheet(ctx: ServiceContext, user_id: int, run_id: int) -> PartSheet:
    with runs.acting_on(ctx, user_id, run_id, part=True) as (session, ref, _actor):
        return sheet(session, ref)


@database_only
def part_item(ctx: ServiceContext, user_id: int, run_id: int,
              indicator_id: int) -> IndicatorItem:
    """One indicator of the part as ``part_sheet`` shows it, without computing the others."""
    with runs.acting_on(ctx, user_id, run_id, part=True) as (session, ref, _actor):
        return _item_of(session, ref, indicator_id)


ANY = object()  # ``shown``: save whatever is there now


@database_only
def save_value(
    ctx: ServiceContext, user_id: int, run_id: int, indicator_id: int, text: str,
    *, shown: object = ANY,
) -> IndicatorItem:
    """Parse and keep one realisation figure; a bad figure leaves the last good one.

    ``shown`` is the figure the official saw when asked (``None`` for none): if someone else
    saved another one since, ``errors.ChangedMeanwhile`` says who and what, and nothing is
    saved until the official chooses. The same holds for ``save_text`` and ``save_financial``.
    """
    with runs.acting_on(ctx, user_id, run_id, part=True) as (session, ref, actor):
        indicator = _indicator(session, ref, indicator_id)
        value = _checked(parse_value(text, decimals=indicator.decimals,
                                     allow_negative=indicator.allow_negative,
                                     unit=indicator.unit), indicator)
        now = _realization_now(session, ref, indicator)
        _refuse_if_changed(session, "value", indicator.name, now and now.value,
                           now and now.updated_by_user_id, actor.id, shown, value,
                           decimals=indicator.decimals, unit=indicator.unit)
        return _item_of(session, ref, indicator_id, saving=lambda: _save(
            session, ref, indicator, now, ctx, actor.id, value=value))


def _realization_now(session: Session, ref: RunRef,
                     indicator: Indicator) -> IndicatorRealization | None:
    assert ref.cycle.id is not None and indicator.id is not None
    return performance.realization_of(session=session, cycle_id=ref.cycle.id,
                                      indicator_id=indicator.id)


def _refuse_if_changed(session: Session, field: str, name: str, current: object,
                       changed_by: int | None, user_id: int, shown: object, typed: object,
                       **display: object) -> None:
    """Refuse to save ``typed`` over what someone else saved after ``shown`` was shown."""
    if shown is ANY or current in (None, "") or changed_by in (None, user_id):
        return
    if _plain(current) in (_plain(shown), _plain(typed)):
        return
    who = users.get_user(session=session, user_id=changed_by)
    raise errors.ChangedMeanwhile(field=field, name=name, who=who.name if who else "-",
                                  value=current, typed=typed, **display)


@database_only
def save_text(
    ctx: ServiceContext, user_id: int, run_id: int, indicator_id: int, name: str, text: str,
    *, shown: object = ANY,
) -> IndicatorItem:
    if name not in TEXT_FIELDS:
        raise errors.InvalidInput(reason=Reason.UNKNOWN_FIELD)
    text = text.strip()
    if not text:
        raise errors.InvalidInput(reason=Reason.TEXT_REQUIRED)
    with runs.acting_on(ctx, user_id, run_id, part=True) as (session, ref, actor):
        indicator = _indicator(session, ref, indicator_id)
        typed = text[:2000]
        now = _realization_now(session, ref, indicator)
        _refuse_if_changed(session, name, indicator.name, now and getattr(now, name),
                           now and now.updated_by_user_id, actor.id, shown, typed)
        return _item_of(session, ref, indicator_id, saving=lambda: _save(
            session, ref, indicator, now, ctx, actor.id, **{name: typed}))


def is_filled_form(ctx: ServiceContext, upload: Upload) -> bool:
    """A file sent where evidence is asked may be the filled form itself (read it as such)."""
    return (upload.name.lower().endswith(".xlsx")
            and forms.is_filled_form(upload.data, ctx.workbook_limits))


@dataclass(frozen=True)
class EvidenceAdded:
    doc: DocView
    item: IndicatorItem  # the indicator with it


def add_evidence(
    ctx: ServiceContext, user_id: int, run_id: int, indicator_id: int, upload: Upload
) -> EvidenceAdded:
    """Evidence for one indicator; the same file twice is stored once."""
    with runs.acting_on(ctx, user_id, run_id, part=True) as (session, ref, actor):
        indicator = _indicator(session, ref, indicator_id)
        # One file may back several indicators: it is recorded once for each of them.
        doc = store_upload(ctx, session, ref, actor, DocumentKind.EVIDENCE, upload,
                           indicator_id=indicator.id)
        # Read here, not in a call of its own: on SQLite the file stays locked from the
        # upload's write to the update's commit, and a call more is a trip more meanwhile.
        return EvidenceAdded(doc, _item_of(session, ref, indicator_id))


def remove_evidence(
    ctx: ServiceContext, user_id: int, run_id: int, indicator_id: int, document_id: int,
) -> DocView:
    """Take one file back from an indicator of a part that is still open."""
    with runs.acting_on(ctx, user_id, run_id, part=True) as (session, ref, actor):
        indicator = _indicator(session, ref, indicator_id)
        return remove_upload(ctx, session, ref, actor, document_id, indicator_id=indicator.id)


IMPLAUSIBLE_SPENDING = 2  # realisation above twice the pagu is refused as a typing slip


def _plausible(item: BudgetItem, amount: Decimal) -> Decimal:
    if item.budget and amount > item.budget * IMPLAUSIBLE_SPENDING:
        # "624 M" for a pagu of 62,4 M: a slip of scale, not spending.
        raise errors.InvalidInput(reason=Reason.MONEY_ABOVE_BUDGET, budget=str(item.budget))
    return amount


@database_only
def save_financial(
    ctx: ServiceContext, user_id: int, run_id: int, item_id: int, text: str,
    *, shown: object = ANY,
) -> FinancialItem:
    with runs.acting_on(ctx, user_id, run_id, part=True) as (session, ref, actor):
        item = session.get(BudgetItem, item_id)
        if item is None or item.agreement_id != ref.cycle.agreement_id or (
                item.division_id != ref.run.division_id):
            raise errors.InvalidInput(reason=Reason.UNKNOWN_ITEM)
        assert ref.cycle.id is not None
        amount = _plausible(item, parse_money(text))
        now = performance.financial_of(session=session, cycle_id=ref.cycle.id, item_id=item_id)
        _refuse_if_changed(session, "amount", item.name, now and now.amount,
                           now and now.updated_by_user_id, actor.id, shown, amount)
        _save_money(session, ref, item, ctx, actor.id, amount)
        return next(f for f in sheet(session, ref).financials if f.item_id == item_id)


def sheet(session: Session, ref: RunRef) -> PartSheet:
    """Everything a division reports in this cycle, with what is filled in so far."""
    cycle = ref.cycle
    view = runs.view(ref)
    if cycle.agreement_id is None or ref.run.division_id is None:
        return PartSheet(run=view)
    assert cycle.id is not None
    division_id = ref.run.division_id
    goals = {g.id: g.name for g in performance.goals_of(session=session,
                                                        agreement_id=cycle.agreement_id)}
    saved = performance.realizations_of(session=session, cycle_id=cycle.id,
                                        division_id=division_id)
    files = _by_indicator(documents.documents_of(
        session=session, cycle_id=cycle.id, kind=DocumentKind.EVIDENCE, division_id=division_id))
    earlier = _earlier_quarters(session, cycle)
    indicators = []
    for indicator in performance.indicators_of(session=session, agreement_id=cycle.agreement_id,
                                               division_id=division_id):
        assert indicator.id is not None
        indicators.append(_item(indicator, goals.get(indicator.goal_id, "-"), cycle.quarter,
                                saved.get(indicator.id),
                                [doc_view(d) for d in files.get(indicator.id, ())],
                                earlier.get(key_of(indicator.code), {})))
    money = performance.financials_of(session=session, cycle_id=cycle.id,
                                      division_id=division_id)
    financials = []
    for item in performance.sub_activities_of(session=session, agreement_id=cycle.agreement_id,
                                              division_id=division_id):
        assert item.id is not None
        spent = money[item.id].amount if item.id in money else None
        absorption = (spent / item.budget * 100) if spent is not None and item.budget else None
        financials.append(FinancialItem(item.id, item.code, item.name, item.budget,
                                        quarter_value(item, cycle.quarter), spent, absorption))
    return PartSheet(run=view, indicators=indicators, financials=financials)


def quarter_value(row: Indicator | BudgetItem, quarter: int) -> Decimal | None:
    value: Decimal | None = getattr(row, f"target_q{quarter}")
    return value


def _item(
    indicator: Indicator, goal: str, quarter: int, record: IndicatorRealization | None,
    files: list[DocView], earlier: dict[int, Decimal | None],
) -> IndicatorItem:
    assert indicator.id is not None
    value = record.value if record else None
    now, to_date = achievements(indicator, quarter, value, earlier)
    own, up_to = quarter_targets(indicator, quarter)
    return IndicatorItem(
        indicator_id=indicator.id, code=indicator.code, name=indicator.name,
        unit=indicator.unit, goal=goal, direction=indicator.direction,
        decimals=indicator.decimals, allow_negative=indicator.allow_negative,
        annual_target=indicator.annual_target, quarter_target=own,
        accumulation=indicator.accumulation, target_to_date=up_to,
        cumulative_targets=indicator.cumulative_targets, value=value,
        explanation=record.explanation if record else None,
        obstacles=record.obstacles if record else None,
        follow_up=record.follow_up if record else None,
        evidence=files, achievement=now, achievement_to_date=to_date,
    )


def _item_of(session: Session, ref: RunRef, indicator_id: int, *,
             saving: Callable[[], IndicatorRealization] | None = None) -> IndicatorItem:
    """One indicator of the part as ``sheet`` shows it, reading only its own rows (a figure
    typed answers with its indicator, and a division may have dozens).

    ``saving`` saves its realisation, after everything else is read: on SQLite the file is
    locked for every other writer from a transaction's first write to its commit, and a save
    that read the rest after writing held the lock through that."""
    indicator = _indicator(session, ref, indicator_id)
    cycle = ref.cycle
    assert cycle.id is not None
    goal = session.get(StrategicGoal, indicator.goal_id)
    files = [doc_view(d) for d in documents.documents_of(
        session=session, cycle_id=cycle.id, kind=DocumentKind.EVIDENCE,
        division_id=ref.run.division_id, indicator_id=indicator_id)]
    earlier = _earlier_quarters(session, cycle).get(key_of(indicator.code), {})
    record = saving() if saving is not None else _realization_now(session, ref, indicator)
    return _item(indicator, goal.name if goal is not None else "-", cycle.quarter, record,
                 files, earlier)


def _save(session: Session, ref: RunRef, indicator: Indicator,
          before: IndicatorRealization | None, ctx: ServiceContext, user_id: int,
          **fields: Decimal | str | None) -> IndicatorRealization:
    """Save ``fields`` over ``before``, the realisation as read in this transaction."""
    assert ref.cycle.id is not None and indicator.id is not None
    old = {name: _plain(getattr(before, name) if before else None) for name in fields}
    previous_user = before.updated_by_user_id if before else None  # the save overwrites it
    record = performance.save_realization(session=session, cycle_id=ref.cycle.id,
                                          indicator=indicator, record=before, now=ctx.now(),
                                          user_id=user_id, **fields)
    _audit_change(session, ref, ctx, user_id, "realization.changed", indicator.code, old,
                  {name: _plain(value) for name, value in fields.items()}, previous_user)
    return record


def _save_money(session: Session, ref: RunRef, item: BudgetItem, ctx: ServiceContext,
                user_id: int, amount: Decimal) -> None:
    assert ref.cycle.id is not None and item.id is not None
    before = performance.financial_of(session=session, cycle_id=ref.cycle.id, item_id=item.id)
    old = {"amount": _plain(before.amount if before else None)}
    previous_user = before.updated_by_user_id if before else None  # the save overwrites it
    performance.save_financial(session=session, cycle_id=ref.cycle.id, item=item,
                               amount=amount, now=ctx.now(), user_id=user_id)
    _audit_change(session, ref, ctx, user_id, "financial.changed", item.code, old,
                  {"amount": _plain(amount)}, previous_user)


def _audit_change(session: Session, ref: RunRef, ctx: ServiceContext, user_id: int,
                  action: str, code: str, old: dict[str, str | None],
                  new: dict[str, str | None], previous_user_id: int | None) -> None:
    """Who changed which figure or text, from what to what: two officials of one division
    typing the same item must both be traceable."""
    if old == new:
        return
    audit.record(session=session, agency_id=ref.cycle.agency_id, action=action, at=ctx.now(),
                 actor_user_id=user_id, cycle_id=ref.cycle.id,
                 before={"code": code, **old, "by": previous_user_id},
                 after={"code": code, **new})


def as_shown(value: Decimal | str | None) -> str | None:
    """A value as kept in a draft to tell later whether it changed meanwhile."""
    return _plain(value)


def _plain(value: object) -> str | None:
    """A stored value as JSON can keep it (Decimal as its exact text)."""
    if value is None:
        return None
    return format(value.normalize(), "f") if isinstance(value, Decimal) else str(value)


def _indicator(session: Session, ref: RunRef, indicator_id: int) -> Indicator:
    indicator = session.get(Indicator, indicator_id)
    if (indicator is None or indicator.agreement_id != ref.cycle.agreement_id
            or indicator.division_id != ref.run.division_id):
        raise errors.InvalidInput(reason=Reason.UNKNOWN_ITEM)
    return indicator


class FormInvalid(errors.InvalidInput):
    """A filled form with problems; ``problems`` holds (sheet, row, column, message)."""

    key = "form_invalid"


def import_form(ctx: ServiceContext, user_id: int, run_id: int, data: bytes) -> PartSheet:
    """Save every figure of a filled form, or nothing when any cell is wrong."""
    try:
        filled = forms.read_form(data, ctx.workbook_limits)
    except forms.FormUnreadable as error:
        raise FormInvalid(reason=error.reason, limit=error.limit, problems=[]) from error
    with runs.acting_on(ctx, user_id, run_id, part=True) as (session, ref, actor):
        if (filled.cycle_id, filled.division_id) != (ref.cycle.id, ref.run.division_id):
            raise FormInvalid(reason=Reason.OTHER_PART, problems=[])
        assert ref.cycle.agreement_id is not None and ref.cycle.id is not None
        by_code = {i.code: i for i in performance.indicators_of(
            session=session, agreement_id=ref.cycle.agreement_id,
            division_id=ref.run.division_id)}
        lines = {b.code: b for b in performance.sub_activities_of(
            session=session, agreement_id=ref.cycle.agreement_id,
            division_id=ref.run.division_id)}
        problems: list[tuple[str, int, str, str]] = []
        updates: list[tuple[Indicator, dict[str, Decimal | str | None]]] = []
        for row in filled.rows:
            indicator = by_code.get(row.code)
            if indicator is None:
                problems.append((forms.PERFORMANCE_SHEET, row.row, "B", "kode tidak dikenal"))
                continue
            fields: dict[str, Decimal | str | None] = {
                "explanation": row.explanation, "obstacles": row.obstacles,
                "follow_up": row.follow_up}
            if row.value not in (None, ""):
                try:
                    fields["value"] = _parse_cell(row.value, indicator)
                except errors.InvalidInput as error:
                    problems.append((forms.PERFORMANCE_SHEET, row.row, "H", _why(error)))
                    continue
            updates.append((indicator, {k: v for k, v in fields.items() if v is not None}))
        money: list[tuple[BudgetItem, Decimal]] = []
        for line in filled.money:
            item = lines.get(line.code)
            if item is None:
                problems.append((forms.MONEY_SHEET, line.row, "B", "kode tidak dikenal"))
            elif line.amount not in (None, ""):
                try:
                    money.append((item, _plausible(item, parse_money(_cell_text(line.amount)))))
                except errors.InvalidInput as error:
                    problems.append((forms.MONEY_SHEET, line.row, "F", _why(error)))
        if problems:
            raise FormInvalid(reason=Reason.CELLS, problems=problems)
        saved = performance.realizations_of(session=session, cycle_id=ref.cycle.id,
                                            division_id=ref.run.division_id)
        for indicator, fields in updates:
            assert indicator.id is not None
            # Kept: a form that lists an indicator twice saves over its first row.
            saved[indicator.id] = _save(session, ref, indicator, saved.get(indicator.id), ctx,
                                        actor.id, **fields)
        for item, amount in money:
            _save_money(session, ref, item, ctx, actor.id, amount)
        return sheet(session, ref)


def _parse_cell(value: object, indicator: Indicator) -> Decimal:
    return _checked(parse_value(_cell_text(value), decimals=indicator.decimals,
                                allow_negative=indicator.allow_negative, unit=indicator.unit),
                    indicator)


PERCENT_UNITS = frozenset({"%", "persen", "prosen"})
PERCENT_LIMIT = Decimal(1000)


def _checked(value: Decimal, indicator: Indicator) -> Decimal:
    """Refuse what no percentage can be; above 100 stays possible (growth, over-achievement)."""
    if indicator.unit.strip().lower() in PERCENT_UNITS and abs(value) > PERCENT_LIMIT:
        raise errors.InvalidInput(reason=Reason.PERCENT_OUT_OF_RANGE)
    return value


def _cell_text(value: object) -> str:
    """Excel numbers arrive as floats: write them the way the parser reads them."""
    if isinstance(value, float | int):
        return format(Decimal(repr(value)).normalize(), "f").replace(".", ",")
    return str(value)


def _why(error: errors.InvalidInput) -> str:
    return texts.error_message(error)


def division_form(session: Session, cycle: MeasurementCycle, division: Division) -> bytes:
    """The division's form for the cycle, with whatever has been filled in so far."""
    assert cycle.id is not None and division.id is not None and cycle.agreement_id is not None
    goals = {g.id: g.name for g in performance.goals_of(session=session,
                                                        agreement_id=cycle.agreement_id)}
    saved = performance.realizations_of(session=session, cycle_id=cycle.id,
                                        division_id=division.id)
    indicators = []
    for indicator in performance.indicators_of(session=session, agreement_id=cycle.agreement_id,
                                               division_id=division.id):
        assert indicator.id is not None
        record = saved.get(indicator.id)
        indicators.append(forms.FormIndicator(
            code=indicator.code, goal=goals.get(indicator.goal_id, "-"), name=indicator.name,
            unit=indicator.unit, annual_target=indicator.annual_target,
            quarter_target=quarter_targets(indicator, cycle.quarter)[0],
            decimals=indicator.decimals,
            allow_negative=indicator.allow_negative,
            value=record.value if record else None,
            explanation=record.explanation if record else None,
            obstacles=record.obstacles if record else None,
            follow_up=record.follow_up if record else None))
    money = performance.financials_of(session=session, cycle_id=cycle.id,
                                      division_id=division.id)
    lines = [
        forms.FormBudgetLine(code=item.code, name=item.name, budget=item.budget,
                             quarter_target=quarter_value(item, cycle.quarter),
                             amount=money[item.id].amount if item.id in money else None)
        for item in performance.sub_activities_of(session=session,
                                                  agreement_id=cycle.agreement_id,
                                                  division_id=division.id)
    ]
    return forms.division_form(
        agency=agency_name(session, cycle.agency_id), division=division.name, year=cycle.year,
        quarter=cycle.quarter, cycle_id=cycle.id, division_id=division.id,
        indicators=indicators, budget_lines=lines)


def missing_labels(part: PartSheet) -> list[str]:
    """What a structured part still lacks, one line per item."""
    lines = [texts.missing_line(i.code, i.missing) for i in part.indicators if i.missing]
    lines += [texts.missing_line(f.code, ["amount"]) for f in part.financials
              if f.amount is None]
    return lines


def _earlier_quarters(session: Session, cycle: MeasurementCycle
                      ) -> dict[str, dict[int, Decimal | None]]:
    """The year's earlier realisations by indicator code compared as the import compares
    codes (case-free), so a PK Perubahan that writes "a1" for "A1" keeps its history."""
    found: dict[str, dict[int, Decimal | None]] = {}
    for code, values in performance.earlier_values(
            session=session, agency_id=cycle.agency_id, year=cycle.year,
            before_quarter=cycle.quarter).items():
        found.setdefault(key_of(code), {}).update(values)
    return found


def _by_indicator(evidence: list[Document]) -> dict[int | None, list[Document]]:
    grouped: dict[int | None, list[Document]] = {}
    for document in evidence:
        grouped.setdefault(document.indicator_id, []).append(document)
    return grouped


def report_rows(
    session: Session, cycle: MeasurementCycle
) -> tuple[tuple[workbooks.MeasurementRow, ...], tuple[workbooks.FinanceRow, ...]]:
    """Every indicator and sub-kegiatan of the cycle with its figures, for the report."""
    if cycle.agreement_id is None or cycle.id is None:
        return (), ()
    divisions = {d.id: d.name for d in agencies.list_divisions(
        session=session, agency_id=cycle.agency_id, active_only=False)}
    goals = {g.id: g.name for g in performance.goals_of(session=session,
                                                        agreement_id=cycle.agreement_id)}
    saved = performance.realizations_of(session=session, cycle_id=cycle.id)
    evidence = documents.documents_of(session=session, cycle_id=cycle.id,
                                      kind=DocumentKind.EVIDENCE)
    earlier = _earlier_quarters(session, cycle)
    files = _by_indicator(evidence)
    measurements = []
    for indicator in performance.indicators_of(session=session, agreement_id=cycle.agreement_id):
        record = saved.get(indicator.id or 0)
        result = figures(indicator, cycle.quarter, record.value if record else None,
                         earlier.get(key_of(indicator.code), {}))
        names = tuple(d.original_name for d in files.get(indicator.id, ()))
        measurements.append(workbooks.MeasurementRow(
            goal=goals.get(indicator.goal_id, "-"), code=indicator.code,
            indicator=indicator.name, unit=indicator.unit,
            division=divisions.get(indicator.division_id, "-"),
            annual_target=indicator.annual_target, quarter_target=result.target_quarter,
            realization=result.realization_quarter,
            realization_to_date=result.realization_to_date,
            achievement=result.achievement_quarter.value,
            achievement_to_date=result.achievement_to_date.value,
            annual_progress=result.annual_progress.value,
            missing_quarters=tuple(q for q in result.missing_quarters if q < cycle.quarter),
            obstacles=(record.obstacles or "") if record else "",
            follow_up=(record.follow_up or "") if record else "",
            evidence="; ".join(names),
            explanation=(record.explanation or "") if record else "",
            evidence_files=names,
            decimals=indicator.decimals))
    money = performance.financials_of(session=session, cycle_id=cycle.id)
    tree = {b.id: b for b in performance.budget_items_of(session=session,
                                                         agreement_id=cycle.agreement_id)}
    finances = []
    for item in performance.sub_activities_of(session=session, agreement_id=cycle.agreement_id):
        spent = money[item.id].amount if item.id in money else None
        activity = tree.get(item.parent_id)
        program = tree.get(activity.parent_id) if activity else None
        finances.append(workbooks.FinanceRow(
            code=item.code, name=item.name, division=divisions.get(item.division_id, "-"),
            budget=item.budget, quarter_target=quarter_value(item, cycle.quarter),
            realization=spent,
            absorption=(spent / item.budget * 100) if spent is not None and item.budget else None,
            program=program.name if program else "", activity=activity.name if activity else "",
            indicator_codes=tuple(str(code) for code in item.indicator_codes)))
    return tuple(measurements), tuple(finances)
