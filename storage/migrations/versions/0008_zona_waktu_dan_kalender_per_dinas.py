"""Zona waktu dan kalender kerja per Dinas

A province runs agencies in WIB, WITA and WIT on one deployment, each with its own regional
holidays and, sometimes, its own office hours. Each agency now keeps its IANA time zone and its
additions to the deployment's calendar (TOML, as in the calendar file). An older database's
agencies keep the zone of the deployment's calendar file (an empty zone) and add nothing to
it: what the bot did until now.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("agency", sa.Column("timezone", sqlmodel.sql.sqltypes.AutoString(),
                                      server_default="", nullable=False))
    op.add_column("agency", sa.Column("calendar", sqlmodel.sql.sqltypes.AutoString(),
                                      server_default="", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("agency") as batch:
        batch.drop_column("calendar")
        batch.drop_column("timezone")
