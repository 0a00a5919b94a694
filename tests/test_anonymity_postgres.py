"""The red team's attack on PostgreSQL: tie "anonymous" health questions back to their askers through bookkeeping.

A dozen employees each open a 1:1 chat with a health question the bot cannot answer, through the real server: the
handler stores the asker's conversation reference (with their Entra id) and the dialog counts the question. The
attacker then reads what any database user can: the hidden `xmin` transaction id of every row, the order rows were
written in (their ids and their place on disk, `ctid`) and the timestamps. With the counts written in the asker's
turn (the control below) each attack links every question to its asker; with the service's shuffled batches
(bot/anonymous.py) no attack does better than a random guess, which links one of twelve.
"""

from __future__ import annotations

import random
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from bot.anonymous import flush_now
from bot.config import Settings
from storage.db import make_engine
from storage.knowledge import normalise_question
from tests.support import activities
from tests.support.fake_connector import FakeConnector
from tests.support.knowledge import write_small_knowledge
from tests.support.service import RunningBot, start

pytestmark = pytest.mark.postgres

QUESTIONS = [
    "Jeg har fået konstateret diabetes, skal min leder vide det?",
    "Min depression gør mig træt, må jeg gå tidligere?",
    "Jeg skal opereres i knæet, hvad gør jeg med ferien?",
    "Jeg er gravid og har kvalme, kan jeg arbejde hjemme?",
    "Jeg har migræne flere gange om ugen, hvad gælder der?",
    "Jeg er i behandling for kræft, kan jeg gå ned i tid?",
    "Jeg har angst og kan ikke tage bussen, hvad nu?",
    "Min sclerose er blevet værre, kan jeg få hjælpemidler?",
    "Jeg har long covid og er ofte udmattet, hvad gør jeg?",
    "Jeg går i misbrugsbehandling, skal jeg sige det?",
    "Jeg har en spiseforstyrrelse, kan jeg få fri til samtaler?",
    "Jeg har fået en hjerneblødning, hvornår må jeg starte igen?",
]
ASKERS = [f"a5c0ffee-0000-4000-8000-{n:012d}" for n in range(1, len(QUESTIONS) + 1)]
START = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
A_RANDOM_GUESS = 1  # guessing one asker of twelve for each of twelve questions links one on average


@dataclass(frozen=True)
class Written:
    """One row as the attacker sees it: whose or what it is, and the database's bookkeeping."""

    label: str  # the asker's Entra id (conversation) or the normalised question (unanswered_question)
    xmin: int
    id_order: int  # position by id (serial) or by conversation write order
    disk_order: int  # position by ctid
    day: str
    at: datetime | None  # conversation.updated_at; the anonymous rows have no time of day


@pytest.fixture
async def bot(pg_database: str, tmp_path: Path) -> AsyncIterator[RunningBot]:
    """medbot on its own PostgreSQL database, answering from the small fictional knowledge; askers a minute apart."""
    knowledge = write_small_knowledge(tmp_path / "knowledge")
    running = await start(Settings(database_url=pg_database, knowledge_dir=knowledge), organisation=False)
    ticks = iter(range(10_000))
    running.runtime.clock = lambda: START + timedelta(minutes=next(ticks))
    running.runtime.anonymous.rng = random.Random(0)  # the service uses SystemRandom; a seed makes this repeatable
    yield running
    if not running.http.closed:
        await running.stop()


async def ask_all(bot: RunningBot, connector: FakeConnector, *, write_each_turn: bool = False) -> None:
    """Each asker writes once, in turn: first contact, so the handler stores their conversation reference.

    `write_each_turn` writes the counts right after every turn, as the bot did before the batches.
    """
    for person, question in zip(ASKERS, QUESTIONS, strict=True):
        response = await bot.post(activities.message(activities.personal(connector.url, person), question))
        assert response.status == 200
        if write_each_turn:
            await flush_now(bot.runtime.anonymous)


def read_bookkeeping(url: str) -> tuple[list[Written], list[Written]]:
    """(conversations, unanswered questions), with xmin, write order, disk order, day and time."""
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            conversations = connection.execute(
                text(
                    "SELECT user_aad_id, xmin::text::bigint, ctid::text, updated_at FROM conversation "
                    "ORDER BY xmin::text::bigint"
                )
            ).all()
            questions = connection.execute(
                text(
                    "SELECT question, xmin::text::bigint, ctid::text, asked_on, id FROM unanswered_question ORDER BY id"
                )
            ).all()
    finally:
        engine.dispose()
    by_disk = {ctid: n for n, ctid in enumerate(sorted((row[2] for row in conversations), key=_ctid))}
    people = [
        Written(str(aad), int(xmin), n, by_disk[ctid], updated.date().isoformat(), updated)
        for n, (aad, xmin, ctid, updated) in enumerate(conversations)
    ]
    by_disk = {ctid: n for n, ctid in enumerate(sorted((row[2] for row in questions), key=_ctid))}
    counted = [
        Written(str(question), int(xmin), n, by_disk[ctid], asked_on.isoformat(), None)
        for n, (question, xmin, ctid, asked_on, _id) in enumerate(questions)
    ]
    return people, counted


def _ctid(ctid: str) -> tuple[int, int]:
    """'(page,item)' as a sortable pair."""
    page, item = ctid.strip("()").split(",")
    return int(page), int(item)


def truth() -> dict[str, str]:
    """Which asker each stored question belongs to: what the attacker wants to learn."""
    return {normalise_question(q): person for person, q in zip(ASKERS, QUESTIONS, strict=True)}


def link_by_xmin(people: list[Written], counted: list[Written]) -> dict[str, str]:
    """Each question to the asker whose conversation write has the nearest transaction id before it."""
    guesses: dict[str, str] = {}
    for row in counted:
        before = [p for p in people if p.xmin < row.xmin]
        guesses[row.label] = max(before, key=lambda p: p.xmin).label if before else people[0].label
    return guesses


def link_by_write_order(people: list[Written], counted: list[Written], order: str) -> dict[str, str]:
    """The n-th question written to the n-th asker written (by id or by place on disk)."""
    ranked_people = sorted(people, key=lambda p: getattr(p, order))
    ranked_rows = sorted(counted, key=lambda r: getattr(r, order))
    return {row.label: person.label for row, person in zip(ranked_rows, ranked_people, strict=True)}


def link_by_time(people: list[Written], counted: list[Written]) -> dict[str, str]:
    """Each question to the asker active nearest its write time, which the attacker places by the xmin sequence.

    The rows carry only the day, so the attacker dates a row by the latest conversation written before it.
    """
    guesses: dict[str, str] = {}
    for row in counted:
        same_day = [p for p in people if p.day == row.day]
        written_before = [p for p in same_day if p.xmin < row.xmin]
        estimate = max(written_before, key=lambda p: p.xmin).at if written_before else same_day[0].at
        assert estimate is not None
        guesses[row.label] = min(same_day, key=lambda p: abs((p.at or estimate) - estimate)).label
    return guesses


def matches(guesses: dict[str, str]) -> int:
    """How many questions an attack tied to their real asker."""
    real = truth()
    return sum(real[question] == person for question, person in guesses.items())


async def test_control_counts_written_right_after_each_turn_are_linked_to_their_askers_by_every_attack(
    bot: RunningBot, connector: FakeConnector, pg_database: str
) -> None:
    """Without batching (a write right after each turn, as before) the attacks work: they are real attacks."""
    await ask_all(bot, connector, write_each_turn=True)
    people, counted = read_bookkeeping(pg_database)
    assert len(people) == len(counted) == len(ASKERS)
    assert matches(link_by_xmin(people, counted)) == len(ASKERS)
    assert matches(link_by_write_order(people, counted, "id_order")) == len(ASKERS)
    assert matches(link_by_time(people, counted)) == len(ASKERS)


async def test_xmin_write_order_and_time_link_no_anonymous_question_better_than_a_random_guess(
    bot: RunningBot, connector: FakeConnector, pg_database: str
) -> None:
    await ask_all(bot, connector)
    await bot.stop()  # a clean shutdown writes what the service held

    people, counted = read_bookkeeping(pg_database)
    assert sorted(row.label for row in counted) == sorted(truth()), "every question is counted, none lost"
    assert len({row.xmin for row in counted}) == 1, "one batch transaction wrote every anonymous row"
    assert min(row.xmin for row in counted) > max(p.xmin for p in people), "written after every asker's turn"
    attacks = {
        "xmin": link_by_xmin(people, counted),
        "id order": link_by_write_order(people, counted, "id_order"),
        "disk order": link_by_write_order(people, counted, "disk_order"),
        "time": link_by_time(people, counted),
    }
    linked = {name: matches(guesses) for name, guesses in attacks.items()}
    assert all(count <= A_RANDOM_GUESS for count in linked.values()), linked


async def test_ratings_are_written_in_the_same_batch_apart_from_the_raters_turns(
    bot: RunningBot, connector: FakeConnector, pg_database: str
) -> None:
    for person in ASKERS[:6]:
        envelope = activities.personal(connector.url, person)
        await bot.post(activities.message(envelope, "Hvor må jeg parkere ved rådhuset?"))
        card = connector.messages()[-1].card
        assert card is not None
        [thumbs_up] = [a["data"] for a in card["actions"] if a.get("data", {}).get("helpful") is True]
        await bot.post(activities.card_action(envelope, thumbs_up, reply_to=f"answer-{person}"))
    await ask_all(bot, connector)
    await bot.stop()

    engine = make_engine(pg_database)
    try:
        with engine.connect() as connection:
            anonymous = connection.execute(
                text(
                    "SELECT xmin::text::bigint FROM unanswered_question "
                    "UNION ALL SELECT xmin::text::bigint FROM answer_rating"
                )
            ).all()
            [(helpful,)] = connection.execute(text("SELECT helpful FROM answer_rating")).all()
            last_turn = connection.execute(text("SELECT max(xmin::text::bigint) FROM conversation")).scalar_one()
    finally:
        engine.dispose()
    assert helpful == 6
    assert len({xmin for (xmin,) in anonymous}) == 1 and anonymous[0][0] > last_turn
