"""Cards and Danish text for questions and answers: the answer card, 'Mente du…?', quotes from the sources."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from dialogs.cards import Element, ask_button, card, container, execute, heading, tap_row, text, toggle

RATE_ACTION = "answer.rate"
DETAILS_ID = "details"

WHERE_TO_ASK = (
    "Spørg HR & Løn, se medarbejdersiden, eller tal med din leder eller din tillidsrepræsentant – "
    "så får du et sikkert svar."
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
RATING_INVALID = "Den vurdering kunne jeg ikke læse, så jeg har ikke gemt noget. Stil gerne spørgsmålet igen."
RATING_STALE = (
    "Det svar findes ikke længere i vidensbasen, så jeg har ikke gemt din vurdering. Stil gerne spørgsmålet igen."
)

GREETING_REPLY = (
    "Hej! 👋 Spørg mig om MED og personaleregler, fx *Får jeg løn, når jeg går til lægen?* "
    "Skriv **hjælp** for at se, hvad jeg kan."
)
MORNING_REPLY = "Godmorgen! ☀️ Hvad vil du vide om MED eller personaleregler?"
THANKS_REPLY = "Selv tak! Spørg bare igen, hvis der er mere."
GOODBYE_REPLY = "Hej hej – hav en god dag!"


@dataclass(frozen=True)
class AnswerView:
    """One curated answer as the card shows it; built by the dialog from the knowledge base."""

    entry_id: str
    title: str
    answer: str
    notes: tuple[str, ...] = ()  # e.g. "Bemærk: Denne regel gjaldt kun til og med …"
    validity: str = ""  # "Gælder fra 25. juni 2025."
    sources: tuple[str, ...] = ()  # "Kilde: <document>, <section>"
    details: str = ""
    related: tuple[str, ...] = ()  # titles of related entries; a click asks them


def _question_rows(questions: list[str]) -> list[Element]:
    """Questions to ask with one tap, as rows in the body: long titles wrap, and the action bar keeps room."""
    return [tap_row(question, ask_button(question, question)) for question in questions]


def answer_card(view: AnswerView, *, rated: bool = False) -> dict[str, Any]:
    """The answer: title, text, validity, source, details behind a toggle, related questions and 👍/👎."""
    body: list[Element] = [heading(view.title, size="Medium")]
    body.extend(text(note, weight="Bolder", color="Warning") for note in view.notes)
    body.append(text(view.answer))
    if view.validity:
        body.append(text(view.validity, subtle=True, size="Small"))
    body.extend(text(source, subtle=True, size="Small", spacing="None") for source in view.sources)
    actions: list[Element] = []
    if view.details:
        body.append(container([text(view.details)], element_id=DETAILS_ID, visible=False, separator=True))
        actions.append(toggle(SHOW_DETAILS, DETAILS_ID))
    if view.related:
        body.append(text(RELATED, weight="Bolder", size="Small", spacing="Medium"))
        body.extend(_question_rows(list(view.related)))
    if rated:
        body.append(text(THANKS_FOR_RATING, subtle=True, size="Small", spacing="Medium"))
    else:
        body.append(text(RATE_PROMPT, subtle=True, size="Small", spacing="Medium"))
        actions.append(execute(HELPFUL, RATE_ACTION, entry_id=view.entry_id, helpful=True))
        actions.append(execute(UNHELPFUL, RATE_ACTION, entry_id=view.entry_id, helpful=False))
    return card(body, actions, fallback=f"{view.title}\n\n{view.answer}")


def quote_card(title: str, paragraphs: list[str], suggestions: Sequence[str] = ()) -> dict[str, Any]:
    """No curated answer, but a source paragraph covers the question: quoted with its citation.

    Curated answers that came close are offered as questions to click, as on the 'Mente du…?' card.
    """
    body: list[Element] = [heading(title, size="Medium")]
    body.extend(text(p) for p in paragraphs)
    if suggestions:
        body.append(text(MAYBE_ALSO, weight="Bolder", size="Small", spacing="Medium"))
        body.extend(_question_rows(list(suggestions[:3])))
    body.append(text(WHERE_TO_ASK, subtle=True, size="Small", spacing="Medium"))
    return card(body, fallback=title)


def unsure_card(suggestions: list[str], quote: list[str]) -> dict[str, Any]:
    """'Mente du…?' with up to three questions to click, or an honest 'I don't know'; always where to ask."""
    if suggestions:
        body: list[Element] = [heading(DID_YOU_MEAN, size="Medium"), text(DID_YOU_MEAN_BODY)]
        body.extend(_question_rows(list(suggestions[:3])))
    else:
        body = [heading(UNKNOWN_TITLE, size="Medium"), text(UNKNOWN_BODY)]
    if quote:
        body.append(text(CLOSEST_QUOTE, weight="Bolder", size="Small", spacing="Medium"))
        body.append(container([text(p) for p in quote], style="emphasis"))
    body.append(text(WHERE_TO_ASK, subtle=True, spacing="Medium"))
    return card(body, fallback=DID_YOU_MEAN if suggestions else UNKNOWN_TITLE)
