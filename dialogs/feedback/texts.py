"""Every Danish sentence of KommuneMED's items (høringer): refusals, form problems, card words, export headers.

One place for the wording, so a sentence is changed once and a message that names a limit takes the number from
its constant in `model`. Placeholders in braces are filled with `str.format` where the sentence is used.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from dialogs.feedback.model import (
    MAX_ANSWER_TOTAL,
    MAX_CHOICE,
    MAX_CHOICES,
    MAX_QUESTION,
    MAX_QUESTIONS,
    MAX_TEXT,
    MAX_TITLE,
    MIN_CHOICES,
    NO,
    YES,
    AnswerState,
    DeliveryState,
    FailureKind,
    QuestionKind,
    QuestionSpec,
)
from knowledge.texts import WEEKDAYS
from knowledge.texts import danish_date as short_date
from storage.addresses import Via

_NUMBER_WORDS = ("nul", "ét", "to", "tre", "fire", "fem", "seks", "syv", "otte", "ni", "ti")


def _number(n: int) -> str:
    """4000 → '4.000': Danish thousands separator."""
    return f"{n:,}".replace(",", ".")


def _in_words(n: int) -> str:
    """2 → 'to': small counts read as words in running Danish text."""
    return _NUMBER_WORDS[n] if 0 <= n < len(_NUMBER_WORDS) else _number(n)


# --- refusals ------------------------------------------------------------------------------------------------------

NOT_MANAGER = (
    "Kun KommuneMEDs sekretær og forperson samt HR & Løn kan sende høringer til udvalgene. "
    "Har du et punkt, så kontakt KommuneMEDs sekretær."
)
ONLY_PERSONAL = "Høringer oprettes i din 1:1-chat med mig. Skriv **ny høring** dér."
EXPORT_ONLY_PERSONAL = (
    "Svarene kan hentes i din 1:1-chat med mig, så linket ikke deles i kanalen. Skriv **status** dér, "
    "og tryk på **Hent som Excel** eller **Hent som CSV**."
)
STATUS_NOT_ALLOWED = (
    "Status på høringer kan kun ses af KommuneMEDs sekretær og forperson samt HR & Løn. "
    "Er du med i et udvalg, finder I høringen som et kort i jeres kanal eller chat."
)
NO_OPEN_ITEMS = "Der er ingen åbne høringer lige nu. Skriv **ny høring** for at sende et punkt til udvalgene."
ITEM_UNKNOWN = (
    "Jeg kan ikke finde den høring, så intet er gemt. Kortet er måske forældet – "
    "bed KommuneMEDs sekretær om at sende det igen."
)
ITEM_CLOSED = (
    "Høringen »{title}« er lukket, så der kan ikke længere svares, og intet er gemt. "
    "Kontakt KommuneMEDs sekretær, hvis I vil tilføje noget."
)
NOT_RECIPIENT = (
    "Det udvalg står ikke som modtager af høringen »{title}«, så intet er gemt. "
    "Kontakt KommuneMEDs sekretær, hvis det er en fejl."
)
NOT_MEMBER = (
    "Kun medlemmer af {committee} kan svare på udvalgets vegne, så intet er gemt. "
    "Svar i udvalgets kanal, eller bed udvalgets sekretær om at svare."
)
EDIT_AFTER_DEADLINE = (
    "Fristen for »{title}« er overskredet, så jeres svar kan ikke længere rettes, og intet er ændret. "
    "Kontakt KommuneMEDs sekretær, hvis noget skal ændres."
)
ALREADY_SENT = "Høringen »{title}« er allerede sendt og kan ikke rettes. Skriv **ny høring** for at sende en ny."
ALREADY_SCHEDULED = (
    "Høringen »{title}« er planlagt til afsendelse og kan ikke rettes. Tryk **Annullér planlægningen** først."
)
NOT_SCHEDULED = "Høringen »{title}« er ikke planlagt, så der er intet at annullere. Intet er ændret."
SEND_AT_PASSED = (
    "Det planlagte tidspunkt ({at}) er passeret, så intet er sendt. Tryk **Ret** og vælg et nyt tidspunkt, "
    "eller fjern det for at sende med det samme."
)
NO_AFDELINGSMED = "Der er ingen AfdelingsMED-udvalg i organisationen. Bed HR & Løn om at importere organisationen."

# --- problems with an item form ------------------------------------------------------------------------------------

NOTHING_SAVED = "Intet er gemt endnu – ret dette og prøv igen:"
TITLE_MISSING = "Skriv en titel."
TITLE_TOO_LONG = f"Titlen må højst være {_number(MAX_TITLE)} tegn (den er {{n}})."
BODY_MISSING = "Skriv en baggrundstekst, så udvalgene ved, hvad de skal drøfte."
BODY_TOO_LONG = f"Baggrundsteksten må højst være {_number(MAX_TEXT)} tegn (den er {{n}})."
DEADLINE_MISSING = "Vælg en svarfrist."
DEADLINE_INVALID = "Svarfristen skal være en dato, fx 2026-12-10."
DEADLINE_PAST = "Svarfristen kan ikke ligge før i dag."
SEND_DEADLINE_PAST = DEADLINE_PAST + " Tryk **Ret** og vælg en ny svarfrist."
DEADLINE_FAR = "Svarfristen må højst ligge et år ude i fremtiden."
QUESTIONS_MISSING = "Skriv mindst ét spørgsmål til udvalgene."
QUESTIONS_TOO_MANY = f"Der kan højst være {_number(MAX_QUESTIONS)} spørgsmål."
QUESTION_TOO_LONG = f"Spørgsmål {{n}} må højst være {_number(MAX_QUESTION)} tegn (det er {{k}})."
QUESTION_KIND_UNKNOWN = "Spørgsmål {n} har en svartype, jeg ikke kender. Vælg fritekst, ja/nej eller valg fra liste."
QUESTION_CHOICES_MISSING = (
    f"Spørgsmål {{n}} skal have mindst {_in_words(MIN_CHOICES)} valgmuligheder, adskilt med semikolon (;)."
)
QUESTION_CHOICES_TOO_MANY = (
    f"Spørgsmål {{n}} kan højst have {_number(MAX_CHOICES)} valgmuligheder på hver højst {_number(MAX_CHOICE)} tegn."
)
RECIPIENTS_MISSING = "Vælg mindst ét udvalg, eller vælg »Alle AfdelingsMED«."
RECIPIENT_UNKNOWN = "Udvalget »{committee}« findes ikke i organisationen."
RECIPIENT_KOMMUNEMED = (
    "KommuneMED kan ikke sende en høring til sig selv. Vælg »Alle AfdelingsMED« eller de udvalg, der skal svare."
)
SEND_AT_INCOMPLETE = (
    "Vælg både dato og klokkeslæt for afsendelsen – eller lad begge stå tomme for at sende med det samme."
)
SEND_AT_INVALID = "Afsendelsen skal være en dato og et klokkeslæt, fx 2026-12-07 10:00."
SEND_AT_PAST = "Afsendelsestidspunktet skal ligge ude i fremtiden."
SEND_AT_CLOSED_DAY = (
    "Høringer sendes kun på arbejdsdage (ikke weekend, helligdage eller 24. og 31. december), "
    "og {day} er ikke en arbejdsdag."
)
SEND_AT_HOURS = "Høringer sendes kun mellem kl. 9.00 og 16.00. Vælg et klokkeslæt i det tidsrum."
SEND_AT_AFTER_DEADLINE = (
    "Høringen skal sendes senest på fristdagen. Vælg en tidligere afsendelse eller en senere frist."
)
DEADLINE_NOT_WORKING_DAY = "Fristen {deadline} er {what}; udvalgene har reelt til {actual}."
ENTRY_UNKNOWN = (
    "Jeg kan ikke finde »{entry}« i vidensbasen. Skriv et link (https://…) eller id'et på et svar i vidensbasen."
)
LINK_INVALID = "Et link skal begynde med https://, og et id i vidensbasen må kun have små bogstaver, tal og bindestreg."
NOT_TEXT = "Feltet »{field}« skal udfyldes med tekst."

# --- problems with a committee's answer ----------------------------------------------------------------------------

MEETING_MISSING = "Skriv datoen for det møde, hvor I drøftede punktet."
MEETING_INVALID = "Mødedatoen skal være en dato, fx 2026-12-03."
MEETING_FUTURE = "Mødedatoen kan ikke ligge i fremtiden."
ANSWER_MISSING = "Svar på spørgsmål {n}."
ANSWER_TOO_LONG = f"Svaret på spørgsmål {{n}} må højst være {_number(MAX_TEXT)} tegn (det er {{k}})."
ANSWER_NOT_A_CHOICE = "Vælg et af svarene på spørgsmål {n}."
REMARKS_TOO_LONG = f"Øvrige bemærkninger må højst være {_number(MAX_TEXT)} tegn (de er {{k}})."
ANSWER_TOTAL_TOO_LONG = (
    f"Hele svaret må højst fylde {_number(MAX_ANSWER_TOTAL)} tegn (det fylder {{k}}). Forkort nogle af felterne."
)

# --- messages beside the cards -------------------------------------------------------------------------------------

NEW_ITEM = "Ny høring til udvalgene"
ASKING_FOR_ANSWER = "KommuneMED beder om jeres svar: {title}"
NUDGE = "Påmindelse: {title}"
STATUS = "Status: {title}"
ANSWERS_TO = "Svar på »{title}«"
ANSWERS_FOLLOW = "Her er alle svar på »{title}«."

# --- card words ----------------------------------------------------------------------------------------------------

REQUIRED = "Skal udfyldes."
PICK_A_DATE = "Vælg en dato."
PICK_AN_ANSWER = "Vælg et svar."
DEADLINE = "Svarfrist"
RECIPIENTS = "Modtagere"
MEETING = "Drøftet på møde den"
REMARKS = "Øvrige bemærkninger"
READ_MORE = "Læs mere"
ALL_AFDELINGSMED_LABEL = "Alle AfdelingsMED"

FORM_INTRO = "Udfyld punktet. Du ser en forhåndsvisning, før noget bliver sendt."
FORM_TITLE = "Titel"
FORM_BODY = "Baggrund (hvad skal udvalgene drøfte, og hvorfor?)"
FORM_LINK = "Link eller id i vidensbasen (valgfrit)"
FORM_LINK_HINT = "https://… eller fx kutymefridage-2025"
FORM_DEADLINE = "Svarfrist (sidste dag, udvalgene kan svare)"
FORM_RECIPIENTS_MISSING = "Vælg mindst ét udvalg."
FORM_QUESTION = "Spørgsmål {n}"
FORM_QUESTION_OPTIONAL = "Spørgsmål {n} (valgfrit)"
FORM_QUESTION_MISSING = "Skriv mindst ét spørgsmål."
FORM_KIND = "Svartype"
FORM_CHOICES = "Valgmuligheder (kun ved valg fra liste)"
FORM_CHOICES_HINT = "fx Ja, helt; Delvist; Nej"
FORM_PREVIEW = "Vis forhåndsvisning"

ALL_RECIPIENTS = "Alle AfdelingsMED ({count} udvalg)"
PREVIEW = "Forhåndsvisning"
PREVIEW_OF = "Forhåndsvisning: {title}"
PREVIEW_SAMPLE_COMMITTEE = "udvalget"
PREVIEW_NUDGES_LABEL = "Påmindelser"
PREVIEW_NUDGES = "{days}, til udvalg der ikke har svaret"
PREVIEW_NO_NUDGES = "Ingen – fristen ligger for tæt på afsendelsen"
PREVIEW_SENDS_TO = "Sendes til {count} udvalg: {names}."
PREVIEW_SEND_LABEL = "Afsendelse"
PREVIEW_SEND_NOW = "Når du trykker Send"
PREVIEW_SEND_LATER = "Planlagt {at}"
FORM_SEND_DATE = "Send den (valgfrit)"
FORM_SEND_TIME = "Klokkeslæt"
FORM_SEND_HINT = (
    "Lad dato og klokkeslæt stå tomme for at sende, når du trykker Send. Vælger du et tidspunkt, sendes høringen "
    "af sig selv dér: en arbejdsdag (ikke weekend, helligdag eller 24. og 31. december) mellem kl. 9.00 og 16.00, "
    "senest på fristdagen."
)
SCHEDULE = "Planlæg afsendelse"
CONFIRM_BIG_SEND = "Send til {count} udvalg?"
CONFIRM_BIG_SEND_TEXT = "Du er ved at sende til {count} udvalg: {names}. Er du sikker?"
CONFIRM_BIG_SCHEDULE_TEXT = "Du er ved at planlægge en høring til {count} udvalg ({at}): {names}. Er du sikker?"
CONFIRM_YES = "Ja, send til {count} udvalg"
CONFIRM_SCHEDULE_YES = "Ja, planlæg til {count} udvalg"
CONFIRM_NOTHING_YET = "Intet er sendt endnu."
SCHEDULED = "Høringen er planlagt"
SCHEDULED_TO = (
    "»{title}« sendes af sig selv {at} til {count} udvalg. Svarfrist: {deadline}. Indtil da kan du sende den nu "
    "eller annullere planlægningen."
)
SCHEDULED_FALLBACK = "Høringen »{title}« er planlagt"
SCHEDULE_WENT = "Den planlagte høring »{title}« sendes nu til udvalgene."
SCHEDULE_MISSED = (
    "Den planlagte høring »{title}« blev ikke sendt: svarfristen {deadline} var overskredet, da den skulle sendes. "
    "Den er en kladde igen: tryk **Ret**, vælg en ny svarfrist og send den."
)
SCHEDULE_NOBODY = (
    "Den planlagte høring »{title}« blev ikke sendt: der er ingen AfdelingsMED-udvalg at sende den til. Den er en "
    "kladde igen. Bed HR & Løn om at importere organisationen."
)
SEND_NOW = "Send nu"
UNSCHEDULE = "Annullér planlægningen"
CLI_CONFIRM_NEEDED = (
    "Høringen går til {count} udvalg. Tilføj --yes for at bekræfte, at den skal sendes til så mange. Intet er sendt."
)
CLI_DELETE_NOT_DRAFT = "Høring {item_id} er ikke en kladde ({state}), så den kan ikke slettes. Intet er ændret."
CLI_SEND_NOT_DRAFT = "Høring {item_id} er allerede sendt ({state}). Intet er ændret."
CLI_DELETED = "Kladden »{title}« (høring {item_id}) er slettet."
CLI_WARNING = "advarsel"
STATE_WORDS = {"draft": "kladde", "scheduled": "planlagt", "sent": "sendt", "closed": "lukket"}
PREVIEW_CARD_BELOW = "Sådan ser kortet ud for udvalgene:"
PREVIEW_NOT_SENT = "Udvalgene får også knappen **Send svar**. Intet er sendt endnu."
SEND = "Send"
REVISE = "Ret"

SENT = "Høringen sendes"
SENT_TO = (
    "»{title}« sendes til {reached} udvalg. Svarfrist: {deadline}. Du får besked her, hvis den ikke kan leveres "
    "til et udvalg. Skriv **status** for at følge leveringen og svarene."
)
SENT_NOT_REACHED = "{count} udvalg kan ikke nås og får ikke høringen (se nedenfor)."
SENT_FALLBACK = "Høringen »{title}« sendes"
SENT_PROGRESS = "Leveret til {delivered} af {total} udvalg."

UNDELIVERED = "Høringen nåede ikke frem"
UNDELIVERED_TO = "»{title}« kunne ikke leveres til **{committee}**."
UNDELIVERED_SUMMARY = "Ikke leveret: »{title}« til {committee}"
RETRY = "Prøv igen"
RETRY_TO = "Send igen til {committee}"
RETRY_NOT_FAILED = "»{title}« er {state} til {committee}, så der er intet at sende igen. Intet er ændret."
RETRY_UNREACHABLE = "Jeg kan endnu ikke nå {committee}, så intet er sendt igen. {reason} {todo}"
RETRY_CLOSED = "Høringen »{title}« er lukket, så den sendes ikke igen. Intet er ændret."
RETRY_STATES: dict[DeliveryState, str] = {"pending": "på vej", "delivered": "leveret", "failed": "ikke leveret"}

FROM_KOMMUNEMED = "Fra KommuneMED til {committee}"
BACKGROUND_ENTRY = "Baggrund i MED-assistentens vidensbase: **{entry}**"
MEETING_DATE_MISSING = "Skriv datoen for mødet."
ANSWER_REQUIRED = "Svar på spørgsmålet."
ANSWERING_LATE = "Fristen er overskredet. I kan stadig svare, men svaret bliver markeret som for sent."
SEND_ANSWER = "Send svar"
NUDGE_ON_THE_DAY = "Påmindelse: I dag er sidste frist for at svare ({deadline})."
NUDGE_BEFORE = "Påmindelse: KommuneMED mangler stadig jeres svar. Fristen er {deadline}."
NO_ANSWER = "–"

RECEIVED = "Svar modtaget"
RECEIVED_AT = "Svar modtaget {at}, indsendt af {who}."
RECEIVED_OF = "Svar modtaget: {title}"
UNKNOWN_SENDER = "ukendt"
RECEIVED_LATE = "Svaret kom efter fristen ({deadline}) og er markeret som for sent."
RECEIVED_REVISED = "Svaret er rettet. De tidligere versioner er gemt."
EDITABLE_UNTIL = "I kan rette svaret til og med {deadline}."
AMEND = "Ret svar"

STATE_BY = " af {who}"
STATE_REVISED = " (rettet)"
ANSWERED_COUNT = "{answered} af {total} udvalg har svaret"
DELIVERY = "Levering"
DELIVERY_COUNT = "{delivered} leveret, {pending} sendes, {failed} ikke leveret"
DELIVERED_AT = "leveret {at}"
SEEN_AT = "set {at}"
NOT_DELIVERED_NOTE = "**{committee}**: {todo}"
FAILED_DELIVERIES = "**Ikke leveret – hvad kan du gøre?**"
ANSWERS = "Svar"
SENT_ON = "Sendt"
MISSING = "Mangler"
SEE_ALL_ANSWERS = "Se alle svar"
STATUS_FALLBACK = "Status: {title} – {count}"
ANSWERS_FALLBACK = "Svar på »{title}« – {count}"
ANSWERS_MEETINGS = "**Besvarelser**"
DISCUSSED_ON = "drøftet på møde {day}; {state}"
SHORTENED = "Lange svar er forkortet her."
SHORTENED_AND_FEWER = "Her vises svar fra {shown} af {answered} udvalg, og lange svar er forkortet."
EXPORT_HINT = (
    "{note} Alle svar i fuld længde: »Hent som Excel« nedenfor (eller `medbot items export {item_id} --format xlsx`)."
)
CLOSED_ON = "Høringen blev lukket {day}."
CLOSING_ENDS_ANSWERS = "Lukker du høringen nu, kan udvalgene ikke længere svare."
CLOSE = "Luk høringen"
SUMMARY_INTRO = "Fristen er udløbet. Her er svarene, klar til næste KommuneMED-møde."

# --- changes after sending (Ret høringen, Træk tilbage) -------------------------------------------------------------

CHANGE_ITEM = "Ret høringen"
WITHDRAW_ITEM = "Træk tilbage"
CHANGE_HEADING = "Ret høringen »{title}«"
CHANGE_INTRO = (
    "Ret svarfristen, baggrundsteksten eller ordlyden af et spørgsmål. Alle udvalgs kort bliver opdateret med en "
    "kort note om, hvad der er ændret. Svar, der allerede er givet, bliver stående og markeres som givet til en "
    "tidligere udgave. Spørgsmål kan ikke tilføjes eller fjernes."
)
CHANGE_QUESTION = "Spørgsmål {n} ({kind})"
CHANGE_SAVE = "Gem og opdatér udvalgenes kort"
CHANGE_NOTHING = "Du har ikke ændret noget, så intet er gemt. Ret fristen, teksten eller et spørgsmål."
CHANGE_QUESTION_MISSING = "Spørgsmål {n} kan ikke være tomt. Skriv den rettede ordlyd."
CHANGE_QUESTION_UNKNOWN = "Høringen har ikke et spørgsmål {n}. Spørgsmål kan kun rettes, ikke tilføjes."
CHANGE_NOT_SENT = "Høringen »{title}« er ikke sendt endnu, så der er intet at rette. Brug **Ret** på forhåndsvisningen."
CHANGE_CLOSED = "Høringen »{title}« er lukket, så den kan ikke længere rettes eller trækkes tilbage. Intet er ændret."
CHANGE_STALE = (
    "Høringen »{title}« er blevet rettet, siden du åbnede formularen, så intet er gemt. Skriv **status** og prøv igen."
)
ITEM_WITHDRAWN = (
    "KommuneMED har trukket høringen »{title}« tilbage, så der kan ikke længere svares, og intet er gemt. "
    "I skal ikke gøre mere."
)
ALREADY_WITHDRAWN = "Høringen »{title}« er allerede trukket tilbage. Intet er ændret."
NOTE_DEADLINE_LATER = "Fristen er forlænget til {deadline}"
NOTE_DEADLINE_EARLIER = "Fristen er flyttet til {deadline}"
NOTE_BODY = "Baggrundsteksten er rettet"
NOTE_QUESTION = "Spørgsmål {n} er rettet"
NOTE_WITHDRAWN = "Høringen er trukket tilbage"
CHANGED = "Rettet"
CHANGED_LINE = "{note} (udgave {revision})"
CHANGED_ON_CARD = "KommuneMED har rettet høringen: {note}."
CHANGED_ANSWERED = (
    "I har allerede svaret, og jeres svar er gemt. Send det igen herunder, hvis det skal gælde den rettede udgave."
)
CHANGE_SAVED = "Høringen er rettet: {note}. {count} udvalgs kort bliver opdateret."
EARLIER_WORDING = "svar givet til en tidligere udgave"
WITHDRAW_HEADING = "Træk høringen »{title}« tilbage?"
WITHDRAW_EXPLAIN = (
    "Udvalgene kan derefter ikke længere svare, og deres kort bliver opdateret, så der står, at høringen er "
    "trukket tilbage. De {answered} svar, der allerede er givet, bliver gemt. Det kan ikke fortrydes."
)
WITHDRAW_CONFIRM = "Ja, træk høringen tilbage"
WITHDRAW_CANCEL_HINT = "Vil du ikke trække den tilbage, så lad bare være med at trykke."
WITHDRAWN_HEADING = "Høringen er trukket tilbage"
WITHDRAWN_ON_CARD = "KommuneMED har trukket høringen tilbage. I skal ikke svare på den, og intet mere er nødvendigt."
WITHDRAWN_FALLBACK = "Trukket tilbage: {title}"
WITHDRAWN_DONE = "Høringen »{title}« er trukket tilbage. {count} udvalgs kort bliver opdateret."
CHANGED_FALLBACK = "Rettet: {title}"

# --- export headers ------------------------------------------------------------------------------------------------

EXPORT_COMMITTEE = "Udvalg"
EXPORT_STATE = "Status"
EXPORT_SUBMITTED_AT = "Indsendt"
EXPORT_SUBMITTED_BY = "Indsendt af"
EXPORT_VERSIONS = "Antal versioner"
EXPORT_DELIVERY = "Levering"
EXPORT_SEEN = "Set"
EXPORT_SHEET_ANSWERS = "Svar"
EXPORT_SHEET_ITEM = "Høring"
EXPORT_TITLE = "Titel"
EXPORT_DEADLINE = "Svarfrist"
EXPORT_BODY = "Baggrund"
EXPORT_QUESTION = "Spørgsmål {n}"
EXPORT_CUT = " […] (forkortet: en Excel-celle rummer højst 32.767 tegn; hele teksten står i CSV-filen)"

# --- export download (buttons, link card, the pages the link answers with) -----------------------------------------

EXPORT_XLSX = "Hent som Excel"
EXPORT_CSV = "Hent som CSV"
EXPORT_FORMAT_LABELS = {"xlsx": "Excel-fil", "csv": "CSV-fil"}
EXPORT_FOLLOWS = "Her er linket til alle svar på »{title}«."
EXPORT_READY = "Svarene er klar til at hente"
EXPORT_READY_OF = "**{title}** – alle udvalgs svar som {label}, som de står, når du åbner linket."
EXPORT_LINK_UNTIL = "Linket virker til kl. {at}. Tryk på knappen igen, hvis du skal bruge et nyt."
EXPORT_OPEN = "Hent {label}"
EXPORT_FORMAT_UNKNOWN = (
    "Det filformat kender jeg ikke. Vælg »Hent som Excel« eller »Hent som CSV« på et nyt statuskort "
    "(skriv **status {item_id}**)."
)
EXPORT_UNAVAILABLE = (
    "Jeg kan ikke lave et downloadlink her, fordi botten ikke har en offentlig adresse til filer "
    "(MEDBOT_PUBLIC_HOST og MEDBOT_EXPORT_SECRET). HR & Løn kan hente svarene med "
    "`medbot items export {item_id} --format {fmt}`."
)
EXPORT_PAGE_UNKNOWN = "Linket findes ikke. Tryk på »Hent som Excel« eller »Hent som CSV« på høringens kort i Teams."
EXPORT_PAGE_FORGED = "Linket er ikke gyldigt. Tryk på »Hent som Excel« eller »Hent som CSV« i Teams for et nyt."
EXPORT_PAGE_EXPIRED = "Linket er udløbet. Tryk på »Hent som Excel« eller »Hent som CSV« i Teams for et nyt."
EXPORT_PAGE_GONE = "Høringen findes ikke længere, så der er intet at hente."
EXPORT_PAGE_BUSY = "Filen kunne ikke laves lige nu. Prøv igen om lidt med et nyt link fra Teams."

# --- labels --------------------------------------------------------------------------------------------------------

KIND_LABELS = {
    QuestionKind.TEXT: "Fritekst",
    QuestionKind.YES_NO: "Ja eller nej",
    QuestionKind.CHOICE: "Valg fra liste",
}
YES_NO_LABELS = {YES: "Ja", NO: "Nej"}
STATE_LABELS: dict[AnswerState, str] = {"answered": "Besvaret", "missing": "Mangler", "late": "For sent"}
DELIVERY_LABELS: dict[DeliveryState, str] = {"pending": "Sendes", "delivered": "Leveret", "failed": "Ikke leveret"}
# Why a delivery failed and what KommuneMED can do about it (dialogs.feedback.tracking.failure_kind).
FAILURE_REASONS: dict[FailureKind, str] = {
    "not_installed": "MED-assistenten er ikke installeret hos udvalgets sekretær, så jeg kan ikke skrive til "
    "vedkommende.",
    "blocked": "Teams afviste beskeden: MED-assistenten er blokeret eller slået fra hos modtageren.",
    "gone": "Samtalen findes ikke længere, eller MED-assistenten er fjernet fra udvalgets kanal.",
    "no_recipient": "Udvalget har hverken en tilknyttet kanal eller en sekretær, jeg kan skrive til.",
    "other": "Teams kunne ikke levere beskeden, heller ikke efter flere forsøg.",
}
FAILURE_ADVICE: dict[FailureKind, str] = {
    "not_installed": "Bed sekretæren åbne MED-assistenten i Teams (Apps → MED-assistenten), eller tilknyt "
    "udvalgets kanal, og tryk så **Prøv igen**.",
    "blocked": "Bed modtageren fjerne blokeringen af MED-assistenten (eller IT om at tillade appen), og tryk så "
    "**Prøv igen**.",
    "gone": "Tilføj MED-assistenten til udvalgets kanal igen og skriv @MED-assistenten tilknyt, eller bed "
    "sekretæren åbne MED-assistenten i Teams, og tryk så **Prøv igen**.",
    "no_recipient": "Tilknyt udvalgets kanal, eller bed HR & Løn registrere en sekretær, og tryk så **Prøv igen**.",
    "other": "Tryk **Prøv igen** lidt senere. Fejler det igen, så kontakt HR & Løn.",
}
ROUTE_LABELS = {
    Via.CHANNEL: "udvalgets kanal",
    Via.SECRETARY: "sekretærens chat med mig",
    Via.NONE: "ingen modtager – tilknyt en kanal eller registrér en sekretær",
}
_FIELD_LABELS = {
    "title": FORM_TITLE,
    "body": "Baggrund",
    "link": "Link eller id i vidensbasen",
    "deadline": DEADLINE,
    "recipients": RECIPIENTS,
    "meeting_date": MEETING,
    "remarks": REMARKS,
}
_NUMBERED_LABELS = {
    "question": FORM_QUESTION,
    "kind": "Svartype til spørgsmål {n}",
    "choices": "Valgmuligheder til spørgsmål {n}",
    "answer": "Svar på spørgsmål {n}",
}


def _field_label(input_id: str) -> str:
    """The label a form field is known by on the card ('answer_2' → 'Svar på spørgsmål 2')."""
    if input_id in _FIELD_LABELS:
        return _FIELD_LABELS[input_id]
    stem, _sep, number = input_id.rpartition("_")
    if stem in _NUMBERED_LABELS and number.isdigit():
        return _NUMBERED_LABELS[stem].format(n=number)
    return input_id


def not_text(input_ids: Sequence[str]) -> list[str]:
    """The problems for form fields whose value was not text (a forged payload: a number, list or boolean)."""
    return [NOT_TEXT.format(field=_field_label(input_id)) for input_id in input_ids]


# --- dates, answers and nudges in words ----------------------------------------------------------------------------


def names_list(names: Sequence[str]) -> str:
    """'A, B og C': every name, in one line however many."""
    return " og ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else "".join(names)


def deadline_not_working_day(deadline: date, actual: date, kind: str) -> str:
    """'Fristen 6. december 2026 er en søndag; udvalgene har reelt til mandag 7. december.' (`kind`: weekend,
    holiday or closed)."""
    what = {"holiday": "en helligdag", "closed": "en lukkedag"}.get(kind, f"en {WEEKDAYS[deadline.weekday()]}")
    day = f"{WEEKDAYS[actual.weekday()]} {actual.day}. {short_date(actual).split()[1]}"
    if actual.year != deadline.year:
        day += f" {actual.year}"
    return DEADLINE_NOT_WORKING_DAY.format(deadline=short_date(deadline), what=what, actual=day)


def long_date(day: date) -> str:
    """'torsdag den 10. december 2026'."""
    return f"{WEEKDAYS[day.weekday()]} den {short_date(day)}"


def moment(at: datetime) -> str:
    """'3. december 2026 kl. 10.15' (a local time)."""
    return f"{short_date(at.date())} kl. {at.hour}.{at.minute:02d}"


def answer_label(question: QuestionSpec, value: str) -> str:
    """How an answer reads: 'Ja'/'Nej' for yes/no questions, the text itself otherwise."""
    if question.kind == QuestionKind.YES_NO:
        return YES_NO_LABELS.get(value, value)
    return value


def nudge_note(deadline: date, today: date) -> str:
    """The reminder line above the form: three working days before, and on the deadline day."""
    if today >= deadline:
        return NUDGE_ON_THE_DAY.format(deadline=long_date(deadline))
    return NUDGE_BEFORE.format(deadline=long_date(deadline))
