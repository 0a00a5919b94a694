"""The Teams app package: `appmanifest/manifest.template.json` filled in, zipped with the two icons.

An admin uploads this zip in the Teams admin center (or Teams' "Upload a custom app"). The template holds
everything that does not change between installations; the app id, version, public host and the developer
links come from the command line or the environment, and are checked here so a bad package is never written.
"""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as installed_version
from pathlib import Path
from typing import Any

from bot.config import PROJECT_ROOT

MANIFEST_DIR = PROJECT_ROOT / "appmanifest"
TEMPLATE = "manifest.template.json"
ICONS = ("color.png", "outline.png")
DEFAULT_WEBSITE = "https://www.albertslund.dk"

_GUID = re.compile(r"^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")
# The Teams schema's semver pattern: three numbers, no pre-release or build suffix.
_SEMVER = re.compile(r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$")
_HOST = re.compile(r"^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$")
_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")


class ManifestError(ValueError):
    """A value the package cannot be built with; the message says what to do instead."""


@dataclass(frozen=True)
class PackageValues:
    """What differs between installations of the app."""

    app_id: str
    version: str
    public_host: str = ""
    website_url: str = DEFAULT_WEBSITE
    privacy_url: str = DEFAULT_WEBSITE
    terms_url: str = DEFAULT_WEBSITE


def default_version() -> str:
    """The installed medbot's version, so a package matches the code it was built from."""
    try:
        return installed_version("medbot")
    except PackageNotFoundError:
        return "0.1.0"


def package_values(
    *,
    app_id: str | None,
    version: str | None,
    public_host: str | None,
    env: Mapping[str, str],
) -> PackageValues:
    """Command-line values first, then the environment; raises ManifestError for anything Teams would refuse."""
    chosen_id = (app_id if app_id is not None else env.get("MicrosoftAppId", "")).strip()
    if not chosen_id:
        raise ManifestError(
            "Der mangler et app-id. Giv bottens Microsoft App ID med --app-id eller miljøvariablen MicrosoftAppId."
        )
    if not _GUID.match(chosen_id):
        raise ManifestError(
            f"App-id'et {chosen_id!r} er ikke et GUID (fx 01234567-89ab-cdef-0123-456789abcdef). "
            "Kopiér Microsoft App ID fra Azure Bot-ressourcen."
        )
    chosen_version = (version or default_version()).strip()
    if not _SEMVER.match(chosen_version):
        raise ManifestError(f"Versionen {chosen_version!r} skal have formen X.Y.Z, fx 1.0.3.")
    host = (public_host if public_host is not None else env.get("MEDBOT_PUBLIC_HOST", "")).strip().lower()
    if host and not _HOST.match(host):
        raise ManifestError(
            f"Værtsnavnet {host!r} skal være et domænenavn uden https:// og sti, fx medbot.albertslund.dk."
        )
    urls = {}
    for field, name in (
        ("website_url", "MEDBOT_WEBSITE_URL"),
        ("privacy_url", "MEDBOT_PRIVACY_URL"),
        ("terms_url", "MEDBOT_TERMS_URL"),
    ):
        url = env.get(name, "").strip() or DEFAULT_WEBSITE
        if not url.lower().startswith("https://"):
            raise ManifestError(f"{name} skal være en https-adresse, ikke {url!r}.")
        urls[field] = url
    return PackageValues(app_id=chosen_id.lower(), version=chosen_version, public_host=host, **urls)


def render_manifest(values: PackageValues, template: Path = MANIFEST_DIR / TEMPLATE) -> dict[str, Any]:
    """The manifest with every `{{name}}` placeholder filled; an empty public host leaves validDomains empty."""
    fields = {
        "app_id": values.app_id,
        "version": values.version,
        "public_host": values.public_host,
        "website_url": values.website_url,
        "privacy_url": values.privacy_url,
        "terms_url": values.terms_url,
    }

    def fill(node: Any) -> Any:
        if isinstance(node, str):
            return _PLACEHOLDER.sub(lambda m: fields[m.group(1)], node)
        if isinstance(node, list):
            return [fill(item) for item in node]
        if isinstance(node, dict):
            return {key: fill(value) for key, value in node.items()}
        return node

    manifest: dict[str, Any] = fill(json.loads(template.read_text(encoding="utf-8")))
    manifest["validDomains"] = [domain for domain in manifest.get("validDomains", []) if domain]
    return manifest


def build_package(values: PackageValues, output: Path, source: Path = MANIFEST_DIR) -> Path:
    """Write the zip Teams accepts: manifest.json and the icons at its root, byte-identical for equal input."""
    manifest = render_manifest(values, source / TEMPLATE)
    output.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as package:
        entries = [("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8"))]
        entries += [(icon, (source / icon).read_bytes()) for icon in ICONS]
        for name, data in entries:
            # A fixed timestamp makes two builds of the same input identical, so a package can be compared.
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            package.writestr(info, data)
    return output
