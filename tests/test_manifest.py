"""The Teams app package: validated against Microsoft's own schema, with icons Teams accepts.

The schema is read at test time from the npm package @microsoft/app-manifest (installed outside git by
`make node-deps`), in the version the manifest declares; it is never copied into this repository.
"""

from __future__ import annotations

import json
import struct
import zipfile
import zlib
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator, Draft6Validator, validators

from bot.cli import main
from bot.manifest import MANIFEST_DIR, PackageValues, build_package, render_manifest
from dialogs.router import split_command
from tests.cards.harness import require_package

APP_ID = "5a2b0c3d-1e2f-4a5b-8c7d-9e0f1a2b3c4d"
HOST = "medbot.albertslund.dk"

# The Teams schemas say draft-04 but use `const` (draft-06) for manifestVersion; honour it rather than ignore it.
TeamsValidator = validators.extend(Draft4Validator, {"const": Draft6Validator.VALIDATORS["const"]})


def read_png(data: bytes) -> tuple[int, int, list[tuple[int, int, int, int]]]:
    """Width, height and RGBA pixels of an 8-bit RGB or RGBA PNG (all five row filters)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, header = 8, b"", b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, color_type = struct.unpack(">IIBB", header[:10])
    assert depth == 8 and color_type in (2, 6), f"unsupported PNG: depth {depth}, colour type {color_type}"
    channels = 4 if color_type == 6 else 3
    raw = zlib.decompress(idat)
    stride = width * channels
    rows: list[bytearray] = []
    previous = bytearray(stride)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            corner = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 0xFF
        rows.append(line)
        previous = line
    pixels = []
    for line in rows:
        for x in range(width):
            px = line[x * channels : (x + 1) * channels]
            pixels.append((px[0], px[1], px[2], px[3] if channels == 4 else 255))
    return width, height, pixels


@pytest.fixture
def package(tmp_path: Path) -> zipfile.ZipFile:
    """The package as an admin would build it for production."""
    path = build_package(PackageValues(app_id=APP_ID, version="1.4.2", public_host=HOST), tmp_path / "medbot.zip")
    return zipfile.ZipFile(path)


def manifest_of(package: zipfile.ZipFile) -> dict[str, Any]:
    """manifest.json from the zip."""
    loaded: dict[str, Any] = json.loads(package.read("manifest.json"))
    return loaded


def teams_schema(version: str) -> dict[str, Any]:
    """Microsoft's schema for this manifest version, from the npm package."""
    folder = require_package("@microsoft/app-manifest")
    path = folder / "build" / "json-schemas" / "teams" / f"v{version}" / "MicrosoftTeams.schema.json"
    assert path.is_file(), f"@microsoft/app-manifest has no schema for manifest version {version}"
    schema: dict[str, Any] = json.loads(path.read_text(encoding="utf-8-sig"))
    return schema


def test_built_package_validates_against_the_official_teams_schema(package: zipfile.ZipFile) -> None:
    manifest = manifest_of(package)
    schema = teams_schema(manifest["manifestVersion"])
    assert schema["$schema"].startswith("http://json-schema.org/draft-04/")
    errors = [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in TeamsValidator(schema).iter_errors(manifest)
    ]
    assert errors == []


def test_schema_check_catches_what_teams_would_refuse(package: zipfile.ZipFile) -> None:
    """The validator is not a rubber stamp: a wrong scope's case and a long short name are found."""
    manifest = manifest_of(package)
    manifest["bots"][0]["scopes"] = ["Personal"]
    manifest["name"]["short"] = "MED-assistenten for Albertslund Kommune"
    manifest["manifestVersion"] = "1.99"
    schema = teams_schema(manifest_of(package)["manifestVersion"])
    failed = {"/".join(map(str, e.absolute_path)) for e in TeamsValidator(schema).iter_errors(manifest)}
    assert {"bots/0/scopes/0", "name/short", "manifestVersion"} <= failed


def test_package_holds_the_manifest_and_both_icons_at_its_root(package: zipfile.ZipFile) -> None:
    manifest = manifest_of(package)
    assert sorted(package.namelist()) == sorted(
        ["manifest.json", manifest["icons"]["color"], manifest["icons"]["outline"]]
    )


def test_color_icon_is_192_pixels_square(package: zipfile.ZipFile) -> None:
    width, height, _pixels = read_png(package.read(manifest_of(package)["icons"]["color"]))
    assert (width, height) == (192, 192)


def test_outline_icon_is_32_pixels_white_on_transparent(package: zipfile.ZipFile) -> None:
    width, height, pixels = read_png(package.read(manifest_of(package)["icons"]["outline"]))
    assert (width, height) == (32, 32)
    visible = [p for p in pixels if p[3] > 0]
    assert visible, "the outline icon is empty"
    assert all(p[:3] == (255, 255, 255) for p in visible), "the outline icon may only use white"
    assert sum(p[3] == 0 for p in pixels) > len(pixels) // 2, "the background must be transparent"
    assert pixels[0][3] == pixels[31][3] == pixels[-1][3] == 0


def test_manifest_says_who_the_bot_is_in_danish_with_three_scopes(package: zipfile.ZipFile) -> None:
    manifest = manifest_of(package)
    assert manifest["id"] == manifest["bots"][0]["botId"] == APP_ID
    assert manifest["version"] == "1.4.2"
    assert manifest["validDomains"] == [HOST]
    assert manifest["localizationInfo"]["defaultLanguageTag"] == "da-dk"
    assert manifest["name"]["short"] == "MED-assistenten"
    assert sorted(manifest["bots"][0]["scopes"]) == ["groupChat", "personal", "team"]


def test_every_command_in_the_command_lists_is_one_the_bot_understands(package: zipfile.ZipFile) -> None:
    lists = {
        tuple(c["scopes"]): [cmd["title"] for cmd in c["commands"]]
        for c in manifest_of(package)["bots"][0]["commandLists"]
    }
    assert lists[("personal",)] == ["hjælp", "ny høring", "status", "påmindelser", "genindlæs"]
    assert "tilknyt" in lists[("team",)]
    for titles in lists.values():
        for title in titles:
            assert split_command(title) is not None, f"the manifest offers {title!r}, but the bot does not route it"


def test_two_builds_of_the_same_values_are_byte_identical(tmp_path: Path) -> None:
    values = PackageValues(app_id=APP_ID, version="1.0.0", public_host=HOST)
    first = build_package(values, tmp_path / "a.zip").read_bytes()
    assert build_package(values, tmp_path / "b.zip").read_bytes() == first


def test_cli_builds_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("MicrosoftAppId", APP_ID.upper())
    monkeypatch.setenv("MEDBOT_PUBLIC_HOST", HOST)
    output = tmp_path / "out" / "medbot.zip"
    assert main(["manifest", "build", "--version", "2.0.1", "--output", str(output)]) == 0
    manifest = manifest_of(zipfile.ZipFile(output))
    assert (manifest["id"], manifest["version"], manifest["validDomains"]) == (APP_ID, "2.0.1", [HOST])
    assert str(output) in capsys.readouterr().out


@pytest.mark.parametrize(
    ("app_id", "says"),
    [(None, "Der mangler et app-id"), ("medbot", "er ikke et GUID"), ("5a2b0c3d-1e2f-4a5b-8c7d", "er ikke et GUID")],
    ids=["missing", "a-name", "truncated-guid"],
)
def test_cli_refuses_to_build_without_a_valid_app_id(
    app_id: str | None, says: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("MicrosoftAppId", raising=False)
    output = tmp_path / "medbot.zip"
    argv = ["manifest", "build", "--output", str(output)] + (["--app-id", app_id] if app_id is not None else [])
    assert main(argv) == 2
    assert says in capsys.readouterr().err
    assert not output.exists()


def test_cli_refuses_a_host_with_a_scheme_and_a_version_teams_cannot_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "medbot.zip"
    base = ["manifest", "build", "--app-id", APP_ID, "--output", str(output)]
    assert main([*base, "--host", "https://medbot.albertslund.dk/api"]) == 2
    assert main([*base, "--version", "1.0"]) == 2
    err = capsys.readouterr().err
    assert "uden https://" in err and "X.Y.Z" in err
    assert not output.exists()


def test_template_has_a_placeholder_for_every_value_that_changes() -> None:
    manifest = render_manifest(PackageValues(app_id=APP_ID, version="1.0.0"), MANIFEST_DIR / "manifest.template.json")
    assert "{{" not in json.dumps(manifest)
    assert manifest["validDomains"] == []
