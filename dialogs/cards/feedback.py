"""Cards and Danish text for KommuneMED's items: the item form, preview, the committees' answer form and receipt,
the status overview and the summary with all answers.

Every function here is pure: it gets plain data (local times already converted) and returns a card dict.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from dialogs.cards import Element, card, container, execute, facts, heading, open_url, text
from knowledge.texts import WEEKDAYS
from knowledge.texts import danish_date as short_date
from storage.feedback import AnswerContent, ItemContent, QuestionKind, QuestionSpec, Route

MAX_TITLE = 200
MAX_QUESTION = 500
MAX_TEXT = 4000
# All of one committee's answer together: keeps its receipt and its pre-filled form within Teams' message size.
MAX_ANSWER_TOTAL = 10000
MAX_QUESTIONS = 5
MAX_CHOICES = 10
MAX_CHOICE = 100
ALL_AFDELINGSMED = "all"
YES, NO = "ja", "nej"

# --- Danish text -------------------------------------------------------------------------------------------------

NOT_MANAGER = (
    "Kun KommuneMEDs sekretær og forperson samt HR & Løn kan sende høringer til udvalgene. "
    "Har du et punkt, så kontakt KommuneMEDs sekretær."
)
ONLY_PERSONAL = "Høringer oprettes i din 1:1-chat med mig. Skriv **ny høring** dér."
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
NOTHING_SAVED = "Intet er gemt endnu – ret dette og prøv igen:"
ANSWERS_FOLLOW = "Her er alle svar på »{title}«."

TITLE_MISSING = "Skriv en titel."
TITLE_TOO_LONG = "Titlen må højst være 200 tegn (den er {n})."
BODY_MISSING = "Skriv en baggrundstekst, så udvalgene ved, hvad de skal drøfte."
BODY_TOO_LONG = "Baggrundsteksten må højst være 4.000 tegn (den er {n})."
DEADLINE_MISSING = "Vælg en svarfrist."
DEADLINE_INVALID = "Svarfristen skal være en dato, fx 2026-12-10."
DEADLINE_PAST = "Svarfristen kan ikke ligge før i dag."
DEADLINE_FAR = "Svarfristen må højst ligge et år ude i fremtiden."
QUESTIONS_MISSING = "Skriv mindst ét spørgsmål til udvalgene."
QUESTIONS_TOO_MANY = "Der kan højst være 5 spørgsmål."
QUESTION_TOO_LONG = "Spørgsmål {n} må højst være 500 tegn (det er {k})."
QUESTION_KIND_UNKNOWN = "Spørgsmål {n} har en svartype, jeg ikke kender. Vælg fritekst, ja/nej eller valg fra liste."
QUESTION_CHOICES_MISSING = "Spørgsmål {n} skal have mindst to valgmuligheder, adskilt med semikolon (;)."
QUESTION_CHOICES_TOO_MANY = "Spørgsmål {n} kan højst have 10 valgmuligheder på hver højst 100 tegn."
RECIPIENTS_MISSING = "Vælg mindst ét udvalg, eller vælg »Alle AfdelingsMED«."
RECIPIENT_UNKNOWN = "Udvalget »{committee}« findes ikke i organisationen."
NO_AFDELINGSMED = "Der er ingen AfdelingsMED-udvalg i organisationen. Bed HR & Løn om at importere organisationen."
ENTRY_UNKNOWN = (
    "Jeg kan ikke finde »{entry}« i vidensbasen. Skriv et link (https://…) eller id'et på et svar i vidensbasen."
)
LINK_INVALID = "Et link skal begynde med https://, og et id i vidensbasen må kun have små bogstaver, tal og bindestreg."

MEETING_MISSING = "Skriv datoen for det møde, hvor I drøftede punktet."
MEETING_INVALID = "Mødedatoen skal være en dato, fx 2026-12-03."
MEETING_FUTURE = "Mødedatoen kan ikke ligge i fremtiden."
ANSWER_MISSING = "Svar på spørgsmål {n}."
ANSWER_TOO_LONG = "Svaret på spørgsmål {n} må højst være 4.000 tegn (det er {k})."
ANSWER_NOT_A_CHOICE = "Vælg et af svarene på spørgsmål {n}."
REMARKS_TOO_LONG = "Øvrige bemærkninger må højst være 4.000 tegn (de er {k})."
ANSWER_TOTAL_TOO_LONG = "Hele svaret må højst fylde 10.000 tegn (det fylder {k}). Forkort nogle af felterne."
NOT_TEXT = "Feltet »{field}« skal udfyldes med tekst."

EXPORT_COMMITTEE = "Udvalg"
EXPORT_STATE = "Status"
EXPORT_MEETING = "Drøftet på møde den"
EXPORT_SUBMITTED_AT = "Indsendt"
EXPORT_SUBMITTED_BY = "Indsendt af"
EXPORT_REMARKS = "Øvrige bemærkninger"
EXPORT_VERSIONS = "Antal versioner"

KIND_LABELS = {
    QuestionKind.TEXT: "Fritekst",
    QuestionKind.YES_NO: "Ja eller nej",
    QuestionKind.CHOICE: "Valg fra liste",
}
STATE_LABELS = {"answered": "Besvaret", "missing": "Mangler", "late": "For sent"}
ROUTE_LABELS = {
    Route.CHANNEL: "udvalgets kanal",
    Route.SECRETARY: "sekretærens chat med mig",
    Route.NONE: "ingen modtager – tilknyt en kanal eller registrér en sekretær",
}
# Teams refuses messages above ~28 KB; the summary shortens answers beyond this many characters in total.
SUMMARY_BUDGET = 14000
# A form that comes back filled in (to correct an answer) shows this much of the background it was sent with.
BODY_BESIDE_ANSWER = 1000
MIN_SHOWN = 80


@dataclass(frozen=True)
class AnswerView:
    """One committee's line in the status and summary: its state and, when it answered, the current answer."""

    committee_id: str
    committee_name: str
    state: str  # answered | missing | late
    answer: AnswerContent | None = None
    submitted_at: datetime | None = None  # local time
    submitted_by: str = ""
    versions: int = 0


_FIELD_LABELS = {
    "title": "Titel",
    "body": "Baggrund",
    "link": "Link eller id i vidensbasen",
    "deadline": "Svarfrist",
    "recipients": "Modtagere",
    "meeting_date": "Drøftet på møde den",
    "remarks": "Øvrige bemærkninger",
}
_NUMBERED_LABELS = {
    "question": "Spørgsmål {n}",
    "kind": "Svartype til spørgsmål {n}",
    "choices": "Valgmuligheder til spørgsmål {n}",
    "answer": "Svar på spørgsmål {n}",
}


def field_label(input_id: str) -> str:
    """The label a form field is known by on the card ('answer_2' → 'Svar på spørgsmål 2')."""
    if input_id in _FIELD_LABELS:
        return _FIELD_LABELS[input_id]
    stem, _sep, number = input_id.rpartition("_")
    if stem in _NUMBERED_LABELS and number.isdigit():
        return _NUMBERED_LABELS[stem].format(n=number)
    return input_id


def not_text(input_ids: Sequence[str]) -> list[str]:
    """The problems for form fields whose value was not text (a forged payload: a number, list or boolean)."""
    return [NOT_TEXT.format(field=field_label(input_id)) for input_id in input_ids]


# --- formatting ---------------------------------------------------------------------------------------------------


def long_date(day: date) -> str:
    """'torsdag den 10. december 2026'."""
    return f"{WEEKDAYS[day.weekday()]} den {short_date(day)}"


def moment(at: datetime) -> str:
    """'3. december 2026 kl. 10.15' (a local time)."""
    return f"{short_date(at.date())} kl. {at.hour}.{at.minute:02d}"


def _clip(value: str, limit: int) -> str:
    return value if len(value) <= limit else value[: max(0, limit - 1)].rstrip() + "…"


def answer_label(question: QuestionSpec, value: str) -> str:
    """How an answer reads: 'Ja'/'Nej' for yes/no questions, the text itself otherwise."""
    if question.kind == QuestionKind.YES_NO:
        return {YES: "Ja", NO: "Nej"}.get(value, value)
    return value


# --- inputs ---------------------------------------------------------------------------------------------------------


def _input_text(
    input_id: str,
    label: str,
    *,
    value: str = "",
    multiline: bool = False,
    required: bool = False,
    max_length: int = MAX_TEXT,
    placeholder: str = "",
    error: str = "",
) -> Element:
    block: Element = {"type": "Input.Text", "id": input_id, "label": label, "maxLength": max_length}
    if multiline:
        block["isMultiline"] = True
    if value:
        block["value"] = value[:max_length]  # a rejected, over-long value comes back cut to what the field takes
    if placeholder:
        block["placeholder"] = placeholder
    if required:
        block["isRequired"] = True
        block["errorMessage"] = error or "Skal udfyldes."
    return block


def _input_date(input_id: str, label: str, *, value: str = "", minimum: str = "", error: str = "") -> Element:
    block: Element = {
        "type": "Input.Date",
        "id": input_id,
        "label": label,
        "isRequired": True,
        "errorMessage": error or "Vælg en dato.",
    }
    if value:
        block["value"] = value
    if minimum:
        block["min"] = minimum
    return block


def _input_choice(
    input_id: str,
    label: str,
    choices: Sequence[tuple[str, str]],
    *,
    value: str = "",
    multi: bool = False,
    expanded: bool = False,
    required: bool = False,
    error: str = "",
) -> Element:
    block: Element = {
        "type": "Input.ChoiceSet",
        "id": input_id,
        "label": label,
        "choices": [{"title": title, "value": val} for title, val in choices],
        "style": "expanded" if expanded else "compact",
        "wrap": True,
    }
    if multi:
        block["isMultiSelect"] = True
    if value:
        block["value"] = value
    if required:
        block["isRequired"] = True
        block["errorMessage"] = error or "Vælg et svar."
    return block


def _no_inputs(action: Element) -> Element:
    """A button that sends no input values and skips input validation (preview buttons, 'Ret')."""
    return {**action, "associatedInputs": "none"}


def _errors(errors: Sequence[str]) -> list[Element]:
    if not errors:
        return []
    lines = "\n".join(f"- {e}" for e in errors)
    return [container([text(NOTHING_SAVED, weight="Bolder", color="Attention"), text(lines)], style="attention")]


# --- creating an item -----------------------------------------------------------------------------------------------


def item_form(
    committees: Sequence[tuple[str, str]],
    today: date,
    *,
    content: ItemContent | None = None,
    item_id: int | None = None,
    errors: Sequence[str] = (),
    raw: dict[str, str] | None = None,
) -> dict[str, Any]:
    """`ny høring`: the form for a new item (pre-filled from a draft, or from rejected input with its errors).

    `committees` are (id, name) of every committee that can be chosen; "Alle AfdelingsMED" comes first.
    """
    values = dict(raw or {})
    if content is not None:
        values.update(_form_values(content))
    choices = [("Alle AfdelingsMED", ALL_AFDELINGSMED), *((name, cid) for cid, name in committees)]
    body: list[Element] = [
        heading("Ny høring til udvalgene"),
        text("Udfyld punktet. Du ser en forhåndsvisning, før noget bliver sendt.", subtle=True),
        *_errors(errors),
        _input_text("title", "Titel", value=values.get("title", ""), required=True, max_length=MAX_TITLE),
        _input_text(
            "body",
            "Baggrund (hvad skal udvalgene drøfte, og hvorfor?)",
            value=values.get("body", ""),
            multiline=True,
            required=True,
        ),
        _input_text(
            "link",
            "Link eller id i vidensbasen (valgfrit)",
            value=values.get("link", ""),
            max_length=1000,
            placeholder="https://… eller fx kutymefridage-2025",
        ),
        _input_date(
            "deadline",
            "Svarfrist (sidste dag, udvalgene kan svare)",
            value=values.get("deadline", ""),
            minimum=today.isoformat(),
        ),
        _input_choice(
            "recipients",
            "Modtagere",
            choices,
            value=values.get("recipients", ALL_AFDELINGSMED),
            multi=True,
            required=True,
            error="Vælg mindst ét udvalg.",
        ),
    ]
    kinds = [(label, kind.value) for kind, label in KIND_LABELS.items()]
    for n in range(1, MAX_QUESTIONS + 1):
        body.append(
            container(
                [
                    _input_text(
                        f"question_{n}",
                        f"Spørgsmål {n}" + ("" if n == 1 else " (valgfrit)"),
                        value=values.get(f"question_{n}", ""),
                        required=n == 1,
                        max_length=MAX_QUESTION,
                        error="Skriv mindst ét spørgsmål.",
                    ),
                    _input_choice(
                        f"kind_{n}", "Svartype", kinds, value=values.get(f"kind_{n}", QuestionKind.TEXT.value)
                    ),
                    _input_text(
                        f"choices_{n}",
                        "Valgmuligheder (kun ved valg fra liste)",
                        value=values.get(f"choices_{n}", ""),
                        max_length=1100,
                        placeholder="fx Ja, helt; Delvist; Nej",
                    ),
                ],
                separator=True,
            )
        )
    submit = execute("Vis forhåndsvisning", "feedback.draft", style="positive", **_item_ref(item_id))
    return card(body, [submit], fallback="Ny høring til udvalgene")


def _item_ref(item_id: int | None) -> dict[str, Any]:
    return {"item_id": item_id} if item_id else {}


def _form_values(content: ItemContent) -> dict[str, str]:
    values = {
        "title": content.title,
        "body": content.body,
        "link": content.link or content.entry_id,
        "deadline": content.deadline.isoformat(),
        "recipients": ALL_AFDELINGSMED if content.to_all else ",".join(content.committee_ids),
    }
    for n, question in enumerate(content.questions, start=1):
        values[f"question_{n}"] = question.text
        values[f"kind_{n}"] = question.kind.value
        values[f"choices_{n}"] = "; ".join(question.choices)
    return values


def recipients_label(content: ItemContent, names: Sequence[str]) -> str:
    """'Alle AfdelingsMED (6 udvalg)' or the chosen committees' names."""
    if content.to_all:
        return f"Alle AfdelingsMED ({len(names)} udvalg)"
    return ", ".join(names)


def preview_card(
    item_id: int, content: ItemContent, names: Sequence[str], first_nudge: date, today: date
) -> dict[str, Any]:
    """Exactly the card the committees will get, framed by the recipients, the deadline and Send / Ret."""
    sample = names[0] if names else "udvalget"
    body: list[Element] = [
        heading("Forhåndsvisning", size="Medium"),
        facts(
            [
                ("Modtagere", recipients_label(content, names)),
                ("Svarfrist", long_date(content.deadline)),
                (
                    "Påmindelser",
                    f"{long_date(first_nudge)} og på fristdagen, til udvalg der ikke har svaret",
                ),
            ]
        ),
        text("Sådan ser kortet ud for udvalgene:", weight="Bolder"),
        container(answer_form_body(content, sample, today), style="emphasis"),
        text("Udvalgene får også knappen **Send svar**. Intet er sendt endnu.", subtle=True),
    ]
    actions = [
        _no_inputs(execute("Send", "feedback.send", style="positive", item_id=item_id)),
        _no_inputs(execute("Ret", "feedback.revise", item_id=item_id)),
    ]
    if content.link:
        actions.append(open_url("Læs mere", content.link))
    return card(body, actions, fallback=f"Forhåndsvisning: {content.title}")


def sent_card(content: ItemContent, routed: Sequence[tuple[str, Route]]) -> dict[str, Any]:
    """Replaces the preview once the item is sent: where each committee's card went."""
    reached = sum(1 for _name, route in routed if route != Route.NONE)
    body: list[Element] = [
        heading("Høringen er sendt", size="Medium"),
        text(
            f"»{content.title}« er sendt til {reached} af {len(routed)} udvalg. "
            f"Svarfrist: {long_date(content.deadline)}. Skriv **status** for at følge svarene."
        ),
        facts([(name, ROUTE_LABELS[route]) for name, route in routed]),
    ]
    return card(body, fallback=f"Høringen »{content.title}« er sendt")


# --- the committees' form and receipt ---------------------------------------------------------------------------------


def _item_header(content: ItemContent, committee_name: str, *, short: bool = False) -> list[Element]:
    """The item on the committee's card; `short` cuts the background where the card also carries an answer."""
    background = _clip(content.body, BODY_BESIDE_ANSWER) if short else content.body
    body: list[Element] = [
        heading(content.title, size="Medium"),
        text(f"Fra KommuneMED til {committee_name}", subtle=True, spacing="None"),
        text(background),
    ]
    if content.entry_id:
        body.append(text(f"Baggrund i MED-assistentens vidensbase: **{content.entry_id}**", subtle=True))
    body.append(facts([("Svarfrist", long_date(content.deadline))]))
    return body


def answer_form_body(
    content: ItemContent,
    committee_name: str,
    today: date,
    *,
    answer: AnswerContent | None = None,
    raw: dict[str, str] | None = None,
    errors: Sequence[str] = (),
    note: str = "",
) -> list[Element]:
    """The item and its input fields; shared by the committees' card and the preview."""
    values = dict(raw or {})
    if answer is not None:
        values["meeting_date"] = answer.meeting_date.isoformat()
        values["remarks"] = answer.remarks
        for n, value in enumerate(answer.answers, start=1):
            values[f"answer_{n}"] = value
    body = _item_header(content, committee_name, short=bool(values))
    if note:
        body.append(container([text(note, weight="Bolder")], style="warning"))
    body += _errors(errors)
    body.append(
        _input_date(
            "meeting_date",
            "Drøftet på møde den",
            value=values.get("meeting_date", ""),
            error="Skriv datoen for mødet.",
        )
    )
    for n, question in enumerate(content.questions, start=1):
        label = f"{n}. {question.text}"
        value = values.get(f"answer_{n}", "")
        if question.kind == QuestionKind.YES_NO:
            body.append(
                _input_choice(
                    f"answer_{n}", label, [("Ja", YES), ("Nej", NO)], value=value, expanded=True, required=True
                )
            )
        elif question.kind == QuestionKind.CHOICE:
            body.append(
                _input_choice(f"answer_{n}", label, [(c, c) for c in question.choices], value=value, required=True)
            )
        else:
            body.append(
                _input_text(
                    f"answer_{n}", label, value=value, multiline=True, required=True, error="Svar på spørgsmålet."
                )
            )
    body.append(_input_text("remarks", "Øvrige bemærkninger", value=values.get("remarks", ""), multiline=True))
    if today > content.deadline:
        body.append(
            text("Fristen er overskredet. I kan stadig svare, men svaret bliver markeret som for sent.", subtle=True)
        )
    return body


def answer_form(
    item_id: int,
    committee_id: str,
    committee_name: str,
    content: ItemContent,
    today: date,
    *,
    answer: AnswerContent | None = None,
    raw: dict[str, str] | None = None,
    errors: Sequence[str] = (),
    note: str = "",
) -> dict[str, Any]:
    """The card a committee answers on: the item, 'Drøftet på møde den', one field per question, remarks."""
    body = answer_form_body(content, committee_name, today, answer=answer, raw=raw, errors=errors, note=note)
    actions = [execute("Send svar", "feedback.submit", style="positive", item_id=item_id, committee_id=committee_id)]
    if content.link:
        actions.append(open_url("Læs mere", content.link))
    return card(body, actions, fallback=f"KommuneMED beder om jeres svar: {content.title}")


def nudge_note(deadline: date, today: date) -> str:
    """The reminder line above the form: three working days before, and on the deadline day."""
    if today >= deadline:
        return f"Påmindelse: I dag er sidste frist for at svare ({long_date(deadline)})."
    return f"Påmindelse: KommuneMED mangler stadig jeres svar. Fristen er {long_date(deadline)}."


def _answer_blocks(content: ItemContent, answer: AnswerContent, limit: int = MAX_TEXT) -> list[Element]:
    body: list[Element] = [facts([("Drøftet på møde den", long_date(answer.meeting_date))])]
    for n, question in enumerate(content.questions, start=1):
        value = answer.answers[n - 1] if n - 1 < len(answer.answers) else ""
        body.append(text(f"**{n}. {question.text}**", spacing="Medium"))
        body.append(text(_clip(answer_label(question, value), limit) or "–", spacing="None"))
    if answer.remarks:
        body.append(text("**Øvrige bemærkninger**", spacing="Medium"))
        body.append(text(_clip(answer.remarks, limit), spacing="None"))
    return body


def receipt_card(
    item_id: int,
    committee_id: str,
    committee_name: str,
    content: ItemContent,
    answer: AnswerContent,
    *,
    submitted_at: datetime,
    submitted_by: str,
    late: bool,
    version: int,
    can_edit: bool,
) -> dict[str, Any]:
    """Replaces the form after a submit: the answer read-only, who sent it, and 'Ret svar' until the deadline."""
    who = submitted_by or "ukendt"
    body: list[Element] = [
        heading("Svar modtaget", size="Medium"),
        text(f"Svar modtaget {moment(submitted_at)}, indsendt af {who}."),
        text(f"**{content.title}** – {committee_name}", spacing="Small"),
        *_answer_blocks(content, answer),
    ]
    if late:
        body.append(
            text(f"Svaret kom efter fristen ({short_date(content.deadline)}) og er markeret som for sent.", subtle=True)
        )
    if version > 1:
        body.append(text("Svaret er rettet. De tidligere versioner er gemt.", subtle=True))
    actions: list[Element] = []
    if can_edit:
        body.append(text(f"I kan rette svaret til og med {long_date(content.deadline)}.", subtle=True))
        actions.append(_no_inputs(execute("Ret svar", "feedback.amend", item_id=item_id, committee_id=committee_id)))
    return card(body, actions, fallback=f"Svar modtaget: {content.title}")


# --- overview and summary ---------------------------------------------------------------------------------------------


def state_line(view: AnswerView) -> str:
    """'Besvaret 3. december 2026 kl. 10.15 af …', 'Mangler', 'For sent …'."""
    label = STATE_LABELS[view.state]
    if view.submitted_at is None:
        return label
    line = f"{label} {moment(view.submitted_at)}"
    if view.submitted_by:
        line += f" af {view.submitted_by}"
    if view.versions > 1:
        line += " (rettet)"
    return line


def _committee_list(rows: Sequence[tuple[str, str]]) -> Element:
    """'- **Udvalg**: tekst' per committee: long committee names read better as a list than in a FactSet."""
    return text("\n".join(f"- **{name}**: {line}" for name, line in rows))


def _count_line(views: Sequence[AnswerView]) -> str:
    answered = sum(1 for v in views if v.state != "missing")
    return f"{answered} af {len(views)} udvalg har svaret"


def status_card(item_id: int, content: ItemContent, views: Sequence[AnswerView], *, sent_on: date) -> dict[str, Any]:
    """`status`: one open item, each committee's state, and a button for all the answers."""
    body: list[Element] = [
        heading(content.title, size="Medium"),
        facts(
            [
                ("Svar", _count_line(views)),
                ("Svarfrist", long_date(content.deadline)),
                ("Sendt", long_date(sent_on)),
            ]
        ),
        _committee_list([(v.committee_name, state_line(v)) for v in views]),
    ]
    actions = [execute("Se alle svar", "feedback.answers", item_id=item_id)]
    return card(body, actions, fallback=f"Status: {content.title} – {_count_line(views)}")


def _summary_limits(content: ItemContent, answered: Sequence[AnswerView]) -> tuple[int, int]:
    """(characters per answer text, committees shown) that keep the summary within SUMMARY_BUDGET.

    Each shown committee costs its name before every answer and its line under 'Besvarelser', besides its text.
    """
    texts = len(content.questions) + 1
    total = sum(sum(len(a) for a in v.answer.answers) + len(v.answer.remarks) for v in answered if v.answer)
    if total <= SUMMARY_BUDGET:
        return MAX_TEXT, len(answered)
    overhead = max((texts + 1) * (len(v.committee_name) + 40) for v in answered)
    limit = max(MIN_SHOWN, (SUMMARY_BUDGET // len(answered) - overhead) // texts)
    return limit, min(len(answered), SUMMARY_BUDGET // (overhead + limit * texts))


def answers_card(
    item_id: int,
    content: ItemContent,
    views: Sequence[AnswerView],
    *,
    today: date,
    closed_on: date | None = None,
    can_close: bool = False,
    intro: str = "",
) -> dict[str, Any]:
    """Every committee's current answer, question by question, ready for the next KommuneMED meeting.

    Long answers are shortened (and with very many committees, only the first are shown) so the card fits in a
    Teams message; the export has everything.
    """
    answered = [v for v in views if v.answer is not None]
    missing = [v.committee_name for v in views if v.answer is None]
    limit, shown_count = _summary_limits(content, answered)
    shown = answered[:shown_count]
    overview = [("Svarfrist", long_date(content.deadline)), ("Svar", _count_line(views))]
    if missing:
        overview.append(("Mangler", ", ".join(missing)))
    body: list[Element] = [heading(f"Svar på »{content.title}«", size="Medium")]
    if intro:
        body.append(text(intro))
    body.append(facts(overview))
    if shown:
        meetings = [
            (v.committee_name, f"drøftet på møde {short_date(v.answer.meeting_date)}; {state_line(v).lower()}")
            for v in shown
            if v.answer is not None
        ]
        body.append(container([text("**Besvarelser**"), _committee_list(meetings)], separator=True))
    for n, question in enumerate(content.questions, start=1):
        lines = [
            text(f"**{v.committee_name}:** {_clip(answer_label(question, v.answer.answers[n - 1]), limit)}")
            for v in shown
            if v.answer is not None and n - 1 < len(v.answer.answers)
        ]
        body.append(container([text(f"**{n}. {question.text}**"), *lines], separator=True))
    remarks = [
        text(f"**{v.committee_name}:** {_clip(v.answer.remarks, limit)}")
        for v in shown
        if v.answer is not None and v.answer.remarks
    ]
    if remarks:
        body.append(container([text("**Øvrige bemærkninger**"), *remarks], separator=True))
    if limit < MAX_TEXT or len(shown) < len(answered):
        note = "Lange svar er forkortet her."
        if len(shown) < len(answered):
            note = f"Her vises svar fra {len(shown)} af {len(answered)} udvalg, og lange svar er forkortet."
        body.append(
            text(
                f"{note} HR & Løn kan eksportere alle svar til Excel (`medbot items export {item_id} --format xlsx`).",
                subtle=True,
            )
        )
    actions: list[Element] = []
    if closed_on is not None:
        body.append(text(f"Høringen blev lukket {short_date(closed_on)}.", subtle=True))
    elif can_close:
        if today <= content.deadline:
            body.append(text("Lukker du høringen nu, kan udvalgene ikke længere svare.", subtle=True))
        actions.append(execute("Luk høringen", "feedback.close", item_id=item_id))
    return card(body, actions, fallback=f"Svar på »{content.title}« – {_count_line(views)}")


def summary_intro() -> str:
    """The first line of the card the creator gets once the deadline has passed."""
    return "Fristen er udløbet. Her er svarene, klar til næste KommuneMED-møde."
