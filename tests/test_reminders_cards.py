"""Reminder cards through the real server: delivered 1:1, marked done or put off in place, the overview follows."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session, select

from bot.outbox import DISPATCHER_KEY
from bot.scheduler import run_due
from dialogs.reminders import Rule, Status, cards, load_rules, texts
from storage.outbox import OutboxMessage
from storage.reminders import ReminderDiscussion, latest_discussions
from tests.conftest import ADMIN, KOMMUNEMED_SECRETARY, OES_SECRETARY, OUTSIDER
from tests.support import activities
from tests.support.fake_connector import FakeConnector, Recorded
from tests.support.service import RunningBot, sqlite_settings, start

OES = "AfdelingsMED Økonomi & Stab"
OES_CHAIR = "00000000-0000-4000-8000-000000000005"
VIOLENCE_TITLE = "Årlig drøftelse af retningslinjen om vold og trusler"
# ØS discussed violence and threats on 25 August 2026 and does it twice a year: due Thursday 25 February 2027.
OES_LEAD = datetime(2027, 2, 4, 8, 5, tzinfo=UTC)  # Thursday 4 February, 09:05 in Copenhagen
OES_DUE = datetime(2027, 2, 25, 8, 5, tzinfo=UTC)


@dataclass
class Clock:
    """The time the dialogs, the evaluation and the dispatcher see; the test moves it."""

    now: datetime

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
async def bot(tmp_path: Path) -> AsyncIterator[RunningBot]:
    """medbot on SQLite with the example organisation (ØS reviews violence and threats every 6 months)."""
    running = await start(sqlite_settings(tmp_path, admins=frozenset({ADMIN})))
    yield running
    await running.stop()


def follow(bot: RunningBot, moment: datetime) -> Clock:
    """Set the bot's clock (dialogs and outbox dispatcher) to `moment`."""
    clock = Clock(moment)
    bot.runtime.clock = clock
    bot.runner.app[DISPATCHER_KEY].clock = clock
    return clock


async def evaluate(bot: RunningBot) -> int:
    """What the scheduler's tick (and `medbot reminders run --now`) does, at the bot's clock."""
    runtime = bot.runtime
    result = await asyncio.to_thread(run_due, runtime.engine, runtime.clock(), runtime.tz, runtime.settings.config_dir)
    return result.reminders


def reminders_at(connector: FakeConnector) -> list[Recorded]:
    """Reminder cards the bot sent, in order."""
    return [m for m in connector.messages() if m.card and str(m.card).count("reminder.done")]


def button(card: dict[str, Any], title: str) -> dict[str, Any]:
    """The data Teams sends when the button titled `title` is clicked (before input values)."""
    for action in card.get("actions") or []:
        if action.get("title") == title:
            return dict(action["data"])
    raise AssertionError(f"no button {title!r}")


async def click(bot: RunningBot, envelope: dict[str, Any], data: dict[str, Any]) -> dict[str, Any]:
    """Post an Action.Execute invoke; returns the invoke response body."""
    response = await bot.post(activities.card_action(envelope, data))
    assert response.status == 200
    body: dict[str, Any] = await response.json()
    return body


def card_facts(card: dict[str, Any]) -> list[dict[str, str]]:
    """Every fact (title, value) on a card."""
    return [fact for element in card["body"] if element["type"] == "FactSet" for fact in element["facts"]]


def card_of(body: dict[str, Any]) -> str:
    """The replacing card of an invoke response, as text, or fail."""
    assert body["type"] == "application/vnd.microsoft.card.adaptive", body
    return json.dumps(body["value"], ensure_ascii=False)


def message_of(body: dict[str, Any]) -> str:
    """The short message of an invoke response that left the card as it was."""
    assert body["type"] == "application/vnd.microsoft.activity.message", body
    return str(body["value"])


async def overview(bot: RunningBot, connector: FakeConnector, user: str) -> Recorded:
    """`påmindelser` in the user's 1:1 chat; returns the reply."""
    before = len(connector.messages())
    await bot.post(activities.message(activities.personal(connector.url, user), "påmindelser"))
    replies = await connector.wait_for(before + 1)
    return replies[-1]


async def oes_reminder(bot: RunningBot, connector: FakeConnector, moment: datetime) -> Recorded:
    """ØS's secretary has the app; the evaluation at `moment` sends her the violence and threats reminder."""
    me = activities.personal(connector.url, OES_SECRETARY, user_name="Frederik Fiktivsen")
    await bot.post(activities.installed(me))
    follow(bot, moment)
    assert await evaluate(bot) == 1
    await connector.wait_for(2)
    [reminder] = reminders_at(connector)
    return reminder


async def test_secretary_gets_the_violence_review_reminder_1to1_with_what_why_source_and_due_date(
    bot: RunningBot, connector: FakeConnector
) -> None:
    reminder = await oes_reminder(bot, connector, OES_LEAD)
    assert reminder.conversation_id == f"a:personal-{OES_SECRETARY}"
    assert reminder.card is not None
    text = json.dumps(reminder.card, ensure_ascii=False)
    assert VIOLENCE_TITLE in text
    assert "Fristen er **torsdag 25. februar 2027**" in text
    assert {"title": "Frist", "value": "torsdag 25. februar 2027 (om 21 dage)"} in card_facts(reminder.card)
    assert "Kilde: Referat af AfdelingsMED Økonomi & Stab 27. august 2024, punkt 10" in text
    assert "Denne retningslinje skal drøftes minimum en gang om året" in text
    assert "har aftalt at drøfte det hvert halve år" in text
    assert [a["title"] for a in reminder.card["actions"]] == ["Markér som drøftet", "Udskyd en uge", "Læs mere"]
    assert button(reminder.card, "Markér som drøftet")["medbot"] == "reminder.done"
    # "Læs mere" opens the entry the rule cites by id, the way every answer button does (imBack fails in some clients)
    assert button(reminder.card, "Læs mere") == {"medbot": "qa.open", "v": 1, "entry_id": "vold-og-trusler-hvor-ofte"}
    with Session(bot.runtime.engine) as session:
        [row] = session.exec(select(OutboxMessage).where(OutboxMessage.dedupe_key.startswith("reminder:")))
    assert row.dedupe_key == "reminder:vold-og-trusler:afdelingsmed-oes:2027-02-25:lead"


async def test_secretary_marks_violence_review_done_card_updates_in_place_and_overview_moves(
    bot: RunningBot, connector: FakeConnector
) -> None:
    reminder = await oes_reminder(bot, connector, OES_DUE)
    assert reminder.card is not None
    me = activities.personal(connector.url, OES_SECRETARY, user_name="Frederik Fiktivsen")
    done = {**button(reminder.card, "Markér som drøftet"), "discussed_on": "2027-02-23"}
    receipt = card_of(await click(bot, me, done))
    assert "Markeret som drøftet" in receipt
    assert "23. februar 2027" in receipt and "Frederik Fiktivsen" in receipt
    assert '"Næste frist", "value": "mandag 23. august 2027"' in receipt

    shown = await overview(bot, connector, OES_SECRETARY)
    text = json.dumps(shown.card, ensure_ascii=False)
    assert "senest drøftet 23. februar 2027" in text and "frist 23. august 2027" in text
    with Session(bot.runtime.engine) as session:
        latest = latest_discussions(session)[("afdelingsmed-oes", "vold-og-trusler")]
    assert (latest.discussed_on, latest.recorded_by, latest.via) == (date(2027, 2, 23), "p06", "card")

    # A week later no follow-up comes for the answered due date.
    follow(bot, OES_DUE + timedelta(days=7))
    assert await evaluate(bot) == 0


async def test_someone_else_or_a_forged_occurrence_changes_nothing_and_says_why(
    bot: RunningBot, connector: FakeConnector
) -> None:
    reminder = await oes_reminder(bot, connector, OES_DUE)
    assert reminder.card is not None
    done = {**button(reminder.card, "Markér som drøftet"), "discussed_on": "2027-02-23"}
    secretary = activities.personal(connector.url, OES_SECRETARY)

    for other in (OUTSIDER, KOMMUNEMED_SECRETARY):
        refusal = message_of(await click(bot, activities.personal(connector.url, other), done))
        assert refusal == texts.NOT_YOURS.format(committee=OES)
    forged = message_of(await click(bot, secretary, {**done, "occurrence_id": "forged-0000"}))
    assert forged == texts.UNKNOWN_OCCURRENCE
    future = message_of(await click(bot, secretary, {**done, "discussed_on": "2027-03-01"}))
    assert future.startswith("Datoen 1. marts 2027 ligger ude i fremtiden")
    malformed = message_of(await click(bot, secretary, {**done, "discussed_on": "i går"}))
    assert malformed.startswith("Jeg kan ikke læse datoen »i går«")
    older = message_of(await click(bot, secretary, {**done, "discussed_on": "2026-08-01"}))
    assert older.startswith(f"{OES} har allerede en drøftelse registreret 25. august 2026")

    with Session(bot.runtime.engine) as session:
        rows = list(
            session.exec(select(ReminderDiscussion).where(ReminderDiscussion.committee_id == "afdelingsmed-oes"))
        )
    assert [r.discussed_on for r in rows] == [date(2026, 8, 25)]
    shown = json.dumps((await overview(bot, connector, OES_SECRETARY)).card, ensure_ascii=False)
    assert "senest drøftet 25. august 2026" in shown and "frist 25. februar 2027 (i dag)" in shown


async def test_second_click_shows_who_marked_it_first(bot: RunningBot, connector: FakeConnector) -> None:
    reminder = await oes_reminder(bot, connector, OES_DUE)
    assert reminder.card is not None
    done = button(reminder.card, "Markér som drøftet")
    card_of(await click(bot, activities.personal(connector.url, OES_SECRETARY), done))
    again = card_of(await click(bot, activities.personal(connector.url, OES_CHAIR), done))
    assert "Drøftelsen var allerede markeret" in again and "Frederik Fiktivsen" in again
    assert "25. februar 2027" in again  # an empty date field means the day of the click


async def test_chair_puts_the_reminder_off_a_week_and_it_comes_back_once(
    bot: RunningBot, connector: FakeConnector
) -> None:
    reminder = await oes_reminder(bot, connector, OES_LEAD)
    assert reminder.card is not None
    chair = activities.personal(connector.url, OES_CHAIR)
    snoozed = card_of(await click(bot, chair, button(reminder.card, "Udskyd en uge")))
    assert "Udskudt en uge" in snoozed and "11. februar 2027" in snoozed

    follow(bot, OES_LEAD + timedelta(days=6))
    assert await evaluate(bot) == 0
    follow(bot, OES_LEAD + timedelta(days=7))
    assert await evaluate(bot) == 1
    assert await evaluate(bot) == 0
    await connector.wait_for(3)
    _lead, again = reminders_at(connector)
    assert again.card is not None and "Du bad mig minde dig om det igen" in json.dumps(again.card, ensure_ascii=False)


async def test_kommunemed_sees_every_committee_grouped_by_department_with_overdue_marked(
    bot: RunningBot, connector: FakeConnector
) -> None:
    follow(bot, datetime(2026, 11, 24, 9, 0, tzinfo=UTC))
    shown = await overview(bot, connector, KOMMUNEMED_SECRETARY)
    assert shown.card is not None
    text = json.dumps(shown.card, ensure_ascii=False)
    assert len(text.encode()) < 25_000
    assert "Faste drøftelser i MED-udvalgene" in text
    for department in ("Økonomi & Stab", "Ældre, Sundhed & Social", "Dagtilbud & Skole", "Børn & Familie"):
        assert department in text
    assert "ArbejdspladsMED IT & Digitalisering" in text and "Personalemøde med MED-status: Børnehaven" in text
    assert "**frist 12. november 2026 (overskredet med 12 dage)**" in text
    assert {"title": "Overskredet", "value": "1"} in shown.card["body"][2]["facts"]


async def test_secretary_sees_only_her_committees_and_an_employee_is_told_what_to_do(
    bot: RunningBot, connector: FakeConnector
) -> None:
    follow(bot, datetime(2026, 11, 24, 9, 0, tzinfo=UTC))
    shown = json.dumps((await overview(bot, connector, OES_SECRETARY)).card, ensure_ascii=False)
    assert "Dine udvalgs faste drøftelser" in shown and OES in shown
    assert "IT & Digitalisering" not in shown
    reply = await overview(bot, connector, OUTSIDER)
    assert reply.text == texts.NO_COMMITTEES


def test_overview_of_two_hundred_committees_stays_within_teams_card_limit() -> None:
    rules = load_rules(Path("config"))
    rule: Rule = rules.rules[0]
    rows = [
        Status(
            committee_id=f"c{n:03d}",
            committee_name=f"ArbejdspladsMED Arbejdsplads med et langt navn nummer {n}",
            kind="ArbejdspladsMED",
            department=f"Afdeling {n % 9}",
            rule=rule,
            interval_months=6,
            last_discussed=date(2026, 5, 12),
            next_due=date(2026, 11, 12),
            snoozed_until=None,
            recipient="secretary",
        )
        for n in range(200)
    ]
    card = cards.overview_card(rows, date(2026, 11, 24), everyone=True)
    text = json.dumps(card, ensure_ascii=False)
    assert len(text.encode()) < 25_000
    assert "udvalg mere, som ikke kan være her" in text
