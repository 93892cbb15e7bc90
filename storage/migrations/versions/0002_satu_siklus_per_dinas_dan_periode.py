"""Satu siklus per Dinas dan periode

Two officials opening the same period at the same moment got two cycles; the unique constraint
makes the second one fail, and the service turns that into the usual refusal. A database that
already holds such twins is refused with the periods named: which twin to keep is the agency's
decision, not the migration's.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from storage.schema import DuplicateRows

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    twins = op.get_bind().execute(sa.text(
        "SELECT agency_id, year, quarter FROM measurementcycle "
        "GROUP BY agency_id, year, quarter HAVING COUNT(*) > 1 ORDER BY 1, 2, 3")).fetchall()
    if twins:
        raise DuplicateRows("measurementcycle", [tuple(row) for row in twins])
    with op.batch_alter_table("measurementcycle", schema=None) as batch_op:
        batch_op.create_unique_constraint(
            "uq_measurementcycle_period", ["agency_id", "year", "quarter"])


def downgrade() -> None:
    with op.batch_alter_table("measurementcycle", schema=None) as batch_op:
        batch_op.drop_constraint("uq_measurementcycle_period", type_="unique")
