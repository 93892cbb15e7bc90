"""The tables. Every record belongs to an agency so that one deployment can serve many.

Times are aware UTC (SQLModel refuses naive ones); the presentation layer shows them in WIB.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Column, UniqueConstraint
from sqlmodel import Field, SQLModel


def _json_column() -> Any:
    return Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


class Agency(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str
    code: str = Field(index=True, unique=True)
    created_at: datetime


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

    id: int | None = Field(default=None, primary_key=True)
    agency_id: int = Field(foreign_key="agency.id", index=True)
    year: int
    quarter: int
    status: str = "open"
    opened_by_user_id: int = Field(foreign_key="user.id")
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


class Document(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    agency_id: int = Field(foreign_key="agency.id", index=True)
    cycle_id: int | None = Field(default=None, foreign_key="measurementcycle.id", index=True)
    step: str | None = None
    kind: str
    division_id: int | None = Field(default=None, foreign_key="division.id")
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
    agency_id: int = Field(foreign_key="agency.id", index=True)
    user_id: int = Field(foreign_key="user.id")
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
    failed: bool = False


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
