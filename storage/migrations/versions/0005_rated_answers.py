"""rated answers: one rating per answer message, kept as a hash of the message without any identity

Revision ID: 0005
Revises: 0002
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0005"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "rated_answer",
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("rated_on", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    with op.batch_alter_table("rated_answer", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rated_answer_rated_on"), ["rated_on"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("rated_answer", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rated_answer_rated_on"))
    op.drop_table("rated_answer")
