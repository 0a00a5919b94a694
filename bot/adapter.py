"""The Bot Framework adapter: authentication from Settings and turn-error handling.

Requests are authenticated by `bot.connector.MedbotAuthentication` (which wraps botbuilder's configured
authentication); the web layer in `bot.app` calls it before anything else happens, and applies the tenant
allow-list to the authenticated activity.
"""

from __future__ import annotations

import logging
from types import SimpleNamespace

from botbuilder.core import TurnContext
from botbuilder.integration.aiohttp import CloudAdapter, ConfigurationBotFrameworkAuthentication
from botbuilder.schema import CallerIdConstants
from botframework.connector.auth import AuthenticationConstants, ServiceClientCredentialsFactory

from bot.config import Settings
from bot.connector import MedbotAuthentication
from dialogs.texts import INTERNAL_ERROR

log = logging.getLogger(__name__)


def auth_configuration(settings: Settings) -> SimpleNamespace:
    """The configuration object botbuilder's ConfigurationBotFrameworkAuthentication reads.

    A custom OpenID metadata URL switches botbuilder to its "parameterized" authentication, which knows no
    defaults: everything else is then set to the public cloud's values, so the token issuer, the login
    endpoint and the outbound audience are checked exactly as without the custom URL.
    """
    config = SimpleNamespace(
        APP_ID=settings.app_id,
        APP_PASSWORD=settings.app_password,
        APP_TYPE=settings.app_type,
        APP_TENANTID=settings.app_tenant_id,
    )
    if settings.openid_metadata_url:
        public = AuthenticationConstants
        config.TO_BOT_FROM_CHANNEL_OPENID_METADATA_URL = settings.openid_metadata_url
        config.TO_BOT_FROM_CHANNEL_TOKEN_ISSUER = public.TO_BOT_FROM_CHANNEL_TOKEN_ISSUER
        config.TO_BOT_FROM_EMULATOR_OPENID_METADATA_URL = public.TO_BOT_FROM_EMULATOR_OPENID_METADATA_URL
        config.TO_CHANNEL_FROM_BOT_LOGIN_URL = public.TO_CHANNEL_FROM_BOT_LOGIN_URL_PREFIX
        config.TO_CHANNEL_FROM_BOT_OAUTH_SCOPE = public.TO_CHANNEL_FROM_BOT_OAUTH_SCOPE
        config.OAUTH_URL = public.OAUTH_URL
        config.CALLER_ID = CallerIdConstants.public_azure_channel
        config.VALIDATE_AUTHORITY = True
    return config


def create_adapter(
    settings: Settings, *, credentials_factory: ServiceClientCredentialsFactory | None = None
) -> CloudAdapter:
    """A CloudAdapter for these settings; with no app id it runs in emulator mode (no JWT validation).

    `credentials_factory` replaces the one built from the app id and password (tests use one that needs no
    Entra round trip for outgoing calls); incoming tokens are validated the same way either way.
    """
    configured = ConfigurationBotFrameworkAuthentication(
        auth_configuration(settings), credentials_factory=credentials_factory
    )
    adapter = CloudAdapter(MedbotAuthentication(configured))

    async def on_error(context: TurnContext, error: Exception) -> None:
        log.error("turn.error type=%s", type(error).__name__, exc_info=error)
        try:
            await context.send_activity(INTERNAL_ERROR)
        except Exception:
            log.warning("turn.error_reply_failed")

    adapter.on_turn_error = on_error
    return adapter
