"""How many years lie between the day asked and a dated step an entry tells of.

"Hvor mange år er det siden, AlbertslundPraktik sidst blev holdt?" is answered by the entry whose text says
"2021"; the count from the day asked is worked out from the entry's `milestones`, written by an editor, and never
guessed from its prose, where a wrong year would read as a fact.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from knowledge import texts
from knowledge.model import Entry, Milestone
from knowledge.periods import year_spans
from knowledge.query import Question
from knowledge.text import term, words

# "Hvor mange år er det siden …?", "… er der til …?", "… går der, før …?", "Hvor længe har … eksisteret?",
# "How many years ago …?", "How long has …?": a count of years from the day asked, back or ahead
_YEARS_ASKED = re.compile(
    r"\bhvor\s+mange\s+år\b[^?]*\b(?:siden|til|indtil|tilbage|gået|før)\b|\bom\s+hvor\s+mange\s+år\b|"
    r"\bhvor\s+længe\s+(?:har|er\s+det\s+siden|siden)\b|"
    r"\bhvor\s+lang\s+tid\s+(?:er\s+der\s+gået|er\s+det\s+siden|siden|er\s+der\s+til)\b|"
    r"\bhvor\s+gam(?:mel|melt|le)\s+er\b|"  # "Hvor gammel er strategiplanen 2022-2023?": since it was dated
    r"\bhow\s+many\s+years\b[^?]*\b(?:ago|since|until|till|before|left|been|passed)\b|\bhow\s+long\s+(?:has|have|ago)\b|"
    r"\bhow\s+old\s+is\b|\bin\s+how\s+many\s+years\b|\bhow\s+much\s+longer\b"
)
# "Er Plan MED-perioden slut nu?", "Gælder Glostrups strategi stadig?", "Is the plan still in force?": whether a
# period has ended, which its end's milestone tells counted from today
_ENDED_ASKED = re.compile(
    r"\b(?:slut|ovre|forbi|overstået|udløbet|afsluttet)(?:\s+(?:nu|i\s+dag))?\s*[?.!]*$|\bstadig\s+(?:den\s+)?(?:gældende|i\s+kraft)\b|"
    r"\b(?:gælder|kører)\b[^?]*\bstadig(?:væk)?\b|\bstill\s+(?:valid|in\s+force|in\s+effect|applies|running)\b|"
    r"\bstill\s+(?:the\s+)?current\b|"
    r"\b(?:over|ended|expired|finished)(?:\s+(?:now|yet))?\s*[?.!]*$"
)
# A milestone that ends a period: "Plan MED-perioden 2024-2025 slutter"; a question asking for an end
_ENDS = re.compile(r"\b(?:slutter|udløber|ophører)\b")
_END_WORD = re.compile(r"\b(?:udløb\w*|slut\w*|ophør\w*|overstået|expir\w*|ended|ends?)\b")
# "… when KommuneMED evaluated them in June 2025?", "… da ordningen blev evalueret i 2025?": counted from another
# day than today, which the count would not be; a year the milestone, the entry's title or its source names is
# part of a name ("budget 2025", "… som strategiplanen 2022-2023 henviser til"), and this year is today's
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def elapsed(question: Question, entry: Entry, at: date, english: bool) -> str:
    """The count of years from `at` to the milestone the question asks about, or "" when it asks none or the
    entry's milestones do not tell which one ("første" or "sidste" AlbertslundPraktik) it means. A question
    whether a period is over ("Er Plan MED-perioden slut nu?") is told the milestone that ends it."""
    lowered = question.text.lower()
    if not entry.milestones:
        return ""
    counts = _YEARS_ASKED.search(lowered) is not None
    ending = [m for m in entry.milestones if _ENDS.search(m.what)]
    if counts:  # "hvornår udløb den, og hvor mange år siden er det?" counts to the end
        milestone = _asked(question, (ending if _END_WORD.search(lowered) else []) or entry.milestones)
    elif _ENDED_ASKED.search(lowered):  # "Er perioden slut nu?" is answered yes or no as well
        milestone = _asked(question, ending)
    else:
        return ""
    if milestone is None or not set(_YEAR.findall(lowered)) - {str(at.year)} <= _names_years(milestone, entry):
        return ""
    years = _years(milestone, at)
    # within a year of a day: ahead or behind; the day itself, or a year alone that is this year: neither
    same = milestone.day == at or (milestone.year_only and milestone.day.year == at.year)
    ahead = None if same else milestone.day > at
    say = texts.elapsed_en if english else texts.elapsed
    what = (milestone.what_en or milestone.what) if english else milestone.what
    said = say(at, what, _when(milestone, english), years, ahead, milestone.year_only)
    return f"{said}{texts.period_over(not ahead, english)}" if not counts and ahead is not None else said


def _names_years(milestone: Milestone, entry: Entry) -> set[str]:
    """The years that are part of a name: in the milestone, the entry's title, or a plan's period its source is
    ("kommunemed-strategiplan-2022-2023"; the minutes' own day, "…-referat-2025-06-25", is a day, not a name)."""
    spans = " ".join(span for s in entry.sources for span in year_spans(s.document))
    return set(_YEAR.findall(f"{milestone.what} {entry.title} {spans}"))


def _asked(question: Question, milestones: Sequence[Milestone]) -> Milestone | None:
    """The milestone whose words the question says most of; none when two say as much, or there is none."""
    if len(milestones) <= 1:
        return milestones[0] if milestones else None
    said = sorted(((_said(question, m), n) for n, m in enumerate(milestones)), reverse=True)
    (best, first), (runner_up, _) = said[0], said[1]
    return milestones[first] if best > runner_up else None


def _said(question: Question, milestone: Milestone) -> float:
    """How much of the question's weight the milestone's words carry ("sidste", "første" included)."""
    terms = {term(w): 1.0 for w in words(f"{milestone.what} {milestone.what_en}")}
    return sum(u.weight * u.credit(terms) for u in question.query.units)


def _years(milestone: Milestone, at: date) -> int:
    """Whole years from `at` to the milestone: negative before it, positive ahead; a year alone counts by year."""
    years = milestone.day.year - at.year
    if milestone.year_only:
        return years
    if years > 0 and (milestone.day.month, milestone.day.day) < (at.month, at.day):
        return years - 1
    if years < 0 and (milestone.day.month, milestone.day.day) > (at.month, at.day):
        return years + 1
    return years


def _when(milestone: Milestone, english: bool) -> str:
    """The milestone's day as the answer says it: "2021", "15. november 2023", "15 November 2023"."""
    if milestone.year_only:
        return str(milestone.day.year)
    return texts.english_date(milestone.day) if english else texts.danish_date(milestone.day)
