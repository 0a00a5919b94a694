"""Help, welcome, linking a channel to a committee (`tilknyt`) and reloading knowledge (`genindlæs`)."""

from __future__ import annotations

from rapidfuzz import fuzz, process, utils

from dialogs.base import Handler, Request, Response, Turn
from dialogs.cards import admin as cards
from dialogs.roles import can_administer
from storage import org

# A committee name scoring this much above the runner-up is taken without asking.
_CLEAR_WINNER = 8.0
_MIN_SCORE = 60.0


def welcome() -> Response:
    """The first message after install."""
    return Response.show(cards.welcome_card(), cards.WELCOME_TITLE)


def show_help(request: Request, _turn: Turn) -> Response:
    """`hjælp`: what this user's role can do."""
    return Response.show(cards.help_card(request.actor), "Det kan jeg hjælpe med")


def link_channel(request: Request, turn: Turn) -> Response:
    """`tilknyt <udvalg>` in a channel: fuzzy-match the committee, ask when the match is ambiguous."""
    if not can_administer(request.actor):
        return Response.say(cards.LINK_ADMIN_ONLY)
    if request.conversation_kind != "channel":
        return Response.say(cards.LINK_ONLY_IN_CHANNEL)
    name = request.args.strip()
    if not name:
        return Response.say(cards.LINK_MISSING_NAME)
    committees = {c.id: c.name for c in org.committees(turn.session)}
    matches = process.extract(name, committees, scorer=fuzz.WRatio, processor=utils.default_process, limit=5)
    matches = [m for m in matches if m[1] >= _MIN_SCORE]
    if not matches:
        return Response.say(cards.LINK_NO_MATCH.format(name=name))
    exact = [m for m in matches if utils.default_process(m[0]) == utils.default_process(name)]
    if len(exact) == 1 or len(matches) == 1 or matches[0][1] - matches[1][1] >= _CLEAR_WINNER:
        best = exact[0] if len(exact) == 1 else matches[0]
        committee = org.link_channel(turn.session, str(best[2]), request.conversation_id)
        return Response.say(cards.LINK_DONE.format(committee=committee.name))
    candidates = [(str(key), label) for label, _score, key in matches]
    return Response.show(cards.link_choice_card(name, candidates), "Hvilket udvalg mener du?")


def confirm_link(request: Request, turn: Turn) -> Response:
    """The button on the ambiguity card: link the chosen committee, replace the card with a receipt."""
    if not can_administer(request.actor):
        return Response.say(cards.LINK_ADMIN_ONLY)
    if request.conversation_kind != "channel":
        return Response.say(cards.LINK_ONLY_IN_CHANNEL)
    committee_id = request.data.get("committee_id")
    chosen = turn.session.get(org.Committee, committee_id) if isinstance(committee_id, str) else None
    if chosen is None or not chosen.active:
        # Checked before linking: linking first unlinks the channel's current committee.
        return Response.say(cards.LINK_STALE)
    committee = org.link_channel(turn.session, chosen.id, request.conversation_id)
    return Response(card_update=cards.link_done_card(committee.name))


def reload_knowledge(request: Request, turn: Turn) -> Response:
    """`genindlæs`: validate and build first; the old knowledge stays active on any error."""
    if not can_administer(request.actor):
        return Response.say(cards.RELOAD_ADMIN_ONLY)
    outcome = turn.knowledge.reload(by=request.actor.aad_object_id)
    return Response.show(cards.reload_card(outcome), "Genindlæsning af vidensbasen")


COMMANDS: dict[str, Handler] = {
    "hjælp": show_help,
    "hjaelp": show_help,
    "help": show_help,
    "tilknyt": link_channel,
    "genindlæs": reload_knowledge,
    "genindlaes": reload_knowledge,
}
ACTIONS: dict[str, Handler] = {"admin.link": confirm_link}
