"""What every service needs: the database, the file store, the clock and the letterhead.

Services are plain synchronous functions over a ``ServiceContext``; the Telegram layer runs them
in a worker thread so that database and file work never blocks the event loop, except those
marked ``database_only``, which on SQLite run on the loop when they cannot wait there
(``bot.database_work``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy.engine import Engine
from sqlmodel import Session

from bot.domain import errors, workflow
from bot.domain.calendar import WorkingCalendar
from bot.domain.calendar_config import CalendarConfigError, agency_calendar
from bot.domain.clock import utcnow
from bot.domain.errors import Reason
from bot.services import roster
from reports.pool import ReportPool
from reports.safe_workbook import WorkbookLimits
from storage import agencies, cycles, outbox, users
from storage.db import current_unit, remembered_in, session_scope
from storage.documents import FileStore
from storage.models import (
    Agency,
    Delegation,
    Division,
    MeasurementCycle,
    RoleAssignment,
    StepRun,
    User,
)

log = logging.getLogger(__name__)
F = TypeVar("F", bound=Callable[..., Any])


def database_only(fn: F) -> F:
    """Mark a service whose work is only bounded database work for one official: no files, no
    rendering, nothing that waits on anything but the database (``bot.database_work``)."""
    fn.database_only = True  # type: ignore[attr-defined]
    return fn


@dataclass
class ServiceContext:
    engine: Engine
    store: FileStore
    clock: Callable[[], datetime] = utcnow
    calendar: WorkingCalendar = field(default_factory=WorkingCalendar)
    # Called after a commit that queued notifications, so the sender can go at once.
    on_outbox: Callable[[], None] = field(default=lambda: None)
    # Told about undeliverable notifications instead of the Sekretaris (settings.admin_chat_id).
    admin_chat_id: int | None = None
    # What an uploaded workbook may hold before it is read (settings.workbook_limits()).
    workbook_limits: WorkbookLimits = field(default_factory=WorkbookLimits)
    # Where reports are rendered (settings.report_workers); by default in the calling thread.
    reports: ReportPool = field(default_factory=ReportPool)

    # agency id → (its zone and additions, the calendar made of them); see calendar_of.
    _calendars: dict[int, tuple[tuple[str, str], WorkingCalendar]] = field(
        default_factory=dict, init=False, repr=False)

    def calendar_of(self, session: Session, agency_id: int) -> WorkingCalendar:
        """One agency's working calendar: ``calendar`` (the deployment's) in the agency's zone
        and with its own additions (``calendar_config.agency_calendar``). Made again whenever
        the agency's settings differ from the ones it was made of, so that a change made by
        the CLI or another process counts from the next update."""
        agency = session.get(Agency, agency_id)
        if agency is None:
            return self.calendar
        settings = (agency.timezone, agency.calendar)
        known = self._calendars.get(agency_id)
        if known is None or known[0] != settings:
            try:
                made = agency_calendar(self.calendar, *settings)
            except CalendarConfigError as error:
                # Checked when set; a deployment calendar changed since can still clash with it.
                log.error("agency %s: its calendar cannot be used (%s); the deployment's is",
                          agency.code, error)
                made = self.calendar
            known = self._calendars[agency_id] = (settings, made)
        return known[1]

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        with session_scope(self.engine) as session:
            yield session
        # Inside an update's unit nothing is committed yet; the unit wakes the sender itself.
        if session.info.get(outbox.QUEUED) and current_unit() is None:
            self.on_outbox()

    def now(self) -> datetime:
        return self.clock()


@dataclass(frozen=True)
class RunRef:
    """A step run with the cycle and division it belongs to, loaded in one go."""

    run: StepRun
    cycle: MeasurementCycle
    division: Division | None

    @property
    def division_name(self) -> str | None:
        return self.division.name if self.division else None


def resolve_agency(session: Session, code: str | None) -> Agency:
    """The agency an admin command is for: the one with ``code``; without a code, the only one.
    With several agencies and no code, nothing is guessed: a command meant for one Dinas must
    never touch another."""
    if code is not None:
        agency = agencies.get_agency(session=session, code=code)
        if agency is None:
            known = [a.code for a in agencies.list_agencies(session=session)]
            raise errors.InvalidInput(reason=Reason.UNKNOWN_AGENCY if known else Reason.NO_AGENCY,
                                      code=code, known=known)
        return agency
    found = agencies.list_agencies(session=session)
    if not found:
        raise errors.InvalidInput(reason=Reason.NO_AGENCY)
    if len(found) > 1:
        raise errors.InvalidInput(reason=Reason.AGENCY_AMBIGUOUS, known=[a.code for a in found])
    return found[0]


def load_actor(session: Session, user_id: int, now: datetime | None = None) -> workflow.Actor:
    """The acting user; with ``now``, including whom they stand in for (Plt/Plh) then. Within
    an update, loaded once (see ``Unit.remembered``)."""
    return remembered_in(session, ("actor", user_id, now is not None),
                         lambda: _load_actor(session, user_id, now),
                         depends_on=(User, RoleAssignment, Delegation))


def _load_actor(session: Session, user_id: int, now: datetime | None) -> workflow.Actor:
    user = users.get_user(session=session, user_id=user_id)
    if user is None or not user.active:
        raise errors.NotAllowed(step="-")
    return roster.load_actor(session=session, user=user, now=now)


def load_run(session: Session, run_id: int, actor: workflow.Actor) -> RunRef:
    """The run ``run_id`` if it belongs to the actor's agency."""
    found = cycles.run_and_cycle(session=session, run_id=run_id)
    if found is None or found[1].agency_id != actor.user.agency_id:
        raise errors.InvalidInput(reason=Reason.UNKNOWN_RUN)
    run, cycle = found
    division = (
        agencies.get_division(session=session, division_id=run.division_id)
        if run.division_id is not None else None
    )
    return RunRef(run=run, cycle=cycle, division=division)
