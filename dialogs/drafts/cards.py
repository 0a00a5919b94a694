"""Cards of the drafts: the form (empty, pre-filled, or re-shown with its problems) and the receipt once saved.

Pure functions of plain data; the words come from `texts`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from dialogs.cards import Element, card, container, execute, facts, heading, text
from dialogs.drafts import texts
from dialogs.drafts.model import LIMITS, SAVE_ACTION
from dialogs.drafts.rules import escalation_of


def _input_text(
    input_id: str,
    label: str,
    value: str,
    *,
    multiline: bool = False,
    required: bool = False,
    placeholder: str = "",
) -> Element:
    block: Element = {"type": "Input.Text", "id": input_id, "label": label, "maxLength": LIMITS[input_id]}
    if multiline:
        block["isMultiline"] = True
    if value:
        block["value"] = value[: LIMITS[input_id]]
    if placeholder:
        block["placeholder"] = placeholder
    if required:
        block["isRequired"] = True
        block["errorMessage"] = texts.REQUIRED
    return block


def _input_date(input_id: str, label: str, value: str) -> Element:
    block: Element = {"type": "Input.Date", "id": input_id, "label": label}
    # The date picker shows only ISO dates: a typed value that is none starts the picker empty.
    with contextlib.suppress(ValueError):
        block["value"] = date.fromisoformat(value).isoformat()
    return block


def _input_choice(
    input_id: str, label: str, choices: Sequence[tuple[str, str]], value: str, *, error: str = ""
) -> Element:
    block: Element = {
        "type": "Input.ChoiceSet",
        "id": input_id,
        "label": label,
        "choices": [{"title": title, "value": val} for val, title in choices],
        "style": "compact",
        "wrap": True,
        "isRequired": True,
        "errorMessage": error or texts.REQUIRED,
    }
    if value in {val for val, _ in choices}:
        block["value"] = value
    return block


def _errors(errors: Sequence[str]) -> list[Element]:
    if not errors:
        return []
    lines = "\n".join(f"- {e}" for e in errors)
    return [container([text(texts.NOTHING_SAVED, weight="Bolder", color="Attention"), text(lines)], style="attention")]


def draft_form(
    documents: Sequence[tuple[str, str]],
    organisations: Sequence[str],
    values: Mapping[str, str],
    *,
    origin: str,
    errors: Sequence[str] = (),
) -> dict[str, Any]:
    """The form for a new draft: `documents` are (file name, title); the first organisation is the default.

    `values` fill the fields (a prefill, or what the admin typed when the form comes back with `errors`).
    """
    body: list[Element] = [heading(texts.NEW_DRAFT), text(texts.FORM_INTRO, subtle=True)]
    escalation = escalation_of(origin)
    if escalation is not None:
        body.append(text(texts.FROM_ESCALATION.format(n=escalation)))
    elif origin == "gap":
        body.append(text(texts.FROM_GAP))
    body += _errors(errors)
    organisation_choices = [(name, name) for name in organisations]
    body += [
        _input_text("title", texts.LABEL_TITLE, values.get("title", ""), required=True),
        _input_text("questions", texts.LABEL_QUESTIONS, values.get("questions", ""), multiline=True, required=True),
        _input_text("answer", texts.LABEL_ANSWER, values.get("answer", ""), multiline=True, required=True),
        _input_choice(
            "document", texts.LABEL_DOCUMENT, documents, values.get("document", ""), error=texts.PICK_DOCUMENT
        ),
        _input_text(
            "section", texts.LABEL_SECTION, values.get("section", ""), required=True, placeholder=texts.SECTION_HINT
        ),
        _input_date("valid_from", texts.LABEL_VALID_FROM, values.get("valid_from", "")),
        _input_date("valid_to", texts.LABEL_VALID_TO, values.get("valid_to", "")),
        _input_choice(
            "organisation",
            texts.LABEL_ORGANISATION,
            organisation_choices,
            values.get("organisation") or (organisations[0] if organisations else ""),
        ),
        _input_text("tags", texts.LABEL_TAGS, values.get("tags", "")),
        _input_text("entry_id", texts.LABEL_ID, values.get("entry_id", ""), placeholder=texts.ID_HINT),
    ]
    return card(body, [execute(texts.SAVE, SAVE_ACTION, style="positive", origin=origin)], fallback=texts.NEW_DRAFT)


@dataclass(frozen=True)
class SavedDraft:
    """What the receipt shows of a stored draft (the document by its title)."""

    number: int
    entry_id: str
    title: str
    questions: tuple[str, ...]
    answer: str
    document_title: str
    section: str
    valid_from: date | None
    valid_to: date | None
    made_by: str


def saved_card(draft: SavedDraft) -> dict[str, Any]:
    """Replaces the form: the draft as stored, that it is not served, and how it gets published."""
    body: list[Element] = [
        heading(texts.SAVED_TITLE, size="Medium"),
        text(texts.SAVED_BODY),
        text(texts.PUBLISH_STEPS),
        facts(
            [
                (texts.FACT_NUMBER, str(draft.number)),
                (texts.FACT_ID, draft.entry_id),
                (texts.FACT_TITLE, draft.title),
                (texts.FACT_SOURCE, f"{draft.document_title}, {draft.section}"),
                (texts.FACT_VALID, texts.validity(draft.valid_from, draft.valid_to)),
                (texts.FACT_MADE_BY, draft.made_by),
            ]
        ),
        text(texts.QUESTIONS_HEADING, weight="Bolder"),
        text("\n".join(f"- {q}" for q in draft.questions)),
        text(texts.ANSWER_HEADING, weight="Bolder"),
        text(draft.answer),
    ]
    return card(body, fallback=texts.SAVED_SUMMARY.format(title=draft.title))
