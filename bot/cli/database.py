"""The database of a CLI command: migrated, opened, disposed, and an operator's one line when it cannot be used."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError

from bot.config import Settings
from storage.db import make_engine, unusable, upgrade


@contextmanager
def open_database(settings: Settings, *, migrate: bool = True) -> Iterator[Engine]:
    """The engine for DATABASE_URL, after the migrations unless `migrate` is False; disposed when the block ends.

    A URL medbot cannot use, or a database that fails while the command runs, raises DatabaseUnusable: `main`
    prints its one line (URL without password, the driver's reason) instead of a traceback.
    """
    if migrate:
        upgrade(settings.database_url)
    engine = make_engine(settings.database_url)
    try:
        yield engine
    except OperationalError as exc:
        raise unusable(settings.database_url, exc) from exc
    finally:
        engine.dispose()
