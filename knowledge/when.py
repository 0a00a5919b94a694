"""The day a question is about, when it names one: "havde vi fri juleaften i 2024?" asks about 24 December 2024.

A rule that changed over time must be answered as it stood on that day, not as it stands today. A named
holiday without a year means its next occurrence: asked in September 2025, "har vi fri juleaften?" is about
24 December 2025.
"""

from __future__ import annotations

from datetime import date

from knowledge.text import words
from knowledge.texts import MONTHS

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


def _relative_year(said: list[str], today: date) -> int | None:
    """The year "sidste år" or "next year" means, asked on `today`."""
    for pair, offset in _RELATIVE_YEARS.items():
        if any(tuple(said[i : i + 2]) == pair for i in range(len(said) - 1)):
            return today.year + offset
    return None


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
