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
    ("tilknyt <udvalg>", "Skriv det i en kanal for at knytte kanalen til et MED-udvalg."),
]

LINK_ONLY_IN_CHANNEL = "Skriv **tilknyt <udvalgets navn>** i den kanal, du vil knytte til udvalget."
LINK_MISSING_NAME = "Skriv hvilket udvalg kanalen hører til, fx **tilknyt AfdelingsMED Økonomi & Stab**."
LINK_NO_MATCH = "Jeg kan ikke finde et udvalg, der hedder noget med »{name}«. Tjek navnet i organisationsfilen."
LINK_DONE = "Kanalen er nu knyttet til **{committee}**. Høringer og påmindelser til udvalget kommer her."
LINK_ADMIN_ONLY = "Kun administratorer (HR & Løn) kan knytte en kanal til et udvalg."
LINK_STALE = "Det udvalg findes ikke længere. Skriv **tilknyt <udvalg>** igen."
RELOAD_ADMIN_ONLY = "Kun administratorer (HR & Løn) kan genindlæse vidensbasen."

HELP_TITLE = "Det kan jeg hjælpe med"
HELP_FOOTER = "Svar om regler kommer altid med kilde. Er du i tvivl, så spørg HR & Løn eller din tillidsrepræsentant."
LINK_CHOICE_TITLE = "Hvilket udvalg mener du?"
LINK_CHOICE_BODY = "Flere udvalg passer på »{name}«. Tryk på det, kanalen hører til:"
RELOAD_SUMMARY = "Genindlæsning af vidensbasen"
RELOAD_FAILED_TITLE = "Vidensbasen er IKKE genindlæst"
RELOAD_FAILED_FALLBACK = "Vidensbasen er ikke genindlæst"
RELOAD_FAILED_BODY = "Der er fejl, så den gamle version ({version}) er stadig aktiv:"
RELOAD_MORE_ERRORS = "… og {more} fejl mere. Kør `medbot kb check` for hele listen."
RELOAD_DONE_TITLE = "Vidensbasen er genindlæst"
RELOAD_FACTS = ("Version", "Nye", "Ændrede", "Fjernede")
RELOAD_NONE = "ingen"
RELOAD_EVERYWHERE = "Alle kørende instanser skifter til den nye version inden for 10 sekunder."
