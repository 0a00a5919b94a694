"""Every Danish sentence of the drafts: refusals, the form's labels, its problems and the receipt.

A sentence that names a limit takes the number from its constant in `model`, so the two cannot drift apart.
Placeholders in braces are filled with `str.format` where the sentence is used.
"""

from __future__ import annotations

from datetime import date

from dialogs.drafts.model import LIMITS, MAX_QUESTION, MAX_QUESTIONS, MAX_TAG, MAX_TAGS
from knowledge.texts import danish_date
from knowledge.validate import MAX_ANSWER, MIN_QUESTIONS

# --- refusals ------------------------------------------------------------------------------------------------------

NOT_ADMIN = (
    "Kun administratorer (HR & Løn) kan lave kladder til vidensbasen, så intet er gemt. Mangler der et svar, så "
    "skriv til HR & Løn."
)
ONLY_PERSONAL = "Kladder til vidensbasen laves i din 1:1-chat med mig. Skriv **ny kladde** dér."

# --- the form ------------------------------------------------------------------------------------------------------

NEW_DRAFT = "Ny kladde til vidensbasen"
FORM_INTRO = (
    "Kladden tjekkes som et opslag i vidensbasen, men medarbejderne får ikke svar fra den, før en redaktør har "
    "gennemset den, og den er udgivet."
)
FORM_FOLLOWS = "Kladden åbner i en ny besked."
FROM_ESCALATION = (
    "Udfyldt fra henvendelse nr. {n}. Skriv spørgsmål og svar, så de passer til alle, der spørger sådan – ikke kun "
    "til den, der spurgte."
)
FROM_GAP = "Spørgsmålet er stillet flere gange uden svar. Skriv et svar, der passer til alle, der spørger sådan."
LABEL_TITLE = "Titel"
LABEL_ID = "Id (valgfrit)"
ID_HINT = "Laves af titlen, fx frugtordning"
LABEL_QUESTIONS = f"Spørgsmål – ét pr. linje, mindst {MIN_QUESTIONS}, som en medarbejder ville skrive dem"
LABEL_ANSWER = f"Svar (højst {MAX_ANSWER:,} tegn)".replace(",", ".")
LABEL_DOCUMENT = "Kildedokument"
LABEL_SECTION = "Afsnit i kildedokumentet"
SECTION_HINT = "Overskriften eller en sætning, der står ordret i dokumentet"
LABEL_VALID_FROM = "Gælder fra (valgfrit)"
LABEL_VALID_TO = "Gælder til og med (valgfrit)"
LABEL_ORGANISATION = "Organisation"
LABEL_TAGS = "Emneord (valgfrit, adskilt af komma)"
SAVE = "Gem kladde"
REQUIRED = "Skal udfyldes."
PICK_DOCUMENT = "Vælg det dokument, svaret står i."

# --- problems with the form ----------------------------------------------------------------------------------------

NOTHING_SAVED = "Kladden er ikke gemt. Ret dette, og gem igen:"
# The form's fields by input id, as the problems name them.
FIELDS = {
    "title": "Titel",
    "entry_id": "Id",
    "questions": "Spørgsmål",
    "answer": "Svar",
    "document": "Kildedokument",
    "section": "Afsnit",
    "valid_from": "Gælder fra",
    "valid_to": "Gælder til og med",
    "organisation": "Organisation",
    "tags": "Emneord",
}
# An entry's fields (as `kb check` names them) by the form field they come from.
ENTRY_FIELDS = {
    "id": FIELDS["entry_id"],
    "title": FIELDS["title"],
    "questions": FIELDS["questions"],
    "answer": FIELDS["answer"],
    "source": "Kilde",
    "valid_from": FIELDS["valid_from"],
    "valid_to": FIELDS["valid_to"],
    "organisation": FIELDS["organisation"],
    "tags": FIELDS["tags"],
}
NOT_TEXT = "»{field}« skal være tekst."
TOO_LONG = "»{field}« er {n} tegn; højst {limit}."
TOO_MANY_QUESTIONS = f"Højst {MAX_QUESTIONS} spørgsmål; der er {{n}}."
QUESTION_TOO_LONG = f"Spørgsmål {{n}} er {{length}} tegn; højst {MAX_QUESTION}."
TOO_MANY_TAGS = f"Højst {MAX_TAGS} emneord; der er {{n}}."
TAG_TOO_LONG = f"Emneordet »{{tag}}« er for langt; højst {MAX_TAG} tegn."
FIELD_PROBLEM = "{field}: {message}"
QUESTION_PROBLEM = "Spørgsmål {n} (»{question}«): {message}"
ID_TAKEN = "Id »{id}« findes allerede i vidensbasen. Skriv et andet id, eller lad feltet stå tomt."
ID_IN_DRAFT = "Id »{id}« bruges allerede af kladde nr. {n}, som ikke er eksporteret endnu. Skriv et andet id."
TAKES_QUESTION = "Kladden tager et spørgsmål fra et andet opslag ({place}): {message}"

# --- the receipt ---------------------------------------------------------------------------------------------------

SAVED_TITLE = "Kladden er gemt – men ikke udgivet"
SAVED_SUMMARY = "Kladden »{title}« er gemt, men ikke udgivet."
SAVED_BODY = "Medarbejderne får ikke svar fra kladden endnu. Sådan bliver den et opslag i vidensbasen:"
PUBLISH_STEPS = (
    "- **Eksport:** HR & Løn kører `medbot kb drafts export`, som skriver kladden som YAML i vidensbasens mappe.\n"
    "- **Gennemsyn:** en redaktør læser og retter filen i git og kører `medbot kb check`.\n"
    "- **Udgivelse:** skriv **genindlæs** her (eller kør `medbot kb reload`). Først da får medarbejderne svar fra "
    "den."
)
FACT_NUMBER = "Kladde nr."
FACT_ID = "Id"
FACT_TITLE = "Titel"
FACT_SOURCE = "Kilde"
FACT_VALID = "Gælder"
FACT_MADE_BY = "Lavet af"
QUESTIONS_HEADING = "Spørgsmål"
ANSWER_HEADING = "Svar"
ALWAYS = "uden datoer"


def validity(start: date | None, end: date | None) -> str:
    """'fra 1. januar 2026 til og med 31. december 2026', or what is known of it; never starts with a digit."""
    if start and end:
        return f"fra {danish_date(start)} til og med {danish_date(end)}"
    if start:
        return f"fra {danish_date(start)}"
    if end:
        return f"til og med {danish_date(end)}"
    return ALWAYS


def too_long(field: str, length: int) -> str:
    """A form field over its limit, named as the form labels it."""
    return TOO_LONG.format(field=FIELDS[field], n=length, limit=LIMITS[field])
