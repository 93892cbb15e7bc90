"""The tables. Every record belongs to an agency so that one deployment can serve many.

Times are aware UTC (SQLModel refuses naive ones); the presentation layer shows them in the
agency's zone.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, BigInteger, Column, LargeBinary, Numeric, UniqueConstraint, text
from sqlmodel import Field, SQLModel


def _json_column() -> Any:
    return Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


class Agency(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str
    code: str = Field(index=True, unique=True)
    created_at: datetime
    # The IANA zone of its office: Asia/Jakarta (WIB), Asia/Makassar (WITA), Asia/Jayapura
    # (WIT); empty for the zone of the deployment's calendar file.
    timezone: str = Field(default="", sa_column_kwargs={"server_default": ""})
    # Its own additions to the deployment's working calendar, in the calendar file's TOML:
    # regional holidays, other office hours; empty for none.
    calendar: str = Field(default="", sa_column_kwargs={"server_default": ""})


class AgencyProfile(SQLModel, table=True):
    """What the agency's letters and reports print: the *kop surat* and the signing place."""

    agency_id: int = Field(foreign_key="agency.id", primary_key=True)
    # ``Sumatera Barat``, ``Kabupaten Agam`` or a whole ``Pemerintah …`` line.
    government: str = ""
    address: str = ""  # the small line under the name: street, telephone, e-mail, website
    place: str = ""  # the city written before the date of a signature: ``Padang, 11 Januari 2024``
    updated_at: datetime | None = None
    # A PNG already checked and made small (reports.logo), shown at the left of every kop.
    logo: bytes | None = Field(default=None, sa_column=Column(LargeBinary, nullable=True))
    # Cap, predikat minima, efisiensi thresholds where they differ from the defaults
    # (bot.domain.report_settings.ReportSettings.to_mapping).
    report_settings: dict[str, Any] = Field(default_factory=dict, sa_column=Column(
        JSON, nullable=False, server_default=text("'{}'")))


class AgencyChoice(SQLModel, table=True):
    """The agency a Telegram account works in now, for one who is an official of several (a
    provincial official on one OPD's team); chosen by button, kept across restarts."""

    telegram_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    agency_id: int = Field(foreign_key="agency.id")
    chosen_at: datetime


class Division(SQLModel, table=True):
    """A Bidang; the Sekretariat is one too, so that step 4 treats every part alike."""

    __table_args__ = (UniqueConstraint("agency_id", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    agency_id: int = Field(foreign_key="agency.id", index=True)
    name: str
    is_secretariat: bool = False
    active: bool = True


class User(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("agency_id", "telegram_id"),)

    id: int | None = Field(default=None, primary_key=True)
    agency_id: int = Field(foreign_key="agency.id", index=True)
    telegram_id: int | None = Field(default=None, sa_column=Column(BigInteger, index=True))
    name: str
    nip: str | None = None
    title: str | None = None
    active: bool = True
    created_at: datetime


class RoleAssignment(SQLModel, table=True):
    """One role of a user; a person may hold several."""

    __table_args__ = (UniqueConstraint("user_id", "role", "division_id"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    role: str
    division_id: int | None = Field(default=None, foreign_key="division.id")


class Invite(SQLModel, table=True):
    """A one-time code that binds whoever sends ``/start CODE`` to a prepared user."""

    id: int | None = Field(default=None, primary_key=True)
    agency_id: int = Field(foreign_key="agency.id", index=True)
    code: str = Field(index=True, unique=True)
    user_id: int = Field(foreign_key="user.id")
    created_at: datetime
    expires_at: datetime
    used_at: datetime | None = None


class MeasurementCycle(SQLModel, table=True):
    """One run of the SOP for one period."""

    # One cycle per agency and period, also when two officials press at the same moment.
    __table_args__ = (UniqueConstraint("agency_id", "year", "quarter",
                                       name="uq_measurementcycle_period"),)

    id: int | None = Field(default=None, primary_key=True)
    agency_id: int = Field(foreign_key="agency.id", index=True)
    year: int
    quarter: int
    status: str = "open"
    opened_by_user_id: int = Field(foreign_key="user.id")
    agreement_id: int | None = Field(default=None, foreign_key="performanceagreement.id")
    created_at: datetime
    closed_at: datetime | None = None


class StepRun(SQLModel, table=True):
    """One activation of a step (per division for step 4); a return opens a new round."""

    id: int | None = Field(default=None, primary_key=True)
    cycle_id: int = Field(foreign_key="measurementcycle.id", index=True)
    step: str
    division_id: int | None = Field(default=None, foreign_key="division.id")
    round: int = 1
    status: str = "active"
    started_at: datetime
    due_at: datetime
    done_at: datetime | None = None
    done_by_user_id: int | None = Field(default=None, foreign_key="user.id")
    outcome: str | None = None
    note: str | None = None
    data: dict[str, Any] = _json_column()
    # The next reminder or escalation moment of an active run; None until it is planned.
    # The minute's sweep reads only the runs whose moment has come.
    next_notice_at: datetime | None = Field(default=None, index=True)


class Document(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    agency_id: int = Field(foreign_key="agency.id", index=True)
    cycle_id: int | None = Field(default=None, foreign_key="measurementcycle.id", index=True)
    step: str | None = None
    kind: str
    division_id: int | None = Field(default=None, foreign_key="division.id")
    indicator_id: int | None = Field(default=None, foreign_key="indicator.id")
    path: str
    original_name: str
    mime_type: str
    size: int
    sha256: str = Field(index=True)
    created_by_user_id: int | None = Field(default=None, foreign_key="user.id")
    created_at: datetime


class AuditEvent(SQLModel, table=True):
    """Append-only: who did what, when, with the state before and after."""

    id: int | None = Field(default=None, primary_key=True)
    agency_id: int = Field(foreign_key="agency.id", index=True)
    cycle_id: int | None = Field(default=None, foreign_key="measurementcycle.id", index=True)
    actor_user_id: int | None = Field(default=None, foreign_key="user.id")
    action: str
    at: datetime
    before: dict[str, Any] = _json_column()
    after: dict[str, Any] = _json_column()


class OutboxMessage(SQLModel, table=True):
    """A message to deliver, written in the same transaction as the change that causes it."""

    id: int | None = Field(default=None, primary_key=True)
    # Empty only on replies, which may go to someone not (yet) registered.
    agency_id: int | None = Field(default=None, foreign_key="agency.id", index=True)
    user_id: int | None = Field(default=None, foreign_key="user.id")
    chat_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    text: str
    buttons: list[Any] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    document_id: int | None = Field(default=None, foreign_key="document.id")
    tag: str | None = Field(default=None, index=True)
    created_at: datetime
    next_attempt_at: datetime
    sent_at: datetime | None = Field(default=None, index=True)
    attempts: int = 0
    last_error: str | None = None
    telegram_message_id: int | None = None
    # Set aside as undeliverable: a permanent refusal, or our own error after the last attempt.
    failed: bool = False
    # A lease: the process that sends the row now, until when; another process leaves it alone
    # until then, and takes it over if that process died.
    claimed_by: str | None = None
    claimed_until: datetime | None = None
    # A reply owed for an update: the Bot API call as the handler made it, replayed as is.
    update_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    method: str | None = None
    params: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    attachment_field: str | None = None
    attachment_name: str | None = None
    attachment_mime: str | None = None
    attachment: bytes | None = Field(default=None, sa_column=Column(LargeBinary, nullable=True))


class InboxUpdate(SQLModel, table=True):
    """An update taken from Telegram, written before Telegram is told it arrived, so that it
    is handled exactly once: again after a crash, never twice when Telegram sends it again."""

    update_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    payload: dict[str, Any] = _json_column()
    received_at: datetime
    done_at: datetime | None = Field(default=None, index=True)
    # The chat it came from: several processes handle each chat's updates in order (None:
    # recorded before the column existed, or an update of no chat).
    chat_id: int | None = Field(default=None, sa_column=Column(BigInteger, index=True))


class MessageLog(SQLModel, table=True):
    """Every message the bot sent or edited, as Telegram confirmed it."""

    id: int | None = Field(default=None, primary_key=True)
    chat_id: int = Field(sa_column=Column(BigInteger, nullable=False, index=True))
    method: str
    message_id: int | None = None
    text: str | None = None
    at: datetime


class ConversationDraft(SQLModel, table=True):
    """Half-finished input of one user in one flow, saved at every answer."""

    __table_args__ = (UniqueConstraint("user_id", "flow"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    flow: str
    data: dict[str, Any] = _json_column()
    updated_at: datetime


class PtbState(SQLModel, table=True):
    """python-telegram-bot persistence (conversation states and the like) as JSON rows."""

    __table_args__ = (UniqueConstraint("namespace", "kind", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    namespace: str
    kind: str
    key: str
    data: Any = Field(default=None, sa_column=Column(JSON, nullable=True))


# --- performance data: Perjanjian Kinerja, Rencana Aksi, budget, realisation ------------------
def _amount_column(nullable: bool = True) -> Any:
    return Field(default=None, sa_column=Column(Numeric(24, 6), nullable=nullable))


class PerformanceAgreement(SQLModel, table=True):
    """One imported version of a year's Perjanjian Kinerja with its Rencana Aksi and budget.

    A revision (*PK Perubahan*) is a new version; a cycle keeps the version it started with.
    """

    __table_args__ = (UniqueConstraint("agency_id", "year", "version"),)

    id: int | None = Field(default=None, primary_key=True)
    agency_id: int = Field(foreign_key="agency.id", index=True)
    year: int
    version: int = 1
    label: str = "Perjanjian Kinerja"
    source_name: str | None = None
    source_sha256: str | None = None
    imported_at: datetime
    imported_by_user_id: int | None = Field(default=None, foreign_key="user.id")


class StrategicGoal(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    agreement_id: int = Field(foreign_key="performanceagreement.id", index=True)
    code: str
    name: str
    position: int = 0


class Indicator(SQLModel, table=True):
    """An *Indikator Kinerja* with its yearly and quarterly targets (the Rencana Aksi)."""

    id: int | None = Field(default=None, primary_key=True)
    agreement_id: int = Field(foreign_key="performanceagreement.id", index=True)
    goal_id: int = Field(foreign_key="strategicgoal.id", index=True)
    division_id: int = Field(foreign_key="division.id", index=True)
    code: str
    name: str
    unit: str
    direction: str = "naik"  # naik | turun | stabil
    # How a *turun* indicator's capaian is computed: difference (2T − R) / T | ratio T / R.
    turun_formula: str = Field(default="difference", sa_column_kwargs={
        "server_default": "difference"})
    range_low: Decimal | None = _amount_column()
    range_high: Decimal | None = _amount_column()
    accumulation: str = "akumulasi"  # akumulasi | nilai_akhir | rata_rata
    cumulative_targets: bool = False
    decimals: int = 2
    allow_negative: bool = False
    annual_target: Decimal | None = _amount_column()
    target_q1: Decimal | None = _amount_column()
    target_q2: Decimal | None = _amount_column()
    target_q3: Decimal | None = _amount_column()
    target_q4: Decimal | None = _amount_column()
    formula_note: str | None = None
    position: int = 0


class BudgetItem(SQLModel, table=True):
    """Program → Kegiatan → Sub Kegiatan from the DPA, with pagu and quarterly money targets."""

    id: int | None = Field(default=None, primary_key=True)
    agreement_id: int = Field(foreign_key="performanceagreement.id", index=True)
    parent_id: int | None = Field(default=None, foreign_key="budgetitem.id")
    division_id: int | None = Field(default=None, foreign_key="division.id", index=True)
    level: str  # program | kegiatan | sub_kegiatan
    code: str
    name: str
    budget: Decimal | None = _amount_column()
    target_q1: Decimal | None = _amount_column()
    target_q2: Decimal | None = _amount_column()
    target_q3: Decimal | None = _amount_column()
    target_q4: Decimal | None = _amount_column()
    indicator_codes: list[Any] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False)
    )
    position: int = 0


class IndicatorRealization(SQLModel, table=True):
    """What a division reports for one indicator in one cycle; saved at every answer."""

    __table_args__ = (UniqueConstraint("cycle_id", "indicator_id"),)

    id: int | None = Field(default=None, primary_key=True)
    cycle_id: int = Field(foreign_key="measurementcycle.id", index=True)
    indicator_id: int = Field(foreign_key="indicator.id", index=True)
    division_id: int = Field(foreign_key="division.id")
    value: Decimal | None = _amount_column()
    explanation: str | None = None
    obstacles: str | None = None
    follow_up: str | None = None
    updated_at: datetime
    updated_by_user_id: int | None = Field(default=None, foreign_key="user.id")


class FinancialRealization(SQLModel, table=True):
    """Money spent on one sub-kegiatan up to the cycle's quarter."""

    __table_args__ = (UniqueConstraint("cycle_id", "budget_item_id"),)

    id: int | None = Field(default=None, primary_key=True)
    cycle_id: int = Field(foreign_key="measurementcycle.id", index=True)
    budget_item_id: int = Field(foreign_key="budgetitem.id", index=True)
    division_id: int | None = Field(default=None, foreign_key="division.id")
    amount: Decimal | None = _amount_column()
    updated_at: datetime
    updated_by_user_id: int | None = Field(default=None, foreign_key="user.id")


class SentNotice(SQLModel, table=True):
    """A reminder, escalation or digest that went out; its key makes it go out once."""

    id: int | None = Field(default=None, primary_key=True)
    agency_id: int = Field(foreign_key="agency.id", index=True)
    key: str = Field(unique=True)
    sent_at: datetime


class Lease(SQLModel, table=True):
    """A job only one process may run at a time (the reminder sweep), held by ``owner`` until
    ``until``; a process that dies lets it lapse, and another takes it over."""

    name: str = Field(primary_key=True)
    owner: str
    until: datetime


class Delegation(SQLModel, table=True):
    """An acting official (*Plt*/*Plh*): the substitute acts with the principal's rights."""

    id: int | None = Field(default=None, primary_key=True)
    agency_id: int = Field(foreign_key="agency.id", index=True)
    principal_user_id: int = Field(foreign_key="user.id", index=True)
    substitute_user_id: int = Field(foreign_key="user.id", index=True)
    kind: str = "plh"  # plh | plt
    starts_at: datetime
    ends_at: datetime
    created_by_user_id: int | None = Field(default=None, foreign_key="user.id")
    created_at: datetime
    revoked_at: datetime | None = None
