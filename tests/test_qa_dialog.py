"""Questions and answers through the real server: Teams-shaped activities in, cards recorded at the fake connector."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session, select

from bot.anonymous import flush_now
from bot.chat import card_buttons, card_lines
from dialogs import qa
from knowledge.search import search
from storage.db import make_engine
from storage.knowledge import AnswerRating, UnansweredQuestion, frequent_unanswered
from tests.conftest import ADMIN, OES_SECRETARY
from tests.support import activities
from tests.support.fake_connector import FakeConnector
from tests.support.knowledge import write_small_knowledge
from tests.support.service import RunningBot


async def ask(bot: RunningBot, connector: FakeConnector, text: str, *, user: str = OES_SECRETARY) -> dict[str, Any]:
    """Ask in a 1:1 chat and return the card the bot answered with."""
    before = len(connector.messages())
    response = await bot.post(activities.message(activities.personal(connector.url, user), text))
    assert response.status == 200
    replies = connector.messages()[before:]
    assert len(replies) == 1, [r.activity for r in replies]
    assert replies[0].card is not None, replies[0].text
    return replies[0].card


def text_of(card: dict[str, Any]) -> str:
    return "\n".join(card_lines(card))


def opens(card: dict[str, Any]) -> list[tuple[str, str]]:
    """(title, entry id) of every button on the card that opens an entry (`qa.open`)."""
    return [(b.title, b.data["entry_id"]) for b in card_buttons(card) if b.action == "qa.open"]


def rate_actions(card: dict[str, Any]) -> list[dict[str, Any]]:
    return [a["data"] for a in card.get("actions", []) if a.get("data", {}).get("medbot") == "answer.rate"]


async def stored_ratings(bot: RunningBot) -> list[AnswerRating]:
    """The rating counts, once the service has written what it holds (it does on a timer and at shutdown)."""
    await flush_now(bot.runtime.anonymous)
    with Session(bot.runtime.engine) as session:
        return list(session.exec(select(AnswerRating)))


async def stored_unanswered(bot: RunningBot) -> list[UnansweredQuestion]:
    """The unanswered-question counts, once the service has written what it holds."""
    await flush_now(bot.runtime.anonymous)
    with Session(bot.runtime.engine) as session:
        return list(session.exec(select(UnansweredQuestion)))


async def test_employee_asks_about_doctor_visits_in_personal_chat_and_gets_answer_card_with_source(
    medbot: RunningBot, connector: FakeConnector
) -> None:
    card = await ask(medbot, connector, "Er lægebesøg med løn?")
    shown = text_of(card)
    assert "Kilde: Referat af KommuneMED 25. juni 2025" in shown
    assert "akut" in shown.lower()
    assert card["version"] == "1.5"
    [helpful, unhelpful] = rate_actions(card)
    assert helpful["helpful"] is True and unhelpful["helpful"] is False
    assert helpful["v"] == 1 and helpful["entry_id"] == unhelpful["entry_id"]


async def test_question_with_mention_in_a_channel_is_answered_in_the_thread_with_source(
    medbot: RunningBot, connector: FakeConnector
) -> None:
    envelope = activities.channel(connector.url, OES_SECRETARY)
    response = await medbot.post(activities.message(envelope, "Min søn er syg, kan jeg få fri?", mention=True))
    assert response.status == 200
    [reply] = connector.messages()
    assert reply.kind == "reply" and reply.card is not None
    shown = text_of(reply.card)
    assert "Barns 1. og 2. sygedag" in shown
    assert "Kilde:" in shown


async def test_answer_card_shows_source_details_behind_a_toggle_and_related_questions_to_open(
    small_bot: RunningBot, connector: FakeConnector
) -> None:
    card = await ask(small_bot, connector, "Hvor må jeg parkere ved rådhuset?")
    shown = text_of(card)
    assert "Parkering ved rådhuset" in shown
    assert "Kilde: Personalehåndbog for Testkommune, Punkt 1: Praktiske forhold" in shown
    assert "Gælder fra" not in shown, "in force for more than a year: `medbot ask` says no date, nor does the card"
    [details] = [e for e in card["body"] if e.get("id") == "details"]
    assert details["isVisible"] is False and "Gæster parkerer" in str(details)
    [toggle] = [a for e in card["body"] if e["type"] == "ActionSet" for a in e["actions"]]
    assert toggle["type"] == "Action.ToggleVisibility" and toggle["targetElements"] == ["details"]
    assert [a["title"] for a in card["actions"]] == ["👍 Ja", "👎 Nej"]
    assert opens(card) == [("Nøgle til cykelkælderen", "cykelkaelder")]


async def test_answer_follows_the_date_of_the_turn_and_names_the_earlier_rule(
    small_bot: RunningBot, connector: FakeConnector
) -> None:
    now_card = await ask(small_bot, connector, "Er kaffen gratis?")
    assert "Kaffe betales af afdelingen" in text_of(now_card)
    assert "Tidligere regel: Gratis kaffe til ansatte (gjaldt til og med 31. december 2025)." in text_of(now_card)
    small_bot.runtime.clock = lambda: datetime(2025, 6, 2, 9, 0, tzinfo=UTC)
    then_card = await ask(small_bot, connector, "Er kaffen gratis?")
    assert "Gratis kaffe til ansatte" in text_of(then_card)
    assert "Gælder til og med 31. december 2025." in text_of(then_card)
    assert "Fra 1. januar 2026 gælder i stedet: Kaffe betales af afdelingen." in text_of(then_card)


async def test_vague_question_gets_did_you_mean_with_suggestion_buttons_and_where_to_ask(
    small_bot: RunningBot, connector: FakeConnector
) -> None:
    card = await ask(small_bot, connector, "parkering til min campingvogn")
    shown = text_of(card)
    assert "Mente du…?" in shown
    assert "HR & Løn" in shown and "medarbejdersiden" in shown
    suggestions = opens(card)
    assert ("Parkering ved rådhuset", "parkering") in suggestions and len(suggestions) <= 3
    assert rate_actions(card) == []


async def test_a_near_miss_card_says_what_the_bot_does_not_know_and_offers_the_close_entry(
    medbot: RunningBot, connector: FakeConnector
) -> None:
    card = await ask(medbot, connector, "kan jeg få fri med løn når mit barn starter i skole")
    shown = text_of(card)
    assert "Jeg ved desværre ikke noget om »skole«" in shown
    assert any("sygedag" in title.lower() for title, _entry in opens(card))
    assert rate_actions(card) == []


async def test_a_question_about_my_own_pay_gets_where_to_look_and_no_rule(
    medbot: RunningBot, connector: FakeConnector
) -> None:
    card = await ask(medbot, connector, "hvad er min løn")
    shown = text_of(card)
    assert "lønseddel" in shown and rate_actions(card) == []


async def test_out_of_scope_question_is_refused_and_counted_without_identity(
    small_bot: RunningBot, connector: FakeConnector
) -> None:
    await ask(small_bot, connector, "Hvad er vejret i morgen?")
    card = await ask(small_bot, connector, "hvad er vejret i morgen", user=ADMIN)
    assert "Det ved jeg desværre ikke" in text_of(card)
    [row] = await stored_unanswered(small_bot)
    assert (row.question, row.count, row.asked_on) == ("hvad er vejret i morgen", 2, date(2026, 3, 2))


async def test_source_paragraph_is_quoted_with_citation_when_no_entry_fits(
    small_bot: RunningBot, connector: FakeConnector
) -> None:
    card = await ask(small_bot, connector, "Leverer frugtordningen æbler og bananer?")
    shown = text_of(card)
    assert "æbler og bananer" in shown
    assert "Kilde: Personalehåndbog for Testkommune, Punkt 2: Frugt" in shown
    assert (await stored_unanswered(small_bot)) == []


@pytest.mark.parametrize(
    ("greeting", "expected"),
    [("hej", "Spørg mig om MED"), ("Godmorgen!", "Godmorgen"), ("tak", "Selv tak")],
    ids=["hello", "good-morning", "thanks"],
)
async def test_greetings_get_a_short_friendly_reply(
    small_bot: RunningBot, connector: FakeConnector, greeting: str, expected: str
) -> None:
    await small_bot.post(activities.message(activities.personal(connector.url, OES_SECRETARY), greeting))
    [reply] = connector.messages()
    assert expected in reply.text
    assert (await stored_unanswered(small_bot)) == []


async def test_rating_is_stored_without_identity_and_the_card_is_replaced_with_thanks(
    small_bot: RunningBot, connector: FakeConnector
) -> None:
    card = await ask(small_bot, connector, "Hvor får jeg en nøgle til cykelkælderen?")
    [_helpful, unhelpful] = rate_actions(card)
    envelope = activities.personal(connector.url, OES_SECRETARY)
    response = await small_bot.post(activities.card_action(envelope, unhelpful))
    body = await response.json()
    assert response.status == 200 and body["type"] == "application/vnd.microsoft.card.adaptive"
    replaced = body["value"]
    assert "Tak for din vurdering" in text_of(replaced)
    assert "Nøglen til cykelkælderen" in text_of(replaced)
    assert rate_actions(replaced) == []
    [row] = await stored_ratings(small_bot)
    assert (row.entry_id, row.helpful, row.unhelpful, row.rated_on) == ("cykelkaelder", 0, 1, date(2026, 3, 2))
    assert OES_SECRETARY not in str(row.model_dump())


@pytest.mark.parametrize(
    "data",
    [
        {"medbot": "answer.rate", "v": 1, "entry_id": "findes-ikke", "helpful": True},
        {"medbot": "answer.rate", "v": 1, "entry_id": "parkering", "helpful": "ja"},
        {"medbot": "answer.rate", "v": 1, "helpful": True},
    ],
    ids=["unknown-entry", "helpful-not-a-boolean", "no-entry"],
)
async def test_forged_rating_gets_a_danish_message_and_stores_nothing(
    small_bot: RunningBot, connector: FakeConnector, data: dict[str, Any]
) -> None:
    envelope = activities.personal(connector.url, OES_SECRETARY)
    response = await small_bot.post(activities.card_action(envelope, data))
    body = await response.json()
    assert body["type"] == "application/vnd.microsoft.activity.message"
    assert "ikke gemt" in body["value"]
    assert (await stored_ratings(small_bot)) == []


async def test_typed_title_of_an_old_imback_suggestion_still_gets_exactly_that_answer(
    small_bot: RunningBot, connector: FakeConnector
) -> None:
    """Cards sent before `qa.open` post the suggestion's title as if typed: that keeps answering that entry."""
    card = await ask(small_bot, connector, "Nøgle til cykelkælderen")
    assert card_lines(card)[0] == "Nøgle til cykelkælderen"
    assert rate_actions(card)[0]["entry_id"] == "cykelkaelder"
    assert (await stored_unanswered(small_bot)) == []


async def test_answer_without_a_clear_margin_is_counted_for_the_editors_marked_as_unsure(
    small_bot: RunningBot, connector: FakeConnector
) -> None:
    """A wrong match shows in `medbot kb gaps` before anyone presses 👎; a sure answer is not counted."""
    unsure_question = "cykelkælder parkering"
    result = search(small_bot.runtime.knowledge.current, unsure_question, date(2026, 3, 2))
    assert result.answered and result.score < qa.SURE_SCORE, "premise: the search answers it, but not surely"
    card = await ask(small_bot, connector, unsure_question)
    assert rate_actions(card), "still answered, with its 👍/👎"
    await ask(small_bot, connector, "Hvor må jeg parkere ved rådhuset?")
    [row] = await stored_unanswered(small_bot)
    assert (row.question, row.count) == ("usikkert svar cykelkælder parkering", 1)
    with Session(small_bot.runtime.engine) as session:
        [gap] = frequent_unanswered(session)
    assert gap.question.startswith("usikkert svar ")


async def test_english_question_the_bot_is_unsure_about_gets_english_labels_and_danish_titles(
    small_bot: RunningBot, connector: FakeConnector
) -> None:
    card = await ask(small_bot, connector, "Where can I park my caravan?")
    assert card_lines(card)[:2] == [
        "Did you mean…?",
        "Sorry, I don't know anything about »caravan« – it is not in the documents I know.",
    ]
    assert opens(card) == [("Parkering ved rådhuset", "parkering")]


async def test_answer_card_cites_the_section_heading_not_the_sentence_the_editor_pointed_at(
    medbot: RunningBot, connector: FakeConnector
) -> None:
    shown = text_of(await ask(medbot, connector, "akut tandpine i arbejdstiden"))
    assert "Kilde: Referat af KommuneMED 25. juni 2025, Punkt 2: Orientering fra forperson og næstforperson" in shown
    assert "Kilde: Referat af KommuneMED 25. juni 2025, Det kan f.eks." not in shown


def test_terminal_chat_counts_what_it_could_not_answer_and_a_rating_when_it_ends(tmp_path: Path) -> None:
    database = tmp_path / "chat.db"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "MEDBOT_KNOWLEDGE_DIR": str(write_small_knowledge(tmp_path / "knowledge")),
    }
    result = subprocess.run(
        [sys.executable, "-m", "bot", "chat"],
        input="Hvad er vejret i morgen?\nHvor må jeg parkere ved rådhuset?\n1\nfarvel\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "[1] 👍 Ja" in result.stdout and "Tak for din vurdering" in result.stdout
    engine = make_engine(f"sqlite:///{database}")
    try:
        with Session(engine) as session:
            asked = [(r.question, r.count) for r in session.exec(select(UnansweredQuestion))]
            rated = [(r.entry_id, r.helpful, r.unhelpful) for r in session.exec(select(AnswerRating))]
    finally:
        engine.dispose()
    assert asked == [("hvad er vejret i morgen", 1)]
    assert rated == [("parkering", 1, 0)]
