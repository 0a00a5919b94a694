"""Help, welcome, linking a channel to a committee (`tilknyt`) and reloading knowledge (`genindlæs`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, utils

from dialogs.admin import cards, texts
from dialogs.base import Request, Response, Turn
from storage import org

# How well a word of `tilknyt <udvalg>` fits a word of a committee's name or id (0-100): the same word, the start
# of a longer one (at least 3 letters: »Ældre« fits »Ældreplejen«), else how alike they are (a typo scores ~85-95).
_SAME, _PREFIX, _MIN_PREFIX = 100.0, 95.0, 3
# A committee fits when every word fits at least this well; it fits closely enough to compete when at `_NEAR`.
_FITS, _NEAR = 85.0, 70.0
# Shown on the choice card when nothing fits every word: committees whose words fit this well on average.
_LOOSE = 60.0
_SHOWN = 5
# Words that say nothing about which committee: »Økonomi og Stab« is »Økonomi & Stab«.
_FILLER = frozenset({"og", "i"})


def welcome() -> Response:
    """The first message after install."""
    return Response.show(cards.welcome_card(), texts.WELCOME_TITLE)


def show_help(request: Request, _turn: Turn) -> Response:
    """`hjælp`: what this user's role can do."""
    return Response.show(cards.help_card(request.actor), texts.HELP_TITLE)


@dataclass(frozen=True)
class Match:
    """Which committee `tilknyt <udvalg>` means: one that clearly fits, else the candidates to choose from."""

    clear: org.Committee | None
    candidates: tuple[org.Committee, ...] = ()
    more: bool = False  # more candidates fit than the choice card shows


def match_committee(query: str, committees: Sequence[org.Committee]) -> Match:
    """The committee an admin means, linked at once only when no other could be meant.

    A wrong link sends a committee's items to another team's channel, so asking is cheap and guessing is not:
    the exact name or id, or the one committee every word fits when no other comes near; otherwise a choice.
    """
    wanted = utils.default_process(query)
    exact = [c for c in committees if wanted in (utils.default_process(c.name), utils.default_process(c.id))]
    if len(exact) == 1:
        return Match(exact[0])
    words = [w for w in wanted.split() if w not in _FILLER] or wanted.split()
    if not words:
        return Match(None)
    scored = sorted(
        ((_fit(words, c), c) for c in committees), key=lambda pair: (-pair[0][0], -pair[0][1], pair[1].name)
    )
    fitting = [c for (worst, _mean), c in scored if worst >= _FITS]
    near = [c for (worst, _mean), c in scored if worst >= _NEAR]
    if len(fitting) == 1 and len(near) == 1:
        return Match(fitting[0])
    candidates = near or [c for (_worst, mean), c in scored if mean >= _LOOSE]
    return Match(None, tuple(candidates[:_SHOWN]), more=len(candidates) > _SHOWN)


def _fit(words: list[str], committee: org.Committee) -> tuple[float, float]:
    """How well the words fit the committee: (the worst-fitting word, the average), each word at its best."""
    own = set(utils.default_process(committee.name).split()) | set(utils.default_process(committee.id).split())
    scores = [max(_word_fit(word, other) for other in own) if own else 0.0 for word in words]
    return min(scores), sum(scores) / len(scores)


def _word_fit(word: str, other: str) -> float:
    if word == other:
        return _SAME
    if len(word) >= _MIN_PREFIX and other.startswith(word):
        return _PREFIX
    return float(fuzz.ratio(word, other))


def _names(committees: Sequence[org.Committee]) -> str:
    """»**A**« or »**A** og **B**« (several only in a database linked before one channel meant one committee)."""
    bold = [f"**{c.name}**" for c in committees]
    return ", ".join(bold[:-1]) + texts.LINK_NAMES_AND + bold[-1] if len(bold) > 1 else "".join(bold)


def _receipt(change: org.LinkChange) -> str:
    """What linking did: which committee the channel serves now, what it served before, what moved here."""
    name = change.committee.name
    if change.unchanged:
        return texts.LINK_ALREADY.format(committee=name)
    lines = [
        texts.LINK_REPLACED.format(before=_names(change.replaced), committee=name)
        if change.replaced
        else texts.LINK_DONE.format(committee=name)
    ]
    if change.moved:
        lines.append(texts.LINK_MOVED.format(committee=name))
    return "\n\n".join(lines)


def link_channel(request: Request, turn: Turn) -> Response:
    """`tilknyt <udvalg>` (admins, in a channel): link the committee that clearly fits, else ask which.

    `tilknyt` alone shows what the channel is linked to and how to change it, and changes nothing.
    """
    name = request.args.strip()
    current = org.linked_to_channel(turn.session, request.conversation_id)
    if not name:
        status = texts.LINK_STATUS.format(committees=_names(current)) if current else texts.LINK_STATUS_NONE
        return Response.say(f"{status}\n\n{texts.LINK_USAGE}")
    found = match_committee(name, org.committees(turn.session))
    if found.clear is not None:
        return Response.say(_receipt(org.link_channel(turn.session, found.clear.id, request.conversation_id)))
    if not found.candidates:
        return Response.say(texts.LINK_NO_MATCH.format(name=name))
    candidates = [(c.id, c.name) for c in found.candidates]
    before = _names(current) if current else ""
    card = cards.link_choice_card(name, candidates, before=before, more=found.more)
    return Response.show(card, texts.LINK_CHOICE_TITLE)


def confirm_link(request: Request, turn: Turn) -> Response:
    """The button on the choice card: link the chosen committee, replace the card with a receipt."""
    committee_id = request.data.get("committee_id")
    chosen = turn.session.get(org.Committee, committee_id) if isinstance(committee_id, str) else None
    if chosen is None or not chosen.active:
        # Checked before linking: linking unlinks the channel's current committee.
        return Response.say(texts.LINK_STALE)
    change = org.link_channel(turn.session, chosen.id, request.conversation_id)
    return Response(card_update=cards.link_done_card(_receipt(change)))


def unlink_channel(request: Request, turn: Turn) -> Response:
    """`fjern tilknytning` (admins, in a channel): the channel stops serving its committee; says which it was."""
    unlinked = org.unlink_channel(turn.session, request.conversation_id)
    if not unlinked:
        return Response.say(texts.UNLINK_NOTHING)
    return Response.say(texts.UNLINK_DONE.format(committees=_names(unlinked)))


def reload_knowledge(request: Request, turn: Turn) -> Response:
    """`genindlæs` (admins): validate and build first; the old knowledge stays active on any error."""
    outcome = turn.knowledge.reload(by=request.actor.aad_object_id)
    return Response.show(cards.reload_card(outcome), texts.RELOAD_SUMMARY)
