"""Answering one question: rank entries, decide whether the best one is sure enough, respect dates.

Ranking fuses the word channel and the character 4-gram channel by reciprocal rank fusion. Whether to
answer is decided apart from ranking, because a BM25 score alone says nothing absolute: the best entry
must cover most of the question (idf-weighted, after synonyms, compounds and typo correction) and stand
clear of the runner-up. Below that the bot says it does not know and offers suggestions; a source
paragraph that covers the question very well is quoted instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import numpy as np
from rapidfuzz import fuzz

from knowledge import texts
from knowledge.index import Channel, KnowledgeBase, Scores, phrasing
from knowledge.model import Entry, Passage, SourceRef
from knowledge.query import Query, analyse
from knowledge.text import content_words, term

RRF_K = 10  # small: with a few hundred entries only the first ranks carry meaning
CANDIDATES = 10
CLEARLY_MORE = 0.1  # coverage by which a lower-ranked candidate must beat the fused winner to go first
NEAR_TIE = 0.05  # coverage within which candidates count as equally good
SAME_QUESTION = 90  # rapidfuzz ratio at which a listed question is the one asked
ANSWER_THRESHOLD = 0.5
PASSAGE_THRESHOLD = 0.8
PASSAGE_MIN_UNITS = 2  # one matching word is no reason to quote a paragraph
HEADLINE_MIN = 0.35
SUGGESTION_FLOOR = 0.3
MARGIN_WEIGHT = 0.15  # how much a close runner-up lowers confidence
MAX_ANSWER = 1200
RECENT = timedelta(days=365)
SNIPPET = 500


@dataclass(frozen=True)
class Answer:
    """What the bot says to one question; `text` is exactly what the employee sees."""

    answered: bool
    text: str
    score: float
    entry: Entry | None = None
    suggestions: list[Entry] = field(default_factory=list)
    passage: Passage | None = None
    previous: Entry | None = None  # the older rule the question matched, when a newer one was answered

    @property
    def sources(self) -> list[SourceRef]:
        """What the answer rests on."""
        if self.entry is not None:
            return list(self.entry.sources)
        if self.passage is not None:
            return [SourceRef(self.passage.document, self.passage.section)]
        return []

    @property
    def title(self) -> str | None:
        """The entry's title, or the quoted section's heading."""
        if self.entry is not None:
            return self.entry.title
        return self.passage.section if self.passage is not None else None

    def to_json(self, question: str) -> dict[str, Any]:
        """The `medbot ask --json` object (see DESIGN.md)."""
        return {
            "question": question,
            "answered": self.answered,
            "answer": self.text,
            "entry_id": self.entry.id if self.entry is not None else None,
            "title": self.title,
            "score": round(self.score, 3),
            "sources": [s.to_json() for s in self.sources],
            "suggestions": [e.title for e in self.suggestions],
        }


def ask_json(kb: KnowledgeBase, question: str, at: date) -> dict[str, Any]:
    """One question in, the `medbot ask --json` object out: the only call the CLI needs."""
    return search(kb, question, at).to_json(question)


def search(kb: KnowledgeBase, question: str, at: date) -> Answer:
    """Answer `question` as of the date `at` from the knowledge base `kb`."""
    query = analyse(question, kb.index, kb.synonyms)
    if not query.units:
        return Answer(answered=False, text=texts.EMPTY_QUESTION, score=0.0)
    ranked, scores = _ranked(kb.index.entries, query, question, kb.index.phrasings)
    if ranked:
        entry = kb.entries[kb.index.entry_ids[ranked[0]]]
        confidence = _confidence(kb, query, ranked, scores, entry)
        if confidence >= ANSWER_THRESHOLD:
            return _entry_answer(kb, entry, confidence, at, query)
    else:
        confidence = 0.0
    passage_answer = _passage_answer(kb, query)
    if passage_answer is not None and passage_answer.answered:
        return passage_answer
    return _unknown(kb, query, ranked, confidence, at)


def _ranked(
    channel: Channel, query: Query, question: str = "", phrasings: tuple[tuple[str, ...], ...] = ()
) -> tuple[list[int], Scores]:
    """Documents with any match, best first, by reciprocal rank fusion of the two channels; and word scores.

    A candidate that covers clearly more of the question than the fused winner goes first: BM25 can
    prefer an entry that repeats one word of the question over one that has all of them. Among candidates
    that cover the question about equally, one that lists (almost) this very question goes first: the
    stopwords that the search ignores ("hvad er …", "hvem er …") still tell which of them is meant.
    """
    words = channel.words.scores(query.words)
    fused = _rrf(words) + _rrf(channel.grams.scores(query.grams))
    top = [int(i) for i in np.argsort(-fused, kind="stable")[:CANDIDATES] if fused[i] > 0]
    if not top:
        return [], words
    coverage = {i: query.coverage(channel.terms[i]) for i in top}
    best = max(top, key=lambda i: coverage[i])
    if coverage[best] < coverage[top[0]] + CLEARLY_MORE:
        best = top[0]
    if phrasings:
        asked = phrasing(question)
        near = [i for i in top if coverage[i] >= coverage[best] - NEAR_TIE]
        listed = [i for i in near if any(_same_question(asked, p) for p in phrasings[i])]
        if listed and best not in listed:
            best = listed[0]
    return [best, *(i for i in top if i != best)], words


def _same_question(asked: str, listed: str) -> bool:
    """Nearly the same words, and exactly the same numbers: "indsatsområde 1" is not "indsatsområde 2"."""
    numbers = {w for w in asked.split() if w[0].isdigit()}
    return numbers == {w for w in listed.split() if w[0].isdigit()} and fuzz.ratio(asked, listed) >= SAME_QUESTION


def _rrf(scores: Scores) -> Scores:
    order = np.argsort(-scores, kind="stable")
    ranks = np.empty(len(scores))
    ranks[order] = np.arange(1, len(scores) + 1)
    return np.where(scores > 0, 1.0 / (RRF_K + ranks), 0.0)


def _confidence(kb: KnowledgeBase, query: Query, ranked: list[int], scores: Scores, entry: Entry) -> float:
    """Coverage of the question by the best entry, lowered when an unrelated entry scores almost as well.

    An entry whose title, questions and tags cover too little of the question is no answer, however much
    its answer text mentions: it is about something else.
    """
    channel = kb.index.entries
    headline = query.coverage(channel.terms[ranked[0]], floor=1.0)
    if headline < HEADLINE_MIN:
        return headline
    coverage = query.coverage(channel.terms[ranked[0]])
    near = kb.index.neighbours[entry.id]
    rivals = [scores[i] for i in ranked[1:] if kb.index.entry_ids[i] not in near]
    best = scores[ranked[0]]
    margin = 1.0 if not rivals or best <= 0 else min(1.0, max(0.0, (best - max(rivals)) / best))
    return float(coverage * (1 - MARGIN_WEIGHT * (1 - margin)))


def _current(
    kb: KnowledgeBase, entry: Entry, at: date, query: Query | None = None
) -> tuple[Entry, Entry | None, Entry | None]:
    """The version of a rule that applies on `at`: (entry to answer, older version matched, coming version).

    A question that names the old version itself ("strategiplanen for 2022-2023") gets the old version.
    """
    following = kb.entries[entry.superseded_by] if entry.superseded_by else None
    coming = following if following and following.valid_from and at < following.valid_from else None
    if query is not None and following is not None and _names_version(query, entry, following):
        return entry, None, coming
    successor = entry
    seen = {entry.id}
    while successor.superseded_by and successor.superseded_by not in seen:
        nxt = kb.entries[successor.superseded_by]
        seen.add(nxt.id)
        if nxt.valid_at(at):
            return nxt, entry, None
        successor = nxt
    if entry.valid_at(at):
        return entry, None, coming
    if entry.valid_from is not None and at < entry.valid_from:
        for older in kb.entries.values():
            if older.superseded_by == entry.id and older.valid_at(at):
                return older, None, entry
    return entry, None, None


def _names_version(query: Query, old: Entry, new: Entry) -> bool:
    """True when the question has a year that the old entry's title has and the new one's lacks."""
    old_title = {term(w) for w in content_words(old.title)}
    new_title = {term(w) for w in content_words(new.title)}
    years = {t for unit in query.units for t in unit.alternatives[0][0] if t.isdigit() and len(t) == 4}
    return bool(years & (old_title - new_title))


def _entry_answer(kb: KnowledgeBase, matched: Entry, confidence: float, at: date, query: Query) -> Answer:
    entry, previous, coming = _current(kb, matched, at, query)
    notes: list[str] = []
    if entry.valid_to is not None and at > entry.valid_to:
        notes.append(texts.expired(entry.valid_to))
        if entry.superseded_by:
            coming = kb.entries[entry.superseded_by]
    elif entry.valid_from is not None and at < entry.valid_from:
        notes.append(texts.not_yet(entry.valid_from))
    validity: list[str] = []
    if entry.valid_from is not None and at >= entry.valid_from and (previous or at - entry.valid_from < RECENT):
        validity.append(texts.valid_from(entry.valid_from))
    if entry.valid_to is not None and at <= entry.valid_to:
        validity.append(texts.valid_until(entry.valid_to))
    if previous is not None:
        validity.append(texts.earlier_rule(previous.title, previous.valid_to))
    if coming is not None and coming.valid_at(at):
        validity.append(texts.replaced_by(coming.title))
    elif coming is not None:
        validity.append(texts.coming_rule(coming.title, coming.valid_from))
    tail = [" ".join(validity)] if validity else []
    text = _fit([*notes, entry.answer], [*tail, *_source_lines(kb, entry.sources)])
    return Answer(answered=True, text=text, score=confidence, entry=entry, previous=previous)


def _source_lines(kb: KnowledgeBase, sources: tuple[SourceRef, ...]) -> list[str]:
    """One citation per distinct document and heading, naming the section as the document does."""
    lines: list[str] = []
    for ref in sources:
        document = kb.documents.get(ref.document)
        title = document.title if document else ref.document
        heading = (document.heading_of(ref.section) if document else None) or ref.section
        preamble = document is not None and heading == document.sections[0][0]
        line = texts.source_line(title, None if preamble else heading)
        if line not in lines:
            lines.append(line)
    return lines[:2]


def _passage_answer(kb: KnowledgeBase, query: Query) -> Answer | None:
    """Quote the best source paragraph when it covers the question so well that it is an answer."""
    channel = kb.index.passage_channel
    ranked, _ = _ranked(channel, query)
    if not ranked:
        return None
    best = ranked[0]
    coverage = query.coverage(channel.terms[best])
    strong = coverage >= PASSAGE_THRESHOLD and query.matched_units(channel.terms[best]) >= PASSAGE_MIN_UNITS
    passage = kb.index.passages[best]
    ref = SourceRef(passage.document, passage.section)
    quote = _snippet(passage.text, query)
    text = _fit([texts.passage_intro(passage.title), f"»{quote}«"], _source_lines(kb, (ref,)))
    return Answer(answered=strong, text=text, score=coverage, passage=passage)


def _snippet(text: str, query: Query) -> str:
    """The run of sentences that mentions most of the question, at most about SNIPPET characters."""
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", text) if s]
    wanted = set(query.words)
    hits = [sum(1 for w in content_words(s) if term(w) in wanted) for s in sentences]
    best_start, best_hits = 0, -1
    for start in range(len(sentences)):
        length, found, end = 0, 0, start
        while end < len(sentences) and (end == start or length + len(sentences[end]) <= SNIPPET):
            length += len(sentences[end]) + 1
            found += hits[end]
            end += 1
        if found > best_hits:
            best_start, best_hits = start, found
    chosen: list[str] = []
    for sentence in sentences[best_start:]:
        if chosen and sum(len(s) + 1 for s in chosen) + len(sentence) > SNIPPET:
            break
        chosen.append(sentence)
    quote = " ".join(chosen)
    return quote if len(quote) <= SNIPPET * 2 else quote[: SNIPPET * 2 - 1] + "…"


def _unknown(kb: KnowledgeBase, query: Query, ranked: list[int], confidence: float, at: date) -> Answer:
    """The honest 'I don't know', with up to three entries that came close."""
    channel = kb.index.entries
    offered: list[Entry] = []
    for i in ranked:
        if query.coverage(channel.terms[i]) < SUGGESTION_FLOOR:
            continue
        entry, _, _ = _current(kb, kb.entries[kb.index.entry_ids[i]], at)
        if entry not in offered:
            offered.append(entry)
        if len(offered) == 3:
            break
    text = texts.unsure([e.title for e in offered]) if offered else texts.UNKNOWN
    return Answer(answered=False, text=_fit([text], []), score=confidence, suggestions=offered)


def _fit(body: list[str], tail: list[str]) -> str:
    """Paragraphs within the 1,200 characters the contract allows; the body is cut at a word, the tail kept.

    The tail holds the validity and the source: an answer may be shortened, never left without its source.
    """
    tail_text = "".join(f"\n\n{part}" for part in tail)
    body_text = "\n\n".join(body)
    room = MAX_ANSWER - len(tail_text)
    if len(body_text) > room:
        body_text = body_text[: room - 1].rsplit(" ", 1)[0] + "…"
    return body_text + tail_text
