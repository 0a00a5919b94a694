"""Download links for an item's answers: "Hent som Excel" / "Hent som CSV" in Teams, served at GET /exports/<token>.

A link works in a 1:1 chat and in a channel alike (Teams' file consent card works in 1:1 chats only), and needs no
database row: the token names the item, the format and when it expires, signed with HMAC-SHA256. The key is
derived from `MEDBOT_EXPORT_SECRET`, else from `MicrosoftAppPassword`, so every replica holding the same settings
accepts every replica's links; rotating the secret ends the links out (they last 15 minutes anyway). Emulator mode
without either secret uses a random key per process (one process, loopback only). Without a key, or without an
address to link to (`MEDBOT_PUBLIC_HOST`; in emulator mode the loopback address the bot was reached at), no link
is offered and the dialog points to `medbot items export` instead.

The token is a bearer capability: whoever holds the link within its lifetime gets the file, as whoever sees the
answers card in that chat sees the answers. Opening it builds the file from the database at that moment, in a
thread with a timeout, so the event loop never waits on it. A malformed or unknown token is 404, a forged or
expired one 403, an item that is gone (or a draft) 404, each with a short Danish page and never a stack trace.
Logs carry the item id, the format and the outcome; never a name or an answer.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import ipaddress
import logging
import re
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from aiohttp import web
from sqlmodel import Session

from bot.config import Settings
from bot.logs import log_failure
from dialogs.feedback import texts
from dialogs.feedback.export import FORMATS, LINK_LIFETIME, ExportFile, Format, export_file, format_of
from dialogs.feedback.model import MAX_ID

if TYPE_CHECKING:
    from bot.runtime import Runtime

log = logging.getLogger(__name__)

ROUTE = "/exports/{token}"
# Building the file reads every answer version of the item; a database that hangs must not hold the request open.
BUILD_TIMEOUT = 30.0
_KEY_PURPOSE = b"medbot export links v1"  # a key of its own, not the app password itself
_TOKEN = re.compile(r"(\d{1,10})\.(" + "|".join(FORMATS) + r")\.(\d{1,12})\.([A-Za-z0-9_-]{43})")
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass(frozen=True)
class Grant:
    """What a sound, unexpired token allows: one item's answers in one format."""

    item_id: int
    fmt: Format


@dataclass(frozen=True)
class Refusal:
    """Why a link is refused: the HTTP status, the Danish page and the reason for the log."""

    status: int
    page: str
    reason: str


@dataclass
class ExportLinks:
    """Signs and checks download tokens and knows the address a link points to."""

    key: bytes | None  # None: no secret outside emulator mode, so no links
    public_base: str = ""  # https://<MEDBOT_PUBLIC_HOST>
    local_allowed: bool = False  # emulator mode: link to the loopback address the bot was reached at
    local_base: str = ""

    @classmethod
    def for_settings(cls, settings: Settings) -> ExportLinks:
        """The process's links: the key from the settings' secret, the address from MEDBOT_PUBLIC_HOST."""
        secret = settings.export_secret or settings.app_password
        if secret:
            key: bytes | None = hmac.new(secret.encode(), _KEY_PURPOSE, hashlib.sha256).digest()
        elif settings.emulator_mode:
            key = secrets.token_bytes(32)
        else:
            key = None
            log.warning("exports.disabled reason=no_secret")
        host = settings.public_host.strip().rstrip("/")
        if host and not host.startswith(("https://", "http://")):
            host = f"https://{host}"
        return cls(key=key, public_base=host, local_allowed=settings.emulator_mode)

    def _signature(self, payload: str) -> str:
        assert self.key is not None
        digest = hmac.new(self.key, payload.encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()

    def token(self, item_id: int, fmt: Format, now: datetime) -> str:
        """`<item>.<format>.<expires, Unix seconds>.<signature>`: readable, and worthless when changed."""
        expires = int((now + LINK_LIFETIME).timestamp())
        payload = f"{item_id}.{fmt}.{expires}"
        return f"{payload}.{self._signature(payload)}"

    def link(self, item_id: int, fmt: str, now: datetime) -> str | None:
        """The download link for the item's answers (`Turn.export_link`), or None where this process has none."""
        base = self.public_base or (self.local_base if self.local_allowed else "")
        known = format_of(fmt)
        if self.key is None or not base or known is None:
            return None
        return f"{base}/exports/{self.token(item_id, known, now)}"

    def check(self, token: str, now: datetime) -> Grant | Refusal:
        """The grant of a token: the signature first (compared in constant time), then the expiry."""
        match = _TOKEN.fullmatch(token)
        if self.key is None or match is None:
            return Refusal(404, texts.EXPORT_PAGE_UNKNOWN, "malformed")
        item, fmt, expires, signature = match.groups()
        if not hmac.compare_digest(signature, self._signature(f"{item}.{fmt}.{expires}")):
            return Refusal(403, texts.EXPORT_PAGE_FORGED, "forged")
        known = format_of(fmt)
        if known is None or not 1 <= int(item) <= MAX_ID:
            return Refusal(404, texts.EXPORT_PAGE_UNKNOWN, "malformed")
        if now.timestamp() >= int(expires):
            return Refusal(403, texts.EXPORT_PAGE_EXPIRED, "expired")
        return Grant(int(item), known)

    def reached(self, sockname: Any) -> None:
        """Emulator mode: remember the loopback address a request came in on, the address links then point to."""
        if self.local_base or not self.local_allowed or not isinstance(sockname, tuple) or len(sockname) < 2:
            return
        host, port = sockname[0], sockname[1]
        try:
            address = ipaddress.ip_address(host)
        except (TypeError, ValueError):
            return
        if address.is_loopback:
            shown = f"[{address}]" if address.version == 6 else str(address)
            self.local_base = f"http://{shown}:{port}"


def _page(refusal: Refusal) -> web.Response:
    """A short Danish text page: what happened and what to do, nothing about the server."""
    return web.Response(
        status=refusal.status,
        text=refusal.page + "\n",
        content_type="text/plain",
        charset="utf-8",
        headers={"Cache-Control": "no-store"},
    )


def _build(runtime: Runtime, grant: Grant) -> ExportFile | None:
    """The file, from the database as it is now (runs in a worker thread)."""
    with Session(runtime.engine) as session:
        return export_file(session, grant.item_id, grant.fmt, runtime.tz)


def download_handler(runtime: Runtime) -> Handler:
    """GET /exports/<token>: the file as an attachment, or a refusal page."""

    async def download(request: web.Request) -> web.StreamResponse:
        checked = runtime.exports.check(request.match_info.get("token", ""), runtime.clock())
        if isinstance(checked, Refusal):
            log.info("export.refused reason=%s", checked.reason)
            return _page(checked)
        try:
            built = await asyncio.wait_for(asyncio.to_thread(_build, runtime, checked), BUILD_TIMEOUT)
        except TimeoutError:
            log.warning("export.failed item=%s reason=timeout", checked.item_id)
            return _page(Refusal(503, texts.EXPORT_PAGE_BUSY, "timeout"))
        except Exception as error:
            log_failure(log, "export.failed item=%s", error, checked.item_id)
            return _page(Refusal(503, texts.EXPORT_PAGE_BUSY, "error"))
        if built is None:
            log.info("export.refused item=%s reason=gone", checked.item_id)
            return _page(Refusal(404, texts.EXPORT_PAGE_GONE, "gone"))
        log.info("export.downloaded item=%s format=%s bytes=%d", checked.item_id, checked.fmt, len(built.data))
        return web.Response(
            body=built.data,
            headers={
                "Content-Type": built.media_type,
                "Content-Disposition": f"attachment; filename=\"{built.filename}\"; filename*=UTF-8''{built.filename}",
                "Cache-Control": "no-store",
                "X-Content-Type-Options": "nosniff",
                "Referrer-Policy": "no-referrer",
            },
        )

    return download


def attach(app: web.Application, runtime: Runtime) -> None:
    """Serve GET /exports/<token>; in emulator mode, note the loopback address requests arrive at."""

    @web.middleware
    async def note_address(request: web.Request, handler: Handler) -> web.StreamResponse:
        if runtime.exports.local_allowed and not runtime.exports.local_base and request.transport is not None:
            runtime.exports.reached(request.transport.get_extra_info("sockname"))
        return await handler(request)

    app.middlewares.append(note_address)
    app.router.add_get(ROUTE, download_handler(runtime))
