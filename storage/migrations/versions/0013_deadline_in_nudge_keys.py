"""deadline in nudge keys: an item's nudges and summary are keyed by the deadline they were sent for

Revision ID: 0013
Revises: 0011
Create Date: 2026-12-03

Before, an extended item was never nudged for its new deadline: the key of its first nudge blocked it. The rows
already written get the item's current deadline, so none of them is sent again after the upgrade.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OUTBOX = sa.table("outbox", sa.column("id", sa.Integer), sa.column("dedupe_key", sa.String))


def _is_old_key(parts: list[str]) -> bool:
    """`item:<item>:nudge:<committee>:<stage>` or `item:<item>:summary`, as written before this revision."""
    return (parts[2] == "nudge" and len(parts) == 5) or (parts[2] == "summary" and len(parts) == 3)


def upgrade() -> None:
    bind = op.get_bind()
    deadlines = {
        item: str(deadline) for item, deadline in bind.execute(sa.text("SELECT id, deadline FROM feedback_item"))
    }
    rows = bind.execute(sa.select(OUTBOX.c.id, OUTBOX.c.dedupe_key).where(OUTBOX.c.dedupe_key.like("item:%"))).all()
    for row_id, key in rows:
        parts = key.split(":")
        deadline = deadlines.get(int(parts[1]))
        if deadline is not None and _is_old_key(parts):
            bind.execute(OUTBOX.update().where(OUTBOX.c.id == row_id).values(dedupe_key=f"{key}:{deadline}"))


def downgrade() -> None:
    bind = op.get_bind()
    rows = bind.execute(
        sa.select(OUTBOX.c.id, OUTBOX.c.dedupe_key).where(OUTBOX.c.dedupe_key.like("item:%")).order_by(OUTBOX.c.id)
    ).all()
    taken = {key for _, key in rows}
    for row_id, key in rows:
        old = key.rsplit(":", 1)[0]
        if _is_old_key(old.split(":")) and old not in taken:  # an extended item's later rows keep their new key
            bind.execute(OUTBOX.update().where(OUTBOX.c.id == row_id).values(dedupe_key=old))
            taken.add(old)
