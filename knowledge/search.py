"""Answering one question: rank entries, decide whether the best one is sure enough, respect dates.

Ranking fuses the word channel and the character 4-gram channel by reciprocal rank fusion, then puts the
candidates that cover the question best first. Whether to answer is decided apart from ranking, because a
BM25 score alone says nothing absolute: the best entry must cover most of the question (idf-weighted, after
synonyms, compounds and typo correction) and stand clear of the runner-up. Below that the bot says it does
not know and offers suggestions; a source paragraph that covers the question very well is quoted instead.

Two things keep a well-matching answer from being wrong: a question about another municipality only meets
that municipality's content (usually none), and the version of a rule is the one in force on the day the
question is about ("havde vi fri juleaften i 2024?").
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz

from knowledge import texts
from knowledge.index import TAG_CREDIT, Channel, KnowledgeBase, Scores, phrasing
from knowledge.model import Citation, Entry, Passage, SourceRef
from knowledge.places import municipalities_named, place_terms
from knowledge.query import KNOWN_CAP, Query, Unit, analyse
from knowledge.text import content_words, term
from knowledge.when import day_asked_about

RRF_K = 10  # small: with a few hundred entries only the first ranks carry meaning
CANDIDATES = 10
NEAR_TIE = 0.05  # coverage within which candidates count as equally good
SAME_QUESTION = 90  # rapidfuzz ratio at which a listed question is the one asked
OLD_RULE_GAP = 0.3  # coverage by which an old version must beat its successor to be answered itself
LISTED = 0.99  # closeness at which a listed question says exactly what was asked
SAME_TOPIC = 0.6  # closeness to a listed question at which our entry answers about another municipality
ANSWER_THRESHOLD = 0.5
UNKNOWN_WORD_THRESHOLD = 0.6  # "fri med løn til min datters bryllup": a word no text knows may be the real topic
PASSAGE_THRESHOLD = 0.8
PASSAGE_MIN_UNITS = 2  # one matching word is no reason to quote a paragraph
HEADLINE_MIN = 0.35
SUGGESTION_FLOOR = 0.3
MARGIN_WEIGHT = 0.15  # how much a close runner-up lowers confidence
MAX_ANSWER = 1200
MAX_QUESTION = 1000
MAX_CITATION_LINES = 2
RECENT = timedelta(days=365)
SNIPPET = 500

Mask = npt.NDArray[np.bool_]


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
    citations: tuple[Citation, ...] = ()  # what the answer rests on, by document title and section heading

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
            "sources": [c.to_json() for c in self.citations],
            "suggestions": [e.title for e in self.suggestions],
        }


def ask_json(kb: KnowledgeBase, question: str, at: date) -> dict[str, Any]:
    """One question in, the `medbot ask --json` object out: the only call the CLI needs."""
    return search(kb, question, at).to_json(question)


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


def citation_line(citation: Citation) -> str:
    """ "Kilde: <document title>, <section>", leaving out a section that is the document's opening."""
    return texts.source_line(citation.title, None if citation.opening else citation.section)


@dataclass(frozen=True)
class _Scope:
    """Which entries and passages may answer: all of them, or only those about or naming another municipality."""

    entries: Mask | None
    passages: Mask | None
    foreign: str | None  # the municipality asked about, when it is not the one the knowledge is about
    ours: Mask | None = None  # our own entries that merely name it ("samarbejde med Glostrup og Brøndby")


def search(kb: KnowledgeBase, question: str, at: date) -> Answer:
    """Answer `question` as of the date `at` from the knowledge base `kb`."""
    question = question[:MAX_QUESTION]  # a question is a few lines; the rest of a pasted text adds only cost
    query = analyse(question, kb.index, kb.synonyms)
    if not query.units:
        return Answer(answered=False, text=texts.EMPTY_QUESTION, score=0.0)
    scope = _scope(kb, question)
    if scope.foreign is not None:  # the municipality says whose content, not what about: the scope holds it
        query = query.without(place_terms(scope.foreign))
    day = day_asked_about(question, at)
    titled = kb.index.titles.get(phrasing(question))
    if titled is not None and (scope.entries is None or scope.entries[titled]):
        return _entry_answer(kb, kb.entries[kb.index.entry_ids[titled]], 1.0, at, day, query, exact=True)
    ranked, scores = _ranked(kb.index.entries, query, scope.entries, _entry_tie_break(kb, query, question))
    confidence = 0.0
    if ranked:
        entry = kb.entries[kb.index.entry_ids[ranked[0]]]
        confidence = _confidence(kb, query, ranked, scores, entry)
        if scope.ours is not None and scope.ours[ranked[0]] and _closest_phrasing(kb, query, ranked[0]) < SAME_TOPIC:
            confidence = min(confidence, SUGGESTION_FLOOR)  # our entry names them in passing; it is not about them
        if confidence >= (UNKNOWN_WORD_THRESHOLD if query.has_unknown else ANSWER_THRESHOLD):
            return _entry_answer(kb, entry, confidence, at, day, query)
    suggestions = _suggestions(kb, query, ranked, at)
    if scope.foreign is not None and not suggestions:
        return Answer(answered=False, text=texts.other_municipality(scope.foreign, kb.index.home), score=0.0)
    passage_answer = _passage_answer(kb, query, question, scope.passages)
    if passage_answer is not None and passage_answer.answered:
        return dataclasses.replace(passage_answer, suggestions=suggestions)
    text = texts.unsure([e.title for e in suggestions]) if suggestions else texts.UNKNOWN
    return Answer(answered=False, text=_fit([text], []), score=confidence, suggestions=suggestions)


def _scope(kb: KnowledgeBase, question: str) -> _Scope:
    """Only content about or naming the municipality asked about, when it is not ours.

    "Holder Københavns Kommune lukket juleaften?" gets no Albertslund rule, and a question about Glostrup
    only Glostrup's MED strategy and what our own documents say about Glostrup.
    """
    named = municipalities_named(question)
    if not named or kb.index.home in named:
        return _Scope(None, None, None)
    place = named[0]
    theirs = np.array([p == place for p in kb.index.entry_places], dtype=bool)
    naming = np.array([place in m for m in kb.index.entry_mentions], dtype=bool)
    passages = np.array(
        [p == place or place in m for p, m in zip(kb.index.passage_places, kb.index.passage_mentions, strict=True)],
        dtype=bool,
    )
    return _Scope(theirs | naming, passages, place, naming & ~theirs)


TieBreak = Callable[[list[int]], int]


def _ranked(
    channel: Channel, query: Query, allowed: Mask | None = None, tie_break: TieBreak | None = None
) -> tuple[list[int], Scores]:
    """Documents with any match, best first, and their word scores.

    The candidates come from reciprocal rank fusion of the two channels; among them, those that cover the
    question about as well as the best one are the contenders, because BM25 can prefer an entry that
    repeats one word of the question over one that has all of them. `tie_break` picks among the
    contenders (the fused order when there is none).
    """
    words = channel.words.scores(query.words)
    fused = _rrf(words) + _rrf(channel.grams.scores(query.grams))
    if allowed is not None:
        fused = np.where(allowed, fused, 0.0)
    top = [int(i) for i in np.argsort(-fused, kind="stable")[:CANDIDATES] if fused[i] > 0]
    if not top:
        return [], words
    coverage = {i: query.coverage(channel.terms[i]) for i in top}
    best_coverage = max(coverage.values())
    contenders = [i for i in top if coverage[i] >= best_coverage - NEAR_TIE - 1e-9]
    best = tie_break(contenders) if tie_break is not None else contenders[0]
    return [best, *(i for i in top if i != best)], words


def _entry_tie_break(kb: KnowledgeBase, query: Query, question: str) -> TieBreak:
    """Among entries that cover the question equally: the one listing this very question, else the one
    whose title or a listed question is closest to it and whose headline covers most of it.

    The stopwords the search ignores ("hvad er …", "hvem er …") still tell which of two entries is meant
    when one lists the question almost word for word.
    """
    asked = phrasing(question)
    channel = kb.index.entries

    def pick(contenders: list[int]) -> int:
        listed = [i for i in contenders if any(_same_question(asked, p) for p in kb.index.phrasings[i])]
        if listed:
            return listed[0]
        closeness = {
            i: _closest_phrasing(kb, query, i) + query.coverage(channel.terms[i], floor=TAG_CREDIT) for i in contenders
        }
        return max(contenders, key=lambda i: closeness[i])  # max keeps the first (fused order) of equals

    return pick


def _closest_phrasing(kb: KnowledgeBase, query: Query, entry: int) -> float:
    """How nearly one of the entry's title and questions says what was asked.

    An idf-weighted Jaccard of the question's units (in any of their forms: "første" meets "1.") and the
    phrasing's terms; terms of the phrasing the question does not have count against it.
    """
    total = sum(u.weight for u in query.units)
    best = 0.0
    for listed in kb.index.phrasing_terms[entry]:
        shared, used = 0.0, set[str]()
        for unit in query.units:
            credit, found = _said_in(unit, listed.terms)
            shared += unit.weight * credit
            used.update(found)
        extra = sum(min(KNOWN_CAP, kb.index.idf.get(t, KNOWN_CAP)) for t in listed.words - used)
        if shared:
            best = max(best, shared / (total + extra))
    return best


def _said_in(unit: Unit, terms: frozenset[str]) -> tuple[float, tuple[str, ...]]:
    """How surely a phrasing with `terms` says the unit, and with which of its terms."""
    found = [(credit, alternative) for alternative, credit in unit.alternatives if set(alternative) <= terms]
    return max(found) if found else (0.0, ())


def _says_in_title(kb: KnowledgeBase, query: Query, entry: int) -> bool:
    """True when the entry's title says the question's one topic word: a one-word question needs that."""
    full = [u for u in query.units if not u.weak]
    return len(full) + query.left_out != 1 or bool(_said_in(full[0], kb.index.phrasing_terms[entry][0].terms)[0])


def _listed(kb: KnowledgeBase, query: Query, entry: int) -> bool:
    """True when one of the entry's title and questions says exactly what was asked, in some form."""
    return _closest_phrasing(kb, query, entry) >= LISTED


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
    its answer text mentions: it is about something else. A question of one topic word is answered only by
    an entry whose title says it, or that lists that very question.
    """
    channel = kb.index.entries
    headline = query.coverage(channel.terms[ranked[0]], floor=TAG_CREDIT)
    if headline < HEADLINE_MIN:
        return headline
    if not _says_in_title(kb, query, ranked[0]) and not _listed(kb, query, ranked[0]):
        return min(headline, SUGGESTION_FLOOR)  # "ferie" alone is not about the rule that mentions ferie
    coverage = query.coverage(channel.terms[ranked[0]])
    near = kb.index.neighbours[entry.id]
    rivals = [scores[i] for i in ranked[1:] if kb.index.entry_ids[i] not in near]
    best = scores[ranked[0]]
    margin = 1.0 if not rivals or best <= 0 else min(1.0, max(0.0, (best - max(rivals)) / best))
    return float(coverage * (1 - MARGIN_WEIGHT * (1 - margin)))


def version_on(kb: KnowledgeBase, entry: Entry, day: date) -> Entry:
    """The version of the rule `entry` belongs to that is in force on `day` (`entry` itself when none is)."""
    chain = [entry]
    while chain[-1].superseded_by and chain[-1].superseded_by not in {e.id for e in chain}:
        chain.append(kb.entries[chain[-1].superseded_by])
    for version in reversed(chain):
        if version.valid_at(day):
            return version
    if entry.valid_from is not None and day < entry.valid_from:
        for older in kb.index.predecessors.get(entry.id, ()):
            if kb.entries[older].valid_at(day):
                return kb.entries[older]
    return entry


def _answered_version(kb: KnowledgeBase, matched: Entry, at: date, day: date | None, query: Query) -> Entry:
    """The version to answer with: the one in force on the day asked about, else today.

    Asked about nothing in particular, a question that only the old version answers ("rekrutteringskampagne
    2022") gets the old version, with a note on what applies today.
    """
    version = version_on(kb, matched, day or at)
    if day is None and version is not matched and _reaches(kb, matched, version):
        terms = kb.index.entries.terms
        newer = query.coverage(terms[kb.index.entry_number[version.id]])
        older = query.coverage(terms[kb.index.entry_number[matched.id]])
        if newer < ANSWER_THRESHOLD or older - newer >= OLD_RULE_GAP:
            return matched
    return version


def _reaches(kb: KnowledgeBase, old: Entry, new: Entry) -> bool:
    """True when `new` replaces `old`, directly or through later versions."""
    current, seen = old, {old.id}
    while current.superseded_by and current.superseded_by not in seen:
        current = kb.entries[current.superseded_by]
        if current.id == new.id:
            return True
        seen.add(current.id)
    return False


def _entry_answer(
    kb: KnowledgeBase,
    matched: Entry,
    confidence: float,
    at: date,
    day: date | None,
    query: Query,
    *,
    exact: bool = False,
) -> Answer:
    """The entry's answer with what an employee must know about dates: said as of today, `at`.

    `exact` when the question was the entry's own title (a clicked button): that entry, whatever its dates.
    """
    entry = matched if exact else _answered_version(kb, matched, at, day, query)
    previous = matched if entry is not matched and _reaches(kb, matched, entry) else None
    notes: list[str] = []
    validity: list[str] = []
    if entry.valid_to is not None and at > entry.valid_to:
        notes.append(texts.expired(entry.valid_to))
        today = version_on(kb, entry, at)
        if today is not entry:
            validity.append(texts.replaced_by(today.title))
    elif entry.valid_from is not None and at < entry.valid_from:
        notes.append(texts.not_yet(entry.valid_from))
        today = version_on(kb, entry, at)
        if today is not entry:
            validity.append(texts.until_then(today.title))
    else:
        if entry.valid_from is not None and (previous or at - entry.valid_from < RECENT):
            validity.append(texts.valid_from(entry.valid_from))
        if entry.valid_to is not None:
            validity.append(texts.valid_until(entry.valid_to))
        if previous is not None:
            validity.append(texts.earlier_rule(previous.title, previous.valid_to))
        coming = kb.entries[entry.superseded_by] if entry.superseded_by else None
        if coming is not None and coming.valid_from is not None and at < coming.valid_from:
            validity.append(texts.coming_rule(coming.title, coming.valid_from))
    cited = citations(kb, entry.sources)
    tail = [" ".join(validity)] if validity else []
    text = _fit([*notes, entry.answer], [*tail, *_lines(cited)])
    return Answer(answered=True, text=text, score=confidence, entry=entry, previous=previous, citations=cited)


def _lines(cited: Sequence[Citation]) -> list[str]:
    """The citation lines under an answer: one per distinct line, at most MAX_CITATION_LINES."""
    lines: list[str] = []
    for citation in cited:
        line = citation_line(citation)
        if line not in lines:
            lines.append(line)
    return lines[:MAX_CITATION_LINES]


def _passage_answer(kb: KnowledgeBase, query: Query, question: str, allowed: Mask | None) -> Answer | None:
    """Quote the best source paragraph when it covers the question so well that it is an answer.

    Every word of the question that carries meaning must be in it: a paragraph that names "Region
    Hovedstaden" is no answer about the region's sickness absence when it never mentions sickness.

    Never about a named person: the minutes mention colleagues' leave and families, which the bot must not
    pass on however well the words match ("Hvornår kommer Sofie tilbage fra barsel?").
    """
    channel = kb.index.passage_channel
    ranked, _ = _ranked(channel, query, allowed)
    if not ranked:
        return None
    best = ranked[0]
    coverage = query.coverage(channel.terms[best])
    names_someone = any(w in kb.index.person_names for w in content_words(question))
    matched = query.matched_units(channel.terms[best])
    strong = (
        coverage >= PASSAGE_THRESHOLD
        and matched >= PASSAGE_MIN_UNITS
        and matched == sum(1 for u in query.units if not u.weak)
        and not names_someone
    )
    passage = kb.index.passages[best]
    quote = _snippet(passage.text, query)
    document = kb.documents.get(passage.document)
    opening = document is not None and passage.section == document.sections[0][0]
    cited = (Citation(passage.document, passage.title, passage.section, opening=opening),)  # quoted above
    text = _fit([texts.passage_intro(passage.title), f"»{quote}«"], _lines(cited))
    return Answer(answered=strong, text=text, score=coverage, passage=passage, citations=cited)


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


def _suggestions(kb: KnowledgeBase, query: Query, ranked: list[int], at: date) -> list[Entry]:
    """Up to three entries that came close, each in the version that applies on `at`."""
    channel = kb.index.entries
    offered: list[Entry] = []
    for i in ranked:
        if query.coverage(channel.terms[i]) < SUGGESTION_FLOOR:
            continue
        entry = version_on(kb, kb.entries[kb.index.entry_ids[i]], at)
        if entry not in offered:
            offered.append(entry)
        if len(offered) == 3:
            break
    return offered


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
