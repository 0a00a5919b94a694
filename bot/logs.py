"""Logging a failure without what the user wrote.

An exception's message may quote its input: a database error carries the row it could not write, a parse
error the text it choked on, and in a turn that text may be an employee's question about their health. So a
failure is logged as an event name with ids, the exception's type and the frames where it happened, never the
message.
"""

from __future__ import annotations

import logging
import traceback


def log_failure(log: logging.Logger, event: str, error: BaseException, *args: object) -> None:
    """Log `event % args` at ERROR with the exception's type and stack frames, leaving out its message."""
    frames = "".join(traceback.format_tb(error.__traceback__)).rstrip()
    log.error(f"{event} error=%s\n%s", *args, type(error).__name__, frames)
