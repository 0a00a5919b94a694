"""Danish working days: when reminders and nudges may be sent (pure functions over dates).

Not on weekends, not on Danish public holidays (the `holidays` package), and not on 24 and 31 December,
which Albertslund treats as closed days. Reminders go out at 09:00; one that was missed (the service was down)
still goes out the same working day until 16:00, else at 09:00 on the next working day. Nothing is scheduled
between 02:00 and 03:00, the hour that is skipped or repeated when daylight saving time starts or ends.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

SEND_AT = time(9, 0)
SEND_UNTIL = time(16, 0)
QUIET_HOUR = (time(2, 0), time(3, 0))
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


def in_send_window(moment: datetime, tz: ZoneInfo) -> bool:
    """True between 09:00 and 16:00 local time on a working day: when reminders may be written and sent."""
    local = moment.astimezone(tz)
    return is_working_day(local.date()) and SEND_AT <= local.time() < SEND_UNTIL


def in_quiet_hour(moment: datetime, tz: ZoneInfo) -> bool:
    """True between 02:00 and 03:00 local time, the hour daylight saving time skips or repeats."""
    start, end = QUIET_HOUR
    return start <= moment.astimezone(tz).time() < end
