"""Which dialog handles a turn, and who may start it where: the route table.

Every command word and card action is declared once below with its handler, who may use it, where (a 1:1 chat,
a channel, or anywhere) and the Danish refusal. The router checks both before the handler runs, so a new action
is safe without its author remembering a guard; the handlers keep only the checks that need the database (is this
your committee, is the item still open). `tests/test_role_matrix.py` walks this table.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from dialogs import admin, drafts, escalations, feedback, qa, reminders, texts
from dialogs.admin import texts as admin_texts
from dialogs.base import PAYLOAD_VERSION, Actor, Handler, Request, Response, Turn
from dialogs.cards import qa as qa_cards
from dialogs.drafts import model as draft_model
from dialogs.drafts import texts as draft_texts
from dialogs.escalations import texts as escalation_texts
from dialogs.feedback import texts as feedback_texts
from dialogs.reminders import texts as reminder_texts
from dialogs.roles import can_administer, can_manage_items, can_see_all_committees


class Where(enum.StrEnum):
    """The kind of conversation a route works in (Teams' conversationType)."""

    ANYWHERE = "anywhere"
    PERSONAL = "personal"
    CHANNEL = "channel"


def anyone(_actor: Actor) -> bool:
    """Every user: questions, help, ratings, and actions whose check needs the database (done in the handler)."""
    return True


@dataclass(frozen=True)
class Route:
    """One command or card action: its handler, who may use it (`refusal` otherwise) and where (`elsewhere`)."""

    handler: Handler
    who: Callable[[Actor], bool] = anyone
    refusal: str = ""
    where: Where = Where.ANYWHERE
    elsewhere: str = ""
    takes: Callable[[str], bool] | None = None  # a command whose words after it do not fit is a question instead

    def __post_init__(self) -> None:
        if self.who is not anyone and not self.refusal:
            raise ValueError(f"{self.handler.__name__}: a route limited to some users needs its refusal")
        if self.where is not Where.ANYWHERE and not self.elsewhere:
            raise ValueError(f"{self.handler.__name__}: a route limited to one kind of chat needs its refusal")

    def refused(self, request: Request) -> str:
        """The refusal for this request, or '' when it may go on: who is asked before where."""
        if not self.who(request.actor):
            return self.refusal
        if self.where is not Where.ANYWHERE and request.conversation_kind != self.where:
            return self.elsewhere
        return ""


def _item_id_or_nothing(args: str) -> bool:
    """`status` or `status 12`; `status på min sygemelding` is a question."""
    return not args or feedback.parse_id(args) is not None


_HELP = Route(admin.show_help)
_RELOAD = Route(admin.reload_knowledge, can_administer, admin_texts.RELOAD_ADMIN_ONLY)
_LINK = Route(
    admin.link_channel, can_administer, admin_texts.LINK_ADMIN_ONLY, Where.CHANNEL, admin_texts.LINK_ONLY_IN_CHANNEL
)
_UNLINK = Route(
    admin.unlink_channel,
    can_administer,
    admin_texts.UNLINK_ADMIN_ONLY,
    Where.CHANNEL,
    admin_texts.UNLINK_ONLY_IN_CHANNEL,
)
_NEW_ITEM = Route(
    feedback.new_item, can_manage_items, feedback_texts.NOT_MANAGER, Where.PERSONAL, feedback_texts.ONLY_PERSONAL
)
_REMINDERS = Route(reminders.overview)
_NEW_DRAFT = Route(drafts.new_draft, can_administer, draft_texts.NOT_ADMIN, Where.PERSONAL, draft_texts.ONLY_PERSONAL)

COMMANDS: Mapping[str, Route] = {
    "hjælp": _HELP,
    "hjaelp": _HELP,
    "help": _HELP,
    "tilknyt": _LINK,
    "fjern tilknytning": _UNLINK,
    "genindlæs": _RELOAD,
    "genindlaes": _RELOAD,
    "ny høring": _NEW_ITEM,
    "ny hoering": _NEW_ITEM,
    "status": Route(
        feedback.show_status, can_see_all_committees, feedback_texts.STATUS_NOT_ALLOWED, takes=_item_id_or_nothing
    ),
    "påmindelser": _REMINDERS,
    "paamindelser": _REMINDERS,
    "ny kladde": _NEW_DRAFT,
}

ACTIONS: Mapping[str, Route] = {
    "admin.link": replace(_LINK, handler=admin.confirm_link),
    "feedback.draft": Route(feedback.save_draft, can_manage_items, feedback_texts.NOT_MANAGER),
    "feedback.revise": Route(feedback.revise_draft, can_manage_items, feedback_texts.NOT_MANAGER),
    "feedback.send": Route(feedback.send, can_manage_items, feedback_texts.NOT_MANAGER),
    "feedback.unschedule": Route(feedback.unschedule, can_manage_items, feedback_texts.NOT_MANAGER),
    "feedback.close": Route(feedback.close, can_manage_items, feedback_texts.NOT_MANAGER),
    "feedback.retry": Route(feedback.retry, can_manage_items, feedback_texts.NOT_MANAGER),
    # Changes after sending: 'Ret høringen' (form, save) and 'Træk tilbage' (confirmation, withdraw).
    "feedback.edit": Route(feedback.edit_item, can_manage_items, feedback_texts.NOT_MANAGER),
    "feedback.change": Route(feedback.save_change, can_manage_items, feedback_texts.NOT_MANAGER),
    "feedback.withdraw": Route(feedback.confirm_withdraw, can_manage_items, feedback_texts.NOT_MANAGER),
    "feedback.withdraw.confirm": Route(feedback.withdraw, can_manage_items, feedback_texts.NOT_MANAGER),
    "feedback.answers": Route(feedback.show_answers, can_see_all_committees, feedback_texts.STATUS_NOT_ALLOWED),
    # The download link works for whoever holds it for a few minutes: it is handed out only in a 1:1 chat.
    "feedback.export": Route(
        feedback.offer_download,
        can_see_all_committees,
        feedback_texts.STATUS_NOT_ALLOWED,
        Where.PERSONAL,
        feedback_texts.EXPORT_ONLY_PERSONAL,
    ),
    # A committee's answer: whether the clicker sits in that committee is the handler's check (it needs the item).
    "feedback.submit": Route(feedback.submit),
    "feedback.amend": Route(feedback.amend),
    # Whether the clicker is the committee's secretary or chair is the handler's check (it needs the occurrence).
    reminder_texts.DONE_ACTION: Route(reminders.mark_done),
    reminder_texts.SNOOZE_ACTION: Route(reminders.snooze),
    qa_cards.RATE_ACTION: Route(qa.rate),
    qa_cards.OPEN_ACTION: Route(qa.open_entry),
    # "Spørg HR & Løn": the employee's name goes with the question, so only from a 1:1 chat, never a channel.
    escalation_texts.ASK_ACTION: Route(escalations.ask, where=Where.PERSONAL, elsewhere=escalation_texts.ONLY_PERSONAL),
    escalation_texts.CONFIRM_ACTION: Route(
        escalations.confirm, where=Where.PERSONAL, elsewhere=escalation_texts.ONLY_PERSONAL
    ),
    escalation_texts.CANCEL_ACTION: Route(escalations.cancel),
    # HR & Løn are the admins; whether the escalation still exists and is open is the handler's check.
    escalation_texts.TAKE_ACTION: Route(escalations.take, can_administer, escalation_texts.NOT_HR),
    escalation_texts.ANSWER_ACTION: Route(escalations.answer, can_administer, escalation_texts.NOT_HR),
    draft_model.NEW_ACTION: Route(drafts.open_form, can_administer, draft_texts.NOT_ADMIN),
    draft_model.SAVE_ACTION: Route(drafts.save, can_administer, draft_texts.NOT_ADMIN),
}

_COMMAND_WORDS = sorted(COMMANDS, key=len, reverse=True)
_TRAILING = re.compile(r"[\s.!?]+$")


def split_command(text: str) -> tuple[str, str] | None:
    """(`command`, `args`) when the message starts with a command word, else None."""
    cleaned = _TRAILING.sub("", " ".join(text.split())).lower()
    for word in _COMMAND_WORDS:
        if cleaned == word or cleaned.startswith(word + " "):
            return word, " ".join(text.split())[len(word) :].strip()
    return None


def route_message(request: Request, turn: Turn) -> Response:
    """A typed message: a command when it starts with one, otherwise a question for the knowledge base."""
    command = split_command(request.text)
    if command is None:
        return qa.answer(request, turn)
    word, args = command
    route = COMMANDS[word]
    if route.takes is not None and not route.takes(args):
        return qa.answer(request, turn)
    return _run(route, replace(request, args=args), turn)


def route_action(request: Request, turn: Turn) -> Response:
    """A card submit: to the dialog named by the payload; unknown or future versions change nothing."""
    route = ACTIONS.get(request.action)
    if route is None:
        return Response.say(texts.UNKNOWN_ACTION)
    if payload_version(request.data.get("v", PAYLOAD_VERSION)) is None:
        return Response.say(texts.UNKNOWN_VERSION)
    return _run(route, request, turn)


def _run(route: Route, request: Request, turn: Turn) -> Response:
    """The handler, after the route's own checks; a refusal returns before anything is read or written."""
    refusal = route.refused(request)
    return Response.say(refusal) if refusal else route.handler(request, turn)


def routes() -> Iterable[tuple[str, Route]]:
    """Every command word and card action with its route (the role-matrix test walks them)."""
    yield from COMMANDS.items()
    yield from ACTIONS.items()


def payload_version(value: Any) -> int | None:
    """The card payload version this server handles, or None.

    A whole number is a version however JSON wrote it (`1` or `1.0`: some clients round-trip numbers through
    floats); a string, a boolean, a fraction or a version from a newer server is not.
    """
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= PAYLOAD_VERSION:
        return None
    return value
