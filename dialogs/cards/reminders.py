"""Cards and Danish text for the fixed MED discussions: the reminder, its receipts and the overview."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from dialogs.cards import ask_button, card, container, execute, facts, heading, text
from knowledge.texts import danish_date, weekday_date

if TYPE_CHECKING:
    from dialogs.reminders import Rule, Status

DONE_ACTION = "reminder.done"
SNOOZE_ACTION = "reminder.snooze"
DATE_INPUT = "discussed_on"
# Teams refuses cards above about 28 KB; the overview stays below this with room for the envelope.
MAX_CARD_BYTES = 24_000
COMPACT_FROM = 20  # committees; more than this and the overview shows one line per committee

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
OVERVIEW_NOTE_EVERYONE = (
    "Sekretæren får en påmindelse i god tid før fristen og igen, hvis drøftelsen ikke er markeret. »Ingen "
    "modtager« betyder, at ingen sekretær har appen, og at udvalget ikke har en tilknyttet kanal."
)
OVERVIEW_NOTE_OWN = (
    "Du får en påmindelse i god tid før fristen og igen, hvis drøftelsen ikke er markeret. Har I holdt mødet, så "
    "markér drøftelsen på påmindelsen."
)
NO_RULES_FOR_YOU = "Der er ingen faste drøftelser for dine udvalg i reglerne lige nu."

STATE_LABELS = {"overdue": "overskredet", "due_soon": "snart", "ok": "i god tid"}


def short_date(day: date) -> str:
    """12.05.2026, for the compact overview."""
    return day.strftime("%d.%m.%Y")


def _days(count: int) -> str:
    return "1 dag" if count == 1 else f"{count} dage"


def due_phrase(due: date, today: date) -> str:
    """How far away a due date is, in words."""
    if due == today:
        return "i dag"
    if due > today:
        return f"om {_days((due - today).days)}"
    return f"overskredet med {_days((today - due).days)}"


def interval_phrase(months: int) -> str:
    """'hvert halve år', 'hvert år', 'hver 4. måned'."""
    return {6: "hvert halve år", 12: "hvert år", 24: "hvert andet år"}.get(months, f"hver {months}. måned")


# ---------------------------------------------------------------------------------------------------------------
# The reminder


@dataclass(frozen=True)
class ReminderView:
    """What one reminder card shows."""

    occurrence_id: str
    committee: str
    rule: Rule
    interval_months: int
    due: date
    last_discussed: date | None
    today: date
    stage: str  # lead | due | followup-N | snooze-YYYY-MM-DD


def reminder_summary(view: ReminderView) -> str:
    """The notification text under the card."""
    return f"Påmindelse: {view.rule.title} i {view.committee} – frist {danish_date(view.due)}"


def reminder_card(view: ReminderView) -> dict[str, Any]:
    """The reminder to a committee's secretary: what to discuss, why, the source, the due date, and two buttons."""
    rule = view.rule
    if view.due > view.today:
        opening = (
            f"Fristen er **{weekday_date(view.due)}**. Husk at sætte punktet på dagsordenen til et af jeres næste "
            "møder."
        )
    elif view.due == view.today:
        opening = f"Fristen er **i dag, {weekday_date(view.due)}**."
    else:
        opening = (
            f"Fristen var **{weekday_date(view.due)}**, og drøftelsen er ikke markeret endnu. Har I holdt den, så "
            "markér den herunder."
        )
    if view.stage.startswith("snooze-"):
        opening = f"Du bad mig minde dig om det igen. {opening}"
    why = rule.why
    if view.interval_months != rule.interval_months:
        why += f" {view.committee} har aftalt at drøfte det {interval_phrase(view.interval_months)}."
    rows = [
        ("Udvalg", view.committee),
        ("Frist", f"{weekday_date(view.due)} ({due_phrase(view.due, view.today)})"),
        ("Senest drøftet", weekday_date(view.last_discussed) if view.last_discussed else "ikke registreret"),
    ]
    body = [
        heading(rule.title, size="Medium"),
        text(opening),
        text(f"**Det skal I drøfte:** {rule.what}"),
        text(f"**Hvorfor:** {why}"),
        facts(rows),
        text(f"Kilde: {rule.source.label}: »{rule.source.section}«", subtle=True, size="Small"),
        {
            "type": "Input.Date",
            "id": DATE_INPUT,
            "label": "Hvornår drøftede I det? (tomt felt = i dag)",
            "max": view.today.isoformat(),
        },
    ]
    actions = [
        execute("Markér som drøftet", DONE_ACTION, style="positive", occurrence_id=view.occurrence_id),
        execute("Udskyd en uge", SNOOZE_ACTION, occurrence_id=view.occurrence_id),
    ]
    if rule.learn_more:
        actions.append(ask_button("Læs mere", rule.learn_more))
    return card(body, actions, fallback=reminder_summary(view))


def done_card(
    *, committee: str, rule: Rule, discussed_on: date, by: str, next_due: date, already: bool = False
) -> dict[str, Any]:
    """Replaces the reminder once the discussion is marked (or shows who marked it first)."""
    title = "Drøftelsen var allerede markeret" if already else "Markeret som drøftet"
    body = [
        heading(title, size="Medium"),
        facts(
            [
                ("Udvalg", committee),
                ("Drøftelse", rule.title),
                ("Drøftet", weekday_date(discussed_on)),
                ("Markeret af", by or "ukendt"),
                ("Næste frist", weekday_date(next_due)),
            ]
        ),
        text(
            f"Jeg minder jer om den næste drøftelse {rule.lead_days} dage før fristen. Skriv **påmindelser** for at se "
            "status for jeres udvalg.",
            subtle=True,
        ),
    ]
    return card(body, fallback=f"{title}: {rule.title} i {committee}")


def snoozed_card(*, committee: str, rule: Rule, due: date, until: date) -> dict[str, Any]:
    """Replaces the reminder when it is put off for a week."""
    body = [
        heading("Udskudt en uge", size="Medium"),
        text(f"Jeg minder dig om **{rule.title}** i {committee} igen {weekday_date(until)}."),
        facts([("Frist", weekday_date(due))]),
    ]
    return card(body, fallback=f"Udskudt til {danish_date(until)}: {rule.title} i {committee}")


# ---------------------------------------------------------------------------------------------------------------
# The overview (`påmindelser`)


def _line(status: Status, today: date, *, compact: bool, everyone: bool) -> str:
    """One rule for one committee: last discussed, next due, and how it stands."""
    state = status.state(today)
    due = short_date(status.next_due) if compact else danish_date(status.next_due)
    when = f"frist {due} ({due_phrase(status.next_due, today)})"
    if state == "overdue":
        when = f"**{when}**"
    if compact:
        return f"{status.rule.short}: {when}"
    last = (
        f"senest drøftet {danish_date(status.last_discussed)}"
        if status.last_discussed
        else "ingen drøftelse registreret"
    )
    parts = [f"{status.rule.short}: {last}", when]
    if status.snoozed_until and status.snoozed_until > today:
        parts.append(f"udskudt til {danish_date(status.snoozed_until)}")
    if everyone and status.recipient == "none":
        parts.append("ingen modtager")
    return " · ".join(parts)


def _by_committee(statuses: Sequence[Status]) -> list[list[Status]]:
    groups: dict[str, list[Status]] = {}
    for status in statuses:
        groups.setdefault(status.committee_id, []).append(status)
    return list(groups.values())


def _committee_block(rows: list[Status], today: date, *, compact: bool, everyone: bool) -> dict[str, Any]:
    overdue = any(r.state(today) == "overdue" for r in rows)
    name = rows[0].committee_name
    if compact:
        return text(
            f"**{name}** – " + " · ".join(_line(r, today, compact=True, everyone=everyone) for r in rows),
            size="Small",
            color="Attention" if overdue else "Default",
        )
    return container(
        [
            text(f"**{name}**", spacing="Small", color="Attention" if overdue else "Default"),
            text(
                "\n".join(f"- {_line(r, today, compact=False, everyone=everyone)}" for r in rows),
                size="Small",
                spacing="None",
            ),
        ]
    )


def _summary(statuses: Sequence[Status], today: date) -> dict[str, Any]:
    counts = {state: sum(1 for s in statuses if s.state(today) == state) for state in STATE_LABELS}
    return facts(
        [
            ("Overskredet", str(counts["overdue"])),
            ("Frist snart", str(counts["due_soon"])),
            ("I god tid", str(counts["ok"])),
        ]
    )


def overview_card(statuses: Sequence[Status], today: date, *, everyone: bool) -> dict[str, Any]:
    """Every committee's fixed discussions grouped by department (KommuneMED, admins), or one secretary's own."""
    title = "Faste drøftelser i MED-udvalgene" if everyone else "Dine udvalgs faste drøftelser"
    committees = _by_committee(statuses)
    compact = len(committees) > COMPACT_FROM
    head = [heading(title, size="Medium"), text(f"Status pr. {danish_date(today)}", subtle=True)]
    if everyone:
        head.append(_summary(statuses, today))
    departments: dict[str, list[list[Status]]] = {}
    for rows in committees:
        departments.setdefault(rows[0].department or "Hele kommunen", []).append(rows)
    body = list(head)
    shown = 0
    for department, groups in departments.items():
        block = container(
            [heading(department, size="Small")]
            + [_committee_block(g, today, compact=compact, everyone=everyone) for g in groups],
            separator=True,
        )
        candidate = card([*body, block])
        if len(json.dumps(candidate, ensure_ascii=False).encode()) > MAX_CARD_BYTES:
            break
        body.append(block)
        shown += len(groups)
    if shown < len(committees):
        body.append(
            text(
                f"… og {len(committees) - shown} udvalg mere, som ikke kan være her. Hele listen: "
                "`medbot reminders list`.",
                subtle=True,
            )
        )
    body.append(text(OVERVIEW_NOTE_EVERYONE if everyone else OVERVIEW_NOTE_OWN, subtle=True, size="Small"))
    return card(body, fallback=title)
