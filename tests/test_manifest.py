"""The Teams app package: validated against Microsoft's own schema, with icons Teams accepts.

The schema is read at test time from the npm package @microsoft/app-manifest (installed outside git by
`make node-deps`, pinned in tests/cards/package.json), in the version the manifest declares, and that version must
be the newest the package ships; the schema is never copied into this repository. Every command the manifest
offers is one the router knows, and every prompt starter is a question the knowledge base answers.
"""

from __future__ import annotations

import json
import re
import struct
import zipfile
import zlib
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator, Draft6Validator, validators

import knowledge
from bot.cli import main
from bot.manifest import MANIFEST_DIR, PackageValues, build_package, render_manifest
from dialogs.router import COMMANDS, Where, split_command
from tests.cards.harness import HERE as CARDS_DIR
from tests.cards.harness import require_package

APP_ID = "5a2b0c3d-1e2f-4a5b-8c7d-9e0f1a2b3c4d"
HOST = "medbot.albertslund.dk"
SCHEMA_PACKAGE = "@microsoft/app-manifest"
STABLE_SCHEMA = re.compile(r"^v(\d+)\.(\d+)$")  # v1.30, not vDevPreview

# Manifests 1.0-1.20 capped a command's title at 32 and its description at 128 characters. Newer schemas allow
# more, but the command menu and the prompt starters show one short line, so the package keeps to the old caps.
MAX_TITLE, MAX_DESCRIPTION, MAX_PROMPT = 32, 128, 128

# Every prompt starter and the entry that must answer it; a new starter needs its line here.
ASKED_ON = date(2026, 3, 2)
PROMPT_ANSWERS = {
    "Må jeg gå til læge i arbejdstiden?": "laegebesoeg-i-arbejdstiden",
    "Mit barn er sygt. Kan jeg få fri?": "barns-sygedag",
    "Mit barn er stadig sygt efter 2. sygedag. Hvad nu?": "barn-stadig-sygt-efter-2-sygedag",
    "Har jeg fri 1. maj og 24. december?": "kutymefridage-fra-2025-12-24",
    "Hvad er MED?": "med-struktur-albertslund",
    "Hvad gør jeg, hvis en kollega bliver udsat for vold?": "kollega-udsat-for-vold",
    "Hvad er en omsorgssamtale?": "omsorgssamtale-forebyggelse",
    "Hvem laver handleplanen efter APV'en?": "apv-handleplaner",
    "Hvor ofte skal retningslinjen om vold og trusler drøftes?": "vold-og-trusler-hvor-ofte",
    "Hvor ofte skal ArbejdspladsMED drøfte sygefravær?": "sygefravaer-droeftelse-arbejdspladsmed",
    "Hvad er AfdelingsMED?": "afdelingsmed",
}
# Where a command offered in a scope runs; a group chat is neither a 1:1 chat nor a channel.
SCOPE_WHERE = {"personal": Where.PERSONAL, "team": Where.CHANNEL, "groupChat": None}

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


def commands_by_scope(manifest: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Each scope's command list (one list per scope, as Teams asks)."""
    lists = manifest["bots"][0]["commandLists"]
    assert all(len(c["scopes"]) == 1 for c in lists), "one command list per scope"
    return {c["scopes"][0]: c["commands"] for c in lists}


def template_commands() -> list[dict[str, Any]]:
    """Every command in the template, each scope's in turn (read at collection time: no npm needed)."""
    manifest = render_manifest(PackageValues(app_id=APP_ID, version="1.0.0"))
    return [command for commands in commands_by_scope(manifest).values() for command in commands]


def newest_schema_version() -> str:
    """The highest stable manifest version whose schema the installed npm package ships (e.g. `1.30`)."""
    folder = require_package(SCHEMA_PACKAGE) / "build" / "json-schemas" / "teams"
    versions = [tuple(map(int, m.groups())) for p in folder.iterdir() if (m := STABLE_SCHEMA.match(p.name))]
    assert versions, f"{SCHEMA_PACKAGE} ships no teams/vX.Y schema folders in {folder}"
    major, minor = max(versions)
    return f"{major}.{minor}"


def teams_schema(version: str) -> dict[str, Any]:
    """Microsoft's schema for this manifest version, from the npm package."""
    folder = require_package(SCHEMA_PACKAGE)
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


def test_manifest_declares_the_newest_schema_the_pinned_npm_package_ships(package: zipfile.ZipFile) -> None:
    """A newer @microsoft/app-manifest with a newer schema fails here until the manifest moves up to it."""
    pinned = json.loads((CARDS_DIR / "package.json").read_text(encoding="utf-8"))["dependencies"][SCHEMA_PACKAGE]
    installed = json.loads((require_package(SCHEMA_PACKAGE) / "package.json").read_text(encoding="utf-8"))["version"]
    assert installed == pinned, f"{SCHEMA_PACKAGE} {installed} is installed, {pinned} is pinned: run `make node-deps`"
    manifest = manifest_of(package)
    newest = newest_schema_version()
    assert manifest["manifestVersion"] == newest
    schema_url = f"https://developer.microsoft.com/json-schemas/teams/v{newest}/MicrosoftTeams.schema.json"
    assert manifest["$schema"] == schema_url


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
    assert [f["title"] for f in manifest["description"]["features"]] == [
        "Svar om MED og personaleregler",
        "Høringer fra KommuneMED",
        "Påmindelser til MED-udvalgene",
    ]


def test_each_scope_offers_the_questions_and_commands_its_users_need(package: zipfile.ZipFile) -> None:
    by_scope = commands_by_scope(manifest_of(package))
    lists = {scope: [c["title"] for c in commands] for scope, commands in by_scope.items()}
    assert lists["personal"][:2] == ["Lægebesøg i arbejdstiden", "Barns 1. og 2. sygedag"]
    assert lists["personal"][-4:] == ["hjælp", "påmindelser", "status", "ny høring"]
    assert {"hjælp", "status", "tilknyt"} <= set(lists["team"])
    assert "hjælp" in lists["groupChat"]


def test_every_command_is_one_the_router_runs_in_that_scope(package: zipfile.ZipFile) -> None:
    """A basic command is a route of dialogs/router.py that works where it is offered, not a refusal by design."""
    for scope, commands in commands_by_scope(manifest_of(package)).items():
        for command in (c for c in commands if c.get("type", "basic") == "basic"):
            routed = split_command(command["title"])
            assert routed is not None, f"{scope}: the manifest offers {command['title']!r}, the bot does not route it"
            route = COMMANDS[routed[0]]
            assert routed[1] == "" and (route.takes is None or route.takes(""))
            assert route.where in (Where.ANYWHERE, SCOPE_WHERE[scope]), f"{scope}: {command['title']!r} works elsewhere"


def test_commands_are_short_enough_for_the_menu_and_every_starter_has_its_prompt(package: zipfile.ZipFile) -> None:
    for scope, commands in commands_by_scope(manifest_of(package)).items():
        for command in commands:
            assert len(command["title"]) <= MAX_TITLE, f"{scope}: {command['title']!r}"
            assert 0 < len(command["description"]) <= MAX_DESCRIPTION, f"{scope}: {command['title']!r}"
            if command.get("type") == "prompt":
                assert 0 < len(command["prompt"]) <= MAX_PROMPT, f"{scope}: {command['title']!r}"
            else:
                assert "prompt" not in command, f"{scope}: {command['title']!r} has a prompt but is not a starter"


@pytest.fixture(scope="module")
def kb() -> knowledge.KnowledgeBase:
    """The shipped knowledge base, built once: what employees who tap a prompt starter get answers from."""
    return knowledge.build(*knowledge.default_paths())


@pytest.mark.parametrize(
    "prompt",
    sorted({c["prompt"] for c in template_commands() if c.get("type") == "prompt"}),
)
def test_every_prompt_starter_is_a_question_the_bot_answers(kb: knowledge.KnowledgeBase, prompt: str) -> None:
    """Not a command word (the router would take it), and answered from the right entry, not refused or quoted."""
    assert split_command(prompt) is None, f"{prompt!r} starts with a command word"
    assert prompt in PROMPT_ANSWERS, f"add {prompt!r} with the entry that should answer it to PROMPT_ANSWERS"
    reply = knowledge.ask_json(kb, prompt, ASKED_ON)
    assert reply["answered"] is True
    assert reply["entry_id"] == PROMPT_ANSWERS[prompt]


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
