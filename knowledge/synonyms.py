"""The language file: Danish synonym groups, English phrases with their Danish meaning, and what decides
whether an entry answers a question: generic words that name no topic of their own, and the asker's own data.

Everything is kept as term tuples (see `knowledge.text`), so "Barnets" in a question meets "barn" in a group.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, ValidationInfo, field_validator, model_validator

from knowledge.text import content_words, term, words
from knowledge.yamlfile import InputError, Problem, load, refuse, validate_data

Phrase = tuple[str, ...]
_MIN_STEM = 5  # a shorter stem meets too many words by its beginning
_MAX_ENDING = 3  # "betal" meets "betaling", not "betalingsservice"


@dataclass(frozen=True)
class PersonalTopic:
    """The asker's own data ("min løn", "feriedage tilbage"): the bot cannot see it and says where to look."""

    terms: frozenset[str]  # any of these words, said about oneself, makes the question personal
    answer: str
    answer_en: str
    standing: bool = False  # the words say how the asker stands ("tilmeldt"): "er jeg tilmeldt?" is personal
    contact: bool = False  # the words name the asker's own contact ("tillidsrepræsentant"): "hvem er min TR?"
    decided: bool = False  # the words tell a decision in the asker's own case: "Har min leder godkendt …?"
    # the words are the asker's own only when said so: "giver min overenskomst …?", "min egen overenskomst";
    # "hvad gør jeg, hvis min overenskomst ikke giver fri?" asks the rule
    own_only: bool = False


@dataclass(frozen=True)
class Personal:
    """When a question is about the asker's own data; the words are as `knowledge.text.words` reads them."""

    own: frozenset[str] = frozenset()  # "min", "my": right before a topic word, in a question asking a value
    remaining: frozenset[str] = frozenset()  # "tilbage", "saldo": anywhere beside a topic word
    used: frozenset[str] = frozenset()  # "brugt", "haft": beside a topic word in a question about oneself (`me`)
    me: frozenset[str] = frozenset()  # "jeg", "mine", "my"
    asks: frozenset[str] = frozenset()  # "hvad", "hvor", "how": the question asks for a value
    topics: tuple[PersonalTopic, ...] = ()
    be: frozenset[str] = frozenset()  # "er", "am": opening a question about oneself with `me` ("er jeg …?")
    who: frozenset[str] = frozenset()  # "hvem", "who": asking for a person (topics with contact)


@dataclass(frozen=True)
class Synonyms:
    """Danish groups as term phrases, broader words one way, and English word phrases mapped to Danish words."""

    groups: tuple[tuple[Phrase, ...], ...] = ()
    english: tuple[tuple[Phrase, tuple[str, ...]], ...] = ()
    broader: tuple[tuple[Phrase, tuple[Phrase, ...]], ...] = ()
    generic: frozenset[str] = frozenset()  # terms that never make a concept an entry must cover ("selv", "egen")
    salient: frozenset[str] = frozenset()  # terms an entry must cover whenever a question has them ("næste")
    personal: Personal = Personal()

    def broader_than(self, phrase: Phrase) -> tuple[Phrase, ...]:
        """Words a rule for `phrase` may be filed under ("tandlæge" → "læge"), but not the other way round."""
        return self._broader.get(phrase, ())

    @cached_property
    def _broader(self) -> dict[Phrase, tuple[Phrase, ...]]:
        return dict(self.broader)

    def alternatives(self, phrase: Phrase) -> list[Phrase]:
        """Every other phrase that shares a group with `phrase` (a tuple of terms).

        A single term also meets a member it differs from only by an ending the stemmer keeps ("betal" and
        "betaling"): one of the two must be the other plus at most a short ending, so editors need not list
        every inflection, while "skrank" and "skrant" (a shared beginning only) stay apart.
        """
        keys = [phrase]
        if len(phrase) == 1 and len(phrase[0]) > _MIN_STEM:
            word = phrase[0]
            keys.extend((word[:n],) for n in range(max(_MIN_STEM, len(word) - _MAX_ENDING), len(word)))
        found: list[Phrase] = []
        for number in self._groups_of(phrase, keys):
            found.extend(p for p in self.groups[number] if p != phrase and p not in found)
        return found

    def _groups_of(self, phrase: Phrase, shortened: list[Phrase]) -> list[int]:
        """Groups with `phrase` as a member or a member's beginning, or with a member `phrase` begins with."""
        numbers = list(self._by_beginning.get(phrase, ()))
        for key in shortened:
            numbers.extend(n for n in self._by_member.get(key, ()) if n not in numbers)
        return numbers

    @cached_property
    def english_table(self) -> dict[Phrase, tuple[str, ...]]:
        """English phrase → Danish words, for replacing English in a question."""
        return dict(self.english)

    @cached_property
    def _by_member(self) -> dict[Phrase, tuple[int, ...]]:
        """Group numbers by member phrase."""
        lookup: dict[Phrase, list[int]] = {}
        for number, group in enumerate(self.groups):
            for member in group:
                if number not in lookup.setdefault(member, []):
                    lookup[member].append(number)
        return {k: tuple(v) for k, v in lookup.items()}

    @cached_property
    def _by_beginning(self) -> dict[Phrase, tuple[int, ...]]:
        """Group numbers by member phrase, and by the stems of single-word members shortened by an ending."""
        lookup: dict[Phrase, list[int]] = {}
        for number, group in enumerate(self.groups):
            for member in group:
                keys = [member]
                if len(member) == 1:
                    word = member[0]
                    keys.extend((word[:n],) for n in range(max(_MIN_STEM, len(word) - _MAX_ENDING), len(word)))
                for key in keys:
                    if number not in lookup.setdefault(key, []):
                        lookup[key].append(number)
        return {k: tuple(v) for k, v in lookup.items()}

    def longest_phrase(self) -> int:
        """The most words any Danish or English phrase has; the search looks no further ahead."""
        return self._longest

    @cached_property
    def _longest(self) -> int:
        lengths = [len(p) for g in self.groups for p in g] + [len(e) for e, _ in self.english]
        return max(lengths, default=1)


def phrase_terms(text: str) -> Phrase:
    """The terms of a synonym phrase, with stopwords left out as the search leaves them out of questions."""
    return tuple(term(w) for w in content_words(text))


def english_key(text: str) -> Phrase:
    """English words compared as typed, lowercased, in the singular ("lunches" → "lunch"), stopwords kept."""
    return tuple(singular(w) for w in words(text))


def singular(word: str) -> str:
    """An English plural in the singular, as far as a simple rule goes ("policies" → "policy")."""
    if len(word) <= 3 or not word.endswith("s") or word.endswith("ss"):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "sses")):
        return word[:-2]
    return word[:-1]


def load_synonyms(path: Path) -> Synonyms:
    """Read and check the synonyms file; raises InputError with every problem found."""
    synonyms, problems = parse_synonyms(path)
    if problems:
        raise InputError(problems)
    return synonyms


def parse_synonyms(path: Path) -> tuple[Synonyms, list[Problem]]:
    """The synonyms in `path` and what is wrong with the file (an absent or empty file means no synonyms)."""
    if not path.exists():
        return Synonyms(), []
    try:
        data = load(path)
        if data is None:
            return Synonyms(), []
        return validate_data(data, SynonymsFile, str(path)).synonyms(), []
    except InputError as exc:
        return Synonyms(), exc.problems


_KEYS = "'groups', 'broader', 'english', 'generic', 'salient' og 'personal'"
_LISTS = ("own", "remaining", "used", "me", "asks", "topics")


def _term_set(texts: list[Any]) -> frozenset[str]:
    """The terms of a list of words (each item may hold several words)."""
    return frozenset(term(w) for text in texts for w in words(text))


class PersonalTopicFields(BaseModel):
    """One kind of the asker's own data under `personal.topics`: its words and where to look instead."""

    words: frozenset[str]
    answer: str
    answer_en: str
    standing: bool = False
    contact: bool = False
    decided: bool = False
    own_only: bool = False

    @model_validator(mode="before")
    @classmethod
    def _complete(cls, raw: Any) -> dict[str, Any]:
        texts = raw.get("words") if isinstance(raw, dict) else None
        answer = raw.get("answer") if isinstance(raw, dict) else None
        answer_en = raw.get("answer_en") if isinstance(raw, dict) else None
        if not isinstance(texts, list) or not texts or not all(isinstance(w, str) for w in texts):
            raise ValueError("et emne under 'personal' skal have 'words' (en liste af ord)")
        if not isinstance(answer, str) or not answer.strip() or not isinstance(answer_en, str) or not answer_en:
            raise ValueError("et emne under 'personal' skal have 'answer' og 'answer_en'")
        flags = {key: raw.get(key, False) for key in ("standing", "contact", "decided", "own_only")}
        for key, flag in flags.items():
            if not isinstance(flag, bool):
                raise ValueError(f"'{key}' under et emne i 'personal' skal være true eller false")
        return {
            "words": _term_set(texts),
            "answer": " ".join(answer.split()),
            "answer_en": " ".join(answer_en.split()),
            **flags,
        }


class PersonalFields(BaseModel):
    """`personal`: lists of words (`own`, `remaining`, `used`, `me`, `asks`, optionally `be`) and the `topics`."""

    own: frozenset[str]
    remaining: frozenset[str]
    used: frozenset[str]
    me: frozenset[str]
    asks: frozenset[str]
    topics: list[PersonalTopicFields]
    be: frozenset[str] = frozenset()
    who: frozenset[str] = frozenset()

    @model_validator(mode="before")
    @classmethod
    def _all_lists(cls, raw: Any) -> dict[str, Any]:
        if not isinstance(raw, dict) or not all(isinstance(raw.get(key), list) for key in _LISTS):
            raise ValueError("'personal' skal have listerne 'own', 'remaining', 'asks' og 'topics'")
        # the word lists as the search reads words, leaving out what is not text
        found = {key: frozenset(w for text in raw[key] if isinstance(text, str) for w in words(text)) for key in _LISTS}
        optional = {key: raw.get(key, []) for key in ("be", "who")}
        for key, listed in optional.items():
            if not isinstance(listed, list):
                raise ValueError(f"'{key}' under 'personal' skal være en liste af ord")
        return {
            **found,
            "topics": raw["topics"],
            **{
                key: frozenset(w for text in listed if isinstance(text, str) for w in words(text))
                for key, listed in optional.items()
            },
        }

    def personal(self) -> Personal:
        """The value the search uses."""
        topics = tuple(
            PersonalTopic(t.words, t.answer, t.answer_en, t.standing, t.contact, t.decided, t.own_only)
            for t in self.topics
        )
        return Personal(self.own, self.remaining, self.used, self.me, self.asks, topics, self.be, self.who)


class SynonymsFile(BaseModel):
    """The language file as an editor writes it; the validators turn its words into terms."""

    model_config = ConfigDict(extra="forbid")
    unknown_field_message: ClassVar[str] = f"ukendt nøgle '{{field}}' (brug {_KEYS})"

    groups: tuple[tuple[Phrase, ...], ...] = ()
    broader: tuple[tuple[Phrase, tuple[Phrase, ...]], ...] = ()
    english: tuple[tuple[Phrase, tuple[str, ...]], ...] = ()
    generic: frozenset[str] = frozenset()
    salient: frozenset[str] = frozenset()
    personal: PersonalFields | None = None

    @model_validator(mode="before")
    @classmethod
    def _mapping(cls, raw: Any) -> Any:
        if not isinstance(raw, dict):
            raise ValueError(f"skal være en mapping med {_KEYS}")
        return raw

    @field_validator("groups", mode="before")
    @classmethod
    def _groups(cls, raw: Any) -> tuple[tuple[Phrase, ...], ...]:
        if raw is None:
            return ()
        if not isinstance(raw, list):
            raise ValueError("'groups' skal være en liste af lister med ord")
        groups: list[tuple[Phrase, ...]] = []
        problems: list[tuple[tuple[int | str, ...], str]] = []
        for number, group in enumerate(raw):
            if not isinstance(group, list) or not all(isinstance(w, str | int) for w in group):
                message = 'en gruppe skal være en liste af ord, fx [barn, søn, datter]; sæt tal i anførselstegn ("1.")'
                problems.append(((number,), message))
                continue
            phrases = [phrase_terms(str(w)) for w in group]
            empty = [str(w) for w, p in zip(group, phrases, strict=True) if not p]
            if empty:
                problems.append(((number,), f"ord uden indhold (kun stopord?): {', '.join(empty)}"))
            unique = tuple(dict.fromkeys(p for p in phrases if p))
            if len(unique) < 2:
                problems.append(((number,), "en gruppe skal have mindst to forskellige ord"))
            groups.append(unique)
        if problems:
            raise refuse(problems)
        return tuple(groups)

    @field_validator("broader", mode="before")
    @classmethod
    def _broader(cls, raw: Any) -> tuple[tuple[Phrase, tuple[Phrase, ...]], ...]:
        if raw is None:
            return ()
        if not isinstance(raw, dict):
            raise ValueError("'broader' skal være en mapping: ord: bredere ord")
        pairs: list[tuple[Phrase, tuple[Phrase, ...]]] = []
        problems: list[tuple[tuple[int | str, ...], str]] = []
        for key, value in raw.items():
            values = value if isinstance(value, list) else [value]
            if not values or not all(isinstance(v, str) and v.strip() for v in values):
                problems.append(((key,), f"'{key}' skal pege på et bredere ord eller en liste af ord"))
                continue
            narrow = phrase_terms(key)
            wide = tuple(p for p in (phrase_terms(v) for v in values) if p and p != narrow)
            if not narrow or not wide:
                problems.append(((key,), f"'{key}: {value}' består kun af stopord eller samme ord"))
                continue
            pairs.append((narrow, wide))
        if problems:
            raise refuse(problems)
        return tuple(pairs)

    @field_validator("english", mode="before")
    @classmethod
    def _english(cls, raw: Any) -> tuple[tuple[Phrase, tuple[str, ...]], ...]:
        if raw is None:
            return ()
        if not isinstance(raw, dict):
            raise ValueError("'english' skal være en mapping: engelsk udtryk: dansk udtryk")
        pairs: list[tuple[Phrase, tuple[str, ...]]] = []
        problems: list[tuple[tuple[int | str, ...], str]] = []
        for key, value in raw.items():
            if not isinstance(value, str | int) or not str(value).strip():
                problems.append(((key,), f"'{key}' skal oversættes til et dansk ord"))
                continue
            danish = tuple(content_words(str(value)))
            if not any(w.isalpha() for w in content_words(key)) or not danish:
                problems.append(((key,), f"'{key}: {value}' består kun af stopord og tal"))
                continue
            pairs.append((english_key(key), danish))
        if problems:
            raise refuse(problems)
        return tuple(pairs)

    @field_validator("generic", "salient", mode="before")
    @classmethod
    def _words(cls, raw: Any, info: ValidationInfo) -> frozenset[str]:
        if raw is None:
            return frozenset()
        if not isinstance(raw, list) or not all(isinstance(w, str) and w.strip() for w in raw):
            raise ValueError(f"'{info.field_name}' skal være en liste af ord")
        return _term_set(raw)

    def synonyms(self) -> Synonyms:
        """The language file as the search uses it."""
        personal = self.personal.personal() if self.personal is not None else Personal()
        return Synonyms(self.groups, self.english, self.broader, self.generic, self.salient, personal)
