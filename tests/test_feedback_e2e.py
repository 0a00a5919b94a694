"""A whole feedback round through the real server: Teams-shaped activities in, cards at the fake connector."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlmodel import Session

from bot.cli import main
from storage.feedback import FeedbackItem
from tests.conftest import KOMMUNEMED_SECRETARY, OES_SECRETARY
from tests.support import activities
from tests.support.fake_connector import FakeConnector
from tests.support.feedback import (
    AFDELINGSMED,
    BAE_SECRETARY,
    DEADLINE,
    DEADLINE_NUDGE,
    FIRST_NUDGE,
    SECRETARIES,
    SUMMARY,
    Clock,
    answer_inputs,
    answers,
    button,
    card_text,
    cards_for,
    channel_id_of,
    channel_of,
    click,
    inputs,
    item_inputs,
    linked_bot,
    outbox_keys,
    send_item_in_teams,
    settle,
    submit_data,
)
from tests.support.service import RunningBot

LINKED = ["afdelingsmed-oes", "afdelingsmed-bae", "afdelingsmed-kfe"]


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
async def round_bot(tmp_path: Path, connector: FakeConnector, clock: Clock) -> AsyncIterator[RunningBot]:
    """medbot with the example organisation, three AfdelingsMED channels linked, on the test's clock."""
    async with linked_bot(tmp_path, connector, clock, LINKED) as running:
        yield running


RemindersRun = Callable[[], Awaitable[int]]


@pytest.fixture
def reminders_run(
    round_bot: RunningBot, clock: Clock, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> RemindersRun:
    """`medbot reminders run --now <test clock>` on the running bot's database; returns the nudges it wrote."""
    monkeypatch.setenv("DATABASE_URL", round_bot.runtime.settings.database_url)

    async def run() -> int:
        now = clock.now.astimezone(round_bot.runtime.tz).replace(tzinfo=None).isoformat(timespec="minutes")
        capsys.readouterr()
        code = await asyncio.to_thread(main, ["reminders", "run", "--now", now])
        out = capsys.readouterr().out
        found = re.search(r"Høringspåmindelser: (\d+)", out)
        assert code == 0 and found is not None, out
        return int(found.group(1))

    return run


async def test_secretary_creates_previews_revises_and_sends_an_item_to_every_afdelingsmed(
    round_bot: RunningBot, connector: FakeConnector
) -> None:
    me = activities.personal(connector.url, KOMMUNEMED_SECRETARY, user_name="Camilla Fiktivsen")
    await round_bot.post(activities.message(me, "Ny høring Kutymefridage"))
    form = connector.messages()[-1].card
    assert form is not None and "Ny høring til udvalgene" in card_text(form)
    assert inputs(form)["title"] == "Kutymefridage" and inputs(form)["recipients"] == "all"

    draft = {**button(form, "Vis forhåndsvisning"), **item_inputs(title="Kutymefridage", link="hvad-er-kutymefridage")}
    preview = await click(round_bot, me, draft)
    assert preview.card is not None
    shown = card_text(preview.card)
    assert "Alle AfdelingsMED (7 udvalg)" in shown and "torsdag den 10. december 2026" in shown
    assert "Drøftet på møde den" in shown and "2. Er medarbejderne orienteret?" in shown

    again = await click(round_bot, me, button(preview.card, "Ret"))
    assert again.card is not None and inputs(again.card)["title"] == "Kutymefridage"
    assert inputs(again.card)["choices_3"] == "Personalemøde; Nyhedsbrev; Begge dele"
    revised = await click(
        round_bot, me, {**button(again.card, "Vis forhåndsvisning"), **item_inputs(title="Kutymefridage ophører")}
    )
    assert (
        revised.card is not None and button(revised.card, "Send")["item_id"] == button(preview.card, "Send")["item_id"]
    )

    before = len(connector.messages())
    sent = await click(round_bot, me, button(revised.card, "Send"))
    assert sent.card is not None and "sendes til 7 udvalg" in card_text(sent.card)
    assert "er sendt" not in card_text(sent.card)  # nothing is claimed before the deliveries happened
    item_id = button(revised.card, "Send")["item_id"]

    delivered = await connector.wait_for(before + 7)
    forms = cards_for(connector, item_id)
    assert len(forms) == 7 and len(delivered) >= before + 7
    in_channels = {m.conversation_id for m in forms if m.conversation_id.startswith("19:")}
    assert in_channels == {channel_id_of(c) for c in LINKED}
    personal = {m.conversation_id for m in forms if not m.conversation_id.startswith("19:")}
    assert personal == {f"a:personal-{SECRETARIES[c]}" for c in AFDELINGSMED if c not in LINKED}
    assert all("Kutymefridage ophører" in card_text(m.card or {}) for m in forms)

    await settle(round_bot)
    twice = await click(round_bot, me, button(revised.card, "Send"))
    assert twice.card is not None and "Høringen sendes" in card_text(twice.card)
    assert "Leveret til 7 af 7 udvalg." in card_text(twice.card)
    assert len([k for k in outbox_keys(round_bot) if k.startswith(f"item:{item_id}:send:")]) == 7


async def test_two_committees_answer_a_double_click_stores_one_version_and_an_edit_keeps_the_first(
    round_bot: RunningBot, connector: FakeConnector, clock: Clock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    item_id = await send_item_in_teams(round_bot, connector)
    clock.now += timedelta(days=7)

    # ØS answers in its channel; whoever writes there speaks for the committee, registered or not.
    in_channel = channel_of(connector.url, "afdelingsmed-oes", user="99999999-0000-4000-8000-000000000099")
    data = submit_data(item_id, "afdelingsmed-oes", **answer_inputs())
    first, second = await asyncio.gather(click(round_bot, in_channel, data), click(round_bot, in_channel, data))
    for receipt in (first, second):
        assert receipt.card is not None, receipt.body
        assert "Svar modtaget 30. november 2026 kl. 10.00, indsendt af Test Bruger." in card_text(receipt.card)
    assert [(a.committee_id, a.version) for a in answers(round_bot, item_id)] == [("afdelingsmed-oes", 1)]

    # BAE's secretary answers in the 1:1 chat, and a few days later corrects the answer.
    bae = activities.personal(connector.url, BAE_SECRETARY, user_name="Ida Fiktivsen")
    receipt = await click(round_bot, bae, submit_data(item_id, "afdelingsmed-bae", **answer_inputs("Ingen ændring.")))
    assert receipt.card is not None and "Ret svar" in [a["title"] for a in receipt.card["actions"]]
    clock.now += timedelta(days=2)
    form = await click(round_bot, bae, button(receipt.card, "Ret svar"))
    assert form.card is not None and inputs(form.card)["answer_1"] == "Ingen ændring."
    edited = {**button(form.card, "Send svar"), **inputs(form.card), "answer_1": "Vi skal planlægge vagterne om."}
    changed = await click(round_bot, bae, edited)
    assert changed.card is not None and "Svaret er rettet" in card_text(changed.card)

    stored = answers(round_bot, item_id)
    assert [(a.committee_id, a.version, a.answers[0]) for a in stored] == [
        ("afdelingsmed-bae", 1, "Ingen ændring."),
        ("afdelingsmed-bae", 2, "Vi skal planlægge vagterne om."),
        ("afdelingsmed-oes", 1, "Vi skal planlægge vagterne om."),
    ]

    lead = activities.personal(connector.url, KOMMUNEMED_SECRETARY)
    before = len(connector.messages())
    await round_bot.post(activities.message(lead, "status"))
    [status] = connector.messages()[before:]
    assert status.card is not None
    shown = card_text(status.card)
    assert "Svar: 2 af 7 udvalg har svaret" in shown
    assert (
        "AfdelingsMED Borger, Arbejdsmarked & Erhverv: Besvaret 2. december 2026 kl. 10.00 af Ida Fiktivsen (rettet)"
        in shown
    )
    assert "AfdelingsMED Økonomi & Stab: Besvaret 30. november 2026 kl. 10.00 af Test Bruger" in shown
    assert "AfdelingsMED Miljø & Teknik: Mangler" in shown

    full = await click(round_bot, lead, button(status.card, "Se alle svar"))
    assert full.message == "Her er alle svar på »Kutymefridage ophører«."
    [summary] = connector.messages()[before + 1 :]
    assert summary.card is not None and "Ingen ændring." not in card_text(summary.card)
    assert card_text(summary.card).count("Vi skal planlægge vagterne om.") == 2

    monkeypatch.setenv("DATABASE_URL", round_bot.runtime.settings.database_url)
    exported = tmp_path / "svar.xlsx"
    export = ["items", "export", str(item_id), "--format", "xlsx", "--output", str(exported)]
    assert await asyncio.to_thread(main, export) == 0
    table = {row[0]: row for row in load_workbook(exported)["Svar"].iter_rows(values_only=True)}
    assert len(table) == 1 + 7
    assert table["AfdelingsMED Borger, Arbejdsmarked & Erhverv"][1:6] == (
        "Besvaret",
        "2026-11-30",
        "2026-12-02 10:00",
        "Ida Fiktivsen",
        "Vi skal planlægge vagterne om.",
    )
    assert table["AfdelingsMED Borger, Arbejdsmarked & Erhverv"][-3] == "2"
    assert table["AfdelingsMED Miljø & Teknik"][1] == "Mangler"  # delivered, not answered
    assert table["AfdelingsMED Økonomi & Stab"][5:8] == ("Vi skal planlægge vagterne om.", "Ja", "Personalemøde")
    assert table["AfdelingsMED Miljø & Teknik"][1] == "Mangler"


async def test_nudges_reach_only_committees_without_an_answer_once_three_working_days_before_and_on_the_day(
    round_bot: RunningBot, connector: FakeConnector, clock: Clock, reminders_run: RemindersRun
) -> None:
    item_id = await send_item_in_teams(round_bot, connector)
    clock.now = FIRST_NUDGE - timedelta(days=3)
    oes = activities.personal(connector.url, OES_SECRETARY)
    receipt = await click(round_bot, oes, submit_data(item_id, "afdelingsmed-oes", **answer_inputs()))
    assert receipt.card is not None, receipt.body

    clock.now = FIRST_NUDGE - timedelta(minutes=5)
    assert await reminders_run() == 0
    clock.now = FIRST_NUDGE + timedelta(minutes=5)
    before = len(connector.messages())
    assert await reminders_run() == 6
    assert await reminders_run() == 0
    await settle(round_bot)
    nudges = [m for m in connector.messages()[before:] if m in cards_for(connector, item_id)]
    assert all("Påmindelse" in card_text(m.card or {}) for m in nudges)
    assert {m.conversation_id for m in nudges} == (
        {channel_id_of(c) for c in LINKED if c != "afdelingsmed-oes"}
        | {f"a:personal-{SECRETARIES[c]}" for c in AFDELINGSMED if c not in LINKED}
    )
    assert "Fristen er torsdag den 10. december 2026" in card_text(nudges[0].card or {})

    bae = activities.personal(connector.url, BAE_SECRETARY)
    clock.now = DEADLINE_NUDGE - timedelta(hours=1)
    receipt = await click(round_bot, bae, submit_data(item_id, "afdelingsmed-bae", **answer_inputs()))
    assert receipt.card is not None, receipt.body
    clock.now = DEADLINE_NUDGE
    before = len(connector.messages())
    assert await reminders_run() == 5
    assert await reminders_run() == 0
    await settle(round_bot)
    nudges = [m for m in connector.messages()[before:] if m in cards_for(connector, item_id)]
    assert len(nudges) == 5 and all("I dag er sidste frist" in card_text(m.card or {}) for m in nudges)
    keys = [k for k in outbox_keys(round_bot) if ":nudge:" in k]
    assert len(keys) == 11 and f"item:{item_id}:nudge:afdelingsmed-bae:deadline:2026-12-10" not in keys
    assert not any("afdelingsmed-oes" in k for k in keys)


async def test_creator_gets_the_summary_once_after_the_deadline_and_closes_the_item(
    round_bot: RunningBot, connector: FakeConnector, clock: Clock, reminders_run: RemindersRun
) -> None:
    item_id = await send_item_in_teams(round_bot, connector)
    clock.now = FIRST_NUDGE
    oes = activities.personal(connector.url, OES_SECRETARY, user_name="Frederik Fiktivsen")
    receipt = await click(round_bot, oes, submit_data(item_id, "afdelingsmed-oes", **answer_inputs()))
    assert receipt.card is not None, receipt.body

    clock.now = SUMMARY - timedelta(minutes=1)
    await reminders_run()
    assert f"item:{item_id}:summary:2026-12-10" not in outbox_keys(round_bot)
    clock.now = SUMMARY
    before = len(connector.messages())
    assert await reminders_run() == 1
    assert await reminders_run() == 0
    await settle(round_bot)
    [summary] = [m for m in connector.messages()[before:] if "Fristen er udløbet" in card_text(m.card or {})]
    assert summary.conversation_id == f"a:personal-{KOMMUNEMED_SECRETARY}"
    assert "Svar: 1 af 7 udvalg har svaret" in card_text(summary.card or {})

    lead = activities.personal(connector.url, KOMMUNEMED_SECRETARY)
    closed = await click(round_bot, lead, button(summary.card or {}, "Luk høringen"))
    assert closed.card is not None and "Høringen blev lukket 11. december 2026." in card_text(closed.card)
    with Session(round_bot.runtime.engine) as session:
        item = session.get(FeedbackItem, item_id)
        assert item is not None and item.state == "closed"
    refused = await click(round_bot, oes, submit_data(item_id, "afdelingsmed-oes", **answer_inputs("For sent.")))
    assert "er lukket" in refused.message
    assert len(answers(round_bot, item_id)) == 1


async def test_an_answer_on_the_deadline_day_itself_is_on_time_up_to_local_midnight(
    round_bot: RunningBot, connector: FakeConnector, clock: Clock
) -> None:
    item_id = await send_item_in_teams(round_bot, connector)
    ds = activities.personal(connector.url, SECRETARIES["afdelingsmed-ds"], user_name="Olivia Fiktivsen")

    clock.now = datetime.combine(DEADLINE, time(23, 59), tzinfo=round_bot.runtime.tz).astimezone(UTC)
    receipt = await click(round_bot, ds, submit_data(item_id, "afdelingsmed-ds", **answer_inputs()))

    assert receipt.card is not None
    assert "markeret som for sent" not in card_text(receipt.card)
    assert "Ret svar" in [a["title"] for a in receipt.card.get("actions", [])]
    [answer] = answers(round_bot, item_id)
    assert not answer.late
    changed = await click(round_bot, ds, submit_data(item_id, "afdelingsmed-ds", **answer_inputs("Noget andet.")))
    assert changed.card is not None and "markeret som for sent" not in card_text(changed.card)
    assert [(a.answers[0], a.late) for a in answers(round_bot, item_id)] == [
        ("Vi skal planlægge vagterne om.", False),
        ("Noget andet.", False),
    ]


async def test_an_answer_after_the_deadline_is_stored_marked_late_and_can_no_longer_be_changed(
    round_bot: RunningBot, connector: FakeConnector, clock: Clock
) -> None:
    item_id = await send_item_in_teams(round_bot, connector)
    ds = activities.personal(connector.url, SECRETARIES["afdelingsmed-ds"], user_name="Olivia Fiktivsen")

    clock.now = SUMMARY + timedelta(hours=2)
    receipt = await click(round_bot, ds, submit_data(item_id, "afdelingsmed-ds", **answer_inputs()))
    assert receipt.card is not None
    assert "markeret som for sent" in card_text(receipt.card)
    assert "Ret svar" not in [a["title"] for a in receipt.card.get("actions", [])]
    [late] = answers(round_bot, item_id)
    assert late.late

    changed = await click(round_bot, ds, submit_data(item_id, "afdelingsmed-ds", **answer_inputs("Noget andet.")))
    assert "kan ikke længere rettes" in changed.message
    assert [a.answers[0] for a in answers(round_bot, item_id)] == ["Vi skal planlægge vagterne om."]

    lead = activities.personal(connector.url, KOMMUNEMED_SECRETARY)
    before = len(connector.messages())
    await round_bot.post(activities.message(lead, "status"))
    [status] = connector.messages()[before:]
    assert "AfdelingsMED Dagtilbud & Skole: For sent 11. december 2026 kl. 11.00 af Olivia Fiktivsen" in card_text(
        status.card or {}
    )
    assert DEADLINE.isoformat() == "2026-12-10"
