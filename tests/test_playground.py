"""Teams without Teams: medbot in Microsoft 365 Agents Playground, driven by Playwright in headless Chromium.

The Playground is Microsoft's Teams emulator: it renders cards with Teams' rendering technology, speaks the Teams
channel's protocol (message, invoke for Action.Execute) and writes what it does not support into its log panel.
"""

from __future__ import annotations

import asyncio
import json
import re
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from bot.anonymous import flush_now
from bot.config import PROJECT_ROOT
from dialogs import qa
from dialogs.cards import qa as qa_cards
from knowledge.search import search
from storage.db import session_scope
from storage.knowledge import AnswerRating
from tests.cards.harness import HERE, MODULES, Tools, require_tools
from tests.support.service import RunningBot

pytestmark = pytest.mark.slow

PLAYGROUND_CLI = MODULES / "@microsoft" / "m365agentsplayground" / "cli.js"
SCREENSHOT = PROJECT_ROOT / "var" / "playground" / "samtale.png"
TAPS_SCREENSHOT = PROJECT_ROOT / "var" / "playground" / "mente-du.png"
VAGUE_QUESTION = "omsorgsdage"  # no entry is about it; the ones on a child's sick days come close


# Playground limitations, not card defects: Teams itself renders these (the Playground says "try it in real
# environment"). card() in dialogs/cards asks Teams for full-width cards.
def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@asynccontextmanager
async def playground_in(folder: Path, tools: Tools, endpoint: str) -> AsyncIterator[str]:
    """The Playground started in `folder` (it reads its config from there and writes devTools/ logs into it),
    talking to the bot at `endpoint`; yields its URL."""
    process = await asyncio.create_subprocess_exec(
        tools.node,
        str(PLAYGROUND_CLI),
        "start",
        "-e",
        endpoint,
        "-c",
        "msteams",
        "--disable-telemetry",
        "-p",
        str(free_port()),
        cwd=folder,
        env=tools.env(),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    try:
        assert process.stdout is not None
        line = await asyncio.wait_for(process.stdout.readline(), timeout=60)
        listening = re.search(rb"Listening on (\d+)", line)
        assert listening, f"the Playground did not start: {line!r}"
        yield f"http://127.0.0.1:{int(listening.group(1))}/"
    finally:
        process.terminate()
        await process.wait()


@pytest.fixture
async def playground(medbot: RunningBot, tmp_path: Path) -> AsyncIterator[tuple[Tools, str]]:
    """The Playground connected to a real medbot on loopback; yields the tools and the Playground's URL."""
    tools = require_tools("playwright-core", "@microsoft/m365agentsplayground")
    async with playground_in(tmp_path, tools, f"{medbot.url}/api/messages") as url:
        yield tools, url


async def drive(tools: Tools, **config: Any) -> dict[str, Any]:
    """Run the Playwright script against the Playground; its JSON report."""
    driver = await asyncio.create_subprocess_exec(
        tools.node,
        str(HERE / "playground.cjs"),
        json.dumps(config),
        env=tools.env(),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(driver.communicate(), timeout=240)
    assert driver.returncode == 0, err.decode()
    report: dict[str, Any] = json.loads(out)
    return report


async def test_employee_asks_in_the_playground_rates_the_answer_and_nothing_is_unsupported(
    medbot: RunningBot, playground: tuple[Tools, str]
) -> None:
    tools, url = playground
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)

    report = await drive(
        tools,
        url=url,
        question="Får jeg løn, når jeg går til lægen?",
        expectAnswer=qa_cards.RATE_PROMPT,
        button=qa_cards.HELPFUL,
        expectAfter=qa_cards.THANKS_FOR_RATING,
        screenshot=str(SCREENSHOT),
    )

    assert "error" not in report, f"{report.get('error')}\nsteps: {report['steps']}\nlog:\n{report.get('log')}"
    assert "Kilde:" in report["answerText"] and "læge" in report["answerText"].lower()
    assert qa_cards.THANKS_FOR_RATING in report["afterText"]
    assert re.search(r"invoke 200", report["log"]), report["log"]
    unsupported = [line for line in report["log"].splitlines() if "not supported" in line.lower()]
    assert unsupported == []
    await flush_now(medbot.runtime.anonymous)  # ratings are held in memory and written apart from the turn
    with session_scope(medbot.runtime.engine) as session:
        ratings = session.exec(select(AnswerRating)).all()
        assert [(r.helpful, r.unhelpful) for r in ratings] == [(1, 0)]


async def test_employee_taps_a_did_you_mean_suggestion_then_a_related_question_and_gets_both_answers(
    medbot: RunningBot, playground: tuple[Tools, str]
) -> None:
    """Suggestions and related questions are plain submits (`qa.open`): the Playground drops imBack silently."""
    tools, url = playground
    kb = medbot.runtime.knowledge.current
    today = medbot.runtime.clock().astimezone(ZoneInfo(medbot.runtime.settings.timezone)).date()
    vague = search(kb, VAGUE_QUESTION, today)
    assert not vague.answered and vague.suggestions, "premise: the bot is unsure and has suggestions"
    suggestion = vague.suggestions[0]
    opened = qa.entry_answer(kb, suggestion, today)
    assert opened is not None
    related = qa.answer_view(kb, opened, today).related
    assert related, f"premise: {suggestion.id} has related entries in force"
    TAPS_SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)

    report = await drive(
        tools,
        url=url,
        question=VAGUE_QUESTION,
        expectAnswer=qa_cards.DID_YOU_MEAN,
        then=[
            {"tap": suggestion.title, "expect": qa_cards.RATE_PROMPT},
            {"tap": related[0].title, "expect": qa_cards.RATE_PROMPT},
        ],
        screenshot=str(TAPS_SCREENSHOT),
    )

    assert "error" not in report, f"{report.get('error')}\nsteps: {report['steps']}\nlog:\n{report.get('log')}"
    assert suggestion.title in report["answerText"]
    suggested, related_answer = report["thenTexts"]
    assert suggested.startswith(suggestion.title) and "Kilde:" in suggested
    assert related_answer.startswith(related[0].title) and "Kilde:" in related_answer
    unsupported = [line for line in report["log"].splitlines() if "not supported" in line.lower()]
    assert unsupported == []
