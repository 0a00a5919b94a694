"""The weekly admin summary: its card, when the scheduler writes it (once per admin and ISO week), its delivery, and
the retention of escalations."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import aiohttp
import pytest
from aiohttp import web
from sqlmodel import Session, col, select

from bot.config import Settings
from bot.outbox import DISPATCHER_KEY
from bot.runtime import Runtime
from bot.scheduler import SCHEDULER_KEY, Scheduler, TickResult
from bot.service import build
from dialogs.admin import summary, texts
from dialogs.base import PAYLOAD_VERSION
from knowledge.decide import Expiry
from storage import escalations
from storage.conversations import Conversation, upsert
from storage.db import session_scope, upgrade
from storage.knowledge import QuestionCount, record_rating, record_unanswered
from storage.org import Person
from storage.outbox import OutboxMessage
from tests.cards.harness import actions_in
from tests.conftest import ADMIN
from tests.support import activities
from tests.support.fake_connector import FakeConnector
from tests.support.knowledge import write_small_knowledge
from tests.support.service import RunningBot, sqlite_settings

TZ = ZoneInfo("Europe/Copenhagen")
MONDAY_8 = datetime(2026, 3, 9, 8, 0, tzinfo=TZ)  # Monday of ISO week 2026-W11
WITH_CHAT = "aaaaaaaa-0000-4000-8000-00000000ad11"
WITHOUT_CHAT = "aaaaaaaa-0000-4000-8000-00000000ad12"
BY_EMAIL = "aaaaaaaa-0000-4000-8000-00000000ad13"  # listed in MEDBOT_ADMINS by e-mail only
HR_EMAIL = "hr.fiktiv@testkommune.dk"
RETENTION_DAYS = 30

DATED = """- id: frokostordning
  title: Frokostordningen i kantinen
  questions:
    - Hvad koster frokostordningen?
    - frokostordning pris
    - Hvordan tilmelder jeg mig frokost i kantinen?
  answer: Frokostordningen koster 25 kr. om dagen.
  source:
    document: personalehaandbog
    section: "Punkt 1: Praktiske forhold"
  valid_to: 2026-04-30
  as_of: 2025-01-15
  organisation: Testkommune
  tags: [frokost]
"""


def knowledge_folder(tmp_path: Path) -> Path:
    """The small fictional knowledge, plus one entry whose end date and figures an editor must look at in March."""
    folder = write_small_knowledge(tmp_path / "knowledge")
    (folder / "content" / "frokost.yaml").write_text(DATED, encoding="utf-8")
    return folder


def texts_of(card: dict[str, Any]) -> list[str]:
    """Every TextBlock's text, in order."""
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "TextBlock":
                found.append(str(node["text"]))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(card)
    return found


def a_summary(**changes: Any) -> summary.Summary:
    """A week with something in every section; `changes` replaces fields."""
    base = summary.Summary(
        week="2026-W11",
        today=MONDAY_8.date(),
        retention_days=180,
        unanswered=(
            QuestionCount("må jeg tage min hund med på arbejde", 7),
            QuestionCount("hvornår er der julefrokost", 2),
        ),
        worst_rated=(
            summary.RatedEntry("parkering", "Parkering ved rådhuset", 1, 4),
            summary.RatedEntry("slettet", None, 0, 1),
        ),
        open_escalations=2,
        oldest_escalations=(summary.OpenEscalation("new", 12), summary.OpenEscalation("taken", 1)),
        stale=(
            summary.StaleEntry(
                "frokostordning",
                "Frokostordningen i kantinen",
                (
                    Expiry("as_of", date(2026, 1, 15), as_of=date(2025, 1, 15)),
                    Expiry("valid_to", date(2026, 4, 30)),
                ),
            ),
        ),
    )
    return replace(base, **changes)


# ---------------------------------------------------------------------------------------------------------------
# The card (pure)


def test_each_frequent_unanswered_question_has_a_draft_button_carrying_exactly_that_question() -> None:
    card = summary.summary_card(a_summary())
    assert list(actions_in(card)) == [
        {
            "type": "Action.Execute",
            "title": "Lav kladde",
            "verb": "draft.new",
            "data": {"medbot": "draft.new", "v": PAYLOAD_VERSION, "question": question},
        }
        for question in ("må jeg tage min hund med på arbejde", "hvornår er der julefrokost")
    ]
    assert PAYLOAD_VERSION == 1


def test_card_lists_counts_ratings_escalation_ages_and_what_expires_when() -> None:
    card = summary.summary_card(a_summary())
    shown = texts_of(card)
    assert card["version"] == "1.5"
    assert shown[0] == texts.SUMMARY_TITLE
    assert "Uge 2026-W11 · mandag 9. marts 2026" in shown
    assert "**7×** må jeg tage min hund med på arbejde" in shown
    assert "**Parkering ved rådhuset** · 👎 4 · 👍 1" in shown
    assert "**slettet (findes ikke længere)** · 👎 1 · 👍 0" in shown
    assert "2 åbne henvendelser. De ældste:" in shown
    assert "- Spurgt for 12 dage siden: ingen har taget den endnu\n- Spurgt i går: taget, ikke besvaret" in shown
    assert (
        "**Frokostordningen i kantinen** · tal pr. 15. januar 2025 skal opdateres senest 15. januar 2026 "
        "(overskredet); gælder til og med 30. april 2026"
    ) in shown
    assert card["fallbackText"] == (
        "Ugens overblik: 2 spørgsmål uden svar, 2 dårligt vurderede svar, 2 åbne henvendelser, "
        "1 opslag med udløbende datoer."
    )


def test_empty_sections_say_so_briefly_and_the_card_has_no_buttons() -> None:
    empty = a_summary(unanswered=(), worst_rated=(), open_escalations=0, oldest_escalations=(), stale=())
    card = summary.summary_card(empty)
    shown = texts_of(card)
    for said in (
        "Ingen ubesvarede spørgsmål i perioden.",
        texts.SUMMARY_NO_WORST,
        texts.SUMMARY_NO_ESCALATIONS,
        texts.SUMMARY_NO_STALE,
    ):
        assert said in shown
    assert list(actions_in(card)) == []


def test_long_lists_are_cut_short_and_say_how_many_more_stale_entries_there_are() -> None:
    expiry = (Expiry("event_date", date(2026, 4, 1)),)
    full = a_summary(
        unanswered=tuple(QuestionCount(f"spørgsmål nummer {n}", 50 - n) for n in range(12)),
        stale=tuple(summary.StaleEntry(f"e{n}", f"Opslag {n}", expiry) for n in range(25)),
    )
    card = summary.summary_card(full)
    shown = texts_of(card)
    assert len(list(actions_in(card))) == summary.SHOWN_QUESTIONS == 8
    assert "**Opslag 7** · begivenheden er 1. april 2026" in shown
    assert not any(t.startswith("**Opslag 8**") for t in shown)
    assert "… og 17 mere." in shown


def test_card_for_the_cli_as_text_has_the_same_sections() -> None:
    lines = summary.summary_lines(a_summary(worst_rated=()))
    assert lines[0] == f"{texts.SUMMARY_TITLE} – Uge 2026-W11 · mandag 9. marts 2026"
    assert "    7  må jeg tage min hund med på arbejde" in lines
    assert "  " + texts.SUMMARY_NO_WORST in lines
    assert "  - Spurgt for 12 dage siden: ingen har taget den endnu" in lines


@pytest.mark.parametrize(
    ("moment", "week"),
    [
        (datetime(2026, 3, 9, 7, 59, 59, tzinfo=TZ), None),
        (datetime(2026, 3, 9, 8, 0, tzinfo=TZ), "2026-W11"),
        (datetime(2026, 3, 15, 23, 59, tzinfo=TZ), "2026-W11"),
        (datetime(2026, 3, 9, 6, 59, tzinfo=UTC), None),  # 07:59 in Copenhagen
        (datetime(2026, 3, 9, 7, 0, tzinfo=UTC), "2026-W11"),  # 08:00 in Copenhagen
        (datetime(2026, 4, 6, 12, 0, tzinfo=TZ), None),  # Easter Monday
        (datetime(2026, 4, 7, 7, 59, tzinfo=TZ), None),
        (datetime(2026, 4, 7, 8, 0, tzinfo=TZ), "2026-W15"),
        (datetime(2026, 12, 28, 8, 0, tzinfo=TZ), "2026-W53"),
        (datetime(2027, 1, 3, 20, 0, tzinfo=TZ), "2026-W53"),  # the ISO year, not the calendar year
    ],
    ids=[
        "monday-before-8",
        "monday-8",
        "sunday-night",
        "utc-0659",
        "utc-0700",
        "easter-monday",
        "tuesday-before-8",
        "tuesday-8-after-holiday",
        "week-53",
        "week-53-in-january",
    ],
)
def test_the_summary_is_due_from_8_on_the_first_working_day_until_the_week_ends(
    moment: datetime, week: str | None
) -> None:
    assert summary.due_week(moment, TZ) == week


# ---------------------------------------------------------------------------------------------------------------
# Gathering from the database and the live knowledge base


@dataclass
class Clock:
    """The time the runtime, the scheduler and the dispatcher see; the test moves it."""

    now: datetime

    def __call__(self) -> datetime:
        return self.now


def admin_settings(tmp_path: Path, **overrides: Any) -> Settings:
    """Three admins: one with a 1:1 chat, one without, one listed by e-mail whose person has a chat."""
    values: dict[str, Any] = {
        "admins": frozenset({WITH_CHAT, WITHOUT_CHAT, HR_EMAIL.upper()}),
        "knowledge_dir": knowledge_folder(tmp_path),
        "retention_days": RETENTION_DAYS,
    }
    return sqlite_settings(tmp_path, **(values | overrides))


def personal_chat(session: Session, aad: str, now: datetime) -> None:
    """A stored 1:1 chat with the bot, as the reference middleware writes it."""
    conversation = Conversation(
        id=f"a:personal-{aad}",
        kind="personal",
        service_url="http://127.0.0.1:9/",
        tenant_id=activities.TENANT,
        user_id=f"29:{aad}",
        user_aad_id=aad,
    )
    upsert(session, conversation, now)


@pytest.fixture
def runtime(tmp_path: Path) -> Iterator[Runtime]:
    """A migrated SQLite file with the admins' chats, the knowledge loaded, its clock at Monday 08:00."""
    settings = admin_settings(tmp_path)
    upgrade(settings.database_url)
    created = Runtime.create(settings, clock=Clock(MONDAY_8))
    created.knowledge.load()
    with session_scope(created.engine) as session:
        session.add(Person(id="p-hr", name="Hanne Fiktiv", email=HR_EMAIL, aad_object_id=BY_EMAIL))
        personal_chat(session, WITH_CHAT, MONDAY_8)
        personal_chat(session, BY_EMAIL, MONDAY_8)
    yield created
    created.engine.dispose()


def summary_rows(runtime: Runtime) -> list[OutboxMessage]:
    """The summary rows in the outbox, oldest first."""
    with Session(runtime.engine) as session:
        statement = select(OutboxMessage).where(col(OutboxMessage.dedupe_key).startswith("summary:"))
        return list(session.exec(statement.order_by(col(OutboxMessage.id))))


async def tick_at(runtime: Runtime, moment: datetime) -> TickResult:
    """One scheduler tick at `moment`, by a fresh Scheduler as a restarted process would have."""
    runtime.clock = Clock(moment)
    result = await Scheduler(runtime).tick()
    assert result is not None
    return result


def week_keys(week: str) -> list[str]:
    return sorted(f"summary:{week}:{aad}" for aad in (WITH_CHAT, BY_EMAIL))


def test_summary_gathers_the_counts_escalations_and_stale_entries_without_names_or_escalated_questions(
    runtime: Runtime,
) -> None:
    now = datetime(2026, 3, 10, 9, 0, tzinfo=TZ)
    with session_scope(runtime.engine) as session:
        for _ in range(3):
            record_unanswered(session, "Må jeg tage min hund med på arbejde?", date(2026, 3, 2))
        record_unanswered(session, "hvornår er der julefrokost", date(2026, 3, 3))
        for helpful in (False, False, True):
            record_rating(session, "parkering", helpful, date(2026, 3, 4))
        record_rating(session, "fjernet-opslag", False, date(2026, 3, 4))
        record_rating(session, "cykelkaelder", True, date(2026, 3, 4))
        ages = {"ny": 12, "taget": 2, "besvaret": 20}
        made: dict[str, int] = {}
        for label, days in ages.items():
            row, _new = escalations.add_once(
                session,
                tenant_id=activities.TENANT,
                asker_aad_id="bbbbbbbb-0000-4000-8000-000000000001",
                asker_name="Mette Fiktivsen",
                question=f"Jeg har ondt i ryggen og spørger om {label}",
                context="refused",
                now=now - timedelta(days=days),
            )
            assert row.id is not None
            made[label] = row.id
        assert escalations.take(session, made["taget"], "Karin Hansen", now)
        assert escalations.answer(session, made["besvaret"], "Svar", "Karin Hansen", now)
    with session_scope(runtime.engine) as session:
        found = summary.gather(session, runtime.knowledge.current, now, TZ, RETENTION_DAYS)
    assert found.week == "2026-W11"
    assert found.unanswered == (
        QuestionCount("må jeg tage min hund med på arbejde", 3),
        QuestionCount("hvornår er der julefrokost", 1),
    )
    assert found.worst_rated == (
        summary.RatedEntry("parkering", "Parkering ved rådhuset", 1, 2),
        summary.RatedEntry("fjernet-opslag", None, 0, 1),
    )
    assert found.open_escalations == 2
    assert found.oldest_escalations == (summary.OpenEscalation("new", 12), summary.OpenEscalation("taken", 2))
    assert found.stale == (
        summary.StaleEntry(
            "frokostordning",
            "Frokostordningen i kantinen",
            (
                Expiry("valid_to", date(2026, 4, 30)),
                Expiry("as_of", date(2026, 1, 15), as_of=date(2025, 1, 15)),
            ),
        ),
    )
    written = json.dumps(summary.summary_card(found), ensure_ascii=False)
    for private in ("Mette", "Fiktivsen", "ryggen", "Karin", "bbbbbbbb"):
        assert private not in written


# ---------------------------------------------------------------------------------------------------------------
# The scheduler: once per admin and ISO week


async def test_nothing_is_written_before_8_on_monday(runtime: Runtime) -> None:
    result = await tick_at(runtime, MONDAY_8 - timedelta(minutes=5))
    assert (result.summaries, summary_rows(runtime)) == (0, [])


async def test_at_8_each_admin_with_a_chat_gets_one_summary_and_the_admin_without_is_skipped_unnamed(
    runtime: Runtime, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    result = await tick_at(runtime, MONDAY_8)
    rows = summary_rows(runtime)
    assert (result.summaries, result.summary_skipped) == (2, 1)
    assert sorted(r.dedupe_key for r in rows) == week_keys("2026-W11")
    assert sorted(r.conversation_id or "" for r in rows) == sorted(f"a:personal-{a}" for a in (WITH_CHAT, BY_EMAIL))
    assert {r.not_before.astimezone(TZ) for r in rows} == {MONDAY_8}
    card = rows[0].activity["attachments"][0]["content"]
    assert texts_of(card)[0] == texts.SUMMARY_TITLE
    assert rows[0].activity["summary"] == card["fallbackText"]
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "summary.queued week=2026-W11 written=2 skipped=1" in logged
    for identity in (WITH_CHAT, WITHOUT_CHAT, BY_EMAIL, HR_EMAIL):
        assert identity not in logged


async def test_later_ticks_and_a_restart_the_same_week_write_nothing_more(runtime: Runtime, tmp_path: Path) -> None:
    await tick_at(runtime, MONDAY_8)
    for later in (timedelta(minutes=5), timedelta(days=2, hours=6), timedelta(days=6, hours=15, minutes=55)):
        assert (await tick_at(runtime, MONDAY_8 + later)).summaries == 0
    runtime.engine.dispose()
    restarted = Runtime.create(runtime.settings, clock=Clock(MONDAY_8 + timedelta(days=3)))
    restarted.knowledge.load()
    try:
        assert (await tick_at(restarted, MONDAY_8 + timedelta(days=3))).summaries == 0
        assert sorted(r.dedupe_key for r in summary_rows(restarted)) == week_keys("2026-W11")
    finally:
        restarted.engine.dispose()


async def test_next_week_brings_a_new_summary(runtime: Runtime) -> None:
    await tick_at(runtime, MONDAY_8)
    assert (await tick_at(runtime, MONDAY_8 + timedelta(days=7))).summaries == 2
    keys = sorted(r.dedupe_key for r in summary_rows(runtime))
    assert keys == sorted(week_keys("2026-W11") + week_keys("2026-W12"))


async def test_a_monday_holiday_moves_the_summary_to_tuesday_at_8(runtime: Runtime) -> None:
    easter_monday = datetime(2026, 4, 6, 8, 0, tzinfo=TZ)
    for moment in (easter_monday, easter_monday + timedelta(hours=8), easter_monday + timedelta(hours=23, minutes=55)):
        assert (await tick_at(runtime, moment)).summaries == 0
    assert (await tick_at(runtime, easter_monday + timedelta(days=1))).summaries == 2
    assert sorted(r.dedupe_key for r in summary_rows(runtime)) == week_keys("2026-W15")


async def test_a_missed_monday_goes_out_once_at_the_next_tick_that_week(runtime: Runtime) -> None:
    wednesday = MONDAY_8 + timedelta(days=2, hours=6, minutes=3)
    assert (await tick_at(runtime, wednesday)).summaries == 2
    assert (await tick_at(runtime, wednesday + timedelta(minutes=5))).summaries == 0
    rows = summary_rows(runtime)
    assert sorted(r.dedupe_key for r in rows) == week_keys("2026-W11")
    assert {r.not_before.astimezone(TZ) for r in rows} == {wednesday}


async def test_an_admin_who_opens_a_chat_midweek_gets_that_weeks_summary_once(runtime: Runtime) -> None:
    await tick_at(runtime, MONDAY_8)
    thursday = MONDAY_8 + timedelta(days=3)
    with session_scope(runtime.engine) as session:
        personal_chat(session, WITHOUT_CHAT, thursday)
    result = await tick_at(runtime, thursday)
    assert (result.summaries, result.summary_skipped) == (1, 0)
    assert (await tick_at(runtime, thursday + timedelta(minutes=5))).summaries == 0
    assert len(summary_rows(runtime)) == 3


# ---------------------------------------------------------------------------------------------------------------
# Delivery through the real dispatcher to the fake Bot Connector


@pytest.fixture
async def bot_at_monday(tmp_path: Path) -> AsyncIterator[tuple[RunningBot, Clock]]:
    """medbot on SQLite with one admin; its dialogs, scheduler and dispatcher read a clock at Monday 07:30."""
    clock = Clock(MONDAY_8 - timedelta(minutes=30))
    app, runtime = build(sqlite_settings(tmp_path, admins=frozenset({ADMIN}), knowledge_dir=knowledge_folder(tmp_path)))
    runtime.clock = clock
    app[DISPATCHER_KEY].clock = clock
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    bot = RunningBot(url=f"http://127.0.0.1:{port}", runtime=runtime, runner=runner, http=aiohttp.ClientSession())
    yield bot, clock
    await bot.stop()


async def summaries_settled(runtime: Runtime, rows: int, within: float = 10.0) -> list[OutboxMessage]:
    """Wait until `rows` summary rows exist and none is pending or being sent."""
    deadline = time.monotonic() + within
    while True:
        found = await asyncio.to_thread(summary_rows, runtime)
        if (len(found) >= rows and all(r.status == "sent" for r in found)) or time.monotonic() > deadline:
            return found
        await asyncio.sleep(0.05)


async def test_the_admin_receives_the_summary_card_in_the_1_1_chat_once(
    bot_at_monday: tuple[RunningBot, Clock], connector: FakeConnector
) -> None:
    bot, clock = bot_at_monday
    chat = f"a:personal-{ADMIN}"
    assert (await bot.post(activities.installed(activities.personal(connector.url, ADMIN)))).status < 300
    welcomed = len(connector.messages(chat))
    scheduler: Scheduler = bot.runner.app[SCHEDULER_KEY]
    clock.now = MONDAY_8
    assert (await scheduler.tick()) is not None
    clock.now = MONDAY_8 + timedelta(minutes=5)
    assert (await scheduler.tick()) is not None
    rows = await summaries_settled(bot.runtime, 1)
    await connector.wait_for(welcomed + 1)
    assert [r.status for r in rows] == ["sent"]
    cards = [m.card for m in connector.messages(chat) if m.card and texts_of(m.card)[0] == texts.SUMMARY_TITLE]
    assert len(cards) == 1
    shown = texts_of(cards[0])
    assert texts.SUMMARY_NO_UNANSWERED in shown
    assert any(t.startswith("**Frokostordningen i kantinen**") for t in shown)


async def test_lav_kladde_on_the_delivered_summary_opens_a_draft_form_with_the_question_and_keeps_the_summary(
    bot_at_monday: tuple[RunningBot, Clock], connector: FakeConnector
) -> None:
    bot, clock = bot_at_monday
    chat = f"a:personal-{ADMIN}"
    envelope = activities.personal(connector.url, ADMIN)
    with session_scope(bot.runtime.engine) as session:
        record_unanswered(session, "Må jeg tage min hund med på arbejde?", date(2026, 3, 5))
    await bot.post(activities.installed(envelope))
    clock.now = MONDAY_8
    assert (await bot.runner.app[SCHEDULER_KEY].tick()) is not None
    await summaries_settled(bot.runtime, 1)
    delivered = [m for m in connector.messages(chat) if m.card and texts_of(m.card)[0] == texts.SUMMARY_TITLE]
    assert len(delivered) == 1 and delivered[0].card is not None
    (button,) = actions_in(delivered[0].card)
    before = len(connector.messages(chat))
    response = await bot.post(activities.card_action(envelope, button["data"]))
    body = await response.json()
    assert body["type"] != "application/vnd.microsoft.card.adaptive", "the summary card must not be replaced"
    forms = [m.card for m in connector.messages(chat)[before:] if m.card]  # sent in the turn, before the response
    assert len(forms) == 1
    assert "må jeg tage min hund med på arbejde" in json.dumps(forms[0], ensure_ascii=False)


# ---------------------------------------------------------------------------------------------------------------
# Retention of escalations

NOW = datetime(2027, 3, 15, 12, 0, tzinfo=UTC)
BOUNDARY = NOW - timedelta(days=RETENTION_DAYS)


async def test_retention_deletes_an_escalation_past_the_period_and_keeps_one_exactly_at_the_boundary(
    tmp_path: Path,
) -> None:
    assert datetime(2027, 2, 13, 12, 0, tzinfo=UTC) == BOUNDARY  # the boundary day, pinned
    settings = sqlite_settings(tmp_path, retention_days=RETENTION_DAYS)
    upgrade(settings.database_url)
    runtime = Runtime.create(settings, clock=lambda: NOW)
    try:
        with session_scope(runtime.engine) as session:
            for label, asked in (
                ("older", BOUNDARY - timedelta(seconds=1)),
                ("boundary", BOUNDARY),
                ("young", NOW - timedelta(days=1)),
            ):
                escalations.add_once(
                    session,
                    tenant_id=activities.TENANT,
                    asker_aad_id="bbbbbbbb-0000-4000-8000-000000000001",
                    asker_name="Mette Fiktivsen",
                    question=label,
                    context="refused",
                    now=asked,
                )
        result = await Scheduler(runtime).retention()
        assert result is not None
        assert result.escalations == 1
        with session_scope(runtime.engine) as session:
            assert [e.question for e in escalations.listed(session)] == ["boundary", "young"]
        again = await Scheduler(runtime).retention()
        assert again is not None and again.escalations == 0
    finally:
        runtime.engine.dispose()
