"""'Spørg HR & Løn' through the real server: an employee's refusal or 👎 becomes a question to a person, by consent.

Teams-shaped activities go to medbot on loopback; the outbox delivers to the fake Bot Connector, which records what
HR & Løn's channel and the employee's 1:1 chat received. A refused click leaves the escalations and the outbox as
they were; the anonymous gap log never learns who asked.
"""

from __future__ import annotations

import asyncio
import itertools
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from sqlalchemy import inspect, text
from sqlmodel import Session, select

from bot.anonymous import flush_now
from bot.cli import main
from bot.config import Settings, SettingsError
from bot.scheduler import run_retention
from dialogs.cards import qa as qa_cards
from dialogs.escalations import texts
from storage.escalations import Escalation
from storage.knowledge import UnansweredQuestion
from storage.outbox import OutboxMessage
from tests.conftest import ADMIN, MARCH_2026, OES_SECRETARY
from tests.support import activities
from tests.support.fake_connector import FakeConnector, Recorded
from tests.support.feedback import OES_MEMBER, Clock, button, card_text, channel_id_of, follow, inputs, settle
from tests.support.knowledge import write_small_knowledge
from tests.support.service import RunningBot, sqlite_settings, start

INBOX = "19:hr-loen@thread.tacv2"  # MEDBOT_ESCALATION_CHANNEL: HR & Løn's channel, as Teams shows its id
HR_TEAM = "19:hr@thread.tacv2"
HR_NAME = "Hanne Fiktivsen"  # the admin's name in Teams (not in the organisation file)
EMPLOYEE = "Frederik Fiktivsen"  # p06 in config/organisation.yaml
QUESTION = "Må jeg tage min hund med på arbejde?"
ANSWER = "Nej, hunde må ikke komme med på arbejdspladsen. Tal med din leder, hvis du har brug for en fridag."
RETENTION_DAYS = 30
ESCALATE = qa_cards.ESCALATE
_submits = itertools.count(1)


@dataclass
class HR:
    """medbot with HR & Løn's inbox configured and installed, on a clock the test moves."""

    bot: RunningBot
    connector: FakeConnector
    clock: Clock

    @property
    def channel(self) -> dict[str, Any]:
        """An HR colleague (an admin) writing in HR & Løn's channel."""
        return activities.channel(self.connector.url, ADMIN, channel_id=INBOX, team=HR_TEAM, user_name=HR_NAME)

    @property
    def employee(self) -> dict[str, Any]:
        """The employee's 1:1 chat with the bot."""
        return activities.personal(self.connector.url, OES_SECRETARY, user_name=EMPLOYEE)


async def start_hr(tmp_path: Path, connector: FakeConnector, inbox: str = INBOX) -> HR:
    knowledge = write_small_knowledge(tmp_path / "knowledge")
    settings = sqlite_settings(
        tmp_path,
        admins=frozenset({ADMIN}),
        knowledge_dir=knowledge,
        escalation_channel=inbox,
        retention_days=RETENTION_DAYS,
    )
    bot = await start(settings)
    clock = Clock(MARCH_2026)  # Monday 2 March 2026, 10:00 in Copenhagen
    follow(bot, clock)
    return HR(bot, connector, clock)


@pytest.fixture
async def hr(tmp_path: Path, connector: FakeConnector) -> AsyncIterator[HR]:
    """medbot whose HR & Løn inbox is a channel the app was installed in (so the bot knows it)."""
    running = await start_hr(tmp_path, connector)
    response = await running.bot.post(activities.installed(running.channel))
    assert response.status < 300
    yield running
    await running.bot.stop()


@dataclass
class Clicked:
    """What Teams got back for an Action.Execute: a card that replaces the clicked one, or a short message."""

    card: dict[str, Any] | None
    message: str


async def click(bot: RunningBot, envelope: dict[str, Any], data: dict[str, Any], on: str = "act-1") -> Clicked:
    """An Action.Execute on the card message `on`."""
    response = await bot.post(activities.card_action(envelope, data, reply_to=on))
    assert response.status == 200
    body = await response.json()
    if body["type"] == "application/vnd.microsoft.card.adaptive":
        return Clicked(body["value"], "")
    return Clicked(None, str(body["value"]))


async def submit(bot: RunningBot, envelope: dict[str, Any], data: dict[str, Any], on: str) -> None:
    """An Action.Submit from a client without Universal Actions: a message whose value is the payload."""
    activity = {**envelope, "id": f"submit-{next(_submits)}", "type": "message", "replyToId": on, "value": data}
    assert (await bot.post(activity)).status == 200


async def ask(hr: HR, question: str = QUESTION, envelope: dict[str, Any] | None = None) -> dict[str, Any]:
    """The employee asks; the card the bot answered with."""
    before = len(hr.connector.messages())
    assert (await hr.bot.post(activities.message(envelope or hr.employee, question))).status == 200
    [reply] = hr.connector.messages()[before:]
    assert reply.card is not None
    return reply.card


def titles(card: dict[str, Any]) -> list[str]:
    return [a["title"] for a in card.get("actions", [])]


def message_id(connector: FakeConnector, message: Recorded) -> str:
    """The id the fake connector gave a message ('act-N', N counting every recorded call)."""
    return f"act-{connector.recorded.index(message) + 1}"


async def delivered_to(connector: FakeConnector, conversation: str, count: int = 1) -> list[Recorded]:
    """Wait until `count` messages reached the conversation; those messages."""
    for _ in range(200):
        found = connector.messages(conversation)
        if len(found) >= count:
            return found
        await asyncio.sleep(0.05)
    raise AssertionError(f"{conversation} got {len(connector.messages(conversation))} messages, not {count}")


def escalations(bot: RunningBot) -> list[Escalation]:
    with Session(bot.runtime.engine) as session:
        return list(session.exec(select(Escalation).order_by(Escalation.id)))  # type: ignore[arg-type]


def state_of(bot: RunningBot) -> tuple[Any, ...]:
    """Everything a refused click must leave as it was: every escalation's columns and every outbox row's key."""
    with Session(bot.runtime.engine) as session:
        rows = tuple(tuple(row.model_dump().values()) for row in session.exec(select(Escalation)))
        keys = tuple(sorted(session.exec(select(OutboxMessage.dedupe_key))))
    return rows, keys


async def send_to_hr(hr: HR) -> tuple[Recorded, str]:
    """Refusal → 'Spørg HR & Løn' → 'Send til HR & Løn'; the inbox card as delivered, and its message id."""
    refusal = await ask(hr)
    consent = await click(hr.bot, hr.employee, button(refusal, ESCALATE))
    assert consent.card is not None, consent.message
    sent = await click(hr.bot, hr.employee, button(consent.card, texts.SEND))
    assert sent.card is not None and texts.ON_ITS_WAY in card_text(sent.card), sent.message
    [inbox] = await delivered_to(hr.connector, INBOX)
    return inbox, message_id(hr.connector, inbox)


# ---------------------------------------------------------------------------------------------------------------
# The whole way


async def test_refused_question_goes_to_hr_by_consent_is_taken_and_answered_and_reaches_the_employee(hr: HR) -> None:
    refusal = await ask(hr)
    assert ESCALATE in titles(refusal) and qa_cards.ESCALATE_HINT.replace("**", "") in card_text(refusal)
    assert button(refusal, ESCALATE) == {"medbot": "escalation.ask", "v": 1, "question": QUESTION}

    # The consent card: exactly what goes, and that the name goes with it. Nothing is stored or sent yet.
    consent = await click(hr.bot, hr.employee, button(refusal, ESCALATE))
    assert consent.card is not None
    shown = card_text(consent.card)
    assert QUESTION in shown and texts.ABOUT_REFUSED in shown
    assert f"Dit navn ({EMPLOYEE}) sendes med" in shown and f"slettes efter {RETENTION_DAYS} dage" in shown
    assert titles(consent.card) == [texts.SEND, texts.CANCEL]
    assert escalations(hr.bot) == [] and state_of(hr.bot)[1] == ()

    # Confirmed: on its way (the outbox delivers it), ONE card in HR & Løn's channel.
    sent = await click(hr.bot, hr.employee, button(consent.card, texts.SEND))
    assert sent.card is not None
    assert "Dit spørgsmål er på vej til HR & Løn. Du får svaret her i chatten." in card_text(sent.card)
    [row] = escalations(hr.bot)
    assert (row.state, row.asker_name, row.question, row.context) == ("new", EMPLOYEE, QUESTION, "refused")
    assert state_of(hr.bot)[1] == (f"escalation:{row.id}:inbox",)
    [inbox] = await delivered_to(hr.connector, INBOX)
    card_id = message_id(hr.connector, inbox)
    assert inbox.kind == "send" and inbox.card is not None
    assert inbox.activity["summary"] == f"Nyt spørgsmål til HR & Løn fra {EMPLOYEE}"
    new = card_text(inbox.card)
    assert f"Fra: {EMPLOYEE}" in new and "Stillet: mandag 2. marts 2026 kl. 10.00" in new and QUESTION in new
    assert texts.STATE_NEW in new and titles(inbox.card) == [texts.TAKE, texts.SEND_ANSWER]

    # An HR colleague takes it: the card in the inbox says who and when, in place (Action.Execute).
    hr.clock.now += timedelta(minutes=5)
    taken = await click(hr.bot, hr.channel, button(inbox.card, texts.TAKE), on=card_id)
    assert taken.card is not None
    assert f"Taget af {HR_NAME} 2. marts 2026 kl. 10.05" in card_text(taken.card)
    assert titles(taken.card) == [texts.SEND_ANSWER] and texts.ANSWER_INPUT in inputs(taken.card)

    # ...and answers from a client without Universal Actions: the same card message is updated (PUT, same id).
    hr.clock.now += timedelta(minutes=25)
    await submit(hr.bot, hr.channel, {**button(taken.card, texts.SEND_ANSWER), texts.ANSWER_INPUT: ANSWER}, card_id)
    [update] = [r for r in hr.connector.recorded if r.kind == "update"]
    assert update.activity["id"] == card_id and update.conversation_id.startswith(INBOX)
    assert update.card is not None
    answered = card_text(update.card)
    assert f"Taget af {HR_NAME} 2. marts 2026 kl. 10.05" in answered
    assert f"Besvaret af {HR_NAME} 2. marts 2026 kl. 10.30" in answered and ANSWER in answered
    assert button(update.card, texts.MAKE_DRAFT) == {
        "medbot": "draft.new",
        "v": 1,
        "question": QUESTION,
        "answer": ANSWER,
        "escalation_id": row.id,
    }

    # The employee gets the answer 1:1, under their question.
    personal = f"a:personal-{OES_SECRETARY}"
    [*_asked, delivered] = await delivered_to(hr.connector, personal, 2)
    assert delivered.kind == "send" and delivered.card is not None
    assert delivered.activity["summary"] == texts.ANSWER_SUMMARY
    received = card_text(delivered.card)
    assert QUESTION in received and ANSWER in received
    assert f"Besvaret af {HR_NAME}, HR & Løn, 2. marts 2026 kl. 10.30" in received
    [row] = escalations(hr.bot)
    assert (row.state, row.taken_by, row.answered_by, row.answer) == ("answered", HR_NAME, HR_NAME, ANSWER)
    assert len(hr.connector.messages(INBOX)) == 1, "the inbox card changed in place; nothing new was posted there"

    # The gap log counted the question without a name; only the escalation (and its messages) hold both.
    await flush_now(hr.bot.runtime.anonymous)
    with Session(hr.bot.runtime.engine) as session:
        [gap] = session.exec(select(UnansweredQuestion)).all()
    counted = json.dumps(gap.model_dump(), default=str).lower()
    assert "hund" in counted
    assert not any(marker in counted for marker in (OES_SECRETARY, "frederik", "fiktivsen"))
    assert tables_holding(hr.bot, "hund") == ["escalation", "outbox", "unanswered_question"]
    for identity in ("frederik", OES_SECRETARY):
        assert "unanswered_question" not in tables_holding(hr.bot, identity)


def tables_holding(bot: RunningBot, fragment: str) -> list[str]:
    """Tables with a row that holds `fragment` (any column, case folded)."""
    found = []
    with bot.runtime.engine.connect() as connection:
        for table in sorted(inspect(bot.runtime.engine).get_table_names()):
            rows = connection.execute(text(f'SELECT * FROM "{table}"')).all()
            if any(fragment in " ".join(str(v) for v in row).lower() for row in rows):
                found.append(table)
    return found


def refuse_conversation(conversation: str) -> Any:
    """The connector answers 403 for every message into one conversation (the app removed or the bot blocked)."""

    def fault(request: web.Request, _call: int) -> web.Response | None:
        if request.match_info.get("conversation", "").split(";")[0] == conversation:
            return web.json_response({"error": {"code": "Forbidden", "message": "injected"}}, status=403)
        return None

    return fault


async def test_a_question_hr_never_received_is_told_to_the_employee_deleted_and_may_be_sent_again(hr: HR) -> None:
    hr.connector.fault = refuse_conversation(INBOX)
    refusal = await ask(hr)
    consent = await click(hr.bot, hr.employee, button(refusal, ESCALATE))
    assert consent.card is not None
    await click(hr.bot, hr.employee, button(consent.card, texts.SEND))
    personal = f"a:personal-{OES_SECRETARY}"
    [*_asked, notice] = await delivered_to(hr.connector, personal, 2)
    assert notice.text == texts.INBOX_UNDELIVERED
    assert escalations(hr.bot) == [], "a question nobody received is not kept with the name"
    assert hr.connector.messages(INBOX) == []

    hr.connector.fault = None  # the app is back in HR & Løn's channel: the same question can go again
    again = await click(hr.bot, hr.employee, button(consent.card, texts.SEND))
    assert again.card is not None and texts.ON_ITS_WAY in card_text(again.card)
    assert len(await delivered_to(hr.connector, INBOX)) == 1


async def test_an_answer_the_employee_never_received_is_told_in_the_inbox(hr: HR) -> None:
    inbox, card_id = await send_to_hr(hr)
    assert inbox.card is not None
    personal = f"a:personal-{OES_SECRETARY}"
    hr.connector.fault = refuse_conversation(personal)
    await submit(hr.bot, hr.channel, {**button(inbox.card, texts.SEND_ANSWER), texts.ANSWER_INPUT: ANSWER}, card_id)
    [_card, notice] = await delivered_to(hr.connector, INBOX, 2)
    assert notice.text == texts.ANSWER_UNDELIVERED.format(name=EMPLOYEE)
    [row] = escalations(hr.bot)
    assert row.state == "answered", "the answer stays recorded; only its delivery failed"


async def test_thumbs_down_offers_hr_with_the_question_asked_and_names_the_answer_that_did_not_help(hr: HR) -> None:
    question = "Hvor må jeg parkere ved rådhuset?"
    answer = await ask(hr, question)
    [down] = [a["data"] for a in answer["actions"] if a["data"].get("helpful") is False]
    assert down["question"] == question
    rated = await click(hr.bot, hr.employee, down)
    assert rated.card is not None and qa_cards.THANKS_FOR_RATING in card_text(rated.card)
    offer = button(rated.card, ESCALATE)
    assert offer == {"medbot": "escalation.ask", "v": 1, "question": question, "entry_id": "parkering"}

    consent = await click(hr.bot, hr.employee, offer)
    assert consent.card is not None
    assert "MED-assistenten svarede med »Parkering ved rådhuset«, men svaret hjalp ikke." in card_text(consent.card)
    await click(hr.bot, hr.employee, button(consent.card, texts.SEND))
    [row] = escalations(hr.bot)
    assert (row.question, row.context) == (question, "parkering")
    [inbox] = await delivered_to(hr.connector, INBOX)
    assert inbox.card is not None and "»Parkering ved rådhuset«" in card_text(inbox.card)


async def test_hr_answers_at_once_without_taking_and_the_card_shows_who_answered(hr: HR) -> None:
    inbox, card_id = await send_to_hr(hr)
    assert inbox.card is not None
    done = await click(hr.bot, hr.channel, {**button(inbox.card, texts.SEND_ANSWER), "answer": ANSWER}, on=card_id)
    assert done.card is not None
    assert f"Besvaret af {HR_NAME} 2. marts 2026 kl. 10.00" in card_text(done.card)
    assert "Taget af" not in card_text(done.card)
    [row] = escalations(hr.bot)
    assert (row.state, row.taken_by, row.taken_at) == ("answered", HR_NAME, row.answered_at)
    await delivered_to(hr.connector, f"a:personal-{OES_SECRETARY}", 2)


# ---------------------------------------------------------------------------------------------------------------
# What sends nothing


async def test_cancel_sends_and_stores_nothing(hr: HR) -> None:
    refusal = await ask(hr)
    consent = await click(hr.bot, hr.employee, button(refusal, ESCALATE))
    assert consent.card is not None
    cancelled = await click(hr.bot, hr.employee, button(consent.card, texts.CANCEL))
    assert cancelled.card is not None and texts.CANCELLED in card_text(cancelled.card)
    await settle(hr.bot)
    assert state_of(hr.bot) == ((), ())
    assert hr.connector.messages(INBOX) == []


async def test_a_second_send_of_the_same_open_question_is_not_sent_again(hr: HR) -> None:
    refusal = await ask(hr)
    consent = await click(hr.bot, hr.employee, button(refusal, ESCALATE))
    assert consent.card is not None
    first = await click(hr.bot, hr.employee, button(consent.card, texts.SEND))
    second = await click(hr.bot, hr.employee, button(consent.card, texts.SEND))  # an older copy of the card
    assert first.card is not None and texts.ON_ITS_WAY in card_text(first.card)
    assert second.card is not None and texts.ALREADY_ON_ITS_WAY in card_text(second.card)
    assert len(escalations(hr.bot)) == 1
    await settle(hr.bot)
    assert len(hr.connector.messages(INBOX)) == 1


async def test_in_a_channel_the_bot_offers_no_escalation_and_refuses_one(hr: HR) -> None:
    in_channel = activities.channel(hr.connector.url, OES_SECRETARY, user_name=EMPLOYEE)
    before = len(hr.connector.messages())
    await hr.bot.post(activities.message(in_channel, QUESTION, mention=True))
    [reply] = hr.connector.messages()[before:]
    assert reply.card is not None and ESCALATE not in titles(reply.card)
    assert qa_cards.WHERE_TO_ASK in card_text(reply.card)
    data = {"medbot": "escalation.confirm", "v": 1, "question": QUESTION}
    for action in ("escalation.ask", "escalation.confirm"):
        refused = await click(hr.bot, in_channel, {**data, "medbot": action})
        assert refused.message == texts.ONLY_PERSONAL
    assert state_of(hr.bot) == ((), ())


async def test_without_an_inbox_the_cards_say_where_to_ask_and_a_forged_click_sends_nothing(
    tmp_path: Path, connector: FakeConnector
) -> None:
    hr = await start_hr(tmp_path, connector, inbox="")
    try:
        refusal = await ask(hr)
        assert titles(refusal) == [] and qa_cards.WHERE_TO_ASK in card_text(refusal)
        refused = await click(hr.bot, hr.employee, {"medbot": "escalation.confirm", "v": 1, "question": QUESTION})
        assert refused.message == texts.NO_INBOX
        assert state_of(hr.bot) == ((), ())
    finally:
        await hr.bot.stop()


async def test_an_inbox_channel_the_bot_has_never_seen_refuses_before_anything_is_stored(
    tmp_path: Path, connector: FakeConnector
) -> None:
    hr = await start_hr(tmp_path, connector)  # configured, but the app was never installed in the channel
    try:
        refusal = await ask(hr)
        refused = await click(hr.bot, hr.employee, button(refusal, ESCALATE))
        assert refused.message == texts.NO_INBOX
        confirmed = await click(hr.bot, hr.employee, {**button(refusal, ESCALATE), "medbot": "escalation.confirm"})
        assert confirmed.message == texts.NO_INBOX
        assert state_of(hr.bot) == ((), ())
    finally:
        await hr.bot.stop()


async def test_the_inbox_may_be_a_committee_linked_with_tilknyt(tmp_path: Path, connector: FakeConnector) -> None:
    hr = await start_hr(tmp_path, connector, inbox="afdelingsmed-oes")
    try:
        oes = activities.channel(
            connector.url,
            ADMIN,
            team="19:team-afdelingsmed-oes@thread.tacv2",
            channel_id=channel_id_of("afdelingsmed-oes"),
        )
        await hr.bot.post(activities.message(oes, "tilknyt AfdelingsMED Økonomi & Stab", mention=True))
        refusal = await ask(hr)
        consent = await click(hr.bot, hr.employee, button(refusal, ESCALATE))
        assert consent.card is not None
        await click(hr.bot, hr.employee, button(consent.card, texts.SEND))
        [inbox] = await delivered_to(connector, channel_id_of("afdelingsmed-oes"))
        assert inbox.card is not None and QUESTION in card_text(inbox.card)
    finally:
        await hr.bot.stop()


# ---------------------------------------------------------------------------------------------------------------
# Refused in the inbox: nothing changes


async def test_a_colleague_who_is_not_hr_cannot_take_or_answer(hr: HR) -> None:
    inbox, card_id = await send_to_hr(hr)
    assert inbox.card is not None
    before = state_of(hr.bot)
    member = activities.channel(hr.connector.url, OES_MEMBER, channel_id=INBOX, team=HR_TEAM)
    for data in (button(inbox.card, texts.TAKE), {**button(inbox.card, texts.SEND_ANSWER), "answer": "Ja da."}):
        refused = await click(hr.bot, member, data, on=card_id)
        assert refused.message == texts.NOT_HR
    assert state_of(hr.bot) == before
    assert [r for r in hr.connector.recorded if r.kind == "update"] == []


async def test_a_second_answer_a_double_take_and_empty_or_long_answers_change_nothing(hr: HR) -> None:
    inbox, card_id = await send_to_hr(hr)
    assert inbox.card is not None
    send_answer = button(inbox.card, texts.SEND_ANSWER)
    for written, says in (("   ", texts.ANSWER_EMPTY), ("x" * 4001, texts.ANSWER_TOO_LONG)):
        before = state_of(hr.bot)
        assert (await click(hr.bot, hr.channel, {**send_answer, "answer": written}, on=card_id)).message == says
        assert state_of(hr.bot) == before

    taken = await click(hr.bot, hr.channel, button(inbox.card, texts.TAKE), on=card_id)
    assert taken.card is not None
    before = state_of(hr.bot)
    again = await click(hr.bot, hr.channel, button(inbox.card, texts.TAKE), on=card_id)
    assert again.message == texts.ALREADY_TAKEN.format(name=HR_NAME, moment="2. marts 2026 kl. 10.00")
    assert state_of(hr.bot) == before

    first = await click(hr.bot, hr.channel, {**send_answer, "answer": ANSWER}, on=card_id)
    assert first.card is not None
    await settle(hr.bot)
    before = state_of(hr.bot)
    second = await click(hr.bot, hr.channel, {**send_answer, "answer": "Jo, det må du godt."}, on=card_id)
    assert second.message.startswith(f"Spørgsmålet er allerede besvaret af {HR_NAME}")
    late_take = await click(hr.bot, hr.channel, button(inbox.card, texts.TAKE), on=card_id)
    assert late_take.message == second.message
    assert state_of(hr.bot) == before
    await settle(hr.bot)
    assert len(hr.connector.messages(f"a:personal-{OES_SECRETARY}")) == 2, "the question's refusal, one answer"


@pytest.mark.parametrize(
    "escalation_id", [4711, 0, -1, "1", 1.0, True, None, 2**31], ids=lambda v: f"id-{v!r}".replace(" ", "")
)
async def test_an_unknown_or_forged_escalation_id_changes_nothing(hr: HR, escalation_id: Any) -> None:
    _inbox, card_id = await send_to_hr(hr)
    before = state_of(hr.bot)
    for action in ("escalation.take", "escalation.answer"):
        data = {"medbot": action, "v": 1, "escalation_id": escalation_id, "answer": ANSWER}
        assert (await click(hr.bot, hr.channel, data, on=card_id)).message == texts.UNKNOWN_ESCALATION
    assert state_of(hr.bot) == before


async def test_escalations_are_deleted_after_the_retention_days_and_their_old_cards_then_change_nothing(
    hr: HR,
) -> None:
    inbox, card_id = await send_to_hr(hr)
    assert inbox.card is not None
    engine = hr.bot.runtime.engine
    asked = hr.clock.now
    run_retention(engine, asked + timedelta(days=RETENTION_DAYS) - timedelta(minutes=1), RETENTION_DAYS)
    assert len(escalations(hr.bot)) == 1, "kept for the whole retention period"
    run_retention(engine, asked + timedelta(days=RETENTION_DAYS, minutes=1), RETENTION_DAYS)
    assert escalations(hr.bot) == []

    hr.clock.now = asked + timedelta(days=RETENTION_DAYS, hours=1)
    before = state_of(hr.bot)
    stale = await click(hr.bot, hr.channel, {**button(inbox.card, texts.SEND_ANSWER), "answer": ANSWER}, on=card_id)
    assert stale.message == texts.UNKNOWN_ESCALATION
    assert state_of(hr.bot) == before


# ---------------------------------------------------------------------------------------------------------------
# The command line and the setting


async def test_escalations_list_shows_state_who_and_when_and_open_only(
    hr: HR, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    inbox, card_id = await send_to_hr(hr)
    assert inbox.card is not None
    await click(hr.bot, hr.channel, button(inbox.card, texts.TAKE), on=card_id)
    monkeypatch.setenv("DATABASE_URL", hr.bot.runtime.settings.database_url)

    capsys.readouterr()
    assert await asyncio.to_thread(main, ["escalations", "list", "--json"]) == 0
    [listed] = json.loads(capsys.readouterr().out)
    assert listed["state"] == "taken" and listed["asked_by"] == EMPLOYEE and listed["question"] == QUESTION
    assert listed["asked_at"] == "2026-03-02T10:00+01:00" and listed["taken_by"] == HR_NAME
    assert listed["answered_at"] is None

    assert await asyncio.to_thread(main, ["escalations", "list", "--open"]) == 0
    table = capsys.readouterr().out
    assert "taget" in table and "2026-03-02 10:00" in table and EMPLOYEE in table and QUESTION in table

    await click(hr.bot, hr.channel, {**button(inbox.card, texts.SEND_ANSWER), "answer": ANSWER}, on=card_id)
    assert await asyncio.to_thread(main, ["escalations", "list", "--open", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert await asyncio.to_thread(main, ["escalations", "list"]) == 0
    assert "besvaret" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("value", "expected"),
    [("", ""), ("  19:abc@thread.tacv2 ", "19:abc@thread.tacv2"), ("afdelingsmed-oes", "afdelingsmed-oes")],
)
def test_escalation_channel_setting_is_read_and_trimmed(value: str, expected: str) -> None:
    assert Settings.from_env({"MEDBOT_ESCALATION_CHANNEL": value}).escalation_channel == expected


@pytest.mark.parametrize("value", ["19:abc thread", "x" * 401])
def test_escalation_channel_that_cannot_be_an_id_is_refused_with_its_name(value: str) -> None:
    with pytest.raises(SettingsError, match="MEDBOT_ESCALATION_CHANNEL"):
        Settings.from_env({"MEDBOT_ESCALATION_CHANNEL": value})
