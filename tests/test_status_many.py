"""/status stays readable (and within Telegram's limit) when a division has 200 officials."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import Engine

from bot import texts
from bot.domain.clock import to_local
from bot.domain.sop import DocumentKind, Role, StepKey
from bot.services import provisioning, steps, tasks
from bot.services.context import ServiceContext
from bot.services.uploads import Upload
from storage.documents import FileStore
from tests.clock import RunningClock


def test_a_division_of_200_officials_is_named_briefly(engine: Engine, tmp_path: Path) -> None:
    ctx = ServiceContext(engine=engine, store=FileStore(tmp_path), clock=RunningClock())
    provisioning.init_agency(ctx, "Dinas", "d", ["Bina Marga"])
    ids = {key: provisioning.add_user(ctx, name=key, roles=[(role, None)], telegram_id=i).id
           for i, (key, role) in enumerate((("Head", Role.HEAD), ("Sekretaris", Role.SECRETARY),
                                            ("Tim", Role.SAKIP_TEAM)), 1)}
    for i in range(200):
        provisioning.add_user(ctx, name=f"Staf Bina Marga {i:03d}",
                              roles=[(Role.DIVISION, "Bina Marga")], telegram_id=1000 + i)
    run = steps.start_cycle(ctx, ids["Head"], 2024, 1)
    steps.attach(ctx, ids["Head"], run.run_id, DocumentKind.ANALYSIS_REPORT,
                 Upload(b"%PDF-1.4", "a.pdf", "application/pdf"))
    steps.issue_memo(ctx, ids["Head"], run.run_id)
    briefing = next(t for t in tasks.open_tasks(ctx, ids["Sekretaris"])
                    if t.step is StepKey.BRIEFING)
    steps.record_briefing(ctx, ids["Sekretaris"], briefing.run_id,
                          meeting_date=to_local(ctx.now()).date(), attendee_ids=[ids["Tim"]],
                          directions="Isi", attachment_id=None)
    forms = next(t for t in tasks.open_tasks(ctx, ids["Tim"]))
    steps.confirm(ctx, ids["Tim"], forms.run_id)

    [cycle] = tasks.cycle_status(ctx, ids["Sekretaris"])
    fill_in = cycle.steps[3]
    [label] = [w for w in fill_in.waiting_for if w.startswith("Bina Marga")]
    assert "dan 197 lainnya" in label and len(label) < 120
    assert fill_in.due_at is not None
    line = texts.waiting_for(fill_in.waiting_for, fill_in.due_at, False)
    assert len(line) < 400
