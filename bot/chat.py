"""`medbot chat`: the bot in a terminal, through the same dialogs as Teams, for newcomers and editors.

Cards are shown as text; their buttons are numbered. Choosing a button asks for the card's input fields and then
runs the same action a click in Teams would.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from dialogs.base import Actor, Reply, Request, Response

CONVERSATION_ID = "terminal:chat"


@dataclass(frozen=True)
class Button:
    """A card button as the terminal offers it."""

    title: str
    action: str  # medbot action for Action.Execute/Submit, "" for imBack
    data: dict[str, Any]
    text: str = ""  # imBack: the text to post
    takes_inputs: bool = True  # False for `associatedInputs: none` ("Send", "Ret svar"): nothing to ask


def _walk(elements: list[Any]) -> Iterator[dict[str, Any]]:
    """Every element of a card body, depth first (containers, column sets, columns)."""
    for element in elements:
        if not isinstance(element, dict):
            continue
        yield element
        for key in ("items", "columns", "body"):
            children = element.get(key)
            if isinstance(children, list):
                yield from _walk(children)


def card_lines(card: dict[str, Any]) -> list[str]:
    """A card's visible text as plain lines (hidden containers included: a terminal has no toggles)."""
    lines: list[str] = []
    for element in _walk(card.get("body") or []):
        kind = element.get("type")
        if kind == "TextBlock" and element.get("text"):
            lines.append(str(element["text"]))
        elif kind == "FactSet":
            lines.extend(f"  {f.get('title')}: {f.get('value')}" for f in element.get("facts") or [])
        elif kind == "RichTextBlock":
            lines.append("".join(str(run.get("text", "")) for run in element.get("inlines") or []))
    return lines


def card_inputs(card: dict[str, Any]) -> list[dict[str, Any]]:
    """The input fields of a card, in order."""
    return [e for e in _walk(card.get("body") or []) if str(e.get("type", "")).startswith("Input.")]


def card_buttons(card: dict[str, Any]) -> list[Button]:
    """Buttons the terminal can press: Execute/Submit actions with a medbot payload, and imBack suggestions."""
    buttons: list[Button] = []
    actions = list(card.get("actions") or [])
    for element in _walk(card.get("body") or []):
        if element.get("type") == "ActionSet":
            actions.extend(element.get("actions") or [])
        if isinstance(element.get("selectAction"), dict):
            actions.append(element["selectAction"])
    for action in actions:
        data: dict[str, Any] = action["data"] if isinstance(action.get("data"), dict) else {}
        msteams: dict[str, Any] = data["msteams"] if isinstance(data.get("msteams"), dict) else {}
        if msteams.get("type") == "imBack":
            buttons.append(Button(str(action.get("title")), "", {}, str(msteams.get("value") or "")))
        elif data.get("medbot"):
            takes_inputs = str(action.get("associatedInputs", "auto")).lower() != "none"
            buttons.append(Button(str(action.get("title")), str(data["medbot"]), dict(data), "", takes_inputs))
    return buttons


def render(reply: Reply) -> tuple[list[str], list[Button]]:
    """What the terminal prints for one reply, and the buttons it offers."""
    if reply.card is None:
        return [reply.text], []
    return card_lines(reply.card), card_buttons(reply.card)


class TerminalChat:
    """One terminal conversation: keeps the last card so its buttons can be pressed by number."""

    def __init__(
        self,
        run: Callable[[Callable[[Actor, datetime], Request]], Response],
        ask: Callable[[str], str],
        say: Callable[[str], None],
    ) -> None:
        self.run = run
        self.ask = ask
        self.say = say
        self.card: dict[str, Any] | None = None
        self.buttons: list[Button] = []

    def handle(self, line: str) -> None:
        """A typed line: a button number when the last card has buttons, else a message."""
        line = line.strip()
        if line.isdigit() and 1 <= int(line) <= len(self.buttons):
            self.press(self.buttons[int(line) - 1])
        elif line:
            self.show(self.run(_builder(text=line)))

    def press(self, button: Button) -> None:
        """Ask for the card's inputs, then run the action (or post the imBack text)."""
        if not button.action:
            self.show(self.run(_builder(text=button.text)))
            return
        data = dict(button.data)
        for field in card_inputs(self.card or {}) if button.takes_inputs else []:
            label = str(field.get("label") or field.get("placeholder") or field.get("id"))
            default = str(field.get("value") or "")
            if field.get("type") == "Input.ChoiceSet":
                choices = ", ".join(f"{c.get('value')}={c.get('title')}" for c in field.get("choices") or [])
                label = f"{label} ({choices})"
            answer = self.ask(f"{label}{f' [{default}]' if default else ''}: ").strip()
            data[str(field.get("id"))] = answer or default
        self.show(self.run(_builder(action=button.action, data=data)))

    def show(self, response: Response) -> None:
        """Print replies and remember the buttons of the last card."""
        replies = list(response.replies)
        if response.card_update is not None:
            replies.insert(0, Reply(card=response.card_update))
        for reply in replies:
            lines, buttons = render(reply)
            self.say("\n".join(lines))
            if reply.card is not None:
                self.card, self.buttons = reply.card, buttons
                for number, button in enumerate(buttons, start=1):
                    self.say(f"  [{number}] {button.title}")


def _builder(
    *, text: str = "", action: str = "", data: dict[str, Any] | None = None
) -> Callable[[Actor, datetime], Request]:
    def build(actor: Actor, now: datetime) -> Request:
        return Request(
            actor=actor,
            conversation_id=CONVERSATION_ID,
            conversation_kind="personal",
            tenant_id="",
            now=now,
            text=text,
            action=action,
            data=data or {},
        )

    return build
