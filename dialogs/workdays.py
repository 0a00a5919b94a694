"""Danish working days: when reminders and nudges may be sent (pure functions over dates).

Not on weekends, not on Danish public holidays (the `holidays` package), and not on 24 and 31 December,
which Albertslund treats as closed days.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

SEND_AT = time(9, 0)
CLOSED_DAYS = ((12, 24), (12, 31))


@lru_cache(maxsize=64)
def _public_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("DK", years=year).keys())


def is_working_day(day: date) -> bool:
    """Monday to Friday, not a Danish public holiday, not 24 or 31 December."""
    return day.weekday() < 5 and day not in _public_holidays(day.year) and (day.month, day.day) not in CLOSED_DAYS


def next_working_day(day: date) -> date:
    """`day` itself when it is a working day, else the first working day after it."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def previous_working_day(day: date) -> date:
    """`day` itself when it is a working day, else the last working day before it."""
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day


def add_working_days(day: date, count: int) -> date:
    """Move `count` working days forward (negative: backward) from `day`."""
    step = 1 if count >= 0 else -1
    remaining = abs(count)
    while remaining:
        day += timedelta(days=step)
        if is_working_day(day):
            remaining -= 1
    return day


def send_time(day: date, tz: ZoneInfo) -> datetime:
    """09:00 local time on `day` (never inside the 02:00–03:00 DST gap), as an aware datetime."""
    return datetime.combine(day, SEND_AT, tzinfo=tz)
