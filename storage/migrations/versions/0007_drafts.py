"""drafts: draft entries made in Teams, and which entries each knowledge publish changed

Revision ID: 0007
Revises: 0002
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0007"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "draft_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entry_id", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("questions", sa.JSON(), nullable=False),
        sa.Column("answer", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
        sa.Column("document", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("section", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("organisation", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("tags", sa.JSON(), nullable=False),
        sa.Column("made_by", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("made_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("origin", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("exported_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    # Activations recorded before this migration changed nothing anybody can still tell: an empty record.
    with op.batch_alter_table("knowledge_version", schema=None) as batch_op:
        batch_op.add_column(sa.Column("changes", sa.JSON(), nullable=False, server_default=sa.text("'{}'")))


def downgrade() -> None:
    with op.batch_alter_table("knowledge_version", schema=None) as batch_op:
        batch_op.drop_column("changes")
    op.drop_table("draft_entry")
