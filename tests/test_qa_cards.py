"""The Q&A cards and small talk as pure functions: what an employee sees, without a server."""

from __future__ import annotations

import pytest

from bot.chat import card_buttons, card_lines
from dialogs.cards.qa import AnswerView, answer_card, quote_card, unsure_card
from dialogs.qa import small_talk


def test_unsure_card_offers_at_most_three_suggestions_as_buttons_that_ask_them() -> None:
    card = unsure_card(["Første", "Anden", "Tredje", "Fjerde"], [])
    assert [(b.title, b.text, b.action) for b in card_buttons(card)] == [
        ("Første", "Første", ""),
        ("Anden", "Anden", ""),
        ("Tredje", "Tredje", ""),
    ]
    assert card_lines(card)[0] == "Mente du…?"


def test_unsure_card_without_suggestions_says_it_does_not_know_and_where_to_ask_instead() -> None:
    card = unsure_card([], ["Jeg har ikke et færdigt svar på det, men Plan MED skriver:", "»…«", "Kilde: Plan MED, x"])
    shown = "\n".join(card_lines(card))
    assert shown.startswith("Det ved jeg desværre ikke")
    assert "Kilde: Plan MED, x" in shown
    for place in ("HR & Løn", "medarbejdersiden", "din leder", "tillidsrepræsentant"):
        assert place in shown


def test_answer_card_without_details_or_related_has_only_the_rating_buttons() -> None:
    card = answer_card(AnswerView(entry_id="x", title="Titel", answer="Svar.", sources=("Kilde: Dok, Afsnit",)))
    assert [a["type"] for a in card["actions"]] == ["Action.Execute", "Action.Execute"]
    assert [a["data"] for a in card["actions"]] == [
        {"medbot": "answer.rate", "v": 1, "entry_id": "x", "helpful": True},
        {"medbot": "answer.rate", "v": 1, "entry_id": "x", "helpful": False},
    ]


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


def test_quote_card_offers_close_answers_as_questions_to_click() -> None:
    card = quote_card("Punkt 2: Frugt", ["»Æbler og bananer.«", "Kilde: Håndbog, Punkt 2: Frugt"], ["Frugtordning"])
    assert [(b.title, b.text, b.action) for b in card_buttons(card)] == [("Frugtordning", "Frugtordning", "")]
    assert "Måske søgte du" in "\n".join(card_lines(card))
