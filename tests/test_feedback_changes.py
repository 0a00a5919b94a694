"""Changing a sent item through the real server: the cards updated in place, answers to both wordings, withdrawal."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from sqlmodel import Session, col, func, select

from bot import clock as wall_clock
from bot.cli import main
from bot.outbox import DISPATCHER_KEY
from dialogs.feedback import evaluate, texts
from storage.db import session_scope
from storage.feedback import FeedbackAnswer, FeedbackItem, FeedbackQuestion
from storage.outbox import OutboxMessage
from tests.conftest import OES_SECRETARY
from tests.support import activities
from tests.support.fake_connector import FakeConnector, Recorded
from tests.support.feedback import (
    AFDELINGSMED,
    FIRST_NUDGE,
    SUMMARY,
    Clock,
    answer_inputs,
    body_button,
    button,
    card_text,
    cards_for,
    channel_of,
    click,
    item_inputs,
    lead,
    linked_bot,
    send_item_in_teams,
    settle,
)
from tests.support.service import RunningBot

FIVE = ["afdelingsmed-oes", "afdelingsmed-bae", "afdelingsmed-kfe", "afdelingsmed-ds", "afdelingsmed-mt"]
OES, BAE, KFE = FIVE[:3]
TITLE = "Kutymefridage ophører"
EXTENDED = "torsdag den 17. december 2026"


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
async def bot(tmp_path: Path, connector: FakeConnector, clock: Clock) -> AsyncIterator[RunningBot]:
    """medbot with the example organisation and five AfdelingsMED channels linked, on the test's clock."""
    async with linked_bot(tmp_path, connector, clock, FIVE) as running:
        yield running


def updates(connector: FakeConnector) -> list[Recorded]:
    """Every in-place update (PUT) the bot made."""
    return [r for r in connector.recorded if r.kind == "update"]


def delivered_cards(bot: RunningBot, item_id: int) -> set[tuple[str, str]]:
    """(conversation, activity id) of every committee's card as the outbox recorded its delivery."""
    with Session(bot.runtime.engine) as session:
        rows = session.exec(
            select(OutboxMessage).where(col(OutboxMessage.dedupe_key).startswith(f"item:{item_id}:send:"))
        ).all()
        assert all(r.status == "sent" and r.sent_activity_id for r in rows)
        return {(r.sent_conversation_id, r.sent_activity_id) for r in rows}


def put_targets(found: list[Recorded]) -> list[tuple[str, str]]:
    """(conversation, activity id) each update replaced."""
    return [(r.conversation_id, str(r.activity.get("id"))) for r in found]


def database(bot: RunningBot) -> tuple[Any, ...]:
    """Everything a refused change must leave as it was: items, questions, answers, outbox rows."""
    with Session(bot.runtime.engine) as session:
        items = tuple(
            (i.id, i.state, i.revision, i.change_note, i.deadline, i.body, i.updated_at)
            for i in session.exec(select(FeedbackItem).order_by(col(FeedbackItem.id)))
        )
        questions = tuple((q.item_id, q.position, q.text) for q in session.exec(select(FeedbackQuestion)))
        answers = session.exec(select(func.count()).select_from(FeedbackAnswer)).one()
        rows = tuple(
            (r.dedupe_key, r.status, json.dumps(r.activity, sort_keys=True))
            for r in session.exec(select(OutboxMessage).order_by(col(OutboxMessage.id)))
        )
    return items, questions, answers, rows


async def status_card(bot: RunningBot, connector: FakeConnector, item_id: int) -> dict[str, Any]:
    before = len(connector.messages())
    await bot.post(activities.message(lead(connector), f"status {item_id}"))
    [status] = connector.messages()[before:]
    assert status.card is not None
    return status.card


async def cli(capsys: pytest.CaptureFixture[str], *args: str, code: int = 0) -> str:
    """`medbot …` on the running bot's database (DATABASE_URL set by the test); returns stdout, or stderr."""
    capsys.readouterr()
    result = await asyncio.to_thread(main, list(args))
    captured = capsys.readouterr()
    assert result == code, (captured.out, captured.err)
    return captured.out if code == 0 else captured.err


def latest_card(found: list[Recorded], conversation: str) -> dict[str, Any]:
    [update] = [r for r in found if r.conversation_id == conversation]
    assert update.card is not None
    return update.card


async def test_extend_then_answers_to_both_wordings_are_marked_and_a_withdrawn_item_refuses_answers(
    bot: RunningBot,
    connector: FakeConnector,
    clock: Clock,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DATABASE_URL", bot.runtime.settings.database_url)
    item_id = await send_item_in_teams(bot, connector, recipients=",".join(FIVE))
    originals = delivered_cards(bot, item_id)
    assert len(originals) == 5
    [old_card] = [m.card for m in cards_for(connector, item_id) if m.conversation_id == f"19:{OES}@thread.tacv2"]
    assert old_card is not None
    old_submit = button(old_card, "Send svar")
    assert "revision" not in old_submit  # a card from before any change answers the first wording

    # KommuneMED's secretary extends the deadline from the status card.
    clock.now += timedelta(days=2)
    status = await status_card(bot, connector, item_id)
    form = await click(bot, lead(connector), body_button(status, "Ret høringen"))
    assert form.card is not None and "Ret høringen »Kutymefridage ophører«" in card_text(form.card)
    saved = await click(
        bot, lead(connector), {**button(form.card, "Gem og opdatér udvalgenes kort"), "deadline": "2026-12-17"}
    )
    assert saved.card is not None, saved.body
    assert f"Rettet: Fristen er forlænget til {EXTENDED} (udgave 2)" in card_text(saved.card)
    await settle(bot)

    # Every delivered card was updated in place exactly once, with the activity id of its original send.
    first = updates(connector)
    assert sorted(put_targets(first)) == sorted(originals)
    shown = card_text(latest_card(first, next(iter(originals))[0]))
    assert f"KommuneMED har rettet høringen: Fristen er forlænget til {EXTENDED}." in shown
    assert f"Svarfrist: {EXTENDED}" in shown
    new_submit = button(latest_card(first, f"19:{BAE}@thread.tacv2"), "Send svar")
    assert new_submit["revision"] == 2

    # ØS answers on the card it had before the change, BAE on the updated one.
    held = answer_inputs(meeting_date="2026-11-24")
    old = await click(bot, channel_of(connector.url, OES), {**old_submit, **held})
    new = await click(bot, channel_of(connector.url, BAE), {**new_submit, **held, "answer_1": "Vi har talt om det."})
    assert old.card is not None and "Svar modtaget" in card_text(old.card)
    assert new.card is not None and "Svar modtaget" in card_text(new.card)
    with Session(bot.runtime.engine) as session:
        given = {a.committee_id: a.revision for a in session.exec(select(FeedbackAnswer))}
    assert given == {OES: 1, BAE: 2}

    # Status, 'Se alle svar' and `items status --json` show both answers, the earlier wording marked.
    shown = card_text(await status_card(bot, connector, item_id))
    assert f"{AFDELINGSMED[OES]}: Besvaret (svar givet til en tidligere udgave) 25. november" in shown
    assert f"{AFDELINGSMED[BAE]}: Besvaret 25. november" in shown
    status = await status_card(bot, connector, item_id)
    await click(bot, lead(connector), button(status, "Se alle svar"))
    summary = connector.messages()[-1].card
    assert summary is not None and "svar givet til en tidligere udgave" in card_text(summary)
    report = json.loads(await cli(capsys, "items", "status", str(item_id), "--json"))
    by_id = {c["committee_id"]: c for c in report["committees"]}
    assert (by_id[OES]["earlier_wording"], by_id[BAE]["earlier_wording"]) == (True, False)
    assert by_id[OES]["label"] == "Besvaret (svar givet til en tidligere udgave)"
    assert by_id[OES]["versions"][0]["revision"] == 1 and report["item"]["revision"] == 2

    # Withdraw: the confirmation, then every card updated once more to say so, without a form.
    confirm = await click(bot, lead(connector), body_button(status, "Træk tilbage"))
    assert confirm.card is not None and "2 svar" in card_text(confirm.card)
    done = await click(bot, lead(connector), button(confirm.card, "Ja, træk høringen tilbage"))
    assert done.card is not None and "Høringen er trukket tilbage (udgave 3)" in card_text(done.card)
    await settle(bot)
    second = updates(connector)[len(first) :]
    assert sorted(put_targets(second)) == sorted(originals)
    for update in second:
        assert update.card is not None and "KommuneMED har trukket høringen tilbage" in card_text(update.card)
        assert not update.card.get("actions")

    # A submit on any card is refused in Danish, and nothing is stored.
    before = database(bot)
    refused = await click(bot, channel_of(connector.url, KFE), {**new_submit, "committee_id": KFE, **answer_inputs()})
    assert refused.message == texts.ITEM_WITHDRAWN.format(title=TITLE)
    amend = {"medbot": "feedback.amend", "v": 1, "item_id": item_id, "committee_id": OES}
    assert (await click(bot, channel_of(connector.url, OES), amend)).message == texts.ITEM_WITHDRAWN.format(title=TITLE)
    assert database(bot) == before
    assert len(updates(connector)) == 10


async def test_refused_changes_change_nothing(bot: RunningBot, connector: FakeConnector, clock: Clock) -> None:
    item_id = await send_item_in_teams(bot, connector, recipients=",".join(FIVE[:2]))
    status = await status_card(bot, connector, item_id)
    form = await click(bot, lead(connector), body_button(status, "Ret høringen"))
    assert form.card is not None
    save = button(form.card, "Gem og opdatér udvalgenes kort")
    before = database(bot)

    # Not a lead: the route refuses before anything is read.
    secretary = activities.personal(connector.url, OES_SECRETARY)
    for data in (save, body_button(status, "Træk tilbage"), {**save, "medbot": "feedback.withdraw.confirm"}):
        assert (await click(bot, secretary, {**data, "deadline": "2026-12-17"})).message == texts.NOT_MANAGER

    # A deadline in the past, an emptied question, nothing changed: the form again with the problem.
    for inputs, problem in (
        ({"deadline": "2026-11-20"}, texts.DEADLINE_PAST),
        ({"question_2": "   "}, texts.CHANGE_QUESTION_MISSING.format(n=2)),
        ({"body": ""}, texts.BODY_MISSING),
        ({"deadline": "2026-12-10"}, texts.CHANGE_NOTHING),
    ):
        again = await click(bot, lead(connector), {**save, **inputs})
        assert again.card is not None and problem in card_text(again.card), (inputs, again.body)

    # A form opened before another change is stale.
    stale = await click(bot, lead(connector), {**save, "revision": 7, "deadline": "2026-12-17"})
    assert stale.message == texts.CHANGE_STALE.format(title=TITLE)

    # An item not sent yet (a draft) cannot be changed or withdrawn.
    await bot.post(activities.message(lead(connector), "ny høring"))
    new_form = connector.messages()[-1].card
    assert new_form is not None
    preview = await click(bot, lead(connector), {**button(new_form, "Vis forhåndsvisning"), **item_inputs()})
    assert preview.card is not None
    draft_id = button(preview.card, "Send")["item_id"]
    before = database(bot)
    for action in ("feedback.edit", "feedback.change", "feedback.withdraw", "feedback.withdraw.confirm"):
        data = {"medbot": action, "v": 1, "item_id": draft_id, "revision": 1, "deadline": "2026-12-17"}
        assert (await click(bot, lead(connector), data)).message == texts.CHANGE_NOT_SENT.format(title=TITLE)
    assert database(bot) == before
    assert updates(connector) == []

    # Withdrawn: a second withdrawal and a change are refused.
    confirm = await click(bot, lead(connector), body_button(status, "Træk tilbage"))
    assert confirm.card is not None
    await click(bot, lead(connector), button(confirm.card, "Ja, træk høringen tilbage"))
    await settle(bot)
    before = database(bot)
    again = await click(bot, lead(connector), {**button(confirm.card, "Ja, træk høringen tilbage"), "revision": 2})
    assert again.message == texts.ALREADY_WITHDRAWN.format(title=TITLE)
    assert (await click(bot, lead(connector), {**save, "revision": 2})).message == texts.ALREADY_WITHDRAWN.format(
        title=TITLE
    )
    assert database(bot) == before


def throttle_first_put() -> Any:
    """429 with Retry-After for the first update only."""
    seen: list[str] = []

    def fault(request: web.Request, _call: int) -> web.Response | None:
        if request.method == "PUT" and not seen:
            seen.append(request.path)
            return web.json_response({"error": {"code": "throttled"}}, status=429, headers={"Retry-After": "1"})
        return None

    return fault


async def test_a_throttled_update_is_retried_and_applied_once(
    bot: RunningBot, connector: FakeConnector, clock: Clock
) -> None:
    item_id = await send_item_in_teams(bot, connector, recipients=",".join(FIVE[:3]))
    originals = delivered_cards(bot, item_id)
    status = await status_card(bot, connector, item_id)
    form = await click(bot, lead(connector), body_button(status, "Ret høringen"))
    assert form.card is not None
    connector.fault = throttle_first_put()
    changed = {"question_2": "Er alle medarbejdere orienteret om ændringen?"}
    saved = await click(bot, lead(connector), {**button(form.card, "Gem og opdatér udvalgenes kort"), **changed})
    assert saved.card is not None and "Spørgsmål 2 er rettet" in card_text(saved.card)
    await connector.wait_for(2, kinds=("update",))  # one of the three is throttled and waits for its Retry-After
    await asyncio.sleep(0.3)
    assert len(updates(connector)) == 2
    clock.now += timedelta(minutes=1)
    await settle(bot)
    assert sorted(put_targets(updates(connector))) == sorted(originals)
    with Session(bot.runtime.engine) as session:
        rows = session.exec(
            select(OutboxMessage).where(col(OutboxMessage.dedupe_key).startswith(f"item:{item_id}:update:"))
        ).all()
    assert sorted(r.attempts for r in rows) == [1, 1, 2]
    assert {r.dedupe_key for r in rows} == {f"item:{item_id}:update:{c}:r2" for c in FIVE[:3]}
    for update in updates(connector):
        assert update.card is not None and "2. Er alle medarbejdere orienteret om ændringen?" in card_text(update.card)


async def extend(bot: RunningBot, connector: FakeConnector, item_id: int, deadline: str) -> None:
    """'Ret høringen' on the status card, a new deadline, save."""
    status = await status_card(bot, connector, item_id)
    form = await click(bot, lead(connector), body_button(status, "Ret høringen"))
    assert form.card is not None
    saved = await click(
        bot, lead(connector), {**button(form.card, "Gem og opdatér udvalgenes kort"), "deadline": deadline}
    )
    assert saved.card is not None, saved.body


async def test_a_card_not_yet_sent_gets_the_new_content_instead_of_an_update(
    bot: RunningBot, connector: FakeConnector, clock: Clock
) -> None:
    item_id = await send_item_in_teams(bot, connector, recipients=OES)
    # A nudge waiting in the outbox (not yet claimed) is rewritten by the change, not updated after it is sent.
    key = f"item:{item_id}:nudge:{OES}:3d:2026-12-10"
    with Session(bot.runtime.engine) as session:
        session.add(
            OutboxMessage(
                dedupe_key=key,
                conversation_id=f"19:{OES}@thread.tacv2",
                activity={"type": "message", "text": "gammel"},
                not_before=clock.now + timedelta(days=10),
                created_at=clock.now,
            )
        )
        session.commit()
    await extend(bot, connector, item_id, "2026-12-17")
    with Session(bot.runtime.engine) as session:
        nudge = session.exec(select(OutboxMessage).where(OutboxMessage.dedupe_key == key)).one()
        keys = set(session.exec(select(OutboxMessage.dedupe_key)))
    assert nudge.status == "pending" and EXTENDED in json.dumps(nudge.activity, ensure_ascii=False)
    assert f"item:{item_id}:update:{OES}:r2" in keys
    assert f"item:{item_id}:update:{OES}:r2:nudge-3d-2026-12-10" not in keys


async def test_extending_the_deadline_moves_the_nudges(bot: RunningBot, connector: FakeConnector, clock: Clock) -> None:
    item_id = await send_item_in_teams(bot, connector, recipients=",".join(FIVE[:2]))
    await extend(bot, connector, item_id, "2026-12-17")
    await settle(bot)

    def nudges_at(moment: datetime) -> list[str]:
        with session_scope(bot.runtime.engine) as session:
            evaluate(session, moment, bot.runtime.tz)
        with Session(bot.runtime.engine) as session:
            return sorted(k for k in session.exec(select(OutboxMessage.dedupe_key)) if ":nudge:" in k)

    assert nudges_at(FIRST_NUDGE) == []  # three working days before the old deadline: nothing
    moved = [f"item:{item_id}:nudge:{c}:3d:2026-12-17" for c in sorted(FIVE[:2])]
    assert nudges_at(FIRST_NUDGE + timedelta(days=7)) == moved
    assert nudges_at(SUMMARY) == moved  # no summary, no late nudge


async def test_a_committee_nudged_before_an_extension_is_nudged_again_for_the_new_deadline_once(
    bot: RunningBot, connector: FakeConnector, clock: Clock
) -> None:
    item_id = await send_item_in_teams(bot, connector, recipients=OES)

    def evaluate_at(moment: datetime) -> int:
        with session_scope(bot.runtime.engine) as session:
            return evaluate(session, moment, bot.runtime.tz)

    assert evaluate_at(FIRST_NUDGE) == 1
    await extend(bot, connector, item_id, "2026-12-17")
    assert evaluate_at(FIRST_NUDGE + timedelta(days=1)) == 0  # the first nudge's card now shows the new deadline
    assert evaluate_at(FIRST_NUDGE + timedelta(days=7)) == 1  # three working days before 17 December
    assert evaluate_at(FIRST_NUDGE + timedelta(days=7, hours=1)) == 0
    with Session(bot.runtime.engine) as session:
        nudges = sorted(k for k in session.exec(select(OutboxMessage.dedupe_key)) if ":nudge:" in k)
    assert nudges == [f"item:{item_id}:nudge:{OES}:3d:2026-12-10", f"item:{item_id}:nudge:{OES}:3d:2026-12-17"]


async def test_change_and_withdraw_from_the_command_line(
    bot: RunningBot,
    connector: FakeConnector,
    clock: Clock,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The CLI reads the wall clock: the item lives in the real present, whatever day the suite runs.
    monkeypatch.setenv("DATABASE_URL", bot.runtime.settings.database_url)
    bot.runtime.clock = wall_clock.now
    bot.runner.app[DISPATCHER_KEY].clock = wall_clock.now
    today = wall_clock.today(bot.runtime.tz)
    deadline, later = today + timedelta(days=14), today + timedelta(days=21)
    item_id = await send_item_in_teams(bot, connector, recipients=",".join(FIVE[:3]), deadline=deadline.isoformat())
    originals = delivered_cards(bot, item_id)

    err = await cli(capsys, "items", "change", str(item_id), "--deadline", "2020-01-01", code=1)
    assert texts.DEADLINE_PAST in err
    err = await cli(capsys, "items", "change", str(item_id), "--question", "9", "Nyt spørgsmål?", code=1)
    assert texts.CHANGE_QUESTION_UNKNOWN.format(n=9) in err
    assert updates(connector) == []

    out = await cli(
        capsys,
        "items",
        "change",
        str(item_id),
        "--deadline",
        later.isoformat(),
        "--question",
        "2",
        "Er alle medarbejdere orienteret om ændringen?",
    )
    assert out.startswith(
        f"Høringen er rettet: Fristen er forlænget til {texts.long_date(later)}. Spørgsmål 2 er rettet."
    )
    await settle(bot)
    assert sorted(put_targets(updates(connector))) == sorted(originals)
    shown = card_text(updates(connector)[0].card or {})
    assert "2. Er alle medarbejdere orienteret om ændringen?" in shown and texts.long_date(later) in shown

    out = await cli(capsys, "items", "withdraw", str(item_id))
    assert out.strip() == texts.WITHDRAWN_DONE.format(title=TITLE, count=3)
    await settle(bot)
    assert len(updates(connector)) == 6
    err = await cli(capsys, "items", "withdraw", str(item_id), code=1)
    assert texts.ALREADY_WITHDRAWN.format(title=TITLE) in err
    report = json.loads(await cli(capsys, "items", "status", str(item_id), "--json"))
    assert report["item"]["state"] == "withdrawn" and report["item"]["revision"] == 3
