"""Pengaturan penilaian per Dinas

Each agency may set the cap on averaged capaian, the minima of its predikat scale and its
efisiensi thresholds (``sakip-bot agency set --cap 120 --predikat "91 76 66 51"
--efficiency "-5 5"``). Kept with the agency's profile as a small mapping of what differs from
the defaults; an older database's agencies keep the defaults their reports were made with.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("agencyprofile", sa.Column("report_settings", sa.JSON(), nullable=False,
                                             server_default=sa.text("'{}'")))


def downgrade() -> None:
    with op.batch_alter_table("agencyprofile") as batch:
        batch.drop_column("report_settings")
