"""Every Danish sentence the search puts into an answer, in one place so the wording can be reviewed in one read."""

from __future__ import annotations

import re
from datetime import date, timedelta

MONTHS = (
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
)

UNKNOWN = (
    "Det ved jeg desværre ikke. Jeg kan kun svare på spørgsmål om MED og personaleregler, som står i "
    "MED-dokumenterne. Spørg HR & Løn, eller se medarbejdersiden."
)
EMPTY_QUESTION = "Skriv dit spørgsmål om MED eller personaleregler, fx »Er lægebesøg med løn?«."


WEEKDAYS = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")


def danish_date(day: date) -> str:
    """25. juni 2025 (the one Danish date format of answers, reminders and items)."""
    return f"{day.day}. {MONTHS[day.month - 1]} {day.year}"


def weekday_date(day: date) -> str:
    """torsdag 25. februar 2027: the weekday helps planning a meeting, and a card value that starts with "25."
    would be shown by Teams as a numbered list."""
    return f"{WEEKDAYS[day.weekday()]} {danish_date(day)}"


def elapsed(at: date, what: str, when: str, years: int, ahead: bool | None, year_only: bool) -> str:
    """Regnet fra i dag (3. december 2026): sidste AlbertslundPraktik – 2021, 5 år siden. `ahead` is None on the
    day itself, or in the year itself for a year alone."""
    if years:
        span = f"om {years} år" if years > 0 else f"{-years} år siden"
    elif ahead is None:
        span = "i år" if year_only else "i dag"
    else:
        span = "om under et år" if ahead else "under et år siden"
    return f"Regnet fra i dag ({danish_date(at)}): {what} – {when}, {span}."


def period_over(over: bool, english: bool) -> str:
    """Said after the count for "Er perioden slut nu?": the answer to the question itself."""
    if english:
        return " So it has ended." if over else " So it has not ended yet."
    return " Perioden er altså slut." if over else " Perioden er altså ikke slut endnu."


def source_line(document_title: str, section: str | None) -> str:
    """The citation under every answer; the section is left out when it is the document's opening."""
    return f"Kilde: {document_title}, {section}" if section else f"Kilde: {document_title}"


def valid_from(day: date) -> str:
    """Said when a rule is recent or replaced an older one."""
    return f"Gælder fra {danish_date(day)}."


def valid_until(day: date) -> str:
    """Said when a rule has an end date."""
    return f"Gælder til og med {danish_date(day)}."


def earlier_rule(title: str, until: date | None) -> str:
    """Said when the question matched a rule that has since been replaced."""
    when = f" (gjaldt til og med {danish_date(until)})" if until else ""
    return f"Tidligere regel: {title}{when}."


def coming_rule(title: str, start: date | None) -> str:
    """Said when a replacement is decided but not yet in force."""
    when = f"Fra {danish_date(start)}" if start else "Senere"
    return f"{when} gælder i stedet: {title}."


def replaced_by(title: str) -> str:
    """Said after an old rule the question asked for by name."""
    return f"I dag gælder: {title}."


def until_then(title: str) -> str:
    """Said after a rule that only applies from a later date, naming the rule that applies until then."""
    return f"Indtil da gælder: {title}."


def other_municipality(asked: str, home: str | None) -> str:
    """Said when a question is about another municipality than the one the knowledge describes."""
    ours = f"{home} Kommunes" if home else "vores egne"
    return (
        f"Det kan jeg ikke svare på for {asked}. Jeg kender kun {ours} regler og MED-dokumenter. "
        f"Spørg {asked} Kommune selv, eller spørg HR & Løn, hvis du er ansat hos os."
    )


def expired(until: date) -> str:
    """Said before a rule that no longer applies and has no successor."""
    return f"Bemærk: Denne regel gjaldt kun til og med {danish_date(until)}."


def not_yet(start: date) -> str:
    """Said before a rule that applies only from a later date."""
    return f"Bemærk: Denne regel gælder først fra {danish_date(start)}."


def unsure(titles: list[str]) -> str:
    """Said when some entries come close but none is sure enough to answer with."""
    options = "\n".join(f"• {t}" for t in titles)
    return (
        f"Jeg er ikke sikker på, hvad du spørger om. Mente du en af disse?\n{options}\n\n"
        "Hvis ikke, så spørg HR & Løn, eller se medarbejdersiden."
    )


def passage_intro(document_title: str) -> str:
    """Said before a quote from a source document when no curated answer fits."""
    return f"Jeg har ikke et færdigt svar på det, men {document_title} skriver:"


UNSTATED_FIGURE = "det tal, du spørger om"  # what `not_known` names when no figure is given


def not_known(concepts: list[str]) -> str:
    """Said when the best entry leaves a concept of the question uncovered: what the bot does not know."""
    return f"Jeg ved desværre ikke noget om {_listing(concepts, 'og')} – det står ikke i de dokumenter, jeg kender."


def only_period(period: str) -> str:
    """Said when a figure is asked for a period the knowledge does not have."""
    return f"Jeg har kun oplysninger for {period} – ikke for den periode, du spørger om."


def as_of(period: str) -> str:
    """Said with figures and facts that are true for a given period or day."""
    return f"Tallene er pr. {period}."


def newest_as_of(period: str) -> str:
    """Said with figures over a year old: they are the newest the bot has, not today's."""
    return f"Tallene er pr. {period} – nyere tal har jeg ikke."


def event_coming(day: date) -> str:
    """Said with an event that lies ahead."""
    return f"Finder sted {danish_date(day)}."


# "Mødet …", "MED-konference 2025", "Chefseminar …", "ØS Udviklingsdag": a gathering, which "blev afholdt"
_GATHERING = re.compile(r"møde|konference|seminar|udviklingsdag", re.IGNORECASE)


def event_past(day: date, what: str = "") -> str:
    """Said with an event that has taken place: a meeting, conference or seminar (`what`, its title) "blev
    afholdt"; a department formed or a post taken up "fandt sted"."""
    return f"{'Blev afholdt' if _GATHERING.search(what) else 'Fandt sted'} {danish_date(day)}."


WHERE_TO_ASK = "Spørg din leder, din MED-repræsentant eller HR & Løn."


def suggestions_block(titles: list[str]) -> str:
    """The nearest entries, offered after a refusal."""
    options = "\n".join(f"• {t}" for t in titles)
    return f"Mente du en af disse?\n{options}"


def _listing(items: list[str], conjunction: str) -> str:
    quoted = [f"»{i}«" for i in items]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} {conjunction} {quoted[-1]}"


# English: what an employee who asked in English reads. Only the bot's own sentences; entries carry `answer_en`.
ENGLISH_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
UNKNOWN_EN = (
    "Sorry, I don't know. I can only answer questions about MED and staff rules that are written in the MED "
    "documents. Please ask HR & Løn."
)
DANISH_ONLY_EN = "This answer is only available in Danish."
WHERE_TO_ASK_EN = "Please ask your manager, your MED representative or HR & Løn."


def english_date(day: date) -> str:
    """25 June 2025."""
    return f"{day.day} {ENGLISH_MONTHS[day.month - 1]} {day.year}"


def elapsed_en(at: date, what: str, when: str, years: int, ahead: bool | None, year_only: bool) -> str:
    """Counted from today (3 December 2026): the last AlbertslundPraktik – 2021, 5 years ago."""
    unit = "year" if abs(years) == 1 else "years"
    if years:
        span = f"in {years} {unit}" if years > 0 else f"{-years} {unit} ago"
    elif ahead is None:
        span = "this year" if year_only else "today"
    else:
        span = "in less than a year" if ahead else "less than a year ago"
    return f"Counted from today ({english_date(at)}): {what} – {when}, {span}."


def meeting_named(first: date, last: date, english: bool) -> str:
    """The meeting a question names, as a refusal says it: "mødet 30. april 2025", "the meeting in September 2025"."""
    months = ENGLISH_MONTHS if english else MONTHS
    if last == date.max:  # "efter sommeren 2025"
        before = first - timedelta(days=1)
        named = f"{months[before.month - 1]} {before.year}"
        return f"the meetings after {named}" if english else f"møderne efter {named}"
    if first == last:
        return f"the meeting on {english_date(first)}" if english else f"mødet {danish_date(first)}"
    named = (
        months[first.month - 1] if first.month == last.month else f"{months[first.month - 1]}-{months[last.month - 1]}"
    )
    return f"the meeting in {named} {first.year}" if english else f"mødet i {named} {first.year}"


UNSTATED_FIGURE_EN = "the figure you ask for"


def not_known_en(concepts: list[str]) -> str:
    """English `not_known`."""
    return f"Sorry, I don't know anything about {_listing(concepts, 'and')} – it is not in the documents I know."


def only_period_en(period: str) -> str:
    """English `only_period`."""
    return f"I only have information for {english_period(period)}, not for the period you ask about."


def suggestions_block_en(titles: list[str]) -> str:
    """English `suggestions_block` (the entries' titles stay Danish)."""
    options = "\n".join(f"• {t}" for t in titles)
    return f"Did you mean one of these?\n{options}"


def source_line_en(document_title: str, section: str | None) -> str:
    """English `source_line`."""
    return f"Source: {document_title}, {section}" if section else f"Source: {document_title}"


def valid_from_en(day: date) -> str:
    """English `valid_from`."""
    return f"Applies from {english_date(day)}."


def valid_until_en(day: date) -> str:
    """English `valid_until`."""
    return f"Applies until {english_date(day)}."


def expired_en(until: date) -> str:
    """English `expired`."""
    return f"Note: this rule only applied until {english_date(until)}."


def not_yet_en(start: date) -> str:
    """English `not_yet`."""
    return f"Note: this rule only applies from {english_date(start)}."


def as_of_en(period: str) -> str:
    """English `as_of`."""
    return f"The figures are as of {english_period(period)}."


def newest_as_of_en(period: str) -> str:
    """English `newest_as_of`."""
    return f"The figures are as of {english_period(period)} – I have no newer figures."


_QUARTER_DA = re.compile(r"\b([1-4])\.\s*kvartal\b")


def english_period(period: str) -> str:
    """A period as an entry gives it in Danish, said in English: "1. kvartal 2025" is "Q1 2025"."""
    return _QUARTER_DA.sub(r"Q\1", period).replace(" og ", " and ")


def event_coming_en(day: date) -> str:
    """English `event_coming`."""
    return f"Takes place on {english_date(day)}."


def event_past_en(day: date, what: str = "") -> str:
    """English `event_past`: "took place" says it of every `what`, so the title goes unread."""
    return f"Took place on {english_date(day)}."
