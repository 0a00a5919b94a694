"""Every Danish sentence the search puts into an answer, in one place so the wording can be reviewed in one read."""

from __future__ import annotations

from datetime import date

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
