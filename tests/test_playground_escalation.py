"""'Spørg HR & Løn' in Microsoft 365 Agents Playground: the employee's side as Teams renders it, HR & Løn's beside it.

The employee (config/playground/medarbejder.yml) asks something the bot does not know, presses "Spørg HR & Løn",
reads the consent card and sends; HR & Løn's channel is a loopback fake Bot Connector, where the inbox card arrives
and an HR colleague answers. The answer then reaches the employee's chat in the Playground through the outbox.
"""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import yaml
from sqlmodel import Session, select

from bot.config import PROJECT_ROOT
from dialogs.cards import qa as qa_cards
from dialogs.escalations import texts
from storage.escalations import Escalation
from tests.cards.harness import Tools, require_tools
from tests.conftest import ADMIN
from tests.support import activities
from tests.support.fake_connector import FakeConnector, Recorded
from tests.support.feedback import button
from tests.support.service import RunningBot, sqlite_settings, start
from tests.test_playground import drive, playground_in

pytestmark = pytest.mark.slow

EMPLOYEE_CONFIG = PROJECT_ROOT / "config" / "playground" / "medarbejder.yml"
SCREENSHOT = PROJECT_ROOT / "var" / "playground" / "spoerg-hr.png"
INBOX = "19:hr-loen@thread.tacv2"
QUESTION = "Må jeg tage min hund med på arbejde?"
ANSWER = "Nej, hunde må ikke komme med på arbejdspladsen. Tal med din leder, hvis du har brug for en fridag."


@pytest.fixture
async def hr_bot(tmp_path: Path, connector: FakeConnector) -> AsyncIterator[RunningBot]:
    """medbot whose HR & Løn inbox is a channel at the fake connector, where the app is installed."""
    bot = await start(sqlite_settings(tmp_path, admins=frozenset({ADMIN}), escalation_channel=INBOX))
    hr_channel = activities.channel(connector.url, ADMIN, channel_id=INBOX, user_name="Hanne Fiktivsen")
    assert (await bot.post(activities.installed(hr_channel))).status < 300
    yield bot
    await bot.stop()


@pytest.fixture
async def playground(hr_bot: RunningBot, tmp_path: Path) -> AsyncIterator[tuple[Tools, str]]:
    """The Playground as the employee of config/playground, connected to medbot."""
    tools = require_tools("playwright-core", "@microsoft/m365agentsplayground")
    folder = tmp_path / "playground"
    folder.mkdir()
    shutil.copyfile(EMPLOYEE_CONFIG, folder / ".m365agentsplayground.yml")
    async with playground_in(folder, tools, f"{hr_bot.url}/api/messages") as url:
        yield tools, url


async def inbox_card(connector: FakeConnector, within: float = 120) -> Recorded:
    """The question's card in HR & Løn's channel, once the outbox has delivered it."""
    for _ in range(int(within / 0.1)):
        if delivered := connector.messages(INBOX):
            return delivered[0]
        await asyncio.sleep(0.1)
    raise AssertionError("no card reached HR & Løn's channel")


async def hr_answers(bot: RunningBot, connector: FakeConnector) -> Recorded:
    """An HR colleague answers in the inbox card as soon as it arrives; the card as it arrived."""
    inbox = await inbox_card(connector)
    assert inbox.card is not None
    hr_channel = activities.channel(connector.url, ADMIN, channel_id=INBOX, user_name="Hanne Fiktivsen")
    data = {**button(inbox.card, texts.SEND_ANSWER), texts.ANSWER_INPUT: ANSWER}
    card_id = f"act-{connector.recorded.index(inbox) + 1}"
    response = await bot.post(activities.card_action(hr_channel, data, reply_to=card_id))
    body = await response.json()
    assert body["type"] == "application/vnd.microsoft.card.adaptive", body
    return inbox


async def test_employee_asks_hr_in_the_playground_sees_the_consent_sends_and_gets_the_answer(
    hr_bot: RunningBot, connector: FakeConnector, playground: tuple[Tools, str]
) -> None:
    tools, url = playground
    name = yaml.safe_load(EMPLOYEE_CONFIG.read_text(encoding="utf-8"))["currentUser"]["name"]
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)

    report, inbox = await asyncio.gather(
        drive(
            tools,
            url=url,
            question=QUESTION,
            expectAnswer=qa_cards.ESCALATE,
            button=qa_cards.ESCALATE,
            expectAfter=texts.SEND,
            then=[
                {"press": texts.SEND, "expect": texts.ON_ITS_WAY},
                {"wait": True, "expect": texts.ANSWER_TITLE},
            ],
            screenshot=str(SCREENSHOT),
        ),
        hr_answers(hr_bot, connector),
    )

    assert "error" not in report, f"{report.get('error')}\nsteps: {report['steps']}\nlog:\n{report.get('log')}"
    assert QUESTION in report["afterText"] and f"Dit navn ({name}) sendes med" in report["afterText"]
    on_its_way, answered = report["thenTexts"]
    assert texts.ON_ITS_WAY in on_its_way
    assert ANSWER in answered and QUESTION in answered and "Besvaret af Hanne Fiktivsen" in answered
    assert inbox.card is not None and QUESTION in str(inbox.card) and name in str(inbox.card)
    unsupported = [line for line in report["log"].splitlines() if "not supported" in line.lower()]
    assert unsupported == []
    with Session(hr_bot.runtime.engine) as session:
        [row] = session.exec(select(Escalation)).all()
    assert (row.state, row.asker_name, row.answered_by) == ("answered", name, "Hanne Fiktivsen")
