"""Try every role in five minutes: the shipped Playground roles and the README's commands keep working as written.

A newcomer tries the roles without reading code: `make playground ROLE=…` makes them one of the example people in
Microsoft 365 Agents Playground (config/playground/<role>.yml), and the README section "Prøv hver rolle på fem
minutter" lists the terminal commands in code blocks marked `try-roles`. These tests fail when a config names
somebody the organisation does not know in that role, when the Makefile's MEDBOT_ADMINS and the admin config
disagree, or when a command in the README stops working as written.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlmodel import Session, select

from bot.config import PROJECT_ROOT
from dialogs.base import Actor
from dialogs.organisation import parse_organisation
from dialogs.roles import resolve_actor
from storage.conversations import Conversation
from storage.db import make_engine, session_scope, upgrade
from storage.org import CommitteeKind, import_organisation
from tests.cards.harness import require_tools
from tests.support.service import ORGANISATION, sqlite_settings, start
from tests.test_playground import drive, playground_in

ROLES_DIR = PROJECT_ROOT / "config" / "playground"
README = PROJECT_ROOT / "README.md"
SECTION = "## Prøv hver rolle på fem minutter"
FENCE = "```sh try-roles"
ROLES = ("medarbejder", "sekretaer", "kommunemed", "admin")
EMPLOYEE = "medarbejder"
IMPORTED_AT = datetime(2026, 9, 1, 12, tzinfo=UTC)  # any moment: people and seats do not depend on it
# Dry-run only (`make -n`): the Makefile's view of the world, no install, no server.
MAKE_ENV_DROPPED = ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "ROLE", "PORT", "PLAYGROUND_PORT", "MEDBOT_ADMINS")


@dataclass(frozen=True)
class Help:
    """What `hjælp` shows a role (one line only it and the roles above it see) and what it must not show."""

    shows: str
    hides: tuple[str, ...]


HELP = {
    "medarbejder": Help("Stil et spørgsmål", ("Høringer", "påmindelser", "ny høring", "genindlæs")),
    "sekretaer": Help("Se hvornår dine udvalg skal drøfte", ("ny høring", "genindlæs")),
    "kommunemed": Help("Send et punkt til AfdelingsMED-udvalgene", ("genindlæs",)),
    "admin": Help("Indlæs vidensbasen igen", ()),
}


def _holds_local_secretary_seat(actor: Actor) -> bool:
    local = (CommitteeKind.AFDELINGSMED, CommitteeKind.ARBEJDSPLADSMED)
    return any(s.role == "secretary" and s.committee_kind in local for s in actor.seats)


def _holds_kommunemed_secretary_seat(actor: Actor) -> bool:
    return any(s.role == "secretary" and s.committee_kind == CommitteeKind.KOMMUNEMED for s in actor.seats)


# The role each config claims, as medbot decides it from the organisation and MEDBOT_ADMINS.
CLAIMS: dict[str, Callable[[Actor], bool]] = {
    "medarbejder": lambda a: a.person_id is None and not a.seats and not a.is_admin,
    "sekretaer": lambda a: _holds_local_secretary_seat(a) and not a.is_kommunemed_lead and not a.is_admin,
    "kommunemed": lambda a: _holds_kommunemed_secretary_seat(a) and not a.is_admin,
    "admin": lambda a: a.is_admin and a.person_id is not None,
}


def role_config(role: str) -> dict[str, Any]:
    """The shipped Playground config of a role."""
    data: dict[str, Any] = yaml.safe_load((ROLES_DIR / f"{role}.yml").read_text(encoding="utf-8"))
    return data


def current_user(role: str) -> dict[str, str]:
    """Who you are in the Playground as this role."""
    user: dict[str, str] = role_config(role)["currentUser"]
    return user


def make_dry_run(*args: str) -> str:
    """What `make -n ARGS` would run, from the repository root; the test fails when make refuses."""
    make = shutil.which("make")
    if make is None:
        pytest.skip("make is not installed")
    env = {k: v for k, v in os.environ.items() if k not in MAKE_ENV_DROPPED}
    result = subprocess.run(
        [make, "-n", "--no-print-directory", *args],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, f"make -n {' '.join(args)} failed:\n{result.stderr}"
    return result.stdout


def playground_admins(role: str) -> frozenset[str]:
    """MEDBOT_ADMINS as `make playground ROLE=role` sets it for the bot it starts."""
    serve = [line for line in make_dry_run("playground", f"ROLE={role}").splitlines() if "medbot serve" in line]
    assert len(serve) == 1, serve
    admins = re.search(r"\bMEDBOT_ADMINS=(\S+)", serve[0])
    return frozenset({admins.group(1).lower()}) if admins else frozenset()


@pytest.fixture(scope="module")
def organisation_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Session]:
    """The example organisation imported into a scratch SQLite file, as `make playground` imports it."""
    url = f"sqlite:///{tmp_path_factory.mktemp('org') / 'org.db'}"
    upgrade(url)
    engine = make_engine(url)
    with session_scope(engine) as session:
        import_organisation(session, parse_organisation(ORGANISATION), IMPORTED_AT)
    with Session(engine) as session:
        yield session
    engine.dispose()


# ---------------------------------------------------------------------------------------------------------------
# The shipped configs


def test_there_is_one_playground_config_per_role_and_no_other() -> None:
    assert sorted(path.stem for path in ROLES_DIR.glob("*.yml")) == sorted(ROLES)


@pytest.mark.parametrize("role", ROLES)
def test_a_role_config_is_a_file_the_playground_accepts(role: str) -> None:
    """The Playground's own rules (schema 0.1.1 and its uniqueness checks), so a broken file fails here first."""
    config = role_config(role)
    user_keys = {"id", "name", "userPrincipleName", "aadObjectId", "givenName", "surname", "email"}

    assert set(config) == {"version", "tenantId", "bot", "currentUser", "users", "personalChat", "groupChat", "team"}
    assert config["version"] in ("0.1.0", "0.1.1")
    assert len(config["bot"]["name"]) <= 42
    assert len(config["users"]) == 5
    for user in [config["currentUser"], *config["users"]]:
        assert set(user) == user_keys and all(isinstance(user[key], str) and user[key] for key in user_keys)
    user_ids = [config["currentUser"]["id"], *(u["id"] for u in config["users"])]
    assert len(set(user_ids)) == len(user_ids)
    team = config["team"]
    assert len(team["channels"]) <= 1
    chat_ids = [
        config["personalChat"]["id"],
        config["groupChat"]["id"],
        team["id"],
        *(c["id"] for c in team["channels"]),
    ]
    assert len(set(chat_ids)) == len(chat_ids)


@pytest.mark.parametrize("role", ROLES)
def test_a_role_config_makes_you_an_example_person_in_the_role_it_is_named_after(
    role: str, organisation_db: Session
) -> None:
    me = current_user(role)

    actor = resolve_actor(organisation_db, me["aadObjectId"], me["name"], playground_admins(role))

    assert CLAIMS[role](actor), f"{role}.yml: {me['name']} is not a {role} in config/organisation.yaml: {actor}"


def test_everybody_in_the_configs_is_the_same_person_as_in_the_organisation(organisation_db: Session) -> None:
    """Names, e-mails and Entra ids agree with the organisation file; only the employee is deliberately not in it."""
    people = {p.aad_object_id.lower(): p for p in parse_organisation(ORGANISATION).people}
    for role in ROLES:
        config = role_config(role)
        listed = config["users"] if role == EMPLOYEE else [config["currentUser"], *config["users"]]
        for user in listed:
            person = people.get(user["aadObjectId"].lower())
            assert person is not None, f"{role}.yml: {user['name']} is not in config/organisation.yaml"
            assert (user["name"], user["email"]) == (person.name, person.email), f"{role}.yml: {user['id']}"
    assert current_user(EMPLOYEE)["aadObjectId"].lower() not in people


def test_make_playground_gives_admin_rights_to_the_admin_config_and_to_nobody_else() -> None:
    admin = current_user("admin")["aadObjectId"].lower()

    assert playground_admins("admin") == {admin}
    for role in ROLES:
        if role != "admin":
            assert playground_admins(role) == frozenset(), role


@pytest.mark.parametrize("role", ROLES)
def test_make_playground_copies_the_role_config_to_where_the_playground_reads_it(role: str) -> None:
    commands = make_dry_run("playground", f"ROLE={role}")

    assert f"cp config/playground/{role}.yml var/playground/.m365agentsplayground.yml" in commands
    assert "cd var/playground" in commands


def test_make_playground_without_a_role_is_the_employee() -> None:
    assert "cp config/playground/medarbejder.yml " in make_dry_run("playground")


# ---------------------------------------------------------------------------------------------------------------
# The README's commands


def readme_commands() -> list[str]:
    """Every command in the section's `try-roles` blocks, continuation lines joined, in README order."""
    text = README.read_text(encoding="utf-8")
    assert SECTION in text, f"README.md has no section {SECTION!r}"
    section = text.split(SECTION, 1)[1].split("\n## ", 1)[0]
    commands: list[str] = []
    for block in re.findall(rf"^{re.escape(FENCE)}\n(.*?)^```", section, flags=re.MULTILINE | re.DOTALL):
        for command in block.replace("\\\n", " ").splitlines():
            if command.strip() and not command.lstrip().startswith("#"):
                commands.append(" ".join(command.split()))
    return commands


def role_of_chat(command: str) -> str:
    """The role a `medbot chat` line plays: the config whose user it names with --as; none is the employee."""
    named = re.search(r"--as\s+(\S+)", command)
    if named is None:
        return EMPLOYEE
    roles = [r for r in ROLES if current_user(r)["aadObjectId"].lower() == named.group(1).lower()]
    assert roles, f"--as {named.group(1)} is nobody's Playground role: {command}"
    return roles[0]


def test_the_readme_section_shows_every_role_and_every_step() -> None:
    commands = readme_commands()
    chats = [c for c in commands if "medbot chat" in c]
    playgrounds = [c for c in commands if c.startswith("make playground")]

    assert sorted(role_of_chat(c) for c in chats) == sorted(ROLES)
    in_playground = {m.group(1) if (m := re.search(r"ROLE=(\S+)", c)) else EMPLOYEE for c in playgrounds}
    assert in_playground >= set(ROLES), f"no `make playground` line for {set(ROLES) - in_playground}"
    for step in (
        "medbot reminders run --now 2027-",
        "medbot items create",
        "medbot items status",
        "medbot items export",
    ):
        assert any(step in c for c in commands), step
    assert any(c.endswith("medbot kb reload") for c in commands)
    assert any(c.startswith("make run PORT=") for c in commands)
    assert any(c.startswith("make playground PORT=") for c in commands)


@pytest.fixture
def newcomer(tmp_path: Path) -> Path:
    """A working folder like the repository's root: the same .venv and config, an empty var/."""
    venv = Path(sys.prefix)
    if not (venv / "bin" / "medbot").exists():
        pytest.skip(f"the `medbot` command is not installed in {venv} (run `make test`)")
    (tmp_path / ".venv").symlink_to(venv)
    (tmp_path / "config").symlink_to(PROJECT_ROOT / "config")
    (tmp_path / "var").mkdir()
    return tmp_path


@pytest.mark.slow
def test_a_newcomer_runs_every_role_command_in_the_readme_on_a_fresh_database(newcomer: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MEDBOT_", "Microsoft"))}
    env["DATABASE_URL"] = f"sqlite:///{newcomer / 'var' / 'medbot.db'}"
    outputs: dict[str, str] = {}

    for command in readme_commands():
        if command.startswith("make "):
            args = shlex.split(command)[1:]
            dry = make_dry_run(*args)
            if args[0] == "playground":
                role = next((a.split("=", 1)[1] for a in args if a.startswith("ROLE=")), EMPLOYEE)
                assert (ROLES_DIR / f"{role}.yml").is_file(), f"{command}: no config/playground/{role}.yml"
                assert f"config/playground/{role}.yml" in dry, command
            for name, flag in (("PORT", "--port"), ("PLAYGROUND_PORT", "-p")):
                port = next((a.split("=", 1)[1] for a in args if a.startswith(f"{name}=")), None)
                assert port is None or f"{flag} {port}" in dry, command
            continue
        chat = "medbot chat" in command
        result = subprocess.run(
            ["bash", "-c", command],
            cwd=newcomer,
            env=env,
            input="hjælp\n" if chat else "",
            capture_output=True,
            text=True,
            timeout=180,
        )
        assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
        outputs[command] = result.stdout
        if chat:
            expected = HELP[role_of_chat(command)]
            assert expected.shows in result.stdout, f"{command}\n{result.stdout}"
            for hidden in expected.hides:
                assert hidden not in result.stdout, f"{command} shows {hidden!r}:\n{result.stdout}"

    reminders = next(out for cmd, out in outputs.items() if "reminders run" in cmd)
    assert "afdelingsmed-oes" in reminders, reminders  # due, and nobody has the app yet: "Uden modtager"
    status = next(out for cmd, out in outputs.items() if "items status" in cmd)
    assert "AfdelingsMED Økonomi & Stab" in status, status
    assert (newcomer / "var" / "hoering-1.xlsx").stat().st_size > 0


# ---------------------------------------------------------------------------------------------------------------
# The roles in the Playground itself


@pytest.fixture
def playground_folder(role: str, tmp_path: Path) -> Path:
    """The Playground's working folder as `make playground ROLE=role` prepares it: the role's config in it."""
    folder = tmp_path / "playground"
    folder.mkdir()
    shutil.copy(ROLES_DIR / f"{role}.yml", folder / ".m365agentsplayground.yml")
    return folder


@pytest.fixture
def role_admins(role: str) -> frozenset[str]:
    """MEDBOT_ADMINS for the bot, as the Makefile sets it for this role."""
    return playground_admins(role)


@pytest.mark.slow
@pytest.mark.parametrize("role", ROLES)
async def test_in_the_playground_each_role_is_its_example_person_and_sees_its_own_help(
    role: str, playground_folder: Path, role_admins: frozenset[str], tmp_path: Path
) -> None:
    tools = require_tools("playwright-core", "@microsoft/m365agentsplayground")
    medbot = await start(sqlite_settings(tmp_path, admins=role_admins))
    try:
        async with playground_in(playground_folder, tools, f"{medbot.url}/api/messages") as url:
            report = await drive(
                tools, url=url, question="hjælp", expectAnswer=HELP[role].shows, screenshot=str(tmp_path / "hjælp.png")
            )
        with session_scope(medbot.runtime.engine) as session:
            reachable = session.exec(select(Conversation.user_aad_id).where(Conversation.kind == "personal")).all()
    finally:
        await medbot.stop()

    assert "error" not in report, f"{report.get('error')}\nsteps: {report['steps']}\nlog:\n{report.get('log')}"
    assert "Configuration file is loaded from" in report["log"], report["log"]
    for hidden in HELP[role].hides:
        assert hidden not in report["answerText"], report["answerText"]
    assert current_user(role)["aadObjectId"].lower() in reachable  # reminders and items can reach this person
