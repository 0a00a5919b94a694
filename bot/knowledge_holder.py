"""The active knowledge base of this process, swapped atomically on reload and kept in step with the database.

A reload validates and builds the whole new index before anything changes; on any error the old knowledge stays
active and the admin gets the problems as `file:line: message`. A successful reload is recorded in the database
(`storage.knowledge.KnowledgeVersion`); every replica polls that record and switches to the same version within a
few seconds, by building it from its own copy of the content. A replica whose copy hashes differently keeps
serving what it has and logs an error, because answering from unknown content would be worse.

A process can only serve the content on its disk, so one that starts with content other than the recorded version
records what it serves (`activated_by="start"`): after a reload that died before it recorded its version, the
database still names the version that is served, never the one before.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from pathlib import Path

from aiohttp import web
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from bot.clock import Clock
from bot.clock import now as wall_clock
from dialogs.base import ReloadOutcome
from knowledge.folder import content_files, content_paths
from knowledge.index import KnowledgeBase, build, compare, fingerprints
from knowledge.yamlfile import InputError, Problem
from storage import knowledge as store
from storage.db import session_scope

log = logging.getLogger(__name__)

POLL_SECONDS = 3.0
CANNOT_RECORD = "Den nye version kunne ikke gemmes i databasen, så den gamle er stadig aktiv. Prøv igen om lidt."


class KnowledgeUnavailable(RuntimeError):
    """There is no valid knowledge to serve: the service refuses to start rather than answer from nothing."""


def build_from(knowledge_dir: Path) -> KnowledgeBase:
    """Validate and compile the knowledge folder; InputError lists every problem."""
    try:
        return build(*content_paths(knowledge_dir))
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError([Problem(str(knowledge_dir), 0, f"kan ikke læses: {exc}")]) from exc


def _disk_signature(knowledge_dir: Path) -> tuple[tuple[str, int, int], ...]:
    """Names, sizes and modification times of the content files: a cheap test whether a rebuild could differ."""
    signature = []
    for path in content_files(*content_paths(knowledge_dir)):
        with contextlib.suppress(OSError):
            stat = path.stat()
            signature.append((str(path), stat.st_size, stat.st_mtime_ns))
    return tuple(signature)


def _fingerprints_of(recorded: store.KnowledgeVersion | None) -> dict[str, str]:
    """The entry fingerprints of a recorded version ({} before the first): what the next publish is compared with."""
    return {str(k): str(v) for k, v in recorded.fingerprints.items()} if recorded is not None else {}


class KnowledgeHolder:
    """Holds the compiled knowledge; a reload builds the new one fully before it replaces the old."""

    def __init__(
        self, knowledge_dir: Path, engine: Engine, poll_seconds: float = POLL_SECONDS, clock: Clock = wall_clock
    ) -> None:
        self.knowledge_dir = knowledge_dir
        self.engine = engine
        self.clock = clock
        self.poll_seconds = poll_seconds
        self._current: KnowledgeBase | None = None
        self._lock = threading.Lock()
        self._tried: tuple[str, tuple[tuple[str, int, int], ...]] | None = None
        self._task: asyncio.Task[None] | None = None

    @property
    def current(self) -> KnowledgeBase:
        """The knowledge base answering questions right now."""
        if self._current is None:
            raise KnowledgeUnavailable("the knowledge base is not loaded")
        return self._current

    @property
    def version(self) -> str:
        """Short content hash of the active knowledge, or '' before the first load."""
        return self._current.version if self._current is not None else ""

    def load(self) -> None:
        """Build the knowledge at start and record it unless it is the recorded version; refuse invalid knowledge."""
        with self._lock:
            try:
                kb = build_from(self.knowledge_dir)
            except InputError as exc:
                listed = "\n".join(str(p) for p in exc.problems)
                raise KnowledgeUnavailable(
                    f"Vidensbasen i {self.knowledge_dir} er ugyldig ({len(exc.problems)} fejl), så medbot starter "
                    f"ikke:\n{listed}"
                ) from exc
            self._current = kb
            try:
                with session_scope(self.engine) as session:
                    recorded = store.active_version(session)
                    if recorded is None or recorded.version != kb.version:
                        new = fingerprints(kb)
                        changes = store.Changes(*compare(_fingerprints_of(recorded), new))
                        store.record_version(session, kb.version, new, "start", self.clock(), changes=changes)
            except SQLAlchemyError:
                log.exception("knowledge.record_failed version=%s", kb.version)
                return
            if recorded is not None and recorded.version != kb.version:
                log.warning("knowledge.start_differs recorded=%s loaded=%s", recorded.version, kb.version)
            log.info("knowledge.loaded version=%s entries=%d", kb.version, len(kb.entries))

    def reload(self, by: str = "") -> ReloadOutcome:
        """Validate, build, record the version for every replica, then swap; on any error keep the old knowledge."""
        with self._lock:
            try:
                kb = build_from(self.knowledge_dir)
            except InputError as exc:
                log.warning("knowledge.reload_refused problems=%d", len(exc.problems))
                return ReloadOutcome(ok=False, version=self.version, errors=tuple(self._shown(p) for p in exc.problems))
            new = fingerprints(kb)
            try:
                with session_scope(self.engine) as session:
                    recorded = store.active_version(session)
                    if recorded is not None:
                        old = _fingerprints_of(recorded)
                    else:
                        old = fingerprints(self._current) if self._current is not None else {}
                    if recorded is None or recorded.version != kb.version:
                        changes = store.Changes(*compare(old, new))
                        store.record_version(session, kb.version, new, by or "unknown", self.clock(), changes=changes)
            except SQLAlchemyError:
                log.exception("knowledge.record_failed version=%s", kb.version)
                return ReloadOutcome(ok=False, version=self.version, errors=(CANNOT_RECORD,))
            self._current = kb
            self._tried = None
            added, changed, removed = compare(old, new)
            log.info(
                "knowledge.reloaded version=%s added=%d changed=%d removed=%d",
                kb.version,
                len(added),
                len(changed),
                len(removed),
            )
            return ReloadOutcome(ok=True, version=kb.version, added=added, changed=changed, removed=removed)

    def _shown(self, problem: Problem) -> str:
        """`content/x.yaml:12: message`: paths inside the knowledge folder, as the editors know them."""
        folder = str(self.knowledge_dir).rstrip("/") + "/"
        if problem.file.startswith(folder):
            return str(Problem(problem.file[len(folder) :], problem.line, problem.message))
        return str(problem)

    def sync(self) -> bool:
        """Switch to the version recorded in the database when it differs; True when this call switched."""
        with self._lock:
            try:
                with session_scope(self.engine) as session:
                    recorded = store.active_version(session)
            except SQLAlchemyError:
                log.warning("knowledge.sync_database_unreachable")
                return False
            if recorded is None or recorded.version == self.version:
                return False
            attempt = (recorded.version, _disk_signature(self.knowledge_dir))
            if attempt == self._tried:
                return False
            self._tried = attempt
            try:
                kb = build_from(self.knowledge_dir)
            except InputError as exc:
                log.error(
                    "knowledge.sync_invalid recorded=%s serving=%s problems=%d",
                    recorded.version,
                    self.version,
                    len(exc.problems),
                )
                return False
            if kb.version != recorded.version:
                log.error(
                    "knowledge.sync_mismatch recorded=%s on_disk=%s serving=%s",
                    recorded.version,
                    kb.version,
                    self.version,
                )
                return False
            self._current = kb
            log.info("knowledge.switched version=%s", kb.version)
            return True

    async def follow(self) -> None:
        """Poll the recorded version forever (every `poll_seconds`), so a reload on any replica reaches this one."""
        while True:
            await asyncio.sleep(self.poll_seconds)
            try:
                await asyncio.to_thread(self.sync)
            except Exception:
                log.exception("knowledge.sync_failed")

    async def start_following(self, _app: web.Application) -> None:
        """aiohttp startup hook: begin polling."""
        self._task = asyncio.create_task(self.follow(), name="knowledge-sync")

    async def stop_following(self, _app: web.Application) -> None:
        """aiohttp cleanup hook: stop polling."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
