"""reminders: discussions, occurrences, per-committee intervals

Revision ID: 0003
Revises: 0001
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0003"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "reminder_discussion",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("committee_id", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("rule_id", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("discussed_on", sa.Date(), nullable=False),
        sa.Column("recorded_by", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("via", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("recorded_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["committee_id"], ["committee.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("committee_id", "rule_id", "discussed_on", name="uq_reminder_discussion"),
    )
    with op.batch_alter_table("reminder_discussion", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reminder_discussion_committee_id"), ["committee_id"], unique=False)

    op.create_table(
        "reminder_occurrence",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("committee_id", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("rule_id", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("snoozed_until", sa.Date(), nullable=True),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("done_by", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("done_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["committee_id"], ["committee.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("committee_id", "rule_id", "due_on", name="uq_reminder_occurrence"),
    )
    with op.batch_alter_table("reminder_occurrence", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reminder_occurrence_committee_id"), ["committee_id"], unique=False)

    op.create_table(
        "reminder_interval",
        sa.Column("committee_id", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("rule_id", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("months", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["committee_id"], ["committee.id"]),
        sa.PrimaryKeyConstraint("committee_id", "rule_id"),
    )


def downgrade() -> None:
    op.drop_table("reminder_interval")
    with op.batch_alter_table("reminder_occurrence", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reminder_occurrence_committee_id"))

    op.drop_table("reminder_occurrence")
    with op.batch_alter_table("reminder_discussion", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reminder_discussion_committee_id"))

    op.drop_table("reminder_discussion")
