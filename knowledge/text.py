"""Danish text analysis shared by the index and the questions, so both sides always agree on a term.

A term is a lowercased word whose ae/oe/aa spellings are read as æ/ø/å, stemmed with the Snowball Danish
stemmer and then folded to ASCII: "Lægebesøg", "laegebesoeg" and "lægebesøget" all become "laegebesoeg".
Ordinals keep their number ("1. sygedag" gives "1"), decimals stay whole ("14,3").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from itertools import pairwise

import Stemmer

# Words that say nothing about the topic: function words and the scaffolding of a question ("kan du fortælle
# mig", "hvad gælder"), in Danish and English, and the chat around it ("hej", "uanset hvad", "er det blevet").
# Built by hand rather than taken from a generic list: those drop "anden"/"andet"/"første" (second sick day is
# not the first) and "ikke"/"uden" (with or without pay). A chatty question keeps only what it is about.
STOPWORDS: frozenset[str] = frozenset(
    """
    ad af al alle alt altid andre at bare da de dem den denne dens der deres det dette dig din dine disse dit du
    efter eller en end er et for fordi fra før god ham han hans har havde have hen hende hendes her hos hun hvad
    hvem hver hvilke hvilken hvilket hvis hvor hvordan hvorfor hvornår i igen ind ja jeg jer jeres jo kan kunne
    lige man mange meget men mere mig min mine mit mod må måtte ned nej noget nogen nogle nok nu når og også om
    op os over på sig sin sine sit skal skulle som så sådan til ud under var vi vil ville vor vores være været
    bliver blive blev blevet får få fik fået gør gøre gjorde gjort går gå gik gået sker ske skete sket står stå
    fx eks evt eventuel eventuelle osv ca mv pga ift ifht iht mht jf jævnfør pt ét én hej tak mon egentlig lidt vel
    altså helt stadig stadigvæk vildt rigtig rigtigt mellem præcis præcist el slags vedkommende
    virkelig måske gerne godt okay ok sgu faktisk nogensinde hallo hey hejsa venligst spørgsmål spørge spørger spurgte
    vide ved vidste fortælle fortæl forklare forklar tror troede synes syntes mener mente tænker tænkte tænkt smutte
    smutter tage tager tog taget komme kommer kom kommet sige siger sagde sagt høre hører hørte hørt gælder
    gælde betyder betyde hedder findes finde finder ste dje kl klokken morgen idag igår imorgen handler omhandler
    skaffe skaffer
    uanset alligevel ellers derfor dermed desuden nemlig vist dog endnu allerede snart hurtigt bør burde
    både enten hverken samt sikkert muligvis formentlig eventuelt jamen nå nåh øh øhm hmm hilsen mvh undskyld
    ingen intet ens hinanden selvom mens inden hvorvidt hvorledes hvorfra hvortil således ligesom igennem gennem
    godmorgen goddag godaften halløj dav davs morn morgenen
    bruge bruger brugte brugt lave laver lavede lavet holde holdt regne regnes regner regnede regnet ligge ligger
    tælle tæller tælles talt hva imens fundet fandt kunnet
    sidde sidder foregå foregår dække dækket dækker ændret ændres ændre ændrede
    mandag tirsdag onsdag torsdag fredag lørdag søndag mandagen tirsdagen onsdagen torsdagen fredagen
    dato datoen datoer tidspunkt tidspunktet
    a an and are as at be can could do does did for from get gets got have has how i if in into is it me my of
    on or our should so than that the their there here this to was we what when where which who why will with would
    you your am been being about tell know want like please thanks hello hi hey still any some really just mean
    below above means happen happens apply applies many much st nd rd th might must need needs
    during before after used use using held take takes taking took go goes going make makes made allowed allow
    entitled required require they them he she his her him us its it's all each every only also too very then
    now today tomorrow yesterday currently current yet ever anything something someone anyone thing things
    way ways regarding concerning whether while until since because though although okay dear kind
    monday tuesday wednesday thursday friday saturday sunday mondays tuesdays wednesdays thursdays fridays
    valid
    date dates
    see find finding come doing done happened were via out stay stand stands colour color
    but by up no m ve ll re d s im ive maybe perhaps think thought guess actually basically completely totally
    quite rather somebody anybody everybody everyone nobody said says told look looking trying tried put putting
    ahead away directly lot lots bit little enough other another real recently lately read reading sit sits
    sitting count counts understand woke wake within between exactly precisely looked once related those these having
    question questions forces hed already bestå består bestod record comes
    passeret indtil asking roughly approximately example examples include includes including contain contains
    consist consists
    """.split()  # noqa: SIM905 - a word list reads and diffs better as text
)

# Words that are part of a question's topic but say little about which rule is meant ("reglerne om barns
# sygedag", "mine muligheder", "lønnen i december"): they count a little, so a question is neither lost nor
# answered by them. A month with its day ("24. december") is a synonym phrase and counts in full.
WEAK_WORDS: frozenset[str] = frozenset(
    """
    regel regler reglen reglerne ret rettigheder mulighed muligheder muligt mulig information info oplysninger
    stor stort store størrelse størrelsen høj højt lav lavt
    arm armen ben benet ryg ryggen hoved hovedet mave maven knæ knæet fod foden hånd hånden øje øjet
    januar februar marts april maj juni juli august september oktober november december
    ofte tit hyppigt slutter starter begynder varer vare varede varet udløber udløb
    indeværende
    options option rules rule information
    """.split()  # noqa: SIM905
)

# Two words that only say when the question is asked ("i morgen", "lige nu"): dropped as a pair, because
# "dag" and "år" alone do carry meaning ("sygedag", "hvert år").
_TIME_PHRASES: frozenset[tuple[str, str]] = frozenset(
    (first, second)
    for first, second in (
        phrase.split()
        for phrase in (
            "i dag",
            "i morgen",
            "i morges",
            "i går",
            "i år",
            "indeværende år",
            "indeværende periode",
            "i aften",
            "i nat",
            "i formiddag",
            "i eftermiddag",
            "i øjeblikket",
            "for tiden",
            "næste uge",
            "næste måned",
            "denne måned",
            "sidste måned",
            "næste gang",
            "sidste uge",
            "denne uge",
            "sidste år",
            "forrige år",
            "forrige måned",
            "forrige uge",
            "næste år",
            "i fjor",
            "på året",
            "this year",
            "last year",
            "next year",
        )
    )
)

# Idioms whose one word would name a topic it is not about, and that word's place: "med det samme" is at once,
# not "det samme forløb", nor is "gælder det samme for …?" (does the rule apply to …); "i tillæg til" is in
# addition to, no pay supplement; "noget på vej" is coming, no road.
_IDIOMS: dict[tuple[str, ...], int] = {
    ("med", "det", "samme"): 2,
    ("gælder", "det", "samme"): 2,
    ("i", "tillæg", "til"): 1,
    ("noget", "på", "vej"): 2,
    ("ifølge", "sagen"): 1,  # "ifølge sagen fra juni 2025": the meeting's case paper, no topic
    ("ifølge", "afdelingschefen"): 1,  # "… ifølge afdelingschefen": who said it, no topic
    ("ifølge", "sagsfremstillingen"): 1,  # where in the minutes it is said, no topic
    ("samlet", "set"): 0,  # "samlet set": all in all, not "samlet eller opdelt"
    ("bringes", "ned"): 0,  # "bringes ned på niveau med …": reduced, as "reduceres" says
    ("bringe", "ned"): 0,
    ("resten", "af"): 0,  # "resten af 2024" is until the year's end, which "året ud" says
    ("rest", "of"): 0,  # "for the rest of 2024", as "resten af 2024"
    ("svarer", "til"): 0,  # "Hvilket MTI svarer til gul?": which one is meant, no topic
    ("i", "så", "fald"): 2,  # "og i så fald hvornår?": if so
    ("hvad", "forstås", "ved"): 1,  # "hvad forstås ved en langtidsfrisk?" asks what the word means
    ("ikke", "så", "klart"): 2,  # "… det står ikke så klart": a remark, not a topic
    ("på", "grund", "af"): 1,  # "på grund af akut sygdom" is "because of"
    ("i", "forbindelse", "med"): 1,  # "i forbindelse med budgetarbejdet" is "in"
    ("fra", "hvilket", "år"): 2,  # "fra hvilket år …?" asks when, as "hvornår" does
    ("i", "hvilket", "år"): 2,
}

# Month names as people shorten them ("24. dec"); "jul" is Christmas, "maj" is already whole.
_MONTH_ABBREVIATIONS = {
    "jan": "januar",
    "feb": "februar",
    "apr": "april",
    "aug": "august",
    "sep": "september",
    "sept": "september",
    "okt": "oktober",
    "nov": "november",
    "dec": "december",
}
_ORDINALS = {"første": "1", "1ste": "1", "anden": "2", "andet": "2", "2den": "2", "tredje": "3", "3dje": "3"}
_CHAT = {"ik": "ikke", "ikk": "ikke", "heder": "hedder"}  # "jeg har ik fundet pasning": "ikke" as it is typed in a chat
_SAME_AS = {**_MONTH_ABBREVIATIONS, **_ORDINALS, **_CHAT}
_MONTHS = "januar februar marts april maj juni juli august september oktober november december".split()  # noqa: SIM905
# "31/12" and "1/5-2025" are a day and a month; "1/3 af" is a fraction, "24/25" no day of any month.
_DAY_MONTH = re.compile(r"(?<![\d/.,])(\d{1,2})/(\d{1,2})(?![\d/]|[.,]\d|\s*af\b)")
# "plan med 24-25" and "2024-25" mean the years 2024-2025, and "strategien 2021-24," 2021-2024; clock times
# ("kl 10-12") and decimals ("22-23,5") are left alone, a comma or full stop after the range is punctuation.
_SHORT_YEARS = re.compile(r"(?<![\d.,:])(20)?(\d{2})\s*[-/]\s*(20)?(\d{2})(?![\d]|[.,:]\d)")
_SHORT_YEAR_RANGE = (15, 40)
_LONGEST_WRITTEN_RANGE = 5  # "2021-24": a plan's years, when the first year is written in full

# The HR & Løn office is the HR office: "spørg HR & Løn" says nothing about pay ("får man løn på
# MED-uddannelsen?").
_PAY_OFFICE = re.compile(r"\bhr\s*(?:&|og|and)\s*(?:løns?|pay|payroll)\b")  # "HR & Løn", "HR & Pay"
# "hvilke 4 indsatsområder", "de 3 (strategiske) indsatsområder": a count, as "hvilke fire" is, not the label
# of "indsatsområde 4".
_COUNTS = {"3": "tre", "4": "fire", "5": "fem", "6": "seks", "7": "syv", "8": "otte", "10": "ti", "12": "tolv"}
_COUNTED = re.compile(rf"\b(hvilke|de)\s+({'|'.join(_COUNTS)})\s+(?=(?:[\w-]+e\s+)?[\w-]+er(?:ne)?\b)")
_CLOCK = frozenset(("kl", "klokken"))  # "kl 10" is when, never what
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+")
# "my colleague's salary", "what's": the English "'s" of a possessive or "is" is no word of its own
_APOSTROPHE_S = re.compile(r"(?<=[^\W\d_])['’]s\b")
_ASCII_FOLD = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "ä": "ae", "ö": "oe", "ü": "u", "é": "e", "è": "e"})
_DANISH_SPELLING = (("aa", "å"), ("ae", "æ"), ("oe", "ø"))
_STEMMER = Stemmer.Stemmer("danish")


def words(text: str) -> list[str]:
    """Lowercased words and numbers of `text`, punctuation and Markdown dropped, short forms written out.

    Ordinals written out are read as their number ("barnets anden sygedag" is "barnets 2. sygedag"), a day
    written "31/12" as "31. december".
    """
    lowered = unicodedata.normalize("NFKC", text).lower()
    if "hr" in lowered:
        lowered = _PAY_OFFICE.sub("hr", lowered)
    if "/" in lowered:
        lowered = _DAY_MONTH.sub(_day_and_month, lowered)
    lowered = _COUNTED.sub(lambda m: f"{m.group(1)} {_COUNTS[m.group(2)]} ", lowered)
    if "-" in lowered or "/" in lowered:  # most texts have no range at all: skip the costlier pattern
        lowered = _SHORT_YEARS.sub(_full_years, lowered)
    if "'" in lowered or "’" in lowered:
        lowered = _APOSTROPHE_S.sub("", lowered)
    return [_SAME_AS.get(w, w) for w in _TOKEN.findall(lowered)]


def _day_and_month(match: re.Match[str]) -> str:
    """'31/12' → '31. december' when the two numbers are a day and a month; anything else unchanged."""
    day, month = int(match.group(1)), int(match.group(2))
    if not (1 <= day <= 31 and 1 <= month <= len(_MONTHS)):
        return match.group(0)
    return f"{day}. {_MONTHS[month - 1]}"


def _full_years(match: re.Match[str]) -> str:
    """'24-25' → '2024-2025' when the two numbers are consecutive years this century ('2021-24' → '2021-2024' when
    the first is written in full); anything else unchanged."""
    first, second = int(match.group(2)), int(match.group(4))
    low, high = _SHORT_YEAR_RANGE
    longest = _LONGEST_WRITTEN_RANGE if match.group(1) else 1
    if not (low <= first <= high and 0 < second - first <= longest) or (match.group(1) and match.group(3)):
        return match.group(0)
    if not match.group(1) and match.group(3):
        return match.group(0)  # "24-2025" is no year range people write
    return f"20{first:02d}-20{second:02d}"


def danish_spelling(word: str) -> str:
    """Read an ASCII spelling the Danish way ("laege" → "læge") so stemming treats both spellings alike."""
    for ascii_form, letter in _DANISH_SPELLING:
        word = word.replace(ascii_form, letter)
    return word


def fold(word: str) -> str:
    """The ASCII form terms are stored in; any accent an employee leaves out then still matches."""
    return word.translate(_ASCII_FOLD)


def stem(word: str) -> str:
    """The Snowball Danish stem with its letters kept ("gül" stays apart from "gul", unlike `term`)."""
    return str(_STEMMER.stemWord(danish_spelling(word)))


@lru_cache(maxsize=262144)
def term(word: str) -> str:
    """The index term of one word from `words`: Danish spelling, Snowball Danish stem, folded to ASCII."""
    if word[0].isdigit():
        return word.replace(".", ",")
    return fold(_STEMMER.stemWord(danish_spelling(word)))


def content_words(text: str) -> list[str]:
    """The words of `text` that can carry a topic: stopwords, single letters, clock times and "i morgen" removed."""
    return keep_content(words(text))


def keep_content(found: list[str]) -> list[str]:
    """The content words among words already read by `words` (see `content_words`)."""
    timed = {j for i, pair in enumerate(pairwise(found)) if pair in _TIME_PHRASES for j in (i, i + 1)}
    timed |= {
        i + at for i in range(len(found)) for n in (2, 3) if (at := _IDIOMS.get(tuple(found[i : i + n]))) is not None
    }
    timed |= {j for i in range(len(found) - 3) if _hours_between(found[i : i + 5]) for j in (i + 1, i + 3)}
    timed |= {i for i in range(len(found) - 1) if found[i].isdigit() and found[i + 1] in _MINUTES}  # "40 min"
    if not _CLOCK.isdisjoint(found):
        for i in range(1, len(found)):
            if found[i][0].isdigit() and (found[i - 1] in _CLOCK or (i - 1 in timed and found[i - 1][0].isdigit())):
                timed.add(i)  # "kl 10" and "kl 10-12"
    if not timed:
        return [w for w in found if is_content_word(w)]
    return [w for i, w in enumerate(found) if i not in timed and is_content_word(w)]


_SPAN_WORDS = (frozenset({"mellem", "fra", "between", "from"}), frozenset({"og", "til", "and", "to"}))
_MINUTES = frozenset({"min", "minutter", "mins", "minutes"})  # "det tager mig 40 min": the asker's own case
_WORKING_HOURS = range(6, 25)  # "mellem 1. og 2. sygedag" counts days, "mellem 8 og 15" tells the time
_COUNTED_AFTER = frozenset({"dage", "dag", "uger", "måneder", "år", "timer", "procent", "pct", "kr", "days", "weeks"})


def _hours_between(words: list[str]) -> bool:
    """True for a span of the day's hours, "mellem 8 og 15", "from 9 to 16": when, never what."""
    start, first, joint, last, *after = words
    return (
        start in _SPAN_WORDS[0]
        and joint in _SPAN_WORDS[1]
        and first.isdigit()
        and last.isdigit()
        and int(first) in _WORKING_HOURS
        and int(last) in _WORKING_HOURS
        and not _COUNTED_AFTER.intersection(after)
    )


def is_weak(word: str) -> bool:
    """True for words that belong to a topic without saying which one ("regler", "muligheder")."""
    return word in WEAK_WORDS


@lru_cache(maxsize=65536)
def is_content_word(word: str) -> bool:
    """False for stopwords in either spelling ("naar" is "når") and for single letters."""
    if word in STOPWORDS or danish_spelling(word) in STOPWORDS:
        return False
    return len(word) > 1 or word.isdigit()


def skeleton(term_: str) -> str:
    """A term with æ/ø/å reduced to a/o/a: "gronne" typed without ø still meets "grønne"."""
    return term_.replace("ae", "a").replace("oe", "o").replace("aa", "a")


# Endings the Snowball stemmer leaves on verbs and participles ("truede", "truet", "truer", "truende"); cut
# once, longest first, only from a stem that keeps at least _MIN_LEMMA letters.
_INFLECTIONS = ("end", "ede", "ed", "et", "er", "e")
_MIN_LEMMA = 3


def lemma(term_: str) -> str:
    """The shared root of inflected forms the stemmer keeps apart: trued, truet and truer all give "tru"."""
    if not term_.isalpha():
        return term_
    for ending in _INFLECTIONS:
        if term_.endswith(ending) and len(term_) - len(ending) >= _MIN_LEMMA:
            return term_[: -len(ending)]
    return term_


def char_grams(word: str, n: int = 4) -> list[str]:
    """Character n-grams of one word with boundary marks; they catch typos and compounds the stemmer misses."""
    padded = f"_{fold(word)}_"
    if len(padded) <= n:
        return [padded]
    return [padded[i : i + n] for i in range(len(padded) - n + 1)]


# The splitter tries every cut of a word (quadratic in its length): real compounds are far shorter than this,
# and a pasted 5,000-letter "word" must not hold a worker for minutes.
MAX_COMPOUND = 40


def split_compound(word: str, vocabulary: frozenset[str] | set[str], min_part: int = 3) -> list[str] | None:
    """Split a compound into the fewest known parts ("sygefraværssamtale" → sygefravær + samtale).

    Parts are words whose terms occur in `vocabulary`; a linking "s" or "e" may sit between two parts, and
    no part is a stopword. Among equally short splits the one with the longest shortest part wins (it is
    least likely to be chance). A first part the index never saw alone is allowed in front of a known head
    ("kutymefridage" → kutyme + fridage), because Danish puts the meaning-bearing head last.
    Returns the part words, or None when `word` is no compound of known words.
    """
    spelled = danish_spelling(word)
    if not 2 * min_part <= len(spelled) <= MAX_COMPOUND or not spelled.isalpha():
        return None
    return _known_parts(spelled, lambda part: _is_part(part, vocabulary), min_part) or _modifier_and_head(
        spelled, vocabulary
    )


def split_known(
    word: str, vocabulary: frozenset[str] | set[str], surface: frozenset[str] | set[str], min_part: int = 4
) -> list[str] | None:
    """Split a compound only into parts that are all words of the texts ("barnesygedag" → barn + sygedag).

    Stricter than `split_compound`: a question's word the index never saw is read as these parts, as if the
    employee had written them apart, so every part must be a word the texts use as written (`surface`, folded
    words), not just a stem: "borgmester" is no borg + mester, although "mester" stems to "mest".
    """
    spelled = danish_spelling(word)
    if not 2 * min_part <= len(spelled) <= MAX_COMPOUND or not spelled.isalpha():
        return None
    return _known_parts(spelled, lambda part: _is_part(part, vocabulary) and _is_written(part, surface), min_part)


_ENDINGS = ("", "e", "n", "r", "s", "t", "en", "er", "et", "ne")


def _is_written(part: str, surface: frozenset[str] | set[str]) -> bool:
    """True when the texts use `part` as a word, bare or with a common ending ("opsigelse" in "opsigelsen")."""
    folded = fold(part)
    return any(folded + ending in surface for ending in _ENDINGS)


_MAX_PARTS = 3
_MIN_HEAD = 4


def _is_part(part: str, vocabulary: frozenset[str] | set[str]) -> bool:
    # Uncached: the splitter probes every piece of every unknown word, and caching those pieces kept growing the
    # word cache (and the process) with strings no question will ask again.
    return part not in STOPWORDS and term.__wrapped__(part) in vocabulary


def _known_parts(spelled: str, is_part: Callable[[str], bool], min_part: int) -> list[str] | None:
    n = len(spelled)
    # best[i] = (parts, -shortest part, parts) for spelled[i:], ordered by fewest parts, then longest shortest
    best: list[tuple[int, int, list[str]] | None] = [None] * (n + 1)
    best[n] = (0, -n, [])
    for i in range(n - min_part, -1, -1):
        for j in range(i + min_part, n + 1):
            part = spelled[i:j]
            if (i == 0 and j == n) or not is_part(part):
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
