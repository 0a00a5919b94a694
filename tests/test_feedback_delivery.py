"""An item's delivery through the real server: 'sendes', a failure told to the sender, status, retry, 'Set'."""

from __future__ import annotations

import asyncio
import csv
import io
import json
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from sqlmodel import Session, select

from bot.cli import main
from dialogs.feedback import texts
from storage.conversations import Conversation
from storage.org import Committee, Person
from tests.conftest import KOMMUNEMED_SECRETARY, OES_SECRETARY
from tests.support import activities
from tests.support.fake_connector import FakeConnector
from tests.support.feedback import (
    AFDELINGSMED,
    BAE_SECRETARY,
    KFE_SECRETARY,
    Clock,
    answer_inputs,
    body_button,
    button,
    card_text,
    cards_for,
    channel_id_of,
    channel_of,
    click,
    item_inputs,
    linked_bot,
    settle,
    snapshot,
    submit_data,
)
from tests.support.service import RunningBot

THREE = ["afdelingsmed-oes", "afdelingsmed-bae", "afdelingsmed-kfe"]
KFE = "afdelingsmed-kfe"
KFE_NAME = AFDELINGSMED[KFE]


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
async def bot(tmp_path: Path, connector: FakeConnector, clock: Clock) -> AsyncIterator[RunningBot]:
    """medbot with the example organisation and three AfdelingsMED channels linked, on the test's clock."""
    async with linked_bot(tmp_path, connector, clock, THREE) as running:
        yield running


def refuse_channel(status: int, channel: str) -> Any:
    """The connector answers `status` for every message into one channel (a bot removed or blocked there)."""

    def fault(request: web.Request, _call: int) -> web.Response | None:
        if request.match_info.get("conversation", "").split(";")[0] == channel:
            return web.json_response({"error": {"code": "Forbidden", "message": "injected"}}, status=status)
        return None

    return fault


async def cli(bot: RunningBot, capsys: pytest.CaptureFixture[str], *args: str) -> str:
    """`medbot …` on the running bot's database (DATABASE_URL set by the test); returns stdout."""
    capsys.readouterr()
    code = await asyncio.to_thread(main, list(args))
    out = capsys.readouterr().out
    assert code == 0, out
    return out


async def status_card(bot: RunningBot, connector: FakeConnector, lead: dict[str, Any]) -> dict[str, Any]:
    before = len(connector.messages())
    await bot.post(activities.message(lead, "status"))
    [status] = connector.messages()[before:]
    assert status.card is not None
    return status.card


async def test_a_failed_delivery_is_told_shown_everywhere_and_can_be_retried(
    bot: RunningBot,
    connector: FakeConnector,
    clock: Clock,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DATABASE_URL", bot.runtime.settings.database_url)
    connector.fault = refuse_channel(403, channel_id_of(KFE))
    lead = activities.personal(connector.url, KOMMUNEMED_SECRETARY, user_name="Camilla Fiktivsen")
    await bot.post(activities.message(lead, "ny høring"))
    form = connector.messages()[-1].card
    assert form is not None
    preview = await click(bot, lead, {**button(form, "Vis forhåndsvisning"), **item_inputs(recipients=",".join(THREE))})
    assert preview.card is not None, preview.body
    item_id = button(preview.card, "Send")["item_id"]

    sent = await click(bot, lead, button(preview.card, "Send"))
    assert sent.card is not None
    assert "sendes til 3 udvalg" in card_text(sent.card) and "sendt til" not in card_text(sent.card)
    await settle(bot)

    # The sender's receipt follows the deliveries: Teams refreshes it (Action.Execute `refresh`) when the sender looks.
    refresh = sent.card["refresh"]
    assert refresh["userIds"] == [KOMMUNEMED_SECRETARY]
    refreshed = await click(bot, lead, refresh["action"]["data"])
    assert refreshed.card is not None
    now_shown = card_text(refreshed.card)
    assert "Leveret til 2 af 3 udvalg." in now_shown and "ikke leveret" in now_shown
    assert "Leveret til 0 af 3 udvalg." in card_text(sent.card), "the first receipt could not know yet"

    # The sender is told, 1:1, which committee did not get the item and what to do.
    notices = [
        m
        for m in connector.messages(f"a:personal-{KOMMUNEMED_SECRETARY}")
        if m.card and "nåede ikke" in card_text(m.card)
    ]
    assert len(notices) == 1 and notices[0].card is not None
    notice = card_text(notices[0].card)
    assert f"kunne ikke leveres til {KFE_NAME}" in notice and "blokeret" in notice
    assert button(notices[0].card, "Prøv igen") == {
        "medbot": "feedback.retry",
        "v": 1,
        "item_id": item_id,
        "committee_id": KFE,
    }
    assert {m.conversation_id for m in cards_for(connector, item_id)} == {channel_id_of(c) for c in THREE[:2]}

    # Status, 'Se alle svar', `items status --json` and the export: two delivered, one not, never "Mangler".
    status = await status_card(bot, connector, lead)
    shown = card_text(status)
    assert "Levering: 2 leveret, 0 sendes, 1 ikke leveret" in shown
    assert f"{KFE_NAME}: Ikke leveret: Teams afviste beskeden" in shown
    assert f"{KFE_NAME}: Mangler" not in shown
    assert f"{AFDELINGSMED['afdelingsmed-oes']}: Mangler – leveret 23. november 2026 kl. 10.00" in shown

    full = await click(bot, lead, button(status, "Se alle svar"))
    assert full.message
    summary = connector.messages()[-1].card
    assert summary is not None and f"Ikke leveret: {KFE_NAME}" in card_text(summary)
    assert KFE_NAME not in next(line for line in card_text(summary).splitlines() if line.startswith("Mangler"))

    report = json.loads(await cli(bot, capsys, "items", "status", str(item_id), "--json"))
    by_id = {c["committee_id"]: c for c in report["committees"]}
    assert [by_id[c]["delivery"] for c in THREE] == ["delivered", "delivered", "failed"]
    assert (by_id[KFE]["delivery_problem"], by_id[KFE]["label"]) == ("blocked", "Ikke leveret")
    assert "blokeret" in by_id[KFE]["delivery_error"] and "Prøv igen" in by_id[KFE]["delivery_error"]
    assert by_id["afdelingsmed-oes"]["delivered_at"].startswith("2026-11-23T10:00")
    assert (report["delivered"], report["failed"]) == (2, 1)

    exported = tmp_path / "svar.csv"
    await cli(bot, capsys, "items", "export", str(item_id), "--format", "csv", "--output", str(exported))
    table = list(csv.reader(io.StringIO(exported.read_text("utf-8-sig")), delimiter=";"))
    rows = {row[0]: dict(zip(table[0], row, strict=True)) for row in table[1:]}
    assert rows[KFE_NAME]["Status"] == "Ikke leveret"
    assert rows[KFE_NAME]["Levering"].startswith("Ikke leveret: Teams afviste beskeden")
    assert rows[AFDELINGSMED["afdelingsmed-bae"]]["Levering"] == "Leveret 2026-11-23 10:00"

    # A committee secretary may not resend; nothing changes.
    before = snapshot(bot)
    oes = activities.personal(connector.url, OES_SECRETARY)
    refused = await click(bot, oes, button(notices[0].card, "Prøv igen"))
    assert refused.message == texts.NOT_MANAGER
    assert snapshot(bot) == before

    # Teams lets the bot post in the channel again: KommuneMED's secretary clicks "Send igen" on the status card.
    connector.fault = None
    clock.now += timedelta(hours=1)
    again = await click(bot, lead, body_button(status, f"Send igen til {KFE_NAME}"))
    assert again.card is not None and f"{KFE_NAME}: Sendes" in card_text(again.card)
    await settle(bot)
    assert channel_id_of(KFE) in {m.conversation_id for m in cards_for(connector, item_id)}
    report = json.loads(await cli(bot, capsys, "items", "status", str(item_id), "--json"))
    kfe = next(c for c in report["committees"] if c["committee_id"] == KFE)
    assert (kfe["delivery"], kfe["retries"], kfe["delivery_error"]) == ("delivered", 1, None)
    assert kfe["delivered_at"].startswith("2026-11-23T11:00")

    # Delivered now: a second click has nothing to resend and changes nothing.
    before = snapshot(bot)
    twice = await click(bot, lead, button(notices[0].card, "Prøv igen"))
    assert twice.message == texts.RETRY_NOT_FAILED.format(
        title="Kutymefridage ophører", state="leveret", committee=KFE_NAME
    )
    assert snapshot(bot) == before


async def test_a_committee_that_cannot_be_reached_is_not_resent_and_nothing_changes(
    bot: RunningBot, connector: FakeConnector
) -> None:
    connector.fault = refuse_channel(404, channel_id_of(KFE))
    lead = activities.personal(connector.url, KOMMUNEMED_SECRETARY, user_name="Camilla Fiktivsen")
    await bot.post(activities.message(lead, "ny høring"))
    form = connector.messages()[-1].card
    assert form is not None
    preview = await click(bot, lead, {**button(form, "Vis forhåndsvisning"), **item_inputs(recipients=KFE)})
    assert preview.card is not None
    await click(bot, lead, button(preview.card, "Send"))
    await settle(bot)
    [notice] = [m for m in connector.messages() if m.card and "nåede ikke" in card_text(m.card)]
    assert notice.card is not None and "Samtalen findes ikke længere" in card_text(notice.card)

    # The app is removed from the channel and the secretary has no Entra id: no one to send to.
    with Session(bot.runtime.engine) as session:
        committee = session.get(Committee, KFE)
        assert committee is not None and committee.conversation_id
        channel = session.get(Conversation, committee.conversation_id)
        assert channel is not None
        channel.installed = False
        secretary = session.exec(select(Person).where(Person.aad_object_id == KFE_SECRETARY)).one()
        secretary.aad_object_id = ""
        session.add_all([channel, secretary])
        session.commit()
    before = snapshot(bot)
    refused = await click(bot, lead, button(notice.card, "Prøv igen"))
    assert refused.message.startswith(f"Jeg kan endnu ikke nå {KFE_NAME}, så intet er sendt igen.")
    assert snapshot(bot) == before


async def test_seen_is_the_first_interaction_and_else_the_answer_time(
    bot: RunningBot,
    connector: FakeConnector,
    clock: Clock,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DATABASE_URL", bot.runtime.settings.database_url)
    lead = activities.personal(connector.url, KOMMUNEMED_SECRETARY, user_name="Camilla Fiktivsen")
    await bot.post(activities.message(lead, "ny høring"))
    form = connector.messages()[-1].card
    assert form is not None
    preview = await click(bot, lead, {**button(form, "Vis forhåndsvisning"), **item_inputs(recipients=",".join(THREE))})
    assert preview.card is not None
    item_id = button(preview.card, "Send")["item_id"]
    await click(bot, lead, button(preview.card, "Send"))
    await settle(bot)

    # BAE's secretary opens the form ("Ret svar" with no answer yet) on day 2 and answers on day 4.
    bae = activities.personal(connector.url, BAE_SECRETARY, user_name="Ida Fiktivsen")
    clock.now += timedelta(days=1)
    opened = await click(bot, bae, {"medbot": "feedback.amend", "v": 1, "item_id": item_id, "committee_id": THREE[1]})
    assert opened.card is not None
    clock.now += timedelta(days=2)
    answered = await click(bot, bae, submit_data(item_id, THREE[1], **answer_inputs(meeting_date="2026-11-24")))
    assert answered.card is not None and "Svar modtaget" in card_text(answered.card)
    # ØS answers straight away in its channel on day 3.
    in_channel = channel_of(connector.url, THREE[0])
    clock.now -= timedelta(days=1)
    answered = await click(bot, in_channel, submit_data(item_id, THREE[0], **answer_inputs(meeting_date="2026-11-24")))
    assert answered.card is not None and "Svar modtaget" in card_text(answered.card)

    report = json.loads(await cli(bot, capsys, "items", "status", str(item_id), "--json"))
    by_id = {c["committee_id"]: c for c in report["committees"]}
    assert by_id[THREE[1]]["seen_at"].startswith("2026-11-24T10:00")
    assert by_id[THREE[1]]["answered_at"].startswith("2026-11-26T10:00")
    assert by_id[THREE[1]]["answered_by"] == "Ida Fiktivsen"
    assert by_id[THREE[0]]["seen_at"] == by_id[THREE[0]]["answered_at"]
    assert by_id[THREE[2]]["seen_at"] is None and by_id[THREE[2]]["delivery"] == "delivered"

    status = card_text(await status_card(bot, connector, lead))
    assert f"{AFDELINGSMED[THREE[2]]}: Mangler – leveret 23. november 2026 kl. 10.00" in status
