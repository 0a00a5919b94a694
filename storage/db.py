"""Engines and sessions for SQLite (embedded default) and PostgreSQL (several replicas), and migrations."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import event, text
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlmodel import Session, create_engine

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
SUPPORTED_DRIVERS = frozenset({"sqlite", "sqlite+pysqlite", "postgresql+psycopg"})
_EXAMPLES = "sqlite:///sti/til/medbot.db eller postgresql://bruger@vært:5432/database"


class DatabaseUnusable(RuntimeError):
    """DATABASE_URL names a database medbot cannot use (unreadable, unsupported, not answering).

    The message is one line for the operator: what is wrong and what to check; it never carries the password.
    """


def unusable(url: str, error: BaseException) -> DatabaseUnusable:
    """The operator's one line for a database that refused or failed: the URL without password, the driver's reason."""
    reason = str(getattr(error, "orig", None) or error).strip().splitlines()
    return DatabaseUnusable(
        f"Databasen {_shown(url)} kan ikke bruges: {reason[0] if reason else type(error).__name__}. "
        "Tjek DATABASE_URL, og at databasen kører og tager imod forbindelser."
    )


def _shown(url: str) -> str:
    """The URL as the operator wrote it, password hidden."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "(ulæselig URL)"


def _parse(url: str) -> URL:
    """The normalised URL, or DatabaseUnusable when it is not one medbot can use."""
    try:
        parsed = make_url(normalise_url(url))
    except ArgumentError:
        raise DatabaseUnusable(f"DATABASE_URL er ikke en database-URL; skriv fx {_EXAMPLES}.") from None
    if parsed.drivername not in SUPPORTED_DRIVERS:
        raise DatabaseUnusable(
            f"DATABASE_URL bruger {make_url(url).drivername!r}, som medbot ikke understøtter; "
            f"skriv en SQLite- eller PostgreSQL-URL, fx {_EXAMPLES}."
        )
    return parsed


def normalise_url(url: str) -> str:
    """Use psycopg 3 for PostgreSQL URLs written the usual way (`postgresql://`, `postgres://`)."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


def is_sqlite(engine: Engine) -> bool:
    """SQLite runs as a single dispatcher; PostgreSQL claims rows with SKIP LOCKED."""
    return engine.dialect.name == "sqlite"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """WAL lets the CLI read while the service writes; foreign keys are off in SQLite unless asked for."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=15000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


# A PostgreSQL server that hangs instead of refusing (a frozen host, a failover, a network dropping packets) would
# otherwise hold each connecting thread, and each query on a connection whose peer vanished, until TCP gives up
# after minutes: give up connecting after 5 s, and on a connection whose sent data stays unacknowledged for 15 s.
_POSTGRES_TIMEOUTS = {"connect_timeout": 5, "tcp_user_timeout": 15_000}


def make_engine(url: str) -> Engine:
    """One engine per process; SQLite files get their folder created and the pragmas above.

    Raises DatabaseUnusable for a URL of another database or one that cannot be read; connecting happens later.
    """
    parsed = _parse(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            folder = Path(parsed.database).parent
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise DatabaseUnusable(
                    f"Mappen {folder} til SQLite-databasen kan ikke oprettes ({exc.strerror}); "
                    "ret stien i DATABASE_URL."
                ) from None
        engine = create_engine(parsed, connect_args={"check_same_thread": False, "timeout": 15}, hide_parameters=True)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(
        parsed,
        pool_pre_ping=True,
        pool_size=10,
        max_overflow=10,
        connect_args=_POSTGRES_TIMEOUTS,
        hide_parameters=True,  # a failed statement's error must not carry a question or a name into the log
    )


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A unit of work: commit on success, roll back on any error."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def _connect(engine: Engine, url: str) -> Connection:
    """A first connection, or DatabaseUnusable with the driver's reason (refused, unknown host, wrong password)."""
    try:
        return engine.connect()
    except OperationalError as exc:
        raise unusable(url, exc) from exc


def alembic_config(url: str) -> Config:
    """Alembic configured in code, so migrations ship inside the package and need no alembic.ini."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", normalise_url(url).replace("%", "%%"))
    return config


def upgrade(url: str) -> None:
    """Apply every migration; safe to run at each start and from several replicas (PostgreSQL advisory lock).

    Usually the first time a process connects, so a database that does not answer raises DatabaseUnusable here.
    """
    engine = make_engine(url)
    try:
        with _connect(engine, url) as connection:
            if not is_sqlite(engine):
                connection.execute(text("SELECT pg_advisory_lock(4711)"))
            config = alembic_config(url)
            config.attributes["connection"] = connection
            command.upgrade(config, "heads")
            if not is_sqlite(engine):
                connection.execute(text("SELECT pg_advisory_unlock(4711)"))
            connection.commit()
    finally:
        engine.dispose()


def ping(engine: Engine) -> bool:
    """True when the database answers; used by /healthz."""
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        return True
    except Exception:
        log.warning("database.unreachable")
        return False
