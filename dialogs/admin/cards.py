"""Cards for welcome, help, channel linking and knowledge reload: pure functions of their inputs."""

from __future__ import annotations

from typing import Any

from dialogs.admin import texts
from dialogs.base import Actor, ReloadOutcome
from dialogs.cards import card, container, execute, facts, heading, tap_row, text

# How many errors and entry ids a reload card lists before it says how many more there are.
SHOWN_ERRORS = 15
SHOWN_IDS = 20


def welcome_card() -> dict[str, Any]:
    """Sent once when the app is installed: what the bot can do and how to start."""
    return card(
        [heading(texts.WELCOME_TITLE), text(texts.WELCOME_BODY), text(texts.ASK_HINT, subtle=True)],
        fallback=texts.WELCOME_TITLE,
    )


def help_card(actor: Actor) -> dict[str, Any]:
    """What this user's role can do, and nothing they cannot."""
    rows = list(texts.EVERYONE)
    if actor.seats:
        rows += texts.MEMBER
    if actor.secretary_of and not actor.is_kommunemed_lead:
        rows += texts.SECRETARY
    if actor.is_kommunemed_lead or actor.is_admin:
        rows += texts.KOMMUNEMED
    if actor.is_admin:
        rows += texts.ADMIN
    return card(
        [
            heading(texts.HELP_TITLE),
            facts(rows),
            text(texts.HELP_FOOTER, subtle=True),
        ],
        fallback=texts.HELP_TITLE,
    )


def link_choice_card(
    name: str, candidates: list[tuple[str, str]], before: str = "", more: bool = False
) -> dict[str, Any]:
    """When `tilknyt` fits several committees: one row per candidate (id, name).

    `before` names the committee the channel serves now (Markdown), which the choice replaces; `more` says that
    more committees fit than are shown.
    """
    rows = [tap_row(label, execute(label, "admin.link", committee_id=cid)) for cid, label in candidates]
    body = [heading(texts.LINK_CHOICE_TITLE, size="Medium"), text(texts.LINK_CHOICE_BODY.format(name=name))]
    if before:
        body.append(text(texts.LINK_CHOICE_REPLACES.format(before=before)))
    body += rows
    if more:
        body.append(text(texts.LINK_CHOICE_MORE, subtle=True))
    return card(body, fallback=texts.LINK_CHOICE_TITLE)


def link_done_card(receipt: str) -> dict[str, Any]:
    """Replaces the choice card once the channel is linked: the receipt, saying what the link replaced."""
    return card([text(receipt)], fallback=receipt.replace("**", ""))


def reload_card(outcome: ReloadOutcome) -> dict[str, Any]:
    """The result of `genindlæs`: what changed, or why the old knowledge is still active."""
    if not outcome.ok:
        shown = list(outcome.errors[:SHOWN_ERRORS])
        more = len(outcome.errors) - len(shown)
        body = [
            heading(texts.RELOAD_FAILED_TITLE, size="Medium"),
            text(texts.RELOAD_FAILED_BODY.format(version=outcome.version)),
            container([text("\n".join(f"- {e}" for e in shown), size="Small")], style="attention"),
        ]
        if more > 0:
            body.append(text(texts.RELOAD_MORE_ERRORS.format(more=more), subtle=True))
        return card(body, fallback=texts.RELOAD_FAILED_FALLBACK)

    def names(ids: tuple[str, ...]) -> str:
        more = f" … (+{len(ids) - SHOWN_IDS})" if len(ids) > SHOWN_IDS else ""
        return ", ".join(ids[:SHOWN_IDS]) + more if ids else texts.RELOAD_NONE

    return card(
        [
            heading(texts.RELOAD_DONE_TITLE, size="Medium"),
            facts(
                list(
                    zip(
                        texts.RELOAD_FACTS,
                        (outcome.version, names(outcome.added), names(outcome.changed), names(outcome.removed)),
                        strict=True,
                    )
                )
            ),
            text(texts.RELOAD_EVERYWHERE, subtle=True),
        ],
        fallback=texts.RELOAD_DONE_TITLE,
    )
