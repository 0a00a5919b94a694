"""feedback: KommuneMED items, their questions and recipients, and every version of each committee's answer

Revision ID: 0004
Revises: 0001
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0004"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "feedback_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("body", sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
        sa.Column("link", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
        sa.Column("entry_id", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=False),
        sa.Column("to_all", sa.Boolean(), nullable=False),
        sa.Column("state", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("creator_aad_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("creator_name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("tenant_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("sent_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("closed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("feedback_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_feedback_item_state"), ["state"], unique=False)

    op.create_table(
        "feedback_question",
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("choices", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["item_id"], ["feedback_item.id"]),
        sa.PrimaryKeyConstraint("item_id", "position"),
    )
    op.create_table(
        "feedback_recipient",
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("committee_id", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("route", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.ForeignKeyConstraint(["committee_id"], ["committee.id"]),
        sa.ForeignKeyConstraint(["item_id"], ["feedback_item.id"]),
        sa.PrimaryKeyConstraint("item_id", "committee_id"),
    )
    op.create_table(
        "feedback_answer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("committee_id", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("meeting_date", sa.Date(), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("remarks", sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
        sa.Column("content_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("submitted_by_aad", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("submitted_by_name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("submitted_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("late", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["committee_id"], ["committee.id"]),
        sa.ForeignKeyConstraint(["item_id"], ["feedback_item.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("item_id", "committee_id", "version", name="uq_feedback_answer_version"),
    )
    with op.batch_alter_table("feedback_answer", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_feedback_answer_item_id"), ["item_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("feedback_answer", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_feedback_answer_item_id"))
    op.drop_table("feedback_answer")
    op.drop_table("feedback_recipient")
    op.drop_table("feedback_question")
    with op.batch_alter_table("feedback_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_feedback_item_state"))
    op.drop_table("feedback_item")
