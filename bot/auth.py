"""Channel tokens checked without the event loop ever waiting on the network.

botbuilder checks a request's token with `JwtTokenExtractor`, whose `_OpenIdMetadata._refresh` fetches the OpenID
metadata and the signing keys with the blocking `requests.get`, without a timeout, on the event loop, and again on
every request while that fails; tokens shaped like the Emulator's or a skill's make it fetch Microsoft's public
metadata as well. A slow metadata endpoint froze the whole server that way. Here instead:

- `SigningKeys` fetches the metadata and its key set with aiohttp under one timeout, one fetch at a time (whoever
  needs keys meanwhile waits for that fetch), refreshes them daily in the background and keeps the last good keys
  while a refresh fails;
- `ChannelTokenValidator` refuses every token that is not a Bot Framework channel token for this bot from its
  unverified header and claims (shape, algorithm, issuer, audience, lifetime, serviceurl) before any key is asked
  for; only then does it look up the key, check the key's endorsement for the channel and verify the signature, as
  botbuilder's channel validation does;
- `ChannelAuthentication` is `MedbotAuthentication` with that validation in place of botbuilder's.
"""

from __future__ import annotations

import asyncio
import json
import logging
import math
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import aiohttp
import jwt
from botbuilder.schema import Activity, CallerIdConstants
from botframework.connector.auth import (
    AuthenticateRequestResult,
    AuthenticationConstants,
    BotFrameworkAuthentication,
    ClaimsIdentity,
    SkillValidation,
)
from jwt.algorithms import RSAAlgorithm

from bot.connector import AuthenticationUnavailable, MedbotAuthentication, Unauthorized

log = logging.getLogger(__name__)

CHANNEL_ISSUER = AuthenticationConstants.TO_BOT_FROM_CHANNEL_TOKEN_ISSUER
CHANNEL_METADATA_URL = AuthenticationConstants.TO_BOT_FROM_CHANNEL_OPENID_METADATA_URL
# botbuilder verifies channel tokens with RS256 only (whatever else its allow-list names).
ALGORITHM = "RS256"
# Clock skew allowed on exp, nbf and iat, as botbuilder allows.
LEEWAY_SECONDS = 5 * 60
# One fetch (metadata and key set together) gives up after this many seconds.
FETCH_TIMEOUT = 5.0
# Keys are refreshed daily, as botbuilder does; a token with an unknown key id may refresh them sooner, but not more
# often than this (the claims of a token that asks for it are not verified yet, anyone can send one).
REFRESH_AFTER = 24 * 3600.0
UNKNOWN_KEY_REFRESH_AFTER = 5 * 60.0
# After a failed fetch, no new one starts for this long: requests meanwhile use the last good keys, or get 503.
RETRY_AFTER_FAILURE = 10.0
MAX_DOCUMENT_BYTES = 1024 * 1024


@dataclass(frozen=True)
class SigningKey:
    """One published key: the public key and the channels it is endorsed for."""

    public_key: Any
    endorsements: tuple[str, ...]


class SigningKeys:
    """The channel's signing keys from an OpenID metadata URL, fetched off the event loop, one fetch at a time.

    `clock` is monotonic seconds; tests pass their own to age the keys.
    """

    def __init__(
        self, metadata_url: str, *, timeout: float = FETCH_TIMEOUT, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._metadata_url = metadata_url
        self._timeout = timeout
        self._clock = clock
        self._keys: dict[str, SigningKey] | None = None
        self._fetched_at = -math.inf
        self._failed_at = -math.inf
        self._fetch: asyncio.Task[None] | None = None

    async def idle(self) -> None:
        """Return once no fetch is in progress (a background refresh included); it ends within the timeout."""
        while self._fetch is not None:
            await asyncio.shield(self._fetch)

    async def get(self, kid: str) -> SigningKey | None:
        """The key with this id, or None when none is published; AuthenticationUnavailable when there are no keys.

        Only the first call (or one after failed fetches) waits for a fetch, bounded by the timeout; a due daily
        refresh runs in the background while the current keys keep serving.
        """
        now = self._clock()
        if self._keys is None:
            await self._join(now)
        elif now - self._fetched_at >= REFRESH_AFTER:
            self._start(now)
        keys = self._keys
        if keys is None:
            raise AuthenticationUnavailable
        key = keys.get(kid)
        if key is None and now - self._fetched_at >= UNKNOWN_KEY_REFRESH_AFTER:
            await self._join(now)
            key = (self._keys or {}).get(kid)
        return key

    def _start(self, now: float) -> asyncio.Task[None] | None:
        """The fetch in progress, a new one, or None while the last failure is too recent to try again."""
        if self._fetch is None and now - self._failed_at >= RETRY_AFTER_FAILURE:
            self._fetch = asyncio.get_running_loop().create_task(self._run_fetch())
        return self._fetch

    async def _join(self, now: float) -> None:
        """Wait for the fetch in progress (or a new one); a caller that goes away does not cancel it for the rest."""
        fetch = self._start(now)
        if fetch is not None:
            await asyncio.shield(fetch)

    async def _run_fetch(self) -> None:
        """Fetch and swap the keys in; on any failure keep the last good ones and remember when it failed."""
        try:
            async with asyncio.timeout(self._timeout):
                keys = await self._download()
        except Exception as exc:
            self._failed_at = self._clock()
            if self._keys is None:
                log.error("auth.keys_unavailable error=%s", type(exc).__name__)
            else:
                log.warning("auth.keys_refresh_failed error=%s keeping=%d", type(exc).__name__, len(self._keys))
            return
        finally:
            self._fetch = None
        self._keys, self._fetched_at = keys, self._clock()
        log.info("auth.keys_fetched keys=%d", len(keys))

    async def _download(self) -> dict[str, SigningKey]:
        """The metadata document, then the key set its jwks_uri names."""
        async with aiohttp.ClientSession(trust_env=True) as session:
            metadata = await _get_json(session, self._metadata_url)
            key_set = await _get_json(session, str(metadata["jwks_uri"]))
        return parse_key_set(key_set)


async def _get_json(session: aiohttp.ClientSession, url: str) -> dict[str, Any]:
    """A JSON object from `url`, refusing error statuses and documents over MAX_DOCUMENT_BYTES."""
    async with session.get(url) as response:
        response.raise_for_status()
        body = bytearray()
        async for chunk in response.content.iter_chunked(64 * 1024):
            body += chunk
            if len(body) > MAX_DOCUMENT_BYTES:
                raise ValueError("the document is too large")
    document = json.loads(body)
    if not isinstance(document, dict):
        raise ValueError("the document is not a JSON object")
    return document


def parse_key_set(key_set: Mapping[str, Any]) -> dict[str, SigningKey]:
    """The usable RSA keys of a JWKS by key id; keys that cannot be read are skipped, none at all is an error."""
    keys: dict[str, SigningKey] = {}
    for jwk in key_set.get("keys") or []:
        if not isinstance(jwk, dict) or not isinstance(jwk.get("kid"), str):
            continue
        try:
            public_key = RSAAlgorithm.from_jwk(jwk)
        except (jwt.InvalidKeyError, ValueError, KeyError, TypeError):
            continue
        endorsements = jwk.get("endorsements") or []
        names = tuple(name for name in endorsements if isinstance(name, str)) if isinstance(endorsements, list) else ()
        keys[jwk["kid"]] = SigningKey(public_key, names)
    if not keys:
        raise ValueError("the key set has no usable keys")
    return keys


class ChannelTokenValidator:
    """Accepts exactly the Bot Framework channel tokens for this bot's app id, as botbuilder's channel validation."""

    def __init__(self, app_id: str, keys: SigningKeys) -> None:
        self._app_id = app_id
        self._keys = keys

    async def claims(self, activity: Activity, auth_header: str | None) -> dict[str, Any]:
        """The verified claims of the request's token; Unauthorized, or AuthenticationUnavailable without keys.

        Everything that can be decided from the token itself is decided before a key is asked for, so a token that
        could never pass costs no fetch and never waits for one.
        """
        token = _bearer_token(auth_header)
        kid = self._plausible(token, activity.service_url)
        key = await self._keys.get(kid)
        if key is None:
            raise _refused("unknown_key")
        channel = activity.channel_id
        if key.endorsements and channel and channel not in key.endorsements:
            raise _refused("not_endorsed")
        try:
            return self._decode(token, key.public_key)
        except jwt.PyJWTError:
            raise _refused("signature") from None

    def _plausible(self, token: str, service_url: str | None) -> str:
        """The key id of a token that would pass if its signature is good; Unauthorized for any other token."""
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError:
            raise _refused("malformed") from None
        if header.get("alg") != ALGORITHM:
            raise _refused("algorithm")
        kid = header.get("kid")
        if not isinstance(kid, str) or not kid:
            raise _refused("no_key_id")
        try:
            claims = self._decode(token, None)
        except jwt.PyJWTError as exc:
            raise _refused(type(exc).__name__) from None
        if claims.get("aud") != self._app_id:
            raise _refused("InvalidAudienceError")
        if SkillValidation.is_skill_claim(claims):
            raise _refused("skill")
        service_url_claim = claims.get(AuthenticationConstants.SERVICE_URL_CLAIM)
        if service_url is not None and (not service_url_claim or service_url_claim != service_url):
            raise _refused("serviceurl")
        return kid

    def _decode(self, token: str, public_key: Any) -> dict[str, Any]:
        """The claims with issuer, audience and lifetime checked; the signature too unless `public_key` is None."""
        claims: dict[str, Any] = jwt.decode(
            token,
            public_key if public_key is not None else "",
            algorithms=[ALGORITHM],
            audience=self._app_id,
            issuer=CHANNEL_ISSUER,
            leeway=LEEWAY_SECONDS,
            options={
                "verify_signature": public_key is not None,
                "verify_exp": True,
                "verify_nbf": True,
                "verify_iat": True,
                "verify_aud": True,
                "verify_iss": True,
                "require": ["exp", "iss", "aud"],
            },
        )
        return claims


def _bearer_token(auth_header: str | None) -> str:
    """The token of a `Bearer <token>` header, as botbuilder splits it; Unauthorized for any other header."""
    parts = (auth_header or "").split(" ")
    if len(parts) != 2 or parts[0] != "Bearer" or not parts[1]:
        raise _refused("no_bearer_token")
    return parts[1]


def _refused(reason: str) -> Unauthorized:
    """Unauthorized, logged with a reason code (never a claim: the token is the caller's)."""
    log.info("auth.refused reason=%s", reason)
    return Unauthorized(reason)


class ChannelAuthentication(MedbotAuthentication):
    """MedbotAuthentication with channel tokens checked by `ChannelTokenValidator` instead of botbuilder.

    Without a validator (no app id: emulator mode) a request without a token is let through by botbuilder as before;
    one with a token is refused at once, because no token can name an empty app id as its audience.
    """

    def __init__(self, inner: BotFrameworkAuthentication, validator: ChannelTokenValidator | None) -> None:
        super().__init__(inner)
        self._validator = validator

    async def authenticate_request(self, activity: Activity, auth_header: str | None) -> AuthenticateRequestResult:
        """The authenticated request as botbuilder's public-cloud authentication describes a channel request."""
        if self._validator is None:
            if auth_header is not None:
                raise _refused("token_in_emulator_mode")
            return await super().authenticate_request(activity, auth_header)
        claims = await self._validator.claims(activity, auth_header)
        result = AuthenticateRequestResult()
        result.claims_identity = ClaimsIdentity(claims, True)
        result.audience = AuthenticationConstants.TO_CHANNEL_FROM_BOT_OAUTH_SCOPE
        result.caller_id = CallerIdConstants.public_azure_channel
        result.connector_factory = self.create_connector_factory(result.claims_identity)
        return result
