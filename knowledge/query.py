"""Analyse: what a question asks, as the index understands it, in which language and about which day.

The first stage of answering (analyse → retrieve → decide → compose, see knowledge/search.py).

A unit is one word of the question (or a phrase such as "24. december"). It may be expressed by its own
term, by its compound parts, by a synonym, or, when the index never saw it, by the nearest known term (a
typo). Each alternative carries a credit below 1 when it is less certain than the word itself.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from rapidfuzz import process
from rapidfuzz.distance import OSA

from knowledge.index import SearchIndex
from knowledge.synonyms import Synonyms, singular
from knowledge.text import char_grams, is_weak, keep_content, lemma, skeleton, split_compound, split_known, term
from knowledge.text import words as all_words
from knowledge.when import MONTH_NAMES, day_asked_about

SYNONYM_CREDIT = 0.8
BROADER_CREDIT = 0.7  # a dentist question answered by the rule for doctors fits, but less well
PARTS_CREDIT = 0.85
NEW_COMPOUND_CREDIT = 0.55  # a known head behind an unknown first part: "borgmester" is not borg + mester
TYPO_CREDIT = {1: 0.75, 2: 0.6}
SKELETON_CREDIT = 0.95  # "gronne" is "grønne" typed without ø, almost surely
INFLECTION_CREDIT = 0.85  # "truede" and "truet": the same verb in another tense
WEAK_WEIGHT = 0.25  # "regler", "muligheder": part of the topic, but they do not say which


KNOWN_CAP = 5.0  # a rare but ordinary word ("regne") must not outweigh the topic words of a question
MIN_TYPO_LENGTH = 5  # shorter words have too many neighbours one edit away ("vejr" is not "vej")

Alternative = tuple[tuple[str, ...], float]  # terms that together express a unit, and how sure that is


@dataclass(frozen=True)
class Unit:
    """One thing the question mentions, how much it matters (idf) and the ways a text may say it."""

    text: str
    weight: float
    alternatives: tuple[Alternative, ...]
    weak: bool = False  # "regler", "december": counts a little, and never as a matched unit of its own
    unknown: bool = False  # no text and no synonym has it in any form: "bryllup", "parkering"
    guesses: int = 0  # the last alternatives are only a guess at a new compound's parts ("barnebarn": barn + barn)

    def credit(self, terms: Mapping[str, float], floor: float = 0.0, sure: bool = False) -> float:
        """How well a document whose terms count `terms` covers this unit (0 to 1).

        Terms that count less than `floor` (those only the answer mentions) are left out when it is given;
        `sure` leaves out the guessed compound parts, which may rank a document but never prove it answers,
        and counts a form only when the document has all of its terms: "bonusbarn" is not said by a text
        about a "barn", nor "deltidsbarsel" by one about "tid".
        """
        best = 0.0
        considered = self.alternatives[: len(self.alternatives) - self.guesses] if sure else self.alternatives
        for alternative, credit in considered:
            found = [v for v in (terms.get(t, 0.0) for t in alternative) if v > 0 and v >= floor]
            if sure and len(found) < len(alternative):
                continue
            best = max(best, credit * sum(found) / len(alternative))
        return best


@dataclass(frozen=True)
class Query:
    """A question analysed against one index: its units, BM25 word weights and character 4-grams."""

    units: tuple[Unit, ...]
    words: dict[str, float]
    grams: dict[str, float]
    left_out: int = 0  # units `without` took out: they still made the question more than one word

    def coverage(self, terms: Mapping[str, float], floor: float = 0.0) -> float:
        """The idf-weighted share of the question a document covers: the main sign it is on topic."""
        total = sum(u.weight for u in self.units)
        if not total:
            return 0.0
        return sum(u.weight * u.credit(terms, floor) for u in self.units) / total

    def without(self, terms: frozenset[str]) -> Query:
        """The question with the units that only say `terms` left out (unless nothing else is left)."""
        kept = tuple(u for u in self.units if not set(u.alternatives[0][0]) <= terms)
        if not kept:
            return self
        return dataclasses.replace(self, units=kept, left_out=self.left_out + len(self.units) - len(kept))

    @property
    def has_unknown(self) -> bool:
        """True when the question mentions something no text knows: it is likely about something else."""
        return any(u.unknown for u in self.units)

    def matched_units(self, terms: Mapping[str, float]) -> int:
        """How many full units a document covers at all: one matched word is thin evidence for a quote."""
        return sum(1 for u in self.units if not u.weak and u.credit(terms) > 0)


# Function words tell the language of a question: a question is English when it has more of these than of
# their Danish counterparts. Topic words say nothing here ("MED", "kutymefridage" appear in both).
ENGLISH_WORDS: frozenset[str] = frozenset(
    """
    a an and are as at be been can could do does did for from get gets got have has how i if in into is it me
    my of on or our should so than that the their there this to was we what when where which who why will with
    would you your am about tell know want please still any some just mean need does much many per
    """.split()  # noqa: SIM905 - a word list reads and diffs better as text
)
DANISH_WORDS: frozenset[str] = frozenset(
    """
    af at den der det du eller en er et for fra får gælder har hvad hvem hvis hvor hvordan hvornår i jeg kan
    med men mig min mit må når og om på skal som til ved vi vores være har hvilke hvilken mange meget
    """.split()  # noqa: SIM905
)


def language(said: Sequence[str]) -> str:
    """`en` when the question has more English than Danish function words, else `da` (the bot's language)."""
    english = sum(1 for w in said if w in ENGLISH_WORDS)
    danish = sum(1 for w in said if w in DANISH_WORDS)
    return "en" if english > danish else "da"


@dataclass(frozen=True)
class Question:
    """One question analysed: its words, its language, the day it is about and its units for the index."""

    text: str
    said: tuple[str, ...]  # every word as `knowledge.text.words` reads it, stopwords included
    language: str  # "da" or "en"
    day: date | None  # the day the question is about, when it names one ("juleaften 2024")
    query: Query


def read_question(text: str, index: SearchIndex, synonyms: Synonyms, at: date) -> Question:
    """Analyse `text`, asked on `at`, against an index and its language file."""
    said = tuple(all_words(text))
    return Question(text, said, language(said), day_asked_about(text, at), analyse(text, index, synonyms))


# "Som AMR bliver jeg spurgt: …", "As a manager: …": who asks, before a colon, is no topic of the question.
_ROLE = re.compile(r"^\s*(?:som|as)\s+[^:?!.]{1,40}:\s*(?=\S)", re.IGNORECASE)


def analyse(question: str, index: SearchIndex, synonyms: Synonyms) -> Query:
    """Turn an employee's question into units and weighted terms for the index."""
    asked = _ROLE.sub("", question, count=1)
    words, known = _read_words(
        keep_content(
            _without_recurrence(
                translate(
                    _again_as_next(
                        _without_asking_phrases(
                            _pay_arrives(
                                _without_time_left(_without_lasting(_next_phase(_beyond_second_day(all_words(asked)))))
                            )
                        )
                    ),
                    synonyms,
                )
            )
        ),
        index,
        synonyms,
    )
    units = _units(words, known, index, synonyms)
    query_words: dict[str, float] = {}
    for unit in units:
        for terms, credit in unit.alternatives:
            for t in terms:
                query_words[t] = max(query_words.get(t, 0.0), credit)
    grams: dict[str, float] = {}
    for word in words:
        for gram in char_grams(word):
            grams[gram] = 1.0
    return Query(units=tuple(units), words=query_words, grams=grams)


# "Hvornår bliver AlbertslundPraktik holdt igen?", "when is it held again?": the question asks for the next one.
WHEN_WORDS = frozenset(("hvornår", "when"))  # the words that ask when
_AGAIN = {"igen": "næste", "again": "next"}


def _again_as_next(words: list[str]) -> list[str]:
    """The words with "igen" read as "næste" in a question asking when: it asks when the next one is, which only an
    entry about the next one answers (`salient` in `synonyms.yaml`)."""
    if WHEN_WORDS.isdisjoint(words):
        return words
    return [_AGAIN.get(word, word) for word in words]


# "Hvornår kommer lønnen ud?", "hvornår går min løn ind?", "What day is salary paid?": when pay is paid out, which no
# source tells. The verb that asks it is a stopword or reads as pay, which would leave "løn" alone to match a rule
# about pay for doctor's visits.
_PAY = frozenset(
    ("løn", "lønnen", "lønningerne", "decemberløn", "decemberlønnen", "pengene", "salary", "pay", "wages", "paycheck")
)
_ARRIVES = frozenset(("kommer", "går", "falder", "paid", "come", "comes", "arrive", "arrives"))
_PAID_OUT = "udbetales"
_PAY_REACH = 2  # "kommer min løn", "salary is paid": the verb and the pay within two words


def _pay_arrives(words: list[str]) -> list[str]:
    """The words with the verb by which pay comes read as "udbetales", in a question asking when or on which day."""
    if WHEN_WORDS.isdisjoint(words) and not any(pair in _WHICH_DAY for pair in pairwise(words)):
        return words
    return [
        _PAID_OUT if w in _ARRIVES and not _PAY.isdisjoint(words[max(0, i - _PAY_REACH) : i + _PAY_REACH + 1]) else w
        for i, w in enumerate(words)
    ]


# "ud over 1. og 2. sygedag", "når barnet er sygt i mere end to dage", "beyond the second day": a child's sick
# days after the first two, which an entry on the 3rd sick day tells, not the one granting the first two.
_BEYOND = (("ud", "over"), ("mere", "end"), ("more", "than"), ("beyond",))
_SECOND = frozenset(("2", "to", "two", "second", "2nd"))
_DAYS = frozenset(("sygedag", "sygedage", "dage", "dag", "day", "days"))
# a child, a son or a daughter, in any form, but not "søndag" or "Søndergaard"
_CHILD = re.compile(r"(?:barn|børn|child|kid|datter|døtre|daughter)\w*|søn(?:s|nen|nens|ner|nerne)?|sons?")
_THIRD_DAY = frozenset((day, third) for day in ("dag", "day") for third in ("tre", "three", "3")) | frozenset(
    (third, day) for third in ("tredje", "third", "3rd") for day in ("dag", "day", "sygedag")
)
_BEYOND_REACH = 6  # "ud over barns 1. og 2. sygedag": the days named within a few words


def _beyond_second_day(words: list[str]) -> list[str]:
    """The words with the days past a child's second sick day ("ud over barns 2. sygedag", "på dag tre") read as
    "3. sygedag"."""
    if not any(_CHILD.fullmatch(w) for w in words):
        return words
    for i in range(len(words) - 1):
        if (words[i], words[i + 1]) in _THIRD_DAY:  # "on day three", "på dag tre", "the third day"
            return [*words[:i], "3", "sygedag", *words[i + 2 :]]
    for i in range(len(words)):
        lead = next((b for b in _BEYOND if tuple(words[i : i + len(b)]) == b), None)
        if lead is None:
            continue
        after = i + len(lead)
        for j in range(after, min(after + _BEYOND_REACH, len(words))):
            if words[j] in _DAYS and not _SECOND.isdisjoint(words[after:j]):
                return [*words[:i], "3", "sygedag", *words[j + 1 :]]
    return words


# "Hvilken del af reformen er den næste, der træder i kraft?", "Which phase is the next one …?": the next phase, as
# "den næste fase" says, however far apart the words stand.
_NEXT = frozenset(("næste", "next"))
_PHASES = frozenset(
    ("fase", "faser", "omgang", "omgange", "etape", "etaper", "trin", "del", "phase", "phases", "stage")
)


_NEXT_TIME = frozenset(("år", "uge", "måned", "gang", "year", "week", "month", "time"))  # "næste år" is a time


def _next_phase(words: list[str]) -> list[str]:
    """The words with "næste" and a phase word apart read as "næste fase"."""
    following = [*words[1:], ""]
    nexts = {i for i, w in enumerate(words) if w in _NEXT and following[i] not in _NEXT_TIME}
    if not nexts or _PHASES.isdisjoint(words):
        return words
    phase = next(i for i, w in enumerate(words) if w in _PHASES)
    if phase - 1 in nexts:
        return words
    kept = [w if i != phase else "fase" for i, w in enumerate(words) if i not in nexts]
    at = kept.index("fase")
    return [*kept[:at], "næste", *kept[at:]]


# "how long can an internship last?", "how many days does it last?": "last" is how long, which "how" asks.
_HOW_LONG = frozenset(("long", "days", "weeks", "months", "hours"))
_LASTING = frozenset(("last", "lasts", "lasted"))


def _without_lasting(words: list[str]) -> list[str]:
    """The words without "last" in a question asking how long: it is the verb, not "the last one"."""
    if "ago" in words:  # "How long ago was it last held?": the last one
        return ["sidste" if word in _LASTING else word for word in words]
    if "how" not in words or _HOW_LONG.isdisjoint(words):
        return words
    return [word for word in words if word not in _LASTING]


# "Hvor lang tid er der tilbage af valgperioden?", "how long is left of …?": the time until the end, which the
# end's date answers; "tilbage" names no topic there.
_TIME_ASKED = frozenset(
    (how, unit)
    for how, units in (("hvor", ("længe", "lang")), ("how", ("long",)), ("much", ("time",)))
    for unit in units
) | frozenset(
    (many, unit)
    for many, units in (("mange", ("dage", "uger", "måneder", "år")), ("many", ("days", "weeks", "months", "years")))
    for unit in units
)
_TIME_LEFT = frozenset(("tilbage", "left", "remaining", "resterende"))


def _without_time_left(words: list[str]) -> list[str]:
    """The words without "tilbage" or "left" in a question asking how long: "how long is left" asks until when,
    and "how many months are left" counts in months, which no entry needs to say."""
    asked = [pair for pair in pairwise(words) if pair in _TIME_ASKED]
    if not asked or _TIME_LEFT.isdisjoint(words):
        return words
    units = {unit for _how, unit in asked}
    return [word for word in words if word not in _TIME_LEFT and word not in units]


# "hvilken dag var det?", "what date was it?": the words ask when; "dag" names no topic of the question
_WHICH_DAY = frozenset({("hvilken", "dag"), ("hvilken", "dato"), ("which", "day"), ("what", "day"), ("what", "date")})
# "Hvorfor oprettede man afdelingsMED i første omgang?": "in the first place", no phase of anything
_IN_THE_FIRST_PLACE = ("i", "1", "omgang")  # as `words` reads the ordinal


# "pr. 1. kvartal 2025", "pr. juni 2025", "pr. KommuneMED-mødet 25. juni 2025": as of a day, which the day itself
# says; "pr. medarbejder" is per employee and stays
_AS_OF = "pr"
_MEETING_WORDS = frozenset(("møde", "mødet", "meeting", *MONTH_NAMES.split("|")))


def _as_of(words: list[str], i: int) -> bool:
    """True when `words[i]` is "pr." of a day or a meeting: the next word is a number, a month or a meeting."""
    after = words[i + 1 : i + 3]
    return words[i] == _AS_OF and bool(after) and (after[0].isdigit() or not _MEETING_WORDS.isdisjoint(after))


# "may have been cancelled", "how long may it last": the verb; the month is "in May", "1 May", "May 2025", "May Day"
_MODAL_MAY = "may"
_BEFORE_MONTH = frozenset(("in", "of", "on", "since", "until", "from", "by", "before", "after"))
_AFTER_MONTH = frozenset(("day",))


def _modal_may(words: list[str], i: int) -> bool:
    """True when `words[i]` is the verb "may", not the month of May."""
    if words[i] != _MODAL_MAY:
        return False
    before, after = words[i - 1] if i else "", words[i + 1] if i + 1 < len(words) else ""
    month = before in _BEFORE_MONTH or before.isdigit() or after.isdigit() or after in _AFTER_MONTH
    return not month


# "next month", "this month": when the question is asked, as "næste måned" is (`text._TIME_PHRASES`); dropped
# before "month" is read as the Danish "måneder" of "three months' notice"
_MONTH_ASKED = frozenset((when, "month") for when in ("next", "this", "last"))
# "Which days does the HR note deal with?": at the end, what a text is about, as "handler om" is; "how to deal
# with threats" asks how to handle them
_ABOUT_AT_END = frozenset((("deal", "with"), ("deals", "with")))
# "Hvor gammel er aftalen?", "how old is the plan?": asks since when, as "hvor mange år siden" does; no topic
# "gammel". Not "hvor gammelt må barnet være?", an age the rule may set.
_HOW_OLD = frozenset(
    (*(("hvor", old, "er") for old in ("gammel", "gamle", "gammelt")), ("how", "old", "is"), ("how", "old", "are"))
)


def _without_asking_phrases(words: list[str]) -> list[str]:
    """The words without the day or date in "hvilken dag", which asks when, as "hvornår" does, without
    "i første omgang", which says why something was first done, without "pr." of a day, without the verb
    "may", without "next month", without "gammel" of "hvor gammel", and without "deal with" ending the question."""
    asked = {i + 1 for i, pair in enumerate(pairwise(words)) if pair in _WHICH_DAY}
    asked |= {i + k for i in range(len(words)) if tuple(words[i : i + 3]) == _IN_THE_FIRST_PLACE for k in range(3)}
    asked |= {i for i in range(len(words)) if _as_of(words, i)}
    asked |= {i for i in range(len(words)) if _modal_may(words, i)}
    asked |= {i + k for i, pair in enumerate(pairwise(words)) if pair in _MONTH_ASKED for k in (0, 1)}
    asked |= {i + 1 for i in range(len(words)) if tuple(words[i : i + 3]) in _HOW_OLD}
    if tuple(words[-2:]) in _ABOUT_AT_END:
        asked |= {len(words) - 2, len(words) - 1}
    return [word for i, word in enumerate(words) if i not in asked] if asked else words


# "hver 14. dag", "hver anden uge", "every second week", "hver vej": how often or how far the asker's own case
# goes, not a topic.
_EVERY = frozenset(("hver", "every"))
_RECURRING = frozenset(("dag", "dage", "uge", "uger", "vej", "day", "days", "week", "weeks", "way"))


def _without_recurrence(words: list[str]) -> list[str]:
    """The words without "hver [N.] dag|uge": how often the asker goes to the psychologist is not what is asked."""
    if _EVERY.isdisjoint(words):
        return words
    dropped: set[int] = set()
    for i, word in enumerate(words):
        if word not in _EVERY:
            continue
        j = i + 1
        if j < len(words) and (words[j].isdigit() or words[j] in ("anden", "andet", "2", "second", "other")):
            j += 1
        if j < len(words) and words[j] in _RECURRING:
            dropped.update(range(i, j + 1))
    return [w for k, w in enumerate(words) if k not in dropped]


_PERIOD_WORD = re.compile(r"20\d\d|q|[1-4]")  # a year or quarter: "the 2025 report", "this Q1 report"


def translate(words: list[str], synonyms: Synonyms) -> list[str]:
    """Replace English words and phrases by their Danish meaning, longest phrase first.

    Works on every word of the question, stopwords included, so "every year" and "this year" stay apart. A year
    or quarter between the words of a two-word phrase ("the Q1 2025 report") does not part them: it names which one.
    """
    if not synonyms.english:
        return words
    keys = tuple(singular(w) for w in words)
    table = synonyms.english_table
    longest = max(len(e) for e in table)
    result: list[str] = []
    i = 0
    while i < len(words):
        j = i + 1
        while j < len(words) - 1 and _PERIOD_WORD.fullmatch(words[j]):
            j += 1
        between = table.get((keys[i], keys[j])) if j > i + 1 else None
        if between is not None:  # "the Q1 2025 report" reads "report" as "the report" does
            result.extend([*words[i + 1 : j], *between])
            i = j + 1
            continue
        for size in range(min(longest, len(words) - i), 0, -1):
            danish = table.get(keys[i : i + size])
            if danish is not None:
                result.extend(danish)
                i += size
                break
        else:
            bases = [] if term(words[i]) in synonyms.generic else _verb_bases(words[i])  # "changed" names no topic
            base = next((table[(b,)] for b in bases if (b,) in table), None)
            result.extend(base if base is not None else [words[i]])
            i += 1
    return result


def _verb_bases(word: str) -> list[str]:
    """The base forms an English -ing or -ed word may come from, so "terminating" reads as "terminate" does.

    The language file lists a verb once; a word is read by its base only when the base is listed (and the word
    itself is not `generic`), so a Danish word that happens to end the same ("betaling") keeps its own meaning.
    """
    if len(word) > 5 and word.endswith("ing"):
        stem = word[:-3]
    elif len(word) > 4 and word.endswith("ed"):
        stem = word[:-2]
    else:
        return []
    bases = [stem, stem + "e"]
    if len(stem) > 2 and stem[-1] == stem[-2]:  # "stopping", "planned"
        bases.append(stem[:-1])
    if word.endswith("ied"):  # "applied"
        bases.append(word[:-3] + "y")
    return bases


def _read_words(words: list[str], index: SearchIndex, synonyms: Synonyms) -> tuple[list[str], list[tuple[str, float]]]:
    """Each word with the term the index knows it by and how sure that reading is.

    A word the index never saw, that is no typo of a known one but a compound of known words, is read as
    its parts, as if the employee had written them apart: "lægebesøgsregler" asks about lægebesøg and regler.
    """
    read: list[str] = []
    known: list[tuple[str, float]] = []
    for i, word in enumerate(words):
        found, credit = _known_term(word, index, synonyms)
        parts = None
        far = credit == TYPO_CREDIT[2]  # two letters off: "ferieåret" is ferie + året, not a typo of "feriedag"
        if (far or (found not in index.vocabulary and not synonyms.alternatives((found,)))) and not _joins(
            words, i, index
        ):
            parts = split_known(word, index.vocabulary, index.surface)
        if parts:
            read.extend(parts)
            known.extend((term(part), PARTS_CREDIT) for part in parts)
        else:
            read.append(word)
            known.append((found, credit))
    return read, known


def _known_term(word: str, index: SearchIndex, synonyms: Synonyms) -> tuple[str, float]:
    """The word's term when the index knows it, else the nearest known term by spelling and its credit.

    "gronne" is first read as "grønne" typed without ø, then as a typo. A correction is tried even when the
    word splits into known parts: "kutymefirdage" is a typo of "kutymefridage", not kutyme + fir + dage.
    """
    own = term(word)
    if own in index.vocabulary or not word.isalpha():
        return own, 1.0
    if synonyms.alternatives((own,)) or own in synonyms.generic:
        return own, 1.0  # a word the language file knows is no typo ("overhovedet" is not "hovedet"), even unindexed
    spelled = index.by_skeleton.get(skeleton(own)) if word.isascii() else None
    if spelled is not None:
        return spelled, SKELETON_CREDIT
    if len(own) < MIN_TYPO_LENGTH:
        return own, 1.0
    allowed = 1 if len(own) < 8 else 2
    candidates = index.by_initial.get(own[0], ())
    best = process.extractOne(own, candidates, scorer=OSA.distance, score_cutoff=allowed)
    if best is None:
        return own, 1.0
    return best[0], TYPO_CREDIT[int(best[1])]


def _units(words: list[str], known: list[tuple[str, float]], index: SearchIndex, synonyms: Synonyms) -> list[Unit]:
    terms = [t for t, _ in known]
    units: list[Unit] = []
    longest = synonyms.longest_phrase()
    i = 0
    while i < len(words):
        size, others = _synonym_phrase(terms, i, longest, synonyms)
        span_terms = tuple(terms[i : i + size])
        credit = min(c for _, c in known[i : i + size])
        alternatives: list[Alternative] = [(span_terms, credit)]
        alternatives.extend((other, SYNONYM_CREDIT * credit) for other in others)
        alternatives.extend((wide, BROADER_CREDIT * credit) for wide in synonyms.broader_than(span_terms))
        guessed: list[Alternative] = []
        if size == 1:
            alternatives.extend(_joined_alternatives(words, i, index))
            alternatives.extend(
                ((other,), INFLECTION_CREDIT * credit)
                for other in index.by_lemma.get(lemma(span_terms[0]), ())
                if other != span_terms[0]
            )
            guessed.extend(_split_alternatives(words[i], index))
        weight = _weight(span_terms, alternatives, index)
        alternatives.extend(guessed)
        weak = size == 1 and (is_weak(words[i]) or span_terms[0] in synonyms.generic)
        if weak:
            weight *= WEAK_WEIGHT
        unknown = not weak and not any(t in index.idf for alternative, _ in alternatives for t in alternative)
        text = " ".join(words[i : i + size])
        # A new compound is its parts as far as anyone knows; a word the index or the language file knows as
        # a word of its own ("barnebarn") is not its parts ("barn" + "barn"), however they rank.
        guesses = len(guessed) if others or span_terms[0] in index.vocabulary else 0
        units.append(Unit(text, weight, tuple(alternatives), weak, unknown, guesses=guesses))
        i += size
    return units


def _synonym_phrase(
    terms: list[str], start: int, longest: int, synonyms: Synonyms
) -> tuple[int, list[tuple[str, ...]]]:
    """The longest synonym phrase starting at `start`, and its alternatives (size 1 and none when no phrase)."""
    for size in range(min(longest, len(terms) - start), 0, -1):
        others = synonyms.alternatives(tuple(terms[start : start + size]))
        if others:
            return size, others
    return 1, []


def _split_alternatives(word: str, index: SearchIndex) -> Iterable[Alternative]:
    """The compound parts of a word; they do not set its weight ("parkering" is not as common as "ring")."""
    parts = split_compound(word, index.vocabulary)
    if parts:
        known = term(word) in index.vocabulary
        yield tuple(term(p) for p in parts), PARTS_CREDIT if known else NEW_COMPOUND_CREDIT


def _joins(words: list[str], i: int, index: SearchIndex) -> bool:
    """True when the word and a neighbour written together are a known word ("langtids syg")."""
    return any(True for _ in _joined_alternatives(words, i, index))


def _joined_alternatives(words: list[str], i: int, index: SearchIndex) -> Iterable[Alternative]:
    """The word joined with its neighbour when the two are one word ("syge fravær" is "sygefravær")."""
    for left, right in ((i - 1, i), (i, i + 1)):
        if left >= 0 and right < len(words) and words[left].isalpha() and words[right].isalpha():
            joined = term(words[left] + words[right])
            if joined in index.vocabulary:
                yield (joined,), 1.0


def _weight(terms: tuple[str, ...], alternatives: list[Alternative], index: SearchIndex) -> float:
    """How much a unit matters: the rarity of its terms, or of a synonym's when the index never saw the word.

    A word neither the index nor the synonyms know weighs the most: it is what makes a question about the
    canteen or the weather fall below the answer threshold.
    """
    if all(t in index.idf for t in terms):
        return min(KNOWN_CAP, max(index.idf[t] for t in terms))
    known = [index.idf[t] for alternative, _ in alternatives for t in alternative if t in index.idf]
    return min(KNOWN_CAP, max(known)) if known else index.unknown_idf
