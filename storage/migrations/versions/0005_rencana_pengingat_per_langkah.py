"""Rencana pengingat per langkah

Each active step run carries the moment of its next reminder or escalation, indexed, so the
minute's sweep reads only the runs whose moment has come (issue 14: 100,000 open steps). Runs
of an older database start unplanned and are planned by the next sweeps.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("steprun", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("next_notice_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True)
        )
        batch_op.create_index(batch_op.f("ix_steprun_next_notice_at"), ["next_notice_at"],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table("steprun", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_steprun_next_notice_at"))
        batch_op.drop_column("next_notice_at")
