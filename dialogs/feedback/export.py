"""The answers to an item as a table and as a file: each committee's state and current answer, for the cards,
`medbot items export` and the download link of "Hent som Excel" / "Hent som CSV".

`answer_views` reads the stored versions once; the status card, the summary, `medbot items status` and the
CSV/Excel export (`export_table`) all show the same lines. `export_file` turns the table into the bytes of a file
that always opens: every stored text goes through `cell_text`, whatever an older row or the CLI stored.
`offer_download` is the button's turn: it answers with a short-lived link that the bot layer signs and serves
(`Turn.export_link`, bot/exports.py); the file itself is built when the link is opened.
"""

from __future__ import annotations

import csv
import io
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font
from sqlmodel import Session

from dialogs.base import Reply, Request, Response, Turn
from dialogs.cards import card, heading, open_url, text
from dialogs.feedback import rules, status_cards, texts, tracking
from dialogs.feedback.model import NOT_SENT, AnswerContent, CommitteeAnswer, Delivery, ItemContent
from dialogs.feedback.tracking import Attempt
from dialogs.hygiene import clean_text
from storage import feedback as store
from storage.feedback import FeedbackAnswer, FeedbackItem, ItemState

log = logging.getLogger(__name__)

Format = Literal["csv", "xlsx"]
FORMATS: tuple[Format, ...] = ("csv", "xlsx")
MEDIA_TYPES: dict[Format, str] = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
LINK_LIFETIME = timedelta(minutes=15)  # how long a download link works; the file is built when it is opened
EXCEL_CELL_LIMIT = 32_767  # Excel's most characters (UTF-16 code units) in one cell
# Excel and LibreOffice run a CSV field starting with one of these as a formula; a leading apostrophe keeps it text.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def answer_content(answer: FeedbackAnswer) -> AnswerContent:
    """A stored version as plain content."""
    return AnswerContent(meeting_date=answer.meeting_date, answers=tuple(answer.answers), remarks=answer.remarks)


def deliveries(session: Session, item_id: int, tz: ZoneInfo) -> dict[str, Delivery]:
    """Each committee's delivery, from the item's outbox rows (committees without any row are not listed)."""
    attempts: dict[str, list[Attempt]] = {}
    for row in store.delivery_rows(session, item_id):
        parts = row.dedupe_key.split(":")  # item:<item>:send|nudge:<committee>[:…]
        attempt = Attempt(row.dedupe_key, row.status, row.last_error, row.sent_at, to_person=not row.conversation_id)
        attempts.setdefault(parts[3], []).append(attempt)
    return {committee_id: tracking.delivery_of(rows, tz) for committee_id, rows in attempts.items()}


def answer_views(session: Session, item: FeedbackItem, tz: ZoneInfo) -> list[CommitteeAnswer]:
    """Each recipient committee's state: answered (on time), late (first answer after the deadline) or missing,
    with how its form was delivered and when the committee first worked with it."""
    assert item.id is not None
    history: dict[str, list[FeedbackAnswer]] = {}
    for version in store.versions_of(session, item.id):
        history.setdefault(version.committee_id, []).append(version)
    delivered = deliveries(session, item.id, tz) if item.state != "draft" else {}
    seen = store.seen_times(session, item.id)
    views: list[CommitteeAnswer] = []
    for committee in store.recipients_for(session, item):
        versions = history.get(committee.id, [])
        delivery = delivered.get(committee.id, NOT_SENT)
        first_seen = seen.get(committee.id)
        if not versions:
            seen_at = first_seen.astimezone(tz) if first_seen else None
            views.append(CommitteeAnswer(committee.id, committee.name, "missing", delivery=delivery, seen_at=seen_at))
            continue
        latest = versions[-1]
        if delivery.state != "delivered":  # an answer proves the form arrived (e.g. through a nudge)
            delivery = Delivery("delivered", at=versions[0].submitted_at.astimezone(tz), retries=delivery.retries)
        seen_moment = tracking.seen_moment(first_seen, versions[0].submitted_at)
        views.append(
            CommitteeAnswer(
                committee_id=committee.id,
                committee_name=committee.name,
                state="late" if versions[0].late else "answered",
                answer=answer_content(latest),
                submitted_at=latest.submitted_at.astimezone(tz),
                submitted_by=latest.submitted_by_name,
                versions=len(versions),
                delivery=delivery,
                seen_at=seen_moment.astimezone(tz) if seen_moment else None,
                earlier_wording=latest.revision < item.revision,
            )
        )
    return views


_MOMENT = "%Y-%m-%d %H:%M"


def _delivery(view: CommitteeAnswer) -> str:
    """'Leveret 2026-11-23 10:00', 'Sendes', or 'Ikke leveret: <why> <what to do>'."""
    delivery = view.delivery
    label = texts.DELIVERY_LABELS[delivery.state]
    if delivery.state == "failed":
        why, todo = status_cards.failure_text(delivery)
        return f"{label}: {why} {todo}".replace("**", "")
    if delivery.at is not None:
        return f"{label} {delivery.at.strftime(_MOMENT)}"
    return label


def export_table(content: ItemContent, views: list[CommitteeAnswer]) -> tuple[list[str], list[list[str]]]:
    """One row per committee, one column per question, Danish headers (for CSV and Excel)."""
    headers = [
        texts.EXPORT_COMMITTEE,
        texts.EXPORT_STATE,
        texts.MEETING,
        texts.EXPORT_SUBMITTED_AT,
        texts.EXPORT_SUBMITTED_BY,
        *(f"{n}. {q.text}" for n, q in enumerate(content.questions, start=1)),
        texts.REMARKS,
        texts.EXPORT_VERSIONS,
        texts.EXPORT_DELIVERY,
        texts.EXPORT_SEEN,
    ]
    rows: list[list[str]] = []
    for view in views:
        answer = view.answer
        answers = list(answer.answers) if answer else []
        answers += [""] * (len(content.questions) - len(answers))
        rows.append(
            [
                view.committee_name,
                status_cards.state_label(view),
                answer.meeting_date.isoformat() if answer else "",
                view.submitted_at.strftime(_MOMENT) if view.submitted_at else "",
                view.submitted_by,
                *(texts.answer_label(q, a) for q, a in zip(content.questions, answers, strict=True)),
                answer.remarks if answer else "",
                str(view.versions) if view.versions else "",
                _delivery(view),
                view.seen_at.strftime(_MOMENT) if view.seen_at else "",
            ]
        )
    return headers, rows


# --- the file --------------------------------------------------------------------------------------------------------


def _utf16_units(value: str) -> int:
    """The length Excel counts: characters outside the BMP (most emoji) take two UTF-16 code units."""
    return len(value) + sum(1 for character in value if ord(character) > 0xFFFF)


def _cut(value: str, limit: int) -> str:
    """`value` within `limit` UTF-16 code units, ending with the note that it was shortened."""
    room = limit - _utf16_units(texts.EXPORT_CUT)
    used = 0
    for index, character in enumerate(value):
        used += 2 if ord(character) > 0xFFFF else 1
        if used > room:
            return value[:index] + texts.EXPORT_CUT
    return value


def cell_text(value: str, fmt: Format) -> str:
    """Any stored text as one cell of the export: it never stops the file from being written or opened.

    Characters no file may hold go, as `dialogs.hygiene.clean_text` takes them from input (NUL, other control
    characters, lone surrogates: rows stored before input was cleaned, or items made from the CLI, may hold them;
    openpyxl would raise IllegalCharacterError, UTF-8 cannot encode a lone surrogate); the row always stays. In
    Excel a text longer than a cell holds is shortened with a note; in CSV a text that looks like a formula gets a
    leading apostrophe (in Excel the cell is typed as text instead, see `xlsx_bytes`). Emoji, right-to-left text,
    tabs and line breaks stay.
    """
    cleaned = clean_text(value)
    if fmt == "xlsx":
        return _cut(cleaned, EXCEL_CELL_LIMIT) if _utf16_units(cleaned) > EXCEL_CELL_LIMIT else cleaned
    return "'" + cleaned if cleaned.startswith(_FORMULA_STARTS) else cleaned


def csv_bytes(headers: list[str], rows: list[list[str]]) -> bytes:
    """UTF-8 with BOM and ';' between fields: what Danish Excel opens directly."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";")
    for row in [headers, *rows]:
        writer.writerow([cell_text(value, "csv") for value in row])
    return buffer.getvalue().encode("utf-8-sig")


def _text_cell(cell: Cell, value: str) -> None:
    """Text as text: never a formula, whatever the committee wrote."""
    cell.value = cell_text(value, "xlsx")
    cell.data_type = "s"
    cell.alignment = Alignment(wrap_text=True, vertical="top")


def xlsx_bytes(content: ItemContent, headers: list[str], rows: list[list[str]]) -> bytes:
    """Sheet 'Svar' (one row per committee) and sheet 'Høring' (the item and its questions)."""
    workbook = Workbook()
    answers = workbook.active
    assert answers is not None
    answers.title = texts.EXPORT_SHEET_ANSWERS
    for column, header in enumerate(headers, start=1):
        cell = answers.cell(row=1, column=column)
        _text_cell(cell, header)
        cell.font = Font(bold=True)
    for row_number, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            _text_cell(answers.cell(row=row_number, column=column), value)
    for column in range(1, len(headers) + 1):
        letter = answers.cell(row=1, column=column).column_letter
        answers.column_dimensions[letter].width = 45 if column > 5 else 24
    answers.freeze_panes = "B2"
    about = workbook.create_sheet(texts.EXPORT_SHEET_ITEM)
    facts = [
        (texts.EXPORT_TITLE, content.title),
        (texts.EXPORT_DEADLINE, content.deadline.isoformat()),
        (texts.EXPORT_BODY, content.body),
        *((texts.EXPORT_QUESTION.format(n=n), q.text) for n, q in enumerate(content.questions, start=1)),
    ]
    for row_number, (label, value) in enumerate(facts, start=1):
        _text_cell(about.cell(row=row_number, column=1), label)
        about.cell(row=row_number, column=1).font = Font(bold=True)
        _text_cell(about.cell(row=row_number, column=2), value)
    about.column_dimensions["A"].width = 18
    about.column_dimensions["B"].width = 100
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@dataclass(frozen=True)
class ExportFile:
    """One item's answers as a file: its name, media type and bytes."""

    filename: str
    media_type: str
    data: bytes
    committees: int


def exportable(item: FeedbackItem | None) -> bool:
    """Sent and closed items have answers to export; a draft (or an item that is gone) has none."""
    return item is not None and item.state in (ItemState.SENT, ItemState.CLOSED)


def export_file(session: Session, item_id: int, fmt: Format, tz: ZoneInfo) -> ExportFile | None:
    """The item's answers as CSV or Excel, read now; None when the item is not (or no longer) exportable."""
    item = store.get_item(session, item_id)
    if item is None or not exportable(item):
        return None
    content = store.content_of(session, item)
    headers, rows = export_table(content, answer_views(session, item, tz))
    data = csv_bytes(headers, rows) if fmt == "csv" else xlsx_bytes(content, headers, rows)
    return ExportFile(f"hoering-{item_id}.{fmt}", MEDIA_TYPES[fmt], data, len(rows))


# --- the download button ---------------------------------------------------------------------------------------------


def format_of(value: Any) -> Format | None:
    """The payload's `format`, when it is one the export writes."""
    return next((fmt for fmt in FORMATS if value == fmt), None)


def download_card(title: str, fmt: Format, url: str, until: datetime) -> dict[str, Any]:
    """The link to the file, with how long it works; opening it downloads the answers as they are then."""
    label = texts.EXPORT_FORMAT_LABELS[fmt]
    body = [
        heading(texts.EXPORT_READY, size="Medium"),
        text(texts.EXPORT_READY_OF.format(title=title, label=label)),
        text(texts.EXPORT_LINK_UNTIL.format(at=f"{until.hour}.{until.minute:02d}"), subtle=True),
    ]
    return card(body, [open_url(texts.EXPORT_OPEN.format(label=label), url)], fallback=texts.EXPORT_READY)


def offer_download(request: Request, turn: Turn) -> Response:
    """'Hent som Excel' / 'Hent som CSV': a link to the file as a new message (the clicked card stays).

    Changes nothing; who may is the route's check (the same as 'Se alle svar'). Refused with a Danish sentence when
    the item is unknown or a draft, the format is not one we write, or this process cannot serve links.
    """
    item_id = rules.parse_id(request.data.get("item_id"))
    item = store.get_item(turn.session, item_id) if item_id is not None else None
    if item is None or item.id is None or not exportable(item):
        return Response.say(texts.ITEM_UNKNOWN)
    fmt = format_of(request.data.get("format"))
    if fmt is None:
        return Response.say(texts.EXPORT_FORMAT_UNKNOWN.format(item_id=item.id))
    url = turn.export_link(item.id, fmt, request.now)
    if url is None:
        return Response.say(texts.EXPORT_UNAVAILABLE.format(item_id=item.id, fmt=fmt))
    log.info("feedback.export.link item=%s format=%s", item.id, fmt)
    card = download_card(item.title, fmt, url, turn.local(request.now + LINK_LIFETIME))
    return Response(replies=[Reply(text=texts.EXPORT_FOLLOWS.format(title=item.title)), Reply(card=card)])
