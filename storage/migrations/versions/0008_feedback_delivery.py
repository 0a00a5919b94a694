"""feedback delivery: when a committee first worked with an item's card ("Set")

Revision ID: 0008
Revises: 0004
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0008"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("feedback_recipient", schema=None) as batch_op:
        batch_op.add_column(sa.Column("seen_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("feedback_recipient", schema=None) as batch_op:
        batch_op.drop_column("seen_at")
