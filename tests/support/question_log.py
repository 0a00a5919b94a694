"""A watch over the whole suite's log: no question a test asked may reach a log line, on any path.

Every question the tests send through `activities.message` is noted; a handler on the root logger keeps every
record the product logs (with its traceback), and at the end of the session any record that quotes a noted
question fails the run (tests/conftest.py). Only questions of three words or more are watched: a one-word
command ("status") may well be an event name.
"""

from __future__ import annotations

import logging
import traceback

ASKED: set[str] = set()
MIN_WORDS = 3


def note(text: str) -> None:
    """Remember a question a test asked."""
    cleaned = " ".join(text.split())
    if len(cleaned.split()) >= MIN_WORDS:
        ASKED.add(cleaned)


class KeepRecords(logging.Handler):
    """Keeps each record's message and traceback text, for the check at the end of the session."""

    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = record.getMessage()
        except Exception:  # a record that cannot format is not a leak of ours to judge here
            text = str(record.msg)
        if record.exc_info and record.exc_info[1] is not None:
            text += "\n" + "".join(traceback.format_exception(record.exc_info[1]))
        self.lines.append(" ".join(text.split()))


def leaks(lines: list[str], asked: set[str]) -> list[str]:
    """Log lines that quote one of the asked questions."""
    return [line for line in lines if any(question in line for question in asked)]
