"""Danish text analysis shared by the index and the questions, so both sides always agree on a term.

A term is a lowercased word whose ae/oe/aa spellings are read as æ/ø/å, stemmed with the Snowball Danish
stemmer and then folded to ASCII: "Lægebesøg", "laegebesoeg" and "lægebesøget" all become "laegebesoeg".
Ordinals keep their number ("1. sygedag" gives "1"), decimals stay whole ("14,3").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import Stemmer

# Words that say nothing about the topic: function words and the scaffolding of a question ("kan du fortælle
# mig", "hvad gælder"), in Danish and English. Built by hand rather than taken from a generic list: those
# drop "anden"/"andet"/"første" (second sick day is not the first) and "ikke"/"uden" (with or without pay).
STOPWORDS: frozenset[str] = frozenset(
    """
    ad af al alle alt altid andre at bare da de dem den denne dens der deres det dette dig din dine disse dit du
    efter eller en end er et for fordi fra før god ham han hans har havde have hen hende hendes her hos hun hvad
    hvem hver hvilke hvilken hvilket hvis hvor hvordan hvorfor hvornår i igen ind ja jeg jer jeres jo kan kunne
    lige man mange meget men mere mig min mine mit mod må måtte ned nej noget nogen nogle nok nu når og også om
    op os over på sig sin sine sit skal skulle som så sådan til ud under var vi vil ville vor vores være været
    bliver blive blev får få fik gør gøre gjorde går gå gik sker ske står stå fx eks evt osv ca mv hej tak
    mon egentlig lidt vel altså helt stadig stadigvæk vildt rigtig rigtigt virkelig måske gerne godt okay ok sgu
    faktisk nogensinde hallo hey hejsa venligst spørgsmål spørge spørger vide ved fortælle fortæl forklare forklar
    tror synes mener smutte smutter tage tager komme kommer sige siger gælder gælde betyder betyde hedder
    findes finde finder ste dje kl morgen nu idag igår handler omhandler
    a an and are as at be can could do does did for from get gets got have has how i if in into is it me my of
    on or our should so than that the their there this to was we what when where which who why will with would
    you your am been being about tell know want like please thanks hello hi hey still any some really just mean
    means happen happens apply applies many much st nd rd th might must need needs
    """.split()  # noqa: SIM905 - a word list reads and diffs better as text
)

_CLOCK = frozenset(("kl", "klokken"))  # "kl 10" is when, never what
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+")
_ASCII_FOLD = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "ä": "ae", "ö": "oe", "ü": "u", "é": "e", "è": "e"})
_DANISH_SPELLING = (("aa", "å"), ("ae", "æ"), ("oe", "ø"))
_STEMMER = Stemmer.Stemmer("danish")


def words(text: str) -> list[str]:
    """Lowercased words and numbers of `text`, punctuation and Markdown dropped."""
    return _TOKEN.findall(unicodedata.normalize("NFKC", text).lower())


def danish_spelling(word: str) -> str:
    """Read an ASCII spelling the Danish way ("laege" → "læge") so stemming treats both spellings alike."""
    for ascii_form, letter in _DANISH_SPELLING:
        word = word.replace(ascii_form, letter)
    return word


def fold(word: str) -> str:
    """The ASCII form terms are stored in; any accent an employee leaves out then still matches."""
    return word.translate(_ASCII_FOLD)


@lru_cache(maxsize=65536)
def term(word: str) -> str:
    """The index term of one word from `words`: Danish spelling, Snowball Danish stem, folded to ASCII."""
    if word[0].isdigit():
        return word.replace(".", ",")
    return fold(_STEMMER.stemWord(danish_spelling(word)))


def content_words(text: str) -> list[str]:
    """The words of `text` that can carry a topic: stopwords, single letters and clock times removed."""
    found = words(text)
    return [w for i, w in enumerate(found) if is_content_word(w) and not (i and found[i - 1] in _CLOCK)]


@lru_cache(maxsize=65536)
def is_content_word(word: str) -> bool:
    """False for stopwords in either spelling ("naar" is "når") and for single letters."""
    if word in STOPWORDS or danish_spelling(word) in STOPWORDS:
        return False
    return len(word) > 1 or word.isdigit()


def char_grams(word: str, n: int = 4) -> list[str]:
    """Character n-grams of one word with boundary marks; they catch typos and compounds the stemmer misses."""
    padded = f"_{fold(word)}_"
    if len(padded) <= n:
        return [padded]
    return [padded[i : i + n] for i in range(len(padded) - n + 1)]


def split_compound(word: str, vocabulary: frozenset[str] | set[str], min_part: int = 3) -> list[str] | None:
    """Split a compound into the fewest known parts ("sygefraværssamtale" → sygefravær + samtale).

    Parts are words whose terms occur in `vocabulary`; a linking "s" or "e" may sit between two parts, and
    no part is a stopword. Among equally short splits the one with the longest shortest part wins (it is
    least likely to be chance). A first part the index never saw alone is allowed in front of a known head
    ("kutymefridage" → kutyme + fridage), because Danish puts the meaning-bearing head last.
    Returns the part words, or None when `word` is no compound of known words.
    """
    spelled = danish_spelling(word)
    if len(spelled) < 2 * min_part or not spelled.isalpha():
        return None
    return _known_parts(spelled, vocabulary, min_part) or _modifier_and_head(spelled, vocabulary)


_MAX_PARTS = 3
_MIN_HEAD = 4


def _is_part(part: str, vocabulary: frozenset[str] | set[str]) -> bool:
    return part not in STOPWORDS and term(part) in vocabulary


def _known_parts(spelled: str, vocabulary: frozenset[str] | set[str], min_part: int) -> list[str] | None:
    n = len(spelled)
    # best[i] = (parts, -shortest part, parts) for spelled[i:], ordered by fewest parts, then longest shortest
    best: list[tuple[int, int, list[str]] | None] = [None] * (n + 1)
    best[n] = (0, -n, [])
    for i in range(n - min_part, -1, -1):
        for j in range(i + min_part, n + 1):
            part = spelled[i:j]
            if (i == 0 and j == n) or not _is_part(part, vocabulary):
                continue
            for k in (j, j + 1):
                rest = best[k] if k <= n else None
                if rest is None or (k == j + 1 and (k == n or spelled[j] not in "se")):
                    continue
                candidate = (rest[0] + 1, max(rest[1], -len(part)), [part, *rest[2]])
                current = best[i]
                if current is None or candidate[:2] < current[:2]:
                    best[i] = candidate
    found = best[0]
    return found[2] if found is not None and 2 <= found[0] <= _MAX_PARTS else None


def _modifier_and_head(spelled: str, vocabulary: frozenset[str] | set[str]) -> list[str] | None:
    for j in range(_MIN_HEAD, len(spelled) - _MIN_HEAD + 1):
        if _is_part(spelled[j:], vocabulary):
            return [spelled[:j], spelled[j:]]
    return None
