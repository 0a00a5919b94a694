"""The day a question is about, when it names one: "havde vi fri juleaften i 2024?" asks about 24 December 2024;
and the days, months and seasons a text names with their year ("mødet 30. april 2025", "i efteråret 2024").

A rule that changed over time must be answered as it stood on that day, not as it stands today. A named
holiday without a year means its next occurrence: asked in September 2025, "har vi fri juleaften?" is about
24 December 2025.
"""

from __future__ import annotations

import re
from calendar import monthrange
from datetime import date, timedelta

from knowledge.text import words
from knowledge.texts import ENGLISH_MONTHS, MONTHS

_FIRST_YEAR, _LAST_YEAR = 2000, 2099

# Days people name by their name; the key is the word or the two words as `words` reads them.
HOLIDAYS: dict[tuple[str, ...], tuple[int, int]] = {
    ("juleaften",): (12, 24),
    ("juleaftensdag",): (12, 24),
    ("juleaftensdagen",): (12, 24),
    ("nytårsaften",): (12, 31),
    ("nytårsaftensdag",): (12, 31),
    ("grundlovsdag",): (6, 5),
    ("grundlovsdagen",): (6, 5),
    ("christmas", "eve"): (12, 24),
    ("year", "eve"): (12, 31),  # "New Year's Eve", as `words` reads it
    ("years", "eve"): (12, 31),  # "New Years Eve"
    ("constitution", "day"): (6, 5),
}


def day_asked_about(question: str, today: date) -> date | None:
    """The day `question` is about, or None when it names no day or year.

    A year alone means its last day when it lies in the past and its first day when it lies ahead, so the
    rule in force then is found; a day of the year (a holiday or "24. december") without a year means its
    next occurrence from `today`.
    """
    said = words(question)
    year = _year(said) or _relative_year(said, today)
    day = _day_of_year(said)
    if day is None:
        if year is None or year == today.year:
            return None
        return date(year, 12, 31) if year < today.year else date(year, 1, 1)
    month, day_of_month = day
    if year is not None:
        return _safe_date(year, month, day_of_month)
    this_year = _safe_date(today.year, month, day_of_month)
    if this_year is not None and this_year >= today:
        return this_year
    return _safe_date(today.year + 1, month, day_of_month)


def _year(said: list[str]) -> int | None:
    """The latest year the question names ("2022-2023" is about the plan's last year)."""
    years = [int(w) for w in said if w.isdigit() and len(w) == 4 and _FIRST_YEAR <= int(w) <= _LAST_YEAR]
    return max(years) if years else None


# "sidste år" and "next year" name a year as plainly as "2024" does.
_RELATIVE_YEARS: dict[tuple[str, str], int] = {
    ("sidste", "år"): -1,
    ("forrige", "år"): -1,
    ("i", "fjor"): -1,
    ("last", "year"): -1,
    ("næste", "år"): 1,
    ("next", "year"): 1,
}


# "i år", "this year": the year the question is asked in
THIS_YEAR = re.compile(r"\bi\s+år\b|\bindeværende\s+år\b|\bthis\s+year\b", re.IGNORECASE)


def with_this_year(question: str, today: date) -> str:
    """The question with the year "i år" means said after it, for a check that a text names the year asked."""
    return THIS_YEAR.sub(lambda m: f"{m.group(0)} {today.year}", question)


def relative_year(question: str, today: date) -> int | None:
    """The year "sidste år", "next year" or "i år" means, asked on `today`, or None."""
    return _relative_year(words(question), today) or (today.year if THIS_YEAR.search(question) else None)


def _relative_year(said: list[str], today: date) -> int | None:
    """The year "sidste år" or "next year" means, asked on `today`."""
    for i in range(len(said) - 1):
        if (offset := _offset_at(said, i)) is not None:
            return today.year + offset
    return None


_SPAN_BEFORE = frozenset({"det", "the"})  # "inden for det næste år", "within the next year": a span, not a year


def _offset_at(said: list[str], i: int) -> int | None:
    """The years from today that the words at `i` name ("næste år": 1), or None."""
    if (i > 0 and said[i - 1] in _SPAN_BEFORE) or i + 1 >= len(said):
        return None
    return _RELATIVE_YEARS.get((said[i], said[i + 1]))


def _day_of_year(said: list[str]) -> tuple[int, int] | None:
    """(month, day) of a named holiday or of a date written "24. december" / "1. maj"."""
    for i, word in enumerate(said):
        for size in (2, 1):
            found = HOLIDAYS.get(tuple(said[i : i + size]))
            if found is not None:
                return found
        if word.isdigit() and i + 1 < len(said) and said[i + 1] in MONTHS and 1 <= int(word) <= 31:
            return MONTHS.index(said[i + 1]) + 1, int(word)
    return None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


MONTH_NAMES = "|".join(m.lower() for m in (*MONTHS, *ENGLISH_MONTHS))  # Danish and English, for patterns
# "referatet", "kvartalsopgørelsen", "the minutes": a text a question may name with the day it is from ("…
# fra 25. juni 2025"), which is no time after that day nor the period of its figures
TEXT_NAMED = r"(?:referat\w*|møde[nt]?|\w*opgørelsen?|dagsorden\w*|minutes|meeting|report)"
# The months of a season: "efteråret 2024" runs from September to November 2024. Winter runs into the next year:
# left out.
_SEASONS = {"forår": (3, 5), "spring": (3, 5), "sommer": (6, 8), "summer": (6, 8)}
_SEASONS |= {"efterår": (9, 11), "autumn": (9, 11), "fall": (9, 11)}
# "i efteråret 2024", "in October 2024", but not the month of a day: "efter 30. november 2024".
_MONTH_OR_SEASON = re.compile(
    rf"(?<!\d\.\s)(?<!\d\s)\b({MONTH_NAMES}|{'|'.join(_SEASONS)})(?:et|en)?\s+(?:of\s+)?(20\d\d)\b"
)
# "30. april 2025", "30 April 2025", "april 30, 2025" is not written here.
_DAY = re.compile(rf"\b(\d{{1,2}})\.?\s+({MONTH_NAMES})\s+(20\d\d)\b")


def _month_number(name: str) -> int:
    """1 for "januar" or "january", 12 for "december"."""
    names = zip(MONTHS, ENGLISH_MONTHS, strict=True)
    return next(i for i, (da, en) in enumerate(names, 1) if name in (da, en.lower()))


def _day_of(found: re.Match[str]) -> date:
    """The day a `_DAY` match names; "31. november" is read as the month's last day, not as an error."""
    year, month = int(found.group(3)), _month_number(found.group(2))
    return date(year, month, min(int(found.group(1)), monthrange(year, month)[1]))


# "lige nu", "i dag", "currently": the question asks about the day it is asked.
_NOW = re.compile(
    r"\b(?:lige\s+nu|nu|i\s+dag|pt|p\.t\.|for\s+tiden|i\s+øjeblikket|aktuelt|nuværende|stadig|stadigvæk|fortsat|"
    r"currently|current|right\s+now|now|today|at\s+the\s+moment|still)(?!\w)"
)


def asks_now(question: str) -> bool:
    """True when the question asks about today ("hvem er leder i dag?", "er hun stadig leder?")."""
    return _NOW.search(question.lower()) is not None


def day_named(text: str) -> date | None:
    """The first day a text names with its year ("30. november 2024")."""
    found = _DAY.search(text.lower())
    return _day_of(found) if found is not None else None


def days_named(text: str) -> list[date]:
    """Every day a text names with its year ("… referatet af mødet 30. april 2025 …")."""
    return [_day_of(found) for found in _DAY.finditer(text.lower())]


def months_named(text: str) -> tuple[date, date] | None:
    """The first and last day of the month or season a text names with its year ("i efteråret 2024"), else None."""
    found = _MONTH_OR_SEASON.search(text.lower())
    if found is None:
        return None
    name, year = found.group(1), int(found.group(2))
    first, last = _SEASONS.get(name) or (_month_number(name), _month_number(name))
    return date(year, first, 1), date(year, last, monthrange(year, last)[1])


_AFTER = re.compile(r"\b(?:efter|after)\s+(?:the\s+)?$")


def span_named(text: str) -> tuple[date, date] | None:
    """The days a text names: one day with its year, or a month or season with its year, else None; "efter
    sommeren 2025" names every day after the season (to `date.max`)."""
    day = day_named(text)
    if day is not None:
        return day, day
    months = months_named(text)
    found = _MONTH_OR_SEASON.search(text.lower())
    if months is None or found is None or not _AFTER.search(text.lower(), 0, found.start()):
        return months
    return months[1] + timedelta(days=1), date.max
