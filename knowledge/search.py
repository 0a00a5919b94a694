"""Answering one question, in four stages that each hand a typed result to the next, one way:

1. analyse (`knowledge.query.read_question` → `Question`): the words, the language, the day the question is
   about, and its units of meaning as the index knows them (synonyms, compounds, typos);
2. retrieve (`knowledge.retrieve.retrieve` → `Candidates`): the entries best first, within the question's
   scope (another municipality only meets its own content), and source paragraphs on demand;
3. decide (`knowledge.decide.decide` → `Decision`): answer, quote or refuse, and with which version of a rule:
   the best entry must be sure enough, cover every concept the question names, have figures for the period
   asked about, and be the version in force on the day asked about; the asker's own data is always refused;
4. compose (`knowledge.compose.compose` → `Answer`): the words the employee reads in parts (warnings, dated
   notes, body, validity, source lines) and the asker's language, which `medbot ask` and the card both render.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from knowledge.compose import Answer, compose, entry_answer
from knowledge.decide import decide
from knowledge.index import KnowledgeBase
from knowledge.query import read_question
from knowledge.retrieve import retrieve

MAX_QUESTION = 1000

__all__ = ["MAX_QUESTION", "Answer", "ask_json", "entry_answer", "search"]


def search(kb: KnowledgeBase, question: str, at: date) -> Answer:
    """Answer `question` as of the date `at` from the knowledge base `kb`."""
    # a question is a few lines; the rest of a pasted text adds only cost
    asked = read_question(question[:MAX_QUESTION], kb.index, kb.synonyms, at)
    candidates = retrieve(kb, asked.query, asked.text, asked.day or at)
    decision = decide(kb, asked, candidates, at)
    return compose(kb, asked, decision, at)


def ask_json(kb: KnowledgeBase, question: str, at: date) -> dict[str, Any]:
    """One question in, the `medbot ask --json` object out: the only call the CLI needs."""
    return search(kb, question, at).to_json(question)
