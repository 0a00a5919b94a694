"""Conversation references: stored on install and on every message, refreshed, never lost to a race."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session

from storage.conversations import Conversation, upsert
from storage.db import make_engine, session_scope, upgrade

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


def _engine(tmp_path: Path) -> Engine:
    url = f"sqlite:///{tmp_path / 'refs.db'}"
    upgrade(url)
    return make_engine(url)


def test_two_turns_storing_the_same_new_chat_at_once_both_succeed(tmp_path: Path) -> None:
    engine = _engine(tmp_path)
    errors: list[BaseException] = []
    barrier = threading.Barrier(2)

    def store(kind_of_update: str) -> None:
        try:
            barrier.wait()
            with session_scope(engine) as session:
                upsert(
                    session,
                    Conversation(id="a:new-chat", kind="personal", service_url=f"https://{kind_of_update}/"),
                    NOW,
                )
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=store, args=(name,)) for name in ("install", "update")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with Session(engine) as session:
        assert session.get(Conversation, "a:new-chat") is not None


def test_a_refresh_keeps_known_values_that_the_new_activity_does_not_carry(tmp_path: Path) -> None:
    engine = _engine(tmp_path)
    with session_scope(engine) as session:
        upsert(session, Conversation(id="c1", kind="personal", service_url="https://old/", user_aad_id="aad-1"), NOW)
    with session_scope(engine) as session:
        upsert(session, Conversation(id="c1", kind="personal", service_url="https://new/", user_aad_id=""), NOW)
    with Session(engine) as session:
        row = session.get(Conversation, "c1")
    assert row is not None
    assert (row.service_url, row.user_aad_id) == ("https://new/", "aad-1")
