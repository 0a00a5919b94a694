"""The compiled, immutable knowledge base: validated entries, source passages and their search indexes.

A reload builds a whole new `KnowledgeBase` and swaps it in; nothing here changes after `build` returns.

Ranking uses BM25 over words and a second BM25 over character 4-grams. BM25 is written out here (on numpy
arrays) rather than taken from bm25s because the search needs two things that library does not offer:
field weights inside one document (title and questions count more than the answer) and fractional query
weights (a synonym or a corrected typo counts less than the word the employee typed).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from types import MappingProxyType

import numpy as np
import numpy.typing as npt

from knowledge.documents import Document, passages, person_names
from knowledge.folder import content_files
from knowledge.model import Entry, Passage
from knowledge.periods import year_spans
from knowledge.places import municipalities_in, municipalities_named
from knowledge.synonyms import Synonyms
from knowledge.text import (
    char_grams,
    danish_spelling,
    fold,
    keep_content,
    lemma,
    skeleton,
    split_compound,
    term,
    words,
)
from knowledge.validate import load_content
from knowledge.yamlfile import InputError

# How much a word counts where it stands: an employee's question resembles the title and the questions.
FIELD_WEIGHTS = {"title": 3.0, "questions": 2.0, "tags": 2.0, "answer": 1.0, "details": 0.5}
HEADLINE = ("title", "questions")
BODY_CREDIT = 0.7  # a word only the answer mentions: the entry touches it but is not about it
TAG_CREDIT = 0.9  # an editor's keyword: close to the topic, but the title and questions say what it is about
PART_WEIGHT = 0.5  # a compound's parts count half: "sygefraværssamtale" is mostly about a samtale
K1 = 1.2
B = 0.75

Scores = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Bm25:
    """Okapi BM25 with precomputed per-term weights: scoring a question is a handful of array additions.

    Postings are stored once, sorted by token (`docs` and `weights`), with `spans[token]` giving each
    token's slice; this keeps building a large index to a few numpy calls.
    """

    spans: Mapping[str, tuple[int, int]]
    docs: npt.NDArray[np.int32]
    weights: npt.NDArray[np.float64]
    size: int

    def scores(self, query: Mapping[str, float]) -> Scores:
        """The BM25 score of every document for weighted query terms (unknown terms add nothing)."""
        total = np.zeros(self.size)
        for token, weight in query.items():
            span = self.spans.get(token)
            if span is not None:
                total[self.docs[span[0] : span[1]]] += weight * self.weights[span[0] : span[1]]
        return total


def bm25_arrays(
    row: npt.NDArray[np.int64], tok: npt.NDArray[np.int64], tf: npt.NDArray[np.float64], size: int, tokens: list[str]
) -> Bm25:
    """Index documents given as (document, token, weighted frequency) triples, one per pair."""
    lengths = np.bincount(row, weights=tf, minlength=size) if size else np.zeros(0)
    average = float(lengths.mean()) if size and lengths.mean() > 0 else 1.0
    norm = K1 * (1 - B + B * lengths / average)
    df = np.bincount(tok, minlength=len(tokens))
    idf = np.log(1 + (size - df + 0.5) / (df + 0.5))
    weights = tf * (K1 + 1) / (tf + norm[row]) * idf[tok]
    order = np.argsort(tok, kind="stable")
    bounds = np.searchsorted(tok[order], np.arange(len(tokens) + 1)).tolist()
    spans = {token: (bounds[i], bounds[i + 1]) for i, token in enumerate(tokens)}
    docs, values = row[order].astype(np.int32), weights[order]
    docs.flags.writeable = False
    values.flags.writeable = False
    return Bm25(MappingProxyType(spans), docs, values, size)


@dataclass(frozen=True)
class Channel:
    """One collection (entries or passages) indexed twice: by word terms and by character 4-grams."""

    words: Bm25
    grams: Bm25
    # every term of each document with how much its presence counts: 1 in the title, questions and tags,
    # less when only the answer mentions it (the entry is then not about it)
    terms: tuple[Mapping[str, float], ...]


@dataclass(frozen=True)
class Phrasing:
    """An entry's title or listed question as terms: its own words, and with compound parts added."""

    words: frozenset[str]
    terms: frozenset[str]


@dataclass(frozen=True)
class SearchIndex:
    """What the search needs besides the entries: both channels, the vocabulary and term rarity."""

    entry_ids: tuple[str, ...]
    entries: Channel
    passages: tuple[Passage, ...]
    passage_channel: Channel
    vocabulary: frozenset[str]  # terms of whole words, used to split compounds and correct typos
    surface: frozenset[str]  # the words as written (folded), so a question's compound splits into real words
    by_initial: Mapping[str, tuple[str, ...]]  # vocabulary by first letter: typo candidates
    by_skeleton: Mapping[str, str]  # vocabulary by `skeleton`: "gron" is "groen" typed without ø
    by_lemma: Mapping[str, tuple[str, ...]]  # inflected forms of one root the stemmer keeps apart
    idf: Mapping[str, float]  # over entries and passages together
    unknown_idf: float  # what a word the index never saw weighs
    entry_number: Mapping[str, int]  # position of each entry id in `entry_ids`
    predecessors: Mapping[str, tuple[str, ...]]  # ids of the entries each entry supersedes
    neighbours: Mapping[str, frozenset[str]]  # versions of the same rule and related entries: no rivals
    phrasings: tuple[tuple[str, ...], ...]  # each entry's title and questions as `phrasing` writes them
    phrasing_terms: tuple[tuple[Phrasing, ...], ...]  # the same as terms
    titles: Mapping[str, int]  # entry number by its title as `phrasing` writes it: a clicked button asks it
    home: str | None  # the municipality most entries are about
    entry_places: tuple[str | None, ...]  # the municipality each entry is about
    entry_mentions: tuple[frozenset[str], ...]  # the municipalities each entry's text names
    passage_places: tuple[str | None, ...]  # the municipality each passage's document is about
    passage_mentions: tuple[frozenset[str], ...]  # the municipalities each passage names
    person_names: frozenset[str]  # lowercase words that name people in the sources
    year_spans: frozenset[str]  # the spans of years entries name ("2024-2025"): plans and periods


@dataclass(frozen=True)
class KnowledgeBase:
    """One version of the knowledge: immutable, compiled, identified by a hash of everything it was built from."""

    version: str
    entries: Mapping[str, Entry]
    documents: Mapping[str, Document]
    synonyms: Synonyms
    index: SearchIndex


def build(content_dir: Path, sources_dir: Path, synonyms_path: Path) -> KnowledgeBase:
    """Validate and compile the knowledge; raises InputError listing every problem when anything is wrong."""
    content = load_content(content_dir, sources_dir, synonyms_path)
    if content.problems:
        raise InputError(list(content.problems))
    files = content_files(content_dir, sources_dir, synonyms_path)
    return compile_knowledge(content.entries, content.documents, content.synonyms, version=content_hash(files))


def compile_knowledge(
    entries: Sequence[Entry],
    documents: Mapping[str, Document],
    synonyms: Synonyms,
    version: str,
) -> KnowledgeBase:
    """Index already validated entries and documents (the benchmark calls this with synthetic entries)."""
    quoted = tuple(p for name in sorted(documents) for p in passages(documents[name]))
    entry_places = tuple(next(iter(municipalities_named(e.organisation)), None) for e in entries)
    entry_words = [_words(_entry_fields(e)) for e in entries]
    passage_words = [_words({"title": [p.section], "answer": [p.text]}) for p in quoted]
    entry_fields = [_content(fields) for fields in entry_words]
    passage_fields = [_content(fields) for fields in passage_words]
    unique = {w for fields in (*entry_fields, *passage_fields) for texts in fields.values() for ws in texts for w in ws}
    vocabulary = frozenset(term(w) for w in unique)
    surface = frozenset(fold(danish_spelling(w)) for w in unique)
    analyser = Analyser(vocabulary, surface, synonyms)
    entry_channel = _channel(entry_fields, analyser, BODY_CREDIT)
    passage_channel = _channel(passage_fields, analyser, 1.0)
    df: Counter[str] = Counter()
    for terms in (*entry_channel.terms, *passage_channel.terms):
        df.update(terms)
    total = len(entries) + len(quoted)
    idf = {t: math.log(1 + (total - n + 0.5) / (n + 0.5)) for t, n in df.items()}
    by_initial: dict[str, list[str]] = defaultdict(list)
    by_skeleton: dict[str, str] = {}
    by_lemma: dict[str, list[str]] = defaultdict(list)
    for word_term in sorted(vocabulary, key=lambda t: (idf.get(t, math.inf), t)):
        by_skeleton.setdefault(skeleton(word_term), word_term)  # the most common spelling wins
        by_lemma[lemma(word_term)].append(word_term)
    for word_term in sorted(vocabulary):
        by_initial[word_term[0]].append(word_term)
    index = SearchIndex(
        entry_ids=tuple(e.id for e in entries),
        entries=entry_channel,
        passages=quoted,
        passage_channel=passage_channel,
        vocabulary=vocabulary,
        surface=surface,
        by_initial=MappingProxyType({k: tuple(v) for k, v in by_initial.items()}),
        by_skeleton=MappingProxyType(by_skeleton),
        by_lemma=MappingProxyType({k: tuple(sorted(v)) for k, v in by_lemma.items() if len(v) > 1}),
        idf=MappingProxyType(idf),
        unknown_idf=math.log(1 + (total + 0.5) / 0.5),
        entry_number=MappingProxyType({e.id: number for number, e in enumerate(entries)}),
        predecessors=_predecessors(entries),
        neighbours=_neighbours(entries),
        phrasings=tuple(tuple(_phrased(ws) for ws in (*f["title"], *f["questions"])) for f in entry_words),
        phrasing_terms=tuple(
            tuple(
                Phrasing(frozenset(term(w) for w in ws), frozenset(t for t, _ in document_terms(ws, analyser)))
                for ws in (*fields["title"], *fields["questions"])
            )
            for fields in entry_fields
        ),
        titles=MappingProxyType({_phrased(f["title"][0]): n for n, f in reversed(list(enumerate(entry_words)))}),
        year_spans=frozenset(
            s for e in entries for text in _entry_fields(e).values() for t in text for s in year_spans(t)
        ),
        home=Counter(entry_places).most_common(1)[0][0] if entries else None,
        entry_places=entry_places,
        entry_mentions=tuple(
            frozenset(municipalities_in([w for texts in f.values() for ws in texts for w in ws])) for f in entry_words
        ),
        passage_places=tuple(next(iter(municipalities_named(documents[p.document].title)), None) for p in quoted),
        passage_mentions=tuple(frozenset(municipalities_in(f["answer"][0])) for f in passage_words),
        person_names=person_names(
            documents.values(), vocabulary, (t for e in entries for t in (e.title, e.answer, e.details))
        ),
    )
    return KnowledgeBase(
        version=version,
        entries=MappingProxyType({e.id: e for e in entries}),
        documents=MappingProxyType(dict(documents)),
        synonyms=synonyms,
        index=index,
    )


def phrasing(text: str) -> str:
    """A question as plain lowercase ASCII words, stopwords kept: "Hvad er KommuneMED?" → "hvad er kommunemed"."""
    return _phrased(words(text))


def _phrased(found: list[str]) -> str:
    """`phrasing` of words already read by `words`."""
    return " ".join(_ascii(w) for w in found)


@lru_cache(maxsize=65536)
def _ascii(word: str) -> str:
    return fold(danish_spelling(word))


def content_hash(files: Iterable[Path]) -> str:
    """A short, stable hash of file names and bytes: the same content gives the same version on every replica."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode())
        digest.update(b"\0")
        digest.update(path.read_bytes() if path.exists() else b"")
        digest.update(b"\0")
    return digest.hexdigest()[:12]


def fingerprints(kb: KnowledgeBase) -> dict[str, str]:
    """A short hash of each entry's content (its place in the file ignored), to tell what a new version changed.

    Stored with each activation, so any replica (and the CLI) can say what a later version changed.
    """
    result: dict[str, str] = {}
    for entry_id, entry in kb.entries.items():
        fields = dataclasses.asdict(dataclasses.replace(entry, file="", line=0, question_lines=()))
        encoded = json.dumps(fields, sort_keys=True, default=str, ensure_ascii=False).encode()
        result[entry_id] = hashlib.sha256(encoded).hexdigest()[:16]
    return result


def compare(old: Mapping[str, str], new: Mapping[str, str]) -> tuple[tuple[str, ...], ...]:
    """Entry ids (added, changed, removed) from one set of fingerprints to the next, for the reload reply."""
    added = tuple(sorted(set(new) - set(old)))
    removed = tuple(sorted(set(old) - set(new)))
    changed = tuple(sorted(i for i in set(old) & set(new) if old[i] != new[i]))
    return added, changed, removed


def document_terms(words: Sequence[str], analyser: Analyser) -> Iterator[tuple[str, float]]:
    """Terms of some words with their share: a word and two words written apart as one count 1, parts less.

    Danish writes compounds as one word ("sygefraværssamtale") and people often split them ("syge fravær");
    both directions are added so a question in either form meets the text in either form.
    """
    for i, word in enumerate(words):
        own, parts, _ = analyser.analyse(word)
        yield own, 1.0
        for part in parts:
            yield part, PART_WEIGHT
        if i + 1 < len(words):
            joined = analyser.joined(word, words[i + 1])
            if joined is not None:
                yield joined, 1.0


def _predecessors(entries: Sequence[Entry]) -> Mapping[str, tuple[str, ...]]:
    """For each entry the ids of the entries it supersedes."""
    found: dict[str, list[str]] = defaultdict(list)
    for entry in entries:
        if entry.superseded_by:
            found[entry.superseded_by].append(entry.id)
    return MappingProxyType({k: tuple(v) for k, v in found.items()})


def _neighbours(entries: Sequence[Entry]) -> Mapping[str, frozenset[str]]:
    """For each entry: itself, every version of the same rule (any distance), and entries related either way.

    When the runner-up is one of these, a small score gap means nothing: the question is about this topic.
    """
    version_of: dict[str, str] = {e.id: e.id for e in entries}

    def root(entry_id: str) -> str:
        while version_of[entry_id] != entry_id:
            entry_id = version_of[entry_id]
        return entry_id

    for entry in entries:
        if entry.superseded_by in version_of:
            version_of[root(entry.id)] = root(entry.superseded_by)
    versions: dict[str, set[str]] = defaultdict(set)
    for entry in entries:
        versions[root(entry.id)].add(entry.id)
    near: dict[str, set[str]] = {e.id: set(versions[root(e.id)]) for e in entries}
    for entry in entries:
        for other in entry.related:
            if other in near:
                near[entry.id].add(other)
                near[other].add(entry.id)
    return MappingProxyType({k: frozenset(v) for k, v in near.items()})


def _entry_fields(entry: Entry) -> dict[str, list[str]]:
    return {
        "title": [entry.title],
        "questions": list(entry.questions),
        "tags": list(entry.tags),
        "answer": [entry.answer],
        # a milestone says what the entry's text tells in other words: "Plan MED-perioden slutter"
        "details": [entry.details, *(m.what for m in entry.milestones)],
    }


def _words(fields: Mapping[str, list[str]]) -> dict[str, list[list[str]]]:
    """Each field's texts as words, read once for the phrasings, the places they name and the content words."""
    return {field: [words(text) for text in texts] for field, texts in fields.items()}


def _content(fields: Mapping[str, list[list[str]]]) -> dict[str, list[list[str]]]:
    """Each field's texts as content words, computed once for the vocabulary and both channels."""
    return {field: [keep_content(ws) for ws in texts] for field, texts in fields.items()}


@dataclass(frozen=True)
class Analyser:
    """Per-word analysis against one vocabulary, remembered: a corpus repeats its words a lot."""

    vocabulary: frozenset[str]
    surface: frozenset[str]  # the words as written (folded): two words written as one
    synonyms: Synonyms
    known: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = dataclasses.field(default_factory=dict)

    def analyse(self, word: str) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
        """(term, terms of its compound parts, character 4-grams) of one content word.

        A part the synonyms call broader than the whole word is left out: "tandlæge" is filed under "læge"
        for a dentist's question, but a text about the dentist does not answer a question about the doctor.
        """
        found = self.known.get(word)
        if found is None:
            own = term(word)
            broader = {p[0] for p in self.synonyms.broader_than((own,)) if len(p) == 1}
            parts = tuple(t for t in (term(p) for p in split_compound(word, self.vocabulary) or ()) if t not in broader)
            found = (own, parts, tuple(char_grams(word)))
            self.known[word] = found
        return found

    def joined(self, word: str, following: str) -> str | None:
        """The term of two words written apart that the texts also write as one ("syge fravær"), or None."""
        together = _ascii(word) + _ascii(following)
        return term(word + following) if together in self.surface and together.isalpha() else None


def _channel(documents: Sequence[Mapping[str, list[list[str]]]], analyser: Analyser, body_credit: float) -> Channel:
    """Both BM25 indexes of a collection, and which terms each document has and how surely.

    Every word of every text becomes one row of flat arrays (document, field weight, credit, word); the
    analysis is looked up once per distinct word and the counting is left to numpy, because a large
    knowledge base has hundreds of thousands of words.
    """
    size = len(documents)
    flat_words: list[str] = []
    doc_of: list[int] = []
    weight_of: list[float] = []
    credit_of: list[float] = []
    joined: list[tuple[int, float, float, str]] = []  # two words written apart that the texts write as one
    for number, fields in enumerate(documents):
        for field, texts in fields.items():
            weight = FIELD_WEIGHTS[field]
            credit = 1.0 if field in HEADLINE else TAG_CREDIT if field == "tags" else body_credit
            for text_words in texts:
                flat_words.extend(text_words)
                doc_of.extend([number] * len(text_words))
                weight_of.extend([weight] * len(text_words))
                credit_of.extend([credit if field != "details" else -credit] * len(text_words))
                joined.extend(
                    (number, weight, credit, together)
                    for a, b in pairwise(text_words)
                    if (together := analyser.joined(a, b))
                )
    distinct = list(dict.fromkeys(flat_words))
    word_id = {w: i for i, w in enumerate(distinct)}
    wid = np.fromiter(map(word_id.__getitem__, flat_words), dtype=np.int64, count=len(flat_words))
    docs = np.array(doc_of, dtype=np.int64)
    weights = np.array(weight_of, dtype=np.float64)
    signed = np.array(credit_of, dtype=np.float64)
    credits = np.abs(signed)
    analysed = [analyser.analyse(w) for w in distinct]

    terms = _Ids()
    own = np.array([terms.id(a[0]) for a in analysed], dtype=np.int64)
    part_counts = np.array([len(a[1]) for a in analysed], dtype=np.int64)
    part_ids = np.array([terms.id(t) for a in analysed for t in a[1]], dtype=np.int64)
    rows_parts, part_of_rows = _expand(wid, part_counts)
    joined_docs = np.array([j[0] for j in joined], dtype=np.int64)
    term_docs = np.concatenate([docs, docs[rows_parts], joined_docs])
    term_ids = np.concatenate(
        [own[wid], part_ids[part_of_rows], np.array([terms.id(j[3]) for j in joined], dtype=np.int64)]
    )
    term_tf = np.concatenate([weights, weights[rows_parts] * PART_WEIGHT, np.array([j[1] for j in joined])])
    term_credit = np.concatenate([credits, credits[rows_parts] * PART_WEIGHT, np.array([j[2] for j in joined])])
    row, tok, tf, seen = _per_pair(term_docs, term_ids, term_tf, term_credit, len(terms))
    word_channel = bm25_arrays(row, tok, tf, size, terms.names)

    grams = _Ids()
    gram_counts = np.array([len(a[2]) for a in analysed], dtype=np.int64)
    gram_ids = np.array([grams.id(g) for a in analysed for g in a[2]], dtype=np.int64)
    spelled = signed > 0  # the details field does not feed the 4-grams
    rows_grams, gram_of_rows = _expand(wid[spelled], gram_counts)
    gram_row, gram_tok, gram_tf, _ = _per_pair(
        docs[spelled][rows_grams], gram_ids[gram_of_rows], weights[spelled][rows_grams], None, len(grams)
    )
    gram_channel = bm25_arrays(gram_row, gram_tok, gram_tf, size, grams.names)

    presence: list[dict[str, float]] = [{} for _ in range(size)]
    names = terms.names
    for d, t, c in zip(row.tolist(), tok.tolist(), seen.tolist(), strict=True):
        presence[d][names[t]] = c
    return Channel(word_channel, gram_channel, tuple(MappingProxyType(p) for p in presence))


class _Ids:
    """Numbers for strings in the order they are first seen."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self._ids: dict[str, int] = {}

    def id(self, name: str) -> int:
        found = self._ids.get(name)
        if found is None:
            found = self._ids[name] = len(self.names)
            self.names.append(name)
        return found

    def __len__(self) -> int:
        return len(self.names)


def _expand(
    wid: npt.NDArray[np.int64], counts: npt.NDArray[np.int64]
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """For rows of words with `counts[w]` items each (parts, 4-grams): (row of each item, index of the item).

    The items of word w are numbers offsets[w] … offsets[w] + counts[w] - 1 in the flat item array.
    """
    per_row = counts[wid]
    rows = np.repeat(np.arange(len(wid), dtype=np.int64), per_row)
    offsets = np.concatenate([[0], np.cumsum(counts)[:-1]]).astype(np.int64)
    starts = np.repeat(offsets[wid], per_row)
    within = np.arange(len(rows), dtype=np.int64) - np.repeat(np.cumsum(per_row) - per_row, per_row)
    return rows, starts + within


def _per_pair(
    docs: npt.NDArray[np.int64],
    ids: npt.NDArray[np.int64],
    tf: npt.NDArray[np.float64],
    credit: npt.NDArray[np.float64] | None,
    count: int,
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Sum the frequencies (and take the highest credit) of each (document, id) pair, sorted by document."""
    keys = docs * max(count, 1) + ids
    pairs, inverse = np.unique(keys, return_inverse=True)
    summed: npt.NDArray[np.float64] = np.bincount(inverse, weights=tf, minlength=len(pairs)).astype(np.float64)
    best = np.zeros(len(pairs))
    if credit is not None:
        np.maximum.at(best, inverse, credit)
    wide = max(count, 1)
    found_docs: npt.NDArray[np.int64] = (pairs // wide).astype(np.int64)
    found_ids: npt.NDArray[np.int64] = (pairs % wide).astype(np.int64)
    return found_docs, found_ids, summed, best
