"""Linking a Teams channel to a committee: `tilknyt`, `fjern tilknytning` and the choice card (issue 15, item 5).

A wrong link sends a committee's items to another team's channel, so the bot links at once only when one committee
clearly fits, says which committee a channel served before, keeps one committee per channel (whichever thread of
the channel the command was written in: Teams gives every thread its own conversation id), can undo a link, and
shows the command's argument in a help card Teams renders (Teams drops `<…>` as HTML). The scenarios run through
the real server with Teams-shaped activities; a refusal leaves every link as it was.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from dialogs.admin import cards, handlers, texts
from dialogs.base import Actor
from dialogs.feedback.delivery import address_of
from dialogs.organisation import parse_organisation
from storage import conversations, org
from storage.addresses import Via
from storage.conversations import Conversation
from storage.db import make_engine, session_scope, upgrade
from storage.org import Committee
from tests.cards.harness import render_cards, require_tools, result_for
from tests.conftest import ADMIN, OES_SECRETARY
from tests.support import activities
from tests.support.fake_connector import FakeConnector
from tests.support.feedback import Clicked, card_text, click, walk
from tests.support.service import ORGANISATION, RunningBot

CHANNEL = "19:aeldreteamet@thread.tacv2"
OTHER_CHANNEL = "19:oekonomiteamet@thread.tacv2"
OES, OES_NAME = "afdelingsmed-oes", "AfdelingsMED Økonomi & Stab"
AESS, AESS_NAME = "afdelingsmed-aess", "AfdelingsMED Ældre, Sundhed & Social"
STABEN_AESS, STABEN_AESS_NAME = (
    "personalemoede-staben-aess",
    "Personalemøde med MED-status: Staben i Ældre, Sundhed & Social",
)
BF, BF_NAME = "afdelingsmed-bf", "AfdelingsMED Børn & Familie"
MT, MT_NAME = "afdelingsmed-mt", "AfdelingsMED Miljø & Teknik"


def bold(*names: str) -> str:
    """Committee names as the bot writes them in a sentence."""
    marked = [f"**{n}**" for n in names]
    return " og ".join([", ".join(marked[:-1]), marked[-1]]) if len(marked) > 1 else marked[0]


# ---------------------------------------------------------------------------------------------------------------
# Talking to the running bot


def in_thread(connector: FakeConnector, thread: int, *, channel: str = CHANNEL, user: str = ADMIN) -> dict[str, Any]:
    """A message in a thread of a channel: Teams' conversation id is the channel's plus `;messageid=<thread>`."""
    envelope = activities.channel(connector.url, user, channel_id=channel, user_name="Admin Fiktivsen")
    envelope["conversation"] = {**envelope["conversation"], "id": f"{channel};messageid={thread}"}
    return envelope


async def say(bot: RunningBot, connector: FakeConnector, envelope: dict[str, Any], text: str) -> list[Any]:
    """@mention the bot with `text`; returns what it answered (the recorded messages)."""
    before = len(connector.messages())
    response = await bot.post(activities.message(envelope, text, mention=True))
    assert response.status == 200
    return connector.messages()[before:]


async def said_text(bot: RunningBot, connector: FakeConnector, envelope: dict[str, Any], text: str) -> str:
    """The bot's one plain-text answer."""
    [answer] = await say(bot, connector, envelope, text)
    assert answer.card is None, card_text(answer.card)
    return answer.text


def rows_to_choose(card: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The choice card's rows: committee name → the data Teams sends when the row is tapped."""
    found = {}
    for element in walk(card.get("body")):
        action = element.get("selectAction")
        if isinstance(action, dict) and action.get("verb") == "admin.link":
            found[action["title"]] = dict(action["data"])
    return found


def links(bot: RunningBot) -> dict[str, str]:
    """Committee id → the channel it is linked to (thread left out)."""
    with Session(bot.runtime.engine) as session:
        return {
            c.id: org.channel_of(c.conversation_id)
            for c in session.exec(select(Committee))
            if c.conversation_id is not None
        }


def committee_rows(bot: RunningBot) -> list[tuple[Any, ...]]:
    """Every committee row as stored, to show that a refusal changed nothing."""
    with Session(bot.runtime.engine) as session:
        rows = [
            (c.id, tuple(sorted(c.model_dump().items(), key=lambda item: item[0])))
            for c in session.exec(select(Committee))
        ]
        return sorted(rows, key=lambda row: row[0])  # by id alone: a column may be None in one row, text in another


# ---------------------------------------------------------------------------------------------------------------
# Scenarios through the real server


async def test_tilknyt_aeldre_asks_which_of_the_two_committees_and_links_only_the_chosen_one(
    medbot: RunningBot, connector: FakeConnector
) -> None:
    channel = in_thread(connector, 1)
    [answer] = await say(medbot, connector, channel, "tilknyt Ældre")
    assert answer.card is not None, answer.text
    assert texts.LINK_CHOICE_BODY.format(name="Ældre") in card_text(answer.card)
    choices = rows_to_choose(answer.card)
    assert sorted(choices) == sorted([AESS_NAME, STABEN_AESS_NAME])
    assert links(medbot) == {}, "nothing is linked before the admin has chosen"

    chosen = await click(medbot, channel, choices[AESS_NAME])
    assert chosen.card is not None
    assert card_text(chosen.card) == texts.LINK_DONE.format(committee=AESS_NAME).replace("**", "")
    assert links(medbot) == {AESS: CHANNEL}


async def test_a_second_tilknyt_in_another_thread_replaces_the_first_link_and_says_which(
    medbot: RunningBot, connector: FakeConnector
) -> None:
    first = await said_text(medbot, connector, in_thread(connector, 1), f"tilknyt {OES_NAME}")
    assert first == texts.LINK_DONE.format(committee=OES_NAME)

    second = await said_text(medbot, connector, in_thread(connector, 2), f"tilknyt {BF_NAME}")

    assert second == texts.LINK_REPLACED.format(before=bold(OES_NAME), committee=BF_NAME)
    assert "Kanalen var knyttet til **AfdelingsMED Økonomi & Stab**; nu er den knyttet til" in second
    assert links(medbot) == {BF: CHANNEL}
    # The next item for ØS goes to its secretary, no longer to the channel that now serves Børn & Familie.
    with Session(medbot.runtime.engine) as session:
        oes, bf = session.get(Committee, OES), session.get(Committee, BF)
        assert oes is not None and bf is not None
        assert address_of(session, oes, activities.TENANT).via == Via.SECRETARY
        assert address_of(session, oes, activities.TENANT).user_aad_id == OES_SECRETARY
        to_bf = address_of(session, bf, activities.TENANT)
        assert to_bf.via == Via.CHANNEL and org.channel_of(str(to_bf.conversation_id)) == CHANNEL


async def test_the_choice_card_names_the_committee_the_channel_serves_and_the_receipt_says_it_was_replaced(
    medbot: RunningBot, connector: FakeConnector
) -> None:
    await said_text(medbot, connector, in_thread(connector, 1), f"tilknyt {OES_NAME}")
    channel = in_thread(connector, 2)
    [answer] = await say(medbot, connector, channel, "tilknyt ældre")
    assert answer.card is not None
    assert "Kanalen er knyttet til AfdelingsMED Økonomi & Stab nu; det udvalg, du vælger, afløser det." in card_text(
        answer.card
    )
    assert links(medbot) == {OES: CHANNEL}

    chosen = await click(medbot, channel, rows_to_choose(answer.card)[STABEN_AESS_NAME])

    assert chosen.card is not None
    receipt = texts.LINK_REPLACED.format(before=bold(OES_NAME), committee=STABEN_AESS_NAME)
    assert card_text(chosen.card) == receipt.replace("**", "")
    assert links(medbot) == {STABEN_AESS: CHANNEL}


async def test_linking_a_committee_that_another_channel_serves_moves_it_here_and_says_so(
    medbot: RunningBot, connector: FakeConnector
) -> None:
    await said_text(medbot, connector, in_thread(connector, 1, channel=OTHER_CHANNEL), f"tilknyt {OES_NAME}")

    moved = await said_text(medbot, connector, in_thread(connector, 1), "tilknyt økonomi")

    assert moved == "\n\n".join(
        [texts.LINK_DONE.format(committee=OES_NAME), texts.LINK_MOVED.format(committee=OES_NAME)]
    )
    assert links(medbot) == {OES: CHANNEL}


async def test_tilknyt_alone_says_what_the_channel_is_linked_to_and_how_to_change_it(
    medbot: RunningBot, connector: FakeConnector
) -> None:
    unlinked = await said_text(medbot, connector, in_thread(connector, 1), "tilknyt")
    assert unlinked == f"{texts.LINK_STATUS_NONE}\n\n{texts.LINK_USAGE}"
    await said_text(medbot, connector, in_thread(connector, 1), f"tilknyt {MT_NAME}")
    before = committee_rows(medbot)

    linked = await said_text(medbot, connector, in_thread(connector, 2), "Tilknyt")

    assert linked == f"{texts.LINK_STATUS.format(committees=bold(MT_NAME))}\n\n{texts.LINK_USAGE}"
    assert "fjern tilknytning" in linked
    assert committee_rows(medbot) == before


async def test_tilknyt_the_committee_the_channel_already_serves_changes_nothing(
    medbot: RunningBot, connector: FakeConnector
) -> None:
    await said_text(medbot, connector, in_thread(connector, 1), f"tilknyt {MT_NAME}")
    before = committee_rows(medbot)

    again = await said_text(medbot, connector, in_thread(connector, 2), "tilknyt Miljø og Teknik")

    assert again == texts.LINK_ALREADY.format(committee=MT_NAME)
    assert committee_rows(medbot) == before


async def test_fjern_tilknytning_removes_the_link_says_which_committee_and_then_that_nothing_is_linked(
    medbot: RunningBot, connector: FakeConnector
) -> None:
    await said_text(medbot, connector, in_thread(connector, 1), f"tilknyt {BF_NAME}")
    await said_text(medbot, connector, in_thread(connector, 1, channel=OTHER_CHANNEL), f"tilknyt {OES_NAME}")

    removed = await said_text(medbot, connector, in_thread(connector, 7), "Fjern tilknytning")

    assert removed == texts.UNLINK_DONE.format(committees=bold(BF_NAME))
    assert links(medbot) == {OES: OTHER_CHANNEL}, "only this channel's link goes"

    before = committee_rows(medbot)
    nothing = await said_text(medbot, connector, in_thread(connector, 8), "fjern tilknytning")
    assert nothing == texts.UNLINK_NOTHING
    assert committee_rows(medbot) == before


async def test_a_channel_linked_to_two_committees_before_the_fix_is_shown_unlinked_and_replaced_whole(
    medbot: RunningBot, connector: FakeConnector
) -> None:
    """The old bug left a channel serving several committees (one per thread); each command mends that."""
    with session_scope(medbot.runtime.engine) as session:
        for thread, committee_id in ((1, OES), (2, BF)):
            conversation_id = f"{CHANNEL};messageid={thread}"
            row = Conversation(id=conversation_id, kind="channel", service_url=connector.url, tenant_id="tenant-1")
            conversations.upsert(session, row, datetime(2026, 11, 23, 9, 0, tzinfo=UTC))
            committee = session.get(Committee, committee_id)
            assert committee is not None
            committee.conversation_id = conversation_id
            session.add(committee)
    names = bold(BF_NAME, OES_NAME)  # by name

    shown = await said_text(medbot, connector, in_thread(connector, 3), "tilknyt")
    assert shown.startswith(texts.LINK_STATUS.format(committees=names))

    replaced = await said_text(medbot, connector, in_thread(connector, 3), f"tilknyt {MT_NAME}")
    assert replaced == texts.LINK_REPLACED.format(before=names, committee=MT_NAME)
    assert links(medbot) == {MT: CHANNEL}


# ---------------------------------------------------------------------------------------------------------------
# Refusals: a Danish answer, and every link as it was


REFUSED = [
    # (what is written, by whom, in a 1:1 chat?, what the bot answers)
    (f"tilknyt {BF_NAME}", OES_SECRETARY, False, texts.LINK_ADMIN_ONLY),
    ("tilknyt", OES_SECRETARY, False, texts.LINK_ADMIN_ONLY),
    ("fjern tilknytning", OES_SECRETARY, False, texts.UNLINK_ADMIN_ONLY),
    (f"tilknyt {BF_NAME}", ADMIN, True, texts.LINK_ONLY_IN_CHANNEL),
    ("fjern tilknytning", ADMIN, True, texts.UNLINK_ONLY_IN_CHANNEL),
]


async def test_a_refused_command_says_why_and_leaves_every_link_as_it_was(
    medbot: RunningBot, connector: FakeConnector
) -> None:
    await said_text(medbot, connector, in_thread(connector, 1), f"tilknyt {OES_NAME}")
    before = committee_rows(medbot)
    for text, user, personal, refusal in REFUSED:
        envelope = activities.personal(connector.url, user) if personal else in_thread(connector, 2, user=user)

        answer = await said_text(medbot, connector, envelope, text)

        assert answer == refusal, text
        assert committee_rows(medbot) == before, text


async def test_a_stale_row_on_the_choice_card_is_refused_and_the_channel_keeps_its_committee(
    medbot: RunningBot, connector: FakeConnector
) -> None:
    with session_scope(medbot.runtime.engine) as session:
        session.add(
            Committee(id="afdelingsmed-nedlagt", name="AfdelingsMED Nedlagt", kind="AfdelingsMED", active=False)
        )
    await said_text(medbot, connector, in_thread(connector, 1), f"tilknyt {OES_NAME}")
    before = committee_rows(medbot)
    # no longer in the organisation, unknown, forged as a number, missing
    for committee_id in ("afdelingsmed-nedlagt", "findes-ikke", 7, None):
        data: dict[str, Any] = {"medbot": "admin.link", "v": 1}
        if committee_id is not None:
            data["committee_id"] = committee_id

        clicked: Clicked = await click(medbot, in_thread(connector, 2), data)

        assert clicked.card is None and clicked.message == texts.LINK_STALE, committee_id
        assert committee_rows(medbot) == before, committee_id


# ---------------------------------------------------------------------------------------------------------------
# Which committee `tilknyt <udvalg>` means


def committee_list(*names: tuple[str, str]) -> list[Committee]:
    return [Committee(id=cid, name=name, kind="AfdelingsMED") for cid, name in names]


def example_committees() -> list[Committee]:
    """The shipped example organisation's committees."""
    return [Committee(id=c.id, name=c.name, kind=c.kind.value) for c in parse_organisation(ORGANISATION).committees]


TWO_AELDRE = committee_list(
    ("aeldre-sundhed", "Ældre og Sundhed"), ("aeldreplejen", "Ældreplejen"), ("oes", "Økonomi & Stab")
)


@pytest.mark.parametrize(
    ("query", "links_to"),
    [
        ("AfdelingsMED Økonomi & Stab", OES),
        ("afdelingsmed økonomi & stab", OES),
        ("afdelingsmed-oes", OES),
        ("økonomi", OES),
        ("Økonmi og Stab", OES),  # a typo, and »og« for »&«
        ("AfdelingsMED Ældre", AESS),
        ("Miljø", MT),
        ("KommuneMED", "kommunemed"),
        ("Plejebolig", "arbejdspladsmed-plejebolig"),
    ],
)
def test_a_committee_that_clearly_fits_is_linked_at_once(query: str, links_to: str) -> None:
    found = handlers.match_committee(query, example_committees())
    assert found.clear is not None and found.clear.id == links_to


@pytest.mark.parametrize(
    ("query", "offered"),
    [
        ("Ældre", {AESS, STABEN_AESS}),  # both names contain »Ældre«
        ("Sundhed", {AESS, STABEN_AESS}),
        ("aess", {AESS, STABEN_AESS}),  # in both ids
        ("Staben", {STABEN_AESS, OES}),  # »Staben« in one name, »Stab« in another
        ("Børn", {BF, "personalemoede-soendergaard"}),  # »Børn«, and »Børnehaven«
    ],
)
def test_when_more_than_one_committee_fits_the_admin_is_asked(query: str, offered: set[str]) -> None:
    found = handlers.match_committee(query, example_committees())
    assert found.clear is None
    assert {c.id for c in found.candidates} == offered


def test_a_word_both_names_start_with_asks() -> None:
    asked = handlers.match_committee("Ældre", TWO_AELDRE)
    assert asked.clear is None and [c.id for c in asked.candidates] == ["aeldre-sundhed", "aeldreplejen"]


@pytest.mark.parametrize(
    ("query", "meant"),
    [("Ældrepleje", "aeldreplejen"), ("Ældre og Sundhed", "aeldre-sundhed"), ("Sundhed", "aeldre-sundhed")],
)
def test_more_of_the_name_links_the_one_it_fits(query: str, meant: str) -> None:
    found = handlers.match_committee(query, TWO_AELDRE)
    assert found.clear is not None and found.clear.id == meant


def test_a_kind_shared_by_many_committees_offers_five_and_says_there_are_more() -> None:
    found = handlers.match_committee("AfdelingsMED", example_committees())
    assert found.clear is None and len(found.candidates) == 5 and found.more
    assert all(c.kind == "AfdelingsMED" for c in found.candidates)


def test_a_name_nothing_resembles_offers_nothing() -> None:
    assert handlers.match_committee("Qwxz Zyxw", example_committees()) == handlers.Match(None)
    assert handlers.match_committee("!!!", example_committees()) == handlers.Match(None)


# ---------------------------------------------------------------------------------------------------------------
# Storage: one committee per channel, one channel per committee, whatever the order of links


@pytest.fixture(scope="module")
def org_engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """A migrated SQLite file with the example organisation; each example works in a transaction rolled back."""
    path: Path = tmp_path_factory.mktemp("links") / "links.db"
    upgrade(f"sqlite:///{path}")
    engine = make_engine(f"sqlite:///{path}")
    with session_scope(engine) as session:
        org.import_organisation(session, parse_organisation(ORGANISATION), datetime(2026, 11, 23, tzinfo=UTC))
        for channel in ("19:a@thread.tacv2", "19:b@thread.tacv2", "19:c@thread.tacv2"):
            for thread in range(3):
                conversation_id = f"{channel};messageid={thread}"
                row = Conversation(id=conversation_id, kind="channel", service_url="https://smba.invalid")
                conversations.upsert(session, row, datetime(2026, 11, 23, tzinfo=UTC))
    yield engine
    engine.dispose()


LINK_OPS = st.lists(
    st.tuples(
        st.sampled_from(["link", "unlink"]),
        st.sampled_from([OES, BF, MT, AESS]),
        st.sampled_from(["19:a@thread.tacv2", "19:b@thread.tacv2", "19:c@thread.tacv2"]),
        st.integers(0, 2),
    ),
    max_size=12,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=LINK_OPS)
def test_after_any_links_and_unlinks_a_channel_serves_at_most_one_committee(org_engine: Engine, ops: list[Any]) -> None:
    expected: dict[str, str] = {}  # channel → committee, as an admin would expect
    with Session(org_engine) as session:
        try:
            for op, committee_id, channel, thread in ops:
                if op == "link":
                    org.link_channel(session, committee_id, f"{channel};messageid={thread}")
                    expected = {ch: c for ch, c in expected.items() if c != committee_id and ch != channel}
                    expected[channel] = committee_id
                else:
                    org.unlink_channel(session, f"{channel};messageid={thread}")
                    expected.pop(channel, None)
                session.flush()
                served = {
                    org.channel_of(c.conversation_id): c.id
                    for c in session.exec(select(Committee))
                    if c.conversation_id is not None
                }
                linked = [c for c in session.exec(select(Committee)) if c.conversation_id is not None]
                assert len(linked) == len(served), "a channel serves two committees"
                assert served == expected
        finally:
            session.rollback()


def links_in(engine: Engine) -> dict[str, str | None]:
    with Session(engine) as session:
        return {c.id: c.conversation_id for c in session.exec(select(Committee)) if c.conversation_id is not None}


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_threads_of_one_channel_share_its_link_and_like_wildcards_in_ids_match_nothing_else(
    database: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """Teams ids may hold `_`, a LIKE wildcard: only the thread suffix makes two ids the same channel."""
    url = request.getfixturevalue("pg_database") if database == "postgresql" else f"sqlite:///{tmp_path / 'l.db'}"
    upgrade(url)
    engine = make_engine(url)
    wild, tame = "19:a_b@thread.tacv2", "19:aXb@thread.tacv2"
    try:
        with session_scope(engine) as session:
            org.import_organisation(session, parse_organisation(ORGANISATION), datetime(2026, 11, 23, tzinfo=UTC))
            for conversation_id in (f"{wild};messageid=1", f"{wild};messageid=2", f"{tame};messageid=1"):
                row = Conversation(id=conversation_id, kind="channel", service_url="https://smba.invalid")
                conversations.upsert(session, row, datetime(2026, 11, 23, tzinfo=UTC))
            org.link_channel(session, OES, f"{tame};messageid=1")
            org.link_channel(session, BF, f"{wild};messageid=1")
        with session_scope(engine) as session:
            change = org.link_channel(session, MT, f"{wild};messageid=2")
            assert [c.id for c in change.replaced] == [BF]
        assert links_in(engine) == {OES: f"{tame};messageid=1", MT: f"{wild};messageid=2"}
        with session_scope(engine) as session:
            assert [c.id for c in org.unlink_channel(session, f"{wild};messageid=1")] == [MT]
        assert links_in(engine) == {OES: f"{tame};messageid=1"}
    finally:
        engine.dispose()


def test_linking_an_unknown_committee_raises_before_anything_changes(org_engine: Engine) -> None:
    with Session(org_engine) as session:
        try:
            org.link_channel(session, OES, "19:a@thread.tacv2;messageid=0")
            session.flush()
            with pytest.raises(KeyError):
                org.link_channel(session, "findes-ikke", "19:a@thread.tacv2;messageid=1")
            assert [c.id for c in org.linked_to_channel(session, "19:a@thread.tacv2")] == [OES]
        finally:
            session.rollback()


# ---------------------------------------------------------------------------------------------------------------
# The help card: the argument of `tilknyt` must survive Teams


HTML_TAG = re.compile(r"<[^<>\s][^<>]*>")  # what Teams removes from card and message text


def strings_in(node: Any) -> Iterator[str]:
    """Every string in a card."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from strings_in(value)
    elif isinstance(node, list | tuple):
        for value in node:
            yield from strings_in(value)


ADMIN_ACTOR = Actor("a4", "Administrator", is_admin=True)


def test_no_admin_text_or_help_card_holds_anything_teams_would_drop_as_html() -> None:
    everything = [*strings_in(cards.help_card(ADMIN_ACTOR))]
    everything += [v for name, v in vars(texts).items() if name.isupper() and isinstance(v, str)]
    everything += [*strings_in([v for name, v in vars(texts).items() if name.isupper() and isinstance(v, list)])]
    assert [s for s in everything if HTML_TAG.search(s)] == []


def test_the_admin_help_card_shows_tilknyt_with_its_argument_and_fjern_tilknytning_in_the_teams_renderer(
    tmp_path: Path,
) -> None:
    tools = require_tools("adaptivecards", "markdown-it", "playwright-core")
    rendered = render_cards(tools, {"hjaelp-administrator": cards.help_card(ADMIN_ACTOR)}, tmp_path)
    shown = " ".join(result_for(rendered, "hjaelp-administrator")["text"].split())
    assert "tilknyt udvalg" in shown
    assert "fjern tilknytning" in shown
