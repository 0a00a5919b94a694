"""Teams' request budgets shared by every replica: one row per tenant and per conversation, in PostgreSQL.

Each replica's in-process pacer keeps its own sends within budget, but two replicas together sent 91 requests/s to
one tenant where Teams allows 50. Here the budgets live in the database, so every replica books its sends
against the same rows:

- a tenant row holds `next_at`, the first free send slot (slots are evenly spaced), and `throttled_until`, set
  when any replica got a 429, so that every replica waits out the `Retry-After`;
- a conversation row holds `times`, its booked send times within the longest window, so that a booking fits
  every sliding window (7 per second, 8 per 2 s, 60 per 30 s, 1,800 per hour).

A booking is one statement, `medbot_book_send` (migration 0012): it locks both rows (an upsert, in key order, so
two bookers never deadlock), computes the slot and writes it back, in one round trip. One round trip matters: a
booker is a thread inside a busy event-loop process, and each trip costs it a wait for the GIL.

Times are seconds on the database's clock (`clock_timestamp()`, read after the locks are held), never a replica's:
replica clocks can differ by more than the 21 ms between two slots, and slots from two clocks could then land
closer than that. The caller turns a slot into a local delay with the database's `now` that comes back with it.
Tests may pass `now` instead, to make the slots predictable.

SQLite is one process: it keeps the in-process pacer, and this table stays empty there.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import JSON, Column, Float, text
from sqlalchemy.dialects import postgresql
from sqlalchemy.engine import Connection
from sqlmodel import Field, SQLModel


class Limit(Protocol):
    """A sliding window: at most `limit` requests in any `seconds` long stretch (the outbox's `Window`)."""

    @property
    def limit(self) -> int:
        """Requests allowed in the window."""
        ...

    @property
    def seconds(self) -> float:
        """The window's length."""
        ...


class SendBudget(SQLModel, table=True):
    """One key's shared budget: a tenant (`tenant:<id>`) or a conversation (`conversation:<lane>`)."""

    __tablename__ = "send_budget"

    key: str = Field(primary_key=True, max_length=500)
    # Tenant: the first free slot, and until when Teams asked everyone to wait (database epoch seconds).
    next_at: float = 0.0
    throttled_until: float = 0.0
    # Conversation: its booked send times within the longest window, oldest first.
    times: list[float] = Field(
        default_factory=list, sa_column=Column(JSON().with_variant(postgresql.ARRAY(Float), "postgresql"))
    )


@dataclass(frozen=True)
class Booking:
    """A slot and the database's clock at booking time (`slot - now` is how long to wait); `booked` is False when
    the slot was further away than the caller would wait, and nothing was booked."""

    slot: float
    now: float
    booked: bool = True

    @property
    def delay(self) -> float:
        """Seconds from the booking until the slot."""
        return max(0.0, self.slot - self.now)


# The booking: a PL/pgSQL function created by migration 0012 (PostgreSQL only); windows come as two arrays.
_BOOK = text(
    "SELECT slot, booked_at, booked FROM medbot_book_send("
    "CAST(:tenant AS text), CAST(:spacing AS float8), CAST(:conversation AS text), "
    "CAST(:limits AS int[]), CAST(:seconds AS float8[]), CAST(:now AS float8), CAST(:max_wait AS float8))"
)
_THROTTLE = text(
    "INSERT INTO send_budget (key, next_at, throttled_until, times) "
    "VALUES (:key, 0, COALESCE(CAST(:now AS float8), extract(epoch from clock_timestamp())) + :seconds, '{}') "
    "ON CONFLICT (key) DO UPDATE SET throttled_until = GREATEST(send_budget.throttled_until, EXCLUDED.throttled_until) "
    "RETURNING throttled_until"
)


def spacing(windows: Sequence[Limit]) -> float:
    """The even spacing that keeps a tenant within every window (1/48 s for 48 per second)."""
    return max(window.seconds / window.limit for window in windows)


def book(
    connection: Connection,
    tenant: str,
    tenant_windows: Sequence[Limit],
    conversation: str,
    conversation_windows: Sequence[Limit],
    now: float | None = None,
    max_wait: float | None = None,
) -> Booking:
    """Book the first slot that both the tenant's and the conversation's budgets allow, after any throttling.

    With `max_wait`, a slot further away than that many seconds is not booked (`booked` False): the dispatcher
    hands the row back to the table instead of holding it in memory. One statement; on an autocommit connection
    it is its own transaction.
    """
    parameters = {
        "tenant": tenant,
        "spacing": spacing(tenant_windows),
        "conversation": conversation,
        "limits": [window.limit for window in conversation_windows],
        "seconds": [float(window.seconds) for window in conversation_windows],
        "now": now,
        "max_wait": max_wait,
    }
    slot, booked_at, booked = connection.execute(_BOOK, parameters).one()
    return Booking(slot=float(slot), now=float(booked_at), booked=bool(booked))


def throttle(connection: Connection, tenant: str, seconds: float, now: float | None = None) -> float:
    """Teams answered 429: nobody sends to the tenant for `seconds`; returns until when (database epoch seconds).

    Never shortens a throttle another replica recorded.
    """
    until = connection.execute(_THROTTLE, {"key": tenant, "seconds": seconds, "now": now}).scalar_one()
    return float(until)
