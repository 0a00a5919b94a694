"""Cards and Danish text for questions and answers: the answer card, 'Mente du…?', quotes from the sources.

An answer given in English gets the English labels of `ENGLISH`; everything else here is Danish.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from dialogs.cards import Element, card, container, execute, heading, submit, tap_row, text, toggle

RATE_ACTION = "answer.rate"
OPEN_ACTION = "qa.open"
ESCALATE_ACTION = "escalation.ask"  # "Spørg HR & Løn": dialogs/escalations shows what would be sent
DETAILS_ID = "details"

WHERE_TO_ASK = (
    "Spørg HR & Løn, se medarbejdersiden, eller tal med din leder eller din tillidsrepræsentant – "
    "så får du et sikkert svar."
)
ESCALATE = "Spørg HR & Løn"
ESCALATE_HINT = (
    "Vil du hellere have svar fra et menneske? Tryk på **Spørg HR & Løn** – du ser præcis, hvad der sendes, "
    "før noget bliver sendt."
)
UNKNOWN_TITLE = "Det ved jeg desværre ikke"
UNKNOWN_BODY = "Jeg kan kun svare på spørgsmål om MED og personaleregler, som står i MED-dokumenterne."
DID_YOU_MEAN = "Mente du…?"
DID_YOU_MEAN_BODY = "Jeg er ikke sikker på, hvad du spørger om. Tryk på det spørgsmål, der passer:"
CLOSEST_QUOTE = "Det nærmeste, jeg kan finde i kilderne:"
MAYBE_ALSO = "Måske søgte du et af disse svar:"
SHOW_DETAILS = "Vis detaljer"
RELATED = "Relaterede spørgsmål"
RATE_PROMPT = "Var svaret nyttigt?"
HELPFUL = "👍 Ja"
UNHELPFUL = "👎 Nej"
THANKS_FOR_RATING = "Tak for din vurdering – den hjælper os med at gøre svarene bedre."
ALREADY_RATED = "Du har allerede vurderet dette svar – tak for det!"
RATING_INVALID = "Den vurdering kunne jeg ikke læse, så jeg har ikke gemt noget. Stil gerne spørgsmålet igen."
RATING_STALE = (
    "Det svar findes ikke længere i vidensbasen, så jeg har ikke gemt din vurdering. Stil gerne spørgsmålet igen."
)
OPEN_STALE = (
    "Det spørgsmål findes ikke længere i vidensbasen – den er måske blevet opdateret. "
    "Skriv dit spørgsmål, så finder jeg det nyeste svar."
)
# Put before a question the bot answered without being sure, in the anonymous counts `medbot kb gaps` lists; the
# counts keep words only, so the list shows "usikkert svar <the question>".
UNSURE_MARK = "usikkert svar: "

GREETING_REPLY = (
    "Hej! 👋 Spørg mig om MED og personaleregler, fx *Får jeg løn, når jeg går til lægen?* "
    "Skriv **hjælp** for at se, hvad jeg kan."
)
MORNING_REPLY = "Godmorgen! ☀️ Hvad vil du vide om MED eller personaleregler?"
THANKS_REPLY = "Selv tak! Spørg bare igen, hvis der er mere."
GOODBYE_REPLY = "Hej hej – hav en god dag!"


@dataclass(frozen=True)
class Labels:
    """The fixed words of the Q&A cards in one language (the answer's own text comes from the knowledge base)."""

    show_details: str
    related: str
    rate_prompt: str
    helpful: str
    unhelpful: str
    thanks_for_rating: str
    already_rated: str
    did_you_mean: str
    did_you_mean_body: str
    unknown_title: str
    unknown_body: str
    closest_quote: str
    where_to_ask: str
    escalate: str
    escalate_hint: str


DANISH = Labels(
    show_details=SHOW_DETAILS,
    related=RELATED,
    rate_prompt=RATE_PROMPT,
    helpful=HELPFUL,
    unhelpful=UNHELPFUL,
    thanks_for_rating=THANKS_FOR_RATING,
    already_rated=ALREADY_RATED,
    did_you_mean=DID_YOU_MEAN,
    did_you_mean_body=DID_YOU_MEAN_BODY,
    unknown_title=UNKNOWN_TITLE,
    unknown_body=UNKNOWN_BODY,
    closest_quote=CLOSEST_QUOTE,
    where_to_ask=WHERE_TO_ASK,
    escalate=ESCALATE,
    escalate_hint=ESCALATE_HINT,
)
ENGLISH = Labels(
    show_details="Show details",
    related="Related questions",
    rate_prompt="Was this answer helpful?",
    helpful="👍 Yes",
    unhelpful="👎 No",
    thanks_for_rating="Thank you for your rating – it helps us make the answers better.",
    already_rated="You have already rated this answer – thank you!",
    did_you_mean="Did you mean…?",
    did_you_mean_body="I am not sure what you are asking. Tap the question that fits:",
    unknown_title="Sorry, I don't know",
    unknown_body="I can only answer questions about MED and staff rules that are written in the MED documents.",
    closest_quote="The closest I can find in the sources:",
    where_to_ask=(
        "Ask HR & Løn, see the staff pages, or talk to your manager or your union representative – "
        "then you will get a reliable answer."
    ),
    escalate="Ask HR & Løn",
    escalate_hint=(
        "Would you rather have an answer from a person? Tap **Ask HR & Løn** – you see exactly what will be sent "
        "before anything is sent."
    ),
)


def labels(language: str) -> Labels:
    """English labels for an answer in English (`Answer.language == "en"`), Danish for everything else."""
    return ENGLISH if language == "en" else DANISH


@dataclass(frozen=True)
class Choice:
    """An entry offered with one tap (a related question, a 'Mente du…?' suggestion): its id opens it."""

    entry_id: str
    title: str


@dataclass(frozen=True)
class AskHR:
    """The "Spørg HR & Løn" offer, made only in a 1:1 chat when HR & Løn has an inbox: the question it would send,
    and after 👎 the entry whose answer did not help."""

    question: str
    entry_id: str = ""


@dataclass(frozen=True)
class AnswerView:
    """One curated answer as the card shows it, taken from the search's answer so card and `medbot ask` agree."""

    entry_id: str
    title: str
    answer: str
    warnings: tuple[str, ...] = ()  # the rule does not apply on the day asked: "Bemærk: Denne regel gjaldt kun …"
    notes: tuple[str, ...] = ()  # dated remarks: "Tallene er pr. 1. kvartal 2025.", "Gælder fra 1. januar 2026."
    sources: tuple[str, ...] = ()  # "Kilde: <document>, <section>"
    details: str = ""
    related: tuple[Choice, ...] = ()  # related entries that apply on the day asked; a tap opens them
    language: str = "da"  # the language of `answer`, and so of the card's labels
    question: str = ""  # the employee's own words, carried by 👎 so "Spørg HR & Løn" can offer them (1:1 only)


def _choice_rows(choices: Sequence[Choice]) -> list[Element]:
    """Entries to open with one tap, as rows in the body: long titles wrap, and the action bar keeps room.

    A plain submit with the entry's id (`qa.open`), not imBack: it works in every Teams client and the Playground.
    """
    return [tap_row(c.title, submit(c.title, OPEN_ACTION, entry_id=c.entry_id)) for c in choices]


def _ask_hr_button(say: Labels, offer: AskHR) -> Element:
    """ "Spørg HR & Løn": it only shows what would be sent; nothing goes anywhere before the employee confirms."""
    ids = {"entry_id": offer.entry_id} if offer.entry_id else {}
    return execute(say.escalate, ESCALATE_ACTION, question=offer.question, **ids)


def _where_to_ask(say: Labels, ask_hr: AskHR | None, *, subtle: bool, size: str = "Default") -> Element:
    """The closing line of a card that did not answer: where to ask, or how the "Spørg HR & Løn" button works."""
    return text(say.escalate_hint if ask_hr else say.where_to_ask, subtle=subtle, size=size, spacing="Medium")


def answer_card(
    view: AnswerView, *, rated: bool = False, rated_before: bool = False, ask_hr: AskHR | None = None
) -> dict[str, Any]:
    """The answer: title, warnings, text, dated notes, source, details behind a toggle, related questions, 👍/👎.

    The details' toggle sits with the details, so the card's only buttons are the two that answer "Var svaret
    nyttigt?". Once rated, they give way to a thank-you (`rated`), or to a kind word that the first rating already
    counted (`rated_before`); after a 👎 the thank-you may come with "Spørg HR & Løn" (`ask_hr`). The 👎 button
    carries the question (`view.question`) for that offer.
    """
    say = labels(view.language)
    body: list[Element] = [heading(view.title, size="Medium")]
    body.extend(text(warning, weight="Bolder", color="Attention") for warning in view.warnings)
    body.append(text(view.answer))
    if view.notes:
        body.append(container([text(note) for note in view.notes], style="emphasis"))
    body.extend(text(source, subtle=True, size="Small", spacing="Small") for source in view.sources)
    if view.details:
        body.append({"type": "ActionSet", "actions": [toggle(say.show_details, DETAILS_ID)], "spacing": "Small"})
        body.append(container([text(view.details)], element_id=DETAILS_ID, visible=False, separator=True))
    if view.related:
        body.append(text(say.related, weight="Bolder", size="Small", spacing="Medium"))
        body.extend(_choice_rows(view.related))
    actions: list[Element] = []
    if rated or rated_before:
        thanks = say.already_rated if rated_before else say.thanks_for_rating
        body.append(text(thanks, subtle=True, size="Small", spacing="Medium"))
        if ask_hr is not None:
            body.append(_where_to_ask(say, ask_hr, subtle=True, size="Small"))
            actions.append(_ask_hr_button(say, ask_hr))
    else:
        asked = {"question": view.question} if view.question else {}
        body.append(text(say.rate_prompt, weight="Bolder", size="Small", spacing="Medium"))
        actions.append(execute(say.helpful, RATE_ACTION, entry_id=view.entry_id, helpful=True))
        actions.append(execute(say.unhelpful, RATE_ACTION, entry_id=view.entry_id, helpful=False, **asked))
    return card(body, actions, fallback=f"{view.title}\n\n{view.answer}")


def quote_card(
    title: str, paragraphs: list[str], suggestions: Sequence[Choice] = (), ask_hr: AskHR | None = None
) -> dict[str, Any]:
    """No curated answer, but a source paragraph covers the question: quoted with its citation.

    Curated answers that came close are offered to open with a tap, as on the 'Mente du…?' card; `ask_hr` offers
    to send the question to HR & Løn instead.
    """
    body: list[Element] = [heading(title, size="Medium")]
    body.extend(text(p) for p in paragraphs)
    if suggestions:
        body.append(text(MAYBE_ALSO, weight="Bolder", size="Small", spacing="Medium"))
        body.extend(_choice_rows(suggestions[:3]))
    body.append(_where_to_ask(DANISH, ask_hr, subtle=True, size="Small"))
    actions = [_ask_hr_button(DANISH, ask_hr)] if ask_hr is not None else []
    return card(body, actions, fallback=title)


def unsure_card(
    suggestions: Sequence[Choice],
    quote: list[str],
    language: str = "da",
    reason: str = "",
    ask_hr: AskHR | None = None,
) -> dict[str, Any]:
    """'Mente du…?' with up to three entries to open, or an honest 'I don't know'; always where to ask.

    `language` is the question's: an English question gets the English labels (the titles stay Danish).
    `reason` is what the search says it does not know ("Jeg ved desværre ikke noget om »skole« …"), shown
    first when it said something specific. `ask_hr` offers to send the question to HR & Løn.
    """
    say = labels(language)
    said: list[Element] = [text(reason)] if reason else []
    if suggestions:
        body: list[Element] = [heading(say.did_you_mean, size="Medium"), *(said or [text(say.did_you_mean_body)])]
        body.extend(_choice_rows(suggestions[:3]))
    else:
        body = [heading(say.unknown_title, size="Medium"), *(said or [text(say.unknown_body)])]
    if quote:
        body.append(text(say.closest_quote, weight="Bolder", size="Small", spacing="Medium"))
        body.append(container([text(p) for p in quote], style="emphasis"))
    body.append(_where_to_ask(say, ask_hr, subtle=True))
    actions = [_ask_hr_button(say, ask_hr)] if ask_hr is not None else []
    return card(body, actions, fallback=say.did_you_mean if suggestions else say.unknown_title)
