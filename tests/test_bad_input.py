"""Garbage at /api/messages: a short 4xx reason, never a stack trace, nothing stored, and the server keeps serving."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest
import pytest_asyncio
from sqlmodel import Session, select

from storage.conversations import Conversation
from tests.conftest import OES_SECRETARY
from tests.support import activities
from tests.support.fake_connector import FakeConnector
from tests.support.service import RunningBot, sqlite_settings
from tests.support.web import start_web

pytestmark = pytest.mark.asyncio(loop_scope="module")

JSON = {"Content-Type": "application/json"}
LIMIT = 256 * 1024


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def connector() -> AsyncIterator[FakeConnector]:
    """One fake Bot Connector for the module."""
    fake = FakeConnector()
    await fake.start()
    yield fake
    await fake.stop()


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def medbot(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[RunningBot]:
    """medbot in emulator mode, shared by the module: every test must leave it serving."""
    bot = await start_web(sqlite_settings(tmp_path_factory.mktemp("bad-input")))
    yield bot
    await bot.stop()


def good_message(service_url: str, text: str = "hjælp") -> dict[str, Any]:
    """A well-formed message in a 1:1 chat."""
    return activities.message(activities.personal(service_url, OES_SECRETARY), text)


def without(field: str) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """The activity with one field left out."""
    return lambda activity: {k: v for k, v in activity.items() if k != field}


def replaced(field: str, value: Any) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """The activity with one field of the wrong type."""
    return lambda activity: {**activity, field: value}


async def post_raw(bot: RunningBot, data: Any, headers: dict[str, str]) -> tuple[int, str]:
    """POST any bytes; the status and the body text."""
    async with bot.http.post(f"{bot.url}/api/messages", data=data, headers=headers) as response:
        return response.status, await response.text()


def stored_conversations(bot: RunningBot) -> int:
    """How many conversation references the bot has stored."""
    with Session(bot.runtime.engine) as session:
        return len(session.exec(select(Conversation)).all())


def assert_short_reason(status: int, body: str, expected_status: int) -> None:
    """The caller gets the status and a one-line JSON reason, nothing about the server's insides."""
    assert status == expected_status
    reason = json.loads(body)["error"]
    assert isinstance(reason, str) and 0 < len(reason) < 120
    assert "Traceback" not in body and "File " not in body


async def assert_still_serving(bot: RunningBot, connector: FakeConnector) -> None:
    """The next good request still gets its answer."""
    before = len(connector.messages())
    response = await bot.post(good_message(connector.url))
    assert response.status == 200
    assert len(connector.messages()) == before + 1


MALFORMED_BODIES: dict[str, bytes] = {
    "empty body": b"",
    "truncated json": b'{"type": "message", "text": "hej"',
    "not utf-8": b'{"type": "message", "text": "\xff\xfe"}',
    "json array": b"[1, 2, 3]",
    "json string": b'"message"',
    "json number": b"42",
    "json null": b"null",
}


@pytest.mark.parametrize("body", MALFORMED_BODIES.values(), ids=MALFORMED_BODIES.keys())
async def test_body_that_is_not_a_json_object_gets_400(
    medbot: RunningBot, connector: FakeConnector, body: bytes
) -> None:
    status, text = await post_raw(medbot, body, JSON)
    assert_short_reason(status, text, 400)
    await assert_still_serving(medbot, connector)


@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", ""]
)
async def test_wrong_content_type_gets_415(medbot: RunningBot, connector: FakeConnector, content_type: str) -> None:
    body = json.dumps(good_message(connector.url)).encode()
    status, text = await post_raw(medbot, body, {"Content-Type": content_type})
    assert_short_reason(status, text, 415)
    await assert_still_serving(medbot, connector)


BROKEN_ACTIVITIES: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "no type": without("type"),
    "no conversation": without("conversation"),
    "no serviceUrl": without("serviceUrl"),
    "empty type": replaced("type", ""),
    "type is a number": replaced("type", 7),
    "conversation is a string": replaced("conversation", "a:personal-1"),
    "conversation without id": replaced("conversation", {"conversationType": "personal"}),
    "conversation id is an object": replaced("conversation", {"id": {"nested": True}}),
    "serviceUrl is a number": replaced("serviceUrl", 443),
    "serviceUrl is not http": replaced("serviceUrl", "file:///etc/passwd"),
    "from is a list": replaced("from", ["someone"]),
    "recipient is a string": replaced("recipient", "medbot"),
    "text is a number": replaced("text", 12345),
    "text is an object": replaced("text", {"da": "hej"}),
    "entities is an object": replaced("entities", {"type": "mention"}),
    "entities holds numbers": replaced("entities", [1, 2]),
    "from id is a number": replaced("from", {"id": 29, "name": "Test"}),
    "membersAdded is a string": replaced("membersAdded", "everyone"),
    "attachments is a string": replaced("attachments", "card"),
    "timestamp is not a time": replaced("timestamp", "yesterday-ish"),
    "channelData is a list": replaced("channelData", []),
    "channelData team is a list": replaced("channelData", {"tenant": {"id": "tenant-1"}, "team": ["x"]}),
    "channelData tenant id is a number": replaced("channelData", {"tenant": {"id": 7}}),
}


@pytest.mark.parametrize("broken", BROKEN_ACTIVITIES.values(), ids=BROKEN_ACTIVITIES.keys())
async def test_activity_with_missing_or_mistyped_fields_gets_400_and_stores_nothing(
    medbot: RunningBot, connector: FakeConnector, broken: Callable[[dict[str, Any]], dict[str, Any]]
) -> None:
    conversations_before, replies_before = stored_conversations(medbot), len(connector.messages())
    activity = broken(
        activities.message(activities.personal(connector.url, "00000000-0000-4000-8000-0000000000ba"), "hej")
    )
    status, text = await post_raw(medbot, json.dumps(activity).encode(), JSON)
    assert_short_reason(status, text, 400)
    assert stored_conversations(medbot) == conversations_before
    assert len(connector.messages()) == replies_before
    await assert_still_serving(medbot, connector)


@pytest.mark.parametrize("name", ["task/fetch", "composeExtension/query", "signin/verifyState", "", None, [], {}])
async def test_invoke_medbot_never_asked_for_gets_400_and_stores_nothing(
    medbot: RunningBot, connector: FakeConnector, name: Any
) -> None:
    conversations_before, replies_before = stored_conversations(medbot), len(connector.messages())
    envelope = activities.personal(connector.url, "00000000-0000-4000-8000-0000000000bb")
    invoke = {**envelope, "type": "invoke", "name": name, "value": {}}
    status, text = await post_raw(medbot, json.dumps(invoke).encode(), JSON)
    assert_short_reason(status, text, 400)
    assert stored_conversations(medbot) == conversations_before
    assert len(connector.messages()) == replies_before


async def test_body_over_256_kb_with_content_length_gets_413(medbot: RunningBot, connector: FakeConnector) -> None:
    activity = good_message(connector.url, "x" * (LIMIT + 1))
    status, text = await post_raw(medbot, json.dumps(activity).encode(), JSON)
    assert_short_reason(status, text, 413)
    await assert_still_serving(medbot, connector)


async def test_chunked_body_over_256_kb_gets_413(medbot: RunningBot, connector: FakeConnector) -> None:
    async def chunks() -> AsyncIterator[bytes]:
        yield b'{"type": "message", "text": "'
        for _ in range(LIMIT // 4096 + 2):
            yield b"x" * 4096
        yield b'"}'

    status, text = await post_raw(medbot, chunks(), JSON)
    assert_short_reason(status, text, 413)
    await assert_still_serving(medbot, connector)


async def test_body_just_under_256_kb_is_still_accepted(medbot: RunningBot, connector: FakeConnector) -> None:
    activity = good_message(connector.url)
    activity["channelData"] = {**activity["channelData"], "padding": "x" * (LIMIT - 4096)}
    status, _ = await post_raw(medbot, json.dumps(activity).encode(), JSON)
    assert status == 200


@pytest.mark.parametrize("activity_type", ["somethingNew", "typing", "messageReaction", "endOfConversation"])
async def test_unknown_or_ignored_activity_type_is_a_harmless_200(
    medbot: RunningBot, connector: FakeConnector, activity_type: str
) -> None:
    replies_before = len(connector.messages())
    activity = {**good_message(connector.url), "type": activity_type}
    response = await medbot.post(activity)
    assert response.status == 200
    assert len(connector.messages()) == replies_before


@pytest.mark.parametrize(("method", "path", "status"), [("GET", "/api/messages", 405), ("POST", "/api/other", 404)])
async def test_wrong_method_or_path_gets_a_short_answer(
    medbot: RunningBot, method: str, path: str, status: int
) -> None:
    async with medbot.http.request(method, f"{medbot.url}{path}", json={}) as response:
        assert_short_reason(response.status, await response.text(), status)


@pytest.mark.parametrize("levels", [65, 5_000, 40_000])
@pytest.mark.parametrize("shape", ["object", "array", "card-data"])
async def test_json_nested_deeper_than_any_activity_gets_400_and_a_one_line_warning(
    medbot: RunningBot, connector: FakeConnector, caplog: pytest.LogCaptureFixture, shape: str, levels: int
) -> None:
    """Issue 12, point 3: json.loads recursed past Python's limit, and every such body was a 500 with a traceback."""
    if shape == "object":
        body = b'{"a":' * levels + b"1" + b"}" * levels
    elif shape == "array":
        body = b"[" * levels + b"]" * levels
    else:
        envelope = activities.personal(connector.url, OES_SECRETARY)
        marker = {"medbot": "feedback.submit", "v": 1, "answer_1": "__DEEP__"}
        good = json.dumps(activities.card_action(envelope, marker)).encode()
        body = good.replace(b'"__DEEP__"', b"[" * levels + b"]" * levels)
    conversations_before, replies_before = stored_conversations(medbot), len(connector.messages())
    caplog.set_level("INFO")

    status, text = await post_raw(medbot, body, JSON)

    assert_short_reason(status, text, 400)
    assert "nested" in json.loads(text)["error"]
    assert stored_conversations(medbot) == conversations_before
    assert len(connector.messages()) == replies_before
    [record] = [r for r in caplog.records if r.name.startswith("bot")]
    assert record.levelname == "WARNING" and record.exc_info is None
    assert "\n" not in record.getMessage() and "[[" not in record.getMessage() and "{" not in record.getMessage()
    await assert_still_serving(medbot, connector)


async def test_brackets_inside_strings_do_not_count_as_nesting(medbot: RunningBot, connector: FakeConnector) -> None:
    text = '[[[{{ "\\" ]]' * 500
    response = await medbot.post(good_message(connector.url, text))
    assert response.status == 200


async def test_activity_nested_as_deep_as_allowed_is_still_served(medbot: RunningBot, connector: FakeConnector) -> None:
    activity = good_message(connector.url)
    depth_of_channel_data = 2  # the activity, then channelData
    nested: Any = "bund"
    for _ in range(64 - depth_of_channel_data):
        nested = [nested]
    activity["channelData"] = {**activity["channelData"], "padding": nested}
    response = await medbot.post(activity)
    assert response.status == 200


def conversation_update(service_url: str, members: list[dict[str, str]]) -> dict[str, Any]:
    """Teams' conversationUpdate, as some clients send it: without channelData."""
    envelope = activities.channel(service_url, OES_SECRETARY, channel_id="19:no-channel-data@thread.tacv2")
    activity = {**envelope, "id": "in-update", "type": "conversationUpdate", "membersAdded": members}
    del activity["channelData"]
    return activity


@pytest.mark.parametrize(
    "members",
    [[{"id": activities.BOT_ID}], [{"id": "29:new-colleague", "name": "Ny Kollega"}], []],
    ids=["bot-added", "colleague-added", "nobody-added"],
)
async def test_conversation_update_without_channel_data_is_handled_quietly(
    medbot: RunningBot, connector: FakeConnector, caplog: pytest.LogCaptureFixture, members: list[dict[str, str]]
) -> None:
    """Issue 12, point 8: it crashed the turn and posted "intet er gemt" although the reference was stored."""
    replies_before = len(connector.recorded)
    caplog.set_level("WARNING")

    response = await medbot.post(conversation_update(connector.url, members))

    assert response.status == 200
    assert connector.recorded[replies_before:] == [], "nothing to say, and no member look-ups at the connector"
    assert not [r for r in caplog.records if r.levelname == "ERROR"]
    with Session(medbot.runtime.engine) as session:
        stored = session.get(Conversation, "19:no-channel-data@thread.tacv2;messageid=1")
        assert stored is not None and stored.kind == "channel"


@pytest.mark.parametrize("action", ["add", "remove"])
async def test_installation_update_without_channel_data_is_handled_normally(
    medbot: RunningBot, connector: FakeConnector, action: str
) -> None:
    envelope = activities.personal(connector.url, "00000000-0000-4000-8000-0000000000bc")
    activity = {**activities.installed(envelope), "action": action}
    del activity["channelData"]
    replies_before = len(connector.messages())

    response = await medbot.post(activity)

    assert response.status == 200
    sent = connector.messages()[replies_before:]
    with Session(medbot.runtime.engine) as session:
        stored = session.get(Conversation, envelope["conversation"]["id"])
    assert stored is not None
    if action == "add":
        assert [m.card is not None for m in sent] == [True]
        assert stored.installed
    else:
        assert sent == [] and not stored.installed
