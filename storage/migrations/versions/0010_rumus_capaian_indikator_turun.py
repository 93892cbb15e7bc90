"""Rumus capaian indikator turun per indikator

An indicator where lower is better is measured either as (2T − R) / T (the default of
PermenPAN-RB 8/2021) or as T / R, as the agency's Perjanjian Kinerja says. The master template
now has a column for it; an older database's indicators keep (2T − R) / T, which is what their
figures were computed with.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("indicator", sa.Column("turun_formula", sqlmodel.sql.sqltypes.AutoString(),
                                         nullable=False, server_default="difference"))


def downgrade() -> None:
    with op.batch_alter_table("indicator") as batch:
        batch.drop_column("turun_formula")
