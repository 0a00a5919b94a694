"""Every Danish sentence of welcome, help, channel linking and knowledge reload."""

WELCOME_TITLE = "Hej! Jeg er MED-assistenten"
WELCOME_BODY = (
    "Jeg svarer på spørgsmål om MED og personaleregler i Albertslund Kommune – fx lægebesøg i arbejdstiden, "
    "barns 1. og 2. sygedag, kutymefridage, sygefravær og vold og trusler. Jeg siger altid, hvor svaret kommer fra.\n\n"
    "Jeg hjælper også MED-udvalgene med høringer fra KommuneMED og påmindelser om de faste drøftelser."
)
ASK_HINT = "Skriv bare dit spørgsmål, fx *Får jeg løn, når jeg går til lægen?* – eller skriv **hjælp**."

EVERYONE = [
    ("Stil et spørgsmål", "Skriv det med dine egne ord, fx *min datter er syg, kan jeg få fri?*"),
    ("hjælp", "Viser denne oversigt."),
]
SECRETARY = [
    ("påmindelser", "Se hvornår dine udvalg skal drøfte sygefravær og retningslinjen om vold og trusler."),
]
MEMBER = [
    ("Høringer", "Når KommuneMED sender jer et punkt, kommer det som et kort, I kan svare direkte på."),
]
KOMMUNEMED = [
    ("ny høring", "Send et punkt til AfdelingsMED-udvalgene og få deres svar tilbage."),
    ("status", "Se hvilke udvalg der har svaret på åbne høringer."),
    ("påmindelser", "Se status for de faste drøftelser i alle udvalg."),
]
ADMIN = [
    ("genindlæs", "Indlæs vidensbasen igen efter en rettelse (valideres først)."),
    # Teams drops anything in <…> as HTML: an argument is written in italics.
    (
        "tilknyt *udvalg*",
        "Skriv det i en kanal med udvalgets navn for at knytte kanalen til udvalget. "
        "**tilknyt** alene viser, hvilket udvalg kanalen er knyttet til.",
    ),
    ("fjern tilknytning", "Skriv det i en kanal for at fjerne kanalens tilknytning til et udvalg."),
    ("ny kladde", "Skriv en kladde til et nyt opslag; den udgives først efter gennemsyn og genindlæs."),
]

LINK_ONLY_IN_CHANNEL = "Skriv **tilknyt** og udvalgets navn i den kanal, du vil knytte til udvalget."
LINK_USAGE = (
    "Skriv **tilknyt** og udvalgets navn for at knytte kanalen til et udvalg, fx **tilknyt AfdelingsMED Økonomi & "
    "Stab**. Skriv **fjern tilknytning** for at fjerne kanalens tilknytning."
)
LINK_STATUS = "Kanalen er knyttet til {committees}: høringer og påmindelser til udvalget kommer her."
LINK_STATUS_NONE = "Kanalen er ikke knyttet til noget udvalg."
LINK_REPLACED = (
    "Kanalen var knyttet til {before}; nu er den knyttet til **{committee}**. "
    "Høringer og påmindelser til {before} kommer ikke længere her."
)
LINK_MOVED = (
    "**{committee}** var knyttet til en anden kanal; høringer og påmindelser til udvalget kommer nu her i stedet."
)
LINK_ALREADY = "Kanalen er allerede knyttet til **{committee}**. Intet er ændret."
LINK_NAMES_AND = " og "
LINK_NO_MATCH = "Jeg kan ikke finde et udvalg, der hedder noget med »{name}«. Tjek navnet i organisationsfilen."
LINK_DONE = "Kanalen er nu knyttet til **{committee}**. Høringer og påmindelser til udvalget kommer her."
LINK_ADMIN_ONLY = "Kun administratorer (HR & Løn) kan knytte en kanal til et udvalg."
LINK_STALE = "Det udvalg findes ikke længere. Skriv **tilknyt** og udvalgets navn igen."
UNLINK_DONE = (
    "Kanalen er ikke længere knyttet til {committees}: høringer og påmindelser til udvalget kommer ikke her mere. "
    "Skriv **tilknyt** og udvalgets navn for at knytte kanalen igen."
)
UNLINK_NOTHING = "Kanalen er ikke knyttet til noget udvalg, så der er intet at fjerne."
UNLINK_ADMIN_ONLY = "Kun administratorer (HR & Løn) kan fjerne en kanals tilknytning til et udvalg."
UNLINK_ONLY_IN_CHANNEL = "Skriv **fjern tilknytning** i den kanal, hvis tilknytning du vil fjerne."
RELOAD_ADMIN_ONLY = "Kun administratorer (HR & Løn) kan genindlæse vidensbasen."

HELP_TITLE = "Det kan jeg hjælpe med"
HELP_FOOTER = "Svar om regler kommer altid med kilde. Er du i tvivl, så spørg HR & Løn eller din tillidsrepræsentant."
LINK_CHOICE_TITLE = "Hvilket udvalg mener du?"
LINK_CHOICE_BODY = "Flere udvalg passer på »{name}«. Tryk på det, kanalen hører til:"
LINK_CHOICE_REPLACES = "Kanalen er knyttet til {before} nu; det udvalg, du vælger, afløser det."
LINK_CHOICE_MORE = "Ser du ikke udvalget her, så skriv mere af navnet."
RELOAD_SUMMARY = "Genindlæsning af vidensbasen"
RELOAD_FAILED_TITLE = "Vidensbasen er IKKE genindlæst"
RELOAD_FAILED_FALLBACK = "Vidensbasen er ikke genindlæst"
RELOAD_FAILED_BODY = "Der er fejl, så den gamle version ({version}) er stadig aktiv:"
RELOAD_MORE_ERRORS = "… og {more} fejl mere. Kør `medbot kb check` for hele listen."
RELOAD_DONE_TITLE = "Vidensbasen er genindlæst"
RELOAD_FACTS = ("Version", "Nye", "Ændrede", "Fjernede")
RELOAD_NONE = "ingen"
RELOAD_EVERYWHERE = "Alle kørende instanser skifter til den nye version inden for 10 sekunder."

# The weekly summary to admins (dialogs/admin/summary.py)
SUMMARY_TITLE = "Ugens overblik over vidensbasen"
SUMMARY_WEEK = "Uge {week} · {day}"
SUMMARY_PERIOD = "Spørgsmål og vurderinger fra de seneste {days} dage (så længe de gemmes)."
SUMMARY_UNANSWERED = "Hyppigste spørgsmål uden svar"
SUMMARY_NO_UNANSWERED = "Ingen ubesvarede spørgsmål i perioden."
SUMMARY_ASKED = "**{count}×** {question}"
SUMMARY_DRAFT = "Lav kladde"
SUMMARY_WORST = "Dårligst vurderede svar"
SUMMARY_NO_WORST = "Ingen svar har fået 👎 i perioden."
SUMMARY_RATED = "**{title}** · 👎 {unhelpful} · 👍 {helpful}"
SUMMARY_ENTRY_GONE = "{entry_id} (findes ikke længere)"
SUMMARY_ESCALATIONS = "Åbne henvendelser til HR & Løn"
SUMMARY_NO_ESCALATIONS = "Ingen åbne henvendelser."
SUMMARY_ESCALATIONS_ONE = "1 åben henvendelse:"
SUMMARY_ESCALATIONS_MANY = "{count} åbne henvendelser. De ældste:"
SUMMARY_AGE_TODAY = "Spurgt i dag"
SUMMARY_AGE_ONE = "Spurgt i går"
SUMMARY_AGE_DAYS = "Spurgt for {days} dage siden"
SUMMARY_STATES = {"new": "ingen har taget den endnu", "taken": "taget, ikke besvaret"}
SUMMARY_STALE = "Opslag med datoer, der er udløbet eller udløber inden for {days} dage"
SUMMARY_NO_STALE = "Ingen opslag med datoer, der er udløbet eller snart udløber."
SUMMARY_VALID_TO = "gælder til og med {day}"
SUMMARY_EVENT_DATE = "begivenheden er {day}"
SUMMARY_AS_OF = "tal pr. {as_of} skal opdateres senest {day}"
SUMMARY_OVERDUE = " (overskredet)"
SUMMARY_MORE = "… og {count} mere."
SUMMARY_FOOTER = "Hele listerne: `medbot kb gaps` og `medbot kb stale`."
SUMMARY_FALLBACK = (
    "Ugens overblik: {unanswered} spørgsmål uden svar, {worst} dårligt vurderede svar, "
    "{escalations} åbne henvendelser, {stale} opslag med udløbende datoer."
)
