"""escalations: questions an employee confirmed sending to HR & Løn, with their name, until retention deletes them

Revision ID: 0006
Revises: 0001
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0006"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "escalation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tenant_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("asker_aad_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("asker_name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("question", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
        sa.Column("context", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("state", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("taken_by", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("taken_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("answer", sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
        sa.Column("answered_by", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("answered_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("escalation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_escalation_created_at"), ["created_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_escalation_state"), ["state"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("escalation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_escalation_state"))
        batch_op.drop_index(batch_op.f("ix_escalation_created_at"))
    op.drop_table("escalation")
