"""The knowledge checks itself through the real search: each listed question must reach its entry, and each
near miss (`not_questions`) must not.

An editor who adds a phrasing learns at once whether the search understands it, and a near miss written down
once ("får jeg fri når mit barn starter i skole?") stays refused after every later change of content,
synonyms or search.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from knowledge.index import KnowledgeBase
from knowledge.model import Entry
from knowledge.search import search
from knowledge.yamlfile import Problem


def question_problems(kb: KnowledgeBase, at: date) -> list[Problem]:
    """`file:line` problems for listed questions that miss their entry and near misses that reach it."""
    problems: list[Problem] = []
    for entry in kb.entries.values():
        family = _versions(kb, entry)
        lines = iter(entry.question_lines or ())
        for question in entry.questions:
            line = next(lines, entry.line)
            found = search(kb, question, at)
            if not found.answered or found.entry is None or found.entry.id not in family:
                got = found.entry.id if found.answered and found.entry is not None else "intet svar"
                problems.append(Problem(entry.file, line, f"spørgsmålet når ikke '{entry.id}' (svar: {got})"))
        for question in entry.not_questions:
            line = next(lines, entry.line)
            found = search(kb, question, at)
            if found.answered and found.entry is not None and found.entry.id in family:
                problems.append(Problem(entry.file, line, f"nærved-spørgsmålet får svar fra '{entry.id}'"))
    return problems


def _versions(kb: KnowledgeBase, entry: Entry) -> frozenset[str]:
    """The entry and every version of the same rule, older and newer: a question may reach any of them."""
    return frozenset(_chain(kb, entry.id))


def _chain(kb: KnowledgeBase, start: str) -> Iterator[str]:
    seen: set[str] = set()
    todo = [start]
    while todo:
        current = todo.pop()
        if current in seen or current not in kb.entries:
            continue
        seen.add(current)
        yield current
        newer = kb.entries[current].superseded_by
        if newer:
            todo.append(newer)
        todo.extend(kb.index.predecessors.get(current, ()))
