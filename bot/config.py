"""Settings read once from the environment, with the names fixed in DESIGN.md."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = f"sqlite:///{PROJECT_ROOT / 'var' / 'medbot.db'}"
DEFAULT_CONFIG_DIR = PROJECT_ROOT / "config"


def _split(value: str | None) -> frozenset[str]:
    """Comma- or space-separated lists, as admins write them in App Service settings."""
    return frozenset(part.strip().lower() for part in (value or "").replace(",", " ").split() if part.strip())


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
    timezone: str = "Europe/Copenhagen"
    knowledge_dir: Path = PROJECT_ROOT / "knowledge"
    config_dir: Path = DEFAULT_CONFIG_DIR
    retention_days: int = 180
    openid_metadata_url: str = ""

    @property
    def emulator_mode(self) -> bool:
        """No app id means local development: no JWT validation, loopback only."""
        return not self.app_id

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Read the documented environment names; unknown names are ignored."""
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
            timezone=env.get("MEDBOT_TIMEZONE", "") or "Europe/Copenhagen",
            knowledge_dir=Path(env.get("MEDBOT_KNOWLEDGE_DIR", "") or PROJECT_ROOT / "knowledge"),
            config_dir=Path(env.get("MEDBOT_CONFIG_DIR", "") or DEFAULT_CONFIG_DIR),
            retention_days=int(env.get("MEDBOT_RETENTION_DAYS", "") or 180),
            openid_metadata_url=env.get("MEDBOT_OPENID_METADATA_URL", "").strip(),
        )
