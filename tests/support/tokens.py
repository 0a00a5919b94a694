"""A stand-in for the Bot Framework's token service: signing keys, OpenID metadata and JWKS on loopback.

medbot validates incoming tokens against whatever OpenID metadata URL it is given (`MEDBOT_OPENID_METADATA_URL`).
This module makes fresh RSA keys for the test session, serves the metadata document and the key set (with Bot
Framework `endorsements`) on 127.0.0.1, and signs tokens shaped like the ones the Bot Connector sends, with any one
property wrong on request. The server records every path it is asked for, and can be made slow or failing, so tests
can count key fetches and see what a hanging or broken endpoint does to the bot.

The server runs in its own thread, not on the test's event loop: a slow answer must be slow for the bot, not stall
the test, and a bot that blocked its event loop on the fetch must not deadlock with its own key server.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jwt
from botframework.connector.auth import (
    AppCredentials,
    AuthenticationConstants,
    PasswordServiceClientCredentialFactory,
)
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm
from msrest.authentication import Authentication

APP_ID = "9b1f2a64-5a4e-4c1e-9d0b-6f3a0c2e7d11"
APP_PASSWORD = "not-a-real-secret"
ISSUER = AuthenticationConstants.TO_BOT_FROM_CHANNEL_TOKEN_ISSUER
TEAMS_KEY = "teams-key"
WEBCHAT_ONLY_KEY = "webchat-only-key"
OUTBOUND_TOKEN = "outbound-test-token"
METADATA_PATH = "/.well-known/openidconfiguration"
KEYS_PATH = "/keys"


def _new_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _jwk(key: rsa.RSAPrivateKey, kid: str, endorsements: list[str]) -> dict[str, Any]:
    """The public half as the Bot Framework publishes it: a JWK with the channels it is endorsed for."""
    jwk: dict[str, Any] = json.loads(RSAAlgorithm.to_jwk(key.public_key()))
    return {**jwk, "kid": kid, "use": "sig", "alg": "RS256", "endorsements": endorsements}


@dataclass
class TokenService:
    """Keys, the metadata server and a token signer; `metadata_url` goes into Settings.openid_metadata_url."""

    teams_key: rsa.RSAPrivateKey = field(default_factory=_new_key)
    webchat_only_key: rsa.RSAPrivateKey = field(default_factory=_new_key)
    stranger_key: rsa.RSAPrivateKey = field(default_factory=_new_key)
    url: str = ""
    # Seconds every answer waits (until `stop`); while `failing`, every answer is a 503.
    delay: float = 0.0
    failing: bool = False
    requested: list[str] = field(default_factory=list)
    _server: ThreadingHTTPServer | None = None
    _stopped: threading.Event = field(default_factory=threading.Event)
    _asked: threading.Event = field(default_factory=threading.Event)

    @property
    def metadata_url(self) -> str:
        """The OpenID configuration document; its URL is new for every service, so no key cache anywhere can hand a
        test another service's keys."""
        return f"{self.url}{METADATA_PATH}"

    def fetches(self, path: str = METADATA_PATH) -> int:
        """How often the metadata document (or the document at `path`, e.g. KEYS_PATH) was asked for."""
        return sum(1 for requested in list(self.requested) if requested.endswith(path))

    async def asked(self) -> None:
        """Return once the bot has asked for anything (the metadata comes first), at most 10 s from now.

        Waits in a worker thread, so the caller's event loop runs meanwhile (unless the bot blocks it).
        """
        if not await asyncio.to_thread(self._asked.wait, 10.0):
            raise TimeoutError("the bot asked for no signing keys")

    def start(self) -> TokenService:
        """Serve on a free loopback port in a daemon thread."""
        documents: dict[str, dict[str, Any]] = {}
        service = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                service.requested.append(self.path)
                service._asked.set()
                if service.delay:
                    service._stopped.wait(service.delay)
                document = documents.get(self.path)
                body = json.dumps(document).encode()
                status = 200 if document is not None else 404
                self.send_response(503 if service.failing else status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                """Quiet: the test output is for the bot."""

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        base = f"/{uuid.uuid4().hex}"
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}{base}"
        documents[f"{base}{METADATA_PATH}"] = {
            "issuer": ISSUER,
            "jwks_uri": f"{self.url}{KEYS_PATH}",
            "id_token_signing_alg_values_supported": ["RS256"],
        }
        documents[f"{base}{KEYS_PATH}"] = {
            "keys": [
                _jwk(self.teams_key, TEAMS_KEY, ["msteams", "webchat"]),
                _jwk(self.webchat_only_key, WEBCHAT_ONLY_KEY, ["webchat"]),
            ]
        }
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        """Shut the server down, ending any answer that is still waiting."""
        self._stopped.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    def token(
        self,
        service_url: str,
        *,
        audience: str = APP_ID,
        issuer: str = ISSUER,
        kid: str = TEAMS_KEY,
        key: rsa.RSAPrivateKey | None = None,
        issued: float | None = None,
        lifetime: float = 3600,
        not_before: float | None = None,
        claims: dict[str, Any] | None = None,
        algorithm: str = "RS256",
    ) -> str:
        """A Bot Connector token for `service_url`; by default valid, signed with the key endorsed for Teams.

        A claim given as None in `claims` is left out; `algorithm="none"` makes an unsigned token.
        """
        now = time.time() if issued is None else issued
        payload: dict[str, Any] = {
            "iss": issuer,
            "aud": audience,
            "serviceurl": service_url,
            "nbf": int(now if not_before is None else not_before),
            "iat": int(now),
            "exp": int(now + lifetime),
            "jti": str(uuid.uuid4()),
            **(claims or {}),
        }
        payload = {name: value for name, value in payload.items() if value is not None}
        signing_key = key or {TEAMS_KEY: self.teams_key, WEBCHAT_ONLY_KEY: self.webchat_only_key}.get(
            kid, self.stranger_key
        )
        if algorithm == "none":
            return jwt.encode(payload, None, algorithm="none", headers={"kid": kid})
        return jwt.encode(payload, signing_key, algorithm=algorithm, headers={"kid": kid})

    def bearer(self, service_url: str, **options: Any) -> dict[str, str]:
        """The Authorization header carrying `token(service_url, **options)`."""
        return {"Authorization": f"Bearer {self.token(service_url, **options)}"}


class _StaticCredentials(AppCredentials):
    """Outgoing calls carry a fixed token instead of one fetched from Entra ID."""

    def get_access_token(self, force_refresh: bool = False) -> str:
        return OUTBOUND_TOKEN


class LoopbackCredentialsFactory(PasswordServiceClientCredentialFactory):
    """botbuilder's own password factory (so the app-id checks on incoming tokens are the real ones), minus the
    Entra ID round trip for outgoing calls, which has no network to go to in tests."""

    def __init__(self) -> None:
        super().__init__(APP_ID, APP_PASSWORD)

    async def create_credentials(
        self, app_id: str, oauth_scope: str, login_endpoint: str, validate_authority: bool
    ) -> Authentication:
        if not await self.is_valid_app_id(app_id):
            raise PermissionError("credentials asked for another app id")
        return _StaticCredentials(app_id, oauth_scope=oauth_scope)
