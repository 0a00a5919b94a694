"""Answer quality on the independent question sets: the bot beside two plain baselines, per bucket.

Run: python benchmarks/bench_answers.py [--set heldout|heldout2|…|heldout188|tune|tune2] [--verbose]

The held-out set (tests/data/heldout/) was written from the source documents by people who had not seen the knowledge
base; the tuning sets (tests/data/tune/, and tests/data/tune2/ written later by two more such writers, so that no set
is tuned on twice) for the developers to look at. tests/data/heldout2/ is a second held-out set by two more
independent writers: it judged the third round of answer work, and the fourth was tuned on it once.
tests/data/heldout3/ (two more such writers, 3 December 2026) judged the fourth round and is the tuning set of the
fifth; tests/data/heldout4/ (two more) judged the fifth and is the tuning set of the sixth; tests/data/heldout5/ (two
more) judged the sixth and is the tuning set of the seventh; tests/data/heldout6/ (two more) judged the seventh and
is the tuning set of the eighth; tests/data/heldout7/ (two more) judged the eighth and is the tuning set of the
ninth; tests/data/heldout8/ (two more) judged the ninth and is the tuning set of the tenth; tests/data/heldout9/ (two
more) judged the tenth and is the tuning set of the eleventh; tests/data/heldout10/ (two more) judged the eleventh
and is the tuning set of the twelfth; tests/data/heldout11/ (two more) judged the twelfth and is the tuning set of
the thirteenth; tests/data/heldout12/ (two more, 4 December 2026) judged the thirteenth and is the tuning set of the
fourteenth; tests/data/heldout13/ (two more, 4 December 2026) judged the fourteenth and is the tuning set of the
fifteenth; tests/data/heldout14/ (two more, 4 December 2026) judged the fifteenth and is the tuning set of the
sixteenth; tests/data/heldout15/ (two more, 4 December 2026) judged the sixteenth and is the tuning set of the
seventeenth; tests/data/heldout16/ (two more, 4 December 2026) judged the seventeenth and is the tuning set of the
eighteenth; tests/data/heldout17/ (two more, 4 December 2026) judged the eighteenth and is the tuning set of the
nineteenth; tests/data/heldout18/ (two more, 4 December 2026) judged the nineteenth and is the tuning set of the
twentieth; tests/data/heldout19/ (two more, 4 December 2026) judged the twentieth and is the tuning set of the
twenty-first; tests/data/heldout20/ (two more, 4 December 2026) judged the twenty-first and is the tuning set of the
twenty-second; tests/data/heldout21/ (two more, 4 December 2026) judged the twenty-second and is the tuning set of
the twenty-third; tests/data/heldout22/ (two more, 4 December 2026) judged the twenty-third and is the tuning set of
the twenty-fourth; tests/data/heldout23/ (two more, 4 December 2026) judged the twenty-fourth and is the tuning set
of the twenty-fifth; tests/data/heldout24/ (two more, 4 December 2026) judged the twenty-fifth and is the tuning set
of the twenty-sixth; tests/data/heldout25/ (two more, 4 December 2026) judged the twenty-sixth and is the tuning set
of the twenty-seventh; tests/data/heldout26/ (two more, 4 December 2026) judged the twenty-seventh and is the tuning
set of the twenty-eighth; tests/data/heldout27/ (two more, 4 December 2026) judged the twenty-eighth and is the
tuning set of the twenty-ninth; tests/data/heldout28/ (two more, 4 December 2026) judged the twenty-ninth and is the
tuning set of the thirtieth; tests/data/heldout29/ (two more, 4 December 2026) judged the thirtieth and is the tuning
set of the thirty-first; tests/data/heldout30/ (two more, 4 December 2026) judged the thirty-first and is the tuning
set of the thirty-second; tests/data/heldout31/ (two more, 4 December 2026) judged the thirty-second and is the
tuning set of the thirty-third; tests/data/heldout32/ (two more, 4 December 2026) judged the thirty-third and is the
tuning set of the thirty-fourth; tests/data/heldout33/ (two more, 4 December 2026) judged the thirty-fourth and is
the tuning set of the thirty-fifth; tests/data/heldout34/ (two more, 4 December 2026) judged the thirty-fifth and is
the tuning set of the thirty-sixth; tests/data/heldout35/ (two more, 4 December 2026) judged the thirty-sixth and is
the tuning set of the thirty-seventh; tests/data/heldout36/ (two more, 4 December 2026) judged the thirty-seventh and
is the tuning set of the thirty-eighth; tests/data/heldout37/ (two more, 4 December 2026) judged the thirty-eighth
and is the tuning set of the thirty-ninth; tests/data/heldout38/ (two more, 4 December 2026) judged the thirty-ninth
and is the tuning set of the fortieth; tests/data/heldout39/ (two more, 4 December 2026) judged the fortieth and is
the tuning set of the forty-first; tests/data/heldout40/ (two more, 4 December 2026) judged the forty-first and is
the tuning set of the forty-second; tests/data/heldout41/ (two more, 4 December 2026) judged the forty-second and is
the tuning set of the forty-third; tests/data/heldout42/ (two more, 4 December 2026) judged the forty-third and is
the tuning set of the forty-fourth; tests/data/heldout43/ (two more, 4 December 2026) judged the forty-fourth and is
the tuning set of the forty-fifth; tests/data/heldout44/ (two more, 4 December 2026) judged the forty-fifth and is
the tuning set of the forty-sixth; tests/data/heldout45/ (two more, 4 December 2026) judged the forty-sixth and is
the tuning set of the forty-seventh; tests/data/heldout46/ (two more, 4 December 2026) judged the forty-seventh and
is the tuning set of the forty-eighth; tests/data/heldout47/ (two more, 4 December 2026) judged the forty-eighth and
is the tuning set of the forty-ninth; tests/data/heldout48/ (two more, 4 December 2026) judged the forty-ninth and is
the tuning set of the fiftieth; tests/data/heldout49/ (two more, 4 December 2026) judged the fiftieth and is the
tuning set of the fifty-first; tests/data/heldout50/ (two more, 4 December 2026) judged the fifty-first and is the
tuning set of the fifty-second; tests/data/heldout51/ (two more, 4 December 2026) judged the fifty-second and is the
tuning set of the fifty-third; tests/data/heldout52/ (two more, 4 December 2026) judged the fifty-third and is the
tuning set of the fifty-fourth; tests/data/heldout53/ (two more, 4 December 2026) judged the fifty-fourth and is the
tuning set of the fifty-fifth; tests/data/heldout54/ (two more, 4 December 2026) judged the fifty-fifth and is the
tuning set of the fifty-sixth; tests/data/heldout55/ (two more, 4 December 2026) judged the fifty-sixth and is the
tuning set of the fifty-seventh; tests/data/heldout56/ (two more, 4 December 2026) judged the fifty-seventh and is
the tuning set of the fifty-eighth; tests/data/heldout57/ (two more, 4 December 2026) judged the fifty-eighth and is
the tuning set of the fifty-ninth; tests/data/heldout58/ (two more, 4 December 2026) judged the fifty-ninth and is
the tuning set of the sixtieth; tests/data/heldout59/ (two more, 4 December 2026) judged the sixtieth and is the
tuning set of the sixty-first; tests/data/heldout60/ (two more, 4 December 2026) judged the sixty-first and is the
tuning set of the sixty-second; tests/data/heldout61/ (two more, 4 December 2026) judged the sixty-second and is the
tuning set of the sixty-third; tests/data/heldout62/ (two more, 4 December 2026) judged the sixty-third and is the
tuning set of the sixty-fourth; tests/data/heldout63/ (two more, 4 December 2026) judged the sixty-fourth and is the
tuning set of the sixty-fifth; tests/data/heldout64/ (two more, 4 December 2026) judged the sixty-fifth and is the
tuning set of the sixty-sixth; tests/data/heldout65/ (two more, 4 December 2026) judged the sixty-sixth and is the
tuning set of the sixty-seventh; tests/data/heldout66/ (two more, 4 December 2026) judged the sixty-seventh and is
the tuning set of the sixty-eighth; tests/data/heldout67/ (two more, 4 December 2026) judged the sixty-eighth and is
the tuning set of the sixty-ninth; tests/data/heldout68/ (two more, 4 December 2026) judged the sixty-ninth and is
the tuning set of the seventieth; tests/data/heldout69/ (two more, 4 December 2026) judged the seventieth and is the
tuning set of the seventy-first; tests/data/heldout70/ (two more, 4 December 2026) judged the seventy-first and is
the tuning set of the seventy-second; tests/data/heldout71/ (two more, 4 December 2026) judged the seventy-second and
is the tuning set of the seventy-third; tests/data/heldout72/ (two more, 4 December 2026) judged the seventy-third
and is the tuning set of the seventy-fourth; tests/data/heldout73/ (two more, 4 December 2026) judged the
seventy-fourth and is the tuning set of the seventy-fifth; tests/data/heldout74/ (two more, 4 December 2026) judged
the seventy-fifth and is the tuning set of the seventy-sixth; tests/data/heldout75/ (two more, 4 December 2026)
judged the seventy-sixth and is the tuning set of the seventy-seventh; tests/data/heldout76/ (two more, 4 December
2026) judged the seventy-seventh and is the tuning set of the seventy-eighth; tests/data/heldout77/ (two more, 4
December 2026) judged the seventy-eighth and is the tuning set of the seventy-ninth; tests/data/heldout78/ (two more,
4 December 2026) judged the seventy-ninth and is the tuning set of the eightieth; tests/data/heldout79/ (two more, 4
December 2026) judged the eightieth and is the tuning set of the eighty-first; tests/data/heldout80/ (two more, 4
December 2026) judged the eighty-first and is the tuning set of the eighty-second; tests/data/heldout81/ (two more, 4
December 2026) judged the eighty-second and is the tuning set of the eighty-third; tests/data/heldout82/ (two more, 4
December 2026) judged the eighty-third and is the tuning set of the eighty-fourth; tests/data/heldout83/ (two more, 4
December 2026) judged the eighty-fourth and is the tuning set of the eighty-fifth; tests/data/heldout84/ (two more, 4
December 2026) judged the eighty-fifth and is the tuning set of the eighty-sixth; tests/data/heldout85/ (two more, 4
December 2026) judged the eighty-sixth and is the tuning set of the eighty-seventh; tests/data/heldout86/ (two more,
4 December 2026) judged the eighty-seventh and is the tuning set of the eighty-eighth; tests/data/heldout87/ (two
more, 4 December 2026) judged the eighty-eighth and is the tuning set of the eighty-ninth; tests/data/heldout88/ (two
more, 4 December 2026) judged the eighty-ninth and is the tuning set of the ninetieth; tests/data/heldout89/ (two
more, 4 December 2026) judged the ninetieth and is the tuning set of the ninety-first; tests/data/heldout90/ (two
more, 4 December 2026) judged the ninety-first and is the tuning set of the ninety-second; tests/data/heldout91/ (two
more, 4 December 2026) judged the ninety-second and is the tuning set of the ninety-third; tests/data/heldout92/ (two
more, 4 December 2026) judged the ninety-third and is the tuning set of the ninety-fourth; tests/data/heldout93/ (two
more, 4 December 2026) judged the ninety-fourth and is the tuning set of the ninety-fifth; tests/data/heldout94/ (two
more, 4 December 2026) judged the ninety-fifth and is the tuning set of the ninety-sixth; tests/data/heldout95/ (two
more, 4 December 2026) judged the ninety-sixth and is the tuning set of the ninety-seventh; tests/data/heldout96/
(two more, 4 December 2026) judged the ninety-seventh and is the tuning set of the ninety-eighth;
tests/data/heldout97/ (two more, 4 December 2026) judged the ninety-eighth and is the tuning set of the ninety-ninth;
tests/data/heldout98/ (two more, 4 December 2026) judged the ninety-ninth and is the tuning set of the hundredth;
tests/data/heldout99/ (two more, 4 December 2026) judged the hundredth and is the tuning set of the
hundred-and-first; tests/data/heldout100/ (two more, 4 December 2026) judged the hundred-and-first and is the tuning
set of the hundred-and-second; tests/data/heldout101/ (two more, 4 December 2026) judged the hundred-and-second and
is the tuning set of the hundred-and-third; tests/data/heldout102/ (two more, 4 December 2026) judged the
hundred-and-third and is the tuning set of the hundred-and-fourth; tests/data/heldout103/ (two more, 4 December 2026)
judged the hundred-and-fourth and is a tuning set of the hundred-and-fifth; tests/data/heldout104/ (two more, 4
December 2026) judged the same code of the hundred-and-fourth a second time and is the other tuning set of the
hundred-and-fifth; tests/data/heldout105/ and tests/data/heldout106/ (two more writers each, 4 December 2026) both
judged the hundred-and-fifth and are the tuning sets of the hundred-and-sixth; tests/data/heldout107/ and
tests/data/heldout108/ (two more writers each, 4 December 2026) both judged the hundred-and-sixth and are the tuning
sets of the hundred-and-seventh; tests/data/heldout109/ and tests/data/heldout110/ (two more writers each, 4 December
2026) both judged the hundred-and-seventh and are the tuning sets of the hundred-and-eighth; tests/data/heldout111/
and tests/data/heldout112/ (two more writers each, 4 December 2026) both judged the hundred-and-eighth and are the
tuning sets of the hundred-and-ninth; tests/data/heldout113/ and tests/data/heldout114/ (two more writers each, 4
December 2026) both judged the hundred-and-ninth and are the tuning sets of the hundred-and-tenth;
tests/data/heldout115/ and tests/data/heldout116/ (two more writers each, 4 December 2026) both judged the
hundred-and-tenth and are the tuning sets of the hundred-and-eleventh; tests/data/heldout117/ and
tests/data/heldout118/ (two more writers each, 4 December 2026) both judged the hundred-and-eleventh and are the
tuning sets of the hundred-and-twelfth; tests/data/heldout119/ and tests/data/heldout120/ (two more writers each, 5
December 2026) both judged the hundred-and-twelfth and are the tuning sets of the hundred-and-thirteenth;
tests/data/heldout121/ and tests/data/heldout122/ (two more writers each, 5 December 2026) both judged the
hundred-and-thirteenth and are the tuning sets of the hundred-and-fourteenth; tests/data/heldout123/ and
tests/data/heldout124/ (two more writers each, 5 December 2026) both judged the hundred-and-fourteenth and are the
tuning sets of the hundred-and-fifteenth; tests/data/heldout125/ and tests/data/heldout126/ (two more writers each, 5
December 2026) both judged the hundred-and-fifteenth and are the tuning sets of the hundred-and-sixteenth;
tests/data/heldout127/ and tests/data/heldout128/ (two more writers each, 5 December 2026) both judged the
hundred-and-sixteenth and are the tuning sets of the hundred-and-seventeenth; tests/data/heldout129/ and
tests/data/heldout130/ (two more writers each, 5 December 2026) both judged the hundred-and-seventeenth and are the
tuning sets of the hundred-and-eighteenth; tests/data/heldout131/ and tests/data/heldout132/ (two more writers each,
5 December 2026) both judged the hundred-and-eighteenth and are the tuning sets of the hundred-and-nineteenth;
tests/data/heldout133/ and tests/data/heldout134/ (two more writers each, 5 December 2026) both judged the
hundred-and-nineteenth and are the tuning sets of the hundred-and-twentieth; tests/data/heldout135/ and
tests/data/heldout136/ (two more writers each, 5 December 2026) both judged the hundred-and-twentieth and are the
tuning sets of the hundred-and-twenty-first; tests/data/heldout137/ and tests/data/heldout138/ (two more writers
each, 5 December 2026) both judged the hundred-and-twenty-first and are the tuning sets of the
hundred-and-twenty-second; tests/data/heldout139/ and tests/data/heldout140/ (two more writers each, 5 December 2026)
both judged the hundred-and-twenty-second and are the tuning sets of the hundred-and-twenty-third;
tests/data/heldout141/ and tests/data/heldout142/ (two more writers each, 6 December 2026) both judged the
hundred-and-twenty-third and are the tuning sets of the hundred-and-twenty-fourth; tests/data/heldout143/ and
tests/data/heldout144/ (two more writers each, 6 December 2026) both judged the hundred-and-twenty-fourth and are the
tuning sets of the hundred-and-twenty-fifth; tests/data/heldout145/ and tests/data/heldout146/ (two more writers
each, 6 December 2026) both judged the hundred-and-twenty-fifth and are the tuning sets of the
hundred-and-twenty-sixth; tests/data/heldout147/ and tests/data/heldout148/ (two more writers each, 6 December 2026)
both judged the hundred-and-twenty-sixth and are the tuning sets of the hundred-and-twenty-seventh;
tests/data/heldout149/ and tests/data/heldout150/ (two more writers each, 6 December 2026) both judged the
hundred-and-twenty-seventh and are the tuning sets of the hundred-and-twenty-eighth; tests/data/heldout151/ and
tests/data/heldout152/ (two more writers each, 6 December 2026) both judged the hundred-and-twenty-eighth and are the
tuning sets of the hundred-and-twenty-ninth; tests/data/heldout153/ and tests/data/heldout154/ (two more writers
each, 6 December 2026) both judged the hundred-and-twenty-ninth and are the tuning sets of the hundred-and-thirtieth;
tests/data/heldout155/ and tests/data/heldout156/ (two more writers each, 6 December 2026) both judged the
hundred-and-thirtieth and are the tuning sets of the hundred-and-thirty-first; tests/data/heldout157/ and
tests/data/heldout158/ (two more writers each, 6 December 2026) both judged the hundred-and-thirty-first and are the
tuning sets of the hundred-and-thirty-second; tests/data/heldout159/ and tests/data/heldout160/ (two more writers
each, 6 December 2026) both judged the hundred-and-thirty-second and are the tuning sets of the
hundred-and-thirty-third; tests/data/heldout161/ and tests/data/heldout162/ (two more writers each, 6 December 2026)
both judged the hundred-and-thirty-third and are the tuning sets of the hundred-and-thirty-fourth;
tests/data/heldout163/ and tests/data/heldout164/ (two more writers each, 6 December 2026) both judged the
hundred-and-thirty-fourth and are the tuning sets of the hundred-and-thirty-fifth; tests/data/heldout165/ and
tests/data/heldout166/ (two more writers each, 6 December 2026) both judged the hundred-and-thirty-fifth and are the
tuning sets of the hundred-and-thirty-sixth; tests/data/heldout167/ and tests/data/heldout168/ (two more writers
each, 6 December 2026) both judged the hundred-and-thirty-sixth and are the tuning sets of the
hundred-and-thirty-seventh; tests/data/heldout169/ and tests/data/heldout170/ (two more writers each, 6 December
2026) both judged the hundred-and-thirty-seventh and are the tuning sets of the hundred-and-thirty-eighth;
tests/data/heldout171/ and tests/data/heldout172/ (two more writers each, 6 December 2026) both judged the
hundred-and-thirty-eighth and are the tuning sets of the hundred-and-thirty-ninth; tests/data/heldout173/ and
tests/data/heldout174/ (two more writers each, 6 December 2026) both judged the hundred-and-thirty-ninth and are the
tuning sets of the hundred-and-fortieth; tests/data/heldout175/ and tests/data/heldout176/ (two more writers each, 6
December 2026) both judged the hundred-and-fortieth and are the tuning sets of the hundred-and-forty-first;
tests/data/heldout177/ and tests/data/heldout178/ (two more writers each, 6 December 2026) both judged the
hundred-and-forty-first and are the tuning sets of the hundred-and-forty-second; tests/data/heldout179/ and
tests/data/heldout180/ (two more writers each, 6 December 2026) both judged the hundred-and-forty-second and are the
tuning sets of the hundred-and-forty-third; tests/data/heldout181/ and tests/data/heldout182/ (two more writers each,
6 December 2026) both judged the hundred-and-forty-third and are the tuning sets of the hundred-and-forty-fourth;
tests/data/heldout183/ and tests/data/heldout184/ (two more writers each, 6 December 2026) both judged the
hundred-and-forty-fourth and are the tuning sets of the hundred-and-forty-fifth; tests/data/heldout185/ and
tests/data/heldout186/ (two more writers each, 6 December 2026) both judged the hundred-and-forty-fifth and are the
tuning sets of the hundred-and-forty-sixth; tests/data/heldout187/ and tests/data/heldout188/ (two more writers each,
6 December 2026) both judged the hundred-and-forty-sixth and are the tuning sets of the hundred-and-forty-seventh,
which a new set must judge. The baselines run on the same knowledge base and the same questions:
- BM25: plain Okapi BM25 over each entry's title, questions and answer (lowercased words, no stemming,
  synonyms or typo handling); answers with the best entry when its score clears a threshold.
- rapidfuzz: the best `token_set_ratio` between the question and an entry's title or listed questions;
  answers with that entry when the ratio clears a threshold.
Each baseline's threshold is chosen once, on the tuning set, and then used unchanged on the held-out set.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "data"))

import yaml  # noqa: E402
from grade import grade_one  # noqa: E402
from rapidfuzz import fuzz  # noqa: E402

import knowledge  # noqa: E402
from knowledge.index import KnowledgeBase  # noqa: E402
from knowledge.model import Entry  # noqa: E402

AT = date(2026, 12, 3)  # the day the sets were written for
HELD_OUT = ("heldout", *(f"heldout{n}" for n in range(2, 189)))
SETS = {name: ROOT / "tests" / "data" / name for name in (*HELD_OUT, "tune", "tune2")}
_WORD = re.compile(r"\w+")
Reply = dict[str, Any]
Answerer = Callable[[str], Reply]


def cases(folder: Path) -> list[dict[str, Any]]:
    """Every question of every file in a set folder."""
    found: list[dict[str, Any]] = []
    for path in sorted(folder.glob("*.yaml")):
        found.extend(yaml.safe_load(path.read_text(encoding="utf-8")) or [])
    return found


def bucket(case: dict[str, Any]) -> str:
    """oos, da or en: the buckets the issue reports."""
    return "oos" if case.get("oos") else str(case.get("lang", "da"))


def tokens(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def entry_reply(entry: Entry | None, score: float) -> Reply:
    """What a baseline says: the entry's title and answer, or a refusal."""
    if entry is None:
        return {"answered": False, "answer": "", "title": None, "score": score}
    return {"answered": True, "answer": entry.answer, "title": entry.title, "score": score}


class Bm25Baseline:
    """Okapi BM25 over title, questions and answer of each entry."""

    def __init__(self, kb: KnowledgeBase, k1: float = 1.2, b: float = 0.75) -> None:
        self.entries = list(kb.entries.values())
        docs = [tokens(" ".join([e.title, *e.questions, e.answer])) for e in self.entries]
        self.tf = [Counter(d) for d in docs]
        self.lengths = [len(d) for d in docs]
        self.average = sum(self.lengths) / len(docs)
        df = Counter(t for d in docs for t in set(d))
        self.idf = {t: math.log(1 + (len(docs) - n + 0.5) / (n + 0.5)) for t, n in df.items()}
        self.k1, self.b = k1, b

    def best(self, question: str) -> tuple[Entry | None, float]:
        best, best_score = None, 0.0
        words = tokens(question)
        for entry, tf, length in zip(self.entries, self.tf, self.lengths, strict=True):
            score = 0.0
            for word in words:
                if word in tf:
                    f = tf[word]
                    norm = self.k1 * (1 - self.b + self.b * length / self.average)
                    score += self.idf[word] * f * (self.k1 + 1) / (f + norm)
            if score > best_score:
                best, best_score = entry, score
        return best, best_score


class FuzzBaseline:
    """The entry whose title or listed question is most like the question (rapidfuzz token_set_ratio)."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.entries = list(kb.entries.values())

    def best(self, question: str) -> tuple[Entry | None, float]:
        scored = (
            (max(fuzz.token_set_ratio(question.lower(), p.lower()) for p in (e.title, *e.questions)), e)
            for e in self.entries
        )
        score, entry = max(scored, key=lambda pair: pair[0])
        return entry, float(score)


def thresholded(best: Callable[[str], tuple[Entry | None, float]], threshold: float) -> Answerer:
    def answer(question: str) -> Reply:
        entry, score = best(question)
        return entry_reply(entry if score >= threshold else None, score)

    return answer


def score(answerer: Answerer, questions: list[dict[str, Any]]) -> tuple[dict[str, list[int]], list[str]]:
    """Correct and total per bucket, and the failures as readable lines."""
    buckets: dict[str, list[int]] = {}
    failures: list[str] = []
    for case in questions:
        reply = answerer(case["q"])
        reason = grade_one(case, reply)
        counts = buckets.setdefault(bucket(case), [0, 0])
        counts[0] += reason is None
        counts[1] += 1
        if reason is not None:
            failures.append(f"[{bucket(case)}] {case['q']!r}: {reason} -> {reply.get('title')!r}")
    return buckets, failures


def total(buckets: dict[str, list[int]]) -> float:
    right = sum(v[0] for v in buckets.values())
    return 100.0 * right / max(1, sum(v[1] for v in buckets.values()))


def tune_threshold(best: Callable[[str], tuple[Entry | None, float]], tuning: list[dict[str, Any]]) -> float:
    """The threshold that scores best on the tuning set (the held-out set never chooses it)."""
    scores = sorted({round(best(c["q"])[1], 3) for c in tuning})
    return max(scores, key=lambda t: total(score(thresholded(best, t), tuning)[0]))


def line(name: str, buckets: dict[str, list[int]]) -> str:
    parts = "  ".join(f"{k} {v[0]}/{v[1]} ({100.0 * v[0] / v[1]:.1f} %)" for k, v in sorted(buckets.items()))
    return f"{name:<10} {total(buckets):5.1f} %   {parts}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=sorted(SETS), default="heldout188")
    parser.add_argument("--verbose", action="store_true", help="print the bot's failures")
    args = parser.parse_args()
    kb = knowledge.build(*knowledge.default_paths())
    questions, tuning = cases(SETS[args.set]), cases(SETS["tune"])
    if not questions:
        print(f"no questions in {SETS[args.set]}")
        return 1
    started = time.perf_counter()
    bot_buckets, failures = score(lambda q: knowledge.ask_json(kb, q, AT), questions)
    elapsed = time.perf_counter() - started
    bm25, fuzzy = Bm25Baseline(kb), FuzzBaseline(kb)
    rows = [("medbot", bot_buckets)]
    for name, best in (("BM25", bm25.best), ("rapidfuzz", fuzzy.best)):
        threshold = tune_threshold(best, tuning)
        rows.append((f"{name}", score(thresholded(best, threshold), questions)[0]))
    print(f"Answer quality on the {args.set} set ({len(questions)} questions, answered as of {AT}):")
    for name, buckets in rows:
        print(line(name, buckets))
    lead = total(bot_buckets) - max(total(b) for _name, b in rows[1:])
    print(
        f"medbot is {lead:+.1f} points beside the better baseline; {elapsed / len(questions) * 1000:.1f} ms a question"
    )
    if args.verbose:
        print("\n".join(failures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
