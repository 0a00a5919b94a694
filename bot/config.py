"""Settings read once from the environment, with the names fixed in docs/architecture.md."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = f"sqlite:///{PROJECT_ROOT / 'var' / 'medbot.db'}"
DEFAULT_CONFIG_DIR = PROJECT_ROOT / "config"
DEFAULT_TIMEZONE = "Europe/Copenhagen"
DEFAULT_RETENTION_DAYS = 180
MAX_RETENTION_DAYS = 36_500  # a century: beyond it the date arithmetic of the retention job overflows
MAX_CONVERSATION_ID = 400  # storage.conversations.Conversation.id
DEFAULT_DRAIN_SECONDS = 20
DEFAULT_EVALUATE_SECONDS = 300


class SettingsError(ValueError):
    """A setting in the environment cannot be used; the message names it and says what to write instead."""


def _split(value: str | None) -> frozenset[str]:
    """Comma- or space-separated lists, as admins write them in App Service settings."""
    return frozenset(part.strip().lower() for part in (value or "").replace(",", " ").split() if part.strip())


def _timezone(value: str | None) -> str:
    """MEDBOT_TIMEZONE must name a zone the IANA database knows, checked now rather than at the first reminder."""
    name = (value or "").strip() or DEFAULT_TIMEZONE
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a folder ("Europe"), a name too long
        raise SettingsError(
            f"MEDBOT_TIMEZONE={name!r} er ikke en kendt tidszone; "
            f"skriv fx {DEFAULT_TIMEZONE}, eller fjern indstillingen."
        ) from None
    return name


def _retention_days(value: str | None) -> int:
    """MEDBOT_RETENTION_DAYS is a whole number of days: the privacy promise and the daily purge depend on it."""
    text = (value or "").strip()
    if not text:
        return DEFAULT_RETENTION_DAYS
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= MAX_RETENTION_DAYS:
        raise SettingsError(
            f"MEDBOT_RETENTION_DAYS={text!r} er ikke et helt antal dage mellem 1 og {MAX_RETENTION_DAYS}; "
            f"skriv fx {DEFAULT_RETENTION_DAYS}, eller fjern indstillingen."
        )
    return int(text)


def _whole_seconds(name: str, value: str | None, default: int, low: int, high: int) -> int:
    """A whole number of seconds within bounds (MEDBOT_DRAIN_SECONDS, MEDBOT_EVALUATE_SECONDS), checked at start."""
    text = (value or "").strip()
    if not text:
        return default
    if not (text.isascii() and text.isdigit()) or not low <= int(text) <= high:
        raise SettingsError(
            f"{name}={text!r} er ikke et helt antal sekunder mellem {low} og {high}; "
            f"skriv fx {default}, eller fjern indstillingen."
        )
    return int(text)


def _escalation_channel(value: str | None) -> str:
    """MEDBOT_ESCALATION_CHANNEL names HR & Løn's inbox: a Teams channel's conversation id, or a committee id.

    Whether the bot knows that channel is only clear once it has seen it (installed there, or `tilknyt`), so it is
    checked when an employee asks; here only what can never be an id is refused.
    """
    text = (value or "").strip()
    if len(text) > MAX_CONVERSATION_ID or any(character.isspace() for character in text):
        raise SettingsError(
            f"MEDBOT_ESCALATION_CHANNEL={text[:60]!r} er ikke et kanal-id eller et udvalgs-id; skriv fx "
            "19:…@thread.tacv2 (kanalens id i Teams) eller udvalgets id fra organisationsfilen, eller fjern "
            "indstillingen."
        )
    return text


@dataclass(frozen=True)
class Settings:
    """Everything the service and the CLI need to know about their surroundings."""

    app_id: str = ""
    app_password: str = ""
    app_type: str = "MultiTenant"
    app_tenant_id: str = ""
    database_url: str = DEFAULT_DATABASE_URL
    admins: frozenset[str] = field(default_factory=frozenset)
    allowed_tenants: frozenset[str] = field(default_factory=frozenset)
    timezone: str = DEFAULT_TIMEZONE
    knowledge_dir: Path = PROJECT_ROOT / "knowledge"
    config_dir: Path = DEFAULT_CONFIG_DIR
    retention_days: int = DEFAULT_RETENTION_DAYS
    openid_metadata_url: str = ""
    escalation_channel: str = ""  # HR & Løn's inbox for "Spørg HR & Løn"; empty: the button is not offered
    public_host: str = ""  # MEDBOT_PUBLIC_HOST: the bot's public host, for the manifest and download links
    # MEDBOT_EXPORT_SECRET: signs download links (bot/exports.py); else the app password. Never in a repr or log.
    export_secret: str = field(default="", repr=False)
    # MEDBOT_DRAIN_SECONDS: at SIGTERM, how long sends and requests in flight may take before the process exits
    drain_seconds: int = DEFAULT_DRAIN_SECONDS
    # MEDBOT_EVALUATE_SECONDS: how often the evaluator looks for due reminders and nudges (and a standby for the lock)
    evaluate_seconds: int = DEFAULT_EVALUATE_SECONDS

    @property
    def emulator_mode(self) -> bool:
        """No app id means local development: no JWT validation, loopback only."""
        return not self.app_id

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Read the documented environment names; unknown names are ignored, unusable values raise SettingsError."""
        env = os.environ if env is None else env
        return cls(
            app_id=env.get("MicrosoftAppId", "").strip(),
            app_password=env.get("MicrosoftAppPassword", ""),
            app_type=env.get("MicrosoftAppType", "")
            or ("SingleTenant" if env.get("MicrosoftAppTenantId") else "MultiTenant"),
            app_tenant_id=env.get("MicrosoftAppTenantId", "").strip(),
            database_url=env.get("DATABASE_URL", "") or DEFAULT_DATABASE_URL,
            admins=_split(env.get("MEDBOT_ADMINS")),
            allowed_tenants=_split(env.get("MEDBOT_ALLOWED_TENANTS")),
            timezone=_timezone(env.get("MEDBOT_TIMEZONE")),
            knowledge_dir=Path(env.get("MEDBOT_KNOWLEDGE_DIR", "") or PROJECT_ROOT / "knowledge"),
            config_dir=Path(env.get("MEDBOT_CONFIG_DIR", "") or DEFAULT_CONFIG_DIR),
            retention_days=_retention_days(env.get("MEDBOT_RETENTION_DAYS")),
            openid_metadata_url=env.get("MEDBOT_OPENID_METADATA_URL", "").strip(),
            escalation_channel=_escalation_channel(env.get("MEDBOT_ESCALATION_CHANNEL")),
            public_host=env.get("MEDBOT_PUBLIC_HOST", "").strip().lower(),
            export_secret=env.get("MEDBOT_EXPORT_SECRET", ""),
            drain_seconds=_whole_seconds(
                "MEDBOT_DRAIN_SECONDS", env.get("MEDBOT_DRAIN_SECONDS"), DEFAULT_DRAIN_SECONDS, 0, 3600
            ),
            evaluate_seconds=_whole_seconds(
                "MEDBOT_EVALUATE_SECONDS", env.get("MEDBOT_EVALUATE_SECONDS"), DEFAULT_EVALUATE_SECONDS, 1, 86_400
            ),
        )
