"""Builders for the feedback-round tests: a clock the test moves, linked committee channels, card clicks."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, func, select

from bot.outbox import DISPATCHER_KEY
from storage.feedback import FeedbackAnswer, FeedbackItem
from storage.outbox import OutboxMessage
from tests.conftest import ADMIN, KOMMUNEMED_SECRETARY, OES_SECRETARY
from tests.support import activities
from tests.support.fake_connector import FakeConnector, Recorded
from tests.support.service import RunningBot, sqlite_settings, start

# Example organisation (config/organisation.yaml, fictional people).
OES_MEMBER = "00000000-0000-4000-8000-000000000007"
BAE_SECRETARY = "00000000-0000-4000-8000-000000000009"
KFE_SECRETARY = "00000000-0000-4000-8000-000000000012"
DS_SECRETARY = "00000000-0000-4000-8000-000000000015"
AFDELINGSMED = {
    "afdelingsmed-oes": "AfdelingsMED Økonomi & Stab",
    "afdelingsmed-bae": "AfdelingsMED Borger, Arbejdsmarked & Erhverv",
    "afdelingsmed-kfe": "AfdelingsMED Kultur, Fritid & Ejendomme",
    "afdelingsmed-ds": "AfdelingsMED Dagtilbud & Skole",
    "afdelingsmed-mt": "AfdelingsMED Miljø & Teknik",
    "afdelingsmed-aess": "AfdelingsMED Ældre, Sundhed & Social",
    "afdelingsmed-bf": "AfdelingsMED Børn & Familie",
}
SECRETARIES = {
    "afdelingsmed-oes": OES_SECRETARY,
    "afdelingsmed-bae": BAE_SECRETARY,
    "afdelingsmed-kfe": KFE_SECRETARY,
    "afdelingsmed-ds": DS_SECRETARY,
    "afdelingsmed-mt": "00000000-0000-4000-8000-000000000018",
    "afdelingsmed-aess": "00000000-0000-4000-8000-000000000021",
    "afdelingsmed-bf": "00000000-0000-4000-8000-000000000024",
}
# Monday 23 November 2026, 10:00 in Copenhagen; the deadline is Thursday 10 December 2026.
CREATED = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
DEADLINE = date(2026, 12, 10)
FIRST_NUDGE = datetime(2026, 12, 7, 8, 0, tzinfo=UTC)  # Monday 7 December, 09:00 local: three working days before
DEADLINE_NUDGE = datetime(2026, 12, 10, 8, 0, tzinfo=UTC)  # Thursday 10 December, 09:00 local
SUMMARY = datetime(2026, 12, 11, 8, 0, tzinfo=UTC)  # Friday 11 December, 09:00 local


@dataclass
class Clock:
    """The time medbot and its outbox dispatcher see; the test moves it."""

    now: datetime = CREATED

    def __call__(self) -> datetime:
        return self.now


def follow(bot: RunningBot, clock: Clock) -> None:
    """Make the dialogs and the dispatcher read `clock` (the dispatcher sends rows due by it)."""
    bot.runtime.clock = clock
    bot.runner.app[DISPATCHER_KEY].clock = clock


def channel_of(service_url: str, committee_id: str, user: str = OES_MEMBER) -> dict[str, Any]:
    """The envelope of a message in the committee's Teams channel."""
    return activities.channel(
        service_url, user, team=f"19:team-{committee_id}@thread.tacv2", channel_id=f"19:{committee_id}@thread.tacv2"
    )


def channel_id_of(committee_id: str) -> str:
    """The committee's channel, where the bot's proactive posts start new threads."""
    return f"19:{committee_id}@thread.tacv2"


async def link_channels(bot: RunningBot, connector: FakeConnector, admin: str, committee_ids: list[str]) -> None:
    """An admin writes `@MED-assistenten tilknyt <udvalg>` in each committee's channel."""
    for committee_id in committee_ids:
        envelope = channel_of(connector.url, committee_id, admin)
        response = await bot.post(activities.message(envelope, f"tilknyt {AFDELINGSMED[committee_id]}", mention=True))
        assert response.status == 200
    linked = [m for m in connector.messages() if "er nu knyttet til" in m.text]
    assert len(linked) >= len(committee_ids), [m.text for m in connector.messages()]


@asynccontextmanager
async def linked_bot(
    tmp_path: Path, connector: FakeConnector, clock: Clock, committee_ids: list[str]
) -> AsyncIterator[RunningBot]:
    """medbot with the example organisation on the test's clock, these AfdelingsMED channels linked by an admin."""
    running = await start(sqlite_settings(tmp_path, admins=frozenset({ADMIN})))
    try:
        follow(running, clock)
        await link_channels(running, connector, ADMIN, committee_ids)
        yield running
    finally:
        await running.stop()


def lead(connector: FakeConnector) -> dict[str, Any]:
    """KommuneMED's secretary in her 1:1 chat with the bot."""
    return activities.personal(connector.url, KOMMUNEMED_SECRETARY, user_name="Camilla Fiktivsen")


@dataclass
class Clicked:
    """What Teams got back for an Action.Execute: a card that replaces the clicked one, or a short message."""

    status: int
    body: dict[str, Any] = field(default_factory=dict)

    @property
    def card(self) -> dict[str, Any] | None:
        value = self.body.get("value")
        if self.body.get("type") == "application/vnd.microsoft.card.adaptive" and isinstance(value, dict):
            return value
        return None

    @property
    def message(self) -> str:
        return (
            str(self.body.get("value")) if self.body.get("type") == "application/vnd.microsoft.activity.message" else ""
        )


async def click(bot: RunningBot, envelope: dict[str, Any], data: dict[str, Any]) -> Clicked:
    """Post an Action.Execute invoke and return the invoke response."""
    response = await bot.post(activities.card_action(envelope, data))
    body = await response.json() if response.status == 200 and response.content_length else {}
    return Clicked(response.status, body)


def actions(card: dict[str, Any]) -> list[dict[str, Any]]:
    """The card's buttons."""
    return list(card.get("actions") or [])


def button(card: dict[str, Any], title: str) -> dict[str, Any]:
    """The data of the button titled `title` (what Teams sends when it is clicked, before inputs)."""
    for action in actions(card):
        if action.get("title") == title:
            data: dict[str, Any] = dict(action.get("data") or {})
            return data
    raise AssertionError(f"no button {title!r} in {[a.get('title') for a in actions(card)]}")


def walk(node: Any) -> Iterator[dict[str, Any]]:
    """Every element of a card, depth first."""
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from walk(value)
    elif isinstance(node, list):
        for item in node:
            yield from walk(item)


def body_button(card: dict[str, Any], title: str) -> dict[str, Any]:
    """The data of a button inside the card's body (an ActionSet): 'Send igen til …', 'Ret høringen', …"""
    for element in walk(card.get("body")):
        if element.get("type") == "Action.Execute" and element.get("title") == title:
            return dict(element["data"])
    raise AssertionError(f"no button {title!r} in the card's body")


def inputs(card: dict[str, Any]) -> dict[str, Any]:
    """The card's input fields by id, with their pre-filled values."""
    return {e["id"]: e.get("value", "") for e in walk(card.get("body")) if str(e.get("type", "")).startswith("Input.")}


def card_text(card: dict[str, Any]) -> str:
    """Every text (without Markdown bold), fact and input label on the card, one per line."""
    lines: list[str] = []
    for element in walk(card.get("body")):
        if element.get("type") == "TextBlock":
            lines.append(str(element.get("text")).replace("**", ""))
        elif str(element.get("type", "")).startswith("Input.") and element.get("label"):
            lines.append(str(element["label"]))
        elif element.get("type") == "FactSet":
            lines.extend(f"{f['title']}: {f['value']}" for f in element["facts"])
    return "\n".join(lines)


def item_inputs(**overrides: str) -> dict[str, str]:
    """A valid `ny høring` form: the kutymefridage item from KommuneMED's minutes of 25 June 2025."""
    values = {
        "title": "Kutymefridage ophører",
        "body": "KommuneMED beder hvert AfdelingsMED drøfte, hvad det betyder for arbejdspladserne, at "
        "kutymefridagene den 24. og 31. december ophører.",
        "link": "",
        "deadline": DEADLINE.isoformat(),
        "recipients": "all",
        "question_1": "Hvad betyder det for jeres arbejdspladser?",
        "kind_1": "text",
        "choices_1": "",
        "question_2": "Er medarbejderne orienteret?",
        "kind_2": "yesno",
        "choices_2": "",
        "question_3": "Hvordan vil I implementere det?",
        "kind_3": "choice",
        "choices_3": "Personalemøde; Nyhedsbrev; Begge dele",
    }
    values.update(overrides)
    return values


def answer_inputs(first: str = "Vi skal planlægge vagterne om.", **overrides: str) -> dict[str, str]:
    """A valid committee answer to the item above."""
    values = {
        "meeting_date": "2026-11-30",
        "answer_1": first,
        "answer_2": "ja",
        "answer_3": "Personalemøde",
        "remarks": "",
    }
    values.update(overrides)
    return values


def submit_data(item_id: int, committee_id: str, **values: str) -> dict[str, Any]:
    """The `feedback.submit` payload Teams sends: the button's ids plus every input value."""
    return {"medbot": "feedback.submit", "v": 1, "item_id": item_id, "committee_id": committee_id, **values}


async def send_item_in_teams(bot: RunningBot, connector: FakeConnector, **overrides: str) -> int:
    """KommuneMED's secretary: `ny høring`, fill in the form, preview, Send. Returns the item id."""
    me = activities.personal(connector.url, KOMMUNEMED_SECRETARY, user_name="Camilla Fiktivsen")
    before = len(connector.messages())
    await bot.post(activities.message(me, "ny høring"))
    [form] = connector.messages()[before:]
    assert form.card is not None
    preview = await click(bot, me, {**button(form.card, "Vis forhåndsvisning"), **item_inputs(**overrides)})
    assert preview.card is not None, preview.body
    sent = await click(bot, me, button(preview.card, "Send"))
    assert sent.card is not None and "Høringen sendes" in card_text(sent.card), sent.body
    await settle(bot)
    item_id = button(preview.card, "Send")["item_id"]
    assert isinstance(item_id, int)
    return item_id


def cards_for(connector: FakeConnector, item_id: int) -> list[Recorded]:
    """Messages carrying a committee's answer form for the item."""
    found = []
    for message in connector.messages():
        card = message.card
        if card is not None and any(
            a.get("data", {}).get("medbot") == "feedback.submit" and a["data"].get("item_id") == item_id
            for a in actions(card)
        ):
            found.append(message)
    return found


def answers(bot: RunningBot, item_id: int) -> list[FeedbackAnswer]:
    """Every stored answer version of the item."""
    with Session(bot.runtime.engine) as session:
        statement = select(FeedbackAnswer).where(FeedbackAnswer.item_id == item_id)
        return list(session.exec(statement.order_by(col(FeedbackAnswer.committee_id), col(FeedbackAnswer.version))))


async def settle(bot: RunningBot, within: float = 10.0) -> None:
    """Wait until the dispatcher has sent every due row, so moving the clock cannot expire a lease in flight."""
    for _ in range(int(within / 0.05)):
        with Session(bot.runtime.engine) as session:
            statement = select(func.count()).select_from(OutboxMessage)
            busy = session.exec(statement.where(col(OutboxMessage.status).in_(("pending", "sending")))).one()
        if not busy:
            return
        await asyncio.sleep(0.05)
    raise AssertionError("the outbox did not empty")


def outbox_keys(bot: RunningBot) -> list[str]:
    """Every dedupe key in the outbox."""
    with Session(bot.runtime.engine) as session:
        return sorted(session.exec(select(OutboxMessage.dedupe_key)))


def snapshot(bot: RunningBot) -> tuple[Any, ...]:
    """Everything a refused action must leave as it was: items, answers, outbox."""
    with Session(bot.runtime.engine) as session:
        items = tuple((i.id, i.state, i.title, i.deadline) for i in session.exec(select(FeedbackItem)))
        count = session.exec(select(func.count()).select_from(FeedbackAnswer)).one()
        keys = tuple(sorted(session.exec(select(OutboxMessage.dedupe_key))))
    return items, count, keys
