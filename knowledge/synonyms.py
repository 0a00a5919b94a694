"""The synonyms file: groups of Danish words that mean the same, and English phrases with their Danish meaning.

Everything is kept as term tuples (see `knowledge.text`), so "Barnets" in a question meets "barn" in a group.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from knowledge.text import content_words, term, words
from knowledge.yamlfile import InputError, Problem, line_of, load

Phrase = tuple[str, ...]
_MIN_STEM = 5  # a shorter stem meets too many words by its beginning
_MAX_ENDING = 3  # "betal" meets "betaling", not "betalingsservice"


@dataclass(frozen=True)
class Synonyms:
    """Danish groups as term phrases, broader words one way, and English word phrases mapped to Danish words."""

    groups: tuple[tuple[Phrase, ...], ...] = ()
    english: tuple[tuple[Phrase, tuple[str, ...]], ...] = ()
    broader: tuple[tuple[Phrase, tuple[Phrase, ...]], ...] = ()

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
    """The synonyms in `path` and what is wrong with the file (an absent file means no synonyms)."""
    if not path.exists():
        return Synonyms(), []
    try:
        data = load(path)
    except InputError as exc:
        return Synonyms(), exc.problems
    name = str(path)
    if data is None:
        return Synonyms(), []
    if not isinstance(data, dict):
        return Synonyms(), [Problem(name, line_of(data, 1), f"skal være en mapping med {_KEYS}")]
    problems = [
        Problem(name, line_of(data, 1), f"ukendt nøgle '{key}' (brug {_KEYS})")
        for key in data
        if key not in ("groups", "broader", "english")
    ]
    groups = _groups(data.get("groups"), name, line_of(data, 1), problems)
    lines = path.read_text(encoding="utf-8").splitlines()
    english = _english(data.get("english"), name, lines, problems)
    broader = _broader(data.get("broader"), name, lines, problems)
    return Synonyms(groups=groups, english=english, broader=broader), problems


_KEYS = "'groups', 'broader' og 'english'"


def _broader(
    raw: Any, name: str, lines: list[str], problems: list[Problem]
) -> tuple[tuple[Phrase, tuple[Phrase, ...]], ...]:
    if raw is None:
        return ()
    if not isinstance(raw, dict):
        problems.append(Problem(name, line_of(raw), "'broader' skal være en mapping: ord: bredere ord"))
        return ()
    pairs: list[tuple[Phrase, tuple[Phrase, ...]]] = []
    for key, value in raw.items():
        where = next((i for i, text in enumerate(lines, 1) if text.strip().startswith(f"{key}:")), line_of(raw))
        values = value if isinstance(value, list) else [value]
        if not isinstance(key, str) or not values or not all(isinstance(v, str) and v.strip() for v in values):
            problems.append(Problem(name, where, f"'{key}' skal pege på et bredere ord eller en liste af ord"))
            continue
        narrow = phrase_terms(key)
        wide = tuple(p for p in (phrase_terms(v) for v in values) if p and p != narrow)
        if not narrow or not wide:
            problems.append(Problem(name, where, f"'{key}: {value}' består kun af stopord eller samme ord"))
            continue
        pairs.append((narrow, wide))
    return tuple(pairs)


def _groups(raw: Any, name: str, line: int, problems: list[Problem]) -> tuple[tuple[Phrase, ...], ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        problems.append(Problem(name, line, "'groups' skal være en liste af lister med ord"))
        return ()
    groups: list[tuple[Phrase, ...]] = []
    for group in raw:
        where = line_of(group, line_of(raw, line))
        if not isinstance(group, list) or not all(isinstance(w, str | int) for w in group):
            message = 'en gruppe skal være en liste af ord, fx [barn, søn, datter]; sæt tal i anførselstegn ("1.")'
            problems.append(Problem(name, where, message))
            continue
        phrases = [phrase_terms(str(w)) for w in group]
        empty = [str(w) for w, p in zip(group, phrases, strict=True) if not p]
        if empty:
            problems.append(Problem(name, where, f"ord uden indhold (kun stopord?): {', '.join(empty)}"))
        unique = tuple(dict.fromkeys(p for p in phrases if p))
        if len(unique) < 2:
            problems.append(Problem(name, where, "en gruppe skal have mindst to forskellige ord"))
            continue
        groups.append(unique)
    return tuple(groups)


def _english(
    raw: Any, name: str, lines: list[str], problems: list[Problem]
) -> tuple[tuple[Phrase, tuple[str, ...]], ...]:
    if raw is None:
        return ()
    if not isinstance(raw, dict):
        problems.append(Problem(name, line_of(raw), "'english' skal være en mapping: engelsk udtryk: dansk udtryk"))
        return ()
    pairs: list[tuple[Phrase, tuple[str, ...]]] = []
    for key, value in raw.items():
        where = next((i for i, text in enumerate(lines, 1) if text.strip().startswith(f"{key}:")), line_of(raw))
        if not isinstance(key, str) or not isinstance(value, str | int) or not str(value).strip():
            problems.append(Problem(name, where, f"'{key}' skal oversættes til et dansk ord"))
            continue
        english = english_key(key)
        danish = tuple(content_words(str(value)))
        if not any(w.isalpha() for w in content_words(key)) or not danish:
            problems.append(Problem(name, where, f"'{key}: {value}' består kun af stopord og tal"))
            continue
        pairs.append((english, danish))
    return tuple(pairs)
