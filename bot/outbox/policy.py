"""What a send's outcome means and when to try again: pure functions, no I/O, so every rule is tested directly."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any, Protocol

from msrest.exceptions import ClientRequestError, HttpOperationError

RETRYABLE_STATUSES = frozenset({412, 429, 502, 503, 504})


@dataclass(frozen=True)
class Sent:
    """Delivered: the activity id and conversation Teams gave it (so its card can be updated later)."""

    activity_id: str
    conversation_id: str


@dataclass(frozen=True)
class Deferred:
    """Not sent, because the conversation is over its budget until `until`; not an attempt."""

    until: datetime


@dataclass(frozen=True)
class Failure:
    """Not sent: why, whether trying again can help, and how long the connector asked us to wait."""

    reason: str
    retryable: bool
    retry_after: float | None = None

    @property
    def short(self) -> str:
        """The reason's first part for logs (e.g. `HTTP 429`), without the connector's free text."""
        return self.reason.split(":", 1)[0]


Outcome = Sent | Deferred | Failure


def parse_retry_after(value: str | None, now: datetime) -> float | None:
    """Seconds to wait from a `Retry-After` header: delta seconds or an HTTP date; None when absent or unreadable."""
    if not value or not value.strip():
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())


def classify(error: BaseException, now: datetime) -> Failure:
    """What a send error means: 429/412/5xx, timeouts and connection errors are worth another try; other 4xx not.

    msrest raises `HttpOperationError` (botbuilder's `ErrorResponseException`) carrying the HTTP response, and
    `ClientRequestError` when the connector could not be reached.
    """
    if isinstance(error, HttpOperationError):
        response = getattr(error, "response", None)
        status = int(getattr(response, "status_code", 0) or getattr(response, "status", 0) or 0)
        if status:
            headers: Any = getattr(response, "headers", None) or {}
            retry_after = parse_retry_after(headers.get("Retry-After"), now)
            reason = f"HTTP {status}: {getattr(error, 'message', '') or type(error).__name__}"
            return Failure(reason[:500], status in RETRYABLE_STATUSES or status >= 500, retry_after)
    if isinstance(error, TimeoutError):
        return Failure("timeout: the connector did not answer in time", True)
    if isinstance(error, ClientRequestError | ConnectionError):
        return Failure(f"{type(error).__name__}: the connector could not be reached", True)
    return Failure(f"{type(error).__name__}: unexpected error while sending", True)


class Backoff(Protocol):
    """The part of the dispatcher's options that sets the backoff (`DispatchOptions` has it)."""

    @property
    def backoff_seconds(self) -> float:
        """The first backoff; each further attempt doubles it."""
        ...

    @property
    def max_backoff_seconds(self) -> float:
        """The longest backoff."""
        ...


def retry_delay(attempts: int, retry_after: float | None, options: Backoff, rng: random.Random | None = None) -> float:
    """Seconds until the next try: the connector's Retry-After (never sooner), else exponential backoff.

    Both get jitter, so that many rows throttled at once do not come back at the same instant.
    """
    rng = rng or random.Random()
    if retry_after is not None:
        return retry_after + rng.uniform(0.0, min(1.0, 0.2 * retry_after + 0.1))
    backoff = min(options.max_backoff_seconds, options.backoff_seconds * 2 ** max(0, attempts - 1))
    return backoff / 2 + rng.uniform(0.0, backoff / 2)
