"""knowledge: versions, anonymous unanswered questions and ratings

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "answer_rating",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entry_id", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("rated_on", sa.Date(), nullable=False),
        sa.Column("helpful", sa.Integer(), nullable=False),
        sa.Column("unhelpful", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("entry_id", "rated_on", name="uq_answer_rating_day"),
    )
    with op.batch_alter_table("answer_rating", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_answer_rating_rated_on"), ["rated_on"], unique=False)

    op.create_table(
        "knowledge_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("activated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("activated_by", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("fingerprints", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("knowledge_version", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_knowledge_version_activated_at"), ["activated_at"], unique=False)

    op.create_table(
        "unanswered_question",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("question", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("asked_on", sa.Date(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("question", "asked_on", name="uq_unanswered_question_day"),
    )
    with op.batch_alter_table("unanswered_question", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_unanswered_question_asked_on"), ["asked_on"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("unanswered_question", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_unanswered_question_asked_on"))

    op.drop_table("unanswered_question")
    with op.batch_alter_table("knowledge_version", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_knowledge_version_activated_at"))

    op.drop_table("knowledge_version")
    with op.batch_alter_table("answer_rating", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_answer_rating_rated_on"))

    op.drop_table("answer_rating")
