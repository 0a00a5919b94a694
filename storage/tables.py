"""Every table, imported once so that SQLModel.metadata (and Alembic) knows them all."""

from sqlmodel import SQLModel

from storage import budget, conversations, drafts, escalations, feedback, knowledge, org, outbox, reminders  # noqa: F401 - imported for their tables

metadata = SQLModel.metadata
