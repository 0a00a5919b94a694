"""Every privileged command and card action against every role: only the right people change anything.

Each case runs one turn through `Runtime.run_dialog` (the service's own path: actor resolution, routing, one
transaction) against a copy of one prepared SQLite file with the example organisation, a draft item, an item sent
to AfdelingsMED Økonomi & Stab (ØS) and a reminder for ØS. Allowed: the effect happened. Refused: a Danish refusal
and the database unchanged to the byte: every row of every table, and the SQLite file once its write-ahead log is
folded in (so even a write that was undone, or an update to the same value, shows). The same holds for forged and
stale clicks by people who may act: a refusal changes nothing.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select as core_select
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, func, select

import storage.tables  # noqa: F401  (every table in the metadata, for the snapshot)
from bot.knowledge_holder import KnowledgeHolder
from bot.runtime import Runtime
from dialogs import feedback, router, texts
from dialogs.admin import texts as admin_cards
from dialogs.base import Actor, Request, Response
from dialogs.cards import qa as qa_cards
from dialogs.drafts import texts as draft_texts
from dialogs.escalations import texts as escalation_texts
from dialogs.feedback import texts as feedback_texts
from dialogs.organisation import parse_organisation
from dialogs.reminders import texts as reminder_texts
from storage import conversations, org
from storage import escalations as escalation_store
from storage import reminders as reminder_store
from storage.conversations import Conversation
from storage.db import make_engine, session_scope, upgrade
from storage.drafts import DraftEntry
from storage.feedback import FeedbackItem, ItemState, latest_answer
from storage.knowledge import AnswerRating
from storage.org import Committee
from storage.outbox import OutboxMessage
from tests.conftest import ADMIN, KOMMUNEMED_SECRETARY, OES_SECRETARY, OUTSIDER
from tests.support.feedback import CREATED, OES_MEMBER, answer_inputs, item_inputs
from tests.support.service import ORGANISATION, sqlite_settings

NOW = CREATED  # Monday 23 November 2026, 10:00 in Copenhagen; the items' deadline is 10 December
TENANT = "tenant-albertslund"
OES = "afdelingsmed-oes"
OES_NAME = "AfdelingsMED Økonomi & Stab"
BAE = "afdelingsmed-bae"
BAE_NAME = "AfdelingsMED Borger, Arbejdsmarked & Erhverv"
OES_CHANNEL = "19:oes@thread.tacv2"
NEW_CHANNEL = "19:new-channel@thread.tacv2"
OES_CHAIR = "00000000-0000-4000-8000-000000000005"
BAE_MEMBER = "00000000-0000-4000-8000-000000000010"
CLOSED_DOWN = "afdelingsmed-nedlagt"  # a committee that is no longer in the organisation file
HR_INBOX = "19:hr-loen@thread.tacv2"  # MEDBOT_ESCALATION_CHANNEL
PUBLIC_HOST = "medbot.example.dk"  # MEDBOT_PUBLIC_HOST: where download links point
OPEN_ESCALATION, ANSWERED_ESCALATION = 1, 2  # an employee's questions to HR & Løn: one open, one answered

# role → (Entra object id, name Teams sends)
ROLES = {
    "employee": (OUTSIDER, "Ukendt Medarbejder"),
    "other-member": (BAE_MEMBER, "Jonas Fiktivsen"),
    "member": (OES_MEMBER, "Gitte Fiktivsen"),
    "chair": (OES_CHAIR, "Eva Fiktivsen"),
    "secretary": (OES_SECRETARY, "Frederik Fiktivsen"),
    "kommunemed": (KOMMUNEMED_SECRETARY, "Camilla Fiktivsen"),
    "admin": (ADMIN, "Admin Fiktivsen"),
}


@dataclass(frozen=True)
class World:
    """The prepared database: its file, and the ids the cards carry."""

    template: Path
    knowledge: KnowledgeHolder
    draft_id: int
    sent_id: int
    sent_title: str
    occurrence_id: str
    entry_id: str


# ---------------------------------------------------------------------------------------------------------------
# What each action is, who may do it, what the refusal says and what an allowed click changes


Check = Callable[[Response, Session, World], None]


@dataclass(frozen=True)
class Action:
    """How the role matrix exercises one route of `dialogs.router`: the roles that may, the effect when allowed.

    Who may is stated here, independently of the table; what a refused user reads is the table's refusal, unless
    the route leaves the check to its handler (`refusal` then says what the handler answers).
    """

    key: str  # the command word or card action, as in the route table
    allowed: frozenset[str]
    effect: Check
    refusal: str = ""
    args: str = ""
    data: Callable[[World], dict[str, Any]] = field(default=lambda _w: {})
    kind: str = "personal"
    conversation: str = "a:personal-chat"

    def route(self) -> router.Route:
        """The production route this case exercises."""
        return router.COMMANDS.get(self.key) or router.ACTIONS[self.key]

    def expected_refusal(self) -> str:
        """What a refused user reads."""
        return self.refusal or self.route().refusal


def only_text(response: Response) -> str:
    """The single plain text reply, or '' when the response is anything else."""
    if response.card_update is None and len(response.replies) == 1 and response.replies[0].card is None:
        return response.replies[0].text
    return ""


def item_state(session: Session, item_id: int) -> str:
    item = session.get(FeedbackItem, item_id)
    assert item is not None
    return str(item.state)


def reloaded(response: Response, _s: Session, _w: World) -> None:
    assert response.replies[0].card is not None
    assert response.replies[0].text == "Genindlæsning af vidensbasen"


def channel_linked(response: Response, session: Session, _w: World) -> None:
    committee = session.get(Committee, BAE)
    assert committee is not None and committee.conversation_id == NEW_CHANNEL


def channel_unlinked(response: Response, session: Session, _w: World) -> None:
    committee = session.get(Committee, OES)
    assert committee is not None and committee.conversation_id is None
    assert only_text(response) == admin_cards.UNLINK_DONE.format(committees=f"**{OES_NAME}**")


def help_shown(response: Response, _s: Session, _w: World) -> None:
    assert response.replies[0].card is not None
    assert response.replies[0].text == "Det kan jeg hjælpe med"


def overview_shown(response: Response, _s: Session, _w: World) -> None:
    assert response.replies[0].card is not None
    assert response.replies[0].text == "Faste drøftelser"


def item_form_shown(response: Response, _s: Session, _w: World) -> None:
    assert response.replies[0].card is not None
    assert response.replies[0].text == "Ny høring til udvalgene"


def status_shown(response: Response, _s: Session, world: World) -> None:
    assert [r.text for r in response.replies] == [f"Status: {world.sent_title}"]
    assert response.replies[0].card is not None


def draft_saved(response: Response, session: Session, _w: World) -> None:
    assert response.card_update is not None
    assert session.exec(select(func.count()).select_from(FeedbackItem)).one() == 3


def draft_sent(response: Response, session: Session, world: World) -> None:
    assert response.card_update is not None
    assert item_state(session, world.draft_id) == ItemState.SENT


def form_again(response: Response, _s: Session, _w: World) -> None:
    assert response.card_update is not None
    assert not response.replies


def answers_shown(response: Response, _s: Session, world: World) -> None:
    assert response.replies[0].text == feedback_texts.ANSWERS_FOLLOW.format(title=world.sent_title)
    assert response.replies[1].card is not None


def download_offered(response: Response, _s: Session, world: World) -> None:
    assert response.replies[0].text == feedback_texts.EXPORT_FOLLOWS.format(title=world.sent_title)
    card = response.replies[1].card
    assert card is not None
    [link] = [a["url"] for a in card["actions"] if a["type"] == "Action.OpenUrl"]
    assert link.startswith(f"https://{PUBLIC_HOST}/exports/{world.sent_id}.xlsx.")


def item_closed(response: Response, session: Session, world: World) -> None:
    assert response.card_update is not None
    assert item_state(session, world.sent_id) == ItemState.CLOSED


def not_scheduled(response: Response, session: Session, world: World) -> None:
    # The prepared draft has no send time: nothing to cancel, said plainly, and it stays a draft.
    assert only_text(response) == feedback_texts.NOT_SCHEDULED.format(title="Kutymefridage ophører")
    assert item_state(session, world.draft_id) == ItemState.DRAFT


def retry_not_needed(response: Response, _s: Session, world: World) -> None:
    # The prepared item's row to ØS is still pending (no dispatcher here): nothing to send again, said plainly.
    expected = feedback_texts.RETRY_NOT_FAILED.format(title=world.sent_title, state="på vej", committee=OES_NAME)
    assert only_text(response) == expected


def change_form_shown(response: Response, session: Session, world: World) -> None:
    assert response.card_update is not None and not response.replies
    item = session.get(FeedbackItem, world.sent_id)
    assert item is not None and item.revision == 1


def item_changed(response: Response, session: Session, world: World) -> None:
    assert response.card_update is not None
    item = session.get(FeedbackItem, world.sent_id)
    assert item is not None and (item.revision, item.deadline) == (2, date(2026, 12, 17))


def withdrawal_asked(response: Response, session: Session, world: World) -> None:
    assert response.card_update is not None
    assert item_state(session, world.sent_id) == ItemState.SENT


def item_withdrawn(response: Response, session: Session, world: World) -> None:
    assert response.card_update is not None
    assert item_state(session, world.sent_id) == ItemState.WITHDRAWN


def answer_stored(response: Response, session: Session, world: World) -> None:
    assert response.card_update is not None
    assert latest_answer(session, world.sent_id, OES) is not None


def marked_done(response: Response, session: Session, world: World) -> None:
    occurrence = reminder_store.occurrence(session, world.occurrence_id)
    assert response.card_update is not None
    assert occurrence is not None and occurrence.done_at is not None


def snoozed(response: Response, session: Session, world: World) -> None:
    occurrence = reminder_store.occurrence(session, world.occurrence_id)
    assert response.card_update is not None
    assert occurrence is not None and occurrence.snoozed_until is not None


def rated(response: Response, session: Session, world: World) -> None:
    assert response.card_update is not None
    ratings = session.exec(select(AnswerRating).where(AnswerRating.entry_id == world.entry_id)).all()
    assert [r.helpful for r in ratings] == [1]


def escalations_in(session: Session) -> list[escalation_store.Escalation]:
    return escalation_store.listed(session)


def outbox_rows(session: Session, key: str) -> int:
    return session.exec(select(func.count()).select_from(OutboxMessage).where(OutboxMessage.dedupe_key == key)).one()


def consent_shown(response: Response, session: Session, _w: World) -> None:
    assert response.card_update is not None and escalation_texts.CONFIRM_ACTION in str(response.card_update)
    assert len(escalations_in(session)) == 2, "nothing is stored before the employee confirms"


def escalation_sent(response: Response, session: Session, _w: World) -> None:
    assert response.card_update is not None and escalation_texts.ON_ITS_WAY in str(response.card_update)
    assert len(escalations_in(session)) == 3
    assert outbox_rows(session, "escalation:3:inbox") == 1


def nothing_sent(response: Response, session: Session, _w: World) -> None:
    assert response.card_update is not None and escalation_texts.CANCELLED in str(response.card_update)
    assert len(escalations_in(session)) == 2


def escalation_taken(response: Response, session: Session, _w: World) -> None:
    row = escalation_store.get(session, OPEN_ESCALATION)
    assert response.card_update is not None and row is not None
    assert (row.state, row.taken_by) == ("taken", ROLES["admin"][1])


def escalation_answered(response: Response, session: Session, _w: World) -> None:
    row = escalation_store.get(session, OPEN_ESCALATION)
    assert response.card_update is not None and row is not None and row.state == "answered"
    assert outbox_rows(session, f"escalation:{OPEN_ESCALATION}:answer") == 1


def opened(response: Response, _s: Session, world: World) -> None:
    [reply] = response.replies
    assert reply.card is not None and response.card_update is None
    assert [a["data"]["entry_id"] for a in reply.card["actions"]] == [world.entry_id, world.entry_id]


def draft_form_shown(response: Response, _s: Session, _w: World) -> None:
    assert response.replies[0].card is not None
    assert response.replies[0].text == draft_texts.NEW_DRAFT


def draft_form_opened(response: Response, _s: Session, _w: World) -> None:
    assert [r.text for r in response.replies] == [draft_texts.FORM_FOLLOWS, draft_texts.NEW_DRAFT]
    assert response.replies[1].card is not None and response.card_update is None


def draft_stored(response: Response, session: Session, _w: World) -> None:
    assert response.card_update is not None
    [draft] = session.exec(select(DraftEntry)).all()
    assert (draft.entry_id, draft.origin, draft.made_by) == ("frugtkurv-i-kantinen", "escalation:12", "Admin Fiktivsen")


# A draft that checks as an entry of the shipped knowledge base (its questions reach it, and only it).
DRAFT = {
    "title": "Frugtkurv i kantinen",
    "questions": "Hvornår kommer frugtkurven?\nfrugtkurv kantine\nEr der frugtkurv om mandagen?",
    "answer": "Frugtkurven står i kantinen hver mandag fra klokken otte.",
    "document": "plan-med-2024-2025",
    "section": "Indsatsområde 3: Trivsel & Nærvær",
    "organisation": "Albertslund Kommune",
    "valid_from": "",
    "valid_to": "",
    "tags": "",
    "entry_id": "",
}


ADMINS = frozenset({"admin"})
LEADS = frozenset({"kommunemed", "admin"})
OES_MEMBERS = frozenset({"member", "chair", "secretary"})
OES_MARKERS = frozenset({"chair", "secretary"})
EVERYONE = frozenset(ROLES)
NOT_MEMBER = feedback_texts.NOT_MEMBER.format(committee=OES_NAME)
NOT_YOURS = reminder_texts.NOT_YOURS.format(committee=OES_NAME)


def payload(action: str, **ids: Any) -> Callable[[World], dict[str, Any]]:
    """The card payload `action` carries, with ids (World attribute names) resolved against the prepared world."""

    def build(world: World) -> dict[str, Any]:
        data: dict[str, Any] = {"medbot": action, "v": 1}
        for key, value in ids.items():
            data[key] = getattr(world, value) if isinstance(value, str) and hasattr(world, value) else value
        return data

    return build


def with_inputs(build: Callable[[World], dict[str, Any]], inputs: dict[str, str]) -> Callable[[World], dict[str, Any]]:
    """A payload plus the card's input values, as Teams sends them."""
    return lambda world: {**build(world), **inputs}


ANSWER = answer_inputs(meeting_date="2026-11-20")
TO_HR = "Må jeg tage min hund med på arbejde?"
TAKE, ANSWER_IT = escalation_texts.TAKE_ACTION, escalation_texts.ANSWER_ACTION
IN_THE_INBOX = {"kind": "channel", "conversation": f"{HR_INBOX};messageid=42"}
ACTIONS = [
    Action("hjælp", EVERYONE, help_shown),
    Action("genindlæs", ADMINS, reloaded),
    Action("ny kladde", ADMINS, draft_form_shown),
    Action(
        "draft.new",
        ADMINS,
        draft_form_opened,
        data=payload("draft.new", question="Hvornår kommer frugtkurven?", escalation_id=12),
    ),
    Action("draft.save", ADMINS, draft_stored, data=with_inputs(payload("draft.save", origin="escalation:12"), DRAFT)),
    Action("tilknyt", ADMINS, channel_linked, args=BAE_NAME, kind="channel", conversation=NEW_CHANNEL),
    Action("fjern tilknytning", ADMINS, channel_unlinked, kind="channel", conversation=f"{OES_CHANNEL};messageid=9"),
    Action(
        "admin.link",
        ADMINS,
        channel_linked,
        data=payload("admin.link", committee_id=BAE),
        kind="channel",
        conversation=NEW_CHANNEL,
    ),
    Action("ny høring", LEADS, item_form_shown),
    Action("status", LEADS, status_shown),
    Action("påmindelser", OES_MARKERS | LEADS, overview_shown, refusal=reminder_texts.NO_COMMITTEES),
    Action(
        "feedback.draft",
        LEADS,
        draft_saved,
        data=with_inputs(payload("feedback.draft"), item_inputs(recipients=OES)),
    ),
    Action("feedback.send", LEADS, draft_sent, data=payload("feedback.send", item_id="draft_id")),
    Action("feedback.revise", LEADS, form_again, data=payload("feedback.revise", item_id="draft_id")),
    Action("feedback.unschedule", LEADS, not_scheduled, data=payload("feedback.unschedule", item_id="draft_id")),
    Action("feedback.answers", LEADS, answers_shown, data=payload("feedback.answers", item_id="sent_id")),
    Action(
        "feedback.export", LEADS, download_offered, data=payload("feedback.export", item_id="sent_id", format="xlsx")
    ),
    Action("feedback.close", LEADS, item_closed, data=payload("feedback.close", item_id="sent_id")),
    Action(
        "feedback.retry", LEADS, retry_not_needed, data=payload("feedback.retry", item_id="sent_id", committee_id=OES)
    ),
    Action("feedback.edit", LEADS, change_form_shown, data=payload("feedback.edit", item_id="sent_id")),
    Action(
        "feedback.change",
        LEADS,
        item_changed,
        data=with_inputs(payload("feedback.change", item_id="sent_id", revision=1), {"deadline": "2026-12-17"}),
    ),
    Action("feedback.withdraw", LEADS, withdrawal_asked, data=payload("feedback.withdraw", item_id="sent_id")),
    Action(
        "feedback.withdraw.confirm",
        LEADS,
        item_withdrawn,
        data=payload("feedback.withdraw.confirm", item_id="sent_id", revision=1),
    ),
    Action(
        "feedback.submit",
        OES_MEMBERS,
        answer_stored,
        refusal=NOT_MEMBER,
        data=with_inputs(payload("feedback.submit", item_id="sent_id", committee_id=OES), ANSWER),
    ),
    Action(
        "feedback.amend",
        OES_MEMBERS,
        form_again,
        refusal=NOT_MEMBER,
        data=payload("feedback.amend", item_id="sent_id", committee_id=OES),
    ),
    Action(
        reminder_texts.DONE_ACTION,
        OES_MARKERS,
        marked_done,
        refusal=NOT_YOURS,
        data=payload(reminder_texts.DONE_ACTION, occurrence_id="occurrence_id"),
    ),
    Action(
        reminder_texts.SNOOZE_ACTION,
        OES_MARKERS,
        snoozed,
        refusal=NOT_YOURS,
        data=payload(reminder_texts.SNOOZE_ACTION, occurrence_id="occurrence_id"),
    ),
    Action(qa_cards.RATE_ACTION, EVERYONE, rated, data=payload("answer.rate", entry_id="entry_id", helpful=True)),
    Action(qa_cards.OPEN_ACTION, EVERYONE, opened, data=payload(qa_cards.OPEN_ACTION, entry_id="entry_id")),
    Action(
        escalation_texts.ASK_ACTION, EVERYONE, consent_shown, data=payload(escalation_texts.ASK_ACTION, question=TO_HR)
    ),
    Action(
        escalation_texts.CONFIRM_ACTION,
        EVERYONE,
        escalation_sent,
        data=payload(escalation_texts.CONFIRM_ACTION, question=TO_HR),
    ),
    Action(escalation_texts.CANCEL_ACTION, EVERYONE, nothing_sent, data=payload(escalation_texts.CANCEL_ACTION)),
    Action(
        escalation_texts.TAKE_ACTION,
        ADMINS,
        escalation_taken,
        data=payload(escalation_texts.TAKE_ACTION, escalation_id=OPEN_ESCALATION),
        **IN_THE_INBOX,
    ),
    Action(
        escalation_texts.ANSWER_ACTION,
        ADMINS,
        escalation_answered,
        data=with_inputs(
            payload(escalation_texts.ANSWER_ACTION, escalation_id=OPEN_ESCALATION), {"answer": "Nej, desværre."}
        ),
        **IN_THE_INBOX,
    ),
]
# Every command word and card action of the production table, each with the case of its route (a command's other
# spellings share their route, and are sent as typed): a route the table gains without a case here fails below.
CASE_OF_ROUTE = {id(action.route()): action for action in ACTIONS}
CASES = [
    pytest.param(
        key,
        CASE_OF_ROUTE[id(route)],
        role,
        id=f"{key}-as-{role}-{'allowed' if role in CASE_OF_ROUTE[id(route)].allowed else 'refused'}",
    )
    for key, route in router.routes()
    if id(route) in CASE_OF_ROUTE
    for role in ROLES
]


# ---------------------------------------------------------------------------------------------------------------
# The prepared world, copied for every case


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    """One migrated SQLite file with the organisation, two items, a reminder and the loaded knowledge."""
    template = tmp_path_factory.mktemp("role-matrix") / "template.db"
    url = f"sqlite:///{template}"
    upgrade(url)
    engine = make_engine(url)
    settings = sqlite_settings(template.parent)
    knowledge = KnowledgeHolder(settings.knowledge_dir, engine, clock=lambda: NOW)
    knowledge.load()
    with session_scope(engine) as session:
        org.import_organisation(session, parse_organisation(ORGANISATION), NOW)
        for channel in (OES_CHANNEL, NEW_CHANNEL, HR_INBOX):  # the handler stores every conversation before its turn
            conversations.upsert(
                session,
                Conversation(id=channel, kind="channel", service_url="https://smba.invalid", tenant_id=TENANT),
                NOW,
            )
        org.link_channel(session, OES, OES_CHANNEL)
        session.add(Committee(id=CLOSED_DOWN, name="AfdelingsMED Nedlagt", kind="AfdelingsMED", active=False))
        known = {c.id: c.name for c in feedback.choosable_committees(session)}
        items = []
        for title in ("Kutymefridage ophører", "Ny retningslinje om hjemmearbejde"):
            content, problems, _raw = feedback.read_item_form(
                item_inputs(title=title, recipients=OES), NOW.date(), known
            )
            assert content is not None, problems
            items.append(
                feedback.store.save_draft(
                    session,
                    content,
                    creator_aad_id=KOMMUNEMED_SECRETARY,
                    creator_name="Camilla",
                    tenant_id=TENANT,
                    now=NOW,
                )
            )
        draft, sent = items
        assert feedback.send_item(session, sent, NOW, ZoneInfo(settings.timezone))
        occurrence = reminder_store.ensure_occurrence(session, OES, "vold-og-trusler", date(2027, 2, 25), NOW)
        for question in ("Hvornår får jeg min feriepenge?", "Kan jeg få fri til min datters dimission?"):
            escalation_store.add_once(
                session,
                tenant_id=TENANT,
                asker_aad_id=OUTSIDER,
                asker_name=ROLES["employee"][1],
                question=question,
                context="refused",
                now=NOW,
            )
        assert escalation_store.answer(session, ANSWERED_ESCALATION, "Ja, en dag.", "Admin Fiktivsen", NOW)
        assert draft.id is not None and sent.id is not None
        prepared = World(
            template=template,
            knowledge=knowledge,
            draft_id=draft.id,
            sent_id=sent.id,
            sent_title=sent.title,
            occurrence_id=occurrence.id,
            entry_id=sorted(knowledge.current.entries)[0],
        )
    engine.dispose()
    yield prepared


@pytest.fixture
def runtime(world: World, tmp_path: Path) -> Iterator[Runtime]:
    """medbot's runtime on a fresh copy of the prepared world, its clock at NOW, one admin (ADMIN)."""
    copy = tmp_path / "medbot.db"
    shutil.copyfile(world.template, copy)
    settings = sqlite_settings(
        tmp_path, admins=frozenset({ADMIN}), escalation_channel=HR_INBOX, public_host=PUBLIC_HOST
    )
    engine = make_engine(settings.database_url)
    world.knowledge.engine = engine
    yield Runtime(settings=settings, engine=engine, knowledge=world.knowledge, clock=lambda: NOW)
    engine.dispose()


def snapshot(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table."""
    with Session(engine) as session:
        return {
            table.name: sorted((tuple(row) for row in session.execute(core_select(table))), key=repr)
            for table in SQLModel.metadata.sorted_tables
        }


def file_bytes(engine: Engine) -> bytes:
    """The SQLite file, with the write-ahead log checkpointed into it first."""
    with engine.connect() as connection:
        busy, _log, _moved = connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()
    assert busy == 0, "a connection still holds the database"
    assert engine.url.database is not None
    return Path(engine.url.database).read_bytes()


def unchanged_since(runtime: Runtime, before: tuple[dict[str, list[tuple[Any, ...]]], bytes]) -> None:
    """Assert that nothing changed: rows first (a readable diff), then the file's bytes.

    Counts held in memory to be written later (ratings) are written first, so a refusal that counted shows too.
    """
    runtime.anonymous.flush()
    rows, raw = before
    assert snapshot(runtime.engine) == rows
    assert file_bytes(runtime.engine) == raw, "no row differs, but the file does: something was written"


def state(engine: Engine) -> tuple[dict[str, list[tuple[Any, ...]]], bytes]:
    """Everything a refusal must leave as it was: the rows, and the file's bytes."""
    return snapshot(engine), file_bytes(engine)


def turn(runtime: Runtime, role: str, *, text: str = "", data: dict[str, Any] | None = None, **where: str) -> Response:
    """One turn by `role`, as the service runs it: a message (`text`) or a card action (`data`)."""
    aad, name = ROLES[role]
    payload = data or {}

    def build(actor: Actor, now: Any) -> Request:
        return Request(
            actor=actor,
            conversation_id=where.get("conversation", "a:personal-chat"),
            conversation_kind=where.get("kind", "personal"),
            tenant_id=TENANT,
            now=now,
            text=text,
            action=str(payload.get("medbot", "")),
            data=payload,
        )

    return runtime.run_dialog(build, aad, name)


# ---------------------------------------------------------------------------------------------------------------
# The matrix


def test_every_route_of_the_table_is_in_the_matrix() -> None:
    assert [key for key, route in router.routes() if id(route) not in CASE_OF_ROUTE] == []


@pytest.mark.parametrize(("key", "action", "role"), CASES)
def test_only_the_right_roles_may_act(runtime: Runtime, world: World, key: str, action: Action, role: str) -> None:
    before = state(runtime.engine)
    text = f"{key} {action.args}".strip() if key in router.COMMANDS else ""
    data = action.data(world) if key in router.ACTIONS else {}
    response = turn(runtime, role, text=text, data=data, kind=action.kind, conversation=action.conversation)
    refusal = action.expected_refusal()
    if role in action.allowed:
        assert not refusal or only_text(response) != refusal
        runtime.anonymous.flush()  # ratings are held in memory and written apart from the turn
        with Session(runtime.engine) as session:
            action.effect(response, session, world)
    else:
        assert refusal and only_text(response) == refusal
        unchanged_since(runtime, before)


PÅMINDELSER = {
    "employee": "refused",
    "other-member": "refused",
    "member": "refused",
    "chair": "own",
    "secretary": "own",
    "kommunemed": "all",
    "admin": "all",
}


@pytest.mark.parametrize(
    ("role", "sees"), [pytest.param(r, s, id=f"påmindelser-as-{r}-{s}") for r, s in PÅMINDELSER.items()]
)
def test_reminder_overview_shows_each_role_only_what_it_may_see(runtime: Runtime, role: str, sees: str) -> None:
    before = snapshot(runtime.engine)
    response = turn(runtime, role, text="påmindelser")
    assert snapshot(runtime.engine) == before
    if sees == "refused":
        assert only_text(response) == reminder_texts.NO_COMMITTEES
        return
    card = response.replies[0].card
    assert card is not None
    shown = str(card)
    assert OES_NAME in shown
    assert (BAE_NAME in shown) == (sees == "all")


@pytest.mark.parametrize("role", ["employee", "other-member", "kommunemed", "admin"])
def test_anyone_writing_in_the_committees_linked_channel_may_answer_for_it(
    runtime: Runtime, world: World, role: str
) -> None:
    data = {"medbot": "feedback.submit", "v": 1, "item_id": world.sent_id, "committee_id": OES, **ANSWER}
    response = turn(runtime, role, data=data, kind="channel", conversation=f"{OES_CHANNEL};messageid=7")
    assert response.card_update is not None
    with Session(runtime.engine) as session:
        answer = latest_answer(session, world.sent_id, OES)
        assert answer is not None and answer.submitted_by_name == ROLES[role][1]


# ---------------------------------------------------------------------------------------------------------------
# Forged and stale clicks by people who may act: refused in Danish, and not one byte written


@dataclass(frozen=True)
class Refusal:
    """A click or command that must be refused although its sender holds the right role."""

    name: str
    role: str
    says: str
    text: str = ""
    data: Callable[[World], dict[str, Any]] = field(default=lambda _w: {})
    kind: str = "personal"
    conversation: str = "a:personal-chat"


def said(response: Response) -> str:
    """What the user reads: the replies' texts and every string on a replacing card."""
    return "\n".join([*(r.text for r in response.replies), str(response.card_update or "")])


def close_sent_item(**extra: Any) -> Callable[[World], dict[str, Any]]:
    """'Luk høringen' on the sent item, with `extra` over the payload."""
    return lambda world: {**payload("feedback.close", item_id="sent_id")(world), **extra}


REFUSALS = [
    # A download link works for whoever holds it for a few minutes: never handed out in a channel.
    Refusal(
        "feedback-export-in-a-channel",
        "kommunemed",
        feedback_texts.EXPORT_ONLY_PERSONAL,
        data=payload("feedback.export", item_id="sent_id", format="xlsx"),
        kind="channel",
        conversation=OES_CHANNEL,
    ),
    # Issue 12, point 4: linking an unknown committee used to unlink the channel's committee first.
    Refusal(
        "admin-link-unknown-committee-in-a-linked-channel",
        "admin",
        admin_cards.LINK_STALE,
        data=payload("admin.link", committee_id="afdelingsmed-findes-ikke"),
        kind="channel",
        conversation=OES_CHANNEL,
    ),
    Refusal(
        "admin-link-committee-no-longer-in-the-organisation",
        "admin",
        admin_cards.LINK_STALE,
        data=payload("admin.link", committee_id=CLOSED_DOWN),
        kind="channel",
        conversation=OES_CHANNEL,
    ),
    Refusal(
        "admin-link-committee-id-a-number",
        "admin",
        admin_cards.LINK_STALE,
        data=payload("admin.link", committee_id=7),
        kind="channel",
        conversation=OES_CHANNEL,
    ),
    Refusal(
        "admin-link-committee-id-a-list",
        "admin",
        admin_cards.LINK_STALE,
        data=payload("admin.link", committee_id=[BAE]),
        kind="channel",
        conversation=OES_CHANNEL,
    ),
    Refusal(
        "admin-link-without-committee",
        "admin",
        admin_cards.LINK_STALE,
        data=payload("admin.link"),
        kind="channel",
        conversation=OES_CHANNEL,
    ),
    Refusal(
        "admin-link-in-a-personal-chat",
        "admin",
        admin_cards.LINK_ONLY_IN_CHANNEL,
        data=payload("admin.link", committee_id=BAE),
    ),
    Refusal(
        "tilknyt-alone-shows-the-link",
        "admin",
        admin_cards.LINK_STATUS.format(committees=f"**{OES_NAME}**"),
        text="tilknyt",
        kind="channel",
        conversation=OES_CHANNEL,
    ),
    Refusal(
        "tilknyt-the-committee-already-linked",
        "admin",
        admin_cards.LINK_ALREADY.format(committee=OES_NAME),
        text=f"tilknyt {OES_NAME}",
        kind="channel",
        conversation=f"{OES_CHANNEL};messageid=9",
    ),
    Refusal(
        "fjern-tilknytning-nothing-linked",
        "admin",
        admin_cards.UNLINK_NOTHING,
        text="fjern tilknytning",
        kind="channel",
        conversation=NEW_CHANNEL,
    ),
    Refusal(
        "fjern-tilknytning-in-a-personal-chat", "admin", admin_cards.UNLINK_ONLY_IN_CHANNEL, text="fjern tilknytning"
    ),
    Refusal(
        "tilknyt-no-such-committee",
        "admin",
        admin_cards.LINK_NO_MATCH.format(name="Qwxz Zyxw"),
        text="tilknyt Qwxz Zyxw",
        kind="channel",
        conversation=OES_CHANNEL,
    ),
    Refusal("tilknyt-in-a-personal-chat", "admin", admin_cards.LINK_ONLY_IN_CHANNEL, text=f"tilknyt {BAE_NAME}"),
    Refusal("unknown-action", "admin", texts.UNKNOWN_ACTION, data=payload("feedback.delete", item_id="sent_id")),
    *(
        Refusal(f"version-{name}", "admin", texts.UNKNOWN_VERSION, data=close_sent_item(v=version))
        for name, version in (("2", 2), ("as-text", "1"), ("true", True), ("1.5", 1.5))
    ),
    Refusal("close-unknown-item", "admin", feedback_texts.ITEM_UNKNOWN, data=payload("feedback.close", item_id=4711)),
    Refusal(
        "draft-over-a-sent-item",
        "kommunemed",
        feedback_texts.ALREADY_SENT.format(title="Ny retningslinje om hjemmearbejde"),
        data=with_inputs(payload("feedback.draft", item_id="sent_id"), item_inputs(recipients=OES)),
    ),
    Refusal(
        "draft-title-a-number",
        "kommunemed",
        feedback_texts.NOT_TEXT.format(field="Titel"),
        data=lambda w: {**payload("feedback.draft")(w), **item_inputs(recipients=OES), "title": 7},
    ),
    Refusal(
        "answer-a-number",
        "secretary",
        feedback_texts.NOT_TEXT.format(field="Svar på spørgsmål 1"),
        data=lambda w: {**payload("feedback.submit", item_id="sent_id", committee_id=OES)(w), **ANSWER, "answer_1": 42},
    ),
    Refusal(
        "answer-for-a-committee-not-asked",
        "admin",
        feedback_texts.NOT_RECIPIENT.format(title="Ny retningslinje om hjemmearbejde"),
        data=with_inputs(payload("feedback.submit", item_id="sent_id", committee_id=BAE), ANSWER),
        kind="channel",
        conversation=OES_CHANNEL,
    ),
    Refusal(
        "reminder-unknown-occurrence",
        "secretary",
        reminder_texts.UNKNOWN_OCCURRENCE,
        data=payload(reminder_texts.DONE_ACTION, occurrence_id="findes-ikke"),
    ),
    Refusal(
        "reminder-discussed-in-the-future",
        "secretary",
        "ligger ude i fremtiden",
        data=with_inputs(
            payload(reminder_texts.DONE_ACTION, occurrence_id="occurrence_id"),
            {reminder_texts.DATE_INPUT: "2027-01-04"},
        ),
    ),
    Refusal(
        "reminder-date-not-a-date",
        "secretary",
        reminder_texts.BAD_DATE.format(value="i går"),
        data=with_inputs(
            payload(reminder_texts.DONE_ACTION, occurrence_id="occurrence_id"), {reminder_texts.DATE_INPUT: "i går"}
        ),
    ),
    Refusal(
        "rate-unknown-entry",
        "employee",
        qa_cards.RATING_STALE,
        data=payload("answer.rate", entry_id="findes-ikke", helpful=True),
    ),
    Refusal(
        "rate-helpful-as-text",
        "employee",
        qa_cards.RATING_INVALID,
        data=payload("answer.rate", entry_id="entry_id", helpful="ja"),
    ),
    Refusal(
        "open-unknown-entry",
        "employee",
        qa_cards.OPEN_STALE,
        data=payload(qa_cards.OPEN_ACTION, entry_id="findes-ikke"),
    ),
    Refusal("open-without-entry", "employee", qa_cards.OPEN_STALE, data=payload(qa_cards.OPEN_ACTION)),
    Refusal(
        "ny-kladde-in-a-channel",
        "admin",
        draft_texts.ONLY_PERSONAL,
        text="ny kladde",
        kind="channel",
        conversation=OES_CHANNEL,
    ),
    Refusal(
        "draft-section-not-in-the-document",
        "admin",
        draft_texts.NOTHING_SAVED,
        data=with_inputs(payload("draft.save"), {**DRAFT, "section": "Punkt 99: Findes ikke"}),
    ),
    Refusal(
        "draft-title-a-number",
        "admin",
        draft_texts.NOT_TEXT.format(field="Titel"),
        data=lambda w: {**payload("draft.save")(w), **DRAFT, "title": 7},
    ),
    *(
        Refusal(
            f"escalation-{name}-in-a-channel",
            "employee",
            escalation_texts.ONLY_PERSONAL,
            data=payload(action, question=TO_HR),
            kind="channel",
            conversation=OES_CHANNEL,
        )
        for name, action in (("ask", escalation_texts.ASK_ACTION), ("confirm", escalation_texts.CONFIRM_ACTION))
    ),
    *(
        Refusal(
            f"escalation-confirm-{name}",
            "employee",
            escalation_texts.OFFER_UNREADABLE,
            data=lambda w, q=question, e=entry: {**payload(escalation_texts.CONFIRM_ACTION)(w), "question": q, **e},
        )
        for name, question, entry in (
            ("question-a-number", 7, {}),
            ("question-empty", "   ", {}),
            ("question-too-long", "x" * 1001, {}),
            ("entry-id-forged", TO_HR, {"entry_id": "../etc/passwd"}),
        )
    ),
    *(
        Refusal(
            f"escalation-{name}",
            "admin",
            says,
            data=with_inputs(payload(action, escalation_id=escalation), inputs),
            **IN_THE_INBOX,
        )
        for name, action, escalation, inputs, says in (
            ("take-unknown", TAKE, 4711, {}, escalation_texts.UNKNOWN_ESCALATION),
            ("take-id-as-text", TAKE, "1", {}, escalation_texts.UNKNOWN_ESCALATION),
            ("take-id-true", TAKE, True, {}, escalation_texts.UNKNOWN_ESCALATION),
            ("take-answered", TAKE, ANSWERED_ESCALATION, {}, "allerede besvaret"),
            ("answer-unknown", ANSWER_IT, 4711, {"answer": "Ja."}, escalation_texts.UNKNOWN_ESCALATION),
            ("answer-again", ANSWER_IT, ANSWERED_ESCALATION, {"answer": "Nej."}, "allerede besvaret"),
            ("answer-empty", ANSWER_IT, OPEN_ESCALATION, {"answer": " \n "}, escalation_texts.ANSWER_EMPTY),
            ("answer-missing", ANSWER_IT, OPEN_ESCALATION, {}, escalation_texts.ANSWER_EMPTY),
            ("answer-too-long", ANSWER_IT, OPEN_ESCALATION, {"answer": "x" * 4001}, escalation_texts.ANSWER_TOO_LONG),
        )
    ),
    Refusal(
        "escalation-answer-a-number",
        "admin",
        escalation_texts.ANSWER_NOT_TEXT,
        data=lambda w: {**payload(escalation_texts.ANSWER_ACTION, escalation_id=OPEN_ESCALATION)(w), "answer": 42},
        **IN_THE_INBOX,
    ),
]


@pytest.mark.parametrize("refusal", REFUSALS, ids=lambda r: r.name)
def test_forged_or_stale_click_is_refused_and_not_one_byte_is_written(
    runtime: Runtime, world: World, refusal: Refusal
) -> None:
    before = state(runtime.engine)
    response = turn(
        runtime,
        refusal.role,
        text=refusal.text,
        data=refusal.data(world),
        kind=refusal.kind,
        conversation=refusal.conversation,
    )
    assert refusal.says in said(response)
    unchanged_since(runtime, before)


def test_stale_link_card_leaves_the_channel_with_its_committee(runtime: Runtime, world: World) -> None:
    data = payload("admin.link", committee_id="afdelingsmed-findes-ikke")(world)
    turn(runtime, "admin", data=data, kind="channel", conversation=OES_CHANNEL)
    with Session(runtime.engine) as session:
        committee = session.get(Committee, OES)
        assert committee is not None and committee.conversation_id == OES_CHANNEL
