"""Every kind of bad input to a feedback round gets a clear Danish answer and changes nothing.

One medbot serves the whole module (a sent item with one answer, a closed item, a draft), because every case
must leave it exactly as it was: the snapshot of items, answers and outbox is compared after each case.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
import pytest_asyncio

from tests.conftest import ADMIN, KOMMUNEMED_SECRETARY, OES_SECRETARY, OUTSIDER
from tests.support import activities
from tests.support.fake_connector import FakeConnector
from tests.support.feedback import (
    CREATED,
    Clock,
    answer_inputs,
    button,
    card_text,
    channel_of,
    click,
    follow,
    item_inputs,
    link_channels,
    send_item_in_teams,
    settle,
    snapshot,
    submit_data,
)
from tests.support.service import RunningBot, sqlite_settings, start

pytestmark = pytest.mark.asyncio(loop_scope="module")


@dataclass
class Round:
    """The module's medbot and the items the cases aim at."""

    bot: RunningBot
    connector: FakeConnector
    sent: int
    closed: int
    draft: int


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def world(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Round]:
    connector = FakeConnector()
    await connector.start()
    bot = await start(sqlite_settings(tmp_path_factory.mktemp("bad"), admins=frozenset({ADMIN})))
    clock = Clock()
    follow(bot, clock)
    await link_channels(bot, connector, ADMIN, ["afdelingsmed-oes", "afdelingsmed-bae"])
    sent = await send_item_in_teams(bot, connector)
    closed = await send_item_in_teams(bot, connector, title="Lukket høring")
    lead = activities.personal(connector.url, KOMMUNEMED_SECRETARY)
    preview = await click(bot, lead, {"medbot": "feedback.draft", "v": 1, **item_inputs(title="Kladde")})
    assert preview.card is not None
    draft = button(preview.card, "Send")["item_id"]
    clock.now = CREATED + timedelta(days=8)
    oes = activities.personal(connector.url, OES_SECRETARY)
    assert (await click(bot, oes, submit_data(sent, "afdelingsmed-oes", **answer_inputs()))).card is not None
    status = await click(bot, lead, {"medbot": "feedback.close", "v": 1, "item_id": closed})
    assert status.card is not None
    await settle(bot)
    yield Round(bot, connector, sent, closed, draft)
    await bot.stop()
    await connector.stop()


Envelope = Callable[[str], dict[str, Any]]
LEAD: Envelope = lambda url: activities.personal(url, KOMMUNEMED_SECRETARY)  # noqa: E731
OES: Envelope = lambda url: activities.personal(url, OES_SECRETARY)  # noqa: E731
STRANGER: Envelope = lambda url: activities.personal(url, OUTSIDER)  # noqa: E731


OES_CHANNEL_STRANGER: Envelope = lambda url: channel_of(url, "afdelingsmed-oes", user=OUTSIDER)  # noqa: E731


@dataclass(frozen=True)
class Case:
    """One bad click: who clicks, what the payload says (built from the round's ids), what the bot must say."""

    name: str
    who: Envelope
    payload: Callable[[Round], dict[str, Any]]
    says: str


def answer(committee: str = "afdelingsmed-oes", **values: Any) -> Callable[[Round], dict[str, Any]]:
    """A submit for the sent item with `values` over a valid answer."""
    return lambda r: {**submit_data(r.sent, committee, **answer_inputs()), **values}


def draft(**values: Any) -> Callable[[Round], dict[str, Any]]:
    """The item form's submit with `values` over a valid item."""
    return lambda r: {"medbot": "feedback.draft", "v": 1, **item_inputs(**values)}


TOO_LONG = "å" * 4001
CASES = [
    Case("unknown-item", OES, answer(item_id=999_999), "Jeg kan ikke finde den høring"),
    Case("item-id-text", OES, answer(item_id="1 OR 1=1"), "Jeg kan ikke finde den høring"),
    Case("item-id-huge", OES, answer(item_id=10**30), "Jeg kan ikke finde den høring"),
    Case("item-id-boolean", OES, answer(item_id=True), "Jeg kan ikke finde den høring"),
    Case("item-is-a-draft", OES, lambda r: submit_data(r.draft, "afdelingsmed-oes", **answer_inputs()), "finde den"),
    Case("committee-not-a-recipient", LEAD, answer("kommunemed"), "står ikke som modtager"),
    Case("committee-unknown", OES, answer("afdelingsmed-findes-ikke"), "står ikke som modtager"),
    Case("committee-id-list", OES, answer(committee_id=["afdelingsmed-oes"]), "står ikke som modtager"),
    Case("member-of-another-committee", OES, answer("afdelingsmed-bae"), "Kun medlemmer af AfdelingsMED Borger"),
    Case(
        "another-committees-channel", OES_CHANNEL_STRANGER, answer("afdelingsmed-bae"), "Kun medlemmer af AfdelingsMED"
    ),
    Case("outsider-in-a-chat", STRANGER, answer(), "Kun medlemmer af AfdelingsMED Økonomi & Stab"),
    Case(
        "closed-item",
        OES,
        lambda r: submit_data(r.closed, "afdelingsmed-oes", **answer_inputs()),
        "»Lukket høring« er lukket",
    ),
    Case("meeting-date-empty", OES, answer(meeting_date=""), "Skriv datoen for det møde"),
    Case("meeting-date-not-a-date", OES, answer(meeting_date="i går"), "Mødedatoen skal være en dato"),
    Case("meeting-date-in-the-future", OES, answer(meeting_date="2027-01-04"), "kan ikke ligge i fremtiden"),
    Case("answer-empty", OES, answer(answer_1="   "), "Svar på spørgsmål 1."),
    Case("answer-missing", OES, lambda r: {**submit_data(r.sent, "afdelingsmed-oes")}, "Svar på spørgsmål 3."),
    Case("answer-over-4000", OES, answer(answer_1=TOO_LONG), "må højst være 4.000 tegn (det er 4001)"),
    Case("remarks-over-4000", OES, answer(remarks=TOO_LONG), "Øvrige bemærkninger må højst være 4.000 tegn"),
    Case("yes-no-forged", OES, answer(answer_2="måske"), "Vælg et af svarene på spørgsmål 2."),
    # Issue 12, point 10: a number where text belongs was stored as its digits.
    Case("answer-a-number", OES, answer(answer_1=42), "Feltet »Svar på spørgsmål 1« skal udfyldes med tekst."),
    Case("answer-a-fraction", OES, answer(answer_1=4.5), "Feltet »Svar på spørgsmål 1« skal udfyldes med tekst."),
    Case("answer-a-list", OES, answer(answer_1=["Vi", "planlægger"]), "»Svar på spørgsmål 1« skal udfyldes med tekst"),
    Case("answer-an-object", OES, answer(answer_3={"value": "Personalemøde"}), "»Svar på spørgsmål 3« skal udfyldes"),
    Case("yes-no-a-boolean", OES, answer(answer_2=True), "Feltet »Svar på spørgsmål 2« skal udfyldes med tekst."),
    Case("remarks-a-number", OES, answer(remarks=0), "Feltet »Øvrige bemærkninger« skal udfyldes med tekst."),
    Case("meeting-date-a-number", OES, answer(meeting_date=20261130), "»Drøftet på møde den« skal udfyldes med tekst"),
    Case("answer-only-control-characters", OES, answer(answer_1="\x00\x07\x1b"), "Svar på spørgsmål 1."),
    Case("choice-forged", OES, answer(answer_3="Ingen af dem"), "Vælg et af svarene på spørgsmål 3."),
    Case(
        "amend-for-another-committee",
        OES,
        lambda r: {"medbot": "feedback.amend", "v": 1, "item_id": r.sent, "committee_id": "afdelingsmed-bae"},
        "Kun medlemmer af AfdelingsMED Borger",
    ),
    Case("draft-by-a-committee-secretary", OES, draft(), "Kun KommuneMEDs sekretær og forperson"),
    Case(
        "send-by-a-committee-secretary",
        OES,
        lambda r: {"medbot": "feedback.send", "v": 1, "item_id": r.draft},
        "Kun KommuneMEDs sekretær og forperson",
    ),
    Case("send-unknown-item", LEAD, lambda r: {"medbot": "feedback.send", "v": 1, "item_id": 4711}, "finde den"),
    Case("draft-title-empty", LEAD, draft(title=""), "Skriv en titel."),
    Case("draft-title-too-long", LEAD, draft(title="x" * 201), "Titlen må højst være 200 tegn"),
    Case("draft-body-empty", LEAD, draft(body=""), "Skriv en baggrundstekst"),
    Case("draft-body-over-4000", LEAD, draft(body=TOO_LONG), "Baggrundsteksten må højst være 4.000 tegn"),
    Case("draft-deadline-missing", LEAD, draft(deadline=""), "Vælg en svarfrist."),
    Case("draft-deadline-in-the-past", LEAD, draft(deadline="2026-11-30"), "kan ikke ligge før i dag"),
    Case("draft-deadline-not-a-date", LEAD, draft(deadline="næste uge"), "Svarfristen skal være en dato"),
    Case(
        "draft-no-questions",
        LEAD,
        draft(question_1="", question_2="", question_3=""),
        "Skriv mindst ét spørgsmål",
    ),
    Case("draft-one-choice", LEAD, draft(choices_3="Personalemøde"), "mindst to valgmuligheder"),
    Case("draft-unknown-kind", LEAD, draft(kind_2="stemmeseddel"), "svartype, jeg ikke kender"),
    Case("draft-no-recipients", LEAD, draft(recipients=""), "Vælg mindst ét udvalg"),
    Case("draft-title-a-number", LEAD, draft(title=2026), "Feltet »Titel« skal udfyldes med tekst."),
    Case("draft-body-a-boolean", LEAD, draft(body=False), "Feltet »Baggrund« skal udfyldes med tekst."),
    Case("draft-recipients-a-list", LEAD, draft(recipients=["afdelingsmed-oes"]), "»Modtagere« skal udfyldes"),
    Case("draft-deadline-a-number", LEAD, draft(deadline=20261210), "»Svarfrist« skal udfyldes med tekst"),
    Case("draft-question-a-number", LEAD, draft(question_2=7), "»Spørgsmål 2« skal udfyldes med tekst"),
    Case("draft-unknown-recipient", LEAD, draft(recipients="afdelingsmed-x"), "»afdelingsmed-x« findes ikke"),
    Case("draft-link-not-a-link", LEAD, draft(link="se intranettet"), "Et link skal begynde med https://"),
    Case("draft-unknown-knowledge-entry", LEAD, draft(link="findes-ikke"), "finde »findes-ikke« i vidensbasen"),
    Case(
        "revise-a-sent-item",
        LEAD,
        lambda r: {"medbot": "feedback.revise", "v": 1, "item_id": r.sent},
        "er allerede sendt og kan ikke rettes",
    ),
    Case(
        "draft-over-a-sent-item",
        LEAD,
        lambda r: {"medbot": "feedback.draft", "v": 1, **item_inputs(), "item_id": r.sent},
        "er allerede sendt og kan ikke rettes",
    ),
    Case(
        "close-by-a-committee-secretary",
        OES,
        lambda r: {"medbot": "feedback.close", "v": 1, "item_id": r.sent},
        "Kun KommuneMEDs sekretær og forperson",
    ),
    Case(
        "all-answers-for-a-committee-secretary",
        OES,
        lambda r: {"medbot": "feedback.answers", "v": 1, "item_id": r.sent},
        "Status på høringer kan kun ses af KommuneMEDs",
    ),
]
VERSIONED = [
    "feedback.draft",
    "feedback.revise",
    "feedback.send",
    "feedback.submit",
    "feedback.amend",
    "feedback.answers",
    "feedback.close",
]


def said(clicked: Any) -> str:
    """What the user sees: the short message, or the text of the card that replaced the clicked one."""
    return str(clicked.message or card_text(clicked.card or {}))


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
async def test_bad_click_is_answered_in_danish_and_changes_nothing(world: Round, case: Case) -> None:
    before = snapshot(world.bot)
    clicked = await click(world.bot, case.who(world.connector.url), case.payload(world))
    assert clicked.status == 200
    assert case.says in said(clicked)
    assert snapshot(world.bot) == before


@pytest.mark.parametrize("action", VERSIONED)
@pytest.mark.parametrize(
    "version",
    [2, 0, "1", None, True, 1.5, 2.0, [1]],
    ids=["v2", "v0", "v-text", "v-null", "v-true", "v1.5", "v2.0", "v-list"],
)
async def test_payload_of_an_unknown_version_is_refused_for_every_feedback_action(
    world: Round, action: str, version: Any
) -> None:
    before = snapshot(world.bot)
    payload = {**submit_data(world.sent, "afdelingsmed-oes", **answer_inputs("Ny tekst")), **item_inputs()}
    clicked = await click(world.bot, LEAD(world.connector.url), {**payload, "medbot": action, "v": version})
    assert "Kortet er lavet af en anden version af MED-assistenten" in clicked.message
    assert snapshot(world.bot) == before


async def test_payload_version_written_as_1_0_is_version_1(world: Round) -> None:
    """Issue 12, point 10: some clients round-trip numbers through floats; `"v": 1.0` is the same version."""
    payload = {"medbot": "feedback.amend", "v": 1.0, "item_id": world.sent, "committee_id": "afdelingsmed-oes"}
    clicked = await click(world.bot, OES(world.connector.url), payload)
    assert clicked.card is not None, clicked.body
    assert "Send svar" in str(clicked.card)


@pytest.mark.parametrize(
    ("who", "text", "says"),
    [
        (OES, "ny høring", "Kun KommuneMEDs sekretær og forperson"),
        (STRANGER, "ny hoering", "Kun KommuneMEDs sekretær og forperson"),
        (OES, "status", "Status på høringer kan kun ses af KommuneMEDs"),
    ],
    ids=["ny-hoering-by-a-secretary", "ny-hoering-by-a-stranger", "status-by-a-secretary"],
)
async def test_commands_for_kommunemed_refuse_others_in_danish(
    world: Round, who: Envelope, text: str, says: str
) -> None:
    before = (snapshot(world.bot), len(world.connector.messages()))
    await world.bot.post(activities.message(who(world.connector.url), text))
    [reply] = world.connector.messages()[before[1] :]
    assert says in reply.text
    assert snapshot(world.bot) == before[0]


async def test_new_item_in_a_channel_points_to_the_personal_chat(world: Round) -> None:
    before = len(world.connector.messages())
    envelope = channel_of(world.connector.url, "afdelingsmed-oes", user=KOMMUNEMED_SECRETARY)
    await world.bot.post(activities.message(envelope, "ny høring", mention=True))
    [reply] = world.connector.messages()[before:]
    assert "Høringer oprettes i din 1:1-chat med mig" in reply.text
