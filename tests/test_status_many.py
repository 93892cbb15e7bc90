"""/status stays readable (and within Telegram's limit) when a division has 200 officials."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine

from bot import texts
from bot.domain.clock import to_local
from bot.domain.sop import DocumentKind, Role, StepKey
from bot.services import provisioning, steps, tasks
from bot.services.context import ServiceContext
from bot.services.uploads import Upload
from storage.documents import FileStore
from tests import databases
from tests.clock import RunningClock


def _at_step4(engine: Engine, tmp_path: Path, officials: dict[str, int]
              ) -> tuple[ServiceContext, dict[str, int]]:
    """An agency whose divisions (name: number of officials) are all at step 4."""
    ctx = ServiceContext(engine=engine, store=FileStore(tmp_path), clock=RunningClock())
    provisioning.init_agency(ctx, "Dinas", "d", list(officials))
    ids = {key: provisioning.add_user(ctx, name=key, roles=[(role, None)], telegram_id=i).id
           for i, (key, role) in enumerate((("Head", Role.HEAD), ("Sekretaris", Role.SECRETARY),
                                            ("Tim", Role.SAKIP_TEAM)), 1)}
    telegram_id = 1000
    for division, count in officials.items():
        for i in range(count):
            telegram_id += 1
            provisioning.add_user(ctx, name=f"Staf {division} {i:03d}",
                                  roles=[(Role.DIVISION, division)], telegram_id=telegram_id)
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
    return ctx, ids


def test_a_division_of_200_officials_is_named_briefly(engine: Engine, tmp_path: Path) -> None:
    ctx, ids = _at_step4(engine, tmp_path, {"Bina Marga": 200})

    [cycle] = tasks.cycle_status(ctx, ids["Sekretaris"])
    fill_in = cycle.steps[3]
    [label] = [w for w in fill_in.waiting_for if w.startswith("Bina Marga")]
    assert "dan 197 lainnya" in label and len(label) < 120
    assert fill_in.due_at is not None
    line = texts.waiting_for(fill_in.waiting_for, fill_in.due_at, False)
    assert len(line) < 400


def _statements_of_status(engine: Engine, tmp_path: Path, divisions: int) -> int:
    ctx, ids = _at_step4(engine, tmp_path, {f"Bidang {i:02d}": 2 for i in range(divisions)})
    statements: list[str] = []

    def count(*_: object) -> None:
        statements.append("")

    event.listen(engine, "before_cursor_execute", count)
    try:
        [cycle] = tasks.cycle_status(ctx, ids["Sekretaris"])
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert len(cycle.steps[3].waiting_for) == divisions + 1  # and the Sekretariat
    return len(statements)


def test_status_reads_as_much_for_fifty_divisions_as_for_three(tmp_path: Path) -> None:
    # Each official of a 50-Bidang agency asks /status on deadline day: it must not read
    # each division's officials, parts and documents one by one.
    counted = []
    for divisions in (3, 50):
        with databases.migrated_engine() as engine:
            counted.append(_statements_of_status(engine, tmp_path / str(divisions), divisions))
    assert counted[0] == counted[1], counted
