"""Cards and Danish text for welcome, help, channel linking and knowledge reload."""

from __future__ import annotations

from typing import Any

from dialogs.base import Actor, ReloadOutcome
from dialogs.cards import card, container, execute, facts, heading, tap_row, text

WELCOME_TITLE = "Hej! Jeg er MED-assistenten"
WELCOME_BODY = (
    "Jeg svarer på spørgsmål om MED og personaleregler i Albertslund Kommune – fx lægebesøg i arbejdstiden, "
    "barns 1. og 2. sygedag, kutymefridage, sygefravær og vold og trusler. Jeg siger altid, hvor svaret kommer fra.\n\n"
    "Jeg hjælper også MED-udvalgene med høringer fra KommuneMED og påmindelser om de faste drøftelser."
)
ASK_HINT = "Skriv bare dit spørgsmål, fx *Får jeg løn, når jeg går til lægen?* – eller skriv **hjælp**."

_EVERYONE = [
    ("Stil et spørgsmål", "Skriv det med dine egne ord, fx *min datter er syg, kan jeg få fri?*"),
    ("hjælp", "Viser denne oversigt."),
]
_SECRETARY = [
    ("påmindelser", "Se hvornår dine udvalg skal drøfte sygefravær og retningslinjen om vold og trusler."),
]
_MEMBER = [
    ("Høringer", "Når KommuneMED sender jer et punkt, kommer det som et kort, I kan svare direkte på."),
]
_KOMMUNEMED = [
    ("ny høring", "Send et punkt til AfdelingsMED-udvalgene og få deres svar tilbage."),
    ("status", "Se hvilke udvalg der har svaret på åbne høringer."),
    ("påmindelser", "Se status for de faste drøftelser i alle udvalg."),
]
_ADMIN = [
    ("genindlæs", "Indlæs vidensbasen igen efter en rettelse (valideres først)."),
    ("tilknyt <udvalg>", "Skriv det i en kanal for at knytte kanalen til et MED-udvalg."),
]

LINK_ONLY_IN_CHANNEL = "Skriv **tilknyt <udvalgets navn>** i den kanal, du vil knytte til udvalget."
LINK_MISSING_NAME = "Skriv hvilket udvalg kanalen hører til, fx **tilknyt AfdelingsMED Økonomi & Stab**."
LINK_NO_MATCH = "Jeg kan ikke finde et udvalg, der hedder noget med »{name}«. Tjek navnet i organisationsfilen."
LINK_DONE = "Kanalen er nu knyttet til **{committee}**. Høringer og påmindelser til udvalget kommer her."
LINK_ADMIN_ONLY = "Kun administratorer (HR & Løn) kan knytte en kanal til et udvalg."
LINK_STALE = "Det udvalg findes ikke længere. Skriv **tilknyt <udvalg>** igen."
RELOAD_ADMIN_ONLY = "Kun administratorer (HR & Løn) kan genindlæse vidensbasen."


def welcome_card() -> dict[str, Any]:
    """Sent once when the app is installed: what the bot can do and how to start."""
    return card([heading(WELCOME_TITLE), text(WELCOME_BODY), text(ASK_HINT, subtle=True)], fallback=WELCOME_TITLE)


def help_card(actor: Actor) -> dict[str, Any]:
    """What this user's role can do, and nothing they cannot."""
    rows = list(_EVERYONE)
    if actor.seats:
        rows += _MEMBER
    if actor.secretary_of and not actor.is_kommunemed_lead:
        rows += _SECRETARY
    if actor.is_kommunemed_lead or actor.is_admin:
        rows += _KOMMUNEMED
    if actor.is_admin:
        rows += _ADMIN
    return card(
        [
            heading("Det kan jeg hjælpe med"),
            facts(rows),
            text(
                "Svar om regler kommer altid med kilde. Er du i tvivl, så spørg HR & Løn eller din "
                "tillidsrepræsentant.",
                subtle=True,
            ),
        ],
        fallback="Det kan jeg hjælpe med",
    )


def link_choice_card(name: str, candidates: list[tuple[str, str]]) -> dict[str, Any]:
    """When `tilknyt` matches several committees: one button per candidate (id, name)."""
    rows = [tap_row(label, execute(label, "admin.link", committee_id=cid)) for cid, label in candidates]
    return card(
        [
            heading("Hvilket udvalg mener du?", size="Medium"),
            text(f"Flere udvalg passer på »{name}«. Tryk på det, kanalen hører til:"),
            *rows,
        ],
        fallback="Hvilket udvalg mener du?",
    )


def link_done_card(committee: str) -> dict[str, Any]:
    """Replaces the choice card once the channel is linked."""
    return card([text(LINK_DONE.format(committee=committee))], fallback=LINK_DONE.format(committee=committee))


def reload_card(outcome: ReloadOutcome) -> dict[str, Any]:
    """The result of `genindlæs`: what changed, or why the old knowledge is still active."""
    if not outcome.ok:
        shown = list(outcome.errors[:15])
        more = len(outcome.errors) - len(shown)
        body = [
            heading("Vidensbasen er IKKE genindlæst", size="Medium"),
            text(f"Der er fejl, så den gamle version ({outcome.version}) er stadig aktiv:"),
            container([text("\n".join(f"- {e}" for e in shown), size="Small")], style="attention"),
        ]
        if more > 0:
            body.append(text(f"… og {more} fejl mere. Kør `medbot kb check` for hele listen.", subtle=True))
        return card(body, fallback="Vidensbasen er ikke genindlæst")

    def names(ids: tuple[str, ...]) -> str:
        return ", ".join(ids[:20]) + (f" … (+{len(ids) - 20})" if len(ids) > 20 else "") if ids else "ingen"

    return card(
        [
            heading("Vidensbasen er genindlæst", size="Medium"),
            facts(
                [
                    ("Version", outcome.version),
                    ("Nye", names(outcome.added)),
                    ("Ændrede", names(outcome.changed)),
                    ("Fjernede", names(outcome.removed)),
                ]
            ),
            text("Alle kørende instanser skifter til den nye version inden for 10 sekunder.", subtle=True),
        ],
        fallback="Vidensbasen er genindlæst",
    )
