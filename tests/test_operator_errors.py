"""Operator mistakes end in one `medbot:` line and a non-zero exit, never a Python traceback (issue 10, point 4).

Each case runs the real `medbot` console script as a child process, as an operator or `make run` would.
"""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import Mapping
from datetime import date, timedelta
from pathlib import Path

import pytest

from bot.config import PROJECT_ROOT, Settings, SettingsError
from tests.support.processes import medbot_env

MEDBOT = Path(sys.executable).parent / "medbot"
ORGANISATION = PROJECT_ROOT / "config" / "organisation.yaml"
ANNA = "00000000-0000-4000-8000-000000000001"  # Anna Fiktivsen in config/organisation.yaml
STRANGER = "11111111-2222-4333-8444-555555555555"
UNREACHABLE = "postgresql://postgres:hemmelig@127.0.0.1:1/test"  # nothing listens on port 1
CHAT_BANNER = "MED-assistenten i terminalen"


def medbot(
    *args: str, database_url: str, env: Mapping[str, str] | None = None, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    """Run `medbot ARGS` in emulator mode on `database_url`; the timeout catches a command that should have stopped."""
    return subprocess.run(
        [str(MEDBOT), *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        env=medbot_env(database_url, env),
        timeout=60,
        check=False,
    )


def refusal(done: subprocess.CompletedProcess[str]) -> str:
    """The one `medbot:` line of a refused command, after checking the exit code and that no traceback shows."""
    output = done.stdout + done.stderr
    assert done.returncode != 0, output
    assert "Traceback" not in output
    lines = [line for line in done.stderr.splitlines() if line.startswith("medbot:")]
    assert len(lines) == 1, output
    return lines[0]


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    """An SQLite file of this test alone (created by the command, if it gets that far)."""
    return f"sqlite:///{tmp_path / 'medbot.db'}"


@pytest.fixture(scope="module")
def organisation_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The example organisation and one draft item (id 1), set up through the CLI as an operator does."""
    url = f"sqlite:///{tmp_path_factory.mktemp('organisation') / 'medbot.db'}"
    imported = medbot("org", "import", str(ORGANISATION), database_url=url)
    assert imported.returncode == 0, imported.stderr
    deadline = (date.today() + timedelta(days=30)).isoformat()
    created = medbot(
        *("items", "create", "--title", "Kutymefridage", "--body", "Baggrund", "--deadline", deadline),
        *("--question", "Hvad betyder det for jer?"),
        database_url=url,
    )
    assert created.returncode == 0, created.stderr
    return url


def test_serve_on_a_port_already_in_use_says_so_instead_of_a_traceback(database_url: str) -> None:
    with socket.socket() as occupant:
        occupant.bind(("127.0.0.1", 0))
        occupant.listen()
        port = occupant.getsockname()[1]
        done = medbot("serve", "--host", "127.0.0.1", "--port", str(port), database_url=database_url)
    line = refusal(done)
    assert f"Port {port} på 127.0.0.1 er allerede i brug" in line
    assert "--port" in line


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_export_into_a_folder_that_does_not_exist_names_the_folder(
    organisation_url: str, tmp_path: Path, file_format: str
) -> None:
    missing = tmp_path / "findes-ikke"
    done = medbot(
        *("items", "export", "1", "--format", file_format, "-o", str(missing / f"svar.{file_format}")),
        database_url=organisation_url,
    )
    assert f"Mappen {missing} findes ikke" in refusal(done)
    assert not missing.exists()


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_export_onto_a_folder_asks_for_a_file_name(organisation_url: str, tmp_path: Path, file_format: str) -> None:
    done = medbot("items", "export", "1", "--format", file_format, "-o", str(tmp_path), database_url=organisation_url)
    line = refusal(done)
    assert f"{tmp_path} er en mappe; angiv et filnavn" in line
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("url", "named"),
    [
        ("mysql://medbot:hemmelig@db.example.invalid/medbot", "'mysql'"),
        ("foo://", "'foo'"),
        ("det er ikke en url", "ikke en database-URL"),
    ],
    ids=["mysql", "unknown-scheme", "garbage"],
)
def test_database_url_for_an_unsupported_database_is_refused(url: str, named: str) -> None:
    line = refusal(medbot("db", "upgrade", database_url=url))
    assert named in line
    assert "sqlite:///" in line and "postgresql://" in line  # what to write instead
    assert "hemmelig" not in line


@pytest.mark.parametrize(
    "command",
    [("db", "upgrade"), ("serve",), ("items", "status", "1"), ("outbox", "list")],
    ids=["db-upgrade", "serve", "items-status", "outbox-list"],
)
def test_unreachable_database_is_named_without_its_password(command: tuple[str, ...]) -> None:
    done = medbot(*command, database_url=UNREACHABLE)
    line = refusal(done)
    assert "Databasen postgresql://postgres:***@127.0.0.1:1/test kan ikke bruges" in line
    assert "Tjek DATABASE_URL" in line
    assert "hemmelig" not in done.stdout + done.stderr


def test_unknown_timezone_is_refused_before_the_command_runs(database_url: str) -> None:
    done = medbot("items", "status", "1", database_url=database_url, env={"MEDBOT_TIMEZONE": "Europe/Albertslund"})
    line = refusal(done)
    assert "MEDBOT_TIMEZONE='Europe/Albertslund' er ikke en kendt tidszone" in line
    assert "Europe/Copenhagen" in line


@pytest.mark.parametrize("days", ["halvt år", "-30", "0"], ids=["words", "negative", "zero"])
def test_retention_days_that_are_not_a_positive_whole_number_are_refused(database_url: str, days: str) -> None:
    done = medbot("items", "status", "1", database_url=database_url, env={"MEDBOT_RETENTION_DAYS": days})
    assert f"MEDBOT_RETENTION_DAYS={days!r} er ikke et helt antal dage" in refusal(done)


@pytest.mark.parametrize(
    ("name", "value", "low", "high"),
    [
        ("MEDBOT_DRAIN_SECONDS", "tyve", 0, 3600),
        ("MEDBOT_DRAIN_SECONDS", "3601", 0, 3600),
        ("MEDBOT_DRAIN_SECONDS", "-1", 0, 3600),
        ("MEDBOT_EVALUATE_SECONDS", "0", 1, 86_400),
        ("MEDBOT_EVALUATE_SECONDS", "1.5", 1, 86_400),
    ],
)
def test_drain_and_evaluate_seconds_out_of_bounds_are_refused_with_their_name(
    name: str, value: str, low: int, high: int
) -> None:
    with pytest.raises(SettingsError) as refused:
        Settings.from_env({name: value})
    assert f"{name}={value!r} er ikke et helt antal sekunder mellem {low} og {high}" in str(refused.value)


def test_drain_and_evaluate_seconds_at_their_bounds_and_defaults() -> None:
    edges = Settings.from_env({"MEDBOT_DRAIN_SECONDS": "0", "MEDBOT_EVALUATE_SECONDS": "86400"})
    assert (edges.drain_seconds, edges.evaluate_seconds) == (0, 86_400)
    defaults = Settings.from_env({})
    assert (defaults.drain_seconds, defaults.evaluate_seconds) == (20, 300)


def test_valid_settings_are_read_as_written() -> None:
    settings = Settings.from_env({"MEDBOT_TIMEZONE": " Europe/Copenhagen ", "MEDBOT_RETENTION_DAYS": "30"})
    assert (settings.timezone, settings.retention_days) == ("Europe/Copenhagen", 30)
    assert (Settings.from_env({}).timezone, Settings.from_env({}).retention_days) == ("Europe/Copenhagen", 180)


def test_chat_as_someone_outside_the_organisation_says_so_and_does_not_start(organisation_url: str) -> None:
    done = medbot("chat", "--as", STRANGER, database_url=organisation_url, stdin="hjælp\nfarvel\n")
    line = refusal(done)
    assert f"Personen »{STRANGER}« findes ikke i organisationen" in line
    assert "medbot org import" in line
    assert CHAT_BANNER not in done.stdout


def test_chat_as_a_person_from_the_organisation_starts(organisation_url: str) -> None:
    done = medbot("chat", "--as", ANNA.upper(), database_url=organisation_url, stdin="farvel\n")
    assert done.returncode == 0, done.stderr
    assert CHAT_BANNER in done.stdout
