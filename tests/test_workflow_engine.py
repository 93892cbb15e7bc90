"""The pure workflow engine: state in, change out, with no database and no Telegram.

``tests/test_workflow.py`` drives the same engine through storage; here each action is a value
in and a value out, so that what the engine decides is seen apart from how it is stored.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

import pytest

from bot.domain import errors, workflow
from bot.domain.sop import STEPS, TRANSITIONS, Outcome, Role, Step, StepKey, step
from bot.domain.workflow import ACTIVE, DONE, Actor, CycleState, Part

NOW = datetime(2026, 4, 6, 1, 0, tzinfo=UTC)  # Monday 08:00 WIB
AGENCY = 1
SECRETARIAT, BINA_MARGA, CIPTA_KARYA, CLOSED = (
    Part(10, "Sekretariat", is_secretariat=True), Part(11, "Bidang Bina Marga"),
    Part(12, "Bidang Cipta Karya"), Part(13, "Bidang Lama", active=False))
DIVISIONS = (SECRETARIAT, BINA_MARGA, CIPTA_KARYA, CLOSED)


@dataclass(frozen=True)
class Person:
    id: int
    name: str
    agency_id: int = AGENCY
    active: bool = True


@dataclass(frozen=True)
class Post:
    role: str
    division_id: int | None = None


def official(person_id: int, role: Role, division: Part | None = None,
             acting_for: tuple[Person, ...] = ()) -> Actor[Person]:
    own = (Post(role, division.id if division else None),)
    return Actor(user=Person(person_id, f"Pejabat {person_id}"), roles=own, own_roles=own,
                 acting_for=acting_for)


HEAD = official(1, Role.HEAD)
SECRETARY = official(2, Role.SECRETARY)
SAKIP = official(3, Role.SAKIP_TEAM)
PLANNER = official(4, Role.PLANNING_UNIT)
BIDANG = {BINA_MARGA.id: official(5, Role.DIVISION, BINA_MARGA),
          CIPTA_KARYA.id: official(6, Role.DIVISION, CIPTA_KARYA)}


def actor_for(s: Step, division_id: int | None = None) -> Actor[Person]:
    if s.per_division and division_id != SECRETARIAT.id:
        assert division_id is not None
        return BIDANG[division_id]
    return {Role.HEAD: HEAD, Role.SECRETARY: SECRETARY, Role.SAKIP_TEAM: SAKIP,
            Role.PLANNING_UNIT: PLANNER}[s.actors[0]]


def with_documents(state: CycleState, s: Step, division_id: int | None = None) -> CycleState:
    """``state`` holding what ``s`` needs (for one division's part when given)."""
    held = {(kind, division_id if kind in workflow.PER_DIVISION_KINDS else None)
            for kind in s.inputs + s.outputs}
    if not s.per_division:
        held |= {(kind, d.id) for kind in s.inputs if kind in workflow.PER_DIVISION_KINDS
                 for d in state.parts}
    return replace(state, documents=state.documents | held)


def stored(change: workflow.Change) -> CycleState:
    """The state as storage would give it back: every run with an id."""
    state = change.state
    taken = {run.id for run in state.runs if run.id is not None}
    fresh = iter(range(max(taken, default=0) + 1, 10_000))
    return replace(state, id=state.id or 99, runs=tuple(
        run if run.id is not None else replace(run, id=next(fresh)) for run in state.runs))


def opened() -> CycleState:
    return stored(workflow.start(agency_id=AGENCY, actor=HEAD, year=2026, quarter=1,
                                 divisions=DIVISIONS, now=NOW))


def finish(state: CycleState, key: StepKey, division_id: int | None = None,
           at: datetime = NOW) -> workflow.Change:
    s = step(key)
    return workflow.complete(with_documents(state, s, division_id), key=key,
                             actor=actor_for(s, division_id), now=at, division_id=division_id)


def at_step(key: StepKey) -> CycleState:
    """A cycle walked, by the SOP's simple path, to the moment ``key`` becomes active."""
    state = opened()
    for s in STEPS:
        if s.key == key:
            return state
        if s.per_division:
            for part in state.parts:
                state = stored(finish(state, s.key, part.id))
        elif s.decision:
            state = stored(workflow.decide(state, actor=HEAD, approve=True, now=NOW))
        else:
            state = stored(finish(state, s.key))
    raise AssertionError(key)


def active_keys(state: CycleState) -> list[tuple[StepKey, int | None]]:
    return [(run.step, run.division_id) for run in state.runs if run.status == ACTIVE]


def test_opening_a_cycle_makes_step_1_the_heads_task_due_by_the_calendar() -> None:
    change = workflow.start(agency_id=AGENCY, actor=HEAD, year=2026, quarter=1,
                            divisions=DIVISIONS, now=NOW)
    (run,) = change.activated
    assert (run.step, run.division_id, run.round, run.status) == (StepKey.ORDER, None, 1, ACTIVE)
    assert run.due_at == workflow.DEFAULT_CALENDAR.due(NOW, step(StepKey.ORDER).time_standard)
    assert change.state.runs == (run,) and change.state.id is None
    assert [(e.action, e.after) for e in change.audit] == [
        ("cycle.start", {"year": 2026, "quarter": 1})]


@pytest.mark.parametrize(("actor", "year", "quarter", "existing", "refusal"), [
    (SECRETARY, 2026, 1, None, errors.NotAllowed),
    (Actor(user=Person(9, "Lain", agency_id=2), roles=HEAD.roles),
     2026, 1, None, errors.NotAllowed),
    (HEAD, 2026, 5, None, errors.InvalidInput),
    (HEAD, 1999, 1, None, errors.InvalidInput),
    (HEAD, 2026, 1, "archived", errors.CycleExists),
])
def test_a_cycle_is_refused_to_the_wrong_official_period_or_a_second_time(
        actor: Actor[Person], year: int, quarter: int, existing: str | None,
        refusal: type[errors.WorkflowError]) -> None:
    with pytest.raises(refusal):
        workflow.start(agency_id=AGENCY, actor=actor, year=year, quarter=quarter,
                       divisions=DIVISIONS, now=NOW, existing_status=existing)


def test_a_step_finishes_only_with_its_documents_and_the_state_given_is_never_changed() -> None:
    state = opened()
    before = replace(state)
    with pytest.raises(errors.MissingInputs) as refused:
        workflow.complete(state, key=StepKey.ORDER, actor=HEAD, now=NOW)
    assert [kind for kind, _ in refused.value.params["missing"]] == list(
        step(StepKey.ORDER).inputs + step(StepKey.ORDER).outputs)
    change = finish(state, StepKey.ORDER, at=NOW + timedelta(minutes=5))
    assert state == before
    (done,) = change.completed
    assert (done.status, done.outcome, done.done_by_user_id, done.done_at) == (
        DONE, Outcome.DONE, HEAD.id, NOW + timedelta(minutes=5))
    assert [(r.step, r.status) for r in change.state.runs] == [
        (StepKey.ORDER, DONE), (StepKey.BRIEFING, ACTIVE)]
    assert [r.step for r in change.activated] == [StepKey.BRIEFING]


@pytest.mark.parametrize("s", [s for s in STEPS if not s.per_division and not s.decision],
                         ids=lambda s: str(s.key))
def test_every_step_refuses_an_official_who_does_not_hold_it(s: Step) -> None:
    state = at_step(s.key)
    stranger = next(a for a in (HEAD, SECRETARY, SAKIP, PLANNER) if not a.may_act(s))
    with pytest.raises(errors.NotAllowed):
        workflow.complete(with_documents(state, s), key=s.key, actor=stranger, now=NOW)


def test_step_4_opens_one_part_per_active_division_and_moves_on_after_the_last() -> None:
    state = at_step(StepKey.FILL_IN)
    assert active_keys(state) == [(StepKey.FILL_IN, d.id)
                                  for d in (SECRETARIAT, BINA_MARGA, CIPTA_KARYA)]
    with pytest.raises(errors.NotAllowed):  # one Bidang cannot submit another's part
        workflow.complete(with_documents(state, step(StepKey.FILL_IN), CIPTA_KARYA.id),
                          key=StepKey.FILL_IN, actor=BIDANG[BINA_MARGA.id], now=NOW,
                          division_id=CIPTA_KARYA.id)
    with pytest.raises(errors.InvalidInput):  # a part names its division
        workflow.complete(state, key=StepKey.FILL_IN, actor=SECRETARY, now=NOW)
    for part in (SECRETARIAT, BINA_MARGA):
        change = finish(state, StepKey.FILL_IN, part.id)
        assert change.activated == ()
        state = stored(change)
    change = finish(state, StepKey.FILL_IN, CIPTA_KARYA.id)
    assert [r.step for r in change.activated] == [StepKey.COMPILE]


def test_a_return_to_divisions_opens_a_new_round_for_them_only() -> None:
    state = at_step(StepKey.REVIEW)
    with pytest.raises(errors.InvalidInput):  # a return says why
        workflow.decide(state, actor=HEAD, approve=False, now=NOW, note="  ")
    with pytest.raises(errors.InvalidInput):  # a division not in this cycle
        workflow.decide(state, actor=HEAD, approve=False, now=NOW, note="Lengkapi",
                        return_division_ids=[CLOSED.id])
    change = workflow.decide(state, actor=HEAD, approve=False, now=NOW, note="Lengkapi",
                             return_division_ids=[CIPTA_KARYA.id, CIPTA_KARYA.id])
    (decided,) = change.completed
    assert (decided.outcome, decided.data) == (Outcome.RETURNED, {"division_ids": [12]})
    (again,) = change.activated
    assert (again.step, again.division_id, again.round, again.note) == (
        StepKey.FILL_IN, CIPTA_KARYA.id, 2, "Lengkapi")
    assert change.audit[-1].after == {"note": "Lengkapi", "division_ids": [12]}
    # Step 5 waits for that part, then the report goes round again.
    state = stored(change)
    with pytest.raises(errors.StepNotActive):
        finish(state, StepKey.COMPILE)
    state = stored(finish(state, StepKey.FILL_IN, CIPTA_KARYA.id))
    assert [(r.step, r.round) for r in state.runs if r.status == ACTIVE] == [
        (StepKey.COMPILE, 2)]


def test_a_return_without_divisions_goes_back_to_the_tim_sakip_as_the_table_says() -> None:
    change = workflow.decide(at_step(StepKey.REVIEW), actor=HEAD, approve=False, now=NOW,
                             note="Perbaiki narasi")
    targets = {t.target for t in TRANSITIONS
               if t.source is StepKey.REVIEW and t.outcome is Outcome.RETURNED}
    (again,) = change.activated
    assert again.step in targets and not step(again.step).per_division
    assert (again.round, again.note) == (2, "Perbaiki narasi")


def test_a_part_returned_by_the_tim_sakip_holds_step_5_until_it_comes_back() -> None:
    state = at_step(StepKey.COMPILE)
    with pytest.raises(errors.NotAllowed):
        workflow.return_part(state, actor=SECRETARY, division_id=BINA_MARGA.id,
                             note="Data dukung kurang", now=NOW)
    change = workflow.return_part(state, actor=SAKIP, division_id=BINA_MARGA.id,
                                  note="Data dukung kurang", now=NOW)
    assert [(r.step, r.division_id, r.round) for r in change.activated] == [
        (StepKey.FILL_IN, BINA_MARGA.id, 2)]
    state = stored(change)
    with pytest.raises(errors.StepNotActive):  # already open again
        workflow.return_part(state, actor=SAKIP, division_id=BINA_MARGA.id, note="x", now=NOW)
    with pytest.raises(errors.PartsOpen) as refused:
        finish(state, StepKey.COMPILE)
    assert refused.value.params["divisions"] == [BINA_MARGA.name]
    change = finish(state, StepKey.FILL_IN, BINA_MARGA.id)
    assert change.activated == ()  # step 5 is still waiting, not opened twice
    assert finish(stored(change), StepKey.COMPILE).activated[0].step is StepKey.FORWARD


def test_the_last_step_closes_the_cycle_and_nothing_moves_after() -> None:
    change = finish(at_step(StepKey.ESR_UPLOAD), StepKey.ESR_UPLOAD, at=NOW + timedelta(days=1))
    assert change.closed and change.activated == ()
    assert (change.state.status, change.state.closed_at) == (
        workflow.ARCHIVED, NOW + timedelta(days=1))
    assert [e.action for e in change.audit] == ["step.esr_upload.done", "cycle.archived"]
    with pytest.raises(errors.CycleClosed):
        finish(stored(change), StepKey.ESR_UPLOAD)


def test_an_acting_official_signs_plh_and_the_audit_says_for_whom() -> None:
    away = Person(HEAD.id, HEAD.user.name)
    stand_in = Actor(user=Person(7, "Pejabat Pengganti"), roles=SECRETARY.roles + HEAD.roles,
                     own_roles=SECRETARY.roles, acting_for=(away,))
    change = workflow.decide(at_step(StepKey.REVIEW), actor=stand_in, approve=True, now=NOW)
    (decided,) = change.completed
    assert decided.data["acting_for"] == [away.name]
    assert change.audit[0].after == {
        "note": None, "acting_for": [away.name],
        "acting_as": "Plh. Pejabat Pengganti (a.n. Pejabat 1)"}
    # Their own step is done in their own name.
    state = at_step(StepKey.FORWARD)
    own = workflow.complete(with_documents(state, step(StepKey.FORWARD)), key=StepKey.FORWARD,
                            actor=stand_in, now=NOW)
    assert "acting_for" not in own.completed[0].data and "acting_for" not in (
        own.audit[0].after or {})


def test_a_run_given_to_someone_else_is_theirs_to_finish_save_the_heads() -> None:
    state = at_step(StepKey.COMPILE)
    run = state.active_run(StepKey.COMPILE)
    assert run is not None
    given = replace(state, runs=tuple(
        replace(r, data={"assignee_user_id": PLANNER.id}) if r is run else r
        for r in state.runs))
    change = workflow.complete(with_documents(given, step(StepKey.COMPILE)),
                               key=StepKey.COMPILE, actor=PLANNER, now=NOW)
    assert change.completed[0].done_by_user_id == PLANNER.id
    assert not workflow.is_reassigned_to(StepKey.REVIEW, {"assignee_user_id": PLANNER.id},
                                         PLANNER)


def test_the_parts_are_fixed_once_step_4_has_begun() -> None:
    state = at_step(StepKey.FILL_IN)
    added = replace(state, divisions=(*state.divisions, Part(14, "Bidang Baru")))
    assert [d.id for d in added.parts] == [10, 11, 12]
    assert [d.id for d in replace(opened(), divisions=added.divisions).parts] == [10, 11, 12, 14]


def test_the_decision_step_is_not_completed_like_the_others() -> None:
    with pytest.raises(errors.InvalidInput):
        workflow.complete(at_step(StepKey.REVIEW), key=StepKey.REVIEW, actor=HEAD, now=NOW)
