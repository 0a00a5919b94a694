"""Who may talk to medbot: Bot Framework tokens, the tenant allow-list and emulator mode's loopback rule.

The server validates real signed tokens against OpenID metadata and keys served on loopback
(tests/support/tokens.py); refused requests must leave no trace: no reply at the fake connector and no conversation
row in the database. How the keys are fetched (off the event loop, once at a time) is tests/test_auth_keys.py.
"""

from __future__ import annotations

import asyncio
import os
import socket
import sys
import time
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from sqlmodel import Session

from bot.config import PROJECT_ROOT
from storage.conversations import Conversation
from tests.support import activities
from tests.support.fake_connector import FakeConnector
from tests.support.service import RunningBot, sqlite_settings
from tests.support.tokens import (
    APP_ID,
    APP_PASSWORD,
    TEAMS_KEY,
    WEBCHAT_ONLY_KEY,
    LoopbackCredentialsFactory,
    TokenService,
)
from tests.support.web import start_web

pytestmark = pytest.mark.asyncio(loop_scope="module")

OTHER_TENANT = "tenant-from-elsewhere"


@pytest.fixture(scope="module")
def tokens() -> Iterator[TokenService]:
    """Fresh signing keys and their metadata for this module."""
    service = TokenService().start()
    yield service
    service.stop()


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def connector() -> AsyncIterator[FakeConnector]:
    """One fake Bot Connector for the module; tests tell their conversations apart by id."""
    fake = FakeConnector()
    await fake.start()
    yield fake
    await fake.stop()


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def secured(tmp_path_factory: pytest.TempPathFactory, tokens: TokenService) -> AsyncIterator[RunningBot]:
    """medbot with an app id, the loopback token metadata and one allowed tenant."""
    settings = sqlite_settings(
        tmp_path_factory.mktemp("auth"),
        app_id=APP_ID,
        app_password=APP_PASSWORD,
        openid_metadata_url=tokens.metadata_url,
        allowed_tenants=frozenset({activities.TENANT}),
    )
    bot = await start_web(settings, credentials_factory=LoopbackCredentialsFactory())
    yield bot
    await bot.stop()


def help_request(service_url: str, *, tenant: str = activities.TENANT) -> dict[str, Any]:
    """`hjælp` in a 1:1 chat with a user nobody has seen before (so the conversation id is new)."""
    envelope = activities.personal(service_url, str(uuid.uuid4()), tenant=tenant)
    return activities.message(envelope, "hjælp")


def left_no_trace(bot: RunningBot, connector: FakeConnector, activity: dict[str, Any]) -> bool:
    """Nothing sent to the conversation and no conversation row stored."""
    conversation_id = str(activity["conversation"]["id"])
    with Session(bot.runtime.engine) as session:
        stored = session.get(Conversation, conversation_id)
    return stored is None and not connector.messages(conversation_id)


Headers = Callable[[TokenService, str], dict[str, str]]
HOUR = 3600.0

REFUSED: dict[str, Headers] = {
    "missing header": lambda tokens, url: {},
    "not bearer": lambda tokens, url: {"Authorization": "Basic bWVkYm90OnNlY3JldA=="},
    "empty bearer": lambda tokens, url: {"Authorization": "Bearer "},
    "malformed token": lambda tokens, url: {"Authorization": "Bearer not.a.jwt"},
    "lowercase bearer": lambda tokens, url: {"Authorization": f"bearer {tokens.token(url)}"},
    "unsigned": lambda tokens, url: tokens.bearer(url, algorithm="none"),
    "three words": lambda tokens, url: {"Authorization": f"Bearer {tokens.token(url)} extra"},
    "wrongly signed": lambda tokens, url: tokens.bearer(url, key=tokens.stranger_key),
    "expired": lambda tokens, url: tokens.bearer(url, issued=time.time() - 3 * HOUR, lifetime=HOUR),
    "not yet valid": lambda tokens, url: tokens.bearer(url, not_before=time.time() + HOUR),
    "another audience": lambda tokens, url: tokens.bearer(url, audience="another-bot-app-id"),
    "another issuer": lambda tokens, url: tokens.bearer(url, issuer="https://login.example.invalid/"),
    "unknown key id": lambda tokens, url: tokens.bearer(url, kid="a-key-nobody-published"),
    "serviceurl of another service": lambda tokens, url: tokens.bearer(
        url, claims={"serviceurl": "https://smba.trafficmanager.net/emea/"}
    ),
    "no serviceurl claim": lambda tokens, url: tokens.bearer(url, claims={"serviceurl": None}),
    "key not endorsed for teams": lambda tokens, url: tokens.bearer(url, kid=WEBCHAT_ONLY_KEY),
    "skill claims (medbot hosts no skills)": lambda tokens, url: tokens.bearer(
        url, claims={"ver": "1.0", "appid": "another-bot-app-id"}
    ),
}


@pytest.mark.parametrize("headers", REFUSED.values(), ids=REFUSED.keys())
async def test_request_without_a_valid_token_is_refused_with_401_and_leaves_no_trace(
    secured: RunningBot, connector: FakeConnector, tokens: TokenService, headers: Headers
) -> None:
    activity = help_request(connector.url)
    response = await secured.post(activity, headers=headers(tokens, connector.url))
    assert response.status == 401
    assert await response.json() == {"error": "unauthorized"}
    assert left_no_trace(secured, connector, activity)


async def test_valid_token_from_the_channel_gets_the_answer(
    secured: RunningBot, connector: FakeConnector, tokens: TokenService
) -> None:
    activity = help_request(connector.url)
    response = await secured.post(activity, headers=tokens.bearer(connector.url, kid=TEAMS_KEY))
    assert response.status == 200
    [reply] = connector.messages(str(activity["conversation"]["id"]))
    assert "Det kan jeg hjælpe med" in str(reply.card)


async def test_refused_requests_do_not_disturb_the_next_good_one(
    secured: RunningBot, connector: FakeConnector, tokens: TokenService
) -> None:
    for headers in REFUSED.values():
        await secured.post(help_request(connector.url), headers=headers(tokens, connector.url))
    activity = help_request(connector.url)
    response = await secured.post(activity, headers=tokens.bearer(connector.url))
    assert response.status == 200
    assert connector.messages(str(activity["conversation"]["id"]))


async def test_valid_token_from_a_tenant_outside_the_allow_list_is_refused_with_403_and_leaves_no_trace(
    secured: RunningBot, connector: FakeConnector, tokens: TokenService
) -> None:
    activity = help_request(connector.url, tenant=OTHER_TENANT)
    response = await secured.post(activity, headers=tokens.bearer(connector.url))
    assert response.status == 403
    assert "tenant" in (await response.json())["error"]
    assert left_no_trace(secured, connector, activity)


async def test_unreachable_signing_keys_are_a_503_and_leave_no_trace(
    tmp_path: Path, connector: FakeConnector, tokens: TokenService
) -> None:
    nowhere = "http://127.0.0.1:9/.well-known/openidconfiguration"  # the discard port: nothing listens
    settings = sqlite_settings(tmp_path, app_id=APP_ID, app_password=APP_PASSWORD, openid_metadata_url=nowhere)
    bot = await start_web(settings, credentials_factory=LoopbackCredentialsFactory())
    try:
        activity = help_request(connector.url)
        response = await bot.post(activity, headers=tokens.bearer(connector.url))
        assert response.status == 503
        assert "try again" in (await response.json())["error"]
        assert left_no_trace(bot, connector, activity)
    finally:
        await bot.stop()


def free_port() -> int:
    """A TCP port nothing listens on right now (serve checks that it could bind before it checks anything else)."""
    with socket.socket() as probe:
        probe.bind(("0.0.0.0", 0))
        port: int = probe.getsockname()[1]
        return port


async def test_emulator_mode_refuses_to_listen_beyond_loopback(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("Microsoft")}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'medbot.db'}"
    serve = await asyncio.create_subprocess_exec(
        *(sys.executable, "-m", "bot", "serve", "--host", "0.0.0.0", "--port", str(free_port())),
        cwd=PROJECT_ROOT,
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )
    _, stderr = await asyncio.wait_for(serve.communicate(), timeout=60)
    assert serve.returncode == 2
    assert "only listens on loopback" in stderr.decode()
    assert not (tmp_path / "medbot.db").exists()
