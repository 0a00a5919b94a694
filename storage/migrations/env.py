"""Alembic environment: runs on the connection handed over by storage.db.upgrade, or opens its own."""

from __future__ import annotations

from alembic import context
from sqlalchemy import engine_from_config, pool

from storage.tables import metadata

config = context.config


def run_migrations() -> None:
    """Online migrations only: there is always a database to talk to."""
    connection = config.attributes.get("connection")
    if connection is not None:
        context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = engine_from_config(
        config.get_section(config.config_ini_section) or {}, prefix="sqlalchemy.", poolclass=pool.NullPool
    )
    with engine.connect() as conn:
        context.configure(connection=conn, target_metadata=metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()


run_migrations()
