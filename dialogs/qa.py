"""Questions and answers from the knowledge base, entries opened from a card, and the 👍/👎 ratings of answers.

An answer must be correct for the day it is asked, so the search gets the turn's local date. The card renders the
parts of the search's answer (warnings, body, dated notes, sources) that `medbot ask` prints as one text, so the
two cannot disagree. What the bot could not answer, what it answered without being sure, and how answers were
rated is counted without any identity, through `Turn.anonymous`, which writes the counts later and apart from any
turn: questions about sickness are health data. Each answer message can be rated once. Logs carry entry ids and
scores, never the question.

In a 1:1 chat, when HR & Løn has an inbox (`Turn.escalation_inbox`), a card that did not answer and the thank-you
after a 👎 offer "Spørg HR & Løn" (dialogs/escalations): nothing is sent before the employee has seen what would be.
In a channel the offer is never made, so no one's name is posted there by mistake.
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from datetime import date

from dialogs.base import Request, Response, Turn
from dialogs.cards import qa as cards
from knowledge.index import KnowledgeBase
from knowledge.model import Entry
from knowledge.search import Answer, entry_answer, search
from storage import knowledge as store
from storage.escalations import MAX_QUESTION

log = logging.getLogger(__name__)

MAX_RELATED = 3
SURE_SCORE = 0.65  # an answer below this score is counted for the editors, like a question not answered
_NOT_WORD = re.compile(r"[^\w\s]")
_GREETINGS = {
    "hej",
    "hejsa",
    "hey",
    "hi",
    "hello",
    "hallo",
    "halløj",
    "goddag",
    "god dag",
    "dav",
    "davs",
    "mojn",
    "godaften",
    "god aften",
    "godeftermiddag",
    "god eftermiddag",
}
_MORNINGS = {"godmorgen", "god morgen", "morn", "morgen", "good morning"}
_THANKS = {
    "tak",
    "mange tak",
    "tusind tak",
    "tak for hjælpen",
    "tak for svaret",
    "tak skal du have",
    "super tak",
    "fint tak",
    "thanks",
    "thank you",
}
_GOODBYES = {"farvel", "hej hej", "vi ses", "bye", "god weekend"}


def small_talk(message: str) -> str | None:
    """The friendly reply to a greeting, thanks or goodbye, or None when the message is something else."""
    said = " ".join(_NOT_WORD.sub(" ", message.lower()).split())
    if said in _MORNINGS:
        return cards.MORNING_REPLY
    if said in _GREETINGS:
        return cards.GREETING_REPLY
    if said in _THANKS:
        return cards.THANKS_REPLY
    if said in _GOODBYES:
        return cards.GOODBYE_REPLY
    return None


def answer(request: Request, turn: Turn) -> Response:
    """Answer a free-text question as of the turn's local date.

    Unanswered questions are counted anonymously for the editors, and so are answers below `SURE_SCORE`, marked:
    a wrong match then shows in `medbot kb gaps` before anyone presses 👎.
    """
    reply = small_talk(request.text)
    if reply is not None:
        return Response.say(reply)
    kb = turn.knowledge.current
    today = turn.local(request.now).date()
    result = search(kb, request.text, today)
    offer = _ask_hr(request, turn, request.text)
    if result.answered and result.entry is not None:
        unsure = result.score < SURE_SCORE
        if unsure:
            turn.anonymous.unanswered(cards.UNSURE_MARK + request.text, today)
        log.info("qa.answered entry=%s score=%.2f unsure=%s", result.entry.id, result.score, unsure)
        view = answer_view(kb, result, today)
        if offer is not None:
            view = replace(view, question=offer.question)
        return Response.show(cards.answer_card(view), view.title)
    if result.answered and result.passage is not None:
        log.info("qa.quoted document=%s score=%.2f", result.passage.document, result.score)
        title = result.title or result.passage.title
        card = cards.quote_card(title, _paragraphs(result), _choices(result.suggestions), offer)
        return Response.show(card, title)
    turn.anonymous.unanswered(request.text, today)
    log.info("qa.unanswered score=%.2f suggestions=%d", result.score, len(result.suggestions))
    card = cards.unsure_card(_choices(result.suggestions), [], result.language, result.refusal, offer)
    say = cards.labels(result.language)
    return Response.show(card, say.did_you_mean if result.suggestions else say.unknown_title)


def open_entry(request: Request, turn: Turn) -> Response:
    """A tap on a related question or a 'Mente du…?' suggestion (`qa.open`): that entry's answer as of today.

    The payload names the entry by id; a card older than a reload that removed the entry gets a kind word and
    nothing changes. Nothing is counted: the employee chose an answer the bot offered.
    """
    view = _entry_view(request, turn)
    if view is None:
        log.info("qa.open_refused")
        return Response.say(cards.OPEN_STALE)
    log.info("qa.opened entry=%s", view.entry_id)
    return Response.show(cards.answer_card(view), view.title)


def rate(request: Request, turn: Turn) -> Response:
    """👍/👎 on an answer card: count it once per answer message, without identity, and thank in place of the buttons.

    A second click on the same message (a stale card, another device) counts nothing and says so kindly. A click
    without a message id comes from the terminal chat, where the card is replaced at once. After a 👎 the thank-you
    offers "Spørg HR & Løn" with the question the button carried (an older card carries none: the entry's title
    stands in, and the employee sees it before anything is sent).
    """
    helpful = request.data.get("helpful")
    if not isinstance(request.data.get("entry_id"), str) or not isinstance(helpful, bool):
        log.info("qa.rating_refused reason=malformed")
        return Response.say(cards.RATING_INVALID)
    view = _entry_view(request, turn)
    if view is None:
        log.info("qa.rating_refused reason=unknown_entry")
        return Response.say(cards.RATING_STALE)
    today = turn.local(request.now).date()
    message_id = request.reply_to_id
    if message_id and not store.first_rating(turn.session, request.conversation_id, message_id, today):
        log.info("qa.rating_repeated entry=%s", view.entry_id)
        return Response(card_update=cards.answer_card(view, rated_before=True))
    turn.anonymous.rated(view.entry_id, helpful, today)
    log.info("qa.rated entry=%s helpful=%s", view.entry_id, helpful)
    offer = None
    if not helpful:
        asked = request.data.get("question")
        offer = _ask_hr(request, turn, asked if isinstance(asked, str) and asked.strip() else view.title)
    if offer is not None:
        offer = replace(offer, entry_id=view.entry_id)
    return Response(card_update=cards.answer_card(view, rated=True, ask_hr=offer))


def _ask_hr(request: Request, turn: Turn, question: str) -> cards.AskHR | None:
    """The "Spørg HR & Løn" offer for `question`: only in a 1:1 chat with someone Teams named (the answer must find
    them), only when HR & Løn has an inbox, and only for a question short enough to be sent as it is."""
    question = " ".join(question.split())
    if not (turn.escalation_inbox and request.is_personal and request.actor.aad_object_id):
        return None
    if not question or len(question) > MAX_QUESTION:
        return None
    return cards.AskHR(question=question)


def _entry_view(request: Request, turn: Turn) -> cards.AnswerView | None:
    """The answer card of the entry a card action names (`entry_id`), as of the turn's local date; None when the
    payload names none or an entry a reload has removed."""
    entry_id = request.data.get("entry_id")
    kb = turn.knowledge.current
    entry = kb.entries.get(entry_id) if isinstance(entry_id, str) else None
    if entry is None:
        return None
    today = turn.local(request.now).date()
    return answer_view(kb, entry_answer(kb, entry, today), today)


def answer_view(kb: KnowledgeBase, result: Answer, at: date) -> cards.AnswerView:
    """What the answer card shows for the search's answer on day `at`: its parts, the entry's details and its
    related entries that apply on `at`.

    `medbot ask` prints the answer's text, which is made of the same parts; the card sets them apart: a warning
    when the rule does not apply on `at`, the body, the other dated notes in a box, the source lines small.
    """
    entry = result.entry
    assert entry is not None, "an answer card needs the entry answered with"
    return cards.AnswerView(
        entry_id=entry.id,
        title=entry.title,
        answer=result.body,
        warnings=result.warnings,
        notes=result.remarks,
        sources=result.source_lines,
        details=entry.details,
        related=_related(kb, entry, at),
        language=result.language,
    )


def _related(kb: KnowledgeBase, entry: Entry, at: date) -> tuple[cards.Choice, ...]:
    """Related entries that apply on `at`, at most MAX_RELATED: one tap opens them."""
    choices: list[cards.Choice] = []
    for other_id in entry.related:
        other = kb.entries.get(other_id)
        if other is not None and other.valid_at(at) and all(c.title != other.title for c in choices):
            choices.append(cards.Choice(other.id, other.title))
    return tuple(choices[:MAX_RELATED])


def _choices(entries: list[Entry]) -> list[cards.Choice]:
    """Suggested entries as the cards offer them."""
    return [cards.Choice(e.id, e.title) for e in entries]


def _paragraphs(result: Answer) -> list[str]:
    """A quoted answer as the quote card shows it: introduction, quote and source lines, each on its own."""
    return [*result.body.split("\n\n"), *result.source_lines]
