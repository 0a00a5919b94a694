"""Every card the bot can send, parsed and rendered by the Adaptive Cards library in headless Chromium.

A card Teams cannot render is a silent failure (an empty bubble), so each card must parse as version 1.5 with no
warning, use no element or property the renderer ignores, show all its text uncut at Teams' card width, and fit in
a Teams message. Pictures of every card land in var/cards/ (the README's come from `python -m tests.cards.pictures`).
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from bot.config import PROJECT_ROOT
from dialogs.base import PAYLOAD_VERSION
from dialogs.cards import CARD_VERSION
from tests.cards.catalog import Sample, samples
from tests.cards.harness import actions_in, render_cards, require_tools, result_for

SAMPLES = samples()
PICTURES = PROJECT_ROOT / "var" / "cards"
# Teams refuses messages over about 28 KB; 25 KB for the card leaves room for the activity around it.
MAX_CARD_BYTES = 25 * 1024


@pytest.fixture(scope="module")
def rendered() -> dict[str, Any]:
    """The renderer's report on the whole catalogue, from one browser session."""
    tools = require_tools("adaptivecards", "markdown-it", "playwright-core")
    return render_cards(tools, {s.name: s.card for s in SAMPLES}, PICTURES)


by_name = pytest.mark.parametrize("sample", SAMPLES, ids=lambda s: s.name)


def test_renderer_knows_universal_actions(rendered: dict[str, Any]) -> None:
    """Our input cards use Action.Execute; a renderer without it would drop every button."""
    assert rendered["library"]["executeRegistered"]


@by_name
def test_card_parses_and_renders_in_teams_renderer_without_any_warning(
    rendered: dict[str, Any], sample: Sample
) -> None:
    result = result_for(rendered, sample.name)
    assert result["events"] == [], "the renderer warned while parsing or validating"
    assert result["ignored"] == [], "the renderer ignores these properties (typo or newer than 1.5?)"
    assert result["pageErrors"] == []
    assert result["rendered"] and result["height"] > 0 and result["text"].strip()
    executes = [a for a in actions_in(sample.card) if a["type"] == "Action.Execute"]
    recognised = [a for a in result["actions"] if a["universal"]]
    assert [(a["title"], a["verb"]) for a in executes] == [(a["title"], a["verb"]) for a in recognised]


@by_name
def test_card_shows_all_its_text_as_written_at_teams_card_width(rendered: dict[str, Any], sample: Sample) -> None:
    result = result_for(rendered, sample.name)
    assert result["clipped"] == [], "text or button titles are cut off"
    assert result["accidentalLists"] == [], "Markdown made a numbered list of text starting with a number and a period"


@by_name
def test_card_is_version_1_5_fits_a_message_and_its_buttons_carry_the_medbot_payload(sample: Sample) -> None:
    """Action.Execute for what changes something; a plain Action.Submit with the payload for a tap that only opens an
    answer (`qa.open`: imBack fails silently in the Agents Playground); no imBack at all."""
    assert sample.card["type"] == "AdaptiveCard"
    assert sample.card["version"] == CARD_VERSION == "1.5"
    for action in actions_in(sample.card):
        data = action.get("data") or {}
        if action["type"] == "Action.Execute":
            assert data.get("medbot") == action["verb"] and data.get("v") == PAYLOAD_VERSION, action
        elif action["type"] == "Action.Submit" and "medbot" in data:
            assert data == {"medbot": "qa.open", "v": PAYLOAD_VERSION, "entry_id": data.get("entry_id")}, action
            assert isinstance(data["entry_id"], str) and data["entry_id"], action
        elif action["type"] == "Action.Submit":
            raise AssertionError(f"a submit without the medbot payload (imBack?): {action}")
    size = len(json.dumps(sample.card).encode("utf-8"))
    assert size <= MAX_CARD_BYTES, f"{size} bytes"
