"""The Node side of the card and Playground tests: where it is installed, and how to run it.

The npm packages (adaptivecards, playwright-core, the Agents Playground, the Teams manifest schemas) are
installed outside git by `make node-deps` into MEDBOT_NODE_DIR (default ~/.cache/medbot/node); the browser is
Debian's `chromium`. Where either is missing the tests skip and say why, except in CI (MEDBOT_REQUIRE_BROWSER=1),
where a missing tool is a failure: there these tests must run.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
NODE_DIR = Path(os.environ.get("MEDBOT_NODE_DIR") or Path.home() / ".cache" / "medbot" / "node")
MODULES = NODE_DIR / "node_modules"
INSTALL_HINT = "run `make node-deps` (needs npm) and `apt-get install chromium`"


@dataclass(frozen=True)
class Tools:
    """Everything a Node script of ours needs to run."""

    node: str
    chromium: str

    def env(self) -> dict[str, str]:
        """The environment for a Node script: our node_modules on NODE_PATH, the browser to use."""
        return {**os.environ, "NODE_PATH": str(MODULES), "MEDBOT_CHROMIUM": self.chromium}


def missing(*packages: str) -> str | None:
    """Why the Node side cannot run here (first missing tool), or None when everything is installed."""
    if shutil.which("node") is None:
        return "node is not installed"
    if chromium_path() is None:
        return "Chromium is not installed (Debian package `chromium`)"
    for name in packages:
        reason = missing_package(name)
        if reason is not None:
            return reason
    return None


def chromium_path() -> str | None:
    """Debian's Chromium, or the browser MEDBOT_CHROMIUM names."""
    return os.environ.get("MEDBOT_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


def find_tools(*packages: str) -> Tools:
    """The tools, or RuntimeError naming what is missing and how to install it."""
    reason = missing(*packages)
    node, chromium = shutil.which("node"), chromium_path()
    if reason is not None or node is None or chromium is None:
        raise RuntimeError(f"{reason}: {INSTALL_HINT}")
    return Tools(node=node, chromium=chromium)


def skip_or_fail(reason: str) -> None:
    """Skip locally; fail in CI, where the renderer tests are required."""
    if os.environ.get("MEDBOT_REQUIRE_BROWSER"):
        pytest.fail(f"{reason}; CI requires the renderer tests (MEDBOT_REQUIRE_BROWSER=1)")
    pytest.skip(f"{reason}: {INSTALL_HINT}")


def require_package(name: str) -> Path:
    """The installed npm package's folder, or a skip (fail in CI) that says how to install it."""
    reason = missing_package(name)
    if reason is not None:
        skip_or_fail(reason)
    return MODULES / name


def missing_package(name: str) -> str | None:
    """Why an npm package cannot be used (not installed), or None."""
    if (MODULES / name / "package.json").is_file():
        return None
    return f"npm package {name} is not installed in {MODULES}"


def require_tools(*packages: str) -> Tools:
    """Node, Chromium and the given npm packages, or a skip (fail in CI) that names what is missing."""
    reason = missing(*packages)
    if reason is not None:
        skip_or_fail(reason)
    return find_tools(*packages)


def render_cards(tools: Tools, cards: dict[str, dict[str, Any]], out_dir: Path) -> dict[str, Any]:
    """Parse, validate and render every card in Chromium; returns the renderer's report and writes one PNG each."""
    out_dir.mkdir(parents=True, exist_ok=True)
    request = out_dir / "cards.json"
    request.write_text(json.dumps([{"name": name, "card": card} for name, card in cards.items()]), encoding="utf-8")
    completed = subprocess.run(
        [tools.node, str(HERE / "render.cjs"), str(request), str(out_dir)],
        env=tools.env(),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if completed.returncode != 0:
        raise RuntimeError(f"render.cjs failed ({completed.returncode}):\n{completed.stderr}{completed.stdout}")
    report: dict[str, Any] = json.loads((out_dir / "results.json").read_text(encoding="utf-8"))
    return report


def result_for(rendered: dict[str, Any], name: str) -> dict[str, Any]:
    """The renderer's findings for the card called `name`."""
    found: dict[str, Any] = next(r for r in rendered["results"] if r["name"] == name)
    return found


def actions_in(node: Any) -> Iterator[dict[str, Any]]:
    """Every action anywhere in a card (card actions, ActionSets, select actions)."""
    if isinstance(node, dict):
        if str(node.get("type", "")).startswith("Action."):
            yield node
        for value in node.values():
            yield from actions_in(value)
    elif isinstance(node, list):
        for item in node:
            yield from actions_in(item)
