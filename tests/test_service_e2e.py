"""End to end: the real server on loopback, Teams-shaped activities in, replies recorded at the fake connector."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime
from typing import Any

import pytest
import sqlalchemy
from sqlmodel import Session

from bot.anonymous import flush_now
from bot.chat import card_buttons, card_lines
from dialogs.cards import qa as qa_cards
from storage.conversations import Conversation
from tests.conftest import OES_SECRETARY
from tests.support import activities
from tests.support.fake_connector import FakeConnector
from tests.support.service import RunningBot

_submits = itertools.count(1)


async def test_install_in_personal_chat_welcomes_in_danish_and_stores_the_reference(
    medbot: RunningBot, connector: FakeConnector
) -> None:
    envelope = activities.personal(connector.url, OES_SECRETARY)
    response = await medbot.post(activities.installed(envelope))
    assert response.status == 200
    [welcome] = connector.messages()
    assert welcome.card is not None and "MED-assistenten" in str(welcome.card)
    with Session(medbot.runtime.engine) as session:
        stored = session.get(Conversation, envelope["conversation"]["id"])
    assert stored is not None and stored.kind == "personal" and stored.user_aad_id == OES_SECRETARY
    assert stored.service_url == connector.url and stored.tenant_id == activities.TENANT


async def test_help_in_a_channel_with_mention_answers_in_the_thread(
    medbot: RunningBot, connector: FakeConnector
) -> None:
    envelope = activities.channel(connector.url, OES_SECRETARY)
    response = await medbot.post(activities.message(envelope, "hjælp", mention=True))
    assert response.status == 200
    [reply] = connector.messages()
    assert reply.kind == "reply"
    assert "Det kan jeg hjælpe med" in str(reply.card)


async def test_healthz_reports_database(medbot: RunningBot) -> None:
    response = await medbot.http.get(f"{medbot.url}/healthz")
    body = await response.json()
    assert (body["database"], body["evaluator"]) == ("ok", True)  # SQLite: one process, always the evaluator


# --- Opening an entry from a card (`qa.open`): suggestions and related questions -------------------------------


def submit(envelope: dict[str, Any], data: dict[str, Any], reply_to: str) -> dict[str, Any]:
    """An Action.Submit click as Teams posts it: a message without text whose value is the button's data."""
    return {**envelope, "id": f"in-submit-{next(_submits)}", "type": "message", "replyToId": reply_to, "value": data}


async def one_card(bot: RunningBot, connector: FakeConnector, activity: dict[str, Any]) -> dict[str, Any]:
    """Post one activity and return the single card the bot sent back."""
    before = len(connector.messages())
    response = await bot.post(activity)
    assert response.status == 200
    replies = connector.messages()[before:]
    assert len(replies) == 1 and replies[0].card is not None, [r.activity for r in replies]
    return replies[0].card


def button(card: dict[str, Any], title: str) -> dict[str, Any]:
    """The data of the card's button called `title`."""
    [found] = [b.data for b in card_buttons(card) if b.title == title]
    return found


async def database(bot: RunningBot) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, once the anonymous counts held in memory are written."""
    await flush_now(bot.runtime.anonymous)
    with bot.runtime.engine.connect() as connection:
        tables = sqlalchemy.inspect(connection).get_table_names()
        return {
            t: sorted(map(tuple, connection.execute(sqlalchemy.text(f'SELECT * FROM "{t}"'))), key=repr) for t in tables
        }


async def test_employee_taps_a_did_you_mean_suggestion_and_gets_that_entrys_answer(
    small_bot: RunningBot, connector: FakeConnector
) -> None:
    envelope = activities.personal(connector.url, OES_SECRETARY)
    unsure = await one_card(small_bot, connector, activities.message(envelope, "parkering til min campingvogn"))
    data = button(unsure, "Parkering ved rådhuset")
    assert data == {"medbot": "qa.open", "v": 1, "entry_id": "parkering"}
    answer = await one_card(small_bot, connector, submit(envelope, data, reply_to="act-unsure"))
    shown = card_lines(answer)
    assert shown[0] == "Parkering ved rådhuset"
    assert "Ansatte parkerer gratis på rådhusets p-plads bag bygning B." in shown
    assert [a["data"]["entry_id"] for a in answer["actions"]] == ["parkering", "parkering"]
    related = await one_card(small_bot, connector, submit(envelope, button(answer, "Nøgle til cykelkælderen"), "x"))
    assert card_lines(related)[0] == "Nøgle til cykelkælderen"
    assert [r for r in connector.recorded if r.kind == "update"] == [], (
        "a tap opens a new answer; the tapped card stays"
    )


async def test_opened_entry_is_answered_as_of_the_local_date_of_the_click(
    small_bot: RunningBot, connector: FakeConnector
) -> None:
    """23:30 UTC on New Year's Eve is already 1 January in Copenhagen: the free-coffee rule has ended."""
    small_bot.runtime.clock = lambda: datetime(2025, 12, 31, 23, 30, tzinfo=UTC)
    envelope = activities.personal(connector.url, OES_SECRETARY)
    data = {"medbot": "qa.open", "v": 1, "entry_id": "kaffe-gratis"}
    shown = card_lines(await one_card(small_bot, connector, submit(envelope, data, reply_to="act-old")))
    assert shown[:2] == ["Gratis kaffe til ansatte", "Bemærk: Denne regel gjaldt kun til og med 31. december 2025."]
    assert "I dag gælder: Kaffe betales af afdelingen." in shown


async def test_title_posted_by_an_old_imback_card_still_answers_that_entry(
    small_bot: RunningBot, connector: FakeConnector
) -> None:
    envelope = activities.personal(connector.url, OES_SECRETARY)
    card = await one_card(small_bot, connector, activities.message(envelope, "Nøgle til cykelkælderen"))
    assert card_lines(card)[0] == "Nøgle til cykelkælderen"
    assert "Nøglen til cykelkælderen får du i receptionen mod et depositum på 100 kr." in card_lines(card)


@pytest.mark.parametrize(
    "data",
    [
        {"medbot": "qa.open", "v": 1, "entry_id": "fjernet-ved-genindlaesning"},
        {"medbot": "qa.open", "v": 1, "entry_id": ["parkering"]},
        {"medbot": "qa.open", "v": 1},
    ],
    ids=["entry-removed-since", "id-not-text", "no-id"],
)
async def test_stale_or_forged_open_click_answers_politely_in_danish_and_changes_nothing(
    small_bot: RunningBot, connector: FakeConnector, data: dict[str, Any]
) -> None:
    envelope = activities.personal(connector.url, OES_SECRETARY)
    await one_card(small_bot, connector, activities.message(envelope, "parkering til min campingvogn"))
    before = await database(small_bot)
    sent = len(connector.messages())
    response = await small_bot.post(submit(envelope, data, reply_to="act-stale"))
    assert response.status == 200
    [reply] = connector.messages()[sent:]
    assert reply.text == qa_cards.OPEN_STALE and reply.card is None
    assert await database(small_bot) == before
