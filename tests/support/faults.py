"""Builders for the fault tests: conversations and outbox rows in bulk, what arrived, and the PostgreSQL server.

The fault tests break one thing at a time (the connector, the database server, a process) and then check the
delivery guarantees of docs/architecture.md: nothing due is lost, nothing is sent twice except what was in flight.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import socket
import socketserver
import subprocess
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import Engine, make_url
from sqlmodel import Session, select

from bot import clock
from dialogs.base import Reply, activity_json
from storage import outbox
from storage.conversations import Conversation, upsert
from storage.db import normalise_url, session_scope
from storage.knowledge import KnowledgeVersion, active_version
from storage.outbox import OutboxMessage
from tests.support import activities
from tests.support.fake_connector import FakeConnector
from tests.support.service import RunningBot


async def eventually(condition: Callable[[], bool], within: float = 30.0, every: float = 0.05) -> bool:
    """Poll until `condition` holds or `within` seconds passed; the caller asserts on the result."""
    deadline = time.monotonic() + within
    while not condition():
        if time.monotonic() > deadline:
            return False
        await asyncio.sleep(every)
    return True


def conversation_ids(count: int, prefix: str = "fault") -> list[str]:
    """Ids of `count` personal conversations."""
    return [f"a:{prefix}-{n}" for n in range(count)]


def store_conversations(engine: Engine, service_url: str, ids: list[str]) -> None:
    """Conversations the bot has seen (as if the app was installed there), all at the fake connector."""
    with session_scope(engine) as session:
        for conversation_id in ids:
            upsert(
                session,
                Conversation(
                    id=conversation_id,
                    kind="personal",
                    service_url=service_url,
                    tenant_id=activities.TENANT,
                    bot_id=activities.BOT_ID,
                ),
                clock.now(),
            )


def enqueue_one_each(engine: Engine, ids: list[str], label: str = "fault") -> list[str]:
    """One text message per conversation; the text is the dedupe key, so arrivals can be counted per row."""
    keys = [f"{label}:{conversation_id}" for conversation_id in ids]
    with session_scope(engine) as session:
        for key, conversation_id in zip(keys, ids, strict=True):
            outbox.enqueue(
                session,
                dedupe_key=key,
                activity=activity_json(Reply(text=key)),
                conversation_id=conversation_id,
                tenant_id=activities.TENANT,
                now=clock.now(),
            )
    return keys


def rows(engine: Engine) -> dict[str, OutboxMessage]:
    """Every outbox row by dedupe key."""
    with Session(engine) as session:
        return {row.dedupe_key: row for row in session.exec(select(OutboxMessage))}


def all_sent(engine: Engine, keys: list[str]) -> bool:
    """True when every one of `keys` is marked sent."""
    found = rows(engine)
    return all(key in found and found[key].status == "sent" for key in keys)


def arrivals(connector: FakeConnector) -> Counter[str]:
    """How often each message text reached the connector."""
    return Counter(message.text for message in connector.messages())


async def health(bot: RunningBot) -> tuple[int, dict[str, Any]]:
    """GET /healthz of an in-process medbot: the status and the body."""
    async with bot.http.get(f"{bot.url}/healthz") as response:
        body: dict[str, Any] = await response.json()
        return response.status, body


async def healthy_again(bot: RunningBot) -> tuple[int, dict[str, Any]]:
    """/healthz once it says 200 (a database that is back may need a moment to accept connections)."""
    answer = await health(bot)
    for _ in range(100):
        if answer[0] == 200:
            break
        await asyncio.sleep(0.1)
        answer = await health(bot)
    return answer


def recorded_version(engine: Engine) -> str:
    """The knowledge version the database says every replica serves."""
    with Session(engine) as session:
        active = active_version(session)
        return active.version if active is not None else ""


def versions(engine: Engine) -> list[str]:
    """Every recorded activation, oldest first."""
    with Session(engine) as session:
        return [row.version for row in session.exec(select(KnowledgeVersion).order_by(KnowledgeVersion.id))]  # type: ignore[arg-type]


# --- PostgreSQL ---------------------------------------------------------------------------------------------------


class PostgresServer:
    """The local PostgreSQL cluster, stopped and started with Debian's pg_ctlcluster (needs root)."""

    def __init__(self, version: str, cluster: str = "main") -> None:
        self.version = version
        self.cluster = cluster

    @classmethod
    def local(cls, pg_url: str) -> PostgresServer:
        """The cluster behind `pg_url`; skipped (failed in CI) when this machine cannot restart it."""
        host = make_url(normalise_url(pg_url)).host or "localhost"
        clusters = sorted(os.listdir("/etc/postgresql")) if os.path.isdir("/etc/postgresql") else []
        reason = ""
        if host not in ("127.0.0.1", "localhost", "::1"):
            reason = f"PostgreSQL at {host} is not local"
        elif shutil.which("pg_ctlcluster") is None or not clusters:
            reason = "pg_ctlcluster is not installed"
        elif os.geteuid() != 0:
            reason = "restarting PostgreSQL needs root"
        if reason:
            if os.environ.get("MEDBOT_REQUIRE_POSTGRES"):
                pytest.fail(f"CI requires the PostgreSQL restart tests, but {reason}")
            pytest.skip(reason)
        return cls(clusters[-1])

    def _ctl(self, action: str) -> None:
        subprocess.run(
            ["pg_ctlcluster", "--skip-systemctl-redirect", self.version, self.cluster, action],
            check=True,
            capture_output=True,
            timeout=120,
        )

    def restart(self) -> None:
        """Stop (fast: open connections are cut) and start again."""
        self._ctl("restart")

    def stop(self) -> None:
        """Stop the server; every connection is cut."""
        self._ctl("stop")

    def start(self) -> None:
        """Start the server and wait until it accepts connections."""
        self._ctl("start")

    def ensure_running(self) -> None:
        """Start the server if a failed test left it stopped, so other tests are not broken by ours."""
        status = subprocess.run(
            ["pg_ctlcluster", "--skip-systemctl-redirect", self.version, self.cluster, "status"],
            capture_output=True,
            check=False,
        )
        if status.returncode != 0:
            self.start()


class FreezingProxy:
    """A TCP relay in front of PostgreSQL that can freeze: the database then accepts connections but never answers.

    That is how a database host that hangs, or a network that drops packets, looks from medbot: nothing is refused,
    nothing comes back. It runs in threads of its own, so it keeps relaying while the test's event loop is blocked.
    """

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self._thawed = threading.Event()
        self._thawed.set()
        self._links: set[socket.socket] = set()
        self._lock = threading.Lock()
        proxy = self

        class Relay(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                proxy._relay(self.request)

        self._server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Relay)
        self._server.daemon_threads = True
        self.port: int = self._server.server_address[1]
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def _relay(self, client: socket.socket) -> None:
        if not self._thawed.is_set():
            self._thawed.wait()  # accepted, and then silence
            return
        with contextlib.suppress(OSError), socket.create_connection(self.target) as upstream:
            with self._lock:
                self._links.update((client, upstream))
            threading.Thread(target=_pump, args=(upstream, client), daemon=True).start()
            _pump(client, upstream)

    def freeze(self) -> None:
        """From now on nothing answers; open connections are cut, as a failover does."""
        self._thawed.clear()
        with self._lock:
            for link in self._links:
                with contextlib.suppress(OSError):
                    link.shutdown(socket.SHUT_RDWR)
            self._links.clear()

    def thaw(self) -> None:
        """Relay again; connections made while frozen are closed, as their TCP stack would give up."""
        self._thawed.set()

    def close(self) -> None:
        self.thaw()
        self.freeze()
        self._server.shutdown()
        self._server.server_close()


def _pump(source: socket.socket, sink: socket.socket) -> None:
    with contextlib.suppress(OSError):
        while data := source.recv(65536):
            sink.sendall(data)
    with contextlib.suppress(OSError):
        sink.shutdown(socket.SHUT_RDWR)


def knowledge_env(knowledge_dir: Path, admins: str = "") -> dict[str, str]:
    """Environment names for a server or CLI on a private knowledge folder."""
    env = {"MEDBOT_KNOWLEDGE_DIR": str(knowledge_dir)}
    if admins:
        env["MEDBOT_ADMINS"] = admins
    return env
