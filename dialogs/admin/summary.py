"""The weekly admin summary: what the editors and HR & Løn should look at, one card in each admin's 1:1 chat.

It lists the questions asked most often without an answer (each with a "Lav kladde" button that starts a draft
entry), the worst-rated answers, the open escalations (age and state only: no names, no question text, because a
Teams chat keeps the card longer than the retention period keeps an escalation) and the entries `medbot kb stale`
reports. It is written once per ISO week, on the week's first working day from 08:00 local time; a missed morning
goes out at the next tick of the same week. The outbox's dedupe key `summary:<ISO week>:<admin>` makes every tick,
restart and replica after the first write nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func
from sqlmodel import Session, col, select

from dialogs.admin import texts
from dialogs.base import Reply, activity_json
from dialogs.cards import card, container, execute, heading, text
from dialogs.workdays import is_working_day
from knowledge.decide import STALE_DAYS, Expiry, expiring
from knowledge.index import KnowledgeBase
from knowledge.texts import danish_date, weekday_date
from storage import escalations
from storage import knowledge as store
from storage.conversations import personal_for
from storage.org import Person
from storage.outbox import OutboxMessage, enqueue

log = logging.getLogger(__name__)

SEND_FROM = time(8, 0)
SHOWN_QUESTIONS = 8
SHOWN_RATED = 5
SHOWN_ESCALATIONS = 5
SHOWN_STALE = 8
DRAFT_ACTION = "draft.new"
KEY_PREFIX = "summary"


# ---------------------------------------------------------------------------------------------------------------
# What the card shows (plain values)


@dataclass(frozen=True)
class RatedEntry:
    """An entry rated 👎 at least once; `title` is None when the entry is no longer in the knowledge base."""

    entry_id: str
    title: str | None
    helpful: int
    unhelpful: int


@dataclass(frozen=True)
class OpenEscalation:
    """An escalation nobody has answered yet, without anything that says who asked or what."""

    state: str  # EscalationState value: new | taken
    age_days: int


@dataclass(frozen=True)
class StaleEntry:
    """An entry `medbot kb stale` reports, with its facts that expired or expire soon."""

    entry_id: str
    title: str
    expiries: tuple[Expiry, ...]

    @property
    def first(self) -> date:
        """The earliest day among its facts: the list is ordered by it."""
        return min(e.day for e in self.expiries)


@dataclass(frozen=True)
class Summary:
    """Everything one week's summary shows; the same for every admin."""

    week: str  # ISO year-week, e.g. 2026-W11
    today: date
    retention_days: int
    unanswered: tuple[store.QuestionCount, ...]
    worst_rated: tuple[RatedEntry, ...]
    open_escalations: int
    oldest_escalations: tuple[OpenEscalation, ...]
    stale: tuple[StaleEntry, ...]
    stale_days: int = STALE_DAYS


def iso_week(day: date) -> str:
    """`2026-W11`: the ISO year and week of `day`, the period a summary covers and its dedupe key names."""
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


def first_working_day_of_week(day: date) -> date | None:
    """The first working day of `day`'s ISO week (Tuesday after a Monday holiday), or None in a week without one."""
    monday = day - timedelta(days=day.weekday())
    return next((d for d in (monday + timedelta(days=n) for n in range(7)) if is_working_day(d)), None)


def due_week(now: datetime, tz: ZoneInfo) -> str | None:
    """The ISO week whose summary is due at `now`: from 08:00 on the week's first working day until the week ends."""
    local = now.astimezone(tz)
    first = first_working_day_of_week(local.date())
    if first is None or (local.date(), local.time()) < (first, SEND_FROM):
        return None
    return iso_week(local.date())


# ---------------------------------------------------------------------------------------------------------------
# The card (pure)


def _expiry_text(expiry: Expiry, today: date) -> str:
    day = danish_date(expiry.day)
    if expiry.field == "valid_to":
        said = texts.SUMMARY_VALID_TO.format(day=day)
    elif expiry.field == "event_date":
        said = texts.SUMMARY_EVENT_DATE.format(day=day)
    else:
        as_of = danish_date(expiry.as_of) if expiry.as_of else ""
        said = texts.SUMMARY_AS_OF.format(as_of=as_of, day=day)
    return said + (texts.SUMMARY_OVERDUE if expiry.day < today else "")


def _age_text(days: int) -> str:
    if days <= 0:
        return texts.SUMMARY_AGE_TODAY
    if days == 1:
        return texts.SUMMARY_AGE_ONE
    return texts.SUMMARY_AGE_DAYS.format(days=days)


def _rated_title(rated: RatedEntry) -> str:
    return rated.title or texts.SUMMARY_ENTRY_GONE.format(entry_id=rated.entry_id)


def draft_button(question: str) -> dict[str, Any]:
    """The "Lav kladde" button: the draft.new action with the question the draft should answer."""
    return execute(texts.SUMMARY_DRAFT, DRAFT_ACTION, question=question)


def summary_fallback(summary: Summary) -> str:
    """The notification text under the card, and what a client without cards shows."""
    return texts.SUMMARY_FALLBACK.format(
        unanswered=len(summary.unanswered),
        worst=len(summary.worst_rated),
        escalations=summary.open_escalations,
        stale=len(summary.stale),
    )


def _section(title: str) -> dict[str, Any]:
    block = heading(title, size="Medium")
    block["spacing"] = "Large"
    block["separator"] = True
    return block


def summary_card(summary: Summary) -> dict[str, Any]:
    """One short card: four sections, each saying briefly when it is empty."""
    body: list[dict[str, Any]] = [
        heading(texts.SUMMARY_TITLE),
        text(texts.SUMMARY_WEEK.format(week=summary.week, day=weekday_date(summary.today)), subtle=True),
        text(texts.SUMMARY_PERIOD.format(days=summary.retention_days), subtle=True, size="Small"),
        _section(texts.SUMMARY_UNANSWERED),
    ]
    if not summary.unanswered:
        body.append(text(texts.SUMMARY_NO_UNANSWERED, subtle=True))
    for asked in summary.unanswered[:SHOWN_QUESTIONS]:
        said = texts.SUMMARY_ASKED.format(count=asked.count, question=asked.question)
        actions = {"type": "ActionSet", "actions": [draft_button(asked.question)], "spacing": "Small"}
        body.append(container([text(said), actions]))

    body.append(_section(texts.SUMMARY_WORST))
    if not summary.worst_rated:
        body.append(text(texts.SUMMARY_NO_WORST, subtle=True))
    for rated in summary.worst_rated[:SHOWN_RATED]:
        body.append(
            text(
                texts.SUMMARY_RATED.format(title=_rated_title(rated), unhelpful=rated.unhelpful, helpful=rated.helpful),
                spacing="Small",
            )
        )

    body.append(_section(texts.SUMMARY_ESCALATIONS))
    if not summary.open_escalations:
        body.append(text(texts.SUMMARY_NO_ESCALATIONS, subtle=True))
    else:
        many = summary.open_escalations > 1
        count = texts.SUMMARY_ESCALATIONS_MANY if many else texts.SUMMARY_ESCALATIONS_ONE
        body.append(text(count.format(count=summary.open_escalations)))
        lines = [
            f"- {_age_text(e.age_days)}: {texts.SUMMARY_STATES.get(e.state, e.state)}"
            for e in summary.oldest_escalations[:SHOWN_ESCALATIONS]
        ]
        body.append(text("\n".join(lines), spacing="Small"))

    body.append(_section(texts.SUMMARY_STALE.format(days=summary.stale_days)))
    if not summary.stale:
        body.append(text(texts.SUMMARY_NO_STALE, subtle=True))
    for entry in summary.stale[:SHOWN_STALE]:
        facts = "; ".join(_expiry_text(e, summary.today) for e in entry.expiries)
        body.append(text(f"**{entry.title}** · {facts}", spacing="Small"))
    if len(summary.stale) > SHOWN_STALE:
        body.append(text(texts.SUMMARY_MORE.format(count=len(summary.stale) - SHOWN_STALE), subtle=True))

    body.append(text(texts.SUMMARY_FOOTER, subtle=True, size="Small", spacing="Large"))
    return card(body, fallback=summary_fallback(summary))


def summary_lines(summary: Summary) -> list[str]:
    """The same content as plain text, for `medbot kb summary`."""
    lines = [
        f"{texts.SUMMARY_TITLE} – {texts.SUMMARY_WEEK.format(week=summary.week, day=weekday_date(summary.today))}",
        texts.SUMMARY_PERIOD.format(days=summary.retention_days),
        "",
        texts.SUMMARY_UNANSWERED + ":",
    ]
    lines += [f"{q.count:5d}  {q.question}" for q in summary.unanswered[:SHOWN_QUESTIONS]]
    if not summary.unanswered:
        lines.append("  " + texts.SUMMARY_NO_UNANSWERED)
    lines += ["", texts.SUMMARY_WORST + ":"]
    lines += [
        f"  👎 {r.unhelpful} · 👍 {r.helpful}  {_rated_title(r)} ({r.entry_id})"
        for r in summary.worst_rated[:SHOWN_RATED]
    ]
    if not summary.worst_rated:
        lines.append("  " + texts.SUMMARY_NO_WORST)
    lines += ["", texts.SUMMARY_ESCALATIONS + ":"]
    if not summary.open_escalations:
        lines.append("  " + texts.SUMMARY_NO_ESCALATIONS)
    else:
        many = summary.open_escalations > 1
        count = texts.SUMMARY_ESCALATIONS_MANY if many else texts.SUMMARY_ESCALATIONS_ONE
        lines.append("  " + count.format(count=summary.open_escalations))
        lines += [
            f"  - {_age_text(e.age_days)}: {texts.SUMMARY_STATES.get(e.state, e.state)}"
            for e in summary.oldest_escalations[:SHOWN_ESCALATIONS]
        ]
    lines += ["", texts.SUMMARY_STALE.format(days=summary.stale_days) + ":"]
    lines += [
        f"  {s.title} ({s.entry_id}): {'; '.join(_expiry_text(e, summary.today) for e in s.expiries)}"
        for s in summary.stale
    ]
    if not summary.stale:
        lines.append("  " + texts.SUMMARY_NO_STALE)
    return lines


# ---------------------------------------------------------------------------------------------------------------
# Gathering the data


def stale_entries(kb: KnowledgeBase, today: date, within_days: int = STALE_DAYS) -> tuple[StaleEntry, ...]:
    """The entries `medbot kb stale` reports on `today`, the soonest (or longest overdue) first."""
    found = [
        StaleEntry(entry.id, entry.title, expiries)
        for entry in kb.entries.values()
        if (expiries := tuple(expiring(entry, today, within_days)))
    ]
    return tuple(sorted(found, key=lambda s: (s.first, s.entry_id)))


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def gather(session: Session, kb: KnowledgeBase, now: datetime, tz: ZoneInfo, retention_days: int) -> Summary:
    """This week's summary from the database and the live knowledge base, as of `now`."""
    today = now.astimezone(tz).date()
    worst = tuple(
        RatedEntry(
            r.entry_id, kb.entries[r.entry_id].title if r.entry_id in kb.entries else None, r.helpful, r.unhelpful
        )
        for r in store.worst_rated(session, SHOWN_RATED)
    )
    still_open = escalations.listed(session, open_only=True)
    oldest = tuple(
        OpenEscalation(e.state, max(0, (today - _aware(e.created_at).astimezone(tz).date()).days))
        for e in still_open[:SHOWN_ESCALATIONS]
    )
    return Summary(
        week=iso_week(today),
        today=today,
        retention_days=retention_days,
        unanswered=tuple(store.frequent_unanswered(session, SHOWN_QUESTIONS)),
        worst_rated=worst,
        open_escalations=len(still_open),
        oldest_escalations=oldest,
        stale=stale_entries(kb, today),
    )


# ---------------------------------------------------------------------------------------------------------------
# Sending: one outbox row per admin with a 1:1 chat


@dataclass(frozen=True)
class Delivery:
    """What one evaluation did: summaries written, and admins skipped for want of a 1:1 chat with the bot."""

    written: int = 0
    skipped: int = 0


def dedupe_key(week: str, admin_aad_id: str) -> str:
    """`summary:<ISO week>:<admin>`: one summary per admin and week, however many ticks and replicas try."""
    return f"{KEY_PREFIX}:{week}:{admin_aad_id.lower()}"


def admin_ids(session: Session, admins: Iterable[str]) -> tuple[tuple[str, ...], int]:
    """MEDBOT_ADMINS as Entra object ids (an e-mail through the organisation), and how many have no known id."""
    found: set[str] = set()
    unknown = 0
    for admin in {a.strip().lower() for a in admins if a.strip()}:
        if "@" not in admin:
            found.add(admin)
            continue
        person = session.exec(select(Person).where(func.lower(Person.email) == admin)).first()
        if person is not None and person.aad_object_id:
            found.add(person.aad_object_id.lower())
        else:
            unknown += 1
    return tuple(sorted(found)), unknown


def reachable_admins(session: Session, admins: Iterable[str]) -> tuple[int, int]:
    """How many admins have a 1:1 chat with the bot, and how many do not (for `medbot kb summary`)."""
    ids, unknown = admin_ids(session, admins)
    with_chat = sum(1 for aad in ids if personal_for(session, aad) is not None)
    return with_chat, len(ids) - with_chat + unknown


def send_weekly(
    session: Session,
    kb: KnowledgeBase,
    now: datetime,
    tz: ZoneInfo,
    admins: Iterable[str],
    retention_days: int,
) -> Delivery:
    """Write this week's summary for every admin with a 1:1 chat who has none yet; nothing before it is due.

    Runs in the caller's transaction. The data is gathered only when some admin still lacks the week's summary,
    so the ticks after the first cost one query.
    """
    week = due_week(now, tz)
    if week is None:
        return Delivery()
    ids, unknown = admin_ids(session, admins)
    keys = {aad: dedupe_key(week, aad) for aad in ids}
    written_before = set(
        session.exec(select(OutboxMessage.dedupe_key).where(col(OutboxMessage.dedupe_key).in_(list(keys.values()))))
    )
    waiting = [aad for aad in ids if keys[aad] not in written_before]
    skipped = unknown
    written = 0
    activity: dict[str, Any] | None = None
    for aad in waiting:
        chat = personal_for(session, aad)
        if chat is None:
            skipped += 1
            continue
        if activity is None:
            summary = gather(session, kb, now, tz, retention_days)
            activity = activity_json(Reply(text=summary_fallback(summary), card=summary_card(summary)))
        if enqueue(
            session, dedupe_key=keys[aad], activity=activity, conversation_id=chat.id, tenant_id=chat.tenant_id, now=now
        ):
            written += 1
    if written:
        log.info("summary.queued week=%s written=%d skipped=%d", week, written, skipped)
    elif skipped:
        log.debug("summary.unreachable week=%s skipped=%d", week, skipped)
    return Delivery(written, skipped)
