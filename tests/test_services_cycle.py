"""A whole quarter through the services, without Telegram: documents, hand-offs and outbox."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from bot.domain import errors
from bot.domain.sop import DocumentKind, Role, StepKey
from bot.services import fill_in, provisioning, review, steps, tasks
from bot.services.context import ServiceContext
from bot.services.uploads import Upload
from storage.documents import FileStore
from storage.models import Document, MeasurementCycle, OutboxMessage
from tests.clock import TickingClock

START = datetime(2024, 4, 1, 1, 0, tzinfo=UTC)


@pytest.fixture
def ctx(engine: Engine, tmp_path: Path) -> ServiceContext:
    return ServiceContext(engine=engine, store=FileStore(tmp_path), clock=TickingClock(START))


@pytest.fixture
def people(ctx: ServiceContext) -> dict[str, int]:
    provisioning.init_agency(ctx, "Dinas BMCKTR", "bmcktr", ["Bina Marga", "Cipta Karya"])
    spec = {
        "head": [(Role.HEAD, None)],
        "secretary": [(Role.SECRETARY, None)],
        "team": [(Role.SAKIP_TEAM, None)],
        "bm": [(Role.DIVISION, "Bina Marga")],
        "ck": [(Role.DIVISION, "Cipta Karya")],
        "planner": [(Role.PLANNING_UNIT, None)],
    }
    ids = {}
    for i, (key, roles) in enumerate(spec.items()):
        user = provisioning.add_user(ctx, name=key.title(), roles=roles, telegram_id=100 + i)
        assert user.id is not None
        ids[key] = user.id
    return ids


def _messages(engine: Engine, user_id: int) -> list[OutboxMessage]:
    with Session(engine) as session:
        query = select(OutboxMessage).where(OutboxMessage.user_id == user_id)
        return list(session.exec(query.order_by(OutboxMessage.id)))


def _task(ctx: ServiceContext, user_id: int, key: StepKey) -> int:
    found = [t for t in tasks.open_tasks(ctx, user_id) if t.step is key]
    assert found, f"no {key} task for user {user_id}"
    return found[0].run_id


def _pdf(name: str) -> Upload:
    return Upload(f"%PDF-1.4 {name}".encode(), name, "application/pdf")


def test_whole_quarter_with_one_return(ctx: ServiceContext, people: dict[str, int]) -> None:
    p = people
    run = steps.start_cycle(ctx, p["head"], 2024, 1)
    with pytest.raises(errors.MissingInputs):
        steps.issue_memo(ctx, p["head"], run.run_id)
    steps.attach(ctx, p["head"], run.run_id, DocumentKind.ANALYSIS_REPORT, _pdf("analisa.pdf"))
    steps.issue_memo(ctx, p["head"], run.run_id)
    handoff = _messages(ctx.engine, p["secretary"])[-1]
    assert "Langkah 2" in handoff.text and handoff.document_id is not None

    run_id = _task(ctx, p["secretary"], StepKey.BRIEFING)
    steps.record_briefing(ctx, p["secretary"], run_id, meeting_date=date(2024, 4, 1),
                          attendee_ids=[p["team"]], directions="Isi tepat waktu",
                          attachment_id=None)
    run_id = _task(ctx, p["team"], StepKey.PREPARE_FORMS)
    steps.confirm(ctx, p["team"], run_id)

    for who in ("secretary", "bm", "ck"):
        part = _task(ctx, p[who], StepKey.FILL_IN)
        with pytest.raises(errors.InvalidInput):
            fill_in.submit_part(ctx, p[who], part)
        fill_in.save_figures(ctx, p[who], part, f"Realisasi {who}: 80%")
        fill_in.add_evidence(ctx, p[who], part, _pdf(f"bukti-{who}.pdf"))
        fill_in.submit_part(ctx, p[who], part)
    assert not [t for t in tasks.open_tasks(ctx, p["bm"])]

    steps.confirm(ctx, p["team"], _task(ctx, p["team"], StepKey.COMPILE))
    steps.confirm(ctx, p["secretary"], _task(ctx, p["secretary"], StepKey.FORWARD))
    review_run = _task(ctx, p["head"], StepKey.REVIEW)
    head_msg = _messages(ctx.engine, p["head"])[-1]
    assert [b["text"] for b in head_msg.buttons[0]] == ["✅ Setujui", "↩️ Kembalikan"]
    targets = dict((name, i) for i, name in review.targets(ctx, p["head"], review_run))
    review.decide(ctx, p["head"], review_run, approve=False, note="Lengkapi foto",
                  division_ids=[targets["Bina Marga"]])
    assert [t.step for t in tasks.open_tasks(ctx, p["ck"])] == []
    part = _task(ctx, p["bm"], StepKey.FILL_IN)
    assert fill_in.open_part(ctx, p["bm"], part).figures == "Realisasi bm: 80%"
    fill_in.add_evidence(ctx, p["bm"], part, _pdf("foto.pdf"))
    fill_in.submit_part(ctx, p["bm"], part)

    steps.confirm(ctx, p["team"], _task(ctx, p["team"], StepKey.COMPILE))
    steps.confirm(ctx, p["secretary"], _task(ctx, p["secretary"], StepKey.FORWARD))
    review.decide(ctx, p["head"], _task(ctx, p["head"], StepKey.REVIEW), approve=True)
    steps.confirm(ctx, p["secretary"], _task(ctx, p["secretary"], StepKey.FINAL_REPORT))
    steps.confirm(ctx, p["planner"], _task(ctx, p["planner"], StepKey.ESR_UPLOAD))

    with Session(ctx.engine) as session:
        cycle = session.exec(select(MeasurementCycle)).one()
        assert cycle.status == "archived"
        kinds = {d.kind for d in session.exec(select(Document))}
    # Optional attachments, and charts (which need a Perjanjian Kinerja's figures), are absent.
    assert {k.value for k in DocumentKind} - kinds == {"minutes_attachment", "esr_receipt",
                                                        "chart"}
    status = tasks.cycle_status(ctx, p["secretary"])[0]
    assert status.archived and all(s.state == "done" for s in status.steps)
    assert "diarsipkan" in _messages(ctx.engine, p["head"])[-1].text
