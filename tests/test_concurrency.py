"""Two writers at once, with real threads on a real database file (or PostgreSQL with
``TEST_DATABASE_URL``): one cycle per period, and 50 divisions submitting at the same moment
finish with no deadlock, no lost part and step 4 completing once."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from bot.domain import errors, workflow
from bot.domain.sop import DocumentKind, Role, StepKey
from bot.services import fill_in, provisioning, steps, tasks
from bot.services.context import ServiceContext
from bot.services.uploads import Upload
from storage.documents import FileStore
from storage.models import AuditEvent, MeasurementCycle, StepRun
from tests.clock import YEAR, RunningClock

T = TypeVar("T")
DIVISIONS = [f"Bidang {n:02d}" for n in range(1, 51)]
PDF = "application/pdf"


@pytest.fixture
def ctx(shared_engine: Engine, tmp_path: Path) -> ServiceContext:
    return ServiceContext(engine=shared_engine, store=FileStore(tmp_path / "files"),
                          clock=RunningClock())


def _people(ctx: ServiceContext) -> dict[str, int]:
    provisioning.init_agency(ctx, "Dinas Uji", "uji", DIVISIONS)
    people = {}
    for key, roles in {"head": [(Role.HEAD, None)], "secretary": [(Role.SECRETARY, None)],
                       "team": [(Role.SAKIP_TEAM, None)]}.items():
        people[key] = provisioning.add_user(ctx, name=key.title(), roles=roles).id
    for number, division in enumerate(DIVISIONS):
        people[division] = provisioning.add_user(
            ctx, name=f"Kepala {division}", roles=[(Role.DIVISION, division)],
            telegram_id=9000 + number).id
    return {key: value for key, value in people.items() if value is not None}


def _task(ctx: ServiceContext, user_id: int, step: StepKey) -> int:
    return next(t.run_id for t in tasks.open_tasks(ctx, user_id) if t.step is step)


def _at_once(calls: list[Callable[[], T]]) -> list[T | BaseException]:
    """Every call in its own thread, all released at the same moment."""
    start = threading.Barrier(len(calls))

    def run(call: Callable[[], T]) -> T | BaseException:
        start.wait()
        try:
            return call()
        except BaseException as error:  # the test looks at every outcome
            return error

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))


def test_twenty_presses_open_one_cycle(ctx: ServiceContext) -> None:
    people = _people(ctx)
    outcomes = _at_once([lambda: steps.start_cycle(ctx, people["head"], YEAR, 2)] * 20)
    opened = [o for o in outcomes if not isinstance(o, BaseException)]
    refused = [o for o in outcomes if isinstance(o, errors.CycleExists)]
    assert len(opened) == 1 and len(refused) == 19, [repr(o) for o in outcomes]
    with Session(ctx.engine) as session:
        assert len(session.exec(select(MeasurementCycle)).all()) == 1
        step_1 = session.exec(select(StepRun).where(StepRun.step == StepKey.ORDER)).all()
    assert len(step_1) == 1, "the refused presses left nothing behind"


def test_fifty_divisions_submitting_at_once_complete_step_4_once(ctx: ServiceContext) -> None:
    people = _people(ctx)
    head, secretary, team = people["head"], people["secretary"], people["team"]
    run = steps.start_cycle(ctx, head, YEAR, 1)
    steps.attach(ctx, head, run.run_id, DocumentKind.ANALYSIS_REPORT,
                 Upload(b"%PDF-1.4 analisa", "Analisa.pdf", PDF))
    steps.issue_memo(ctx, head, run.run_id)
    steps.record_briefing(ctx, secretary, _task(ctx, secretary, StepKey.BRIEFING),
                          meeting_date=RunningClock().today(), attendee_ids=[team],
                          directions="Isi realisasi.", attachment_id=None)
    steps.confirm(ctx, team, _task(ctx, team, StepKey.PREPARE_FORMS))
    parts = {key: _task(ctx, people[key], StepKey.FILL_IN) for key in ["secretary", *DIVISIONS]}
    for key, part in parts.items():
        fill_in.save_figures(ctx, people[key], part, f"Realisasi {key}: 90%")
        fill_in.add_evidence(ctx, people[key], part,
                             Upload(f"%PDF-1.4 {key}".encode(), f"Bukti {key}.pdf", PDF))

    outcomes = _at_once([lambda key=key, part=part: fill_in.submit_part(ctx, people[key], part)
                         for key, part in parts.items()])

    failures = [repr(o) for o in outcomes if isinstance(o, BaseException)]
    assert not failures, failures
    with Session(ctx.engine) as session:
        fill = session.exec(select(StepRun).where(StepRun.step == StepKey.FILL_IN)).all()
        compile_runs = session.exec(select(StepRun).where(StepRun.step == StepKey.COMPILE)).all()
        submitted = session.exec(select(AuditEvent).where(
            AuditEvent.action == "step.fill_in.done")).all()
    assert len(fill) == len(parts) and {r.status for r in fill} == {workflow.DONE}
    assert len(compile_runs) == 1 and compile_runs[0].status == workflow.ACTIVE
    assert len({e.after["division_id"] for e in submitted}) == len(submitted) == len(parts)


def test_the_same_file_stored_at_once_by_many_writers_is_stored_once_whole(
        tmp_path: Path) -> None:
    """Officials of several agencies (or processes behind one webhook) may send the very same
    file at the same moment: every writer succeeds and the store holds it once, whole."""
    store = FileStore(tmp_path / "data")
    writers = 8
    for round_ in range(20):
        data = f"%PDF-1.4 bukti yang sama, putaran {round_}".encode() * 2000
        start = threading.Barrier(writers)

        def save(data: bytes = data, start: threading.Barrier = start) -> tuple[str, str]:
            start.wait()
            return store.save(data, "bukti.pdf")

        with ThreadPoolExecutor(writers) as pool:
            saved = list(pool.map(lambda _: save(), range(writers)))
        assert len(set(saved)) == 1
        assert store.read(saved[0][0]) == data
    assert not list((tmp_path / "data").rglob("*.part"))
