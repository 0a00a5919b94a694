"""The drafts' dialogs: `ny kladde`, the `draft.new` button other cards carry, and the form's `draft.save`.

`dialogs.router` lets only admins start them (`ny kladde` only in a 1:1 chat). Saving checks the draft as the
knowledge base checks an entry (`rules.check_entry`) against the knowledge served right now and the drafts not yet
exported; a draft with problems is not stored and the form comes back with the admin's values and the problems.
A stored draft is not served: it waits for export, review in git and a reload.
"""

from __future__ import annotations

import logging
from typing import Any

from dialogs.base import Reply, Request, Response, Turn
from dialogs.drafts import cards, rules, texts
from dialogs.drafts.model import ORIGIN_TEAMS
from storage import drafts as store
from storage.drafts import DraftEntry

log = logging.getLogger(__name__)


def _form(turn: Turn, values: dict[str, str], origin: str, errors: list[str] | None = None) -> dict[str, Any]:
    kb = turn.knowledge.current
    return cards.draft_form(
        rules.documents(kb.documents),
        rules.organisations(kb.entries.values()),
        values,
        origin=origin,
        errors=errors or [],
    )


def new_draft(request: Request, turn: Turn) -> Response:
    """`ny kladde [titel]`: the empty form (the title filled in when given)."""
    values = {"title": request.args.strip()} if request.args.strip() else {}
    return Response.show(_form(turn, values, ORIGIN_TEAMS), texts.NEW_DRAFT)


def open_form(request: Request, turn: Turn) -> Response:
    """`draft.new` on another card (an answered escalation, a frequent gap): the form, pre-filled, as a new message.

    The card that was clicked stays as it was; the form comes below it, so the escalation or the weekly list is
    still there to read.
    """
    values, origin = rules.prefill(request.data)
    form = _form(turn, values, origin)
    return Response(replies=[Reply(text=texts.FORM_FOLLOWS), Reply(text=texts.NEW_DRAFT, card=form)])


def save(request: Request, turn: Turn) -> Response:
    """`draft.save`: check the draft as an entry; store it and show the receipt, or show the form with problems."""
    origin = rules.origin_of(request.data)
    form, problems, raw = rules.read_form(request.data)
    entry = None
    if form is not None:
        kb = turn.knowledge.current
        pending = store.pending_entry_ids(turn.session)
        against = rules.Against.live(kb, pending)
        entry_id = form.entry_id or rules.propose_id(form.title, against.taken)
        today = turn.local(request.now).date()
        entry, problems = rules.check_entry(rules.entry_data(form, entry_id), against, today)
    if entry is None:
        log.info("draft.refused problems=%d origin=%s", len(problems), origin)
        return Response(card_update=_form(turn, raw, origin, problems))
    [source] = entry.sources
    draft = store.add_draft(
        turn.session,
        DraftEntry(
            entry_id=entry.id,
            title=entry.title,
            questions=list(entry.questions),
            answer=entry.answer,
            document=source.document,
            section=source.section,
            valid_from=entry.valid_from,
            valid_to=entry.valid_to,
            organisation=entry.organisation,
            tags=list(entry.tags),
            made_by=(request.actor.name or request.actor.aad_object_id)[: store.MAX_NAME],
            made_at=request.now,
            origin=origin,
        ),
    )
    assert draft.id is not None
    log.info("draft.saved draft=%s entry=%s origin=%s", draft.id, entry.id, origin)
    document = turn.knowledge.current.documents.get(source.document)
    receipt = cards.SavedDraft(
        number=draft.id,
        entry_id=entry.id,
        title=entry.title,
        questions=entry.questions,
        answer=entry.answer,
        document_title=document.title if document is not None else source.document,
        section=source.section,
        valid_from=entry.valid_from,
        valid_to=entry.valid_to,
        made_by=draft.made_by,
    )
    return Response(card_update=cards.saved_card(receipt))
