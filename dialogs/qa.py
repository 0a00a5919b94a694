"""Questions and answers from the knowledge base, and the 👍/👎 ratings of answers.

An answer must be correct for the day it is asked, so the search gets the turn's local date. What the bot could
not answer and how answers were rated is counted without any identity (storage.knowledge): questions about
sickness are health data. Logs carry entry ids and scores, never the question.
"""

from __future__ import annotations

import logging
import re
from datetime import date

from dialogs.base import Handler, Request, Response, Turn
from dialogs.cards import qa as cards
from knowledge import citation_line, citations, texts
from knowledge.index import KnowledgeBase
from knowledge.model import Entry
from knowledge.search import Answer, search
from storage import knowledge as store

log = logging.getLogger(__name__)

MAX_RELATED = 3
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
    """Answer a free-text question as of the turn's local date; unanswered ones are counted anonymously."""
    reply = small_talk(request.text)
    if reply is not None:
        return Response.say(reply)
    kb: KnowledgeBase = turn.knowledge.current
    today = turn.local(request.now).date()
    result = search(kb, request.text, today)
    if result.answered and result.entry is not None:
        log.info("qa.answered entry=%s score=%.2f", result.entry.id, result.score)
        view = answer_view(kb, result.entry, today)
        return Response.show(cards.answer_card(view), view.title)
    if result.answered and result.passage is not None:
        log.info("qa.quoted document=%s score=%.2f", result.passage.document, result.score)
        title = result.title or result.passage.title
        suggestions = [e.title for e in result.suggestions]
        return Response.show(cards.quote_card(title, _paragraphs(result), suggestions), title)
    store.record_unanswered(turn.session, request.text, today)
    log.info("qa.unanswered score=%.2f suggestions=%d", result.score, len(result.suggestions))
    suggestions = [e.title for e in result.suggestions]
    quote = _paragraphs(result) if result.passage is not None else []
    card = cards.unsure_card(suggestions, quote)
    return Response.show(card, cards.DID_YOU_MEAN if suggestions else cards.UNKNOWN_TITLE)


def rate(request: Request, turn: Turn) -> Response:
    """👍/👎 on an answer card: count it without identity and show the same answer with a thank-you."""
    entry_id = request.data.get("entry_id")
    helpful = request.data.get("helpful")
    if not isinstance(entry_id, str) or not isinstance(helpful, bool):
        log.info("qa.rating_refused reason=malformed")
        return Response.say(cards.RATING_INVALID)
    kb: KnowledgeBase = turn.knowledge.current
    entry = kb.entries.get(entry_id)
    if entry is None:
        log.info("qa.rating_refused reason=unknown_entry")
        return Response.say(cards.RATING_STALE)
    today = turn.local(request.now).date()
    store.record_rating(turn.session, entry.id, helpful, today)
    log.info("qa.rated entry=%s helpful=%s", entry.id, helpful)
    return Response(card_update=cards.answer_card(answer_view(kb, entry, today), rated=True))


def answer_view(kb: KnowledgeBase, entry: Entry, at: date) -> cards.AnswerView:
    """What the answer card shows for an entry on a given day: notes on validity, sources, related questions."""
    return cards.AnswerView(
        entry_id=entry.id,
        title=entry.title,
        answer=entry.answer,
        notes=_notes(kb, entry, at),
        validity=_validity(entry),
        sources=_sources(kb, entry),
        details=entry.details,
        related=_related(kb, entry, at),
    )


def _notes(kb: KnowledgeBase, entry: Entry, at: date) -> tuple[str, ...]:
    """Warnings when the rule does not apply on `at`, and the older and coming versions of the rule."""
    notes: list[str] = []
    if entry.valid_to is not None and at > entry.valid_to:
        notes.append(texts.expired(entry.valid_to))
    elif entry.valid_from is not None and at < entry.valid_from:
        notes.append(texts.not_yet(entry.valid_from))
    for older in kb.entries.values():
        if older.superseded_by == entry.id:
            notes.append(texts.earlier_rule(older.title, older.valid_to))
    coming = kb.entries.get(entry.superseded_by) if entry.superseded_by else None
    if coming is not None and coming.valid_from is not None and at < coming.valid_from:
        notes.append(texts.coming_rule(coming.title, coming.valid_from))
    return tuple(notes)


def _validity(entry: Entry) -> str:
    """'Gælder fra …' and, when the rule ends, 'til og med …'."""
    parts: list[str] = []
    if entry.valid_from is not None:
        parts.append(texts.valid_from(entry.valid_from))
    if entry.valid_to is not None:
        parts.append(texts.valid_until(entry.valid_to))
    return " ".join(parts)


def _sources(kb: KnowledgeBase, entry: Entry) -> tuple[str, ...]:
    """'Kilde: <document title>, <section heading>' for each distinct source, as the search cites it."""
    return tuple(dict.fromkeys(citation_line(c) for c in citations(kb, entry.sources)))


def _related(kb: KnowledgeBase, entry: Entry, at: date) -> tuple[str, ...]:
    """Titles of related entries that apply on `at`: one click asks them."""
    titles: list[str] = []
    for other_id in entry.related:
        other = kb.entries.get(other_id)
        if other is not None and other.valid_at(at) and other.title not in titles:
            titles.append(other.title)
    return tuple(titles[:MAX_RELATED])


def _paragraphs(result: Answer) -> list[str]:
    """The engine's quoted answer (introduction, quote, citation) as separate paragraphs."""
    return [p for p in result.text.split("\n\n") if p.strip()]


COMMANDS: dict[str, Handler] = {}
ACTIONS: dict[str, Handler] = {cards.RATE_ACTION: rate}
