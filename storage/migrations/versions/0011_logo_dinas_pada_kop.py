"""Logo Dinas pada kop surat

An agency may set its logo (``sakip-bot agency set --logo FILE``); every document's kop then
shows it at the left. It is kept with the rest of the kop, already checked and made small.
An older database's agencies have none, and their documents look as before.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("agencyprofile", sa.Column("logo", sa.LargeBinary(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("agencyprofile") as batch:
        batch.drop_column("logo")
