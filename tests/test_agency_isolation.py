"""Three agencies in one database, each with its own cycle at step 4: every official of one,
in every role, asks the services for each action on another's cycle, tasks, figures, files and
officials, and is refused without a trace; what each sees lists only its own agency.

The actions are those of the authorisation matrix (``test_authorisation_matrix``) that reach
another agency's records by id: the ids come from the other agency, the officials from this one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, select

from bot import demo_data
from bot.domain import errors
from bot.domain.sop import DocumentKind, StepKey
from bot.services import (
    archive,
    compliance,
    delegation,
    fill_in,
    realization,
    reminders,
    review,
    steps,
    tasks,
    year_report,
)
from bot.services.context import ServiceContext
from bot.services.uploads import Upload
from storage import agencies
from storage.documents import FileStore
from storage.models import (
    AgencyChoice,
    AuditEvent,
    BudgetItem,
    ConversationDraft,
    Delegation,
    Document,
    FinancialRealization,
    Indicator,
    IndicatorRealization,
    MeasurementCycle,
    OutboxMessage,
    StepRun,
    User,
)
from tests import databases
from tests.clock import TickingClock

YEAR = 2024
START = datetime(YEAR, 4, 1, 1, 0, tzinfo=UTC)  # Monday 08:00 WIB
CODES = ("bmcktr", "pupr", "dinkes")
OFFSET = {"bmcktr": 0, "pupr": 100_000, "dinkes": 200_000}  # Telegram ids apart
PEOPLE = ("head", "secretary", "team_lead", "bina_marga", "planning")


def _pdf(name: str) -> Upload:
    return Upload(f"%PDF-1.4 {name}".encode(), name, "application/pdf")


@dataclass
class Agency:
    """One agency's officials, its cycle and the ids of what step 4 works on."""

    code: str
    people: dict[str, int]
    cycle: int
    part: int  # Bidang Bina Marga's step-4 run
    indicator: int  # its first indicator
    budget_item: int  # its first sub kegiatan


def _prepare(ctx: ServiceContext, code: str) -> Agency:
    demo_data.seed(ctx, master_year=YEAR, code=code, name=f"Dinas {code.upper()}",
                   telegram_offset=OFFSET[code])
    with Session(ctx.engine) as session:
        agency = agencies.get_agency(session=session, code=code)
        assert agency is not None
        ids = {o.key: u.id for o in demo_data.OFFICIALS
               for u in session.exec(select(User).where(User.agency_id == agency.id))
               if u.telegram_id == o.telegram_id + OFFSET[code]}
    run = steps.start_cycle(ctx, ids["head"], YEAR, 1)
    steps.attach(ctx, ids["head"], run.run_id, DocumentKind.ANALYSIS_REPORT, _pdf("a.pdf"))
    steps.issue_memo(ctx, ids["head"], run.run_id)
    briefing = _active(ctx.engine, code, StepKey.BRIEFING)
    steps.record_briefing(ctx, ids["secretary"], briefing, meeting_date=date(YEAR, 4, 1),
                          attendee_ids=[ids["team_lead"]], directions="Isi", attachment_id=None)
    steps.confirm(ctx, ids["team_lead"], _active(ctx.engine, code, StepKey.PREPARE_FORMS))
    part = _active(ctx.engine, code, StepKey.FILL_IN, "Bina Marga")
    with Session(ctx.engine) as session:
        run_row = session.get(StepRun, part)
        assert run_row is not None and run_row.division_id is not None
        indicator = session.exec(select(Indicator).where(
            Indicator.division_id == run_row.division_id).order_by(Indicator.position)).first()
        item = session.exec(select(BudgetItem).where(
            BudgetItem.division_id == run_row.division_id,
            BudgetItem.level == "sub_kegiatan").order_by(BudgetItem.id)).first()
        assert indicator is not None and indicator.id and item is not None and item.id
        indicator_id, item_id, cycle_id = indicator.id, item.id, run_row.cycle_id
    # Something of each kind already there, to be read or touched from outside.
    realization.save_value(ctx, ids["bina_marga"], part, indicator_id, "1")
    realization.add_evidence(ctx, ids["bina_marga"], part, indicator_id, _pdf(f"{code}.pdf"))
    return Agency(code, ids, cycle_id, part, indicator_id, item_id)


def _active(engine: Engine, code: str, key: StepKey, division: str | None = None) -> int:
    with Session(engine) as session:
        agency = agencies.get_agency(session=session, code=code)
        assert agency is not None and agency.id is not None
        division_id = None
        if division is not None:
            found = agencies.get_division_by_name(session=session, agency_id=agency.id,
                                                  name=division)
            assert found is not None
            division_id = found.id
        run = session.exec(select(StepRun).join(MeasurementCycle).where(
            MeasurementCycle.agency_id == agency.id, StepRun.step == key,
            StepRun.status == "active", StepRun.division_id == division_id)).one()
        assert run.id is not None
        return run.id


@dataclass
class Three:
    ctx: ServiceContext
    of: dict[str, Agency]


@pytest.fixture(scope="module")
def three(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Three]:
    folder = tmp_path_factory.mktemp("isolation")
    with databases.migrated_engine() as engine:
        ctx = ServiceContext(engine=engine, store=FileStore(folder), clock=TickingClock(START))
        yield Three(ctx, {code: _prepare(ctx, code) for code in CODES})


# --- what one agency's official may try on another's records --------------------------------
Try = Callable[[ServiceContext, int, Agency], object]
TRIES: dict[str, Try] = {
    "read the part": lambda c, u, o: realization.part_sheet(c, u, o.part),
    "open the part": lambda c, u, o: fill_in.open_part(c, u, o.part),
    "save a figure": lambda c, u, o: realization.save_value(c, u, o.part, o.indicator, "5"),
    "save kendala": lambda c, u, o: realization.save_text(c, u, o.part, o.indicator,
                                                          "obstacles", "Hujan"),
    "add data dukung": lambda c, u, o: realization.add_evidence(c, u, o.part, o.indicator,
                                                                _pdf("asing.pdf")),
    "save realisasi keuangan": lambda c, u, o: realization.save_financial(
        c, u, o.part, o.budget_item, "Rp 2 jt"),
    "hand the part back": lambda c, u, o: fill_in.submit_part(c, u, o.part),
    "confirm the step": lambda c, u, o: steps.confirm(c, u, o.part),
    "decide the review": lambda c, u, o: review.decide(c, u, o.part, approve=True),
    "give the task to someone": lambda c, u, o: delegation.reassign(c, u, o.part,
                                                                    o.people["bina_marga"]),
    "remind the divisions": lambda c, u, o: reminders.nudge(c, u, o.cycle),
    "see the step times": lambda c, u, o: compliance.cycle_timings(c, u, o.cycle),
    "take the report": lambda c, u, o: year_report.report_file(c, u, o.cycle),
    "name the other's official as Plh": lambda c, u, o: delegation.appoint(
        c, u, principal_id=u, substitute_id=o.people["bina_marga"], starts_at=START,
        ends_at=START + timedelta(days=3)),
    "name a Plh for the other's Kepala": lambda c, u, o: delegation.appoint(
        c, u, principal_id=o.people["head"], substitute_id=u, starts_at=START,
        ends_at=START + timedelta(days=3)),
}
# Asked of a cycle that is not theirs, these answer as of a cycle with nothing in it.
ANSWERED_EMPTY = {"see the step times"}
# A figure typed into one's own part, naming the other agency's indicator or budget line.
MIXED: dict[str, Callable[[ServiceContext, int, Agency, Agency], object]] = {
    "own part, other's indicator": lambda c, u, mine, o: realization.save_value(
        c, u, mine.part, o.indicator, "5"),
    "own part, other's evidence target": lambda c, u, mine, o: realization.add_evidence(
        c, u, mine.part, o.indicator, _pdf("x.pdf")),
    "own part, other's budget line": lambda c, u, mine, o: realization.save_financial(
        c, u, mine.part, o.budget_item, "Rp 1 jt"),
}

WATCHED: tuple[type[SQLModel], ...] = (MeasurementCycle, StepRun, Document, IndicatorRealization,
                                       FinancialRealization, Delegation, AuditEvent,
                                       OutboxMessage, ConversationDraft, AgencyChoice)


def _state(engine: Engine) -> dict[str, list[dict[str, Any]]]:
    with Session(engine) as session:
        return {model.__name__: [row.model_dump() for row in session.exec(select(model))]
                for model in WATCHED}


PAIRS = [(mine, other) for mine in CODES for other in CODES if mine != other]


@pytest.mark.parametrize(("mine", "other"), PAIRS)
@pytest.mark.parametrize("who", PEOPLE)
@pytest.mark.parametrize("action", list(TRIES))
def test_nothing_of_another_agency_can_be_read_or_changed(
        three: Three, mine: str, other: str, who: str, action: str) -> None:
    user = three.of[mine].people[who]
    before = _state(three.ctx.engine)
    if action in ANSWERED_EMPTY:
        assert TRIES[action](three.ctx, user, three.of[other]) == []
    else:
        with pytest.raises(errors.WorkflowError):
            TRIES[action](three.ctx, user, three.of[other])
    assert _state(three.ctx.engine) == before, f"{mine}'s {who} changed {other}'s records"


@pytest.mark.parametrize(("mine", "other"), PAIRS)
@pytest.mark.parametrize("action", list(MIXED))
def test_ones_own_part_cannot_name_another_agencys_records(
        three: Three, mine: str, other: str, action: str) -> None:
    before = _state(three.ctx.engine)
    with pytest.raises(errors.WorkflowError):
        MIXED[action](three.ctx, three.of[mine].people["bina_marga"], three.of[mine],
                      three.of[other])
    assert _state(three.ctx.engine) == before


@pytest.mark.parametrize("mine", CODES)
@pytest.mark.parametrize("who", PEOPLE)
def test_each_sees_only_its_own_agency(three: Three, mine: str, who: str) -> None:
    ctx, own = three.ctx, three.of[mine]
    user = own.people[who]
    others = [three.of[c] for c in CODES if c != mine]
    runs = {t.run_id for t in tasks.open_tasks(ctx, user)}
    assert not runs & {o.part for o in others}
    with Session(ctx.engine) as session:
        agency_of = {r.id: session.get(MeasurementCycle, r.cycle_id).agency_id  # type: ignore
                     for r in session.exec(select(StepRun)) if r.id in runs}
        own_agency = session.get(User, user)
        assert own_agency is not None
    assert set(agency_of.values()) <= {own_agency.agency_id}
    assert [c.cycle_id for c in tasks.cycle_status(ctx, user)] == [own.cycle]
    try:
        reports = year_report.reports(ctx, user)
    except errors.NotAllowed:
        reports = []  # the Kepala, the Sekretaris and the Tim SAKIP read the reports
    assert {r.cycle_id for r in reports} <= {own.cycle}


def test_the_setup_has_what_the_refusals_are_about(three: Three) -> None:
    """The refusals above mean something only if the records exist and their owners may act
    on them: each agency's Bidang reads and saves in its own part."""
    for code in CODES:
        own = three.of[code]
        sheet = realization.part_sheet(three.ctx, own.people["bina_marga"], own.part)
        assert sheet is not None
        before = _state(three.ctx.engine)
        realization.save_text(three.ctx, own.people["bina_marga"], own.part, own.indicator,
                              "obstacles", f"Kendala {code}")
        assert _state(three.ctx.engine) != before
    assert len({a.cycle for a in three.of.values()}) == 3


def test_archives_are_per_agency(three: Three) -> None:
    for code in CODES:
        assert archive.list_archives(three.ctx, code) == []
    with pytest.raises(errors.InvalidInput) as refused:
        archive.list_archives(three.ctx, None)
    assert refused.value.params["reason"] == "agency_ambiguous"


def test_each_agencys_files_are_its_own(three: Three) -> None:
    with Session(three.ctx.engine) as session:
        for code, own in three.of.items():
            docs = session.exec(select(Document).where(Document.cycle_id == own.cycle)).all()
            names = {d.original_name for d in docs}
            assert f"{code}.pdf" in names and not names & {f"{c}.pdf" for c in CODES} - {
                f"{code}.pdf"}
            owner = session.get(User, own.people["head"])
            assert owner is not None and {d.agency_id for d in docs} == {owner.agency_id}


def test_reminders_and_digests_go_to_each_agencys_own_officials(three: Three) -> None:
    """Weeks later every step 4 is overdue: the sweep reminds, escalates and sends the
    morning digest, each agency's to its own officials and about its own runs."""
    with Session(three.ctx.engine) as session:
        before = {m.id for m in session.exec(select(OutboxMessage))}
    late = datetime(YEAR, 4, 22, 2, 0, tzinfo=UTC)  # Monday 09:00 WIB
    sweeper = ServiceContext(engine=three.ctx.engine, store=three.ctx.store,
                             clock=lambda: late)
    while reminders.tick(sweeper):
        pass
    with Session(three.ctx.engine) as session:
        sent = [m for m in session.exec(select(OutboxMessage)) if m.id not in before]
        users_of = {u.id: u for u in session.exec(select(User))}
        secretaries = {code: users_of[a.people["secretary"]] for code, a in three.of.items()}
    assert sent
    for message in sent:
        to = users_of[message.user_id] if message.user_id is not None else None
        assert to is not None and to.agency_id == message.agency_id
        assert message.chat_id == to.telegram_id
    for code, secretary in secretaries.items():
        mine = [m for m in sent if m.user_id == secretary.id]
        assert any("Ringkasan" in m.text or "Langkah 4" in m.text for m in mine), code
        assert all(m.agency_id == secretary.agency_id for m in mine)
