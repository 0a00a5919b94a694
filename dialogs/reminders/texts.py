"""Every Danish sentence of the reminders: refusals, card wording, the rules file's problems, and the names the
cards send back.

A sentence that names a limit takes the number from the constant in `model`, so the two cannot drift apart.
"""

from __future__ import annotations

from datetime import date

from dialogs.reminders.model import SNOOZE_WEEKS, State

# What the cards send back: contracts, since old cards in Teams chats keep sending them.
DONE_ACTION = "reminder.done"
SNOOZE_ACTION = "reminder.snooze"
DATE_INPUT = "discussed_on"

# ---------------------------------------------------------------------------------------------------------------
# Refusals and answers

UNKNOWN_OCCURRENCE = (
    "Jeg kan ikke finde den påmindelse, så jeg har ikke gemt noget. Kortet er måske forældet – skriv "
    "**påmindelser** for at se, hvad der er aktuelt."
)
NOT_YOURS = (
    "Kun sekretæren eller forpersonen i {committee} kan markere eller udskyde drøftelsen, så jeg har ikke gemt "
    "noget. Bed en af dem om at gøre det."
)
RULE_GONE = (
    "Den faste drøftelse findes ikke længere i reglerne, så jeg har ikke gemt noget. Skriv **påmindelser** for at "
    "se de aktuelle."
)
BAD_DATE = (
    "Jeg kan ikke læse datoen »{value}«, så jeg har ikke gemt noget. Vælg datoen for mødet i datovælgeren – eller "
    "lad feltet stå tomt, hvis I drøftede det i dag."
)
FUTURE_DATE = (
    "Datoen {day} ligger ude i fremtiden, så jeg har ikke gemt noget. Markér drøftelsen, når mødet har været holdt."
)
NOT_AFTER_LAST = (
    "{committee} har allerede en drøftelse registreret {last}, så jeg har ikke gemt noget. Vælg datoen for det "
    "seneste møde, hvor I drøftede det."
)
NOT_APPLICABLE = "Reglen »{rule}« gælder ikke for {committee} ({kind})."
RULES_BROKEN = (
    "Påmindelserne kan ikke vises lige nu, fordi regelfilen har fejl. Kontakt HR & Løn – de kan se fejlene med "
    "`medbot reminders check`."
)
NO_COMMITTEES = (
    "Du er ikke sekretær eller forperson i et MED-udvalg, så du har ingen faste drøftelser at holde styr på. Spørg "
    "dit udvalgs sekretær, eller skriv **hjælp**."
)
NO_RULES_FOR_YOU = "Der er ingen faste drøftelser for dine udvalg i reglerne lige nu."
OVERVIEW_SUMMARY = "Faste drøftelser"
# Who marked a discussion that no person marked: `recorded_by` of the CLI and of the organisation import.
MARKED_BY_CLI = "HR & Løn (kommandolinjen)"
MARKED_BY_IMPORT = "organisationsfilen"

# ---------------------------------------------------------------------------------------------------------------
# Phrases


def weeks(count: int) -> str:
    """'en uge', '2 uger'."""
    return "en uge" if count == 1 else f"{count} uger"


def days(count: int) -> str:
    """'1 dag', '3 dage'."""
    return "1 dag" if count == 1 else f"{count} dage"


def numeric_date(day: date) -> str:
    """12.05.2026: the compact overview's date, all digits so a long list stays narrow."""
    return day.strftime("%d.%m.%Y")


def due_phrase(due: date, today: date) -> str:
    """How far away a due date is, in words."""
    if due == today:
        return "i dag"
    if due > today:
        return f"om {days((due - today).days)}"
    return f"overskredet med {days((today - due).days)}"


def interval_phrase(months: int) -> str:
    """'hvert halve år', 'hvert år', 'hver 4. måned'."""
    return {6: "hvert halve år", 12: "hvert år", 24: "hvert andet år"}.get(months, f"hver {months}. måned")


STATE_LABELS = {State.OVERDUE: "overskredet", State.DUE_SOON: "snart", State.OK: "i god tid"}

# ---------------------------------------------------------------------------------------------------------------
# The reminder and its receipts

REMINDER_SUMMARY = "Påmindelse: {rule} i {committee} – frist {due}"
DUE_AHEAD = "Fristen er **{day}**. Husk at sætte punktet på dagsordenen til et af jeres næste møder."
DUE_TODAY = "Fristen er **i dag, {day}**."
DUE_PASSED = "Fristen var **{day}**, og drøftelsen er ikke markeret endnu. Har I holdt den, så markér den herunder."
SNOOZE_BACK = "Du bad mig minde dig om det igen. {opening}"
OWN_INTERVAL = " {committee} har aftalt at drøfte det {interval}."
WHAT = "**Det skal I drøfte:** {what}"
WHY = "**Hvorfor:** {why}"
SOURCE = "Kilde: {label}: »{section}«"
COMMITTEE = "Udvalg"
DUE = "Frist"
DUE_WHEN = "{day} ({phrase})"
LAST_DISCUSSED = "Senest drøftet"
NOT_RECORDED = "ikke registreret"
DATE_LABEL = "Hvornår drøftede I det? (tomt felt = i dag)"
DONE_BUTTON = "Markér som drøftet"
SNOOZE_BUTTON = f"Udskyd {weeks(SNOOZE_WEEKS)}"
LEARN_MORE = "Læs mere"

MARKED = "Markeret som drøftet"
ALREADY_MARKED = "Drøftelsen var allerede markeret"
DISCUSSION = "Drøftelse"
DISCUSSED = "Drøftet"
MARKED_BY = "Markeret af"
UNKNOWN_PERSON = "ukendt"
NEXT_DUE = "Næste frist"
NEXT_REMINDER = (
    "Jeg minder jer om den næste drøftelse {lead_days} dage før fristen. Skriv **påmindelser** for at se "
    "status for jeres udvalg."
)
MARKED_FALLBACK = "{title}: {rule} i {committee}"
SNOOZED = f"Udskudt {weeks(SNOOZE_WEEKS)}"
SNOOZED_UNTIL = "Jeg minder dig om **{rule}** i {committee} igen {day}."
SNOOZED_FALLBACK = "Udskudt til {day}: {rule} i {committee}"

# ---------------------------------------------------------------------------------------------------------------
# The overview (`påmindelser`)

OVERVIEW_EVERYONE = "Faste drøftelser i MED-udvalgene"
OVERVIEW_OWN = "Dine udvalgs faste drøftelser"
AS_OF = "Status pr. {day}"
WHOLE_MUNICIPALITY = "Hele kommunen"
LINE_DUE = "frist {due} ({phrase})"
LINE_LAST = "senest drøftet {day}"
LINE_NEVER = "ingen drøftelse registreret"
LINE_SNOOZED = "udskudt til {day}"
LINE_NO_RECIPIENT = "ingen modtager"
COUNT_OVERDUE = "Overskredet"
COUNT_DUE_SOON = "Frist snart"
COUNT_OK = "I god tid"
MORE_COMMITTEES = "… og {count} udvalg mere, som ikke kan være her. Hele listen: `medbot reminders list`."
OVERVIEW_NOTE_EVERYONE = (
    "Sekretæren får en påmindelse i god tid før fristen og igen, hvis drøftelsen ikke er markeret. »Ingen "
    "modtager« betyder, at ingen sekretær har appen, og at udvalget ikke har en tilknyttet kanal."
)
OVERVIEW_NOTE_OWN = (
    "Du får en påmindelse i god tid før fristen og igen, hvis drøftelsen ikke er markeret. Har I holdt mødet, så "
    "markér drøftelsen på påmindelsen."
)

# ---------------------------------------------------------------------------------------------------------------
# The rules file's problems (`medbot reminders check`, and the log when a tick finds the file broken)

NOT_READABLE = "kan ikke læses: {error}"
IN_FILE = "filen"
IN_DEFAULTS = "defaults"
IN_RULE = "regel {rule!r}"
IN_PART = "regel {rule!r}, {part}"
FILE_NOT_MAPPING = "filen skal være en mapping med 'start_date', 'defaults' og 'rules'"
NOT_TEXT = "'{key}' skal være en tekst"
NOT_NUMBER = "'{key}' skal være et helt tal fra {low} til {high}"
NOT_MAPPING = "'{key}' skal være en mapping"
NOT_DATE = "'{key}' skal være en dato (ÅÅÅÅ-MM-DD)"
NO_RULES = "'{key}' skal være en liste med mindst én regel"
RULE_NOT_MAPPING = "en regel skal være en mapping"
BAD_ID = "ugyldigt id (små bogstaver, tal og '-')"
DUPLICATE_ID = "id'et findes to gange"
NO_KINDS = "'{key}' skal være en liste af udvalgstyper"
UNKNOWN_KIND = "ukendt udvalgstype {kind!r} ({kinds})"
BAD_ENTRY = "ugyldigt knowledge_entry {entry!r}"
UNKNOWN_ENTRY = "ukendt knowledge_entry {entry!r}"
ENTRY_DOES_NOT_CITE = "{entry!r} citerer ikke dokumentet {document!r}"
NO_SOURCE = "kilden {name} findes ikke"
SECTION_NOT_VERBATIM = "afsnittet står ikke ordret i {name}"
