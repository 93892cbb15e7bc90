"""The workflow engine: every allowed and every refused transition of a cycle, without Telegram.

``Office`` is an agency with the Sekretariat, two Bidang and one official per role; its helpers
attach the documents a step needs and walk a cycle to any step, so that each test sets up only
what it is about.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import count

import pytest
from sqlmodel import Session

from bot.domain import errors, workflow
from bot.domain.sop import STEP_BY_KEY, STEPS, DocumentKind, Outcome, Role, Step, StepKey, step
from bot.services import engine, roster
from storage import agencies, audit, cycles, documents
from storage.documents import FileStore
from storage.models import Agency, AuditEvent, Division, MeasurementCycle, StepRun, User
from tests.conftest import NOW, Factory

LATER = NOW + timedelta(hours=3)

# What each step's actor attaches before finishing it (step 4's parts are handled per division).
STEP_DOCUMENTS: dict[StepKey, tuple[DocumentKind, ...]] = {
    StepKey.ORDER: (DocumentKind.ANALYSIS_REPORT, DocumentKind.HEAD_MEMO),
    StepKey.BRIEFING: (DocumentKind.MINUTES,),
    StepKey.PREPARE_FORMS: (DocumentKind.FORM,),
    StepKey.COMPILE: (DocumentKind.REPORT,),
    StepKey.FORWARD: (),
    StepKey.REVIEW: (),
    StepKey.FINAL_REPORT: (DocumentKind.FINAL_REPORT,),
    StepKey.ESR_UPLOAD: (DocumentKind.ESR_RECEIPT,),
}
PART_DOCUMENTS: tuple[DocumentKind, ...] = (DocumentKind.DRAFT, DocumentKind.EVIDENCE)

# Steps done by one official, save the last (which closes the cycle).
SINGLE_STEPS_BEFORE_THE_END = [s for s in STEPS[:-1] if not s.per_division]
WRONG_ROLES = [
    pytest.param(s.key, role, id=f"{s.number}-{s.key}-{role}")
    for s in STEPS
    for role in Role
    if role not in s.actors
]


@dataclass
class Office:
    """An agency with its parts and officials, and helpers to move a cycle along."""

    session: Session
    store: FileStore
    factory: Factory
    agency: Agency
    secretariat: Division
    bina_marga: Division
    cipta_karya: Division
    head: User
    secretary: User
    sakip: User
    planner: User
    watcher: User  # the province's, holding no step of the SOP
    bidang: dict[str, User]
    _serial: count[int] = field(default_factory=count)

    @property
    def agency_id(self) -> int:
        assert self.agency.id is not None
        return self.agency.id

    @property
    def parts(self) -> list[Division]:
        return [self.secretariat, self.bina_marga, self.cipta_karya]

    def actor(self, user: User) -> workflow.Actor:
        return roster.load_actor(session=self.session, user=user)

    def user_for(self, role: Role) -> User:
        """The official holding ``role`` (the Bina Marga official for the Bidang role)."""
        return {
            Role.HEAD: self.head,
            Role.SECRETARY: self.secretary,
            Role.DIVISION: self.bidang["Bina Marga"],
            Role.SAKIP_TEAM: self.sakip,
            Role.PLANNING_UNIT: self.planner,
            Role.PROVINCE: self.watcher,
        }[role]

    def owner(self, key: StepKey, division: Division | None = None) -> User:
        """Who carries out ``key`` (for ``division``'s part of step 4)."""
        if division is None:
            return self.user_for(step(key).actors[0])
        return self.secretary if division.is_secretariat else self.bidang[division.name]

    # --- documents

    def attach(
        self,
        cycle: MeasurementCycle,
        kind: DocumentKind,
        key: StepKey,
        division: Division | None = None,
    ) -> documents.Document:
        document, _ = documents.record_document(
            session=self.session, store=self.store, agency_id=self.agency_id, kind=kind,
            data=f"{kind} #{next(self._serial)}".encode(), original_name="x.pdf",
            mime_type="application/pdf", now=NOW, cycle_id=cycle.id, step=key,
            division_id=division.id if division else None,
        )
        return document

    def prepare(self, cycle: MeasurementCycle, key: StepKey) -> None:
        """Attach what ``key``'s actor brings (not step 4: see ``prepare_part``)."""
        for kind in STEP_DOCUMENTS[key]:
            self.attach(cycle, kind, key)

    def prepare_part(self, cycle: MeasurementCycle, division: Division) -> None:
        for kind in PART_DOCUMENTS:
            self.attach(cycle, kind, StepKey.FILL_IN, division)

    # --- actions

    def start(self, year: int = 2024, quarter: int = 1) -> MeasurementCycle:
        return engine.start_cycle(
            session=self.session, agency_id=self.agency_id, actor=self.actor(self.head),
            year=year, quarter=quarter, now=NOW,
        ).cycle

    def act(
        self,
        cycle: MeasurementCycle,
        key: StepKey,
        user: User,
        division: Division | None = None,
        now: datetime = NOW,
    ) -> engine.Result:
        """Carry out ``key`` as ``user``: complete it, or approve it for the decision step."""
        assert cycle.id is not None
        if step(key).decision:
            return engine.decide(
                session=self.session, cycle_id=cycle.id, actor=self.actor(user), approve=True,
                now=now,
            )
        return engine.complete_step(
            session=self.session, cycle_id=cycle.id, key=key, actor=self.actor(user), now=now,
            division_id=division.id if division else None,
        )

    def submit_part(self, cycle: MeasurementCycle, division: Division) -> engine.Result:
        self.prepare_part(cycle, division)
        return self.act(cycle, StepKey.FILL_IN, self.owner(StepKey.FILL_IN, division), division)

    def advance(self, cycle: MeasurementCycle, key: StepKey, now: datetime = NOW) -> None:
        """Do ``key`` the way the SOP wants it: every part for step 4, approval for step 7."""
        if key is StepKey.FILL_IN:
            for division in self.parts:
                if self.run(cycle, key, division) is not None:
                    self.submit_part(cycle, division)
            return
        self.prepare(cycle, key)
        self.act(cycle, key, self.owner(key), now=now)

    def walk_to(self, key: StepKey, cycle: MeasurementCycle | None = None) -> MeasurementCycle:
        """A cycle (new unless given) whose ``key`` is the active step."""
        cycle = cycle or self.start()
        for s in STEPS:
            if s.key is key:
                break
            self.advance(cycle, s.key)
        assert self.current(cycle) == [key]
        return cycle

    def return_report(
        self, cycle: MeasurementCycle, divisions: list[Division], note: str = "Lengkapi data"
    ) -> engine.Result:
        assert cycle.id is not None
        return engine.decide(
            session=self.session, cycle_id=cycle.id, actor=self.actor(self.head), approve=False,
            now=NOW, note=note, return_division_ids=[d.id for d in divisions if d.id],
        )

    # --- reading state

    def current(self, cycle: MeasurementCycle) -> list[StepKey]:
        """The steps that have an active run, in SOP order."""
        assert cycle.id is not None
        active = {run.step for run in cycles.active_runs(session=self.session, cycle_id=cycle.id)}
        return [s.key for s in STEPS if s.key in active]

    def run(
        self, cycle: MeasurementCycle, key: StepKey, division: Division | None = None
    ) -> StepRun | None:
        return engine.active_run(
            session=self.session, cycle=cycle, key=key,
            division_id=division.id if division else None,
        )

    def latest(self, cycle: MeasurementCycle, key: StepKey) -> dict[int | None, StepRun]:
        assert cycle.id is not None
        return cycles.latest_runs(session=self.session, cycle_id=cycle.id, step=key)

    def events(self, cycle: MeasurementCycle | None = None) -> list[AuditEvent]:
        return audit.events(
            session=self.session, agency_id=self.agency_id,
            cycle_id=cycle.id if cycle else None,
        )

    def deactivate(self, user: User) -> None:
        user.active = False
        self.session.add(user)
        self.session.flush()


@pytest.fixture
def office(session: Session, store: FileStore, factory: Factory) -> Office:
    agency = factory.agency(("Bina Marga", "Cipta Karya"))
    assert agency.id is not None
    bina_marga = factory.division(agency, "Bina Marga")
    cipta_karya = factory.division(agency, "Cipta Karya")
    return Office(
        session=session,
        store=store,
        factory=factory,
        agency=agency,
        secretariat=agencies.secretariat(session=session, agency_id=agency.id),
        bina_marga=bina_marga,
        cipta_karya=cipta_karya,
        head=factory.user(agency, "Kepala Dinas", Role.HEAD),
        secretary=factory.user(agency, "Sekretaris", Role.SECRETARY),
        sakip=factory.user(agency, "Tim SAKIP", Role.SAKIP_TEAM),
        planner=factory.user(agency, "Subbag Perencanaan", Role.PLANNING_UNIT),
        watcher=factory.user(agency, "Pemantau Provinsi", Role.PROVINCE),
        bidang={
            "Bina Marga": factory.user(agency, "Kabid BM", (Role.DIVISION, bina_marga)),
            "Cipta Karya": factory.user(agency, "Kabid CK", (Role.DIVISION, cipta_karya)),
        },
    )


def missing_kinds(error: pytest.ExceptionInfo[errors.MissingInputs]) -> set[DocumentKind]:
    return {kind for kind, _ in error.value.params["missing"]}


def missing_pairs(
    error: pytest.ExceptionInfo[errors.MissingInputs],
) -> set[tuple[DocumentKind, int | None]]:
    missing = error.value.params["missing"]
    return {(kind, division.id if division else None) for kind, division in missing}


# --- starting a cycle -----------------------------------------------------------------------


def test_head_starts_a_cycle_with_step_1_active(office: Office) -> None:
    result = engine.start_cycle(
        session=office.session, agency_id=office.agency_id, actor=office.actor(office.head),
        year=2024, quarter=2, now=NOW,
    )

    cycle = result.cycle
    assert (cycle.year, cycle.quarter, cycle.status) == (2024, 2, workflow.OPEN)
    assert cycle.opened_by_user_id == office.head.id
    assert cycle.closed_at is None
    assert office.current(cycle) == [StepKey.ORDER]
    [run] = result.activated
    assert (run.step, run.round, run.status, run.division_id) == ("order", 1, "active", None)
    assert (run.started_at, run.due_at) == (NOW, NOW + timedelta(minutes=10))
    [event] = office.events(cycle)
    assert (event.action, event.actor_user_id) == ("cycle.start", office.head.id)
    assert event.after == {"year": 2024, "quarter": 2}


@pytest.mark.parametrize("role", [r for r in Role if r is not Role.HEAD])
def test_only_the_head_starts_a_cycle(office: Office, role: Role) -> None:
    with pytest.raises(errors.NotAllowed):
        engine.start_cycle(
            session=office.session, agency_id=office.agency_id,
            actor=office.actor(office.user_for(role)), year=2024, quarter=1, now=NOW,
        )
    assert cycles.list_cycles(session=office.session, agency_id=office.agency_id) == []
    assert office.events() == []


@pytest.mark.parametrize("archived", [False, True], ids=["open", "archived"])
def test_one_cycle_per_period(office: Office, archived: bool) -> None:
    cycle = office.start(2024, 1)
    if archived:
        office.walk_to(StepKey.ESR_UPLOAD, cycle)
        office.advance(cycle, StepKey.ESR_UPLOAD)
    events_before = len(office.events())

    with pytest.raises(errors.CycleExists) as refused:
        office.start(2024, 1)

    assert refused.value.params["status"] == cycle.status
    assert len(cycles.list_cycles(session=office.session, agency_id=office.agency_id)) == 1
    assert len(office.events()) == events_before


def test_other_periods_may_run_side_by_side(office: Office) -> None:
    first = office.start(2024, 1)
    second = office.start(2024, 2)
    third = office.start(2025, 1)
    assert len({first.id, second.id, third.id}) == 3
    assert all(office.current(c) == [StepKey.ORDER] for c in (first, second, third))


def test_same_period_in_another_agency_is_its_own_cycle(office: Office) -> None:
    office.start(2024, 1)
    other = agencies.create_agency(session=office.session, name="Dinas Lain", code="lain", now=NOW)
    assert other.id is not None
    other_head = office.factory.user(other, "Kepala Dinas Lain", Role.HEAD)

    result = engine.start_cycle(
        session=office.session, agency_id=other.id, actor=office.actor(other_head), year=2024,
        quarter=1, now=NOW,
    )

    assert result.cycle.agency_id == other.id


@pytest.mark.parametrize(
    ("year", "quarter"), [(2024, 0), (2024, 5), (2024, -1), (1999, 1), (2101, 1)]
)
def test_invalid_period_is_refused(office: Office, year: int, quarter: int) -> None:
    with pytest.raises(errors.InvalidInput):
        office.start(year, quarter)
    assert cycles.list_cycles(session=office.session, agency_id=office.agency_id) == []


def test_head_of_another_agency_cannot_start_a_cycle_here(office: Office) -> None:
    other = agencies.create_agency(session=office.session, name="Dinas Lain", code="lain", now=NOW)
    stranger = office.factory.user(other, "Kepala Dinas Lain", Role.HEAD)
    with pytest.raises(errors.NotAllowed):
        engine.start_cycle(
            session=office.session, agency_id=office.agency_id,
            actor=office.actor(stranger), year=2024, quarter=1, now=NOW,
        )


def test_head_of_another_agency_cannot_act_on_this_agencys_cycle(office: Office) -> None:
    cycle = office.start()
    office.prepare(cycle, StepKey.ORDER)
    other = agencies.create_agency(session=office.session, name="Dinas Lain", code="lain", now=NOW)
    stranger = office.factory.user(other, "Kepala Dinas Lain", Role.HEAD)
    with pytest.raises(errors.NotAllowed):
        office.act(cycle, StepKey.ORDER, stranger)


# --- step 1 and its documents ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("attached", "missing"),
    [
        ((), {DocumentKind.ANALYSIS_REPORT, DocumentKind.HEAD_MEMO}),
        ((DocumentKind.ANALYSIS_REPORT,), {DocumentKind.HEAD_MEMO}),
        ((DocumentKind.HEAD_MEMO,), {DocumentKind.ANALYSIS_REPORT}),
    ],
    ids=["nothing", "report-only", "memo-only"],
)
def test_step_1_needs_the_analysis_report_and_the_memo(
    office: Office, attached: tuple[DocumentKind, ...], missing: set[DocumentKind]
) -> None:
    cycle = office.start()
    for kind in attached:
        office.attach(cycle, kind, StepKey.ORDER)

    with pytest.raises(errors.MissingInputs) as refused:
        office.act(cycle, StepKey.ORDER, office.head)

    assert refused.value.params["step"] == 1
    assert missing_kinds(refused) == missing
    assert office.current(cycle) == [StepKey.ORDER]
    assert [e.action for e in office.events(cycle)] == ["cycle.start"]


def test_documents_of_another_cycle_do_not_count(office: Office) -> None:
    earlier = office.start(2024, 1)
    office.prepare(earlier, StepKey.ORDER)
    cycle = office.start(2024, 2)

    with pytest.raises(errors.MissingInputs) as refused:
        office.act(cycle, StepKey.ORDER, office.head)

    assert missing_kinds(refused) == {DocumentKind.ANALYSIS_REPORT, DocumentKind.HEAD_MEMO}


def test_step_1_with_its_documents_activates_step_2(office: Office) -> None:
    cycle = office.start()
    office.prepare(cycle, StepKey.ORDER)

    result = office.act(cycle, StepKey.ORDER, office.head, now=LATER)

    [done] = result.completed
    assert (done.status, done.outcome, done.done_at) == ("done", Outcome.DONE, LATER)
    assert done.done_by_user_id == office.head.id
    [run] = result.activated
    assert (run.step, run.started_at) == (StepKey.BRIEFING, LATER)
    # Two working hours from 11:00 WIB skip the 12:00-13:00 break: due 14:00.
    assert run.due_at == LATER + timedelta(hours=3)
    assert office.current(cycle) == [StepKey.BRIEFING]


@pytest.mark.parametrize(
    "key", [StepKey.BRIEFING, StepKey.PREPARE_FORMS, StepKey.COMPILE, StepKey.FINAL_REPORT]
)
def test_step_needs_its_output_before_it_is_done(office: Office, key: StepKey) -> None:
    cycle = office.walk_to(key)
    with pytest.raises(errors.MissingInputs) as refused:
        office.act(cycle, key, office.owner(key))
    assert missing_kinds(refused) == set(step(key).outputs)
    assert office.current(cycle) == [key]


# --- who may act ----------------------------------------------------------------------------


@pytest.mark.parametrize(("key", "role"), WRONG_ROLES)
def test_wrong_role_is_refused_on_every_step(office: Office, key: StepKey, role: Role) -> None:
    cycle = office.walk_to(key)
    if key is not StepKey.FILL_IN:
        office.prepare(cycle, key)  # so that only the role stands in the way
    events_before = len(office.events(cycle))
    user = office.user_for(role)

    for division in office.parts if key is StepKey.FILL_IN else [None]:
        if division is not None:
            office.prepare_part(cycle, division)
        with pytest.raises(errors.NotAllowed) as refused:
            office.act(cycle, key, user, division)
        assert refused.value.params["step"] == step(key).number
        assert office.run(cycle, key, division) is not None

    assert len(office.events(cycle)) == events_before
    assert office.current(cycle) == [key]


@pytest.mark.parametrize("s", STEPS, ids=lambda s: s.key)
def test_a_full_cycle_moves_through_every_step_in_order(office: Office, s: Step) -> None:
    cycle = office.walk_to(s.key)
    office.advance(cycle, s.key)
    following = STEPS[s.number] if s.number < len(STEPS) else None
    assert office.current(cycle) == ([following.key] if following else [])


@pytest.mark.parametrize("s", STEPS[1:], ids=lambda s: s.key)
def test_step_that_is_not_active_is_refused(office: Office, s: Step) -> None:
    cycle = office.start()
    office.prepare(cycle, StepKey.ORDER)
    division = office.bina_marga if s.per_division else None

    with pytest.raises(errors.StepNotActive) as refused:
        office.act(cycle, s.key, office.owner(s.key, division), division)

    assert refused.value.params["step"] == s.number
    assert office.current(cycle) == [StepKey.ORDER]


@pytest.mark.parametrize("s", SINGLE_STEPS_BEFORE_THE_END, ids=lambda s: s.key)
def test_step_already_done_is_refused(office: Office, s: Step) -> None:
    cycle = office.walk_to(s.key)
    office.advance(cycle, s.key)
    events_before = len(office.events(cycle))

    with pytest.raises(errors.StepNotActive):
        office.act(cycle, s.key, office.owner(s.key))

    assert len(office.events(cycle)) == events_before


@pytest.mark.parametrize("s", STEPS, ids=lambda s: s.key)
def test_deactivated_official_may_do_nothing(office: Office, s: Step) -> None:
    cycle = office.walk_to(s.key)
    division = office.bina_marga if s.per_division else None
    if division is not None:
        office.prepare_part(cycle, division)
    else:
        office.prepare(cycle, s.key)
    owner = office.owner(s.key, division)
    office.deactivate(owner)

    with pytest.raises(errors.NotAllowed):
        office.act(cycle, s.key, owner, division)

    assert office.run(cycle, s.key, division) is not None


def test_deactivated_head_cannot_start_a_cycle(office: Office) -> None:
    office.deactivate(office.head)
    with pytest.raises(errors.NotAllowed):
        office.start()


def test_one_official_with_two_roles_does_both_roles_steps(office: Office) -> None:
    dual = office.factory.user(office.agency, "Sekretaris dan Tim SAKIP", Role.SECRETARY,
                               Role.SAKIP_TEAM)
    cycle = office.walk_to(StepKey.BRIEFING)

    for key in (StepKey.BRIEFING, StepKey.PREPARE_FORMS):
        office.prepare(cycle, key)
        office.act(cycle, key, dual)
    office.prepare_part(cycle, office.secretariat)
    office.act(cycle, StepKey.FILL_IN, dual, office.secretariat)

    latest = office.latest(cycle, StepKey.FILL_IN)
    assert latest[office.secretariat.id].done_by_user_id == dual.id
    assert [(e.action, e.actor_user_id) for e in office.events(cycle)][-3:] == [
        ("step.briefing.done", dual.id),
        ("step.prepare_forms.done", dual.id),
        ("step.fill_in.done", dual.id),
    ]


def test_one_official_with_two_roles_still_lacks_the_others(office: Office) -> None:
    dual = office.factory.user(office.agency, "Sekretaris dan Tim SAKIP", Role.SECRETARY,
                               Role.SAKIP_TEAM)
    cycle = office.walk_to(StepKey.FILL_IN)
    office.prepare_part(cycle, office.bina_marga)
    with pytest.raises(errors.NotAllowed):
        office.act(cycle, StepKey.FILL_IN, dual, office.bina_marga)


# --- step 4: one part per division ----------------------------------------------------------


def test_fill_in_opens_one_part_per_division_including_the_secretariat(office: Office) -> None:
    cycle = office.walk_to(StepKey.PREPARE_FORMS)
    office.prepare(cycle, StepKey.PREPARE_FORMS)

    result = office.act(cycle, StepKey.PREPARE_FORMS, office.sakip, now=LATER)

    assert [r.division_id for r in result.activated] == [d.id for d in office.parts]
    assert all(r.step == StepKey.FILL_IN and r.round == 1 for r in result.activated)
    assert all(r.due_at == LATER + timedelta(days=2) for r in result.activated)
    assert [d.id for d in engine.parts(session=office.session, cycle=cycle)] == [
        d.id for d in office.parts
    ]


def test_only_the_secretary_submits_the_secretariat_part(office: Office) -> None:
    cycle = office.walk_to(StepKey.FILL_IN)
    office.prepare_part(cycle, office.secretariat)

    for bidang in office.bidang.values():
        with pytest.raises(errors.NotAllowed):
            office.act(cycle, StepKey.FILL_IN, bidang, office.secretariat)
    office.act(cycle, StepKey.FILL_IN, office.secretary, office.secretariat)

    assert office.latest(cycle, StepKey.FILL_IN)[office.secretariat.id].status == "done"


def test_a_bidang_submits_only_its_own_part(office: Office) -> None:
    cycle = office.walk_to(StepKey.FILL_IN)
    bm, ck = office.bina_marga, office.cipta_karya
    for division in (bm, ck):
        office.prepare_part(cycle, division)

    with pytest.raises(errors.NotAllowed):
        office.act(cycle, StepKey.FILL_IN, office.bidang["Bina Marga"], ck)
    with pytest.raises(errors.NotAllowed):
        office.act(cycle, StepKey.FILL_IN, office.secretary, bm)
    office.act(cycle, StepKey.FILL_IN, office.bidang["Bina Marga"], bm)

    latest = office.latest(cycle, StepKey.FILL_IN)
    assert (latest[bm.id].status, latest[ck.id].status) == ("done", "active")
    assert latest[bm.id].done_by_user_id == office.bidang["Bina Marga"].id


def test_a_part_needs_a_division(office: Office) -> None:
    cycle = office.walk_to(StepKey.FILL_IN)
    with pytest.raises(errors.InvalidInput) as refused:
        office.act(cycle, StepKey.FILL_IN, office.secretary)
    assert refused.value.params["reason"] == "division_required"


def test_a_part_of_another_agencys_division_is_refused(office: Office) -> None:
    cycle = office.walk_to(StepKey.FILL_IN)
    other = agencies.create_agency(session=office.session, name="Dinas Lain", code="lain", now=NOW)
    assert other.id is not None
    foreign = agencies.secretariat(session=office.session, agency_id=other.id)
    with pytest.raises(errors.InvalidInput) as refused:
        office.act(cycle, StepKey.FILL_IN, office.secretary, foreign)
    assert refused.value.params["reason"] == "unknown_division"


@pytest.mark.parametrize("kind", PART_DOCUMENTS)
def test_a_part_needs_its_draft_and_evidence(office: Office, kind: DocumentKind) -> None:
    cycle = office.walk_to(StepKey.FILL_IN)
    bm = office.bina_marga
    for other_kind in PART_DOCUMENTS:
        if other_kind is not kind:
            office.attach(cycle, other_kind, StepKey.FILL_IN, bm)
    # Another part's document of the missing kind does not count for this one.
    office.attach(cycle, kind, StepKey.FILL_IN, office.cipta_karya)

    with pytest.raises(errors.MissingInputs) as refused:
        office.act(cycle, StepKey.FILL_IN, office.bidang["Bina Marga"], bm)

    assert missing_pairs(refused) == {(kind, bm.id)}
    assert office.run(cycle, StepKey.FILL_IN, bm) is not None


def test_compile_starts_only_when_every_part_is_done(office: Office) -> None:
    cycle = office.walk_to(StepKey.FILL_IN)
    *first, last = office.parts

    for division in first:
        result = office.submit_part(cycle, division)
        assert result.activated == []
        assert office.current(cycle) == [StepKey.FILL_IN]
        with pytest.raises(errors.StepNotActive):
            office.act(cycle, StepKey.COMPILE, office.sakip)
    result = office.submit_part(cycle, last)

    [run] = result.activated
    assert (run.step, run.round) == (StepKey.COMPILE, 1)
    assert office.current(cycle) == [StepKey.COMPILE]


def test_a_part_submitted_twice_is_refused_and_audited_once(office: Office) -> None:
    cycle = office.walk_to(StepKey.FILL_IN)
    office.submit_part(cycle, office.bina_marga)
    events_before = office.events(cycle)

    with pytest.raises(errors.StepNotActive) as refused:
        office.submit_part(cycle, office.bina_marga)

    assert refused.value.params == {"step": 4, "division": "Bina Marga"}
    assert office.events(cycle) == events_before
    assert [e.action for e in events_before].count("step.fill_in.done") == 1


@pytest.mark.parametrize("kind", PART_DOCUMENTS)
@pytest.mark.parametrize("division_name", ["Sekretariat", "Bina Marga", "Cipta Karya"])
def test_compile_needs_draft_and_evidence_from_every_division(
    office: Office, kind: DocumentKind, division_name: str
) -> None:
    cycle = office.walk_to(StepKey.COMPILE)
    assert cycle.id is not None
    division = next(d for d in office.parts if d.name == division_name)
    for document in documents.documents_of(
        session=office.session, cycle_id=cycle.id, kind=kind, division_id=division.id
    ):
        documents.remove_document(session=office.session, document=document)
    office.prepare(cycle, StepKey.COMPILE)

    with pytest.raises(errors.MissingInputs) as refused:
        office.act(cycle, StepKey.COMPILE, office.sakip)

    assert missing_pairs(refused) == {(kind, division.id)}
    assert office.current(cycle) == [StepKey.COMPILE]


def test_agency_wide_form_lets_the_parts_complete(office: Office) -> None:
    # Regression: a part once demanded a form filed under its own division.
    cycle = office.walk_to(StepKey.PREPARE_FORMS)
    office.attach(cycle, DocumentKind.FORM, StepKey.PREPARE_FORMS)  # one form for everyone
    office.act(cycle, StepKey.PREPARE_FORMS, office.sakip)  # step 3 accepts it

    office.prepare_part(cycle, office.secretariat)
    office.act(cycle, StepKey.FILL_IN, office.secretary, office.secretariat)

    assert office.latest(cycle, StepKey.FILL_IN)[office.secretariat.id].status == "done"


def test_division_added_during_fill_in_joins_the_next_cycle(office: Office) -> None:
    # Regression: step 5 once demanded the late division's documents and could never finish.
    cycle = office.walk_to(StepKey.FILL_IN)
    tata_ruang = agencies.add_division(
        session=office.session, agency_id=office.agency_id, name="Tata Ruang"
    )
    office.bidang["Tata Ruang"] = office.factory.user(
        office.agency, "Kabid TR", (Role.DIVISION, tata_ruang)
    )

    assert [d.id for d in engine.parts(session=office.session, cycle=cycle)] == [
        d.id for d in office.parts
    ]
    office.advance(cycle, StepKey.FILL_IN)
    office.advance(cycle, StepKey.COMPILE)

    assert office.run(cycle, StepKey.FILL_IN, tata_ruang) is None
    assert office.current(cycle) == [StepKey.FORWARD]
    assert tata_ruang in engine.parts(session=office.session, cycle=office.start(2024, 2))


# --- step 7: the decision -------------------------------------------------------------------


def test_complete_step_refuses_the_decision_step(office: Office) -> None:
    cycle = office.walk_to(StepKey.REVIEW)
    assert cycle.id is not None
    with pytest.raises(errors.InvalidInput) as refused:
        engine.complete_step(
            session=office.session, cycle_id=cycle.id, key=StepKey.REVIEW,
            actor=office.actor(office.head), now=NOW,
        )
    assert refused.value.params == {"reason": "decision_step", "step": 7}
    assert office.current(cycle) == [StepKey.REVIEW]


def test_approval_activates_the_final_report(office: Office) -> None:
    cycle = office.walk_to(StepKey.REVIEW)

    result = office.act(cycle, StepKey.REVIEW, office.head, now=LATER)

    [review] = result.completed
    assert (review.outcome, review.done_by_user_id, review.done_at) == (
        Outcome.APPROVED, office.head.id, LATER,
    )
    [run] = result.activated
    assert (run.step, run.due_at) == (StepKey.FINAL_REPORT, LATER + timedelta(minutes=30))
    assert office.current(cycle) == [StepKey.FINAL_REPORT]
    event = office.events(cycle)[-1]
    assert (event.action, event.actor_user_id) == ("step.review.approved", office.head.id)


@pytest.mark.parametrize("note", [None, "", "   "])
def test_return_needs_a_note(office: Office, note: str | None) -> None:
    cycle = office.walk_to(StepKey.REVIEW)
    assert cycle.id is not None
    with pytest.raises(errors.InvalidInput) as refused:
        engine.decide(
            session=office.session, cycle_id=cycle.id, actor=office.actor(office.head),
            approve=False, now=NOW, note=note,
        )
    assert refused.value.params["reason"] == "note_required"
    assert office.current(cycle) == [StepKey.REVIEW]


def test_return_to_an_unknown_division_is_refused(office: Office) -> None:
    cycle = office.walk_to(StepKey.REVIEW)
    assert cycle.id is not None
    with pytest.raises(errors.InvalidInput) as refused:
        engine.decide(
            session=office.session, cycle_id=cycle.id, actor=office.actor(office.head),
            approve=False, now=NOW, note="Lengkapi", return_division_ids=[9999],
        )
    assert refused.value.params["reason"] == "unknown_division"
    assert office.current(cycle) == [StepKey.REVIEW]


def test_return_to_a_division_reopens_only_its_part(office: Office) -> None:
    cycle = office.walk_to(StepKey.REVIEW)
    bm = office.bina_marga

    result = office.return_report(cycle, [bm], note="Data dukung BM kurang")

    [review] = result.completed
    assert (review.outcome, review.note) == (Outcome.RETURNED, "Data dukung BM kurang")
    assert review.data["division_ids"] == [bm.id]
    [reopened] = result.activated
    assert (reopened.step, reopened.division_id, reopened.round) == (StepKey.FILL_IN, bm.id, 2)
    assert reopened.note == "Data dukung BM kurang"
    assert office.current(cycle) == [StepKey.FILL_IN]
    latest = office.latest(cycle, StepKey.FILL_IN)
    for division in (office.secretariat, office.cipta_karya):
        assert (latest[division.id].status, latest[division.id].round) == ("done", 1)
        with pytest.raises(errors.StepNotActive):
            office.submit_part(cycle, division)
    event = office.events(cycle)[-1]
    assert (event.action, event.actor_user_id) == ("step.review.returned", office.head.id)
    assert event.after == {"note": "Data dukung BM kurang", "division_ids": [bm.id]}

    resubmitted = office.submit_part(cycle, bm)

    [compile_run] = resubmitted.activated
    assert (compile_run.step, compile_run.round) == (StepKey.COMPILE, 2)
    assert office.current(cycle) == [StepKey.COMPILE]


def test_return_to_several_divisions_waits_for_all_of_them(office: Office) -> None:
    cycle = office.walk_to(StepKey.REVIEW)
    bm, ck = office.bina_marga, office.cipta_karya

    result = office.return_report(cycle, [ck, bm, ck])

    assert sorted(r.division_id or 0 for r in result.activated) == sorted([bm.id, ck.id])
    office.submit_part(cycle, bm)
    assert office.current(cycle) == [StepKey.FILL_IN]
    office.submit_part(cycle, ck)
    assert office.current(cycle) == [StepKey.COMPILE]


def test_return_without_divisions_reopens_compile(office: Office) -> None:
    cycle = office.walk_to(StepKey.REVIEW)

    result = office.return_report(cycle, [], note="Perbaiki laporan")

    [run] = result.activated
    assert (run.step, run.round, run.note) == (StepKey.COMPILE, 2, "Perbaiki laporan")
    assert office.current(cycle) == [StepKey.COMPILE]
    assert all(r.status == "done" for r in office.latest(cycle, StepKey.FILL_IN).values())


def test_a_returned_report_goes_round_again_to_approval(office: Office) -> None:
    cycle = office.walk_to(StepKey.REVIEW)
    office.return_report(cycle, [office.cipta_karya])

    office.submit_part(cycle, office.cipta_karya)
    for key in (StepKey.COMPILE, StepKey.FORWARD):
        office.advance(cycle, key)
    review = office.run(cycle, StepKey.REVIEW)
    assert review is not None and review.round == 2
    office.advance(cycle, StepKey.REVIEW)

    assert office.current(cycle) == [StepKey.FINAL_REPORT]


def test_decision_on_a_review_that_is_not_active_is_refused(office: Office) -> None:
    cycle = office.walk_to(StepKey.FORWARD)
    with pytest.raises(errors.StepNotActive):
        office.act(cycle, StepKey.REVIEW, office.head)
    with pytest.raises(errors.StepNotActive):
        office.return_report(cycle, [])


# --- closing --------------------------------------------------------------------------------


def test_the_last_step_archives_the_cycle(office: Office) -> None:
    cycle = office.walk_to(StepKey.ESR_UPLOAD)
    office.prepare(cycle, StepKey.ESR_UPLOAD)

    result = office.act(cycle, StepKey.ESR_UPLOAD, office.planner, now=LATER)

    assert result.closed
    assert result.activated == []
    assert (cycle.status, cycle.closed_at) == (workflow.ARCHIVED, LATER)
    stored = cycles.get_cycle(session=office.session, cycle_id=cycle.id or 0)
    assert stored is not None and stored.status == "archived"
    assert cycles.active_runs(session=office.session, cycle_id=cycle.id) == []
    assert [(e.action, e.actor_user_id) for e in office.events(cycle)][-2:] == [
        ("step.esr_upload.done", office.planner.id),
        ("cycle.archived", office.planner.id),
    ]


@pytest.mark.parametrize("s", STEPS, ids=lambda s: s.key)
def test_archived_cycle_is_read_only(office: Office, s: Step) -> None:
    cycle = office.walk_to(StepKey.ESR_UPLOAD)
    office.advance(cycle, StepKey.ESR_UPLOAD)
    events_before = len(office.events(cycle))
    division = office.bina_marga if s.per_division else None

    with pytest.raises(errors.CycleClosed) as refused:
        office.act(cycle, s.key, office.owner(s.key, division), division)
    if s.decision:
        with pytest.raises(errors.CycleClosed):
            office.return_report(cycle, [])

    assert refused.value.params == {"year": 2024, "quarter": 1}
    assert len(office.events(cycle)) == events_before


# --- audit trail and time standards ---------------------------------------------------------


def test_every_success_is_audited_with_its_actor(office: Office) -> None:
    cycle = office.walk_to(StepKey.ESR_UPLOAD)
    office.advance(cycle, StepKey.ESR_UPLOAD)

    bidang = office.bidang
    assert [(e.action, e.actor_user_id) for e in office.events(cycle)] == [
        ("cycle.start", office.head.id),
        ("step.order.done", office.head.id),
        ("step.briefing.done", office.secretary.id),
        ("step.prepare_forms.done", office.sakip.id),
        ("step.fill_in.done", office.secretary.id),
        ("step.fill_in.done", bidang["Bina Marga"].id),
        ("step.fill_in.done", bidang["Cipta Karya"].id),
        ("step.compile.done", office.sakip.id),
        ("step.forward.done", office.secretary.id),
        ("step.review.approved", office.head.id),
        ("step.final_report.done", office.secretary.id),
        ("step.esr_upload.done", office.planner.id),
        ("cycle.archived", office.planner.id),
    ]
    assert all(e.cycle_id == cycle.id and e.at == NOW for e in office.events(cycle))


def test_due_at_is_the_time_standard_in_working_time(office: Office) -> None:
    cycle = office.walk_to(StepKey.REVIEW)
    office.return_report(cycle, [office.bina_marga])
    office.submit_part(cycle, office.bina_marga)
    for key in (StepKey.COMPILE, StepKey.FORWARD, StepKey.REVIEW, StepKey.FINAL_REPORT,
                StepKey.ESR_UPLOAD):
        office.advance(cycle, key)
    assert cycle.id is not None

    runs = cycles.runs_of(session=office.session, cycle_id=cycle.id)

    assert {r.step for r in runs} == set(StepKey)
    for run in runs:
        standard = STEP_BY_KEY[StepKey(run.step)].time_standard
        assert run.due_at == workflow.DEFAULT_CALENDAR.due(run.started_at, standard)
