"""Help, welcome, linking a channel to a committee (`tilknyt`) and reloading knowledge (`genindlæs`)."""

from __future__ import annotations

from rapidfuzz import fuzz, process, utils

from dialogs.admin import cards, texts
from dialogs.base import Request, Response, Turn
from storage import org

# A committee name scoring this much above the runner-up is taken without asking.
_CLEAR_WINNER = 8.0
_MIN_SCORE = 60.0


def welcome() -> Response:
    """The first message after install."""
    return Response.show(cards.welcome_card(), texts.WELCOME_TITLE)


def show_help(request: Request, _turn: Turn) -> Response:
    """`hjælp`: what this user's role can do."""
    return Response.show(cards.help_card(request.actor), texts.HELP_TITLE)


def link_channel(request: Request, turn: Turn) -> Response:
    """`tilknyt <udvalg>` (admins, in a channel): fuzzy-match the committee, ask when the match is ambiguous."""
    name = request.args.strip()
    if not name:
        return Response.say(texts.LINK_MISSING_NAME)
    committees = {c.id: c.name for c in org.committees(turn.session)}
    matches = process.extract(name, committees, scorer=fuzz.WRatio, processor=utils.default_process, limit=5)
    matches = [m for m in matches if m[1] >= _MIN_SCORE]
    if not matches:
        return Response.say(texts.LINK_NO_MATCH.format(name=name))
    exact = [m for m in matches if utils.default_process(m[0]) == utils.default_process(name)]
    if len(exact) == 1 or len(matches) == 1 or matches[0][1] - matches[1][1] >= _CLEAR_WINNER:
        best = exact[0] if len(exact) == 1 else matches[0]
        committee = org.link_channel(turn.session, str(best[2]), request.conversation_id)
        return Response.say(texts.LINK_DONE.format(committee=committee.name))
    candidates = [(str(key), label) for label, _score, key in matches]
    return Response.show(cards.link_choice_card(name, candidates), texts.LINK_CHOICE_TITLE)


def confirm_link(request: Request, turn: Turn) -> Response:
    """The button on the ambiguity card: link the chosen committee, replace the card with a receipt."""
    committee_id = request.data.get("committee_id")
    chosen = turn.session.get(org.Committee, committee_id) if isinstance(committee_id, str) else None
    if chosen is None or not chosen.active:
        # Checked before linking: linking first unlinks the channel's current committee.
        return Response.say(texts.LINK_STALE)
    committee = org.link_channel(turn.session, chosen.id, request.conversation_id)
    return Response(card_update=cards.link_done_card(committee.name))


def reload_knowledge(request: Request, turn: Turn) -> Response:
    """`genindlæs` (admins): validate and build first; the old knowledge stays active on any error."""
    outcome = turn.knowledge.reload(by=request.actor.aad_object_id)
    return Response.show(cards.reload_card(outcome), texts.RELOAD_SUMMARY)
