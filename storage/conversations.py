"""Conversation references: where the bot can write to a person, a channel or a group chat later on."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func
from sqlmodel import Field, Session, SQLModel, select


def utcnow() -> datetime:
    """Timezone-aware UTC; sqlmodel's datetime columns store UTC and refuse naive values."""
    return datetime.now(UTC)


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
    updated_at: datetime = Field(default_factory=utcnow)


def upsert(session: Session, conversation: Conversation) -> Conversation:
    """Store or refresh a reference; the latest service URL wins, because Teams may move a tenant."""
    existing = session.get(Conversation, conversation.id)
    if existing is None:
        session.add(conversation)
        return conversation
    for name in (
        "kind",
        "service_url",
        "tenant_id",
        "channel_id",
        "bot_id",
        "team_id",
        "user_id",
        "user_aad_id",
        "installed",
    ):
        value = getattr(conversation, name)
        if value or name == "installed":
            setattr(existing, name, value)
    existing.updated_at = utcnow()
    session.add(existing)
    return existing


def personal_for(session: Session, aad_object_id: str) -> Conversation | None:
    """The 1:1 chat with a person who has the app installed, newest first."""
    statement = (
        select(Conversation)
        .where(func.lower(Conversation.user_aad_id) == aad_object_id.lower())
        .where(Conversation.kind == "personal")
        .where(Conversation.installed == True)  # noqa: E712 - SQL expression
        .order_by(Conversation.updated_at.desc())  # type: ignore[attr-defined]
    )
    return session.exec(statement).first()


def any_for_tenant(session: Session, tenant_id: str) -> Conversation | None:
    """A conversation in the tenant, whose service URL lets the bot open a new 1:1 chat there."""
    statement = (
        select(Conversation)
        .where(Conversation.tenant_id == tenant_id)
        .order_by(
            Conversation.updated_at.desc()  # type: ignore[attr-defined]
        )
    )
    return session.exec(statement).first()
