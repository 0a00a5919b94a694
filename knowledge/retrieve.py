"""Retrieve: the candidate entries for an analysed question, best first, within the question's scope.

Ranking fuses the word channel and the character 4-gram channel by reciprocal rank fusion, then puts the
candidates that cover the question best first. A question about another municipality only meets that
municipality's content (usually none). Whether the best candidate answers is not decided here (`decide`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cached_property

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz

from knowledge.index import TAG_CREDIT, Channel, KnowledgeBase, Scores, phrasing
from knowledge.places import municipalities_named, place_terms
from knowledge.query import KNOWN_CAP, Query, Unit

RRF_K = 10  # small: with a few hundred entries only the first ranks carry meaning
CANDIDATES = 20  # with a few hundred entries, the right one may rank below ten that share a common word
NEAR_TIE = 0.05  # coverage within which candidates count as equally good
SAME_QUESTION = 90  # rapidfuzz ratio at which a listed question is the one asked

Mask = npt.NDArray[np.bool_]
TieBreak = Callable[[list[int]], int]


@dataclass(frozen=True)
class Candidates:
    """What retrieval found for one question: entries best first, and the source paragraphs on demand."""

    kb: KnowledgeBase
    query: Query  # the question's units, without the municipality named when that is the scope
    scope: Scope
    titled: int | None  # the entry whose title is the question (a clicked button), if any
    ranked: list[int]
    scores: Scores

    @cached_property
    def passages(self) -> list[int]:
        """Source paragraphs best first: ranked only when no entry answers, since most questions need none."""
        return rank(self.kb.index.passage_channel, self.query, self.scope.passages)[0]


def retrieve(kb: KnowledgeBase, query: Query, question: str, day: date) -> Candidates:
    """The candidates for `question` (analysed as `query`, about `day`) in the knowledge base `kb`."""
    scope = scope_of(kb, question)
    if scope.foreign is not None:  # the municipality says whose content, not what about: the scope holds it
        query = query.without(place_terms(scope.foreign))
    titled = kb.index.titles.get(phrasing(question))
    if titled is not None and (scope.entries is None or scope.entries[titled]):
        return Candidates(kb, query, scope, titled, [], np.zeros(0))
    ranked, scores = rank(kb.index.entries, query, scope.entries, entry_tie_break(kb, query, question, day))
    return Candidates(kb, query, scope, None, ranked, scores)


@dataclass(frozen=True)
class Scope:
    """Which entries and passages may answer: all, only ours, or only those about or naming another municipality."""

    entries: Mask | None
    passages: Mask | None
    foreign: str | None  # the municipality asked about, when it is not the one the knowledge is about
    ours: Mask | None = None  # our own entries that merely name it ("samarbejde med Glostrup og Brøndby")


def scope_of(kb: KnowledgeBase, question: str) -> Scope:
    """Only content about or naming the municipality asked about, when it is not ours; only ours when the
    question names ours alone.

    "Holder Københavns Kommune lukket juleaften?" gets no Albertslund rule, a question about Glostrup only
    Glostrup's MED strategy and what our own documents say about Glostrup, and "Bruger Albertslund samskabt
    styring?" not Glostrup's strategy, which has the words but is not about Albertslund.
    """
    named = municipalities_named(question)
    home = kb.index.home
    if named and set(named) == {home}:  # about us only: a neighbour's own content is not our answer
        entries = np.array([p in (None, home) for p in kb.index.entry_places], dtype=bool)
        passages = np.array([p in (None, home) for p in kb.index.passage_places], dtype=bool)
        return Scope(entries, passages, None)
    if not named or home in named:
        return Scope(None, None, None)
    place = named[0]
    theirs = np.array([p == place for p in kb.index.entry_places], dtype=bool)
    naming = np.array([place in m for m in kb.index.entry_mentions], dtype=bool)
    passages = np.array(
        [p == place or place in m for p, m in zip(kb.index.passage_places, kb.index.passage_mentions, strict=True)],
        dtype=bool,
    )
    return Scope(theirs | naming, passages, place, naming & ~theirs)


def rank(
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


def entry_tie_break(kb: KnowledgeBase, query: Query, question: str, day: date) -> TieBreak:
    """Among entries that cover the question equally: the one listing this very question, else the one
    whose title or a listed question is closest to it and whose headline covers most of it; of entries that
    come equally close, one in force on `day` (a superseded plan never answers for the current one).

    The stopwords the search ignores ("hvad er …", "hvem er …") still tell which of two entries is meant
    when one lists the question almost word for word.
    """
    asked = phrasing(question)
    channel = kb.index.entries

    def in_force(entries: list[int]) -> list[int]:
        return [i for i in entries if kb.entries[kb.index.entry_ids[i]].valid_at(day)] or entries

    def pick(contenders: list[int]) -> int:
        listed = [i for i in contenders if any(same_question(asked, p) for p in kb.index.phrasings[i])]
        if listed:
            return in_force(listed)[0]
        closeness = {
            i: closest_phrasing(kb, query, i) + query.coverage(channel.terms[i], floor=TAG_CREDIT) for i in contenders
        }
        best = max(closeness.values())
        close = [i for i in contenders if closeness[i] >= best - NEAR_TIE - 1e-9]
        return max(in_force(close), key=lambda i: closeness[i])  # max keeps the first (fused order) of equals

    return pick


def closest_phrasing(kb: KnowledgeBase, query: Query, entry: int) -> float:
    """How nearly one of the entry's title and questions says what was asked.

    An idf-weighted Jaccard of the question's units (in any of their forms: "første" meets "1.") and the
    phrasing's terms; terms of the phrasing the question does not have count against it.
    """
    total = sum(u.weight for u in query.units)
    best = 0.0
    for listed in kb.index.phrasing_terms[entry]:
        shared, used = 0.0, set[str]()
        for unit in query.units:
            credit, found = said_in(unit, listed.terms)
            shared += unit.weight * credit
            used.update(found)
        extra = sum(min(KNOWN_CAP, kb.index.idf.get(t, KNOWN_CAP)) for t in listed.words - used)
        if shared:
            best = max(best, shared / (total + extra))
    return best


def said_in(unit: Unit, terms: frozenset[str]) -> tuple[float, tuple[str, ...]]:
    """How surely a phrasing with `terms` says the unit, and with which of its terms."""
    found = [(credit, alternative) for alternative, credit in unit.alternatives if terms.issuperset(alternative)]
    return max(found) if found else (0.0, ())


def same_question(asked: str, listed: str) -> bool:
    """Nearly the same words, and exactly the same numbers: "indsatsområde 1" is not "indsatsområde 2"."""
    if not fuzz.ratio(asked, listed, score_cutoff=SAME_QUESTION):  # the cheap test first: most phrasings fail it
        return False
    return {w for w in asked.split() if w[0].isdigit()} == {w for w in listed.split() if w[0].isdigit()}


def _rrf(scores: Scores) -> Scores:
    order = np.argsort(-scores, kind="stable")
    ranks = np.empty(len(scores))
    ranks[order] = np.arange(1, len(scores) + 1)
    return np.where(scores > 0, 1.0 / (RRF_K + ranks), 0.0)
