"""The Bot Framework adapter: authentication from Settings, tenant allow-list, and turn-error handling."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from types import SimpleNamespace

from botbuilder.core import Middleware, TurnContext
from botbuilder.integration.aiohttp import CloudAdapter, ConfigurationBotFrameworkAuthentication

from bot.activities import tenant_of
from bot.config import Settings
from dialogs.texts import INTERNAL_ERROR

log = logging.getLogger(__name__)


class TenantAllowList(Middleware):
    """Refuse activities from tenants outside MEDBOT_ALLOWED_TENANTS: no routing, no storage, no reply."""

    def __init__(self, allowed: frozenset[str]) -> None:
        self.allowed = allowed

    async def on_turn(self, context: TurnContext, logic: Callable[[], Awaitable[None]]) -> None:
        tenant = tenant_of(context.activity)
        if self.allowed and tenant not in self.allowed:
            log.warning("tenant.refused tenant=%s", tenant or "-")
            context.turn_state["medbot.refused"] = True
            return
        await logic()


def auth_configuration(settings: Settings) -> SimpleNamespace:
    """The configuration object botbuilder's ConfigurationBotFrameworkAuthentication reads."""
    config = SimpleNamespace(
        APP_ID=settings.app_id,
        APP_PASSWORD=settings.app_password,
        APP_TYPE=settings.app_type,
        APP_TENANTID=settings.app_tenant_id,
    )
    if settings.openid_metadata_url:
        config.TO_BOT_FROM_CHANNEL_OPENID_METADATA_URL = settings.openid_metadata_url
    return config


def create_adapter(settings: Settings) -> CloudAdapter:
    """A CloudAdapter for these settings; with no app id it runs in emulator mode (no JWT validation)."""
    adapter = CloudAdapter(ConfigurationBotFrameworkAuthentication(auth_configuration(settings)))
    adapter.use(TenantAllowList(settings.allowed_tenants))

    async def on_error(context: TurnContext, error: Exception) -> None:
        log.error("turn.error type=%s", type(error).__name__, exc_info=error)
        try:
            await context.send_activity(INTERNAL_ERROR)
        except Exception:
            log.warning("turn.error_reply_failed")

    adapter.on_turn_error = on_error
    return adapter
