"""The rules of a draft, as pure functions: reading the form, proposing an id, and checking it as an entry.

A draft is checked by the knowledge base's own validation, not a second one: the entry it would become goes
through `knowledge.validate.EntryFields` with the live knowledge as its catalogue (the source document exists, the
section occurs in it, the dates are dates, at least three questions …), its id must be new, and then the search
self-check of `kb check` runs on the knowledge with the draft added. So a draft that is saved is an entry `kb check`
accepts, on the content it was checked against. Teams checks against the live knowledge; `kb drafts export`
against the content on disk.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from dialogs.drafts import texts
from dialogs.drafts.model import (
    DRAFT_FILE,
    FIELD_ORDER,
    LIMITS,
    MAX_ESCALATION_ID,
    MAX_QUESTION,
    MAX_QUESTIONS,
    MAX_TAG,
    MAX_TAGS,
    ORIGIN,
    ORIGIN_GAP,
    ORIGIN_TEAMS,
    DraftForm,
)
from dialogs.hygiene import clean_text, text_inputs
from knowledge.documents import Document
from knowledge.index import KnowledgeBase, compile_knowledge
from knowledge.model import Entry
from knowledge.selfcheck import question_problems
from knowledge.synonyms import Synonyms
from knowledge.validate import Catalogue, EntryFields
from knowledge.yamlfile import InputError, LineDict, LineList, Problem, validate_data
from storage.drafts import DraftEntry

MAX_PROPOSED_ID = 60
# The entry a draft would become is checked as if written in a file: each field on its own "line" (its place in
# FIELD_ORDER), the n-th question on line QUESTION_LINE + n, so every problem can name the form field it is about.
QUESTION_LINE = 100
_FOLDED = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})
_NOT_ID = re.compile(r"[^a-z0-9]+")


# --- reading the form ----------------------------------------------------------------------------------------------


def read_form(data: Mapping[str, Any]) -> tuple[DraftForm | None, list[str], dict[str, str]]:
    """The submitted form as a `DraftForm`, or the problems; the raw values re-fill the form after an error."""
    raw, wrong = text_inputs(data, LIMITS)
    if wrong:
        return None, [texts.NOT_TEXT.format(field=texts.FIELDS[key]) for key in wrong], raw
    problems = [texts.too_long(key, len(raw[key])) for key in LIMITS if len(raw.get(key, "")) > LIMITS[key]]
    questions = tuple(line.strip() for line in raw.get("questions", "").splitlines() if line.strip())
    if len(questions) > MAX_QUESTIONS:
        problems.append(texts.TOO_MANY_QUESTIONS.format(n=len(questions)))
    problems += [
        texts.QUESTION_TOO_LONG.format(n=n, length=len(q)) for n, q in enumerate(questions, 1) if len(q) > MAX_QUESTION
    ]
    tags = tuple(dict.fromkeys(t.strip() for t in raw.get("tags", "").split(",") if t.strip()))
    if len(tags) > MAX_TAGS:
        problems.append(texts.TOO_MANY_TAGS.format(n=len(tags)))
    problems += [texts.TAG_TOO_LONG.format(tag=t[:MAX_TAG] + "…") for t in tags if len(t) > MAX_TAG]
    if problems:
        return None, problems, raw
    form = DraftForm(
        title=raw.get("title", "").strip(),
        entry_id=raw.get("entry_id", "").strip(),
        questions=questions,
        answer=raw.get("answer", "").strip(),
        document=raw.get("document", "").strip(),
        section=raw.get("section", "").strip(),
        valid_from=raw.get("valid_from", "").strip(),
        valid_to=raw.get("valid_to", "").strip(),
        organisation=raw.get("organisation", "").strip(),
        tags=tags,
    )
    return form, [], raw


def prefill(data: Mapping[str, Any]) -> tuple[dict[str, str], str]:
    """The form's values from a `draft.new` payload (`question`, `answer`, `escalation_id`), and the draft's origin.

    Every field is optional, and one that is not text is left out: the form then simply starts empty there.
    """
    values: dict[str, str] = {}
    for key, input_id in (("question", "questions"), ("answer", "answer"), ("title", "title")):
        value = data.get(key)
        if isinstance(value, str) and value.strip():
            values[input_id] = clean_text(value.strip())[: LIMITS[input_id]]
    escalation = data.get("escalation_id")
    if isinstance(escalation, int) and not isinstance(escalation, bool) and 1 <= escalation <= MAX_ESCALATION_ID:
        return values, f"escalation:{escalation}"
    return values, ORIGIN_GAP if "questions" in values else ORIGIN_TEAMS


def origin_of(data: Mapping[str, Any]) -> str:
    """The origin the save button carries, when it is one this server writes; else a draft typed in Teams."""
    origin = data.get("origin")
    return origin if isinstance(origin, str) and ORIGIN.match(origin) else ORIGIN_TEAMS


def escalation_of(origin: str) -> int | None:
    """The escalation a draft answers, from its origin."""
    kind, _, number = origin.partition(":")
    return int(number) if kind == "escalation" and number.isdigit() else None


# --- the entry a draft becomes ------------------------------------------------------------------------------------


def propose_id(title: str, taken: Collection[str]) -> str:
    """An entry id from the title ('Frugt på jobbet' → 'frugt-paa-jobbet'), with -2, -3 … when it is taken."""
    folded = unicodedata.normalize("NFKD", title.lower().translate(_FOLDED)).encode("ascii", "ignore").decode()
    base = _NOT_ID.sub("-", folded).strip("-")
    if len(base) > MAX_PROPOSED_ID:
        base = base[:MAX_PROPOSED_ID].rsplit("-", 1)[0] if "-" in base[:MAX_PROPOSED_ID] else base[:MAX_PROPOSED_ID]
    base = base.strip("-") or "kladde"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def entry_data(form: DraftForm, entry_id: str) -> dict[str, Any]:
    """The entry as an editor would write it in a content file: every field of FIELD_ORDER, empty ones included."""
    return {
        "id": entry_id,
        "title": form.title,
        "questions": list(form.questions),
        "answer": form.answer,
        "source": {"document": form.document, "section": form.section},
        "valid_from": form.valid_from or None,
        "valid_to": form.valid_to or None,
        "organisation": form.organisation,
        "tags": list(form.tags),
    }


def stored_data(draft: DraftEntry) -> dict[str, Any]:
    """A stored draft as the entry it proposes (what `kb drafts export` checks and writes)."""
    return {
        "id": draft.entry_id,
        "title": draft.title,
        "questions": list(draft.questions),
        "answer": draft.answer,
        "source": {"document": draft.document, "section": draft.section},
        "valid_from": draft.valid_from,
        "valid_to": draft.valid_to,
        "organisation": draft.organisation,
        "tags": list(draft.tags),
    }


@dataclass(frozen=True)
class Against:
    """The knowledge a draft is checked against, and the entry ids other drafts have taken (id → draft number)."""

    entries: Mapping[str, Entry]
    documents: Mapping[str, Document]
    synonyms: Synonyms
    drafts: Mapping[str, int] = field(default_factory=dict)

    @classmethod
    def live(cls, kb: KnowledgeBase, drafts: Mapping[str, int]) -> Against:
        """The knowledge served right now."""
        return cls(kb.entries, kb.documents, kb.synonyms, drafts)

    @property
    def taken(self) -> frozenset[str]:
        """Every entry id a new draft may not have."""
        return frozenset(self.entries) | frozenset(self.drafts)

    def with_entry(self, entry: Entry) -> Against:
        """The same knowledge with one more entry (an earlier draft of the same export)."""
        return Against({**self.entries, entry.id: entry}, self.documents, self.synonyms, self.drafts)


def check_entry(data: Mapping[str, Any], against: Against, today: date) -> tuple[Entry | None, list[str]]:
    """The entry `data` becomes, or every problem `kb check` would report about it, in Danish by form field.

    The search self-check compiles the knowledge with the draft and tries every entry's questions (a draft may take
    another entry's question): a few seconds on the shipped content, paid once per save.
    """
    placed = _placed(data)
    catalogue = Catalogue(against.documents, {i: e.superseded_by for i, e in against.entries.items()})
    try:
        fields = validate_data(placed, EntryFields, DRAFT_FILE, context=catalogue)
    except InputError as exc:
        return None, [_shown(problem, data) for problem in exc.problems]
    if fields.id in against.entries:
        return None, [texts.ID_TAKEN.format(id=fields.id)]
    if fields.id in against.drafts:
        return None, [texts.ID_IN_DRAFT.format(id=fields.id, n=against.drafts[fields.id])]
    entry = fields.entry(DRAFT_FILE, placed)
    trial = compile_knowledge([*against.entries.values(), entry], against.documents, against.synonyms, DRAFT_FILE)
    problems = [_shown(p, data) for p in _caused_by(entry.id, question_problems(trial, today))]
    return (None, problems) if problems else (entry, [])


def _caused_by(entry_id: str, problems: Iterable[Problem]) -> list[Problem]:
    """The self-check's problems the draft causes: its own questions, and other entries' questions it now takes."""
    return [p for p in problems if p.file == DRAFT_FILE or p.message.endswith(f"(svar: {entry_id})")]


def _placed(data: Mapping[str, Any]) -> LineDict:
    """`data` as if loaded from a file with each field on its own line (see QUESTION_LINE)."""
    placed = LineDict(data)
    placed.key_lines = {key: FIELD_ORDER.index(key) + 1 for key in data if key in FIELD_ORDER}
    questions = data.get("questions")
    if isinstance(questions, list):
        listed = LineList(questions)
        listed.item_lines = tuple(QUESTION_LINE + n for n in range(1, len(questions) + 1))
        placed["questions"] = listed
    return placed


def _shown(problem: Problem, data: Mapping[str, Any]) -> str:
    """A problem as the admin reads it: which question or form field, then what `kb check` says."""
    if problem.file != DRAFT_FILE:
        return texts.TAKES_QUESTION.format(
            place=f"{problem.file.rsplit('/', 1)[-1]}:{problem.line}", message=problem.message
        )
    questions = data.get("questions") or []
    if problem.line > QUESTION_LINE and problem.line - QUESTION_LINE <= len(questions):
        n = problem.line - QUESTION_LINE
        return texts.QUESTION_PROBLEM.format(n=n, question=questions[n - 1], message=problem.message)
    key = FIELD_ORDER[problem.line - 1] if 1 <= problem.line <= len(FIELD_ORDER) else "id"
    label = texts.ENTRY_FIELDS[key]
    named = f"feltet '{key}'"
    if named in problem.message:
        return problem.message.replace(named, f"feltet »{label}«")
    return texts.FIELD_PROBLEM.format(field=label, message=problem.message)


def organisations(entries: Iterable[Entry]) -> list[str]:
    """The organisations entries are written for, the most common first: the form's choices."""
    counted = Counter(entry.organisation for entry in entries if entry.organisation)
    return [name for name, _ in sorted(counted.items(), key=lambda pair: (-pair[1], pair[0]))]


def documents(known: Mapping[str, Document]) -> list[tuple[str, str]]:
    """(file name, title) of every source document, by title: the form's choices."""
    return sorted(((name, doc.title) for name, doc in known.items()), key=lambda pair: (pair[1].lower(), pair[0]))
