"""SOP compliance measured in working time: a weekend is not charged, a late step is."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy.engine import Engine

from bot.domain.sop import DocumentKind, Role, StepKey
from bot.services import compliance, provisioning, steps, tasks
from bot.services.context import ServiceContext
from bot.services.uploads import Upload
from storage.documents import FileStore
from tests.test_reminders import CALENDAR, Clock, wib


def test_working_time_against_the_standard_and_the_year_view(engine: Engine,
                                                             tmp_path: Path) -> None:
    clock = Clock(wib(5, 15, 50))  # Friday afternoon
    ctx = ServiceContext(engine=engine, store=FileStore(tmp_path), clock=clock,
                         calendar=CALENDAR)
    provisioning.init_agency(ctx, "Dinas", "d", ["Bina Marga"])
    head = provisioning.add_user(ctx, name="Head", roles=[(Role.HEAD, None)], telegram_id=1).id
    secretary = provisioning.add_user(ctx, name="Sekretaris", roles=[(Role.SECRETARY, None)],
                                      telegram_id=2).id
    assert head is not None and secretary is not None
    run = steps.start_cycle(ctx, head, 2024, 1)
    steps.attach(ctx, head, run.run_id, DocumentKind.ANALYSIS_REPORT,
                 Upload(b"%PDF-1.4", "a.pdf", "application/pdf"))
    clock.now = wib(9, 8, 0)  # Tuesday 08:00, after a weekend and the Monday holiday
    steps.issue_memo(ctx, head, run.run_id)
    [timing] = compliance.cycle_timings(ctx, head, run.cycle_id)
    # 40 minutes on Friday (15:50-16:30, Friday closes later) and 30 on Tuesday (07:30-08:00).
    assert (timing.number, timing.actual_minutes, timing.standard_minutes) == (1, 70, 10)
    assert not timing.on_time and timing.late_minutes == 60
    assert timing.done_by == "Head"
    [briefing] = [t for t in tasks.open_tasks(ctx, secretary) if t.step is StepKey.BRIEFING]
    clock.now = wib(9, 9, 0)
    steps.record_briefing(ctx, secretary, briefing.run_id, meeting_date=date(2024, 4, 9),
                          attendee_ids=[secretary], directions="Arahan", attachment_id=None)
    view = compliance.year_view(ctx, head, 2024)
    assert (view[0].number, view[0].late, view[0].average_late_minutes) == (1, 1, 60)
    assert next(r for r in view if r.number == 2).late == 0
