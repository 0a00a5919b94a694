"""One rating per answer message: the real server, Teams-shaped clicks, replies recorded at the fake connector.

A rating is keyed on the answer card's message id (the click's `replyToId`), never on who clicked: in a 1:1 chat
each person gets their own answer message, so one rating per message is one per person. The mark lives in the
database, so a restart or another replica still refuses the second click.
"""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session, select

from bot.anonymous import flush_now
from bot.chat import card_lines
from bot.config import Settings
from dialogs.cards.qa import ALREADY_RATED, THANKS_FOR_RATING
from storage.knowledge import AnswerRating
from tests.conftest import KOMMUNEMED_SECRETARY, OES_SECRETARY
from tests.support import activities
from tests.support.fake_connector import FakeConnector, Recorded
from tests.support.knowledge import write_small_knowledge
from tests.support.service import RunningBot, sqlite_settings, start

MARCH_2026 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
QUESTION = "Hvor får jeg en nøgle til cykelkælderen?"
_submits = itertools.count(1)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """A SQLite file and the small fictional knowledge, kept across restarts within a test."""
    return sqlite_settings(tmp_path, knowledge_dir=write_small_knowledge(tmp_path / "knowledge"))


async def start_bot(settings: Settings) -> RunningBot:
    """medbot on a fixed day in March 2026."""
    bot = await start(settings)
    bot.runtime.clock = lambda: MARCH_2026
    return bot


@pytest.fixture
async def bot(settings: Settings) -> AsyncIterator[RunningBot]:
    running = await start_bot(settings)
    yield running
    await running.stop()


def message_id(connector: FakeConnector, message: Recorded) -> str:
    """The id the fake connector gave a message the bot sent ('act-N', N counting every recorded call)."""
    return f"act-{connector.recorded.index(message) + 1}"


async def ask_for_answer(bot: RunningBot, connector: FakeConnector, user: str) -> tuple[str, dict[str, Any]]:
    """Ask in a 1:1 chat; the answer card's message id and its 👍 payload."""
    await bot.post(activities.message(activities.personal(connector.url, user), QUESTION))
    answer = connector.messages()[-1]
    assert answer.card is not None
    [thumbs_up] = [a["data"] for a in answer.card["actions"] if a.get("data", {}).get("helpful") is True]
    return message_id(connector, answer), thumbs_up


async def click(bot: RunningBot, connector: FakeConnector, user: str, data: dict[str, Any], card_id: str) -> str:
    """Action.Execute on the card `card_id`; the text of the card Teams puts in its place."""
    response = await bot.post(activities.card_action(activities.personal(connector.url, user), data, reply_to=card_id))
    body = await response.json()
    assert response.status == 200 and body["type"] == "application/vnd.microsoft.card.adaptive", body
    replaced: dict[str, Any] = body["value"]
    assert [a for a in replaced.get("actions", []) if a.get("data", {}).get("medbot") == "answer.rate"] == []
    return "\n".join(card_lines(replaced))


async def submit(bot: RunningBot, connector: FakeConnector, user: str, data: dict[str, Any], card_id: str) -> None:
    """Action.Submit from an older card: a message whose value is the payload, replying to the card."""
    envelope = activities.personal(connector.url, user)
    activity = {**envelope, "id": f"submit-{next(_submits)}", "type": "message", "replyToId": card_id, "value": data}
    response = await bot.post(activity)
    assert response.status == 200


async def ratings(bot: RunningBot) -> list[tuple[str, int, int]]:
    """(entry, 👍, 👎) per stored row, once the service has written what it holds."""
    await flush_now(bot.runtime.anonymous)
    with Session(bot.runtime.engine) as session:
        return [(r.entry_id, r.helpful, r.unhelpful) for r in session.exec(select(AnswerRating))]


async def test_fifty_clicks_on_one_answer_count_once_and_every_later_click_is_thanked_kindly(
    bot: RunningBot, connector: FakeConnector
) -> None:
    card_id, thumbs_up = await ask_for_answer(bot, connector, OES_SECRETARY)
    shown = [await click(bot, connector, OES_SECRETARY, thumbs_up, card_id) for _ in range(50)]
    assert THANKS_FOR_RATING in shown[0] and "Nøglen til cykelkælderen" in shown[0]
    assert all(ALREADY_RATED in later and THANKS_FOR_RATING not in later for later in shown[1:])
    assert await ratings(bot) == [("cykelkaelder", 1, 0)]
    assert len(connector.messages()) == 1, "no extra chat messages: the card itself answers"


async def test_thumbs_down_after_thumbs_up_on_the_same_answer_changes_nothing(
    bot: RunningBot, connector: FakeConnector
) -> None:
    card_id, thumbs_up = await ask_for_answer(bot, connector, OES_SECRETARY)
    await click(bot, connector, OES_SECRETARY, thumbs_up, card_id)
    assert ALREADY_RATED in await click(bot, connector, OES_SECRETARY, {**thumbs_up, "helpful": False}, card_id)
    assert await ratings(bot) == [("cykelkaelder", 1, 0)]


async def test_an_older_cards_submit_is_thanked_in_place_and_a_second_submit_counts_nothing(
    bot: RunningBot, connector: FakeConnector
) -> None:
    card_id, thumbs_up = await ask_for_answer(bot, connector, OES_SECRETARY)
    for _ in range(3):
        await submit(bot, connector, OES_SECRETARY, thumbs_up, card_id)
    updates = [r for r in connector.recorded if r.kind == "update"]
    assert len(updates) == 3 and all(u.activity["id"] == card_id for u in updates)
    texts = ["\n".join(card_lines(u.card or {})) for u in updates]
    assert THANKS_FOR_RATING in texts[0] and all(ALREADY_RATED in t for t in texts[1:])
    assert len(connector.messages()) == 1
    assert await ratings(bot) == [("cykelkaelder", 1, 0)]


async def test_two_employees_each_rate_their_own_answer_and_both_count(
    bot: RunningBot, connector: FakeConnector
) -> None:
    for user in (OES_SECRETARY, KOMMUNEMED_SECRETARY):
        card_id, thumbs_up = await ask_for_answer(bot, connector, user)
        assert THANKS_FOR_RATING in await click(bot, connector, user, thumbs_up, card_id)
    assert await ratings(bot) == [("cykelkaelder", 2, 0)]


async def test_a_click_after_a_restart_still_counts_nothing(settings: Settings, connector: FakeConnector) -> None:
    first = await start_bot(settings)
    card_id, thumbs_up = await ask_for_answer(first, connector, OES_SECRETARY)
    await click(first, connector, OES_SECRETARY, thumbs_up, card_id)
    await first.stop()

    second = await start_bot(settings)
    try:
        assert ALREADY_RATED in await click(second, connector, OES_SECRETARY, thumbs_up, card_id)
        assert await ratings(second) == [("cykelkaelder", 1, 0)]
    finally:
        await second.stop()
