"""Adaptive Card building blocks (schema 1.5, the highest Teams renders); pure functions returning dicts.

Each capability builds its cards in its own module here (`qa`, `feedback`, `reminders`, `admin`) with the Danish
text beside them; this module holds the shared envelope and elements so every card looks and behaves alike.
"""

from __future__ import annotations

from typing import Any

from dialogs.base import PAYLOAD_VERSION

CARD_VERSION = "1.5"
SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json"

Element = dict[str, Any]


def card(body: list[Element], actions: list[Element] | None = None, *, fallback: str = "") -> dict[str, Any]:
    """The Adaptive Card envelope; `fallback` is what a client that cannot render cards shows."""
    result: dict[str, Any] = {
        "type": "AdaptiveCard",
        "$schema": SCHEMA,
        "version": CARD_VERSION,
        "body": body,
    }
    if actions:
        result["actions"] = actions
    if fallback:
        result["fallbackText"] = fallback
    return result


def heading(text: str, *, size: str = "Large") -> Element:
    """A card title."""
    return {
        "type": "TextBlock",
        "text": text,
        "size": size,
        "weight": "Bolder",
        "wrap": True,
        "style": "heading",
    }


def text(
    value: str,
    *,
    subtle: bool = False,
    size: str = "Default",
    spacing: str = "Default",
    weight: str = "Default",
    color: str = "Default",
) -> Element:
    """A wrapped paragraph (Markdown subset as Teams renders it)."""
    block: Element = {"type": "TextBlock", "text": value, "wrap": True}
    if subtle:
        block["isSubtle"] = True
    for key, val in (("size", size), ("spacing", spacing), ("weight", weight), ("color", color)):
        if val != "Default":
            block[key] = val
    return block


def facts(pairs: list[tuple[str, str]]) -> Element:
    """A label/value list."""
    return {"type": "FactSet", "facts": [{"title": title, "value": value} for title, value in pairs]}


def container(
    items: list[Element],
    *,
    style: str = "",
    element_id: str = "",
    visible: bool = True,
    separator: bool = False,
) -> Element:
    """A group of elements; hidden ones are shown by a toggle."""
    block: Element = {"type": "Container", "items": items}
    if style:
        block["style"] = style
    if element_id:
        block["id"] = element_id
    if not visible:
        block["isVisible"] = False
    if separator:
        block["separator"] = True
    return block


def payload(action: str, **data: Any) -> dict[str, Any]:
    """The data object every medbot action carries (docs/architecture.md: `medbot` + `v` + ids)."""
    return {"medbot": action, "v": PAYLOAD_VERSION, **data}


def execute(title: str, action: str, *, style: str = "", **data: Any) -> Element:
    """An Action.Execute (Universal Actions): Teams sends an invoke and replaces the card with our answer."""
    block: Element = {
        "type": "Action.Execute",
        "title": title,
        "verb": action,
        "data": payload(action, **data),
    }
    if style:
        block["style"] = style
    return block


def submit(title: str, action: str, **data: Any) -> Element:
    """A plain Action.Submit carrying the medbot payload: a tap that opens something and changes nothing.

    Unlike imBack it posts no text on the user's behalf, so it works where imBack does not (Microsoft 365 Agents
    Playground drops imBack silently), and the bot gets an id rather than a title to look up.
    """
    return {"type": "Action.Submit", "title": title, "data": payload(action, **data)}


def tap_row(label: str, action: Element) -> Element:
    """A full-width tappable row: unlike a button, a long label wraps instead of being cut off at card width."""
    row = container([text(f"➜ {label}", weight="Bolder", color="Accent")], style="emphasis")
    row["selectAction"] = action
    return row


def toggle(title: str, *element_ids: str) -> Element:
    """Show or hide elements in place, without a round trip to the bot."""
    return {"type": "Action.ToggleVisibility", "title": title, "targetElements": list(element_ids)}


def open_url(title: str, url: str) -> Element:
    """A link button."""
    return {"type": "Action.OpenUrl", "title": title, "url": url}
