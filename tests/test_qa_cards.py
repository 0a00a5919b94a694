"""The Q&A cards and small talk as pure functions: what an employee sees, without a server."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from bot.chat import card_buttons, card_lines
from bot.knowledge_holder import build_from
from dialogs import qa
from dialogs.cards import qa as cards
from dialogs.cards.qa import AnswerView, Choice, answer_card, quote_card, unsure_card
from dialogs.qa import small_talk
from knowledge.search import search
from tests.cards.harness import actions_in
from tests.support.knowledge import write_small_knowledge

CHOICES = [Choice("a", "Første"), Choice("b", "Anden"), Choice("c", "Tredje"), Choice("d", "Fjerde")]


def opens(card: dict[str, Any]) -> list[tuple[str, str]]:
    """(title, entry id) of every button that opens an entry."""
    return [(b.title, b.data["entry_id"]) for b in card_buttons(card) if b.action == cards.OPEN_ACTION]


def test_unsure_card_offers_at_most_three_suggestions_that_open_their_entry_by_id() -> None:
    card = unsure_card(CHOICES, [])
    assert opens(card) == [("Første", "a"), ("Anden", "b"), ("Tredje", "c")]
    assert card_lines(card)[0] == "Mente du…?"


def test_suggestions_and_related_questions_are_plain_submits_with_the_payload_and_no_imback() -> None:
    view = AnswerView(entry_id="x", title="Titel", answer="Svar.", related=(Choice("y", "Relateret"),))
    for card in (unsure_card(CHOICES, []), quote_card("Citat", ["»…«"], CHOICES), answer_card(view)):
        submits = [a for a in actions_in(card) if a["type"] == "Action.Submit"]
        assert submits and all(set(a["data"]) == {"medbot", "v", "entry_id"} for a in submits)
        assert all(a["data"]["medbot"] == "qa.open" and a["data"]["v"] == 1 for a in submits)
        assert "imBack" not in str(card)


def test_unsure_card_without_suggestions_says_it_does_not_know_and_where_to_ask_instead() -> None:
    card = unsure_card([], ["Jeg har ikke et færdigt svar på det, men Plan MED skriver:", "»…«", "Kilde: Plan MED, x"])
    shown = "\n".join(card_lines(card))
    assert shown.startswith("Det ved jeg desværre ikke")
    assert "Kilde: Plan MED, x" in shown
    for place in ("HR & Løn", "medarbejdersiden", "din leder", "tillidsrepræsentant"):
        assert place in shown


def test_answer_card_buttons_are_only_the_two_that_answer_the_rating_question() -> None:
    view = AnswerView(entry_id="x", title="Titel", answer="Svar.", details="Mere.", sources=("Kilde: Dok, Afsnit",))
    card = answer_card(view)
    assert [a["data"] for a in card["actions"]] == [
        {"medbot": "answer.rate", "v": 1, "entry_id": "x", "helpful": True},
        {"medbot": "answer.rate", "v": 1, "entry_id": "x", "helpful": False},
    ]
    assert card_lines(card)[-1] == cards.RATE_PROMPT


def test_show_details_toggle_sits_just_above_the_hidden_details_not_with_the_rating() -> None:
    card = answer_card(AnswerView(entry_id="x", title="Titel", answer="Svar.", details="Mere om det."))
    body = card["body"]
    [at] = [n for n, e in enumerate(body) if e.get("id") == cards.DETAILS_ID]
    toggle_set = body[at - 1]
    assert toggle_set["type"] == "ActionSet"
    assert toggle_set["actions"] == [
        {"type": "Action.ToggleVisibility", "title": "Vis detaljer", "targetElements": [cards.DETAILS_ID]}
    ]
    assert body[at]["isVisible"] is False
    assert all(a["type"] == "Action.Execute" for a in card["actions"])


def test_notes_are_readable_and_only_a_warning_gets_the_attention_colour() -> None:
    view = AnswerView(
        entry_id="x",
        title="Titel",
        answer="Svar.",
        warnings=("Bemærk: Denne regel gjaldt kun til og med 31. december 2025.",),
        notes=("Tidligere regel: Gratis kaffe (gjaldt til og med 31. december 2025).",),
    )
    blocks = [b for b in elements(answer_card(view)) if b["type"] == "TextBlock"]
    colours = {b["text"]: b.get("color", "Default") for b in blocks}
    assert colours[view.warnings[0]] == "Attention"
    assert colours[view.notes[0]] == "Default"
    assert "Warning" not in colours.values()
    [box] = [e for e in answer_card(view)["body"] if e["type"] == "Container" and e.get("style") == "emphasis"]
    assert [i["text"] for i in box["items"]] == list(view.notes)


def elements(card: dict[str, Any]) -> list[dict[str, Any]]:
    """Every element of a card's body, containers opened."""

    def walk(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [x for e in items for x in (e, *walk(e.get("items") or []))]

    return walk(card["body"])


def test_english_answer_card_has_english_labels_and_danish_answer_card_danish_ones() -> None:
    view = AnswerView(entry_id="x", title="Title", answer="Answer.", details="More.", related=(Choice("y", "Y"),))
    english = answer_card(replace(view, language="en"))
    shown = "\n".join(card_lines(english))
    assert "Related questions" in shown and "Was this answer helpful?" in shown
    assert [a["title"] for a in english["actions"]] == ["👍 Yes", "👎 No"]
    assert "Show details" in str(english["body"])
    danish = "\n".join(card_lines(answer_card(view)))
    assert "Relaterede spørgsmål" in danish and cards.RATE_PROMPT in danish
    thanked = "\n".join(card_lines(answer_card(replace(view, language="en"), rated=True)))
    assert "Thank you for your rating" in thanked


def test_unsure_card_for_an_english_question_has_english_labels() -> None:
    assert card_lines(unsure_card(CHOICES, [], "en"))[0] == "Did you mean…?"
    assert card_lines(unsure_card([], [], "en"))[0] == "Sorry, I don't know"


@pytest.mark.parametrize(
    ("message", "small"),
    [
        ("Hej!", True),
        ("god morgen", True),
        ("Mange tak 🙏", True),
        ("hej hej", True),
        ("hej, får jeg løn når jeg går til lægen?", False),
        ("tak for svaret om barns sygedag, men hvad med 3. dag?", False),
    ],
    ids=["hello", "good-morning", "thanks-with-emoji", "goodbye", "greeting-then-question", "thanks-then-question"],
)
def test_small_talk_answers_greetings_but_leaves_questions_to_the_search(message: str, small: bool) -> None:
    assert (small_talk(message) is not None) is small


def test_quote_card_offers_close_answers_to_open() -> None:
    quote = ["»Æbler og bananer.«", "Kilde: Håndbog, Punkt 2: Frugt"]
    card = quote_card("Punkt 2: Frugt", quote, [Choice("f", "Frugt")])
    assert opens(card) == [("Frugt", "f")]
    assert "Måske søgte du" in "\n".join(card_lines(card))


@pytest.mark.parametrize(
    ("question", "at"),
    [
        ("Er kaffen gratis?", date(2026, 3, 2)),
        ("Er kaffen gratis?", date(2025, 6, 2)),
        ("Gratis kaffe til ansatte", date(2026, 3, 2)),
        ("Hvor må jeg parkere ved rådhuset?", date(2026, 3, 2)),
    ],
    ids=["current-rule-with-earlier", "old-rule-with-coming", "expired-rule-asked-by-name", "no-notes"],
)
def test_answer_card_shows_exactly_the_search_answer_text_that_medbot_ask_prints(
    tmp_path: Path, question: str, at: date
) -> None:
    """The card sets notes and sources apart but adds and drops nothing: it cannot disagree with `medbot ask`."""
    kb = build_from(write_small_knowledge(tmp_path / "knowledge"))
    result = search(kb, question, at)
    view = qa.answer_view(kb, result, at)
    parts = [*view.warnings, view.answer, *view.notes, *view.sources]
    assert sorted(" ".join(parts).split()) == sorted(result.text.split())
    assert set(view.warnings) | set(view.notes) == set(result.notes)
