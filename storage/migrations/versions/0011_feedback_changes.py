"""feedback changes: an item's revision and change note, and the revision each answer was given to

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("feedback_item", schema=None) as batch_op:
        batch_op.add_column(sa.Column("revision", sa.Integer(), nullable=False, server_default="1"))
        batch_op.add_column(
            sa.Column("change_note", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False, server_default="")
        )
    with op.batch_alter_table("feedback_answer", schema=None) as batch_op:
        batch_op.add_column(sa.Column("revision", sa.Integer(), nullable=False, server_default="1"))


def downgrade() -> None:
    with op.batch_alter_table("feedback_answer", schema=None) as batch_op:
        batch_op.drop_column("revision")
    with op.batch_alter_table("feedback_item", schema=None) as batch_op:
        batch_op.drop_column("change_note")
        batch_op.drop_column("revision")
