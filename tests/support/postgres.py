"""Databases of a test's own on the shared PostgreSQL server (other test runs may use the server at once)."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from storage.db import normalise_url


@contextmanager
def fresh_postgres_database(pg_url: str, prefix: str = "medbot_test") -> Iterator[str]:
    """Create an empty database, yield its URL, drop it afterwards (waiting for a server that is restarting)."""
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    admin = create_engine(normalise_url(pg_url), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(normalise_url(pg_url)).set(database=name).render_as_string(hide_password=False)
    finally:
        for _ in range(50):
            try:
                with admin.connect() as connection:
                    connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
                break
            except Exception:  # the server may still be coming back from a restart
                time.sleep(0.2)
        admin.dispose()
