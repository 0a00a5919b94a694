"""Deciding whether the best entry answers *this* question, after retrieval has ranked the candidates.

A high score says an entry shares words with the question; it does not say the entry answers it. "Kan jeg få
fri med løn, når mit barn starter i skole?" shares child, pay and day off with the rule for a child's sick
day, and that rule says nothing about school. So an entry answers only when it covers every concept the
question names: every word that carries meaning (not a stopword, not a weak or generic word) must be said by
the entry's title, questions, tags, answer or details, directly or through a synonym, a compound part or a
broader word. A question about the asker's own data (my pay, my days left) is never answered from a rule.
The check reads only the entries and the language file, so a new entry needs no code.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from knowledge.amounts import asks_amount, asks_count, asks_figure, states_amount, unstated_amount
from knowledge.gaps import (
    asks_final,
    asks_happened,
    asks_since,
    change_only,
    ended_before_now,
    future_holder,
    ill_during_leave,
    other_meeting,
    own_unit_figure,
    unknown_span,
    unnamed_annex,
    unnamed_holder,
    untold,
)
from knowledge.index import TAG_CREDIT, KnowledgeBase, Scores
from knowledge.model import Entry
from knowledge.periods import AFTER_YEAR, QUARTER, YEAR, Period, period_of, year_spans
from knowledge.query import WHEN_WORDS, Query, Question, Unit
from knowledge.retrieve import Candidates, closest_phrasing, said_in
from knowledge.synonyms import Personal, PersonalTopic, Synonyms, singular
from knowledge.text import content_words, term, words
from knowledge.when import MONTH_NAMES, TEXT_NAMED, THIS_YEAR, asks_now, relative_year, with_this_year

# A concept this rare (idf) must be covered; commoner words say little about the topic. "sygefravær", the
# commonest topic of the minutes, is still one: "hvordan har sygefraværet udviklet sig i Miljø & Teknik?" is not
# answered by the entry about that department's new head.
SALIENT_WEIGHT = 1.95
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
MAX_SUGGESTIONS = 3


class Verdict(StrEnum):
    """What the bot does with a question; every verdict but ANSWER and QUOTE is a refusal with its reason."""

    ANSWER = "answer"  # an entry answers it
    QUOTE = "quote"  # no entry does, but a source paragraph covers every word that carries meaning
    EMPTY = "empty"  # nothing but stopwords
    PERSONAL = "personal"  # the asker's own pay, days or schedule
    NOT_KNOWN = "not_known"  # the best entry leaves a concept of the question uncovered
    OTHER_PERIOD = "other_period"  # a figure for a period the knowledge does not have
    OTHER_MUNICIPALITY = "other_municipality"  # about a municipality whose content the bot does not have
    UNSURE = "unsure"  # entries came close, none sure enough
    UNKNOWN = "unknown"  # nothing came close


@dataclass(frozen=True)
class Decision:
    """The outcome of deciding: the verdict, the entry in the version to answer with, and what to offer."""

    verdict: Verdict
    confidence: float = 0.0
    entry: Entry | None = None  # ANSWER: the version in force on the day asked about
    previous: Entry | None = None  # ANSWER: the older rule the question matched, when a newer one answers
    passage: int | None = None  # QUOTE: the paragraph's number in the index
    suggestions: tuple[Entry, ...] = ()
    missing: tuple[str, ...] = ()  # NOT_KNOWN: the question's words for what the bot does not know
    period: str = ""  # OTHER_PERIOD: the period the bot has figures for
    personal: PersonalTopic | None = None  # PERSONAL: where to look
    municipality: str = ""  # OTHER_MUNICIPALITY: the one asked about


def decide(kb: KnowledgeBase, question: Question, candidates: Candidates, at: date) -> Decision:
    """Whether and with what the bot answers `question`, as of `at`, from the retrieved `candidates`."""
    personal = personal_topic(question.said, kb.synonyms.personal, kb.synonyms.generic)
    if personal is not None:  # the asker's own pay or days: no rule answers that, wherever it scores
        return Decision(Verdict.PERSONAL, personal=personal)
    query = candidates.query
    if not query.units:
        return Decision(Verdict.EMPTY)
    if candidates.titled is not None:
        entry = kb.entries[kb.index.entry_ids[candidates.titled]]
        return Decision(Verdict.ANSWER, 1.0, entry)
    ranked, scope = _holder_first(kb, question, candidates, at), candidates.scope
    confidence = 0.0
    refusal: Decision | None = None
    if ranked:
        best = kb.entries[kb.index.entry_ids[ranked[0]]]
        # the asker's own value inside a band the answer states ("MTI 3,5" in "MTI 3,1-4,0") is told by it
        told = query.without(frozenset(u.text for u in query.units if within_span(u, best.answer)))
        confidence = confidence_in(kb, told, ranked, candidates.scores, best)
        if scope.ours is not None and scope.ours[ranked[0]] and closest_phrasing(kb, query, ranked[0]) < SAME_TOPIC:
            confidence = min(confidence, SUGGESTION_FLOOR)  # our entry names them in passing; it is not about them
        sure = confidence >= (UNKNOWN_WORD_THRESHOLD if query.has_unknown else ANSWER_THRESHOLD)
        close = confidence >= SUGGESTION_FLOOR  # close enough to offer: then say what it leaves uncovered
        missing = (
            uncovered(told, {**kb.index.entries.terms[ranked[0]], **_source_terms(kb, best)}, kb.synonyms)
            if close
            else []
        )
        if close and not missing:
            missing = unanchored(kb, query, ranked[0])
        if close and not missing:
            missing = unmet_condition(question, kb.index.entries.terms[ranked[0]], kb.synonyms)
        gap = ""
        if close:  # no source has it
            # the version answered on the day asked about may say what the best-ranked one does not: the old
            # kutymefridage rule has no gap, its successor says the termination is not known to be final
            answering = version_on(kb, best, question.day or at)
            gap = (
                untold(question, best, at)
                or (answering is not best and untold(question, answering, at))
                or future_holder(question, best, at)
                or ended_before_now(question, answering, at)
                or unknown_span(kb, question)
                or own_unit_figure(question)
                or unnamed_annex(question, f"{best.answer} {best.details}")
                or change_only(question, f"{best.answer} {best.details}")
                or ill_during_leave(question, f"{best.answer} {best.details}")
                or other_meeting(kb, question, [s.document for s in best.sources], _text_of(best))
                or unnamed_holder(kb, question, f"{best.answer} {best.details}", best.title)
            )
        if gap:  # the entry says its source does not give it: no paragraph of that source has it either
            offered = tuple(suggestions(kb, query, ranked, at))
            return Decision(Verdict.NOT_KNOWN, confidence, missing=(gap,), suggestions=offered)
        if other_period(_quarter_asked(question, at, best), best):
            held = held_period(best, "and" if question.language == "en" else "og")
            asked = period_of(question.text)
            refusal = (
                Decision(Verdict.OTHER_PERIOD, confidence, period=held)
                if held
                else Decision(Verdict.NOT_KNOWN, confidence, missing=(f"{asked.quarter}. kvartal",))
            )
        elif missing:
            refusal = Decision(
                Verdict.NOT_KNOWN, confidence, missing=tuple(as_said(question, u, kb.synonyms) for u in missing)
            )
        elif figure := unstated_amount(question.text, question.language, f"{best.answer} {best.details}"):
            refusal = Decision(Verdict.NOT_KNOWN, confidence, missing=(figure,))  # "hvor mange?", and no number
        elif sure:
            entry = answered_version(kb, best, at, question.day, query)
            previous = best if entry is not best and reaches(kb, best, entry) else None
            return Decision(Verdict.ANSWER, confidence, entry, previous)
    offered = tuple(suggestions(kb, query, ranked, at))
    if scope.foreign is not None and not offered:
        return Decision(Verdict.OTHER_MUNICIPALITY, municipality=scope.foreign)
    quoted = quotable(kb, question, candidates, at)
    if quoted is not None:
        return Decision(
            Verdict.QUOTE, query.coverage(kb.index.passage_channel.terms[quoted]), passage=quoted, suggestions=offered
        )
    if refusal is not None:
        return dataclasses.replace(refusal, suggestions=offered)
    return Decision(Verdict.UNSURE if offered else Verdict.UNKNOWN, confidence, suggestions=offered)


_HOLDER_REACH = 3  # the entries ranked first, among which the one naming the holder asked about may stand


def _holder_first(kb: KnowledgeBase, question: Question, candidates: Candidates, at: date) -> list[int]:
    """The ranking with an entry that names the holder of the post asked about first, when the best one does not.

    "Hvem var næstforperson i ØSMED den 27. august 2024?" ranks the agenda of that meeting first for its date,
    though it names no næstforperson and states no gap of one; the entry about the committee's members names him,
    covers every concept of the question and states no gap of it: it answers. Only a question who holds a post
    can change the order, and never past a gap the best entry states.
    """
    ranked = candidates.ranked

    def names_holder(i: int) -> bool:
        entry = kb.entries[kb.index.entry_ids[i]]
        return not unnamed_holder(kb, question, f"{entry.answer} {entry.details}", entry.title)

    if not ranked or names_holder(ranked[0]) or asks_now(question.text):
        return ranked  # who holds it now is what the best entry's gap says the sources cannot tell
    if untold(question, kb.entries[kb.index.entry_ids[ranked[0]]], at):
        return ranked
    for i in ranked[1:_HOLDER_REACH]:
        entry = kb.entries[kb.index.entry_ids[i]]
        terms = {**kb.index.entries.terms[i], **_source_terms(kb, entry)}
        told = not untold(question, entry, at) and not future_holder(question, entry, at)
        if names_holder(i) and told and not uncovered(question.query, terms, kb.synonyms):
            return [i, *(r for r in ranked if r != i)]
    return ranked


def quotable(kb: KnowledgeBase, question: Question, candidates: Candidates, at: date) -> int | None:
    """The best source paragraph when it covers the question so well that quoting it is an answer.

    Every word of the question that carries meaning must be in it: a paragraph that names "Region
    Hovedstaden" is no answer about the region's sickness absence when it never mentions sickness. A quarter
    or year the question names ("i år" too, asked on `at`) must be in it too, and a figure when it asks how many.

    Never about a named person: the minutes mention colleagues' leave and families, which the bot must not
    pass on however well the words match ("Hvornår kommer Sofie tilbage fra barsel?"). Never for who holds a
    post when the paragraph names no one beside it, nor when it never speaks of the asker's own case ("når jeg
    skal flytte"). Never about the next
    one of anything: "næste møde" in old minutes is the meeting after theirs, not the next one today. Never for
    what a plan "endte med", nor whether a thing has now happened or how many there are now: the minutes tell
    what was planned and counted then.
    """
    ranked = candidates.passages
    if not ranked or any(set(u.alternatives[0][0]) <= kb.synonyms.salient for u in candidates.query.units):
        return None
    best, query = ranked[0], candidates.query
    terms = kb.index.passage_channel.terms[best]
    matched = query.matched_units(terms)
    strong = (
        not other_period_text(with_year_asked(question.text, at, ahead_only=True), kb.index.passages[best].text)
        and not after_its_years(question.text, kb.documents[kb.index.passages[best].document].title)
        and not _dated_otherwise(query, question.text, kb.index.passages[best].text)
        and query.coverage(terms) >= PASSAGE_THRESHOLD
        and matched >= PASSAGE_MIN_UNITS
        and matched == sum(1 for u in query.units if not u.weak)
        and not any(_counted_name(u) and u.credit(terms, sure=True) == 0 for u in query.units)
        and not any(w in kb.index.person_names for w in content_words(question.text))
        and not _about_someones_private_life(kb, kb.index.passages[best].text)
        and not unnamed_holder(kb, question, kb.index.passages[best].text, kb.index.passages[best].title)
        and not unstated_amount(question.text, question.language, kb.index.passages[best].text)
        and not unmet_condition(question, terms, kb.synonyms)
        and _counts_said(question.text, kb.index.passages[best].text)
        and not other_meeting(kb, question, [kb.index.passages[best].document], kb.index.passages[best].text)
        and not (asks_amount(question.text) and _said_around(query, kb.index.passages[best].text))
        and not (asks_figure(question.text) and not states_amount(kb.index.passages[best].text))
        and not asks_final(question.text)
        and not (asks_now(question.text) and asks_happened(question.text))  # minutes tell what stood then
        and not asks_since(question.text)  # "Blev forslaget vedtaget?": a list of proposals does not tell
        and not (asks_now(question.text) and asks_count(question.text))  # "hvor mange … lige nu?": then is not now
        and not _gap_of_its_entries(kb, question, candidates.ranked, kb.index.passages[best].document, at)
    )
    return best if strong else None


_GAP_CANDIDATES = 3  # the entries ranked first are the ones about the paragraph's topic


def _gap_of_its_entries(kb: KnowledgeBase, question: Question, ranked: list[int], document: str, at: date) -> bool:
    """True when an entry drawn from the paragraph's document says that document does not tell what is asked:
    "Hvilke andre områder end vintervagt-tjenesten …?" is no question the paragraph naming it answers, as the
    entry "nævner ikke, hvilke andre områder der analyseres" says."""
    entries = (kb.entries[kb.index.entry_ids[r]] for r in ranked[:_GAP_CANDIDATES])
    return any(untold(question, e, at) for e in entries if document in (s.document for s in e.sources))


def _dated_otherwise(query: Query, question: str, text: str) -> bool:
    """True when the paragraph dates a thing the question names with years other than the question's: "MED
    konference 2025" answers no "hvornår er MED-konferencen i 2026?", though "APV 2026" stands beside it."""
    asked = period_of(question).year
    if asked is None:
        return False
    said = words(text)
    for unit in query.units:
        if _numeric(unit):
            continue
        last = unit.alternatives[0][0][-1]
        years = {
            int(w) for i, t in enumerate(said) if term(t) == last for w in said[i + 1 : i + 3] if YEAR.fullmatch(w)
        }
        if years and asked not in years:
            return True
    return False


def _counts_said(question: str, text: str) -> bool:
    """True when a paragraph says every count the question writes out: "hvilke tre områder" is not answered by
    "3 udvalgte områder …, f.eks. vintervagt-tjenesten", which names one. An entry may count its list its own
    way; a paragraph is quoted only when it speaks as the question does."""
    said = set(words(text))
    return all(w in said for w in words(question) if w in COUNT_WORDS)


def _said_around(query: Query, text: str) -> bool:
    """True when a word of the question is said only around a paragraph (its heading or document), not in it.

    "Hvor mange sygedage har en medarbejder i Økonomi & Stab?" is not answered by a paragraph that gives the
    municipality's average under minutes that name the department elsewhere: a figure belongs to what its own
    paragraph says.
    """
    said = {term(w): 1.0 for w in words(text)}
    return any(u.credit(said, sure=True) == 0 for u in query.units if not u.weak and not _numeric(u))


# Words that make a paragraph about a named colleague private: the minutes tell of leave, births and sickness.
PRIVATE_WORDS = ("barsel", "orlov", "vikar", "syg", "gravid", "født", "søn", "datter", "død", "begravelse")


def _about_someones_private_life(kb: KnowledgeBase, text: str) -> bool:
    """True when a paragraph names a person and tells of leave, family or health: it is never quoted."""
    said = content_words(text)
    names_someone = any(w in kb.index.person_names for w in said)
    return names_someone and any(word.startswith(PRIVATE_WORDS) for word in said)


# "hvornår skal jeg have MUS næste gang?": the asker's own next one, which only the asker's leader knows.
_NEXT = frozenset({"næste", "next"})
# "how many days do I still have": what is left, though "have" alone is no use ("do I have to", Danish "have")
_STILL_HAVE = (("still", "have"), ("still", "got"))
# "… i min afdeling", "… at my workplace": a contact of the asker's own unit
_IN_MY = frozenset((p, m) for p in ("i", "på", "for", "hos", "in", "at", "on") for m in ("min", "mit", "mine", "my"))
# "hvad får jeg i løn?", "hvad får jeg i tillæg?": what the asker is paid, not a rule about pay
_ME_IN = (("jeg", "i"),)
# "how much am I paid …?", "how much will I be paid …?": the asker's own pay, though "paid" names no topic
_PAID_ME = (("much", "am", "i", "paid"), ("much", "will", "i", "be", "paid"))
_WHAT_NEXT = tuple(("hvad", verb, "jeg", then) for verb in ("kan", "gør", "skal") for then in ("så", "gøre", "bruge"))
_I_GET = (("få", "i"), ("får", "i"), ("fik", "i"))
_TO_ME = (("til", "mig"), ("for", "mig"), ("to", "me"), ("for", "me"))  # "hvad betaler kommunen i pension til mig?"
# "bliver min løn sat ned?", "will my salary be cut?": a yes/no question whether the asker's own pay changes
_YES_NO = frozenset({"bliver", "blev", "will", "is"})
_HAS = frozenset({"har", "has", "have", "did"})
_WHO_ACTS = frozenset({"bør", "skal", "should", "must"})  # "hvem bør/skal min leder …": whom the leader asks
# "Hvem i HR & Løn skal jeg ringe til …?", "Who in HR should I call …?": which person in a unit the asker
# should turn to, whom no text names
_IN_UNIT = frozenset({("i",), ("hos",), ("in",), ("at",)})
_CALL = frozenset({"ringe", "kontakte", "skrive", "henvende", "spørge", "call", "contact", "phone", "ring", "ask"})
_ASKER = frozenset({"jeg", "man", "i"})
_HOW_LONG = (("how", "long"), ("much", "time"), ("hvor", "lang", "tid"), ("hvor", "længe"))
_CALL_REACH = 8  # the unit's name and "skal jeg" stand between "hvem i" and the verb
_DECIDED_REACH = 4  # "Har min nærmeste leder godkendt …": the decision is told within the first words
_MANAGER = frozenset({"leder", "lederen", "chef", "chefen", "nærmeste", "manager", "boss", "supervisor"})
_CHANGED = frozenset(
    {
        "ned",
        "sænket",
        "hævet",
        "mindre",
        "lavere",
        "højere",
        "ændret",
        "påvirket",
        "cut",
        "reduced",
        "affected",
        "lowered",
    }
)
# "hvor mange sygedage havde jeg?", "hvor lang opsigelsesvarsel har jeg?": what the asker has or had, right after
# the topic word
_I_HAD = (("havde", "jeg"), ("har", "jeg"), ("did", "i"))
_RIGHT_TO = frozenset({"ret", "krav", "right", "entitled"})  # "hvor mange … har jeg ret til?" asks the rule
# "hvornår skal jeg have MUS?", "hvornår skal jeg til sygefraværssamtale?": when the asker's own turn comes
# ("hvornår får jeg løn for …?" asks a rule's terms)
_MINE_COMES = (
    ("skal", "jeg", "have"),
    ("skal", "jeg", "til"),
    ("skal", "jeg", "selv", "til"),
    ("will", "i", "have"),
    ("am", "i", "having"),
    # "hvornår skal jeg holde MUS med min leder?": the asker's own talk, not a leader's with an employee
    ("med", "min", "leder"),
    ("med", "min", "nærmeste", "leder"),
    ("with", "my", "manager"),
)


# "hvad gælder for min løn, når …?", "what applies to my pay …?": a rule for the asker's case, not their own pay
_RULE_FOR = frozenset({("gælder", "for"), ("applies", "to"), ("apply", "to")})
# "my personal …", "my own …", "mit eget …": the asker's own, however many words come before the topic word
_OWN_MARK = frozenset({"own", "personal", "egen", "eget", "egne", "personlig", "personlige", "personligt"})
# "giver min overenskomst …?", "does my agreement …?": a yes/no question about what the asker's own terms give
_GIVES = frozenset({"giver", "gav", "har", "gives", "does", "do"})
# "Er 31. december en betalt fridag i min overenskomst?", "Is 1 May paid under my agreement?": whether the asker's
# own terms give it; not "hvis jeg ikke har fri efter min overenskomst, hvad så?", which asks the rule for that case
_BY_MINE = frozenset({"i", "efter", "ifølge", "iflg", "under", "in", "by"})
_ASKS_WHETHER = frozenset({"er", "har", "får", "gælder", "is", "are", "do", "does", "will", "am"})


def personal_topic(
    said: Sequence[str], personal: Personal, generic: frozenset[str] = frozenset()
) -> PersonalTopic | None:
    """The asker's own data the question asks about ("hvad er min løn?", "feriedage tilbage", "hvor mange
    sygedage har jeg haft", "er jeg tilmeldt?", "hvornår har jeg MUS næste gang?", "har min leder godkendt …?"),
    or None.

    "Får jeg løn, når jeg går til min læge?" asks about a rule, not about one's own pay: a possessive counts
    only right before the topic word, in a question that asks for a value, or with a `generic` word between ("mit
    eget sygefravær", "min nuværende løn"), or marked as the asker's own a few words before it ("my personal
    sickness absence target"): "min arbejdsplads' sygefravær" is the workplace's. A contact may be described
    ("hvem er min nærmeste leder?").
    """
    terms = [term(w) for w in said]
    used_by_me = any(
        ((w in personal.used and said[i + 1 : i + 2] != ("to",)) or said[i - 1 : i + 1] in _STILL_HAVE)
        and any(said[j] in personal.me for j in (i - 1, i - 2) if j >= 0)
        and not (w == "had" and said[i - 2 : i - 1] != ("have",) and not _topic_near(terms[i + 1 : i + 4], personal))
        for i, w in enumerate(said)
    )  # "har jeg brugt", "have I taken", "do I still have"; not "min mand har haft", "I had to" (a must), nor "I
    # had sudden toothache" (a story: "had" asks what was used after "have", or before the days it counts)
    # "jeg har brugt barns 1. og 2. sygedag …, hvad kan jeg så gøre?" asks what comes next, not what is left
    remaining = (used_by_me and not _says_run(said, _WHAT_NEXT)) or any(w in personal.remaining for w in said)
    # "how much time is left of the election period?" asks until when, unless the asker says it is their own
    # ("har jeg", "har man", English "do I"; Danish "i" is a preposition)
    names_self = "man" in said or any(w in personal.me and (w != "i" or "how" in said) for w in said)
    until_when = _says_run(said, _HOW_LONG) and not names_self
    remaining = remaining and not until_when
    asks = any(w in personal.asks for w in said)
    about_me = len(said) > 1 and said[0] in personal.be and said[1] in personal.me  # "er jeg …?", "am I …?"
    # "bliver min løn sat ned …?", "will my salary be cut …?": whether the asker's own pay or days change
    mine_first = len(said) > 2 and said[0] in _YES_NO and said[1] in personal.own and not _CHANGED.isdisjoint(said[3:6])
    # "hvem er min tillidsrepræsentant?"; not "hvem bør min leder tale med?", where the leader is who acts
    asks_who = any(w in personal.who and _WHO_ACTS.isdisjoint(said[i + 1 : i + 2]) for i, w in enumerate(said))
    calls_in_unit = any(
        w in personal.who
        and said[i + 1 : i + 2] in _IN_UNIT
        and any(said[k] in _CALL and said[k - 1] in _ASKER for k in range(i + 3, min(len(said), i + _CALL_REACH)))
        for i, w in enumerate(said)
    )
    my_next = asks and any(w in _NEXT for w in said) and any(w in personal.me for w in said)
    my_turn = not WHEN_WORDS.isdisjoint(said) and _says_run(said, _MINE_COMES)
    paid_me = _says_run(said, _PAID_ME)
    # "Har min leder godkendt, at jeg …?", "Has my manager approved …?": a decision in the asker's own case
    mine_decided = len(said) > 2 and said[0] in _HAS and said[1] in personal.own and said[2] in _MANAGER
    for topic in personal.topics:
        if paid_me and term("pay") in topic.terms:
            return topic
        if topic.contact and calls_in_unit:
            return topic
        hits = [i for i, t in enumerate(terms) if t in topic.terms]
        if not hits:
            continue
        if topic.own_only:
            if (
                _marked_own(said, hits, personal)
                or (len(said) > 2 and said[0] in _GIVES and said[1] in personal.own and 2 in hits)
                or (
                    said[0] in _ASKS_WHETHER
                    and any(i >= 2 and said[i - 1] in personal.own and said[i - 2] in _BY_MINE for i in hits)
                )
            ):
                return topic
            continue
        if (
            (remaining and not topic.contact)
            or (about_me and topic.standing)
            or ((my_next or my_turn) and not topic.contact)
        ):
            return topic
        if topic.decided and mine_decided and min(hits) <= _DECIDED_REACH:
            return topic
        if mine_first and terms[2] in topic.terms and not topic.contact:
            return topic
        if (asks_who if topic.contact else asks) and any(
            said[j] in personal.own
            and (j == i - 1 or topic.contact or terms[i - 1] in generic)
            and tuple(said[j - 2 : j]) not in _RULE_FOR
            for i in hits
            for j in (i - 1, i - 2)
            if j >= 0
        ):
            return topic
        if asks and _marked_own(said, hits, personal):
            return topic  # "what is my personal sickness absence target?", "min egen årlige løn"
        if topic.contact and asks_who and any(said[i + 1 : i + 3] in _IN_MY for i in hits):
            return topic  # "hvem er arbejdsmiljørepræsentant i min afdeling?"
        if asks and any(said[i - 2 : i] in _ME_IN for i in hits if i >= 2):  # "hvad får jeg i løn?"
            return topic
        if asks and any(said[i + 1 : i + 3] in _TO_ME for i in hits):  # "… i pension til mig?"
            return topic
        if asks and "jeg" in said and any(said[i - 2 : i] in _I_GET for i in hits if i >= 2):
            return topic  # "hvad kommer jeg til at få i løn?"
        if asks and any(said[i + 1 : i + 3] in _I_HAD and _RIGHT_TO.isdisjoint(said[i + 3 : i + 4]) for i in hits):
            return topic
    return None


def _marked_own(said: Sequence[str], hits: Sequence[int], personal: Personal) -> bool:
    """True when a topic word is marked as the asker's own a few words before it: "min egen årlige løn"."""
    return any(said[j] in personal.own and said[j + 1] in _OWN_MARK for i in hits for j in range(max(0, i - 4), i - 1))


def _says_run(said: Sequence[str], runs: Sequence[tuple[str, ...]]) -> bool:
    """True when `said` has one of `runs` as consecutive words ("skal jeg til", "much am i paid")."""
    return any(tuple(said[i : i + len(run)]) == run for run in runs for i in range(len(said)))


def _topic_near(terms: Sequence[str], personal: Personal) -> bool:
    """True when one of `terms` names the asker's own data: "I had 3 sick days" counts what was used."""
    return any(t in topic.terms for topic in personal.topics for t in terms)


def _source_terms(kb: KnowledgeBase, entry: Entry) -> dict[str, float]:
    """The words naming the kind of document an entry comes from, before its date ("Referat af KommuneMED"):
    "ifølge referatet", "according to the ØS minutes" ask where the answer is written, not about minutes."""
    named = (kb.documents[s.document].title for s in entry.sources if s.document in kb.documents)
    return {term(w): 1.0 for title in named for w in content_words(re.split(r"\d", title, maxsplit=1)[0])}


def as_said(question: Question, unit: Unit, synonyms: Synonyms) -> str:
    """A unit as the question wrote it: "mellem jul og nytår", not its content words "mellem jul nytår", and
    in English the words it was read from: "Sorry, I don't know anything about »deadline«", not »frist«."""
    parts = unit.text.split()
    pattern = r"\b" + r"\W+(?:\w+\W+)?".join(map(re.escape, parts)) + r"\b"
    found = re.search(pattern, question.text, re.IGNORECASE)
    if found is None and question.language == "en":
        return _english_for(question.said, parts, synonyms) or unit.text
    return found.group(0) if found and len(parts) > 1 else unit.text


def _english_for(said: Sequence[str], parts: Sequence[str], synonyms: Synonyms) -> str:
    """The English words of the question that were read as the Danish `parts` ("which form" for "blanket")."""
    table = synonyms.english_table
    keys = tuple(singular(w) for w in said)
    for size in range(min(max(map(len, table), default=0), len(said)), 0, -1):
        for i in range(len(said) - size + 1):
            danish = table.get(keys[i : i + size])
            if danish is not None and set(parts) <= set(danish):
                return " ".join(said[i : i + size])
    return ""


def uncovered(query: Query, terms: Mapping[str, float], synonyms: Synonyms) -> list[Unit]:
    """The concepts of the question an entry with `terms` does not cover at all: each one is a reason to refuse."""
    return [u for u in query.units if salient(u, synonyms) and u.credit(terms, sure=True) == 0]


# "MTI 3,1-4,0", "(MTI 4,1-5,0)": a band of decimal values an answer states
_SPAN = re.compile(r"(?<![\d,])(\d+,\d+)\s*[-–]\s*(\d+,\d+)(?![\d,])")


def within_span(unit: Unit, text: str) -> bool:
    """True for a decimal value the question gives that lies in a band `text` states.

    "Vores MTI er 3,5. Hvem skal følge op?" gives the asker's own value; the answer naming yellow as "MTI
    3,1-4,0" tells what that value means, though it never says "3,5".
    """
    if not re.fullmatch(r"\d+,\d+", unit.text):
        return False
    value = float(unit.text.replace(",", "."))
    return any(
        float(low.replace(",", ".")) <= value <= float(high.replace(",", ".")) for low, high in _SPAN.findall(text)
    )


def unanchored(kb: KnowledgeBase, query: Query, entry: int) -> list[Unit]:
    """The always-salient words ("næste") that no title or listed question of the entry says about the topic.

    "Hvornår er næste møde i KommuneMED?" is not answered by an entry about the next trivselsmåling that
    mentions KommuneMED in passing: the entry must ask about the next one of the thing asked about, in one of
    its own phrasings, or its answer is about another next.
    """
    synonyms = kb.synonyms
    marked = [u for u in query.units if set(u.alternatives[0][0]) <= synonyms.salient]
    topic = [u for u in query.units if u not in marked and not u.weak and not _numeric(u)]
    if not marked or not topic:
        return []
    phrasings = kb.index.phrasing_terms[entry]
    return [
        u
        for u in marked
        if not any(said_in(u, p.terms)[0] and any(said_in(t, p.terms)[0] for t in topic) for p in phrasings)
    ]


# "når jeg skal flytte", "hvis jeg er på nedsat tid": the clause that tells the asker's own case, up to a comma or
# the end; "når min datter er syg i flere dage" tells the daughter's, whose words the topic already names. "når man
# ser på ansøgerfeltet" only names the topic.
_CONDITION = re.compile(
    r"\b(?:når|hvis|naar|if|when)\s+(?:man|jeg|vi|du|i|we|you)\s+(?!(?:ser|kigger)\s+på\b|(?:taler|snakker)\s+om\b)"
    r"([^,?.!:;]+)"
)


# "når min mor er syg", "if my father gets ill": the asker's own parent, whom an entry must name in the asker's
# word; "mor" read as one of a sick child's "forældre" is another person
_WHOSE_CASE = re.compile(
    r"\b(?:når|hvis|when|if)\s+(?:min|mine|my)\s+(mor|far|forældre|mother|father|mum|mom|dad|parents)\s+"
    r"(?:er|bliver|blev|is|are|gets|get|got)\b"
)


def unmet_condition(question: Question, terms: Mapping[str, float], synonyms: Synonyms) -> list[Unit]:
    """The words of the asker's case ("når jeg skal flytte") that the entry never says, weak ones included.

    "Får jeg en fridag, når jeg skal flytte?" shares "fridag" with the rule for a closed workplace, and
    "flytte" is too common a word to count as a topic; but the case is what the question is about: a rule
    that never speaks of moving does not answer it.
    """
    lowered = question.text.lower()
    case = {w for m in _CONDITION.finditer(lowered) for w in words(m.group(1))}
    english = synonyms.english_table  # "my father" is the unit "far"
    whose = {" ".join(english.get((singular(m.group(1)),), (m.group(1),))) for m in _WHOSE_CASE.finditer(lowered)}
    return [
        u
        for u in question.query.units
        if (set(u.text.split()) <= case and not _numeric(u) and u.credit(terms, sure=True) == 0)
        or (u.text in whose and not set(u.alternatives[0][0]) <= terms.keys())
    ]


# Counts written out; a count in digits stays a concept, since "3" may name the third one ("indsatsområde 3").
COUNT_WORDS = frozenset("tre fire fem seks syv otte ti tolv".split())  # noqa: SIM905 - "to" is also English


def _counted_name(unit: Unit) -> bool:
    """True for a name with a number in it ("4-dages uge"): a paragraph saying "14,4 dage" does not say it."""
    words = unit.alternatives[0][0]
    return len(words) > 1 and any(t.isdigit() for t in words) and not all(t.isdigit() for t in words)


def _numeric(unit: Unit) -> bool:
    """True for a number ("30", "2025"): it tells the asker's case or day, not which thing is meant."""
    return all(t.isdigit() for t in unit.alternatives[0][0])


def salient(unit: Unit, synonyms: Synonyms) -> bool:
    """True for a concept the answer must cover: not weak, not generic, and rare enough to name a topic (or
    listed as always salient, like "næste").

    A year is no concept: it says which day the question is about, and the rule in force then answers it. Nor is
    a count written out: "hvilke tre indsatsområder" asks for the areas, however the entry counts them.
    """
    own_terms = unit.alternatives[0][0]
    if set(own_terms) <= synonyms.salient:
        return True
    if unit.weak or unit.weight < SALIENT_WEIGHT or set(own_terms) <= synonyms.generic or unit.text in COUNT_WORDS:
        return False
    return not all(YEAR.fullmatch(t) for t in own_terms)


# "i referatet fra juni 2025", "kvartalsopgørelsen fra juni 2025", "the minutes of 25 June 2025": the day of the
# text asked about, not the period its figures are for.
_SOURCE_DATE = re.compile(
    rf"\b{TEXT_NAMED}\s+(?:fra|af|i|den|of|from|on)\s+(?:d\.\s+)?(?:\d{{1,2}}\.?\s+)?"
    rf"(?:{MONTH_NAMES})\s+20\d\d\b"
)
# A year asked as a whole: "for hele 2025", "det samlede sygefravær i 2025", "the whole of 2025".
_WHOLE_YEAR = re.compile(r"\bhele\s+(?:året\s+)?20\d\d\b|\bsamlede\b|\bhele\s+året\b|\bwhole\b|\bfull\s+year\b")


def other_period(question: str, entry: Entry) -> bool:
    """True when the question asks about a period the entry's facts are not about (a later quarter or year).

    An entry with `period` holds figures for that period. An entry without it that names years of its own
    ("AlbertslundPraktik blev sidst holdt i 2021") is about those years, unless it is a rule with validity
    dates: then the version in force on the day asked answers. An event's entry is about its own years even
    with validity dates: "temaet for MED-konferencen i 2026" is not the 2025 conference's theme.
    """
    asked = period_of(_SOURCE_DATE.sub(" ", question.lower()))
    if asked.year is None and asked.quarter is None:
        return False
    if entry.period and _compares_within(question, entry):
        return False
    if entry.period and _since_period(question) == period_of(entry.period):
        return True  # "faldet siden 1. kvartal 2025" asks about the quarters after the one whose figures it holds
    if entry.period:
        held = period_of(entry.period)
        if asked.year is not None and held.year is not None and asked.year != held.year:
            # "budgetkataloget fra 2024" is the one of "august 2024 (budget 2025)", "budget 2024" is not
            return str(asked.year) not in entry.period or _BUDGET_YEAR.search(question.lower()) is not None
        if held.quarter is not None and asked.quarter is None and _WHOLE_YEAR.search(question.lower()):
            return True  # "det samlede sygefravær for hele 2025" is not the 1st quarter's figure
        return asked.quarter is not None and held.quarter is not None and asked.quarter != held.quarter
    text = _text_of(entry)
    if asked.quarter is not None and not any(p.quarter == asked.quarter for p in _periods_in(text)):
        return True  # figures for a quarter come only from an entry that names it
    if after_its_years(question, entry.title) or _other_budget(question, text):
        return True
    if entry.event_date is None and (entry.valid_from is not None or entry.valid_to is not None):
        return False
    years = set(YEAR.findall(text))
    return asked.year is not None and bool(years) and str(asked.year) not in years


# "i dette kvartal", "indeværende kvartal", "this quarter": the quarter of the day asked
_THIS_QUARTER = re.compile(r"\b(?:dette|indeværende|nuværende|this|current)\s+(?:kvartal|quarter)\b")


def _quarter_asked(question: Question, at: date, entry: Entry) -> str:
    """The question as `other_period` reads it: "1. kvartal i år" is that quarter of the year asked on, while
    "i år" alone is answered by the newest figures, which say their date, and "dette kvartal" is the quarter
    asked in; an event "i år" is this year's one:
    "Hvad er temaet for MED-konferencen i år?" is not asked of the 2025 conference, nor "næste år" of this one."""
    if entry.event_date is not None or _THIS_QUARTER.search(question.text.lower()):
        return with_year_asked(question.text, at)  # "… ØS-udviklingsdagen næste år?", "… i dette kvartal?"
    return with_this_year(question.text, at) if period_of(question.text).quarter is not None else question.text


def with_year_asked(question: str, at: date, ahead_only: bool = False) -> str:
    """The question with the year "i år", "sidste år" or "next year" means said after it (and the quarter
    "dette kvartal" means), when it names no year itself ("var den i år eller sidste år?" names two, and is
    read as it stands). `ahead_only`: only a year to come, which no paragraph of past minutes is about, while
    last year's minutes need not say their year."""
    if _THIS_QUARTER.search(question.lower()):
        return f"{question} {(at.month - 1) // 3 + 1}. kvartal {at.year}"  # the quarter asked in
    year = relative_year(question, at)
    if THIS_YEAR.search(question) is not None and year != at.year:
        return question  # "i år eller sidste år": either
    if year is None or period_of(question).year is not None or (ahead_only and year <= at.year):
        return with_this_year(question, at)
    return f"{question} {year}"


_BUDGET_YEAR = re.compile(r"\bbudget\w*\s+(20\d\d)\b")


def _other_budget(question: str, text: str) -> bool:
    """True when the question names a budget year the entry never does, and the entry names others: the timetable
    for reductions after budget 2026 is none for budget 2027, however long the rule stays in force."""
    asked = set(_BUDGET_YEAR.findall(question.lower()))
    held = set(_BUDGET_YEAR.findall(text.lower()))
    return bool(asked and held) and not asked & held


# "strategiplanen for 2026", "the plan for 2027": a plan for one year
_PLAN_FOR_YEAR = re.compile(r"\b[\w-]*(?:plan|strategi|strategy)\w*\s+(?:for|of)\s+(20\d\d)\b")


def after_its_years(question: str, title: str) -> bool:
    """True when the question asks about the time after a year, or a plan for a year, and the title's span of
    years ends by then: "Glostrups nye MED-strategi efter 2024" is none of "MED-strategi 2021-2024", and
    "KommuneMEDs strategiplan for 2026" is not Plan MED 2024-2025, whatever their validity."""
    lowered, spans = question.lower(), year_spans(title)  # the years of a plan: "2024-2025"
    if not spans:
        return False
    end = int(spans[0][-4:])
    later, planned = AFTER_YEAR.search(lowered), _PLAN_FOR_YEAR.search(lowered)
    return (later is not None and end <= int(later.group(1))) or (planned is not None and end < int(planned.group(1)))


def _compares_within(question: str, entry: Entry) -> bool:
    """True when the question names two or more periods, one is the entry's and the entry names every other one
    with its year: "fra 4. kvartal 2024 til 1. kvartal 2025" is the change the 1st quarter 2025 figures report.
    So is one period named as what a change is measured against, when the entry names it: "… ift 4. kvartal 2024".
    """
    asked = _periods_in(question)
    held = period_of(entry.period)
    named = _periods_in(_text_of(entry)) | {held}
    if len(asked) == 1 and _RELATIVE_TO.search(question.lower()):
        return asked <= named  # "… ift 4. kvartal 2024" names only the period the entry compares with
    if len(asked) < 2:  # a comparison names two periods
        return False
    return held in asked and asked <= named


# "siden 1. kvartal 2025", "since Q1 2025": the change after a quarter, which that quarter's figures do not hold
_SINCE_QUARTER = re.compile(rf"\b(?:siden|since)\s+(?:the\s+)?(?:{QUARTER.pattern})(?:\s+(?:of\s+)?20\d\d)?")


def _since_period(question: str) -> Period | None:
    """The quarter a question asks about the change since ("siden 1. kvartal 2025"), or None."""
    since = _SINCE_QUARTER.search(question.lower())
    return period_of(since.group(0)) if since is not None else None


# "i forhold til", "ift.", "sammenlignet med", "compared with": a question about a change since another period
_RELATIVE_TO = re.compile(r"\b(?:i\s+forhold\s+til|ift|sammenlignet\s+med|compared\s+(?:with|to))\b")


_PERIOD = re.compile(QUARTER.pattern + r"\.?(?:\s+(20\d\d))?|\b(20\d\d)\b")  # "4. kvt. 2024"


def _periods_in(text: str) -> set[Period]:
    """Every quarter with its year ("4. kvartal 2024") and every year alone that a text names."""
    found: set[Period] = set()
    for match in _PERIOD.finditer(text.lower()):
        if match.group(6):
            found.add(Period(int(match.group(6)), None))
        else:
            quarter = period_of(match.group(0)).quarter
            found.add(Period(int(match.group(5)) if match.group(5) else None, quarter))
    return found


def held_period(entry: Entry, conjunction: str = "og") -> str:
    """The period an entry's facts are about, as an answer says it: its `period`, else the years it names."""
    if entry.period:
        return entry.period
    years = sorted(set(YEAR.findall(_text_of(entry))))
    return f" {conjunction} ".join([", ".join(years[:-1]), years[-1]] if len(years) > 1 else years)


def _text_of(entry: Entry) -> str:
    return " ".join((entry.title, *entry.questions, entry.answer, entry.details, *entry.tags))


def other_period_text(question: str, text: str) -> bool:
    """True when the question names a quarter or year that a quoted source text never mentions, or a quarter
    of a year that the text names only with other years ("2. kvartal 2025" is not "2. kvartal 2023")."""
    asked = period_of(question)
    start = _since_period(question)
    if start is not None and start.year is not None:  # "since Q1 2025" needs a text with a later quarter's figures
        first = (start.year, start.quarter or 0)
        return not any(p.year is not None and (p.year, p.quarter or 0) > first for p in _periods_in(text))
    if asked.quarter is not None:
        held = [p for p in _periods_in(text) if p.quarter == asked.quarter]
        if not held or (asked.year is not None and all(p.year not in (None, asked.year) for p in held)):
            return True
    return asked.year is not None and str(asked.year) not in text


STALE_DAYS = 60  # how far ahead `medbot kb stale` and the weekly admin summary look


@dataclass(frozen=True)
class Expiry:
    """One dated fact of an entry an editor should look at: which field, and the day it runs out."""

    field: str  # valid_to | event_date | as_of
    day: date
    as_of: date | None = None  # for `as_of`: the day the figures are for (`day` is then the review day)

    def __str__(self) -> str:
        """The reason as `medbot kb stale` prints it."""
        if self.as_of is not None:
            return f"as_of {self.as_of.isoformat()} (tal ældre end et år)"
        return f"{self.field} {self.day.isoformat()}"


def expiring(entry: Entry, at: date, within_days: int = STALE_DAYS) -> list[Expiry]:
    """Why an editor should look at the entry now: its dated facts expired or expire within `within_days`."""
    horizon = at + timedelta(days=within_days)
    found: list[Expiry] = []
    if entry.valid_to is not None and entry.valid_to <= horizon and entry.superseded_by is None:
        found.append(Expiry("valid_to", entry.valid_to))
    if entry.event_date is not None and entry.event_date <= horizon:
        found.append(Expiry("event_date", entry.event_date))
    if entry.as_of is not None and entry.review_by() <= horizon:
        found.append(Expiry("as_of", entry.review_by(), as_of=entry.as_of))
    return found


def confidence_in(kb: KnowledgeBase, query: Query, ranked: list[int], scores: Scores, entry: Entry) -> float:
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


def _says_in_title(kb: KnowledgeBase, query: Query, entry: int) -> bool:
    """True when the entry's title says the question's one topic word: a one-word question needs that.

    When that one word was left out ("Glostrup" in "Hvor mange ansatte har Glostrup Kommune?", whose other
    words name no topic), no title says it.
    """
    full = [u for u in query.units if not u.weak]
    if len(full) + query.left_out != 1:
        return True
    return bool(full) and bool(said_in(full[0], kb.index.phrasing_terms[entry][0].terms)[0])


def _listed(kb: KnowledgeBase, query: Query, entry: int) -> bool:
    """True when one of the entry's title and questions says exactly what was asked, in some form."""
    return closest_phrasing(kb, query, entry) >= LISTED


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


def answered_version(kb: KnowledgeBase, matched: Entry, at: date, day: date | None, query: Query) -> Entry:
    """The version to answer with: the one in force on the day asked about, else today.

    Asked about nothing in particular, a question that only the old version answers ("rekrutteringskampagne
    2022") gets the old version, with a note on what applies today.
    """
    version = version_on(kb, matched, day or at)
    if day is None and version is not matched and reaches(kb, matched, version):
        terms = kb.index.entries.terms
        newer = query.coverage(terms[kb.index.entry_number[version.id]])
        older = query.coverage(terms[kb.index.entry_number[matched.id]])
        if newer < ANSWER_THRESHOLD or older - newer >= OLD_RULE_GAP:
            return matched
    return version


def reaches(kb: KnowledgeBase, old: Entry, new: Entry) -> bool:
    """True when `new` replaces `old`, directly or through later versions."""
    current, seen = old, {old.id}
    while current.superseded_by and current.superseded_by not in seen:
        current = kb.entries[current.superseded_by]
        if current.id == new.id:
            return True
        seen.add(current.id)
    return False


def suggestions(kb: KnowledgeBase, query: Query, ranked: list[int], at: date) -> list[Entry]:
    """Up to three entries that came close, each in the version that applies on `at`."""
    channel = kb.index.entries
    offered: list[Entry] = []
    for i in ranked:
        if query.coverage(channel.terms[i]) < SUGGESTION_FLOOR:
            continue
        entry = version_on(kb, kb.entries[kb.index.entry_ids[i]], at)
        if entry not in offered:
            offered.append(entry)
        if len(offered) == MAX_SUGGESTIONS:
            break
    return offered
