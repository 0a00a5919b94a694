"""The token signing keys: fetched off the event loop, once at a time, kept while a refresh fails, never for nothing.

A slow or failing OpenID metadata endpoint must not stall the server (health checks, refusals, other turns), a burst
of requests must cost one fetch, and a token that could never be a channel token for this bot (the Emulator's, a
skill's, another bot's) must be refused with 401 without any fetch. The key server is the loopback one from
tests/support/tokens.py, which counts what it is asked for and can hang or fail on request.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from botbuilder.schema import Activity

from bot.auth import REFRESH_AFTER, UNKNOWN_KEY_REFRESH_AFTER, ChannelTokenValidator, SigningKeys
from bot.connector import Unauthorized
from tests.support import activities
from tests.support.fake_connector import FakeConnector
from tests.support.service import RunningBot, sqlite_settings
from tests.support.tokens import APP_ID, APP_PASSWORD, KEYS_PATH, LoopbackCredentialsFactory, TokenService
from tests.support.web import start_web

pytestmark = pytest.mark.asyncio(loop_scope="module")

# The Bot Framework's own tenants, whose v1 and v2 issuers botbuilder takes for the Emulator's (or a skill's).
BOT_FRAMEWORK_TENANTS = ("d6d49420-f39b-4df7-a1dc-d59a935871db", "f8cdef31-a31e-4b4a-93e4-5f571e91255a")
HANGS_FOR = 20.0
BURST = 8


def help_request(service_url: str) -> dict[str, Any]:
    """`hjælp` in a 1:1 chat with a user nobody has seen before."""
    return activities.message(activities.personal(service_url, str(uuid.uuid4())), "hjælp")


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def connector() -> AsyncIterator[FakeConnector]:
    """One fake Bot Connector for the module; tests tell their conversations apart by id."""
    fake = FakeConnector()
    await fake.start()
    yield fake
    await fake.stop()


@pytest.fixture
def tokens() -> Iterator[TokenService]:
    """A key server of this test's own, so its request counts are this test's."""
    service = TokenService().start()
    yield service
    service.stop()


async def secured_bot(directory: Path, tokens: TokenService) -> RunningBot:
    """medbot with an app id whose signing keys come from `tokens`."""
    settings = sqlite_settings(
        directory, app_id=APP_ID, app_password=APP_PASSWORD, openid_metadata_url=tokens.metadata_url
    )
    return await start_web(settings, credentials_factory=LoopbackCredentialsFactory())


@pytest_asyncio.fixture(loop_scope="module")
async def secured(tmp_path: Path, tokens: TokenService) -> AsyncIterator[RunningBot]:
    """A freshly started medbot that has not fetched any keys yet."""
    bot = await secured_bot(tmp_path, tokens)
    yield bot
    await bot.stop()


async def timed(call: Callable[[], Any]) -> tuple[Any, float]:
    """What `call()` returns when awaited, and how many seconds that took."""
    started = time.monotonic()
    result = await call()
    return result, time.monotonic() - started


async def test_a_hanging_key_endpoint_holds_up_neither_health_checks_nor_refusals(
    secured: RunningBot, connector: FakeConnector, tokens: TokenService
) -> None:
    tokens.delay = HANGS_FOR
    bearer = tokens.bearer(connector.url)
    started = time.monotonic()
    signed = asyncio.create_task(secured.post(help_request(connector.url), headers=bearer))
    await tokens.asked()

    health, health_seconds = await timed(lambda: secured.http.get(f"{secured.url}/healthz"))
    anonymous, anonymous_seconds = await timed(lambda: secured.post(help_request(connector.url)))
    malformed, malformed_seconds = await timed(
        lambda: secured.post(help_request(connector.url), headers={"Authorization": "Bearer not.a.jwt"})
    )
    waited_for_nothing = time.monotonic() - started
    response = await signed

    assert health.status == 200 and health_seconds < 1.0
    assert anonymous.status == 401 and anonymous_seconds < 1.0
    assert malformed.status == 401 and malformed_seconds < 1.0
    assert waited_for_nothing < 2.0  # the bot answered all that while its key fetch hung
    assert response.status == 503  # the fetch gave up long before the endpoint would have answered
    assert time.monotonic() - started < HANGS_FOR / 2


async def test_a_burst_of_first_requests_shares_one_key_fetch_and_the_server_answers_meanwhile(
    secured: RunningBot, connector: FakeConnector, tokens: TokenService
) -> None:
    tokens.delay = 1.5  # each document: the burst arrives while the one fetch is in progress
    burst = [(help_request(connector.url), tokens.bearer(connector.url)) for _ in range(BURST)]
    started = time.monotonic()
    sent = [asyncio.create_task(secured.post(activity, headers=bearer)) for activity, bearer in burst]
    await tokens.asked()
    health = await secured.http.get(f"{secured.url}/healthz")
    health_seconds = time.monotonic() - started
    responses = await asyncio.gather(*sent)

    assert health.status == 200 and health_seconds < 1.5  # well before the one fetch (two slow documents) ends
    assert [response.status for response in responses] == [200] * BURST
    assert all(connector.messages(str(activity["conversation"]["id"])) for activity, _ in burst)
    assert (tokens.fetches(), tokens.fetches(KEYS_PATH)) == (1, 1)


async def test_while_the_key_endpoint_fails_a_burst_costs_one_fetch_and_every_request_gets_503(
    secured: RunningBot, connector: FakeConnector, tokens: TokenService
) -> None:
    tokens.failing = True
    tokens.delay = 0.5
    burst = [(help_request(connector.url), tokens.bearer(connector.url)) for _ in range(BURST)]
    responses = await asyncio.gather(*(secured.post(activity, headers=bearer) for activity, bearer in burst))
    straight_after = await secured.post(help_request(connector.url), headers=tokens.bearer(connector.url))

    assert [response.status for response in responses] == [503] * BURST
    assert straight_after.status == 503
    assert tokens.fetches() == 1  # not once per request: the next try waits a few seconds
    assert not any(connector.messages(str(activity["conversation"]["id"])) for activity, _ in burst)


@pytest.fixture(scope="module")
def cold_tokens() -> Iterator[TokenService]:
    """A key server that no test in this module may make the bot ask."""
    service = TokenService().start()
    yield service
    service.stop()


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def cold(tmp_path_factory: pytest.TempPathFactory, cold_tokens: TokenService) -> AsyncIterator[RunningBot]:
    """A medbot that only ever sees tokens it must refuse, so it never needs its keys."""
    bot = await secured_bot(tmp_path_factory.mktemp("cold"), cold_tokens)
    yield bot
    await bot.stop()


def emulator_claims(version: str, tenant: str) -> dict[str, Any]:
    """Issuer and claims of a token the Bot Framework Emulator (Entra ID v1.0 or v2.0) sends for this app id."""
    if version == "1.0":
        return {"iss": f"https://sts.windows.net/{tenant}/", "ver": "1.0", "appid": APP_ID, "serviceurl": None}
    return {"iss": f"https://login.microsoftonline.com/{tenant}/v2.0", "ver": "2.0", "azp": APP_ID, "serviceurl": None}


Headers = Callable[[TokenService, str], dict[str, str]]
HOUR = 3600.0

NEVER_A_CHANNEL_TOKEN: dict[str, Headers] = {
    **{
        f"emulator v{version} from tenant {tenant[:8]}": (
            lambda tokens, url, version=version, tenant=tenant: tokens.bearer(
                url, claims=emulator_claims(version, tenant)
            )
        )
        for version in ("1.0", "2.0")
        for tenant in BOT_FRAMEWORK_TENANTS
    },
    "skill calling this bot": lambda tokens, url: tokens.bearer(
        url, claims={**emulator_claims("1.0", BOT_FRAMEWORK_TENANTS[0]), "appid": "another-bot-app-id"}
    ),
    "another audience": lambda tokens, url: tokens.bearer(url, audience="another-bot-app-id"),
    "audience list": lambda tokens, url: tokens.bearer(url, audience=[APP_ID, "another-bot-app-id"]),
    "expired": lambda tokens, url: tokens.bearer(url, issued=time.time() - 3 * HOUR, lifetime=HOUR),
    "not yet valid": lambda tokens, url: tokens.bearer(url, not_before=time.time() + HOUR),
    "no expiry": lambda tokens, url: tokens.bearer(url, claims={"exp": None}),
    "unsigned": lambda tokens, url: tokens.bearer(url, algorithm="none"),
    "signed with a shared secret": lambda tokens, url: tokens.bearer(url, algorithm="HS256", key="secret" * 6),
    "no key id": lambda tokens, url: tokens.bearer(url, kid=""),
    "serviceurl of another service": lambda tokens, url: tokens.bearer(
        url, claims={"serviceurl": "https://smba.trafficmanager.net/emea/"}
    ),
    "no serviceurl claim": lambda tokens, url: tokens.bearer(url, claims={"serviceurl": None}),
}


@pytest.mark.parametrize("headers", NEVER_A_CHANNEL_TOKEN.values(), ids=NEVER_A_CHANNEL_TOKEN.keys())
async def test_a_token_that_is_no_channel_token_for_this_bot_is_401_without_any_key_fetch(
    cold: RunningBot, connector: FakeConnector, cold_tokens: TokenService, headers: Headers
) -> None:
    activity = help_request(connector.url)
    response = await cold.post(activity, headers=headers(cold_tokens, connector.url))
    assert response.status == 401
    assert await response.json() == {"error": "unauthorized"}
    assert cold_tokens.requested == []
    assert not connector.messages(str(activity["conversation"]["id"]))


class SteppedClock:
    """Monotonic seconds that only move when the test says so."""

    def __init__(self) -> None:
        self.seconds = 1000.0

    def __call__(self) -> float:
        return self.seconds


def teams_activity(service_url: str) -> Activity:
    """The parts of an incoming Teams activity that token validation looks at."""
    return Activity(channel_id="msteams", service_url=service_url)


async def test_the_last_good_keys_keep_working_while_a_refresh_fails(tokens: TokenService) -> None:
    clock = SteppedClock()
    keys = SigningKeys(tokens.metadata_url, clock=clock)
    validator = ChannelTokenValidator(APP_ID, keys)
    service_url = "https://smba.trafficmanager.net/emea/"
    header = tokens.bearer(service_url)["Authorization"]
    await validator.claims(teams_activity(service_url), header)

    tokens.failing = True
    clock.seconds += REFRESH_AFTER + 1
    during_refresh = await validator.claims(teams_activity(service_url), header)
    await keys.idle()
    after_failed_refresh = await validator.claims(teams_activity(service_url), header)

    assert during_refresh["aud"] == after_failed_refresh["aud"] == APP_ID
    assert tokens.fetches() == 2  # the daily refresh was tried once, failed, and the old keys stayed


async def test_unknown_key_ids_refresh_the_keys_at_most_once_in_five_minutes(tokens: TokenService) -> None:
    clock = SteppedClock()
    keys = SigningKeys(tokens.metadata_url, clock=clock)
    validator = ChannelTokenValidator(APP_ID, keys)
    service_url = "https://smba.trafficmanager.net/emea/"
    await validator.claims(teams_activity(service_url), tokens.bearer(service_url)["Authorization"])

    for _ in range(2):
        clock.seconds += UNKNOWN_KEY_REFRESH_AFTER / 2
        for _ in range(5):
            forged = tokens.bearer(service_url, kid=f"key-{uuid.uuid4()}")["Authorization"]
            with pytest.raises(Unauthorized):
                await validator.claims(teams_activity(service_url), forged)

    assert tokens.fetches() == 2  # the first fetch, and one refresh once five minutes had passed
