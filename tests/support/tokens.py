"""A stand-in for the Bot Framework's token service: signing keys, OpenID metadata and JWKS on loopback.

medbot validates incoming tokens with botbuilder's real code path against whatever OpenID metadata URL it is
given (`MEDBOT_OPENID_METADATA_URL`). This module makes fresh RSA keys for the test session, serves the
metadata document and the key set (with Bot Framework `endorsements`) on 127.0.0.1, and signs tokens shaped
like the ones the Bot Connector sends, with any one property wrong on request.

The server runs in its own thread, not on the test's event loop: botbuilder fetches the metadata with the
blocking `requests` library from inside the bot's event loop, which would wait forever for a server on it.
"""

from __future__ import annotations

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
    _server: ThreadingHTTPServer | None = None

    @property
    def metadata_url(self) -> str:
        """The OpenID configuration document; its URL is new for every service, and botbuilder caches keys per
        URL in class-level caches, so every test session validates against its own fresh keys."""
        return f"{self.url}/.well-known/openidconfiguration"

    def start(self) -> TokenService:
        """Serve on a free loopback port in a daemon thread."""
        documents: dict[str, dict[str, Any]] = {}

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                document = documents.get(self.path)
                body = json.dumps(document).encode()
                self.send_response(200 if document is not None else 404)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                """Quiet: the test output is for the bot."""

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        base = f"/{uuid.uuid4().hex}"
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}{base}"
        documents[f"{base}/.well-known/openidconfiguration"] = {
            "issuer": ISSUER,
            "jwks_uri": f"{self.url}/keys",
            "id_token_signing_alg_values_supported": ["RS256"],
        }
        documents[f"{base}/keys"] = {
            "keys": [
                _jwk(self.teams_key, TEAMS_KEY, ["msteams", "webchat"]),
                _jwk(self.webchat_only_key, WEBCHAT_ONLY_KEY, ["webchat"]),
            ]
        }
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        """Shut the server down."""
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
    ) -> str:
        """A Bot Connector token for `service_url`; by default valid, signed with the key endorsed for Teams."""
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
        signing_key = key or {TEAMS_KEY: self.teams_key, WEBCHAT_ONLY_KEY: self.webchat_only_key}.get(
            kid, self.stranger_key
        )
        return jwt.encode(payload, signing_key, algorithm="RS256", headers={"kid": kid})

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
