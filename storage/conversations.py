"""Conversation references: where the bot can write to a person, a channel or a group chat later on."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Field, Session, SQLModel, col, select


class Conversation(SQLModel, table=True):
    """One Teams conversation the bot has seen (install or message); refreshed on every turn."""

    id: str = Field(primary_key=True, max_length=400)
    kind: str = Field(max_length=20)  # personal | channel | groupChat
    service_url: str = Field(max_length=400)
    tenant_id: str = Field(default="", max_length=64, index=True)
    channel_id: str = Field(default="msteams", max_length=40)
    bot_id: str = Field(default="", max_length=200)
    team_id: str = Field(default="", max_length=400)
    user_id: str = Field(default="", max_length=200)  # personal only: the Teams user id (29:…)
    user_aad_id: str = Field(default="", max_length=64, index=True)  # personal only: Entra object id
    installed: bool = True
    updated_at: datetime | None = Field(default=None, nullable=False)  # set by upsert, from the caller's clock


_REFRESHED = ("kind", "service_url", "tenant_id", "channel_id", "bot_id", "team_id", "user_id", "user_aad_id")


def upsert(session: Session, conversation: Conversation, now: datetime) -> None:
    """Store or refresh a reference in one statement; the latest service URL wins (Teams may move a tenant).

    Teams posts conversationUpdate and installationUpdate for a new chat at the same moment: an atomic
    INSERT … ON CONFLICT DO UPDATE lets both turns store the reference without one of them failing.
    An empty value never overwrites a known one (a channel message carries no user, a 1:1 does).
    """
    table = SQLModel.metadata.tables["conversation"]
    values = {name: getattr(conversation, name) for name in (*_REFRESHED, "id", "installed")}
    values["updated_at"] = now
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    statement = insert(table).values(**values)
    refreshed: dict[str, Any] = {
        name: func.coalesce(func.nullif(statement.excluded[name], ""), table.c[name]) for name in _REFRESHED
    }
    refreshed["installed"] = statement.excluded.installed
    refreshed["updated_at"] = statement.excluded.updated_at
    session.execute(statement.on_conflict_do_update(index_elements=["id"], set_=refreshed))


def personal_for(session: Session, aad_object_id: str) -> Conversation | None:
    """The 1:1 chat with a person who has the app installed, newest first."""
    statement = (
        select(Conversation)
        .where(func.lower(Conversation.user_aad_id) == aad_object_id.lower())
        .where(Conversation.kind == "personal")
        .where(Conversation.installed == True)  # noqa: E712 - SQL expression
        .order_by(col(Conversation.updated_at).desc())
    )
    return session.exec(statement).first()


def any_for_tenant(session: Session, tenant_id: str) -> Conversation | None:
    """A conversation in the tenant, whose service URL lets the bot open a new 1:1 chat there."""
    statement = (
        select(Conversation).where(Conversation.tenant_id == tenant_id).order_by(col(Conversation.updated_at).desc())
    )
    return session.exec(statement).first()
