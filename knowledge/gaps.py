"""What the sources do not tell: gaps an entry states, and posts whose holder no text names.

The decide step (`knowledge.decide`) asks whether an entry covers the question's words; these rules ask a
different thing, whether the entry itself says it lacks what was asked ("Referatet nævner ikke beløb") or tells
of a post without naming who holds it. Then the bot refuses however well the words match. They grew with every
round of tuning, so they live apart from the decide step, which only calls `untold` and `unnamed_holder`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta

from knowledge.amounts import AMOUNT_ASKED, TIME_FROM_TODAY, asks_count, states_amount
from knowledge.index import KnowledgeBase
from knowledge.model import Entry
from knowledge.periods import AFTER_YEAR, ORDINAL, YEAR, period_of, year_spans
from knowledge.query import Query, Question
from knowledge.text import content_words, keep_content, split_compound, term, words
from knowledge.texts import MONTHS, danish_date, english_date, meeting_named
from knowledge.when import (
    MONTH_NAMES,
    TEXT_NAMED,
    THIS_YEAR,
    asks_now,
    day_named,
    days_named,
    months_named,
    relative_year,
    span_named,
)

# "Hvilke spørgsmål endte med at komme med?", "… til sidst?", "… i sidste ende?", "Hvad fik de ud af …?": what a
# plan came to in the end. Not "endeligt indfaset", which the budget paragraph tells.
_ENDED = re.compile(
    r"\bendte\s+(?:med|op)\b|\bend(?:ed)?\s+up\b|\btil\s+sidst\b|\bi\s+sidste\s+ende\b|\bin\s+the\s+end\b|"
    r"\bfik\b[^?]*\bud\s+af\b"
)
# those, "endeligt", "finally", "faktisk blevet", "did … actually": the question asks what was finally decided,
# not what was proposed.
_FINAL = re.compile(
    _ENDED.pattern + r"|\bendelig(?:t|e)?\b|\bfinal(?:ly)?\b|^did\b[^?]*\bactually\b|"
    r"\bactually\s+(?:been\s+)?(?:\w+ed|taken|given|done|made)\b|"
    r"\bfaktisk\s+(?:blevet|blev|opsagt|vedtaget|besluttet|godkendt|indført|gennemført|afskaffet)\b|^blev\b[^?]*\bfaktisk\b|"
    r"\bsom\s+blev\s+(?:fastsat|vedtaget|besluttet|godkendt|indført)\b|"  # "… de principper, som blev fastsat?"
    r"\b(?:det|den|de)\s+tilpassede\b|"  # "det tilpassede MUS-koncept" is the one decided after the trial
    r"\btilpasset\s+efter\b|"  # "Hvordan blev konceptet tilpasset efter prøveåret?": so is what came of it
    r"\b(?:det|den)\s+(?:udsatte|følgende)\s+møde\b|"  # "… på det udsatte møde?": the later meeting it was put off to
    r"\bendte\b[^?]*\bmed\s+at\b"  # "Hvad endte KommuneMED med at beslutte …?": what came of it in the end
)
# "Blev målingerne lavet samlet …?", "Er 4-dages uge (blevet) indført …?", "Er de nu lagt sammen?": whether a thing
# has happened, which is what was finally decided, not what was proposed
_HAPPENED = re.compile(
    r"^(?:blev|fik|gav|kom|fortsatte|was|were|continued)\b|^(?:er|has|have)\b(?=[^?]*\b(?:blevet|been)\b)|"
    r"^bliver\b(?=[^?]*\beller\b)|"  # "Bliver målingen lavet samlet eller opdelt?": which way it was decided
    r"^(?:er|var)\b(?!\s+der\b)(?=[^?]*\b(?:nu|igen|indført|vedtaget|besluttet|gennemført|forlænget|videreført)\b)|"
    r"^(?:is|are)\b(?!\s+there\b)(?=[^?]*\b(?:now|again)\b)|"  # "Is the updated guideline in Teams now?"
    r"^(?:har|has|have)\b(?=[^?]*\b(?:besluttet|vedtaget|indført|decided|introduced)\b)|"
    r"^har\b(?=[^?]*\b(?:nu|i\s+dag)\b)|^(?:has|have)\b(?=[^?]*\b(?:now|today|yet)\b)"
)  # "Er der ansættelsesstop nu?" asks how things stand, which the minutes tell; "Har kommunen besluttet …?",
# "Har plejeboligområdet i dag fået …?", "Has the nursing home area now got …?" what was decided since
# "Hvilke spørgsmål kom med i skemaet?": which made it in the end, and whether the one asked about did
_MADE_IT = re.compile(r"^(?:hvilke[nt]?|which)\b[^?]*\b(?:kom\s+med|made\s+it)\b")
_WHICH_ADOPTED = re.compile(
    r"^(?:hvilke[nt]?|which|what)\b[^?]*\b(?:blev|was|were)\s+(?:der\s+)?(?:vedtaget|besluttet|godkendt|fastsat|adopted|decided|approved)\b|"
    + _MADE_IT.pattern
)
_WHAT_DECIDED = re.compile(
    r"\bhvad\s+(?:blev|er)\s+(?:der\s+|det\s+)?(?:besluttet|vedtaget|bestemt)\b|"
    r"\bwhat\s+(?:was|has\s+been)\s+(?:finally\s+)?decided\b"
)
# "Hvor mange medarbejderrepræsentanter har det fælles ArbejdspladsMED fået?": what it has now, after any later
# meeting
_GOT_SINCE = re.compile(r"^(?:hvor\s+mange|how\s+many)\b[^?]*\b(?:har|has|have)\b[^?]*\b(?:fået|got|gotten)\b")
# "hvilke forslag der blev vedtaget": a gap of which ones were adopted in the end
_ADOPTED_GAP = re.compile(r"\b(?:blev|blevet)\s+(?:vedtaget|besluttet|godkendt|valgt)\b")
# "Blev … foreslået?" asks what was proposed, not what came of it
_PROPOSED = re.compile(
    r"^(?:blev|was|were)\b(?:\s+[\w&,-]+){0,6}?\s+(?<!\bas\s)(?<!\bsom\s)(?:foreslået|indstillet|proposed|suggested)\b"
)  # not "Was it centralised as proposed?", which asks whether it happened
# "Er Teams-forsøget stadig i gang?", "Is the Teams trial still running today?": whether it went on, which a gap
# "om den fortsatte efter 2024" leaves open; a gap "om den senere er startet op igen" is of one that was stopped
_STILL_RUNNING = re.compile(
    r"^(?:er|is)\b(?!\s+(?:der|there)\b)[^?]*\b(?:stadig|stadigvæk|fortsat|still)\s+(?:i\s+gang|running|going|ongoing)\b|"
    r"^kører\b[^?]*\b(?:stadig|stadigvæk|fortsat)\b|^does\b[^?]*\bstill\s+run\b|"
    r"^(?:blev|was|were)\b[^?]*\b(?:continued|fortsat|videreført)\b(?!\s+(?:efter|after|i|in|ind|into)\b)"
)  # "Was the four-day week trial continued?", not "… continued after 2024?", which a gap "efter 2024" answers
_AGAIN = re.compile(r"\b(?:igen|again)\b")
# What a question asks for, told by its question words: an amount, a person or a name (asked "hvem", a gap
# "hvem der …" answers it; asked "hvad hedder", so does a gap of names), a day, a time of day, a place, a way of
# doing, how often or how long, a result ("hvad kom der ud af …?", "hvad viste …?"), what a text says ("hvad står
# der i …?"), a phone number or e-mail address, a right ("har jeg ret til …?", which a gap "en ret til …"
# answers), or which ones ("hvilke overenskomstgrupper …?", which a gap "hvilke overenskomstgrupper der …"
# answers when it names them).
_ASKED_FOR = {
    "amount": AMOUNT_ASKED,
    # "Er Mette Holck stadig leder …?" asks who holds the role today, as "hvem er leder nu?" does.
    "person": re.compile(
        r"\bhvem\b|\bhvad\s+hedder\b|\bwho\b|\bwhose\b|\bnames?\b|\bnavn(?:e|et|ene)?\b|"
        r"^(?:er|is)\s+(?!det\b|der\b|it\b|there\b)(?:\w+\s+){1,3}(?:stadig|stadigvæk|fortsat|still)\b"
    ),
    # "Hvem er de to interne MED-undervisere?" asks for their names, as "Hvad skal det nye tilbud hedde?" asks for
    # one; "hvem underviser?" is answered by which unit
    "name": re.compile(r"\bhvad\s+hedder\b|\bhedde\b|\bnames?\b|\bnavn(?:e|et|ene)?\b|\bhvem\s+er\s+de\b"),
    # "When is …?", "… when will it be held?" ask when; "What does my manager do when I am sick?", "criteria used
    # when choosing …" say on what condition
    "time": re.compile(
        r"\bhvornår\b|\bhvilke[nt]?\s+(?:præcise?\s+|nøjagtige?\s+)?(?:dato|datoer|tidspunkt|dag|dage)\b|\bdatoe(?:n|rne)\b|"
        r"\b\w*frist(?:en|er|erne)?\b|"
        r"\b(?:seneste|sidste|tidligste)\s+tidspunkt\b|"  # "Hvad er seneste tidspunkt for at sygemelde sig?"
        r"^when\b|\bwhen\s+(?:is|are|was|were|do|does|did|will|would|can|could|should|shall|must|may|has|have)\b|"
        r"\bwhich\s+(?:dates?|days?)\b|\bdates\b|\bwhat\s+(?:exact\s+)?date\b|\bon\s+what\s+day\b|"
        # "Er opbremsningsplanen stadig gældende?": whether it still holds is when it ends
        r"\b(?:stadig|fortsat|still)\s+(?:gældende|i\s+kraft|in\s+force|in\s+effect|valid)\b"
    ),
    "clock": re.compile(r"\bhvad\s+tid\b|\bklokken\b|\bhvilket\s+tidspunkt\b|\bwhat\s+time\b"),
    # "hvor hurtigt", "hvor tidligt", "how soon" ask how much, not where or how.
    "place": re.compile(
        r"\bhvor\b(?!\s+(?:mange|meget|stor|stort|store|høj|højt|ofte|tit|længe|lang|langt|lange|hurtigt|"
        r"tidligt|sent|snart|gammel|gamle|tæt))|\bwhere\b"
    ),
    "way": re.compile(
        r"\bhvordan\b|\bfremgangsmåde\w*|\bprocedure\w*|"
        r"\bhow\b(?!\s+(?:much|many|big|large|high|often|long|far|soon|quickly|fast|early|late|old))"
    ),
    "often": re.compile(r"\bhvor\s+(?:ofte|tit)\b|\bhow\s+often\b"),
    "duration": re.compile(r"\bhvor\s+(?:lang|langt|lange|længe)\b|\bhow\s+long\b"),
    "outcome": re.compile(
        r"\bresultat(?:et|er|erne)?\b|\bkom\s+der\s+ud\s+af\b|\bblev\b(?:\s+[\w&,-]+){0,8}?\s+(?:vedtaget|besluttet|godkendt|præciseret)\b|"
        r"^(?:what|which)\b[^?]*?\b(?:was|were)\s+(?:adopted|decided|approved)\b|"  # "What cuts were adopted …?"
        r"\b(?:besluttede|vedtog)\b|\boutcomes?\b|\bresults?\b|\bhvad\s+viste\b|\bhvad\s+fandt\b(?!\s+sted\b)|\bfandt\b(?:\s+[\w&-]+){0,4}?\s+ud\s+af\b|\bdecided?\b|\b(?:det|den|de)\s+(?:endelig[te]?\s+)?vedtagne\b|\ber\s+(?:vedtaget|besluttet)\b|"
        r"\bwhat\s+did\b[^?]{1,80}?\s+(?:show|find|answer)\b|"  # "What did the mini-APV … show?"
        r"\bhvad\s+svarede\b|"  # "Hvad svarede medarbejderne i mini-APV'en?": its results
        r"\b(?:samlede?|gennemsnitlige?|overall|average)\s+(?:mti|score)\b|"  # "Albertslunds samlede MTI i 2023"
        r"\bhvad\s+var\s+(?:[\w'-]+\s+){0,3}?mti-?score\w*|"  # "Hvad var ØS' MTI-score i 2023?": a result
        r"\bhvilken\s+mti-?score\s+(?:fik|opnåede|havde)\b|"  # "Hvilken MTI-score fik Albertslund samlet?": a result
        r"\bkom\b(?:\s+[\w&,-]+){0,10}?\s+frem\s+til\b|"  # "Hvad kom KommuneMED (HR & Løn …) frem til?"
        r"\bfik\b(?:\s+[\w&-]+){0,6}?\s+ud\s+af\b|"  # "Hvad fik Organisation & Politik ud af evalueringen?"
        r"\bhvad\s+gav\s+(?:[\w-]+\s+){0,2}?(?:evaluering|undersøgelse|måling|forsøg)\w*|"  # "Hvad gav evalueringen …?"
        r"\bhvad\s+blev\s+(?:[\w-]+\s+){0,2}?evaluering\w*|"  # "Hvad blev KommuneMEDs samlede evaluering …?"
        r"\bhvordan\s+gik\b|\bhow\s+did\b[^?]*\bgo\b|"  # "Hvordan gik MED-konferencen?": what came of it
        r"\bhvad\s+skete\s+der\s+(?:på|ved|under)\b|\bwhat\s+happened\s+(?:at|during)\b|"  # "… på MED-konferencen?"
        r"\bhvad\s+blev\s+(?:det|den|de)\s+endelige\b"  # "Hvad blev det endelige budget 2026?"
    ),
    # "Hvad stod der i principperne?" asks what a text says; "Hvad stod der om rekruttering i planen?" what the
    # plan, which the entry tells, says of a topic; "Hvilke elementer indgår i konceptet?" what a text holds
    "content": re.compile(
        r"\b(?:står|stod)\s+der\b(?!\s+om\b)|\bindehold(?:er|t)\b|\bindhold(?:et)?\b|\bindgår\b|"
        r"\bhvordan\s+ser\b[^?]*\bud\W*$|\bwhat\s+does\b[^?]*\blook\s+like\W*$|"  # "Hvordan ser konceptet ud?"
        # "Hvilke punkter skal samtalen indeholde?", "Hvad er minimumselementerne i konceptet?", asked alone
        r"^(?:hvad|hvilke)\b[^?,]*\b(?:indeholde|\w*elementer(?:ne)?)\b|"
        r"^what\s+(?:are|were)\s+the\s+(?:[\w-]+\s+)?elements\b|"  # "What are the minimum elements of …?"
        r"\bhvilke\s+[\w-]+\s+er\s+der\s+i\b|\bcontents?\b|\bcontains?\b|\bsays?\b|"
        r"^hvad\s+blev\s+(?:det|den|de)\s+konkrete\b|"  # "Hvad blev de konkrete principper …?": what they say
        # "Hvad er reglerne for hjemmearbejde ifølge vejledningen om fleks?": what the guidance says
        r"\bifølge\s+\w*(?:vejledning|retningslinje)(?:en|rne)?\b|\baccording\s+to\s+the\s+(?:\w+\s+)?guid(?:ance|eline)\b|"
        # "Hvad er de 12 spørgsmål i værktøjet?", "What are the questions …?": what they say
        r"^(?:hvad|hvilke)\s+(?:er|var)\s+de\s+(?:\w+\s+)?spørgsmål\b|^what\s+(?:are|were)\s+the\s+(?:\w+\s+)?questions\b|"
        r"^hvad\s+spørges\s+der\s+(?:om|til)\b"  # "Hvad spørges der om i de 12 spørgsmål …?"
    ),
    "contact": re.compile(r"\btelefonn(?:ummer|umre)\w*|\bphone\s+numbers?\b|\be-?mail\w*"),
    # "Hvad er betingelserne for at få en §56-aftale?" asks on what terms, which a text naming the agreement leaves out
    "condition": re.compile(r"\bbetingelse(?:r|n|rne)?\b|\bvilkår(?:ene)?\b|\bconditions?\b|\brequirements?\b"),
    # "Har jeg ret til barns 3. sygedag?", "Hvad er reglerne for (Hvad gælder for) barns 3. sygedag?", "Får jeg
    # betalt (løn for) transporttiden?", "Do I get the child's third sick day too?"
    "right": re.compile(
        r"\bret\s+til\b|\bentitled\b|\bright\s+to\b|\breglerne\s+for\b|\bhvad\s+gælder\s+(?:der\s+)?for\b|"
        r"\brules?\s+(?:for|on|about)\b|^får\s+(?:jeg|man|vi)\s+(?:betalt|løn\s+for)\b|^do\s+(?:i|we)\s+get\b|"
        r"^will\s+(?:i|we)\s+(?:be|get)\s+paid\b|"  # "Will I be paid for travel time …?"
        # "Kan jeg få barns 3. sygedag?", "Can I get a third child sick day?": a right to one more day
        r"^(?:kan|får)\s+(?:jeg|man|vi)\s+(?:også\s+)?(?:få\s+)?(?:en\s+)?(?:[\w']+\s+)?(?:\d+\.|tredje)\s|"
        # "Kan jeg få fri med løn ved skilsmisse?", "Får jeg fri, når jeg skal skilles?": a right to a day off
        r"^(?:kan|får)\s+(?:jeg|man|vi)\s+(?:også\s+)?(?:få\s+)?(?:betalt\s+)?fri\b|"
        r"^can\s+(?:i|we)\s+(?:also\s+)?get\s+(?:a\s+|the\s+)?(?:[\w']+\s+)?(?:\d+(?:st|nd|rd|th)|third)\b"
    ),
    "which": re.compile(r"\bhvilke[nt]?\b|\bwhich\b|\bhvad\s+(?:er|var)\s+de\b"),  # "Hvad er de principper …?"
    # "Blev kutymefridagene endeligt opsagt?", "Holder rådhuset lukket 24. december?": whether a thing was settled
    # or happens, which "siger ikke, om …" leaves open
    "whether": re.compile(
        _FINAL.pattern + "|" + _HAPPENED.pattern + r"|^(?:holder|lukker)\b|^(?:is|will|does)\b(?=[^?]*\bclosed?\b)|"
        r"^(?:er\s+der|is\s+there)\s+(?:stadig|stadigvæk|fortsat|still)\b|"  # "Er der stadig ansættelsesstop?"
        r"^(?:må|may)\s+(?:jeg|vi|man|i|we)\b|"  # "Må jeg arbejde hjemme hver fredag?": whether it is allowed
        r"^er\s+der\s+(?:nu\s+)?kommet\b|^has\s+there\s+(?:now\s+)?been\b|"  # "Er der kommet udvidet ret …?"
        r"^er\s+der\s+(?:nu\s+)?(?:blevet\s+)?indført\b|"  # "Er der indført fuldt ansættelsesstop i 2026?"
        r"^(?:førte|gav|medførte)\b|"  # "Førte henvendelsen til flere fraværsdage?"
        # "Hvad blev den udvidede ret til barns sygedage efter de seneste forhandlinger?": what came of it since
        r"^hvad\s+blev\b[^?]*\befter\s+(?:de[nt]?\s+)?(?:seneste|sidste)\b|"
        r"^(?:har|fik)\s+(?:vi|jeg|man|forældrene)\s+(?:nu\s+|så\s+)?fået\b|"  # "Har vi fået flere barns sygedage …?"
        r"^har\s+(?:[\w-]+\s+){1,5}?(?:givet|medført|ført\s+til)\b|"  # "Har forhandlingerne givet …?"
        # "Har Folketinget udvidet retten …?"; not "Har kommunen gjort noget for at få udvidet …?"
        r"^har\s+(?:[\w-]+\s+){1,2}?udvidet\b|" + _MADE_IT.pattern + "|"
        r"^did\s+(?:[\w'-]+\s+){1,5}?(?:give|bring|lead\s+to)\b|"  # "Did the agreement give parents …?"
        r"^(?:har|havde)\s+(?:[\w-]+\s+){1,3}?lukket\b|"  # "Har (havde) rådhuset lukket nytårsaftensdag 2026?"
        r"^(?:bliver|holdes|kommer|will)\b(?=[^?]*\b(?:igen|again)\b)|"  # "Bliver AlbertslundPraktik holdt igen?"
        # "Will the town hall give us 24 December off?", "Giver rådhuset os fri juleaften?": whether it is closed
        r"^will\s+(?:[\w'-]+\s+){1,4}?(?:give|let)\s+(?:us|me|staff|employees)\b|"
        r"^giver\s+(?:[\w-]+\s+){1,3}?(?:os|mig|ansatte|medarbejderne)\s+fri\b|"
        # "Ligger den opdaterede retningslinje i Teams nu?": whether it was done since
        r"^ligger\b(?=[^?]*\b(?:nu|i\s+dag)\b)|"
        # "Bliver AlbertslundPraktik holdt i år?", "Holdes den i 2026?": whether it takes place then
        r"^(?:bliver\s+der|bliver\b[^?]*\b(?:holdt|afholdt)|holdes|afholdes)\b(?=[^?]*\b(?:i\s+år|næste\s+år|20\d\d)\b)|"
        + _STILL_RUNNING.pattern
    ),
}
# "endnu", "allerede", "yet": whether a thing has happened before the day it is expected
_YET = re.compile(r"\b(?:endnu|allerede|yet|already)\b")
# "Må jeg …", "May I …": whether a thing is allowed
_MAY = re.compile(r"\b(?:må|may)\s")
# "Er der regler for …", "Is there a rule on …": whether a rule exists, which an entry saying it does not answers.
_RULES_EXIST = re.compile(
    r"(?:er|findes)\s+der\s+(?:nogen\s+|nogle\s+)?(?:regler|retningslinjer)\b|"
    r"(?:is|are)\s+there\s+(?:any\s+)?(?:rules?|guidelines?)\b"
)
# A yes/no question about the asker's days or pay: "Har vi fri …", "Får vi løn …", "Will we get … off?".
_DATED_YES_NO = re.compile(
    r"(?:har|havde|får|fik|skal|will|do|did|shall|are|am)\s+(?:vi|jeg|man|we|i|you)\b|^is\b[^?]*\bfor\s+(?:me|us|(?:municipal\s+)?(?:staff|employees))\b|"
    r"^er\b[^?]*\bfor\s+(?:mig|os|ansatte|medarbejderne)\b|^(?:is|are|does|do|will|er|holder|lukker)\b[^?]*\b(?:closed?|open|lukket|åben|åbent)\b"
)  # "Is 31 December 2026 a day off with pay for me?", "Er 31. december 2026 en betalt fridag for ansatte …?", "Is the
# office closed on 31 December this year?"
# "31. december", "24 December", "December 31st", "the 31st of December", "juleaftensdag": a day of the month,
# which "sidste år" dates as a year would
_DAY_OF_MONTH = re.compile(
    rf"\b\d{{1,2}}(?:\.|st|nd|rd|th)?\s+(?:of\s+)?(?:{MONTH_NAMES})\b|\b(?:{MONTH_NAMES})\s+\d{{1,2}}(?:st|nd|rd|th)?\b|"
    r"\b(?:jule|nytårs)aften(?:s?dag)?\b|\b(?:christmas|new\s+year'?s)\s+eve\b"
)
# "med løn", "betalt", "with pay": a day off asked with its pay
_PAID_DAY = re.compile(r"\bmed\s+løn\b|\bbetalt\w*|\blønnet\b|\bwith\s+pay\b|\bpaid\b")
# The words by which an entry says what its source leaves out: "Referatet nævner ikke beløb", "Kilderne siger
# ikke, hvem der blev ansat", "oplyser ikke sted eller klokkeslæt". Each clause up to ", eller", ";" or the full
# stop.
_UNTOLD_VERB = r"\b(?:nævner|oplyser|angiver|siger|gengiver)\s+ikke\b,?\s*"
_UNTOLD = re.compile(_UNTOLD_VERB + r"([^.;]*)")
# Clauses of one gap sentence: ", eller …", and a second verb, "gengiver ikke indholdet og nævner ikke, hvor ofte".
# A comma before a question word starts one too: "hvor udviklingsdagen blev holdt, hvad der skete på dagen".
_CLAUSE = re.compile(r",\s+eller\s+|,\s+(?=(?:hvad|hvem|hvor|hvornår|hvordan|hvilke[nt]?)\s)|\s+og\s+" + _UNTOLD_VERB)
_GAP_WORDS = (
    ("amount", re.compile(r"\b(?:beløb\w*|antal\w*|tal(?:let|lene)?|hvor\s+(?:mange|meget))\b")),
    ("person", re.compile(r"\b(?:hvem|(?<!\baf\s)medlemmer)\b")),  # "antallet af medlemmer" is a number
    ("name", re.compile(r"\bnavn\w*\b")),
    ("time", re.compile(r"\b(?:hvornår|dato\w*|frist\w*)\b")),
    ("clock", re.compile(r"\b(?:tidspunkt\w*|klokkeslæt)\b")),
    ("place", re.compile(r"\b(?:hvor|sted\w*)\b")),
    ("way", re.compile(r"\bhvordan\b")),
    ("often", re.compile(r"\bhvor\s+(?:ofte|tit)\b")),
    # "hvor meget transporttid" is a length of time, as "hvor lang transporttid" is
    ("duration", re.compile(r"\b(?:hvor\s+(?:lang|langt|lange|længe)|varighed\w*|længde\w*|hvor\s+meget\s+\w*tid)\b")),
    ("outcome", re.compile(r"\b(?:resultat\w*|udfald\w*|hvad\s+der\s+(?:kom|blev|skete)|hvad\s+[\w-]+\s+viste)\b")),
    ("content", re.compile(r"\bindhold\w*\b")),
    ("contact", re.compile(r"\b(?:telefonn\w*|e-?mail\w*)\b")),
    ("condition", re.compile(r"\b(?:betingelse\w*|vilkår\w*)\b")),
    ("right", re.compile(r"\bret\s+til\b")),
    ("which", re.compile(r"\bhvilke[nt]?\b")),
    ("whether", re.compile(r"^om\b")),
)
_LIST_SEPARATOR = r",\s*|\s+(?:eller|og)\s+"  # between the things a gap lists: "udvidelsesforslagene, puljerne eller …"
# "beløb for budgetkataloget", "antal stillinger ved centraliseringen": the thing a counted gap names, or the
# things it lists, "beløb for anbringelser, specialskoler eller de andre områder"
_COUNTED_THING = re.compile(rf"(?:\w+\s+){{1,3}}?(?:af|for|på|ved)\s+(\w+(?:(?:{_LIST_SEPARATOR})\w+)*)")
_LIST_ITEM = re.compile(_LIST_SEPARATOR)
# A gap of these is about the thing it names ("beløbet for 2027", "resultatet af mini-APV'en", "indholdet af
# stress-retningslinjen"), or, naming none, about every question that asks for one ("telefonnumrene").
_COUNTED = ("amount", "outcome", "content", "contact")
# "30. november" does not end the sentence; "… i 2024. ØS har …" does.
_ORDINAL_DOT = re.compile(r"(\d)\.(?=\s+[a-zæøå\d])")
# The parts of a sentence that can each tell of one of a series: "den første blev holdt …, den anden …"
_PART = re.compile(r"[,:;]\s+|\.\s+")
_MONEY_GAP = re.compile(r"\s*beløb", re.IGNORECASE)  # a gap of money: "beløb for budgetkataloget"
_SHORT_CLAUSE = 60  # a gap said in few words is told as it stands: "resultatet af budget 2025"
_GAP_LEAD = 3  # the word that says what is missing comes first: "ved navn, hvem der …", "mere om, hvordan …"


def asks_final(question: str) -> bool:
    """True when the question asks what a plan came to in the end: minutes written before cannot tell it."""
    return _ENDED.search(question.lower()) is not None


def asks_happened(question: str) -> bool:
    """True when the question asks whether a thing has happened ("Er 4-dages uge nu indført …?", "Blev …?")."""
    return _HAPPENED.match(question.lower()) is not None


def asks_since(question: str) -> bool:
    """True when the question asks whether a thing happened in the end: "Blev forslaget vedtaget?", not what a
    meeting it names did ("blev det godkendt på mødet i juni 2025?") nor what was proposed ("Blev … foreslået?")."""
    lowered = question.lower()
    return asks_happened(lowered) and not _names_meeting(lowered) and not _PROPOSED.search(lowered)


def _names_meeting(lowered: str) -> bool:
    """True when the question names a meeting or a month, whose minutes tell what it did."""
    return _MEETING.search(lowered) is not None or months_named(lowered) is not None


def untold(question: Question, entry: Entry, at: date) -> str:
    """What the question asks for when the entry itself says its source does not give it, else "".

    An entry about the savings plan that says "Referatet nævner ikke beløb" must not answer "hvor mange mio
    skal der spares?" with the rest of its text, nor one that says "Kilderne siger ikke, hvem der blev ansat
    som afdelingschef" the question who the new head is. A gap of a name, a time, a place or a way counts for
    a question that asks for that and names the gap's thing ("afdelingschef"); an amount's, an outcome's
    ("resultatet af mini-APV'en") and a content's ("gengiver ikke indholdet af stress-retningslinjen") count for
    every question asking for one, unless the gap names its thing ("antallet af sygedage") or year ("beløbet
    for 2027") and the question does not.
    Editors state such gaps in the answer; no code is needed. Once an event has taken place on `at`, the gaps
    are read from `answer_after`, the answer then given: "siger ikke, hvornår der er næste afdelingsmøde".
    """
    lowered = question.text.lower()
    if _RULES_EXIST.match(lowered):
        return ""  # "Er der regler for, hvor lang transporttid …?" is answered by "the rules say nothing precise"
    asked = {kind: m.group(0) for kind, pattern in _ASKED_FOR.items() if (m := pattern.search(lowered))}
    if "person" in asked and re.match(r"(?:hvem|who)\b", lowered):
        asked.pop("outcome", None)  # "Hvem har adgang til resultaterne …?" asks who, not the results
    if "amount" in asked and (since := TIME_FROM_TODAY.search(lowered)):
        asked.pop("amount")  # "Hvor mange år er det siden … vedtog …?" asks when, not how many of a thing
        asked.setdefault("time", since.group(0))
    if "duration" in asked and TIME_FROM_TODAY.search(lowered):
        asked.pop("duration")  # "Hvor lang tid er det siden …?" counts from today, not how long a thing lasts
    if "duration" in asked and _IN_USE_SINCE.search(lowered):
        asked.pop("duration")  # "Hvor længe har konceptet været i brug?" asks since when, not how long a talk lasts
        asked.setdefault("time", lowered)
    if "amount" in asked and asked.get("content", "").startswith("indehold"):
        asked.pop("content")  # "Hvor mange spørgsmål indeholder værktøjet?" asks how many, not what they say
    yes_no = _DATED_YES_NO.match(lowered)
    dated = yes_no is not None and (
        day_named(lowered) is not None
        or (question.day is not None and _PAID_DAY.search(lowered) is not None)
        or (
            _DAY_OF_MONTH.search(lowered) is not None
            and (relative_year(lowered, at) is not None or YEAR.search(lowered) is not None)
        )
    )  # "… 24. december 2026?", "fri med løn den 24. december i år?", whose pay the final decision sets, and
    # "Havde vi fri den 31. december sidste år?", "Har vi fri juleaften 2026?"
    # "Hvad blev resultatet af temadrøftelsen?" asks what came of it in the end, "… på mødet i juni 2025?" what
    # that meeting did; "blev forslaget godkendt?" is answered by "udsat"
    names_meeting = _names_meeting(lowered)
    result = "outcome" in asked and not asked["outcome"].startswith(("blev", "was", "were")) and not names_meeting
    if dated:  # "Har vi fri 31. december 2026?" asks whether it holds on that day: what was finally decided
        asked.setdefault("whether", yes_no.group(0) if yes_no else lowered)
    # "Blev målingerne lavet samlet?" asks what finally happened; "blev det godkendt på mødet i juni 2025?" what
    # that meeting did, which its minutes tell, and "blev centraliseringen foreslået?" what was proposed
    happened = asks_since(lowered)
    # "Hvilke tommelfingerregler blev vedtaget i efteråret 2022?" asks what was adopted in the end, unless it
    # names the meeting whose minutes tell it: a season is when the plan meant it to happen
    adopted = _WHICH_ADOPTED.match(lowered) is not None and _MEETING.search(lowered) is None
    # "Skal målingerne laves samlet eller opdelt – hvad blev besluttet?" asks what was decided in the end,
    # "hvad blev besluttet på mødet i juni 2025?" what that meeting did
    if (decided := _WHAT_DECIDED.search(lowered)) and not names_meeting:
        adopted = True
        asked.setdefault("whether", decided.group(0))
    got = _GOT_SINCE.search(lowered) is not None and not names_meeting
    if got:
        adopted = True
        asked.setdefault("whether", lowered)
    if not asked:
        return ""
    # "næste år" is the year after `at`, as the day asked about tells; "i år" is the year of `at`
    year = period_of(question.text).year or (question.day.year if question.day is not None else None)
    year = year or (at.year if THIS_YEAR.search(lowered) else None)
    said = {term(part) for w in words(question.text) for part in (w, *w.split("-"))}  # "stress-retningslinjen"
    said |= {
        t for u in question.query.units for alternative, _ in u.alternatives for t in alternative
    }  # "budgetforlig"
    asked_words = tuple(w for w in words(question.text) if len(w) >= _HEAD_MIN)
    told = entry.answer_on(at)
    for sentence in _UNTOLD.finditer(_ORDINAL_DOT.sub(r"\1", told)):
        for clause in _CLAUSE.split(sentence.group(1)):
            kinds = _gap_kinds(clause)
            kind = next((k for k in kinds if k in asked), None)
            final = _FINAL.search(lowered) or dated or (happened and kind == "whether") or adopted
            if kind is None or (_FINAL.search(clause) and not final):
                continue  # what was finally decided is no gap of what was proposed
            if kind == "whether" and _MAY.match(asked[kind]) and not _MAY.search(clause):
                continue  # "Må jeg arbejde hjemme …?" asks what is allowed, which only "om man må …" leaves open
            if kind == "whether" and _YET.search(lowered) and _expected_later(entry, clause, at):
                continue  # "Er de allerede lagt sammen?" before the year the entry expects it: not yet, as it tells
            years = {int(y) for y in YEAR.findall(clause)}
            after = _after_day(clause, years)  # "efter 30. november 2024"
            later = after is not None and year is not None and year > after.year  # "i 2026", "efter … 2025"
            if kind == "person" and after is not None and not later and _after_told_event(lowered, told):
                continue
            other_year = (years and year not in years and not later) or _other_side(lowered, clause, after)
            # "om der er ansættelsesstop efter 2025" is no gap of "opbremsningsplanen fra 2025"
            other_year = other_year or (year is not None and not later and AFTER_YEAR.search(clause) is not None)
            if (other_year and not _ended_before(lowered, after, at)) or _other_ordinal(question, clause, told):
                continue
            if (next_one := _NEXT_ONE.search(clause.lower())) and not (
                _asks_next(next_one.group(0), lowered) or _after_its_year(year, entry.title)
            ):
                continue
            if _STILL_RUNNING.match(lowered) and _AGAIN.search(clause) and not _AGAIN.search(lowered):
                continue  # "Kører forsøget stadig?" is answered by "lukkes ned", not by whether it started again
            if _LATER_ONE.search(clause.lower()) and not (
                _ASKS_LATER.search(lowered) or _FINAL.search(lowered) or result or got or asks_now(lowered)
            ):  # "Har plejeboligområdet i dag fået …?" asks what came of it since
                continue
            if kind in _COUNTED:
                if _MONEY_GAP.match(clause) and asks_count(question.text):
                    continue  # "nævner ikke beløb for ØS' forslag" leaves "hvor mange forslag har ØS?" told
                counted = _COUNTED_THING.match(clause)
                listed = words(counted.group(1)) if counted else []  # "MED-aftalen" is said as "med-aftalen"
                things = keep_content(listed) or listed[:1]  # "eller", "og" and "de" are no things
                same_after = _same_after(clause, lowered)
                if (
                    things
                    and not YEAR.fullmatch(things[0])
                    and not any(_thing_said(t, said, asked_words) for t in things)
                    and not same_after
                ):
                    continue
                if any(_figure_given_to(t, lowered, told) for t in things):
                    continue
                if len(clause) <= _SHORT_CLAUSE:
                    return _told(clause, told)
                asked_things = [t for t in things if _thing_said(t, said, asked_words)]
                if counted and asked_things:
                    return _one_of(clause, counted, asked_things[0])
                return _told(clause, told) if same_after else kinds[kind]
            if kind == "which" and not _same_kind(question, clause):
                continue
            if kind == "which" and ((final and _ADOPTED_GAP.search(clause)) or _others_asked(lowered, clause)):
                return _told(clause, told)  # "Hvilke af de 6 forslag blev endeligt vedtaget?": which were adopted

            part = next((p for p in _PARTS.split(lowered) if asked[kind] in p), lowered)
            if _names_the_gap(question.query, clause, asked[kind], subject=entry.title) or (
                part != lowered and _names_the_gap(question.query, clause, asked[kind], part)
            ):
                return _told(clause, told)
    return ""


def _expected_later(entry: Entry, clause: str, at: date) -> bool:
    """True when the entry dates what a gap leaves open to a year after `at`: "om Humlehusene siden er lagt
    sammen" beside the milestone "Humlehusene ventes lagt sammen" in 2028."""
    gap = _terms_in(clause).keys()
    return any(m.day.year > at.year and gap & _terms_in(m.what).keys() for m in entry.milestones)


# "Hvor længe har konceptet været i brug?", "How long has it been in use?": since when, counted from today
_IN_USE_SINCE = re.compile(r"\bhvor\s+længe\s+har\b[^?]*\bværet\b|\bhow\s+long\s+has\b[^?]*\bbeen\b")


def _after_its_year(year: int | None, title: str) -> bool:
    """True when the question asks about a year after the one its entry is titled with: "When is the MED
    conference this year?", asked in 2026 of "MED-konference 2025", asks for a new one."""
    titled = [int(y) for y in YEAR.findall(title)]
    return year is not None and bool(titled) and year > max(titled)


_HEAD_MIN = 4  # a question's word this long can be the head of a gap's compound: "dage" of "sygedage"


def _thing_said(thing: str, said: set[str], asked_words: tuple[str, ...]) -> bool:
    """True when the question names a gap's thing, or its head: "sygefraværet … i dage?" asks what "nævner ikke
    antallet af sygedage" leaves out, for a sygedag is a dag."""
    return term(thing) in said or thing.lower().endswith(asked_words)


# "efter prøveåret", "efter sammenlægningen": a word a gap comes after, not a year ("efter 2024")
_AFTER_WORD = re.compile(r"\b(?:efter|after)\s+(?!20\d\d\b)([\w-]+)")


def _same_after(clause: str, question: str) -> bool:
    """True when the gap and the question both say what they come after: "resultatet af KommuneMEDs samlede
    evaluering … efter prøveåret" is what "Hvad blev evalueringen … efter prøveåret?" asks, whoever made it."""
    after = _AFTER_WORD.search(clause.lower())
    return after is not None and re.search(rf"\b(?:efter|after)\s+{re.escape(after.group(1))}\b", question) is not None


def _figure_given_to(thing: str, question: str, text: str) -> bool:
    """True when the question asks what goes "til <thing>" and the answer gives a figure going there.

    "3 analyser, som samlet skal give forslag for 2,5 mio. kr. til budgetkataloget" tells "hvor meget skal
    analyserne give til budgetkataloget?", though "nævner ikke beløb for budgetkataloget som helhed" stands
    for the catalogue's own amount.
    """
    given = f"til {thing}"
    if given not in question:
        return False
    return any(given in s.lower() and states_amount(s) and not _UNTOLD.search(s) for s in _SENTENCE_END.split(text))


def _one_of(clause: str, counted: re.Match[str], thing: str) -> str:
    """A long gap of several things told as the one asked about, "beløb for forslag fra ØS", not the whole list."""
    items = _LIST_ITEM.split(clause[counted.start(1) :].strip())
    item = next((i for i in items if i.lower().startswith(thing)), thing)
    return f"{clause[: counted.start(1)].strip()} {item}"


def _told(clause: str, text: str) -> str:
    """A gap's clause as the answer `text` says it: the ordinals' dots put back ("30. november 2024", "barns 3.
    sygedag"), and "om" said as "hvorvidt" so that "ved ikke noget om »hvorvidt …«" reads."""
    clause = clause.strip(" ,")
    said = re.search(re.sub(r"(\d)\\ ", r"\1\\.?\\ ", re.escape(clause)), text)
    return _WHETHER.sub("hvorvidt ", said.group(0) if said else clause)


_WHETHER = re.compile(r"^om\s+")


# "Hvem er AMR i Staben?", "hvem bliver den nye myndighedsleder?", "who is the chair of …": a question for the
# person who holds a post, told by the word after the question words.
_WHO_HOLDS = re.compile(
    r"\b(?:hvem\s+(?:er|var|bliver|blev)(?:\s+blevet)?|who\s+(?:is|are|was|were|will\s+be|ha(?:s|ve)\s+been)"
    r"|hvem\s+fik|who\s+got)"
    r"(?:\s+(?:nu|currently|now))?"  # "Who is currently the head of …?"
    # "hvem blev ansat som …", "who got the job as …"
    r"(?:\s+(?:ansat|udpeget|valgt|hired|appointed|employed|elected|jobbet|stillingen|the\s+job|the\s+post)"
    r"(?:\s+(?:som|as))?)?"  # "who was appointed head of …"
    r"\s+(?:den\s+|det\s+|de\s+|the\s+|an?\s+)?(?:nye?\s+|new\s+|nuværende\s+|current\s+|present\s+)?"
    # "who are the employee representatives" asks for representatives, "who is vice chair" for one post
    r"(?:employee\s+|staff\s+)?(vice\s+chair|[^\W\d_][\w-]*)"
    r"|\bwho\s+(chairs)\b"  # "Who chairs KommuneMED?" asks for the chair
)
# The endings of a post's name ("områdeleder", "forperson", "arbejdsmiljørepræsentant") and the short ones.
_POST_ENDINGS = ("leder", "chef", "person", "repræsentant", "formand", "direktør", "konsulent", "sekretær", "tekniker")
_POSTS = {"amr": "amr", "tr": "tr", "chair": "forperson", "chairman": "forperson", "chairperson": "forperson"}
_POSTS |= {
    "chairs": "forperson",
    "deputy": "næstforperson",
    "vice-chair": "næstforperson",
    "vice chair": "næstforperson",
}
_POSTS |= {"manager": "leder", "head": "leder", "representative": "repræsentant", "representatives": "repræsentant"}
_POSTS |= {"amrs": "amr"}
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+")  # a post and its holder's name are told in one sentence


# "Ved en omorganisering pr. 1. august 2025 omdøbes …", "bl.a.": an abbreviation's full stop ends no sentence
_ABBREVIATION_DOT = re.compile(r"\b(pr|ca|jf|nr|kl|fx|evt|inkl|bl\.a|f\.eks|m\.v)\.")


def _sentences(text: str) -> list[str]:
    """The sentences of an answer, "30. november 2024" and "pr. 1. august" kept whole: who holds a post, or a
    figure, is told in one."""
    return _SENTENCE_END.split(_ABBREVIATION_DOT.sub(r"\1", _ORDINAL_DOT.sub(r"\1", text)))


# "2025", "juni 2025", "24 december", "i indeværende valgperiode": words that say when, neither where nor what
_DATE_WORDS = re.compile(
    r"(?:\d+\s+)?(?:\d+|" + "|".join(m.lower() for m in MONTHS) + r")(?:\s+\d+)?|"
    r"indeværende|nuværende|(?:valg)?perioden?"
)
# a post as a refusal names it
_SAID_AS = {"chairs": "chair", "deputy": "deputy chair", "amrs": "AMRs"}
_SAID_AS |= {"representative": "employee representative", "representatives": "employee representatives"}


# A word and the capitalised names right after it: "leder HR & Løn", "afdelingschef for Økonomi & Stab Marie
# Aasøe". After a post, they name that post's unit or holder.
_ATTACHED = re.compile(r"(\w[\w-]*)(?:\s+(?:af|for|i))?(?:\s+(?:&\s+)?[A-ZÆØÅ][\w-]*)+")


# "medarbejderrepræsentanter(ne)", "lederne", "teknikere": a post asked about in the plural.
_PLURAL_ENDINGS = ("erne", "er", "ne", "e")


def _post_asked(match: re.Match[str]) -> str:
    """The post a `_WHO_HOLDS` match asks about: the word after "hvem er", or "chairs" in "who chairs"."""
    return match.group(1) or match.group(2)


def _is_post(word: str) -> bool:
    """True for the name of a post: "amr", "chair", or a word ending like one ("afdelingschef", "forpersonen")."""
    return word in _POSTS or word.endswith(_POST_ENDINGS) or word.removesuffix("en").endswith(_POST_ENDINGS)


def unnamed_holder(kb: KnowledgeBase, question: Question, text: str, heading: str = "") -> str:
    """What the question asks for when it asks who holds a post and `text` names no one beside that post.

    "Hvem er AMR i Staben i ÆSS?" is not answered by the entry about the staff unit's move, nor by a paragraph,
    however well they cover the words: they tell of the AMR without a name. A post is a word ending like one
    ("-leder", "-repræsentant", "-person", "-tekniker") right after "hvem er", "hvem er blevet ansat som" or
    "who is"; a name is a word the sources write as a person's name, in a sentence that names the post or a
    synonym of it; and the unit the question names after the post ("i Kultur, Fritid & Ejendomme") must be named
    beside a name too (in that sentence or another, though not after another post: "Andreas Bang har nu
    skoleområdet", not "… står som afdelingschef for Miljø & Teknik"), unless the
    `heading` (an entry's title) names it and no other post: an AMR of another department is no answer, nor
    KommuneMED's AMRs under a title about the leader of Børnehaven Søndergaard.
    """
    lowered = question.text.lower()
    match = _WHO_HOLDS.search(lowered)
    if match is None:
        return ""
    post = _post_asked(match)
    plural = not _is_post(post)
    if plural and not any(post.removesuffix(end).endswith(_POST_ENDINGS) for end in _PLURAL_ENDINGS):
        return ""
    translated = (_POSTS[post],) if post in _POSTS else kb.synonyms.english_table.get((post,), (post,))
    own = term(translated[0])
    read = [u for u in question.query.units if u.text in (post, translated[0])]  # "nætsforperson" is a typo
    posts = {own, term(post.rsplit("-", 1)[-1])}  # "it-tekniker" is said as "tekniker"
    posts |= {t[0] for u in read for t, _ in u.alternatives[: len(u.alternatives) - u.guesses] if len(t) == 1}
    posts |= {p[0] for o in tuple(posts) for p in kb.synonyms.alternatives((o,)) if len(p) == 1}
    after = set(words(_PARTS.split(lowered[match.end() :])[0]))  # "…, og hvor mange …?" asks another thing
    where = [
        u
        for u in question.query.units
        if not u.weak
        and u not in read
        and set(u.text.split()) <= after
        and not _DATE_WORDS.fullmatch(u.text)
        and not _MEETING.fullmatch(u.text)
    ]  # "i juni 2025" says when the post was held, not where, and "på mødet", "ifølge referatet" where it is told
    title = words(heading)
    held = any(_holds(w, posts, (post, translated[0])) for w in title)
    if held or not any(map(_is_post, title)):  # a title about another post names its unit for that post only
        where = [u for u in where if u.credit(_terms_of(kb, title), sure=True) == 0]
    named_holder = named_in_unit = False
    for sentence in _sentences(text):
        said = words(sentence)
        if not any(w in kb.index.person_names for w in said):
            continue
        holds = [_holds(w, posts, (post, translated[0])) for w in said]
        named_holder |= plural or any(holds)  # "Hvem er medarbejderrepræsentanterne?" asks for a list of names
        if not any(holds):  # "… står som afdelingschef for Miljø & Teknik": what follows another post is its own
            said = said[: next((i for i, w in enumerate(said) if _is_post(w)), len(said))]
        else:  # "AMR Mette Kraiberg Larsen …, Maria Schwartz Sauer (leder HR & Løn)": HR & Løn is the leder's
            said = words(_ATTACHED.sub(lambda m: _unattached(m, posts, (post, translated[0])), sentence))
        named_in_unit |= all(u.credit(_terms_of(kb, said), sure=True) > 0 for u in where)
        if named_holder and named_in_unit:
            return ""
    if question.language == "en":
        named = _SAID_AS.get(post, post)
        return f"who the {named} {'are' if named.endswith('s') else 'is'}"
    return f"hvem der er {post}"


def _unattached(match: re.Match[str], posts: set[str], names: tuple[str, ...]) -> str:
    """The `_ATTACHED` match without the unit it names, when that unit goes with another post than the asked."""
    post = match.group(1)
    return match.group(0) if not _is_post(post.lower()) or _holds(post.lower(), posts, names) else post


def ended_before_now(question: Question, entry: Entry, at: date) -> str:
    """What the question asks for when it asks how things stand today and the entry's fact ended before `at`
    with nothing after it, else "".

    "Hvad laver Mette Holck nu?" is not answered by her post until 30 November 2024: the sources cannot tell
    what she does today. A question naming no day of its own asks about today only when it says so ("nu").
    """
    if entry.valid_to is None or entry.valid_to >= at or entry.superseded_by is not None:
        return ""
    if question.day is not None or not asks_now(question.text):
        return ""
    if question.language == "en":
        return f"what holds after {english_date(entry.valid_to)}"
    return f"hvad der gælder efter {danish_date(entry.valid_to)}"


def future_holder(question: Question, entry: Entry, at: date) -> str:
    """What the question asks for when it asks who holds a post in a later year than `at`, else "".

    "Hvem er kommunaldirektør næste år?" is not answered by who held the post at the meeting of June 2025: the
    sources cannot tell who will, unless the entry is valid through the day asked about.
    """
    lowered = question.text.lower()
    match = _WHO_HOLDS.search(lowered)
    day = question.day
    if match is None or not _is_post(_post_asked(match)) or day is None or day.year <= at.year:
        return ""
    if min(int(y) for y in YEAR.findall(lowered) or [day.year]) <= at.year:
        return ""  # "i valgperioden 2025-2027", "1. juni 2025 til 31. maj 2027" began by now: the entry tells it
    if entry.valid_to is not None and entry.valid_to >= day:
        return ""
    post = _post_asked(match)
    return f"who the {post} is in {day.year}" if question.language == "en" else f"hvem der er {post} i {day.year}"


def unknown_span(kb: KnowledgeBase, question: Question) -> str:
    """The span of years the question names when no entry names it, else "".

    "Hvad står der i Plan MED for 2026-2027?" is not answered by an entry that happens to be valid in 2027: the
    knowledge has Plan MED 2024-2025 and the election period 2025-2027, and no text names 2026-2027.
    """
    unknown = [s for s in year_spans(question.text) if s not in kb.index.year_spans]
    if not unknown:
        return ""
    return f"the period {unknown[0]}" if question.language == "en" else f"perioden {unknown[0]}"


def _holds(word: str, posts: set[str], names: tuple[str, ...]) -> bool:
    """True when `word` names the asked post: its term, a compound ending in it ("personaleleder" is a leder)."""
    said = term(word)
    return said in posts or any(said.endswith(p) for p in posts if len(p) > 3) or word.endswith(names)


# "min egen arbejdsplads", "vores afdeling", "my team", "min leder": the asker's own unit, whose figures no
# source gives.
_OWN_UNIT = re.compile(
    r"\b(?:min|mit|vores|my|our)\s+(?:egen\s+|eget\s+|own\s+)?"
    r"(?:arbejdsplads|afdeling|enhed|team|institution|leder|chef|workplace|department|unit|manager|\w*indeks|mti)\w*"
)
# A figure, or a measure only figures tell: "hvad er sygefraværet i min enhed?" asks for the unit's own numbers.
_FIGURE = re.compile(
    r"måltal|\bresultat\w*|\btal(?:let|lene)?\b|\bantal|\bprocent|\bgennemsnit|\btargets?\b|\bfigures?\b|\brates?\b|\bmti|\bscores?\b|"
    r"indeks\w*|\bindex\b|"  # "medarbejdertilfredshedsindekset for min enhed"
    r"\b(?:syge)?fravær\w*|\b(?:sickness\s+)?absence\b"
)
_VALUE_ASKED = re.compile(
    r"\bhvad\s+(?:er|var|bliver|blev|fik|får)\b|\bhvilke[nt]?\b|\bwhat\s+(?:is|was|are|were)\b|\bwhich\b"
)


# "Hvad viste opgørelsen?", "What did the statement show?": how a figure is reported, no unit it is told for
_REPORTING = frozenset({"viser", "viste", "vise"})
# "faldt med 1,0 dag", "steg med 1,6 dag": a figure's change; "fra 14,4 til 15,5 dage" tells the level as well.
_CHANGE_TOLD = re.compile(r"\b(?:faldt|faldet|steg|steget|stigning\w*|fald)\b")
# "steg fra 14,4 til 15,5 dage": a level; "fra 4. kvartal 2024 til 1. kvartal 2025" names periods, no level
_LEVEL_TOLD = re.compile(r"\btil\s+(?!20\d\d\b)\d+(?:,\d+)?\b(?!\s+kvartal\b)")
# "niveauet, ikke ændringen", "the level, not the change": what the question does not ask
_NOT_ASKED = re.compile(r"\b(?:ikke|not)\s+(?:selve\s+|the\s+)?\w+")
_CHANGE_ASKED = re.compile(
    # "Er sygefraværet gået op eller ned …, og med hvor meget?", "By how much did sickness absence go up?"
    r"\b(?:gået|gik|går)\s+(?:op|ned)\b|\bop\s+eller\s+ned\b|\b(?:go|goes|went|gone)\s+(?:up|down)\b|"
    r"\b(?:fald\w*|steg\w*|stigning\w*|ændr\w*|udvikl\w*|forskel\w*|mere|mindre|lavere|højere|changed?|changes|"
    r"fall\w*|fell|rise|rises|rising|rose|risen|grow\w*|grew|increase\w*|decrease\w*|drop\w*|higher|lower|develop\w*)\b"
)


def change_only(question: Question, text: str) -> str:
    """What the question asks for when it asks a figure for a unit and `text` tells only how much it changed there.

    "Hvad er sygefraværet i Kultur, Fritid & Ejendomme i antal dage?" is not answered by "faldt med 1,0 dag i
    Kultur, Fritid & Ejendomme": every sentence naming the unit the fewest sentences name tells a change and no
    level. "Hvor meget faldt det …?" asks the change, which they tell.
    """
    lowered = question.text.lower()
    if AMOUNT_ASKED.search(lowered) is None or _CHANGE_ASKED.search(_NOT_ASKED.sub(" ", lowered)):
        return ""
    told = _sentences(text)
    sentences = [_terms_in(sentence) for sentence in told]
    naming = [
        [i for i, terms in enumerate(sentences) if u.credit(terms, sure=True) > 0]
        for u in question.query.units
        if not u.weak and not YEAR.fullmatch(u.text) and u.text not in _REPORTING
    ]
    naming = [found for found in naming if found]
    if not naming:
        return ""
    rarest = min(naming, key=len)
    if not all(_CHANGE_TOLD.search(told[i].lower()) and not _LEVEL_TOLD.search(told[i]) for i in rarest):
        return ""
    if question.language == "en":
        return "the figure itself; the source only says how much it fell or rose"
    return "selve tallet; kilden nævner kun, hvor meget det faldt eller steg"


# "syg i ferien", "syg under min ferie", "sick during my holiday": falling ill within time off
_ILL_DURING_LEAVE = re.compile(
    r"\b(?:syg\w*|sygdom\w*|ill|sick)\s+(?:i|under|på|during|on|while\s+on)\s+(?:min\s+|mine\s+|my\s+|the\s+)?"
    r"(?:ferie\w*|holiday\w*|vacation\w*)"
)


def ill_during_leave(question: Question, text: str) -> str:
    """The question's words for falling ill on holiday when `text` never speaks of that, else "".

    "Får jeg mine feriedage igen, hvis jeg bliver syg i ferien?" shares "syg" and "ferie" with the rule for a
    sick child ("… bruge ferie-, fleks- eller omsorgsdage"), but what happens to a holiday one falls ill in is
    another rule, which no source gives.
    """
    asked = _ILL_DURING_LEAVE.search(question.text.lower())
    if asked is None or _ILL_DURING_LEAVE.search(text.lower()):
        return ""
    return asked.group(0)


# "bilag K", "annex 2": a label names one annex, which a text about another annex or none does not tell
_ANNEX = re.compile(r"\b(?:[Bb]ilag|[Aa]nnex|[Aa]ppendix)\s+([A-ZÆØÅ]|\d{1,2})\b")  # "bilag i MED-aftalen" names none


def unnamed_annex(question: Question, text: str) -> str:
    """The annex the question names ("bilag K") when `text` does not name it ("bilag C og K" does), else "".

    "Hvad står der i bilag K i MED-aftalen?" is not answered by an entry about a meeting's slides "som bilag".
    """
    named = _ANNEX.search(question.text)
    if named is None:
        return ""
    label = named.group(1).lower()
    listed = rf"\b(?:bilag|annex|appendix)\s+(?:(?:[a-zæøå]|\d{{1,2}})\s*(?:,|og|and)\s*)*{label}\b"
    return "" if re.search(listed, text.lower()) else named.group(0)


def own_unit_figure(question: Question) -> str:
    """What the question asks for when it asks the value of a figure of the asker's own workplace, else "".

    "Hvad er måltallet for min egen arbejdsplads?" is not answered by the rule that workplaces set targets: the
    minutes give figures for the municipality and its departments, never for the asker's own workplace, which
    the bot cannot tell; the figure is in the workplace's own reports, from its leader.
    """
    lowered = question.text.lower()
    value = AMOUNT_ASKED.search(lowered) or (_VALUE_ASKED.search(lowered) and _FIGURE.search(lowered))
    if _OWN_UNIT.search(lowered) is None or not value:
        return ""
    return "your own workplace's figures" if question.language == "en" else "tallene for din egen arbejdsplads"


# "på KommuneMED-mødet", "ØSMED mødet", "the meeting", "referatet": a question about one meeting. Not "fremmøde".
_MEETING = re.compile(r"\b(?:møde|mødet|møder|meeting|referat|referatet|minutes)\b")
_MINUTES = re.compile(r"\b(?:referat\w*|minutes)\b")


def other_meeting(kb: KnowledgeBase, question: Question, documents: Sequence[str], text: str) -> str:
    """The meeting the question asks about when `documents` are the minutes of other meetings, else "".

    "Hvad blev besluttet på KommuneMEDs møde i september 2025?" is not answered by the minutes of 25 June 2025,
    however well the words match: a meeting named by its day, month or season (with its year) is answered only
    from minutes of a meeting held then. Each source's day is the `date` its sidecar file gives. Minutes tell
    of the minutes of the meeting before, though: "Er referatet fra mødet 30. april 2025 godkendt?" is answered
    by a `text` that names that day, and so is a question naming the very day the text tells of.
    """
    lowered = question.text.lower()
    span = span_named(lowered) if _MEETING.search(lowered) else None
    held = [d for name in documents if name in kb.documents and (d := kb.documents[name].date) is not None]
    if span is None or not held or any(span[0] <= day <= span[1] for day in held):
        return ""
    if (_MINUTES.search(lowered) or span[0] == span[1]) and any(span[0] <= day <= span[1] for day in days_named(text)):
        return ""  # the minutes tell of that day's meeting: "ØSMED besluttede 21. marts 2024 …"
    return meeting_named(*span, english=question.language == "en")


def _terms_of(kb: KnowledgeBase, said: list[str]) -> dict[str, float]:
    """The terms of words and of their compound parts: "plejeboligområdet" says "plejeboligerne"."""
    terms = {term(w): 1.0 for w in said}
    for w in said:
        terms |= {term(p): 1.0 for p in split_compound(w, kb.index.vocabulary) or ()}
    return terms


_AFTER = re.compile(r"\b(?:efter|fra|after|from)\b")
_WRITTEN_ON = re.compile(rf"\b{TEXT_NAMED}\s+(?:fra|from)\b")  # "ifølge referatet fra 25. juni 2025"
_OR_LATER = re.compile(r"\b(20\d\d)\s+eller\s+senere\b")
_UNTIL = re.compile(r"\b(?:frem\s+til|indtil|før|until|before)\b")


def _after_day(clause: str, years: set[int]) -> date | None:
    """The day after which a gap holds: the end of a year it follows ("efter 2024"), the day it names, or else the
    start of the last year it names, as early as it may be ("efter valgperioden 2025-2027" may begin in 2027),
    else None."""
    if (or_later := _OR_LATER.search(clause)) is not None:  # "i 2025 eller senere" holds from 1 January 2025
        return date(int(or_later.group(1)), 1, 1) - timedelta(days=1)
    if not _AFTER.search(clause):
        return None
    if (whole := AFTER_YEAR.search(clause)) is not None:  # "forlænget efter 2024" holds from 1 January 2025
        return date(int(whole.group(1)), 12, 31)
    return day_named(clause) or (date(max(years), 1, 1) if years else None)


# "efter organisationsjusteringen", "siden sammenlægningen": after an event, not a day; "efter valgperioden
# 2025-2027" names its years and "efter juni" a month.
_AFTER_EVENT = re.compile(r"\b(?:efter|siden|after|since)\s+(?:the\s+)?([^\W\d_]{6,})\b(?!\s+\d)")


def _after_told_event(question: str, told: str) -> bool:
    """True when the question asks about the time after an event the entry tells of: "Hvem er områdeleder efter
    organisationsjusteringen?" is answered by "Ved organisationsjusteringen … med Camilla Pedersen som
    områdeleder", not refused by its gap of who leads after the day of the minutes."""
    event = _AFTER_EVENT.search(question)
    if event is None or event.group(1) in MONTHS:
        return False
    return term(event.group(1)) in {term(w) for w in words(told)}


def _other_side(question: str, clause: str, after: date | None) -> bool:
    """True when the gap is about the time after a day and the question about the time until it, or the reverse:
    "nævner ikke, hvem der leder enheden efter 30. november" is no gap of who leads it until then, nor of who
    led it "i efteråret 2024", which ends that day; a gap after a period is none of a question that names the
    period without "efter"."""
    gap_after, gap_until = _AFTER.search(clause) is not None, _UNTIL.search(clause) is not None
    asked_after = _AFTER.search(_WRITTEN_ON.sub(" ", question)) is not None
    asked_until = _UNTIL.search(question) is not None
    if gap_until and asked_after and not asked_until:
        return True
    day = day_named(question)  # "i valgperioden der starter 1. juni 2027"; "efter 30. november 2024" is the day after
    if day is not None and asked_after:
        day += timedelta(days=1)
    asked = months_named(question) or ((day, day) if day is not None else None)
    if after is not None and asked is not None:
        return asked[0] <= after  # a period that begins by then is told, if only in part
    years = [int(y) for y in YEAR.findall(question)]
    if after is not None and years and not asked_after:
        return min(years) <= after.year  # "i 2026" is after "efter 25. juni 2025"; "i 2025" begins before it
    # "efter valgperioden 2025-2027" is no gap of "i valgperioden 2025-2027" ("efter beredskabsplanen" names no time)
    return gap_after and not asked_after and YEAR.search(clause) is not None and YEAR.search(question) is not None


# "Hvornår blev AlbertslundPraktik sidst holdt, set fra i dag?", "When was it last held?": the last time the
# sources tell of, whose answer says what they leave out after it; "last year" is a year
_LAST_TIME = re.compile(r"\b(?:sidst|senest)\b|\blast\b(?!\s+(?:year|month|week|quarter|spring|summer|autumn|winter))")


def _ended_before(question: str, after: date | None, at: date) -> bool:
    """True when the question asks about today and the gap is about the time after a day before `at`:
    "nævner ikke, hvem der efter 30. november 2024 leder enheden" is the gap of "hvem er leder i dag?", not of
    when a thing was last held."""
    return after is not None and after < at and asks_now(question) and not _LAST_TIME.search(question)


# "hvornår der er næste afdelingsmøde", "en ny MED-konference": a gap about the next one of something is no gap of
# the one the entry tells of ("Hvornår er MED-konferencen?"); "som ny afdelingschef" names no other one.
_NEXT_ONE = re.compile(r"\b(?:næste|kommende|next|upcoming|en\s+ny|et\s+nyt|a\s+new)\b")
_ASKS_NEXT = re.compile(r"\b(?:næste|kommende|følgende|nyt?|nye|igen|next|following|new|upcoming|another|again)\b")
_ASKS_NEW = re.compile(r"\b(?:nyt?|nye|new)\b")


def _asks_next(gap: str, question: str) -> bool:
    """True when the question asks for the next one the gap names: "næste møde" by "næste" or "igen", "en ny
    konference" also by "ny"; "ny MED-struktur" asks nothing of the next meeting."""
    said = question if _ASKS_NEW.search(gap) else _ASKS_NEW.sub(" ", question)
    return _ASKS_NEXT.search(said) is not None


# "på et senere møde": a gap about what came later, which a question asks by saying so, by asking what came of
# a postponed item ("som blev udskudt") or what was finally decided
_LATER_ONE = re.compile(r"\b(?:e[nt]\s+senere|a\s+later)\b")
# "juni", "25. juni", "den 1. oktober": a month, or a day of one
_MONTH_OR_DAY = rf"(?:(?:den\s+)?\d{{1,2}}\.?\s+)?(?:{MONTH_NAMES})\b"
_ASKS_LATER = re.compile(
    r"\b(?:senere|igen|næste|følgende|later|again|next|following|udskudt\w*|udsat\w*|postponed)\b|"
    # "er siden lagt sammen", not "har ledet … siden oktober 2024", which counts from the day the entry tells
    rf"\b(?:siden|since)\b(?!\s+{_MONTH_OR_DAY}|\s+20\d\d\b)|"
    # "… after June 2025?", "efter 25. juni", not "efter sammenlægningen"
    rf"\b(?:efter|after)\s+{_MONTH_OR_DAY}"
)


def _other_ordinal(question: Question, clause: str, told: str) -> bool:
    """True when the gap is about another one of a series: "dato for den anden temadebat" is no gap of the first,
    asked by its ordinal or by a word the entry says beside the first one only ("den første … om SOSU-området")."""
    gap = _ordinals(clause)
    if not gap:
        return False
    asked = _ordinals(question.text.lower())
    if asked:
        return not gap & asked
    parts = _PART.split(_ORDINAL_DOT.sub(r"\1", told))
    its_own = [_terms_in(p) for p in parts if _ordinals(p) & gap]
    others = [_terms_in(p) for p in parts if _ordinals(p) - gap]
    return any(
        u.credit(terms, sure=True) > 0 and not any(u.credit(own, sure=True) > 0 for own in its_own)
        for u in question.query.units
        if not u.weak
        for terms in others
    )


def _ordinals(text: str) -> set[int]:
    """The places in a series a text names: "den anden" is 2."""
    return {ORDINAL[w] for w in re.findall(r"\w+", text.lower()) if w in ORDINAL}


def _terms_in(text: str) -> dict[str, float]:
    """The terms a text says, each counted once, for `Unit.credit`."""
    return {term(w): 1.0 for w in content_words(text)}


def _gap_kinds(clause: str) -> dict[str, str]:
    """The kinds of thing a clause says are missing, told by its first words, each with the word that says it."""
    lead = " ".join(re.findall(r"\w+", clause.lower())[:_GAP_LEAD])
    found = {kind: m.group(0) for kind, pattern in _GAP_WORDS if (m := pattern.search(lead))}
    if any(k in found and found[k].startswith("hvor") for k in ("amount", "often", "duration")):
        found.pop("place", None)  # "hvor mange", "hvor længe" ask for a number or a time, not a place
    return found


_OTHERS = re.compile(r"\b(?:andre|other)\b")
# "Hvilke to områder … ud over vintervagten?", "besides the winter service": the other ones, as "andre" asks
_BESIDES = re.compile(r"\b(?:ud\s*over|besides|apart\s+from|other\s+than|in\s+addition\s+to)\b")
# "hvilke to andre områder", "which other areas": the thing comes after a count and "andre"
_WHICH = re.compile(
    r"\b(?:hvilke[nt]?|which|hvad\s+(?:er|var)\s+de(?:\s+konkrete)?)\s+(?:(?:af|of)\s+(?:de|the)\s+)?"
    r"(?:(?:to|tre|fire|fem|seks|two|three|four|five|six|\d+|andre|other)\s+)*([\w-]+)"
)
# "hvilke overenskomster eller overenskomstgrupper": more names of the thing a gap leaves out
_ALSO_NAMED = re.compile(r"(?:\s+(?:eller|og)\s+[\w-]+)+")


def _others_asked(question: str, clause: str) -> bool:
    """True when a "which" gap and the question both ask for the other ones: "Hvilke andre områder end
    vintervagten …?" is what "nævner ikke, hvilke andre områder der analyseres" leaves out."""
    gap, asked = _WHICH.search(clause.lower()), _WHICH.search(question)
    if gap is None or asked is None or not _OTHERS.search(gap.group(0)):
        return False
    return _OTHERS.search(asked.group(0)) is not None or _BESIDES.search(question) is not None


def _same_kind(question: Question, clause: str) -> bool:
    """True when a "which" gap is about the kind of thing the question asks which ones of.

    "nævner ikke, hvilke overenskomstgrupper der har betalt fri" refuses "hvilke overenskomstgrupper får fri
    grundlovsdag?", not "hvilke fridage giver overenskomsten?": the word after "hvilke" must be the same thing.
    """
    gap, asked = _WHICH.search(clause.lower()), _WHICH.search(question.text.lower())
    if gap is None or asked is None:
        return False
    if _OTHERS.search(gap.group(0)) and not _others_asked(question.text.lower(), clause):
        return False  # "hvilke andre områder" leaves out the ones named, not "hvilke områder"
    also = _ALSO_NAMED.match(clause.lower(), gap.end())
    named = [gap.group(1), *(w for w in words(also.group(0)) if w not in ("eller", "og"))] if also else [gap.group(1)]
    thing = {term(w): 1.0 for w in named}
    head = asked.group(1).split("-")[-1]  # "hvilke af de 6 ØS-forslag" asks which proposals
    heads = [u for u in question.query.units if head in u.text.split()]
    if not heads and question.language == "en" and asked.start() == 0:
        heads = list(question.query.units[:1])  # "Which collective agreements …?": read in Danish, the first thing
    return any(u.credit(thing, sure=True) > 0 for u in heads)


# "Hvornår gennemføres målingen, og blev det besluttet at opdele den?", "Hvornår er der AlbertslundPraktik næste
# gang, kan jeg melde mig til?": two questions in one; "Hvem skal jeg ringe til, hvis en borger truer mig?": the
# question and the case it is asked for
_PARTS = re.compile(
    r",\s*(?:og|and)\s+|\?\s+|;\s*|,?\s+(?:hvis|når|if)\s+|,\s+(?=(?:kan|skal|må|can|may)\s+(?:jeg|vi|man|i|we)\b)"
)


_ASKING_WORDS = 2  # "hvad tid", "hvilke overenskomstgrupper"; a longer match has the topic inside it


def _names_the_gap(query: Query, clause: str, asking: str, part: str = "", subject: str = "") -> bool:
    """True when the gap's clause says the question's rarest topic word: the gap is about what was asked.

    "Hvem er arbejdsmiljøkonsulent i ØS?" is not refused by "nævner ikke, hvem der er AMR i ØS"; a date
    can be that word: "hvem der leder enheden efter 30. november". The words that ask ("hvad tid") are no topic,
    nor is a year: it says when, and the year check of `untold` has weighed it.
    A post the question names counts as well, however rare its other words: "Hvem blev ansat som afdelingschef
    efter genopslaget?" asks what "siger ikke, hvem der blev ansat som ny afdelingschef" leaves out. So does a
    clause that names most of the question's weight: "hvordan man melder sig syg" for "… in the morning?".
    Given the `part` of a two-part question that asks ("hvornår gennemføres målingen"), only its words count.
    Words naming the entry's `subject`, its title, say which entry, not what is asked: "How do I sign up for an
    internal job swap through AlbertslundPraktik?", all of whose other words the gap names, asks what "hvordan
    man tilmelder sig" leaves out.
    """
    parts = asking.split()
    asking_words = parts if len(parts) <= _ASKING_WORDS else [parts[0], parts[-1]]  # "blev … faktisk": topic between
    topic = [u for u in query.units if not u.weak and u.text not in asking_words and not YEAR.fullmatch(u.text)]
    spaced = part.replace("-", " ")  # "med-konferencen" is the unit "med konferencen"
    topic = [u for u in topic if u.text in part or u.text in spaced] if part else topic
    if not topic:
        return False
    terms = _terms_in(clause)
    posts = [u for u in topic if _is_post(u.text)]  # "hvem blev ansat som afdelingschef … efter genopslaget?"
    if any(u.credit(terms, sure=True) > 0 for u in (max(topic, key=lambda u: u.weight), *posts)):
        return True
    titled = _terms_in(subject)
    in_title = [u for u in topic if u.credit(titled, sure=True) > 0]
    gapped = [u for u in topic if u not in in_title and u.credit(terms, sure=True) > 0]
    if subject and gapped and len(in_title) + len(gapped) == len(topic):
        return True  # the question is the entry's subject and a word only the gap says: nothing else is asked
    named = sum(u.weight for u in topic if u.credit(terms, sure=True) > 0)
    return named > sum(u.weight for u in topic) / 2  # "how do I call in sick in the morning?": most of it
