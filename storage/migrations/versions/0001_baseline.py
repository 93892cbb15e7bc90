"""Skema rilis terakhir sebelum migrasi

The tables as ``create_all`` made them at commit 3b58e0d; a database of that release is stamped
with this revision (``storage.schema.upgrade``) instead of running it.

Revision ID: 0001
Revises:
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "agency",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("code", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("agency", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agency_code"), ["code"], unique=True)

    op.create_table(
        "messagelog",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("method", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("message_id", sa.Integer(), nullable=True),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("messagelog", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_messagelog_chat_id"), ["chat_id"], unique=False)

    op.create_table(
        "ptbstate",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("namespace", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("namespace", "kind", "key"),
    )
    op.create_table(
        "agencyprofile",
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("government", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("address", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("place", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["agency_id"],
            ["agency.id"],
        ),
        sa.PrimaryKeyConstraint("agency_id"),
    )
    op.create_table(
        "division",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("is_secretariat", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agency_id"],
            ["agency.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("agency_id", "name"),
    )
    with op.batch_alter_table("division", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_division_agency_id"), ["agency_id"], unique=False)

    op.create_table(
        "sentnotice",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("sent_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agency_id"],
            ["agency.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key"),
    )
    with op.batch_alter_table("sentnotice", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sentnotice_agency_id"), ["agency_id"], unique=False)

    op.create_table(
        "user",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("telegram_id", sa.BigInteger(), nullable=True),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("nip", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agency_id"],
            ["agency.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("agency_id", "telegram_id"),
    )
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_user_agency_id"), ["agency_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_user_telegram_id"), ["telegram_id"], unique=False)

    op.create_table(
        "conversationdraft",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("flow", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("user_id", "flow"),
    )
    with op.batch_alter_table("conversationdraft", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_conversationdraft_user_id"), ["user_id"], unique=False
        )

    op.create_table(
        "delegation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("principal_user_id", sa.Integer(), nullable=False),
        sa.Column("substitute_user_id", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("starts_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("ends_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("created_by_user_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("revoked_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["agency_id"],
            ["agency.id"],
        ),
        sa.ForeignKeyConstraint(
            ["created_by_user_id"],
            ["user.id"],
        ),
        sa.ForeignKeyConstraint(
            ["principal_user_id"],
            ["user.id"],
        ),
        sa.ForeignKeyConstraint(
            ["substitute_user_id"],
            ["user.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("delegation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_delegation_agency_id"), ["agency_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_delegation_principal_user_id"), ["principal_user_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_delegation_substitute_user_id"), ["substitute_user_id"], unique=False
        )

    op.create_table(
        "invite",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("code", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("expires_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("used_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["agency_id"],
            ["agency.id"],
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("invite", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_invite_agency_id"), ["agency_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_invite_code"), ["code"], unique=True)

    op.create_table(
        "performanceagreement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("label", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("source_name", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("source_sha256", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("imported_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("imported_by_user_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["agency_id"],
            ["agency.id"],
        ),
        sa.ForeignKeyConstraint(
            ["imported_by_user_id"],
            ["user.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("agency_id", "year", "version"),
    )
    with op.batch_alter_table("performanceagreement", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_performanceagreement_agency_id"), ["agency_id"], unique=False
        )

    op.create_table(
        "roleassignment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("role", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("division_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["division_id"],
            ["division.id"],
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("user_id", "role", "division_id"),
    )
    with op.batch_alter_table("roleassignment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_roleassignment_user_id"), ["user_id"], unique=False)

    op.create_table(
        "budgetitem",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agreement_id", sa.Integer(), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("division_id", sa.Integer(), nullable=True),
        sa.Column("level", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("code", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("budget", sa.Numeric(precision=24, scale=6), nullable=True),
        sa.Column("target_q1", sa.Numeric(precision=24, scale=6), nullable=True),
        sa.Column("target_q2", sa.Numeric(precision=24, scale=6), nullable=True),
        sa.Column("target_q3", sa.Numeric(precision=24, scale=6), nullable=True),
        sa.Column("target_q4", sa.Numeric(precision=24, scale=6), nullable=True),
        sa.Column("indicator_codes", sa.JSON(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agreement_id"],
            ["performanceagreement.id"],
        ),
        sa.ForeignKeyConstraint(
            ["division_id"],
            ["division.id"],
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["budgetitem.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("budgetitem", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_budgetitem_agreement_id"), ["agreement_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_budgetitem_division_id"), ["division_id"], unique=False
        )

    op.create_table(
        "measurementcycle",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("quarter", sa.Integer(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("opened_by_user_id", sa.Integer(), nullable=False),
        sa.Column("agreement_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("closed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["agency_id"],
            ["agency.id"],
        ),
        sa.ForeignKeyConstraint(
            ["agreement_id"],
            ["performanceagreement.id"],
        ),
        sa.ForeignKeyConstraint(
            ["opened_by_user_id"],
            ["user.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("measurementcycle", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_measurementcycle_agency_id"), ["agency_id"], unique=False
        )

    op.create_table(
        "strategicgoal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agreement_id", sa.Integer(), nullable=False),
        sa.Column("code", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agreement_id"],
            ["performanceagreement.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("strategicgoal", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_strategicgoal_agreement_id"), ["agreement_id"], unique=False
        )

    op.create_table(
        "auditevent",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("cycle_id", sa.Integer(), nullable=True),
        sa.Column("actor_user_id", sa.Integer(), nullable=True),
        sa.Column("action", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("before", sa.JSON(), nullable=False),
        sa.Column("after", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_user_id"],
            ["user.id"],
        ),
        sa.ForeignKeyConstraint(
            ["agency_id"],
            ["agency.id"],
        ),
        sa.ForeignKeyConstraint(
            ["cycle_id"],
            ["measurementcycle.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("auditevent", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_auditevent_agency_id"), ["agency_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_auditevent_cycle_id"), ["cycle_id"], unique=False)

    op.create_table(
        "financialrealization",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cycle_id", sa.Integer(), nullable=False),
        sa.Column("budget_item_id", sa.Integer(), nullable=False),
        sa.Column("division_id", sa.Integer(), nullable=True),
        sa.Column("amount", sa.Numeric(precision=24, scale=6), nullable=True),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_by_user_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["budget_item_id"],
            ["budgetitem.id"],
        ),
        sa.ForeignKeyConstraint(
            ["cycle_id"],
            ["measurementcycle.id"],
        ),
        sa.ForeignKeyConstraint(
            ["division_id"],
            ["division.id"],
        ),
        sa.ForeignKeyConstraint(
            ["updated_by_user_id"],
            ["user.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("cycle_id", "budget_item_id"),
    )
    with op.batch_alter_table("financialrealization", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_financialrealization_budget_item_id"), ["budget_item_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_financialrealization_cycle_id"), ["cycle_id"], unique=False
        )

    op.create_table(
        "indicator",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agreement_id", sa.Integer(), nullable=False),
        sa.Column("goal_id", sa.Integer(), nullable=False),
        sa.Column("division_id", sa.Integer(), nullable=False),
        sa.Column("code", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("unit", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("direction", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("range_low", sa.Numeric(precision=24, scale=6), nullable=True),
        sa.Column("range_high", sa.Numeric(precision=24, scale=6), nullable=True),
        sa.Column("accumulation", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("cumulative_targets", sa.Boolean(), nullable=False),
        sa.Column("decimals", sa.Integer(), nullable=False),
        sa.Column("allow_negative", sa.Boolean(), nullable=False),
        sa.Column("annual_target", sa.Numeric(precision=24, scale=6), nullable=True),
        sa.Column("target_q1", sa.Numeric(precision=24, scale=6), nullable=True),
        sa.Column("target_q2", sa.Numeric(precision=24, scale=6), nullable=True),
        sa.Column("target_q3", sa.Numeric(precision=24, scale=6), nullable=True),
        sa.Column("target_q4", sa.Numeric(precision=24, scale=6), nullable=True),
        sa.Column("formula_note", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agreement_id"],
            ["performanceagreement.id"],
        ),
        sa.ForeignKeyConstraint(
            ["division_id"],
            ["division.id"],
        ),
        sa.ForeignKeyConstraint(
            ["goal_id"],
            ["strategicgoal.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("indicator", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_indicator_agreement_id"), ["agreement_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_indicator_division_id"), ["division_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_indicator_goal_id"), ["goal_id"], unique=False)

    op.create_table(
        "steprun",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cycle_id", sa.Integer(), nullable=False),
        sa.Column("step", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("division_id", sa.Integer(), nullable=True),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("started_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("due_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("done_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("done_by_user_id", sa.Integer(), nullable=True),
        sa.Column("outcome", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["cycle_id"],
            ["measurementcycle.id"],
        ),
        sa.ForeignKeyConstraint(
            ["division_id"],
            ["division.id"],
        ),
        sa.ForeignKeyConstraint(
            ["done_by_user_id"],
            ["user.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("steprun", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_steprun_cycle_id"), ["cycle_id"], unique=False)

    op.create_table(
        "document",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("cycle_id", sa.Integer(), nullable=True),
        sa.Column("step", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("division_id", sa.Integer(), nullable=True),
        sa.Column("indicator_id", sa.Integer(), nullable=True),
        sa.Column("path", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("original_name", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("mime_type", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("created_by_user_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agency_id"],
            ["agency.id"],
        ),
        sa.ForeignKeyConstraint(
            ["created_by_user_id"],
            ["user.id"],
        ),
        sa.ForeignKeyConstraint(
            ["cycle_id"],
            ["measurementcycle.id"],
        ),
        sa.ForeignKeyConstraint(
            ["division_id"],
            ["division.id"],
        ),
        sa.ForeignKeyConstraint(
            ["indicator_id"],
            ["indicator.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_document_agency_id"), ["agency_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_document_cycle_id"), ["cycle_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_document_sha256"), ["sha256"], unique=False)

    op.create_table(
        "indicatorrealization",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cycle_id", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.Integer(), nullable=False),
        sa.Column("division_id", sa.Integer(), nullable=False),
        sa.Column("value", sa.Numeric(precision=24, scale=6), nullable=True),
        sa.Column("explanation", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("obstacles", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("follow_up", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_by_user_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["cycle_id"],
            ["measurementcycle.id"],
        ),
        sa.ForeignKeyConstraint(
            ["division_id"],
            ["division.id"],
        ),
        sa.ForeignKeyConstraint(
            ["indicator_id"],
            ["indicator.id"],
        ),
        sa.ForeignKeyConstraint(
            ["updated_by_user_id"],
            ["user.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("cycle_id", "indicator_id"),
    )
    with op.batch_alter_table("indicatorrealization", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_indicatorrealization_cycle_id"), ["cycle_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_indicatorrealization_indicator_id"), ["indicator_id"], unique=False
        )

    op.create_table(
        "outboxmessage",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("buttons", sa.JSON(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("tag", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("next_attempt_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("sent_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("telegram_message_id", sa.Integer(), nullable=True),
        sa.Column("failed", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agency_id"],
            ["agency.id"],
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("outboxmessage", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_outboxmessage_agency_id"), ["agency_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_outboxmessage_sent_at"), ["sent_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_outboxmessage_tag"), ["tag"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("outboxmessage", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outboxmessage_tag"))
        batch_op.drop_index(batch_op.f("ix_outboxmessage_sent_at"))
        batch_op.drop_index(batch_op.f("ix_outboxmessage_agency_id"))

    op.drop_table("outboxmessage")
    with op.batch_alter_table("indicatorrealization", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_indicatorrealization_indicator_id"))
        batch_op.drop_index(batch_op.f("ix_indicatorrealization_cycle_id"))

    op.drop_table("indicatorrealization")
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_document_sha256"))
        batch_op.drop_index(batch_op.f("ix_document_cycle_id"))
        batch_op.drop_index(batch_op.f("ix_document_agency_id"))

    op.drop_table("document")
    with op.batch_alter_table("steprun", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_steprun_cycle_id"))

    op.drop_table("steprun")
    with op.batch_alter_table("indicator", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_indicator_goal_id"))
        batch_op.drop_index(batch_op.f("ix_indicator_division_id"))
        batch_op.drop_index(batch_op.f("ix_indicator_agreement_id"))

    op.drop_table("indicator")
    with op.batch_alter_table("financialrealization", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_financialrealization_cycle_id"))
        batch_op.drop_index(batch_op.f("ix_financialrealization_budget_item_id"))

    op.drop_table("financialrealization")
    with op.batch_alter_table("auditevent", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_auditevent_cycle_id"))
        batch_op.drop_index(batch_op.f("ix_auditevent_agency_id"))

    op.drop_table("auditevent")
    with op.batch_alter_table("strategicgoal", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_strategicgoal_agreement_id"))

    op.drop_table("strategicgoal")
    with op.batch_alter_table("measurementcycle", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_measurementcycle_agency_id"))

    op.drop_table("measurementcycle")
    with op.batch_alter_table("budgetitem", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_budgetitem_division_id"))
        batch_op.drop_index(batch_op.f("ix_budgetitem_agreement_id"))

    op.drop_table("budgetitem")
    with op.batch_alter_table("roleassignment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_roleassignment_user_id"))

    op.drop_table("roleassignment")
    with op.batch_alter_table("performanceagreement", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_performanceagreement_agency_id"))

    op.drop_table("performanceagreement")
    with op.batch_alter_table("invite", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_invite_code"))
        batch_op.drop_index(batch_op.f("ix_invite_agency_id"))

    op.drop_table("invite")
    with op.batch_alter_table("delegation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_delegation_substitute_user_id"))
        batch_op.drop_index(batch_op.f("ix_delegation_principal_user_id"))
        batch_op.drop_index(batch_op.f("ix_delegation_agency_id"))

    op.drop_table("delegation")
    with op.batch_alter_table("conversationdraft", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_conversationdraft_user_id"))

    op.drop_table("conversationdraft")
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_user_telegram_id"))
        batch_op.drop_index(batch_op.f("ix_user_agency_id"))

    op.drop_table("user")
    with op.batch_alter_table("sentnotice", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sentnotice_agency_id"))

    op.drop_table("sentnotice")
    with op.batch_alter_table("division", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_division_agency_id"))

    op.drop_table("division")
    op.drop_table("agencyprofile")
    op.drop_table("ptbstate")
    with op.batch_alter_table("messagelog", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_messagelog_chat_id"))

    op.drop_table("messagelog")
    with op.batch_alter_table("agency", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agency_code"))

    op.drop_table("agency")
