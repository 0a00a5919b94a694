"""The quarter and year a text names ("1. kvartal 2025", "Q3", "i 2026").

Both the decide step (figures for another period) and the stated-gap rules of `knowledge.gaps` (a gap of "beløbet
for 2027", "den anden temadebat") read periods and ordinals; they live here so that neither imports the other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

QUARTER = re.compile(
    r"\b(?:([1-4])(?:\.|st|nd|rd|th)?\s*(?:kvartal|kvt|quarter)|q([1-4])|(første|anden|andet|tredje|fjerde)\s+kvartal|"
    r"(first|second|third|fourth)\s+quarter)\b"
)
ORDINAL = {"første": 1, "anden": 2, "andet": 2, "tredje": 3, "fjerde": 4, "first": 1, "second": 2, "third": 3}
ORDINAL["fourth"] = 4
YEAR = re.compile(r"\b(20\d\d)\b")
# "efter 2024", "after 2025": the time after a year, which a plan or rule of that year may not reach
AFTER_YEAR = re.compile(r"\b(?:efter|after)\s+(20\d\d)\b")
# "Plan MED 2024-2025", "valgperioden 2025-2027", "strategien 2026-28": a span of years
_SPAN = re.compile(r"\b(20\d\d)\s*[-–]\s*(20\d\d|\d\d)\b")


@dataclass(frozen=True)
class Period:
    """A year, and maybe a quarter, that a question or an entry's figures are about."""

    year: int | None
    quarter: int | None


def period_of(text: str) -> Period:
    """The quarter and year named in `text` ("1. kvartal 2025", "Q3", "i 2026"), each None when not named."""
    lowered = text.lower()
    quarter = None
    match = QUARTER.search(lowered)
    if match:
        number, q, danish, english = match.groups()
        quarter = int(number or q) if (number or q) else ORDINAL[(danish or english or "").lower()]
    years = [int(y) for y in YEAR.findall(lowered)]
    return Period(max(years) if years else None, quarter)


def year_spans(text: str) -> list[str]:
    """The spans of years `text` names, written in full: "2026-28" is "2026-2028" ("sag 2023-15" is none)."""
    spans = [(a, b if len(b) == 4 else a[:2] + b) for a, b in _SPAN.findall(text)]
    return [f"{a}-{b}" for a, b in spans if a < b]
