"""The Bot Framework adapter: authentication from Settings and turn-error handling.

Requests are authenticated by `bot.auth.ChannelAuthentication`: medbot's own check of channel tokens against signing
keys fetched off the event loop, around botbuilder's configured authentication for everything else (outgoing
credentials, connector clients). The web layer in `bot.app` calls it before anything else happens, and applies the
tenant allow-list to the authenticated activity.
"""

from __future__ import annotations

import logging
from types import SimpleNamespace

from botbuilder.core import TurnContext
from botbuilder.integration.aiohttp import CloudAdapter, ConfigurationBotFrameworkAuthentication
from botframework.connector.auth import ServiceClientCredentialsFactory

from bot.auth import CHANNEL_METADATA_URL, ChannelAuthentication, ChannelTokenValidator, SigningKeys
from bot.config import Settings
from bot.logs import log_failure
from dialogs.texts import INTERNAL_ERROR

log = logging.getLogger(__name__)


def auth_configuration(settings: Settings) -> SimpleNamespace:
    """The configuration object botbuilder's ConfigurationBotFrameworkAuthentication reads (public cloud).

    Incoming tokens are not checked by botbuilder (see `bot.auth`), so a custom OpenID metadata URL only goes to
    `SigningKeys`; botbuilder keeps the public cloud's defaults for everything it still does.
    """
    return SimpleNamespace(
        APP_ID=settings.app_id,
        APP_PASSWORD=settings.app_password,
        APP_TYPE=settings.app_type,
        APP_TENANTID=settings.app_tenant_id,
    )


def channel_validator(settings: Settings) -> ChannelTokenValidator | None:
    """The token check for this app id, or None in emulator mode (no app id, no tokens)."""
    if settings.emulator_mode:
        return None
    return ChannelTokenValidator(settings.app_id, SigningKeys(settings.openid_metadata_url or CHANNEL_METADATA_URL))


def create_adapter(
    settings: Settings, *, credentials_factory: ServiceClientCredentialsFactory | None = None
) -> CloudAdapter:
    """A CloudAdapter for these settings; with no app id it runs in emulator mode (no JWT validation).

    `credentials_factory` replaces the one built from the app id and password for outgoing calls (tests use one
    that needs no Entra round trip); incoming tokens are validated the same way either way.
    """
    configured = ConfigurationBotFrameworkAuthentication(
        auth_configuration(settings), credentials_factory=credentials_factory
    )
    adapter = CloudAdapter(ChannelAuthentication(configured, channel_validator(settings)))

    async def on_error(context: TurnContext, error: Exception) -> None:
        log_failure(log, "turn.error", error)
        try:
            await context.send_activity(INTERNAL_ERROR)
        except Exception:
            log.warning("turn.error_reply_failed")

    adapter.on_turn_error = on_error
    return adapter
