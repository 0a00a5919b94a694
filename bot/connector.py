"""Authentication and connector clients for the adapter, through botbuilder's own extension point.

`MedbotAuthentication` wraps the configured `BotFrameworkAuthentication` and changes three things:

- every failure to authenticate a request becomes `Unauthorized` (botbuilder raises PermissionError for some
  bad tokens and ValueError, KeyError, IndexError or PyJWT errors for others), so the web layer can answer
  401 without guessing; an unreachable OpenID metadata endpoint becomes `AuthenticationUnavailable` (503);
- connector clients are built once per app id, service URL and audience and shared by all turns: botbuilder
  builds a new one per turn, and each costs a fresh msrest retry policy (about 5 ms of CPU) and a fresh HTTP
  session without keep-alive; their serializer passes plain JSON (card content) through instead of walking it
  node by node (about 5 ms of CPU for one answer card);
- the user-token client (OAuth sign-in, which medbot does not use) is only built when something asks for it.

Each shared client also gets bounded timeouts and no retries of its own. msrest sends in a worker thread with a
100 s timeout and retries failed connections three times; a caller that gives up earlier (the outbox dispatcher
waits 30 s) cannot stop that thread, so a hanging connector would keep threads busy long after every caller
stopped waiting. Retrying is the dispatcher's job, with backoff that holds no thread.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

import requests
from botbuilder.schema import Activity
from botframework.connector.aio import ConnectorClient
from botframework.connector.auth import (
    AuthenticateRequestResult,
    BotFrameworkAuthentication,
    ClaimsIdentity,
    ConnectorFactory,
    UserTokenClient,
)
from botframework.connector.skills import BotFrameworkClient
from msrest import Serializer

log = logging.getLogger(__name__)

MAX_CLIENTS = 64
# Seconds to connect and to wait for an answer; below the outbox dispatcher's send timeout (30 s).
CONNECT_TIMEOUT = 5.0
READ_TIMEOUT = 20.0


class Unauthorized(Exception):
    """The request carries no valid Bot Framework token for this bot."""


class AuthenticationUnavailable(Exception):
    """The signing keys could not be fetched, so no token can be checked right now."""


_JSON_SCALARS = frozenset({str, int, float, bool, type(None)})


def _plain_json(value: Any) -> bool:
    """True for values made only of dicts with string keys, lists, strings, numbers, booleans and None."""
    kind = type(value)
    if kind in _JSON_SCALARS:
        return True
    if kind is dict:
        return all(type(key) is str and _plain_json(item) for key, item in value.items())
    if kind is list:
        return all(_plain_json(item) for item in value)
    return False


class PlainJsonSerializer(Serializer):
    """msrest's serializer, passing plain JSON values (an Adaptive Card's content, channelData) through as they are.

    msrest serializes `object`-typed values node by node and, for every dict and list, first scans all connector
    model classes to see whether it is one of them; a 5 KB answer card costs about 5 ms of CPU that way. Plain
    JSON serializes to itself, so what is sent does not change; anything else takes msrest's own path.
    """

    def serialize_object(self, attr: Any, **kwargs: Any) -> Any:
        """Plain JSON as it is, anything else as msrest does it."""
        if _plain_json(attr):
            return attr
        return super().serialize_object(attr, **kwargs)


def with_plain_json_serializer(client: ConnectorClient) -> ConnectorClient:
    """Give this client's operations the faster serializer (this instance only; botbuilder's classes are as they
    were, and if a later botbuilder names the attribute differently, the client simply keeps msrest's)."""
    serializer = PlainJsonSerializer(client._serialize.dependencies)
    client.conversations._serialize = serializer
    client.attachments._serialize = serializer
    return client


class ReusingConnectorFactory(ConnectorFactory):
    """Hands out one connector client per service URL and audience instead of a new one per turn.

    A client holds no per-turn state (credentials cache their token, the HTTP session pools connections),
    so sharing it between concurrent turns is safe. The number of service URLs is small in practice
    (Teams has a few regional ones); the oldest client is dropped past MAX_CLIENTS.
    """

    def __init__(self, inner: ConnectorFactory) -> None:
        self._inner = inner
        self._clients: dict[tuple[str, str], ConnectorClient] = {}

    async def create(self, service_url: str, audience: str | None = None) -> ConnectorClient:
        """The shared client for this service URL and audience."""
        key = (service_url, audience or "")
        client = self._clients.get(key)
        if client is None:
            client = with_plain_json_serializer(bounded(await self._inner.create(service_url, audience)))
            if len(self._clients) >= MAX_CLIENTS:
                del self._clients[next(iter(self._clients))]
            client = self._clients.setdefault(key, client)
        return client


def bounded(client: ConnectorClient) -> ConnectorClient:
    """The client with bounded timeouts and without msrest's own retries (see the module docstring).

    The retry policy is changed in place: msrest already handed that very object to the client's HTTP session.
    """
    client.config.connection.timeout = (CONNECT_TIMEOUT, READ_TIMEOUT)
    client.config.retry_policy.retries = 0
    client.config.retry_policy.policy.status_forcelist = frozenset()
    return client


class LazyUserTokenClient(UserTokenClient):
    """A user-token client that is only built on first use (medbot has no sign-in, so usually never)."""

    def __init__(self, build: Callable[[], Awaitable[UserTokenClient]]) -> None:
        self._build = build
        self._client: UserTokenClient | None = None

    async def _inner(self) -> UserTokenClient:
        if self._client is None:
            self._client = await self._build()
        return self._client

    async def get_user_token(self, *args: Any, **kwargs: Any) -> Any:
        """See UserTokenClient."""
        return await (await self._inner()).get_user_token(*args, **kwargs)

    async def get_sign_in_resource(self, *args: Any, **kwargs: Any) -> Any:
        """See UserTokenClient."""
        return await (await self._inner()).get_sign_in_resource(*args, **kwargs)

    async def sign_out_user(self, *args: Any, **kwargs: Any) -> Any:
        """See UserTokenClient."""
        return await (await self._inner()).sign_out_user(*args, **kwargs)

    async def get_token_status(self, *args: Any, **kwargs: Any) -> Any:
        """See UserTokenClient."""
        return await (await self._inner()).get_token_status(*args, **kwargs)

    async def get_aad_tokens(self, *args: Any, **kwargs: Any) -> Any:
        """See UserTokenClient."""
        return await (await self._inner()).get_aad_tokens(*args, **kwargs)

    async def exchange_token(self, *args: Any, **kwargs: Any) -> Any:
        """See UserTokenClient."""
        return await (await self._inner()).exchange_token(*args, **kwargs)


def _app_id(claims_identity: ClaimsIdentity) -> str:
    """The bot's app id as botbuilder reads it from the claims: audience first, then appid."""
    claims = claims_identity.claims or {}
    return str(claims.get("aud") or claims.get("appid") or "")


class MedbotAuthentication(BotFrameworkAuthentication):
    """The configured authentication with clear failures, shared connector clients and a lazy token client."""

    def __init__(self, inner: BotFrameworkAuthentication) -> None:
        self._inner = inner
        self._factories: dict[str, ReusingConnectorFactory] = {}
        self._token_clients: dict[str, LazyUserTokenClient] = {}

    async def authenticate_request(self, activity: Activity, auth_header: str | None) -> AuthenticateRequestResult:
        """Validate the caller's token; raise Unauthorized (or AuthenticationUnavailable) instead of anything else."""
        try:
            result = await self._inner.authenticate_request(activity, auth_header)
        except requests.RequestException as exc:
            log.error("auth.metadata_unavailable error=%s", type(exc).__name__)
            raise AuthenticationUnavailable from exc
        except Exception as exc:
            log.info("auth.refused reason=%s", type(exc).__name__)
            raise Unauthorized from exc
        result.connector_factory = self.create_connector_factory(result.claims_identity)
        return result

    async def authenticate_streaming_request(
        self, auth_header: str, channel_id_header: str
    ) -> AuthenticateRequestResult:
        """Not used by medbot (no streaming connection); delegated unchanged."""
        return await self._inner.authenticate_streaming_request(auth_header, channel_id_header)

    def create_connector_factory(self, claims_identity: ClaimsIdentity) -> ConnectorFactory:
        """One reusing factory per app id, for inbound turns and proactive messages alike."""
        app_id = _app_id(claims_identity)
        factory = self._factories.get(app_id)
        if factory is None:
            factory = self._factories.setdefault(
                app_id, ReusingConnectorFactory(self._inner.create_connector_factory(claims_identity))
            )
        return factory

    async def create_user_token_client(self, claims_identity: ClaimsIdentity) -> UserTokenClient:
        """A client that builds the real one (and its credentials) only if a turn uses it."""
        app_id = _app_id(claims_identity)
        client = self._token_clients.get(app_id)
        if client is None:

            async def build() -> UserTokenClient:
                created: UserTokenClient = await self._inner.create_user_token_client(claims_identity)
                return created

            client = self._token_clients.setdefault(app_id, LazyUserTokenClient(build))
        return client

    def create_bot_framework_client(self) -> BotFrameworkClient:
        """Skills client, delegated unchanged."""
        return self._inner.create_bot_framework_client()

    def get_originating_audience(self) -> str:
        """Delegated unchanged."""
        originating: str = self._inner.get_originating_audience()
        return originating

    async def authenticate_channel_request(self, auth_header: str) -> ClaimsIdentity:
        """Skill callbacks (unused by medbot), with the same clear failure as inbound requests."""
        try:
            return await self._inner.authenticate_channel_request(auth_header)
        except Exception as exc:
            raise Unauthorized from exc
