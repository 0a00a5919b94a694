"""The rules of a feedback round as plain functions: nudge and summary times, reading the forms, the export table."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from alembic import command
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from dialogs import feedback
from dialogs.feedback import status_cards, texts
from dialogs.organisation import parse_organisation
from storage import feedback as store
from storage.db import alembic_config, make_engine, session_scope, upgrade
from storage.feedback import AnswerContent, ItemContent, QuestionKind, QuestionSpec
from storage.org import import_organisation
from storage.outbox import OutboxMessage
from tests.support.feedback import AFDELINGSMED, item_inputs
from tests.support.service import ORGANISATION

TZ = ZoneInfo("Europe/Copenhagen")
TODAY = date(2026, 11, 23)


def local(day: date, hour: int = 9) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=TZ)


@pytest.mark.parametrize(
    ("deadline", "three_days_before", "on_the_day"),
    [
        (date(2026, 12, 10), date(2026, 12, 7), date(2026, 12, 10)),
        (date(2026, 12, 12), date(2026, 12, 9), date(2026, 12, 11)),
        (date(2027, 3, 30), date(2027, 3, 22), date(2027, 3, 30)),
        (date(2027, 1, 4), date(2026, 12, 28), date(2027, 1, 4)),
    ],
    ids=["thursday", "saturday-deadline-nudges-friday", "easter-is-skipped", "christmas-and-new-year-skipped"],
)
def test_nudges_come_three_working_days_before_and_on_the_last_working_day_at_nine(
    deadline: date, three_days_before: date, on_the_day: date
) -> None:
    assert feedback.nudge_stages(deadline, TZ) == [("3d", local(three_days_before)), ("deadline", local(on_the_day))]


@pytest.mark.parametrize(
    ("deadline", "summary"),
    [
        (date(2026, 12, 10), date(2026, 12, 11)),
        (date(2026, 12, 18), date(2026, 12, 21)),
        (date(2026, 12, 23), date(2026, 12, 28)),
    ],
    ids=["next-day", "over-the-weekend", "over-christmas"],
)
def test_the_summary_comes_at_nine_on_the_first_working_day_after_the_deadline(deadline: date, summary: date) -> None:
    assert feedback.summary_time(deadline, TZ) == local(summary)


def test_item_form_reads_choices_link_and_all_afdelingsmed() -> None:
    content, problems, _raw = feedback.read_item_form(
        item_inputs(recipients="afdelingsmed-oes,all", link="https://intra.example/kutyme", choices_3="A; A;\nB ;"),
        TODAY,
        set(AFDELINGSMED),
    )
    assert problems == [] and content is not None
    assert content.to_all and content.committee_ids == ()
    assert content.link == "https://intra.example/kutyme" and content.entry_id == ""
    assert content.questions[2] == QuestionSpec("Hvordan vil I implementere det?", QuestionKind.CHOICE, ("A", "B"))


def test_item_form_takes_a_knowledge_entry_id_and_chosen_committees() -> None:
    content, problems, _raw = feedback.read_item_form(
        item_inputs(recipients="afdelingsmed-oes,afdelingsmed-bae", link="fridage-kutyme"), TODAY, set(AFDELINGSMED)
    )
    assert problems == [] and content is not None
    assert content.entry_id == "fridage-kutyme" and not content.to_all
    assert content.committee_ids == ("afdelingsmed-oes", "afdelingsmed-bae")


def test_item_form_lists_every_problem_at_once_and_keeps_what_was_typed() -> None:
    content, problems, raw = feedback.read_item_form(
        item_inputs(title="", deadline="2026-11-01", question_1="x" * 501), TODAY, set(AFDELINGSMED)
    )
    assert content is None
    assert problems == [texts.TITLE_MISSING, texts.DEADLINE_PAST, texts.QUESTION_TOO_LONG.format(n=1, k=501)]
    assert raw["question_1"] == "x" * 501 and raw["deadline"] == "2026-11-01"


def test_deadline_a_year_ahead_is_refused() -> None:
    content = ItemContent("T", "B", TODAY + timedelta(days=400), (QuestionSpec("?"),))
    assert feedback.item_problems(content, TODAY, set()) == [texts.DEADLINE_FAR]


def test_answer_form_trims_and_checks_against_the_questions() -> None:
    content = ItemContent(
        "T",
        "B",
        date(2026, 12, 10),
        (
            QuestionSpec("?"),
            QuestionSpec("ja?", QuestionKind.YES_NO),
            QuestionSpec("valg?", QuestionKind.CHOICE, ("A", "B")),
        ),
    )
    data = {"meeting_date": "2026-11-20", "answer_1": "  svar  ", "answer_2": "nej", "answer_3": "B", "remarks": " "}
    answer, problems, _raw = feedback.read_answer_form(data, content, TODAY)
    assert problems == []
    assert answer == AnswerContent(date(2026, 11, 20), ("svar", "nej", "B"), "")


def test_an_answer_over_ten_thousand_characters_in_all_is_refused_though_each_field_is_within_its_limit() -> None:
    content = ItemContent("T", "B", date(2026, 12, 10), tuple(QuestionSpec(f"{n}?") for n in range(1, 4)))
    data = {"meeting_date": "2026-11-20", **{f"answer_{n}": "x" * 3500 for n in range(1, 4)}}
    answer, problems, _raw = feedback.read_answer_form(data, content, TODAY)
    assert answer is None
    assert problems == [texts.ANSWER_TOTAL_TOO_LONG.format(k=10500)]


def test_the_same_answer_has_the_same_fingerprint_and_any_change_another() -> None:
    answer = AnswerContent(date(2026, 11, 20), ("svar",), "")
    assert answer.fingerprint == AnswerContent(date(2026, 11, 20), ("svar",), "").fingerprint
    assert answer.fingerprint != AnswerContent(date(2026, 11, 21), ("svar",), "").fingerprint
    assert answer.fingerprint != AnswerContent(date(2026, 11, 20), ("svar",), "!").fingerprint


# --- evaluate on a real SQLite file -------------------------------------------------------------------------------


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    url = f"sqlite:///{tmp_path / 'medbot.db'}"
    upgrade(url)
    engine = make_engine(url)
    with session_scope(engine) as session:
        import_organisation(session, parse_organisation(ORGANISATION), datetime(2026, 11, 1, tzinfo=UTC))
    yield engine
    engine.dispose()


def sent_item(engine: Engine, sent_at: datetime, deadline: date = date(2026, 12, 10)) -> int:
    with session_scope(engine) as session:
        item = store.save_draft(
            session,
            ItemContent("Kutymefridage", "Drøft det.", deadline, (QuestionSpec("Hvad betyder det?"),)),
            creator_aad_id="00000000-0000-4000-8000-000000000003",
            creator_name="Camilla Fiktivsen",
            tenant_id="tenant-1",
            now=sent_at,
        )
        feedback.send_item(session, item, sent_at, TZ)
        assert item.id is not None
        return item.id


def evaluate(engine: Engine, now: datetime) -> int:
    with session_scope(engine) as session:
        return feedback.evaluate(session, now, TZ)


def keys(engine: Engine, part: str) -> list[str]:
    with Session(engine) as session:
        return sorted(k for k in session.exec(select(OutboxMessage.dedupe_key)) if part in k)


def test_after_downtime_only_the_latest_due_nudge_goes_out(engine: Engine) -> None:
    item_id = sent_item(engine, local(TODAY))
    assert evaluate(engine, local(date(2026, 12, 10), 11)) == 7
    assert keys(engine, ":nudge:") == sorted(f"item:{item_id}:nudge:{c}:deadline:2026-12-10" for c in AFDELINGSMED)


def test_no_nudge_after_the_deadline_day_and_no_first_nudge_for_an_item_sent_after_it(engine: Engine) -> None:
    late_sent = sent_item(engine, local(date(2026, 12, 8), 10))
    assert evaluate(engine, local(date(2026, 12, 8), 12)) == 0
    assert evaluate(engine, local(date(2026, 12, 11), 8)) == 0
    assert keys(engine, ":nudge:") == []
    assert evaluate(engine, local(date(2026, 12, 11), 9)) == 1
    assert keys(engine, "summary") == [f"item:{late_sent}:summary:2026-12-10"]


def test_a_nudge_missed_after_working_hours_goes_out_the_next_working_morning(engine: Engine) -> None:
    item_id = sent_item(engine, local(TODAY))
    assert evaluate(engine, local(date(2026, 12, 7), 17)) == 0
    assert evaluate(engine, local(date(2026, 12, 8), 8)) == 0
    assert evaluate(engine, local(date(2026, 12, 8), 9)) == 7
    assert keys(engine, ":nudge:") == sorted(f"item:{item_id}:nudge:{c}:3d:2026-12-10" for c in AFDELINGSMED)


def test_closed_item_gets_no_nudges_and_no_summary(engine: Engine) -> None:
    item_id = sent_item(engine, local(TODAY))
    with session_scope(engine) as session:
        item = store.get_item(session, item_id)
        assert item is not None
        store.close_item(session, item, local(TODAY, 12))
    assert evaluate(engine, local(date(2026, 12, 7))) == 0
    assert evaluate(engine, local(date(2026, 12, 14))) == 0


def test_export_table_has_a_row_for_every_committee_and_yes_no_in_words(engine: Engine) -> None:
    item_id = sent_item(engine, local(TODAY))
    with session_scope(engine) as session:
        store.record_answer(
            session,
            item_id=item_id,
            committee_id="afdelingsmed-oes",
            content=AnswerContent(date(2026, 11, 30), ("Vagtplaner.",), "Tak."),
            by_aad="",
            by_name="Frederik Fiktivsen",
            at=datetime(2026, 11, 30, 14, 5, tzinfo=UTC),
            late=False,
        )
        item = store.get_item(session, item_id)
        assert item is not None
        headers, rows = feedback.export_table(store.content_of(session, item), feedback.answer_views(session, item, TZ))
    assert headers[5:] == ["1. Hvad betyder det?", "Øvrige bemærkninger", "Antal versioner", "Levering", "Set"]
    assert len(rows) == 7
    oes = next(r for r in rows if r[0] == "AfdelingsMED Økonomi & Stab")
    assert oes == [
        "AfdelingsMED Økonomi & Stab",
        "Besvaret",
        "2026-11-30",
        "2026-11-30 15:05",
        "Frederik Fiktivsen",
        "Vagtplaner.",
        "Tak.",
        "1",
        "Leveret 2026-11-30 15:05",  # no outbox row was sent in this test, but the answer proves it arrived
        "2026-11-30 15:05",  # seen: no earlier interaction, so the answer's time
    ]
    assert texts.answer_label(QuestionSpec("?", QuestionKind.YES_NO), "ja") == "Ja"


@pytest.mark.parametrize(
    ("deadline", "shown"),
    [
        (date(2026, 12, 4), "fredag den 4. december 2026"),  # a working day: as written
        (date(2026, 12, 5), "mandag den 7. december 2026"),  # a Saturday: the next working day, as the warning says
    ],
)
def test_a_receipt_says_the_last_day_committees_really_have(deadline: date, shown: str) -> None:
    content = ItemContent("T", "B", deadline, (QuestionSpec("?"),))
    card = status_cards.receipt_card(
        1,
        "c",
        "Udvalg",
        content,
        AnswerContent(date(2026, 11, 20), ("svar",), ""),
        submitted_at=datetime(2026, 12, 1, 9, tzinfo=UTC),
        submitted_by="Frederik",
        late=False,
        version=1,
        can_edit=True,
    )
    said = [b["text"] for b in card["body"] if b.get("type") == "TextBlock"]
    assert texts.EDITABLE_UNTIL.format(deadline=shown) in said


def test_the_migration_names_the_deadline_in_keys_written_before_it_and_takes_it_out_again(
    engine: Engine, tmp_path: Path
) -> None:
    """Rows written before 0013 keep blocking their nudge and summary after the upgrade: none is sent twice."""
    item_id = sent_item(engine, local(TODAY))
    evaluate(engine, local(date(2026, 12, 7)))
    evaluate(engine, local(date(2026, 12, 11)))
    new_keys = keys(engine, f"item:{item_id}:")
    config = alembic_config(f"sqlite:///{tmp_path / 'medbot.db'}")

    command.downgrade(config, "0011")
    old_keys = keys(engine, f"item:{item_id}:")
    assert [k for k in old_keys if ":nudge:" in k] == sorted(f"item:{item_id}:nudge:{c}:3d" for c in AFDELINGSMED)
    assert f"item:{item_id}:summary" in old_keys and len(old_keys) == len(new_keys)

    command.upgrade(config, "heads")
    assert keys(engine, f"item:{item_id}:") == new_keys
    assert evaluate(engine, local(date(2026, 12, 8))) == 0
