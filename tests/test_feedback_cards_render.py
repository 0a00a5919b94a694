"""Feedback-round cards at the limits the dialogs allow, through the real Adaptive Cards renderer (tests/cards/).

The card catalogue (tests/cards/catalog.py) renders every feedback card with realistic and worst-case data; this
module adds the extremes that decide the size rules of dialogs/feedback/status_cards.py: an answer of 10,000 characters
in its receipt and pre-filled form, and the status and summary for 40 committees. The checks are the catalogue's:
parses as 1.5 without warnings, no ignored property, no text cut off or turned into a list, Universal Actions
with the medbot payload, small enough for a Teams message. Pictures land in var/cards/feedback/.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.config import PROJECT_ROOT
from dialogs.base import PAYLOAD_VERSION
from dialogs.feedback import cards, status_cards, texts
from dialogs.feedback.model import CommitteeAnswer
from storage.feedback import AnswerContent, ItemContent, QuestionKind, QuestionSpec
from tests.cards.harness import actions_in, render_cards, require_tools, result_for
from tests.support.feedback import AFDELINGSMED

TZ = ZoneInfo("Europe/Copenhagen")
TODAY = date(2026, 11, 23)
DEADLINE = date(2026, 12, 10)
PICTURES = PROJECT_ROOT / "var" / "cards" / "feedback"
MAX_CARD_BYTES = 25 * 1024
SENTENCE = (
    "Udvalget har drøftet ophøret af kutymefridagene grundigt og er enige om, at vagtplanerne på de døgnbemandede "
    "arbejdspladser skal lægges om, og at medarbejderne skal høres på et personalemøde før jul. "
)


def long(length: int) -> str:
    return (SENTENCE * (length // len(SENTENCE) + 1))[:length].rstrip()


WORST = ItemContent(
    title=long(200),
    body=long(4000),
    deadline=DEADLINE,
    questions=(
        *(QuestionSpec(long(500)) for _ in range(3)),
        QuestionSpec(long(500), QuestionKind.YES_NO),
        QuestionSpec(long(500), QuestionKind.CHOICE, tuple(long(100)[:-3] + f" {n}" for n in range(10))),
    ),
    entry_id="fridage-kutymefridage-2025",
)
NAMES = list(AFDELINGSMED.values())
SHORT_ANSWER = AnswerContent(date(2026, 11, 30), ("Vagtplanerne skal lægges om.", "ja", "Personalemøde"), "")
# 10,000 characters in all: the most one committee may write.
LONG_ANSWER = AnswerContent(
    date(2026, 11, 30), (long(3000), long(2000), long(2000), "nej", WORST.questions[4].choices[9]), long(2900)
)
AT = datetime(2026, 11, 30, 14, 5, tzinfo=TZ)


def views(answer: AnswerContent, count: int = 7, answered: int = 5) -> list[CommitteeAnswer]:
    result = []
    for n in range(count):
        name = (NAMES * 10)[n] + ("" if n < len(NAMES) else f" {n}")
        if n < answered:
            result.append(
                CommitteeAnswer(f"c{n}", name, "late" if n == 1 else "answered", answer, AT, "Frederik Fiktivsen", 2)
            )
        else:
            result.append(CommitteeAnswer(f"c{n}", name, "missing"))
    return result


@dataclass(frozen=True)
class Sample:
    name: str
    card: dict[str, Any]


def samples() -> Iterator[Sample]:
    committees = [(f"c{n}", name) for n, name in enumerate(NAMES)]
    yield Sample(
        "hoering-formular-fejl",
        cards.item_form(
            committees,
            TODAY,
            item_id=12,
            errors=[texts.TITLE_MISSING, texts.DEADLINE_PAST, texts.QUESTION_CHOICES_MISSING.format(n=3)],
            raw={"title": "", "body": long(4000), "deadline": "2026-11-01"},
        ),
    )
    yield Sample(
        "svarformular-rettes-10000-tegn",
        cards.answer_form(
            12,
            "c0",
            NAMES[5],
            WORST,
            date(2026, 12, 11),
            answer=LONG_ANSWER,
            errors=[texts.MEETING_FUTURE, *(texts.ANSWER_MISSING.format(n=n) for n in range(1, 6))],
            note=texts.nudge_note(DEADLINE, DEADLINE),
        ),
    )
    yield Sample(
        "kvittering-10000-tegn",
        status_cards.receipt_card(
            12,
            "c0",
            NAMES[5],
            WORST,
            LONG_ANSWER,
            submitted_at=AT,
            submitted_by="Frederik Fiktivsen",
            late=True,
            version=3,
            can_edit=False,
        ),
    )
    yield Sample("status-40-udvalg", status_cards.status_card(12, WORST, views(SHORT_ANSWER, 40, 30), sent_on=TODAY))
    yield Sample(
        "opsummering-10000-tegn",
        status_cards.answers_card(
            12, WORST, views(LONG_ANSWER), today=date(2026, 12, 11), can_close=True, intro=texts.SUMMARY_INTRO
        ),
    )
    yield Sample(
        "alle-svar-40-udvalg",
        status_cards.answers_card(12, WORST, views(LONG_ANSWER, 40, 40), today=TODAY, closed_on=TODAY),
    )


SAMPLES = list(samples())
by_name = pytest.mark.parametrize("sample", SAMPLES, ids=lambda s: s.name)


@pytest.fixture(scope="module")
def rendered() -> dict[str, Any]:
    tools = require_tools("adaptivecards", "markdown-it", "playwright-core")
    return render_cards(tools, {s.name: s.card for s in SAMPLES}, PICTURES)


@by_name
def test_feedback_card_parses_and_renders_without_any_warning(rendered: dict[str, Any], sample: Sample) -> None:
    result = result_for(rendered, sample.name)
    assert result["events"] == [], "the renderer warned while parsing or validating"
    assert result["ignored"] == [], "the renderer ignores these properties"
    assert result["pageErrors"] == []
    assert result["rendered"] and result["height"] > 0


@by_name
def test_feedback_card_shows_all_its_text_as_written_at_teams_card_width(
    rendered: dict[str, Any], sample: Sample
) -> None:
    result = result_for(rendered, sample.name)
    assert result["clipped"] == [], "text or button titles are cut off"
    assert result["accidentalLists"] == [], "Markdown made a numbered list of text starting with a number and a period"


@by_name
def test_feedback_card_buttons_are_universal_actions_with_the_medbot_payload(
    rendered: dict[str, Any], sample: Sample
) -> None:
    executes = [a for a in actions_in(sample.card) if a["type"] == "Action.Execute"]
    recognised = [a for a in result_for(rendered, sample.name)["actions"] if a["universal"]]
    assert [(a["title"], a["verb"]) for a in executes] == [(a["title"], a["verb"]) for a in recognised]
    for action in executes:
        assert action["data"]["medbot"] == action["verb"] and action["data"]["v"] == PAYLOAD_VERSION
        assert action["verb"].startswith("feedback.")
        assert "item_id" in action["data"] or action["verb"] == "feedback.draft"


@by_name
def test_feedback_card_fits_in_a_teams_message(sample: Sample) -> None:
    assert sample.card["version"] == "1.5"
    size = len(json.dumps(sample.card).encode("utf-8"))
    assert size <= MAX_CARD_BYTES, f"{size} bytes"


@by_name
def test_feedback_card_input_ids_are_unique(sample: Sample) -> None:
    ids = [a["id"] for a in _inputs(sample.card)]
    assert len(ids) == len(set(ids))


def _inputs(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        if str(node.get("type", "")).startswith("Input."):
            yield node
        for value in node.values():
            yield from _inputs(value)
    elif isinstance(node, list):
        for item in node:
            yield from _inputs(item)
