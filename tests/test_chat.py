"""`medbot chat`: the same dialogs in a terminal, cards as text with numbered buttons."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from bot.chat import card_buttons, card_lines
from dialogs.cards import card, execute, facts, heading, text
from tests.conftest import ADMIN

# A suggestion button of an older card: it posts its text as if the user typed it.
IM_BACK = {
    "type": "Action.Submit",
    "title": "Barns 2. sygedag",
    "data": {"msteams": {"type": "imBack", "value": "barns 2. sygedag"}},
}


def test_card_is_shown_as_text_with_numbered_buttons() -> None:
    shown = card(
        [heading("Titel"), text("Brødtekst"), facts([("Kilde", "Plan MED 2024-2025")])],
        [execute("👍", "answer.rate", entry_id="x", helpful=True), IM_BACK],
    )
    assert card_lines(shown) == ["Titel", "Brødtekst", "  Kilde: Plan MED 2024-2025"]
    buttons = card_buttons(shown)
    assert [(b.title, b.action, b.text) for b in buttons] == [
        ("👍", "answer.rate", ""),
        ("Barns 2. sygedag", "", "barns 2. sygedag"),
    ]
    assert buttons[0].data["entry_id"] == "x"


def test_terminal_chat_answers_help_for_an_admin(tmp_path: Path) -> None:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'chat.db'}", "MEDBOT_ADMINS": ADMIN}
    result = subprocess.run(
        [sys.executable, "-m", "bot", "chat", "--as", ADMIN],
        input="hjælp\nfarvel\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Det kan jeg hjælpe med" in result.stdout
    assert "genindlæs" in result.stdout  # the admin's own commands are listed


def test_a_button_without_inputs_asks_for_nothing() -> None:
    send = {**execute("Send", "feedback.send", item_id=1), "associatedInputs": "none"}
    shown = card([text("Forhåndsvisning"), {"type": "Input.Text", "id": "title", "label": "Titel"}], [send])
    [button] = card_buttons(shown)
    assert not button.takes_inputs
    assert card_buttons(card([text("x")], [execute("Gem", "feedback.draft")]))[0].takes_inputs
