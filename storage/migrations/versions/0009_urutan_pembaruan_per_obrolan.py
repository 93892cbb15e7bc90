"""Urutan pembaruan per obrolan antarproses

Several bot processes may take updates from one webhook behind a proxy, so two updates of one
chat can reach two processes. Each recorded update now names its chat: a process handles an
older update of the same chat that is not done yet before its own, whoever took it. An older
database's updates have no chat; they are done already, or handled first at the next start.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("inboxupdate", sa.Column("chat_id", sa.BigInteger(), nullable=True))
    op.create_index(op.f("ix_inboxupdate_chat_id"), "inboxupdate", ["chat_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_inboxupdate_chat_id"), table_name="inboxupdate")
    with op.batch_alter_table("inboxupdate") as batch:
        batch.drop_column("chat_id")
