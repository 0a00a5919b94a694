"""A loopback fake of the Bot Connector service that records every activity the bot sends.

This is the Bot Framework's own test practice: the bot talks HTTP to `serviceUrl`, so pointing `serviceUrl`
at this server lets a test see exactly what a Teams user would have received. Faults are injected per
request with `fail_next` / `fail_when`.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web


@dataclass
class Recorded:
    """One call the bot made: which endpoint, which conversation, and the activity body."""

    kind: str  # send | reply | update | create | member | delete
    conversation_id: str
    activity: dict[str, Any]
    at: float = field(default_factory=time.monotonic)

    @property
    def text(self) -> str:
        """The message text, or '' for cards."""
        return str(self.activity.get("text") or "")

    @property
    def card(self) -> dict[str, Any] | None:
        """The first Adaptive Card attached, if any."""
        for attachment in self.activity.get("attachments") or []:
            if attachment.get("contentType") == "application/vnd.microsoft.card.adaptive":
                content: dict[str, Any] = attachment["content"]
                return content
        return None


Fault = Callable[[web.Request, int], web.Response | None]


class FakeConnector:
    """An aiohttp server implementing the /v3/conversations endpoints medbot calls."""

    def __init__(self) -> None:
        self.recorded: list[Recorded] = []
        self.members: dict[str, dict[str, Any]] = {}
        self.fault: Fault | None = None
        self.delay = 0.0
        self.calls = 0
        self._ids = itertools.count(1)
        self._runner: web.AppRunner | None = None
        self.url = ""
        self.changed = asyncio.Event()

    # --- lifecycle -------------------------------------------------------------------------------------------

    async def start(self, port: int = 0) -> str:
        """Listen on 127.0.0.1; returns the service URL to put in activities."""
        app = web.Application()
        app.router.add_post("/v3/conversations", self._create)
        app.router.add_post("/v3/conversations/{conversation}/activities", self._send)
        app.router.add_post("/v3/conversations/{conversation}/activities/{activity}", self._reply)
        app.router.add_put("/v3/conversations/{conversation}/activities/{activity}", self._update)
        app.router.add_delete("/v3/conversations/{conversation}/activities/{activity}", self._delete)
        app.router.add_get("/v3/conversations/{conversation}/members/{member}", self._member)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", port)
        await site.start()
        sockets = site._server.sockets  # type: ignore[union-attr]
        self.url = f"http://127.0.0.1:{sockets[0].getsockname()[1]}/"
        return self.url

    async def stop(self) -> None:
        """Close the server."""
        if self._runner is not None:
            await self._runner.cleanup()

    # --- what tests look at ----------------------------------------------------------------------------------

    def messages(self, conversation_id: str | None = None) -> list[Recorded]:
        """Sent, replied and created messages (not updates), optionally for one conversation."""
        return [
            r
            for r in self.recorded
            if r.kind in ("send", "reply", "create")
            and (conversation_id is None or r.conversation_id == conversation_id)
        ]

    async def wait_for(
        self, count: int, within: float = 10.0, kinds: tuple[str, ...] = ("send", "reply", "create")
    ) -> list[Recorded]:
        """Wait until at least `count` recorded calls of `kinds` arrived."""
        deadline = time.monotonic() + within
        while True:
            found = [r for r in self.recorded if r.kind in kinds]
            if len(found) >= count or time.monotonic() > deadline:
                return found
            self.changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.changed.wait(), timeout=max(0.01, deadline - time.monotonic()))

    # --- endpoints -------------------------------------------------------------------------------------------

    async def _faulty(self, request: web.Request) -> web.Response | None:
        self.calls += 1
        if self.delay:
            await asyncio.sleep(self.delay)
        if self.fault is not None:
            return self.fault(request, self.calls)
        return None

    def _record(self, kind: str, conversation_id: str, activity: dict[str, Any]) -> str:
        activity_id = f"act-{next(self._ids)}"
        self.recorded.append(Recorded(kind, conversation_id, activity))
        self.changed.set()
        return activity_id

    async def _send(self, request: web.Request) -> web.Response:
        body = await request.json()
        if (failure := await self._faulty(request)) is not None:
            return failure
        return web.json_response({"id": self._record("send", request.match_info["conversation"], body)})

    async def _reply(self, request: web.Request) -> web.Response:
        body = await request.json()
        if (failure := await self._faulty(request)) is not None:
            return failure
        return web.json_response({"id": self._record("reply", request.match_info["conversation"], body)})

    async def _update(self, request: web.Request) -> web.Response:
        body = await request.json()
        if (failure := await self._faulty(request)) is not None:
            return failure
        self._record("update", request.match_info["conversation"], body)
        return web.json_response({"id": request.match_info["activity"]})

    async def _delete(self, request: web.Request) -> web.Response:
        self._record("delete", request.match_info["conversation"], {"id": request.match_info["activity"]})
        return web.Response(status=200)

    async def _create(self, request: web.Request) -> web.Response:
        body = await request.json()
        if (failure := await self._faulty(request)) is not None:
            return failure
        members = body.get("members") or [{}]
        conversation_id = f"a:personal-{members[0].get('id') or next(self._ids)}"
        activity_id = ""
        if body.get("activity"):
            activity_id = self._record("create", conversation_id, body["activity"])
        else:
            self._record("create-empty", conversation_id, body)
        return web.json_response({"id": conversation_id, "activityId": activity_id, "serviceUrl": self.url})

    async def _member(self, request: web.Request) -> web.Response:
        member_id = request.match_info["member"]
        member = self.members.get(member_id) or {
            "id": member_id,
            "name": "Test Bruger",
            "aadObjectId": "00000000-0000-0000-0000-000000000000",
            "userPrincipalName": "test@example.invalid",
            "tenantId": "tenant-1",
        }
        return web.json_response(member)


def throttle_first_try_of_every(n: int, retry_after: int = 1) -> Fault:
    """429 + Retry-After for the first attempt of every n-th distinct message (by its text or card)."""
    seen: set[str] = set()
    counter = itertools.count(1)

    def fault(request: web.Request, _call: int) -> web.Response | None:
        key = request.path
        if key in seen:
            return None
        seen.add(key)
        if next(counter) % n == 0:
            return web.json_response(
                {"error": {"code": "throttled"}}, status=429, headers={"Retry-After": str(retry_after)}
            )
        return None

    return fault


def first_of(*faults: Fault) -> Fault:
    """Several faults at once: the first that answers wins (e.g. a rate limit plus injected throttling)."""

    def fault(request: web.Request, call: int) -> web.Response | None:
        for each in faults:
            if (failure := each(request, call)) is not None:
                return failure
        return None

    return fault


class RateLimit:
    """Teams-like pacing: more than `limit` requests in any `seconds` → 429 with Retry-After; counts refusals."""

    def __init__(self, limit: int = 50, seconds: float = 1.0, retry_after: int = 1) -> None:
        self.limit = limit
        self.seconds = seconds
        self.retry_after = retry_after
        self.refused = 0
        self._arrivals: deque[float] = deque()

    def __call__(self, _request: web.Request, _call: int) -> web.Response | None:
        now = time.monotonic()
        while self._arrivals and self._arrivals[0] <= now - self.seconds:
            self._arrivals.popleft()
        self._arrivals.append(now)
        if len(self._arrivals) > self.limit:
            self.refused += 1
            return web.json_response(
                {"error": {"code": "throttled", "message": "rate limit"}},
                status=429,
                headers={"Retry-After": str(self.retry_after)},
            )
        return None


def always(status: int, retry_after: str | None = None) -> Fault:
    """Every request answered with `status` (e.g. 403 for a bot the user blocked, 503 for an outage)."""
    headers = {"Retry-After": retry_after} if retry_after is not None else {}

    def fault(_request: web.Request, _call: int) -> web.Response | None:
        return web.json_response(
            {"error": {"code": f"http{status}", "message": "injected"}}, status=status, headers=headers
        )

    return fault
