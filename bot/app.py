"""The aiohttp application: POST /api/messages for Teams, GET /healthz for the platform, GET /exports/<token>
for the answers' download links (bot/exports.py).

Bad input is answered with a short 4xx reason and never a stack trace; authentication failures are 401 and
have no side effect, including malformed tokens that botbuilder itself would turn into a 500; activities from
a tenant outside MEDBOT_ALLOWED_TENANTS are 403, also without any side effect.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import logging
import re
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web
from botbuilder.integration.aiohttp import CloudAdapter
from botbuilder.schema import Activity

from bot import exports
from bot.activities import tenant_of
from bot.connector import AuthenticationUnavailable, Unauthorized
from bot.handler import MedbotHandler
from bot.logs import log_failure
from bot.references import ConversationReferences
from bot.runtime import Runtime
from bot.scheduler import SCHEDULER_KEY
from dialogs.hygiene import is_clean
from storage.db import ping

log = logging.getLogger(__name__)

MAX_BODY = 256 * 1024
# Teams' activities nest about ten levels (an Action.Execute's card data inside value.action.data); json.loads
# recurses once per level, and a body nested past Python's recursion limit would fail inside it.
MAX_DEPTH = 64
_JSON_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")
_DEPTH_STEP = {ord("["): 1, ord("{"): 1, ord("]"): -1, ord("}"): -1}
# /healthz answers within this many seconds: a database that hangs is as unavailable as one that refuses.
HEALTH_TIMEOUT = 5.0
RUNTIME_KEY: web.AppKey[Runtime] = web.AppKey("runtime", Runtime)
ADAPTER_KEY: web.AppKey[CloudAdapter] = web.AppKey("adapter", CloudAdapter)
HANDLER_KEY: web.AppKey[MedbotHandler] = web.AppKey("handler", MedbotHandler)
Startup = Callable[[web.Application], Awaitable[None]]


def _problem(status: int, reason: str) -> web.Response:
    """A short JSON error body; the caller learns what was wrong, never how the server is built."""
    return web.json_response({"error": reason}, status=status)


_ACCOUNTS = ("conversation", "from", "recipient")
_ACCOUNT_STRINGS = ("id", "name", "aadObjectId", "role", "tenantId", "conversationType")
_STRINGS = ("id", "channelId", "text", "name", "replyToId", "locale", "textFormat", "action", "serviceUrl")
_LISTS_OF_OBJECTS = ("entities", "attachments", "membersAdded", "membersRemoved")
# Teams' channelData: botbuilder's Teams handler deserialises these parts and fails on any other shape.
_CHANNEL_DATA_OBJECTS = ("tenant", "team", "channel", "notification", "meeting", "settings")
# Action.Execute is the only invoke medbot's cards and manifest ask Teams for; botbuilder would answer any other
# (task modules, message extensions, sign-in) with 501 after the conversation had already been recorded.
HANDLED_INVOKES = frozenset({"adaptiveCard/action"})


def _shape_problem(body: dict[str, Any]) -> str | None:
    """What makes `body` no activity medbot can handle, or None; checked before botbuilder reads it."""
    if not isinstance(body.get("type"), str) or not body["type"]:
        return "the activity has no type"
    for name in _ACCOUNTS:
        account = body.get(name)
        if account is None:
            continue
        if not isinstance(account, dict):
            return f"'{name}' must be an object"
        for field in _ACCOUNT_STRINGS:
            problem = _string_problem(f"{name}.{field}", account.get(field), identifier=field != "name")
            if problem is not None:
                return problem
    for name in _STRINGS:
        if (problem := _string_problem(name, body.get(name), identifier=name != "text")) is not None:
            return problem
    if (problem := _channel_data_problem(body.get("channelData"))) is not None:
        return problem
    for name in _LISTS_OF_OBJECTS:
        value = body.get(name)
        if value is not None and not (isinstance(value, list) and all(isinstance(item, dict) for item in value)):
            return f"'{name}' must be a list of objects"
    if not isinstance(body.get("conversation"), dict) or not body["conversation"].get("id"):
        return "the activity has no conversation id"
    if not str(body.get("serviceUrl") or "").startswith(("http://", "https://")):
        return "the activity has no valid serviceUrl"
    if body["type"] == "invoke" and body.get("name") not in HANDLED_INVOKES:
        return "medbot only handles adaptiveCard/action invokes"
    return None


def _channel_data_problem(channel_data: Any) -> str | None:
    """What makes Teams' channelData unreadable for botbuilder, or None."""
    if channel_data is None:
        return None
    if not isinstance(channel_data, dict):
        return "'channelData' must be an object"
    if (problem := _string_problem("channelData.eventType", channel_data.get("eventType"))) is not None:
        return problem
    for name in _CHANNEL_DATA_OBJECTS:
        part = channel_data.get(name)
        if part is None:
            continue
        if not isinstance(part, dict):
            return f"'channelData.{name}' must be an object"
        for field in ("id", "name"):
            problem = _string_problem(f"channelData.{name}.{field}", part.get(field), identifier=field == "id")
            if problem is not None:
                return problem
    return None


def _string_problem(name: str, value: Any, *, identifier: bool = True) -> str | None:
    """What is wrong with an optional string field, or None.

    Identifiers (ids, URLs, types) are stored and sent back as they came, so one holding a control character or
    a lone surrogate is refused: cleaning it would name another conversation. Free text (message text, display
    names) is cleaned where it is read instead.
    """
    if value is None:
        return None
    if not isinstance(value, str):
        return f"'{name}' must be a string"
    if identifier and not is_clean(value):
        return f"'{name}' holds characters no id may have"
    return None


def nesting_depth(raw: bytes) -> int:
    """How deep arrays and objects nest in a JSON text; brackets inside strings do not count.

    A flat scan at C speed (strings cut out, everything but brackets dropped, the running depth summed), so a
    body built to nest past Python's recursion limit is measured without recursing.
    """
    brackets = _JSON_STRING.sub(b"", raw).translate(None, _NOT_BRACKETS)
    return max(itertools.accumulate(map(_DEPTH_STEP.__getitem__, brackets)), default=0)


class BadBody(Exception):
    """A body refused before it is parsed; the reason is short and safe to show the caller."""


def read_json(raw: bytes) -> Any:
    """The parsed body; BadBody when it is not JSON or nests deeper than any activity does."""
    if nesting_depth(raw) > MAX_DEPTH:
        log.warning("request.refused reason=too_deep bytes=%d", len(raw))
        raise BadBody(f"the JSON is nested deeper than {MAX_DEPTH} levels")
    try:
        return json.loads(raw)
    except RecursionError:  # the scan reads UTF-8; a body in UTF-16 or UTF-32 could hide its brackets from it
        log.warning("request.refused reason=too_deep bytes=%d", len(raw))
        raise BadBody(f"the JSON is nested deeper than {MAX_DEPTH} levels") from None
    except (ValueError, UnicodeDecodeError):
        raise BadBody("the body is not valid JSON") from None


def parse_activity(body: Any) -> Activity | str:
    """An Activity from a JSON body, or the reason it is not one."""
    if not isinstance(body, dict):
        return "the body must be a JSON object (an activity)"
    if (problem := _shape_problem(body)) is not None:
        return problem
    try:
        return Activity().deserialize(body)
    except Exception:
        return "the activity could not be read"


async def messages(request: web.Request) -> web.Response:
    """The Bot Framework endpoint: read, authenticate, check the tenant, then run the turn.

    Nothing is stored or sent before the caller is authenticated and its tenant allowed.
    """
    if request.content_type != "application/json":
        return _problem(415, "Content-Type must be application/json")
    if request.content_length is not None and request.content_length > MAX_BODY:
        log.warning("request.refused reason=too_large bytes=%d", request.content_length)
        return _problem(413, "the body is larger than 256 KB")
    try:
        raw = await request.read()
    except web.HTTPRequestEntityTooLarge:
        log.warning("request.refused reason=too_large")
        return _problem(413, "the body is larger than 256 KB")
    try:
        body = read_json(raw)
    except BadBody as bad:
        return _problem(400, str(bad))
    activity = parse_activity(body)
    if isinstance(activity, str):
        return _problem(400, activity)
    adapter = request.app[ADAPTER_KEY]
    try:
        identity = await adapter.bot_framework_authentication.authenticate_request(
            activity, request.headers.get("Authorization")
        )
    except Unauthorized:
        return _problem(401, "unauthorized")
    except AuthenticationUnavailable:
        return _problem(503, "the token signing keys are unavailable, try again later")
    allowed = runtime_of(request).settings.allowed_tenants
    if allowed and tenant_of(activity) not in allowed:
        log.warning("tenant.refused tenant=%s", tenant_of(activity) or "-")
        return _problem(403, "this tenant is not allowed to use the bot")
    invoke_response = await adapter.process_activity(identity, activity, request.app[HANDLER_KEY].on_turn)
    if invoke_response is not None:
        return web.json_response(invoke_response.body, status=invoke_response.status)
    return web.Response(status=200)


def runtime_of(request: web.Request) -> Runtime:
    """The process's runtime."""
    return request.app[RUNTIME_KEY]


async def healthz(request: web.Request) -> web.Response:
    """200 when the database answers and knowledge is loaded; 503 with the reason otherwise.

    `evaluator` tells an operator which replica holds the scheduler's lock, so its log is the one to read.
    """
    runtime = runtime_of(request)
    try:
        database = await asyncio.wait_for(asyncio.to_thread(ping, runtime.engine), HEALTH_TIMEOUT)
    except TimeoutError:
        log.warning("database.unreachable reason=timeout")
        database = False
    version = runtime.knowledge.version
    ok = database and bool(version)
    scheduler = request.app.get(SCHEDULER_KEY)
    body = {
        "status": "ok" if ok else "unavailable",
        "database": "ok" if database else "unreachable",
        "knowledge_version": version or None,
        "evaluator": scheduler is not None and scheduler.evaluator.held,  # which replica sends reminders and nudges
    }
    return web.json_response(body, status=200 if ok else 503)


@web.middleware
async def errors_middleware(
    request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
) -> web.StreamResponse:
    """No stack trace ever reaches a caller; unknown paths and methods get short answers."""
    try:
        return await handler(request)
    except web.HTTPRequestEntityTooLarge:
        return _problem(413, "the body is larger than 256 KB")
    except web.HTTPException as exc:
        if exc.status >= 400:
            return _problem(exc.status, exc.reason)
        raise
    except Exception as error:
        log_failure(log, "http.failed path=%s", error, request.path)
        return _problem(500, "internal error")


def create_app(
    runtime: Runtime,
    adapter: CloudAdapter,
    handler: MedbotHandler,
    on_startup: list[Startup] | None = None,
    on_cleanup: list[Startup] | None = None,
) -> web.Application:
    """The web application; background services are attached with `on_startup` / `on_cleanup`.

    Every turn first passes `ConversationReferences`, so the handler itself only routes.
    """
    adapter.use(ConversationReferences(runtime))
    app = web.Application(client_max_size=MAX_BODY, middlewares=[errors_middleware])
    app[RUNTIME_KEY] = runtime
    app[ADAPTER_KEY] = adapter
    app[HANDLER_KEY] = handler
    app.router.add_post("/api/messages", messages)
    app.router.add_get("/healthz", healthz)
    exports.attach(app, runtime)  # GET /exports/<token>: the answers of "Hent som Excel" / "Hent som CSV"
    app.on_startup.extend(on_startup or [])
    app.on_cleanup.extend(on_cleanup or [])
    return app
