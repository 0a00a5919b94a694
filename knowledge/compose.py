"""Compose: the words of an answer or a refusal, with its dates, its sources and in the asker's language.

The last stage (analyse → retrieve → decide → compose): everything the employee reads is made here, from
the decision, so `medbot ask` and the answer card show the same text, notes and sources.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from knowledge import texts
from knowledge.decide import Decision, Verdict, version_on
from knowledge.elapsed import elapsed
from knowledge.index import KnowledgeBase
from knowledge.model import Citation, Entry, Passage, SourceRef
from knowledge.query import Query, Question
from knowledge.text import content_words, term

MAX_ANSWER = 1200
MAX_CITATION_LINES = 2
RECENT = timedelta(days=365)
SNIPPET = 500
# Refusals that open with exactly what the bot does not know, or where to look instead.
SPECIFIC_REFUSALS = frozenset(
    v.value for v in (Verdict.NOT_KNOWN, Verdict.OTHER_PERIOD, Verdict.PERSONAL, Verdict.OTHER_MUNICIPALITY)
)


@dataclass(frozen=True)
class Answer:
    """What the bot says to one question, in parts: `medbot ask` prints `text`, the card sets the parts apart.

    `text` is made from the parts, so the two cannot disagree: the warnings, the preface, the body, the validity
    (one paragraph) and the source lines, each after a blank line.
    """

    answered: bool
    body: str  # the entry's answer, the quote with its introduction, or the refusal; shortened to fit
    score: float
    entry: Entry | None = None
    suggestions: list[Entry] = field(default_factory=list)
    passage: Passage | None = None
    previous: Entry | None = None  # the older rule the question matched, when a newer one was answered
    citations: tuple[Citation, ...] = ()  # what the answer rests on, by document title and section heading
    warnings: tuple[str, ...] = ()  # said first: the rule does not apply on the day asked about
    preface: tuple[str, ...] = ()  # said before the body: "Tallene er pr. 1. kvartal 2025.", "only in Danish"
    validity: tuple[str, ...] = ()  # said after the body: from and until when, the earlier or coming rule
    source_lines: tuple[str, ...] = ()  # "Kilde: <document title>, <section>", said last
    language: str = "da"  # the language of `text`
    reason: str = ""  # why the bot did not answer (a `knowledge.decide.Verdict`), empty when it answered

    @property
    def notes(self) -> tuple[str, ...]:
        """Every dated remark, in the order `text` says them (the `notes` of `medbot ask --json`)."""
        return (*self.warnings, *self.remarks)

    @property
    def remarks(self) -> tuple[str, ...]:
        """The notes that are not warnings: what the answer card shows in a box."""
        return (*self.preface, *self.validity)

    @property
    def text(self) -> str:
        """Exactly what the employee reads, at most MAX_ANSWER characters."""
        validity = [" ".join(self.validity)] if self.validity else []
        return "\n\n".join([*self.warnings, *self.preface, self.body, *validity, *self.source_lines])

    @property
    def refusal(self) -> str:
        """What exactly the bot does not know, or where to look instead: a refusal's opening when it says that."""
        return self.body.split("\n\n", 1)[0] if self.reason in SPECIFIC_REFUSALS else ""

    @property
    def title(self) -> str | None:
        """The entry's title, or the quoted section's heading."""
        if self.entry is not None:
            return self.entry.title
        return self.passage.section if self.passage is not None else None

    def to_json(self, question: str) -> dict[str, Any]:
        """The `medbot ask --json` object (see docs/architecture.md)."""
        return {
            "question": question,
            "answered": self.answered,
            "answer": self.text,
            "entry_id": self.entry.id if self.entry is not None else None,
            "title": self.title,
            "score": round(self.score, 3),
            "sources": [c.to_json() for c in self.citations],
            "suggestions": [e.title for e in self.suggestions],
            "notes": list(self.notes),
            "language": self.language,
            "reason": self.reason,
        }


def citations(kb: KnowledgeBase, sources: Iterable[SourceRef]) -> tuple[Citation, ...]:
    """Each distinct section the references point into, named by its heading as the document writes it."""
    found: list[Citation] = []
    for ref in sources:
        document = kb.documents.get(ref.document)
        title = document.title if document else ref.document
        heading = (document.heading_of(ref.section) if document else None) or ref.section
        opening = document is not None and heading == document.sections[0][0]
        citation = Citation(ref.document, title, heading, ref.section, opening)
        if all((c.document, c.section) != (citation.document, citation.section) for c in found):
            found.append(citation)
    return tuple(found)


def citation_line(citation: Citation, english: bool = False) -> str:
    """ "Kilde: <document title>, <section>", leaving out a section that is the document's opening."""
    section = None if citation.opening else citation.section
    return texts.source_line_en(citation.title, section) if english else texts.source_line(citation.title, section)


def compose(kb: KnowledgeBase, question: Question, decision: Decision, at: date) -> Answer:
    """What the bot says about `question`, as of `at`, given the decision."""
    english = question.language == "en"
    verdict = decision.verdict
    if verdict is Verdict.ANSWER and decision.entry is not None:
        answer = entry_answer(
            kb,
            decision.entry,
            at,
            question.language,
            previous=decision.previous,
            confidence=decision.confidence,
        )
        counted = elapsed(question, decision.entry, at, answer.language == "en")
        return _fitted(replace(answer, preface=(*answer.preface, counted))) if counted else answer
    if verdict is Verdict.QUOTE and decision.passage is not None:
        return quote_answer(kb, decision.passage, question.query, decision.confidence, decision.suggestions)
    if verdict is Verdict.PERSONAL and decision.personal is not None:
        text = decision.personal.answer_en if english else decision.personal.answer
        return Answer(False, text, 0.0, language=question.language, reason=verdict.value)
    if verdict is Verdict.EMPTY:
        return Answer(False, texts.EMPTY_QUESTION, 0.0, reason=verdict.value)
    if verdict is Verdict.OTHER_MUNICIPALITY:
        text = texts.other_municipality(decision.municipality, kb.index.home)
        return Answer(False, text, 0.0, reason=verdict.value)
    known: list[str] = []
    if verdict is Verdict.NOT_KNOWN:
        concepts = list(decision.missing)
        known = [texts.not_known_en(concepts) if english else texts.not_known(concepts)]
    elif verdict is Verdict.OTHER_PERIOD:
        known = [texts.only_period_en(decision.period) if english else texts.only_period(decision.period)]
    titles = [e.title for e in decision.suggestions]
    return _fitted(
        Answer(
            answered=False,
            body="\n\n".join(_refusal(known, titles, english)),
            score=decision.confidence,
            suggestions=list(decision.suggestions),
            language=question.language,
            reason=verdict.value,
        )
    )


def _refusal(known: list[str], titles: list[str], english: bool) -> list[str]:
    """What the bot says when it does not answer: what it does not know, what came close, where to ask."""
    if not known and not english:
        return [texts.unsure(titles) if titles else texts.UNKNOWN]
    said = known or [texts.UNKNOWN_EN]
    if titles:
        said.append(texts.suggestions_block_en(titles) if english else texts.suggestions_block(titles))
    said.append(texts.WHERE_TO_ASK_EN if english else texts.WHERE_TO_ASK)
    return said


def quote_answer(
    kb: KnowledgeBase, number: int, query: Query, coverage: float, suggestions: Sequence[Entry] = ()
) -> Answer:
    """A source paragraph quoted as the answer, with its document and section, and the entries that came close."""
    passage = kb.index.passages[number]
    quote = _snippet(passage.text, query)
    document = kb.documents.get(passage.document)
    opening = document is not None and passage.section == document.sections[0][0]
    cited = (Citation(passage.document, passage.title, passage.section, opening=opening),)  # quoted above
    return _fitted(
        Answer(
            answered=True,
            body=f"{texts.passage_intro(passage.title)}\n\n»{quote}«",
            score=coverage,
            suggestions=list(suggestions),
            passage=passage,
            citations=cited,
            source_lines=tuple(_lines(cited)),
        )
    )


def entry_answer(
    kb: KnowledgeBase,
    entry: Entry,
    at: date,
    lang: str = "da",
    *,
    previous: Entry | None = None,
    confidence: float = 1.0,
) -> Answer:
    """The entry's answer with what an employee must know about dates, said as of `at`.

    Also what a tap on a related question or a suggestion shows (`qa.open`). An English question gets the
    entry's English answer where it has one, else the Danish one with a line saying so; `previous` is the older
    rule the question matched when `entry` replaced it.
    """
    happened = entry.has_happened(at)
    # An event's English answer tells it as past (like `answer_after`): before the day, the Danish one is given.
    english = lang == "en" and bool(entry.answer_en) and (entry.event_date is None or happened)
    say = _English if english else _Danish
    warnings: list[str] = []
    validity: list[str] = []
    if entry.valid_to is not None and at > entry.valid_to:
        warnings.append(say.expired(entry.valid_to))
        today = version_on(kb, entry, at)
        if today is not entry:
            validity.append(texts.replaced_by(today.title))
    elif entry.valid_from is not None and at < entry.valid_from:
        warnings.append(say.not_yet(entry.valid_from))
        today = version_on(kb, entry, at)
        if today is not entry:
            validity.append(texts.until_then(today.title))
    else:
        if entry.valid_from is not None and (previous or at - entry.valid_from < RECENT):
            validity.append(say.valid_from(entry.valid_from))
        if entry.valid_to is not None:
            validity.append(say.valid_until(entry.valid_to))
        if previous is not None:
            validity.append(texts.earlier_rule(previous.title, previous.valid_to))
        coming = kb.entries[entry.superseded_by] if entry.superseded_by else None
        if coming is not None and coming.valid_from is not None and at < coming.valid_from:
            validity.append(texts.coming_rule(coming.title, coming.valid_from))
    preface: list[str] = []
    if entry.period:  # figures a year old are still the newest: said so, since they may be asked about now
        stale = entry.as_of is not None and entry.review_by() <= at
        preface.append(say.newest_as_of(entry.period) if stale else say.as_of(entry.period))
    if entry.event_date is not None:
        day = entry.event_date
        preface.append(say.event_past(day, entry.title) if happened else say.event_coming(day))
    body = entry.answer_on(at)
    if english:
        body = entry.answer_en
    elif lang == "en":
        preface.append(texts.DANISH_ONLY_EN)
    cited = citations(kb, entry.sources)
    return _fitted(
        Answer(
            answered=True,
            body=body,
            score=confidence,
            entry=entry,
            previous=previous,
            citations=cited,
            warnings=tuple(warnings),
            preface=tuple(preface),
            validity=tuple(validity),
            source_lines=tuple(_lines(cited, english)),
            language="en" if english else "da",
        )
    )


class _Danish:
    """The dated remarks of an answer in Danish."""

    expired = staticmethod(texts.expired)
    not_yet = staticmethod(texts.not_yet)
    valid_from = staticmethod(texts.valid_from)
    valid_until = staticmethod(texts.valid_until)
    as_of = staticmethod(texts.as_of)
    newest_as_of = staticmethod(texts.newest_as_of)
    event_past = staticmethod(texts.event_past)
    event_coming = staticmethod(texts.event_coming)


class _English:
    """The same remarks in English, for an answer given in English."""

    expired = staticmethod(texts.expired_en)
    not_yet = staticmethod(texts.not_yet_en)
    valid_from = staticmethod(texts.valid_from_en)
    valid_until = staticmethod(texts.valid_until_en)
    as_of = staticmethod(texts.as_of_en)
    newest_as_of = staticmethod(texts.newest_as_of_en)
    event_past = staticmethod(texts.event_past_en)
    event_coming = staticmethod(texts.event_coming_en)


def _lines(cited: Sequence[Citation], english: bool = False) -> list[str]:
    """The citation lines under an answer: one per distinct line, at most MAX_CITATION_LINES."""
    lines: list[str] = []
    for citation in cited:
        line = citation_line(citation, english)
        if line not in lines:
            lines.append(line)
    return lines[:MAX_CITATION_LINES]


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


def _fitted(answer: Answer) -> Answer:
    """The answer within the 1,200 characters the contract allows: the body is cut at a word, the rest kept.

    The rest holds the dated notes and the source: an answer may be shortened, never left without its source.
    """
    over = len(answer.text) - MAX_ANSWER
    if over <= 0:
        return answer
    room = len(answer.body) - over
    return replace(answer, body=answer.body[: room - 1].rsplit(" ", 1)[0] + "…")
