"""Property-based fuzzing of /api/messages (issue 7, point 4): whatever arrives, medbot answers without a 5xx
or a stack trace, keeps serving, and input it refuses changes nothing: no row, no message.

Activities start from Teams-shaped ones (messages, commands, Action.Execute invokes and Action.Submit messages
carrying forged payloads of every card action, installs) and are then mangled: fields dropped, replaced with any
JSON, extra fields added, huge and odd Unicode text. `make test` runs MEDBOT_FUZZ_EXAMPLES (default 200) per
property; `make fuzz` runs 10,000.
"""

from __future__ import annotations

import json
import os
from collections.abc import AsyncIterator
from typing import Any

import pytest
import pytest_asyncio
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

from dialogs.router import ACTIONS, COMMANDS
from dialogs.texts import INTERNAL_ERROR
from tests.conftest import ADMIN, KOMMUNEMED_SECRETARY, OES_SECRETARY, OUTSIDER
from tests.support import activities
from tests.support.fake_connector import FakeConnector
from tests.support.service import RunningBot, sqlite_settings
from tests.support.web import start_web

pytestmark = pytest.mark.asyncio(loop_scope="module")

EXAMPLES = int(os.environ.get("MEDBOT_FUZZ_EXAMPLES", "200"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large],
)

USERS = (OUTSIDER, OES_SECRETARY, KOMMUNEMED_SECRETARY, ADMIN, "", "not-a-guid")
FIELDS = (
    "type",
    "id",
    "channelId",
    "serviceUrl",
    "from",
    "recipient",
    "conversation",
    "channelData",
    "text",
    "value",
    "name",
    "replyToId",
    "entities",
    "attachments",
    "timestamp",
    "locale",
    "action",
    "membersAdded",
)
TYPES = ("message", "invoke", "installationUpdate", "conversationUpdate", "event", "messageReaction", "typing")
PAYLOAD_KEYS = ("committee_id", "entry_id", "helpful", "item_id", "occurrence_id", "rule", "start_date", "title")
ODD_TEXT = (
    "<at>MED-assistenten</at>",
    "<at>",
    "</at><at>",
    "\u202e",
    "\u200b",
    "\ufeff",
    "\x00",
    "\ud800",  # a lone surrogate: JSON's "\ud800" parses to one, and no database can encode it
    "\x07\x1b[0m\x7f\x85",
    "😀👩‍👩‍👧",
    "&nbsp;",
    "<script>alert(1)</script>",
    "'; DROP TABLE conversation; --",
    "%s%s%n",
    "{{medbot}}",
    "æøåÆØÅ",
)

json_scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30)
json_values = st.recursive(
    json_scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=12,
)
odd_text = st.one_of(
    st.text(max_size=200),
    st.lists(st.sampled_from(ODD_TEXT) | st.text(max_size=10), max_size=12).map("".join),
    st.builds(lambda word, args: f"{word} {args}", st.sampled_from(sorted(COMMANDS)), st.text(max_size=60)),
    # Long messages (up to about Teams' own limit), and messages past the 256 KB body limit.
    st.builds(
        lambda piece, times: " ".join([piece] * times),
        st.sampled_from(ODD_TEXT) | st.just("Er lægebesøg med løn?") | st.text(min_size=1, max_size=12),
        st.integers(min_value=100, max_value=1_500),
    ),
    st.integers(min_value=100_000, max_value=150_000).map(lambda n: "æ " * n),
)
payloads = st.builds(
    lambda action, version, known, extra: {**extra, **known, "medbot": action, **version},
    st.sampled_from(sorted(ACTIONS)) | st.text(max_size=20) | json_values,
    st.sampled_from([{}, {"v": 1}, {"v": 2}, {"v": 0}, {"v": "1"}, {"v": True}, {"v": None}, {"v": 1.0}]),
    st.dictionaries(st.sampled_from(PAYLOAD_KEYS), json_values | st.integers(0, 50).map(str), max_size=4),
    st.dictionaries(st.text(max_size=10), json_values, max_size=3),
)


@st.composite
def teams_activities(draw: st.DrawFn, service_url: str) -> dict[str, Any]:
    """A Teams-shaped activity, then mangled."""
    user = draw(st.sampled_from(USERS))
    envelope = draw(st.sampled_from([activities.personal, activities.channel]))(service_url, user)
    kind = draw(st.sampled_from(["message", "execute", "submit", "install", "other"]))
    if kind == "message":
        activity = activities.message(envelope, draw(odd_text), mention=draw(st.booleans()))
    elif kind == "execute":
        activity = activities.card_action(envelope, draw(payloads))
    elif kind == "submit":
        activity = {**activities.message(envelope, ""), "value": draw(payloads)}
    elif kind == "install":
        activity = {**activities.installed(envelope), "action": draw(st.sampled_from(["add", "remove", "x"]))}
    else:
        activity = {**envelope, "type": draw(st.sampled_from(TYPES) | st.text(max_size=20)), "id": "in-x"}
    for field in draw(st.lists(st.sampled_from(FIELDS), max_size=2)):
        activity.pop(field, None)
    activity.update(draw(st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=12), json_values, max_size=2)))
    return activity


def database_state(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table."""
    with engine.connect() as connection:
        return {
            table.name: sorted(map(tuple, connection.execute(select(table)).all()), key=repr)
            for table in SQLModel.metadata.sorted_tables
        }


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def connector() -> AsyncIterator[FakeConnector]:
    """One fake Bot Connector for the module."""
    fake = FakeConnector()
    await fake.start()
    yield fake
    await fake.stop()


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def medbot(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[RunningBot]:
    """medbot in emulator mode with the example organisation and one admin, shared by every example."""
    bot = await start_web(sqlite_settings(tmp_path_factory.mktemp("fuzz"), admins=frozenset({ADMIN})))
    yield bot
    await bot.stop()


async def assert_answers_sanely(medbot: RunningBot, connector: FakeConnector, body: bytes) -> None:
    """The properties every request must keep, whatever its body."""
    before, sent_before = database_state(medbot.runtime.engine), len(connector.recorded)
    async with medbot.http.post(
        f"{medbot.url}/api/messages", data=body, headers={"Content-Type": "application/json"}
    ) as response:
        status, text = response.status, await response.text()
    event(f"HTTP {status}")
    assert status < 500, text
    assert "Traceback" not in text and 'File "' not in text
    if status >= 400:
        assert json.loads(text)["error"]
        assert database_state(medbot.runtime.engine) == before
        assert len(connector.recorded) == sent_before
    for sent in connector.recorded[sent_before:]:
        assert sent.text != INTERNAL_ERROR, "a dialog failed on this input"
        assert "Traceback" not in json.dumps(sent.activity)


@FUZZ
@given(data=st.data())
async def test_any_teams_shaped_activity_is_answered_without_5xx_and_refusals_change_nothing(
    medbot: RunningBot, connector: FakeConnector, data: st.DataObject
) -> None:
    activity = data.draw(teams_activities(connector.url))
    await assert_answers_sanely(medbot, connector, json.dumps(activity).encode())


# Bodies nested deeper than json.loads can recurse (issue 12, point 3), with and without a valid activity around.
deep_bodies = st.builds(
    lambda opener, closer, levels, inner: opener * levels + inner + closer * levels,
    st.sampled_from([b"[", b'{"a":', b'{"value":[']),
    st.sampled_from([b"]", b"}", b"]}"]),
    st.integers(min_value=1, max_value=20_000),
    st.sampled_from([b"", b"1", b'"x"', b"null"]),
)


@FUZZ
@given(body=st.one_of(json_values.map(lambda v: json.dumps(v).encode()), st.binary(max_size=300), deep_bodies))
async def test_any_body_at_all_is_answered_without_5xx(
    medbot: RunningBot, connector: FakeConnector, body: bytes
) -> None:
    await assert_answers_sanely(medbot, connector, body)


async def test_server_still_answers_after_the_fuzzing(medbot: RunningBot, connector: FakeConnector) -> None:
    envelope = activities.personal(connector.url, OES_SECRETARY)
    response = await medbot.post(activities.message(envelope, "hjælp"))
    assert response.status == 200
    health = await medbot.http.get(f"{medbot.url}/healthz")
    assert health.status == 200
