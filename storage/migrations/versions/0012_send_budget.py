"""send budget: Teams' request budgets per tenant and conversation, shared by every replica (PostgreSQL)

Revision ID: 0012
Revises: 0001
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0012"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The booking function as this revision created it (storage/budget.py holds the current text).
BOOK_FUNCTION = """
CREATE OR REPLACE FUNCTION medbot_book_send(
    p_tenant text, p_spacing float8, p_conversation text, p_limits int[], p_seconds float8[], p_now float8,
    p_max_wait float8
) RETURNS TABLE (slot float8, booked_at float8, booked boolean) LANGUAGE plpgsql AS $$
DECLARE
    v_now float8;
    v_next float8;
    v_throttled float8;
    v_times float8[];
    v_slot float8;
    v_n int;
BEGIN
    -- A booking is worth nothing after a crash: its transaction need not wait for the WAL to reach the disk.
    PERFORM set_config('synchronous_commit', 'off', true);
    -- Creates missing rows and locks both, in key order; waits for a booker that holds them.
    INSERT INTO send_budget AS b (key, next_at, throttled_until, times)
    VALUES (least(p_tenant, p_conversation), 0, 0, '{}'), (greatest(p_tenant, p_conversation), 0, 0, '{}')
    ON CONFLICT (key) DO UPDATE SET key = EXCLUDED.key;
    v_now := COALESCE(p_now, extract(epoch from clock_timestamp()));
    SELECT b.next_at, b.throttled_until INTO v_next, v_throttled FROM send_budget b WHERE b.key = p_tenant;
    SELECT b.times INTO v_times FROM send_budget b WHERE b.key = p_conversation;
    v_slot := GREATEST(v_now, v_next, v_throttled);
    v_n := COALESCE(array_length(v_times, 1), 0);
    IF v_n > 0 THEN
        v_slot := GREATEST(v_slot, v_times[v_n]);
    END IF;
    FOR i IN 1 .. COALESCE(array_length(p_limits, 1), 0) LOOP
        IF v_n >= p_limits[i] THEN
            v_slot := GREATEST(v_slot, v_times[v_n - p_limits[i] + 1] + p_seconds[i]);
        END IF;
    END LOOP;
    IF v_slot - v_now > p_max_wait THEN
        -- Too long to hold a send in memory: book nothing, tell the caller how long (it defers the row).
        RETURN QUERY SELECT v_slot, v_now, false;
        RETURN;
    END IF;
    UPDATE send_budget SET next_at = v_slot + p_spacing WHERE key = p_tenant;
    UPDATE send_budget
    SET times = ARRAY(
        SELECT t FROM unnest(v_times) AS t WHERE t > v_slot - (SELECT max(s) FROM unnest(p_seconds) AS s) ORDER BY t
    ) || v_slot
    WHERE key = p_conversation;
    RETURN QUERY SELECT v_slot, v_now, true;
END
$$
"""


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    op.create_table(
        "send_budget",
        sa.Column("key", sa.String(length=500), nullable=False),
        sa.Column("next_at", sa.Float(), nullable=False, server_default="0"),
        sa.Column("throttled_until", sa.Float(), nullable=False, server_default="0"),
        sa.Column("times", postgresql.ARRAY(sa.Float()) if postgres else sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    if postgres:
        op.execute(BOOK_FUNCTION)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS medbot_book_send(text, float8, text, int[], float8[], float8, float8)")
    op.drop_table("send_budget")
