"""The rules of an item, as pure functions: reading and checking the forms, the deadline, the nudge dates.

No session and no clock: every function gets the values it judges (`today`, `now`, the known committees), so
Teams and `medbot items` apply the same rules and the tests need no database.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from dialogs.feedback import texts
from dialogs.feedback.model import (
    ALL_AFDELINGSMED,
    MAX_ANSWER_TOTAL,
    MAX_CHOICE,
    MAX_CHOICES,
    MAX_DEADLINE_AHEAD,
    MAX_ENTRY_ID,
    MAX_ID,
    MAX_LINK,
    MAX_QUESTION,
    MAX_QUESTIONS,
    MAX_TEXT,
    MAX_TITLE,
    MAX_WITHOUT_CONFIRMATION,
    MIN_CHOICES,
    NO,
    NUDGE_WORKING_DAYS,
    YES,
    AnswerContent,
    ItemContent,
    NudgeStage,
    QuestionKind,
    QuestionSpec,
)
from dialogs.hygiene import text_inputs
from dialogs.workdays import (
    CLOSED_DAYS,
    add_working_days,
    in_send_window,
    is_working_day,
    next_working_day,
    previous_working_day,
    send_time,
)
from knowledge.model import ENTRY_ID

_ITEM_FIELDS = ("title", "body", "link", "deadline", "recipients", "send_date", "send_time")

# --- the item form (shared with `medbot items create`) -------------------------------------------------------------


def item_problems(
    content: ItemContent,
    today: date,
    known_committees: Collection[str],
    *,
    own_committees: Collection[str] = (),
    entries: Collection[str] | None = None,
) -> list[str]:
    """Everything wrong with an item, in Danish; empty when it may be saved and sent.

    `own_committees` are KommuneMED's own ids (an item cannot go to its sender: said plainly, not "unknown");
    `entries` the knowledge base's entry ids, when known, so an unknown background id is refused.
    """
    problems: list[str] = []
    if not content.title.strip():
        problems.append(texts.TITLE_MISSING)
    elif len(content.title) > MAX_TITLE:
        problems.append(texts.TITLE_TOO_LONG.format(n=len(content.title)))
    if not content.body.strip():
        problems.append(texts.BODY_MISSING)
    elif len(content.body) > MAX_TEXT:
        problems.append(texts.BODY_TOO_LONG.format(n=len(content.body)))
    if content.deadline < today:
        problems.append(texts.DEADLINE_PAST)
    elif content.deadline > today + MAX_DEADLINE_AHEAD:
        problems.append(texts.DEADLINE_FAR)
    if not content.questions:
        problems.append(texts.QUESTIONS_MISSING)
    elif len(content.questions) > MAX_QUESTIONS:
        problems.append(texts.QUESTIONS_TOO_MANY)
    for n, question in enumerate(content.questions, start=1):
        if len(question.text) > MAX_QUESTION:
            problems.append(texts.QUESTION_TOO_LONG.format(n=n, k=len(question.text)))
        if question.kind == QuestionKind.CHOICE:
            if len(question.choices) < MIN_CHOICES:
                problems.append(texts.QUESTION_CHOICES_MISSING.format(n=n))
            elif len(question.choices) > MAX_CHOICES or any(len(c) > MAX_CHOICE for c in question.choices):
                problems.append(texts.QUESTION_CHOICES_TOO_MANY.format(n=n))
    if not content.to_all and not content.committee_ids:
        problems.append(texts.RECIPIENTS_MISSING)
    for committee_id in content.committee_ids:
        if committee_id in own_committees:
            problems.append(texts.RECIPIENT_KOMMUNEMED)
        elif committee_id not in known_committees:
            problems.append(texts.RECIPIENT_UNKNOWN.format(committee=committee_id))
    if content.link and (not content.link.startswith(("https://", "http://")) or len(content.link) > MAX_LINK):
        problems.append(texts.LINK_INVALID)
    if content.entry_id and (len(content.entry_id) > MAX_ENTRY_ID or not ENTRY_ID.match(content.entry_id)):
        problems.append(texts.LINK_INVALID)
    elif content.entry_id and entries is not None and content.entry_id not in entries:
        problems.append(texts.ENTRY_UNKNOWN.format(entry=content.entry_id))
    return list(dict.fromkeys(problems))


def send_at_problems(send_at: datetime | None, deadline: date, now: datetime, tz: ZoneInfo) -> list[str]:
    """What is wrong with a chosen send time: it must lie ahead, inside the send window (a working day, 09:00–
    16:00 local time: when the scheduler writes) and no later than the deadline day."""
    if send_at is None:
        return []
    local = send_at.astimezone(tz)
    problems: list[str] = []
    if send_at <= now:
        problems.append(texts.SEND_AT_PAST)
    if not is_working_day(local.date()):
        problems.append(texts.SEND_AT_CLOSED_DAY.format(day=texts.long_date(local.date())))
    elif not in_send_window(send_at, tz):
        problems.append(texts.SEND_AT_HOURS)
    if local.date() > deadline:
        problems.append(texts.SEND_AT_AFTER_DEADLINE)
    return problems


def read_send_at(date_value: str, time_value: str, tz: ZoneInfo) -> tuple[datetime | None, list[str]]:
    """The optional send time from the form's date and time fields (or the CLI's 'YYYY-MM-DD HH:MM'), as an aware
    moment; both empty: None (send when clicked)."""
    date_value, time_value = date_value.strip(), time_value.strip()
    if not date_value and not time_value:
        return None, []
    if not date_value or not time_value:
        return None, [texts.SEND_AT_INCOMPLETE]
    try:
        day = date.fromisoformat(date_value)
        clock = time.fromisoformat(time_value)
    except ValueError:
        return None, [texts.SEND_AT_INVALID]
    return datetime.combine(day, clock.replace(second=0, microsecond=0, tzinfo=None), tzinfo=tz), []


def needs_confirmation(count: int) -> bool:
    """A send to more than ten committees is confirmed twice, in Teams and on the command line."""
    return count > MAX_WITHOUT_CONFIRMATION


def split_choices(value: str) -> tuple[str, ...]:
    """'Ja, helt; Delvist; Nej' → the choices, blanks and repeats dropped."""
    seen: list[str] = []
    for part in re.split(r"[;\n]", value):
        choice = " ".join(part.split())
        if choice and choice not in seen:
            seen.append(choice)
    return tuple(seen)


def _link_or_entry(value: str) -> tuple[str, str]:
    """The form's one field: (link, entry_id) — a URL is a link, anything else a knowledge entry id."""
    value = value.strip()
    if value.lower().startswith(("https://", "http://")):
        return value, ""
    return "", value


def read_item_form(
    data: Mapping[str, Any],
    today: date,
    known_committees: Collection[str],
    *,
    own_committees: Collection[str] = (),
    entries: Collection[str] | None = None,
    now: datetime | None = None,
    tz: ZoneInfo | None = None,
) -> tuple[ItemContent | None, list[str], dict[str, str]]:
    """The submitted item form as content, or the problems; the raw values re-fill the form after an error.

    The optional send time ("Send den") is read when `now` and `tz` are given.
    """
    keys = [*_ITEM_FIELDS]
    for n in range(1, MAX_QUESTIONS + 1):
        keys += [f"question_{n}", f"kind_{n}", f"choices_{n}"]
    raw, wrong = text_inputs(data, keys)
    if wrong:
        return None, texts.not_text(wrong), raw
    problems: list[str] = []
    deadline = _read_date(raw.get("deadline", ""), texts.DEADLINE_MISSING, texts.DEADLINE_INVALID, problems) or today
    picked = [p.strip() for p in raw.get("recipients", "").split(",") if p.strip()]
    to_all = ALL_AFDELINGSMED in picked
    questions: list[QuestionSpec] = []
    for n in range(1, MAX_QUESTIONS + 1):
        question_text = raw.get(f"question_{n}", "").strip()
        if not question_text:
            continue
        kind_text = raw.get(f"kind_{n}", QuestionKind.TEXT.value) or QuestionKind.TEXT.value
        try:
            kind = QuestionKind(kind_text)
        except ValueError:
            problems.append(texts.QUESTION_KIND_UNKNOWN.format(n=len(questions) + 1))
            kind = QuestionKind.TEXT
        choices = split_choices(raw.get(f"choices_{n}", "")) if kind == QuestionKind.CHOICE else ()
        questions.append(QuestionSpec(text=question_text, kind=kind, choices=choices))
    link, entry_id = _link_or_entry(raw.get("link", ""))
    send_at: datetime | None = None
    if now is not None and tz is not None:
        send_at, wrong_time = read_send_at(raw.get("send_date", ""), raw.get("send_time", ""), tz)
        problems += wrong_time or send_at_problems(send_at, deadline, now, tz)
    content = ItemContent(
        title=raw.get("title", "").strip(),
        body=raw.get("body", "").strip(),
        deadline=deadline,
        questions=tuple(questions),
        to_all=to_all or not picked,
        committee_ids=() if to_all or not picked else tuple(dict.fromkeys(picked)),
        link=link,
        entry_id=entry_id,
        send_at=send_at,
    )
    if not picked:
        problems.append(texts.RECIPIENTS_MISSING)
    problems += item_problems(content, today, known_committees, own_committees=own_committees, entries=entries)
    if problems:
        return None, list(dict.fromkeys(problems)), raw
    return content, [], raw


# --- the committee's answer ----------------------------------------------------------------------------------------


def _read_date(value: str, missing: str, invalid: str, problems: list[str]) -> date | None:
    """A required ISO date from a card's Input.Date; adds the Danish problem when it is empty or malformed."""
    if not value.strip():
        problems.append(missing)
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        problems.append(invalid)
        return None


def read_answer_form(
    data: Mapping[str, Any], content: ItemContent, today: date
) -> tuple[AnswerContent | None, list[str], dict[str, str]]:
    """The committee's submitted form as an answer, or the problems (in Danish) and the raw values."""
    keys = ["meeting_date", "remarks"] + [f"answer_{n}" for n in range(1, len(content.questions) + 1)]
    raw, wrong = text_inputs(data, keys)
    if wrong:
        return None, texts.not_text(wrong), raw
    problems: list[str] = []
    meeting = _read_date(raw.get("meeting_date", ""), texts.MEETING_MISSING, texts.MEETING_INVALID, problems) or today
    if meeting > today:
        problems.append(texts.MEETING_FUTURE)
    answers: list[str] = []
    for n, question in enumerate(content.questions, start=1):
        value = raw.get(f"answer_{n}", "").strip()
        answers.append(value)
        if not value:
            problems.append(texts.ANSWER_MISSING.format(n=n))
        elif len(value) > MAX_TEXT:
            problems.append(texts.ANSWER_TOO_LONG.format(n=n, k=len(value)))
        elif question.kind != QuestionKind.TEXT and value not in _allowed_choices(question):
            problems.append(texts.ANSWER_NOT_A_CHOICE.format(n=n))
    remarks = raw.get("remarks", "").strip()
    if len(remarks) > MAX_TEXT:
        problems.append(texts.REMARKS_TOO_LONG.format(k=len(remarks)))
    total = sum(len(a) for a in answers) + len(remarks)
    if total > MAX_ANSWER_TOTAL and not problems:
        problems.append(texts.ANSWER_TOTAL_TOO_LONG.format(k=total))
    if problems:
        return None, problems, raw
    return AnswerContent(meeting_date=meeting, answers=tuple(answers), remarks=remarks), [], raw


def _allowed_choices(question: QuestionSpec) -> tuple[str, ...]:
    """The values a yes/no or choice question accepts (a free-text question accepts any text)."""
    if question.kind == QuestionKind.YES_NO:
        return (YES, NO)
    return question.choices


def same_channel(linked: str | None, conversation_id: str) -> bool:
    """A channel is the same whichever thread the card sits in (Teams adds ';messageid=…' per thread)."""
    return bool(linked) and str(linked).split(";")[0] == conversation_id.split(";")[0]


def parse_id(value: Any) -> int | None:
    """An id from a card payload; forged values (text, booleans, huge numbers) are None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, int) and 0 < value <= MAX_ID:
        return value
    return None


# --- the deadline --------------------------------------------------------------------------------------------------


def effective_deadline(deadline: date) -> date:
    """The last day committees really have: the deadline, or the next working day when it is not one."""
    return next_working_day(deadline)


def deadline_warning(deadline: date) -> str:
    """The warning for a deadline on a weekend, holiday or closed day ('' for a working day); the item is still
    accepted, and answers count as on time until the next working day (`is_late`)."""
    if is_working_day(deadline):
        return ""
    if deadline.weekday() >= 5:
        kind = "weekend"
    elif (deadline.month, deadline.day) in CLOSED_DAYS:
        kind = "closed"
    else:
        kind = "holiday"
    return texts.deadline_not_working_day(deadline, effective_deadline(deadline), kind)


def is_late(deadline: date, today: date) -> bool:
    """An answer after the deadline day (moved to the next working day when it is none) is late: a first answer
    is taken and marked, a change is refused."""
    return today > effective_deadline(deadline)


def first_nudge(deadline: date) -> date:
    """The day of the first nudge: three working days before the deadline."""
    return add_working_days(deadline, -NUDGE_WORKING_DAYS)


def nudge_stages(deadline: date, tz: ZoneInfo) -> list[tuple[NudgeStage, datetime]]:
    """(stage, when): three working days before the deadline and on the deadline day (the working day before
    it, when the deadline falls on a weekend or holiday), 09:00 local time."""
    return [
        ("3d", send_time(first_nudge(deadline), tz)),
        ("deadline", send_time(previous_working_day(deadline), tz)),
    ]


def planned_nudges(deadline: date, send_moment: datetime, tz: ZoneInfo) -> list[datetime]:
    """The nudges that will really go out for an item sent at `send_moment` (the preview lists these): a stage
    due before the item leaves is skipped by `due_nudge`, so it is not promised either."""
    return [at for _stage, at in nudge_stages(deadline, tz) if send_moment < at]


def due_nudge(deadline: date, sent_at: datetime, now: datetime, tz: ZoneInfo) -> NudgeStage | None:
    """The latest nudge due now, if any: after downtime one nudge, not two; none for a stage that was due before
    the item was sent, and none after the deadline day."""
    if is_late(deadline, now.astimezone(tz).date()):
        return None
    due = [stage for stage, at in nudge_stages(deadline, tz) if sent_at < at <= now]
    return due[-1] if due else None


def summary_time(deadline: date, tz: ZoneInfo) -> datetime:
    """The creator's summary: 09:00 on the first working day after the (effective) deadline."""
    return send_time(next_working_day(effective_deadline(deadline) + timedelta(days=1)), tz)
