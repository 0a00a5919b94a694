"""Time is an input: only bot/clock.py reads the wall clock, and the suite's clock shift reaches child processes."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from bot.config import PROJECT_ROOT

WALL_CLOCK = re.compile(r"utcnow\(\)|datetime\.now\(|date\.today\(|time\.time\(\)|datetime\.today\(")
CLOCK_MODULE = PROJECT_ROOT / "bot" / "clock.py"


def wall_clock_reads() -> list[str]:
    """`file:line: text` of every wall-clock read in the product packages outside the clock module."""
    found = []
    for package in ("bot", "dialogs", "knowledge", "storage"):
        for path in sorted((PROJECT_ROOT / package).rglob("*.py")):
            if path == CLOCK_MODULE:
                continue
            for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
                if WALL_CLOCK.search(line):
                    found.append(f"{path.relative_to(PROJECT_ROOT)}:{number}: {line.strip()}")
    return found


def test_only_the_clock_module_reads_the_wall_clock() -> None:
    assert wall_clock_reads() == []


def test_the_check_finds_a_wall_clock_read(tmp_path: Path) -> None:
    assert WALL_CLOCK.search("    created = datetime.now(UTC)")
    assert WALL_CLOCK.search("today = date.today()")
    assert not WALL_CLOCK.search("now = clock.now()")


def child_today() -> date:
    """The date a freshly started Python process sees (it inherits PYTHONPATH and the shift variables)."""
    output = subprocess.run(
        [sys.executable, "-c", "import datetime; print(datetime.date.today().isoformat())"],
        capture_output=True,
        text=True,
        check=True,
        env=dict(os.environ),
        timeout=60,
    ).stdout
    return date.fromisoformat(output.strip())


def real_now(tmp_path: Path) -> datetime:
    """The machine's real time, read from a new file's modification time: a shifted Python clock cannot move it."""
    probe = tmp_path / "probe"
    probe.write_text("x")
    return datetime.fromtimestamp(probe.stat().st_mtime, UTC)


def test_child_processes_see_the_same_day_as_the_tests() -> None:
    before = date.today()
    assert child_today() in {before, date.today()}


@pytest.mark.skipif(not os.environ.get("MEDBOT_CLOCK_SHIFT_DAYS"), reason="only in the future-dated run of .ci/run")
def test_future_dated_run_really_moved_the_clock(tmp_path: Path) -> None:
    shift = int(os.environ["MEDBOT_CLOCK_SHIFT_DAYS"])
    moved = datetime.fromtimestamp(time.time(), UTC) - real_now(tmp_path)
    assert abs(moved.total_seconds() - shift * 86400) < 3600
