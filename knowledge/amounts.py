"""Whether a text gives a number, for a question that asks how many or how much.

"Hvor mange timers transporttid får jeg til lægen?" shares every topic word with the rule for a doctor's visit
in working hours, and that rule gives no figure: its answer would read as if it did. So a question that asks for
an amount is answered (or quoted) only from a text that states one, as a figure or a count in words. The stated
gaps of `knowledge.gaps` say which figure a source leaves out; this rule needs no sentence from the editors.
"""

from __future__ import annotations

import re

from knowledge.texts import UNSTATED_FIGURE, UNSTATED_FIGURE_EN

# "hvor mange", "hvor meget", "hvor stor", "hvilken løn", "hvad er lønnen", "hvad er teamleaderens løn",
# "hvad er måltallet", "hvilket måltal",
# "hvad får … i løn", "hvad skal … have i løn", "hvad var … på?",
# "hvad er det gennemsnitlige …", "hvad var det samlede sygefravær …", "how many", "how much", "what is the
# target figure", "what salary", "what is the salary of …": the question asks for an amount.
AMOUNT_ASKED = re.compile(
    r"\bhvor\s+(?:mange|meget|stor|stort|store|høj|højt)\b|\bhvilken\s+løn\b|\bhow\s+(?:much|many|big|large|high)\b|"
    r"\bhvilke[nt]?\s+måltal\w*\b(?!\s+(?:laver|udarbejder|sætter)\b)|"  # not "hvilke måltal laver I?", a kind
    r"\bhvad\s+(?:er|var|bliver|blev)\s+(?:[\w-]+s\s+løn|lønnen)\b|"
    r"\bhvad\s+(?:er|var|bliver|blev)\s+(?:\w+\s+){0,3}?(?:måltal|antal|beløb|besparelse)\w*|"
    r"\bhvad\s+(?:er|var|blev)\s+(?:(?:[\w'-]+\s+)?[\w'-]+s\s+)?personaleomsætning\w*|"  # "… Glostrup Kommunes …"
    # "… af besparelse i kroner?", "sygefraværet … i antal dage?", "… i dage pr. medarbejder?", "… i dage?",
    # "sygefraværet målt i dage"
    r"\bi\s+kroner\b|\bi\s+antal\s+dage\b|\bi\s+dage(?:\s+pr\b|\s*\??\s*$)|\bmålt\s+i\s+(?:antal\s+)?dage\b|"
    r"\bwhat\s+(?:is|was|will\s+be)\s+(?:\w+\s+){0,3}?(?:target\s+figure|number|amount)s?\b|"
    r"\bwhat\s+(?:is|was|were)\s+(?:[\w'-]+\s+){0,3}?(?:staff\s+)?turnover\b|"  # "… Glostrup's staff turnover"
    r"\bhvad\s+(?:får|fik|tjener)\b(?:\s+[\w&-]+){1,8}?\s+i\s+løn\b|\bhvad\s+skal\b(?:\s+[\w-]+){1,6}?\s+have\s+i\s+løn\b|"
    r"\bwhat\s+(?:salary|pay|wage)\b|\bwhat\s+(?:is|was|will\s+be)\s+the\s+(?:salary|wage|pay)\s+of\b|"
    # "Hvad er det gennemsnitlige …?", "Hvad er omegnskommunernes gennemsnitlige sygefravær?"
    r"\bhvad\s+(?:er|var)\s+(?:det|den|[\w'-]+s)\s+gennemsnitlige\b|\bhvad\s+(?:er|var)\s+gennemsnittet\b|"
    r"\bhvad\s+(?:er|var)\s+det\s+samlede\s+\w*fravær\w*|"
    r"^hvad\s+(?:blev|bliver)\b[^?]*\si\s+løn\s*\??\s*$|"  # "Hvad blev teamlederen ansat til i løn?"
    # "hvad var kataloget på (i alt)?", not "hvilket niveau skal det ned på?", which a comparison answers
    r"^hvad\s+(?:er|var|blev|lyder|lød)\b[^?]*\s(?<!\sned\s)(?<!\sop\s)på(?:\s+i\s+alt)?\s*\??\s*$"
)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_YEAR = re.compile(r"(?:19|20)\d\d")
# A number after these words is a label, not an amount: "indsatsområde 2", "handling 1", "uge 44", "dot 3" (a
# bullet), "kl. 09:30", and so is each one of a list of them, "punkt 2 og 3".
_LABEL = re.compile(
    r"(?:\b(?:indsatsområde|punkt|punkterne|forslag|handling|indikator|bilag|nr\.?|side|kapitel|uge|dot|kl\.?)\s*"
    r"(?:\d+\s*(?:,|og|and|eller)\s*)*|§\s*|:)$",
    re.IGNORECASE,
)
_LABEL_REACH = 30  # the longest label with a list: "indsatsområde 2, 3 og "
# "1. kvartal", "4. november": an ordinal or a day; "1-årige", "4-dages": a word of its own, not an amount; "5: Som
# led i …": a numbered item of a plan's list.
_NOT_AMOUNT_AFTER = re.compile(r"\.\s+[a-zæøå]|-[a-zæøå]|:\s")
# Counts in words; "en", "et" and "one" are left out, as they mostly are articles.
_COUNT_WORDS = frozenset(
    "to tre fire fem seks syv otte ni ti elleve tolv femten tyve tredive fyrre hundrede tusind halvdelen "  # noqa: SIM905
    "halvdel tredjedel tredjedele fjerdedel dobbelt halvt two three four five six seven eight nine ten twelve "
    "fifteen twenty hundred thousand half".split()
)
_WORD = re.compile(r"\w+")


def asks_amount(question: str) -> bool:
    """True when the question asks how many or how much."""
    return AMOUNT_ASKED.search(question.lower()) is not None


# "Svarede flere i 2023 end i 2021 …?", "Were there fewer … than …?": two counts compared; "Hvad er sygefraværet
# blandt ledere?", "What was the sickness absence …?": a level asked. A text without a figure tells neither.
_FIGURE_ASKED = re.compile(
    r"\b(?:flere|færre|more|fewer)\b[^?]*?\b(?:end|than)\b|"
    r"^(?:hvad|hvor\s+højt)\s+(?:er|var)\s+(?:\w+\s+)?\w*fraværet\b|"
    r"^what\s+(?:is|was)\s+(?:the\s+)?(?:\w+\s+)?(?:sickness\s+)?absence\b"
)


def asks_figure(question: str) -> bool:
    """True when the question compares two counts ("flere … end …") or asks how high an absence is."""
    return _FIGURE_ASKED.search(question.lower()) is not None


# A web address: its digits ("db0jqvmf", "budget-2025") are no figure.
_URL = re.compile(r"\bhttps?://\S+|\bwww\.\S+")


def states_amount(text: str) -> bool:
    """True when `text` gives a figure: a number that is no year, day, ordinal, label or part of a web address,
    or a count in words."""
    text = _URL.sub(" ", text)
    if any(w in _COUNT_WORDS for w in _WORD.findall(text.lower())):
        return True
    for match in _NUMBER.finditer(text):
        if _YEAR.fullmatch(match.group(0)) or _LABEL.search(text, max(0, match.start() - _LABEL_REACH), match.start()):
            continue
        if _NOT_AMOUNT_AFTER.match(text, match.end()):
            continue
        return True
    return False


# "hvor mange medarbejdere …", "hvor mange er langtidssyge?", "how many employees …": a count or share of people,
# which a share of something else ("44 pct. af sygefraværet") or an average does not give.
_PEOPLE = (
    r"(?:medarbejdere|medarbejderne|ansatte|personer|mennesker|kolleger|praktikanter|deltagere|"
    r"employees|people|persons|staff|colleagues|trainees|participants)"
)
# "hvor mange medarbejdere", "hvor mange er syge", "hvor mange i ØS arbejder …?" (not "hvor mange i alt"), "hvor
# mange blev ansat …?", "hvor mange svarede (deltog) …?"
_HEADCOUNT_ASKED = re.compile(
    rf"\b(?:hvor\s+mange|how\s+many)\s+{_PEOPLE}\b|\bhvor\s+mange\s+er\s+(?:\w+)?syg|\bhvor\s+mange\s+i\s+(?!alt\b)|"
    r"\bhvor\s+mange\s+(?:blev|er\s+blevet|bliver)\s+(?:\w+\s+)?(?:ansat|rekrutteret)\b|"
    r"\bhvor\s+mange\s+(?:svarede|besvarede|har\s+svaret|deltog|har\s+deltaget)\b|"
    r"\bhow\s+many\s+(?:\w+\s+)?(?:were|have\s+been|got)\s+(?:hired|recruited|employed)\b|"
    r"\bhow\s+many\s+(?:people\s+)?(?:answered|responded|took\s+part|participated|attended)\b"
)
_HEADCOUNT = re.compile(rf"\b\d+(?:[.,]\d+)?\s+(?:\w+\s+)?{_PEOPLE}\b", re.IGNORECASE)  # "12 medarbejdere"
# "Hvor mange stillinger spares …?": posts, which a text that never speaks of posts does not count ("14,9 mio.
# kr." is money); one that does may give their scale in words ("i et lavt leje")
_POSTS_ASKED = re.compile(r"\b(?:hvor\s+mange|how\s+many)\s+(?:stillinger|positions|posts|jobs)\b")
_POSTS_TOLD = re.compile(r"\b(?:stilling(?:er|erne)?|årsværk|positions?|posts?|jobs?)\b", re.IGNORECASE)
# "Hvor mange arbejdspladser havde rødt sygefravær?": a count of workplaces or units, which only "3 arbejdspladser",
# "to enheder" tells, not a model's thresholds ("0,5 dage")
_PLACES = r"(?:arbejdspladser|afdelinger|enheder|institutioner|workplaces|departments|units)"
_PLACES_ASKED = re.compile(rf"\b(?:hvor\s+mange|how\s+many)\s+(?:\w+\s+)?{_PLACES}\b")
_PLACES_TOLD = re.compile(
    rf"\b(?:\d+|to|tre|fire|fem|seks|syv|otte|ni|ti|two|three|four|five)\s+(?:\w+\s+)?{_PLACES}\b", re.IGNORECASE
)
# A share of them, "34 % af medarbejderne", says how many of them are something, not how many there are in all.
_SHARE = re.compile(rf"\b\d+(?:[.,]\d+)?\s*(?:%|pct\.|procent|per\s+cent)\s+(?:af|of)\s+(?:alle\s+|all\s+)?{_PEOPLE}\b")
_IN_ALL = re.compile(r"\bi\s+alt\b|\bin\s+(?:all|total)\b|\btotal\b")
# "Hvor meget sparer kommunen …?", "How much does it cost?", "How much salary …?": money, which a count ("2
# MED-undervisere") or "med løn" does not tell
_MONEY_ASKED = re.compile(
    r"\bhvor\s+meget\b[^?]*\b(?:spar\w*|kost\w*|besparelse\w*|penge|løn)|"
    r"\bhow\s+much\b[^?]*\b(?:sav\w*|cost\w*|money|salary|pay|wages?)\b"
)
_MONEY_TOLD = re.compile(r"\bkr\b|\bkroner\b|\bmio\b|\bmillion\w*|\bmia\b|\bdkk\b|\bmilliard\w*", re.IGNORECASE)
# "Hvor mange procent var langtidsfriske?", "What percentage …?": a share, which a paragraph with other figures
# ("mindre end 5,0 fraværsdagsværk") does not give
_SHARE_ASKED = re.compile(
    # "hvor stor en andel", "hvor stor var andelen …?"
    r"\bhvor\s+mange\s+(?:procent|pct)\b|\bhvor\s+stor\s+(?:(?:er|var|blev|bliver)\s+)?(?:en\s+)?(?:andel|procentdel)(?:en)?\b|"
    r"\bhvilken\s+procent\w*|"
    r"\bhow\s+many\s+per\s*cent\b|\bwhat\s+(?:percentage|per\s*cent|share|proportion)\b"
)
_SHARE_TOLD = re.compile(
    r"%|\bpct\b|\bprocent\w*|\bper\s*cent\b|\bhalvdel\w*|\btredjedel\w*|\bfjerdedel\w*|"
    r"\bhver\s+(?:anden|andet|tredje|fjerde|femte|sjette|tiende)\b"  # "hver tredje", not "hver arbejdsplads"
)


# "hvor mange forslag", "how many proposals": a count of things, which a gap of money ("nævner ikke beløb for
# ØS' forslag") leaves told; not "hvor mange af de 35 mio.", "hvor mange penge"
_COUNT_ASKED = re.compile(r"\b(?:hvor\s+mange|how\s+many)\b")
_MONEY_SAID = re.compile(r"\bpenge\b|\bbeløb\w*|\bmoney\b|\bamounts?\b")


def asks_count(question: str) -> bool:
    """True when the question asks how many of a thing, not how much money: "Hvor mange forslag har ØS?"."""
    lowered = question.lower()
    money = _MONEY_TOLD.search(lowered) is not None or _MONEY_SAID.search(lowered) is not None
    return _COUNT_ASKED.search(lowered) is not None and not money


# "Hvor mange år dækker planen?" is told by "2-årig", though "1-årige måltal" gives no target figure
_YEARS_ASKED = re.compile(r"\bhvor\s+mange\s+år\b|\bhow\s+many\s+years\b")
_LENGTH_TOLD = re.compile(r"\b\d+-årig")
# "Hvor mange år er det siden …?", "… er der tilbage af valgperioden?", "How many years ago …?": a time counted
# from today, back or ahead, which the day it counts to tells ("vedtog 15. november 2023", "til 31. maj 2027")
TIME_FROM_TODAY = re.compile(
    r"\bhvor\s+mange\s+(?:år|måneder|uger|dage)\s+(?:er\s+(?:det|der)\s+)?(?:gået,?\s+)?(?:siden|tilbage|til)\b|"
    r"\bhow\s+many\s+(?:years|months|weeks|days)\s+(?:ago|since|has\s+it\s+been|are\s+left|left|until)\b|"
    r"\bhvor\s+meget\s+tid\s+(?:er\s+der\s+)?tilbage\b|\bhow\s+much\s+time\s+(?:is\s+)?(?:left|remaining)\b|"
    r"\bhow\s+much\s+longer\b|\bhvor\s+lang\s+tid\s+er\s+der\s+til\b|"  # "… until the election period ends?"
    r"\bhvor\s+(?:lang\s+tid|længe)\s+(?:er\s+(?:det|der)\s+)?(?:gået\s+)?siden\b|\bhow\s+long\s+ago\b"
)


def unstated_amount(question: str, language: str, text: str) -> str:
    """What the question asks for when it asks how many or how much and `text` gives no figure (no count of
    people, asked how many people; no share, asked what share), else ""."""
    lowered = question.lower()
    length = _YEARS_ASKED.search(lowered) is not None and _LENGTH_TOLD.search(text) is not None
    length = length or (TIME_FROM_TODAY.search(lowered) is not None and _YEAR.search(text) is not None)
    unstated = (
        (asks_amount(question) and not states_amount(text) and not length)
        or (
            _HEADCOUNT_ASKED.search(lowered) is not None
            and not (_HEADCOUNT.search(text) or (_SHARE.search(text) and not _IN_ALL.search(lowered)))
        )
        or (_MONEY_ASKED.search(lowered) is not None and _MONEY_TOLD.search(text) is None)
        or (_POSTS_ASKED.search(lowered) is not None and _POSTS_TOLD.search(text) is None)
        or (_PLACES_ASKED.search(lowered) is not None and _PLACES_TOLD.search(text) is None)
        or (_SHARE_ASKED.search(lowered) is not None and _SHARE_TOLD.search(text.lower()) is None)
    )
    if not unstated:
        return ""
    return UNSTATED_FIGURE_EN if language == "en" else UNSTATED_FIGURE
