"""Guarding the big send, scheduled items, and what the preview promises, through the real server.

Teams-shaped activities go to medbot on a loopback port; cards arrive at the fake Bot Connector. The scheduler's
tick is the production one (`bot.scheduler.Scheduler.tick`) on the test's clock.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from aiohttp import web
from sqlmodel import Session, select

from bot.cli import main
from bot.scheduler import Scheduler
from dialogs import feedback
from dialogs.feedback import texts
from dialogs.feedback.texts import long_date
from dialogs.organisation import parse_organisation
from storage.db import make_engine, session_scope, upgrade
from storage.feedback import FeedbackItem
from storage.org import import_organisation
from storage.outbox import OutboxMessage
from tests.conftest import ADMIN, KOMMUNEMED_SECRETARY
from tests.support import activities
from tests.support.fake_connector import FakeConnector, Recorded
from tests.support.feedback import (
    AFDELINGSMED,
    DEADLINE,
    DS_SECRETARY,
    Clock,
    button,
    card_text,
    cards_for,
    channel_id_of,
    click,
    follow,
    inputs,
    item_inputs,
    lead,
    link_channels,
    linked_bot,
    outbox_keys,
    settle,
    snapshot,
    walk,
)
from tests.support.service import ORGANISATION, RunningBot, sqlite_settings, start

TZ = ZoneInfo("Europe/Copenhagen")
LINKED = ["afdelingsmed-oes", "afdelingsmed-bae", "afdelingsmed-kfe"]
ARBEJDSPLADSMED = [
    "arbejdspladsmed-doegn",
    "arbejdspladsmed-plejebolig",
    "arbejdspladsmed-myndighed",
    "arbejdspladsmed-it",
]
ELEVEN = [*AFDELINGSMED, *ARBEJDSPLADSMED]
DS = "afdelingsmed-ds"
TITLE = "Kutymefridage ophører"


def local(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    """A Copenhagen wall-clock time as the aware UTC moment the clock returns."""
    return datetime(year, month, day, hour, minute, tzinfo=TZ).astimezone(UTC)


@pytest.fixture
def clock() -> Clock:
    return Clock()  # Monday 23 November 2026, 10:00 in Copenhagen


@pytest.fixture
async def bot(tmp_path: Path, connector: FakeConnector, clock: Clock) -> AsyncIterator[RunningBot]:
    """medbot with the example organisation and three AfdelingsMED channels linked, on the test's clock."""
    async with linked_bot(tmp_path, connector, clock, LINKED) as running:
        yield running


async def preview_of(bot: RunningBot, connector: FakeConnector, **values: str) -> dict[str, Any]:
    """`ny høring`, the form filled in with `values`, "Vis forhåndsvisning": the card that comes back."""
    me = lead(connector)
    await bot.post(activities.message(me, "ny høring"))
    form = connector.messages()[-1].card
    assert form is not None
    shown = await click(bot, me, {**button(form, "Vis forhåndsvisning"), **item_inputs(**values)})
    assert shown.card is not None, shown.body
    return shown.card


def author_told(connector: FakeConnector, text: str) -> list[Recorded]:
    """What the author (KommuneMED's secretary, 1:1) got with this text (a card's notification summary)."""
    return [m for m in connector.messages(lead(connector)["conversation"]["id"]) if m.activity.get("summary") == text]


def item_state(bot: RunningBot, item_id: int) -> str:
    with Session(bot.runtime.engine) as session:
        item = session.get(FeedbackItem, item_id)
        assert item is not None
        return str(item.state)


def send_keys(bot: RunningBot, item_id: int) -> list[str]:
    return [k for k in outbox_keys(bot) if k.startswith(f"item:{item_id}:send:")]


# --- guarding the big send ------------------------------------------------------------------------------------------


async def test_eleven_committees_need_a_second_confirmation_and_the_first_click_sends_nothing(
    bot: RunningBot, connector: FakeConnector
) -> None:
    preview = await preview_of(bot, connector, recipients=",".join(ELEVEN))
    shown = card_text(preview)
    assert "Sendes til 11 udvalg: " in shown
    names = next(line for line in shown.splitlines() if line.startswith("Sendes til 11 udvalg"))
    assert all(name in names for name in AFDELINGSMED.values())
    assert "ArbejdspladsMED Myndighed" in names and "ArbejdspladsMED IT & Digitalisering" in names
    item_id = button(preview, "Send")["item_id"]

    before = snapshot(bot)
    asked = await click(bot, lead(connector), button(preview, "Send"))
    assert asked.card is not None
    question = card_text(asked.card)
    assert "Du er ved at sende til 11 udvalg" in question and question.count("Er du sikker?") == 1
    assert "Intet er sendt endnu." in question
    assert snapshot(bot) == before and send_keys(bot, item_id) == []
    assert item_state(bot, item_id) == "draft"

    confirm = button(asked.card, "Ja, send til 11 udvalg")
    assert confirm == {"medbot": "feedback.send", "v": 1, "item_id": item_id, "confirmed": True}
    sent = await click(bot, lead(connector), confirm)
    assert sent.card is not None and "Høringen sendes" in card_text(sent.card)
    assert item_state(bot, item_id) == "sent" and len(send_keys(bot, item_id)) == 11
    await settle(bot)
    assert len(cards_for(connector, item_id)) == 11

    # The confirmation clicked again (a double click): the same receipt, nothing sent twice.
    again = await click(bot, lead(connector), confirm)
    assert again.card is not None and "Høringen sendes" in card_text(again.card)
    assert len(send_keys(bot, item_id)) == 11


async def test_ten_committees_are_sent_on_the_first_click(bot: RunningBot, connector: FakeConnector) -> None:
    preview = await preview_of(bot, connector, recipients=",".join(ELEVEN[:10]))
    assert "Sendes til 10 udvalg: " in card_text(preview)
    item_id = button(preview, "Send")["item_id"]
    sent = await click(bot, lead(connector), button(preview, "Send"))
    assert sent.card is not None and "Høringen sendes" in card_text(sent.card)
    assert "Er du sikker?" not in card_text(sent.card)
    assert item_state(bot, item_id) == "sent" and len(send_keys(bot, item_id)) == 10


# --- a scheduled item -----------------------------------------------------------------------------------------------


async def tick(bot: RunningBot) -> None:
    """The scheduler's evaluation as the service runs it every five minutes, then the dispatcher's sends."""
    await Scheduler(bot.runtime).tick()
    await settle(bot)


async def test_a_scheduled_item_goes_out_at_its_time_not_before_and_once_across_a_restart(
    connector: FakeConnector, clock: Clock, tmp_path: Path
) -> None:
    settings = sqlite_settings(tmp_path, admins=frozenset({ADMIN}))
    bot = await start(settings)
    try:
        follow(bot, clock)
        await link_channels(bot, connector, ADMIN, LINKED)
        preview = await preview_of(bot, connector, send_date="2026-11-25", send_time="10:30")
        assert "Afsendelse: Planlagt 25. november 2026 kl. 10.30" in card_text(preview)
        schedule = button(preview, "Planlæg afsendelse")
        item_id = schedule["item_id"]
        planned = await click(bot, lead(connector), schedule)
        assert planned.card is not None
        assert "sendes af sig selv 25. november 2026 kl. 10.30 til 7 udvalg" in card_text(planned.card)
        assert item_state(bot, item_id) == "scheduled" and send_keys(bot, item_id) == []

        clock.now = local(2026, 11, 25, 10, 29)
        await tick(bot)
        assert send_keys(bot, item_id) == [] and item_state(bot, item_id) == "scheduled"
        assert cards_for(connector, item_id) == []

        clock.now = local(2026, 11, 25, 10, 30)
        await tick(bot)
        assert item_state(bot, item_id) == "sent" and len(send_keys(bot, item_id)) == 7
        forms = cards_for(connector, item_id)
        assert len(forms) == 7
        assert {m.conversation_id for m in forms if m.conversation_id.startswith("19:")} == {
            channel_id_of(c) for c in LINKED
        }
        told = author_told(connector, texts.SCHEDULE_WENT.format(title=TITLE))
        assert len(told) == 1 and told[0].card is not None
        assert "sendes til 7 udvalg" in card_text(told[0].card)
    finally:
        await bot.stop()

    # A restart: a new process (runtime, dispatcher, scheduler) on the same SQLite file, and more ticks.
    again = await start(settings, organisation=False)
    try:
        follow(again, clock)
        for minute in (35, 40):
            clock.now = local(2026, 11, 25, 10, minute)
            await tick(again)
        assert len(send_keys(again, item_id)) == 7 and len(cards_for(connector, item_id)) == 7
        assert item_state(again, item_id) == "sent"
        assert len(author_told(connector, texts.SCHEDULE_WENT.format(title=TITLE))) == 1
    finally:
        await again.stop()


async def schedule(bot: RunningBot, connector: FakeConnector) -> tuple[int, dict[str, Any]]:
    """An item planned for Thursday 26 November 09:00: its id and the "Høringen er planlagt" card."""
    preview = await preview_of(bot, connector, send_date="2026-11-26", send_time="09:00")
    planned = await click(bot, lead(connector), button(preview, "Planlæg afsendelse"))
    assert planned.card is not None
    return button(planned.card, "Send nu")["item_id"], planned.card


async def test_a_scheduled_item_whose_deadline_passed_while_down_is_a_draft_again_and_its_author_is_told(
    bot: RunningBot, connector: FakeConnector, clock: Clock
) -> None:
    item_id, _planned = await schedule(bot, connector)

    clock.now = local(DEADLINE.year, DEADLINE.month, DEADLINE.day + 1, 10, 0)  # down from before 26 November
    await tick(bot)
    await tick(bot)
    assert item_state(bot, item_id) == "draft" and send_keys(bot, item_id) == []
    assert cards_for(connector, item_id) == []
    told = author_told(connector, texts.SCHEDULE_MISSED.format(title=TITLE, deadline=long_date(DEADLINE)))
    assert len(told) == 1 and told[0].card is not None
    assert f"svarfristen {long_date(DEADLINE)} var overskredet" in card_text(told[0].card)
    form = await click(bot, lead(connector), button(told[0].card, "Ret"))
    assert form.card is not None and inputs(form.card)["title"] == TITLE


async def test_a_scheduled_item_can_be_cancelled_or_sent_now_and_then_goes_only_once(
    bot: RunningBot, connector: FakeConnector, clock: Clock
) -> None:
    item_id, planned_card = await schedule(bot, connector)

    back = await click(bot, lead(connector), button(planned_card, "Annullér planlægningen"))
    assert back.card is not None and "Forhåndsvisning" in card_text(back.card)
    assert item_state(bot, item_id) == "draft"
    before = snapshot(bot)
    twice = await click(bot, lead(connector), button(planned_card, "Annullér planlægningen"))
    assert twice.message == texts.NOT_SCHEDULED.format(title="Kutymefridage ophører")
    assert snapshot(bot) == before

    # Ret keeps the chosen time in the form; planned again, then "Send nu".
    form = await click(bot, lead(connector), button(back.card, "Ret"))
    assert form.card is not None
    assert (inputs(form.card)["send_date"], inputs(form.card)["send_time"]) == ("2026-11-26", "09:00")
    planned = await click(bot, lead(connector), button(back.card, "Planlæg afsendelse"))
    assert planned.card is not None
    now = await click(bot, lead(connector), button(planned.card, "Send nu"))
    assert now.card is not None and "Høringen sendes" in card_text(now.card)
    assert item_state(bot, item_id) == "sent" and len(send_keys(bot, item_id)) == 7
    await settle(bot)

    clock.now = local(2026, 11, 26, 9, 0)
    await tick(bot)
    assert len(send_keys(bot, item_id)) == 7 and len(cards_for(connector, item_id)) == 7
    before = snapshot(bot)
    late = await click(bot, lead(connector), button(planned.card, "Annullér planlægningen"))
    assert late.message == texts.ALREADY_SENT.format(title="Kutymefridage ophører")
    assert snapshot(bot) == before


@pytest.mark.parametrize(
    ("send_date", "send_time", "problem"),
    [
        ("2026-11-28", "10:00", texts.SEND_AT_CLOSED_DAY.format(day="lørdag den 28. november 2026")),
        ("2026-12-24", "10:00", texts.SEND_AT_CLOSED_DAY.format(day="torsdag den 24. december 2026")),
        ("2026-11-24", "16:00", texts.SEND_AT_HOURS),
        ("2026-11-24", "08:59", texts.SEND_AT_HOURS),
        ("2026-11-23", "09:30", texts.SEND_AT_PAST),
        ("2026-12-11", "10:00", texts.SEND_AT_AFTER_DEADLINE),
        ("2026-11-24", "", texts.SEND_AT_INCOMPLETE),
    ],
    ids=["saturday", "christmas-eve", "at-four", "before-nine", "past", "after-deadline", "no-time"],
)
async def test_a_send_time_outside_the_rules_is_refused_and_nothing_is_stored(
    bot: RunningBot, connector: FakeConnector, send_date: str, send_time: str, problem: str
) -> None:
    before = snapshot(bot)
    form = await preview_of(bot, connector, send_date=send_date, send_time=send_time)
    assert problem in card_text(form) and "Intet er gemt endnu" in card_text(form)
    assert inputs(form)["send_date"] == send_date
    assert snapshot(bot) == before


# --- what the preview promises --------------------------------------------------------------------------------------


async def test_the_preview_lists_only_the_nudges_that_will_be_sent(bot: RunningBot, connector: FakeConnector) -> None:
    # Sent now (Monday 23 November) with the deadline on Wednesday: the three-days-before nudge (Friday 20
    # November) has passed, so only the deadline day's is promised.
    soon = card_text(await preview_of(bot, connector, deadline="2026-11-25"))
    assert "Påmindelser: onsdag den 25. november 2026, til udvalg der ikke har svaret" in soon
    assert "20. november" not in soon
    # Both are ahead for a deadline on 10 December.
    later = card_text(await preview_of(bot, connector))
    assert "Påmindelser: mandag den 7. december 2026 og torsdag den 10. december 2026, til udvalg" in later
    # Scheduled for Tuesday 8 December: Monday's nudge would come before the item, so it is not listed.
    planned = card_text(await preview_of(bot, connector, send_date="2026-12-08", send_time="11:00"))
    assert "Påmindelser: torsdag den 10. december 2026, til udvalg der ikke har svaret" in planned


@pytest.mark.parametrize(
    ("deadline", "warning"),
    [
        (date(2026, 12, 4), ""),
        (date(2026, 12, 5), "Fristen 5. december 2026 er en lørdag; udvalgene har reelt til mandag 7. december."),
        (date(2026, 12, 6), "Fristen 6. december 2026 er en søndag; udvalgene har reelt til mandag 7. december."),
        (date(2027, 3, 25), "Fristen 25. marts 2027 er en helligdag; udvalgene har reelt til tirsdag 30. marts."),
        (date(2026, 12, 24), "Fristen 24. december 2026 er en lukkedag; udvalgene har reelt til mandag 28. december."),
        (
            date(2026, 12, 31),
            "Fristen 31. december 2026 er en lukkedag; udvalgene har reelt til mandag 4. januar 2027.",
        ),
    ],
    ids=["friday", "saturday", "sunday", "maundy-thursday", "christmas-eve", "new-years-eve"],
)
def test_a_deadline_on_a_closed_day_warns_with_the_next_working_day(deadline: date, warning: str) -> None:
    assert feedback.deadline_warning(deadline) == warning


def test_answers_on_the_working_day_after_a_weekend_deadline_are_on_time() -> None:
    sunday = date(2026, 12, 6)
    assert not feedback.rules.is_late(sunday, date(2026, 12, 7))
    assert feedback.rules.is_late(sunday, date(2026, 12, 8))
    assert feedback.rules.is_late(date(2026, 12, 4), date(2026, 12, 5))  # a Friday deadline ends on Friday


async def test_a_weekend_deadline_is_accepted_with_the_warning_on_the_preview(
    bot: RunningBot, connector: FakeConnector
) -> None:
    preview = await preview_of(bot, connector, deadline="2026-12-06")
    shown = card_text(preview)
    assert "Fristen 6. december 2026 er en søndag; udvalgene har reelt til mandag 7. december." in shown
    assert item_state(bot, button(preview, "Send")["item_id"]) == "draft"


async def test_kommunemed_as_recipient_and_an_unknown_entry_are_refused_as_on_the_command_line(
    bot: RunningBot, connector: FakeConnector
) -> None:
    before = snapshot(bot)
    form = card_text(await preview_of(bot, connector, recipients="kommunemed"))
    assert texts.RECIPIENT_KOMMUNEMED in form
    form = card_text(await preview_of(bot, connector, link="findes-ikke-her"))
    assert texts.ENTRY_UNKNOWN.format(entry="findes-ikke-her") in form
    assert snapshot(bot) == before


# --- a secretary without the app: failed, installed, retried, delivered ---------------------------------------------


def refuse_new_chats(request: web.Request, _call: int) -> web.Response | None:
    """Teams refuses to open a 1:1 chat with someone who has not installed the app."""
    if request.method == "POST" and request.path == "/v3/conversations":
        return web.json_response({"error": {"code": "Forbidden", "message": "injected"}}, status=403)
    return None


async def test_a_secretary_without_the_app_fails_then_installs_and_the_retry_is_delivered(
    bot: RunningBot, connector: FakeConnector, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", bot.runtime.settings.database_url)
    connector.fault = refuse_new_chats
    preview = await preview_of(bot, connector, recipients=f"afdelingsmed-oes,{DS}")
    item_id = button(preview, "Send")["item_id"]
    await click(bot, lead(connector), button(preview, "Send"))
    await settle(bot)

    async def status() -> dict[str, Any]:
        capsys.readouterr()
        code = await asyncio.to_thread(main, ["items", "status", str(item_id), "--json"])
        out = capsys.readouterr().out
        assert code == 0, out
        report: dict[str, Any] = json.loads(out)
        return {c["committee_id"]: c for c in report["committees"]}

    ds = (await status())[DS]
    assert (ds["delivery"], ds["delivery_problem"]) == ("failed", "not_installed")
    assert ds["delivery_error"].startswith(texts.FAILURE_REASONS["not_installed"])
    [notice] = [
        m
        for m in connector.messages(f"a:personal-{KOMMUNEMED_SECRETARY}")
        if m.card and "nåede ikke" in card_text(m.card)
    ]
    assert notice.card is not None and "ikke installeret" in card_text(notice.card)

    # The secretary installs the app: Teams tells the bot, which stores her 1:1 chat.
    connector.fault = None
    secretary = activities.personal(connector.url, DS_SECRETARY, user_name="Ole Fiktivsen")
    assert (await bot.post(activities.installed(secretary))).status in (200, 201)
    again = await click(bot, lead(connector), button(notice.card, "Prøv igen"))
    assert again.card is not None and f"{AFDELINGSMED[DS]}: Sendes" in card_text(again.card)
    await settle(bot)

    ds = (await status())[DS]
    assert (ds["delivery"], ds["retries"], ds["delivery_error"]) == ("delivered", 1, None)
    assert [m.conversation_id for m in cards_for(connector, item_id) if DS_SECRETARY in m.conversation_id] == [
        f"a:personal-{DS_SECRETARY}"
    ]


def test_every_card_button_of_a_scheduled_item_carries_its_id() -> None:
    content = feedback.store.ItemContent("T", "B", date(2026, 12, 10), (feedback.store.QuestionSpec("?"),))
    card = feedback.cards.scheduled_card(9, content, ["A"], datetime(2026, 12, 1, 10, 0))
    data = [e["data"] for e in walk(card) if e.get("type") == "Action.Execute"]
    assert data == [
        {"medbot": "feedback.send", "v": 1, "item_id": 9, "send_now": True},
        {"medbot": "feedback.unschedule", "v": 1, "item_id": 9},
    ]


# --- two schedulers at the same moment (PostgreSQL: several replicas) -------------------------------------------------


def test_two_schedulers_racing_for_a_scheduled_item_send_it_once(pg_database: str) -> None:
    upgrade(pg_database)
    engine = make_engine(pg_database)
    created, due = local(2026, 11, 23, 10), local(2026, 11, 25, 10, 30)
    try:
        with session_scope(engine) as session:
            import_organisation(session, parse_organisation(ORGANISATION), created)
            content, problems, _raw = feedback.read_item_form(
                item_inputs(send_date="2026-11-25", send_time="10:30"),
                date(2026, 11, 23),
                {c.id for c in feedback.choosable_committees(session)},
                now=created,
                tz=TZ,
            )
            assert content is not None, problems
            item = feedback.store.save_draft(
                session, content, creator_aad_id="", creator_name="T", tenant_id="tenant-1", now=created
            )
            assert feedback.store.schedule_item(session, item, created)
            item_id = item.id
        with Session(engine) as first, Session(engine) as second:
            [seen] = feedback.store.scheduled_due(first, due)  # the first scheduler has found the item due …
            assert feedback.send_scheduled(second, due, TZ) == 7  # … when the second sends it and commits
            second.commit()
            assert not feedback.store.take_scheduled(first, seen, due)
            assert feedback.send_scheduled(first, due, TZ) == 0
            first.commit()
        with Session(engine) as session:
            keys = session.exec(select(OutboxMessage.dedupe_key)).all()
            assert len([k for k in keys if k.startswith(f"item:{item_id}:send:")]) == 7
            stored = session.get(FeedbackItem, item_id)
            assert stored is not None and stored.state == "sent" and stored.sent_at == due
    finally:
        engine.dispose()
